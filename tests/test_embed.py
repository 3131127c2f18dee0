"""Encoders, registry and the embedding cache."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from rumorlens.embed import CachedEncoder, get_encoder, encoder_names
from rumorlens.errors import UserError


@pytest.fixture(scope="session")
def use_m3():
    return get_encoder("use-m3")


class CountingEncoder:
    name = "counting"
    dim = 4
    version = "1"

    def __init__(self):
        self.seen = []

    def encode(self, texts):
        self.seen += list(texts)
        return np.array([[len(t), 1.0, t.count("a"), 2.0] for t in texts], dtype=np.float32)


def test_registry_lists_models_and_rejects_unknown():
    names = encoder_names()
    assert "use-m3" in names and "e5-small" in names
    with pytest.raises(UserError, match="unknown encoder"):
        get_encoder("no-such-model")


def test_use_m3_is_normalized_and_cross_lingual(use_m3):
    e = use_m3.encode(["The cat sleeps on the sofa.", "Le chat dort sur le canapé.", "猫在沙发上睡觉。",
                       "Interest rates rose by two percent."])
    assert e.dtype == np.float32 and e.shape == (4, 512)
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    assert e[0] @ e[1] > e[0] @ e[3] + 0.2
    assert e[2] @ e[1] > e[2] @ e[3] + 0.2
    assert use_m3.encode([]).shape == (0, 512)


def test_e5_small_uses_multilingual_model_and_query_prefix():
    enc = get_encoder("e5-small")
    assert enc.variant == "original" and enc.prefix == "query"
    e = enc.encode(["Le chat dort sur le canapé.", "The cat sleeps on the sofa.", "Stock markets fell sharply."])
    assert e.shape == (3, 384) and e.dtype == np.float32
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    assert e[0] @ e[1] > e[0] @ e[2]


def test_cache_second_run_does_not_reencode(tmp_path):
    inner = CountingEncoder()
    with CachedEncoder(inner, tmp_path) as enc:
        first = enc.encode(["abc", "aaa", "abc", "b"])
        assert inner.seen == ["abc", "aaa", "b"]  # duplicates encoded once
        assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    inner2 = CountingEncoder()
    with CachedEncoder(inner2, tmp_path) as enc2:  # a new process would see the same file
        again = enc2.encode(["b", "abc", "new"])
        assert inner2.seen == ["new"]
        assert enc2.hits == 2 and enc2.misses == 1
    assert np.array_equal(again[1], first[0])
    other = CountingEncoder()
    other.name = "other-model"
    with CachedEncoder(other, tmp_path) as enc3:  # keyed by model name too
        enc3.encode(["abc"])
        assert other.seen == ["abc"]


def _tiny_st_model(path):
    from sentence_transformers import SentenceTransformer
    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # older sentence-transformers
        from sentence_transformers.models import StaticEmbedding
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace

    words = ["[UNK]", "[PAD]", "the", "cat", "dog", "sleeps", "runs", "le", "chat", "dort"]
    tok = Tokenizer(WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tok.pre_tokenizer = Whitespace()
    rng = np.random.default_rng(0)
    static = StaticEmbedding(tok, embedding_weights=rng.normal(size=(len(words), 16)).astype(np.float32))
    SentenceTransformer(modules=[static], device="cpu").save(str(path))


def test_sentence_transformers_local_folder_really_encodes(tmp_path):
    pytest.importorskip("sentence_transformers")
    _tiny_st_model(tmp_path / "tiny")
    enc = get_encoder(f"st:{tmp_path / 'tiny'}")
    e = enc.encode(["the cat sleeps", "the dog runs", "the cat sleeps"])
    assert e.shape == (3, 16) and e.dtype == np.float32
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    assert np.allclose(e[0], e[2]) and not np.allclose(e[0], e[1])
    with CachedEncoder(enc, tmp_path / "cache") as cached:
        assert np.allclose(cached.encode(["the dog runs"])[0], e[1], atol=1e-6)


def test_sentence_transformers_offline_missing_model_says_how_to_fix(monkeypatch, tmp_path):
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    enc = get_encoder("st:someone/not-a-cached-model")
    with pytest.raises(UserError) as err:
        enc.encode(["x"])
    msg = str(err.value)
    assert "\n" not in msg and "local folder" in msg and "run once online" in msg


def test_sentence_transformers_not_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(UserError, match=r"pip install 'rumorlens\[st\]'"):
        get_encoder("st:anything").encode(["x"])


def test_st_missing_local_folder(tmp_path):
    with pytest.raises(UserError, match="not found"):
        get_encoder(f"st:{tmp_path / 'nope'}").encode(["x"])
