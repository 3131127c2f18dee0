"""An opposed pair that crosses two clauses: the source word the English
word is opposed to is rendered by another English word (session 59)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.compare.antonyms import check_antonyms


def _antonyms(src, tgt, sl, tl):
    return [f for f in check_antonyms(pair(src, tgt, sl, tl)) if f.type == "antonym"]


@pytest.mark.parametrize("src, tgt", [
    ("Les ventes ont baissé en Europe alors que les commandes ont augmenté en Asie.",
     "Sales fell in Europe while orders rose in Asia."),
    ("Le chômage a augmenté au nord mais baissé au sud.", "Unemployment rose in the north but fell in the south."),
])
def test_two_opposite_moves_told_in_one_sentence_are_no_reversal(src, tgt):
    assert not _antonyms(src, tgt, "fr", "en")


def test_one_move_told_the_other_way_is_still_a_reversal():
    (f,) = _antonyms("Les ventes ont baissé en Europe.", "Sales rose in Europe.", "fr", "en")
    assert "'rose'" in f.explanation and "baissé" in f.explanation


@pytest.mark.parametrize("src, tgt", [
    ("Les taux ont baissé en mai et ont encore baissé en juin.", "Rates fell in May and rose again in June."),
    ("Les ventes ont diminué au Japon et baissé en Corée.", "Sales fell in Japan and rose in Korea."),
])
def test_a_move_told_twice_and_rendered_once_is_still_a_reversal(src, tgt):
    """'fell' renders one of the two: the other is opposed to 'rose' (a break test)."""
    assert _antonyms(src, tgt, "fr", "en")
