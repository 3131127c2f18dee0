"""Omission and addition: content on one side only.

- one-sided beads (a sentence with no counterpart);
- a bead whose one side is far shorter than this document pair usually is
  (robust z-score of the log length ratio against the pair's own median).

A hedge on one side only is a claim finding now (compare/claims.py)."""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from array import array
from typing import Iterator, Optional

import numpy as np

from ..records import Evidence, Finding
from ..langs import HANDLED, URL_OR_TARGET_RE, lang_name, text_weight
from ..mentions.names import has_counterpart, name_support
from .dates import dateline_spans
from .pair import AlignedPair, make_finding, quote, robust_z
from .phrasesim import prefetch
from .thresholds import thresholds


# a section title: markdown hashes, a roman or arabic section number, short
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|(?:[IVXLC]+|\d{1,2})[.)、]\s*\S[^\n]{0,70}$)")


def log_length_ratio(src: str, tgt: str) -> float:
    return math.log((text_weight(tgt) + 10) / (text_weight(src) + 10))


def check_stray(pair: AlignedPair) -> list[Finding]:
    """One low finding for a line in another language repeated through a
    document (a caption or watermark left in the page).  Its evidence is every
    occurrence, so every pair and bead that meets it yields the same finding
    id and the report keeps it once."""
    out = []
    for side in (pair.src, pair.tgt):
        for a, b, reason in side.stray:
            if not reason.startswith("repeated"):
                continue
            line = side.doc_text[a:b]
            where, k = [], side.doc_text.find(line)
            while k >= 0:
                where.append(k)
                k = side.doc_text.find(line, k + len(line))
            lang = reason.split(":", 1)[1] if ":" in reason else ""
            ev = [side.evidence(k, k + len(line)) for k in where]
            expl = (f"The same {lang_name(lang) if lang in HANDLED else 'foreign-language'} line "
                    f"{quote(line)} appears {len(where)} times in {side.path.rsplit('/', 1)[-1]}, in the middle "
                    f"of text in another language: likely a caption or watermark left in the page, not content "
                    f"of the article.")
            f = make_finding(pair, "addition", "stray_line", "low", 0.4, ev, expl, docs=[side.doc_id])
            f.bead = None  # one finding per document, whichever bead met it
            out.append(f)
            break  # one per side is enough: the id is the same for every occurrence
    return out


def check_one_sided(pair: AlignedPair) -> list[Finding]:
    if pair.src.empty == pair.tgt.empty:
        return []
    th = thresholds()
    side, other = (pair.src, pair.tgt) if pair.tgt.empty else (pair.tgt, pair.src)
    if text_weight(side.content) < th["one_sided_min_chars"]:
        return []  # headings, captions, image lines, "thanks for watching"
    if _HEADING.match(side.content) and "\n" not in side.content.strip():
        return []  # a section title ("IV. les pionniers…", "## 摘要"): structure, not a claim
    if written_elsewhere(side):
        return []  # a standfirst or a pull quote repeating the body: the other version states it there
    # a name the other version gives in the neighbouring passages is no fact
    # only this passage carries (a quote box: « Tedros Adhanom Ghebreyesus,
    # directeur de l'OMS, dans un communiqué »)
    named = set(_rendered_names(pair, side, other, side.start, side.end))
    if named and text_weight(_outside(side.doc_text, side.start, side.end, list(named))) \
            < th["partial_omission_min_chars"]:
        return []  # little but those names: a speech tag or credit line, as for a clause (_gap_runs)
    has_facts = any(m.kind == "date" or (m.kind == "entity" and (m.start, m.end) not in named)
                    or (m.kind == "number" and _figure(m)) for m in side.mentions)
    severity = "medium" if has_facts else "low"
    conf = 0.6 if has_facts else 0.45
    if pair.tgt.empty:
        type_, category = "sentence_missing", "omission"
        expl = (f"This {pair.label(side)} passage {quote(side.content)} has no counterpart in the "
                f"{pair.label(other)} version.")
    else:
        type_, category = "sentence_added", "addition"
        expl = (f"This {pair.label(side)} passage {quote(side.content)} has no counterpart in the "
                f"{pair.label(other)} version it was compared with.")
    return [make_finding(pair, category, type_, severity, conf, [side.evidence()] + other.gap_evidence(), expl)]


@functools.lru_cache(maxsize=None)
def _fold_char(ch: str) -> str:
    """The letters and digits one character folds to (case folded, accents
    removed): "É" -> "e", "ﬁ" -> "fi", "%" -> ""."""
    return "".join(c for c in unicodedata.normalize("NFKD", ch.casefold()) if c.isalnum())


# What each character seen so far folds to (_fold_char), by code point:
# how many characters, and the one when it is one.  A whole document is
# folded by looking its code points up in these (numpy), not character by
# character in Python (about 800 foldings of whole documents at 10^4
# sentences, issue 12).  Zeroed pages: only those of characters met take
# memory.
_FOLD_LEN = np.zeros(0x110000, dtype=np.uint8)
_FOLD_ONE = np.zeros(0x110000, dtype=np.uint32)
_FOLD_SEEN: set[str] = set()
_OFFSET = np.dtype(f"i{array('l').itemsize}")


def _folded(text: str) -> tuple[str, array]:
    """``text`` case-folded and without accents (État and Etat are one
    spelling: French often leaves capitals unaccented), with only its
    letters and digits, and the offset in ``text`` of each kept character
    (as :func:`_folded_plain` says, faster)."""
    fresh = set(text) - _FOLD_SEEN
    for ch in fresh:
        f = _fold_char(ch)
        _FOLD_LEN[ord(ch)] = len(f)
        _FOLD_ONE[ord(ch)] = ord(f) if len(f) == 1 else 0
    _FOLD_SEEN.update(fresh)
    # surrogatepass: a lone surrogate (undecodable input kept) is a code point too
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lens = _FOLD_LEN[cps]
    where = array("l")
    if lens.max(initial=0) <= 1:  # each character folds to at most one
        kept = np.flatnonzero(lens)
        where.frombytes(kept.astype(_OFFSET).tobytes())
        return _FOLD_ONE[cps[kept]].tobytes().decode("utf-32-le"), where
    where.frombytes(np.repeat(np.arange(len(cps), dtype=_OFFSET), lens).tobytes())
    return "".join(map(_fold_char, text)), where


def _folded_plain(text: str) -> tuple[str, array]:
    """:func:`_folded` character by character: its definition (tests)."""
    chars, where = [], array("l")
    for k, ch in enumerate(text):
        f = _fold_char(ch)
        if f:
            chars.append(f)
            where.extend([k] * len(f))
    return "".join(chars), where


# A pair job checks its two documents' beads and clauses one after another,
# each against its own document and the other one (written_elsewhere,
# written_in): the two documents (and a third of a neighbouring job) stay
# folded.  Two entries shared with the needles made them evict each other:
# about 820 foldings of whole documents at 10^4 sentences, 206 with this
# cache (issue 12).
# 8 bytes an array entry per character; a pure function of the text, so
# what is cached never depends on which jobs a worker ran before.
_folded_doc = functools.lru_cache(maxsize=4)(_folded)


def written_elsewhere(side, span: Optional[tuple[int, int]] = None) -> bool:
    """Is the side's content (or ``side.doc_text[a:b]`` for ``span`` (a, b),
    a clause) written again in its own document, away from the side and its
    neighbouring beads (letters and digits compared, case folded: « 95% »
    and « 95 % » are one)?  A web page's standfirst, summary
    box or pull quote repeats a sentence of the body; the other version
    states it once, where the body does, so the repeat is not added content.
    A repeat in the same or the next sentence is a duplicate, which
    compare.internal reports; it is not looked at here."""
    lo, hi = _with_neighbours(side)
    passage = side.content if span is None else side.doc_text[span[0]:span[1]]
    return any(last < lo or first >= hi for first, last in _written_at(side.doc_text, passage))


def written_in(other, clause: str, lang: str) -> bool:
    """Does the other side of a same-language pair (its bead and neighbours)
    write ``clause`` word for word, inside a longer clause maybe, up to
    case, accents and punctuation (« chefs d'État » / « chefs d'Etat »)?
    Then the clause alignment split it differently and nothing was added
    or left out."""
    if other.lang != lang:
        return False
    lo, hi = _with_neighbours(other)
    return any(first >= lo and last < hi for first, last in _written_at(other.doc_text, clause))


def _with_neighbours(side) -> tuple[int, int]:
    """(start, end) in its document of the side's bead with its
    neighbouring beads."""
    lo = side.start if side.context_start is None else min(side.start, side.context_start)
    hi = side.end if side.context_end is None else max(side.end, side.context_end)
    return lo, hi


def _written_at(doc_text: str, passage: str) -> Iterator[tuple[int, int]]:
    """(first, last) offsets in ``doc_text`` of the characters of each place
    that writes ``passage`` (letters and digits, case and accents folded);
    none when ``passage`` is too short to tell (one_sided_min_chars)."""
    needle = _folded(passage)[0]
    if len(needle) < thresholds()["one_sided_min_chars"]:
        return
    folded, where = _folded_doc(doc_text)
    k = folded.find(needle)
    while k >= 0:
        yield where[k], where[k + len(needle) - 1]
        k = folded.find(needle, k + 1)


def _figure(m) -> bool:
    """A number a reader relies on: written with digits or a scale word
    (两个 "two of them" is phrasing, 3 亿 is a figure)."""
    return bool(re.search(r"\d", m.text)) or bool(m.scale_word) or m.type in ("money", "percent")


def check_partial(pair: AlignedPair) -> list[Finding]:
    """One side of a two-sided bead far shorter than usual for this pair (a
    bead whose clauses were aligned is :func:`check_clause_gaps`' business)."""
    if pair.src.empty or pair.tgt.empty or pair.stats.n < 8 or pair.stats.length_ratio_mad <= 0:
        return []
    if pair.clause_groups:
        return []
    if pair.src.stray or pair.tgt.stray:
        return []  # an image line or a stray caption makes the lengths meaningless
    th = thresholds()
    r = log_length_ratio(pair.src.text, pair.tgt.text)
    z = robust_z(r, pair.stats.length_ratio_median, pair.stats.length_ratio_mad)
    if abs(z) < -th["partial_omission_robust_z"]:
        return []
    longer, shorter = (pair.src, pair.tgt) if z < 0 else (pair.tgt, pair.src)
    if text_weight(longer.text) < th["partial_omission_min_chars"]:
        return []
    # what is missing must weigh what a clause gap must (partial_omission_min_chars),
    # counted against the pair's usual ratio: on two short lines one word's length
    # swings the ratio (« Circonscription électorale Castelo Branco » / "Constituency
    # Castelo Branco" is a rendering, not a part left out)
    expected_tgt = (text_weight(pair.src.text) + 10) * math.exp(pair.stats.length_ratio_median)
    if abs(expected_tgt - (text_weight(pair.tgt.text) + 10)) < th["partial_omission_min_chars"]:
        return []
    category, type_ = ("omission", "part_missing") if z < 0 else ("addition", "part_added")
    expl = (f"The {pair.label(shorter)} passage is much shorter than its {pair.label(longer)} "
            f"counterpart (unusual for these two documents): part of {quote(longer.text)} seems "
            f"{'left out' if z < 0 else 'added'}.")
    conf = min(0.7, 0.35 + 0.04 * (abs(z) - 4))
    return [make_finding(pair, category, type_, "low", conf, [longer.evidence(), shorter.evidence()], expl)]


def check_clause_gaps(pair: AlignedPair) -> list[Finding]:
    """Clauses of a many-to-many bead that the align stage's clause
    alignment left without counterpart (``AlignedPair.clause_groups``): part
    of the passage left out, or added.  Clauses left out one after another
    (no aligned clause between them) are one passage and one finding: a
    paragraph the other version lacks is one omission, not one per clause.
    Its evidence is the passage, the point of the other side where it would
    have been (between the clauses aligned before and after it) and those
    clauses."""
    if pair.src.empty or pair.tgt.empty or not pair.clause_groups:
        return []
    out = []
    for run in _gap_runs(pair):
        (k, col, _, _), last = run[0], run[-1]
        side, other = (pair.src, pair.tgt) if col == 1 else (pair.tgt, pair.src)
        a, b = run[0][2], last[3]
        text = side.doc_text[a:b]
        where = _clause_gap(pair.clause_groups, k, col, other)
        has_facts = any(m.kind in ("date", "entity", "number") and any(x <= m.start and m.end <= y for _, _, x, y in run)
                        for m in side.mentions)
        category, type_ = ("omission", "part_missing") if col == 1 else ("addition", "part_added")
        expl = (f"Part of this {pair.label(side)} passage, {quote(text)}, has no counterpart in the matching "
                f"{pair.label(other)} passage.")
        out.append(make_finding(pair, category, type_, "medium" if has_facts else "low", 0.5 if has_facts else 0.4,
                                [side.evidence(a, b)] + where, expl))
    return out


def _gap_runs(pair: AlignedPair) -> list[list[tuple[int, int, int, int]]]:
    """The one-sided clause groups worth a finding, as (group index, the
    other side's column in ``clause_groups``: 1 when the clause is in the
    source, 0 in the target; start, end), in runs of
    groups on one side with no two-sided group (nor a group of the other
    side) between them.  A group is worth a finding when its content
    outside datelines, URLs, stray stretches and names the other side
    renders (:func:`_rendered_names`) weighs at least
    ``partial_omission_min_chars``, no clause of the other side reads
    like it (:func:`_matched_elsewhere`) and its own document does not
    write it again further away (:func:`written_elsewhere`: a standfirst)."""
    th = thresholds()
    runs: list[list[tuple[int, int, int, int]]] = []
    prev = None  # column of the last group, when it opened or extended a run
    crossed = _crossed_groups(pair)
    for k, (ss, ts) in enumerate(pair.clause_groups):
        if bool(ss) == bool(ts) or k in crossed:
            prev = None
            continue
        side, mine, col = (pair.src, ss, 1) if ss else (pair.tgt, ts, 0)
        a, b = min(x[0] for x in mine), max(x[1] for x in mine)
        other = pair.tgt if col == 1 else pair.src
        content = URL_OR_TARGET_RE.sub("", _outside(side.doc_text, a, b, dateline_spans(side.doc_text, a, b)
                                                    + _rendered_names(pair, side, other, a, b)))
        if text_weight(content) < th["partial_omission_min_chars"] \
                or any(x < b and a < y for x, y, _ in side.stray) or _matched_elsewhere(pair, side.doc_text[a:b], col) \
                or written_elsewhere(side, (a, b)) or written_in(other, side.doc_text[a:b], side.lang):
            prev = None  # a clause with a counterpart (or none to speak of) ends the passage
            continue
        if prev == col:
            runs[-1].append((k, col, a, b))
        else:
            runs.append([(k, col, a, b)])
        prev = col
    return runs


def _crossed_groups(pair: AlignedPair) -> set[int]:
    """One-sided clause groups of a bead that are each other's counterpart
    across the two sides: a translation that reorders the clauses of a
    sentence (习近平指出，中法都是独立、成熟、有担当的大国，两国关系具有…意义 /
    "relations are of unique significance … as both are independent, mature
    and responsible major countries, Xi noted") leaves one clause one-sided
    on each side, since the clause alignment is monotonic.  Two such groups
    cross when each is the other's best match among the clauses of the
    other side (phrase similarity), at least ``move_min_similarity`` and as
    similar as an aligned bead of this pair may be (robust z at least
    ``move_min_z``): the bar of a moved sentence (compare.moves), so that two
    copies in one language, whose beads run near 1, do not pair two clauses
    that only share a subject.  Without an encoder: none."""
    sim = pair.phrase_similarity
    if sim is None or not pair.clause_groups:
        return set()

    def texts(col: int, side) -> dict[int, str]:
        return {g: side.doc_text[min(x for x, _ in grp[col]):max(y for _, y in grp[col])]
                for g, grp in enumerate(pair.clause_groups) if grp[col]}

    src, tgt = texts(0, pair.src), texts(1, pair.tgt)
    src_only = [g for g in src if g not in tgt]
    tgt_only = {g for g in tgt if g not in src}
    if not src_only or not tgt_only:
        return set()
    prefetch(sim, list(src.values()) + list(tgt.values()))  # one batch, not one text at a time
    th = thresholds()
    out: set[int] = set()
    for k in src_only:
        score, best = max((sim(src[k], t), g) for g, t in tgt.items())
        if best in tgt_only and score >= th["move_min_similarity"] \
                and robust_z(score, pair.stats.median, pair.stats.mad) >= th["move_min_z"] \
                and max((sim(tgt[best], s), g) for g, s in src.items())[1] == k:
            out |= {k, best}
    return out


def _outside(text: str, a: int, b: int, spans) -> str:
    """``text[a:b]`` without the ``spans`` (start, end) that are not content
    the other version could have left out: dateline spans (参考消息网10月23日报道
    据法新社10月20日报道, compare.dates.dateline_spans: a reprint's credit
    line) and names the other side renders (:func:`_rendered_names`)."""
    out, last = [], a
    for x, y in sorted(spans):
        if y <= a or x >= b:
            continue
        out.append(text[last:max(last, x)])
        last = max(last, y)
    out.append(text[last:b])
    return "".join(out)


def _rendered_names(pair: AlignedPair, side, other, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of the names in ``side.doc_text[a:b]`` that the other side of
    the bead or its neighbouring beads render (mentions.names.has_counterpart, or a ``name_support``
    at least ``entity_support_source``, the entity check's bar): a translation often
    moves a speech tag to another clause ("…", a déclaré Tedros Adhanom
    Ghebreyesus, dans un communiqué / 世卫组织总干事谭德塞说: "…"), so the
    name is no fact the clause alone carries; what is left of the clause
    must weigh enough on its own."""
    support = thresholds()["entity_support_source"]
    other = other.widened()  # alignment boundaries move a speech tag one sentence away
    return [(m.start, m.end) for m in side.mentions
            if m.kind == "entity" and a <= m.start and m.end <= b
            and (has_counterpart(m, other, pair.phrase_similarity) or name_support(m.text, other, m.lang)[0] >= support)]


def _matched_elsewhere(pair: AlignedPair, text: str, col: int) -> bool:
    """The clause reads like some clause of the other side of the bead at
    least as well as this pair's typical bead does (median similarity): the
    clause alignment split it differently, nothing was left out.  Without an
    encoder nothing can be said: False."""
    sim = pair.phrase_similarity
    if sim is None:
        return False
    other = pair.tgt if col == 1 else pair.src
    clauses = [other.doc_text[x:y] for g in pair.clause_groups for x, y in g[col]]
    prefetch(sim, [text] + clauses)  # one batch, not one text at a time
    return any(sim(text, c) >= pair.stats.median for c in clauses)


def _clause_gap(groups: list, k: int, col: int, other) -> list:
    """Gap evidence on the other side for the one-sided clause group ``k``:
    the end of the last clause of that side before it (else the start of the
    first after it), and those neighbouring clauses as context."""
    before = [sp for g in groups[:k] for sp in g[col]]
    after = [sp for g in groups[k + 1:] for sp in g[col]]
    at = before[-1][1] if before else (after[0][0] if after else other.start)
    lo = before[-1][0] if before else at
    hi = after[0][1] if after else at
    ev = [Evidence(doc=other.doc_id, path=other.path, start=at, end=at, text="", role="gap")]
    if hi > lo:
        ev.append(Evidence(doc=other.doc_id, path=other.path, start=lo, end=hi, text=other.doc_text[lo:hi],
                           role="context"))
    return ev
