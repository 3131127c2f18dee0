"""Several processes writing one cache file at once (the dask engine's
workers and concurrent runs share ~/.cache/rumorlens on one machine)."""
from __future__ import annotations

import multiprocessing
from typing import Callable


def run_writers(write: Callable, folder: str, writers: int) -> dict:
    """Start ``writers`` spawned processes running ``write(folder, writer,
    start, results)`` together (each waits on ``start``, then puts
    ``(writer, its cache's warning)`` on ``results``); their warnings by
    writer, once every process exited 0."""
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=write, args=(folder, w, start, results)) for w in range(writers)]
    for p in procs:
        p.start()
    start.set()
    warnings = dict(results.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0] * writers
    return warnings
