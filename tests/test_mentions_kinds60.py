"""Calendar names in another letter case than the language's usual one
(English transcripts in lower case, datelines in upper case, French months
capitalized at a sentence's start or in a title), dates whose month name
sits between hyphens or slashes, and a quarter written after its year."""
from __future__ import annotations

import pytest

from rumorlens.mentions import extract_text

REF = "2025-06-18"  # a Wednesday


def _dates(text, lang):
    return [(m.text, m.value) for m in extract_text(text, lang, ref_date=REF, entities=False) if m.kind == "date"]


def _numbers(text, lang):
    return [m.value for m in extract_text(text, lang, ref_date=REF, entities=False) if m.kind == "number"]


@pytest.mark.parametrize("text,lang,value", [
    ("so on october 3 2023 the board voted", "en", "2023-10-03"),
    ("the app launched in september 2022 in europe", "en", "2022-09"),
    ("and in may 2021 they sold it", "en", "2021-05"),
    ("prices went up in august 2020", "en", "2020-08"),
    ("FILED NOVEMBER 14, 2022", "en", "2022-11-14"),
    ("UPDATED 9 FEB 2024", "en", "2024-02-09"),
    ("Février 2022 a été le mois le plus sec.", "fr", "2022-02"),
    ("Le 14 Juillet 2021, la foule était là.", "fr", "2021-07-14"),
    ("MIS À JOUR LE 3 AOÛT 2023", "fr", "2023-08-03"),
    ("Le 2 Mars 2024, le texte est adopté.", "fr", "2024-03-02"),
])
def test_month_names_in_any_case_are_read(text, lang, value):
    assert [v for _, v in _dates(text, lang)] == [value]
    assert _numbers(text, lang) == []  # the day is no count


@pytest.mark.parametrize("text,lang", [
    ("we may 3 times a week", "en"),
    ("THE TROOPS MARCH 20 MILES A DAY", "en"),
    ("THE PILGRIMS MARCH 1200 KILOMETRES", "en"),
    ("an august 40 member body", "en"),
    ("the theresa may 2017 snap election", "en"),
    ("la sonde Mars 2020 a atterri", "fr"),
    ("OBJECTIF MARS 2030 POUR LA NASA", "fr"),
])
def test_a_month_that_is_also_a_common_word_needs_a_date_around_it(text, lang):
    assert all(v is None or len(str(v)) == 4 for _, v in _dates(text, lang))  # a bare year at most


@pytest.mark.parametrize("text,value", [
    ("and in may 2023 the rules changed", "2023-05"),
    ("the march 2020 lockdown ended", "2020-03"),
    ("it was signed on 5 may 2024", "2024-05-05"),
    ("SIGNED MARCH 4, 2021", "2021-03-04"),
])
def test_a_common_word_month_is_read_where_a_date_surrounds_it(text, value):
    assert [v for _, v in _dates(text, "en")] == [value]


@pytest.mark.parametrize("text", ["YOUR APR 21.9% APPLIES", "NOV 15.42 +0.3", "the SEP 10 percent rule"])
def test_an_upper_case_abbreviation_without_a_year_is_no_month(text):
    assert _dates(text, "en") == []


@pytest.mark.parametrize("text,lang,value", [
    ("from april to july 2022 the site was shut", "en", "2022-04/2022-07"),
    ("MARCH-MAY 2021 FIGURES", "en", "2021-03/2021-05"),
    ("DU 3 AU 9 JUIN 2022", "fr", "2022-06-03/2022-06-09"),
    ("Entre Mars et Mai 2021, rien.", "fr", "2021-03/2021-05"),
])
def test_ranges_of_days_or_months_in_any_case(text, lang, value):
    assert [v for _, v in _dates(text, lang)] == [value]


@pytest.mark.parametrize("text,lang", [("SALES APRIL 2019 JUNE 2020", "en"), ("stock 2021 july 2022", "en")])
def test_a_day_is_not_the_end_of_a_year(text, lang):
    assert not any(len(str(v)) == 10 for _, v in _dates(text, lang))  # no day read out of '2019 JUNE'


def test_a_web_address_is_no_day_name():
    assert _dates("shares of friday.com rose", "en") == []


def test_lower_case_day_names_are_read():
    (d,) = _dates("on thursday the committee met", "en")
    assert d[0] == "thursday"


@pytest.mark.parametrize("text,lang,value", [
    ("The order is dated 07-Mar-2019.", "en", "2019-03-07"),
    ("Logged at 2021-nov-30 by the clerk.", "en", "2021-11-30"),
    ("Received 3/Sep/2018 by mail.", "en", "2018-09-03"),
    ("Déposé le 12-juin-2017 au greffe.", "fr", "2017-06-12"),
])
def test_a_month_name_between_hyphens_or_slashes(text, lang, value):
    assert [v for _, v in _dates(text, lang)] == [value]


def test_mixed_separators_are_no_date():
    assert ("12/Jan-2019", "2019-01-12") not in _dates("see 12/Jan-2019 there", "en")


@pytest.mark.parametrize("text,lang,value", [
    ("Sales fell in 2021 Q4.", "en", "2021-Q4"),
    ("The 2018-Q2 report was late.", "en", "2018-Q2"),
])
def test_a_quarter_after_its_year(text, lang, value):
    assert [v for _, v in _dates(text, lang)] == [value]


@pytest.mark.parametrize("text", ["2019 Q3 and Q4 revenue", "the 2020 Q1-Q3 figures"])
def test_a_year_before_several_quarters_is_the_year(text):
    assert all("Q" not in str(v) for _, v in _dates(text, "en"))


def test_no_quarter_label_no_quarter():
    assert all("Q" not in str(v) for _, v in _dates("Build 2019-Q7 failed.", "en"))


def _numbers_with_units(text, lang):
    return [(m.value, m.unit) for m in extract_text(text, lang, ref_date=REF, entities=False) if m.kind == "number"]


@pytest.mark.parametrize("text,lang,value,unit", [
    ("Les prix ont doublé au cours des quatre dernières années.", "fr", 4, "year"),
    ("Il a attendu six longues semaines.", "fr", 6, "week"),
    ("Durant les deux premiers jours, rien n'a bougé.", "fr", 2, "day"),
    ("The talks lasted three full days.", "en", 3, "day"),
    ("Rates rose for five consecutive months.", "en", 5, "month"),
])
def test_an_adjective_between_a_number_and_its_unit(text, lang, value, unit):
    assert _numbers_with_units(text, lang) == [(value, unit)]


@pytest.mark.parametrize("text,lang", [
    ("Il est venu trois autres fois.", "fr"),  # occasions, not a multiplier
    ("Three other times the alarm rang.", "en"),
    ("Trois grandes villes ont voté.", "fr"),  # no unit after the adjective
    ("Three other euro zone members agreed.", "en"),  # not a duration: a word may begin a compound
    ("They filmed three more hour-long episodes.", "en"),
    ("Three new year groups joined.", "en"),  # a duration's unit after a count above one is plural
    ("Three more won gold.", "en"),
])
def test_an_adjective_before_no_duration_unit_leaves_a_count(text, lang):
    assert _numbers_with_units(text, lang) == [(3, None)]


@pytest.mark.parametrize("text,value", [("In 2019 more days were lost to strikes.", "2019"),
                                        ("Since 2014 other weeks of leave were added.", "2014")])
def test_a_year_before_an_adjective_and_a_unit_stays_a_year(text, value):
    assert [v for _, v in _dates(text, "en")] == [value]
    assert _numbers_with_units(text, "en") == []


@pytest.mark.parametrize("text,lang,approx", [
    ("It was interrupted for at least the previous four consecutive years.", "en", "at_least"),
    ("Elle a été interrompue pendant au moins les quatre années précédentes.", "fr", "at_least"),
    ("Prices rose over the previous four years.", "en", None),  # 'over' here places a time
])
def test_a_bound_reaches_its_number_across_a_determiner(text, lang, approx):
    (m,) = [m for m in extract_text(text, lang, ref_date=REF, entities=False) if m.kind == "number"]
    assert (m.value, m.unit, m.approx) == (4, "year", approx)


@pytest.mark.parametrize("text,expected", [
    ("Il a ajouté deux heures de débats.", ("number", 2.0)),  # a length of time
    ("Il est arrivé à deux heures du matin.", ("date", "T02:00")),
])
def test_a_french_hour_before_de_and_a_noun_is_a_length(text, expected):
    (m,) = [m for m in extract_text(text, "fr", ref_date=REF, entities=False) if m.kind in ("number", "date")]
    assert (m.kind, m.value) == expected


@pytest.mark.parametrize("text,lang,value", [
    ("97年7月1日，香港回归。", "zh", "1997-07-01"),
    ("06年3月，公司上市。", "zh", "2006-03"),
    ("09年的经济危机影响深远。", "zh", "2009"),
    ("自92年以来，他一直住在这里。", "zh", "1992"),
    ("他在99年，加入了欧盟委员会。", "zh", "1999"),
    ("The firm has grown since '09.", "en", "2009"),
    ("She graduated in June '94.", "en", "1994-06"),
])
def test_a_year_written_by_its_last_two_digits(text, lang, value):
    assert [v for _, v in _dates(text, lang)] == [value]


@pytest.mark.parametrize("text", ["他在公司干了15年。", "这座桥已存在30年。", "在10年内建成。", "在25年的时间里，人口翻番。",
                                  "他在工厂做了12年3个月。", "刑期不少于10年。", "在10年期间，产量翻番。",
                                  "20年，我们一直想念他。"])
def test_a_length_of_years_stays_a_duration(text):
    assert _dates(text, "zh") == []
    assert any(u == "year" for _, u in _numbers_with_units(text, "zh"))


@pytest.mark.parametrize("text", ["He wrote '15 people were hurt' in his notes.", "She joined the '60 Minutes' team.",
                                  "It came back in '20 minutes, he said.", "Fans of '12 Years a Slave' cheered."])
def test_a_quotation_or_title_opening_on_digits_is_no_year(text):
    assert _dates(text, "en") == []


def test_another_calendar_is_not_read_as_a_two_digit_year():
    # 民国38年 is 1949: no year 1938 nor 2038 is read out of it
    assert not any(str(v).startswith(("1938", "2038")) for _, v in _dates("民国38年10月1日，新政府成立。", "zh"))


@pytest.mark.parametrize("text,lang,value", [("Depuis Mai, les loyers montent.", "fr", "2025-05"),
                                             ("IN OCTOBER THE BOARD MET", "en", "2024-10")])
def test_a_month_alone_after_its_word_in_any_case(text, lang, value):
    assert [v for _, v in _dates(text, lang)] == [value]


@pytest.mark.parametrize("text,lang,value", [
    ("and in nineteen eighty nine the wall fell", "en", "1989"),
    ("twenty nineteen was the warmest year", "en", "2019"),
    ("since two thousand and twelve prices rose", "en", "2012"),
    ("depuis deux mille douze les prix montent", "fr", "2012"),
])
def test_a_year_said_in_words(text, lang, value):
    assert [v for _, v in _dates(text, lang)] == [value]


def test_a_count_in_words_without_a_word_of_time_is_no_year():
    assert _dates("the two thousand and twelve delegates", "en") == []
    assert [v for v, _ in _numbers_with_units("the two thousand and twelve delegates", "en")] == [2012.0]


def test_a_pair_outside_the_years_centuries_is_no_year():
    assert _dates("we met at eleven twenty", "en") == []  # a time, or nothing: not the year 1120
