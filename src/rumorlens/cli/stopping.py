"""How the ``rumorlens`` command stops when it is asked to: Ctrl-C while its
modules are still imported, and SIGTERM or SIGHUP at any time.

This module imports nothing but the standard library's signal handling, so
that ``rumorlens.cli`` can import it before click, spaCy and numpy.
"""
from __future__ import annotations

import signal
import sys
import threading

from ..errors import Terminated

# signals stopped in a run (SIGHUP is missing on Windows)
_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_HELD: dict = {}  # signal -> the handler to put back after the import


def _stopped_while_importing(signum, _frame) -> None:
    # SystemExit, not KeyboardInterrupt: Python prints no traceback for it
    if signum == signal.SIGINT:
        sys.stderr.write("rumorlens: interrupted\n")
        raise SystemExit(130)
    sys.stderr.write(f"rumorlens: terminated ({signal.Signals(signum).name})\n")
    raise SystemExit(128 + signum)


def quiet_import_interrupt() -> None:
    """Until :func:`release_import_interrupt`, Ctrl-C, SIGTERM and SIGHUP
    end the process with the line and exit code they give later in a run
    ('rumorlens: interrupted', 130; 'rumorlens: terminated (SIGTERM)',
    143), instead of a traceback of whichever module was being imported
    (Ctrl-C) or a silent end (SIGTERM), in the first 0.1-0.5 s of every
    command (fresh users' break tests, sessions 49 and 50).  Only where
    Python's own handler is in place, in the main thread: a program that
    set its own handler keeps it."""
    if threading.current_thread() is not threading.main_thread():
        return
    for num, default in ((signal.SIGINT, signal.default_int_handler), *((n, signal.SIG_DFL) for n in _STOPPING)):
        if signal.getsignal(num) is default:
            _HELD[num] = signal.signal(num, _stopped_while_importing)


def release_import_interrupt() -> None:
    """Put back the handlers :func:`quiet_import_interrupt` replaced."""
    for num, old in list(_HELD.items()):
        del _HELD[num]
        if signal.getsignal(num) is _stopped_while_importing:
            signal.signal(num, old)


def _terminate(signum, _frame) -> None:
    # once: a second SIGTERM (a scheduler that repeats it, a process group
    # signalled twice) would raise again inside the clean-up the first one
    # started, and end the run with a traceback instead of the stop line
    stop_answered()
    raise Terminated(signum)


# a stop was answered in this process (the run is ending): see command_over
_ANSWERED: list = []


def stop_answered() -> None:
    """From now on Ctrl-C, SIGTERM and SIGHUP change nothing: the run is
    already stopping, and a second signal raised again inside the clean-up
    the first one started, or in Python's exit ('Exception ignored in
    atexit callback ... KeyboardInterrupt'), or ended the process by the
    signal after its stop line (fresh users' break tests, sessions 50 and
    51).  Only where Python's or :func:`stop_on_terminate`'s handler is in
    place, in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return
    _ANSWERED.append(True)
    # ignored, not a handler that does nothing: Python puts its handlers
    # back to the system's default as it finalizes, and the second signal
    # then ended the process by the signal after the stop line
    for num, ours in ((signal.SIGINT, signal.default_int_handler), *((n, _terminate) for n in _STOPPING)):
        if signal.getsignal(num) is ours:
            signal.signal(num, signal.SIG_IGN)


def command_over() -> None:
    """Python's own handling of SIGTERM and SIGHUP again, where
    :func:`stop_on_terminate` replaced it, once the command has returned
    its work done: a signal in the process's last milliseconds ends it as
    the signal does (it was raised inside Python's shutdown, as 'Exception
    ignored ... Terminated', exit 0 or 1; a fresh user's break test,
    session 50), and a test calling the command in its own process gets
    its handlers back.  After a stop (:func:`stop_answered`) the handlers
    stay quiet until the process exits: the stop's exit code stands."""
    if threading.current_thread() is not threading.main_thread() or _ANSWERED:
        return
    for num in _STOPPING:
        if signal.getsignal(num) is _terminate:
            signal.signal(num, signal.SIG_DFL)


def stop_on_terminate() -> None:
    """SIGTERM and SIGHUP (a job scheduler's stop, ``timeout``, a closed
    terminal) raise :class:`rumorlens.errors.Terminated` in the main
    thread: the run stops as after Ctrl-C, the worker processes with it.
    Python's default for these signals ends the main process alone, and
    the pool's workers, orphaned, kept the output pipes open for good."""
    if threading.current_thread() is not threading.main_thread():
        return
    for num in _STOPPING:
        if signal.getsignal(num) is signal.SIG_DFL:
            signal.signal(num, _terminate)
