"""Phrase similarities are encoded in batches, not one encoder call per
comparison (issue 12: a text encoded alone costs several times its share
of a batch)."""
from __future__ import annotations

import zlib

import numpy as np

from rumorlens.compare.phrasesim import PhraseSimilarity
from rumorlens.mentions.names import _translated_in, latin_candidates


class _Fake:
    """A deterministic stand-in encoder that records each call's texts."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        out = np.stack([np.random.default_rng(zlib.crc32(t.encode())).standard_normal(8) for t in texts])
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_translated_name_is_compared_with_every_candidate_in_one_call():
    text = "The Supreme Commander met the Central Committee of the Party in Beijing on Monday."
    assert len(latin_candidates(text)) > 2
    enc = _Fake()
    sim = PhraseSimilarity(enc)
    _translated_in("最高统帅", text, sim, threshold=2.0)  # nothing reaches 2: every candidate is compared
    assert len(enc.calls) == 1
    assert set(enc.calls[0]) == {"最高统帅", *latin_candidates(text)}
    # a plain function of two strings (as other tests pass) still works
    assert _translated_in("最高统帅", text, lambda a, b: 1.0, threshold=0.5)


def test_clause_pairs_of_a_document_pair_are_encoded_in_one_call():
    from rumorlens.compare.driver import MentionIndex, aligned_pairs
    from rumorlens.records import Bead, Document, PairAlignment, Sentence

    def doc(name, texts, lang):
        sents, pos = [], 0
        for k, t in enumerate(texts):
            sents.append(Sentence(f"{name}:{k}", name, k, pos, pos + len(t), t, lang))
            pos += len(t) + 1
        return Document(id=name, path=f"{name}.txt", lang=lang, languages=[lang], text="\n".join(texts),
                        format="txt", encoding="utf-8"), sents

    ds, ss = doc("s", ["the committee met in geneva, and the two countries signed a deal.", "short."], "en")
    dt, ts = doc("t", ["le comité s'est réuni à genève.", "les deux pays ont signé un accord.", "court."], "fr")
    s0, t1 = ss[0].text, ts[1]
    cut = s0.index("the two")
    clauses = [[[[0, cut - 6]], [[0, ts[0].end]]], [[[cut, len(s0)]], [[t1.start, t1.end]]]]
    pa = PairAlignment("s", "t", [Bead([0], [0, 1], 0.8, clauses=clauses), Bead([1], [2], 0.9)], relation="translation")
    enc = _Fake()
    out = aligned_pairs(pa, {"s": ds, "t": dt}, {"s": ss, "t": ts}, {"s": MentionIndex([]), "t": MentionIndex([])},
                        PhraseSimilarity(enc))
    assert [(c.src.text, c.tgt.text) for c in out[0].clauses] == [
        ("the committee met in geneva", "le comité s'est réuni à genève."),
        ("the two countries signed a deal.", "les deux pays ont signé un accord.")]
    assert len(enc.calls) == 1 and len(enc.calls[0]) == 4
