"""Findings weighed against their own document pair.

Every check runs on every pair of versions, whatever their relation
(translation, transcript, retelling).  What differs between a close
translation and a video transcript that condenses is not which checks are
worth running but how much one finding says; that is measured on the pair:

- **how often the pair shows it**: the share of the pair's two-sided beads
  with a finding of the same category and type (smoothed with
  ``calibration_prior_beads`` clean beads).  A name missing from one bead of
  a close translation is news; a name missing from most beads of a summary
  is the summary's style.
- **how much the other version condenses**: for content present on one side
  only (a passage, a name, a figure, a hedge left out or added), how much
  shorter the other version is overall (content weight, Chinese characters
  counted three times).  A transcript a third shorter than its source leaves
  things out by design: the finding says so and weighs less.

A finding's confidence is multiplied by ``(1 - rate) * (1 - condensed)``;
below ``calibrated_min_confidence`` it is not reported, and when the rate or
the condensation reaches ``calibration_routine`` its severity drops one step
and its explanation says why.  The values live in
``models/thresholds/checks.json``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..records import Finding
from .omission import text_weight
from .pair import SEVERITY_RANK, AlignedPair
from .thresholds import thresholds

# Finding kinds about content present on one side only: (category, type) -> the
# side that has the content.  The other side is the one that left it out.
LEFT_OUT = {
    ("omission", "sentence_missing"): "src", ("omission", "part_missing"): "src",
    ("omission", "hedge_dropped"): "src", ("number", "number_missing"): "src",
    ("entity", "missing"): "src", ("polarity", "denial_dropped"): "src", ("date", "date_missing"): "src",
    ("addition", "sentence_added"): "tgt", ("addition", "part_added"): "tgt",
    ("addition", "hedge_added"): "tgt", ("number", "number_added"): "tgt",
    ("entity", "added"): "tgt", ("polarity", "denial_added"): "tgt", ("date", "date_added"): "tgt",
}
_SEVERITIES = sorted(SEVERITY_RANK, key=SEVERITY_RANK.get)  # high, medium, low


@dataclass
class PairProfile:
    """What one document pair is like as a whole: its two-sided beads, the
    content weight of each side, and how much shorter each side is than the
    other (0 when it is not shorter)."""

    n_two_sided: int
    weight: dict  # "src"/"tgt" -> content weight of the whole document in the pair's beads
    labels: dict  # "src"/"tgt" -> how explanations name that side

    def condensed(self, side: str) -> float:
        """How much shorter ``side`` is than the other version (0..1)."""
        other = "tgt" if side == "src" else "src"
        if self.weight[other] <= 0:
            return 0.0
        return max(0.0, 1.0 - self.weight[side] / self.weight[other])


def profile(pairs: list[AlignedPair]) -> PairProfile:
    weight = {"src": 0.0, "tgt": 0.0}
    labels = {"src": "", "tgt": ""}
    for p in pairs:
        for attr in ("src", "tgt"):
            side = getattr(p, attr)
            if not side.empty:
                weight[attr] += text_weight(side.content)
                labels[attr] = labels[attr] or p.label(side)
    n = sum(1 for p in pairs if not p.src.empty and not p.tgt.empty)
    return PairProfile(n_two_sided=n, weight=weight, labels=labels)


def _demoted(severity: str) -> str:
    return _SEVERITIES[min(len(_SEVERITIES) - 1, SEVERITY_RANK[severity] + 1)]


def _rates(findings: list[Finding], prof: PairProfile, prior: float) -> dict:
    """Share of two-sided beads with a finding of each (category, type)."""
    beads = defaultdict(set)
    for f in findings:
        if f.bead is not None:
            beads[(f.category, f.type)].add(f.bead)
    return {k: len(v) / (prof.n_two_sided + prior) for k, v in beads.items()}


def _note(f: Finding, rate: float, condensed: float, prof: PairProfile) -> str:
    """The sentence a calibrated explanation gains."""
    has = LEFT_OUT.get((f.category, f.type))
    parts = []
    if has and condensed > 0:
        short = "tgt" if has == "src" else "src"
        parts.append(f"the {prof.labels[short]} is about {round(100 * condensed)}% shorter than the "
                     f"{prof.labels[has]} overall (it condenses), so this may be a deliberate cut")
    if rate > 0:
        k = round(rate * (prof.n_two_sided + thresholds()["calibration_prior_beads"]))
        parts.append(f"{k} of the {prof.n_two_sided} aligned passages of these two versions show the same kind "
                     f"of difference")
    return (" Weighed against these two versions: " + "; ".join(parts) + ".") if parts else ""


def calibrate(findings: list[Finding], pairs: list[AlignedPair]) -> list[Finding]:
    """The findings of one document pair (``pairs``: all its beads), with
    confidence and severity weighed against the pair (see the module
    docstring); findings whose weighed confidence falls below the floor are
    left out.  Findings of other documents (a stray line) pass unchanged."""
    if not pairs:
        return findings
    th = thresholds()
    prof = profile(pairs)
    docs = pairs[0].docs
    mine = [f for f in findings if f.docs == docs]
    rates = _rates(mine, prof, th["calibration_prior_beads"])
    out = [f for f in findings if f.docs != docs]
    for f in mine:
        has = LEFT_OUT.get((f.category, f.type))
        condensed = prof.condensed("tgt" if has == "src" else "src") if has else 0.0
        rate = rates.get((f.category, f.type), 0.0)
        conf = f.confidence * (1 - rate) * (1 - condensed)
        if conf < th["calibrated_min_confidence"]:
            continue
        f.confidence = round(conf, 3)
        if max(rate, condensed) >= th["calibration_routine"]:
            f.severity = _demoted(f.severity)
            f.explanation += _note(f, rate, condensed, prof)
        out.append(f)
    return out
