"""Sentence alignment of two versions of one text.

Two passes, as in Bertalign, in time and memory linear in document length
times a band width:

1. Anchors.  Candidate 1-1 pairs are each sentence's top-k neighbours on the
   other side (FAISS, exact inner product) in both directions, plus pairs of
   sentences that share a rare number or Latin-script name found once or twice
   on each side.  The heaviest monotonic chain of candidates (weighted longest
   increasing subsequence) is kept: a repeated sentence or a stray line can
   only win if the order agrees.
2. Banded DP.  Around the chain, a dynamic program chooses beads 1-1, 1-n and
   n-1 (n up to 8), small n-m, 1-0 and 0-1.  A run of sentences is embedded as
   the normalized sum of its sentence vectors (vecalign's overlap windows,
   without re-encoding: one 2-D prefix sum gives any run-to-run dot product in
   O(1)).  A bead scores Bertalign's margin similarity (cosine minus the mean
   similarity to the neighbouring sentences) times a length penalty (raised
   to a power above 1 for a pair whose lengths track closely: length_power),
   plus a bonus for shared rare anchors.  Skipping a sentence costs a penalty that
   depends on the sentence (see skip_scores): full for a sentence that has a
   plausible partner in the band, about half for one that resembles nothing
   there, and little for stray lines (markup, another language).
3. Re-check (after SentAlign).  An edge run of a merged bead that lowers the
   bead's cosine by a margin and resembles nothing on the other side leaves as
   one-sided beads; a bead no closer than two random sentences of the pair is
   split into one-sided beads.  "Resembles" is judged on the pair's own scale
   (random-pair cosine to median anchor cosine), so it carries from a clean
   translation to a noisy transcript.

4. Merged texts (when the caller passes ``encode``, see windows.py).  Around
   the best path, the boundaries next to beads that are not 1-1 may move by
   up to ``rescore_reach`` sentences; the beads within ``rescore_margin`` of
   the best path are rescored with the embedding of their merged text
   (vecalign's overlaps, Bertalign's windows, but only where a boundary is in
   doubt), with a CJK-characters-against-words length model between Chinese
   and Latin-script sides whose penalty is raised to ``text_len_power`` (0
   since round 6: on merged texts the length penalty moved right boundaries
   the wrong way; the merged text's embedding already says how much each
   run carries), and the re-check of step 3 runs on merged texts: a
   sentence whose merge does not raise its bead's cosine by
   ``text_detach_gain`` becomes one-sided.

5. Cues (round 4, models/thresholds/alignment.json).  Punctuation joins
   lines: a bead gains ``cue_bonus`` for each junction inside it where a
   line ends with a colon, semicolon or comma or the next starts in lower
   case (join_cues), and the re-check never cuts such a junction (a lead-in
   "Und in der Tat :" stays with its sentence).  A sentence sharing a rare
   number or name with one in the band pays the full skip and is never
   detached from a bead whose other side has it (numbers with scale words
   count by value: 24万 = 240,000).  On merged texts, an edge run whose
   leaving raises the bead's cosine by ``text_detach_any_gain`` leaves
   whatever its best match (an untranslated block on the same topic).
   Bead cosines are normalized as vecalign's costs: 1 - cos over the mean
   of each run's 1 - cos with random sentences of the other side.

6. Shifts (round 5, shift_beads).  The DP never leaves a sentence
   one-sided by choice (merging is always cheaper), so a sentence glued to
   an untranslated block can leave its true partner one-sided next to it;
   after the re-check, a bead moves onto one-sided neighbours of the other
   side when that pair's merged-text cosine times the length penalty beats
   the bead's by ``shift_gain``.

Nothing here is quadratic: with no usable anchor at all the band falls back to
a corridor around the diagonal; the merged-text windows grow with the number
of uncertain boundaries, each costing a bounded number.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

try:  # numpy 2
    from numpy._core.umath import clip as _clip_ufunc
except ImportError:
    try:  # numpy 1
        from numpy.core.umath import clip as _clip_ufunc
    except ImportError:  # a numpy that hides the ufunc: the public function (same values, slower)
        _clip_ufunc = np.clip

from .langs import CJK_RE, LATIN_LETTERS
from .paths import models_dir, read_values
from .records import FURNITURE_KINDS, Bead
from .windows import WindowVectors, best_path, forced_edges, max_marginals, path_boundaries, path_lattice


_PARAMS_FILE = models_dir() / "thresholds" / "alignment.json"
# read once, at import: the defaults of AlignParams.  The file is their only
# source (how each was chosen is in its _note); a missing one is an error.
_FILE_PARAMS = read_values(_PARAMS_FILE)


def _default(name: str):
    if name not in _FILE_PARAMS:
        raise ValueError(f"{_PARAMS_FILE}: alignment parameter {name!r} is missing")
    return _FILE_PARAMS[name]


@dataclass(frozen=True)
class AlignParams:
    """Alignment parameters; defaults come from models/thresholds/alignment.json
    (how they were chosen is in its _note).  Override one with
    ``dataclasses.replace(DEFAULT_PARAMS, skip=-0.2)``."""

    max_merge: int = _default('max_merge')  # largest n in 1-n / n-1 beads (transcripts spread a sentence over lines)
    max_nm: int = _default('max_nm')  # n-m beads with n, m >= 2 allowed while n + m <= max_nm
    top_k: int = _default('top_k')  # neighbours per sentence for first-pass candidates
    win: int = _default('win')  # band half-width around the first-pass path, in sentences
    min_corridor: int = _default('min_corridor')  # band half-width when no anchor is found
    skip: float = _default('skip')  # full 1-0 / 0-1 score (Bertalign: -0.1; -0.3 better on Text+Berg)
    margin: bool = _default('margin')  # Bertalign's neighbour margin: 1 point worse on Text+Berg, USE-m3
    len_penalty: bool = _default('len_penalty')
    anchor_bonus: float = _default('anchor_bonus')  # weight of the shared-anchor cosine in a bead score
    merge_cost: float = _default('merge_cost')  # extra cost per sentence beyond two in a bead
    member_floor: float = _default('member_floor')  # cosine each merged sentence should reach with the other side
    member_rel: float = _default('member_rel')  # ... or this share of the whole bead's cosine, whichever is higher
    member_weight: float = _default('member_weight')  # score lost per unit below the floor (Text+Berg: +0.7 pt)
    bead_cost: float = _default('bead_cost')  # subtracted from every two-sided bead: weak 1-1 splits stop paying
    min_anchor_margin: float = _default('min_anchor_margin')  # first pass: least margin of an embedding candidate
    skip_min: float = _default('skip_min')  # 1-0 / 0-1 score of a sentence nothing on the other side resembles
    skip_z_lo: float = _default('skip_z_lo')  # best match at or below (pair's scale, skip_scores): skip_min
    skip_z_hi: float = _default('skip_z_hi')  # ... at or above: the full skip
    skip_min_anchors: int = _default('skip_min_anchors')  # fewer anchors: no pair scale, full skip for all
    detach_gain: float = _default('detach_gain')  # re-check: an edge run leaves if the rest's cosine gains this
    detach_z: float = _default('detach_z')  # ... and its best match is this low on the pair's scale
    split_z: float = _default('split_z')  # re-check: a bead this low on the pair's scale is split up
    cjk_word_lengths: bool = _default('cjk_word_lengths')  # rescoring, CJK vs Latin side: characters against words
    rescore_reach: int = _default('rescore_reach')  # merged-text rescoring: boundary moves tried, in sentences
    rescore_margin: float = _default('rescore_margin')  # ... for beads whose best path is this close to the best
    text_detach_gain: float = _default('text_detach_gain')  # re-check on merged texts: detach_gain
    text_detach_z: float = _default('text_detach_z')  # ... and detach_z
    len_dev_weight: float = _default('len_dev_weight')  # score lost per squared log length ratio of a bead
    cue_bonus: float = _default('cue_bonus')  # per junction inside a bead that punctuation says goes on (join_cues)
    cue_keeps: bool = _default('cue_keeps')  # re-check: a run joined to the rest of its bead that way stays
    anchor_keeps: bool = _default('anchor_keeps')  # shares a rare anchor in the band: full skip; in its bead: stays
    # re-check on merged texts: a gain this large detaches an edge run whatever its best match (None: off)
    text_detach_any_gain: Optional[float] = _default('text_detach_any_gain')
    random_norm: bool = _default('random_norm')  # vecalign: 1 - cos over each run's 1 - cos with random sentences
    shift_gain: Optional[float] = _default('shift_gain')  # re-check: a bead moves onto one-sided neighbours (None: off)
    text_len_power: float = _default('text_len_power')  # merged-text rescoring: exponent of the length penalty
    len_mad_ref: float = _default('len_mad_ref')  # DP: length-ratio spread at which the length penalty keeps power 1
    len_power_max: float = _default('len_power_max')  # ... and the largest power a closely tracking pair gets


_unknown = sorted(set(_FILE_PARAMS) - {f.name for f in dataclasses.fields(AlignParams)})
if _unknown:
    raise ValueError(f"models/thresholds/alignment.json: unknown alignment parameters: {', '.join(_unknown)}")

DEFAULT_PARAMS = AlignParams()


# --------------------------------------------------------------------------
# shared rare tokens (numbers, Latin-script names, quoted titles) as extra anchors

_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f' ]\d{3})*(?:[.,]\d+)?")
_LATIN = re.compile(f"[{LATIN_LETTERS}][0-9{LATIN_LETTERS}]*(?:[-'][0-9{LATIN_LETTERS}]+)*")
# a title or name in quotes: 《…》 and 「…」 (Chinese), « … » (French), “…” and "…"
_QUOTED = re.compile(r"《([^》]{2,120})》|「([^」]{2,120})」|«([^»]{2,120})»|\u201c([^\u201d]{2,120})\u201d|\"([^\"]{2,120})\"")


@functools.lru_cache(maxsize=1)
def _scale_words():
    """(regex of a number and a scale word or suffix after it, word -> the
    values it has in the languages we read) from models/lexicons/numbers.json:
    万 and 亿, million and milliard, and a French billion (10^12) that may
    be a copied English one (10^9)."""
    import json

    with open(models_dir() / "lexicons" / "numbers.json", encoding="utf-8") as fh:
        lex = json.load(fh)
    values: dict[str, set[float]] = {}
    for table in list(lex["scale"].values()) + list(lex.get("false_friend_short", {}).values()):
        for word, value in table.items():
            if float(value) >= 1000:
                values.setdefault(word, set()).add(float(value))
    for word, value in lex.get("suffix_scale", {}).items():
        values.setdefault(word, set()).add(float(value))
    words = sorted(values, key=lambda w: (-len(w), w))
    alternation = "|".join(re.escape(w) for w in words)
    pattern = re.compile(r"(\d+(?:[.,]\d+)?)\s?(" + alternation + r")s?(?![0-9" + LATIN_LETTERS + "])")
    return pattern, values


def _scaled_numbers(text: str) -> set[str]:
    """"#" + the value of each number written with a scale word (24万,
    1,8 milliard, 175B), as the plain digits of that value: 24万 and 240,000
    give the same token.  A comma or point before exactly three digits
    groups thousands, otherwise it is the decimal mark."""
    pattern, values = _scale_words()
    out = set()
    for m in pattern.finditer(text):
        num = m.group(1)
        if re.fullmatch(r"\d+[.,]\d{3}", num):
            num = re.sub(r"[.,]", "", num)
        base = float(num.replace(",", "."))
        for scale in values.get(m.group(2), ()):
            value = base * scale
            if abs(value - round(value)) < 1e-6 * max(value, 1.0):
                out.add("#" + str(int(round(value))))
    return out


def anchor_tokens(text: str) -> set[str]:
    """Numbers (separators dropped; with a scale word also their value:
    24万 gives #24 and #240000, as 240,000 does), Latin-script words that
    look like names (capitalized, all caps or with digits), case-folded, and
    quoted titles ("q:" and their letters and digits, case-folded: « The
    Seven Sisters » and "The Seven Sisters" are one token; a title
    translated into another script is not)."""
    text = unicodedata.normalize("NFKC", text)
    tokens: set[str] = _scaled_numbers(text)
    for m in _QUOTED.finditer(text):
        inner = "".join(c for c in next(g for g in m.groups() if g).casefold() if c.isalnum())
        if len(inner) >= 4:
            tokens.add("q:" + inner)
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if digits:
            tokens.add("#" + digits.lstrip("0") or "#0")
    for m in _LATIN.finditer(text):
        word = m.group()
        if len(word) < 2:
            continue
        if word[0].isupper() or _DIGIT.search(word):
            tokens.add(word.casefold())
    return tokens


def anchor_matrices(src_sets: Sequence[set[str]], tgt_sets: Sequence[set[str]], max_df: int = 3):
    """Binary sentence x token matrices over tokens both sides share, each
    found in at most ``max_df`` sentences per side (rare enough to anchor).
    ``*_sets``: each sentence's anchor_tokens."""
    df_s: dict[str, int] = {}
    df_t: dict[str, int] = {}
    for sets, df in ((src_sets, df_s), (tgt_sets, df_t)):
        for s in sets:
            for tok in s:
                df[tok] = df.get(tok, 0) + 1
    vocab = sorted(t for t in df_s if t in df_t and df_s[t] <= max_df and df_t[t] <= max_df)
    col = {t: k for k, t in enumerate(vocab)}
    a_s = np.zeros((len(src_sets), len(vocab)), dtype=np.float64)
    a_t = np.zeros((len(tgt_sets), len(vocab)), dtype=np.float64)
    for mat, sets in ((a_s, src_sets), (a_t, tgt_sets)):
        for i, s in enumerate(sets):
            for tok in s:
                k = col.get(tok)
                if k is not None:
                    mat[i, k] = 1.0
    return a_s, a_t, vocab


# --------------------------------------------------------------------------
# lengths

_CJK = CJK_RE
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


def is_cjk_side(texts: Sequence[str]) -> bool:
    """True when a side's CJK characters outnumber its other words (a
    Chinese text quoting English names is CJK; a French one with a Chinese
    caption is not)."""
    return _cjk_side(tuple(texts))


@functools.lru_cache(maxsize=256)
def _cjk_side(texts: tuple[str, ...]) -> bool:
    # kept per document: a document is aligned with each of its versions,
    # and reading it costs a regex pass over its whole text
    text = "\n".join(texts)
    return len(_CJK.findall(text)) > len(_WORD.findall(_CJK.sub(" ", text)))


def length_units(text: str) -> int:
    """A CJK character counts one, and so does each word or number of the
    rest: the unit that makes Chinese and Latin-script lengths comparable
    (see length_prefix)."""
    return len(_CJK.findall(text)) + len(_WORD.findall(_CJK.sub(" ", text)))


def length_prefix(src_texts: Sequence[str], tgt_texts: Sequence[str], cjk_units: bool = False):
    """Cumulative lengths of both sides (index i: sentences [0, i)), the
    target's scaled to the source's total, for the length penalty.

    Characters, except between a CJK side and a Latin-script side when
    ``cjk_units``: then CJK characters against words (length_units), which
    track each other more closely (Gale & Church's model counts characters;
    on DEMETR's zh-en sentence pairs the spread of the log length ratio is
    0.197 in these units, 0.218 in characters; see
    models/thresholds/alignment.json for where it is used).  The ratio
    between the sides is the pair's own total ratio (as Bertalign's
    char_ratio), so a condensed retelling is not taken for a run of
    omissions."""
    measure = length_units if cjk_units and is_cjk_side(src_texts) != is_cjk_side(tgt_texts) else len
    return _length_prefix(src_texts, tgt_texts, measure)


def _length_prefix(src_texts: Sequence[str], tgt_texts: Sequence[str], measure: Callable[[str], int]):
    """length_prefix with the length ``measure`` chosen (len or length_units)."""
    ls = np.concatenate([[0.0], np.cumsum([max(measure(t), 1) for t in src_texts])])
    lt = np.concatenate([[0.0], np.cumsum([max(measure(t), 1) for t in tgt_texts])])
    return ls, lt * (ls[-1] / lt[-1])


# --------------------------------------------------------------------------
# punctuation that says a sentence goes on in the next line

_OPEN_END = ":;,\uff1a\uff1b\uff0c\u3001"  # colon, semicolon, comma (and their full-width forms), 、
# share of lower-case line starts past which case is no cue (the transcript
# set's French clause lines: 0.42-0.47; Text+Berg: 0.08-0.13)
_ALL_LOWER = 0.8
def _first_letter(text: str) -> str:
    """The first character of a line after spaces and punctuation (quotes,
    brackets, dashes, dots): "" when a symbol (©) or a digit comes first."""
    for c in text:
        if c.isspace() or unicodedata.category(c).startswith("P"):
            continue
        return c if c.isalpha() else ""
    return ""




def join_cues(texts: Sequence[str]) -> np.ndarray:
    """For each junction between line k and line k + 1 (length n - 1), True
    when the punctuation says one sentence goes on across it: line k ends
    with a colon, semicolon or comma, or line k + 1 starts (after spaces and
    punctuation, not after a symbol such as ©) with a lower-case letter.  On Text+Berg de-fr's gold, lines so
    joined share a bead 25-51 % of the time against 8 % after a full stop;
    on the transcript set a lower-case start shares its bead 98 % of the time.
    On a side where at least 80 % of the lines start in lower case, case is
    no cue."""
    out = np.zeros(max(len(texts) - 1, 0), dtype=bool)
    starts = [_first_letter(t) for t in texts]
    cased = [c for c in starts if c.isupper() or c.islower()]
    # a side whose lines nearly all start in lower case (lower-cased ASR
    # output, ids) says nothing by its case
    use_case = bool(cased) and sum(c.islower() for c in cased) < _ALL_LOWER * len(cased)
    for k in range(len(texts) - 1):
        end = texts[k].rstrip()[-1:]
        out[k] = (end != "" and end in _OPEN_END) or (use_case and starts[k + 1].islower())
    return out


# --------------------------------------------------------------------------
# first pass: candidates and the heaviest monotonic chain


def _topk(query: np.ndarray, base: np.ndarray, k: int):
    import faiss

    k = min(k, base.shape[0])
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(np.ascontiguousarray(base, dtype=np.float32))
    # one document's few hundred queries: OpenMP threads only contend for
    # the cores (0.6 s of Text+Berg's 3.5 s on 2 cores); the results are the same
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        sims, idx = index.search(np.ascontiguousarray(query, dtype=np.float32), k)
    finally:
        faiss.omp_set_num_threads(threads)
    return sims, idx


def heaviest_chain(cands: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Strictly increasing (i, j) chain of maximum total weight (weights > 0).

    O(K log K): points sorted by i, then j descending so that two points on
    one row never chain; a Fenwick tree over j holds the best chain ending
    below each column.
    """
    points = sorted(((i, j, w) for (i, j), w in cands.items() if w > 0), key=lambda p: (p[0], -p[1]))
    if not points:
        return []
    cols = sorted({j for _, j, _ in points})
    rank = {j: r + 1 for r, j in enumerate(cols)}
    size = len(cols)
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best = [0.0] * len(points)
    back = [-1] * len(points)
    for p, (i, j, w) in enumerate(points):
        r = rank[j] - 1  # best chain ending in a column < j
        v, a = 0.0, -1
        while r > 0:
            if tree_val[r] > v:
                v, a = tree_val[r], tree_arg[r]
            r -= r & -r
        best[p], back[p] = v + w, a
        r = rank[j]
        while r <= size:
            if best[p] > tree_val[r]:
                tree_val[r], tree_arg[r] = best[p], p
            r += r & -r
    p = max(range(len(points)), key=lambda q: (best[q], -q))
    chain = []
    while p != -1:
        chain.append((points[p][0], points[p][1]))
        p = back[p]
    return chain[::-1]


_TIE = 1e-6  # cosines this close are one value (float32 rounding of identical vectors)


def _untied(sims: np.ndarray) -> list[int]:
    """Rows of top-k similarities (k columns, best first) whose neighbours
    are not all equally close; every row when k is 1."""
    if sims.shape[1] < 2:
        return list(range(len(sims)))
    return np.flatnonzero(sims[:, 0] - sims[:, -1] > _TIE).tolist()


def first_pass_anchors(
    src_emb: np.ndarray,
    tgt_emb: np.ndarray,
    a_src: Optional[np.ndarray] = None,
    a_tgt: Optional[np.ndarray] = None,
    params: AlignParams = DEFAULT_PARAMS,
) -> list[tuple[int, int]]:
    """1-1 anchor pairs (i, j), strictly increasing on both sides."""
    n, m = src_emb.shape[0], tgt_emb.shape[0]
    if n == 0 or m == 0:
        return []
    k = max(1, min(params.top_k, n, m))
    s_sims, s_idx = _topk(src_emb, tgt_emb, k)
    t_sims, t_idx = _topk(tgt_emb, src_emb, k)
    # margin against each side's average neighbourhood (Artetxe & Schwenk):
    # hub sentences that resemble everything get no credit
    s_avg = s_sims.mean(axis=1)
    t_avg = t_sims.mean(axis=1)
    cands: dict[tuple[int, int], float] = {}

    def add(i: int, j: int, sim: float) -> None:
        w = sim - (s_avg[i] + t_avg[j]) / 2 + 0.05
        if w > params.min_anchor_margin:
            cands[(i, j)] = max(cands.get((i, j), 0.0), float(w))

    # a sentence whose k neighbours are all equally close (a sentence repeated
    # k times or more on the other side) points nowhere in particular: the
    # neighbour search's tie order made 5,000 repeats of one sentence anchor
    # 0 to 4685, and the band left nearly everything one-sided (a break trial)
    for i in _untied(s_sims):
        for r in range(k):
            add(i, int(s_idx[i, r]), float(s_sims[i, r]))
    for j in _untied(t_sims):
        for r in range(k):
            add(int(t_idx[j, r]), j, float(t_sims[j, r]))
    if a_src is not None and a_tgt is not None and a_src.shape[1]:
        # sentences sharing a rare number or name: an anchor even when the
        # embeddings disagree (short lines, names the encoder does not know)
        rows, cols = np.nonzero(a_src @ a_tgt.T)
        for i, j in zip(rows.tolist(), cols.tolist()):
            sim = float(src_emb[i] @ tgt_emb[j])
            shared = float(a_src[i] @ a_tgt[j])
            w = max(sim - (s_avg[i] + t_avg[j]) / 2 + 0.05, 0.0) + 0.05 * shared
            cands[(i, j)] = max(cands.get((i, j), 0.0), w)
    return heaviest_chain(cands)


def search_band(anchors: list[tuple[int, int]], n: int, m: int, params: AlignParams = DEFAULT_PARAMS):
    """Per source row i (0..n), the target columns [lo[i], hi[i]] the DP may visit.

    Between two consecutive anchors the band is their rectangle widened by
    ``win``; without anchors, a corridor around the diagonal.  lo and hi are
    non-decreasing and overlap row to row, so (0, 0) always reaches (n, m).
    """
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    w = params.win
    if not anchors:
        half = max(params.min_corridor, int(0.1 * max(n, m)))
        for i in range(n + 1):
            c = int(round(i * m / n)) if n else 0
            lo[i], hi[i] = c - half, c + half
    else:
        # anchors are sentence pairs; in DP coordinates the pair (i, j) is the
        # cell (i + 1, j + 1).  Points: origin, anchors, end.
        pts = [(0, 0)] + [(i + 1, j + 1) for i, j in anchors] + [(n, m)]
        pts = sorted(set(pts))
        for (i0, j0), (i1, j1) in zip(pts, pts[1:]):
            for i in range(i0, i1 + 1):
                lo_i, hi_i = j0 - w, max(j1, j0) + w
                if i == i0:
                    lo[i] = lo_i if i == 0 else min(lo[i], lo_i)
                    hi[i] = max(hi[i], hi_i)
                else:
                    lo[i], hi[i] = lo_i, hi_i
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    lo[0] = 0
    hi[n] = m
    lo = np.maximum.accumulate(lo)
    hi = np.maximum.accumulate(hi)
    # rows must overlap so that 1-0 / 0-1 moves connect them
    for i in range(1, n + 1):
        if lo[i] > hi[i - 1]:
            lo[i] = hi[i - 1]
    for i in range(n - 1, -1, -1):
        if hi[i] < lo[i]:
            hi[i] = lo[i]
    return lo, hi


# --------------------------------------------------------------------------
# what leaving a sentence one-sided costs


def best_in_band(src_emb: np.ndarray, tgt_emb: np.ndarray, lo: np.ndarray, hi: np.ndarray, win: int):
    """Each sentence's highest cosine with a single sentence of the other
    side inside the search band (widened by ``win``).  Blocks of rows, so
    time and memory stay linear in document length times the band width."""
    n, m = src_emb.shape[0], tgt_emb.shape[0]
    best_s = np.full(n, -1.0)
    best_t = np.full(m, -1.0)
    # sentence i may pair with target j when cell (i+1, j+1) lies near the band of rows i, i+1
    row_lo = np.maximum(np.minimum(lo[:-1], lo[1:]) - 1 - win, 0)
    row_hi = np.minimum(np.maximum(hi[:-1], hi[1:]) + win, m)  # exclusive
    block = 256
    for r0 in range(0, n, block):
        r1 = min(n, r0 + block)
        c0, c1 = int(row_lo[r0:r1].min()), int(row_hi[r0:r1].max())
        if c1 <= c0:
            continue
        sims = src_emb[r0:r1].astype(np.float64) @ tgt_emb[c0:c1].astype(np.float64).T
        cols = np.arange(c0, c1)[None, :]
        inside = (cols >= row_lo[r0:r1, None]) & (cols < row_hi[r0:r1, None])
        sims = np.where(inside, sims, -1.0)
        best_s[r0:r1] = sims.max(axis=1)
        best_t[c0:c1] = np.maximum(best_t[c0:c1], sims.max(axis=0))
    return best_s, best_t


def _anchored_in_band(a_src: np.ndarray, a_tgt: np.ndarray, lo: np.ndarray, hi: np.ndarray, win: int):
    """Boolean arrays: which source and which target sentences share a rare
    anchor token (anchor_matrices) with a sentence of the other side inside
    the band widened by ``win`` (as best_in_band)."""
    n, m = a_src.shape[0], a_tgt.shape[0]
    out_s, out_t = np.zeros(n, dtype=bool), np.zeros(m, dtype=bool)
    if a_src.shape[1] == 0:
        return out_s, out_t
    rows, cols = np.nonzero(a_src @ a_tgt.T)
    row_lo = np.maximum(np.minimum(lo[:-1], lo[1:]) - 1 - win, 0)
    row_hi = np.minimum(np.maximum(hi[:-1], hi[1:]) + win, m)
    inside = (cols >= row_lo[rows]) & (cols < row_hi[rows])
    out_s[rows[inside]] = True
    out_t[cols[inside]] = True
    return out_s, out_t


def pair_scale(src_emb, tgt_emb, anchors, params: AlignParams = DEFAULT_PARAMS):
    """(base, typical): this pair's cosine of two random sentences (mean
    vector . mean vector, O(n + m)) and the median cosine of its first-pass
    1-1 anchors.  None when there are too few anchors to tell."""
    if len(anchors) < params.skip_min_anchors:
        return None
    typical = float(np.median([float(src_emb[i] @ tgt_emb[j]) for i, j in anchors]))
    base = float(src_emb.mean(axis=0).astype(np.float64) @ tgt_emb.mean(axis=0).astype(np.float64))
    return (base, typical) if typical - base > 0.05 else None


def skip_scores(best_s, best_t, scale, params: AlignParams = DEFAULT_PARAMS,
                src_cheap: Optional[np.ndarray] = None, tgt_cheap: Optional[np.ndarray] = None):
    """Per-sentence 1-0 / 0-1 scores.

    A fixed skip penalty strong enough to keep true 1-2 / 2-1 merges makes
    absorbing a stray line into a neighbouring bead cheaper than leaving it
    alone.  So the penalty depends on the sentence: its best cosine with the
    other side inside the band (``best_*``) is placed on this pair's own
    scale (``scale`` = (base, typical), see pair_scale):
    z = (best - base) / (typical - base).  A sentence with z <= skip_z_lo has
    nothing on the other side that resembles it and leaves for ``skip_min``;
    from skip_z_lo to skip_z_hi the score ramps to the full ``skip``.
    Sentences flagged cheap (markup, stray language) always cost skip_min.
    """
    skip_s, skip_t = np.full(len(best_s), params.skip), np.full(len(best_t), params.skip)
    if scale is not None and params.skip_z_hi > params.skip_z_lo:
        base, typical = scale
        for best, out in ((best_s, skip_s), (best_t, skip_t)):
            z = (best - base) / (typical - base)
            ramp = np.clip((z - params.skip_z_lo) / (params.skip_z_hi - params.skip_z_lo), 0.0, 1.0)
            out[:] = params.skip_min + ramp * (params.skip - params.skip_min)
    if src_cheap is not None:
        skip_s[np.asarray(src_cheap, dtype=bool)] = params.skip_min
    if tgt_cheap is not None:
        skip_t[np.asarray(tgt_cheap, dtype=bool)] = params.skip_min
    return skip_s, skip_t


# --------------------------------------------------------------------------
# second pass: banded DP over run-to-run similarities


def bead_types(params: AlignParams = DEFAULT_PARAMS) -> list[tuple[int, int]]:
    types = [(1, 1), (1, 0), (0, 1)]
    for n in range(2, params.max_merge + 1):
        types += [(1, n), (n, 1)]
    for a in range(2, params.max_nm):
        for b in range(2, params.max_nm):
            if a + b <= params.max_nm:
                types.append((a, b))
    return types


def _prefix(x: np.ndarray) -> np.ndarray:
    out = np.zeros((x.shape[0] + 1, x.shape[1]), dtype=np.float64)
    np.cumsum(x, axis=0, out=out[1:])
    return out


def _run_norms(p: np.ndarray, max_run: int) -> np.ndarray:
    """norms[a, i] = || P[i] - P[i-a] || (0 where i < a)."""
    out = np.zeros((max_run + 1, p.shape[0]))
    for a in range(1, max_run + 1):
        if a < p.shape[0]:
            out[a, a:] = np.linalg.norm(p[a:] - p[:-a], axis=1)
    return out


def _iclip(x, lo: int, hi: int):
    """np.clip of integer index arrays (and ints): numpy's clip ufunc, which
    np.clip calls, without np.clip's Python-level dispatch; that dispatch cost
    as much as the bead scoring's lookups themselves (238,000 calls at 10^4
    sentences, issue 12)."""
    return _clip_ufunc(x, lo, hi)


# At most this many floats gathered at once for the band's dot products
# (_PrefixProducts._products): 32 MB of float64
_GATHER_FLOATS = 1 << 22


class _PrefixProducts:
    """Dot products of prefix sums inside the band: ``at(R, C)`` is
    P_s[R] . P_t[C] (elementwise over index arrays), with P[0] = 0.  The dot
    product of the source run [i-a, i) with the target run [j-b, j) is then
    at(i,j) - at(i,j-b) - at(i-a,j) + at(i-a,j-b): any bead in O(1).

    Row r stores columns [col_lo[r], col_lo[r] + width); rows are computed
    for one chunk at a time so memory stays linear in document length.
    """

    def __init__(self, ps: np.ndarray, pt: np.ndarray, col_lo: np.ndarray, width: int) -> None:
        self.ps, self.pt, self.col_lo, self.width = ps, pt, col_lo, width
        self.r0 = 0
        self.r1: Optional[int] = None  # end of the rows loaded (None: none yet)
        self.rows = np.zeros((0, width))

    def load(self, r0: int, r1: int) -> None:
        """Make rows [r0, r1) available (a range already loaded is kept: the
        rescoring loads every row, which the DP's last chunk often had)."""
        r0, r1 = max(r0, 0), min(r1, self.ps.shape[0])
        if (r0, r1) == (self.r0, self.r1):
            return
        self.r1 = r1
        m1 = self.pt.shape[0]
        cols = self.col_lo[r0:r1, None] + np.arange(self.width)[None, :]
        valid = cols < m1
        cols = np.minimum(cols, m1 - 1)
        self.rows = np.where(valid, self._products(r0, cols), 0.0)
        self.r0 = r0

    def _products(self, r0: int, cols: np.ndarray) -> np.ndarray:
        """P_s[r0 + k] . P_t[cols[k]] for each row k, a few rows at a time:
        the gathered target rows take (rows, width, dim) floats, 95 GiB for
        5,000 sentences whose band is the whole document (identical
        sentences leave no anchor to narrow it), found by a trial."""
        dim = self.ps.shape[1]
        rows = np.zeros(cols.shape, dtype=np.result_type(self.ps, self.pt))
        if not dim:
            return rows
        step = max(1, _GATHER_FLOATS // max(1, cols.shape[1] * dim))
        for a in range(0, len(cols), step):
            b = min(a + step, len(cols))
            rows[a:b] = np.einsum("rd,rkd->rk", self.ps[r0 + a:r0 + b], self.pt[cols[a:b]])
        return rows

    def row_slots(self, r: np.ndarray):
        """What ``at`` needs of rows ``r`` whatever the columns: (stored row,
        first stored column, r >= 0).  A run's dot product reads each of its
        two rows at two columns, and the member penalty one row at many: the
        row part is computed once for them (issue 12: ``at`` was the align
        stage's largest Python cost, a numpy call's overhead on small arrays)."""
        r_ok = _iclip(r, 0, self.col_lo.shape[0] - 1)  # out-of-range cells are masked by the caller
        return _iclip(r - self.r0, 0, self.rows.shape[0] - 1), self.col_lo[r_ok], r >= 0

    def at_slots(self, slots, c: np.ndarray) -> np.ndarray:
        """``at(r, c)`` for the rows of ``slots = row_slots(r)`` (broadcast)."""
        rr, first, r_ok = slots
        k = _iclip(c - first, 0, self.width - 1)
        return np.where((c >= 0) & r_ok, self.rows[rr, k], 0.0)

    def at(self, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        return self.at_slots(self.row_slots(r), c)

    def run_dot(self, i, a, j, b):
        """dot(source run [i-a, i), target run [j-b, j)), elementwise."""
        return self.run_dot_slots(self.row_slots(i), self.row_slots(i - a), j, b)

    def run_dot_slots(self, top, bottom, j, b):
        """run_dot with the row_slots of rows i (``top``) and i - a (``bottom``)."""
        jb = j - b
        return self.at_slots(top, j) - self.at_slots(top, jb) - self.at_slots(bottom, j) + self.at_slots(bottom, jb)


def main_language(langs: Sequence[str]) -> str:
    """The most frequent language tag (ties: alphabetical), "" when none."""
    counts: dict[str, int] = {}
    for lang in langs:
        if lang:
            counts[lang] = counts.get(lang, 0) + 1
    return min(counts, key=lambda k: (-counts[k], k)) if counts else ""


def stray_flags(langs: Optional[Sequence[str]], kinds: Optional[Sequence[str]], n: int, other_main: str):
    """(cheap, blind) boolean arrays for one side; today both mark the same
    sentences, the stray ones:

    - markup and page furniture (image/link-only lines, rules, bare URLs,
      boilerplate: records.FURNITURE_KINDS);
    - lines in the *other* side's main language inside this document (a
      Chinese caption in a French translation), whose same-language cosines
      run higher than the cross-language ones this pair's scores are made of:
      it "matches" every Chinese transcript line that mentions GPT-5.

    cheap: leaving the sentence one-sided costs only ``skip_min``; blind: its
    vector is not evidence either.  Lines in a third language are left alone:
    short lines are where language detection errs (German read as English),
    and flagging them cost Text+Berg alignment."""
    stray = np.zeros(n, dtype=bool)
    if kinds is not None:
        if len(kinds) != n:
            raise ValueError("kinds and embeddings differ in length")
        stray |= np.array([k in FURNITURE_KINDS for k in kinds], dtype=bool)
    if langs is not None:
        if len(langs) != n:
            raise ValueError("langs and embeddings differ in length")
        own = main_language(langs)
        stray |= np.array([bool(lang) and lang == other_main and lang != own and not lang.startswith("und")
                           for lang in langs], dtype=bool)
    return stray, stray.copy()


def align_embeddings(
    src_emb: np.ndarray,
    tgt_emb: np.ndarray,
    src_texts: Optional[Sequence[str]] = None,
    tgt_texts: Optional[Sequence[str]] = None,
    params: AlignParams = DEFAULT_PARAMS,
    *,
    src_langs: Optional[Sequence[str]] = None,
    tgt_langs: Optional[Sequence[str]] = None,
    src_kinds: Optional[Sequence[str]] = None,
    tgt_kinds: Optional[Sequence[str]] = None,
    src_tokens: Optional[Sequence[set[str]]] = None,
    tgt_tokens: Optional[Sequence[set[str]]] = None,
    encode: Optional[Callable[[list[str]], np.ndarray]] = None,
) -> list[Bead]:
    """Align two sequences of L2-normalized sentence vectors.

    ``src_texts``/``tgt_texts`` (same lengths as the embeddings) add length
    penalties and shared-anchor evidence; without them only vectors count.
    ``*_tokens``: each sentence's anchor_tokens when the caller already has
    them (grouping needs them too); by default they are read from the texts.
    ``*_langs`` (each sentence's language tag) and ``*_kinds``
    (records.Sentence.kind) mark stray lines (other language, markup) that
    are cheap to leave one-sided.
    ``encode`` (list of texts -> unit row vectors, the encoder that made the
    embeddings, ideally behind a CachedEncoder): with the texts, merged beads
    near the best path are rescored by the embedding of their merged text
    (rescore_with_text) and the re-check judges merges on those embeddings;
    only windows near uncertain boundaries are encoded (windows.py).  A
    bead's score is the cosine of its summed sentence vectors either way.
    Returns beads covering every index of both sides exactly once, in order.
    """
    n, m = len(src_emb), len(tgt_emb)
    if n == 0 or m == 0:
        return [Bead([i], []) for i in range(n)] + [Bead([], [j]) for j in range(m)]
    if (src_texts is not None and len(src_texts) != n) or (tgt_texts is not None and len(tgt_texts) != m):
        raise ValueError("texts and embeddings differ in length")
    src_emb = np.asarray(src_emb, dtype=np.float32).reshape(n, -1)
    tgt_emb = np.asarray(tgt_emb, dtype=np.float32).reshape(m, -1)
    src_main = main_language(src_langs) if src_langs is not None else ""
    tgt_main = main_language(tgt_langs) if tgt_langs is not None else ""
    src_cheap, src_blind = stray_flags(src_langs, src_kinds, n, tgt_main)
    tgt_cheap, tgt_blind = stray_flags(tgt_langs, tgt_kinds, m, src_main)
    orig_src, orig_tgt = src_emb, tgt_emb
    # blind sentences: a zero vector and no anchor (no evidence), and the DP
    # may only leave them one-sided
    src_emb = np.where(src_blind[:, None], 0.0, src_emb).astype(np.float32)
    tgt_emb = np.where(tgt_blind[:, None], 0.0, tgt_emb).astype(np.float32)

    a_src, a_tgt = _anchor_rows(src_texts, tgt_texts, src_tokens, tgt_tokens, src_blind, tgt_blind)
    anchors = first_pass_anchors(src_emb, tgt_emb, a_src, a_tgt, params)
    anchors = [(i, j) for i, j in anchors if not src_blind[i] and not tgt_blind[j]]
    lo, hi = search_band(anchors, n, m, params)
    scale = pair_scale(src_emb, tgt_emb, anchors, params)
    best_s, best_t = best_in_band(src_emb, tgt_emb, lo, hi, params.win)
    skip_s, skip_t = skip_scores(best_s, best_t, scale, params, src_cheap, tgt_cheap)
    if params.anchor_keeps and a_src is not None:
        # a sentence sharing a rare number or name with one in the band has a
        # counterpart there, however its vector reads: it pays the full skip
        anch_s, anch_t = _anchored_in_band(a_src, a_tgt, lo, hi, params.win)
        skip_s[anch_s & ~src_cheap] = params.skip
        skip_t[anch_t & ~tgt_cheap] = params.skip
    sc = _bead_scorer(src_emb, tgt_emb, src_texts, tgt_texts, a_src, a_tgt, lo, hi, params, skip_s, skip_t,
                      src_blind, tgt_blind)
    sc.len_power = length_power(sc, anchors, params)
    beads = _dp_path(sc, lo, hi)
    beads = _second_look(beads, sc, lo, hi, src_emb, tgt_emb, src_texts, tgt_texts, encode, (best_s, best_t), scale,
                         (src_cheap, tgt_cheap), (a_src, a_tgt), params)
    for bead in beads:
        # the summed-vector cosine, whichever way the beads were chosen: one
        # scale for every bead, and no window to encode for the score alone
        bead.score = round(_bead_cosine(orig_src, orig_tgt, bead.src, bead.tgt), 6) if bead.src and bead.tgt else 0.0
    return beads


def _second_look(beads, sc, lo, hi, src_emb, tgt_emb, src_texts, tgt_texts, encode, best, scale, cheap, anchors,
                 params: AlignParams) -> list[Bead]:
    """Steps 3 and 4 of the module docstring after the DP: with ``encode``
    and texts, merged-text rescoring and the re-check on merged texts;
    otherwise the re-check on summed vectors (when the pair has a scale).
    ``best``, ``cheap``, ``anchors``: (source, target) best in-band
    cosines, cheap flags and anchor matrices."""
    kw = {"src_cheap": cheap[0], "tgt_cheap": cheap[1], "anchors": anchors if params.anchor_keeps else None,
          "cues": None}
    if params.cue_keeps and src_texts is not None and tgt_texts is not None:
        kw["cues"] = sc.cues if sc.cues is not None else (join_cues(src_texts), join_cues(tgt_texts))
    summed = _memo_cosine(functools.partial(_bead_cosine, src_emb, tgt_emb))
    if encode is not None and src_texts is not None and tgt_texts is not None:
        windows = WindowVectors(src_emb, tgt_emb, src_texts, tgt_texts, encode, max(sc.max_run, 1))
        beads = rescore_with_text(beads, sc, lo, hi, windows, params)
        batch = windows.batch_free()  # windows asked for ahead, in one batch per step
        recheck = functools.partial(recheck_beads, cosine=windows.cosine, best_s=best[0], best_t=best[1],
                                    scale=scale, params=params, detach_gain=params.text_detach_gain,
                                    detach_z=params.text_detach_z, prefetch=windows.prefetch,
                                    screen=_summed_gain_screen(summed, params), split_cosine=summed,
                                    any_gain=params.text_detach_any_gain, batch=batch, **kw)
        cosine, prefetch = windows.cosine, windows.prefetch
    elif scale is not None:
        recheck = functools.partial(recheck_beads, cosine=summed, best_s=best[0], best_t=best[1], scale=scale,
                                    params=params, **kw)
        cosine, prefetch, batch = summed, None, False
    else:
        return beads
    beads = recheck(beads)
    if params.shift_gain is not None:
        beads = shift_beads(beads, _length_weighted(cosine, sc), params.shift_gain, sc.max_run, prefetch, recheck,
                            batch=batch)
    return beads


def length_power(sc: "_BeadScorer", anchors: Sequence[tuple[int, int]], params: AlignParams = DEFAULT_PARAMS) -> float:
    """Exponent of the DP's length penalty for this pair, from how closely
    its lengths track (Gale & Church weigh the length evidence by the
    variance of the length ratio): MAD = the median absolute deviation of
    log(source length / scaled target length) over the first-pass anchor
    pairs, in the DP's characters; power = (len_mad_ref / MAD) ** 2 clipped
    to [1, len_power_max].  A close translation (Text+Berg de-fr: MAD
    0.12-0.15) gets a sharper penalty; a transcript or retelling (clause
    lines against sentences: 0.18-0.39) keeps today's.  1.0 without
    lengths or with fewer than skip_min_anchors anchors."""
    if sc.ls is None or sc.lt is None or len(anchors) < max(params.skip_min_anchors, 1) or params.len_power_max <= 1:
        return 1.0
    i = np.array([a for a, _ in anchors])
    j = np.array([b for _, b in anchors])
    r = np.log(np.maximum(sc.ls[i + 1] - sc.ls[i], 1e-9) / np.maximum(sc.lt[j + 1] - sc.lt[j], 1e-9))
    mad = float(np.median(np.abs(r - np.median(r))))
    return float(np.clip((params.len_mad_ref / max(mad, 1e-9)) ** 2, 1.0, params.len_power_max))


def _length_weighted(cosine: Callable, sc: "_BeadScorer") -> Callable:
    """``cosine`` times the DP's length penalty (log2(1 + shorter / longer),
    character lengths, the target scaled to the source's total), or
    ``cosine`` itself without length penalty."""
    if sc.ls is None:
        return cosine

    def score(src: Sequence[int], tgt: Sequence[int]) -> float:
        l_s = sc.ls[src[-1] + 1] - sc.ls[src[0]]
        l_t = sc.lt[tgt[-1] + 1] - sc.lt[tgt[0]]
        return cosine(src, tgt) * float(np.log2(1 + min(l_s, l_t) / max(l_s, l_t, 1e-9)))
    return score


def _anchor_rows(src_texts, tgt_texts, src_tokens, tgt_tokens, src_blind, tgt_blind):
    """anchor_matrices of the pair with blind sentences' rows zeroed (no
    evidence); (None, None) unless both sides have tokens or texts."""
    if src_tokens is None and src_texts is not None:
        src_tokens = [anchor_tokens(t) for t in src_texts]
    if tgt_tokens is None and tgt_texts is not None:
        tgt_tokens = [anchor_tokens(t) for t in tgt_texts]
    if src_tokens is None or tgt_tokens is None:
        return None, None
    if len(src_tokens) != len(src_blind) or len(tgt_tokens) != len(tgt_blind):
        raise ValueError("anchor tokens and embeddings differ in length")
    a_src, a_tgt, _ = anchor_matrices(src_tokens, tgt_tokens)
    a_src[src_blind] = 0.0
    a_tgt[tgt_blind] = 0.0
    return a_src, a_tgt


def _bead_cosine(src_emb, tgt_emb, src: Sequence[int], tgt: Sequence[int]) -> float:
    """Cosine of the summed vectors of a source run and a target run."""
    s = src_emb[list(src)].astype(np.float64).sum(axis=0)
    t = tgt_emb[list(tgt)].astype(np.float64).sum(axis=0)
    # np.linalg.norm of a vector is sqrt(x.dot(x)); without its dispatch (issue 12)
    d = math.sqrt(s.dot(s)) * math.sqrt(t.dot(t))
    return float(s @ t) / d if d > 0 else 0.0


def _memo_cosine(cosine: Callable) -> Callable:
    """``cosine(src_run, tgt_run)`` computed once per pair of runs: the
    re-check's screen scores the same bead against each of its options
    (4 calls in 10 repeat one before, 10^4 corpus)."""
    memo: dict[tuple, float] = {}

    def cached(src: Sequence[int], tgt: Sequence[int]) -> float:
        key = (tuple(src), tuple(tgt))
        value = memo.get(key)
        if value is None:
            value = memo[key] = cosine(src, tgt)
        return value
    return cached


def _summed_gain_screen(summed: Callable, params: AlignParams) -> Callable:
    """screen for recheck_beads on merged texts: a detachment whose gain in
    summed-vector cosine falls short of text_detach_gain by more than
    rescore_margin is not worth encoding the merged texts for."""
    def screen(bead, rest, need) -> bool:
        gain = summed(*rest) - summed(*bead)
        return gain >= need - params.rescore_margin
    return screen


def recheck_beads(beads, cosine: Callable, best_s, best_t, scale, params: AlignParams = DEFAULT_PARAMS,
                  src_cheap=None, tgt_cheap=None, *, detach_gain: Optional[float] = None,
                  detach_z: Optional[float] = None, prefetch: Optional[Callable] = None,
                  screen: Optional[Callable] = None, split_cosine: Optional[Callable] = None,
                  cues: Optional[tuple] = None, anchors: Optional[tuple] = None,
                  any_gain: Optional[float] = None, batch: bool = False) -> list[Bead]:
    """SentAlign-style re-check of merged beads.

    ``cosine(src_run, tgt_run)`` scores a bead: the cosine of the summed
    sentence vectors (_bead_cosine) or of the runs' merged texts
    (windows.WindowVectors.cosine).  The DP may still glue a sentence with
    no counterpart to the edge of a good bead (the run vector of a long bead
    hardly moves).  An edge run of a merged side is detached into one-sided
    beads when (1) the cosine of what remains rises by at least
    ``detach_gain`` (default params.detach_gain) and (2) each of its
    sentences resembles nothing on the other side: its best cosine in the
    band is at most ``detach_z`` (default params.detach_z) on this pair's
    scale (see skip_scores); stray lines flagged cheap need only (1), and so
    does everything when ``scale`` is None (too few anchors to tell).
    Repeated until no edge qualifies.  With a scale, a bead whose cosine is
    at most ``split_z`` on it (barely above two random sentences) aligns
    nothing: each of its sentences becomes one-sided.  ``prefetch(pairs)``
    is told the (src_run, tgt_run) pairs about to be scored, so merged-text
    windows are encoded in one batch; ``screen(bead, rest, need)`` (optional)
    rules out a detachment before it is scored (a cheaper cosine shows it
    cannot gain enough); ``split_cosine`` (default ``cosine``) is the one
    the split test uses.  ``cues`` (each side's join_cues): a run is never
    cut from its bead where punctuation joins it to the rest; ``anchors``
    (the pair's anchor_matrices): a run sharing a rare anchor with the
    bead's other side stays; ``any_gain``: a run that is not free leaves
    too when the gain reaches this (None: never).  ``batch``: ``prefetch``
    is first told every bead's first-round pairs at once (for windows
    whose vectors do not depend on their batch, WindowVectors.batch_free).
    """
    gain = params.detach_gain if detach_gain is None else detach_gain
    zmax = params.detach_z if detach_z is None else detach_z
    if scale is not None:
        base, typical = scale
        z_s, z_t = (best_s - base) / (typical - base), (best_t - base) / (typical - base)
    else:
        z_s, z_t = np.full(len(best_s), -np.inf), np.full(len(best_t), -np.inf)
    cheap_s = np.zeros(len(best_s), bool) if src_cheap is None else np.asarray(src_cheap, bool)
    cheap_t = np.zeros(len(best_t), bool) if tgt_cheap is None else np.asarray(tgt_cheap, bool)
    free = (cheap_s | (z_s <= zmax), cheap_t | (z_t <= zmax))  # sentences allowed to leave
    weak = None if scale is None else scale[0] + params.split_z * (scale[1] - scale[0])
    split_cosine = cosine if split_cosine is None else split_cosine
    if batch and prefetch is not None:
        _prefetch_first_options(beads, prefetch, lambda s, t: weak is not None and split_cosine(s, t) <= weak,
                                lambda s, t: _edge_options(s, t, free, gain, screen, cues, anchors, any_gain))
    out: list[Bead] = []
    for bead in beads:
        src, tgt = list(bead.src), list(bead.tgt)
        if weak is not None and src and tgt and split_cosine(src, tgt) <= weak:
            out += [Bead([i], []) for i in src] + [Bead([], [j]) for j in tgt]
            continue
        before, src, tgt, after = _detach_edges(src, tgt, cosine, free, gain, prefetch, screen, cues, anchors, any_gain)
        if weak is not None and src and tgt and split_cosine(src, tgt) <= weak:
            before = (before[0] + src, before[1] + tgt)
            src, tgt = [], []
        out += [Bead([i], []) for i in before[0]] + [Bead([], [j]) for j in before[1]]
        if src or tgt:
            out.append(Bead(src, tgt))
        out += [Bead([i], []) for i in after[0]] + [Bead([], [j]) for j in after[1]]
    return out


def _detach_edges(src: list[int], tgt: list[int], cosine: Callable, free, gain: float, prefetch, screen,
                  cues=None, anchors=None, any_gain=None):
    """The detaching loop of recheck_beads for one bead: ((source, target)
    sentences detached before it, remaining source, remaining target,
    (source, target) detached after it)."""
    before: tuple[list[int], list[int]] = ([], [])
    after: tuple[list[int], list[int]] = ([], [])
    while src and tgt and len(src) + len(tgt) >= 3:
        options = _edge_options(src, tgt, free, gain, screen, cues, anchors, any_gain)
        if not options:
            break
        if prefetch is not None:
            prefetch([(src, tgt)] + [o[3] for o in options])
        cur = cosine(src, tgt)
        best = None
        for side, head, k, pair, need in options:
            g = cosine(*pair) - cur
            if g >= need and (best is None or g > best[0]):
                best = (g, side, head, k)
        if best is None:
            break
        _, side, head, k = best
        seq = src if side == 0 else tgt
        if head:
            before[side].extend(seq[:k])
            del seq[:k]
        else:
            after[side][:0] = seq[-k:]
            del seq[-k:]
    return before, src, tgt, after


def _edge_options(src: list[int], tgt: list[int], free, gain: float, screen, cues, anchors, any_gain) -> list:
    """The detachments _detach_edges weighs for the bead (src, tgt):
    (side, head, k, what remains as a (source, target) pair, gain needed)."""
    options = []
    for side, seq in ((0, src), (1, tgt)):
        # an edge run (a footer block, a stray caption pair) leaves as a whole
        for k in range(1, len(seq)):
            for head in (True, False):
                run, rest = (seq[:k], seq[k:]) if head else (seq[-k:], seq[:-k])
                pair = (rest, tgt) if side == 0 else (src, rest)
                if cues is not None and cues[side][seq[k - 1] if head else seq[-k - 1]]:
                    continue  # punctuation joins the run to the rest (join_cues)
                if anchors is not None and _shares_anchor(anchors, side, run, tgt if side == 0 else src):
                    continue  # a number or name the other side has too
                need = gain if all(free[side][x] for x in run) else any_gain
                if need is not None and (screen is None or screen((src, tgt), pair, need)):
                    options.append((side, head, k, pair, need))
    return options


def _prefetch_first_options(beads, prefetch: Callable, split: Callable, options: Callable) -> None:
    """Tell ``prefetch``, in one call, the pairs the first round of
    _detach_edges scores for every bead that ``split`` does not split
    (each bead's own later rounds ask for theirs as before).  One batch of
    windows instead of one per bead: the run encoder's fixed cost per call
    (2 ms, more than a few windows' work) was paid for each bead."""
    pairs = []
    for bead in beads:
        src, tgt = list(bead.src), list(bead.tgt)
        if src and tgt and len(src) + len(tgt) >= 3 and not split(src, tgt):
            found = options(src, tgt)
            if found:
                pairs += [(src, tgt)] + [o[3] for o in found]
    if pairs:
        prefetch(pairs)


def _one_sided_run(beads: Sequence[Bead], k: int, step: int) -> list[int]:
    """Indexes of the one-sided beads next to beads[k], going ``step``
    (-1: before it, +1: after it), up to the first two-sided bead."""
    out, q = [], k + step
    while 0 <= q < len(beads) and not (beads[q].src and beads[q].tgt):
        out.append(q)
        q += step
    return out


def _shift_options(beads: Sequence[Bead], k: int, reach: int):
    """Where the bead beads[k] could move: (kept side, kept run, new partner
    run, indexes of the one-sided beads involved) for each run of at most
    len(partner side) consecutive one-sided sentences of the other side
    within ``reach`` sentences before or after it."""
    bead = beads[k]
    out = []
    for step in (-1, 1):
        run = _one_sided_run(beads, k, step)
        for side in (0, 1):
            free = sorted(x for q in run for x in (beads[q].tgt if side == 0 else beads[q].src))
            free = free[-reach:] if step < 0 else free[:reach]
            width = len(bead.tgt) if side == 0 else len(bead.src)
            for a in range(len(free)):
                for b in range(a + 1, min(a + width, len(free)) + 1):
                    part = free[a:b]
                    if part[-1] - part[0] == len(part) - 1:  # consecutive
                        out.append((side, bead.src if side == 0 else bead.tgt, part, run))
    return out


def _shift_pairs(options, bead: Optional[tuple] = None) -> list:
    """The (source run, target run) pairs of _shift_options' options, after
    the bead's own (src, tgt) when given and there is an option."""
    pairs = [((run, part) if side == 0 else (part, run)) for side, run, part, _ in options]
    return ([bead] + pairs if pairs else []) if bead is not None else pairs


def shift_beads(beads: list[Bead], cosine: Callable, gain: float, reach: int,
                prefetch: Optional[Callable] = None, recheck: Optional[Callable] = None,
                batch: bool = False) -> list[Bead]:
    """Move a two-sided bead onto the one-sided sentences next to it when
    they suit it better (issue 11, Text+Berg 002: the last German sentence
    glued to an untranslated French block while its own translation, just
    before the block, was left one-sided).  For a bead with one-sided beads
    next to it, one side's run is paired instead with a run of consecutive
    one-sided sentences of the other side (at most as long as the side it
    replaces, within ``reach`` sentences); the best such pair wins when its
    ``cosine`` (any bead score: the caller passes merged-text cosines times
    the length penalty) beats the bead's by ``gain`` or more, and the sentences it
    leaves become one-sided.  Order on each side is kept: only one-sided
    beads lie between the bead and its new partner.  ``recheck`` (list of
    beads -> list of beads, e.g. recheck_beads with its settings) judges
    the moved bead as the first re-check judged the others.  ``batch``:
    ``prefetch`` is first told every bead's pairs at once (as recheck_beads'
    ``batch``; a bead that moves changes only its neighbours' options,
    whose pairs are then asked for as before)."""
    out = list(beads)
    if batch and prefetch is not None:
        ahead = [pair for k, bead in enumerate(out) if bead.src and bead.tgt
                 for pair in _shift_pairs(_shift_options(out, k, reach), (bead.src, bead.tgt))]
        if ahead:
            prefetch(ahead)
    k = 0
    while k < len(out):
        bead = out[k]
        options = _shift_options(out, k, reach) if bead.src and bead.tgt else []
        pairs = _shift_pairs(options)
        if prefetch is not None and pairs:
            prefetch([(bead.src, bead.tgt)] + pairs)
        best = None
        if pairs:
            cur = cosine(bead.src, bead.tgt)
            for opt, pair in zip(options, pairs):
                g = cosine(*pair) - cur
                if g >= gain and (best is None or g > best[0]):
                    best = (g, pair, opt[3])
        if best is None:
            k += 1
            continue
        _, (src, tgt), involved = best
        region = sorted(set(involved) | {k})
        free_s = sorted({x for q in region for x in out[q].src} - set(src))
        free_t = sorted({x for q in region for x in out[q].tgt} - set(tgt))
        moved = [Bead(list(src), list(tgt))]
        if recheck is not None:
            moved = recheck(moved)
        new = ([Bead([i], []) for i in free_s if i < src[0]] + [Bead([], [j]) for j in free_t if j < tgt[0]]
               + moved
               + [Bead([i], []) for i in free_s if i > src[0]] + [Bead([], [j]) for j in free_t if j > tgt[0]])
        out[region[0]:region[-1] + 1] = new
        k = region[0] + len(new) - sum(1 for i in free_s if i > src[0]) - sum(1 for j in free_t if j > tgt[0])
    return out


def _shares_anchor(anchors, side: int, run: Sequence[int], other: Sequence[int]) -> bool:
    """True when sentences ``run`` of one side (0: source) and ``other`` of
    the other side share a rare anchor token (anchors: the pair's
    anchor_matrices, source then target)."""
    mine, theirs = anchors[side], anchors[1 - side]
    if mine is None or theirs is None or mine.shape[1] == 0:
        return False
    return float(mine[list(run)].sum(axis=0) @ theirs[list(other)].sum(axis=0)) > 0


@dataclass
class _BeadScorer:
    """What scoring a bead of one pair needs, computed once (see _banded_dp).

    ``G`` holds the prefix-sum dot products of the sentence vectors, ``H``
    those of the anchor-token rows (None without anchors); ``nrm_*`` /
    ``anrm_*`` the norms of every run up to ``max_run``; ``ls`` / ``lt`` the
    cumulative character lengths (target scaled to the source's total; None
    without length penalty); ``cum_blind_*[i]`` the blind sentences among
    [0, i); ``cum_skip_t[j]`` the total 0-1 score of target sentences [0, j).
    """

    params: AlignParams
    n: int
    m: int
    types: list
    ta: np.ndarray
    tb: np.ndarray
    max_run: int
    reach: int
    skip_src: np.ndarray
    cum_skip_t: np.ndarray
    cum_blind_s: np.ndarray
    cum_blind_t: np.ndarray
    G: "_PrefixProducts"
    nrm_s: np.ndarray
    nrm_t: np.ndarray
    H: Optional["_PrefixProducts"]
    anrm_s: Optional[np.ndarray]
    anrm_t: Optional[np.ndarray]
    ls: Optional[np.ndarray]
    lt: Optional[np.ndarray]
    cum_cue_s: Optional[np.ndarray] = None
    cum_cue_t: Optional[np.ndarray] = None
    cum_rand_s: Optional[np.ndarray] = None
    cum_rand_t: Optional[np.ndarray] = None
    len_power: float = 1.0
    cues: Optional[tuple] = None  # each side's join_cues (with texts), read again by the re-check


def _bead_scorer(src_emb, tgt_emb, src_texts, tgt_texts, a_src, a_tgt, lo, hi, params: AlignParams,
                 skip_src, skip_tgt, blind_src, blind_tgt) -> _BeadScorer:
    """Per-pair precomputation for _banded_dp: bead types, prefix sums, run
    norms, cumulative skips, blind counts and lengths."""
    n, m = src_emb.shape[0], tgt_emb.shape[0]
    skip_src = np.full(n, params.skip) if skip_src is None else np.asarray(skip_src, dtype=np.float64)
    skip_tgt = np.full(m, params.skip) if skip_tgt is None else np.asarray(skip_tgt, dtype=np.float64)
    cum_blind_s = np.concatenate([[0], np.cumsum(np.zeros(n) if blind_src is None else np.asarray(blind_src, float))])
    cum_blind_t = np.concatenate([[0], np.cumsum(np.zeros(m) if blind_tgt is None else np.asarray(blind_tgt, float))])
    types = bead_types(params)
    ta = np.array([a for a, _ in types])
    tb = np.array([b for _, b in types])
    max_run = int(max(ta.max(), tb.max()))
    reach = max_run + 1  # how far a bead and its neighbours look back
    ps, pt = _prefix(src_emb), _prefix(tgt_emb)
    rows_all = np.arange(n + 1)
    # columns row r must provide: cells of rows r-1 .. r+reach, looking back reach
    col_lo = np.maximum(lo[np.maximum(rows_all - 1, 0)] - reach - 1, 0)
    col_hi = np.minimum(hi[np.minimum(rows_all + reach, n)] + 1, m)
    gwidth = int((col_hi - col_lo).max()) + 1
    H = anrm_s = anrm_t = None
    if a_src is not None and a_src.shape[1] > 0 and params.anchor_bonus > 0:
        qs, qt = _prefix(a_src), _prefix(a_tgt)
        anrm_s, anrm_t = _run_norms(qs, max_run), _run_norms(qt, max_run)
        H = _PrefixProducts(qs, qt, col_lo, gwidth)
    ls = lt = None
    if params.len_penalty and src_texts is not None and tgt_texts is not None:
        ls, lt = length_prefix(src_texts, tgt_texts)
    cues = (join_cues(src_texts), join_cues(tgt_texts)) if src_texts is not None and tgt_texts is not None else None
    rand = (None, None)
    if params.random_norm:
        mu_s, mu_t = src_emb.astype(np.float64).mean(axis=0), tgt_emb.astype(np.float64).mean(axis=0)
        rand = (np.concatenate([[0.0], np.cumsum(src_emb.astype(np.float64) @ mu_t)]),
                np.concatenate([[0.0], np.cumsum(tgt_emb.astype(np.float64) @ mu_s)]))
    return _BeadScorer(params, n, m, types, ta, tb, max_run, reach, skip_src,
                       np.concatenate([[0.0], np.cumsum(skip_tgt)]), cum_blind_s, cum_blind_t,
                       _PrefixProducts(ps, pt, col_lo, gwidth), _run_norms(ps, max_run), _run_norms(pt, max_run),
                       H, anrm_s, anrm_t, ls, lt, *_cue_prefixes(cues, n, m, params), *rand, cues=cues)


def _cue_prefixes(side_cues, n: int, m: int, params: AlignParams):
    """cum[k]: join cues among junctions [0, k) of each side (junction x
    lies between lines x and x + 1) from each side's join_cues
    (``side_cues``); (None, None) without them or without bonus."""
    if params.cue_bonus <= 0 or side_cues is None:
        return None, None
    out = []
    for joins, size in zip(side_cues, (n, m)):
        cues = np.zeros(size + 1)
        cues[:max(size - 1, 0)] = joins
        out.append(np.concatenate([[0.0], np.cumsum(cues)]))
    return tuple(out)


def _neighbour_margin(sc: _BeadScorer, i2, j2, a2, b2, Jc, ns, nt):
    """Bertalign's margin: the mean similarity of each side's run to the
    sentences just before and after the other side's run."""
    G, n, m = sc.G, sc.n, sc.m
    inv_s, inv_t = 1 / np.maximum(ns, 1e-9), 1 / np.maximum(nt, 1e-9)
    has_tl, has_tr = (j2 - b2) >= 1, j2 < m
    t_l = np.where(has_tl, G.run_dot(i2, a2, j2 - b2, 1) * inv_s, 0.0)
    t_r = np.where(has_tr, G.run_dot(i2, a2, np.minimum(j2 + 1, m), 1) * inv_s, 0.0)
    t_nb = (t_l + t_r) / np.maximum(has_tl.astype(float) + has_tr, 1)
    has_sl, has_sr = (i2 - a2) >= 1, i2 < n
    s_l = np.where(has_sl, G.run_dot(i2 - a2, 1, Jc, b2) * inv_t, 0.0)
    s_r = np.where(has_sr, G.run_dot(np.minimum(i2 + 1, n), 1, Jc, b2) * inv_t, 0.0)
    s_nb = (s_l + s_r) / np.maximum(has_sl.astype(float) + has_sr, 1)
    return (t_nb + s_nb) / 2


# beads whose member penalty is computed at once (each holds up to 2 x
# max_run members): a chunk of a long document goes in blocks of this many
_MEMBER_BLOCK = 200_000


def _member_penalty(sc: _BeadScorer, i2, a2, Jc, b2, ns, nt, sim_raw):
    """How far the sentences of a merged side fall below the cosine each
    should reach with the other side, summed (SentAlign re-checks merges):
    an unrelated footer or caption absorbed into a 1-n bead barely moves the
    run's vector, but its own cosine with the other side is low.

    Arrays broadcast to the shape of ``sim_raw``; the beads are taken a
    block at a time (each bead's penalty depends on nothing else)."""
    shape = np.shape(sim_raw)
    cols = [np.broadcast_to(x, shape).ravel() for x in (i2, a2, Jc, b2, ns, nt, sim_raw)]
    pen = np.zeros(cols[0].size)
    for e0 in range(0, pen.size, _MEMBER_BLOCK):
        pen[e0:e0 + _MEMBER_BLOCK] = _member_block(sc, *(c[e0:e0 + _MEMBER_BLOCK] for c in cols))
    return pen.reshape(shape)


def _member_pairs(size: np.ndarray, max_run: int):
    """(bead, member k) pairs of the beads whose side has ``size`` >= 2
    sentences, member k < size (and < max_run): bead indexes, member
    offsets and where each k's pairs start (k ascending; within a k, each
    bead once, largest sides first)."""
    merged = np.nonzero(size >= 2)[0]
    order = merged[np.argsort(-size[merged], kind="stable")]
    # beads with member k: the first count[k] of ``order`` (sizes descending)
    count = np.searchsorted(-size[order], -np.arange(max_run), side="left")
    starts = np.concatenate([[0], np.cumsum(count)])
    return np.concatenate([order[:c] for c in count]), np.repeat(np.arange(max_run), count), starts


def _member_block(sc: _BeadScorer, i2, a2, Jc, b2, ns, nt, sim_raw):
    """_member_penalty of 1-D arrays of beads.  Only the members that exist
    are scored (a 1-8 bead has 8 target members, a 1-2 bead 2): the
    (bead, member) pairs of each side in one array, then each bead's
    penalties summed in the order of a loop over k (k = 0, 1, ...: its
    target member, then its source member), so the sum is that loop's to
    the bit (tests/test_align_members.py compares them)."""
    params, G, n, m = sc.params, sc.G, sc.n, sc.m
    floor = np.maximum(params.member_floor, params.member_rel * sim_raw)
    parts = []
    # target member k (column Jc - b2 + k) against the whole source run
    e, k, starts = _member_pairs(b2, sc.max_run)
    c = G.run_dot(i2[e], a2[e], _iclip(Jc[e] - b2[e] + k + 1, 0, m), 1) / np.maximum(ns[e], 1e-9)
    parts.append((e, np.maximum(floor[e] - c, 0.0), starts))
    # source member k (row i2 - a2 + k) against the whole target run
    e, k, starts = _member_pairs(a2, sc.max_run)
    c = G.run_dot(_iclip(i2[e] - a2[e] + k + 1, 0, n), 1, Jc[e], b2[e]) / np.maximum(nt[e], 1e-9)
    parts.append((e, np.maximum(floor[e] - c, 0.0), starts))
    pen = np.zeros(sim_raw.shape)
    for k in range(sc.max_run):
        for e, v, starts in parts:
            pen[e[starts[k]:starts[k + 1]]] += v[starts[k]:starts[k + 1]]
    return pen


def _two_sided_scores(sc: _BeadScorer, i2, j2, a2, b2, text_cos: Optional[np.ndarray] = None):
    """Score of each two-sided bead ending at (i2, j2) with a2 source and b2
    target sentences: run cosine, less the neighbour margin, times the
    length penalty, plus the anchor bonus, less the member penalty and the
    bead and merge costs; blind sentences make it hopeless.

    ``text_cos``: the cosine of the runs' merged texts (windows.py) instead
    of their summed vectors; it judges the members itself, so the member
    penalty (and the neighbour margin) are left out."""
    params, n, m = sc.params, sc.n, sc.m
    Jc = np.minimum(j2, m)
    ns = sc.nrm_s[np.broadcast_to(a2, i2.shape), np.minimum(i2, n)]
    nt = sc.nrm_t[np.broadcast_to(b2, j2.shape), Jc]
    if text_cos is not None:
        sim = sim_raw = np.asarray(text_cos, dtype=np.float64)
    else:
        sim = sim_raw = sc.G.run_dot(i2, a2, Jc, b2) / np.maximum(ns * nt, 1e-9)
    if params.margin and text_cos is None:
        sim = sim - _neighbour_margin(sc, i2, j2, a2, b2, Jc, ns, nt)
    if sc.cum_rand_s is not None:
        # vecalign: 1 - cos divided by the mean of each run's 1 - cos with random sentences of the other side
        r_s = (sc.cum_rand_s[np.minimum(i2, n)] - sc.cum_rand_s[_iclip(i2 - a2, 0, n)]) / np.maximum(ns, 1e-9)
        r_t = (sc.cum_rand_t[Jc] - sc.cum_rand_t[_iclip(Jc - b2, 0, m)]) / np.maximum(nt, 1e-9)
        sim = 1 - 2 * (1 - sim) / np.maximum(2 - r_s - r_t, 1e-3)
    if sc.ls is not None:
        l_s = sc.ls[np.minimum(i2, n)] - sc.ls[np.maximum(i2 - a2, 0)]
        l_t = sc.lt[Jc] - sc.lt[np.maximum(Jc - b2, 0)]
        pen = np.log2(1 + np.minimum(l_s, l_t) / np.maximum(np.maximum(l_s, l_t), 1e-9))
        sim = sim * (pen ** sc.len_power if text_cos is None else pen ** params.text_len_power)
        if params.len_dev_weight > 0:
            sim = sim - params.len_dev_weight * np.log(np.maximum(l_s, 1e-9) / np.maximum(l_t, 1e-9)) ** 2
    if sc.H is not None:
        an = sc.anrm_s[np.broadcast_to(a2, i2.shape), np.minimum(i2, n)] * \
            sc.anrm_t[np.broadcast_to(b2, j2.shape), Jc]
        ov = sc.H.run_dot(i2, a2, Jc, b2)
        sim = sim + params.anchor_bonus * np.where(an > 0, ov / np.maximum(an, 1e-9), 0.0)
    if params.member_weight > 0 and text_cos is None:
        sim = sim - params.member_weight * _member_penalty(sc, i2, a2, Jc, b2, ns, nt, sim_raw)
    if sc.cum_cue_s is not None:
        # junctions inside the bead: source [i2 - a2, i2 - 1), target [Jc - b2, Jc - 1)
        inner = (sc.cum_cue_s[_iclip(i2 - 1, 0, n)] - sc.cum_cue_s[_iclip(i2 - a2, 0, n)]
                 + sc.cum_cue_t[_iclip(Jc - 1, 0, m)] - sc.cum_cue_t[_iclip(Jc - b2, 0, m)])
        sim = sim + params.cue_bonus * np.maximum(inner, 0.0)
    blind = (sc.cum_blind_s[np.minimum(i2, n)] - sc.cum_blind_s[_iclip(i2 - a2, 0, n)]
             + sc.cum_blind_t[Jc] - sc.cum_blind_t[_iclip(Jc - b2, 0, m)])
    return sim - params.bead_cost - params.merge_cost * (a2 + b2 - 2) - 1e6 * blind


_NEG = -1e18  # the score of a cell the DP cannot reach


def _chunk_scores(sc: _BeadScorer, lo, hi, width: int, c0: int, c1: int):
    """Scores of every bead type ending in each cell of rows [c0, c1), shape
    (types, rows, width) with column k of row i meaning target j = lo[i] + k;
    beads that leave the band score _NEG.  Also, per cell and type, the row
    (Rc) and column slot (prev_k) the bead starts from."""
    kk = np.arange(width)
    I = np.arange(c0, c1)[None, :, None]
    J = lo[c0:c1][None, :, None] + kk[None, None, :]
    A = sc.ta[:, None, None]
    B = sc.tb[:, None, None]
    R = I - A
    Rc = np.maximum(R, 0)
    PJ = J - B
    valid = (J <= hi[c0:c1][None, :, None]) & (R >= 0) & (PJ >= lo[Rc]) & (PJ <= hi[Rc]) & (PJ >= 0)
    valid &= ~((A == 0) & (B == 1))  # 0-1 beads: swept along each row (_advance_row)
    score = np.full(valid.shape, _NEG)
    t10 = sc.types.index((1, 0))
    score[t10] = np.where(valid[t10], sc.skip_src[_iclip(np.broadcast_to(I[0], valid.shape[1:]) - 1, 0, sc.n - 1)],
                          _NEG)
    ts = np.nonzero((sc.ta > 0) & (sc.tb > 0))[0]
    # two-sided beads: only those inside the band are scored (about half of
    # the cells and types; a bead's score depends on it alone)
    t, r, k = np.nonzero(valid[ts])
    rows = c0 + r
    score[ts[t], r, k] = _two_sided_scores(sc, rows, lo[rows] + k, sc.ta[ts[t]], sc.tb[ts[t]])
    prev_k = _iclip(PJ - lo[Rc], 0, width - 1)
    return score, Rc, prev_k


def _advance_row(sc: _BeadScorer, cost, i: int, r: int, score, Rc, prev_k, lo, hi, width: int):
    """Best score and bead type of every cell of row i (chunk row r), given
    the rows above in ``cost``: the best bead ending in the cell, then 0-1
    beads swept along the row."""
    kk = np.arange(width)
    if i == 0:
        row = np.full(width, _NEG)
        row[0] = 0.0
        ptr = np.full(width, -1, dtype=np.int16)
    else:
        prev = cost[Rc[:, r, :], prev_k[:, r, :]] + score[:, r, :]
        ptr = np.argmax(prev, axis=0).astype(np.int16)
        row = prev[ptr, kk]
    # 0-1 beads along the row: row[k] = max over k' <= k of row[k'] + (skips of columns k'..k-1)
    lim = hi[i] - lo[i] + 1
    cum = sc.cum_skip_t[lo[i]:lo[i] + lim]
    shifted = row[:lim] - cum
    best = np.maximum.accumulate(shifted)
    swept = best + cum
    take = swept > row[:lim] + 1e-12
    row[:lim] = np.where(take, swept, row[:lim])
    ptr[:lim] = np.where(take, sc.types.index((0, 1)), ptr[:lim])
    row[lim:] = _NEG
    return row, ptr


def _trace_back(back, lo, types, n: int, m: int) -> list[Bead]:
    """The beads of the best path, read back from (n, m) to (0, 0)."""
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        if t < 0:  # cannot happen with a connected band
            raise RuntimeError(f"alignment DP has no path through ({i}, {j})")
        a, b = types[t]
        beads.append(Bead(list(range(i - a, i)), list(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return beads


def _banded_dp(src_emb, tgt_emb, src_texts, tgt_texts, a_src, a_tgt, lo, hi, params: AlignParams,
               skip_src: Optional[np.ndarray] = None, skip_tgt: Optional[np.ndarray] = None,
               blind_src: Optional[np.ndarray] = None, blind_tgt: Optional[np.ndarray] = None) -> list[Bead]:
    """Best monotonic bead path inside the band.  ``skip_src``/``skip_tgt``
    give each sentence's own 1-0 / 0-1 score (default: ``params.skip``);
    sentences flagged in ``blind_*`` never enter a two-sided bead.

    Rows are scored a chunk at a time (bead scores for every type and cell
    of the chunk at once), so memory stays linear in document length."""
    sc = _bead_scorer(src_emb, tgt_emb, src_texts, tgt_texts, a_src, a_tgt, lo, hi, params,
                      skip_src, skip_tgt, blind_src, blind_tgt)
    return _dp_path(sc, lo, hi)


def _dp_path(sc: _BeadScorer, lo, hi) -> list[Bead]:
    """The DP of _banded_dp over a prepared scorer."""
    n, m = sc.n, sc.m
    width = int((hi - lo).max()) + 1
    cost = np.full((n + 1, width), _NEG)
    back = np.full((n + 1, width), -1, dtype=np.int16)
    chunk = max(8, int(4_000_000 // (len(sc.types) * width)))
    for c0 in range(0, n + 1, chunk):
        c1 = min(n + 1, c0 + chunk)
        sc.G.load(c0 - sc.reach - 1, c1 + 1)
        if sc.H is not None:
            sc.H.load(c0 - sc.reach - 1, c1 + 1)
        score, Rc, prev_k = _chunk_scores(sc, lo, hi, width, c0, c1)
        for i in range(c0, c1):
            cost[i], back[i] = _advance_row(sc, cost, i, i - c0, score, Rc, prev_k, lo, hi, width)
    return _trace_back(back, lo, sc.types, n, m)


def rescore_with_text(beads: list[Bead], sc: _BeadScorer, lo, hi, windows: WindowVectors,
                      params: AlignParams = DEFAULT_PARAMS) -> list[Bead]:
    """The best path again, over the lattice around ``beads`` (windows.py),
    with merged beads scored by the cosine of their runs' texts.

    Every lattice edge first gets the DP's own score (summed vectors, the
    sentences' 1-0 / 0-1 scores).  Edges whose best path scores within
    ``params.rescore_margin`` of the best are kept, with the path's own; the
    rest are dropped.  A kept two-sided edge that some kept chain can avoid
    is rescored with ``windows`` (a one-sentence side is its own vector, so a
    1-1 bead keeps its score); an edge every kept chain uses cannot change
    the answer and keeps its score, unencoded.  The best chain wins."""
    allowed = {(a, b) for a, b in sc.types if a and b}
    nodes, edges = path_lattice(beads, lo, hi, params.rescore_reach, allowed)
    cells = np.array(edges, dtype=np.int64).reshape(len(edges), 2, 2)  # one conversion for all (p, q)
    p, q = cells[:, 0], cells[:, 1]
    a, b = q[:, 0] - p[:, 0], q[:, 1] - p[:, 1]
    two = (a > 0) & (b > 0)
    skip_t = np.diff(sc.cum_skip_t)
    scores = np.where(b == 0, sc.skip_src[np.minimum(p[:, 0], sc.n - 1)], skip_t[np.minimum(p[:, 1], sc.m - 1)])
    sc.G.load(0, sc.n + 1)
    if sc.H is not None:
        sc.H.load(0, sc.n + 1)
    scores[two] = _two_sided_scores(sc, q[two, 0], q[two, 1], a[two], b[two])
    best, through = max_marginals(nodes, edges, scores)
    cells = path_boundaries(beads)
    on_path = set(zip(cells, cells[1:]))
    near = (through >= best - params.rescore_margin).tolist()
    kept = [e for e in range(len(edges)) if edges[e] in on_path or near[e]]
    forced = forced_edges(nodes, [edges[e] for e in kept])
    redo = np.array([e for e, f in zip(kept, forced) if two[e] and not f], dtype=np.int64)
    pl, ql = p.tolist(), q.tolist()
    runs = [(range(pl[e][0], ql[e][0]), range(pl[e][1], ql[e][1])) for e in redo.tolist()]
    windows.prefetch(runs)
    src_texts, tgt_texts = windows.texts["s"], windows.texts["t"]
    if sc.ls is not None and params.cjk_word_lengths and is_cjk_side(src_texts) != is_cjk_side(tgt_texts):
        # choosing between neighbouring boundaries: the CJK length model
        sc = dataclasses.replace(sc)
        sc.ls, sc.lt = _length_prefix(src_texts, tgt_texts, length_units)  # scripts differ: tested above
    if len(redo):
        text_cos = np.array([windows.cosine(*r) for r in runs])
        scores[redo] = _two_sided_scores(sc, q[redo, 0], q[redo, 1], a[redo], b[redo], text_cos)
    path = best_path(nodes, [edges[e] for e in kept], scores[kept])
    return [Bead(list(range(p0[0], p1[0])), list(range(p0[1], p1[1]))) for p0, p1 in path]


def align_sentences(src_texts: Sequence[str], tgt_texts: Sequence[str], encoder,
                    params: AlignParams = DEFAULT_PARAMS, **sides) -> list[Bead]:
    """Embed both sides with ``encoder`` (anything with ``encode``) and align;
    the same encoder embeds merged windows (align_embeddings' ``encode``).
    ``sides``: the keyword arguments of align_embeddings that describe each
    sentence (``src_langs``, ``tgt_langs``, ``src_kinds``, ``tgt_kinds``,
    ``src_tokens``, ``tgt_tokens``)."""
    src_texts, tgt_texts = list(src_texts), list(tgt_texts)
    if not src_texts or not tgt_texts:
        return align_embeddings(np.zeros((len(src_texts), 1)), np.zeros((len(tgt_texts), 1)), params=params)
    emb = encoder.encode(src_texts + tgt_texts)
    return align_embeddings(emb[: len(src_texts)], emb[len(src_texts):], src_texts, tgt_texts, params,
                            encode=encoder.encode, **sides)


def check_beads(beads: Sequence[Bead], n: int, m: int) -> None:
    """Raise ValueError unless beads cover 0..n-1 and 0..m-1 once each, in order."""
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    if src != list(range(n)) or tgt != list(range(m)):
        raise ValueError("beads do not cover both sides exactly once, in order")
    if any(not b.src and not b.tgt for b in beads):
        raise ValueError("empty bead")
