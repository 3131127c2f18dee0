"""Findings across the versions of one article.

The pairwise checks compare two versions at a time.  When an article has
three or more versions, a difference found between A and B is checked
against the others, using the alignment groups (``grouping.alignment_groups``:
one row per passage, across every version):

- the same difference seen from two pairs that share one version -- (A, B)
  and (C, B) -- where A and C do not differ there, is one finding: B is the
  odd one out ("the French differs from both Chinese versions"), its evidence
  covers every version involved and it names them all;
- a difference between A and B with a value (a figure, a date, a name) is
  looked up in the other versions' passage: when C states A's value, B is the
  odd one out; when C states B's, A is;
- content one version lacks (an omission) that a third version has in the
  same passage is said to be missing from the one version only.

Each finding also learns which passages (rows of the alignment groups) its
evidence falls in (``Finding.passages``), for the report's per-article view.
Ids stay content hashes of the evidence (``pair.finding_id``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from ..langs import lang_name
from ..mentions.crossling import compare_numbers
from ..mentions.entities import entity_key
from ..records import AlignmentGroup, DocGroup, Document, Evidence, Finding, Mention, PairAlignment, Sentence
from .calibration import LEFT_OUT
from .pair import SEVERITY_RANK, finding_id, median_mad, robust_z
from .thresholds import thresholds

PLACE_ROLES = ("gap", "context")
# the direction part of a claim finding's type (compare.claims, compare.share)
_DIRECTION = re.compile(r"_(?:dropped|added|raised|lowered)$")
# one move of epistemic modality, named by what the other version says: 可能 'may' dropped is
# hedge_dropped against a plain statement, modality_changed against « ouvrira », certainty_lowered
# against 肯定 (a break test of session 62: one change of three versions told as two findings)
_CERTAINTY_MOVES = {"hedge": "certainty", "modality_changed": "certainty"}
# the kind of content a one-sided finding is about, whichever side has it
_ONE_SIDED_FAMILY = {
    "sentence_missing": "passage", "sentence_added": "passage", "part_missing": "passage", "part_added": "passage",
    "hedge_dropped": "hedge", "hedge_added": "hedge", "number_missing": "number", "number_added": "number",
    "missing": "name", "added": "name", "denial_dropped": "denial", "denial_added": "denial",
    "date_missing": "date", "date_added": "date",
}


@dataclass
class Versions:
    """What consolidation reads about a corpus: documents, their sentences
    (and where each starts), the passage (alignment-group row) of every
    sentence, the group of every document, and mentions."""

    docs: dict[str, Document]
    sentences: dict[str, list[Sentence]]
    groups: dict[str, DocGroup]  # document id -> its group
    row_of: dict = field(default_factory=dict)  # (doc id, sentence index) -> "group:row"
    row_members: dict = field(default_factory=dict)  # "group:row" -> {doc id: [sentence indices]}
    mentions: dict = field(default_factory=dict)  # doc id -> MentionIndex
    # (doc a, sentence i, doc b) -> [(sentence j of b, robust z of their bead's similarity in the pair)]
    links: dict = field(default_factory=dict)
    starts: dict = field(default_factory=dict)

    def __post_init__(self):
        self.starts = {d: [s.start for s in ss] for d, ss in self.sentences.items()}


def versions(docs: list[Document], sentences: dict[str, list[Sentence]], groups: list[DocGroup],
             agroups: list[AlignmentGroup], alignments: list[PairAlignment], mentions: Optional[dict] = None
             ) -> Versions:
    v = Versions({d.id: d for d in docs}, sentences, {d: g for g in groups for d in g.docs},
                 mentions=mentions or {})
    for a in agroups:
        key = f"{a.group}:{a.index}"
        v.row_members[key] = {d: list(idx) for d, idx in a.sentences.items()}
        for d, idx in a.sentences.items():
            for i in idx:
                v.row_of[(d, i)] = key
    for pa in alignments:
        _add_links(v, pa)
    return v


def _add_links(v: Versions, pa: PairAlignment) -> None:
    """Which sentences each two-sided bead of a pair links, and how good the
    bead is for that pair (robust z of its similarity)."""
    two = [b for b in pa.beads if b.src and b.tgt]
    if not two:
        return
    med, mad = median_mad([b.score for b in two])
    for b in two:
        z = robust_z(b.score, med, mad)
        for i in b.src:
            v.links.setdefault((pa.src_doc, i, pa.tgt_doc), []).extend((j, z) for j in b.tgt)
        for j in b.tgt:
            v.links.setdefault((pa.tgt_doc, j, pa.src_doc), []).extend((i, z) for i in b.src)


# --------------------------------------------------------------------------
# where a finding sits


def _sentences_touched(v: Versions, ev: Evidence) -> list[int]:
    starts = v.starts.get(ev.doc)
    if not starts:
        return []
    sents = v.sentences[ev.doc]
    if ev.end <= ev.start:  # a point: the sentence it falls in, or the one it follows
        k = bisect.bisect_right(starts, ev.start) - 1
        return [k] if k >= 0 else [0]
    first = max(0, bisect.bisect_right(starts, ev.start) - 1)
    return [k for k in range(first, len(sents)) if sents[k].start < ev.end and ev.start < sents[k].end]


def rows_by_doc(f: Finding, v: Versions, roles=(None, "cue")) -> dict[str, set[str]]:
    """The passages (alignment rows) of each document that the finding's
    evidence of the given roles falls in."""
    out: dict[str, set[str]] = {}
    for ev in f.evidence:
        if ev.role not in roles:
            continue
        for k in _sentences_touched(v, ev):
            row = v.row_of.get((ev.doc, k))
            if row is not None:
                out.setdefault(ev.doc, set()).add(row)
    return out


def set_passages(findings: list[Finding], v: Versions) -> None:
    """``Finding.passages``: every passage its evidence (context aside) falls in."""
    for f in findings:
        rows = rows_by_doc(f, v, roles=(None, "cue", "gap"))
        f.passages = sorted({r for rs in rows.values() for r in rs}, key=_row_key)


def _row_key(row: str):
    g, _, i = row.rpartition(":")
    return (g, int(i))


# --------------------------------------------------------------------------
# the same difference from two pairs


def _family(f: Finding) -> tuple:
    """What a finding is about, whichever pair it came from: for content on
    one side, ("one", kind, the document that has it); else ("two", category),
    and for a claim its move, the type without its direction (hedge_dropped
    and hedge_added are one move seen from two pairs; a hedge, a modality
    and a certainty changed are one move of epistemic modality): each move
    is a difference of its own (a restriction dropped is not a certainty
    raised, though both may bear on one clause of the odd version: the
    sample corpus's 在某些任务上 against two retellings)."""
    has = LEFT_OUT.get((f.category, f.type))
    if has:
        return ("one", _ONE_SIDED_FAMILY[f.type], f.docs[0] if has == "src" else f.docs[1])
    if f.category == "claim":
        move = _DIRECTION.sub("", f.type)
        return ("two", "claim/" + _CERTAINTY_MOVES.get(move, move), None)
    return ("two", f.category, None)


def _own(f: Finding, doc: str) -> list[Evidence]:
    return [e for e in f.evidence if e.doc == doc and e.role not in PLACE_ROLES]


def _overlap(a: list[Evidence], b: list[Evidence]) -> bool:
    return any(x.start < y.end and y.start < x.end or (x.start, x.end) == (y.start, y.end) for x in a for y in b)


def _same_difference(f: Finding, g: Finding, odd: str, v: Versions) -> bool:
    """f on (X, odd) and g on (Z, odd) report one difference of ``odd``:
    the same family of finding, and the same place -- the same span of the
    odd version, or (for content the odd version lacks) the same content in
    X and Z, aligned to each other by a bead that is good for their pair."""
    ff, fg = _family(f), _family(g)
    if ff[:2] != fg[:2]:
        return False
    if ff[0] == "two" or (ff[2] == odd) != (fg[2] == odd):
        return ff[0] == "two" and _overlap(_own(f, odd), _own(g, odd))
    if ff[2] == odd:  # the odd version has content neither other has: the same content
        return _overlap(_own(f, odd), _own(g, odd))
    x, z = ff[2], fg[2]
    ex, ez = _own(f, x), _own(g, z)
    if ff[1] in ("name", "number"):  # the same name or figure on both sides
        return bool(ex and ez) and _same_value(ex[0], ez[0])
    return _linked(v, ex, ez)


def _same_value(a: Evidence, b: Evidence) -> bool:
    if isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)):
        return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))
    return a.value is not None and a.value == b.value


def _linked(v: Versions, ex: list[Evidence], ez: list[Evidence]) -> bool:
    """Some sentence of ``ex`` and some of ``ez`` share a bead of their own
    pair whose similarity is not low for that pair."""
    floor = thresholds()["content_min_robust_z"]
    for e in ex:
        js = {j for e2 in ez for j in _sentences_touched(v, e2)}
        for i in _sentences_touched(v, e):
            if any(j in js and zz >= floor for j, zz in v.links.get((e.doc, i, ez[0].doc if ez else ""), [])):
                return True
    return False


def _sentences(f: Finding, doc: str, v: Versions) -> set[int]:
    """Sentences of ``doc`` that the finding's own evidence touches."""
    return {k for e in _own(f, doc) for k in _sentences_touched(v, e)}


def _differ_too(f: Finding, g: Finding, odd: str, index: "_GroupIndex", v: Versions) -> bool:
    """Do the two other versions also differ from each other there (a finding
    of the same family between them on the same sentences)?"""
    x = next(d for d in f.docs if d != odd)
    z = next(d for d in g.docs if d != odd)
    fx, gz = _sentences(f, x, v), _sentences(g, z, v)
    for h in index.between(x, z, _family(f)[:2]):
        if _sentences(h, x, v) & fx or _sentences(h, z, v) & gz:
            return True
    return False


class _GroupIndex:
    """The pairwise findings of one group of versions (``pool``, in its
    order) by document and by pair of documents and family: a finding's
    partners share one of its documents, and whether the other two
    versions differ too is a finding between them.  Scanning the whole
    pool for both was cubic in a group's findings (a story in 120 versions:
    6,327 findings, 244 s)."""

    def __init__(self, pool: list[Finding]) -> None:
        self.position = {id(f): k for k, f in enumerate(pool)}
        self.by_doc: dict[str, list[Finding]] = {}
        self.by_pair: dict[tuple, list[Finding]] = {}
        for f in pool:
            for d in set(f.docs):
                self.by_doc.setdefault(d, []).append(f)
            self.by_pair.setdefault((frozenset(f.docs), _family(f)[:2]), []).append(f)

    def sharing(self, f: Finding) -> list[Finding]:
        """The findings that name a document of ``f``, in pool order."""
        found = {id(g): g for d in set(f.docs) for g in self.by_doc.get(d, [])}
        return sorted(found.values(), key=lambda g: self.position[id(g)])

    def between(self, x: str, z: str, family: tuple) -> list[Finding]:
        return self.by_pair.get((frozenset((x, z)), family), [])


def _partner(f: Finding, index: _GroupIndex, used: set, v: Versions):
    """The strongest other finding that reports f's difference from another
    pair sharing one version, that version, or (None, None).  ``index``:
    the pairwise findings of f's group of versions (any other finding
    shares no version with f)."""
    for g in index.sharing(f):
        if g is f or id(g) in used or len(g.docs) != 2:
            continue
        shared = set(f.docs) & set(g.docs)
        if len(shared) != 1 or set(f.docs) == set(g.docs):
            continue
        odd = shared.pop()
        if _same_difference(f, g, odd, v) and not _differ_too(f, g, odd, index, v):
            return g, odd
    return None, None


# --------------------------------------------------------------------------
# building the consolidated finding


def label(v: Versions, doc_id: str) -> str:
    """A version as explanations name it: its language, with its file when
    another version of its group has the same language."""
    d = v.docs[doc_id]
    group = v.groups.get(doc_id)
    twins = [o for o in (group.docs if group else []) if o != doc_id and v.docs[o].lang == d.lang]
    return lang_name(d.lang) if not twins else f"{lang_name(d.lang)} of {d.path.rsplit('/', 1)[-1]}"


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evidence:
        key = (e.doc, e.start, e.end, e.role)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def odd_one_out(base: Finding, others: list[str], odd: str, evidence: list[Evidence], v: Versions,
                confidence: float, lead: str) -> Finding:
    """``base`` restated across versions: ``odd`` differs from all ``others``."""
    ev = _unique(list(base.evidence) + list(evidence))
    names = [f"the {label(v, d)}" for d in others]
    expl = f"The {label(v, odd)} differs from {_joined(names)}{lead}: {base.explanation}"
    docs = list(others) + [odd]
    return Finding(id=finding_id(base.category, base.type, ev), category=base.category, type=base.type,
                   severity=base.severity, confidence=round(min(1.0, confidence), 3), evidence=ev,
                   explanation=expl, docs=docs, bead=None)


def _merge(f: Finding, g: Finding, odd: str, v: Versions) -> Finding:
    strong, weak = sorted((f, g), key=_rank)
    others = [d for d in strong.docs if d != odd] + [d for d in weak.docs if d != odd]
    conf = max(f.confidence, g.confidence) + 0.05  # two comparisons agree
    out = odd_one_out(strong, others, odd, weak.evidence, v, conf, ", which agree here")
    out.severity = min(f.severity, g.severity, key=lambda s: SEVERITY_RANK[s])
    return out


def _rank(f: Finding):
    return (SEVERITY_RANK[f.severity], -f.confidence, f.category, f.type, f.id)


# --------------------------------------------------------------------------
# a difference checked against the other versions


def _mention_at(v: Versions, ev: Evidence) -> Optional[Mention]:
    index = v.mentions.get(ev.doc)
    if index is None:
        return None
    for m in index.inside(ev.start, ev.end):
        if (m.start, m.end) == (ev.start, ev.end):
            return m
    return None


def _agrees(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "number":
        return compare_numbers(a, b).relation == "equal"
    if a.kind == "entity":
        return entity_key(a) == entity_key(b)
    return a.value is not None and a.value == b.value


def _third_versions(f: Finding, v: Versions) -> dict[str, list[int]]:
    """The other versions' sentences aligned (by a bead of their own pair,
    not low for that pair) with the sentences of f's evidence."""
    floor = thresholds()["content_min_robust_z"]
    out: dict[str, set[int]] = {}
    for doc in f.docs:
        for i in _sentences(f, doc, v):
            for (a, k, c), linked in _links_from(v, doc, i):
                if c not in f.docs:
                    out.setdefault(c, set()).update(j for j, z in linked if z >= floor)
    return {d: sorted(s) for d, s in sorted(out.items()) if s}


def _links_from(v: Versions, doc: str, i: int):
    group = v.groups.get(doc)
    for other in (group.docs if group else []):
        key = (doc, i, other)
        if key in v.links:
            yield key, v.links[key]


def _value_checked(f: Finding, v: Versions) -> Optional[Finding]:
    """A two-sided difference with a value on each side: the versions whose
    passage states one side's value and not the other's."""
    ma = [m for m in (_mention_at(v, e) for e in _own(f, f.docs[0])) if m is not None][:1]
    mb = [m for m in (_mention_at(v, e) for e in _own(f, f.docs[1])) if m is not None][:1]
    if not ma or not mb:
        return None
    side_a, side_b, ev = [], [], []
    for d, idx in _third_versions(f, v).items():
        sents = v.sentences[d]
        ms = [m for i in idx for m in v.mentions[d].inside(sents[i].start, sents[i].end)] if d in v.mentions else []
        with_a = [m for m in ms if _agrees(ma[0], m)]
        with_b = [m for m in ms if _agrees(mb[0], m)]
        if bool(with_a) == bool(with_b):
            continue
        (side_a if with_a else side_b).append(d)
        m = (with_a or with_b)[0]
        doc = v.docs[d]
        ev.append(Evidence(doc=d, path=doc.path, start=m.start, end=m.end, text=doc.text[m.start:m.end], value=m.value))
    if bool(side_a) == bool(side_b):
        return None
    odd, others = (f.docs[1], [f.docs[0]] + side_a) if side_a else (f.docs[0], [f.docs[1]] + side_b)
    says = _joined([f"the {label(v, d)}" for d in (side_a or side_b)])
    lead = f" ({says} {'says' if len(side_a or side_b) == 1 else 'say'} the same as the {label(v, others[0])})"
    return odd_one_out(f, others, odd, ev, v, f.confidence + 0.05, lead)


# --------------------------------------------------------------------------
# the step


def consolidate(findings: list[Finding], v: Versions) -> list[Finding]:
    """Pairwise findings of articles with three or more versions, restated
    across versions where the others tell which version is the odd one out;
    every finding gets its passages.  Order is not kept (the driver ranks)."""
    pairwise = [len(f.docs) == 2 and f.bead is not None and _many_versions(f, v) for f in findings]
    pool = [f for f, p in zip(findings, pairwise) if p]
    rest = [f for f, p in zip(findings, pairwise) if not p]
    # a partner shares a version with f, so it is in f's group of versions:
    # each finding is matched against its own group's findings only (in the
    # order of ``pool``), not against the whole corpus's (quadratic in the
    # number of findings: 1.0 s at 10^4 sentences, about 100 s at 10^5)
    in_group: dict[int, list[Finding]] = {}
    for f in pool:
        in_group.setdefault(id(v.groups[f.docs[0]]), []).append(f)
    index = {key: _GroupIndex(group_pool) for key, group_pool in in_group.items()}
    used: set[int] = set()
    out = list(rest)
    for f in sorted(pool, key=_rank):
        if id(f) in used:
            continue
        used.add(id(f))
        g, odd = _partner(f, index[id(v.groups[f.docs[0]])], used, v)
        if g is not None:
            used.add(id(g))
            out.append(_merge(f, g, odd, v))
            continue
        checked = _value_checked(f, v) if _family(f)[0] == "two" else None
        out.append(checked or f)
    set_passages(out, v)
    return out


def _many_versions(f: Finding, v: Versions) -> bool:
    g = v.groups.get(f.docs[0])
    return g is not None and f.docs[1] in g.docs and len(g.docs) >= 3
