"""Calibrated thresholds of the checks, read from
``models/thresholds/checks.json`` (written by hand or by calibration on a dev
split; see bench/bench_checks.py).  Missing keys fall back to the defaults
below so an older file still works."""
from __future__ import annotations

import json
import os
from functools import lru_cache

from ..paths import models_dir

DEFAULTS: dict = {
    # meaning: robust z-score of the bead similarity within its document pair
    "meaning_min_beads": 8,
    "meaning_robust_z": -3.5,
    "meaning_max_similarity": 0.45,
    # check-pairs rows: below this similarity a pair reads as a different meaning
    "meaning_floor_single": 0.25,
    # entity: phrase similarity above which two names in different scripts
    # are taken as the same entity (rescues translations such as 中美洲 / Central America)
    "entity_phrase_same": 0.60,
    # entity ablation: similarity gained by the two versions when a name is
    # removed from one of them (a name the other version lacks)
    "entity_ablation_gain": 0.02,  # a name with no counterpart found
    "entity_ablation_gain_added": 0.04,  # a name only in the second version
    "entity_ablation_gain_weak": 0.05,
    "entity_ablation_gain_pair": 0.01,  # both names of a replacement pair  # a name paired only loosely (pinyin, phrase)
    "entity_ablation_gain_strong": 0.01,
    # a Latin name inside Chinese text absent from the other version is
    # reported unless dropping it makes the versions clearly less alike
    "entity_ablation_gain_latin_in_chinese": -0.03,
    # two person names: phrase similarity is unreliable, demand more
    "entity_phrase_same_person": 0.85,  # a Latin name that should have stayed as written
    # polarity: similarity gained by dropping the negation cue
    "polarity_ablation_gain": 0.0,
    "polarity_ablation_gain_doc": 0.03,  # hand-set from reading the sample corpus, not calibrated
    # omission inside a bead: robust z of log length ratio
    "partial_omission_robust_z": -4.0,
    "partial_omission_min_chars": 40,
    # one-sided beads shorter than this (characters) are not reported
    "one_sided_min_chars": 25,
    # conflict: FAISS neighbours across unrelated documents
    "conflict_min_similarity": 0.40,
    "conflict_neighbours": 20,
    "conflict_max_ratio": 1.25,
}


@lru_cache(maxsize=1)
def thresholds() -> dict:
    values = dict(DEFAULTS)
    path = models_dir() / "thresholds" / "checks.json"
    override = os.environ.get("RUMORLENS_CHECK_THRESHOLDS")  # calibration runs try other values
    if override:
        from pathlib import Path

        path = Path(override)
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        values.update({k: v for k, v in data.items() if not k.startswith("_")})
    return values
