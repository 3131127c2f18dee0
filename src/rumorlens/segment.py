"""Segment: split Documents into Sentences with exact code-point offsets.

Every non-space character of a document's text lies in exactly one sentence,
and ``sentence.text == document.text[start:end]``.

- Line breaks always end a unit: web articles put one paragraph per line, and
  video transcripts (seed 000) one clause per line with no punctuation.
- Chinese also splits after 。！？； (and their ASCII forms), keeping closing
  quotes and brackets with the sentence; never inside a quote or a 《title》
  closed on the line, nor between a quote and its speaker (“对。”他说。).
- French and English split after . ! ? … when a new sentence visibly starts
  (white space, then a capital, digit, quote, bullet or Han character), but
  not inside numbers (1,76 / 3.5), after abbreviations (M., etc., U.S.; in
  English unless sentencex ends the sentence there: the U.S.A. My name) or
  initials, nor at an ellipsis followed by lower case, nor between the
  parts of a date written with dots and spaces (06. 05. 2024).- A unit longer than :data:`MAX_UNIT_CHARS` (a caption line with no
  punctuation, a page of text with no full stop) is cut into pieces of at
  most that length, at white space or a comma where there is one, so that
  embedding and NER never meet megabyte-long "sentences".
- Pre-split input (one sentence per line) is taken as is with
  :func:`presegmented_sentences`.
"""
from __future__ import annotations

import functools
import bisect
import re
from typing import Iterable

from .langs import HAN, HANDLED, REFERENCE_MARKER, URL_LINE
from .records import Document, Paragraph, Sentence

CLOSERS = "”’\"'»)]）】」』》〉"

# a sentence's end takes the closing marks and the reference markers after it
# (« élu en 2017.[3] Il », 当选。［3］他: a copied wiki page's notes; session 63)
ZH_END_RE = re.compile(r"(?:[。！？；!?;]+|…{1,2}|\.{3,})[" + re.escape(CLOSERS) + r"]*"
                       r"(?:" + REFERENCE_MARKER + r")*")
LATIN_END_RE = re.compile(r"(?:[.!?]+|…)[" + re.escape(CLOSERS) + r"]*(?:" + REFERENCE_MARKER + r")*(?=\s)")
LATIN_STARTER_RE = re.compile(
    r"\s+(?=[A-ZÀ-ÖØ-Þ0-9«\"“‘'(\[•¿¡\u2013\u2014\-]|[" + HAN + "])"
)
# Abbreviations after which a period does not end a sentence (lower-cased,
# without the final period).  French and English.
ABBREVIATIONS = frozenset(
    """
    m mm mme mmes mlle mlles dr drs pr prof me mgr st ste sts mr mrs ms messrs jr sr
    etc cf vs env approx av apr resp ex éd ed eds vol vols no nos nº p pp ch chap fig figs
    art al inc ltd co corp dept gen gov sen rep rev hon capt col lt sgt
    jan janv feb fév févr mar apr avr jun juil jul aug sept sep oct nov dec déc
    i.e e.g a.m p.m u.s u.k u.n e.u n.b c.-à-d c.à.d ibid op
    """.split()
)
WORD_BEFORE_RE = re.compile(r"([\w.\-]+)$")
# A sentence end glued to the next sentence, no space between (« de
# Taïwan.Tous les décès », « (CWA).Il s'est produit »): pages copied from
# the web lose the break between paragraphs.  Only after a lower-case word
# (two letters at least) or a closing bracket or quote, and only before a
# capitalized word that goes on in lower case, so that 3.5, U.S.A, ASP.NET,
# e.g.Paris-like initials and web addresses (site.fr/Page) stay whole.
GLUED_END_RE = re.compile(
    r"(?:(?<=[a-zà-öø-ÿ]{2})|(?<=[)\]»”\"]))[.!?](?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+[\s,;:'’])"
)
_DOTTED_DATE_RE = re.compile(r"(?<![\d.])\d{1,2}$")
MARKUP_LINE_RE = re.compile(
    r"^\s*(?:!?\[[^\]]*\]\([^)]*\)\s*)+$"  # image or link only
    r"|" + URL_LINE  # bare address
    + r"|^\s*(?:[-*_]\s*){3,}$"  # horizontal rule
    + r"|^\s*<[^>]+>\s*$"  # a lone HTML tag
)
HEADING_RE = re.compile(r"^\s*#{1,6}\s")
HAS_WORD_RE = re.compile(r"[\w" + HAN + "]")
# Longest unit, in code points.  The sample corpus's longest sentence has 528
# and a long sentence of news prose about 400; a unit beyond this is not a
# sentence but a run-on caption or a page without full stops.  Each piece of
# such a unit ends at the last soft break (white space, comma) in its second
# half, or at the limit when there is none.
MAX_UNIT_CHARS = 2000
WORD_LOOKBACK = 200  # longer than any abbreviation or dotted acronym
SOFT_BREAK_RE = re.compile(r"[\s,;:，、；：]")


def split_spans(text: str, lang: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text[start:end]``, trimmed of white space,
    covering every non-space character."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        spans.extend(_split_line(text, pos, line_end, lang))
        pos = line_end + 1
    return spans


def _split_line(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    line = text[start:end]
    if not line.strip():
        return []
    cuts = _zh_cuts(line) if lang == "zh" else _latin_cuts(line, lang)
    pieces: list[tuple[int, int]] = []
    prev = 0
    for cut in cuts + [len(line)]:
        s, e = _trim(line, prev, cut)
        if s < e:
            pieces.append((s, e))
        prev = cut
    # A piece with no word character ("[...]", "•", "——") joins its neighbour
    # on the same line rather than standing alone as a sentence.
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged and not HAS_WORD_RE.search(line[s:e]):
            merged[-1] = (merged[-1][0], e)
        elif merged and not HAS_WORD_RE.search(line[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(start + ps, start + pe) for s, e in merged for ps, pe in bounded_pieces(line, s, e)]


def bounded_pieces(text: str, start: int, end: int, limit: int = MAX_UNIT_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` as spans of at most ``limit`` code points, trimmed
    of white space, covering every non-space character.  Each cut falls
    after the last soft break (white space, comma, semicolon, colon) in the
    second half of the window; a window without one is cut at the limit."""
    if end - start <= limit:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        if end - pos <= limit:
            cut = end
        else:
            cut = pos + limit
            soft = None
            for m in SOFT_BREAK_RE.finditer(text, pos + limit // 2, pos + limit):
                soft = m.end()
            if soft is not None:
                cut = soft
        s, e = _trim(text, pos, cut)
        if s < e:
            spans.append((s, e))
        pos = cut
    return spans


def _trim(line: str, s: int, e: int) -> tuple[int, int]:
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return s, e


@functools.lru_cache(maxsize=None)
def _segment_data() -> dict:
    from .mentions import lexicon

    return lexicon.load("segment")


def _zh_inside_pairs(line: str) -> list[tuple[int, int]]:
    """Spans (open, close) of the quotes and title marks of ``line`` that
    close on it (segment.json "zh_pairs"), outermost ones; a title's span
    reaches past its closing mark."""
    pairs = _segment_data()["zh_pairs"]
    closers = set(pairs.values())
    stack: list[tuple[int, str]] = []
    spans = []
    for i, c in enumerate(line):
        if c in pairs and not (c in closers and stack and pairs[stack[-1][1]] == c):
            stack.append((i, c))
        elif c in closers and stack and pairs[stack[-1][1]] == c:
            start, opener = stack.pop()
            if not stack:
                # a title (《…》) ending on 。 does not end the sentence around it
                spans.append((start, i + 1 if opener in "《〈" else i))
    return spans


def _within(spans: list[tuple[int, int]], opens: list[int], pos: int) -> bool:
    """Is ``a < pos <= b`` for one of ``spans`` (disjoint, in order: the
    outermost pairs of :func:`_zh_inside_pairs`; ``opens`` their starts)?
    A bisection, so that a line of many quotes stays linear."""
    k = bisect.bisect_left(opens, pos) - 1
    return k >= 0 and pos <= spans[k][1]


def _zh_attribution(line: str, cut: int) -> bool:
    """After a closing quote, a short clause naming the speaker (他说。,
    外交部发言人表示，他告诉记者) belongs to the quote's sentence: a verb of
    saying ends it, or a short object.  One that a colon ends introduces
    the next quote, one whose verb has content after it (市政府表示这是谣言)
    is a sentence of its own, and a speech verb's character inside another
    word (说法, 问题: segment.json zh_speech_not) says nothing."""
    if line[cut - 1:cut] not in "”」』’\"'":
        return False
    data = _segment_data()
    nxt = ZH_END_RE.search(line, cut)
    clause = line[cut:nxt.start() if nxt else len(line)]
    head = re.split(r"[，,：:]", clause, maxsplit=1)
    if len(head) > 1 and clause[len(head[0])] in "：:":
        return False  # 大家齐声回答：“…”: the clause introduces the next quote
    clause = head[0]
    for word in data.get("zh_speech_not", ()):
        clause = clause.replace(word, "\u3000" * len(word))  # 说法, 问题: no verb of saying there
    # the verb of saying ends the clause, or a short object follows it (他告诉记者): a verb with
    # its own content after it (市政府表示这是谣言) opens a new sentence
    return 0 < len(clause) <= data["zh_attribution_max_chars"] and any(
        v in clause and len(clause) - (clause.rindex(v) + len(v)) <= _ATTRIBUTION_TAIL for v in data["zh_speech_verbs"])


_ATTRIBUTION_TAIL = 2  # characters after the verb of saying: 记者, 大家


def _zh_cuts(line: str) -> list[int]:
    """Ends after 。！？； (and an ellipsis), never inside a quote or a 《title》
    that closes on the line, nor between a quote and its speaker
    (“这是对的。”他说。 is one sentence)."""
    cuts = []
    inside = _zh_inside_pairs(line)
    opens = [a for a, _ in inside]
    for m in ZH_END_RE.finditer(line):
        # "3.5" and "GPT-4.5" are numbers, not ends; three dots are an ellipsis
        if m.group().startswith(".") and len(m.group().rstrip(CLOSERS)) < 3:
            continue
        if m.end() >= len(line) or _within(inside, opens, m.end()):
            continue
        if _zh_attribution(line, m.end()):
            continue
        cuts.append(m.end())
    return cuts


def _latin_cuts(line: str, lang: str = "fr") -> list[int]:
    """Ends after . ! ? … when a new sentence visibly starts.  After an
    abbreviation or initials, English asks sentencex (Wikimedia's
    rule-based segmenter, MIT) whether the sentence ends there ("born in
    the U.S.A. My name is": yes; "the U.S. Senate", "Mr. Smith": no);
    French keeps to the abbreviation list (sentencex splits "M. Dupont")."""
    cuts = []
    library_ends: set[int] | None = None
    for m in LATIN_END_RE.finditer(line):
        after = LATIN_STARTER_RE.match(line, m.end())
        if not after:
            continue
        punct = m.group().rstrip(CLOSERS)
        if punct.endswith(".") and not punct.endswith("..") and _is_abbreviation(line, m.start()):
            if lang != "en" or _goes_on(line, m.start(), after.end(), lang):
                continue
            if library_ends is None:
                library_ends = _sentencex_ends(line, lang)
            if m.end() not in library_ends:
                continue
        # the day or month before the period starts at most three characters
        # back (two digits, and a line end ``$`` also matches before); the
        # lookbehind still reads the character before ``pos``: searching from
        # 0 scanned the whole line at each period, quadratic on a long line
        day = _DOTTED_DATE_RE.search(line, max(0, m.start() - 3), m.start())
        if punct == "." and day and line[after.end():after.end() + 1].isdigit():
            continue  # 06. 05. 2024: a day and month written with dots, not three sentences
        cuts.append(m.end())
    cuts.extend(_glued_cuts(line))
    return sorted(set(cuts))


def _glued_cuts(line: str) -> list[int]:
    """Ends of sentences glued to the next one (:data:`GLUED_END_RE`), not
    after an abbreviation (etc.Le) nor inside a dotted word or address."""
    out = []
    for m in GLUED_END_RE.finditer(line):
        w = WORD_BEFORE_RE.search(line, max(0, m.start() - WORD_LOOKBACK), m.start())
        word = w.group(1) if w else ""
        token = line[max(0, m.start() - WORD_LOOKBACK):m.start()].rsplit(None, 1)[-1:] or [""]
        if "." in word or word.lower().strip("-") in ABBREVIATIONS or "/" in token[0] or "@" in token[0]:
            continue
        out.append(m.end())
    return out


def _goes_on(line: str, dot: int, start: int, lang: str) -> bool:
    """Does the word at ``start``, after the abbreviation whose period is at
    ``dot``, carry its sentence on: a figure after an abbreviation of
    measure ('approx. 20 kg', 'approx. -5 degrees'; not after a time: 'at 9
    a.m. 20 people were arrested' starts a sentence), or a day or a month
    name ('at 9 a.m. Tuesday': models/lexicons/dates.json)?  sentencex
    splits both (session 58, a probe of issue 9's kinds)."""
    word = re.match(r"[-+−$€£]?\d|[^\W_]+", line[start:])
    if not word:
        return False
    if word.group()[-1].isdigit():
        before = WORD_BEFORE_RE.search(line, max(0, dot - WORD_LOOKBACK), dot)
        return before is not None and "." not in before.group(1)
    return _day_or_month(word.group(), lang)


def _day_or_month(word: str, lang: str) -> bool:
    from .mentions import lexicon  # as _segment_data: the mentions package imports this module's callers

    dates = lexicon.load("dates")
    names = set(dates["weekdays"].get(lang, {})) | set(dates["months"].get(lang, {}))
    return word.casefold() in {n.casefold() for n in names}


def _sentencex_ends(line: str, lang: str) -> set[int]:
    """Where sentencex ends the sentences of ``line`` (offsets before the
    white space that follows); empty when its pieces do not rebuild the line
    exactly (then no abbreviation ends a sentence, as before)."""
    from sentencex import segment as sx_segment

    pieces = list(sx_segment(lang, line))
    if "".join(pieces) != line:
        return set()
    ends, pos = set(), 0
    for piece in pieces:
        pos += len(piece)
        ends.add(pos - (len(piece) - len(piece.rstrip())))
    return ends


def _is_abbreviation(line: str, dot: int) -> bool:
    """Is the period at ``dot`` the end of an abbreviation or an initial?"""
    # look back a bounded way: a line of a million periods stays linear
    w = WORD_BEFORE_RE.search(line, max(0, dot - WORD_LOOKBACK), dot)
    if not w:
        return False
    word = w.group(1)
    low = word.lower().strip("-")
    if low in ABBREVIATIONS:
        return not _unit_after_number(line, w.start(), word)
    # Initials and dotted acronyms: "J. K. Rowling", "U.S.", "A.I."; a.m., p.m., e.g.
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Z]|(?:[a-z]\.)+[a-z]", word):
        return True
    return False


def _unit_after_number(line: str, start: int, word: str) -> bool:
    """Is ``word`` (at ``start`` in ``line``) a unit symbol written after a
    number ('200 mm.', « 60 m. »)?  A unit takes no period of its own, so
    the period ends the sentence (« MM. » Messieurs and « M. » Monsieur
    are written in capitals, and before a name).  Units: the symbols of
    models/lexicons/units.json ``to_base``."""
    if word != word.lower() or word not in _segment_units():
        return False
    return bool(re.search(r"\d\s?$", line[max(0, start - 3):start]))


@functools.lru_cache(maxsize=1)
def _segment_units() -> frozenset:
    from .mentions import lexicon

    return frozenset(lexicon.load("units")["to_base"])


def line_kind(line: str) -> str:
    if HEADING_RE.match(line):
        return "heading"
    if MARKUP_LINE_RE.match(line):
        return "markup"
    return "text"


def segment_document(doc: Document) -> list[Sentence]:
    """Sentences of a document, in order, with the language of their paragraph."""
    paragraphs = doc.paragraphs or [Paragraph(start=0, end=len(doc.text), lang=doc.lang)]
    sentences: list[Sentence] = []
    for para in paragraphs:
        lang = para.lang if para.lang in HANDLED else doc.lang
        for s, e in split_spans(doc.text, lang, para.start, para.end):
            sentences.append(_sentence(doc, len(sentences), s, e, lang))
    _add_cue_times(sentences, doc.metadata.get("cues") or [])
    return sentences


def _add_cue_times(sentences: list[Sentence], cues: list) -> None:
    """``meta['cue']`` = [start, end] (seconds) of the subtitle cue each
    sentence lies in (``cues``: [start offset, end offset, t0, t1] per cue,
    one line each, from rumorlens.formats.read_subtitles)."""
    if not cues:
        return
    starts = [c[0] for c in cues]
    for s in sentences:
        k = bisect.bisect_right(starts, s.start) - 1
        if k >= 0 and s.start < cues[k][1]:
            s.meta = {"cue": [cues[k][2], cues[k][3]]}


def presegmented_sentences(doc: Document) -> list[Sentence]:
    """One sentence per line of the text, used as is (the index is the 0-based
    line number, blank lines included, so external gold indices line up)."""
    sentences: list[Sentence] = []
    pos = 0
    for line in doc.text.split("\n"):
        if not (pos + len(line) == len(doc.text) and line == "" and sentences):
            sentences.append(_sentence(doc, len(sentences), pos, pos + len(line), _lang_at(doc, pos)))
        pos += len(line) + 1
    return sentences


def _lang_at(doc: Document, offset: int) -> str:
    for para in doc.paragraphs:
        if para.start <= offset < para.end:
            return para.lang
    return doc.lang


def _sentence(doc: Document, index: int, start: int, end: int, lang: str) -> Sentence:
    text = doc.text[start:end]
    return Sentence(
        id=f"{doc.id}:{index}",
        doc_id=doc.id,
        index=index,
        start=start,
        end=end,
        text=text,
        lang=lang,
        kind=line_kind(text),
    )


def segment_corpus(docs: Iterable[Document]) -> dict[str, list[Sentence]]:
    """Sentences of every document, keyed by document id."""
    return {doc.id: segment_document(doc) for doc in docs}
