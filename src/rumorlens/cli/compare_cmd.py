"""``rumorlens align CORPUS`` (the main command) and ``rumorlens check-pairs``.

``align`` runs the stages of :mod:`rumorlens.pipeline` in one process; the
Makefile runs the same stages one by one (see cli/pipeline_cmd.py) and gets
the same report, byte for byte."""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Optional

import click

from ..errors import UserError
from ..pipeline import DEFAULT_MODEL
from ..triage import default_decisions_path
from . import (OutputPath, check_output, check_page_or_report, echo_skipped, engine_options, jobs_option, main,
               left_alone, nothing_to_compare, open_runner)
from .report_cmd import flood_options

# check-pairs rows carry no publication date; both sides of a row are anchored
# on the same arbitrary day so that partial dates ("6月20日" / "June 4") still
# compare with each other.  Explanations never show the anchored year.
CHECK_PAIRS_ANCHOR = "2000-12-31"


def default_output(corpus: Path) -> Path:
    return corpus.resolve().parent / "build" / "report.json"


# --------------------------------------------------------------------------
# commands


def _cache_or_none(_ctx, _param, no_cache: bool) -> bool:
    """``--no-cache``, or True after one warning when the cache folder is a
    file: every worker process would otherwise find so on its own and say
    it again, once per cache (5 lines with --jobs 2, a break test of
    session 49)."""
    from ..paths import cache_dir

    folder = cache_dir()
    if not no_cache and folder.exists() and not folder.is_dir():
        logging.getLogger("rumorlens").warning("cache folder %s is not a folder: going on without the caches "
                                               "(set RUMORLENS_CACHE to a folder)", folder)
        return True
    return no_cache


no_cache_option = click.option("--no-cache", is_flag=True, callback=_cache_or_none,
                               help="Do not read or write the embedding and result caches (same results, computed afresh).")
decisions_option = click.option(
    "--decisions", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="A reviewer's decisions (JSON lines, written by `rumorlens serve`): false alarms are moved to the "
         "report's `suppressed` list, confirmed findings carry their status. Default: CORPUS.decisions.jsonl "
         "beside the corpus folder.")


def warn_missing_decisions(decisions: Optional[Path]) -> None:
    """Name a ``--decisions`` file given but absent (a mistyped name would
    otherwise pass unseen: no decision applied, no word said); the run goes
    on without decisions.  The default file beside the corpus may be
    absent: it is not named."""
    if decisions is not None and not decisions.exists():
        logging.getLogger("rumorlens").warning("--decisions %s: no such file; no reviewer's decision applied",
                                               decisions)


@main.command("align")
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=OutputPath(), default=None,
              help="Where to write the JSON report. Default: build/report.json next to the corpus "
                   "folder, i.e. CORPUS/../build/report.json.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Sentence encoder: use-m3, e5-small or st:NAME.")
@click.option("--translate", is_flag=True,
              help="Also compare a machine translation of the source (needs argostranslate and an "
                   "installed language pair).")
@click.option("--html", "html_out", type=OutputPath(), default=None,
              help="Also write the readable HTML view here.")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A glossary (term base) to check translations against, besides the bundled one: CSV or TSV "
                   "with columns zh, fr, en (and <lang>_wrong for known wrong renderings), or TBX. Repeatable.")
@click.option("--follow-links", is_flag=True,
              help="Also read files and folders that symbolic links point to outside CORPUS "
                   "(by default such links are listed as skipped and nothing outside CORPUS is read).")
@click.option("--moves", is_flag=True,
              help="Also report passages that a version moved elsewhere (they are never reported as missing).")
@decisions_option
@no_cache_option
@flood_options
@jobs_option
@engine_options
@click.pass_context
def align_cmd(ctx, corpus: Path, output: Optional[Path], model: str, translate: bool,
              html_out: Optional[Path], glossaries: tuple[Path, ...], follow_links: bool, no_cache: bool,
              moves: bool, decisions: Optional[Path], min_severity: Optional[str], pairs: tuple,
              jobs: Optional[int], engine: str, scheduler: Optional[str]) -> None:
    """Find versions of one article in CORPUS, align them sentence by sentence
    and report where they disagree.

    \b
    Example:
      rumorlens align corpus/                  # writes build/report.json beside corpus/
      rumorlens align corpus/ -o report.json --html report.html
      rumorlens align corpus/ --glossary terms.tsv
      rumorlens align corpus/ --moves          # also report reordered passages
      rumorlens align corpus/ --min-severity medium --pair seeds/000 seeds/001
      rumorlens serve build/report.json        # mark false alarms; the next align remembers them
      rumorlens align corpus/ --jobs 1          # one process (default: all cores)
      rumorlens align corpus/ --engine dask --jobs 2
      rumorlens align corpus/ --engine dask --scheduler 10.0.0.5:8786

    The same report, stage by stage: make pipeline (see the Makefile).
    """
    from .. import pipeline, progress
    from ..ingest import check_corpus_folder, check_not_an_article
    from ..records import atomic_write_text, stops_held
    from ..report import filter_report, write_report
    from . import max_bytes

    out = output or default_output(corpus)
    check_corpus_folder(corpus)  # a mistyped corpus is the error to show first
    check_not_an_article(out, corpus)
    warn_missing_decisions(decisions)  # only one given: the default may be absent
    # the default decisions file is read like an explicit one: never written over
    decisions = decisions or default_decisions_path(corpus)
    check_output(out, "the report", (decisions, *glossaries))
    if html_out is not None:
        check_not_an_article(html_out, corpus, "the HTML view")
        check_output(html_out, "the HTML view", (decisions, *glossaries))
        if html_out.resolve() == out.resolve():  # the page would replace the report (a trial's -o x.json --html x.json)
            raise UserError(f"--html {html_out} is the report's own path (-o): give the HTML view another file name")
        check_page_or_report(html_out, "--html", "html")
    check_page_or_report(out, "-o", "json")
    pairs = check_pair_names(corpus, pairs, follow_links, max_bytes())
    with open_runner(jobs, engine, scheduler) as runner:
        report = pipeline.run_all(corpus, model=model, translate=translate, glossaries=glossaries,
                                  max_bytes=max_bytes(), follow_links=follow_links, use_cache=not no_cache,
                                  moves=moves, runner=runner)
    report = pipeline.review(report, decisions)
    report = filter_report(report, min_severity, pairs)
    with progress.stage("write", 2 if html_out else 1, "file") as st:
        page = None
        if html_out is not None:
            from ..html import render_html

            page = render_html(report)
        # both files or neither: a stop between them left the new report
        # beside the old page (a fresh user's SIGTERM, session 50)
        with stops_held():
            write_report(out, report)
            st.advance()
            if page is not None:
                atomic_write_text(html_out, page)
                st.advance()
    if not (ctx.obj or {}).get("quiet"):
        echo_summary(report, out, html_out)
    else:  # quiet keeps the warnings: a file left out is never dropped silently (a fresh user's trial)
        echo_skipped([(s["path"], s["reason"]) for s in report["skipped"]], limit=SKIPPED_SHOWN)


# files left out named one per line after a run; the rest are counted (a
# corpus of thousands of unusable files must not bury the summary)
SKIPPED_SHOWN = 20


def echo_summary(report: dict, out: Path, html_out: Optional[Path]) -> None:
    """The terminal summary: counts, then the top changes of the digest."""
    from ..digest import digest_lines
    from ..names import plural

    echo_skipped([(s["path"], s["reason"]) for s in report["skipped"]], limit=SKIPPED_SHOWN)
    s = report["summary"]
    cats = ", ".join(f"{k} {v}" for k, v in s["by_category"].items() if v)
    hidden = len(report.get("suppressed") or [])
    # identical copies are grouped, never aligned (groups[].copies): said, so
    # that "3 documents, 1 aligned pair" adds up
    copies = sum(len(g.get("copies") or {}) for g in report["groups"])
    click.echo(f"rumorlens: {plural(len(report['documents']), 'document')}"
               + (f" ({plural(copies, 'identical copy', 'identical copies')})" if copies else "")
               + f", {plural(len(report['groups']), 'group')}, "
               f"{plural(len(report['pairs']), 'aligned pair')}, {len(report['skipped'])} skipped, "
               f"{plural(s['total'], 'finding')} ({cats or 'none'})"
               + (f", {hidden} suppressed as {'a false alarm' if hidden == 1 else 'false alarms'}" if hidden else "")
               + f" -> {out}" + (f", {html_out}" if html_out else ""), err=True)
    alone = nothing_to_compare(len(report["documents"]), len(report["groups"])) or left_alone(report)
    if alone:
        click.echo(f"rumorlens: {alone}", err=True)
    for line in digest_lines(report):
        click.echo(f"rumorlens: {line}", err=True)


def check_pair_names(corpus: Path, pairs: tuple, follow_links: bool, limit: int) -> tuple:
    """``pairs`` checked against the files of ``corpus`` before any
    analysis, as :func:`rumorlens.report.doc_matcher` matches a report's
    documents (an id, a path, or a part of a path), and returned with every
    name that is a file's path as the shell gives it (absolute, or from the
    current folder: ``corpus/seeds/000.txt``) replaced by its path in the
    corpus, which is what the report's documents carry.

    UserError when a name matches no file, or only one file that the run
    will skip (read here with the run's own reader, :func:`load_file`, at
    most ``limit`` bytes: an empty or binary file, an unsupported
    extension, a link not followed), with the reason.  A name that matches
    several files is left to the report, where a skipped file no longer
    counts."""
    if not pairs:
        return pairs
    from ..ingest import SkipFile, assign_ids, display_path, iter_corpus_files, load_file, relative_path

    found = list(iter_corpus_files(corpus, follow_links=follow_links))
    rels = [relative_path(f.path, corpus) for f in found]
    ids = assign_ids([r for r, f in zip(rels, found) if f.problem is None])
    files = [(ids.get(r), display_path(r)[0], f) for r, f in zip(rels, found)]
    usable = [(i, p, f) for i, p, f in files if f.problem is None]
    named = {name: _name_in_corpus(name, corpus) for pair in pairs for name in pair}
    for given, name in named.items():
        if not name.strip():
            raise UserError("--pair: an empty name matches every file: give a document id or a path")
        hits = [h for h in usable if name in h[:2]] or [h for h in usable if name in h[1]]
        if len(hits) == 1:
            doc_id, shown, f = hits[0]
            try:
                load_file(f.path, root=corpus, max_bytes=limit, doc_id=doc_id, expect=f.key)
            except SkipFile as exc:
                raise UserError(_skipped_name(given, shown, str(exc))) from None
        elif not hits:
            listed = [(p, f.problem) for _, p, f in files if f.problem is not None and (name == p or name in p)]
            if len(listed) == 1:
                raise UserError(_skipped_name(given, *listed[0]))
            shown = ", ".join(p for _, p, _ in usable[:6]) + ("..." if len(usable) > 6 else "")
            raise UserError(f"--pair: no file named {given!r} in {corpus} (give a document id or a path: {shown})")
    return tuple((named[a], named[b]) for a, b in pairs)


def _skipped_name(given: str, shown: str, reason: str) -> str:
    who = shown if given == shown else f"{given!r} ({shown})"
    return f"--pair: {who}: the run skips this file ({reason}), so it has no findings to compare"


def _name_in_corpus(name: str, corpus: Path) -> str:
    """``name`` unchanged, or, when it is the path of a file inside
    ``corpus`` (absolute or from the current folder), that file's path in
    the corpus as the report shows it."""
    import os

    from ..ingest import display_path

    if not name or not os.path.isfile(name):
        return name
    for norm in (os.path.abspath, os.path.realpath):
        rel = os.path.relpath(norm(name), norm(corpus))
        if rel != os.curdir and not rel.startswith(os.pardir + os.sep) and rel != os.pardir:
            return display_path(Path(rel).as_posix())[0]
    return name


@main.command("check-pairs")
@click.argument("infile", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=OutputPath(), required=True,
              help="Output JSON lines: one line per input row (or segment; blank input lines are skipped), in order; CSV when it ends in .csv.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Sentence encoder for the meaning check and cross-script names; 'none' to skip.")
@click.option("--translate", is_flag=True,
              help="Also compare a machine translation of each source (needs `pip install rumorlens[translate]` "
                   "and an Argos language pair, e.g. `argospm install translate-zh_en`).")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A glossary (term base) to check translations against, besides the bundled one: CSV or TSV "
                   "with columns zh, fr, en (and <lang>_wrong for known wrong renderings), or TBX. Repeatable.")
@no_cache_option
@click.pass_context
def check_pairs_cmd(ctx, infile: Path, output: Path, model: str, translate: bool,
                    glossaries: tuple[Path, ...], no_cache: bool) -> None:
    """Check sentence pairs in bulk (translation review).

    \b
    Input lines:  {"id": ..., "src": "...", "tgt": "...", "src_lang": "zh", "tgt_lang": "en"}
                  (languages are detected when absent; fr-FR, en_US read as
                  fr, en); one JSON array of such rows is read too; or an XLIFF 1.2/2.0
                  (.xlf, .xliff) or TMX (.tmx) file: segment ids and
                  languages from the file, inline tags left out of the
                  compared text and kept in src_markup/tgt_markup
                  (needs `pip install rumorlens[xliff]`).
    Output lines: {"id": ..., "findings": [{"category", "type", "severity", "explanation",
                  "src_span", "tgt_span"}]}, one per input row in order (blank
                  lines are no rows); a row that cannot be checked gets an "error".
                  With -o FILE.csv: CSV in the input's order, one line per
                  finding (one per segment without any).
    The rows of one language pair and direction are one set: a row whose
    similarity is far below theirs gets a meaning finding, and the
    omission check reads their length ratios, so a row's findings may
    change with the other rows of its file (check rows of one job together).
    JSON lines in UTF-8, UTF-16 or UTF-32 (with or without a byte-order mark).
    Exit code 1 when no row could be checked (every row has an error, or
    the file has no rows); the output is written all the same.
    Example:
      rumorlens check-pairs pairs.jsonl -o findings.jsonl
      rumorlens check-pairs review.xlf -o findings.csv
    """
    from ..claims import profile_text
    from ..compare.driver import bead_checks
    from ..compare.sentence_pairs import check_rows
    from ..ingest import detect_language
    from ..mentions import extract_text
    if not infile.is_file():
        # /dev/null, a FIFO, a folder: there, but not a file of rows
        raise UserError(f"input file not found: {infile}" if not infile.exists() else
                        f"{infile} is not a regular file: give a JSON lines, XLIFF or TMX file of sentence pairs")
    _refuse_if_over_max_mb(infile)
    checks = bead_checks(glossaries)  # a bad glossary stops here, before the encoder loads
    check_output(output, "the results", (infile, *glossaries))
    rows, line_numbers = _check_pairs_rows(infile)
    for line in _id_warnings(rows, line_numbers):
        click.echo(f"rumorlens: {infile}: {line}", err=True)
    from .. import pipeline

    encoder = None if model == "none" else pipeline.encoder(model, use_cache=not no_cache)
    get_translator = pipeline.translator_factory() if translate else None
    if get_translator is not None and encoder is None:
        raise UserError("--translate needs a sentence encoder; drop --model none")
    results = check_rows(rows, extract=lambda text, lang: extract_text(text, lang, ref_date=CHECK_PAIRS_ANCHOR),
                         detect=detect_language, encoder=encoder, get_translator=get_translator,
                         profile=lambda text, lang: profile_text(text, lang), checks=checks)
    for n, r in zip(line_numbers, results):
        if "error" in r:  # the run goes on; each skipped row is named on one line
            click.echo(f"rumorlens: {infile}:{n}: {r['error']}", err=True)
    _write_check_pairs(output, rows, results)
    n_err = sum(1 for r in results if "error" in r)
    if not results:
        raise UserError(f"no pairs in {infile}: nothing was checked")
    if n_err == len(results):
        first = next(r["error"] for r in results if "error" in r)
        which = "the only pair" if len(results) == 1 else f"none of the {len(results)} pairs"
        could = "could not" if len(results) == 1 else "could"
        raise UserError(f"{which} in {infile} {could} be checked (first error: {first}); "
                        f"the errors are in {output}")
    if not (ctx.obj or {}).get("quiet"):
        from ..names import plural

        n_f = sum(len(r["findings"]) for r in results)
        click.echo(f"rumorlens: {plural(len(results), 'pair')}, {plural(n_f, 'finding')}, "
                   f"{plural(n_err, 'error')} -> {output}", err=True)


def _refuse_if_over_max_mb(infile: Path) -> None:
    """A pairs file larger than --max-mb, when given, is refused before it
    is read (a fresh user's break test, session 46: --max-mb 1 was ignored).
    Without the option any size is read: a review file of many rows is
    large, and each row has its own limit (compare.sentence_pairs)."""
    from . import settings

    limit = settings().get("max_mb")
    size = infile.stat().st_size
    if limit is not None and size > limit * 2**20:
        raise UserError(f"{infile} is too large: {size / 2**20:.1f} MiB (limit {limit:g} MiB, --max-mb)")


def _check_pairs_rows(infile: Path) -> tuple[list, list]:
    """(rows, where each row is in the file for messages): JSON lines (a
    line that does not parse is its exception), or the segments of an
    XLIFF or TMX file (rumorlens.bilingual; "segment N" in file order)."""
    from ..bilingual import BilingualError, is_bilingual, read_bilingual
    from ..ingest import NUL_BYTES_PER

    if is_bilingual(infile):
        try:
            rows = read_bilingual(infile)
        except BilingualError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"cannot read {infile}: {exc.strerror or exc}") from None
        return rows, [f"segment {n} ({r['id']})" for n, r in enumerate(rows, start=1)]
    try:
        data = infile.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {infile}: {exc.strerror or exc}") from None
    data = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # a UTF-8 byte-order mark (Excel, Notepad)
    data = _as_utf8(data)
    head = data[:65536]
    # a binary file gave one "not UTF-8" error per line (a fresh user's trial, session 64); a
    # line or two with a NUL byte in a file of rows are those rows' errors (session 65)
    if head.count(b"\x00") * NUL_BYTES_PER > len(head):
        raise UserError(f"{infile} is not text (it holds NUL bytes): check-pairs reads JSON lines, a JSON array, "
                        "XLIFF or TMX")
    array = _json_array(data)
    if array is not None:  # a JSON array of rows, not JSON lines: taken as it is
        return [_strict(row) for row in array], [f"item {n}" for n in range(1, len(array) + 1)]
    rows, line_numbers = [], []
    for n, raw in enumerate(data.splitlines(), start=1):
        if b"\x00" in raw:
            line_numbers.append(n)
            rows.append(ValueError("not text (a NUL byte)"))
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:  # that row, not the file
            line_numbers.append(n)
            rows.append(ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start} of the line; "
                                   f"save the file as UTF-8)"))
            continue
        if not line.strip():
            continue
        line_numbers.append(n)
        try:
            rows.append(_strict(json.loads(line)))
        except json.JSONDecodeError as exc:
            rows.append(exc)
        except RecursionError:  # arrays or objects nested thousands deep: that row, not the run
            rows.append(ValueError("nested too deeply to read"))
        except ValueError as exc:  # an integer of thousands of digits (Python's 4,300-digit limit): that row
            rows.append(ValueError(f"a value too long to read ({str(exc).split(':')[0]})"))
    if len(rows) > 1 and all(isinstance(r, Exception) for r in rows):
        # a text or binary file given by mistake: one line that says so, not one per line (fresh users'
        # trials, sessions 64 and 65)
        first = rows[0].msg if isinstance(rows[0], json.JSONDecodeError) else str(rows[0])
        raise UserError(f"{infile} is not JSON lines: none of its {len(rows)} lines could be read "
                        f"(line {line_numbers[0]}: {first}); check-pairs reads JSON lines, a JSON array, XLIFF or TMX")
    return rows, line_numbers


def _id_warnings(rows: list, where: list) -> list[str]:
    """Lines saying which rows have no "id" and which ids more than one row
    has (``where``: each row's place, as :func:`_check_pairs_rows` gives
    it).  Both are checked all the same: the output follows the input's
    order, but a reviewer joining results back by id would otherwise
    lose or mix rows without being told (a fresh user's break test,
    session 47)."""
    from ..names import plural

    missing, seen = [], {}
    for row, place in zip(rows, where):
        place = f"line {place}" if isinstance(place, int) else place
        if not isinstance(row, dict):
            continue  # a row that does not parse gets its own error
        rid = row.get("id")
        if rid is None or rid == "":
            missing.append(str(place))
        else:
            seen.setdefault(json.dumps(rid, ensure_ascii=False, sort_keys=True), []).append(str(place))
    out = []
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        out.append(f'{plural(len(missing), "row")} without an "id" ({shown}): the output keeps the input\'s order, '
                   f'with "id": null for {"it" if len(missing) == 1 else "them"}')
    for rid, places in seen.items():
        if len(places) > 1:
            out.append(f"id {rid} is on {len(places)} rows ({', '.join(places[:5])}"
                       f"{' ...' if len(places) > 5 else ''}): their results share it")
    return out


def _strict(row):
    """``row``, or a ValueError (that row's error) when it holds NaN or
    Infinity: Python's reader takes them, but they are no JSON (RFC 8259),
    and an output line with ``"id": NaN`` made the whole file unreadable to
    jq or a browser (a fresh user's break test, session 48)."""
    def finite(value) -> bool:
        if isinstance(value, float):
            return value == value and value not in (float("inf"), float("-inf"))
        if isinstance(value, dict):
            return all(finite(v) for v in value.values())
        if isinstance(value, list):
            return all(finite(v) for v in value)
        return True

    if finite(row):
        return row
    return ValueError("holds NaN or Infinity, which are no JSON values: write a string or a number instead")


def _as_utf8(data: bytes) -> bytes:
    """A UTF-16 or UTF-32 JSON file (Notepad's "Unicode"), told by its
    byte-order mark or by the NULs of its first characters as the JSON
    standard's own detection does (``json.detect_encoding``, RFC 4627 3),
    re-encoded as UTF-8; any other file as it is.  Raises UserError when
    such a file does not decode."""
    enc = json.detect_encoding(data[:4]) if data else "utf-8"
    if not enc.startswith(("utf-16", "utf-32")):
        return data
    try:
        return data.decode(enc).lstrip("\ufeff").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"the file looks like {enc.upper()} but does not decode ({exc.reason}): save it as UTF-8") from None


def _json_array(data: bytes):
    """The rows of a file that is one JSON array (of row objects, pretty
    printed or not), else None: JSON lines are read line by line."""
    if not data.lstrip().startswith(b"["):
        return None
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: JSON errors, a 5,000-digit integer
        return None
    return value if isinstance(value, list) else None


def _write_check_pairs(output: Path, rows: list, results: list[dict]) -> None:
    """JSON lines (the inline markup of an XLIFF or TMX segment, as in the
    file, in ``src_markup``/``tgt_markup``), or CSV in the input's order
    when ``output`` ends in .csv (rumorlens.bilingual.results_csv)."""
    from ..bilingual import results_csv
    from ..records import atomic_write_text

    if output.suffix.casefold() == ".csv":
        atomic_write_text(output, results_csv(rows, results))
        return
    out = []
    for row, r in zip(rows, results):
        if isinstance(row, dict) and "src_markup" in row:
            r = {**r, "src_markup": row["src_markup"], "tgt_markup": row.get("tgt_markup")}
        out.append(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    atomic_write_text(output, "".join(out))
