"""A demonym or language adjective that names another country than the
other version says (compare.demonyms, session 47)."""
from __future__ import annotations

import pytest
from compare_helpers import checked_findings


def _replaced(src, tgt, sl, tl):
    return [(f["type"], f["severity"]) for f in checked_findings(src, tgt, sl, tl)
            if f["category"] == "entity" and f["type"] == "replaced"]


@pytest.mark.parametrize("src, tgt", [
    ("Des milliers de maisons ont été détruites par l'armée égyptienne.", "Thousands of houses were destroyed by the Israeli army."),
    ("La prononciation est facile en allemand.", "Pronunciation is easy in Italian."),
    ("La jeune fille indienne moyenne se marie tôt.", "The average Pakistani girl marries early."),
])
def test_a_demonym_of_another_country_is_a_replacement(src, tgt):
    assert _replaced(src, tgt, "fr", "en") == [("replaced", "medium")]
    assert _replaced(tgt, src, "en", "fr") == [("replaced", "medium")]


@pytest.mark.parametrize("src, tgt, sl", [
    ("Des milliers de maisons ont été détruites par l'armée israélienne.", "Thousands of houses were destroyed by the Israeli army.", "fr"),
    # a capital standing for its country, the country named, a demonym on both sides
    ("Le gouvernement chinois a répondu à Pékin.", "The Chinese government responded in Beijing.", "fr"),
    ("Des scientifiques américains et chinois ont collaboré.", "American and Chinese scientists collaborated.", "fr"),
    ("中国政府批评了美国的决定。", "The Chinese government criticised the American decision.", "zh"),
    # a demonym dropped or added is no replacement
    ("Le gouvernement a répondu aux critiques.", "The Chinese government responded to the criticism.", "fr"),
])
def test_the_same_country_or_none_is_not(src, tgt, sl):
    assert _replaced(src, tgt, sl, "en") == []


def test_a_demonym_and_a_country_in_other_clauses_are_not_paired():
    src = "Les chercheurs italiens ont publié l'étude. Elle a ensuite été reprise en Allemagne."
    tgt = "Italian researchers published the study. It was later taken up in Germany."
    assert _replaced(src, tgt, "fr", "en") == []


def test_a_word_of_a_name_is_no_demonym():
    src = "La Belgique est le septième pays de l'UE à subir le virus."
    tgt = "France is the seventh country in the European Union to suffer this virus."
    assert ("replaced", "medium") not in _replaced(src, tgt, "fr", "en")
