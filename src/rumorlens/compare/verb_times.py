"""One verb told in another time, among verbs that keep theirs.

compare.claims.check_tense_shift judges the times of two sides as wholes:
it needs every verb of one side in another time than every verb of the
other.  A translation (or a rumour) that moves one verb ('Les enquêteurs
ont découvert que des cristaux s'étaient formés' told as 'Investigators
find that crystals had formed') keeps a time in common, and the whole-side
test stays quiet (DEMETR's tense rows, bench/bench_checks.py: a quarter
found, session 54).  Here each verb is paired with its translation, and a
pair whose two verbs tell no time in common is reported.

A verb pair is two verbs, one a side, that the dictionaries tie (the same
English key: « découvrir » / 'find', lexicons.dictionaries.tied) and that
tie to nothing else there: an uncertain pairing says nothing.  Auxiliaries
and light verbs (models/compare/cues.json ``verb_time_skip_lemmas``) are not
paired: 'be' ties to every 'be'; a copula (``verb_time_copulas``) is paired
through its predicate (« sera relativement facile » / 'is relatively easy').  A French and an English version only:
Chinese marks no tense, and two English (or French) versions of one article
are often two translations of a Chinese text, each with its own tenses.
The guards are check_tense_shift's: a present beside a date or under a
condition tells another time than its tense, and a reporting verb tells
when the source spoke.  Reported as ``tense_changed``, low, as
check_tense_shift does."""
from __future__ import annotations

import functools
from typing import Optional

from ..claims import lexicon as claims_lexicon
from ..langs import TENSE_MARKING
from ..lexicons.dictionaries import tied
from ..lexicons.words import Word
from ..records import ClaimCue, Finding
from .claims import (_TIME_WORDS, _dated, _label, _loose, _opens_condition, _times, check_tense, check_tense_shift,
                     claim_finding, per_clause, side_cues, subordinate_future)
from .cues import cue_lists
from .pair import AlignedPair, Side

_VERB_TAGS = ("VERB", "AUX")


def check_verb_times(pair: AlignedPair) -> list[Finding]:
    """``tense_changed`` (low) for the first pair of tied verbs whose times
    differ, when the two sides share some time (else the whole-side check
    judges them)."""
    if pair.src.empty or pair.tgt.empty or pair.src.lang not in TENSE_MARKING or pair.tgt.lang not in TENSE_MARKING \
            or pair.src.lang == pair.tgt.lang:
        # two versions in one language are often two translations of a Chinese text, which tells
        # no tense: each picks its own ('is designed' / 'were designed', a generated corpus)
        return []
    src_cues, tgt_cues = side_cues(pair.src), side_cues(pair.tgt)
    if not set(_times(src_cues)) & set(_times(tgt_cues)):
        return []  # check_tense_shift's case
    if _opens_condition(src_cues + tgt_cues):
        return []
    moved = _first_moved(pair, _timed_verbs(pair.src, src_cues), _timed_verbs(pair.tgt, tgt_cues))
    # one finding per change: a future against an event done or under way is check_tense's
    # (modality_changed), main clauses wholly in other times check_tense_shift's (asked last:
    # both run as checks of their own, and most beads have no verb moved)
    if moved is None or check_tense(pair) or check_tense_shift(pair):
        return []
    (c, ta), (d, tb) = moved
    a, b = sorted(ta)[0], sorted(tb)[0]
    expl = (f"The {_label(pair, pair.src)} says this {_TIME_WORDS[a]} ({_said(pair.src, c)}); the "
            f"{_label(pair, pair.tgt)} says it {_TIME_WORDS[b]} ({_said(pair.tgt, d)}).")
    conf = 0.35 if _loose(pair) else 0.4
    return [claim_finding(pair, "tense_changed", "low", conf, pair.src, [c], pair.tgt, [d], expl)]


def _first_moved(pair: AlignedPair, mine: list, theirs: list) -> Optional[tuple[tuple, tuple]]:
    """((cue, times) of the source, (cue, times) of the target) of the
    first verb pair (:func:`_verb_pairs`) whose two verbs share no time
    and are not excused (a French future after a subordinator, a present
    beside a date); None when there is none."""
    for i, j in _verb_pairs(pair, mine, theirs):
        (c, ta, _), (d, tb, _) = mine[i], theirs[j]
        if set(ta) & set(tb) or _subordinate_future(pair, c, ta, d, tb):
            continue
        present = pair.src if "present" in ta else pair.tgt if "present" in tb else None
        if present is not None and _dated(present):
            continue  # présent historique, "leaves tomorrow"
        return (c, ta), (d, tb)
    return None


def _subordinate_future(pair: AlignedPair, c: ClaimCue, ta: tuple, d: ClaimCue, tb: tuple) -> bool:
    """A future in a subordinate clause of a language that tells the time to
    come there (claims.subordinate_future: French) against a present."""
    for side, cue, mine, theirs in ((pair.src, c, ta, tb), (pair.tgt, d, tb, ta)):
        if "future" in mine and "present" in theirs and subordinate_future(side, cue):
            return True
    return False


def _said(side: Side, c: ClaimCue) -> str:
    return f"'{c.text or side.doc_text[c.start:c.end]}'"


def _timed_verbs(side: Side, cues: list[ClaimCue]) -> list[tuple[ClaimCue, tuple[str, ...], Word]]:
    """(cue, the times it tells, its verb) of every time cue of ``side``
    whose verb is found and is no auxiliary, copula or reporting verb; a
    copula stands for its predicate (:func:`_predicate`)."""
    skip = _unpaired_lemmas(side.lang)
    copulas = frozenset(cue_lists().get("verb_time_copulas", {}).get(side.lang, ()))
    words = side.words()  # tagged in the whole side: a verb alone is often tagged a noun
    out = []
    for c in cues:
        if _maybe_present(side, c):
            continue
        times = _times([c])
        verb = _verb_of(side.start, words, c) if times else None
        if verb is not None and verb.lemma in copulas:
            verb = _predicate(words, verb, side.lang)
        if verb is not None and verb.lemma not in skip:
            out.append((c, tuple(sorted(times)), verb))
    return out


@functools.lru_cache(maxsize=None)
def _unpaired_lemmas(lang: str) -> frozenset:
    """Lemmas never paired: auxiliaries, copulas, light verbs (cues.json
    ``verb_time_skip_lemmas``) and reporting verbs, which tell when the
    source spoke, not when the claim holds (the claims lexicon's
    ``reporting_lemmas``)."""
    return frozenset(cue_lists().get("verb_time_skip_lemmas", {}).get(lang, ())) \
        | frozenset(claims_lexicon.load(lang).extra.get("reporting_lemmas", ()))


def _maybe_present(side: Side, c: ClaimCue) -> bool:
    """Is the cue a French passé simple written as the verb's present
    (cues.json ``verb_time_ambiguous_past``: « qui interdit »)?"""
    endings = tuple(cue_lists().get("verb_time_ambiguous_past", {}).get(side.lang, ()))
    return bool(endings) and c.source == "spacy:Tense=Past:weak" \
        and side.doc_text[c.start:c.end].casefold().endswith(endings)


def _verb_of(base: int, words: tuple[Word, ...], c: ClaimCue) -> Optional[Word]:
    """The verb a time cue bears on (``words``: the side's, offsets from
    ``base``): the last verb of its span (the participle of 'has found',
    « ont découvert »), or for a word of the future before its verb
    ('will', 'going to') the verb of the group after it."""
    inside = [w for w in words if c.start <= base + w.start < c.end and w.pos in _VERB_TAGS]
    if c.kind == "tense" and inside:
        # the group from the cue on: the participle of a passive or perfect future (« sera détruit »)
        return _head_verb([w for w in words if base + w.start >= c.start]) or inside[-1]
    return _head_verb([w for w in words if base + w.start >= c.end]) or (inside[-1] if inside else None)


def _predicate(words: tuple[Word, ...], copula: Word, lang: str) -> Optional[Word]:
    """The adjective or noun a copula predicates (« sera relativement
    facile » / 'is relatively easy': facile, easy), within three words
    after it past adverbs and particles; None when there is none (« sera
    celle d'un artiste ») or when the copula's subject is impersonal (« il
    est évident que » / 'it was obvious': the frame of a judgement, whose
    time a translation moves freely, as a reporting verb's; cues.json
    ``verb_time_impersonal``).  'be' ties to every 'be', a predicate to
    its translation: it pairs the two sentences' copulas."""
    before = [w for w in words if w.end <= copula.start][-1:]
    if before and before[0].text.casefold() in cue_lists().get("verb_time_impersonal", {}).get(lang, ()):
        return None
    after = [w for w in words if w.start >= copula.end][:3]
    for w in after:
        if w.pos in ("ADJ", "NOUN"):
            return w
        if w.pos not in ("ADV", "PART"):
            return None
    return None


def _head_verb(words: list[Word]) -> Optional[Word]:
    """The verb of the verb group ``words`` opens ('will have expressed':
    'expressed'; 'will soon be': 'be'): its last full verb, else its last
    auxiliary; None when it opens with no verb."""
    group = []
    for w in words:
        if w.pos in _VERB_TAGS:
            group.append(w)
        elif w.pos not in ("ADV", "PART") or not group and w.pos == "PART":
            break
    full = [w for w in group if w.pos == "VERB"]
    return full[-1] if full else (group[-1] if group else None)


def _verb_pairs(pair: AlignedPair, mine: list, theirs: list) -> list[tuple[int, int]]:
    """(i, j): verb i of the source and verb j of the target tie, and each
    ties to nothing else on the other side."""
    ties = {(i, j) for i, (_, _, v) in enumerate(mine) for j, (_, _, u) in enumerate(theirs)
            if tied(v, pair.src.lang, u, pair.tgt.lang)}
    return sorted((i, j) for i, j in ties
                  if sum(1 for x, _ in ties if x == i) == 1 and sum(1 for _, y in ties if y == j) == 1)


def paired_cues(pair: AlignedPair) -> set[tuple[int, int]]:
    """Spans of the time cues whose verb this check pairs with a verb of
    the other side (:func:`_verb_pairs`), both sides': compare.claims
    leaves a future whose verb is paired to it."""
    mine = _timed_verbs(pair.src, side_cues(pair.src))
    theirs = _timed_verbs(pair.tgt, side_cues(pair.tgt))
    return {(c.start, c.end) for i, j in _verb_pairs(pair, mine, theirs) for c in (mine[i][0], theirs[j][0])}


VERB_TIME_CHECKS = (per_clause(check_verb_times),)
