"""Incremental runs (issue 12, item 4): the results of the per-document and
per-pair stages, cached on disk, so that adding one article to a corpus
recomputes only what depends on it.

What is cached, and what its key covers (sha256 of all of it):

- ``mentions`` of a document: the Document record (text, paragraphs,
  languages, id, path);
- ``claims`` of a document: the Document and its Sentence records (their
  kinds come from the corpus-wide boilerplate pass, so a document whose
  furniture changes is profiled again);
- ``align`` of a related pair: both sides' sentences and embeddings, the
  encoder (model and version), the pair's relation and score;
- ``compare`` of an aligned pair: the alignment, both documents with their
  sentences, embeddings, mentions and claim profiles, the encoder, the
  contents of the user's glossary files and ``--moves``.

Every key also covers :func:`fingerprint`: rumorlens's code and the models
folder it reads (any edited module, lexicon, gazetteer or threshold file
changes it: rumorlens.paths.code_fingerprint), the name and version of
every installed Python distribution (spaCy and its models, LAC, pypinyin,
wordfreq...), the dictionary files read from outside them (FreeDict) and
:data:`SCHEMA_VERSION`.  Corpus-wide steps (grouping,
cross-article conflicts, merging and ranking) always run.

Values are the stage's records as compressed JSON (records.to_dict, read
back with records.from_dict, as the Makefile pipeline reads its
artifacts), so a warm run writes the same report, byte for byte.

The file is ``results.sqlite`` in the cache folder (``RUMORLENS_CACHE``,
default ``~/.cache/rumorlens``), handled like the embedding cache
(rumorlens.cachefile: a corrupt, read-only or full file gives one warning
naming it and the run goes on without it; ``--no-cache`` opens no file).
Only the process that runs the pipeline reads and writes it: worker
processes (the pool of rumorlens.runner, Dask workers) compute the misses
and hand them back, so no worker ever writes it; concurrent runs share it
through SQLite's WAL mode and busy timeout (tests/test_resultcache.py
writes from several processes at once).  Its size is bounded: past
``RUMORLENS_RESULT_CACHE_MB`` megabytes of values (default
:data:`DEFAULT_MAX_MB`) the least recently used entries are dropped.
Deleting the file clears it.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import zlib
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

import numpy as np

from . import progress
from .cachefile import SqliteCacheFile
from .paths import cache_dir, code_fingerprint
from .records import from_dict, to_dict
from .runner import unit, weight

log = logging.getLogger(__name__)

# Bump when the meaning of a cached value changes without any code file of
# rumorlens changing (never needed so far: every code change already
# changes the fingerprint).
SCHEMA_VERSION = 1

# About 1 GB of compressed values: the mentions, claims, alignments and
# findings of some 10^6 sentences.
DEFAULT_MAX_MB = 1024

_CHUNK = 500  # SQLite host-parameter limit is 999 on old builds


@functools.lru_cache(maxsize=1)
def _distributions() -> str:
    """Every installed distribution as ``name==version``, sorted, once per
    process (about 0.4 s): spaCy models and NLP libraries are distributions."""
    found = sorted({f"{(d.metadata['Name'] or '').lower()}=={d.version}" for d in metadata.distributions()})
    return "\n".join(found)


def _outside_data() -> str:
    """Data files rumorlens reads from outside Python packages, by path,
    size and modification time: FreeDict's dictd files (a Debian package,
    ``RUMORLENS_FREEDICT``) and a calibration run's thresholds
    (``RUMORLENS_CHECK_THRESHOLDS``)."""
    from .lexicons.dictionaries import FREEDICT_DEFAULT

    freedict = os.environ.get("RUMORLENS_FREEDICT") or FREEDICT_DEFAULT
    paths = [freedict + ".index", freedict + ".dict.dz", os.environ.get("RUMORLENS_CHECK_THRESHOLDS") or ""]
    lines = []
    for path in paths:
        try:
            st = os.stat(path)
            lines.append(f"{path}\t{st.st_size}\t{st.st_mtime_ns}")
        except OSError:
            lines.append(f"{path}\tabsent")
    return "\n".join(lines)


def fingerprint() -> str:
    """What every cached result depends on besides its own inputs: the code
    and models folder (read again on each call: a lexicon edited between two
    runs of one process counts), the installed distributions, the data
    files read from outside them (:func:`_outside_data`) and
    :data:`SCHEMA_VERSION`.  A hex string."""
    h = hashlib.sha256(f"results v{SCHEMA_VERSION}\n{code_fingerprint()}\n{_outside_data()}\n".encode(
        "utf-8", "surrogateescape"))
    h.update(_distributions().encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _feed(h, part: Any) -> None:
    """Hash one part of a key: arrays by dtype, shape and bytes; records,
    lists and dicts as canonical JSON; anything else by its repr."""
    if isinstance(part, np.ndarray):
        arr = np.ascontiguousarray(part)
        h.update(f"nd{arr.dtype.str}{arr.shape}".encode())
        h.update(arr.tobytes())
    elif isinstance(part, (bytes, bytearray)):
        h.update(b"b%d:" % len(part) + bytes(part))
    else:
        if hasattr(part, "__dataclass_fields__"):
            part = to_dict(part)
        elif isinstance(part, list) and part and hasattr(part[0], "__dataclass_fields__"):
            part = [to_dict(x) for x in part]
        text = json.dumps(part, ensure_ascii=False, sort_keys=True, default=repr)
        h.update(b"j%d:" % len(text) + text.encode("utf-8", "surrogatepass"))


def digest(*parts: Any) -> bytes:
    """sha256 of a sequence of parts (see :func:`_feed`), 32 bytes."""
    h = hashlib.sha256()
    for part in parts:
        _feed(h, part)
    return h.digest()


def encoder_key(enc: Any) -> Optional[str]:
    """The identity of an encoder (or of its bound ``encode``) for a key:
    its model key (name and version), "none" for None, or None when it has
    none (then its results are not cached)."""
    if enc is None:
        return "none"
    owner = getattr(enc, "__self__", enc)
    return getattr(owner, "model_key", None)


def files_digest(paths: Iterable) -> Optional[bytes]:
    """Contents of user files (glossaries) for a key; None when one cannot be read."""
    try:
        return digest(*[(str(p), Path(p).read_bytes()) for p in paths])
    except OSError:
        return None


def _dump(result: Any) -> bytes:
    data = [to_dict(r) for r in result] if isinstance(result, list) else to_dict(result)
    return zlib.compress(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass"))


def _load(cls: type, value: bytes) -> Any:
    data = json.loads(zlib.decompress(value).decode("utf-8", "surrogatepass"))
    return [from_dict(cls, d) for d in data] if isinstance(data, list) else from_dict(cls, data)


def _max_mb_from_env() -> float:
    """``RUMORLENS_RESULT_CACHE_MB`` (a number of megabytes), else
    :data:`DEFAULT_MAX_MB`; another value is named in a warning, not
    ignored silently."""
    env = os.environ.get("RUMORLENS_RESULT_CACHE_MB", "").strip()
    if not env:
        return DEFAULT_MAX_MB
    if env.replace(".", "", 1).isdigit():
        return float(env)
    log.warning("RUMORLENS_RESULT_CACHE_MB=%r is not a number of megabytes: the default, %d, is used",
                env, DEFAULT_MAX_MB)
    return DEFAULT_MAX_MB


class ResultCache(SqliteCacheFile):
    """Stage results keyed by the digest of their inputs (module docstring).

    ``hits`` and ``misses`` count items per stage (a Counter each), for
    tests and benchmarks.  Thread-safe: ``rumorlens align`` runs mentions
    and claims in a thread beside alignment."""

    what = "result cache"
    _log = log
    _schema = ("CREATE TABLE IF NOT EXISTS results ("
               " key BLOB PRIMARY KEY, stage TEXT NOT NULL, value BLOB NOT NULL,"
               " size INTEGER NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID",)

    def __init__(self, folder: Optional[os.PathLike | str] = None, *, use_cache: bool = True,
                 max_mb: Optional[float] = None) -> None:
        self.hits: Counter = Counter()
        self.misses: Counter = Counter()
        self._lock = threading.RLock()
        self._fingerprint: Optional[str] = None
        if max_mb is None:
            max_mb = _max_mb_from_env()
        self.max_bytes = int(max_mb * 2**20)
        self._init_file(Path(folder if folder is not None else cache_dir()) / "results.sqlite", use_cache)

    def key(self, stage: str, *parts: Any) -> bytes:
        """The key of one item of ``stage`` from its inputs (:func:`digest`)."""
        with self._lock:
            if self._fingerprint is None:
                self._fingerprint = fingerprint()
        return digest(self._fingerprint, stage, *parts)

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """Stored values of those keys that are stored (and marks them used)."""
        found: dict[bytes, bytes] = {}
        with self._lock:
            if self._db is None or not keys:
                return found
            unique = sorted(set(keys))
            try:
                for start in range(0, len(unique), _CHUNK):
                    chunk = unique[start:start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    for key, value in self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})",
                                                       chunk):
                        found[bytes(key)] = bytes(value)
                with self._db:
                    now = time.time_ns() // 1000  # microseconds: the order of use within a second
                    for start in range(0, len(unique), _CHUNK):
                        chunk = [k for k in unique[start:start + _CHUNK] if k in found]
                        if chunk:
                            self._db.execute(f"UPDATE results SET used = ? WHERE key IN ({','.join('?' * len(chunk))})",
                                             [now, *chunk])
            except sqlite3.DatabaseError as exc:
                self._failed(exc)
                return {}
        return found

    def put_many(self, stage: str, rows: Sequence[tuple[bytes, bytes]]) -> None:
        """Store (key, value) rows of ``stage``, then drop the least recently
        used entries if the cache outgrew its bound."""
        with self._lock:
            if self._db is None or not rows:
                return
            now = time.time_ns() // 1000  # microseconds: the order of use within a second
            try:
                with self._db:
                    # OR REPLACE: two runs that computed one key computed the same value
                    self._db.executemany("INSERT OR REPLACE INTO results (key, stage, value, size, used) "
                                         "VALUES (?, ?, ?, ?, ?)",
                                         [(k, stage, v, len(v) + len(k), now) for k, v in rows])
                self._bound()
            except sqlite3.DatabaseError as exc:
                self._failed(exc)

    def _bound(self) -> None:
        """Drop least recently used entries down to 80% of the bound once it
        is passed (the file keeps its pages for the next entries)."""
        (total,) = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM results").fetchone()
        if total <= self.max_bytes:
            return
        drop, target = [], total - int(0.8 * self.max_bytes)
        for key, size in self._db.execute("SELECT key, size FROM results ORDER BY used, key"):
            if target <= 0:
                break
            drop.append(key)
            target -= size
        with self._db:
            for start in range(0, len(drop), _CHUNK):
                chunk = drop[start:start + _CHUNK]
                self._db.execute(f"DELETE FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        log.info("result cache %s: %d least recently used entries dropped (bound %d MB)", self.path, len(drop),
                 self.max_bytes // 2**20)

    def map(self, runner, fn: Callable, items: Sequence, keys: Sequence[Optional[bytes]], *, stage: str,
            record: type, batch: Optional[Callable[[list], list]] = None) -> list:
        """``runner.map(fn, items)`` with the results of known keys read from
        the cache (``record``: the class of the records ``fn`` returns, one
        or a list), the others computed by ``runner`` and stored.  A key of
        None is never cached.  Results in the order of ``items``.
        ``batch``: see :func:`cached_map` (only the items not found are batched)."""
        stored = self.get_many([k for k in keys if k is not None])
        out: list = [None] * len(items)
        todo = []
        for i, key in enumerate(keys):
            value = stored.get(key) if key is not None else None
            if value is not None:
                try:
                    out[i] = _load(record, value)
                    continue
                except (ValueError, TypeError, KeyError, zlib.error) as exc:
                    log.debug("result cache %s: unreadable %s entry, computed again (%s)", self.path, stage, exc)
            todo.append(i)
        self.hits[stage] += len(items) - len(todo)
        self.misses[stage] += len(todo)
        if len(todo) < len(items):
            from .names import plural

            # counted as the stage's progress line counts them: a batch (the
            # pairs of one group, for compare) is its pairs, not one "pair"
            total = sum(map(weight, items))
            found = f"{total - sum(weight(items[i]) for i in todo)} of " if todo else "all " if total > 1 else ""
            progress.note(f"{stage}: {found}{plural(total, unit(stage))} from the result cache")
        # nothing left to compute: no second line "mentions: 0 documents in 0.0 s" after the note
        computed = _compute(runner, fn, [items[i] for i in todo], stage, batch) if todo else []
        rows = []
        for i, result in zip(todo, computed):
            out[i] = result
            if keys[i] is not None and self.enabled:
                try:
                    rows.append((keys[i], _dump(result)))
                except (TypeError, ValueError):  # a value JSON cannot hold: computed again next time
                    pass
        self.put_many(stage, rows)
        return out


def _compute(runner, fn: Callable, items: list, stage: str, batch: Optional[Callable[[list], list]]) -> list:
    """``fn`` of every item on ``runner``, or, with ``batch``, ``fn`` of
    every batch ``batch(items)`` makes, the results flattened back in the
    order of ``items``."""
    if batch is None:
        return runner.map(fn, items, stage=stage)
    return [result for part in runner.map(fn, batch(items), stage=stage) for result in part]


def cached_map(cache: Optional[ResultCache], runner, fn: Callable, items: Sequence,
               key_of: Callable[[Any], Optional[tuple]], *, stage: str, record: type,
               batch: Optional[Callable[[list], list]] = None) -> list:
    """``runner.map(fn, items, stage=stage)`` through ``cache`` (None, or
    one that is off: everything computed).  ``key_of(item)``: the parts of
    an item's key (:meth:`ResultCache.key`), or None for an item whose
    result must not be cached.  ``batch``: when given, ``fn`` takes a list
    of items and returns their results in order, and the items to compute
    (those the cache does not hold) go to it in the batches ``batch`` cuts
    (rumorlens.runner.batched); each item is still cached on its own."""
    if cache is None or not cache.enabled:
        if cache is not None:
            cache.misses[stage] += len(items)
        return _compute(runner, fn, list(items), stage, batch)
    keys = []
    for item in items:
        parts = key_of(item)
        keys.append(None if parts is None else cache.key(stage, *parts))
    return cache.map(runner, fn, items, keys, stage=stage, record=record, batch=batch)
