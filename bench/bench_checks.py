"""DEMETR through `rumorlens check-pairs`: detection rate per perturbation
type and false alarms on clean machine translations.

Perturbed rows: pert_check true, source sentence vs perturbed translation.
Clean controls: the base_id35_reference rows' mt_sent (a clean machine
translation) against the source.  A false alarm is a number, entity or date
finding on a clean row; the share of clean rows with any medium or high
finding, and with a finding of each category at any severity, is printed
too.  Additions count as detected by an addition finding, removed nouns by
an omission finding, antonyms by a claim (antonym), polarity or meaning
finding.  Rows are split by id parity into a dev half (even
ids, the only half looked at when choosing thresholds) and a test half (odd
ids); figures are printed for both and for all.

Usage: python bench/bench_checks.py [--demetr PATH] [--model use-m3] [--keep DIR]
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXPECTED = {
    "critical_id10_numbers_replaced": {"number", "date"},
    "critical_id9_ne_replaced": {"entity"},
    "critical_id25_ne_removed": {"entity"},
    "critical_id8_negation": {"polarity"},
    "critical_id7_antonym": {"claim", "polarity", "meaning"},
    "critical_id6_addition": {"addition"},
    "critical_id23_noun_removed": {"omission"},
    "major_id17_tense": {"date", "claim"},  # claim: compare.claims check_tense, check_tense_shift
    "minor_id26_misspelled": {"entity"},
}
TARGETS = {
    "critical_id10_numbers_replaced": 0.97,
    "critical_id9_ne_replaced": 0.90,
    "critical_id25_ne_removed": 0.85,
    "critical_id8_negation": 0.80,
    "critical_id6_addition": 0.35,
    "critical_id7_antonym": 0.35,
    "critical_id23_noun_removed": 0.25,
}
ALARM_CATEGORIES = {"number", "entity", "date"}
ALARM_TARGET = 0.04  # clean rows with a number, entity or date finding
SEVERE = {"high", "medium"}
SEVERE_TARGET = 0.08  # clean rows with any finding of medium or high severity
LANG = {"chinese_simple": "zh", "french": "fr"}


def build_rows(demetr: Path) -> tuple[list[dict], dict]:
    rows, meta = [], {}
    for line in demetr.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if not r["pert_check"]:
            continue
        clean = r["pert_name"] == "base_id35_reference"
        rid = f"{r['pert_name']}:{r['lang_tag']}:{r['id']}"
        rows.append({"id": rid, "src": r["src_sent"], "tgt": r["mt_sent"] if clean else r["pert_sent"],
                     "src_lang": LANG[r["lang_tag"]], "tgt_lang": "en"})
        meta[rid] = {"pert": r["pert_name"], "lang": LANG[r["lang_tag"]], "clean": clean,
                     "split": "dev" if r["id"] % 2 == 0 else "test"}
    return rows, meta


def report(results: list[dict], meta: dict, split: str | None) -> None:
    det = collections.defaultdict(lambda: [0, 0, 0])  # rows, expected-category hit, any hit
    clean = [0, 0, 0]  # rows, with a number/entity/date finding, with a medium/high finding
    clean_by_cat = collections.Counter()
    errors = 0
    for r in results:
        m = meta[r["id"]]
        if split and m["split"] != split:
            continue
        if "error" in r:
            errors += 1
        cats = {f["category"] for f in r["findings"]}
        if m["clean"]:
            clean[0] += 1
            clean[1] += bool(cats & ALARM_CATEGORIES)
            clean[2] += any(f["severity"] in SEVERE for f in r["findings"])
            for c in cats:
                clean_by_cat[c] += 1
            continue
        d = det[m["pert"]]
        d[0] += 1
        d[1] += bool(cats & EXPECTED[m["pert"]])
        d[2] += bool(cats)
    title = f"split: {split or 'all'}"
    print(f"\n== {title} ==")
    print(f"{'perturbation':34} {'rows':>5} {'expected-cat':>13} {'any':>6}  target")
    for pert in sorted(det):
        n, hit, anyhit = det[pert]
        tgt = TARGETS.get(pert)
        mark = "" if tgt is None else f"{tgt:.2f} {'ok' if hit / n >= tgt else 'MISSED'}"
        exp = "/".join(sorted(EXPECTED[pert]))
        print(f"{pert:34} {n:5d} {hit / n:13.3f} {anyhit / n:6.3f}  {mark}   ({exp})")
    n, fa, severe = clean
    print(f"false alarms (number/entity/date finding on clean MT): {fa}/{n} = {fa / max(1, n):.3f}"
          f"  target {ALARM_TARGET:.2f} {'ok' if fa / max(1, n) <= ALARM_TARGET else 'MISSED'}")
    print(f"clean rows with a medium or high finding: {severe}/{n} = {severe / max(1, n):.3f}"
          f"  target {SEVERE_TARGET:.2f} {'ok' if severe / max(1, n) <= SEVERE_TARGET else 'MISSED'}")
    print("clean rows with a finding, by category: "
          + ", ".join(f"{c} {k / max(1, n):.3f}" for c, k in sorted(clean_by_cat.items())))
    if errors:
        print(f"rows with an error: {errors}")


def main() -> int:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--demetr", type=Path, default=here.parent / "shared" / "bench" / "demetr" / "demetr_zh_fr.jsonl")
    ap.add_argument("--model", default="use-m3")
    ap.add_argument("--keep", type=Path, default=None, help="keep input/output JSONL here")
    ap.add_argument("--rumorlens", default=str(Path(sys.executable).with_name("rumorlens")))
    args = ap.parse_args()
    rows, meta = build_rows(args.demetr)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-checks-"))
    work.mkdir(parents=True, exist_ok=True)
    inp, out = work / "demetr_pairs.jsonl", work / "demetr_findings.jsonl"
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run([args.rumorlens, "check-pairs", str(inp), "-o", str(out), "--model", args.model], check=True)
    wall = time.perf_counter() - t0
    results = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) == len(rows), "check-pairs must write one line per input line"
    print(f"DEMETR zh/fr->en via rumorlens check-pairs (model {args.model}): {len(rows)} rows in {wall:.1f} s")
    for split in ("dev", "test", None):
        report(results, meta, split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
