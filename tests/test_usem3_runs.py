"""Run embeddings from token features (rumorlens.usem3_runs): each equals
the embedding of the run's joined text, and windows.WindowVectors uses
them when the encoder offers them."""
from __future__ import annotations

import numpy as np
import pytest

from rumorlens.embed import CachedEncoder, get_encoder
from rumorlens.usem3_runs import RADIUS, _dirty_intervals, _Sentence
from rumorlens.windows import WindowVectors, join_run


@pytest.fixture(scope="module")
def use_m3():
    return get_encoder("use-m3")


def _sentences(corpus_dir, name: str) -> list[str]:
    from rumorlens import pipeline

    docs, _ = pipeline.ingest(corpus_dir)
    by_doc = pipeline.segment(docs)
    doc = next(d for d in docs if name in d.path)
    return [s.text for s in by_doc[doc.id]]


def test_run_vectors_equal_the_joined_texts_embedding(use_m3, corpus_dir):
    """Chinese transcript lines (short: whole windows recomputed), French
    article sentences (long: only junctions recomputed), runs of 1 to 8,
    a traditional-character line (the encoder reads it simplified) and a
    line with surrounding white space: cosine with encoding the joined text
    at least 0.99999 each."""
    zh = _sentences(corpus_dir, "seeds/000")[:40]
    fr = _sentences(corpus_dir, "seeds/001")[:40]
    for texts in (zh, fr, ["  OpenAI 的 GPT-5 項目研發進度已落後於預定計劃。 ", "短句", "Il a dit : « non ».",
                           "The project has been under way for more than 18 months, with two large training runs."]):
        runs = [(a, min(a + w, len(texts))) for w in (1, 2, 3, 5, 8) for a in range(0, len(texts), 2)]
        got = use_m3.run_encoder(texts).encode(runs)
        want = use_m3.encode([join_run(texts[a:b]) for a, b in runs])
        cos = (got * want).sum(axis=1) / np.linalg.norm(got, axis=1) / np.linalg.norm(want, axis=1)
        assert cos.min() > 0.99999, texts[:2]


def test_dirty_intervals_cover_junctions_and_short_sentences():
    """Positions within RADIUS of each junction are recomputed; a sentence
    too short to keep any of its own features is recomputed whole."""
    def sent(n_content):
        return _Sentence([1] + [5] * n_content + [2], np.zeros(1), np.zeros(1), np.zeros(1))

    long_, short = sent(20), sent(3)
    # [bos] 20 tokens | 20 tokens [eos]: one junction at position 21
    assert _dirty_intervals([long_, long_], [21], 42) == [(21 - RADIUS, 21 + RADIUS)]
    # a 3-token middle sentence keeps nothing: its span merges with both junctions
    assert _dirty_intervals([long_, short, long_], [21, 24], 45) == [(21 - RADIUS, 24 + RADIUS)]


class _FakeRuns:
    def __init__(self, texts):
        self.texts = texts
        self.asked = []

    def encode(self, runs):
        self.asked += list(runs)
        return np.array([[float(a), float(b), 1.0] for a, b in runs])


class _FakeEncoder:
    def __init__(self):
        self.made = []
        self.plain = []

    def encode(self, texts):
        self.plain += list(texts)
        return np.ones((len(texts), 3))

    def run_encoder(self, texts):
        self.made.append(_FakeRuns(texts))
        return self.made[-1]


def test_window_vectors_use_the_encoders_run_encoder_when_it_has_one():
    """Runs go to the encoder's run_encoder (made on the first fetch, once
    per side), never as joined text; an encoder without one gets the
    joined texts as before."""
    emb = np.eye(3, dtype=np.float32)
    enc = _FakeEncoder()
    w = WindowVectors(emb, emb, ["a", "b", "c"], ["x", "y", "z"], enc.encode, max_width=3)
    assert enc.made == []  # nothing made before a window is needed
    w.prefetch([([0, 1], [1, 2]), ([0, 1, 2], [0])])
    assert [m.asked for m in enc.made] == [[(0, 2), (0, 3)], [(1, 3)]] and enc.plain == []
    v = w.vector("s", 0, 3)
    assert v == pytest.approx(np.array([0.0, 3.0, 1.0]) / np.sqrt(10))
    assert w.encoded == 3
    w.prefetch([([1, 2], [0, 1])])
    assert len(enc.made) == 2  # made once per pair and side

    class Plain:
        def __init__(self):
            self.asked = []

        def encode(self, texts):
            self.asked += list(texts)
            return np.ones((len(texts), 3))

    plain = Plain()
    w = WindowVectors(emb, emb, ["a", "b", "c"], ["x", "y", "z"], plain.encode, max_width=3)
    w.prefetch([([0, 1], [1, 2])])
    assert sorted(plain.asked) == ["a b", "y z"]


def test_cached_encoder_hands_on_the_run_encoder(tmp_path, use_m3):
    """A CachedEncoder offers its encoder's run_encoder (use-m3: a
    RunEncoder), and stores nothing for runs."""
    cached = CachedEncoder(use_m3, tmp_path)
    runs = cached.run_encoder(["Une phrase.", "Une autre phrase."])
    assert runs is not None and runs.encode([(0, 2)]).shape == (1, 512)
    assert cached.misses == 0

    class NoRuns:
        name, dim = "none", 3

        def encode(self, texts):
            return np.ones((len(texts), 3))

    assert CachedEncoder(NoRuns(), tmp_path, use_cache=False).run_encoder(["a"]) is None
