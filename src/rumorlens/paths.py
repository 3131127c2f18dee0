"""Where rumorlens finds its own data (``models/``) and its caches."""
from __future__ import annotations

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


def cache_dir() -> Path:
    """Embedding cache; ``RUMORLENS_CACHE`` overrides ``~/.cache/rumorlens``."""
    env = os.environ.get("RUMORLENS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rumorlens"
