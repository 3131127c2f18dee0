"""rumorlens.runner: results in the order of the items whatever the number
of workers, and a report byte-identical for any --jobs (issue 12)."""
from __future__ import annotations

import os
import time

import pytest
from click.testing import CliRunner

from rumorlens.cli import main
from rumorlens.runner import PoolRunner, SerialRunner, default_jobs, make_runner


def _square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_pool_keeps_the_order_of_the_items_and_uses_other_processes():
    items = list(range(200))
    with make_runner("local", jobs=2) as runner:
        assert isinstance(runner, PoolRunner) and runner.jobs == 2
        out = runner.map(_square_and_pid, items, stage="test")
        again = runner.map(_square_and_pid, items[:50], stage="test")  # the pool is reused
    assert [v for v, _ in out] == [x * x for x in items]
    assert [v for v, _ in again] == [x * x for x in items[:50]]
    assert os.getpid() not in {pid for _, pid in out}


def test_serial_runner_runs_here_in_order():
    runner = make_runner("local", jobs=1)
    assert isinstance(runner, SerialRunner)
    assert runner.map(_square_and_pid, [3, 1, 2], stage="test") == [(9, os.getpid()), (1, os.getpid()),
                                                                     (4, os.getpid())]


def test_make_runner_rejects_bad_arguments(monkeypatch):
    with pytest.raises(ValueError):
        make_runner("local", jobs=0)
    with pytest.raises(ValueError):
        make_runner("nowhere")
    monkeypatch.setenv("RUMORLENS_JOBS", "3")
    assert default_jobs() == 3
    for bad in ("abc", "0", "-2"):
        monkeypatch.setenv("RUMORLENS_JOBS", bad)
        with pytest.raises(ValueError, match="RUMORLENS_JOBS"):
            default_jobs()
    monkeypatch.delenv("RUMORLENS_JOBS")
    assert default_jobs() >= 1


def _die(x: int) -> int:
    os._exit(3)  # a worker killed (out of memory, or unable to run at all)


def _still_running(procs, timeout: float) -> list:
    """Those of ``procs`` (psutil.Process, children of this process) still
    running after ``timeout`` seconds; an ended child not yet reaped (a
    zombie) counts as ended.  Never reaps them: psutil.wait_procs would,
    and the pool's own thread, which reaps its workers too, then waits for
    ever on a worker whose exit status someone else took (CPython 3.11
    ``_ExecutorManagerThread.shutdown_workers``): the suite hung at exit
    after its last test, once in six runs."""
    import psutil

    deadline = time.monotonic() + timeout
    while True:
        running = []
        for p in procs:
            try:
                if p.status() != psutil.STATUS_ZOMBIE:
                    running.append(p)
            except psutil.NoSuchProcess:
                pass
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.1)


def test_workers_that_die_give_a_message_saying_what_to_do():
    from rumorlens.errors import WorkersStopped

    with make_runner("local", jobs=2) as runner:
        with pytest.raises(WorkersStopped, match="--jobs 1"):
            runner.map(_die, list(range(20)), stage="test")


def test_workers_stopped_is_one_line_that_is_no_internal_error(monkeypatch, tmp_path):
    """A worker killed from outside (a fresh user's break test, session
    49) was 'internal error: RuntimeError: … with --debug for the cause (run
    again with --debug for the traceback)'."""
    from rumorlens import pipeline
    from rumorlens.errors import WorkersStopped

    def stopped(*_a, **_k):
        raise WorkersStopped("the worker processes stopped or could not start (BrokenProcessPool: x); "
                             "run again with --jobs 1, or with --debug for the cause")
    monkeypatch.setattr(pipeline, "run_all", stopped)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Hello there. This is a text.", encoding="utf-8")
    res = CliRunner().invoke(main, ["align", str(tmp_path / "c"), "-o", str(tmp_path / "r.json")])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == ["rumorlens: error: the worker processes stopped or could not start "
                                               "(BrokenProcessPool: x); run again with --jobs 1, or with --debug "
                                               "for the cause"]


def test_a_jobs_variable_of_a_digit_int_refuses_is_refused_in_one_line(monkeypatch):
    monkeypatch.setenv("RUMORLENS_JOBS", "\u00b2")  # '²': str.isdigit says yes, int() no
    with pytest.raises(ValueError, match="RUMORLENS_JOBS must be a whole number"):
        default_jobs()


def test_a_deleted_current_folder_is_said_in_one_line(tmp_path):
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    script = ("import os, sys, runpy; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
              "sys.argv = ['rumorlens', 'align', sys.argv[2], '-o', sys.argv[3]]; "
              "runpy.run_module('rumorlens', run_name='__main__')")
    env = dict(os.environ)
    for var in ("RUMORLENS_MODELS", "PYTHONPATH"):  # a relative path would not survive the chdir
        if env.get(var):
            env[var] = os.pathsep.join(os.path.abspath(p) for p in env[var].split(os.pathsep) if p)
    done = subprocess.run([sys.executable, "-c", script, str(gone), str(tmp_path), str(tmp_path / "r.json")],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == ("rumorlens: error: the current folder no longer exists: change to another "
                                   "folder and run again")


def test_report_is_byte_identical_with_one_or_two_jobs(corpus_dir, tmp_path, monkeypatch):
    out = {}
    for jobs in ("1", "2"):
        # each run cold, with its own cache: nothing computed by one run is reused by the other
        monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / f"cache-{jobs}"))
        report, html = tmp_path / f"report-{jobs}.json", tmp_path / f"report-{jobs}.html"
        res = CliRunner().invoke(main, ["--quiet", "align", str(corpus_dir), "-o", str(report), "--html", str(html),
                                        "--jobs", jobs])
        assert res.exit_code == 0, res.output
        out[jobs] = (report.read_bytes(), html.read_bytes())
    assert b'"summary"' in out["1"][0] and b'"evidence"' in out["1"][0]
    assert out["1"] == out["2"]


def test_largest_first_orders_by_cost_and_restores_the_order_of_results():
    from rumorlens.runner import largest_first

    items = ["bb", "a", "dddd", "cc", "eee"]
    ordered, restore = largest_first(items, len)
    assert ordered == ["dddd", "eee", "bb", "cc", "a"]  # ties ("bb", "cc") keep their order
    assert restore([s.upper() for s in ordered]) == [s.upper() for s in items]
    assert largest_first([], len)[0] == [] and largest_first([], len)[1]([]) == []


def test_the_pool_starts_the_costliest_items_first():
    from rumorlens.runner import largest_first

    items = list(range(40))
    ordered, restore = largest_first(items, lambda i: (i * 7) % 40)
    with PoolRunner(2) as runner:
        assert restore(runner.map(abs, ordered, stage="test")) == items
    assert ordered[0] == 17 and ordered[-1] == 0  # cost 39 first, cost 0 last


def _sigint_disposition(_: int) -> bool:
    import signal

    # ignored, and not left blocked (a blocked signal would stay pending)
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN and signal.SIGINT not in signal.pthread_sigmask(
        signal.SIG_BLOCK, [])


def _sleep(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def test_workers_leave_ctrl_c_to_the_parent():
    with make_runner("local", jobs=2) as runner:
        assert runner.map(_sigint_disposition, [0, 1, 2, 3], stage="test") == [True] * 4


def test_workers_started_from_another_thread_leave_ctrl_c_to_the_parent_too():
    # mentions and claims start the pool from a thread (pipeline._alongside)
    import threading

    out = []
    with make_runner("local", jobs=2) as runner:
        thread = threading.Thread(target=lambda: out.append(runner.map(_sigint_disposition, [0, 1, 2, 3],
                                                                       stage="test")))
        thread.start()
        thread.join(120)
    assert out == [[True] * 4]


@pytest.fixture
def python_sigint():
    """Ctrl-C raises KeyboardInterrupt in this process for the test, even
    when pytest was started with SIGINT ignored (a shell's background job
    ignores it: a CI run started so failed these tests, session 54)."""
    import signal

    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, old)


@pytest.mark.usefixtures("python_sigint")
def test_a_ctrl_c_while_the_workers_start_is_not_lost():
    import signal

    from rumorlens.runner import sigint_deferred

    with pytest.raises(KeyboardInterrupt):
        with sigint_deferred():
            os.kill(os.getpid(), signal.SIGINT)  # sigint_ignored would lose it
            time.sleep(0.2)
        time.sleep(5)  # not reached: the interrupt comes as the block ends, at the latest
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


@pytest.mark.usefixtures("python_sigint")
def test_a_ctrl_c_another_thread_takes_waits_for_the_end_of_the_block():
    """Python runs the handler in the main thread whichever thread the
    system gave the signal to: the main thread's mask alone let the
    interrupt come inside the block, half-way through a worker's start-up
    data (its 'EOFError: Ran out of input', break test, session 51)."""
    import signal
    import threading

    from rumorlens.runner import sigint_deferred

    go = threading.Event()
    other = threading.Thread(target=lambda: (go.wait(10), signal.pthread_kill(threading.get_ident(), signal.SIGINT)))
    other.start()  # before the block: its own mask lets SIGINT in
    finished = []
    with pytest.raises(KeyboardInterrupt):
        with sigint_deferred():
            go.set()
            other.join(10)
            time.sleep(0.2)
            finished.append(True)
    assert finished


def test_abort_ends_the_workers_and_a_map_waiting_in_another_thread():
    import threading

    import psutil

    before = {c.pid for c in psutil.Process().children()}  # other tests' pools may still be alive
    runner = make_runner("local", jobs=2)
    assert runner.map(abs, [-1, -2], stage="test") == [1, 2]  # the pool is up
    workers = [c for c in psutil.Process().children()
               if c.pid not in before and "spawn_main" in " ".join(c.cmdline())]
    assert workers  # (the resource tracker, another child, stays)
    failed: list = []

    def wait_for_sleepers():
        try:
            runner.map(_sleep, [600.0] * 4, stage="test")
        except RuntimeError as exc:
            failed.append(exc)

    thread = threading.Thread(target=wait_for_sleepers)
    thread.start()
    runner.abort()
    thread.join(60)  # without abort the sleepers would hold it ten minutes
    assert not thread.is_alive() and len(failed) == 1
    assert not _still_running(workers, timeout=60)
    with pytest.raises(RuntimeError, match="stopped"):
        runner.map(abs, [1, 2], stage="test")


def test_a_runner_scope_aborts_on_an_error_and_closes_otherwise():
    from rumorlens.runner import scope

    class Probe:
        jobs = 2

        def __init__(self):
            self.calls = []

        def abort(self):
            self.calls.append("abort")

        def close(self):
            self.calls.append("close")

    ok, bad = Probe(), Probe()
    with scope(ok):
        pass
    with pytest.raises(KeyboardInterrupt):
        with scope(bad):
            raise KeyboardInterrupt
    assert ok.calls == ["close"] and bad.calls == ["abort"]


def test_work_alongside_is_stopped_when_the_block_raises():
    import threading

    from rumorlens import pipeline

    released = threading.Event()

    class Probe:
        jobs = 2

        def abort(self):
            released.set()  # a real runner makes the thread's map raise

        def close(self):
            pass

    def work():
        assert released.wait(60)
        return "done"

    with pytest.raises(KeyboardInterrupt):
        with pipeline._alongside(Probe(), work):
            raise KeyboardInterrupt
    assert released.is_set()


def _stop_signals_default():
    """preexec_fn: the stop signals at their defaults in the child.  Run
    under nohup (SIGHUP ignored, which a child inherits and rumorlens keeps,
    test_nohup_s_ignored_hangup_is_kept), a test of what SIGHUP does would
    measure nohup instead."""
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def _run_with_two_workers(corpus_dir, tmp_path, report):
    """``rumorlens align`` with two workers, in a session of its own, once
    both workers run: (the process, its psutil handle, its children)."""
    import subprocess
    import sys
    import time

    import psutil

    env = dict(os.environ, RUMORLENS_CACHE=str(tmp_path / "cache"))
    run = subprocess.Popen([sys.executable, "-m", "rumorlens", "align", str(corpus_dir), "-o", str(report),
                            "--jobs", "2", "--no-cache"], stderr=subprocess.PIPE, text=True, env=env,
                           start_new_session=True, preexec_fn=_stop_signals_default)
    parent = psutil.Process(run.pid)
    for _ in range(600):  # until both workers run
        if len([c for c in parent.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]) >= 2:
            break
        time.sleep(0.1)
    return run, parent, parent.children(recursive=True)


def test_ctrl_c_stops_a_run_with_workers_at_once(corpus_dir, tmp_path):
    import signal

    import psutil

    report = tmp_path / "report.json"
    run, _, children = _run_with_two_workers(corpus_dir, tmp_path, report)
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err and "Error" not in err
    assert not report.exists()
    _, alive = psutil.wait_procs(children, timeout=60)
    assert not alive


def test_sigterm_to_the_main_process_alone_stops_its_workers_too(corpus_dir, tmp_path):
    """A job scheduler or ``timeout`` signals the main process alone: it
    died and its orphaned workers waited for work for good, holding the
    output pipe (``communicate`` never returned)."""
    import signal

    import psutil

    report = tmp_path / "report.json"
    run, _, children = _run_with_two_workers(corpus_dir, tmp_path, report)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 128 + signal.SIGTERM, err
    assert "rumorlens: terminated (SIGTERM)" in err and "Traceback" not in err
    assert not report.exists()
    _, alive = psutil.wait_procs(children, timeout=60)
    assert not alive


def test_a_hangup_to_the_whole_group_is_said_without_tracebacks(corpus_dir, tmp_path):
    """A closed terminal sends SIGHUP to every process of its group: it
    killed multiprocessing's resource tracker, and the one the pool's
    clean-up started anew printed a KeyError traceback per semaphore
    (a fresh user's break test, session 50)."""
    import signal

    import psutil

    report = tmp_path / "report.json"
    run, _, children = _run_with_two_workers(corpus_dir, tmp_path, report)
    os.killpg(run.pid, signal.SIGHUP)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 128 + signal.SIGHUP, err
    assert "rumorlens: terminated (SIGHUP)" in err and "Traceback" not in err and "KeyError" not in err
    assert not report.exists()
    _, alive = psutil.wait_procs(children, timeout=60)
    assert not alive


def test_workers_end_when_their_parent_is_killed(corpus_dir, tmp_path):
    """SIGKILL cannot be handled: the workers see their parent gone
    (runner._end_with_parent) and end."""
    import signal

    import psutil

    run, _, children = _run_with_two_workers(corpus_dir, tmp_path, tmp_path / "report.json")
    workers = [c for c in children if "spawn_main" in " ".join(c.cmdline())]
    assert len(workers) >= 2
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=120)  # returns once no process holds the pipe
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive


@pytest.mark.parametrize("signame, code, line", [("SIGINT", 130, "rumorlens: interrupted"),
                                                  ("SIGTERM", 143, "rumorlens: terminated (SIGTERM)"),
                                                  ("SIGHUP", 129, "rumorlens: terminated (SIGHUP)")])
def test_a_stop_while_the_command_imports_is_said_in_one_line(signame, code, line):
    """Ctrl-C gave an import traceback and SIGTERM ended the process
    without a word (break tests, sessions 49 and 50)."""
    import signal
    import subprocess
    import sys

    program = ("import os, signal, time\n"
               "from rumorlens.cli import stopping\n"
               "stopping.quiet_import_interrupt()\n"
               f"os.kill(os.getpid(), signal.{signame})\n"
               "time.sleep(30)\n")
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                         preexec_fn=_stop_signals_default)
    assert run.returncode == code, run.stderr
    assert run.stderr.strip() == line


def _python(program: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                          preexec_fn=_stop_signals_default)


def test_a_second_sigterm_while_the_first_unwinds_changes_nothing():
    """A scheduler that repeats SIGTERM raised again inside the clean-up
    the first one started (a fresh user's break test, session 50)."""
    run = _python("import os, signal\n"
                  "from rumorlens.cli import stopping\n"
                  "from rumorlens.errors import Terminated\n"
                  "stopping.stop_on_terminate()\n"
                  "try:\n"
                  "    os.kill(os.getpid(), signal.SIGTERM)\n"
                  "except Terminated:\n"
                  "    os.kill(os.getpid(), signal.SIGTERM)\n"
                  "    os.kill(os.getpid(), signal.SIGHUP)\n"
                  "print('unwound')\n")
    assert run.returncode == 0 and run.stdout == "unwound\n", run.stderr


@pytest.mark.parametrize("when", ["call_on_close", "atexit"])
def test_a_sigterm_after_the_command_returned_is_said_or_ends_the_process(when):
    """In the last milliseconds (click closing its context, Python's exit)
    SIGTERM became click's 'Aborted', exit 1, or 'Exception ignored ...
    Terminated', exit 0 (break test, session 50).  While click closes the
    context the stop is said as anywhere else; once the command has
    returned, the signal ends the process as it does any program."""
    import signal

    hook = {"call_on_close": "click.get_current_context().find_root().call_on_close(stop)",
            "atexit": "atexit.register(stop)"}[when]
    run = _python("import atexit, os, signal, time, click\n"
                  "from rumorlens.cli import main\n"
                  "def stop():\n"
                  "    os.kill(os.getpid(), signal.SIGTERM)\n"
                  "    time.sleep(0.5)\n"
                  "@main.command('nap')\n"
                  "def nap():\n"
                  f"    {hook}\n"
                  "main(['nap'], prog_name='rumorlens')\n")
    if when == "atexit":
        assert run.returncode == -signal.SIGTERM and run.stderr == "", run.stderr
    else:
        assert run.returncode == 143, run.stderr
        assert run.stderr.strip() == "rumorlens: terminated (SIGTERM)"


@pytest.mark.parametrize("first, second, code, line", [
    ("SIGINT", "SIGINT", 130, "rumorlens: interrupted"),
    ("SIGINT", "SIGTERM", 130, "rumorlens: interrupted"),
    ("SIGTERM", "SIGTERM", 143, "rumorlens: terminated (SIGTERM)"),
])
def test_a_second_stop_during_the_exit_changes_nothing(first, second, code, line):
    """Ctrl-C twice printed 'Exception ignored in atexit callback ...
    KeyboardInterrupt', and a second SIGTERM killed the process after its
    stop line (break test, session 51): the exit code of the first stands."""
    run = _python("import atexit, os, signal, time\n"
                  "from rumorlens.cli import main\n"
                  "def again():\n"
                  f"    os.kill(os.getpid(), signal.{second})\n"
                  "    time.sleep(0.5)\n"
                  "@main.command('nap')\n"
                  "def nap():\n"
                  "    atexit.register(again)\n"
                  f"    os.kill(os.getpid(), signal.{first})\n"
                  "    time.sleep(5)\n"
                  "main(['nap'], prog_name='rumorlens')\n")
    assert run.returncode == code, run.stderr
    assert run.stderr.strip() == line


@pytest.mark.parametrize("program", [
    # with two workers the pool takes 0.1-0.2 s to stop after Ctrl-C; a
    # SIGTERM then said 'terminated' instead (7 of 8)
    "from rumorlens.cli import main\n"
    "@main.command('nap')\n"
    "def nap():\n"
    "    try:\n"
    "        os.kill(os.getpid(), signal.SIGINT)\n"
    "        time.sleep(5)\n"
    "    finally:\n"
    "        os.kill(os.getpid(), signal.SIGTERM)  # while the interrupt unwinds\n"
    "        time.sleep(0.3)\n"
    "main(['nap'], prog_name='rumorlens')\n",
    # three Ctrl-C in the first second, while the command imports: the
    # line twice, a traceback and death by the signal (1 of 4)
    "from rumorlens.cli import stopping\n"
    "stopping.quiet_import_interrupt()\n"
    "atexit.register(lambda: (os.kill(os.getpid(), signal.SIGINT), time.sleep(0.3)))\n"
    "try:\n"
    "    os.kill(os.getpid(), signal.SIGINT)\n"
    "    time.sleep(5)\n"
    "finally:\n"
    "    os.kill(os.getpid(), signal.SIGINT)\n"
    "    time.sleep(0.3)\n",
], ids=["sigterm-while-ctrl-c-unwinds", "more-ctrl-c-while-importing"])
def test_signals_after_a_ctrl_c_leave_it_interrupted(program):
    """Break test, session 51: after Ctrl-C, later signals change neither
    the line nor the exit code."""
    run = _python("import atexit, os, signal, time\n" + program)
    assert run.returncode == 130, run.stderr
    assert run.stderr.strip() == "rumorlens: interrupted"


def test_a_command_run_in_process_gives_the_handlers_back():
    """CliRunner (tests, a notebook) calls the command in its own process:
    it must get Python's SIGTERM handling back afterwards."""
    import signal

    from click.testing import CliRunner

    from rumorlens.cli import main

    before = signal.getsignal(signal.SIGTERM)
    assert before is signal.SIG_DFL
    assert CliRunner().invoke(main, ["--version"]).exit_code == 0
    assert signal.getsignal(signal.SIGTERM) is before


def test_importing_the_command_leaves_python_s_ctrl_c_handler_in_place():
    import subprocess
    import sys

    code = ("import signal, rumorlens.cli\n"
            "assert signal.getsignal(signal.SIGINT) is signal.default_int_handler\n"
            "assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL\n"
            "assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         preexec_fn=_stop_signals_default)
    assert run.returncode == 0, run.stderr


def test_nohup_s_ignored_hangup_is_kept():
    """``nohup rumorlens align ...`` asks for a run that outlives its
    terminal: SIGHUP ignored on start stays ignored through the import and
    the run's own stop handling, and a hangup changes nothing."""
    import signal
    import subprocess
    import sys

    code = ("import os, signal\n"
            "from rumorlens.cli import stopping\n"
            "stopping.quiet_import_interrupt()\n"
            "import rumorlens.cli\n"
            "stopping.release_import_interrupt()\n"
            "stopping.stop_on_terminate()\n"
            "assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN\n"
            "os.kill(os.getpid(), signal.SIGHUP)\n"
            "print('still here')\n")

    def nohup():
        _stop_signals_default()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         preexec_fn=nohup)
    assert run.returncode == 0 and run.stdout == "still here\n", run.stderr


def test_a_map_whose_items_abort_cancelled_says_the_run_was_stopped():
    # abort() cancels the items no worker has taken yet: the waiting map
    # raises the same RuntimeError as for items the ended workers held
    from concurrent.futures import Future

    runner = PoolRunner(2)
    cancelled = Future()
    cancelled.cancel()
    with pytest.raises(RuntimeError, match="stopped"):
        runner._result(cancelled)


def test_a_cache_folder_that_is_a_file_is_said_once_whatever_the_workers(corpus_dir, tmp_path):
    """Each worker found it on its own and said it again, once per cache:
    five lines with --jobs 2 (a fresh user's break test, session 49)."""
    import subprocess
    import sys

    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file", encoding="utf-8")
    env = dict(os.environ, RUMORLENS_CACHE=str(not_a_folder))
    done = subprocess.run([sys.executable, "-m", "rumorlens", "align", str(corpus_dir), "-o", str(tmp_path / "r.json"),
                           "--jobs", "2"], capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("is not a folder") == 1, done.stderr
    assert (tmp_path / "r.json").exists() and not_a_folder.read_text(encoding="utf-8") == "a file"
