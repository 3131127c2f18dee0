"""The JSON report: documents, skipped files, groups of versions, aligned
pairs, discrepancies and a summary.

Same input, same bytes: keys are sorted, lists come in a fixed order, floats
are rounded, and the file is written atomically (a crash never leaves half a
report).  The published schema is ``schema/report.schema.json``."""
from __future__ import annotations

import itertools
import json
import os
from typing import Any, Iterable, Optional

from .records import (CATEGORIES, SEVERITIES, AlignmentGroup, DocGroup, Document, Finding, PairAlignment,
                      Sentence, Skipped, atomic_write_chunks, to_dict)

SCHEMA_VERSION = "1.8"
FLOAT_DIGITS = 4


def _round(value: Any) -> Any:
    """Floats rounded (and -0.0 made 0.0) everywhere in a JSON-ready value."""
    if isinstance(value, float):
        r = round(value, FLOAT_DIGITS)
        return 0.0 if r == 0 else r
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return value


def _with_note(entry: dict, note: Optional[str]) -> dict:
    """``path_note`` only on the entries whose path had to be escaped."""
    if note:
        entry["path_note"] = note
    return entry


def _doc_out(d: Document) -> dict:
    """A document in the report; ``path_note`` and ``ingest_note`` only when set."""
    entry = _with_note({"id": d.id, "path": d.path, "lang": d.lang, "languages": list(d.languages), "title": d.title,
                        "date": d.date, "source": d.source, "format": d.format, "text": d.text}, d.path_note)
    if d.metadata.get("ingest_note"):
        entry["ingest_note"] = str(d.metadata["ingest_note"])
    return entry


def summarize(findings: Iterable[Finding]) -> dict:
    """Counts of findings (anything with ``category``, ``severity`` and
    ``docs``): total, by category, by severity and by both; every known
    category and severity is present, with 0 when none; unknown ones (a
    hand-made report read by the HTML view) are counted too.  ``by_pair``:
    the same counts for each set of documents compared (a pair; the versions
    of a finding across versions; one document for a finding within it),
    documents sorted, most findings first."""
    findings = list(findings)
    by_cat = {c: 0 for c in CATEGORIES}
    by_sev = {s: 0 for s in SEVERITIES}
    by_both = {c: {s: 0 for s in SEVERITIES} for c in CATEGORIES}
    pairs: dict[tuple, dict] = {}
    for f in findings:
        by_cat[f.category] = by_cat.get(f.category, 0) + 1
        by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
        row = by_both.setdefault(f.category, {s: 0 for s in SEVERITIES})
        row[f.severity] = row.get(f.severity, 0) + 1
        p = pairs.setdefault(tuple(sorted(getattr(f, "docs", None) or [])),
                             {"total": 0, "by_category": {}, "by_severity": {}})
        p["total"] += 1
        p["by_category"][f.category] = p["by_category"].get(f.category, 0) + 1
        p["by_severity"][f.severity] = p["by_severity"].get(f.severity, 0) + 1
    by_pair = [{"docs": list(k), **{key: (dict(sorted(v.items())) if isinstance(v, dict) else v)
                                    for key, v in p.items()}}
               for k, p in sorted(pairs.items(), key=lambda kv: (-kv[1]["total"], kv[0]))]
    return {"total": len(findings), "by_category": by_cat, "by_severity": by_sev,
            "by_category_severity": by_both, "by_pair": by_pair}


def passage_findings(findings: list[Finding]) -> dict[str, list[str]]:
    """The per-article view: for each passage ("group:index", a row of the
    alignment groups), the ids of the findings of every pair whose evidence
    falls in it, in report order."""
    out: dict[str, list[str]] = {}
    for f in findings:
        for row in getattr(f, "passages", None) or []:
            out.setdefault(row, []).append(f.id)
    return out


def _sentence_out(s: Sentence) -> dict:
    """A sentence in the report; ``kind`` only when it is not plain text
    (heading, markup, boilerplate: what the checks set aside is shown),
    ``meta`` only when it has some (a subtitle cue's times; the rule that
    made it page furniture).  There were two definitions of this function
    and the second, without ``meta``, won: cue times never reached the
    report nor the HTML view that reads them."""
    out = {"id": s.id, "start": s.start, "end": s.end, "lang": s.lang}
    if s.kind != "text":
        out["kind"] = s.kind
    if s.meta:
        out["meta"] = dict(s.meta)
    return out


def _bead_out(b, ss: list[Sentence], ts: list[Sentence]) -> dict:
    """A bead in the report: sentence ids, similarity, and its clause
    alignment when it has one (``clauses``: [[src spans], [tgt spans]] with
    code-point ``[start, end]`` spans into the documents' texts)."""
    out = {"src": [ss[i].id for i in b.src], "tgt": [ts[i].id for i in b.tgt], "similarity": float(b.score)}
    if b.clauses is not None:
        out["clauses"] = [[[list(sp) for sp in src], [list(sp) for sp in tgt]] for src, tgt in b.clauses]
    return out


def _group_out(g: DocGroup) -> dict:
    out = {"id": g.id, "docs": list(g.docs), "relation": g.relation, "score": float(g.score)}
    if g.copies:  # only when there are copies: reports without them keep their bytes
        out["copies"] = dict(sorted(g.copies.items()))
    return out


def build_report(
    documents: list[Document],
    skipped: list[Skipped],
    groups: list[DocGroup],
    pairs: list[PairAlignment],
    sentences: dict[str, list[Sentence]],
    findings: list[Finding],
    *,
    alignment_groups: Optional[list[AlignmentGroup]] = None,
    generator: Optional[dict] = None,
) -> dict:
    """The report as a plain dict (see the schema for every field)."""
    docs = sorted(documents, key=lambda d: d.path)
    doc_out = [_doc_out(d) for d in docs]
    sent_out = {d.id: [_sentence_out(s) for s in sentences.get(d.id, [])] for d in docs}
    for d in doc_out:
        d["sentences"] = sent_out[d["id"]]
    pair_out = []
    for p in sorted(pairs, key=lambda p: (p.src_doc, p.tgt_doc)):
        ss, ts = sentences.get(p.src_doc, []), sentences.get(p.tgt_doc, [])
        pair_out.append({
            "src_doc": p.src_doc, "tgt_doc": p.tgt_doc, "relation": p.relation, "score": float(p.score),
            "beads": [_bead_out(b, ss, ts) for b in p.beads],
        })
    report = {
        "schema_version": SCHEMA_VERSION,
        "generator": generator or {"name": "rumorlens"},
        "documents": doc_out,
        "skipped": [_with_note({"path": s.path, "reason": s.reason}, s.path_note)
                    for s in sorted(skipped, key=lambda s: (s.path, s.reason))],
        "groups": [_group_out(g) for g in sorted(groups, key=lambda g: g.id)],
        "pairs": pair_out,
        "discrepancies": [to_dict(f) for f in findings],
        "summary": summarize(findings),
    }
    if alignment_groups is not None:
        per_row = passage_findings(findings)
        report["alignment_groups"] = [
            {"group": a.group, "index": a.index,
             "sentences": {k: sorted(v) for k, v in sorted(a.sentences.items())},
             "findings": per_row.get(f"{a.group}:{a.index}", [])}
            for a in sorted(alignment_groups, key=lambda a: (a.group, a.index))
        ]
    return _round(report)


def render_report(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_report(path: str | os.PathLike, report: dict) -> None:
    """The report as :func:`render_report` gives it, written piece by piece
    (a 15 MB document's report is never one string in memory)."""
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=1)
    atomic_write_chunks(path, itertools.chain(encoder.iterencode(report), ("\n",)))


# --------------------------------------------------------------------------
# flood control


def doc_matcher(report: dict):
    """A function from a user's document name (id, path, or a part of a path
    that names one document) to its id; UserError naming the choices."""
    from .errors import UserError

    docs = [(str(d.get("id")), str(d.get("path") or d.get("id"))) for d in report.get("documents") or []]

    def find(name: str) -> str:
        exact = [i for i, p in docs if name in (i, p)]
        hits = exact or [i for i, p in docs if name in p]
        skipped = [s for s in report.get("skipped") or [] if name == s.get("path")] if not hits else []
        if skipped:  # the file is there, but the run could not read it
            raise UserError(f"--pair: {name!r} was skipped ({skipped[0].get('reason')}): it is no document of the report")
        if len(hits) != 1:
            what = "no document" if not hits else f"{len(hits)} documents"
            raise UserError(f"--pair: {what} named {name!r} in the report "
                            f"(give a document id or a path: {', '.join(p for _, p in docs[:6])}{'...' if len(docs) > 6 else ''})")
        return hits[0]
    return find


def filter_report(report: dict, min_severity: Optional[str] = None,
                  pairs: Iterable[tuple[str, str]] = ()) -> dict:
    """The report with only the findings at ``min_severity`` or above and,
    when ``pairs`` are given, only those comparing one of these pairs of
    documents (a finding across versions compares every pair of its
    documents); summary and per-passage lists follow.  The report says how
    it was filtered (``filter``).  Unknown document names: UserError."""
    pairs = list(pairs)
    if min_severity is None and not pairs:
        return report
    find = doc_matcher(report)
    wanted = [{find(a), find(b)} for a, b in pairs]
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    floor = rank[min_severity] if min_severity else len(SEVERITIES)

    def keep(f: dict) -> bool:
        return rank.get(f.get("severity"), len(SEVERITIES)) <= floor and \
            (not wanted or any(w <= set(f.get("docs") or []) for w in wanted))

    out = dict(report)
    out["discrepancies"] = [f for f in report.get("discrepancies", []) if keep(f)]
    ids = {f["id"] for f in out["discrepancies"]}
    if "alignment_groups" in report:
        out["alignment_groups"] = [{**a, "findings": [i for i in a.get("findings", []) if i in ids]}
                                   for a in report["alignment_groups"]]
    out["summary"] = summarize(_Row(f) for f in out["discrepancies"])
    if "suppressed" in report.get("summary", {}):  # a reviewer's false alarms stay out of the counts
        out["summary"]["suppressed"] = report["summary"]["suppressed"]
    out["filter"] = {"min_severity": min_severity, "pairs": [sorted(w) for w in wanted]}
    return out


class _Row:
    """A report finding (a dict) seen as summarize() sees a Finding."""

    def __init__(self, f: dict):
        self.category, self.severity, self.docs = f.get("category"), f.get("severity"), f.get("docs") or []
