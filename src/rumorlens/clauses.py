"""Clause alignment inside beads of several sentences.

A many-to-many bead (a Chinese sentence against three English ones, a
French paragraph against a transcript's lines) holds several statements per
side; checks that pair things across the two sides (numbers, names,
negation, claims) must pair them within the statement that corresponds, not
anywhere in the bead ("the 20th congress" is not "the two countries").

This module, run by the align stage after each pair is aligned:

- splits each side of a bead into clauses (:func:`clause_spans`): sentences
  first (a line of a transcript is a sentence), then inside a sentence
  after clause punctuation (，；： , ; : and dashes) and before
  conjunctions (models/lexicons/clauses.json); pieces too short to stand
  alone join a neighbour;
- aligns the clauses of the two sides monotonically (:func:`align_clauses`):
  a dynamic programme over groups of 0-3 clauses a side, scored by the
  cosine of the groups' summed clause vectors from the sentence encoder plus
  a bonus for shared numbers and Latin names, minus a floor, so a clause
  with no counterpart stays one-sided;
- records the result on the bead (``Bead.clauses``): a list of
  ``[src_spans, tgt_spans]``, each span ``[start, end]`` in code points of
  the document text, either list possibly empty.

Only beads with two sides and at least three sentences between them are
split (a 1-1 bead is one statement pair by construction), so the clause
texts sent to the encoder are linear in the corpus; they go through the
same cached encoder as sentences.  Sentences whose kind is not text
(markup, boilerplate) stay out: they are one-sided clauses of their own.
The parameters and how they were chosen are in models/thresholds/clauses.json.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from .langs import HAN, HANDLED, text_weight
from .mentions import lexicon
from .paths import models_dir, read_values
from .records import Bead, Sentence

Span = tuple[int, int]
# group shapes a step of the alignment may take: (source clauses, target clauses)
_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (4, 1), (1, 4))


@functools.lru_cache(maxsize=None)
def params() -> dict:
    """models/thresholds/clauses.json without its notes."""
    return read_values(models_dir() / "thresholds" / "clauses.json")


# --------------------------------------------------------------------------
# splitting


@dataclass(frozen=True)
class _Rules:
    cut: re.Pattern  # a clause mark: the clause ends after it
    conj: Optional[re.Pattern]  # a conjunction after a comma or mark: a clause starts at it
    strong: Optional[re.Pattern]  # a conjunction that opens a clause wherever it stands
    min_weight: int


def _conj_re(words: Sequence[str], lang: str, after_mark: bool) -> Optional[re.Pattern]:
    if not words:
        return None
    alt = lexicon.alternation(words)
    if lang == "zh":
        return re.compile(("(?<=[，；：,;:])" if after_mark else "(?<=[" + HAN + "])") + "(?=(?:" + alt + "))")
    lead = r"(?<=[,;:])\s+" if after_mark else r"(?<=\w)\s+"
    return re.compile(lead + r"(?=(?:" + alt + r")\b)", re.I)


@functools.lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    lx = lexicon.load("clauses")
    conf = lx.get(lang) or lx["en"]
    punct = re.escape(conf["punct"])
    if lang == "zh":
        cut = re.compile(r"[" + punct + r"]+(?![\d])|——|--")
    else:
        cut = re.compile(r"[" + punct + r"]+(?=\s)|\s(?:—|–|--)\s")
    return _Rules(cut, _conj_re(conf.get("conjunctions", []), lang, True),
                  _conj_re(conf.get("strong", []), lang, False), int(lx["min_weight"]))


def _cut_points(text: str, rules: _Rules) -> list[int]:
    points = {m.end() for m in rules.cut.finditer(text)}
    for pat in (rules.conj, rules.strong):
        if pat is not None:
            points.update(m.end() for m in pat.finditer(text))
    return sorted(p for p in points if 0 < p < len(text))


def _merge_short(pieces: list[Span], text: str, min_weight: int) -> list[Span]:
    """Pieces lighter than ``min_weight`` join the previous piece (the next
    one when they come first)."""
    out: list[Span] = []
    for s, e in pieces:
        if out and (text_weight(text[s:e]) < min_weight or text_weight(text[out[-1][0]:out[-1][1]]) < min_weight):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    if len(out) >= 2 and text_weight(text[out[-1][0]:out[-1][1]]) < min_weight:
        out[-2:] = [(out[-2][0], out[-1][1])]
    return out


def clause_spans(text: str, lang: str, offset: int = 0) -> list[Span]:
    """Clauses of one sentence ``text`` in language ``lang``: (start, end)
    spans shifted by ``offset``, trimmed of white space, in order, covering
    every non-space character.  A sentence too short to split is one clause."""
    rules = _rules(lang if lang in HANDLED else "en")
    pieces, prev = [], 0
    for p in _cut_points(text, rules) + [len(text)]:
        s, e = prev, p
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            pieces.append((s, e))
        prev = p
    pieces = _merge_short(pieces, text, rules.min_weight) or [(0, len(text))]
    return [(offset + s, offset + e) for s, e in pieces]


@dataclass
class _Clause:
    span: Span
    text: str
    content: bool  # False: markup or boilerplate, left one-sided and out of the scoring


def side_clauses(sentences: Sequence[Sentence]) -> list[_Clause]:
    """The clauses of one side of a bead, sentence by sentence."""
    out = []
    for s in sentences:
        if s.kind not in ("text", "heading"):
            out.append(_Clause((s.start, s.end), s.text, False))
            continue
        for a, b in clause_spans(s.text, s.lang, s.start):
            out.append(_Clause((a, b), s.text[a - s.start:b - s.start], True))
    return out


# --------------------------------------------------------------------------
# aligning


def _group_vec(vecs: np.ndarray, i: int, k: int) -> np.ndarray:
    v = vecs[i:i + k].sum(axis=0)
    n = float(np.sqrt(v.dot(v)))  # np.linalg.norm's own formula, without its dispatch
    return v / n if n > 0 else v


class _Groups:
    """Each side's group vectors (_group_vec) and anchor-token unions, by
    (start, size), computed once: the alignment DP asks for every group of
    one side against every group of the other (same values, once each)."""

    def __init__(self, vecs: np.ndarray, toks: Sequence[set]) -> None:
        self.vecs, self.toks = vecs, toks
        self._vec: dict[tuple[int, int], np.ndarray] = {}
        self._all: dict[tuple[int, int], set] = {}

    def vec(self, i: int, k: int) -> np.ndarray:
        v = self._vec.get((i, k))
        if v is None:
            v = self._vec[(i, k)] = _group_vec(self.vecs, i, k)
        return v

    def union(self, i: int, k: int) -> set:
        u = self._all.get((i, k))
        if u is None:
            u = self._all[(i, k)] = set().union(*self.toks[i:i + k])
        return u


def _group_score(sv, tv, s_tok, t_tok, i, k, j, l, p, groups: Optional[tuple["_Groups", "_Groups"]] = None) -> float:
    """Gain of pairing source clauses i..i+k with target clauses j..j+l:
    cosine of the summed vectors, plus the anchor bonus, minus the floor; a
    bigger group pays a small merge cost.  The bonus counts, for every
    clause of the group, the numbers and names it shares with the other
    side of the group (at most ``anchor_max`` each): a clause that carries
    a figure of the other side belongs with it, so "50 倍于 GPT-4" and
    "约 100 万亿参数" both join « 100 billions de paramètres 50 fois plus
    grand que GPT-4 »."""
    if groups is None:
        groups = (_Groups(sv, s_tok), _Groups(tv, t_tok))
    cos = float(groups[0].vec(i, k) @ groups[1].vec(j, l))
    s_all, t_all = groups[0].union(i, k), groups[1].union(j, l)
    cap = p["anchor_max"]
    # each clause's tokens lie in its side's union: disjoint unions share nothing
    shared = 0 if s_all.isdisjoint(t_all) else (sum(min(len(x & t_all), cap) for x in s_tok[i:i + k])
                                                + sum(min(len(x & s_all), cap) for x in t_tok[j:j + l]))
    return cos + p["anchor_bonus"] * shared / 2 - p["floor"] - p["merge_cost"] * (k + l - 2)


def align_clauses(sv: np.ndarray, tv: np.ndarray, s_tok: Sequence[set], t_tok: Sequence[set],
                  s_ok: Optional[Sequence[bool]] = None, t_ok: Optional[Sequence[bool]] = None,
                  p: Optional[dict] = None) -> list[tuple[list[int], list[int]]]:
    """Monotonic alignment of n source and m target clauses (unit vectors
    ``sv`` (n, d) and ``tv`` (m, d); anchor tokens per clause): groups of
    clause indices, in order, covering every clause once; a group with an
    empty side is a clause with no counterpart.  Clauses whose ``*_ok`` is
    False (furniture) are always one-sided.  Maximizes the summed
    :func:`_group_score` (one-sided groups score 0); ties go to the earlier
    move in ``_MOVES``, so the result is deterministic."""
    p = p or params()
    n, m = len(sv), len(tv)
    s_ok = list(s_ok) if s_ok is not None else [True] * n
    t_ok = list(t_ok) if t_ok is not None else [True] * m
    # rows of Python floats: the same sums as a float64 array's, without a
    # numpy scalar per cell and move (issue 12)
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0][0] = 0.0
    groups = (_Groups(sv, s_tok), _Groups(tv, t_tok))
    for i in range(n + 1):
        for j in range(m + 1):
            cur = best[i][j]
            for k, l in _MOVES:
                if k > i or l > j or not math.isfinite(best[i - k][j - l]):
                    continue
                if k and l and not (all(s_ok[i - k:i]) and all(t_ok[j - l:j])):
                    continue
                gain = 0.0 if 0 in (k, l) else _group_score(sv, tv, s_tok, t_tok, i - k, k, j - l, l, p, groups)
                if best[i - k][j - l] + gain > cur + 1e-9:
                    cur = best[i - k][j - l] + gain
                    back[i, j] = (k, l)
            best[i][j] = cur
    groups, i, j = [], n, m
    while i or j:
        k, l = back[i, j]
        groups.append((list(range(i - k, i)), list(range(j - l, j))))
        i, j = i - k, j - l
    return groups[::-1]


def needs_clauses(bead: Bead) -> bool:
    """Beads whose clauses are aligned: two sides, three sentences or more."""
    return bool(bead.src) and bool(bead.tgt) and len(bead.src) + len(bead.tgt) >= 3


def bead_clauses(src: list[_Clause], tgt: list[_Clause], vec: dict, tokens) -> list[list[list[list[int]]]]:
    """The clause groups of one bead as ``[[src spans], [tgt spans]]``,
    spans ``[start, end]``; ``vec`` maps a content clause's text to its unit
    vector, ``tokens`` gives a text's anchor tokens."""
    dim = len(next(iter(vec.values())))
    zero = np.zeros(dim, dtype="float32")
    sv = np.stack([vec[c.text] if c.content else zero for c in src])
    tv = np.stack([vec[c.text] if c.content else zero for c in tgt])
    s_tok = [tokens(c.text) if c.content else set() for c in src]
    t_tok = [tokens(c.text) if c.content else set() for c in tgt]
    groups = align_clauses(sv, tv, s_tok, t_tok, [c.content for c in src], [c.content for c in tgt])
    return [[[list(src[k].span) for k in gs], [list(tgt[k].span) for k in gt]] for gs, gt in groups]


def _sentence_vectors(texts: Sequence[str], sides) -> dict:
    """text -> the vector of a sentence whose text it is, for those of
    ``texts`` that are a whole sentence of a side; ``sides``: (sentences,
    their vectors or None) of each side."""
    wanted = set(texts)
    out: dict = {}
    for sents, emb in sides:
        if emb is None or len(emb) != len(sents) or np.ndim(emb) != 2:
            continue
        for k, s in enumerate(sents):
            if s.text in wanted and s.text not in out:
                out[s.text] = np.asarray(emb[k], dtype="float32")
    return out


def add_clauses(beads: list[Bead], src_sents: Sequence[Sentence], tgt_sents: Sequence[Sentence],
                encode: Callable[[list[str]], np.ndarray], src_emb: Optional[np.ndarray] = None,
                tgt_emb: Optional[np.ndarray] = None, src_tokens: Optional[Sequence[set]] = None,
                tgt_tokens: Optional[Sequence[set]] = None) -> None:
    """Set ``clauses`` on every bead of one pair that :func:`needs_clauses`
    (others keep None: the whole bead is one clause).  ``encode``: list of
    texts -> (n, d) unit vectors (the cached sentence encoder's ``encode``:
    clause texts equal to a sentence are not encoded again).
    ``src_emb``/``tgt_emb``: the sentences' vectors from that encoder
    (rows as ``*_sents``), when the caller has them: a clause that is a
    whole sentence takes its sentence's vector instead of being encoded
    again (what the cache returns for it; without the cache, use-m3 gives
    the same bits, as a text's vector does not depend on its batch:
    usem3_runs.encode_texts).  ``src_tokens``/``tgt_tokens``: the
    sentences' align.anchor_tokens, likewise taken for whole sentences."""
    from .align import anchor_tokens

    todo = [(b, side_clauses([src_sents[i] for i in b.src]), side_clauses([tgt_sents[j] for j in b.tgt]))
            for b in beads if needs_clauses(b)]
    texts = sorted({c.text for _, s, t in todo for c in s + t if c.content})
    if not texts:
        return  # no bead to split, or only furniture: nothing to encode
    vec = _sentence_vectors(texts, ((src_sents, src_emb), (tgt_sents, tgt_emb)))
    rest = [t for t in texts if t not in vec]
    if rest:
        vec.update(zip(rest, np.asarray(encode(rest), dtype="float32")))
    computed = functools.lru_cache(maxsize=None)(anchor_tokens)
    # a whole sentence's tokens: the caller's, read from the same text
    known = {s.text: tok for sents, toks in ((src_sents, src_tokens), (tgt_sents, tgt_tokens))
             if toks is not None and len(toks) == len(sents) for s, tok in zip(sents, toks)}

    def tokens(text: str) -> set:
        found = known.get(text)
        return found if found is not None else computed(text)
    for bead, s, t in todo:
        bead.clauses = bead_clauses(s, t, vec, tokens)
