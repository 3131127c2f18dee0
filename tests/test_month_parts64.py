"""A part of a month written with it (二月初 'early February', « fin
février », 'the end of May'): the date's attrs.part, its span taking the
word, and early against late of one month a changed date (session 64:
DEMETR's Chinese row 9, 二月初 / 'late February', was read as the same
month; mentions.dates._month_part, mentions.crossling)."""
import pytest
from compare_helpers import checked_findings

from rumorlens.mentions import extract_text


def _dates(text, lang):
    return [(m.text, m.value, m.attrs.get("part")) for m in extract_text(text, lang, ref_date="2024-06-15")
            if m.kind == "date"]


@pytest.mark.parametrize("text, lang, want", [
    ("二月初，他们验证了这一发现。", "zh", ("二月初", "2024-02", "early")),
    ("2023年6月中旬工厂开业。", "zh", ("2023年6月中旬", "2023-06", "mid")),
    ("工厂将于2月底投产。", "zh", ("2月底", "2024-02", "end")),
    ("In late February, they verified it.", "en", ("late February", "2024-02", "late")),
    ("by the end of May 2023", "en", ("the end of May 2023", "2023-05", "end")),
    ("in mid-March", "en", ("mid-March", "2024-03", "mid")),
    ("L'usine ouvrira fin février.", "fr", ("fin février", "2024-02", "end")),
    ("à la mi-juin 2023", "fr", ("à la mi-juin 2023", "2023-06", "mid")),
    ("début mars", "fr", ("début mars", "2024-03", "early")),
])
def test_a_part_of_a_month_is_read_with_it(text, lang, want):
    assert _dates(text, lang) == [want]


@pytest.mark.parametrize("text", ["6月初步统计显示增长。", "6月中国经济回暖。"])
def test_a_character_that_opens_a_word_is_no_part(text):
    """初步 'preliminary', 中国 'China': the month alone."""
    (d,) = _dates(text, "zh")
    assert d[2] is None and d[0] == "6月"


def _date_types(src, tgt, sl, tl):
    return [f["type"] for f in checked_findings(src, tgt, sl, tl) if f["category"] == "date"]


@pytest.mark.parametrize("src, tgt, sl", [
    ("二月初，几个人验证了这一发现。", "In late February, several people verified the discovery.", "zh"),
    ("工厂将于2月底投产。", "The plant will start production in early February.", "zh"),
    ("L'usine ouvrira début février.", "The plant will open in late February.", "fr"),
])
def test_early_against_late_of_one_month_is_a_changed_date(src, tgt, sl):
    assert _date_types(src, tgt, sl, "en") == ["date_changed"]


@pytest.mark.parametrize("src, tgt, sl", [
    ("二月初，几个人验证了这一发现。", "In early February, several people verified the discovery.", "zh"),
    ("工厂将于2月底投产。", "The plant will start production at the end of February.", "zh"),
    # the end and late overlap: no change
    ("L'usine ouvrira fin février.", "The plant will open in late February.", "fr"),
    # one side names no part: consistent
    ("工厂将于2月投产。", "The plant will start production in late February.", "zh"),
])
def test_one_part_or_overlapping_parts_are_no_change(src, tgt, sl):
    assert _date_types(src, tgt, sl, "en") == []


@pytest.mark.parametrize("src, tgt, sl, changed", [
    # a decade's parts were read (« fin des années 70 », 九十年代末) but never compared (DEMETR's French row
    # 798, an antonym row: 'the late 70s' / 'the early 70s')
    ("À la fin des années 70, je n'ai vu ça que de loin.", "In the early 70s, I only saw this from afar.", "fr", True),
    ("九十年代末，这家工厂关闭了。", "In the early 1990s, the factory closed.", "zh", True),
    ("Au début des années 1990, l'usine a fermé.", "In the late 1990s, the factory closed.", "fr", True),
    ("À la fin des années 70, je n'ai vu ça que de loin.", "In the late 70s, I only saw this from afar.", "fr", False),
    ("九十年代，这家工厂关闭了。", "In the late 1990s, the factory closed.", "zh", False),
])
def test_early_against_late_of_one_decade_is_a_changed_date(src, tgt, sl, changed):
    found = [f for f in checked_findings(src, tgt, sl, "en") if f["category"] == "date"]
    assert [f["type"] for f in found] == (["date_changed"] if changed else [])
    assert not changed or "of the decade" in found[0]["explanation"]


@pytest.mark.parametrize("text, lang, want", [
    ("上月底，工厂关闭。", "zh", ("上月底", "end")),
    ("Late last month, the plant closed.", "en", ("Late last month", "late")),
    ("下月中旬", "zh", ("下月中旬", "mid")),
])
def test_a_part_of_a_month_named_from_the_time_of_writing(text, lang, want):
    ((t, _, part),) = _dates(text, lang)
    assert (t, part) == want


def test_early_against_the_end_of_last_month_is_a_changed_date():
    assert _date_types("上月底，工厂关闭。", "Early last month, the plant closed.", "zh", "en") == ["date_changed"]
    assert _date_types("上月底，工厂关闭。", "Late last month, the plant closed.", "zh", "en") == []
