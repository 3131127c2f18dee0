"""The degree of a doubt changed: both versions hedge the claim, one as
likely (probably, 很可能, « sans doute »), the other as merely possible
(perhaps, 也许, « peut-être »; 'unlikely', 不太可能 too, the claims
lexicons' weak grade).  'OpenAI very likely runs GPT-5 internally' told as
'OpenAI perhaps runs GPT-5 internally' keeps every name and every hedge
family, and the claim is no longer the same (the sample corpus: 很可能 /
也许, two Chinese versions of one article).

:func:`check_hedge_grade` reports ``certainty_lowered`` (the target is
less sure) or ``certainty_raised``, low: a translation moves between
'may' and 'likely' more freely than between a hedge and a plain statement,
which compare.claims.check_certainty reports.  Only when each side's doubts
are of one grade, not the other's (or, where a side holds both, those of
two facing clauses), and no sentence next to the other side
carries the grade it lacks (an alignment boundary moved it); a negated
hedge ('not likely') is no grade of its own here, nor a doubt a
translation reads either way (可能, 'may' or 'probably':
models/compare/cues.json ``grade_neutral_doubts``).  The grades are the
claims lexicons' hedge values (models/claims/*.json: probable, possible),
the epistemic scale of Lyons (1977), Semantics, 17.2.
"""
from __future__ import annotations

from typing import Optional

from ..records import ClaimCue, Finding
from .claims import _label, _loose, _negated_cue, claim_finding, cue_words, per_clause, side_cues
from .cues import cue_lists
from .pair import AlignedPair, Side

# weaker first: the order the claim's certainty is read in
_GRADES = ("possible", "probable")
_WORDS = {"possible": "says only that it is possible", "probable": "says it is likely"}


def _doubts(side: Side, near: bool = False) -> list[ClaimCue]:
    """The side's hedges of a graded doubt (hedge or modal cues valued
    possible or probable), not negated; with ``near``, those of the
    sentences next to it instead."""
    cues = side_cues(side, near=True, inside=False) if near else side_cues(side)
    neutral = cue_lists().get("grade_neutral_doubts", {}).get(side.lang, ())
    return [c for c in cues if c.kind in ("hedge", "modal") and c.value in _GRADES and c.text not in neutral
            and (near or not _negated_cue(c, side))]


def _graded_apart(pair: AlignedPair, mine: list[ClaimCue],
                  theirs: list[ClaimCue]) -> Optional[tuple[list[ClaimCue], list[ClaimCue]]]:
    """The source's and the target's doubts whose grades differ: the sides'
    own when each holds one grade; else those of the first clause of the
    source whose facing clause of the target (AlignedPair.facing) holds
    doubts of one other grade ('will probably close, and perhaps 500 jobs
    will go' / « fermera probablement, et probablement 500 emplois… »: a
    session 52 break test); None when no grade changed."""
    if len({c.value for c in mine}) == 1 and len({c.value for c in theirs}) == 1:
        return (mine, theirs) if mine[0].value != theirs[0].value else None
    for c in mine:
        there = [d for d in theirs if pair.facing(c.start, d.start)]
        here = [x for x in mine if any(pair.facing(x.start, d.start) for d in there)]
        if there and len({x.value for x in here} | {d.value for d in there}) == 2 \
                and len({x.value for x in here}) == 1:
            return here, there
    return None


def check_hedge_grade(pair: AlignedPair) -> list[Finding]:
    """``claim/certainty_lowered`` or ``claim/certainty_raised`` (low) for
    one bead whose two sides, or two facing clauses of it, hedge with
    doubts of different grades (module docstring)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    found = _graded_apart(pair, _doubts(pair.src), _doubts(pair.tgt))
    if found is None:
        return []
    mine, theirs = found
    gs, gt = mine[0].value, theirs[0].value
    if gs in {c.value for c in _doubts(pair.tgt, near=True)} or gt in {c.value for c in _doubts(pair.src, near=True)}:
        return []
    lowered = _GRADES.index(gt) < _GRADES.index(gs)
    target = _label(pair, pair.tgt)
    expl = (f"The {_label(pair, pair.src)} {_WORDS[gs]} ({cue_words(mine)}); the {target} {_WORDS[gt]} "
            f"({cue_words(theirs)}): the claim is {'less' if lowered else 'more'} certain in the {target}.")
    conf = 0.3 if _loose(pair) else 0.4
    return [claim_finding(pair, "certainty_lowered" if lowered else "certainty_raised", "low", conf,
                          pair.src, mine, pair.tgt, theirs, expl)]


HEDGE_GRADE_CHECKS = (per_clause(check_hedge_grade),)
