"""Date checks: a date shifted, its granularity lost (22 octobre 2024 ->
2024), or a relative date whose direction changed ("a year and a half later"
read as "in a year and a half").  Only the body's dates are compared: a
page's date lines and stamps are boilerplate, and a dispatch's own date in
its dateline is not a date of the story (``header_date``).  The judgement of two dates is the mentions
stage's ``compare_dates``; this module pairs the dates of a bead."""
from __future__ import annotations

import functools
import json
import re
from typing import Optional

from ..langs import HAN_RE
from ..mentions import lexicon
from ..records import Finding, Mention
from .conflict_facts import clock_minutes
from .cues import word_spans
from .pair import AlignedPair, Side, below_median, in_document, make_finding, quote
from .told import claim_told

KINDS = {
    "shifted": ("date_shifted", "high", 0.8),
    "direction_changed": ("direction_changed", "high", 0.8),
    "granularity_lost": ("granularity_lost", "low", 0.5),
    "time_changed": ("time_changed", "high", 0.75),
    "different": ("date_changed", "high", 0.75),
}


class _Same:
    relation = "equal"
    explanation = ""


def _compare(a: Mention, b: Mention):
    from ..mentions.crossling import compare_dates, reading

    if a.type == "relative" and b.type == "relative":
        # two relative dates say the same thing when their offset, direction
        # and anchor kind agree, whatever each document's own date is
        # (and name as fine a period: 上周三, a day, is not "last week")
        # (and at the same time of day: aujourd'hui à 12 h / today at 10:00)
        # (and of the same part of the year: 明年初 / 'late next year', session 59)
        ka = (a.direction, reading(a), a.granularity, json.dumps((a.attrs or {}).get("offset"), sort_keys=True),
              (a.attrs or {}).get("time"), (a.attrs or {}).get("part"))
        kb = (b.direction, reading(b), b.granularity, json.dumps((b.attrs or {}).get("offset"), sort_keys=True),
              (b.attrs or {}).get("time"), (b.attrs or {}).get("part"))
        if ka == kb and ka[3] != "null":
            return _Same()
    return compare_dates(a, b)


@functools.lru_cache(maxsize=None)
def _dateline_res() -> tuple[re.Pattern, re.Pattern]:
    lx = lexicon.load("datelines")
    agency = lexicon.alternation(lexicon.load("boilerplate")["agencies"])
    line = "|".join("(?:" + p.replace("{agency}", agency) + ")" for p in lx["line_start"])
    anywhere = "|".join("(?:" + p.replace("{agency}", agency) + ")" for p in lx["anywhere"])
    return re.compile(line, re.I), re.compile(anywhere, re.I)


def dateline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text`` that are a dateline (新华社日内瓦10月20日电, "GENEVA,
    Oct 20 (Xinhua) --", 参考消息网10月23日报道 opening a line) or a reported
    source's date (据法新社10月20日报道), in the lines that ``start:end``
    touches: the dispatch speaking of itself, not the story
    (models/lexicons/datelines.json)."""
    out: list[tuple[int, int]] = []
    pos = text.rfind("\n", 0, start) + 1
    while pos <= end and pos <= len(text):
        stop, spans = _line_datelines(text, pos)
        out.extend(spans)
        pos = stop + 1
    return out


@functools.lru_cache(maxsize=16384)
def _line_datelines(text: str, pos: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """(end, dateline spans) of the line of ``text`` starting at ``pos``.
    Cached: the checks ask about the same lines of a document once per
    cue and per date (about 240,000 times at 10^4 sentences, issue 12),
    and a document's text is one string object, whose hash Python keeps."""
    line_re, anywhere_re = _dateline_res()
    stop = text.find("\n", pos)
    stop = len(text) if stop < 0 else stop
    out = []
    head = line_re.match(text, pos, stop)
    if head is not None and head.end() > head.start():
        out.append(head.span())
    out.extend((pos + a.start(), pos + a.end()) for a in anywhere_re.finditer(text[pos:stop]))
    return stop, tuple(out)


def in_dateline(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` inside a dateline (see :func:`dateline_spans`)?"""
    return any(a <= start and end <= b for a, b in dateline_spans(text, start, end))


def header_date(m: Mention, side: Side) -> bool:
    """Is date ``m`` the text's own date rather than a date of the story: in
    a dateline opening its line (新华社日内瓦10月20日电, "GENEVA, Oct 20
    (Xinhua) --") or a reported source's date (据法新社10月20日报道)?  Stamps
    and date lines of the page are boilerplate and never reach the checks;
    this catches the dates written into the body's first words
    (models/lexicons/datelines.json)."""
    return in_dateline(side.doc_text, m.start, m.end)


def zone_shift(a: Mention, b: Mention) -> bool:
    """Are two clock times the same moment possibly read in two time zones:
    written with different zones (``attrs['tz']``: 00H00 GMT against 8
    heures, heure locale) and a whole number of hours apart?  A version
    that converts a wire's GMT time to local time keeps the minutes; the
    reader cannot tell a conversion from a change without the zones."""
    if (a.attrs or {}).get("tz") == (b.attrs or {}).get("tz"):
        return False
    return any((x - y) % 60 == 0 for x in clock_minutes(a) for y in clock_minutes(b))


def _same_at_finer(a: Mention, others: list[Mention]) -> bool:
    """``a`` (the finer date) is stated as it is among ``others`` (the other
    side's dates nearby): granularity was not lost, only moved a sentence."""
    return any(o.kind == "date" and o.value == a.value and o.granularity == a.granularity for o in others)


def _counted(m: Mention) -> bool:
    """A date counted from a point in time (5 months later, last week), as
    opposed to one that names its month and day with a relative year (le 5
    août dernier), which is paired with written dates."""
    named = "years" in ((m.attrs or {}).get("offset") or {}) and m.granularity in ("day", "minute")
    return m.type == "relative" and not named


def _written_type(m: Mention) -> str:
    """The mention's type, a relative date that names its day counting as partial."""
    return "partial" if m.type == "relative" and not _counted(m) else m.type


def check_dates(pair: AlignedPair) -> list[Finding]:
    """Date findings of one bead: the body's dates of each side, paired
    (equal first, then shifted or less precise, then different), reported
    when they differ.  Dates in a dateline are the texts' own dates, not
    the story's: they are left out."""
    if pair.src.empty or pair.tgt.empty:
        return []
    src, tgt = pair.mentions("date")
    src = [m for m in src if not header_date(m, pair.src)]
    tgt = [m for m in tgt if not header_date(m, pair.tgt)]
    if not tgt:
        # a date the target tells by a vague time word lost its precision; one
        # it does not tell at all is missing (_one_sided)
        return _told_vaguely(pair, src) or _one_sided(pair, pair.src, pair.tgt, src, "date_missing")
    if not src:
        return _one_sided(pair, pair.tgt, pair.src, tgt, "date_added")
    slen, tlen = max(1, len(pair.src.text)), max(1, len(pair.tgt.text))
    # a relative date ("5 months later") is only paired with a relative one;
    # a clock time with any time ("yesterday at 5 pm" / à 17 h)
    verdict = {(i, j): _compare(a, b) for i, a in enumerate(src) for j, b in enumerate(tgt)
               if _counted(a) == _counted(b) or "time" in (a.type, b.type)}
    # as with numbers (issue 19 item 4), two dates that differ are compared only
    # inside one clause group of the bead: in a many-to-one bead the quake's
    # time and the time the tsunami alert was lifted are two statements
    verdict = {(i, j): v for (i, j), v in verdict.items()
               if v.relation == "equal" or pair.same_clause(src[i].start, tgt[j].start)}

    def dist(i: int, j: int) -> float:
        return abs((src[i].start - pair.src.start) / slen - (tgt[j].start - pair.tgt.start) / tlen)

    used_s: set[int] = set()
    used_t: set[int] = set()
    findings = []
    for relations in ({"equal"}, {"direction_changed", "shifted", "granularity_lost", "time_changed"}, {"different"}):
        cands = sorted((dist(i, j), i, j) for (i, j), v in verdict.items() if v.relation in relations)
        for _, i, j in cands:
            if i in used_s or j in used_t:
                continue
            used_s.add(i)
            used_t.add(j)
            v = verdict[i, j]
            if v.relation == "equal":
                continue
            a, b = src[i], tgt[j]
            if v.relation == "different" and _written_type(a) != _written_type(b):
                continue  # an absolute date against a relative one: not the same date mention
            if (v.relation != "direction_changed" and not (a.type == b.type and a.type in ("absolute", "weekday"))
                    and not (_anchor_free(a) and _anchor_free(b)) and pair.src.anchor != pair.tgt.anchor):
                # a partial or relative date is read against its own document's date:
                # two versions dated differently (a retelling published days later)
                # re-anchor them, so "the 22nd" and "Dec 23" may be one day; only dates
                # written in full (and days of the week: Thursday is Thursday), or with
                # their month (4月底 / 'the end of May': the anchor gives only the year), are
                # compared then
                continue
            if v.relation == "time_changed" and zone_shift(a, b):
                continue  # one clock in another zone (8 heures, heure locale / 00H00 GMT): not a change
            if v.relation == "granularity_lost" and _FINENESS.get(a.granularity, 0) <= _FINENESS.get(b.granularity, 0):
                continue  # the second version is as precise or more: nothing was lost
            if v.relation == "granularity_lost" and _same_at_finer(a, pair.tgt.mentions + pair.tgt.context_mentions):
                continue  # the precise date is stated one sentence away
            type_, severity, conf = KINDS[v.relation]
            expl = _explain(pair, a, b, v.relation)
            findings.append(
                make_finding(pair, "date", type_, severity, conf,
                             [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)
            )
    return findings


def _anchor_free(m: Mention) -> bool:
    """A date its document's date does not move: written with its month
    or its decade, in full or without its year ('May', 4月, « le 3 mai »:
    ``attrs["written"]`` '--05', '--05-03'), not a relative one (a fresh
    user's trial, session 63: 4月底 / 'the end of May' in versions dated
    two days apart went unreported)."""
    from ..mentions.crossling import written_fields

    if (m.attrs or {}).get("decade"):
        return True  # a decade (« fin des années 90 », 上世纪90年代末): a date's days move no decade (session 64)
    return m.type == "absolute" or m.type == "partial" and "month" in (written_fields(m) or {})


def _vague_spans(side: Side, direction: str) -> list[tuple[int, int]]:
    """Spans (offsets into the document) of the side's vague time adverbs
    of ``direction`` (past, future: models/lexicons/dates.json
    ``vague_times``), outside the phrases that hold one without being it
    (``vague_times_not``: 'as soon as', 最近的 'nearest'); Chinese ones on
    LAC's word boundaries (此前 is no adverb in 在此前提下), the others as
    whole words."""
    table = lexicon.load("dates")
    words = table.get("vague_times", {}).get(direction, {}).get(side.lang, ())
    if not words:
        return []
    if side.lang == "zh":
        found = [(side.start + w.start, side.start + w.end) for w in side.words() if w.text in words]
    else:
        found = [(side.start + m.start(), side.start + m.end()) for m in _phrase_re(tuple(words)).finditer(side.text)]
    nots = tuple(table.get("vague_times_not", {}).get(side.lang, ()))
    if not nots or not found:
        return found
    if side.lang == "zh":
        taken = [(side.start + m.start(), side.start + m.end()) for m in re.finditer("|".join(map(re.escape, nots)),
                                                                                    side.text)]
    else:
        taken = [(side.start + m.start(), side.start + m.end()) for m in _phrase_re(nots).finditer(side.text)]
    return [(a, b) for a, b in found if not any(x < b and a < y for x, y in taken)]


@functools.lru_cache(maxsize=None)
def _phrase_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?![\w'’-])", re.I)


def _told_vaguely(pair: AlignedPair, src: list[Mention]) -> list[Finding]:
    """A date of the source counted from a point in time ('a month ago',
    一个月前, « dans deux semaines ») that a target writing no date tells
    by a vague time adverb of the same direction in the corresponding
    clause (AlignedPair.facing; 此前, 'earlier', « bientôt »): the date was
    made vague, granularity_lost, low (the sample corpus, session 52).  Not
    when the source has a vague word of that direction too, which the
    target's may render.  A target that says neither is the omission
    checks'; a vaguer source than target lost nothing."""
    for a in src:
        offset = [v for v in ((a.attrs or {}).get("offset") or {}).values() if v]
        if not _counted(a) or not offset:
            continue
        direction = "past" if offset[0] < 0 else "future"
        if _vague_spans(pair.src, direction):
            # the target's vague word may render the source's own, wherever
            # the clauses went ('had previously led' / 此前曾领导; 'resigned two
            # weeks ago, the report recently said' / 报告最近称，部长已辞职)
            continue
        spans = [s for s in _vague_spans(pair.tgt, direction) if pair.facing(a.start, s[0])]
        if spans:
            s, e = spans[0]
            type_, severity, conf = KINDS["granularity_lost"]
            expl = (f"The {pair.label(pair.src)} says {quote(a.text)} but the {pair.label(pair.tgt)} says only "
                    f"{quote(pair.tgt.doc_text[s:e])}: {_WHY['granularity_lost']}.")
            return [make_finding(pair, "date", type_, severity, conf,
                                 [pair.src.mention_evidence(a), pair.tgt.evidence(s, e)], expl)]
    return []


def _one_sided(pair: AlignedPair, side: Side, other: Side, dates: list[Mention], type_: str) -> list[Finding]:
    """The first date of ``side`` (``dates``: its body's dates) that a bead
    whose ``other`` side writes no date does not tell: ``date_missing``
    (source) or ``date_added`` (target), low.  A rumour moves a claim in
    time by dropping 'next week' or adding 'on Tuesday' (« OpenAI publiera
    GPT-5 la semaine prochaine » / 'OpenAI will release GPT-5' was silent
    before session 57).  Not reported: the present moment ('today', 今天,
    « aujourd'hui »: an offset of nothing, which a translation often leaves
    out); a date of a stray line; when the other side writes a date in a
    neighbouring bead (a boundary moved) or the same date anywhere in its
    document (moved, not dropped), or tells a time by a vague word
    ('recently', « bientôt »: _told_vaguely's), or writes a figure of it
    that its mentions did not read as a date; when the other side does not
    tell the rest of the date's clause (compare.told.claim_told: the clause
    is left out, the omission checks' finding, or the bead pairs two
    different clauses, as the generated corpus's mixed versions do); a bead
    less close than its pair's median (a loose rendering), or of more than
    one sentence a side inside documents (a headline or a caption grouped
    with a sentence)."""
    if below_median(pair) or any(m.kind == "date" for m in other.context_mentions):
        return []
    if in_document(pair) and (len(pair.src.sentence_ids) != 1 or len(pair.tgt.sentence_ids) != 1):
        return []  # a headline or a caption grouped with a sentence: what one tells the other need not
    if _vague_spans(other, "past") or _vague_spans(other, "future") or _tells_a_time(other):
        return []
    for m in dates:
        offset = (m.attrs or {}).get("offset") or {}
        if m.type == "relative" and not any(offset.values()):
            continue  # today, now
        if any(a <= m.start and m.end <= b for a, b, _ in side.stray):
            continue
        if any(_same_date(m, o) for o in other.doc_mentions):
            continue
        if _told_as_duration(m, other) or _digits_written(m, other) or _words_kept(m, side, other):
            continue
        if not claim_told(pair, side, other, (m.start, m.end)):
            continue  # the other version leaves out the clause, not the date: the omission checks'
        missing = type_ == "date_missing"
        expl = (f"The {pair.label(side)} says {quote(m.text)}; the {pair.label(other)} writes no date "
                f"{'there' if missing else 'for it'}: the date is {'missing from' if missing else 'added in'} "
                f"the {pair.label(pair.tgt)}.")
        evidence = [side.mention_evidence(m), other.evidence(role="context")]
        return [make_finding(pair, "date", type_, "low", 0.5, evidence, expl)]
    return []


def _tells_a_time(side: Side) -> bool:
    """Does ``side`` tell a time in words its mentions did not read as a date
    (models/lexicons/dates.json calendar_words, time_tags): 'last night',
    « en début de semaine prochaine », 昨晚?"""
    table = lexicon.load("dates")
    tags = set(table.get("time_tags", {}).get(side.lang, ()))
    if tags:
        return any(w.pos in tags for w in side.words())
    # a unit after a figure is an age or a length of time ('64 ans'), not a time
    return any(not re.search(r"\d\s*$", side.text[:a]) for a, _ in word_spans(side.text, _calendar_words(side.lang),
                                                                              side.lang))


@functools.lru_cache(maxsize=None)
def _calendar_words(lang: str) -> tuple[str, ...]:
    table = lexicon.load("dates")
    months = [m for m in table.get("months", {}).get(lang, {})
              if len(m) > 3 and m not in table.get("months_not_alone", {}).get(lang, ())]
    return tuple(dict.fromkeys([*table.get("calendar_words", {}).get(lang, ()), *months,
                                *table.get("weekdays", {}).get(lang, ()), *table.get("deictic", {}).get(lang, {})]))


def _same_date(m: Mention, o: Mention) -> bool:
    """Do two date mentions name the same day, month or year, or the same
    day of the week (dimanche / 'Sunday': attrs ``weekday``)?"""
    if o.kind != "date":
        return False
    if m.value is not None:
        return o.value == m.value
    day = ((m.attrs or {}).get("weekday") or {}).get("day")
    return day is not None and ((o.attrs or {}).get("weekday") or {}).get("day") == day


def _told_as_duration(m: Mention, other: Side) -> bool:
    """Does ``other`` tell a counted date (« cinq mois plus tard ») as a
    length of time, a number of as many units ('five months', 滞后了五个月:
    'was released five months behind', the sample corpus, session 57)?"""
    counts = [abs(v) for v in ((m.attrs or {}).get("offset") or {}).values() if v]
    return bool(counts) and any(o.kind == "number" and _magnitude(o.value) in counts for o in other.mentions)


def _words_kept(m: Mention, side: Side, other: Side) -> bool:
    """Does ``other``, in another language, write the date's words as they
    stand ('the sunday times' / « le Sunday Times », 'a song by june carter'
    / « June Carter Cash »), as often as ``side`` does and without a figure
    (« sur Mars le 5 mars » / 'on Mars' adds a date)?  A month's or a
    day's name is translated; one left as it is was a name's word, which
    ``side``'s mentions took for a date (session 60: lower-case English
    reads day and month names)."""
    if side.lang == other.lang or HAN_RE.search(m.text):
        return False  # a Chinese date's characters are no name kept in a Latin-script text
    words = re.findall(r"[^\W\d_]+", m.text.casefold())
    if not words or re.search(r"\d", m.text):
        return False  # 'May 5': a day written with it is a date's

    def times(word: str, text: str) -> int:
        return len(re.findall(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text.casefold()))

    # each of the side's uses accounted for: 'On Sunday, the Sunday Times' / « Le Sunday Times » adds a Sunday
    return all(times(w, other.text) >= times(w, side.text) for w in words)


def _digits_written(m: Mention, other: Side) -> bool:
    """Does ``other`` write a figure of the date (24 of 24日 in 'on 24th', 11
    of « 11 septembre 2001 » in 'post-9/11'), which its mentions did not read
    as a date (DEMETR's clean rows, session 57)?"""
    return any(re.search(r"(?<!\d)" + d + r"(?!\d)", other.text) for d in re.findall(r"\d+", m.text))


def _magnitude(value) -> Optional[float]:
    try:
        return abs(float(value))
    except (TypeError, ValueError):
        return None


_FINENESS = {"year": 1, "quarter": 2, "month": 3, "week": 4, "day": 5, "minute": 6}


_WHY = {
    "shifted": "the date moved",
    "direction_changed": "one looks back in time, the other forward",
    "granularity_lost": "the translation is less precise",
    "time_changed": "the time of day changed",
    "different": "they are different dates",
}


def _explain(pair: AlignedPair, a: Mention, b: Mention, relation: str) -> str:
    """Plain words, quoting the texts; resolved values are shown only for
    absolute dates (partial and relative ones were resolved against an
    anchor the reader does not see)."""
    from ..mentions.crossling import describe_reading, reading

    if relation == "direction_changed" and (reading(a) or reading(b)):
        # "'dans un an et demi' reads as future from the time of writing, where
        # the source says 一年半之后, a year and a half later"
        return (f"The {pair.label(pair.tgt)} {quote(b.text)} reads as {describe_reading(b)}, where the "
                f"{pair.label(pair.src)} says {quote(a.text)}, {describe_reading(a)}: the direction in time "
                f"changed.")
    why = "they name different days of the week" if a.type == b.type == "weekday" else _WHY[relation]
    if a.type == "absolute" and b.type == "absolute" and a.value and b.value:
        # a part of the year (H1, early) is not in the value: 'the second half of 2025' / 2025年上半年
        shown = [f"{m.value} {m.attrs['part']}" if (m.attrs or {}).get("part") else str(m.value) for m in (a, b)]
        why += f" ({shown[0]} vs {shown[1]})"
    elif (a.attrs or {}).get("part") and (b.attrs or {}).get("part") and a.granularity == b.granularity:
        # two parts of one month or decade that a value does not show: 二月初 / 'late February'
        unit = "decade" if a.attrs.get("decade") else a.granularity
        why += f" ({a.attrs['part']} vs {b.attrs['part']} of the {unit})"
    return (f"The {pair.label(pair.src)} says {quote(a.text)} but the {pair.label(pair.tgt)} "
            f"says {quote(b.text)}: {why}.")
