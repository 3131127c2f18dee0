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


# --------------------------------------------------------------------------
# support: is a name rendered in the other version?

from rumorlens.mentions.names import latin_code, name_support, only_titles, pinyin_code, transliteration_score
from rumorlens.compare.pair import Side as _Side


def _side_of(text, lang, mentions=()):
    return _Side(doc_id="x", path="", lang=lang, doc_text=text, start=0, end=len(text), mentions=list(mentions))


@pytest.mark.parametrize("latin, han", [("Houston", "休斯敦"), ("Putin", "普京"), ("Mallorca", "马略卡"),
                                        ("Gretchen", "格雷琴"), ("Miller", "米勒")])
def test_transliterations_sound_alike(latin, han):
    from pypinyin import lazy_pinyin

    assert transliteration_score(latin, tuple(lazy_pinyin(han))) >= 0.7


@pytest.mark.parametrize("latin, han", [("Chomsky", "普京"), ("Europe", "重庆"), ("Banas", "韶山")])
def test_unrelated_names_do_not_sound_alike(latin, han):
    from pypinyin import lazy_pinyin

    assert transliteration_score(latin, tuple(lazy_pinyin(han))) < 0.7


def test_sound_codes():
    assert latin_code("Houston") == "STN"  # h is dropped: Chinese renders it as x, h or nothing
    assert pinyin_code(("xiu", "si", "dun")) == "STN"


@pytest.mark.parametrize("name, other, lang, supported", [
    ("Chinese", "中国驻休斯敦总领馆建于1979年。", "zh", True),       # gazetteer related form
    ("Europe", "美国报告的确诊总数已经达到417.6万例。", "zh", False),  # gazetteer knows 欧洲: absent
    ("Singapour", "Singapore is safe.", "en", True),                 # gazetteer / spelling
    ("Philippines", "Singapour est sûr.", "fr", False),
    ("Chongqing", "暴雨致重庆71条次中小河流出现涨水。", "zh", True),  # pinyin romanization
])
def test_name_support(name, other, lang, supported):
    score, _ = name_support(name, _side_of(other, lang))
    assert (score >= 0.7) == supported, score


def test_chinese_name_support_on_english():
    assert name_support("普京", _side_of("Vladimir Putin attended the parade.", "en"))[0] >= 0.7
    assert name_support("普京", _side_of("Noam Chomsky attended the parade.", "en"))[0] < 0.7
    assert name_support("布法罗", _side_of("on the Buffalo-Pittsburgh Freeway", "en"))[0] >= 0.7


def test_titles_and_calendar_words_are_not_names():
    assert only_titles("Speaker") and only_titles("Prime Minister") and only_titles("Tuesday")
    assert not only_titles("Noam Chomsky")


def test_short_name_a_letter_off_is_misspelled_not_replaced():
    # a transcript renders Ege (Ege Erdil) as Edge, Ego
    src, tgt = "Ege 总结道：我认为它是蒸馏出来的。", "Ego 总结称，我认为它是蒸馏出来的。"
    p = pair(src, tgt, "zh", "zh", [ent("a", src, "Ege", "zh", "MISC")], [ent("b", tgt, "Ego", "zh", "MISC")])
    (f,) = check_entities(p)
    assert (f.category, f.type) == ("entity", "misspelled")
    assert [e.text for e in f.evidence[:2]] == ["Ege", "Ego"]
