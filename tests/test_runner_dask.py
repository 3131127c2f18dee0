"""The dask engine (rumorlens[dask]): the same report as one process, byte
for byte, on a local cluster of 2 workers; a worker killed mid-run is
replaced and its task run again; a task that keeps killing its worker stops
the run with one line and no report.  Skipped without dask installed."""
from __future__ import annotations

import os
import signal
import time
from operator import methodcaller
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

from rumorlens.cli import main  # noqa: E402
from rumorlens.errors import UserError  # noqa: E402
from rumorlens.runner import make_runner  # noqa: E402
from rumorlens.runner_dask import DaskRunner  # noqa: E402


class KillOnce(distributed.WorkerPlugin):
    """On every worker (also the ones started to replace a dead worker):
    ``module.function`` kills its own worker process (SIGKILL, as the
    kernel's OOM killer would) the first time any worker runs it, or every
    time when ``marker`` is None.  Tasks reach the function by name (module
    and attribute), so they run the wrapped one."""

    def __init__(self, module: str, function: str, marker: str | None) -> None:
        self.module, self.function, self.marker = module, function, marker

    def setup(self, worker) -> None:
        import importlib

        module = importlib.import_module(self.module)
        original = getattr(module, self.function)
        self.original = original
        marker = self.marker

        def killing(item):
            if marker is None:
                os.kill(os.getpid(), signal.SIGKILL)
            try:
                fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return original(item)
            os.close(fd)
            os.kill(os.getpid(), signal.SIGKILL)

        setattr(module, self.function, killing)

    def teardown(self, worker) -> None:
        import importlib

        setattr(importlib.import_module(self.module), self.function, self.original)


@pytest.fixture(scope="module")
def cache_env(tmp_path_factory):
    """The serial run and the cluster's workers each get a cold cache of
    their own (workers read RUMORLENS_CACHE when they start)."""
    root = tmp_path_factory.mktemp("dask-cache")
    saved = os.environ.get("RUMORLENS_CACHE")
    yield root
    if saved is None:
        os.environ.pop("RUMORLENS_CACHE", None)
    else:
        os.environ["RUMORLENS_CACHE"] = saved


@pytest.fixture(scope="module")
def serial_report(cache_env, corpus_dir) -> bytes:
    os.environ["RUMORLENS_CACHE"] = str(cache_env / "serial")
    out = cache_env / "serial.json"
    result = CliRunner().invoke(main, ["--quiet", "align", str(corpus_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def cluster(cache_env, serial_report):
    os.environ["RUMORLENS_CACHE"] = str(cache_env / "workers")
    # one retry after a worker death, then KilledWorker (Dask's default is 3):
    # the failing case below then needs two deaths, not four
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        runner = DaskRunner(jobs=2)
        try:
            yield runner
        finally:
            runner.close()


def _remove_plugin(client, name: str) -> None:
    """Unregister a worker plugin once the scheduler holds no task (a failed
    run's tasks are cancelled, so no worker is still dying on them).  A
    worker that dies during the broadcast anyway makes it raise; the
    scheduler has dropped the plugin by then, so its nanny restarts it
    without the plugin."""
    deadline = time.monotonic() + 60
    while client.run_on_scheduler(_scheduler_tasks) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        client.unregister_worker_plugin(name)
    except OSError:  # distributed.comm.CommClosedError: a worker left during the broadcast
        pass
    assert name not in client.run_on_scheduler(_scheduler_plugins)


def _scheduler_tasks(dask_scheduler) -> int:
    return len(dask_scheduler.tasks)


def _scheduler_plugins(dask_scheduler) -> list[str]:
    return list(dask_scheduler.worker_plugins)


def align(corpus: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["--quiet", "align", str(corpus), "-o", str(out), "--engine", "dask", *extra])


def test_map_keeps_the_order_of_items_and_raises_task_errors(cluster):
    items = list(range(1000, 0, -1))
    assert cluster.map(str, items, stage="test") == [str(i) for i in items]
    assert cluster.map(str, [], stage="test") == []
    with pytest.raises(ValueError, match="invalid literal"):
        cluster.map(int, ["1", "x"], stage="test")


def test_a_local_cluster_waits_for_its_lost_workers(cluster):
    """Dask's local cluster gives a dead worker up for good when it is not
    back after distributed.deploy.lost-worker-timeout (15 s by default): on
    a loaded machine a worker killed twice, or restarted slowly, was lost
    for the rest of the run (the flaky refusal test below found it).  While
    a DaskRunner's local cluster lives, the nannies get a day."""
    from dask.utils import parse_timedelta

    from rumorlens import runner_dask

    assert parse_timedelta(dask.config.get("distributed.deploy.lost-worker-timeout")) == 24 * 3600
    with dask.config.set({"distributed.deploy.lost-worker-timeout": "15s"}):
        runner = runner_dask.DaskRunner(jobs=1)
        try:
            assert parse_timedelta(dask.config.get("distributed.deploy.lost-worker-timeout")) == 24 * 3600
        finally:
            runner.close()
        assert dask.config.get("distributed.deploy.lost-worker-timeout") == "15s"  # restored by close()


def test_a_worker_leaving_while_its_code_is_checked_is_left_out(cluster, monkeypatch):
    """client.run asks every worker the scheduler knows; one that died in
    the meantime answers with a closed connection, not a fingerprint."""
    from distributed.comm import CommClosedError

    real_run = cluster.client.run
    gone = "tcp://127.0.0.1:1"
    monkeypatch.setattr(cluster.client, "run", lambda fn, **kw: {**real_run(fn, **kw), gone: CommClosedError("gone")})
    assert cluster._check_workers("here") == 2
    present = next(iter(real_run(os.getpid)))
    monkeypatch.setattr(cluster.client, "run", lambda fn, **kw: {**real_run(fn, **kw), present: RuntimeError("x")})
    with pytest.raises(UserError, match=f"worker {present} of here could not check its rumorlens code"):
        cluster._check_workers("here")


def _encoder_loads() -> tuple[int, int]:
    from rumorlens import embed

    info = embed.shared_cached_encoder.cache_info()
    return info.misses, info.hits


def test_each_worker_loads_the_encoder_once(cluster):
    """The encoder travels to workers as a pickled CachedEncoder (as for the
    local pool): each worker builds one per model and cache, then reuses it."""
    from rumorlens import pipeline

    enc = pipeline.encoder("use-m3", use_cache=False)
    before = cluster.client.run(_encoder_loads)
    texts = [f"sentence number {i}" for i in range(64)]
    first = cluster.map(methodcaller("encode", ["a first sentence"]), [enc] * len(texts), stage="test")
    vectors = cluster.map(enc.encode, [[t] for t in texts], stage="test")  # a bound method: its encoder travels too
    assert all((v == first[0]).all() for v in first)
    assert all((v == enc.encode([t])).all() for v, t in zip(vectors, texts))
    after = cluster.client.run(_encoder_loads)
    loads = {w: (after[w][0] - before.get(w, (0, 0))[0], after[w][1] - before.get(w, (0, 0))[1]) for w in after}
    assert all(misses <= 1 for misses, _ in loads.values()), loads  # one encoder built per worker process
    assert sum(hits for _, hits in loads.values()) >= 2, loads  # ... and reused by the later tasks


def test_embedding_on_the_workers_gives_the_vectors_of_this_process(cluster, tmp_path):
    """The workers embed shards of documents (each with its own encoder):
    the same float32 bytes as here, document by document."""
    import numpy as np

    from corpus_helpers import tiny_corpus
    from rumorlens import pipeline

    docs, _ = pipeline.ingest(tiny_corpus(tmp_path))
    sentences = pipeline.segment(docs)
    enc = pipeline.encoder(use_cache=False)
    here = pipeline.embed(enc, docs, sentences)
    there = pipeline.embed(enc, docs, sentences, cluster)
    assert list(there) == list(here) and all(len(v) for v in here.values())
    assert all(there[d].dtype == np.float32 and there[d].tobytes() == here[d].tobytes() for d in here)


def test_local_cluster_gives_the_serial_report_byte_for_byte(cluster, serial_report, corpus_dir, tmp_path):
    """Two workers, this machine: the command starts its own local cluster."""
    out = tmp_path / "report.json"
    result = align(corpus_dir, out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == serial_report


def test_worker_killed_mid_run_is_replaced_and_the_report_is_the_same(cluster, serial_report, corpus_dir,
                                                                      tmp_path):
    """An existing cluster (--scheduler); one worker dies in the compare stage."""
    marker = tmp_path / "killed-once"
    cluster.client.register_plugin(KillOnce("rumorlens.pipeline", "_compare_pair", str(marker)), name="kill-once")
    try:
        out = tmp_path / "report.json"
        # --no-cache: earlier tests filled the result cache, and a pair read
        # from it would run no compare task to kill
        result = align(corpus_dir, out, "--scheduler", cluster.address, "--no-cache")
        assert marker.exists()  # a worker did die
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == serial_report
    finally:
        _remove_plugin(cluster.client, "kill-once")


def test_worker_dying_every_time_fails_cleanly_without_a_report(cluster, corpus_dir, tmp_path):
    cluster.client.register_plugin(KillOnce("rumorlens.segment", "segment_document", None), name="kill-always")
    try:
        out = tmp_path / "report.json"
        result = CliRunner().invoke(main, ["align", str(corpus_dir), "-o", str(out), "--engine", "dask",
                                           "--scheduler", cluster.address])
        assert result.exit_code == 1, result.output
        assert "stage segment: Dask workers died" in result.output and "no report written" in result.output
        assert "Traceback" not in result.output
        assert not out.exists() and not list(tmp_path.glob("*.json*"))  # nor a temporary file left behind
    finally:
        _remove_plugin(cluster.client, "kill-always")


def test_unreachable_scheduler_is_a_one_line_error(monkeypatch):
    from rumorlens import runner_dask

    monkeypatch.setattr(runner_dask, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(UserError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        make_runner("dask", scheduler="tcp://127.0.0.1:9")


def test_workers_with_other_rumorlens_code_are_refused(cluster, monkeypatch):
    """A worker whose rumorlens code or models differ would give another
    report: the run stops before any work, naming the worker."""
    from rumorlens import runner_dask

    # the workers killed by the tests above are replaced by their nannies
    # (which the local cluster no longer gives up on): wait for both
    cluster.client.wait_for_workers(2, timeout=60)
    real, here = runner_dask.code_fingerprint, os.getpid()
    monkeypatch.setattr(runner_dask, "code_fingerprint", lambda: "edited-here" if os.getpid() == here else real())
    with pytest.raises(UserError, match=r"worker tcp://.* runs other rumorlens code or models .*2 of 2 workers"):
        DaskRunner(scheduler=cluster.address)
    monkeypatch.setattr(runner_dask, "code_fingerprint", real)
    same = DaskRunner(scheduler=cluster.address)  # the same code everywhere: accepted
    assert same.jobs == 2
    same.close()


def _sigint_ignored_here(_: int) -> bool:
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_the_local_cluster_leaves_ctrl_c_to_this_process(cluster):
    # Ctrl-C reaches every process of the terminal's group: the nannies and
    # workers must not each print a KeyboardInterrupt traceback
    assert cluster.map(_sigint_ignored_here, [0, 1, 2, 3], stage="test") == [True] * 4
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored here
