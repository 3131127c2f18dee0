"""Microsoft Recognizers-Text spec tables (MIT; ../shared/bench/recognizers-specs,
skipped when absent) used as a test corpus for number, percent and currency
extraction in Chinese, French and English.

Which cases: every spec item with exactly one expected result whose text has
a digit or a 万/亿 scale (the form numbers take in news), excluding fractions
and powers.  For each we require a number mention with the expected value.

Cases we deliberately resolve differently, and why (matched by ``DELIBERATE``
below; anything else that fails is a bug):

- 兆: 10^6 in mainland technical usage (兆赫, 兆字节) but 10^12 in Taiwan and
  in classical usage; a checker must not guess, so we leave it unresolved.
- English "1,3" as a decimal (1.3): in English and Chinese text the comma
  groups thousands; reading "1,3" as 1.3 would corrupt "1,300"-style errors.
- Plain spaces between digit groups in English ("1 234 567"): too often two
  numbers in running text ("in 2018 300 people"); we accept the no-break and
  narrow no-break spaces typographers use, and plain spaces in French.
- The "G" suffix (10G = 10^10 in the spec): in tech news G is giga-bytes or a
  network generation (5G), not a count.
- Indian lakh/crore, "MM", "mil", "dzs", "- 10 k", "322 cent"
  (French), "7 2 折", "百分之15Ｋ", "SCP-173" (digits glued to a name stay
  part of the name): outside the news register this stage targets.  (Money
  in a unit and its subunits, "3 dollars 50 cents" and 123元1角1分, is read
  since issue 9 and is asserted like any other case, and so is "minus 5"
  since session 40.)
- Scientific notation, powers, slashed and mixed fractions (2e5, 2^5, 3/5,
  三百五十又3分之1) and signed or spaced-out 分之: not how news state
  quantities; kept out of scope.  (Common fractions, 三分之一, 'two-thirds',
  « deux tiers », are read since session 36, and most 分之 cases of the
  tables pass; the others stay expected failures.)
- Chinese numerals written with spaces between every unit
  ("三千 八百 九十六 万"): we read the groups separately.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rumorlens.mentions.numbers import extract_numbers

SPECS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "recognizers-specs"

FILES = {
    "Chinese_NumberModel.json": "zh", "English_NumberModel.json": "en", "French_NumberModel.json": "fr",
    "Chinese_PercentModel.json": "zh", "English_PercentModel.json": "en", "French_PercentModel.json": "fr",
    "NumberWithUnit_Chinese_CurrencyModel.json": "zh", "NumberWithUnit_English_CurrencyModel.json": "en",
    "NumberWithUnit_French_CurrencyModel.json": "fr",
}

DELIBERATE = [
    (r"兆", "兆 is 10^6 or 10^12 depending on region"),
    (r"[eE][-+－]?[\d１-９]|\^|/|／|分\s*之|又", "scientific notation, powers, fractions"),
    (r"^\s*\d,\d(?!\d)|The number is 1,3", "comma decimal in English"),
    (r"\d \d{3}", "plain-space digit groups in English"),
    (r"\d\s*[Gg]\b|lakh|crore|MM\b|\dmil\b|dzs|- 10  k|322 cent|7 2 折|15Ｋ|SCP-",
     "outside the news register"),
    (r"[一二三四五六七八九十百千万亿] +[一二三四五六七八九十百千万亿余]", "spaced-out Chinese numerals"),
]


# Not deliberate: cases we do not handle yet (reported as known gaps).
KNOWN_GAPS: list = []  # 2千零30万 (a scale word multiplying a whole mixed chain) is read since issue 9


def _value(s: str, lang: str) -> float:
    s = s.strip().rstrip("%")
    if lang == "fr" or re.fullmatch(r"-?\d+,\d+", s):
        s = s.replace(",", ".")
    return float(s)


def _cases():
    if not SPECS.is_dir():
        return []
    out = []
    for name, lang in FILES.items():
        path = SPECS / name
        if not path.exists():
            continue
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8-sig"))):
            res = case.get("Results") or []
            if len(res) != 1 or case.get("NotSupported") or case.get("NotSupportedByDesign"):
                continue
            r = res[0]
            v = r.get("Resolution", {}).get("value")
            if v is None or r["Resolution"].get("subtype") in ("fraction", "power"):
                continue
            if not re.search(r"[0-9０-９]|[万亿萬億]", r["Text"]):
                continue
            try:
                expected = _value(v, lang)
            except ValueError:
                continue
            out.append(pytest.param(lang, case["Input"], expected, id=f"{name.split('.')[0]}[{i}]"))
    return out


CASES = _cases()


def _deliberate(text: str):
    for pattern, why in DELIBERATE:
        if re.search(pattern, text):
            return f"resolved differently on purpose: {why}"
    for pattern, why in KNOWN_GAPS:
        if re.search(pattern, text):
            return f"known gap: {why}"
    return None


@pytest.mark.skipif(not CASES, reason="recognizers-specs not available")
@pytest.mark.parametrize("lang,text,expected", CASES)
def test_spec_number(lang, text, expected):
    why = _deliberate(text)
    values = [m.value for m in extract_numbers(text, lang)]
    hit = any(v == pytest.approx(expected, rel=1e-6, abs=1e-9) for v in values)
    if why:
        if not hit:
            pytest.xfail(why)
        return
    assert hit, f"{text!r}: expected {expected}, got {values}"


def test_spec_corpus_is_mostly_covered():
    if not CASES:
        pytest.skip("recognizers-specs not available")
    deliberate = sum(1 for c in CASES if _deliberate(c.values[1]))
    assert len(CASES) > 300 and deliberate < 0.25 * len(CASES)
