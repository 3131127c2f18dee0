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

from ..langs import TENSE_MARKING
from ..records import ClaimCue, Finding
from .claims import (_label, _loose, _main_clauses, _negated_modal, _phrase_cues, _times, check_modal_force,
                     claim_finding, cue_words, modal_forces, per_clause, side_cues)
from .cues import cue_lists, negations
from .pair import AlignedPair, Side, below_median


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


def check_obligation_dropped(pair: AlignedPair) -> list[Finding]:
    """``claim/modality_changed`` (low) when one side states an obligation
    ('has to approve', « doit approuver », 'must') and the other the plain
    fact ('approuve', 'approved'): a requirement told as done, or the
    reverse.  French and English only, whose modals are explicit: Chinese
    often leaves 要, 得 unsaid.  Quiet when the other side has any modal,
    directive or requirement word (modal_forces, :func:`directives`) or a
    word that renders an obligation (cues.json ``obligation_renderings``:
    'you needed', « il me suffira »), when
    its main clauses tell no time, when the obligation is negated, when
    circumstances impose it (:func:`_circumstantial`: 'must face'), and in
    a bead of two documents less close than its pair's median
    (compare.coverage.below_median, as the other word-level checks: the
    finding rests on one side's modal alone, which a loose bead's other
    side may lack for any reason)."""
    if pair.src.empty or pair.tgt.empty or not {pair.src.lang, pair.tgt.lang} <= set(TENSE_MARKING) \
            or pair.src.lang == pair.tgt.lang or below_median(pair):
        return []  # one side's modal is all it rests on: only in a bead as close as its pair's median
    forces = {id(s): modal_forces(s) for s in (pair.src, pair.tgt)}
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        need, theirs = [c for c in forces[id(side)]["necessity"] if not _circumstantial(side, c)], forces[id(other)]
        renderings = cue_lists().get("obligation_renderings", {}).get(other.lang, ())
        if not need or any(theirs[k] for k in ("necessity", "weak", "possibility", "negated", "answers")) \
                or any(directives(other).values()) or any(c.kind == "modal" for c in side_cues(other)) \
                or _phrase_cues(other, renderings, "necessary", other.start, other.end):
            continue
        times = _times(_main_clauses(side_cues(other)))
        if not times:
            continue
        facts = [c for t in sorted(times) for c in times[t]][:2]
        told = "an obligation is told as a fact" if side is pair.src else "a fact is told as an obligation"
        expl = (f"The {_label(pair, side)} says this must be so ({cue_words(need)}); the {_label(pair, other)} "
                f"states it as a fact ({cue_words(facts)}): {told} in the {_label(pair, pair.tgt)}.")
        conf = 0.35 if _loose(pair) else 0.4
        return [claim_finding(pair, "modality_changed", "low", conf, side, need, other, facts, expl)]
    return []


def _circumstantial(side: Side, c: ClaimCue) -> bool:
    """Is the necessity one that circumstances impose, not a rule: its verb
    (within three words) faces or bears something (« notre monde doit faire
    face à », 'has to cope with': cues.json ``circumstantial_necessity``)?
    'must face' and 'faces' tell the same situation (Palmer 2001, 3.3,
    dynamic necessity)."""
    words = [w.text.casefold() for w in side.words() if side.start + w.start >= c.end][:6]
    verbs = cue_lists().get("circumstantial_necessity", {}).get(side.lang, ())
    return any(" ".join(words[k:k + len(v.split())]) == v for k in range(3) for v in verbs)


DIRECTIVE_CHECKS = (per_clause(check_directive), per_clause(check_obligation_dropped))
