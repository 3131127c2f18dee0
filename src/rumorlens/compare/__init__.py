"""Compare stage: checks on aligned beads, conflicts across articles, and the
driver that merges and ranks findings.

Each check is a function ``(pair: AlignedPair) -> list[Finding]``:

- numbers.check_numbers   value, scale, false friend, unit, approximation, one-sided
- dates.check_dates       shifted, granularity lost, direction changed
- entities.check_entities missing, replaced, misspelled, translated as a word
- polarity.check_polarity negation added or removed
- omission.check_one_sided / check_partial / check_clause_gaps
- claims.check_certainty / check_attribution / check_degree / check_quantifier / check_negation_scope
- hedge_grade.check_hedge_grade  a likelihood told as a possibility ('very likely' / 'perhaps')
- meaning.check_meaning   similarity abnormally low for this document pair

``conflict.find_conflicts`` works across documents that are not versions.

Every check runs on every relation; ``calibration.calibrate`` weighs a
pair's findings against that pair, ``consolidate.consolidate`` restates them
across an article's versions, and ``internal`` checks each document against
itself (issue 16).
"""
from .driver import BEAD_CHECKS, MentionIndex, aligned_pairs, merge_findings, pair_stats, rank, run_checks
from .pair import AlignedPair, PairStats, Side, finding_id, make_finding

__all__ = [
    "AlignedPair", "BEAD_CHECKS", "MentionIndex", "PairStats", "Side", "aligned_pairs", "finding_id",
    "make_finding", "merge_findings", "pair_stats", "rank", "run_checks",
]
