"""Runs every check on every bead, merges duplicates (one bead, one cause,
one finding) and ranks the findings (severity, then confidence)."""
from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable, Optional

import numpy as np

from ..langs import text_weight
from ..lexicons.words import DocumentWords, from_rows
from ..records import FURNITURE_KINDS, Bead, ClaimProfile, Document, Evidence, Finding, Mention, PairAlignment, Sentence
from .antonyms import check_antonyms
from .coverage import check_coverage
from .dates import check_dates
from .direction import check_direction
from .order import check_order
from .demonyms import check_demonyms
from .entities import check_entities
from .evidence import EVIDENCE_CHECKS
from .share import SHARE_CHECKS
from .hedge_grade import HEDGE_GRADE_CHECKS
from .directives import DIRECTIVE_CHECKS
from .swaps import check_swaps
from .source_words import SOURCE_WORD_CHECKS
from .verb_times import VERB_TIME_CHECKS
from .future_present import FUTURE_PRESENT_CHECKS
from .meaning import check_meaning
from .comparison import check_comparison
from .name_numbers import check_name_numbers
from .numbers import check_numbers
from .claims import CLAIM_CHECKS, bind_near
from .omission import check_clause_gaps, check_one_sided, check_partial, check_stray, log_length_ratio
from .phrasesim import prefetch
from .pair import (SEVERITY_RANK, AlignedPair, PairStats, PhraseSimilarity, Side, clear_counterparts, make_finding,
                   median_mad, quote, robust_z)
from .polarity import check_denial, check_polarity
from .roles import check_roles
from .terms import check_terms, glossary_check
from .thresholds import thresholds

Check = Callable[[AlignedPair], list[Finding]]

BEAD_CHECKS: tuple[Check, ...] = (
    check_numbers,
    check_name_numbers,
    check_dates,
    check_entities,
    check_demonyms,
    check_polarity,
    check_denial,
    check_direction,
    check_order,
    check_one_sided,
    check_stray,
    check_partial,
    *CLAIM_CHECKS,
    *EVIDENCE_CHECKS,
    *SHARE_CHECKS,
    *HEDGE_GRADE_CHECKS,
    *DIRECTIVE_CHECKS,
    check_swaps,
    *SOURCE_WORD_CHECKS,
    *VERB_TIME_CHECKS,
    *FUTURE_PRESENT_CHECKS,
    check_roles,
    check_clause_gaps,
    check_meaning,
    check_coverage,
    check_antonyms,
    check_comparison,
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
        # up to the first mention starting at ``end`` (a slice of the whole
        # tail would copy it at every call: quadratic on a one-line file)
        stop = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[bisect.bisect_left(self.starts, start):stop] if m.end <= end]


_STRAY_MIN_CHARS = 8  # shorter repeated lines ("1.", "—") are not captions


def _norm_line(text: str) -> str:
    return " ".join(text.split()).casefold()


def stray_sentences(doc: Document, sents: list[Sentence]) -> dict[int, str]:
    """Sentences that are not content, by index: markup lines (an image, a
    bare link), page furniture (kind boilerplate: rumorlens.boilerplate),
    headings and headlines (structure: only their figures and dates are
    compared), the last sentence of a text cut short (``truncated_end``),
    and lines in a language other than the document's that recur in it (a
    caption or watermark left in the page, e.g. the Chinese title line
    repeated through a French article).  A repeated line in the document's
    own language may be the author's: it is left alone."""
    counts: dict[str, int] = {}
    for s in sents:
        key = _norm_line(s.text)
        counts[key] = counts.get(key, 0) + 1
    out: dict[int, str] = {}
    for i, s in enumerate(sents):
        key = _norm_line(s.text)
        if s.kind in FURNITURE_KINDS or s.kind == "heading":
            out[i] = s.kind
        elif (counts[key] >= 2 and len(key) >= _STRAY_MIN_CHARS and s.lang not in ("und", doc.lang)):
            out[i] = f"repeated:{s.lang}"
    cut = truncated_end(sents)
    if cut is not None:
        out[cut] = "truncated"
    return out


# how a sentence ends when it is whole (a salutation ends with a comma)
_WHOLE_END = re.compile(r"[.!?。！？…;；:：,，\-—–][\s\"'”’»」』)）\]】]*$")


def truncated_end(sents: list[Sentence]) -> Optional[int]:
    """Index of the document's last text sentence when it stops short, with
    no closing punctuation (a stored excerpt cut mid-sentence: "...where
    one might legitimately ask"); None when the text ends whole."""
    for i in range(len(sents) - 1, -1, -1):
        if sents[i].kind == "text":
            return None if _WHOLE_END.search(sents[i].text) else i
    return None


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
    if spans:  # a name in a stray caption is not the article's content; a headline's figures are
        ms = [m for m in ms if not any(a <= m.start and m.end <= b and not (r == "heading" and m.kind != "entity")
                                       for a, b, r in spans)]
    side = Side(doc_id=doc.id, path=doc.path, lang=lang, doc_text=doc.text, start=start, end=end,
                sentence_ids=ids, mentions=ms, stray=spans, doc_mentions=mentions.mentions, anchor=doc.date)
    if claims and idx:
        side.claims = [claims[i] for i in sorted(idx) if i in claims]
        around = set(range(min(idx) - near, min(idx))) | set(range(max(idx) + 1, max(idx) + 1 + near))
        side.near_claims = [claims[i] for i in sorted(around) if i in claims]
    return side


def _near_windows(relation: str, ssent: list[Sentence], tsent: list[Sentence]) -> tuple[int, int]:
    """How many sentences each way count as "next to" a side, for (src, tgt):
    one; three on the side of a transcript pair whose sentences are shorter
    (a transcript's lines are fragments; the written version's sentences
    are whole, and three of them reach into other claims); none on the
    retelling's side of a retelling pair (the shorter text): its next
    sentence retells another paragraph (asiae's 'OpenAI reportedly began…'
    answered the 知情人士表示 its next sentence dropped)."""
    if relation == "retelling":
        size = [sum(text_weight(s.text) for s in ss) for ss in (ssent, tsent)]
        return (0, 1) if size[0] <= size[1] else (1, 0)
    if relation != "transcript":
        return 1, 1
    mean = [sum(s.end - s.start for s in ss) / len(ss) if ss else 0.0 for ss in (ssent, tsent)]
    return (3, 1) if mean[0] < mean[1] else (1, 3)


def pair_stats(pairs: list[AlignedPair]) -> PairStats:
    two = [p for p in pairs if not p.src.empty and not p.tgt.empty]
    if not two:
        return PairStats()
    med, mad = median_mad([p.similarity for p in two])
    rmed, rmad = median_mad([log_length_ratio(p.src.text, p.tgt.text) for p in two])
    return PairStats(n=len(two), median=med, mad=mad, length_ratio_median=rmed, length_ratio_mad=rmad)


def _bead_vector(vectors: np.ndarray, ids: list[int]) -> np.ndarray:
    v = vectors[ids].sum(axis=0)
    return v / max(float(np.linalg.norm(v)), 1e-12)


def bead_margins(beads: list, src_vectors: np.ndarray, tgt_vectors: np.ndarray) -> list[Optional[float]]:
    """For each bead, cos(its two sides) minus the best cosine of one side
    with the other version's side of the two-sided bead just before or
    just after it (sides: unit mean of their sentence vectors); None for a
    one-sided bead and for a bead with no two-sided neighbour.  A margin
    above zero says the two sides are each other's best counterpart here:
    the bead is aligned even when it is less alike than the pair's other
    beads, as a sentence whose claim was changed is (the margin criterion
    of Artetxe & Schwenk 2019, taken over the neighbouring beads)."""
    two = [k for k, b in enumerate(beads) if b.src and b.tgt]
    vs = {k: _bead_vector(src_vectors, beads[k].src) for k in two}
    vt = {k: _bead_vector(tgt_vectors, beads[k].tgt) for k in two}
    out: list[Optional[float]] = [None] * len(beads)
    for i, k in enumerate(two):
        near = [two[j] for j in (i - 1, i + 1) if 0 <= j < len(two)]
        if not near:
            continue
        rival = max(max(float(vs[k] @ vt[j]), float(vs[j] @ vt[k])) for j in near)
        out[k] = float(vs[k] @ vt[k]) - rival
    return out


def anchored_beads(beads: list, margins: list[Optional[float]]) -> list[bool]:
    """For each bead: is it one sentence against one, between two beads of
    one sentence a side that are clear counterparts (margin at least
    ``content_min_margin``, models/thresholds/checks.json)?  Such a pair is
    held in place by its neighbours, as the gap between two anchors is
    filled in sentence alignment (Gale & Church 1993; Hunalign's and
    Bleualign's 1-1 gap filling): a sentence whose claim was changed is
    less alike than its neighbours, and its margin may be small (trial 45:
    « Selon plusieurs analystes » against 欧洲央行表示, margin 0.07)."""
    least = thresholds()["content_min_margin"]

    def single(k: int) -> bool:
        return 0 <= k < len(beads) and len(beads[k].src) == 1 and len(beads[k].tgt) == 1

    def clear(k: int) -> bool:
        return single(k) and margins[k] is not None and margins[k] >= least

    return [single(k) and clear(k - 1) and clear(k + 1) for k in range(len(beads))]


def words_source(docs: dict[str, Document], sentences: dict[str, list[Sentence]],
                 claims: Optional[dict[str, dict[int, ClaimProfile]]] = None) -> DocumentWords:
    """Where the sides of ``docs`` read their words (lexicons.words.DocumentWords):
    the words the claims stage kept for each sentence it profiled
    (``claims``: document id -> its profiles by sentence index), the other
    sentences read once, when first asked for."""
    known = {}
    for i, doc in docs.items():
        profiles = (claims or {}).get(i, {}).values()
        known[i] = {(p.start, p.end, p.lang): from_rows(p.words, doc.text, p.start) for p in profiles if p.words}
    return DocumentWords({i: [(s.start, s.end) for s in sentences[i]] for i in docs}, known)


def aligned_pairs(
    alignment: PairAlignment,
    docs: dict[str, Document],
    sentences: dict[str, list[Sentence]],
    mentions: dict[str, MentionIndex],
    phrase_similarity: Optional[PhraseSimilarity] = None,
    claims: Optional[dict[str, dict[int, ClaimProfile]]] = None,
    embeddings: Optional[dict[str, np.ndarray]] = None,
    words_from: Optional[DocumentWords] = None,
    moved: Iterable[tuple[int, Bead]] = (),
) -> list[AlignedPair]:
    """The beads of one document pair as aligned pairs; ``claims`` maps a
    document id to its claim profiles by sentence index, ``embeddings`` to
    its sentence vectors (n_sentences, dim), for the beads' margins;
    ``words_from``: where the sides read their words (each sentence once
    for a batch of pairs; one of its own when None).  ``moved``: the two
    ends of moved passages (compare.moves.moved_beads), each an aligned
    pair after the beads' (``AlignedPair.moved``, see :func:`_moved_pairs`)."""
    if words_from is None:
        words_from = words_source({d: docs[d] for d in (alignment.src_doc, alignment.tgt_doc)}, sentences, claims)
    sdoc, tdoc = docs[alignment.src_doc], docs[alignment.tgt_doc]
    ssent, tsent = sentences[sdoc.id], sentences[tdoc.id]
    sstray, tstray = stray_sentences(sdoc, ssent), stray_sentences(tdoc, tsent)
    # claim cues one sentence away answer a cue (a boundary moved); a transcript's
    # lines are fragments, so three of them on its side (the side of shorter sentences)
    near_s, near_t = _near_windows(alignment.relation, ssent, tsent)
    out = []
    for k, bead in enumerate(alignment.beads):
        out.append(AlignedPair(
            src=make_side(sdoc, ssent, bead.src, mentions[sdoc.id], sstray, (claims or {}).get(sdoc.id), near_s),
            tgt=make_side(tdoc, tsent, bead.tgt, mentions[tdoc.id], tstray, (claims or {}).get(tdoc.id), near_t),
            similarity=float(bead.score),
            bead=k,
            relation=alignment.relation,
            phrase_similarity=phrase_similarity,
            clause_groups=list(bead.clauses or []),
        ))
    for p in out:
        p.src.words_from = p.tgt.words_from = words_from
    for side, sents in (("src", ssent), ("tgt", tsent)):
        if truncated_end(sents) is not None:  # nothing of this version after its last bead
            last = max((k for k, b in enumerate(alignment.beads) if getattr(b, side)), default=len(out))
            for p in out[last + 1:]:
                p.beyond_cut = True
    stats = pair_stats(out)
    for p in out:
        p.stats = stats
    if embeddings is not None:
        margins = bead_margins(alignment.beads, embeddings[sdoc.id], embeddings[tdoc.id])
        for p, m in zip(out, margins):
            p.margin = m
        for p, held in zip(out, anchored_beads(alignment.beads, margins)):
            p.anchored = held
    moved = list(moved)
    sclaims, tclaims = (claims or {}).get(sdoc.id), (claims or {}).get(tdoc.id)
    extra = [AlignedPair(src=make_side(sdoc, ssent, b.src, mentions[sdoc.id], sstray, sclaims, near_s),
                         tgt=make_side(tdoc, tsent, b.tgt, mentions[tdoc.id], tstray, tclaims, near_t),
                         bead=k, stats=stats, relation=alignment.relation, phrase_similarity=phrase_similarity,
                         moved=True)
             for k, b in moved]
    extra = _moved_pairs(extra, [b for _, b in moved], {"src": ssent, "tgt": tsent},
                         {"src": mentions[sdoc.id], "tgt": mentions[tdoc.id]},
                         (embeddings or {}).get(sdoc.id), (embeddings or {}).get(tdoc.id), words_from)
    bind_near(out + extra)
    _set_context(out, window=2, mentions={"src": mentions[sdoc.id], "tgt": mentions[tdoc.id]})
    _set_gaps(out, alignment, {"src": ssent, "tgt": tsent})
    # every clause's text in one encoder batch, not one call per clause (issue 12)
    prefetch(phrase_similarity, [getattr(p, attr).doc_text[min(sp[0] for sp in spans[k]):max(sp[1] for sp in spans[k])]
                                 for p, bead in zip(out, alignment.beads) for spans in (bead.clauses or [])
                                 if spans[0] and spans[1] for k, attr in enumerate(("src", "tgt"))])
    for p, bead in zip(out, alignment.beads):
        p.clause_groups = list(bead.clauses or [])
        p.clauses = [_clause_pair(p, spans, {"src": ssent, "tgt": tsent},
                                  {"src": mentions[sdoc.id], "tgt": mentions[tdoc.id]})
                     for spans in (bead.clauses or []) if spans[0] and spans[1]]
    return out + extra


def _moved_pairs(pairs: list[AlignedPair], beads: list[Bead], sentences: dict[str, list[Sentence]], mentions: dict,
                 src_vectors: Optional[np.ndarray], tgt_vectors: Optional[np.ndarray],
                 words_from) -> list[AlignedPair]:
    """The aligned pairs of moved passages (``AlignedPair.moved``;
    ``beads``: their sentence indexes) completed, those whose sides are
    clear counterparts (:func:`clear_counterparts`): a move is read loosely
    to keep a passage from being called missing, and to compare its two
    ends they must be each other's (the sample corpus's transcript
    fragments moved at margins of 0.005-0.09: 由此来看 / « C'est une
    découverte. »).  Completed: their similarity (cosine of the sides' unit
    mean sentence vectors, as :func:`bead_margins` reads a bead) and margin
    (that cosine less the best cosine of either side with any other
    sentence of the other version: a moved passage's neighbours are not its
    counterpart's, so the whole version stands in for the neighbouring
    beads), and each side's context from its own document (two sentences
    either way, as :func:`_set_context` gives a bead)."""
    vectors = {"src": src_vectors, "tgt": tgt_vectors}
    for p, b in zip(pairs, beads):
        p.src.words_from = p.tgt.words_from = words_from
        if all(v is not None and len(v) for v in vectors.values()):
            vs, vt = _bead_vector(src_vectors, b.src), _bead_vector(tgt_vectors, b.tgt)
            p.similarity = float(vs @ vt)
            p.margin = p.similarity - max(_best_other(vs, tgt_vectors, b.tgt), _best_other(vt, src_vectors, b.src))
        for attr in ("src", "tgt"):
            _own_context(getattr(p, attr), getattr(b, attr), sentences[attr], mentions[attr], window=2)
    return [p for p in pairs if clear_counterparts(p)]


def _best_other(v: np.ndarray, vectors: np.ndarray, skip: list[int]) -> float:
    """The best cosine of ``v`` with a row of ``vectors`` outside ``skip`` (-1 when none)."""
    sims = vectors @ v
    sims[skip] = -1.0
    return float(sims.max())


def _own_context(side: Side, idx: list[int], sents: list[Sentence], mentions: "MentionIndex", window: int) -> None:
    """What :func:`_set_context` gives a bead's side, read from the side's
    own document around its sentences ``idx``: ``window`` sentences either
    way, the mentions there, and those just before it."""
    near = sents[max(0, min(idx) - window): max(idx) + window + 1]
    side.context_start, side.context_end = near[0].start, near[-1].end
    side.context_mentions = [m for m in mentions.inside(side.context_start, side.context_end)
                             if not (side.start <= m.start and m.end <= side.end)]
    lookback = int(thresholds()["reference_lookback_chars"])
    side.preceding_mentions = mentions.inside(max(0, side.start - lookback), side.start)


def _clause_pair(bead: AlignedPair, spans: list, sentences: dict, mentions: dict) -> AlignedPair:
    """One clause pair of a bead (``spans``: the align stage's [src spans,
    tgt spans]) as a pair of its own: the clauses' text and mentions, the
    bead's sentences it touches, the whole bead (and its neighbours) as
    context, and the two clauses' own similarity when an encoder is at hand."""
    sides = {}
    for k, attr in enumerate(("src", "tgt")):
        whole = getattr(bead, attr)
        a, b = min(sp[0] for sp in spans[k]), max(sp[1] for sp in spans[k])
        ids = [s.id for s in sentences[attr] if s.id in whole.sentence_ids and s.start < b and a < s.end]
        stray = [x for x in whole.stray if x[0] < b and a < x[1]]
        ms = [m for m in whole.mentions if a <= m.start and m.end <= b]
        side = Side(doc_id=whole.doc_id, path=whole.path, lang=whole.lang, doc_text=whole.doc_text, start=a, end=b,
                    sentence_ids=ids, mentions=ms, stray=stray, anchor=whole.anchor,
                    context_start=whole.context_start, context_end=whole.context_end,
                    claims=whole.claims, near_claims=whole.near_claims, bound=whole.bound, words_from=whole.words_from)
        cs, ce = side.context_start, side.context_end
        if cs is not None:
            side.context_mentions = [m for m in mentions[attr].inside(cs, ce) if not (a <= m.start and m.end <= b)]
        sides[attr] = side
    sim = bead.phrase_similarity
    similarity = sim(sides["src"].text, sides["tgt"].text) if sim is not None else bead.similarity
    return AlignedPair(src=sides["src"], tgt=sides["tgt"], similarity=float(similarity), bead=bead.bead,
                       stats=bead.stats, relation=bead.relation, phrase_similarity=sim, is_clause=True)


def _set_gaps(pairs: list[AlignedPair], alignment: PairAlignment, sentences: dict[str, list[Sentence]]) -> None:
    """For every empty side of a one-sided bead: the point in its document
    where the other side's content would have been (after the last sentence
    of that document in the beads before it) and the sentences on either
    side of that point."""
    for attr in ("src", "tgt"):
        sents = sentences[attr]
        last = -1  # last sentence of this document in the beads so far
        for p, bead in zip(pairs, alignment.beads):
            idx = getattr(bead, attr)
            if idx:
                last = max(last, max(idx))
                continue
            if not sents:
                continue
            side = getattr(p, attr)
            nxt = min(last + 1, len(sents) - 1)
            side.gap_at = sents[last].end if last >= 0 else sents[0].start
            side.gap_around = (sents[last].start if last >= 0 else side.gap_at,
                               sents[nxt].end if last + 1 < len(sents) else side.gap_at)


def _set_context(pairs: list[AlignedPair], window: int, mentions: Optional[dict] = None) -> None:
    lookback = int(thresholds()["reference_lookback_chars"])
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
            if mentions is not None and not side.empty:
                side.preceding_mentions = mentions[attr].inside(max(0, side.start - lookback), side.start)


# --------------------------------------------------------------------------
# running, merging, ranking


# Checks that compare what two sides *say*: only meaningful on a bead whose
# sides really correspond.  A poorly aligned bead is the meaning check's.
CONTENT_CHECKS = frozenset({check_numbers, check_name_numbers, check_dates, check_entities, check_demonyms, check_polarity, check_denial,
                            check_direction, check_order, *CLAIM_CHECKS, *EVIDENCE_CHECKS, *SHARE_CHECKS, *HEDGE_GRADE_CHECKS,
                            *DIRECTIVE_CHECKS, *SOURCE_WORD_CHECKS, *VERB_TIME_CHECKS, *FUTURE_PRESENT_CHECKS,
                            check_swaps,
                            check_roles, check_coverage, check_antonyms, check_comparison, check_terms, check_clause_gaps})


def well_aligned(pair: AlignedPair) -> bool:
    """Two-sided bead whose sides really correspond, judged against its own
    document pair: similarity not low for this pair (robust z of the bead
    similarity >= ``content_min_robust_z``) and sides of the usual relative
    length (robust z of the log length ratio within ``content_max_length_z``:
    a five-sentence summary against a one-line title is a partial omission,
    not a place to compare names and figures).  The same rule for every
    relation: a loose pair (a retelling, a transcript) has a wide spread, so
    its bar is lower by itself.  A bead less alike than that is still
    aligned when its two sides are each other's clear best counterpart
    (:func:`clear_counterparts`): a changed claim makes a sentence less
    alike, and the checks are there for it."""
    if pair.src.empty or pair.tgt.empty:
        return False
    st, th = pair.stats, thresholds()
    if st.n < 8:
        return True  # too few beads to know what is normal: trust the aligner
    clear = clear_counterparts(pair)
    # one sentence against one, clearly each other's counterpart: a length
    # out of the ordinary is a phrase added or dropped (a hedge frame, a
    # clause), what the checks are for
    single = len(pair.src.sentence_ids) == 1 and len(pair.tgt.sentence_ids) == 1
    if st.length_ratio_mad > 0 and not (clear and single):
        zl = robust_z(log_length_ratio(pair.src.text, pair.tgt.text), st.length_ratio_median, st.length_ratio_mad)
        if abs(zl) > th["content_max_length_z"]:
            return False
    return clear or robust_z(pair.similarity, st.median, st.mad) >= th["content_min_robust_z"]



# Checks that pair a statement with its counterpart: on a bead of several
# sentences they run on each clause pair of the bead (``AlignedPair.clauses``)
# rather than on the whole bead, whose cues no longer line up.
CLAUSE_CHECKS = frozenset({check_polarity, check_denial})


def _no_content(side: Side) -> bool:
    """A non-empty side made only of stray stretches (a headline, a caption,
    page furniture)."""
    return not side.empty and bool(side.stray) and not side.content.strip()


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
    """Every check on every bead of every relation; checks that compare what
    two sides say only on well-aligned beads (see :func:`well_aligned`), and
    the clause checks on each clause pair of a bead that has them.  A check
    with a ``prefetch`` attribute (a function of a list of beads) is first
    told every bead it will see, to encode their texts in a few batches."""
    checks = tuple(checks)
    runs: list[tuple[AlignedPair, Optional[bool]]] = []  # (bead, well aligned); None: only check_stray
    findings: list[Finding] = []
    for pair in pairs:
        if pair.beyond_cut:
            continue  # the other version is cut short before this point
        content = not (_no_content(pair.src) or _no_content(pair.tgt))
        runs.append((pair, well_aligned(pair) if content else None))
    for check in checks:
        ahead = getattr(check, "prefetch", None)
        if ahead is not None:
            ahead([unit for pair, aligned in runs if aligned is not None and _runs_on(check, pair, aligned)
                   for unit in _units(check, pair)])
    for pair, aligned in runs:
        if aligned is None:
            findings.extend(check_stray(pair))  # a headline or furniture against text: nothing to compare
            continue
        for check in checks:
            if _runs_on(check, pair, aligned):
                for unit in _units(check, pair):
                    findings.extend(check(unit))
    return findings


def _runs_on(check: Check, pair: AlignedPair, aligned: bool) -> bool:
    """Whether run_checks runs ``check`` on a bead with content on both sides."""
    return not _compares_content(check) or aligned or pair.src.empty or pair.tgt.empty


def _units(check: Check, pair: AlignedPair) -> list[AlignedPair]:
    return pair.clauses if check in CLAUSE_CHECKS and pair.clauses else [pair]


def _overlap(a, b) -> bool:
    return a.doc == b.doc and a.start < b.end and b.start < a.end


def merge_findings(findings: list[Finding], texts: Optional[dict[str, str]] = None) -> list[Finding]:
    """One bead, one cause, one finding.

    - the same finding twice (same id) is kept once;
    - on one bead, a number finding and a date finding about the same span
      (a year read as both) are one cause: the stronger is kept; so are an
      antonym and a comparison told the other way on the same words;
    - a name missing (or added) in several passages of one document pair
      is one finding;
    - consecutive one-sided beads of a document pair become one finding
      covering the run."""
    by_id: dict[str, Finding] = {}
    for f in findings:
        if f.id not in by_id or f.confidence > by_id[f.id].confidence:
            by_id[f.id] = f
    kept: list[Finding] = []
    # kept findings by (documents, bead): only those can share a cause (a
    # sentence pair checked on its own, check-pairs' row, is one bead: None)
    on_bead: dict[tuple, list[Finding]] = {}
    for f in sorted(by_id.values(), key=_merge_key):  # strongest first
        here = on_bead.setdefault((tuple(f.docs), f.bead), [])
        if (f.category in _ONE_CAUSE_CATEGORIES or f.type in _ONE_CAUSE_TYPES) and any(_same_cause(f, g) for g in here):
            continue
        kept.append(f)
        here.append(f)
    return rank(_merge_runs(_one_per_name(kept), texts or {}))


_NAME_TYPES = ("missing", "added")


def _merge_key(f: Finding):
    """rank_key, but of two findings of one cause and one severity the one
    that says what the other side has instead is kept: a name 'replaced'
    (a demonym, « égyptienne » / 'Israeli') over the same name 'missing'."""
    key = rank_key(f)
    return (key[0], f.type in _NAME_TYPES) + key[1:]


def _one_per_name(findings: list[Finding]) -> list[Finding]:
    """One finding per name per pair: a name missing (or added) in several
    passages of the same two documents is one finding, the strongest (first
    in rank order), whose explanation counts the other passages.
    ``findings`` come strongest first."""
    first: dict[tuple, Finding] = {}
    extra: dict[tuple, int] = {}
    out = []
    for f in findings:
        if f.category != "entity" or f.type not in _NAME_TYPES or not f.evidence:
            out.append(f)
            continue
        ev = f.evidence[0]
        key = (tuple(f.docs), f.type, ev.doc, str(ev.value) if ev.value is not None else " ".join(ev.text.split()).casefold())
        if key in first:
            extra[key] += 1
            continue
        first[key], extra[key] = f, 0
        out.append(f)
    for key, f in first.items():
        if extra[key]:
            f.explanation += f" The same holds in {extra[key]} other passage{'s' if extra[key] > 1 else ''} of these two versions."
    return out


# categories whose findings on one bead can be one cause told twice
_ONE_CAUSE_CATEGORIES = ("number", "date", "entity", "polarity")
# claim types that can tell one change twice: 'plus intrusives' / 'less
# intrusive' is an antonym (plus / less) and a comparison told the other way;
# « avant » / 'after' an antonym and an order told the other way
_ONE_CAUSE_TYPES = ("antonym", "comparison_reversed", "order_reversed")


def _same_cause(f: Finding, g: Finding) -> bool:
    """Two findings of one bead about the same span: the same category (or a
    number and a date: a year read as both), first evidence overlapping, and
    the second too when both have one (unless the category is the same)."""
    if f.category == g.category == "claim":
        # in whichever order the two checks cite the sides: each passage of one overlaps one of the other
        return {f.type, g.type} <= set(_ONE_CAUSE_TYPES) and bool(f.evidence) and bool(g.evidence) \
            and all(any(_overlap(a, b) for b in g.evidence) for a in f.evidence)
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
        place = [e for e in first.evidence if e.role in ("gap", "context")]  # the run's gap is the first one's
        f = make_finding(None, first.category, first.type, severity, conf, [ev] + place, expl, docs=first.docs)
        f.bead = first.bead
        out.append(f)
    return out


def rank_key(f: Finding):
    return (SEVERITY_RANK[f.severity], -f.confidence, f.category, f.type, f.id)


def rank(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=rank_key)
