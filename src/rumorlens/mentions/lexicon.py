"""Loads the data files under ``models/lexicons`` (number words, scale words,
approximation markers, units, month names).  The lexicons grow through those
files, not through code; everything here is cached after the first read."""
from __future__ import annotations

import functools
import json
import re
from typing import Iterable

from ..paths import models_dir


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    path = models_dir() / "lexicons" / f"{name}.json"
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so 万亿 beats 万)."""
    return _alternation(frozenset(words))


@functools.lru_cache(maxsize=1024)
def _alternation(words: frozenset) -> str:
    # cached: the date patterns ask for the same lexicon words for every paragraph
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def word_before(text: str, start: int, words: Iterable[str], reach: int) -> bool:
    """Does one of ``words`` (any letter case) stand right before ``start``
    and a blank, as a whole word (after a blank, a parenthesis or the start
    of the ``reach`` characters looked at)?"""
    words = list(words)
    return bool(words) and re.search(r"(?:^|(?<=[\s(]))(?:" + alternation(words) + r")[ ]$",
                                     text[max(0, start - reach):start], re.I) is not None


# Full-width digits and signs folded one code point for one code point, so
# offsets into the folded text are offsets into the original.
_FOLD = {0xFF10 + i: ord("0") + i for i in range(10)}
_FOLD.update({ord("．"): ord("."), ord("％"): ord("%"), ord("＄"): ord("$"), ord("～"): ord("~"),
              ord("－"): ord("-"), ord("\u2212"): ord("-"), ord("\ufe63"): ord("-"),  # MINUS SIGN, small minus
              ord("＋"): ord("+"), ord("\u00a0"): ord(" "),
              ord("\u202f"): ord(" "), ord("\u2009"): ord(" "), ord("\u2007"): ord(" ")})


def fold(text: str) -> str:
    """Same length as ``text``: full-width digits/signs to ASCII, odd spaces to ' '."""
    return text.translate(_FOLD)
