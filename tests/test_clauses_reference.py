"""Issue 12 (align stage speed): clauses.align_clauses, whose DP now keeps
Python floats, gives the groups of the code it replaced (a float64 array),
ties and furniture included.  The reference below is that code."""
from __future__ import annotations

import numpy as np
import pytest

from rumorlens import clauses


def _ref_align_clauses(sv, tv, s_tok, t_tok, s_ok, t_ok, p):
    n, m = len(sv), len(tv)
    best = np.full((n + 1, m + 1), -np.inf)
    back = {}
    best[0, 0] = 0.0
    groups = (clauses._Groups(sv, s_tok), clauses._Groups(tv, t_tok))
    for i in range(n + 1):
        for j in range(m + 1):
            for k, l in clauses._MOVES:
                if k > i or l > j or not np.isfinite(best[i - k, j - l]):
                    continue
                if k and l and not (all(s_ok[i - k:i]) and all(t_ok[j - l:j])):
                    continue
                gain = 0.0 if 0 in (k, l) else clauses._group_score(sv, tv, s_tok, t_tok, i - k, k, j - l, l, p,
                                                                    groups)
                if best[i - k, j - l] + gain > best[i, j] + 1e-9:
                    best[i, j] = best[i - k, j - l] + gain
                    back[i, j] = (k, l)
    return _ref_trace(back, n, m)


def _ref_trace(back, i, j):
    """The groups ending at (i, j), first to last (recursively)."""
    if not (i or j):
        return []
    k, l = back[i, j]
    return _ref_trace(back, i - k, j - l) + [(list(range(i - k, i)), list(range(j - l, j)))]


@pytest.mark.parametrize("seed", range(80))
def test_align_clauses_matches_the_array_dp(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(0, 9)), int(rng.integers(0, 9))
    dim = 6
    # few distinct directions: equal gains, so ties are decided as before
    basis = rng.normal(size=(3, dim)).astype(np.float32)
    sv = basis[rng.integers(0, 3, size=n)] if seed % 2 else rng.normal(size=(n, dim)).astype(np.float32)
    tv = basis[rng.integers(0, 3, size=m)] if seed % 2 else rng.normal(size=(m, dim)).astype(np.float32)
    sv = sv / np.maximum(np.linalg.norm(sv, axis=1, keepdims=True), 1e-9) if n else np.zeros((0, dim), np.float32)
    tv = tv / np.maximum(np.linalg.norm(tv, axis=1, keepdims=True), 1e-9) if m else np.zeros((0, dim), np.float32)
    vocab = ["#5", "#20", "paris", "q:gpt"]
    s_tok = [set(rng.choice(vocab, size=int(rng.integers(0, 3)))) for _ in range(n)]
    t_tok = [set(rng.choice(vocab, size=int(rng.integers(0, 3)))) for _ in range(m)]
    s_ok = [bool(x) for x in rng.random(n) > 0.15]
    t_ok = [bool(x) for x in rng.random(m) > 0.15]
    p = dict(clauses.params())
    if seed % 3 == 0:
        p["floor"] = 0.0  # every pairing pays: long merges compete with one-sided clauses
    got = clauses.align_clauses(sv, tv, s_tok, t_tok, s_ok, t_ok, p)
    assert got == _ref_align_clauses(sv, tv, s_tok, t_tok, s_ok, t_ok, p)


def _ref_group_score(sv, tv, s_tok, t_tok, i, k, j, l, p):
    def vec(vecs, a, size):
        v = vecs[a:a + size].sum(axis=0)
        n = float(np.linalg.norm(v))
        return v / n if n > 0 else v
    cos = float(vec(sv, i, k) @ vec(tv, j, l))
    s_all, t_all = set().union(*s_tok[i:i + k]), set().union(*t_tok[j:j + l])
    cap = p["anchor_max"]
    shared = sum(min(len(x & t_all), cap) for x in s_tok[i:i + k]) + sum(min(len(x & s_all), cap)
                                                                        for x in t_tok[j:j + l])
    return cos + p["anchor_bonus"] * shared / 2 - p["floor"] - p["merge_cost"] * (k + l - 2)


@pytest.mark.parametrize("seed", range(20))
def test_group_score_is_the_old_formula_to_the_bit(seed):
    rng = np.random.default_rng(seed)
    sv = rng.normal(size=(6, 10)).astype(np.float32)
    tv = rng.normal(size=(6, 10)).astype(np.float32)
    tv[2] = 0.0  # furniture: a zero vector
    vocab = ["#5", "#20", "paris", "q:gpt", "lyon"]
    s_tok = [set(rng.choice(vocab, size=int(rng.integers(0, 4)))) for _ in range(6)]
    t_tok = [set(rng.choice(vocab, size=int(rng.integers(0, 4)))) for _ in range(6)]
    p = clauses.params()
    for _ in range(40):
        k, l = (int(x) for x in rng.integers(1, 4, size=2))
        i, j = int(rng.integers(0, 7 - k)), int(rng.integers(0, 7 - l))
        got = clauses._group_score(sv, tv, s_tok, t_tok, i, k, j, l, p)
        want = _ref_group_score(sv, tv, s_tok, t_tok, i, k, j, l, p)
        assert np.float64(got).tobytes() == np.float64(want).tobytes()
