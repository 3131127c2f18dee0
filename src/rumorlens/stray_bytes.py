"""UTF-8 files with a few bytes that are not UTF-8: a word pasted in from a
Windows program (« café » as ``63 61 66 E9``, a curly quote as ``92``)
into a text that is otherwise UTF-8.

Strict UTF-8 rejects such a file, and a detector asked for one encoding
for all of it picks a single-byte code page (Mac Iceland, cp1252): every
correct accented letter and every Chinese character then turns to
mojibake, or no encoding fits and the whole article is skipped.  Here the
valid UTF-8 is kept and each run of stray bytes is read as Windows-1252
(the code page such pastes come from; a byte it leaves undefined as
Latin-1), and the caller says so in the document's ingest note.

When it applies (``models/thresholds/ingest.json``): at least
``stray_bytes_min_valid_per_stray`` valid non-ASCII UTF-8 characters per
stray byte.  A file written whole in another encoding is far below it: a
cp1252 or Latin-1 accented letter followed by ASCII is never valid UTF-8,
and GBK or Big5 text forms a valid UTF-8 sequence for about one character
in ten (measured on the repository's files, tests/test_stray_bytes.py).
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from .paths import models_dir, read_values

__all__ = ["decode_mostly_utf8"]

_STRAY = re.compile("[\udc80-\udcff]+")  # what surrogateescape makes of bytes UTF-8 rejects


@functools.lru_cache(maxsize=1)
def _min_valid_per_stray() -> float:
    return float(read_values(models_dir() / "thresholds" / "ingest.json")["stray_bytes_min_valid_per_stray"])


def _as_cp1252(run: str) -> str:
    raw = bytes(ord(c) - 0xDC00 for c in run)
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in _CP1252_UNDEFINED else chr(b)
                   for b in raw)


_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))


def decode_mostly_utf8(data: bytes) -> Optional[tuple[str, int, int]]:
    """(text, number of stray bytes, line of the first, from 1) when ``data`` is UTF-8 but for a few
    bytes, each run of which is read as Windows-1252; None when the bytes
    are valid UTF-8 (decode them plainly) or not mostly UTF-8 (leave them
    to the encoding detector)."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = _STRAY.findall(text)
    n_stray = sum(len(s) for s in strays)
    if not n_stray:
        return None
    valid = sum(1 for c in text if c > "\x7f") - n_stray
    if valid < _min_valid_per_stray() * n_stray:
        return None
    line = text.count("\n", 0, _STRAY.search(text).start()) + 1
    return _STRAY.sub(lambda m: _as_cp1252(m.group()), text), n_stray, line
