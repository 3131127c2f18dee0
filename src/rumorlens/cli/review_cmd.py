"""``rumorlens export`` (findings as CSV, XLSX or JSON Lines) and
``rumorlens serve`` (the HTML view on 127.0.0.1, where a reviewer marks
findings as confirmed or false alarms)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..errors import Terminated, UserError
from . import OutputPath, check_output, main, stopping
from .report_cmd import load_report


@main.command("export")
@click.argument("report_json", metavar="REPORT.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "jsonl"]), required=True,
              help="csv (UTF-8 with a byte-order mark, for Excel), xlsx, or jsonl (one JSON object per row).")
@click.option("-o", "--output", type=OutputPath(), default=None,
              help="Where to write. Default: REPORT.csv / .xlsx / .findings.jsonl beside REPORT.json.")
@click.option("--min-severity", type=click.Choice(["high", "medium", "low"]), default=None,
              help="Only findings of this severity or above.")
@click.option("--category", "categories", multiple=True,
              help="Only findings of this category (number, entity, date, ...); repeatable.")
@click.option("--pair", "pairs", nargs=2, multiple=True, metavar="DOC DOC",
              help="Only findings comparing these two documents (an id, a path, or part of a path); repeatable.")
@click.option("--include-suppressed", is_flag=True,
              help="Also export the findings marked as false alarms (status false_alarm).")
@click.pass_context
def export_cmd(ctx, report_json: Path, fmt: str, output: Optional[Path], min_severity: Optional[str],
               categories: tuple, pairs: tuple, include_suppressed: bool) -> None:
    """Export the findings of a report for translation review: one row per
    finding with article, pair, category, type, severity, confidence,
    source text, target text, explanation and status (then note, documents,
    languages, fingerprint and finding id).

    \b
    Example:
      rumorlens export build/report.json --format xlsx
      rumorlens export build/report.json --format csv --min-severity medium --category number
      rumorlens export build/report.json --format jsonl --pair seeds/000 seeds/001 -o review.jsonl
    """
    from .. import export
    from ..records import CATEGORIES

    report = load_report(report_json)
    unknown = sorted(set(categories) - set(CATEGORIES))
    if unknown:
        raise UserError(f"--category: unknown {', '.join(unknown)} (categories: {', '.join(CATEGORIES)})")
    out = output or report_json.with_suffix(".findings.jsonl" if fmt == "jsonl" else "." + fmt)
    if out.resolve() == report_json.resolve():
        raise UserError("the export would overwrite the JSON report; choose another file name with -o")
    check_output(out, "the export")
    findings = export.select(report, min_severity, categories, pairs, include_suppressed)
    export.write(out, fmt, export.rows(report, findings))
    if not (ctx.obj or {}).get("quiet"):
        from ..names import plural

        click.echo(f"rumorlens: {plural(len(findings), 'finding')} -> {out}", err=True)


@main.command("serve")
@click.argument("report_json", metavar="REPORT.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--decisions", type=OutputPath(), default=None,
              help="The decisions file to write. Default: the one the report was made with (the report "
                   "names it; it is looked for beside the report, then in its folder's parent, where "
                   "CORPUS.decisions.jsonl lies for build/report.json).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open/--no-open", "open_browser", default=True, help="Open the page in a web browser.")
@click.pass_context
def serve_cmd(ctx, report_json: Path, decisions: Optional[Path], port: int, open_browser: bool) -> None:
    """Review a report in the browser: the HTML view, served on 127.0.0.1
    only, with buttons to mark each finding as confirmed or a false alarm
    (and a note).  Each decision is written at once to the decisions file,
    which the next `rumorlens align` applies: false alarms move to the
    report's `suppressed` list.  Stop with Ctrl-C.

    \b
    Example:
      rumorlens serve build/report.json
      rumorlens serve build/report.json --decisions corpus.decisions.jsonl --port 8765 --no-open
    """
    from ..serve import decisions_file_of, make_server

    report = load_report(report_json)
    path = decisions or decisions_file_of(report, report_json)
    if path is None:
        raise UserError(f"{report_json}: its decisions file was not found beside it nor in its folder's parent; "
                        "give --decisions FILE")
    check_output(path, "the decisions", (report_json,))
    try:
        server = make_server(report, path, port)
    except OSError as exc:
        raise UserError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror or exc})") from None
    url = server.url
    click.echo(f"rumorlens: reviewing {report_json} at {url} (decisions -> {path}); Ctrl-C to stop", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except Terminated:
        raise  # SIGTERM, SIGHUP: said and exited as in every command (143, 129)
    except KeyboardInterrupt:  # Ctrl-C: the way to stop, as the first line says
        stopping.stop_answered()  # a second one must not break off the last decision's write
    finally:
        server.server_close()
    click.echo("rumorlens: stopped", err=True)
