"""Where rumorlens finds its own data (``models/``, ``schema/``) and its caches.

The repository keeps ``models/`` and ``schema/`` at the top level; the build
(``setup.py``) copies both, whole, into the package as ``rumorlens/models``
and ``rumorlens/schema``.  An installed rumorlens (wheel, ``pip install``,
``pipx``) reads them there with ``importlib.resources``; an editable install
has no copy and reads the top-level folders in place.
"""
from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from pathlib import Path


def _data_dir(name: str) -> Path:
    """``rumorlens/<name>`` inside an installed package, else the repository's
    top-level ``<name>/`` next to ``src/`` (editable install).  A packaged
    copy must be a real folder (pip and pipx unpack wheels); a zipped install
    falls through to the repository path, and the caller's error says so."""
    packaged = resources.files(__package__) / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name


def models_dir() -> Path:
    """The ``models/`` folder: registry, gazetteers, lexicons, thresholds.

    ``RUMORLENS_MODELS`` overrides it (a user's own lexicons); otherwise the
    copy inside the installed package, or the repository's ``models/`` when
    rumorlens is installed editable.
    """
    env = os.environ.get("RUMORLENS_MODELS")
    if env:
        return Path(env)
    return _data_dir("models")


def schema_dir() -> Path:
    """The ``schema/`` folder: JSON schemas of the report and of
    ``check-pairs`` output (``report.schema.json``,
    ``check-pairs.schema.json``); packaged like ``models/``."""
    return _data_dir("schema")


def read_values(path: Path) -> dict:
    """A JSON file of ours in models/ (thresholds, parameters) without its
    notes: keys starting with "_" explain how the values were chosen."""
    with open(path, encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if not k.startswith("_")}


def cache_dir() -> Path:
    """Embedding cache; ``RUMORLENS_CACHE`` overrides ``~/.cache/rumorlens``."""
    env = os.environ.get("RUMORLENS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rumorlens"


def code_fingerprint() -> str:
    """sha256 over rumorlens's own code and data (every file of the
    package's .py modules and of the models folder this process reads):
    workers with other code or other lexicons would give another report
    (rumorlens.runner_dask), and cached stage results would be stale
    (rumorlens.resultcache)."""
    h = hashlib.sha256()
    for root, pattern in ((Path(__file__).resolve().parent, "*.py"), (models_dir(), "*")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()[:16]
