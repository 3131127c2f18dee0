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
