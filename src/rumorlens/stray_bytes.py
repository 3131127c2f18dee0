"""UTF-8 files with a few bytes that are not UTF-8: a word pasted in from a
Windows program (« café » as ``63 61 66 E9``, a curly quote as ``92``)
into a text that is otherwise UTF-8 (or plain ASCII).

Strict UTF-8 rejects such a file, and a detector asked for one encoding
for all of it picks a single-byte code page (Mac Iceland, cp1252) or a
two-byte Han encoding (GB18030: "owner\\x92s" read as "owner抯"): every
correct accented letter and every Chinese character then turns to
mojibake, or no encoding fits and the whole article is skipped.  Here the
valid UTF-8 is kept and each run of stray bytes is read as Windows-1252
(the code page such pastes come from; the five bytes it leaves undefined
become U+FFFD), and the caller says so in the document's ingest note.

When (``models/thresholds/ingest.json``):

- :func:`mostly_utf8`: at least ``stray_bytes_min_valid_per_stray``
  valid non-ASCII UTF-8 characters per stray byte.  A file written whole
  in another encoding is far below it: a cp1252 or Latin-1 accented letter
  followed by ASCII is never valid UTF-8, and GBK or Big5 text forms a
  valid UTF-8 sequence for about one character in ten (measured on the
  repository's files, tests/test_stray_bytes.py).
- :func:`instead_of`, asked when the detector has chosen an encoding for
  the whole file: (a) every stray byte stands alone and is one of the
  punctuation marks word processors type (``stray_bytes_word_punctuation``:
  cp1252's curly quotes, dashes, ellipsis), whatever the detector chose
  but cp1252 (cp852, Mac Iceland and Latin-1 were seen); or it chose a
  two-byte Han encoding and every run of stray bytes is a single byte (an
  apostrophe, an accented letter between ASCII letters or UTF-8 ones).
  In a two-byte Han encoding each character is a high lead byte and a
  trail byte that is ASCII (0x40-0x7E) about a third of the time, so the
  high bytes of k Han characters are all lone with probability about
  3^-k.  Or (b) it chose a code page none of rumorlens's languages is
  written in (``ours``: Latin-6 for a French file half of whose accents
  were pasted in cp1252), a single-byte one, and the file has at least
  ``stray_bytes_min_valid_per_stray_exotic`` valid non-ASCII UTF-8
  characters per stray byte (text written whole in a single-byte code page
  has next to none: 0 in the measurements above); likewise when no
  encoding fits the file at all (Chinese UTF-8 with 40 stray bytes for 125
  valid characters was skipped as "binary or corrupted").

After a UTF-8 byte-order mark the bytes say they are UTF-8: the caller
takes :func:`read_stray`'s reading whatever the counts.  The reading is
made once per file (:func:`read_stray`) and the tests only look at it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from .han_bytes import best_han_reading
from .langs import CJK_PUNCT, FULLWIDTH, HAN
from .paths import models_dir, read_values

__all__ = ["StrayReading", "ascii_but_for_a_few", "instead_of", "mostly_utf8", "read_stray"]

_STRAY = re.compile("[\udc80-\udcff]+")  # what surrogateescape makes of bytes UTF-8 rejects
_CJK = re.compile("[" + HAN + CJK_PUNCT + FULLWIDTH + "]")  # Han, CJK punctuation, full-width forms


@dataclass(frozen=True)
class StrayReading:
    """``data`` read as UTF-8 with its stray bytes read as cp1252: the text,
    how many stray bytes, the line of the file (from 1) of the first, how
    many valid non-ASCII UTF-8 characters the file has, whether every run
    of stray bytes is a single byte, and the values of the stray bytes."""

    text: str
    n_stray: int
    first_line: int
    n_valid: int
    lone: bool
    stray_values: frozenset
    # lines read whole as Chinese in a legacy encoding: (encoding, how many lines), by encoding
    han_lines: tuple = ()


@functools.lru_cache(maxsize=1)
def _settings() -> dict:
    values = read_values(models_dir() / "thresholds" / "ingest.json")
    out = {k: float(values[k]) for k in ("stray_bytes_min_valid_per_stray", "stray_bytes_min_valid_per_stray_exotic",
                                         "stray_gbk_min_han_share", "stray_gbk_min_han", "stray_bytes_max_in_ascii",
                                         "stray_bytes_min_valid_per_stray_two_byte")}
    out["word_punctuation"] = frozenset(int(b) for b in values["stray_bytes_word_punctuation"])
    return out


def _as_cp1252(run: str) -> str:
    """A run of stray bytes (as surrogateescape gives them) read as cp1252."""
    return bytes(ord(c) - 0xDC00 for c in run).decode("cp1252", errors="replace")


def read_stray(data: bytes) -> Optional[StrayReading]:
    """``data`` read as UTF-8 with each run of stray bytes read as cp1252,
    or, on a line that reads whole as Chinese in GB18030 or Big5
    (:func:`_han_line`), that line so: Chinese pasted into a UTF-8 file
    from a GBK or Big5 program; None when it is valid UTF-8.  The counts
    are those of the UTF-8 reading."""
    text = data.decode("utf-8", errors="surrogateescape")
    runs = _STRAY.findall(text)
    if not runs:
        return None
    n_stray = sum(len(r) for r in runs)
    valid = len(text) - len(text.encode("ascii", "ignore")) - n_stray  # non-ASCII characters, strays aside
    line = text.count("\n", 0, _STRAY.search(text).start()) + 1  # a line of the file, not of its extracted text
    lines, han_lines = [], {}
    for piece in text.split("\n"):
        strays = sum(len(r) for r in _STRAY.findall(piece))
        # a line of valid UTF-8 with one bad sequence is no pasted GBK line: its
        # accents form Big5 pairs too (« annoncé » read as 'annonc矇')
        wide = sum(1 for c in piece if ord(c) > 0x7F) - strays
        han = _han_line(piece) if strays and wide < strays else None
        if han is not None:
            han_lines[han[1]] = han_lines.get(han[1], 0) + 1
        lines.append(han[0] if han is not None else _STRAY.sub(lambda m: _as_cp1252(m.group()), piece))
    return StrayReading("\n".join(lines), n_stray, line, valid, all(len(r) == 1 for r in runs),
                        frozenset(ord(c) - 0xDC00 for r in runs for c in r), tuple(sorted(han_lines.items())))


def _han_line(piece: str) -> Optional[tuple[str, str]]:
    """(text, encoding) of a line (UTF-8 with stray bytes, as
    surrogateescape reads it) read whole as Chinese in GB18030 or Big5,
    the reading of common characters (rumorlens.han_bytes.best_han_reading),
    when its non-ASCII characters are Han (or CJK punctuation) at least
    ``stray_gbk_min_han_share`` of them and ``stray_gbk_min_han`` in
    number (models/thresholds/ingest.json); else None.  cp1252 words
    decoded so give Han too, but rarely only Han: « café » is 'caf' and a
    lone high byte, which both reject or pair with the next ASCII letter."""
    reading = best_han_reading(piece.encode("utf-8", errors="surrogateescape"))
    if reading is None:
        return None
    wide = [c for c in reading[0] if ord(c) > 0x7F]
    han = sum(1 for c in wide if _CJK.match(c))
    th = _settings()
    return reading if han >= th["stray_gbk_min_han_share"] * len(wide) and han >= th["stray_gbk_min_han"] else None


def mostly_utf8(reading: StrayReading) -> bool:
    """Is the file UTF-8 but for a few stray bytes (the module docstring's
    first test)?  Else leave it to the encoding detector."""
    return reading.n_valid >= _settings()["stray_bytes_min_valid_per_stray"] * reading.n_stray


def ascii_but_for_a_few(reading: StrayReading) -> bool:
    """Is the file ASCII but for at most ``stray_bytes_max_in_ascii`` bytes
    (models/thresholds/ingest.json)?  Which encoding they are in cannot be
    told (C0 AF is a broken UTF-8 '/' and the GBK character 蜡, A1 AA a
    GBK dash), so the caller keeps the detector's reading and says so."""
    return reading.n_valid == 0 and reading.n_stray <= _settings()["stray_bytes_max_in_ascii"]


def instead_of(reading: StrayReading, encoding: Optional[str], two_byte_han: frozenset, ours: frozenset) -> bool:
    """Is ``reading`` to be taken instead of the detector's ``encoding``
    (Python codec name; None when no encoding fits, which is then read as
    an exotic code page) for the whole file, by the module docstring's
    second test?  ``two_byte_han``: the encodings that write Han as two
    bytes; ``ours``: those the languages rumorlens reads are written in."""
    th = _settings()
    if reading.lone and encoding != "cp1252" and reading.stray_values <= th["word_punctuation"]:
        return True  # curly quotes, dashes, an ellipsis: what a word processor typed
    if encoding in two_byte_han:
        # ... or the file has valid UTF-8 characters enough that no text written in
        # that encoding has (a French UTF-8 line with one bad sequence read as Shift-JIS)
        return reading.lone or reading.n_valid >= th["stray_bytes_min_valid_per_stray_two_byte"] * reading.n_stray
    return encoding not in ours and reading.n_valid >= th["stray_bytes_min_valid_per_stray_exotic"] * reading.n_stray
