"""Page furniture: sentences that belong to the web page, not to the article.

A plain-text copy of a web page keeps the site's language-switch bar, its
share buttons and breadcrumbs, the publication stamp, the byline, photo
credits, the agency sign-off, a list of other headlines and the copyright
line.  trafilatura removes such things from HTML only; this pass finds them
in any document, after segmentation, and gives them the sentence kind
``boilerplate`` (like ``markup``): they stay in the text with their offsets,
are shown in the report, and are kept out of the checks.

Three rules, each a kind of evidence:

- **pattern**: the sentence is furniture by its form (``whole`` patterns)
  or carries a furniture marker and is short (``marker`` patterns);
  patterns in ``models/lexicons/boilerplate.json``;
- **repetition**: the same line stands in two or more documents of the
  corpus from one site (same host in their source address) that are not
  copies of each other (what they share is less than half the text of the
  shorter): a site's header or footer;
- **position**: a short line without closing punctuation above the first or
  below the last paragraph of the body (the document's long lines, which
  must hold at least half its text), other than the title: a banner, a date
  line, a list of other headlines; and such a line right after a picture:
  its caption.

The pass needs every document at once (repetition), so it runs in the
segment stage of the pipeline (:func:`rumorlens.pipeline.segment`), and
``rumorlens align`` and ``make pipeline`` see the same kinds.  Thresholds
and how they were chosen: ``models/thresholds/boilerplate.json``.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

from .langs import source_host, text_weight
from .mentions import lexicon
from .paths import models_dir, read_values
from .records import Document, Sentence

KIND = "boilerplate"
# The rules, strongest evidence first; "position" alone is a guess from a
# line's shape (short, unpunctuated, outside the body), which the last
# fragments of a transcript also have.
RULES = ("pattern", "repetition", "caption", "position")
# sentence kinds the pass may turn into boilerplate (markup stays markup)
_CONTENT_KINDS = ("text", "heading")
_BULLET = re.compile(r"^[\s\-–—•*·>]+")
# a sentence that ends like one (or goes on: a salutation ends with a comma)
_CLOSING = re.compile(r"[.!?。！？…;；:：,，][\s\"'”’»」』)）\]]*$")
_CLOSING_TAIL = re.compile(r"[.!?。！？…;；:：][\s\"'”’»」』)）\]]*$")


@functools.lru_cache(maxsize=None)
def params() -> dict:
    """models/thresholds/boilerplate.json without its notes."""
    return read_values(models_dir() / "thresholds" / "boilerplate.json")


# --------------------------------------------------------------------------
# pattern


@functools.lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern, re.Pattern, int]:
    lx = lexicon.load("boilerplate")
    agency = lexicon.alternation(lx["agencies"])
    whole = "|".join("(?:" + p.replace("{agency}", agency) + ")" for p in lx["whole"])
    marker = "|".join("(?:" + p.replace("{agency}", agency) + ")" for p in lx["marker"])
    return re.compile(whole, re.I), re.compile(marker, re.I), int(lx["max_marker_weight"])


def by_pattern(text: str) -> bool:
    """Is this sentence furniture by its form?"""
    whole, marker, max_weight = _patterns()
    core = _BULLET.sub("", text).strip()
    if not core:
        return False
    if whole.fullmatch(core):
        return True
    return text_weight(core) <= max_weight and marker.search(core) is not None


# --------------------------------------------------------------------------
# repetition


def _line_key(text: str) -> str:
    return " ".join(_BULLET.sub("", text).split()).casefold()


def _doc_lines(sents: list[Sentence], min_weight: int) -> dict[str, list[int]]:
    """Normalized sentence texts of a document (heavy enough to mean
    something) and the indices of the sentences that carry them."""
    out: dict[str, list[int]] = {}
    for i, s in enumerate(sents):
        key = _line_key(s.text)
        if text_weight(key) >= min_weight:
            out.setdefault(key, []).append(i)
    return out


def by_repetition(docs: list[Document], sentences: dict[str, list[Sentence]]) -> dict[str, set[int]]:
    """Sentence indices, by document, of lines repeated across documents of
    one host that are not copies of each other."""
    p = params()
    by_host: dict[str, list[str]] = {}
    for d in sorted(docs, key=lambda d: d.id):
        h = source_host(d.source)
        if h and d.id in sentences:
            by_host.setdefault(h, []).append(d.id)
    out: dict[str, set[int]] = {}
    for ids in by_host.values():
        if len(ids) < 2:
            continue
        lines = {i: _doc_lines(sentences[i], int(p["repeat_min_weight"])) for i in ids}
        mass = {i: sum(text_weight(k) for k in lines[i]) for i in ids}
        for x, a in enumerate(ids):
            for b in ids[x + 1:]:
                shared = set(lines[a]) & set(lines[b])
                if not shared or sum(text_weight(k) for k in shared) >= p["copy_share"] * min(mass[a], mass[b]):
                    continue  # nothing shared, or two copies of one article
                for key in shared:
                    out.setdefault(a, set()).update(lines[a][key])
                    out.setdefault(b, set()).update(lines[b][key])
    return out


# --------------------------------------------------------------------------
# position


def _lines(doc: Document, sents: list[Sentence]) -> list[list[int]]:
    """Sentence indices grouped by the line of text they stand on."""
    out: list[list[int]] = []
    last_end = None
    for i, s in enumerate(sents):
        if out and last_end is not None and "\n" not in doc.text[last_end:s.start]:
            out[-1].append(i)
        else:
            out.append([i])
        last_end = s.end
    return out


def _title_key(doc: Document) -> str:
    return _line_key(doc.title or "")


@functools.lru_cache(maxsize=None)
def _image_re() -> re.Pattern:
    return re.compile(lexicon.load("boilerplate")["image"], re.I)


@functools.lru_cache(maxsize=None)
def _credit_re() -> re.Pattern:
    return re.compile(lexicon.load("boilerplate")["credit"], re.I)


def captions(doc: Document, sents: list[Sentence]) -> set[int]:
    """Text sentences of a picture's caption: a short line right after a
    picture (an image line or file name) without closing punctuation
    ("Guterres in 2023"), or a line that ends with a photo credit ("...
    upon arrival. [Photo/Xinhua]", "... 新华社记者 申宏 摄") and is not
    longer than a caption."""
    out: set[int] = set()
    lines = _lines(doc, sents)
    p = params()
    for k, line in enumerate(lines):
        text = " ".join(sents[i].text for i in line)
        after_image = k > 0 and any(_image_re().search(sents[i].text) for i in lines[k - 1])
        if after_image and text_weight(text) < p["short_line_weight"] and not _CLOSING.search(text):
            out.update(i for i in line if sents[i].kind == "text")
        elif text_weight(text) <= p["caption_max_weight"] and _credit_re().search(text.strip()):
            out.update(i for i in line if sents[i].kind == "text")
    return out


def title_lines(doc: Document, sents: list[Sentence]) -> set[int]:
    """Text sentences at the top of a document whose line is its title
    (the headline a web copy repeats above the article): kind ``heading``.
    Only the first few lines are looked at."""
    title = _title_key(doc)
    if not title:
        return set()
    out: set[int] = set()
    for line in _lines(doc, sents)[:int(params()["title_lines"])]:
        text = " ".join(sents[i].text for i in line)
        if _line_key(text) == title:
            out.update(i for i in line if sents[i].kind == "text")
    return out


def by_position(doc: Document, sents: list[Sentence]) -> set[int]:
    """Sentences of short lines above the first and below the last long
    line of the body, when the body holds most of the text: those that do
    not end like a sentence (closing punctuation, or a comma: a salutation
    goes on); the title line and headings are kept."""
    p = params()
    lines = _lines(doc, sents)
    content = [[i for i in line if sents[i].kind in _CONTENT_KINDS] for line in lines]
    weights = [sum(text_weight(sents[i].text) for i in line) for line in content]
    long_ = [k for k, w in enumerate(weights) if w >= p["body_line_weight"]]
    total = sum(weights)
    if not long_ or total == 0:
        return set()
    first, last = long_[0], long_[-1]
    if sum(weights[first:last + 1]) < p["body_share"] * total:
        return set()
    title = _title_key(doc)
    out: set[int] = set()
    for k in list(range(first)) + list(range(last + 1, len(lines))):
        if not content[k] or weights[k] >= p["short_line_weight"]:
            continue
        text = " ".join(sents[i].text for i in content[k])
        if title and _line_key(text) == title:
            continue
        # a salutation above the body goes on with a comma; below it, a line
        # ending with a comma was cut ("The content (including ... photo,")
        closing = _CLOSING if k < first else _CLOSING_TAIL
        # a heading (## ...) is the author's structure, not the site's
        out.update(i for i in content[k] if sents[i].kind == "text" and not closing.search(sents[i].text))
    return out


# --------------------------------------------------------------------------
# the pass


def mark_boilerplate(docs: Iterable[Document], sentences: dict[str, list[Sentence]]) -> dict[str, list[Sentence]]:
    """Give the kind ``boilerplate`` to every text or heading sentence that
    a rule recognizes as page furniture, with the rule's name in its
    ``meta["furniture"]`` (:data:`RULES`; the first that applies), and
    ``heading`` to the title line a copy repeats at its top (in place;
    ``sentences`` is also returned).  Offsets and texts are untouched.  Deterministic: the same
    documents give the same kinds, whatever their order."""
    docs = list(docs)
    repeated = by_repetition(docs, sentences)
    for d in docs:
        sents = sentences.get(d.id, [])
        # the first rule that finds a sentence names it (in RULES order)
        found = {"pattern": {i for i, s in enumerate(sents) if s.kind in _CONTENT_KINDS and by_pattern(s.text)},
                 "repetition": repeated.get(d.id, set()), "caption": captions(d, sents),
                 "position": by_position(d, sents)}
        for rule in RULES:
            for i in sorted(found[rule]):
                if sents[i].kind in _CONTENT_KINDS:
                    sents[i].kind = KIND
                    sents[i].meta = {**sents[i].meta, "furniture": rule}
        for i in title_lines(d, sents):
            sents[i].kind = "heading"
    return sentences
