"""Pass rate of the mentions stage on the Microsoft Recognizers-Text spec
tables (MIT; ../shared/bench/recognizers-specs), one line per table.

Which cases: every spec item with exactly one expected result (items with
none or several test segmentation more than values).  What passes:

- Number, percent, currency tables: some number mention has the expected
  value (powers are left out, as in tests/test_mentions_specs.py; the
  fractions are a row of their own, "(fractions)": mixed numbers and
  slashed digits, 3/5, are among them and not read).
  Two rates: ``digits`` is the subset the test suite runs (text with a digit
  or 万/亿; deliberate differences counted apart), ``all`` every case.
- Ordinal tables: some mention has the expected value.
- Number-range tables: some number mention has the finite bounds of the
  expected range as its value and upper bound (a one-sided range: its bound).
- DateTime tables (date, datetime, time, daterange and datetimerange
  results): some date mention's value equals the expected value, read from
  the timex: a day (2019-01-04, or one of the listed years of XXXX-10-12),
  a month (2017-03), a year, an ISO week (2017-W14), a quarter (2023-Q3), a
  time of day (T14:30), a datetime (2016-06-30T09:30), or a range start/end;
  seasons, parts of a day and sets are counted and fail unless read.
  A period of ours (a year, quarter, week, range) also matches as the
  start/end Recognizers writes.  The reference date of the case (default
  2016-11-07, Recognizers' own) is the publication date.

    .venv/bin/python bench/bench_specs.py [--specs DIR] [--errors TABLE]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rumorlens.mentions import extract_text  # noqa: E402
from rumorlens.mentions.numbers import extract_numbers  # noqa: E402

LANG = {"Chinese": "zh", "English": "en", "French": "fr"}


def _spec_test():
    spec = importlib.util.spec_from_file_location("spec_test", ROOT / "tests" / "test_mentions_specs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _lang(name: str) -> str:
    return next(v for k, v in LANG.items() if k in name)


def _single(cases):
    for case in cases:
        res = case.get("Results") or []
        if len(res) == 1:
            yield case, res[0]


def _close(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _number_case(case, r, lang, mod, fractions: bool = False):
    """Whether some number mention has the expected value; None for a case
    not counted (a power; a fraction unless ``fractions``, and only
    fractions with it)."""
    v = r.get("Resolution", {}).get("value")
    if v is None or r["Resolution"].get("subtype") == "power" \
            or (r["Resolution"].get("subtype") == "fraction") != fractions:
        return None
    try:
        expected = mod._value(v, lang)
    except ValueError:
        return None
    values = [m.value for m in extract_numbers(case["Input"], lang)]
    return any(_close(x, expected) for x in values)


def _range_case(case, r, lang):
    v = r.get("Resolution", {}).get("value", "")
    m = re.fullmatch(r"[\[(](-?[\d.]+|-infinity)?,(-?[\d.]+|infinity)?[\])]", v.replace(" ", ""))
    if not m:
        return None
    lo = float(m.group(1)) if m.group(1) and "inf" not in m.group(1) else None
    hi = float(m.group(2)) if m.group(2) and "inf" not in m.group(2) else None
    for x in extract_numbers(case["Input"], lang):
        if lo is not None and hi is not None:
            if _close(x.value, lo) and _close(x.value_high, hi):
                return True
        elif _close(x.value, lo if lo is not None else hi):
            return True
    return False


def _timex_values(r) -> set:
    """What a date mention's value may be for this expected result."""
    out = set()
    for v in r.get("Resolution", {}).get("values", []):
        tx = v.get("timex", "")
        rng = re.fullmatch(r"\(([^,]+),([^,]+),[^)]+\)", tx)
        if rng and "start" in v and "end" in v:
            out.add(_norm(v["start"]) + "/" + _norm(v["end"]))
            continue
        if v.get("value") and v["value"] != "not resolved":
            out.add(_norm(v["value"]))
        if tx and "X" not in tx:
            out.add(_norm_timex(tx))
    return out


def _norm(s: str) -> str:
    """'2016-06-30 09:30:00' -> '2016-06-30T09:30'; '14:30:00' -> 'T14:30'."""
    s = s.strip()
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d)(?::00)?", s)
    if m:
        return f"{m.group(1)}T{m.group(2)}"
    m = re.fullmatch(r"(\d\d:\d\d)(?::00)?", s)
    if m:
        return "T" + m.group(1)
    return s


def _norm_timex(tx: str) -> str:
    m = re.fullmatch(r"(.*T)(\d\d)", tx)
    return m.group(1) + m.group(2) + ":00" if m else tx


def _date_case(case, r, lang):
    if not r["TypeName"].startswith("datetimeV2.") or r["TypeName"].endswith(("duration", "set")):
        return None
    want = _timex_values(r)
    if not want:
        return None
    # Recognizers-Text's own default reference date when a case gives none
    ref = (case.get("Context") or {}).get("ReferenceDateTime", "2016-11-07")[:10]
    got = set()
    for m in extract_text(case["Input"], lang, ref_date=ref, entities=False):
        if m.kind == "date" and m.value:
            got.add(str(m.value))
            got.add(_as_start_end(str(m.value)))
    return bool(got & want)


def period(value: str):
    """[first day, day after the last) of an ISO value: 2009, 2009-03,
    2009-Q1, 2009-W05, 2009-03-04 (kept here so the bench runs on any version)."""
    import datetime as dt

    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-W(\d\d))?", value)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = dt.date(y, int(m.group(2)), int(m.group(3)))
            return d, d + dt.timedelta(days=1)
        if m.group(2):
            mo = int(m.group(2))
            return dt.date(y, mo, 1), dt.date(y + mo // 12, mo % 12 + 1, 1)
        if m.group(4):
            q = int(m.group(4))
            return dt.date(y, 3 * q - 2, 1), dt.date(y + q // 4, (3 * q) % 12 + 1, 1)
        if m.group(5):
            d = dt.date.fromisocalendar(y, int(m.group(5)), 1)
            return d, d + dt.timedelta(days=7)
    except ValueError:
        return None
    return dt.date(y, 1, 1), dt.date(y + 1, 1, 1)


def _as_start_end(value: str) -> str:
    """Our value as Recognizers writes a period: '2009' -> '2009-01-01/2010-01-01'
    (end excluded); a range 'A/B' -> first day of A / first day of B (their
    end is where the last named period starts)."""
    if "/" in value:
        a, b = value.split("/", 1)
        pa, pb = period(a), period(b)
        return f"{pa[0]}/{pb[0]}" if pa and pb else value
    p = period(value)
    return f"{p[0]}/{p[1]}" if p and "T" not in value else value


def run(specs: Path, show: str | None) -> list[tuple]:
    mod = _spec_test()
    rows = []
    for path in sorted(specs.glob("*.json")):
        name, lang = path.stem, _lang(path.stem)
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        passed = total = 0
        for case, r in _single(cases):
            if "DateTime" in name:
                ok = _date_case(case, r, lang)
            elif "NumberRange" in name:
                ok = _range_case(case, r, lang)
            else:
                ok = _number_case(case, r, lang, mod)
            if ok is None:
                continue
            total += 1
            passed += ok
            if show and show in name and not ok:
                print(f"  FAIL {case['Input']!r} -> {r.get('Resolution')}")
        dig_pass, dig_total, dig_delib = _digit_subset(mod, name)
        rows.append((name, passed, total, dig_pass, dig_total, dig_delib))
        if "NumberModel" in name and "Range" not in name:
            found = [_number_case(case, r, lang, mod, fractions=True) for case, r in _single(cases)]
            found = [ok for ok in found if ok is not None]
            if found:  # the Chinese table marks none
                rows.append((name + " (fractions)", sum(found), len(found), 0, 0, 0))
    return rows


def _digit_subset(mod, name: str) -> tuple[int, int, int]:
    """(passed, cases, deliberate) of the cases tests/test_mentions_specs.py
    runs from this table; a deliberate difference is not counted as a case."""
    passed = total = delib = 0
    for p in mod.CASES:
        if p.id.split("[")[0] != name:
            continue
        lang, text, expected = p.values
        if mod._deliberate(text):
            delib += 1
            continue
        total += 1
        passed += any(_close(m.value, expected) for m in extract_numbers(text, lang))
    return passed, total, delib


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--specs", default=str(ROOT.parent / "shared" / "bench" / "recognizers-specs"))
    ap.add_argument("--errors", default=None, help="print the failing cases of tables whose name contains this")
    args = ap.parse_args()
    specs = Path(args.specs)
    if not specs.is_dir():
        sys.exit(f"no spec tables in {specs}")
    rows = run(specs, args.errors)
    print(f"{'table':45s} {'all':>15s} {'digits (test subset)':>24s}")
    for name, p, t, dp, dt, dd in rows:
        dig = f"{dp}/{dt} {100 * dp / dt:5.1f}% (+{dd} delib.)" if dt else ""
        print(f"{name:45s} {p:4d}/{t:<4d} {100 * p / max(1, t):5.1f}%  {dig}")


if __name__ == "__main__":
    main()
