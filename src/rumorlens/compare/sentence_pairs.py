"""Checking sentence pairs in bulk (``rumorlens check-pairs``): every row is
a one-bead pair, and the rows of one file in one language direction stand
for one document pair, so the meaning and length checks calibrate against
the distribution of the file's rows of the same direction (zh->en rows
never against fr->en ones).
"""
from __future__ import annotations

import json
import logging
import unicodedata
from typing import Any, Callable, Optional

import numpy as np

from ..langs import HANDLED, LATIN_SCRIPT, base_language, is_han
from ..records import ClaimProfile, Finding, Mention
from .driver import BEAD_CHECKS, merge_findings, pair_stats
from .omission import check_one_sided
from .pair import AlignedPair, PairStats, Side
from .phrasesim import PhraseSimilarity
from .thresholds import thresholds

log = logging.getLogger("rumorlens")


def _side(name: str, text: str, lang: str, mentions: list[Mention]) -> Side:
    return Side(doc_id=name, path="", lang=lang, doc_text=text, start=0, end=len(text),
                sentence_ids=[], mentions=mentions)


def _span(f: Finding, name: str, text_len: int) -> Optional[list[int]]:
    """The first evidence on side ``name`` narrower than the whole row, else the whole row."""
    spans = [(e.start, e.end) for e in f.evidence if e.doc == name]
    if not spans:
        return None
    narrow = [s for s in spans if s != (0, text_len)]
    return list((narrow or spans)[0])


def finding_row(f: Finding, src_len: int, tgt_len: int) -> dict:
    return {"category": f.category, "type": f.type, "severity": f.severity, "confidence": f.confidence,
            "explanation": f.explanation, "src_span": _span(f, "src", src_len),
            "tgt_span": _span(f, "tgt", tgt_len)}


def _detected(detect, text: str, key: str) -> str:
    """The detected language of a row's text, or ValueError naming the field
    when it is not one rumorlens reads (German text, digits only: the
    detector says 'de', 'und' or 'und-latn')."""
    lang = detect(text)
    if lang not in HANDLED:
        # named as `rumorlens align` names a skipped file's language ('German (de)'); 'und-latn' is no name
        from ..ingest import language_name

        if lang.startswith("und"):
            raise ValueError(f"could not tell the language of '{key}' as one of {', '.join(HANDLED)}; "
                             f"give '{key}_lang'")
        raise ValueError(f"'{key}' reads as {language_name(lang)}, a language rumorlens does not read "
                         f"({', '.join(HANDLED)}); give '{key}_lang' if that is wrong")
    return lang


def _script_fits(key: str, text: str, lang: str) -> None:
    """ValueError when a row's language code says French or English and
    most of its letters are Chinese characters, or says Chinese and none
    are: a wrong code changes every check's reading (a break test, session
    41: 320名 labelled 'en' turned a high scale error into a low added
    number), so the row is refused with the reason."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return
    han = sum(1 for c in letters if is_han(c)) / len(letters)
    if (lang != "zh" and han > 0.5) or (lang == "zh" and han == 0):
        written = "is written in Chinese characters" if han > 0.5 else "has no Chinese characters"
        raise ValueError(f"'{key}_lang' is {lang!r} but '{key}' {written}: check the row's language codes (or leave "
                         f"them out to have them detected)")


# letters a French or English side needs before its detected language may
# overrule the row's code: a short line ('OK', a name) reads as anything
_MIN_LETTERS_TO_CONTRADICT = 40


def _latin_language_fits(key: str, text: str, lang: str, detect) -> None:
    """ValueError when a row's code says French and its text reads as
    English, or the reverse, with at least _MIN_LETTERS_TO_CONTRADICT
    letters: swapped columns read '1,500' as 1.5 and gave a high number
    finding (a fresh user's break test, session 48)."""
    if lang not in LATIN_SCRIPT or sum(c.isalpha() for c in text) < _MIN_LETTERS_TO_CONTRADICT:
        return
    found = detect(text)
    if found in LATIN_SCRIPT and found != lang:
        raise ValueError(f"'{key}_lang' is {lang!r} but '{key}' reads as {found!r}: check the row's language codes "
                         f"(or leave them out to have them detected)")


# A row is one segment: a side longer than this is refused with its reason.
# The checks run the whole side through spaCy, LAC and the encoder at once
# (a break trial's 96,000-character row took 224 s and 2.1 GB, a 384,000-
# character one passed 8.9 GB); align cuts documents into units of at most
# segment.MAX_UNIT_CHARS, and the longest segment of the sample corpus, the
# DEMETR rows and the XLIFF tests is under 2,000 characters.
MAX_ROW_CHARS = 10_000


def _blank(text: str) -> bool:
    """Nothing but white space and invisible format characters (a byte-order
    mark, zero-width spaces: Unicode category Cf), as a session 52 break
    test's row of U+3000 and U+FEFF."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def _row_pair(row: Any, extract, detect, profile: Optional[Callable[[str, str], ClaimProfile]] = None) -> AlignedPair:
    """A one-bead pair of a parsed row with its mentions (and, with
    ``profile``, its claim profiles), its languages detected when absent;
    ValueError saying what is wrong with a row that cannot be checked."""
    if isinstance(row, json.JSONDecodeError):  # its column only: the line is the file's, named by the caller
        raise ValueError(f"not JSON: {row.msg} (character {row.colno})")
    if isinstance(row, Exception):
        raise ValueError(f"not JSON: {row}")
    if not isinstance(row, dict):
        raise ValueError("a row must be a JSON object")
    for key in ("src", "tgt"):
        if not isinstance(row.get(key), str):
            raise ValueError(f"missing or non-text '{key}'")
        if _blank(row[key]):
            raise ValueError(f"empty '{key}': nothing to check")
        if len(row[key]) > MAX_ROW_CHARS:
            raise ValueError(f"'{key}' is {len(row[key]):,} characters long: a row is one segment (at most "
                             f"{MAX_ROW_CHARS:,}); split it, or compare whole documents with `rumorlens align`")
    src, tgt = row["src"], row["tgt"]
    langs = {}
    for key in ("src_lang", "tgt_lang"):
        code = row.get(key)
        langs[key] = base_language(code) if isinstance(code, str) else None  # fr-FR, en_US, FR: fr, en
        if code and langs[key] is None:
            raise ValueError(f"unknown language code {code!r} in '{key}' (rumorlens reads {', '.join(HANDLED)}, "
                             f"with or without a region: fr-FR)")
    sl = langs["src_lang"] or _detected(detect, src, "src")
    tl = langs["tgt_lang"] or _detected(detect, tgt, "tgt")
    for key, text, lang in (("src", src, sl), ("tgt", tgt, tl)):
        _script_fits(key, text, lang)
        if langs[f"{key}_lang"] is not None:
            _latin_language_fits(key, text, lang, detect)
    pair = AlignedPair(src=_side("src", src, sl, extract(src, sl)),
                       tgt=_side("tgt", tgt, tl, extract(tgt, tl)), bead=None)
    if profile is not None:
        pair.src.claims, pair.tgt.claims = [profile(src, sl)], [profile(tgt, tl)]
    return pair


def _set_similarities(pairs: list[AlignedPair], encoder) -> None:
    """Each row's sentence similarity, and the phrase similarity the entity
    check uses (the rows' own vectors serve it: they are encoded once)."""
    src_vecs = np.asarray(encoder.encode([p.src.text for p in pairs]), dtype="float32")
    tgt_vecs = np.asarray(encoder.encode([p.tgt.text for p in pairs]), dtype="float32")
    sims = (src_vecs * tgt_vecs).sum(axis=1)
    known = {p.src.text: v for p, v in zip(pairs, src_vecs)}
    known.update((p.tgt.text, v) for p, v in zip(pairs, tgt_vecs))
    psim = PhraseSimilarity(encoder, known)
    for p, sim in zip(pairs, sims):
        p.similarity = float(sim)
        p.phrase_similarity = psim


def _stats_by_direction(pairs: list[AlignedPair], with_similarity: bool) -> dict[tuple[str, str], PairStats]:
    """The file's statistics (similarity and length-ratio median and spread)
    per language pair and direction: zh->en rows are never judged against
    the lengths of fr->en rows, so a row gets the same findings alone as in
    a file that mixes directions.  Without an encoder, only the length
    statistics (they still calibrate the omission check)."""
    groups: dict[tuple[str, str], list[AlignedPair]] = {}
    for p in pairs:
        groups.setdefault((p.src.lang, p.tgt.lang), []).append(p)
    out = {}
    for key, ps in groups.items():
        st = pair_stats(ps)
        out[key] = st if with_similarity else PairStats(n=st.n, length_ratio_median=st.length_ratio_median,
                                                         length_ratio_mad=st.length_ratio_mad)
    return out


def check_rows(
    rows: list[Any],
    *,
    extract: Callable[[str, str], list[Mention]],
    detect: Callable[[str], str],
    encoder=None,
    get_translator=None,
    profile: Optional[Callable[[str, str], ClaimProfile]] = None,
    checks=BEAD_CHECKS,
) -> list[dict]:
    """One output dict per input row, in order.  ``rows`` are parsed JSON
    values (or exceptions, for lines that did not parse).  ``profile(text,
    lang)`` is the claims stage's profile of one side (claim checks are
    skipped without it); it raises KeyError for a language it does not know.
    ``checks``: the bead checks (driver.bead_checks, for a user glossary),
    one-sided beads' excepted."""
    row_checks = tuple(c for c in checks if c is not check_one_sided)
    out: list[Optional[dict]] = [None] * len(rows)
    prepared: list[tuple[int, AlignedPair]] = []
    for k, row in enumerate(rows):
        try:
            pair = _row_pair(row, extract, detect, profile)
            prepared.append((k, pair))
            out[k] = {"id": row.get("id"), "src_lang": pair.src.lang, "tgt_lang": pair.tgt.lang, "findings": []}
        except Exception as exc:  # the run goes on; the row says why it was not checked
            rid = row.get("id") if isinstance(row, dict) else None
            msg = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
            out[k] = {"id": rid, "error": msg, "findings": []}
    if encoder is not None and prepared:
        _set_similarities([p for _, p in prepared], encoder)
    stats = _stats_by_direction([p for _, p in prepared], with_similarity=encoder is not None)
    extra: dict[int, list[Finding]] = {}
    if get_translator is not None and encoder is not None and prepared:
        from .translated import translation_findings

        for f in translation_findings([p for _, p in prepared], get_translator, encoder, extract):
            for k, p in prepared:
                if f.evidence[0].text == p.src.text and f.evidence[-1].text == p.tgt.text:
                    extra.setdefault(k, []).append(f)
                    break
    th = thresholds()
    for k, pair in prepared:
        pair.stats = stats[pair.src.lang, pair.tgt.lang]
        try:
            findings = list(extra.get(k, []))
            for check in row_checks:
                findings.extend(check(pair))
            if encoder is not None and pair.similarity < th["meaning_floor_single"] and not any(
                f.category == "meaning" for f in findings
            ):
                from .meaning import single_pair_meaning

                findings.extend(single_pair_meaning(pair))
            findings = merge_findings(findings, {"src": pair.src.text, "tgt": pair.tgt.text})
            out[k]["findings"] = [finding_row(f, len(pair.src.text), len(pair.tgt.text)) for f in findings]
        except Exception as exc:
            log.debug("row %s failed", out[k].get("id"), exc_info=True)
            out[k]["error"] = f"{type(exc).__name__}: {exc}"
            out[k]["findings"] = []
    return out  # type: ignore[return-value]
