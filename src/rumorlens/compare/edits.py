"""Edited copies: two sides in one language that are one sentence with a
few words replaced (a wire story republished with local edits, a copy
that a rumour passed through).  :func:`replaced_words` finds the edit
(difflib over the two sides' words, case folded, Chinese in simplified
characters); ``compare.antonyms`` reports a replaced word that is the
opposite of the word it replaced.

Reporting every replaced content word that is no synonym (by lemma,
dictionary keys, WordNet or a use-m3 cosine) was tried and left out: it
found "autumn" for "spring" and "rejected" for "approved" in made-up
pairs, but on real and generated articles its five findings were all
paraphrase (strengthen / advance, currency / money, people / others), and
no cosine bar separates the two kinds (men / women 0.73, currency / money
0.70, spring / autumn 0.62).
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Optional

from ..hanzi import to_simplified
from ..lexicons.words import Word
from .pair import Side
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
    order, or all of them but one; None otherwise (another text, or a retelling in its own
    words)."""
    if src.empty or tgt.empty or src.lang != tgt.lang or max(len(src.sentence_ids), len(tgt.sentence_ids)) > 2:
        return None
    # cheap answers first: the words are spaCy's or LAC's, 5 ms a text, and
    # most beads of two copies are the same sentence
    if _plain_key(src.text, src.lang) == _plain_key(tgt.text, tgt.lang):
        return []
    if not _may_be_edit(src.text, tgt.text, src.lang):
        return None
    ws, wt = src.words(), tgt.words()
    if not ws or not wt:
        return None
    sm = SequenceMatcher(None, [_key(w, src.lang) for w in ws], [_key(w, tgt.lang) for w in wt], autojunk=False)
    if not _one_text(sm, min(len(ws), len(wt)), thresholds()["edited_copy_share"]):
        return None
    return [Edit(ws[i1:i2], wt[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag == "replace"]


def _plain_key(text: str, lang: str) -> str:
    """What two sides must share to be one text: case, white space and, in
    Chinese, the traditional spelling aside."""
    text = " ".join(text.casefold().split())
    return to_simplified(text) if lang == "zh" else text


def _may_be_edit(a: str, b: str, lang: str) -> bool:
    """Can two texts share ``edited_copy_share`` of their words in order?
    Read on white-space tokens (characters in Chinese), with half the bar
    as a margin: a tokenizer splits "l'accord" or "shares'" where white
    space does not, never the other way by more than that."""
    ta, tb = (_plain_key(a, lang), _plain_key(b, lang)) if lang == "zh" else (a.casefold().split(), b.casefold().split())
    if not ta or not tb:
        return False
    # a one-token text ("Rose.") may be two words ("Rose", "."): no floor here
    return _one_text(SequenceMatcher(None, ta, tb, autojunk=False), min(len(ta), len(tb)),
                     0.5 * thresholds()["edited_copy_share"], min_shorter=0)


def _one_text(sm: SequenceMatcher, shorter: int, share: float, min_shorter: int = 2) -> bool:
    """Do the matched tokens of ``sm`` make its two sequences one text:
    ``share`` of the ``shorter`` one's tokens the same, in order, or all of
    them but one when it has ``min_shorter`` tokens or more (one word
    changed is an edit however short the sentence: "Prices rose." /
    "Prices fell.")?"""
    same = sum(b.size for b in sm.get_matching_blocks())
    return same >= share * shorter or (shorter >= min_shorter and same >= shorter - 1)
