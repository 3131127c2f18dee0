"""Repair text that was UTF-8 once and was read in a single-byte code page
before it reached us (mojibake): « GenÃ¨ve » (UTF-8 read as Windows-1252),
« Genรจve » (UTF-8 read as the Thai code page 874).

The file itself decodes cleanly (the damage is in its characters, saved by
the site or by whoever copied the page), so charset detection cannot help.
Two steps:

1. ftfy (a well-kept library) undoes the common cases: UTF-8 read as
   Latin-1, Windows-1250/1251/1252/1253/1254/1257, MacRoman, CP437.  Only
   its encoding fixes run (no quote uncurling, no width or ligature
   changes): the rest of the text stays as written.
2. ftfy does not know the other single-byte code pages (``mojibake_codepages``
   in models/thresholds/ingest.json, e.g. cp874).  For each, every run of
   characters that the code page writes with a byte >= 0x80 is encoded back
   to those bytes and read as UTF-8.  The repair is kept only when at least
   ``mojibake_min_runs`` runs read as UTF-8 and they are at least
   ``mojibake_min_share`` of all such runs: real Thai (or Greek, Hebrew...)
   text almost never forms valid UTF-8 byte sequences run after run, while
   mis-read UTF-8 always does.  The runs that fail stay as they are.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .paths import models_dir, read_values

__all__ = ["repair_mojibake"]


@lru_cache(maxsize=1)
def _settings() -> dict:
    values = read_values(models_dir() / "thresholds" / "ingest.json")
    return {k: values[k] for k in ("mojibake_codepages", "mojibake_min_runs", "mojibake_min_share")}


@lru_cache(maxsize=16)
def _patterns(codepage: str) -> tuple[re.Pattern, re.Pattern]:
    """(runs of the characters ``codepage`` writes with one byte >= 0x80,
    one of its own characters): its own are those outside Latin-1 and
    general punctuation (Thai letters for cp874), the characters whose
    presence says the text went through this code page; quotes, dashes and
    no-break spaces are in most code pages and say nothing."""
    chars = {bytes([b]).decode(codepage, errors="ignore") for b in range(0x80, 0x100)}
    chars.discard("")
    own = {c for c in chars if ord(c) > 0xFF and not 0x2000 <= ord(c) <= 0x20FF and ord(c) != 0x2122}
    run = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]+")
    return run, re.compile("[" + "".join(re.escape(c) for c in sorted(own)) + "]")


def _ftfy_encoding_only(text: str) -> str:
    import ftfy
    from ftfy.chardata import UTF8_DETECTOR_RE

    # ftfy's own clue of UTF-8 read as a code page it knows: a quick search
    # spares the whole fix on clean text (ftfy costs about a second a MB)
    if not UTF8_DETECTOR_RE.search(text):
        return text

    config = ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
                                  fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
                                  fix_surrogates=False, remove_control_chars=False, normalization=None,
                                  explain=False)
    return ftfy.fix_text(text, config)


_ESCAPED = re.compile("[\udc80-\udcff]")


def _read_back(run: str, space_after: bool, codepage: str) -> tuple[str, bool]:
    """(``run`` read back as UTF-8, whether the space after it was taken).

    Bytes that form no UTF-8 sequence keep their character (a correct ’
    before a mis-read é).  A lead byte whose continuation was 0xA0 lost it
    to a plain space when the page was saved (« ร son » for « à son »):
    the space after the run is tried as that byte (ftfy does the same for
    the code pages it knows, 'restore_byte_a0'); the space stays in the
    text unless the byte read back as a no-break space."""
    data = run.encode(codepage)
    tries = ((data + b"\xa0", True), (data, False)) if space_after else ((data, False),)
    for raw, took in tries:
        out = raw.decode("utf-8", errors="surrogateescape")
        if took and out.endswith("\udca0"):
            continue
        return _ESCAPED.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode(codepage), out), took
    return run, False


def _controls(s: str) -> bool:
    return any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in s)


def _repair_codepage(text: str, codepage: str, min_runs: int, min_share: float) -> str | None:
    """``text`` with its runs read back through ``codepage`` (module
    docstring, step 2), or None when the runs do not show that mis-reading.
    Only runs holding one of the code page's own characters count and
    change (:func:`_patterns`); a run counts as read back when none of its
    own characters is left (a control character is nobody's letter)."""
    run_re, own_re = _patterns(codepage)
    if not own_re.search(text):
        return None
    edits, good, total = [], 0, 0
    for m in run_re.finditer(text):
        if not own_re.search(m.group()):
            continue
        total += 1
        out, took = _read_back(m.group(), text[m.end():m.end() + 1] == " ", codepage)
        if own_re.search(out) or _controls(out):
            continue
        good += 1
        # « ร son »: the 0xA0 of « à » became the space and the space after
        # it was collapsed into it; a no-break space read back takes its place
        edits.append((m.start(), m.end() + (took and out[-1].isspace()), out))
    if good < min_runs or good < min_share * total:
        return None
    parts, pos = [], 0
    for start, end, out in edits:
        parts += [text[pos:start], out]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """(repaired text, what was undone: "ftfy", a code page name, or None
    when the text was left as it was).  Pure ASCII text returns at once."""
    if text.isascii():
        return text, None
    s = _settings()
    fixed = _ftfy_encoding_only(text)
    for codepage in s["mojibake_codepages"]:
        repaired = _repair_codepage(fixed, codepage, s["mojibake_min_runs"], s["mojibake_min_share"])
        if repaired is not None:
            return repaired, codepage
    return (fixed, "ftfy") if fixed != text else (text, None)
