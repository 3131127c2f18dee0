"""How the per-document and per-pair stages run: in this process, or spread
over a pool of worker processes (issue 12: both cores busy).

One small interface, shared with other engines (``rumorlens.runner_dask``)::

    runner = make_runner("local", jobs=2)
    results = runner.map(fn, items, stage="mentions")   # in the order of items
    runner.close()

``fn`` must be a module-level function (workers are started with *spawn*,
so they import it by name) and ``items`` plain, picklable records.  Results
come back in the order of ``items`` whatever the number of workers, which is
what keeps the report byte-identical for any ``--jobs``.  Each worker loads
the models it needs once (module-level caches) and keeps them for every
later stage of the run: the pool lives as long as the runner.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import types
from concurrent.futures import CancelledError
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Optional, Protocol, Sequence, TypeVar

from . import progress
from .errors import WorkersStopped
from .stopsignals import held

T = TypeVar("T")
R = TypeVar("R")


class Runner(Protocol):
    """``jobs``: how many items run at once.  An engine may also set
    ``offload_all = True``: its workers then take the embedding and the
    alignment too (rumorlens.pipeline.runner_for_embed_and_align)."""

    jobs: int

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, stage: str) -> list[R]:
        """fn applied to every item; results in the order of items (determinism).
        fn must be a module-level function (picklable); items are plain records."""

    def close(self) -> None: ...


def default_jobs() -> int:
    """``RUMORLENS_JOBS`` when set (a whole number >= 1), else all the cores
    this process may use (``os.sched_getaffinity`` where the platform has
    it, else ``os.cpu_count()``).  Raises ValueError for another value of
    ``RUMORLENS_JOBS`` (as ``--jobs`` refuses it)."""
    env = os.environ.get("RUMORLENS_JOBS", "").strip()
    if env:
        if not (env.isdecimal() and env.isascii() and int(env) >= 1):  # '²' is a digit int() refuses
            raise ValueError(f"RUMORLENS_JOBS must be a whole number of at least 1, not {env!r}")
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# What each stage's items are, for its progress line ("mentions: 735
# documents in 80.2 s"); another stage's are "items".
UNITS = {"ingest": "file", "segment": "document", "embed": "document", "align": "pair", "mentions": "document", "claims": "document",
         "compare": "pair"}


def unit(stage: str) -> str:
    return UNITS.get(stage, "item")


class Batch(list):
    """Items a stage function takes in one call (mentions and claims read
    many documents per call of spaCy's ``nlp.pipe``: one call per small
    document costs about twice as much, issue 12).  A runner counts a
    batch's items, not the batch, in its progress line."""


def weight(item) -> int:
    """How many items ``item`` stands for in a progress line."""
    return len(item) if isinstance(item, Batch) else 1


def batched(items: Sequence[T], size_of: Callable[[T], int], max_size: int, max_items: int) -> list[Batch]:
    """``items`` cut in consecutive batches of at most ``max_items`` items
    and ``max_size`` in total ``size_of`` (an item larger than that is a
    batch of its own).  The cut depends on the items only, never on the
    number of workers, so each item is read in the same company whatever
    ``--jobs`` is."""
    out: list[Batch] = []
    size = 0
    for item in items:
        n = size_of(item)
        if not out or len(out[-1]) >= max_items or (out[-1] and size + n > max_size):
            out.append(Batch())
            size = 0
        out[-1].append(item)
        size += n
    return out


def largest_first(items: Sequence[T], cost: Callable[[T], float]) -> tuple[list[T], Callable[[list[R]], list[R]]]:
    """``items`` ordered by decreasing ``cost`` (ties keep their order), and
    a function that puts results of that order back in the order of
    ``items``.  Workers take items in the order given, so the costliest
    start first and the run does not end on one worker finishing a large
    job while the others wait (longest-processing-time-first scheduling,
    Graham 1969).  Only the order of work changes: each item's result
    does not depend on it."""
    order = sorted(range(len(items)), key=lambda k: -cost(items[k]))

    def restore(results: list[R]) -> list[R]:
        out: list = [None] * len(order)
        for k, result in zip(order, results):
            out[k] = result
        return out

    return [items[k] for k in order], restore


def stop(runner) -> None:
    """End ``runner`` at once after an interrupt or an error: its ``abort``
    when it has one (rumorlens.runner.PoolRunner), else its ``close``."""
    getattr(runner, "abort", runner.close)()


@contextlib.contextmanager
def scope(runner):
    """``with scope(runner):`` closes ``runner`` when the block ends, and
    stops it at once (:func:`stop`) when the block raises: after Ctrl-C
    the workers do not finish their items first."""
    try:
        yield runner
    except BaseException:
        stop(runner)
        raise
    runner.close()


class SerialRunner:
    """Everything in this process, one item after another (``--jobs 1``)."""

    jobs = 1

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, stage: str) -> list[R]:
        out = []
        with progress.stage(stage, sum(map(weight, items)), unit(stage)) as st:
            for item in items:
                out.append(fn(item))
                st.advance(weight(item))
        return out

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _worker_init(levels: tuple[int, int] = (logging.WARNING, logging.CRITICAL), parent: Optional[int] = None) -> None:
    # a worker prints no progress of its own (the parent reports each stage)
    # and keeps BLAS to one thread: the pool is what uses the cores
    progress.configure(quiet=True)
    _log_like_parent(*levels)
    # Ctrl-C reaches every process of the terminal's foreground group: the
    # parent alone handles it (it stops the pool, PoolRunner.abort); a worker
    # interrupted while it waits for work would die and break the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # started with it blocked (sigint_deferred): ignored from now on
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    # the parent's id as the parent gave it: one killed before this worker got here is seen gone too
    threading.Thread(target=_end_with_parent, args=(parent or os.getppid(),), name="rumorlens-parent-watch",
                     daemon=True).start()


# seconds between two looks at the parent process
_PARENT_WATCH_S = 1.0


def _end_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, or by
    any signal it could not handle): the pool's workers wait for work on a
    queue that nobody will fill, and an orphaned worker kept its memory and
    the run's output pipes (``make``, ``| tee``) for good.  The parent's
    death shows as a new parent process id (the init process or a
    subreaper adopts the orphan)."""
    while True:
        time.sleep(_PARENT_WATCH_S)
        if os.getppid() != parent:
            os._exit(1)


def _log_like_parent(own: int, others: int) -> None:
    """A spawned worker starts with no logging set up, so Python's last-resort
    handler would print every library's warnings bare on stderr (pypdf's
    "EOF marker not found" under ``-q``): give it the parent's levels
    (rumorlens's logger at ``own``, everything else at ``others``)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(progress.LOG_FORMAT))
        root.addHandler(handler)
        logging.captureWarnings(True)
    root.setLevel(others)
    logging.getLogger("rumorlens").setLevel(own)


def parent_log_levels() -> tuple[int, int]:
    """(rumorlens's level, the root's level) in this process, for workers."""
    return logging.getLogger("rumorlens").getEffectiveLevel(), logging.getLogger().level


@contextlib.contextmanager
def no_main_module():
    """A context in which worker processes started by *spawn* (this
    module's pool, the Dask engine's local cluster) do not run the script
    that started rumorlens again.

    Spawned workers re-run the parent's ``__main__`` unless it is a
    module run with ``-m``; a console script without an ``if __name__ ==
    "__main__"`` guard (some installers write them so) would start rumorlens
    again in every worker.  The worker functions live in rumorlens's own
    modules, so the workers need no ``__main__``: hide it while they start
    (``sys.modules["__main__"]`` is an empty module inside the ``with``
    block, the real one again after it)."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


@contextlib.contextmanager
def sigint_ignored():
    """SIGINT ignored in this process for the block (from the main thread
    only, where Python lets a handler be set; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def start_resource_tracker() -> None:
    """multiprocessing's resource tracker, started (if it is not running)
    with SIGHUP blocked.  The tracker ignores SIGINT and SIGTERM itself
    (CPython 3.11 ``resource_tracker.main``) but not SIGHUP: the hangup of
    a closed terminal, sent to the whole process group, killed it, and the
    pool's clean-up started a new one that printed a KeyError traceback
    for every semaphore it had never seen (a fresh user's break test,
    session 50).  A signal mask is inherited across fork and exec, and the
    tracker unblocks only SIGINT and SIGTERM: it never sees the hangup."""
    from multiprocessing import resource_tracker

    hangup = getattr(signal, "SIGHUP", None)
    with held(mask=(hangup,) if hangup is not None else ()):
        resource_tracker.ensure_running()


@contextlib.contextmanager
def sigint_deferred():
    """Stop signals held back for the block, and acted on after it
    (rumorlens.stopsignals.held), SIGINT blocked at the system level too.

    Processes started in the block start with SIGINT blocked (a signal
    mask is inherited across fork and exec), so a Ctrl-C while a worker
    still imports does not kill it (_worker_init then ignores the
    signal); and this process does not stop half-way through writing a
    new worker's start-up data (the worker then printed 'EOFError: Ran out
    of input', a fresh user's break test, session 51: the main thread's
    mask alone let another thread take the signal).  Ignoring the signal
    instead (:func:`sigint_ignored`) would lose a Ctrl-C pressed while the
    workers start.  Where there is no signal mask (Windows),
    :func:`sigint_ignored`."""
    if not hasattr(signal, "pthread_sigmask"):
        with sigint_ignored():
            yield
        return
    # multiprocessing's resource tracker, started with the first pool,
    # unblocks SIGINT after it starts its own process: start it first
    start_resource_tracker()
    with held(mask=(signal.SIGINT,)):
        yield


def _apply(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``fn`` on a chunk of items, in a worker (module level: picklable)."""
    return [fn(item) for item in items]


class PoolRunner:
    """A pool of ``jobs`` worker processes (spawned, so safe next to the
    threads of ONNX Runtime and BLAS in the parent), started on first use
    and kept until :meth:`close`."""

    def __init__(self, jobs: int) -> None:
        if jobs < 2:
            raise ValueError("PoolRunner needs at least 2 jobs (use SerialRunner)")
        self.jobs = jobs
        self._pool = None
        self._stopped = False

    def _executor(self):
        if self._stopped:  # another thread's map must not start a new pool after abort()
            raise RuntimeError("the run was stopped")
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            start_resource_tracker()  # before the pool's queues register their locks with it
            pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_worker_init, initargs=(parent_log_levels(), os.getpid()))
            # Start every worker now with Ctrl-C held back: one interrupted
            # while it still imports would print a traceback (see _worker_init)
            with sigint_deferred():
                for _ in range(self.jobs):
                    pool.submit(int)  # each submit starts one more worker, until there are ``jobs``
            self._pool = pool
        return self._pool

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, stage: str) -> list[R]:
        items = list(items)
        out: list[R] = []
        with progress.stage(stage, sum(map(weight, items)), unit(stage)) as st:
            if len(items) <= 1:
                # not worth a round trip (and no pool is started for it)
                for item in items:
                    out.append(fn(item))
                    st.advance(weight(item))
                return out
            # small chunks: items differ a lot in cost (a long article, a
            # big pair), and a worker that finishes early takes the next one
            chunk = max(1, min(8, len(items) // (self.jobs * 8)))
            starts = range(0, len(items), chunk)
            try:
                with no_main_module():  # every chunk is submitted (and the workers started) now
                    pool = self._executor()
                    futures = [pool.submit(_apply, fn, items[a:a + chunk]) for a in starts]
                for a, future in zip(starts, futures):
                    for item, result in zip(items[a:a + chunk], self._result(future)):
                        out.append(result)
                        st.advance(weight(item))
            except (BrokenProcessPool, BrokenPipeError) as exc:
                raise WorkersStopped(f"the worker processes stopped or could not start ({type(exc).__name__}: {exc}); "
                                     "run again with --jobs 1, or with --debug for the cause") from exc
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _result(self, future):
        """The future's result; RuntimeError once :meth:`abort` is called.
        Waits in short steps rather than cancelling anything (see abort)."""
        while True:
            try:
                return future.result(timeout=0.25)
            except FuturesTimeout:
                if self._stopped:
                    raise RuntimeError("the run was stopped") from None
            except CancelledError:  # abort() cancelled it before a worker took it
                raise RuntimeError("the run was stopped") from None

    def abort(self) -> None:
        """Stop at once (an interrupt, or an error that ends the run): the
        workers are ended without finishing their items, and a ``map``
        waiting on them in another thread raises RuntimeError (as does a
        later one).  Nothing here cancels a future the executor has handed
        out: CPython 3.11's executor then fails the futures of its ended
        workers itself, and a future cancelled by its caller would make its
        thread print an InvalidStateError traceback."""
        self._stopped = True
        pool, self._pool = self._pool, None
        if pool is None:
            return
        workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            with contextlib.suppress(Exception):
                proc.terminate()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_runner(engine: str = "local", jobs: Optional[int] = None, scheduler: Optional[str] = None) -> Runner:
    """engine "local": jobs == 1 -> in-process serial; jobs > 1 -> process pool
    (concurrent.futures, spawn-safe), jobs=None = all cores.
    engine "dask": lazily imports rumorlens.runner_dask.DaskRunner(jobs, scheduler).
    Raises ValueError for another engine or jobs < 1."""
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if engine == "dask":
        from .runner_dask import DaskRunner  # optional extra

        return DaskRunner(jobs, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    n = default_jobs() if jobs is None else jobs
    return SerialRunner() if n == 1 else PoolRunner(n)
