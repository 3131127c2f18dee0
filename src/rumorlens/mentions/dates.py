"""Dates in Chinese, French and English: absolute, partial (no year) and
relative, each normalized to an ISO string with a granularity.

Anchors, following how the expressions work in the language:
- deictic expressions (去年, last week, il y a un mois, in a year and a half,
  两年前) count from the publication date (``ref_date``), or from the latest
  firm date before them when the document has no date;
- anaphoric ones (a year and a half later, 一年半之后, deux ans plus tard) count
  from the latest firm date written before them, or from the publication date
  when there is none.
Relative dates keep their ``direction`` (past|future) and the offset in
``attrs`` so that two versions can be compared even without a date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

from ..langs import HANDLED
from ..records import Mention
from . import lexicon
from .numbers import parse_chinese

CN_MONTH = r"(?:十[一二]|[一二三四五六七八九十]|1[0-2]|0?[1-9])"
CN_DAY = r"(?:三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]|3[01]|[12]\d|0?[1-9])"
CN_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"


def _int(s: str) -> int:
    s = s.strip()
    return int(s) if s.isdigit() else int(parse_chinese(s))


def parse_iso(s: Optional[str]) -> Optional[dt.date]:
    """'2024', '2024-12', '2024-12-23' (or longer ISO timestamps) -> a date (first day of the period)."""
    if not s:
        return None
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", s.strip())
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def iso(d: dt.date, granularity: str) -> str:
    if granularity == "year":
        return f"{d.year:04d}"
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _valid(y: int, m: int = 1, d: int = 1) -> bool:
    try:
        dt.date(y, m, d)
        return 1000 <= y <= 2200
    except ValueError:
        return False


def _month_names(lang: str) -> dict:
    return lexicon.load("dates")["months"].get(lang, {})


def _deictic_of_unit(unit: str) -> dict:
    """Chinese deictic words of one unit and their offsets (去年: -1 year)."""
    return {w: amount for w, (u, amount, _) in lexicon.load("dates")["deictic"]["zh"].items() if u == unit}


def _year_words(lang: str) -> dict:
    """Words giving a named month its year, with their offset in years:
    去年 (-1), last (-1), prochain (+1)."""
    if lang == "zh":
        return _deictic_of_unit("year")
    return lexicon.load("dates")["year_modifiers"].get(lang, {})


def _year_parts(lang: str) -> dict:
    return lexicon.load("dates")["year_parts"].get(lang, {})


def _zh_patterns() -> list:
    dl = lexicon.load("dates")
    rel_year = lexicon.alternation(_year_words("zh"))
    part = lexicon.alternation(_year_parts("zh"))
    week = lexicon.alternation(_deictic_of_unit("week"))
    weekday = "".join(dl["weekdays"]["zh"])
    return [
        (r"(?P<y>" + CN_YEAR + r")[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]", "ymd"),
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
        (r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)", "ymd"),
        (r"(?P<rel>" + rel_year + r")[ ]?(?P<m>" + CN_MONTH + r")[ ]?月份?(?:[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号])?", "rel_md"),
        (r"(?P<y>" + CN_YEAR + r")[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月份?", "ym"),
        (r"(?P<y>\d{4})[ ]?年(?!代)(?P<part>" + part + ")?", "y"),
        (r"(?<![\d一二三四五六七八九十个几数])(?P<m>" + CN_MONTH + r")[ ]?月份?[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]", "md"),
        (r"(?<![\d一二三四五六七八九十个几数第])(?P<m>" + CN_MONTH + r")[ ]?月份?(?![\d])", "m"),
        (r"(?P<rel>" + week + r")(?P<wd>[" + weekday + "])", "rel_weekday"),
    ]


def _en_patterns() -> list:
    months = _month_names("en")
    mon_cap = r"(?P<mon>(?:" + "|".join(
        re.escape(k.capitalize()) for k in sorted(months, key=lambda k: -len(k))) + r")\.?)"
    rel_year = lexicon.alternation(_year_words("en"))
    part = lexicon.alternation(_year_parts("en"))
    alone = lexicon.alternation(lexicon.load("dates")["year_parts_alone"]["en"])
    return [
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
        (mon_cap + r"[ ](?P<d>\d{1,2})(?:st|nd|rd|th)?,?[ ](?P<y>\d{4})(?!\d)", "ymd"),
        (r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[ ](?:of[ ])?" + mon_cap + r",?[ ](?P<y>\d{4})(?!\d)", "ymd"),
        (mon_cap + r"(?:[ ]of)?,?[ ](?P<y>\d{4})(?!\d)", "ym"),
        (r"(?:(?<=in )|(?<=since )|(?<=In ))" + mon_cap + r"[ ](?P<rel>" + rel_year + r")[ ]year", "rel_md"),
        (mon_cap + r"[ ](?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d\w])", "md"),
        (r"(?<![\d])(?P<d>\d{1,2})(?:st|nd|rd|th)?[ ](?:of[ ])?" + mon_cap + r"(?![\w])", "md"),
        (r"(?:(?<=in )|(?<=since )|(?<=until )|(?<=by )|(?<=early )|(?<=late )|(?<=mid-)|(?<=of )|(?<=In )|(?<=during ))"
         + r"(?P<mon>(?:" + "|".join(k.capitalize() for k in sorted(months, key=lambda k: -len(k)) if len(k) > 3 or k == "may") + r"))(?![\w])", "m"),
        (r"(?:(?<=on the )|(?<=On the ))(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?![\w])", "d"),
        (r"(?P<part>" + part + r")[- ](?P<y>(?:19|20)\d\d)(?!\d)", "y"),
        (r"(?<![\w-])(?P<part>" + alone + r")-year(?![\w-])", "part_of_year"),
    ]


def _fr_patterns() -> list:
    mon = r"(?P<mon>" + lexicon.alternation(_month_names("fr")) + r")"
    rel_year = lexicon.alternation(_year_words("fr"))
    part = lexicon.alternation(_year_parts("fr"))
    return [
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
        (r"(?P<d>1er|\d{1,2})[ ]" + mon + r"[ ](?P<y>\d{4})(?!\d)", "ymd"),
        (mon + r"[ ](?P<y>\d{4})(?!\d)", "ym"),
        (mon + r"[ ](?P<rel>" + rel_year + r")(?![\w])", "rel_md"),
        (r"(?<![\d])(?P<d>1er|\d{1,2})[ ]" + mon + r"(?![\w])", "md"),
        (r"(?:(?<=en )|(?<=En )|(?<=depuis )|(?<=d'ici )|(?<=début )|(?<=fin )|(?<=mi-)|(?<=mois d')|(?<=mois de ))" + mon + r"(?![\w])", "m"),
        (r"(?P<part>" + part + r")[- ](?P<y>(?:19|20)\d\d)(?!\d)", "y"),
    ]


def _patterns(lang: str) -> list:
    """(regex, handler-name) in priority order; earlier patterns win overlaps.
    The words in them (months, year words, parts of a year, weekdays) come
    from models/lexicons/dates.json."""
    if lang == "zh":
        return _zh_patterns()
    return _en_patterns() if lang == "en" else _fr_patterns()


def _resolve_month(ref: Optional[dt.date], month: int) -> Optional[int]:
    """Year of a month named without one: the publication year, unless that
    would put it well after the publication (then the year before)."""
    if ref is None:
        return None
    return ref.year - 1 if month > ref.month + 2 else ref.year


def _resolve_md(ref: Optional[dt.date], month: int, day: int) -> Optional[int]:
    if ref is None:
        return None
    try:
        cand = dt.date(ref.year, month, day)
    except ValueError:
        return None
    return ref.year - 1 if cand > ref + dt.timedelta(days=62) else ref.year


def _date_mention(lang, doc_id, text, s, e, typ, value, gran, **kw) -> Mention:
    return Mention(doc_id=doc_id, start=s, end=e, text=text[s:e], lang=lang, kind="date", type=typ, value=value,
                   granularity=gran, **kw)


def _offset_or_none(ref: dt.date, unit: str, amount: float) -> tuple[Optional[dt.date], Optional[str]]:
    """:func:`_offset`, or (None, None) when the date falls outside years 1-9999."""
    try:
        return _offset(ref, unit, amount)
    except (ValueError, OverflowError):
        return None, None


def _offset(ref: dt.date, unit: str, amount: float) -> tuple[dt.date, str]:
    """Move ``ref`` by ``amount`` units; returns the date and the granularity it supports."""
    if unit == "year":
        if float(amount).is_integer():
            return add_months(ref, int(amount) * 12), "year"
        return add_months(ref, round(amount * 12)), "month"
    if unit == "month":
        return add_months(ref, round(amount)), "month"
    if unit == "week":
        return ref + dt.timedelta(days=round(7 * amount)), "day"
    if unit == "day":
        return ref + dt.timedelta(days=round(amount)), "day"
    return ref, "day"


def _absolute(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """ymd, ym, y: a date with its year written (and a part of the year)."""
    y = _int(g["y"])
    if how == "ymd":
        if not _valid(y, mon, day):
            return None
        return _date_mention(lang, doc_id, text, s, e, "absolute", iso(dt.date(y, mon, day), "day"), "day")
    if how == "ym":
        if not _valid(y, mon):
            return None
        return _date_mention(lang, doc_id, text, s, e, "absolute", f"{y:04d}-{mon:02d}", "month")
    if not _valid(y):
        return None
    mention = _date_mention(lang, doc_id, text, s, e, "absolute", f"{y:04d}", "year")
    if g.get("part"):
        mention.attrs["part"] = _year_parts(lang).get(g["part"].lower(), g["part"])
    return mention


def _partial(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """md, m, d: a date without its year (or month), placed near the
    publication date; ``attrs.written`` keeps what the text says."""
    if how == "md":
        if not (1 <= mon <= 12) or not (1 <= day <= 31):
            return None
        y = _resolve_md(ref, mon, day)
        value = iso(dt.date(y, mon, day), "day") if y and _valid(y, mon, day) else None
        mention = _date_mention(lang, doc_id, text, s, e, "partial", value, "day")
        mention.attrs["written"] = f"--{mon:02d}-{day:02d}"
        return mention
    if how == "m":
        if not (1 <= mon <= 12):
            return None
        y = _resolve_month(ref, mon)
        mention = _date_mention(lang, doc_id, text, s, e, "partial", f"{y:04d}-{mon:02d}" if y else None, "month")
        mention.attrs["written"] = f"--{mon:02d}"
        return mention
    if ref is None:
        return None
    y, mo = (ref.year, ref.month) if day <= ref.day else (add_months(ref.replace(day=1), -1).year, add_months(ref.replace(day=1), -1).month)
    if not _valid(y, mo, day):
        return None
    mention = _date_mention(lang, doc_id, text, s, e, "partial", iso(dt.date(y, mo, day), "day"), "day")
    mention.attrs["written"] = f"---{day:02d}"
    return mention


def _relative(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """rel_md, part_of_year, rel_weekday: a date named from the time of
    writing (March last year, mid-year, 上周三)."""
    if how == "rel_md":
        off = _year_words(lang)[g["rel"]]
        if lang == "fr" and ref is not None:
            # "en mars dernier": the latest March before the publication
            y = ref.year if (mon < ref.month) == (off < 0) or mon == ref.month else ref.year + off
        else:
            y = ref.year + off if ref else None
        gran = "day" if day else "month"
        value = None
        if y and _valid(y, mon, day or 1):
            value = iso(dt.date(y, mon, day or 1), gran)
        mention = _date_mention(lang, doc_id, text, s, e, "relative", value, gran,
                                direction="past" if off < 0 else "future" if off > 0 else None)
        mention.attrs.update(anchor="publication", offset={"years": off}, reading="deictic")
        return mention
    if how == "part_of_year":
        # "mid-year" in a dated article: that part of the publication year
        mention = _date_mention(lang, doc_id, text, s, e, "relative", f"{ref.year:04d}" if ref else None, "year")
        mention.attrs.update(anchor="publication", offset={"years": 0}, part=_year_parts(lang)[g["part"].lower()],
                             reading="deictic")
        return mention
    wk = _deictic_of_unit("week")[g["rel"]]
    value = None
    if ref:
        monday = ref - dt.timedelta(days=ref.weekday())
        value = (monday + dt.timedelta(days=7 * wk + lexicon.load("dates")["weekdays"]["zh"][g["wd"]])).isoformat()
    mention = _date_mention(lang, doc_id, text, s, e, "relative", value, "day",
                            direction="past" if wk < 0 else "future" if wk > 0 else None)
    mention.attrs.update(anchor="publication", offset={"weeks": wk}, reading="deictic")
    return mention


_HANDLERS = {"ymd": _absolute, "ym": _absolute, "y": _absolute, "md": _partial, "m": _partial, "d": _partial,
             "rel_md": _relative, "part_of_year": _relative, "rel_weekday": _relative}


class _Found:
    """Date mentions found so far and the spans they take (earlier finders
    win overlaps)."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in self.taken)

    def add(self, mention: Mention, s: int, e: int) -> None:
        self.mentions.append(mention)
        self.taken.append((s, e))


def _pattern_dates(ft: str, text: str, lang: str, doc_id: str, ref, found: _Found) -> None:
    """Dates written with a month, day or year (absolute, partial or named
    from the publication), by _patterns in priority order."""
    months = _month_names(lang)
    for pat, how in _patterns(lang):
        for m in re.finditer(pat, ft):
            s, e = m.span()
            if not found.free(s, e):
                continue
            g = m.groupdict()
            mon = None
            if g.get("mon"):
                mon = months.get(g["mon"].rstrip(".").lower())
                if mon is None:
                    continue
            elif g.get("m"):
                mon = _int(g["m"])
            day = None
            if g.get("d"):
                day = 1 if g["d"] == "1er" else _int(g["d"])
            mention = _HANDLERS[how](lang, doc_id, text, s, e, how, g, mon, day, ref)
            if mention is not None:
                found.add(mention, s, e)


def _deictic_dates(ft: str, text: str, lang: str, doc_id: str, found: _Found) -> None:
    """Deictic words: 去年, last week, l'année dernière (valued later, from
    the publication date; see _anchor)."""
    deictic = lexicon.load("dates")["deictic"][lang]
    flags = 0 if lang == "zh" else re.I
    bound_l = "" if lang == "zh" else r"(?<![\w'’])"
    bound_r = "" if lang == "zh" else r"(?![\w])"
    for m in re.finditer(bound_l + "(" + lexicon.alternation(deictic) + ")" + bound_r, ft, flags):
        s, e = m.span(1)
        if not found.free(s, e):
            continue
        unit, amount, gran = deictic[m.group(1)] if m.group(1) in deictic else deictic[m.group(1).lower()]
        direction = "past" if amount < 0 else "future" if amount > 0 else None
        mention = _date_mention(lang, doc_id, text, s, e, "relative", None, gran, direction=direction)
        mention.attrs.update(anchor="publication", offset={unit + "s": amount}, reading="deictic")
        found.add(mention, s, e)


def _marker_after(ft: str, lang: str, e: int, after: dict):
    """The relative marker right after a duration (ago, later, 之后): its
    match, or None (前面, 后来: the marker is part of another word)."""
    sep = "" if lang == "zh" else "[ ]"
    ma = re.match(sep + "(" + lexicon.alternation(after) + ")" + ("" if lang == "zh" else r"(?![\w])"), ft[e:e + 12],
                  0 if lang == "zh" else re.I)
    if ma:
        word = ma.group(1)
        nxt = ft[e + len(word):e + len(word) + 1]
        not_after = lexicon.load("dates")["relative_after_not"].get(lang, {})
        if nxt and nxt in not_after.get(word, ""):
            return None
    return ma


def _duration_dates(ft: str, text: str, lang: str, doc_id: str, durations, found: _Found) -> None:
    """Durations with a relative marker: 一年半之后, a month ago, dans six
    mois (valued later, see _anchor)."""
    dl = lexicon.load("dates")
    before = dl["relative_before"][lang]
    after = dl["relative_after"][lang]
    for d in durations or []:
        if d.type != "duration" or not found.free(d.start, d.end):
            continue
        s, e = d.start, d.end
        direction = anchor = None
        if before:
            mb = re.search(r"(?:^|(?<=[\s(,]))(" + lexicon.alternation(before) + r")[ ]$", ft[max(0, s - 12):s], re.I)
            if mb:
                direction, anchor = before[mb.group(1).lower()]
                s -= len(mb.group(0))
        if direction is None and after:
            ma = _marker_after(ft, lang, e, after)
            if ma:
                word = ma.group(1)
                direction, anchor = after[word.lower() if lang != "zh" else word]
                e += ma.end()
        if direction is None:
            continue
        sign = -1 if direction == "past" else 1
        mention = _date_mention(lang, doc_id, text, s, e, "relative", None, None, direction=direction)
        # the reading is fixed by the words ("in"/"dans"/前 count from the time
        # of writing, "later"/plus tard/之后 from the event told before); the
        # anchor actually used may differ when that one is not known
        mention.attrs.update(anchor="publication" if anchor == "deictic" else "context",
                             offset={d.unit + "s": sign * d.value},
                             reading="deictic" if anchor == "deictic" else "anaphoric")
        mention.attrs["duration"] = {"value": d.value, "unit": d.unit}
        if d.approx:
            mention.approx = d.approx
        found.add(mention, s, e)


def extract_dates(text: str, lang: str, doc_id: str = "", ref_date: Optional[str] = None,
                  durations: Optional[list] = None) -> list[Mention]:
    """Date mentions of ``text``, sorted by start: written dates first, then
    deictic words, then ``durations`` (number mentions of type duration)
    that a marker (ago, later, 之后, dans) makes relative dates; relative
    dates are then valued from their anchor (see _anchor)."""
    if lang not in HANDLED:
        return []
    ft = lexicon.fold(text)
    ref = parse_iso(ref_date)
    found = _Found()
    _pattern_dates(ft, text, lang, doc_id, ref, found)
    _deictic_dates(ft, text, lang, doc_id, found)
    _duration_dates(ft, text, lang, doc_id, durations, found)
    found.mentions.sort(key=lambda m: (m.start, m.end))
    _anchor(found.mentions, ref)
    return found.mentions


def _anchor(mentions: list[Mention], ref: Optional[dt.date]) -> None:
    """Give relative dates their value: deictic ones from the publication date,
    anaphoric ones from the latest firm date before them (see module doc).

    ``attrs`` records how the date was read: ``reading`` (deictic: from the
    time of writing; anaphoric: from a narrated event), ``direction`` (past or
    future, relative to that anchor), ``anchor`` (what the value was actually
    computed from: "publication", "context" or, when neither is known, None)
    and ``anchor_date``.  Two versions that read the same words differently
    ("in a year and a half" / "a year and a half later") therefore never
    normalize to the same thing, even when their computed values coincide."""
    last_firm: Optional[dt.date] = None
    for m in mentions:
        if m.type == "absolute" or (m.type == "partial" and m.value):
            if m.value and m.granularity in ("day", "month"):
                last_firm = parse_iso(m.value)
            continue
        if m.type != "relative" or m.value is not None:
            continue
        off = m.attrs.get("offset", {})
        reading = m.attrs.setdefault("reading", "anaphoric" if m.attrs.get("anchor") == "context" else "deictic")
        if reading == "anaphoric":
            base = last_firm or ref
            m.attrs["anchor"] = "context" if last_firm else "publication" if ref else None
        else:
            base = ref or last_firm
            m.attrs["anchor"] = "publication" if ref else "context" if last_firm else None
        if base is None:
            if m.granularity is None:
                unit = next(iter(off), "days")[:-1]
                m.granularity = _offset_or_none(dt.date(2000, 1, 1), unit, next(iter(off.values()), 0))[1]
            continue
        ((unit_s, amount),) = off.items()
        unit = unit_s[:-1]
        moved, gran = _offset_or_none(base, unit, amount)
        if moved is None:
            continue  # "in 9,000 years": past the calendar (year 9999), no date to give
        if m.granularity is None or (m.granularity == "day" and gran != "day"):
            m.granularity = gran
        m.value = iso(moved, m.granularity)
        m.attrs["anchor_date"] = base.isoformat()
