"""Cross-article conflicts about times of day, days and ranks (issue 19):
two articles that are not versions of each other say the white smoke rose
at 18h10 and at 6:07 p.m., date one fire 16 and 17 November, or call one
man the 10th and the « 9e » High Commissioner.

:mod:`rumorlens.compare.conflict` finds the candidate sentence pairs (FAISS
neighbours); this module says whether such a pair states two different
times of day, or two different ranks, for one thing.  Figures of other
kinds (money, counts, percentages) are compared by
:func:`rumorlens.compare.conflict.value_conflict`.

What one thing means here, since a time or a rank has no unit to match:
the two sentences do not name different people (the 266th pope is
Bergoglio, the 267th Prevost) nor state different days (a quake on 3 April
at 07:58, another on 22 April at 17h08); two ranks need sentences that say
nearly the same thing (similarity at least ``conflict_rank_min_similarity``,
a common name or not: the Ninth United Nations Secretary-General and the
10th United Nations High Commissioner share a name, not an office); two
times need to be close
(``conflict_time_max_gap`` minutes at most), as two figures need to be
within ``conflict_max_ratio``: reports of one moment differ by minutes
(18h03, 6:07 p.m., 18h10), other events of the same kind are hours away;
two days need a common name, sentences at least
``conflict_date_min_similarity`` alike, and no more than
``conflict_date_max_gap_days`` between them.
Thresholds: models/thresholds/checks.json."""
from __future__ import annotations

import datetime
import functools
import re
from typing import Optional

from ..mentions import lexicon
from ..mentions.entities import entity_key, match_entities
from ..mentions.names import known_as_two
from ..mentions.roles import counts_occasion, number_role
from ..records import Document, Evidence, Finding, Mention, Sentence
from .numbers import fmt_value
from .pair import make_finding, quote
from .thresholds import thresholds

_HH_MM = re.compile(r"T(\d\d):(\d\d)")
_CAPTION_POSITION = re.compile(r"[ \u00a0]+[A-Z]\b(?![.'’])")
_DIGIT_MINUTES = r"\d[ ]?[:.hH時时点點][ ]?\d\d|\d{4}"


@functools.lru_cache(maxsize=1)
def _minutes_written() -> re.Pattern:
    """Minutes written out: digits (18:07, 9 h 30, 0930) or a minute word of
    the dates lexicon (half, et quart, 半, 刻: time.minute_words)."""
    words = lexicon.load("dates")["time"]["minute_words"]
    han = words.get("zh", [])
    latin = [w for lang, ws in words.items() if lang != "zh" for w in ws]
    parts = [_DIGIT_MINUTES]
    if han:
        parts.append(lexicon.alternation(han))
    if latin:
        parts.append(r"(?i:\b(?:" + lexicon.alternation(latin) + r")\b)")
    return re.compile("|".join(parts))


def clock_times(ms: list[Mention]) -> list[Mention]:
    """Times of day among ``ms``: date mentions of type ``time`` (T18:07)
    and dates that carry a time (5月8日晚上6時07分: ``attrs['time']``)."""
    return [m for m in ms if m.kind == "date" and (m.type == "time" or _time_value(m) is not None)]


def ranks(ms: list[Mention], text: str) -> list[Mention]:
    """Written ordinals that rank a holder or member of a series (the 267th
    pope, « 9e » Haut Commissariat, 第267任教宗, the ninth Secretary-General):
    type ``ordinal``, role ordinal or title (mentions.roles.number_role on
    ``text``, the document the offsets point into).  Left out:

    - an ordinal that counts a recurring occasion (60th anniversary, 二十届,
      75周年): articles written in different years rightly differ there;
    - first (1): far more often a superlative of time than a place in a
      series (the first American pope, the first probe to do so, first of
      all, 第一天, « Premier ministre »);
    - a position in a photograph (Attal (2nd R)): the ordinal then a single
      capital letter."""
    return [m for m in ms if m.kind == "number" and m.type == "ordinal" and m.value is not None
            and float(m.value) >= 2 and not _CAPTION_POSITION.match(text, m.end)
            and number_role(m, text) in ("ordinal", "name") and not counts_occasion(m, text)]


def _time_value(m: Mention) -> Optional[str]:
    v = str(m.value or "")
    if m.type == "time":
        return v
    if "T" in v:
        return v[v.index("T"):]
    t = m.attrs.get("time")
    return str(t) if t else None


def clock_minutes(m: Mention) -> list[int]:
    """Minutes after midnight of every reading of time ``m`` (9:30 in
    English is 9:30 or 21:30)."""
    vals = [_time_value(m)] + ([v for v in m.alt_values if isinstance(v, str)] if m.type == "time" else [])
    out = []
    for v in vals:
        hit = _HH_MM.search(v or "")
        if hit:
            out.append(int(hit.group(1)) * 60 + int(hit.group(2)))
    return out


@functools.lru_cache(maxsize=None)
def _approx_res(lang: str) -> tuple[Optional[re.Pattern], Optional[re.Pattern]]:
    words = lexicon.load("dates")["time"]["approx_nearby"]
    before, after = words["before"].get(lang, []), words["after"].get(lang, [])
    b = (re.compile(r"(?:^|(?<=[\s(（,，、:：]))(?:" + lexicon.alternation(before) + r")[\s\u00a0]*$", re.I)
         if before else None)
    a = re.compile(r"^[\s\u00a0]*(?:" + lexicon.alternation(after) + ")", re.I) if after else None
    return b, a


def rough_time(m: Mention, text: str, times: list[Mention]) -> bool:
    """Is time ``m`` (offsets into ``text``) a rough one: an approximation
    or bound word before or after it (vers 17h08, peu avant 8 heures,
    shortly after 6 a.m., 8時許; models/lexicons/dates.json time
    'approx_nearby'), no minutes written (8 heures, 6 p.m.: a round hour),
    or the same moment as a rough time of ``times`` (its sentence's): a
    restatement in parentheses (vers 17h08 (09H08 GMT)) or a repeat (vers
    18H05 GMT (bien 18H05 GMT))."""
    if _rough_alone(m, text):
        return True
    for t in times:
        if t is m or not _rough_alone(t, text):
            continue
        between = text[min(t.end, m.end):max(t.start, m.start)]
        if set(clock_minutes(t)) & set(clock_minutes(m)) or (t.end <= m.start and ("(" in between or "（" in between)
                                                    and len(between) <= 12):
            return True
    return False


def _rough_alone(m: Mention, text: str) -> bool:
    before_re, after_re = _approx_res(m.lang)
    if before_re is not None and before_re.search(text[max(0, m.start - 24):m.start]):
        return True
    if after_re is not None and after_re.match(text[m.end:m.end + 6]):
        return True
    value = _time_value(m)
    return not _minutes_written().search(m.text) and value is not None and value.endswith(":00")


def _persons_differ(ma: list[Mention], mb: list[Mention]) -> bool:
    """Both sentences name people and none of them is the same person."""
    pa = [m for m in ma if m.kind == "entity" and m.type == "PER"]
    pb = [m for m in mb if m.kind == "entity" and m.type == "PER"]
    if not pa or not pb:
        return False
    return not any(match_entities(a, b).relation in ("same", "misspelled") for a in pa for b in pb)


def _month_days(ms: list[Mention]) -> set[str]:
    out = set()
    for m in ms:
        if m.kind != "date" or m.granularity not in ("day", "minute") or m.type not in ("absolute", "partial"):
            continue
        v = str(m.value or "") if m.type == "absolute" else str(m.attrs.get("written") or "")
        hit = re.search(r"(\d\d)-(\d\d)(?:T|$)", v)
        if hit:
            out.add(hit.group(0)[:5])
    return out


def same_subject(ma: list[Mention], mb: list[Mention], shared: list[str], sim: float,
                 unnamed_min: float) -> bool:
    """May two sentences of different articles be about one thing, for a
    time or a rank: a common name or, without one, a similarity of at
    least ``unnamed_min``; never when they name different people or state
    different days of the month."""
    if not shared and sim < unnamed_min:
        return False
    if _persons_differ(ma, mb):
        return False
    da, db = _month_days(ma), _month_days(mb)
    return not (da and db and not da & db)


def _evidence(d: Document, m: Mention, s: Sentence, value) -> tuple[Evidence, Evidence]:
    return (Evidence(doc=d.id, path=d.path, start=m.start, end=m.end, text=d.text[m.start:m.end], value=value),
            Evidence(doc=d.id, path=d.path, start=s.start, end=s.end, text=s.text, role="context"))


def _finding(kind: str, da: Document, sa: Sentence, a: Mention, db: Document, sb: Sentence, b: Mention,
             values: tuple, what: str, sim: float, severity: str = "medium", note: str = "") -> Finding:
    ea, sa_ev = _evidence(da, a, sa, values[0])
    eb, sb_ev = _evidence(db, b, sb, values[1])
    expl = (f"Two different articles disagree about {what}: {da.path} says {quote(a.text)} "
            f"({values[0]}) and {db.path} says {quote(b.text)} ({values[1]}).{note}")
    th = thresholds()
    conf = round(min(0.85, 0.4 + 0.5 * (sim - th["conflict_min_similarity"]) + 0.25), 3)
    return make_finding(None, "conflict", kind, severity, conf, [ea, eb, sa_ev, sb_ev], expl,
                        docs=sorted([da.id, db.id]))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def time_conflict(da: Document, sa: Sentence, ma: list[Mention], db: Document, sb: Sentence,
                  mb: list[Mention], shared: list[str], sim: float) -> Optional[Finding]:
    """The ``time_conflict`` of two sentences of different articles that
    state a time of day each (18h10 / 6:07 p.m.), or None: when they agree
    on a time (any reading of either), when either time is rough
    (:func:`rough_time`), when the two are more than
    ``conflict_time_max_gap`` minutes apart on the clocks as written (other
    moments, or other time zones: 00 h 23 in Paris is 6:23 a.m. Beijing
    time), or when :func:`same_subject` says no (a similarity down to the
    candidates' ``conflict_min_similarity`` is enough: the closeness of
    the times is the test)."""
    th = thresholds()
    all_a, all_b = clock_times(ma), clock_times(mb)
    ta = [m for m in all_a if not rough_time(m, da.text, all_a)]
    tb = [m for m in all_b if not rough_time(m, db.text, all_b)]
    if not ta or not tb or not same_subject(ma, mb, shared, sim, th["conflict_min_similarity"]):
        return None
    if any(x == y for a in all_a for b in all_b for x in clock_minutes(a) for y in clock_minutes(b)):
        return None  # they agree on a time: the others are other moments
    best = None
    for a in ta:
        for b in tb:
            gaps = [min(abs(x - y), 1440 - abs(x - y)) for x in clock_minutes(a) for y in clock_minutes(b)]
            gap = min(gaps, default=None)
            if gap is not None and gap <= th["conflict_time_max_gap"] and (best is None or gap < best[2]):
                best = (a, b, gap)
    if best is None:
        return None
    a, b, _ = best
    values = (_hhmm(clock_minutes(a)[0]), _hhmm(clock_minutes(b)[0]))
    return _finding("time_conflict", da, sa, a, db, sb, b, values, "the time of day", sim)


def rank_conflict(da: Document, sa: Sentence, ma: list[Mention], db: Document, sb: Sentence,
                  mb: list[Mention], shared: list[str], sim: float) -> Optional[Finding]:
    """The ``rank_conflict`` of two sentences of different articles that
    give different ranks (10th / « 9e » High Commissioner), or None: when
    they share a rank, when they are less alike than
    ``conflict_rank_min_similarity`` (named alike or not), or when
    :func:`same_subject` says no."""
    ra, rb = ranks(ma, da.text), ranks(mb, db.text)
    least = thresholds()["conflict_rank_min_similarity"]
    if not ra or not rb or sim < least or not same_subject(ma, mb, shared, sim, least):
        return None
    if {float(m.value) for m in ra} & {float(m.value) for m in rb}:
        return None
    a, b = ra[0], rb[0]
    values = (fmt_value(a.value), fmt_value(b.value))
    return _finding("rank_conflict", da, sa, a, db, sb, b, values, "a rank (an ordinal)", sim)


_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def day_dates(ms: list[Mention]) -> list[Mention]:
    """Date mentions that name one day (granularity day or minute) with a
    full value: written whole ('17 November 2026') or without the year,
    which the mentions stage reads against the publication date
    ('November 16', 11月17日: type 'partial')."""
    return [m for m in ms if m.kind == "date" and m.type in ("absolute", "partial")
            and m.granularity in ("day", "minute")
            and _DAY.match(str(m.value or ""))]


def _places_differ(ma: list[Mention], mb: list[Mention], shared: list[str]) -> bool:
    """Does each sentence name a place or an organisation the other does
    not, which the gazetteer knows as two entries (mentions.names.known_as_two:
    北京 / 吉林)?  Then the two sentences are about two things at the
    common place they share (two sites inscribed at one UNESCO session in
    New Delhi, a day apart: bench/real)."""
    own = [[m for m in ms if m.kind == "entity" and m.type in ("LOC", "ORG") and entity_key(m) not in shared]
           for ms in (ma, mb)]
    return any(known_as_two(a, b) for a in own[0] for b in own[1])


def _day(m: Mention) -> datetime.date:
    return datetime.date.fromisoformat(str(m.value)[:10])


def date_conflict(da: Document, sa: Sentence, ma: list[Mention], db: Document, sb: Sentence,
                  mb: list[Mention], shared: list[str], sim: float) -> Optional[Finding]:
    """The ``date_conflict`` of two sentences of different articles that
    name one thing (a common name) and date it a few days apart (Monday,
    November 16 / 11月17日), or None: when they share a day (the others
    date other things), are less alike than
    ``conflict_date_min_similarity``, name different people or places
    (:func:`_places_differ`), or date things more than ``conflict_date_max_gap_days`` apart (other events).
    One day apart is reported low: a time zone may explain it (a night in
    Beijing is the evening before in New York)."""
    th = thresholds()
    xa, xb = day_dates(ma), day_dates(mb)
    if not xa or not xb or not shared or sim < th["conflict_date_min_similarity"] or _persons_differ(ma, mb) \
            or _places_differ(ma, mb, shared):
        return None
    if {_day(m) for m in xa} & {_day(m) for m in xb}:
        return None
    gap, a, b = min(((abs((_day(x) - _day(y)).days), x, y) for x in xa for y in xb),
                    key=lambda t: (t[0], t[1].start, t[2].start))
    if gap > th["conflict_date_max_gap_days"]:
        return None
    severity, note = ("low", " A day apart: a time zone may explain it.") if gap == 1 else ("medium", "")
    return _finding("date_conflict", da, sa, a, db, sb, b, (str(_day(a)), str(_day(b))), "the day", sim,
                    severity=severity, note=note)
