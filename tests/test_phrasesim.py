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


class RandomBatchEncoder(BatchEncoder):
    """Vectors drawn from each text's bytes, shifted by the size of the
    batch they were encoded in (a real encoder's last bits)."""

    dim = 16

    def encode(self, texts):
        super().encode(texts)  # counts the call
        return np.array([np.random.default_rng(list(t.encode()) or [0]).standard_normal(self.dim) + 1e-3 * len(texts)
                         for t in texts], dtype=np.float32)


class ReferenceSimilarity(PhraseSimilarity):
    """The similarity as first written: two vector() calls, one product."""

    def __call__(self, a, b):
        return float(self.vector(a) @ self.vector(b))

    def best_of(self, texts, others):
        return [max(self(t, o) for o in others) for t in texts]


def _script(seed):
    """A random sequence of prefetches, similarities and best_of calls over
    a small vocabulary (some texts never announced)."""
    rng = np.random.default_rng(seed)
    vocab = ["w%d" % k + "x" * int(rng.integers(0, 4)) for k in range(12)] + ["", "é", "名字"]
    steps = []
    for _ in range(40):
        kind = rng.integers(0, 3)
        pick = lambda n: [vocab[int(i)] for i in rng.integers(0, len(vocab), n)]  # noqa: E731
        if kind == 0:
            steps.append(("prefetch", pick(int(rng.integers(1, 6)))))
        elif kind == 1:
            steps.append(("sim", pick(2)))
        else:
            steps.append(("best", (pick(int(rng.integers(1, 4))), pick(int(rng.integers(1, 5))))))
    return steps


def _play(sim, steps):
    out = []
    for kind, arg in steps:
        if kind == "prefetch":
            prefetch(sim, arg)
        elif kind == "sim":
            out.append(sim(*arg))
        else:
            out.append(sim.best_of(*arg))
    return out


def test_similarity_and_best_of_equal_the_plain_products_bit_for_bit():
    """__call__ (lookups written out) and best_of (the others' vectors
    looked up once) against the plain definition, on random call sequences
    with a limit small enough that the vectors are dropped now and then:
    the same floats, the same encoder batches, the same drops."""
    for seed in range(30):
        steps = _script(seed)
        for limit in (3, 6, 65536):
            ours_enc, ref_enc = RandomBatchEncoder(), RandomBatchEncoder()
            ours, ref = PhraseSimilarity(ours_enc, limit=limit), ReferenceSimilarity(ref_enc, limit=limit)
            assert _play(ours, steps) == _play(ref, steps)
            assert ours_enc.calls == ref_enc.calls
            assert ours.drops == ref.drops
    assert ReferenceSimilarity(RandomBatchEncoder(), limit=3).drops == 0


def test_drops_counts_each_time_the_vectors_are_dropped():
    sim = PhraseSimilarity(RandomBatchEncoder(), limit=2)
    prefetch(sim, ["a", "b"])
    assert sim.drops == 0
    prefetch(sim, ["c"])
    assert sim.drops == 1
    sim("c", "d")
    sim("e", "f")
    assert sim.drops == 2
