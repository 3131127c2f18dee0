"""Checks through machine translation (``--translate``, optional extra).

The source side of each two-sided bead is translated into the target's
language with an installed Argos Translate pair, then

- meaning: the translation is compared with the target (sentence encoder);
  a bead far less similar than the rest of its pair (robust z-score) is
  reported -- the same calibration as the plain meaning check, but in one
  language, where the encoder is sharper;
- names: entities found in the translation (the target language's NER,
  e.g. English NER on a Chinese source) that the target does not contain.

Translation quality is whatever the installed model gives: findings from
this path carry lower confidence."""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..langs import latin_letters
from ..mentions.entities import match_entities
from ..mentions.names import appears_in, fuzzy_in
from ..records import Finding, Mention
from .pair import AlignedPair, make_finding, median_mad, quote, robust_z
from .thresholds import thresholds


def _name_evidence(p: AlignedPair, m: Mention) -> list:
    """Evidence of a name a translation of the source gives: the source's
    own name for it (普京 for Putin, mentions.entities.match_entities) with
    its offsets, the passages as context; the source passage itself when
    the source names it in no form the mentions stage found."""
    own = next((s for s in p.src.mentions if s.kind == "entity" and match_entities(s, m).relation == "same"), None)
    if own is None:
        return [p.src.evidence(value=m.text), p.tgt.evidence(role="context")]
    return [p.src.mention_evidence(own, m.text), p.src.evidence(role="context"), p.tgt.evidence(role="context")]


def translation_findings(
    pairs: list[AlignedPair],
    get_translator: Callable,
    encoder,
    extract: Callable[[str, str], list[Mention]],
) -> list[Finding]:
    th = thresholds()
    two = [p for p in pairs if not p.src.empty and not p.tgt.empty and p.src.lang != p.tgt.lang]
    if not two:
        return []
    by_langs: dict[tuple[str, str], list[AlignedPair]] = {}
    for p in two:
        by_langs.setdefault((p.src.lang, p.tgt.lang), []).append(p)
    translations: dict[int, str] = {}
    for (sl, tl), ps in sorted(by_langs.items()):
        translator = get_translator(sl, tl)  # UserError naming `argospm install ...` when missing
        for p, t in zip(ps, translator.translate([p.src.text for p in ps])):
            translations[id(p)] = t
    mts = [translations[id(p)] for p in two]
    a = np.asarray(encoder.encode(mts), dtype="float32")
    b = np.asarray(encoder.encode([p.tgt.text for p in two]), dtype="float32")
    sims = (a * b).sum(axis=1)
    # the spread of similarities per language pair and direction, as the plain meaning check
    by_dir: dict[tuple[str, str], list[float]] = {}
    for p, sim in zip(two, sims.tolist()):
        by_dir.setdefault((p.src.lang, p.tgt.lang), []).append(sim)
    centre = {k: median_mad(v) for k, v in by_dir.items()}
    findings: list[Finding] = []
    for p, mt, sim in zip(two, mts, sims.tolist()):
        med, mad = centre[p.src.lang, p.tgt.lang]
        z = robust_z(sim, med, mad)
        if len(by_dir[p.src.lang, p.tgt.lang]) >= th["meaning_min_beads"] and z <= th["meaning_robust_z"] \
                and sim < th["meaning_max_similarity"] + 0.2:
            expl = (f"A machine translation of the {p.label(p.src)} ({quote(mt, 50)}) reads quite "
                    f"differently from the {p.label(p.tgt)} {quote(p.tgt.text, 50)}.")
            findings.append(make_finding(p, "meaning", "mt_disagrees", "low", 0.45,
                                         [p.src.evidence(), p.tgt.evidence()], expl))
        for m in extract(mt, p.tgt.lang):
            if m.kind != "entity" or m.type not in ("PER", "ORG", "LOC", "PRODUCT") or not latin_letters(m.text):
                continue
            if appears_in(m.text, p.tgt.text) or (fuzzy_in(m.text, p.tgt.text) or 0) >= 85:
                continue
            if appears_in(m.text, p.src.text):
                continue  # a Latin name of the source itself: the plain entity check covers it
            expl = (f"A machine translation of the {p.label(p.src)} names {quote(m.text)}, which the "
                    f"{p.label(p.tgt)} does not mention.")
            findings.append(make_finding(p, "entity", "missing_per_mt", "low", 0.4, _name_evidence(p, m), expl))
    return findings
