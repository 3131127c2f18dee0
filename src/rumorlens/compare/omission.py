"""Omission and addition: content on one side only.

- one-sided beads (a sentence with no counterpart);
- a bead whose one side is far shorter than this document pair usually is
  (robust z-score of the log length ratio against the pair's own median).

A hedge on one side only is a claim finding now (compare/claims.py)."""
from __future__ import annotations

import math
import re

from ..records import Finding
from ..langs import HANDLED, is_han, lang_name
from .pair import AlignedPair, make_finding, quote, robust_z
from .thresholds import thresholds


# a section title: markdown hashes, a roman or arabic section number, short
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|(?:[IVXLC]+|\d{1,2})[.)、]\s*\S[^\n]{0,70}$)")


def text_weight(text: str) -> float:
    """Length in 'characters of Latin text': a Chinese character carries
    about as much as three Latin letters."""
    cjk = sum(1 for c in text if is_han(c))
    return (len(text.strip()) - cjk) + 3 * cjk


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
    has_facts = any(m.kind in ("date", "entity") or (m.kind == "number" and _figure(m)) for m in side.mentions)
    if pair.relation == "transcript" and not has_facts:
        return []  # a spoken version pads and condenses: only a left-out name, figure or date is worth a look
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
    return [make_finding(pair, category, type_, severity, conf, [side.evidence()], expl)]


def _figure(m) -> bool:
    """A number a reader relies on: written with digits or a scale word
    (两个 "two of them" is phrasing, 3 亿 is a figure)."""
    return bool(re.search(r"\d", m.text)) or bool(m.scale_word) or m.type in ("money", "percent")


def check_partial(pair: AlignedPair) -> list[Finding]:
    """One side of a two-sided bead far shorter than usual for this pair."""
    if pair.src.empty or pair.tgt.empty or pair.stats.n < 8 or pair.stats.length_ratio_mad <= 0:
        return []
    if pair.relation == "transcript":
        return []  # spoken lines are cut anywhere: bead lengths say nothing about what was left out
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
    category, type_ = ("omission", "part_missing") if z < 0 else ("addition", "part_added")
    expl = (f"The {pair.label(shorter)} passage is much shorter than its {pair.label(longer)} "
            f"counterpart (unusual for these two documents): part of {quote(longer.text)} seems "
            f"{'left out' if z < 0 else 'added'}.")
    conf = min(0.7, 0.35 + 0.04 * (abs(z) - 4))
    return [make_finding(pair, category, type_, "low", conf, [longer.evidence(), shorter.evidence()], expl)]
