"""The Dask runner: rumorlens's per-document and per-pair stages on a Dask
cluster (``rumorlens align CORPUS --engine dask [--scheduler ADDRESS]``).

Needs the optional extra: ``pip install 'rumorlens[dask]'``.

- Without an address: a local cluster on this machine, ``jobs`` worker
  processes of one thread each (None: ``$RUMORLENS_JOBS``, else all cores,
  as for the local engine) (models are not thread-safe to share, and one
  thread per process keeps each worker's numbers the same as a serial run).
- With an address (``HOST:8786``, Dask's default port): a client of that existing cluster;
  ``jobs`` is then the number of its workers.

Determinism: :meth:`DaskRunner.map` gathers results in the order of the
items, whatever order the workers finish in, so the report is byte-identical
to the single-process run (tests/test_runner_dask.py checks it).

Where each stage runs (rumorlens.pipeline.run_all; ``offload_all``): on
the workers, the per-document stages on shards of documents (ingest, which
reads the files, so the workers must see the corpus at the same path;
segment; embed; mentions; claims) and the per-pair stages on the candidate
pairs (align, compare).  In the calling process, the global steps: the walk
of the corpus folder, the boilerplate pass over all documents, grouping's
sentence-neighbour search (one FAISS index over every sentence vector:
exact up to 30,000 sentences, IVF-Flat above) and the cross-article
conflicts (one exact FAISS index over the sentences that bind a quantity to
a name), then the findings across versions, the ranking and the report.
That node therefore holds every sentence vector (512 float32 with use-m3)
several times over; the README says at what size it stops fitting.  A
task's result comes back to the calling process, which sends each pair's
records (two documents' sentences, vectors, mentions) to the worker that
aligns or checks it: Dask moves them.  Only the corpus must be shared (a
file system the workers see at the same path); the embedding cache is the
calling process's cache path, which each machine opens (and makes) on its
own disk (SQLite's WAL mode wants a local disk, not a network one).

Models: a task's items carry what it needs; the sentence encoder travels as
a pickled CachedEncoder, which a worker turns into its own encoder behind
the same cache folder, made once per worker process
(rumorlens.embed.shared_cached_encoder), as for the local process pool.

Failures: a worker that dies (killed, out of memory) has its tasks run again
on another worker by the Dask scheduler, up to
``distributed.scheduler.allowed-failures`` times (Dask's default: 3); past
that the run stops with a one-line error and writes no report.  An exception
raised by a task is not retried: it is the same error on any worker, and it
reaches the caller as itself.
"""
from __future__ import annotations

import contextlib
import logging
import math
import uuid
from typing import Callable, Optional, Sequence, TypeVar

from . import progress
from .errors import UserError
from .paths import code_fingerprint
from .runner import default_jobs, no_main_module, sigint_ignored, unit, weight

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

# Items per task: about this many tasks per worker and per map, so a
# scheduler handles 10^5 documents as a few hundred tasks (each task costs
# the scheduler about a millisecond) while the workers still share the load
# evenly.  A slice is at most MAX_SLICE items, so a dead worker's retry
# repeats little work.
TASKS_PER_WORKER = 8
MAX_SLICE = 256

CONNECT_TIMEOUT = "30s"

# What the calling process waits for goes first: embeddings (grouping needs
# them all), then the alignment; mentions and claims, sent beside them
# (rumorlens.pipeline.run_all), fill the workers meanwhile.  Higher first;
# Dask's default is 0, and among equals the earlier map.
STAGE_PRIORITY = {"embed": 2, "align": 1}

# How long a local cluster waits for a dead worker's nanny to bring it back
# before it gives the worker up (Dask's default, 15 s, gives up too soon on
# a loaded machine: see DaskRunner._start_local).
LOST_WORKER_TIMEOUT = "24h"


def _quiet_dask_logs() -> None:
    """Dask logs every worker start and stop at INFO; a rumorlens user sees
    its errors only, unless --debug (which shows every library's logs)."""
    if not logging.getLogger("rumorlens").isEnabledFor(logging.DEBUG):
        logging.getLogger("distributed").setLevel(logging.ERROR)


def _apply_slice(fn: Callable[[T], R], items: list[T]) -> list[R]:
    """One task: ``fn`` on a slice of items, in order.  A worker prints no
    progress of its own (the client reports each stage); Dask's nanny
    already starts workers with one BLAS/OpenMP thread
    (``distributed.nanny.pre-spawn-environ``)."""
    progress.configure(quiet=True)
    return [fn(item) for item in items]


try:  # the dask extra; without it this module still imports (DaskRunner then says what to install)
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover
    _WorkerPlugin = object


class _IgnoreCtrlC(_WorkerPlugin):
    """Dask worker plugin: the worker ignores SIGINT (see DaskRunner._start_local)."""

    def setup(self, worker) -> None:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():  # where Python lets a handler be set
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    def teardown(self, worker) -> None:
        pass


class DaskRunner:
    """Implements rumorlens.runner.Runner on dask.distributed.

    ``jobs``: worker processes of the local cluster (None: one per core);
    ignored with ``scheduler``, whose cluster has the workers it has.
    Raises UserError when dask is not installed or the scheduler cannot be
    reached.

    ``offload_all``: the workers (maybe other machines) take every
    per-document stage, embedding included, and every per-pair stage; the
    calling process keeps the global steps (rumorlens.pipeline.run_all)."""

    offload_all = True

    def __init__(self, jobs: Optional[int] = None, scheduler: Optional[str] = None) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UserError("--engine dask needs the dask extra: pip install 'rumorlens[dask]'") from None
        _quiet_dask_logs()
        self._cluster = None
        # what the local cluster changes in this process while it lives
        # (rumorlens.runner.no_main_module, Dask's config), undone by close()
        self._main = contextlib.ExitStack()
        self.client = None
        if scheduler:
            self._connect(scheduler)
        else:
            self._start_local(default_jobs() if jobs is None else max(1, jobs))

    def _connect(self, scheduler: str) -> None:
        """A client of the existing cluster at ``scheduler``, once it has a
        worker; ``jobs``: the workers that run this rumorlens."""
        from distributed import Client

        try:
            self.client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise UserError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        try:  # a cluster whose workers are still starting: wait for the first
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            self.close()
            raise UserError(f"the Dask scheduler at {scheduler} has no workers "
                            f"(start some: dask worker {scheduler} --nthreads 1)") from None
        try:
            self.jobs = self._check_workers(scheduler)
        except BaseException:
            self.close()
            raise

    def _start_local(self, jobs: int) -> None:
        """A cluster of ``jobs`` worker processes on this machine, each
        watched by a nanny that restarts it when it dies."""
        import dask
        from distributed import Client, LocalCluster

        self.jobs = jobs
        # Worker processes are started by spawn, also when a dead worker is
        # replaced: they must not run the script that started rumorlens again.
        self._main.enter_context(no_main_module())
        # Dask closes for good the nanny of a local worker that is not back
        # distributed.deploy.lost-worker-timeout (15 s) after it died, a rule
        # for batch-system jobs that vanish.  A nanny restarts its worker;
        # under load the restart, or a second death at the moment of that
        # check, takes longer, and the cluster would lose the worker for the
        # rest of the run (all of them: the run would wait forever).
        self._main.enter_context(dask.config.set({"distributed.deploy.lost-worker-timeout": LOST_WORKER_TIMEOUT}))
        try:
            # processes (the GIL), one thread each; no dashboard, and the
            # scheduler's small HTTP server (health, metrics) on a free
            # local port, not 8787 (another cluster may hold it); Dask's
            # logs only on errors
            # its processes start with Ctrl-C ignored (as the local pool's,
            # rumorlens.runner): this process alone stops the run, without
            # each nanny and worker printing a traceback
            with sigint_ignored():
                self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                             scheduler_kwargs={"dashboard": False}, silence_logs=logging.ERROR)
            self.client = Client(self._cluster, set_as_default=False)
            # a worker its nanny starts again later is started from this
            # process's event loop, Ctrl-C no longer ignored: each worker
            # ignores it when it joins
            self.client.register_plugin(_IgnoreCtrlC(), name="rumorlens-ignore-ctrl-c")
        except BaseException:
            self.close()
            raise

    def _check_workers(self, scheduler: str) -> int:
        """An existing cluster's workers must run this rumorlens (code and
        models): UserError naming the first that does not, or when a worker
        cannot import rumorlens at all.  A worker that leaves the cluster
        while it is asked (it died, it was scaled down) is left out.
        Returns the number of workers that answered (at least 1)."""
        from distributed.comm import CommClosedError

        here = code_fingerprint()
        answers = self.client.run(code_fingerprint, on_error="return")
        present = set(self.client.scheduler_info(n_workers=-1)["workers"])
        theirs = {}
        for worker, answer in sorted(answers.items()):
            if isinstance(answer, ImportError):
                raise UserError(f"the workers of {scheduler} cannot import rumorlens ({answer}): install the "
                                "same rumorlens on every worker")
            if isinstance(answer, BaseException):
                if isinstance(answer, CommClosedError) or worker not in present:
                    log.debug("worker %s left the cluster while its code was checked (%s)", worker, answer)
                    continue
                raise UserError(f"worker {worker} of {scheduler} could not check its rumorlens code ({answer})")
            theirs[worker] = answer
        other = sorted(w for w, fp in theirs.items() if fp != here)
        if other:
            raise UserError(f"worker {other[0]} of {scheduler} runs other rumorlens code or models "
                            f"({theirs[other[0]]}, here {here}; {len(other)} of {len(theirs)} workers differ): "
                            "install the same rumorlens on every worker, or the report would differ")
        return max(1, len(theirs))

    @property
    def address(self) -> str:
        return self.client.scheduler.address

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, stage: str) -> list[R]:
        """``fn`` on every item on the cluster's workers, results in the
        order of ``items``.  Raises UserError when a worker died too often
        running one of them (KilledWorker); a task's own exception as itself."""
        from distributed import KilledWorker

        items = list(items)
        if not items:
            return []
        size = max(1, min(MAX_SLICE, math.ceil(len(items) / (self.jobs * TASKS_PER_WORKER))))
        slices = [items[i:i + size] for i in range(0, len(items), size)]
        run = uuid.uuid4().hex[:8]
        keys = [f"rumorlens-{stage}-{run}-{i}" for i in range(len(slices))]
        futures = self.client.map(_apply_slice, [fn] * len(slices), slices, key=keys, pure=False,
                                  priority=STAGE_PRIORITY.get(stage, 0))
        out: list[R] = []
        try:
            with progress.stage(stage, sum(map(weight, items)), unit(stage)) as st:
                for future, part_items in zip(futures, slices):  # in the order of the items
                    part = future.result()
                    out.extend(part)
                    st.advance(sum(map(weight, part_items)))
        except KilledWorker as exc:
            self._cancel(futures)
            raise UserError(f"stage {stage}: Dask workers died running the same task again and again ({exc}); "
                            f"no report written") from None
        except BaseException:
            self._cancel(futures)
            raise
        finally:
            for f in futures:
                f.release()
        return out

    def _cancel(self, futures) -> None:
        """The run stops: its tasks still waiting or running on the cluster
        are cancelled, so no worker goes on computing them (or dying on them)
        after the error is reported."""
        try:
            self.client.cancel(futures)
        except Exception as exc:  # a lost connection: the scheduler drops the tasks with this client
            log.debug("could not cancel the remaining tasks: %s", exc)

    def close(self) -> None:
        """Disconnect; a local cluster is shut down (an existing one is left running)."""
        try:
            if self.client is not None:
                self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
                self._cluster = None
            self._main.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
