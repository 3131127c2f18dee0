"""Is a name referred to without being written?  Pronouns, a speaker's first
person, a group ("the two countries", 双方), a place or body ("the
country", 该国) or a title ("the Chinese leader", 主席) in the other
version's clause stand for a name when that name is their salient
antecedent there.

A light coreference rule, not a model: the referring word must fit the
name's type (``kinds_by_type`` in models/lexicons/references.json) and the
name -- or what renders it in the other language -- must be salient on the
other side: among the ``salient_names`` most recent names of its type in
the text before the clause (third person, group, place, title), or named
anywhere in that document (first person: the speaker of a speech or a
quote).  Gender and number are not checked beyond the kind of word.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from ..langs import latin_letters
from ..mentions import lexicon
from ..mentions.entities import entity_key
from ..mentions.names import appears_in, has_counterpart, name_support
from ..records import Mention
from .pair import Side
from .thresholds import thresholds


@dataclass
class _Passage:
    """What names.has_counterpart looks at: a text, its language and its mentions."""

    text: str
    lang: str
    mentions: list = field(default_factory=list)


@functools.lru_cache(maxsize=None)
def _kind_re(kind: str, lang: str) -> Optional[re.Pattern]:
    words = lexicon.load("references").get(kind, {}).get(lang, [])
    if not words:
        return None
    alt = lexicon.alternation(words)
    if lang == "zh":
        return re.compile("(?:" + alt + ")")
    return re.compile(r"(?<![\w'’])(?:" + alt + r")(?![\w])", re.I)


def titles_with_names(text: str, lang: str, names: list[tuple[int, int]], gap: int = 2) -> list[tuple[int, int]]:
    """Spans of the title words of ``text`` (the lexicon's 'title' kind:
    président, 总理, Secretary-General) written next to a name (``names``:
    spans into ``text``, at most ``gap`` characters apart: « le président
    Xi », 阿塔尔总理, 法国总理阿塔尔): the title is part of how the name is
    written, and what the name's own check compares."""
    pat = _kind_re("title", lang)
    if pat is None or not names:
        return []
    out = []
    for t in pat.finditer(text):
        if any(0 <= t.start() - b <= gap or 0 <= a - t.end() <= gap for a, b in names):
            out.append(t.span())
    return out


def referring_kinds(text: str, lang: str, name_type: str) -> list[str]:
    """The kinds of referring words in ``text`` that may stand for a name of
    type ``name_type`` (PER, LOC, ORG...), in lexicon order."""
    kinds = lexicon.load("references")["kinds_by_type"].get(name_type, [])
    return [k for k in kinds if (pat := _kind_re(k, lang)) is not None and pat.search(text)]


def referring_words(text: str, lang: str, kind: str) -> list[str]:
    """The words of ``kind`` (person, group, place, title: the lexicon's
    kinds) in ``text``, in order."""
    pat = _kind_re(kind, lang)
    return [m.group(0) for m in pat.finditer(text)] if pat is not None else []


def _renders(m: Mention, other: Mention) -> bool:
    """Does the other side's mention ``other`` name the same entity as ``m``?"""
    if entity_key(m) == entity_key(other) or appears_in(m.text, other.text):
        return True
    passage = _Passage(other.text, other.lang, [other])
    if has_counterpart(m, passage):
        return True
    # across scripts a name is carried by sound (Macron / 馬克龍); within one
    # script one shared word is not enough (Sonnet 3.6 / Claude 3.5 Sonnet)
    return latin_letters(m.text) != latin_letters(other.text) and \
        name_support(m.text, passage, m.lang)[0] >= thresholds()["entity_support_source"]


def _salient(m: Mention, before: list[Mention], types: tuple, n: int) -> bool:
    """``m`` is rendered by one of the ``n`` most recent distinct names of
    ``types`` in ``before`` (mentions in reading order)."""
    seen: list[str] = []
    for x in reversed(before):
        if x.kind != "entity" or x.type not in types:
            continue
        key = entity_key(x)
        if key in seen:
            continue
        seen.append(key)
        if _renders(m, x):
            return True
        if len(seen) >= n:
            break
    return False


def _types_for(m: Mention) -> tuple:
    return ("PER",) if m.type == "PER" else ("LOC", "ORG", "GPE")


def referred(m: Mention, spans: list[tuple[int, int]], other: Side) -> bool:
    """Is name ``m`` referred to in the other side's clause (``spans`` of
    ``other.doc_text``) by a word that fits its type, with ``m`` salient
    before it on that side (``other.preceding_mentions`` and its own
    mentions up to the clause's end), or -- first person -- named anywhere
    in that document?"""
    if not spans:
        return False
    clause = " ".join(other.doc_text[a:b] for a, b in spans)
    name_type = m.type
    kinds = referring_kinds(clause, other.lang, name_type)
    if not kinds:
        return False
    th = thresholds()
    end = max(b for _, b in spans)
    before = list(other.preceding_mentions) + [x for x in other.mentions if x.start < end]
    if any(k != "speaker" for k in kinds) and _salient(m, before, _types_for(m), int(th["reference_salient_names"])):
        return True
    if "speaker" in kinds and name_type == "PER":
        whole = _Passage(other.doc_text, other.lang, before)
        return has_counterpart(m, whole)
    return False
