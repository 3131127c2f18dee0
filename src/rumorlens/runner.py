"""How the per-document and per-pair stages run: one ``map`` over records.

A runner applies a module-level function to every item of a list and gives
the results in the order of the items, so every engine gives the same
report, byte for byte.  ``make_runner("local")`` runs in this process;
``make_runner("dask")`` runs on a Dask cluster (:mod:`rumorlens.runner_dask`,
the optional ``dask`` extra).

This is the minimal version of the interface shared with the speed work
(issue 12: serial and process-pool runners, ``--jobs``); only the serial
runner and the Dask branch are here.
"""
from __future__ import annotations

from typing import Callable, Optional, Protocol, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Runner(Protocol):
    jobs: int

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, stage: str) -> list[R]:
        """fn applied to every item; results in the order of items (determinism).
        fn must be a module-level function (picklable); items are plain records."""
        ...

    def close(self) -> None:
        ...


class SerialRunner:
    """Every item in this process, one after the other."""

    jobs = 1

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, stage: str) -> list[R]:
        return [fn(item) for item in items]

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_runner(engine: str = "local", jobs: Optional[int] = None, scheduler: Optional[str] = None) -> Runner:
    """engine "local": in this process (this minimal version has no process
    pool: any ``jobs`` runs serially); engine "dask": a
    :class:`rumorlens.runner_dask.DaskRunner` with ``jobs`` workers on a local
    cluster, or the cluster at ``scheduler``.  Raises UserError for another
    engine or when the dask extra is not installed."""
    from .errors import UserError

    if engine == "local":
        if scheduler:
            raise UserError("--scheduler needs --engine dask")
        return SerialRunner()
    if engine == "dask":
        from .runner_dask import DaskRunner

        return DaskRunner(jobs, scheduler)
    raise UserError(f"unknown engine {engine!r} (known: local, dask)")
