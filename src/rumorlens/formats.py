"""Readers for the formats beside plain text, Markdown and HTML: subtitles
(.srt, .vtt), Word documents (.docx) and PDF (.pdf).

Each reader returns ``(text, meta)`` as the text readers in
:mod:`rumorlens.ingest` do: the extracted text that every offset of the
report points into, and metadata (``title``; ``cues`` for subtitles;
``ingest_note`` when the file was read in a degraded way).  A file that
cannot give any text raises :class:`rumorlens.ingest.SkipFile`'s base,
:class:`FormatSkip`, with the reason.

The parsing is done by well-kept libraries: webvtt-py (MIT) for SubRip and
WebVTT, python-docx (MIT) for Word, pypdf (BSD-3-Clause) for PDF.
"""
from __future__ import annotations

import html
import io
import re
from typing import Optional

from .langs import CJK_PUNCT, FULLWIDTH, HAN, KANA

# What each extension is read as, for the formats of this module.
SUBTITLE_SUFFIXES = {".srt": "srt", ".vtt": "vtt"}
BINARY_SUFFIXES = {".docx": "docx", ".pdf": "pdf"}


class FormatSkip(Exception):
    """The file gives no usable text; the message says why."""


# --------------------------------------------------------------------------
# subtitles

_TIMING_LINE = re.compile(r"-->")
_INDEX_LINE = re.compile(r"^\s*\d+\s*$")
_SPACES = re.compile(r"[ \t\u00a0]+")


def read_subtitles(text: str, fmt: str) -> tuple[str, dict]:
    """A SubRip (``fmt`` "srt") or WebVTT ("vtt") file as text: one cue per
    line (a cue's own line breaks become spaces, its markup -- <i>, <v
    Speaker>, <c.class>, inline timestamps -- is removed and entities are
    decoded) and ``meta['cues']``: ``[start, end, t0, t1]`` per cue, code-point
    offsets of its line in the text and its times in seconds.

    A file whose timing cannot be read (a cue the parser drops, an end
    before its start, no cue at all) is read as plain text: every line
    that is not a cue number, a timing line or a header, with
    ``meta['ingest_note']`` saying so and why.  A file that gives no text
    either way returns "" and ``meta['_empty_reason']``: what it holds (a
    header only, cues without text), not "empty file"."""
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    if not text.strip():
        return "", {}  # an empty file is an empty file
    try:
        captions = webvtt.WebVTT.from_buffer(io.StringIO(text), format=fmt).captions
        problem = _timing_problem(text, captions)
    except (MalformedFileError, MalformedCaptionError, ValueError) as exc:
        captions, problem = [], f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if problem is not None:
        plain = _subtitle_lines_as_text(text)
        if not plain.strip():
            return "", {"_empty_reason": _no_cue_text(text, captions, problem)}
        return plain, {
            "ingest_note": f"subtitle timing not readable ({problem}): read as plain text, without cue times"}
    lines, cues, pos = [], [], 0
    for c in captions:
        line = _SPACES.sub(" ", html.unescape(c.text).replace("\n", " ")).strip()
        if not line:
            continue
        lines.append(line)
        cues.append([pos, pos + len(line), c.start_time.in_milliseconds() / 1000,
                     c.end_time.in_milliseconds() / 1000])
        pos += len(line) + 1
    if not lines:
        return "", {"_empty_reason": _no_cue_text(text, captions, None)}
    return "\n".join(lines), {"cues": cues}


def _no_cue_text(text: str, captions, problem: Optional[str]) -> str:
    """Why a subtitle file with some content gives no text."""
    timing_lines = sum(1 for line in text.split("\n") if _TIMING_LINE.search(line))
    if captions or (timing_lines and problem == "no cue"):  # webvtt-py drops a cue with no text
        n = len(captions) or timing_lines
        return f"subtitle file whose {n} cue{'s hold' if n != 1 else ' holds'} no text"
    if not timing_lines:
        header = text.lstrip("\ufeff \t\n").split("\n", 1)[0].strip()
        if header.startswith("WEBVTT"):
            return "subtitle file with no cues (only its WEBVTT header)"
        return "subtitle file with no cues and no text"
    return f"subtitle file with no readable cue ({problem}) and no other text"


def _timing_problem(text: str, captions) -> Optional[str]:
    """Why the parsed cues do not match the file's timing lines, or None."""
    timing_lines = sum(1 for line in text.split("\n") if _TIMING_LINE.search(line))
    if not captions:
        return "no cue"
    if len(captions) != timing_lines:
        return f"{timing_lines - len(captions)} of {timing_lines} timing lines could not be read"
    for n, c in enumerate(captions, start=1):
        if c.end_time.in_milliseconds() < c.start_time.in_milliseconds():
            return f"cue {n} ends before it starts ({c.start} --> {c.end})"
    return None


def _subtitle_lines_as_text(text: str) -> str:
    """The lines of a subtitle file that are neither a header, a cue number
    nor a timing line, markup removed."""
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if _TIMING_LINE.search(s) or _INDEX_LINE.match(s) or s.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        out.append(_SPACES.sub(" ", html.unescape(re.sub(r"<[^>\n]*>", "", line))).strip())
    return "\n".join(out).strip("\n")


# --------------------------------------------------------------------------
# Word


# A .docx is a zip archive, and a PDF's streams are compressed: a small file
# can unpack to a thousand times its size (a "zip bomb").  What a file may
# unpack to, as a multiple of the size limit on files read (--max-mb: 20 MiB
# unpacks to at most 100 MiB).  A real article's Word file unpacks to a few
# times its size (its XML compresses about 5 to 1; images are stored).
MAX_UNPACK_RATIO = 5
DEFAULT_MAX_UNPACKED = MAX_UNPACK_RATIO * 20 * 1024 * 1024


def read_docx(data: bytes, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> tuple[str, dict]:
    """The paragraphs of a .docx, body then table cells in reading order,
    separated by blank lines, then its footnotes, each as "[n] text".
    ``meta['title']``: the document's Title property.

    python-docx reads the body and tables; it has no footnote API (1.2), so
    the footnotes part it loads with the package is read from its XML.
    python-docx reads every part of the archive into memory, so a file
    whose parts unpack to more than ``max_unpacked`` bytes is refused first
    (:class:`FormatSkip`)."""
    import docx

    _check_unpacked_size(data, max_unpacked)
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged zip or XML: python-docx raises whatever its parts raise
        raise FormatSkip(f"not a readable Word document: {_docx_problem(data, exc)}") from None
    paras = [t for t in (_block_text(b) for b in d.iter_inner_content()) if t]
    paras += [f"[{n}] {t}" for n, t in _footnotes(d)]
    meta = {}
    title = (d.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return "\n\n".join(paras), meta


def _docx_problem(data: bytes, exc: Exception) -> str:
    """Why python-docx could not open ``data``, in a reader's words: what
    the archive lacks (a .docx is a zip holding [Content_Types].xml and a
    word/ part, ECMA-376 Part 2), else the library's own message."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return "not a zip archive (a .docx is one)"
    if "[Content_Types].xml" not in names:
        return "the zip archive has no [Content_Types].xml, so it is not an Office Open XML file"
    if not any(n.startswith("word/") for n in names):
        return "the zip archive has no word/ part (another Office format renamed .docx?)"
    text = str(exc).strip().strip('"')
    return f"{type(exc).__name__}: {text}" if text else f"damaged content ({type(exc).__name__})"


def _check_unpacked_size(data: bytes, max_unpacked: int) -> None:
    """Raise :class:`FormatSkip` when the sizes a zip archive declares for
    its members add up to more than ``max_unpacked`` bytes.  The declared
    sizes can be trusted as a bound: zipfile never inflates a member past
    its declared size (a member that holds more fails its CRC check, and
    the file is skipped as unreadable)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return  # not a sound zip: python-docx names the problem
    if unpacked > max_unpacked:
        raise FormatSkip(f"unpacks to {unpacked / 2**20:,.0f} MiB, over the limit of "
                         f"{max_unpacked / 2**20:,.0f} MiB ({MAX_UNPACK_RATIO} times --max-mb): "
                         "a zip bomb, or huge embedded media")


def _block_text(block) -> str:
    from docx.table import Table

    if isinstance(block, Table):
        cells = []
        for row in block.rows:
            for cell in row.cells:
                t = "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                    cells.append(t)
        return "\n".join(cells)
    return _SPACES.sub(" ", block.text.replace("\n", " ")).strip()


def _footnotes(d) -> list[tuple[str, str]]:
    """(number, text) of each real footnote (not the separators Word adds)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from lxml import etree

    for rel in d.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            out = []
            for fn in root.iter(qn("w:footnote")):
                if fn.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
                                for p in fn.iter(qn("w:p"))).strip()
                if text:
                    out.append((fn.get(qn("w:id"), str(len(out) + 1)), _SPACES.sub(" ", text)))
            return out
    return []


# --------------------------------------------------------------------------
# PDF

_LINE_END = re.compile(r"[.!?。！？:：;；\"”»)）]\s*$")
_BULLET = re.compile(r"^\s*(?:[-•*–—]|\d+[.)])\s")
_CJK_EDGE = re.compile("[" + CJK_PUNCT + KANA + HAN + FULLWIDTH + "]")


def read_pdf(data: bytes, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> tuple[str, dict]:
    """The text layer of a PDF, page by page (pages separated by a blank
    line), lines a page wraps inside a paragraph joined (see
    :func:`join_wrapped_lines`).  ``meta['title']``: the document's Title.

    A PDF with no text layer raises :class:`FormatSkip` saying so: a scan
    when its pages show images, blank pages when they show nothing; so
    does an encrypted one that does not open with an empty password, one
    whose text adds up to more than ``max_unpacked`` characters (pypdf
    itself inflates no stream past 75 MB), and a file that is no PDF at
    all (no ``%PDF-`` header: all zero bytes, another format renamed)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if b"%PDF-" not in data[:1024]:  # where PDF readers look for the header
        raise FormatSkip("not a PDF: no %PDF- header" + (f" (all {len(data):,} bytes are zero)"
                                                         if not data.strip(b"\0") else ""))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormatSkip("encrypted PDF (needs a password)")
        pages = _page_texts(reader, max_unpacked)
        title = ((reader.metadata or {}).get("/Title") or "") if reader.metadata is not None else ""
        imaged = sum(_shows_images(p) for p in reader.pages) if not any(t.strip() for t in pages) else 0
    except FormatSkip:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # PyPdfError: every pypdf error, LimitReachedError (a decompression bomb) included
        if not data[data.find(b"%PDF-") + 8:].strip(b"\0\r\n "):
            raise FormatSkip("not a readable PDF: after its %PDF- header the file is all zero bytes") from None
        raise FormatSkip(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    texts = [join_wrapped_lines(p.replace("\r\n", "\n").replace("\r", "\n")) for p in pages]
    if not any(t.strip() for t in texts):
        n = len(pages)
        if not n:
            raise FormatSkip("PDF with no pages")
        if imaged:
            raise FormatSkip(f"scanned PDF: no text layer on its {n} page{'s' if n != 1 else ''}, only images "
                             "(run OCR first, e.g. ocrmypdf, and give rumorlens the result)")
        raise FormatSkip(f"PDF with no text layer and no images: its {n} page{'s are' if n != 1 else ' is'} blank")
    meta = {"title": str(title).strip()} if str(title).strip() else {}
    return "\n\n".join(t.strip() for t in texts if t.strip()), meta


def _shows_images(page, depth: int = 0) -> bool:
    """Whether a PDF page (or form) draws an image: an image XObject in its
    resources, or in a form XObject's (two levels deep)."""
    try:
        res = page.get("/Resources")
        xobjects = res.get_object().get("/XObject") if res is not None else None
        for ref in (xobjects.get_object().values() if xobjects is not None else ()):
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image" or (obj.get("/Subtype") == "/Form" and depth < 2
                                                    and _shows_images(obj, depth + 1)):
                return True
    except (AttributeError, KeyError, TypeError, ValueError):
        return False
    return False


def _page_texts(reader, max_chars: int) -> list[str]:
    pages, total = [], 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        total += len(pages[-1])
        if total > max_chars:
            raise FormatSkip(f"its text unpacks to over {max_chars / 2**20:,.0f} M characters "
                             f"({MAX_UNPACK_RATIO} times --max-mb): a compression bomb or not an article")
    return pages


def join_wrapped_lines(page: str) -> str:
    """A page's lines with the breaks a PDF puts inside a paragraph removed:
    a line that does not end a sentence (no final . ! ? 。 : ; or closing
    quote) is joined to the next unless the next is a bullet or blank;
    a hyphen at a Latin line end is kept (it may be a real one), and Chinese
    lines join without a space."""
    lines = [ln.rstrip() for ln in page.split("\n")]
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev and line.strip() and not _LINE_END.search(prev) and not _BULLET.match(line):
            glue = "" if (_CJK_EDGE.search(prev[-1]) or _CJK_EDGE.search(line.lstrip()[0]) or prev.endswith("-")) \
                else " "
            out[-1] = prev + glue + line.strip()
        else:
            out.append(line.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))
