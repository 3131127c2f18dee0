"""What a run is doing, on stderr: one plain line per stage, bars on a terminal.

Stages wrap their work in :func:`stage` (or their slow loops in :func:`bar`)
and know nothing else; the command line decides once (:func:`configure`)
whether anything is shown.

- On a terminal: a progress bar while a stage runs (tqdm).
- Elsewhere (a pipe, a log file, CI): a line when a stage has run for
  :data:`FIRST` seconds, then one at most every :data:`INTERVAL` seconds
  (also when a single long item gives no count to report); and, on both, a
  line when it ends, with its count and elapsed time::

      rumorlens: embed: 310/41200 sentences (5 s)
      rumorlens: embed: 4210/41200 sentences (35 s)
      rumorlens: embed: 41200 sentences in 71.2 s

- ``--quiet``: nothing.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Iterable, Iterator, Optional, TypeVar

# How rumorlens's log records read on stderr, in the main process and in workers
LOG_FORMAT = "rumorlens: %(levelname)s: %(message)s"

T = TypeVar("T")

FIRST = 5.0  # seconds before the first line of a running stage (off a terminal)
INTERVAL = 30.0  # seconds between two lines of a running stage (off a terminal)

_quiet = False


def configure(*, quiet: bool = False) -> None:
    global _quiet
    _quiet = quiet


def _is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def enabled() -> bool:
    """Are progress bars shown (a terminal, and not --quiet)?"""
    return not _quiet and _is_tty()


# Stages run at once (with --jobs N, mentions and claims beside embed and
# align), each from its own thread: one lock over every progress write, and
# each line written whole (print() writes the text and its newline apart, so
# two threads' lines ran together in a log).
_WRITE = threading.Lock()
_bars = 0  # progress bars on the terminal now


def _say(line: str) -> None:
    write_line(f"rumorlens: {line}")


def write_line(text: str) -> None:
    """``text`` and a newline on stderr, whole, after any line another
    thread is writing and above any progress bars (log records go through
    here too: rumorlens.cli's handler).  A closed stderr is ignored."""
    try:
        with _WRITE:
            if _bars:
                # a line printed while bars are drawn landed on a bar's line;
                # tqdm.write clears the bars, writes the line, draws them again
                from tqdm import tqdm

                tqdm.write(text, file=sys.stderr)
            else:
                sys.stderr.write(text + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass  # a closed stderr never stops a run


def note(line: str) -> None:
    """One line of news on stderr (``rumorlens: <line>``) unless --quiet."""
    if not _quiet:
        _say(line)


class Stage:
    """One stage's progress; use through :func:`stage`."""

    def __init__(self, name: str, total: Optional[int], unit: str) -> None:
        self.name, self.total, self.unit = name, total, unit
        self.done = 0
        self.start = time.monotonic()
        self._next = self.start + FIRST
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._bar = None
        self._thread: Optional[threading.Thread] = None

    def _units(self, n: Optional[int]) -> str:
        return f"{n} {self.unit}{'' if n == 1 else 's'}"

    def _count(self) -> str:
        if self.total is None:
            return self._units(self.done) if self.done else "working"
        return f"{self.done}/{self._units(self.total)}"

    def __enter__(self) -> "Stage":
        if _quiet:
            return self
        if _is_tty():
            global _bars
            from tqdm import tqdm

            with _WRITE:
                # bars of stages that run at once each get a line of their own (tqdm's free position)
                self._bar = tqdm(desc=self.name, total=self.total, unit=self.unit, file=sys.stderr, leave=False,
                                 dynamic_ncols=True)
                _bars += 1
        else:
            self._thread = threading.Thread(target=self._heartbeat, daemon=True, name=f"progress-{self.name}")
            self._thread.start()
        return self

    def _heartbeat(self) -> None:
        # a stage busy on one long item still says it is alive
        while not self._stop.wait(min(FIRST, INTERVAL) / 2):
            with self._lock:
                self._maybe_say()

    def _maybe_say(self) -> None:
        now = time.monotonic()
        if now >= self._next:
            self._next = now + INTERVAL
            _say(f"{self.name}: {self._count()} ({now - self.start:.0f} s)")

    def advance(self, n: int = 1) -> None:
        """``n`` more units done."""
        with self._lock:
            self.done += n
            if self._bar is not None:
                self._bar.update(n)
                return
            if not _quiet:
                self._maybe_say()

    def __exit__(self, exc_type, exc, tb) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._bar is not None:
            global _bars
            with _WRITE:
                self._bar.close()
                _bars -= 1
        if _quiet or exc_type is not None:
            return
        count = self._units(self.done) if self.done or self.total is not None else "done"
        _say(f"{self.name}: {count} in {time.monotonic() - self.start:.1f} s")


def stage(name: str, total: Optional[int] = None, unit: str = "item") -> Stage:
    """A context manager for one stage: ``with stage("embed", 10, "document") as s: ... s.advance()``."""
    return Stage(name, total, unit)


def bar(iterable: Iterable[T], *, desc: str, total: Optional[int] = None, unit: str = "it") -> Iterator[T]:
    """``iterable``, reported as the stage ``desc`` (one unit per item)."""
    with stage(desc, total, unit) as st:
        for item in iterable:
            yield item
            st.advance()
