"""The languages rumorlens handles and the scripts and addresses it must
recognize in their text, each written once.

Every stage imports these; ``tests/test_langs.py`` fails when a list of the
handled languages, a Han character range or a web-address pattern is written
anywhere else in ``src/``.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Optional

# The languages rumorlens reads, compares and reports on.
HANDLED = ("zh", "fr", "en")
# Those of them written in the Latin script (names stay Latin across them).
LATIN_SCRIPT = ("fr", "en")
# Those whose verbs mark tense: a plain past there answers a future
# (compare.claims.check_tense); Chinese marks aspect (了, 已经), not tense.
TENSE_MARKING = ("fr", "en")
# How explanations name them.
LANG_NAMES = {"zh": "Chinese", "fr": "French", "en": "English"}
# Which version of a document pair is the source side: Chinese, then English,
# then French (the sample corpus goes zh -> fr and zh -> en).
SOURCE_ORDER = ("zh", "en", "fr")


@functools.lru_cache(maxsize=256)
def base_language(code: Optional[str]) -> Optional[str]:
    """The language of a language tag as rumorlens names it ('fr-FR', 'FR',
    'en_US', 'zh-Hans-CN', 'fre', 'zho' -> 'fr', 'en', 'zh'), or None when
    the tag is empty, not a tag, or names a language outside ``HANDLED``.
    BCP 47 tags read by langcodes (ISO 639-2/3 codes included), underscores
    taken for hyphens as CAT tools write them."""
    import langcodes

    text = (code or "").strip().replace("_", "-")
    if not text:
        return None
    try:
        lang = langcodes.Language.get(text).language
    except (ValueError, LookupError):
        return None
    return lang if lang in HANDLED else None


def lang_name(lang: str) -> str:
    """'Chinese', 'French', 'English', or 'other'."""
    return LANG_NAMES.get(lang, "other")


# Han characters, for a regex character class: CJK Unified Ideographs with
# Extension A, the compatibility ideographs and the supplementary-plane
# extensions (B and after).  Everything that asks "is this Chinese
# script?" (language detection, sentence starts, name transliteration, text
# weight) uses this one range.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
HAN_RE = re.compile("[" + HAN + "]")
HAN_RUN_RE = re.compile("[" + HAN + "]+")


@functools.lru_cache(maxsize=65536)
def text_weight(text: str) -> int:
    """Length of ``text`` (stripped) in 'characters of Latin text': a Han
    character carries about as much as three Latin letters.  The one
    measure of length for clauses, page furniture and the compare checks.
    Cached: the checks weigh the same beads and clauses again (120,000
    calls at 10^4 sentences, issue 12)."""
    text = text.strip()
    return len(text) + 2 * len(HAN_RE.findall(text))  # one match per Han character, scanned in C


# Kana and Hangul: the other scripts written without spaces, where a
# character rather than a word is the unit of length.
KANA = "\u3040-\u30ff"
HANGUL = "\uac00-\ud7af\u1100-\u11ff"
CJK_RE = re.compile("[" + KANA + HAN + HANGUL + "]")
# CJK punctuation (、。「」 and the ideographic space) and full-width forms
# (，！：): written without spaces around them, like Han characters
CJK_PUNCT = "\u3000-\u303f"
FULLWIDTH = "\uff00-\uffef"


def is_han(char: str) -> bool:
    """One character of the Han range above."""
    return HAN_RE.match(char) is not None


# Latin letters, for a regex character class: ASCII, Latin-1 and Latin
# Extended-A/B (Basic Latin to U+024F).
LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
LATIN_RE = re.compile("[" + LATIN_LETTERS + "]")



def latin_only(text: str) -> bool:
    """Latin script only, character by character: letters, digits and
    punctuation below U+0250 (· and ’ allowed).  The strict test, for a
    whole name as the gazetteer keys it; "" passes."""
    return all(ord(c) < 0x250 or c in "·’" for c in text)


def latin_letters(text: str) -> bool:
    """Has letters and every one is a Latin letter (its Unicode name says
    LATIN); digits, punctuation and other characters do not count (GPT-5,
    OpenAI（美国） pass).  The lenient test the checks apply to a name."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def strip_accents(text: str) -> str:
    """Compatibility-decomposed (NFKD) text without its combining marks:
    Zoë -> Zoe, ﬁ -> fi.  Case is left as it is."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


# Web addresses.  URL_SCHEME starts an address a browser can open as a link;
# URL_RE runs to the next white space (a line that is only an address, a
# link in Latin-script prose); URL_IN_TEXT_RE also stops at a closing bracket
# or quote, since Chinese text runs on with no space after an address.
URL_SCHEME = r"https?://"
_URL_START = r"(?:" + URL_SCHEME + r"|www\.)"
URL_RE = re.compile(_URL_START + r"\S+")
URL_IN_TEXT_RE = re.compile(_URL_START + r"[^\s)\]>\"'）」]+")
# A wiki page's reference marker: numbers of one to three digits in square
# brackets written against the word or sign before them ([1], ［12］, [1, 2],
# [n 1], [note 3]), not a figure of the text ('born 30 April 1949)[1]' of a
# copied page was set against 2017, session 63).  A year in brackets has four
# digits; a bracket after a space is the text's own (« de 20 € à [25] € »).
REFERENCE_MARKER = r"[\[［](?:[^\W\d_]{1,5}\.?\s?)?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*[\]］]"
REFERENCE_MARKER_RE = re.compile(r"(?<=\S)" + REFERENCE_MARKER)
# Markdown's link target "](address)": an address whatever it looks like.
MARKDOWN_TARGET = r"\]\([^)]*\)"
URL_OR_TARGET_RE = re.compile(URL_RE.pattern + "|" + MARKDOWN_TARGET)
# A line that is nothing but an address.
URL_LINE = r"^\s*" + URL_RE.pattern + r"\s*$"
# Words that are pieces of an address, not names (http, https, www).
URL_WORDS = ("http", "https", "www")


def url_piece(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a piece of a web address rather than a word:
    http, https or www, a scheme right before "://", or a word right after
    one of / = ? & % (a path or a query)."""
    if text[start:end].lower() in URL_WORDS or text[end:end + 3].startswith("://"):
        return True
    return start > 0 and text[start - 1] in "/=?&%"


def source_host(address: Optional[str]) -> str:
    """The host of a source address such as ``https://www.example.org/a``,
    lower case, without a leading ``www.`` ('' when there is none): which
    site a document comes from."""
    from urllib.parse import urlsplit

    if not address:
        return ""
    try:
        netloc = urlsplit(address.strip()).hostname or ""
    except ValueError:
        return ""
    return netloc.lower().removeprefix("www.")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (and half-em units on a page):
    wide and full-width characters (CJK, Unicode east_asian_width W or F)
    count two, every other one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
