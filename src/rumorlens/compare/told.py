"""Does the other version tell the claim at all?  A check of a word that
limits or qualifies a claim ('on some tasks', 'sometimes') reports the
word dropped only where the other version tells the rest of the claim: a
version that leaves the whole clause out (an omission, the omission checks'
finding) or a bead of two different clauses is no claim made general
(session 53: a generated corpus's versions that drop a clause, and a
helper's break test)."""
from __future__ import annotations

import functools
import re

from ..lexicons.dictionaries import tied
from ..lexicons.words import Word, is_content, word_lists
from .cues import cue_lists
from .pair import AlignedPair, Side
from .phrasesim import prefetch
from .thresholds import thresholds


def claim_told(pair: AlignedPair, side: Side, other: Side, span: tuple[int, int]) -> bool:
    """Does ``other`` tell the claim that the cue or adjunct at ``span`` (doc
    offsets in ``side``) bears on?  At least ``restriction_min_told_share``
    of the content words of its stretch outside ``span`` (between two
    commas or stops, with the next one when the adjunct is fronted: 'In
    some cases, the drug…') have a counterpart there: the same written form (a name, a figure), a
    dictionary tie (the same lemma in one language), or, for the encoder, a
    word of the other version at ``share_noun_min_similarity`` or more (the
    dictionaries alone miss « provoqué » / 'caused'); and, with an encoder,
    the two sides are alike at ``meaning_floor_single`` or more (below it
    they say different things)."""
    sim = pair.phrase_similarity
    if sim is not None and pair.similarity < thresholds()["meaning_floor_single"]:
        # two sides that say different things (the meaning check's): the encoder finds
        # any two clauses alike in a word or two ('Inflation eased' / 这场比赛以平局结束)
        return False
    a, b = _segment(side, span[0])
    if sum(is_content(w, side.lang) for w in side.words(span[1], b)) + \
            sum(is_content(w, side.lang) for w in side.words(a, span[0])) < 2:
        # a fronted adjunct is a segment of its own ('In some cases, the drug…'): the next one with it
        rest = side.doc_text[b:side.end]
        nxt = b + len(rest) - len(rest.lstrip(_PUNCT_CHARS + " \t\u3000"))
        if nxt < side.end:
            b = _segment(side, nxt)[1]
    host = [w for w in side.words(a, b) if is_content(w, side.lang) and not span[0] <= a + w.start < span[1]]
    if not host:
        return False
    # the other version's words of content by their tag alone: a stop word
    # list holds 'serious' (spaCy's English), which « graves » renders
    tags = frozenset(word_lists()["content_pos"].get(other.lang, ()))
    theirs = [u for u in other.words() if u.pos in tags and any(c.isalnum() for c in u.text)]
    low = other.text.casefold()
    left = [w for w in host if not _written_alike(w, side.lang, low, other.lang)
            and not any(tied(w, side.lang, u, other.lang) for u in theirs)]
    if left and theirs and sim is not None and side.lang != other.lang:
        prefetch(sim, [w.text for w in left] + [u.text for u in theirs])
        bar = thresholds()["share_noun_min_similarity"]
        left = [w for w in left if max(sim(w.text, u.text) for u in theirs) < bar]
    return len(host) - len(left) >= thresholds()["restriction_min_told_share"] * len(host)


# what cuts a sentence into the stretches a claim's words are read from:
# any comma, colon or semicolon, ASCII or full-width, whatever follows it
# (Chinese written with ASCII commas, 他一会儿在中东,一会儿到新加坡,有时候又称,
# is one clause for the clause splitters), except a comma inside a figure
# (1,200); a dash between blanks; a coordinator (cues.json told_cuts)
_PUNCT_CHARS = ",，;；:：、。！？!?"
_CUT = r"[，；：、。！？;:!?]|,(?!\d)|\.(?=\s|$)|(?<=\s)[–—](?=\s)"


@functools.lru_cache(maxsize=None)
def _cuts(lang: str) -> re.Pattern:
    words = cue_lists().get("told_cuts", {}).get(lang, ())
    coordinators = r"|(?<=\s)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?=\s)"
    return re.compile(_CUT + (coordinators if words else ""), re.I)


def _segment(side: Side, offset: int) -> tuple[int, int]:
    """The doc offsets of the stretch of ``side`` between two cuts
    (``_CUT``, ``told_cuts``) that holds ``offset``."""
    text, base = side.text, side.start
    at = offset - base
    start = 0
    for m in _cuts(side.lang).finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            return base + start, base + m.end()
    return base + start, side.end


def _written_alike(w: Word, lang: str, other_low: str, other_lang: str) -> bool:
    """Is ``w`` written in the other version's text (case-folded): any word
    in one language, across two a name or figure in Latin letters and
    digits (GPT-5, OpenAI)?"""
    written = w.text.casefold()
    return len(written) > 1 and written in other_low and (lang == other_lang or written.isascii())
