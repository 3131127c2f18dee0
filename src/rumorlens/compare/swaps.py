"""Two figures that trade places: 2人死亡、15人受伤 against 'killed 15
people and injured two'.  Every figure of one side is on the other, so the
number check, which pairs equal figures anywhere in a bead, sees nothing;
yet the dead are now the injured.

:func:`check_swaps`: each side is cut into segments at punctuation and
coordinating conjunctions (a list of figures: 2人死亡、15人受伤, 'killed 15
people and injured two'); a segment with exactly one count (roles:
mentions.roles.number_role) binds that count to its content words.  Two
counts of the source, of different values, whose equal figures stand in
two segments of the target are swapped when a word of one source segment
names a word of the *other* target segment (a dictionary tie:
lexicons.dictionaries.tied; 受伤 / 'injured') and no word ties either
segment to its own figure's segment.  Only words that tell the segments
apart count: a word both segments of a side share (人 in 2人死亡、15人受伤,
'people') binds nothing.  Reported as ``number/values_swapped``, medium:
the dictionaries say what each figure counts, not the encoder.
"""
from __future__ import annotations

from typing import Optional

from ..lexicons.dictionaries import tied
from ..lexicons.words import Word, word_lists
from ..mentions.roles import number_role
from ..records import Finding, Mention
from .numbers import fmt_value
from .pair import AlignedPair, Side, make_finding, quote

# tags that end a segment: punctuation and conjunctions (UD for fr/en, LAC for zh)
_BREAKS = frozenset({"PUNCT", "CCONJ", "SCONJ", "w", "c"})


def _segments(side: Side) -> list[tuple[int, int, list[Word]]]:
    """(start, end, content words) of each stretch of the side between
    breaks, offsets into the side's text."""
    content = set(word_lists()["content_pos"].get(side.lang, ()))
    out, start, held = [], 0, []
    ws = side.words()
    for w in list(ws) + [None]:
        if w is None or w.pos in _BREAKS:
            end = w.start if w is not None else len(side.text)
            if end > start:
                out.append((start, end, held))
            start, held = (w.end if w is not None else end), []
        elif w.pos in content and any(c.isalpha() for c in w.text):
            held.append(w)
    return out


def _bound_counts(side: Side) -> list[tuple[Mention, list[Word]]]:
    """Each count alone in its segment, with the words that tell its
    segment from the side's other segments; none when a count stands in its
    segment without a word."""
    segs = _segments(side)
    counts = [m for m in side.mentions if m.kind == "number" and m.value is not None
              and side.start <= m.start < side.end and number_role(m, side.doc_text) == "count"]
    found = []
    for k, (a, b, ws) in enumerate(segs):
        inside = [m for m in counts if a <= m.start - side.start < b]
        if len(inside) != 1:
            continue
        at = inside[0].start - side.start
        words = [w for w in ws if not w.start <= at < w.end]  # the count's own word aside (3亿元)
        if not words:
            # a bare figure shares the words of the figure beside it (资金6000万元和2亿元 /
            # '60 million and 200 million yuan of relief funding'): the side binds none apart
            return []
        others = [w for j, (_, _, vs) in enumerate(segs) if j != k for w in vs]
        found.append((inside[0], [w for w in words if not any(tied(w, side.lang, o, side.lang) for o in others)]))
    return found


def _ties(mine: list[Word], lang: str, theirs: list[Word], other_lang: str,
          frame: tuple[int, int] = (-1, -1)) -> list[tuple[Word, Word]]:
    """Pairs of words that name each other, but for two words that both
    come before every count and every verb of their side (``frame``: where
    that ends on each side): the sentence's subject or topic ('The
    accident' / 事故), which frames every figure of a list."""
    return [(x, y) for x in mine for y in theirs if tied(x, lang, y, other_lang)
            and not (x.end <= frame[0] and y.end <= frame[1])]


def _frame_end(side: Side, counts: list[Mention]) -> int:
    """Where the side's subject ends: its first count or first verb,
    whichever comes first (offsets into the side's text)."""
    verbs = set(word_lists()["verb_pos"].get(side.lang, ()))
    first_verb = next((w.start for w in side.words() if w.pos in verbs), len(side.text))
    return min([first_verb] + [m.start - side.start for m in counts])


def _same(a: Mention, b: Mention) -> bool:
    try:
        return float(a.value) == float(b.value)
    except (TypeError, ValueError):
        return False


def _swap(pair: AlignedPair, src, tgt) -> Optional[tuple]:
    """(a1, a2, a, b, x, y): source counts a1, a2 whose equal figures sit
    in target segments bound the other way round; the source word ``x``
    of count ``a`` names the target word ``y`` of count ``b`` (b is not a's
    figure)."""
    sl, tl = pair.src.lang, pair.tgt.lang
    frame = (_frame_end(pair.src, [m for m, _ in src]), _frame_end(pair.tgt, [m for m, _ in tgt]))
    for i, (a1, w1) in enumerate(src):
        for a2, w2 in src[i + 1:]:
            if _same(a1, a2):
                continue
            b1 = [(b, v) for b, v in tgt if _same(a1, b)]
            b2 = [(b, v) for b, v in tgt if _same(a2, b)]
            if len(b1) != 1 or len(b2) != 1:
                continue
            (b1, v1), (b2, v2) = b1[0], b2[0]
            if _ties(w1, sl, v1, tl, frame) or _ties(w2, sl, v2, tl, frame):
                continue
            for a, ws, b, vs in ((a1, w1, b2, v2), (a2, w2, b1, v1)):
                cross = _ties(ws, sl, vs, tl, frame)
                if cross:
                    return a1, a2, a, b, cross[0][0], cross[0][1]
    return None


def check_swaps(pair: AlignedPair) -> list[Finding]:
    """``number/values_swapped`` for one bead (module docstring)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    src, tgt = _bound_counts(pair.src), _bound_counts(pair.tgt)
    if len(src) < 2 or len(tgt) < 2:
        return []
    found = _swap(pair, src, tgt)
    if found is None:
        return []
    a1, a2, a, b, x, y = found
    expl = (f"The {pair.label(pair.src)} gives {quote(a.text)} for {quote(x.text)}; the {pair.label(pair.tgt)} "
            f"gives {quote(b.text)} for {quote(y.text)}: the figures {fmt_value(a1.value)} and "
            f"{fmt_value(a2.value)} trade places.")
    ev = [pair.src.evidence(m.start, m.end, value=m.value) for m in (a1, a2)]
    ev += [pair.src.evidence(pair.src.start + x.start, pair.src.start + x.end),
           pair.tgt.evidence(b.start, b.end, value=b.value),
           pair.tgt.evidence(pair.tgt.start + y.start, pair.tgt.start + y.end)]
    return [make_finding(pair, "number", "values_swapped", "medium", 0.6, ev, expl)]
