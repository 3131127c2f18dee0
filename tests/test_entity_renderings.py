"""Names rendered in the other version by a dictionary translation or a
French plural are carried, not missing, added or misspelled (issue 17:
clean DEMETR rows with entity findings)."""
from types import SimpleNamespace

import pytest

from rumorlens.lexicons.dictionaries import available
from rumorlens.mentions.names import french_plural, glossed_in


def passage(text, lang):
    return SimpleNamespace(text=text, lang=lang, mentions=[])


needs_cedict = pytest.mark.skipif(not available("zh"), reason="CC-CEDICT not installed")


@needs_cedict
@pytest.mark.parametrize("name,lang,other,other_lang", [
    ("热那亚", "zh", "the match between Inter Milan and Genoa", "en"),
    ("罗马斗兽场", "zh", "On June 1, the Colosseum reopened in Rome.", "en"),
    ("Colosseum", "en", "意大利首都罗马，罗马斗兽场重新开放。", "zh"),
    ("Best Costume Design", "en", "其他提名包括最佳影片、最佳服装设计、最佳电影剪辑。", "zh"),
])
def test_a_name_rendered_by_its_gloss_is_carried(name, lang, other, other_lang):
    assert glossed_in(name, lang, passage(other, other_lang))


@needs_cedict
@pytest.mark.parametrize("name,lang,other,other_lang", [
    ("热那亚", "zh", "the match between Inter Milan and Napoli", "en"),
    ("Colosseum", "en", "意大利首都罗马，万神殿重新开放。", "zh"),
    ("Best Costume Design", "en", "其他提名包括最佳影片、最佳电影剪辑。", "zh"),
    ("China", "en", "在国外生活了一段时间后回国", "zh"),
    ("美国", "zh", "Since the first state reopened on April 24", "en"),  # 'United States': every word
    ("大阪府", "zh", "141 new confirmed cases in Chaco, 90 in Fukuoka Prefecture", "en"),  # not by its characters
])
def test_a_name_not_rendered_is_not_carried(name, lang, other, other_lang):
    assert not glossed_in(name, lang, passage(other, other_lang))


def test_french_plural_of_a_name_after_a_plural_determiner():
    assert french_plural("Samis", "un moyen important chez les ", "Sami")
    assert french_plural("Inuits", "la vie des ", "Inuit")
    assert not french_plural("Paris", "elle vit à ", "Pari")  # a misspelling, not a plural
    assert not french_plural("Bordeaux", "aura lieu à ", "Bordeau")
    assert not french_plural("Samis", "les ", "Sama")


def test_a_latin_name_with_accents_in_chinese_text_is_one_mention():
    from rumorlens.mentions import extract_text

    text = "智利首选登山目的地科茶莫山谷 (Cochamó Valley) 被称为南美洲的优胜美地，他在São Paulo工作。"
    latin = [m.text for m in extract_text(text, "zh") if m.attrs.get("source") == "latin"]
    assert "Cochamó Valley" in latin and "São Paulo" in latin
    assert "Cocham" not in latin
