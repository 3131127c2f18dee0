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

from ..langs import lang_name, text_weight
from ..lexicons.words import DocumentWords, Word, words
from ..mentions import lexicon
from ..records import ClaimProfile, Evidence, Finding, Mention
from .thresholds import thresholds


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
    # mentions of the text just before this side (reference_lookback_chars): the
    # antecedents a pronoun of this side may refer to (compare.references)
    preceding_mentions: list[Mention] = field(default_factory=list)
    # every mention of the document (shared, not copied): what the whole version
    # says, for a figure that a retelling moved elsewhere (compare.numbers)
    doc_mentions: list[Mention] = field(default_factory=list)
    # stretches of this side that are not content: (start, end, reason), reason
    # "markup" (an image or link line), "boilerplate" (page furniture) or
    # "repeated" (a line in another language repeated through the document: a
    # caption or watermark left in the page).
    # Checks neither compare them nor report them as omitted or added text.
    stray: list[tuple[int, int, str]] = field(default_factory=list)
    # claim profiles (claims stage) of this side's sentences, and of the
    # sentences next to it (one each way; three for a transcript's short lines)
    claims: list[ClaimProfile] = field(default_factory=list)
    near_claims: list[ClaimProfile] = field(default_factory=list)
    # offsets of the near sentences' cues that their own bead already pairs
    # with a cue of the other version: such a cue cannot also answer this
    # side's cues (compare.claims.bind_near)
    bound: frozenset = frozenset()
    # an empty side (content on the other side only): where in this document
    # that content would sit (the end of the sentence before it), and the
    # span of the sentence before and the sentence after that point
    gap_at: Optional[int] = None
    gap_around: Optional[tuple[int, int]] = None
    # the document's own date (ISO), against which its partial and relative dates were read
    anchor: Optional[str] = None
    # what the checks work out on this side and ask again (compare.claims.side_cues),
    # by their own keys; a new side (dataclasses.replace, widened) starts empty
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # where the side's words are read (lexicons.words.DocumentWords: each sentence
    # of the document once, shared by the pairs of a compare batch); None: read now
    words_from: Optional[DocumentWords] = field(default=None, repr=False, compare=False)

    def sentence_spans(self) -> list[tuple[int, int]]:
        """The side's sentences as spans of ``doc_text`` (segment.split_spans), in order; kept in ``memo``."""
        if "sentence_spans" not in self.memo:
            from ..segment import split_spans

            self.memo["sentence_spans"] = split_spans(self.doc_text, self.lang, self.start, self.end)
        return self.memo["sentence_spans"]

    def clause_spans(self) -> list[tuple[int, int]]:
        """The side's clauses as spans of ``doc_text``, in order: its
        sentences cut into clauses (clauses.clause_spans); kept in ``memo``."""
        if "clause_spans" not in self.memo:
            from ..clauses import clause_spans

            self.memo["clause_spans"] = [c for a, b in self.sentence_spans()
                                         for c in clause_spans(self.doc_text[a:b], self.lang, offset=a)]
        return self.memo["clause_spans"]

    def place(self, offset: int, spans: list[tuple[int, int]]) -> int:
        """Index in ``spans`` of the span that holds ``offset`` (-1: none)."""
        return next((k for k, (a, b) in enumerate(spans) if a <= offset < b), -1)

    def share(self, offset: int) -> float:
        """Where ``offset`` stands in the side, 0 (its start) to 1 (its end)."""
        return (offset - self.start) / max(1, self.end - self.start)

    def words(self, start: Optional[int] = None, end: Optional[int] = None) -> tuple[Word, ...]:
        """The words of ``doc_text[start:end]`` (the side by default) in the
        side's language, offsets into that text (lexicons.words.words).
        Raises ValueError for a language without a word model."""
        a = self.start if start is None else start
        b = self.end if end is None else end
        if self.words_from is not None and self.words_from.knows(self.doc_id):
            return self.words_from.stretch(self.doc_id, self.doc_text, a, b, self.lang)
        return words(self.doc_text[a:b], self.lang)

    @property
    def context(self) -> str:
        if self.context_start is None or self.context_end is None:
            return self.text
        return self.doc_text[self.context_start : self.context_end]

    @property
    def text(self) -> str:
        return self.doc_text[self.start : self.end]

    def widened(self) -> "Side":
        """The side widened to its neighbouring beads (``context``), with
        their mentions; the side itself when it has no context."""
        if self.context_start is None or self.context_end is None:
            return self
        return Side(self.doc_id, self.path, self.lang, self.doc_text, self.context_start, self.context_end,
                    self.sentence_ids, sorted(self.mentions + self.context_mentions, key=lambda m: (m.start, m.end)),
                    words_from=self.words_from)

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

    def evidence(self, start: Optional[int] = None, end: Optional[int] = None, value=None,
                 role: Optional[str] = None) -> Evidence:
        """Evidence for ``doc_text[start:end]`` (the whole side by default);
        ``role`` as in records.EVIDENCE_ROLES ("context": the passage a
        name or figure is missing from, shown for orientation)."""
        s = self.start if start is None else start
        e = self.end if end is None else end
        return Evidence(doc=self.doc_id, path=self.path, start=s, end=e, text=self.doc_text[s:e], value=value,
                        role=role)

    def gap_evidence(self) -> list[Evidence]:
        """Evidence for an empty side: a zero-length span (role ``gap``) where
        the other side's content would have been, and the sentences around
        it (role ``context``); none when the place is unknown."""
        if self.gap_at is None:
            return []
        out = [Evidence(doc=self.doc_id, path=self.path, start=self.gap_at, end=self.gap_at, text="", role="gap")]
        if self.gap_around is not None and self.gap_around[1] > self.gap_around[0]:
            a, b = self.gap_around
            out.append(Evidence(doc=self.doc_id, path=self.path, start=a, end=b, text=self.doc_text[a:b],
                                role="context"))
        return out

    def mention_evidence(self, m: Mention, value=None) -> Evidence:
        return self.evidence(m.start, m.end, m.value if value is None else value)


# how far apart (as a share of each side's length) a source and a target
# offset may stand and still face each other in sides cut into different
# numbers of clauses (AlignedPair.facing): hand-set, session 52
FACING_SHARE = 0.3


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
    # how much closer the two sides are to each other than either is to the
    # other version's neighbouring bead (cosine of mean sentence vectors,
    # compare.driver.bead_margins); None: one-sided, or no vectors at hand
    margin: Optional[float] = None
    # one sentence against one, between two beads of one sentence a side that
    # are clear counterparts (compare.driver.anchored_beads)
    anchored: bool = False
    relation: str = ""  # relation of the two documents ("translation", ...)
    phrase_similarity: Optional[PhraseSimilarity] = None
    # a bead of several sentences: its clause pairs (the align stage's
    # ``Bead.clauses``, two-sided groups only), each an AlignedPair of the
    # same bead whose sides are the two clauses; checks that need the
    # counterpart of a statement run on these instead of the whole bead
    clauses: list["AlignedPair"] = field(default_factory=list)
    # the bead's whole clause alignment as the align stage recorded it
    # (records.Bead.clauses): [[src spans], [tgt spans]] per group, one side
    # possibly empty; empty: the bead is one clause pair
    clause_groups: list = field(default_factory=list)
    # past the end of a version whose text is cut short (a stored excerpt): what
    # the other version says there cannot be compared with anything
    beyond_cut: bool = False
    # one clause pair of a longer bead (``AlignedPair.clauses``): each side is
    # what the clause aligner paired with the other, a counterpart as a whole
    is_clause: bool = False
    # the two ends of a passage a version moved (compare.moves.moved_beads):
    # two beads left one-sided by the monotonic alignment, compared as one;
    # ``bead`` is the first one's index
    moved: bool = False
    # what a check works out on this bead and would otherwise work out again
    # (a check's prefetch, then the check itself: compare.coverage), by the
    # check's own keys; never part of a finding
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def clause_group(self, side: str, offset: int) -> Optional[int]:
        """Index of the clause group holding document offset ``offset`` on
        side ``side`` ("src" or "tgt"); None when the bead has no clause
        alignment or no span holds it."""
        if not self.clause_groups:
            return None
        k = 0 if side == "src" else 1
        for g, group in enumerate(self.clause_groups):
            if any(a <= offset < b for a, b in group[k]):
                return g
        return None

    def facing(self, src_offset: int, tgt_offset: int) -> bool:
        """Do a source offset and a target offset stand in corresponding
        clauses: the same clause group of the align stage's clause
        alignment when it made one; else the same place in two sides cut
        into as many clauses (Side.clause_spans); else, two sides of as
        many sentences, the same sentence and about the same place in the
        side (FACING_SHARE: a link cut as a clause at 'https:').  Stricter than
        :meth:`same_clause`: a word of the next sentence or clause does not
        face a date or a hedge of this one ('He resigned last month. He had
        earlier denied…', a session 52 break test)."""
        if self.clause_groups:
            return self.same_clause(src_offset, tgt_offset)
        src, tgt = self.src, self.tgt
        cs, ct = src.clause_spans(), tgt.clause_spans()
        if len(cs) == len(ct):
            i = src.place(src_offset, cs)
            return i >= 0 and i == tgt.place(tgt_offset, ct)
        ss, st = src.sentence_spans(), tgt.sentence_spans()
        if len(ss) != len(st):
            return False
        i = src.place(src_offset, ss)
        return (i >= 0 and i == tgt.place(tgt_offset, st)
                and abs(src.share(src_offset) - tgt.share(tgt_offset)) <= FACING_SHARE)

    def same_clause(self, src_offset: int, tgt_offset: int) -> bool:
        """Do a source offset and a target offset sit in one clause group
        (two statements that correspond)?  Always true for a bead without
        clause alignment, or for an offset outside every clause."""
        if not self.clause_groups:
            return True
        gs, gt = self.clause_group("src", src_offset), self.clause_group("tgt", tgt_offset)
        return gs is None or gt is None or gs == gt

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


def in_document(pair: AlignedPair) -> bool:
    """A bead of two documents (not a sentence pair checked on its own)."""
    return bool(pair.src.sentence_ids or pair.tgt.sentence_ids)


def below_median(pair: AlignedPair) -> bool:
    """A bead of two documents less close than its pair's median bead (of 8
    or more): a loose rendering, where the word-level checks (coverage,
    antonyms, a name's number) would read paraphrase as change."""
    return in_document(pair) and pair.stats.n >= 8 and pair.similarity < pair.stats.median


def clear_counterparts(pair: AlignedPair) -> bool:
    """Are the bead's two sides statements (each at least one clause's
    weight, models/lexicons/clauses.json min_weight: an infobox label,
    "Secretary-General", is none) closer to each other than to the other
    version's neighbouring beads by ``content_min_margin`` at least
    (models/thresholds/checks.json; the bead's margin, see
    compare.driver.bead_margins), or by any margin when the bead is held in
    place by clear neighbours (``anchored``)?  False when the margin is
    unknown."""
    if pair.margin is None or (pair.margin < thresholds()["content_min_margin"]
                               and not (pair.anchored and pair.margin > 0)):
        return False
    least = lexicon.load("clauses")["min_weight"]
    return text_weight(pair.src.text) >= least and text_weight(pair.tgt.text) >= least


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


def quoted_spans(side: Side, spans: list[tuple[int, int]], most: int = 3) -> str:
    """The words at the first ``most`` of ``spans`` (document offsets of
    ``side``), quoted and joined by commas, and how many more there are:
    what a finding names on that side (a word said fifty times made an
    explanation of 1,700 characters: a helper's break test, session 57)."""
    shown = ", ".join(quote(side.doc_text[s:e]) for s, e in spans[:most])
    return shown + (f" and {len(spans) - most} more" if len(spans) > most else "")


def spans_evidence(pair: AlignedPair, src_spans: list[tuple[int, int]],
                   tgt_spans: list[tuple[int, int]]) -> list[Evidence]:
    """Evidence of each span of the source side, then of the target side."""
    return [pair.src.evidence(s, e) for s, e in src_spans] + [pair.tgt.evidence(s, e) for s, e in tgt_spans]
