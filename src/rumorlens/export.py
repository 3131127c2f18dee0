"""Findings as rows for the people who fix translations: CSV, XLSX or JSON
Lines (``rumorlens export``).

The columns follow translation QA exports (Xbench, Verifika, memoQ's QA
report): where (article, pair), what (category, type, severity,
confidence), the source and target text, the explanation and the review
status, then the documents, languages and ids that let a row be traced back
to the report.  Source and target: the last document a finding names is
its target (the translation of a pair; the odd one out of a finding across
versions), the others its source.  Only the evidence that says what a
finding is about is quoted (rumorlens.digest.point_evidence).
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Iterable, Optional

from .digest import point_evidence
from .errors import UserError
from .names import Names
from .records import SEVERITIES, atomic_write_text, stops_held
from .report import doc_matcher

FORMATS = ("csv", "xlsx", "jsonl")
# (key, header) of every column, in order
COLUMNS = (
    ("article", "Article"), ("pair", "Pair"), ("category", "Category"), ("type", "Type"),
    ("severity", "Severity"), ("confidence", "Confidence"), ("source_text", "Source text"),
    ("target_text", "Target text"), ("explanation", "Explanation"), ("status", "Status"), ("note", "Note"),
    ("source_documents", "Source documents"), ("target_document", "Target document"),
    ("source_language", "Source language"), ("target_language", "Target language"),
    ("fingerprint", "Fingerprint"), ("finding", "Finding id"),
)
OPEN = "open"  # status of a finding nobody has decided on


def select(report: dict, min_severity: Optional[str] = None, categories: Iterable[str] = (),
           pairs: Iterable[tuple[str, str]] = (), include_suppressed: bool = False) -> list[dict]:
    """The report's findings that pass the filters, in report order
    (suppressed false alarms after the rest, when asked for): at
    ``min_severity`` or above, of one of ``categories``, comparing one of
    ``pairs`` (two document names each; a finding across versions compares
    every two of its documents)."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    floor = rank[min_severity] if min_severity else len(SEVERITIES)
    cats = set(categories)
    find = doc_matcher(report)
    wanted = [{find(a), find(b)} for a, b in pairs]
    pool = list(report.get("discrepancies") or [])
    if include_suppressed:
        pool += list(report.get("suppressed") or [])
    out = []
    for f in pool:
        docs = {str(d) for d in f.get("docs") or [e.get("doc") for e in f.get("evidence") or []]}
        if rank.get(f.get("severity"), len(SEVERITIES)) > floor or (cats and f.get("category") not in cats):
            continue
        if wanted and not any(w <= docs for w in wanted):
            continue
        out.append(f)
    return out


def rows(report: dict, findings: list[dict]) -> list[dict]:
    """One row (column key -> str or float) per finding."""
    names = Names(report)
    out = []
    for f in findings:
        docs = [str(d) for d in f.get("docs") or dict.fromkeys(str(e.get("doc")) for e in f.get("evidence") or [])]
        target, sources = (docs[-1], docs[:-1]) if docs else ("", [])
        groups = {names.group_of.get(d) for d in docs}
        gid = groups.pop() if len(groups) == 1 and f.get("category") != "conflict" else None
        said: dict[str, list[str]] = {}
        for e in point_evidence(f):
            texts = said.setdefault(str(e.get("doc")), [])
            if e.get("text") and e["text"] not in texts:
                texts.append(e["text"])
        out.append({
            "article": names.group_name(gid) if gid else "Across articles",
            "pair": " → ".join(names.name(d) for d in docs),
            "category": f.get("category", ""), "type": f.get("type", ""), "severity": f.get("severity", ""),
            "confidence": float(f.get("confidence") or 0.0),
            "source_text": " | ".join(t for d in sources for t in said.get(d, [])),
            "target_text": " | ".join(said.get(target, [])),
            "explanation": f.get("explanation", ""), "status": f.get("status") or OPEN, "note": f.get("note", ""),
            "source_documents": " | ".join(names.path(d) for d in sources), "target_document": names.path(target),
            "source_language": " | ".join(dict.fromkeys(str(names.docs[d].get("lang")) for d in sources
                                                          if d in names.docs)),
            "target_language": str(names.docs[target].get("lang")) if target in names.docs else "",
            "fingerprint": f.get("fingerprint", ""), "finding": f.get("id", ""),
        })
    return out


def write(path: Path, fmt: str, table: list[dict]) -> None:
    """The rows as ``fmt``: CSV (UTF-8 with a byte-order mark, so that Excel
    reads Chinese right; one header row), XLSX (openpyxl: a header row,
    frozen, with filters) or JSON Lines (one object per row, column keys)."""
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([h for _k, h in COLUMNS])
        for r in table:
            w.writerow([_cell(r[k]) for k, _h in COLUMNS])
        atomic_write_text(path, "\ufeff" + buf.getvalue())
    elif fmt == "jsonl":
        atomic_write_text(path, "".join(json.dumps({k: r[k] for k, _h in COLUMNS}, ensure_ascii=False) + "\n"
                                        for r in table))
    elif fmt == "xlsx":
        _write_xlsx(path, table)
    else:
        raise UserError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")


def _cell(value) -> str:
    return f"{value:.4f}" if isinstance(value, float) else _inert(str(value))


# A cell that starts like a formula (=, +, @, a minus not before a digit, a
# tab or return) is run by Excel and LibreOffice when the CSV is opened:
# article text is untrusted, so such a cell gets a leading apostrophe (the
# OWASP "CSV injection" advice), which the spreadsheet shows as text.
_FORMULA_START = re.compile(r"[=+@\t\r]|-(?![\d.])")


def _inert(text: str) -> str:
    return "'" + text if _FORMULA_START.match(text) else text


# column widths in characters for the wide columns of the sheet
_WIDTHS = {"article": 28, "pair": 36, "source_text": 40, "target_text": 40, "explanation": 60, "note": 24,
           "source_documents": 30, "target_document": 30}


def _write_xlsx(path: Path, table: list[dict]) -> None:
    import datetime
    import os
    import tempfile

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "findings"
    ws.append([h for _k, h in COLUMNS])
    for r in table:
        ws.append([r[k] for k, _h in COLUMNS])
        for c in ws[ws.max_row]:
            if c.data_type == "f":  # openpyxl reads a string starting with '=' as a formula: keep it text
                c.data_type = "s"
    for c in ws[1]:
        c.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, (k, _h) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(k, 12)
        if k in _WIDTHS:
            for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                row[0].alignment = wrap
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    # no clock in the file's properties: the same report exports the same properties
    wb.properties.created = wb.properties.modified = datetime.datetime(2000, 1, 1)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:
        with stops_held():  # (records.stops_held)
            fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
        os.close(fd)
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # Ctrl-C, SIGTERM: no half-written workbook left beside the report
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
