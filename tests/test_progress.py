"""Progress bars appear only on a terminal and never with --quiet."""
from __future__ import annotations

import io
import sys

from rumorlens import progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    progress.configure(quiet=False)
    assert list(progress.bar(range(5), desc="embed")) == [0, 1, 2, 3, 4]
    assert err.getvalue() == ""


def test_bar_on_a_terminal_and_quiet_silences_it(monkeypatch):
    err = FakeTTY()
    monkeypatch.setattr(sys, "stderr", err)
    progress.configure(quiet=False)
    assert list(progress.bar(range(3), desc="embed", total=3)) == [0, 1, 2]
    assert "embed" in err.getvalue()
    err2 = FakeTTY()
    monkeypatch.setattr(sys, "stderr", err2)
    progress.configure(quiet=True)
    assert list(progress.bar(range(3), desc="embed")) == [0, 1, 2]
    assert err2.getvalue() == ""
    progress.configure(quiet=False)
