"""Errors that reach the user as one clear line (exit code 1), as opposed to
internal errors (exit code 2, traceback only with --debug)."""


class UserError(Exception):
    """Bad arguments or input the user can fix: missing folder, nothing usable,
    a model that is not installed.  The message is shown as is."""


class WorkersStopped(RuntimeError):
    """The worker processes of a run stopped (killed, out of memory) or
    could not start: not a fault of the input, nor a bug to trace, so it is
    shown as one line, exit code 2 (rumorlens.runner.PoolRunner)."""


class Terminated(KeyboardInterrupt):
    """The process was asked to stop by a signal (SIGTERM, SIGHUP): handled
    as an interrupt (the workers stopped at once, nothing half-written),
    said as 'terminated', exit code 128 + the signal's number
    (rumorlens.cli.stopping)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
