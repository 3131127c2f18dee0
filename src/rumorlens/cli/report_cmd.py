"""``rumorlens report REPORT.json --html OUT.html``: the readable HTML view of
an existing JSON report (the last stage of the pipeline)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from ..errors import UserError
from . import OutputPath, check_output, check_page_or_report, main


def load_report(path: Path) -> dict:
    """A report read from disk, with a one-line error for what a user can fix."""
    if not path.is_file():
        from ..ingest import missing

        if path.is_dir():
            raise UserError(f"report {path}: it is a folder; give the JSON report")
        raise UserError(missing(path, "report"))
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text; expected a JSON report from 'rumorlens align'") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(report, dict) or not isinstance(report.get("documents"), list) \
            or not isinstance(report.get("discrepancies"), list):
        raise UserError(f"{path} is not a rumorlens report (no 'documents' and 'discrepancies' lists)")
    _check_records(path, report)
    _warn_newer_schema(path, report)
    return report


def _warn_newer_schema(path: Path, report: dict) -> None:
    """A warning when the report says it follows a schema newer than this
    rumorlens writes: it is read as far as it can be, but fields it does not
    know are not shown (a fresh user's break test, session 48: version 99.0
    was read without a word)."""
    import logging

    from ..report import SCHEMA_VERSION

    def parts(version) -> tuple:
        try:
            return tuple(int(x) for x in str(version).split("."))
        except ValueError:
            return ()

    theirs = report.get("schema_version")
    if theirs is not None and (not parts(theirs) or parts(theirs) > parts(SCHEMA_VERSION)):
        logging.getLogger("rumorlens").warning(
            "%s: schema version %r is not one this rumorlens knows (it writes %s): shown as far as it can be read",
            path, theirs, SCHEMA_VERSION)


def _check_records(path: Path, report: dict) -> None:
    """The records the page is built from must be objects, and their lists
    lists of objects (a break test, session 41: a document's ``sentences``
    edited into a string, a ``null`` finding, gave an internal error half-way
    through the page).  Only the shapes the page reads are checked, so a
    report of an earlier schema version or one without its summary still
    renders; schema/report.schema.json is the full description."""
    def bad(where: str, what: str) -> UserError:
        return UserError(f"{path} is not a valid rumorlens report: at {where}: {what}")

    for key, inner in (("documents", "sentences"), ("discrepancies", "evidence"), ("groups", None), ("pairs", "beads"),
                       ("alignment_groups", None)):
        records = report.get(key, [])
        if not isinstance(records, list):
            raise bad(key, "not a list")
        for k, rec in enumerate(records):
            if not isinstance(rec, dict):
                raise bad(f"{key}/{k}", f"{json.dumps(rec)[:40]} is not an object")
            items = rec.get(inner, []) if inner else []
            if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
                raise bad(f"{key}/{k}/{inner}", "not a list of objects")


def flood_options(command):
    """``--min-severity`` and ``--pair``: report fewer findings."""
    command = click.option(
        "--pair", "pairs", nargs=2, multiple=True, metavar="DOC DOC",
        help="Only findings comparing these two documents (an id, a path, or part of a path); "
             "repeat for several pairs.")(command)
    return click.option(
        "--min-severity", type=click.Choice(["high", "medium", "low"]), default=None,
        help="Only findings of this severity or above.")(command)


@main.command("report")
@click.argument("report_json", metavar="REPORT.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--html", "html_out", type=OutputPath(), default=None,
              help="Where to write the HTML page. Default: REPORT.html beside REPORT.json.")
@flood_options
@click.pass_context
def report_cmd(ctx, report_json: Path, html_out: Optional[Path], min_severity: Optional[str],
               pairs: tuple) -> None:
    """Write the readable HTML view of a JSON report: a summary, the versions
    side by side with the evidence highlighted, a sortable findings list and
    the cross-article conflicts.  One self-contained file: it opens from disk
    and needs no network.  The page filters by severity and by pair too.

    \b
    Example:
      rumorlens report build/report.json --html build/report.html
      rumorlens report build/report.json --min-severity medium --pair seeds/000 seeds/001
    """
    from ..html import render_html
    from ..records import atomic_write_text
    from ..report import filter_report

    report = filter_report(load_report(report_json), min_severity, pairs)
    out = html_out or report_json.with_suffix(".html")
    if out.resolve() == report_json.resolve():
        raise UserError("--html would overwrite the JSON report; choose another file name")
    check_page_or_report(out, "--html", "html")
    check_output(out, "the HTML view")
    atomic_write_text(out, render_html(report))
    if not (ctx.obj or {}).get("quiet"):
        from ..names import plural

        click.echo(f"rumorlens: {plural(len(report['documents']), 'document')}, "
                   f"{plural(len(report['discrepancies']), 'finding')} "
                   f"-> {out}", err=True)
