"""What a number does in its sentence: a count or amount, an ordinal, part
of a name or title, or part of a date.

The compare stage pairs the numbers of two versions as figures only when
they play the same role: "the 20th congress" (二十届) is a rank, not a count
to set against "the two countries"; "Apollo 11" and « Premier ministre »
hold numbers that are names; 20世纪60年代 is the 1960s, not twenty and
sixty years (the 20 a century, compared only with another century).  The words that give a number its role are in
``models/lexicons/number_roles.json``.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from ..records import Mention
from . import lexicon
from .names import not_names

ROLES = ("count", "ordinal", "name", "date", "century", "derived")


@functools.lru_cache(maxsize=None)
def _after_re(lang: str, role: str):
    words = lexicon.load("number_roles")["after"].get(lang, {}).get(role, [])
    if not words:
        return None
    if lang == "zh":
        return re.compile("(?:" + lexicon.alternation(words) + ")")
    long_ = [w for w in words if len(w) > 1]
    short = [w for w in words if len(w) == 1]  # "s" of "the 60s": attached only
    parts = []
    if long_:
        parts.append(r"\s?(?:" + lexicon.alternation(long_) + r")\b")
    if short:
        parts.append(r"(?:" + lexicon.alternation(short) + r")\b")
    return re.compile("|".join(parts), re.I)


@functools.lru_cache(maxsize=None)
def _title_after_re(lang: str):
    words = lexicon.load("number_roles")["title_after"].get(lang, [])
    return re.compile(r"[\s\-]+(?:" + lexicon.alternation(words) + r")\b", re.I) if words else None


@functools.lru_cache(maxsize=None)
def _join_re(lang: str):
    joins = lexicon.load("number_roles")["ordinal_joins"].get(lang, [])
    return re.compile("(?:" + lexicon.alternation(joins) + r")\w+") if joins else None


# a capitalized word right before the digits; a romanized name may hold an
# apostrophe before one last letter (Chang'e 6, Chang’e-5), unlike elided
# words (C'est, Aujourd'hui, Jusqu'à)
_NAME_BEFORE = re.compile(r"([A-ZÀ-Þ](?:[\w\-]*[A-Za-zà-ÿ]|[a-z]+['’][a-z]))[ \-]$")
_DIGITS = re.compile(r"\d")
_UNIT_TAIL = re.compile(r"[^\d\s.,零〇一二三四五六七八九十百千万亿两]*$")


def _in_title(m: Mention, text: str) -> bool:
    """An ordinal word that opens a title or a name: « Premier ministre »,
    First Lady, "2nd R" (a caption's position), Third Plenary Session."""
    after = text[m.end:m.end + 24]
    pat = _title_after_re(m.lang)
    if pat is not None and pat.match(after):
        return True
    if m.lang == "zh":
        return False
    return bool(re.match(r"[ \u00a0]+[A-ZÀ-Þ]", after)) and (m.text[:1].isupper() or _DIGITS.search(m.text) is not None)


def _ordinal_compound(m: Mention, text: str) -> bool:
    """A number word that is the first part of a compound ordinal: soixante
    (et onzième), seventy(-fifth)."""
    if _DIGITS.search(m.text) or m.type != "count":
        return False
    pat = _join_re(m.lang)
    nxt = pat.match(text, m.end) if pat is not None else None
    return bool(nxt) and bool(re.search(r"(?:ième|ieme|th|nd|rd|st|first|second|third)$", nxt.group(), re.I))


def _after_name(m: Mention, text: str) -> bool:
    """Digits written right after a capitalized word that is a name (Apollo
    11, Boeing 737, Windows 11; in Chinese text too, a Latin name: 苹果推出了
    iPhone 8): a plain integer with no unit, scale or hedge."""
    if m.type != "count" or m.unit or m.scale_word or m.approx:
        return False
    if not re.fullmatch(r"\d{1,4}", m.text.strip()):
        return False
    w = _NAME_BEFORE.search(text, max(0, m.start - 30), m.start)
    return bool(w) and w.group(1).casefold() not in not_names()


# the whole word before a name's number (iPhone of 'iPhone 8', not Phone),
# without a French elided article (l'iPhone 8)
_WORD_BEFORE = re.compile(r"(?<![\w'’])(?:(?:[dljmnst]|qu)['’])?([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)[\s\-]$",
                          re.I)


def name_before(m: Mention, text: str) -> Optional[tuple[str, int]]:
    """The name a number of role 'name' belongs to: (the word right before
    it, its offset in ``text``: 'iPhone', the start of 'iPhone 8'), or None
    when no word stands right before it.  Two versions writing one such
    name with different numbers name two things (another model, version or
    edition), which compare.name_numbers reports."""
    w = _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
    return (w.group(1), w.start(1)) if w else None


@functools.lru_cache(maxsize=None)
def _age_re(lang: str):
    words = lexicon.load("number_roles").get("age_words", {}).get(lang, [])
    return re.compile(lexicon.alternation(words), re.I) if words else None


# a date ends right before the parenthesis: a year, or a Chinese day (30日)
_DATE_END = re.compile(r"(?:\b(?:1[5-9]|20)\d\d|\d{1,2}\s*[日号號])\s*$")


def age_at_date(m: Mention, text: str) -> bool:
    """Is number ``m`` an age in parentheses right after a date, computed
    from it ('30 April 1949 (age 74)', « 30 avril 1949 (72 ans) »,
    1949年4月30日(75岁))?  Such an age depends on the day the page was made,
    not on what the text says: two versions made on different days differ
    there and agree on the date.  The parenthesis holds only the number and
    an age word (models/lexicons/number_roles.json, 'age_words')."""
    pat = _age_re(m.lang)
    opening = max(text.rfind("(", max(0, m.start - 12), m.start), text.rfind("（", max(0, m.start - 12), m.start))
    if pat is None or opening < 0:
        return False
    close = [k for k in (text.find(")", m.end, m.end + 12), text.find("）", m.end, m.end + 12)) if k >= 0]
    if not close:
        return False
    inside = text[opening + 1:min(close)]
    if not pat.search(inside) or pat.sub("", inside.replace(m.text, "", 1)).strip(" \u00a0:,"):
        return False
    return _DATE_END.search(text, max(0, opening - 30), opening) is not None


def counts_occasion(m: Mention, text: str) -> bool:
    """Is number ``m`` a count of recurring occasions, told by the word
    after it (60th anniversary, 二十届, 75周年; models/lexicons/
    number_roles.json 'after' ordinal): a rank that changes with the year
    of writing, unlike the rank of a holder (the 267th pope)."""
    if m.kind != "number":
        return False
    unit = _UNIT_TAIL.search(m.text).group() if m.lang == "zh" else ""
    pat = _after_re(m.lang, "ordinal")
    return pat is not None and bool(pat.match(unit + text[m.end:m.end + 12]))


def number_role(m: Mention, text: str) -> str:
    """The role of number mention ``m`` in ``text`` (the text its offsets
    point into): 'count' (counts, amounts, durations, percentages: the
    default), 'ordinal', 'name', 'date', 'century' (19世纪, XIXe siècle,
    the 19th century) or 'derived' (an age computed from the date before
    it, :func:`age_at_date`).  Other mentions: their kind."""
    if m.kind != "number":
        return m.kind
    if age_at_date(m, text):
        return "derived"
    # the unit the mention took in counts too: 75周|年 is an anniversary, 60年|代 a decade
    unit = _UNIT_TAIL.search(m.text).group() if m.lang == "zh" else ""
    after = unit + text[m.end:m.end + 12]
    for role in ("century", "date", "ordinal"):
        pat = _after_re(m.lang, role)
        if pat is not None and pat.match(after):
            return role
    if m.type == "ordinal":
        return "name" if _in_title(m, text) else "ordinal"
    if _ordinal_compound(m, text):
        return "ordinal"
    if _after_name(m, text):
        return "name"
    return "count"
