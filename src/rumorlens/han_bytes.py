"""Short Chinese files in a legacy encoding: GBK/GB18030 or Big5?

A dozen bytes of Chinese decode in several CJK encodings and an encoding
detector has too little to go on (GBK read as Big5 mojibake, Big5 read as
Arabic in a Windows code page).  For a short file whose bytes are mostly
high (Chinese in a two-byte encoding), rumorlens decodes it strictly as
GB18030 and as Big5 and keeps the reading whose characters are the common
Han characters of written Chinese: the mean Zipf frequency of its
characters in wordfreq's Chinese list (traditional characters read through
wordfreq's own traditional-to-simplified table).  The limits are in
models/thresholds/ingest.json with how they were chosen.
"""
from __future__ import annotations

import functools
import gzip
import math
import re
from typing import Optional

from .langs import CJK_PUNCT
from .paths import models_dir, read_values

CANDIDATES = ("gb18030", "big5")


@functools.lru_cache(maxsize=None)
def limits() -> dict:
    """models/thresholds/ingest.json, read once: every threshold of reading
    files (this module's, and ingest's mixed_line)."""
    return read_values(models_dir() / "thresholds" / "ingest.json")


@functools.lru_cache(maxsize=None)
def _char_zipf() -> dict[str, float]:
    """Zipf frequency (log10 per billion words) of each Chinese character
    wordfreq lists on its own, for simplified and traditional forms."""
    import msgpack
    from wordfreq import get_frequency_dict
    from wordfreq.util import data_path

    table = {w: math.log10(f) + 9 for w, f in get_frequency_dict("zh", "best").items() if len(w) == 1 and f > 0}
    with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as fh:
        to_simplified = msgpack.load(fh, raw=False, strict_map_key=False)
    for trad, simp in to_simplified.items():
        trad = chr(trad) if isinstance(trad, int) else trad
        if trad not in table and simp in table:
            table[trad] = table[simp]
    return table


# the punctuation of written Chinese (、。「」，：“” —— …): neither reading's
# evidence.  wordfreq lists no punctuation, so it scored 0 and a dozen bytes
# such as 他说：“好。” fell under the limit in both readings and went to the
# detector, which read them as UTF-16 or Johab (session 59, issue 9's
# encodings kind); a reading's other symbols still score 0
_CHINESE_PUNCT = re.compile("[" + CJK_PUNCT + "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                            "\u2010-\u2027]")


def han_score(text: str) -> float:
    """Mean Zipf frequency of the non-ASCII, non-space characters of
    ``text`` but the punctuation of written Chinese (0 for a character
    wordfreq does not list; 0 when only punctuation is left)."""
    chars = [c for c in text if ord(c) > 127 and not c.isspace() and not _CHINESE_PUNCT.match(c)]
    if not chars:
        return 0.0
    table = _char_zipf()
    return sum(table.get(c, 0.0) for c in chars) / len(chars)


@functools.lru_cache(maxsize=None)
def _korean_words() -> frozenset:
    from wordfreq import get_frequency_dict

    return frozenset(get_frequency_dict("ko", "best"))


def _known_korean_share(text: str) -> float:
    """Share of the Hangul syllables of ``text`` covered by known Korean
    words of two syllables or more, matched greedily from the start of
    each space-separated token (감사합니다: 감사 and 합니다)."""
    words = _korean_words()
    covered = total = 0
    for token in text.split():
        total += len(token)
        i = 0
        while i < len(token):
            n = next((n for n in range(min(6, len(token) - i), 1, -1) if token[i:i + n] in words), 0)
            covered += n
            i += n or 1
    return covered / total if total else 0.0


def _reads_as(data: bytes, enc: str, lo: str, hi: str) -> Optional[str]:
    """``data`` decoded strictly in ``enc`` when most of its non-ASCII
    characters fall in [lo, hi], else None."""
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 127 and not c.isspace()]
    return text if wide and sum(lo <= c <= hi for c in wide) >= 0.5 * len(wide) else None


def _korean_or_japanese(data: bytes) -> bool:
    """The bytes read as Korean (EUC-KR Hangul making known Korean words) or
    as Japanese (Shift-JIS with kana): not ours to decode as Chinese; the
    general detector decides and the language check skips them.  (Chinese
    in GBK also decodes as EUC-KR, but into syllables that make no words,
    and as Shift-JIS, but into half-width katakana.)"""
    korean = _reads_as(data, "euc_kr", "\uac00", "\ud7a3")
    if korean is not None and _known_korean_share(korean) >= 0.5:
        return True
    return _reads_as(data, "shift_jis", "\u3040", "\u30ff") is not None


def decode_short_han(data: bytes) -> Optional[tuple[str, str]]:
    """(text, encoding) of a short file of Chinese in GB18030 or Big5, or
    None when the file is not short, not mostly high bytes, or neither
    reading looks like written Chinese (then the general detector decides)."""
    lim = limits()
    body = data.strip()
    if not body or len(data) > lim["han_decode_max_bytes"]:
        return None
    if sum(b >= 0x80 for b in body) < lim["han_decode_min_high_ratio"] * len(body):
        return None
    if _korean_or_japanese(body):
        return None
    return best_han_reading(data)


def best_han_reading(data: bytes) -> Optional[tuple[str, str]]:
    """(text, encoding) of ``data`` decoded strictly in each of
    ``CANDIDATES`` (GB18030, Big5), the reading whose characters are the
    commoner in written Chinese (:func:`han_score`), or None when neither
    decodes or the better scores under ``han_decode_min_mean_zipf``."""
    best: Optional[tuple[float, str, str]] = None
    for enc in CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = han_score(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is None or best[0] < limits()["han_decode_min_mean_zipf"]:
        return None
    return best[1], best[2]
