"""--engine and --scheduler without the dask extra (issue 13): the one-line
errors a user sees, and no report written.  The runner itself is tested in
test_runner.py (local) and test_runner_dask.py (dask installed)."""
from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from rumorlens.cli import main
from rumorlens.errors import UserError
from rumorlens.runner import make_runner


def test_dask_engine_without_the_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    with pytest.raises(UserError, match=r"pip install 'rumorlens\[dask\]'"):
        make_runner("dask", 2)


def test_align_without_the_extra_says_what_to_install(monkeypatch, corpus_dir, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["align", str(corpus_dir), "-o", str(out), "--engine", "dask"])
    assert result.exit_code == 1
    assert "--engine dask needs the dask extra: pip install 'rumorlens[dask]'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_scheduler_without_the_dask_engine_is_refused(corpus_dir, tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["align", str(corpus_dir), "-o", str(out), "--scheduler", "127.0.0.1:8786"])
    assert result.exit_code == 1
    assert "--scheduler needs --engine dask" in result.output
    assert not out.exists()
