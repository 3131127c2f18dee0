"""Where rumorlens reads its data, and how `--version` says so.  The
installed (wheel) case is tests/test_install.py."""
from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner
from conftest import REPO

from rumorlens import __version__
from rumorlens.cli import main
from rumorlens.paths import models_dir, schema_dir


def test_editable_install_reads_the_top_level_folders(monkeypatch):
    monkeypatch.delenv("RUMORLENS_MODELS", raising=False)
    assert models_dir() == REPO / "models"
    assert schema_dir() == REPO / "schema"
    assert (schema_dir() / "report.schema.json").is_file()


def test_version_names_the_default_encoder_and_the_data(monkeypatch):
    monkeypatch.delenv("RUMORLENS_MODELS", raising=False)
    out = CliRunner().invoke(main, ["--version"])
    assert out.exit_code == 0
    assert out.output == f"rumorlens {__version__} (default encoder use-m3; data: {REPO / 'models'})\n"


def test_rumorlens_models_overrides_and_version_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("RUMORLENS_MODELS", str(tmp_path))
    assert models_dir() == tmp_path
    out = CliRunner().invoke(main, ["--version"])
    assert out.output.endswith(f"data: {tmp_path}, from RUMORLENS_MODELS)\n")
    monkeypatch.setenv("RUMORLENS_MODELS", str(tmp_path / "absent"))
    assert "absent, missing, from RUMORLENS_MODELS" in CliRunner().invoke(main, ["--version"]).output


def test_python_dash_m_runs_the_command():
    proc = subprocess.run([sys.executable, "-m", "rumorlens", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(rf"rumorlens {re.escape(__version__)} \(default encoder \S+; data: .+\)\n", proc.stdout)
    proc = subprocess.run([sys.executable, "-m", "rumorlens", "no-such-command"], capture_output=True, text=True)
    assert proc.returncode == 1 and "No such command" in proc.stderr
