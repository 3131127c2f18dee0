"""Claim-cue lexicons: ``models/claims/<lang>.json``, one file per language.

Each file holds ``cues`` (entries ``{"cue", "kind", "value"}`` with optional
``before`` -- the part of speech the next word must have --, ``not_before``
-- parts of speech it must not have --, ``lac_tags``
-- the Baidu LAC tags a one-word Chinese cue must carry --,
``lac_tags_before`` -- other tags it may carry when the next word has one
of the tags listed for it ({"p": ["v"]}: 将 right before a verb) --, ``pos`` -- the
spaCy parts of speech the first word of a French or English cue may have
('plans to' the verb, not 'the plans to') -- and ``scale``
-- a step of a graded scale of severity, see compare.claims._reversed_degree), ``attribution``
(frames, reporting verbs and source roles), ``clause_breaks`` and, per
language, ``not_cues`` / ``conditional_skip_lemmas`` / ``reporting_lemmas``.
A cue is also read in the forms ``elisions`` (French: « il semble qu' »)
and ``contractions`` (English: "it's possible that") derive from it, with
either apostrophe (' or ’), and with adverbs inside it except the words of
``gap_never`` (claims.cues._gapped_cues).
The ``_sources`` note of each file says where its lists come from."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field, replace

from ..langs import HANDLED as LANGS
from ..paths import models_dir
from ..spacy_models import straight_typography

KINDS = ("hedge", "modal", "attribution", "tense", "degree", "quantifier", "negation_scope", "status", "link", "scope")


class LexiconError(ValueError):
    """A lexicon file that cannot be used (names the file and the entry)."""


@dataclass(frozen=True)
class Entry:
    cue: str
    kind: str
    value: str
    before: str = ""  # part of speech the next token must have ("ADJ", "VERB"; "ADJ|ADV": either)
    not_before: tuple[str, ...] = ()  # parts of speech the next token must not have (NUM; LAC m, q)
    lac_tags: tuple[str, ...] = ()  # zh: LAC tags the matched word must carry
    # zh: other LAC tags the word may carry when the next word has one of the given tags
    # (将 tagged p, the disposal preposition, right before a verb: 新疆将并网, the future)
    lac_tags_before: tuple[tuple[str, tuple[str, ...]], ...] = ()
    pos: tuple[str, ...] = ()  # fr, en: spaCy parts of speech the cue's first word may have ('plans' the verb)
    prefix: bool = False  # may end inside a word (zh 最 in 最大)
    weak: bool = False  # only answers a cue of the other version, never reported alone
    scale: bool = False  # a step of a scale of severity (minor < serious, 轻伤 < 重伤): weak, it still reverses a degree
    existential: bool = False  # a small number that says some do ('a handful of', 少数), unlike 'few' ('not many')
    before_reporting: bool = False  # the next word is a reporting verb ('confidently stated', not 'confidently won')


@dataclass
class Lexicon:
    lang: str
    entries: dict[str, Entry]  # casefolded cue -> entry
    pattern: re.Pattern  # every cue, longest first
    attribution: dict
    clause_breaks: list[str]
    extra: dict = field(default_factory=dict)  # not_cues ... periphrastic_tense, etre_auxiliary, irregular_future_stems (load)

    def role_words(self) -> dict[str, list[str]]:
        return self.attribution.get("roles", {})


def _variants(cue: str, elisions: dict, contractions: dict) -> list[str]:
    """Other written forms of a cue of several words: its last word elided
    before a vowel (``elisions``, French: « il semble que » -> « il semble
    qu' »: « il semble qu'il ») and its contracted forms (``contractions``,
    English: 'it is possible that' -> "it's possible that")."""
    out = []
    words = cue.split(" ")
    if len(words) > 1 and words[-1] in elisions:
        out.append(" ".join(words[:-1] + [elisions[words[-1]]]))
    for full, short in contractions.items():
        form = re.sub(rf"(?<!\w){re.escape(full)}(?!\w)", short, cue)
        if form != cue:
            out.append(form)
    return out


def _entry(path, k: int, raw: dict) -> Entry:
    try:
        e = Entry(cue=straight_typography(raw["cue"].casefold()), kind=raw["kind"], value=raw["value"],
                  before=raw.get("before", ""), not_before=tuple(raw.get("not_before", ())),
                  lac_tags=tuple(raw.get("lac_tags", ())),
                  lac_tags_before=tuple((tag, tuple(nxt)) for tag, nxt in raw.get("lac_tags_before", {}).items()),
                  pos=tuple(raw.get("pos", ())),
                  prefix=bool(raw.get("prefix", False)),
                  weak=bool(raw.get("weak", False)), scale=bool(raw.get("scale", False)),
                  existential=bool(raw.get("existential", False)),
                  before_reporting=bool(raw.get("before_reporting", False)))
    except (KeyError, AttributeError, TypeError) as exc:
        raise LexiconError(f"{path}: cue entry {k}: missing or bad field ({exc})") from None
    if e.kind not in KINDS:
        raise LexiconError(f"{path}: cue entry {k} ({e.cue!r}): unknown kind {e.kind!r}")
    return e


@functools.lru_cache(maxsize=None)
def load(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (cached).  Raises KeyError for a language
    without a lexicon and LexiconError for a malformed file."""
    if lang not in LANGS:
        raise KeyError(lang)
    path = models_dir() / "claims" / f"{lang}.json"
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    entries: dict[str, Entry] = {}
    for k, raw in enumerate(data.get("cues", [])):
        e = _entry(path, k, raw)
        entries[e.cue] = e  # a cue listed twice: the later entry (有些, downtoner then quantifier)
    for cue, e in list(entries.items()):
        for form in _variants(cue, data.get("elisions", {}), data.get("contractions", {})):
            entries.setdefault(form, replace(e, cue=form))
    words = sorted(entries, key=lambda w: (-len(w), w))
    # word boundaries are the tokenizer's (spaCy, LAC), checked on each match
    pattern = re.compile("|".join(map(re.escape, words)))
    extra = {k: data[k] for k in ("not_cues", "conditional_skip_lemmas", "conditional_values", "modal_lemmas",
                                  "reporting_lemmas", "periphrastic_tense", "etre_auxiliary",
                                  "irregular_future_stems", "condition_words", "condition_not_after",
                                  "condition_not_followed_by", "condition_phrases", "condition_inversions",
                                  "condition_not", "condition_answers", "condition_not_under", "present_not_past",
                                  "tense_future", "tense_future_not_after", "tense_future_not_before_tags",
                                  "subordinate_deps", "perfect_auxiliary", "possibility_verbs",
                                  "possibility_past_before", "possibility_past_marks", "possibility_past_words",
                                  "possibility_past_stop", "perfect_aux_deps", "perfective", "intention_as_verb",
                                  "same_form_past", "gap_never", "determiners_only") if k in data}
    return Lexicon(lang=lang, entries=entries, pattern=pattern, attribution=data.get("attribution", {}),
                   clause_breaks=list(data.get("clause_breaks", [])), extra=extra)
