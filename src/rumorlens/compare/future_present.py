"""A Chinese future told as a present: 其他提名将包括 'the other
nominations will include' against 'The other nominations include',
统计将显示 against 'Statistics show'.

Chinese marks no tense, so compare.claims.check_tense_shift never judges a
Chinese side; but a future of tense (将 as an adverb right before its verb,
将于 + a time: kind 'tense', value 'future' in models/claims/zh.json, with
the guards of claims.cues.chinese_tense_future) is as explicit as 'will'.
When the other version's main clauses tell only the present, the plan or
the prediction reads as a standing fact.  A future against a past or an
event under way is check_tense's (modality_changed).

Quiet where the present tells the future too (Riegel, Pellat & Rioul 2009,
VII.2.1, présent à valeur de futur; Quirk et al. 1985, 4.42): beside a date
or a day ('takes place in December'), in a conditional sentence, with a
modal or a future anywhere near ('is expected to', 'may'), when the
future is negated (不打算 'does not intend' is a present state: the negation
scope of compare.claims._negated_cue), and when the
present verb takes an infinitive that looks ahead ('hopes to finalize', 'is
speculated to make': models/compare/cues.json ``future_complement``).
Reported as ``tense_changed``, low, as check_tense_shift does: translators
render a schedule in the present for style too."""
from __future__ import annotations

import functools

from ..langs import TENSE_MARKING
from ..records import ClaimCue, Finding
from .claims import _TIME_WORDS, _dated, _label, _loose, _main_clauses, _negated_cue, _opens_condition, _times, \
    claim_finding, per_clause, side_cues
from .cues import cue_lists
from .pair import AlignedPair, Side


def check_future_present(pair: AlignedPair) -> list[Finding]:
    """``tense_changed`` (low) for a Chinese main-clause future of tense
    against a French or English side whose main clauses tell only the
    present (see the module docstring for the guards)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        if side.lang in TENSE_MARKING or other.lang not in TENSE_MARKING:
            continue
        mine = side_cues(side)
        fut = [c for c in _main_clauses(mine) if c.kind == "tense" and c.value == "future"
               and "subordinate" not in c.marks and not _negated_cue(c, side)]
        theirs = side_cues(other)
        times = _times(_main_clauses(theirs))
        if not fut or set(times) != {"present"} or _opens_condition(mine + theirs) or _dated(other):
            continue
        if any(c.kind == "modal" for c in theirs + side_cues(other, near=True)):
            continue  # 'will', 'is expected to', 'may', 'would': another check's, or no present at all
        present = [c for c in times["present"] if not _looks_ahead(other, c)]
        if not present:
            continue
        expl = (f"The {_label(pair, side)} says this {_TIME_WORDS['future']} ({'; '.join(c.text for c in fut[:2])}); "
                f"the {_label(pair, other)} says it {_TIME_WORDS['present']} ({'; '.join(c.text for c in present[:2])}).")
        conf = 0.4 if _loose(pair) else 0.45
        return [claim_finding(pair, "tense_changed", "low", conf, side, fut, other, present, expl)]
    return []


@functools.lru_cache(maxsize=None)
def _complements(lang: str) -> frozenset[str]:
    return frozenset(cue_lists().get("future_complement", {}).get(lang, ()))


def _looks_ahead(side: Side, cue: ClaimCue) -> bool:
    """Does the present verb of ``cue`` take an infinitive ('hopes to
    finalize', 'is speculated to make', « compte de lancer »): within the
    next three words, past adverbs, particles and participles, a word of
    ``future_complement`` that a verb follows?"""
    words = side.words()
    base = side.start
    after = [w for w in words if base + w.start >= cue.end][:4]
    for k, w in enumerate(after[:-1]):
        if w.text.casefold() in _complements(side.lang):
            return after[k + 1].pos in ("VERB", "AUX")
        if w.pos not in ("ADV", "PART", "VERB", "AUX"):
            return False
    return False


FUTURE_PRESENT_CHECKS = (per_clause(check_future_present),)
