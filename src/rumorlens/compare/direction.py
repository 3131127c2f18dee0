"""Direction check: one version says a quantity went up (rose, « a
augmenté », 上升) where the other says it went down (fell, « a baissé »,
下降).  A rumour keeps every number and name and turns a fall into a rise;
no antonym dictionary pairs « augmenter » with 下降, so the verbs and nouns
of change are listed by direction (models/compare/cues.json
``direction_words``) and a clause pair is compared when each side's words
of change all point one way, the two sides opposite ways.  A side with
words of both directions ('prices rose while wages fell'), or a negation
(no rise / a fall), is not judged: which change is which's counterpart is
not known then.  The check reads whole beads, not clause pairs: a
transcript's line ('蒸馏可以降低推理成本') is a clause of a sentence whose
other clause says the opposite change (同时提高性能), and clause pairs
cut there set the two against each other (a false alarm on the sample
corpus when tried)."""
from __future__ import annotations

from ..records import Finding
from .cues import cue_lists, negations, word_spans
from .pair import AlignedPair, Side, make_finding, quoted_spans, spans_evidence

_SAID = {"up": "went up", "down": "went down"}


def _directions(side: Side, text: str, offset: int) -> dict[str, list[tuple[int, int]]]:
    """Spans of the words of change of ``text`` (the side's text, or its
    neighbourhood, starting at document offset ``offset``), by direction
    (offsets into the document)."""
    words = cue_lists().get("direction_words", {}).get(side.lang, {})
    return {way: [(offset + a, offset + b) for a, b in word_spans(text, listed, side.lang)]
            for way, listed in words.items()}


def _one_way(side: Side) -> tuple[str, list[tuple[int, int]]] | None:
    """(direction, spans) when every word of change of the side points one
    way, within its neighbouring beads too (a boundary may have moved the
    other change away: 蒸馏可以降低推理成本 / 同时提高性能 on two transcript
    lines), and the side has no negation; else None."""
    found = {way: spans for way, spans in _directions(side, side.text, side.start).items() if spans}
    if len(found) != 1 or negations(side.text, side.lang):
        return None
    start = side.start if side.context_start is None else side.context_start
    if len([spans for spans in _directions(side, side.context, start).values() if spans]) != 1:
        return None
    return next(iter(found.items()))


def check_direction(pair: AlignedPair) -> list[Finding]:
    """A change told in the opposite direction: medium (a claim reversed,
    its figures intact).  One finding per bead."""
    if pair.src.empty or pair.tgt.empty:
        return []
    a, b = _one_way(pair.src), _one_way(pair.tgt)
    if a is None or b is None or a[0] == b[0]:
        return []
    (way_a, spans_a), (way_b, spans_b) = a, b
    words_a, words_b = quoted_spans(pair.src, spans_a), quoted_spans(pair.tgt, spans_b)
    expl = (f"The {pair.label(pair.src)} says it {_SAID[way_a]} ({words_a}); the {pair.label(pair.tgt)} says it "
            f"{_SAID[way_b]} ({words_b}): the change is told the other way round.")
    evidence = spans_evidence(pair, spans_a, spans_b)
    return [make_finding(pair, "claim", "direction_reversed", "medium", 0.6, evidence, expl)]
