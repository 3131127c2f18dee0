"""Round 6 of issue 11: the length penalty's weight follows how closely the
pair's lengths track (align.length_power), and merged texts are rescored
without it (text_len_power)."""
from __future__ import annotations

import dataclasses

import numpy as np

from rumorlens.align import DEFAULT_PARAMS, _bead_scorer, _two_sided_scores, length_power


def _scorer(src_lens, tgt_lens, params=DEFAULT_PARAMS):
    n, m = len(src_lens), len(tgt_lens)
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(max(n, m), 8)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.full(n + 1, m, dtype=np.int64)
    sc = _bead_scorer(emb[:n], emb[:m], ["x" * k for k in src_lens], ["y" * k for k in tgt_lens], None, None,
                      lo, hi, params, None, None, None, None)
    sc.G.load(0, n + 1)
    return sc


def test_close_translation_gets_a_sharper_length_penalty():
    rng = np.random.default_rng(1)
    src = [int(x) for x in rng.integers(40, 200, size=30)]
    anchors = [(k, k) for k in range(30)]
    close = [max(1, round(x * (1 + rng.normal(0, 0.03)))) for x in src]  # lengths track within a few %
    loose = [max(1, round(x * float(np.exp(rng.normal(0, 0.8))))) for x in src]  # a retelling
    p_close = length_power(_scorer(src, close), anchors)
    p_loose = length_power(_scorer(src, loose), anchors)
    assert p_close == DEFAULT_PARAMS.len_power_max > 1.0
    assert p_loose == 1.0
    # too few anchors to measure the spread: today's penalty
    assert length_power(_scorer(src, close), anchors[:2]) == 1.0
    off = dataclasses.replace(DEFAULT_PARAMS, len_power_max=1.0)
    assert length_power(_scorer(src, close, off), anchors, off) == 1.0


def test_power_sharpens_the_dp_score_and_merged_texts_skip_the_penalty():
    sc = _scorer([100, 50], [50, 100])
    i2, j2, a2, b2 = (np.array([x]) for x in (1, 1, 1, 1))  # source 0 (100 chars) against target 0 (50)
    base = _two_sided_scores(sc, i2, j2, a2, b2)[0]
    sc.len_power = 2.0
    sharp = _two_sided_scores(sc, i2, j2, a2, b2)[0]
    assert sharp != base
    text = _two_sided_scores(sc, i2, j2, a2, b2, np.array([0.8]))[0]
    no_pen = dataclasses.replace(DEFAULT_PARAMS, len_penalty=False)
    plain = _two_sided_scores(_scorer([100, 50], [50, 100], no_pen), i2, j2, a2, b2, np.array([0.8]))[0]
    assert DEFAULT_PARAMS.text_len_power == 0.0 and abs(text - plain) < 1e-9
