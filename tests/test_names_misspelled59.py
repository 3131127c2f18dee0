"""Names misspelled between a Chinese text that writes them in Latin
letters and another version (issue 9's kind, session 59), and French
renderings that add a final e to a one-word name."""
from __future__ import annotations

import pytest

from rumorlens.mentions.names import misspelled_in, misspelling


@pytest.mark.parametrize("zh,other,kind", [
    ("Jensen Huang", "Jensen Huong", "changed"),  # a changed letter is no rendering out of a Chinese text
    ("Demis Hassabis", "Demis Hasabis", "added"),  # the Chinese text's form is taken for the misspelled one
    ("Lisa Su", "Lisa Su", None),
])
def test_a_latin_name_in_a_chinese_text_follows_the_one_language_rule(zh, other, kind):
    got = misspelling(zh, other, "zh", "en")
    assert (got[1] if got else None) == kind


def test_a_latin_name_glued_to_han_characters_is_found_in_the_chinese_text():
    text = "据Jensen Huong透露，新芯片将于明年发布。"
    s, e, how = misspelled_in("Jensen Huang", "en", text, "zh")
    assert text[s:e] == "Jensen Huong" and how == "changed"


@pytest.mark.parametrize("fr,en", [("Staline", "Stalin"), ("Lénine", "Lenin")])
def test_a_french_final_e_on_a_one_word_name_is_a_rendering(fr, en):
    assert misspelling(fr, en, "fr", "en") is None


def test_a_final_e_dropped_from_a_name_of_several_words_is_still_a_misspelling():
    assert misspelling("Christine Lagarde", "Christine Lagard", "fr", "en") == ("Christine Lagard", "dropped")


def test_a_final_e_that_french_does_not_write_is_a_misspelling():
    assert misspelling("Macron", "Macrone", "en", "fr") == ("Macrone", "added")


def test_a_french_rendering_against_a_latin_name_in_a_chinese_text():
    assert misspelling("Stalin", "Staline", "zh", "fr") is None
