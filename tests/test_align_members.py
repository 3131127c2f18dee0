"""Issue 12 (align stage speed): the bead scoring's rewritten parts give the
bits of the straightforward code they replace.

References below are the code as it stood before the rewrite: ``at`` with
every row looked up per call, the member penalty as a loop over member
offsets k on every bead, the chunk scores computed on every cell and type.
Each is compared with the new code on random pairs (random band, lengths,
anchors, cues, blind sentences), as raw bytes."""
from __future__ import annotations

import numpy as np
import pytest

from rumorlens import align
from rumorlens.align import DEFAULT_PARAMS, _bead_scorer, _iclip, search_band


def _ref_at(G, r, c):
    r_ok = _iclip(r, 0, G.col_lo.shape[0] - 1)
    k = _iclip(c - G.col_lo[r_ok], 0, G.width - 1)
    rr = _iclip(r - G.r0, 0, G.rows.shape[0] - 1)
    return np.where((c >= 0) & (r >= 0), G.rows[rr, k], 0.0)


def _ref_run_dot(G, i, a, j, b):
    return _ref_at(G, i, j) - _ref_at(G, i, j - b) - _ref_at(G, i - a, j) + _ref_at(G, i - a, j - b)


def _ref_member_penalty(sc, i2, a2, Jc, b2, ns, nt, sim_raw):
    params, G, n, m = sc.params, sc.G, sc.n, sc.m
    floor = np.maximum(params.member_floor, params.member_rel * sim_raw)
    pen = np.zeros(sim_raw.shape)
    for k in range(sc.max_run):
        mt = (b2 >= 2) & (b2 > k)
        if mt.any():
            c = _ref_run_dot(G, i2, a2, np.clip(Jc - b2 + k + 1, 0, m), 1) / np.maximum(ns, 1e-9)
            pen += np.where(mt, np.maximum(floor - c, 0.0), 0.0)
        ms = (a2 >= 2) & (a2 > k)
        if ms.any():
            c = _ref_run_dot(G, np.clip(i2 - a2 + k + 1, 0, n), 1, Jc, b2) / np.maximum(nt, 1e-9)
            pen += np.where(ms, np.maximum(floor - c, 0.0), 0.0)
    return pen


def _ref_chunk_scores(sc, lo, hi, width, c0, c1):
    kk = np.arange(width)
    I = np.arange(c0, c1)[None, :, None]
    J = lo[c0:c1][None, :, None] + kk[None, None, :]
    A, B = sc.ta[:, None, None], sc.tb[:, None, None]
    R = I - A
    Rc = np.maximum(R, 0)
    PJ = J - B
    valid = (J <= hi[c0:c1][None, :, None]) & (R >= 0) & (PJ >= lo[Rc]) & (PJ <= hi[Rc]) & (PJ >= 0)
    valid &= ~((A == 0) & (B == 1))
    Ii, Jj = np.broadcast_to(I, valid.shape), np.broadcast_to(J, valid.shape)
    score = np.zeros(valid.shape)
    t10 = sc.types.index((1, 0))
    score[t10] = sc.skip_src[np.clip(Ii[t10] - 1, 0, sc.n - 1)]
    ts = np.nonzero((sc.ta > 0) & (sc.tb > 0))[0]
    score[ts] = align._two_sided_scores(sc, Ii[ts], Jj[ts], A[ts], B[ts])
    return np.where(valid, score, align._NEG), Rc, np.clip(PJ - lo[Rc], 0, width - 1)


def _pair(seed: int):
    """A random pair with what the scorer reads: band, texts, anchors, skips, blind lines."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 40)), int(rng.integers(1, 40))
    dim = 16
    src = rng.normal(size=(n, dim)).astype(np.float32)
    tgt = src[np.minimum(np.arange(m) * n // m, n - 1)] + rng.normal(scale=1.0, size=(m, dim)).astype(np.float32)
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    words = ["Paris", "the", "12", "Lyon", "de", "Bank", "la", "2024", "and", "x"]
    texts = [[" ".join(rng.choice(words, size=int(rng.integers(1, 12)))) + rng.choice([".", ",", ":", ""])
              for _ in range(size)] for size in (n, m)]
    anchors = sorted({(int(i), int(j)) for i, j in zip(rng.integers(0, n, 4), rng.integers(0, m, 4))})
    chain = align.heaviest_chain({a: 1.0 for a in anchors}) if rng.random() < 0.8 else []
    lo, hi = search_band(chain, n, m)
    tokens = [[align.anchor_tokens(t) for t in side] for side in texts]
    a_src, a_tgt, _ = align.anchor_matrices(*tokens)
    skips = [DEFAULT_PARAMS.skip * rng.random(size) for size in (n, m)]
    blind = [rng.random(size) < 0.1 for size in (n, m)]
    sc = _bead_scorer(src, tgt, texts[0], texts[1], a_src, a_tgt, lo, hi, DEFAULT_PARAMS,
                      skips[0], skips[1], blind[0], blind[1])
    sc.len_power = float(rng.choice([1.0, 1.7]))
    return sc, lo, hi, rng


def _same(x, y) -> bool:
    x, y = np.asarray(x), np.asarray(y)
    return x.shape == y.shape and x.dtype == y.dtype and x.tobytes() == y.tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_prefix_products_read_what_they_read_before(seed):
    sc, lo, hi, rng = _pair(seed)
    G = sc.G
    G.load(int(rng.integers(-3, 3)), sc.n + 1)
    r = rng.integers(-3, sc.n + 4, size=(3, 50))
    c = rng.integers(-3, sc.m + 4, size=(3, 50))
    a = rng.integers(0, 9, size=(3, 1))
    b = rng.integers(0, 9, size=50)
    assert _same(G.at(r, c), _ref_at(G, r, c))
    assert _same(G.run_dot(r, a, c, b), _ref_run_dot(G, r, a, c, b))


@pytest.mark.parametrize("seed", range(40))
def test_member_penalty_is_the_loop_over_members(seed, monkeypatch):
    sc, lo, hi, rng = _pair(seed)
    sc.G.load(0, sc.n + 1)
    types = np.array([t for t in sc.types if t[0] and t[1]])
    # 1-D (rescoring's edges) and (types, 1, 1) against (types, rows, cols) (the DP's chunks)
    for shape, tshape in (((60,), (60,)), ((len(types), 4, 5), (len(types), 1, 1))):
        pick = types[rng.integers(0, len(types), size=tshape[0])] if len(tshape) == 1 else types
        a2, b2 = pick[:, 0].reshape(tshape), pick[:, 1].reshape(tshape)
        i2 = rng.integers(0, sc.n + 1, size=shape)
        Jc = rng.integers(0, sc.m + 1, size=shape)
        ns, nt = rng.random(shape) * 2, rng.random(shape) * 2
        ns.flat[0] = 0.0  # a zero norm (blind run)
        sim = rng.normal(size=shape)
        want = _ref_member_penalty(sc, i2, a2, Jc, b2, ns, nt, sim)
        assert want.any()
        assert _same(align._member_penalty(sc, i2, a2, Jc, b2, ns, nt, sim), want)
        monkeypatch.setattr(align, "_MEMBER_BLOCK", 7)  # blocks that cut the beads anywhere
        assert _same(align._member_penalty(sc, i2, a2, Jc, b2, ns, nt, sim), want)
        monkeypatch.undo()


@pytest.mark.parametrize("seed", range(40))
def test_chunk_scores_are_every_cell_scored(seed, monkeypatch):
    sc, lo, hi, rng = _pair(seed)
    width = int((hi - lo).max()) + 1
    c0 = int(rng.integers(1, sc.n + 1))  # row 0 holds no bead end
    c1 = int(rng.integers(c0 + 1, sc.n + 2))
    sc.G.load(c0 - sc.reach - 1, c1 + 1)
    if sc.H is not None:
        sc.H.load(c0 - sc.reach - 1, c1 + 1)
    got = align._chunk_scores(sc, lo, hi, width, c0, c1)
    monkeypatch.setattr(align, "_member_penalty", _ref_member_penalty)
    want = _ref_chunk_scores(sc, lo, hi, width, c0, c1)
    assert (want[0] > align._NEG).any()
    for x, y in zip(got, want):
        assert _same(x, y)


def _ref_bead_cosine(src_emb, tgt_emb, src, tgt):
    s = src_emb[list(src)].astype(np.float64).sum(axis=0)
    t = tgt_emb[list(tgt)].astype(np.float64).sum(axis=0)
    d = float(np.linalg.norm(s) * np.linalg.norm(t))
    return float(s @ t) / d if d > 0 else 0.0


@pytest.mark.parametrize("seed", range(20))
def test_bead_cosine_is_the_norms_of_numpy(seed):
    rng = np.random.default_rng(seed)
    src = rng.normal(size=(12, 24)).astype(np.float32)
    tgt = rng.normal(size=(12, 24)).astype(np.float32)
    src[3] = 0.0  # a blind sentence: zero vector
    for _ in range(50):
        a, c = (int(x) for x in rng.integers(0, 12, size=2))
        run_s = list(range(a, min(12, a + int(rng.integers(1, 9)))))
        run_t = list(range(c, min(12, c + int(rng.integers(1, 9)))))
        got = align._bead_cosine(src, tgt, run_s, run_t)
        assert np.float64(got).tobytes() == np.float64(_ref_bead_cosine(src, tgt, run_s, run_t)).tobytes()
    assert align._bead_cosine(src, tgt, [3], [0]) == 0.0


def test_memo_cosine_scores_each_pair_of_runs_once():
    calls = []

    def cosine(src, tgt):
        calls.append((list(src), list(tgt)))
        return 0.1 * len(calls) + sum(src) - sum(tgt)

    memo = align._memo_cosine(cosine)
    first = memo([1, 2], [3])
    assert memo(range(1, 3), (3,)) == first  # the same runs, however they are spelled
    assert memo([1, 2], [3, 4]) != first
    assert memo([1], [3]) != first
    assert calls == [([1, 2], [3]), ([1, 2], [3, 4]), ([1], [3])]


def _random_beads(rng, n_beads):
    beads, i, j = [], 0, 0
    shapes = [(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 0), (0, 1), (1, 4)]
    for _ in range(n_beads):
        a, b = shapes[int(rng.integers(0, len(shapes)))]
        beads.append(align.Bead(list(range(i, i + a)), list(range(j, j + b))))
        i, j = i + a, j + b
    return beads, i, j


@pytest.mark.parametrize("seed", range(30))
def test_batched_prefetch_asks_for_the_same_windows_and_changes_nothing(seed):
    """recheck_beads and shift_beads with ``batch``: the same beads, and the
    windows asked for in fewer calls are those asked for bead by bead."""
    rng = np.random.default_rng(seed)
    beads, n, m = _random_beads(rng, int(rng.integers(2, 14)))
    table: dict = {}

    def cosine(src, tgt):  # any fixed score of a pair of runs
        key = (tuple(src), tuple(tgt))
        if key not in table:
            table[key] = float(rng.uniform(-0.2, 1.0))
        return table[key]

    best_s, best_t = rng.uniform(-0.1, 0.9, n), rng.uniform(-0.1, 0.9, m)
    scale = (0.05, 0.6) if seed % 3 else None
    results = {}
    for batch in (False, True):
        calls: list = []
        known: set = set()

        def prefetch(pairs):  # as WindowVectors.prefetch: a batch encodes what is not known yet
            new = {(tuple(s), tuple(t)) for s, t in pairs} - known
            if new:
                calls.append(new)
                known.update(new)

        kw = dict(cosine=cosine, best_s=best_s, best_t=best_t, scale=scale, prefetch=prefetch,
                  detach_gain=0.02, any_gain=0.3 if seed % 2 else None)
        checked = align.recheck_beads(beads, batch=batch, **kw)
        shifted = align.shift_beads(checked, cosine, 0.05, 4, prefetch,
                                    lambda b: align.recheck_beads(b, **kw), batch=batch)
        results[batch] = ([(b.src, b.tgt) for b in checked], [(b.src, b.tgt) for b in shifted], calls)
    assert results[True][:2] == results[False][:2]
    asked = set().union(*results[False][2]) if results[False][2] else set()
    batched = set().union(*results[True][2]) if results[True][2] else set()
    assert asked <= batched  # everything scored was fetched ahead
    assert len(results[True][2]) <= len(results[False][2])  # in fewer batches


def test_prefix_products_keep_a_range_already_loaded():
    sc, lo, hi, rng = _pair(5)
    G = sc.G
    G.load(-4, sc.n + 9)  # clamped to every row
    rows = G.rows
    G.load(0, sc.n + 1)
    assert G.rows is rows  # the same range: kept, not computed again
    G.load(1, sc.n + 1)
    assert G.rows is not rows and G.r0 == 1
    r = np.arange(1, sc.n + 1)
    assert _same(G.at(r, np.minimum(r, sc.m)), _ref_at(G, r, np.minimum(r, sc.m)))
    G.load(0, sc.n + 1)
    assert _same(G.rows, rows)  # loaded again: the same values


def test_cjk_side_is_kept_per_document():
    zh, fr = ["中国和法国今天签署了协议。", "GPT-5 的传闻"], ["La Chine et la France ont signé.", "Un accord 中文"]
    assert align.is_cjk_side(zh) and not align.is_cjk_side(fr)
    assert align.is_cjk_side(list(zh)) is align.is_cjk_side(tuple(zh))
    assert not align.is_cjk_side(["中文"] + ["a few words here"] * 3)
