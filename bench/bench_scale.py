"""How `rumorlens align` grows with the corpus (issue 12): time per stage,
peak memory and growth exponent, against the floor of the method.

    python bench/bench_scale.py --sizes 1000,10000 [--jobs N] [--shared ../shared]

For each size it generates a corpus with bench/gencorpus.py (seeded: DEMETR,
Text+Berg fr and the sample corpus, with version families, same-event
reports, decoys and unrelated articles), then runs ``rumorlens align`` on it
twice in a child process:

- cold: an empty cache folder (RUMORLENS_CACHE), so every sentence is
  embedded, every model loaded and every stage result computed (the
  WordNet tables ship in models/, derived ahead);
- warm: the same command again on the cache the cold run filled.

It prints, per size: wall time of each stage (from rumorlens's own progress
lines), total wall and CPU time (of every process of the tree), peak
memory of the whole process tree (parent and worker processes: their
RSS summed, sampled every 0.1 s, and their PSS summed, read every 0.5 s,
which counts a page several processes share once), and the
*floor*: the time the default encoder (use-m3, one BLAS thread, the
registry's setting) takes to encode every sentence of the corpus once, in
batches of one document, measured in this run after the model is loaded.
The ratio total / floor is the issue's yardstick (target <= 3 at 10^4 and
10^5 sentences, peak <= 3 GB at 10^4 and <= 8 GB at 10^5).  Between two
sizes, the growth exponent of each stage (cold and warm) is log(t2/t1) / log(n2/n1) with n
the number of sentences (target <= 1.1).  ``--ann-recall``: then, on the
embeddings the cold run cached, the IVF index's neighbour recall against
exact search and the grouping both ways (bench_grouping.ann_recall).
Nothing here is asserted.
"""
from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

STAGE_LINE = re.compile(r"^rumorlens: ([a-z]+): (\d+) [a-z]+ in ([\d.]+) s$")
STAGES = ("ingest", "segment", "embed", "group", "align", "mentions", "claims", "compare", "conflicts", "write")


def generate(size: int, seed: int, shared: Path, workdir: Path) -> tuple[Path, int, int]:
    """The corpus folder for ``size`` (made once per size and seed), its
    number of documents and of sentences (gencorpus's count)."""
    import json

    import gencorpus

    out = workdir / f"gen-{size}-s{seed}"
    labels_path = out / "labels.json"
    if not labels_path.exists():
        gencorpus.write_corpus(out, size, seed, "all", shared, ROOT / "corpus")
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    return out / "corpus", labels["documents"], labels["sentences"]


def _pss(pid: int) -> int:
    """Proportional set size of a process in bytes (Linux smaps_rollup):
    its own pages, and each page it shares with n processes counted 1/n.
    Summed over a process tree it counts a shared page once, where the RSS
    sum counts it in every process that maps it (the shared libraries; the
    pages of a process forked from another, until written).  0 where the
    file cannot be read."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory:
    """Peak of the summed RSS, and of the summed PSS (:func:`_pss`, read
    every half second), of a process and its descendants (psutil),
    and, about every second, the CPU seconds used so far by the process
    itself and by its descendants (``samples``: (wall s, main CPU s,
    workers' CPU s)), for :func:`print_timeline`."""

    def __init__(self, pid: int, every: float = 0.1, limit_mib: float | None = None) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.peak = 0
        self.peak_pss = 0
        self._pss_at = -1.0
        self.limit = limit_mib * 2**20 if limit_mib else None
        self.killed = False
        self.samples: list[tuple[float, float, float]] = []
        self._seen: dict[int, float] = {}
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._every = every
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
            except psutil.Error:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            now = time.monotonic() - self._start
            if now - self._pss_at >= 0.5:  # reading smaps walks the page tables: not every 0.1 s
                self._pss_at = now
                self.peak_pss = max(self.peak_pss, sum(_pss(p.pid) for p in procs))
            cpu = self._cpu(procs)  # every poll: a worker's last reading comes just before it ends
            if not self.samples or now - self.samples[-1][0] >= 1.0:
                self.samples.append((now, *cpu))
            if self.limit and total > self.limit and not self.killed:
                self.killed = True
                for p in reversed(procs):  # the workers first, then the run itself
                    with contextlib.suppress(psutil.Error):
                        p.kill()
            self._stop.wait(self._every)

    def _cpu(self, procs) -> tuple[float, float]:
        """CPU seconds of the process and of its descendants, each
        descendant's last reading kept after it exits (pool workers end
        before the run does)."""
        import psutil

        for p in procs:
            try:
                t = p.cpu_times()
            except psutil.Error:
                continue
            self._seen[p.pid] = t.user + t.system
        own = self._seen.get(self.proc.pid, 0.0)
        return own, sum(v for pid, v in self._seen.items() if pid != self.proc.pid)

    def cpu_seen(self) -> float:
        """CPU seconds of every process of the tree, at its last reading
        (read about every 0.1 s: what a process used after its last
        reading is missed)."""
        return sum(self._seen.values())

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def run_align(corpus: Path, cache: Path, out: Path, jobs: int | None, max_gb: float | None = None,
              echo: bool = False) -> dict:
    """One ``rumorlens align`` in a child process: wall, CPU, peak MiB of the
    process tree, and the wall time of each stage from its progress lines.
    ``max_gb``: the process tree is killed once its summed RSS passes it (a
    shared machine has no swap: better a stopped benchmark than the kernel's
    OOM killer choosing among everyone's processes).  ``echo``: its progress
    lines are printed as they come."""
    cmd = [str(Path(sys.executable).with_name("rumorlens")), "align", str(corpus), "-o", str(out)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = dict(os.environ, RUMORLENS_CACHE=str(cache))
    before = os.times()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid, limit_mib=max_gb * 1024 if max_gb else None)
    lines = []
    ends = []  # (wall s, stage) when a stage's last progress line came
    for line in proc.stderr:  # echoed as it comes: a long run shows where it is, or where it broke
        lines.append(line)
        m = STAGE_LINE.match(line.strip())
        if m:
            ends.append((time.monotonic() - start, m.group(1)))
        if echo:  # with the wall time since the start: where a stopped run was, and when
            print(f"     [{time.monotonic() - start:6.0f} s] {line.rstrip()}", flush=True)
    proc.wait()
    err = "".join(lines)
    wall = time.monotonic() - start
    peak = mem.stop()
    if mem.killed:
        raise SystemExit(f"rumorlens align on {corpus} passed --max-gb {max_gb} after {wall:.0f} s "
                         f"(peak {peak / 1024:.2f} GB): stopped; its last lines:\n{err[-1500:]}")
    after = os.times()
    # the CPU of processes this one waited for, or the last readings of
    # every process of the tree, whichever is more: os.times() counts only
    # descendants waited for by their parents (a grandchild whose parent is
    # never waited for is missed)
    cpu = max((after.children_user - before.children_user) + (after.children_system - before.children_system),
              mem.cpu_seen())
    if proc.returncode != 0:
        raise SystemExit(f"rumorlens align failed on {corpus} (exit {proc.returncode}):\n{err[-2000:]}")
    stages: dict[str, float] = {}
    for line in err.splitlines():
        m = STAGE_LINE.match(line.strip())
        if m:
            stages[m.group(1)] = stages.get(m.group(1), 0.0) + float(m.group(3))
    return {"wall": wall, "cpu": cpu, "peak_mib": peak, "peak_pss_mib": mem.peak_pss / 2**20, "stages": stages,
            "samples": mem.samples, "ends": ends}


def floor_seconds(corpus: Path) -> tuple[float, int]:
    """Seconds the default encoder takes to encode every sentence of
    ``corpus`` once (batches of one document, model loaded beforehand, no
    cache), and the number of sentences."""
    from rumorlens import pipeline
    from rumorlens.embed import get_encoder

    docs, _ = pipeline.ingest(corpus)
    by_doc = pipeline.segment(docs)
    texts = [[s.text for s in by_doc[d.id]] for d in sorted(docs, key=lambda d: d.id)]
    enc = get_encoder(pipeline.DEFAULT_MODEL)
    enc.encode(["warm up"])  # loads the model
    start = time.monotonic()
    for doc_texts in texts:
        if doc_texts:
            enc.encode(doc_texts)
    return time.monotonic() - start, sum(len(t) for t in texts)


def cold_cache(workdir: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix="cache-", dir=workdir))


def ann_check(corpus: Path, cache: Path, workdir: Path, seed: int) -> None:
    """The IVF index against exact search on this corpus (bench_grouping's
    ann_recall: neighbour recall, grouping both ways, the difference in
    pairs and groups), with the embeddings the cold run left in ``cache``."""
    import json

    import bench_grouping

    labels = json.loads((corpus.parent / "labels.json").read_text(encoding="utf-8"))
    docs, sentences, embeddings = bench_grouping.load(corpus, cache=str(cache))
    kept = {d.id for d in docs}
    labels["families"] = {f: [d for d in m if d in kept] for f, m in labels["families"].items()}
    print(f"\n== IVF against exact search, {sum(len(v) for v in sentences.values())} sentences", flush=True)
    bench_grouping.ann_recall(docs, sentences, embeddings, labels)


def measure(size: int, args, workdir: Path) -> dict:
    corpus, n_docs, _ = generate(size, args.seed, args.shared, workdir)
    if not args.floor_after:
        floor, n_sent = measure_floor(corpus)
    cache = cold_cache(workdir)
    runs = {}
    try:
        for kind in ("cold", "warm") if not args.cold_only else ("cold",):
            runs[kind] = run_align(corpus, cache, workdir / f"report-{size}-{kind}.json", args.jobs,
                                   args.max_gb, args.echo)
            print(f"   {kind}: {runs[kind]['wall']:.1f} s", flush=True)  # before the summary, should a later run fail
        if args.floor_after:
            floor, n_sent = measure_floor(corpus)
        same = None
        if "warm" in runs:
            same = (workdir / f"report-{size}-cold.json").read_bytes() == \
                (workdir / f"report-{size}-warm.json").read_bytes()
        result = {"size": size, "docs": n_docs, "sentences": n_sent, "floor": floor, **runs, "same_report": same,
                  "timeline": args.timeline}
        if args.ann_recall:
            print_run(result)  # the run's figures first: the check below takes a while
            ann_check(corpus, cache, workdir, args.seed)
            result["printed"] = True
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return result


def measure_floor(corpus: Path) -> tuple[float, int]:
    """:func:`floor_seconds`, printed as soon as it is known."""
    floor, n_sent = floor_seconds(corpus)
    print(f"   {n_sent} sentences: floor {floor:.1f} s ({n_sent / max(floor, 1e-9):.0f} sentences/s)", flush=True)
    return floor, n_sent


def print_run(r: dict) -> None:
    print(f"\n== {r['sentences']} sentences ({r['docs']} documents; target {r['size']})", flush=True)
    print(f"   floor (use-m3 encodes every sentence once, one core): {r['floor']:.1f} s "
          f"= {r['sentences'] / max(r['floor'], 1e-9):.0f} sentences/s")
    for kind in ("cold", "warm"):
        if kind not in r:
            continue
        run = r[kind]
        stages = "  ".join(f"{s} {run['stages'][s]:.1f}" for s in STAGES if s in run["stages"])
        print(f"   {kind}: total {run['wall']:.1f} s (cpu {run['cpu']:.1f} s), peak {run['peak_mib'] / 1024:.2f} GB "
              f"(RSS summed; PSS {run['peak_pss_mib'] / 1024:.2f} GB), "
              f"ratio to floor {run['wall'] / max(r['floor'], 1e-9):.2f}")
        print(f"         stages (s): {stages}")
        if r.get("timeline"):
            print_timeline(run)
    if r["same_report"] is not None:
        print(f"   cold and warm reports identical: {r['same_report']}", flush=True)


def print_timeline(run: dict, slices: int = 20) -> None:
    """Cores busy over the run, in ``slices`` equal slices of its wall time:
    the main process's and the workers' CPU seconds per wall second (2.0 on
    two cores is both busy), with the stages whose last line came in each
    slice."""
    samples = run.get("samples") or []
    if len(samples) < 2:
        return
    wall = samples[-1][0]
    print("         timeline (cores busy: main + workers; stages ended):")
    for k in range(slices):
        lo, hi = wall * k / slices, wall * (k + 1) / slices
        inside = [s for s in samples if lo <= s[0] <= hi]
        before = [s for s in samples if s[0] <= lo]
        first = before[-1] if before else samples[0]
        last = inside[-1] if inside else first
        span = max(last[0] - first[0], 1e-9)
        main, workers = (last[1] - first[1]) / span, (last[2] - first[2]) / span
        ended = ", ".join(name for t, name in run["ends"] if lo <= t < hi)
        print(f"         {lo:7.1f}-{hi:7.1f} s  {main:4.2f} + {workers:4.2f} = {main + workers:4.2f}  {ended}")


def exponents(a: dict, b: dict, kind: str = "cold") -> str:
    span = math.log(b["sentences"] / a["sentences"])
    parts = []
    for s in STAGES + ("total",):
        ta = a[kind]["wall"] if s == "total" else a[kind]["stages"].get(s)
        tb = b[kind]["wall"] if s == "total" else b[kind]["stages"].get(s)
        if ta and tb and ta >= 0.05:  # a stage under 0.05 s has no measurable growth
            parts.append(f"{s} {math.log(tb / ta) / span:.2f}")
    return "  ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000",
                    help="sentence counts, comma-separated (100000: about 20 minutes cold with the floor, session 52)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="--jobs for rumorlens align (default: all cores)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-scale")
    ap.add_argument("--cold-only", action="store_true", help="no warm run (saves time on large sizes)")
    ap.add_argument("--max-gb", type=float, default=None,
                    help="stop a run whose process tree passes this many GB of RSS (and say where it was)")
    ap.add_argument("--timeline", action="store_true",
                    help="print how many cores the main process and the workers kept busy over each run")
    ap.add_argument("--echo", action="store_true", help="print rumorlens's progress lines as they come")
    ap.add_argument("--floor-after", action="store_true",
                    help="measure the floor after the runs, not before (a 10^5 run with a deadline: the floor "
                         "takes about 15 minutes there, and the run's own figures come first)")
    ap.add_argument("--ann-recall", action="store_true",
                    help="after the runs, the IVF index against exact search on each corpus (neighbour recall, "
                         "grouping both ways, pair and group differences; bench_grouping's ann_recall)")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"bench-scale: sizes {sizes}, jobs {args.jobs or 'all cores'} ({os.cpu_count()} cores), "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    results = []
    for size in sizes:
        results.append(measure(size, args, args.workdir))
        if not results[-1].get("printed"):
            print_run(results[-1])
    for a, b in zip(results, results[1:]):
        for kind in ("cold", "warm"):
            if kind in a and kind in b:
                print(f"\ngrowth exponent ({kind}), {a['sentences']} -> {b['sentences']} sentences: "
                      f"{exponents(a, b, kind)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
