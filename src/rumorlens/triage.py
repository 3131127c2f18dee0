"""Triage that is remembered: a reviewer's decisions on findings, kept in a
file and applied on every run.

The decisions file is JSON Lines, one decision per line::

    {"fingerprint": "fp-0123456789abcdef", "status": "false_alarm", "note": "a heading, not a name",
     "category": "entity", "type": "added", "explanation": "..."}

``status`` is ``confirmed`` or ``false_alarm``; ``note`` is optional; the
category, type and explanation are copied there for a person reading the
file and are not used.  A decision is keyed by the finding's fingerprint
(:mod:`rumorlens.fingerprint`: category, type, documents and normalized
evidence texts, never offsets or run order), so it follows the finding
across runs, as the ignore lists of translation QA tools (Xbench, Verifika)
do.  By default the file lies beside the corpus folder:
``CORPUS.decisions.jsonl`` (``corpus/`` -> ``corpus.decisions.jsonl``).

Applying decisions (:func:`apply_decisions`) moves every false alarm from
``discrepancies`` to ``suppressed`` (kept, not deleted), marks confirmed
findings with ``status`` (and ``note``), gives every finding its
``fingerprint`` and counts what was applied in ``triage``.  A corrupt file
or line, or a decision that matches no finding of this run, is a warning
naming the file; the run goes on with the decisions that could be read.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .fingerprint import fingerprint
from .records import atomic_write_text

log = logging.getLogger("rumorlens")

STATUSES = ("confirmed", "false_alarm")
DECISIONS_SUFFIX = ".decisions.jsonl"
_INFO_KEYS = ("category", "type", "explanation")


@dataclass
class Decision:
    fingerprint: str
    status: str  # one of STATUSES
    note: str = ""
    info: Optional[dict] = None  # category, type, explanation (for a person reading the file)

    def to_json(self) -> dict:
        out = {"fingerprint": self.fingerprint, "status": self.status}
        if self.note:
            out["note"] = self.note
        out.update({k: v for k, v in (self.info or {}).items() if k in _INFO_KEYS and v})
        return out


def default_decisions_path(corpus: Path) -> Path:
    """``CORPUS.decisions.jsonl`` beside the corpus folder."""
    corpus = Path(corpus).resolve()
    return corpus.parent / (corpus.name + DECISIONS_SUFFIX)


def read_decisions(path: Path) -> tuple[dict[str, Decision], list[str]]:
    """The decisions of a file, by fingerprint (a later line wins), and
    warnings (each naming the file, and the line when it is one line).  A
    missing file has no decisions and no warning; an unreadable one, no
    decisions and a warning."""
    path = Path(path)
    if not path.exists():
        return {}, []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return {}, [f"{path}: decisions file is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                    "no decision applied"]
    except OSError as exc:
        return {}, [f"{path}: cannot read the decisions file ({exc.strerror or exc}); no decision applied"]
    decisions: dict[str, Decision] = {}
    bad: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            decision = _parse(json.loads(line))
        except (ValueError, TypeError) as exc:
            bad.append(f"line {n}: {exc}")
            continue
        decisions[decision.fingerprint] = decision
    warnings = []
    if bad:
        shown = "; ".join(bad[:3]) + (f"; and {len(bad) - 3} more" if len(bad) > 3 else "")
        warnings.append(f"{path}: {len(bad)} line{'s' if len(bad) != 1 else ''} of the decisions file "
                        f"could not be read and {'were' if len(bad) != 1 else 'was'} ignored ({shown})")
    return decisions, warnings


def _parse(row) -> Decision:
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    fp, status, note = row.get("fingerprint"), row.get("status"), row.get("note", "")
    if not isinstance(fp, str) or not fp.startswith("fp-"):
        raise ValueError("no 'fingerprint' (fp-...)")
    if status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    if not isinstance(note, str):
        raise ValueError("'note' is not text")
    return Decision(fp, status, note, {k: row[k] for k in _INFO_KEYS if isinstance(row.get(k), str)})


def write_decisions(path: Path, decisions: dict[str, Decision]) -> None:
    """The decisions file, one line per decision sorted by fingerprint,
    written atomically."""
    lines = [json.dumps(decisions[fp].to_json(), ensure_ascii=False, sort_keys=True) + "\n"
             for fp in sorted(decisions)]
    atomic_write_text(path, "".join(lines))


def record_decision(path: Path, fp: str, status: Optional[str], note: str = "",
                    info: Optional[dict] = None) -> dict[str, Decision]:
    """Add or change one decision in a decisions file (``status`` None
    removes it), keeping every other line as it was read; returns the
    decisions now in the file.  A file that cannot be read is not
    overwritten: ValueError says why."""
    decisions, warnings = read_decisions(path)
    if warnings and not decisions and Path(path).exists() and Path(path).stat().st_size:
        raise ValueError(warnings[0])
    if status is None:
        decisions.pop(fp, None)
    elif status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    else:
        decisions[fp] = Decision(fp, status, note or "", info)
    write_decisions(path, decisions)
    return decisions


# --------------------------------------------------------------------------
# applying decisions to a report


class _Counted:
    """A report finding (a dict) as report.summarize counts it."""

    def __init__(self, f: dict):
        self.category, self.severity, self.docs = f.get("category"), f.get("severity"), f.get("docs") or []


def apply_decisions(report: dict, decisions: dict[str, Decision], label: Optional[str] = None,
                    path: Optional[Path] = None) -> tuple[dict, list[str]]:
    """The report with the decisions applied (a new dict; see the module
    docstring) and warnings.  ``label``: how the report names the decisions
    file (``triage.decisions``); ``path``: how warnings name it."""
    from .report import summarize

    docs = {str(d.get("id")): d for d in report.get("documents") or []}
    kept, suppressed, matched = [], [], set()
    for f in report.get("discrepancies") or []:
        f = dict(f)
        try:
            f["fingerprint"] = fingerprint(f, docs)
        except KeyError:  # evidence naming a document the report does not have: no fingerprint
            kept.append(f)
            continue
        d = decisions.get(f["fingerprint"])
        if d is not None:
            matched.add(d.fingerprint)
            f["status"] = d.status
            if d.note:
                f["note"] = d.note
        (suppressed if d is not None and d.status == "false_alarm" else kept).append(f)
    out = dict(report)
    out["discrepancies"] = kept
    out["suppressed"] = suppressed
    summary = dict(report.get("summary") or {})
    summary.update(summarize(_Counted(f) for f in kept))
    summary["suppressed"] = len(suppressed)
    out["summary"] = summary
    unmatched = sorted(set(decisions) - matched)
    out["triage"] = {"decisions": label, "confirmed": sum(1 for f in kept if f.get("status") == "confirmed"),
                     "false_alarms": len(suppressed), "unmatched": unmatched}
    warnings = []
    if unmatched:
        shown = ", ".join(unmatched[:3]) + (", ..." if len(unmatched) > 3 else "")
        warnings.append(f"{path or label}: {len(unmatched)} decision{'s' if len(unmatched) != 1 else ''} "
                        f"match{'es' if len(unmatched) == 1 else ''} no finding of this run ({shown}): "
                        "kept in the file, listed in the report's triage.unmatched")
    return out, warnings


def decisions_label(decisions: Path) -> str:
    """The decisions file as the report names it: its name only, so that
    the report's bytes do not depend on where the corpus or the report lie
    (same input, same report).  ``rumorlens serve`` finds the file again
    (rumorlens.serve.decisions_file_of)."""
    return Path(decisions).name


def review(report: dict, decisions_path: Optional[Path]) -> dict:
    """A reviewer's decisions applied (when ``decisions_path`` is given and
    exists), then the digest (rumorlens.digest) of what is left; warnings
    go to the log, naming the file.  Same report and file, same bytes."""
    from .digest import build_digest

    decisions: dict[str, Decision] = {}
    label = None
    if decisions_path is not None:
        decisions, warnings = read_decisions(Path(decisions_path))
        for w in warnings:
            log.warning("%s", w)
        label = decisions_label(decisions_path)
    out, warnings = apply_decisions(report, decisions, label, decisions_path)
    for w in warnings:
        log.warning("%s", w)
    out["digest"] = build_digest(out)
    return out
