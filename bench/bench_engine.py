"""Engines side by side (issue 13): time and peak memory per stage of the
whole pipeline on one generated corpus, in one run:

- ``serial``: everything in one process (``rumorlens align CORPUS``);
- ``dask-1``, ``dask-2``: ``--engine dask`` on a local cluster of 1 and 2
  worker processes (one thread each) on this machine.

    python bench/bench_engine.py [--sentences 10000] [--engines serial,dask-1,dask-2] [--keep DIR]

The corpus comes from bench/gencorpus.py (same arguments, same bytes; test
split, seed 1).  Each engine runs in a child process with a cold embedding
cache of its own (its workers share it), so every run computes the same
things.  "start" is the engine's start (the local cluster and its worker
processes; nothing for serial).  Per stage: wall time in seconds around the stage function of
rumorlens.pipeline, and peak resident memory (MB) so far: of the calling
process ("client"), and the sum over the workers' processes (the highest
each has reached, read from each worker after the stage).  The reports of
all engines are compared byte for byte at the end.

Stages that run on the workers with --engine dask (as rumorlens.pipeline.run_all
does, pipeline.runner_for_embed_and_align): ingest (reading files), segment,
embed (per document), mentions, claims (per document), the pairwise
alignment in "group+align" and compare (per pair).  In the calling process
with any engine: the file walk, the boilerplate pass of segment, grouping's
sentence-neighbour search (FAISS) in "group+align", and, inside "compare",
the cross-article conflicts (FAISS), the findings across versions and the
ranking.  Unlike run_all, mentions and claims run after align, not beside
it, so each stage's time is its own.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENGINES = ("serial", "dask-1", "dask-2")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def run_one(engine: str, corpus: Path, out: Path) -> dict:
    """The pipeline's stages one by one, as pipeline.run_all calls them, timed."""
    from rumorlens import pipeline
    from rumorlens.compare.driver import bead_checks
    from rumorlens.report import write_report
    from rumorlens.runner import make_runner

    rows: list[dict] = []
    start = time.perf_counter()
    runner = make_runner("local", 1) if engine == "serial" else make_runner("dask", int(engine.split("-")[1]))

    def workers_mb() -> float:
        if engine == "serial":
            return 0.0
        return sum(runner.client.run(_peak_mb).values())

    def timed(name, fn, *args, **kwargs):
        t = time.perf_counter()
        result = fn(*args, **kwargs)
        rows.append({"stage": name, "seconds": round(time.perf_counter() - t, 2),
                     "client_mb": round(_peak_mb()), "workers_mb": round(workers_mb())})
        return result

    rows.append({"stage": "start", "seconds": round(time.perf_counter() - start, 2), "client_mb": round(_peak_mb()),
                 "workers_mb": 0})
    try:
        rows[-1]["workers_mb"] = round(workers_mb())
        bead_checks(())  # as run_all: the bundled checks, built before any work
        docs, skipped = timed("ingest", pipeline.ingest, corpus, runner=runner)
        sentences = timed("segment", pipeline.segment, docs, runner)
        # as run_all, but mentions and claims in sequence after align (run_all
        # sends them beside embed, group and align), so each stage's time is its own
        enc = pipeline.encoder(pipeline.DEFAULT_MODEL)
        placed = pipeline.runner_for_embed_and_align(runner)
        embeddings = timed("embed", pipeline.embed, enc, docs, sentences, placed)
        scores, groups, alignments, agroups = timed("group+align", pipeline.group_and_align, docs, sentences,
                                                    embeddings, enc.encode, placed)
        doc_mentions = timed("mentions", pipeline.mentions, docs, runner)
        doc_claims = timed("claims", pipeline.claims, docs, sentences, runner)
        findings = timed("compare", pipeline.compare, docs, sentences, embeddings, groups, alignments, doc_mentions,
                         enc, None, doc_claims, None, False, agroups, runner=runner)
        report = timed("report", pipeline.report, docs, skipped, groups, alignments, sentences, findings, agroups,
                       pipeline.DEFAULT_MODEL)
        write_report(out, report)
    finally:
        runner.close()
    return {"engine": engine, "total": round(time.perf_counter() - start, 2), "stages": rows,
            "documents": len(docs), "sentences": sum(len(s) for s in sentences.values()), "pairs": len(alignments)}


def child(engine: str, corpus: Path, work: Path) -> dict:
    env = dict(os.environ, RUMORLENS_CACHE=str(work / f"cache-{engine}"))
    out = work / f"report-{engine}.json"
    proc = subprocess.run([sys.executable, __file__, "--one", engine, "--corpus", str(corpus), "--out", str(out)],
                          env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def table(results: list[dict]) -> str:
    stages = [r["stage"] for r in results[0]["stages"]]
    head = f"{'stage':<12}" + "".join(f"{r['engine'] + ' s':>11}{'client MB':>11}{'workers MB':>12}" for r in results)
    lines = [head]
    for i, name in enumerate(stages):
        cells = "".join(f"{r['stages'][i]['seconds']:>11.1f}{r['stages'][i]['client_mb']:>11}"
                        f"{r['stages'][i]['workers_mb']:>12}" for r in results)
        lines.append(f"{name:<12}{cells}")
    lines.append(f"{'total':<12}" + "".join(f"{r['total']:>11.1f}{'':>23}" for r in results))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=10000)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus, caches and reports here")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.out)))
        return 0
    sys.path.insert(0, str(HERE))
    from gencorpus import write_corpus

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-engine-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        labels = write_corpus(work / "gen", args.sentences, 1, "test", args.shared, ROOT / "corpus")
        corpus = work / "gen" / "corpus"
        print(f"corpus: {labels['documents']} documents, {labels['sentences']} sentences (gencorpus.py, seed 1, "
              f"test split); {os.cpu_count()} cores", flush=True)
        results = []
        for engine in args.engines.split(","):
            results.append(child(engine, corpus, work))
            r = results[-1]
            print(f"{engine}: {r['total']:.1f} s, {r['documents']} documents, {r['sentences']} sentences, "
                  f"{r['pairs']} aligned pairs", flush=True)
            # each engine's stages as soon as it ends: a run stopped before the
            # table below still leaves the figures of the engines done
            print(f"{engine} stages: {json.dumps(r['stages'])}", flush=True)
        print(table(results))
        reports = {r["engine"]: (work / f"report-{r['engine']}.json").read_bytes() for r in results}
        first = next(iter(reports.values()))
        same = [e for e, b in reports.items() if b == first]
        print("reports byte-identical: " + ("yes, all engines" if len(same) == len(reports) else
                                            f"NO (same as {results[0]['engine']}: {', '.join(same)})"))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
