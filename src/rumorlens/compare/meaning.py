"""Meaning check: a bead whose similarity is abnormally low *for this
document pair*.  A transcript and its source are less similar overall than a
translation and its source, so the bar is the pair's own distribution: the
robust z-score (median and MAD) of the bead's similarity."""
from __future__ import annotations

from ..records import Finding
from .omission import text_weight
from .pair import AlignedPair, make_finding, quote, robust_z
from .thresholds import thresholds




def check_meaning(pair: AlignedPair) -> list[Finding]:
    if pair.src.empty or pair.tgt.empty:
        return []
    if pair.src.stray or pair.tgt.stray:
        return []  # an image line or a stray caption drags the similarity down: not a change of meaning
    th = thresholds()
    if pair.stats.n < th["meaning_min_beads"]:
        return []
    if min(text_weight(pair.src.text), text_weight(pair.tgt.text)) < th["one_sided_min_chars"]:
        return []  # a label ("Assumed office"): too short for a sentence vector to judge its meaning
    z = robust_z(pair.similarity, pair.stats.median, pair.stats.mad)
    if z > th["meaning_robust_z"] or pair.similarity > th["meaning_max_similarity"]:
        return []
    conf = min(0.8, 0.4 + 0.05 * (abs(z) - abs(th["meaning_robust_z"])))
    severity = "medium" if z <= 2 * th["meaning_robust_z"] else "low"
    expl = (f"These two passages are much less alike than the rest of the two documents "
            f"(similarity {pair.similarity:.2f} against a usual {pair.stats.median:.2f}): the "
            f"{pair.label(pair.tgt)} {quote(pair.tgt.text, 50)} may not say what the "
            f"{pair.label(pair.src)} says.")
    return [make_finding(pair, "meaning", "low_similarity", severity, conf,
                         [pair.src.evidence(), pair.tgt.evidence()], expl)]


def single_pair_meaning(pair: AlignedPair) -> list[Finding]:
    """A lone sentence pair (check-pairs) far below the calibrated floor."""
    th = thresholds()
    if pair.src.empty or pair.tgt.empty or pair.similarity >= th["meaning_floor_single"]:
        return []
    expl = (f"The two sentences are hardly alike (similarity {pair.similarity:.2f}): the "
            f"{pair.label(pair.tgt)} may not translate the {pair.label(pair.src)}.")
    return [make_finding(pair, "meaning", "low_similarity", "medium", 0.5,
                         [pair.src.evidence(), pair.tgt.evidence()], expl)]
