"""How the ``rumorlens`` command stops when it is asked to: Ctrl-C while its
modules are still imported, and SIGTERM or SIGHUP at any time.

This module imports nothing but the standard library's signal handling, so
that ``rumorlens.cli`` can import it before click, spaCy and numpy.
"""
from __future__ import annotations

import signal
import threading

from ..errors import Terminated

_HELD: list = []  # the SIGINT handler to put back after the import (empty when none was replaced)


def _interrupted_while_importing(_signum, _frame) -> None:
    # SystemExit, not KeyboardInterrupt: Python prints no traceback for it
    import sys

    sys.stderr.write("rumorlens: interrupted\n")
    raise SystemExit(130)


def quiet_import_interrupt() -> None:
    """Until :func:`release_import_interrupt`, Ctrl-C ends the process with
    'rumorlens: interrupted' and exit code 130, as it does later in a run,
    instead of a traceback of whichever module was being imported (the
    first 0.1-0.3 s of every command; a fresh user's break test, session
    49).  Only when Python's own handler is in place, in the main thread:
    a program that set its own handler keeps it."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        _HELD.append(signal.signal(signal.SIGINT, _interrupted_while_importing))


def release_import_interrupt() -> None:
    """Put back the handler :func:`quiet_import_interrupt` replaced."""
    while _HELD:
        old = _HELD.pop()
        if signal.getsignal(signal.SIGINT) is _interrupted_while_importing:
            signal.signal(signal.SIGINT, old)


def _terminate(signum, _frame) -> None:
    raise Terminated(signum)


def stop_on_terminate() -> None:
    """SIGTERM and SIGHUP (a job scheduler's stop, ``timeout``, a closed
    terminal) raise :class:`rumorlens.errors.Terminated` in the main
    thread: the run stops as after Ctrl-C, the worker processes with it.
    Python's default for these signals ends the main process alone, and
    the pool's workers, orphaned, kept the output pipes open for good."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        num = getattr(signal, name, None)
        if num is not None and signal.getsignal(num) is signal.SIG_DFL:
            signal.signal(num, _terminate)
