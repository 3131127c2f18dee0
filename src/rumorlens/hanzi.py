"""What a sentence encoder reads: Chinese in simplified characters.

The default encoder (use-m3) was trained mostly on simplified Chinese: a
traditional-character sentence lands far from its own simplified spelling
and from its English translation.  Measured on DEMETR's 100 distinct Chinese
sources written in traditional characters by OpenCC's s2t against their
human English translations (``bench/bench_grouping.py --script``): cosine
0.553 on average, 0.700 for the same sentences in simplified characters and
0.700 again after t2s brings them back.  So the encoder is given
:func:`encoder_text` of each text, never the text itself.

Only what the encoder sees changes: documents, sentences and their offsets
keep the characters of the page.  The conversion is OpenCC's ``t2s``
(Apache-2.0, the ``OpenCC`` package: character and phrase tables, which
keep a text's length); text without Han characters is returned unchanged,
and simplified text comes back as it is (DEMETR's and the sample corpus's
Chinese sentences are unchanged by it).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .errors import UserError
from .langs import HAN_RE


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:
        raise UserError("reading traditional Chinese needs the package OpenCC: pip install OpenCC==1.4.2")
    return opencc.OpenCC("t2s.json")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def to_simplified(text: str) -> str:
    """``text`` with traditional Han characters in their simplified form
    (OpenCC t2s); text without Han characters is returned as it is."""
    if not HAN_RE.search(text):
        return text
    # OpenCC takes UTF-8: a lone surrogate (bytes a reader kept with surrogateescape) stopped it
    # with UnicodeEncodeError (a break test of session 59); U+FFFD, one character, keeps offsets
    return _t2s().convert(_LONE_SURROGATE.sub("\ufffd", text))


def simplified_in_place(text: str) -> str:
    """:func:`to_simplified` keeping every offset: ``text`` when a
    conversion would change its length (OpenCC's phrase table may), so a
    span of the result is the same span of ``text``."""
    out = to_simplified(text)
    return out if len(out) == len(text) else text


def encoder_text(texts: Sequence[str]) -> list[str]:
    """The texts as an encoder is given them (:func:`to_simplified`), in
    the same order."""
    return [to_simplified(t) for t in texts]
