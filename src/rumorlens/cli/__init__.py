"""The ``rumorlens`` command.  It only wires stages together: each command
reads its inputs, calls stage functions and writes their records.

Exit codes: 0 ok; 1 nothing usable or bad arguments; 2 internal error
(run again with --debug for the traceback) or the worker processes
stopped; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM), 129 (SIGHUP).
"""
from __future__ import annotations

from . import stopping

stopping.quiet_import_interrupt()  # before click and the stages' libraries are imported

import logging  # the imports after the interrupt guard, on purpose
import os
import sys
from pathlib import Path
from typing import Optional

import click

from .. import __version__
from ..errors import Terminated, UserError, WorkersStopped

log = logging.getLogger("rumorlens")


def _escape_unencodable_output() -> None:
    """On a terminal or pipe that is not UTF-8 (a Windows console in cp1252,
    PYTHONIOENCODING=latin-1), characters it cannot show are written as
    escapes (\\u4e0a) instead of stopping the command: ``mentions`` and
    ``align-pair`` printed Chinese and failed with an internal error (a
    fresh user's break test, session 48)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to print on anyway
                pass


class _AdviceStream:
    """Standard error whose failures cost nothing: what rumorlens writes
    there is advice (progress, warnings, a skipped row), so a full disk or a
    closed pipe (``2>/dev/full``, ``2>&1 | true``) must not stop the command
    before it writes its results, nor change its exit code (check-pairs
    lost its output file: a fresh user's break test, session 48).  After a
    failure the descriptor is pointed at the null device, so that what is
    still buffered flushes quietly at exit."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            n = self._stream.write(text)
            self._stream.flush()
            return n
        except (OSError, ValueError):
            self._silence()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            self._silence()

    def _silence(self) -> None:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass

    def __getattr__(self, name):
        return getattr(self._stream, name)


class RumorlensGroup(click.Group):
    """Turns exceptions into one-line messages and documented exit codes."""

    def main(self, *args, **kwargs):
        # click exits with 2 on bad usage; rumorlens keeps 2 for internal
        # errors and answers bad arguments with 1, as documented.
        kwargs["standalone_mode"] = False
        _escape_unencodable_output()
        if sys.stderr is None:  # started with its stderr closed (2>&-): nowhere to say anything
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process
        if not isinstance(sys.stderr, _AdviceStream):
            sys.stderr = _AdviceStream(sys.stderr)
        stopping.stop_on_terminate()
        try:
            os.getcwd()
        except FileNotFoundError:  # spaCy's dependencies read it as they are imported
            click.echo("rumorlens: error: the current folder no longer exists: change to another folder "
                       "and run again", err=True)
            sys.exit(1)
        try:
            rv = self._main_answering_stops(*args, **kwargs)
        except click.UsageError as exc:  # one line, like every other error
            where = exc.ctx.command_path if exc.ctx is not None else "rumorlens"
            click.echo(f"rumorlens: error: {exc.format_message()} (see '{where} --help')", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(1)
        except click.exceptions.Abort:
            click.echo("rumorlens: aborted", err=True)
            sys.exit(1)
        stopping.process_ending()
        sys.exit(rv if isinstance(rv, int) else 0)

    def _main_answering_stops(self, *args, **kwargs):
        # a stop that comes after the command's own handler (invoke) let
        # go, while click closes its context, is answered the same way;
        # once the command has returned, Python's handling is back
        # (stopping.command_over)
        try:
            return super().main(*args, **kwargs)
        except (KeyboardInterrupt, click.exceptions.Abort) as exc:
            # click itself turns an interrupt outside invoke into Abort
            stop = exc.__cause__ if isinstance(exc, click.exceptions.Abort) else exc
            if not isinstance(stop, KeyboardInterrupt):
                raise
            return _said_stop(stop)
        finally:
            stopping.command_over()

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except (UserError, WorkersStopped) as exc:  # workers killed from outside or out of memory: said, not traced
            if settings().get("debug"):
                raise
            click.echo(f"rumorlens: error: {exc}", err=True)
            ctx.exit(1 if isinstance(exc, UserError) else 2)
        except KeyboardInterrupt as exc:  # Ctrl-C, and SIGTERM or SIGHUP (Terminated)
            ctx.exit(_said_stop(exc))
        except BrokenPipeError:
            raise  # standard output's reader stopped (| head): click ends the run quietly, exit 1
        except Exception as exc:  # internal error: no traceback unless --debug
            if settings().get("debug"):
                raise
            click.echo(
                f"rumorlens: internal error: {type(exc).__name__}: {exc} "
                "(run again with --debug for the traceback)",
                err=True,
            )
            ctx.exit(2)


def _said_stop(stop: KeyboardInterrupt) -> int:
    """The stop's line ('rumorlens: interrupted', 'rumorlens: terminated
    (SIGTERM)') and exit code (130; 128 + the signal's number), the next
    signals changing nothing from here (stopping.stop_answered)."""
    import signal

    stopping.stop_answered()
    if isinstance(stop, Terminated):
        click.echo(f"rumorlens: terminated ({signal.Signals(stop.signum).name})", err=True)
        return 128 + stop.signum
    click.echo("rumorlens: interrupted", err=True)
    return 130


def version_line() -> str:
    """``rumorlens VERSION (default encoder NAME; data: PATH)``: PATH is the
    ``models/`` folder this run reads, so a user sees whether it is the
    packaged copy, a checkout or their ``RUMORLENS_MODELS``."""
    from ..embed import DEFAULT_ENCODER
    from ..paths import models_dir

    data = models_dir()
    where = str(data) if data.is_dir() else f"{data}, missing"
    if os.environ.get("RUMORLENS_MODELS"):
        where += ", from RUMORLENS_MODELS"
    return f"rumorlens {__version__} (default encoder {DEFAULT_ENCODER}; data: {where})"


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_line())
        ctx.exit()


# Options that every command accepts, before or after the command's name
# (`rumorlens --quiet align X` and `rumorlens align X --quiet` are the same).
def _global_options() -> list[click.Option]:
    return [
        click.Option(["--quiet", "-q"], is_flag=True, default=None, expose_value=False, callback=_set_flag,
                     help="No progress lines, bars or notes on stderr (warnings and errors still show)."),
        click.Option(["--verbose", "-v"], is_flag=True, default=None, expose_value=False, callback=_set_flag,
                     help="Log what each stage does (other libraries' messages only with --debug)."),
        click.Option(["--debug"], is_flag=True, default=None, expose_value=False, callback=_set_flag,
                     help="Debug logs of every library, and tracebacks on errors."),
        click.Option(["--max-mb"], type=_MiB(), default=None, expose_value=False,
                     callback=_set_flag, metavar="MIB",
                     help=f"Refuse files larger than this many MiB before reading them "
                          f"(default {DEFAULT_MAX_MB:g}; check-pairs reads a file of any size "
                          f"unless given)."),
    ]


DEFAULT_MAX_MB = 20.0  # rumorlens.ingest.DEFAULT_MAX_BYTES in MiB (not imported: ingest is slow to import)


_MAX_MIB = 2.0**40  # a tebibyte of tebibytes: past any file, and still exact in bytes


class _MiB(click.types.FloatParamType):
    """A size in MiB: a finite number of at least one byte ('nan' and 'inf'
    stopped a run with an internal error, and 1e-9, under a byte, turned
    the limit off: a fresh user's break test, session 48)."""

    name = "number"

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(f"{value!r} is not a finite number of MiB", param, ctx)
        if number * 2**20 < 1:
            self.fail(f"{value!r} is less than one byte (the smallest limit is 0.000001 MiB)", param, ctx)
        if number > _MAX_MIB:  # 1e308 MiB overflowed when made bytes
            self.fail(f"{value!r} is more than any file ({_MAX_MIB:g} MiB at most)", param, ctx)
        return number


def _set_flag(ctx: click.Context, param: click.Parameter, value) -> None:
    if value is None:
        return
    obj = ctx.find_root().ensure_object(dict)
    obj[param.name] = value
    _apply(obj)


def _apply(obj: dict) -> None:
    """Progress and logging as the options seen so far ask."""
    from .. import progress

    progress.configure(quiet=bool(obj.get("quiet")))
    configure_logging(verbose=bool(obj.get("verbose")), debug=bool(obj.get("debug")))


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a message comes (tests and
    embedding programs swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass

    def emit(self, record: logging.LogRecord) -> None:
        # through progress's lock: a warning from one stage's thread did not
        # run into another stage's progress line or land on a bar
        from .. import progress

        try:
            progress.write_line(self.format(record))
        except Exception:  # noqa: BLE001 (logging's own rule: a failed record never stops the run)
            self.handleError(record)


_HANDLER: logging.Handler | None = None


def configure_logging(*, verbose: bool = False, debug: bool = False) -> None:
    """rumorlens's own messages at WARNING (INFO with -v, DEBUG with --debug);
    every other library's only with --debug, where they are noise to a user
    (faiss's "Could not load library", trafilatura's "discarding data")."""
    global _HANDLER
    root = logging.getLogger()
    if _HANDLER is None:
        _HANDLER = _StderrHandler()
        from .. import progress

        _HANDLER.setFormatter(logging.Formatter(progress.LOG_FORMAT))
        root.addHandler(_HANDLER)
        logging.captureWarnings(True)  # warnings.warn from libraries go through logging too
    root.setLevel(logging.DEBUG if debug else logging.CRITICAL)
    log.setLevel(logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING)


def settings() -> dict:
    """The global options of this invocation (quiet, verbose, debug, max_mb)."""
    ctx = click.get_current_context(silent=True)
    return (ctx.find_root().obj or {}) if ctx is not None else {}


def max_bytes() -> int:
    """--max-mb in bytes."""
    return int((settings().get("max_mb") or DEFAULT_MAX_MB) * 2**20)


def jobs_option(fn):
    """``--jobs N``: worker processes for the per-document and per-pair
    stages (default: all cores; 1 runs everything in this process).  The
    output is the same, byte for byte, whatever N is."""
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                        help="Worker processes for per-document and per-pair work (default: $RUMORLENS_JOBS, "
                             "else all cores; 1: none; with --engine dask: the local cluster's workers). "
                             "The output is the same whatever N is.")(fn)


def engine_options(fn):
    """``--engine local|dask`` and ``--scheduler ADDRESS``: where the
    per-document and per-pair stages run (with ``--jobs``: how many workers
    a local pool or local Dask cluster has)."""
    fn = click.option("--scheduler", metavar="ADDRESS", default=None,
                      help="With --engine dask: the address of a running Dask scheduler (HOST:8786). "
                           "Without it, a local cluster of --jobs workers is started on this machine.")(fn)
    return click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                        help="Where the per-document and per-pair stages run: local (this machine, no extra) or "
                             "dask (a Dask cluster; pip install 'rumorlens[dask]'). Same report either way.")(fn)


def echo_skipped(skipped: list[tuple[str, str]], limit: Optional[int] = None) -> None:
    """One stderr line per file left out, ``(path, reason)``; past ``limit``
    lines, one line saying how many more the report lists."""
    shown = skipped if limit is None else skipped[:limit]
    for path, reason in shown:
        click.echo(f"rumorlens: skipped {path}: {reason}", err=True)
    if len(skipped) > len(shown):
        from ..names import plural

        click.echo(f"rumorlens: ... and {plural(len(skipped) - len(shown), 'more skipped file')} "
                   "(see the report's skipped)", err=True)


class OutputPath(click.Path):
    """A file to write (``-o``, ``--html``...): a :class:`pathlib.Path`; a
    value that ends with a path separator names a folder and is refused
    (``Path("out/")`` would drop the separator and write a FILE named out)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.endswith(("/", os.sep)):
            self.fail(f"{value!r} names a folder; give a file name (e.g. {value}report.json)", param, ctx)
        if value == "-":  # a user means standard output; a file named '-' appeared instead (session 48)
            self.fail("'-' is no file name: rumorlens writes its results to a file; give one (e.g. out.jsonl)",
                      param, ctx)
        if isinstance(value, str) and value.startswith("-") and value != "-":
            # `--html -q`: the option took the next option as its file (a fresh user's trial, session 64);
            # a file whose name starts with '-' can still be given as ./-name
            self.fail(f"{value!r} looks like an option, not a file name; give a file (a file named so: ./{value})",
                      param, ctx)
        return super().convert(value, param, ctx)


def check_output(path: Path, what: str, inputs: tuple = ()) -> None:
    """Raise UserError unless ``what`` ("the report", ...) can be written at
    ``path``: not one of the command's ``inputs`` (it would be replaced
    before, or while, it is read), and writable (rumorlens.records.check_writable:
    not a folder, no file where a folder is needed, folder writable)."""
    from ..records import check_writable, output_problem

    if output_problem(path) is None:  # else check_writable says what is wrong with the path itself
        for source in filter(None, inputs):
            try:
                same = Path(path).exists() and Path(source).exists() and os.path.samefile(path, source)
            except OSError:
                same = False
            if same:
                raise UserError(f"cannot write {what} to {path}: it is the input file {source} of this command; "
                                "give another file name")
    check_writable(path, what)


def check_page_or_report(path: Path, option: str, holds: str) -> None:
    """Raise UserError when ``option``'s file name says the other format:
    the JSON report (``holds="json"``) under an .html/.htm name, or the
    HTML view (``holds="html"``) under a .json name; a browser would show
    the report as raw text, a JSON reader would choke on the page (a
    trial's swapped ``-o report.html --html report.json``)."""
    suffix = Path(path).suffix.lower()
    if holds == "json" and suffix in (".html", ".htm"):
        raise UserError(f"{option} {path} is where the JSON report goes, but the name says HTML: give the "
                        f"report a .json name (--html writes the HTML view)")
    if holds == "html" and suffix == ".json":
        raise UserError(f"{option} {path} is where the HTML view goes, but the name says JSON: give the "
                        f"view an .html name (-o writes the JSON report)")


def nothing_to_compare(n_docs: int, n_groups: int) -> Optional[str]:
    """The line that says why a run found no versions to compare, or None:
    one document (two at least are needed), or documents of which no two
    are versions of one article."""
    if n_docs == 1:
        return ("only one document: at least two documents are needed to compare versions "
                "(the report lists it, with no findings between versions)")
    if n_docs > 1 and n_groups == 0:
        return (f"no two of the {n_docs} documents are versions of one article: nothing was compared "
                "sentence by sentence (facts that conflict between articles are still reported)")
    return None


def left_alone(report: dict, most: int = 4) -> Optional[str]:
    """The line naming the documents of a report that are in no group (no
    other version of theirs was found, so they were not compared sentence
    by sentence), or None when every document has a version, or none does
    (:func:`nothing_to_compare` says that).  At most ``most`` paths."""
    grouped = {d for g in report["groups"] for d in g["docs"]} | \
        {c for g in report["groups"] for c in (g.get("copies") or {})}
    if not grouped:
        return None
    alone = [d.get("path") or d["id"] for d in report["documents"] if d["id"] not in grouped]
    if not alone:
        return None
    from ..names import plural

    shown = ", ".join(alone[:most]) + (f" and {len(alone) - most} more" if len(alone) > most else "")
    return (f"{plural(len(alone), 'document')} with no other version found: not compared sentence by sentence "
            f"({shown}; facts that conflict between articles are still reported)")


def open_runner(jobs, engine: str = "local", scheduler=None):
    """The runner for ``--jobs`` (and ``--engine``/``--scheduler``:
    rumorlens.runner.make_runner); use it in a ``with`` block so the worker
    processes (or the connection to a cluster) end with the command, at
    once on Ctrl-C or an error (rumorlens.runner.scope).
    Raises UserError for ``scheduler`` without the dask engine."""
    from ..runner import make_runner, scope

    if scheduler and engine != "dask":
        raise UserError("--scheduler needs --engine dask")
    try:
        runner = make_runner(engine, jobs, scheduler)
    except ValueError as exc:  # a bad RUMORLENS_JOBS: said like a bad --jobs
        raise UserError(str(exc)) from None
    return scope(runner)


@click.group(cls=RumorlensGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print the version, the default encoder and where the data is read from.")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Trace how a story changes across Chinese, French and English versions.

    \b
    Example:
      rumorlens align corpus/ -o build/report.json

    Options --quiet, --verbose, --debug and --max-mb go before or after the
    command's name.

    Exit codes: 0 ok, 1 nothing usable or bad arguments,
    2 internal error (run again with --debug) or the workers stopped,
    130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 (SIGHUP).
    """
    _apply(ctx.ensure_object(dict))


main.params.extend(_global_options())


def _register() -> None:
    # Each stage's commands live in their own module of this package.
    from . import ingest_cmd  # noqa: F401

    for name in ("align_cmd", "mentions_cmd", "compare_cmd", "report_cmd", "pipeline_cmd", "review_cmd"):
        try:
            __import__(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    for command in main.commands.values():
        command.params.extend(_global_options())


_register()
stopping.release_import_interrupt()
