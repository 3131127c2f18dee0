"""CPU time of the group stage alone, and its growth (issue 12: exponent
<= 1.1 per stage).

    python bench/bench_group_stage.py --corpus SMALL --corpus LARGE \\
        [--work /tmp/gs] [--profile FILE] [--dump DIR] [--jobs N]
    python bench/bench_group_stage.py --sizes 10000,100000 [--seed 1] [--shared ../shared]

For each corpus (``--sizes``: generated in WORK by bench_scale.generate,
seeded, as ``make bench-scale`` makes them) it reads, once, what the group stage takes in: the documents,
their sentences and their embeddings (ingest, segment, embed with the
default encoder, as ``rumorlens align`` does), into ``WORK/state-*.pkl``;
the embeddings go through the sqlite cache in ``WORK/cache`` (RUMORLENS_CACHE,
unless it is set), so a corpus is embedded once (98,669 sentences: about
200 s of CPU).  The state file is keyed by the corpus folder and its files'
sizes and times; delete it after changing ingest or segment.

Then it times the group stage only, as rumorlens.pipeline.group_and_align
runs it (anchor tokens, grouping.score_document_pairs with ``defer``,
grouping.group_documents), with time.process_time (every thread of this
process; no child process is started), and prints per corpus the CPU of
each step, the candidate pairs (scored, deferred) and groups, then between
consecutive corpora the growth exponent log(cpu2/cpu1) / log(n2/n1) with n
the number of sentences.

``--dump DIR``: the groups (documents, relation, score) and every scored
pair (relation, score) of each corpus as JSON, to compare two versions of
the code on the same state (run this script with the other checkout's
python).  ``--profile FILE``: cProfile of the last corpus's group stage
(pstats file).  Nothing here is asserted.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import pickle
import resource
import sys
import time
from pathlib import Path


def _state_path(corpus: Path, work: Path) -> Path:
    """Where the state of ``corpus`` is kept: keyed by its path and every
    file's name, size and modification time."""
    h = hashlib.sha1(str(corpus.resolve()).encode())
    for p in sorted(corpus.rglob("*")):
        if p.is_file():
            st = p.stat()
            h.update(f"{p.relative_to(corpus)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return work / f"state-{corpus.resolve().parent.name}-{h.hexdigest()[:12]}.pkl"


def load_state(corpus: Path, work: Path, jobs: int) -> dict:
    """Documents, sentences by document and embeddings by document of
    ``corpus``, read once and kept in ``work``."""
    path = _state_path(corpus, work)
    if path.exists():
        with open(path, "rb") as f:
            return pickle.load(f)
    from rumorlens import pipeline
    from rumorlens.runner import make_runner

    runner = make_runner("local", jobs)
    with contextlib.closing(runner):
        docs, _ = pipeline.ingest(corpus, runner=runner)
        sentences = pipeline.segment(docs, runner)
    emb = pipeline.embed(pipeline.encoder(), docs, sentences)
    state = {"docs": docs, "sentences": sentences, "embeddings": emb}
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(state, f, protocol=5)
    tmp.replace(path)
    return state


def group_stage(state: dict) -> tuple[dict, list, list]:
    """The group stage of rumorlens.pipeline.group_and_align on ``state``:
    (CPU seconds per step, pair scores, groups)."""
    from rumorlens import grouping
    from rumorlens.align import anchor_tokens

    docs, sentences, embeddings = state["docs"], state["sentences"], state["embeddings"]
    t0 = time.process_time()
    tokens = {doc_id: [anchor_tokens(s.text) for s in sents] for doc_id, sents in sentences.items()}
    t1 = time.process_time()
    scores = grouping.score_document_pairs(docs, sentences, embeddings, tokens, defer=True)
    t2 = time.process_time()
    groups = grouping.group_documents(docs, sentences, embeddings, scores)
    t3 = time.process_time()
    return {"tokens": t1 - t0, "score": t2 - t1, "group": t3 - t2, "total": t3 - t0}, scores, groups


def dump(path: Path, scores: list, groups: list) -> None:
    """Groups and scored pairs as JSON (sorted; for a diff)."""
    data = {"groups": [[g.docs, g.relation, g.score, g.copies] for g in groups],
            "pairs": sorted([p.a, p.b, p.relation, p.score] for p in scores)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", type=Path, default=[], help="corpus folder (smallest first)")
    ap.add_argument("--sizes", default="", help="generated corpora of about these many sentences, e.g. 10000,100000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="sentence pools for --sizes")
    ap.add_argument("--work", type=Path, default=Path("/tmp/rumorlens-group-stage"))
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for ingest and segment")
    ap.add_argument("--profile", type=Path, help="cProfile of the last corpus's group stage")
    ap.add_argument("--dump", type=Path, help="folder for each corpus's groups and scored pairs (JSON)")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RUMORLENS_CACHE", str(args.work / "cache"))
    if args.sizes:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_scale import generate

        args.corpus += [generate(int(n), args.seed, args.shared, args.work)[0] for n in args.sizes.split(",")]
    if not args.corpus:
        ap.error("give --corpus or --sizes")
    rows = []
    for k, corpus in enumerate(args.corpus):
        state = load_state(corpus, args.work, args.jobs)
        n = sum(len(v) for v in state["sentences"].values())
        prof = None
        if args.profile and k == len(args.corpus) - 1:
            import cProfile
            prof = cProfile.Profile()
            prof.enable()
        cpu, scores, groups = group_stage(state)
        if prof is not None:
            prof.disable()
            prof.dump_stats(str(args.profile))
        deferred = len(getattr(scores, "deferred", {}))
        print(f"{corpus}: {n} sentences, {len(state['docs'])} documents; group stage CPU "
              + " ".join(f"{step} {s:.2f}" for step, s in cpu.items())
              + f" s; {len(scores)} pairs listed, {deferred} deferred, {len(groups)} groups", flush=True)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            dump(args.dump / f"{corpus.parent.name}-{corpus.name}.json", scores, groups)
        rows.append((n, cpu))
        del state, scores, groups
    for (n1, c1), (n2, c2) in zip(rows, rows[1:]):
        growth = {step: math.log(max(c2[step], 1e-9) / max(c1[step], 1e-9)) / math.log(n2 / n1) for step in c1}
        print(f"growth exponent {n1} -> {n2} sentences: " + " ".join(f"{s} {g:.2f}" for s, g in growth.items()))
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
