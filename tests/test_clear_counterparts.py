"""Beads whose two sides are clearly each other's counterparts are checked
even when they are less alike than their pair's other beads: a changed claim
makes a sentence less alike (compare.driver.bead_margins, well_aligned;
two trials' planted distortions sat on such beads)."""
import numpy as np

from compare_helpers import pair

from rumorlens.compare import PairStats, Side
from rumorlens.compare.driver import bead_margins, well_aligned
from rumorlens.compare.polarity import check_polarity
from rumorlens.records import Bead


def _unit(*xs):
    v = np.asarray(xs, dtype="float32")
    return v / np.linalg.norm(v)


def test_margin_is_own_cosine_minus_the_best_neighbour():
    src = np.stack([_unit(1, 0, 0), _unit(0, 1, 0), _unit(0, 0, 1)])
    tgt = np.stack([_unit(1, 0.2, 0), _unit(0, 1, 0.5), _unit(0, 0, 1)])
    beads = [Bead([0], [0]), Bead([1], [1]), Bead([], []), Bead([2], [2])]
    m = bead_margins(beads, src, tgt)
    assert m[2] is None  # one-sided
    own = float(src[1] @ tgt[1])
    rival = max(float(src[1] @ tgt[0]), float(src[0] @ tgt[1]), float(src[1] @ tgt[2]), float(src[2] @ tgt[1]))
    assert abs(m[1] - (own - rival)) < 1e-6 and m[1] > 0
    swapped = bead_margins([Bead([0], [1]), Bead([1], [0])], src, tgt)
    assert all(x < 0 for x in swapped)  # each side is closer to the other bead's
    assert bead_margins([Bead([0], [0])], src, tgt) == [None]  # no neighbour to compare with


def test_a_bead_less_alike_than_usual_is_checked_when_its_margin_is_clear():
    stats = PairStats(n=12, median=0.8, mad=0.02, length_ratio_median=0.0, length_ratio_mad=0.05)
    p = pair("Une telle fermeture concernerait environ 1 200 postes.", "The closure would affect some 2,100 jobs.",
             "fr", "en", similarity=0.6, stats=stats)
    p.margin = 0.05
    assert not well_aligned(p)  # robust z far below -1.5 and no clear margin: maybe misaligned
    p.margin = 0.3
    assert well_aligned(p)
    p.margin = None  # no vectors at hand: as before
    assert not well_aligned(p)


def test_a_clear_one_to_one_bead_of_unusual_length_is_checked():
    """A hedge frame dropped makes a sentence much shorter than its
    counterpart: the length gate skipped exactly that bead."""
    stats = PairStats(n=12, median=0.7, mad=0.05, length_ratio_median=0.0, length_ratio_mad=0.02)
    p = pair("Selon des sources proches de la direction, le groupe envisagerait de fermer le site de Dunkerque.",
             "The group is planning to close the Dunkirk site.", "fr", "en", similarity=0.7, stats=stats)
    assert not well_aligned(p)
    p.margin = 0.3
    assert well_aligned(p)
    p.src.sentence_ids = ["a:0", "a:1"]  # several sentences against one: a partial omission, not a claim
    assert not well_aligned(p)


def _in_context(before_src, src, before_tgt, tgt):
    p = pair(src, tgt, "zh", "en", phrase_similarity=lambda a, b: 0.9 if ("未" in a) == ("未" in b) else 0.5)
    for side, before, text in ((p.src, before_src, src), (p.tgt, before_tgt, tgt)):
        doc = before + " " + text
        side.doc_text, side.start, side.end = doc, len(before) + 1, len(doc)
        side.context_start, side.context_end = 0, len(doc)
    return p


def test_a_neighbour_negation_answered_on_both_sides_does_not_excuse_a_flip():
    """暂无人员伤亡报告 / "no casualties have been reported" just before:
    the neighbour's negation is its own, so the flip in the bead stands."""
    p = _in_context("目前暂无人员伤亡报告。", "大坝目前未出现险情。",
                    "No casualties have been reported.", "The dam had shown signs of danger.")
    (f,) = check_polarity(p)
    assert f.type == "negation_removed"
    # the negation really moved one sentence away: excused
    p = _in_context("目前有人员伤亡报告。", "大坝目前未出现险情。",
                    "The dam had not shown signs of danger.", "Casualties have been reported.")
    assert check_polarity(p) == []


def test_a_label_is_no_statement_whatever_its_margin():
    """Infobox lines ("Secretary-General" / « Secrétaire général Kofi
    Annan ») are each other's counterparts but say nothing to check."""
    stats = PairStats(n=12, median=0.8, mad=0.02, length_ratio_median=0.0, length_ratio_mad=0.05)
    p = pair("Secrétaire général Kofi Annan", "Secretary-General", "fr", "en", similarity=0.59, stats=stats)
    p.margin = 0.38
    assert not well_aligned(p)


def test_a_one_to_one_bead_between_clear_neighbours_is_held_in_place():
    """Trial 45: « Selon plusieurs analystes » against 欧洲央行表示, a bead of
    margin 0.07 between two clear beads, went unchecked (check-pairs reported
    the changed source on the same sentences).  One sentence a side, a
    positive margin and clear one-to-one neighbours on both sides: aligned
    (compare.driver.anchored_beads)."""
    from rumorlens.compare.driver import anchored_beads

    beads = [Bead([0], [0]), Bead([1], [1]), Bead([2], [2]), Bead([3, 4], [3]), Bead([5], [4]), Bead([6], [])]
    margins = [0.3, 0.05, 0.4, 0.3, 0.05, None]
    assert anchored_beads(beads, margins) == [False, True, False, False, False, False]
    assert anchored_beads(beads, [0.3, 0.05, 0.09, 0.3, 0.05, None])[1] is False  # a neighbour not clear

    stats = PairStats(n=12, median=0.66, mad=0.03, length_ratio_median=0.0, length_ratio_mad=0.05)
    p = pair("欧洲央行表示，2025年第一季度可能再次降息。",
             "Selon plusieurs analystes, une nouvelle baisse est probable au premier trimestre 2025.",
             "zh", "fr", similarity=0.48, stats=stats)
    p.margin = 0.07
    assert not well_aligned(p)
    p.anchored = True
    assert well_aligned(p)
    p.margin = -0.02  # held in place, but closer to a neighbour's side: maybe misaligned
    assert not well_aligned(p)
