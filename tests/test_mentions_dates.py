"""Dates: absolute, partial, relative (with direction and anchor), durations;
includes every date example of issue 4."""
import pytest

from rumorlens.mentions import extract_text
from rumorlens.mentions.dates import add_months, parse_iso

REF = "2024-12-23"  # a Monday


def dates(text, lang, ref=REF):
    return [m for m in extract_text(text, lang, ref_date=ref, entities=False) if m.kind == "date"]


# (lang, text, span, type, value, granularity, direction)
CASES = [
    # absolute
    ("zh", "2024 年 10 月 22 日发布", "2024 年 10 月 22 日", "absolute", "2024-10-22", "day", None),
    ("zh", "2024年10月22日发布", "2024年10月22日", "absolute", "2024-10-22", "day", None),
    ("zh", "二〇二四年十月二十二日", "二〇二四年十月二十二日", "absolute", "2024-10-22", "day", None),
    ("zh", "2023 年 3 月", "2023 年 3 月", "absolute", "2023-03", "month", None),
    ("zh", "2015 年成立", "2015 年", "absolute", "2015", "year", None),
    ("zh", "2024 年中期", "2024 年中期", "absolute", "2024", "year", None),
    ("fr", "le 22 octobre 2024", "22 octobre 2024", "absolute", "2024-10-22", "day", None),
    ("fr", "le 1er mai 2024", "1er mai 2024", "absolute", "2024-05-01", "day", None),
    ("fr", "en juin 2023", "juin 2023", "absolute", "2023-06", "month", None),
    ("fr", "en 2020", "2020", "absolute", "2020", "year", None),
    ("en", "October 22, 2024", "October 22, 2024", "absolute", "2024-10-22", "day", None),
    ("en", "22 October 2024", "22 October 2024", "absolute", "2024-10-22", "day", None),
    ("en", "in March 2023", "March 2023", "absolute", "2023-03", "month", None),
    ("en", "by mid-2024", "mid-2024", "absolute", "2024", "year", None),
    ("en", "published 2023-04-17", "2023-04-17", "absolute", "2023-04-17", "day", None),
    # partial, resolved from the publication date
    ("zh", "当地时间9月10日", "9月10日", "partial", "2024-09-10", "day", None),
    ("zh", "在 11 月表示", "11 月", "partial", "2024-11", "month", None),
    ("zh", "投资者在十月份", "十月份", "partial", "2024-10", "month", None),
    ("fr", "le 22 octobre", "22 octobre", "partial", "2024-10-22", "day", None),
    ("fr", "en octobre", "octobre", "partial", "2024-10", "month", None),
    ("en", "Islamabad, Dec 23:", "Dec 23", "partial", "2024-12-23", "day", None),
    ("en", "set in October", "October", "partial", "2024-10", "month", None),
    ("en", "reported on the 22nd", "22nd", "partial", "2024-12-22", "day", None),
    # relative, anchored on the publication date
    ("zh", "去年", "去年", "relative", "2023", "year", "past"),
    ("zh", "今年5月", "今年5月", "relative", "2024-05", "month", None),
    ("zh", "两年前推出", "两年前", "relative", "2022", "year", "past"),
    ("zh", "上周四", "上周四", "relative", "2024-12-19", "day", "past"),
    ("zh", "一年半之后", "一年半之后", "relative", "2026-06", "month", "future"),
    ("zh", "18 个月后", "18 个月后", "relative", "2026-06", "month", "future"),
    ("en", "a month ago", "a month ago", "relative", "2024-11", "month", "past"),
    ("en", "last week", "last week", "relative", "2024-W51", "week", "past"),  # issue 9: a week, not a day
    ("en", "last year", "last year", "relative", "2023", "year", "past"),
    ("en", "in March last year", "March last year", "relative", "2023-03", "month", "past"),
    ("en", "in a year and a half", "in a year and a half", "relative", "2026-06", "month", "future"),
    ("en", "two years ago", "two years ago", "relative", "2022", "year", "past"),
    ("fr", "dans un an et demi", "dans un an et demi", "relative", "2026-06", "month", "future"),
    ("fr", "il y a un mois", "il y a un mois", "relative", "2024-11", "month", "past"),
    ("fr", "l'année dernière", "l'année dernière", "relative", "2023", "year", "past"),
    ("fr", "la semaine dernière", "la semaine dernière", "relative", "2024-W51", "week", "past"),
]


@pytest.mark.parametrize("lang,text,span,typ,value,gran,direction", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_date(lang, text, span, typ, value, gran, direction):
    found = dates(text, lang)
    m = next((x for x in found if x.text == span), None)
    assert m is not None, f"{span!r} not among {[x.text for x in found]}"
    assert text[m.start:m.end] == span
    assert (m.type, m.value, m.granularity, m.direction) == (typ, value, gran, direction)


@pytest.mark.parametrize("lang,text,value,unit", [
    ("zh", "为期 18 个月的训练", 18, "month"),
    ("fr", "pendant six mois", 6, "month"),
    ("en", "training for 6 months", 6, "month"),
])
def test_durations_stay_durations(lang, text, value, unit):
    found = extract_text(text, lang, ref_date=REF, entities=False)
    assert [(m.kind, m.type, m.value, m.unit) for m in found] == [("number", "duration", value, unit)]


def test_direction_is_kept():
    later = dates("a year and a half later", "en")[0]
    ago = dates("a year and a half ago", "en")[0]
    assert later.direction == "future" and ago.direction == "past"
    assert later.value != ago.value


def test_in_and_later_differ_in_anchor():
    # "in a year and a half" counts from publication; "a year and a half later"
    # from the latest firm date before it
    text = "GPT-4 came out in March 2023. A year and a half later it was still ahead; in a year and a half it may not be."
    found = dates(text, "en")
    later = next(m for m in found if m.text.lower().startswith("a year and a half later"))
    within = next(m for m in found if m.text == "in a year and a half")
    assert later.value == "2024-09" and later.attrs["anchor"] == "context"
    assert within.value == "2026-06" and within.attrs["anchor"] == "publication"


def test_relative_without_any_date_keeps_offset():
    (m,) = [x for x in extract_text("一年半之后", "zh", entities=False) if x.kind == "date"]
    assert m.value is None and m.direction == "future"
    assert m.attrs["offset"] == {"years": 1.5}


def test_partial_date_late_in_year_before_a_january_publication():
    (m,) = dates("le 22 octobre", "fr", ref="2025-01-17")
    assert m.value == "2024-10-22"


def test_no_year_from_four_digit_quantities():
    found = extract_text("1000 人每天写 5000 个单词", "zh", ref_date=REF, entities=False)
    assert all(m.kind == "number" for m in found)


def test_helpers():
    assert parse_iso("2024-12") .isoformat() == "2024-12-01"
    assert add_months(parse_iso("2024-01-31"), 1).isoformat() == "2024-02-29"


def test_a_later_date_written_beside_the_date_it_restates_takes_its_value():
    """'直到 2024 年 12 月，时隔一年半之后' and '直到一年半之后的 2024 年 12 月':
    a year and a half later *is* December 2024.  Counted from the date
    before, the sample corpus's two Chinese versions read it as 2026-06 and
    2025-01, and the consolidated finding blamed the wrong version
    (session 63).  A sentence break or a joining word ('until', 直到) stops
    it; a deictic date keeps its own reading."""
    first = "那是 2023 年 7 月。"
    for text in (first + "直到 2024 年 12 月，时隔一年半之后，他发表了估计。", first + "直到一年半之后的 2024 年 12 月，他发表了估计。"):
        (m,) = [x for x in dates(text, "zh") if x.type == "relative"]
        assert (m.value, m.attrs["reading"]) == ("2024-12", "anaphoric")
    (m,) = [x for x in dates("在 2023 年 7 月直到一年半之后", "zh") if x.type == "relative"]
    assert m.value == "2025-01"  # counted from July 2023
    found = dates("GPT-4 came out in March 2023. A year and a half later it was ahead.", "en")
    assert [x.value for x in found if x.type == "relative"] == ["2024-09"]
    (m,) = [x for x in dates("Jusqu'en décembre 2024 - dans un an et demi - il a publié.", "fr", "2025-01-01")
            if x.type == "relative"]
    assert m.attrs["reading"] == "deictic" and m.value != "2024-12"


@pytest.mark.parametrize("text, lang", [
    ("He left in March 2023. He came back in September 2024, that is a year and a half later.", "en"),
    ("He left in March 2023. He came back in September 2024, i.e. a year and a half later.", "en"),
    ("Il est parti en mars 2023. Il est revenu en septembre 2024, c'est-à-dire un an et demi plus tard.", "fr"),
    ("Il est parti en mars 2023. Il est revenu en septembre 2024, soit un an et demi plus tard.", "fr"),
    ("他于2023年3月离开，2024年9月，即一年半之后，他回来了。", "zh"),
    ("他于2023年3月离开，2024年9月，也就是一年半之后，他回来了。", "zh"),
])
def test_a_restating_frame_of_each_language_ties_the_relative_date_to_its_date(text, lang):
    """'that is', « c'est-à-dire », 即 restate the date before them as 的 and
    时隔 do (apposition_frames, widened at the review of session 63); 'and'
    joins two dates."""
    (m,) = [x for x in dates(text, lang, "2025-06-01") if x.type == "relative"]
    assert m.value == "2024-09"
    (m,) = [x for x in dates("He left in March 2023. He came back in September 2024 and a year and a half later.",
                             "en", "2025-06-01") if x.type == "relative"]
    assert m.value == "2026-03"
