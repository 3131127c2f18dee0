"""rumorlens.blas_lanes: row layouts under which a product's row has the
same bits in any batch."""
import numpy as np
import pytest

from rumorlens import blas_lanes


def test_layout_places_every_row_once_in_a_lane_of_its_class():
    classes = blas_lanes.lane_classes()
    k = blas_lanes.n_classes()
    rng = np.random.default_rng(3)
    for n in (0, 1, 5, 16, 17, 100, 383):
        row_class = rng.integers(0, k, size=n)
        perm, inv = blas_lanes.layout(row_class)
        assert len(perm) >= n
        # fewer rows take other paths (the product must give them the bits a large one does)
        assert len(perm) >= (blas_lanes.MIN_ROWS if classes is None or len(classes) == 1
                             else len(classes) * blas_lanes._min_periods())
        assert sorted(perm[perm < n].tolist()) == list(range(n))
        assert np.array_equal(perm[inv], np.arange(n))
        if classes is not None:
            assert len(perm) % len(classes) == 0
            lane_class = np.tile(classes, len(perm) // len(classes))
            assert np.array_equal(lane_class[inv], row_class)


def test_rows_laid_out_get_the_same_bits_in_any_batch():
    """A row asked in one class gets the same product whatever rows share
    its batch and however many there are: what the layout is for."""
    from threadpoolctl import threadpool_limits

    if blas_lanes.lane_classes() is None:
        pytest.skip("this BLAS's row results follow no period: nothing to lay out")
    rng = np.random.default_rng(4)
    w = rng.standard_normal((300, 200)).astype(np.float32)
    x = rng.standard_normal(300).astype(np.float32)
    k = blas_lanes.n_classes()
    with threadpool_limits(limits=1, user_api="blas"):
        for cls in range(k):
            seen = set()
            for n in (1, 2, 7, 13, 40, 101):
                rows = rng.standard_normal((n, 300)).astype(np.float32)
                at = int(rng.integers(n))
                rows[at] = x
                row_class = rng.integers(0, k, size=n)
                row_class[at] = cls
                perm, inv = blas_lanes.layout(row_class, inner=w.size)  # small products take other kernels
                product = np.vstack([rows, np.zeros((1, 300), np.float32)])[perm] @ w
                seen.add(product[inv[at]].tobytes())
            assert len(seen) == 1


def test_patterns_are_classified_and_an_unmeasurable_one_is_said(monkeypatch, caplog):
    """The shortest period describing the probes is kept; probes that
    disagree, or follow no period, give None, and a warning says that
    vectors (and reports across --jobs) may then differ."""
    import logging

    assert blas_lanes._classify([[0, 0, 1, 1] * 3] * 2) == (0, 0, 1, 1)
    assert blas_lanes._classify([[0] * 12] * 2) == (0,)
    assert blas_lanes._classify([[0, 0, 1, 1] * 3, [0, 1] * 6]) is None
    assert blas_lanes._classify([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0]] * 2) is None
    monkeypatch.setattr(blas_lanes, "_probe_patterns", lambda: [[0, 1] * 6, [0, 0, 1] * 4])
    blas_lanes.lane_classes.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="rumorlens.blas_lanes"):
            assert blas_lanes.lane_classes() is None
        assert "--jobs" in caplog.text
        assert blas_lanes.n_classes() == 1
        perm, inv = blas_lanes.layout(np.zeros(3, dtype=np.int64))
        assert len(perm) == blas_lanes.MIN_ROWS and inv.tolist() == [0, 1, 2]
    finally:
        blas_lanes.lane_classes.cache_clear()


def test_products_of_use_m3s_shapes_are_past_the_small_matrix_kernels():
    """use-m3's products are laid out without ``inner``: at MIN_ROWS rows
    its smallest weight (320 x 320) is past SMALL_PRODUCT."""
    assert blas_lanes.MIN_ROWS * 320 * 320 > blas_lanes.SMALL_PRODUCT
    perm, _ = blas_lanes.layout(np.zeros(3, dtype=np.int64), inner=300 * 200)
    assert len(perm) * 300 * 200 > blas_lanes.SMALL_PRODUCT
