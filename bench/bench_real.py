"""Benchmark on real public articles: grouping and finding precision, judged by hand.

The set (bench/real/): ``corpus/`` holds stored copies of real pages in zh/fr/en
(see ``SOURCES.md``); ``families.json`` labels each file with its story, its
family (versions of one article share a family) and its role; ``verdicts.jsonl``
holds hand judgements of findings, one JSON object a line:
``{fingerprint, category, type, docs, evidence, verdict, reason, judged_at, run}``
with ``verdict`` one of real | trivial | false, and optionally ``cause``, a
short code for why a false or trivial finding arose (legend in
bench/real/BASELINE.md).  Lines are only appended; the latest line per
fingerprint counts (history stays in the file).  Findings that quote the same
words in the same documents share a fingerprint and so a verdict.

What it prints (targets from issue 19):
- grouping over document pairs: a pair is "grouped as versions" when both
  documents are in one report group whose relation is a version relation
  (rumorlens.grouping.VERSION_RELATIONS; a same_event relation does not count);
  truth: same family.  Targets P >= 0.90, R >= 0.80.
- finding precision = real / judged, overall, in the top 40 (report order)
  and at high severity; also (real + trivial) / judged.  Targets: top 40 >= 0.50,
  high >= 0.70.
- findings other than ``conflict`` between documents of different families
  (and of different stories: target 0).
- ``--versions-only`` scores the findings of version pairs only (every
  document a finding names in one family), so the checks can be measured
  apart from grouping errors; grouping figures are unchanged.
- ``--held-out`` (files labelled ``"held_out": true`` in families.json: stories
  added after the rules were tuned; SOURCES.md records the rules later chosen
  by reading them, which end their held-out status for that kind) or ``--stories
  A,B`` (files whose ``story`` is listed) scores a subset: grouping over the
  pairs of its documents, and the findings that name at least one of them.
- unjudged findings, listed so the next person judges them (``--judge`` prints
  them with context; ``--template FILE`` writes verdict lines to fill in).

Exit code 0 even when targets are missed.

    .venv/bin/python bench/bench_real.py [--report build/real/report.json] [--judge]
"""
from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rumorlens.fingerprint import fingerprint  # noqa: E402
from rumorlens.grouping import VERSION_RELATIONS  # noqa: E402

REAL = ROOT / "bench" / "real"
TOP_N = 40
TARGETS = {"group_precision": 0.90, "group_recall": 0.80, "top_precision": 0.50, "high_precision": 0.70,
           "cross_story_non_conflict": 0}


def run_rumorlens(corpus: Path, out: Path) -> dict:
    """``rumorlens --quiet align CORPUS -o OUT`` with this interpreter's rumorlens."""
    out.parent.mkdir(parents=True, exist_ok=True)
    exe = Path(sys.executable).parent / "rumorlens"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "rumorlens.cli"]
    subprocess.run(cmd + ["--quiet", "align", str(corpus), "-o", str(out)], check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def load_verdicts(path: Path) -> dict:
    """Latest judgement per fingerprint (later lines win)."""
    latest = {}
    if path.exists():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                v = json.loads(line)
                if v.get("verdict") not in ("real", "trivial", "false"):
                    raise SystemExit(f"{path}:{n}: verdict must be real, trivial or false, not {v.get('verdict')!r}")
                latest[v["fingerprint"]] = v
    return latest


def grouping_scores(report: dict, labels: dict) -> dict:
    """Pair precision and recall of the report's version groups against families."""
    path_of = {d["id"]: d["path"] for d in report["documents"]}
    paths = sorted(p for p in path_of.values() if p in labels)
    predicted = set()
    for g in report.get("groups", []):
        if g.get("relation") not in VERSION_RELATIONS:
            continue
        members = sorted(path_of[d] for d in g["docs"] if path_of.get(d) in labels)
        predicted.update(itertools.combinations(members, 2))
    truth = {(a, b) for a, b in itertools.combinations(paths, 2) if labels[a]["family"] == labels[b]["family"]}
    tp = len(predicted & truth)
    return {"predicted": len(predicted), "truth": len(truth), "tp": tp,
            "precision": tp / len(predicted) if predicted else 0.0,
            "recall": tp / len(truth) if truth else 0.0,
            "false_pairs": sorted(predicted - truth), "missed_pairs": sorted(truth - predicted)}


def finding_rows(report: dict, labels: dict, verdicts: dict) -> list[dict]:
    """Each finding in report order with its fingerprint, paths, families and verdict."""
    docs = {d["id"]: d for d in report["documents"]}
    rows = []
    for rank, f in enumerate(report.get("discrepancies", []), 1):
        fp = fingerprint(f, docs)
        paths = sorted({ev.get("path") or docs[ev["doc"]]["path"] for ev in f.get("evidence", [])}
                       | {docs[d]["path"] for d in f.get("docs", []) if d in docs})
        fams = {labels[p]["family"] for p in paths if p in labels}
        stories = {labels[p]["story"] for p in paths if p in labels}
        v = verdicts.get(fp)
        rows.append({"rank": rank, "finding": f, "fp": fp, "paths": paths, "cross_family": len(fams) > 1,
                     "cross_story": len(stories) > 1,
                     "known": all(p in labels for p in paths), "verdict": v["verdict"] if v else None})
    return rows


def subset_paths(labels: dict, stories: str | None, held_out: bool) -> set[str] | None:
    """The files a ``--stories``/``--held-out`` run scores (None: all of them)."""
    if not stories and not held_out:
        return None
    wanted = {s.strip() for s in (stories or "").split(",") if s.strip()}
    keep = {p for p, lab in labels.items() if (held_out and lab.get("held_out")) or lab["story"] in wanted}
    if not keep:
        raise SystemExit(f"no labelled file matches --stories {stories!r} / --held-out")
    return keep


def version_rows(rows: list[dict]) -> list[dict]:
    """The rows of findings between versions of one article (every document
    named in one labelled family), renumbered in report order: what the
    checks do on pairs grouping got right."""
    out = [dict(r) for r in rows if r["paths"] and not r["cross_family"] and r["known"]]
    for k, r in enumerate(out, 1):
        r["rank"] = k
    return out


def precision(rows: list[dict]) -> tuple[str, float | None]:
    judged = [r for r in rows if r["verdict"]]
    real = sum(r["verdict"] == "real" for r in judged)
    useful = sum(r["verdict"] in ("real", "trivial") for r in judged)
    if not judged:
        return f"n/a (0 of {len(rows)} judged)", None
    p = real / len(judged)
    return (f"{p:.3f} ({real}/{len(judged)} real; real+trivial {useful / len(judged):.3f};"
            f" {len(rows) - len(judged)} of {len(rows)} unjudged)"), p


def context(report: dict, ev: dict, width: int = 70) -> str:
    docs = {d["id"]: d for d in report["documents"]}
    text = docs[ev["doc"]]["text"] if ev.get("doc") in docs else ""
    s, e = ev.get("start", 0), ev.get("end", 0)
    left = text[max(0, s - width):s].replace("\n", " / ")
    right = text[e:e + width].replace("\n", " / ")
    return f"...{left}[[{text[s:e]}]]{right}..."


def print_unjudged(report: dict, rows: list[dict], full: bool) -> None:
    todo = [r for r in rows if not r["verdict"]]
    print(f"\nUnjudged findings: {len(todo)}")
    for r in todo:
        f = r["finding"]
        print(f"  #{r['rank']} {r['fp']} {f['category']}/{f['type']} {f['severity']} "
              f"{' <> '.join(r['paths'])}")
        if full:
            for ev in f.get("evidence", []):
                print(f"      {ev.get('path')}: {context(report, ev)}")
            print(f"      explanation: {f.get('explanation', '')}")


def write_template(rows: list[dict], path: Path, run: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for r in rows:
            if r["verdict"]:
                continue
            f = r["finding"]
            out.write(json.dumps({"fingerprint": r["fp"], "category": f["category"], "type": f["type"],
                                  "docs": r["paths"], "evidence": [ev.get("text", "") for ev in f.get("evidence", [])],
                                  "verdict": None, "reason": "", "judged_at": "", "run": run},
                                 ensure_ascii=False) + "\n")


def met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REAL / "corpus")
    ap.add_argument("--families", type=Path, default=REAL / "families.json")
    ap.add_argument("--verdicts", type=Path, default=REAL / "verdicts.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "real" / "report.json",
                    help="where rumorlens writes its report")
    ap.add_argument("--report", type=Path, help="score an existing report instead of running rumorlens")
    ap.add_argument("--judge", action="store_true", help="print unjudged findings with their context")
    ap.add_argument("--versions-only", action="store_true",
                    help="score only findings between documents of one family (true version pairs)")
    ap.add_argument("--stories", help="comma-separated story names: score only their files")
    ap.add_argument("--held-out", action="store_true",
                    help="score only the files labelled held_out (stories added after the rules were tuned; see SOURCES.md for rules chosen on them since)")
    ap.add_argument("--template", type=Path, help="write verdict lines to fill in for unjudged findings")
    args = ap.parse_args(argv)

    labels = json.loads(args.families.read_text(encoding="utf-8"))["files"]
    report = (json.loads(args.report.read_text(encoding="utf-8")) if args.report
              else run_rumorlens(args.corpus, args.out))
    verdicts = load_verdicts(args.verdicts)

    keep = subset_paths(labels, args.stories, args.held_out)
    g = grouping_scores(report, labels if keep is None else {p: labels[p] for p in keep})
    rows = finding_rows(report, labels, verdicts)
    if keep is not None:
        rows = [r for r in rows if keep & set(r["paths"])]
    if args.versions_only:
        rows = version_rows(rows)
    top, high = rows[:TOP_N], [r for r in rows if r["finding"]["severity"] == "high"]
    cross_fam = [r for r in rows if r["cross_family"] and r["finding"]["category"] != "conflict"]
    cross_story = [r for r in rows if r["cross_story"] and r["finding"]["category"] != "conflict"]

    scope = f" (subset: {len(keep)} files)" if keep is not None else ""
    print(f"Real-article set{scope}: {len(labels)} files, {len(report['documents'])} documents read, "
          f"{len(rows)} findings{' between versions of one article' if args.versions_only else ''}, "
          f"{len(verdicts)} fingerprints judged")
    print(f"Grouping pairs: precision {g['precision']:.3f} ({g['tp']}/{g['predicted']})  "
          f"recall {g['recall']:.3f} ({g['tp']}/{g['truth']})")
    s_all, _ = precision(rows)
    s_top, p_top = precision(top)
    s_high, p_high = precision(high)
    print(f"Finding precision overall: {s_all}")
    print(f"Finding precision top {TOP_N}: {s_top}")
    print(f"Finding precision high severity ({len(high)}): {s_high}")
    print(f"Non-conflict findings between different families: {len(cross_fam)}; "
          f"between different stories: {len(cross_story)}")
    print("\nTargets:")
    print(f"  grouping pair precision >= {TARGETS['group_precision']}: {met(g['precision'] >= TARGETS['group_precision'])}")
    print(f"  grouping pair recall >= {TARGETS['group_recall']}: {met(g['recall'] >= TARGETS['group_recall'])}")
    print(f"  top-{TOP_N} precision >= {TARGETS['top_precision']}: "
          f"{met(p_top is not None and p_top >= TARGETS['top_precision'])}")
    print(f"  high-severity precision >= {TARGETS['high_precision']}: "
          f"{met(p_high is not None and p_high >= TARGETS['high_precision'])}")
    print(f"  no non-conflict finding between different stories: {met(len(cross_story) == 0)}")
    if g["false_pairs"] or g["missed_pairs"]:
        print(f"\nPairs grouped but not versions: {len(g['false_pairs'])}; versions not grouped: "
              f"{len(g['missed_pairs'])}")
        for a, b in g["missed_pairs"]:
            print(f"  missed: {a} <> {b}")
    print_unjudged(report, rows, args.judge)
    if args.template:
        run = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
        write_template(rows, args.template, run)
        print(f"verdict template for unjudged findings written to {args.template}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
