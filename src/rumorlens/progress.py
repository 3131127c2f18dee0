"""Progress bars for stages that take more than a moment.

Stages call :func:`bar` around their slow loops and know nothing else; the
command line decides once (:func:`configure`) whether bars are shown.  Bars go
to stderr, and only when stderr is a terminal and ``--quiet`` is off, so
files, pipes and CI logs stay clean.
"""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")

_enabled: Optional[bool] = None  # None: decide from the terminal


def configure(*, quiet: bool = False) -> None:
    global _enabled
    _enabled = False if quiet else None


def enabled() -> bool:
    if _enabled is not None:
        return _enabled
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def bar(iterable: Iterable[T], *, desc: str, total: Optional[int] = None, unit: str = "it") -> Iterator[T]:
    """``iterable`` wrapped in a progress bar when bars are on, else as is."""
    if not enabled():
        yield from iterable
        return
    from tqdm import tqdm

    yield from tqdm(iterable, desc=desc, total=total, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)
