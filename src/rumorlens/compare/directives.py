"""Directive force: advice or a permission told as an order, or the
reverse.  'The WHO recommends masks' against 世卫组织要求戴口罩, 建议
against 'ordered', « la loi permet » against 'the law obliges': every name
and number is kept, and what was a recommendation or an option now binds.

:func:`check_directive`: one side has a verb or noun of advice (cues.json
``directive_force.advice``: recommend, suggest, encourage, 建议, 鼓励,
« recommande », « préconise ») or of permission (``permission``: allow,
permit, 允许, « permet », « autorise ») and none of demand; the other one
of demand (``demand``: require, order, ban, 要求, 责令, 禁止, « exige »,
« interdit », or a 'must' of the claims stage) and none of that weaker
kind.  Negated cues ('did not require', 未要求) count for neither side.
Appeals and requests between advice and demand ('urge', 'call on', 'ask',
呼吁, 敦促, « exhorte », « demande ») are listed in none: 要求 is rendered
'asked' or 'called for' as often as 'required'.  Reported as
``modality_changed`` (deontic force; Searle 1976 grades directives by
strength, Palmer 2001 ch. 3): medium, low on a spoken version.  A 'must'
against a 'can' is compare.claims.check_modal_force's, which runs first.
"""
from __future__ import annotations

from ..records import ClaimCue, Finding
from .claims import (_label, _loose, _negated_modal, _phrase_cues, check_modal_force, claim_finding, cue_words,
                     modal_forces, per_clause)
from .cues import cue_lists, negations
from .pair import AlignedPair, Side


def directives(side: Side) -> dict[str, list[ClaimCue]]:
    """{"advice": [...], "permission": [...], "demand": [...]}: the side's
    unnegated directive cues of each force (cues.json ``directive_force``),
    in text order; a necessity of compare.claims.modal_forces ('must', 必须,
    « doit ») is a demand ('The WHO recommends masks' / 'Everyone must wear
    a mask')."""
    lists, spans = cue_lists()["directive_force"], negations(side.text, side.lang)
    out = {}
    for force in _FORCES:
        found = _phrase_cues(side, lists[force].get(side.lang, ()), force, side.start, side.end)
        out[force] = [c for c in found if not _negated_modal(c, side, spans)]
    out["demand"] += modal_forces(side)["necessity"]
    return {force: sorted(cues, key=lambda c: c.start) for force, cues in out.items()}


_FORCES = ("advice", "permission", "demand")
_TOLD = {"advice": ("advice", "a recommendation"), "permission": ("a permission", "an option")}


def check_directive(pair: AlignedPair) -> list[Finding]:
    """``claim/modality_changed`` when one side advises or permits and the
    other demands (module docstring)."""
    if pair.src.empty or pair.tgt.empty or check_modal_force(pair):
        return []  # a 'must' against a 'can' is that check's: one finding for one change
    src, tgt = directives(pair.src), directives(pair.tgt)
    for weak in ("advice", "permission"):
        for side, other, mine, theirs in ((pair.src, pair.tgt, src, tgt), (pair.tgt, pair.src, tgt, src)):
            if not (mine[weak] and not mine["demand"] and theirs["demand"] and not theirs[weak]):
                continue
            words, what = _TOLD[weak]
            told = f"{what} is told as a duty" if side is pair.src else f"a duty is told as {what}"
            expl = (f"The {_label(pair, side)} words it as {words} ({cue_words(mine[weak])}), the "
                    f"{_label(pair, other)} as a demand ({cue_words(theirs['demand'])}): {told} in the "
                    f"{_label(pair, pair.tgt)}.")
            severity, conf = ("low", 0.4) if _loose(pair) else ("medium", 0.5)
            return [claim_finding(pair, "modality_changed", severity, conf, side, mine[weak], other,
                                  theirs["demand"], expl)]
    return []


DIRECTIVE_CHECKS = (per_clause(check_directive),)
