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
CN_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


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


def _patterns(lang: str) -> list:
    """(regex, handler-name) in priority order; earlier patterns win overlaps."""
    if lang == "zh":
        return [
            (r"(?P<y>" + CN_YEAR + r")[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]", "ymd"),
            (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
            (r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)", "ymd"),
            (r"(?P<rel>前年|去年|今年|明年|后年)[ ]?(?P<m>" + CN_MONTH + r")[ ]?月份?(?:[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号])?", "rel_md"),
            (r"(?P<y>" + CN_YEAR + r")[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月份?", "ym"),
            (r"(?P<y>\d{4})[ ]?年(?!代)(?P<part>初|底|末|中期|中|上半年|下半年)?", "y"),
            (r"(?<![\d一二三四五六七八九十个几数])(?P<m>" + CN_MONTH + r")[ ]?月份?[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]", "md"),
            (r"(?<![\d一二三四五六七八九十个几数第])(?P<m>" + CN_MONTH + r")[ ]?月份?(?![\d])", "m"),
            (r"(?P<rel>上周|上星期|下周|本周)(?P<wd>[一二三四五六日天])", "rel_weekday"),
        ]
    months = _month_names(lang)
    full = lexicon.alternation([k for k in months if len(k) > 4 or lang == "fr" or k in ("may", "june", "july")])
    if lang == "en":
        mon_cap = r"(?P<mon>(?:" + "|".join(
            re.escape(k.capitalize()) for k in sorted(months, key=lambda k: -len(k))) + r")\.?)"
        return [
            (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
            (mon_cap + r"[ ](?P<d>\d{1,2})(?:st|nd|rd|th)?,?[ ](?P<y>\d{4})(?!\d)", "ymd"),
            (r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[ ](?:of[ ])?" + mon_cap + r",?[ ](?P<y>\d{4})(?!\d)", "ymd"),
            (mon_cap + r"(?:[ ]of)?,?[ ](?P<y>\d{4})(?!\d)", "ym"),
            (r"(?:(?<=in )|(?<=since )|(?<=In ))" + mon_cap + r"[ ](?P<rel>last|this|next)[ ]year", "rel_md"),
            (mon_cap + r"[ ](?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d\w])", "md"),
            (r"(?<![\d])(?P<d>\d{1,2})(?:st|nd|rd|th)?[ ](?:of[ ])?" + mon_cap + r"(?![\w])", "md"),
            (r"(?:(?<=in )|(?<=since )|(?<=until )|(?<=by )|(?<=early )|(?<=late )|(?<=mid-)|(?<=of )|(?<=In )|(?<=during ))"
             + r"(?P<mon>(?:" + "|".join(k.capitalize() for k in sorted(months, key=lambda k: -len(k)) if len(k) > 3 or k == "may") + r"))(?![\w])", "m"),
            (r"(?:(?<=on the )|(?<=On the ))(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?![\w])", "d"),
            (r"(?P<part>mid|early|late|end of|the end of|beginning of)[- ](?P<y>(?:19|20)\d\d)(?!\d)", "y"),
            (r"(?<![\w-])(?P<part>mid|early|late)-year(?![\w-])", "part_of_year"),
        ]
    # fr
    mon = r"(?P<mon>" + full + r")"
    return [
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
        (r"(?P<d>1er|\d{1,2})[ ]" + mon + r"[ ](?P<y>\d{4})(?!\d)", "ymd"),
        (mon + r"[ ](?P<y>\d{4})(?!\d)", "ym"),
        (mon + r"[ ](?P<rel>dernier|prochain)(?![\w])", "rel_md"),
        (r"(?<![\d])(?P<d>1er|\d{1,2})[ ]" + mon + r"(?![\w])", "md"),
        (r"(?:(?<=en )|(?<=En )|(?<=depuis )|(?<=d'ici )|(?<=début )|(?<=fin )|(?<=mi-)|(?<=mois d')|(?<=mois de ))" + mon + r"(?![\w])", "m"),
        (r"(?P<part>mi|début|fin|courant)[- ](?P<y>(?:19|20)\d\d)(?!\d)", "y"),
    ]


_PART = {"初": "early", "年初": "early", "底": "end", "末": "end", "中": "mid", "中期": "mid", "上半年": "H1",
         "下半年": "H2", "mid": "mid", "early": "early", "late": "late", "end of": "end", "the end of": "end",
         "beginning of": "early", "mi": "mid", "début": "early", "fin": "end", "courant": "during"}


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


def extract_dates(text: str, lang: str, doc_id: str = "", ref_date: Optional[str] = None,
                  durations: Optional[list] = None) -> list[Mention]:
    """Date mentions of ``text``; ``durations`` (number mentions of type
    duration) become relative dates when a marker (ago, later, 之后, dans)
    surrounds them."""
    if lang not in HANDLED:
        return []
    ft = lexicon.fold(text)
    ref = parse_iso(ref_date)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    months = _month_names(lang)
    dl = lexicon.load("dates")

    for pat, how in _patterns(lang):
        for m in re.finditer(pat, ft):
            s, e = m.span()
            if not free(s, e):
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
            mention = None
            if how == "ymd":
                y = _int(g["y"])
                if not _valid(y, mon, day):
                    continue
                mention = _date_mention(lang, doc_id, text, s, e, "absolute", iso(dt.date(y, mon, day), "day"), "day")
            elif how == "ym":
                y = _int(g["y"])
                if not _valid(y, mon):
                    continue
                mention = _date_mention(lang, doc_id, text, s, e, "absolute", f"{y:04d}-{mon:02d}", "month")
            elif how == "y":
                y = _int(g["y"])
                if not _valid(y):
                    continue
                mention = _date_mention(lang, doc_id, text, s, e, "absolute", f"{y:04d}", "year")
                if g.get("part"):
                    mention.attrs["part"] = _PART.get(g["part"].lower(), g["part"])
            elif how == "md":
                if not (1 <= mon <= 12) or not (1 <= day <= 31):
                    continue
                y = _resolve_md(ref, mon, day)
                value = iso(dt.date(y, mon, day), "day") if y and _valid(y, mon, day) else None
                mention = _date_mention(lang, doc_id, text, s, e, "partial", value, "day")
                mention.attrs["written"] = f"--{mon:02d}-{day:02d}"
            elif how == "m":
                if not (1 <= mon <= 12):
                    continue
                y = _resolve_month(ref, mon)
                mention = _date_mention(lang, doc_id, text, s, e, "partial", f"{y:04d}-{mon:02d}" if y else None, "month")
                mention.attrs["written"] = f"--{mon:02d}"
            elif how == "d":
                if ref is None:
                    continue
                y, mo = (ref.year, ref.month) if day <= ref.day else (add_months(ref.replace(day=1), -1).year, add_months(ref.replace(day=1), -1).month)
                if not _valid(y, mo, day):
                    continue
                mention = _date_mention(lang, doc_id, text, s, e, "partial", iso(dt.date(y, mo, day), "day"), "day")
                mention.attrs["written"] = f"---{day:02d}"
            elif how == "rel_md":
                rel = g["rel"]
                off = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2, "last": -1, "this": 0, "next": 1,
                       "dernier": -1, "prochain": 1}[rel]
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
            elif how == "part_of_year":
                # "mid-year" in a dated article: that part of the publication year
                mention = _date_mention(lang, doc_id, text, s, e, "relative", f"{ref.year:04d}" if ref else None, "year")
                mention.attrs.update(anchor="publication", offset={"years": 0}, part=_PART[g["part"].lower()],
                                     reading="deictic")
            elif how == "rel_weekday":
                wk = {"上周": -1, "上星期": -1, "下周": 1, "本周": 0}[g["rel"]]
                value = None
                if ref:
                    monday = ref - dt.timedelta(days=ref.weekday())
                    value = (monday + dt.timedelta(days=7 * wk + CN_WEEKDAY[g["wd"]])).isoformat()
                mention = _date_mention(lang, doc_id, text, s, e, "relative", value, "day",
                                        direction="past" if wk < 0 else "future" if wk > 0 else None)
                mention.attrs.update(anchor="publication", offset={"weeks": wk}, reading="deictic")
            if mention is not None:
                found.append(mention)
                taken.append((s, e))

    # deictic words: 去年, last week, l'année dernière
    deictic = dl["deictic"][lang]
    flags = 0 if lang == "zh" else re.I
    bound_l = "" if lang == "zh" else r"(?<![\w'’])"
    bound_r = "" if lang == "zh" else r"(?![\w])"
    for m in re.finditer(bound_l + "(" + lexicon.alternation(deictic) + ")" + bound_r, ft, flags):
        s, e = m.span(1)
        if not free(s, e):
            continue
        unit, amount, gran = deictic[m.group(1)] if m.group(1) in deictic else deictic[m.group(1).lower()]
        direction = "past" if amount < 0 else "future" if amount > 0 else None
        mention = _date_mention(lang, doc_id, text, s, e, "relative", None, gran, direction=direction)
        mention.attrs.update(anchor="publication", offset={unit + "s": amount}, reading="deictic")
        found.append(mention)
        taken.append((s, e))

    # durations with a relative marker: 一年半之后, a month ago, dans six mois
    before = dl["relative_before"][lang]
    after = dl["relative_after"][lang]
    for d in durations or []:
        if d.type != "duration" or not free(d.start, d.end):
            continue
        s, e = d.start, d.end
        direction = anchor = None
        if before:
            mb = re.search(r"(?:^|(?<=[\s(,]))(" + lexicon.alternation(before) + r")[ ]$", ft[max(0, s - 12):s], re.I)
            if mb:
                direction, anchor = before[mb.group(1).lower()]
                s -= len(mb.group(0))
        if direction is None and after:
            sep = "" if lang == "zh" else "[ ]"
            ma = re.match(sep + "(" + lexicon.alternation(after) + ")" + ("" if lang == "zh" else r"(?![\w])"), ft[e:e + 12],
                          0 if lang == "zh" else re.I)
            if ma:
                word = ma.group(1)
                nxt = ft[e + len(word):e + len(word) + 1]
                if lang == "zh" and word == "前" and nxt and nxt in "面进往景提":
                    ma = None  # 前面/前进: not "ago"
                elif lang == "zh" and word == "后" and nxt and nxt in "面续来者":
                    ma = None
                if ma:
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
        found.append(mention)
        taken.append((s, e))

    found.sort(key=lambda m: (m.start, m.end))
    _anchor(found, ref)
    return found


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
                m.granularity = _offset(dt.date(2000, 1, 1), unit, next(iter(off.values()), 0))[1]
            continue
        ((unit_s, amount),) = off.items()
        unit = unit_s[:-1]
        moved, gran = _offset(base, unit, amount)
        if m.granularity is None or (m.granularity == "day" and gran != "day"):
            m.granularity = gran
        m.value = iso(moved, m.granularity)
        m.attrs["anchor_date"] = base.isoformat()
