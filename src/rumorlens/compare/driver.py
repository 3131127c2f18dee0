"""Runs every check on every bead, merges duplicates (one bead, one cause,
one finding) and ranks the findings (severity, then confidence)."""
from __future__ import annotations

import bisect
from typing import Callable, Iterable, Optional

from ..records import ClaimProfile, Document, Evidence, Finding, Mention, PairAlignment, Sentence
from .antonyms import check_antonyms
from .coverage import check_coverage
from .dates import check_dates
from .entities import check_entities
from .meaning import check_meaning
from .numbers import check_numbers
from .claims import CLAIM_CHECKS
from .omission import check_one_sided, check_partial, check_stray, log_length_ratio
from .pair import RETELLING_RELATIONS, SEVERITY_RANK, AlignedPair, PairStats, PhraseSimilarity, Side, make_finding, median_mad, quote, robust_z
from .polarity import check_denial, check_polarity
from .terms import check_terms, glossary_check

Check = Callable[[AlignedPair], list[Finding]]

BEAD_CHECKS: tuple[Check, ...] = (
    check_numbers,
    check_dates,
    check_entities,
    check_polarity,
    check_denial,
    check_one_sided,
    check_stray,
    check_partial,
    *CLAIM_CHECKS,
    check_meaning,
    check_coverage,
    check_antonyms,
    check_terms,
)


# --------------------------------------------------------------------------
# building aligned pairs from the pipeline's records


class MentionIndex:
    """Mentions of one document, sorted, for fast slicing by offsets."""

    def __init__(self, mentions: Iterable[Mention]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.kind, m.type))
        self.starts = [m.start for m in self.mentions]

    def inside(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        for m in self.mentions[i:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out


_STRAY_MIN_CHARS = 8  # shorter repeated lines ("1.", "—") are not captions


def _norm_line(text: str) -> str:
    return " ".join(text.split()).casefold()


def stray_sentences(doc: Document, sents: list[Sentence]) -> dict[int, str]:
    """Sentences that are not content, by index: markup lines (an image, a
    bare link) and lines in a language other than the document's that recur
    in it (a caption or watermark left in the page, e.g. the Chinese title
    line repeated through a French article).  A repeated line in the
    document's own language may be the author's: it is left alone."""
    counts: dict[str, int] = {}
    for s in sents:
        key = _norm_line(s.text)
        counts[key] = counts.get(key, 0) + 1
    out: dict[int, str] = {}
    for i, s in enumerate(sents):
        key = _norm_line(s.text)
        if s.kind == "markup":
            out[i] = "markup"
        elif (counts[key] >= 2 and len(key) >= _STRAY_MIN_CHARS and s.lang not in ("und", doc.lang)):
            out[i] = f"repeated:{s.lang}"
    return out


def make_side(doc: Document, sents: list[Sentence], idx: list[int], mentions: MentionIndex,
              stray: Optional[dict[int, str]] = None, claims: Optional[dict[int, ClaimProfile]] = None,
              near: int = 1) -> Side:
    spans: list[tuple[int, int, str]] = []
    if idx:
        chosen = [sents[i] for i in sorted(idx)]
        start, end = chosen[0].start, chosen[-1].end
        ids = [s.id for s in chosen]
        content = [s for i, s in zip(sorted(idx), chosen) if i not in (stray or {})] or chosen
        lang = content[0].lang if content[0].lang != "und" else doc.lang
        spans = [(sents[i].start, sents[i].end, (stray or {})[i]) for i in sorted(idx) if i in (stray or {})]
    else:
        start = end = 0
        ids = []
        lang = doc.lang
    ms = mentions.inside(start, end) if idx else []
    if spans:  # a name in a stray caption is not the article's content
        ms = [m for m in ms if not any(a <= m.start and m.end <= b for a, b, _ in spans)]
    side = Side(doc_id=doc.id, path=doc.path, lang=lang, doc_text=doc.text, start=start, end=end,
                sentence_ids=ids, mentions=ms, stray=spans)
    if claims and idx:
        side.claims = [claims[i] for i in sorted(idx) if i in claims]
        around = set(range(min(idx) - near, min(idx))) | set(range(max(idx) + 1, max(idx) + 1 + near))
        side.near_claims = [claims[i] for i in sorted(around) if i in claims]
    return side


def pair_stats(pairs: list[AlignedPair]) -> PairStats:
    two = [p for p in pairs if not p.src.empty and not p.tgt.empty]
    if not two:
        return PairStats()
    med, mad = median_mad([p.similarity for p in two])
    rmed, rmad = median_mad([log_length_ratio(p.src.text, p.tgt.text) for p in two])
    return PairStats(n=len(two), median=med, mad=mad, length_ratio_median=rmed, length_ratio_mad=rmad)


def aligned_pairs(
    alignment: PairAlignment,
    docs: dict[str, Document],
    sentences: dict[str, list[Sentence]],
    mentions: dict[str, MentionIndex],
    phrase_similarity: Optional[PhraseSimilarity] = None,
    claims: Optional[dict[str, dict[int, ClaimProfile]]] = None,
) -> list[AlignedPair]:
    """The beads of one document pair as aligned pairs; ``claims`` maps a
    document id to its claim profiles by sentence index."""
    sdoc, tdoc = docs[alignment.src_doc], docs[alignment.tgt_doc]
    ssent, tsent = sentences[sdoc.id], sentences[tdoc.id]
    sstray, tstray = stray_sentences(sdoc, ssent), stray_sentences(tdoc, tsent)
    # claim cues one sentence away answer a cue (a boundary moved); a transcript's
    # lines are fragments, so three of them on each side
    near = 3 if alignment.relation == "transcript" else 1
    out = []
    for k, bead in enumerate(alignment.beads):
        out.append(AlignedPair(
            src=make_side(sdoc, ssent, bead.src, mentions[sdoc.id], sstray, (claims or {}).get(sdoc.id), near),
            tgt=make_side(tdoc, tsent, bead.tgt, mentions[tdoc.id], tstray, (claims or {}).get(tdoc.id), near),
            similarity=float(bead.score),
            bead=k,
            relation=alignment.relation,
            phrase_similarity=phrase_similarity,
        ))
    stats = pair_stats(out)
    for p in out:
        p.stats = stats
    _set_context(out, window=2, mentions={"src": mentions[sdoc.id], "tgt": mentions[tdoc.id]})
    return out


def _set_context(pairs: list[AlignedPair], window: int, mentions: Optional[dict] = None) -> None:
    for attr in ("src", "tgt"):
        sides = [getattr(p, attr) for p in pairs]
        for k, side in enumerate(sides):
            near = [s for s in sides[max(0, k - window) : k + window + 1] if not s.empty]
            if near:
                side.context_start = min(s.start for s in near)
                side.context_end = max(s.end for s in near)
                if mentions is not None:
                    side.context_mentions = [
                        m for m in mentions[attr].inside(side.context_start, side.context_end)
                        if side.empty or not (side.start <= m.start and m.end <= side.end)]


# --------------------------------------------------------------------------
# running, merging, ranking


# Checks that compare what two sides *say*: only meaningful on a bead whose
# sides really correspond.  A poorly aligned bead is the meaning check's.
CONTENT_CHECKS = frozenset({check_numbers, check_dates, check_entities, check_polarity, check_denial,
                            *CLAIM_CHECKS, check_coverage, check_antonyms, check_terms})

# A retelling rephrases, cuts and reorders by design: only a changed figure,
# a changed date or a garbled name is worth a reader's time there.
RETELLING_TYPES = frozenset({"value_changed", "scale_error", "false_friend", "date_shifted",
                             "date_changed", "direction_changed", "misspelled", "translated_as_word"})


TRANSCRIPT_SOFT_TYPES = frozenset({"number_missing", "number_added", "sentence_missing", "sentence_added",
                                   "denial_added", "denial_dropped"})
# A spoken version names people and products when it likes ("OpenAI" for
# "they", a name dropped from a list): a name present on one side only is
# routine there.  A garbled or replaced name is still reported.
TRANSCRIPT_DROPPED = frozenset({("entity", "missing"), ("entity", "added")})


def well_aligned(pair: AlignedPair) -> bool:
    """Two-sided bead whose similarity is not low for this document pair
    (robust z >= -1.5; the upper half for retellings) and whose sides are of
    the usual relative length (robust z of the log length ratio within 3: a
    five-sentence summary against a one-line title is a partial omission,
    not a place to compare names and figures)."""
    if pair.src.empty or pair.tgt.empty:
        return False
    st = pair.stats
    if st.n >= 8 and st.length_ratio_mad > 0:
        zl = robust_z(log_length_ratio(pair.src.text, pair.tgt.text), st.length_ratio_median, st.length_ratio_mad)
        if abs(zl) > 3:
            return False
    if st.n < 8:
        return True  # too few beads to know what is normal: trust the aligner
    z = robust_z(pair.similarity, st.median, st.mad)
    return z >= (0.0 if pair.relation in RETELLING_RELATIONS else -1.5)


def bead_checks(glossaries: Iterable = ()) -> tuple[Check, ...]:
    """BEAD_CHECKS, with the term check reading the bundled glossary plus
    the user's glossary files (read now: a bad file raises GlossaryError,
    a one-line error naming the file and line, before any work is done)."""
    glossaries = list(glossaries)
    if not glossaries:
        return BEAD_CHECKS
    term_check = glossary_check(glossaries)
    return tuple(term_check if c is check_terms else c for c in BEAD_CHECKS)


def _compares_content(check: Check) -> bool:
    return check in CONTENT_CHECKS or getattr(check, "compares_content", False)


def run_checks(pairs: Iterable[AlignedPair], checks: Iterable[Check] = BEAD_CHECKS) -> list[Finding]:
    checks = tuple(checks)
    findings: list[Finding] = []
    for pair in pairs:
        aligned = well_aligned(pair)
        retelling = pair.relation in RETELLING_RELATIONS
        for check in checks:
            if _compares_content(check) and not aligned and not (pair.src.empty or pair.tgt.empty):
                continue
            out = check(pair)
            if retelling:
                out = [f for f in out if f.type in RETELLING_TYPES]
            elif pair.relation == "transcript":
                # a spoken version condenses: a figure or passage left out is worth a
                # look, not an alarm
                out = [f for f in out if (f.category, f.type) not in TRANSCRIPT_DROPPED]
                for f in out:
                    if f.type in TRANSCRIPT_SOFT_TYPES:
                        f.severity = "low"
                        f.confidence = round(f.confidence * 0.7, 3)
            findings.extend(out)
    return findings


def _overlap(a, b) -> bool:
    return a.doc == b.doc and a.start < b.end and b.start < a.end


def merge_findings(findings: list[Finding], texts: Optional[dict[str, str]] = None) -> list[Finding]:
    """One bead, one cause, one finding.

    - the same finding twice (same id) is kept once;
    - on one bead, a number finding and a date finding about the same span
      (a year read as both) are one cause: the stronger is kept;
    - consecutive one-sided beads of a document pair become one finding
      covering the run."""
    by_id: dict[str, Finding] = {}
    for f in findings:
        if f.id not in by_id or f.confidence > by_id[f.id].confidence:
            by_id[f.id] = f
    kept: list[Finding] = []
    # kept findings by (documents, bead): only those can share a cause
    on_bead: dict[tuple, list[Finding]] = {}
    for f in sorted(by_id.values(), key=rank_key):  # strongest first
        here = on_bead.setdefault((tuple(f.docs), f.bead), []) if f.bead is not None else []
        if f.category in _ONE_CAUSE_CATEGORIES and any(_same_cause(f, g) for g in here):
            continue
        kept.append(f)
        if f.bead is not None:
            here.append(f)
    return rank(_merge_runs(kept, texts or {}))


# categories whose findings on one bead can be one cause told twice
_ONE_CAUSE_CATEGORIES = ("number", "date", "entity", "polarity")


def _same_cause(f: Finding, g: Finding) -> bool:
    """Two findings of one bead about the same span: the same category (or a
    number and a date: a year read as both), first evidence overlapping, and
    the second too when both have one (unless the category is the same)."""
    return bool(
        ({f.category, g.category} <= {"number", "date"} or f.category == g.category)
        and f.evidence and g.evidence and _overlap(f.evidence[0], g.evidence[0])
        and (len(f.evidence) < 2 or len(g.evidence) < 2 or _overlap(f.evidence[1], g.evidence[1])
             or f.category == g.category)
    )


_RUN_TYPES = {"sentence_missing", "sentence_added"}


def _merge_runs(findings: list[Finding], texts: dict[str, str]) -> list[Finding]:
    runs = [f for f in findings if f.type in _RUN_TYPES and f.bead is not None]
    rest = [f for f in findings if not (f.type in _RUN_TYPES and f.bead is not None)]
    runs.sort(key=lambda f: (f.docs, f.type, f.bead))
    merged: list[list[Finding]] = []
    for f in runs:
        last = merged[-1][-1] if merged else None
        if (last is not None and last.docs == f.docs and last.type == f.type
                and f.bead == last.bead + 1 and last.evidence[0].doc == f.evidence[0].doc):
            merged[-1].append(f)
        else:
            merged.append([f])
    out = list(rest)
    for group in merged:
        if len(group) == 1:
            out.append(group[0])
            continue
        first, last = group[0], group[-1]
        e0, e1 = first.evidence[0], last.evidence[0]
        text = texts.get(e0.doc)
        if text is None:  # cannot rebuild the covered slice: keep the findings apart
            out.extend(group)
            continue
        ev = Evidence(doc=e0.doc, path=e0.path, start=e0.start, end=e1.end, text=text[e0.start:e1.end])
        severity = min((g.severity for g in group), key=lambda s: SEVERITY_RANK[s])
        conf = max(g.confidence for g in group)
        where = "in the other version" if first.type == "sentence_missing" else "in the version it was compared with"
        expl = (f"{len(group)} consecutive passages, starting {quote(first.evidence[0].text)}, "
                f"have no counterpart {where}.")
        f = make_finding(None, first.category, first.type, severity, conf, [ev], expl, docs=first.docs)
        f.bead = first.bead
        out.append(f)
    return out


def rank_key(f: Finding):
    return (SEVERITY_RANK[f.severity], -f.confidence, f.category, f.type, f.id)


def rank(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=rank_key)
