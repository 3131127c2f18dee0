"""Kinds of number forms a public bug report showed misread (issue 9): each
example of the issue, and other members of its kind."""
import pytest

from rumorlens.mentions import extract_text


def numbers(text, lang):
    return [m for m in extract_text(text, lang, entities=False) if m.kind == "number"]


def one(text, lang):
    (m,) = numbers(text, lang)
    return m


@pytest.mark.parametrize("text,value", [
    ("quatre-vingt-dix-neuf", 99), ("quatre-vingts personnes", 80), ("quatre-vingt-un ans", 81),
    ("quatre-vingt-onze", 91), ("soixante-dix-sept", 77), ("soixante et onze", 71),
    ("deux cent quatre-vingts", 280), ("nonante-neuf", 99), ("septante-cinq", 75),
    ("soixante-et-onze", 71), ("vingt-et-un", 21), ("trente-et-une personnes", 31),  # the 1990 spelling: -et-
    ("soixante-douze", 72), ("quatre-vingt-quinze", 95), ("mille neuf cent quatre-vingt-dix-neuf", 1999),
    ("mille personnes", 1000), ("deux mille trois cents personnes", 2300),
])
def test_french_numbers_of_several_words(text, value):
    assert one(text, "fr").value == value


@pytest.mark.parametrize("text,lang,value", [
    ("un milliard vingt-cinq millions d'euros", "fr", 1.025e9),
    ("deux millions trois cent mille habitants", "fr", 2.3e6),
    ("one billion twenty-five million euros", "en", 1.025e9),
    ("two million three hundred thousand people", "en", 2.3e6),
    ("two thousand and twenty", "en", 2020),
    ("1 milliard 25 millions d'euros", "fr", 1.025e9), ("2 millions 300 000 euros", "fr", 2.3e6),  # in digits
    ("3 milliards 200 millions", "fr", 3.2e9), ("1 billion 25 million euros", "en", 1.025e9),
    ("2 million 300 thousand people", "en", 2.3e6),
])
def test_compound_scale_phrases_are_one_number(text, lang, value):
    assert one(text, lang).value == value


@pytest.mark.parametrize("text,lang,values", [("3 millions 2019", "fr", [3e6]), ("2 millions 500", "fr", [2e6, 500]),
                                               ("1 million 1.5 million", "en", [1e6, 1.5e6])])
def test_digits_after_a_scale_that_are_not_its_part(text, lang, values):
    assert [m.value for m in numbers(text, lang)] == values


def test_a_compound_scale_in_digits_matches_its_decimal_form():
    from compare_helpers import pair

    from rumorlens.compare.numbers import check_numbers

    src, tgt = "Le budget est de 1 milliard 25 millions d'euros.", "The budget is 1.025 billion euros."
    p = pair(src, tgt, "fr", "en", numbers(src, "fr"), numbers(tgt, "en"))
    assert check_numbers(p) == []


@pytest.mark.parametrize("text,value", [("2千零30万", 2.03e7), ("3千5百万人", 3.5e7), ("5千3百万", 5.3e7),
                                        ("2千零30亿", 2.03e11), ("1亿2500万元", 1.25e8), ("3万4000", 34000)])
def test_chinese_digits_with_a_section_word_over_the_whole_group(text, value):
    assert one(text, "zh").value == value


def test_two_scales_growing_are_two_numbers():
    ms = numbers("between two million and three million people", "en")
    assert [(m.value, m.value_high) for m in ms] == [(2e6, 3e6)]


@pytest.mark.parametrize("text,lang,value", [
    ("one and a half million people", "en", 1.5e6),
    ("two and a half billion dollars", "en", 2.5e9),
    ("two and a half years", "en", 2.5),
    ("un million et demi de personnes", "fr", 1.5e6),
    ("deux milliards et demi d'euros", "fr", 2.5e9),
    ("one million and a half", "en", 1.5e6),
])
def test_and_a_half_with_a_scale_word(text, lang, value):
    assert one(text, lang).value == value


@pytest.mark.parametrize("text,lang,value,unit", [
    ("123元1角1分", "zh", 123.11, "CNY"),
    ("一百二十三元一角一分", "zh", 123.11, "CNY"),
    ("票价5元5毛", "zh", 5.5, "CNY"),
    ("1元零5分", "zh", 1.05, "CNY"), ("十元五角", "zh", 10.5, "CNY"),  # 零: a skipped subunit; 十 alone before 元
    ("3块5毛", "zh", 3.5, "CNY"), ("三块五毛", "zh", 3.5, "CNY"), ("5块3分", "zh", 5.03, "CNY"),  # colloquial 块
    ("12 dollars and 5 cents", "en", 12.05, "USD"),
    ("It cost 3 dollars 50 cents.", "en", 3.5, "USD"),
    ("3 euros et 50 centimes", "fr", 3.5, "EUR"),
])
def test_money_in_a_unit_and_its_subunits(text, lang, value, unit):
    m = one(text, lang)
    assert m.type == "money" and m.value == pytest.approx(value) and m.unit == unit


def test_a_classifier_that_is_a_currency_only_before_subunits():
    """块 is money before an amount in 毛/角/分 and a classifier otherwise."""
    assert [(m.type, m.value, m.unit) for m in numbers("三块石头", "zh")] == [("count", 3, None)]


@pytest.mark.parametrize("text,value,unit", [
    ("一个半小时", 1.5, "hour"), ("两个半月", 2.5, "month"), ("三个半星期", 3.5, "week"), ("一年半", 1.5, "year"),
])
def test_chinese_and_a_half_before_a_unit_of_time(text, value, unit):
    m = one(text, "zh")
    assert (m.type, m.value, m.unit) == ("duration", value, unit)


@pytest.mark.parametrize("text,value,unit", [("六个多月", 6, "month"), ("三个多星期", 3, "week"), ("十个余月", 10, "month")])
def test_chinese_more_than_between_classifier_and_unit_of_time(text, value, unit):
    """六个多月 is 'over six months' (a break trial's 该工厂已停产六个多月 /
    « depuis six mois » went unreported: it was read as a count of 6)."""
    m = one(text, "zh")
    assert (m.type, m.value, m.unit, m.approx) == ("duration", value, unit, "over")
    assert [(m.type, m.value, m.approx) for m in numbers("三个多小组", "zh")] == [("count", 3, None)]


@pytest.mark.parametrize("text,lang,value", [
    ("La température est tombée à −5 °C.", "fr", -5),  # U+2212, the French typographer's minus
    ("Temperatures fell to -5°C.", "en", -5),
    ("气温降至零下5摄氏度。", "zh", -5),  # 零下: below zero
    ("Temperatures fell to minus five degrees.", "en", -5),
    ("负5", "zh", -5),
    ("气温降至零下十度。", "zh", -10),  # a lone numeral after 零下 (it was not read at all)
])
def test_negative_numbers_keep_their_sign(text, lang, value):
    """« −5 °C » against '-5°C' was a high value_changed (the minus sign
    U+2212 was not read), 零下5 against -5 too."""
    assert [m.value for m in numbers(text, lang)] == [value]


def test_a_tolerance_and_a_range_are_not_negative():
    assert [m.value for m in numbers("an error of plus or minus 5 percent", "en")] == [5]
    assert [(m.value, m.value_high) for m in numbers("a range of 5−10 people", "en")] == [(5, 10)]


@pytest.mark.parametrize("text,value,high", [
    ("每组五到十人。", 5, 10), ("五至十人", 5, 10), ("十到二十人", 10, 20), ("三到五年", 3, 5),
    ("十人受伤", 10, None), ("五人受伤", 5, None),
])
def test_chinese_numerals_in_a_range_or_before_ren(text, value, high):
    """A lone numeral opening a range (五到十人) and a numeral before 人 are
    numbers; they were not read at all."""
    m = one(text, "zh")
    assert (m.value, m.value_high) == (value, high)


@pytest.mark.parametrize("text", ["一到晚上就下雨", "从三到五月", "八到十二月"])
def test_chinese_to_that_is_no_range_of_counts(text):
    """一到 is 'as soon as'; 三到五月 is March to May."""
    assert not [m for m in numbers(text, "zh") if m.value_high is not None]


def test_a_subunit_word_that_is_not_money_stays_apart():
    assert [(m.type, m.value) for m in numbers("100元5分钟", "zh")] == [("money", 100), ("duration", 5)]


def test_chinese_subunit_money_matches_its_translation():
    from compare_helpers import pair

    from rumorlens.compare.numbers import check_numbers

    src, tgt = "门票123元1角1分。", "The ticket costs 123.11 yuan."
    p = pair(src, tgt, "zh", "en", numbers(src, "zh"), numbers(tgt, "en"))
    assert check_numbers(p) == []


@pytest.mark.parametrize("src,tgt,expected", [("票价3块5毛。", "The ticket costs 3.50 yuan.", []),
                                              ("票价3块5毛。", "The ticket costs 35 yuan.", ["scale_error"]),
                                              ("他等了一个半小时。", "He waited one and a half hours.", [])])
def test_colloquial_money_and_halves_across_versions(src, tgt, expected):
    from compare_helpers import pair

    from rumorlens.compare.numbers import check_numbers

    p = pair(src, tgt, "zh", "en", numbers(src, "zh"), numbers(tgt, "en"))
    assert [f.type for f in check_numbers(p)] == expected


@pytest.mark.parametrize("text,value", [
    ("百分之七十的学生在百分位排名中", 70), ("百分之七十百分位", 70), ("百分之三十五百分位数", 35),
])
def test_percent_words_do_not_take_the_next_word(text, value):
    m = numbers(text, "zh")[0]
    assert m.type == "percent" and m.value == value


def test_percent_words_back_to_back():
    assert [m.value for m in numbers("百分之七十百分之八十", "zh")] == [70, 80]


@pytest.mark.parametrize("text,low,high", [
    ("两三个人", 2, 3), ("三五天", 3, 5), ("五六十岁", 50, 60), ("十一二个", 11, 12), ("七八万人", 7e4, 8e4),
    ("一两个月", 1, 2),
])
def test_chinese_approximate_counts(text, low, high):
    m = one(text, "zh")
    assert (m.value, m.value_high, m.approx) == (low, high, "about")


@pytest.mark.parametrize("text", ["一二三四", "三三两两", "九十个"])
def test_digit_runs_that_are_not_approximate_counts(text):
    assert all(m.value_high is None for m in numbers(text, "zh"))


def test_scaled_decimals_are_exact():
    assert one("1.025 billion euros", "en").value == 1025000000.0


def test_a_range_with_its_currency_written_on_each_side():
    """Session 41 (a fresh user's trial): 'between €15 million and €20
    million' was two amounts, so a range narrowed in translation (« entre
    15 et 25 millions d'euros ») was reported as a figure inside a range."""
    from rumorlens.mentions import extract_text

    def numbers(text, lang="en"):
        return [(m.value, m.value_high, m.unit) for m in extract_text(text, lang) if m.kind == "number"]
    assert numbers("The damage is estimated at between €15 million and €20 million.") == [(15e6, 20e6, "EUR")]
    assert numbers("Between $5 and $10 per share.") == [(5.0, 10.0, "USD")]
    assert numbers("Prices ranged from €15 million to €20 million.") == [(15e6, 20e6, "EUR")]
    # without 'between', 'and' joins two amounts, not a range
    assert numbers("It rose to €15 million and €20 million was paid.") == [(15e6, None, "EUR"), (20e6, None, "EUR")]
    assert numbers("Sales were €15 million in 2024 and €20 million in 2025.")[:1] == [(15e6, None, "EUR")]


def test_a_reference_marker_is_no_figure():
    """A copied wiki page's [1] after a date was read as the number 1 and set
    against another version's 2017 (session 63)."""
    from rumorlens.mentions import extract_text

    got = extract_text("He was born 30 April 1949)[1] and elected in 2017.[12][n 3][1, 4]", "en", entities=False)
    assert [(m.kind, m.text) for m in got] == [("date", "30 April 1949"), ("date", "2017")]
    # a bracket after a space is the text's own (a helper's break test: « de 20 € à [25] € »)
    got = extract_text("Le prix passe de 20 € à [25] €.", "fr", entities=False)
    assert [m.value for m in got] == [20.0, 25.0]
    got = extract_text("他出生于1949年［3］，有3个孩子。", "zh", entities=False)
    assert [(m.kind, m.text) for m in got] == [("date", "1949年"), ("number", "3")]  # the children, not the marker
