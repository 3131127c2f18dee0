"""Moved, not missing: a sentence left one-sided by the alignment whose
content stands elsewhere in the other version.

A retelling reorders paragraphs and a monotonic alignment cannot follow:
the passage moved two paragraphs earlier is left one-sided at its old place
and at its new one.  Before a one-sided sentence is called missing (or
added), every sentence of the other version is searched (the sentence
vectors of the embed stage, one matrix product per document pair): the
sentence was moved when its best match there is nearly the same text, or
when the two are each other's best match and as similar as an aligned
bead of this pair may be (``_found``).  Its omission or addition finding is dropped; with ``--moves`` a
low finding of type ``moved`` says where it went, when it went further than
the neighbouring beads (nearer, it is only an alignment boundary).
Thresholds: models/thresholds/checks.json.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from ..mentions.entities import match_entities
from ..records import FURNITURE_KINDS, Bead, Document, Evidence, Finding, Mention, PairAlignment, Sentence
from .pair import make_finding, median_mad, quote, robust_z
from .thresholds import thresholds

_ONE_SIDED_TYPES = {"sentence_missing": "src", "sentence_added": "tgt"}


@dataclass
class Move:
    """A one-sided bead whose sentences stand elsewhere in the other version."""

    bead: int
    side: str  # "src" or "tgt": the side that has the sentences
    sentences: list[int]  # their indices in their document
    matches: list[int]  # the best match of each in the other document
    similarity: float  # the lowest of their best-match cosines
    far: bool  # the match lies beyond the neighbouring beads


def _bead_of(alignment: PairAlignment, side: str) -> dict[int, int]:
    """Sentence index -> bead index, for one side."""
    out = {}
    for k, b in enumerate(alignment.beads):
        for i in (b.src if side == "src" else b.tgt):
            out[i] = k
    return out


def _found(cos: float, mutual: bool, med: float, mad: float, th) -> bool:
    """Is a sentence's best match in the other version the same content?
    Either nearly the same text (cosine >= ``move_sure_similarity``), or
    each the other's best match, as similar as an aligned bead of this pair
    may be (robust z >= ``move_min_z``) and above ``move_min_similarity``:
    a similar sentence that has a better partner of its own is other
    content on the same subject."""
    if cos >= th["move_sure_similarity"]:
        return True
    return mutual and cos >= th["move_min_similarity"] and robust_z(cos, med, mad) >= th["move_min_z"]


def find_moves(alignment: PairAlignment, sentences: dict[str, list[Sentence]],
               embeddings: dict[str, np.ndarray]) -> dict[int, Move]:
    """Moves among the one-sided beads of one aligned pair, by bead index."""
    th = thresholds()
    two = [b.score for b in alignment.beads if b.src and b.tgt]
    if len(two) < 3:
        return {}
    med, mad = median_mad(two)
    out: dict[int, Move] = {}
    where = {"src": _bead_of(alignment, "tgt"), "tgt": _bead_of(alignment, "src")}  # bead of the *other* side's sentences
    for k, b in enumerate(alignment.beads):
        if bool(b.src) == bool(b.tgt):
            continue
        side, doc, other = ("src", alignment.src_doc, alignment.tgt_doc) if b.src else ("tgt", alignment.tgt_doc, alignment.src_doc)
        idx = [i for i in (b.src or b.tgt) if sentences[doc][i].kind not in FURNITURE_KINDS]
        emb, oemb = embeddings.get(doc), embeddings.get(other)
        if not idx or emb is None or oemb is None or len(oemb) == 0:
            continue
        sims = emb[idx] @ oemb.T
        best = sims.argmax(axis=1)
        top = sims[np.arange(len(idx)), best]
        back = (oemb[best] @ emb.T).argmax(axis=1)  # the match's own best match here
        if not all(_found(float(c), int(bk) == i, med, mad, th) for c, bk, i in zip(top, back, idx)):
            continue
        low = float(top.min())
        beads = [where[side].get(int(j), k) for j in best]
        far = any(abs(x - k) > 2 for x in beads)
        out[k] = Move(k, side, idx, [int(j) for j in best], low, far)
    return out


def moved_beads(moves: dict[int, Move], alignment: PairAlignment) -> list[tuple[int, Bead]]:
    """Each move as a bead of its own to check, when its counterparts are
    free: ``(index of the move's one-sided bead, Bead(src, tgt))``, by that
    index.  A retelling that reorders leaves a moved passage one-sided, and
    what changed inside it was never compared (session 62's fresh user: a
    figure ten times larger and a flipped negation in two moved sentences).
    A counterpart is free when it is one-sided too (the other end of the
    move), or when the two-sided bead the monotonic alignment put it in is
    less alike than the move by ``content_min_margin`` at least (its
    partner there is a leftover: 'The plant had a licence…' paired at 0.31
    with the sentence on pollutants, its French counterpart moved at 0.79;
    a helper's break test: a sentence on the plant's four units, in a bead
    at 0.43, is no counterpart of one on the two units it will add at 0.47).
    A sentence is in one moved bead at most, the
    first move's by bead index: the two ends of one move make one bead.
    ``score`` is 0: the caller has the vectors."""
    least = thresholds()["content_min_margin"]
    held: dict[str, dict[int, float]] = {"src": {}, "tgt": {}}  # sentence -> score of its bead (-1: one-sided)
    for b in alignment.beads:
        for side in ("src", "tgt"):
            held[side].update((i, b.score if b.src and b.tgt else -1.0) for i in getattr(b, side))
    used: dict[str, set[int]] = {"src": set(), "tgt": set()}
    out = []
    for k in sorted(moves):
        m = moves[k]
        other = "tgt" if m.side == "src" else "src"
        ends = {m.side: sorted(m.sentences), other: sorted(set(m.matches))}
        if any(held[other].get(j, 1.0) > m.similarity - least for j in ends[other]) \
                or any(used[s] & set(ends[s]) for s in ends):
            continue
        for s in ends:
            used[s].update(ends[s])
        out.append((k, Bead(src=ends["src"], tgt=ends["tgt"])))
    return out


def apply_moves(findings: list[Finding], moves: dict[int, Move], alignment: PairAlignment,
                docs: dict[str, Document], sentences: dict[str, list[Sentence]],
                report: bool = False) -> list[Finding]:
    """``findings`` of one aligned pair without the omissions and additions
    of moved sentences; with ``report``, a ``moved`` finding for each move
    beyond the neighbouring beads."""
    kept = [f for f in findings if not (f.type in _ONE_SIDED_TYPES and f.bead in moves)]
    if report:
        kept += [_moved_finding(m, alignment, docs, sentences) for m in sorted(moves.values(), key=lambda m: m.bead)
                 if m.far]
    return kept


def _moved_finding(m: Move, alignment: PairAlignment, docs: dict[str, Document],
                   sentences: dict[str, list[Sentence]]) -> Finding:
    doc_id = alignment.src_doc if m.side == "src" else alignment.tgt_doc
    other_id = alignment.tgt_doc if m.side == "src" else alignment.src_doc
    d, o = docs[doc_id], docs[other_id]
    s0, s1 = sentences[doc_id][m.sentences[0]], sentences[doc_id][m.sentences[-1]]
    t = sorted(m.matches)
    t0, t1 = sentences[other_id][t[0]], sentences[other_id][t[-1]]
    ev = [Evidence(doc=d.id, path=d.path, start=s0.start, end=s1.end, text=d.text[s0.start:s1.end]),
          Evidence(doc=o.id, path=o.path, start=t0.start, end=t1.end, text=o.text[t0.start:t1.end])]
    expl = (f"The passage {quote(ev[0].text)} of {d.path.rsplit('/', 1)[-1]} stands at another place in "
            f"{o.path.rsplit('/', 1)[-1]} ({quote(ev[1].text)}, cosine {m.similarity:.2f}): moved, not dropped.")
    f = make_finding(None, "omission", "moved", "low", round(min(0.6, m.similarity), 3), ev, expl,
                     docs=[alignment.src_doc, alignment.tgt_doc])
    f.bead = m.bead
    return f



# findings that call content of a two-sided bead missing on one side: the
# part of a passage, a figure or a name (the first evidence is what the
# side that has it says)
_CONTENT_GAP_TYPES = {("omission", "part_missing"), ("addition", "part_added"), ("number", "number_missing"),
                      ("number", "number_added"), ("entity", "missing"), ("entity", "added")}


@dataclass
class _PairIndex:
    """What :func:`drop_found_elsewhere` looks things up in, for one pair."""

    alignment: PairAlignment
    sentences: dict[str, list[Sentence]]
    embeddings: dict[str, np.ndarray]
    mentions: dict[str, list[Mention]]
    phrase_similarity: Optional[Callable[[str, str], float]]
    median: float
    mad: float

    def bead_of(self, doc: str) -> dict[int, int]:
        return _bead_of(self.alignment, "src" if doc == self.alignment.src_doc else "tgt")

    def other(self, doc: str) -> str:
        return self.alignment.tgt_doc if doc == self.alignment.src_doc else self.alignment.src_doc


def drop_found_elsewhere(findings: list[Finding], alignment: PairAlignment, sentences: dict[str, list[Sentence]],
                         embeddings: dict[str, np.ndarray], mentions: Optional[dict[str, list[Mention]]] = None,
                         phrase_similarity: Optional[Callable[[str, str], float]] = None) -> list[Finding]:
    """``findings`` of one aligned pair without the content gaps of two-sided
    beads (``_CONTENT_GAP_TYPES``) whose content the other version states in
    another bead (issue 19 item 6: look elsewhere before calling content
    missing).  A retelling that moves a paragraph leaves its sentences in a
    many-to-one bead with whatever the monotonic alignment left there
    (« Le séisme s'est produit peu avant 8 heures (heure locale) » paired
    with « Un bâtiment de sept étages… » while the other copy says « Il
    s'est produit peu avant 00H00 GMT » three sentences earlier): the bead,
    not the version, lacks the content.  Each sentence of the finding's
    passage (the side that has it) must have its counterpart in another
    bead, by the test of a moved one-sided sentence (:func:`_found`), and:

    - a passage of whole sentences: nothing more;
    - part of a sentence: the part itself must read nearly as that
      counterpart (``move_sure_similarity``; a sentence moved whole may
      have lost a clause on the way);
    - a figure or a name: the counterpart states it (a number of the same
      value, a name mentions.entities.match_entities takes for the same).

    Claim findings are left alone: dropping those whose cue sentence has
    its counterpart in another bead took two listed real claim changes out
    of the sample corpus (bench/bench_sample.py, claim 9/19 -> 7/19).

    Thresholds: models/thresholds/checks.json (the move_* keys)."""
    two = [b.score for b in alignment.beads if b.src and b.tgt]
    if len(two) < 3 or alignment.src_doc == alignment.tgt_doc:
        return findings
    med, mad = median_mad(two)
    ix = _PairIndex(alignment, sentences, embeddings, mentions or {}, phrase_similarity, med, mad)
    return [f for f in findings if not _gap_found_elsewhere(f, ix)]


def _gap_found_elsewhere(f: Finding, ix: _PairIndex) -> bool:
    if (f.category, f.type) not in _CONTENT_GAP_TYPES or f.bead is None or not f.evidence:
        return False
    ev = f.evidence[0]
    if ev.doc not in (ix.alignment.src_doc, ix.alignment.tgt_doc):
        return False
    other = ix.other(ev.doc)
    emb, oemb = ix.embeddings.get(ev.doc), ix.embeddings.get(other)
    mine, theirs = ix.bead_of(ev.doc), ix.bead_of(other)
    idx = [i for i, s in enumerate(ix.sentences[ev.doc]) if s.start < max(ev.end, ev.start + 1) and ev.start < s.end
           and mine.get(i) == f.bead]
    if not idx or emb is None or oemb is None or len(oemb) == 0:
        return False
    th = thresholds()
    sims = emb[idx] @ oemb.T
    best = sims.argmax(axis=1)
    back = (oemb[best] @ emb.T).argmax(axis=1)
    for n, (i, j) in enumerate(zip(idx, best)):
        if not _found(float(sims[n, j]), int(back[n]) == i, ix.median, ix.mad, th) or theirs.get(int(j)) == f.bead:
            return False
    found = [ix.sentences[other][int(j)] for j in best]
    return _states_it(f, ev, [ix.sentences[ev.doc][i] for i in idx], found, other, ix)


def _states_it(f: Finding, ev: Evidence, own: list[Sentence], found: list[Sentence], other: str,
               ix: _PairIndex) -> bool:
    """Do the counterparts ``found`` elsewhere state what the finding says is
    missing (see :func:`drop_found_elsewhere`)?"""
    if f.category == "number":
        values = {m.value for m in ix.mentions.get(other, []) if m.kind == "number"
                  and any(s.start <= m.start < s.end for s in found)}
        return ev.value is not None and ev.value in values
    if f.category == "entity":
        mine = [m for m in ix.mentions.get(ev.doc, []) if m.kind == "entity" and m.start == ev.start]
        theirs = [m for m in ix.mentions.get(other, []) if m.kind == "entity"
                  and any(s.start <= m.start < s.end for s in found)]
        return bool(mine) and any(match_entities(mine[0], t).relation in ("same", "misspelled") for t in theirs)
    whole = own[0].start >= ev.start and own[-1].end <= ev.end
    if whole:
        return True
    sim = ix.phrase_similarity
    return sim is not None and all(sim(ev.text, s.text) >= thresholds()["move_sure_similarity"] for s in found)
