"""Clock times in Chinese, French and English, as date mentions of type
``time`` with an ISO value ("T14:30").

Forms read (the words are in models/lexicons/dates.json "time"):
- 14:30, 9:30 am, 2.30 pm, 9am, 0930 GMT, 1400 hours;
- 14 h 30, 9h, à 14 heures (an hour with 'h' alone needs minutes or a word
  such as à/vers before it, else it is a duration: "en 24 h");
- 9时30分, 下午两点半, 晚上8点, 3点钟, 9点整, 十点一刻 (an hour with 点 alone
  needs a half-day word, minutes, 钟 or 整: 两点 alone is "two points").

A half-day word (pm, 下午, du soir) moves the hour to the afternoon.  A
time written in a 12-hour form without one (9:30 in English, 两点半) keeps
the other reading in ``alt_values`` ("T21:30") and is ``ambiguous``; a
24-hour form (14:30, 09:30, 14 h 30, 9时) has one reading.  A time zone
written after the time goes to ``attrs.tz``.  The end of a day, 24:00
(ISO 8601; 24时, 2400 hours, 24 h 00), is read in every form as 00:00,
with ``attrs.end_of_day``: a date it is written with moves to the next day
(rumorlens.mentions.dates), so that the versions of one bulletin agree
whichever form each wrote (截至7月25日24时 / 'as of 24:00 on July 25' /
'00:00 on July 26'); 24 with minutes is no time.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from ..records import Mention
from . import lexicon
from .numbers import parse_chinese, parse_words

_CN_NUM = "零〇一二两三四五六七八九十"
# characters that make 时 the first half of a noun (时间 'time', 时期, 时候, 时代): no hour
_SHI_NOUN_ENDS = frozenset("间期候代")


@dataclass
class ClockTime:
    """A time found in a text: its span, hour (0-23, after the half-day
    word), minutes, other readings of the hour and the time zone."""

    start: int
    end: int
    hour: int
    minute: int
    alt_hours: list = field(default_factory=list)
    tz: Optional[str] = None
    end_of_day: bool = False  # written 24:00 (hour 0 of the next day)
    half_day: Optional[str] = None  # the half-day word's reading (am, pm, noon, night), if one was written

    @property
    def value(self) -> str:
        return f"T{self.hour:02d}:{self.minute:02d}"

    @property
    def alt_values(self) -> list[str]:
        return [f"T{h:02d}:{self.minute:02d}" for h in self.alt_hours]


def _words() -> dict:
    return lexicon.load("dates")["time"]


@functools.lru_cache(maxsize=None)
def _patterns(lang: str) -> list[tuple[re.Pattern, str]]:
    """(regex, form) in priority order for ``lang``."""
    w = _words()
    half = w["half_day"].get(lang, {})
    zones = lexicon.alternation(w["zones"])
    military = lexicon.alternation(w["military_after"])
    # zone abbreviations are written in capitals, whatever the case of the rest: « 14 h et 17 h »
    # read 'et' as Eastern Time (session 58, a probe of issue 9's kinds)
    tz = r"(?:[ ](?P<tz>(?-i:" + zones + r"))(?![\w]))?"
    if lang == "zh":
        num = r"\d{1,2}|[" + _CN_NUM + "]{1,3}"
        # a half-day word that ends a deictic day word (昨晚, 明早) is that word's: the hour goes
        # with the day (_day_part_before), so the dates can join them (session 59)
        return [(re.compile(r"(?:(?<![" + "".join(sorted({w[0] for w in _day_parts_zh()})) + r"])(?P<hd>" + lexicon.alternation(half) + r"))?[ ]?(?P<h>" + num
                            + r")[ ]?(?P<sep>[点時时點])"
                            r"(?:[ ]?(?P<half>半)|(?P<q>[一三]刻)"
                            r"|差[ ]?(?:(?P<cq>[一三]刻)|(?P<cmin>" + num + r")[ ]?分)"
                            r"|[ ]?(?P<min>" + num + r")[ ]?(?P<fen>分)?(?!钟|之))?"
                            r"(?P<zhong>钟|鐘)?(?P<zheng>整)?"), "zh"),
                (re.compile(r"(?P<hd>" + lexicon.alternation(half) + r")?[ ]?(?<![\d:])(?P<h>[01]?\d|2[0-4]):"
                            r"(?P<min>[0-5]\d)(?![\d:])"), "24h"), _named_pattern(lang)]
    out = [(re.compile(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-4]):(?P<min>[0-5]\d)(?::[0-5]\d)?(?![\d:])"
                       + (r"(?:[ ]?(?P<hd>" + lexicon.alternation(half) + r")(?![\w]))?" if half else "") + tz), "colon"),
           (re.compile(r"(?<![\d:.,])(?P<h>[01]\d|2[0-4])(?P<min>[0-5]\d)[ ]?(?P<mil>" + military + r")(?![\w])"),
            "military")]
    hour = r"(?:[01]?\d|2[0-4]|" + _hour_words(lang) + ")"
    hd = r"(?:[ ]?(?P<hd>" + lexicon.alternation(half) + r")(?![\w]))?" if half else ""
    if lang == "en":
        out.append((re.compile(r"(?<![\d:.,])(?P<h>1[0-2]|0?[1-9])(?:\.(?P<min>[0-5]\d))?[ ]?(?P<hd>"
                               + lexicon.alternation(half) + r")(?![\w])" + tz), "ampm"))
        before, oclock = lexicon.alternation(w["minutes_before_hour"]["en"]), lexicon.alternation(w["oclock"]["en"])
        out.append((re.compile(r"(?<![\w\-])(?P<frac>" + before + r")[ ](?P<h>" + hour + r")(?:[ ](?:" + oclock + r"))?(?![\w\-])"
                               + hd + tz, re.I), "words"))
        out.append((re.compile(r"(?<![\w\-:.,])(?P<h>" + hour + r")[ ]?(?:" + oclock + ")" + hd + tz, re.I), "words"))
    else:
        after = lexicon.alternation(w["minutes_after_hour"]["fr"])
        out.append((re.compile(r"(?<![\w\-:.,])(?P<h>" + hour + r")[ ]?(?:h|heures?)(?:[ ]?(?P<min>[0-5]\d))?(?![\w])"
                               r"(?:[ ](?P<frac>" + after + r")(?![\w]))?"
                               r"(?:[ ](?P<hd>" + lexicon.alternation(half) + r"))?" + tz, re.I), "fr_h"))
    return out + [_named_pattern(lang)]


@functools.lru_cache(maxsize=1)
def _day_parts_zh() -> dict:
    """Chinese deictic day words that end in a half-day word (dates.json
    deictic: 昨晚, 今晨, 明早) -> that half-day's reading (night, am)."""
    half = _words()["half_day"]["zh"]
    return {w: half[w[-1]] for w, (unit, _, _) in lexicon.load("dates")["deictic"]["zh"].items()
            if unit == "day" and len(w) == 2 and w[-1] in half}


def _day_part_before(text: str, start: int) -> Optional[str]:
    """The half-day reading of a deictic day word right before ``start``
    (昨晚8点: night), else None."""
    before = text[max(0, start - 3):start].rstrip(" ")
    return next((hd for w, hd in _day_parts_zh().items() if before.endswith(w)), None)



def _latin_day_part_before(text: str, start: int, lang: str) -> Optional[str]:
    """The half-day reading of a part of the day written before the time
    and a joint (dates.json time day_part_before): « soir à 8 h », 'evening
    at 8'; None without one."""
    spec = _words().get("day_part_before", {}).get(lang)
    if not spec:
        return None
    before = text[max(0, start - 24):start].casefold()
    for word, hd in spec["words"].items():
        if any(before.endswith(word + j) for j in spec["joints"]):
            return hd
    return None


def _hour_words(lang: str) -> str:
    """Number words of ``lang`` that may name an hour (1-24): 'two', 'deux'."""
    words = lexicon.load("numbers")["words"].get(lang, {})
    not_hours = set(_words()["not_hours"].get(lang, ()))
    return lexicon.alternation({k: v for k, v in words.items() if 1 <= v <= 24 and v == int(v) and k not in not_hours})


def _named_pattern(lang: str) -> tuple[re.Pattern, str]:
    """noon, midnight, midi (lower case: le Midi is a region; not après-midi),
    正午, with the minutes after it (midi et demi)."""
    w = _words()
    named = lexicon.alternation(w["named"].get(lang, {}))
    after = w["minutes_after_hour"].get(lang, {})
    frac = r"(?:[ ](?P<frac>" + lexicon.alternation(after) + r")(?![\w]))?" if after else ""
    if lang == "zh":
        return re.compile(r"(?P<named>" + named + ")"), "named"
    return re.compile(r"(?<![\w\-])(?P<named>" + named + r")(?![\w\-])" + frac, re.I if lang == "en" else 0), "named"


def _clock_word_before(text: str, start: int, lang: str) -> bool:
    """Does a word of dates.json time clock_before stand right before ``start``?"""
    return lexicon.word_before(text, start, _words()["clock_before"].get(lang, []), 24)


def _duration_after(text: str, end: int, lang: str) -> bool:
    """Does a word of dates.json time duration_after follow the hour, before
    a common noun (« deux heures de route », « trois heures d'attente »)?"""
    spec = _words().get("duration_after", {}).get(lang)
    if not spec:
        return False
    # « de » and a word (« de route »), « d' » and one (« d'attente »); not « devant », « demain »,
    # nor a determiner or a capital (« de ce soir », « de Paris »)
    m = re.match(r"[ ](?:" + lexicon.alternation(spec["words"]) + r")(?<=[\w])[ ]|[ ](?:" + lexicon.alternation(
        spec["elided"]) + ")", text[end:end + 16])
    if m is None:
        return False
    nxt = re.match(r"[^\W\d_]+", text[m.end():m.end() + 30])
    return bool(nxt) and nxt.group().islower() and nxt.group() not in spec["not_before"]


def _capital_half_day_fits(text: str, start: int, lang: str) -> bool:
    """An hour before a capital AM or PM is a time when a word of time
    (dates.json time clock_before: 'at', 'until') or a range joint
    (ranges joints: 'and', 'to') stands before it, or nothing but a mark."""
    if _clock_word_before(text, start, lang):
        return True
    joints = lexicon.alternation(lexicon.load("dates")["ranges"][lang]["joints"])
    before = text[max(0, start - 24):start]
    return re.search(r"(?:^|\s)(?:" + joints + r")[ ]$", before, re.I) is not None \
        or before.rstrip()[-1:] in ("", ".", ",", ";", ":", "(", "\n", "—", "–")


def _number(s: Optional[str], lang: str = "zh") -> Optional[int]:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    return int(parse_chinese(s)) if lang == "zh" else int(parse_words(s, lang))


def _minutes_of(frac: str, lang: str) -> int:
    """Minutes a word gives around the hour (half past: 30, moins le quart: -15)."""
    w = _words()
    table = {**w["minutes_before_hour"].get(lang, {}), **w["minutes_after_hour"].get(lang, {})}
    return next(v for k, v in table.items() if k.lower() == frac.lower())


def _hour_of(h: int, half_day: Optional[str]) -> Optional[int]:
    """The hour on a 24-hour clock after a half-day word."""
    if half_day == "pm" and 1 <= h < 12:
        return h + 12
    if half_day == "am" and h == 12:
        return 0
    if half_day == "noon" and 1 <= h <= 3:
        return h + 12
    if half_day == "night":  # 晚上十点 22:00, 晚上十二点 0:00, 半夜两点 2:00
        return h + 12 if 6 <= h < 12 else 0 if h == 12 else h
    return h


def _zh_accepted(g: dict, text: str, s: int, e: int) -> bool:
    """An hour with 点 or 时 alone needs a half-day word, minutes, 钟/整 or a
    day right before it (两点 alone is "two points", 一时 "for a while");
    an hour in digits with 时, a preposition of time (dates.json time
    clock_before: 于22时, 截至24时)."""
    if g.get("hd") or g.get("half") or g.get("q") or g.get("cq") or g.get("cmin") or g.get("zhong") or g.get("zheng") \
            or g.get("fen") or _day_part_before(text, s):
        return True
    if g.get("min") and (g["sep"] in "时時" or g["min"].isdigit() and len(g["min"]) == 2):
        return True
    if re.search(r"[日号天][ ]?$", text[max(0, s - 2):s]):  # 1987年1月11日八点, 昨天22时
        return True
    # ... or, for the formal 时 of an hour in digits, a preposition of time
    # (宵禁于22时开始, 截至24时: a session 52 break test; 点 is left out, it
    # is also 'point': 在两点上, 涨到五点五元, as are words such as 一时 'for a while')
    before = text[max(0, s - 3):s].rstrip(" ")
    return (g["sep"] in "时時" and g["h"].isdigit() and text[e:e + 1] not in _SHI_NOUN_ENDS
            and any(before.endswith(w) for w in _words()["clock_before"].get("zh", ())))


def _read(m: re.Match, form: str, text: str, lang: str) -> Optional[ClockTime]:
    g = m.groupdict()
    try:
        if form == "named":
            h, minute = _words()["named"][lang][g["named"].lower()]
        else:
            h, minute = _number(g["h"], lang), _number(g.get("min")) or 0
    except (ValueError, KeyError):
        return None
    if g.get("frac"):
        minute += _minutes_of(g["frac"], lang)
        if minute < 0:  # quarter to three: 2:45; minuit moins le quart: 23:45
            h, minute = (h - 1) % 24 if h != 1 or form == "named" else 12, minute + 60
    if form == "zh":
        if not _zh_accepted(g, text, m.start(), m.end()):
            return None
        minute = 30 if g.get("half") else 15 if g.get("q") == "一刻" else 45 if g.get("q") == "三刻" else minute
        if g.get("cq") or g.get("cmin"):  # 五点差一刻 4:45, 十点差五分 9:55: minutes short of the hour
            short = 15 if g.get("cq") == "一刻" else 45 if g.get("cq") else _number(g["cmin"])
            if not 0 < short < 60:
                return None
            h, minute = h - 1, 60 - short
    if form == "fr_h" and g.get("min") is None and (not _clock_word_before(text, m.start(), lang)
                                                     or not g.get("hd") and _duration_after(text, m.end(), lang)):
        return None  # "en 24 h", "pendant 12 h", « et deux heures de spéciaux »: a duration
    if form == "ampm" and g["hd"].isupper() and "." not in g["hd"] and not _capital_half_day_fits(text, m.start(), lang):
        return None  # 'The 3 PM candidates', 'Radio 4 PM': PM is also a prime minister and a programme
    if h is None or h > 24 or minute > 59 or (h == 24 and minute):
        return None
    hd = _words()["half_day"].get(lang, {}).get((g.get("hd") or "").lower() if lang != "zh" else g.get("hd") or "")
    if hd is None:
        hd = _day_part_before(text, m.start()) if form == "zh" else _latin_day_part_before(text, m.start(), lang)
    hour = _hour_of(h % 24, hd)
    alt = []
    if hd is None and 1 <= h < 12 and _twelve_hour_form(form, g):
        alt = [h + 12]
    # 晚上12点, 今晚12点: the midnight that ends the evening, as 24时 is (a break test of session 59:
    # 今晚12点起停水 was the midnight that began the day)
    night_end = hd == "night" and h == 12 and minute == 0
    return ClockTime(m.start(), m.end(), hour, minute, alt, g.get("tz") or _zone_of(g.get("mil")),
                     end_of_day=h == 24 or night_end, half_day=hd)


def _twelve_hour_form(form: str, g: dict) -> bool:
    """Written so it may be on a 12-hour clock: 9:30 in English (not 09:30),
    两点半 / 3点 in Chinese (点, not the formal 时)."""
    if form == "colon":
        return not g["h"].startswith("0")
    return form == "words" or form == "zh" and g["sep"] in "点點"


def _zone_of(mil: Optional[str]) -> Optional[str]:
    return mil if mil and mil in _words()["zones"] else None


def find_times(text: str, lang: str) -> list[ClockTime]:
    """Clock times of ``text`` (folded: same offsets), sorted by start; an
    earlier pattern wins overlapping characters."""
    out: list[ClockTime] = []
    for pat, form in _patterns(lang):
        for m in pat.finditer(text):
            if any(t.start < m.end() and m.start() < t.end for t in out):
                continue
            t = _read(m, form, text, lang)
            if t is not None:
                out.append(t)
    return sorted(_range_ends(text, lang, out), key=lambda t: t.start)


def _range_ends(text: str, lang: str, times: list[ClockTime]) -> list[ClockTime]:
    """The bare hour at the other end of a range of clock times, which
    takes the half-day word of the end that has one: 下午2点至5点 (5点 is
    17:00), 'from 2 to 5 p.m.' (2 is 14:00, unless that passes the end:
    'from 10 to 2 pm'), « de 9 à 17 h ».  A bare hour alone is a count
    (两点 'two points', 'aged 2'), so only the range makes it a time
    (session 59, issue 9's ranges kind); an end read alone without a
    half-day word (5点半, 9:30) takes it too.  Joints: dates.json ranges.
    Returns ``times`` with the ends added or replaced."""
    rng = lexicon.load("dates")["ranges"][lang]
    joints = lexicon.alternation(j for j in rng["joints"] if j not in rng["between_joints"])
    out = list(times)
    by_span = {(o.start, o.end): k for k, o in enumerate(out)}
    taken = set().union(*(range(o.start, o.end) for o in out)) if out else set()
    for t in times:
        end = _zh_second_end(text, t, joints) if lang == "zh" else _first_end(text, t, joints, rng)
        if end is None:
            continue
        k = by_span.get((end.start, end.end))
        if k is not None and out[k].half_day is None:
            out[k] = end
        elif k is None and not taken.intersection(range(end.start, end.end)):
            by_span[end.start, end.end] = len(out)
            taken.update(range(end.start, end.end))
            out.append(end)
    return out


@functools.lru_cache(maxsize=None)
def _second_end_re(joints: str) -> re.Pattern:
    return re.compile(r"[ ]?(?:" + joints + r")[ ]?(?P<h>\d{1,2}|[" + _CN_NUM + r"]{1,3})[ ]?[点时點]"
                      r"(?:(?P<half>半)|(?P<min>\d{1,2}|[" + _CN_NUM + r"]{1,3})分?)?")


def _zh_second_end(text: str, t: ClockTime, joints: str) -> Optional[ClockTime]:
    """The bare hour after ``t`` and a joint (下午2点至5点)."""
    m = _second_end_re(joints).match(text, t.end)
    if m is None or re.match(r"[\d" + _CN_NUM + "]", text[m.end():m.end() + 1]):
        return None
    try:
        h, minute = _number(m.group("h")), 30 if m.group("half") else _number(m.group("min")) or 0
    except (ValueError, KeyError):
        return None
    if not 0 <= h <= 24 or minute > 59:
        return None
    hour = _hour_of(h % 24, t.half_day)
    if h == 12 and t.half_day == "am":
        hour = 12  # 上午10点至12点: noon ends a morning (晚上10点到12点 ends at midnight)
    alt = [h + 12] if t.half_day is None and t.alt_hours and 1 <= h < 12 else []
    return ClockTime(m.start("h"), m.end(), hour, minute, alt, half_day=t.half_day)


@functools.lru_cache(maxsize=None)
def _first_end_re(joints: str, opens: str, between_joints: str) -> re.Pattern:
    return re.compile(r"(?:(?<=^)|(?<=[\s(]))(?:(?P<open>" + opens + r")[ ])?(?P<h>[01]?\d|2[0-3])"
                      r"(?:[:.](?P<min>[0-5]\d))?[ ]?(?P<joint>" + joints + "|" + between_joints + r")[ ]?$", re.I)


def _first_end(text: str, t: ClockTime, joints: str, rng: dict) -> Optional[ClockTime]:
    """The bare hour before a joint and ``t``: 'from 2 to 5 p.m.', 'between
    9 and 11 am', « de 9 à 17 h », where ``t`` has its half-day word or is
    on a 24-hour clock past noon: « entre 2 et 3 h de route » stays a
    duration.
    'and' (dates.json ranges between_joints) only after 'between'."""
    if t.half_day is None and t.hour < 13:
        return None  # « entre 2 et 3 h de route », « de 2 à 3 heures »: durations as often as times
    m = _first_end_re(joints, lexicon.alternation(rng["open"]), lexicon.alternation(rng["between_joints"])).search(
        text[max(0, t.start - 40):t.start])
    if m is None or (m.group("joint").lower() in rng["between_joints"]
                     and (m.group("open") or "").lower() not in rng["between_opens"]):
        return None
    h, minute = int(m.group("h")), int(m.group("min") or 0)
    hour = _hour_of(h, t.half_day)
    if hour is None or (hour, minute) > (t.hour, t.minute):
        hour = h  # 'from 10 to 2 pm': the morning
    off = max(0, t.start - 40)
    return ClockTime(off + m.start("h"), off + (m.end("min") if m.group("min") else m.end("h")), hour, minute,
                     half_day=t.half_day)


def time_mention(t: ClockTime, text: str, lang: str, doc_id: str) -> Mention:
    """A clock time alone: kind date, type time, value "T14:30"."""
    m = Mention(doc_id=doc_id, start=t.start, end=t.end, text=text[t.start:t.end], lang=lang, kind="date",
                type="time", value=t.value, granularity="minute")
    if t.alt_hours:
        m.alt_values = t.alt_values
        m.ambiguous = True
    if t.tz:
        m.attrs["tz"] = t.tz
    if t.end_of_day:
        m.attrs["end_of_day"] = True
    return m
