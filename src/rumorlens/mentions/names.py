"""Names across languages and scripts: the one home of the name helpers.

- Folding and keys: ``fold`` (accents and case folded, punctuation to
  spaces: how the checks compare names) and ``latin_key`` (the same, ASCII
  letters and digits only: the mentions stage's entity keys).
- Pinyin: one cached reading of a Chinese string (pypinyin), offered run
  together for entity keys, as letters only, or as syllables.
- Spelling and sound: ``near_spelling`` (Ege / Edge), ``sounds_alike`` and
  ``transliteration_score`` (普京 / Putin, 休斯敦 / Houston).
- Whether a name is carried by another version: ``name_support`` (how
  strongly, and how: written, gazetteer, spelling, sound) and
  ``has_counterpart`` (any sign at all that it is rendered there, by
  writing, sound or, with an encoder, meaning).  The compare stage asks
  these; it never re-implements them.

Word lists (function words, name connectors, generic Chinese heads) are in
``models/lexicons/entity_rules.json``; the Latin-script tests and the Han
range in ``rumorlens.langs``.
"""
from __future__ import annotations

import functools
import itertools
import os
import re
from dataclasses import dataclass
from typing import Callable, Optional, Protocol

from rapidfuzz import fuzz, process

from ..langs import HAN, HAN_RE, HAN_RUN_RE, LATIN_SCRIPT, latin_letters, latin_only, strip_accents
from ..records import Mention
from . import gazetteer as gz
from . import lexicon


class Passage(Protocol):
    """What support looks at in the other version: its text, its language
    and the mentions found in it (compare.pair.Side is one)."""

    lang: str
    mentions: list

    @property
    def text(self) -> str: ...


# --------------------------------------------------------------------------
# word lists (models/lexicons/entity_rules.json)


def _rules() -> dict:
    return lexicon.load("entity_rules")


@functools.lru_cache(maxsize=None)
def not_names() -> frozenset:
    """Capitalized words that are not names (sentence openers, pronouns,
    function words), lower case."""
    return frozenset(_rules()["not_names"])


@functools.lru_cache(maxsize=None)
def _title_words() -> frozenset:
    rules = _rules()
    return frozenset(w.casefold() for w in rules.get("title_words", []) + rules.get("calendar_words", []) + [
        w for words in rules.get("address_words", {}).values() for w in words if " " not in w])


@functools.lru_cache(maxsize=None)
def _address_phrases() -> frozenset:
    """Greetings and forms of address of several words (ni hao, guten tag)."""
    return frozenset(w.casefold() for words in _rules().get("address_words", {}).values() for w in words if " " in w)


@functools.lru_cache(maxsize=None)
def _candidate_gap() -> re.Pattern:
    """What may stand between two words of a candidate name: white space,
    or one connector (of, de, d') between white space."""
    words = _rules()["name_connectors"] + _rules()["name_connector_elisions"]
    return re.compile(r"\s+(?:(?:" + lexicon.alternation(words) + r")\s+)?")


@functools.lru_cache(maxsize=None)
def capitalized_run() -> re.Pattern:
    """A maximal run of capitalized words on one line, joined by white space
    and at most one connector between two of them (Bank of England); a
    word's capital inside it starts none ('Phone' of 'iPhone' was a name
    'misspelled' against the iPhone: a fresh user's break test, session 48)."""
    cap = r"(?<![\w'’\-])[A-ZÀ-Þ][\w'’.\-]*"
    space = r"[^\S\n]+"  # a name does not run across lines ("United Nations" / "Mr. President")
    joint = r"(?:" + space + r"(?:(?:" + lexicon.alternation(_rules()["name_connectors"]) + r")" + space + r")?" + cap + ")"
    return re.compile(cap + joint + "*")


@functools.lru_cache(maxsize=None)
def _han_generic_tail() -> re.Pattern:
    return re.compile("(?:" + lexicon.alternation(_rules()["han_generic_heads"]) + ")$")


@functools.lru_cache(maxsize=None)
def _translit_chars() -> frozenset:
    return frozenset(_rules().get("transliteration_chars", ""))


# --------------------------------------------------------------------------
# folding, keys, pinyin

WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
_CAP_TOKEN = re.compile(r"[A-ZÀ-Þ][\w'’.\-]*")


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Accents and case folded, every run of non-word characters one space:
    'Zoë  Dupont-Smith' -> 'zoe dupont smith' (other scripts kept).  Cached:
    the entity and omission checks fold the same names and passages again
    for every bead that shows them (400,000 calls at 10^4 sentences, issue 12)."""
    return re.sub(r"[\W_]+", " ", strip_accents(s).casefold()).strip()


@functools.lru_cache(maxsize=65536)
def latin_key(s: str) -> str:
    """Accents folded, lower case, only ASCII letters and digits, one space
    between runs: the mentions stage's key of a Latin name.  Cached: a pure
    function asked 77,375 times at 10^4 generated sentences."""
    return re.sub(r"[^a-z0-9]+", " ", strip_accents(s).lower()).strip()


def content_words(folded: str) -> str:
    """A folded name without its function words (de, of, the)."""
    return " ".join(w for w in folded.split() if w not in not_names())


@functools.lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, ...]:
    """pypinyin's reading of ``text`` (Chinese characters read in context,
    anything else passed through as it is), once per distinct text."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text))


def pinyin_key(text: str) -> str:
    """The reading run together, the name separators · and ・ dropped first
    (entity keys: 奥特曼 and 奥特曼 agree)."""
    return "".join(_pinyin(text.replace("·", "").replace("・", "")))


@functools.lru_cache(maxsize=65536)
def pinyin_letters(text: str) -> str:
    """The reading as lower-case letters a-z only (cached: the sound tests
    read the same windows of a text for every name, issue 12)."""
    return re.sub(r"[^a-z]", "", "".join(_pinyin(text)).casefold())


@functools.lru_cache(maxsize=65536)
def syllables(han: str) -> tuple[str, ...]:
    """The reading, one lower-case a-z syllable per character."""
    return tuple(re.sub(r"[^a-z]", "", s.lower()) for s in _pinyin(han))


def only_titles(text: str) -> bool:
    """A capitalized run made only of titles (Speaker, Prime Minister), of
    day and month names (Tuesday) or of greetings and forms of address
    (Nihao, Excellencies, Mesdames: entity_rules address_words) is not a
    name."""
    if " ".join(WORD_RE.findall(text.casefold())) in _address_phrases():
        return True
    words = [p for w in WORD_RE.findall(text) for p in re.split(r"[-‐]", w.casefold())
             if p and p not in not_names()]  # Secretary-General: two title words
    return bool(words) and all(w in _title_words() for w in words)


def latin_candidates(text: str) -> list[str]:
    """Capitalized words of a Latin-script text and their runs of up to three
    (where a name translated from Chinese is likely to sit)."""
    toks = [(m.start(), m.end()) for m in _CAP_TOKEN.finditer(text) if m.group().casefold() not in not_names()]
    gap_re = _candidate_gap()
    out: set[str] = set()
    for i in range(len(toks)):
        for j in range(i, min(i + 3, len(toks))):
            gap = text[toks[j - 1][1] : toks[j][0]] if j > i else ""
            if j > i and not gap_re.fullmatch(gap):
                break
            out.add(text[toks[i][0] : toks[j][1]])
    return sorted(out)


def appears_in(name: str, text: str) -> bool:
    """The name is written in ``text``, ignoring case and accents (a name in
    another script also when its spaces are dropped)."""
    fname, ftext = fold(name), " " + fold(text) + " "
    if not fname:
        return True
    if f" {fname} " in ftext:
        return True
    if not latin_letters(name):
        return fname.replace(" ", "") in ftext.replace(" ", "")
    return False


def fuzzy_in(name: str, text: str) -> Optional[float]:
    """Best partial spelling similarity (0-100) of a Latin name inside text."""
    if not latin_letters(name):
        return None
    return fuzz.partial_ratio(fold(name), fold(text))


# --------------------------------------------------------------------------
# spelling and sound


@functools.lru_cache(maxsize=65536)
def near_spelling(a: str, b: str) -> bool:
    """Two Latin spellings of one name, a letter apart for a short name (Ege /
    Edge / Ego), two for a long one: same first letter, edit distance at most
    one per ``near_spelling_letters_per_edit`` letters (at least one).
    Cached: the mentions stage's verdict and the checks ask it of the same
    pairs."""
    from rapidfuzz.distance import Levenshtein

    if not (latin_only(a) and latin_only(b)):
        return False
    ka, kb = latin_key(a), latin_key(b)
    if ka == kb or min(len(ka), len(kb)) < 3 or ka[0] != kb[0]:
        return False
    g = gz.load()
    ha, hb = g.lookup(a), g.lookup(b)
    if ha is not None and hb is not None and ha.id != hb.id:
        return False  # Iran / Iraq: two names the gazetteer knows apart
    allowed = max(1, max(len(ka), len(kb)) // int(_rules()["near_spelling_letters_per_edit"]))
    return Levenshtein.distance(ka, kb) <= allowed


def spelled_alike(a: str, b: str) -> bool:
    """Two different Latin names one misspelling apart, as the checks read
    names left unpaired in one bead: folded spellings at least 80 % alike,
    or near_spelling."""
    if not (latin_letters(a) and latin_letters(b)) or fold(a) == fold(b):
        return False
    return 80 <= fuzz.ratio(fold(a), fold(b)) or near_spelling(a, b)


def _skeleton(s: str) -> str:
    return re.sub(r"[aeiouy]", "", s)


def sounds_alike(han: str, latin: str) -> bool:
    """A Chinese transliteration and a Latin name (格雷琴·惠特默 / Gretchen
    Whitmer, 帕利 / Parly): pinyin against the spelling, letters or consonant
    skeletons.  Measured on hand pairs: true pairs >= 55, unrelated <= 30."""
    lat = re.sub(r"[^a-z]", "", fold(latin))
    readings = ["".join(r) for r in transliteration_readings(syllables(han))]
    if len(readings[0]) < 3 or len(lat) < 3:
        return False
    return max(max(fuzz.ratio(py, lat), fuzz.ratio(_skeleton(py), _skeleton(lat))) for py in readings) >= 55


_PINYIN_INITIAL = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$")
# coarse sound classes of pinyin initials and of Latin letters
_PY_CLASS = {"b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "j": "S", "q": "S", "x": "S", "z": "S",
             "c": "S", "s": "S", "zh": "S", "ch": "S", "sh": "S", "l": "L", "r": "L", "m": "M", "n": "N", "f": "F",
             "w": "F", "h": "", "y": ""}
_EN_CLASS = {"b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "c": "K", "q": "K", "j": "S", "s": "S",
             "z": "S", "x": "S", "l": "L", "r": "L", "m": "M", "n": "N", "f": "F", "v": "F", "w": "F"}


def pinyin_code(syllables_) -> str:
    """Consonant skeleton of pinyin syllables in coarse sound classes
    (b/p, d/t, g/k, sibilants, l/r, m, n, f/w); a final n/ng and the
    syllable 'er' (rendering an r or l) count."""
    out = []
    for syl in syllables_:
        if syl == "er":
            out.append("L")
            continue
        ini, rest = _PINYIN_INITIAL.match(syl).groups()
        if ini:
            out.append(_PY_CLASS[ini])
        if rest.endswith("n") or rest.endswith("ng"):
            out.append("N")
    return _collapse("".join(out))


def latin_code(word: str) -> str:
    """The same sound classes for a Latin-script spelling."""
    w = re.sub(r"[^a-z]", "", fold(word))
    for a, b in (("tch", "s"), ("ph", "f"), ("th", "t"), ("ch", "s"), ("sh", "s"), ("ck", "k"), ("qu", "k"),
                 ("gh", "")):
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w)
    return _collapse("".join(_EN_CLASS.get(c, "") for c in w))


def _collapse(code: str) -> str:
    return re.sub(r"(.)\1+", r"\1", code)


def transliteration_score(latin: str, syllables_, lang: Optional[str] = None) -> float:
    """:func:`_score_reading` of the syllables as Mandarin reads them and,
    where it differs, as transliteration reads them (加 'jia' renders ga:
    entity_rules.json ``transliteration_syllables``), the better."""
    return max(_score_reading(latin, reading, lang) for reading in transliteration_readings(tuple(syllables_)))


@functools.lru_cache(maxsize=65536)
def transliteration_readings(syllables_: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The syllables as Mandarin reads them and, where it differs, as
    transliteration reads them (entity_rules.json
    ``transliteration_syllables``: 加 'jia' renders ga): every sound test
    of a Latin name against Chinese characters tries both."""
    variants = _rules()["transliteration_syllables"]
    other = tuple(variants.get(s, s) for s in syllables_)
    return (syllables_,) if other == syllables_ else (syllables_, other)


def _score_reading(latin: str, syllables_, lang: Optional[str] = None) -> float:
    """How well Chinese syllables transliterate a Latin word (0-1): the
    better of letter similarity to the pinyin and sound-class similarity.
    ``lang``: the language the word is written in; for French, the
    letters of the word as French sounds it (:func:`french_reading`:
    Limoges / 利摩日, Poitiers / 普瓦捷) are also compared with the pinyin,
    and the better score counts."""
    lat = re.sub(r"[^a-z]", "", fold(latin))
    py = "".join(syllables_)
    if len(lat) < 3 or len(py) < 2:
        return 0.0
    if py == lat or (len(py) >= 5 and lat.startswith(py)):
        return 1.0  # Chongqing, Xinhua: Chinese romanized as pinyin
    best = fuzz.ratio(lat, py) / 100.0
    if "j" in lat:
        # a j sounded y, as German, Dutch, Nordic and Portuguese names have it
        # (Jena / 耶拿, Beja / 贝雅: a blind trial's medium 'Beja' missing)
        best = max(best, fuzz.ratio(lat.replace("j", "y"), py) / 100.0)
    lc, pc = latin_code(lat), pinyin_code(syllables_)
    if len(lc) >= 2 and len(pc) >= 2:
        best = max(best, fuzz.ratio(lc, pc) / 100.0 - 0.05 * (min(len(lc), len(pc)) < 3))
    if lang == "fr":
        # letters only: the sound classes of a reading that drops letters
        # are short and match too much (entity_rules.json french_sound_spelling)
        spoken = french_reading(latin)
        if len(spoken) >= 3:
            best = max(best, fuzz.ratio(spoken, py) / 100.0)
    return best


@functools.lru_cache(maxsize=None)
def _french_sound_rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(a), b) for a, b in _rules()["french_sound_spelling"])


@functools.lru_cache(maxsize=16384)
def french_reading(word: str) -> str:
    """A French word's letters as it is pronounced, in the Latin letters a
    pinyin transliteration follows: silent final letters dropped, digraphs
    read (eau -> o, ou -> u, oi -> wa, gn -> ni, ch -> sh), soft g and j as
    pinyin r (Jean / 让, Limoges / 利摩日).  Rules in order:
    models/lexicons/entity_rules.json french_sound_spelling (with sources)."""
    w = re.sub(r"[^a-z]", "", fold(word))
    for pattern, repl in _french_sound_rules():
        w = pattern.sub(repl, w)
    return w


@functools.lru_cache(maxsize=4096)
def _han_windows(text: str, longest: int = 5) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every run of 1..``longest`` Chinese characters of ``text`` with its
    syllables (read in the context of the whole run)."""
    out = []
    for run in HAN_RUN_RE.findall(text):
        syl = syllables(run)
        for n in range(1, longest + 1):
            for k in range(len(run) - n + 1):
                out.append((run[k : k + n], syl[k : k + n]))
    return tuple(out)


def _pinyin_written_in(py: str, text: str) -> bool:
    """Pinyin of four letters or more written in ``text`` (spaces ignored):
    the Chinese romanized rather than translated."""
    return len(py) >= 4 and py in fold(text).replace(" ", "")


# --------------------------------------------------------------------------
# is a name carried by the other version?


def has_counterpart(m: Mention, other: Passage, sim: Optional[Callable[[str, str], float]] = None,
                    threshold: float = 0.6) -> bool:
    """Is the name ``m`` (probably) rendered somewhere in ``other``: written
    the same, most of its words there capitalized, transliterated (pinyin,
    sound), or -- with a phrase similarity ``sim`` and for names other than
    persons -- translated (similar to a capitalized run of words)?"""
    if appears_in(m.text, other.text):
        return True
    latin = latin_letters(m.text)
    bare = _untitled(m.text) if latin else m.text
    if bare != m.text and appears_in(bare, other.text):
        return True  # « Mme Obama » in 'Michelle Obama', 'Mrs Moreau' in « Mme Moreau »
    words = name_tokens(m.text) if latin and m.type == "PER" else []
    if len(words) >= 2 and other.lang in LATIN_SCRIPT and appears_in(words[-1], other.text) \
            and not _others_surname(words, other.text):
        return True  # 'Jacques Vergès' in « Me Vergès a plaidé »: the surname alone or after a title
    if latin and _words_present(m.text, other.text):
        return True
    if latin and other.lang == "zh" and _chinese_surname_of(m.text, other):
        return True
    if not latin and m.type == "PER" and other.lang in LATIN_SCRIPT and _latin_surname_of(m.text, other.text):
        return True
    if not latin and other.lang in LATIN_SCRIPT:
        return _transliterated_in(m, other, sim, threshold)
    if latin and other.lang == "zh" and _gazetteer_verdict(m.text, other):
        return True  # Shanghai / 上海: the gazetteer's own pair, whose characters the sound test no longer reads
    if latin and other.lang == "zh" and len(fold(m.text)) >= 4 \
            and _sounded_in_han(m.text, _without_known_names(other)):
        return True
    # Malouines / Falklands, Chambre des représentants / House of Representatives
    return (latin and other.lang in LATIN_SCRIPT and other.lang != m.lang and sim is not None
            and m.type != "PER"  # any two person names look alike to a sentence encoder
            and _translated_in(m.text, other.text, sim, threshold))


def _untitled(name: str) -> str:
    """``name`` without the titles and forms of address it opens with
    (« Mme Obama » -> 'Obama', 'President Xi' -> 'Xi'; the whole name when
    it is nothing else)."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and only_titles(words[k].rstrip(".")):
        k += 1
    return " ".join(words[k:])


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def acronyms_in(text: str) -> list[str]:
    """The acronyms written in ``text`` (two to six capitals), each once, in order."""
    return list(dict.fromkeys(_ACRONYM.findall(text)))


def _unelided(word: str) -> str:
    """``word`` without a French elided article written against it (l'Organisation, d'études)."""
    return _ELIDED.sub("", word)


_ELIDED = re.compile(r"^[dlDL]['’]")


@functools.lru_cache(maxsize=4096)
def acronym_expansion(acronym: str, text: str) -> Optional[str]:
    """The name an acronym stands for where ``text`` defines it, "Swiss
    National Bank (SNB)", « Banque nationale suisse (BNS) »: the shortest
    run of words just before "(ACR)" whose content words start with its
    letters in order (function words may sit between: entity_rules.json
    not_names and name_connectors); None when the text defines no such name.
    Cached: the entity check asks it of a whole document for each bead
    (a string keeps its hash, so the key costs nothing after the first call)."""
    if not _ACRONYM.fullmatch(acronym):
        return None
    stops = not_names() | {w.casefold() for w in _rules()["name_connectors"]}
    for m in re.finditer(r"\(\s*" + re.escape(acronym) + r"\s*\)", text):
        words = [_unelided(w)  # l'Organisation, d'études
                 for w in re.findall(r"[^\W\d_][\w'’-]*", text[max(0, m.start() - 120):m.start()])]
        for n in range(len(acronym), min(len(words), 2 * len(acronym) + 2) + 1):
            run = words[-n:]
            initials = "".join(w[0] for w in run if w.casefold() not in stops)
            if initials.upper() == acronym and run[0].casefold() not in stops:
                return " ".join(run)
    return None


def acronym_apposition(acronym: str, text: str) -> Optional[str]:
    """The name an acronym follows in brackets when its letters are another
    language's: « l'Institut américain d'études géologiques (USGS) », the
    US Geological Survey's English initials, which :func:`acronym_expansion`
    cannot match.  The words just before "(ACR)", at most
    ``2 * len(acronym) + 2`` of them and none before a punctuation mark, a
    bracket or a digit (« à 7,2 par l'agence météorologique taïwanaise
    (CWA) »), from the last capitalized one when there is one; None when
    the text writes no "(ACR)" with a word before it.  For Latin script (a
    Chinese name has no capital to start from)."""
    if not _ACRONYM.fullmatch(acronym):
        return None
    for m in re.finditer(r"\(\s*" + re.escape(acronym) + r"\s*\)", text):
        start = max(0, m.start() - 120)
        phrase = re.split(r"[^\w\s'’-]|\d", text[start:m.start()])[-1]
        at = m.start() - len(phrase)
        words = list(re.finditer(r"[^\W\d_][\w'’-]*", phrase))[-(2 * len(acronym) + 2):]
        caps = [w for w in words if _unelided(w.group())[:1].isupper()]
        first = (caps or words)[-1 if caps else 0] if words else None
        if first is not None:
            return text[at + first.start():m.start()].strip()
    return None


def _chinese_surname_of(latin_name: str, other: Passage) -> bool:
    """A Latin name that gives a Chinese person by surname (Xi for 习近平,
    M. Xi, Li for 李强) or in full pinyin (Xi Jinping): one of its
    capitalized words spells the first syllable of a person the other
    (Chinese) version's NER found, or all of them spell the whole name.
    Surnames are one syllable: too short for the sound tests."""
    caps = [w for w in _CAP_TOKEN.findall(latin_name) if w.casefold() not in _title_words()]
    words = [fold(w) for w in caps if w.casefold() not in not_names()]
    if not words and len(caps) == 1:
        # a surname that is also a common word (He for 何亚东, « M. He »):
        # a name mention of that one word is the surname
        words = [fold(caps[0])]
    if not words:
        return False
    joined = "".join(words).replace(" ", "")
    for m in other.mentions:
        if m.kind != "entity" or m.type != "PER" or not HAN_RE.search(m.text):
            continue
        syl = syllables("".join(HAN_RUN_RE.findall(m.text)))
        if syl and (syl[0] in words or "".join(syl) == joined):
            return True
    return False


def _latin_surname_of(han_name: str, text: str) -> bool:
    """A Chinese person's name (two to four characters) whose surname's
    pinyin stands in ``text`` as a capitalized word (习近平 / Xi)."""
    han = "".join(HAN_RUN_RE.findall(han_name))
    if not 2 <= len(han) <= 4:
        return False
    syl = syllables(han)
    caps = {fold(w) for w in _CAP_TOKEN.findall(text)}
    return bool(syl) and syl[0] in caps and len(syl[0]) >= 2


def _words_present(name: str, text: str) -> bool:
    """Most words (3+ letters) of a multi-word name stand in ``text``
    capitalized (a name, not 'talk radio')."""
    toks = [t for t in fold(name).split() if len(t) >= 3]
    if len(toks) < 2:
        return False
    caps = {fold(w) for w in _CAP_TOKEN.findall(text)}
    return sum(1 for t in toks if t in caps) / len(toks) > 0.5


def _transliterated_in(m: Mention, other: Passage, sim, threshold: float) -> bool:
    """A Chinese name in a Latin-script text: its pinyin written there, a
    capitalized run that sounds like it, or (not for persons: their names
    are rendered by sound) one the encoder finds similar."""
    if _pinyin_written_in(pinyin_letters(m.text), other.text):
        return True
    if any(sounds_alike(m.text, cand) for cand in latin_candidates(other.text)):
        return True
    return sim is not None and m.type != "PER" and _translated_in(m.text, other.text, sim, threshold)


def _translated_in(name: str, text: str, sim, threshold: float) -> bool:
    cands = latin_candidates(text)
    ahead = getattr(sim, "prefetch", None)  # one encoder batch, not one call per candidate (issue 12)
    if ahead is not None and cands:
        ahead([name, *cands])
    return any(sim(name, cand) >= threshold for cand in cands)


def _sounded_in_han(name: str, text: str) -> bool:
    """Haiti / 海地: two to four Chinese characters of ``text`` whose pinyin
    spells the Latin name (the Chinese NER may not have tagged them)."""
    letters = re.sub(r"[^a-z]", "", fold(name))
    # rapidfuzz's loop over the windows, not Python's: the same fuzz.ratio
    # of each, the first at 75 or more found (456,756 window tests at 10^4
    # generated sentences took 5 s)
    return process.extractOne(letters, _sound_letters(text), scorer=fuzz.ratio, score_cutoff=75) is not None


@functools.lru_cache(maxsize=1024)
def _sound_letters(text: str) -> tuple[str, ...]:
    """The letters of each reading (:func:`transliteration_readings`) of
    each of :func:`_sound_tests` of ``text``."""
    return tuple("".join(r) for w in _sound_tests(text) for r in transliteration_readings(syllables(w)))


@functools.lru_cache(maxsize=1024)
def _sound_tests(text: str) -> tuple[str, ...]:
    """The windows of two to four Chinese characters of ``text``, run by
    run, in the order :func:`_sounded_in_han` tries them: every Latin name
    of a bead is sounded against the same passage (issue 12)."""
    return tuple(run[k : k + n] for run in HAN_RUN_RE.findall(text) for n in (2, 3, 4)
                 for k in range(len(run) - n + 1))


def _gazetteer_verdict(name: str, other: Passage) -> Optional[bool]:
    """Does ``other`` carry the entity ``name`` is a name (or related form)
    of?  None when the gazetteer does not know how the entity is written in
    the other version's language (then spelling and sound decide)."""
    g = gz.load()
    ids = g.ids_of(name)
    if not ids:
        return None
    text = other.text
    ftext = " " + fold(text) + " "
    known = False
    for eid in ids:
        for a in g.forms(eid):
            if a.lang == other.lang:
                known = True
            if HAN_RE.search(a.name):
                if a.name in text:
                    return True
            elif a.name.isupper() and len(a.name) <= 4:
                if re.search(r"(?<![\w.])" + re.escape(a.name) + r"(?![\w])", text):
                    return True  # US, UN, EU: case matters ("us")
            elif f" {fold(a.name)} " in ftext:
                return True
    return False if known else None


def gazetteer_carries(name: str, other: Passage) -> Optional[bool]:
    """Does ``other`` write a form of the entity ``name`` is a name or a
    related form of (a demonym, an abbreviation, a capital standing for
    it)?  None when the gazetteer does not know ``name`` or how its entity
    is written in ``other``'s language."""
    return _gazetteer_verdict(name, other)


def _sound_windows(other: Passage) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Chinese windows that may stand for a foreign name by sound: inside a
    name the Chinese NER found, or made of transliteration characters; not
    inside a name the gazetteer knows (香港 is Hong Kong: its characters
    render that name, not 'Ching-yu' by sound, which they matched at 0.86
    once the source-side probe deleted 许正宇, session 57; 中国 carried
    'Xi Jinping' at 0.75 the same way).  A name the gazetteer knows is
    judged by the gazetteer before any sound test (:func:`name_support`)."""
    return _sound_windows_of(_without_known_names(other), tuple(m.text for m in other.mentions if m.kind == "entity"))


def _without_known_names(other: Passage) -> str:
    """``other``'s text with the names the gazetteer knows there (中国,
    韩国, 香港) blanked (:data:`_MASK`, the same length): what the sound
    tests read, since a known name's characters render that name and no
    other by sound (韩国 'Hanguo' is not 'Han Duck-soo')."""
    text = other.text
    for m in other.mentions:
        if m.kind == "entity" and (m.attrs or {}).get("source") == "gazetteer" and m.text:
            text = text.replace(m.text, _MASK * len(m.text))
    return text


# what stands for a gazetteer name's characters in the sound test: no Chinese
# character, so the runs around it stay apart, and the offsets stay
_MASK = "\u3000"


@functools.lru_cache(maxsize=1024)
def _sound_windows_of(text: str, names: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """:func:`_sound_windows` of a passage's text and entity names, kept:
    every name of a bead is weighed against the same passage (600,000
    window tests at 10^4 sentences, issue 12)."""
    chars = _translit_chars()
    return tuple((w, syl) for w, syl in _han_windows(text)
                 if any(w in n for n in names) or sum(c not in chars for c in w) == 0)


@functools.lru_cache(maxsize=1024)
def _romanized(text: str) -> frozenset:
    """The pinyin (no spaces) of every run of two Chinese characters or more
    of ``text``, with each character's other readings too (大圩 is Daxu as
    well as Dawei: a place keeps a reading of its own, :func:`_readings`)."""
    out = set()
    for han, syl in _han_windows(text):
        if len(syl) < 2:
            continue
        out.add("".join(syl))
        if len(han) <= 4:
            out.update("".join(p) for p in itertools.product(*(_readings(c) or (y,) for c, y in zip(han, syl))))
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def _readings(char: str) -> tuple[str, ...]:
    """Every reading pypinyin knows of one Chinese character (heteronyms:
    圩 xu and wei), as a-z letters, in pypinyin's order."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True)
    return tuple(dict.fromkeys(re.sub(r"[^a-z]", "", r.lower()) for r in (found[0] if found else ())))


def name_tokens(name: str) -> list[str]:
    """The words of a name that name (three letters or more, not a word of
    entity_rules.json not_names: 'of', 'the', « de »)."""
    return [w for w in WORD_RE.findall(name) if len(w) >= 3 and w.casefold() not in not_names()]


def _vowel_groups(word: str) -> int:
    return max(1, len(re.findall(r"[aeiouy]+", fold(word))))


def name_support(name: str, other: Passage, lang: Optional[str] = None) -> tuple[float, str]:
    """How strongly ``other`` carries the name (0-1) and how: 'written',
    'gazetteer', 'spelling' or 'sound'.  A multi-word name is carried when
    any of its words is (Vladimir Putin / 普京).  A name the gazetteer knows
    is judged by the gazetteer alone (Europe / 欧洲, not sound-alikes).
    ``lang``: the language the name is written in (French names are also
    sounded as French, :func:`transliteration_score`)."""
    if appears_in(name, other.text):
        return 1.0, "written"
    verdict = _gazetteer_verdict(name, other)
    if verdict is not None:
        return (1.0, "gazetteer") if verdict else (0.0, "gazetteer")
    latin = latin_letters(name)
    if latin and other.lang == "zh" and _chinese_surname_of(name, other):
        return 1.0, "sound"
    if other.lang in LATIN_SCRIPT and _acronym_reordered(name, other.text):
        return 1.0, "spelling"
    words = []
    for w in (name_tokens(name) if latin else []):
        v = _gazetteer_verdict(w, other)
        if v:
            return 1.0, "gazetteer"
        if v is None:
            words.append(w)
    if latin and other.lang in LATIN_SCRIPT:
        return _spelling_support(words, other)
    if latin and other.lang == "zh":
        return _sound_support_in_han(words, other, lang)
    if not latin and other.lang in LATIN_SCRIPT:
        return _sound_support_in_latin(name, other.text, other.lang)
    return 0.0, ""


def _acronym_reordered(name: str, text: str) -> bool:
    """Is ``name`` an acronym (2-6 capitals) whose letters, in another order,
    are an acronym of ``text``?  French puts the adjective after the noun,
    so an English body's acronym reads backwards or reordered in French
    (CP / PC, the Canadian Press / la Presse canadienne; EU / UE; NATO /
    OTAN): the same body (a blind trial's high 'replaced', session 37)."""
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return False
    letters = sorted(name)
    return any(w != name and sorted(w) == letters for w in re.findall(r"\b[A-Z]{2,6}\b", text))


# the dot between the parts of a transliterated foreign name (特蕾莎·洛佩斯)
NAME_DOT = re.compile(r"[·•‧・]")


def person_support(name: str, other: Passage, lang: Optional[str] = None) -> tuple[float, str]:
    """:func:`name_support` of a person's name, where a Latin name of two
    words or more in a Chinese passage must have its surname carried (its
    last word: a translator may drop the given name, not change the
    surname): 'Teresa Gomez' / 特蕾莎·洛佩斯 is another person, however
    well 特蕾莎 renders Teresa (a blind trial, session 37).  A Chinese
    person's name in pinyin (Xi Jinping: surname first) is judged whole."""
    full = name_support(name, other, lang)
    words = name_tokens(name) if latin_letters(name) else []
    given = [w for w in words[:-1] if not only_titles(w)]  # 'Mrs Thatcher' has no given name
    if other.lang in LATIN_SCRIPT and given and full[0] > 0.0 and not appears_in(name, other.text) \
            and _others_surname(words, other.text):
        return _spelling_support(given, other)
    keys = latin_key(name).split() if latin_letters(name) else []
    if other.lang in LATIN_SCRIPT and full[0] > 0.0 and _pinyin_name(keys) and not appears_in(name, other.text) \
            and _others_surname(keys[::-1], other.text, after=True):
        # a Chinese name in pinyin, surname first: 'Chen Ming' and 'Chen Xiaodong' do not carry 'Chen
        # Jing', and a syllable apart is another name (Ming / Jing; a fresh user's trial, session 64)
        return (1.0, "written") if appears_in(keys[1], other.text) else (0.0, "")
    if other.lang != "zh" or len(words) < 2 or full[0] == 0.0 or _chinese_surname_of(name, other):
        return full
    if not NAME_DOT.search(other.text):
        return full  # no full name transliterated there: one part alone may be the given name (格里沃里, Grigory)
    last = name_support(words[-1], other, lang)
    return last if last[0] < full[0] else full


def _others_surname(words: list[str], text: str, after: bool = False) -> bool:
    """Is the name's last word (its surname) written in ``text`` only after
    another given name ('Bhutha Kanjar', « Pierre Dupont » for 'Jeanne
    Dupont'): a capitalized word right before it that is none of the
    name's own words, nor a title, a form of address or a word that is no
    name (« M. Dupont », 'President Kanjar', 'Le Kanjar')?  Then the
    surname there names another member of the family, and only the given
    names can carry this one (a source-side probe deleted « Baba Kanjar »
    from a list of five Kanjars: the English list went unreported)."""
    surname, own = fold(words[-1]), {fold(w) for w in words}
    tokens = list(WORD_RE.finditer(text))
    seen = False
    for k, m in enumerate(tokens):
        if fold(m.group()) != surname:
            continue
        # with ``after``, a surname written first (a Chinese name in pinyin: 'Chen Ming'), its given name after it
        n = k + 1 if after else k - 1
        if not 0 <= n < len(tokens):
            return False  # the text's first or last word: no given name beside it
        near = tokens[n]
        gap = text[m.end():near.start()] if after else text[near.end():m.start()]
        other = near.group()
        if gap.strip() or not other[:1].isupper() or fold(other) in own or only_titles(other) \
                or other.casefold() in not_names():
            return False
        seen = True
    return seen


def _spelling_support(words: list[str], other: Passage) -> tuple[float, str]:
    """Best spelling similarity of a word of the name to a word of
    ``other``; a word written in lower case that its language's dictionary
    knows as a common word (FreeDict for French, WordNet for English)
    supports it only written alike: 'El Pais' is not carried by « pays »
    (0.75: DEMETR's source-side ne_removed rows), 'Chechen' is by «
    tchétchène », French writing names of peoples in lower case."""
    best, how = 0.0, ""
    others = [(fold(t), t[:1].islower() and _common_word(t, other.lang)) for t in WORD_RE.findall(other.text)
              if len(t) >= 3]
    for w in words:
        fw = fold(w)
        for t, common in others:
            s = fuzz.ratio(fw, t) / 100.0
            if s > best and (not common or s == 1.0):
                best, how = s, "spelling"
    return best, how


@functools.lru_cache(maxsize=65536)
def _common_word(word: str, lang: str) -> bool:
    """Does ``lang``'s dictionary know ``word`` (lower case) as a word of its own?"""
    from ..lexicons import wordnet
    from ..lexicons.dictionaries import fr_glosses, stem

    if lang == "fr":
        return bool(fr_glosses(word, word))
    return lang == "en" and wordnet.has_entry(stem(word))


def _sound_support_in_han(words: list[str], other: Passage, lang: Optional[str] = None) -> tuple[float, str]:
    """A Latin name's words in a Chinese text: written in Latin letters,
    romanized as pinyin (Chongqing), or transliterated (普京 / Putin)."""
    best, how = 0.0, ""
    latin_in_other = " " + fold(" ".join(re.findall(r"[A-Za-z][A-Za-z0-9.\-]*", other.text))) + " "
    windows = _sound_windows(other)
    romanized = _romanized(other.text)
    for w in words:
        if f" {fold(w)} " in latin_in_other:
            return 1.0, "written"
        if re.sub(r"[^a-z]", "", fold(w)) in romanized:
            return 1.0, "sound"  # Chongqing, Xiangtan: the Chinese romanized as pinyin
        v = _vowel_groups(w)
        for _, syl in windows:
            if not (max(1, v - 1) <= len(syl) <= v + 2):
                continue
            s = transliteration_score(w, syl, lang)
            if s > best:
                best, how = s, "sound"
    return best, how


def _sound_support_in_latin(name: str, text: str, lang: Optional[str] = None) -> tuple[float, str]:
    """A Chinese name in a Latin-script text: its pinyin written there, or a
    capitalized word (or two) it transliterates."""
    han = "".join(HAN_RUN_RE.findall(name))
    core = _han_generic_tail().sub("", han) or han
    if not core:
        return 0.0, ""
    if _pinyin_written_in("".join(syllables(core)), text):
        return 1.0, "sound"
    best, how = 0.0, ""
    toks = [p for t in WORD_RE.findall(text) if t[:1].isupper() for p in t.split("-") if p]
    cands = set(toks) | {f"{a} {b}" for a, b in zip(toks, toks[1:])}
    for c in sorted(cands):
        if len(c) < 3:
            continue
        s = transliteration_score(c, syllables(core), lang)
        if s > best:
            best, how = s, "sound"
    return best, how


# --------------------------------------------------------------------------
# a name misspelled in one version


def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang) if lang in LATIN_SCRIPT else 0.0


def _edit_kind(x: str, y: str) -> str:
    """How ``y`` differs from ``x`` by one edit: dropped, added, swapped or changed."""
    if len(y) < len(x):
        return "dropped"
    if len(y) > len(x):
        return "added"
    diff = [k for k in range(len(x)) if x[k] != y[k]]
    return "swapped" if len(diff) == 2 and diff[1] == diff[0] + 1 else "changed"


@functools.lru_cache(maxsize=65536)
def misspelling(a: str, b: str, a_lang: str, b_lang: str) -> Optional[tuple[str, str]]:
    """Is one of two Latin names the other with one word misspelled
    (Bernard Arnault / Bernrad Arnault, Airbus / Airbu)?  Returns (the
    misspelled form, how: dropped | added | swapped | changed), else None.
    The rule and its limits: models/lexicons/entity_rules.json
    "_comment_misspelled" (Damerau-Levenshtein, length-aware; not two
    names the gazetteer tells apart; not a word of its own language; between
    languages, not a rendering)."""
    from rapidfuzz.distance import OSA

    if not (latin_only(a) and latin_only(b)):
        return None
    wa, wb = latin_key(a).split(), latin_key(b).split()
    if len(wa) != len(wb):
        return None
    diffs = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(diffs) != 1 or min(len(diffs[0][0]), len(diffs[0][1])) < 3:
        return None
    x, y = diffs[0]
    rules = _rules()
    if OSA.distance(x, y) > max(1, max(len(x), len(y)) // int(rules["near_spelling_letters_per_edit"])):
        return None
    if known_apart(a, b):
        return None  # Iran / Iraq
    if _french_final_e(wa, wb, a_lang, b_lang):
        return None  # Lénine / Lenin: a name rendered in French
    # a Latin word in a Chinese text weighs below any other (-1): the Chinese
    # text's form is the misspelled one, whichever side it is given on
    za, zb = (-1.0 if a_lang == "zh" else _zipf(x, a_lang)), (-1.0 if b_lang == "zh" else _zipf(y, b_lang))
    wrong, right, wrong_lang = (y, x, b_lang) if zb <= za else (x, y, a_lang)
    kind = _edit_kind(right, wrong)
    limit = rules["misspelled_max_zipf"]
    # a Latin name in a Chinese text is written as the other version writes
    # names, not rendered by Chinese: a changed letter is a misspelling there
    # (Sutskever / Sutskevar went unseen: session 59, issue 9's misspelled
    # names kind)
    if a_lang != b_lang and "zh" not in (a_lang, b_lang):
        if kind == "changed":
            return None  # Slovénie / Slovenia: a name rendered in another language
        if kind in ("dropped", "added"):
            limit = rules["misspelled_cross_language_max_zipf"]  # Marseille / Marseilles
    if _zipf(wrong, wrong_lang) >= limit:
        return None
    return (b if wrong == y else a), kind


def _french_final_e(wa: list, wb: list, a_lang: str, b_lang: str) -> bool:
    """A one-word name whose French form is the other version's (English,
    or Latin letters in a Chinese text) with a final e, and a word French
    writes (wordfreq Zipf at least entity_rules.json
    fr_final_e_min_zipf): Lénine / Lenin, Staline / Stalin.  French
    renders names so (Lénine scores 2.07 in French, under the
    cross-language limit, and was a misspelled Lenin); Macrone is no French
    word, and stays a misspelled Macron.  Names of several words keep the
    rule: Christine Lagard is a misspelling."""
    if len(wa) != 1 or a_lang == b_lang or "fr" not in (a_lang, b_lang):
        return False
    fr, other = (wa[0], wb[0]) if a_lang == "fr" else (wb[0], wa[0])
    return fr == other + "e" and _zipf(fr, "fr") >= _rules()["fr_final_e_min_zipf"]


def french_plural(fr_name: str, before: str, other_name: str) -> bool:
    """A French name that is the other version's name plus a plural -s
    after a plural determiner (les Samis / the Sami, des Inuits / Inuit):
    French marks a people's name plural, English need not.  ``before`` is
    the French text just before the name.  Determiners:
    models/lexicons/entity_rules.json "fr_plural_determiners"."""
    a, b = latin_key(fr_name).split(), latin_key(other_name).split()
    if not a or len(a) != len(b) or a[:-1] != b[:-1] or a[-1] != b[-1] + "s":
        return False
    words = re.findall(r"\w+", before.casefold())
    return bool(words) and words[-1] in set(_rules()["fr_plural_determiners"])


def places_sound_apart(a: Mention, b: Mention) -> bool:
    """Are ``a`` and ``b`` two places in Latin letters that begin apart
    (:func:`_latin_places_apart`), or one written in Latin letters and one
    of three Chinese characters or more (佛州 is Florida shortened), that
    sound nothing alike (:func:`transliteration_score` at most
    entity_rules.json ``place_sound_apart_max``, the Chinese name without
    its generic head: 镇, 省), whose Chinese gloss does not spell the Latin
    name, and that the gazetteer cannot relate?  A Chinese place name is
    rendered by sound or known: a sentence encoder's likeness (two
    capitals, two ports) does not make it the other's.  Two places the
    gazetteer knows as two are apart however they sound: :func:`held_apart`."""
    if a.type != "LOC" or b.type != "LOC":
        return False
    if latin_only(a.text) and latin_only(b.text):
        return _latin_places_apart(a.text, a.lang, b.text, b.lang)
    latin, han = (a, b) if latin_letters(a.text) else (b, a)
    if not latin_letters(latin.text) or len(HAN_RE.findall(han.text)) < 3 or latin_letters(han.text):
        return False
    return _places_apart(latin.text, latin.lang, han.text, han.lang)


@functools.lru_cache(maxsize=4096)
def _latin_places_apart(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    """Two places written in Latin letters that begin with different letters
    (no accents, any case) and that the gazetteer cannot relate: « depuis
    Sydney » / 'from Melbourne', Dublin / Cork (a source-side break test,
    session 44: no finding).  A place keeps its name across French and
    English, or takes an exonym the gazetteer holds or that begins alike
    (Londres / London, Venise / Venice, Trèves / Trier); one that begins
    otherwise (Cologne / Köln) and that the gazetteer lacks is the risk."""
    x, y = strip_accents(a).casefold().lstrip(), strip_accents(b).casefold().lstrip()
    if not x or not y or x[0] == y[0]:
        return False
    return _gazetteer_verdict(a, _Text(b, b_lang)) is not True and _gazetteer_verdict(b, _Text(a, a_lang)) is not True


@functools.lru_cache(maxsize=4096)
def _places_apart(latin: str, latin_lang: str, han: str, han_lang: str) -> bool:
    """:func:`places_sound_apart` of two place names past its gate (the
    entity check asks it of one pair up to three times a bead)."""
    core = _han_generic_tail().sub("", han) or han  # 埃勒里镇 is the town of Ellery
    if transliteration_score(latin, syllables(core), latin_lang) > _rules()["place_sound_apart_max"]:
        return False
    if _glossed_alike(latin, han):
        return False  # 东南亚 'Southeast Asia' / « Asie (du Sud-Est) »: translated, not sounded
    # a place the gazetteer knows (法国) may hold one it does not (a French
    # town): only two places it cannot relate are held apart by sound
    verdict = _gazetteer_verdict(latin, _Text(han, han_lang))
    return verdict is False or (verdict is None and not gz.load().ids_of(han))


def held_apart(a: Mention, b: Mention) -> bool:
    """Two names that are two, whatever a sentence encoder's likeness or
    one's sound in the other's passage says: :func:`known_as_two` (the
    gazetteer's entries: Jiangsu / 浙江省, Paris / « Berlin »),
    :func:`places_sound_apart` (Stockholm / 哥本哈根) or
    :func:`persons_read_apart` (张伟明 / 'Zhang Weiping')."""
    return known_as_two(a, b) or places_sound_apart(a, b) or persons_read_apart(a, b)


def known_as_two(a: Mention, b: Mention) -> bool:
    """Two places or two organizations, in any scripts, that the gazetteer
    knows as two entries, neither written with a form of the other (a
    capital standing for its country counts as one: 'Beijing' / 中国):
    Jiangsu / 浙江省, Paris / « Berlin », Apple / « Microsoft ».  A sentence
    encoder finds such names alike and the sound of one may be in the
    other's passage (浙江省 / 'Jiangsu'); neither makes them one name."""
    if a.type != b.type or a.type not in ("LOC", "ORG"):
        return False
    return _known_apart(a.text, a.lang, b.text, b.lang)


@functools.lru_cache(maxsize=4096)
def _known_apart(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    # known_apart: two gazetteer entries (a Chinese name also without its
    # generic head, 江苏省 / 江苏); the verdicts: no form of either (a
    # capital's country included) in the other
    forms = [(x, _han_generic_tail().sub("", x) or x) if HAN_RE.search(x) else (x, x) for x in (a, b)]
    if not any(known_apart(x, y) for x in forms[0] for y in forms[1]):
        return False
    return _gazetteer_verdict(a, _Text(b, b_lang)) is False and _gazetteer_verdict(b, _Text(a, a_lang)) is False


def _glossed_alike(latin: str, han: str) -> bool:
    """Is a word of ``latin`` spelled like a word of a CC-CEDICT gloss of
    ``han`` (rapidfuzz ratio 70 or more: Asie / Asia)?"""
    from ..lexicons.dictionaries import zh_glosses, zh_known

    if not zh_known(han):
        return False
    gloss_words = {w for g in zh_glosses(han) for w in re.findall(r"[a-z]{3,}", fold(g))}
    return any(fuzz.ratio(w, g) >= 70 for w in re.findall(r"[a-z]{3,}", fold(latin)) for g in gloss_words)


@dataclass
class _Text:
    """A passage of one name alone (what :func:`_gazetteer_verdict` reads)."""

    text: str
    lang: str
    mentions: tuple = ()


def translated_name(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    """Two Latin names of one organization in French and English whose
    words differ only where a word is translated (Dongsheng Chimie /
    Dongsheng Chemical, Banque de France / Bank of France): every French
    word that differs has a FreeDict gloss spelled like the English word
    in its place, or of its stem (:func:`_same_stem`: chemistry / chemical).  A
    person's name has no gloss (Durand, Dupont)."""
    from ..lexicons.dictionaries import fr_glosses

    if b_lang == "fr":
        a, a_lang, b, b_lang = b, b_lang, a, a_lang
    if a_lang != "fr" or b_lang != "en":
        return False  # FreeDict glosses French words in English
    fr, en = a, b
    wf, we = content_words(latin_key(fr)).split(), content_words(latin_key(en)).split()
    apart = [(x, y) for x, y in zip(wf, we) if x != y]
    if len(wf) != len(we) or not apart:
        return False
    written = re.findall(r"[^\W\d_]+", fr.casefold())  # with its accents: FreeDict's headwords have them
    return all(any(_same_stem(fold(g), y) for w in written if latin_key(w) == x for g in fr_glosses(w, w))
               for x, y in apart)


def _same_stem(gloss: str, word: str) -> bool:
    """A gloss spelled like the word (ratio 75) or of its stem (a common
    start of five letters or more, most of the shorter: chemistry /
    chemical)."""
    stem = len(os.path.commonprefix([gloss, word]))
    return fuzz.ratio(gloss, word) >= 75 or (stem >= 5 and stem >= 0.6 * min(len(gloss), len(word)))


def rival_names(a: str, b: str) -> bool:
    """Two Latin names of two people who share a name: the same number of
    words, the same words but one, and that one spelled far apart (Joe Biden
    / Hunter Biden, Jean Dupont / Jean Durand, Wang Lihua / Huang Lihua: at
    most ``rival_max_ratio`` alike, models/lexicons/entity_rules.json).  A
    title for a name (Mme Obama / Michelle Obama: a helper's break test,
    session 64), a word dropped (Vladimir Putin / Putin) or a letter or two changed
    (Bernard Arnault / Bernrad Arnault) is no rival; neither are words in
    another order (Lihua Wang).  In a name whose every word is pinyin (Li
    Xiaoming / Liu Xiaoming) any other syllable is another name."""
    if not (latin_only(a) and latin_only(b)):
        return False
    wa, wb = latin_key(a.replace("-", "")).split(), latin_key(b.replace("-", "")).split()
    if len(wa) != len(wb) or len(wa) < 2 or sorted(wa) == sorted(wb):
        return False
    apart = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(apart) != 1:
        return False
    x, y = apart[0]
    if only_titles(x) or only_titles(y):
        return False  # Mme Moreau / Mrs Moreau, Mme Obama / Michelle Obama: a title, not another name
    if all(map(_pinyin_run, wa + wb)):
        return True  # Li / Liu, Chen / Cheng: in a Chinese name every syllable is a name of its own
    return fuzz.ratio(x, y) / 100.0 <= _rules()["rival_max_ratio"]


@functools.lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin reads a CJK Unified
    Ideograph as, those with a vowel (about 0.4 s, once per process)."""
    # syllables without a vowel (ng, m, hm: interjections) would split Wong into
    # wo + ng; _readings unwrapped: 21,000 characters would flush its cache
    return frozenset(r for cp in range(0x4E00, 0xA000) for r in _readings.__wrapped__(chr(cp))
                     if r and any(v in r for v in "aeiouv"))


@functools.lru_cache(maxsize=4096)
def _pinyin_run(word: str) -> bool:
    """Is ``word`` (lower case) one to three pinyin syllables run together (xiaoming)?"""
    syllables = pinyin_syllables()

    def split(w: str, left: int) -> bool:
        return w in syllables or (left > 1 and any(w[:k] in syllables and split(w[k:], left - 1)
                                                   for k in range(1, min(6, len(w)))))
    return split(word, 3)


@functools.lru_cache(maxsize=1)
def _han_titles() -> tuple[str, ...]:
    """The Chinese titles of models/lexicons/references.json ``title`` (主席, 总理, 總統)."""
    return tuple(lexicon.load("references").get("title", {}).get("zh", ()))


def romanized_person(han: str) -> Optional[str]:
    """A Chinese person's name of two to four characters as pinyin with
    the surname apart (王丽华 -> 'wang lihua'), else None (a transliterated
    foreign name with its separator, 格雷琴·惠特默, is no Chinese name)."""
    if not (2 <= len(han) <= 4) or not all(HAN_RE.fullmatch(c) for c in han):
        return None
    syllables = _pinyin(han)
    return f"{syllables[0]} {''.join(syllables[1:])}"


def persons_read_apart(a: Mention, b: Mention) -> bool:
    """A Chinese person's name (two to four characters, no separator) and a
    person's name written in pinyin (two or three words, every word pinyin
    syllables: 'Xi Jinping', 'Duan Mengqi') that no reading of the Chinese
    characters spells, surname first or last (heteronyms read every way:
    曾 zeng or ceng): two people.  A Chinese name in the Latin alphabet is
    its characters' pinyin, so a sound test's partial likeness (锦涛 jintao
    / 'Jinping') does not carry it (a source-side break test, session 47:
    胡锦涛 / 'Xi Jinping' and 刘晓雯 / 'Duan Mengqi' were silent).  Names
    romanized otherwise are not judged: a hyphen or an apostrophe marks
    Wade-Giles and Cantonese ('Chou En-lai', 'Hui Ching-yu'), and an
    English given name rarely splits into pinyin (:func:`_pinyin_name`).
    The Latin name may carry any NER type the gazetteer does not
    contradict."""
    if latin_only(a.text) == latin_only(b.text):
        return False
    (han, han_type), (latin, latin_type) = sorted(((a.text, a.type), (b.text, b.type)), key=lambda n: latin_only(n[0]))
    if han.endswith(_han_titles()):
        return False  # 习主席 'President Xi' is a surname and a title, no full name to spell (xi zhuxi / Xi Jinping)
    # the small English model tags some pinyin names LOC ('Duan Mengqi'): any
    # type the gazetteer does not hold as a place or a body
    if han_type != "PER" or latin_type != "PER" and gz.load().lookup(latin) is not None:
        return False
    if re.search(r"[-'’]", latin):
        return False  # Wade-Giles and Cantonese hyphenate the given name (Chou En-lai, Chan Mo-po): no pinyin
    words = latin_key(latin).split()
    if romanized_person(han) is None or _transliterated(han) or not _pinyin_name(words):
        return False
    # ... nor when the characters spell one word of it: LAC split the surname off (解|小东 / 'Xie Xiaodong')
    return not any(_spells(han, w) for w in ["".join(words), *words]) and not _spells(han[1:] + han[0], "".join(words))


def _transliterated(han: str) -> bool:
    """A foreign name in Chinese characters without its separator: three
    characters or more, every one a transliteration character
    (entity_rules.json ``transliteration_chars``: 尼克松, 特朗普; 朱德,
    two, is read as Chinese)."""
    return len(han) >= 3 and all(c in _translit_chars() for c in han)


def _pinyin_name(words: list[str]) -> bool:
    """Two words (lower case, no hyphen) shaped as a Chinese name in pinyin:
    one of them a single syllable (the surname, first or last), the other
    one or two syllables, the second beginning with a consonant ('Xi
    Jinping', 'Duan Mengqi', 'Li Na').  English given names that split into
    syllables only through a bare vowel fail ('Ang Lee': le|e; 'Eileen
    Gu'), as do three-syllable ones ('Teresa Teng')."""
    if len(words) != 2:
        return False
    syllables_ = pinyin_syllables()

    def given(w: str) -> bool:
        return w in syllables_ or any(w[:k] in syllables_ and w[k:] in syllables_ and w[k] not in "aeiouv"
                                      for k in range(1, len(w)))
    return any(words[k] in syllables_ and given(words[1 - k]) for k in (0, 1))


def surname_read_as(han: str, latin_words: list[str]) -> bool:
    """Is one of ``latin_words`` a reading of the first character of
    ``han`` (heteronyms too: 曾 zeng or ceng, 单 shan or dan)?"""
    return any(r in latin_words for r in _readings(han[0])) if han else False


def _spells(han: str, letters: str) -> bool:
    """Do the characters of ``han``, each read one of its ways, spell ``letters``?"""
    if not han:
        return not letters
    return any(letters.startswith(r) and _spells(han[1:], letters[len(r):]) for r in _readings(han[0]) if r)


def known_apart(a: str, b: str) -> bool:
    """The gazetteer knows ``a`` and ``b`` as two different entities (Iran / Iraq)."""
    ha, hb = gz.load().lookup(a), gz.load().lookup(b)
    return ha is not None and hb is not None and ha.id != hb.id


# a word of letters (digits and ' - after the first) that stops at a Han character
_NON_HAN_WORD = re.compile(r"(?:(?![" + HAN + r"])[^\W\d_])(?:(?![" + HAN + r"])[\w'’\-])*")


def misspelled_in(name: str, name_lang: str, text: str, text_lang: str) -> Optional[tuple[int, int, str]]:
    """Where ``text`` writes the Latin name ``name`` with one word misspelled,
    whether or not a NER tagged it there: (start, end, how) of the words of
    ``text`` standing for the name, else None.  The other words of a
    multi-word name must be written as they are."""
    if not latin_only(name) or appears_in(name, text):
        return None
    n = len(latin_key(name).split())
    # words of Latin letters: in a Chinese text a Latin name is glued to the Han characters
    # around it (据Ilya Sutskever透露), which \w would take into its words
    toks = list(_NON_HAN_WORD.finditer(text))
    for i in range(len(toks) - n + 1):
        s, e = toks[i].start(), toks[i + n - 1].end()
        cand = text[s:e]
        if not cand[:1].isupper():
            continue
        got = misspelling(name, cand, name_lang, text_lang)
        if got is not None and got[0] == cand:
            return s, e, got[1]
    return None


# --------------------------------------------------------------------------
# a name rendered by its dictionary translation


def _en_stems(text: str) -> frozenset[str]:
    from ..lexicons.dictionaries import stem

    return frozenset(stem(w) for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text))


def _gloss_words(glosses, described: bool = False) -> list[frozenset[str]]:
    """The content words of each gloss, stemmed, without bracketed notes:
    'Colosseum (Rome)' -> {colosseum}, 'United States' -> {unit, state};
    a name's gloss only up to its first comma ('Rome, capital of Italy'
    -> {rome}) unless ``described``."""
    from ..lexicons.dictionaries import gloss_keys, meaningful

    out = []
    for g in meaningful(glosses):
        keys = gloss_keys([re.sub(r"\(.*?\)|\[.*?\]", " ", g)], names=not described)
        if keys:
            out.append(keys)
    return out


def _other_keys(other: Passage, described: bool = False) -> frozenset[str]:
    """English keys of every word of ``other`` (see
    lexicons.dictionaries): CC-CEDICT words of a Chinese text (a name's
    gloss up to its first comma unless ``described``), FreeDict glosses and
    stems of French words, stems of English words."""
    from ..lexicons.dictionaries import fr_glosses, gloss_keys, stem, zh_text_keys
    from ..lexicons.dictionaries import fold as unaccent

    text = other.text
    if other.lang == "zh":
        return zh_text_keys(text, 6, names=not described)
    stems = _en_stems(unaccent(text))
    if other.lang != "fr":
        return stems
    words = [w.casefold() for w in WORD_RE.findall(text)]
    return stems | frozenset(k for w in words for k in gloss_keys(list(fr_glosses(w, w)))) | {stem(w) for w in words}


def glossed_in(name: str, lang: str, other: Passage, described: bool = False) -> bool:
    """Is ``name`` (in ``lang``) rendered in ``other`` by a dictionary
    translation (CC-CEDICT, FreeDict fra-eng, English as the pivot)?  A
    Chinese or French name is when every content word of one of the
    dictionary's glosses of the whole name stands in an English ``other``
    (热那亚 / Genoa, 美国 'United States' / not 'the first state'); an English
    name is when every content word of it is a gloss of a word of ``other``
    (Best Costume Design / 最佳服装设计, Colosseum / 罗马斗兽场).  Names the
    sound and spelling tests miss because they were translated, not
    transliterated.  A name's gloss counts up to its first comma ('Rome,
    capital of Italy' renders no 'Italy'); with ``described``, whole: is
    the name *described* there (罗马 says Rome is in Italy, so 'Rome,
    Italy' adds nothing), a weaker tie than a rendering.  A name the
    gazetteer knows is rendered by one of its forms or not at all (as in
    :func:`name_support`): 'United States' is no rendering of 英国 'United
    Kingdom' and 国家 'state' side by side (a source-side break test,
    session 47)."""
    from ..lexicons.dictionaries import fr_glosses, gloss_keys, stem, zh_glosses, zh_known

    verdict = None if described else _gazetteer_verdict(name, other)
    if verdict is not None:
        return verdict

    if lang != "en" and other.lang == "en":  # zh or fr name, English pivot
        if lang == "zh" and not zh_known(name):
            return False  # glosses of its characters (大阪府: 'prefecture') say nothing of the name
        glosses = zh_glosses(name) if lang == "zh" else fr_glosses(name.casefold(), name.casefold())
        stems = _en_stems(other.text)
        return any(words <= stems for words in _gloss_words(glosses, described))
    if lang == "en" and other.lang != "en":
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", name) if gloss_keys([w])]
        keys = _other_keys(other, described)
        return bool(words) and all(stem(w) in keys for w in words)
    return False
