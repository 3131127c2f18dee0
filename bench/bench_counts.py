"""Counts of one thing against counts of different things, through
`rumorlens check-pairs`: bench/data/count_pairs.jsonl, 320 zh/fr/en
sentence pairs written by a helper who did not see the code (session 40).
Each sentence holds one count and the two values differ.  ``same`` rows
count one thing (a translation whose number changed; a third render the
counted noun loosely: 'passengers injured' / « blessés »); the others
count different things of one scene ('200 officers' / « 300
manifestants »).  A row is flagged when it has a number finding other
than a number missing or added.

Printed per half (even ids: the half the threshold
count_words_min_similarity was chosen on; odd ids: held out): the share of
same-thing rows flagged (want high) and of different-thing rows left quiet
(want high).

Usage: python bench/bench_counts.py [--rows PATH] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
_ONE_SIDED = re.compile(r"missing|dropped|added|leaves out|omit", re.I)


def flagged(result: dict) -> bool:
    return any(f["category"] == "number" and not _ONE_SIDED.search(f["type"] + " " + f["explanation"])
               for f in result.get("findings", []))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=Path, default=HERE / "data" / "count_pairs.jsonl")
    ap.add_argument("--keep", type=Path, help="keep check-pairs' output in this folder")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.rows.open(encoding="utf-8")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-counts-"))
    work.mkdir(parents=True, exist_ok=True)
    out = work / "count_findings.jsonl"
    subprocess.run([sys.executable, "-m", "rumorlens", "check-pairs", str(args.rows), "-o", str(out), "-q"],
                   check=True)
    results = {r["id"]: r for r in map(json.loads, out.open(encoding="utf-8"))}
    print(f"counted things: {len(rows)} rows from {args.rows.name}")
    for half, name in ((0, "even (chosen on)"), (1, "odd (held out)")):
        part = [r for r in rows if r["id"] % 2 == half]
        same = [r for r in part if r["same"]]
        other = [r for r in part if not r["same"]]
        hit = sum(flagged(results[r["id"]]) for r in same)
        quiet = sum(not flagged(results[r["id"]]) for r in other)
        print(f"  {name:18s} one thing, change flagged {hit}/{len(same)} = {hit / len(same):.3f}   "
              f"different things, left quiet {quiet}/{len(other)} = {quiet / len(other):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
