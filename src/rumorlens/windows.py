"""Merged-text windows and the lattice around an alignment path.

The banded DP (rumorlens.align) scores a run of sentences by the normalized
sum of their vectors: cheap, but a poor stand-in for the run's meaning when a
transcript spreads one sentence over many short lines.  vecalign (Thompson &
Koehn 2019, its "overlaps") and Bertalign (Liu & Zhu 2022, its windows of up
to ``max_align - 1`` sentences) embed the run's text itself instead, for
every run in the document: four to eight times the encoding work.

Here only the runs that can change the answer are encoded:

* ``path_lattice`` keeps the DP's best path and, around each boundary next
  to a bead that is not 1-1, the cells a few sentences away: the alternative
  boundary positions.  Its edges are the beads between neighbouring
  boundaries' cells.
* ``max_marginals`` (forward-backward over the lattice, with the DP's own
  scores) tells how much worse the best path through each edge is; only
  edges within a margin of the best need the text of their runs.
* ``WindowVectors`` encodes those runs in one batch (through the caller's
  encoder, so a CachedEncoder caches them like sentences); a single sentence
  is its own vector, already known.  With use-m3 (the default encoder) a
  run's vector is composed from its sentences' token features instead
  (rumorlens.usem3_runs: the same vector up to float rounding, each
  sentence read once rather than once per window it is in; on 1,022
  generated sentences the windows held 3.8 times the characters of the
  sentences they cover).

The number of windows is bounded by the number of open boundaries times a
constant (reach and width are bounded), so the work stays linear in the
document's length.
"""
from __future__ import annotations

import math
from typing import Callable, Optional, Sequence

import numpy as np

Cell = tuple[int, int]
Edge = tuple[Cell, Cell]


def join_run(texts: Sequence[str]) -> str:
    """The text of a run of sentences or lines: stripped, joined by a space
    (as vecalign and Bertalign join their overlaps)."""
    return " ".join(t.strip() for t in texts)


class WindowVectors:
    """Unit vectors of runs [a, b) of either side.

    ``encode``: list[str] -> (k, dim) array of unit rows.  A run of one
    sentence is that sentence's embedding; longer runs (at most
    ``max_width``) are encoded from their joined text, in batches: call
    ``request`` for every run needed, then ``fetch`` once.  ``encoded``
    counts the runs embedded.

    When ``encode`` is the method of an encoder that offers
    ``run_encoder(texts)`` (use-m3 on its numpy backend, rumorlens.usem3_runs,
    also behind a CachedEncoder), runs are embedded from their sentences'
    token features instead: the same vector up to float rounding, without
    reading each sentence again for every window it is in."""

    def __init__(self, src_emb: np.ndarray, tgt_emb: np.ndarray, src_texts: Sequence[str],
                 tgt_texts: Sequence[str], encode: Callable, max_width: int) -> None:
        self.emb = {"s": src_emb, "t": tgt_emb}
        self.texts = {"s": list(src_texts), "t": list(tgt_texts)}
        self.encode = encode
        self.max_width = max_width
        self.vectors: dict[tuple[str, int, int], np.ndarray] = {}
        self.pending: set[tuple[str, int, int]] = set()
        self.encoded = 0
        self.runs: Optional[dict] = None  # made on the first fetch: making them may load the model

    def request(self, side: str, a: int, b: int) -> None:
        if b - a >= 2 and (side, a, b) not in self.vectors:
            if b - a > self.max_width:
                raise ValueError(f"window of {b - a} sentences is wider than {self.max_width}")
            self.pending.add((side, a, b))

    def _make_runs(self) -> None:
        if self.runs is None:
            make = getattr(getattr(self.encode, "__self__", None), "run_encoder", None)
            self.runs = {side: make(self.texts[side]) if make is not None else None for side in ("s", "t")}

    def batch_free(self) -> bool:
        """True when both sides' runs come from a run encoder, whose run
        vectors do not depend on the runs fetched with them (every product
        padded: rumorlens.usem3_runs; tests/test_usem3_runs.py), so a caller
        may fetch ahead in one batch what it would ask for bead by bead.  A
        plain encoder's vector may differ in its last bits with its batch:
        its windows are fetched as they are asked for."""
        self._make_runs()
        return all(r is not None for r in self.runs.values())

    def fetch(self) -> None:
        if not self.pending:
            return
        self._make_runs()
        keys = sorted(self.pending)
        vecs = np.zeros((len(keys), self.emb["s"].shape[1]), dtype=np.float64)
        plain = [k for k, (s, _, _) in enumerate(keys) if self.runs[s] is None]
        if plain:
            vecs[plain] = self.encode([join_run(self.texts[keys[k][0]][keys[k][1]:keys[k][2]]) for k in plain])
        for side in ("s", "t"):
            mine = [k for k, key in enumerate(keys) if key[0] == side and self.runs[side] is not None]
            if mine:
                vecs[mine] = self.runs[side].encode([keys[k][1:] for k in mine])
        for key, v in zip(keys, vecs):
            norm = math.sqrt(v.dot(v))  # np.linalg.norm's formula (float64), without its dispatch
            self.vectors[key] = v / norm if norm > 0 else v
        self.encoded += len(keys)
        self.pending.clear()

    def prefetch(self, pairs) -> None:
        """Encode, in one batch, the windows of these (source run, target
        run) pairs that are not known yet."""
        for src, tgt in pairs:
            if len(src) and len(tgt):
                self.request("s", src[0], src[-1] + 1)
                self.request("t", tgt[0], tgt[-1] + 1)
        self.fetch()

    def vector(self, side: str, a: int, b: int) -> np.ndarray:
        if b - a == 1:
            return self.emb[side][a].astype(np.float64)
        if (side, a, b) not in self.vectors:
            self.request(side, a, b)
            self.fetch()
        return self.vectors[(side, a, b)]

    def cosine(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        """Cosine of the merged texts of a source run and a target run
        (consecutive indices)."""
        if not len(src) or not len(tgt):
            return 0.0
        return float(self.vector("s", src[0], src[-1] + 1) @ self.vector("t", tgt[0], tgt[-1] + 1))


def path_boundaries(beads) -> list[Cell]:
    """Cells (i, j) between consecutive beads, from (0, 0) to (n, m)."""
    cells = [(0, 0)]
    for b in beads:
        i, j = cells[-1]
        cells.append((i + len(b.src), j + len(b.tgt)))
    return cells


def path_lattice(beads, lo: np.ndarray, hi: np.ndarray, reach: int,
                 allowed: set[tuple[int, int]]) -> tuple[list[Cell], list[Edge]]:
    """Cells and edges of the lattice around a bead path.

    A boundary is open when a bead next to it is not 1-1; its cells are the
    boundary moved by up to ``reach`` sentences on each side, without
    passing the neighbouring boundaries and inside the band (``lo[i] <= j <=
    hi[i]``).  A closed boundary keeps its own cell.  Edges join a cell of
    boundary k to a cell of boundary k or k + 1: a 1-0 or 0-1 bead, or a
    two-sided bead whose (sources, targets) is in ``allowed``.  The path's
    own beads are edges, so the lattice always holds the path."""
    bounds = path_boundaries(beads)
    K = len(beads)
    plain = [len(b.src) == 1 and len(b.tgt) == 1 for b in beads]
    groups: list[list[Cell]] = []
    for k, (i, j) in enumerate(bounds):
        if (k > 0 and not plain[k - 1]) or (k < K and not plain[k]):
            (i0, j0), (i1, j1) = bounds[max(k - 1, 0)], bounds[min(k + 1, K)]
            cells = [(x, y) for x in range(max(i - reach, i0), min(i + reach, i1) + 1)
                     for y in range(max(j - reach, j0), min(j + reach, j1) + 1)
                     if lo[x] <= y <= hi[x] or (x, y) == (i, j)]
        else:
            cells = [(i, j)]
        groups.append(cells)
    size = max([a for a, _ in allowed] + [b for _, b in allowed] + [1]) + 1
    ok = np.zeros((size, size), dtype=bool)  # ok[a, b]: a bead of a sources and b targets may be an edge
    for a, b in allowed | {(1, 0), (0, 1)}:
        ok[a, b] = True
    edges: set[Edge] = set()
    for k in range(len(groups)):
        if k + 1 < len(groups) and len(groups[k]) == 1 and len(groups[k + 1]) == 1:
            edges.add((groups[k][0], groups[k + 1][0]))  # between closed boundaries: the path's bead
            continue
        src = np.array(groups[k])
        dst_cells = groups[k] + (groups[k + 1] if k + 1 < len(groups) else [])
        dst = np.array(dst_cells)
        a = dst[None, :, 0] - src[:, None, 0]
        b = dst[None, :, 1] - src[:, None, 1]
        fits = (a >= 0) & (b >= 0) & (a < size) & (b < size)
        fits[fits] = ok[a[fits], b[fits]]
        xs, ys = np.nonzero(fits)
        # plain ints (tolist): indexing with numpy scalars cost more than the set
        edges.update((groups[k][x], dst_cells[y]) for x, y in zip(xs.tolist(), ys.tolist()))
    nodes = sorted({c for cells in groups for c in cells})
    return nodes, sorted(edges)


def _sweep(start: int, ends: list[int], src: list[int], dst: list[int], scores: list[float], forward: bool,
           size: int) -> list[float]:
    """Best score from the first cell to each cell (forward) or from each
    cell to the last (backward), over the given edges, cells by index
    (``src``/``dst``: each edge's start and end cell, ``ends``: the key
    edges are taken in, ``start``: the index of the cell the sweep starts
    at); -inf for a cell it does not reach.  A cell is reached when a
    finite score got there, as the dict of cells reached it replaced."""
    best = [-math.inf] * size
    best[start] = 0.0
    order = sorted(range(len(ends)), key=ends.__getitem__, reverse=not forward)
    frm, to = (src, dst) if forward else (dst, src)
    for e in order:
        b = best[frm[e]]
        if b > -math.inf:
            v = b + scores[e]
            if v > best[to[e]]:
                best[to[e]] = v
    return best


def max_marginals(nodes: list[Cell], edges: list[Edge], scores: np.ndarray) -> tuple[float, np.ndarray]:
    """(best path score, for each edge the best score of a path through it);
    -inf for an edge no path uses.  Edges go from a cell to a later one in
    both coordinates, so sorting by end (start) cell is a topological order.
    Cells are numbered and scores are Python floats: the same sums as
    numpy's float64 scalars in a dict of cells, without their overhead
    (issue 12; tests/test_windows_reference.py compares the bits)."""
    pos = {c: k for k, c in enumerate(nodes)}
    src = [pos.setdefault(p, len(pos)) for p, _ in edges]
    dst = [pos.setdefault(q, len(pos)) for _, q in edges]
    values = np.asarray(scores, dtype=np.float64).tolist()
    fwd = _sweep(0, [q for _, q in edges], src, dst, values, True, len(pos))
    bwd = _sweep(len(nodes) - 1, [p for p, _ in edges], src, dst, values, False, len(pos))
    through = np.array([fwd[a] + s + bwd[b] for a, s, b in zip(src, values, dst)])
    return fwd[len(nodes) - 1], through


def best_path(nodes: list[Cell], edges: list[Edge], scores: np.ndarray) -> list[Edge]:
    """Highest-scoring chain of edges from the first cell to the last; ties
    go to the edge listed first."""
    best: dict[Cell, tuple[float, Optional[int]]] = {nodes[0]: (0.0, None)}
    scores = np.asarray(scores, dtype=np.float64).tolist()  # as in _sweep
    for e in sorted(range(len(edges)), key=lambda e: (edges[e][1], e)):
        p, q = edges[e]
        if p in best:
            v = best[p][0] + scores[e]
            if q not in best or v > best[q][0]:
                best[q] = (v, e)
    if nodes[-1] not in best:
        raise RuntimeError("the alignment lattice has no path to its last cell")
    path, cell = [], nodes[-1]
    while best[cell][1] is not None:
        e = best[cell][1]
        path.append(edges[e])
        cell = edges[e][0]
    return path[::-1]


def forced_edges(nodes: list[Cell], edges: list[Edge]) -> np.ndarray:
    """For each edge, True when every chain of these edges from the first
    cell to the last must use it: it alone crosses some cut between
    consecutive cells (in the cells' sorted order, which every edge goes
    forward in).  Such an edge adds the same score to every chain, so its
    score cannot change which chain is best."""
    pos = {c: k for k, c in enumerate(nodes)}
    crossing = np.zeros(len(nodes) + 1, dtype=np.int64)
    spans = [(pos[p], pos[q]) for p, q in edges]
    for a, b in spans:
        crossing[a] += 1
        crossing[b] -= 1
    crossing = np.cumsum(crossing)  # crossing[x]: edges over the cut between cells x and x + 1
    return np.array([crossing[a:b].min() == 1 for a, b in spans], dtype=bool)
