"""Several processes writing the one embedding cache at once (the dask
engine's workers share ~/.cache/rumorlens on one machine): no corruption,
no lost entry, no process that had to give its cache up."""
from __future__ import annotations

import hashlib
import sqlite3

import numpy as np

from concurrency_helpers import run_writers
from rumorlens.embed import CachedEncoder

WRITERS = 4
TEXTS_PER_WRITER = 3000
SHARED = 1000  # texts every writer embeds: the same keys written concurrently


class HashEncoder:
    """A deterministic stand-in model: a text's vector comes from its hash."""
    name = "hash"
    dim = 8
    version = "1"
    normalized = False

    def encode(self, texts):
        return np.array([np.frombuffer(hashlib.sha256(t.encode()).digest()[:8], dtype=np.uint8) + 1.0
                         for t in texts], dtype=np.float32)


def texts_of(writer: int) -> list[str]:
    own = [f"writer {writer} sentence {i}" for i in range(TEXTS_PER_WRITER - SHARED)]
    return own + [f"shared sentence {i}" for i in range(SHARED)]


def write(folder: str, writer: int, start, results) -> None:
    start.wait()  # all writers open the (new) cache file and write at once
    enc = CachedEncoder(HashEncoder(), folder)
    texts = texts_of(writer)
    for i in range(0, len(texts), 10):  # many small transactions, interleaving with the others
        enc.encode(texts[i:i + 10])
    enc.close()
    results.put((writer, enc.warning))


def test_concurrent_writers_keep_every_entry(tmp_path):
    warnings = run_writers(write, str(tmp_path), WRITERS)
    assert warnings == {w: None for w in range(WRITERS)}  # nobody had to turn its cache off
    expected = {t for w in range(WRITERS) for t in texts_of(w)}
    db = sqlite3.connect(str(tmp_path / "embeddings.sqlite"))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM embeddings").fetchone()[0] == len(expected)
    finally:
        db.close()
    # every vector reads back as the model gives it (a fresh reader: all hits)
    reader = CachedEncoder(HashEncoder(), tmp_path)
    ordered = sorted(expected)
    got = reader.encode(ordered)
    reader.close()
    assert reader.misses == 0
    want = HashEncoder().encode(ordered)
    want /= np.linalg.norm(want, axis=1, keepdims=True)
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_a_cache_file_locked_while_another_process_opens_it_is_waited_for(tmp_path, monkeypatch):
    """PRAGMA journal_mode=WAL fails at once with "database is locked" while
    another process converts the new file (SQLite calls no busy handler
    there): the open is tried again instead of turning the cache off."""
    from rumorlens import cachefile

    real, calls = cachefile.SqliteCacheFile._connect, []

    def flaky(self):
        calls.append(1)
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real(self)

    monkeypatch.setattr(cachefile.SqliteCacheFile, "_connect", flaky)
    enc = CachedEncoder(HashEncoder(), tmp_path)
    try:
        assert enc.warning is None and enc.enabled and len(calls) == 3
    finally:
        enc.close()


def test_a_cache_folder_that_is_a_file_is_named_as_such(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("text", encoding="utf-8")
    enc = CachedEncoder(HashEncoder(), article)
    assert not enc.enabled
    assert enc.warning == f"cache folder {article} is not a folder: going on without the embedding cache"
    assert enc.encode(["a"]).shape == (1, 8) and article.read_text(encoding="utf-8") == "text"
