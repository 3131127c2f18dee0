"""Terminology: a glossary (term base) checked on every translation bead,
as translation QA tools do (Xbench, Verifika).

A glossary is a list of concepts, each with its correct renderings per
language and, optionally, known wrong ones (训练 model training: fr
*entraînement*, never *formation*).  On a bead where one side uses a
concept's correct rendering and the other side has none of the concept's
correct renderings in its language:

- a known wrong rendering there is a ``claim/term`` finding (medium);
- nothing at all is a ``claim/term`` finding too, low, for glossaries the
  user gave (``--glossary``): the bundled one (models/glossary/default.tsv)
  only reports known wrong renderings, since free translations paraphrase.

French and English renderings match whatever their inflection (spaCy
lemmas); Chinese ones as written, a longer term hiding the shorter one
inside it (预训练 is not also 训练).

Glossary files: CSV or TSV, UTF-8, a header row with language columns
``zh``/``fr``/``en`` (at least two), optional ``<lang>_wrong``, ``domain``,
``note``; several renderings in one cell separated by ``|``.  TBX (``.tbx``)
is read with translate-toolkit when installed; deprecated terms are the
wrong renderings.  A bad file is a :class:`GlossaryError` naming the file
and line.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional
from xml.dom import XML_NAMESPACE

from ..errors import UserError
from ..langs import HANDLED, base_language
from ..lexicons.words import words
from ..paths import models_dir
from ..records import Finding
from .coverage import TRANSLATION_RELATIONS
from .pair import AlignedPair, Side, make_finding, quote

LANGS = HANDLED
COLUMNS = frozenset(LANGS) | {f"{l}_wrong" for l in LANGS} | {"domain", "note"}


class GlossaryError(UserError):
    """A glossary file rumorlens cannot use: the message names the file and line."""


@dataclass(frozen=True)
class Term:
    """One concept of a glossary."""

    renderings: dict  # lang -> tuple of correct renderings
    wrong: dict  # lang -> tuple of known wrong renderings
    domain: str = ""
    note: str = ""
    where: str = ""  # "file:line" it was read from
    report_missing: bool = False  # also report a bead where the concept has no rendering at all


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)

    def __add__(self, other: "Glossary") -> "Glossary":
        return Glossary(self.terms + other.terms)


# --------------------------------------------------------------- reading


def _split(cell: Optional[str]) -> tuple[str, ...]:
    """The renderings of a cell; one with no letter or digit is none: a
    term of only '。' was found in every Chinese segment (a fresh user's
    break test, session 48)."""
    return tuple(x.strip() for x in (cell or "").split("|") if _renders(x))


def _renders(term: Optional[str]) -> bool:
    return any(c.isalnum() for c in (term or ""))


def _check_header(header: list[str], path: Path) -> list[str]:
    cols = [h.strip().casefold() for h in header]
    for c in cols:
        if c in COLUMNS:
            continue
        base = c[:-6] if c.endswith("_wrong") else c
        if len(base) in (2, 3) and base.isalpha():
            raise GlossaryError(f"{path}:1: unknown language code {base!r} (columns are zh, fr, en, "
                                f"their <lang>_wrong, domain, note)")
        raise GlossaryError(f"{path}:1: unknown column {c!r} (columns are zh, fr, en, their <lang>_wrong, "
                            f"domain, note)")
    if sum(c in LANGS for c in cols) < 2:
        raise GlossaryError(f"{path}:1: a glossary needs at least two language columns (zh, fr, en)")
    if len(set(cols)) != len(cols):
        raise GlossaryError(f"{path}:1: a column appears twice")
    return cols


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise GlossaryError(f"{path}:{line}: not UTF-8 text (save the glossary as UTF-8)") from None


def read_table(path: Path, report_missing: bool = True) -> Glossary:
    """A CSV/TSV glossary (see the module docstring).  Raises GlossaryError."""
    text = _decode(path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first or path.suffix.casefold() == ".tsv" else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows or not any(c.strip() for c in rows[0]):
        raise GlossaryError(f"{path}:1: empty glossary (a header row zh, fr, en... then one row per concept)")
    cols = _check_header(rows[0], path)
    terms = []
    for k, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(cols):
            raise GlossaryError(f"{path}:{k}: {len(row)} fields where the header has {len(cols)}")
        cells = dict(zip(cols, row))
        good = {l: _split(cells.get(l)) for l in LANGS if _split(cells.get(l))}
        if len(good) < 2:
            raise GlossaryError(f"{path}:{k}: a concept needs renderings in at least two languages")
        wrong = {l: _split(cells.get(f"{l}_wrong")) for l in LANGS if _split(cells.get(f"{l}_wrong"))}
        terms.append(Term(good, wrong, (cells.get("domain") or "").strip(), (cells.get("note") or "").strip(),
                          f"{path.name}:{k}", report_missing))
    if not terms:
        raise GlossaryError(f"{path}:2: empty glossary (a header row, then one row per concept)")
    return Glossary(terms)


def read_tbx(path: Path) -> Glossary:
    """A TBX term base through translate-toolkit: each termEntry is a
    concept, each langSet's terms its renderings, deprecated ones wrong."""
    try:
        from translate.storage import tbx
    except ImportError:
        raise GlossaryError(f"{path}: reading TBX needs translate-toolkit (pip install 'rumorlens[tbx]')") from None
    try:
        store = tbx.tbxfile.parsefile(str(path))
    except Exception as exc:  # lxml/translate-toolkit parse errors carry the line
        raise GlossaryError(f"{path}:{getattr(exc, 'lineno', 1) or 1}: not a readable TBX file ({exc})") from None
    terms = []
    for k, unit in enumerate(store.units, start=1):
        good: dict = {}
        wrong: dict = {}
        for node in unit.getlanguageNodes():
            code = node.get(f"{{{XML_NAMESPACE}}}lang") or ""  # xml:lang
            lang = base_language(code)
            if lang not in LANGS:
                raise GlossaryError(f"{path}:{node.sourceline}: unknown language code {code!r} (zh, fr, en)")
            for t in unit.get_target_terms(code):
                # an empty <term/> (or one an unresolved entity emptied) renders nothing: an
                # empty string was found in every segment (a fresh user's break test, session 48)
                if _renders(t.text):
                    (wrong if t.deprecated else good).setdefault(lang, []).append(t.text.strip())
        good = {l: tuple(v) for l, v in good.items() if v}
        if len(good) >= 2:
            terms.append(Term(good, {l: tuple(v) for l, v in wrong.items()}, where=f"{path.name}:entry {k}",
                              report_missing=True))
    if not terms:
        raise GlossaryError(f"{path}:1: empty glossary (no term entry with terms in two of zh, fr, en)")
    return Glossary(terms)


def read_glossary(path: Path | str) -> Glossary:
    """A user glossary (CSV, TSV or TBX).  Raises GlossaryError."""
    path = Path(path)
    if not path.is_file():
        raise GlossaryError(f"{path}: glossary file not found")
    if path.suffix.casefold() == ".tbx":
        return read_tbx(path)
    return read_table(path)


@functools.lru_cache(maxsize=1)
def bundled_glossary() -> Glossary:
    """models/glossary/default.tsv: reports known wrong renderings only."""
    return read_table(models_dir() / "glossary" / "default.tsv", report_missing=False)


# --------------------------------------------------------------- matching


@functools.lru_cache(maxsize=4096)
def _lemmas(text: str, lang: str) -> tuple[str, ...]:
    return tuple(w.lemma for w in words(text, lang) if any(c.isalnum() for c in w.text))


def _token_index(side: Side) -> tuple[list, dict[str, list[int]], dict[str, list[int]]]:
    """The word tokens of a French or English side, and where each lemma
    and each case-folded token occurs: every term of a glossary is looked
    up in the same few sides, so they are indexed once a side (its memo)."""
    kept = side.memo.get("terms.token_index")
    if kept is None:
        kept = side.memo["terms.token_index"] = _index_tokens(side.words())
    return kept


def _index_tokens(words_read) -> tuple[list, dict[str, list[int]], dict[str, list[int]]]:
    toks = [w for w in words_read if any(c.isalnum() for c in w.text)]
    by_lemma: dict[str, list[int]] = {}
    by_folded: dict[str, list[int]] = {}
    for i, w in enumerate(toks):
        by_lemma.setdefault(w.lemma, []).append(i)
        by_folded.setdefault(w.text.casefold(), []).append(i)
    return toks, by_lemma, by_folded


@functools.lru_cache(maxsize=4096)
def _rendering_keys(rendering: str, lang: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """A French or English rendering's lemmas, its case-folded text and that
    text up to each space (and whole): what :func:`find` looks up, worked
    out once per rendering rather than once per glossary term and side
    (160,000 lookups at 10^4 sentences, issue 12)."""
    folded = rendering.casefold()
    ends = [k for k, c in enumerate(folded) if c == " "] + [len(folded)]
    return _lemmas(rendering, lang), folded, tuple(folded[:end] for end in ends)


def find(side: Side, rendering: str) -> list[tuple[int, int]]:
    """Spans (offsets into the side's text) where ``rendering`` occurs:
    as written for Chinese, by lemma sequence (any inflection, any case)
    for French and English."""
    text = side.text
    if side.lang == "zh":
        out, k = [], text.find(rendering)
        while k >= 0:
            out.append((k, k + len(rendering)))
            k = text.find(rendering, k + 1)
        return out
    want, folded, prefixes = _rendering_keys(rendering, side.lang)
    if not want:
        return []
    toks, by_lemma, by_folded = _token_index(side)
    # a match starts at a token whose lemma is the first wanted one, or whose
    # folded text is the rendering up to a space (or all of it)
    starts = set(by_lemma.get(want[0], ()))
    for prefix in prefixes:
        starts.update(by_folded.get(prefix, ()))
    if not starts:
        return []
    n = len(want)
    return [(toks[i].start, toks[i + n - 1].end) for i in sorted(starts) if i + n <= len(toks)
            and (tuple(w.lemma for w in toks[i:i + n]) == want
                 or " ".join(w.text.casefold() for w in toks[i:i + n]) == folded)]


def occurrences(side: Side, renderings: Iterable[str]) -> list[tuple[int, int, str]]:
    return sorted((a, b, r) for r in renderings for a, b in find(side, r))


# (id of a glossary, language) -> (its terms when indexed, the index)
_STARTS: dict[tuple[int, str], tuple[tuple, dict[str, list[int]]]] = {}


def _start_index(glossary: Glossary, lang: str) -> dict[str, list[int]]:
    """For a French or English side: the keys a match of a term's rendering
    starts with (its first lemma; its folded text up to each space, and
    whole: :func:`find`) -> the indexes of the terms in ``glossary.terms``.
    Kept per glossary and language while its terms stay the same."""
    kept = _STARTS.get((id(glossary), lang))
    if kept is not None and kept[0] == tuple(glossary.terms):
        return kept[1]
    index: dict[str, list[int]] = {}
    for k, term in enumerate(glossary.terms):
        for r in term.renderings.get(lang, ()):
            want, _, prefixes = _rendering_keys(r, lang)
            if want:
                for key in {want[0], *prefixes}:
                    if not index.get(key) or index[key][-1] != k:
                        index.setdefault(key, []).append(k)
    _STARTS[(id(glossary), lang)] = (tuple(glossary.terms), index)
    return index


def _candidate_terms(side: Side, glossary: Glossary) -> list[Term]:
    """The terms of ``glossary`` whose rendering may occur on ``side``, in
    glossary order: all for Chinese; for French and English those with a
    rendering whose first lemma or a folded prefix is a token of the side,
    the only ones :func:`find` can match (160,000 calls of find at 10^4
    sentences, issue 12)."""
    if side.lang == "zh":
        return glossary.terms
    index = _start_index(glossary, side.lang)
    if not index:
        return []
    _, by_lemma, by_folded = _token_index(side)
    ks = {k for key in (by_lemma.keys() | by_folded.keys()) for k in index.get(key, ())}
    return [glossary.terms[k] for k in sorted(ks)]


def source_hits(side: Side, glossary: Glossary) -> list[tuple[Term, int, int]]:
    """Concepts whose correct rendering occurs on ``side``; a match inside
    a longer match (训练 inside 预训练) is not counted."""
    hits = [(t, a, b) for t in _candidate_terms(side, glossary)
            for a, b, _ in occurrences(side, t.renderings.get(side.lang, ()))]
    hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
    out: list[tuple[Term, int, int]] = []
    for t, a, b in hits:
        if any(a2 <= a and b <= b2 and (a2, b2) != (a, b) for _, a2, b2 in hits):
            continue
        if all(t is not t2 for t2, _, _ in out):
            out.append((t, a, b))
    return out


# --------------------------------------------------------------- the check


def _term_finding(pair: AlignedPair, side: Side, other: Side, term: Term, span: tuple[int, int],
                  wrong: Optional[tuple[int, int, str]]) -> Finding:
    said = side.text[span[0]:span[1]]
    expected = " or ".join(quote(r, 30) for r in term.renderings[other.lang][:3])
    where = f" ({term.domain})" if term.domain else ""
    ev = [side.evidence(side.start + span[0], side.start + span[1])]
    if wrong is not None:
        ev.append(other.evidence(other.start + wrong[0], other.start + wrong[1]))
        theirs = quote(other.text[wrong[0]:wrong[1]], 30)
        if side is pair.src:
            expl = (f"{quote(said, 30)} is rendered {theirs} in the {pair.label(other)}, a known wrong rendering of "
                    f"this term{where}; the glossary gives {expected}.")
        else:  # the term is the target's: the source holds the wrong word
            expl = (f"The {pair.label(other)} has {theirs} where the {pair.label(side)} has {quote(said, 30)}: "
                    f"{theirs} is a known wrong rendering of this term{where}; the glossary gives {expected}.")
        severity, conf = "medium", 0.7
    else:
        ev.append(other.evidence())
        expl = (f"{quote(said, 30)} is not rendered as the glossary says{where} in the {pair.label(other)}: "
                f"expected {expected} ({term.where}).")
        severity, conf = "low", 0.4
    if term.note:
        expl += f" Note: {term.note}."
    return make_finding(pair, "claim", "term", severity, conf, ev, expl)


@functools.lru_cache(maxsize=1)
def _domains() -> dict:
    """models/glossary/domains.json: ``general_senses`` (lang -> words) and
    ``cues`` (domain -> lang -> words)."""
    return json.loads((models_dir() / "glossary" / "domains.json").read_text(encoding="utf-8"))


_CUE_PATTERNS: dict[tuple, Optional[re.Pattern]] = {}


def _cue_pattern(glossary: Glossary, domain: str, lang: str) -> Optional[re.Pattern]:
    """One pattern for what shows ``domain`` in ``lang``: its cues
    (domains.json) and the renderings of the glossary's other concepts of
    that domain without an everyday sense (推理成本 shows machine learning);
    Chinese as written, other languages as whole words, case-folded unless
    upper case (AI is not « ai »).  None when nothing can show it.  Kept
    per glossary while its terms stay the same."""
    key = (id(glossary), len(glossary.terms), domain, lang)
    if key not in _CUE_PATTERNS:
        general = set(_domains()["general_senses"].get(lang, ()))
        cues = set(_domains()["cues"].get(domain, {}).get(lang, ()))
        cues |= {r for t in glossary.terms if t.domain == domain for r in t.renderings.get(lang, ())
                 if r.casefold() not in general}
        parts = []
        for c in sorted(cues, key=lambda c: (-len(c), c)):
            body = re.escape(c) if c.isupper() or lang == "zh" else "(?i:" + re.escape(c) + ")"
            parts.append(body if lang == "zh" else r"(?<!\w)" + body + r"(?!\w)")
        _CUE_PATTERNS[key] = re.compile("|".join(parts)) if parts else None
    return _CUE_PATTERNS[key]


def in_its_domain(term: Term, side: Side, span: tuple[int, int], other: Side, glossary: Glossary) -> bool:
    """May the concept found at ``span`` of ``side`` be checked here?  Yes,
    unless it was found through a word with an everyday sense
    (domains.json ``general_senses``: 训练, 'training'), its domain is one
    domains.json has cues for, and neither version's whole text shows that
    domain (:func:`_cue_pattern`), or either side of the bead uses the word
    in its everyday sense (:func:`_everyday`): 'medical training' and
    'Teachers will receive training' are no model training."""
    said = side.text[span[0]:span[1]]
    general = _domains()["general_senses"].get(side.lang, ())
    key = said if side.lang == "zh" else said.casefold()
    if not term.domain or not (key in general or any(w in general for w in _lemmas(said, side.lang))):
        return True
    if term.domain not in _domains()["cues"]:
        return True  # a domain of the user's, which domains.json cannot tell: checked everywhere
    if any(_everyday(s) for s in (side, other)):
        return False  # 'receive training', « suivent une formation »: people are trained
    return any(_shows(_cue_pattern(glossary, term.domain, s.lang), s.doc_text) for s in (side, other))


def _everyday(side: Side) -> bool:
    """Does the side use a general-sense word in its everyday sense
    (domains.json ``everyday_phrases``: 'receive training', 接受培训)?"""
    low = side.text.casefold()
    phrases = _domains().get("everyday_phrases", {}).get(side.lang, ())
    if side.lang == "zh":
        return any(p in low for p in phrases)
    return any(re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", low) for p in phrases if p in low)


@functools.lru_cache(maxsize=256)
def _shows(pattern: Optional[re.Pattern], text: str) -> bool:
    """Does ``pattern`` occur in ``text`` (a whole document: asked again for each term found in it)?"""
    return pattern is not None and pattern.search(text) is not None


def term_findings(pair: AlignedPair, glossary: Glossary) -> list[Finding]:
    """``claim/term`` findings of one bead (see the module docstring)."""
    if pair.src.empty or pair.tgt.empty or pair.src.lang == pair.tgt.lang:
        return []
    if pair.src.lang not in LANGS or pair.tgt.lang not in LANGS:
        return []
    # a known wrong rendering is wrong in any version (a transcript, a retelling);
    # a missing rendering only tells in a translation (the others paraphrase)
    missing_tells = pair.relation in TRANSLATION_RELATIONS
    out = []
    for side, other in ((pair.src, pair.tgt), (pair.tgt, pair.src)):
        for term, a, b in source_hits(side, glossary):
            if other.lang not in term.renderings or occurrences(other, term.renderings[other.lang]):
                continue
            if not in_its_domain(term, side, (a, b), other, glossary):
                continue
            wrong = occurrences(other, term.wrong.get(other.lang, ()))
            if wrong or (term.report_missing and missing_tells):
                out.append(_term_finding(pair, side, other, term, (a, b), wrong[0] if wrong else None))
    return out


def make_term_check(glossary: Glossary) -> Callable[[AlignedPair], list[Finding]]:
    """A bead check for ``glossary`` (the bundled one plus the user's)."""

    def check_terms(pair: AlignedPair) -> list[Finding]:
        return term_findings(pair, glossary)

    check_terms.compares_content = True  # run on well-aligned beads only, as the bundled one
    return check_terms


def check_terms(pair: AlignedPair) -> list[Finding]:
    """The bead check with the bundled glossary only."""
    return term_findings(pair, bundled_glossary())


def glossary_check(paths: Iterable[Path | str] = ()) -> Callable[[AlignedPair], list[Finding]]:
    """The term check for the bundled glossary plus the files in ``paths``
    (read now: a bad file raises GlossaryError before any work is done)."""
    paths = list(paths)
    if not paths:
        return check_terms
    glossary = bundled_glossary()
    for p in paths:
        glossary = glossary + read_glossary(p)
    return make_term_check(glossary)
