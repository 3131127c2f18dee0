"""Errors that reach the user as one clear line (exit code 1), as opposed to
internal errors (exit code 2, traceback only with --debug)."""


class UserError(Exception):
    """Bad arguments or input the user can fix: missing folder, nothing usable,
    a model that is not installed.  The message is shown as is."""
