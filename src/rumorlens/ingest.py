"""Ingest: turn a folder of articles into Documents.

Walks a corpus folder, decodes each file (any common encoding), extracts the
text of txt, md and html files, reads metadata (front matter, a header block,
a date line near the top) and tags every paragraph with its language.

Bad input never stops the run: each file that cannot be used becomes a
:class:`~rumorlens.records.Skipped` record with a reason a person understands.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from .errors import UserError
from .paths import models_dir, read_values
from . import langs
from .langs import HAN_RE, HANDLED, LATIN_LETTERS, LATIN_RE, LATIN_SCRIPT, URL_RE
from .formats import (BINARY_SUFFIXES, MAX_UNPACK_RATIO, SUBTITLE_SUFFIXES, FormatSkip, read_docx, read_pdf,
                      read_subtitles)
from .records import Document, Paragraph, Skipped
from .han_bytes import decode_short_han, limits as han_limits
from .mojibake import repair_mojibake
from .stray_bytes import StrayReading, ascii_but_for_a_few, instead_of, mostly_utf8, read_stray
from .html_layout import unwrap_layout_tables, with_main_heading

log = logging.getLogger(__name__)

SUPPORTED_LANGS = HANDLED
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SUFFIX_FORMATS = {**TEXT_SUFFIXES, **SUBTITLE_SUFFIXES, **BINARY_SUFFIXES}
# Files that describe a corpus rather than belong to it.
CORPUS_NOTES = {"sources.md", "readme.md", "readme.txt", "license", "license.txt", "license.md"}
# An article is a few hundred kilobytes at most; anything far larger is refused
# before it is read, so a stray dump never exhausts memory.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Leading bytes of common binary formats.
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (docx/epub/zip)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}


class SkipFile(Exception):
    """This file cannot be used; the message says why."""


# --------------------------------------------------------------------------
# walking


@dataclass
class Found:
    """One entry of the corpus walk: a file worth trying (``problem`` None,
    ``key`` the (device, inode) of what it points to) or an entry that is
    skipped, with the reason."""

    path: Path
    problem: Optional[str] = None
    key: Optional[tuple[int, int]] = None
    via_link: bool = False  # the path goes through a symbolic link (itself or a folder above it)


def _inside(target: str, root_real: str) -> bool:
    return target == root_real or target.startswith(root_real.rstrip(os.sep) + os.sep)


def _entry_stat(entry: os.DirEntry, root_real: str, follow_links: bool) -> tuple[Optional[os.stat_result], Optional[str]]:
    """The stat of what a folder entry is (a link's target), or the reason
    to skip it.  A link whose target lies outside the corpus is not followed
    unless ``follow_links``: an archive from an untrusted source may point
    at / or at a private file.  A link to a folder inside the corpus is not
    walked either: that folder is read through its own path."""
    try:
        if not entry.is_symlink():
            return entry.stat(follow_symlinks=False), None
        try:
            st = os.stat(entry.path)
        except OSError:
            return None, "broken symlink (or symlink loop)"
        target = os.path.realpath(entry.path)
    except OSError as exc:
        return None, f"cannot stat: {exc.strerror or exc}"
    is_dir = stat.S_ISDIR(st.st_mode)
    if _inside(target, root_real):
        if is_dir:
            rel = display_path(Path(os.path.relpath(target, root_real)).as_posix())[0]
            if _inside(os.path.realpath(os.path.dirname(entry.path)), target):
                return None, f"symlink loop: links back to {rel}"
            return None, f"link to a folder inside the corpus: read as {rel}"
    elif not follow_links:
        what = "folder" if is_dir else "file"
        return None, f"symlink to a {what} outside the corpus: not followed (--follow-links reads it)"
    return st, None


def iter_corpus_files(root: Path, *, follow_links: bool = False) -> Iterator[Found]:
    """Every entry under ``root``, depth first in sorted order, without
    recursion (a thousand nested folders are fine).

    A link to a file is followed (the file is read once, through a path
    with no link when it has one: see :func:`ingest_corpus`); a link to a
    folder inside the corpus is reported and not walked (the folder is read
    through its own path).  Links that leave the corpus are reported and not
    followed unless ``follow_links``; a folder reached twice that way (a loop,
    two links to one folder) is walked once.  Hidden entries are ignored."""
    root_real = os.path.realpath(root)
    try:
        st = os.stat(root)
    except OSError as exc:
        yield Found(root, f"cannot read folder: {exc.strerror or exc}")
        return
    seen_dirs: dict[tuple[int, int], Path] = {(st.st_dev, st.st_ino): root}
    # per open folder: its sorted entries, its key, whether reached through a link
    stack: list[tuple[Iterator[os.DirEntry], tuple[int, int], bool]] = []
    opened = _list_folder(root)
    if isinstance(opened, str):
        yield Found(root, opened)
        return
    stack.append((iter(opened), (st.st_dev, st.st_ino), False))
    while stack:
        entry = next(stack[-1][0], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, editor swap files)
        path = Path(entry.path)
        st, problem = _entry_stat(entry, root_real, follow_links)
        if st is None:
            yield Found(path, problem)
            continue
        key = (st.st_dev, st.st_ino)
        via_link = stack[-1][2] or entry.is_symlink()
        if stat.S_ISDIR(st.st_mode):
            if key in seen_dirs:
                first = display_path(relative_path(seen_dirs[key], root))[0] or "."
                on_path = any(k == key for _it, k, _via in stack)
                yield Found(path, f"symlink loop: links back to {first}" if on_path
                            else f"link to a folder already read: {first}")
                continue
            seen_dirs[key] = path
            listed = _list_folder(path)
            if isinstance(listed, str):
                yield Found(path, listed)
            else:
                stack.append((iter(listed), key, via_link))
        elif stat.S_ISREG(st.st_mode):
            yield Found(path, None, key, via_link)
        else:
            yield Found(path, "not a regular file")


def _list_folder(folder: Path):
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return f"cannot list folder: {exc.strerror or exc}"


def ingest_corpus(root: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, follow_links: bool = False,
                  on_file: Optional[Callable[[], None]] = None, runner=None) -> tuple[list[Document], list[Skipped]]:
    """Read every usable file under ``root``.

    Each file is read once: a second path to the same file (a link inside
    the corpus, a hard link) is listed as skipped.  ``on_file`` is called
    after each file (progress).  ``runner`` (rumorlens.runner): where the
    files are read, in the order found either way (the folder is walked
    here; a Dask cluster's workers must see ``root`` at the same path).  Raises
    :class:`UserError` when ``root`` is missing or holds nothing usable.
    """
    root = Path(root)
    check_corpus_folder(root)
    found = list(iter_corpus_files(root, follow_links=follow_links))
    files = [f for f in found if f.problem is None]
    ids = assign_ids([relative_path(f.path, root) for f in files])
    readers = _first_path_per_file(files, root)
    problems = {}
    for f in found:
        if f.problem is None and readers[f.key] is not f:
            problems[id(f)] = f"same file as {display_path(relative_path(readers[f.key].path, root))[0]} (read once)"
    jobs = [(f.path, root, max_bytes, ids[relative_path(f.path, root)], f.key)
            for f in found if f.problem is None and id(f) not in problems]
    if runner is not None:
        loaded = iter(runner.map(_load_job, jobs, stage="ingest"))
    else:
        loaded = (_load_job(job) for job in jobs)
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for f in found:
        rel = relative_path(f.path, root)
        problem = f.problem or problems.get(id(f))
        if problem is None:
            result = next(loaded)
            if isinstance(result, Document):
                docs.append(result)
            else:
                problem = result
            if on_file is not None:
                on_file()
        if problem is not None:
            shown, note = display_path(rel)
            log.info("skipped %s: %s", shown, problem)
            skipped.append(Skipped(path=shown, reason=problem, path_note=note))
    if not docs:
        # five named, the rest counted; a sixth is named rather than counted as 'one more'
        shown_n = 6 if len(skipped) == 6 else 5
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:shown_n])
        if len(skipped) > shown_n:  # the rest counted, not dropped from the message
            reasons += f"; and {len(skipped) - shown_n} more files skipped"
        raise UserError(f"nothing usable in {display_path(str(root))[0]}"
                        + (f" ({reasons})" if reasons else " (the folder is empty)"))
    return docs, skipped


def _load_job(job: tuple) -> Document | str:
    """A file's Document, or why it is skipped (module level: a worker
    process of rumorlens.runner runs it)."""
    path, root, max_bytes, doc_id, key = job
    try:
        return load_file(path, root=root, max_bytes=max_bytes, doc_id=doc_id, expect=key)
    except SkipFile as exc:
        return str(exc)


def missing(path: Path, what: str) -> str:
    """The message for ``what`` ("corpus folder", "report") at ``path``,
    which does not exist: ``"report not found: X"``, or, when a file stands
    where a folder of the path should be (``story.txt/a.json``), ``"report
    X: story.txt is a file, not a folder"``."""
    shown = display_path(str(path))[0]
    file_above = next((p for p in Path(path).parents if p.exists() and not p.is_dir()), None)
    if file_above is None:
        return f"{what} not found: {shown}"
    return f"{what} {shown}: {display_path(str(file_above))[0]} is a file, not a folder"


def check_corpus_folder(root: Path) -> None:
    """Raise :class:`UserError` unless ``root`` is a folder."""
    if not root.exists():
        raise UserError(missing(root, "corpus folder"))
    if not root.is_dir():
        raise UserError(f"not a folder: {display_path(str(root))[0]} (give the folder that holds the articles)")


def _first_path_per_file(files: list[Found], root: Path) -> dict:
    """The one path each file is read through: a path with no link in it
    when there is one, else the first in walk order."""
    chosen: dict[tuple[int, int], Found] = {}
    for f in files:
        have = chosen.get(f.key)
        if have is None or (have.via_link and not f.via_link):
            chosen[f.key] = f
    return chosen


def relative_path(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


NAME_NOTE_BYTES = "file name is not valid UTF-8: each undecodable byte is shown as \\xNN"
NAME_NOTE_CONTROL = "file name has control or text-direction characters: shown as \\n, \\t, \\xNN or \\u202e"
# C0 and C1 controls (ESC, and CSI U+009B, which some terminals obey alone), and the
# bidirectional overrides and isolates, which make 'txt.exe' of a name shown as
# 'exe.txt' (U+202E; a fresh user's break test, session 48)
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


# Terminal (ANSI / ECMA-48) escape sequences, as a text captured from a
# terminal holds them: CSI (ESC [ or U+009B, parameters, a final byte:
# colours "\x1b[1;32m", cursor moves), OSC/DCS/SOS/PM/APC strings (ESC ] ...
# ended by BEL or ST: window titles, hyperlinks) and two-byte escapes (ESC ( B).
# Also the invisible format characters (Unicode category Cf: soft hyphen,
# zero-width space and joiners, word joiner, byte-order mark, direction
# marks and embeddings) a web page or a PDF leaves inside words and numbers:
# "1\u200b234" is 1,234 and "Alt\u00adman" Altman, not two words.
INVISIBLE_FORMAT = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
ESCAPE_SEQUENCE_RE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + INVISIBLE_FORMAT + "]")  # and any control character left (not \t \n \r)


def blank_escape_sequences(text: str) -> str:
    """``text`` with every terminal escape sequence, control character and
    invisible format character (:data:`ESCAPE_SEQUENCE_RE`) replaced by as
    many spaces: the same
    length, so offsets into ``text`` still hold, and no "31" or "1;32" of a
    colour code read as a number."""
    if not ESCAPE_SEQUENCE_RE.search(text):
        return text
    return ESCAPE_SEQUENCE_RE.sub(lambda m: " " * len(m.group()), text)


def cut_escape_sequences(text: str) -> str:
    """``text`` without its terminal escape sequences, control characters
    and invisible format characters (:data:`ESCAPE_SEQUENCE_RE`), as CR LF
    becomes LF at
    ingest: a text captured from a terminal has colour codes and
    window-title strings that are no words of the article (they kept a
    retelling out of its group and showed in quoted evidence).  Controls
    that separate words (form feed between PDF pages, vertical tab, NEL,
    the information separators) stay: cutting them would glue two words."""
    if not ESCAPE_SEQUENCE_RE.search(text):
        return text
    return ESCAPE_SEQUENCE_RE.sub(lambda m: m.group() if m.group().isspace() else "", text)


def escape_controls(text: str) -> str:
    """``text`` with each control character written as Python writes it
    (``\\n``, ``\\x1b``): shown on a terminal, never obeyed."""
    return CONTROL_RE.sub(lambda m: repr(m.group())[1:-1], text)


def display_path(rel: str) -> tuple[str, Optional[str]]:
    """A path as valid, printable text, and a note when it had to be escaped.

    File names are bytes on POSIX; Python gives undecodable bytes as lone
    surrogates (surrogateescape), which no UTF-8 file can hold.  Each such
    byte is written ``\\xNN``, each control character ``\\n``/``\\t``/``\\xNN``.
    A name that needs neither comes back as is, with no note."""
    raw = os.fsencode(rel)
    try:
        text = raw.decode("utf-8")
        note = None
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "backslashreplace")
        note = NAME_NOTE_BYTES
    if CONTROL_RE.search(text):
        text = escape_controls(text)
        note = note or NAME_NOTE_CONTROL
    return text, note


def document_id(rel_path: str) -> str:
    """A stable, readable id: the relative path (as displayed) with anything
    but letters, digits, ``.``, ``-`` and ``_`` made ``-``."""
    return re.sub(r"[^\w.\-]+", "-", display_path(rel_path)[0]).strip("-") or "doc"


def assign_ids(rel_paths: list[str]) -> dict[str, str]:
    """Unique document ids for a corpus's relative paths.

    ``document_id`` maps different paths to one id (``with space.txt``,
    ``with-space.txt``, ``with/space.txt``).  Among paths that share an id,
    the first by raw path bytes keeps it; each other gets ``~`` and the first
    8 hex digits of the SHA-1 of its raw path bytes (more digits on the
    unlikely clash).  ``~`` never occurs in a plain id, so a suffixed id
    cannot meet another file's plain one.  Paths that share no id keep the
    plain id, so adding a file changes no other file's id unless it collides."""
    by_id: dict[str, list[str]] = {}
    for rel in rel_paths:
        by_id.setdefault(document_id(rel), []).append(rel)
    ids: dict[str, str] = {}
    for base, rels in by_id.items():
        ordered = sorted(rels, key=os.fsencode)
        ids[ordered[0]] = base
        taken = {base}
        for rel in ordered[1:]:
            digest = hashlib.sha1(os.fsencode(rel)).hexdigest()
            n = 8
            while f"{base}~{digest[:n]}" in taken:
                n += 2
            ids[rel] = f"{base}~{digest[:n]}"
            taken.add(ids[rel])
    return ids


# --------------------------------------------------------------------------
# one file


def load_file(path: Path | str, *, root: Path | str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              doc_id: Optional[str] = None, expect: Optional[tuple[int, int]] = None) -> Document:
    """Read one file into a Document, or raise :class:`SkipFile` with the reason.

    ``doc_id`` is the id :func:`assign_ids` gave it in its corpus (default:
    :func:`document_id` of its path).  ``expect``: the (device, inode) the
    corpus walk found at ``path`` (see :func:`read_bounded`)."""
    path = Path(path)
    rel = relative_path(path, Path(root)) if root is not None else path.name
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if path.is_dir():  # not "unsupported extension (none)": the reason is that it is no file
        raise SkipFile("it is a folder, not a file (rumorlens align FOLDER reads every article of a folder)")
    if path.name.lower() in CORPUS_NOTES:
        raise SkipFile("corpus notes file (describes the corpus; not an article)")
    if fmt is None:
        suffix = display_path(path.suffix)[0] or "(none)"
        raise SkipFile(f"unsupported extension {suffix} (rumorlens reads {', '.join(sorted(SUFFIX_FORMATS))})")
    text, meta, encoding = _extract(fmt, read_bounded(path, max_bytes, expect), max_bytes)
    cut = len(text)
    text = cut_escape_sequences(text)
    cut -= len(text)
    if cut:  # said, as the offsets are into the text without them
        note = (f"{cut} control or invisible character{'s' if cut > 1 else ''} removed (terminal codes, zero-width "
                "spaces, soft hyphens, direction marks): offsets are into the text without them")
        _add_note(meta, note)
    _checked_metadata(meta)
    if meta.get("ingest_note"):
        log.warning("%s: %s", display_path(rel)[0], meta["ingest_note"])
    if not text.strip():
        raise SkipFile(meta.pop("_empty_reason", None) or "empty file")
    meta.pop("_empty_reason", None)
    if "date" not in meta:
        found = find_date_line(text)
        if found:
            meta["date"] = found
    paragraphs = tag_paragraphs(text)
    lang, languages = main_language(text, paragraphs)
    if lang == "und":
        raise SkipFile(undetermined_reason(text, paragraphs))
    if lang not in SUPPORTED_LANGS:
        raise SkipFile(f"language not handled: {language_name(lang)} (rumorlens handles {', '.join(SUPPORTED_LANGS)})")
    # a subtitle file's first cue is speech, not a title
    title = meta.pop("title", None) or (None if fmt in SUBTITLE_SUFFIXES.values() else guess_title(text))
    date = normalize_date(meta.pop("date", None))
    source = meta.pop("source", None)
    shown, note = display_path(rel)
    return Document(
        id=doc_id or document_id(rel),
        path=shown,
        lang=lang,
        languages=languages,
        text=text,
        format=fmt,
        encoding=encoding,
        title=title,
        date=date,
        source=source,
        paragraphs=paragraphs,
        metadata={k: meta[k] for k in sorted(meta)},
        path_note=note,
    )


def _checked_metadata(meta: dict) -> None:
    """Title and source as text, and a date that is a real day, in place;
    what cannot be used is dropped and said in ``ingest_note``.  A YAML
    ``title: 1984`` is the text '1984'; ``title: [a, b]`` or ``source: {a:
    b}`` is no text; ``Date: 2023-02-30`` is no day (a fresh user's break
    test, session 48: each stopped the whole run with an internal error)."""
    notes = []
    for key in ("title", "source"):
        value = meta.get(key)
        if isinstance(value, (bool, int, float)):
            meta[key] = str(value).lower() if isinstance(value, bool) else str(value)
        elif value is not None and not isinstance(value, str):
            del meta[key]
            kind = "mapping" if isinstance(value, dict) else "list" if isinstance(value, (list, tuple)) else "value"
            notes.append(f"{key} in the header is a {kind}, not text: not used")
    if meta.get("date") is not None:
        date = normalize_date(meta["date"])
        if _no_day(str(meta["date"])) or date is not None and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", date) \
                and not _real_date(date):
            notes.append(f"date {escape_controls(str(meta['date']))!r} in the header is no real day: not used")
            del meta["date"]
    _add_note(meta, *notes)


def _no_day(written: str) -> bool:
    """A header date no reading makes a day of: a year of five digits
    (10000-01-01 was read as the year 1000), or day and month in digits
    that are no day either way round (31/02/2024)."""
    if re.match(r"\s*\d{5}", written):
        return True
    m = re.fullmatch(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*", written)
    if m is None:
        return False
    a, b, y = (int(x) for x in m.groups())
    return not (_real_date(f"{y:04d}-{b:02d}-{a:02d}") if 1 <= b <= 12 else False) \
        and not (_real_date(f"{y:04d}-{a:02d}-{b:02d}") if 1 <= a <= 12 else False)


def _real_date(iso_date: str) -> bool:
    """Is '2023-02-28' (or '2023-02', '2023') a date of the calendar?"""
    parts = [int(x) for x in iso_date.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _language_names() -> dict:
    return read_values(models_dir() / "lexicons" / "language_names.json").get("names", {})


def language_name(code: str) -> str:
    """A language code with its English name (models/lexicons/language_names.json):
    'Norwegian (no)'; the code alone when the table lacks it."""
    name = _language_names().get(code)
    return f"{name} ({code})" if name else code


def undetermined_reason(text: str, paragraphs: list[Paragraph]) -> str:
    """Why no paragraph of ``text`` has a language (main_language gave
    "und"), naming the first paragraph that has letters: Latin-script
    words that read as no language (word salad, a list of codes) are a
    language that could not be told, not an unknown script; text with no
    letters at all has nothing to tell one by."""
    with_letters = [(k, p) for k, p in enumerate(paragraphs, start=1)
                    if any(ch.isalpha() for ch in text[p.start:p.end])]
    if not with_letters:
        return "no letters to tell a language by (only digits, punctuation or symbols)"
    k, p = with_letters[0]
    chunk = " ".join(text[p.start:p.end].split())
    shown = chunk if len(chunk) <= 50 else chunk[:49].rstrip() + "…"
    where = f"paragraph {k} (line {text.count(chr(10), 0, p.start) + 1}): «{escape_controls(shown)}»"
    more = f", and {len(with_letters) - 1} more paragraph{'s' if len(with_letters) > 2 else ''}" \
        if len(with_letters) > 1 else ""
    if LATIN_RE.search(chunk):
        return (f"language could not be told: the text reads as none of {', '.join(SUPPORTED_LANGS)} nor clearly "
                f"as another language (too short, or not words of a language): {where}{more}")
    return f"no text in a language rumorlens handles ({', '.join(SUPPORTED_LANGS)}): {where}{more}: script not recognized"


def _extract(fmt: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, dict, str]:
    """(text, metadata, encoding) of a file's bytes read as ``fmt``; a Word
    or PDF file may unpack to MAX_UNPACK_RATIO times ``max_bytes``."""
    if fmt in BINARY_SUFFIXES.values():
        reader = read_docx if fmt == "docx" else read_pdf
        try:
            text, meta = reader(data, max_unpacked=MAX_UNPACK_RATIO * max_bytes)
        except FormatSkip as exc:
            raise SkipFile(str(exc)) from None
        return text.replace("\r\n", "\n").replace("\r", "\n"), meta, fmt
    raw_text, encoding = decode_bytes(data)
    del data
    raw_text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    raw_text, repaired = repair_mojibake(raw_text)
    text, meta = _extract_text(fmt, raw_text)
    _add_note(meta, *_encoding_notes(encoding))
    if repaired:  # UTF-8 once read in a code page (rumorlens.mojibake)
        meta["mojibake_repaired"] = repaired
    return text, meta, encoding


def _add_note(meta: dict, *notes: str) -> None:
    """Append ``notes`` to the document's ``ingest_note`` (one string, '; '
    between notes)."""
    if notes:
        meta["ingest_note"] = "; ".join(filter(None, (meta.get("ingest_note"), *notes)))


def _encoding_notes(encoding: str) -> list[str]:
    """What the encoding name decode_bytes gave says about a degraded
    reading (stray bytes, an ASCII file but for a few bytes, undecodable
    UTF-16 units, a cut character, NUL bytes), as ingest notes, in that order."""
    out = []
    if encoding.startswith(STRAY_BYTES_ENCODING):
        what = "the Chinese on those lines" if "lines of Chinese" in encoding or "line of Chinese" in encoding \
            else "the accented letters and quotes near them"
        out.append(f"not valid UTF-8 throughout: read as UTF-8, {encoding.split('(', 1)[1].rstrip(')')} "
                   f"(a passage pasted from another program; check {what})")
    name = encoding.split(" (")[0].upper()
    for pattern, template in _ENCODING_NOTES:
        m = pattern.search(encoding)
        if m:
            out.append(template.format(m.group(1), name=name))
    return out


# rumorlens's own HTML view: its generator tag, or the title every view had before it
_OWN_VIEW = re.compile(r"<meta\s+name=[\"']generator[\"']\s+content=[\"']rumorlens|<title>rumorlens report ·", re.I)


# rumorlens's own JSON report, whatever its file is called: its first keys
_OWN_REPORT = re.compile(r'\A\s*\{\s*"alignment_groups"\s*:|\A\s*\{[^{}]{0,200}"schema_version"\s*:\s*"\d')


def _extract_text(fmt: str, raw_text: str) -> tuple[str, dict]:
    if _OWN_REPORT.match(raw_text[:4096]) and '"discrepancies"' in raw_text:
        # a report renamed .txt inside the corpus was read as a 441-sentence article (session 48)
        raise SkipFile("a rumorlens report (JSON), not an article")
    if fmt == "html":
        if _OWN_VIEW.search(raw_text[:4096]):
            # a report left inside the corpus was read as a French article, and
            # grouped with the articles it reports on (a fresh user's break test, session 48)
            raise SkipFile("a rumorlens report (its HTML view), not an article")
        text, meta = extract_html(raw_text)
    elif fmt == "md":
        text, meta = split_front_matter(raw_text)
    elif fmt in SUBTITLE_SUFFIXES.values():
        text, meta = read_subtitles(raw_text.lstrip("\ufeff"), fmt)
    else:
        text, meta = split_header_block(raw_text)
    return text, meta


def read_bounded(path: Path, max_bytes: int, expect: Optional[tuple[int, int]] = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or SkipFile.

    Opened without blocking (a FIFO put in place of a file cannot hang the
    run) and checked on the open descriptor, so what is read is what was
    checked; never more than ``max_bytes`` + 1 bytes are read, even from a
    file that grows.  ``expect``: the (device, inode) the corpus walk found
    there; a path that leads elsewhere by the time it is opened (a link or
    folder swapped for one pointing out of the corpus, a file replaced) is
    not read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SkipFile("not a regular file")
        # the inode alone: a Dask worker on another machine sees the same
        # network file system under another device number
        if expect is not None and st.st_ino != expect[1]:
            raise SkipFile("replaced while the corpus was read (it is not the file the walk found): not read")
        if st.st_size > max_bytes:
            raise SkipFile(_too_large(st.st_size, max_bytes))
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise SkipFile(_too_large(size, max_bytes) + " (it grew while read)")
        return b"".join(chunks)
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_large(size: int, max_bytes: int) -> str:
    # bytes under a tenth of a MiB: '0.0 MiB (limit 9.91821e-05 MiB)' said nothing
    shown = f"{size / 2**20:.1f} MiB" if size >= 2**20 / 10 else f"{size:,} bytes"
    limit = f"{max_bytes / 2**20:g} MiB" if max_bytes >= 2**20 / 10 else f"{max_bytes:,} bytes"
    why = "; an article is far smaller" if max_bytes >= 2**20 else ""
    return f"too large: {shown} (limit {limit}, --max-mb{why})"


# --------------------------------------------------------------------------
# decoding

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _bomless_wide(data: bytes) -> Optional[tuple[str, str]]:
    """(text, encoding) when charset_normalizer reads ``data`` as UTF-16 or
    UTF-32 without a byte-order mark (Notepad's "Unicode" saved by some
    tools) and the text is no binary run; else None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    enc = best.encoding if best is not None else ""
    if not enc.startswith(("utf_16", "utf_32")):
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    if _looks_binary_text(text):
        return None
    return text, enc.replace("_", "-") + " (no byte-order mark)"


STRAY_BYTES_ENCODING = "utf-8 with stray bytes"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name). Raises SkipFile.

    In order: a byte-order mark; strict UTF-8; a very short file of Han
    text in GB18030 or Big5 (rumorlens.han_bytes); UTF-8 with a few stray
    bytes (rumorlens.stray_bytes); charset-normalizer."""
    if not data.strip():
        raise SkipFile("empty file" if not data else "no text (only blank characters)")
    for bom, enc in BOMS:
        if data.startswith(bom):
            return _behind_bom(data[len(bom):], enc, len(bom))
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise SkipFile(f"binary file ({what}), not text")
    if b"\x00" in data[:65536]:
        wide = _bomless_wide(data)  # UTF-16/32 saved without a byte-order mark has NUL bytes too
        if wide is not None:
            return wide
        return _without_stray_nuls(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        cut = _cut_inside_character(data, exc)
        if cut is not None:
            return cut
    # a dozen bytes of GBK or Big5: too few for the detector, and too few for
    # the stray-byte test's ratio (a few of their pairs are valid UTF-8)
    short = decode_short_han(data)
    if short is not None:
        return short
    stray = read_stray(data)  # not None: strict UTF-8 failed
    if mostly_utf8(stray):  # UTF-8 with a pasted cp1252 word: not one encoding for the whole file
        return _named(stray)
    return _detected(data, stray)


_ASCII_BUT = re.compile(r"\((ASCII but for \d+ bytes?, the first on line \d+)\)$")
_CUT_SHORT = re.compile(r"\((the file ends inside a character: \d+ bytes? dropped)\)$")


def _cut_inside_character(data: bytes, exc: UnicodeDecodeError) -> Optional[tuple[str, str]]:
    """UTF-8 whose only fault is a character cut at the very end (a copy or
    download stopped short): the text without those bytes, and an encoding
    name that says so; else None.  It was read as a pasted cp1252 passage,
    and 'ã€' ended a Chinese text (a fresh user's break test, session 48)."""
    if exc.reason != "unexpected end of data" or len(data) - exc.start > 3:
        return None
    try:
        text = data[:exc.start].decode("utf-8")
    except UnicodeDecodeError:
        return None
    n = len(data) - exc.start
    return text, f"utf-8 (the file ends inside a character: {n} {'byte' if n == 1 else 'bytes'} dropped)"


# At most one NUL byte in this many, and the rest text: a few NULs left by a bad
# copy or a crashed editor is text (a break trial's article with two was
# skipped whole as binary); random bytes have one in 256, UTF-16 one in two.
NUL_BYTES_PER = 100
_NULS_REMOVED = re.compile(r"\((\d+ NUL bytes? removed)\)$")


def _without_stray_nuls(data: bytes) -> tuple[str, str]:
    """The text of ``data`` read without its NUL bytes when they are few
    (:data:`NUL_BYTES_PER`) and the rest decodes as text; the encoding name
    says how many were removed.  Raises SkipFile for binary data."""
    n = data.count(b"\x00")
    if n * NUL_BYTES_PER > len(data):
        raise SkipFile("binary file (contains NUL bytes), not text")
    try:
        text, enc = decode_bytes(data.replace(b"\x00", b""))
    except SkipFile:
        raise SkipFile("binary file (contains NUL bytes), not text") from None
    return text, f"{enc} ({n} NUL {'byte' if n == 1 else 'bytes'} removed)"


def _behind_bom(body: bytes, enc: str, offset: int) -> tuple[str, str]:
    """The text after a byte-order mark of ``enc``; a UTF-8 one may hold a
    few stray bytes (Notepad saves UTF-8 with a mark)."""
    try:
        text = body.decode(enc.replace("-sig", ""))
    except UnicodeDecodeError as exc:
        if enc == "utf-8-sig":
            text, enc = _named(read_stray(body))  # the mark says UTF-8: every stray byte read as cp1252
        else:
            text, enc = _wide_with_faults(body, enc, exc, offset)
    if _looks_binary_text(text):
        raise SkipFile(f"binary content behind a {enc.upper()} byte-order mark")
    return text, enc


# at most this many undecodable units in a UTF-16 or UTF-32 file behind its mark: a
# cut or a bad surrogate, read and said; more, and it is no such text
_WIDE_FAULTS_MAX = 3
_WIDE_FAULTS = re.compile(r"\((\d+ undecodable units? replaced)\)$")
# the parenthesis an encoding name of decode_bytes ends with, and the ingest note it makes
# (_encoding_notes)
_ENCODING_NOTES = (
    (_ASCII_BUT, "read as {name}: the file is {0}, whose encoding cannot be told (check the characters they make)"),
    (_WIDE_FAULTS, "not valid {name} throughout: {0} by U+FFFD (cut or damaged?)"),
    (_CUT_SHORT, "{0} (cut short?)"),
    (_NULS_REMOVED, "stray NUL bytes in the file ({0}): check the text around them"),
)


def _wide_with_faults(body: bytes, enc: str, exc: UnicodeDecodeError, offset: int) -> tuple[str, str]:
    """A UTF-16 or UTF-32 text with a few undecodable units (one byte too
    many at the end, a lone surrogate) read with U+FFFD for each, its
    encoding name saying how many; raises SkipFile when there are more than
    _WIDE_FAULTS_MAX (one bad byte cost a whole article: a fresh user's break
    test, session 48)."""
    text = body.decode(enc, errors="replace")
    n = text.count("\ufffd") - body.decode(enc, errors="ignore").count("\ufffd")
    if n > _WIDE_FAULTS_MAX:
        raise SkipFile(f"undecodable: has a {enc.upper()} byte-order mark but is not valid {enc.upper()} "
                       f"({exc.reason} at byte {exc.start + offset})") from None
    return text, f"{enc} ({n} undecodable {'unit' if n == 1 else 'units'} replaced)"


def _named(reading: StrayReading) -> tuple[str, str]:
    n = reading.n_stray
    if reading.han_lines:
        how = ", ".join(f"{k} {'line' if k == 1 else 'lines'} of Chinese read as {enc.upper()}"
                        for enc, k in reading.han_lines)
        return reading.text, (f"{STRAY_BYTES_ENCODING} ({how}, the first stray byte on line {reading.first_line} "
                              "of the file)")
    return reading.text, (f"{STRAY_BYTES_ENCODING} ({n} {'byte' if n == 1 else 'bytes'} read as cp1252, "
                          f"the first on line {reading.first_line} of the file)")


def _detected(data: bytes, stray: StrayReading) -> tuple[str, str]:
    """charset-normalizer's reading of ``data`` (see _prefer_handled_encoding),
    or ``stray``, its UTF-8 reading, where rumorlens.stray_bytes.instead_of
    prefers it."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = _prefer_handled_encoding(matches) if matches else None
    enc = best.encoding if best is not None else None
    # GB2312 and GBK are subsets of GB18030: decode with the superset so that
    # rarer characters in a file detected as GBK do not fail.
    if enc in ("gb2312", "gbk", "hz"):
        enc = "gb18030"
    # an English or French text with a curly quote or two, not Han; UTF-8
    # half pasted over in cp1252, not Latin-6 nor "no encoding fits"
    # (rumorlens.stray_bytes)
    if instead_of(stray, enc, _TWO_BYTE_HAN, _OUR_ENCODINGS):
        return (stray.text, "cp1252") if not stray.n_valid else _named(stray)
    if best is None:
        raise SkipFile("undecodable: no text encoding fits (binary or corrupted file)")
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    if _looks_binary_text(text):
        raise SkipFile("binary file (control characters), not text")
    if ascii_but_for_a_few(stray):
        n = stray.n_stray
        return text, f"{enc} (ASCII but for {n} {'byte' if n == 1 else 'bytes'}, the first on line {stray.first_line})"
    return text, enc


# Encodings that write a Han (or kana, Hangul) character as a high lead byte
# and a trail byte (see _detected)
_TWO_BYTE_HAN = frozenset({"gb18030", "big5", "big5hkscs", "cp950", "cp936", "cp932", "shift_jis", "euc_jp", "euc_kr",
                           "cp949", "johab"})
# Encodings of the languages rumorlens reads, in order of preference.  Short
# Western texts decode equally cleanly in cp1250, cp1252 and cp1257, and
# charset-normalizer then picks by an order of its own; among candidates it
# rates (nearly) as clean as its best, we take the one our users write in.
PREFERRED_ENCODINGS = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp1252", "iso8859_15", "latin_1")
# What Chinese, French and English files are written in (the names
# charset-normalizer gives, and those _detected decodes with)
_OUR_ENCODINGS = frozenset(PREFERRED_ENCODINGS) | {"ascii", "cp950", "cp936", "hz", "iso8859_1", "cp850"}
CHAOS_TOLERANCE = 0.1


def _prefer_handled_encoding(matches):
    floor = min(m.chaos for m in matches)
    near = [m for m in matches if m.chaos <= floor + CHAOS_TOLERANCE]
    for enc in PREFERRED_ENCODINGS:
        for m in near:
            if m.encoding == enc:
                return m
    return matches[0]


def _looks_binary_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    return controls / len(sample) > 0.01


# --------------------------------------------------------------------------
# formats and metadata

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
# a key is a few words of letters (any script, no digits); after an ASCII
# colon a space, as in "Title: ..."; a full-width colon needs none (标题：...)
HEADER_LINE_RE = re.compile(r"^(?P<key>[^\W\d_][^\W\d_ ']{0,20}(?: [^\W\d_']{1,20}){0,3})[ \t]*"
                            r"(?::[ \t]+|：[ \t]*)(?P<value>\S.*)$")


@functools.lru_cache(maxsize=1)
def header_keys() -> dict:
    """Header-block key (lower case) -> metadata field, from
    models/lexicons/header_keys.json."""
    return read_values(models_dir() / "lexicons" / "header_keys.json")["keys"]


def check_not_an_article(out: Path, corpus: Path, what: str = "the report") -> None:
    """Raise UserError when ``out`` (``what``: "the report", "the HTML
    view") cannot be an output of a run over ``corpus``: first what the path
    alone says (a folder, a file where a folder is needed:
    rumorlens.records.output_problem), then any path inside the corpus,
    which would become input.  ``-o corpus/story.txt`` once replaced the
    story with the report; ``--html corpus/view.html`` was read back as an
    article on the next run, and ``-o corpus/x.json`` listed as a skipped
    file: most tools refuse to write their output among their input."""
    from .records import output_problem

    out, corpus = Path(out), Path(corpus)
    shown, folder = display_path(str(out))[0], display_path(str(corpus))[0]
    problem = output_problem(out)
    if problem is not None:  # "story.txt is a file", not "inside the corpus"
        raise UserError(f"cannot write {what} to {shown}: {problem}")
    try:
        inside = out.resolve().is_relative_to(corpus.resolve())
        exists = out.exists()
    except OSError:
        return
    if not inside:
        return
    if exists and out.suffix.lower() in SUFFIX_FORMATS:
        reason = f"it is an article of the corpus {folder}"
    elif out.suffix.lower() in SUFFIX_FORMATS:
        reason = f"it is inside the corpus {folder}, which would read it as an article on the next run"
    else:
        reason = (f"it is inside the corpus {folder}: the next run would read it as input "
                  "(and list it as a skipped file)")
    raise UserError(f"cannot write {what} to {shown}: {reason}; give a path outside the corpus")


def split_front_matter(text: str) -> tuple[str, dict]:
    """YAML front matter (``---`` block at the top) becomes metadata; the body
    follows.  ``metadata['source_offset']`` is where the body starts in the file,
    so offsets into the text map back to the file."""
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return text, {}
    meta: dict = {}
    note = None
    try:
        loaded = _load_front_matter(m.group(1))
        if isinstance(loaded, dict):
            meta = {str(k).lower(): v for k, v in loaded.items()}
    except Exception as exc:  # malformed front matter: keep going with the body, and say so
        note = f"front matter not read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
    meta = {k: _plain(v) for k, v in meta.items() if v not in (None, "", [])}
    if note:
        meta["ingest_note"] = note
    if "published" in meta and "date" not in meta:
        meta["date"] = meta.pop("published")
    if "url" in meta and "source" not in meta:
        meta["source"] = meta.pop("url")
    meta["source_offset"] = m.end()
    return text[m.end():], meta


def _load_front_matter(text: str):
    """YAML front matter with PyYAML's safe loader, aliases refused: a
    kilobyte of nested aliases (``b: &b [*a, *a, ...]``) expands to
    billions of values when read (the "billion laughs"), and article
    metadata never needs them."""
    import yaml

    class NoAliases(yaml.SafeLoader):
        # dates stay text, read by normalize_date: PyYAML's own reading of
        # 'date: 2024-13-45' raised, and the title and source went with it
        yaml_implicit_resolvers = {first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
                                   for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

        def compose_node(self, parent, index):
            if self.check_event(yaml.events.AliasEvent):
                raise yaml.composer.ComposerError(None, None, "an alias (*name) in front matter is not read",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)

    return yaml.load(text, Loader=NoAliases)  # noqa: S506 - a SafeLoader subclass


def _plain(value):
    """Front-matter values as JSON-ready scalars (dates become ISO strings)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def split_header_block(text: str) -> tuple[str, dict]:
    """A block of ``Key: value`` lines at the top of a text file (Source:, Date:,
    Title:, ...) followed by a blank line becomes metadata."""
    lines = text.split("\n")
    meta: dict = {}
    offset = 0
    for i, line in enumerate(lines):
        if not line.strip():
            if meta and i > 0:
                body_start = offset + len(line) + 1
                meta["source_offset"] = body_start
                return text[body_start:], meta
            return text, {}
        m = HEADER_LINE_RE.match(line)
        key = header_keys().get(m.group("key").strip().lower()) if m else None
        if key is None:
            return text, {}
        meta[key] = m.group("value").strip()
        offset += len(line) + 1
    return text, {}


# libxml2 (under lxml, under trafilatura) stops building the tree at this
# depth and drops the rest of the page without an error: a page of unclosed
# <div>s loses everything after its 255th tag.
LXML_MAX_DEPTH = 255


def extract_html(html: str) -> tuple[str, dict]:
    """Main text of an HTML page with trafilatura; tolerant of broken markup.

    Falls back to all visible text, read by a streaming parser that builds no
    tree (Python's html.parser, no depth limit), when trafilatura finds no main
    content or when the page nests deeper than libxml2 builds trees (unclosed
    tags), where trafilatura would see only the start of the page.  When even
    that finds no text, ``meta['_empty_reason']`` says why."""
    import trafilatura

    meta: dict = {}
    text = None
    visible = _VisibleText.read(html)
    if visible.max_depth <= LXML_MAX_DEPTH:
        html = unwrap_layout_tables(html)  # navigation in one cell, the article in the next
        try:
            # the date from the page's markup only (meta tags, <time>): htmldate's
            # extensive search takes a footer's '© 2024' for 2024-01-01 (a break test,
            # session 41), and a document's date anchors its relative dates
            doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True, favor_recall=True,
                                              with_metadata=True,
                                              date_extraction_params={"extensive_search": False,
                                                                      "original_date": True})
        except Exception as exc:
            log.info("trafilatura failed: %s", exc)
            doc = None
        if doc is not None:
            data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
            text = data.get("text")
            for key in ("title", "date", "author", "sitename"):
                if data.get(key):
                    meta["site" if key == "sitename" else key] = data[key]
            if data.get("url"):
                meta["source"] = data["url"]
            if text and text.strip():
                text = with_main_heading(html, text)
    else:
        log.info("HTML nests %d tags deep (unclosed tags): read with a tolerant parser", visible.max_depth)
    if not text or not text.strip():
        text = _visible_text(html) if visible.max_depth <= LXML_MAX_DEPTH else visible.text()
    if not meta.get("title") and visible.title.strip():
        meta["title"] = re.sub(r"\s+", " ", visible.title).strip()
    if not text.strip():
        meta["_empty_reason"] = ("no visible text in the HTML (only markup, scripts or styles)"
                                 if html.strip() else "empty file")
    return text, meta


def _visible_text(html: str) -> str:
    """All visible text of a page through lxml (as trafilatura parses it)."""
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = tree.text_content()
    except Exception:
        text = _VisibleText.read(html).text()
    return _clean_lines(text)


def _clean_lines(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


class _VisibleText:
    """Visible text, title and nesting depth of a page, read with Python's
    html.parser: it streams, tolerates any broken markup and builds no tree,
    so depth costs nothing.  Block tags start a new line."""

    HIDDEN = {"script", "style", "noscript", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
            "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th"}  # also tags that close themselves in practice
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
             "footer", "blockquote", "pre", "table", "ul", "ol", "dt", "dd", "hr", "figure", "figcaption", "main"}

    @classmethod
    def read(cls, html: str) -> "_VisibleText":
        from html.parser import HTMLParser

        out = cls()

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                out.start(tag)

            def handle_startendtag(self, tag, attrs):
                if tag in cls.BLOCK:
                    out.parts.append("\n")

            def handle_endtag(self, tag):
                out.end(tag)

            def handle_data(self, data):
                out.data(data)

        parser = Parser(convert_charrefs=True)
        parser.feed(html)
        parser.close()
        return out

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.title = ""
        self.depth = 0
        self.max_depth = 0
        self.hidden = 0
        self.in_title = False

    def start(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "title" and not self.title:
            self.in_title = True  # the page's title, not an SVG's
        if tag not in self.VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "title":
            self.in_title = False
        if tag not in self.VOID:
            self.depth = max(0, self.depth - 1)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        return _clean_lines("".join(self.parts))


# the years digits are read as (models/lexicons/dates.json year_digits)
YEAR_DIGITS = read_values(models_dir() / "lexicons" / "dates.json")["year_digits"]
DATE_LINE_RES = (
    re.compile(r"(?P<y>" + YEAR_DIGITS + r")[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<y>" + YEAR_DIGITS + r")\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
)
DATE_CUE_RE = re.compile(r"(发表时间|发布时间|发表于|日期|时间|date|published|publié|posted)", re.I)


def find_date_line(text: str, max_lines: int = 8) -> Optional[str]:
    """A publication date stated on a short line near the top ("发表时间: 2023-04-17")."""
    for line in text.split("\n")[:max_lines]:
        if len(line) > 80:
            continue
        if not DATE_CUE_RE.search(line) and len(line.strip()) > 24:
            continue
        for rx in DATE_LINE_RES:
            m = rx.search(line)
            if m:
                return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None


def normalize_date(value) -> Optional[str]:
    """ISO form (YYYY, YYYY-MM or YYYY-MM-DD) of a stated date, or None."""
    if value is None:
        return None
    s = str(value).strip()
    for rx in DATE_LINE_RES:  # a whole date first: 2025年3月4日 is not the year 2025
        m = rx.search(s)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    named = _named_month_date(s)
    if named:
        return named
    m = re.match(r"^(" + YEAR_DIGITS + r")(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?", s)
    if m:
        parts = [f"{int(m.group(1)):04d}"]
        if m.group(2):
            parts.append(f"{int(m.group(2)):02d}")
            if m.group(3):
                parts.append(f"{int(m.group(3)):02d}")
        return "-".join(parts)
    return s or None


@functools.lru_cache(maxsize=1)
def _month_res() -> tuple[dict, re.Pattern, re.Pattern]:
    """Month names (models/lexicons/dates.json: English and French) and
    the two orders a header writes them in: day month year (4 March 2025,
    1er mars 2025) and month day, year (March 4, 2025); or month and year."""
    months = {}
    for names in read_values(models_dir() / "lexicons" / "dates.json")["months"].values():
        months.update({name.casefold(): month for name, month in names.items()})
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day_first = re.compile(rf"(?<!\w)(?:(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+)?(?P<mon>{names})\.?,?\s+"
                           r"(?P<y>" + YEAR_DIGITS + r")(?!\d)", re.I)
    month_first = re.compile(rf"(?<!\w)(?P<mon>{names})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                             r"(?P<y>" + YEAR_DIGITS + r")(?!\d)", re.I)
    return months, day_first, month_first


def _named_month_date(s: str) -> Optional[str]:
    """ISO form of a date written with an English or French month name
    (March 4, 2025; 4 mars 2025 -> 2025-03-04; mars 2025 -> 2025-03), or
    None.  A date in digits only (04/03/2025) is left as written: its day
    and month order depends on the country."""
    months, day_first, month_first = _month_res()
    m = month_first.search(s) or day_first.search(s)
    if m is None:
        return None
    month = months[m["mon"].casefold()]
    if m["d"] is None:
        return f"{int(m['y']):04d}-{month:02d}"
    return f"{int(m['y']):04d}-{month:02d}-{int(m['d']):02d}"


CAPTION_RE = re.compile(r"^(图片来源|来源|image source|photo|source)\s*[:：]", re.I)


def guess_title(text: str) -> Optional[str]:
    """The first line when it reads like a title: short, no final full stop
    (markdown heading marks removed).  None rather than a sentence."""
    for line in text.split("\n")[:12]:
        line = line.strip().lstrip("#").strip()
        if not line or line.startswith(("![", "[", "http", "<")) or CAPTION_RE.match(line):
            continue
        if len(line) <= 120 and not re.search(r"[.。!?！？:：]$", line):
            return line
        return None
    return None


# --------------------------------------------------------------------------
# language

KANA_RE = re.compile("[" + langs.KANA + "]")
HANGUL_RE = re.compile("[" + langs.HANGUL + "]")
LETTER_SCRIPTS = (
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)


# Detection reads at most this many characters of a text: far more than any
# paragraph of an article (the sample corpus's longest is 8,000) and enough
# for any verdict; a 5 MB caption line costs no more than a page.
DETECT_SAMPLE = 100_000


def count(rx: re.Pattern, text: str) -> int:
    """How many times ``rx`` matches in ``text``, without building a list."""
    return rx.subn("", text)[1]


LATIN_WORD_RE = re.compile("[" + LATIN_LETTERS + "]+")


@functools.lru_cache(maxsize=4096)
def _ranked_languages(sample: str) -> tuple:
    """langdetect's ranked guesses for ``sample`` (() when it has nothing to
    judge by).  Remembered: a line repeated across documents (a site's
    furniture, a duplicated file) is judged once per process; at most 4,096
    samples of at most 2,000 characters are kept."""
    from langdetect.lang_detect_exception import LangDetectException

    from .langguess import detect_langs

    try:
        return tuple(detect_langs(sample))
    except LangDetectException:
        return ()


def _langdetect(text: str) -> Optional[str]:
    """langdetect's verdict on a bounded sample of ``text`` (see
    :func:`langdetect_sample`), seeded so the same text always gets the same
    answer (:mod:`rumorlens.langguess`: langdetect's method, run with numpy).
    Returns None when its best guess is not trustworthy."""
    ranked = _ranked_languages(langdetect_sample(text))
    if not ranked:
        return None
    # Short French and English passages get confused with Catalan, Italian,
    # Dutch...: a handled language that is a fair contender wins, and another
    # language must be a clear winner on enough text.
    for cand in ranked:
        if cand.lang in LATIN_SCRIPT and cand.prob >= 0.2:
            return cand.lang
    top = ranked[0]
    if top.prob >= 0.9 and count(LATIN_RE, text) >= 60:
        return top.lang.split("-")[0]
    return None


# langdetect reads at most this many characters of a text.  Its cost grows
# with the text (n-gram extraction, about 14 us a character, was 140 ms for
# one 10,000-character paragraph) while its verdict on a paragraph in one
# language is settled long before: 2,000 characters are some 300 words.
LANGDETECT_SAMPLE = 2000
_CUT_HEAD_RE = re.compile(r"^\S+(?=\s+\S)")
_CUT_TAIL_RE = re.compile(r"(?<=\S)\s+\S+$")


def langdetect_sample(text: str, size: int = LANGDETECT_SAMPLE) -> str:
    """``text`` when it has at most ``size`` characters; else four pieces of
    ``size / 4`` characters spread evenly over it (start, end and between),
    cut at white space and joined by a space, so that a paragraph that
    changes language part way is sampled on both sides."""
    if len(text) <= size:
        return text
    piece, k = size // 4, 4
    step = (len(text) - piece) / (k - 1)
    parts = []
    for i in range(k):
        start = int(i * step)
        chunk = text[start:start + piece]
        # drop the words cut in two at either end (when the piece has others)
        if start > 0 and not text[start - 1].isspace():
            chunk = _CUT_HEAD_RE.sub("", chunk, count=1)
        if start + piece < len(text) and not text[start + piece].isspace():
            chunk = _CUT_TAIL_RE.sub("", chunk, count=1)
        parts.append(chunk)
    return " ".join(parts)


def detect_language(text: str, *, in_context: bool = False) -> str:
    """Language of a piece of text: "zh", "fr", "en", another ISO code, or
    "und" (no letters to judge by).  A script check comes first so that short
    Chinese lines, often full of Latin names (GPT-5, OpenAI), read as Chinese.
    Web addresses are ignored: they are Latin letters in every language.

    ``in_context``: the text is a line of a document, whose neighbours will
    decide a short Latin-script line ("und-latn" is returned for it then);
    standalone text (a sentence pair to check) gets langdetect's best guess
    among French and English even when short."""
    text = URL_RE.sub(" ", text[:DETECT_SAMPLE])
    cjk = count(HAN_RE, text)
    kana = count(KANA_RE, text)
    hangul = count(HANGUL_RE, text)
    latin = count(LATIN_RE, text)
    if kana and kana >= cjk * 0.1:
        return "ja"
    if hangul and hangul >= cjk and hangul * 3 >= latin:
        return "ko"
    # A Han character carries about as much as a Latin word.
    if cjk and cjk * 2 >= count(LATIN_WORD_RE, text):
        return "zh"
    others = [(count(rx, text), code) for code, rx in LETTER_SCRIPTS]
    n_other, code = max(others)
    if n_other > latin:
        return code
    if latin == 0:
        return "zh" if cjk else "und"
    if latin >= RELIABLE_LETTERS:  # enough text for langdetect to be right
        found = _langdetect(text)
        if found:
            return found
    # Short Latin-script text: only clear function-word evidence decides;
    # otherwise the line takes its neighbours' language (tag_paragraphs).
    by_words = _fr_or_en_by_function_words(text)
    if by_words or in_context:
        return by_words or "und-latn"
    return _langdetect(text) or "und-latn"


# Below this many Latin letters langdetect's guesses are unreliable (short
# German lines read as English, short English titles as French).
RELIABLE_LETTERS = 60
FR_WORDS = frozenset("le la les des du de et est une un pour dans que qui sur avec pas ne au aux ce cette il elle sont été".split())
EN_WORDS = frozenset("the of and to is in for with that on are by from as was were be it this has have not".split())


def _fr_or_en_by_function_words(text: str) -> Optional[str]:
    """French or English by their commonest words, when they clearly say so.
    langdetect misreads short English titles as French and vice versa."""
    words = [w.lower() for w in LATIN_WORD_RE.findall(text)]
    fr = sum(w in FR_WORDS for w in words)
    en = sum(w in EN_WORDS for w in words)
    if (fr + en) < 0.25 * len(words):
        return None  # too few to tell it from another language ("des", "in" are German too)
    if fr >= 3 and fr >= 3 * en:
        return "fr"
    if en >= 3 and en >= 3 * fr:
        return "en"
    return None


def tag_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs (blocks between blank lines, split again where the script
    changes from line to line, as with a Chinese caption inside French text)
    with the language of each."""
    blocks: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n[ \t\u3000]*[^\s][^\n]*)*", text):
        if m.group().strip():
            blocks.append((m.start(), m.end()))
    paragraphs: list[Paragraph] = []
    memo: dict[str, str] = {}  # a one-line paragraph is judged once, not twice

    def detect(chunk: str) -> str:
        if chunk not in memo:
            memo[chunk] = detect_language(chunk, in_context=True)
        return memo[chunk]

    for start, end in blocks:
        lines = []
        pos = start
        for line in text[start:end].split("\n"):
            for a, b in _script_runs(line):
                piece = line[a:b]
                lines.append((pos + a, pos + b, detect(piece) if piece.strip() else "und"))
            pos += len(line) + 1
        # group consecutive lines whose script agrees (zh vs Latin-script)
        run_start, run_end, run_is_zh = lines[0][0], lines[0][1], lines[0][2] == "zh"
        for ls, le, lg in lines[1:]:
            if (lg == "zh") == run_is_zh or lg == "und":
                run_end = le
            else:
                paragraphs.append(_paragraph(text, run_start, run_end, detect))
                run_start, run_end, run_is_zh = ls, le, lg == "zh"
        paragraphs.append(_paragraph(text, run_start, run_end, detect))
    _resolve_short_latin(text, paragraphs)
    return paragraphs


def _script_runs(line: str) -> list[tuple[int, int]]:
    """Spans of ``line`` cut where a sentence of one script ends and one of
    the other begins: an English or French sentence of at least
    ``mixed_line.min_latin_words`` words ending in . ! ? before Chinese, or
    a Chinese sentence of at least ``mixed_line.min_han`` characters ending
    in 。！？ before a Latin sentence of that many words and no Han
    character (models/thresholds/ingest.json).  A
    bilingual line ('The prefect said … neighbourhoods. 罗讷省省长表示…') was
    one Chinese paragraph, its English read by the Chinese name recogniser
    (a fresh user's trial of session 61); a short Latin name or figure
    inside Chinese ('GPT-4o. 这是') is no sentence of its own."""
    rule = han_limits()["mixed_line"]  # models/thresholds/ingest.json, read once
    cuts = [0]
    for m in _SCRIPT_CHANGE.finditer(line):
        before = line[cuts[-1]:m.start()]
        if m.group("latin_end") is not None:
            ok = len(LATIN_WORD_RE.findall(before)) >= rule["min_latin_words"] and not HAN_RE.search(before)
        else:  # and the Latin sentence after it holds no Han: 。Sam Altman 在发文中指出 is Chinese
            after = _NEXT_SENTENCE.match(line, m.end()).group()
            ok = len(HAN_RE.findall(before)) >= rule["min_han"] and not HAN_RE.search(after) \
                and len(LATIN_WORD_RE.findall(after)) >= rule["min_latin_words"]
        if ok:
            cuts.append(m.end())
    cuts.append(len(line))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


# text up to the next sentence end of either script, that end included
_NEXT_SENTENCE = re.compile(r"[^.!?。！？]*[.!?。！？]?")
# a sentence end of one script, blanks, then the other script's first letter
_SCRIPT_CHANGE = re.compile(r"(?:(?P<latin_end>[.!?])[ \t]+(?=" + HAN_RE.pattern + r")"
                            r"|(?P<han_end>[。！？])[ \t]*(?=[A-Za-zÀ-ÖØ-öø-ÿ]))")


def _paragraph(text: str, start: int, end: int, detect: Optional[Callable[[str], str]] = None) -> Paragraph:
    # trim surrounding white space so offsets point at the words
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    start, end = start + lead, end - trail
    chunk = text[start:end]
    return Paragraph(start=start, end=end, lang=detect(chunk) if detect else detect_language(chunk, in_context=True))


def _resolve_short_latin(text: str, paragraphs: list[Paragraph]) -> None:
    """Short Latin-script paragraphs ("Peut être généré par GPT-5") take the
    language of the nearest decided Latin-script paragraph; when there is
    none, all the short ones are judged together."""
    short = [i for i, p in enumerate(paragraphs) if p.lang == "und-latn"]
    if not short:
        return
    decided = [i for i, p in enumerate(paragraphs) if p.lang not in ("zh", "und", "und-latn")]
    pooled = None
    if not decided:
        joined = " ".join(text[paragraphs[i].start:paragraphs[i].end] for i in short)
        pooled = _langdetect(joined) if count(LATIN_RE, joined) >= 8 else None
    for i in short:
        if decided:
            nearest = min(decided, key=lambda j: (abs(j - i), j))
            paragraphs[i].lang = paragraphs[nearest].lang
        else:
            paragraphs[i].lang = pooled or "und"


def main_language(text: str, paragraphs: list[Paragraph]) -> tuple[str, list[str]]:
    """The document's main language by amount of text, and every language seen
    (main first).  Han characters count three times: about a word each."""
    mass: dict[str, int] = {}
    for p in paragraphs:
        if p.lang in ("und", "und-latn"):
            continue
        chunk = text[p.start:p.end]
        weight = count(HAN_RE, chunk) * 3 + count(LATIN_RE, chunk) if p.lang == "zh" else len(chunk)
        mass[p.lang] = mass.get(p.lang, 0) + weight
    if not mass:
        return "und", []
    ranked = sorted(mass, key=lambda k: (-mass[k], k))
    total = sum(mass.values())
    # A language counts for the document when it is more than a stray word.
    languages = [k for k in ranked if k == ranked[0] or mass[k] >= max(10, 0.005 * total)]
    return ranked[0], languages


def load_presegmented(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A pre-split file (one sentence per line) read as is: no format
    extraction, no header parsing, any language (benchmarks use German).
    Pair with :func:`rumorlens.segment.presegmented_sentences`."""
    path = Path(path)
    text, encoding = decode_bytes(read_bounded(path, max_bytes))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(_paragraph(text, pos, pos + len(line)))
        pos += len(line) + 1
    _resolve_short_latin(text, paragraphs)
    lang, languages = main_language(text, paragraphs)
    return Document(
        id=document_id(path.name), path=display_path(path.name)[0], lang=lang, languages=languages, text=text,
        format="txt", encoding=encoding, paragraphs=paragraphs,
    )
