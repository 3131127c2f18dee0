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


class SlowLog(io.StringIO):
    """A log file that yields the CPU inside every write, as a pipe to a
    busy reader does: two threads' writes interleave wherever they can."""

    def write(self, s):
        n = super().write(s)
        time.sleep(0.0005)
        return n


def test_stages_running_at_once_write_whole_lines(monkeypatch):
    # --jobs 2: mentions and claims beside embed and align, each stage's
    # lines from its own thread; print() wrote text and newline apart and
    # two stages' lines ran together in the log.
    import threading

    err = SlowLog()
    monkeypatch.setattr(sys, "stderr", err)
    progress.configure(quiet=False)

    def stage_lines(name):
        for i in range(40):
            progress.note(f"{name}: {i}/40 items (1 s)")

    threads = [threading.Thread(target=stage_lines, args=(name,)) for name in ("mentions", "align")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = err.getvalue().split("\n")
    assert lines[-1] == ""
    assert all(re.fullmatch(r"rumorlens: (mentions|align): \d+/40 items \(1 s\)", ln) for ln in lines[:-1]), lines
    assert len(lines) == 81


def test_a_line_said_while_another_stage_draws_its_bar_is_not_written_onto_the_bar(monkeypatch):
    err = FakeTTY()
    monkeypatch.setattr(sys, "stderr", err)
    progress.configure(quiet=False)
    with progress.stage("align", 6, "pair") as running:
        running.advance()
        with progress.stage("mentions", 2, "document") as st:  # ends while align's bar is drawn
            st.advance(2)
        running.advance()
    out = err.getvalue()
    at = out.index("rumorlens: mentions: 2 documents in")
    assert out[at - 1] in "\r\n", repr(out[max(0, at - 40):at + 10])  # at the start of a line, not after a bar
    assert out[at:].split("\n")[0].rstrip().endswith(" s")  # the line ends before any bar is drawn again
