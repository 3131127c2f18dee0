"""The readable HTML view of a report: one self-contained file (inline CSS
and JS, no network) that opens from disk.

It shows a summary (documents, version groups, counts), each version group
side by side in aligned rows with every finding's evidence highlighted in
place, a sortable and filterable findings list whose entries jump to their
evidence, and the cross-article conflicts with both sides quoted.

Evidence offsets are code-point offsets (Python ``str`` indices) while JS
strings are UTF-16, so all slicing and highlighting happens here and the page
receives finished, escaped HTML.  The script only sorts, filters, scrolls and
fills the detail panel (with ``textContent``, never ``innerHTML``).

Same report, same bytes: nothing depends on the clock, the environment or
set iteration order.
"""
from __future__ import annotations

import bisect
import heapq
import html as _html
import json
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .disjoint import DisjointSets
from .html_review import (GLOSS_JS, REVIEW_CSS, REVIEW_JS, cue_time, digest_section, gloss_block, review_json,
                          status_badge, suppressed_section)
from .langs import URL_SCHEME, display_width, lang_name
from .names import Names, plural, source_name
from .records import CATEGORIES, SEVERITIES
from .report import summarize
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}
PASSAGE_CATEGORIES = ("omission", "addition", "meaning")
PASSAGE_LENGTH = 40  # code points: longer evidence is shown as a passage
QUOTE_LENGTH = 240  # code points of evidence quoted in the list and the panel
_SURROGATES = re.compile("[\ud800-\udfff]")
# Characters that are legal in a Python str but not in an HTML document.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _esc(value: Any) -> str:
    """Text (or attribute value) escaped for HTML; lone surrogates and control
    characters become U+FFFD one for one, so offsets keep their meaning."""
    s = "" if value is None else str(value)
    s = _SURROGATES.sub("\ufffd", s)
    s = _CONTROL.sub("\ufffd", s)
    return _html.escape(s, quote=True)


def _fmt(x: Any, digits: int = 2) -> str:
    try:
        return f"{float(x):.{digits}f}"
    except (TypeError, ValueError):
        return ""


# --------------------------------------------------------------------------
# the report, read once into plain structures


@dataclass
class _Doc:
    ordinal: int
    id: str
    path: str
    lang: str
    languages: list
    title: Optional[str]
    date: Optional[str]
    source: Optional[str]
    text: str
    sentences: list  # [(start, end, lang)] in report order
    display: list = field(default_factory=list)  # [(start, end)] per sentence: covers the whole text
    sent_by_id: dict = field(default_factory=dict)
    spans: list = field(default_factory=list)  # [(start, end, finding ordinal, evidence index)]
    gaps: list = field(default_factory=list)  # [(offset, finding ordinal, evidence index)]: where content would be
    view: Optional[int] = None
    cues: dict = field(default_factory=dict)  # sentence index -> [start, end] seconds (subtitles)
    name: str = ""  # readable name (rumorlens.names)
    label: str = ""  # name · language · source
    ingest_note: str = ""  # how the file was read when it was read in a degraded way
    copy_of: Optional[int] = None  # ordinal of the document it is an identical copy of (groups[].copies)


@dataclass
class _Finding:
    k: int  # rank in the report (0 = first)
    id: str
    category: str
    type: str
    severity: str
    confidence: float
    explanation: str
    evidence: list  # [(doc ordinal or None, start, end, text, path)]
    docs: list
    roles: list = field(default_factory=list)  # each evidence's role (None, "cue", "gap", "context")
    fingerprint: str = ""
    status: str = ""
    note: str = ""


@dataclass
class _View:
    n: int
    group_id: Optional[str]
    relation: str
    score: Optional[float]
    docs: list  # doc ordinals, column order
    rows: list = field(default_factory=list)  # [(cells {doc ordinal: [sentence idx]}, similarity or None)]
    name: str = ""  # the article's readable name (rumorlens.names)
    copies: list = field(default_factory=list)  # ordinals of identical copies of members (no column of their own)


def _read_docs(report: dict) -> list[_Doc]:
    docs = []
    for i, d in enumerate(report.get("documents") or []):
        text = d.get("text") or ""
        sents = []
        for s in d.get("sentences") or []:
            a = max(0, min(int(s.get("start", 0)), len(text)))
            b = max(a, min(int(s.get("end", a)), len(text)))
            sents.append((a, b, s.get("lang") or d.get("lang") or ""))
        if not sents:  # no segmentation in the report: the whole text is one row
            sents = [(0, len(text), d.get("lang") or "")]
        doc = _Doc(i, str(d.get("id")), str(d.get("path") or d.get("id")), d.get("lang") or "",
                   list(d.get("languages") or []), d.get("title"), d.get("date"), d.get("source"), text, sents)
        doc.sent_by_id = {str(s.get("id")): j for j, s in enumerate(d.get("sentences") or [])}
        doc.cues = _cues_of(d)
        doc.ingest_note = str(d.get("ingest_note") or "")
        # Each sentence is shown with the text up to the next one (and the
        # first from offset 0), so every code point of the text appears once and
        # evidence that falls between sentences still has a place.
        disp = []
        prev_end = 0
        for j, (a, _b, _l) in enumerate(sents):
            start = 0 if j == 0 else max(a, prev_end)
            nxt = sents[j + 1][0] if j + 1 < len(sents) else len(text)
            end = len(text) if j + 1 == len(sents) else max(start, nxt)
            disp.append((start, end))
            prev_end = end
        doc.display = disp
        docs.append(doc)
    return docs


def _cues_of(d: dict) -> dict:
    """Sentence index -> cue times, for the sentences that have them."""
    out = {}
    for j, s in enumerate(d.get("sentences") or []):
        cue = (s.get("meta") or {}).get("cue") if isinstance(s, dict) else None
        if isinstance(cue, list) and len(cue) == 2:
            out[j] = cue
    return out


def _read_findings(report: dict, doc_index: dict) -> list[_Finding]:
    out = []
    for k, f in enumerate(report.get("discrepancies") or []):
        ev, roles = [], []
        for e in f.get("evidence") or []:
            d = doc_index.get(str(e.get("doc")))
            start, end = int(e.get("start", 0)), int(e.get("end", 0))
            role = e.get("role")
            if d is not None:
                n = len(d.text)
                start = max(0, min(start, n))
                end = max(start, min(end, n))
                if end == start and n and role != "gap":  # an empty span still needs a visible mark
                    start, end = (start, start + 1) if start < n else (n - 1, n)
            ev.append((d.ordinal if d is not None else None, start, end, e.get("text") or "",
                       e.get("path") or (d.path if d is not None else str(e.get("doc")))))
            roles.append(role)
        out.append(_Finding(k, str(f.get("id", f"#{k}")), str(f.get("category", "")), str(f.get("type", "")),
                            str(f.get("severity", "")), float(f.get("confidence") or 0.0),
                            str(f.get("explanation", "")), ev, list(f.get("docs") or []), roles,
                            str(f.get("fingerprint") or ""), str(f.get("status") or ""), str(f.get("note") or "")))
    return out


# --------------------------------------------------------------------------
# aligned rows


def _order_rows(comps: list[dict], priority: list[tuple], docs: list[_Doc]) -> list[int]:
    """Components in reading order: every document's sentences stay in order
    (edges between consecutive components of a document); ties, and crossing
    alignments that make a cycle, are settled by ``priority``."""
    succ: list[list[int]] = [[] for _ in comps]
    indeg = [0] * len(comps)
    for d in docs:
        seq = sorted({(min(c[d.ordinal]), ci) for ci, c in enumerate(comps) if c.get(d.ordinal)})
        for (_, a), (_, b) in zip(seq, seq[1:]):
            if a != b:
                succ[a].append(b)
                indeg[b] += 1
    heap = [(priority[i], i) for i in range(len(comps)) if indeg[i] == 0]
    heapq.heapify(heap)
    done = [False] * len(comps)
    order: list[int] = []
    while len(order) < len(comps):
        if not heap:  # a cycle (crossing beads): release the earliest remaining component
            i = min((priority[i], i) for i in range(len(comps)) if not done[i])[1]
            indeg[i] = 0
            heap.append((priority[i], i))
        _, i = heapq.heappop(heap)
        if done[i]:
            continue
        done[i] = True
        order.append(i)
        for j in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0 and not done[j]:
                heapq.heappush(heap, (priority[j], j))
    return order


@dataclass
class _Rows:
    """Aligned rows of one view while they are built: components (cells:
    {doc ordinal: [sentence idx]}), each one's priority in reading order, and
    the component of every (doc ordinal, sentence)."""

    comps: list = field(default_factory=list)
    priority: list = field(default_factory=list)
    node_comp: dict = field(default_factory=dict)


def _rows_from_groups(view: _View, by_id: dict, report: dict, rows: _Rows) -> bool:
    """The report's alignment groups of this view's group, one row each, in
    their order; False when the report has none for it."""
    provided = [a for a in report.get("alignment_groups") or [] if view.group_id is not None
                and str(a.get("group")) == view.group_id]
    for a in sorted(provided, key=lambda a: int(a.get("index", 0))):
        cells: dict = {}
        for doc_id, idxs in sorted((a.get("sentences") or {}).items()):
            d = by_id.get(str(doc_id))
            if d is None:
                continue
            for i in idxs:
                i = int(i)
                if 0 <= i < len(d.sentences) and (d.ordinal, i) not in rows.node_comp:
                    cells.setdefault(d.ordinal, []).append(i)
                    rows.node_comp[(d.ordinal, i)] = len(rows.comps)
        if cells:
            rows.comps.append(cells)
            rows.priority.append((float(a.get("index", 0)), 0, 0, 0))
    return bool(provided)


def _rows_from_beads(docs: list[_Doc], by_id: dict, column: dict, report: dict, rows: _Rows) -> None:
    """Union-find over the pairwise beads of the view's documents: each
    connected set of sentences is a row, placed by its mean position."""
    sets = DisjointSets()
    for p in report.get("pairs") or []:
        a, b = by_id.get(str(p.get("src_doc"))), by_id.get(str(p.get("tgt_doc")))
        if a is None or b is None:
            continue
        for bead in p.get("beads") or []:
            nodes = [(a.ordinal, a.sent_by_id[s]) for s in bead.get("src") or [] if s in a.sent_by_id]
            nodes += [(b.ordinal, b.sent_by_id[s]) for s in bead.get("tgt") or [] if s in b.sent_by_id]
            for x in nodes:
                sets.add(x)
            for x in nodes[1:]:
                sets.union(nodes[0], x)
    groups = sets.components()
    for root in sorted(groups):
        cells: dict = {}
        for o, i in groups[root]:
            cells.setdefault(o, []).append(i)
            rows.node_comp[(o, i)] = len(rows.comps)
        rows.comps.append(cells)
        pos = [min(v) / max(1, len(docs[o].sentences)) for o, v in cells.items()]
        first = min(cells, key=column.__getitem__)
        rows.priority.append((sum(pos) / len(pos), 0, column[first], min(cells[first])))


def _rows_for_unaligned(members: list[_Doc], column: dict, rows: _Rows) -> None:
    """Sentences no bead or alignment group mentions get a row of their own,
    right after the row of the previous sentence of the same document."""
    for d in members:
        prev_prio: tuple = (-1.0,)
        for i in range(len(d.sentences)):
            ci = rows.node_comp.get((d.ordinal, i))
            if ci is not None:
                prev_prio = rows.priority[ci]
                continue
            rows.node_comp[(d.ordinal, i)] = len(rows.comps)
            rows.comps.append({d.ordinal: [i]})
            rows.priority.append((prev_prio[0], 1, column[d.ordinal], i))
            prev_prio = rows.priority[-1]


def _row_similarities(by_id: dict, report: dict, rows: _Rows) -> dict:
    """Similarities of the two-sided beads inside each row, by row."""
    sims: dict = {}
    for p in report.get("pairs") or []:
        a, b = by_id.get(str(p.get("src_doc"))), by_id.get(str(p.get("tgt_doc")))
        if a is None or b is None:
            continue
        for bead in p.get("beads") or []:
            src = [s for s in bead.get("src") or [] if s in a.sent_by_id]
            tgt = [s for s in bead.get("tgt") or [] if s in b.sent_by_id]
            if src and tgt:
                ci = rows.node_comp.get((a.ordinal, a.sent_by_id[src[0]]))
                if ci is not None:
                    sims.setdefault(ci, []).append(float(bead.get("similarity") or 0.0))
    return sims


def _build_rows(view: _View, docs: list[_Doc], report: dict) -> None:
    """The view's aligned rows, in reading order, each with the mean
    similarity of its beads: the report's alignment groups when it has them,
    else the beads' connected sentences; then every sentence left out."""
    members = [docs[o] for o in view.docs]
    by_id = {d.id: d for d in members}
    column = {o: c for c, o in enumerate(view.docs)}
    rows = _Rows()
    if not _rows_from_groups(view, by_id, report, rows) and len(members) > 1:
        _rows_from_beads(docs, by_id, column, report, rows)
    _rows_for_unaligned(members, column, rows)
    sims = _row_similarities(by_id, report, rows)
    for ci in _order_rows(rows.comps, rows.priority, members):
        cells = {o: sorted(v) for o, v in rows.comps[ci].items()}
        s = sims.get(ci)
        view.rows.append((cells, (sum(s) / len(s)) if s else None))


def _copies_of(group: dict, doc_index: dict) -> dict:
    """The group's identical copies (``groups[].copies``: copy id -> id of
    the member it copies), as {copy id: the copied _Doc}, for the copies
    whose copied document is in the report too.  A copy is not aligned nor
    checked (rumorlens.grouping.identical_copies): shown as a column, every
    one of its rows would read as unmatched."""
    out = {}
    for doc_id, kept_id in sorted((group.get("copies") or {}).items()):
        kept = doc_index.get(str(kept_id))
        if str(doc_id) in doc_index and kept is not None and str(doc_id) != kept.id:
            out[str(doc_id)] = kept
    return out


def _build_views(report: dict, docs: list[_Doc]) -> list[_View]:
    doc_index = {d.id: d for d in docs}
    views: list[_View] = []
    for g in report.get("groups") or []:
        copies = _copies_of(g, doc_index)
        members = []
        for doc_id in g.get("docs") or []:
            d = doc_index.get(str(doc_id))
            if d is not None and d.view is None and d.ordinal not in members and d.id not in copies:
                members.append(d.ordinal)
        if not members:
            continue
        v = _View(len(views), str(g.get("id")), str(g.get("relation") or ""), g.get("score"), members)
        for o in members:
            docs[o].view = v.n
        for doc_id, kept in copies.items():
            d = doc_index[doc_id]
            if d.view is None:
                d.view, d.copy_of = v.n, kept.ordinal
                v.copies.append(d.ordinal)
        views.append(v)
    # Documents in no group are shown alone, so that every piece of evidence
    # (a cross-article conflict, say) has a place to jump to.
    for d in docs:
        if d.view is None:
            v = _View(len(views), None, "", None, [d.ordinal])
            d.view = v.n
            views.append(v)
    for v in views:
        _build_rows(v, docs, report)
    return views


# --------------------------------------------------------------------------
# highlighting


def _highlighted(doc: _Doc, start: int, end: int, findings: list[_Finding], spans: list,
                 span_starts: list) -> tuple[str, set]:
    """``doc.text[start:end]`` as HTML with every evidence span inside it
    wrapped in a <mark>; overlapping spans are cut into segments, each segment
    listing all the findings that cover it."""
    text = doc.text
    # Spans sorted by start; only those starting before ``end`` can overlap.
    hi = bisect.bisect_left(span_starts, end)
    inside = [s for s in spans[:hi] if s[1] > start and s[0] < end]
    gaps = sorted(g for g in doc.gaps if start <= g[0] < end or g[0] == end == len(text))
    if not inside and not gaps:
        return _esc(text[start:end]), set()
    cuts = {start, end} | {g[0] for g in gaps}
    for a, b, _k, _j, _w in inside:
        cuts.add(max(a, start))
        cuts.add(min(b, end))
    cuts_sorted = sorted(cuts)
    out = []
    for a, b in zip(cuts_sorted, cuts_sorted[1:] + [None]):
        out.extend(_gap_marks(findings, [g for g in gaps if g[0] == a]))
        if b is None or a >= b:
            continue
        cover = [(k, j, w) for s0, s1, k, j, w in inside if s0 <= a and s1 >= b]
        seg = _esc(text[a:b])
        if not cover:
            out.append(seg)
            continue
        ks = sorted({k for k, _j, _w in cover})
        # Point evidence (a number, a name, a negation) is painted; passage
        # evidence (an omitted sentence) is only underlined, so that the
        # points stay visible inside it.
        points = sorted({k for k, _j, w in cover if not w})
        sev = min((findings[k].severity for k in (points or ks)), key=lambda s: _SEV_RANK.get(s, 9))
        cats = " ".join(sorted({"cat-" + findings[k].category for k in ks}))
        data_f = " ".join(str(k) for k in ks)
        data_e = " ".join(f"{k}:{j}" for k, j, _w in sorted(set(cover)))
        wide = "" if points else " wide"
        out.append(f'<mark class="ev{wide} sev-{_esc(sev)} {_esc(cats)}" data-f="{data_f}" data-e="{data_e}" '
                   f'title="{_esc(_tip(findings, points + [k for k in ks if k not in points]))}" '
                   f'tabindex="0">{seg}</mark>')
    return "".join(out), {s[2] for s in inside} | {g[1] for g in gaps}


def _gap_marks(findings: list[_Finding], gaps: list) -> list[str]:
    """A caret where content another version has would have been (evidence
    of role ``gap``), one per finding."""
    out = []
    for _pos, k, j in gaps:
        f = findings[k]
        out.append(f'<mark class="ev gap sev-{_esc(f.severity)} cat-{_esc(f.category)}" data-f="{k}" '
                   f'data-e="{k}:{j}" title="{_esc("Would be here: " + _tip(findings, [k]))}" tabindex="0">'
                   f'⁁</mark>')
    return out


def _tip(findings: list[_Finding], ks: list[int], most: int = 3) -> str:
    """Hover text: the first few explanations, each cut short."""
    lines = [f"[{findings[k].severity} {findings[k].category}] {_cut(findings[k].explanation, 200)}"
             for k in ks[:most]]
    if len(ks) > most:
        lines.append(f"+{len(ks) - most} more: click for details")
    return "\n".join(lines)


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _is_passage(f: _Finding, start: int, end: int) -> bool:
    """Evidence that is a whole passage rather than a point in it."""
    return f.category in PASSAGE_CATEGORIES or end - start > PASSAGE_LENGTH


# --------------------------------------------------------------------------
# page parts


@dataclass
class _Counts:
    """Findings by category, by severity and by both, and the categories and
    severities in display order."""

    total: int
    cats: list
    sevs: list
    by_cat: dict
    by_sev: dict
    cell: dict  # (category, severity) -> count


def _counts(report: dict, findings: list[_Finding]) -> _Counts:
    """The counts the report carries in its summary (rumorlens.report.summarize);
    counted the same way from the findings when a report has no complete
    summary (a hand-made one)."""
    s = report.get("summary")
    if not (isinstance(s, dict) and all(k in s for k in ("total", "by_category", "by_severity",
                                                         "by_category_severity"))):
        s = summarize(findings)
    by_cat, by_sev = dict(s["by_category"]), dict(s["by_severity"])
    cell = {(c, v): n for c, row in s["by_category_severity"].items() for v, n in row.items()}
    cats = list(CATEGORIES) + sorted(set(by_cat) - set(CATEGORIES))
    sevs = list(SEVERITIES) + sorted(set(by_sev) - set(SEVERITIES))
    return _Counts(int(s["total"]), cats, sevs, by_cat, by_sev, cell)


def _doc_label(d: _Doc) -> str:
    return f'<span class="docname" title="{_esc(d.path)}" lang="{_esc(d.lang)}">{_esc(d.label or d.path)}</span>'


def _counts_table(n: _Counts) -> list[str]:
    """Counts by category and severity (click a number to filter the list)."""
    p = ['<h3>Findings by category and severity</h3><table class="counts"><thead><tr><th>category</th>']
    for s in n.sevs:
        p.append(f'<th><span class="badge sev-{_esc(s)}">{_esc(s)}</span></th>')
    p.append('<th>total</th></tr></thead><tbody>')
    for c in n.cats:
        p.append(f'<tr><th scope="row"><span class="cat cat-{_esc(c)}">{_esc(c)}</span></th>')
        for s in n.sevs:
            k = n.cell.get((c, s), 0)
            p.append(f'<td data-count="cell:{_esc(c)}:{_esc(s)}" data-filter-cat="{_esc(c)}" '
                     f'data-filter-sev="{_esc(s)}"{" class=zero" if not k else ""}>{k}</td>')
        p.append(f'<td data-count="cat:{_esc(c)}" data-filter-cat="{_esc(c)}" data-filter-sev=""'
                 f'{" class=zero" if not n.by_cat.get(c) else ""}>{n.by_cat.get(c, 0)}</td></tr>')
    p.append('</tbody><tfoot><tr><th scope="row">total</th>')
    for s in n.sevs:
        p.append(f'<td data-count="sev:{_esc(s)}" data-filter-cat="" data-filter-sev="{_esc(s)}">'
                 f'{n.by_sev.get(s, 0)}</td>')
    p.append(f'<td data-count="all" data-filter-cat="" data-filter-sev="">{n.total}</td></tr></tfoot></table>')
    return p


def _documents_table(docs: list[_Doc], views: list[_View], per_doc: dict) -> list[str]:
    p = ['<h3>Documents</h3><table class="docs"><thead><tr><th>document</th><th>language</th>'
         '<th>date</th><th>source</th><th>sentences</th><th>group</th><th>findings</th></tr></thead><tbody>']
    for d in docs:
        v = views[d.view] if d.view is not None else None
        langs = ", ".join(str(x) for x in d.languages if x != d.lang)
        src = d.source or ""
        if re.match(URL_SCHEME, src):
            src_html = f'<a href="{_esc(src)}" rel="noopener noreferrer">{_esc(src)}</a>'
        else:
            src_html = _esc(src) or '<span class="none">—</span>'
        group = (f'<a href="#v{v.n}" data-view="{v.n}">{_esc(v.name) if v.group_id else "alone"}</a>'
                 if v is not None else "")
        if d.copy_of is not None:
            group += f' <span class="copy">(identical copy of {_esc(docs[d.copy_of].path)})</span>'
        p.append(f'<tr data-doc="{_esc(d.id)}"><td class="dname" lang="{_esc(d.lang)}">'
                 f'<span class="docname" title="{_esc(d.path)}">{_esc(d.name)}</span>{_ingest_note(d)}</td>'
                 f'<td><b>{_esc(lang_name(d.lang))}</b>{" (also " + _esc(langs) + ")" if langs else ""}</td>'
                 f'<td class="nowrap">{_esc(d.date) if d.date else "<span class=none>—</span>"}</td>'
                 f'<td class="src">{src_html}</td><td class="num">{len(d.sentences)}</td>'
                 f'<td class="nowrap">{group}</td><td class="num" data-count="doc:{_esc(d.id)}">{per_doc.get(d.ordinal, 0)}</td></tr>')
    p.append('</tbody></table>')
    return p


def _ingest_note(d: _Doc) -> str:
    return f'<span class="inote">{_esc(d.ingest_note)}</span>' if d.ingest_note else ""


def _groups_table(docs: list[_Doc], views: list[_View], per_view: dict) -> list[str]:
    p = ['<h3>Version groups</h3>']
    grouped = [v for v in views if v.group_id is not None]
    if not grouped:
        return p + ['<p class="none">No version groups.</p>']
    p.append('<table class="groups"><thead><tr><th>article</th><th>relation</th><th>score</th><th>versions</th>'
             '<th>aligned rows</th><th>findings</th></tr></thead><tbody>')
    for v in grouped:
        members = "<br>".join([_doc_label(docs[o]) for o in v.docs] + [_copy_label(docs, o) for o in v.copies])
        p.append(f'<tr><td><a href="#v{v.n}" data-view="{v.n}" title="{_esc(v.group_id)}">{_esc(v.name)}</a></td>'
                 f'<td>{_esc(v.relation)}</td><td class="num">{_fmt(v.score)}</td><td>{members}</td>'
                 f'<td class="num">{len(v.rows)}</td><td class="num">{per_view.get(v.n, 0)}</td></tr>')
    p.append('</tbody></table>')
    return p


def _copy_label(docs: list[_Doc], o: int) -> str:
    """A copy named with the document it copies: ``name (identical copy of name)``."""
    return (f'{_doc_label(docs[o])} <span class="copy">(identical copy of '
            f'{_esc(docs[docs[o].copy_of].path)}: not aligned separately)</span>')


def _copies_note(docs: list[_Doc], v: _View) -> str:
    """Under a view's title: which documents are identical copies of a
    column, so that their absence from the columns is explained."""
    if not v.copies:
        return ""
    # paths, not readable names: a copy's name is the name of what it copies
    items = "; ".join(f'<span class="path">{_esc(docs[o].path)}</span> is an identical copy of '
                      f'<span class="path">{_esc(docs[docs[o].copy_of].path)}</span>' for o in v.copies)
    return (f'<p class="copies">{items}: the same text, shown once (its rows and findings are those of the '
            f'document it copies).</p>')


def _summary(report: dict, docs: list[_Doc], views: list[_View], findings: list[_Finding], counts: _Counts) -> str:
    per_doc: dict = {}
    per_view: dict = {}
    for f in findings:
        ords = sorted({e[0] for e in f.evidence if e[0] is not None})
        for o in ords:
            per_doc[o] = per_doc.get(o, 0) + 1
        for vn in sorted({docs[o].view for o in ords}):
            per_view[vn] = per_view.get(vn, 0) + 1
    gen = report.get("generator") or {}
    model = gen.get("model") if isinstance(gen, dict) else None
    n_groups = sum(1 for v in views if v.group_id is not None)
    n_skipped = len(report.get("skipped") or [])
    p = ['<section id="summary"><h2>Summary</h2>',
         '<p class="lead">',
         f'<b data-count="documents">{len(docs)}</b> {_plural_word(len(docs), "document")}, ',
         f'<b data-count="groups">{n_groups}</b> {_plural_word(n_groups, "version group")}, ',
         f'<b data-count="total">{counts.total}</b> {_plural_word(counts.total, "finding")}, ',
         f'<b data-count="skipped">{n_skipped}</b> {_plural_word(n_skipped, "skipped file")}',
         f'{" · model " + _esc(model) if model else ""}'
         f' · schema {_esc(report.get("schema_version", "?"))}</p>']
    if len(docs) == 1:  # as the command line says it (rumorlens.cli.nothing_to_compare)
        p.append('<p class="hint">Only one document: at least two documents are needed to compare versions.</p>')
    p += _counts_table(counts)
    p += _pairs_table(docs, report)
    p += _documents_table(docs, views, per_doc)
    p += _groups_table(docs, views, per_view)
    skipped = report.get("skipped") or []
    if skipped:
        p.append('<h3>Skipped files</h3><ul class="skipped">')
        for s in skipped:
            p.append(f'<li><span class="path">{_esc(s.get("path"))}</span>: {_esc(s.get("reason"))}</li>')
        p.append('</ul>')
    p.append('</section>')
    return "".join(p)


def _plural_word(n: int, one: str) -> str:
    """``one`` or its plural, for a count shown apart from the word."""
    return plural(n, one).split(" ", 1)[1]


def _quote(docs: list[_Doc], ev: tuple, width: int = 160) -> str:
    """The evidence inside its sentence (cut to ``width`` code points around
    it), with the evidence itself marked."""
    o, start, end, text, path = ev
    if o is None:
        return f'<blockquote>{_esc(text)}</blockquote>'
    d = docs[o]
    starts = [a for a, _b, _l in d.sentences]
    j = max(0, bisect.bisect_right(starts, start) - 1)
    a, b = d.sentences[j][0], max(d.sentences[j][1], end)
    a = min(a, start)
    if start - a > width:
        a = start - width
    if b - end > width:
        b = end + width
    lang = d.sentences[j][2] or d.lang
    pre = ("…" if a > d.sentences[j][0] else "") + _esc(d.text[a:start])
    post = _esc(d.text[end:b]) + ("…" if b < d.sentences[j][1] else "")
    return (f'<blockquote lang="{_esc(lang)}">{pre}<mark class="q">{_esc(d.text[start:end])}</mark>'
            f'{post}</blockquote>')


def _pair_options(docs: list[_Doc], findings: list[_Finding]) -> list[tuple[str, str, int]]:
    """Every pair of documents some finding compares (a finding across
    versions compares each pair of its documents): (value "|a|b|" for the
    filter, label with both paths, number of findings), most findings first."""
    path = {d.id: d.path for d in docs}
    n: dict[tuple, int] = {}
    for f in findings:
        ids = sorted(set(f.docs))
        for x in range(len(ids)):
            for y in ids[x + 1:]:
                n[(ids[x], y)] = n.get((ids[x], y), 0) + 1
    return [(f"{a}|{b}", f"{path.get(a, a)} ↔ {path.get(b, b)}", k)
            for (a, b), k in sorted(n.items(), key=lambda kv: (-kv[1], kv[0]))]


def _pairs_table(docs: list[_Doc], report: dict) -> list[str]:
    """The summary's counts by documents compared (click a pair to filter)."""
    rows = (report.get("summary") or {}).get("by_pair") or []
    if not rows:
        return []
    path = {d.id: d.path for d in docs}
    p = ['<h3>Findings by documents compared</h3><table class="pairs"><thead><tr><th>documents</th>'
         '<th class="num">findings</th><th>by category</th></tr></thead><tbody>']
    for r in rows:
        ids = list(r.get("docs") or [])
        attr = f' data-filter-pair="{_esc("|".join(ids))}"' if len(ids) == 2 else ""
        cats = ", ".join(f"{_esc(c)} {k}" for c, k in (r.get("by_category") or {}).items())
        names = " ↔ ".join(_esc(path.get(i, i)) for i in ids) or "(none)"
        p.append(f'<tr{attr}><td class="path">{names}</td><td class="num">{int(r.get("total", 0))}</td>'
                 f'<td>{cats}</td></tr>')
    p.append('</tbody></table>')
    return p


def _findings_list(docs: list[_Doc], findings: list[_Finding], counts: _Counts) -> str:
    by_cat, by_sev = counts.by_cat, counts.by_sev
    p = ['<section id="findings"><h2>Findings</h2><div class="controls">',
         '<label>Category <select id="f-cat"><option value="">all</option>']
    for c in counts.cats:
        if by_cat.get(c):
            p.append(f'<option value="{_esc(c)}">{_esc(c)} ({by_cat[c]})</option>')
    p.append('</select></label> <label>Severity <select id="f-sev"><option value="">all</option>')
    for s in counts.sevs:
        if by_sev.get(s):
            p.append(f'<option value="{_esc(s)}">{_esc(s)} ({by_sev[s]})</option>')
    p.append('</select></label> <label>At least <select id="f-min"><option value="">any severity</option>')
    for s in counts.sevs[:-1]:
        p.append(f'<option value="{_SEV_RANK.get(s, 9)}">{_esc(s)}</option>')
    p.append('</select></label> <label>Pair <select id="f-pair"><option value="">all</option>')
    for key, label, n in _pair_options(docs, findings):
        p.append(f'<option value="{_esc(key)}">{_esc(label)} ({n})</option>')
    p.append('</select></label> <label>Text <input id="f-text" type="search" placeholder="filter"></label> '
             f'<span class="shown"><b id="f-shown">{len(findings)}</b> of {len(findings)} shown</span></div>')
    if not findings:
        p.append('<p class="none">No findings.</p></section>')
        return "".join(p)
    # Grid rows rather than a table: a table lays out every row before the
    # first paint, while rows with content-visibility:auto are laid out only
    # when they come into view (a real report can have a thousand findings).
    p.append('<div id="flist" role="table"><div class="fh" role="row">'
             '<span role="columnheader"><button data-sort="rank" class="sorted asc">#</button></span>'
             '<span role="columnheader"><button data-sort="sev">severity</button></span>'
             '<span role="columnheader"><button data-sort="cat">category</button></span>'
             '<span role="columnheader"><button data-sort="type">type</button></span>'
             '<span role="columnheader" class="num"><button data-sort="conf">conf.</button></span>'
             '<span role="columnheader">explanation and evidence</span><span></span></div>'
             '<div id="fbody" role="rowgroup">')
    for f in findings:
        ev_html = []
        for j, ev in enumerate(f.evidence):
            o = ev[0]
            lang = docs[o].lang if o is not None else ""
            role = f.roles[j] if j < len(f.roles) else None
            if role == "gap":
                ev_html.append(f'<li><span class="path">{_esc(ev[4])}</span> <i>nothing here: the ⁁ in the '
                               f'aligned view marks where it would be</i></li>')
                continue
            text = _cut(docs[o].text[ev[1]:ev[2]] if o is not None else ev[3], QUOTE_LENGTH)
            tag = ' <i class="role">(around it)</i>' if role == "context" else ""
            ev_html.append(f'<li><span class="path">{_esc(ev[4])}</span>{tag} '
                           f'<q lang="{_esc(lang)}">{_esc(text)}</q></li>')
        p.append(f'<div class="f{" st-" + _esc(f.status) if f.status else ""}" role="row" data-k="{f.k}" '
                 f'data-id="{_esc(f.id)}" data-rank="{f.k}" data-fp="{_esc(f.fingerprint)}" '
                 f'data-docs="|{"|".join(_esc(d) for d in f.docs)}|" '
                 f'data-sev="{_esc(f.severity)}" data-sevrank="{_SEV_RANK.get(f.severity, 9)}" '
                 f'data-cat="{_esc(f.category)}" data-type="{_esc(f.type)}" data-conf="{f.confidence:.4f}">'
                 f'<span class="num" role="cell">{f.k + 1}</span><span role="cell">'
                 f'<span class="badge sev-{_esc(f.severity)}">{_esc(f.severity)}</span></span>'
                 f'<span role="cell" class="cat cat-{_esc(f.category)}">{_esc(f.category)}</span>'
                 f'<span role="cell" class="type" title="{_esc(f.type)}">{_esc(type_label(f.type))}</span>'
                 f'<span role="cell" class="num">{f.confidence:.2f}</span>'
                 f'<span role="cell">{status_badge(f.status, f.note)}<span class="expl">{_esc(f.explanation)}</span>'
                 f'<ul class="evl">{"".join(ev_html)}</ul></span>'
                 f'<span role="cell"><button class="go" data-k="{f.k}" title="Show in the aligned view">'
                 f'show ↓</button></span></div>')
    p.append('</div></div></section>')
    return "".join(p)


def type_label(key: str) -> str:
    """A finding type as a reader reads it ("part added"); the report's key
    (part_added) stays in the row's data-type and title, for filters and
    for anyone matching it against report.json."""
    return key.replace("_", " ")


def _conflicts(docs: list[_Doc], findings: list[_Finding]) -> str:
    conf = [f for f in findings if f.category == "conflict"]
    p = ['<section id="conflicts"><h2>Conflicts across articles</h2>']
    if not conf:
        p.append('<p class="none">No conflicting facts between different articles.</p></section>')
        return "".join(p)
    p.append('<p class="hint">Documents that are not versions of each other state different values '
             'for the same thing.</p>')
    for f in conf:
        p.append(f'<article class="conflict" data-k="{f.k}"><header><span class="badge sev-{_esc(f.severity)}">'
                 f'{_esc(f.severity)}</span> <span class="type" title="{_esc(f.type)}">{_esc(type_label(f.type))}</span> '
                 f'<span class="conf">confidence {f.confidence:.2f}</span></header>'
                 f'<p class="expl">{_esc(f.explanation)}</p><div class="sides">')
        for j, ev in enumerate(f.evidence):
            o = ev[0]
            meta = ""
            if o is not None:
                d = docs[o]
                meta = " · ".join(_esc(x) for x in (d.lang, d.date, d.title) if x)
            p.append(f'<div class="side"><div class="who"><span class="path">{_esc(ev[4])}</span> '
                     f'<span class="meta">{meta}</span></div>{_quote(docs, ev)}'
                     f'<button class="go" data-k="{f.k}" data-j="{j}">show in document ↓</button></div>')
        p.append('</div></article>')
    p.append('</section>')
    return "".join(p)


def _row_height_em(members: list[_Doc], cells: dict) -> str:
    """A guess at a row's height before the browser draws it (rows off screen
    are skipped by content-visibility), so the scroll bar barely jumps: about
    160 half-em units per line across a 1300-pixel-wide page."""
    per_line = 160 / max(1, len(members))
    lines = 1
    for d in members:
        units = sum(display_width(d.text[d.display[i][0]:d.display[i][1]]) for i in cells.get(d.ordinal) or [])
        lines = max(lines, -(-units // int(per_line)))
    return f"{lines * 1.6 + 0.7:.1f}"


def _views(docs: list[_Doc], views: list[_View], findings: list[_Finding], toggle: str = "") -> str:
    p = ['<section id="views"><h2>Versions side by side</h2>'
         '<p class="hint">One row per aligned passage. Highlighted text is evidence of a finding: hover for the '
         'explanation, click for details. An empty cell (∅) means that version has nothing there.</p>' + toggle]
    for v in views:
        members = [docs[o] for o in v.docs]
        spans = {d.ordinal: sorted(d.spans) for d in members}
        starts = {o: [s[0] for s in sp] for o, sp in spans.items()}
        if v.group_id is not None:
            copies = f' · {plural(len(v.copies), "identical copy", "identical copies")}' if v.copies else ""
            title = (f'{_esc(v.name)} <small title="{_esc(v.group_id)}">{_esc(v.relation)} · score {_fmt(v.score)} · '
                     f'{plural(len(members), "version")}{copies} · {plural(len(v.rows), "row")}</small>')
        else:
            title = (f'<span title="{_esc(members[0].path)}">{_esc(members[0].name)}</span> '
                     f'<small>not grouped with another version · {plural(len(v.rows), "sentence")}</small>')
        p.append(f'<details class="view" id="v{v.n}" open><summary><h3>{title}</h3></summary>{_copies_note(docs, v)}'
                 f'<label class="onlyf"><input type="checkbox" class="only-f"> only rows with findings</label>'
                 f'<div class="grid" style="--cols:{len(members)}">'
                 f'<div class="colhead"><div class="rn">#</div>')
        for d in members:
            meta = " · ".join(_esc(x) for x in (lang_name(d.lang), d.date, source_name(d.source)) if x)
            p.append(f'<div class="ch" title="{_esc(d.path)}"><span class="title" lang="{_esc(d.lang)}">'
                     f'{_esc(d.name)}</span><span class="meta">{meta}</span></div>')
        p.append('</div>')
        for r, (cells, sim) in enumerate(v.rows):
            body = []
            flagged: set = set()
            for d in members:
                idxs = cells.get(d.ordinal) or []
                if not idxs:
                    body.append(f'<div class="c empty" lang="{_esc(d.lang)}">∅</div>')
                    continue
                parts = []
                for i in idxs:
                    a, b = d.display[i]
                    h, ks = _highlighted(d, a, b, findings, spans[d.ordinal], starts[d.ordinal])
                    flagged |= ks
                    slang = d.sentences[i][2]
                    lang_attr = f' lang="{_esc(slang)}"' if slang and slang not in (d.lang, "und") else ""
                    cue = d.cues.get(i)
                    cue_html = (f'<span class="cue" title="cue {cue_time(cue[0])}–{cue_time(cue[1])}">'
                                f'{cue_time(cue[0])}</span>' if cue else "")
                    parts.append(f'<span class="s" id="s{d.ordinal}-{i}"{lang_attr}>{cue_html}{h}</span>')
                body.append(f'<div class="c" lang="{_esc(d.lang)}">{" ".join(parts)}</div>')
            sev = min((findings[k].severity for k in flagged), key=lambda s: _SEV_RANK.get(s, 9), default="")
            cls = f"row has-f sev-{sev}" if flagged else "row"
            est = _row_height_em(members, cells)
            sim_html = f'<span class="sim" title="bead similarity">{_fmt(sim)}</span>' if sim is not None else ""
            p.append(f'<div class="{cls}" id="r{v.n}-{r}" style="contain-intrinsic-size:auto {est}em">'
                     f'<div class="rn">{r + 1}{sim_html}</div>{"".join(body)}</div>')
        p.append('</div></details>')
    p.append('</section>')
    return "".join(p)


def _findings_json(docs: list[_Doc], findings: list[_Finding]) -> str:
    data = []
    for f in findings:
        data.append({
            "id": f.id, "category": f.category, "type": f.type, "severity": f.severity, "fp": f.fingerprint,
            "status": f.status,
            "confidence": round(f.confidence, 4), "explanation": f.explanation,
            "evidence": [{"path": ev[4], "lang": docs[ev[0]].lang if ev[0] is not None else "",
                          "name": _cut(docs[ev[0]].name, 48) if ev[0] is not None else "",
                          "text": _cut(docs[ev[0]].text[ev[1]:ev[2]] if ev[0] is not None else ev[3],
                                       QUOTE_LENGTH)}
                         for ev in f.evidence],
        })
    s = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    s = _SURROGATES.sub("\ufffd", s)
    # Inside <script> only "</script" and "<!--" matter; escaping every <, >
    # and & keeps the JSON valid and the HTML parser out of it.
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _named(report: dict, docs: list[_Doc], views: list[_View]) -> Names:
    """Readable names on the documents and views (rumorlens.names)."""
    names = Names(report)
    for d in docs:
        d.name, d.label = names.name(d.id), names.label(d.id)
    for v in views:
        v.name = names.group_name(v.group_id) if v.group_id is not None else docs[v.docs[0]].name
    return names


def render_html(report: dict, *, review: Optional[dict] = None, gloss: bool = True) -> str:
    """The report as one self-contained HTML page (a str; write it as UTF-8).

    ``review``: served by ``rumorlens serve`` ({"token", "decisions"}): the
    findings get triage buttons and the page may talk to the server that
    served it (and to nothing else).  ``gloss``: dictionary glosses on
    hover in the aligned view, where a dictionary is installed."""
    docs = _read_docs(report)
    doc_index = {d.id: d for d in docs}
    findings = _read_findings(report, doc_index)
    for f in findings:
        for j, (o, start, end, _t, _p) in enumerate(f.evidence):
            role = f.roles[j] if j < len(f.roles) else None
            if o is None or role == "context":  # context is listed with the finding, not painted
                continue
            if role == "gap":
                docs[o].gaps.append((start, f.k, j))
            else:
                docs[o].spans.append((start, end, f.k, j, _is_passage(f, start, end)))
    views = _build_views(report, docs)
    names = _named(report, docs, views)
    counts = _counts(report, findings)

    nav = ['<a href="#digest">Story</a>', '<a href="#summary">Summary</a>', '<a href="#findings">Findings</a>',
           '<a href="#conflicts">Conflicts</a>']
    grouped = [v for v in views if v.group_id is not None]
    for v in grouped:
        nav.append(f'<a href="#v{v.n}" data-view="{v.n}" title="{_esc(v.group_id)}">{_esc(_cut(v.name, 32))}</a>')
    if len(grouped) < len(views):
        first_alone = next(v for v in views if v.group_id is None)
        nav.append(f'<a href="#v{first_alone.n}" data-view="{first_alone.n}">ungrouped</a>')
    if report.get("suppressed"):
        nav.append('<a href="#suppressed">Suppressed</a>')
    k_of_id = {f.id: f.k for f in findings}
    toggle, gloss_data = gloss_block(report, gloss)
    body = (f'<nav id="top"><b>rumorlens</b>{"".join(nav)}</nav><main>'
            f'{digest_section(report, names, k_of_id)}'
            f'{_summary(report, docs, views, findings, counts)}{_findings_list(docs, findings, counts)}'
            f'{_conflicts(docs, findings)}{_views(docs, views, findings, toggle)}'
            f'{suppressed_section(report, names)}</main>'
            '<aside id="panel" hidden><button id="panel-close" title="Close">×</button><div id="panel-body"></div>'
            '</aside>')
    connect = " connect-src 'self';" if review else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"rumorlens\">\n"  # ingest skips its own views
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';" + connect +
            " style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
            "<link rel=\"icon\" href=\"data:,\">\n"
            f"<title>rumorlens report · {plural(len(docs), 'document')} · {plural(len(findings), 'finding')}</title>\n"
            f"<style>{_CSS}{REVIEW_CSS}</style>\n</head>\n<body>\n{body}\n"
            f"<script type=\"application/json\" id=\"rl-findings\">{_findings_json(docs, findings)}</script>\n"
            f"{review_json(review)}{gloss_data}"
            f"<script>{_JS}</script>\n<script>{REVIEW_JS}</script>\n<script>{GLOSS_JS}</script>\n</body>\n</html>\n")


_CSS = """
:root{--fg:#1d1d1f;--muted:#6b6b70;--line:#e2e2e6;--bg:#fff;--soft:#f6f6f8;--nav:2.6rem;
--high:#d92d20;--medium:#e8890c;--low:#7a8ca3;--hl-high:#fde2df;--hl-medium:#feefc7;--hl-low:#e6edf5;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",
"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;color:var(--fg);background:var(--bg)}
:lang(zh){font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans SC",system-ui,sans-serif;line-height:1.75}
:lang(fr),:lang(en){hyphens:auto}
*{box-sizing:border-box}
body{margin:0;font-size:15px;line-height:1.5}
nav#top{position:sticky;top:0;z-index:20;height:var(--nav);display:flex;gap:1.1rem;align-items:center;
padding:0 1.2rem;background:#20242c;color:#fff;overflow-x:auto;white-space:nowrap}
nav#top a{color:#cfd6e4;text-decoration:none;font-size:.9rem}
nav#top a:hover{color:#fff;text-decoration:underline}
main{padding:0 1.2rem 40vh;max-width:1800px;margin:0 auto}
h2{margin:1.6rem 0 .6rem;font-size:1.35rem;border-bottom:2px solid var(--line);padding-bottom:.25rem;
scroll-margin-top:calc(var(--nav) + .5rem)}
h3{font-size:1.05rem;margin:1.1rem 0 .4rem}
section{scroll-margin-top:var(--nav)}
.lead{font-size:1.05rem}
.nowrap{white-space:nowrap}
.hint,.none,.copy,.copies{color:var(--muted)}
table{border-collapse:collapse;margin:.3rem 0 1rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.counts td{text-align:right;min-width:4.2em;cursor:pointer;font-variant-numeric:tabular-nums}
.counts td:hover{background:var(--soft);text-decoration:underline}
.counts td.zero{color:#b9b9c0}
.pairs tr[data-filter-pair]{cursor:pointer}.pairs tr[data-filter-pair]:hover{background:var(--soft)}
.counts tfoot td,.counts tfoot th{font-weight:600;border-top:2px solid var(--line)}
.path{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.85em;
word-break:break-all}
.lang{font-size:.75em;color:var(--muted);text-transform:uppercase}
td.src{max-width:22rem;word-break:break-all;font-size:.85em}
.badge{display:inline-block;padding:0 .45em;border-radius:.6em;font-size:.78rem;font-weight:600;color:#fff;
background:var(--low)}
.badge.sev-high{background:var(--high)}.badge.sev-medium{background:var(--medium)}
.cat{font-size:.85rem;font-weight:600}
.controls{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin:.4rem 0 .6rem}
.controls select,.controls input{font:inherit;padding:.15rem .3rem}
#flist .fh,#flist .f{display:grid;gap:0 .7rem;padding:.35rem .4rem;border-bottom:1px solid var(--line);
grid-template-columns:2.6em 5em 6.2em minmax(5em,10em) 3em minmax(0,1fr) 5em;align-items:start}
#flist .fh{background:var(--soft);font-weight:600}
#fbody{max-height:75vh;overflow-y:auto;overscroll-behavior:contain;border-bottom:2px solid var(--line)}
#flist .fh button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0}
#flist .fh button.sorted.asc::after{content:" ▲";font-size:.7em}
#flist .fh button.sorted.desc::after{content:" ▼";font-size:.7em}
#flist .f{cursor:pointer;content-visibility:auto;contain-intrinsic-size:auto 4.6em}
#flist .f[hidden]{display:none}
#flist .f:hover{background:#fafafc}
#flist .f.flash{animation:flash 1.6s ease-out}
#flist .num{text-align:right;font-variant-numeric:tabular-nums}
#flist .type{font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}
.expl{display:block}
.expl{max-width:60rem}
ul.evl{margin:.2rem 0 0;padding-left:1.1rem;font-size:.88rem;color:#3a3a40}
ul.evl q{quotes:"«" "»"}
button.go{font:inherit;font-size:.82rem;border:1px solid var(--line);background:var(--soft);border-radius:4px;
cursor:pointer;padding:.1rem .45rem;white-space:nowrap}
button.go:hover{background:#e8ecf4}
article.conflict{border:1px solid var(--line);border-left:4px solid var(--low);border-radius:6px;
padding:.5rem .8rem;margin:.6rem 0}
article.conflict:has(.sev-high){border-left-color:var(--high)}
article.conflict:has(.sev-medium){border-left-color:var(--medium)}
article.conflict .conf{color:var(--muted);font-size:.85rem}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.8rem}
.side blockquote{margin:.3rem 0;padding:.35rem .6rem;background:var(--soft);border-left:3px solid var(--line)}
mark.q{background:var(--hl-high);font-weight:600;color:inherit}
.meta{color:var(--muted);font-size:.82rem;margin-left:.4rem}
details.view{margin:1rem 0 2rem;scroll-margin-top:var(--nav)}
details.view>summary{cursor:pointer;list-style-position:outside}
details.view>summary h3{display:inline;margin:0}
details.view small{font-weight:normal;color:var(--muted)}
.onlyf{display:block;margin:.3rem 0;font-size:.9rem;color:var(--muted)}
.grid{--cols:2;border-top:1px solid var(--line)}
.row,.colhead{display:grid;grid-template-columns:3.4em repeat(var(--cols),minmax(0,1fr));gap:0 1rem}
.colhead{position:sticky;top:var(--nav);z-index:5;background:#fff;border-bottom:2px solid var(--line);
padding:.35rem 0}
.ch{display:flex;flex-direction:column;min-width:0}
.ch .meta{margin:0}.ch .title{font-size:.85rem;font-weight:600;overflow:hidden;text-overflow:ellipsis;
white-space:nowrap}
.row{border-bottom:1px solid #f0f0f3;padding:.3rem 0;border-left:3px solid transparent;
content-visibility:auto;contain-intrinsic-size:auto 3.2em}
.row.has-f{border-left-color:var(--low);background:#fcfcfd}
.row.has-f.sev-high{border-left-color:var(--high)}.row.has-f.sev-medium{border-left-color:var(--medium)}
.grid.only-f .row:not(.has-f){display:none}
.rn{color:#a0a0a8;font-size:.75rem;text-align:right;padding-right:.3rem;font-variant-numeric:tabular-nums}
.rn .sim{display:block;font-size:.68rem;color:#b6b6bd}
.c{min-width:0;overflow-wrap:anywhere}
.c.empty{color:#c4c4cb;text-align:center}
.row:target{background:#fffbe6}
mark.ev{background:var(--hl-low);color:inherit;border-bottom:2px solid var(--low);cursor:pointer;
border-radius:2px;padding:0 1px}
mark.ev.sev-medium{background:var(--hl-medium);border-bottom-color:var(--medium)}
mark.ev.sev-high{background:var(--hl-high);border-bottom-color:var(--high)}
mark.ev.wide{background:none;border-bottom:1px dashed var(--low);padding:0}
mark.ev.wide.sev-medium{border-bottom-color:var(--medium)}mark.ev.wide.sev-high{border-bottom-color:var(--high)}
mark.ev.wide.active{background:#eef3ff}
mark.ev.gap{background:none;border:1px dashed var(--low);color:var(--low);font-weight:700;padding:0 .15em;margin:0 .1em}
mark.ev.gap.sev-medium{border-color:var(--medium);color:var(--medium)}mark.ev.gap.sev-high{border-color:var(--high);color:var(--high)}
mark.ev:hover,mark.ev:focus{outline:2px solid #5b8def;outline-offset:1px}
mark.ev.active{outline:2px solid #1f5fd6;outline-offset:1px;box-shadow:0 0 0 4px rgba(31,95,214,.18)}
mark.ev.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%,30%{background:#ffd84d}100%{}}
#panel{position:fixed;right:1rem;bottom:1rem;width:min(34rem,calc(100vw - 2rem));max-height:40vh;overflow:auto;
z-index:30;background:#fff;border:1px solid #c9ccd3;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.18);
padding:.7rem .9rem}
#panel[hidden]{display:none}
#panel-close{position:sticky;top:0;float:right;border:0;background:none;font-size:1.4rem;cursor:pointer;
line-height:1}
#panel .pf{border-top:1px solid var(--line);padding:.45rem 0}
#panel .pf:first-of-type{border-top:0}
#panel .pf .hd{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;font-size:.88rem}
#panel .pf ul{margin:.25rem 0;padding-left:1.1rem;font-size:.88rem}
#panel .pf .links{display:flex;gap:.4rem;flex-wrap:wrap}
@media (max-width:1280px){#panel{left:0;right:0;bottom:0;width:auto;max-height:30vh;border-radius:8px 8px 0 0;
font-size:.92em}}
@media (max-width:900px){.row,.colhead{gap:0 .5rem}body{font-size:14px}}
.inote{display:block;font-size:.78rem;color:#8a4b00}
td.dname{max-width:26rem}
"""

_JS = r"""
(function(){
"use strict";
var F=JSON.parse(document.getElementById("rl-findings").textContent);
var views=document.getElementById("views");
var panel=document.getElementById("panel"),pbody=document.getElementById("panel-body");
var active=[];
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function marksOf(k,j){
  var sel=(j==null)?'mark.ev[data-f~="'+k+'"]':'mark.ev[data-e~="'+k+':'+j+'"]';
  return views.querySelectorAll(sel);
}
function flash(e){e.classList.remove("flash");void e.offsetWidth;e.classList.add("flash");}
// Rows with content-visibility:auto take their real height only once drawn,
// which moves the target after a scroll: aim again until it stays put.
function settle(t,n,done){
  requestAnimationFrame(function(){
    var r=t.getBoundingClientRect(),mid=r.top+r.height/2,want=window.innerHeight/2;
    if(n>0&&Math.abs(mid-want)>window.innerHeight/4){t.scrollIntoView({block:"center"});settle(t,n-1,done);}
    else done();
  });
}
function jump(k,j){
  var ms=marksOf(k,j);
  if(!ms.length&&j!=null)ms=marksOf(k,null);
  if(!ms.length)return false;
  active.forEach(function(m){m.classList.remove("active");});
  active=Array.prototype.slice.call(marksOf(k,null));
  active.forEach(function(m){m.classList.add("active");});
  var t=ms[0];
  var det=t.closest("details");if(det&&!det.open)det.open=true;
  t.scrollIntoView({block:"center"});
  settle(t,12,function(){Array.prototype.forEach.call(ms,flash);});
  show([k]);
  return true;
}
function toList(k){
  var tr=document.querySelector('#fbody .f[data-k="'+k+'"]');
  if(!tr)return;
  if(tr.hidden){resetFilters();}
  tr.scrollIntoView({block:"center"});settle(tr,12,function(){flash(tr);});
}
function show(ks){
  while(pbody.firstChild)pbody.removeChild(pbody.firstChild);
  ks.forEach(function(k){
    var f=F[k];if(!f)return;
    var box=el("div","pf");
    var hd=el("div","hd");
    hd.appendChild(el("span","badge sev-"+f.severity,f.severity));
    hd.appendChild(el("span","cat cat-"+f.category,f.category));
    hd.appendChild(el("span","type",f.type.replace(/_/g," ")));
    hd.appendChild(el("span","meta","confidence "+f.confidence.toFixed(2)));
    box.appendChild(hd);
    box.appendChild(el("p","expl",f.explanation));
    var ul=el("ul");
    f.evidence.forEach(function(ev){
      var li=el("li"),who=el("span","docname",ev.name||ev.path);who.title=ev.path;li.appendChild(who);
      li.appendChild(document.createTextNode(" "));
      var q=el("q",null,ev.text);if(ev.lang)q.lang=ev.lang;li.appendChild(q);ul.appendChild(li);
    });
    box.appendChild(ul);
    var links=el("div","links");
    var b=el("button","go","in the findings list");b.addEventListener("click",function(){toList(k);});
    links.appendChild(b);
    f.evidence.forEach(function(ev,j){
      var g=el("button","go","show in "+(ev.name||ev.path));g.title=ev.path;g.addEventListener("click",function(){jump(k,j);});
      links.appendChild(g);
    });
    box.appendChild(links);
    pbody.appendChild(box);
  });
  panel.hidden=false;shownAt=Date.now();
}
document.getElementById("panel-close").addEventListener("click",function(){panel.hidden=true;});
// The panel explains what was clicked in one group: it closes when the
// reader goes to another group (a link, or scrolling there).
var shownAt=0;
function viewAt(y){var e=document.elementFromPoint(window.innerWidth/3,y);var d=e&&e.closest("details.view");return d?d.id:null;}
function panelView(){var m=active[0];var d=m&&m.closest("details.view");return d?d.id:null;}
var ticking=false;
window.addEventListener("scroll",function(){
  if(panel.hidden||ticking)return;ticking=true;
  requestAnimationFrame(function(){ticking=false;
    if(Date.now()-shownAt<1500)return;
    var pv=panelView(),here=viewAt(window.innerHeight/2);
    if(pv&&here!==pv)panel.hidden=true;});
});
document.querySelectorAll("nav#top a").forEach(function(a){a.addEventListener("click",function(){panel.hidden=true;});});
document.addEventListener("keydown",function(e){if(e.key==="Escape")panel.hidden=true;});
views.addEventListener("click",function(e){
  var m=e.target.closest("mark.ev");if(!m)return;
  active.forEach(function(x){x.classList.remove("active");});
  var ks=m.getAttribute("data-f").split(" ").map(Number);
  active=[];ks.forEach(function(k){Array.prototype.forEach.call(marksOf(k,null),function(x){x.classList.add("active");active.push(x);});});
  show(ks);
});
views.addEventListener("keydown",function(e){
  if(e.key==="Enter"&&e.target.matches("mark.ev")){e.target.click();}
});
views.addEventListener("change",function(e){
  if(e.target.classList.contains("only-f")){
    e.target.closest("details").querySelector(".grid").classList.toggle("only-f",e.target.checked);
  }
});
document.addEventListener("click",function(e){
  var b=e.target.closest("button.go[data-k]");
  if(b){e.stopPropagation();jump(+b.getAttribute("data-k"),b.hasAttribute("data-j")?+b.getAttribute("data-j"):null);return;}
  var tr=e.target.closest("#fbody .f");
  if(tr&&!e.target.closest("a,button,input,select")){jump(+tr.getAttribute("data-k"),null);return;}
  var a=e.target.closest("a[data-view]");
  if(a){var d=document.getElementById("v"+a.getAttribute("data-view"));if(d&&d.tagName==="DETAILS")d.open=true;}
});
/* findings list: filter and sort */
var fcat=document.getElementById("f-cat"),fsev=document.getElementById("f-sev"),ftext=document.getElementById("f-text");
var fmin=document.getElementById("f-min"),fpair=document.getElementById("f-pair");
var shown=document.getElementById("f-shown");
var tbody=document.getElementById("fbody");
function applyFilters(){
  if(!tbody)return;
  var c=fcat.value,s=fsev.value,t=ftext.value.trim().toLowerCase(),n=0;
  var m=fmin.value,pr=fpair.value?fpair.value.split("|"):[];
  Array.prototype.forEach.call(tbody.children,function(r){
    var d=r.getAttribute("data-docs")||"";
    var ok=(!c||r.getAttribute("data-cat")===c)&&(!s||r.getAttribute("data-sev")===s)&&
      (!m||+r.getAttribute("data-sevrank")<=+m)&&
      pr.every(function(x){return d.indexOf("|"+x+"|")>=0;})&&
      (!t||r.textContent.toLowerCase().indexOf(t)>=0);
    r.hidden=!ok;if(ok)n++;
  });
  shown.textContent=String(n);
}
function resetFilters(){fcat.value="";fsev.value="";fmin.value="";fpair.value="";ftext.value="";applyFilters();}
function setOption(sel,v){sel.value=v;if(sel.value!==v)sel.value="";}
fcat.addEventListener("change",applyFilters);fsev.addEventListener("change",applyFilters);
fmin.addEventListener("change",applyFilters);fpair.addEventListener("change",applyFilters);
ftext.addEventListener("input",applyFilters);
var ptable=document.querySelector("table.pairs");
if(ptable)ptable.addEventListener("click",function(e){
  var tr=e.target.closest("tr[data-filter-pair]");if(!tr)return;
  setOption(fpair,tr.getAttribute("data-filter-pair"));applyFilters();
  document.getElementById("findings").scrollIntoView({block:"start"});
});
document.querySelector("table.counts").addEventListener("click",function(e){
  var td=e.target.closest("td[data-filter-cat]");if(!td)return;
  setOption(fcat,td.getAttribute("data-filter-cat"));setOption(fsev,td.getAttribute("data-filter-sev"));
  ftext.value="";applyFilters();document.getElementById("findings").scrollIntoView({block:"start"});
});
var keys={rank:function(r){return +r.getAttribute("data-rank");},
  sev:function(r){return +r.getAttribute("data-sevrank");},
  cat:function(r){return r.getAttribute("data-cat");},
  type:function(r){return r.getAttribute("data-type");},
  conf:function(r){return -r.getAttribute("data-conf");}};
document.querySelectorAll("#flist .fh button[data-sort]").forEach(function(b){
  b.addEventListener("click",function(){
    var name=b.getAttribute("data-sort"),key=keys[name];
    var dir=(b.classList.contains("sorted")&&b.classList.contains("asc"))?-1:1;
    document.querySelectorAll("#flist .fh button").forEach(function(x){x.classList.remove("sorted","asc","desc");});
    b.classList.add("sorted",dir>0?"asc":"desc");
    var rows=Array.prototype.slice.call(tbody.children);
    rows.sort(function(x,y){var a=key(x),c=key(y);
      var r=a<c?-1:a>c?1:0;if(!r)r=keys.rank(x)-keys.rank(y);return r*dir;});
    rows.forEach(function(r){tbody.appendChild(r);});
  });
});
})();
"""
