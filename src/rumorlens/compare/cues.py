"""Finding cue words (negations, denials) in a text, with their offsets.
The word lists live in ``models/compare/cues.json``; hedges are the
claims stage's (``models/claims/<lang>.json``)."""
from __future__ import annotations

import json
import functools
import re
from functools import lru_cache
from typing import Optional

from ..hanzi import simplified_in_place
from ..paths import models_dir


@lru_cache(maxsize=1)
def cue_lists() -> dict:
    return json.loads((models_dir() / "compare" / "cues.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p.casefold() for p in sorted(phrases, key=len, reverse=True))


def _phrase_spans(low: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Spans of every occurrence of ``phrases`` in ``low`` (case-folded
    text), longest phrases first."""
    out = []
    for p in _longest_first(tuple(phrases)):
        if p not in low:
            continue  # most phrases are absent: a substring test spares a regex scan (issue 12)
        out += [m.span() for m in re.finditer(re.escape(p), low)]
    return out


def _masked(text: str, phrases: list[str], spans: list[tuple[int, int]] = ()) -> str:
    """``text`` case-folded with every non-negating phrase, and ``spans``
    (more of them found otherwise: :func:`_bounds`), blanked out (same
    length)."""
    low = text.casefold()
    chars = list(low)
    for a, b in _phrase_spans(low, phrases) + list(spans):
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _as_listed(text: str, lang: str) -> str:
    """``text`` as the cue lists are written: Chinese in simplified
    characters, every offset kept (hanzi.simplified_in_place: 沒有, 無法 are
    没有, 无法; a fresh user's trial, session 64: a traditional-character
    沒有 was no negation, and « n'a pas assisté » against it a medium
    negation_added)."""
    return simplified_in_place(text) if lang == "zh" else text


def not_negations(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the phrases that hold a negation word without negating
    (cues.json "not_negation": not only, « plus que jamais », « ou non »;
    "bound_before_numeral": 不到 before a numeral, 'less than')."""
    text = _as_listed(text, lang)
    spec = cue_lists()["negation"].get(lang)
    return sorted(_phrase_spans(text.casefold(), spec["not_negation"]) + _bounds(text, lang) + _until(text, lang)) \
        if spec else []


_CLAUSE_END = re.compile(r"[,;:.!?，；：。！？]")


def _until(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the negations that an 'until' follows in their clause
    with no verb of duration between (cues.json negation ``until``: 'will
    not open until Monday' says when, not whether; 'did not wait until
    Monday' denies the waiting)."""
    spec = cue_lists()["negation"].get("until", {}).get(lang)
    if not spec:
        return []
    low = text.casefold()
    if not any(w in low for w in spec["words"]):
        return []  # most sentences have no 'until' (issue 12)
    neg = "|".join(map(re.escape, sorted(spec["negations"], key=len, reverse=True)))
    until, durative = set(spec["words"]), set(spec.get("durative", ()))
    out = []
    for m in re.finditer(r"(?<![\w'’])(?:" + neg + r")(?![\w'’])|(?<=\w)(?:n't|n’t)(?![\w'’])", low):
        words = re.findall(r"[\w'’-]+", _CLAUSE_END.split(low[m.end():], maxsplit=1)[0])[:spec["max_words"] + 1]
        at = next((k for k, w in enumerate(words) if w in until), None)
        if at is not None and not durative & set(words[:at]):  # 'did not wait until': the waiting is denied
            out.append(m.span())
    return out


def _bounds(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the words of cues.json "bound_before_numeral" that a
    numeral follows (不到一个小时: 'less than an hour', no negation)."""
    spec = cue_lists().get("bound_before_numeral", {}).get(lang)
    if not spec:
        return []
    return [m.span(1) for m in _bound_pattern(tuple(spec["words"]), spec["numerals"]).finditer(text)]


@functools.lru_cache(maxsize=None)
def _bound_pattern(words: tuple[str, ...], numerals: str) -> re.Pattern:
    return re.compile("(" + "|".join(map(re.escape, _longest_first(words))) + ")(?=[" + re.escape(numerals) + "])")


def _privative_non(masked: str, words: list, k: int, spec: dict) -> bool:
    """Is ``words[k]`` « non » written apart before an adjective or a
    participle it makes privative (« sources non confirmées »
    'unconfirmed', « non identifié », « non officiel »: cues.json negation
    fr ``privative_non``, the word's endings)?  A fresh user's trial of
    session 61: « non confirmées » against 'unconfirmed' and 未经证实 was a
    high negation_added."""
    rule = spec.get("privative_non")
    if not rule or words[k].group().casefold() not in rule["words"] or k + 1 >= len(words):
        return False
    nxt = words[k + 1].group().casefold()
    # a word of four letters or more: « non au projet », « non à » stay negations
    return masked[words[k].end():words[k + 1].start()] == " " and len(nxt) >= rule["min_letters"] \
        and nxt.endswith(tuple(rule["endings"]))


def negations(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of negation cues in ``text``.  French "ne … pas" counts once
    (on "ne"), restrictive "ne … que" (only) not at all."""
    text = _as_listed(text, lang)
    spec = cue_lists()["negation"].get(lang)
    if not spec:
        return []
    # set phrases (« sans doute » 'probably') negate nothing either, but state their clause
    masked = _masked(text, spec["not_negation"] + spec.get("set_phrases", []), _bounds(text, lang) + _until(text, lang))
    spans: list[tuple[int, int]] = []
    if lang == "zh":
        for m in _zh_negation_pattern().finditer(masked):
            if not _in_chinese_name(text, m.start(), m.end()) and not _lexical_negative_at(text, m.start()):
                spans.append(m.span())
        return spans
    words = list(re.finditer(r"[\w’'-]+", masked))
    if lang == "fr":
        # "ne" / "n'" are handled apart (ne … que); the other cues are words
        standalone = {c.casefold() for c in spec["cues"] if c not in ("ne", "n'", "n’")}
        for k, w in enumerate(words):
            tok = w.group().casefold()
            if tok in ("ne",) or tok.startswith(("n'", "n’")):
                nxt = " ".join(x.group().casefold() for x in _words_in_sentence(masked, words, k, 12))
                if re.search(r"\bqu(?:e\b|'|’)", nxt) and not re.search(r"\b(pas|plus|jamais|rien|aucune?|personne|guère)\b", nxt):
                    continue  # "ne … que" = only (ne serait-ce qu'un: even one)
                if _expletive_ne(masked[:w.start()], nxt):
                    continue  # « craignent que le coût ne pèse »: fear, no negation
                spans.append((w.start(), w.start() + (2 if tok.startswith("n") and len(tok) > 2 and tok[1] in "'’" else len(tok))))
            elif tok == "pas" and _pas_alone(words, k, spec):
                spans.append(w.span())  # spoken French: « je les vois pas »
            elif tok in standalone:
                if _privative_non(masked, words, k, spec):
                    continue  # « des sources non confirmées »: 'unconfirmed', a prefix written apart
                prev = [x.group().casefold() for x in words[max(0, k - 5) : k]]
                if tok in ("jamais", "aucun", "aucune", "guère") and any(p == "ne" or p.startswith(("n'", "n’")) for p in prev):
                    continue  # part of a "ne … jamais" already counted
                spans.append(w.span())
        return spans
    # English (and any other language whose cues are words or clitics)
    for m in re.finditer(_word_cue_pattern(tuple(spec["cues"])), masked):
        spans.append(m.span())
    return spans


def _in_chinese_name(text: str, start: int, end: int, longest: int = 4) -> bool:
    """Is ``text[start:end]`` inside a proper name that CC-CEDICT lists
    (a word of 2 to ``longest`` characters whose first gloss is written
    with a capital: 南非 'South Africa', 无锡 'Wuxi', 不丹 'Bhutan')?  The
    negating character is then a sound of the name, not a negation: 南非队没有
    击败 read 非 … 没 as a double negation and said nothing (session 46, a
    source-side break test)."""
    from ..lexicons.dictionaries import zh_glosses, zh_known

    for a in range(max(0, end - longest), start + 1):
        for b in range(max(end, a + 2), min(len(text), a + longest) + 1):
            glosses = zh_glosses(text[a:b]) if zh_known(text[a:b]) else ()
            if glosses and glosses[0][:1].isupper():
                return True
    return False


@functools.lru_cache(maxsize=1)
def _zh_negation_pattern() -> re.Pattern:
    """The Chinese negation cues (cues.json negation zh cues), longest
    first, compiled once: read by :func:`negations` and
    :func:`affixal_negations`."""
    return re.compile("|".join(map(re.escape, sorted(cue_lists()["negation"]["zh"]["cues"], key=len, reverse=True))))


def _lexical_negative_at(text: str, start: int) -> Optional[tuple[int, int]]:
    """The span of the Chinese adjective that opens at ``start`` with a
    negating morpheme as part of its meaning, or None: a CC-CEDICT word
    the segmenter tags as an adjective (cues.json negation zh
    ``lexical_negative`` tags) none of whose glosses negates a clause
    (``gloss_negators``): 不适 'unwell', 不安 'uneasy', 不满 'dissatisfied',
    不幸 'unfortunate', as English 'unwell' and « malaise » negate nothing.
    眼睛不适 / 'eye irritation' was a high negation_removed (a fresh user's
    trial, session 61).  不足 'not enough', 无法 'unable to' (an adverb),
    不会 'will not' stay negations."""
    spec = cue_lists()["negation"]["zh"].get("lexical_negative")
    if not spec:
        return None
    from ..lexicons.dictionaries import zh_known
    from ..lexicons.words import words

    candidates = [text[start:start + n] for n in range(4, 1, -1)
                  if start + n <= len(text) and zh_known(text[start:start + n])
                  and not _glossed_negating(text[start:start + n])]
    if not candidates:
        return None  # the cheap test first: most negations are no such word (issue 12)
    for w in words(text, "zh"):
        if w.start == start and w.pos in spec["tags"] and w.text in candidates:
            return w.start, w.end
    return None


@functools.lru_cache(maxsize=4096)
def _glossed_negating(word: str) -> bool:
    """Does a CC-CEDICT gloss of ``word`` hold a word that negates a clause
    (cues.json negation zh lexical_negative ``gloss_negators``)?"""
    from ..lexicons.dictionaries import meaningful, zh_glosses

    negators = set(cue_lists()["negation"]["zh"]["lexical_negative"]["gloss_negators"])
    return bool(negators & set(re.findall(r"[a-z]+", " ".join(meaningful(zh_glosses(word))).casefold())))


@functools.lru_cache(maxsize=1)
def _expletive_patterns() -> tuple[re.Pattern, tuple[re.Pattern, ...]]:
    """(the words that complete « ne », the contexts of the ne explétif), compiled once."""
    spec = cue_lists()["negation"].get("fr", {})
    completers = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, spec.get("completes_ne", ()))) + r")(?!\w)")
    return completers, tuple(re.compile(p, re.I) for p in spec.get("expletive_ne_after", ()))


def _expletive_ne(before: str, after: str) -> bool:
    """Is a French « ne » with ``before`` (the text before it) and
    ``after`` (its sentence's next words, lower case) the ne explétif:
    nothing completes it (cues.json fr ``completes_ne``) and it follows a
    verb of fearing or preventing, « avant que », « à moins que » or a
    comparison's « que » (cues.json fr ``expletive_ne_after``)?"""
    completers, contexts = _expletive_patterns()
    return not completers.search(after) and any(p.search(before) for p in contexts)


def _words_in_sentence(text: str, words: list, k: int, n: int) -> list:
    """Up to ``n`` words after ``words[k]``, stopping at a sentence mark (; : . ! ?)
    between two of them: « ne prévoit un retour à la normale du service
    qu'une fois » is a restrictive « ne … que » eight words apart (a blind
    trial's false negation, session 37; four words were read before)."""
    out = []
    for a, b in zip(words[k:k + n], words[k + 1:k + 1 + n]):
        if re.search(r"[;:.!?«»()]", text[a.end():b.start()]):
            break
        out.append(b)
    return out


def _pas_alone(words: list, k: int, spec: dict) -> bool:
    """Is the French word ``words[k]`` ("pas") a negation without "ne"
    (spoken French drops it)?  Not after "ne"/"n'" within five words (then
    "ne" was counted), nor after a word that makes it the noun (un pas, à
    pas de loup: cues.json "pas_alone_not_after"), nor before the words
    that make it a noun ("à pas": pas à pas; « mais pas à revenir » is a
    negation: cues.json "pas_alone_not_before", phrases)."""
    prev = [x.group().casefold() for x in words[max(0, k - 5):k]]
    if any(p == "ne" or p.startswith(("n'", "n’")) for p in prev):
        return False
    for phrase in spec.get("pas_alone_not_before", ()):
        n = len(phrase.split())
        if " ".join(x.group().casefold() for x in words[k + 1:k + 1 + n]) == phrase:
            return False  # pas à pas
    return not prev or prev[-1] not in spec.get("pas_alone_not_after", ())


def affixal_negations(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of words negated by an affix (nonviolently, asymptomatic,
    careless, « inactif »): the word without the affix is a word of the
    language at least as frequent as the word (wordfreq Zipf) and at least
    as long as the affix's minimum; the affixes
    are cues.json's "affixal_negation".  In Chinese, whose negating
    morphemes 不/无/非 are negation cues, the adjectives that hold one as
    part of their meaning (:func:`_lexical_negative_at`: 不适 'unwell')."""
    if lang == "zh":
        text = _as_listed(text, lang)
        found = (_lexical_negative_at(text, m.start()) for m in _zh_negation_pattern().finditer(text))
        return sorted({sp for sp in found if sp is not None})
    spec = cue_lists().get("affixal_negation", {})
    lang_spec = spec.get(lang)
    if not lang_spec:
        return []
    from wordfreq import zipf_frequency

    floor = spec.get("min_zipf", 3.0)
    checked = set(lang_spec.get("wordnet_checked", ()))
    out = []
    for m in re.finditer(r"[^\W\d_](?:[\w-]*\w)?", text):
        w = m.group().casefold()
        bases = [(p, w[len(p):]) for p, n in lang_spec["prefixes"].items() if w.startswith(p) and len(w) - len(p) >= n]
        bases += [("", w[:-len(x)]) for x, n in lang_spec["suffixes"].items() if w.endswith(x) and len(w) - len(x) >= n]
        if any(zipf_frequency(b, lang) >= max(floor, zipf_frequency(w, lang))
               and (p not in checked or _negated_for_wordnet(w, p, b, lang_spec.get("mirror_prefixes", {}))) for p, b in bases):
            out.append(m.span())
    return out


def _negated_for_wordnet(word: str, prefix: str, base: str, mirrors: dict) -> bool:
    """Does WordNet 3.0 say ``word`` negates ``base`` (``prefix`` + base)?
    True when WordNet does not know the word (nothing to go by); else when
    one is the other's antonym, or the word's antonym is the base with the
    prefix's mirror (cues.json affixal_negation wordnet_checked)."""
    from ..lexicons import wordnet
    from ..lexicons.dictionaries import stem

    w, b = stem(word), stem(base)
    if not wordnet.has_entry(w):
        return True
    mirror = stem(mirrors[prefix] + base) if prefix in mirrors else None
    if any(stem(a) in (b, mirror) for a, _ in wordnet.antonyms(w)):
        return True
    # the base's antonym is the word, inflected or not: dislike for 'disliked' (not 'informal' for 'informed')
    return any(a.startswith(prefix) and stem(a[len(prefix):]) == b for a, _ in wordnet.antonyms(b))


@functools.lru_cache(maxsize=None)
def _word_cue_pattern(cues: tuple[str, ...]) -> str:
    """Whole-word cues, longest first ("no one" before "no"); a clitic such as
    "n't" attaches to its word, so it has no boundary before it."""
    words = sorted((c for c in cues if "'" not in c and "’" not in c), key=lambda c: (-len(c), c))
    clitics = sorted(c for c in cues if "'" in c or "’" in c)
    parts = [r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"] if words else []
    parts += [re.escape(c) + r"\b" for c in clitics]
    return "|".join(parts)


def word_spans(text: str, words, lang: str) -> list[tuple[int, int]]:
    """Spans of the listed ``words`` (lower case) in ``text``, case-folded:
    whole words outside Chinese, longest first, a shorter one never
    starting inside a longer one's span; in text order."""
    low = _as_listed(text, lang).casefold()
    out: list[tuple[int, int]] = []
    for w in sorted(words, key=len, reverse=True):
        if w not in low:
            continue  # every match contains ``w`` as written: absent, nothing to scan for
        pat = re.escape(w) if lang == "zh" else r"(?<!\w)" + re.escape(w) + r"(?!\w)"
        for m in re.finditer(pat, low):
            if not any(s <= m.start() < e for s, e in out):
                out.append(m.span())
    return sorted(out)


def denials(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of denial verbs (否认, nier/démentir, deny): a claim reported as denied."""
    return word_spans(text, cue_lists().get("denial", {}).get(lang, []), lang)
