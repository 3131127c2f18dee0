"""Temporal order check: one version says an event came before another
(before, « avant », 之前, 会议前) where the other says after (after,
« après », 之后, 战争结束后).  Every number and name stays; what changed is
which event came first: 'Prior to the arrival of troops, Haiti had not
encountered the disease' told as 在军队到来之后 'after the troops came'.

The words that place events are listed by way (models/compare/cues.json
``temporal_order``).  French and English words are matched as written, on
word boundaries; Chinese words are LAC's tokens, and the single-character
localizers 前 and 后 count only after a word they place (会议前, not
前总统 'former president').  As the direction check (compare.direction)
does for changes, a bead is judged when every order word of each side,
within its neighbouring beads too, points one way and the two sides point
opposite ways.  Not judged: a side with both ways ('after the vote and
before the summit') or that tells a sequence ('then', 然后: 'A, then B'
is either), a bead where only one side has a negation ('not
before Friday' may render 'after Friday'), a bead of two documents less
close than its pair's median (a loose rendering).  The antonym check
(WordNet) also reads « avant » / 'after'; the driver keeps one finding of
the two (``_ONE_CAUSE_TYPES``).
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from ..lexicons.wordnet import converse_anaphors
from ..records import Finding
from .cues import cue_lists, negations, word_spans
from .pair import AlignedPair, Side, below_median, make_finding, quoted_spans, spans_evidence

WAYS = ("before", "after")
_HYPHENS = "-\u2010\u2011"


@functools.lru_cache(maxsize=None)
def _rules(lang: str) -> dict:
    return cue_lists().get("temporal_order", {}).get(lang, {})


@functools.lru_cache(maxsize=None)
def _counted_time(lang: str) -> Optional[re.Pattern]:
    pattern = _rules(lang).get("counted_time")
    return re.compile(pattern) if pattern else None


def order_words(side: Side, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """Spans (document offsets) of the order words of ``doc_text[start:end]``
    of ``side``, by way ('before', 'after')."""
    if side.lang == "zh":
        return _han_order_words(side, start, end)
    rules, text = _rules(side.lang), side.doc_text[start:end]
    return {way: [(start + a, start + b) for a, b in word_spans(text, rules.get(way, ()), side.lang)
                  if not _ruled_out(text, a, b, rules)] for way in WAYS}


def _ruled_out(text: str, a: int, b: int, rules: dict) -> bool:
    """A word joined to another by a hyphen (après-midi, ci-après), or right
    after one of the rules' ``not_after`` (« d'après » 'according to')."""
    after, before = text[b:b + 1], text[a - 1:a] if a else ""
    if (after and after in _HYPHENS) or (before and before in _HYPHENS):
        return True
    head = text[max(0, a - 4):a].casefold()
    return any(head.endswith(w) for w in rules.get("not_after", ()))


def _han_order_words(side: Side, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    rules = _rules(side.lang)
    toks = side.words(start, end)
    out: dict[str, list[tuple[int, int]]] = {way: [] for way in WAYS}
    for k, w in enumerate(toks):
        prev = toks[k - 1] if k else None
        way = _han_way(w, prev, rules)
        if way:
            # 之/前 cut in two by LAC: the span is the word 之前
            joined = prev is not None and prev.text in rules.get("localizer_joins", ()) and prev.end == w.start
            out[way].append((start + (prev.start if joined else w.start), start + w.end))
    return out


def _han_way(w, prev, rules: dict) -> Optional[str]:
    """The way a Chinese token places an event: a listed word; a localizer
    after a word it places, or after 之 or 以 (LAC cuts 之前 in two); a
    localizer fused with its word (雨后) that places in time; a counted
    time before a localizer (三年前)."""
    localizers, tags = rules.get("localizers", {}), rules.get("localizer_pos", ())
    counted = _counted_time("zh")
    for way in WAYS:
        if w.text in rules.get(way, ()):
            return way
        if w.text in localizers.get(way, ()):
            if prev is not None and w.pos in tags and (prev.pos in rules.get("localizer_after_pos", ())
                                                       or prev.text in rules.get("localizer_joins", ())):
                return way
        elif len(w.text) > 1 and w.text[-1] in localizers.get(way, ()):
            if w.pos in tags and w.text not in rules.get("spatial_localizers", ()):
                return way
            if counted is not None and counted.fullmatch(w.text[:-1]):
                return way
    return None


def _one_way(side: Side) -> Optional[tuple[str, list[tuple[int, int]]]]:
    """(way, spans) when every order word of the side, and of its
    neighbouring beads, places events one way; else None."""
    found = {way: spans for way, spans in order_words(side, side.start, side.end).items() if spans}
    if len(found) != 1 or _tells_a_sequence(side):
        return None
    if side.context_start is not None and side.context_end is not None:
        around = order_words(side, side.context_start, side.context_end)
        if sum(bool(spans) for spans in around.values()) != 1:
            return None
    return next(iter(found.items()))


def _points_back(side: Side, spans: list[tuple[int, int]]) -> bool:
    """Does every order word of the side place its event against what came
    before, by an anaphor (此前 'before that', 这之后, 'after that', « après
    cela »: opposites.json converses anaphors) rather than against an event
    it names?  'He finished third after a poor start' and
    他以第三名完成比赛，此前他开局不利 ('before that, a poor start') tell one
    order from its two ends (a break test of session 62: a medium
    order_reversed once 不利 no longer read as a negation)."""
    anaphors = converse_anaphors(side.lang)
    text = side.doc_text
    for a, b in spans:
        if side.lang == "zh":
            before = text[max(0, a - 2):a]
            if not (text[a] in anaphors or any(before.endswith(x) for x in anaphors)):
                return False
        else:
            nxt = re.match(r"\s*([\w'’]+)", text[b:b + 30])
            if not nxt or nxt.group(1).casefold() not in anaphors:
                return False
    return True


def _tells_a_sequence(side: Side) -> bool:
    """Does the side tell events in sequence ('then', « puis », 然后:
    ``temporal_order`` sequence)?  'A, then B' is 'A before B' and 'B
    after A': either word may render it."""
    words = _rules(side.lang).get("sequence", ())
    if side.lang == "zh":
        return any(w.text in words for w in side.words())
    return bool(word_spans(side.text, words, side.lang))


def check_order(pair: AlignedPair) -> list[Finding]:
    """``claim/order_reversed`` (medium): the two sides place the events
    opposite ways.  One finding per bead."""
    if pair.src.empty or pair.tgt.empty or below_median(pair):
        return []
    a, b = _one_way(pair.src), _one_way(pair.tgt)
    if a is None or b is None or a[0] == b[0]:
        return []
    if bool(negations(pair.src.text, pair.src.lang)) != bool(negations(pair.tgt.text, pair.tgt.lang)):
        return []
    if _points_back(pair.src, a[1]) != _points_back(pair.tgt, b[1]):
        return []
    (way_a, spans_a), (way_b, spans_b) = a, b
    words_a, words_b = quoted_spans(pair.src, spans_a), quoted_spans(pair.tgt, spans_b)
    expl = (f"The {pair.label(pair.src)} places it {way_a} ({words_a}); the {pair.label(pair.tgt)} places it "
            f"{way_b} ({words_b}): the order of events is told the other way round.")
    evidence = spans_evidence(pair, spans_a, spans_b)
    return [make_finding(pair, "claim", "order_reversed", "medium", 0.55, evidence, expl)]
