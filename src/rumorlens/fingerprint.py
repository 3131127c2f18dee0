"""A finding's identity that survives re-runs: what it says, not where it sits.

Finding ids in a report (``f-...``) depend on offsets, so they change when a
document is re-segmented or a check moves its span by a character.  Judgements
(``bench/real/verdicts.jsonl``) and a reviewer's decisions must follow a finding
across runs, so they key on :func:`fingerprint` instead.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_PLACE_ROLES = ("gap", "context")


def normalize_evidence_text(text: str) -> str:
    """NFKC, casefolded, runs of white space collapsed to one space, stripped.

    Full-width and half-width forms, ligatures and compatibility characters
    compare equal (NFKC); case does not count; a line break reads as a space.
    """
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def fingerprint(finding: dict, documents: dict) -> str:
    """Stable identity of a finding across runs of rumorlens.

    ``finding`` is one entry of a report's ``discrepancies`` (keys used:
    ``category``, ``type``, ``evidence`` with ``doc``/``path`` and ``text``);
    ``documents`` maps a document id to its report entry (a dict with ``path``),
    used when an evidence item carries no ``path``.  Returns ``"fp-"`` and 16
    hex digits (the first 64 bits of a SHA-256).

    Made of the category, the type, and each evidence item's document path and
    normalized text (:func:`normalize_evidence_text`), with the evidence items
    sorted, so that neither offsets, finding ids, run order nor the order of the
    two documents in a pair change it.  Evidence whose ``role`` is ``gap`` or
    ``context`` (where absent content would have been, text shown around it)
    says where a finding sits, not what it says, and is left out.  Two
    findings of the same kind that quote the same words in the same documents
    share a fingerprint: they are the same claim for a reviewer.  Raises ``KeyError`` when an evidence item names a
    document that is neither in ``documents`` nor has a ``path``.
    """
    items = []
    for ev in finding.get("evidence", []):
        if ev.get("role") in _PLACE_ROLES:
            continue
        path = ev.get("path") or documents[ev["doc"]]["path"]
        items.append([path, normalize_evidence_text(ev.get("text", ""))])
    items.sort()
    key = json.dumps([finding.get("category", ""), finding.get("type", ""), items],
                     ensure_ascii=False, separators=(",", ":"))
    return "fp-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
