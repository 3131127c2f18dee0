"""Calibrate the word-coverage check (rumorlens.compare.coverage) on
DEMETR's dev half (even ids): for every clean row (base_id35_reference,
source vs its clean machine translation), addition row and noun-removed
row, the coverage of every content word, then a sweep over the thresholds
of models/thresholds/coverage.json: share of rows with a finding of the
expected kind (addition on the target side for critical_id6_addition,
omission on the source side for critical_id23_noun_removed) and share of
clean rows with one (false alarms).

Usage: python bench/calibrate_coverage.py [--demetr PATH] [--split dev|test] [--features OUT.jsonl]
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

PERTS = {"base_id35_reference": None, "critical_id6_addition": "tgt", "critical_id23_noun_removed": "src",
         "critical_id7_antonym": None}
LANG = {"chinese_simple": "zh", "french": "fr"}


def features(demetr: Path, split: str, model: str) -> list[dict]:
    """One dict per row: its perturbation, and per side the coverage of
    every candidate word (dictionary match, best similarity, gain)."""
    from rumorlens import pipeline
    from rumorlens.compare.coverage import cover
    from rumorlens.compare.pair import AlignedPair, Side
    from rumorlens.compare.phrasesim import PhraseSimilarity
    from rumorlens.mentions import extract_text

    psim = PhraseSimilarity(pipeline.encoder(model))
    out = []
    for line in demetr.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if not r["pert_check"] or r["pert_name"] not in PERTS or (r["id"] % 2 == 0) != (split == "dev"):
            continue
        clean = r["pert_name"] == "base_id35_reference"
        src, tgt, sl = r["src_sent"], (r["mt_sent"] if clean else r["pert_sent"]), LANG[r["lang_tag"]]
        sides = [Side(doc_id=k, path="", lang=lang, doc_text=t, start=0, end=len(t), mentions=extract_text(t, lang))
                 for k, t, lang in (("src", src, sl), ("tgt", tgt, "en"))]
        pair = AlignedPair(src=sides[0], tgt=sides[1], phrase_similarity=psim)
        row = {"pert": r["pert_name"], "lang": sl, "id": r["id"]}
        for name, side, other in (("src", sides[0], sides[1]), ("tgt", sides[1], sides[0])):
            row[name] = [{"word": c.word.text, "dict": c.by_dictionary, "sim": round(c.similarity, 4),
                          "gain": round(c.gain, 4)} for c in cover(pair, side, other, word_similarity=2.0)]
        out.append(row)
    return out


SIMS = (0.5, 0.55, 0.6, 0.65, 0.7)
GAINS = (0.0, 0.005, 0.01, 0.015, 0.02, 0.03)
GUARDS = (None, (0.55, 0.005), (0.55, 0.01), (0.6, 0.0), (0.6, 0.01), (0.65, 0.01))
DIRECTIONS = {"addition": ("tgt", "critical_id6_addition"), "omission": ("src", "critical_id23_noun_removed")}
CLEAN_CAP = 0.04  # at most this share of clean rows flagged, per direction


def uncovered(words: list[dict], sim: float, gain: float) -> list[dict]:
    return [w for w in words if not w["dict"] and w["sim"] < sim and w["gain"] > gain]


def found(row: dict, side: str, sim: float, gain: float, guard, max_words: int = 3) -> list[dict]:
    """What check_coverage reports for ``side`` of ``row`` with these values."""
    u = uncovered(row[side], sim, gain)
    other = "src" if side == "tgt" else "tgt"
    if not 0 < len(u) <= max_words or (guard and uncovered(row[other], *guard)):
        return []
    return u


def rate(rows: list[dict], side: str, *args) -> float:
    return sum(bool(found(r, side, *args)) for r in rows) / max(1, len(rows))


def sweep(rows: list[dict]) -> dict:
    """Per direction: the values with the best mean zh/fr detection among
    those flagging at most CLEAN_CAP of clean rows."""
    clean = [r for r in rows if r["pert"] == "base_id35_reference"]
    chosen = {}
    for name, (side, pert) in DIRECTIONS.items():
        by_lang = {l: [r for r in rows if r["pert"] == pert and r["lang"] == l] for l in ("zh", "fr")}
        best = None
        for sim, gain, guard in itertools.product(SIMS, GAINS, GUARDS):
            fa = rate(clean, side, sim, gain, guard)
            det = {l: rate(rs, side, sim, gain, guard) for l, rs in by_lang.items()}
            key = (sum(det.values()) / 2, -fa)
            if fa <= CLEAN_CAP and (best is None or key > best[0]):
                best = (key, sim, gain, guard, det, fa)
        _, sim, gain, guard, det, fa = best
        print(f"{name}: word_similarity {sim} ablation_gain {gain} guard {guard}: "
              f"detection zh {det['zh']:.2f} fr {det['fr']:.2f}, clean rows flagged {fa:.3f}")
        chosen[name] = (side, sim, gain, guard)
    return chosen


def report(rows: list[dict], chosen: dict, medium=(0.4, 0.04)) -> None:
    """Rows flagged with the chosen values, and with a medium finding."""
    clean = [r for r in rows if r["pert"] == "base_id35_reference"]
    strong = lambda u: any(w["sim"] < medium[0] and w["gain"] > medium[1] for w in u)  # noqa: E731
    hits = lambda r, k: found(r, *chosen[k])  # noqa: E731
    print(f"clean rows with any coverage finding: {sum(bool(hits(r, 'addition') or hits(r, 'omission')) for r in clean) / len(clean):.3f}; "
          f"with a medium one: {sum(strong(hits(r, 'addition')) or strong(hits(r, 'omission')) for r in clean) / len(clean):.3f}")
    for name, (side, pert) in DIRECTIONS.items():
        rs = [r for r in rows if r["pert"] == pert]
        print(f"{pert}: {sum(bool(hits(r, name)) for r in rs) / len(rs):.3f} flagged, "
              f"{sum(strong(hits(r, name)) for r in rs) / len(rs):.3f} medium")


def main() -> int:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--demetr", type=Path, default=here.parent / "shared" / "bench" / "demetr" / "demetr_zh_fr.jsonl")
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--model", default="use-m3")
    ap.add_argument("--features", type=Path, help="read (if present) or write the per-word features here")
    args = ap.parse_args()
    if args.features and args.features.is_file():
        rows = [json.loads(l) for l in args.features.read_text(encoding="utf-8").splitlines()]
    else:
        rows = features(args.demetr, args.split, args.model)
        if args.features:
            args.features.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report(rows, sweep(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
