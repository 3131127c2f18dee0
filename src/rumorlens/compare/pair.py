"""What a check looks at: one aligned bead of two versions, and how findings
are built from it.

A check is a plain function ``(pair: AlignedPair) -> list[Finding]``.  The
pair carries both sides' text, offsets, the mentions that fall inside each
side, the bead similarity, and statistics of every bead similarity in the
same document pair (so a check can judge a bead against its own pair rather
than against one global threshold).
"""
from __future__ import annotations

import hashlib
import json
import statistics
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..langs import lang_name
from ..records import ClaimProfile, Evidence, Finding, Mention


# Pairs that retell rather than translate: only hard facts are compared
# between them (figures, dates written in full, mangled names).
RETELLING_RELATIONS = frozenset({"retelling", "same-language-version"})


def median_mad(values: list[float]) -> tuple[float, float]:
    """Median and median absolute deviation: the robust centre and spread
    against which a bead is judged within its own document pair."""
    med = statistics.median(values)
    return med, statistics.median(abs(v - med) for v in values)


def robust_z(value: float, median: float, mad: float) -> float:
    """How far ``value`` sits from the median, in MAD units scaled to a
    standard deviation (0 when there is no spread to measure against)."""
    spread = 1.4826 * mad
    if spread <= 1e-9:
        return 0.0
    return (value - median) / spread

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}

# Optional phrase similarity (cosine of two short strings, e.g. two entity
# names in different languages).  Provided by the driver when an encoder is
# available; checks must work without it.
PhraseSimilarity = Callable[[str, str], float]


@dataclass
class Side:
    """One side of a bead: a contiguous slice of one document."""

    doc_id: str
    path: str
    lang: str
    doc_text: str  # the whole document text (evidence offsets point into it)
    start: int  # slice of ``doc_text`` covered by the bead's sentences
    end: int
    sentence_ids: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # the neighbouring beads' text on this side (alignment boundaries move
    # words across beads: a name "missing" here may sit one sentence away)
    context_start: Optional[int] = None
    context_end: Optional[int] = None
    # mentions of the neighbouring beads (same window as ``context``), outside this bead
    context_mentions: list[Mention] = field(default_factory=list)
    # stretches of this side that are not content: (start, end, reason), reason
    # "markup" (an image or link line) or "repeated" (a line in another language
    # repeated through the document: a caption or watermark left in the page).
    # Checks neither compare them nor report them as omitted or added text.
    stray: list[tuple[int, int, str]] = field(default_factory=list)
    # claim profiles (claims stage) of this side's sentences, and of the
    # sentences next to it (one each way; three for a transcript's short lines)
    claims: list[ClaimProfile] = field(default_factory=list)
    near_claims: list[ClaimProfile] = field(default_factory=list)

    @property
    def context(self) -> str:
        if self.context_start is None or self.context_end is None:
            return self.text
        return self.doc_text[self.context_start : self.context_end]

    @property
    def text(self) -> str:
        return self.doc_text[self.start : self.end]

    @property
    def empty(self) -> bool:
        return self.end <= self.start

    @property
    def content(self) -> str:
        """The side's text without its stray stretches."""
        if not self.stray:
            return self.text
        out, last = [], self.start
        for a, b, _ in sorted(self.stray):
            out.append(self.doc_text[last:a])
            last = max(last, b)
        out.append(self.doc_text[last:self.end])
        return "\n".join(x.strip() for x in out if x.strip())

    def evidence(self, start: Optional[int] = None, end: Optional[int] = None, value=None) -> Evidence:
        """Evidence for ``doc_text[start:end]`` (the whole side by default)."""
        s = self.start if start is None else start
        e = self.end if end is None else end
        return Evidence(doc=self.doc_id, path=self.path, start=s, end=e, text=self.doc_text[s:e], value=value)

    def mention_evidence(self, m: Mention, value=None) -> Evidence:
        return self.evidence(m.start, m.end, m.value if value is None else value)


@dataclass
class PairStats:
    """Distribution of bead similarities over the whole document pair
    (two-sided beads only): robust centre and spread."""

    n: int = 0
    median: float = 0.0
    mad: float = 0.0  # median absolute deviation (unscaled)
    length_ratio_median: float = 1.0  # median of log(len tgt / len src), see omission check
    length_ratio_mad: float = 0.0


@dataclass
class AlignedPair:
    src: Side
    tgt: Side
    similarity: float = 0.0  # bead similarity, 0 for one-sided beads
    bead: Optional[int] = None  # index of the bead in its pair alignment
    stats: PairStats = field(default_factory=PairStats)
    relation: str = ""  # relation of the two documents ("translation", ...)
    phrase_similarity: Optional[PhraseSimilarity] = None

    def label(self, side: "Side") -> str:
        """How an explanation names a side: its language, or its file when
        both versions are in the same language."""
        if self.src.lang != self.tgt.lang or not side.path:
            return lang_name(side.lang)
        return f"{lang_name(side.lang)} of {side.path.rsplit('/', 1)[-1]}"

    @property
    def docs(self) -> list[str]:
        return [self.src.doc_id, self.tgt.doc_id]

    def mentions(self, kind: str) -> tuple[list[Mention], list[Mention]]:
        return (
            [m for m in self.src.mentions if m.kind == kind],
            [m for m in self.tgt.mentions if m.kind == kind],
        )


def finding_id(category: str, type_: str, evidence: list[Evidence]) -> str:
    """Stable id derived from content: the same cause at the same place always
    gets the same id, whatever else the run finds."""
    key = json.dumps(
        [category, type_, sorted([e.doc, e.start, e.end] for e in evidence)],
        ensure_ascii=False,
    )
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def make_finding(
    pair: Optional[AlignedPair],
    category: str,
    type_: str,
    severity: str,
    confidence: float,
    evidence: list[Evidence],
    explanation: str,
    docs: Optional[list[str]] = None,
) -> Finding:
    return Finding(
        id=finding_id(category, type_, evidence),
        category=category,
        type=type_,
        severity=severity,
        confidence=round(max(0.0, min(1.0, float(confidence))), 3),
        evidence=evidence,
        explanation=explanation,
        docs=list(docs if docs is not None else (pair.docs if pair else [])),
        bead=pair.bead if pair else None,
    )


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
