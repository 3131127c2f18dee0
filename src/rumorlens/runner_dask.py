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
import hashlib
import logging
import math
import uuid
from typing import Callable, Optional, Sequence, TypeVar

from . import progress
from .errors import UserError
from .runner import _no_main_module, default_jobs, unit

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


def _quiet_dask_logs() -> None:
    """Dask logs every worker start and stop at INFO; a rumorlens user sees
    its errors only, unless --debug (which shows every library's logs)."""
    if not logging.getLogger("rumorlens").isEnabledFor(logging.DEBUG):
        logging.getLogger("distributed").setLevel(logging.ERROR)


def code_fingerprint() -> str:
    """sha256 over rumorlens's own code and data (every file of the
    package's .py modules and of the models folder this process reads):
    workers with other code or other lexicons would give another report."""
    from pathlib import Path

    from .paths import models_dir

    h = hashlib.sha256()
    for root, pattern in ((Path(__file__).resolve().parent, "*.py"), (models_dir(), "*")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _apply_slice(fn: Callable[[T], R], items: list[T]) -> list[R]:
    """One task: ``fn`` on a slice of items, in order.  A worker prints no
    progress of its own (the client reports each stage); Dask's nanny
    already starts workers with one BLAS/OpenMP thread
    (``distributed.nanny.pre-spawn-environ``)."""
    progress.configure(quiet=True)
    return [fn(item) for item in items]


class DaskRunner:
    """Implements rumorlens.runner.Runner on dask.distributed.

    ``jobs``: worker processes of the local cluster (None: one per core);
    ignored with ``scheduler``, whose cluster has the workers it has.
    Raises UserError when dask is not installed or the scheduler cannot be
    reached."""

    def __init__(self, jobs: Optional[int] = None, scheduler: Optional[str] = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UserError("--engine dask needs the dask extra: pip install 'rumorlens[dask]'") from None
        _quiet_dask_logs()
        self._cluster = None
        # While a local cluster lives, its worker processes (started by
        # spawn, also when a dead worker is replaced) must not run the
        # script that started rumorlens again: rumorlens.runner._no_main_module
        self._main = contextlib.ExitStack()
        self.client = None
        if scheduler:
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
            self.jobs = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))
            self._check_workers(scheduler)
        else:
            self.jobs = default_jobs() if jobs is None else max(1, jobs)
            self._main.enter_context(_no_main_module())
            try:
                # processes (the GIL), one thread each; no dashboard, and the
                # scheduler's small HTTP server (health, metrics) on a free
                # local port, not 8787 (another cluster may hold it); Dask's
                # logs only on errors
                self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                             scheduler_kwargs={"dashboard": False}, silence_logs=logging.ERROR)
                self.client = Client(self._cluster, set_as_default=False)
            except BaseException:
                self.close()
                raise

    def _check_workers(self, scheduler: str) -> None:
        """An existing cluster's workers must run this rumorlens (code and
        models): UserError naming the first that does not, or when a worker
        cannot import rumorlens at all."""
        here = code_fingerprint()
        try:
            theirs = self.client.run(code_fingerprint)
        except ImportError as exc:
            self.close()
            raise UserError(f"the workers of {scheduler} cannot import rumorlens ({exc}): install the same "
                            "rumorlens on every worker") from None
        other = sorted(w for w, fp in theirs.items() if fp != here)
        if other:
            self.close()
            raise UserError(f"worker {other[0]} of {scheduler} runs other rumorlens code or models "
                            f"({theirs[other[0]]}, here {here}; {len(other)} of {len(theirs)} workers differ): "
                            "install the same rumorlens on every worker, or the report would differ")

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
        futures = self.client.map(_apply_slice, [fn] * len(slices), slices, key=keys, pure=False)
        out: list[R] = []
        try:
            with progress.stage(stage, len(items), unit(stage)) as st:
                for future in futures:  # in the order of the items, whichever finishes first
                    part = future.result()
                    out.extend(part)
                    st.advance(len(part))
        except KilledWorker as exc:
            raise UserError(f"stage {stage}: Dask workers died running the same task again and again ({exc}); "
                            f"no report written") from None
        finally:
            for f in futures:
                f.release()
        return out

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
