"""The story first: a short digest per article (a group of versions).

The findings of a report come pair by pair: an article in three versions
shows the same mistranslated name once for each pair it is seen from, and a
term rendered wrongly six times shows six times.  The digest puts the
findings that are one change together and says each change once, in one
sentence that names the versions ("The French says «1,76 trillion» (1.76×10¹⁸)
where both Chinese versions say «1.76 万亿» (1.76×10¹²)."), ranked, with the
ids of the findings that are its evidence.

Two findings are one change when
- they are of the same category and quote the same place of a document
  (the same evidence span: the French "Gémeaux" seen against the Chinese
  article and against the Chinese transcript), or
- they say the same thing about the same documents (category, type and
  normalized evidence texts, as in :mod:`rumorlens.fingerprint`: the same
  wrong rendering in six places), or
- they flag a figure, a date or a name written the same way in the same
  document, in the same way (the French "1,76 trillion" at two places,
  one aligned with each Chinese version).

Findings already consolidated across versions (one finding naming three
versions, its odd one out last in ``docs``) go through the same path: each
is a change of its own unless another finding joins it by the rules above.
Only the evidence that says what a finding is about counts (a gap or a
context passage says where it sits).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .disjoint import DisjointSets
from .fingerprint import normalize_evidence_text
from .names import Names, plural
from .records import SEVERITIES

TOP = 5  # changes per article in the digest, and in the terminal summary (issue 15)
POINT_LENGTH = 40  # code points: longer evidence without a role is a passage around the point
PLACE_ROLES = ("gap", "context")
QUOTE = 60  # code points of a quotation in a digest sentence
# Categories whose findings quote a value on each side ("says X where ... say Y").
VALUE_CATEGORIES = ("number", "date", "entity", "conflict")
# Ties in severity and reach are broken by what a reader checks first:
# figures, dates and names before wording and missing passages.
CATEGORY_ORDER = ("number", "date", "entity", "polarity", "conflict", "claim", "meaning", "omission", "addition")
_SEV = {s: i for i, s in enumerate(SEVERITIES)}
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass
class _Change:
    members: list  # report findings (dicts), report order
    docs: list = field(default_factory=list)  # every document involved, first seen first

    @property
    def lead(self) -> dict:
        return self.members[0]


def point_evidence(f: dict) -> list[dict]:
    """The evidence that says what a finding is about: every item whose
    ``role`` is not a place ("gap", "context") when the report has roles;
    otherwise the items with a value, else the short ones, else all."""
    ev = [e for e in f.get("evidence") or [] if isinstance(e, dict)]
    if any("role" in e for e in ev):
        return [e for e in ev if e.get("role") not in PLACE_ROLES] or ev
    return [e for e in ev if e.get("value") is not None] or \
        [e for e in ev if len(e.get("text") or "") <= POINT_LENGTH] or ev


def _keys(f: dict) -> list[tuple]:
    points = point_evidence(f)
    said = tuple(sorted({(str(e.get("doc")), normalize_evidence_text(e.get("text") or "")) for e in points}))
    keys = [("said", f.get("category"), f.get("type"), said)]
    keys += [("span", f.get("category"), str(e.get("doc")), e.get("start"), e.get("end")) for e in points]
    if f.get("category") in VALUE_CATEGORIES:  # the same figure, date or name written the same way
        keys += [("text", f.get("category"), f.get("type"), str(e.get("doc")),
                  normalize_evidence_text(e.get("text") or "")) for e in points]
    return keys


def _changes(findings: list[dict]) -> list[_Change]:
    """Findings joined into changes (see the module docstring), each change's
    members in report order, changes in the order of their first member."""
    sets = DisjointSets()
    owner: dict = {}
    for k, f in enumerate(findings):
        sets.add(k)
        for key in _keys(f):
            if key in owner:
                sets.union(owner[key], k)
            else:
                owner[key] = k
    out = []
    for _root, ks in sorted(sets.components().items(), key=lambda kv: min(kv[1])):
        members = [findings[k] for k in sorted(ks)]
        docs = list(dict.fromkeys(str(d) for f in members for d in (f.get("docs") or _evidence_docs(f))))
        out.append(_Change(members, docs))
    return out


def _evidence_docs(f: dict) -> list[str]:
    return [str(e.get("doc")) for e in f.get("evidence") or []]


def _rank_key(c: _Change, order: dict) -> tuple:
    cat = c.lead.get("category")
    return (min(_SEV.get(f.get("severity"), 9) for f in c.members), -len(c.docs), -len(c.members),
            CATEGORY_ORDER.index(cat) if cat in CATEGORY_ORDER else len(CATEGORY_ORDER),
            -max(float(f.get("confidence") or 0) for f in c.members), min(order[id(f)] for f in c.members))


# --------------------------------------------------------------------------
# one sentence per change


def _quote(text: str) -> str:
    text = " ".join((text or "").split())
    return "«" + (text if len(text) <= QUOTE else text[:QUOTE - 1].rstrip() + "…") + "»"


def format_value(value) -> str:
    """A value as a digest shows it beside a quotation: large numbers as
    mantissa×10 and a superscript exponent (1.76×10¹²), other numbers plainly, strings as
    they are; "" for none."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        v = float(value)
        if abs(v) >= 1e6:
            exp = len(str(int(abs(v)))) - 1
            return f"{v / 10 ** exp:.3g}×10{str(exp).translate(_SUPERSCRIPT)}"
        return f"{v:g}"
    return str(value)


def _subject(c: _Change) -> str:
    """The version a change is about: the one every finding of the change
    involves (the odd one out) when there is one, else the lead finding's
    last document (the target of a pair; the odd one out of a finding
    consolidated across versions)."""
    common = [d for d in c.docs if all(d in (f.get("docs") or _evidence_docs(f)) for f in c.members)]
    if len(common) == 1:
        return common[0]
    docs = c.lead.get("docs") or _evidence_docs(c.lead)
    return str(docs[-1])


def _said_by(c: _Change) -> dict[str, list[dict]]:
    """Point evidence of every member, by document, distinct texts only."""
    out: dict[str, list[dict]] = {}
    for f in c.members:
        for e in point_evidence(f):
            items = out.setdefault(str(e.get("doc")), [])
            if all(normalize_evidence_text(x.get("text") or "") != normalize_evidence_text(e.get("text") or "")
                   for x in items):
                items.append(e)
    return out


def _verb(names: Names, docs: list[str], one: str, many: str) -> str:
    """The verb agreeing with the phrase that names ``docs`` (one document
    is "the French"; two are "both Chinese versions")."""
    return one if len(docs) == 1 else many


def _sentence(c: _Change, names: Names, within: list[str]) -> str:
    """One sentence naming the versions (see the module docstring)."""
    cat, said, kind = c.lead.get("category"), _said_by(c), c.lead.get("type")
    subject = _subject(c)
    phrase = (lambda ds: _join_names(names, ds)) if cat == "conflict" else (lambda ds: names.phrase(ds, within))
    others = [d for d in c.docs if d != subject]
    sides = _sides(cat, said, subject, others) if cat in VALUE_CATEGORIES and subject in said else None
    if sides is not None:
        mine, theirs = sides
        clauses: dict[str, list[str]] = {}
        quotes: dict[str, dict] = {}
        texts: dict[str, list[str]] = {}  # each document's own words ('dans un an et demi' / 一年半之后)
        for d, e in theirs.items():
            key = format_value(e.get("value")) or normalize_evidence_text(e.get("text") or "")
            clauses.setdefault(key, []).append(d)
            quotes.setdefault(key, e)
            quoted = _quote(e.get("text"))
            if quoted not in texts.setdefault(key, []):
                texts[key].append(quoted)
        there = " and ".join(
            f"{phrase(ds)} {_verb(names, ds, 'says', 'say')} {' / '.join(texts[k])}{_value(quotes[k], mine, cat, kind)}"
            for k, ds in clauses.items())
        first = _value(mine, quotes[next(iter(quotes))], cat, kind)
        s = f"{phrase([subject])} says {_quote(mine.get('text'))}{first} where {there}"
    elif cat in ("omission", "addition") or (cat == "entity" and len(said) == 1):
        s = _one_sided(c, names, said, phrase)
    else:
        s = _FIRST_SENTENCE.split(c.lead.get("explanation") or "", maxsplit=1)[0]
        extra = [d for d in c.docs if d not in (c.lead.get("docs") or [])]
        if extra:
            s = s.rstrip(".") + f"; the same between {phrase(extra)} and the others"
    if sides is not None and kind == "direction_changed":
        s = s.rstrip(".") + ": the direction in time changed"
    s = s.strip().rstrip(".")
    places = len({(e.get("doc"), e.get("start")) for f in c.members for e in point_evidence(f)
                  if str(e.get("doc")) == subject})
    if places > 1 and len(c.members) > 1:
        s += f" ({plural(places, 'place')})"
    return (s[:1].upper() + s[1:] + ".") if s else ""


def _same_value(a: dict, b: dict) -> bool:
    """Two evidence items state one value: equal normalized values (1750 亿
    and 175B are both 1.75e11), else, without values, the same text."""
    va, vb = a.get("value"), b.get("value")
    if isinstance(va, (int, float)) and isinstance(vb, (int, float)):
        return f"{float(va):.6g}" == f"{float(vb):.6g}"
    if va is not None or vb is not None:
        return va == vb
    return normalize_evidence_text(a.get("text") or "") == normalize_evidence_text(b.get("text") or "")


def _sides(cat: str, said: dict, subject: str, others: list[str]) -> Optional[tuple[dict, dict]]:
    """(the subject's quote, each other document's quote) of a change that
    quotes a value on each side; None when no other document is quoted.
    A conflict joins findings through a shared place, so its subject may
    state two values (175B, then 176B, against 1750 亿): its quote is the
    first of its values another document contradicts, and a document is
    quoted against it only with a different value (one value never
    conflicts with itself); None when no two values differ."""
    if cat != "conflict":
        theirs = {d: said[d][0] for d in others if d in said}
        return (said[subject][0], theirs) if theirs else None

    def values(d: str) -> list[dict]:
        return [e for e in said[d] if e.get("value") is not None] or said[d]

    for mine in values(subject):
        theirs = {}
        for d in others:
            e = next((e for e in values(d) if not _same_value(e, mine)), None) if d in said else None
            if e is not None:
                theirs[d] = e
        if theirs:
            return mine, theirs
    return None


def _value(e: dict, other: dict, category: str, type_: str = "") -> str:
    """" (1.76×10¹²)" when the two values differ and the text does not
    already say it (not for names: their value is an internal key; nor for
    a relative date read in another direction: its two values differ by
    how each version counts, «dans un an et demi» (2026-06) against
    «一年半之后» (2024-12) read as a plain date error to a fresh user)."""
    if category == "entity" or type_ == "direction_changed":
        return ""
    v, w = format_value(e.get("value")), format_value(other.get("value"))
    if not v or v == w or v in (e.get("text") or ""):
        return ""
    return f" ({v})"


def _one_sided(c: _Change, names: Names, said: dict, phrase) -> str:
    """Content one version has and another lacks."""
    having = [d for d in c.docs if d in said]
    lacking = [d for d in c.docs if d not in said]
    text = _quote(said[having[0]][0].get("text")) if having else ""
    cat, typ = c.lead.get("category"), c.lead.get("type") or ""
    if not lacking or not having:
        return c.lead.get("explanation") or ""
    if cat == "entity":
        return f"{phrase(having)} {_verb(names, having, 'names', 'name')} {text}, " \
               f"which {phrase(lacking)} {_verb(names, lacking, 'does', 'do')} not"
    if cat == "addition" or typ.endswith("added"):
        return f"{phrase(having)} {_verb(names, having, 'adds', 'add')} {text}, absent from {phrase(lacking)}"
    return f"{phrase(lacking)} {_verb(names, lacking, 'leaves', 'leave')} out {text}, " \
           f"which {phrase(having)} {_verb(names, having, 'has', 'have')}"


def _join_names(names: Names, docs: list[str]) -> str:
    quoted = [f"«{names.name(d)}»" for d in docs]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# --------------------------------------------------------------------------
# the digest


def _article(findings: list[dict], names: Names, order: dict, group: Optional[dict], top: int) -> dict:
    within = [str(d) for d in (group or {}).get("docs") or []]
    changes = sorted(_changes(findings), key=lambda c: _rank_key(c, order))
    items = []
    for c in changes[:top]:
        items.append({
            "sentence": _sentence(c, names, within or c.docs),
            "category": c.lead.get("category"), "type": c.lead.get("type"),
            "severity": min((f.get("severity") for f in c.members), key=lambda s: _SEV.get(s, 9)),
            "confidence": max(float(f.get("confidence") or 0) for f in c.members),
            "docs": c.docs, "findings": [f.get("id") for f in c.members],
        })
    return {"group": group.get("id") if group else None,
            "name": names.group_name(group.get("id")) if group else "Across articles",
            "versions": within, "findings": len(findings), "changes": len(changes), "top": items}


def build_digest(report: dict, top: int = TOP) -> list[dict]:
    """The digest of a report (plain dicts in, plain dicts out): one entry
    per group of versions with findings, in group order, then one for the
    findings between different articles ("group": null).  Each entry:
    ``group``, ``name`` (the articles' shared title), ``versions``,
    ``findings`` (how many), ``changes`` (how many once deduplicated) and
    ``top``: at most ``top`` changes, ranked by severity, then by how many
    versions and findings they involve, then category and confidence, each
    with ``sentence``, ``category``, ``type``, ``severity``, ``confidence``,
    ``docs`` and the ids of its ``findings`` (the evidence)."""
    names = Names(report)
    findings = [f for f in report.get("discrepancies") or [] if isinstance(f, dict)]
    order = {id(f): k for k, f in enumerate(findings)}
    by_group: dict[Optional[str], list[dict]] = {}
    for f in findings:
        docs = [str(d) for d in (f.get("docs") or _evidence_docs(f))]
        groups = {names.group_of.get(d) for d in docs}
        gid = groups.pop() if len(groups) == 1 and f.get("category") != "conflict" else None
        by_group.setdefault(gid, []).append(f)
    out = [_article(by_group[str(g.get("id"))], names, order, g, top)
           for g in report.get("groups") or [] if str(g.get("id")) in by_group]
    if None in by_group:
        out.append(_article(by_group[None], names, order, None, top))
    return out


def top_changes(digest: list[dict], most: int = TOP, order: Optional[dict] = None) -> list[tuple[str, dict]]:
    """The ``most`` most important changes of the whole report: (article
    name, change).  With ``order`` (finding id -> its rank in the report's
    ``discrepancies``), in the report's order: by the best-ranked finding of
    each change, so that a list printed beside the report agrees with it;
    else ranked as inside an article."""
    pool = [(a["name"], item) for a in digest for item in a["top"]]
    if order is not None:
        pool.sort(key=lambda x: min(order.get(i, len(order)) for i in x[1]["findings"]))
        return pool[:most]
    pool.sort(key=lambda x: (_SEV.get(x[1]["severity"], 9), -len(x[1]["docs"]), -len(x[1]["findings"]),
                             CATEGORY_ORDER.index(x[1]["category"]) if x[1]["category"] in CATEGORY_ORDER else 99,
                             -x[1]["confidence"]))
    return pool[:most]


def digest_lines(report: dict, most: int = TOP) -> list[str]:
    """The terminal's "top changes" lines: the changes of the report's
    first findings, in the report's order (its ``discrepancies`` are ranked:
    rumorlens.compare.driver.rank), each said once as in the digest.  Every
    change is considered, not only each article's top of the digest: a
    finding the report ranks first is never left out."""
    findings = [f for f in report.get("discrepancies") or [] if isinstance(f, dict)]
    order = {f.get("id"): k for k, f in enumerate(findings)}
    top = top_changes(build_digest(report, top=len(findings)), most, order)
    if not top:
        return []
    lines = [f"top {plural(len(top), 'change')}:"]
    for n, (name, item) in enumerate(top, start=1):
        lines.append(_printable(f"  {n}. [{item['severity']}] {name}: {item['sentence']}"))
    return lines


def _printable(line: str) -> str:
    # article text may carry terminal escapes (ESC ] 52 writes the clipboard):
    # escaped as file names are (rumorlens.ingest.escape_controls)
    from .ingest import escape_controls

    return escape_controls(line)

