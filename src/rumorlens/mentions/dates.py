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
import functools
import re
import unicodedata
from dataclasses import replace
from typing import Optional

from ..langs import HAN, HANDLED
from ..records import Mention
from . import lexicon
from .numbers import parse_chinese
from .times import find_times, time_mention

CN_MONTH = r"(?:十[一二]|[一二三四五六七八九十]|1[0-2]|0?[1-9])"
CN_DAY = r"(?:三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]|3[01]|[12]\d|0?[1-9])"
CN_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"


def _int(s: str) -> int:
    s = s.strip()
    return int(s) if s.isdigit() else int(parse_chinese(s))


def parse_iso(s: Optional[str]) -> Optional[dt.date]:
    """'2024', '2024-12', '2024-12-23', '2024-W51', '2024-Q3' (or longer ISO
    timestamps, '2016-06-30T09:30') -> a date (the first day of the period);
    None for a time alone ('T14:30'), a day the calendar does not have
    ('2023-02-30') or anything else."""
    if not s:
        return None
    s = s.strip()
    w = re.match(r"(\d{4})-W(\d{2})", s)
    if w:
        try:
            return dt.date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1)
        except ValueError:
            return None
    q = re.match(r"(\d{4})-Q([1-4])", s)
    if q:
        return dt.date(int(q.group(1)), 3 * int(q.group(2)) - 2, 1)
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:  # 2023-02-30, 0000-01-01: no day of the calendar
        return None


def iso(d: dt.date, granularity: str) -> str:
    """``d`` written at ``granularity``: year '2024', quarter '2024-Q3',
    month '2024-07', week '2024-W51' (ISO week), day '2024-07-26'."""
    if granularity == "year":
        return f"{d.year:04d}"
    if granularity == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return d.isoformat()


def period(value: Optional[str]) -> Optional[tuple[dt.date, dt.date]]:
    """The days an ISO value covers, [first, last + 1): '2024' is the year,
    '2024-W51' its week, '2016-06-30T09:30' the day.  None for a time alone."""
    first = parse_iso(value)
    if first is None:
        return None
    v = value.strip()
    if re.fullmatch(r"\d{4}", v):
        return first, dt.date(first.year + 1, 1, 1)
    if re.fullmatch(r"\d{4}-Q[1-4]", v):
        return first, add_months(first, 3)
    if re.fullmatch(r"\d{4}-\d{1,2}", v):
        return first, add_months(first, 1)
    if re.fullmatch(r"\d{4}-W\d{2}", v):
        return first, first + dt.timedelta(days=7)
    return first, first + dt.timedelta(days=1)


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


def _year_part_pattern(lang: str) -> str:
    """An alternation of the year parts of ``lang``, a part that
    dates.json year_parts_not_before lists failing before those characters
    (2024年中国: no mid-2024)."""
    not_before = lexicon.load("dates").get("year_parts_not_before", {}).get(lang, {})
    return "|".join(re.escape(p) + (f"(?![{not_before[p]}])" if p in not_before else "")
                    for p in sorted(_year_parts(lang), key=lambda p: (-len(p), p)))


CN_DAY_WORDS = r"(?:三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
# a day in Chinese numerals with no 日 after it (一月二十三) ends the number
_CN_DAY_END = r"(?![日号\d〇零一二两三四五六七八九十百千万亿点时分秒岁人年天个月周次名位倍])"
# the years digits are read as (dates.json year_digits: 1900-2099)
YEAR_DIGITS = lexicon.load("dates")["year_digits"]
NUMERIC_DATE = (r"(?<![\d/.\-])(?:(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>" + YEAR_DIGITS + r")"
                # a year in two digits: after slashes, or after points between two-digit fields (13.11.15;
                # not a version, 1.2.34)
                r"|(?P<a2>\d{1,2})/(?P<b2>\d{1,2})/(?P<yy>\d{2})|(?P<a3>\d{2})\.(?P<b3>\d{2})\.(?P<yy3>\d{2}))"
                r"(?![\d/\-]|\.\d)")
YMD_SLASH = r"(?<![\d/.])(?P<y>" + YEAR_DIGITS + r")(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/]|\.\d)"


def _words_of(key: str, lang: str, capitalize: bool = False) -> str:
    """An alternation of the words of dates.json ``key`` for ``lang``."""
    words = lexicon.load("dates")[key].get(lang, {})
    return lexicon.alternation(w.capitalize() if capitalize else w for w in words)


def _range_words(lang: str) -> tuple[str, str]:
    """The opening words and joints of a range (dates.json ranges), in any
    letter case (« DU 5 AU 12 MARS 2020 », 'FROM MAY TO JULY')."""
    r = lexicon.load("dates")["ranges"][lang]
    return "(?i:" + lexicon.alternation(r["open"]) + ")", "(?i:" + lexicon.alternation(r["joints"]) + ")"


def _range_patterns(lang: str, mon_names: str) -> list:
    """Ranges of whole months and of years (三月到五月, from Nov to March,
    de mai à octobre 2020, 1995-1997年, from 2014 to 2018): the handler
    is _range_of_periods."""
    open_, joint = _range_words(lang)
    if lang == "zh":
        close = r"(?P<close>" + lexicon.alternation(lexicon.load("dates")["ranges"]["zh"]["close"]) + r")?"
        return [
            (r"(?P<open>" + open_ + r")?(?P<y1>" + CN_YEAR + r")[ ]?年?[ ]?(?P<joint>" + joint + r")[ ]?(?P<y2>" + CN_YEAR
             + r")[ ]?年(?!代)" + close, "range_y"),
            (r"(?P<open>" + open_ + r")?(?:(?P<y>" + CN_YEAR + r")[ ]?年[ ]?)?(?<![\d一二三四五六七八九十])(?P<m1>" + CN_MONTH
             + r")[ ]?月份?[ ]?(?P<joint>" + joint + r")[ ]?(?P<m2>" + CN_MONTH + r")[ ]?月份?(?![\d一二三四五六七八九十])"
             + close, "range_m")]
    return [
        (r"(?<![\w])(?:(?P<open>" + open_ + r")[ ])?(?P<y1>" + YEAR_DIGITS + r")[ ]?(?P<joint>" + joint
         + r")[ ]?(?P<y2>" + YEAR_DIGITS + r")(?![\d\w])", "range_y"),
        (r"(?<![\w])(?:(?P<open>" + open_ + r")[ ])?(?P<mon1>(?:" + mon_names + r")\.?)[ ]?(?P<joint>" + joint
         + r")[ ]?(?P<mon2>(?:" + mon_names + r")\.?)(?:,?[ ](?P<y>\d{4}))?(?![\d\w])", "range_m")]


def _zh_two_digit_years() -> list:
    """Chinese years written by their last two digits (dates.json
    two_digit_year): before a month (98年7月5日, 98年7月), with a leading
    zero (08年, 08年底), after 在 or 自 and before a mark, 以来, 起 or a part
    of the year (在98年，, 自98年以来: _after_preposition); never after a
    Han character outside zh_may_follow (民国38年, 昭和64年: other
    calendars), nor before a character of a length of time (20年间)."""
    t = lexicon.load("dates")["two_digit_year"]
    not_after = r"(?![" + t["zh_not_after"] + r"]|" + lexicon.alternation(t["zh_not_before_words"]) + ")"
    part = r"(?P<part>" + _year_part_pattern("zh") + ")"
    free = r"(?:(?<![" + HAN + r"\d.])|(?<=[" + t["zh_may_follow"] + r"]))"
    then = r"(?:" + part + r"|(?=" + lexicon.alternation(t["zh_preposition_then"]) + "))"
    return [
        (free + r"(?P<yy>\d{2})[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]",
         "ymd"),
        (free + r"(?P<yy>\d{2})[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月份?(?![\d])", "ym"),
        (free + r"(?P<yy>0\d)[ ]?年" + not_after + part + "?", "y"),
        (r"(?<=[" + t["zh_prepositions"] + r"])(?P<yy>\d{2})[ ]?年" + then, "y_after_preposition"),
    ]


def _zh_patterns() -> list:
    dl = lexicon.load("dates")
    rel_year = lexicon.alternation(_year_words("zh"))
    part = _year_part_pattern("zh")
    week = lexicon.alternation(_deictic_of_unit("week"))
    weekday = "".join(dl["weekdays"]["zh"])
    open_, joint = _range_words("zh")
    return [
        _decade_pattern("zh"),
        (r"(?:" + open_ + r")?(?:(?P<y>" + CN_YEAR + r")[ ]?年[ ]?)?(?P<m1>" + CN_MONTH + r")[ ]?月[ ]?(?P<d1>" + CN_DAY
         + r")[ ]?[日号]?[ ]?(?P<joint>" + joint + r")[ ]?(?:(?P<m2>" + CN_MONTH + r")[ ]?月[ ]?)?(?P<d2>" + CN_DAY
         + r")[ ]?[日号]", "range"),
        *_range_patterns("zh", ""),
        *_zh_two_digit_years(),
        (r"(?P<y>" + CN_YEAR + r")[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]", "ymd"),
        (r"(?P<y>" + CN_YEAR + r")[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月[ ]?(?P<d>" + CN_DAY_WORDS + ")" + _CN_DAY_END, "ymd"),
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
        (YMD_SLASH, "ymd"),
        (NUMERIC_DATE, "numeric"),
        (r"(?:(?P<yw>" + rel_year + r")|(?P<y>" + CN_YEAR + r")[ ]?年)[ ]?的?[ ]?(?P<sec>" + _words_of("year_sections", "zh")
         + ")", "section"),
        (r"(?P<rel>" + rel_year + r")[ ]?(?P<m>" + CN_MONTH + r")[ ]?月份?(?:[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号])?", "rel_md"),
        # a day of a month named from the time of writing: 本月5日, 上月12日 (session 58)
        (r"(?P<relm>" + lexicon.alternation(_deictic_of_unit("month")) + r")[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]",
         "rel_mday"),
        (r"(?P<y>" + CN_YEAR + r")[ ]?年[ ]?(?P<m>" + CN_MONTH + r")[ ]?月份?", "ym"),
        (r"(?P<y>" + CN_YEAR + r")[ ]?年(?!代)(?P<part>" + part + ")?", "y"),
        # a part of a year named from the time of writing: 今年上半年, 去年底, 明年年初 (session 59)
        (r"(?P<yw>" + rel_year + r")[ ]?年?(?P<part>" + part + ")", "part_of_year"),
        (r"(?<![\d一二三四五六七八九十个几数])(?P<m>" + CN_MONTH + r")[ ]?月份?[ ]?(?P<d>" + CN_DAY + r")[ ]?[日号]", "md"),
        (r"(?<![\d一二三四五六七八九十个几数第])(?P<m>" + CN_MONTH + r")[ ]?月[ ]?(?P<d>" + CN_DAY_WORDS + ")" + _CN_DAY_END,
         "md"),
        (r"(?<![\d一二三四五六七八九十个几数第])(?P<m>" + CN_MONTH + r")[ ]?月份?(?![\d])", "m"),
        (r"(?P<rel>" + week + r")(?P<wd>[" + weekday + r"])(?![" + dl["weekday_alone"]["zh_not_after"] + "])",
         "rel_weekday"),
        (r"(?:" + lexicon.alternation(dl["weekday_alone"]["zh_prefixes"]) + r")(?P<wd>[" + weekday + r"])(?!["
         + dl["weekday_alone"]["zh_not_after"] + "])", "weekday_alone"),
        (r"(?<![\d〇零一二两三四五六七八九十月年])(?<!" + r")(?<!".join(dl["day_alone"]["zh"]["not_before"]) + r")(?P<d>"
         + CN_DAY + r")[ ]?日(?![" + dl["day_alone"]["zh"]["not_after"] + r"])", "d"),
    ]


def _alternation_of(forms) -> str:
    """An alternation of the literal ``forms`` (regex fragments already),
    longest first, so that 'Sept' is tried before 'Sep'."""
    return "|".join(sorted(set(forms), key=lambda f: (-len(f), f)))


def _en_month_forms(mode: str = "day") -> str:
    """The English month names as a regex alternation, in the cases they are
    written in (dates.json month_case).  Capitalized always, and lower and
    upper case full names ('april 5' in a transcript, 'DECEMBER 5, 2019'),
    but the names that are also common words (may, march, august: 'THE
    SOLDIERS MARCH 15 MILES', 'theresa may 2017') only where the pattern
    around them says a date, and abbreviations in lower case only with
    their period ('dec.'), in upper case only before a year ('APR 24.9%' is
    a rate, 'NOV 15.42' a price).  ``mode``:

    - "day": a day or nothing else follows;
    - "year": a year follows ('DEC 2019'); may, march, august after a
      word that places a time (month_case ambiguous_after: 'in may 2023')
      or opening the text;
    - "day_year": a day and a year around it ('5 may 2024', 'MARCH 4,
      2024'): every form but lower-case abbreviations without a period;
    - "range": an end of a range ('from march to june 2020', '5-8 march'):
      may, march, august in any case;
    - "alone": nothing follows (no three-letter abbreviation: 'in Jan' is
      read, 'in jan' not);
    - "between": between a day and a year and their hyphens or slashes
      ('2019-aug-01'): every form."""
    case = lexicon.load("dates")["month_case"]["en"]
    abbreviations, ambiguous = set(case["lowercase_abbreviations"]), set(case["lowercase_before_year_only"])
    forms, placed = [], []
    for k in _month_names("en"):
        if mode == "alone" and len(k) <= 3 and k != "may":
            continue
        forms.append(re.escape(k.capitalize()))
        if k in abbreviations:
            forms += [re.escape(k) + ("" if mode == "between" else r"\.")]
            forms += [re.escape(k.upper())] if mode != "day" and mode != "alone" else []
        elif k not in ambiguous or mode in ("day_year", "range", "between"):
            forms += [re.escape(k.upper()), re.escape(k)]
        elif mode == "year":
            placed += [re.escape(k.upper()), re.escape(k)]
    out = _alternation_of(forms)
    if placed:  # or the start of the text (a heading: 'AUGUST 2020')
        out += r"|(?:" + _after_placing_word() + r"|^)(?:" + _alternation_of(placed) + ")"
    return out


def _after_words(words, any_case: bool) -> str:
    """Lookbehinds joined by |: right after one of ``words`` as a whole word,
    and a blank unless it ends in a hyphen or an apostrophe ('mid-may',
    « d'ici »); in any letter case, or (``any_case`` false) as listed,
    capitalized or in upper case."""
    def forms(w: str):
        return ["(?i:" + re.escape(w) + ")"] if any_case else \
            [re.escape(f) for f in dict.fromkeys((w, w.capitalize(), w.upper()))]
    return "|".join(r"(?<=\b" + f + ("" if w[-1] in "-'’" else " ") + ")" for w in words for f in forms(w))


def _month_alone_after(lang: str) -> str:
    """Lookbehinds: right after a word that makes a month name alone a date
    (dates.json month_alone_after: 'in March', « depuis janvier »), in any
    letter case (« Depuis Janvier, … » opening a sentence), as a whole word."""
    return "(?:" + _after_words(lexicon.load("dates")["month_alone_after"][lang], True) + ")"


def _after_placing_word() -> str:
    """Lookbehinds: right after an English word that places a time (dates.json
    month_case ambiguous_after), as a whole word ('the may 2023 vote', not
    'bathe may'; 'mid-may 2023' has no space), in lower, capitalized or
    upper case."""
    return _after_words(lexicon.load("dates")["month_case"]["en"]["ambiguous_after"], False)


def _en_weekday_forms(upper: bool = False) -> str:
    """The English weekday names capitalized and in lower case (full names
    only in dates.json: none is another English word), and in upper case
    when ``upper`` (beside a date or a year word: a headline's weekday
    alone is more often a title's, 'FRIDAY NIGHT LIGHTS')."""
    cases = (str.lower, str.capitalize, str.upper) if upper else (str.lower, str.capitalize)
    return _alternation_of(re.escape(f(w)) for w in _weekday_names("en") for f in cases)


def _year_then_label(lang: str) -> tuple[str, str]:
    """A year written before a quarter's label, the way round of financial
    tables and headlines ('2019 Q3', '2019-Q1'; 'Q3 2019' is the section
    pattern's): the labels are the one-word year_sections of dates.json.
    Before (session 60) the year alone was read, a false granularity change
    against 2019年第三季度.  Not before a joint and another label ('2019
    Q3 and Q4', '2019 Q1-Q3': the year of several quarters, left to the
    year), and not in French, where « 2025 T2 » is also a flat's size."""
    dl = lexicon.load("dates")
    labels = lexicon.alternation(w for w in dl["year_sections"][lang] if " " not in w)
    joints = lexicon.alternation(list(dl["ranges"][lang]["joints"]) + list(dl["day_joints"][lang]) + [",", "/"])
    return (r"(?<![\w])(?P<y>\d{4})[- ]?(?P<sec>" + labels + r")(?![\w])(?![ ]?(?i:" + joints + r")[ ]?(?:"
            + labels + r"))", "section")


def _hyphenated_dates(month_forms: str) -> list:
    """A day, a month name and a year joined by hyphens or slashes, either
    way round ('05-Aug-2016', '2016-Aug-05', '22/Jan/2019', « 5-août-2016 »:
    a filing's or a log's dates, session 60; before, the day was read as a
    count and the rest as nothing).  ``month_forms``: the month names' regex
    alternation, lower-case abbreviations included ('2019-aug-01').  Four-digit years only: '16-Aug-05' does not say
    which end is the year."""
    mon = r"(?P<mon>" + month_forms + r")"
    # the same separator twice: '22/Jan/2019', '2019/aug/01'
    return [(r"(?<![\w/-])(?P<d>\d{1,2})(?P<sep>[-/])" + mon + r"(?P=sep)(?P<y>\d{4})(?![\w/-])", "ymd"),
            (r"(?<![\w/-])(?P<y>\d{4})(?P<sep>[-/])" + mon + r"(?P=sep)(?P<d>\d{1,2})(?![\w/-])", "ymd")]


def _en_patterns() -> list:
    mon_names = _en_month_forms()
    mon_cap = r"(?P<mon>(?:" + mon_names + r")\.?)"
    # a year follows: may, march, august in lower case too ('in may 2023')
    mon_year = r"(?P<mon>(?:" + _en_month_forms("year") + r")\.?)"
    mon_dy = r"(?P<mon>(?:" + _en_month_forms("day_year") + r")\.?)"  # '5 may 2024'
    mon_range = _en_month_forms("range")
    ord_ = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"  # 'MARCH 2ND, 2019'
    # a day is not the end of a figure: '2020 JUNE 2021' is no 20 June, 'APR 24.9%' no 24 April
    not_in_figure = r"(?<![\d.,])"
    rel_year = lexicon.alternation(_year_words("en"))
    part = lexicon.alternation(_year_parts("en"))
    alone = lexicon.alternation(lexicon.load("dates")["year_parts_alone"]["en"])
    open_, joint = _range_words("en")
    day = r"\d{1,2})" + ord_
    wd = r"(?:(?:" + _en_weekday_forms(upper=True) + r"),?[ ])?"  # from Monday, March 4 to Friday, March 8
    wd1 = r"(?:(?P<wd1>" + _en_weekday_forms(upper=True) + r"),?[ ])?"  # its day names the year (_resolve_md)
    return [
        (r"(?<![\w])(?:(?P<open>" + open_ + r")[ ])?" + wd1 + r"(?P<mon1>(?:" + mon_range + r")\.?)[ ](?P<d1>" + day
         + r",?[ ]?(?P<joint>" + joint + r")[ ]?" + wd + r"(?:(?P<mon2>(?:" + mon_range + r")\.?)[ ])?(?P<d2>" + day
         + r"(?:,?[ ](?P<y>\d{4}))?(?![\d\w])", "range"),
        (r"(?<![\w])(?:(?P<open>" + open_ + r")[ ](?:the[ ])?)?" + wd1 + not_in_figure + r"(?P<d1>" + day
         + r"(?:[ ](?:of[ ])?(?P<mon1>(?:" + mon_range + r")\.?))?[ ]?(?P<joint>" + joint + r")[ ]?(?:the[ ])?" + wd
         + r"(?P<d2>" + day
         + r"[ ](?:of[ ])?(?P<mon2>(?:" + mon_range + r")\.?)(?:,?[ ](?P<y>\d{4}))?(?![\d\w])", "range"),
        *_range_patterns("en", mon_range),
        _decade_pattern("en"),
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
        (YMD_SLASH, "ymd"),
        (NUMERIC_DATE, "numeric"),
        *_hyphenated_dates(_en_month_forms("between")),
        # the comma before the year may stand apart from the day in tokenized text ('Dec. 31 , 1994',
        # Recognizers-Text's English date spec)
        (mon_dy + r"[ ](?P<d>\d{1,2})" + ord_ + r"(?:[ ]?,)?[ ](?P<y>\d{4})(?!\d)", "ymd"),
        (not_in_figure + r"(?P<d>\d{1,2})" + ord_ + r"[ ](?:of[ ])?" + mon_dy + r"(?:[ ]?,)?[ ](?P<y>\d{4})(?!\d)",
         "ymd"),
        (r"(?<![\w])(?:the[ ])?(?P<sec>" + _words_of("year_sections", "en") + r")[ ](?:of[ ])?(?:(?P<yw>"
         + lexicon.alternation(_deictic_years("en")) + r")|(?P<y>\d{4}))(?![\w])", "section"),
        _year_then_label("en"),
        (mon_year + r"(?:[ ]of)?,?[ ](?P<y>\d{4})(?!\d)", "ym"),
        # a year by its last two digits after an apostrophe: 'July \u201998', 'the class of \u201968'
        (mon_year + r",?[ ]['\u2019](?P<yy>\d{2})(?![\w'\u2019-])", "ym"),
        (r"(?:" + _after_placing_word() + r")['\u2019](?P<yy>\d{2})(?![\w'\u2019-])", "apostrophe_year"),
        (r"(?:(?<=in )|(?<=since )|(?<=In ))" + mon_cap + r"[ ](?P<rel>" + rel_year + r")[ ]year", "rel_md"),
        # January 1 next year, 1 January of last year: the day goes with the year word
        (mon_cap + r"[ ](?P<d>\d{1,2})" + ord_ + r",?[ ](?:of[ ])?(?P<rel>" + rel_year + r")[ ]year(?![\w])", "rel_md"),
        (not_in_figure + r"(?P<d>\d{1,2})" + ord_ + r"[ ](?:of[ ])?" + mon_cap + r",?[ ](?:of[ ])?(?P<rel>" + rel_year
         + r")[ ]year(?![\w])", "rel_md"),
        (r"(?<![\w])(?P<mod>(?i:" + rel_year + r"))[ ](?P<wd>" + _en_weekday_forms(upper=True) + r")(?![\w])",
         "weekday"),
        # last December, next March: the nearest such month before/after the publication (as mars dernier)
        (r"(?<![\w])(?P<rel>(?i:" + rel_year + r"))[ ](?P<near>)" + mon_cap + r"(?![\w])", "rel_md"),
        (mon_cap + r"[ ](?P<d>\d{1,2})" + ord_ + r"(?![\d\w]|[.,]\d)", "md"),
        (not_in_figure + r"(?P<d>\d{1,2})" + ord_ + r"[ ](?:of[ ])?" + mon_cap + r"(?![\w])", "md"),
        (_month_alone_after("en") + r"(?P<mon>(?:" + _en_month_forms("alone") + r"))(?![\w])", "m"),
        (r"(?:(?<=on the )|(?<=On the ))(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?![\w])", "d"),
        (r"(?<![\w])(?P<part>(?i:" + part + r"))[- ](?P<y>" + YEAR_DIGITS + r")(?!\d)", "y"),
        # late last year, the first half of this year, early next year (session 59)
        (r"(?<![\w])(?P<part>(?i:" + part + r"))[- ](?P<yw>(?i:" + lexicon.alternation(_deictic_years("en"))
         + r"))(?![\w])", "part_of_year"),
        (r"(?<![\w-])(?P<part>(?i:" + alone + r"))-year(?![\w-])", "part_of_year"),
        # not a web address's first word ('monday.com')
        (r"(?<![\w])(?P<wd>" + _en_weekday_forms() + r")(?![\w]|\.\w)", "weekday_alone"),
    ]


def _fr_month_forms(after_day: bool = False) -> str:
    """The French month names as a regex alternation: lower case, upper case
    (« 5 MARS 2020 ») and capitalized (« Janvier 2020 » opening a sentence),
    but « Mars » and « MARS » only when ``after_day`` (the pattern has a day
    before the month, or is a range of months: « Mars 2020 », « OBJECTIF
    MARS 2030 » are space missions; dates.json month_case)."""
    day_only = set(lexicon.load("dates")["month_case"]["fr"]["capitalized_after_day_only"])
    forms = []
    for k in _month_names("fr"):
        forms.append(re.escape(k))
        if after_day or k not in day_only:
            forms += [re.escape(k.capitalize()), re.escape(k.upper())]
    return _alternation_of(forms)


def _fr_patterns() -> list:
    mon_words = _fr_month_forms()
    mon = r"(?P<mon>" + mon_words + r")"
    day_words = _fr_month_forms(after_day=True)  # a day comes first: « le 5 Mars 2020 »
    mon_after_day = r"(?P<mon>" + day_words + r")"
    rel_year = lexicon.alternation(_year_words("fr"))
    part = lexicon.alternation(_year_parts("fr"))
    open_, joint = _range_words("fr")
    wd = r"(?:(?i:" + _words_of("weekdays", "fr") + r")[ ])?"  # du lundi 4 au vendredi 8 mars (session 59)
    wd1 = r"(?:(?P<wd1>(?i:" + _words_of("weekdays", "fr") + r"))[ ])?"
    return [
        (r"(?<![\w])(?:(?P<open>" + open_ + r")[ ])?(?:le[ ])?" + wd1 + r"(?P<d1>1er|\d{1,2})(?:[ ](?P<mon1>"
         + day_words + r"))?[ ]?(?P<joint>" + joint + r")[ ]?(?:le[ ])?" + wd + r"(?P<d2>1er|\d{1,2})[ ](?P<mon2>"
         + day_words + r")(?:[ ](?P<y>\d{4}))?(?![\d\w])", "range"),
        *_range_patterns("fr", day_words),  # « Entre Mars et Juin 2020 »: a range of months
        _decade_pattern("fr"),
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "ymd"),
        (YMD_SLASH, "ymd"),
        (NUMERIC_DATE, "numeric"),
        *_hyphenated_dates(day_words),
        (r"(?<![\d.,])(?P<d>1er|\d{1,2})[ ]" + mon_after_day + r"[ ](?P<y>\d{4})(?!\d)", "ymd"),
        (r"(?<![\w])(?:(?:le|au|du)[ ])?(?P<sec>" + _words_of("year_sections", "fr") + r")[ ](?:(?:de|d'|d’)[ ]?)?(?:(?P<yw>"
         + lexicon.alternation(_deictic_years("fr")) + r")|(?P<y>\d{4}))(?![\w])", "section"),
        (mon + r"[ ](?P<y>\d{4})(?!\d)", "ym"),
        # le 1er janvier de l'année prochaine, janvier de l'an dernier: the year is named, not the nearest month
        (r"(?:(?<![\d])(?P<d>1er|\d{1,2})[ ])?" + mon + r"[ ](?:de[ ]l['’][ ]?(?:année|an)[ ](?P<rel>" + rel_year
         + r"))(?P<yr>)(?![\w])", "rel_md"),
        # le 5 août dernier: the day goes with the month
        (r"(?:(?<![\d])(?P<d>1er|\d{1,2})[ ])?" + mon + r"[ ](?P<rel>(?i:" + rel_year + r"))(?![\w])", "rel_md"),
        (r"(?<![\w])(?P<wd>" + _words_of("weekdays", "fr") + r")[ ](?P<mod>" + rel_year + r")(?![\w])", "weekday"),
        (r"(?<![\d.,])(?P<d>1er|\d{1,2})[ ]" + mon_after_day + r"(?![\w])", "md"),
        (_month_alone_after("fr") + mon + r"(?![\w])", "m"),
        (r"(?<![\w])(?P<part>(?i:" + part + r"))[- ](?P<y>" + YEAR_DIGITS + r")(?!\d)", "y"),
        # fin de l'année dernière, au premier semestre de cette année, début de l'an prochain (session 59)
        (r"(?<![\w])(?P<part>(?i:" + part + r"))[ ](?:(?:de[ ]|d['’]))?(?P<yw>(?i:"
         + lexicon.alternation(_deictic_years("fr")) + r"))(?![\w])", "part_of_year"),
        (r"(?<![\w])(?P<wd>(?i:" + _words_of("weekdays", "fr") + r"))(?![\w])", "weekday_alone"),
    ]


def _decade_pattern(lang: str) -> tuple[str, str]:
    """A decade ('the 1990s', 'the late '80s', 'the nineties', « les années
    1990 », « fin des années 80 », 九十年代, 上世纪九十年代末): its digits
    (``dec``, a year or two digits ending in 0, or a Chinese numeral) or its
    word (``decw``), a part of it and, in Chinese, a century before it.
    The words come from dates.json (decade_*)."""
    dl = lexicon.load("dates")
    parts = lexicon.alternation(dl["decade_parts"][lang])
    if lang == "zh":
        cent = lexicon.alternation(dl["decade_centuries"]["zh"])
        # not 五六十年代 (the fifties and sixties): a pair of decades is left unread
        return (r"(?P<cent>" + cent + r")?(?<![一二三四五六七八九\d])(?P<dec>\d{4}|[1-9]0|[二三四五六七八九]十)[ ]?年代"
                r"(?P<part>" + parts + r")?", "decade")
    words = lexicon.alternation(dl["decade_words"][lang])
    if lang == "en":
        # two digits only after 'the' or an apostrophe: 'in their 90s' is an age
        return (r"(?<![\w'’])(?:(?:the|The)[ ](?:(?P<part>" + parts + r")[- ])?(?P<decw>" + words + r")"
                r"|(?:(?:the|The)[ ])?(?:(?P<part2>" + parts + r")[- ])?(?P<dec>\d{4}|['’]\d0)['’]?s"
                r"|(?:the|The)[ ](?:(?P<part3>" + parts + r")[- ])?(?P<dec2>\d0)['’]?s)(?![\w])", "decade")
    return (r"(?<![\w])(?:(?P<part>" + parts + r")[ ])?années[ ](?:(?P<decw>" + words + r")|(?P<dec>\d{4}|['’]?\d0))"
            r"(?![\w-])", "decade")


def _deictic_years(lang: str) -> dict:
    """Deictic words of unit year and their offsets (last year: -1, l'an dernier: -1)."""
    return {w: a for w, (u, a, _) in lexicon.load("dates")["deictic"][lang].items() if u == "year"}


@functools.lru_cache(maxsize=None)
def _patterns(lang: str) -> list[tuple[re.Pattern, str]]:
    """(compiled regex, handler-name) in priority order; earlier patterns
    win overlaps.  The words in them (months, year words, parts of a year,
    weekdays) come from models/lexicons/dates.json.  Built once per
    language: rebuilding them for every paragraph was a fifth of the
    mentions stage on a corpus of small files (issue 10)."""
    found = _zh_patterns() if lang == "zh" else _en_patterns() if lang == "en" else _fr_patterns()
    return [(re.compile(pat), how) for pat, how in found]


def _resolve_month(ref: Optional[dt.date], month: int) -> Optional[int]:
    """Year of a month named without one: the publication year, unless that
    would put it well after the publication (then the year before)."""
    if ref is None:
        return None
    return ref.year - 1 if month > ref.month + 2 else ref.year


def _resolve_md(ref: Optional[dt.date], month: int, day: int, weekday: Optional[int] = None) -> Optional[int]:
    """The year of a day written without one: the publication's, or the
    year before for a day more than two months after it.  ``weekday``
    (Monday = 0), when the text names the day of the week ('Monday, Sept.
    1', 6月23日（周一）): the nearest year, one either side, in which the
    day falls on it (session 59; 'Monday, Sept. 1' was placed in a year
    where 1 September is a Sunday)."""
    if ref is None:
        return None
    try:
        cand = dt.date(ref.year, month, day)
    except ValueError:
        return None
    year = ref.year - 1 if cand > ref + dt.timedelta(days=62) else ref.year
    if weekday is None or not _valid(year, month, day) or dt.date(year, month, day).weekday() == weekday:
        return year
    fits = [y for y in (ref.year - 1, ref.year, ref.year + 1) if _valid(y, month, day)
            and dt.date(y, month, day).weekday() == weekday]
    return min(fits, key=lambda y: abs((dt.date(y, month, day) - ref).days)) if fits else year


def _weekday_around(ft: str, s: int, e: int, lang: str) -> Optional[int]:
    """The day of the week a text names right before a date ('Monday, Sept.
    1', « lundi 4 mars ») or, in Chinese, right after it (6月23日（周一）),
    Monday = 0; None without one."""
    names = _weekday_names(lang)
    if lang == "zh":
        prefixes = lexicon.alternation(lexicon.load("dates")["weekday_alone"]["zh_prefixes"])
        m = re.match(r"[（(]?(?:" + prefixes + r")([" + "".join(names) + r"])", ft[e:e + 5])
        return names[m.group(1)] if m else None
    m = re.search(r"(?i:(" + lexicon.alternation(names) + r"))\.?,?[ ](?:(?:the|le)[ ])?$", ft[max(0, s - 16):s])
    return names.get(m.group(1).lower()) if m else None


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
    if unit == "quarter":
        return add_months(ref, 3 * round(amount)), "quarter"
    if unit == "week":
        return ref + dt.timedelta(days=round(7 * amount)), "day"
    if unit == "day":
        return ref + dt.timedelta(days=round(amount)), "day"
    return ref, "day"


def _absolute(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """ymd, ym, y: a date with its year written (and a part of the year),
    in full or by its last two digits (``yy``: 98年7月, 'July \u201998')."""
    y = _int(g["y"]) if g.get("y") else _two_digit_year(g["yy"], ref)
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
    part = g.get("part")
    if part and _part_opens_word(text, e, part, lang):
        e, part = e - len(part), None  # 2024年中国: the year, and China
    mention = _date_mention(lang, doc_id, text, s, e, "absolute", f"{y:04d}", "year")
    if part:
        mention.attrs["part"] = _year_parts(lang).get(part.lower(), part)
    return mention


def _two_digit_year(digits: str, ref) -> int:
    """The year whose last two digits are ``digits``: 2000-2035 for 00-35
    (dates.json two_digit_year last_of_2000s), else the 1900s: 98 -> 1998,
    08 -> 2008.  Not from the publication date (``ref``, unused): check-pairs
    pins every text to 2000-12-31, which would make 15年 1915."""
    yy = int(digits)
    return 2000 + yy if yy <= lexicon.load("dates")["two_digit_year"]["last_of_2000s"] else 1900 + yy


def _after_preposition(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """在98年，, 在08年底, 自98年以来: a two-digit year after a preposition,
    when that character is no end of a CC-CEDICT word (存在20年。 'has
    existed for 20 years', 来自): the preposition is then another word's."""
    from ..lexicons.dictionaries import zh_known

    if s >= 2 and zh_known(text[s - 2:s]):
        return None
    return _absolute(lang, doc_id, text, s, e, "y", g, mon, day, ref)


def _apostrophe_year(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """'in \u201998', 'since \u201908', 'the class of \u201968': a year by its last two
    digits after an apostrophe, unless the apostrophe opens a quotation or a
    title that closes further on ('the \u201960 Minutes\u2019 team', '\u201912 Years
    a Slave\u2019') or a unit word follows ('in \u201920 minutes': a typo's quote)."""
    rest = text[e:e + 60]
    if re.match(r"[ ]?(?:[^\W\d_]+[ ]){0,5}[^\W\d_]+['\u2019](?!\w)", rest):
        return None
    nxt = re.match(r"[ ]([^\W\d_]+)", rest)
    if nxt and nxt.group(1).lower() in {k.lower() for k in lexicon.load("units")["suffix"].get(lang, {})}:
        return None
    return _absolute(lang, doc_id, text, s, e, "y", g, mon, day, ref)


def _part_opens_word(text: str, e: int, part: str, lang: str) -> bool:
    """Is the Chinese year part ending at ``e`` the start of a CC-CEDICT
    word (中秋, 中考, 中标, 底特律, 底薪, 初赛, 初三, 末班车)?  Then it is no
    part of the year (a break test of session 59; dates.json
    year_parts_not_before lists the commonest, for when CC-CEDICT is not
    installed)."""
    if lang != "zh":
        return False
    from ..lexicons.dictionaries import zh_word_from

    return zh_word_from(part + text[e:e + 2], 0, len(part) + 1, len(part) + 2)


def _part_year_offset(lang: str, word: Optional[str]) -> int:
    """The offset in years of the year word before or after a year part
    (去年: -1, 'this year': 0); 0 without one ('mid-year')."""
    if not word:
        return 0
    words = _year_words("zh") if lang == "zh" else _deictic_years(lang)
    return words.get(word, words.get(word.lower(), 0))


def _partial(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """md, m, d: a date without its year (or month), placed near the
    publication date; ``attrs.written`` keeps what the text says."""
    if how == "md":
        if not (1 <= mon <= 12) or not (1 <= day <= 31):
            return None
        y = _resolve_md(ref, mon, day, _weekday_around(text, s, e, lang))
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
        off = _year_words(lang).get(g["rel"], _year_words(lang).get(g["rel"].lower()))
        if (lang == "fr" and "yr" not in g or "near" in g) and ref is not None:
            # "en mars dernier", "last March": the latest March before the publication
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
    if how == "rel_mday":
        off = _deictic_of_unit("month")[g["relm"]]
        month = add_months(ref.replace(day=1), off) if ref else None
        value = iso(month.replace(day=day), "day") if month and _valid(month.year, month.month, day) else None
        mention = _date_mention(lang, doc_id, text, s, e, "relative", value, "day",
                                direction="past" if off < 0 else "future" if off > 0 else None)
        mention.attrs.update(anchor="publication", offset={"months": off}, reading="deictic")
        return mention
    if how == "part_of_year":
        # "mid-year", "late last year", 今年上半年 in a dated article: that part of the year named
        if _part_opens_word(text, e, g["part"], lang):
            return None  # 今年中秋: the year word alone (the deictic words), and the festival
        off = _part_year_offset(lang, g.get("yw"))
        mention = _date_mention(lang, doc_id, text, s, e, "relative", f"{ref.year + off:04d}" if ref else None, "year",
                                direction="past" if off < 0 else "future" if off > 0 else None)
        part = _year_parts(lang)
        mention.attrs.update(anchor="publication", offset={"years": off},
                             part=part.get(g["part"], part.get(g["part"].lower())), reading="deictic")
        return mention
    wk = _deictic_of_unit("week")[g["rel"]]
    value = None
    if ref:
        monday = ref - dt.timedelta(days=ref.weekday())
        value = (monday + dt.timedelta(days=7 * wk + lexicon.load("dates")["weekdays"]["zh"][g["wd"]])).isoformat()
    mention = _date_mention(lang, doc_id, text, s, e, "relative", value, "day",
                            direction="past" if wk < 0 else "future" if wk > 0 else None)
    mention.attrs.update(anchor="publication", offset={"weeks": wk}, reading="deictic",
                         weekday={"day": lexicon.load("dates")["weekdays"]["zh"][g["wd"]], "which": wk})
    return mention


def _numeric(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """21/11/2019, 01.07.2021, 11/21/2019: French reads the day first; English
    (and Chinese) the month first.  When only one reading is a date, it is the
    date; when both are and they differ, French keeps its day-first reading and
    the others are ``ambiguous`` with the day-first reading in ``alt_values``
    (both in ``attrs.readings``)."""
    if g.get("y"):
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    else:
        # points between two-digit fields date a French text only (13.11.15); elsewhere, and
        # after a version word (« version 12.10.15 »), they number a version
        if g.get("a3") and (lang != "fr" or _version_before(text, s)):
            return None
        a, b = (int(g["a2"]), int(g["b2"])) if g.get("a2") else (int(g["a3"]), int(g["b3"]))
        y = _full_year(int(g.get("yy") or g["yy3"]), ref)
    day_first = iso(dt.date(y, b, a), "day") if _valid(y, b, a) else None
    month_first = iso(dt.date(y, a, b), "day") if _valid(y, a, b) else None
    if not (day_first or month_first):
        return None
    preferred, other = (day_first, month_first) if lang == "fr" else (month_first, day_first)
    mention = _date_mention(lang, doc_id, text, s, e, "absolute", preferred or other, "day")
    if preferred and other and preferred != other and lang != "fr":
        mention.ambiguous = True
        mention.alt_values = [other]
        mention.attrs["readings"] = {"month_first": month_first, "day_first": day_first}
    return mention


def _version_before(text: str, start: int) -> bool:
    """Does a word that makes the figures after it a version or a product
    number (numbers.json ``name_before_digits``: version, Windows, iOS…)
    stand right before ``start``?"""
    before = re.search(r"([^\W\d_][\w.+-]*)[ ]?$", text[max(0, start - 24):start])
    return before is not None and before.group(1) in lexicon.load("numbers").get("name_before_digits", ())


def _full_year(yy: int, ref: Optional[dt.date]) -> int:
    """A year written in two digits (3/4/21, 12/31/99): the year of that
    century nearest the time of writing, no more than 20 years after it
    (the usual pivot of two-digit years; 2024 without a publication date)."""
    now = ref.year if ref else 2024
    year = now - now % 100 + yy
    return year - 100 if year > now + 20 else year


def _section(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """A month or quarter named within a year (去年最后一个月 = 2022-12 in
    2023, the third quarter of 2023 = 2023-Q3): absolute when the year is
    written, relative (from the publication year) when a year word names it."""
    unit, index = lexicon.load("dates")["year_sections"][lang][g["sec"]]
    off = None
    if g.get("y"):
        y = _int(g["y"])
    else:
        word = g["yw"]
        off = _deictic_years(lang).get(word, _deictic_years(lang).get(word.lower()))
        y = ref.year + off if ref else None
    first = dt.date(y, index if unit == "month" else 3 * index - 2, 1) if y and _valid(y) else None
    value = iso(first, unit) if first else None
    if off is None:
        return _date_mention(lang, doc_id, text, s, e, "absolute", value, unit) if value else None
    mention = _date_mention(lang, doc_id, text, s, e, "relative", value, unit,
                            direction="past" if off < 0 else "future" if off > 0 else None)
    mention.attrs.update(anchor="publication" if ref else None, offset={"years": off}, reading="deictic",
                         section={unit: index})
    return mention


def _weekday(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """last Friday, vendredi dernier, next Monday: the latest such day before
    the publication date, the first after it, or (this) the one of its week."""
    wd = _weekday_names(lang)[g["wd"].lower()]
    mod = _year_words(lang)[g["mod"].lower()]
    value = None
    if ref:
        if mod < 0:
            d = ref - dt.timedelta(days=(ref.weekday() - wd) % 7 or 7)
        elif mod > 0:
            d = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
        else:
            d = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=wd)
        value = d.isoformat()
    mention = _date_mention(lang, doc_id, text, s, e, "relative", value, "day",
                            direction="past" if mod < 0 else "future" if mod > 0 else None)
    mention.attrs.update(anchor="publication" if ref else None, reading="deictic", weekday={"day": wd, "which": mod})
    return mention


def _weekday_alone(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Mention:
    """'on Thursday', « jeudi », 周二: a day of the week without the week
    (type 'weekday', no value; ``attrs['weekday']['day']``, Monday = 0).
    Which week is not said, so no day is worked out from the publication
    date; two versions naming different days still disagree."""
    mention = _date_mention(lang, doc_id, text, s, e, "weekday", None, "day")
    mention.attrs["weekday"] = {"day": _weekday_names(lang)[g["wd"].lower()]}
    return mention


def _weekday_names(lang: str) -> dict:
    return lexicon.load("dates")["weekdays"].get(lang, {})


def _range(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """du 1er au 15 août, from August 1 to 15, 1月10日至12日: one mention of
    type range, value 'start/end' (ISO days), the ends in ``attrs``; 'and'
    joins the ends only after 'between' (entre ... et)."""
    if not _range_joint_ok(g, lang):
        return None
    months = _month_names(lang)
    m1 = g.get("m1") and _int(g["m1"]) or months.get((g.get("mon1") or "").rstrip(".").lower())
    m2 = g.get("m2") and _int(g["m2"]) or months.get((g.get("mon2") or "").rstrip(".").lower())
    m1, m2 = m1 or m2, m2 or m1
    d1, d2 = (1 if x == "1er" else _int(x) for x in (g["d1"], g["d2"]))
    if not (m1 and 1 <= d1 <= 31 and 1 <= d2 <= 31) or (m1, d1) == (m2, d2):
        return None
    y1 = _int(g["y"]) if g.get("y") else _resolve_md(ref, m1, d1, _weekday_names(lang).get((g.get("wd1") or "").lower()))
    y2 = y1 + 1 if y1 and (m2, d2) < (m1, d1) else y1  # 28 décembre au 3 janvier
    value = None
    if y1 and _valid(y1, m1, d1) and _valid(y2, m2, d2):
        value = f"{iso(dt.date(y1, m1, d1), 'day')}/{iso(dt.date(y2, m2, d2), 'day')}"
    mention = _date_mention(lang, doc_id, text, s, e, "range", value, "day")
    if not g.get("y"):
        mention.attrs["written"] = f"--{m1:02d}-{d1:02d}/--{m2:02d}-{d2:02d}"
        if value:
            mention.attrs["anchor"] = "publication"
    return mention


def _range_of_periods(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """Two months or two years as one range: value '2018-03/2018-05' or
    '1995/1997'.  A year written once belongs to the end (de novembre à
    février 2017: 2016-11/2017-02); without one, months take the year of
    the first near the publication date.  'and' (和, et) only with between
    (之间, entre)."""
    if not _range_joint_ok(g, lang):
        return None
    if how == "range_y":
        y1, y2 = _int(g["y1"]), _int(g["y2"])
        if not (_valid(y1) and _valid(y2) and y1 < y2):
            return None
        return _date_mention(lang, doc_id, text, s, e, "range", f"{y1:04d}/{y2:04d}", "year")
    months = _month_names(lang)
    m1 = _int(g["m1"]) if g.get("m1") else months.get(g["mon1"].rstrip(".").lower())
    m2 = _int(g["m2"]) if g.get("m2") else months.get(g["mon2"].rstrip(".").lower())
    if not (m1 and m2 and 1 <= m1 <= 12 and 1 <= m2 <= 12) or m1 == m2:
        return None
    if g.get("y"):
        y2 = _int(g["y"])
        y1 = y2 if m1 < m2 else y2 - 1
    else:
        y1 = _resolve_month(ref, m1)
        y2 = y1 + (m2 < m1) if y1 else None
    value = f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}" if y1 and _valid(y1) and _valid(y2) else None
    mention = _date_mention(lang, doc_id, text, s, e, "range", value, "month")
    if not g.get("y"):
        mention.attrs["written"] = f"--{m1:02d}/--{m2:02d}"
    return mention


def _range_joint_ok(g: dict, lang: str) -> bool:
    """'and' joins two ends only after 'between' (or before 之间):
    dates.json ranges between_joints and between_opens."""
    words = lexicon.load("dates")["ranges"][lang]
    if g["joint"].strip().lower() not in words["between_joints"]:
        return True
    return bool(g.get("close")) or (g.get("open") or "").lower().startswith(tuple(words["between_opens"]) or ("\0",))


def _decade(lang, doc_id, text, s, e, how, g, mon, day, ref) -> Optional[Mention]:
    """A decade (:func:`_decade_pattern`) as the range of its years, type
    range, value "1990/1999"; attrs.decade its two digits, attrs.part a part
    of it ('late'), attrs.century_guessed when its century is not written
    (dates.json _comment_decades says how it is placed then)."""
    dl = lexicon.load("dates")
    year, decade = None, None
    if g.get("decw"):
        decade = dl["decade_words"][lang][g["decw"].lower()]
    else:
        digits = (g.get("dec") or g["dec2"]).lstrip("'’")
        if not digits.isdigit():
            decade = int(parse_chinese(digits))
        elif len(digits) == 4:
            year = int(digits)
        else:
            decade = int(digits)
        if (year if year is not None else decade) % 10:
            return None  # 'the 1995s' is no decade
    guessed = False
    if year is None:
        cent = dl["decade_centuries"].get(lang, {}).get(g.get("cent") or "")
        if cent is not None and cent > 0:
            year = cent + decade
        elif cent is not None and ref is not None:
            year = (ref.year // 100 + cent) * 100 + decade
        else:
            guessed = True
            year = (ref.year // 100) * 100 + decade if ref is not None else 1900 + decade
            if ref is not None and year > ref.year:
                year -= 100
    mention = _date_mention(lang, doc_id, text, s, e, "range", f"{year:04d}/{year + 9:04d}", "year")
    mention.attrs["decade"] = f"{year % 100:02d}"
    if guessed:
        mention.attrs["century_guessed"] = True
    part = g.get("part") or g.get("part2") or g.get("part3")
    if part:
        mention.attrs["part"] = dl["decade_parts"][lang].get(part.lower(), part)
    return mention


def _coordinated_decades(ft: str, text: str, lang: str, doc_id: str, ref, found: "_Found") -> None:
    """The second decade of « les années 70 et 80 » (dates.json
    decade_joints), which its own word does not open: a decade too, placed
    in the first one's century."""
    joints = lexicon.load("dates")["decade_joints"].get(lang)
    if not joints:
        return
    after = re.compile(r"[ ](?:" + lexicon.alternation(joints) + r")[ ](?P<dec>\d{4}|\d0)(?![\w])")
    for m in [m for m in found.mentions if (m.attrs or {}).get("decade")]:
        nxt = after.match(ft, m.end)
        if not nxt or not found.free(nxt.start("dec"), nxt.end("dec")):
            continue
        s, e = nxt.span("dec")
        second = _decade(lang, doc_id, text, s, e, "decade", {"dec": nxt.group("dec")}, None, None, ref)
        if second is None:
            continue
        first_year = int(str(m.value)[:4])
        year = int(str(second.value)[:4])
        if len(nxt.group("dec")) == 2:  # in the first one's century (années 90 et 2000 stays apart: four digits)
            year = first_year // 100 * 100 + year % 100
            second.value = f"{year:04d}/{year + 9:04d}"
            second.attrs.pop("century_guessed", None)
            if m.attrs.get("century_guessed"):
                second.attrs["century_guessed"] = True
        found.add(second, s, e)


def _day_joint_patterns(lang: str) -> Optional[tuple[re.Pattern, re.Pattern]]:
    """(a bare day after a dated day, a bare day before one), each across a
    joint of dates.json ``day_joints`` (a comma may precede it: 'July 17, 18
    and 22'); the Chinese day before a date keeps its month (7月17和7月22日)."""
    joints = lexicon.load("dates").get("day_joints", {}).get(lang)
    if not joints:
        return None
    j = r"(?:,?[ ]?(?:" + lexicon.alternation(joints) + r")[ ]?|,[ ]?)"
    if lang == "zh":
        return (re.compile(j + r"(?P<d>\d{1,2})[ ]?[日号]"),
                re.compile(r"(?<![\d月])(?P<m>\d{1,2})[ ]?月[ ]?(?P<d>\d{1,2})[ ]?[日号]?[ ]?" + j + "$"))
    # a day after the date ends its phrase ('July 17 and 22 people' counts people)
    return (re.compile(j + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?=[ ]?[,.;:!?)]|$|,?[ ]\d{4}(?!\d)|" + j + r"\d)"),
            re.compile(r"(?<![\w])(?P<d>1er|\d{1,2})(?:st|nd|rd|th)?[ ]?" + j + "$"))


def _coordinated_days(ft: str, text: str, lang: str, doc_id: str, ref, found: "_Found") -> None:
    """Bare days coordinated with a dated day (month and day, no year):
    dates of its month (dates.json ``day_joints``: 'July 17 and 22', « les
    17 et 22 juillet », 7月17和7月22日).  A day after the date is read when
    the date ends with its day (July 17, 7月17日), one before it when the
    date begins with its day (22 juillet, 17 July) or, in Chinese, when it
    writes its own month."""
    pats = _day_joint_patterns(lang)
    if pats is None:
        return
    after, before = pats
    todo = [(m, None) for m in found.mentions if m.type == "partial" and m.granularity == "day"
            and str((m.attrs or {}).get("written", "")).startswith("--")]
    while todo:
        m, way = todo.pop()  # way: the direction a day read from a date goes on in ('July 17, 18 and 22')
        month = int(m.attrs["written"][2:4])
        day_last = ft[m.start:m.end].rstrip()[-1:].isdigit() or ft[m.end - 1:m.end] in "日号"
        nxt = after.match(ft, m.end) if way == "after" or way is None and day_last else None
        prev = before.search(ft, max(0, m.start - 12), m.start) \
            if way == "before" or way is None and (lang == "zh" or not day_last) else None
        for hit in (nxt, prev):
            if hit is None or not found.free(*hit.span("d")):
                continue
            month_of = int(hit.group("m")) if lang == "zh" and hit is prev else month  # 6月30和7月1日: its own
            s, e = (hit.start("m"), hit.end("d")) if lang == "zh" and hit is prev else hit.span("d")
            d = hit.group("d")
            second = _partial(lang, doc_id, text, s, e, "md", {}, month_of, 1 if d == "1er" else _int(d), ref)
            if second is not None and found.free(s, e):
                found.add(second, s, e)
                todo.append((second, "after" if hit is nxt else "before"))


_HANDLERS = {"decade": _decade,
             "ymd": _absolute, "ym": _absolute, "y": _absolute, "md": _partial, "m": _partial, "d": _partial,
             "y_after_preposition": _after_preposition, "apostrophe_year": _apostrophe_year,
             "rel_md": _relative, "rel_mday": _relative, "part_of_year": _relative, "rel_weekday": _relative,
             "numeric": _numeric,
             "section": _section, "weekday": _weekday, "weekday_alone": _weekday_alone, "range": _range,
             "range_y": _range_of_periods, "range_m": _range_of_periods}


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
    for rx, how in _patterns(lang):
        for m in rx.finditer(ft):
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
                mention = _month_part(mention, ft, text, lang, found)
                found.add(mention, mention.start, mention.end)


def _month_part(mention: Mention, ft: str, text: str, lang: str, found: _Found) -> Mention:
    """A month's date with the part of the month written beside it (dates.json
    month_parts: 二月初, 'late February', « fin février ») as ``attrs.part``,
    its span taking the word; the mention as it was otherwise (another
    granularity, a part already read, the word taken by another date, or a
    Chinese part that opens a word: 6月初步统计)."""
    if mention.granularity != "month" or "part" in mention.attrs:
        return mention
    parts = lexicon.load("dates").get("month_parts", {}).get(lang, {})
    s, e = mention.start, mention.end
    if lang == "zh":
        word = next((p for p in sorted(parts, key=len, reverse=True) if ft.startswith(p, e)), None)
        if word is None or _part_opens_word(ft, e + len(word), word, lang):
            return mention
        s2, e2 = s, e + len(word)
    else:
        alternation = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
        before = re.search(r"(?<![\w])(" + alternation + r")(?:[- ]|[ ]?['’])$", ft[max(0, s - 24):s], re.I)
        if before is None:
            return mention
        word, s2, e2 = before.group(1), s - len(before.group(0)), e
    if not found.free(s2, e2):
        return mention
    out = replace(mention, start=s2, end=e2, text=text[s2:e2], attrs=dict(mention.attrs))
    out.attrs["part"] = parts.get(word, parts.get(word.lower()))
    return out


def _deictic_dates(ft: str, text: str, lang: str, doc_id: str, found: _Found) -> None:
    """Deictic words: 去年, last week, l'année dernière (valued later, from
    the publication date; see _anchor)."""
    deictic = lexicon.load("dates")["deictic"][lang]
    flags = 0 if lang == "zh" else re.I
    bound_l = "" if lang == "zh" else r"(?<![\w'’])"
    bound_r = "" if lang == "zh" else r"(?![\w])"
    for m in re.finditer(bound_l + "(" + lexicon.alternation(deictic) + ")" + bound_r, ft, flags):
        s, e = m.span(1)
        if not found.free(s, e) or _not_deictic(ft, s, e, lang):
            continue
        unit, amount, gran = deictic[m.group(1)] if m.group(1) in deictic else deictic[m.group(1).lower()]
        direction = "past" if amount < 0 else "future" if amount > 0 else None
        mention = _date_mention(lang, doc_id, text, s, e, "relative", None, gran, direction=direction)
        mention.attrs.update(anchor="publication", offset={unit + "s": amount}, reading="deictic")
        mention = _month_part(mention, ft, text, lang, found)  # 上月底, 'late last month'
        found.add(mention, mention.start, mention.end)


def _not_deictic(ft: str, s: int, e: int, lang: str) -> bool:
    """Is the deictic word at ``s:e`` another word or a title here
    (dates.json deictic_not)?  « ce soir-là », 今晚报, 'his last night in
    office', 'the last night of the festival', 'The Tonight Show'."""
    rules = lexicon.load("dates").get("deictic_not", {})
    after = next((w for w in sorted(rules.get("after", {}).get(lang, ()), key=len, reverse=True) if ft.startswith(w, e)),
                 None)
    if after is not None:
        from ..lexicons.dictionaries import zh_word_from

        return lang != "zh" or not zh_word_from(ft, e, len(after) + 1, len(after) + 1)  # 今晚报 but 今晚报名
    if lang == "zh":
        return False
    words = re.findall(r"[^\W\d_]+", ft[max(0, s - 16):s])
    last = words[-1].casefold() if words and ft[s - 1:s] == " " else None
    nxt = re.match(r"[ ]([^\W\d_]+)", ft[e:e + 12])
    nxt = nxt.group(1).casefold() if nxt else None
    the_then = rules.get("the_then", {}).get(lang, {})
    if last in rules.get("before", {}).get(lang, ()) or nxt in rules.get("then_alone", {}).get(lang, ()) \
            or (last in the_then.get("the", ()) and nxt in the_then.get("then", ())):
        return True
    # a capital inside an English sentence: a title (not after a mark that ends or opens one)
    before = ft[:s].rstrip()
    return lang == "en" and ft[s].isupper() and bool(before) and before[-1] not in ".!?:;\"“”'‘’(«—–-\n"


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
        if d.value_high is not None:
            continue  # "in 3-5 hours": a span of time, not one date; the number check compares its bounds
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
    _coordinated_decades(ft, text, lang, doc_id, ref, found)
    _coordinated_days(ft, text, lang, doc_id, ref, found)
    for t in find_times(ft, lang):
        if found.free(t.start, t.end):
            found.add(time_mention(t, text, lang, doc_id), t.start, t.end)
    _deictic_dates(ft, text, lang, doc_id, found)
    _duration_dates(ft, text, lang, doc_id, durations, found)
    found.mentions.sort(key=lambda m: (m.start, m.end))
    _anchor(found.mentions, ref, text)
    return _joined_ranges(_with_times(found.mentions, text, ft, lang), text, ft, lang)


def _joined_ranges(mentions: list[Mention], text: str, ft: str, lang: str) -> list[Mention]:
    """Two written dates of one granularity joined by a range word (du
    21/11/2019 au 25/11/2019, from March 3, 2020 to April 5, 2021,
    2019/11/21至2019/11/25) are one range 'start/end', as du 1er au 15 août
    is; the opening word (du, from, 从) goes into the span.  'and' joins
    only after 'between' (dates.json "ranges")."""
    words = lexicon.load("dates")["ranges"][lang]
    joint_re = re.compile(r"[ ]?(?P<joint>" + lexicon.alternation(words["joints"]) + r")[ ]?(?:(?:le|the)[ ])?$", re.I)
    open_re = re.compile(r"(?:^|(?<=[\s(，,]))(?P<open>" + lexicon.alternation(words["open"]) + r")[ ]?(?:(?:le|the)[ ])?$", re.I)
    out: list[Mention] = []
    for m in mentions:
        a = out[-1] if out else None
        jm = a is not None and _range_ends(a, m) and joint_re.fullmatch(ft[a.end:m.start])
        if jm:
            om = open_re.search(ft[max(0, a.start - 16):a.start])
            if _range_joint_ok({"joint": jm.group("joint"), "open": om and om.group("open")}, lang):
                start = a.start - len(om.group(0)) if om else a.start
                r = _date_mention(lang, a.doc_id, text, start, m.end, "range", f"{a.value}/{m.value}", a.granularity)
                if a.ambiguous or m.ambiguous:
                    r.ambiguous = True
                    r.alt_values = [f"{(a.alt_values or [a.value])[0]}/{(m.alt_values or [m.value])[0]}"]
                out[-1] = r
                continue
        out.append(m)
    return out


def _range_ends(a: Mention, b: Mention) -> bool:
    """Two dates that can be the ends of one range: written with their year
    (absolute), of one granularity, the first before the second (two dates
    without a year are the range patterns' own: 3月3日至4月5日)."""
    return (a.type == b.type == "absolute" and bool(a.value) and bool(b.value)
            and a.granularity == b.granularity and a.granularity in ("day", "month", "year") and a.value < b.value)


def _with_times(mentions: list[Mention], text: str, ft: str, lang: str) -> list[Mention]:
    """A date followed by a clock time (2016年06月30日09时30分, 30 juin 2016 à
    9 h 30, yesterday at 5 pm) is one datetime: value '2016-06-30T09:30',
    granularity minute, the time in ``attrs.time``; the joints allowed
    between them are dates.json time "date_time_joints"."""
    joints = set(lexicon.load("dates")["time"]["date_time_joints"].get(lang, []))
    before = set(lexicon.load("dates")["time"]["time_date_joints"].get(lang, []))
    out: list[Mention] = []
    for m in mentions:
        d = out[-1] if out else None
        swapped = (d is not None and d.type == "time" and m.type in ("absolute", "partial", "relative")
                   and m.granularity == "day" and ft[d.end:m.start] in before)
        if swapped:  # 17:07 on July 18: the date, with the time written before it
            d, m = m, d
            d.start = m.start
            out[-1] = d
        if (m.type == "time" and d is not None and d.type in ("absolute", "partial", "relative")
                and d.granularity == "day" and (swapped or ft[d.end:m.start] in joints)):
            d.attrs["time"] = m.value
            d.end = max(d.end, m.end)
            d.text, d.granularity = text[d.start:d.end], "minute"
            if d.value:
                d.alt_values = [d.value + v for v in m.alt_values]
                d.ambiguous = d.ambiguous or m.ambiguous
                d.value = d.value + m.value
            d.attrs.update({k: v for k, v in m.attrs.items() if k == "tz"})
            if m.attrs.get("end_of_day"):
                _to_next_day(d)
            continue
        out.append(m)
    return out


def _to_next_day(d: Mention) -> None:
    """A date written with 24:00 is the next day at 00:00 (ISO 8601): its
    value and, for a date without its year, what it says it is
    (``attrs.written``, a day counted in a common year: 28 February at 24:00
    is 1 March, 29 February at 24:00 is 1 March too)."""
    if d.value:
        day, _, time = d.value.partition("T")
        d.value = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat() + ("T" + time if time else "")
    written = (d.attrs or {}).get("written", "")
    if re.fullmatch(r"--\d\d-\d\d", written):
        month, day_ = int(written[2:4]), int(written[5:7])
        # 29 February exists only in a leap year (2000); a day no month has
        # (31 June) is left as written (a break test: ValueError, day is out of range)
        year = 2001 if (month, day_) != (2, 29) else 2000
        if _valid(year, month, day_):
            nd = dt.date(year, month, day_) + dt.timedelta(days=1)
            d.attrs["written"] = f"--{nd.month:02d}-{nd.day:02d}"


def _anchor(mentions: list[Mention], ref: Optional[dt.date], text: str = "") -> None:
    """Give relative dates their value: deictic ones from the publication date,
    anaphoric ones from the latest firm date before them (see module doc),
    unless they restate a date written right beside them in ``text``
    (:func:`_restated`): then that date's value.

    ``attrs`` records how the date was read: ``reading`` (deictic: from the
    time of writing; anaphoric: from a narrated event), ``direction`` (past or
    future, relative to that anchor), ``anchor`` (what the value was actually
    computed from: "publication", "context" or, when neither is known, None)
    and ``anchor_date``.  Two versions that read the same words differently
    ("in a year and a half" / "a year and a half later") therefore never
    normalize to the same thing, even when their computed values coincide."""
    last_firm: Optional[dt.date] = None
    last_written: Optional[dt.date] = None  # the latest date written with its year and month
    for k, m in enumerate(mentions):
        if m.type == "partial" and last_written is not None:
            _partial_from_context(m, last_written)
        if m.type == "absolute" or (m.type == "partial" and m.value):
            if m.value and m.granularity in ("day", "month", "minute"):
                last_firm = parse_iso(m.value)
                if m.type == "absolute":
                    last_written = last_firm
            continue
        if m.type != "relative" or m.value is not None:
            continue
        off = m.attrs.get("offset", {})
        reading = m.attrs.setdefault("reading", "anaphoric" if m.attrs.get("anchor") == "context" else "deictic")
        if reading == "anaphoric":
            same = _restated(mentions, k, text)
            if same is not None:
                m.value, m.granularity = same.value, same.granularity
                m.attrs.update(anchor="context", restates=same.text)
                continue
            base = last_firm or ref
            m.attrs["anchor"] = "context" if last_firm else "publication" if ref else None
        else:
            base = ref or last_firm
            m.attrs["anchor"] = "publication" if ref else "context" if last_firm else None
        if base is None or not off:
            if m.granularity is None:
                unit = next(iter(off), "days")[:-1]
                m.granularity = _offset_or_none(dt.date(2000, 1, 1), unit, next(iter(off.values()), 0))[1]
            continue
        _value_from(m, base, off)


def _restated(mentions: list[Mention], k: int, text: str) -> Optional[Mention]:
    """The absolute date an anaphoric relative date ``mentions[k]``
    restates: written right before or after it, nothing between them but
    spaces, punctuation and a word of ``apposition_frames``
    (models/lexicons/dates.json: 的, 时隔): '直到一年半之后的 2024 年 12 月',
    '2024 年 12 月，时隔一年半之后'.  A year and a half later *is* December
    2024 there; counted from the date before, it was read as 2025-01 in one
    version and 2026-06 in the other (session 63)."""
    m = mentions[k]
    near = [(mentions[k - 1], mentions[k - 1].end, m.start)] if k else []
    near += [(mentions[k + 1], m.end, mentions[k + 1].start)] if k + 1 < len(mentions) else []
    for d, a, b in near:
        if d.type == "absolute" and d.value and _restates(text, a, b):
            return d
    return None


_SENTENCE_BREAK = re.compile(r"[.!?。！？;；\n]")


def _restates(text: str, end: int, start: int) -> bool:
    """Is ``text[end:start]`` (between two dates) nothing but spaces,
    punctuation and at most one word or phrase of ``apposition_frames``
    ('that is', « c'est-à-dire », 即, 的), within one sentence (no full
    stop outside the frame, no question or exclamation mark, semicolon or
    line break: 'in March 2023. A year and a half later' counts from March)?"""
    if not text or not 0 <= start - end <= 24:
        return False
    gap = text[end:start].casefold()
    frame = next((f for f in _apposition_frames() if f in gap), "")
    gap = gap.replace(frame, " ", 1)
    return not _SENTENCE_BREAK.search(gap) \
        and not any(not (c.isspace() or unicodedata.category(c).startswith("P")) for c in gap)


@functools.lru_cache(maxsize=1)
def _apposition_frames() -> tuple[str, ...]:
    """dates.json apposition_frames, case-folded, longest first."""
    return tuple(sorted((f.casefold() for f in lexicon.load("dates")["apposition_frames"]), key=len, reverse=True))


def _value_from(m: Mention, base: dt.date, off: dict) -> None:
    """A relative date's value: ``base`` moved by its offset, at the
    granularity the words give (a section of a year keeps its section:
    去年最后一个月 is the 12th month of the year before)."""
    ((unit_s, amount),) = off.items()
    unit = unit_s[:-1]
    moved, gran = _offset_or_none(base, unit, amount)
    if moved is None:
        return  # "in 9,000 years": past the calendar (year 9999), no date to give
    if m.granularity is None or (m.granularity == "day" and gran != "day"):
        m.granularity = gran
    section = m.attrs.get("section")
    if section:
        ((sec_unit, index),) = section.items()
        moved = dt.date(moved.year, index if sec_unit == "month" else 3 * index - 2, 1)
    m.value = iso(moved, m.granularity)
    m.attrs["anchor_date"] = base.isoformat()


def _partial_from_context(m: Mention, anchor: dt.date) -> None:
    """A date written without its year (一月二十三, March 3) after a date
    written in full in the same passage takes that date's year (the story's
    time, not the publication's); without one it keeps the publication year."""
    parts = (m.attrs.get("written") or "").split("-")  # "--01-23", "--01", "---23"
    try:
        if len(parts) == 4 and parts[2]:
            value = iso(dt.date(anchor.year, int(parts[2]), int(parts[3])), "day")
        elif len(parts) == 3 and parts[2]:
            value = iso(dt.date(anchor.year, int(parts[2]), 1), "month")
        elif len(parts) == 4:
            value = iso(dt.date(anchor.year, anchor.month, int(parts[3])), "day")
        else:
            return
    except ValueError:
        return
    m.value = value
    m.attrs.update(anchor="context", anchor_date=anchor.isoformat())
