"""Progress: plain lines per stage off a terminal, bars on a terminal,
nothing with --quiet."""
from __future__ import annotations

import io
import re
import sys
import time

from rumorlens import progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_each_stage_ends_with_a_plain_line(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    progress.configure(quiet=False)
    assert list(progress.bar(range(5), desc="embed", total=5, unit="sentence")) == [0, 1, 2, 3, 4]
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"rumorlens: embed: 5 sentences in \d+\.\d s", lines[0])
    assert "\r" not in err.getvalue()  # no bar escape codes in a log file


def test_a_long_item_still_reports_while_it_runs(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progress, "FIRST", 0.05)
    monkeypatch.setattr(progress, "INTERVAL", 0.1)
    progress.configure(quiet=False)
    with progress.stage("mentions", 1, "document") as st:
        time.sleep(0.4)  # one document that takes long: no advance to report
        st.advance()
    lines = err.getvalue().splitlines()
    assert any(re.fullmatch(r"rumorlens: mentions: 0/1 document \(\d+ s\)", ln) for ln in lines), lines
    assert re.fullmatch(r"rumorlens: mentions: 1 document in \d+\.\d s", lines[-1])


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
    with progress.stage("mentions", 1, "document") as st:
        st.advance()
    assert err2.getvalue() == ""
    err3 = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err3)
    assert list(progress.bar(range(3), desc="embed")) == [0, 1, 2]
    assert err3.getvalue() == ""
    progress.configure(quiet=False)
