"""Alignment of a retelling with the article it retells: each sentence of
the shorter text against the passage of the longer one it comes from,
wherever that passage stands.

A retelling condenses a long article and reorders it (a news site's
seven-sentence account of the WSJ's 130-sentence article: the lead's
figures first, the article's closing paragraph third).  The monotonic
aligner (rumorlens.align) must keep both orders, so it spreads each retold
sentence over a stretch of the article (one English sentence against eight
Chinese ones) and the checks then compare a claim with its neighbours'.
Here, instead:

1. each sentence of the shorter text is matched to one sentence of the
   longer text, best cosine first, no sentence used twice (greedy maximum
   matching over the ``candidates`` nearest of each);
2. a match is kept when its cosine, divided by the similarity level of the
   pair's languages, reaches ``min_similarity``, and it is the longer
   sentence's best among the shorter text's sentences, or clears
   ``sure_similarity``: a retold sentence matched to a sentence that
   another retold sentence matches better is no counterpart;
3. a matched passage grows by a neighbouring sentence of the longer text
   (at most ``max_sentences``) when their summed vectors match the retold
   sentence better by ``grow_gain`` or more: a retelling merges two
   sentences into one;
4. every other sentence is one-sided.

Beads are listed in the longer text's order; a one-sided sentence of the
shorter text follows the bead of the sentence before it.  Each sentence is
in exactly one bead, as with rumorlens.align.  Thresholds:
models/thresholds/retelling.json (how they were set is written there).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence

import numpy as np

from .align import _bead_cosine, anchor_matrices, main_language, stray_flags
from .langs import text_weight
from .paths import models_dir, read_values
from .records import Bead


@lru_cache(maxsize=1)
def retelling_params() -> dict:
    """models/thresholds/retelling.json, read once."""
    return read_values(models_dir() / "thresholds" / "retelling.json")


def _greedy_matches(sim: np.ndarray, floor: np.ndarray, k: int) -> dict[int, int]:
    """Shorter-side index -> longer-side index: the ``k`` best candidates of
    each shorter sentence at ``floor`` (per row) or above, taken best first,
    neither side used twice (ties: lower indices first)."""
    n, m = sim.shape
    k = min(k, m)
    cand = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    rows = np.repeat(np.arange(n), k)
    cols = cand.reshape(-1)
    vals = sim[rows, cols]
    keep = vals >= floor[rows]
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    order = np.lexsort((cols, rows, -vals))
    taken_r, taken_c, out = set(), set(), {}
    for t in order.tolist():
        i, j = int(rows[t]), int(cols[t])
        if i in taken_r or j in taken_c:
            continue
        taken_r.add(i)
        taken_c.add(j)
        out[i] = j
    return out


def _anchor_cosine(src_tokens, tgt_tokens, short_is_src: bool) -> np.ndarray:
    """(shorter, longer) cosines of the sentences' shared rare anchors
    (align.anchor_matrices), 0 where either has none."""
    a_s, a_t, _ = anchor_matrices(src_tokens, tgt_tokens)
    a_short, a_long = (a_s, a_t) if short_is_src else (a_t, a_s)
    ns = np.linalg.norm(a_short, axis=1)
    nl = np.linalg.norm(a_long, axis=1)
    dots = a_short @ a_long.T
    return (dots / np.maximum(np.outer(ns, nl), 1e-9)).astype(np.float32)


def _grow(i: int, j: int, short: np.ndarray, long_: np.ndarray, free: np.ndarray, p: dict, own: np.ndarray,
          floor: float) -> list[int]:
    """The passage of the longer text for shorter sentence ``i`` matched to
    ``j``: ``j`` and the free neighbours whose summed vectors raise the
    cosine (align._bead_cosine) by ``grow_gain`` each, at most
    ``max_sentences``, each of them at ``floor`` or above by itself
    (``own``: row ``i`` of the pair's calibrated similarities)."""
    run = [j]
    best = _bead_cosine(short, long_, [i], run)
    while len(run) < p["max_sentences"]:
        # a neighbour that does not itself resemble the retold sentence is
        # the next claim of the article, however the sum moves
        options = [x for x in (run[0] - 1, run[-1] + 1) if 0 <= x < len(long_) and free[x] and own[x] >= floor]
        if not options:
            break
        cos, _, x = max((_bead_cosine(short, long_, [i], sorted(run + [x])), -x, x) for x in options)
        if cos < best + p["grow_gain"]:
            break
        best = cos
        free[x] = False
        run = sorted(run + [x])
    return run


def align_retelling(src_emb: np.ndarray, tgt_emb: np.ndarray, level: float = 1.0,
                    src_texts: Optional[Sequence[str]] = None, tgt_texts: Optional[Sequence[str]] = None, *,
                    src_langs: Optional[Sequence[str]] = None, tgt_langs: Optional[Sequence[str]] = None,
                    src_kinds: Optional[Sequence[str]] = None, tgt_kinds: Optional[Sequence[str]] = None,
                    src_tokens: Optional[Sequence[set[str]]] = None,
                    tgt_tokens: Optional[Sequence[set[str]]] = None) -> list[Bead]:
    """Beads of a retelling pair (module docstring).

    ``src_emb`` (n, d), ``tgt_emb`` (m, d): L2-normalized sentence vectors.
    ``level``: the similarity level of the pair's languages
    (grouping.similarity_level: cosines of versions across Chinese and
    English sit lower than within one language).  ``*_texts``: the
    sentences; the side of less text (langs.text_weight, as the compare
    stage measures it) retells, the side of fewer sentences without them.
    ``*_langs``, ``*_kinds``: as for align.align_embeddings; stray lines
    (align.stray_flags) are never matched.
    ``*_tokens``: each sentence's align.anchor_tokens; a rare number or name
    both sentences hold adds ``anchor_bonus`` times the cosine of their
    shared-anchor rows (as in the monotonic aligner).  Returns
    beads covering every index of both sides exactly once; bead.score is the
    cosine of the summed vectors."""
    p = retelling_params()
    n, m = len(src_emb), len(tgt_emb)
    if n == 0 or m == 0:
        return [Bead([i], []) for i in range(n)] + [Bead([], [j]) for j in range(m)]
    if src_texts is not None and tgt_texts is not None:
        short_is_src = sum(map(text_weight, src_texts)) <= sum(map(text_weight, tgt_texts))
    else:
        short_is_src = n <= m
    short, long_ = (src_emb, tgt_emb) if short_is_src else (tgt_emb, src_emb)
    short = np.asarray(short, dtype=np.float32)
    long_ = np.asarray(long_, dtype=np.float32)
    sb = stray_flags(src_langs, src_kinds, n, main_language(tgt_langs) if tgt_langs is not None else "")[1]
    tb = stray_flags(tgt_langs, tgt_kinds, m, main_language(src_langs) if src_langs is not None else "")[1]
    short_blind, long_blind = (sb, tb) if short_is_src else (tb, sb)
    sim = short @ long_.T / max(level, 1e-9)
    if src_tokens is not None and tgt_tokens is not None:
        sim = sim + p["anchor_bonus"] * _anchor_cosine(src_tokens, tgt_tokens, short_is_src)
    sim[short_blind, :] = -1.0
    sim[:, long_blind] = -1.0
    # a longer sentence is a candidate only for the retold sentence it
    # matches best, unless the match is sure (step 2)
    col_best = sim.argmax(axis=0)
    mutual = col_best[None, :] == np.arange(len(short))[:, None]
    eligible = np.where(mutual | (sim >= p["sure_similarity"]), sim, -1.0)
    matches = _greedy_matches(eligible, np.full(len(short), p["min_similarity"]), p["candidates"])
    free = np.ones(len(long_), dtype=bool)
    free[list(matches.values())] = False
    passages = {i: _grow(i, j, short, long_, free, p, sim[i], p["min_similarity"])
                for i, j in sorted(matches.items(), key=lambda kv: (-sim[kv], kv[0]))}
    return _ordered_beads(passages, len(short), len(long_), short_is_src, short, long_)


def _ordered_beads(passages: dict[int, list[int]], n_short: int, n_long: int, short_is_src: bool,
                   short: np.ndarray, long_: np.ndarray) -> list[Bead]:
    """Beads in the longer text's order (see the module docstring)."""
    keyed = []
    used = {j for run in passages.values() for j in run}
    for i, run in passages.items():
        # the score every aligner gives a bead: the summed vectors' cosine
        keyed.append(((run[0], 0, i), [i], run, round(_bead_cosine(short, long_, [i], run), 6)))
    keyed.extend(((j, 0, -1), [], [j], 0.0) for j in range(n_long) if j not in used)
    # a one-sided retold sentence follows the bead of the retold sentence before it
    place = {}
    for i in range(n_short):
        if i in passages:
            place[i] = (passages[i][0], 0, i)
        else:
            before = place.get(i - 1, (-1, 0, -1))
            place[i] = (before[0], before[1] + 1, i)
            keyed.append((place[i], [i], [], 0.0))
    keyed.sort(key=lambda t: t[0])
    out = []
    for _, s, l, score in keyed:
        out.append(Bead(s, l, score) if short_is_src else Bead(l, s, score))
    return out
