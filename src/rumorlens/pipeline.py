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
from functools import lru_cache
from typing import Callable, NamedTuple, Optional, Sequence

import numpy as np

from . import progress
from .errors import UserError
from .langs import SOURCE_ORDER
from .records import (AlignmentGroup, ClaimProfile, DocGroup, DocPairScore, Document, Finding, Mention,
                      PairAlignment, Sentence,
                      Skipped, atomic_write_text, from_dict, to_dict)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "use-m3"


# --------------------------------------------------------------------------
# runners: the per-document and per-pair stages go through ``runner.map``
# (rumorlens.runner): in this process by default, or on a Dask cluster.
# What a task needs travels in its item; the functions applied are the
# module-level ``_*_one`` below, so any engine can ship them by name.


def _runner(runner):
    from .runner import SerialRunner

    return runner if runner is not None else SerialRunner()


def _map(runner, fn: Callable, items: Sequence, st, *, stage: str, weight: Optional[Callable] = None) -> list:
    """``runner.map`` in slices, so the stage's progress moves during a long
    run (one item at a time in this process; 32 per worker elsewhere)."""
    from .runner import SerialRunner

    step = 1 if isinstance(runner, SerialRunner) else 32 * max(1, runner.jobs)
    out: list = []
    for i in range(0, len(items), step):
        part = items[i:i + step]
        out.extend(runner.map(fn, part, stage=stage))
        st.advance(sum(weight(x) for x in part) if weight else len(part))
    return out


class EncoderRef(NamedTuple):
    """How a task finds the sentence encoder: the one this process's run
    made (``token``), else, on a worker, the worker's own encoder for
    ``model`` (loaded once per worker process, behind the worker's
    embedding cache unless ``use_cache`` is False).  ``model`` None: none."""
    model: Optional[str]
    use_cache: bool
    token: int


_LOCAL_ENCODE: dict[int, Callable] = {}  # token -> encode, in the process that made it


def encoder_ref(encode: Optional[Callable]) -> EncoderRef:
    """A picklable stand-in for ``encode`` (a CachedEncoder's ``encode``, or
    None) that tasks turn back into an encode function (:func:`_encode_of`)."""
    if encode is None:
        return EncoderRef(None, False, 0)
    owner = getattr(encode, "__self__", None)
    token = id(encode if owner is None else owner)
    while len(_LOCAL_ENCODE) >= 8:  # a long-lived process (tests) keeps the newest few
        _LOCAL_ENCODE.pop(next(iter(_LOCAL_ENCODE)))
    _LOCAL_ENCODE[token] = encode
    return EncoderRef(getattr(owner, "name", None), bool(getattr(owner, "enabled", False)), token)


@lru_cache(maxsize=4)
def _worker_encoder(model: str, use_cache: bool, cache: str):
    return encoder(model, use_cache=use_cache)


def _encode_of(ref: EncoderRef) -> Optional[Callable]:
    if ref.model is None and ref.token == 0:
        return None
    local = _LOCAL_ENCODE.get(ref.token)
    if local is not None:
        return local
    if ref.model is None:
        raise RuntimeError("a task needs an encoder that is not a rumorlens CachedEncoder: it cannot be shipped")
    from .paths import cache_dir

    return _worker_encoder(ref.model, ref.use_cache, str(cache_dir())).encode


def ingest(corpus: Path, *, max_bytes: Optional[int] = None,
           follow_links: bool = False, runner=None) -> tuple[list[Document], list[Skipped]]:
    from .ingest import DEFAULT_MAX_BYTES, ingest_corpus

    with progress.stage("ingest", unit="file") as st:
        docs, skipped = ingest_corpus(corpus, max_bytes=max_bytes or DEFAULT_MAX_BYTES, follow_links=follow_links,
                                      on_file=st.advance, runner=runner)
    return docs, skipped


def _segment_one(doc: Document) -> list[Sentence]:
    from .segment import segment_document

    return segment_document(doc)


def segment(docs: list[Document], runner=None) -> dict[str, list[Sentence]]:
    """Sentences of every document (through ``runner``), with page furniture
    marked as kind ``boilerplate`` by a pass over the whole corpus, here
    (rumorlens.boilerplate)."""
    from .boilerplate import mark_boilerplate

    with progress.stage("segment", len(docs), "document") as st:
        found = _map(_runner(runner), _segment_one, docs, st, stage="segment")
    return mark_boilerplate(docs, {d.id: sents for d, sents in zip(docs, found)})


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


def _embed_one(item: tuple[EncoderRef, list[str]]) -> np.ndarray:
    ref, texts = item
    return np.asarray(_encode_of(ref)(texts), dtype="float32")


def embed(enc, docs: list[Document], sentences: dict[str, list[Sentence]], runner=None) -> dict[str, np.ndarray]:
    """Sentence embeddings per document (cached on disk by the encoder; on a
    cluster, by each worker's encoder): float32 (sentences, dim)."""
    ref = encoder_ref(enc.encode)
    ordered = sorted(docs, key=lambda d: d.id)
    batches: list[tuple[str, list[str]]] = []  # (document id, texts): one encode call each
    for d in ordered:
        texts = [s.text for s in sentences.get(d.id, [])]
        step = EMBED_BATCH if len(texts) > EMBED_BATCH else max(1, len(texts))
        batches.extend((d.id, texts[i:i + step]) for i in range(0, len(texts), step))
    with progress.stage("embed", sum(len(t) for _, t in batches), "sentence") as st:
        vectors = _map(_runner(runner), _embed_one, [(ref, t) for _, t in batches], st, stage="embed",
                       weight=lambda item: len(item[1]))
    parts: dict[str, list[np.ndarray]] = {}
    for (doc_id, _), v in zip(batches, vectors):
        parts.setdefault(doc_id, []).append(v)
    return {d.id: (np.zeros((0, 1), "float32") if d.id not in parts else
                   parts[d.id][0] if len(parts[d.id]) == 1 else np.concatenate(parts[d.id])) for d in ordered}


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
                    encode: Optional[Callable] = None, runner=None):
    """Document-pair scores, groups of versions, the pairwise alignment of
    every related pair inside a group, and alignment groups across versions.
    ``encode``: the encoder's ``encode`` (the one that made ``embeddings``),
    for the merged-text windows the aligner rescores beads with; the
    CachedEncoder caches them like sentences (align.align_embeddings); the
    clauses of every bead of three sentences or more are aligned with it too
    (``Bead.clauses``, rumorlens.clauses).  The neighbour search of grouping
    runs here, in this process (FAISS); the pairwise alignments go through
    ``runner``."""
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
    ref = encoder_ref(encode)
    related_in = [sorted(related, key=lambda s: (s.a, s.b)) for related in related_in]
    items = []
    for s in (s for related in related_in for s in related):
        src, tgt = source_first(by_id[s.a], by_id[s.b])
        items.append((s, src.id, tgt.id, sentences[src.id], sentences[tgt.id], embeddings[src.id], embeddings[tgt.id],
                      tokens[src.id], tokens[tgt.id], ref))
    with progress.stage("align", len(items), "pair") as st:
        aligned = iter(_map(_runner(runner), _align_one, items, st, stage="align"))
    alignments: list[PairAlignment] = []
    agroups: list[AlignmentGroup] = []
    for g, related in zip(groups, related_in):
        group_alignments = [next(aligned) for _ in related]
        alignments.extend(group_alignments)
        agroups.extend(grouping.alignment_groups(g, group_alignments))
    return scores, groups, alignments, agroups


def _align_one(item) -> PairAlignment:
    """The alignment of one related pair, source first (its score, both
    sides' ids, sentences, embeddings and anchor tokens, the EncoderRef)."""
    from .align import align_embeddings
    from .clauses import add_clauses

    s, src_id, tgt_id, src_sents, tgt_sents, src_emb, tgt_emb, src_tokens, tgt_tokens, ref = item
    encode = _encode_of(ref)
    # Languages and kinds let the aligner leave stray lines (a Chinese
    # caption inside the French version, image lines) one-sided.
    beads = align_embeddings(
        src_emb, tgt_emb, [x.text for x in src_sents], [x.text for x in tgt_sents],
        src_langs=[x.lang for x in src_sents], tgt_langs=[x.lang for x in tgt_sents],
        src_kinds=[x.kind for x in src_sents], tgt_kinds=[x.kind for x in tgt_sents],
        src_tokens=src_tokens, tgt_tokens=tgt_tokens, encode=encode,
    )
    if encode is not None:
        add_clauses(beads, src_sents, tgt_sents, encode)
    return PairAlignment(src_id, tgt_id, beads, relation=s.relation, score=s.score)


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


def _mentions_one(doc: Document) -> list[Mention]:
    from .mentions import extract_document

    return extract_document(doc)


def mentions(docs: list[Document], runner=None) -> list[Mention]:
    ordered = sorted(docs, key=lambda d: d.id)
    with progress.stage("mentions", len(ordered), "document") as st:
        found = _map(_runner(runner), _mentions_one, ordered, st, stage="mentions")
    return [m for ms in found for m in ms]


def _claims_one(item: tuple[Document, list[Sentence]]) -> list[ClaimProfile]:
    from .claims import profile_document

    return profile_document(*item)


def claims(docs: list[Document], sentences: dict[str, list[Sentence]], runner=None) -> list[ClaimProfile]:
    """The claims stage: a claim profile for every text sentence in zh, fr or en."""
    ordered = sorted(docs, key=lambda d: d.id)
    with progress.stage("claims", len(ordered), "doc") as st:
        found = _map(_runner(runner), _claims_one, [(d, sentences.get(d.id, [])) for d in ordered], st,
                     stage="claims")
    return [p for ps in found for p in ps]


def compare(docs, sentences, embeddings, groups, alignments, doc_mentions, enc=None,
            get_translator: Optional[Callable] = None, doc_claims: Optional[list[ClaimProfile]] = None,
            checks=None, moves: bool = False, agroups: Optional[list[AlignmentGroup]] = None,
            runner=None) -> list[Finding]:
    """Every check on every aligned pair (``checks``: driver.BEAD_CHECKS
    unless given, e.g. driver.bead_checks(glossaries)), each weighed against
    its own pair; cross-article conflicts; then duplicates merged, findings
    restated across an article's versions (``agroups``: its passages) and
    ranked.  ``doc_claims`` are the claims stage's profiles (the claim checks
    stay silent without them).  Passages a version moved are not reported
    missing; with ``moves`` they are reported as moved.  The checks of each
    aligned pair go through ``runner``; the cross-article conflicts (a
    neighbour search over every sentence, FAISS) and the steps across
    versions run here, in this process."""
    from .compare import MentionIndex, merge_findings, rank
    from .compare.conflict import find_conflicts
    from .compare.consolidate import consolidate, versions
    from .compare.internal import internal_findings

    by_id = {d.id: d for d in docs}
    per_doc: dict[str, list[Mention]] = {d.id: [] for d in docs}
    for m in doc_mentions:
        if m.doc_id in per_doc:
            per_doc[m.doc_id].append(m)
    index = {doc_id: MentionIndex(ms) for doc_id, ms in per_doc.items()}
    profiles: dict[str, dict[int, ClaimProfile]] = {}
    for p in doc_claims or []:
        profiles.setdefault(p.doc_id, {})[p.sentence] = p
    ref = encoder_ref(enc.encode if enc is not None else None)
    translate = get_translator is not None and enc is not None
    if translate:
        _LOCAL_TRANSLATOR[ref.token] = get_translator
    items = [(pa, {i: by_id[i] for i in ids}, {i: sentences[i] for i in ids}, {i: per_doc[i] for i in ids},
              {i: profiles.get(i, {}) for i in ids}, {i: embeddings[i] for i in ids}, ref, translate, checks, moves)
             for pa in alignments for ids in [(pa.src_doc, pa.tgt_doc)]]
    with progress.stage("compare", len(items), "pair") as st:
        findings = [f for fs in _map(_runner(runner), _compare_one, items, st, stage="compare") for f in fs]
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


_LOCAL_TRANSLATOR: dict[int, Callable] = {}  # EncoderRef token -> get_translator, in the process that made it


@lru_cache(maxsize=4)
def _phrase_similarity(ref: EncoderRef) -> Optional[Callable]:
    """One phrase-similarity memo per encoder and process (a worker keeps
    it across the pairs it checks)."""
    from types import SimpleNamespace

    from .compare.sentence_pairs import phrase_similarity_from

    encode = _encode_of(ref)
    return phrase_similarity_from(SimpleNamespace(encode=encode)) if encode is not None else None


def _compare_one(item) -> list[Finding]:
    """Every bead check on one aligned pair (and the machine-translation
    comparison when asked): the pair, its two documents' records by id, the
    EncoderRef, whether to translate, the checks (None: the bundled ones),
    whether to report moves."""
    from types import SimpleNamespace

    from .compare import MentionIndex, aligned_pairs, run_checks
    from .compare.calibration import calibrate
    from .compare.driver import BEAD_CHECKS
    from .compare.moves import apply_moves, find_moves

    pa, by_id, sentences, per_doc, profiles, embeddings, ref, translate, checks, moves = item
    index = {doc_id: MentionIndex(ms) for doc_id, ms in per_doc.items()}
    pairs = aligned_pairs(pa, by_id, sentences, index, _phrase_similarity(ref), profiles)
    findings = apply_moves(calibrate(run_checks(pairs, checks or BEAD_CHECKS), pairs),
                           find_moves(pa, sentences, embeddings), pa, by_id, sentences, report=moves)
    if translate:
        from .compare.translated import translation_findings
        from .mentions import extract_text

        get_translator = _LOCAL_TRANSLATOR.get(ref.token) or translator_factory()
        findings.extend(translation_findings(pairs, get_translator, SimpleNamespace(encode=_encode_of(ref)),
                                             lambda t, l: extract_text(t, l)))
    return findings


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
            moves: bool = False, runner=None) -> dict:
    """The whole pipeline on a corpus folder: the report as a dict.
    ``glossaries``: user glossary files for the term check (read first: a
    bad one stops the run before any work, with a one-line error).
    ``runner`` (rumorlens.runner; default: this process) runs the
    per-document and per-pair stages; the report is the same whatever runs them."""
    from .compare.driver import bead_checks

    checks = bead_checks(glossaries)
    docs, skipped = ingest(corpus, max_bytes=max_bytes, follow_links=follow_links, runner=runner)
    sentences = segment(docs, runner)
    enc = encoder(model, use_cache=use_cache)
    embeddings = embed(enc, docs, sentences, runner)
    scores, groups, alignments, agroups = group_and_align(docs, sentences, embeddings, enc.encode, runner)
    doc_mentions = mentions(docs, runner)
    doc_claims = claims(docs, sentences, runner)
    get_translator = translator_factory() if translate else None
    findings = compare(docs, sentences, embeddings, groups, alignments, doc_mentions, enc, get_translator,
                       doc_claims, checks, moves, agroups=agroups, runner=runner)
    return report(docs, skipped, groups, alignments, sentences, findings, agroups, model)
