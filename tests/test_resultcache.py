"""The stage result cache (rumorlens.resultcache, issue 12 item 4): a warm or
incremental run writes the bytes of a cold one, adding a document
recomputes only what depends on it, an edited lexicon invalidates, and the
file is handled like the embedding cache (corrupt, read-only, several
writers at once, bounded size)."""
from __future__ import annotations

import json
import logging
import shutil
import sqlite3

import numpy as np
import pytest
from click.testing import CliRunner

from concurrency_helpers import run_writers
from corpus_helpers import tiny_corpus
from rumorlens import pipeline
from rumorlens.cli import main
from rumorlens.paths import models_dir
from rumorlens.records import Mention
from rumorlens.resultcache import ResultCache, cached_map, digest
from rumorlens.runner import SerialRunner

EN_VERSION = ("OpenAI is valued at 157 billion dollars.\n\nAs far as we know, GPT-5 is already running internally.\n\n"
              "Alberto Romero thinks this model will not be released.\n\nHe says training took eighteen months.\n")


# ---------------------------------------------------------------- whole runs


def align(corpus, out, cache, jobs: str, monkeypatch) -> bytes:
    monkeypatch.setenv("RUMORLENS_CACHE", str(cache))
    res = CliRunner().invoke(main, ["--quiet", "align", str(corpus), "-o", str(out), "--html", str(out) + ".html",
                                    "--jobs", jobs])
    assert res.exit_code == 0, res.output
    return out.read_bytes() + (out.parent / (out.name + ".html")).read_bytes()


def test_warm_and_incremental_runs_write_the_bytes_of_a_cold_run(tmp_path, monkeypatch):
    corpus = tiny_corpus(tmp_path)
    cold = align(corpus, tmp_path / "cold.json", tmp_path / "cache", "1", monkeypatch)
    assert (tmp_path / "cache" / "results.sqlite").exists()
    assert align(corpus, tmp_path / "warm.json", tmp_path / "cache", "2", monkeypatch) == cold
    (corpus / "en_version.txt").write_text(EN_VERSION, encoding="utf-8")
    # the pool computes what the new document changed, the rest comes from the cache
    incremental = align(corpus, tmp_path / "incremental.json", tmp_path / "cache", "2", monkeypatch)
    fresh = align(corpus, tmp_path / "fresh.json", tmp_path / "other-cache", "1", monkeypatch)
    assert incremental == fresh != cold
    assert b"en_version.txt" in fresh


def run_counted(corpus, folder) -> ResultCache:
    with ResultCache(folder) as cache:
        pipeline.run_all(corpus, cache=cache)
    return cache


def test_adding_a_document_recomputes_only_what_depends_on_it(tmp_path, monkeypatch):
    monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / "cache"))
    corpus = tiny_corpus(tmp_path)
    first = run_counted(corpus, tmp_path / "cache")
    assert dict(first.misses) == {"mentions": 2, "claims": 2, "align": 1, "compare": 1}
    assert sum(first.hits.values()) == 0
    again = run_counted(corpus, tmp_path / "cache")
    assert sum(again.misses.values()) == 0 and dict(again.hits) == dict(first.misses)
    (corpus / "en_version.txt").write_text(EN_VERSION, encoding="utf-8")
    grown = run_counted(corpus, tmp_path / "cache")
    # one new document; the zh-fr pair is unchanged, every pair with the English version is new
    assert grown.misses["mentions"] == grown.misses["claims"] == 1
    assert grown.hits["mentions"] == grown.hits["claims"] == 2
    assert grown.hits["align"] == 1 and grown.misses["align"] == 2
    # the pairs of one group of versions are checked together, sharing phrase
    # vectors (pipeline._compare_group), and cached together: the group changed
    assert grown.hits["compare"] == 0 and grown.misses["compare"] == 1


def test_an_edited_lexicon_invalidates_every_entry(tmp_path, monkeypatch):
    models = tmp_path / "models"
    shutil.copytree(models_dir(), models)
    monkeypatch.setenv("RUMORLENS_MODELS", str(models))
    docs, _ = pipeline.ingest(tiny_corpus(tmp_path))
    sentences = pipeline.segment(docs)

    def run() -> ResultCache:
        with ResultCache(tmp_path / "cache") as cache:
            pipeline.mentions(docs, cache=cache)
            pipeline.claims(docs, sentences, cache=cache)
        return cache

    assert sum(run().misses.values()) == 4
    assert sum(run().misses.values()) == 0
    lexicon = sorted((models / "lexicons").glob("*.json"))[0]
    data = json.loads(lexicon.read_text(encoding="utf-8"))
    data["_edited"] = "a user's change"
    lexicon.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert dict(run().misses) == {"mentions": 2, "claims": 2}
    # thresholds read from outside models/ (a calibration run's) count too
    monkeypatch.setenv("RUMORLENS_CHECK_THRESHOLDS", str(models / "thresholds" / "checks.json"))
    assert dict(run().misses) == {"mentions": 2, "claims": 2}
    assert sum(run().misses.values()) == 0


# ---------------------------------------------------------------- the file


def mentions_of(n: int) -> list[Mention]:
    return [Mention(f"d{n}", i, i + 1, str(n), "en", "number", "count", value=n * 1.5) for i in range(3)]


ITEMS = list(range(20))


def cached(cache) -> list:
    return cached_map(cache, SerialRunner(), mentions_of, ITEMS, lambda n: (n,), stage="mentions", record=Mention)


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "rumorlens.resultcache"]


def test_values_read_back_equal_and_keys_of_none_are_never_stored(tmp_path):
    with ResultCache(tmp_path) as cache:
        assert cached(cache) == [mentions_of(n) for n in ITEMS] and cache.misses["mentions"] == 20
    with ResultCache(tmp_path) as cache:
        assert cached(cache) == [mentions_of(n) for n in ITEMS] and cache.hits["mentions"] == 20
        uncached = cached_map(cache, SerialRunner(), mentions_of, [1, 2], lambda n: None, stage="x", record=Mention)
        assert uncached == [mentions_of(1), mentions_of(2)]
        assert cache.misses["x"] == 2
        (stored,) = cache._db.execute("SELECT COUNT(*) FROM results WHERE stage = 'x'").fetchone()
        assert stored == 0


@pytest.mark.parametrize("damage", ["random bytes", "truncated"])
def test_corrupt_file_is_set_aside_and_the_run_goes_on(tmp_path, caplog, damage):
    path = tmp_path / "results.sqlite"
    if damage == "truncated":  # a cache of some size, cut in half
        with ResultCache(tmp_path) as cache:
            cached_map(cache, SerialRunner(), mentions_of, list(range(2000)), lambda n: (n,), stage="mentions",
                       record=Mention)
    bad = (np.random.default_rng(0).bytes(50_000) if damage == "random bytes"
           else path.read_bytes()[:path.stat().st_size // 2])
    path.write_bytes(bad)
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        with ResultCache(tmp_path) as cache:
            assert cached(cache) == [mentions_of(n) for n in ITEMS]
            assert cache.enabled
    (msg,) = warnings_of(caplog)
    assert str(path) in msg and "set aside" in msg
    assert len(list(tmp_path.glob("results.sqlite.corrupt-*"))) == 1


def test_read_only_file_warns_once_with_its_path_and_computes_everything(tmp_path, monkeypatch, caplog):
    def read_only(*a, **k):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        cache = ResultCache(tmp_path)
        assert cached(cache) == cached(cache) == [mentions_of(n) for n in ITEMS]
    assert not cache.enabled and cache.misses["mentions"] == 40
    (msg,) = warnings_of(caplog)
    assert "result cache" in msg and str(tmp_path / "results.sqlite") in msg and "going on without it" in msg


def test_no_cache_opens_no_file(tmp_path):
    cache = ResultCache(tmp_path / "cache", use_cache=False)
    assert cached(cache) == [mentions_of(n) for n in ITEMS]
    assert not (tmp_path / "cache").exists() and cache.misses["mentions"] == 20


def test_unreadable_entry_is_computed_again(tmp_path):
    with ResultCache(tmp_path) as cache:
        cached(cache)
        cache._db.execute("UPDATE results SET value = ?", (b"not zlib",))
        cache._db.commit()
        assert cached(cache) == [mentions_of(n) for n in ITEMS] and cache.misses["mentions"] == 40


def test_size_is_bounded_least_recently_used_first(tmp_path):
    with ResultCache(tmp_path, max_mb=0.05) as cache:  # about 50 KB
        for n in range(400):
            cache.put_many("s", [(digest(n), bytes(1000))])
            cache.get_many([digest(0)])  # entry 0 stays in use
        (total, count) = cache._db.execute("SELECT SUM(size), COUNT(*) FROM results").fetchone()
        assert total <= 0.05 * 2**20 and 0 < count < 400
        kept = cache.get_many([digest(0), digest(1), digest(399)])
        assert set(kept) == {digest(0), digest(399)}


WRITERS = 4
KEYS_PER_WRITER = 1500
SHARED = 500  # keys every writer stores: the same rows written concurrently


def keys_of(writer: int) -> list[int]:
    return [writer * 10**6 + i for i in range(KEYS_PER_WRITER - SHARED)] + list(range(SHARED))


def write(folder: str, writer: int, start, results) -> None:
    start.wait()  # all writers open the (new) file and write at once
    cache = ResultCache(folder)
    keys = keys_of(writer)
    for i in range(0, len(keys), 10):  # many small transactions, interleaving with the others
        cache.put_many("s", [(digest(k), str(k).encode()) for k in keys[i:i + 10]])
    cache.close()
    results.put((writer, cache.warning))


def test_concurrent_writers_keep_every_entry(tmp_path):
    warnings = run_writers(write, str(tmp_path), WRITERS)
    assert warnings == {w: None for w in range(WRITERS)}
    expected = {k for w in range(WRITERS) for k in keys_of(w)}
    with ResultCache(tmp_path) as cache:
        found = cache.get_many([digest(k) for k in expected])
        assert len(found) == len(expected)
        assert all(found[digest(k)] == str(k).encode() for k in expected)
        assert cache._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_bad_size_bound_is_named_not_ignored(tmp_path, monkeypatch, caplog):
    from rumorlens.resultcache import DEFAULT_MAX_MB, ResultCache

    monkeypatch.setenv("RUMORLENS_RESULT_CACHE_MB", "lots")
    with caplog.at_level("WARNING", logger="rumorlens"):
        cache = ResultCache(tmp_path)
    cache.close()
    assert cache.max_bytes == DEFAULT_MAX_MB * 2**20
    assert any("RUMORLENS_RESULT_CACHE_MB='lots'" in r.getMessage() for r in caplog.records)
