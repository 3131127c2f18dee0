"""The stages of ``rumorlens align``, one function each, records in and out.

``rumorlens align`` calls them in one process; the Makefile pipeline calls
them one by one through stage subcommands, each reading the previous stage's
file artifact (docs.jsonl, sentences.jsonl, the embedding cache, pairs.json,
mentions.jsonl, claims.jsonl) and writing its own.  Because both paths run these same
functions on the same records, they produce the same report.json, byte for
byte.  This module only composes stages; the work is done in the stage
modules (ingest, segment, embed, align/grouping, mentions, claims, compare, report).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from . import progress
from .errors import UserError
from .langs import SOURCE_ORDER
from .records import (AlignmentGroup, ClaimProfile, DocGroup, DocPairScore, Document, Finding, Mention,
                      PairAlignment, Sentence,
                      Skipped, atomic_write_text, from_dict, to_dict)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "use-m3"


def ingest(corpus: Path, *, max_bytes: Optional[int] = None,
           follow_links: bool = False) -> tuple[list[Document], list[Skipped]]:
    from .ingest import DEFAULT_MAX_BYTES, ingest_corpus

    with progress.stage("ingest", unit="file") as st:
        docs, skipped = ingest_corpus(corpus, max_bytes=max_bytes or DEFAULT_MAX_BYTES, follow_links=follow_links,
                                      on_file=st.advance)
    return docs, skipped


def segment(docs: list[Document]) -> dict[str, list[Sentence]]:
    """Sentences of every document, with page furniture marked as kind
    ``boilerplate`` by a pass over the whole corpus (rumorlens.boilerplate)."""
    from .boilerplate import mark_boilerplate
    from .segment import segment_document

    out = {}
    with progress.stage("segment", len(docs), "document") as st:
        for d in docs:
            out[d.id] = segment_document(d)
            st.advance()
    return mark_boilerplate(docs, out)


def sentences_by_doc(sentences: list[Sentence]) -> dict[str, list[Sentence]]:
    """Sentences as read from sentences.jsonl, grouped by document, in order."""
    out: dict[str, list[Sentence]] = {}
    for s in sentences:
        out.setdefault(s.doc_id, []).append(s)
    for doc_sentences in out.values():
        doc_sentences.sort(key=lambda s: s.index)
    return out


def encoder(model: str = DEFAULT_MODEL, *, use_cache: bool = True):
    """The sentence encoder behind the on-disk embedding cache
    (``use_cache=False``: the same encoder, no cache file read or written)."""
    from .embed import get_cached_encoder

    return get_cached_encoder(model, use_cache=use_cache)


# A document with more sentences than this is embedded in batches of this
# size, so a huge file reports progress and holds one batch of model
# activations at a time.  Smaller documents go in one call, as always.
EMBED_BATCH = 2048


def embed(enc, docs: list[Document], sentences: dict[str, list[Sentence]]) -> dict[str, np.ndarray]:
    """Sentence embeddings per document (cached on disk by the encoder)."""
    out = {}
    ordered = sorted(docs, key=lambda d: d.id)
    total = sum(len(sentences.get(d.id, [])) for d in ordered)
    with progress.stage("embed", total, "sentence") as st:
        for d in ordered:
            texts = [s.text for s in sentences.get(d.id, [])]
            if not texts:
                out[d.id] = np.zeros((0, 1), "float32")
                continue
            parts = []
            for i in range(0, len(texts), EMBED_BATCH if len(texts) > EMBED_BATCH else len(texts)):
                batch = texts[i:i + EMBED_BATCH] if len(texts) > EMBED_BATCH else texts
                parts.append(np.asarray(enc.encode(batch), dtype="float32"))
                st.advance(len(batch))
            out[d.id] = parts[0] if len(parts) == 1 else np.concatenate(parts)
    return out


# --------------------------------------------------------------------------
# group and align


def source_first(a: Document, b: Document) -> tuple[Document, Document]:
    """Which of two versions is the source side of a pair: Chinese, then
    English, then French (the sample corpus goes zh -> fr and zh -> en);
    ties by path."""
    first, second = sorted((a, b), key=lambda d: (SOURCE_ORDER.index(d.lang) if d.lang in SOURCE_ORDER else 9,
                                                  d.path))
    return first, second


def group_and_align(docs: list[Document], sentences: dict[str, list[Sentence]], embeddings: dict[str, np.ndarray],
                    encode: Optional[Callable] = None):
    """Document-pair scores, groups of versions, the pairwise alignment of
    every related pair inside a group, and alignment groups across versions.
    ``encode``: the encoder's ``encode`` (the one that made ``embeddings``),
    for the merged-text windows the aligner rescores beads with; the
    CachedEncoder caches them like sentences (align.align_embeddings); the
    clauses of every bead of three sentences or more are aligned with it too
    (``Bead.clauses``, rumorlens.clauses)."""
    from . import grouping
    from .align import anchor_tokens

    if len(docs) < 2:
        # nothing to group: skip the corpus-wide sentence-neighbour search,
        # which on one 15 MB file compares its 180,000 sentences with each other
        return [], [], [], []
    with progress.stage("group", len(docs), "document") as st:
        # each sentence's rare numbers and names, read once: grouping compares
        # them across documents, alignment across the sentences of a pair
        tokens = {doc_id: [anchor_tokens(s.text) for s in sents] for doc_id, sents in sentences.items()}
        scores = grouping.score_document_pairs(docs, sentences, embeddings, tokens)
        groups = grouping.group_documents(docs, sentences, embeddings, scores)
        st.advance(len(docs))
    by_id = {d.id: d for d in docs}
    # the related pairs inside each group, in one pass over the scores
    group_of = {doc_id: i for i, g in enumerate(groups) for doc_id in g.docs}
    related_in: list[list[DocPairScore]] = [[] for _ in groups]
    for s in scores:
        if s.relation in grouping.VERSION_RELATIONS and s.a in group_of and group_of[s.a] == group_of.get(s.b):
            related_in[group_of[s.a]].append(s)
    alignments: list[PairAlignment] = []
    agroups: list[AlignmentGroup] = []
    with progress.stage("align", sum(len(r) for r in related_in), "pair") as st:
        for g, related in zip(groups, related_in):
            group_alignments = _align_group(sorted(related, key=lambda s: (s.a, s.b)), by_id, sentences, embeddings,
                                            tokens, st, encode)
            alignments.extend(group_alignments)
            agroups.extend(grouping.alignment_groups(g, group_alignments))
    return scores, groups, alignments, agroups


def _align_group(related: list[DocPairScore], by_id, sentences, embeddings, tokens, st,
                 encode: Optional[Callable] = None) -> list[PairAlignment]:
    """The pairwise alignment of each related pair of one group, source first
    (``encode``: see :func:`group_and_align`)."""
    from .align import align_embeddings
    from .clauses import add_clauses

    group_alignments = []
    for s in related:
        src, tgt = source_first(by_id[s.a], by_id[s.b])
        src_sents, tgt_sents = sentences[src.id], sentences[tgt.id]
        # Languages and kinds let the aligner leave stray lines (a Chinese
        # caption inside the French version, image lines) one-sided.
        beads = align_embeddings(
            embeddings[src.id], embeddings[tgt.id], [x.text for x in src_sents], [x.text for x in tgt_sents],
            src_langs=[x.lang for x in src_sents], tgt_langs=[x.lang for x in tgt_sents],
            src_kinds=[x.kind for x in src_sents], tgt_kinds=[x.kind for x in tgt_sents],
            src_tokens=tokens[src.id], tgt_tokens=tokens[tgt.id], encode=encode,
        )
        if encode is not None:
            add_clauses(beads, src_sents, tgt_sents, encode)
        group_alignments.append(PairAlignment(src.id, tgt.id, beads, relation=s.relation, score=s.score))
        st.advance()
    return group_alignments


def write_pairs(path: Path, scores: list[DocPairScore], groups: list[DocGroup], alignments: list[PairAlignment],
                agroups: list[AlignmentGroup]) -> None:
    """pairs.json: the group-and-align stage's artifact."""
    data = {
        "scores": [to_dict(s) for s in scores],
        "groups": [to_dict(g) for g in groups],
        "alignments": [to_dict(a) for a in alignments],
        "alignment_groups": [to_dict(a) for a in agroups],
    }
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


def read_pairs(path: Path):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return (
            [from_dict(DocPairScore, x) for x in data["scores"]],
            [from_dict(DocGroup, x) for x in data["groups"]],
            [from_dict(PairAlignment, x) for x in data["alignments"]],
            [from_dict(AlignmentGroup, x) for x in data["alignment_groups"]],
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path}: not a pairs file from `rumorlens pairs` ({exc})") from None


# --------------------------------------------------------------------------
# mentions, compare, report


def mentions(docs: list[Document]) -> list[Mention]:
    from .mentions import extract_document

    out: list[Mention] = []
    ordered = sorted(docs, key=lambda d: d.id)
    for d in progress.bar(ordered, desc="mentions", total=len(ordered), unit="document"):
        out.extend(extract_document(d))
    return out


def claims(docs: list[Document], sentences: dict[str, list[Sentence]]) -> list[ClaimProfile]:
    """The claims stage: a claim profile for every text sentence in zh, fr or en."""
    from .claims import profile_document

    out: list[ClaimProfile] = []
    ordered = sorted(docs, key=lambda d: d.id)
    for d in progress.bar(ordered, desc="claims", total=len(ordered), unit="doc"):
        out.extend(profile_document(d, sentences.get(d.id, [])))
    return out


def compare(docs, sentences, embeddings, groups, alignments, doc_mentions, enc=None,
            get_translator: Optional[Callable] = None, doc_claims: Optional[list[ClaimProfile]] = None,
            checks=None, moves: bool = False, agroups: Optional[list[AlignmentGroup]] = None) -> list[Finding]:
    """Every check on every aligned pair (``checks``: driver.BEAD_CHECKS
    unless given, e.g. driver.bead_checks(glossaries)), each weighed against
    its own pair; cross-article conflicts; then duplicates merged, findings
    restated across an article's versions (``agroups``: its passages) and
    ranked.  ``doc_claims`` are the claims stage's profiles (the claim checks
    stay silent without them).  Passages a version moved are not reported
    missing; with ``moves`` they are reported as moved."""
    from .compare import MentionIndex, aligned_pairs, merge_findings, rank, run_checks
    from .compare.calibration import calibrate
    from .compare.conflict import find_conflicts
    from .compare.consolidate import consolidate, versions
    from .compare.driver import BEAD_CHECKS
    from .compare.internal import internal_findings
    from .compare.moves import apply_moves, find_moves
    from .compare.sentence_pairs import phrase_similarity_from

    by_id = {d.id: d for d in docs}
    per_doc: dict[str, list[Mention]] = {d.id: [] for d in docs}
    for m in doc_mentions:
        if m.doc_id in per_doc:
            per_doc[m.doc_id].append(m)
    index = {doc_id: MentionIndex(ms) for doc_id, ms in per_doc.items()}
    psim = phrase_similarity_from(enc) if enc is not None else None
    profiles: dict[str, dict[int, ClaimProfile]] = {}
    for p in doc_claims or []:
        profiles.setdefault(p.doc_id, {})[p.sentence] = p
    findings: list[Finding] = []
    for pa in progress.bar(alignments, desc="compare", total=len(alignments), unit="pair"):
        pairs = aligned_pairs(pa, by_id, sentences, index, psim, profiles)
        findings.extend(apply_moves(calibrate(run_checks(pairs, checks or BEAD_CHECKS), pairs),
                                    find_moves(pa, sentences, embeddings), pa, by_id, sentences, report=moves))
        if get_translator is not None and enc is not None:
            from .compare.translated import translation_findings
            from .mentions import extract_text

            findings.extend(translation_findings(pairs, get_translator, enc, lambda t, l: extract_text(t, l)))
    # Cross-article conflicts skip versions of one article (their beads were
    # checked above).  Independent reports of one event (same_event pairs)
    # are never inside one group, so they get the conflict check.
    versions_of = [(a, b) for g in groups for a in g.docs for b in g.docs if a < b]
    with progress.stage("conflicts", len(docs), "document") as st:
        findings.extend(find_conflicts(docs, sentences, embeddings, index, versions_of))
        st.advance(len(docs))
    v = versions(docs, sentences, groups, agroups or [], alignments, index)
    findings.extend(internal_findings(v, enc))
    merged = merge_findings(findings, {d.id: d.text for d in docs})
    return rank(consolidate(merged, v))


def report(docs, skipped, groups, alignments, sentences, findings, agroups, model: str) -> dict:
    from .report import build_report

    return build_report(docs, skipped, groups, alignments, sentences, findings,
                        alignment_groups=agroups, generator={"name": "rumorlens", "model": model})


def review(report: dict, decisions: Optional[Path] = None) -> dict:
    """A reviewer's decisions (file ``decisions``, named in the report by its
    file name only) applied to a report, and its digest (rumorlens.triage)."""
    from .triage import review as apply_review

    return apply_review(report, decisions)


def translator_factory():
    """``rumorlens.translate.get_translator`` when the optional extra is
    installed; a one-line error otherwise."""
    import importlib.util

    if importlib.util.find_spec("argostranslate") is None:
        raise UserError("--translate needs the translate extra: pip install 'rumorlens[translate]'")
    from .translate import get_translator

    return get_translator


def run_all(corpus: Path, model: str = DEFAULT_MODEL, translate: bool = False, glossaries=(), *,
            max_bytes: Optional[int] = None, follow_links: bool = False, use_cache: bool = True,
            moves: bool = False) -> dict:
    """The whole pipeline on a corpus folder: the report as a dict.
    ``glossaries``: user glossary files for the term check (read first: a
    bad one stops the run before any work, with a one-line error)."""
    from .compare.driver import bead_checks

    checks = bead_checks(glossaries)
    docs, skipped = ingest(corpus, max_bytes=max_bytes, follow_links=follow_links)
    sentences = segment(docs)
    enc = encoder(model, use_cache=use_cache)
    embeddings = embed(enc, docs, sentences)
    scores, groups, alignments, agroups = group_and_align(docs, sentences, embeddings, enc.encode)
    doc_mentions = mentions(docs)
    doc_claims = claims(docs, sentences)
    get_translator = translator_factory() if translate else None
    findings = compare(docs, sentences, embeddings, groups, alignments, doc_mentions, enc, get_translator,
                       doc_claims, checks, moves, agroups=agroups)
    return report(docs, skipped, groups, alignments, sentences, findings, agroups, model)
