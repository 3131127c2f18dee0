"""Property tests: a value formatted in French, English or Chinese conventions
parses back to the same value."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rumorlens.mentions.numbers import extract_numbers, parse_chinese, parse_digits

NNBSP = "\u202f"

# values with at most 3 decimals, as news write them
values = st.decimals(min_value=Decimal("0"), max_value=Decimal("999999999999"), places=3,
                     allow_nan=False, allow_infinity=False)
integers = st.integers(min_value=1, max_value=10**12 - 1)


def group(int_part: str, sep: str) -> str:
    rev = int_part[::-1]
    return sep.join(rev[i:i + 3] for i in range(0, len(rev), 3))[::-1]


def fmt_en(v: Decimal) -> str:
    s = f"{v:f}"
    whole, _, frac = s.partition(".")
    frac = frac.rstrip("0")
    return group(whole, ",") + ("." + frac if frac else "")


def fmt_fr(v: Decimal, sep: str) -> str:
    s = f"{v:f}"
    whole, _, frac = s.partition(".")
    frac = frac.rstrip("0")
    return group(whole, sep) + ("," + frac if frac else "")


def fmt_fullwidth(s: str) -> str:
    return s.translate({ord(str(d)): 0xFF10 + d for d in range(10)})


@settings(max_examples=200, deadline=None)
@given(values)
def test_english_round_trip(v):
    text = fmt_en(v)
    assert parse_digits(text, "en") == pytest.approx(float(v), rel=1e-12, abs=1e-9)
    (m,) = extract_numbers(f"{text} users", "en")
    assert m.value == pytest.approx(float(v), rel=1e-12, abs=1e-9) and m.unit == "users"


@settings(max_examples=200, deadline=None)
@given(values, st.sampled_from([" ", NNBSP, "\u00a0"]))
def test_french_round_trip(v, sep):
    text = fmt_fr(v, sep)
    assert parse_digits(text, "fr") == pytest.approx(float(v), rel=1e-12, abs=1e-9)
    (m,) = extract_numbers(f"{text} utilisateurs", "fr")
    assert m.value == pytest.approx(float(v), rel=1e-12, abs=1e-9) and m.unit == "users"


@settings(max_examples=200, deadline=None)
@given(values, st.booleans())
def test_chinese_digits_round_trip(v, fullwidth):
    text = fmt_en(v)
    if fullwidth:
        text = fmt_fullwidth(text)
    (m,) = extract_numbers(f"{text}个用户", "zh")
    assert m.value == pytest.approx(float(v), rel=1e-12, abs=1e-9) and m.unit == "users"


@settings(max_examples=200, deadline=None)
@given(integers)
def test_chinese_numerals_round_trip(n):
    cn2an = pytest.importorskip("cn2an")
    text = cn2an.an2cn(n)  # an independent formatter
    assert parse_chinese(text) == n
    found = extract_numbers(f"{text}个用户", "zh")
    # 一个 is "a"/"an" in Chinese text: deliberately not a number mention
    assert [m.value for m in found] == ([] if n == 1 else [n])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
       st.sampled_from(["", " "]))
def test_chinese_scale_round_trip(n, scale, space):
    word, factor = scale
    (m,) = extract_numbers(f"{n}{space}{word}美元", "zh")
    assert m.value == n * factor and m.unit == "USD" and m.scale_word == word


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=Decimal("1"), max_value=Decimal("999"), places=2),
       st.sampled_from([("million", 1e6), ("milliard", 1e9), ("milliards", 1e9)]))
def test_french_scale_round_trip(v, scale):
    word, factor = scale
    (m,) = extract_numbers(f"{fmt_fr(v, ' ')} {word} de dollars", "fr")
    assert m.value == pytest.approx(float(v) * factor) and m.unit == "USD"
