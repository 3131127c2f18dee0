"""The runner interface without any extra: the serial runner, the engine
names, and the one-line error when the dask extra is missing."""
from __future__ import annotations

import sys

import pytest

from rumorlens.errors import UserError
from rumorlens.runner import SerialRunner, make_runner


def test_serial_runner_keeps_order_and_raises_task_errors():
    runner = make_runner("local")
    assert isinstance(runner, SerialRunner) and runner.jobs == 1
    assert runner.map(str, [3, 1, 2], stage="t") == ["3", "1", "2"]
    with pytest.raises(ValueError):
        runner.map(int, ["x"], stage="t")
    runner.close()


def test_engine_errors_are_one_line(monkeypatch):
    with pytest.raises(UserError, match="unknown engine 'spark'"):
        make_runner("spark")
    with pytest.raises(UserError, match="--scheduler needs --engine dask"):
        make_runner("local", scheduler="tcp://127.0.0.1:8786")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    with pytest.raises(UserError, match=r"pip install 'rumorlens\[dask\]'"):
        make_runner("dask", 2)


def test_align_without_the_extra_says_what_to_install(monkeypatch, corpus_dir, tmp_path):
    from click.testing import CliRunner

    from rumorlens.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["align", str(corpus_dir), "-o", str(out), "--engine", "dask"])
    assert result.exit_code == 1
    assert "--engine dask needs the dask extra: pip install 'rumorlens[dask]'" in result.output
    assert not out.exists()
