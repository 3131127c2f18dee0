"""Mentions stage: numbers, quantities, dates and entities in Chinese, French
and English, normalized so they compare across languages.

Public API:
    extract_text(text, lang, *, doc_id="", ref_date=None) -> list[Mention]
    extract_document(doc) -> list[Mention]
    extract_documents(docs) -> list[list[Mention]] (many documents, NER in shared batches)
    crossling.compare_numbers / crossling.compare_dates
    entities.entity_key / entities.match_entities
    names: name folding, pinyin, spelling and sound, and whether a name is
    carried by another version (names.name_support / names.has_counterpart)
"""
from __future__ import annotations

import bisect
import itertools
import re
from typing import Optional

from ..hanzi import to_simplified
from ..ingest import ESCAPE_SEQUENCE_RE, blank_escape_sequences
from ..langs import HANDLED, REFERENCE_MARKER_RE, URL_IN_TEXT_RE
from ..records import Document, Mention
from . import lexicon
from .dates import extract_dates
from .entities import extract_entities, ner_spans_many
from .numbers import extract_numbers

__all__ = ["extract_text", "extract_document", "extract_documents", "LANGS"]

LANGS = HANDLED
_KIND_ORDER = {"date": 0, "number": 1, "entity": 2}


class _Spans:
    """Mentions (or spans) sorted by start, for overlap and containment
    questions in O(log n) each: the scans over every other mention were
    quadratic, and a 5 MB one-paragraph article never left the mentions
    stage (a fresh user's break test, session 48)."""

    def __init__(self, items) -> None:
        self.items = sorted(items, key=lambda x: (x[0], x[1]))
        self.starts = [x[0] for x in self.items]
        self.max_end = list(itertools.accumulate((x[1] for x in self.items), max))

    @classmethod
    def of(cls, mentions: list[Mention]) -> "_Spans":
        return cls((m.start, m.end, k, m) for k, m in enumerate(mentions))

    def overlaps(self, start: int, end: int) -> bool:
        """Does a span overlap ``[start, end)``?"""
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Does a span start before ``start`` and end at ``end`` or later?"""
        k = bisect.bisect_left(self.starts, start)
        return k > 0 and self.max_end[k - 1] >= end

    def inside(self, start: int, end: int) -> list:
        """The items within ``[start, end]``."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        return [x for x in self.items[lo:hi] if x[1] <= end]


def _overlaps(m: Mention, spans: _Spans) -> bool:
    return spans.overlaps(m.start, m.end)


def _in_unit(e: Mention, with_unit: _Spans) -> bool:
    """An entity inside a number mention with a unit, after its digits
    (``with_unit``: those numbers)."""
    return with_unit.covers(e.start, e.end)


def _numbers_only(e: Mention, text: str, numbers: _Spans) -> bool:
    """Is entity ``e`` nothing but number mentions (and the dashes, spaces
    and punctuation between them)?"""
    inside = [x[3] for x in numbers.inside(e.start, e.end)]
    if not inside:
        return False
    rest = list(text[e.start:e.end])
    for m in inside:
        rest[m.start - e.start:m.end - e.start] = [" "] * (m.end - m.start)
    return not any(c.isalnum() for c in rest)


def _years_from_numbers(numbers: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """A bare four-digit year with no unit or scale (mentions.numbers types
    it; dates.json year_digits) is a date: 'in 2018', 'en 2015'."""
    keep, years = [], []
    for m in numbers:
        if m.type == "year":
            years.append(Mention(doc_id=m.doc_id, start=m.start, end=m.end, text=m.text, lang=m.lang, kind="date",
                                 type="absolute", value=f"{int(m.value):04d}", granularity="year",
                                 attrs={"number_type": "year"}))
        else:
            keep.append(m)
    return keep, years


def reading_text(text: str, lang: str) -> tuple[str, Optional[list[int]]]:
    """What the number and date readers read of ``text``, and where each of
    its characters stands in ``text`` (None: the same place).  Terminal
    escape sequences are cut out (ingest.ESCAPE_SEQUENCE_RE: a colour
    code's "31" is no number, and "\x1b[1m400\x1b[0m million" is 400
    million) and, in Chinese, traditional characters are read in their
    simplified form (OpenCC t2s, rumorlens.hanzi): the cue lexicons are
    written in simplified characters, and 超過 3000 is "more than 3000" as
    超过 is."""
    where = None
    if ESCAPE_SEQUENCE_RE.search(text):
        where, kept, pos = [], [], 0
        for m in ESCAPE_SEQUENCE_RE.finditer(text):
            kept.append(text[pos:m.start()])
            where.extend(range(pos, m.start()))
            pos = m.end()
        kept.append(text[pos:])
        where.extend(range(pos, len(text) + 1))  # and one past the end
        text = "".join(kept)
    if lang == "zh":
        simplified = to_simplified(text)
        if len(simplified) == len(text):  # t2s keeps lengths; offsets must hold if a phrase ever did not
            text = simplified
        text = _zeros_read(text)
    return _halves_unhyphenated(text, lang), where


def _halves_unhyphenated(text: str, lang: str) -> str:
    """``text`` with the hyphens of a half written as one word read as spaces
    ('one-and-a-half million', 'two-and-a-half years': numbers.json
    half_after, hyphenated); the same length."""
    low = text.casefold()
    for phrase in lexicon.load("numbers").get("half_after", {}).get(lang, ()):
        hyphenated = "-" + phrase.replace(" ", "-")
        if hyphenated.casefold() in low:
            pattern = r"(?<=\w)" + re.escape(hyphenated) + r"(?![\w-])"
            text = re.sub(pattern, lambda m: m.group().replace("-", " "), text, flags=re.I)
    return text


def _zeros_read(text: str) -> str:
    """Chinese ``text`` with the characters written for the zero 〇 next to
    a Chinese numeral read as 〇 (numbers.json ``zero_lookalikes``: 二○一七年,
    二O一二年); the same length."""
    look = lexicon.load("numbers").get("zero_lookalikes", {})
    anywhere, between = "".join(look.get("anywhere", ())), "".join(look.get("between", ()))
    if not any(c in text for c in anywhere + between):
        return text
    digits = "〇零一二三四五六七八九"
    out = list(text)
    # a run of numerals and look-alikes: every look-alike in it is a zero when the run holds a numeral
    for m in re.finditer(f"[{re.escape(digits + anywhere + between)}]{{2,}}", text):
        run = m.group()
        if not any(c in digits for c in run):
            continue
        for k, c in enumerate(run, m.start()):
            inside = 0 < k - m.start() < len(run) - 1
            if c in anywhere or (c in between and inside):
                out[k] = "〇"
    return "".join(out)


def _placed(ms: list[Mention], where: Optional[list[int]]) -> list[Mention]:
    """Mentions found in a reading text, with offsets into the text it was
    read from (see :func:`reading_text`)."""
    if where is not None:
        for m in ms:
            m.start, m.end = where[m.start], where[m.end - 1] + 1 if m.end > m.start else where[m.start]
    return ms


def extract_text(text: str, lang: str, *, doc_id: str = "", ref_date: Optional[str] = None,
                 entities: bool = True, case_context: Optional[str] = None,
                 ner: Optional[list] = None) -> list[Mention]:
    """Every number, date and entity mention of ``text`` in language ``lang``.

    Numbers and dates are read in :func:`reading_text`, names in ``text``
    with escape sequences blanked; each mention's ``text`` is ``text``'s own.
    Offsets are into ``text``; the list is sorted by (start, end, kind) and
    the same input always gives the same output.  ``ref_date`` (ISO) anchors
    relative and partial dates.  ``entities=False`` skips the NER models.
    ``case_context``: the whole document ``text`` belongs to (how it writes a
    word elsewhere tells a capitalized common word from a name).
    ``ner``: the NER spans of ``text`` when already found
    (entities.ner_spans_many, which reads many texts in one batch).
    """
    if lang not in LANGS:
        return []
    original, text = text, blank_escape_sequences(text)
    # nothing inside a web address is a mention (ids, dates in paths, 3-5 in slugs)
    unread = [m.span() for m in URL_IN_TEXT_RE.finditer(text)]
    read, where = reading_text(original, lang)
    numbers = extract_numbers(read, lang, doc_id=doc_id)
    dates = _placed(extract_dates(read, lang, doc_id=doc_id, ref_date=ref_date,
                                  durations=[m for m in numbers if m.type == "duration"]), where)
    numbers = _placed(numbers, where)
    date_spans = _Spans((d.start, d.end) for d in dates)
    numbers = [m for m in numbers if not _overlaps(m, date_spans)]
    numbers, years = _years_from_numbers(numbers)
    dates = sorted(dates + years, key=lambda m: (m.start, m.end))
    out = dates + numbers
    if entities:
        ents = extract_entities(text, lang, doc_id=doc_id, case_context=case_context, ner=ner)
        # a name made of numbers only is the recognizer's mistake (« Xe–XIe » siècle), and
        # so is a name inside a number's unit (the Fahrenheit of '104 degrés Fahrenheit')
        indexed, with_unit = _Spans.of(numbers), _Spans.of([n for n in numbers if n.unit])
        ents = [e for e in ents if not _numbers_only(e, text, indexed) and not _in_unit(e, with_unit)]
        ent_spans = _Spans((e.start, e.end) for e in ents)
        # a number inside a name (Claude 3.5, o1) is part of the name
        out = [m for m in out if not (m.kind == "number" and _overlaps(m, ent_spans))]
        all_date_spans = _Spans((m.start, m.end) for m in dates)  # years included now
        out += [e for e in ents if not _overlaps(e, all_date_spans)]
    # nor is a reference marker a figure (langs.REFERENCE_MARKER_RE)
    unread += [m.span() for m in REFERENCE_MARKER_RE.finditer(text)]
    if unread:
        unread_spans = _Spans(unread)
        out = [m for m in out if not _overlaps(m, unread_spans)]
    if read != original:
        for m in out:  # quoted as the page writes it (超過, not 超过; a colour code inside stays)
            m.text = original[m.start:m.end]
    out.sort(key=lambda m: (m.start, m.end, _KIND_ORDER[m.kind], m.type))
    return out


def _ner_by_paragraph(chunks: list[str], langs: list[str]) -> list[Optional[list]]:
    """NER spans of every paragraph, the paragraphs of one language read in
    one batch (None for a language without a NER model)."""
    out: list[Optional[list]] = [None] * len(chunks)
    for lang in sorted(set(langs) & set(LANGS)):
        ks = [k for k, l in enumerate(langs) if l == lang]
        for k, spans in zip(ks, ner_spans_many([chunks[k] for k in ks], lang)):
            out[k] = spans
    return out


def _paragraphs(doc: Document) -> tuple[list, list[str], list[str]]:
    """(paragraphs, the language each is read in, their texts) of ``doc``."""
    paragraphs = doc.paragraphs or []
    if not paragraphs:
        from ..records import Paragraph

        paragraphs = [Paragraph(0, len(doc.text), doc.lang)]
    langs = [p.lang if p.lang in LANGS else doc.lang for p in paragraphs]
    return paragraphs, langs, [doc.text[p.start:p.end] for p in paragraphs]


def extract_document(doc: Document, *, entities: bool = True) -> list[Mention]:
    """Mentions of a document, paragraph by paragraph in each paragraph's
    language; the publication date ``doc.date`` anchors relative dates.
    Offsets are into ``doc.text``."""
    return extract_documents([doc], entities=entities)[0]


def extract_documents(docs: list[Document], *, entities: bool = True) -> list[list[Mention]]:
    """:func:`extract_document` of each of ``docs``, the NER models reading
    the paragraphs of all of them in shared batches (one ``nlp.pipe`` call
    for many small documents; the entities found in a paragraph do not
    depend on the batch it is read in)."""
    parts = [_paragraphs(d) for d in docs]
    langs = [lang for _, doc_langs, _ in parts for lang in doc_langs]
    chunks = [chunk for _, _, doc_chunks in parts for chunk in doc_chunks]
    ner = iter(_ner_by_paragraph([blank_escape_sequences(c) for c in chunks], langs) if entities
               else [None] * len(chunks))
    found = []
    for doc, (paragraphs, doc_langs, doc_chunks) in zip(docs, parts):
        out: list[Mention] = []
        for p, lang, chunk in zip(paragraphs, doc_langs, doc_chunks):
            for m in extract_text(chunk, lang, doc_id=doc.id, ref_date=doc.date, entities=entities,
                                  case_context=doc.text, ner=next(ner)):
                m.start += p.start
                m.end += p.start
                out.append(m)
        out.sort(key=lambda m: (m.start, m.end, _KIND_ORDER[m.kind], m.type))
        found.append(out)
    return found
