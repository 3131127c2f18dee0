"""Cross-lingual rules for comparing two number or date mentions.

These are rumorlens's own rules, kept in one place:

- Scale conventions.  Chinese counts in 万 (10^4) and 亿 (10^8); English uses
  the short scale (billion = 10^9, trillion = 10^12); French the long scale
  (milliard = 10^9, billion = 10^12, trillion = 10^18).  Each mention's value
  is in its own language's convention, so "1,5 milliard" == "1.5 billion" ==
  "15 亿".
- False friends.  A French "billion"/"trillion" next to a source that means
  the short-scale value is most likely an anglicism; numbers.py records the
  short-scale reading in ``alt_values`` and ``ambiguous=True`` and
  compare_numbers reports "false_friend" rather than a 1000x error.
- Scale errors: values off by an exact power of ten (万 read as thousand,
  million for billion) are "scale_error", not just "different".
- Approximation.  "约5亿美元" vs "$500 million": same value, approximation
  dropped -> "approx_changed"; two approximate values within 10 % -> "equal".
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Optional

from ..langs import LANG_NAMES
from ..records import Mention
from . import lexicon
from .dates import parse_iso, period

# durations compare in a common unit
_TO_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25, "hour": 1 / 24, "minute": 1 / 1440,
            "second": 1 / 86400}

APPROX_TOLERANCE = 0.10


@dataclass
class NumberComparison:
    relation: str  # equal|scale_error|false_friend|unit_changed|approx_changed|different|incomparable
    factor: Optional[float]  # b / a
    explanation: str


@dataclass
class DateComparison:
    relation: str  # equal|granularity_lost|shifted|direction_changed|different|incomparable
    explanation: str


def sci(v: float) -> str:
    """1.76e12 -> '1.76×10^12'; small numbers as plain digits."""
    if v is None:
        return "?"
    if v == 0 or 1e-3 <= abs(v) < 1e6:
        return f"{v:g}"
    exp = int(math.floor(math.log10(abs(v))))
    mant = v / 10 ** exp
    return f"{mant:.4g}×10^{exp}"


def _close(x: float, y: float, rel: float = 1e-6) -> bool:
    return abs(x - y) <= rel * max(abs(x), abs(y), 1e-12)


def _comparable_value(m: Mention) -> tuple[Optional[float], Optional[float], Optional[str]]:
    """Value, upper bound and unit, durations converted to days."""
    v, h, u = m.value, m.value_high, m.unit
    if m.type == "duration" and u in _TO_DAYS:
        f = _TO_DAYS[u]
        return (v * f if v is not None else None, h * f if h is not None else None, "day")
    return v, h, u


def _said(m: Mention) -> str:
    lang = "the " + LANG_NAMES[m.lang] if m.lang in LANG_NAMES else "one version"
    return f"{lang} says {m.text.strip()}"


def _is_power_of_ten(r: float) -> Optional[int]:
    if r <= 0:
        return None
    k = math.log10(r)
    n = round(k)
    if n != 0 and abs(k - n) < 1e-6:
        return n
    return None


def compare_numbers(a: Mention, b: Mention) -> NumberComparison:
    """How mention ``b`` relates to mention ``a`` (factor = b/a)."""
    if a.kind != "number" or b.kind != "number" or a.value is None or b.value is None:
        return NumberComparison("incomparable", None, "At least one of these is not a number.")
    if {a.type, b.type} == {"fraction", "percent"}:
        return _fraction_and_percent(a, b)
    if any((a.type == kind) != (b.type == kind) for kind in ("ordinal", "percent", "multiplier", "fraction")):
        return NumberComparison("incomparable", None,
                                f"{_said(a)} ({a.type}) and {_said(b)} ({b.type}): different kinds of quantity.")
    va, ha, ua = _comparable_value(a)
    vb, hb, ub = _comparable_value(b)
    if (a.type == "duration") != (b.type == "duration") and a.unit and b.unit:
        return NumberComparison("incomparable", None, f"{_said(a)} and {_said(b)}: one is a duration, the other is not.")
    factor = vb / va if va else None

    # French long-scale word that the other version reads short-scale
    for x, y, fx in ((a, b, False), (b, a, True)):
        if x.ambiguous and x.alt_values:
            vy = _comparable_value(y)[0]
            if any(_close(alt, vy) for alt in x.alt_values) and not _close(x.value, vy):
                word = (x.scale_word or "billion").split()[-1]  # « des trillions »: its scale word
                return NumberComparison(
                    "false_friend", factor,
                    f"French '{word}' means {sci(_long_scale(word))}; {_said(y)} = {sci(vy)}: the French has "
                    f"likely copied the English word (an anglicism), which a French reader takes as "
                    f"{sci(x.value)}.")

    if ua and ub and ua != ub and _dimension(ua) is not None and _dimension(ua) == _dimension(ub):
        return _converted(a, b)
    if ua and ub and ua != ub:
        same = _close(va, vb)
        return NumberComparison("unit_changed", factor,
                                f"{_said(a)} but {_said(b)}: the unit changed from {ua} to {ub}"
                                + (" with the same figure." if same else "."))

    range_a = ha is not None
    range_b = hb is not None
    if range_a or range_b:
        lo_a, hi_a = va, ha if ha is not None else va
        lo_b, hi_b = vb, hb if hb is not None else vb
        if _close(lo_a, lo_b) and _close(hi_a, hi_b):
            return _approx_or_equal(a, b, factor)
        if lo_a <= lo_b <= hi_a and lo_a <= hi_b <= hi_a or lo_b <= lo_a <= hi_b and lo_b <= hi_a <= hi_b:
            return NumberComparison("approx_changed", factor,
                                    f"{_said(a)} and {_said(b)}: one gives a range, the other a figure inside it.")

    if _close(va, vb):
        return _approx_or_equal(a, b, factor)
    if (a.approx or b.approx) and abs(vb - va) <= APPROX_TOLERANCE * max(abs(va), abs(vb)):
        if a.approx and b.approx:
            return NumberComparison("equal", factor, f"{_said(a)} and {_said(b)}: the same estimate.")
        return NumberComparison("approx_changed", factor,
                                f"{_said(a)} and {_said(b)}: close figures, but only one says it is approximate.")
    n = _is_power_of_ten(factor) if factor else None
    if n is not None:
        likely = ("a scale word (万/亿, million/billion, milliard) mistranslated" if a.scale_word or b.scale_word
                  else "a zero dropped or added" if abs(n) == 1 else "digits dropped or added")
        return NumberComparison("scale_error", factor,
                                f"{_said(a)} but {_said(b)}: {sci(va)} against {sci(vb)}, off by a factor of 10^{n}, "
                                f"likely {likely}.")
    return NumberComparison("different", factor, f"{_said(a)} ({sci(va)}) but {_said(b)} ({sci(vb)}).")


def _dimension(unit: str) -> Optional[str]:
    """The dimension of a unit of measure (units.json ``to_base``), or None."""
    found = lexicon.load("units").get("to_base", {}).get(unit)
    return found[0] if found else None


def _converted(a: Mention, b: Mention) -> NumberComparison:
    """Two measures of one dimension in different units (4 米 / 13 feet),
    compared in the base unit: the same within units.json
    ``conversion_tolerance`` (a conversion rounds) or, when either is
    approximate, APPROX_TOLERANCE; else different, a scale error when off
    by a power of ten (公里 read as metres)."""
    units = lexicon.load("units")
    va, vb = (in_base(float(m.value), units["to_base"][m.unit]) for m in (a, b))
    if a.value_high is not None or b.value_high is not None:
        return NumberComparison("incomparable", None, f"{_said(a)} and {_said(b)}: a range in another unit.")
    factor = vb / va if va else None
    tolerance = APPROX_TOLERANCE if (a.approx or b.approx) else units.get("conversion_tolerance", 0.03)
    if abs(va - vb) <= tolerance * max(abs(va), abs(vb)):
        return NumberComparison("equal", factor, f"{_said(a)} and {_said(b)}: the same quantity in another unit.")
    n = _is_power_of_ten(factor) if factor else None
    if n is not None:
        return NumberComparison("scale_error", factor, f"{_said(a)} but {_said(b)}: off by a factor of 10^{n} "
                                                       f"once converted, likely a unit mistranslated.")
    return NumberComparison("different", factor, f"{_said(a)} ({a.unit}) but {_said(b)} ({b.unit}): converted, "
                                                 f"{sci(va)} against {sci(vb)} in one unit.")


def in_base(value: float, to_base: list) -> float:
    """``value`` in its dimension's base unit: units.json to_base is
    [dimension, factor] or [dimension, factor, offset] (temperatures)."""
    return value * to_base[1] + (to_base[2] if len(to_base) > 2 else 0.0)


def from_base(value: float, to_base: list) -> float:
    """A base-unit ``value`` in the unit whose units.json to_base is given
    (the inverse of :func:`in_base`)."""
    return (value - (to_base[2] if len(to_base) > 2 else 0.0)) / to_base[1]


def _fraction_and_percent(a: Mention, b: Mention) -> NumberComparison:
    """A fraction against a percentage, as percentages: 'a third' and 30%
    (or 三分之一 and 33%) are one proportion rounded, within
    APPROX_TOLERANCE, as a translator may write it; 'a quarter' and 50% are
    not."""
    pa, pb = (float(m.value) * (100 if m.type == "fraction" else 1) for m in (a, b))
    if a.value_high is not None or b.value_high is not None:
        return NumberComparison("incomparable", None, f"{_said(a)} and {_said(b)}: a range against a fraction.")
    if abs(pa - pb) <= APPROX_TOLERANCE * max(abs(pa), abs(pb)):
        return NumberComparison("equal", pb / pa if pa else None,
                                f"{_said(a)} and {_said(b)}: the same proportion, rounded.")
    return NumberComparison("different", pb / pa if pa else None, f"{_said(a)} ({pa:.3g}%) but {_said(b)} ({pb:.3g}%).")


def _long_scale(word: str) -> float:
    """The French (long-scale) reading of a scale word, from the lexicon."""
    return lexicon.load("numbers")["scale"]["fr"].get(word.lower(), 1e12)


def _approx_or_equal(a: Mention, b: Mention, factor) -> NumberComparison:
    if (a.approx or None) != (b.approx or None):
        how = lambda m: m.approx or "exact"  # noqa: E731
        if a.approx and b.approx and {a.approx, b.approx} <= {"about", "nearly"}:
            return NumberComparison("equal", factor, f"{_said(a)} and {_said(b)}: the same approximate figure.")
        return NumberComparison("approx_changed", factor,
                                f"{_said(a)} ({how(a)}) and {_said(b)} ({how(b)}): the same figure, but the "
                                f"approximation changed.")
    return NumberComparison("equal", factor, f"{_said(a)} and {_said(b)}: the same figure.")


# --------------------------------------------------------------------------
# dates

def reading(m: Mention) -> Optional[str]:
    """How a relative date counts: "deictic" (from the time of writing: in a
    year and a half, dans six mois, 两年前, last week) or "anaphoric" (from an
    event told before it: a year and a half later, deux ans plus tard,
    一年半之后).  None for absolute and partial dates."""
    if m.type != "relative":
        return None
    attrs = m.attrs or {}
    return attrs.get("reading") or ("anaphoric" if attrs.get("anchor") == "context" else "deictic")


def describe_reading(m: Mention) -> str:
    """Plain words for how a relative date reads: 'future, counted from the
    time of writing' / 'a year and a half later than the event told before it'."""
    r, d = reading(m), m.direction
    span = _span_words((m.attrs or {}).get("duration"))
    if r == "deictic":
        if d == "future":
            return f"{span + ' ' if span else ''}in the future, counted from the time of writing"
        if d == "past":
            return f"{span + ' ' if span else ''}in the past, counted back from the time of writing"
        return "the time of writing"
    if d == "past":
        return f"{span or 'some time'} earlier than the event told before it"
    return f"{span or 'some time'} later than the event told before it"


def _span_words(duration: Optional[dict]) -> str:
    if not duration:
        return ""
    v, unit = duration.get("value"), duration.get("unit")
    if v is None or not unit:
        return ""
    v = float(v)
    whole, half = int(v), v - int(v) == 0.5
    if half:
        if whole == 0:
            return f"half a {unit}"
        head = f"a {unit}" if whole == 1 else f"{whole} {unit}s"
        return f"{head} and a half"
    if v == 1:
        return f"a {unit}"
    return f"{v:g} {unit}s"


def written_fields(m: Mention) -> Optional[dict]:
    """The calendar fields a date actually writes (year, month, day): an
    absolute date writes all of its granularity; a partial date only what
    its text says ("the 20th" writes a day, "October" a month); the rest of
    a partial date was guessed from the publication date and must not be
    compared as if it had been written."""
    if m.type == "absolute" and m.value:
        d = parse_iso(str(m.value))
        if d is None:
            return None
        gran = m.granularity or "day"
        out = {"year": d.year}
        if gran in ("month", "day", "minute"):
            out["month"] = d.month
        if gran in ("day", "minute"):
            out["day"] = d.day
        return out
    if m.type == "partial":
        w = (m.attrs or {}).get("written")
        if not w:
            return None
        parts = w.split("-")  # "--10-22", "--10", "---20"
        if w.startswith("---"):
            return {"day": int(parts[-1])}
        if len(parts) == 4:
            return {"month": int(parts[2]), "day": int(parts[3])}
        return {"month": int(parts[2])}
    return None


# how close a verdict says two dates are: an ambiguous date takes its closest reading
_DATE_RANK = {"equal": 0, "granularity_lost": 1, "shifted": 2, "time_changed": 3, "direction_changed": 4,
              "different": 5, "incomparable": 6}


def compare_dates(a: Mention, b: Mention) -> DateComparison:
    """How date mention ``b`` relates to date mention ``a``: equal,
    granularity_lost, shifted, time_changed, direction_changed, different or
    incomparable.  An ambiguous date (03/04/2019, 9:30) is judged by the
    reading closest to the other date (its ``alt_values``)."""
    if a.kind != "date" or b.kind != "date":
        return DateComparison("incomparable", "At least one of these is not a date.")
    if "weekday" in (a.type, b.type) or _days_of_week(a, b):
        return _compare_weekdays(a, b)
    best = None
    for ra in _date_readings(a):
        for rb in _date_readings(b):
            v = _compare_dates_read(ra, rb)
            if best is None or _DATE_RANK.get(v.relation, 9) < _DATE_RANK.get(best.relation, 9):
                best = v
    if best.relation == "equal" and (len(_date_readings(a)) > 1 or len(_date_readings(b)) > 1) \
            and str(a.value) != str(b.value):
        best = DateComparison("equal", f"{_said(a)} and {_said(b)}: the same date, reading the ambiguous one "
                                       f"the way the other version does.")
    return best


def _days_of_week(a: Mention, b: Mention) -> bool:
    """Two days of the week named from the time of writing (上周三 'Wednesday
    of last week', 'last Wednesday' 'the latest Wednesday'): worked out from
    a publication date they may fall a week apart, though a translator
    renders the one by the other; they are compared as days of the week."""
    return all((m.attrs or {}).get("weekday") and m.type == "relative" for m in (a, b))


def _compare_weekdays(a: Mention, b: Mention) -> DateComparison:
    """A day of the week named alone ('on Thursday', 周二) or from the time
    of writing (上周三, 'last Wednesday') against another: the same day
    (and, when both say, the same side of the week) or another; against
    any other date, incomparable (which week is not said)."""
    wa, wb = ((m.attrs or {}).get("weekday") or {} for m in (a, b))
    if wa.get("day") is None or wb.get("day") is None:
        return DateComparison("incomparable", f"{_said(a)} and {_said(b)}: a day of the week and a date.")
    if wa["day"] != wb["day"]:
        return DateComparison("different", f"{_said(a)} but {_said(b)}: another day of the week.")
    if (wa.get("which") or 0) * (wb.get("which") or 0) < 0:  # last Wednesday / 下周三
        return DateComparison("different", f"{_said(a)} but {_said(b)}: the same day of another week.")
    return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same day of the week.")


def _date_readings(m: Mention) -> list[Mention]:
    """The mention, and a copy of it for each other reading of an ambiguous
    date or time (string ``alt_values``)."""
    alts = [v for v in (m.alt_values or []) if isinstance(v, str)]
    if not alts:
        return [m]
    return [m] + [dataclasses.replace(m, value=v, alt_values=[], ambiguous=False) for v in alts]


def _time_part(m: Mention) -> Optional[str]:
    """'T14:30' of a time or of a datetime value, else None."""
    v = str(m.value or "")
    return v[v.index("T"):] if "T" in v else None


def _without_time(m: Mention) -> Mention:
    v = str(m.value or "")
    return dataclasses.replace(m, value=v[:v.index("T")] if "T" in v else m.value, granularity="day",
                               alt_values=[], ambiguous=False)


def _compare_times(a: Mention, b: Mention) -> DateComparison:
    """Clock times compare as times (14:30 = 2:30 pm; 0930 GMT = 9 h 30);
    a datetime against a date compares the days, the time being the
    precision one version lost."""
    ta, tb = _time_part(a), _time_part(b)
    if a.type == "time" or b.type == "time":
        if ta is None or tb is None:
            return DateComparison("incomparable", f"{_said(a)} and {_said(b)}: a time of day and a date.")
        if ta == tb:
            return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same time ({ta[1:]}).")
        return DateComparison("time_changed", f"{_said(a)} ({ta[1:]}) but {_said(b)} ({tb[1:]}): the time changed.")
    day = _compare_dates_read(_without_time(a), _without_time(b))
    if day.relation != "equal":
        return day
    if ta and tb:
        if ta == tb:
            return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same date and time.")
        return DateComparison("time_changed", f"{_said(a)} ({ta[1:]}) but {_said(b)} ({tb[1:]}): same day, the "
                                              f"time changed.")
    return DateComparison("granularity_lost", f"{_said(a)} and {_said(b)}: the same day, but only one gives the time.")


def _compare_ranges(a: Mention, b: Mention) -> DateComparison:
    """Two date ranges: the same ends (as resolved, or as written when one
    has no year), or not; a range against a single date is not compared."""
    if a.type != b.type:
        return DateComparison("incomparable", f"{_said(a)} and {_said(b)}: a range and a single date.")
    da, db = ((m.attrs or {}).get("decade") for m in (a, b))
    if da and db and ((a.attrs or {}).get("century_guessed") or (b.attrs or {}).get("century_guessed")):
        # 九十年代 against 'the 1990s': the century of one is not written, only the decade is compared
        if da == db and _opposite_parts(a, b):
            return _parts_apart(a, b, "decade")
        if da == db:
            return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same decade.")
        return DateComparison("different", f"{_said(a)} (the {da}s) but {_said(b)} (the {db}s): the decade changed.")

    def ends(m: Mention, written: bool) -> Optional[list[str]]:
        if written:
            w = (m.attrs or {}).get("written")
            if w:
                return [x[2:] for x in w.split("/")]  # "--08-01" -> "08-01"
            return [x[5:10] for x in str(m.value).split("/")] if m.value else None
        return str(m.value).split("/") if m.value else None

    partial = bool((a.attrs or {}).get("written") or (b.attrs or {}).get("written"))
    ea, eb = ends(a, partial), ends(b, partial)
    if ea is None or eb is None:
        return DateComparison("incomparable", f"{_said(a)} and {_said(b)}: ranges that could not be resolved.")
    if ea == eb and da and db and _opposite_parts(a, b):
        return _parts_apart(a, b, "decade")
    if ea == eb:
        return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same range.")
    return DateComparison("different", f"{_said(a)} ({'/'.join(ea)}) but {_said(b)} ({'/'.join(eb)}): the range "
                                       f"changed.")


def _compare_dates_read(a: Mention, b: Mention) -> DateComparison:
    """compare_dates for one reading of each date."""
    if "range" in (a.type, b.type):
        return _compare_ranges(a, b)
    if a.type == "time" or b.type == "time" or _time_part(a) or _time_part(b):
        return _compare_times(a, b)
    if a.direction and b.direction and a.direction != b.direction:
        return DateComparison("direction_changed",
                              f"{_said(a)} ({describe_reading(a)}) but {_said(b)} ({describe_reading(b)}): one "
                              f"looks back, the other forward.")
    ra, rb = reading(a), reading(b)
    if ra and rb and ra != rb:
        oa, ob = a.attrs.get("offset"), b.attrs.get("offset")
        if oa and ob and abs(_offset_days(oa)) == abs(_offset_days(ob)):
            if a.value is not None and a.value == b.value:
                # both points in time are one day ("in two weeks" said on the
                # day of the event 两周后 counts from): the same date, whichever
                # way it is read (a trial's false high finding)
                return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same date ({a.value}).")
            # the same span read from another point in time: "in a year and a
            # half" (from now, future) is not "a year and a half later"
            return DateComparison("direction_changed",
                                  f"{_said(a)} ({describe_reading(a)}) but {_said(b)} ({describe_reading(b)}): the "
                                  f"same span, counted from a different point in time.")
        return DateComparison("different", f"{_said(a)} ({describe_reading(a)}) but {_said(b)} "
                                           f"({describe_reading(b)}).")
    if "partial" in (a.type, b.type) and "relative" not in (a.type, b.type):
        fa, fb = written_fields(a), written_fields(b)
        if fa is not None and fb is not None:
            common = [k for k in ("year", "month", "day") if k in fa and k in fb]
            if not common:
                return DateComparison("incomparable",
                                      f"{_said(a)} and {_said(b)}: they write no calendar field in common.")
            if all(fa[k] == fb[k] for k in common):
                if len(fa) == len(fb) and _opposite_parts(a, b):
                    return _parts_apart(a, b, common[-1])
                if len(fa) == len(fb):
                    return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same date.")
                return DateComparison("granularity_lost",
                                      f"{_said(a)} and {_said(b)}: consistent, but one is less precise.")
            finest = common[-1]
            if all(fa[k] == fb[k] for k in common[:-1]) and finest == "day" and abs(fa["day"] - fb["day"]) == 1:
                return DateComparison("shifted", f"{_said(a)} but {_said(b)}: shifted by one day.")
            return DateComparison("different", f"{_said(a)} but {_said(b)}.")
    if a.value is None or b.value is None:
        oa, ob = a.attrs.get("offset"), b.attrs.get("offset")
        if oa and ob:
            if _offset_days(oa) == _offset_days(ob) and _opposite_parts(a, b):
                # 明年初 / 'late next year' with no publication date (check-pairs): the parts
                # still disagree (a break test of session 59)
                return DateComparison("different", f"{_said(a)} and {_said(b)}: the same year, but "
                                                   f"{a.attrs['part']} against {b.attrs['part']} of it.")
            if _offset_days(oa) == _offset_days(ob):
                return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same relative date.")
            return DateComparison("different", f"{_said(a)} but {_said(b)}: different offsets.")
        return DateComparison("incomparable", f"{_said(a)} and {_said(b)}: no publication date to resolve them.")
    if ra and rb and a.attrs.get("duration") and b.attrs.get("duration"):
        # two spans read the same way ("two years later" / 两年后): the same
        # offset is the same date, whatever each document's anchor resolved it to
        if _offset_days(a.attrs["offset"]) == _offset_days(b.attrs["offset"]):
            return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same relative date.")
    return _compare_periods(a, b)


def _compare_periods(a: Mention, b: Mention) -> DateComparison:
    """Two resolved dates as the periods they cover (a day, an ISO week, a
    month, a quarter, a year): the same period, the next or previous one
    (shifted), one inside or across the other (granularity lost: consistent,
    less precise), or apart (different)."""
    ga, gb = a.granularity or "day", b.granularity or "day"
    va, vb = str(a.value), str(b.value)
    pa, pb = period(va), period(vb)
    if ga == gb:
        if va == vb and _opposite_parts(a, b):
            return _parts_apart(a, b, ga)
        if va == vb:
            return DateComparison("equal", f"{_said(a)} and {_said(b)}: the same date ({va}).")
        # the next or previous period (two days apart still reads as a day shifted, as before)
        if pa and pb and (pa[1] == pb[0] or pb[1] == pa[0] or ga == "day" and abs((pa[0] - pb[0]).days) <= 2):
            return DateComparison("shifted", f"{_said(a)} ({va}) but {_said(b)} ({vb}): shifted by one {ga}.")
        return DateComparison("different", f"{_said(a)} ({va}) but {_said(b)} ({vb}).")
    if pa and pb and pa[0] < pb[1] and pb[0] < pa[1]:
        return DateComparison("granularity_lost",
                              f"{_said(a)} ({va}) and {_said(b)} ({vb}): consistent, but one is less precise.")
    return DateComparison("different", f"{_said(a)} ({va}) but {_said(b)} ({vb}).")


def _parts_apart(a: Mention, b: Mention, unit: str) -> DateComparison:
    """'different': the same ``unit`` (a year, a month, a decade), two of
    its parts that cannot both be meant (:func:`_opposite_parts`: « fin des
    années 70 » / 'the early 70s', 二月初 / 'late February')."""
    return DateComparison("different", f"{_said(a)} and {_said(b)}: the same {unit}, but "
                                       f"{a.attrs['part']} against {b.attrs['part']} of it.")


def _opposite_parts(a: Mention, b: Mention) -> bool:
    """Two parts of a year, a month or a decade that cannot both be meant
    (dates.json part_opposites: H1 and H2, early and late)."""
    pa, pb = ((m.attrs or {}).get("part") for m in (a, b))
    return bool(pa and pb) and any({pa, pb} == set(pair) for pair in lexicon.load("dates")["part_opposites"])


def _offset_days(off: dict) -> float:
    ((unit_s, amount),) = off.items()
    return round(amount * _TO_DAYS.get(unit_s[:-1], 1.0), 3)
