"""A word after a demonstrative determiner is a noun, whatever spaCy tags it
(models/claims/fr.json determiners_only, session 57)."""
import pytest
from compare_helpers import checked_findings

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.claims.profile import profile_text  # noqa: E402


def test_cet_ete_tells_no_tense():
    # spaCy's small model tags « été » (summer) a verb in the present here
    cues = profile_text("Les touristes ont été nombreux à visiter l'île cet été.", "fr").cues
    assert not [c for c in cues if c.kind == "tense" and c.value == "present"]


def test_this_summer_against_a_past_is_no_tense_change():
    found = checked_findings("Les touristes ont été nombreux à visiter l'île cet été.",
                             "Many tourists visited the island this summer.", "fr", "en")
    assert "tense_changed" not in [f["type"] for f in found]


def test_a_present_after_ce_pronoun_still_tells_its_tense():
    cues = profile_text("Ce sont les touristes qui visitent l'île.", "fr").cues
    assert [c for c in cues if c.kind == "tense" and c.value == "present"]
