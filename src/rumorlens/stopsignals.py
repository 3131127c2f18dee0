"""The signals that stop a run (Ctrl-C's SIGINT, SIGTERM, SIGHUP), held
back over a few steps that must not be cut in two: a temporary file made
and its name kept, the report and its page written together, a worker
process started.

Standard library only: the CLI's stop handling (rumorlens.cli.stopping),
the writers (rumorlens.records) and the pool (rumorlens.runner) share it.
"""
from __future__ import annotations

import contextlib
import signal
import threading

# SIGHUP is missing on Windows
STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def held(mask: tuple = ()):
    """Stop signals that come during the block are acted on when it ends,
    by the handler that was in place (Ctrl-C's KeyboardInterrupt, the
    CLI's Terminated), once each.

    Python runs a signal's handler in the main thread whichever thread
    the system gave the signal to: blocking it in the main thread alone
    (a signal mask) let the progress thread take it and the main thread
    raise at once, inside the block.  Here the main thread's Python
    handlers are replaced for the block by one that notes the signal.
    ``mask``: signals also blocked at the system level for the block, so
    that processes started in it start with them blocked (a mask is
    inherited across fork and exec).  Off the main thread, where Python
    sets no handler, only ``mask`` applies; a signal whose action is the
    system's default or ignore is left to it."""
    noted: list[int] = []
    replaced = {}
    if threading.current_thread() is threading.main_thread():
        for num in STOPPING:
            handler = signal.getsignal(num)
            if callable(handler):
                replaced[num] = signal.signal(num, lambda signum, _frame: noted.append(signum))
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, mask) if mask and hasattr(signal, "pthread_sigmask") else None
    try:
        yield
    finally:
        if old_mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)  # a pending one is noted here
        for num, handler in replaced.items():
            signal.signal(num, handler)
        for num in dict.fromkeys(noted):
            replaced[num](num, None)
