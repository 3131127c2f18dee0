"""Claim checks: did the claim change between two versions, even where
every number and name is kept?  Each check compares the claim profiles
(claims stage) of the two sides of a bead and reports, in category
``claim``:

- certainty: hedge_dropped / hedge_added (a hedge, a hearsay marker or an
  unverified source on one side only), certainty_raised / certainty_lowered
  (a hedge against a booster: "may" against "certainly"), modality_changed
  (a modal verb or the conditional mood against a plain statement);
- attribution_changed: the claim is credited to a different kind of source
  (rumours against a named company, the author against a named person);
- degree_changed: an intensifier, an absolute or a superlative on one side only;
- quantifier_changed: "most" against "all", or against "the most";
- negation_scope_changed: "not only" on one side only, or against a plain
  negation ("not money" against "not only money");
- modality_changed also when a future stands against an event under way or
  done ("will jump" against "are moving", check_tense), and when a necessity
  stands against a possibility or a permission ("must" against "can", 必须
  against « peuvent »: check_modal_force);
- certainty_raised / certainty_lowered also for a booster on one side only
  ("will certainly", 必将, « forcément »: check_booster).

Every check runs on every relation; a transcript's findings are low
severity and confidence (a spoken version rephrases as it talks).  A bead
of more than three sentences a side is checked clause pair by clause pair.

Precision comes first: a cue is reported only when the other side has no
equivalent anywhere in the bead nor in the sentence next to it (the French
conditional is a hedge like 据报道 or "reportedly"; "could" only ever
counts as an equivalent).  Severity follows the direction of reading
(source -> target): a move toward certainty is worse than one toward caution.

Checks are ``(pair: AlignedPair) -> list[Finding]``; word-level checks
(``claim/antonym``, ``claim/term``) can join them through :func:`claim_finding`.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from typing import Callable, Optional

from ..claims.cues import BACKSHIFT, CONCORDANCE, FUTURE_PERFECT, PERFECT
from ..langs import TENSE_MARKING, text_weight
from ..lexicons.dictionaries import english_keys
from ..lexicons.words import is_content
from ..mentions import lexicon
from ..mentions.numbers import could_be_year
from ..paths import models_dir
from ..records import ClaimClause, ClaimCue, Finding
from ..spacy_models import straight_typography
from .cues import cue_lists, negations
from .negation_scope import bears_on
from .dates import in_dateline
from .pair import AlignedPair, Side, make_finding, quote
from .phrasesim import prefetch
from .thresholds import thresholds

HEDGE_GRADES = frozenset({"reported", "apparent", "speculative", "possible", "probable"})
UNVERIFIED_ROLES = frozenset({"rumour", "report", "anonymous"})
_ROLE_CLASS = {"rumour": "unverified", "anonymous": "unverified", "report": "report", "author": "author",
               "named": "named"}
# 'many' is a share of its own: « quelques » told as 'many', 'most' as 许多 (session 46)
_QUANTITY_CLASS = {"universal": "all", "majority": "most", "many": "many", "some": "some", "few": "some"}
_STRONG = frozenset({"reported", "speculative", "rumour", "anonymous", "report", "conditional"})
_MAX_SENTENCES = 3  # a longer n-m bead: cues no longer line up with each other
# a degree cue is matched on the other side by any of these values
_DEGREE_MATCH = {"intensifier": {"intensifier", "absolute", "superlative"}, "absolute": {"absolute"},
                 "superlative": {"superlative", "absolute", "comparative"}, "downtoner": {"downtoner"},
                 "approximator": {"approximator", "downtoner"}}
# values whose absence makes the other side say more ('slightly damaged',
# 'almost empty' against 'damaged', 'empty')
_LESSENING = frozenset({"downtoner", "approximator"})
_GRADE_WORDS = {"reported": "says this is reported", "apparent": "says this only seems so", "able": "says this could happen",
                "speculative": "presents this as speculation", "possible": "says this is possible",
                "probable": "says this is likely", "conditional": "uses the conditional (reported or uncertain)",
                "rumour": "attributes this to rumours", "report": "attributes this to reports",
                "anonymous": "attributes this to unnamed sources", "author": "gives this as the author's view",
                "named": "attributes this to a named source", "certain": "says it is certain",
                "future": "says it will happen"}


# --------------------------------------------------------------------------
# reading the profiles of a side


def side_cues(side: Side, near: bool = False, inside: bool = True) -> list[ClaimCue]:
    """Cues of a side, the one home of what counts: never a cue in a
    dateline (参考消息网10月23日报道 is the dispatch naming itself, not a
    source the claim is credited to); with ``inside``, the cues inside the
    side outside its stray stretches; with ``near``, those of the sentences
    next to it (outside the side) except the ones their own bead already
    pairs with a cue of the other version (see :func:`bind_near`).

    Kept in ``side.memo`` (the claim checks ask the same side about 20
    times, 134,000 calls at 10^4 sentences, issue 12) with what it was
    worked out from (the side's slice, stray stretches, profiles and bound
    cues; profiles are read-only records), and worked out again when any
    of that differs now; a new list each call."""
    basis = (side.doc_text, side.start, side.end, tuple(side.claims), tuple(side.stray),
             tuple(side.near_claims) if near else None, side.bound if near else None)
    kept = side.memo.get(("claims.side_cues", near, inside))
    if kept is not None and kept[0] == basis:
        return list(kept[1])
    out = _side_cues(side, near, inside)
    side.memo["claims.side_cues", near, inside] = (basis, out)
    return list(out)


def _side_cues(side: Side, near: bool, inside: bool) -> list[ClaimCue]:
    """:func:`side_cues` worked out."""
    profiles = side.claims + (side.near_claims if near else [])
    out = []
    for p in profiles:
        for c in p.cues:
            if in_dateline(side.doc_text, c.start, c.end):
                continue  # the dispatch naming itself
            if side.start <= c.start < side.end:
                if inside and not any(a <= c.start < b for a, b, _ in side.stray):
                    out.append(c)
            elif near and c.start not in side.bound:
                out.append(c)
    return out


def _cue_classes(c: ClaimCue, lang: str) -> frozenset[str]:
    """The classes in which a cue answers cues of another version: its
    kind, 'certainty' for a hedge or its equivalent (hedge_equivalent),
    and 'future' for a future whether a modal ('will', 将) or a tense
    (« sera », 将于) tells it (a trial's « sera vendu » / 将面向 stayed
    free to excuse a plan told as done in the next sentence)."""
    out = {"certainty" if hedge_equivalent(c, lang) else c.kind}
    if _future(c):
        out.add("future")
    return frozenset(out)


def bind_near(pairs: list[AlignedPair]) -> None:
    """Mark, for every side of one document pair's beads, the cues of its
    neighbouring sentences that their own bead already pairs with a cue of
    the same class on the other side (a hedge with a hedge, a degree word
    with a degree word).  A near cue answers this bead's cue only when an
    alignment boundary may have moved it here; one its own bead uses is
    not free to answer twice ("很可能" in the next line, rendered there as
    "也许", does not answer a "可能" dropped from this line)."""
    bound: dict[str, set[int]] = {}
    for p in pairs:
        if p.src.empty or p.tgt.empty:
            continue
        for side, other in ((p.src, p.tgt), (p.tgt, p.src)):
            theirs = frozenset().union(*(_cue_classes(c, other.lang) for c in side_cues(other)))
            bound.setdefault(side.doc_id, set()).update(
                c.start for c in side_cues(side) if _cue_classes(c, side.lang) & theirs)
    for p in pairs:
        for side in (p.src, p.tgt):
            side.bound = frozenset(bound.get(side.doc_id, ()))


def _family(c: ClaimCue) -> str:
    """The kind of qualification a hedge makes: hearsay (reported, rumours,
    unnamed sources), appearance (seems, as far as we know: evidence the
    speaker has) or doubt (may, probably, speculation, the conditional) --
    the reportative / inferential / epistemic distinction of Aikhenvald
    (2004), Evidentiality."""
    if (c.kind == "hedge" and c.value == "reported") or (c.kind == "attribution" and c.value in UNVERIFIED_ROLES):
        return "hearsay"
    return "appearance" if c.kind == "hedge" and c.value == "apparent" else "doubt"


def side_clauses(side: Side) -> list[ClaimClause]:
    return sorted((cl for p in side.claims for cl in p.clauses if side.start <= cl.start < side.end),
                  key=lambda cl: cl.start)


def hedging(c: ClaimCue, other_lang: str) -> bool:
    """A cue that makes the claim less than a plain fact."""
    if c.kind == "hedge":
        return c.value in HEDGE_GRADES
    if c.kind == "modal":
        return c.value == "possible" or (c.value == "conditional" and not (c.source.startswith("lexicon")
                                                                          and other_lang == "zh"))
    return c.kind == "attribution" and c.value in UNVERIFIED_ROLES


def hedge_equivalent(c: ClaimCue, lang: str, hedge: Optional[ClaimCue] = None) -> bool:
    """A cue that answers a hedge on the other side (wider than :func:`hedging`:
    'could' and, in Chinese, which has no conditional mood, a future marker
    -- but only for the conditional mood: 会 and 将 answer « viendrait »; a
    conditional of possibility, « pourrait », only 会, which is also 'can';
    neither answers 可能 or "may").  Without ``hedge``: answers some hedge."""
    if hedging(c, "") or (c.kind == "modal" and c.value in ("able", "conditional")):
        return True
    if c.kind == "attribution" and _opinion(c, lang):
        return hedge is None or _family(hedge) == "doubt"  # 'analysts believe' answers 'most likely', not hearsay
    if not (lang == "zh" and c.kind == "modal" and c.value == "future"):
        return False
    if hedge is None or (hedge.kind == "modal" and hedge.value == "conditional"):
        return True
    # a conditional of possibility (« pourrait »: 'could') is answered by 会,
    # 'can' as well as 'will', but not by 将 'will' alone
    return hedge.source == "spacy:Mood=Cnd" and _ambiguous_future(c, lang)


def _opinion(c: ClaimCue, lang: str) -> bool:
    """Is the attribution cue's verb one of opinion or estimate ('analysts
    believe', « estiment les analystes », 分析人士认为: cues.json
    ``opinion_words``)?  The verb ends the cue or, inverted, opens it; a
    word inside it is another clause's ('The bank forecast growth … but
    said': the claim is what it said)."""
    words = cue_lists().get("opinion_words", {}).get(lang, ())
    low = c.text.casefold().strip()
    if lang == "zh":
        return any(low.startswith(w) or low.endswith(w) for w in words)
    tokens = re.findall(r"[\w'’-]+", low)
    return bool(tokens) and (tokens[0] in words or tokens[-1] in words)


# --------------------------------------------------------------------------
# evidence


def clause_of(side: Side, offset: int) -> tuple[int, int]:
    """The clause of ``side`` that holds ``offset`` (the whole side if none)."""
    for cl in side_clauses(side):
        if cl.start <= offset < cl.end:
            return cl.start, cl.end
    return side.start, side.end


def paired_clause(side: Side, offset: int, other: Side) -> tuple[int, int]:
    """The clause of ``other`` at the same relative place in the bead as
    ``offset`` in ``side``: clauses are paired by position (a later clause
    alignment inside beads can replace this one function)."""
    clauses = side_clauses(other)
    if not clauses:
        return other.start, other.end
    rel = (offset - side.start) / max(1, side.end - side.start)
    point = other.start + rel * (other.end - other.start)
    best = min(clauses, key=lambda cl: 0 if cl.start <= point < cl.end else min(abs(cl.start - point), abs(cl.end - point)))
    return best.start, best.end


def claim_finding(pair: AlignedPair, type_: str, severity: str, confidence: float, side: Side, cues: list[ClaimCue],
                  other: Side, other_cues: list[ClaimCue], explanation: str) -> Finding:
    """A ``claim`` finding whose evidence is each cue and the clause it
    governs, on both sides (the paired clause when the other side has no cue)."""
    ev = []
    for s, cs in ((side, cues), (other, other_cues)):
        for c in cs[:2]:
            ev.append(s.evidence(c.start, c.end, value=f"{c.kind}:{c.value}"))
        anchor = cs[0].start if cs else None
        if anchor is not None:
            a, b = clause_of(s, anchor)
        elif pair.is_clause:  # the clause aligner's counterpart, whole
            a, b = other.start, other.end
        else:
            a, b = facing_clause(pair, side, cues[0].start, other)
        ev.append(s.evidence(a, b))
    return make_finding(pair, "claim", type_, severity, confidence, ev, explanation)


def facing_clause(pair: AlignedPair, side: Side, offset: int, other: Side) -> tuple[int, int]:
    """The stretch of ``other`` that tells what the clause of ``side`` at
    ``offset`` tells: the other side's spans of the same clause group when
    the align stage aligned the bead's clauses (a retelling may put the
    clauses in another order: 'A former OpenAI executive confidently stated
    …' opens the English of 虽然 GPT-4 …，但前 OpenAI 高管表示…, the sample
    corpus), else the clause at the same relative place
    (:func:`paired_clause`) unless another clause says it more closely
    (:func:`closest_clause`)."""
    g = pair.clause_group("src" if side is pair.src else "tgt", offset)
    if g is not None:
        spans = [sp for sp in pair.clause_groups[g][1 if side is pair.src else 0]
                 if other.start <= sp[0] < other.end]
        if spans:
            return min(a for a, _ in spans), max(b for _, b in spans)
    return closest_clause(pair, side, offset, other)


def closest_clause(pair: AlignedPair, side: Side, offset: int, other: Side) -> tuple[int, int]:
    """The clause of ``other`` closest in meaning to the clause of ``side``
    at ``offset`` (the encoder's phrase similarity), when it beats the
    clause at the same relative place (:func:`paired_clause`) by
    ``facing_clause_min_gain`` or more (models/thresholds/checks.json): a
    version may put its clauses in another order (the attribution first:
    'A former OpenAI executive confidently stated that if GPT-4 …' against
    虽然 GPT-4 …，但前 OpenAI 高管表示，…, the sample corpus).  Without an
    encoder, or with one clause, the positional one.  Offsets: code points
    of the document text."""
    here = paired_clause(side, offset, other)
    sim, clauses = pair.phrase_similarity, side_clauses(other)
    if sim is None or len(clauses) < 2:
        return here
    a, b = clause_of(side, offset)
    mine = side.doc_text[a:b]
    texts = [other.doc_text[cl.start:cl.end] for cl in clauses]
    prefetch(sim, [mine] + texts)
    scores = {(cl.start, cl.end): sim(mine, t) for cl, t in zip(clauses, texts)}
    best = max(scores, key=lambda span: (scores[span], -span[0]))
    if scores[best] - scores[here] < thresholds()["facing_clause_min_gain"]:  # here is one of the clauses
        return here
    return best


def cue_words(cues: list[ClaimCue]) -> str:
    """The cues as quoted words, each place once ('selon des rumeurs' is a hedge and an attribution)."""
    seen: list[ClaimCue] = []
    for c in cues:
        if not any(c.start < s.end and s.start < c.end for s in seen):
            seen.append(c)
    return ", ".join(quote(c.text, 30) for c in seen[:3])


def grade_of(c: ClaimCue) -> str:
    if c.kind == "tense" and c.value == "future":
        return "future"  # « lancera »: as 'will'
    return c.value if c.kind in ("hedge", "modal", "attribution") else c.kind


# --------------------------------------------------------------------------
# the checks


def _comparable(pair: AlignedPair) -> bool:
    if pair.src.empty or pair.tgt.empty:
        return False
    return max(len(pair.src.sentence_ids), len(pair.tgt.sentence_ids)) <= _MAX_SENTENCES


def per_clause(check: Callable[[AlignedPair], list[Finding]]) -> Callable[[AlignedPair], list[Finding]]:
    """``check`` on a bead of up to ``_MAX_SENTENCES`` sentences a side; on a
    longer bead (a retelling's one sentence against eight, a transcript's
    short lines), whose cues no longer line up, on each of its clause pairs
    (the align stage's clause alignment, issue 16) instead, each judged as a
    bead of its own."""
    def run(pair: AlignedPair) -> list[Finding]:
        if pair.src.empty or pair.tgt.empty:
            return []
        if _comparable(pair):
            return check(pair)
        return [f for unit in pair.clauses for f in check(unit)]
    run.__name__, run.__doc__, run.__wrapped__ = check.__name__, check.__doc__, check
    return run


def _loose(pair: AlignedPair) -> bool:
    """A spoken version: it rephrases hedges and intensifiers and builds its
    sentences as it talks, so its claim findings are reported at low
    severity and confidence (issue 16: weighed, never silenced by relation).
    A retelling is not loose here: a retold hedge stated as fact is the very
    move of a rumour."""
    return pair.relation == "transcript"


def _label(pair: AlignedPair, side: Side) -> str:
    return pair.label(side)


def _certainty_type(unmatched: list[ClaimCue], other_cues: list[ClaimCue], toward_certainty: bool) -> str:
    if any(c.kind == "hedge" and c.value == "certain" for c in other_cues):
        return "certainty_raised" if toward_certainty else "certainty_lowered"
    if all(c.kind == "modal" for c in unmatched):
        return "modality_changed"
    return "hedge_dropped" if toward_certainty else "hedge_added"


def _certain_or_future(c: ClaimCue) -> bool:
    """Certainty or a forecast: 'certainly', 'will', 将, and a future of
    tense (the French simple future « lancera », 将于 + a time)."""
    return (c.kind == "hedge" and c.value == "certain") or _future(c)


def _possibility_modal(c: ClaimCue, lang: str) -> bool:
    """A modal of ability that also says 'possibly' ('could': cues.json
    ``possibility_modals``)."""
    return c.kind == "modal" and c.value == "able" and c.text.casefold() in cue_lists()["possibility_modals"].get(lang, ())


def _ambiguous_future(c: ClaimCue, lang: str) -> bool:
    """A future marker that also means 'can' (会: cues.json ``ambiguous_future``)."""
    return c.text in cue_lists()["ambiguous_future"].get(lang, ())


def check_certainty(pair: AlignedPair) -> list[Finding]:
    """A hedge (reportedly, 据报道, selon des sources, may, the conditional,
    'rumours say') on one side, and nothing of the kind on the other."""
    if pair.src.empty or pair.tgt.empty:
        return []
    out = []
    # a possibility against a necessity is a change of modal force, which check_modal_force reports
    forced = bool(check_modal_force(pair))
    for side, other, toward_certainty in ((pair.src, pair.tgt, True), (pair.tgt, pair.src, False)):
        mine = [c for c in side_cues(side) if hedging(c, other.lang)
                and not (_possibility(c) and (forced or _negated_cue(c, side) and prohibits(other)))]
        forecast = any(_certain_or_future(c) and not _ambiguous_future(c, other.lang) for c in side_cues(other))
        if forecast:
            # 'could' is ability or possibility, never reported alone; against
            # 'will' / 将 it is the possibility a rumour turns into a forecast
            mine += [c for c in side_cues(side) if _possibility_modal(c, side.lang) and not _negated_cue(c, side)]
        answers = _hedge_answers(side, other, mine, forecast)
        # a doubt is answered by any hedge ('may' for 可能, 'apparently' for 似乎); hearsay
        # only by hearsay, an appearance or the conditional (据传 against 'may' is not)
        # ... the conditional answers hearsay in French only, the journalistic conditional (Dendale
        # 1993): 'it would speed up' (an if-clause) is no 据报道 (a source-side break test, session 46)
        # ... and a conditional of hypothesis ('who otherwise would have bought') answers only another
        hypothesis = [a for a in answers if _of_hypothesis(a, other)]
        hearsay_answered = any(_family(c) in ("hearsay", "appearance")
                               or _journalistic(c, other.lang) and c not in hypothesis for c in answers)

        def answered(a: ClaimCue, c: ClaimCue) -> bool:
            return hedge_equivalent(a, other.lang, c) and (a not in hypothesis or _of_hypothesis(c, side))
        mine = [c for c in mine if not any(answered(a, c) for a in answers)
                or (_family(c) == "hearsay" and not hearsay_answered)]
        answers = [a for a in answers if any(answered(a, c) for c in mine)] if mine else answers
        if not mine:
            continue
        # a hedge one sentence away answers only a hedge of its own family (an
        # alignment boundary moved it): hearsay for hearsay, doubt for doubt ...
        # ... and only a hedge proper: a neighbour's "can" or "will" is its own
        near = {_family(c) for c in side_cues(other, near=True, inside=False) if hedging(c, side.lang)}
        mine = [c for c in mine if _family(c) not in near]
        if mine and _retold_side(pair, side, other):
            # a retelling credits what it retells to the report it retells
            # ('OpenAI reportedly began…' against the WSJ's own statement):
            # its source, not a doubt it adds
            mine = [c for c in mine if not (c.kind == "hedge" and c.value == "reported")]
        if not mine:
            continue
        if any(c.kind == "attribution" for c in side_cues(other)):
            # the other side names a source: the attribution check compares sources
            # (hearsay markers included), this one the rest
            # ... but a doubt inside the attribution is the claim's own ('They probably believe')
            # ... and hearsay laid over a source both name is this check's (_hearsay_layered)
            credited = [c for c in side_cues(side) if c.kind == "attribution"]
            layered = _hearsay_layered(side, other)
            mine = [c for c in mine if layered or not (any(c.start < a.end and a.start < c.end for a in credited)
                                                       and _family(c) != "doubt"
                                                       or c.kind == "hedge" and c.value == "reported")]
            if not mine:
                continue
        theirs = [c for c in side_cues(other) if _certain_or_future(c)]
        # a doubt set against the other side's own word that it is certain
        # (一定, « certainement » / 'may') changes the claim whichever side is
        # the source; a doubt against a plain statement or a forecast, added by
        # the target, is the lesser change (a translation more careful)
        contradicted = not answers and _says_certain(other)
        type_ = _certainty_type(mine, theirs, toward_certainty)
        what = _GRADE_WORDS.get(grade_of(mine[0]), "hedges")
        if answers:  # hearsay against a doubt: the source of the claim is gone
            theirs = answers
            said = f"{_GRADE_WORDS.get(grade_of(answers[0]), 'hedges')} ({cue_words(answers)}) but not that it is reported"
        elif theirs:
            said = f"{_GRADE_WORDS.get(grade_of(theirs[0]), 'states it')} ({cue_words(theirs)})"
        else:
            said = "states it as fact"
        expl = f"The {_label(pair, side)} {what} ({cue_words(mine)}); the {_label(pair, other)} {said}."
        strong = any(grade_of(c) in _STRONG for c in mine)
        severity = "medium" if (strong or theirs if toward_certainty else contradicted) else "low"
        conf = 0.6 if strong else 0.5
        if _loose(pair):
            severity, conf = "low", conf - 0.1
        out.append(claim_finding(pair, type_, severity, conf, side, mine, other, theirs, expl))
    return out


def _hedge_answers(side: Side, other: Side, mine: list[ClaimCue], forecast: bool) -> list[ClaimCue]:
    """The cues of ``other`` that may answer the hedges ``mine`` of
    ``side`` (check_certainty); ``forecast``: ``other`` tells it as
    certain or to come."""
    # an ability denied hedges nothing (« nous ne puissions pas donner de
    # date »), though a possibility denied does ('may not be able')
    answers = _free_answers([c for c in side_cues(other) if hedge_equivalent(c, other.lang)
                             and not (c.kind == "modal" and c.value == "able" and _negated_cue(c, other))],
                            [c for c in side_cues(side) if c not in mine])
    if _says_certain(other):
        # 'analysts believe' answers 'likely', but not once the believing side says
        # it is certain: « Ils pensent certainement » / 'They probably believe'
        answers = [a for a in answers if a.kind != "attribution"]
    if forecast:
        # who says it (« selon des associations ») does not answer a doubt
        # the other version turned into a forecast (可能会 / « va pousser »:
        # a blind trial's miss, session 36)
        # ... but the French conditional of reported information is hearsay
        # itself (Dendale 1993): 'reportedly' answers « aurait l'intention de »
        # against 'reportedly intends to' (a break test, session 48)
        answers = [a for a in answers if _family(a) != "hearsay"
                   or not any(_family(c) == "doubt" and not _journalistic(c, side.lang) for c in mine)]
    return answers


_SENTENCE_END = re.compile(r"[.!?。！？]")


def _of_hypothesis(c: ClaimCue, side: Side) -> bool:
    """Is ``c`` a conditional ('would', « auraient ») in the consequence of a
    case its sentence supposes or denies before it ('if …', « si … », « qui
    sinon auraient acheté »: a condition cue, or one of cues.json
    ``hypothesis_words``)?  That conditional says nothing of how sure the
    claim is: it answers no hedge but another such conditional
    (check_certainty)."""
    if not (c.kind == "modal" and c.value == "conditional"):
        return False
    words = cue_lists().get("hypothesis_words", {}).get(side.lang, ())
    return any(h.kind == "condition" and h.end <= c.start and (h.value == "condition" or h.text.casefold() in words)
               and not _SENTENCE_END.search(side.doc_text[h.end:c.start]) for h in side_cues(side))


def _journalistic(c: ClaimCue, lang: str) -> bool:
    """Is ``c``, a cue of a ``lang`` text, a French conditional of mood
    ('aurait', not 'pourrait', whose cue is a possibility): the journalistic
    conditional of reported information (Dendale 1993), which is hearsay and
    answers hearsay both ways (check_certainty, _hedge_answers)?"""
    return lang == "fr" and c.kind == "modal" and c.value == "conditional"


def _says_certain(side: Side) -> bool:
    """Does ``side`` say, unnegated, that it is certain (一定, « certainement »)?"""
    return any(c.kind == "hedge" and c.value == "certain" and not _negated_cue(c, side) for c in side_cues(side))


def _free_answers(answers: list[ClaimCue], kept: list[ClaimCue]) -> list[ClaimCue]:
    """Those of ``answers`` (cues of one side that may answer a hedge of the
    other) left when their modals are paired one for one with the same
    modal among ``kept`` (the other side's cues that hedge nothing): 可以
    rendered by 'can' answers no 'may' besides (彗星一定是…来源，这些有机物可以
    形成蛋白质 / 'Comets may possibly have been … matter that can form
    proteins': a source-side break test of session 44)."""
    modal = lambda c: (c.kind, c.value)
    _, free = _unmatched([c for c in kept if c.kind == "modal"], [a for a in answers if a.kind == "modal"], modal)
    return [a for a in answers if a.kind != "modal" or a in free]


def _hearsay_layered(side: Side, other: Side) -> bool:
    """Does ``side`` lay hearsay (据报道, 网传, « selon des rumeurs »: a
    reported hedge or an unverified source) over a kind of source both
    sides name, the other no hearsay at all?  据报道，
    他的研究表明 against 'His research showed', « Selon certaines sources,
    je pense » against 'I believe': the attribution check sees one kind of
    source on each side and says nothing, yet one version says the whole
    is hearsay (session 46, a source-side break test: 22 such edits silent)."""
    unverified = {"unverified", "report"}
    mine = [_ROLE_CLASS[c.value] for c in sum(_sources(side), [])]
    theirs = [_ROLE_CLASS[c.value] for c in sum(_sources(other), [])]
    vouching = [c for c in mine if c not in unverified]
    # as many sources of their own as the other names: the hearsay renders none of the
    # other's ('据报道，格里沃里认为' against 'VNA reports that Karasin believes' is an
    # agency left unnamed, not hearsay added)
    return (len(vouching) < len(mine) and not set(theirs) & unverified and bool(set(vouching) & set(theirs))
            and len(vouching) >= len(theirs))


def _retold_side(pair: AlignedPair, side: Side, other: Side) -> bool:
    """``side`` is the retelling of a retelling pair: the shorter text
    (text_weight: a Han character counts three)."""
    return pair.relation == "retelling" and text_weight(side.doc_text) < text_weight(other.doc_text)


def _sources(side: Side) -> tuple[list[ClaimCue], list[ClaimCue]]:
    """Who the side credits: its attribution cues, and its hearsay markers
    (据传, reportedly: an unverified source without a name) as attribution
    cues.  A side that names a source and also mentions rumours
    ("Bloomberg confirmed the rumours") credits both."""
    cues = side_cues(side)
    named = [c for c in cues if c.kind == "attribution" and c.value != "impersonal"]
    hearsay = [ClaimCue(c.start, c.end, c.text, "attribution", _hearsay_role(c, side.lang), c.source) for c in cues
               if c.kind == "hedge" and c.value == "reported" and not any(c.start < a.end and a.start < c.end
                                                                          for a in named)]
    return named, hearsay


def check_attribution(pair: AlignedPair) -> list[Finding]:
    """Both sides credit the claim to someone, but to different kinds of
    source ("rumours said" against "the company said")."""
    if pair.src.empty or pair.tgt.empty:
        return []
    (named_s, hearsay_s), (named_t, hearsay_t) = _sources(pair.src), _sources(pair.tgt)
    src, tgt = _unmatched_sources(named_s + hearsay_s, named_t + hearsay_t)
    if not src or not tgt:
        return []
    cs, ct = {_ROLE_CLASS[c.value] for c in src}, {_ROLE_CLASS[c.value] for c in tgt}
    if cs & ct or (cs | ct) <= {"named", "report"}:
        return []  # the same kind of source, or a report against a named source (a paper, an agency)
    if _one_group(src, tgt) or _one_group(tgt, src):
        return []
    if not named_s and not named_t:
        # 据称 / 'reportedly' / 'allegedly': each language's words for "it is
        # said" map onto each other's loosely (据报道 is rendered 'reportedly'),
        # so hearsay against hearsay is a shade, never a named source's word
        severity = "low"
    elif "unverified" in cs:
        # hearsay becomes a named source's word; a report ('according to
        # reports') is no one's word either
        severity = "high" if ct - {"report"} else "medium"
    elif "unverified" in ct:
        severity = "medium"
    else:
        severity = "medium"  # the author's view against a named source's
    expl = (f"The {_label(pair, pair.src)} {_GRADE_WORDS[src[0].value]} ({cue_words(src)}); the "
            f"{_label(pair, pair.tgt)} {_GRADE_WORDS[tgt[0].value]} ({cue_words(tgt)}).")
    return [claim_finding(pair, "attribution_changed", severity, 0.6, pair.src, src, pair.tgt, tgt, expl)]


def _unmatched(src: list[ClaimCue], tgt: list[ClaimCue], kind) -> tuple[list[ClaimCue], list[ClaimCue]]:
    """The cues of each side left when those of one ``kind`` (a function
    of a cue) on both sides are paired one for one, in text order."""
    left_s, left_t = list(src), list(tgt)
    for c in src:
        match = next((d for d in left_t if kind(d) == kind(c)), None)
        if match is not None:
            left_s.remove(c)
            left_t.remove(match)
    return left_s, left_t


def _unmatched_sources(src: list[ClaimCue], tgt: list[ClaimCue]) -> tuple[list[ClaimCue], list[ClaimCue]]:
    """The sources of each side left when those of one kind on both sides
    are paired one for one, in text order: 网传，格里沃里认为 against 'The VNA
    reports that Karasin believes' pairs the two named sources and leaves
    a rumour against the agency (a source-side break test of session 46;
    compared as sets of kinds, 'named' on both sides said nothing).  Both
    sides whole when one has no source left (nothing to set against)."""
    left_s, left_t = _unmatched(src, tgt, lambda c: _ROLE_CLASS[c.value])
    return (left_s, left_t) if left_s and left_t else (src, tgt)


@functools.lru_cache(maxsize=1)
def source_lists() -> dict:
    """models/compare/sources.json, read once: ``kinds`` (kind -> language
    -> words) and ``generic`` (language -> words, compare.source_words)."""
    return json.loads((models_dir() / "compare" / "sources.json").read_text(encoding="utf-8"))


def _source_kinds() -> dict:
    """models/compare/sources.json ``kinds``: kind -> language -> words."""
    return source_lists()["kinds"]


def source_kinds(cue: ClaimCue, lang: str) -> set[str]:
    """The kinds of named source an attribution cue names ('police said':
    {'police'}; 卫生部称: {'health authority'}), from models/compare/sources.json."""
    low = cue.text.casefold()
    return {kind for kind, by_lang in _source_kinds().items()
            if any(_names_word(low, w, lang) for w in by_lang.get(lang, ()))}


def _names_word(low: str, word: str, lang: str) -> bool:
    """Is ``word`` (one or more words) in the case-folded text ``low``: as
    written in Chinese, as whole words elsewhere?"""
    if lang == "zh":
        return word in low
    return re.search(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])", low) is not None


def check_source(pair: AlignedPair) -> list[Finding]:
    """Both versions credit the claim to a named source, of different kinds
    ('police said' / 市长表示, 'doctors said' / 卫生部称: sources.json), and
    neither names the other's kind in its bead or next to it: who vouches
    for the claim changed.  Reported as ``attribution_changed``, medium."""
    if pair.src.empty or pair.tgt.empty:
        return []
    kinds = []
    for s in (pair.src, pair.tgt):
        cues = [c for c in side_cues(s) if c.kind == "attribution" and c.value == "named"]
        kinds.append({k: c for c in cues for k in source_kinds(c, s.lang)})
    if not kinds[0] or not kinds[1] or set(kinds[0]) & set(kinds[1]):
        return []
    for side, other, mine in ((pair.src, pair.tgt, kinds[0]), (pair.tgt, pair.src, kinds[1])):
        near = {k for c in side_cues(other, near=True) if c.kind == "attribution" for k in source_kinds(c, other.lang)}
        if set(mine) & near:
            return []
    src, tgt = ([c for k, c in enumerate(cs) if all(c is not d for d in cs[:k])]  # one cue may name two kinds
                for cs in (list(ks.values()) for ks in kinds))
    names = [" and ".join(_source_kinds()[k].get("label", k) for k in sorted(ks)) for ks in kinds]
    expl = (f"The {_label(pair, pair.src)} credits this to {names[0]} ({cue_words(src)}); the "
            f"{_label(pair, pair.tgt)} to {names[1]} ({cue_words(tgt)}): another source vouches for it.")
    severity, conf = ("low", 0.45) if _loose(pair) else ("medium", 0.55)
    return [claim_finding(pair, "attribution_changed", severity, conf, pair.src, src, pair.tgt, tgt, expl)]


def _one_group(a: list[ClaimCue], b: list[ClaimCue]) -> bool:
    """A group left unnamed by its determiner (« selon des associations
    écologistes ») against one named without a proper noun (环保组织表示,
    'environmental groups said'): Chinese and English need no determiner
    to leave a group unnamed, so the two are one kind of source (the
    claims stage's ``:indefinite`` and ``:common`` cue sources)."""
    return (all(c.source.endswith(":indefinite") for c in a)
            and all(c.value == "named" and c.source.endswith(":common") for c in b))


def _hearsay_role(cue: ClaimCue, lang: str) -> str:
    """The source a hearsay marker gives: 'report' when its words name
    reports (据报道, « selon certaines informations », 'according to
    reports'), else 'rumour' (据传, reportedly, 据说)."""
    words = [w.casefold() for w in cue_lists().get("report_words", {}).get(lang, [])]
    low = cue.text.casefold()
    return "report" if any(w in low for w in words) else "rumour"


def _unmatched_degree(mine: list[ClaimCue], theirs: list[ClaimCue], other: Side) -> list[ClaimCue]:
    """The cues of ``mine`` that no cue of ``theirs`` answers.  A step of a
    scale of severity answers a step of a scale first, one for one
    (« grave » / 'severe'): a step so paired answers nothing else, so
    « extrêmement grave » against 'severe' drops an intensifier (a
    source-side edit of session 41 went unreported: 'severe' answered
    « extrêmement »)."""
    scaled_mine, scaled_theirs = [c for c in mine if _on_scale(c)], [c for c in theirs if _on_scale(c)]
    paired = min(len(scaled_mine), len(scaled_theirs))
    mine = [c for c in mine if c not in scaled_mine[:paired]]
    theirs = [c for c in theirs if c not in scaled_theirs[:paired]]
    values = {c.value for c in theirs}
    out = [c for c in mine if c.value in _DEGREE_MATCH and not (_DEGREE_MATCH[c.value] & values)
           and not c.source.endswith(":weak")]
    if any(c.value == "absolute" for c in out) and negations(other.text, other.lang):
        out = [c for c in out if c.value != "absolute"]  # 不可能 against "cannot": the same absolute
    return out


def _on_a_figure(c: ClaimCue, side: Side) -> bool:
    """Is the cue part of a number mention (最高达 35.3% 'up to'; « les
    moins de 25 ans », those under 25, no superlative), a downtoner or an
    approximator inside a date mention ('in nearly five years') or right
    before a figure the mentions stage read with an approximation (« un
    peu plus d'une heure »)?  A changed approximation is the number check's."""
    lessening = c.value in _LESSENING
    return any((m.kind == "number" or m.kind == "date" and lessening) and m.start < c.end and c.start < m.end
               or lessening and m.kind in ("number", "date") and m.approx and 0 <= m.start - c.end <= 1
               for m in side.mentions)


def check_degree(pair: AlignedPair) -> list[Finding]:
    """An intensifier, an absolute or a superlative on one side only
    ("a gap" against "an enormous gap", "difficult" against "impossible"),
    or a downtoner ("slightly damaged" against "damaged")."""
    if pair.src.empty or pair.tgt.empty:
        return []
    reversed_ = _reversed_degree(pair)
    if reversed_:
        return reversed_
    out = []
    for side, other, amplified in ((pair.tgt, pair.src, True), (pair.src, pair.tgt, False)):
        mine = [c for c in side_cues(side) if c.kind == "degree" and not _on_a_figure(c, side)]
        theirs = [c for c in side_cues(other, near=True) if c.kind == "degree"]
        if any(c.kind == "quantifier" and c.value == "majority" for c in side_cues(other)):
            mine = [c for c in mine if c.value != "superlative"]  # "most" against "the most": the quantifier check's
        unmatched = _unmatched_degree(mine, theirs, other)
        # a downtoner on one side only ("slightly damaged" / 受损) grades the
        # claim the other way: the side without it says more
        for missing, stronger in (([c for c in unmatched if c.value not in _LESSENING], amplified),
                                  ([c for c in unmatched if c.value in _LESSENING], not amplified)):
            if missing:
                out.append(_degree_finding(pair, side, other, missing, amplified, stronger))
    return out


def _reversed_degree(pair: AlignedPair) -> list[Finding]:
    """A downtoner on one side against an intensifier or an absolute on the
    other, in the bead itself ("slightly damaged" / « gravement
    endommagés »): the degree reversed, whatever a neighbouring sentence
    says and even for an amplifier never reported alone ('weak').  The
    low steps of a scale of severity ('minor injuries', « dégâts
    légers », 轻伤: cues marked ``scale``) count too, weak or not, against
    a high step of the same scale ('critically', « grièvement », 重伤):
    adjectives too common to report alone, which grade the same harm the
    other way when both versions grade it (Horn 1989, scalar
    predicates)."""
    # a negated intensifier ('not severely damaged') says the downtoner's degree
    cues = [[c for c in side_cues(s) if c.kind == "degree" and not _on_a_figure(c, s) and not _negated_cue(c, s)]
            for s in (pair.src, pair.tgt)]
    down = [[c for c in cs if c.value == "downtoner" and (_on_scale(c) or not c.source.endswith(":weak"))]
            for cs in cues]
    up = [[c for c in cs if c.value in ("intensifier", "absolute")] for cs in cues]
    for k, (side, other) in enumerate(((pair.src, pair.tgt), (pair.tgt, pair.src))):
        # a weak step of a scale ('light', « légères ») faces only a step of a scale ('serious')
        facing = up[1 - k] if any(not c.source.endswith(":weak") for c in down[k]) \
            else [c for c in up[1 - k] if _on_scale(c)]
        if down[k] and facing and not up[k] and not down[1 - k]:
            expl = (f"The {_label(pair, side)} says {cue_words(down[k])} where the {_label(pair, other)} says "
                    f"{cue_words(facing)}: the degree is reversed.")
            severity, conf = ("low", 0.45) if _loose(pair) else ("medium", 0.55)
            return [claim_finding(pair, "degree_changed", severity, conf, side, down[k], other, facing, expl)]
    return []


def _negation_before(c: ClaimCue, side: Side) -> bool:
    """Does a negation word end within a few characters before the cue
    (不是罪犯 'not a criminal', 'not guilty', « pas coupable »): a
    negated label, which the scope words of _negated_cue may not reach?"""
    at = c.start - side.start
    return any(0 <= at - e <= 4 for _, e in negations(side.text, side.lang))


def _on_scale(c: ClaimCue) -> bool:
    """Is the cue a step of a graded scale of severity (``scale`` in models/claims)?"""
    return ":scale" in c.source


def _negated_cue(c: ClaimCue, side: Side) -> bool:
    """Does a negation bear on the cue: is it among the words a negation
    cue of the side bears on ('not severely', « pas gravement », 没有受到严重:
    compare.negation_scope.bears_on), or does a negation follow a modal
    ('could not', "couldn't")?"""
    at, end = c.start - side.start, c.end - side.start
    spans = negations(side.text, side.lang)
    gap = 0 if side.lang == "zh" else 1  # 必须不 'must not'; 必须对不清理的 'must … those who do not clean'
    if c.kind == "modal" and side.lang == "fr" and any(0 <= at - e <= 1 for _, e in spans):
        return True  # « ne puissions pas », « n'a pas pu »: the French negation opens before the verb
    return bears_on(side, spans, at) or (c.kind == "modal" and any(0 <= a - end <= gap for a, _ in spans))


def _degree_finding(pair: AlignedPair, side: Side, other: Side, missing: list[ClaimCue], amplified: bool,
                    stronger: bool) -> Finding:
    """One degree_changed finding: ``missing``, the degree cues of ``side``
    that ``other`` lacks; ``stronger``: the claim is stronger in the target."""
    kinds = {"intensifier": "an intensifier", "absolute": "an absolute", "superlative": "a superlative",
             "downtoner": "a downtoner", "approximator": "an approximator"}
    expl = (f"The {_label(pair, side)} has {kinds[missing[0].value]} ({cue_words(missing)}) that the "
            f"{_label(pair, other)} does not: the claim is {'stronger' if stronger else 'weaker'} in the "
            f"{_label(pair, pair.tgt)}.")
    # an intensifier comes and goes in free translation more than an absolute or a superlative
    severity = "medium" if amplified and any(c.value in ("absolute", "superlative") for c in missing) else "low"
    conf = 0.5
    if _loose(pair):
        severity, conf = "low", 0.4
    return claim_finding(pair, "degree_changed", severity, conf, side, missing, other, [], expl)


def check_quantifier(pair: AlignedPair) -> list[Finding]:
    """Different quantifiers ("most" against "all"), or a quantity against a
    superlative ("most of the work" against "the most valuable work")."""
    if pair.src.empty or pair.tgt.empty:
        return []
    src = [c for c in side_cues(pair.src) if c.kind == "quantifier"]
    tgt = [c for c in side_cues(pair.tgt) if c.kind == "quantifier"]
    sup_s = [c for c in side_cues(pair.src) if c.kind == "degree" and c.value == "superlative"]
    sup_t = [c for c in side_cues(pair.tgt) if c.kind == "degree" and c.value == "superlative"]
    vs, vt = {_QUANTITY_CLASS[c.value] for c in src}, {_QUANTITY_CLASS[c.value] for c in tgt}
    left_s, left_t = _unmatched(src, tgt, lambda c: _QUANTITY_CLASS[c.value])
    if src and tgt and not vs & vt or left_s and left_t and len(src) > 1 and len(tgt) > 1:
        # two quantifiers a side ('Many doctors said all patients' / 许多医生说，一些病人):
        # those of one share paired one for one, the rest compared
        a, b = (src, tgt) if not vs & vt else (left_s, left_t)
        from .share import same_group  # share reads this module's cues: imported here

        if not any(same_group(pair, x, y) for x in a for y in b):
            return []  # each bears on another group (大量数据 / 'some industry experts')
    elif "most" in vs and "most" not in vt and sup_t and not sup_s:
        a, b = [c for c in src if c.value == "majority"], sup_t
    elif "most" in vt and "most" not in vs and sup_s and not sup_t:
        a, b = sup_s, [c for c in tgt if c.value == "majority"]
    else:
        return []
    expl = (f"The {_label(pair, pair.src)} says {cue_words(a)}, the {_label(pair, pair.tgt)} says {cue_words(b)}: "
            f"the claim covers a different share.")
    severity, conf = ("low", 0.45) if _loose(pair) else ("medium", 0.55)
    return [claim_finding(pair, "quantifier_changed", severity, conf, pair.src, a, pair.tgt, b, expl)]


def check_negation_scope(pair: AlignedPair) -> list[Finding]:
    """'Not only' (不仅, non seulement) on one side only: what the negation
    covers has changed."""
    if pair.src.empty or pair.tgt.empty:
        return []
    out = []
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        mine = [c for c in side_cues(side) if c.kind == "negation_scope" and c.value == "not_only"]
        if not mine:
            continue
        theirs = side_cues(other, near=True)
        denied = _plain_negations(other, theirs)
        # "but also" answers "not only" (the first half is often dropped); against a
        # plain negation ("not money, but something else") only "not only" does
        if any(c.kind == "negation_scope" and (c.value == "not_only" or not denied) for c in theirs):
            continue
        if denied:
            expl = (f"The {_label(pair, side)} says 'not only' ({cue_words(mine)}); the {_label(pair, other)} "
                    f"says 'not' ({cue_words(denied)}): one adds to what the other denies.")
            # medium only when the negation sits where 'not only' would be (its paired clause)
            a, b = paired_clause(side, mine[0].start, other)
            close = any(a <= c.start < b for c in denied)
            severity, conf = ("medium", 0.55) if close else ("low", 0.5)
        else:
            expl = (f"The {_label(pair, side)} says 'not only' ({cue_words(mine)}); the {_label(pair, other)} "
                    f"does not: what is claimed in addition, or denied, is not the same.")
            severity, conf = "low", 0.45
        if _loose(pair):
            severity, conf = "low", conf - 0.05
        out.append(claim_finding(pair, "negation_scope_changed", severity, conf, side, mine, other, denied, expl))
    return out


def check_condition(pair: AlignedPair) -> list[Finding]:
    """A condition (if, « si », 如果, 'provided that': the claims stage's
    condition cues) in the source only, none in the target's bead or its
    neighbours: what holds only if something happens is told as what will
    happen ('If approved, the budget will take effect' / 'The budget will
    take effect'), medium.  A condition the target adds is not reported: a
    translation spells out what the source implies (施用激素可加速 / 'if a
    hormone was administered it would speed up': a DEMETR clean row)."""
    if pair.src.empty or pair.tgt.empty or _loose(pair) or _several_sentences(pair):
        return []  # a transcript rephrases; in a bead of several sentences the condition's clause may be anywhere
    side, other = pair.src, pair.tgt
    mine = [c for c in side_cues(side) if c.kind == "condition" and not c.source.endswith(":weak")]
    # any condition of the other version answers, and a word of time ('when', 一旦 as « lorsque »)
    if not mine or any(c.kind == "condition" for c in side_cues(other, near=True)):
        return []
    if text_weight(other.text) < _PIECE * text_weight(side.text):
        return []  # the other side is a piece of the sentence (« Et »): its condition may be next door
    expl = (f"The {_label(pair, side)} says this holds only on a condition ({cue_words(mine)}); the "
            f"{_label(pair, other)} states it without one.")
    return [claim_finding(pair, "condition_dropped", "medium", 0.55, side, mine, other, [], expl)]


# a side under this share of the other's weight (rumorlens.langs.text_weight) is a piece of a sentence
_PIECE = 0.25


def _several_sentences(pair: AlignedPair) -> bool:
    return max(len(pair.src.sentence_ids), len(pair.tgt.sentence_ids)) > 1


def _plain_negations(side: Side, cues: list[ClaimCue]) -> list[ClaimCue]:
    """The side's negation words (compare.cues.negations) outside its claim
    cues (不 of 不仅 is not a negation of its own), as cues."""
    out = []
    for a, b in negations(side.text, side.lang):
        a, b = a + side.start, b + side.start
        if not any(c.start < b and a < c.end for c in cues):
            out.append(ClaimCue(start=a, end=b, text=side.doc_text[a:b], kind="negation", value="plain",
                                source="compare.cues"))
    return out


def _future(c: ClaimCue) -> bool:
    return c.kind in ("modal", "tense") and c.value == "future"


def subordinate_future(side: Side, c: ClaimCue) -> bool:
    """Is ``c`` a future in a subordinate clause of a language that tells
    the time to come there where English tells a present (French: « quand
    il viendra » / 'when he comes', « autant que vous voudrez » / 'all you
    want'; Riegel, Pellat & Rioul 2009, VII.2.4, le futur dans les
    subordonnées)?  Its mark (an adverbial or relative clause), or, in its
    clause before it (from the last punctuation mark): a « que » that does
    not complete a verb of saying or thinking (:func:`_asserted_completive`:
    « espère que la réforme sera adoptée » / 'hopes the reform passes', «
    s'assurer que le vaccin sera efficace » / 'make sure the vaccine is
    effective' are excused; « a démontré qu'il sera » / 'proved that he is'
    is a tense change), or a subordinator of models/compare/cues.json
    ``future_subordinators``."""
    words = cue_lists().get("future_subordinators", {}).get(side.lang, ())
    if not words or not _future(c):
        return False
    if "subordinate" in c.marks:
        return True
    asserted = _asserted_completive(side, c)
    if asserted is not None:
        return not asserted
    before = re.split(r"[,;:.!?()«»]", side.doc_text[side.start:c.start])[-1].casefold()
    return any(re.search(r"(?<!\w)" + re.escape(w) + (r"(?!\w)" if w[-1].isalpha() else ""), before) for w in words)


def _asserted_completive(side: Side, c: ClaimCue) -> Optional[bool]:
    """When a « que » opens the clause of the future ``c`` (the last one
    before it, after the last punctuation mark): does it complete a verb of
    saying or thinking (cues.json ``future_assertive_verbs``, the verb up
    to ``reach`` words before « que », not reflexive: « s'assurer que » is
    'make sure')?  English keeps their complement's future ('said it will
    close'), not that of a verb of wishing, checking or waiting ('hopes it
    passes', 'make sure it is', 'wait until it comes'), nor of a
    comparison or a relative (« autant que vous voudrez » / 'as often as
    you want': ``not_completive_after``).  None without such a « que »."""
    rules = cue_lists().get("future_assertive_verbs", {}).get(side.lang)
    if not rules:
        return None
    words = [w for w in side.words() if side.start + w.end <= c.start]
    cut = max((k for k, w in enumerate(words) if w.pos == "PUNCT"), default=-1)
    ques = [k for k in range(cut + 1, len(words)) if words[k].text.casefold() in rules["que"]]
    if not ques:
        return None
    head = words[max(cut + 1, ques[-1] - rules["reach"]):ques[-1]]
    verbs = [k for k, w in enumerate(head) if w.pos in ("VERB", "AUX")]
    # « autant que vous voudrez », « ce que vous voudrez »: a comparison or a relative, no completive
    if not verbs or head[-1].text.casefold() in rules["not_completive_after"]:
        return False
    lemma = head[verbs[-1]].lemma.casefold()
    reflexive = verbs[-1] > 0 and head[verbs[-1] - 1].text.casefold() in rules["reflexive"]
    return lemma in rules["verbs"] and not (reflexive and lemma in rules["not_reflexive"])


def _under_way(c: ClaimCue) -> bool:
    """An event under way or done, or a state of the past ('was', « était »)."""
    return c.kind == "tense" and c.value in ("ongoing", "completed", "past")


def check_tense(pair: AlignedPair) -> list[Finding]:
    """A future on one side ("will", 将, the French future) against an event
    under way or done on the other ("already", 正在, « en train de »), each
    side without the other's: a plan or a prediction told as a fact, or
    the reverse.  Both sides must mark their tense or aspect explicitly (a
    plain verb says nothing in Chinese), so a finding rests on two cues.
    A plain past (a ':weak' cue, claims.cues.past_tense_cues: "received",
    « ont terminé ») answers an English or French future, and a Chinese
    future of tense (将于 + a time: kind 'tense' in
    models/claims/zh.json) but not a modal one: Chinese has no tense, and
    将 and 会 alone are also the disposal marker and "would" in a past
    context (以为 Anthropic 会公布, « tout le monde s'attendait à »),
    which a translation renders in the past (10 such pairs in the sample
    corpus, none a change).  Reported as ``modality_changed``."""
    if pair.src.empty or pair.tgt.empty:
        return []
    for side, other, toward_fact in ((pair.src, pair.tgt, True), (pair.tgt, pair.src, False)):
        mine, theirs = side_cues(side), side_cues(other)
        timeless = _timeless(theirs)  # « Il est possible que nous perdions »
        theirs = [c for c in theirs if c not in timeless]
        fut = [c for c in mine if _future(c)]
        timed = side.lang in TENSE_MARKING or any(c.kind == "tense" for c in fut)
        # the reporting verb ('said', « a déclaré ») tells when the source spoke, not when the claim
        # happens: on either side ('said it would appeal' / « a fait appel »)
        now = sorted((c for c in theirs if _under_way(c) and (timed or not c.source.endswith(":weak"))
                      and not _said(c, theirs)), key=lambda c: "subordinate" in c.marks)  # a main clause's first
        # a future or a conditional of the other version ('would also take over') is no fact
        # a past of the future's own side in an adverbial or relative clause ('will cancel the tour
        # after he injured himself') tells another event than the plan
        if _opens_condition(mine):
            continue  # 'if …, it will': a prediction under a condition; a dropped condition is check_condition's
        if not fut or not now or any(_under_way(c) and not _said(c, mine) and "subordinate" not in c.marks for c in mine) \
                or any(_future(c) or c.kind == "modal" and c.value == "conditional" for c in side_cues(other, near=True)):
            continue
        # the other side's first verb tells a present, what is done comes later, in verbs of a
        # clause it governs, and the future's side tells a done event too: that event is told on
        # both sides (« On ne saura jamais ce qui s'est passé » / 'Nobody knows what happened':
        # 'happened' is « s'est passé », and 'knows' answers 'saura'), not a plan told as done.
        # Not when the done event is the other side's alone ('It is speculated that he ran' /
        # 据推测，他将…参加), nor for an adverb of the present's own clause ('is already available')
        first = min((c for c in theirs if c.kind == "tense" and not _said(c, theirs)), key=lambda c: c.start)
        if first.value == "present" and all(c.start > first.start and c.source.startswith("spacy:") for c in now) \
                and any(_under_way(c) and not _said(c, mine) for c in mine):
            continue
        when = {"ongoing": "is happening now", "completed": "has already happened", "past": "was so, or happened"}[now[0].value]
        # the futur antérieur: done by a time to come, or supposed done (« aura fait douze morts »)
        will = "will have happened, or supposes it did" if all(c.source == FUTURE_PERFECT for c in fut) \
            else "will happen"
        expl = (f"The {_label(pair, side)} says this {will} ({cue_words(fut)}); the {_label(pair, other)} "
                f"says it {when} ({cue_words(now)}).")
        severity, conf = ("medium" if toward_fact else "low"), 0.5
        if _loose(pair):
            severity, conf = "low", 0.4
        return [claim_finding(pair, "modality_changed", severity, conf, side, fut, other, now, expl)]
    return []


def _said(c: ClaimCue, cues: list[ClaimCue]) -> bool:
    """Is the cue a reporting verb: the past of a verb of saying (claims.cues:
    ``spacy:Report:weak``) or inside one of the side's attribution cues?"""
    return c.source == "spacy:Report:weak" or any(a.kind == "attribution" and a.start <= c.start and c.end <= a.end
                                                  for a in cues)


_TIME_WORDS = {"present": "is so now", "past": "was so, or happened", "future": "will be so, or will happen"}
_TIME_ORDER = ("future", "present", "past")


def _times(cues: list[ClaimCue]) -> dict[str, list[ClaimCue]]:
    """The times a side's verbs tell ('present', 'past', 'future') with
    their cues: a perfect (has been, « a été ») and 'already' tell both
    the past and the present, 'now under way' (正在, « en train de ») the
    present.  The verb of a hedge of several words and the subjunctive
    after one tell no time of the claim (« il est probable que … soit
    annulé » / 'will very likely be cancelled'): they are left out
    (:func:`_timeless`); nor does a conditional (« si les taux baissaient,
    les ménages emprunteraient » / 'would borrow', a helper's break test,
    session 58)."""
    out: dict[str, list[ClaimCue]] = {}
    timeless = _timeless(cues)
    # a conditional (« emprunteraient », Mood=Cnd, which spaCy also tags Tense=Pres) tells no present
    conditional = [(c.start, c.end) for c in cues if c.kind == "modal" and c.value == "conditional"]
    for c in cues:
        if _future(c):
            times = ("future",)
        elif c.kind != "tense" or c.source == "spacy:Report:weak" or c in timeless \
                or any(a < c.end and c.start < b for a, b in conditional):
            continue  # a reporting verb tells when the source spoke
        elif c.value in ("present", "ongoing"):
            times = ("present",)
        elif c.value == "past":
            times = ("past",)
        elif c.value == "completed":
            # a perfect tells the past and the present; so does reported speech's
            # backshifted past ('said the strike was costing' / « la grève coûte »)
            times = ("past",) if c.source == "spacy:Tense=Past:weak" else ("past", "present")
        else:
            continue
        for t in times:
            out.setdefault(t, []).append(c)
    return out


def _timeless(cues: list[ClaimCue]) -> list[ClaimCue]:
    """The tense cues of ``cues`` that tell no time of the claim: the verb
    of a hedge of several words (« il est probable que », 'it is possible
    that') and the subjunctive after one (:func:`_subjunctives`).  A modal's
    own verb keeps its time: 'are expected to obey' tells a present duty as
    well as what will be done (« sont censés obéir »; DEMETR's clean French
    row 740)."""
    frames = [c for c in cues if c.kind == "hedge" and " " in c.text.strip()]
    inside = [c for c in cues if c.kind == "tense" and any(f.start <= c.start and c.end <= f.end for f in frames)]
    return inside + _subjunctives(cues, frames)


def _subjunctives(cues: list[ClaimCue], frames: list[ClaimCue]) -> list[ClaimCue]:
    """The first verb after each frame that ends in a word opening a
    subjunctive (cues.json ``subjunctive_openers``: French « que »; « il est
    possible que nous perdions », « il faut que … agisse », « il n'est pas
    exclu que … se représente »): a subjunctive, which tells no time of its
    own (Riegel, Pellat & Rioul 2009, VI.2.3); spaCy's small model often
    reads it as a present or an imperfect.  A plain (weak) present or past
    within ``_SUBJUNCTIVE_REACH`` characters of the frame's end."""
    openers = tuple(w for ws in cue_lists().get("subjunctive_openers", {}).values() for w in ws)
    ends = [f.end for f in frames if straight_typography(f.text.casefold().rstrip()).endswith(openers)]
    out = []
    for end in ends:
        after = [c for c in cues if c.kind == "tense" and c.value in ("present", "past")
                 and c.source.endswith(":weak") and end <= c.start < end + _SUBJUNCTIVE_REACH]
        out += sorted(after, key=lambda c: c.start)[:1]
    return out


_SUBJUNCTIVE_REACH = 60  # characters: the subject of the clause stands between


def _main_clauses(cues: list[ClaimCue]) -> list[ClaimCue]:
    """The cues outside adverbial and relative clauses (ClaimCue.marks
    "subordinate"), when some tense cue is among them; else all: a
    sentence's time is its main clause's ('will look their best when they
    are in', « revêtent … lorsqu'elles se trouvent »)."""
    main = [c for c in cues if "subordinate" not in c.marks]
    return main if any(c.kind == "tense" or _future(c) for c in main) else cues


def _dated(side: Side) -> bool:
    """Does the side name a time: a date mention, a number that may be a
    year (mentions.numbers.could_be_year: « En 1789 » is read as a count),
    or a day of the week (models/lexicons/dates.json weekdays: « mardi »
    alone is no date mention)?"""
    if any(m.kind == "date" or could_be_year(m) for m in side.mentions):
        return True
    days = lexicon.load("dates")["weekdays"].get(side.lang, {})
    return any(w in days for w in re.findall(r"\w+", side.text.casefold()))


def _opens_condition(cues: list[ClaimCue]) -> bool:
    """Is one of the cues a condition ('if', « si », 'once': kind and value
    'condition')?  In a conditional sentence the present of the main
    clause tells what will happen, as a future does (« il me suffira de
    lire » / 'all I have to do is read': a DEMETR row that the side's own
    'if' clause used to excuse), and a future is a prediction under it."""
    return any(c.kind == "condition" and c.value == "condition" for c in cues)


def check_tense_shift(pair: AlignedPair) -> list[Finding]:
    """The verbs of one side tell another time than those of the other,
    between two languages whose verbs mark tense (French, English): 'is'
    against « était », « a » against "will have".  Each side must tell a
    time (a finite verb, claims.cues.present_tense_cues and
    past_tense_cues) and no time of one may be among the other's, nor
    among the neighbouring sentences' of the other (a tense the
    alignment put one sentence away); a perfect tells both past and
    present.  The other's adverbial and relative clauses do not answer
    ('a disease that affects': DEMETR's tense rows, session 41), and a
    present against a future in a conditional sentence is not judged.  A present beside a date is not judged: with a date both
    languages tell past and scheduled events in the present (« En 1789,
    le peuple prend la Bastille », « Le Sénat adopte mardi », "leaves
    tomorrow"; Riegel, Pellat & Rioul 2009, VII.2.1, présent historique
    and présent à valeur de futur).  A future against a past is
    check_tense's (a plan told as done).  Chinese marks no tense: never judged.  Reported as
    ``tense_changed``, low: translations shift tense for style too
    (DEMETR's clean French rows; bench/bench_checks.py)."""
    if pair.src.lang not in TENSE_MARKING or pair.tgt.lang not in TENSE_MARKING:
        return []
    src, tgt = _narrative_past(pair.src, pair.tgt), _narrative_past(pair.tgt, pair.src)
    # a French future in a subordinate clause is English's present ('when he comes')
    src, tgt = _told_in_subordinate(pair.src, src, tgt), _told_in_subordinate(pair.tgt, tgt, src)
    told, spans = _told_apart(_times(_main_clauses(src)), _times(_main_clauses(tgt))), (None, None)
    if told is None and (facing := _clause_told_apart(pair)) is not None:
        told, spans = facing[:2], facing[2]
    # the neighbouring sentences' times (a boundary moved), not the other's own adverbial and
    # relative clauses: they tell other events ('a disease that affects' does not answer « est » / 'was')
    if told is not None and (set(told[0]) & set(_times(side_cues(pair.tgt, near=True, inside=False)))
                             or set(told[1]) & set(_times(side_cues(pair.src, near=True, inside=False)))):
        return []
    told = told or _future_alone(pair)  # which looks at the neighbours' futures itself
    if told is None:
        return []
    mine, theirs = told
    # « sera probablement adoptée » / 'is likely to pass'; of two facing clauses, the clause's own
    # words ('You may consult …, but their advice is designed' / « … seront adaptés »)
    if "future" in mine and _foretells(pair.tgt, spans[1]) or "future" in theirs and _foretells(pair.src, spans[0]):
        return []
    present = pair.src if "present" in mine else pair.tgt if "present" in theirs else None
    if present is not None and _dated(present):
        return []  # a present with a date tells past or future events (présent historique, "leaves tomorrow")
    if {"present", "future"} <= set(mine) | set(theirs) and _opens_condition(side_cues(pair.src) + side_cues(pair.tgt)):
        return []  # 'if it rains, the match is off' tells what will happen: a first conditional
    a, b = _quoted_time(mine), _quoted_time(theirs)
    src_cues, tgt_cues = mine[a], theirs[b]
    expl = (f"The {_label(pair, pair.src)} says this {_TIME_WORDS[a]} ({cue_words(src_cues)}); the "
            f"{_label(pair, pair.tgt)} says it {_TIME_WORDS[b]} ({cue_words(tgt_cues)}).")
    conf = 0.4 if _loose(pair) else 0.45
    return [claim_finding(pair, "tense_changed", "low", conf, pair.src, src_cues, pair.tgt, tgt_cues, expl)]


def _narrative_past(side: Side, other: Side) -> list[ClaimCue]:
    """:func:`side_cues` of a French side against an English one, its
    passé composé (a perfect, 'completed') read as the past: French
    tells past events in the passé composé, English in the simple past, so
    it is no present perfect that an English present would answer
    (« Les enquêteurs ont découvert » / 'Investigators find', « a fait
    part de son projet » / 'announces his plan': DEMETR's French tense
    rows; Riegel, Pellat & Rioul 2009, VII.2.3, le passé composé).  An
    imparfait the claims stage read as the present of what was said
    (claims.cues.CONCORDANCE: « a déclaré que cette usine était un modèle »)
    tells the past too, as English backshift does: 'Mrs Moreau called the
    factory a model' tells no other time (a fresh user's trial, session 64)."""
    cues = side_cues(side)
    if side.lang != "fr" or other.lang != "en":
        return cues
    return [replace(c, value="past") if c.kind == "tense" and c.value == "completed" and c.source == PERFECT
            else replace(c, value="completed", source=BACKSHIFT) if c.source == CONCORDANCE
            else c for c in cues]


def _quoted_time(times: dict[str, list[ClaimCue]]) -> str:
    """The time of :func:`_times` to quote: a future first, then a present
    told by a present (a future's closest contrast: 'will know' / 'knows
    what happened'), not only by a perfect, then a past."""
    for t in _TIME_ORDER:
        if t in times and (t != "present" or any(c.value in ("present", "ongoing") for c in times[t])):
            return t
    return min(times, key=_TIME_ORDER.index)


def _told_in_subordinate(side: Side, cues: list[ClaimCue], other: list[ClaimCue]) -> list[ClaimCue]:
    """``cues`` without the futures in subordinate clauses
    (:func:`subordinate_future`) when ``other`` tells a present."""
    if "present" not in _times(other):
        return cues
    return [c for c in cues if not subordinate_future(side, c)]


def _future_alone(pair: AlignedPair) -> Optional[tuple[dict, dict]]:
    """({"future": cues}, the other side's times) in source-target order,
    when one side tells a future and the other, which tells some time
    (:func:`_times`, every clause's), tells none: not in a verb, nor with a
    conditional or a possibility modal ('would', 'may'), nor with a hedge
    of likelihood ('is likely to pass' / « sera probablement adoptée »), nor
    in the sentences next to it (:func:`_foretells`).  A future among verbs
    that keep their time (« … leur auront permis de se distinguer et il est
    évident que c'était l'équipe à battre » / 'made them stand out, and it
    was clear', « Pour autant que je sache, il y aura déjà une plainte » /
    'there is already'), which the main clauses' times and the clauses' do
    not set apart (DEMETR's French tense rows; session 58).  A French future
    in a subordinate clause does not count against a present
    (:func:`subordinate_future`), nor one in a relative or adverbial clause
    against a side that tells no present and no time in such a clause (an
    English participle may render it: 'linking').  None when check_tense reports the pair
    (a plan told as done), or when the future's verb is paired with one of
    the other side's (compare.verb_times reports it)."""
    # imported here: compare.verb_times reads this module
    from .verb_times import paired_cues

    if pair.src.lang == pair.tgt.lang:
        # two versions in one language are often two translations of a Chinese text, each
        # with its own tenses (compare.verb_times), or two retellings whose beads pair sentences
        # that tell different events ('will continue to play' / 'has launched', bench/real)
        return None
    src, tgt = _times(side_cues(pair.src)), _times(side_cues(pair.tgt))
    for side, mine, theirs, other in ((pair.src, src, tgt, pair.tgt), (pair.tgt, tgt, src, pair.src)):
        kept = _told_in_subordinate(side, mine.get("future", []), side_cues(other))
        # a future of a relative or adverbial clause is compared with a present of the other side
        # ('a law that will prohibit' / « une loi qui interdit ») or a tense of its own relative or
        # adverbial clauses (« qui circuleront » / 'that ran'); against a side that tells neither,
        # its clause may be rendered by no finite verb: « qui reliera Gerland à Vénissieux » /
        # 'unveiled … linking Gerland with Vénissieux' (a fresh user's trial, session 65)
        told_below = "present" in theirs or any(c.kind == "tense" and "subordinate" in c.marks
                                                for c in side_cues(other))
        future = [c for c in kept if _plain_future(side, c, other) and ("subordinate" not in c.marks or told_below)]
        if not future or not theirs or "future" in theirs or _foretells(other) or _may_be_future(other) \
                or check_tense(pair):
            continue
        if set(src) & set(tgt) and paired_cues(pair) & {(c.start, c.end) for c in future}:
            continue  # one verb told in another time, which compare.verb_times quotes
        return ({"future": future}, theirs) if side is pair.src else (theirs, {"future": future})
    return None


def _plain_future(side: Side, c: ClaimCue, other: Side) -> bool:
    """Is the future ``c`` of ``side`` nothing else: not a future that also
    tells a duty (cues.json ``future_alone_not``: 'are expected to' / « sont
    censés »), nor a modal verb's future the other side renders with a
    modal of the same force (« où vous pourrez acheter » / 'where you can
    buy': a translator's choice, DEMETR's clean French row 800)?"""
    if straight_typography(c.text.casefold()) in cue_lists().get("future_alone_not", {}).get(side.lang, ()):
        return False
    forces = {m.value for m in side_cues(side) if m.kind == "modal" and m.value != "future"
              and m.start < c.end and c.start < m.end}
    return not forces & {m.value for m in side_cues(other) if m.kind == "modal"}


def _may_be_future(side: Side) -> bool:
    """Does a verb of ``side`` end as a future does (cues.json
    ``future_endings``: « verrez », which spaCy's small model does not
    always tag a future, nor a verb)?"""
    endings = cue_lists().get("future_endings", {}).get(side.lang, {})
    verb, anyhow = tuple(endings.get("verb", ())), tuple(endings.get("any", ()))
    return bool(endings) and any(w.text.casefold().endswith(anyhow) or w.pos in ("VERB", "AUX")
                                 and w.text.casefold().endswith(verb) for w in side.words())


def _foretells(side: Side, span: Optional[tuple[int, int]] = None) -> bool:
    """Does the side, or a sentence next to it, tell a future, a condition
    or a possibility some other way than a future verb (a modal: 'would',
    'may', « pourrait »; a hedge of likelihood: 'likely', « probablement »)?
    With ``span`` (one clause of the side, document offsets), that clause."""
    cues = side_cues(side, near=True) if span is None else [c for c in side_cues(side) if span[0] <= c.start < span[1]]
    return any(_future(c) or c.kind == "modal" and c.value in ("conditional", "possible")
               or c.kind == "hedge" and c.value in _FORESEEING for c in cues)


# hedge grades that may stand for a future ('is likely to pass' / « sera probablement adoptée »;
# 'as far as I know' does not)
_FORESEEING = ("possible", "probable", "speculative")


def _told_apart(mine: dict, theirs: dict) -> Optional[tuple[dict, dict]]:
    """The two sides' times (:func:`_times`) when each tells one and none of
    one is among the other's, and not a future against a past (check_tense's)."""
    if not mine or not theirs or set(mine) & set(theirs) or {"future", "past"} <= set(mine) | set(theirs):
        return None
    return mine, theirs


def _clause_told_apart(pair: AlignedPair) -> Optional[tuple[dict, dict, tuple]]:
    """:func:`_told_apart` of one pair of facing clauses, and the two
    clauses' spans (document offsets), when the two sides
    are cut into as many clauses, two or more, and another facing pair
    shares a time (the clauses line up: « Vous pouvez consulter …, mais
    leurs conseils seront adaptés » / 'You may consult …, but their advice
    is designed' share the present first, then tell a future against a
    present; session 57, the source-side probe's tense rows).  Only when
    the clauses line up (:func:`_lined_up`): clauses told in another order
    ('The revenue will be insufficient, even though the government can
    raise taxes' against « peut …, mais … seront », a helper's break test)
    are not judged."""
    cs, ct = pair.src.clause_spans(), pair.tgt.clause_spans()
    if len(cs) != len(ct) or len(cs) < 2 or not _lined_up(pair, cs, ct):
        return None
    src, tgt = side_cues(pair.src), side_cues(pair.tgt)
    for (a, b), (c, d) in zip(cs, ct):
        told = _told_apart(_times(_main_clauses([x for x in src if a <= x.start < b])),
                           _times(_main_clauses([y for y in tgt if c <= y.start < d])))
        if told is not None:
            return told[0], told[1], ((a, b), (c, d))
    return None


def _lined_up(pair: AlignedPair, cs: list[tuple[int, int]], ct: list[tuple[int, int]]) -> bool:
    """Does each clause share at least as many words the dictionaries tie
    with the clause at its place on the other side as with any other
    clause there, and some clause more?"""
    keys_s = [_clause_keys(pair.src, a, b) for a, b in cs]
    keys_t = [_clause_keys(pair.tgt, a, b) for a, b in ct]
    shared = [[len(ks & kt) for kt in keys_t] for ks in keys_s]
    n = len(shared)
    if any(shared[i][j] > shared[i][i] or shared[j][i] > shared[i][i] for i in range(n) for j in range(n)):
        return False
    return any(shared[i][i] > max(shared[i][j] for j in range(n) if j != i) for i in range(n))


def _clause_keys(side: Side, start: int, end: int) -> frozenset[str]:
    """English keys of the content words of ``doc_text[start:end]``."""
    return frozenset().union(*(english_keys(w, side.lang) for w in side.words(start, end) if is_content(w, side.lang)))


def check_possibility_time(pair: AlignedPair) -> list[Finding]:
    """A possibility about the past on one side ('may have chosen',
    « aurait pu », 可能选择了, 本可以: ClaimCue.marks "past",
    claims.cues.past_possibility) against a possibility now or to come on
    the other ('could choose', « pourrait choisir », 可能将): what may have
    happened told as what may happen, or the reverse.  The other side's
    possibility must tell its time: a modal verb in French or English, a
    Chinese one marked "future" (可能将, 可能会); a Chinese possibility
    without 将, 会, 了 or 已经 (可以改善) may be about either time.  Not judged when the
    other side tells a possibility about the past anywhere in the bead or
    next to it, or a past of its own (« a peut-être choisi »).  Reported
    as ``tense_changed``, low."""
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        theirs = side_cues(other)
        past = [c for c in side_cues(side) if c.possibility and "past" in c.marks]
        # a modal verb carries its time; an adverb ('probably', « probablement ») leaves it to
        # its verb (« c'est probablement terminé »: over, now); Chinese tells it with 将, 会
        now = [c for c in theirs if c.possibility and (c.kind == "modal" if other.lang in TENSE_MARKING
                                                        else "future" in c.marks)]
        if not past or not now or any(c.possibility and "past" in c.marks for c in side_cues(other, near=True)) \
                or any(_under_way(c) and not _said(c, theirs) for c in theirs):
            continue
        expl = (f"The {_label(pair, side)} tells a possibility about the past ({cue_words(past)}); the "
                f"{_label(pair, other)} one now or to come ({cue_words(now)}).")
        return [claim_finding(pair, "tense_changed", "low", 0.45, side, past, other, now, expl)]
    return []


def check_status(pair: AlignedPair) -> list[Finding]:
    """A person's legal standing told as established on one side ('the
    culprit', « condamné », 罪犯: models/claims ``status`` cues) and only
    as alleged on the other ('the suspect', « mis en examen », 嫌疑人,
    'alleged'): what a court has not decided is told as decided, or the
    reverse (the presumption of innocence; a term rendered with the
    everyday word).  A side that says both ('charged and later
    convicted') tells the established standing the other leaves out.
    Negated words ('not guilty') say nothing established.  Reported as
    ``certainty_raised`` (established in the target) or
    ``certainty_lowered``."""
    if pair.src.empty or pair.tgt.empty:
        return []
    established, alleged = [], []
    for s in (pair.src, pair.tgt):
        cues = [c for c in side_cues(s) if (c.kind == "status" or c.kind == "hedge" and c.value == "reported")
                and not _negated_cue(c, s) and not _negation_before(c, s)]
        established.append([c for c in cues if c.kind == "status" and c.value == "established"])
        alleged.append([c for c in cues if c.kind != "status" or c.value == "alleged"])
    for k, (side, other) in enumerate(((pair.src, pair.tgt), (pair.tgt, pair.src))):
        mine, theirs = established[k], alleged[1 - k]
        if not mine or established[1 - k] or not theirs:
            continue
        expl = (f"The {_label(pair, side)} tells a legal standing as established ({cue_words(mine)}); the "
                f"{_label(pair, other)} as alleged ({cue_words(theirs)}): what a court has not decided is told as "
                f"decided in one of them.")
        type_ = "certainty_raised" if side is pair.tgt else "certainty_lowered"
        severity, conf = ("low", 0.45) if _loose(pair) else ("medium", 0.55)
        return [claim_finding(pair, type_, severity, conf, side, mine, other, theirs, expl)]
    return []



# --------------------------------------------------------------------------
# modal force: what must be against what may be


def _phrase_cues(side: Side, phrases, value: str, start: int, end: int) -> list[ClaimCue]:
    """Every one of ``phrases`` in ``side.doc_text[start:end]`` (case-folded;
    whole words, Chinese as written) as a modal cue of ``value``."""
    low = side.doc_text[start:end].casefold().replace("’", "'")
    out = []
    for p in phrases:
        if p not in low:
            continue
        pat = re.escape(p) if side.lang == "zh" else \
            r"(?<![\w'’-])" + re.escape(p) + (r"(?![\w'’-])" if p[-1:].isalnum() else "")  # « le droit d'apporter »
        out += [ClaimCue(start=start + m.start(), end=start + m.end(), text=side.doc_text[start + m.start():start + m.end()],
                         kind="modal", value=value, source="compare.modal_force") for m in re.finditer(pat, low)]
    return out


def _negated_modal(c: ClaimCue, side: Side, spans: list[tuple[int, int]]) -> bool:
    """A modal a negation bears on (:func:`_negated_cue`), holds ('cannot')
    or stands just before (« ne sont pas tenus », 'not allowed to', 不允许)."""
    at, end = c.start - side.start, c.end - side.start
    return _negated_cue(c, side) or any(a < end and at < b or 0 <= at - b <= 5 for a, b in spans)


def _possibility(c: ClaimCue) -> bool:
    """'can', 'may', 可以, « peut », 'perhaps', 可能: a modal or hedge of possibility."""
    return (c.kind == "modal" and c.value in ("able", "possible")) or (c.kind == "hedge" and c.value == "possible")


def modal_forces(side: Side) -> dict[str, list[ClaimCue]]:
    """The modal force of what ``side`` claims (cues.json ``modal_force``,
    Kratzer 1981): "necessity" ('must', 必须, « il faut »), "weak" ('should',
    应该, « devrait »), "possibility" ('can', 'may', 可以, « peut »,
    'allowed to', 'perhaps'), each without a negation; "negated" (any of
    them negated: 'must not' is 'may not', so a negated modal is compared by
    the negation checks); "answers": every necessity of the side and next
    to it, negated or not, and the words that state a requirement without
    a modal ('mandatory', « obligatoire », 规定)."""
    lists, lang = cue_lists()["modal_force"], side.lang
    weak_words = {w.casefold() for w in lists["weak_necessity"].get(lang, ())}
    found = []
    for c in side_cues(side):
        if c.kind == "modal" and c.value == "necessary":
            found.append(("weak" if c.text.casefold() in weak_words else "necessity", c))
        elif _possibility(c):
            found.append(("possibility", c))
    for key, name in (("weak", "weak_necessity"), ("necessity", "necessity"), ("possibility", "permission")):
        for c in _phrase_cues(side, lists[name].get(lang, ()), key, side.start, side.end):
            if not any(c.start < d.end and d.start < c.end for _, d in found):
                found.append((key, c))
    spans = negations(side.text, lang)
    out: dict[str, list[ClaimCue]] = {"necessity": [], "weak": [], "possibility": [], "negated": []}
    for key, c in sorted(found, key=lambda kc: kc[1].start):
        out["negated" if _negated_modal(c, side, spans) else key].append(c)
    a, b = (side.context_start, side.context_end) if side.context_start is not None else (side.start, side.end)
    near = [c for c in side_cues(side, near=True) if c.kind == "modal" and c.value == "necessary"]
    out["answers"] = near + _phrase_cues(side, lists["necessity"].get(lang, ()) + lists["weak_necessity"].get(lang, ())
                                         + lists["necessity_answers"].get(lang, ()), "necessary", min(a, side.start),
                                         max(b, side.end))
    return out


def prohibits(side: Side) -> bool:
    """Does ``side`` forbid: a negated modal ('must not', 不能, « ne doivent
    pas ») or a word of prohibition (禁止, « interdit », 'banned':
    cues.json ``modal_force.prohibition``)?  'may not' against it is a
    prohibition too, no possibility."""
    words = cue_lists()["modal_force"]["prohibition"].get(side.lang, ())
    return bool(modal_forces(side)["negated"] or _phrase_cues(side, words, "prohibition", side.start, side.end))


def check_modal_force(pair: AlignedPair) -> list[Finding]:
    """A necessity on one side ('must', 必须, « doivent », 'have to') against
    only a possibility or a permission on the other ('can', 'may', 可以,
    « peuvent », 'allowed to'): an obligation told as an option, or a
    possibility told as a must (modal force, Kratzer 1981).  When the
    necessity's side also says 'can' or 'may', clause against clause
    (:func:`_force_against`).  Not judged when the other side states a necessity
    anywhere in the bead or next to it, negated or not, or a requirement
    without a modal ('mandatory', « obligatoire »), or when the possibility
    is negated ('cannot' is 'must not').  Reported as ``modality_changed``:
    medium, low for a weak necessity ('should', 应该, « devrait »: advice or
    expectation) or a spoken version."""
    if pair.src.empty or pair.tgt.empty:
        return []
    forces = {id(s): modal_forces(s) for s in (pair.src, pair.tgt)}
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        mine, theirs = forces[id(side)], forces[id(other)]
        need = mine["necessity"] or mine["weak"]
        if not need or not theirs["possibility"] or theirs["answers"] or theirs["negated"]:
            continue
        need, can = _force_against(side, other, need, mine["possibility"], theirs["possibility"])
        if not need:
            continue
        strong = any(c in mine["necessity"] for c in need)
        must = "an obligation or a necessity" if strong else "advice or an expectation"
        told = f"{must} is told as an option" if side is pair.src else f"an option is told as {must}"
        expl = (f"The {_label(pair, side)} says this {'must' if strong else 'should'} be so ({cue_words(need)}); the "
                f"{_label(pair, other)} only that it can or may ({cue_words(can)}): {told} in the "
                f"{_label(pair, pair.tgt)}.")
        severity, conf = ("medium", 0.55) if strong else ("low", 0.45)
        if _loose(pair):
            severity, conf = "low", conf - 0.1
        return [claim_finding(pair, "modality_changed", severity, conf, side, need, other, can, expl)]
    return []


def _force_against(side: Side, other: Side, need: list[ClaimCue], mine: list[ClaimCue],
                   theirs: list[ClaimCue]) -> tuple[list[ClaimCue], list[ClaimCue]]:
    """The necessities of ``side`` that stand against possibilities of
    ``other`` (``theirs``), and those possibilities.  When ``side`` says
    'can' or 'may' too (``mine``), only a necessity in a clause of its own
    counts, against a possibility in the clause of ``other`` at the same
    place (:func:`paired_clause`), and only when ``other`` has more
    possibilities than ``side``: 'Vous pouvez …, mais leurs conseils
    doivent être adaptés' / 'You may …, but their advice can be'."""
    if not mine:
        return need, theirs
    if len(theirs) <= len(mine):
        return [], []
    alone = [c for c in need if all(clause_of(side, c.start) != clause_of(side, p.start) for p in mine)]
    spans = [paired_clause(side, c.start, other) for c in alone]
    can = [p for p in theirs if any(a <= p.start < b for a, b in spans)]
    return (alone, can) if can else ([], [])



def _bare_modal(c: ClaimCue, other_lang: str) -> bool:
    """Is ``c`` a conditional or a modal of ability that is no hedge against
    ``other_lang`` ('can'; 'would' against Chinese, which has no conditional
    mood: :func:`hedging`)?  It answers a hedge of the other side, not its
    booster: 必将 'will surely' against 'would' was weighed by neither check
    (the source-side probe, session 48; as 将 against 'undoubtedly', session 45)."""
    return c.kind == "modal" and c.value in ("able", "conditional") and not hedging(c, other_lang)


def check_booster(pair: AlignedPair) -> list[Finding]:
    """A booster on one side only ('will certainly', 必将, « forcément »:
    the claims stage's hedge cues of value 'certain'), with no certainty
    cue on the other side in the bead or next to it, nor a hedge there
    (check_certainty weighs a hedge against a booster) nor a necessity
    (epistemic 'must be', « doit être », for 一定是): the claim is told
    as surer in one version (Hyland 1998).  Boosters a faithful
    translation adds or drops (cues.json ``boosters.not_reported``:
    'clearly', 确实, 'confirmed') are not reported, and concessive or
    emphatic words answer one (``boosters.answers``: « certes », 'of
    course', 当然).  ``certainty_raised``
    when the target has it (medium), ``certainty_lowered`` when the source
    has it (low: toward caution); low on a spoken version."""
    if pair.src.empty or pair.tgt.empty:
        return []
    for side, other in ((pair.tgt, pair.src), (pair.src, pair.tgt)):
        quiet = {w.casefold() for w in cue_lists()["boosters"]["not_reported"].get(side.lang, ())}
        mine = [c for c in side_cues(side) if c.kind == "hedge" and c.value == "certain"
                and c.text.casefold() not in quiet and not _negated_cue(c, side)]
        if not mine:
            continue
        # a necessity answers: epistemic 'must be' / « doit être » / « a dû » is 一定是
        forces = modal_forces(other)
        answers = cue_lists()["boosters"]["answers"].get(other.lang, ())
        if _phrase_cues(other, answers, "certain", other.start, other.end) \
                or any(c.kind == "hedge" and c.value == "certain" for c in side_cues(other, near=True)) \
                or any(hedging(c, side.lang) or hedge_equivalent(c, other.lang) and not _future(c)  # 将 is no hedge here
                       and not _bare_modal(c, side.lang) for c in side_cues(other)) \
                or forces["necessity"] or forces["weak"] or forces["negated"]:
            continue
        raised = side is pair.tgt
        expl = (f"The {_label(pair, side)} says it is certain ({cue_words(mine)}); the {_label(pair, other)} states it "
                f"without saying so: the claim is told as surer in the {_label(pair, side)}.")
        severity, conf = ("medium", 0.5) if raised else ("low", 0.45)
        if _loose(pair):
            severity, conf = "low", 0.4
        return [claim_finding(pair, "certainty_raised" if raised else "certainty_lowered", severity, conf, side, mine,
                              other, [], expl)]
    return []


CLAIM_CHECKS = tuple(per_clause(c) for c in (check_certainty, check_attribution, check_degree, check_quantifier,
                                              check_negation_scope, check_condition, check_tense, check_tense_shift,
                                              check_possibility_time, check_status, check_source, check_modal_force,
                                              check_booster))
