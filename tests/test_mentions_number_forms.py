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
])
def test_compound_scale_phrases_are_one_number(text, lang, value):
    assert one(text, lang).value == value


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
    ("It cost 3 dollars 50 cents.", "en", 3.5, "USD"),
    ("3 euros et 50 centimes", "fr", 3.5, "EUR"),
])
def test_money_in_a_unit_and_its_subunits(text, lang, value, unit):
    m = one(text, lang)
    assert m.type == "money" and m.value == pytest.approx(value) and m.unit == unit


def test_a_subunit_word_that_is_not_money_stays_apart():
    assert [(m.type, m.value) for m in numbers("100元5分钟", "zh")] == [("money", 100), ("duration", 5)]


def test_chinese_subunit_money_matches_its_translation():
    from compare_helpers import pair

    from rumorlens.compare.numbers import check_numbers

    src, tgt = "门票123元1角1分。", "The ticket costs 123.11 yuan."
    p = pair(src, tgt, "zh", "en", numbers(src, "zh"), numbers(tgt, "en"))
    assert check_numbers(p) == []


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
