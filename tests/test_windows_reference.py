"""Issue 12 (align stage speed): the lattice code of windows.py (edges from
plain ints, sweeps over numbered cells and Python floats) gives what the
code it replaced gave: the same edges, the same max-marginals to the bit,
and a best path that scores the best.  The references below are that code
(the edges: a brute force over pairs of cells); tie-breaking between paths
is tests/test_align_windows.py's brute force."""
from __future__ import annotations

import numpy as np
import pytest

from rumorlens.align import bead_types
from rumorlens.records import Bead
from rumorlens.windows import best_path, max_marginals, path_lattice


def _ref_edges(beads, lo, hi, reach, allowed):
    """path_lattice's edges, one numpy-scalar pair at a time (the old loop)."""
    nodes, _ = path_lattice(beads, lo, hi, reach, allowed)
    cells = set(nodes)
    edges = set()
    # every pair of cells in neighbouring or equal boundary groups whose step is a bead shape
    from rumorlens.windows import path_boundaries
    bounds = path_boundaries(beads)
    K = len(beads)
    plain = [len(b.src) == 1 and len(b.tgt) == 1 for b in beads]
    groups = []
    for k, (i, j) in enumerate(bounds):
        if (k > 0 and not plain[k - 1]) or (k < K and not plain[k]):
            (i0, j0), (i1, j1) = bounds[max(k - 1, 0)], bounds[min(k + 1, K)]
            groups.append([(x, y) for x in range(max(i - reach, i0), min(i + reach, i1) + 1)
                           for y in range(max(j - reach, j0), min(j + reach, j1) + 1)
                           if lo[x] <= y <= hi[x] or (x, y) == (i, j)])
        else:
            groups.append([(i, j)])
    shapes = allowed | {(1, 0), (0, 1)}
    for k in range(len(groups)):
        if k + 1 < len(groups) and len(groups[k]) == 1 and len(groups[k + 1]) == 1:
            edges.add((groups[k][0], groups[k + 1][0]))
            continue
        for p in groups[k]:
            for q in groups[k] + (groups[k + 1] if k + 1 < len(groups) else []):
                if (q[0] - p[0], q[1] - p[1]) in shapes:
                    edges.add((p, q))
    assert {c for e in edges for c in e} <= cells
    return sorted(edges)


def _ref_sweep(nodes, edges, scores, forward):
    best = {nodes[0] if forward else nodes[-1]: 0.0}
    order = sorted(range(len(edges)), key=lambda e: edges[e][1] if forward else edges[e][0], reverse=not forward)
    for e in order:
        p, q = edges[e]
        src, dst = (p, q) if forward else (q, p)
        if src in best:
            v = best[src] + scores[e]
            if v > best.get(dst, -np.inf):
                best[dst] = v
    return best


def _ref_max_marginals(nodes, edges, scores):
    fwd = _ref_sweep(nodes, edges, scores, True)
    bwd = _ref_sweep(nodes, edges, scores, False)
    through = np.array([fwd.get(p, -np.inf) + s + bwd.get(q, -np.inf) for (p, q), s in zip(edges, scores)])
    return fwd.get(nodes[-1], -np.inf), through


def _random_lattice(seed):
    rng = np.random.default_rng(seed)
    shapes = [(1, 1)] * 6 + [(1, 2), (2, 1), (1, 3), (2, 2), (1, 0), (0, 1)]
    beads, i, j = [], 0, 0
    for _ in range(int(rng.integers(1, 25))):
        a, b = shapes[int(rng.integers(0, len(shapes)))]
        beads.append(Bead(list(range(i, i + a)), list(range(j, j + b))))
        i, j = i + a, j + b
    n, m = i, j
    diag = np.array([round(x * m / max(n, 1)) for x in range(n + 1)])
    half = int(rng.integers(1, 6))
    lo, hi = np.clip(diag - half, 0, m), np.clip(diag + half, 0, m)
    allowed = {t for t in bead_types() if t[0] and t[1]}
    return beads, lo, hi, int(rng.integers(1, 4)), allowed, rng


@pytest.mark.parametrize("seed", range(60))
def test_lattice_marginals_and_path_are_the_old_code_s(seed):
    beads, lo, hi, reach, allowed, rng = _random_lattice(seed)
    nodes, edges = path_lattice(beads, lo, hi, reach, allowed)
    assert edges == _ref_edges(beads, lo, hi, reach, allowed)
    # scores on a coarse grid: many ties, which the path must break as before
    scores = np.round(rng.normal(size=len(edges)), 1) if seed % 2 else rng.normal(size=len(edges))
    best, through = max_marginals(nodes, edges, scores)
    want_best, want_through = _ref_max_marginals(nodes, edges, scores)
    assert best == want_best and through.tobytes() == want_through.tobytes()
    # the best path is a chain from the first cell to the last whose score,
    # summed from the first edge on as the sweep sums it, is the best, bit for bit
    path = best_path(nodes, edges, scores)
    assert path[0][0] == nodes[0] and path[-1][1] == nodes[-1]
    assert all(a[1] == b[0] for a, b in zip(path, path[1:]))
    total = 0.0
    for edge in path:
        total += float(scores[edges.index(edge)])
    assert total == best


def test_window_vectors_are_normalized_as_numpy_normalizes():
    from rumorlens.windows import WindowVectors

    rng = np.random.default_rng(3)
    raw = {}

    def encode(texts):  # not unit vectors: the window normalizes them
        out = rng.normal(size=(len(texts), 12)) * rng.uniform(0.1, 9, size=(len(texts), 1))
        out[0] = 0.0 if len(texts) > 3 else out[0]
        for t, v in zip(texts, out):
            raw[t] = v
        return out

    texts = [f"s{k}" for k in range(9)]
    emb = np.eye(9, 12, dtype=np.float32)
    win = WindowVectors(emb, emb, texts, texts, encode, 4)
    for a in range(8):
        for b in range(a + 2, min(a + 4, 9) + 1):
            win.request("s", a, b)
    win.fetch()
    for (side, a, b), v in win.vectors.items():
        want = raw[" ".join(texts[a:b])]
        norm = np.linalg.norm(want)
        want = want / norm if norm > 0 else want
        assert v.tobytes() == want.tobytes()
