"""New members of issue 9's fault kinds that session 58's probe listed as
failing: digits grouped by a space in English, a number written out with a
comma between its scale parts, a half after a Chinese scale (一亿半),
一块 before an amount in subunits, parts of a day and weekends named from
the time of writing, parts of a year named with a year word, the bare end
of a range of clock times, and day ranges with the names of the days."""
from __future__ import annotations

import pytest

from rumorlens.mentions import extract_text

REF = "2025-06-18"  # a Wednesday (ISO week 25)


def _of(text, lang, kind):
    return [m for m in extract_text(text, lang, ref_date=REF, entities=False) if m.kind == kind]


@pytest.mark.parametrize("text,value", [
    ("Nearly 45 000 households lost power.", 45000),
    ("The fund holds 2 500 000 shares.", 2_500_000),
    ("It sold for 3 750.25 pounds.", 3750.25),
])
def test_english_digits_grouped_by_a_space_are_one_number(text, value):
    (n,) = _of(text, "en", "number")
    assert n.value == value


@pytest.mark.parametrize("text", ["On June 3 400 protesters gathered.", "By Sept. 12 500 homes were empty."])
def test_a_day_after_a_month_name_is_not_the_first_group(text):
    values = sorted(n.value for n in _of(text, "en", "number"))
    assert 3400 not in values and 12500 not in values
    assert values in ([400.0], [500.0])


@pytest.mark.parametrize("text,lang,value", [
    ("Damages reached two billion, three hundred million euros.", "en", 2.3e9),
    ("They printed five thousand, six hundred and ten copies.", "en", 5610),
    ("Le budget atteint trois milliards, cinq cents millions d'euros.", "fr", 3.5e9),
])
def test_a_comma_between_scale_parts_written_out_joins_them(text, lang, value):
    (n,) = _of(text, lang, "number")
    assert n.value == value


@pytest.mark.parametrize("text", ["Of the two million, three hundred signed.", "Of the five thousand, nine left."])
def test_after_a_comma_a_part_without_its_own_scale_is_another_number(text):
    assert len(_of(text, "en", "number")) == 2


@pytest.mark.parametrize("text,value", [("项目获得三亿半元投资。", 3.5e8), ("捐款达到五万半人民币。", 55000), ("估计有两万半。", 25000)])
def test_a_half_after_a_chinese_scale_adds_half_of_it(text, value):
    (n,) = _of(text, "zh", "number")
    assert n.value == value


@pytest.mark.parametrize("text", ["十万半导体工人失业。", "两亿半岛居民。"])
def test_half_that_opens_a_word_is_no_half(text):
    (n,) = _of(text, "zh", "number")
    assert n.value in (1e5, 2e8)


@pytest.mark.parametrize("text,value", [("一根冰棍一块五毛。", 1.5), ("一块钱能买什么？", 1.0), ("停车一块五。", 1.5)])
def test_one_kuai_before_an_amount_is_money(text, value):
    (n,) = _of(text, "zh", "number")
    assert (n.value, n.unit) == (value, "CNY")


@pytest.mark.parametrize("text", ["我们一块走吧。", "他吃了一块面包。"])
def test_one_kuai_alone_is_no_money(text):
    assert not _of(text, "zh", "number")


@pytest.mark.parametrize("text,lang,value,gran", [
    ("Last night the bridge closed.", "en", "2025-06-17", "day"),
    ("昨夜大桥关闭。", "zh", "2025-06-17", "day"),
    ("La nuit dernière, le pont a fermé.", "fr", "2025-06-17", "day"),
    ("This evening the bridge reopens.", "en", "2025-06-18", "day"),
    ("Ce soir, le pont rouvre.", "fr", "2025-06-18", "day"),
    ("明晚大桥重新开放。", "zh", "2025-06-19", "day"),
    ("Last weekend the bridge closed.", "en", "2025-W24", "week"),
    ("上个周末大桥关闭。", "zh", "2025-W24", "week"),
    ("Le week-end prochain, le pont rouvre.", "fr", "2025-W26", "week"),
])
def test_a_part_of_a_day_or_a_weekend_named_from_the_publication(text, lang, value, gran):
    (d,) = _of(text, lang, "date")
    assert (d.value, d.granularity, d.type) == (value, gran, "relative")


@pytest.mark.parametrize("text,lang,year,part", [
    ("去年上半年，销量下滑。", "zh", "2024", "H1"),
    ("明年底完工。", "zh", "2026", "end"),
    ("Sales slid in the second half of last year.", "en", "2024", "H2"),
    ("Work ends late next year.", "en", "2026", "late"),
    ("Les ventes ont baissé au second semestre de l'année dernière.", "fr", "2024", "H2"),
    ("Les travaux finiront fin de l'an prochain.", "fr", "2026", "end"),
])
def test_a_part_of_a_year_named_with_a_year_word(text, lang, year, part):
    (d,) = _of(text, lang, "date")
    assert (d.value, d.attrs.get("part")) == (year, part)


@pytest.mark.parametrize("text", ["2025年中国出口增长。", "2025年初步数据显示增长。"])
def test_a_chinese_year_part_that_opens_another_word_is_no_part(text):
    (d,) = _of(text, "zh", "date")
    assert d.value == "2025" and "part" not in d.attrs


@pytest.mark.parametrize("text,lang,values", [
    ("门诊时间为下午1点至4点。", "zh", ["T13:00", "T16:00"]),
    ("晚上7点到9点半有演出。", "zh", ["T19:00", "T21:30"]),
    ("The office opens from 1 to 4 p.m.", "en", ["T13:00", "T16:00"]),
    ("Visits between 8:30 and 11 am only.", "en", ["T08:30", "T11:00"]),
    ("Open from 11 to 3 pm.", "en", ["T11:00", "T15:00"]),
    ("Le guichet est ouvert de 8 à 18 h.", "fr", ["T08:00", "T18:00"]),
])
def test_the_bare_end_of_a_range_of_clock_times_takes_the_other_ends_half_day(text, lang, values):
    times = [d for d in _of(text, lang, "date") if d.type == "time"]
    assert [t.value for t in times] == values
    assert not any(t.ambiguous for t in times)


@pytest.mark.parametrize("text,lang", [("Aged 2 to 5, the children played.", "en"), ("两点到五点之间的区别。", "zh")])
def test_bare_hours_without_a_clock_time_stay_counts(text, lang):
    assert not [d for d in _of(text, lang, "date") if d.type == "time"]


@pytest.mark.parametrize("text,lang", [
    ("La foire se tient du mardi 10 au dimanche 15 juin.", "fr"),
    ("The fair runs from Tuesday, June 10 to Sunday, June 15.", "en"),
    ("The fair runs from Tuesday 10 to Sunday 15 June.", "en"),
])
def test_a_day_range_with_the_names_of_the_days_is_one_range(text, lang):
    (d,) = _of(text, lang, "date")
    assert (d.type, d.value) == ("range", "2025-06-10/2025-06-15")


@pytest.mark.parametrize("text,lang,value", [
    ("Nearly 2/5 of the budget went to defence.", "en", 0.4),
    ("Près de 2/3 des sièges sont vides.", "fr", 2 / 3),
    ("近1/4的家庭受影响。", "zh", 0.25),
    ("Only 7/100 of the samples failed.", "en", 0.07),
])
def test_digits_around_a_slash_are_a_fraction(text, lang, value):
    (n,) = _of(text, lang, "number")
    assert n.type == "fraction" and abs(n.value - value) < 1e-9


@pytest.mark.parametrize("text,lang", [
    ("Support is available 24/7.", "en"),
    ("Une répartition 50/50.", "fr"),
    ("The router answers at 10.0.0.138 only.", "en"),
    ("安装2.7.18版本即可。", "zh"),
])
def test_slashed_pairs_and_dotted_identifiers_are_no_quantity(text, lang):
    assert not _of(text, lang, "number")


def test_points_grouping_thousands_still_read():
    (n,) = _of("La ville compte 2.450.000 habitants.", "fr", "number")
    assert n.value == 2_450_000


# --- from a break test of the readings above (session 59)

@pytest.mark.parametrize("text,values", [
    ("She bought 3 500-page books.", [3, 500]),
    ("The airline ordered 120 320 Airbus jets.", [120, 320]),
])
def test_a_count_before_a_compound_or_a_model_is_not_grouped(text, values):
    assert sorted(n.value for n in _of(text, "en", "number")) == values


def test_a_group_opening_with_zero_is_grouped_whatever_follows():
    (n,) = _of("Some 40 000 Afghans fled.", "en", "number")
    assert n.value == 40000


@pytest.mark.parametrize("text", ["Among the six million, nine thousand were children.",
                                  "Of those three billion, two hundred million live in cities."])
def test_after_a_determiner_a_comma_ends_the_number(text):
    assert len(_of(text, "en", "number")) == 2


@pytest.mark.parametrize("text,value", [("他存的三万半个月就用完了。", 30000), ("一块三角形的路牌。", None), ("墙上有一块五角星。", None)])
def test_half_a_month_and_shapes_are_no_amount(text, value):
    assert [n.value for n in _of(text, "zh", "number")] == ([value] if value else [])


@pytest.mark.parametrize("text,lang", [
    ("She was a guest on The Tonight Show in May.", "en"),
    ("It was the last night of the tour.", "en"),
    ("Ce matin-là, la ville dormait.", "fr"),
    ("据今晚报消息，", "zh"),
])
def test_titles_and_other_senses_of_a_day_part_are_no_date(text, lang):
    assert not [d for d in _of(text, lang, "date") if d.type == "relative"]


@pytest.mark.parametrize("text", ["今年中秋节放假三天。", "去年底特律车展延期。", "明年初赛在北京举行。"])
def test_a_year_part_that_opens_a_dictionary_word_is_no_part(text):
    (d,) = _of(text, "zh", "date")
    assert "part" not in d.attrs and len(d.text) == 2


@pytest.mark.parametrize("text,lang,values", [
    ("上午9点至12点停水。", "zh", ["T09:00", "T12:00"]),
    ("晚上10点到12点营业。", "zh", ["T22:00", "T00:00"]),
    ("Open from 7 to 9 PM.", "en", ["T19:00", "T21:00"]),
])
def test_more_ranges_of_clock_times(text, lang, values):
    assert [d.value for d in _of(text, lang, "date") if d.type == "time"] == values


def test_a_day_range_with_commas_after_the_days():
    (d,) = _of("The sale runs from Friday, June 13, to Sunday, June 15.", "en", "date")
    assert (d.type, d.value) == ("range", "2025-06-13/2025-06-15")


def test_a_lone_surrogate_in_a_chinese_text_does_not_stop_the_reading():
    values = [m.value for m in extract_text("\ud800 共有12 000人 \udfff", "zh", entities=False)]
    assert values == [12000]


@pytest.mark.parametrize("text,lang,value", [("约２／３的受访者同意。", "zh", 2 / 3), ("Mix in 2 1/4 cups.", "en", 2.25)])
def test_a_full_width_slash_and_a_mixed_number(text, lang, value):
    (n,) = _of(text, lang, "number")
    assert abs(n.value - value) < 1e-9


@pytest.mark.parametrize("text,lang,year,part", [("Mi-2027, le pont rouvrira.", "fr", "2027", "mid"),
                                                 ("Late 2026 the bridge reopens.", "en", "2026", "late")])
def test_a_capitalised_part_before_a_year(text, lang, year, part):
    (d,) = _of(text, lang, "date")
    assert (d.value, d.attrs.get("part")) == (year, part)


def test_a_part_word_inside_another_word_is_no_part():
    (d,) = _of("Amid 2026 budget talks, the bridge reopened.", "en", "date")
    assert d.value == "2026" and "part" not in d.attrs


@pytest.mark.parametrize("text,lang,value", [
    ("前晚没事，昨晚9点发生爆炸。", "zh", "2025-06-17T21:00"),
    ("今晨5点半列车停运。", "zh", "2025-06-18T05:30"),
    ("L'explosion a eu lieu hier soir à 21 h.", "fr", "2025-06-17T21:00"),
    ("The blast came yesterday evening at 9 p.m.", "en", "2025-06-17T21:00"),
])
def test_a_day_part_word_and_its_hour_are_one_moment(text, lang, value):
    assert value in [d.value for d in _of(text, lang, "date")]


# --- from a second break test (session 59)

@pytest.mark.parametrize("text,values", [
    ("On page 14 250 signatures were missing.", [14, 250]),
    ("He walked Route 9 400 metres north.", [9, 400]),
    ("Of the top 20 100 are women.", [20, 100]),
])
def test_a_label_or_a_name_before_space_grouped_digits_cuts_them(text, values):
    assert [n.value for n in _of(text, "en", "number")] == values


def test_a_sentence_opening_of_ends_a_spelled_number_at_its_comma():
    assert len(_of("Of nine million, four hundred thousand were children.", "en", "number")) == 2


@pytest.mark.parametrize("text", ["The 5 PM candidates met.", "He hosts Radio 2 PM shows."])
def test_a_capital_pm_needs_a_word_of_time_before_it(text):
    assert not [d for d in _of(text, "en", "date") if d.type == "time"]


@pytest.mark.parametrize("text", ["Voters queued on the last weekend before the vote.",
                                  "Last night of the tour: an encore.", "The fair closes on the last weekend in May."])
def test_a_day_part_or_weekend_of_something_else_is_no_date(text):
    assert not [d for d in _of(text, "en", "date") if d.type == "relative"]


@pytest.mark.parametrize("text,dated", [("他今晚报名参加比赛。", True), ("天津今晚报社发布消息。", False)])
def test_a_newspaper_called_tonight(text, dated):
    assert bool([d for d in _of(text, "zh", "date") if d.type == "relative"]) == dated


def test_a_french_duration_in_h_stays_one_end():
    assert [d.value for d in _of("Comptez entre 2 et 3 h de route.", "fr", "date")] != ["T02:00", "T03:00"]


@pytest.mark.parametrize("text,value", [("馒头一块二毛五一个。", 1.25), ("邮票两块三毛八的。", 2.38), ("西瓜两块五一斤。", 2.5),
                                        ("票价4元3角5。", 4.35)])
def test_a_bare_numeral_after_the_tenths_is_the_hundredths(text, value):
    (n,) = _of(text, "zh", "number")
    assert n.unit == "CNY" and abs(n.value - value) < 1e-9


def test_a_bare_numeral_that_opens_a_word_is_no_hundredths():
    (n,) = _of("买了两块五毛五花肉。", "zh", "number")
    assert n.value == 2.5


@pytest.mark.parametrize("text,lang,value", [
    ("The strike starts on Monday, September 1.", "en", "2025-09-01"),  # 1 September 2024 was a Sunday
    ("La grève commence le lundi 1er septembre.", "fr", "2025-09-01"),
    ("From Monday, Sept. 1, to Friday, Sept. 5, trains stop.", "en", "2025-09-01/2025-09-05"),
])
def test_the_day_of_the_week_chooses_the_year_of_a_day_without_one(text, lang, value):
    assert value in [d.value for d in _of(text, lang, "date")]


@pytest.mark.parametrize("text,lang,value", [
    ("今晚12点起停水。", "zh", "2025-06-19T00:00"),  # the midnight that ends the evening
    ("Le vol est parti hier soir à 9 h.", "fr", "2025-06-17T21:00"),
    ("Ce matin à 7 h, la gare a fermé.", "fr", "2025-06-18T07:00"),
])
def test_the_part_of_the_day_places_its_hour(text, lang, value):
    assert value in [d.value for d in _of(text, lang, "date")]


@pytest.mark.parametrize("text,value", [("花了两块五买了一支笔。", 2.5), ("花了三块二毛五买了一瓶水。", 3.25), ("九块九包邮。", 9.9)])
def test_a_bare_tenth_or_hundredth_before_a_verb_is_money(text, value):
    (n,) = _of(text, "zh", "number")
    assert n.unit == "CNY" and abs(n.value - value) < 1e-9


@pytest.mark.parametrize("text", ["买了两块五颜六色的布。", "我们一块五点出发。", "切了三块五花肉。"])
def test_a_numeral_that_opens_a_word_or_a_count_is_no_tenth(text):
    assert not [n for n in _of(text, "zh", "number") if n.unit == "CNY"]
