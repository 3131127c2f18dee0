"""Scoring sentence alignments against a gold standard.

The convention of vecalign and Bertalign (after Sennrich & Volk 2011's lax
and strict measures):

* strict: a test bead counts only if the gold has exactly the same bead;
* lax: a test bead counts if some source sentence of it is aligned, in the
  gold, to some target sentence of it;
* precision is over every test bead, one-sided (1-0 / 0-1) ones included;
* recall is over the gold beads with both sides non-empty, matched against the
  test beads with both sides non-empty (one-sided beads are ignored).

Counts are pooled over documents before the ratios are taken.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterable, Sequence

BeadLike = tuple[Sequence[int], Sequence[int]]


def parse_beads(text: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads in the ``[3,4]:[5]`` one-per-line format."""
    beads = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        left, sep, right = line.partition(":")
        if not sep:
            raise ValueError(f"not a bead: {line!r}")
        beads.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
    return beads


def format_bead(src: Sequence[int], tgt: Sequence[int]) -> str:
    return "[" + ",".join(map(str, src)) + "]:[" + ",".join(map(str, tgt)) + "]"


def _norm(beads: Iterable) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for bead in beads:
        src, tgt = (bead.src, bead.tgt) if hasattr(bead, "src") else bead
        src, tgt = tuple(src), tuple(tgt)
        if src or tgt:
            out.append((src, tgt))
    return out


@dataclass
class Counts:
    strict_tp: int = 0
    strict_fp: int = 0
    lax_tp: int = 0
    lax_fp: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.strict_tp += other.strict_tp
        self.strict_fp += other.strict_fp
        self.lax_tp += other.lax_tp
        self.lax_fp += other.lax_fp
        return self


def match_counts(reference: Iterable, hypothesis: Iterable) -> Counts:
    """How many hypothesis beads match the reference, strictly and laxly."""
    ref = set(_norm(reference))
    links: dict[int, set[int]] = {}
    for src, tgt in ref:
        for i in src:
            links.setdefault(i, set()).update(tgt)
    c = Counts()
    for src, tgt in sorted(set(_norm(hypothesis))):
        if (src, tgt) in ref:
            c.strict_tp += 1
            c.lax_tp += 1
            continue
        c.strict_fp += 1
        linked = set()
        for i in src:
            linked |= links.get(i, set())
        if linked & set(tgt):
            c.lax_tp += 1
        else:
            c.lax_fp += 1
    return c


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold_docs: Sequence[Iterable], test_docs: Sequence[Iterable]) -> dict:
    """Strict and lax precision, recall and F1 pooled over documents."""
    if len(gold_docs) != len(test_docs):
        raise ValueError("as many gold as test alignments are needed")
    pc, rc = Counts(), Counts()
    for gold, test in zip(gold_docs, test_docs):
        gold, test = _norm(gold), _norm(test)
        pc += match_counts(gold, test)
        two_sided_gold = [b for b in gold if b[0] and b[1]]
        two_sided_test = [b for b in test if b[0] and b[1]]
        rc += match_counts(two_sided_test, two_sided_gold)
    p_s = _ratio(pc.strict_tp, pc.strict_tp + pc.strict_fp)
    p_l = _ratio(pc.lax_tp, pc.lax_tp + pc.lax_fp)
    r_s = _ratio(rc.strict_tp, rc.strict_tp + rc.strict_fp)
    r_l = _ratio(rc.lax_tp, rc.lax_tp + rc.lax_fp)
    return {
        "precision_strict": p_s,
        "recall_strict": r_s,
        "f1_strict": _f1(p_s, r_s),
        "precision_lax": p_l,
        "recall_lax": r_l,
        "f1_lax": _f1(p_l, r_l),
    }
