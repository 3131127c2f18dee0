"""Antonyms across a bead: one side says *exported* where the other's word
means *import*.

A word ``t`` of one side and a word ``s`` of the other are reported when a
WordNet 3.0 antonym of ``t`` (rumorlens.lexicons.wordnet, through ``t``'s
English keys) is among the dictionary translations of ``s``
(rumorlens.lexicons.dictionaries), and neither word has a dictionary
translation anywhere on the other side (a sentence that says both "import"
and "export" is not a reversal).  Measured beforehand on DEMETR: WordNet
antonym hits are precise, similarity-based guesses are not (measured again
on DEMETR's dev half: an encoder fallback, "the source word is nearer the
antonym than the target word", flagged 4-10% of clean rows for a few points
of detection), so the encoder plays no part here.  Finding:
``claim/antonym``, both words quoted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from ..lexicons import wordnet
from ..lexicons.dictionaries import (english_keys, fr_glosses, fr_infinitive, gloss_keys, meaningful, stem, tied,
                                     zh_glosses, zh_known, zh_pieces)
from ..lexicons.words import Word, is_content, word_lists
from ..mentions import lexicon
from ..mentions.numbers import parse_chinese
from ..records import Finding
from .comparison import compared_way, comparison_at, comparisons, standards_swapped
from .coverage import TRANSLATION_RELATIONS
from .cues import cue_lists, negations, not_negations
from .pair import AlignedPair, Side, below_median, clear_counterparts, in_document, make_finding, quote
from .phrasesim import prefetch
from .thresholds import thresholds
from .edits import replaced_words



def _word_keys(side: Side) -> list[frozenset[str]]:
    """Narrow English keys of each word of the side (what it says), but
    for the function words the check never opposes (words.json
    antonym_function_words): « en » glossed 'inside' says nothing of
    « en dehors » 'outside'."""
    skip = set(word_lists()["antonym_function_words"].get(side.lang, ()))
    # a compound with no one-word gloss says what its glosses' words say: 加息 'to raise
    # interest rates' translates 'raised' (as the source words are read, _source_keys);
    # a numeral word says what its head says, as _words reads it: 最后一次 is 'last',
    # not 一次 'first time' too (a source-side antonym row: 首次 / 'first' made 最后一次)
    return [english_keys(w, side.lang, narrow=True) or english_keys(w, side.lang)
            for w in map(_numeral_stripped, side.words()) if w.text.casefold() not in skip and not _count(w)]


def _all_keys(side: Side) -> frozenset[str]:
    """The keys of :func:`_word_keys`, together."""
    return frozenset().union(*_word_keys(side))


def _rendered(words: list[Word], lang: str, other: list[frozenset[str]]) -> set[int]:
    """Starts of the ``words`` (one side) that a word of the other side
    (``other``: its words' keys) translates and no other of ``words``
    does.  A word whose translations on the other side all translate
    another word as well is not known to be rendered there: « aime »,
    glossed 'appreciate' among others, beside « apprécie » and a target
    with 'appreciate', is not rendered by it (« j'aime … et j'apprécie » /
    'I hate … and appreciate' is a reversal).  One word written twice is
    one claimant."""
    keys = [_keys(w, lang) for w in words]
    # the same word twice is one claimant: 现在 … 现在 beside one 'now' is not unrendered
    claimants = [len({w.text.casefold() for w, k in zip(words, keys) if k & o}) for o in other]
    return {w.start for w, k in zip(words, keys)
            if any(n == 1 and k & o for o, n in zip(other, claimants))}


def _words(side: Side) -> list[tuple[Word, bool]]:
    """Words that may carry a reversal, each with whether a negation cue
    bears on it: content parts of speech, stop words included (more/less,
    first/last, public/private are stop words for coverage, not for
    meaning), outside names (entity mentions: a number mention's "more
    than" is fair game) and stray lines; a Chinese word only when it is a
    CC-CEDICT entry itself (the glosses of the pieces of an unknown word are
    not its meaning), else its one-character pieces (:func:`_modifiers`)."""
    spans = [(m.start, m.end) for m in side.mentions if m.kind == "entity"] + [(a, b) for a, b, _ in side.stray]
    if side.lang != "en":  # jamais is "never" and "ever" ("plus que jamais"): not a word to oppose
        # ... but a Chinese word that holds 不, 否 or 无 without negating is a word like any
        # other (否决 'to veto' / 'approved', 不同 'different': cues.json not_negation)
        held = not_negations(side.text, side.lang) if side.lang != "zh" else []
        spans += [(side.start + a, side.start + b) for a, b in negations(side.text, side.lang) + held]
    # a capitalised common word (Private, South) is tagged PROPN; names are
    # entity mentions, left out above
    pos = set(word_lists()["content_pos"].get(side.lang, ())) | {"PROPN"} \
        | set(word_lists().get("antonym_extra_pos", {}).get(side.lang, ()))  # inside / « en dehors »
    skip = set(word_lists()["antonym_function_words"].get(side.lang, ()))  # 有 'there is' is no 'have'
    cues = negations(side.text, side.lang) + _prefix_negations(side)
    read = (_participle_read(w, side.lang) for w in map(_numeral_stripped, map(_passive_stripped, side.words())))
    if side.lang == "zh":
        read = (p for w in read for p in _modifiers(w))
    return [(w, _negated(w, cues, side.lang)) for w in read
            if any(c.isalpha() for c in w.text) and w.pos in pos and w.text.casefold() not in skip
            and (side.lang != "zh" or zh_known(w.text) or _degree_base(w.text) is not None)
            # a numeral word (LAC m) of one character is what a figure leaves of its classifier
            # (141例 -> 例 'precedent', opposed to 'new': a DEMETR row); 多数, 首次 are read
            and not (side.lang == "zh" and w.pos == "m" and len(w.text) < 2) and not _count(w)
            and not any(a <= side.start + w.start and side.start + w.end <= b for a, b in spans)]


def _pieces(w: Word) -> list[Word]:
    """A Chinese word of three characters or more that CC-CEDICT lacks, as
    its dictionary pieces (dictionaries.zh_pieces), each a word of its own
    with the whole word's tag: LAC keeps a modifier with its noun (小石壁
    'small stone walls', 小流行) and the modifier is what a translation may
    reverse ('big walls').  A shorter word, an entry, or a comparative the
    degree prefixes build (最低: :func:`_degree_base`) stays whole."""
    if len(w.text) < 3 or zh_known(w.text) or _degree_base(w.text) is not None:
        return [w]
    out, at = [], w.start
    for piece in zh_pieces(w.text):
        out.append(Word(at, at + len(piece), piece, piece, w.pos))
        at += len(piece)
    return out


def _modifiers(w: Word) -> list[Word]:
    """The one-character pieces of a word that :func:`_pieces` cuts, the
    word itself when it stays whole: what the antonym check may oppose.
    A longer piece is a word of the compound, not its modifier (开工率
    'operating rate' is 开工 'start work' + 率: no 'start' to oppose to
    'the end of the year', a break test of session 62)."""
    pieces = _pieces(w)
    return pieces if len(pieces) == 1 else [p for p in pieces if len(p.text) == 1]


def _participle_read(w: Word, lang: str) -> Word:
    """A French past participle the tagger calls a noun or an adjective,
    with no dictionary entry but its verb's, read as that verb: « il a
    très habilement perdu » / 'very skillfully won' (the small tagger's
    noun « perdu »: lexicons.dictionaries.fr_infinitive); any other word
    as it is."""
    if lang != "fr" or w.pos not in ("NOUN", "ADJ"):
        return w
    infinitive = fr_infinitive(w.text, w.lemma)
    return replace(w, pos="VERB", lemma=infinitive) if infinitive else w


def _passive_stripped(w: Word) -> Word:
    """A Chinese word that LAC keeps with its passive marker (被逮捕 'be
    arrested', no CC-CEDICT entry) read as the verb after 被 (逮捕), when
    that verb is an entry; any other word as it is."""
    passive = word_lists()["zh_passive_marker"]
    if w.text.startswith(passive) and len(w.text) > len(passive) and not zh_known(w.text) \
            and zh_known(w.text[len(passive):]):
        rest = w.text[len(passive):]
        return replace(w, start=w.start + len(passive), text=rest, lemma=rest)
    return w


def _numeral_stripped(w: Word) -> Word:
    """A Chinese word that LAC tags as a numeral with its count and
    classifier (最后一个 'the last one', 第一个, 最后一次: words.json
    zh_numeral_tag, no CC-CEDICT entry) read as the word before the count,
    an adjective, when that is an entry and no number itself (最后 'last',
    第一 'first'); any other word as it is.  A break test of session 46:
    第一个总领馆 / 最后一个总领馆 against 'the first consulate' was silent.
    Whatever LAC's tag when a count stands between the head and the
    classifier: it tags 最后一次 an adverb (ad) in 他最后一次来 (a helper's
    break test, session 65); 大会场 is 'venue', not 大会 and 场."""
    if zh_known(w.text) or len(w.text) < 3 or w.text[-1] not in lexicon.load("units")["zh_classifiers"]:
        return w
    numeral = w.pos == word_lists()["zh_numeral_tag"]
    for cut in range(len(w.text) - 1, 1, -1):
        head, count = w.text[:cut], w.text[cut:-1]
        if zh_known(head) and not _is_number(head) and (_is_number(count) if count else numeral):
            return replace(w, end=w.start + cut, text=head, lemma=head, pos="a")
    return w


def _count(w: Word) -> bool:
    """Is ``w`` a Chinese count, a numeral and its classifier that LAC tags
    as a numeral (一次, 一轮, 两个)?  It says how many, not 'first':
    CC-CEDICT glosses 一次 'first; first time; once' and 一轮 'first round',
    which set 'the last census' against 最近一次人口普查 and hid 'the first
    round' against 最后一轮 (a helper's break test, session 65)."""
    return w.pos == word_lists()["zh_numeral_tag"] and len(w.text) >= 2 and _is_number(w.text[:-1]) \
        and w.text[-1] in lexicon.load("units")["zh_classifiers"]


def _is_number(text: str) -> bool:
    """Is ``text`` a Chinese numeral (一, 十二, 两)?"""
    try:
        parse_chinese(text)
    except ValueError:
        return False
    return True


def _prefix_negations(side: Side) -> list[tuple[int, int]]:
    """Spans (in ``side.text``) of negative prefixes written apart by a
    hyphen ('non-' of 'non-violently': words.json
    antonym_negative_prefixes), each a negation of the word after it."""
    prefixes = word_lists().get("antonym_negative_prefixes", {}).get(side.lang, ())
    if not prefixes:
        return []
    alt = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return [m.span() for m in re.finditer(r"(?<![\w-])(?:" + alt + r")(?=\w)", side.text, re.I)]


def _negated(w: Word, cues: list[tuple[int, int]], lang: str) -> bool:
    """A negation cue just before the word (不友好, "not friendly"): its
    opposite is then what the sentence means, unless the other word is
    negated too ("not true" / "pas vrai")."""
    reach = word_lists()["negation_reach"][lang]
    return any(b <= w.start and w.start - b <= reach for _, b in cues)


def _comparative_bases(w: Word, lang: str) -> frozenset[str]:
    """Stems of the positive degree of an English comparative or
    superlative adjective or adverb that WordNet gives antonyms to (later ->
    late, earlier -> early, bigger -> big): WordNet lists antonyms for the
    positive only, and Snowball stems keep the -er."""
    if lang != "en" or w.pos not in ("ADJ", "ADV"):
        return frozenset()
    return _positive_stems(w.text.casefold(), w.pos)


def _positive_stems(text: str, upos) -> frozenset[str]:
    """:func:`_comparative_bases` of one English word (or gloss key), any
    part of speech with ``upos`` None; empty when it ends in neither -er
    nor -est."""
    if not text.endswith(("er", "est")):
        return frozenset()
    cut = 2 if text.endswith("er") else 3
    body = text[:-cut]
    bases = {body, body + "e", body[:-1] if len(body) > 2 and body[-1] == body[-2] else body,
             body[:-1] + "y" if body.endswith("i") else body}
    return frozenset(stem(b) for b in bases if len(b) > 2 and wordnet.antonyms(stem(b), upos))


def _with_positives(keys: frozenset[str]) -> frozenset[str]:
    """``keys`` and the positive degree of those that are an English
    comparative or superlative (:func:`_positive_stems`)."""
    return keys.union(*(_positive_stems(k, None) for k in sorted(keys)))


def _degree_base(text: str):
    """The CC-CEDICT word a Chinese comparative or superlative not listed
    itself is built on (最大 -> 大, 更多 -> 多, 快于 -> 快: words.json
    zh_degree_prefixes, zh_comparative_suffixes), else None."""
    if len(text) < 2 or zh_known(text):
        return None
    lists = word_lists()
    if text[0] in lists["zh_degree_prefixes"] and zh_known(text[1:]):
        return text[1:]
    if text[-1] in lists.get("zh_comparative_suffixes", ()) and zh_known(text[:-1]):
        return text[:-1]
    return None


def _keys(w: Word, lang: str, narrow: bool = True) -> frozenset[str]:
    """english_keys of a word, a Chinese comparative or superlative read as
    the word it is built on (:func:`_degree_base`)."""
    base = _degree_base(w.text) if lang == "zh" else None
    if base is not None:
        w = replace(w, text=base, lemma=base)
    return english_keys(w, lang, narrow=narrow)


def _source_keys(w: Word, lang: str) -> frozenset[str]:
    """What a source word means, for antonyms: its one-word glosses; for a
    compound with none (开幕式 "opening ceremony", 早年 "early years"), the
    words of its glosses; with the positive degree of a gloss that is a
    comparative or superlative (最高 "highest" -> high, 最大 "largest" ->
    large: WordNet opposes the positive only, as for the target word)."""
    return _with_positives(_keys(w, lang) or _keys(w, lang, narrow=False))


def _sense_fits(w: Word, lang: str, antonym: frozenset[str], pos: str, name: str = "") -> bool:
    """Can the source word ``w`` mean the antonym (its stems) in the
    antonym's WordNet part of speech ``pos``?  Its tag must allow that part
    of speech (wordnet.gloss_poses: a noun is no verb); a noun read as an
    adjective only through its first dictionary sense: 军事 'military
    affairs; military' and « calme » are adjectives used as nouns, but 水
    'water; river; liquid' is no adjective 'liquid' opposed to 'dry' (a
    high false alarm, 'the reservoir has run dry', session 35); LAC's
    adjectival noun (an) through any sense (不满 'resentful; discontented;
    dissatisfied' / 'satisfied', session 62)."""
    if pos not in wordnet.gloss_poses(w.pos):
        return False
    if pos != "v" and lang == "zh" and _is_verb(w, lang) and name:
        # a Chinese verb is an adjective or a noun only through a gloss that is no verb's ('to …',
        # but 'to be responsible' is the adjective) and that writes the antonym itself, not a word
        # of its stem: 表示 'to express; expression' is no 'express' (train) opposed to 'local'
        # (当地居民表示 / 'Local residents said', a high false alarm of a break test, session 43)
        bare = [re.sub(r"^\([^)]*\)\s*", "", g) for g in meaningful(zh_glosses(w.text))]  # '(of sb) to express'
        return any((not g.startswith("to ") or g.startswith("to be ")) and name.casefold() in re.findall(r"[a-z]+", g.casefold())
                   for g in bare)
    # an English word is read as itself, and LAC's adjectival noun (an: 不满 'dissatisfied', 困难) is an
    # adjective by its meaning
    if pos != "a" or w.pos not in wordnet.NOUN_TAGS or lang == "en" or (lang == "zh" and w.pos == "an"):
        return True
    glosses = zh_glosses(w.text) if lang == "zh" else fr_glosses(w.text, w.lemma)
    first = meaningful(glosses)[:1]
    return bool(first) and antonym <= _with_positives(gloss_keys(first))


@dataclass
class Reversal:
    """A word of the target and a word of the source that mean opposites."""

    tgt: Word
    src: Word
    antonym: str  # the WordNet antonym of the target word that a gloss of the source word gives


def antonym_pairs(pair: AlignedPair, negated_once: bool = False) -> list[Reversal]:
    """Every reversal found, in target order; each word is used once: a
    WordNet antonym of the target word, or a synonym of that antonym in
    its own sense (wordnet.antonym_synonyms), is a one-word dictionary
    gloss of the source word.  The target word must have no dictionary
    translation anywhere in the source, and the antonym none anywhere in
    the target.  (Accepting the synonyms of every sense of the antonym
    doubled detection on DEMETR's dev half but flagged 10% of clean rows:
    not done.)

    Both words negated or neither, by default; with ``negated_once``, the
    opposite pairs where exactly one word is negated ("not large" /
    "small"): no reversal, the same claim (:func:`negation_as_antonym`)."""
    src, tgt = pair.src, pair.tgt
    tgt_words = _word_keys(tgt)
    src_keys, tgt_keys = _all_keys(src), frozenset().union(*tgt_words)
    src_family = _family(src_keys)
    # a source word whose one-word gloss is written anywhere in the target is rendered there:
    # 国外 'abroad; foreign' beside 'living abroad' opposes nothing to 'home' (a faithful pair
    # flagged high in a source-side break test, session 44; so was 多 'many; much' / 'small'
    # beside 'many').  One-word glosses only: 死亡人数 'death toll' / 'birth toll' shares
    # 'toll' and stays a reversal (DEMETR); the wider glosses cost 6 of its antonym rows
    candidates = _words(src)
    rendered = _rendered([s for s, _ in candidates], src.lang, tgt_words)
    sources = [(s, neg, _source_keys(s, src.lang)) for s, neg in candidates if s.start not in rendered]
    out, used = [], set()
    for t, t_neg in _words(tgt):
        kt = _keys(t, tgt.lang) | _comparative_bases(t, tgt.lang)
        if tgt.lang != "en":  # glosses of another language's word: 最高 'highest' is high
            kt = _with_positives(kt)
        if not kt or _related(kt, src_keys, src_family):
            continue
        upos = t.pos if tgt.lang == "en" else None  # through a dictionary, any part of speech
        # an inflected English noun (negotiations) is a noun: its stem must
        # not meet an adjective's (negotiable / impassable)
        own = upos in ("NOUN", "PROPN") and t.text.casefold() != t.lemma
        # WordNet's antonyms first, then their synonyms in the antonym's sense ('seldom' for
        # 'rarely', the antonym of 'often': FreeDict glosses « rarement » 'seldom' only)
        ants = [a for look in (wordnet.antonyms_with_pos, wordnet.antonym_synonyms) for k in sorted(kt)
                for a in look(k, upos, own_pos=own) if not a[1] & tgt_keys]
        # converses last, and only of one reference ('after the earthquake' / 地震之前)
        converse = [a for k in sorted(kt) for a in wordnet.converses(k, upos, own_pos=own) if not a[1] & tgt_keys]
        ants += converse
        verbal: list = []
        if upos in ("NOUN", "PROPN"):
            # a noun shares its stem with a verb by conversion ('a rise' / 'to rise') but an
            # adjective only by derivation: 'inflation' is not 'inflated', opposed to 'decreased'
            # (a fresh user's trial: 'Core inflation … fell' / 核心通胀率下降, session 41)
            ants = [a for a in ants if a[2] not in ("a", "s")]
            verbal = [] if own else _verb_antonyms(kt, tgt_keys)
        # the source word must be able to mean the antonym's part of speech
        # (« bénéfices », a noun glossed 'gain', is not the verb 'gain' opposed to 'fell')
        hit = next((Reversal(t, s, name) for s, s_neg, ks in sources
                    if s.start not in used and (s_neg != t_neg) == negated_once
                    for name, a, p in (ants + verbal if _is_verb(s, src.lang) else ants)
                    if a <= ks and _sense_fits(s, src.lang, a, p, name) and not _says(s, src.lang, kt)
                    and ((name, a, p) not in converse or _one_reference(pair, t, s))), None)
        if hit is not None:
            used.add(hit.src.start)
            out.append(hit)
    return out


# letters a stem keeps for a derivation to count as of its family (_related)
_FAMILY_LETTERS = 5


def _family(said: frozenset[str]) -> frozenset[str]:
    """``said`` (stems) and every beginning of at least _FAMILY_LETTERS
    letters of each: what :func:`_related` looks a key up in."""
    return said.union(s[:n] for s in said for n in range(_FAMILY_LETTERS, len(s)))


def _related(keys: frozenset[str], said: frozenset[str], family: frozenset[str]) -> bool:
    """Does ``said`` (stems; ``family``: its :func:`_family`) hold one of
    ``keys`` or a stem of its family, one the beginning of the other, both
    of at least _FAMILY_LETTERS letters?  Snowball leaves derivations
    apart ('historic' histor, 'history' histori): 历史意义 'historical
    significance' translates 'historic', which then opposes nothing (a
    false alarm on bench/real, session 51).  Set lookups: the target word
    of every bead asks it."""
    return bool(keys & said) or any(
        k in family or any(k[:n] in said for n in range(_FAMILY_LETTERS, len(k)))
        for k in keys if len(k) >= _FAMILY_LETTERS)


def _says(w: Word, lang: str, keys: frozenset[str]) -> bool:
    """Does a gloss of the source word ``w``, any of them, write one of the
    target word's ``keys``?  Then it is no opposite of that word, whatever
    another of its glosses opposes: 早年 'early years; the past' beside
    'early' (a false alarm of the Chinese time words, session 51)."""
    return bool(keys & _keys(w, lang, narrow=False))


def _verb_antonyms(keys: frozenset[str], tgt_keys: frozenset[str]) -> list[tuple[str, frozenset[str], str]]:
    """The verb antonyms of the verb that shares a noun's stem ('beginning',
    'increase' as nouns: end, decrease), none written in the target.  A
    verb of the other language often tells what the English names by a
    noun: 自新冠大流行结束以来 'since the pandemic ended' against 'since
    the beginning of the pandemic' (a source-side probe, session 49: the
    noun's antonyms asked 结束 for a noun gloss 'end', and its glosses
    write the verb only, 'to end')."""
    return [a for k in sorted(keys) for a in wordnet.antonyms_with_pos(k, "VERB", own_pos=True) if not a[1] & tgt_keys]


def _is_verb(w: Word, lang: str) -> bool:
    return w.pos in word_lists()["verb_pos"].get(lang, ())


def _one_reference(pair: AlignedPair, t: Word, s: Word) -> bool:
    """Do the target word ``t`` and the source word ``s``, two converses
    (before / after), order events by one reference?  Yes when a word each
    governs (:func:`_governed`) is written alike (a name, a year) or
    translates the other (lexicons.dictionaries.tied), or when both point
    back at what came before.  'arrived after the 2010 earthquake' /
    2010年地震之前抵达 is a reversal; 'will arrive in Tokyo, before
    travelling on to Seoul' / 抵达东京，之后前往首尔 is one order told from
    its other end (opposites.json converses)."""
    a, b = _referents(pair.tgt, t), _referents(pair.src, s)
    if a is None or b is None:
        return a is None and b is None
    return any(x.text.casefold() == y.text.casefold() or set(re.findall(r"\d+", x.text)) & set(re.findall(r"\d+", y.text))
               or tied(x, pair.tgt.lang, y, pair.src.lang) for x in a for y in b)


def _referents(side: Side, w: Word) -> Optional[list[Word]]:
    """What the converse ``w`` bears on: what a preposition or a locative
    governs (:func:`_governed`); for a verb or a noun (start / end,
    opposites.json converses v and n), the words on either side of it in
    its clause, its subject or what it ends ('The talks have started' /
    谈判已经结束 bear on the talks; 'finished in fourth place' / « ont
    commencé à la quatrième place » on the place)."""
    ahead = _governed(side, w)
    if w.pos in word_lists()["converse_relation_pos"].get(side.lang, ()):
        return ahead
    behind = _governed(side, w, back=True)
    return (ahead or []) + (behind or []) or None


def _governed(side: Side, w: Word, most: int = 4, back: bool = False) -> Optional[list[Word]]:
    """Up to ``most`` words that ``w``, a preposition or a Chinese
    locative, orders by, within its clause: after it in English and
    French ('after the earthquake'), before it in Chinese (地震之前, back
    to the preposition that opens it: 比赛在暴雨之后 orders by the storm,
    not the match); None when it points back (an anaphor first, 'after
    that', or no such word in the clause).  ``back``: the other way (a
    verb's subject).  Words that count: the first
    run of nouns, names (LAC's entity tags are written in capitals) and
    figures, the head of what is governed; a verb is read in many ways
    (公布 'announce' met 'announced' of another clause), and a noun further
    on may be the other event's ('gouvernement' of « avant la présentation
    de la réforme par le gouvernement » met 'after the government
    consulted'): false alarms of a break test, session 46."""
    lists = word_lists()
    keep = set(lists["noun_pos"].get(side.lang, ())) | set(lists["proper_pos"].get(side.lang, ()))
    anaphors = wordnet.converse_anaphors(side.lang)
    links = {w.casefold() for w in lists.get("compound_links", {}).get(side.lang, ())}

    def counts(x: Word) -> bool:
        return x.pos in keep or x.pos.isupper() and side.lang == "zh" or any(c.isdigit() for c in x.text)

    ws = side.words()
    at = next((k for k, x in enumerate(ws) if x.start <= w.start < x.end), None)
    if at is None:
        return None
    step = (-1 if side.lang == "zh" else 1) * (-1 if back else 1)
    out: list[Word] = []
    k = at + step
    while 0 <= k < len(ws) and len(out) < most:
        x = ws[k]
        if not any(c.isalnum() for c in x.text) or side.lang == "zh" and x.pos == lists["zh_preposition_tag"]:
            break  # the clause ends, or the preposition that opens 在…之后 (the subject is before it)
        if not out and x.text.casefold() in anaphors:
            return None
        if counts(x):
            out.append(x)
        elif out and not (x.text.casefold() in links and 0 <= k + step < len(ws) and counts(ws[k + step])):
            # the first run of them only: « avant la présentation de la réforme par le gouvernement »;
            # a link with no determiner after it joins a compound (« tremblement de terre de 2010 »)
            break
        k += step
    return out or None


def negation_as_antonym(pair: AlignedPair, side: Side, spans: list[tuple[int, int]]) -> bool:
    """Is every negation cue (``spans``, offsets in ``side.text``) of
    ``side``, the one side of ``pair`` that negates, explained by an
    antonym on the other ("the crowd was not large" / "the crowd was
    small", 不便宜 / expensive, « pas longue » / short)?  Each cue's head,
    the first content word after it within ``negation_reach`` that is no
    negation word itself (« n'est pas longue »: longue), must have its
    antonym, not negated, on the other side (:func:`antonym_pairs` with
    ``negated_once``).  Then the negation moved into the other word's
    meaning: no reversal.  One unexplained cue ("not large, and the police
    did not arrive" / "small, and the police arrived"; "did not enter the
    small town" / "entered the large town": the head is "enter") and the
    answer is no.  Read as :func:`check_antonyms` reads words (two sides in
    one language, or one in English: through two dictionaries, antonyms
    meet by chance)."""
    src, tgt = pair.src, pair.tgt
    if src.empty or tgt.empty or (src.lang != tgt.lang and "en" not in (src.lang, tgt.lang)):
        return False
    reversals = antonym_pairs(pair, negated_once=True)
    if not reversals:
        return False
    explained = {(r.src if side is src else r.tgt).start for r in reversals}
    spec = cue_lists()["negation"][side.lang]
    cue_words = {c.casefold() for c in spec.get("cues", ()) + spec.get("completes_ne", [])}
    heads = [w for w, _ in _words(side) if w.text.casefold() not in cue_words]
    reach = word_lists()["negation_reach"][side.lang]
    for _, end in spans:
        head = next((w for w in heads if w.start >= end), None)
        if head is None or head.start - end > reach or head.start not in explained:
            return False
    return True


_HYPHENS = "-\u2010\u2011"


def _compound_elsewhere(side: Side, word: Word, other: Side, facing: Word) -> bool:
    """Is ``word`` one part of a hyphenated compound of ``side`` ('long-awaited',
    « haut-parleur ») whose other part nothing near ``facing`` in ``other``
    names (:func:`tied`, two words either side)?  The compound's sense is
    then its own (a fresh user's trial, session 60: 'long-awaited' against
    « insuffisante » was a high antonym); 'poorly-disciplined' against « bien
    disciplinée » keeps its reversal (DEMETR fr 725)."""
    text = side.text
    if text[word.end:word.end + 1] and text[word.end] in _HYPHENS:
        part = re.match(r"[^\W\d_]+", text[word.end + 1:])
        at = word.end + 1
    elif word.start > 0 and text[word.start - 1] in _HYPHENS:
        part = re.search(r"[^\W\d_]+$", text[:word.start - 1])
        at = part.start() if part else 0
    else:
        return False
    if part is None:
        return False
    rest = Word(at, at + len(part.group()), part.group(), part.group().casefold(), "")
    # a Chinese compound read through its pieces names the other part in the piece beside the
    # facing one ('low-risk' / 低风险 is 低 + 风险: a break test of session 62)
    words = [p for w in other.words() for p in (_pieces(w) if other.lang == "zh" else [w])]
    k = next((i for i, w in enumerate(words) if w.start <= facing.start < w.end or w.start >= facing.start), None)
    near = words[max(0, k - 2):k + 3] if k is not None else []
    return not any(tied(rest, side.lang, w, other.lang) for w in near if w.start != facing.start)


def check_antonyms(pair: AlignedPair) -> list[Finding]:
    """One ``claim/antonym`` finding per reversed word pair of a
    translation bead (at most two sentences a side) between English and
    another language.  The English word is read as itself, the other
    through a dictionary: with two dictionaries in the way (Chinese-French),
    each word's many senses make antonyms meet by chance (on the sample
    corpus, 14 findings, nearly all wrong), so such pairs are left out.
    Two sides in one language: :func:`check_edited_antonyms`."""
    if pair.src.empty or pair.tgt.empty:
        return []
    if pair.src.lang == pair.tgt.lang:
        return check_edited_antonyms(pair)
    if "en" not in (pair.src.lang, pair.tgt.lang) or pair.relation not in TRANSLATION_RELATIONS:
        return []
    if max(len(pair.src.sentence_ids), len(pair.tgt.sentence_ids)) > 2:
        return []
    document = in_document(pair)
    # inside documents: one sentence a side, at least as close as the pair's median, or each other's
    # clear counterpart: a reversed word makes its sentence less alike (不满 / 'satisfied' at 0.25
    # against a median of 0.65, a fresh user's trial of session 62)
    if document and max(len(pair.src.sentence_ids), len(pair.tgt.sentence_ids)) > 1 \
            or below_median(pair) and not clear_counterparts(pair):
        return []
    english, other = (pair.src, pair.tgt) if pair.src.lang == "en" else (pair.tgt, pair.src)
    out = []
    reversals = antonym_pairs(AlignedPair(src=other, tgt=english, relation=pair.relation))
    rendered = _rendered_by_encoder(pair.phrase_similarity, other, english, reversals)
    for r in reversals:
        if _compound_elsewhere(english, r.tgt, other, r.src) or _compound_elsewhere(other, r.src, english, r.tgt):
            continue  # 'long' of 'long-awaited' against « insuffisante »: the compound's sense, not length
        if _turned_with_comparison(other, r.src, english, r.tgt) or r in rendered or _said_by_another(r, other, english) \
                or _comparing_words_told_alike(pair, r.src if other is pair.src else r.tgt,
                                               r.tgt if other is pair.src else r.src):
            continue
        source = wordnet.named_by(english_keys(r.tgt, "en") | _comparative_bases(r.tgt, "en"), r.antonym)
        expl = (f"The {pair.label(english)} says {quote(r.tgt.text, 30)} where the {pair.label(other)} has "
                f"{quote(r.src.text, 30)}, which a dictionary renders {quote(r.antonym, 30)}, its opposite "
                f"({source}): the translation may reverse the claim.")
        ev = [english.evidence(english.start + r.tgt.start, english.start + r.tgt.end),
              other.evidence(other.start + r.src.start, other.start + r.src.end)]
        # calibrated on single sentence pairs; on real articles (bench-real) one-sentence
        # beads still paired unrelated words: a hint there, not an alarm
        severity, conf = ("medium", 0.45) if document else ("high", 0.6)
        out.append(make_finding(pair, "claim", "antonym", severity, conf, ev, expl))
    return out


def _said_by_another(r: Reversal, other: Side, english: Side) -> bool:
    """Does another content word of the English side say what the opposed
    word of ``other`` says, each a WordNet synonym of the other (any
    sense, both ways)?  Then that word renders it, and the opposed pair
    crosses two clauses: « les exportations ont baissé tandis que les
    importations ont augmenté » / 'Exports fell while imports rose' opposed
    'rose' to « baissé » (glossed 'lower, descend', never 'fall'), which
    'fell' renders (a claims break test of session 58; session 59).  That
    word must render no other word of ``other``, by a dictionary or as a
    synonym: 'great importance' renders « grande importance », not
    « important » opposed to 'frivolous' (synonyms of all senses meet by
    chance: DEMETR antonym rows were lost without this), and 'fell' renders
    one of « baissé … baissé », not both, when the other is opposed to
    'rose' (a break test)."""
    if any(w.start != r.src.start and w.text.casefold() == r.src.text.casefold() for w in other.words()):
        return False  # « baissé … baissé » (the tagger may gloss one, not the other): one is the opposed one
    ks = _keys(r.src, other.lang)
    others = [_keys(w, other.lang) for w in other.words() if w.start != r.src.start and is_content(w, other.lang)]
    words = english.words()
    # the word the opposed one qualifies is no rival rendering: 'time' of 'for the last time' is
    # what 'last' says of it, not a rendering of 首次 'for the first time' (WordNet, any sense,
    # makes 'time' a synonym of 'first'; a helper's break test, session 65)
    qualified = next((w.start for w in words if w.start > r.tgt.start and is_content(w, "en")), None)
    for w in words:
        if w.start in (r.tgt.start, qualified) or w.text.casefold() == r.tgt.text.casefold() \
                or not is_content(w, "en"):
            continue
        kw = _keys(w, "en")
        if not _synonymous(ks, kw):
            continue
        # a source word of the opposite sense is no rival rendering of w: « augmenté » (glossed
        # 'increase'), an antonym of 'fell', meets it only through a rare sense ('accrue')
        opposite = frozenset().union(*(a for k in kw for _, a, _ in wordnet.antonyms_with_pos(k, None)))
        if not any(kw & k or (_synonymous(k, kw) and not k & opposite) for k in others):
            return True
    return False


def _synonymous(ka: frozenset[str], kb: frozenset[str]) -> bool:
    """Do two words' keys meet as WordNet synonyms of each other (any
    sense, both ways)?"""
    return bool(kb & ka.union(*(wordnet.synonyms(k) for k in ka)) and ka & kb.union(*(wordnet.synonyms(k) for k in kb)))


def _rendered_by_encoder(sim, other: Side, english: Side, reversals: list[Reversal]) -> list[Reversal]:
    """The reversals whose English word other content words of ``other``
    (not the opposed one) render, by the encoder: each at least
    ``antonym_rendered_min_similarity`` (models/thresholds/checks.json)
    from it and closer to it than the opposed word, as many as the English
    side writes the word ('high … high' against « élevés … bas » keeps one
    reversal).  The dictionaries miss common senses (FreeDict: « élevé »
    'elevated, noble', not 'high'), and a word they leave unrendered is then
    opposed to a word that says something else (« plus élevés … plus bas »
    / 'higher … lower').  None without a phrase similarity (``sim``)."""
    if sim is None or not reversals:
        return []
    words = [w for w in other.words() if is_content(w, other.lang)]
    prefetch(sim, [r.tgt.text for r in reversals] + [w.text for w in words])
    th = thresholds()["antonym_rendered_min_similarity"]
    out = []
    for r in reversals:
        against = sim(r.tgt.text, r.src.text)
        renderings = sum(1 for w in words if not (w.start < r.src.end and r.src.start < w.end)
                         and sim(r.tgt.text, w.text) >= max(th, against + 1e-9))
        written = sum(1 for w in english.words() if w.text.casefold() == r.tgt.text.casefold())
        if renderings >= max(1, written):
            out.append(r)
    return out


def _turned_with_comparison(side: Side, w: Word, other: Side, v: Word) -> bool:
    """Are the opposed words ``w`` and ``v`` compared opposite ways, so that
    the two comparisons say the same (« moins tôt » / 'later', « moins
    cher » / 'cheaper', 没有去年那么高 / 'lower than last year'; each
    flagged a high antonym before session 57)?"""
    a, b = _compared(side, w), _compared(other, v)
    if a is None or b is None:
        return False
    if a != b:
        return True
    # compared the same way over opposite words, with the compared items swapped
    # (上海比成都高 / 'lower in Chengdu than in Shanghai'): the same claim
    cw, cv = comparison_at(side, w), comparison_at(other, v)
    spans = [(c.start, c.end) if c is not None else (x.start, x.end) for c, x in ((cw, w), (cv, v))]
    return standards_swapped(AlignedPair(src=side, tgt=other), spans[0], spans[1])


def _comparing_words_told_alike(pair: AlignedPair, a: Word, b: Word) -> bool:
    """Are ``a`` (a word of the source side) and ``b`` (of the target) each
    the word that says which way a comparison goes (« plus », 'less':
    compare.comparison), not its head, on two sides that compare as many
    things each way?  Then the two only met across comparisons: « moins
    connu …, mais plus jeune » / 'less well known …, but younger' set 'less'
    against « plus » as a high antonym (a helper's break test, session 58).
    « plus nombreux » / 'fewer young people' stays a reversal."""
    cs, ct = comparisons(pair.src), comparisons(pair.tgt)
    ways = [sorted(c.direction for c in {(c.start, c.end): c for c in side}.values()) for side in (cs, ct)]
    return ways[0] == ways[1] and _marker_of(a, cs) and _marker_of(b, ct)


def _marker_of(w: Word, comps: list) -> bool:
    return any(c.start <= w.start and w.end <= c.end and not (c.head.start < w.end and w.start < c.head.end)
               for c in comps)


def _compared(side: Side, w: Word) -> Optional[str]:
    """compare.comparison.compared_way, or 'up' for an English comparative
    spaCy lemmatizes as itself ('later' as an adverb: :func:`_comparative_bases`)."""
    return compared_way(side, w) or ("up" if _comparative_bases(w, side.lang) else None)


def check_edited_antonyms(pair: AlignedPair) -> list[Finding]:
    """Reversed words between two sides in one language that are one text
    edited (an edited copy, a retelling that keeps the sentence:
    compare.edits.replaced_words), a word replaced by its WordNet antonym ("rose" / "fell",
    « augmenté » / « diminué », 上涨 / 下跌; French and Chinese words read
    through their dictionaries, as :func:`antonym_pairs` reads them: where
    FreeDict or CC-CEDICT gives no gloss WordNet opposes, nothing is found,
    « augmenté » / « baissé »).  Only
    words that the edit replaced count: the rest of the sentence is one
    text, so a word's opposite standing elsewhere is no reversal, and a
    retelling in other words is left to the meaning checks.  These checks
    were switched off for two sides in one language: an English retelling
    that said "fell" where the wire story said "rose" went unreported."""
    edits = replaced_words(pair.src, pair.tgt)
    if not edits:
        return []
    # each replaced word's edit, by its start in its side's text
    in_src = {w.start: k for k, e in enumerate(edits) for w in e.src}
    in_tgt = {w.start: k for k, e in enumerate(edits) for w in e.tgt}
    out = []
    for r in antonym_pairs(pair):
        if r.src.start not in in_src or in_src[r.src.start] != in_tgt.get(r.tgt.start):
            continue
        expl = (f"The {pair.label(pair.tgt)} says {quote(r.tgt.text, 30)} where the {pair.label(pair.src)} says "
                f"{quote(r.src.text, 30)} in the same sentence: its opposite "
                f"({wordnet.named_by(_keys(r.tgt, pair.tgt.lang), r.antonym)}), the claim reversed.")
        ev = [pair.tgt.evidence(pair.tgt.start + r.tgt.start, pair.tgt.start + r.tgt.end),
              pair.src.evidence(pair.src.start + r.src.start, pair.src.start + r.src.end)]
        out.append(make_finding(pair, "claim", "antonym", "high", 0.6, ev, expl))
    return out
