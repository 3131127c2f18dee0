"""Checks within one document, its versions as witnesses.

- **A passage repeated in one version but not in the others** (a
  machine-translation duplicate: "L'AGI est un système ... 100 milliards"
  twice in a row where the Chinese says it once; a section title given twice;
  a transcript line said twice).  Clauses (``clauses.clause_spans``) of the
  same sentence or of sentences at most ``internal_repeat_window`` apart are
  compared: the same text (rapidfuzz ratio of their normalized words), the
  same meaning (cosine of their vectors from the sentence encoder), or one
  contained whole in the other; a repeat is a pair at or above
  ``internal_repeat_similarity`` (containment counts for clauses of at least
  ``internal_repeat_min_weight``).  Only clauses that share at least
  ``internal_repeat_screen_share`` of their words with a clause within the
  window are encoded (:func:`_word_share`; how it was set: checks.json).  It is reported only when every other
  version of the article says that passage once (their sentences in the same
  passages, by the alignment groups, hold no such pair at
  ``internal_repeat_other_similarity``): a repeat all versions share is the
  author's.  A repeated clause that no other version aligns with (one-sided
  in every pair) is garbled output rather than a faithful duplicate.
- **The same fact with two values inside one document** (category
  ``conflict``, type ``internal``): two sentences that bind a quantity of one
  unit to the same name (``conflict.bound_facts``) with values that differ
  (``conflict.value_conflict``: no approximation, no equal value between
  them).

Values and how they were chosen: ``models/thresholds/checks.json``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
from rapidfuzz import fuzz

from ..clauses import clause_spans
from ..langs import HAN
from ..records import Document, Evidence, Finding, Sentence
from .consolidate import Versions, label
from .omission import text_weight
from .pair import finding_id, make_finding, quote
from .thresholds import thresholds

_NON_WORD = re.compile(r"[\W_]+")
# the words of a clause for the screen: a Chinese character, a run of letters, a number
_WORD = re.compile("[" + HAN + "]|[^\\W\\d_" + HAN + "]+|\\d+")


@dataclass
class _Clause:
    sentence: int  # index of its sentence in the document
    start: int
    end: int
    text: str
    norm: str  # lower-case words only
    words: frozenset  # of norm (_WORD)


def _clauses(doc: Document, sents: list[Sentence], only: Optional[set[int]] = None) -> list[_Clause]:
    """The clauses of a document's text sentences in its own language."""
    out = []
    for s in sents:
        if s.kind not in ("text", "heading") or s.lang not in (doc.lang, "und") \
                or (only is not None and s.index not in only):
            continue
        for a, b in clause_spans(s.text, s.lang, s.start):
            text = doc.text[a:b]
            norm = _NON_WORD.sub(" ", text.casefold()).strip()
            out.append(_Clause(s.index, a, b, text, norm, frozenset(_WORD.findall(norm))))
    return out


def _similarity(a: _Clause, b: _Clause, va: Optional[np.ndarray], vb: Optional[np.ndarray]) -> float:
    """How much ``b`` repeats ``a``: the best of text ratio, vector cosine and
    (for long enough clauses) containment, 0..1."""
    th = thresholds()
    if not a.norm or not b.norm:
        return 0.0
    score = fuzz.ratio(a.norm, b.norm) / 100
    if va is not None and vb is not None:
        score = max(score, float(va @ vb))
    if min(text_weight(a.text), text_weight(b.text)) >= th["internal_repeat_min_weight"]:
        short, long_ = sorted((a.norm, b.norm), key=len)
        if short in long_:
            score = 1.0
    return score


def _word_share(a: _Clause, b: _Clause) -> float:
    """The share of the smaller clause's distinct words that the other has, 0..1."""
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / min(len(a.words), len(b.words))


def _window(clauses: list[_Clause], i: int):
    """The clauses j after clause ``i``, at most the window apart, that do
    not overlap it, in order."""
    window = int(thresholds()["internal_repeat_window"])
    a = clauses[i]
    for j in range(i + 1, len(clauses)):
        b = clauses[j]
        if b.sentence - a.sentence > window:
            break
        if b.start >= a.end:
            yield j


def _repeats(clauses: list[_Clause], vecs: Optional[dict[int, np.ndarray]], floor: float
             ) -> list[tuple[int, int, float]]:
    """Pairs (i, j) of clauses, i before j, at most the window apart, whose
    similarity reaches ``floor``; each clause repeats at most once (its
    best).  ``vecs``: clause vectors by index (:func:`_screened_vectors`);
    a pair compares vectors only when both clauses have one."""
    vecs = vecs or {}
    out, used = [], set()
    for i, a in enumerate(clauses):
        best = None
        for j in _window(clauses, i):
            if j in used:
                continue
            sim = _similarity(a, clauses[j], vecs.get(i), vecs.get(j))
            if sim >= floor and (best is None or sim > best[2]):
                best = (i, j, sim)
        if best is not None:
            used.add(best[1])
            out.append(best)
    return out


def _screened_vectors(encoder, clauses: list[_Clause]) -> Optional[dict[int, np.ndarray]]:
    """Vectors of the clauses that share at least
    ``internal_repeat_screen_share`` of their words with a clause of
    :func:`_window` (the others cannot reach a repeat's cosine: see
    checks.json), by clause index; None without an encoder."""
    if encoder is None:
        return None
    share = thresholds()["internal_repeat_screen_share"]
    asked = sorted({k for i in range(len(clauses)) for j in _window(clauses, i)
                    if _word_share(clauses[i], clauses[j]) >= share for k in (i, j)})
    vecs = _vectors(encoder, [clauses[k] for k in asked])
    return {} if vecs is None else dict(zip(asked, vecs))


def _vectors(encoder, clauses: list[_Clause]) -> Optional[np.ndarray]:
    if encoder is None or not clauses:
        return None
    return np.asarray(encoder.encode([c.text for c in clauses]), dtype="float32")


def _witnesses(v: Versions, doc_id: str, sentence_idx: list[int]) -> dict[str, list[int]]:
    """The other versions' sentences in the passages of these sentences; for
    sentences no other version aligns with (a title given twice), those of
    the nearest aligned sentences before and after them: where the passage
    would be."""
    out: dict[str, set[int]] = {}
    for i in sentence_idx:
        here = _aligned_near(v, doc_id, i, 0)
        for near in ([here] if here else [_aligned_near(v, doc_id, i, -1), _aligned_near(v, doc_id, i, +1)]):
            for d, idx in near.items():
                out.setdefault(d, set()).update(idx)
    return {d: sorted(s) for d, s in sorted(out.items())}


def _aligned_near(v: Versions, doc_id: str, i: int, step: int, reach: int = 3) -> dict[str, list[int]]:
    """Other versions' sentences aligned with sentence ``i`` (step 0), or with
    the nearest aligned sentence before (step -1) or after (+1) it."""
    for k in ([i] if step == 0 else [i + step * n for n in range(1, reach + 1)]):
        row = v.row_of.get((doc_id, k))
        members = {d: idx for d, idx in (v.row_members.get(row, {}) if row else {}).items() if d != doc_id}
        if members:
            return members
    return {}


def _one_sided_everywhere(v: Versions, doc_id: str, sentence: int) -> bool:
    row = v.row_of.get((doc_id, sentence))
    return row is None or set(v.row_members.get(row, {})) == {doc_id}


def _counterpart(v: Versions, doc_id: str, idx: list[int], clause: _Clause, encoder) -> Evidence:
    """Where another version says the repeated thing: its clause closest in
    meaning to ``clause`` among its sentences ``idx`` (all of them without
    an encoder), as context evidence."""
    doc = v.docs[doc_id]
    a, b = v.sentences[doc_id][idx[0]].start, v.sentences[doc_id][idx[-1]].end
    runs = _clause_runs(_clauses(doc, v.sentences[doc_id], set(idx)))
    if encoder is not None and runs:
        vecs = _vectors(encoder, [_Clause(-1, ra, rb, doc.text[ra:rb], "", frozenset()) for ra, rb in runs] + [clause])
        # the closest run; of equal ones the shorter, then the first
        best = max(range(len(runs)), key=lambda k: (float(vecs[k] @ vecs[-1]), runs[k][0] - runs[k][1], -k))
        a, b = runs[best]
    return Evidence(doc=doc_id, path=doc.path, start=a, end=b, text=doc.text[a:b], role="context")


def _clause_runs(clauses: list[_Clause]) -> list[tuple[int, int]]:
    """(start, end) of every run of consecutive clauses of one sentence, in
    order of start then end: a repeated sentence is said across both clauses
    of its counterpart ('Semianalysis 后来在一份详细的评估报告中，得出结论是…'
    for one French sentence), and quoting the closer clause alone leaves its
    subject out."""
    out = []
    for i, c in enumerate(clauses):
        for d in clauses[i:]:
            if d.sentence != c.sentence:
                break
            out.append((c.start, d.end))
    return out


def _repeat_finding(v: Versions, doc: Document, a: _Clause, b: _Clause, sim: float,
                    others: dict[str, list[int]], encoder=None) -> Finding:
    garbled = _one_sided_everywhere(v, doc.id, b.sentence)
    context = [_counterpart(v, d, idx, b, None if garbled else encoder) for d, idx in others.items()]
    ev = [Evidence(doc=doc.id, path=doc.path, start=a.start, end=a.end, text=a.text),
          Evidence(doc=doc.id, path=doc.path, start=b.start, end=b.end, text=b.text)] + context
    names = " and the ".join(label(v, d) for d in others)
    what = ("repeats the passage just before it and matches nothing in the other versions: likely garbled output"
            if garbled else "says the same thing twice")
    once = "has nothing of the kind there" if garbled else "says it once"
    if len(others) > 1:
        once = "have nothing of the kind there" if garbled else "say it once"
    expl = f"The {label(v, doc.id)} {what}: {quote(a.text)} then {quote(b.text)}; the {names} {once}."
    type_ = "garbled_repeat" if garbled else "repeated_passage"
    f = make_finding(None, "addition", type_, "medium", round(min(0.85, 0.45 + 0.4 * sim), 3), ev, expl,
                     docs=list(others) + [doc.id])
    f.id = finding_id("addition", type_, ev)
    return f


def repeated_passages(v: Versions, encoder=None) -> list[Finding]:
    """Repeats of one version that its other versions do not have (see the
    module docstring); documents without other versions are not judged."""
    th = thresholds()
    findings = []
    for doc_id in sorted(v.docs):
        group = v.groups.get(doc_id)
        if group is None or len(group.docs) < 2:
            continue
        doc, sents = v.docs[doc_id], v.sentences.get(doc_id, [])
        clauses = _clauses(doc, sents)
        vecs = _screened_vectors(encoder, clauses)
        for i, j, sim in _repeats(clauses, vecs, th["internal_repeat_similarity"]):
            a, b = clauses[i], clauses[j]
            if _title_twice(doc, sents, a, b):
                continue
            others = _witnesses(v, doc_id, sorted({a.sentence, b.sentence}))
            if not others or any(_also_repeats(v, d, idx, encoder) for d, idx in others.items()):
                continue
            findings.append(_repeat_finding(v, doc, a, b, sim, others, encoder))
    return findings


def _title_twice(doc: Document, sents: list[Sentence], a: _Clause, b: _Clause) -> bool:
    """Are the two repeated clauses the page's own title shown twice (the
    title bar and the heading of a web page: two whole heading lines that
    read as the document's title, case and punctuation aside)?  That is
    page furniture (issue 19 item 3), not a passage the version repeats."""
    if not doc.title:
        return False
    title = _NON_WORD.sub(" ", doc.title).strip().lower()
    for c in (a, b):
        s = sents[c.sentence] if c.sentence < len(sents) and sents[c.sentence].index == c.sentence else None
        if s is None or s.kind != "heading" or _NON_WORD.sub(" ", s.text).strip().lower() != title:
            return False
    return True


def _also_repeats(v: Versions, doc_id: str, idx: list[int], encoder) -> bool:
    clauses = _clauses(v.docs[doc_id], v.sentences[doc_id], set(idx))
    return bool(_repeats(clauses, _screened_vectors(encoder, clauses), thresholds()["internal_repeat_other_similarity"]))


# --------------------------------------------------------------------------
# the same fact, two values


def internal_conflicts(v: Versions) -> list[Finding]:
    """Two sentences of one document binding different values of one unit to
    the same name, said of the same subject (:func:`stated_facts`)."""
    from .conflict import value_conflict

    th = thresholds()
    out = []
    for doc_id in sorted(v.docs):
        doc, index = v.docs[doc_id], v.mentions.get(doc_id)
        if index is None:
            continue
        facts: dict[tuple, list[tuple[Sentence, list]]] = {}
        for s in v.sentences.get(doc_id, []):
            ms = index.inside(s.start, s.end)
            for fact in sorted(stated_facts(s, ms, int(th["conflict_bound_max_gap"])), key=repr):
                facts.setdefault(fact, []).append((s, ms))
        for fact, rows in sorted(facts.items()):
            out.extend(_as_internal(f, doc) for f in _fact_conflicts(doc, fact, rows, value_conflict))
    return out


def _fact_conflicts(doc: Document, fact: tuple, rows: list, value_conflict) -> list[Finding]:
    """value_conflict of every two rows (sentence, its mentions) stating
    ``fact``, in the order of the rows.  Whether two rows conflict depends
    only on what their quantities say, not on where they stand
    (:func:`_said_quantities`), so it is decided once for each two
    readings, on their first two rows in order; the findings of the pairs
    that conflict are then made one by one.  A sentence repeated thousands
    of times (a transcript's refrain, one huge line) was compared with each
    of its copies: 240 kB of one repeated sentence made 4.5 million number
    comparisons (23 s), 4.8 MB ran for hours."""
    readings: dict[tuple, list[int]] = {}
    for k, (_, ms) in enumerate(rows):
        readings.setdefault(_said_quantities(ms), []).append(k)
    groups = list(readings.values())  # each in the order of the rows

    def conflict(x: int, y: int):
        return value_conflict(doc, rows[x][0], rows[x][1], doc, rows[y][0], rows[y][1], [fact[0]], 1.0)

    found = []
    for first in groups:
        for second in groups:
            x = first[0]
            later = bisect.bisect_right(second, x)  # the first row of ``second`` after x
            if later == len(second) or conflict(x, second[later]) is None:
                continue
            found.extend((x, y, conflict(x, y)) for x in first for y in second[bisect.bisect_right(second, x):])
    return [f for _, _, f in sorted(found, key=lambda t: t[:2])]


def _said_quantities(ms: list) -> tuple:
    """What value_conflict reads of a row's mentions: every field of each
    but where it stands (document, start, end)."""
    return tuple((m.text, m.lang, m.kind, m.type, repr(m.value), repr(m.value_high), m.unit, m.approx,
                  m.scale_word, repr(m.alt_values), m.ambiguous, m.granularity, m.direction, m.canonical,
                  repr(sorted(m.attrs.items()))) for m in ms)


def stated_facts(s: Sentence, ms: list, max_gap: int) -> set[tuple[str, str, frozenset]]:
    """(name key, unit, subject) of each fact of sentence ``s`` that
    conflict.bound_pairs reads (a quantity written right after a name).
    A name the gazetteer knows (GPT-3, OpenAI) is its own subject, whoever
    the clause says released it; any other name (ARR, GDP: an acronym of
    what is measured, which NER tags as an organisation as readily as a
    start-up's name) is read with the names its sentence states before the
    quantity (not only its clause: "Jasper, a start-up, reached an ARR"): in "Jasper (ARR of $90M)" the ARR is Jasper's, in "several
    vendors reach an ARR of $100M" no one named's, in "Copy.ai reached an
    ARR of $100M" Copy.ai's, and these are not one fact (a conflict needs
    the same subject and the same attribute).  A name the gazetteer does
    not know, stated once with its maker and once without, is thus two
    facts: a conflict missed rather than one made up."""
    from ..mentions.entities import entity_key
    from .conflict import bound_pairs

    out = set()
    for a, b in bound_pairs(ms, max_gap):
        if a.canonical is not None:  # a gazetteer name
            out.add((entity_key(a), b.unit, frozenset()))
            continue
        names = frozenset(entity_key(m) for m in ms if m.kind == "entity" and s.start <= m.start < b.start)
        out.add((entity_key(a), b.unit, names))
    return out


def _as_internal(f: Finding, doc: Document) -> Finding:
    f.type = "internal"
    f.explanation = f.explanation.replace("Two different articles disagree", f"{doc.path} disagrees with itself", 1)
    f.id = finding_id(f.category, f.type, f.evidence)
    f.docs = [doc.id]
    return f


def internal_findings(v: Versions, encoder=None) -> list[Finding]:
    """Every within-document finding of the corpus."""
    return repeated_passages(v, encoder) + internal_conflicts(v)
