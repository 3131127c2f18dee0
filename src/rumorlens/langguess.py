"""langdetect's guess of a text's language, computed with numpy: the same
answers, probability for probability, in a fraction of the time.

langdetect (Shuyo 2010, naive Bayes over character 1-3-grams, 55 language
profiles) runs 7 trials of random n-gram draws; each draw multiplies 55
probabilities in a Python loop, and that loop was 90% of ingest's CPU time
(issue 12: 1,715 calls took 27 s of a 30 s ingest of 1,000 small files).
:class:`NumpyDetector` keeps langdetect's own code, profiles, random draws
and order of operations and only does each draw's 55 multiplications, and
each normalization's 55 divisions, as one numpy operation (the same IEEE
double operations, element by element; the sum stays Python's own).
``tests/test_langguess.py`` checks the probabilities are identical to
langdetect's on texts of every kind.  It depends on langdetect 1.0.9's
``Detector`` internals (``_init_probability``, ``_update_lang_prob``,
``_normalize_prob``), pinned in ``setup.cfg``.
"""
from __future__ import annotations

import numpy as np
from langdetect import detector_factory
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.language import Language
from langdetect.utils.ngram import NGram

# Seed of every detection: langdetect draws n-grams at random, so an
# unseeded run could give another answer for the same text.
SEED = 0
# n-gram -> its 55 probabilities as an array, made on first use (at most
# langdetect's profile size: the n-grams a corpus really has are far fewer).
_ROWS: dict[str, np.ndarray] = {}


class NumpyDetector(Detector):
    """langdetect's ``Detector`` with the per-draw loops over languages done
    by numpy (same values; see the module docstring)."""

    def _detect_block(self):
        # langdetect 1.0.9's Detector._detect_block, step for step (the same
        # random draws in the same order), with each n-gram's probabilities
        # looked up once as an array instead of at every draw.
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        rows = [_row(self.word_lang_prob_map, w) for w in ngrams]
        n_lang = len(self.langlist)
        langprob = np.zeros(n_lang)
        rnd = self.random
        rnd.seed(self.seed)
        for _trial in range(self.n_trial):
            prob = self._init_probability()
            alpha = self.alpha + rnd.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                prob *= weight + rnd.choice(rows)  # prob[j] *= weight + lang_prob_map[j], every j
                if i % 5 == 0:
                    if self._normalize_prob(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()

    def _extract_ngrams(self):
        # langdetect 1.0.9's Detector._extract_ngrams with its NGram buffer
        # (utils/ngram.py, add_char) written inline and NGram.normalize
        # remembered per character (a pure function of it; it looked up the
        # character's Unicode block at every call): the same n-grams in the
        # same order, for about half the time (issue 12).
        known = self.word_lang_prob_map
        result = []
        grams, capital = " ", False
        for ch in self.text:
            ch = _NORMAL.get(ch) or _normal(ch)
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if ch == " ":
                    continue  # add_char returns: nothing to add
            elif len(grams) >= 3:
                grams = grams[1:]
            grams += ch
            capital = ch.isupper() and (capital or last.isupper())
            if capital:
                continue
            if ch != " " and ch in known:  # n = 1
                result.append(ch)
            if len(grams) >= 2:
                w = grams[-2:]
                if w in known:
                    result.append(w)
                if len(grams) >= 3 and grams in known:
                    result.append(grams)
        return result

    def _init_probability(self):
        if self.prior_map is not None:
            return np.array(self.prior_map, dtype=np.float64)
        n = len(self.langlist)
        return np.full(n, 1.0 / n)

    def _normalize_prob(self, prob):
        sump = sum(prob.tolist())  # Python's sum, as langdetect (numpy's adds in another order)
        prob /= sump
        return max(0.0, float(prob.max()))


_NORMAL: dict[str, str] = {}


def _normal(ch: str) -> str:
    """langdetect's ``NGram.normalize(ch)``, remembered."""
    out = _NORMAL[ch] = NGram.normalize(ch)
    return out


def _row(word_lang_prob_map: dict, word: str) -> np.ndarray:
    row = _ROWS.get(word)
    if row is None:
        row = _ROWS[word] = np.array(word_lang_prob_map[word], dtype=np.float64)
    return row


def _factory() -> detector_factory.DetectorFactory:
    """langdetect's shared factory with its 55 profiles, loaded on first use.

    langdetect's own ``init_factory`` publishes the factory before it
    loads the profiles, and its loader turns any exception, Ctrl-C or
    SIGTERM included, into a ``LangDetectException`` (a bare ``except:``,
    langdetect 1.0.9 ``load_profile``): an interrupt while the profiles
    load became an ordinary per-text error, and later texts met a factory
    with some of its profiles ("operands could not be broadcast").  Here
    the factory is published only once loaded, and an interrupt is raised
    again as itself."""
    factory = detector_factory._factory
    if factory is None:
        factory = detector_factory.DetectorFactory()
        try:
            factory.load_profile(detector_factory.PROFILES_DIRECTORY)
        except LangDetectException as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise exc.__context__ from None
            raise
        detector_factory._factory = factory
    return factory


def detect_langs(text: str, seed: int = SEED) -> list[Language]:
    """langdetect's ``detect_langs(text)`` with ``DetectorFactory.seed =
    seed``: the languages whose probability is above 0.1, most probable
    first.  Raises langdetect's ``LangDetectException`` when the text has
    no n-gram to judge by.  Reads at most langdetect's 10,000 characters."""
    detector = NumpyDetector(_factory())
    detector.seed = seed
    detector.append(text)
    return detector.get_probabilities()
