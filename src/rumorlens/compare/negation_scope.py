"""What a negation bears on, and whether the other version states it:
the scope test of the polarity check (compare.polarity) for beads where
the encoder's ablation cannot tell a flipped negation from a litotes.

A cue's scope is the first content words after it in its clause
(:func:`_scope`); the other side states them when its words render them
(a shared dictionary key, or the encoder's word similarity) with nothing
negating them (:func:`_stated`).  A double negation, a negated antonym
(litotes) or a negation the other side carries in another word ('failed
to', « faute de », 缺乏) is no reversal.  Word lists: models/compare/cues.json
(negation: zh particles, scope_words, scope_min_kept, implicit_negation);
the word similarity bar: models/thresholds/checks.json
polarity_scope_word_similarity."""
from __future__ import annotations

import functools
import re

from ..lexicons import wordnet
from ..lexicons.dictionaries import english_keys
from ..lexicons.words import is_content, word_lists, words
from ..mentions import lexicon
from .cues import affixal_negations, cue_lists, negations, not_negations, word_spans
from .pair import Side
from .thresholds import thresholds


@functools.lru_cache(maxsize=None)
def _clause_end(lang: str) -> re.Pattern:
    """Where a clause ends: its language's clause punctuation as
    rumorlens.clauses cuts at it (models/lexicons/clauses.json ``punct``;
    a Latin mark only before white space, so 1,200 and 23:35 stay whole),
    a sentence end or a line break."""
    punct = re.escape(lexicon.load("clauses").get(lang, lexicon.load("clauses")["en"])["punct"])
    if lang == "zh":
        return re.compile(r"[" + punct + r"]+(?!\d)|[。！？!?\n]")
    return re.compile(r"[" + punct + r".!?](?=\s|$)|\n")


def _implicit_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` that negate without a negation word
    (cues.json ``implicit_negation``: 'failed to', « faute de », 缺乏).
    Chinese has no spaces: there a listed word counts only where it starts
    and ends at word boundaries of the segmenter (lexicons.words), so 少
    'few' is not read inside 减少 'reduce', nor 太 'too' inside 太空
    'space' (a trial's « n'a pas réduit » / 减少了 went unreported: 少
    blocked the clause that states what the negation bears on)."""
    spans = word_spans(text, cue_lists()["negation"]["implicit_negation"].get(lang, ()), lang)
    if lang != "zh" or not spans:
        return spans
    ws = words(text, lang)
    starts, ends = {w.start for w in ws}, {w.end for w in ws}
    return [(a, b) for a, b in spans if a in starts and b in ends]


def _clause(text: str, pos: int, lang: str) -> tuple[int, int]:
    """The clause of ``text`` around offset ``pos`` (:func:`_clause_end`)."""
    ends = _clause_end(lang)
    starts = [m.end() for m in ends.finditer(text, 0, pos)]
    stop = ends.search(text, pos)
    return (starts[-1] if starts else 0), (stop.start() if stop else len(text))


def _scope(side: Side, cue: tuple[int, int]) -> list:
    """The content words a negation cue (offsets in ``side.text``) bears
    on: those after it, to the end of its clause or the next cue, at most
    cues.json ``scope_words``; none when the cue sits inside a Chinese word
    that is not only a negation (不足 'insufficient', 无法 'unable':
    cues.json zh ``particles``)."""
    spec = cue_lists()["negation"]
    ws = side.words()
    if side.lang == "zh":
        own = next((w for w in ws if w.start <= cue[0] < w.end), None)
        if own is None or own.text not in spec["zh"]["particles"]:
            return []
    end = min([_clause(side.text, cue[1], side.lang)[1]] + [a for a, _ in negations(side.text, side.lang) if a >= cue[1]])
    # a conjunction starts another clause ("earning next to nothing and yet it was a job")
    joins = set(lexicon.load("clauses")[side.lang]["conjunctions"])
    end = min([end] + [w.start for w in ws if w.start >= cue[1] and w.text.casefold() in joins])
    # names are the entity check's (and a name kept says nothing of what is negated)
    names = [(m.start - side.start, m.end - side.start) for m in side.mentions if m.kind == "entity"]
    return [w for w in ws if cue[1] <= w.start and w.end <= end and is_content(w, side.lang)
            and not any(c.isdigit() for c in w.text)
            and not any(a <= w.start < b for a, b in names)][:spec["scope_words"]]


def bears_on(side: Side, spans: list[tuple[int, int]], offset: int) -> bool:
    """Is the word at ``offset`` (in ``side.text``) among those a negation
    cue of ``spans`` bears on (:func:`_scope`)?"""
    return any(w.start <= offset < w.end for cue in spans if cue[1] <= offset for w in _scope(side, cue))


def _stated(other: Side) -> list:
    """The content words of ``other`` that nothing negates: no negation cue
    just before (words.json ``negation_reach``), no affixally negated word
    (malaria-free) and no word that negates without a negation word in
    their clause (cues.json ``implicit_negation``)."""
    reach = word_lists()["negation_reach"][other.lang]
    cues = negations(other.text, other.lang)
    # 'not only', 'whether or not' (cues.json not_negation) state nothing either
    blocked = [_clause(other.text, a, other.lang) for a, _ in not_negations(other.text, other.lang)]
    blocked += [_conjunct(other, a) for a, _ in _implicit_spans(other.text, other.lang)]
    blocked += affixal_negations(other.text, other.lang)
    return [o for o in other.words()
            if is_content(o, other.lang) and not any(b <= o.start and o.start - b <= reach for _, b in cues)
            and not any(a <= o.start < b for a, b in blocked)]


def _conjunct(side: Side, pos: int) -> tuple[int, int]:
    """The part of the clause around offset ``pos`` (in ``side.text``)
    from the last conjunction before it (clauses.json ``conjunctions``):
    what a word that negates without a negation word may bear on.  'lost'
    in "you've adapted to the new culture and lost some of your habits"
    says nothing of 'adapted' (a source-side break test, session 47:
    还没有适应新的文化 against it was silent)."""
    start, end = _clause(side.text, pos, side.lang)
    joins = set(lexicon.load("clauses")[side.lang]["conjunctions"])
    before = [w.start for w in side.words() if start <= w.start < pos and w.text.casefold() in joins]
    return (max(before) if before else start), end


def _opposed(keys: frozenset[str], others: frozenset[str]) -> bool:
    """Does a WordNet antonym of one of ``keys`` (English stems) stand
    among ``others`` (forget / remember)?  The encoder puts antonyms close."""
    return any(a & others for k in sorted(keys) for _, a in wordnet.antonyms(k))


def single_negations(side: Side, spans: list[tuple[int, int]], grading: bool = True) -> list[tuple[int, int]]:
    """The cues of ``spans`` that are no part of a double negation: a cue
    whose next cue follows it within its reach with no content word between
    negates that cue, and the two cancel (« n'était pas sans rappeler »,
    'not without', 并非没有: a litotes, the same claim as the other
    side's plain statement); so does a cue whose first scope word is
    negated by an affix ('not unlike', « pas inutile ») and one that bears
    on a degree word (:func:`_on_a_degree`), unless ``grading`` is False
    (then double negations only)."""
    return [cue for cue, _ in _scoped_singles(side, spans, grading)]


def _scoped_singles(side: Side, spans: list[tuple[int, int]], grading: bool) -> list[tuple[tuple[int, int], list]]:
    """:func:`single_negations` with each cue's scope (:func:`_scope`;
    empty when ``grading`` is False and no double negation needed it)."""
    # the second cue within a cue's reach (words.json negation_reach): « n'était
    # pas sans », 并非没有; two clauses' negations stand apart (« n'est pas le
    # fait qu'Emin ne sache pas »)
    reach = word_lists()["negation_reach"][side.lang]
    out, skip = [], set()
    ordered = sorted(spans)
    affixed = affixal_negations(side.text, side.lang) if grading else []
    for k, cue in enumerate(ordered):
        if k in skip:
            continue
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        scope = _scope(side, cue) if grading or nxt is not None else []
        if nxt is not None and not scope and nxt[0] - cue[1] <= reach:
            skip.add(k + 1)
            continue
        if grading and scope and any(a <= scope[0].start < b for a, b in affixed):
            continue  # 'not unlike', « pas inutile »: the cue negates a negated word
        if grading and _on_a_degree(side, cue, scope):
            continue  # 'never seen such a consistent effect': 'the most consistent'
        out.append((cue, scope))
    return out


def _on_a_degree(side: Side, cue: tuple[int, int], scope: list) -> bool:
    """Does a degree word (cues.json ``negated_degree``: such, so, ever;
    « tel », « aussi »; 如此) stand between the cue and its second scope
    word?  The negation then grades ('never … such' is 'the most'), it
    does not reverse."""
    end = scope[1].start if len(scope) > 1 else _clause(side.text, cue[1], side.lang)[1]
    return bool(word_spans(side.text[cue[1]:end], cue_lists()["negated_degree"].get(side.lang, ()), side.lang))


def never_so(side: Side, spans: list[tuple[int, int]], comparatives: tuple[int, ...] | list[int] = ()) -> bool:
    """Does every cue of ``spans`` say 'never ... so': a negation of every
    time in its clause (cues.json ``never_negations``: never, jamais, 从未)
    bearing on a degree word of equality (:func:`_on_a_degree`: so, aussi,
    如此) or on a comparative (``comparatives``: offsets in ``side.text``
    of the side's comparative cues, 'never been higher')?  Such a clause
    says the superlative, 'the highest ever' (cues.json _comment_never_so)."""
    never = cue_lists()["never_negations"].get(side.lang, ())
    if not spans or not never:
        return False
    for cue in spans:
        a, b = _clause(side.text, cue[0], side.lang)
        if not word_spans(side.text[a:b], never, side.lang):
            return False
        if not (_on_a_degree(side, cue, _scope(side, cue)) or any(cue[1] <= o < b for o in comparatives)):
            return False
    return True


def kept_scope(side: Side, other: Side, spans: list[tuple[int, int]], sim=None) -> list[tuple[object, object]]:
    """Word pairs (scope word, its rendering) showing that ``other`` states
    what a negation cue of ``side`` (``spans``) negates, with nothing
    negating it (:func:`_stated`): at least cues.json ``scope_min_kept`` of
    the cue's scope words (:func:`_scope`), and at least half of them, are
    rendered there.  A rendering shares an English dictionary key with the
    scope word (rumorlens.lexicons.dictionaries) or, with an encoder
    (``sim``, a phrase similarity), is the other side's word closest to it
    at checks.json ``polarity_scope_word_similarity`` or more.  Empty when
    no cue's scope is kept so."""
    theirs = {o: english_keys(o, other.lang) for o in _stated(other)}
    if not theirs:
        return []
    least = cue_lists()["negation"]["scope_min_kept"]
    bar = thresholds()["polarity_scope_word_similarity"]
    for _, scope in _scoped_singles(side, spans, grading=True):
        kept, used = [], set()
        for w in scope:
            keys = english_keys(w, side.lang)
            free = [(o, ks) for o, ks in theirs.items() if o.start not in used]
            hit = next((o for o, ks in free if keys & ks), None)
            if hit is None and sim is not None and free:
                best = max(free, key=lambda x: (sim(w.text, x[0].text), -x[0].start))[0]
                hit = best if sim(w.text, best.text) >= bar else None
            if hit is not None and _opposed(keys, theirs[hit]):
                return []  # « n'oubliez pas » / 记住 'remember': a litotes, the same claim
            if hit is not None:
                used.add(hit.start)
                kept.append((w, hit))
        if len(kept) >= least and 2 * len(kept) >= len(scope):
            return kept
    return []
