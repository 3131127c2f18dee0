"""Faults a fresh user's trial of session 60 met: a French conditional of
reported speech whose « qu' » the tagger reads as a pronoun, a word of a
hyphenated compound taken for an antonym."""
from __future__ import annotations

import pytest
from compare_helpers import checked_findings

from rumorlens.claims import profile_text


@pytest.fixture(scope="module")
def encoder():
    from rumorlens.embed import get_encoder

    return get_encoder()


def _types(src, tgt, encoder=None):
    return {f["type"] for f in checked_findings(src, tgt, "fr", "en", encoder=encoder)}


@pytest.mark.parametrize("text", ["La ministre a dit aux députés qu'il serait trop tard.",
                                  "Le patron a annoncé aux salariés qu'elle fermerait en mai."])
def test_a_conditional_under_a_past_reporting_verb_is_the_future_in_the_past(text):
    (cue,) = [c for c in profile_text(text, "fr").cues if c.source == "spacy:Mood=Cnd"]
    assert cue.value == "future"


def test_a_conditional_of_reported_speech_against_would_is_no_change():
    src = "La ministre a dit aux députés qu'il serait trop tard."
    tgt = "The minister told the deputies it would be too late."
    assert not _types(src, tgt) & {"modality_changed", "hedge_dropped", "hedge_added"}


def test_a_word_of_a_hyphenated_compound_is_no_antonym(encoder):
    src = "Les habitants ont salué une réforme très attendue, même si certains la jugent insuffisante."
    tgt = "Residents welcomed a long-awaited reform, even if some find it insufficient."
    assert "antonym" not in _types(src, tgt, encoder)
