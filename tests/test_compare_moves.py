"""Moved, not missing (rumorlens.compare.moves)."""
from __future__ import annotations

import numpy as np
from compare_helpers import mention, pair

from rumorlens.compare.moves import apply_moves, find_moves
from rumorlens.compare.numbers import check_numbers
from rumorlens.records import Bead, Document, Finding, Evidence, PairAlignment, Sentence


def _doc(doc_id, lines):
    text = "\n".join(lines)
    sents, pos = [], 0
    for k, line in enumerate(lines):
        sents.append(Sentence(f"{doc_id}:{k}", doc_id, k, pos, pos + len(line), line, "en"))
        pos += len(line) + 1
    return Document(doc_id, doc_id + ".txt", "en", ["en"], text, "txt", "utf-8"), sents


def _unit(rows):
    m = np.asarray(rows, dtype="float32")
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def _setup(moved_vec):
    """Six sentences a side; the source's sentence 1 is at the end of the
    target (sentence 5), so the alignment leaves both one-sided."""
    a, sa = _doc("a", [f"source sentence {k}" for k in range(6)])
    b, sb = _doc("b", [f"target sentence {k}" for k in range(6)])
    eye = np.eye(8)
    ea = _unit([eye[0], moved_vec, eye[2], eye[3], eye[4], eye[5]])
    eb = _unit([eye[0], eye[2], eye[3], eye[4], eye[5] + 0.1 * eye[7], eye[1]])
    beads = [Bead([0], [0], 0.9), Bead([1], [], 0.0), Bead([2], [1], 0.85), Bead([3], [2], 0.9),
             Bead([4], [3], 0.88), Bead([5], [4], 0.87), Bead([], [5], 0.0)]
    pa = PairAlignment("a", "b", beads, relation="retelling")
    return pa, {"a": a, "b": b}, {"a": sa, "b": sb}, {"a": ea, "b": eb}


def _omission(bead, doc="a"):
    ev = [Evidence(doc, doc + ".txt", 0, 5, "xxxxx")]
    return Finding(f"f-{bead:012d}", "omission", "sentence_missing", "medium", 0.6, ev, "gone", docs=["a", "b"],
                   bead=bead)


def test_a_passage_found_elsewhere_is_moved_not_missing():
    pa, docs, sents, emb = _setup(np.eye(8)[1])
    moves = find_moves(pa, sents, emb)
    assert set(moves) == {1, 6} and moves[1].matches == [5] and moves[1].far
    kept = apply_moves([_omission(1)], moves, pa, docs, sents)
    assert kept == []
    shown = apply_moves([_omission(1)], moves, pa, docs, sents, report=True)
    assert sorted(f.type for f in shown) == ["moved", "moved"]
    assert shown[0].evidence[1].text == "target sentence 5"


def test_a_passage_found_nowhere_stays_missing():
    pa, docs, sents, emb = _setup(np.eye(8)[6])  # nothing like it in the target
    moves = find_moves(pa, sents, emb)
    assert 1 not in moves
    assert [f.type for f in apply_moves([_omission(1)], moves, pa, docs, sents)] == ["sentence_missing"]


def test_a_figure_stated_elsewhere_in_the_other_version_is_not_missing():
    src = "Malaria kills more than 600,000 people every year."
    tgt = "Le paludisme tue chaque année."
    a = mention("a", src, "more than 600,000", "en", "number", "count", value=600000.0, approx="over")
    p = pair(src, tgt, "en", "fr", [a], [])
    assert [f.type for f in check_numbers(p)] == ["number_missing"]
    elsewhere = "Selon l'OMS, plus de 600 000 personnes en meurent."
    p.tgt.doc_mentions = [mention("b", elsewhere, "plus de 600 000", "fr", "number", "count", value=600000.0,
                                  approx="over")]
    assert check_numbers(p) == []
