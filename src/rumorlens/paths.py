"""Where rumorlens finds its own data (``models/``) and its caches."""
from __future__ import annotations

import json
import os
from pathlib import Path


def models_dir() -> Path:
    """The ``models/`` folder: registry, gazetteers, lexicons, thresholds.

    ``RUMORLENS_MODELS`` overrides it; otherwise it is the repository's
    ``models/`` next to ``src/`` (rumorlens is installed editable).
    """
    env = os.environ.get("RUMORLENS_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


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
