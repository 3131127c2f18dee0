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


def _bead_setup(moved_vec):
    """The source's sentence 1 stands at the end of the target (sentence 5)
    but the alignment put it in a many-to-one bead with target sentence 1."""
    a, sa = _doc("a", ["source sentence 0", "The quake struck shortly before 8 a.m. with 7.4 magnitude.",
                       "source sentence 2", "source sentence 3", "source sentence 4", "source sentence 5"])
    b, sb = _doc("b", [f"target sentence {k}" for k in range(5)] + ["It struck before midnight GMT, magnitude 7.4."])
    eye = np.eye(8)
    ea = _unit([eye[0], moved_vec, eye[2], eye[3], eye[4], eye[5]])
    eb = _unit([eye[0], eye[2], eye[3], eye[4], eye[5] + 0.1 * eye[7], eye[1]])
    beads = [Bead([0], [0], 0.9), Bead([1, 2], [1], 0.5), Bead([3], [2], 0.9),
             Bead([4], [3], 0.88), Bead([5], [4], 0.87), Bead([], [5], 0.0)]
    pa = PairAlignment("a", "b", beads, relation="retelling")
    return pa, {"a": a, "b": b}, {"a": sa, "b": sb}, {"a": ea, "b": eb}


def _gap(sents, category, type_, start, end, value=None):
    text = sents["a"][1].text
    s0 = sents["a"][1].start
    ev = [Evidence("a", "a.txt", s0 + start, s0 + end, text[start:end], value=value)]
    return Finding(f"f-{start:012d}", category, type_, "medium", 0.5, ev, "gap", docs=["a", "b"], bead=1)


def test_a_passage_of_a_bead_stated_in_another_bead_is_not_missing():
    from rumorlens.compare.moves import drop_found_elsewhere

    pa, docs, sents, emb = _bead_setup(np.eye(8)[1])
    whole = _gap(sents, "omission", "part_missing", 0, len(sents["a"][1].text))
    assert drop_found_elsewhere([whole], pa, sents, emb) == []
    # part of the sentence: dropped only when the part itself reads as the counterpart
    part = _gap(sents, "omission", "part_missing", 0, 20)
    assert drop_found_elsewhere([part], pa, sents, emb, phrase_similarity=lambda x, y: 0.5) == [part]
    assert drop_found_elsewhere([part], pa, sents, emb, phrase_similarity=lambda x, y: 0.9) == []
    # found nowhere: stays missing
    pa, docs, sents, emb = _bead_setup(np.eye(8)[6])
    assert drop_found_elsewhere([whole], pa, sents, emb) == [whole]


def test_a_figure_of_a_bead_is_not_missing_when_its_counterpart_elsewhere_states_it():
    from rumorlens.compare.moves import drop_found_elsewhere

    pa, docs, sents, emb = _bead_setup(np.eye(8)[1])
    k = sents["a"][1].text.index("7.4")
    gap = _gap(sents, "number", "number_missing", k, k + 3, value=7.4)
    tb = sents["b"][5]
    at = tb.text.index("7.4")
    same = mention("b", tb.text, "7.4", "en", "number", "count", value=7.4)
    same.start, same.end = tb.start + at, tb.start + at + 3
    assert drop_found_elsewhere([gap], pa, sents, emb, {"a": [], "b": [same]}) == []
    other = mention("b", tb.text, "7.4", "en", "number", "count", value=7.5)
    other.start, other.end = tb.start + at, tb.start + at + 3
    assert drop_found_elsewhere([gap], pa, sents, emb, {"a": [], "b": [other]}) == [gap]



def test_a_claim_finding_is_not_dropped_by_the_look_elsewhere():
    """Claim cues are left alone (two real claim changes of the sample
    corpus sit in beads whose sentence best matches another bead)."""
    from rumorlens.compare.moves import drop_found_elsewhere

    pa, docs, sents, emb = _bead_setup(np.eye(8)[1])
    k = sents["a"][1].text.index("shortly")
    hedge = _gap(sents, "claim", "hedge_dropped", k, k + 7)
    assert drop_found_elsewhere([hedge], pa, sents, emb) == [hedge]


def test_the_two_ends_of_a_move_make_one_bead_to_check():
    from rumorlens.compare.moves import moved_beads

    pa, docs, sents, emb = _setup(np.eye(8)[1])
    moves = find_moves(pa, sents, emb)
    assert set(moves) == {1, 6}  # each end of the move, seen from its side
    assert [(k, b.src, b.tgt) for k, b in moved_beads(moves, pa)] == [(1, [1], [5])]


def test_a_counterpart_in_a_closer_bead_is_not_taken_from_it():
    from rumorlens.compare.moves import moved_beads

    eye = np.eye(8)
    pa, docs, sents, emb = _setup(eye[1] + 0.5 * eye[6])  # the move's cosine: 0.89
    # target 5 aligned with source 5 in a bead more alike than the move: it stays there
    pa.beads[-2:] = [Bead([5], [4, 5], 0.95)]
    moves = find_moves(pa, sents, emb)
    assert set(moves) == {1} and moves[1].matches == [5]
    assert moved_beads(moves, pa) == []
    # less alike, but not by content_min_margin (0.1): another claim on the same subject may be
    pa.beads[-1] = Bead([5], [4, 5], 0.85)
    assert moved_beads(find_moves(pa, sents, emb), pa) == []
    # less alike than the move by more (a leftover the monotonic alignment paired): taken
    pa.beads[-1] = Bead([5], [4, 5], 0.3)
    assert [(k, b.src, b.tgt) for k, b in moved_beads(find_moves(pa, sents, emb), pa)] == [(1, [1], [5])]


def test_a_figure_changed_inside_a_moved_sentence_is_reported():
    """A retelling moves a sentence to its end and writes its figure ten
    times larger: both ends are one-sided, and the moved bead compares them
    (session 62's fresh user: 1200万元 told as '120 million yuan')."""
    from rumorlens.compare.driver import MentionIndex, aligned_pairs
    from rumorlens.compare.moves import moved_beads
    from rumorlens.mentions import extract_text

    pa, docs, sents, emb = _setup(np.eye(8)[1])
    lines = {d: [f"A line about {w} in {d}." for w in ("cats", "dogs", "birds", "fish", "trees", "rain")] for d in "ab"}
    lines["a"][1] = "Direct losses are estimated at 12 million yuan."
    lines["b"][5] = "Direct losses are estimated at 120 million yuan."
    (a, sa), (b, sb) = _doc("a", lines["a"]), _doc("b", lines["b"])
    docs, sents = {"a": a, "b": b}, {"a": sa, "b": sb}
    index = {d: MentionIndex(extract_text(docs[d].text, "en")) for d in docs}
    plain = aligned_pairs(pa, docs, sents, index, embeddings=emb)
    assert not [f for p in plain for f in check_numbers(p)]  # one-sided: nothing compared
    moved = aligned_pairs(pa, docs, sents, index, embeddings=emb, moved=moved_beads(find_moves(pa, sents, emb), pa))
    extra = [p for p in moved if p.moved]
    assert [(p.bead, p.src.text, p.tgt.text) for p in extra] == [(1, lines["a"][1], lines["b"][5])]
    assert extra[0].similarity > 0.9 and extra[0].margin > 0.5  # unit vectors e1 / e1: alike, nothing else close
    found = [f for p in extra for f in check_numbers(p)]
    assert [f.category for f in found] == ["number"]
    assert {e.doc for e in found[0].evidence} == {"a", "b"}
