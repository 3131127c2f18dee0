"""Ingest: turn a folder of articles into Documents.

Walks a corpus folder, decodes each file (any common encoding), extracts the
text of txt, md and html files, reads metadata (front matter, a header block,
a date line near the top) and tags every paragraph with its language.

Bad input never stops the run: each file that cannot be used becomes a
:class:`~rumorlens.records.Skipped` record with a reason a person understands.
"""
from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterator, Optional

from .errors import UserError
from . import langs
from .langs import HAN_RE, HANDLED, LATIN_LETTERS, LATIN_RE, LATIN_SCRIPT, URL_RE
from .records import Document, Paragraph, Skipped
from .han_bytes import decode_short_han
from .html_layout import unwrap_layout_tables, with_main_heading

log = logging.getLogger(__name__)

SUPPORTED_LANGS = HANDLED
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
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


def iter_corpus_files(root: Path) -> Iterator[tuple[Path, Optional[str]]]:
    """Yield (path, problem) for every file under ``root``, sorted, following
    symlinked folders once (a symlink loop is reported, not followed forever).
    ``problem`` is None for a file worth trying."""
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[tuple[Path, Optional[str]]]:
        try:
            st = folder.stat()
        except OSError as exc:
            yield folder, f"cannot read folder: {exc.strerror or exc}"
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            yield folder, "symlink loop: folder already visited"
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield folder, f"cannot list folder: {exc.strerror or exc}"
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, editor swap files)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                yield path, f"cannot stat: {exc.strerror or exc}"
                continue
            if is_dir:
                yield from walk(path)
            elif is_file:
                yield path, None
            elif entry.is_symlink():
                yield path, "broken symlink (or symlink loop)"
            else:
                yield path, "not a regular file"

    yield from walk(root)


def ingest_corpus(root: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Document], list[Skipped]]:
    """Read every usable file under ``root``.

    Raises :class:`UserError` when ``root`` is missing or holds nothing usable.
    """
    root = Path(root)
    if not root.exists():
        raise UserError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise UserError(f"not a folder: {root} (give the folder that holds the articles)")
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for path, problem in iter_corpus_files(root):
        rel = relative_path(path, root)
        if problem is None:
            try:
                docs.append(load_file(path, root=root, max_bytes=max_bytes))
                continue
            except SkipFile as exc:
                problem = str(exc)
        log.info("skipped %s: %s", rel, problem)
        skipped.append(Skipped(path=rel, reason=problem))
    if not docs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
        raise UserError(f"nothing usable in {root}" + (f" ({reasons})" if reasons else " (the folder is empty)"))
    return docs, skipped


def relative_path(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


def document_id(rel_path: str) -> str:
    """A stable, readable id: the relative path with separators made safe."""
    return re.sub(r"[^\w.\-]+", "-", rel_path).strip("-") or "doc"


# --------------------------------------------------------------------------
# one file


def load_file(path: Path | str, *, root: Path | str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a Document, or raise :class:`SkipFile` with the reason."""
    path = Path(path)
    rel = relative_path(path, Path(root)) if root is not None else path.name
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if path.name.lower() in CORPUS_NOTES:
        raise SkipFile("corpus notes file (describes the corpus; not an article)")
    if fmt is None:
        suffix = path.suffix or "(none)"
        raise SkipFile(f"unsupported extension {suffix} (rumorlens reads .txt, .md, .html)")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise SkipFile(f"too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.0f} MB; an article is far smaller)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None

    raw_text, encoding = decode_bytes(data)
    raw_text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html":
        text, meta = extract_html(raw_text)
    elif fmt == "md":
        text, meta = split_front_matter(raw_text)
    else:
        text, meta = split_header_block(raw_text)
    if not text.strip():
        raise SkipFile("no text after extraction" if fmt == "html" else "empty file")
    if "date" not in meta:
        found = find_date_line(text)
        if found:
            meta["date"] = found
    paragraphs = tag_paragraphs(text)
    lang, languages = main_language(text, paragraphs)
    if lang == "und":
        raise SkipFile(f"no text in a language rumorlens handles ({', '.join(SUPPORTED_LANGS)}): script not recognized")
    if lang not in SUPPORTED_LANGS:
        raise SkipFile(f"language not handled: {lang} (rumorlens handles {', '.join(SUPPORTED_LANGS)})")
    title = meta.pop("title", None) or guess_title(text)
    date = normalize_date(meta.pop("date", None))
    source = meta.pop("source", None)
    return Document(
        id=document_id(rel),
        path=rel,
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
    )


# --------------------------------------------------------------------------
# decoding

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name). Raises SkipFile."""
    if not data.strip():
        raise SkipFile("empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise SkipFile(f"undecodable: has a {enc.upper()} byte-order mark but is not valid {enc.upper()} ({exc.reason} at byte {exc.start + len(bom)})") from None
            if _looks_binary_text(text):
                raise SkipFile(f"binary content behind a {enc.upper()} byte-order mark")
            return text, enc
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise SkipFile(f"binary file ({what}), not text")
    if b"\x00" in data[:65536]:
        raise SkipFile("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    short = decode_short_han(data)  # a dozen bytes of GBK or Big5: too few for the detector
    if short is not None:
        return short
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise SkipFile("undecodable: no text encoding fits (binary or corrupted file)")
    best = _prefer_handled_encoding(matches)
    enc = best.encoding
    # GB2312 and GBK are subsets of GB18030: decode with the superset so that
    # rarer characters in a file detected as GBK do not fail.
    if enc in ("gb2312", "gbk", "hz"):
        enc = "gb18030"
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    if _looks_binary_text(text):
        raise SkipFile("binary file (control characters), not text")
    return text, enc


# Encodings of the languages rumorlens reads, in order of preference.  Short
# Western texts decode equally cleanly in cp1250, cp1252 and cp1257, and
# charset-normalizer then picks by an order of its own; among candidates it
# rates (nearly) as clean as its best, we take the one our users write in.
PREFERRED_ENCODINGS = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp1252", "iso8859_15", "latin_1")
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
HEADER_KEYS = {
    "source": "source", "url": "source", "link": "source",
    "site": "site", "date": "date", "published": "date", "title": "title",
    "author": "author", "by": "author", "note": "note", "language": "language",
}
HEADER_LINE_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,20}):[ \t]+(?P<value>\S.*)$")


def split_front_matter(text: str) -> tuple[str, dict]:
    """YAML front matter (``---`` block at the top) becomes metadata; the body
    follows.  ``metadata['source_offset']`` is where the body starts in the file,
    so offsets into the text map back to the file."""
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return text, {}
    meta: dict = {}
    try:
        import yaml

        loaded = yaml.safe_load(m.group(1))
        if isinstance(loaded, dict):
            meta = {str(k).lower(): v for k, v in loaded.items()}
    except Exception as exc:  # malformed front matter: keep going with the body
        log.info("front matter not parsed: %s", exc)
    meta = {k: _plain(v) for k, v in meta.items() if v not in (None, "", [])}
    if "published" in meta and "date" not in meta:
        meta["date"] = meta.pop("published")
    if "url" in meta and "source" not in meta:
        meta["source"] = meta.pop("url")
    meta["source_offset"] = m.end()
    return text[m.end():], meta


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
        key = HEADER_KEYS.get(m.group("key").strip().lower()) if m else None
        if key is None:
            return text, {}
        meta[key] = m.group("value").strip()
        offset += len(line) + 1
    return text, {}


def extract_html(html: str) -> tuple[str, dict]:
    """Main text of an HTML page with trafilatura; tolerant of broken markup.
    Falls back to all visible text when trafilatura finds no main content."""
    import trafilatura

    meta: dict = {}
    text = None
    html = unwrap_layout_tables(html)  # navigation in one cell, the article in the next
    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True, favor_recall=True, with_metadata=True)
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
    if not text or not text.strip():
        text = _visible_text(html)
    else:
        text = with_main_heading(html, text)
    if not meta.get("title"):
        m = re.search(r"<title[^>]*>(.*?)</title", html, re.S | re.I)
        if m and m.group(1).strip():
            meta["title"] = re.sub(r"\s+", " ", _unescape(m.group(1))).strip()
    return text, meta


def _unescape(s: str) -> str:
    import html as htmllib

    return htmllib.unescape(s)


def _visible_text(html: str) -> str:
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = tree.text_content()
    except Exception:
        text = _unescape(re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", html)))
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


DATE_LINE_RES = (
    re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
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
    m = re.match(r"^((?:19|20)\d\d)(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?", s)
    if m:
        parts = [f"{int(m.group(1)):04d}"]
        if m.group(2):
            parts.append(f"{int(m.group(2)):02d}")
            if m.group(3):
                parts.append(f"{int(m.group(3)):02d}")
        return "-".join(parts)
    for rx in DATE_LINE_RES:
        m = rx.search(s)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    return s or None


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


LATIN_WORD_RE = re.compile("[" + LATIN_LETTERS + "]+")


def _langdetect(text: str) -> Optional[str]:
    """langdetect, seeded so the same text always gets the same answer.
    Returns None when its best guess is not trustworthy."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return None
    if not ranked:
        return None
    # Short French and English passages get confused with Catalan, Italian,
    # Dutch...: a handled language that is a fair contender wins, and another
    # language must be a clear winner on enough text.
    for cand in ranked:
        if cand.lang in LATIN_SCRIPT and cand.prob >= 0.2:
            return cand.lang
    top = ranked[0]
    if top.prob >= 0.9 and len(LATIN_RE.findall(text)) >= 60:
        return top.lang.split("-")[0]
    return None


def detect_language(text: str, *, in_context: bool = False) -> str:
    """Language of a piece of text: "zh", "fr", "en", another ISO code, or
    "und" (no letters to judge by).  A script check comes first so that short
    Chinese lines, often full of Latin names (GPT-5, OpenAI), read as Chinese.
    Web addresses are ignored: they are Latin letters in every language.

    ``in_context``: the text is a line of a document, whose neighbours will
    decide a short Latin-script line ("und-latn" is returned for it then);
    standalone text (a sentence pair to check) gets langdetect's best guess
    among French and English even when short."""
    text = URL_RE.sub(" ", text)
    cjk = len(HAN_RE.findall(text))
    kana = len(KANA_RE.findall(text))
    hangul = len(HANGUL_RE.findall(text))
    latin = len(LATIN_RE.findall(text))
    if kana and kana >= cjk * 0.1:
        return "ja"
    if hangul and hangul >= cjk and hangul * 3 >= latin:
        return "ko"
    # A Han character carries about as much as a Latin word.
    if cjk and cjk * 2 >= len(LATIN_WORD_RE.findall(text)):
        return "zh"
    others = [(len(rx.findall(text)), code) for code, rx in LETTER_SCRIPTS]
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
    for start, end in blocks:
        lines = []
        pos = start
        for line in text[start:end].split("\n"):
            lines.append((pos, pos + len(line), detect_language(line, in_context=True) if line.strip() else "und"))
            pos += len(line) + 1
        # group consecutive lines whose script agrees (zh vs Latin-script)
        run_start, run_end, run_is_zh = lines[0][0], lines[0][1], lines[0][2] == "zh"
        for ls, le, lg in lines[1:]:
            if (lg == "zh") == run_is_zh or lg == "und":
                run_end = le
            else:
                paragraphs.append(_paragraph(text, run_start, run_end))
                run_start, run_end, run_is_zh = ls, le, lg == "zh"
        paragraphs.append(_paragraph(text, run_start, run_end))
    _resolve_short_latin(text, paragraphs)
    return paragraphs


def _paragraph(text: str, start: int, end: int) -> Paragraph:
    # trim surrounding white space so offsets point at the words
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    start, end = start + lead, end - trail
    return Paragraph(start=start, end=end, lang=detect_language(text[start:end], in_context=True))


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
        pooled = _langdetect(joined) if len(LATIN_RE.findall(joined)) >= 8 else None
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
        weight = len(HAN_RE.findall(chunk)) * 3 + len(LATIN_RE.findall(chunk)) if p.lang == "zh" else len(chunk)
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
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode_bytes(data)
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
        id=document_id(path.name), path=path.name, lang=lang, languages=languages, text=text,
        format="txt", encoding=encoding, paragraphs=paragraphs,
    )
