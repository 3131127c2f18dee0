"""A part of a group told as the whole group: 'some participants', « certains
participants », 部分参与者 against 'Participants reported…'; 'most
economists' against 'economists'.  Every number and name is kept; the claim
now covers everyone.

:func:`check_share`: one side restricts its claim with a quantifier cue of
a part (claims stage, kind ``quantifier``, values some and majority; not
'few', a negative quantifier) bound to a noun (the head of the first noun
phrase within a few words after it: 'some of the participants', 'some
industry experts', 一些家乡文化的习惯); the other side names the same group
(a noun a dictionary ties to it, the same lemma, or, for the encoder, the
closest noun at ``share_noun_min_similarity``) with nothing in that noun's
phrase that says how many it stands for (a number, an indefinite plural,
'many', 'much of', 许多: models/compare/cues.json ``share_blockers``), no
quantifier inside the other side, and no quantifier of a neighbouring
sentence of the other side that bears on the same group.  Types
``quantifier_dropped`` (the target tells the group whole), medium (low for
a spoken version, compare.claims._loose), and ``quantifier_added`` (the
target narrows it), low.  The quantifier check (compare.claims) keeps the
case where both sides have a quantifier.

:func:`check_restriction`: the same move when the part is named by an
adjunct that limits where the claim holds ('on some tasks', « dans
certains pays », 在某些任务上) and the other side drops the adjunct whole:
types ``scope_dropped`` / ``scope_added``, low.

Session 41: a fresh user's trial planted « Certains participants » told as
'Participants' and nothing was reported; a rule over the whole sentence
(any noun) was tried then and made too many false alarms: here the noun
the quantifier bears on must have its counterpart on the other side.
"""
from __future__ import annotations

import functools
from typing import Optional

from ..lexicons.dictionaries import tied
from ..lexicons.words import Word, word_lists
from ..mentions import lexicon
from ..records import ClaimCue, Finding
from .claims import _label, _loose, claim_finding, cue_words, per_clause, side_cues
from .cues import cue_lists
from .pair import AlignedPair, Side
from .phrasesim import prefetch
from .told import claim_told
from .thresholds import thresholds

# 'few' is left out: a negative quantifier ('few analysts' is 'not many'), and
# « à peu de frais » 'cheaply' is no share (the sample corpus); but not a small
# number that says some do ('a handful of', « une poignée de », 少数: ':existential')
_PART = frozenset({"some", "majority"})
# words from a quantifier to its noun ('some of the participants')
_REACH = 3
# tags that end the search: a verb or punctuation stands between (fr/en Universal POS, zh LAC)
_STOP = frozenset({"VERB", "AUX", "PUNCT", "v", "vd", "w"})
_COUNTS = frozenset({"NUM", "m", "q"})
# tags of a verb: a quantifier and a noun with one between are in two clauses
_CLAUSE = frozenset({"VERB", "AUX", "v", "vd"})
# units.json kinds whose quantity is no group: « en quelques jours », 'within days', 几个小时
_NOT_GROUPS = ("measure", "money", "duration")


def _part(cue: ClaimCue) -> bool:
    """A quantifier that says part of a group: 'some', 'most', or a small
    number that says some do (``:existential``)."""
    return cue.value in _PART or ":existential" in cue.source


@functools.lru_cache(maxsize=None)
def _blockers(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in cue_lists().get("share_blockers", {}).get(lang, ()))


def _nouns(lang: str) -> frozenset[str]:
    return frozenset(word_lists()["noun_pos"].get(lang, ()))


# characters after a quantifier of a neighbouring sentence read for its noun
_NEAR_CHARS = 120


def _quantified(side: Side, cue: ClaimCue) -> Optional[Word]:
    """The noun ``cue`` bears on: the head of the first noun phrase in the
    few words after it, none past a verb or a punctuation mark; none when 'most' grades an
    adjective or adverb ('most important': a superlative).  A cue outside
    the side (a neighbouring sentence's) is read in the text after it."""
    if side.start <= cue.start < side.end:
        end = cue.end - side.start
        after = [w for w in side.words() if w.start >= end][:2 * _REACH + 2]
    else:
        after = list(side.words(cue.end, min(len(side.doc_text), cue.end + _NEAR_CHARS)))[:2 * _REACH + 2]
    if after and cue.value == "majority" and after[0].pos in ("ADJ", "ADV"):
        return None
    nouns = _nouns(side.lang)
    if after and _nominal_adjective(after, 0, side.lang):
        return after[0]  # « Certains professionnels ont signalé… »: the small French tagger says ADJ
    for k, w in enumerate(after[:_REACH + 1]):
        if w.pos in nouns:
            # the head of a run of nouns ('some industry experts': experts), and
            # in Chinese the noun after 的 (一些家乡文化的习惯: 习惯)
            while k + 1 < len(after) and (after[k + 1].pos in nouns or side.lang == "zh" and after[k + 1].text == "的"
                                          and k + 2 < len(after) and after[k + 2].pos in nouns):
                k += 2 if after[k + 1].text == "的" else 1
            owned = _owned(after, k + 1, nouns) if _partitive(after, side.lang) else None
            return after[k] if owned is None else owned
        if w.pos in _STOP:
            return None
    return None


def _partitive(after: list[Word], lang: str) -> bool:
    """Does a partitive preposition follow the quantifier ('some of the
    city's residents'; words.json count_noun_links)?  'Some residents'
    homes' quantifies the residents, its possessor."""
    links = word_lists().get("count_noun_links", {}).get(lang, ())
    return bool(after) and after[0].text.casefold() in links


def _owned(ws: list[Word], k: int, nouns: frozenset[str]) -> Optional[Word]:
    """The noun a possessor owns when ``ws[k]`` is an English possessive
    marker (words.json ``possessive_markers``: 'Some of the city's
    residents': residents, not the city; session 61), else None."""
    if k >= len(ws) or ws[k].text not in word_lists().get("possessive_markers", ()):
        return None
    for w in ws[k + 1:k + 1 + _REACH]:
        if w.pos in nouns:
            return w
        if w.pos in _STOP:
            return None
    return None


def _nominal_adjective(ws: tuple[Word, ...] | list[Word], k: int, lang: str) -> bool:
    """Is ``ws[k]`` an adjective used as a noun, the head of its phrase: an
    adjective that ends its noun phrase (a verb, auxiliary or punctuation
    mark, or nothing, comes next) after a determiner or quantifier (« les
    pauvres », « certains professionnels ont signalé », 'the wounded
    were…')?  French and English (Chinese words have no such tag)."""
    if lang == "zh" or ws[k].pos != "ADJ":
        return False
    return k + 1 == len(ws) or ws[k + 1].pos in _STOP


def _told_whole(other: Side, k: int, ws: tuple[Word, ...]) -> bool:
    """Does nothing before the other side's noun ``ws[k]`` say how many it
    stands for (a number, an indefinite plural, 'many': ``share_blockers``)?"""
    blockers = _blockers(other.lang)
    # the whole noun phrase before it, back to a verb or a punctuation mark
    # ('the great majority of Hong Kong Island's urban development')
    for w in reversed(ws[:k]):
        if not w.text.strip():
            continue  # LAC gives the blank between 'OpenAI' and 和 as a word: no punctuation
        if w.pos in _STOP:
            break
        if w.pos in _COUNTS or w.text.casefold() in blockers or w.lemma in blockers:
            return False
    if other.lang == "zh":  # the segmenter may glue a quantity to the noun (多名参与者)
        head = ws[k].text
        return not any(head.startswith(b) and len(head) > len(b) for b in blockers)
    return True


def same_group(pair: AlignedPair, a: ClaimCue, b: ClaimCue) -> bool:
    """May the quantifier ``a`` of the source and ``b`` of the target bear
    on one group?  No only when both groups are read (:func:`_quantified`)
    and neither names the other's: no dictionary tie, and across two
    languages the encoder (``pair.phrase_similarity``) puts them under
    ``share_noun_min_similarity``.  大量数据 'a large amount of data'
    against 'some industry experts' is two groups, not a share changed
    (the sample corpus, session 46).  Without an encoder, yes."""
    na, nb = _group_nouns(pair.src, a), _group_nouns(pair.tgt, b)
    if not na or not nb or any(tied(x, pair.src.lang, y, pair.tgt.lang) for x in na for y in nb):
        return True
    sim = pair.phrase_similarity
    if pair.src.lang == pair.tgt.lang or sim is None:
        return pair.src.lang != pair.tgt.lang
    prefetch(sim, [w.text for w in na + nb])
    bar = thresholds()["share_noun_min_similarity"]
    return any(sim(x.text, y.text) >= bar for x in na for y in nb)


def _group_nouns(side: Side, cue: ClaimCue) -> list[Word]:
    """The nouns of the noun phrase after a quantifier inside its side, up
    to a verb or a punctuation mark ('most of British television's light
    entertainment stars': television, entertainment, stars), or [] when
    :func:`_quantified` reads no group."""
    if not side.start <= cue.start < side.end or _quantified(side, cue) is None:
        return []
    end = cue.end - side.start
    nouns, out = _nouns(side.lang), []
    for w in [w for w in side.words() if w.start >= end][:2 * _REACH + 2]:
        if w.pos in _STOP:
            break
        if w.pos in nouns or _nominal_adjective([w], 0, side.lang):
            out.append(w)
    return out


def _counterpart(noun: Word, lang: str, other: Side, ws: tuple[Word, ...], sim) -> Optional[int]:
    """Index in ``ws`` (the other side's words) of the noun that names the
    group ``noun`` names: the first a dictionary ties to it (or, in one
    language, of the same lemma); else the noun closest to it for the
    encoder (``sim``), at ``share_noun_min_similarity`` or more
    (models/thresholds/checks.json; 'enquêteurs' / 'researchers' share no
    gloss)."""
    nouns = [k for k, w in enumerate(ws) if w.pos in _nouns(other.lang)
             or k and ws[k - 1].pos == "DET" and _nominal_adjective(ws, k, other.lang)]
    for k in nouns:
        if tied(noun, lang, ws[k], other.lang):
            return k
    if sim is None or not nouns or lang == other.lang:
        return None
    prefetch(sim, [noun.text] + [ws[k].text for k in nouns])
    score, k = max((sim(noun.text, ws[k].text), -k) for k in nouns)
    return -k if score >= thresholds()["share_noun_min_similarity"] else None


def _answered(noun: Word, lang: str, other: Side, counterparts: list[Word], restriction: bool = False) -> bool:
    """Does a quantifier of ``other`` answer: one inside it whose own
    phrase holds one of ``counterparts`` (the other side's nouns for our
    group, :func:`_counterparts`: 'some of the city's residents', 'Shares
    of some companies' for 一些公司的股价) or that follows one in a
    partitive frame (« parmi les manifestants, certaines personnes »,
    受访者中大多数人), or that opens an adjunct of the whole claim ('in some
    cases', « dans certains cas »), or whose group is not read (the
    quantifier check compares the two); or one of a sentence next to it
    that bears on the same group (a boundary moved)?  A quantifier of
    another group answers nothing: 'Several doctors said patients had
    recovered' against « Plusieurs médecins ont dit que certains patients
    avaient guéri » (session 61; any quantifier inside answered before),
    nor does a source's ('According to several sources'), a length of
    time's ('after a few hours') or a neighbour's of another group ('Most
    doctors…' after 'Participants…').  For an adjunct's group, which the
    other side does not name (``restriction``), any quantifier inside it
    but a source's answers ('In some cases, patients recovered' / 部分病人)."""
    for c in side_cues(other, near=True):
        if c.kind != "quantifier":
            continue
        theirs = _quantified(other, c)
        if not other.start <= c.start < other.end:
            if theirs is not None and tied(noun, lang, theirs, other.lang):
                return True
            continue
        if theirs is None or _restricting_word(other, c) is not None:
            return True
        if _measure_unit(theirs, other.lang):
            continue
        phrase = {w.start for w in _group_nouns(other, c)} | {theirs.start}
        if any(w.start in phrase for w in counterparts):
            return True
        if not _in_attribution(other, c) \
                and (restriction or not counterparts or any(_partitive_before(other, c, w) for w in counterparts)):
            return True
    return False


def _partitive_before(side: Side, cue: ClaimCue, w: Word) -> bool:
    """Does the noun ``w`` open a partitive frame that the quantifier
    ``cue`` follows: before it in one clause, at most ``_REACH`` words
    away, with a punctuation mark or a partitive word between (« Parmi les
    manifestants, certaines personnes », 受访者中大多数人; words.json
    ``partitive_words``)?  'Residents of some neighbourhoods' is no such
    frame: 'some' quantifies the neighbourhoods."""
    at = cue.start - side.start
    if w.start >= at:
        return False
    between = [x for x in side.words() if w.end <= x.start < at and x.text.strip()]
    frames = word_lists().get("partitive_words", {}).get(side.lang, ())
    return len(between) <= _REACH and not any(x.pos in _CLAUSE for x in between) \
        and any(x.pos in ("PUNCT", "w") or x.text.casefold() in frames for x in between)


def _own_group(side: Side, cue: ClaimCue, noun: Word) -> list[Word]:
    """The nouns of the quantifier's phrase (:func:`_group_nouns`, at least
    its ``noun``) but those another quantifier of the side bears on: in « La
    plupart des habitants de certains quartiers » the most are residents,
    the some neighbourhoods."""
    theirs = {n.start for c in side_cues(side) if c.kind == "quantifier" and c.start != cue.start
              for n in [_quantified(side, c)] if n is not None}
    return [w for w in _group_nouns(side, cue) or [noun] if w.start == noun.start or w.start not in theirs]


def _counterparts(group: list[Word], lang: str, other: Side, ws: tuple[Word, ...], best: Optional[int]) -> list[Word]:
    """The other side's nouns for a group: every word a dictionary ties to
    one of the group's nouns (``group``, :func:`_group_nouns`: a word may be
    written twice, 'The teachers' union said some teachers'), and
    ``ws[best]``, the encoder's pick (:func:`_counterpart`), wherever it is
    written."""
    # any tag: the small taggers read a plural noun after a determiner as an adjective at times
    out = [w for w in ws if w.pos not in _STOP and any(tied(g, lang, w, other.lang) for g in group)]
    if best is not None:  # and the same word written again ('habitants … la plupart des habitants')
        out += [w for w in ws if w.text.casefold() == ws[best].text.casefold() and all(w.start != x.start for x in out)]
    return out


def _in_attribution(side: Side, cue: ClaimCue) -> bool:
    """Is the quantifier inside one of the side's attribution cues
    ('Several researchers said', 多位研究人员表示)?"""
    return any(a.kind == "attribution" and a.start <= cue.start and cue.end <= a.end for a in side_cues(side))


def _restricting_word(side: Side, cue: ClaimCue) -> Optional[Word]:
    """The restricting preposition that opens the quantifier's phrase ('in
    some cases', « dans certains cas », 在某些情况下: the claim holds in part;
    models/compare/cues.json ``restricting_prepositions``), right before it,
    or None."""
    preps, _ = _restricting(side.lang)
    at = cue.start - side.start
    before = [w for w in side.words() if w.end <= at and w.text.strip()]
    return before[-1] if before and before[-1].text.casefold() in preps and at - before[-1].end <= 1 else None


def _dropped(pair: AlignedPair, side: Side, other: Side) -> list[tuple[ClaimCue, Word, Word]]:
    """(cue, its noun, the other side's noun) for each part-quantifier of
    ``side`` whose group ``other`` names whole.  A quantity of a unit of
    time, measure or money is no group (« en quelques jours » / 'within
    days')."""
    out = []
    ws = other.words()
    for cue in side_cues(side):
        if cue.kind != "quantifier" or not _part(cue):
            continue
        noun = _quantified(side, cue)
        if noun is None or _measure_unit(noun, side.lang):
            continue
        k = _counterpart(noun, side.lang, other, ws, pair.phrase_similarity)
        if _answered(noun, side.lang, other, _counterparts(_own_group(side, cue, noun), side.lang, other, ws, k)):
            continue
        if k is not None and _told_whole(other, k, ws):
            out.append((cue, noun, ws[k]))
    return out


@functools.lru_cache(maxsize=None)
def _restricting(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(prepositions that open an adjunct limiting where a claim holds, head
    nouns of adjuncts that tell a time, a manner, a cause or a frequency
    instead): models/compare/cues.json ``restricting_prepositions``,
    ``restriction_not_nouns``."""
    lists = cue_lists()
    return tuple(frozenset(w.casefold() for w in lists.get(key, {}).get(lang, ()))
                 for key in ("restricting_prepositions", "restriction_not_nouns"))


def _restriction(side: Side, cue: ClaimCue, noun: Word) -> Optional[tuple[int, int]]:
    """The doc offsets of the adjunct a part quantifier opens when it limits
    where the claim holds ('on some tasks', « dans certains pays »,
    在某些任务上: a restricting preposition right before the quantifier, the
    adjunct through its noun and, in Chinese, the localizer after it, 上, 中,
    方面), or None."""
    _, not_nouns = _restricting(side.lang)
    if noun.text.casefold() in not_nouns or noun.lemma in not_nouns or _measure_unit(noun, side.lang):
        return None
    prep = _restricting_word(side, cue)
    if prep is None:
        return None
    end = noun.end
    after = [w for w in side.words() if w.start >= noun.end and w.text.strip()]
    if side.lang == "zh" and after and after[0].pos == "f":
        end = after[0].end
    return side.start + prep.start, side.start + end


def _measure_unit(noun: Word, lang: str) -> bool:
    """Is ``noun`` a unit of measure, money or time (models/lexicons/units.json
    suffixes of a kind in ``_NOT_GROUPS``)?  « sur plusieurs mètres » 'over
    several metres' measures an extent, « en quelques jours » a length of
    time; neither is a group nor limits one."""
    units = lexicon.load("units")["suffix"].get(lang, {})
    return any(units.get(w, ("", ""))[1] in _NOT_GROUPS for w in (noun.text, noun.lemma))


def _restrictions_dropped(pair: AlignedPair, side: Side, other: Side) -> list[ClaimCue]:
    """The adjuncts of ``side`` that limit its claim to part of a group
    (:func:`_restriction`) of which ``other`` says nothing: no noun of the
    group (that is :func:`_dropped`'s case), no quantifier of its own
    (:func:`_answered`), no downtoner ('partly', 在一定程度上), no scope
    cue (a word of how often renders it: 'sometimes', « parfois », 有时).
    Each as a cue spanning the adjunct."""
    out = []
    ws = other.words()
    theirs = side_cues(other, near=True)
    if any(c.kind == "degree" and c.value == "downtoner" or c.kind == "scope" for c in theirs):
        return []
    for cue in side_cues(side):  # the side's own cues only (no ``near``)
        if cue.kind != "quantifier" or not _part(cue):
            continue
        noun = _quantified(side, cue)
        span = None if noun is None else _restriction(side, cue, noun)
        if span is None or _answered(noun, side.lang, other, [], restriction=True) \
                or _counterpart(noun, side.lang, other, ws, pair.phrase_similarity) is not None:
            continue
        if not claim_told(pair, side, other, span):
            continue
        a, b = span
        out.append(ClaimCue(start=a, end=b, text=side.doc_text[a:b], kind="scope", value="partial",
                            source=cue.source))
    return out


def check_restriction(pair: AlignedPair) -> list[Finding]:
    """``claim/scope_dropped`` (the target drops it) and ``claim/scope_added``
    of one bead: one side limits its claim to part of a group by an
    adjunct ('GPT-5 will be like a PhD student *on some tasks*', 在某些任务上,
    « dans certains pays »); the other says it with no such limit and names
    no part of that group.  The claim is now general: a rumour's
    overgeneralization (a hedge of scope, Hyland 1998, Hedging in
    Scientific Research Articles, 'content-oriented hedges').  Low: the
    adjunct may be told in another sentence the bead does not hold.  The
    sample corpus's 在某些任务上 / 'GPT-5 would perform at a doctorate level'
    was silent (session 53): :func:`check_share` needs the group named on
    both sides."""
    if pair.src.empty or pair.tgt.empty:
        return []
    out = []
    for side, other, type_ in ((pair.src, pair.tgt, "scope_dropped"), (pair.tgt, pair.src, "scope_added")):
        found = _restrictions_dropped(pair, side, other)
        if not found:
            continue
        expl = (f"The {_label(pair, side)} says this holds only in part ({cue_words(found)}); the "
                f"{_label(pair, other)} says it with no such limit.")
        out.append(claim_finding(pair, type_, "low", 0.4, side, found, other, [], expl))
    return out


def check_share(pair: AlignedPair) -> list[Finding]:
    """``claim/quantifier_dropped`` and ``claim/quantifier_added`` findings
    of one bead (module docstring)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    out = []
    for side, other, type_ in ((pair.src, pair.tgt, "quantifier_dropped"), (pair.tgt, pair.src, "quantifier_added")):
        found = _dropped(pair, side, other)
        if not found:
            continue
        cues = [c for c, _, _ in found]
        cue, noun, theirs = found[0]
        expl = (f"The {_label(pair, side)} says this of part of the group ({cue_words(cues)} {noun.text}); the "
                f"{_label(pair, other)} says it of the group as a whole ({theirs.text}, with no word of how many).")
        if type_ == "quantifier_dropped" and not _loose(pair):
            severity, conf = "medium", 0.5
        else:
            severity, conf = "low", 0.4
        out.append(claim_finding(pair, type_, severity, conf, side, cues, other, [], expl))
    return out


SHARE_CHECKS = (per_clause(check_share), per_clause(check_restriction))
