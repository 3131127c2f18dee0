"""Calibrated thresholds of the checks, read from
``models/thresholds/checks.json`` (written by hand or by calibration on a dev
split; see bench/bench_checks.py and the file's ``_comment`` for how each
value was chosen).  That file is the only source of these values: a key that
a check asks for and the file lacks is an error, not a silent default."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..paths import models_dir, read_values


class Thresholds(dict):
    """The values of checks.json; a missing key names the file."""

    path: Path

    def __missing__(self, key: str):
        raise KeyError(f"threshold {key!r} is missing from {self.path}")


@lru_cache(maxsize=1)
def thresholds() -> Thresholds:
    # calibration runs try other values through RUMORLENS_CHECK_THRESHOLDS
    override = os.environ.get("RUMORLENS_CHECK_THRESHOLDS")
    path = Path(override) if override else models_dir() / "thresholds" / "checks.json"
    values = Thresholds(read_values(path))
    values.path = path
    return values
