"""Shared fixtures.  Paths to the repository's sample corpus and to the
project's shared material (benchmarks), which sits beside the checkout."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def one_process_by_default():
    """Commands run in one process unless a test asks for workers (--jobs):
    a pool per command would start and load every model again for each of
    the many small runs here.  test_runner.py runs the pool."""
    mp = pytest.MonkeyPatch()
    mp.setenv("RUMORLENS_JOBS", "1")
    yield
    mp.undo()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


# Skips that leave part of the product untested on this machine, said at the
# end of every run (pytest prints skip reasons only with -rs).
_REPORTED_SKIPS = {"test_browser.py": "browser tests", "test_install.py": "install-as-a-tool tests"}


def pytest_terminal_summary(terminalreporter):
    """One line per kind of skipped test in ``_REPORTED_SKIPS``: how many, and
    the reason (what to install to run them)."""
    found: dict[tuple[str, str], int] = {}
    for rep in terminalreporter.stats.get("skipped", []):
        kind = _REPORTED_SKIPS.get(Path(str(rep.location[0])).name)
        if kind and isinstance(rep.longrepr, tuple):
            reason = rep.longrepr[2].removeprefix("Skipped: ")
            found[kind, reason] = found.get((kind, reason), 0) + 1
    if found:
        terminalreporter.section("skipped: what to install to run them")
        for (kind, reason), n in sorted(found.items()):
            terminalreporter.write_line(f"{n} {kind} skipped: {reason}")


# Seconds the interpreter may take to exit after the last test.  The suite
# once hung after its summary (1 run in 6): a test had reaped a pool's
# worker with psutil, and CPython's pool thread then waited for ever on it
# (fixed in test_runner._still_running).  Should anything hang there
# again, the watchdog prints every thread's stack and fails the run instead
# of leaving CI to its 90-minute timeout.
_EXIT_WATCHDOG_S = 300


def pytest_unconfigure(config):
    import faulthandler
    import sys

    faulthandler.dump_traceback_later(_EXIT_WATCHDOG_S, exit=True, file=sys.stderr)
