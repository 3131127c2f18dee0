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
    # a capital standing for its country, a compound of two demonyms (a fresh user's break test)
    ("Les responsables de Pékin ont dit que les pourparlers reprendraient.",
     "Chinese officials said the talks would resume.", "fr"),
    ("美洲印第安部落曾在那里生活。", "American Indian tribes lived there.", "zh"),
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


def test_on_a_bead_the_replacement_stands_for_the_name_missing():
    # with an encoder the entity check reports 奥地利 missing (confidence 0.6,
    # compare.entities._one_sided); on one bead the two are one cause, and the
    # demonym's finding, which says what took the name's place, is the one kept
    from compare_helpers import pair

    from rumorlens.compare.demonyms import check_demonyms
    from rumorlens.compare.driver import merge_findings
    from rumorlens.compare.pair import make_finding
    from rumorlens.mentions import extract_text

    src, tgt = "与此同时，奥地利海军试图拦截这场运输。", "At the same time, the German navy was trying to stop this traffic."
    p = pair(src, tgt, "zh", "en", src_m=extract_text(src, "zh"), tgt_m=extract_text(tgt, "en"), bead=3)
    (replaced,) = check_demonyms(p)
    name = next(m for m in p.src.mentions if m.text == "奥地利")
    missing = make_finding(p, "entity", "missing", "medium", 0.6, [p.src.mention_evidence(name), p.tgt.evidence()],
                           "The name '奥地利' in the Chinese version does not appear in the matching English passage.")
    assert [(f.type, f.severity) for f in merge_findings([missing, replaced])] == [("replaced", "medium")]
