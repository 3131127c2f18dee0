import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_real", ROOT / "bench" / "bench_real.py")
bench_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_real)

LABELS = {"a.txt": {"family": "F1", "story": "S1"}, "b.txt": {"family": "F1", "story": "S1"},
          "c.txt": {"family": "F2", "story": "S1"}, "d.txt": {"family": "F3", "story": "S2"}}
DOCS = [{"id": p.replace(".", "-"), "path": p, "text": "x"} for p in LABELS]


def test_grouping_counts_version_groups_only():
    report = {"documents": DOCS, "groups": [
        {"docs": ["a-txt", "b-txt", "c-txt"], "relation": "translation"},
        {"docs": ["c-txt", "d-txt"], "relation": "same_event"}]}
    g = bench_real.grouping_scores(report, LABELS)
    assert (g["tp"], g["predicted"], g["truth"]) == (1, 3, 1)
    assert g["precision"] == pytest.approx(1 / 3) and g["recall"] == 1.0
    assert ("c.txt", "d.txt") not in g["false_pairs"]


def test_latest_verdict_wins_and_bad_verdict_is_refused(tmp_path):
    p = tmp_path / "v.jsonl"
    p.write_text("\n".join(json.dumps({"fingerprint": "fp-1", "verdict": v}) for v in ("false", "real")) + "\n")
    assert bench_real.load_verdicts(p)["fp-1"]["verdict"] == "real"
    p.write_text(json.dumps({"fingerprint": "fp-1", "verdict": "maybe"}) + "\n")
    with pytest.raises(SystemExit):
        bench_real.load_verdicts(p)


def test_rows_flag_findings_between_families_and_stories():
    f_same = {"category": "number", "type": "value_changed", "severity": "high", "docs": ["a-txt", "b-txt"],
              "evidence": [{"doc": "a-txt", "path": "a.txt", "text": "1"}, {"doc": "b-txt", "path": "b.txt", "text": "2"}]}
    f_cross = dict(f_same, docs=["a-txt", "d-txt"],
                   evidence=[{"doc": "a-txt", "path": "a.txt", "text": "1"}, {"doc": "d-txt", "path": "d.txt", "text": "2"}])
    rows = bench_real.finding_rows({"documents": DOCS, "discrepancies": [f_same, f_cross]}, LABELS, {})
    assert [(r["cross_family"], r["cross_story"]) for r in rows] == [(False, False), (True, True)]
    text, p = bench_real.precision(rows)
    assert p is None and "0 of 2 judged" in text


def test_version_rows_keep_findings_inside_one_family():
    f_same = {"category": "number", "type": "value_changed", "severity": "high", "docs": ["a-txt", "b-txt"],
              "evidence": [{"doc": "a-txt", "path": "a.txt", "text": "1"}, {"doc": "b-txt", "path": "b.txt", "text": "2"}]}
    f_cross = dict(f_same, docs=["a-txt", "c-txt"],
                   evidence=[{"doc": "a-txt", "path": "a.txt", "text": "1"}, {"doc": "c-txt", "path": "c.txt", "text": "2"}])
    rows = bench_real.finding_rows({"documents": DOCS, "discrepancies": [f_cross, f_same]}, LABELS, {})
    kept = bench_real.version_rows(rows)
    assert [r["finding"]["docs"] for r in kept] == [["a-txt", "b-txt"]]
    assert kept[0]["rank"] == 1


def test_subset_by_story_or_held_out_flag():
    labels = dict(LABELS, **{"e.txt": {"family": "F4", "story": "S3", "held_out": True},
                             "f.txt": {"family": "F5", "story": "S4", "held_out": True}})
    assert bench_real.subset_paths(labels, None, False) is None
    assert bench_real.subset_paths(labels, "S2, S3", False) == {"d.txt", "e.txt"}
    assert bench_real.subset_paths(labels, None, True) == {"e.txt", "f.txt"}
    with pytest.raises(SystemExit):
        bench_real.subset_paths(labels, "nope", False)
