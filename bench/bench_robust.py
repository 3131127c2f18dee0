"""Large and hostile inputs: time and peak memory of `rumorlens align` on
generated corpora (issue 10).

Cases (each built on the spot in a temporary folder, then run in a child
process with a cold embedding cache):

- ``small-files``: 10,000 small articles (3 to 6 sentences each, Chinese,
  French and English, about 25 MB in all) in 100 folders, 1% of them lightly
  edited copies of another (versions to group and align);
- ``big-file``: one 15 MB English/French article (many paragraphs);
- ``long-line``: one 5 MB line of words with no punctuation (a runaway
  auto-caption).

Targets (issue 10): small-files <= 5 minutes cold and <= 2 GB peak; long-line
<= 2 GB.  The big file has no time target; it must stay bounded and say what
it is doing.  Peak memory is the child's maximum resident set size
(``os.wait4``), wall time is measured around it.

Text is word salad drawn from wordfreq's frequency lists (Zipf-weighted, so
language detection and NER see real words in real proportions), seeded: the
same corpus every run.

Each run is capped at 12 GB of address space (``--max-gb``): a case that
would take a shared machine's memory fails instead (exit 2, MemoryError).

    python bench/bench_robust.py [--cases small-files,big-file,long-line] [--n-files 10000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"small-files": (300.0, 2048.0), "long-line": (None, 2048.0), "big-file": (None, None)}


# --------------------------------------------------------------------------
# text


class Words:
    """Zipf-weighted word draws for one language (wordfreq's top list)."""

    def __init__(self, lang: str, n: int = 4000) -> None:
        import wordfreq

        words = [w for w in wordfreq.top_n_list(lang, n) if w.isalpha() and (lang == "zh" or len(w) > 1)]
        self.lang = lang
        self.words = words
        cum, acc = [], 0.0
        for rank in range(len(words)):
            acc += 1.0 / (rank + 10)
            cum.append(acc)
        self.cum = cum

    def sentence(self, rnd: random.Random) -> str:
        if self.lang == "zh":
            body = "".join(rnd.choices(self.words, cum_weights=self.cum, k=rnd.randint(6, 16)))
            if rnd.random() < 0.3:
                body += f"{rnd.randint(2, 900)}亿元"
            return body + "。"
        words = rnd.choices(self.words, cum_weights=self.cum, k=rnd.randint(8, 20))
        if rnd.random() < 0.3:
            words.insert(rnd.randrange(len(words)), str(rnd.randint(2, 9000)))
        return " ".join(words).capitalize() + "."


def paragraph(words: Words, rnd: random.Random, n: int) -> str:
    sep = "" if words.lang == "zh" else " "
    return sep.join(words.sentence(rnd) for _ in range(n))


def make_small_files(root: Path, n: int, seed: int = 0) -> int:
    """``n`` articles of 3 to 6 sentences in 100 folders; returns the bytes written."""
    rnd = random.Random(seed)
    langs = {code: Words(code) for code in ("en", "fr", "zh")}
    texts: list[str] = []
    total = 0
    for i in range(n):
        if texts and rnd.random() < 0.01:  # a lightly edited copy of an earlier article
            base = rnd.choice(texts)
            text = base.replace("1", "7", 1) + "\n"
        else:
            lang = rnd.choice(("en", "en", "fr", "zh"))
            w = langs[lang]
            title = w.sentence(rnd).rstrip(".。")
            body = "\n\n".join(paragraph(w, rnd, rnd.randint(1, 3)) for _ in range(2))
            text = f"{title}\n\n{body}\n"
        texts.append(text)
        path = root / f"d{i % 100:02d}" / f"article_{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def make_big_file(root: Path, mb: float = 15.0, seed: int = 1) -> int:
    """One article of ``mb`` megabytes: English paragraphs, one French in five."""
    rnd = random.Random(seed)
    en, fr = Words("en"), Words("fr")
    target = int(mb * 1e6)
    parts, size = [], 0
    while size < target:
        para = paragraph(fr if rnd.random() < 0.2 else en, rnd, rnd.randint(2, 8)) + "\n\n"
        parts.append(para)
        size += len(para.encode("utf-8"))
    root.mkdir(parents=True, exist_ok=True)
    data = "".join(parts).encode("utf-8")
    (root / "big.txt").write_bytes(data)
    return len(data)


def make_long_line(root: Path, mb: float = 5.0, seed: int = 2) -> int:
    """One line of ``mb`` megabytes: lower-case words, no punctuation, no break."""
    rnd = random.Random(seed)
    en = Words("en")
    target = int(mb * 1e6)
    words, size = [], 0
    while size < target:
        w = rnd.choices(en.words, cum_weights=en.cum, k=1000)
        words.extend(w)
        size += sum(len(x) + 1 for x in w)
    root.mkdir(parents=True, exist_ok=True)
    data = (" ".join(words)[:target] + "\n").encode("utf-8")
    (root / "caption.txt").write_bytes(data)
    return len(data)


# --------------------------------------------------------------------------
# measuring


def run_measured(cmd: list[str], env: dict, log_path: Path, max_gb: float = 0) -> tuple[int, float, float, float]:
    """(exit code, wall seconds, CPU seconds, peak RSS in MiB) of one child
    process.  CPU time (user + system) is printed too: on a shared machine
    wall time also counts the other processes' turns."""
    start = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                preexec_fn=_address_space_cap(max_gb) if max_gb else None)
        _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return proc.returncode, wall, cpu, usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def _address_space_cap(max_gb: float):
    """A child that would take the whole machine (grouping all pairs of
    10,000 documents did) fails with MemoryError instead: exit 2."""
    def cap() -> None:
        import resource

        limit = int(max_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return cap


def run_case(name: str, work: Path, rumorlens: str, n_files: int, max_gb: float = 0) -> dict:
    corpus = work / name / "corpus"
    t0 = time.monotonic()
    if name == "small-files":
        size = make_small_files(corpus, n_files)
    elif name == "big-file":
        size = make_big_file(corpus)
    elif name == "long-line":
        size = make_long_line(corpus)
    else:
        raise SystemExit(f"unknown case {name}")
    gen = time.monotonic() - t0
    env = dict(os.environ, RUMORLENS_CACHE=str(work / name / "cache"))
    out = work / name / "build" / "report.json"
    log_path = work / name / "stderr.log"
    code, wall, cpu, peak = run_measured([rumorlens, "align", str(corpus), "-o", str(out)], env, log_path, max_gb)
    return {"case": name, "bytes": size, "generate_s": gen, "exit": code, "wall_s": wall, "cpu_s": cpu,
            "peak_mib": peak, "log": log_path}


def verdict(name: str, wall: float, peak: float) -> str:
    t_max, m_max = TARGETS.get(name, (None, None))
    parts = []
    if t_max is not None:
        parts.append(f"time {'ok' if wall <= t_max else 'OVER'} (<= {t_max:.0f} s)")
    if m_max is not None:
        parts.append(f"memory {'ok' if peak <= m_max else 'OVER'} (<= {m_max:.0f} MiB)")
    return ", ".join(parts) or "no target"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", default="small-files,long-line,big-file")
    ap.add_argument("--n-files", type=int, default=10000)
    ap.add_argument("--keep", type=Path, help="Build the cases in this folder and keep them.")
    ap.add_argument("--rumorlens", default=str(Path(sys.executable).with_name("rumorlens")))
    ap.add_argument("--max-gb", type=float, default=12.0,
                    help="Address-space cap of each run (0: none), so a runaway case fails instead of "
                         "taking a shared machine's memory.")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="rumorlens-bench-robust-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for name in args.cases.split(","):
            r = run_case(name.strip(), work, args.rumorlens, args.n_files, args.max_gb)
            print(f"{r['case']:<12} {r['bytes'] / 1e6:6.1f} MB  exit {r['exit']}  wall {r['wall_s']:7.1f} s  "
                  f"cpu {r['cpu_s']:7.1f} s  peak {r['peak_mib']:7.0f} MiB  "
                  f"-> {verdict(r['case'], r['wall_s'], r['peak_mib'])}", flush=True)
            tail = r["log"].read_text(encoding="utf-8", errors="replace").strip().splitlines()[-12:]
            for line in tail:
                print(f"    | {line}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
