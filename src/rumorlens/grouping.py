"""Which documents are versions of one article, which report the same
event, and how versions line up.

Every sentence of the corpus goes in one FAISS index (exact inner product up
to ``exact_max_sentences``, an IVF index over a projection above).  Two
documents are linked when the ``neighbours`` nearest of their sentences
name each other's sentences ``candidate_min_links`` times and the pair is
among the ``candidate_max_partners`` closest partners of one of them (a
corpus that repeats sentences across articles links each document to ever
more others); inside a linked pair, sentences
that are each other's best match are mutual pairs, and only document pairs
with at least ``candidate_min_pairs`` of them are candidates: nothing is
computed, stored or written for the rest, so the cost grows with the
sentences (times their neighbours), not with the square of the documents.

A version covers the other text in order: its mutual pairs, kept in the same
order in both documents (longest increasing chain), cover a large share of
the shorter document (``coverage``).  Independent reports of one event share
a few facts: some mutual pairs, in order or not, far from covering either
text (``same_event``).  Documents on the same topic with the same names share
few mutual pairs at all.  Groups grow from the strongest version links, and
a document or group joins another only when every pair across them shows
version evidence, so one strong link cannot chain two stories together.
A retelling condenses and reorders a long article: its link may rest on
mutual pairs in any order, and two retellings of one article that draw
on overlapping stretches of it are excused from sharing a sentence (they
are compared through the article, evidence ``through``).

Thresholds live in ``models/thresholds/grouping.json`` (how they were chosen
is written there).
"""
from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from .align import anchor_tokens
from .disjoint import DisjointSets
from .hanzi import to_simplified
from .langs import HAN_RE
from .paths import models_dir, read_values
from .quotations import quotation_marks
from .records import FURNITURE_KINDS, AlignmentGroup, Document, DocGroup, DocPairScore, PairAlignment, Sentence

VERSION_RELATIONS = ("translation", "transcript", "retelling", "same-language-version")
RELATIONS = VERSION_RELATIONS + ("same_event", "unrelated")


@lru_cache(maxsize=4)
def _thresholds_cached(path: str) -> dict:
    return read_values(Path(path))


def load_thresholds() -> dict:
    return dict(_thresholds_cached(str(models_dir() / "thresholds" / "grouping.json")))


def _lis_chain(seq: Sequence[int]) -> list[int]:
    """Positions in ``seq`` of one longest strictly increasing subsequence
    (patience sorting, O(n log n)); the earliest-ending one on ties."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tail_pos.append(i)
        else:
            tails[k] = x
            tail_pos[k] = i
        prev[i] = tail_pos[k - 1] if k else -1
    out: list[int] = []
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        out.append(i)
        i = prev[i]
    return out[::-1]


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
    mats, owner, local = [], [], []
    for k, doc_id in enumerate(ids):
        e = np.asarray(embeddings.get(doc_id, np.zeros((0, 1))), dtype=np.float32)
        if e.shape[0]:
            mats.append(e)
            owner.append(np.full(e.shape[0], k, dtype=np.int64))
            local.append(np.arange(e.shape[0], dtype=np.int64))
    if not mats:
        return None, np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.ascontiguousarray(np.vstack(mats)), np.concatenate(owner), np.concatenate(local)


# --------------------------------------------------------------------------
# sentence neighbours


def _faiss_index(x: np.ndarray, th: dict):
    """Exact inner-product index up to ``exact_max_sentences`` rows; above,
    IVF-Flat with about ``ivf_lists_per_sqrt`` x sqrt(n) lists, trained on
    an evenly spaced sample with one thread (k-means sums in a fixed order,
    so the index is the same whatever the machine's thread count).  The
    index holds ``x`` as given: above ``exact_max_sentences`` the caller
    passes :func:`_reduced` rows."""
    import faiss

    n, dim = x.shape
    if n <= int(th["exact_max_sentences"]):
        index = faiss.IndexFlatIP(dim)
        index.add(x)
        return index
    nlist = max(1, int(th["ivf_lists_per_sqrt"] * np.sqrt(n)))
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = 1234
    # at least ivf_train_per_list points per list (FAISS's k-means asks for
    # 39, and says so on stderr when it gets fewer)
    step = max(1, n // (int(th["ivf_train_per_list"]) * nlist))
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        index.train(np.ascontiguousarray(x[::step]))
    finally:
        faiss.omp_set_num_threads(threads)
    index.add(x)
    index.nprobe = min(nlist, int(th["ivf_nprobe"]))
    return index


def _reduced(x: np.ndarray, dims: int) -> np.ndarray:
    """``x`` (n, d) projected on the ``dims`` leading eigenvectors of its
    uncentred second-moment matrix x^T x (float32, (n, dims)): the
    projection that keeps inner products best in least squares, so the
    nearest rows stay nearest; the IVF index scans ``dims`` numbers a row
    instead of d.  Candidates are re-ranked on the full rows after.  The
    moment matrix is read from at most 16,384 evenly spaced rows, summed in
    float64 with one BLAS thread, and the eigenvectors' signs are fixed
    (largest entry positive): the same projection whatever the machine's
    thread count."""
    n, d = x.shape
    if dims <= 0 or dims >= d:
        return x
    with threadpool_limits(limits=1, user_api="blas"):
        sample = x[::max(1, -(-n // 16384))].astype(np.float64)
        sample = sample[np.isfinite(sample).all(axis=1)]  # a vector that is not a number has no direction
        if not len(sample):
            return x
        _, vecs = np.linalg.eigh(sample.T @ sample)
        del sample
        basis = vecs[:, ::-1][:, :dims]
        basis *= np.sign(basis[np.abs(basis).argmax(axis=0), np.arange(dims)])
        return np.ascontiguousarray(x @ basis.astype(np.float32))


def nearest_neighbours(x: np.ndarray, k: int, th: dict, exact: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` nearest other rows by cosine: (neighbours, similarities),
    both (n, k), best first, -1 / -inf where fewer exist.

    Identical rows (one sentence copied into many documents) are searched
    once (:func:`_copies`), and a row's neighbours among copies that tie
    are taken from a different place in each copy group for each row
    (:func:`_spread`): ranked by row number, every copy's list held the
    first copies in file order, so later documents of a story copied into
    many versions linked to few of the others (a fresh-user trial: 120
    versions of one article, 16 grouped with none).  Without copies, the
    result is :func:`_nearest`'s.
    """
    n = x.shape[0]
    group, members = _copies(x)
    if len(members) == n:
        return _nearest(x, k, th, exact)
    firsts = np.array([m[0] for m in members], dtype=np.int64)
    xu = x[firsts]
    nbr_u, sims_u = _nearest(xu, k, th, exact)
    return _spread(group, members, nbr_u, sims_u, np.einsum("ij,ij->i", xu, xu), k)


def _copies(x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Groups of identical rows of ``x`` (same bytes): each row's group
    (n,), and each group's rows in ascending order, the groups numbered by
    their first row."""
    n = x.shape[0]
    if n == 0:
        return np.zeros(0, np.int64), []
    rows = np.ascontiguousarray(x).view(np.dtype((np.void, x.dtype.itemsize * x.shape[1]))).ravel()
    order = np.argsort(rows, kind="stable")
    in_order = rows[order]  # one sorted copy (98,669 rows of 2 kB: 200 MB)
    new = np.r_[True, in_order[1:] != in_order[:-1]]
    del in_order
    label = np.cumsum(new) - 1  # by bytes
    first = order[new]  # each label's first row (the sort is stable)
    renumber = np.empty(len(first), np.int64)
    renumber[np.argsort(first, kind="stable")] = np.arange(len(first))
    group = np.empty(n, np.int64)
    group[order] = renumber[label]
    by_group = np.argsort(group, kind="stable")
    cuts = np.flatnonzero(np.diff(group[by_group])) + 1
    return group, np.split(by_group, cuts)


# a large prime: group g's offset among its copies is g * _SPREAD_PRIME, modulo
_SPREAD_PRIME = 7919


def _spread(group: np.ndarray, members: list[np.ndarray], nbr_u: np.ndarray, sims_u: np.ndarray,
            self_sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` nearest other rows from its group's nearest groups
    (``nbr_u``, ``sims_u``: :func:`_nearest` over each group's first row;
    ``self_sims``: each group's similarity with itself): its
    own copies first (at their similarity, before a group as close), then
    each group's rows; where a group has more rows than there are places
    left, row i takes them, in row order and round, from a position of its
    own: for its own group, after itself by an offset that differs from
    group to group (so that one document's sentences, copied together into
    other documents, do not all pick the same next copies), for another
    group from i modulo the group's size.

    Computed for all rows and places at once: a loop over rows cost about
    50 microseconds a row, 5.5 s of the group stage at 98,669 generated
    sentences, where the recycled sentence pools give most rows copies."""
    n = len(group)
    if nbr_u.shape[1] < k:  # fewer groups than k: _nearest's lists are shorter
        pad = k - nbr_u.shape[1]
        nbr_u = np.pad(nbr_u, ((0, 0), (0, pad)), constant_values=-1)
        sims_u = np.pad(sims_u, ((0, 0), (0, pad)), constant_values=-np.inf)
    sizes = np.array([len(m) for m in members], dtype=np.int64)
    starts = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
    flat = np.concatenate(members) if members else np.zeros(0, np.int64)  # group by group, rows ascending
    rank = np.empty(n, np.int64)
    rank[flat] = np.arange(n) - np.repeat(starts, sizes)
    seg_group, seg_sim, seg_end = _segments(nbr_u, sims_u, self_sims, sizes, k)
    width = seg_end.shape[1]
    place = np.arange(k)
    nbr = np.full((n, k), -1, dtype=np.int64)
    sims = np.full((n, k), -np.inf, dtype=np.float32)
    for lo in range(0, n, _SPREAD_ROWS):  # bounded memory: rows x k x width booleans
        i = np.arange(lo, min(n, lo + _SPREAD_ROWS))
        g = group[i][:, None]
        seg = (seg_end[g[:, 0]][:, None, :] <= place[None, :, None]).sum(axis=2)  # each place's entry
        ok = seg < width
        seg = np.minimum(seg, width - 1)
        h = np.where(ok, seg_group[g, seg], -1)
        ok &= h >= 0
        h = np.maximum(h, 0)
        t = place[None, :] - np.where(seg > 0, seg_end[g, np.maximum(seg - 1, 0)], 0)  # the place inside its entry
        size_h = sizes[h]
        own_at = (rank[i][:, None] + 1 + (g * _SPREAD_PRIME + t) % np.maximum(size_h - 1, 1)) % size_h
        at = starts[h] + np.where(h == g, own_at, (i[:, None] + t) % size_h)
        nbr[i] = np.where(ok, flat[at], -1)
        sims[i] = np.where(ok, seg_sim[g, seg], -np.inf)
    return nbr, sims


_SPREAD_ROWS = 16384  # rows at a time in _spread: 16,384 x 32 x 33 booleans (17 MB) at k = 32


def _segments(nbr_u: np.ndarray, sims_u: np.ndarray, self_sims: np.ndarray, sizes: np.ndarray,
              k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each group's list of the groups its rows take neighbours from, in
    order: its nearest groups (``nbr_u``, best first) with its own group
    inserted before the first that is not closer, when it has copies and
    its similarity with itself is a number.  Returns (group, similarity,
    end place), each (groups, nbr_u's width + 1): -1 / -inf past the list's
    end; the end place is cumulative over the list, capped at ``k`` (a
    group gives as many places as it has rows, its own one fewer)."""
    u, w = nbr_u.shape
    own = (sizes > 1) & np.isfinite(self_sims)
    closer = ((nbr_u >= 0) & (sims_u > self_sims[:, None].astype(sims_u.dtype))).sum(axis=1)
    at = np.where(own, closer, w + 1)[:, None]  # the own group's place (none: past the end)
    col = np.arange(w + 1)[None, :]
    src = np.where(col < at, col, col - 1)  # the column of nbr_u every other place comes from
    inside = src < w
    src = np.minimum(src, w - 1)
    rows = np.arange(u)[:, None]
    listed = inside & (nbr_u[rows, src] >= 0)
    seg_group = np.where(col == at, rows, np.where(listed, nbr_u[rows, src], -1))
    seg_sim = np.where(col == at, self_sims[:, None], np.where(listed, sims_u[rows, src], -np.inf))
    take = np.where(seg_group >= 0, sizes[np.maximum(seg_group, 0)] - (seg_group == rows), 0)
    return seg_group, seg_sim.astype(np.float32), np.minimum(np.cumsum(take, axis=1), k)


def _nearest(x: np.ndarray, k: int, th: dict, exact: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`nearest_neighbours` of rows that are all different.

    FAISS gives a few more than ``k`` candidates (``neighbour_margin``
    more; above ``exact_max_sentences``, ``ivf_neighbour_margin`` more
    from an IVF index over the rows projected to ``ivf_dims`` numbers,
    :func:`_reduced`); their similarities are then computed again here on
    the full rows, row by row in a fixed order, and ranked with ties
    broken by row number, so the result does not depend on how many threads
    FAISS or BLAS used.  ``exact`` forces (True) or forbids (False) the exact
    index whatever the size (benchmarks measure the IVF recall with it)."""
    n = x.shape[0]
    if exact is not None:
        th = dict(th, exact_max_sentences=n if exact else 0)
    if n <= int(th["exact_max_sentences"]):
        _, nbr = _faiss_index(x, th).search(x, min(n, k + 1 + int(th["neighbour_margin"])))
    else:  # approximate: more candidates, the re-ranking below puts them in order
        xr = _reduced(x, int(th["ivf_dims"]))
        if not np.isfinite(xr).all():  # FAISS's k-means refuses them; such a row gets no neighbour below
            xr = np.where(np.isfinite(xr).all(axis=1, keepdims=True), xr, np.float32(0))
        _, nbr = _faiss_index(xr, th).search(xr, min(n, k + 1 + int(th["ivf_neighbour_margin"])))
        del xr
    nbr = nbr.astype(np.int64)
    valid = (nbr >= 0) & (nbr != np.arange(n)[:, None])
    safe = np.where(valid, nbr, 0)
    sims = np.empty(nbr.shape, dtype=np.float32)
    # 128 rows at a time: their gathered neighbour vectors (128 x k x dim,
    # about 10 MB) stay in cache; 4,096 rows (350 MB) took 4-6 times as long
    for start in range(0, n, 128):
        stop = min(n, start + 128)
        sims[start:stop] = np.einsum("ij,ikj->ik", x[start:stop], x[safe[start:stop]], optimize=False)
    sims[~valid] = -np.inf
    order = np.lexsort((np.where(valid, nbr, n), -sims), axis=1)[:, :k]
    rows = np.arange(n)[:, None]
    nbr, sims = nbr[rows, order], sims[rows, order]
    return np.where(np.isfinite(sims), nbr, -1), sims


@dataclass
class MutualPairs:
    """Mutual best sentence pairs across documents, one row each, sorted by
    (doc_a, doc_b, sent_a): documents are positions in the sorted ids,
    doc_a < doc_b; sentences are indices inside their document."""

    doc_a: np.ndarray
    doc_b: np.ndarray
    sent_a: np.ndarray
    sent_b: np.ndarray
    sim: np.ndarray


def mutual_pairs(x: np.ndarray, owner: np.ndarray, local: np.ndarray, th: dict,
                 exact: bool | None = None, min_sim: float | None = None) -> MutualPairs:
    """Sentence pairs that are each other's best match in the other's
    document, with cosine at least ``min_sim`` (default
    ``min_pair_similarity``), in every pair of documents that the
    neighbour search links: at least ``candidate_min_links`` times a
    sentence of one has a sentence of the other among its ``neighbours``
    nearest at ``min_sim`` or more (:func:`linked_documents`).

    Inside a linked pair the best matches are exact (every sentence
    against every sentence of the other document, :func:`_pair_mutual`),
    not read off the neighbour lists: in a large corpus a sentence's
    nearest neighbours fill up with near-duplicates from other documents
    (the same wire sentence in ten articles, its copies in one language
    before its translation), and a version's translation falls out of the
    list although the two documents are linked by other sentences
    (issue 12: at 98,634 generated sentences, 32 neighbours, the grouping
    recall fell from 0.925 at 10^4 to 0.716).  Cost: the neighbour search,
    plus sentences x sentences of each linked pair."""
    min_sim = th["min_pair_similarity"] if min_sim is None else min_sim
    nbr, sims = nearest_neighbours(x, int(th["neighbours"]), th, exact)
    doc_a, doc_b = linked_documents(nbr, sims, owner, min_sim, int(th["candidate_min_links"]),
                                    int(th["candidate_max_partners"]))
    starts = np.r_[np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]), len(owner)] if len(owner) else np.zeros(1, int)
    first = dict(zip(owner[starts[:-1]].tolist(), zip(starts[:-1].tolist(), starts[1:].tolist())))
    # small products, one per document: BLAS threads only wait for each
    # other there (10,000 sentences: 14.4 s of CPU with two threads on a
    # loaded machine, 5.4 s with one)
    with threadpool_limits(limits=1, user_api="blas"):
        parts = _mutual_in_linked(x, local, doc_a, doc_b, first, min_sim)
    if not parts:
        empty = np.zeros(0, np.int64)
        return MutualPairs(empty, empty, empty, empty, np.zeros(0, np.float32))
    da, db, ia, ib, sim = (np.concatenate(c) for c in zip(*parts))
    return MutualPairs(da.astype(np.int64), db.astype(np.int64), ia, ib, sim.astype(np.float32))


def _mutual_in_linked(x: np.ndarray, local: np.ndarray, doc_a: np.ndarray, doc_b: np.ndarray, first: dict,
                      min_sim: float) -> list[tuple]:
    """Mutual best pairs of every linked pair (``doc_a[k]``, ``doc_b[k]``),
    as (doc a, doc b, sentences of a, sentences of b, cosines) arrays, one
    tuple per document a (its partners in order, each partner's pairs by
    sentence of a); ``first``: each document's row span in ``x``."""
    parts = []
    if not len(doc_a):  # no linked pair (one document, or every text a copy of one)
        return parts
    cut = np.r_[0, np.flatnonzero(doc_a[1:] != doc_a[:-1]) + 1, len(doc_a)]
    for lo_k, hi_k in zip(cut[:-1].tolist(), cut[1:].tolist()):
        a = int(doc_a[lo_k])
        partners = doc_b[lo_k:hi_k]
        lo, hi = first[a]
        spans = [first[b] for b in partners.tolist()]
        rows = np.concatenate([np.arange(blo, bhi) for blo, bhi in spans])
        # one product per document against all its linked partners
        m = x[lo:hi].astype(np.float64) @ x[rows].astype(np.float64).T
        found = _block_mutual(m, np.array([bhi - blo for blo, bhi in spans]), min_sim)
        if found is None:  # a cosine that is not a number: partner by partner
            found = _blocks_one_by_one(m, spans, min_sim)
        k, ia, col = found
        if len(ia):
            parts.append((np.full(len(ia), a), partners[k], local[lo + ia], local[rows[col]], m[ia, col]))
    return parts


def _block_mutual(m: np.ndarray, widths: np.ndarray, min_sim: float):
    """:func:`_pair_mutual` for every block of columns of ``m`` (one block
    per partner document, ``widths`` columns each) at once: (block,
    row, column of m) of each mutual pair, by block then row; None when
    ``m`` holds a NaN (the maximum of a block is then no argmax).  The
    Python loop over partners cost 20-100 microseconds per linked pair,
    and the linked pairs grow faster than the sentences."""
    if not np.isfinite(m).all():
        return None
    n_rows, n_cols = m.shape
    offsets = np.r_[0, np.cumsum(widths)[:-1]]
    best_a = m.argmax(axis=0)  # each column's best row, the first on ties
    # each row's best column inside each block, the first on ties (argmax's)
    block_max = np.maximum.reduceat(m, offsets, axis=1)
    cols = np.where(m == np.repeat(block_max, widths, axis=1), np.arange(n_cols), n_cols)
    best_col = np.minimum.reduceat(cols, offsets, axis=1)  # (rows, blocks)
    rows = np.arange(n_rows)[:, None]
    mutual = (best_a[best_col] == rows) & (m[rows, best_col] >= min_sim)
    k, ia = np.nonzero(mutual.T)  # by block, then row
    return k, ia, best_col[ia, k]


def _blocks_one_by_one(m: np.ndarray, spans: list[tuple[int, int]], min_sim: float):
    """What :func:`_block_mutual` gives, one block at a time with
    :func:`_pair_mutual` (for a product with a NaN)."""
    best_a = m.argmax(axis=0)
    ks, ias, cols = [], [], []
    offset = 0
    for k, (blo, bhi) in enumerate(spans):
        width = bhi - blo
        ia, ib, _ = _pair_mutual(m[:, offset:offset + width], best_a[offset:offset + width], min_sim)
        ks.append(np.full(len(ia), k, dtype=np.int64))
        ias.append(ia)
        cols.append(ib + offset)
        offset += width
    return np.concatenate(ks), np.concatenate(ias), np.concatenate(cols)


def linked_documents(nbr: np.ndarray, sims: np.ndarray, owner: np.ndarray, min_sim: float,
                     min_links: int, max_partners: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of documents (positions, a < b, sorted) with at least
    ``min_links`` neighbour links between them: a row of ``nbr`` (a
    sentence's nearest, from :func:`nearest_neighbours`) naming a sentence
    of the other document at cosine ``min_sim`` or more, either way round.

    ``max_partners``: a pair is kept only when it is among the
    ``max_partners`` closest partners of one of its documents at least
    (:func:`_closest_partners`), so there are at most ``max_partners``
    times the documents pairs whatever the corpus repeats.  Vectorized:
    O(n k log(n k)) for n sentences and k neighbours."""
    n, k = nbr.shape
    q = np.repeat(np.arange(n), k)
    p, s = nbr.ravel(), sims.ravel()
    keep = (p >= 0) & (s >= min_sim)
    q, p = q[keep], p[keep]
    dq, dp = owner[q], owner[p]
    keep = dq != dp
    q, p, dq, dp = q[keep], p[keep], dq[keep], dp[keep]
    n_docs = int(owner.max()) + 1 if len(owner) else 1
    link = np.minimum(dq, dp) * n_docs + np.maximum(dq, dp)
    key, count = np.unique(link, return_counts=True)
    if max_partners is not None and len(key):
        # distinct sentences each document pair's links touch, either side;
        # a sort, not np.unique (numpy 2.4 hashes there: 9 s for 6.3 M ints)
        touched = np.sort(np.concatenate([link * n + q, link * n + p]))
        touched = touched[np.r_[True, touched[1:] != touched[:-1]]] // n
        shared = np.bincount(np.searchsorted(key, touched), minlength=len(key))
        linked = count >= min_links
        key, shared, count = key[linked], shared[linked], count[linked]
        sizes = np.bincount(owner, minlength=n_docs)
        a, b = key // n_docs, key % n_docs
        key = key[_closest_partners(a, b, shared / np.minimum(sizes[a], sizes[b]), count, max_partners)]
    else:
        key = key[count >= min_links]
    return key // n_docs, key % n_docs


def _closest_partners(a: np.ndarray, b: np.ndarray, closeness: np.ndarray, links: np.ndarray,
                      max_partners: int) -> np.ndarray:
    """Which document pairs (``a[i]``, ``b[i]``) are among the
    ``max_partners`` closest partners of a or of b (bool mask).  Closeness
    (:func:`linked_documents`): the share of linked sentences, the
    distinct sentences of either document that a link between the two
    touches over the shorter document's sentences: a version links most
    of the shorter text; a document sharing a few stock sentences with
    many others does not.  Ties go to the pair with more ``links``, then
    to the partner listed first (a three-line page of stock sentences is
    as close to every page that repeats them as to its version).

    Why a cap: in a corpus that repeats its sentences across articles, the
    pairs two links join grow faster than the documents (generated 10^4
    -> 10^5 sentences, 32 neighbours: 73 -> 230 linked partners per
    document), and each costs an exact sentence product and a score."""
    doc = np.concatenate([a, b])
    partner = np.concatenate([b, a])
    score = np.concatenate([closeness, closeness])
    count = np.concatenate([links, links])
    order = np.lexsort((partner, -count, -score, doc))
    first = np.r_[0, np.flatnonzero(np.diff(doc[order])) + 1]
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    close = np.zeros(len(order), dtype=bool)
    close[order] = rank < max_partners
    return close[:len(a)] | close[len(a):]


def _pair_mutual(m: np.ndarray, best_a: np.ndarray, min_sim: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, columns, cosines) of the sentences that are each other's best
    match between two documents, at ``min_sim`` or more, from their cosine
    matrix ``m`` (float64 products: the same whatever the thread count, as
    in the aligner) and each column's best row ``best_a``; ties go to the
    first row or column."""
    best_b = m.argmax(axis=1)
    ia = np.flatnonzero(best_a[best_b] == np.arange(m.shape[0]))
    ib = best_b[ia]
    sim = m[ia, ib]
    keep = sim >= min_sim
    return ia[keep], ib[keep], sim[keep]


# --------------------------------------------------------------------------
# document pairs


# “ « 「 『 and their closing marks (models/lexicons/segment.json
# quotation_marks); the straight double quote opens and closes in turn
_QUOTE_OPEN = "".join(m for m in quotation_marks() if m != '"')
_QUOTE_CLOSE = "".join(c for m, c in quotation_marks().items() if m != '"')


def quoted_shares(doc: Document, sents: Sequence[Sentence]) -> list[float]:
    """Share of each unit's visible characters that stand inside quotation
    marks (“ ” « » 「 」 『 』, and straight double quotes, which open and
    close in turn).  A quotation left open at the end of a unit goes on into
    the next unit of the same paragraph (a statement quoted over several
    sentences); a paragraph break closes it.  Visible: not whitespace
    (``str.isspace``, which is what ``\\s`` matches); the marks themselves do
    not count."""
    out, inside, prev_end = [], False, None
    for s in sents:
        if prev_end is not None and "\n" in doc.text[prev_end:s.start]:
            inside = False
        prev_end = s.end
        n = q = pos = 0
        text = s.text
        # the text between two marks at once, not character by character
        # (all 9,854 sentences of a generated corpus: 0.08 s -> 0.03 s)
        for m in _QUOTE_MARK.finditer(text):
            k = _visible(text, pos, m.start())
            n += k
            q += k if inside else 0
            ch = m.group()
            inside = (not inside) if ch == '"' else ch in _QUOTE_OPEN
            pos = m.end()
        k = _visible(text, pos, len(text))
        n += k
        q += k if inside else 0
        out.append(q / n if n else 0.0)
    return out


_QUOTE_MARK = re.compile("[\"" + _QUOTE_OPEN + _QUOTE_CLOSE + "]")
_SPACE = re.compile(r"\s")


def _visible(text: str, start: int, end: int) -> int:
    """Characters of ``text[start:end]`` that are not whitespace."""
    return end - start - len(_SPACE.findall(text, start, end))


_NON_WORD = re.compile(r"[\W_]+")
_EMPTY_GRAMS = np.zeros(0, dtype=np.uint64)
_HAN_BIGRAM = np.uint64(1 << 60)  # the tag of a packed Han bigram's code
_HASHED = 2 << 60  # the tag of a hashed n-gram's code (a character of 15 bits or more in a 4-gram)
_LOW_60 = (1 << 60) - 1


@lru_cache(maxsize=32768)
def _grams(text: str) -> np.ndarray:
    """Character n-grams of a unit's letters and digits, case-folded:
    bigrams of Han text, 4-grams of other text (about one word), as a
    sorted array of distinct uint64 codes, one per n-gram.  Han text is
    read in simplified characters.

    The codes are exact: a 4-gram of characters under U+8000 packs its
    four 15-bit code points (under 2^60), a Han bigram its two 21-bit code
    points tagged 2^60; a 4-gram with a character from U+8000 on (a Hangul
    or CJK character in text that is not read as Han: rare) is the first
    8 bytes of its BLAKE2b digest, 60 bits kept, tagged 2^61 (two such
    4-grams meet by chance with probability 2^-60).  An array of codes
    instead of a set of strings: the same overlaps (:func:`wording_overlap`),
    built and met in numpy; at 98,810 generated sentences 73,277 sets of
    strings were built for 73,109 overlaps (12 s of the group stage's 76 s),
    and a cache of 32,768 arrays takes about 45 MB where 4,096 sets took 64."""
    t = _NON_WORD.sub(" ", text.casefold()).strip()
    if HAN_RE.search(t):
        # one text in traditional and in simplified characters is one
        # wording (a Taiwan or Hong Kong copy of a mainland article was
        # "rewritten": 0.41 of its bigrams shared, so never a version)
        t = to_simplified(t).replace(" ", "")
        n = 2
    else:
        n = 4
    if len(t) < n:
        return _EMPTY_GRAMS
    c = np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if n == 2:
        return np.unique(_HAN_BIGRAM | (c[:-1] << np.uint64(21)) | c[1:])
    codes = (c[:-3] << np.uint64(45)) | (c[1:-2] << np.uint64(30)) | (c[2:-1] << np.uint64(15)) | c[3:]
    wide = c >= 0x8000
    wide = wide[:-3] | wide[1:-2] | wide[2:-1] | wide[3:]
    for k in np.flatnonzero(wide).tolist():
        digest = int.from_bytes(hashlib.blake2b(t[k:k + 4].encode(), digest_size=8).digest(), "little")
        codes[k] = _HASHED | (digest & _LOW_60)
    return np.unique(codes)


def wording_overlap(a: str, b: str) -> float:
    """How much of the shorter unit's wording the other carries: shared
    character n-grams (:func:`_grams`) over the n-grams of the unit with
    fewer; 1.0 for a copy or a cut-down copy, about 0.5 and below for a
    rewording of the same fact.  0.0 when either has none."""
    ga, gb = _grams(a), _grams(b)
    if not len(ga) or not len(gb):
        return 0.0
    at = np.minimum(np.searchsorted(gb, ga), len(gb) - 1)  # both sorted and distinct
    return int(np.count_nonzero(gb[at] == ga)) / min(len(ga), len(gb))


def similarity_level(lang_a: str, lang_b: str, th: dict) -> float:
    """The cosine the matched sentences of two versions typically reach
    in this pair of languages (``similarity_level``: the median over the
    version pairs of the generated train corpora, see the thresholds note):
    one language ("same"), Chinese against a Latin-script language
    ("han-latin"), two Latin-script languages ("latin")."""
    levels = th["similarity_level"]
    if lang_a == lang_b:
        return float(levels["same"])
    return float(levels["han-latin" if "zh" in (lang_a, lang_b) else "latin"])


def _calibrated(sim: np.ndarray, lang_a: str, lang_b: str, th: dict) -> np.ndarray:
    """Cosines as a share of :func:`similarity_level` (at most 1.0): a
    Chinese sentence and its English translation meet at about 0.7 with
    use-m3, a French one at about 0.8, so raw cosines would hold Chinese
    versions to a higher bar."""
    return np.minimum(1.0, sim.astype(np.float64) / similarity_level(lang_a, lang_b, th))


def _specific_tokens(ids: list[str], tokens: dict[str, list[set[str]]], th: dict) -> dict[str, list[set[str]]]:
    """Each sentence's anchor tokens (numbers, Latin names) that few
    documents carry: at most ``specific_max_doc_share`` of them, and never
    fewer than two.  "The" at the start of every English sentence, or the
    name every article of a story repeats, is no shared specific."""
    df: dict[str, int] = {}
    for doc_id in ids:
        for tok in set().union(*tokens[doc_id]) if tokens[doc_id] else ():
            df[tok] = df.get(tok, 0) + 1
    limit = max(2.0, th["specific_max_doc_share"] * len(ids))
    return {doc_id: [{t for t in toks if df[t] <= limit} for toks in tokens[doc_id]] for doc_id in ids}


def _doc_shape(doc: Document, sents: list[Sentence], th: dict) -> tuple[float, float]:
    """(length in French-equivalent characters, line-likeness) of a document."""
    return _doc_chars(sents, doc.lang, th), _line_like(sents)


def _version_kind(da: Document, db: Document, shape_a: tuple, shape_b: tuple, th: dict) -> tuple:
    """Which kind of versions two documents are, with the length ratio and
    line-likeness it was read from (shapes from :func:`_doc_shape`)."""
    (ca, line_a), (cb, line_b) = shape_a, shape_b
    length_ratio = min(ca, cb) / max(ca, cb, 1.0)
    if length_ratio < th["retelling_length_ratio"]:
        kind = "retelling"
    elif max(line_a, line_b) >= th["transcript_line_share"] and abs(line_a - line_b) >= th["transcript_line_gap"]:
        kind = "transcript"
    else:
        kind = "translation" if da.lang != db.lang else "same-language-version"
    return kind, length_ratio, line_a, line_b


def _wording(ia: np.ndarray, ib: np.ndarray, sa: Sequence[Sentence], sb: Sequence[Sentence],
             qa: list[float], qb: list[float], th: dict) -> float | None:
    """Mean :func:`wording_overlap` of the chained sentence pairs
    (``ia``/``ib``) that are not quotations (``quoted_share`` or more of
    either unit inside quotation marks, by :func:`quoted_shares` ``qa``/``qb``:
    independent reports quote one statement word for word), each weighted
    by the length of its shorter unit (a two-word line matched to the
    wrong line says little); None when fewer than ``wording_min_pairs``
    such pairs are left."""
    vals, weights = [], []
    for i, j in zip(ia.tolist(), ib.tolist()):
        if max(qa[i], qb[j]) < th["quoted_share"]:
            vals.append(wording_overlap(sa[i].text, sb[j].text))
            weights.append(min(len(sa[i].text), len(sb[j].text)))
    if len(vals) < th["wording_min_pairs"] or not sum(weights):
        return None
    return float(np.average(vals, weights=weights))


def version_link(evidence: dict, score: float, th: dict) -> tuple[bool, bool]:
    """(version link, rewritten) from a pair's evidence (the fields
    ordered_pairs, shorter_units, density, mean_similarity, wording) and
    score.

    A version link: an ordered chain of at least ``version_min_chain``
    pairs (or the whole shorter document), ``version_min_score``,
    ``version_min_density`` and a mean calibrated cosine of
    ``version_min_similarity`` (versions meet at the level of their pair of
    languages; a short text's sentences matched to their nearest topic
    neighbours in a long one do not); or a chain of ``version_long_chain`` pairs
    with ``join_min_score`` (no handful of shared facts, however much the
    version condenses or reorders: a transcript retelling a long essay).
    Rewritten: one language, and the chained sentences that are not
    quotations share less than ``same_language_min_wording`` of their
    wording (:func:`_wording`): another writer's account of the same
    facts, never a version link.  Also rewritten: both documents hold at
    least ``prose_min_units`` units of full weight (:func:`unit_weights`:
    sentences, not table rows) and the chain covers less than
    ``prose_min_coverage`` of them in either (evidence ``prose_coverage``):
    two articles that share a table of facts (two encyclopedias' infoboxes
    of one person) and word their prose apart, never a version link.
    Also rewritten: ``numbers_min_pairs`` or more chained pairs both state
    numbers and fewer than ``numbers_min_agreement`` of them share one
    (evidence ``numbers``, :func:`_number_agreement`): a report of other
    events with the same people or place, matched sentence by sentence to
    its nearest topic neighbours.  A copy in one language is a version
    link however short the page: a chain of ``wording_min_pairs`` pairs
    keeping ``copy_min_wording`` of their wording, with ``join_min_score``
    (a 2,000-byte page that condenses an agency's dispatch)."""
    chain = evidence["ordered_pairs"]
    strong = (chain >= min(th["version_min_chain"], evidence["shorter_units"]) and score >= th["version_min_score"]
              and evidence["density"] >= th["version_min_density"]
              and evidence["mean_similarity"] >= th["version_min_similarity"])
    strong = strong or (chain >= th["version_long_chain"] and score >= th["join_min_score"])
    strong = strong or _retold_in_any_order(evidence, score, th)
    wording = evidence.get("wording")
    strong = strong or (wording is not None and wording >= th["copy_min_wording"]
                        and chain >= th["wording_min_pairs"] and score >= th["join_min_score"])
    rewritten = wording is not None and wording < th["same_language_min_wording"]
    rewritten = rewritten or _table_only(evidence.get("prose_units"), evidence.get("prose_coverage"), th)
    rewritten = rewritten or (_other_numbers(evidence.get("numbers"), th) and not _whole_translation(evidence, th))
    return bool(strong and not rewritten), bool(rewritten)


def _retold_in_any_order(evidence: dict, score: float, th: dict) -> bool:
    """A retelling's version link: a retelling condenses and reorders (the
    lead's figure from the article's ninth paragraph), so its ordered chain
    and the chain's density fall short, while most of its sentences are
    each other's best match with one of the article's: evidence
    ``version_kind`` 'retelling', ``shorter_units`` at least
    ``prose_min_units``, an ordered chain of ``version_min_chain`` pairs
    still, ``mutual_pairs`` (in any order) at least
    ``retelling_min_coverage`` of them, the chain's mean calibrated cosine
    at ``version_min_similarity`` (versions meet at their languages' level)
    and ``join_min_score``."""
    units = evidence.get("shorter_units", 0)
    return (evidence.get("version_kind") == "retelling" and units >= th["prose_min_units"]
            and evidence["ordered_pairs"] >= th["version_min_chain"]
            and evidence.get("mutual_pairs", 0) >= th["retelling_min_coverage"] * units
            and evidence["mean_similarity"] >= th["version_min_similarity"] and score >= th["join_min_score"])


def _whole_translation(evidence: dict, th: dict) -> bool:
    """Does the chain render the whole shorter text, closely, keeping one
    figure at least: coverage at ``numbers_exempt_coverage`` or more, a
    mean calibrated cosine at ``version_min_similarity`` and a chained pair
    that shares a number?  Then the numbers that disagree are what a
    version changed (a rumour's 3 millions made 3亿, a date moved), not the
    mark of a report of other events, whose chain matches a few topic
    neighbours (bench/real: coverage 0.2-0.8, or a mean cosine of 0.62) or
    shares no figure at all (tests/test_grouping.py's other project).  A
    fresh user's trial of session 61: a Chinese version with two of its
    three figures changed, 13 of 13 sentences in order at 0.88, was left out
    of its group and never compared."""
    numbers = evidence.get("numbers") or [0, 0]
    return numbers[0] >= 1 and evidence.get("coverage", 0.0) >= th["numbers_exempt_coverage"] \
        and evidence.get("mean_similarity", 0.0) >= th["version_min_similarity"]


def _other_numbers(numbers: Sequence[int] | None, th: dict) -> bool:
    """True when at least ``numbers_min_pairs`` chained pairs both state
    numbers and fewer than ``numbers_min_agreement`` of them share one
    (``numbers``: [agreeing, comparable] from :func:`_number_agreement`)."""
    if not numbers or numbers[1] < th["numbers_min_pairs"]:
        return False
    return numbers[0] < th["numbers_min_agreement"] * numbers[1]


def _table_only(units: Sequence[int] | None, coverage: Sequence[float] | None, th: dict) -> bool:
    """True when both documents have ``prose_min_units`` full-weight units
    or more and the ordered chain covers less than ``prose_min_coverage``
    of them in each: what the two share is their short lines only."""
    if not units or not coverage:
        return False
    return min(units) >= th["prose_min_units"] and max(coverage) < th["prose_min_coverage"]


def prose_coverage(w: np.ndarray, chained: np.ndarray) -> tuple[int, float]:
    """(number of full-weight units, share of them in ``chained``) of one
    document, from its :func:`unit_weights` ``w`` and the indices of its
    chained units (each index once, as in an ordered chain)."""
    full = int(np.count_nonzero(w >= 1.0))
    if not full:
        return 0, 0.0
    return full, float(np.count_nonzero(w[chained] >= 1.0)) / full


def unit_weights(doc: Document, sents: Sequence[Sentence], th: dict) -> np.ndarray:
    """How much each unit of a document counts towards its length: its
    French-equivalent characters over ``unit_full_chars``, at most 1.0.  A
    sentence counts fully; an infobox label, a date line or a "Fin" counts
    a fraction (two encyclopedia pages share their infobox lines whatever
    their articles say).  Page furniture inside the body
    (:func:`inner_furniture`: photo captions and credits between the
    paragraphs) counts nothing: it is the site's, not the article's, and a
    copy interleaved with captions is no less a version (issue 19)."""
    factor = th["chars_per_unit"].get(doc.lang, 1.0) / float(th["unit_full_chars"])
    w = np.minimum(1.0, np.array([len(s.text) for s in sents], dtype=np.float64) * factor)
    # in a transcript every line lacks closing punctuation, the shape the
    # boilerplate pass reads as furniture: its marks are not trusted there
    if not len(sents) or _line_like(sents) >= th["transcript_line_share"]:
        return w
    return np.where(inner_furniture(sents), 0.0, w)


def inner_furniture(sents: Sequence[Sentence]) -> np.ndarray:
    """Which units are page furniture inside the body: a unit of a
    records.FURNITURE_KINDS kind with a sentence of the text (kind "text",
    not a heading) somewhere before it and after it (photo captions and
    credits, a source line under the lead), and boilerplate that a rule
    other than ``position`` found (``meta["furniture"]``: a pattern, a line
    repeated across one site's pages, a caption) wherever it stands: three
    unrelated articles of one site ending with its footer (a newsletter
    line, a copyright line) were grouped as versions of one another.
    Furniture found by position only, above or below the body, is left to
    count: the boilerplate pass finds it there by the shape of
    short unpunctuated lines, which the fragments ending a generated or
    transcribed text also have (a guess that must not decide grouping)."""
    furn = np.array([s.kind in FURNITURE_KINDS for s in sents], dtype=bool)
    # found by a rule other than a line's shape: furniture wherever it stands
    sure = np.array([s.kind == "boilerplate" and s.meta.get("furniture", "position") != "position" for s in sents],
                    dtype=bool)
    content = np.flatnonzero([s.kind == "text" for s in sents])
    if not len(content):
        return sure
    inside = np.zeros(len(sents), dtype=bool)
    inside[content[0]:content[-1] + 1] = True
    return (furn & inside) | sure


def _number_agreement(ia: np.ndarray, ib: np.ndarray, na: Sequence[set[str]], nb: Sequence[set[str]]) -> list[int]:
    """[agreeing, comparable] chained sentence pairs (``ia``/``ib``): a pair
    is comparable when both sentences state numbers (``na``/``nb``: each
    sentence's number tokens, align.anchor_tokens' ``#`` tokens), agreeing
    when they share one.  A translation or copy keeps its numbers (7.3 级,
    7.3-magnitude; 4月3日, April 3); a report of another event matched to
    its nearest topic neighbours states other ones (issue 19)."""
    comparable = [(i, j) for i, j in zip(ia.tolist(), ib.tolist()) if na[i] and nb[j]]
    return [sum(1 for i, j in comparable if na[i] & nb[j]), len(comparable)]


def _chain_score(wa: np.ndarray, wb: np.ndarray, ia: np.ndarray, ib: np.ndarray,
                 sim: np.ndarray) -> tuple[list[int], np.ndarray, float]:
    """(positions of the longest chain of mutual pairs kept in the same
    order in both documents, their cosines as float64, score) for
    :func:`_score_pair`: in the document that weighs less (unit weights
    ``wa``/``wb``), each chained unit's cosine times its weight, over the
    document's weight (unrounded)."""
    chain = _lis_chain(ib.tolist())
    chain_sims = sim[chain].astype(np.float64)
    sum_a, sum_b = wa.sum(), wb.sum()
    if sum_a <= sum_b:
        score = float((chain_sims * wa[ia[chain]]).sum() / max(sum_a, 1e-9))
    else:
        score = float((chain_sims * wb[ib[chain]]).sum() / max(sum_b, 1e-9))
    return chain, chain_sims, score


def _score_pair(da: Document, db: Document, shapes: dict, ia: np.ndarray, ib: np.ndarray, sim: np.ndarray,
                ta: list[set[str]], tb: list[set[str]], th: dict, texts=None, numbers=None) -> DocPairScore:
    """Score and evidence of one candidate pair from its mutual sentence
    pairs (sorted by ``ia``); ``shapes``: each document's (length, line-likeness,
    unit weights, union of its specific tokens ``ta``/``tb``).  score: the cosines of the longest chain of
    pairs kept in the same order in both documents, summed and divided by
    the shorter document's length: 1.0 when every sentence of the shorter is
    matched, in order, by an identical one.  The relation is provisional
    ("version" or "unrelated"); :func:`group_documents` settles it."""
    wa, wb = shapes[da.id][2], shapes[db.id][2]
    chain, chain_sims, score = _chain_score(wa, wb, ia, ib, sim)
    # units and stretches are counted in the article's own units: furniture
    # (weight 0, never paired) neither lengthens a document nor a stretch
    rank_a, rank_b = np.cumsum(wa > 0), np.cumsum(wb > 0)
    shorter = max(1, min(int(rank_a[-1]) if len(wa) else 0, int(rank_b[-1]) if len(wb) else 0))
    # the same sum over the stretch the chain spans, in the document where
    # that stretch is shorter: pages cut short or padded with other
    # headlines still read as dense versions
    window = min(int(rank_a[ia[chain[-1]]] - rank_a[ia[chain[0]]]), int(rank_b[ib[chain[-1]]] - rank_b[ib[chain[0]]])) + 1
    density = float(chain_sims.sum()) / window
    anchored = sum(1 for i, j in zip(ia[chain].tolist(), ib[chain].tolist()) if ta[i] & tb[j])
    # each document's specific tokens, united once per document (shapes[...][3])
    shared = shapes[da.id][3] & shapes[db.id][3]
    close = int((sim >= th["same_event_similarity"]).sum())
    kind, length_ratio, line_a, line_b = _version_kind(da, db, shapes[da.id][:2], shapes[db.id][:2], th)
    # in one language a version is a copy or an edit and keeps the words;
    # another writer's report of the same facts words them anew (issue 19)
    wording = None
    if texts is not None and da.lang == db.lang and len(chain) >= 2 and score >= th["same_event_min_score"]:
        wording = _wording(ia[chain], ib[chain], *texts(), th)
    (na, pa), (nb, pb) = prose_coverage(wa, ia[chain]), prose_coverage(wb, ib[chain])
    agreement = _number_agreement(ia[chain], ib[chain], *numbers) if numbers is not None else None
    evidence = {"numbers": agreement, "ordered_pairs": len(chain), "shorter_units": shorter, "density": round(density, 4),
                "coverage": round(len(chain) / shorter, 4) if shorter else 0.0,
                "mutual_pairs": int(len(ia)), "version_kind": kind,
                "mean_similarity": round(float(chain_sims.mean()), 4) if chain else 0.0,
                "wording": None if wording is None else round(wording, 4),
                "prose_units": [na, nb], "prose_coverage": [round(pa, 4), round(pb, 4)]}
    strong, rewritten = version_link(evidence, round(score, 4), th)
    return DocPairScore(
        a=da.id, b=db.id, score=round(score, 4), relation=kind if strong else "unrelated",
        evidence={
            "mutual_pairs": int(len(ia)),
            "ordered_pairs": len(chain),
            "shorter_units": shorter,
            "coverage": evidence["coverage"],
            "density": round(density, 4),
            "mean_similarity": evidence["mean_similarity"],
            "close_pairs": close,
            "anchored_pairs": anchored,
            "shared_anchors": len(shared),
            "length_ratio": round(length_ratio, 4),
            "line_like": [round(line_a, 3), round(line_b, 3)],
            "languages": [da.lang, db.lang],
            "version_kind": kind,
            "version_link": bool(strong),
            "wording": evidence["wording"],
            "prose_units": evidence["prose_units"],
            "prose_coverage": evidence["prose_coverage"],
            "chain_span": [[int(ia[chain[0]]), int(ia[chain[-1]])], [int(ib[chain[0]]), int(ib[chain[-1]])]]
            if chain else None,
            "numbers": agreement,
            "rewritten": rewritten,
        },
    )


def score_document_pairs(
    docs: list[Document],
    sentences: dict[str, list[Sentence]],
    embeddings: dict[str, np.ndarray],
    tokens: dict[str, list[set[str]]] | None = None,
    exact: bool | None = None,
    defer: bool = False,
) -> list[DocPairScore]:
    """One DocPairScore per candidate pair of documents (ids sorted; pairs
    sorted): pairs with at least ``candidate_min_pairs`` mutual sentence
    pairs.  Every other pair is unrelated and is not listed.

    ``tokens``: each document's per-sentence align.anchor_tokens when the
    caller already has them (alignment uses them too); by default they are
    read from the sentences.  ``exact``: force or forbid the exact index
    (see :func:`nearest_neighbours`).  Relations are provisional until
    :func:`group_documents` (or :func:`settle`) has run.

    Only one document per text is searched and scored (the first by id,
    :func:`identical_copies`): each sentence gets ``neighbours`` matches,
    and 40 copies of one article filled them all, so a translation never
    became a candidate pair.  :func:`group_documents` joins the copies to
    their representative's group.

    ``defer``: candidates that can be no version are scored
    later, only if needed (:class:`ScoredPairs`)."""
    th = load_thresholds()
    by_id = {d.id: d for d in docs}
    # one text read as one language has the same sentences and embeddings
    copies = identical_copies(list(by_id), {d.id: f"{d.lang}\n{d.text}" for d in docs})
    ids = sorted(d for d in by_id if d not in copies)
    x, owner, local = _stacked_embeddings(ids, embeddings)
    if x is None:
        return []
    # the pair's own bar applies below, on calibrated cosines; here the
    # lowest any pair of languages can need
    floor = th["min_pair_similarity"] * min(float(v) for v in th["similarity_level"].values())
    mp = mutual_pairs(x, owner, local, th, exact, min_sim=floor)
    per_sentence = {doc_id: tokens[doc_id] if tokens is not None and doc_id in tokens else
                    [anchor_tokens(s.text) for s in sentences.get(doc_id, [])] for doc_id in ids}
    specific = _specific_tokens(ids, per_sentence, th)
    numbers = {doc_id: [{t for t in toks if t.startswith("#")} for toks in per_sentence[doc_id]] for doc_id in ids}
    shapes = {doc_id: _doc_shape(by_id[doc_id], sentences.get(doc_id, []), th)
              + (unit_weights(by_id[doc_id], sentences.get(doc_id, []), th), frozenset().union(*specific[doc_id]))
              for doc_id in ids}
    key = mp.doc_a * len(ids) + mp.doc_b
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(key)]
    quotes: dict[str, list[float]] = {}

    def quoted(doc_id: str) -> list[float]:  # read only for the few same-language pairs that need it
        if doc_id not in quotes:
            quotes[doc_id] = quoted_shares(by_id[doc_id], sentences.get(doc_id, []))
        return quotes[doc_id]

    def candidate(lo: int, hi: int):
        """The arguments of :func:`_score_pair` for the mutual pairs
        ``lo:hi`` of one document pair, or None when it is no candidate."""
        a, b = ids[int(mp.doc_a[lo])], ids[int(mp.doc_b[lo])]
        sim = _calibrated(mp.sim[lo:hi], by_id[a].lang, by_id[b].lang, th)
        # page furniture is no evidence (a caption or share line matched to
        # another page's): pairs of content units only (unit weight > 0)
        keep = (sim >= th["min_pair_similarity"]) & (shapes[a][2][mp.sent_a[lo:hi]] > 0) \
            & (shapes[b][2][mp.sent_b[lo:hi]] > 0)
        if int(keep.sum()) < th["candidate_min_pairs"]:
            return None
        texts = (lambda a=a, b=b: (sentences[a], sentences[b], quoted(a), quoted(b)))
        return (by_id[a], by_id[b], shapes, mp.sent_a[lo:hi][keep], mp.sent_b[lo:hi][keep], sim[keep],
                specific[a], specific[b], th, texts, (numbers[a], numbers[b]))

    langs = np.array([by_id[doc_id].lang for doc_id in ids], dtype=object)
    return _score_candidates(mp, starts, ends, ids, langs, [shapes[doc_id][2] for doc_id in ids], candidate, th, defer,
                             partial(_event_args, by_id, ids, mp, shapes))


def _event_args(by_id: dict, ids: list[str], mp: MutualPairs, shapes: dict, lo: int, hi: int, keep: np.ndarray,
                cal: np.ndarray) -> tuple:
    """What :func:`_event_score` reads of ``candidate(lo, hi)`` in
    :func:`score_document_pairs`, from every pair's keep flag and
    calibrated cosine computed at once (:func:`_kept_pairs`): 120,148
    deferred pairs at 98,669 generated sentences went through
    ``candidate`` one by one."""
    k = keep[lo:hi]
    return (by_id[ids[int(mp.doc_a[lo])]], by_id[ids[int(mp.doc_b[lo])]], shapes, mp.sent_a[lo:hi][k],
            mp.sent_b[lo:hi][k], cal[lo:hi][k])


def _score_candidates(mp: MutualPairs, starts: np.ndarray, ends: np.ndarray, ids: list[str], langs: np.ndarray,
                      weights: list[np.ndarray], candidate, th: dict, defer: bool, event_args=None) -> list[DocPairScore]:
    """:func:`_score_pair` of each candidate (``candidate(lo, hi)``: its
    arguments for the mutual pairs ``lo:hi`` of one document pair, from
    ``starts[k]`` to ``ends[k]``), or with ``defer`` a :class:`ScoredPairs`
    that defers those whose score bound is under the version bars
    (:func:`_span_screen`, with each document's language ``langs`` and
    unit ``weights``); ``event_args``: :class:`ScoredPairs`'s."""
    span_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(mp.sim)]))
    flat = _kept_pairs(mp, starts, span_of, weights, langs, th) if len(starts) else None
    kept, bound, close = _span_screen(mp, starts, weights, langs, th, flat)
    is_candidate = kept >= th["candidate_min_pairs"]
    # a candidate whose score bound is under both version bars can be no
    # version link and no weak version evidence (every kind needs
    # version_min_score or join_min_score): scored only if needed
    deferrable = bound + _DEFER_MARGIN < min(th["version_min_score"], th["join_min_score"])
    out = ScoredPairs(candidate, th, event_args, flat) if defer else []
    for k in np.flatnonzero(is_candidate & ~deferrable if defer else is_candidate).tolist():
        out.append(_score_pair(*candidate(int(starts[k]), int(ends[k]))))
    if defer:
        k = np.flatnonzero(is_candidate & deferrable)
        names = np.asarray(ids, dtype=object)
        pair_ids = list(zip(names[mp.doc_a[starts[k]]].tolist(), names[mp.doc_b[starts[k]]].tolist()))
        out.deferred.update(zip(pair_ids, zip(starts[k].tolist(), ends[k].tolist())))
        # same_event needs a close pair and its score bar (_event_score)
        may = (close[k] >= th["same_event_min_pairs"]) & (bound[k] + _DEFER_MARGIN >= th["same_event_min_score"])
        out.may_be_event.update(pair for pair, m in zip(pair_ids, may.tolist()) if m)
    return out


def _kept_pairs(mp: MutualPairs, starts: np.ndarray, span_of: np.ndarray, weights: list[np.ndarray],
                langs: np.ndarray, th: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For every mutual pair at once (``span_of``: its document pair, by
    the pairs' ``starts``): whether a candidate keeps it, its calibrated
    cosine (:func:`_calibrated`, float64) and its two units' weights: what
    ``candidate`` in :func:`score_document_pairs` computes pair by pair."""
    offset = np.r_[0, np.cumsum([len(w) for w in weights])]
    flat_w = np.concatenate(weights + [np.zeros(0)])
    la, lb = langs[mp.doc_a], langs[mp.doc_b]
    levels = th["similarity_level"]
    han = np.array([a == "zh" or b == "zh" for a, b in zip(la[starts].tolist(), lb[starts].tolist())], dtype=bool)
    level = np.where(la[starts] == lb[starts], float(levels["same"]),
                     np.where(han, float(levels["han-latin"]), float(levels["latin"]))).astype(np.float64)
    cal = np.minimum(1.0, mp.sim.astype(np.float64) / level[span_of])
    wa, wb = flat_w[offset[mp.doc_a] + mp.sent_a], flat_w[offset[mp.doc_b] + mp.sent_b]
    keep = (cal >= th["min_pair_similarity"]) & (wa > 0) & (wb > 0)
    return keep, cal, wa, wb


def _span_screen(mp: MutualPairs, starts: np.ndarray, weights: list[np.ndarray], langs: np.ndarray,
                 th: dict, flat: tuple | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each document pair (its mutual pairs from ``starts[k]`` to the
    next start): how many mutual pairs a candidate keeps (calibrated cosine
    at ``min_pair_similarity`` or more, both units of positive weight, as
    ``candidate`` in :func:`score_document_pairs` keeps them), the score
    bound of those, and how many of them are close (calibrated cosine at
    ``same_event_similarity`` or more, as :func:`_score_pair` counts
    close_pairs), for every pair at once
    (``weights``: each document's unit_weights; ``langs``: its language).
    The bound: :func:`_score_pair`'s score with every kept pair counted,
    not only the ordered chain (the cosines kept are positive and unit
    weights non-negative, so the chain's sum is at most this one), in the
    same document (the one that weighs less).  Vectorized: at 98,669 generated sentences, 700,000 linked pairs went
    through Python one by one for these two figures."""
    if not len(starts):
        return np.zeros(0, np.int64), np.zeros(0, np.float64), np.zeros(0, np.int64)
    w_sum = np.array([w.sum() for w in weights])
    span_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(mp.sim)]))
    keep, cal, wa, wb = flat if flat is not None else _kept_pairs(mp, starts, span_of, weights, langs, th)
    kept = np.add.reduceat(keep.astype(np.int64), starts)
    light_a = w_sum[mp.doc_a[starts]] <= w_sum[mp.doc_b[starts]]
    num = np.add.reduceat(np.where(keep, cal * np.where(light_a[span_of], wa, wb), 0.0), starts)
    den = np.maximum(np.where(light_a, w_sum[mp.doc_a[starts]], w_sum[mp.doc_b[starts]]), 1e-9)
    close = np.add.reduceat((keep & (cal >= th["same_event_similarity"])).astype(np.int64), starts)
    return kept, num / den, close


class ScoredPairs(list):
    """The DocPairScores of :func:`score_document_pairs` with ``defer``,
    and the candidates it deferred: ``deferred`` maps (a, b) to the span of
    their mutual pairs, :meth:`score` scores one (once), :meth:`event`
    tells whether one is same_event.

    A candidate is deferred when its score cannot reach a version bar
    (its bound from :func:`_span_screen`): it is no version link and no weak version
    evidence, so only its being rewritten can weigh in the grouping.
    :func:`group_documents` scores it only if it ends inside one group or
    whether it is rewritten decides a merge: the same groups, and the same
    score for every pair a group holds, as with every candidate scored.
    A deferred pair outside groups is listed only when it is same_event
    (:func:`_event_score`: the same relation and score as a full scoring,
    without the version evidence), else left out (unrelated).  Generated
    corpora: 9,854 sentences, 11,849 of 14,364 candidates deferred; 98,669
    sentences (sentence pools recycled 11-55 times, unrelated articles
    sharing half-sentences), 465,931 of 471,767."""

    def __init__(self, candidate, th: dict, event_args=None, flat: tuple | None = None) -> None:
        super().__init__()
        self.deferred: dict[tuple[str, str], tuple[int, int]] = {}
        self._candidate = candidate
        # same_event's arguments from the flat keep flags and cosines, when given
        self._event_args = (lambda lo, hi: event_args(lo, hi, flat[0], flat[1])) \
            if event_args is not None and flat is not None else candidate
        self._th = th
        self._scored: dict[tuple[str, str], DocPairScore] = {}
        # the deferred pairs that pass same_event's screen (close pairs, bound)
        self.may_be_event: set[tuple[str, str]] = set()

    def score(self, pair: tuple[str, str]) -> DocPairScore:
        if pair not in self._scored:
            self._scored[pair] = _score_pair(*self._candidate(*self.deferred[pair]))
        return self._scored[pair]

    def event(self, pair: tuple[str, str]) -> DocPairScore | None:
        """The same_event record of a deferred pair outside groups, or None
        when it is unrelated."""
        if pair not in self.may_be_event:
            return None
        return _event_score(self._event_args(*self.deferred[pair]), self._th)


# Deferred pairs stay this far under a bar: a score is rounded to 4 places
# before it is compared, and the bound sums in another order.
_DEFER_MARGIN = 1e-3


def _event_score(args: tuple, th: dict) -> DocPairScore | None:
    """What a full scoring (:func:`_score_pair` then :func:`settle`) gives a
    pair that can be no version (:class:`ScoredPairs`) outside groups, when it
    is same_event: the same score, relation "same_event", and the evidence
    that decides it (mutual, ordered and close pairs, mean similarity,
    languages; ``version_evidence`` False: coverage, wording, numbers and
    the rest were not computed).  None when it is unrelated.  Cost: the
    ordered chain only; at 98,669 generated sentences 259,205 pairs were
    fully scored (their version evidence took most of the stage)."""
    (da, db, shapes, ia, ib, sim) = args[:6]
    close = int((sim >= th["same_event_similarity"]).sum())
    if close < th["same_event_min_pairs"]:
        return None
    chain, chain_sims, score = _chain_score(shapes[da.id][2], shapes[db.id][2], ia, ib, sim)
    p = DocPairScore(a=da.id, b=db.id, score=round(score, 4), relation="same_event", evidence={
        "mutual_pairs": int(len(ia)), "ordered_pairs": len(chain),
        "mean_similarity": round(float(chain_sims.mean()), 4) if chain else 0.0, "close_pairs": close,
        "languages": [da.lang, db.lang], "version_link": False, "version_evidence": False})
    return p if _same_event(p, th) else None


# --------------------------------------------------------------------------
# groups


def _weak_version(p: DocPairScore, th: dict) -> bool:
    """Enough evidence for a document already linked to the others of a
    group to join it: an ordered chain of two, ``join_min_score``."""
    return p.evidence["ordered_pairs"] >= 2 and p.score >= th["join_min_score"] and not p.evidence.get("rewritten")


def _same_event(p: DocPairScore, th: dict) -> bool:
    """Shared facts without a version's coverage: ``same_event_min_pairs``
    mutual pairs at ``same_event_similarity`` or more, and a score of at
    least ``same_event_min_score``."""
    return p.evidence["close_pairs"] >= th["same_event_min_pairs"] and p.score >= th["same_event_min_score"]


class _Groups:
    """Groups being grown: disjoint sets of documents with their members."""

    def __init__(self, ids: list[str]) -> None:
        self.sets = DisjointSets()
        self.members: dict[str, list[str]] = {}
        for doc_id in ids:
            self.members[self.sets.add(doc_id)] = [doc_id]

    def cross(self, a: str, b: str) -> list[tuple[str, str]] | None:
        """The document pairs across the groups of ``a`` and ``b`` (None
        when they are one group already)."""
        ra, rb = self.sets.find(a), self.sets.find(b)
        if ra == rb:
            return None
        return [(min(x, y), max(x, y)) for x in self.members[ra] for y in self.members[rb]]

    def fellow_retellings(self, pair: tuple[str, str], retold: dict[str, dict[str, tuple]]) -> bool:
        """Whether both documents of ``pair`` retell one document that is
        in the group of either, drawing on overlapping stretches of it
        (:func:`_fellow_hubs`)."""
        a, b = pair
        roots = {self.sets.find(a), self.sets.find(b)}
        return any(self.sets.find(h) in roots for h in _fellow_hubs(a, b, retold))

    def merge(self, a: str, b: str) -> None:
        ra, rb = self.sets.find(a), self.sets.find(b)
        self.sets.union(ra, rb)
        self.members[self.sets.find(ra)] = sorted(self.members.pop(ra) + self.members.pop(rb))

    def result(self) -> list[list[str]]:
        return [m for _, m in sorted(self.members.items()) if len(m) > 1]


def _retold(pair_scores: list[DocPairScore], length: dict[str, float], th: dict) -> dict[str, dict[str, tuple]]:
    """For each document that retells a longer one (a scored pair of
    ``version_kind`` 'retelling' with a version link, this document the
    shorter by ``length``), the documents it retells, each with the
    stretch of its sentences the ordered chain spans (evidence
    ``chain_span``: first and last index).  Weak version evidence is not
    enough: a generated report of the same event, linked weakly to one
    version of a family, joined the family through the excuse."""
    out: dict[str, dict[str, tuple]] = {}
    for p in pair_scores:
        span = p.evidence.get("chain_span")
        if p.evidence.get("version_kind") != "retelling" or not span or not p.evidence.get("version_link") \
                or p.evidence.get("rewritten"):
            continue
        short, long_, k = (p.a, p.b, 1) if length.get(p.a, 0.0) <= length.get(p.b, 0.0) else (p.b, p.a, 0)
        out.setdefault(short, {})[long_] = tuple(span[k])
    return {d: dict(sorted(h.items())) for d, h in sorted(out.items())}


def _fellow_hubs(a: str, b: str, retold: dict[str, dict[str, tuple]], overlapping: bool | None = True) -> list[str]:
    """The documents both ``a`` and ``b`` retell (:func:`_retold`), drawing
    on overlapping stretches of them (``overlapping`` True), on stretches
    apart (False) or either way (None): two retellings of one article draw
    on its lead and its main facts; two articles printed on one page (a
    digest, a live blog) each match their own stretch of it."""
    ra, rb = retold.get(a, {}), retold.get(b, {})
    return [h for h in ra if h in rb
            and (overlapping is None or (ra[h][0] <= rb[h][1] and rb[h][0] <= ra[h][1]) == overlapping)]


def _grow_groups(ids: list[str], pair_scores: list[DocPairScore], th: dict,
                 deferred_rewritten=lambda pair: False,
                 retold: dict[str, dict[str, tuple]] | None = None) -> list[list[str]]:
    """Version links, strongest first, merge two groups only when at least
    ``join_min_share`` of the document pairs across them show version
    evidence (:func:`_weak_version`): a strong link between two stories'
    documents does not make them one group.  Then weak links, strongest
    first, merge a group of two or more with another only when EVERY pair
    across them is weak version evidence (``weak_join_all``): a version
    that no encoder matches closely (a Chinese feature and its French and
    English editions) but that follows each of them.  No group ever holds
    both documents of a rewritten pair (``deferred_rewritten(pair)``: for a
    pair :func:`score_document_pairs` deferred, whether it is rewritten).

    Two partial retellings of one longer document in the group, drawing on
    overlapping stretches of it (``retold``: :func:`_retold`,
    :func:`_fellow_hubs`) are excused from showing
    version evidence between them: excerpts of one long article need not
    share a sentence (the sample corpus's four English retellings of the
    WSJ's article, each keeping other paragraphs of it)."""
    by_pair = {(p.a, p.b): p for p in pair_scores}
    weak = {k for k, p in by_pair.items() if _weak_version(p, th)}
    # a same-language pair that words the shared facts anew is two writers
    apart = {k for k, p in by_pair.items() if p.evidence.get("rewritten")}
    groups = _Groups(ids)
    retold = retold or {}

    def counted(cross: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The pairs of ``cross`` that must show version evidence: all but
        two retellings of one document of the groups being joined."""
        return [c for c in cross if c in weak or not groups.fellow_retellings(c, retold)]

    def refused(cross: list[tuple[str, str]]) -> bool:
        """Whether ``cross`` holds a rewritten pair other than two
        retellings of one document (two writers retelling one article
        word it apart, as two reports of one event do)."""
        return any((c in apart or deferred_rewritten(c)) and not groups.fellow_retellings(c, retold) for c in cross)
    # strongest first; a link resting on fewer pairs than version_min_chain
    # (a two-sentence page) waits in proportion, so that it does not decide
    # the shape of a group before the links of longer versions
    full = float(th["version_min_chain"])
    links = sorted((p for p in pair_scores if p.evidence["version_link"]),
                   key=lambda p: (-p.score * min(1.0, p.evidence["ordered_pairs"] / full), p.a, p.b))
    for p in links:
        cross = groups.cross(p.a, p.b)
        if not cross or refused(cross):
            continue
        needed = counted(cross)
        if sum(1 for c in needed if c in weak) >= th["join_min_share"] * len(needed):
            groups.merge(p.a, p.b)
    if th.get("weak_join_all"):
        for p in sorted((by_pair[k] for k in weak), key=lambda p: (-p.score, p.a, p.b)):
            cross = groups.cross(p.a, p.b)
            if cross and len(cross) >= 2 and all(c in weak for c in counted(cross)) and not refused(cross):
                groups.merge(p.a, p.b)
    return groups.result()


def settle(pair_scores: list[DocPairScore], groups: list[list[str]], th: dict | None = None) -> None:
    """Final relations, in place: inside a group, a pair with version
    evidence (strong or weak) gets its version kind; every pair not inside
    one group that shares facts (:func:`_same_event`) is same_event, a
    version link the groups refused included; the rest are unrelated."""
    th = th or load_thresholds()
    group_of = {d: k for k, g in enumerate(groups) for d in g}
    for p in pair_scores:
        ga, gb = group_of.get(p.a), group_of.get(p.b)
        if ga is not None and ga == gb:
            # versions of one article, every one against every one: a pair
            # whose own evidence is weak is a version through the others
            # (a transcript and the French both follow the Chinese essay)
            p.evidence["indirect"] = not (p.evidence["version_link"] or _weak_version(p, th))
            p.relation = p.evidence["version_kind"]
        else:
            p.relation = "same_event" if _same_event(p, th) or p.evidence["version_link"] else "unrelated"


def _unscored_versions(docs: list[Document], sentences: dict[str, list[Sentence]],
                       pair_scores: list[DocPairScore], groups: list[list[str]], th: dict) -> list[DocPairScore]:
    """A pair score for every two members of one group that were not a
    candidate pair (no mutual sentence neighbours): they are versions
    through the rest of the group, compared like any other version pair.
    Relation: their version kind from length and line shape; score 0."""
    by_id = {d.id: d for d in docs}
    known = {(p.a, p.b) for p in pair_scores}
    out = []
    for members in groups:
        for k, a in enumerate(members):
            for b in members[k + 1:]:
                if (a, b) in known:
                    continue
                da, db = by_id[a], by_id[b]
                shape_a, shape_b = _doc_shape(da, sentences.get(a, []), th), _doc_shape(db, sentences.get(b, []), th)
                kind = _version_kind(da, db, shape_a, shape_b, th)[0]
                out.append(DocPairScore(a=a, b=b, score=0.0, relation=kind,
                                        evidence={"version_kind": kind, "version_link": False, "indirect": True}))
    return out


def group_documents(
    docs: list[Document],
    sentences: dict[str, list[Sentence]],
    embeddings: dict[str, np.ndarray],
    pair_scores: list[DocPairScore] | None = None,
) -> list[DocGroup]:
    """Groups of two or more versions of one article (see
    :func:`_grow_groups`), and each pair's final relation (:func:`settle`,
    which updates ``pair_scores`` in place).  Group relation: the relation
    of its best-scoring version pair; group score: the lowest score of its
    version pairs."""
    th = load_thresholds()
    if pair_scores is None:
        pair_scores = score_document_pairs(docs, sentences, embeddings)
    deferred = getattr(pair_scores, "deferred", {})
    length = {d.id: _doc_chars(sentences.get(d.id, []), d.lang, th) for d in docs}
    retold = _retold(pair_scores, length, th)
    members = _join_copies(_grow_groups(sorted(d.id for d in docs), pair_scores, th,
                                        lambda c: c in deferred and pair_scores.score(c).evidence["rewritten"],
                                        retold), docs)
    if deferred:
        _add_deferred(pair_scores, members)
    settle(pair_scores, members, th)
    pair_scores.extend(_unscored_versions(docs, sentences, pair_scores, members, th))
    group_of = {d: k for k, g in enumerate(members) for d in g}
    _mark_retold_together(pair_scores, group_of, retold)
    # each group's direct version pairs, in one pass over the pairs (not
    # one pass per group: both grow with the corpus)
    linked_in: list[list[DocPairScore]] = [[] for _ in members]
    for p in pair_scores:
        k = group_of.get(p.a)
        if k is not None and k == group_of.get(p.b) and p.relation in VERSION_RELATIONS \
                and not p.evidence.get("indirect"):
            linked_in[k].append(p)
    text_of = {d.id: d.text for d in docs}
    groups = []
    for docs_in, linked in zip(members, linked_in):
        # a group of identical copies only may have no scored pair (the
        # neighbour search gives each sentence a bounded number of matches)
        top = max(linked, key=lambda p: (p.score, p.a, p.b)) if linked else None
        groups.append(DocGroup(id=f"group-{len(groups) + 1:03d}", docs=docs_in,
                               relation=top.relation if top else "same-language-version",
                               score=round(min(p.score for p in linked), 4) if linked else 1.0,
                               copies=identical_copies(docs_in, text_of)))
    return groups


def _mark_retold_together(pair_scores: list[DocPairScore], group_of: dict[str, int],
                          retold: dict[str, dict[str, tuple]]) -> None:
    """Evidence ``through`` (in place) on each pair of one group without a
    version link of its own (weak evidence is a few shared paragraphs)
    whose two documents retell one document of the group, whatever
    stretches of it (:func:`_fellow_hubs`): the documents it was compared
    through.
    Two partial retellings of a long article each keep other paragraphs of
    it; matched with each other, sentence against nearest sentence, they
    gave a finding for every fact one kept and the other did not
    (the sample corpus: 'Orion' against 'GPT-4', two figures of two
    paragraphs), where each compared with the article says what it changed.
    ``group_of``: each grouped document's group index."""
    for p in pair_scores:
        k = group_of.get(p.a)
        if k is None or k != group_of.get(p.b) or p.evidence.get("version_link"):
            continue
        hubs = [h for h in _fellow_hubs(p.a, p.b, retold, overlapping=None) if group_of.get(h) == k]
        if hubs:
            p.evidence["through"] = hubs


def _add_deferred(pair_scores: "ScoredPairs", members: list[list[str]]) -> None:
    """The deferred pairs put in their place in ``pair_scores`` (sorted by
    (a, b), as :func:`score_document_pairs` lists them): those whose two
    documents ended in one group scored (a group's every pair is compared,
    with its own score and evidence), the others when they are same_event
    (:meth:`ScoredPairs.event`)."""
    group_of = {d: k for k, g in enumerate(members) for d in g}
    found = []
    for c in pair_scores.deferred:
        if c[0] in group_of and group_of[c[0]] == group_of.get(c[1]):
            found.append(pair_scores.score(c))
        else:
            found.append(pair_scores.event(c))
    found = [p for p in found if p is not None]
    if found:
        pair_scores.extend(found)
        pair_scores.sort(key=lambda p: (p.a, p.b))


def _join_copies(members: list[list[str]], docs: list[Document]) -> list[list[str]]:
    """``members`` with every identical copy of a document in the group of
    that document: the sentence-neighbour search finds each sentence a
    bounded number of matches, so of 40 copies of one article some were
    left out of its group.  Copies none of which is grouped become a group
    of their own, after the others.  Groups without copies are unchanged."""
    same_text: dict[str, list[str]] = {}
    for d in sorted(docs, key=lambda d: d.id):
        same_text.setdefault(copy_key(d.text), []).append(d.id)
    group_of = {doc_id: k for k, g in enumerate(members) for doc_id in g}
    out = [list(g) for g in members]
    for ids in same_text.values():
        if len(ids) < 2:
            continue
        homes = sorted({group_of[i] for i in ids if i in group_of})
        if not homes:
            out.append(ids)
            continue
        out[homes[0]].extend(i for i in ids if i not in group_of)
    return out


def copy_key(text: str) -> str:
    """What identical copies share: the SHA-1 of the text in Unicode NFC
    with each run of white space as one space, ends stripped (a copy saved
    with other line ends, indentation or trailing spaces is still a copy;
    one changed word is not)."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()


def identical_copies(doc_ids: Sequence[str], text_of: dict[str, str]) -> dict[str, str]:
    """Each document of ``doc_ids`` whose text is an earlier one's (in
    sorted id order; the same :func:`copy_key`), mapped to the first
    document with that text."""
    first: dict[str, str] = {}
    copies = {}
    for doc_id in sorted(doc_ids):
        kept = first.setdefault(copy_key(text_of[doc_id]), doc_id)
        if kept != doc_id:
            copies[doc_id] = kept
    return copies


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
