"""Clause alignment inside many-sentence beads (rumorlens.clauses)."""
from __future__ import annotations

import json

import numpy as np

from rumorlens import clauses
from rumorlens.records import Bead, PairAlignment, Sentence, from_dict, to_dict


def _texts(text: str, spans) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_clause_spans_split_at_marks_and_conjunctions_not_inside_numbers():
    en = "Malaria kills more than 600,000 people every year, but 95 percent of them live in Africa."
    assert _texts(en, clauses.clause_spans(en, "en")) == [
        "Malaria kills more than 600,000 people every year,", "but 95 percent of them live in Africa."]
    zh = "埃及20日被认证为无疟疾国家，世界卫生组织称这一成就真正具有历史意义。"
    assert _texts(zh, clauses.clause_spans(zh, "zh")) == ["埃及20日被认证为无疟疾国家，", "世界卫生组织称这一成就真正具有历史意义。"]


def test_short_pieces_join_a_neighbour_and_offsets_shift():
    text = "China and France, as major countries, share common responsibilities."
    spans = clauses.clause_spans(text, "en", offset=100)
    # "China and France," is too short to stand alone: it joins the next piece
    assert [text[a - 100:b - 100] for a, b in spans] == ["China and France, as major countries,",
                                                         "share common responsibilities."]
    # "and" between two names opens no clause (not after a comma, not a strong conjunction)
    one = "Egypt and the United Arab Emirates share a long and common public health history."
    assert clauses.clause_spans(one, "en") == [(0, len(one))]


def _unit(*xs):
    v = np.array(xs, dtype="float32")
    return v / np.linalg.norm(v)


def test_align_clauses_is_monotonic_and_leaves_unrelated_clauses_one_sided():
    a, b, c, x = _unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0), _unit(0, 0, 0, 1)
    sv = np.stack([a, x, b, c])  # x: a clause with no counterpart
    tv = np.stack([a, b, c])
    groups = clauses.align_clauses(sv, tv, [set()] * 4, [set()] * 3)
    assert groups == [([0], [0]), ([1], []), ([2], [1]), ([3], [2])]


def test_align_clauses_merges_two_clauses_rendered_as_one():
    a, b = _unit(1, 0, 0), _unit(0, 1, 0)
    sv = np.stack([a, b])
    tv = np.stack([_unit(1, 1, 0)])
    assert clauses.align_clauses(sv, tv, [set(), set()], [set()]) == [([0, 1], [0])]


def test_shared_numbers_decide_between_two_equally_similar_clauses():
    v = _unit(1, 1, 0)
    sv = np.stack([_unit(1, 0.9, 0), _unit(0.9, 1, 0)])
    tv = np.stack([v])
    groups = clauses.align_clauses(sv, tv, [{"#5"}, {"#20"}], [{"#20"}])
    assert ([1], [0]) in groups and ([0], []) in groups


def test_furniture_sentences_stay_one_sided():
    a = _unit(1, 0)
    sv = np.stack([a, a])
    tv = np.stack([a])
    groups = clauses.align_clauses(sv, tv, [set(), set()], [set()], s_ok=[False, True])
    assert groups == [([0], []), ([1], [0])]


class _FakeEncoder:
    """Bag of letters: texts sharing words get similar vectors."""

    def __init__(self):
        self.calls = []

    def encode(self, texts):
        self.calls.append(list(texts))
        out = []
        for t in texts:
            v = np.zeros(64, dtype="float32")
            for w in t.lower().replace(",", " ").replace(".", " ").split():
                v[hash(w) % 64] += 1.0
            out.append(v / max(1e-9, np.linalg.norm(v)))
        return np.stack(out)


def _sents(doc, lines, lang="en"):
    out, pos, text = [], 0, "\n".join(lines)
    for k, line in enumerate(lines):
        out.append(Sentence(f"{doc}:{k}", doc, k, pos, pos + len(line), line, lang))
        pos += len(line) + 1
    return out, text


def _committee_pair():
    """A source sentence in two clauses against the two target sentences they are, and a short line."""
    src, stext = _sents("s", ["the committee met twenty delegates in geneva yesterday morning, "
                              "and the two countries signed a long trade agreement today",
                              "short line"])
    tgt, ttext = _sents("t", ["the committee met twenty delegates in geneva yesterday morning.",
                              "the two countries signed a long trade agreement today.",
                              "short line"])
    return src, stext, tgt, ttext


def test_add_clauses_sets_spans_on_many_sentence_beads_only():
    src, stext, tgt, ttext = _committee_pair()
    beads = [Bead([0], [0, 1], 0.8), Bead([1], [2], 0.9)]
    enc = _FakeEncoder()
    clauses.add_clauses(beads, src, tgt, enc.encode)
    assert beads[1].clauses is None  # a 1-1 bead is one clause pair
    groups = beads[0].clauses
    assert [[_texts(stext, gs), _texts(ttext, gt)] for gs, gt in groups] == [
        [["the committee met twenty delegates in geneva yesterday morning,"],
         ["the committee met twenty delegates in geneva yesterday morning."]],
        [["and the two countries signed a long trade agreement today"],
         ["the two countries signed a long trade agreement today."]]]
    assert len(enc.calls) == 1  # one batch for the whole pair


def test_clauses_round_trip_through_records_and_the_report():
    from rumorlens.report import build_report

    pa = PairAlignment("s", "t", [Bead([0], [0, 1], 0.5, clauses=[[[[0, 5]], [[0, 3], [4, 9]]], [[[6, 9]], []]]),
                                  Bead([1], [2], 0.9)])
    back = from_dict(PairAlignment, json.loads(json.dumps(to_dict(pa))))
    assert back == pa
    ss = [Sentence("s:0", "s", 0, 0, 9, "x" * 9, "en"), Sentence("s:1", "s", 1, 10, 12, "yy", "en")]
    ts = [Sentence(f"t:{k}", "t", k, 3 * k, 3 * k + 2, "zz", "en") for k in range(3)]
    report = build_report([], [], [], [pa], {"s": ss, "t": ts}, [])
    beads = report["pairs"][0]["beads"]
    assert beads[0]["clauses"] == [[[[0, 5]], [[0, 3], [4, 9]]], [[[6, 9]], []]]
    assert "clauses" not in beads[1]


def test_a_clause_that_is_a_whole_sentence_takes_the_sentence_vector():
    # issue 12: the pair's sentence vectors are known; only the clauses cut
    # from a sentence go to the encoder, and the groups are the same
    src, _, tgt, _ = _committee_pair()
    plain = [Bead([0], [0, 1], 0.8), Bead([1], [2], 0.9)]
    clauses.add_clauses(plain, src, tgt, _FakeEncoder().encode)
    enc = _FakeEncoder()
    src_emb, tgt_emb = enc.encode([s.text for s in src]), enc.encode([s.text for s in tgt])
    enc.calls.clear()
    known = [Bead([0], [0, 1], 0.8), Bead([1], [2], 0.9)]
    clauses.add_clauses(known, src, tgt, enc.encode, src_emb, tgt_emb)
    assert [b.clauses for b in known] == [b.clauses for b in plain]
    # the target's two sentences are whole clauses: not encoded again
    assert enc.calls == [["and the two countries signed a long trade agreement today",
                          "the committee met twenty delegates in geneva yesterday morning,"]]
    # the sentence vectors are what is used: swapped, they change the groups
    swapped = [Bead([0], [0, 1], 0.8)]
    clauses.add_clauses(swapped, src, tgt, _FakeEncoder().encode, src_emb, tgt_emb[[1, 0, 2]])
    assert swapped[0].clauses != plain[0].clauses


def test_a_whole_sentence_clause_takes_the_sentence_tokens(monkeypatch):
    from rumorlens import align

    src, _, tgt, _ = _committee_pair()
    plain = [Bead([0], [0, 1], 0.8)]
    clauses.add_clauses(plain, src, tgt, _FakeEncoder().encode)
    read = []
    real = align.anchor_tokens
    monkeypatch.setattr(align, "anchor_tokens", lambda text: read.append(text) or real(text))
    given = [Bead([0], [0, 1], 0.8)]
    clauses.add_clauses(given, src, tgt, _FakeEncoder().encode, None, None,
                        [real(s.text) for s in src], [real(s.text) for s in tgt])
    assert given[0].clauses == plain[0].clauses
    # only the source's two cut clauses are read; the target's sentences are whole clauses
    assert sorted(read) == ["and the two countries signed a long trade agreement today",
                            "the committee met twenty delegates in geneva yesterday morning,"]
