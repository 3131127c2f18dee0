"""Which documents are versions of one article, and how versions line up.

Every sentence of the corpus goes in one FAISS index (exact inner product).
Two documents are versions of one article when many of their sentences are
mutual nearest neighbours across the pair, when those pairs keep the same
order in both documents, and when they share rare numbers and Latin-script
names.  A whole-document vector alone cannot tell a retelling from an article
on the same topic; order-consistent sentence pairs can.

Thresholds live in ``models/thresholds/grouping.json`` (how they were chosen
is written there).
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .align import anchor_tokens
from .disjoint import DisjointSets
from .paths import models_dir, read_values
from .records import AlignmentGroup, Document, DocGroup, DocPairScore, PairAlignment, Sentence

RELATIONS = ("translation", "transcript", "retelling", "same-language-version", "unrelated")


@lru_cache(maxsize=4)
def _thresholds_cached(path: str) -> dict:
    return read_values(Path(path))


def load_thresholds() -> dict:
    return dict(_thresholds_cached(str(models_dir() / "thresholds" / "grouping.json")))


def _lis_length(seq: Sequence[int]) -> int:
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def _line_like(sentences: Sequence[Sentence]) -> float:
    """Share of units without closing punctuation: transcripts and subtitles
    are cut into clause-sized lines with none."""
    if not sentences:
        return 0.0
    closing = tuple(".!?。！？…\"»”’)")
    return sum(1 for s in sentences if not s.text.rstrip().endswith(closing)) / len(sentences)


def _doc_chars(sentences: Sequence[Sentence], lang: str, th: dict) -> float:
    """Length in French-equivalent characters (a Chinese character carries
    about as much as three French ones)."""
    factor = th["chars_per_unit"].get(lang, 1.0)
    return sum(len(s.text) for s in sentences) * factor


def _stacked_embeddings(ids: list[str], embeddings: dict[str, np.ndarray]):
    """All sentence vectors in one matrix (None when there are none), with
    each row's document (position in ``ids``) and sentence index."""
    owner: list[int] = []
    local: list[int] = []
    mats = []
    for k, doc_id in enumerate(ids):
        e = np.asarray(embeddings.get(doc_id, np.zeros((0, 1))), dtype=np.float32)
        if e.shape[0]:
            mats.append(e)
            owner += [k] * e.shape[0]
            local += list(range(e.shape[0]))
    if not mats:
        return None, np.array(owner), np.array(local)
    return np.ascontiguousarray(np.vstack(mats)), np.array(owner), np.array(local)


def _mutual_pairs(ids: list[str], embeddings: dict[str, np.ndarray], th: dict):
    """Per document pair (ka, kb), ka < kb positions in ``ids``: the sentence
    pairs (i, j, cosine) that are each other's best neighbour in the other
    document, among each sentence's ``neighbours`` nearest in the corpus."""
    import faiss

    x, owner_a, local_a = _stacked_embeddings(ids, embeddings)
    pairs: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
    if x is None:
        return pairs
    index = faiss.IndexFlatIP(x.shape[1])
    index.add(x)
    kk = min(x.shape[0], int(th["neighbours"]))
    sims, nbr = index.search(x, kk)
    # best neighbour of each sentence in each other document
    best: dict[tuple[int, int], tuple[int, float]] = {}
    for q in range(x.shape[0]):
        dq = owner_a[q]
        for r in range(kk):
            p = int(nbr[q, r])
            if p < 0:
                continue
            dp = int(owner_a[p])
            if dp == dq or (q, dp) in best:
                continue
            best[(q, dp)] = (p, float(sims[q, r]))
    for (q, dp), (p, s) in best.items():
        dq = int(owner_a[q])
        back = best.get((p, dq))
        if back is None or back[0] != q or dq > dp or s < th["min_pair_similarity"]:
            continue
        pairs.setdefault((dq, dp), []).append((int(local_a[q]), int(local_a[p]), s))
    return pairs


def _relation(score: float, n_mnn: int, shorter: int, length_ratio: float, line_a: float, line_b: float,
              la: str, lb: str, th: dict) -> str:
    """Which kind of versions two documents are (see RELATIONS)."""
    if score < th["min_score"] or n_mnn < min(th["min_mutual_pairs"], shorter):
        return "unrelated"
    if length_ratio < th["retelling_length_ratio"]:
        return "retelling"
    if max(line_a, line_b) >= th["transcript_line_share"] and abs(line_a - line_b) >= th["transcript_line_gap"]:
        return "transcript"
    return "translation" if la != lb else "same-language-version"


def _score_pair(da: Document, db: Document, sa: list[Sentence], sb: list[Sentence],
                mnn: list[tuple[int, int, float]], ta: set[str], tb: set[str], th: dict) -> DocPairScore:
    """The score, relation and evidence of one document pair from its mutual
    sentence pairs ``mnn`` (sorted) and the anchor tokens of each side."""
    n_mnn = len(mnn)
    lis = _lis_length([j for _, j, _ in mnn])
    order = lis / n_mnn if n_mnn else 0.0
    # pairs beyond the first that keep their order: two random pairs
    # agree half the time, so one pair alone proves nothing
    order_excess = (lis - 1) / (n_mnn - 1) if n_mnn > 1 else 0.0
    shorter = max(1, min(len(sa), len(sb)))
    coverage = n_mnn / shorter
    mean_sim = float(np.mean([s for _, _, s in mnn])) if mnn else 0.0
    shared = sorted(ta & tb)
    anchor_share = len(shared) / max(1, min(len(ta), len(tb)))
    score = min(1.0, coverage * order_excess * th["weight_ordered"] + anchor_share * th["weight_anchors"])
    la, lb = da.lang, db.lang
    ca, cb = _doc_chars(sa, la, th), _doc_chars(sb, lb, th)
    length_ratio = min(ca, cb) / max(ca, cb, 1.0)
    line_a, line_b = _line_like(sa), _line_like(sb)
    return DocPairScore(
        a=da.id,
        b=db.id,
        score=round(score, 4),
        relation=_relation(score, n_mnn, shorter, length_ratio, line_a, line_b, la, lb, th),
        evidence={
            "mutual_pairs": n_mnn,
            "coverage": round(coverage, 4),
            "order_agreement": round(order, 4),
            "order_excess": round(order_excess, 4),
            "mean_similarity": round(mean_sim, 4),
            "shared_anchors": len(shared),
            "anchor_share": round(anchor_share, 4),
            "length_ratio": round(length_ratio, 4),
            "line_like": [round(line_a, 3), round(line_b, 3)],
            "languages": [la, lb],
        },
    )


def score_document_pairs(
    docs: list[Document],
    sentences: dict[str, list[Sentence]],
    embeddings: dict[str, np.ndarray],
    tokens: dict[str, list[set[str]]] | None = None,
) -> list[DocPairScore]:
    """One DocPairScore per unordered pair of documents (ids sorted).

    ``tokens``: each document's per-sentence align.anchor_tokens when the
    caller already has them (alignment uses them too); by default they are
    read from the sentences."""
    th = load_thresholds()
    ids = sorted(d.id for d in docs)
    by_id = {d.id: d for d in docs}
    pairs = _mutual_pairs(ids, embeddings, th)
    doc_tokens = {}
    for doc_id in ids:
        per_sentence = tokens[doc_id] if tokens is not None and doc_id in tokens else \
            [anchor_tokens(s.text) for s in sentences.get(doc_id, [])]
        doc_tokens[doc_id] = {t for toks in per_sentence for t in toks}
    out = []
    for ka in range(len(ids)):
        for kb in range(ka + 1, len(ids)):
            a, b = ids[ka], ids[kb]
            out.append(_score_pair(by_id[a], by_id[b], sentences.get(a, []), sentences.get(b, []),
                                   sorted(pairs.get((ka, kb), [])), doc_tokens[a], doc_tokens[b], th))
    return out


def group_documents(
    docs: list[Document],
    sentences: dict[str, list[Sentence]],
    embeddings: dict[str, np.ndarray],
    pair_scores: list[DocPairScore] | None = None,
) -> list[DocGroup]:
    """Connected components of related pairs; only groups of two or more
    documents.  Group relation: the relation of its best-scoring pair."""
    if pair_scores is None:
        pair_scores = score_document_pairs(docs, sentences, embeddings)
    sets = DisjointSets()
    for d in docs:
        sets.add(d.id)
    linked = [p for p in pair_scores if p.relation != "unrelated"]
    for p in linked:
        sets.union(p.a, p.b)
    groups = []
    for docs_in in sets.components().values():
        if len(docs_in) < 2:
            continue
        inside = [p for p in linked if p.a in docs_in and p.b in docs_in]
        top = max(inside, key=lambda p: (p.score, p.a, p.b))
        groups.append(DocGroup(id="", docs=docs_in, relation=top.relation, score=round(min(p.score for p in inside), 4)))
    for k, g in enumerate(groups):
        g.id = f"group-{k + 1:03d}"
    return groups


def alignment_groups(group: DocGroup, pair_alignments: list[PairAlignment]) -> list[AlignmentGroup]:
    """Merge pairwise beads of one group's versions into passages: connected
    components over (document, sentence) nodes linked by two-sided beads.
    Sentences only ever in one-sided beads form single-document passages."""
    order = {d: k for k, d in enumerate(group.docs)}
    sets = DisjointSets()
    for pa in pair_alignments:
        if pa.src_doc not in order or pa.tgt_doc not in order:
            continue
        for bead in pa.beads:
            nodes = [sets.add((order[pa.src_doc], i)) for i in bead.src] + \
                    [sets.add((order[pa.tgt_doc], j)) for j in bead.tgt]
            if bead.src and bead.tgt:
                for other in nodes[1:]:
                    sets.union(nodes[0], other)
    out = []
    for k, members in enumerate(sets.components().values()):
        sent: dict[str, list[int]] = {}
        for d, i in members:
            sent.setdefault(group.docs[d], []).append(i)
        out.append(AlignmentGroup(group=group.id, index=k, sentences={d: sorted(v) for d, v in sorted(sent.items(), key=lambda kv: order[kv[0]])}))
    return out
