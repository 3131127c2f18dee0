"""Row layouts under which a float32 matrix product gives each row the same
bits whatever batch it is in.

A BLAS ``gemm`` computes a tile of rows at a time, and its micro-kernel
need not round every row of a tile alike.  Measured with numpy 2.4.6's
OpenBLAS 0.3.31 (DYNAMIC_ARCH, Haswell kernels) on an AMD EPYC with AVX2,
one thread: the rows of ``X @ W`` fall in tiles of 12, the first 6 rows of
a tile get one result and the last 6 another (last bits differ), the rows
of a last partial tile yet others, and a product of fewer than 12 rows
others again.  On an earlier machine only products of fewer than 8 rows
differed.  So a row's result depends on its place in the batch, and a text
encoded beside other texts need not get the vector it gets alone.

:func:`lane_classes` measures that pattern in this process, once: the
class of each row place ("lane") over one period.  :func:`layout` places
rows so that each lands in a lane of the class asked for it and the
product has whole periods only; a caller that asks each row's class as a
function of the row's own content (a token's place in its text, a text's
length) gets the same bits for it in any batch (tests/test_usem3_runs.py
checks it on the encoder) -- where the pattern could be measured: else
a warning says the vectors may depend on their batch.
"""
from __future__ import annotations

import functools
import logging
from typing import Optional

import numpy as np

log = logging.getLogger(__name__)

# Row places probed: a multiple of every period expected (12 measured on
# Haswell kernels; 8, 16 and 32 are the other OpenBLAS unrollings).
_PROBE_ROWS = 96
# Rows a product has at least where one period of lanes is not known to be
# enough: a product of fewer than 8 rows takes another path in OpenBLAS
# (seen on both machines).
MIN_ROWS = 16
# Products no larger than this (rows x inner dimension x columns) take
# OpenBLAS's small-matrix kernels where it has them (measured on an Intel
# Xeon, SkylakeX kernels, OpenBLAS 0.3.31: a row's bits differed between a
# product of up to 16 rows and a larger one at 300 x 200, up to 25 rows at
# 200 x 200, up to 96 at 100 x 100; none above 10^6).  use-m3's smallest
# product (320 x 320) at MIN_ROWS rows is 1.6 x 10^6; ``layout(inner=)``
# pads a smaller one past it.
SMALL_PRODUCT = 1_000_000


@functools.lru_cache(maxsize=None)
def lane_classes() -> Optional[tuple[int, ...]]:
    """The class (0, 1, ...) of each lane over one period of row places in
    a float32 product ``X @ W`` in this process (lanes of one class give a
    row the same bits): (0,) when every place does; None when no period
    dividing 96 (at most 48) describes it or two probe rows disagree on the pattern
    (then :func:`layout` only pads, vectors may depend on their batch in
    their last bits, and a warning says so once per process).  Measured on one BLAS thread
    (use-m3's products run on one: rumorlens.embed; on two, OpenBLAS splits
    the rows between threads and the pattern is another), by placing each of
    two fixed rows at every place of a 96-row product (other rows random,
    the same for every place; 256 columns each way, large enough to take
    the path real products take, not OpenBLAS's small-matrix one): 40-70
    ms here."""
    with _one_thread():
        classes = _classify(_probe_patterns())
    if classes is None:
        log.warning("this machine's BLAS rounds the rows of a product by their place in no pattern rumorlens "
                    "can measure: use-m3 vectors may differ in their last bits with their batch, and reports "
                    "with --jobs 1 and --jobs N may then differ (rumorlens.blas_lanes)")
    return classes


def _one_thread():
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _probe_inputs(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A 256x256 weight matrix, a 96-row fill and two probe rows (float32),
    seeded: what both probes multiply."""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((256, 256)).astype(np.float32)
    fill = rng.standard_normal((_PROBE_ROWS, 256)).astype(np.float32)
    return w, fill, rng.standard_normal((2, 256)).astype(np.float32)


def _product_row(w: np.ndarray, rows: np.ndarray, place: int, probe: np.ndarray) -> bytes:
    """The bits of ``probe``'s result placed at ``place`` among ``rows``."""
    x = rows.copy()
    x[place] = probe
    return (x @ w)[place].tobytes()


def _probe_patterns() -> list[list[int]]:
    """For each of two probe rows, the label of its result at every place
    of a 96-row product (labels numbered by first appearance)."""
    w, fill, probes = _probe_inputs(12)
    patterns = []
    for probe in probes:
        seen: dict[bytes, int] = {}
        patterns.append([seen.setdefault(_product_row(w, fill, place, probe), len(seen))
                         for place in range(_PROBE_ROWS)])
    return patterns


def _classify(patterns: list[list[int]]) -> Optional[tuple[int, ...]]:
    """The classes over the shortest period that describes the probes'
    patterns and repeats in them at least twice, or None when they
    disagree or no such period does."""
    if any(p != patterns[0] for p in patterns):
        return None
    classes = patterns[0]
    for period in range(1, len(classes) // 2 + 1):
        if len(classes) % period == 0 and all(classes[p] == classes[p % period] for p in range(len(classes))):
            return tuple(classes[:period])
    return None


@functools.lru_cache(maxsize=None)
def _min_periods() -> int:
    """Periods a laid-out product has at least: one when a product of one
    period gives each lane the bits a 96-row product gives it (measured:
    the Haswell kernels' 12 rows do), else enough for MIN_ROWS."""
    classes = lane_classes()
    period = len(classes) if classes else 1
    with _one_thread():
        return _one_period_enough(period)


def _one_period_enough(period: int) -> int:
    w, fill, probes = _probe_inputs(13)
    for place in range(period):
        if _product_row(w, fill, place, probes[0]) != _product_row(w, fill[:period], place, probes[0]):
            return -(-MIN_ROWS // period)
    return 1


def n_classes() -> int:
    """How many lane classes there are (1 when the place does not matter
    or was not measurable)."""
    classes = lane_classes()
    return 1 if classes is None else max(classes) + 1


def layout(row_class: np.ndarray, inner: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Places for ``n`` rows of the given classes (ints in [0, n_classes()),
    shape (n,)): ``perm`` (R,), the row at each place (``n`` for a place
    left empty), and ``inv`` (n,), the place of each row.  R is a whole
    number of periods (at least one, or MIN_ROWS rows where a product of
    one period rounds otherwise); rows of a class take that class's places
    in order.  Where there is one class or none was measured: the rows in
    order, padded to ``max(n, MIN_ROWS)``.  ``inner``: the weight matrix's
    size (inner dimension x columns) when the product may be small enough
    for BLAS's small-matrix kernels (``SMALL_PRODUCT``): R is then past it."""
    row_class = np.asarray(row_class, dtype=np.int64)
    n = len(row_class)
    least = max(MIN_ROWS, SMALL_PRODUCT // inner + 1) if inner > 0 else MIN_ROWS
    classes = lane_classes()
    if classes is None or len(classes) == 1:
        perm = np.arange(max(n, least), dtype=np.int64)
        perm[n:] = n
        return perm, np.arange(n, dtype=np.int64)
    period = np.asarray(classes, dtype=np.int64)
    k = int(period.max()) + 1
    need = np.bincount(row_class, minlength=k)
    per_period = np.bincount(period, minlength=k)
    periods = max(int(np.max(-(-need // per_period))), _min_periods(), -(-least // len(period)))
    lanes = np.tile(period, periods)
    perm = np.full(len(lanes), n, dtype=np.int64)
    for c in range(k):
        rows = np.flatnonzero(row_class == c)
        perm[np.flatnonzero(lanes == c)[:len(rows)]] = rows
    inv = np.empty(n, dtype=np.int64)
    used = perm < n
    inv[perm[used]] = np.flatnonzero(used)
    return perm, inv
