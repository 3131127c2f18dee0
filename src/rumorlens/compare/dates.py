"""Date checks: a date shifted, its granularity lost (22 octobre 2024 ->
2024), or a relative date whose direction changed ("a year and a half later"
read as "in a year and a half").  The judgement of two dates is the mentions
stage's ``compare_dates``; this module pairs the dates of a bead."""
from __future__ import annotations

import json

from ..records import Finding, Mention
from .pair import AlignedPair, make_finding, quote

KINDS = {
    "shifted": ("date_shifted", "high", 0.8),
    "direction_changed": ("direction_changed", "high", 0.8),
    "granularity_lost": ("granularity_lost", "low", 0.5),
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
        ka = (a.direction, reading(a), json.dumps((a.attrs or {}).get("offset"), sort_keys=True))
        kb = (b.direction, reading(b), json.dumps((b.attrs or {}).get("offset"), sort_keys=True))
        if ka == kb and ka[2] != "null":
            return _Same()
    return compare_dates(a, b)


def check_dates(pair: AlignedPair) -> list[Finding]:
    if pair.src.empty or pair.tgt.empty:
        return []
    src, tgt = pair.mentions("date")
    if not src or not tgt:
        return []  # a date on one side only is left to the omission checks: too often rephrased
    slen, tlen = max(1, len(pair.src.text)), max(1, len(pair.tgt.text))
    # a relative date ("5 months later") is only paired with a relative one
    verdict = {(i, j): _compare(a, b) for i, a in enumerate(src) for j, b in enumerate(tgt)
               if (a.type == "relative") == (b.type == "relative")}

    def dist(i: int, j: int) -> float:
        return abs((src[i].start - pair.src.start) / slen - (tgt[j].start - pair.tgt.start) / tlen)

    used_s: set[int] = set()
    used_t: set[int] = set()
    findings = []
    for relations in ({"equal"}, {"direction_changed", "shifted", "granularity_lost"}, {"different"}):
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
            if v.relation == "different" and (a.type != b.type):
                continue  # an absolute date against a relative one: not the same date mention
            if (v.relation != "direction_changed" and not (a.type == b.type == "absolute")
                    and pair.src.anchor != pair.tgt.anchor):
                # a partial or relative date is read against its own document's date:
                # two versions dated differently (a retelling published days later)
                # re-anchor them, so "the 22nd" and "Dec 23" may be one day; only dates
                # written in full are compared then
                continue
            if v.relation == "granularity_lost" and _FINENESS.get(a.granularity, 0) <= _FINENESS.get(b.granularity, 0):
                continue  # the second version is as precise or more: nothing was lost
            type_, severity, conf = KINDS[v.relation]
            expl = _explain(pair, a, b, v.relation)
            findings.append(
                make_finding(pair, "date", type_, severity, conf,
                             [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)
            )
    return findings


_FINENESS = {"year": 1, "month": 2, "day": 3}


_WHY = {
    "shifted": "the date moved",
    "direction_changed": "one looks back in time, the other forward",
    "granularity_lost": "the translation is less precise",
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
    why = _WHY[relation]
    if a.type == "absolute" and b.type == "absolute" and a.value and b.value:
        why += f" ({a.value} vs {b.value})"
    return (f"The {pair.label(pair.src)} says {quote(a.text)} but the {pair.label(pair.tgt)} "
            f"says {quote(b.text)}: {why}.")
