"""A Chinese future told as a present: 其他提名将包括 'the other
nominations will include' against 'The other nominations include',
统计将显示 against 'Statistics show'.

Chinese marks no tense, so compare.claims.check_tense_shift never judges a
Chinese side; but a future of tense (将 as an adverb right before its verb,
将于 + a time: kind 'tense', value 'future' in models/claims/zh.json, with
the guards of claims.cues.chinese_tense_future) is as explicit as 'will'.
When the other version's main clauses tell only the present, the plan or
the prediction reads as a standing fact.  A future against a past or an
event under way is check_tense's (modality_changed).

Quiet where the present tells the future too (Riegel, Pellat & Rioul 2009,
VII.2.1, présent à valeur de futur; Quirk et al. 1985, 4.42): beside a date
or a day ('takes place in December'), in a conditional sentence, with a
modal or a future anywhere near ('is expected to', 'may'), when the
future is negated (不打算 'does not intend' is a present state: the negation
scope of compare.claims._negated_cue), and when the
present verb takes an infinitive that looks ahead ('hopes to finalize', 'is
speculated to make': models/compare/cues.json ``future_complement``).
Reported as ``tense_changed``, low, as check_tense_shift does: translators
render a schedule in the present for style too."""
from __future__ import annotations

import functools

from ..hanzi import simplified_in_place
from ..langs import TENSE_MARKING
from ..records import ClaimCue, Finding
from .claims import _FORESEEING, _TIME_WORDS, _dated, _future, _label, _loose, _main_clauses, _negated_cue, \
    _opens_condition, _times, claim_finding, per_clause, side_cues
from .cues import cue_lists
from .pair import AlignedPair, Side


def check_future_present(pair: AlignedPair) -> list[Finding]:
    """``tense_changed`` (low) for a Chinese main-clause future of tense
    against a French or English side whose main clauses tell only the
    present (see the module docstring for the guards)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        if side.lang in TENSE_MARKING or other.lang not in TENSE_MARKING:
            continue
        mine = side_cues(side)
        fut = [c for c in _main_clauses(mine) if c.kind == "tense" and c.value == "future"
               and "subordinate" not in c.marks and not _negated_cue(c, side)]
        theirs = side_cues(other)
        times = _times(_main_clauses(theirs))
        if not fut or set(times) != {"present"} or _opens_condition(mine + theirs) or _dated(other):
            continue
        if any(c.kind == "modal" for c in theirs + side_cues(other, near=True)):
            continue  # 'will', 'is expected to', 'may', 'would': another check's, or no present at all
        present = [c for c in times["present"] if not _looks_ahead(other, c)]
        if not present:
            continue
        expl = (f"The {_label(pair, side)} says this {_TIME_WORDS['future']} ({'; '.join(c.text for c in fut[:2])}); "
                f"the {_label(pair, other)} says it {_TIME_WORDS['present']} ({'; '.join(c.text for c in present[:2])}).")
        conf = 0.4 if _loose(pair) else 0.45
        return [claim_finding(pair, "tense_changed", "low", conf, side, fut, other, present, expl)]
    return []


@functools.lru_cache(maxsize=None)
def _complements(lang: str) -> frozenset[str]:
    return frozenset(cue_lists().get("future_complement", {}).get(lang, ()))


def _looks_ahead(side: Side, cue: ClaimCue) -> bool:
    """Does the present verb of ``cue`` take an infinitive ('hopes to
    finalize', 'is speculated to make', « compte de lancer »): within the
    next three words, past adverbs, particles and participles, a word of
    ``future_complement`` that a verb follows?"""
    words = side.words()
    base = side.start
    after = [w for w in words if base + w.start >= cue.end][:4]
    for k, w in enumerate(after[:-1]):
        if w.text.casefold() in _complements(side.lang):
            return after[k + 1].pos in ("VERB", "AUX")
        if w.pos not in ("ADV", "PART", "VERB", "AUX"):
            return False
    return False


def check_present_future(pair: AlignedPair) -> list[Finding]:
    """``tense_changed`` (low) for an English main-clause future ('will
    be') against a Chinese side that marks no time to come: no future or
    modal cue (将, 会, 要, 可能, 能: models/claims/zh.json) in it or the
    sentences next to it, no tense cue (已经, 正在: a future against a past
    is check_tense's), no hedge of likelihood or certainty, no date or
    day, no condition on either side, and none of the time words, plans,
    adverbs and conditions of models/compare/cues.json ``time_told`` (年底,
    未来, 准备, 很快, 常常, 如果): with none of these, the Chinese tells a
    present or a past, and the translation tells it as what will happen
    ('Data show that the United States will be the country with the worst
    epidemic' / 美国是…: DEMETR's Chinese tense rows, 29 of 38 futures added
    went unreported).  Left out: a negated future ('will not close' may
    render 不关闭), a future in a subordinate clause, a question, the
    futures of cues.json ``future_not_forecast`` ('would', 'shall', and
    'I'll', 'we'll', 'you will': promises, offers and addresses, which
    Chinese tells without a future word), and French: French news tells
    past events in the future (futur historique: « Il deviendra plus tard
    président » / 他后来成为总统), which this check cannot tell from a
    forecast (a helper's break test, session 64)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        if side.lang != "en" or other.lang != "zh" or _asks(side) or _asks(other):
            continue
        mine = side_cues(side)
        fut = [c for c in _main_clauses(mine) if _future(c) and "subordinate" not in c.marks
               and not _negated_cue(c, side) and _forecast(side, c)]
        if not fut or _opens_condition(mine + side_cues(other)) \
                or not _tells_no_future(other, _own_ability(side, mine)):
            continue
        expl = (f"The {_label(pair, side)} says this {_TIME_WORDS['future']} ({'; '.join(c.text for c in fut[:2])}); "
                f"the {_label(pair, other)} marks no time to come (no future or modal word, no date, plan or "
                "time ahead): a present or a past told as a future.")
        conf = 0.35 if _loose(pair) else 0.4
        return [claim_finding(pair, "tense_changed", "low", conf, side, fut, other, [], expl)]
    return []


def _asks(side: Side) -> bool:
    """Is the side a question (a future asked about: 'Will you go?', 你去不去？)?"""
    return side.text.rstrip().endswith(("?", "？"))


def _forecast(side: Side, c: ClaimCue) -> bool:
    """Is the future cue ``c`` a forecast: none of cues.json
    ``future_not_forecast`` forms ('would', 'shall'), nor after one of its
    subjects ('I'll', 'we will', 'you will')?"""
    rules = cue_lists().get("future_not_forecast", {}).get(side.lang, {})
    if c.text.casefold() in rules.get("forms", ()):
        return False
    before = [w for w in side.words() if side.start + w.end <= c.start]
    return not before or before[-1].text.casefold() not in rules.get("subjects", ())


def _own_ability(side: Side, cues: list[ClaimCue]) -> bool:
    """Does ``side`` say 'can' with a modal of ability its future does not
    govern ('can increase', not 'will be able to', « pourra »): at least
    one word between the end of every future cue and the ability cue?"""
    futures = [c for c in cues if _future(c)]
    starts = [w.start + side.start for w in side.words()]
    return any(c.kind == "modal" and c.value == "able"
               and all(sum(f.end <= s < c.start for s in starts) > 1 or c.end <= f.start for f in futures)
               for c in cues)


def _tells_no_future(side: Side, ability_answered: bool) -> bool:
    """Does a Chinese side mark no time to come (see check_present_future)?
    An ability modal (能, 可) may be what the other side's future renders
    ('will be able to'), unless that side says 'can' on its own
    (``ability_answered``: 可提升 / 'will say that … can increase')."""
    if _dated(side) or _time_told(side):
        return False
    return not any(c.kind == "modal" and not (ability_answered and c.value == "able") or c.kind == "tense"
                   or _future(c) or c.kind == "hedge" and c.value in _LOOKING_AHEAD
                   for c in side_cues(side, near=True))


# hedges a future may render: 'will probably', 'will definitely' (我一定帮你 / 'I will definitely help')
_LOOKING_AHEAD = _FORESEEING + ("certain",)


def _time_told(side: Side) -> bool:
    """Does a word of the side set its time another way (cues.json
    ``time_told``: a time word LAC tags TIME but one of now or the past, a
    word of ``words`` or starting with one, a plan verb tagged v or vd, an
    adverb tagged d or ad, a condition)?  Words are read in simplified
    characters, as the lists are written (未來, 預計 are 未来, 预计)."""
    told = _told(side.lang)
    for w in side.words():
        t = simplified_in_place(w.text)
        if w.pos == "TIME" and t not in told["now_or_past"] or t in told["words"] or t.startswith(told["prefixes"]) \
                or t in told["conditions"]:
            return True
        if w.pos in ("v", "vd") and t in told["verbs"] or w.pos in ("d", "ad") and t in told["adverbs"]:
            return True
    return False


@functools.lru_cache(maxsize=None)
def _told(lang: str) -> dict:
    """cues.json ``time_told`` of ``lang`` as sets, with ``prefixes``: the
    words of two characters or more, which also open a longer word (未来三天)."""
    told = cue_lists().get("time_told", {}).get(lang, {})
    out = {k: frozenset(told.get(k, ())) for k in ("now_or_past", "words", "verbs", "adverbs", "conditions")}
    out["prefixes"] = tuple(sorted(w for w in out["words"] if len(w) > 1))
    return out


FUTURE_PRESENT_CHECKS = (per_clause(check_future_present), per_clause(check_present_future))
