"""The verb of a hedge frame and the subjunctive after it tell no time of
the claim (compare.claims._timeless, session 56: « Il est très probable que
le match soit annulé » / 'The match will very likely be cancelled' was a
tense_changed, present against future, and « Il est possible que nous
perdions » / 'It's possible that we'll lose' a modality_changed, the
subjunctive read as an imperfect)."""
from __future__ import annotations

import pytest
from compare_helpers import profiled

from rumorlens.compare.claims import check_tense, check_tense_shift


@pytest.mark.parametrize("src, tgt", [
    ("Il est très probable que le match soit annulé.", "The match will very likely be cancelled."),
    ("Il n'est pas exclu que le président se représente.", "It cannot be ruled out that the president will run again."),
    ("« Il est possible que nous perdions », a admis l'entraîneur.", "“It's possible that we'll lose,” the coach admitted."),
])
def test_a_hedge_frame_and_its_subjunctive_tell_no_time(src, tgt):
    p = profiled(src, tgt, "fr", "en")
    assert check_tense_shift(p) == [] and check_tense(p) == []


def test_a_main_verb_after_the_frame_still_tells_its_time():
    """Outside the frame, a verb keeps its time: « Le match a été annulé »
    against 'will be cancelled' is a plan told as done."""
    p = profiled("Il est certain que le match a été annulé hier, et la fédération le confirme.",
                 "The match will be cancelled, and the federation will confirm it.", "fr", "en")
    assert check_tense_shift(p) or check_tense(p)
