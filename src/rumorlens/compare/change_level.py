"""A change read as a level, or the reverse: 'fell by 4%' against 'fell to
4%', « a baissé de 4 % » against « a baissé à 4 % », 下降4% against 降至4%.

The two versions give the same figure after the same verb of change, but
one says how much the quantity moved and the other where it ended: a
different claim with every number kept.  The words before the figure
decide (models/compare/cues.json ``change_level``, with the verbs of
change of ``direction_words``); a figure read neither way is not judged.
Quirk et al. (1985) 9.60 (by for a difference, to for an end point);
Riegel, Pellat & Rioul (2009) VIII.4 (« de » of measure, « à » of end).
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from ..records import Finding, Mention
from .cues import cue_lists
from .pair import AlignedPair, Side, make_finding, quote

_WINDOW = 30  # characters before a figure where its verb and preposition are looked for


@functools.lru_cache(maxsize=None)
def _patterns(lang: str) -> Optional[tuple[re.Pattern, re.Pattern]]:
    """(change, level) patterns that end right before a figure: a verb of
    change, then the language's word for 'by' or 'to' (or none: 'rose 4%',
    下降4%, which say the change)."""
    rules = cue_lists().get("change_level", {}).get(lang)
    verbs = cue_lists().get("direction_words", {}).get(lang)
    if not rules or not verbs:
        return None
    alt = "|".join(sorted((re.escape(w) for w in verbs["up"] + verbs["down"] + rules.get("verbs", [])),
                          key=len, reverse=True))
    edge = "" if lang == "zh" else r"(?<!\w)"
    space = "" if lang == "zh" else r"\s+"

    def after_verb(words: list[str]) -> re.Pattern:
        joint = "|".join(re.escape(w) for w in words)
        return re.compile(edge + r"(?:" + alt + r")" + space + r"(?:" + joint + r")\s*$", re.I)
    if lang == "zh":  # 降至 is a verb of the list that holds its level word: the word alone after any verb
        level = re.compile(r"(?:" + alt + r")(?:" + "|".join(map(re.escape, rules["level"])) + r")?(?<=["
                           + "".join(map(re.escape, rules["level"])) + r"])$")
        return after_verb(rules["change"]), level
    return after_verb(rules["change"]), after_verb(rules["level"])


def _reading(m: Mention, side: Side) -> Optional[str]:
    """'change', 'level' or None for the figure ``m`` of ``side``."""
    pats = _patterns(side.lang)
    if pats is None:
        return None
    before = side.doc_text[max(0, m.start - _WINDOW):m.start]
    if pats[1].search(before):
        return "level"
    return "change" if pats[0].search(before) else None


def check_change_level(pair: AlignedPair, a: Mention, b: Mention) -> Optional[Finding]:
    """A finding when the equal figures ``a`` (source) and ``b`` (target)
    are read one as a change and the other as a level; else None."""
    ra, rb = _reading(a, pair.src), _reading(b, pair.tgt)
    if ra is None or rb is None or ra == rb:
        return None
    said = {"change": "how much it changed", "level": "the level it reached"}
    expl = (f"The {pair.label(pair.src)} gives {quote(a.text)} as {said[ra]}; the {pair.label(pair.tgt)} gives "
            f"{quote(b.text)} as {said[rb]}: the same figure, another claim ('by' against 'to').")
    return make_finding(pair, "number", "change_read_as_level", "medium", 0.6,
                        [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)
