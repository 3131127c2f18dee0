"""A comparison told the other way round: « des écrans moins grands »
against 'larger screens', 'less often' against « plus souvent », « il voit
moins bien » against 'he sees better'.

Every number and name stays; the degree check (compare.claims) sees a
comparative on both sides and finds them alike, and the antonym check sees
one word (grand / large) on both.  What changed is the direction of the
comparison.  Each side's comparisons are read as (direction, head word):
a comparing word before an adjective, an adverb or a noun (more, less,
fewer, plus, moins, 更; models/compare/cues.json ``comparison_direction``),
a Chinese frame around what is compared (比去年低, 不如上一代好),
an English -er/-est form (larger, sooner), or an irregular form that
carries its direction (better, « mieux »).  Two comparisons whose head
words the dictionaries tie (shared English keys: grand / large) and that go
opposite ways are reported, unless the same head is compared the same way
on both sides too.  Bounds ('more than', « plus de » before a numeral, « au
moins ») are the number check's; « ne … plus » is a negation.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from ..lexicons.dictionaries import english_keys, tied
from ..lexicons.words import Word
from ..mentions.entities import match_entities
from ..mentions.names import has_counterpart
from ..records import Finding, Mention
from ..spacy_models import english_positive
from .coverage import TRANSLATION_RELATIONS
from .cues import cue_lists
from .pair import AlignedPair, Side, make_finding, quote
from .phrasesim import prefetch
from .thresholds import thresholds

_SAYS = {"up": "more", "down": "less"}


@dataclass(frozen=True)
class Comparison:
    """One comparison of a side: its direction ('up' or 'down'), its head
    word, and the span of the words that say it (offsets into the side's
    text)."""

    direction: str
    head: Word
    start: int
    end: int


@functools.lru_cache(maxsize=None)
def _rules(lang: str) -> dict:
    return cue_lists().get("comparison_direction", {}).get(lang, {})


def _ruled_out(toks: tuple[Word, ...], k: int, lang: str) -> bool:
    """Is the comparing word ``toks[k]`` part of a negation, a bound or an
    approximator (the rules' not_after / not_before)?"""
    rules = _rules(lang)
    before = " ".join(t.text.casefold() for t in toks[max(0, k - 3):k])
    after = " ".join(t.text.casefold() for t in toks[k + 1:k + 3])
    # « quelque chose de moins résistant », « de plus grande taille », « de moins risqué » (a
    # participle, tagged VERB): after a partitive, the comparing word still compares the
    # adjective that follows (not « De plus, », « de plus les prix »)
    partitive = k + 1 < len(toks) and toks[k + 1].pos in ("ADJ", "VERB")
    if any(re.search(r"(?:^|\s)" + re.escape(w) + r"$", before) or before.endswith(w) and w.endswith(("'", "’"))
           for w in rules.get("not_after", []) if not (partitive and w in rules.get("partitive", ()))):
        return True
    if any(after == w or after.startswith(w + " ") or (w.endswith(("'", "’")) and after.startswith(w))
           for w in rules.get("not_before", [])):
        return True
    # « ne … plus »: the negation may stand further back in its clause
    negated = rules.get("up_negated_after", {})
    return toks[k].text.casefold() in rules.get("up", ()) and any(
        t.text.casefold() in negated.get("words", ()) for t in toks[max(0, k - negated.get("reach", 0)):k])


def _head_after(toks: tuple[Word, ...], k: int, lang: str) -> Optional[Word]:
    """The word a comparing word at ``toks[k]`` compares: the next word,
    past a word of the rules' ``skip_between`` (« moins de temps »), if its
    tag is one of the rules' ``head_pos`` (an adjective, an adverb, a noun)."""
    rules = _rules(lang)
    j = k + 1
    if j < len(toks) and toks[j].text.casefold() in rules.get("skip_between", ()):
        j += 1
        if j < len(toks) and toks[j].pos == "NUM":
            return None  # « plus de 300 »: a bound, the number check's
    if j >= len(toks) or toks[j].pos not in rules.get("head_pos", ()):
        return None
    return toks[j]


def _progressive(toks: tuple[Word, ...], k: int, rules: dict) -> Optional[tuple[str, int]]:
    """A progressive comparison opening at ``toks[k]`` (the rules'
    ``progressive``: « de plus en plus », 'more and more'): (its direction,
    the index of its last word), else None."""
    for direction in ("up", "down"):
        for phrase in rules.get("progressive", {}).get(direction, ()):
            words = phrase.split()
            if [t.text.casefold() for t in toks[k:k + len(words)]] == words:
                return direction, k + len(words) - 1
    return None


def _framed(toks: tuple[Word, ...], k: int, rules: dict) -> Optional[tuple[str, Word]]:
    """A comparison a frame opening at ``toks[k]`` makes (the rules'
    ``frames``; Chinese, which compares without a comparing word): 比 +
    what is compared + an adjective ('A 比 B 低', lower than B: up, as
    the English -er form), 不如 + … + an adjective ('not as good as':
    down), 没有 + … + 那么/这么 + an adjective (down).  (direction, the
    adjective), else None: no adjective within ``reach`` words before a
    stop (punctuation, a conjunction), or one the fused rule reads (更严重)."""
    frames = rules.get("frames", {})
    text = toks[k].text
    if text in frames.get("up", ()) and toks[k].pos in frames.get("pos", {}).get(text, (toks[k].pos,)):
        direction, degree = "up", ()
    elif text in frames.get("down", ()):
        direction, degree = "down", ()
    elif text in frames.get("down_with_degree", ()):
        direction, degree = "down", tuple(frames.get("degree", ()))
    else:
        return None
    for j in range(k + 1, min(len(toks), k + 1 + frames.get("reach", 0))):
        t = toks[j]
        if t.pos in frames.get("stop_pos", ()):
            return None
        if t.pos in frames.get("head_pos", ()):
            if degree and toks[j - 1].text not in degree or t.text.startswith(tuple(rules.get("up", ()))):
                return None
            return direction, t
    return None


def _head_before(toks: tuple[Word, ...], k: int, lang: str) -> Optional[Word]:
    """The word a comparing word compares when it comes after it: a verb
    right before it whose comparison goes on with the rules' ``complement``
    word (« ils lisent moins qu'il y a dix ans », 'prices rose more than
    expected'), unless a number follows (a bound: 'more than 300')."""
    rules = _rules(lang)
    nxt = toks[k + 1:k + 4]
    if not k or not nxt or nxt[0].text.casefold() not in rules.get("complement", ()):
        return None
    if any(t.pos == "NUM" or t.text[:1].isdigit() for t in nxt[1:]):
        return None
    prev = toks[k - 1]
    # a verb, or a word the small taggers take a verb for (« voyagent » ADV, 'travel' NOUN)
    return prev if prev.pos in rules.get("head_before_pos", ()) else None


def _synthetic(w: Word) -> Optional[str]:
    """The positive of an English -er/-est form of an adjective or adverb
    (larger, sooner, biggest): its lemma, when that is shorter and the form
    ends so; or, when spaCy lemmatizes the form as itself ('the
    larger-screened iPhone': 'larger' an adverb), the positive its rule
    lemmatizer gives the form read as an adjective
    (spacy_models.english_positive: none for 'former', 'other'); else
    None."""
    low = w.text.casefold()
    if w.pos not in ("ADJ", "ADV") or not low.endswith(("er", "est")):
        return None
    if low != w.lemma:
        return w.lemma if low[:3] == w.lemma[:3] and len(low) > len(w.lemma) else None
    return english_positive(low)


def comparisons(side: Side) -> list[Comparison]:
    """The comparisons of ``side`` (see the module docstring)."""
    rules = _rules(side.lang)
    if not rules:
        return []
    toks = side.words()
    up, down = set(rules.get("up", [])), set(rules.get("down", []))
    irregular = rules.get("irregular", {})
    out = []
    skip_to = -1
    for k, t in enumerate(toks):
        low = t.text.casefold()
        if k <= skip_to:
            continue
        if low in irregular:
            lemmas, direction = irregular[low]
            for lemma in lemmas.split():
                out.append(Comparison(direction, Word(t.start, t.end, lemma, lemma, t.pos), t.start, t.end))
        elif rules.get("fused") and len(low) > 1 and low.startswith(tuple(up)):
            # LAC keeps 更大 one word: it compares the rest of it
            marker = max((u for u in up if low.startswith(u)), key=len)
            if len(low) > len(marker):
                rest = t.text[len(marker):]
                out.append(Comparison("up", Word(t.start + len(marker), t.end, rest, rest, t.pos), t.start, t.end))
        elif (framed := _framed(toks, k, rules)) is not None:
            direction, head = framed  # 比去年低 'lower than last year', 不如上一代好 'not as good as'
            out.append(Comparison(direction, head, t.start, head.end))
        elif (run := _progressive(toks, k, rules)) is not None:
            direction, last = run  # « de plus en plus de touristes », 'more and more tourists'
            head = _head_after(toks, last, side.lang)
            if head is not None:
                out.append(Comparison(direction, head, t.start, head.end))
            skip_to = last  # its own comparing words are read
        elif low in up or low in down:
            if _ruled_out(toks, k, side.lang):
                continue
            head = _head_after(toks, k, side.lang) or _head_before(toks, k, side.lang)
            if head is not None:
                out.append(Comparison("up" if low in up else "down", head, min(t.start, head.start),
                                      max(t.end, head.end)))
        elif rules.get("synthetic") and (base := _synthetic(t)) is not None:
            out.append(Comparison("up", Word(t.start, t.end, t.text, base, t.pos), t.start, t.end))
    return out


def _keys(c: Comparison, lang: str) -> frozenset[str]:
    return english_keys(c.head, lang) | ({c.head.lemma} if lang == "en" else frozenset())


def _tied_by_encoder(pair: AlignedPair, cs: list[Comparison], ct: list[Comparison],
                     taken: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Ties of the comparisons the dictionaries leave untied (``taken``: the
    ties they made): FreeDict glosses « élevé » 'elevated, noble', not
    'high', and « tôt » 'early', not 'soon'.  Two comparisons (one span
    each: 'best' is read as good and well) are tied when each is the
    other's closest by the encoder's similarity of their head words, at
    least ``comparison_head_min_similarity`` (models/thresholds/checks.json;
    the closest pair of their readings), unless the antonym check opposes
    the two heads: the encoder rates antonyms close too (cher / 'cheaper'
    0.79), and « moins cher » is 'cheaper'.  Only between English and
    another language, as the antonym check reads words; without the pair's
    phrase similarity, no tie."""
    sim = pair.phrase_similarity
    if sim is None or "en" not in (pair.src.lang, pair.tgt.lang):
        return []
    free_s = _by_span([i for i in range(len(cs)) if all(i != a for a, _ in taken)], cs)
    free_t = _by_span([j for j in range(len(ct)) if all(j != b for _, b in taken)], ct)
    if not free_s or not free_t:
        return []
    prefetch(sim, [cs[i].head.text for g in free_s for i in g] + [ct[j].head.text for g in free_t for j in g])
    # for each span pair, its closest pair of readings: (score, -i, -j) breaks ties by order
    best = {(a, b): max((sim(cs[i].head.text, ct[j].head.text), -i, -j) for i in free_s[a] for j in free_t[b])
            for a in range(len(free_s)) for b in range(len(free_t))}
    out = []
    floor = thresholds()["comparison_head_min_similarity"]
    for (a, b), (score, i, j) in best.items():
        mutual = all(best[a, y] <= best[a, b] for y in range(len(free_t))) \
            and all(best[x, b] <= best[a, b] for x in range(len(free_s)))
        if mutual and score >= floor and not _opposed(pair, cs[-i].head, ct[-j].head):
            out.append((-i, -j))
    return sorted(out)


def _by_span(indices: list[int], comps: list[Comparison]) -> list[list[int]]:
    """``indices`` grouped by the span of their comparison, in order."""
    groups: dict[tuple[int, int], list[int]] = {}
    for k in indices:
        groups.setdefault((comps[k].start, comps[k].end), []).append(k)
    return list(groups.values())


def _opposed(pair: AlignedPair, a: Word, b: Word) -> bool:
    """Does the antonym check oppose ``a`` (a word of the source side) and
    ``b`` (of the target side)?"""
    # imported here: compare.antonyms reads comparisons (compared_way) from this module
    from .antonyms import antonym_pairs

    english, other = (pair.src, pair.tgt) if pair.src.lang == "en" else (pair.tgt, pair.src)
    mine, theirs = (b, a) if english is pair.tgt else (a, b)
    return any(_overlaps(r.tgt, mine) and _overlaps(r.src, theirs)
               for r in antonym_pairs(AlignedPair(src=other, tgt=english, relation=pair.relation)))


def _overlaps(a: Word, b: Word) -> bool:
    return a.start < b.end and b.start < a.end


def standard_of(side: Side, start: int, end: int) -> list[Word]:
    """The words naming what a comparison at ``start``..``end`` (offsets
    into the side's text) is set against: in a Chinese frame (比成都高) the
    nouns and names between the frame word and the adjective; otherwise
    those of the three words after the rules' ``complement`` word ('than',
    « que ») within ``standard_reach`` words of the comparison ('higher
    than in Lille', « moins élevés à Lille qu'à Paris »).  Empty when
    there is none."""
    rules = _rules(side.lang)
    toks = side.words()
    nouns = set(rules.get("standard_pos", ()))
    frames = rules.get("frames", {})
    after = [t for t in toks if t.start >= start]
    if frames and after and after[0].text in frames.get("up", []) + frames.get("down", []):
        return [t for t in after[1:] if t.start < end and t.pos in nouns]
    rest = [t for t in toks if t.start >= end][:int(rules.get("standard_reach", 0))]
    at = next((k for k, t in enumerate(rest) if t.text.casefold() in rules.get("complement", ())), None)
    return [] if at is None else [t for t in rest[at + 1:at + 4] if t.pos in nouns]


def standards_swapped(pair: AlignedPair, src_span: tuple[int, int], tgt_span: tuple[int, int]) -> bool:
    """Are two comparisons set against different things that each side
    names elsewhere: the compared items swapped (« moins élevés à Lille
    qu'à Paris » / 'higher in Paris than in Lille', 上海比成都高 / 'lower in
    Chengdu than in Shanghai': a helper's break test, session 57)?  Then a
    comparison told the other way, or over opposite words, says the same.
    Spans: offsets into each side's text."""
    a, b = standard_of(pair.src, *src_span), standard_of(pair.tgt, *tgt_span)
    if not a or not b or any(_same_thing(pair, x, y) for x in a for y in b):
        return False
    return any(_named_in(pair.src, x, pair.tgt) for x in a) and any(_named_in(pair.tgt, y, pair.src) for y in b)


def _same_thing(pair: AlignedPair, a: Word, b: Word) -> bool:
    if a.text.casefold() == b.text.casefold() or tied(a, pair.src.lang, b, pair.tgt.lang):
        return True
    ma, mb = _mention_at(pair.src, a), _mention_at(pair.tgt, b)
    return ma is not None and mb is not None and match_entities(ma, mb).relation == "same"


def _named_in(side: Side, w: Word, other: Side) -> bool:
    """Does ``other`` name ``w`` (a word of ``side``) anywhere: the name it
    is part of carried there, or a word the dictionaries tie to it?"""
    m = _mention_at(side, w)
    if m is not None:
        return has_counterpart(m, other)
    return any(tied(w, side.lang, u, other.lang) for u in other.words())


def _mention_at(side: Side, w: Word) -> Optional[Mention]:
    at = side.start + w.start
    return next((m for m in side.mentions if m.kind == "entity" and m.start <= at < m.end), None)


def comparison_at(side: Side, w: Word) -> Optional[Comparison]:
    """The comparison of ``side`` whose head is the word ``w``, if any."""
    try:
        return next((c for c in comparisons(side) if _overlaps(c.head, w)), None)
    except ValueError:  # a language without a word model
        return None


def compared_way(side: Side, w: Word) -> Optional[str]:
    """The way the word ``w`` of ``side`` is compared: the direction of the
    comparison whose head it is (« moins tôt »: tôt 'down'; 'later',
    'cheaper': 'up'), 'up' for a comparing word of the 'down' list read as
    a word of its own ('fewer' is more few); None when it compares nothing.
    A comparison turned with its word says the same: « moins tôt » /
    'later', « moins nombreux » / 'fewer', 不如…快 / 'slower'."""
    c = comparison_at(side, w)
    if c is not None:
        return c.direction
    return "up" if w.text.casefold() in _rules(side.lang).get("down", ()) else None


def _ties(pair: AlignedPair, cs: list[Comparison], ct: list[Comparison]) -> list[tuple[int, int]]:
    """(i, j): the comparisons cs[i] of the source and ct[j] of the target
    compare one thing (their heads tied by the dictionaries, else by the
    encoder: :func:`_tied_by_encoder`)."""
    ks = [_keys(c, pair.src.lang) for c in cs]
    kt = [_keys(c, pair.tgt.lang) for c in ct]
    tied = [(i, j) for i in range(len(cs)) for j in range(len(ct)) if ks[i] & kt[j]]
    return tied + _tied_by_encoder(pair, cs, ct, tied)


def check_comparison(pair: AlignedPair) -> list[Finding]:
    """``claim/comparison_reversed`` (medium) for each head compared one way
    on one side and the other way on the other, never the same way."""
    if pair.src.empty or pair.tgt.empty or pair.src.lang == pair.tgt.lang \
            or pair.relation not in TRANSLATION_RELATIONS:
        return []
    try:
        cs, ct = comparisons(pair.src), comparisons(pair.tgt)
    except ValueError:  # a language without a word model
        return []
    if not cs or not ct:
        return []
    tied = _ties(pair, cs, ct)
    agreed_s = {i for i, j in tied if cs[i].direction == ct[j].direction}
    agreed_t = {j for i, j in tied if cs[i].direction == ct[j].direction}
    findings, used_s, used_t = [], set(), set()
    for i, j in tied:
        if cs[i].direction == ct[j].direction or i in agreed_s or j in agreed_t or i in used_s or j in used_t:
            continue
        if standards_swapped(pair, (cs[i].start, cs[i].end), (ct[j].start, ct[j].end)):
            continue  # 'A less high than B' / 'B higher than A'
        used_s.add(i)
        used_t.add(j)
        a, b = cs[i], ct[j]
        wa = pair.src.text[a.start:a.end]
        wb = pair.tgt.text[b.start:b.end]
        expl = (f"The {pair.label(pair.src)} compares the other way: {quote(wa)} ({_SAYS[a.direction]}) against "
                f"the {pair.label(pair.tgt)} {quote(wb)} ({_SAYS[b.direction]}).")
        ev = [pair.src.evidence(pair.src.start + a.start, pair.src.start + a.end),
              pair.tgt.evidence(pair.tgt.start + b.start, pair.tgt.start + b.end)]
        findings.append(make_finding(pair, "claim", "comparison_reversed", "medium", 0.6, ev, expl))
    return findings
