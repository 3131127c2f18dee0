"""Phrase similarity of the compare stage: batched, per pair, never stored (issue 12)."""
from __future__ import annotations

import numpy as np

from rumorlens.compare.phrasesim import PhraseSimilarity, prefetch
from rumorlens.embed import CachedEncoder


class BatchEncoder:
    """Counts calls; a vector carries the size of the batch it was made in,
    as a real encoder's last bits do."""

    name = "batch"
    dim = 3
    version = "1"

    def __init__(self):
        self.calls = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return np.array([[len(t), len(texts), 1.0] for t in texts], dtype=np.float32)


def test_prefetch_encodes_the_announced_texts_in_one_batch_and_once():
    enc = BatchEncoder()
    sim = PhraseSimilarity(enc)
    prefetch(sim, ["a", "bb", "a", "ccc"])
    assert enc.calls == [["a", "bb", "ccc"]]
    sim("a", "bb")
    sim("ccc", "a")
    assert len(enc.calls) == 1  # all known
    sim("dddd", "a")
    assert enc.calls[-1] == ["dddd"]  # an unannounced text alone


def test_a_pairs_similarity_does_not_depend_on_what_another_pair_fetched():
    enc = BatchEncoder()
    first = PhraseSimilarity(enc)
    prefetch(first, ["x", "yy", "zzz"])
    fresh_a, fresh_b = PhraseSimilarity(enc), PhraseSimilarity(enc)
    prefetch(fresh_a, ["x", "yy"])
    prefetch(fresh_b, ["x", "yy"])
    assert fresh_a("x", "yy") == fresh_b("x", "yy") != first("x", "yy")


def test_plain_functions_ignore_prefetch():
    prefetch(lambda a, b: 0.0, ["a"])  # no error


def test_encode_unstored_reads_the_cache_and_writes_nothing(tmp_path):
    enc = BatchEncoder()
    cache = CachedEncoder(enc, tmp_path)
    stored = cache.encode(["kept sentence"])
    got = cache.encode_unstored(["kept sentence", "a phrase", "another phrase"])
    assert enc.calls[-1] == ["a phrase", "another phrase"]  # the cached one is read, not encoded
    assert np.array_equal(got[0], stored[0])
    again = CachedEncoder(enc, tmp_path)
    again.encode(["a phrase"])
    assert enc.calls[-1] == ["a phrase"]  # it was not stored
