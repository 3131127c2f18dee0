"""Names the gazetteer knows are rendered by its forms, and a Chinese
person's name against a pinyin name its characters do not spell is
another person (session 47, from the source-side break test of session 44:
胡锦涛 / 'Xi Jinping', 英国 / 'the United States' and 刘晓雯 / 'Duan Mengqi'
were silent)."""
from __future__ import annotations

import pytest
from compare_helpers import checked_findings

from rumorlens.mentions import extract_text
from rumorlens.mentions.entities import match_entities
from rumorlens.mentions.names import glossed_in, persons_read_apart
from rumorlens.records import Mention


def _name(text: str, lang: str, type_: str = "PER") -> Mention:
    return Mention(doc_id="", start=0, end=len(text), text=text, lang=lang, kind="entity", type=type_, value="")


@pytest.fixture(scope="module")
def use_m3():
    from rumorlens.embed import get_encoder

    return get_encoder("use-m3")


def test_a_name_the_gazetteer_knows_is_no_sound_alike_of_another():
    # 'china' and 'hujintao' share letters enough for the transliteration test
    assert match_entities(_name("胡锦涛", "zh"), _name("China", "en", "LOC")).relation == "different"
    assert match_entities(_name("中国", "zh", "LOC"), _name("China", "en", "LOC")).relation == "same"


@pytest.mark.parametrize("han, latin, apart", [
    ("胡锦涛", "Xi Jinping", True),
    ("刘晓雯", "Duan Mengqi", True),
    ("习近平", "Xi Jinping", False),
    ("习近平", "Jinping Xi", False),  # surname last
    ("段梦琪", "Duan Meng-qi", False),  # a hyphen in the given name: not judged
    ("周恩来", "Chou En-lai", False),  # Wade-Giles
    ("张惠妹", "Chang Hui-mei", False),
    ("李安", "Ang Lee", False),  # an English name: Lee splits only as le|e
    ("谷爱凌", "Eileen Gu", False),
    ("邓丽君", "Teresa Teng", False),  # three syllables: no Chinese given name
    ("尼克松", "Zhu De", False),  # a transliterated foreign name
    ("张伟明", "Zhang Weiping", True),  # the same surname, another given name
    ("李强", "Li Keqiang", True),
    ("曾国藩", "Zeng Guofan", False),  # 曾 read zeng, not ceng
    ("单雪梅", "Shan Xuemei", False),  # 单 read shan, not dan
    ("小东", "Xie Xiaodong", False),  # LAC split the surname off (解|小东): a second break test
    ("陈茂波", "Hui Ching-yu", False),  # Cantonese: not judged
    ("格雷琴·惠特默", "Gretchen Whitmer", False),  # a transliterated foreign name
])
def test_a_chinese_name_against_a_pinyin_name(han, latin, apart):
    assert persons_read_apart(_name(han, "zh"), _name(latin, "en")) is apart
    assert persons_read_apart(_name(latin, "en"), _name(han, "zh")) is apart


def test_a_pinyin_name_tagged_as_a_place_is_still_read():
    assert persons_read_apart(_name("刘晓雯", "zh"), _name("Duan Mengqi", "en", "LOC"))
    # ... but not a place the gazetteer holds
    assert not persons_read_apart(_name("刘晓雯", "zh"), _name("Hong Kong", "en", "LOC"))


def test_a_known_name_is_not_rendered_by_glosses_of_two_words():
    zh = extract_text("数据显示，英国是全球疫情最严重的国家。", "zh")
    passage = type("P", (), {"text": "数据显示，英国是全球疫情最严重的国家。", "lang": "zh", "mentions": zh})()
    assert not glossed_in("United States", "en", passage)


@pytest.mark.parametrize("src, tgt", [
    ("胡锦涛总书记多次强调，中国开放的大门不会关闭。",
     "General Secretary Xi Jinping has stressed on many occasions that China will not close its door."),
    ("数据显示，英国是全球疫情最严重的国家，累计确诊病例4178027例。",
     "According to the statistics, the pandemic in the United States is the most severe, with 4,178,027 confirmed cases."),
    ("该电站站长刘晓雯说，该技术的效率可提升20%左右。",
     "Duan Mengqi, head of the power plant, said that this technology improves efficiency by about 20%."),
])
def test_a_replaced_name_is_reported(src, tgt, use_m3):
    found = [(f["type"], f["severity"]) for f in checked_findings(src, tgt, "zh", "en", encoder=use_m3)
             if f["category"] == "entity"]
    assert found == [("replaced", "high")]


@pytest.mark.parametrize("src, tgt", [
    ("习近平总书记多次强调，中国开放的大门不会关闭。",
     "General Secretary Xi Jinping has stressed on many occasions that China will not close its door."),
    ("数据显示，美国是全球疫情最严重的国家。", "According to the statistics, the pandemic in the United States is the most severe."),
    ("该电站站长段梦琪说，该技术的效率可提升20%左右。", "Duan Mengqi, head of the power plant, said that efficiency improves by about 20%."),
])
def test_the_same_names_are_not(src, tgt, use_m3):
    assert not [f for f in checked_findings(src, tgt, "zh", "en", encoder=use_m3) if f["category"] == "entity"]


@pytest.mark.parametrize("src, tgt", [
    ("曾国藩是晚清重臣。", "Zeng Guofan was a senior official of the late Qing."),  # 曾 zeng, not ceng
    ("单雪梅是这家医院的院长。", "Shan Xuemei is the director of the hospital."),
    ("周恩来出席了万隆会议。", "Chou En-lai attended the Bandung Conference."),
    ("李安执导了这部电影。", "Ang Lee directed the film."),
])
def test_a_surname_read_its_other_way_or_a_name_romanized_otherwise_is_no_other_person(src, tgt, use_m3):
    assert not [f for f in checked_findings(src, tgt, "zh", "en", encoder=use_m3)
                if f["category"] == "entity" and f["severity"] != "low"]


def test_a_same_surname_with_another_given_name_is_another_person(use_m3):
    found = [(f["type"], f["severity"]) for f in checked_findings(
        "张伟明表示，工厂将在下月复工。", "Zhang Weiping said the factory would reopen next month.", "zh", "en",
        encoder=use_m3) if f["category"] == "entity"]
    assert found == [("replaced", "high")]


def test_a_known_chinese_name_keeps_its_old_romanization():
    # the English model tags 'Tientsin' PER; 天津 is the gazetteer's, Tientsin is not
    assert match_entities(_name("天津", "zh", "LOC"), _name("Tientsin", "en")).relation == "same"
