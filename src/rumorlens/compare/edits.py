"""Edited copies: two sides in one language that are one sentence with a
few words replaced (a wire story republished with local edits, a copy
that a rumour passed through).  Their difference is visible word by word,
so each replaced word is evidence a person can check at a glance: "autumn"
where the other says "spring", "rejected" where it says "approved".

:func:`replaced_words` finds the edit (difflib over the two sides' words,
case folded, Chinese in simplified characters); :func:`check_replaced_words`
reports the content words it replaced that do not mean the same
(``meaning/word_replaced``).  A replaced word's antonym is
``compare.antonyms``'s; numbers, dates and names are their own checks'.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Optional

from ..hanzi import to_simplified
from ..lexicons import wordnet
from ..lexicons.dictionaries import english_keys, zh_known
from ..lexicons.words import Word, word_lists, words
from ..records import Finding
from .pair import AlignedPair, Side, make_finding, quote
from .thresholds import thresholds


@dataclass
class Edit:
    """One replacement of the edit: the words it took out of the source
    side and put in the target side (offsets in each side's text)."""

    src: list[Word]
    tgt: list[Word]


def _key(w: Word, lang: str) -> str:
    return to_simplified(w.text) if lang == "zh" else w.text.casefold()


def replaced_words(src: Side, tgt: Side) -> Optional[list[Edit]]:
    """The replacements that make ``tgt`` of ``src`` when the two are one
    text edited: at most two sentences a side and at least
    ``edited_copy_share`` of the shorter side's words the same and in
    order; None otherwise (another text, or a retelling in its own
    words)."""
    if src.empty or tgt.empty or src.lang != tgt.lang or max(len(src.sentence_ids), len(tgt.sentence_ids)) > 2:
        return None
    ws, wt = words(src.text, src.lang), words(tgt.text, tgt.lang)
    if not ws or not wt:
        return None
    sm = SequenceMatcher(None, [_key(w, src.lang) for w in ws], [_key(w, tgt.lang) for w in wt], autojunk=False)
    if sum(b.size for b in sm.get_matching_blocks()) < thresholds()["edited_copy_share"] * min(len(ws), len(wt)):
        return None
    return [Edit(ws[i1:i2], wt[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag == "replace"]


def _plain(side: Side) -> list[tuple[int, int]]:
    """Spans of the side's text that other checks read: its number, date
    and name mentions, and its stray stretches (furniture)."""
    return [(m.start - side.start, m.end - side.start) for m in side.mentions] + \
        [(a - side.start, b - side.start) for a, b, _ in side.stray]


def _content(ws: list[Word], side: Side) -> list[Word]:
    """The content words of ``ws`` (nouns, verbs, adjectives) outside
    other checks' spans; a Chinese word only when CC-CEDICT has it (LAC may
    cut two renderings of one clause differently: 厂商要 against 是)."""
    pos = set(word_lists()["content_pos"].get(side.lang, ())) - {"ADV", "ad", "vd", "d"}
    taken = _plain(side)
    return [w for w in ws if w.pos in pos and any(c.isalpha() for c in w.text) and not any(c.isdigit() for c in w.text)
            and (side.lang != "zh" or zh_known(w.text))
            and not any(a < w.end and w.start < b for a, b in taken)]


def _meanings(w: Word, lang: str) -> frozenset[str]:
    """What a word may mean, as English stems: its dictionary keys and, in
    English, its WordNet synonyms."""
    keys = english_keys(w, lang)
    if lang == "en":
        keys = keys.union(*(wordnet.synonyms(k) for k in keys))
    return keys


def _same_meaning(a: Word, b: Word, lang: str) -> bool:
    return _key(a, lang) == _key(b, lang) or a.lemma == b.lemma or bool(_meanings(a, lang) & _meanings(b, lang))


def _opposites(a: Word, b: Word, lang: str) -> bool:
    """Is one word a WordNet antonym of the other (left to compare.antonyms)?"""
    mb = english_keys(b, lang)
    return any(ant[1] & mb for k in sorted(english_keys(a, lang)) for ant in wordnet.antonyms(k))


def check_replaced_words(pair: AlignedPair) -> list[Finding]:
    """One ``meaning/word_replaced`` finding per replacement of an edited
    copy (:func:`replaced_words`) of at most ``edited_max_words`` content
    words a side that puts in content words none of which means what a
    word it took out means (same lemma, a shared dictionary key, WordNet
    synonyms) nor its opposite (``claim/antonym``).  Low severity: an
    editor's word for a word may be style, but it is exactly what a
    reader comparing two copies needs to see."""
    edits = replaced_words(pair.src, pair.tgt)
    if not edits:
        return []
    lang, out = pair.src.lang, []
    for e in edits:
        old, new = _content(e.src, pair.src), _content(e.tgt, pair.tgt)
        if not old or not new or max(len(old), len(new)) > thresholds()["edited_max_words"]:
            continue
        if any(_same_meaning(a, b, lang) or _opposites(a, b, lang) or _opposites(b, a, lang) for a in old for b in new):
            continue
        said_old = pair.src.text[old[0].start:old[-1].end]
        said_new = pair.tgt.text[new[0].start:new[-1].end]
        if pair.phrase_similarity is not None \
                and pair.phrase_similarity(said_old, said_new) >= thresholds()["edited_same_similarity"]:
            continue  # a near-synonym the dictionaries miss (company / firm)
        expl = (f"The {pair.label(pair.tgt)} says {quote(said_new, 40)} where the {pair.label(pair.src)} says "
                f"{quote(said_old, 40)}, in the same sentence otherwise.")
        ev = [pair.tgt.evidence(pair.tgt.start + new[0].start, pair.tgt.start + new[-1].end),
              pair.src.evidence(pair.src.start + old[0].start, pair.src.start + old[-1].end)]
        out.append(make_finding(pair, "meaning", "word_replaced", "low", 0.45, ev, expl))
    return out
