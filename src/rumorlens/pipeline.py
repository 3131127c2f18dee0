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

import contextlib
import functools
import json
import logging
from concurrent.futures import Future
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from . import progress
from .errors import UserError
from .resultcache import ResultCache, cached_map, encoder_key, files_digest
from .runner import Runner, SerialRunner, largest_first, stop
from .langs import SOURCE_ORDER
from .records import (AlignmentGroup, ClaimProfile, DocGroup, DocPairScore, Document, Finding, Mention,
                      PairAlignment, Sentence,
                      Skipped, atomic_write_text, from_dict, to_dict)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "use-m3"


def ingest(corpus: Path, *, max_bytes: Optional[int] = None, follow_links: bool = False,
           runner: Optional[Runner] = None) -> tuple[list[Document], list[Skipped]]:
    """Documents and skipped files of a corpus folder (``runner``: where the
    files are read and decoded; in this process when None)."""
    from .ingest import DEFAULT_MAX_BYTES, ingest_corpus

    if runner is not None and (runner.jobs > 1 or getattr(runner, "offload_all", False)):
        return ingest_corpus(corpus, max_bytes=max_bytes or DEFAULT_MAX_BYTES, follow_links=follow_links,
                             runner=runner)
    with progress.stage("ingest", unit="file") as st:
        docs, skipped = ingest_corpus(corpus, max_bytes=max_bytes or DEFAULT_MAX_BYTES, follow_links=follow_links,
                                      on_file=st.advance)
    return docs, skipped


def segment(docs: list[Document], runner: Optional[Runner] = None) -> dict[str, list[Sentence]]:
    """Sentences of every document, with page furniture marked as kind
    ``boilerplate`` by a pass over the whole corpus (rumorlens.boilerplate).
    ``runner``: where the documents are segmented (in this process when None)."""
    from .boilerplate import mark_boilerplate
    from .segment import segment_document

    found = (runner or SerialRunner()).map(segment_document, docs, stage="segment")
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


def result_cache(use_cache: bool = True) -> ResultCache:
    """The stage result cache in the cache folder (``use_cache=False``,
    ``--no-cache``: no file opened, everything computed)."""
    return ResultCache(use_cache=use_cache)


# A document with more sentences than this is embedded in batches of this
# size, so a huge file reports progress and holds one batch of model
# activations at a time.  Smaller documents go in one call, as always.
EMBED_BATCH = 2048


def embed(enc, docs: list[Document], sentences: dict[str, list[Sentence]],
          runner: Optional[Runner] = None) -> dict[str, np.ndarray]:
    """Sentence embeddings per document (cached on disk by the encoder):
    (sentences, dim) float32 each, (0, 1) for a document without sentences.
    ``runner``: where the documents are embedded (in this process when None;
    a pool's workers each make the encoder once, behind the same cache:
    ``enc`` must be picklable, as a CachedEncoder is)."""
    ordered = sorted(docs, key=lambda d: d.id)
    texts = [[s.text for s in sentences.get(d.id, [])] for d in ordered]
    if runner is not None:
        found = runner.map(embed_document, [(enc, t) for t in texts], stage="embed")
        return {d.id: e for d, e in zip(ordered, found)}
    out = {}
    with progress.stage("embed", sum(map(len, texts)), "sentence") as st:
        for d, doc_texts in zip(ordered, texts):
            out[d.id] = embed_document((enc, doc_texts), st.advance)
    return out


def embed_document(item: tuple, advance: Callable[[int], None] = lambda n: None) -> np.ndarray:
    """The embeddings of one document's sentence texts ``item = (enc,
    texts)``, EMBED_BATCH at a time (module level: a worker runs it);
    ``advance(n)`` after each batch of n sentences."""
    enc, texts = item
    if not texts:
        return np.zeros((0, 1), "float32")
    parts = []
    for i in range(0, len(texts), EMBED_BATCH if len(texts) > EMBED_BATCH else len(texts)):
        batch = texts[i:i + EMBED_BATCH] if len(texts) > EMBED_BATCH else texts
        parts.append(np.asarray(enc.encode(batch), dtype="float32"))
        advance(len(batch))
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def runner_for_embed_and_align(runner: Optional[Runner]) -> Optional[Runner]:
    """Where :func:`run_all` embeds and aligns: on ``runner``'s workers
    whenever it has more than one (a local pool, or an engine that hands
    them every per-document and per-pair stage, ``runner.offload_all``: the
    Dask engine, whose workers may be other machines), so that this process
    keeps only the global steps (grouping's sentence neighbours,
    cross-article conflicts); else in this process (None).  Measured at
    9,863 generated sentences on 2 cores (bench_scale, one run each, same
    quiet machine): 128.7 s with embedding and alignment in this process
    beside the pool's mentions and claims, 110.6 s on the pool; same CPU,
    same report bytes.  Once NLP was batched, the workers sat idle while
    this process embedded and aligned alone."""
    return runner if getattr(runner, "offload_all", False) or (runner is not None and runner.jobs > 1) else None


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
                    encode: Optional[Callable] = None, runner: Optional[Runner] = None,
                    cache: Optional[ResultCache] = None, on_pairs: Callable[[set[str]], None] = lambda ids: None):
    """Document-pair scores, groups of versions, the pairwise alignment of
    every related pair inside a group, and alignment groups across versions.
    ``encode``: the encoder's ``encode`` (the one that made ``embeddings``),
    for the merged-text windows the aligner rescores beads with; the
    CachedEncoder caches them like sentences (align.align_embeddings); the
    clauses of every bead of three sentences or more are aligned with it too
    (``Bead.clauses``, rumorlens.clauses).
    ``runner``: where the pairs are aligned (in this process when None; a
    pool needs a picklable ``encode``, such as a CachedEncoder's).
    ``cache``: pair alignments already computed (rumorlens.resultcache).
    ``on_pairs``: called with the ids of the documents in some pair to
    align once the pairs are known, before they are aligned (run_all
    profiles the claims of those only)."""
    from . import grouping
    from .align import anchor_tokens

    if len(docs) < 2:
        # nothing to group: skip the corpus-wide sentence-neighbour search,
        # which on one 15 MB file compares its 180,000 sentences with each other
        on_pairs(set())
        return [], [], [], []
    with progress.stage("group", len(docs), "document") as st:
        # each sentence's rare numbers and names, read once: grouping compares
        # them across documents, alignment across the sentences of a pair
        tokens = {doc_id: [anchor_tokens(s.text) for s in sents] for doc_id, sents in sentences.items()}
        # pairs that cannot weigh in the grouping are scored only if a group
        # holds them (grouping.score_document_pairs, defer)
        scores = grouping.score_document_pairs(docs, sentences, embeddings, tokens, defer=True)
        groups = grouping.group_documents(docs, sentences, embeddings, scores)
        st.advance(len(docs))
    by_id = {d.id: d for d in docs}
    # the related pairs inside each group, in one pass over the scores
    group_of = {doc_id: i for i, g in enumerate(groups) for doc_id in g.docs}
    related_in: list[list[DocPairScore]] = [[] for _ in groups]
    # a copy is represented by the document it copies (DocGroup.copies)
    copied = {doc_id for g in groups for doc_id in g.copies}
    for s in scores:
        # two retellings of one article are compared through it (evidence 'through')
        if s.relation in grouping.VERSION_RELATIONS and s.a in group_of and group_of[s.a] == group_of.get(s.b) \
                and s.a not in copied and s.b not in copied and not s.evidence.get("through"):
            related_in[group_of[s.a]].append(s)
    ordered = [sorted(related, key=lambda s: (s.a, s.b)) for related in related_in]
    items = [_align_item(s, by_id, sentences, embeddings, tokens, encode) for related in ordered for s in related]
    on_pairs({s.a for related in ordered for s in related} | {s.b for related in ordered for s in related})
    found = iter(cached_map(cache, runner or SerialRunner(), align_pair_item, items, _align_key, stage="align",
                            record=PairAlignment))
    alignments: list[PairAlignment] = []
    agroups: list[AlignmentGroup] = []
    for g, related in zip(groups, ordered):
        group_alignments = [next(found) for _ in related]
        alignments.extend(group_alignments)
        agroups.extend(grouping.alignment_groups(g, group_alignments))
    return scores, groups, alignments, agroups


def _align_item(s: DocPairScore, by_id, sentences, embeddings, tokens, encode) -> dict:
    """What aligning one related pair needs, source first, as plain data
    (``encode``: see :func:`group_and_align`)."""
    src, tgt = source_first(by_id[s.a], by_id[s.b])
    item = {"relation": s.relation, "score": s.score, "encode": encode}
    for side, d in (("src", src), ("tgt", tgt)):
        item[side] = {"id": d.id, "lang": d.lang, "emb": embeddings[d.id], "sents": sentences[d.id],
                      "tokens": tokens[d.id]}
    return item


def _align_key(item: dict) -> Optional[tuple]:
    """What the alignment of an item of :func:`_align_item` depends on (its
    tokens come from its sentences), for the result cache; None: not cached."""
    enc = encoder_key(item["encode"])
    if enc is None:
        return None
    src, tgt = item["src"], item["tgt"]
    return (enc, item["relation"], item["score"], src["id"], src["sents"], src["emb"], tgt["id"], tgt["sents"],
            tgt["emb"])


def align_pair_item(item: dict) -> PairAlignment:
    """The alignment of one pair from :func:`_align_item` (module level: a
    worker process runs it)."""
    from .align import align_embeddings
    from .clauses import add_clauses

    src, tgt = item["src"], item["tgt"]
    ss, ts = src["sents"], tgt["sents"]
    if item["relation"] == "retelling":
        beads = _align_retelling_item(item)
        if item["encode"] is not None:
            add_clauses(beads, ss, ts, item["encode"], src["emb"], tgt["emb"], src["tokens"], tgt["tokens"])
        return PairAlignment(src["id"], tgt["id"], beads, relation=item["relation"], score=item["score"])
    # Languages and kinds let the aligner leave stray lines (a Chinese
    # caption inside the French version, image lines) one-sided.
    beads = align_embeddings(
        src["emb"], tgt["emb"], [x.text for x in ss], [x.text for x in ts],
        src_langs=[x.lang for x in ss], tgt_langs=[x.lang for x in ts],
        src_kinds=[x.kind for x in ss], tgt_kinds=[x.kind for x in ts],
        src_tokens=src["tokens"], tgt_tokens=tgt["tokens"], encode=item["encode"],
    )
    if item["encode"] is not None:
        add_clauses(beads, ss, ts, item["encode"], src["emb"], tgt["emb"], src["tokens"], tgt["tokens"])
    return PairAlignment(src["id"], tgt["id"], beads, relation=item["relation"], score=item["score"])


def _align_retelling_item(item: dict) -> list:
    """Beads of a retelling pair (rumorlens.align_retelling), with what
    align_embeddings is given besides."""
    from .align_retelling import align_retelling
    from .grouping import load_thresholds, similarity_level

    src, tgt = item["src"], item["tgt"]
    ss, ts = src["sents"], tgt["sents"]
    return align_retelling(
        src["emb"], tgt["emb"], similarity_level(src["lang"], tgt["lang"], load_thresholds()),
        [x.text for x in ss], [x.text for x in ts], src_langs=[x.lang for x in ss], tgt_langs=[x.lang for x in ts],
        src_kinds=[x.kind for x in ss], tgt_kinds=[x.kind for x in ts], src_tokens=src["tokens"],
        tgt_tokens=tgt["tokens"])


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


def mentions(docs: list[Document], runner: Optional[Runner] = None,
             cache: Optional[ResultCache] = None) -> list[Mention]:
    """The mentions stage: every document's mentions, documents by id
    (``cache``: documents already read, rumorlens.resultcache)."""
    ordered = sorted(docs, key=lambda d: d.id)
    found = cached_map(cache, runner or SerialRunner(), _mentions_batch, ordered, lambda d: (d,),
                       stage="mentions", record=Mention, batch=_doc_batches(lambda d: len(d.text)))
    return [m for doc_mentions in found for m in doc_mentions]


# Mentions and claims read documents in batches of at most this many
# characters and documents (rumorlens.runner.batched): spaCy's nlp.pipe on
# a batch of small documents costs about half as much as one call per
# document, and a batch of 20,000 characters is what one NER pipe batch
# holds anyway (mentions.entities.NER_CHUNK), so memory stays the same.
BATCH_CHARS = 20_000
BATCH_DOCS = 64


def _doc_batches(size_of: Callable) -> Callable[[list], list]:
    from .runner import batched

    return functools.partial(batched, size_of=size_of, max_size=BATCH_CHARS, max_items=BATCH_DOCS)


def _mentions_batch(docs: list[Document]) -> list[list[Mention]]:
    from .mentions import extract_documents

    return extract_documents(list(docs))


def _profile_batch(items: list[tuple[Document, list[Sentence]]]) -> list[list[ClaimProfile]]:
    from .claims import profile_documents

    return profile_documents(list(items))


def claims(docs: list[Document], sentences: dict[str, list[Sentence]],
           runner: Optional[Runner] = None, cache: Optional[ResultCache] = None) -> list[ClaimProfile]:
    """The claims stage: a claim profile for every text sentence in zh, fr or en
    (``cache``: documents already profiled, rumorlens.resultcache)."""
    ordered = sorted(docs, key=lambda d: d.id)
    items = [(d, sentences.get(d.id, [])) for d in ordered]
    found = cached_map(cache, runner or SerialRunner(), _profile_batch, items, lambda item: item, stage="claims",
                       record=ClaimProfile, batch=_doc_batches(lambda item: sum(len(s.text) for s in item[1])))
    return [p for doc_profiles in found for p in doc_profiles]


def compare(docs, sentences, embeddings, groups, alignments, doc_mentions, enc=None,
            get_translator: Optional[Callable] = None, doc_claims: Optional[list[ClaimProfile]] = None,
            checks=None, moves: bool = False, agroups: Optional[list[AlignmentGroup]] = None, *, glossaries=(),
            runner: Optional[Runner] = None, cache: Optional[ResultCache] = None) -> list[Finding]:
    """Every check on every aligned pair, each weighed against its own pair;
    cross-article conflicts; then duplicates merged, findings restated
    across an article's versions (``agroups``: its passages) and ranked.
    The checks are ``checks`` when given (run in this process), else
    driver.bead_checks(glossaries) (user glossary files; run through
    ``runner``, the pairs of a group of versions together, in any process:
    :func:`_compare_group`).  ``doc_claims`` are the claims
    stage's profiles (the claim checks stay silent without them).  Passages
    a version moved are not reported missing; with ``moves`` they are
    reported as moved.  ``cache``: the bead-check findings of groups of
    pairs already checked (rumorlens.resultcache; not with ``checks`` or a
    translator)."""
    from .compare import merge_findings, rank
    from .compare.conflict import find_conflicts
    from .compare.consolidate import consolidate, versions
    from .compare.driver import MentionIndex
    from .compare.internal import internal_findings

    per_doc: dict[str, list[Mention]] = {d.id: [] for d in docs}
    for m in doc_mentions:
        if m.doc_id in per_doc:
            per_doc[m.doc_id].append(m)
    profiles: dict[str, dict[int, ClaimProfile]] = {}
    for p in doc_claims or []:
        profiles.setdefault(p.doc_id, {})[p.sentence] = p
    by_id = {d.id: d for d in docs}
    items = [_compare_item(pa, by_id, sentences, embeddings, per_doc, profiles, enc, tuple(map(str, glossaries)),
                           moves) for pa in alignments]
    if checks is not None or get_translator is not None:
        runner = None  # given check functions and the translator stay in this process
    jobs = _group_jobs(groups, [(item, checks, get_translator if enc is not None else None) for item in items])
    # given check functions and a translator are not part of any key: not cached
    uncached = checks is not None or (get_translator is not None and enc is not None)
    key_of = (lambda job: None) if uncached else _group_key(_compare_key(items))
    jobs, restore = largest_first(jobs, _group_job_cost)

    def check_beads() -> list[Finding]:
        found = restore(cached_map(cache, runner or SerialRunner(), _compare_group, jobs, key_of,
                                   stage="compare", record=Finding))
        return [f for group_found in found for f in group_found]

    # With workers, this process finds the conflicts and the versions'
    # internal findings while they check the beads (it would wait idle).
    with _alongside(runner, check_beads) as beads:
        # Cross-article conflicts skip versions of one article (their beads
        # are checked by the workers).  Independent reports of one event
        # (same_event pairs) are never inside one group, so they get it.
        versions_of = [(a, b) for g in groups for a in g.docs for b in g.docs if a < b]
        index = {doc_id: MentionIndex(ms) for doc_id, ms in per_doc.items()}
        with progress.stage("conflicts", len(docs), "document") as st:
            conflicts = find_conflicts(docs, sentences, embeddings, index, versions_of)
            st.advance(len(docs))
        v = versions(docs, sentences, groups, agroups or [], alignments, index)
        internal = internal_findings(v, enc)
    findings = beads.result() + conflicts + internal
    merged = merge_findings(findings, {d.id: d.text for d in docs})
    return rank(consolidate(merged, v))


def _compare_item(pa: PairAlignment, by_id, sentences, embeddings, per_doc, profiles, enc, glossaries: tuple,
                  moves: bool) -> dict:
    """What checking one aligned pair needs, as plain data: its two
    documents with their sentences, embeddings, mentions and claim profiles."""
    ids = (pa.src_doc, pa.tgt_doc)
    return {"alignment": pa, "docs": {i: by_id[i] for i in ids}, "sentences": {i: sentences[i] for i in ids},
            "embeddings": {i: embeddings[i] for i in ids}, "mentions": {i: per_doc[i] for i in ids},
            "profiles": {i: profiles[i] for i in ids if i in profiles}, "enc": enc, "glossaries": glossaries,
            "moves": moves}


# A compare job holds at most this many pairs of one group of versions
# (a group of 20 versions has 190 pairs: one job would keep one worker busy
# while the others wait)
GROUP_JOB_PAIRS = 32


def _group_job_cost(batch: list) -> int:
    """What a batch of :func:`_group_jobs` costs to check, roughly: the
    characters of the two documents of each of its pairs."""
    return sum(len(d.text) for job in batch for d in job[0]["docs"].values())


def _group_jobs(groups: list[DocGroup], jobs: list[tuple]) -> list:
    """The jobs of :func:`compare` (``(item, checks, translator)``, one per
    pair) cut in batches: the pairs of one group of versions together, in
    their order, at most GROUP_JOB_PAIRS each (the alignments of a group are
    consecutive: group_and_align lists them group by group).  The cut
    depends on the pairs only, never on the number of workers.  A pair no
    group holds (a pairs file written by hand) is a batch of its own."""
    from .runner import Batch

    group_of = {doc_id: i for i, g in enumerate(groups) for doc_id in g.docs}
    out: list[Batch] = []
    last = None
    for job in jobs:
        g = group_of.get(job[0]["alignment"].src_doc)
        if not out or g is None or g != last or len(out[-1]) >= GROUP_JOB_PAIRS:
            out.append(Batch())
        out[-1].append(job)
        last = g
    return out


def _group_key(pair_key: Callable[[tuple], Optional[tuple]]) -> Callable[[list], Optional[tuple]]:
    """The key parts of a batch of :func:`_group_jobs`: a digest of each of
    its pairs' keys (``pair_key``), in order; None when one pair has none."""
    from .resultcache import digest

    def key_of(batch: list) -> Optional[tuple]:
        parts = [pair_key(job) for job in batch]
        return None if any(p is None for p in parts) else tuple(digest(*p) for p in parts)

    return key_of


def _compare_group(batch: list) -> list[Finding]:
    """Findings of every pair of a batch of :func:`_group_jobs`, pair after
    pair (module level: a worker runs it).  The pairs share one phrase
    similarity: an article's versions compare the same words, names and
    passages pair after pair (texts encoded at 1,022 generated sentences:
    3,447 pair by pair, 2,152 shared within groups; at 9,863: 57,266 ->
    38,769 with the entity check's early return, compare 85.6 -> 61.6 s of
    CPU in one process, same report bytes).  A vector differs in
    its last bits with the batch it was encoded in, so a pair's result
    depends on the pairs before it in its batch: never on the process that
    runs it nor on other batches; the result cache keeps whole batches."""
    from .compare.driver import words_source
    from .compare.phrasesim import PhraseSimilarity

    enc = batch[0][0]["enc"] if batch else None
    psim = PhraseSimilarity(enc) if enc is not None else None
    # the documents' words too: those the claims stage read, the other sentences once a batch
    items = [job[0] for job in batch]
    words_from = words_source({i: d for it in items for i, d in it["docs"].items()},
                              {i: s for it in items for i, s in it["sentences"].items()},
                              {i: p for it in items for i, p in it["profiles"].items()})
    return [f for job in batch for f in _compare_pair(job + (psim, words_from))]


def _compare_key(items: list[dict]) -> Callable[[tuple], Optional[tuple]]:
    """The key parts of a job of :func:`compare` for the result cache: its
    alignment, encoder, glossary contents, ``moves`` and a digest of each of
    its two documents with their sentences, embeddings, mentions and claim
    profiles (made once per document, when the cache asks)."""
    from .resultcache import digest

    per_doc: dict[str, bytes] = {}
    glossaries: dict[tuple, Optional[bytes]] = {}

    def doc_digest(item: dict, i: str) -> bytes:
        if i not in per_doc:
            profiles = item["profiles"].get(i, {})
            per_doc[i] = digest(item["docs"][i], item["sentences"][i], item["embeddings"][i], item["mentions"][i],
                                [profiles[k] for k in sorted(profiles)])
        return per_doc[i]

    def key_of(job: tuple) -> Optional[tuple]:
        item = job[0]
        if item["glossaries"] not in glossaries:
            glossaries[item["glossaries"]] = files_digest(item["glossaries"])
        enc, terms = encoder_key(item["enc"]), glossaries[item["glossaries"]]
        if enc is None or terms is None:
            return None
        pa = item["alignment"]
        return (pa, enc, terms, item["moves"], doc_digest(item, pa.src_doc), doc_digest(item, pa.tgt_doc))

    return key_of


def _aligned(item: dict, psim=None, words_from=None, moved=()):
    """The beads of an item of :func:`_compare_item` as aligned pairs, with
    the phrase similarity ``psim`` and the word source ``words_from``
    (those of the pair's batch, :func:`_compare_group`; its own when None),
    then the moved passages ``moved`` (compare.moves.moved_beads)."""
    from .compare import MentionIndex, aligned_pairs
    from .compare.phrasesim import PhraseSimilarity

    if psim is None and item["enc"] is not None:
        psim = PhraseSimilarity(item["enc"])
    index = {i: MentionIndex(ms) for i, ms in item["mentions"].items()}
    return aligned_pairs(item["alignment"], item["docs"], item["sentences"], index, psim, item["profiles"],
                         item["embeddings"], words_from, moved)


def _compare_pair(job: tuple) -> list[Finding]:
    """Findings of every bead check on one pair, then of the machine
    translation when a translator is given; ``job = (item, checks,
    translator, phrase similarity or None[, word source])`` (see :func:`_compare_group`)."""
    from .compare import run_checks
    from .compare.calibration import calibrate
    from .compare.moves import apply_moves, drop_found_elsewhere, find_moves, moved_beads

    item, checks, get_translator, psim, *rest = job
    pa, sentences = item["alignment"], item["sentences"]
    moves = find_moves(pa, sentences, item["embeddings"])
    pairs = _aligned(item, psim, rest[0] if rest else None, moved_beads(moves, pa))
    found = run_checks(pairs, checks if checks is not None else _checks_for(item["glossaries"]))
    # weighed against the pair's own beads: a moved passage is one of them already, one-sided
    found = apply_moves(calibrate(found, [p for p in pairs if not p.moved]), moves, pa, item["docs"],
                        sentences, report=item["moves"])
    found = drop_found_elsewhere(found, pa, sentences, item["embeddings"], item["mentions"],
                                 pairs[0].phrase_similarity if pairs else None)
    if get_translator is not None:
        from .compare.translated import translation_findings
        from .mentions import extract_text

        found.extend(translation_findings(pairs, get_translator, item["enc"], lambda t, l: extract_text(t, l)))
    return found


@functools.lru_cache(maxsize=8)
def _checks_for(glossaries: tuple) -> tuple:
    from .compare.driver import bead_checks

    return bead_checks(glossaries)


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


@contextlib.contextmanager
def _alongside(runner: Optional[Runner], work: Callable):
    """Run ``work`` (which hands its items to ``runner``'s workers) in a
    thread while the ``with`` block runs, and give its result as
    ``.result()``; without workers, run it after the block, in order."""
    if runner is None or runner.jobs <= 1:
        holder: list = []
        yield _Later(holder)
        holder.append(work())
        return
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rumorlens-per-doc")
    future = pool.submit(work)
    try:
        yield future
        future.result()  # raise its error here, if any, before the block's result is used
    except BaseException:
        # Ctrl-C or an error ends the run: stop the workers, so that the
        # thread's stages end now instead of running to their end first
        stop(runner)
        raise
    finally:
        pool.shutdown(wait=True)


@contextlib.contextmanager
def _settled(future: Future):
    """A block after which ``future`` is done: when the block raises before
    setting it, it is cancelled, so that a thread waiting on it (the
    per-document stages of run_all) ends instead of blocking the run's end."""
    try:
        yield future
    finally:
        future.cancel()  # does nothing to a future already set


class _Later:
    """A result filled in when the ``with`` block of :func:`_alongside` ends."""

    def __init__(self, holder: list) -> None:
        self._holder = holder

    def result(self):
        return self._holder[0]


def run_all(corpus: Path, model: str = DEFAULT_MODEL, translate: bool = False, glossaries=(), *,
            max_bytes: Optional[int] = None, follow_links: bool = False, use_cache: bool = True,
            moves: bool = False, runner: Optional[Runner] = None, cache: Optional[ResultCache] = None) -> dict:
    """The whole pipeline on a corpus folder: the report as a dict.
    ``glossaries``: user glossary files for the term check (read first: a
    bad one stops the run before any work, with a one-line error).
    ``runner``: where per-document and per-pair work runs (rumorlens.runner;
    in this process when None); the report is the same whatever it is.
    ``cache``: stage results of earlier runs (rumorlens.resultcache); None:
    the cache folder's, or none at all without ``use_cache``."""
    from .compare.driver import bead_checks

    if cache is None:
        with result_cache(use_cache) as own:
            return run_all(corpus, model, translate, glossaries, max_bytes=max_bytes, follow_links=follow_links,
                           use_cache=use_cache, moves=moves, runner=runner, cache=own)
    bead_checks(glossaries)  # a bad glossary stops the run here
    docs, skipped = ingest(corpus, max_bytes=max_bytes, follow_links=follow_links, runner=runner)
    sentences = segment(docs, runner)
    paired: Future = Future()  # the documents of the pairs to align, once grouping knows them

    def per_doc_stages():
        # Only the checks of aligned pairs read claims: the documents with
        # no other version (a quarter of the generated 10^4 corpus, issue
        # 12) are not profiled.  Mentions, which cross-article conflicts
        # read for every document, need not wait for the grouping.
        found = mentions(docs, runner, cache)
        wanted = paired.result()
        return found, claims([d for d in docs if d.id in wanted], sentences, runner, cache)

    with _alongside(runner, per_doc_stages) as per_doc, _settled(paired):
        # with workers, mentions and claims run on them beside the embedding
        # and the alignment (runner_for_embed_and_align); this process groups
        enc = encoder(model, use_cache=use_cache)
        placed = runner_for_embed_and_align(runner)
        embeddings = embed(enc, docs, sentences, placed)
        scores, groups, alignments, agroups = group_and_align(docs, sentences, embeddings, enc.encode, placed, cache,
                                                              on_pairs=paired.set_result)
    doc_mentions, doc_claims = per_doc.result()
    get_translator = translator_factory() if translate else None
    findings = compare(docs, sentences, embeddings, groups, alignments, doc_mentions, enc, get_translator,
                       doc_claims, None, moves, agroups, glossaries=glossaries, runner=runner, cache=cache)
    return report(docs, skipped, groups, alignments, sentences, findings, agroups, model)
