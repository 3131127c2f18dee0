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

from ..stopsignals import STOPPING

# the stop signals besides Ctrl-C's (SIGHUP is missing on Windows)
_STOPPING = tuple(num for num in STOPPING if num != signal.SIGINT)
_HELD: dict = {}  # signal -> the handler to put back after the import


def _stopped_while_importing(signum, _frame) -> None:
    # SystemExit, not KeyboardInterrupt: Python prints no traceback for it;
    # the next signals ignored: raised again while SystemExit unwinds they
    # said the line twice and ended in a traceback (break test, session 51)
    for num in STOPPING:
        if signal.getsignal(num) is _stopped_while_importing:
            signal.signal(num, signal.SIG_IGN)
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
    for num in STOPPING:
        if signal.getsignal(num) is _PYTHON_S[num]:
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


def _interrupt(_signum, _frame) -> None:
    # Python's own Ctrl-C, answered at once: a SIGTERM in the 0.1-0.2 s
    # the pool takes to stop replaced 'interrupted' by 'terminated' (7 of 8
    # runs of a fresh user's break test, session 51)
    stop_answered()
    raise KeyboardInterrupt


def _already_stopping(_signum, _frame) -> None:
    pass


_OURS = {signal.SIGINT: _interrupt, **{num: _terminate for num in _STOPPING}}
_PYTHON_S = {signal.SIGINT: signal.default_int_handler, **{num: signal.SIG_DFL for num in _STOPPING}}
# a stop was answered in this process (the run is ending): see command_over
_ANSWERED: list = []


def stop_answered() -> None:
    """From now on Ctrl-C, SIGTERM and SIGHUP change nothing: the run is
    already stopping, and a second signal raised again inside the clean-up
    the first one started, or decided the exit code instead of the first
    (fresh users' break tests, sessions 50 and 51).  Only where this
    module's or Python's handler is in place, in the main thread; see
    :func:`process_ending` for the process's exit."""
    if threading.current_thread() is not threading.main_thread():
        return
    _ANSWERED.append(True)
    for num in STOPPING:
        if signal.getsignal(num) in (_OURS[num], signal.default_int_handler):
            # a handler that does nothing, not 'ignore': a signal already
            # caught and not yet handled would then be reported as 'Signal
            # 2 ignored due to race condition' with a traceback
            signal.signal(num, _already_stopping)


def process_ending() -> None:
    """After a stop, the signals ignored by the system for the last steps
    of the exit: Python puts its handlers back to the default as it
    finalizes, and a second Ctrl-C then ended the process by the signal,
    or raised in an atexit callback ('Exception ignored ...
    KeyboardInterrupt'), after the stop line."""
    if threading.current_thread() is not threading.main_thread() or not _ANSWERED:
        return
    for num in STOPPING:
        if signal.getsignal(num) is _already_stopping:
            signal.signal(num, signal.SIG_IGN)


def command_over() -> None:
    """Python's own handling of Ctrl-C, SIGTERM and SIGHUP again, where
    :func:`stop_on_terminate` replaced it, once the command has returned
    its work done: a signal in the process's last milliseconds ends it as
    the signal does (it was raised inside Python's shutdown, as 'Exception
    ignored ... Terminated', exit 0 or 1; a fresh user's break test,
    session 50), and a test calling the command in its own process gets
    its handlers back.  After a stop (:func:`stop_answered`) the handlers
    stay quiet until the process exits: the stop's exit code stands."""
    if threading.current_thread() is not threading.main_thread() or _ANSWERED:
        return
    for num in STOPPING:
        if signal.getsignal(num) is _OURS[num]:
            signal.signal(num, _PYTHON_S[num])


def stop_on_terminate() -> None:
    """SIGTERM and SIGHUP (a job scheduler's stop, ``timeout``, a closed
    terminal) raise :class:`rumorlens.errors.Terminated` in the main
    thread: the run stops as after Ctrl-C, the worker processes with it.
    Python's default for these signals ended the main process alone, and
    the pool's workers, orphaned, kept the output pipes open for good.
    Ctrl-C raises KeyboardInterrupt as Python's handler does, and answers
    the stop at once (:func:`stop_answered`)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for num in STOPPING:
        if signal.getsignal(num) is _PYTHON_S[num]:
            signal.signal(num, _OURS[num])
