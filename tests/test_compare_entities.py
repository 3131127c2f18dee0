import pytest
from compare_helpers import mention, pair

from rumorlens.compare.entities import check_entities

pytest.importorskip("rumorlens.mentions.entities")


def ent(doc, text, snippet, lang, type_="PER", canonical=None):
    return mention(doc, text, snippet, lang, "entity", type_, value=canonical or snippet, canonical=canonical)


def test_gemaux_is_a_mistranslated_name():
    src, tgt = "谷歌发布了 Gemini 模型。", "Google a publié le modèle Gémeaux."
    p = pair(src, tgt, "zh", "fr", [ent("a", src, "Gemini", "zh", "PRODUCT", "Gemini")],
             [ent("b", tgt, "Gémeaux", "fr", "PRODUCT", "Gemini")])
    fs = check_entities(p)
    assert [(f.category, f.type, f.severity) for f in fs] == [("entity", "translated_as_word", "high")]
    assert fs[0].evidence[1].text == "Gémeaux"


def test_lex_fidman_is_misspelled():
    src, tgt = "Lex Fridman 的播客", "le podcast de Lex Fidman"
    p = pair(src, tgt, "zh", "fr", [ent("a", src, "Lex Fridman", "zh", canonical="Lex Fridman")],
             [ent("b", tgt, "Lex Fidman", "fr")])
    (f,) = check_entities(p)
    assert f.type == "misspelled" and f.evidence[1].text == "Lex Fidman"


def test_latin_name_missing_from_translation_is_strong():
    src = "上个月，总统委员会建议前任 CEP 辞职。"
    tgt = "Last month, a presidential committee recommended the resignation of the former as part of measures."
    p = pair(src, tgt, "zh", "en", [ent("a", src, "CEP", "zh", "ORG")], [])
    (f,) = check_entities(p)
    assert f.type == "missing" and f.severity == "high" and f.confidence >= 0.8
    assert f.evidence[0].text == "CEP"


def test_same_name_written_on_both_sides_is_quiet():
    src = "Newt Gingrich et Rick Perry ont terminé quatrième et cinquième."
    tgt = "Newt Gingrich and Rick Perry finished fourth and fifth."
    p = pair(src, tgt, "fr", "en", [ent("a", src, "Newt Gingrich", "fr"), ent("a", src, "Rick Perry", "fr")],
             [ent("b", tgt, "Newt Gingrich", "en")])  # NER missed one name on the English side
    assert check_entities(p) == []


def test_replaced_name():
    src = "Newt Gingrich et Rick Perry ont terminé quatrième et cinquième."
    tgt = "Newt Gingrich and Haider finished fourth and fifth."
    p = pair(src, tgt, "fr", "en", [ent("a", src, "Newt Gingrich", "fr"), ent("a", src, "Rick Perry", "fr")],
             [ent("b", tgt, "Newt Gingrich", "en"), ent("b", tgt, "Haider", "en")])
    (f,) = check_entities(p)
    assert f.type == "replaced" and f.evidence[0].text == "Rick Perry" and f.evidence[1].text == "Haider"


def test_cross_script_names_rescued_by_phrase_similarity():
    src = "从中美洲进口的货物"
    tgt = "goods imported from Central America"
    sims = {("中美洲", "Central America"): 0.74}
    p = pair(src, tgt, "zh", "en", [ent("a", src, "中美洲", "zh", "LOC")], [ent("b", tgt, "Central America", "en", "LOC")],
             phrase_similarity=lambda a, b: sims.get((a, b), 0.1))
    assert check_entities(p) == []
    # without the encoder the two names cannot be paired: at most a replacement flagged at lower confidence
    q = pair(src, tgt, "zh", "en", [ent("a", src, "中美洲", "zh", "LOC")], [ent("b", tgt, "Central America", "en", "LOC")])
    assert all(f.confidence < 0.8 for f in check_entities(q))
