"""A name written with another number: 'iPhone 8' against 'iPhone 6',
GPT-4 against GPT-5, « Boeing 737 » against 'Boeing 747', Windows 11
against Windows 10.

The number of a model, version or edition is part of its name: the number
check does not pair it as a figure (mentions.roles gives it the role
'name': Apollo 11 is no count of eleven) and the entity check takes two
such names for one written alike (or by the encoder for two near
synonyms).  Yet a retelling that turns GPT-4 into GPT-5 names another
thing.  This check reads every name's number of a bead however the
mentions stage cut it -- a number after a name (role 'name'), or the end
of an entity mention ('GPT-4', 'Windows 11') -- keyed by its name (the
word before it, folded; a Chinese name by its gazetteer entry), and
reports a name that each side writes with a number the other side never
writes with it.  A side that also writes the other number ('GPT-5 is
better than GPT-4' against 'GPT-5 is better than its predecessor') says
nothing against it: only two disjoint sets are reported.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..langs import HAN
from ..mentions import gazetteer as gz
from ..mentions import lexicon
from ..mentions.names import fold
from ..mentions.roles import name_before, number_role
from ..records import Finding, Mention
from .pair import AlignedPair, Side, below_median, make_finding, quote

# an entity mention opening with a name and a version: 'GPT-4o', 'Windows 11',
# 'Galaxy S10', 'iPhone 8', « Boeing 737 de la compagnie » (French NER takes
# the words after in); the name part has two letters at least
_VERSIONED = re.compile(r"(?P<name>.*?[^\W\d_]{2,})[\s\-]?(?P<version>[A-Z]{0,2}\d+(?:[.,]\d+)*[a-z]{0,2})"
                        r"(?=$|[\s)）,;:])")
# a model or series code: capitals and digits, Latin-script on both ends
# (A320, F-35, MH370, S24; 空客A320客机)
_CODE = re.compile(r"(?<![A-Za-z0-9\-.])(?P<name>[A-Z]{1,3})-?(?P<version>\d{1,4}(?:\.\d+)?)(?![A-Za-z0-9])")


@dataclass(frozen=True)
class NameNumber:
    """One name written with a number, absolute offsets of the whole."""

    key: str  # the name, folded ('iphone'), or its gazetteer entry
    version: str  # as written, lower case ('8', '4o', 's10')
    start: int
    end: int


def _key(name: str) -> str:
    """A name's key: its gazetteer entry's name, else itself, folded, its
    last word ('clio' of 'Renault Clio': the other version may write 'Clio 4')."""
    g = gz.load()
    hit = g.lookup(name)
    if hit is not None:
        name = g.canonical(hit.id) or name
    words = fold(name).split()
    return words[-1] if words else ""


def _version(written: str) -> str:
    """A version as compared: lower case, a French decimal comma a point (GPT-3,5 is GPT-3.5)."""
    return written.strip().casefold().replace(",", ".")


def _entity_before(m: Mention, entities: list[Mention], text: str) -> Mention | None:
    """The entity mention written right before number ``m`` (波音737,
    'Boeing 747'), with at most a space or a hyphen between."""
    for e in entities:
        if e.end <= m.start and re.fullmatch(r"[\s\-]*", text[e.end:m.start]):
            return e
    return None


def _plain(m: Mention) -> bool:
    return m.type == "count" and not (m.unit or m.scale_word or m.approx) and m.text.strip().isdigit()


def name_numbers(side: Side) -> list[NameNumber]:
    """Every name's number of ``side``: numbers of role 'name' with the
    word before them, plain numbers right after an entity mention, and
    entity mentions that end in a version."""
    out = []
    entities = [m for m in side.mentions if m.kind == "entity"]
    for m in side.mentions:
        if m.kind == "number":
            e = _entity_before(m, entities, side.doc_text) if _plain(m) else None
            if e is not None:
                out.append(NameNumber(_key(e.text), _version(m.text), e.start, m.end))
            elif number_role(m, side.doc_text) == "name" and (named := name_before(m, side.doc_text)):
                out.append(NameNumber(_key(named[0]), _version(m.text), named[1], m.end))
        elif m.kind == "entity":
            out += _versioned(m, side.doc_text)
    return out + _codes(side, out)


def _versioned(m: Mention, text: str) -> list[NameNumber]:
    """The names' numbers of an entity mention that opens with a name and a
    version, keyed by the name ('Galaxy S24': galaxy s24) and, for a
    version that opens with capitals, by them too (s 24: the other version
    may tag 'S23' apart from 'Galaxy').  A decimal the mention left out is
    taken in (« GPT-3,5 »: NER stops at the comma)."""
    v = _VERSIONED.match(m.text.strip())
    if not v:
        return []
    end = m.start + v.end()
    version = v.group("version")
    more = re.match(r"[.,]\d+", text[end:end + 8]) if v.end() == len(m.text.strip()) else None
    if more:
        version, end = version + more.group(), end + more.end()
    out = [NameNumber(_key(v.group("name")), _version(version), m.start, end)]
    code = re.fullmatch(r"([A-Z]{1,2})(\d.*)", version)
    if code:
        out.append(NameNumber(code.group(1).casefold(), _version(code.group(2)), m.start, end))
    return out


def _codes(side: Side, found: list[NameNumber]) -> list[NameNumber]:
    """Model and series codes of the side's text (A320, F-35, MH370) outside
    the names' numbers already ``found``, keyed by their letters."""
    out = []
    for c in _CODE.finditer(side.text):
        s, e = side.start + c.start(), side.start + c.end()
        if not any(n.start <= s < n.end for n in found):
            out.append(NameNumber(c.group("name").casefold(), _version(c.group("version")), s, e))
    return out


@functools.lru_cache(maxsize=None)
def _standard_re(lang: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """(a comparison word ending the text before a name, three words at most
    between; a Chinese closer after it in its clause), from
    models/lexicons/number_roles.json."""
    rules = lexicon.load("number_roles")
    words = rules.get("comparison_standards", {}).get(lang, [])
    closers = rules.get("comparison_closers", {}).get(lang, [])
    if lang == "zh":
        # ... and any one character and 于 right before it (高于, 优于, 基于: 'higher than', 'based on')
        before = re.compile("(?:" + lexicon.alternation(words) + r")[^，,。；;：:！？!?]{0,8}$|[" + HAN + r"]于\s*$")
        after = re.compile(r"^[^，,。；;：:！？!?]{0,12}?(?:" + lexicon.alternation(closers) + ")") if closers else None
        return before, after
    if not words:
        return None, None
    return re.compile(r"(?<![\w'’])(?:" + lexicon.alternation(words) + r")(?:\s+[\w'’\-]+){0,3}\s*$", re.I), None


@functools.lru_cache(maxsize=None)
def _que_re(lang: str) -> re.Pattern | None:
    """« que » after a comparative, three words at most before the name
    (models/lexicons/number_roles.json ``comparison_que``)."""
    rules = lexicon.load("number_roles").get("comparison_que", {}).get(lang)
    if not rules:
        return None
    que = "|".join(re.escape(w) + (r"\s*" if w.endswith(("'", "’")) else r"\s+") for w in rules["words"])
    return re.compile(r"(?<![\w'’])(?:" + lexicon.alternation(rules["comparatives"]) + r")(?:\s+[\w'’\-]+){0,6}?\s+"
                      r"(?:" + que + r")(?:[\w'’\-]+\s+){0,3}$", re.I)


def _compared_against(n: NameNumber, side: Side) -> bool:
    """Is the name ``n`` the standard of a comparison ('better than GPT-4',
    « par rapport à GPT-4 », 与GPT-4相比): another member of the series
    named for reference, not what the clause is about."""
    before, after = _standard_re(side.lang)
    text = side.doc_text
    head = text[max(0, n.start - 40):n.start]
    if before is not None and before.search(head):
        return True
    que = _que_re(side.lang)
    if que is not None and que.search(head):
        return True
    return after is not None and after.search(text[n.end:n.end + 20]) is not None


def _by_key(found: list[NameNumber]) -> dict[str, list[NameNumber]]:
    out: dict[str, list[NameNumber]] = {}
    for n in found:
        out.setdefault(n.key, []).append(n)
    return out


def check_name_numbers(pair: AlignedPair) -> list[Finding]:
    """A name written with a number on each side, no number shared, two of
    them facing each other in one role: high ``number/name_number_changed`` citing the
    first two that face each other."""
    if pair.src.empty or pair.tgt.empty:
        return []
    # inside documents, only beads at least as close as their pair's median:
    # a loosely aligned bead of two versions may set two sentences about
    # two models of one series side by side (a generated corpus's 'GPT-4发布'
    # against 'GPT-1 与 GPT-2 的训练'); a swapped number leaves the rest alike
    if below_median(pair):
        return []
    src, tgt = _by_key(name_numbers(pair.src)), _by_key(name_numbers(pair.tgt))
    findings, told = [], []
    for key in sorted(src.keys() & tgt.keys()):
        if {n.version for n in src[key]} & {n.version for n in tgt[key]}:
            continue
        # only two that face each other in one role: in corresponding clauses
        # (AlignedPair.facing: one clause group, or the same place in sides
        # cut alike; a generated corpus's loosely aligned bead set 'GPT-1 与
        # GPT-2 的训练' against another sentence's 'GPT-4发布'), and both or
        # neither the standard of a comparison (a retelling that says the
        # Chinese's GPT-5 improved "compared to GPT-4" names both)
        facing = [(a, b) for a in src[key] for b in tgt[key] if pair.facing(a.start, b.start)
                  and _compared_against(a, pair.src) == _compared_against(b, pair.tgt)]
        facing = [(a, b) for a, b in facing if not any(a.start < e and s < a.end for s, e in told)]
        if not facing:
            continue  # none, or told already under the name's other key (Galaxy S24: galaxy, s)
        a, b = facing[0]
        told.append((a.start, a.end))
        wa, wb = pair.src.doc_text[a.start:a.end], pair.tgt.doc_text[b.start:b.end]
        expl = (f"The {pair.label(pair.src)} writes {quote(wa)} where the {pair.label(pair.tgt)} writes {quote(wb)}: "
                f"the same name with another number, another model, version or edition.")
        findings.append(make_finding(pair, "number", "name_number_changed", "high", 0.8,
                                     [pair.src.evidence(a.start, a.end), pair.tgt.evidence(b.start, b.end)], expl))
    return findings
