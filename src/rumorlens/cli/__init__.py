"""The ``rumorlens`` command.  It only wires stages together: each command
reads its inputs, calls stage functions and writes their records.

Exit codes: 0 ok; 1 nothing usable or bad arguments; 2 internal error
(run again with --debug for the traceback).
"""
from __future__ import annotations

import logging
import os
import sys

import click

from .. import __version__
from ..errors import UserError

log = logging.getLogger("rumorlens")


class RumorlensGroup(click.Group):
    """Turns exceptions into one-line messages and documented exit codes."""

    def main(self, *args, **kwargs):
        # click exits with 2 on bad usage; rumorlens keeps 2 for internal
        # errors and answers bad arguments with 1, as documented.
        kwargs["standalone_mode"] = False
        try:
            rv = super().main(*args, **kwargs)
        except click.ClickException as exc:  # includes UsageError
            exc.show()
            sys.exit(1)
        except click.exceptions.Abort:
            click.echo("rumorlens: aborted", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except UserError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"rumorlens: error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("rumorlens: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # internal error: no traceback unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"rumorlens: internal error: {type(exc).__name__}: {exc} "
                "(run again with --debug for the traceback)",
                err=True,
            )
            ctx.exit(2)


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


@click.group(cls=RumorlensGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print the version, the default encoder and where the data is read from.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars or notes on stderr.")
@click.option("--verbose", "-v", is_flag=True, help="Log what each stage does.")
@click.option("--debug", is_flag=True, help="Debug logs, and tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool, debug: bool) -> None:
    """Trace how a story changes across Chinese, French and English versions.

    \b
    Example:
      rumorlens align corpus/ -o build/report.json

    Exit codes: 0 ok, 1 nothing usable or bad arguments,
    2 internal error (run again with --debug).
    """
    ctx.ensure_object(dict)
    ctx.obj.update(quiet=quiet, verbose=verbose, debug=debug)
    from .. import progress

    progress.configure(quiet=quiet)
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="rumorlens: %(levelname)s: %(message)s", stream=sys.stderr)


def _register() -> None:
    # Each stage's commands live in their own module of this package.
    from . import ingest_cmd  # noqa: F401

    for name in ("align_cmd", "mentions_cmd", "compare_cmd", "report_cmd", "pipeline_cmd"):
        try:
            __import__(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


_register()
