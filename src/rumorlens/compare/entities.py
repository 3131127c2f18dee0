"""Entity checks: a name missing, replaced, misspelled (Lex Fidman / Lex
Fridman), or translated as a common word (Gemini rendered "Gémeaux").

Names are paired by the mentions stage's ``match_entities`` (gazetteer,
pinyin, spelling), then by the verbatim text, then -- for names in two
scripts -- by phrase similarity from the sentence encoder when the driver
provides it.  A Latin-script name written in one version and absent from
the other is the strongest signal: names are rarely translated away.
Whether a name is carried by the other version is decided in
``rumorlens.mentions.names`` (``has_counterpart``, ``name_support``)."""
from __future__ import annotations

import functools
import re
from dataclasses import fields, replace
from typing import Optional

from ..langs import LATIN_SCRIPT, latin_letters, latin_only
from ..lexicons.wordnet import common_compound
from ..mentions.entities import EntityMatch, alias_status, entity_key, match_entities, rivals
from ..mentions.names import (acronym_apposition, acronym_expansion, acronyms_in, appears_in, capitalized_run,
                              content_words, fold, french_plural, glossed_in, has_counterpart,
                              held_apart, known_apart, known_as_two, misspelled_in, misspelling, name_support,
                              name_tokens, NAME_DOT, not_names, only_titles, person_support, persons_read_apart)
from ..paths import models_dir, read_values
from ..records import Finding, Mention
from .dates import in_dateline
from .pair import AlignedPair, Side, make_finding, quote
from .phrasesim import prefetch
from .references import referred, referring_kinds, referring_words
from .thresholds import thresholds

_ROMAN = re.compile(r"[IVXLC]+(?:e|er|ème)?(?:[–-][IVXLC]+(?:e|er|ème)?)?")


def _junk(m: Mention, side: Side) -> bool:
    """NER noise: MISC labels in French/English (nationalities, "Christian")
    that are not known names; roman numerals ("Xe–XIe" siècle); English
    common nouns of several words, capitalized (the Northern Lights /
    « aurores boréales »: WordNet writes them in lower case only, a DEMETR
    clean row)."""
    if _ROMAN.fullmatch(m.text.strip()) or only_titles(m.text) or _common_noun(m.text, side.lang):
        return True
    if m.type == "MISC" and side.lang in LATIN_SCRIPT and m.canonical is None:
        return True
    return False


def latin_runs(side: Side) -> list[tuple[int, int, str]]:
    """Maximal runs of capitalized words in a Latin-script side (absolute
    offsets), skipping a lone capitalized word that opens a sentence."""
    out = []
    text = side.text
    for m in capitalized_run().finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        opening = m.start() == 0 or re.search(r"[.!?:«\"“]\s*$", before)
        if (opening and " " not in m.group()) or m.group().casefold() in not_names():
            continue
        text_, end = m.group(), m.end()
        if text_.endswith(".") and not re.search(r"\.\w+\.$|^\w\.$", text_):
            text_, end = text_[:-1], end - 1  # the sentence's full stop, not U.S.
        out.append((side.start + m.start(), side.start + end, text_))
    return out


def _run_mentions(side: Side, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the capitalized runs no mention covers (MISC, source
    'capitalized'); a person's (PER) when the run is a given name and the
    surname of a person the NER found on the side ('Omid Rahimi' beside
    'Amir Rahimi' and 'Dariush Rahimi': a relative the small model missed)."""
    surnames = {fold(m.text.split()[-1]) for m in mentions if m.kind == "entity" and m.type == "PER"
                and len(m.text.split()) >= 2}
    out = []
    for s, e, text in latin_runs(side):
        if any(m.start < e and s < m.end for m in mentions) or only_titles(text) or _common_noun(text, side.lang):
            continue
        if any(a <= s and e <= b for a, b, _ in side.stray):
            continue  # in a headline, a caption or page furniture
        kin = len(text.split()) == 2 and fold(text.split()[-1]) in surnames and not only_titles(text.split()[0])
        out.append(Mention(doc_id=side.doc_id, start=s, end=e, text=text, lang=side.lang, kind="entity",
                           type="PER" if kin else "MISC", attrs={"source": "capitalized"}))
    return out


def _common_noun(text: str, lang: str) -> bool:
    """An English noun of several words that is no name (lexicons.wordnet.common_compound)."""
    return lang == "en" and common_compound(text)


def _without(side: Side, m: Mention) -> str:
    t = side.text
    return t[: m.start - side.start] + t[m.end - side.start :]


def _blanked(side: Side, names: list[Mention]) -> Side:
    """``side`` with ``names`` blanked (the same length, offsets kept) and
    left out of its mentions."""
    text = side.doc_text
    for m in names:
        text = text[:m.start] + _BLANK * (m.end - m.start) + text[m.end:]
    return replace(side, doc_text=text, mentions=[x for x in side.mentions if x not in names])


# what stands for a blanked name's characters: neither a letter nor a Chinese character
_BLANK = "\u3000"


def _support_apart(m: Mention, names: list[Mention], other: Side, theirs: list[Mention], rendered: list[int],
                   th: dict) -> tuple[float, str]:
    """:func:`_support` of ``m``, a Latin name among ``names`` (its side's),
    in a Chinese ``other``; when the support is a sound, without the names
    of ``other`` (``theirs[k]``, k in ``rendered``: those paired or
    carried) that another of ``names`` renders on its own: one name's
    characters render one name (刚果 renders 'Congo' and does not carry
    'Goma' by sound as well; a source-side probe deleted 戈马 from
    戈马是刚果民主共和国的一个旅游城市 and 'Goma' went unreported).  Not
    for a name that shares a word with another of ``names`` ('Mrs Rahimi'
    and 'Leyla Rahimi', 'Nelson Mandela' and 'Winnie Mandela'): one Chinese
    name may render either (a helper's break test, session 64).  Not the
    other way round: a Chinese text often writes a name twice, in
    characters and in Latin letters (菲斯克大学（Fisk University）), and the
    Latin one takes the translation's name, which the characters render too."""
    got = _support(m, other)
    if got[1] != "sound" or other.lang != "zh" or not latin_letters(m.text) or not rendered:
        return got
    mine = set(map(fold, name_tokens(m.text)))
    others = [y for y in names if y.text != m.text]
    if any(mine & set(map(fold, name_tokens(y.text))) for y in others):
        return got
    taken = [theirs[k] for k in rendered
             if any(_support(y, _alone(theirs[k], other))[0] >= th["entity_support_target"] for y in others)]
    # blanking may only take support away
    return min(got, _support(m, _blanked(other, taken)), key=lambda x: x[0]) if taken else got


def _alone(name: Mention, side: Side) -> Side:
    """A passage of ``side``'s language holding only ``name``."""
    return replace(side, doc_text=name.text, start=0, end=len(name.text),
                   mentions=[replace(name, start=0, end=len(name.text))], stray=[])


def _unsupported(pair, src, tgt, cand_s, cand_t, sim, th, left=((), ())):
    """Which names did not make it across?  A name is gone when the other
    version gives it little support (not written, no gazetteer form, no
    close spelling, no transliteration that sounds like it: see
    ``name_support``) *and* removing it does not make the two versions less
    alike (a name rendered in a way support cannot see -- translated, as
    Supreme Commander for 最高统帅 -- carries meaning both sides share).
    The ablated texts are encoded in one batch."""
    rendered_s = [i for i in range(len(src)) if i not in left[0]]
    rendered_t = [j for j in range(len(tgt)) if j not in left[1]]
    weak_s = [i for i in cand_s if _support_apart(src[i], src, pair.tgt, tgt, rendered_t, th)[0]
              < th["entity_support_source"]]
    weak_t = []
    for j in cand_t:
        b = tgt[j]
        if b.type == "MISC" and b.attrs.get("source") != "capitalized" and b.canonical is None \
                and not _strong(b, pair.tgt, pair.src):
            continue
        if _support_apart(b, tgt, pair.src, src, rendered_s, th)[0] < th["entity_support_target"]:
            weak_t.append(j)
    read = _read_apart(pair, src, tgt, cand_s, cand_t)
    if not weak_s and not weak_t:
        # nothing to ablate: the two sides need not be encoded
        return sorted({i for i, _ in read}), sorted({j for _, j in read})
    prefetch(sim, [pair.src.text, pair.tgt.text] + [_without(pair.src, src[i]) for i in weak_s]
             + [_without(pair.tgt, tgt[j]) for j in weak_t])
    base = sim(pair.src.text, pair.tgt.text)
    gone_s = [i for i in weak_s if sim(_without(pair.src, src[i]), pair.tgt.text) - base
              > th["entity_unsupported_gain_source"]]
    # a capitalized run no NER model took for a name is more often a
    # translated title (Best Costume Design): it must cost more; not a relative's name (_run_mentions)
    gone_t = [j for j in weak_t if sim(pair.src.text, _without(pair.tgt, tgt[j])) - base
              > th["entity_unsupported_gain_run" if tgt[j].attrs.get("source") == "capitalized"
                   and tgt[j].type != "PER" else "entity_unsupported_gain_target"]]
    # two Latin-script people's names facing each other, neither carrying the
    # other: dropping either makes the sides less alike (the other still names
    # someone there), yet a person's name is written alike in French and
    # English, so two names that do not match are two people
    # ... and so are two places facing each other that sound apart (Stockholm /
    # 哥本哈根: a Chinese place name is rendered by sound or known)
    _surname_changed(pair, src, tgt, weak_s, weak_t, gone_s, gone_t, th["entity_support_target"])
    gone_s += [i for i in dict.fromkeys(i for i, _ in read) if i not in gone_s]
    gone_t += [j for j in dict.fromkeys(j for _, j in read) if j not in gone_t]
    # ... and two places the gazetteer holds apart even when the ablation took
    # only one of them for gone (Hong Kong / 澳门: 澳门 'added', Hong Kong
    # carried by nothing yet kept by the encoder): one replaced by the other
    for i in weak_s:
        for j in weak_t:
            if i in gone_s and j in gone_t or not pair.same_clause(src[i].start, tgt[j].start):
                continue
            # one of them taken for gone already: only the gazetteer's word that they are two
            # pairs them (a place of the sound test, 阿雷基帕大区 / 'U.S.', stays added)
            both_kept = i not in gone_s and j not in gone_t
            if both_kept and (src[i].type == tgt[j].type == "PER" and latin_only(src[i].text)
                              and latin_only(tgt[j].text) or held_apart(src[i], tgt[j])) \
                    or not both_kept and known_as_two(src[i], tgt[j]):
                gone_s += [] if i in gone_s else [i]
                gone_t += [] if j in gone_t else [j]
    return sorted(gone_s), sorted(gone_t)


def _read_apart(pair, src, tgt, cand_s, cand_t) -> list[tuple[int, int]]:
    """The (source, target) candidates of one clause that are a Chinese
    person's name and a pinyin name its characters do not spell
    (names.persons_read_apart): another person, whatever the sound test's
    support says (锦涛 jintao sounds enough like 'Jinping' to carry
    胡锦涛 / 'Xi Jinping')."""
    return [(i, j) for i in cand_s for j in cand_t
            if persons_read_apart(src[i], tgt[j]) and pair.same_clause(src[i].start, tgt[j].start)]


def _surname_changed(pair, src, tgt, weak_s, weak_t, gone_s, gone_t, carried: float) -> None:
    """A Latin person's name whose given name the Chinese version carries but
    not its surname (Teresa Gomez / 特蕾莎·洛佩斯, names.person_support),
    facing a Chinese person's name of two parts in one clause, on either
    side: one person replaced by another (both marked gone, for
    _replacements to pair).  ``carried``: the support a name's other
    words must reach (the entity_support_target threshold)."""
    for names, weak, gone, side, others, other, gone_o in ((src, weak_s, gone_s, pair.src, tgt, pair.tgt, gone_t),
                                                           (tgt, weak_t, gone_t, pair.tgt, src, pair.src, gone_s)):
        if other.lang != "zh":
            continue
        for i in weak:
            a = names[i]
            if a.type != "PER" or i in gone or name_support(a.text, other, a.lang)[0] < carried:
                continue  # not a name whose other words are carried
            # a Chinese name of two parts (特蕾莎·洛佩斯): one alone may be the given name (格里沃里, Grigory)
            facing = [j for j, b in enumerate(others) if b.type == "PER"
                      and NAME_DOT.search(b.text) and _same_clause(pair, side, a, b)]
            if len(facing) == 1:
                gone.append(i)
                gone_o += [] if facing[0] in gone_o else facing


def _same_clause(pair, side: Side, a: Mention, b: Mention) -> bool:
    """Are ``a`` (a name of ``side``) and ``b`` (of the other side) in one clause group?"""
    return pair.same_clause(a.start, b.start) if side is pair.src else pair.same_clause(b.start, a.start)


def _support(m: Mention, other: Side) -> tuple[float, str]:
    """How strongly ``other`` carries the name ``m`` (a person's by its surname)."""
    return person_support(m.text, other, m.lang) if m.type == "PER" else name_support(m.text, other, m.lang)


def _unrendered_by_rules(pair, src, tgt, left_s, left_t, matched_t):
    """Without an encoder: Latin names where they should stay Latin; a
    Chinese name against a French/English passage that names nobody else."""
    gone_s = [i for i in left_s if _strong(src[i], pair.src, pair.tgt)]
    gone_t = [j for j in left_t if _strong(tgt[j], pair.tgt, pair.src)]
    if pair.src.lang == "zh" and pair.tgt.lang in LATIN_SCRIPT:
        covered = [(tgt[j].start, tgt[j].end) for j in matched_t]
        runs = [r for r in latin_runs(pair.tgt)
                if not any(a <= r[0] < b for a, b in covered) and not appears_in(r[2], pair.src.text)]
        if not runs:
            gone_s += [i for i in left_s if i not in gone_s]
    return sorted(gone_s), gone_t


def _context_side(side: Side) -> Side:
    """The side widened to its neighbouring beads, with their mentions."""
    return side.widened()


def _strong(m: Mention, side: Side, other: Side) -> bool:
    """A Latin-script name is expected verbatim on the other side when it sits
    in a Chinese text (names like CEP, OpenAI stay Latin in translation) or
    when both versions are in Latin-script languages."""
    return latin_letters(m.text) and (side.lang == "zh" or other.lang in LATIN_SCRIPT)


def _names(side: Side) -> list[Mention]:
    """The names of a side: its entity mentions without NER noise and, in
    French or English, capitalized runs no mention covers (the small NER
    models miss names: Californie, l'ONU, Arctic Monkeys)."""
    names = [m for m in side.mentions if m.kind == "entity" and not _junk(m, side)]
    if side.lang in LATIN_SCRIPT:
        names += _run_mentions(side, side.mentions)
    return names


def _cross_latin(pair: AlignedPair) -> bool:
    """Two versions in two different Latin-script languages."""
    return pair.src.lang != pair.tgt.lang and pair.src.lang in LATIN_SCRIPT and pair.tgt.lang in LATIN_SCRIPT


def _name_pair_evidence(pair: AlignedPair, a: Mention, b: Mention) -> list:
    return [pair.src.mention_evidence(a, entity_key(a)), pair.tgt.mention_evidence(b, entity_key(b))]


_VERDICT_ORDER = {"same": 0, "mistranslated": 1, "misspelled": 2}


def _pair_by_verdict(pair, src, tgt, verdict, matched_s, matched_t) -> list[Finding]:
    """Step 1: pair names by the mentions stage's verdicts (same, then
    mistranslated, then misspelled); report a name translated as a word and
    a real misspelling."""
    findings = []
    for (i, j), v in sorted(verdict.items(), key=lambda kv: (_VERDICT_ORDER.get(kv[1].relation, 9), kv[0])):
        if v.relation not in _VERDICT_ORDER or i in matched_s or j in matched_t:
            continue
        matched_s.add(i)
        matched_t.add(j)
        a, b = src[i], tgt[j]
        if v.relation == "same":
            continue
        ev = _name_pair_evidence(pair, a, b)
        if v.relation == "misspelled":
            fa, fb = fold(a.text), fold(b.text)
            if _word_extended(fa, fb) or content_words(fa) == content_words(fb):
                continue  # "Point Marion" / "Point Marion to", "Athletico de Kolkata": not a spelling
            got = misspelling(a.text, b.text, a.lang, b.lang) if latin_letters(a.text) and latin_letters(b.text) else ()
            if got is None:
                continue  # Slovénie / Slovenia, Austria / Australia: two renderings or two names, not a typo
            if _plural_rendering(pair, a, b):
                continue
            expl = f"{_spelled(pair, a, b, got)}: {v.explanation.rstrip('.')}."
            findings.append(make_finding(pair, "entity", "misspelled", "medium", 0.75, ev, expl))
        else:
            findings += _as_word(pair, a, b, v, 0.85)
    return findings + _mistranslated_beside(pair, src, tgt, verdict, matched_s, matched_t)


def _as_word(pair: AlignedPair, a: Mention, b: Mention, v: EntityMatch, confidence: float,
             beside: bool = False) -> list[Finding]:
    """translated_as_word for source name ``a`` and target name ``b``, one of
    them a known mistranslation; none when that form is used in its own
    sense (:func:`_ordinary_sense`).  ``beside``: the version also writes
    the name right in the passage."""
    wrong, right = (a, b) if alias_status(a) == "mistranslation" else (b, a)
    if _ordinary_sense(pair, wrong):
        return []
    also = ", which also writes the name right elsewhere in this passage" if beside else ""
    expl = (f"The name {quote(right.text)} was translated as the ordinary word {quote(wrong.text)} in the "
            f"{pair.label(pair.src if wrong is a else pair.tgt)} version{also}: {v.explanation.rstrip('.')}.")
    return [make_finding(pair, "entity", "translated_as_word", "high", confidence, _name_pair_evidence(pair, a, b),
                         expl)]


@functools.lru_cache(maxsize=1)
def _ordinary_senses() -> dict:
    return read_values(models_dir() / "gazetteer" / "ordinary_senses.json")


def _ordinary_sense(pair: AlignedPair, wrong: Mention) -> bool:
    """Is a mistranslation form used in its own sense: written in lower case
    (« l'érosion anthropique »), or beside a word of that sense on either
    side (models/gazetteer/ordinary_senses.json: « signe », 星座 for the
    zodiac's Gémeaux)?"""
    if wrong.text[:1].islower():
        return True
    senses = _ordinary_senses().get(entity_key(wrong), {})
    for side in (pair.src, pair.tgt):
        low = side.text.casefold()
        for w in senses.get(side.lang, ()):
            if w in low if side.lang == "zh" else re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", low):
                return True
    return False


def _mistranslated_beside(pair, src, tgt, verdict, matched_s, matched_t) -> list[Finding]:
    """A name's known mistranslation left over once the name is paired with
    its right form: the version writes it both ways (« à Anthropique … laissant
    Anthropic » for Anthropic twice), and the wrong one is still a word put
    for the name.  The leftover form is marked matched."""
    findings = []
    for (i, j), v in sorted(verdict.items()):
        if v.relation != "mistranslated" or (i in matched_s) == (j in matched_t):
            continue  # paired as one above, or neither is paired with its right form
        a, b = src[i], tgt[j]
        if (i in matched_s and alias_status(b) != "mistranslation") \
                or (j in matched_t and alias_status(a) != "mistranslation"):
            continue  # the leftover is the right form: another mention of it is the mistranslation
        matched_s.add(i)
        matched_t.add(j)
        findings += _as_word(pair, a, b, v, 0.8, beside=True)
    return findings


def _plural_rendering(pair: AlignedPair, a: Mention, b: Mention) -> bool:
    """Name ``a`` (source) and ``b`` (target) are one name, the French one
    in the plural (les Samis / the Sami): names.french_plural."""
    for side, m, other in ((pair.src, a, b), (pair.tgt, b, a)):
        if side.lang == "fr" and other.lang != "fr":
            return french_plural(m.text, side.doc_text[max(0, m.start - 20):m.start], other.text)
    return False


def _plural_in_text(side: Side, m: Mention, other: Side, s: int, e: int) -> bool:
    """Name ``m`` of ``side`` written ``other.text[s:e]`` in ``other``: one
    name, the French one in the plural (names.french_plural)."""
    if other.lang == "fr" and side.lang != "fr":
        return french_plural(other.text[s:e], other.text[max(0, s - 20):s], m.text)
    if side.lang == "fr" and other.lang != "fr":
        return french_plural(m.text, side.doc_text[max(0, m.start - 20):m.start], other.text[s:e])
    return False


def _word_extended(fa: str, fb: str) -> bool:
    """One folded name is the other with whole words added ("point marion" /
    "point marion to"); a letter dropped inside a word is not (airbus / airbu)."""
    wa, wb = fa.split(), fb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short) < len(long_) and any(long_[k:k + len(short)] == short for k in range(len(long_) - len(short) + 1))


def _misspelled_in_text(pair, src, tgt, matched_s, matched_t, reported: list[Finding]) -> list[Finding]:
    """Step 1b: a Latin name of one side that the other side writes with one
    word misspelled, whether or not its NER tagged it there (Donald Trump /
    Donadl Trump: only "Trump" is tagged, and step 1 may have paired it as
    the same person).  names.misspelled_in holds the rule."""
    findings = []
    done = {(e.doc, e.start) for f in reported for e in f.evidence}
    for side, other, names, matched, other_names, other_matched in (
            (pair.src, pair.tgt, src, matched_s, tgt, matched_t), (pair.tgt, pair.src, tgt, matched_t, src, matched_s)):
        for i, m in enumerate(names):
            if (side.doc_id, m.start) in done:
                continue
            hit = misspelled_in(m.text, side.lang, other.text, other.lang)
            if hit is None:
                continue
            s, e, how = hit
            if _plural_in_text(side, m, other, s, e):
                continue
            start, end = other.start + s, other.start + e
            matched.add(i)
            other_matched.update(j for j, o in enumerate(other_names) if o.start < end and start < o.end)
            wrong = other.text[s:e]
            ev = [side.mention_evidence(m, entity_key(m)), other.evidence(start, end, wrong)]
            if side is pair.tgt:
                ev.reverse()
            expl = (f"The name {quote(m.text)} of the {pair.label(side)} version is written {quote(wrong)} in the "
                    f"{pair.label(other)} version: a letter {how}.")
            findings.append(make_finding(pair, "entity", "misspelled", "medium", 0.75, ev, expl))
    return findings


def _expanded_in(m: Mention, side: Side, other: Side, sim, th) -> bool:
    """Is ``m`` an acronym that its document defines ("Swiss National Bank
    (SNB)", names.acronym_expansion) whose name ``other`` renders (written,
    or translated: names.has_counterpart)?  Each language abbreviates a
    name its own way (SNB / « BNS », WHO / « OMS »)."""
    name = acronym_expansion(m.text, side.doc_text)
    if name is None and side.lang in LATIN_SCRIPT:  # initials of another language's wording (USGS)
        name = acronym_apposition(m.text, side.doc_text)
    if name is None:
        return False
    named = replace(m, text=name, type="ORG")
    if acronym_expansion(m.text, other.doc_text) is None and other.lang in LATIN_SCRIPT:
        # the other version's own acronym for it, defined in its document
        for acr in acronyms_in(other.text):
            theirs = acronym_expansion(acr, other.doc_text)
            if theirs and has_counterpart(named, _as_passage(theirs, other), sim, th["entity_phrase_same"]):
                return True
    return has_counterpart(named, other, sim, th["entity_phrase_same"])


def _as_passage(text: str, like: Side):
    """A passage of ``text`` in ``like``'s language (what names.has_counterpart reads)."""
    return replace(like, doc_text=text, start=0, end=len(text), context_start=None, context_end=None)


def _rivals(pair, src, tgt, matched_s, matched_t) -> list[Finding]:
    """Step 1b: two people's names left unpaired that share a name but one
    (mentions.entities.rivals: Joe Biden / Hunter Biden, 王丽华 / 'Huang
    Lihua'), neither written on the other side: one person replaced by
    another.  The ablation test of the later steps cannot see it (the other
    side names someone in the same place, so dropping either name makes
    the sides less alike), nor can a name's support (the shared name
    carries it)."""
    findings = []
    for i, a in enumerate(src):
        for j, b in enumerate(tgt):
            if i in matched_s or j in matched_t or not rivals(a, b):
                continue
            if appears_in(a.text, pair.tgt.text) or appears_in(b.text, pair.src.text):
                continue  # both people are named on one side
            matched_s.add(i)
            matched_t.add(j)
            expl = (f"Where the {pair.label(pair.src)} names {quote(a.text)}, the {pair.label(pair.tgt)} names "
                    f"{quote(b.text)}: one of their names differs, another person.")
            findings.append(make_finding(pair, "entity", "replaced", "high", 0.7, _name_pair_evidence(pair, a, b), expl))
    return findings


def _pair_by_phrase(pair, src, tgt, sim, th, matched_s, matched_t) -> None:
    """Step 2: names in two scripts paired by phrase similarity, most similar
    first (two person names only when very similar: any two look alike to a
    sentence encoder, Bush / Obama; never two names held apart,
    names.held_apart)."""
    prefetch(sim, [a.text for i, a in enumerate(src) if i not in matched_s]
             + [b.text for j, b in enumerate(tgt) if j not in matched_t])  # one encoder batch (issue 12)
    cands = sorted((-sim(a.text, b.text), i, j) for i, a in enumerate(src) for j, b in enumerate(tgt)
                   if i not in matched_s and j not in matched_t)
    for negs, i, j in cands:
        if -negs < th["entity_phrase_same"]:
            break
        if i in matched_s or j in matched_t:
            continue
        if src[i].type == "PER" and tgt[j].type == "PER" and -negs < th["entity_phrase_same_person"]:
            continue
        if held_apart(src[i], tgt[j]):
            continue  # Stockholm / 哥本哈根, Paris / « Berlin »: alike to the encoder, not one name
        matched_s.add(i)
        matched_t.add(j)


def _spelled(pair, a: Mention, b: Mention, got) -> str:
    """'The name X is spelled Y in the … version', Y being the form
    names.misspelling takes for the misspelled one (``got``: its answer;
    the target's form when there is none): a source form taken for the
    misspelled one is said of the source (000's 'Ego' against 'Ege')."""
    if got and got[0] == a.text and a.text != b.text:
        return f"The name {quote(b.text)} is spelled {quote(a.text)} in the {pair.label(pair.src)} version"
    return f"The name {quote(a.text)} is spelled {quote(b.text)} in the {pair.label(pair.tgt)} version"


def _misspelled_left(pair, src, tgt, verdict, left_s, left_t) -> list[Finding]:
    """Step 4: a Latin name and one the bead left unpaired on the other side
    spelled alike (the verdict's spelled_alike): a misspelling, unless it is
    one name in two languages or one name inside the other.  Both leave the
    lists of names still to account for."""
    findings = []
    for i in list(left_s):
        a = src[i]
        if not latin_letters(a.text) or len(a.text) < 3:
            continue
        for j in list(left_t):
            b = tgt[j]
            if not verdict[i, j].spelled_alike or known_apart(a.text, b.text):
                continue  # Austria / Australia: two places, left to the replacement step
            left_s.remove(i)
            left_t.remove(j)
            got = misspelling(a.text, b.text, a.lang, b.lang)
            if got is None or _word_extended(fold(a.text), fold(b.text)):
                break  # Singapour / Singapore: one name in two languages
            expl = f"{_spelled(pair, a, b, got)}."
            findings.append(make_finding(pair, "entity", "misspelled", "medium", 0.7,
                                         _name_pair_evidence(pair, a, b), expl))
            break
    return findings


def _named_nearby(pair, src, tgt, gone_s, gone_t):
    """Names written in the neighbouring sentences: an alignment boundary,
    not a loss."""
    if pair.tgt.context_start is None:
        return gone_s, gone_t
    ctx_t, ctx_s = _context_side(pair.tgt), _context_side(pair.src)
    th = thresholds()
    # two places held apart face each other: the one's sound in the other's
    # passage is the other place (浙江省 sounds like the 'Jiangsu' facing it)
    apart_s, apart_t = _places_apart(src, tgt, gone_s, gone_t)
    gone_s = [i for i in gone_s if i in apart_s or not _carried(src[i], ctx_t, th["entity_support_source"])]
    gone_t = [j for j in gone_t if j in apart_t or not _carried(tgt[j], ctx_s, th["entity_support_target"])]
    return gone_s, gone_t


def _places_apart(src, tgt, gone_s, gone_t) -> tuple[set[int], set[int]]:
    """The names gone on each side that the gazetteer holds apart from one
    gone on the other (mentions.names.known_as_two), or a Chinese person's
    name and a pinyin name its characters do not spell
    (names.persons_read_apart: 王立新 / « Wang Lixiang », which the context's
    sound test carried in a document but not in a sentence pair: a fresh
    user's trial, session 64): neither the other's sound nor a longer name
    around it (江西省东部 / 'eastern Jiangsu') carries them."""
    pairs = [(i, j) for i in gone_s for j in gone_t
             if known_as_two(src[i], tgt[j]) or persons_read_apart(src[i], tgt[j])]
    return {i for i, _ in pairs}, {j for _, j in pairs}


def _carried(m: Mention, passage: Side, support: float, ways: tuple[str, ...] = ("gazetteer", "sound")) -> bool:
    """Written, rendered (most of its words, its sound) or known to the
    gazetteer in ``passage`` -- one shared word of a longer name is not
    enough there (Sonnet 3.6 / Claude 3.5 Sonnet).  ``ways``: the kinds of
    support (mentions.names.name_support) that count."""
    if appears_in(m.text, passage.text) or has_counterpart(m, passage, None):
        return True
    score, how = name_support(m.text, passage, m.lang)
    return score >= support and how in ways


def _other_clause(pair: AlignedPair, side: str, m: Mention) -> Optional[list[tuple[int, int]]]:
    """The other side's clause facing name ``m`` on ``side`` ("src" or
    "tgt"): spans of the other document's text; the whole other side when
    the bead has no clause alignment; [] when the name's clause has no
    counterpart."""
    other = pair.tgt if side == "src" else pair.src
    g = pair.clause_group(side, m.start)
    if g is None:
        return [(other.start, other.end)]
    return [tuple(sp) for sp in pair.clause_groups[g][1 if side == "src" else 0]]


def _not_referred(pair, src, tgt, gone_s, gone_t):
    """Step 4b: of the names still gone, keep those whose facing clause on
    the other side carries no reference to them (compare.references: a
    pronoun, a speaker's first person, "the two countries", a title, with
    the name salient there).  A name whose clause has no counterpart is the
    omission checks' business (the whole clause is missing), not a name
    left out."""
    keep_s = []
    for i in gone_s:
        spans = _other_clause(pair, "src", src[i])
        if spans and not referred(src[i], spans, pair.tgt):
            keep_s.append(i)
    keep_t = []
    for j in gone_t:
        spans = _other_clause(pair, "tgt", tgt[j])
        if spans and not referred(tgt[j], spans, pair.src):
            keep_t.append(j)
    return keep_s, keep_t


def _by_pronoun_alone(pair, src, tgt, kept_s, kept_t, free_s, free_t) -> list[Finding]:
    """Step 4c: a person's name that the other side renders by a personal
    pronoun (他, « il », 'he') with no name before it there to stand for:
    that version does not say who.  ``kept_*``: names nothing matched on the
    other side that the ablation test kept (a pronoun carries most of what
    a name adds to a sentence's vector).  Only when the facing clause has
    no person's name of its own left unmatched (``free_*``: indices of names
    nothing matched): that is a replacement's or a rendering's business.
    Low: in a whole article the pronoun's antecedent is usually named
    before (then compare.references finds it and nothing is said)."""
    findings = []
    support = thresholds()["entity_support_target"]
    for side, other, idx, mentions, others, free, type_, role in (
            (pair.src, pair.tgt, kept_s, src, tgt, free_t, "missing", "src"),
            (pair.tgt, pair.src, kept_t, tgt, src, free_s, "added", "tgt")):
        for k in idx:
            m = mentions[k]
            spans = _other_clause(pair, role, m) if m.type == "PER" else None
            if not spans:
                continue
            clause = " ".join(other.doc_text[a:b] for a, b in spans)
            if "person" not in referring_kinds(clause, other.lang, "PER") or referred(m, spans, other) \
                    or any(others[f].type == "PER" and any(a <= others[f].start < b for a, b in spans) for f in free) \
                    or _partly_written(m, other, support):
                continue
            pronoun = referring_words(clause, other.lang, "person")
            expl = (f"The {pair.label(side)} version names {quote(m.text)} where the {pair.label(other)} says "
                    f"only {quote(pronoun[0])}, with no name before it that it could stand for: that version "
                    "does not say who.")
            findings.append(make_finding(pair, "entity", type_, "low", 0.5,
                                         [side.mention_evidence(m, entity_key(m)), other.evidence(role="context")],
                                         expl))
    return findings


def _partly_written(m: Mention, passage: Side, support: float) -> bool:
    """Is name ``m`` written or rendered in ``passage`` (:func:`_carried`,
    but through the gazetteer only), or one of its words of two letters or
    more written there as a word ('Xi' of « M. Xi »: the other version
    names him, whatever NER made of it)?  Not by sound alone: a name's
    syllables are found by sound in many a sentence that lacks it (0.75
    for 'Christopher Hui Ching-yu' in a Chinese sentence saying 他)."""
    if _carried(m, passage, support, ways=("gazetteer",)):
        return True
    words = [w for w in re.findall(r"\w+", m.text) if len(w) > 1 and not w.isdigit()]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", passage.text) for w in words)


def _replacements(pair, src, tgt, gone_s, gone_t) -> list[Finding]:
    """Step 5: a name gone on each side, in one clause group, the nearest of
    the same type (relative position in the bead): one replaced by the
    other."""
    findings = []
    for i in list(gone_s):
        a = src[i]
        facing = [j for j in gone_t if pair.same_clause(a.start, tgt[j].start)]
        cands = [j for j in facing if tgt[j].type == a.type] or facing
        if not cands:
            continue
        j = min(cands, key=lambda j: abs((tgt[j].start - pair.tgt.start) / max(1, len(pair.tgt.text))
                                         - (a.start - pair.src.start) / max(1, len(pair.src.text))))
        b = tgt[j]
        gone_s.remove(i)
        gone_t.remove(j)
        strong = _strong(a, pair.src, pair.tgt) or _strong(b, pair.tgt, pair.src)
        expl = (f"Where the {pair.label(pair.src)} names {quote(a.text)}, the "
                f"{pair.label(pair.tgt)} names {quote(b.text)} instead.")
        findings.append(make_finding(pair, "entity", "replaced", "high", 0.8 if strong else 0.65,
                                     _name_pair_evidence(pair, a, b), expl))
    return findings


def _named_elsewhere(m: Mention, other) -> bool:
    """Does the other version name ``m`` somewhere outside the facing
    passage (a mention of its document that match_entities takes for the
    same name, or a misspelling of it)?"""
    return any(o.kind == "entity" and not (other.start <= o.start < other.end)
               and match_entities(m, o).relation in ("same", "misspelled") for o in other.doc_mentions)


def _one_sided(pair, src, tgt, gone_s, gone_t) -> list[Finding]:
    """What is gone on one side only: missing from the target, or added."""
    findings = []
    for side, other, idx, mentions, type_ in (
        (pair.src, pair.tgt, gone_s, src, "missing"),
        (pair.tgt, pair.src, gone_t, tgt, "added"),
    ):
        for k in idx:
            m = mentions[k]
            strong = _strong(m, side, other)
            conf = 0.8 if strong else 0.6
            # a name left out or added changes what a passage covers, not a fact it
            # states: medium (a replaced or mistranslated name is high); low, and
            # half as sure, when the other version names it elsewhere (issue 19
            # item 6: a retelling moves « Il succède ainsi à François » to its
            # last paragraph): the version keeps the name, this passage may not
            elsewhere = _named_elsewhere(m, other)
            severity = "low" if elsewhere else "medium"
            conf = conf / 2 if elsewhere else conf
            if type_ == "missing":
                expl = (f"The name {quote(m.text)} in the {pair.label(side)} version does not "
                        f"appear in the matching {pair.label(other)} passage.")
            else:
                expl = (f"The name {quote(m.text)} appears in the {pair.label(side)} version but "
                        f"not in the matching {pair.label(other)} passage.")
            findings.append(make_finding(pair, "entity", type_, severity, conf,
                                         [side.mention_evidence(m, entity_key(m)), other.evidence(role="context")],
                                         expl))
    return findings


def _own_name(m: Mention, side: Side, other: Side, sim, threshold: float) -> bool:
    """May name ``m`` be reported missing or added: not a piece of a longer
    name that ``other`` renders (巴黎 of 巴黎圣母院 against "Notre-Dame":
    mentions.entities marks ``inside_name``; 美洲 of 中美洲 against a text
    without Central America is still reported, the longer name is gone
    too) nor a reporter of the dateline's byline (新华社新德里7月27日电(记者
    伍岳 施雨岑): the dispatch's authors, compare.dates.dateline_spans)."""
    longer = m.attrs.get("inside_name")
    if longer and has_counterpart(replace(m, text=longer, value=None, canonical=None), _context_side(other),
                                  sim, threshold):
        return False
    return not (m.type == "PER" and in_dateline(side.doc_text, m.start, m.end))


# match_entities of two names, by what the two mentions are apart from where
# they stand: the beads of a document pair name the same people again and
# again (28,000 verdicts at 10^4 sentences, issue 12).  A pure function of
# the mentions' content, so what is kept never depends on which pairs a
# worker checked before; cleared when full.
_VERDICTS: dict[tuple, EntityMatch] = {}
_VERDICTS_MAX = 100_000
_PLACE = frozenset({"doc_id", "start", "end"})


def _content_key(m: Mention) -> tuple:
    """Every field of ``m`` but its document and offsets, hashable."""
    return tuple(repr(getattr(m, f.name)) if f.name in ("value", "value_high", "alt_values", "attrs")
                 else getattr(m, f.name) for f in fields(m) if f.name not in _PLACE)


def _verdicts(src: list[Mention], tgt: list[Mention]) -> dict[tuple[int, int], EntityMatch]:
    """match_entities of every (source name, target name) of a bead, by
    index pair; the verdicts are shared, read-only."""
    ks, kt = [_content_key(a) for a in src], [_content_key(b) for b in tgt]
    out = {}
    for i, a in enumerate(src):
        for j, b in enumerate(tgt):
            key = (ks[i], kt[j])
            v = _VERDICTS.get(key)
            if v is None:
                if len(_VERDICTS) >= _VERDICTS_MAX:
                    _VERDICTS.clear()
                v = _VERDICTS[key] = match_entities(a, b)
            out[i, j] = v
    return out


def check_entities(pair: AlignedPair) -> list[Finding]:
    """Entity findings of one bead, in five steps: pair names by the
    mentions stage's verdict, then by phrase similarity; set aside names the
    other side carries in a form NER did not tag; report misspellings among
    the rest; then, of the names the other side does not carry nor refers
    to in the facing clause (a pronoun, a title, "the two countries"), a
    name gone on each side of one clause is a replacement and the others
    are missing or added; a person's name that only a pronoun with no
    antecedent renders is missing or added, low (:func:`_by_pronoun_alone`)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    th = thresholds()
    src, tgt = _names(pair.src), _names(pair.tgt)
    if not src and not tgt:
        return []
    matched_s: set[int] = set()
    matched_t: set[int] = set()
    verdict = _verdicts(src, tgt)
    findings = _pair_by_verdict(pair, src, tgt, verdict, matched_s, matched_t)
    findings += _misspelled_in_text(pair, src, tgt, matched_s, matched_t, findings)
    findings += _rivals(pair, src, tgt, matched_s, matched_t)
    sim = pair.phrase_similarity
    if sim is not None:
        _pair_by_phrase(pair, src, tgt, sim, th, matched_s, matched_t)
    # 3. names rendered in the other text although its NER did not tag them (weak matches)
    weak_s = {i for i in range(len(src)) if i not in matched_s and has_counterpart(src[i], pair.tgt, sim, th["entity_phrase_same"])}
    weak_t = {j for j in range(len(tgt)) if j not in matched_t and has_counterpart(tgt[j], pair.src, sim, th["entity_phrase_same"])}
    # 3b. names rendered by their dictionary translation (冷杉 / fir, Colosseum / 罗马斗兽场)
    matched_s |= {i for i in range(len(src)) if i not in matched_s and glossed_in(src[i].text, pair.src.lang, pair.tgt)}
    matched_t |= {j for j in range(len(tgt)) if j not in matched_t and glossed_in(tgt[j].text, pair.tgt.lang, pair.src)}
    # 3c. an acronym its document defines, whose name is rendered (SNB, « BNS » / Swiss National Bank)
    matched_s |= {i for i in range(len(src)) if i not in matched_s and _expanded_in(src[i], pair.src, pair.tgt, sim, th)}
    matched_t |= {j for j in range(len(tgt)) if j not in matched_t and _expanded_in(tgt[j], pair.tgt, pair.src, sim, th)}
    weak_s, weak_t = weak_s - matched_s, weak_t - matched_t
    # a place the encoder found in the other text may be the other place there
    # (Stockholm / 哥本哈根): two places that sound apart carry neither
    apart = {(i, j) for i in range(len(src)) for j in range(len(tgt))
             if i not in matched_s and j not in matched_t and held_apart(src[i], tgt[j])}
    weak_s -= {i for i, _ in apart}
    weak_t -= {j for _, j in apart}
    left_s = [i for i in range(len(src)) if i not in matched_s and i not in weak_s]
    left_t = [j for j in range(len(tgt)) if j not in matched_t and j not in weak_t]
    findings += _misspelled_left(pair, src, tgt, verdict, left_s, left_t)
    if sim is not None:
        gone_s, gone_t = _unsupported(pair, src, tgt, sorted(set(left_s) | weak_s),
                                      sorted(set(left_t) | weak_t), sim, th, (set(left_s), set(left_t)))
    else:
        gone_s, gone_t = _unrendered_by_rules(pair, src, tgt, left_s, left_t, matched_t)
    findings += _by_pronoun_alone(pair, src, tgt, [i for i in left_s if i not in gone_s],
                                  [j for j in left_t if j not in gone_t], set(left_s) | weak_s, set(left_t) | weak_t)
    gone_s, gone_t = _named_nearby(pair, src, tgt, gone_s, gone_t)
    gone_s, gone_t = _not_referred(pair, src, tgt, gone_s, gone_t)
    apart_s, apart_t = _places_apart(src, tgt, gone_s, gone_t)
    gone_s = [i for i in gone_s if i in apart_s or _own_name(src[i], pair.src, pair.tgt, sim, th["entity_phrase_same"])]
    gone_t = [j for j in gone_t if j in apart_t or _own_name(tgt[j], pair.tgt, pair.src, sim, th["entity_phrase_same"])]
    findings += _replacements(pair, src, tgt, gone_s, gone_t)
    # a name the other side's dictionary glosses describe is no name added or missing
    # (罗马 'Rome, capital of Italy' / 'Rome, Italy'), though it renders no other name
    gone_s = [i for i in gone_s if not glossed_in(src[i].text, pair.src.lang, pair.tgt, described=True)]
    gone_t = [j for j in gone_t if not glossed_in(tgt[j].text, pair.tgt.lang, pair.src, described=True)]
    return findings + _one_sided(pair, src, tgt, gone_s, gone_t)
