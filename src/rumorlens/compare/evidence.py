"""What a scientific claim rests on.  A science rumour keeps every number
and name and drops the study's limits:

- an association told as a cause ('is associated with', « pourrait être
  associée à », 与…有关 against 'causes', « provoque », 导致):
  :func:`check_causation`, type ``causation_changed``;
- a result of a study in mice, in cells, preliminary or not yet reviewed
  by peers told without that limit ('in mice', « chez la souris », 小鼠,
  'preliminary', 初步, 'not yet peer-reviewed', 'preprint'), and a claim
  that holds sometimes told as always holding ('sometimes', « parfois »,
  有时: scope value partial, low; session 53), and a claim limited to one
  thing told without that limit ('only', « seulement », « ne … que », 只,
  仅: scope value exclusive, low; session 54, the sample corpus's 'is
  relative to cost' told as 'depends only on cost'):
  :func:`check_scope`, types ``scope_dropped`` (the target lacks it) and
  ``scope_added``.

The cues are the claims stage's, kinds ``link`` (values association,
causation) and ``scope`` (animal, in_vitro, preliminary, unreviewed) in
models/claims/<lang>.json.  Both checks are claim checks: a function from
an aligned pair to findings, category ``claim``, medium (low for a spoken
version, compare.claims._loose).  A cue of the neighbouring sentences of
the other version answers, as for hedges: a study's limit is often told
once a paragraph.  Session 41: a fresh user's trial of science reporting
planted both moves ('may be associated with' told as 'may cause'; 'in
mice' dropped) and neither was reported."""
from __future__ import annotations

import functools
import re

from ..records import ClaimCue, Finding
from .claims import _label, _loose, _negated_cue, claim_finding, cue_words, per_clause, side_cues
from .cues import cue_lists
from .pair import AlignedPair, Side
from .told import claim_told

_SCOPE_WORDS = {"animal": "a study in animals", "in_vitro": "a study in cells or in the laboratory",
                "preliminary": "a preliminary result", "unreviewed": "a result not yet reviewed by peers",
                "partial": "a claim that holds only sometimes", "exclusive": "a claim limited to one thing"}
# limits a translation often folds into another word: reported low
_LIGHT_LIMITS = ("preliminary", "partial", "exclusive")


def _answers_partial(c: ClaimCue) -> bool:
    """Does the other version's cue ``c`` render 'sometimes' (scope
    partial)?  Another word of how often ('often', « souvent », 经常: weak
    partial cues), a part quantifier ('in some cases', 一些), a downtoner
    ('partly') or a possibility ('may', 'can', 可能: 'X sometimes causes Y'
    is rendered 'X can cause Y')."""
    return (c.kind == "scope" and c.value == "partial" or c.kind == "quantifier" and c.value != "universal"
            or c.kind == "degree" and c.value == "downtoner"
            or c.kind in ("hedge", "modal") and c.value in ("possible", "probable", "able"))


def _answers_exclusive(c: ClaimCue) -> bool:
    """Does the other version's cue ``c`` render 'only' (scope exclusive)?
    Another word of it, weak ones too ('alone', « seul », 才, 而已), or an
    absolute degree ('depends entirely on cost' for 只取决于成本)."""
    return c.kind == "scope" and c.value == "exclusive" or c.kind == "degree" and c.value == "absolute"


@functools.lru_cache(maxsize=None)
def _frame_words(lang: str) -> tuple[frozenset, frozenset, int, frozenset]:
    spec = cue_lists().get("exclusive_frames", {}).get(lang, {})
    return (frozenset(spec.get("open", ())), frozenset(spec.get("close", ())), int(spec.get("max_gap", 0)),
            frozenset(spec.get("not_between", ())))


_WORD = re.compile(r"\w+['’]?")


def framed_only(side: Side) -> list[ClaimCue]:
    """The discontinuous words of 'only' in ``side`` (« ne … que »,
    cues.json exclusive_frames) as scope cues (value exclusive) spanning
    the frame, doc offsets."""
    opening, closing, gap, not_between = _frame_words(side.lang)
    if not opening:
        return []
    words = list(_WORD.finditer(side.text.casefold()))
    out = []
    for k, m in enumerate(words):
        if m.group() not in opening or any(w.group() in not_between for w in words[max(0, k - 3):k]):
            # « aucun sceptique ne s'arrête à penser qu' »: the « ne » of « aucun », « que » a complementizer
            continue
        for n in words[k + 1:k + 2 + gap]:
            if n.group() in not_between:
                break
            if n.group() in closing:
                a, b = side.start + m.start(), side.start + n.end()
                out.append(ClaimCue(start=a, end=b, text=f"{m.group()} … {n.group()}", kind="scope",
                                    value="exclusive", source=f"frame:{side.lang}"))
                break
    return out


def _links(side: Side, value: str, near: bool = False) -> list[ClaimCue]:
    return [c for c in side_cues(side, near=near) if c.kind == "link" and c.value == value
            and not _negated_cue(c, side)]


def check_causation(pair: AlignedPair) -> list[Finding]:
    """One side says two things are linked (an association, a correlation)
    and nothing more; the other says one causes the other, with no word of
    association in its sentence or next to it: a link told as a cause (or
    the reverse).  Negated cues count for neither ('does not cause')."""
    if pair.src.empty or pair.tgt.empty:
        return []
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        linked, caused = _links(side, "association"), _links(other, "causation")
        if not linked or not caused or _links(side, "causation") or _links(other, "association", near=True):
            continue
        expl = (f"The {_label(pair, side)} says only that the two are linked ({cue_words(linked)}); the "
                f"{_label(pair, other)} says one causes the other ({cue_words(caused)}): an association told as a "
                f"cause, or the reverse.")
        severity, conf = ("low", 0.45) if _loose(pair) else ("medium", 0.55)
        return [claim_finding(pair, "causation_changed", severity, conf, side, linked, other, caused, expl)]
    return []


def _partial_kept(pair: AlignedPair, side: Side, other: Side, c: ClaimCue) -> bool:
    """Is 'sometimes' (``c``, scope partial, a cue of ``side``) no limit
    dropped: negated ('not sometimes'), one of an alternation, or the rest
    of its claim not told by ``other`` at all (compare.told.claim_told: a
    clause left out whole is an omission; a generated corpus's « je trouve
    parfois difficile » against another sentence's clause, session 53)?"""
    return _negated_cue(c, side) or _alternation(side, c) or not claim_told(pair, side, other, (c.start, c.end))


def _exclusive_kept(pair: AlignedPair, side: Side, other: Side, c: ClaimCue) -> bool:
    """Is 'only' (``c``, scope exclusive) no limit dropped: negated ('not
    only' is a cue of its own; 'not merely'), or the rest of its claim not
    told by ``other`` (a clause left out whole is an omission)?"""
    return _negated_cue(c, side) or not claim_told(pair, side, other, (c.start, c.end))


def _alternation(side: Side, c: ClaimCue) -> bool:
    """Is 'sometimes' one of a pair that alternates ('sometimes blue,
    sometimes grey', « parfois …, parfois … », 时而晴朗时而阴沉): the same
    cue twice in the side says the thing changes, not that it holds only
    sometimes (a helper's break test, session 53)."""
    word = c.text.casefold()
    return sum(1 for d in side_cues(side) if d.kind == "scope" and d.text.casefold() == word) >= 2


def check_scope(pair: AlignedPair) -> list[Finding]:
    """A limit of the study (cue kind ``scope``) on one side that the other
    side does not state, in its sentence or next to it: ``scope_dropped``
    when the target lacks it, ``scope_added`` when the target adds it.
    Weak cues ('initial', « premières », 初期) only answer; a preliminary
    result alone is low (初步调查 opens plain news reports too)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    out = []
    src_framed, tgt_framed = framed_only(pair.src), framed_only(pair.tgt)  # read once a side
    for side, other, type_, mine_framed, their_framed in ((pair.src, pair.tgt, "scope_dropped", src_framed, tgt_framed),
                                                          (pair.tgt, pair.src, "scope_added", tgt_framed, src_framed)):
        near = side_cues(other, near=True)
        theirs = {c.value for c in near if c.kind == "scope"}
        if any(map(_answers_partial, near)):
            theirs.add("partial")
        if any(map(_answers_exclusive, near)) or their_framed:
            theirs.add("exclusive")
        mine = [c for c in side_cues(side) + mine_framed if c.kind == "scope" and c.value not in theirs
                and not c.source.endswith(":weak")
                and not (c.value == "partial" and _partial_kept(pair, side, other, c))
                and not (c.value == "exclusive" and _exclusive_kept(pair, side, other, c))]
        if not mine:
            continue
        limits = sorted({_SCOPE_WORDS[c.value] for c in mine})
        expl = (f"The {_label(pair, side)} tells {' and '.join(limits)} ({cue_words(mine)}); the "
                f"{_label(pair, other)} tells it without that limit.")
        # 'preliminary' (初步 调查, « enquête préliminaire ») also opens plain news reports: low;
        # so is 'sometimes' or 'only' dropped (a translation may fold it into the verb)
        weak_limit = _loose(pair) or all(c.value in _LIGHT_LIMITS for c in mine)
        severity, conf = ("low", 0.45) if weak_limit else ("medium", 0.55)
        out.append(claim_finding(pair, type_, severity, conf, side, mine, other, [], expl))
    return out


EVIDENCE_CHECKS = tuple(per_clause(c) for c in (check_causation, check_scope))
