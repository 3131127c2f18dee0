"""Cheap language detection (issue 12): langdetect's method run with numpy
gives langdetect's own probabilities, and ingest hands it bounded samples."""
from __future__ import annotations

import random

import pytest
from langdetect import DetectorFactory
from langdetect import detect_langs as langdetect_detect_langs
from langdetect.lang_detect_exception import LangDetectException

from rumorlens import ingest, langguess

TEXTS = [
    "L'analyste Alberto Romero spécule : le GPT-5 d'OpenAI est attendu depuis longtemps.",
    "The project is running way behind schedule, and it is costing a fortune to boot.",
    "Der Hund ist schnell und bellt sehr laut, wenn jemand an der Tür klingelt.",
    "El gobierno de la ciudad anunció que la nueva ley entrará en vigor el próximo año.",
    "Peut être généré par GPT-5",
    "OpenAI 的 GPT-5 项目研发进度已落后于预定计划",
    "Москва — столица России, крупнейший по численности населения город страны.",
    "ok",
    "a b",
]


def _words_salad(seed: int) -> str:
    rnd = random.Random(seed)
    words = "le la des est une pour the of and is model late costly cher modèle retard coût".split()
    return " ".join(rnd.choice(words) for _ in range(rnd.randint(3, 60)))


def _langdetect(text: str, seed: int):
    DetectorFactory.seed = seed
    try:
        return [(c.lang, c.prob) for c in langdetect_detect_langs(text)]
    except LangDetectException as exc:
        return str(exc)
    finally:
        DetectorFactory.seed = None


def _ours(text: str, seed: int):
    try:
        return [(c.lang, c.prob) for c in langguess.detect_langs(text, seed=seed)]
    except LangDetectException as exc:
        return str(exc)


@pytest.mark.parametrize("seed", [0, 7])
def test_numpy_detector_gives_langdetects_probabilities_exactly(seed):
    texts = TEXTS + [_words_salad(i) for i in range(40)]
    ours = [_ours(t, seed) for t in texts]
    theirs = [_langdetect(t, seed) for t in texts]
    assert ours == theirs  # same languages, same probabilities to the last bit
    assert any(len(r) > 1 for r in ours if isinstance(r, list))  # mixed verdicts were compared too


def test_text_with_nothing_to_judge_raises_like_langdetect():
    with pytest.raises(LangDetectException):
        langguess.detect_langs("12 345 — 2024")


def test_short_text_is_its_own_sample():
    assert ingest.langdetect_sample(TEXTS[0]) == TEXTS[0]


def test_long_text_is_sampled_at_both_ends_in_whole_words():
    text = " ".join(f"w{i}" for i in range(5000))
    sample = ingest.langdetect_sample(text)
    assert len(sample) <= ingest.LANGDETECT_SAMPLE + 3
    assert sample.startswith("w0 w1 ") and sample.endswith(" w4999")
    words = set(text.split())
    assert all(w in words for w in sample.split())  # no word cut in two


def test_a_paragraph_that_changes_language_half_way_is_sampled_on_both_sides():
    fr = "Le gouvernement a annoncé de nouvelles mesures pour les entreprises. " * 60
    en = "The government announced new measures for the companies on Monday. " * 60
    sample = ingest.langdetect_sample(fr + en)
    assert "gouvernement" in sample and "government" in sample


def test_a_line_repeated_across_documents_is_judged_once(monkeypatch):
    calls = []
    real = langguess.detect_langs
    monkeypatch.setattr(langguess, "detect_langs", lambda t, **k: calls.append(t) or real(t, **k))
    ingest._ranked_languages.cache_clear()
    line = "Subscribe to our newsletter to receive the latest news from the editors every morning"
    langs = {ingest.detect_language(line) for _ in range(3)}
    assert langs == {"en"} and len(calls) == 1


def _ngrams_both_ways(text: str):
    from langdetect import detector_factory
    from langdetect.detector import Detector

    detector_factory.init_factory()
    ours, theirs = langguess.NumpyDetector(detector_factory._factory), Detector(detector_factory._factory)
    for d in (ours, theirs):
        d.append(text)
        d.cleaning_text()
    return ours._extract_ngrams(), Detector._extract_ngrams(theirs)


@pytest.mark.parametrize("text", TEXTS + ["USA NATO OpenAI GPT-5 ÉTATS-UNIS Élysée", "  a  B  CD e\\u00e9 ÀB",
                                          "Tiếng Việt có dấu", "ひらがな カタカナ ㄅㄆ 한국어 ی"])
def test_ngram_extraction_is_langdetects(text):
    ours, theirs = _ngrams_both_ways(text)
    assert ours == theirs and (ours or not text.strip("ab "))


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAbBcC éÉ.-'\u00e0\u4e00\u4e8c\u3042\u30a2\uac00ẠXYZ\n")), max_size=40))
def test_ngram_extraction_is_langdetects_on_any_text(text):
    ours, theirs = _ngrams_both_ways(text)
    assert ours == theirs


def test_an_interrupt_while_the_profiles_load_stays_an_interrupt(monkeypatch):
    """langdetect's loader turns every exception into a format error and
    publishes the factory before it is full (break test /tmp/bt50: Ctrl-C
    or SIGTERM there became 100 'operands could not be broadcast' rows and
    exit 0).  The interrupt must come out as itself, and the next call
    must find all 55 profiles."""
    from langdetect import detector_factory
    from langdetect.utils import lang_profile

    monkeypatch.setattr(detector_factory, "_factory", None)
    real = lang_profile.LangProfile.__init__
    seen = []

    def interrupted(self, *args, **kwargs):
        seen.append(1)
        if len(seen) == 3:
            raise KeyboardInterrupt
        real(self, *args, **kwargs)

    monkeypatch.setattr(detector_factory.LangProfile, "__init__", interrupted)
    with pytest.raises(KeyboardInterrupt):
        langguess.detect_langs(TEXTS[0])
    assert detector_factory._factory is None
    monkeypatch.setattr(detector_factory.LangProfile, "__init__", real)
    assert [c.lang for c in langguess.detect_langs(TEXTS[0])][0] == "fr"
    assert len(detector_factory._factory.langlist) == 55
