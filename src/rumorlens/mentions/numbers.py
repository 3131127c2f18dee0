"""Numbers and quantities in Chinese, French and English.

A number mention is found in two steps: an *atom* (digits in the separator
convention of the language, a Chinese numeral, or number words), then the
words around it that change its meaning: a scale word (万, milliard, B), a
range, a unit or currency, an approximation marker.  Values are floats in the
language's own convention; French ``billion``/``trillion`` are long scale and
carry the English (short-scale) reading in ``alt_values`` (see crossling).
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

import roman

from ..langs import HAN, HANDLED, LATIN_SCRIPT
from ..records import Mention
from . import lexicon

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9,
             # financial forms (大写)
             "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
CN_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"

SPACE = r"[ \t]"


# --------------------------------------------------------------------------
# atoms


def parse_digits(s: str, lang: str) -> float:
    """Digits written in the convention of ``lang``: '1,76' and '1 000' in
    French, '1,000.5' in English and Chinese."""
    s = lexicon.fold(s).strip()
    if lang == "fr":
        s = s.replace(" ", "")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
            s = s.replace(".", "")
        return float(s.replace(",", "."))
    s = s.replace(" ", "")
    if "," in s and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):
        return float(s.replace(".", ""))  # 1.200.000: two points or more group digits, as in French
    return float(s.replace(",", "."))


def parse_chinese(s: str) -> float:
    """A Chinese numeral: 一千五百, 两百万, 一万亿, 二〇二四 (digit by digit)."""
    s = s.strip().replace("萬", "万").replace("億", "亿").replace("万万", "亿")
    if not s:
        raise ValueError("empty numeral")
    if "点" in s:  # 五十六点三三 = 56.33; 一点五亿 = 1.5 x 10^8 (a scale after the decimals)
        whole, frac = s.split("点", 1)
        scale = next((w for w in ("万亿", "亿", "万") if frac.endswith(w) and len(frac) > len(w)), "")
        frac = frac[:len(frac) - len(scale)]
        if not frac or not all(c in CN_DIGITS for c in frac) or scale and any(c in "万亿" for c in whole):
            raise ValueError(f"not a Chinese numeral: {s!r}")
        value = parse_chinese(whole or "零") + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
        return value * (parse_chinese("一" + scale) if scale else 1.0)
    if all(c in CN_DIGITS for c in s):
        if len(s) == 1:
            return float(CN_DIGITS[s])
        return float("".join(str(CN_DIGITS[c]) for c in s))
    if "亿" in s:
        head, tail = s.split("亿", 1)
        return (parse_chinese(head) if head else 1.0) * 1e8 + (parse_chinese(tail) if tail else 0.0)
    if "万" in s:
        head, tail = s.split("万", 1)
        if len(tail) == 1 and tail in CN_DIGITS:
            tail = tail + "千"  # 一万三 = 13000 (the next unit down is implied)
        return (parse_chinese(head) if head else 1.0) * 1e4 + (parse_chinese(tail) if tail else 0.0)
    total, digit, last_unit, zero = 0.0, None, None, False
    for c in s:
        if c in CN_DIGITS:
            if CN_DIGITS[c] == 0:
                zero = True
            digit = CN_DIGITS[c]
        elif c in CN_UNITS:
            total += (1 if not digit else digit) * CN_UNITS[c]  # 零十二: the 十 counts as 10
            last_unit = CN_UNITS[c]
            digit, zero = None, False
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    if digit:
        # 一千五 = 1500, 三百五 = 350: a trailing digit right after a unit
        # means the next unit down (not after 零: 一百零五 = 105)
        total += digit * (last_unit // 10 if last_unit and last_unit >= 100 and not zero else 1)
    return total


def _word_table(lang: str) -> dict:
    return lexicon.load("numbers")["words"].get(lang, {})


def parse_words(s: str, lang: str) -> float:
    """Number words: 'twenty-five', 'two hundred', 'vingt et un',
    'quatre-vingt-dix-neuf' (99), 'deux mille trois cents' (2300).

    Hundreds multiply what is before them; thousands (mille) close a group;
    a tens word of numbers.json "multiplied_tens" (vingt) multiplies the unit
    word right before it (quatre-vingts = 80).  KeyError for a word that is
    not a number word."""
    words = _word_table(lang)
    multiplied = lexicon.load("numbers").get("multiplied_tens", {}).get(lang, ())
    total, current, last = 0.0, 0.0, None
    for w in re.split(r"[\s\-]+", s.lower()):
        if not w or w in ("and", "et"):
            last = None  # soixante et onze: added, not multiplied
            continue
        v = words[w]
        if v == 100:
            current = (current or 1) * 100
        elif w in ("dozen", "douzaine"):
            current = (current or 1) * 12
        elif v >= 1000:
            total += (current or 1) * v
            current = 0.0
        elif w in multiplied and last is not None and 2 <= last <= 9:
            current += last * (v - 1)  # the unit already added, now times v
        else:
            current += v
        last = v
    return total + current


@dataclass
class Atom:
    start: int
    end: int
    value: float
    source: str  # "digits" | "cn" | "words" | "fraction"
    approx: Optional[str] = None
    value_high: Optional[float] = None
    scale_word: Optional[str] = None
    alt_value: Optional[float] = None  # another reading of the whole (a false friend's short scale)
    spoken_year: bool = False  # 'nineteen ninety eight': a year said in two groups (_year_pair)


@functools.lru_cache(maxsize=None)
def _digits_pattern(lang: str) -> str:
    if lang == "fr":
        return (r"\d{1,3}(?:[ \u202f]\d{3})+(?:,\d+)?(?![\d])"
                r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])"
                r"|\d+,\d+|\d+\.\d+|\d+|(?:(?<=^)|(?<=\s)),\d+")
    # 1.200.000: points that group digits (two or more), in an English or Chinese text too
    grouped = r"\d{1,3}(?:\.\d{3}){2,}(?![\d.])|"
    # 共有1 200人: a space groups digits in a Chinese text, which puts no space between two numbers
    # (not after a letter or a hyphen, nor before a letter: GPT-3 176B)
    spaced = r"(?<![A-Za-z0-9.\-])\d{1,3}(?:[ \u00a0]\d{3})+(?![\dA-Za-z])|" if lang == "zh" else ""
    if lang == "en":
        # 'Some 12 000 people': English written in the SI style, or translated from French, groups digits
        # with a space too (read as 12 and a bare 000: session 59, issue 9's zero kind); not after a
        # month name, where the first figure is a day: 'on March 4 200 people'
        # nor, unless a group opens with 0 (no count is written 000: '12 000 Syrians'), before a
        # hyphen or a capitalised word, where the figures are a count and a compound or a model:
        # '3 500-page books', '150 737 MAX jets', '2 911 Porsches'
        spaced = (_not_after_month_names("en") + r"(?<![\w.,\-])(?:\d{1,3}(?:[ \u00a0]\d{3})*[ \u00a0]0\d\d"
                  r"(?:[ \u00a0]\d{3})*(?:\.\d+)?(?![\w]|[.,]\d)|\d{1,3}(?:[ \u00a0]\d{3})+(?:\.\d+)?"
                  r"(?![\w\-]|[.,]\d|[ \u00a0][A-Z]))|")
    return (grouped + spaced + r"\d{1,3}(?:\u202f\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"
            r"|\d+\.\d+|\d+|(?:(?<=^)|(?<=\s)|(?<=-))\.\d+")


def _approx_before_pattern(ab: dict, approx: dict, units: dict, lang: str) -> str:
    """The regex of an approximation word right before a French or English
    number (group 1: the word), or of a bound of approx.json
    bound_through_determiner before a determiner and at most one adjective
    (units.json adjectives_before_unit): 'at least the previous three',
    « au moins les trois » ('over the previous three years' stays no
    bound: 'over' is not one of them)."""
    start = r"(?:^|(?<=[\s(（,，、:：“\"'«]))"
    spec = approx.get("bound_through_determiner", {}).get(lang)
    if not spec:
        return start + "(" + lexicon.alternation(ab) + r")[ ]?$"
    adjectives = units.get("adjectives_before_unit", {}).get(lang, [])
    gap = (r"[ ](?:" + lexicon.alternation(spec["determiners"]) + r")(?:[ ](?:" + lexicon.alternation(adjectives)
           + r"))?")
    return (start + "((?:" + lexicon.alternation(ab) + r")(?=[ ]?$)|(?:" + lexicon.alternation(spec["bounds"]) + r")(?="
            + gap + r"[ ]?$))(?:" + gap + r")?[ ]?$")


def _adjective_before_unit(units: dict, lang: str) -> str:
    """An optional adjective between a number and its unit word (« trois
    dernières années », 'two long years': units.json
    adjectives_before_unit), taken only when a unit word of a duration
    follows it, whole and plural ('three more hour-long episodes', 'two new
    year groups' are no durations; of other units a word may begin a compound:
    'five other euro zone countries', 'two more won gold', « deux grands
    pieds de vigne »).  Not after a year (:func:`_unit_after`).  An empty
    string when ``lang`` lists none."""
    words = units.get("adjectives_before_unit", {}).get(lang)
    if not words:
        return ""
    # plural forms only: 'three new year groups' is no duration (and « mois », « ans » are plural too)
    word_units = [k for k, (_, kind) in units["suffix"][lang].items()
                  if kind == "duration" and len(k) > 2 and k.isalpha() and k[-1] in "sx"]
    return (r"(?:(?:" + lexicon.alternation(words) + r")[ ](?=(?:" + lexicon.alternation(word_units)
            + r")(?![\w'’-])))?")


def _not_after_month_names(lang: str) -> str:
    """Lookbehinds that fail right after a month name and a space (as
    written, capitalized or upper case): dates.json months."""
    names = lexicon.load("dates")["months"][lang]
    forms = sorted({f for k in names for f in (k, k.capitalize(), k.upper())}, key=lambda f: (-len(f), f))
    return "".join(r"(?<!" + re.escape(f) + r" )(?<!" + re.escape(f) + r"\. )" for f in forms)


# --------------------------------------------------------------------------
# context around an atom


@dataclass
class _Lex:
    lang: str
    scale: dict
    scale_re: re.Pattern
    suffix_re: re.Pattern
    units: dict
    unit_re: re.Pattern
    prefix_units: dict
    prefix_re: re.Pattern
    approx_before: dict
    approx_before_re: re.Pattern
    approx_after: dict
    approx_after_re: re.Pattern
    words_re: Optional[re.Pattern]
    ordinal_words: dict
    ordinal_re: Optional[re.Pattern]
    vague: dict
    vague_re: Optional[re.Pattern]
    vague_alt: dict  # a vague amount's short-scale reading, for a French billion or trillion
    false_friend: dict
    half_re: Optional[re.Pattern]  # " and a half", " et demi" (numbers.json "half_after")
    joints: tuple  # what joins the parts of a number in scale words (numbers.json "chain_joints")
    bound_after_noun: dict  # a bound after the counted noun (approx.json "after_noun")
    bound_after_noun_re: Optional[re.Pattern]


_LEX: dict = {}


def _lex(lang: str) -> _Lex:
    if lang in _LEX:
        return _LEX[lang]
    nums = lexicon.load("numbers")
    approx = lexicon.load("approx")
    units = lexicon.load("units")
    scale = nums["scale"][lang]
    if lang == "zh":
        scale_re = re.compile(r"[ ]*(" + lexicon.alternation(scale) + ")")
    else:
        scale_re = re.compile(r"(?:[ ]|-)(" + lexicon.alternation(scale) + r")(?![\w])")
    suffix_re = re.compile(r"[ ]?(" + lexicon.alternation(nums["suffix_scale"]) + r")(?![0-9A-Za-z\u00c0-\u024f])")  # not 12 000 bénévoles
    unit_map = units["suffix"][lang]
    if lang == "zh":
        unit_re = re.compile(r"[ ]?(?:个)?[ ]?(" + lexicon.alternation(unit_map) + ")")
    else:
        unit_re = re.compile(r"(?:[ ]?(?:of |de |d'|d’)?)" + _adjective_before_unit(units, lang) + "("
                             + lexicon.alternation(unit_map) + r")(?![\w])", re.I)
    prefix = units["prefix"]
    prefix_re = re.compile("(" + lexicon.alternation(prefix) + r")[ ]?$")
    ab = approx["before"][lang]
    # Chinese: a verb of having or reaching may come between (约有三百, 超过了三百: approx.json links)
    links = approx.get("links", {}).get(lang)
    link = "(?:" + lexicon.alternation(links) + ")?" if links else ""
    approx_before_re = re.compile(_approx_before_pattern(ab, approx, units, lang)
                                  if lang != "zh" else "(?:(" + lexicon.alternation(ab) + ")" + link
                                  + _adverb_link(approx.get("adverb_links", {}).get(lang)) + r")[ ]?$", re.I)
    aa = approx["after"][lang]
    approx_after_re = re.compile(r"[ ]?(" + lexicon.alternation(aa) + ")" + (r"(?![\w])" if lang != "zh" else ""))
    words = nums["words"].get(lang)
    words_re = None
    if words:
        w = lexicon.alternation(words)
        # joints: space, hyphen, ' and '/' et ', and '-et-' (vingt-et-un, soixante-et-onze: the 1990 spelling)
        words_re = re.compile(r"(?<![\w\-])((?:" + w + r")(?:(?:[ \-]|[ ]and[ ]|[ ]et[ ]|-et-)(?:" + w + r"))*)(?![\w\-])",
                              re.I)
    ow = nums["ordinal_words"].get(lang, {})
    ordinal_re = re.compile(r"(?<![\w\-])(" + lexicon.alternation(ow) + r")(?![\w\-])", re.I) if ow else None
    vague, vague_alt = _vague_scale(nums, lang)
    vague_re = (re.compile(r"(?<![\w])(" + lexicon.alternation(vague) + r")(?:[ ](?:of|de|d'|d’)|(?=[ ]))", re.I)
                if vague else None)
    half = nums.get("half_after", {}).get(lang)
    half_re = re.compile(r"[ ](?:" + lexicon.alternation(half) + r")(?![\w])", re.I) if half else None
    after_noun = approx.get("after_noun", {})
    an = after_noun.get(lang, {})
    # words of letters only, one blank between: a digit or a punctuation mark ends the noun phrase
    an_re = re.compile(r"(?:[ ][^\W\d_][\w'’\-]*){1,%d}?[ ](%s)(?![\w])" % (after_noun.get("words", 0), lexicon.alternation(an)),
                       re.I) if an and after_noun.get("words") else None
    lx = _Lex(lang, scale, scale_re, suffix_re, unit_map, unit_re, prefix, prefix_re, ab, approx_before_re, aa,
              approx_after_re, words_re, ow, ordinal_re, vague, vague_re, vague_alt,
              nums["false_friend_short"].get(lang, {}), half_re, tuple(nums.get("chain_joints", {}).get(lang, ())),
              an, an_re)
    _LEX[lang] = lx
    return lx


def _vague_scale(nums: dict, lang: str) -> tuple[dict, dict]:
    """numbers.json's vague orders of magnitude of ``lang`` (lower case ->
    value): those listed, and those its templates make of the scale words
    ('tens of {pl}', « des {pl} »); with the short-scale reading of those made
    of a false friend (« des trillions »: 10^18, or 10^12 when the translator
    copied the English word)."""
    scale, false_friend = nums["scale"].get(lang, {}), nums["false_friend_short"].get(lang, {})
    vague = {k.lower(): v for k, v in nums["vague_scale"].get(lang, {}).items()}
    alt: dict = {}
    for template, factor in nums.get("vague_templates", {}).get(lang, {}).items():
        for word in nums.get("vague_scale_words", {}).get(lang, ()):
            key = template.format(sg=word, pl=word + "s").lower()
            if key in vague:
                continue
            vague[key] = factor * scale[word]
            if word in false_friend:
                alt[key] = factor * false_friend[word]
    return vague, alt


def _adverb_link(spec: Optional[dict]) -> str:
    """The alternative of a Chinese bound adverb before the verb phrase
    whose first figure it bounds (approx.json ``adverb_links``: 至少造成10人,
    至少已经在全省各地造成了12人), its marker as the second group; '' without
    one.  The figure is the first numeral after the marker: the stretch
    between holds none."""
    if not spec:
        return ""
    barred = "".join(sorted(set("".join(spec.get("not_verb", ()))) | set(CN_CHARS)))  # its first numeral is the figure
    first = "(?![" + re.escape("".join(spec.get("not_first", ()))) + "])" if spec.get("not_first") else ""
    between = first + "(?:(?![" + re.escape(barred) + "])[" + HAN + "]){1,%d}" % int(spec["reach"])
    return "|(" + lexicon.alternation(spec["markers"]) + ")" + between


_CLASSIFIERS = None


def _classifiers() -> str:
    global _CLASSIFIERS
    if _CLASSIFIERS is None:
        _CLASSIFIERS = lexicon.load("units")["zh_classifiers"]
    return _CLASSIFIERS


@functools.lru_cache(maxsize=None)
def _name_before() -> re.Pattern:
    """Letters or a model-family word just before the digits make a name,
    not a quantity: GPT-4, o1, Claude 3.5, Sonnet 3.6, Llama 3 (the words:
    numbers.json "name_before_digits")."""
    words = lexicon.load("numbers")["name_before_digits"]
    # \Z, not $: $ also matches before a final line break ("Ki-moon\n10th" is no name)
    return re.compile(r"(?:[A-Za-z][\-_.]?|(?:" + lexicon.alternation(words) + r")[ ]?)\Z")


def _is_name_digits(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12):start]
    if _name_before().search(before):
        return True
    after = text[end:end + 2]
    # '4o', '3B' is fine (scale suffix) but '4o' / '1st' handled elsewhere
    suffix = r"[KMBTkxb](?![A-Za-z\u00c0-\u024f])|(st|nd|rd|th|e|er|ère|ème)\b|bn|tn|mn"
    if after[:1].isalpha() and after[:1].isascii() and not re.match(suffix, after + text[end + 2:end + 4]) \
            and _money_scale_letter(text, start, end) is None:
        return True
    if text[end:end + 1] in (":",) and text[end + 1:end + 2].isdigit():
        return True  # a time of day
    if start > 0 and text[start - 1] in ":/" and start > 1 and text[start - 2].isdigit():
        return True
    return False


def _money_scale_letter(text: str, start: int, end: int) -> Optional[re.Match]:
    """A scale letter of numbers.json ``suffix_scale_after_money`` right
    after the figure, when a currency symbol (units.json ``prefix``) stands
    right before it: '$45m', '£1.5m', '€5mn'.  None otherwise."""
    money = lexicon.load("numbers").get("suffix_scale_after_money", {})
    if not money:
        return None
    letter = re.match(r"(" + lexicon.alternation(money) + r")(?![0-9A-Za-z\u00c0-\u024f])", text[end:])
    if letter is None:
        return None
    symbols = lexicon.load("units")["prefix"]
    return letter if re.search("(" + lexicon.alternation(symbols) + r")[ ]?$", text[max(0, start - 8):start]) else None


def _model_name_before(text: str, start: int) -> bool:
    from .entities import product_name_before

    return product_name_before(text, start)


class _Atoms:
    """Atoms found so far and the characters they take: a later finder may
    only use free characters (earlier finders win overlaps)."""

    def __init__(self, text: str) -> None:
        self.atoms: list[Atom] = []
        self.taken = [False] * (len(text) + 1)

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])

    def add(self, a: Atom) -> None:
        if not self.free(a.start, a.end):
            return
        for i in range(a.start, a.end):
            self.taken[i] = True
        self.atoms.append(a)


def _half_and_vague_atoms(text: str, lang: str, lx: _Lex, found: _Atoms) -> None:
    """"un demi-milliard", "half a billion"; vague orders of magnitude:
    "tens of millions of", "des millions de"."""
    if lang == "en":
        for m in re.finditer(r"(?<![\w])(half an? )(thousand|million|billion|trillion)(?![\w])", text, re.I):
            found.add(Atom(m.start(), m.end(), 0.5 * lx.scale[m.group(2).lower()], "words", scale_word=m.group(2)))
    if lang == "fr":
        for m in re.finditer(r"(?<![\w])(?:(?:un|une) )?demi[\- ]?(millions?|milliards?|billions?)(?![\w])", text, re.I):
            found.add(Atom(m.start(), m.end(), 0.5 * lx.scale[m.group(1).lower()], "words", scale_word=m.group(1)))
    if lx.vague_re:
        for m in lx.vague_re.finditer(text):
            key = m.group(1).lower()
            found.add(Atom(m.start(1), m.end(1), lx.vague[key], "words", approx="several", scale_word=m.group(1),
                           alt_value=lx.vague_alt.get(key)))


@dataclass(frozen=True)
class _FractionRules:
    """numbers.json ``fractions`` for one language, compiled."""

    pattern: Optional[re.Pattern]  # numerator, joint, denominator (English, French)
    numerators: dict  # numerator word -> value
    articles: frozenset  # numerators that may be an article ('a third time'): need context
    denominators: dict
    context_denominators: frozenset  # denominators that may be a time ('two quarters'): need context
    whole_re: re.Pattern  # (article) and a word that is a fraction alone
    whole: dict
    after_re: Optional[re.Pattern]  # what makes a written-out fraction one: 'of', « des »
    by_re: Optional[re.Pattern]  # 'by', « d' » before it
    veto_after_re: Optional[re.Pattern]
    not_before: frozenset
    percent_denominators: frozenset  # Chinese: 百分之, 千分之 are percentages
    hyphen_max: int  # the largest numerator joined by a hyphen ('one-third'; not 'twenty-fifth')
    definite: frozenset  # definite articles: a numerator only before ``definite_denominators``
    definite_denominators: frozenset
    of_scale_re: Optional[re.Pattern]  # 'of a' and the scale word after a fraction ('a quarter of a million')
    ratio_re: Optional[re.Pattern] = None  # numerator, words, joint, denominator ('one in four', « un sur cinq »)


@functools.lru_cache(maxsize=None)
def _fraction_rules(lang: str) -> Optional[_FractionRules]:
    rules = lexicon.load("numbers").get("fractions", {}).get(lang)
    if not rules:
        return None
    alt = lexicon.alternation
    articles = {w: 1 for w in rules.get("articles", ())}
    numerators = {**{w: v for w, v in _word_table(lang).items() if 1 <= v <= 99 and w not in articles}, **articles}
    dens = rules.get("denominators", {})
    pattern = (re.compile(r"(?<![\w\-])(" + alt(numerators) + r")([ \-])(" + alt(dens) + r")(?![\w\-])", re.I)
               if dens else None)
    whole = rules["whole"]
    if lang == "zh":
        whole_re = re.compile("()(" + alt(whole) + ")")
    else:
        whole_re = re.compile(r"(?<![\w\-'’])(?:(" + alt(articles) + r")[ ])?(" + alt(whole) + r")(?![\w\-])", re.I)

    def after(words):  # a word after one space (an elided « d' » joins the next word)
        return re.compile(r"[ ](?:" + alt(words) + r")(?:(?<=['’])|(?![\w]))", re.I) if words else None

    joins = rules.get("of_scale")
    of_scale = (re.compile(r"[ ](?:" + alt(joins) + r")(?:[ ]|(?<=['’]))([^\W\d_]+)", re.I) if joins else None)
    by = rules.get("by_before")
    by_re = re.compile(r"(?:^|(?<=[\s(]))(?:" + alt(by) + r")(?:[ ]|(?<=['’]))\Z", re.I) if by else None
    return _FractionRules(pattern, numerators, frozenset(articles), dens,
                          frozenset(rules.get("context_denominators", ())), whole_re, whole,
                          after(rules.get("of_after")), by_re,
                          after(rules.get("not_after")), frozenset(rules.get("not_before", ())),
                          frozenset(rules.get("percent_denominators", ())), rules.get("hyphen_numerator_max", 0),
                          frozenset(rules.get("definite_articles", ())),
                          frozenset(rules.get("definite_denominators", ())), of_scale,
                          _ratio_pattern(rules, numerators))


def _ratio_pattern(rules: dict, numerators: dict) -> Optional[re.Pattern]:
    """numbers.json fractions ``ratio_joints``: a number (a word of
    ``numerators`` or digits), up to ``ratio_between_words`` words, a
    joint, a number."""
    joints = rules.get("ratio_joints")
    if not joints:
        return None
    num = r"(\d{1,4}|" + lexicon.alternation(numerators) + r")"
    between = r"((?:[ ][^\W\d_]+){0,%d}?)" % int(rules.get("ratio_between_words", 0))
    return re.compile(r"(?<![\w\-.,])" + num + between + r"[ ](?:" + lexicon.alternation(joints) + r")[ ]" + num
                      + r"(?![\w\-]|[.,]\d)", re.I)


def _fraction_atoms(text: str, lang: str, found: _Atoms) -> None:
    """Common fractions: 'two-thirds', 'a quarter of', « les trois quarts
    des », « réduit d'un tiers », 'half of', 三分之一, 一半 (numbers.json
    ``fractions``: which written-out ones are fractions, not ordinals)."""
    rules = _fraction_rules(lang)
    if rules is None:
        return
    if lang == "zh":
        _cn_fraction_atoms(text, rules, found)
    elif rules.pattern is not None:
        _written_fractions(text, rules, found, lang)
    if rules.ratio_re is not None:
        _ratio_fractions(text, rules, found, lang)
    for m in rules.whole_re.finditer(text):
        before = text[max(0, m.start() - 40):m.start()].rstrip()
        if lang == "zh":
            if before[-1:] in rules.not_before:
                continue  # 另一半 'one's other half'
        elif re.split(r"[\s'’]", before)[-1].lower() in rules.not_before \
                or not _reads_as_fraction(text, m.start(), m.end(), rules):
            continue  # 'the first half of the year'
        found.add(Atom(m.start(), m.end(), rules.whole[m.group(2).lower()], "fraction"))


def _written_fractions(text: str, rules: _FractionRules, found: _Atoms, lang: str) -> None:
    """A numerator word and a denominator ('three fifths', « deux tiers »),
    unless they read as an ordinal or a time (_FractionRules)."""
    for m in rules.pattern.finditer(text):
        num, den = m.group(1).lower(), m.group(3).lower()
        if num in rules.definite and den not in rules.definite_denominators:
            continue  # « le cinquième des candidats »: the fifth
        if m.group(2) == "-":
            if rules.numerators[num] > rules.hyphen_max:
                continue  # 'twenty-fifth', « deux-centième »: ordinals
        elif (num in rules.articles or den in rules.context_denominators) \
                and not _reads_as_fraction(text, m.start(), m.end(), rules):
            continue  # 'a third time', 'two quarters in a row'
        elif rules.veto_after_re is not None and rules.veto_after_re.match(text, m.end()):
            continue
        value = rules.numerators[num] / rules.denominators[den]
        found.add(_fraction_of_scale(text, m.start(), m.end(), value, rules, lang)
                  or Atom(m.start(), m.end(), value, "fraction"))


def _ratio_fractions(text: str, rules: _FractionRules, found: _Atoms, lang: str) -> None:
    """'one in four', 'three out of every ten', « un Français sur trois »:
    numerator / denominator, a proportion, where no number word stands
    between them and the numerator is the smaller."""
    words = _word_table(lang)
    for m in rules.ratio_re.finditer(text):
        between = m.group(2).split()
        if any(w.lower() in words or w.lower() in _lex(lang).scale for w in between):
            continue  # 'one million in four years'
        num, den = (float(g) if g[0].isdigit() else float(rules.numerators.get(g.lower(), words.get(g.lower(), 0)))
                    for g in (m.group(1), m.group(3)))
        if not 0 < num < den <= 1000 or not found.free(m.start(), m.end()):
            continue  # 'rose 3 in 2019': a year
        found.add(Atom(m.start(), m.end(), num / den, "fraction"))


def _fraction_of_scale(text: str, s: int, e: int, value: float, rules: _FractionRules,
                       lang: str) -> Optional[Atom]:
    """'a quarter of a million', « un quart de million »: a count, the
    fraction of the scale word (250,000), not a fraction and a million
    (numbers.json fractions ``of_scale``)."""
    m = rules.of_scale_re.match(text, e) if rules.of_scale_re is not None else None
    scale = _lex(lang).scale
    if m is None or m.group(1).lower() not in scale:
        return None
    word = m.group(1)
    return Atom(s, m.end(), value * scale[word.lower()], "words", scale_word=word)


def _reads_as_fraction(text: str, s: int, e: int, rules: _FractionRules) -> bool:
    """A written-out fraction at [s, e) that no ordinal or time reading
    competes with: followed by 'of' or « des », or preceded by 'by' or
    « d' », and not by a vetoed word (« un quart de finale »)."""
    if rules.veto_after_re is not None and rules.veto_after_re.match(text, e):
        return False
    return bool((rules.after_re is not None and rules.after_re.match(text, e))
                or (rules.by_re is not None and rules.by_re.search(text[max(0, s - 12):s])))


_CN_FRACTION = re.compile(r"([0-9]+|[" + CN_CHARS + r"]+)分之"
                          r"([0-9]+(?:\.[0-9]+)?|[" + CN_CHARS + r"]+(?:点[" + CN_CHARS + r"]+)?)")


def _cn_fraction_atoms(text: str, rules: _FractionRules, found: _Atoms) -> None:
    """N分之M (M / N): 三分之一, 四分之三, 3分之2; not 百分之, 千分之, 万分之 (percentages)."""
    for m in _CN_FRACTION.finditer(text):
        try:
            den, num = (float(g) if g[0].isdigit() else parse_chinese(g) for g in m.groups())
        except ValueError:
            continue
        if den <= 0 or den in rules.percent_denominators:
            continue
        found.add(Atom(m.start(), m.end(), num / den, "fraction"))


def _list_number(text: str, s: int, e: int, digits: str) -> bool:
    """A heading or list number at the start of a line: "1. ", "2、",
    "1.2 Title"."""
    k = s  # only blanks and list or heading marks back to the line's start (read back from s: not
    while k > 0 and text[k - 1] in " \t#*>":  # the whole line, which a one-line file makes quadratic)
        k -= 1
    return (k == 0 or text[k - 1] == "\n") and bool(
        re.match(r"[.．]\s|[、)）]", text[e:e + 2])
        or (re.fullmatch(r"\d{1,2}(?:\.\d{1,2})+", digits)
            and re.match(r" (?:[A-Z]|[" + HAN + r"])", text[e:e + 2])
            and not re.match(r" ?(?:[万亿千百]|[KMBT]\b)", text[e:e + 3])))


# Latin letters and digits around, not Han characters: 约3/4的选民, 升级到3.10.2版本
_SLASHED = re.compile(r"(?<![A-Za-z0-9_/.,:])(?:(\d{1,3})[ \u00a0])?(\d{1,3})[/／⁄](\d{1,3})(?![A-Za-z0-9_/／⁄]|[.,]\d)")
_DOTTED = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:\.\d+){2,}(?![A-Za-z0-9_]|\.\d)")


@functools.lru_cache(maxsize=1)
def _slash_date_word_re() -> re.Pattern:
    """numbers.json slash_date_words, as the last word before a figure."""
    return re.compile(r"(?:^|\s)(?:" + lexicon.alternation(lexicon.load("numbers")["slash_date_words"]) + r")\s$")


def _slashed_and_dotted(text: str, found: _Atoms) -> None:
    """Digits around a slash or between several points (session 59, a
    break test of issue 9's kinds): 3/4, 1/3, ３／４ are fractions (a numerator
    below a denominator of at most 10, or 100; after a whole, a mixed
    number: 1 1/2 = 1.5), as 'three quarters' and
    四分之三 are, where the first figure alone was read as a count; other
    slashed pairs (24/7, 9/11, 50/50) and dotted runs that do not group
    thousands (192.168.1.1, version 3.10.2) are no quantity, and none of
    their figures is read (a date among them is read by the dates)."""
    for m in _SLASHED.finditer(text):
        whole, num, den = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
        start = m.start() if m.group(1) else m.start(2)  # 1 1/2 cups: a whole and a fraction
        if 0 < num < den and (den <= 10 or den == 100):
            if not _slash_date_word_re().search(text[max(0, start - 4):start]):  # on 3/4: a date
                found.add(Atom(start, m.end(), whole + num / den, "fraction" if not whole else "digits"))
            continue
        found.taken[m.start(2):m.end()] = [True] * (m.end() - m.start(2))
    for m in _DOTTED.finditer(text):
        if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m.group()):  # 1.200.000 groups thousands
            found.taken[m.start():m.end()] = [True] * (m.end() - m.start())


def _digit_spans(text: str, lang: str):
    """Spans of digits in the convention of ``lang``; in English, digits a
    space groups are cut after the first group when a label stands before
    them (numbers.json en_space_group_not_after: 'page 12 300 words') or a
    capitalised word inside the sentence ('Route 66 200 miles', 'Apollo 11
    600 million viewers'): a name's number, then a count."""
    for m in re.finditer(_digits_pattern(lang), text):
        s, e = m.start(), m.end()
        cut = re.match(r"\d+[ \u00a0]", m.group()) if lang == "en" else None
        if cut and _labelled(text, s):
            yield s, s + cut.end() - 1
            yield s + cut.end(), e
        else:
            yield s, e


def _labelled(text: str, s: int) -> bool:
    """Is the English word right before ``s`` a label of a number, or a
    capitalised word that is neither a function word nor an approximation?"""
    m = re.search(r"([^\W\d_]+)[ \u00a0]$", text[max(0, s - 24):s])
    if m is None:
        return False
    word = m.group(1)
    if word.casefold() in lexicon.load("numbers").get("en_space_group_not_after", ()):
        return True
    if not word[0].isupper():
        return False
    # a capitalised word: a name ('Apollo 11 600 million'), unless a function word or an
    # approximation opens the sentence with it ('Some 12 000', 'Nearly 45 000': approx.json before)
    from .entities import stop_words

    low = word.casefold()
    return low not in stop_words("en") and low not in lexicon.load("approx")["before"].get("en", ())


def _digit_atoms(text: str, lang: str, found: _Atoms) -> None:
    """Digits in the language's separator convention, with a sign; not part
    of a longer number, a name (GPT-4) or a heading number."""
    for s, e in _digit_spans(text, lang):
        digits = text[s:e]
        if not found.free(s, e):
            continue
        if s > 0 and (text[s - 1].isdigit() or (text[s - 1] in ".," and s > 1 and text[s - 2].isdigit())):
            continue
        if _is_name_digits(text, s, e):
            continue
        if _list_number(text, s, e, digits):
            continue
        value = parse_digits("0" + digits if digits[0] in ".," else digits, lang)
        # a vulgar fraction written after the digits: 1½ million, 2¾
        vulgar = text[e:e + 1]
        if vulgar and unicodedata.category(vulgar) == "No" and 0 < unicodedata.numeric(vulgar, 0) < 1 \
                and found.free(e, e + 1):
            value, e = value + unicodedata.numeric(vulgar), e + 1
        # a sign: "-10000" (not the hyphen of a range "5-10"), 负10000
        if s > 0 and (text[s - 1] == "-" and (s == 1 or text[s - 2] in " \t\n(") or text[s - 1] == "负"):
            s, value = s - 1, -value
        found.add(Atom(s, e, value, "digits"))


_CN_APPROX_PAIR = re.compile(r"(十)?([一两二三四五六七八九])([两二三四五六七八九])([十百千万亿]*)")


def _cn_neighbour_digits(core: str, after: str):
    """Two neighbouring digits give an approximate range (两三个 = 2-3,
    三五天 = 3-5, 五六十 = 50-60, 十一二 = 11-12, 七八万 = 70,000-80,000);
    (low, high, "about"), or None when ``core`` is not such a pair or no
    classifier, unit or scale follows it."""
    m = _CN_APPROX_PAIR.fullmatch(core)
    if not m:
        return None
    lo, hi = CN_DIGITS[m.group(2)], CN_DIGITS[m.group(3)]
    if not 1 <= hi - lo <= 2 or (m.group(1) and m.group(4)):
        return None
    if not m.group(4) and not re.match("[" + _classifiers() + "]|年|个|倍|天|周|小时|分钟|秒|名|位|人|元|美元|亿|万", after):
        return None
    scale = parse_chinese("一" + m.group(4)) if m.group(4) else 1.0
    base = 10.0 if m.group(1) else 0.0
    return (base + lo) * scale, (base + hi) * scale, "about"


def _rough_bare_scale(core: str, after: str, per: str) -> bool:
    """A scale numeral alone (十, 百, 千, 万) told roughly: a word of
    approx.json ``before_unit`` then a classifier or a person (百余人,
    千余名, 十来个), or a classifier or a person after an approximation
    word of approx.json ``before`` (近百人, 约千名)?  Alone it is also a word
    (百姓, 千万, 万一), so it needs one of these."""
    if len(core) != 1 or core not in "十百千万":
        return False
    cls = _classifiers()
    counted = "(?:[" + cls + "]|人|名|位|家|年|天|次|倍|元|美元)"
    approx = lexicon.load("approx")
    rough_after = approx.get("before_unit", {}).get("zh", {})
    if rough_after and re.match("(?:" + lexicon.alternation(rough_after) + ")" + counted, after):
        return True
    return bool(re.match(counted, after)) and any(per.endswith(w) for w in approx["before"].get("zh", {}))


def _below_zero(per: str) -> bool:
    """A lone numeral after a word that makes it negative (零下五度: numbers.json
    negative_before) is a number, though alone it needs a classifier."""
    return any(per.endswith(w) for w in lexicon.load("numbers")["negative_before"]["zh"])


def _opens_range(core: str, after: str) -> bool:
    """A lone Chinese numeral that opens a range to a larger one (五到十人,
    三至五年, 十到二十): a number, though alone it needs a classifier; the
    range reader joins the two."""
    m = re.match("[到至]([" + CN_CHARS + "]+)(.?)", after)
    if not m or core == "一" or (m.group(2) and m.group(2) in lexicon.load("numbers")["zh_range_not_before"]):
        return False  # 一到 is 'as soon as' (一到晚上); 三到五月 is March to May
    try:
        return parse_chinese(m.group(1)) > parse_chinese(core)
    except ValueError:
        return False


def _cn_value(core: str, lead: Optional[str], before: str, after: str, per: str):
    """(value, high, approx) of a run of Chinese numerals, or None when the
    run is a word rather than a number (千万 as "by all means", 一一, 三三两两).
    ``approx`` is only set for 几 (a few)."""
    cls = _classifiers()
    if "几" in core:
        if core == "十几":
            return 11.0, 19.0, "about"
        if core.startswith("几") and len(core) > 1 and core[1] in "十百千万亿":
            try:
                return parse_chinese("一" + core[1:]), None, "several"
            except ValueError:
                return None
        try:  # 二十几万 ~ 200000, 一百零几万 ~ 1000000
            return parse_chinese(core.replace("几", "")), None, "about"
        except ValueError:
            return None
    pair = _cn_neighbour_digits(core, after)
    if pair is not None:
        return pair
    rough = _rough_bare_scale(core, after, per)  # 近百人, 百余人, 十来个: a round figure told roughly
    if core[0] in "十百千万亿" and not lead and len(core) == 1 and not re.match("[" + cls + "]|年|个|倍|天|周|小时|分钟|秒|元|美元",
                                                                             after) \
            and not (core == "十" and after[:1] == "人") and not _opens_range(core, after) \
            and not _below_zero(per) and not per.endswith("分之") and not rough:
        return None  # 百分之十 is 10 %: the numerator of a fraction needs no classifier
    if before == "每":
        return None  # 每百万个 tokens: "per million", a rate, not a quantity
    if core[0] in "百千万亿" and not lead and not per.endswith("分之") and not rough:
        # 千万/万一/百度 are words; a bare scale needs a classifier after it (百分之百: 100 %)
        if not re.match("[" + cls + "]|人|美元|元|倍|年|天", after):
            return None
    if all(c in CN_DIGITS for c in core):
        if len(core) == 1:
            # 成 is tenths (三成 = 30 %, _read_unit); not after 一 (一成不变 is an idiom); a single
            # digit before 折 stays unread: 八折 is 80 % of the price, which 'sold at 20% off' says
            ok_after = re.match("[" + cls + "]|年|个|倍|天|周|小时|分钟|秒|名|位|人|美元|元|亿|万|成", after)
            if core == "一":
                ok_after = re.match("年半|个半|个月|倍|年|周|天|小时", after) or before == "第" \
                    or (_bound_before(per) and re.match("[" + cls + "]|名|位|人", after)) or _colloquial_money(after)
            if before == "第" or per.endswith("分之") or _opens_range(core, after) or _below_zero(per) \
                    or _subunit_amount_at(after, per):
                ok_after = True
            if not ok_after:
                return None
        elif not re.match("年", after) and before != "第":
            return None  # 三三两两, 一一
    try:
        return parse_chinese(core), None, None
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def _bound_before_re() -> re.Pattern:
    """A Chinese bound adverb, then maybe a verb of having (approx.json
    adverb_links markers and links), ending the text."""
    approx = lexicon.load("approx")
    markers = approx.get("adverb_links", {}).get("zh", {}).get("markers", [])
    links = approx.get("links", {}).get("zh", [])
    return re.compile("(?:" + lexicon.alternation(markers) + ")(?:" + lexicon.alternation(links) + ")?$")


def _bound_before(per: str) -> bool:
    """Does a bound adverb end ``per`` (至少有一名 'at least one': 一 is then a
    figure, not the article-like 'a' it mostly is)?"""
    return bool(_bound_before_re().search(per))


_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def _cn_well_formed(run: str) -> int:
    """Length of the longest prefix of a run of Chinese numerals that is one
    well-formed number: within a group of 万 or 亿, the units 十, 百, 千 only
    decrease (七十 then 百 starts another word: 百分之七十百分位 is 70 %)."""
    last = 10 ** 5
    for k, c in enumerate(run):
        if c == "点":
            return len(run)  # the decimals follow
        if c in "万亿萬億":
            last = 10 ** 5
        elif c in _CN_SMALL_UNITS:
            if _CN_SMALL_UNITS[c] >= last:
                return k
            last = _CN_SMALL_UNITS[c]
    return len(run)


def _cn_atoms(text: str, found: _Atoms) -> None:
    """Runs of Chinese numerals (一千五百, 两百万, 二十几万, 500余万), with a
    leading 数/几 (several) or 上 (over) and a sign 负."""
    digit_chars = "".join(CN_DIGITS)
    # 多/余 inside a run after a numeral (一千多万 'over ten million'), never opening one: 最多十人 is
    # 'at most ten', not 多十 'over ten' (a break test of session 44: a medium bound_reversed)
    run_re = (r"([数上几](?=[十百千万亿]))?((?:[" + CN_CHARS + r"几]|(?<=[" + CN_CHARS + r"几])[多余来](?=[十百千万亿萬億])|点(?=["
              + digit_chars + r"]))+)")
    not_decimal = tuple(lexicon.load("numbers").get("zh_point_not_decimal_after", ()))
    for m in re.finditer(run_re, text):
        lead, run = m.group(1), m.group(2).rstrip("点")
        if run.startswith("点"):
            continue  # 重点一是: 点 closes a word, no decimals without a whole part
        if run.startswith("一点") and text[:m.start(2)].endswith(not_decimal):
            run = "一"  # 这一点, 有一点, 差一点: 'this point', 'a little', 'almost', not 1.x
        run = run[:_cn_well_formed(run)]  # 百分之七十百分位: 七十, not 七十百
        s, e = m.start(), m.start(2) + len(run)
        if not run:
            continue
        if not found.free(s, e):
            continue
        before = text[s - 1:s] if s else ""
        approx = ("over" if lead == "上" else "several") if lead else None
        core = run
        if re.search("[多余来]", core):  # 一千多万, 500余万: "more than"; 十来万: "about"
            approx = approx or ("about" if "来" in core else "over")
            core = re.sub("[多余来]", "", core)
        if before == "负":
            s -= 1
        read = _cn_value(core, lead, before, text[e:e + 6], text[max(0, s - 3):s])
        if read is None:
            continue
        value, high, cn_approx = read
        if cn_approx is not None:
            approx = cn_approx
        if before == "负":
            value = -value
        half = _cn_half_after_scale(core, text, e)
        if half:
            value, e = value + half, e + 1
        scale_word = next((w for w in ("万亿", "亿", "万") if w in core), None)
        found.add(Atom(s, e, value, "cn", approx=approx, value_high=high, scale_word=scale_word))


def _cn_half_after_scale(core: str, text: str, e: int) -> float:
    """Half the last scale of ``core`` when 半 follows it as a number's
    half (一亿半, 两万半元), else 0 (numbers.json zh_half_after_scale)."""
    rule = lexicon.load("numbers")["zh_half_after_scale"]
    if text[e:e + 1] != "半":
        return 0.0
    scale = next((w for w in rule["scales"] if core.endswith(w)), None)
    after = text[e + 1:e + 4]
    if scale is None or (after and re.match("[" + HAN + "]", after) and not after.startswith(tuple(rule["then"]))):
        return 0.0
    return 0.5 * parse_chinese("一" + scale)


def _word_atoms(text: str, lang: str, lx: _Lex, found: _Atoms) -> None:
    """Number words: 'twenty-five', 'deux cents', 'two and a half' (a word
    run that does not parse is skipped)."""
    if lang not in LATIN_SCRIPT or not lx.words_re:
        return
    for m in lx.words_re.finditer(text):
        s, e = m.start(1), m.end(1)
        if not found.free(s, e):
            continue
        run, end, half = m.group(1), e, 0.0
        if lx.half_re:
            # "one and a half million": the run took "one and a"; the half follows
            for k in range(len(run)):
                if run[k] == " " and lx.half_re.match(text, s + k) and lx.half_re.match(text, s + k).end() > e:
                    run, end, half = run[:k], lx.half_re.match(text, s + k).end(), 0.5
                    break
        pair = None if half else _year_pair(run, lang)
        try:
            value = pair if pair is not None else parse_words(run, lang) + half
        except KeyError:
            continue
        # 'three point five percent', « zéro virgule cinq pour cent »; not 'a point three' (an article)
        articles = lexicon.load("numbers").get("articles", ())
        decimals = None if half or run.casefold() in articles else _spoken_decimals(text, end, lang, lx)
        if decimals is not None:
            value, end = int(value) + decimals[0], decimals[1]
        found.atoms.append(Atom(s, end, value, "words", spoken_year=pair is not None))
        for i in range(s, end):
            found.taken[i] = True


def _year_pair(run: str, lang: str) -> Optional[int]:
    """The year said as two groups of two digits in ``run`` ('nineteen
    ninety eight' 1998, 'twenty twenty four' 2024; numbers.json
    spoken_year_pairs: the first group one of its centuries, the second a
    teen or a tens word and its unit); None for any other run (a cardinal
    never puts a tens word after a teen or another tens word)."""
    spec = lexicon.load("numbers").get("spoken_year_pairs", {}).get(lang)
    if not spec:
        return None
    table = _word_table(lang)
    words = [w for w in re.split(r"[\s\-]+", run.lower()) if w]
    if not 2 <= len(words) <= 3 or any(w not in table for w in words):
        return None
    v = [table[w] for w in words]
    second_ok = 10 <= v[1] <= 19 or v[1] in (20, 30, 40, 50, 60, 70, 80, 90)
    unit_ok = len(v) == 2 or (v[1] >= 20 and 1 <= v[2] <= 9)
    if v[0] in spec["centuries"] and second_ok and unit_ok:
        return int(v[0] * 100 + sum(v[1:]))
    return None


def _spoken_decimals(text: str, pos: int, lang: str, lx: "_Lex") -> Optional[tuple[float, int]]:
    """(the fraction, its end) of decimals said digit by digit after a
    number word at ``pos``: ' point five' (0.5), ' virgule zéro cinq'
    (0.05); numbers.json ``decimal_point_words``.  Before a scale word, a
    unit of percent, money or measure, or no word at all: 'at one point
    five people left' is a moment and five people.  None when there are
    none."""
    spoken = _spoken_decimals_re(lang)
    if spoken is None:
        return None
    pattern, digits = spoken
    m = pattern.match(text, pos)
    if not m:
        return None
    measured = lx.scale_re.match(text, m.end()) or (
        (u := lx.unit_re.match(text, m.end())) is not None
        and lx.units[_unit_key(lx, u.group(1))][1] in ("percent", "money", "measure"))
    if not measured and re.match(r"[ ]*[^\W\d_]", text[m.end():]):
        return None  # another word follows: 'at one point five people left'
    said = "".join(str(digits[w.lower()]) for w in m.group(1).split())
    return float("0." + said), m.end()


@functools.lru_cache(maxsize=None)
def _spoken_decimals_re(lang: str) -> Optional[tuple[re.Pattern, dict]]:
    """The pattern of :func:`_spoken_decimals` for ``lang`` and its digit
    words (word -> 0-9); None for a language without decimal_point_words."""
    point = lexicon.load("numbers").get("decimal_point_words", {}).get(lang)
    if not point:
        return None
    digits = {w: int(v) for w, v in _word_table(lang).items() if v == int(v) and 0 <= v <= 9}
    word = "(?:" + lexicon.alternation(digits) + ")"
    return re.compile(r"[ ](?:" + lexicon.alternation(point) + r")[ ](" + word + r"(?:[ ]" + word + r")*)(?![\w-])",
                      re.I), digits


def find_atoms(text: str, lang: str) -> list[Atom]:
    """Candidate numbers (before context), on folded text, sorted by start.
    Finders run in priority order (halves and vague amounts, fractions,
    digits, Chinese numerals, number words); an earlier one wins
    overlapping characters."""
    lx = _lex(lang)
    found = _Atoms(text)
    _half_and_vague_atoms(text, lang, lx, found)
    _fraction_atoms(text, lang, found)
    _slashed_and_dotted(text, found)
    _digit_atoms(text, lang, found)
    if lang == "zh":
        _cn_atoms(text, found)
    _word_atoms(text, lang, lx, found)
    found.atoms.sort(key=lambda a: a.start)
    _signed(text, lang, found.atoms)
    return found.atoms


def _signed(text: str, lang: str, atoms: list[Atom]) -> None:
    """Atoms after a word that makes them negative (numbers.json
    negative_before: 零下5, 'minus five') take the word and the sign."""
    nums = lexicon.load("numbers")
    words = nums["negative_before"].get(lang, [])
    if not words:
        return
    gap = "" if lang == "zh" else " "
    for a in atoms:
        if a.value is None or a.value <= 0:
            continue
        for w in words:
            s = a.start - len(w) - len(gap)
            if s >= 0 and text[s:a.start].casefold() == w + gap and (gap == "" or s == 0 or not text[s - 1].isalnum()) \
                    and not any(text[:s].rstrip().casefold().endswith(n) for n in nums["negative_not_after"][lang]):
                a.start, a.value = s, -a.value
                if a.value_high is not None:
                    a.value_high = -a.value_high
                break


# --------------------------------------------------------------------------
# mentions


def _match_scale(text: str, pos: int, lx: _Lex, atom: Atom):
    """(new_end, factor, word, alt_factor) for a scale word right after ``pos``."""
    m = lx.scale_re.match(text, pos)
    if m and atom.source == "cn":
        run = text[atom.start:atom.end] + m.group(1)
        if _cn_well_formed(run) < len(run):
            m = None  # 七十 then 百分位: the 百 is not a scale word of 七十
    if m:
        w = m.group(1)
        key = w if w in lx.scale else w.lower()
        if key in lx.scale:
            return m.end(), lx.scale[key], w, lx.false_friend.get(key)
    if atom.source == "digits":
        m = lx.suffix_re.match(text, pos)
        if m:
            return m.end(), lexicon.load("numbers")["suffix_scale"][m.group(1)], m.group(1), None
        # '$45m', '£1.5m', '£5m-a-year': after a currency symbol a lower-case m is million, not metres
        letter = _money_scale_letter(text, atom.start, pos)
        if letter:
            return pos + letter.end(), lexicon.load("numbers")["suffix_scale_after_money"][letter.group(1)], \
                letter.group(1), None
    return None


def _prefix(text: str, start: int, lx: _Lex):
    """Currency symbol, approximation marker and ordinal/percent prefix before ``start``."""
    unit = kind = approx = None
    s = start
    window = text[max(0, s - 8):s]
    m = lx.prefix_re.search(window)
    if m:
        unit, kind = lx.prefix_units[m.group(1)]
        s -= len(m.group(0))
    window = text[max(0, s - 24):s]  # a Chinese bound adverb and its verb phrase (approx.json adverb_links)
    m = lx.approx_before_re.search(window)
    if m and m.group(0).rstrip() != m.group(1) and text[s:s + 4].isdigit() and _bare_year().fullmatch(text[s:s + 4]) \
            and not text[s + 4:s + 5].isdigit():
        m = None  # a bound across a determiner before a year: 'at least the 2020 election' (a date, no bound)
    if m:
        key = next(g for g in m.groups() if g)  # a marker before the figure, or before its verb (Chinese)
        a = lx.approx_before.get(key) or lx.approx_before.get(key.lower())
        if a:
            approx = a
            if m.group(1):  # not a verb phrase's adverb: its stretch may hold other mentions (最多将在明年减少500亿)
                s -= len(m.group(0))
    return s, unit, kind, approx


def tidy(v: float) -> float:
    """``v`` to 15 significant digits: 1.025 x 1e9 is 1025000000.0, not the
    binary 1024999999.9999999 (values are compared and printed)."""
    return float(f"{float(v):.15g}")


def _make(lang, doc_id, text, start, end, kind, value, **kw) -> Mention:
    return Mention(doc_id=doc_id, start=start, end=end, text=text[start:end], lang=lang, kind="number",
                   type=kind, value=tidy(value), **kw)


@dataclass
class _Reading:
    """A number mention read outwards from its atom: the span so far
    (``start``, ``pos``), the value with its scale and range, and the kind,
    unit and approximation found around it."""

    atom: Atom
    value: float
    high: Optional[float]
    scale_word: Optional[str]
    pos: int
    start: int
    alt: list = field(default_factory=list)
    approx: Optional[str] = None
    factor: Optional[float] = None  # the scale word's factor, None without one
    kind: str = "count"
    unit: Optional[str] = None
    ordinal: bool = False


def _folded_for_numbers(text: str, lang: str) -> str:
    """``text`` folded one code point for one (offsets unchanged): full-width
    forms, no-break and thin spaces between digits kept as U+202F (they group
    thousands in every language, a plain space only in French), Chinese
    traditional forms and a full-width thousands comma."""
    ft = lexicon.fold(text)
    ft = "".join("\u202f" if c in "\u00a0\u202f\u2009\u2007" and 0 < i < len(text) - 1 and text[i - 1].isdigit()
                 and lexicon.fold(text[i + 1]).isdigit() else ft[i] for i, c in enumerate(text))
    if lang == "zh":
        # traditional forms, one character for one (offsets unchanged)
        ft = ft.translate(str.maketrans("萬億兩負幾點個", "万亿两负几点个"))
        # ４，５６５: a full-width comma as thousands separator
        ft = re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", ft)
    return ft


def _read_scale(ft: str, lang: str, lx: _Lex, atoms: list[Atom], i: int, r: _Reading) -> int:
    """A scale word after the atom (万, milliard, B), an inner 多/余 before it
    (30多万), and Chinese scale chains (5万4千6百); returns the index of the
    next unread atom."""
    a = r.atom
    if lang == "zh" and re.match(r"[ ]*[多余][ ]*[十百千万亿萬億]", ft[r.pos:r.pos + 4]):
        r.approx = "over"
        r.pos += len(re.match(r"[ ]*[多余][ ]*", ft[r.pos:]).group())
    sc = _match_scale(ft, r.pos, lx, a)
    if not sc:
        return i
    r.pos, r.factor, r.scale_word, alt_factor = sc
    r.value *= r.factor
    if r.high is not None:
        r.high *= r.factor
    if alt_factor:
        r.alt = [a.value * alt_factor]
    h = lx.half_re.match(ft, r.pos) if lx.half_re else None
    if h:  # "deux millions et demi", "one million and a half"
        r.value += 0.5 * r.factor
        r.alt = [v + 0.5 * alt_factor for v in r.alt]
        r.pos = h.end()
    elif a.source == "words" or a.source == "digits" and lang != "zh":
        return _read_chain(ft, lx, atoms, i, r)
    if lang == "zh" and a.source == "digits":
        last = r.factor
        while i < len(atoms) and atoms[i].source == "digits" and atoms[i].start in (r.pos, r.pos + 1) \
                and ft[r.pos:atoms[i].start].strip(" 零") == "":
            nxt = _match_scale(ft, atoms[i].end, lx, atoms[i])
            if not nxt:
                # 3万4000, 1千零1: a plain number below the last scale closes the chain
                if atoms[i].value < last and float(atoms[i].value).is_integer():
                    r.value += atoms[i].value
                    r.pos = atoms[i].end
                    i += 1
                break
            if nxt[1] >= last:
                small = _cn_section_scale(ft[atoms[i].end:nxt[0]].strip(), last)
                if nxt[1] <= r.factor or small is None or not float(atoms[i].value).is_integer():
                    break
                # 2千零30万 = (2000 + 30) x 10^4, 3千5百万 = (3000 + 500) x 10^4: 万/亿
                # multiply the whole group written before them
                r.value = (r.value + atoms[i].value * small) * (nxt[1] / small)
                r.factor = last = nxt[1]
                r.pos = nxt[0]
                i += 1
                continue
            r.value += atoms[i].value * nxt[1]
            last = nxt[1]
            r.pos = nxt[0]
            i += 1
    return i


def _cn_section_scale(word: str, last: float) -> Optional[float]:
    """For a scale word ending in 万 or 亿 (万, 百万, 千亿), the unit before
    the section (1, 100, 1000) when it is below ``last``, the scale read
    just before; else None (the word does not close the group)."""
    if not word or word[-1] not in "万亿萬億":
        return None
    small = float(CN_UNITS.get(word[:-1], 1)) if len(word) <= 2 else None
    return small if small is not None and small < last and (len(word) == 1 or word[:-1] in CN_UNITS) else None


def _read_chain(ft: str, lx: _Lex, atoms: list[Atom], i: int, r: _Reading) -> int:
    """The rest of a number written with several scale words, each part below
    the scale before it: 'un milliard vingt-cinq millions' (1.025 x 10^9),
    'two million three hundred thousand', 'two thousand and twenty'.  The
    parts join as numbers.json "chain_joints" says; a part with no scale word
    closes the chain.  In digits ('1 milliard 25 millions', '2 millions
    300 000'), a last part with no scale word must be written in groups
    (300 000, not a year: '3 millions 2019') unless the scale before is a
    thousand or less ('4 thousand 3 hundred and 21').  Returns the index of
    the next unread atom."""
    last, source = r.factor, r.atom.source
    joints = lx.joints + (_words_joints(lx.lang, ft[max(0, r.atom.start - 24):r.atom.start]) if source == "words" else ())
    while i < len(atoms) and atoms[i].source == source and ft[r.pos:atoms[i].start] in joints:
        b = atoms[i]
        sc = _match_scale(ft, b.end, lx, b)
        part = b.value * (sc[1] if sc else 1.0)
        if part >= last or (sc and sc[1] >= last):
            break  # "two million and three million": two numbers (a range, perhaps)
        if source == "digits" and not sc and last > 1000 and not re.search(r"\D", ft[b.start:b.end]):
            break  # "3 millions 2019": a year or another number, not a part
        if ft[r.pos:b.start] not in lx.joints and not sc and (last != 1000 or part < 100):
            break  # "Of the one million, two hundred were": after a comma, a part of its own scale
        r.value += part
        r.alt = [v + part for v in r.alt]
        r.pos = sc[0] if sc else b.end
        i += 1
        if not sc:
            break
        last = sc[1]
    return i


def _words_joints(lang: str, before: str) -> tuple:
    """numbers.json chain_joints_words: joints between parts in words only;
    none after a determiner (chain_joints_words_not_after) or a
    capitalised opening word (chain_joints_words_not_after_opening) ending
    ``before``, the text before the number."""
    nums = lexicon.load("numbers")
    last = re.findall(r"[^\W\d_]+", before)
    if last and last[-1].casefold() in nums.get("chain_joints_words_not_after", {}).get(lang, ()):
        return ()
    if last and last[-1] in nums.get("chain_joints_words_not_after_opening", {}).get(lang, ()):
        return ()  # 'Of five million, three hundred thousand were': a word opening the sentence
    return tuple(nums.get("chain_joints_words", {}).get(lang, ()))


_RANGE_JOINT = re.compile(r"[ ]?(?:-|–|—|~|到|至|to|à|au|and|et)[ ]?")


def _range_side_at(ft: str, lx: _Lex, b: Atom, at: int, unit: Optional[str]) -> bool:
    """Does the second side of a range, the atom ``b``, start at ``at``:
    right there, or after the same currency symbol as the first side's
    (``unit``: 'between €15 million and €20 million')?"""
    if b.start == at:
        return True
    if unit is None:
        return False
    pstart, punit = _prefix(ft, b.start, lx)[:2]
    return punit == unit and pstart <= at <= b.start


def _read_range(ft: str, lx: _Lex, atoms: list[Atom], i: int, r: _Reading) -> int:
    """A range: 5-10, 5 à 10, 5 到 10 (the scale of the second side applies to
    both); "5 and 10" only after "between".  Returns the next unread atom."""
    a = r.atom
    rm = _RANGE_JOINT.match(ft, r.pos)
    # a currency written before each side ('between €15 million and €20 million'): the
    # range opens before the first symbol and its second side starts at the second one
    first_start, first_unit = _prefix(ft, a.start, lx)[:2] if rm else (a.start, None)
    if first_unit is None:
        first_start = a.start
    if rm and rm.group().strip() in ("and", "et") and not re.search(r"(?:between|entre)[ ]$", ft[max(0, first_start - 8):first_start], re.I):
        rm = None  # "5 and 10" is two numbers unless "between" opens a range
    if not (rm and i < len(atoms) and r.high is None and _range_side_at(ft, lx, atoms[i], rm.end(), first_unit)):
        return i
    b = atoms[i]
    bval, bpos = b.value, b.end
    sc2 = _match_scale(ft, bpos, lx, b)
    if sc2:
        bpos, f2, sw2, af2 = sc2
        if r.factor is None:
            r.value *= f2
            r.scale_word = sw2
            if af2:
                r.alt = [a.value * af2]
        bval *= f2
    elif r.factor is not None:
        bval *= r.factor
    if bval > r.value:
        r.high = bval
        r.pos = bpos
        i += 1
    return i


_PER_MILLE = {"百分之": 1.0, "千分之": 0.1, "万分之": 0.01}


def _read_before(ft: str, lang: str, lx: _Lex, r: _Reading) -> None:
    """What is written before the number: a currency, an approximation
    marker, 百分之 (per cent), 第 (ordinal)."""
    pstart, punit, pkind, papprox = _prefix(ft, r.start, lx)
    if punit:
        r.unit, r.kind = punit, pkind
    if papprox and not r.approx:
        r.approx = papprox
    if punit or papprox:
        r.start = pstart
    per = _PER_MILLE.get(ft[max(0, r.start - 3):r.start]) if lang == "zh" else None
    if per:
        r.start -= 3
        r.kind, r.unit = "percent", "percent"
        r.value *= per
        if not r.approx:  # the bound stands before 百分之: 不超过百分之五 is 'no more than 5%'
            pstart, _, _, papprox = _prefix(ft, r.start, lx)
            if papprox:
                r.approx, r.start = papprox, pstart
    if lang == "zh" and r.start > 0 and ft[r.start - 1] == "第":
        r.start -= 1
        r.ordinal = True


def _read_ordinal_suffix(ft: str, lang: str, r: _Reading) -> None:
    """1st, 2nd; 1er, 2e, 3ème after digits."""
    if r.atom.source != "digits":
        return
    if lang == "en" and re.match(r"(st|nd|rd|th)\b", ft[r.pos:r.pos + 3]):
        r.pos += len(re.match(r"(st|nd|rd|th)", ft[r.pos:]).group())
        r.ordinal = True
    if lang == "fr" and re.match(r"(er|ère|re|e|ème|è)(?![\w])", ft[r.pos:r.pos + 4]):
        r.pos += len(re.match(r"(er|ère|re|ème|è|e)", ft[r.pos:]).group())
        r.ordinal = True


def _unit_after(ft: str, lang: str, lx: _Lex, r: _Reading, m: re.Match) -> bool:
    """Does the unit word matched after the number belong to it?  Not an
    'x' with a space or a letter around it, and after 'a'/'an' only a
    duration that is a span of time ('a month ago', 'for a year')."""
    key = _unit_key(lx, m.group(1))
    if key is None:
        return False
    if re.search(r"[^\W\d_]{3,}[ ]$", ft[r.pos:m.start(1)]) and _bare_year().fullmatch(ft[r.atom.start:r.atom.end]):
        return False  # an adjective after a year: 'In 2022 more days were lost' (units.json adjectives_before_unit)
    if key == "x" and (m.group(0).startswith(" ") or ft[m.end():m.end() + 1].isalnum()):
        return False
    a = r.atom
    if lang == "en" and a.source == "words" and ft[a.start:a.end].lower() in ("a", "an"):
        # "5,000 words a day" is a rate; "a month ago", "for a year and a half" are not
        return bool(re.match(r"[ ](?:and a half|ago|later|earlier|before|after|from now)(?![\w])", ft[m.end():])
                    or re.search(r"(?:^|[\s(])(?:for|in|within|about|over|nearly|almost|than|after|just|only|in just)[ ]$",
                                 ft[max(0, a.start - 12):a.start], re.I))
    return True


def _unit_key(lx: _Lex, word: str) -> Optional[str]:
    return word if word in lx.units else next((k for k in lx.units if k.lower() == word.lower()), None)


def _read_unit(ft: str, lang: str, lx: _Lex, r: _Reading) -> None:
    """The kind and unit after the number: ordinal, 成/折 (tenths), a unit
    or currency word, a half ("a year and a half", 一年半, 一个半月)."""
    if lang == "zh":  # 多/余 before the unit: 30多个, 1000余名; 来: 十来个 'about ten'
        rough = lexicon.load("approx").get("before_unit", {}).get("zh", {})
        ahead = r")(?=[个名位人家年天次倍岁美元亿万])"
        m = re.match("(" + lexicon.alternation(rough) + ahead, ft[r.pos:r.pos + 3]) if rough else None
        if m and not r.approx:
            r.approx = rough[m.group(1)]
            r.pos += m.end()
    if r.ordinal:
        r.kind = "ordinal"
    elif lang == "zh" and r.kind == "count" and re.match(r"[ ]?[成折]", ft[r.pos:r.pos + 2]):
        # 9成 = 90 %, 7.5折 = 75 % (tenths); 三成五 = 35 %, 两成半 = 25 % (the next tenth's digit)
        mm = re.match(r"[ ]?[成折]", ft[r.pos:r.pos + 2])
        r.kind, r.unit = "percent", "percent"
        r.value = r.value * 10 if r.value <= 10 else r.value
        r.pos += mm.end()
        nxt = ft[r.pos:r.pos + 1]
        if mm.group().strip() == "成" and (nxt in CN_DIGITS or nxt == "半") and ft[r.pos + 1:r.pos + 2] not in CN_UNITS:
            r.value += 5 if nxt == "半" else CN_DIGITS[nxt]
            r.pos += 1
    elif r.kind == "count":
        m = lx.unit_re.match(ft, r.pos)
        if m:
            if _unit_after(ft, lang, lx, r, m):
                r.unit, r.kind = lx.units[_unit_key(lx, m.group(1))]
                r.pos = m.end()
                if r.kind == "duration":
                    _read_half(ft, lang, r)
        elif lang == "zh" and ft[r.pos:r.pos + 1] == "个" and (ft[r.pos + 1:r.pos + 2] == "半"
                                                              or ft[r.pos + 1:r.pos + 2] in lx.approx_after):
            _read_cn_marker_before_unit(ft, lx, r)
        elif lang == "zh" and not _read_subunit_amount(ft, r):
            _read_unit_before_subunit(ft, r)


def _read_cn_marker_before_unit(ft: str, lx: _Lex, r: _Reading) -> None:
    """A word between 个 and a unit of time, read as if 个 stood before the
    unit: 半 adds one half (一个半小时 = 1.5 hours, 两个半月 = 2.5 months), an
    approximation word after a number (approx.json after: 多, 余) makes it
    one (六个多月 = over 6 months, as 两年多).  Before another word (三个多小组)
    nothing is read."""
    marker = ft[r.pos + 1]
    m = lx.unit_re.match("个" + ft[r.pos + 2:r.pos + 8])
    if not m or lx.units[_unit_key(lx, m.group(1))][1] != "duration":
        return
    if marker == "半":
        r.value += 0.5
    elif r.approx:
        return
    else:
        r.approx = lx.approx_after[marker]
    r.unit, r.kind = lx.units[_unit_key(lx, m.group(1))]
    r.pos += 1 + m.end()


def _read_unit_before_subunit(ft: str, r: _Reading) -> None:
    """3块5毛 = 3.50 CNY: a word that is a currency only when an amount in
    its subunits follows (units.json "unit_before_subunit"; 三块石头 is
    three stones), or one bare numeral and nothing but 钱 or a mark
    (3块5 = 3.5 CNY: units.json "subunit_alone")."""
    for word, unit in lexicon.load("units").get("unit_before_subunit", {}).get("zh", {}).items():
        read = _subunit_re(unit, "zh")
        if ft.startswith(word, r.pos) and read and read[0].match(ft, r.pos + len(word)):
            r.unit, r.kind = unit, "money"
            r.pos += len(word)
            return
        bare = _bare_tenths(ft, r.pos + len(word), unit) if ft.startswith(word, r.pos) else None
        if bare is not None:
            r.unit, r.kind = unit, "money"
            r.value += bare[0]
            r.pos = bare[1]
            return


def _colloquial_money(after: str) -> bool:
    """Does ``after`` (the text after a number) open money in a colloquial
    unit: 块钱, or 块 then an amount in subunits (块五毛, 块5)?  一块 alone
    is 'together' or 'a piece': 一块五毛 is 1.50 CNY (session 59, issue 9's
    Chinese money kind)."""
    for word, unit in lexicon.load("units").get("unit_before_subunit", {}).get("zh", {}).items():
        if not after.startswith(word):
            continue
        read = _subunit_re(unit, "zh")
        if (read and read[0].match(after, len(word))) or _bare_tenths(after, len(word), unit) is not None:
            return True
        money = lexicon.load("units").get("subunit_alone", {}).get("zh", {}).get("after", ())
        if after.startswith(tuple(money), len(word)):
            return True
    return False


def _bare_tenths(ft: str, pos: int, unit: str) -> Optional[tuple[float, int]]:
    """(tenths, end) of one bare numeral at ``pos`` followed by nothing but
    the subunit_alone 'after' word, a mark or the end (3块5。, 三块五钱)."""
    spec = lexicon.load("units").get("subunit_alone", {}).get("zh", {})
    if spec.get("currency") != unit:
        return None
    after = lexicon.alternation(spec.get("after", ["钱"]))
    m = re.match(r"(\d|[一二两三四五六七八九])(" + after + r")?", ft[pos:])
    if not m:
        return None
    nxt = ft[pos + m.end():pos + m.end() + 1]
    if not m.group(2) and nxt not in spec.get("bare_then", ()) and (
            (nxt.isalnum() and not re.match(f"[{HAN}]", nxt)) or _opens_word(ft, pos + m.start(1))
            or ft.startswith(tuple(spec.get("bare_not_then", ())), pos + m.end())):
        return None
    digit = int(m.group(1)) if m.group(1).isdigit() else CN_DIGITS[m.group(1)]
    return digit * 0.1, pos + m.end()


def _opens_word(ft: str, pos: int) -> bool:
    """Does the numeral at ``pos`` open a CC-CEDICT word with the Han
    characters after it (五花肉, 五颜六色, 五十, 五月), so that it is no bare
    tenth (三块五花肉: three pieces of pork belly; 两块五买了一支笔 is 2.5
    CNY, a break test of session 59)?  Without CC-CEDICT, any Han
    character after it does."""
    from ..lexicons.dictionaries import available, zh_word_from

    if not re.match(f"[{HAN}]", ft[pos + 1:pos + 2] or " "):
        return False
    return not available("zh") or zh_word_from(ft, pos, 2, 4)


def _subunit_amount(after: str, before: str) -> Optional[tuple[str, int]]:
    """(subunit word, characters read) of an amount in a currency's subunit
    alone opening ``after`` (the text after a number; units.json
    "subunit_alone"): the subunit then 钱 (五毛钱), a smaller subunit after
    it (九角九分), or a price word in ``before`` (售价九角); the characters
    read take the subunit and its 钱.  None when there is none."""
    spec = lexicon.load("units").get("subunit_alone", {}).get("zh", {})
    read = _subunit_re(spec["currency"], "zh") if spec.get("currency") else None
    if read is None:
        return None
    pattern, subs = read
    not_before = lexicon.load("units").get("subunit_not_before", {}).get("zh", "")
    m = re.match(r"[ ]?(" + lexicon.alternation(subs) + r")" + (r"(?![" + not_before + "])" if not_before else ""), after)
    if m is None:
        return None
    money = next((w for w in spec.get("after", ()) if after.startswith(w, m.end())), "")
    if money or any(w in before for w in spec.get("before", ())) or pattern.match(after, m.end()):
        return m.group(1), m.end() + len(money)
    return None


def _subunit_amount_at(after: str, before: str) -> bool:
    """Does ``after`` open an amount in a subunit alone that
    :func:`_read_subunit_amount` reads (:func:`_subunit_amount`)?"""
    return _subunit_amount(after, before) is not None


def _read_subunit_amount(ft: str, r: _Reading) -> bool:
    """An amount in a currency's subunit alone (units.json "subunit_alone",
    :func:`_subunit_amount`): 8角 = 0.8 CNY when a price word stands before
    (售价8角), 9角9分 = 0.99 (a smaller subunit follows), 五毛钱 = 0.5 (钱
    follows).  True when read."""
    found = _subunit_amount(ft[r.pos:], ft[max(0, r.start - 6):r.start])
    if found is None:
        return False
    unit = lexicon.load("units")["subunit_alone"]["zh"]["currency"]
    r.unit, r.kind, r.value = unit, "money", r.value * _subunit_re(unit, "zh")[1][found[0]]
    r.pos += found[1]
    return True


@functools.lru_cache(maxsize=None)
def _subunit_re(unit: str, lang: str) -> Optional[tuple[re.Pattern, dict]]:
    """A number and a subunit word of currency ``unit`` (units.json
    "subunits"), or None when the currency has none in ``lang``."""
    subs = lexicon.load("units").get("subunits", {}).get(unit, {}).get(lang)
    if not subs:
        return None
    num = r"(\d+|[" + "".join(CN_DIGITS) + r"十]+)" if lang == "zh" else r"(\d+)"
    sep = r"[ ]?零?" if lang == "zh" else r"(?:[ ]|,[ ]|[ ](?:and|et)[ ])"
    not_before = lexicon.load("units").get("subunit_not_before", {}).get(lang, "")
    # 5分钟 is five minutes, 三角形 a triangle (units.json subunit_not_before)
    end = (r"(?![" + not_before + "])" if not_before else "") if lang == "zh" else r"(?![^\W\d_])"
    return re.compile(sep + num + r"[ ]?(" + lexicon.alternation(subs) + ")" + end), subs


def _read_subunits(ft: str, lang: str, r: _Reading) -> None:
    """Subunits after an amount of money: 123元1角1分 = 123.11 元, 3 dollars
    50 cents = 3.50 dollars; each subunit smaller than the one before; in
    Chinese, a bare numeral after the tenths (一块八毛五 = 1.85)."""
    if r.kind != "money" or r.unit is None or r.high is not None:
        return
    read = _subunit_re(r.unit, lang)
    if read is None:
        return
    pattern, subs = read
    last = 1.0
    while True:
        m = pattern.match(ft, r.pos)
        if not m:
            # 一块八毛五 = 1.85: after the tenths, one bare numeral is the hundredths, as after
            # the unit it is the tenths (两块五); a break test of session 59
            bare = _bare_tenths(ft, r.pos, r.unit) if lang == "zh" and last == 0.1 else None
            if bare is not None:
                r.value, r.pos = r.value + bare[0] * 0.1, bare[1]
            return
        factor = subs.get(m.group(2)) or subs.get(m.group(2).lower())
        amount = float(m.group(1)) if m.group(1).isdigit() else parse_chinese(m.group(1))
        if factor >= last or amount * factor >= last:
            return  # 5元3分5角: not one amount
        r.value += amount * factor
        r.pos, last = m.end(), factor


def _read_half(ft: str, lang: str, r: _Reading) -> None:
    """"a year and a half", "un an et demi", 一年半."""
    h = _lex(lang).half_re.match(ft, r.pos) if _lex(lang).half_re else None
    if h:
        r.value += 0.5
        r.pos = h.end()
    elif lang == "zh" and ft[r.pos:r.pos + 1] == "半":
        r.value += 0.5
        r.pos += 1


def _read_after(ft: str, lx: _Lex, r: _Reading) -> None:
    """Defaults and what follows the unit: money without a currency is in
    dollars; a scaled count after a model name (GPT-3 175B) is a parameter
    count; a trailing approximation (左右, 以上, or so)."""
    if r.kind == "money" and r.unit is None:
        r.unit = "USD"
    if r.kind == "count" and r.unit is None and r.scale_word is not None and _model_name_before(ft, r.start):
        r.unit = "params"  # GPT-3 175B, GPT-3（1750 亿）: a model's size is its parameter count
    m = lx.approx_after_re.match(ft, r.pos)
    if m and not r.approx:
        w = m.group(1)
        r.approx = lx.approx_after.get(w) or lx.approx_after.get(w.lower())
        r.pos = m.end()
    elif not r.approx and r.kind == "count" and r.unit is None and lx.bound_after_noun_re is not None:
        m = lx.bound_after_noun_re.match(ft, r.pos)
        if m:  # « Trois morts au moins »: the span stays the figure's (what it counts follows it)
            r.approx = lx.bound_after_noun.get(m.group(1).casefold())


@functools.lru_cache(maxsize=None)
def _not_numbers_alone() -> frozenset[str]:
    return frozenset(lexicon.load("numbers")["not_numbers_alone"])


@functools.lru_cache(maxsize=None)
def _bare_year() -> re.Pattern:
    return re.compile(lexicon.load("dates")["year_digits"])


def could_be_year(m: Mention) -> bool:
    """Is the number mention ``m`` a year, or a count that may be one: a
    year mention, or four digits in models/lexicons/dates.json
    ``could_be_year`` (1000-2100: « En 1789 » is read as a count)."""
    if m.kind == "date" and m.granularity == "year":
        return True
    low, high = lexicon.load("dates")["could_be_year"]
    return m.kind == "number" and m.text.isdigit() and len(m.text) == 4 and low <= int(m.text) <= high


@functools.lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    return frozenset(lexicon.load("numbers").get("articles", ()))


@functools.lru_cache(maxsize=1)
def _figure_bounds() -> frozenset[str]:
    return frozenset(lexicon.load("numbers").get("figure_bounds", ()))


def _not_a_number(ft: str, r: _Reading) -> bool:
    """Words that are articles or other words more often than numbers
    ('one', 'a', « neuf »; numbers.json ``not_numbers_alone``), and 'une
    fois' (once) read as a multiplier."""
    a = r.atom
    if a.source == "words" and r.kind == "count" and r.factor is None and a.approx is None:
        w = ft[a.start:a.end].lower()
        # a bound makes 'one', « un » a figure ('at least one officer', « au moins un »); 'a' stays an
        # article ('at least a dozen'), and so does « un » after a rounding (« près d'un siècle »)
        if r.approx in _figure_bounds() and w not in _articles():
            return False
        if abs(a.value) < 2 or w in _not_numbers_alone():  # 'minus one' is no number either
            return True
    return a.source == "words" and r.kind == "multiplier" and a.value < 2


def _year_word_before(ft: str, start: int, lang: str) -> bool:
    """Does a word of numbers.json spelled_year_after ('in', « en ») stand
    right before ``start``?"""
    return lexicon.word_before(ft, start, lexicon.load("numbers").get("spelled_year_after", {}).get(lang) or (), 12)


def _mention_of(lang: str, doc_id: str, text: str, ft: str, r: _Reading) -> Mention:
    a = r.atom
    bare = r.kind == "count" and r.unit is None and r.approx is None and r.high is None
    if bare and r.scale_word is None and a.source == "digits" and _bare_year().fullmatch(ft[r.start:r.pos]):
        r.kind = "year"  # dates.json year_digits: 'in 2018', 'en 2015' (extract_text makes it a date)
    elif bare and a.source == "words" and r.value == int(r.value) and _bare_year().fullmatch(str(int(r.value))) \
            and (a.spoken_year or _year_word_before(ft, r.start, lang)):
        r.kind = "year"  # 'nineteen ninety eight', 'in two thousand and eight' (numbers.json spelled_year_after)
    m = _make(lang, doc_id, text, r.start, r.pos, r.kind, r.value,
              value_high=tidy(r.high) if r.high is not None else None, unit=r.unit, approx=r.approx,
              scale_word=r.scale_word)
    if r.alt:
        m.alt_values = [tidy(v) for v in r.alt]
        m.ambiguous = True
        m.attrs["readings"] = {"long_scale": m.value, "short_scale": m.alt_values[0]}
    return m


def _ordinal_words(ft: str, lang: str, doc_id: str, text: str, lx: _Lex, out: list[Mention]) -> list[Mention]:
    """Ordinal words (first, tenth, dixième) outside the numbers read."""
    found = []
    if lx.ordinal_re:
        taken = [(m.start, m.end) for m in out]
        for m in lx.ordinal_re.finditer(ft):
            w = m.group(1).lower()
            if w in ("second", "seconde") and not re.search(r"(?:the|le|la)[ ]$", ft[max(0, m.start() - 4):m.start()], re.I):
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found.append(_make(lang, doc_id, text, m.start(), m.end(), "ordinal", lx.ordinal_words[w]))
    return found


@functools.lru_cache(maxsize=None)
def _ordinal_end_re(lang: str) -> Optional[re.Pattern]:
    """A word ending like an ordinal (numbers.json ``ordinal_stems``) or an
    ordinal word (``ordinal_words``), alone or after a hyphen."""
    nums = lexicon.load("numbers")
    ends = {e for e, _ in nums.get("ordinal_stems", {}).get(lang, [])}
    if not ends:
        return None
    whole = lexicon.alternation(nums["ordinal_words"].get(lang, {}))
    return re.compile(r"(?<![\w])((?:" + whole + r")|[^\W\d_]+(?:" + lexicon.alternation(ends) + r"))(?![\w\-])",
                      re.I)


@functools.lru_cache(maxsize=None)
def _ordinal_prefix_re(lang: str) -> Optional[re.Pattern]:
    """Cardinal number words ending right before an ordinal's last word,
    joined to it by one of numbers.json ``ordinal_joints``."""
    words = _word_table(lang)
    joints = lexicon.load("numbers").get("ordinal_joints", {}).get(lang, [])
    if not words or not joints:
        return None
    w, j = lexicon.alternation(words), lexicon.alternation(joints)
    inner = r"(?:[ \-]|[ ]and[ ]|[ ]et[ ]|-et-)"
    return re.compile(r"(?<![\w\-])((?:" + w + r")(?:" + inner + r"(?:" + w + r"))*)(?:" + j + r")$", re.I)


def _ordinal_value(word: str, lang: str, lx: _Lex) -> Optional[float]:
    """The value of one ordinal word: from ``ordinal_words``, else its
    cardinal read back through ``ordinal_stems`` (None when it is none)."""
    low = word.lower()
    if low in lx.ordinal_words:
        return float(lx.ordinal_words[low])
    for end, repl in lexicon.load("numbers").get("ordinal_stems", {}).get(lang, []):
        if low.endswith(end) and len(low) > len(end):
            try:
                return parse_words(low[:-len(end)] + repl, lang)
            except KeyError:
                continue
    return None


def compound_ordinals(ft: str, lang: str, doc_id: str, text: str, lx: _Lex, out: list[Mention]) -> list[Mention]:
    """``out`` with the ordinals written in words that the plain ordinal
    pass cannot read added: an ordinal made from a cardinal (quinzième,
    thirtieth) and a compound whose last word is the ordinal
    (soixante-quinzième = 75, vingt et unième = 21, seventy-fifth = 75,
    « la soixante et onzième session » = 71: one ordinal, not the count
    soixante and the ordinal onzième).  Number mentions inside a compound
    are replaced by it.  Rules: numbers.json ``ordinal_stems`` and
    ``ordinal_joints``."""
    end_re, prefix_re = _ordinal_end_re(lang), _ordinal_prefix_re(lang)
    if end_re is None:
        return out
    added = []
    for m in end_re.finditer(ft):
        last = _ordinal_value(m.group(1), lang, lx)
        if last is None or last <= 0:
            continue
        start, value = m.start(), last
        before = ft[max(0, m.start() - 60):m.start()]
        pm = prefix_re.search(before) if prefix_re is not None else None
        if pm:
            try:
                head = parse_words(pm.group(1), lang)
            except KeyError:
                head = None
            if head:
                start, value = m.start() - len(before) + pm.start(1), (head * last if last >= 100 else head + last)
        if start == m.start() and m.group(1).lower() in lx.ordinal_words:
            continue  # a plain ordinal word: _ordinal_words reads it
        if any(x.start < m.end() and m.start() < x.end for x in out):
            continue  # the ordinal word itself is read already (75th, XIXe)
        added.append(_make(lang, doc_id, text, start, m.end(), "ordinal", tidy(value)))
    if not added:
        return out
    kept = [x for x in out if not any(a.start <= x.start and x.end <= a.end for a in added)]
    return kept + added


# a Roman numeral in capitals, then a French ordinal suffix (XIXe, Ier, IIème,
# XIVᵉ) or a century word (XIX siècle, XIX century)
_ROMAN = re.compile(r"(?<![\w])([IVXLCDM]+)(?:(er|ère|re|ème|e|ᵉ|ᵉʳ)(?![\w])|(?=[ \u00a0]\w))")


@functools.lru_cache(maxsize=None)
def _century_after(lang: str) -> Optional[re.Pattern]:
    words = lexicon.load("number_roles")["after"].get(lang, {}).get("century", [])
    return re.compile(r"[ \u00a0](?:" + lexicon.alternation(words) + r")(?![\w])", re.I) if words else None


def _roman_ordinals(ft: str, lang: str, doc_id: str, text: str, out: list[Mention]) -> list[Mention]:
    """Roman ordinals (XIXe siècle, le Ier arrondissement, XIV century) as
    ordinal mentions; the numeral is read by the ``roman`` package, which
    rejects ill-formed ones (IIII, VX).  A single L, C, D or M is never
    read ('Le', 'Ce', 'De', 'Me' are words); a numeral without a French
    suffix only before a century word (Louis XIV is a name)."""
    if lang == "zh":
        return []
    century = _century_after(lang)
    found = []
    taken = [(m.start, m.end) for m in out]
    for m in _ROMAN.finditer(ft):
        numeral, suffix = m.group(1), m.group(2)
        before_century = century is not None and century.match(ft, m.end()) is not None
        if len(numeral) == 1 and numeral in "LCDM":
            continue  # Le, Ce, De, Me: words, even before 'siècle' (Le siècle des Lumières)
        if not before_century and (suffix is None or lang != "fr"):
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        try:
            value = roman.fromRoman(numeral)
        except roman.InvalidRomanNumeralError:
            continue
        found.append(_make(lang, doc_id, text, m.start(), m.end(), "ordinal", value))
    return found


def extract_numbers(text: str, lang: str, doc_id: str = "") -> list[Mention]:
    """Every number mention of ``text`` (offsets into ``text``), sorted by
    start: each atom read outwards (scale, range, what stands before it,
    unit, what follows), then ordinal words."""
    if lang not in HANDLED:
        return []
    ft = _folded_for_numbers(text, lang)
    lx = _lex(lang)
    atoms = find_atoms(ft, lang)
    out: list[Mention] = []
    used_until = 0
    i = 0
    while i < len(atoms):
        a = atoms[i]
        i += 1
        if a.start < used_until:
            continue
        r = _Reading(a, a.value, a.value_high, a.scale_word, pos=a.end, start=a.start,
                     kind="fraction" if a.source == "fraction" else "count",
                     alt=[a.alt_value] if a.alt_value is not None else [])
        i = _read_scale(ft, lang, lx, atoms, i, r)
        i = _read_range(ft, lx, atoms, i, r)
        r.approx = a.approx or r.approx
        _read_before(ft, lang, lx, r)
        _read_ordinal_suffix(ft, lang, r)
        _read_unit(ft, lang, lx, r)
        _read_subunits(ft, lang, r)
        _read_after(ft, lx, r)
        if _not_a_number(ft, r) or (lang == "zh" and ft.startswith("年代", r.pos - 1)):
            continue  # 五六十年代: decades (the dates reader's), no duration of 50 to 60 years
        m = _mention_of(lang, doc_id, text, ft, r)
        if not all(math.isfinite(v) for v in (m.value, m.value_high) if isinstance(v, float)):
            # a digit run of 309 digits or more (or a scale that takes it
            # there) is no figure a float holds: no comparison can use it
            # (a break test's row of 400 ones ended in OverflowError)
            continue
        out.append(m)
        used_until = r.pos
    out = compound_ordinals(ft, lang, doc_id, text, lx, out)
    out += _ordinal_words(ft, lang, doc_id, text, lx, out)
    out += _roman_ordinals(ft, lang, doc_id, text, out)
    out.sort(key=lambda m: (m.start, m.end))
    return out
