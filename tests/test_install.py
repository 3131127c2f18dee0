"""rumorlens installed as a tool, as a new user would, outside the repository.

1. ``python -m build`` makes the sdist and, from the sdist, the wheel (each in
   an isolated build environment whose setuptools and wheel come from the
   package index).  Both must carry every file under ``models/`` and
   ``schema/``, byte for byte.
2. A fresh virtual environment in a temporary folder (plain ``python -m venv``:
   nothing of this environment on its path) gets ``pip install WHEEL``: pip
   resolves and installs the dependencies from ``setup.cfg``'s pins.  A
   constraints file holds every package to the version installed here, so the
   two reports come from the same libraries, and torch, which the default
   install does not need, can never be resolved unpinned.  Shared with this
   environment: pip's download cache and pip's configuration, nothing else.
3. ``rumorlens align`` runs there on a copy of ``corpus/`` in the temporary
   folder, with its own empty embedding cache.  Its report must equal, byte
   for byte, the report of this (editable) environment's rumorlens on the
   repository's ``corpus/``, also with an empty cache.  The installed report
   must follow the installed ``report.schema.json``.
4. The same with ``pipx install WHEEL`` when pipx is on PATH; skipped (and
   said at the end of the run) otherwise.

Measured on the project machine (2 cores shared with other work, load 6-11):
``python -m build`` 11-30 s; ``pip install`` of the wheel and its
dependencies 45 s (77 s with an empty pip cache; ~840 MB); each ``align``
50-80 s.  The module took 5-9 minutes of wall time there for about 2.5
minutes of CPU; the editable run overlaps the build and the install.
RUMORLENS_SKIP_INSTALL_TEST=1 skips the module (a machine without the
package index).
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from conftest import CORPUS, REPO

pytestmark = pytest.mark.skipif(bool(os.environ.get("RUMORLENS_SKIP_INSTALL_TEST")),
                                reason="RUMORLENS_SKIP_INSTALL_TEST is set")

DATA_TREES = ("models", "schema")
TIMEOUT = 1200  # seconds for one install or one run: a hang must end the test


def _env(cache: Path) -> dict:
    """This environment minus what would leak the repository or its venv into
    a child: the child finds its data and code only where it is installed."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "RUMORLENS_MODELS")}
    env["RUMORLENS_CACHE"] = str(cache)
    return env


def _run(args: list, cwd: Path, env: dict) -> str:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 0, f"{args} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def _repo_files(name: str) -> dict[str, bytes]:
    root = REPO / name
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")}


class Reference:
    """``rumorlens align corpus/`` with this environment's rumorlens, started
    in the background so it runs while the wheel is built and installed."""

    def __init__(self, tmp: Path) -> None:
        self.report = tmp / "out" / "report.json"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rumorlens", "--quiet", "align", str(CORPUS), "-o", str(self.report)],
            cwd=tmp, env=_env(tmp / "cache"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def bytes(self) -> bytes:
        if self.proc.returncode is None:
            self.output = self.proc.communicate(timeout=TIMEOUT)
        assert self.proc.returncode == 0, f"editable run exited {self.proc.returncode}:\n{self.output}"
        return self.report.read_bytes()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    ref = Reference(tmp_path_factory.mktemp("editable"))
    yield ref
    if ref.proc.poll() is None:
        ref.proc.kill()
        ref.proc.wait()


@pytest.fixture(scope="module")
def dist(reference, tmp_path_factory) -> dict[str, Path]:
    """The sdist, and the wheel built from it (what ``python -m build`` does)."""
    # build.util, not build: the repository's build/ folder would pass for a
    # namespace package named build
    if importlib.util.find_spec("build.util") is None:
        pytest.skip("the package `build` is missing: pip install -e '.[test]'")
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", out, REPO], cwd=out, env=_env(out / "cache"))
    sdists, wheels = list(out.glob("rumorlens-*.tar.gz")), list(out.glob("rumorlens-*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, sorted(p.name for p in out.iterdir())
    return {"sdist": sdists[0], "wheel": wheels[0]}


@pytest.fixture(scope="module")
def constraints(tmp_path_factory) -> Path:
    """``name==version`` for every distribution this environment imports
    (the first on sys.path wins, as at import), except rumorlens and the
    installers themselves (pipx upgrades pip in its own environment)."""
    pins, skip = {}, {"", "rumorlens", "pip", "setuptools", "wheel"}
    for d in metadata.distributions():
        name = (d.metadata["Name"] or "").lower().replace("_", "-")
        if name not in skip and name not in pins:
            pins[name] = d.version
    path = tmp_path_factory.mktemp("pins") / "constraints.txt"
    path.write_text("".join(f"{n}=={v}\n" for n, v in sorted(pins.items())), encoding="utf-8")
    return path


@pytest.mark.parametrize("tree", DATA_TREES)
def test_wheel_and_sdist_carry_every_data_file(dist, tree):
    want = _repo_files(tree)
    assert want, f"{tree}/ is empty in the repository"
    with zipfile.ZipFile(dist["wheel"]) as zf:
        prefix = f"rumorlens/{tree}/"
        in_wheel = {n[len(prefix):]: zf.read(n) for n in zf.namelist() if n.startswith(prefix)}
    with tarfile.open(dist["sdist"]) as tf:
        prefix = re.compile(rf"^rumorlens-[^/]+/{tree}/(.+)$")
        in_sdist = {m.group(1): tf.extractfile(i).read() for i in tf.getmembers()
                    if i.isfile() and (m := prefix.match(i.name))}
    assert sorted(in_wheel) == sorted(want)
    assert sorted(in_sdist) == sorted(want)
    assert in_wheel == want and in_sdist == want


def _check_installed(python: Path, rumorlens: Path, home: Path, user: Path, reference: Reference) -> None:
    """--version from the script and from ``python -m``, then ``align`` on a
    copy of the corpus, compared with the editable run byte for byte."""
    env = _env(user / "cache")
    line = _run([rumorlens, "--version"], cwd=user, env=env).strip()
    data = (Path(_run([python, "-c", "import rumorlens.paths as p; print(p.models_dir())"],
                      cwd=user, env=env).strip()))
    assert data.is_relative_to(home) and data.parts[-2:] == ("rumorlens", "models"), data
    assert re.fullmatch(r"rumorlens \S+ \(default encoder \S+; data: (.+)\)", line).group(1) == str(data)
    assert _run([python, "-m", "rumorlens", "--version"], cwd=user, env=env).strip() == line
    shutil.copytree(CORPUS, user / "corpus")
    _run([rumorlens, "--quiet", "align", "corpus"], cwd=user, env=env)  # -> build/report.json beside it
    report = user / "build" / "report.json"
    _run([python, "-c", "import json, sys, jsonschema; from rumorlens.paths import schema_dir; "
          "s = json.loads((schema_dir() / 'report.schema.json').read_text(encoding='utf-8')); "
          "assert schema_dir().is_relative_to(sys.prefix), schema_dir(); "
          "jsonschema.validate(json.loads(open(sys.argv[1], encoding='utf-8').read()), s)", report],
         cwd=user, env=env)
    got, want = report.read_bytes(), reference.bytes()
    if got != want:
        at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(f"installed report differs from the editable one at byte {at} of {len(want)}: "
                    f"{got[max(0, at - 80):at + 80]!r} vs {want[max(0, at - 80):at + 80]!r}")


def test_pip_installed_wheel_gives_the_editable_report(dist, constraints, reference, tmp_path):
    venv = tmp_path / "venv"
    env = _env(tmp_path / "cache")
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", "-c", constraints, dist["wheel"]], cwd=tmp_path, env=env)
    # the fresh venv sees nothing of this one: a test-only package is absent
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('pytest') is not None)"
    _run([python, "-c", probe], cwd=tmp_path, env=env)
    user = tmp_path / "user"
    user.mkdir()
    _check_installed(python, venv / "bin" / "rumorlens", venv, user, reference)


def test_pipx_installed_wheel_gives_the_editable_report(dist, constraints, reference, tmp_path):
    pipx = shutil.which("pipx")
    if not pipx:
        pytest.skip("pipx is not installed: only `pip install WHEEL` was tested (install pipx to test it too)")
    env = _env(tmp_path / "cache")
    env.update(PIPX_HOME=str(tmp_path / "pipx"), PIPX_BIN_DIR=str(tmp_path / "bin"),
               PIPX_MAN_DIR=str(tmp_path / "man"))
    _run([pipx, "install", "--pip-args", f"--quiet -c {constraints}", dist["wheel"]], cwd=tmp_path, env=env)
    home = tmp_path / "pipx" / "venvs" / "rumorlens"
    user = tmp_path / "user"
    user.mkdir()
    _check_installed(home / "bin" / "python", tmp_path / "bin" / "rumorlens", home, user, reference)
