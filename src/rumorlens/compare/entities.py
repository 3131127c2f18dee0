"""Entity checks: a name missing, replaced, misspelled (Lex Fidman / Lex
Fridman), or translated as a common word (Gemini rendered "Gémeaux").

Names are paired by the mentions stage's ``match_entities`` (gazetteer,
pinyin, spelling), then by the verbatim text, then -- for names in two
scripts -- by phrase similarity from the sentence encoder when the driver
provides it.  A Latin-script name written in one version and absent from
the other is the strongest signal: names are rarely translated away."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from rapidfuzz import fuzz

from ..records import Finding, Mention
from .pair import AlignedPair, Side, lang_name, make_finding, quote
from .thresholds import thresholds

_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*(?:[ ·][A-Z0-9][A-Za-z0-9.\-]*)*")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s.casefold()).strip()


def is_latin_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


_LATIN_LANGS = ("fr", "en")
# capitalized words that are not names (sentence openers, pronouns)
_NOT_NAMES = frozenset("""
a an and as at but by during for from he her his i if in it its of on or our she that the their these they this
those to we when while with you after before however also
au aux ce cette ces dans de des du elle elles en et il ils je la le les leur mais nous on ou par pour quand sur
un une vous selon après avant puis ainsi alors
""".split())
_CAP_TOKEN = re.compile(r"[A-ZÀ-Þ][\w'’.\-]*")


def latin_candidates(text: str) -> list[str]:
    """Capitalized words of a Latin-script text and their runs of up to three
    (where a name translated from Chinese is likely to sit)."""
    toks = [(m.start(), m.end()) for m in _CAP_TOKEN.finditer(text) if m.group().casefold() not in _NOT_NAMES]
    out: set[str] = set()
    for i in range(len(toks)):
        for j in range(i, min(i + 3, len(toks))):
            gap = text[toks[j - 1][1] : toks[j][0]] if j > i else ""
            if j > i and not re.fullmatch(r"\s+(?:(?:of|the|de|du|des|la|le|and|et|d')\s+)?", gap):
                break
            out.add(text[toks[i][0] : toks[j][1]])
    return sorted(out)


def _pinyin_of(text: str) -> str:
    from pypinyin import lazy_pinyin

    return re.sub(r"[^a-z]", "", "".join(lazy_pinyin(text)).casefold())


def _skeleton(s: str) -> str:
    return re.sub(r"[aeiouy]", "", s)


def sounds_alike(han: str, latin: str) -> bool:
    """A Chinese transliteration and a Latin name (格雷琴·惠特默 / Gretchen
    Whitmer, 帕利 / Parly): pinyin against the spelling, letters or consonant
    skeletons.  Measured on hand pairs: true pairs >= 55, unrelated <= 30."""
    py, lat = _pinyin_of(han), re.sub(r"[^a-z]", "", _fold(latin))
    if len(py) < 3 or len(lat) < 3:
        return False
    return max(fuzz.ratio(py, lat), fuzz.ratio(_skeleton(py), _skeleton(lat))) >= 55


def has_counterpart(m: Mention, other: Side, sim=None, threshold: float = 0.6) -> bool:
    """Is the name ``m`` (probably) rendered somewhere in ``other`` -- written the same,
    transliterated (pinyin), or translated (phrase similarity to a
    capitalized run of words)?"""
    if appears_in(m.text, other.text):
        return True
    toks = [t for t in _fold(m.text).split() if len(t) >= 3]
    if is_latin_name(m.text) and len(toks) >= 2:
        # most of its words are there, capitalized (a name, not "talk radio")
        caps = {_fold(w) for w in _CAP_TOKEN.findall(other.text)}
        present = sum(1 for t in toks if t in caps)
        if present / len(toks) > 0.5:
            return True
    if not is_latin_name(m.text) and other.lang in _LATIN_LANGS:
        py = _pinyin_of(m.text)
        folded = _fold(other.text).replace(" ", "")
        if len(py) >= 4 and py in folded:
            return True
        for cand in latin_candidates(other.text):
            if sounds_alike(m.text, cand):
                return True
        if sim is not None and m.type != "PER":  # person names: sound (pinyin) only
            for cand in latin_candidates(other.text):
                if sim(m.text, cand) >= threshold:
                    return True
    if is_latin_name(m.text) and other.lang == "zh" and len(_fold(m.text)) >= 4:
        # Haiti / 海地: the Chinese may transliterate a name its NER did not tag
        for run in re.findall(r"[\u4e00-\u9fff]+", other.text):
            for n in (2, 3, 4):
                for k in range(len(run) - n + 1):
                    py = _pinyin_of(run[k : k + n])
                    if fuzz.ratio(py, re.sub(r"[^a-z]", "", _fold(m.text))) >= 75:
                        return True
    if (is_latin_name(m.text) and other.lang in _LATIN_LANGS and other.lang != m.lang and sim is not None
            and m.type != "PER"):  # any two person names look alike to a sentence encoder
        # Malouines / Falklands, Chambre des représentants / House of Representatives
        for cand in latin_candidates(other.text):
            if sim(m.text, cand) >= threshold:
                return True
    return False


_ROMAN = re.compile(r"[IVXLC]+(?:e|er|ème)?(?:[–-][IVXLC]+(?:e|er|ème)?)?")


def _junk(m: Mention, side: Side) -> bool:
    """NER noise: MISC labels in French/English (nationalities, "Christian")
    that are not known names; roman numerals ("Xe–XIe" siècle)."""
    if _ROMAN.fullmatch(m.text.strip()):
        return True
    if m.type == "MISC" and side.lang in _LATIN_LANGS and m.canonical is None:
        return True
    return False


def _match(a: Mention, b: Mention):
    from ..mentions.entities import match_entities

    return match_entities(a, b)


def _key(m: Mention) -> str:
    try:
        from ..mentions.entities import entity_key

        return entity_key(m)
    except ImportError:
        return m.canonical or _fold(m.text)


def appears_in(name: str, text: str) -> bool:
    """The name (or, for a multi-word name, its last word, e.g. a surname) is
    written in ``text``, ignoring case and accents."""
    fname, ftext = _fold(name), " " + _fold(text) + " "
    if not fname:
        return True
    if f" {fname} " in ftext:
        return True
    if not is_latin_name(name):
        return fname.replace(" ", "") in ftext.replace(" ", "")
    return False


def _fuzzy_in(name: str, text: str) -> Optional[float]:
    """Best partial spelling similarity (0-100) of a Latin name inside text."""
    if not is_latin_name(name):
        return None
    return fuzz.partial_ratio(_fold(name), _fold(text))


def latin_runs(side: Side) -> list[tuple[int, int, str]]:
    """Maximal runs of capitalized words in a Latin-script side (absolute
    offsets), skipping a lone capitalized word that opens a sentence."""
    out = []
    text = side.text
    pat = re.compile(r"[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:(?:of|the|de|du|des|la|le|and|et)\s+)?[A-ZÀ-Þ][\w'’.\-]*)*")
    for m in pat.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        opening = m.start() == 0 or re.search(r"[.!?:«\"“]\s*$", before)
        if (opening and " " not in m.group()) or m.group().casefold() in _NOT_NAMES:
            continue
        out.append((side.start + m.start(), side.start + m.end(), m.group()))
    return out


def _run_mentions(side: Side, mentions: list[Mention]) -> list[Mention]:
    out = []
    for s, e, text in latin_runs(side):
        if any(m.start < e and s < m.end for m in mentions):
            continue
        out.append(Mention(doc_id=side.doc_id, start=s, end=e, text=text, lang=side.lang, kind="entity",
                           type="MISC", attrs={"source": "capitalized"}))
    return out


def _without(side: Side, m: Mention) -> str:
    t = side.text
    return t[: m.start - side.start] + t[m.end - side.start :]


def _unrendered_by_ablation(pair, src, tgt, left_s, left_t, weak_s, weak_t, sim, th):
    """Which names did not make it across?  Remove the name from its
    sentence: if the sentence becomes *more* like the other version, the
    other version does not carry it (a rendered name, even transliterated
    beyond recognition, makes the two sentences more alike)."""
    base = sim(pair.src.text, pair.tgt.text)
    gain_s = lambda i: sim(_without(pair.src, src[i]), pair.tgt.text) - base
    gain_t = lambda j: sim(pair.src.text, _without(pair.tgt, tgt[j])) - base
    gone_s = []
    for i in sorted(set(left_s) | weak_s):
        a = src[i]
        g = gain_s(i)
        if i in weak_s:
            ok = g >= th["entity_ablation_gain_weak"]
        elif _strong(a, pair.src, pair.tgt) and pair.src.lang == "zh":
            ok = g > th["entity_ablation_gain_latin_in_chinese"]  # CEP, OpenAI: kept as written
        elif _strong(a, pair.src, pair.tgt):
            ok = g > th["entity_ablation_gain_strong"]
        else:
            ok = g >= th["entity_ablation_gain"]
        if ok:
            gone_s.append(i)
    gone_t = []
    for j in sorted(set(left_t) | weak_t):
        b = tgt[j]
        if b.type == "MISC" and not _strong(b, pair.tgt, pair.src) and b.attrs.get("source") != "capitalized":
            continue
        g = gain_t(j)
        if j in weak_t:
            ok = g >= th["entity_ablation_gain_weak"]
        elif _strong(b, pair.tgt, pair.src):
            ok = g > th["entity_ablation_gain_strong"]
        else:
            ok = g >= th["entity_ablation_gain_added"]
        if ok:
            gone_t.append(j)
    return gone_s, gone_t


def _unrendered_by_rules(pair, src, tgt, left_s, left_t, matched_t, strong: bool = True):
    """Without an encoder: Latin names where they should stay Latin; a
    Chinese name against a French/English passage that names nobody else."""
    gone_s = [i for i in left_s if strong and _strong(src[i], pair.src, pair.tgt)]
    gone_t = [j for j in left_t if _strong(tgt[j], pair.tgt, pair.src)]
    if pair.src.lang == "zh" and pair.tgt.lang in _LATIN_LANGS:
        covered = [(tgt[j].start, tgt[j].end) for j in matched_t]
        runs = [r for r in latin_runs(pair.tgt)
                if not any(a <= r[0] < b for a, b in covered) and not appears_in(r[2], pair.src.text)]
        if not runs:
            gone_s += [i for i in left_s if i not in gone_s]
    return sorted(gone_s), gone_t


def _context_side(side: Side) -> Side:
    if side.context_start is None:
        return side
    return Side(side.doc_id, side.path, side.lang, side.doc_text, side.context_start, side.context_end,
                side.sentence_ids, side.mentions)


def _strong(m: Mention, side: Side, other: Side) -> bool:
    """A Latin-script name is expected verbatim on the other side when it sits
    in a Chinese text (names like CEP, OpenAI stay Latin in translation) or
    when both versions are in Latin-script languages."""
    return is_latin_name(m.text) and (side.lang == "zh" or other.lang in _LATIN_LANGS)


def check_entities(pair: AlignedPair) -> list[Finding]:
    if pair.src.empty or pair.tgt.empty:
        return []
    th = thresholds()
    src = [m for m in pair.src.mentions if m.kind == "entity" and not _junk(m, pair.src)]
    tgt = [m for m in pair.tgt.mentions if m.kind == "entity" and not _junk(m, pair.tgt)]
    if pair.src.lang in _LATIN_LANGS and pair.tgt.lang in _LATIN_LANGS:
        # the small NER models miss names (Californie, l'ONU): capitalized runs count too
        src += _run_mentions(pair.src, pair.src.mentions)
        tgt += _run_mentions(pair.tgt, pair.tgt.mentions)
    if not src and not tgt:
        return []
    findings: list[Finding] = []
    matched_s: set[int] = set()
    matched_t: set[int] = set()
    cross_latin = pair.src.lang != pair.tgt.lang and pair.src.lang in _LATIN_LANGS and pair.tgt.lang in _LATIN_LANGS

    # 1. the mentions stage's verdicts: same, misspelled, mistranslated
    verdict = {(i, j): _match(a, b) for i, a in enumerate(src) for j, b in enumerate(tgt)}
    order = {"same": 0, "mistranslated": 1, "misspelled": 2}
    for (i, j), v in sorted(verdict.items(), key=lambda kv: (order.get(kv[1].relation, 9), kv[0])):
        if v.relation not in order or i in matched_s or j in matched_t:
            continue
        matched_s.add(i)
        matched_t.add(j)
        a, b = src[i], tgt[j]
        if v.relation == "same":
            continue
        ev = [pair.src.mention_evidence(a, _key(a)), pair.tgt.mention_evidence(b, _key(b))]
        if v.relation == "misspelled":
            fa, fb = _fold(a.text), _fold(b.text)
            if fa in fb or fb in fa:
                continue  # "Point Marion" / "Point Marion to": a span boundary, not a spelling
            if cross_latin and "PER" not in (a.type, b.type):
                continue  # Slovénie / Slovenia, Amazone / Amazon: a name in two languages, not a typo
            expl = (f"The name {quote(a.text)} is spelled {quote(b.text)} in the "
                    f"{pair.label(pair.tgt)} version: {v.explanation.rstrip('.')}.")
            findings.append(make_finding(pair, "entity", "misspelled", "medium", 0.75, ev, expl))
        else:
            expl = (f"The name {quote(a.text)} was translated as the ordinary word {quote(b.text)} "
                    f"in the {pair.label(pair.tgt)} version: {v.explanation.rstrip('.')}.")
            findings.append(make_finding(pair, "entity", "translated_as_word", "high", 0.85, ev, expl))

    # 2. names in two scripts: phrase similarity of the names
    sim = pair.phrase_similarity
    if sim is not None:
        cands = sorted((-sim(a.text, b.text), i, j) for i, a in enumerate(src) for j, b in enumerate(tgt)
                       if i not in matched_s and j not in matched_t)
        for negs, i, j in cands:
            if -negs < th["entity_phrase_same"]:
                break
            if i in matched_s or j in matched_t:
                continue
            if src[i].type == "PER" and tgt[j].type == "PER" and -negs < th["entity_phrase_same_person"]:
                continue  # any two person names look alike to a sentence encoder (Bush / Obama)
            matched_s.add(i)
            matched_t.add(j)

    # 3. names rendered in the other text although its NER did not tag them (weak matches)
    weak_s = {i for i in range(len(src)) if i not in matched_s and has_counterpart(src[i], pair.tgt, sim, th["entity_phrase_same"])}
    weak_t = {j for j in range(len(tgt)) if j not in matched_t and has_counterpart(tgt[j], pair.src, sim, th["entity_phrase_same"])}
    left_s = [i for i in range(len(src)) if i not in matched_s and i not in weak_s]
    left_t = [j for j in range(len(tgt)) if j not in matched_t and j not in weak_t]

    # 4. a misspelled Latin name that the mentions stage did not pair
    for i in list(left_s):
        a = src[i]
        if not is_latin_name(a.text) or len(a.text) < 4:
            continue
        for j in list(left_t):
            b = tgt[j]
            if is_latin_name(b.text) and 80 <= fuzz.ratio(_fold(a.text), _fold(b.text)) < 100:
                left_s.remove(i)
                left_t.remove(j)
                if cross_latin and "PER" not in (a.type, b.type) or _fold(a.text) in _fold(b.text) \
                        or _fold(b.text) in _fold(a.text):
                    break  # Singapour / Singapore
                ev = [pair.src.mention_evidence(a, _key(a)), pair.tgt.mention_evidence(b, _key(b))]
                expl = (f"The name {quote(a.text)} is spelled {quote(b.text)} in the "
                        f"{pair.label(pair.tgt)} version.")
                findings.append(make_finding(pair, "entity", "misspelled", "medium", 0.7, ev, expl))
                break

    if sim is not None:
        gone_s, gone_t = _unrendered_by_ablation(pair, src, tgt, left_s, left_t, weak_s, weak_t, sim, th)
        rule_s, _ = _unrendered_by_rules(pair, src, tgt, left_s, [], matched_t | weak_t, strong=False)
        base = sim(pair.src.text, pair.tgt.text)
        # an unexplained name on each side, of the same kind, neither of which
        # helps the two versions look alike: one replaced the other
        for i in left_s:
            if i in gone_s or src[i].type not in ("PER", "LOC", "ORG"):
                continue
            for j in left_t:
                if j in gone_t or tgt[j].type != src[i].type:
                    continue
                gs = sim(_without(pair.src, src[i]), pair.tgt.text) - base
                gt = sim(pair.src.text, _without(pair.tgt, tgt[j])) - base
                if min(gs, gt) >= th["entity_ablation_gain_pair"] and sim(src[i].text, tgt[j].text) < 0.3:
                    gone_s.append(i)
                    gone_t.append(j)
                    break
        gone_s.sort()
        gone_t.sort()
        # a common noun the Chinese NER took for a name (雏龙, 执政党) is translated,
        # and dropping it makes the versions less alike: keep only the others
        rule_s = [i for i in rule_s if sim(_without(pair.src, src[i]), pair.tgt.text) - base >= 0]
        gone_s = sorted(set(gone_s) | set(rule_s))
    else:
        gone_s, gone_t = _unrendered_by_rules(pair, src, tgt, left_s, left_t, matched_t)

    # names written in the neighbouring sentences: an alignment boundary, not a loss
    if pair.tgt.context_start is not None:
        ctx_t, ctx_s = _context_side(pair.tgt), _context_side(pair.src)
        gone_s = [i for i in gone_s if not (appears_in(src[i].text, ctx_t.text) or has_counterpart(src[i], ctx_t, None))]
        gone_t = [j for j in gone_t if not (appears_in(tgt[j].text, ctx_s.text) or has_counterpart(tgt[j], ctx_s, None))]

    # 5. pair what is gone on both sides (a replacement), the rest is missing / added
    for i in list(gone_s):
        a = src[i]
        cands = [j for j in gone_t if tgt[j].type == a.type] or list(gone_t)
        if not cands:
            continue
        j = min(cands, key=lambda j: abs((tgt[j].start - pair.tgt.start) / max(1, len(pair.tgt.text))
                                         - (a.start - pair.src.start) / max(1, len(pair.src.text))))
        b = tgt[j]
        gone_s.remove(i)
        gone_t.remove(j)
        strong = _strong(a, pair.src, pair.tgt) or _strong(b, pair.tgt, pair.src)
        ev = [pair.src.mention_evidence(a, _key(a)), pair.tgt.mention_evidence(b, _key(b))]
        expl = (f"Where the {pair.label(pair.src)} names {quote(a.text)}, the "
                f"{pair.label(pair.tgt)} names {quote(b.text)} instead.")
        findings.append(make_finding(pair, "entity", "replaced", "high", 0.8 if strong else 0.65, ev, expl))
    for side, other, idx, mentions, type_ in (
        (pair.src, pair.tgt, gone_s, src, "missing"),
        (pair.tgt, pair.src, gone_t, tgt, "added"),
    ):
        for k in idx:
            m = mentions[k]
            strong = _strong(m, side, other)
            conf = 0.8 if strong else 0.6
            severity = "high" if strong else "medium"
            if type_ == "missing":
                expl = (f"The name {quote(m.text)} in the {pair.label(side)} version does not "
                        f"appear in the matching {pair.label(other)} passage.")
            else:
                expl = (f"The name {quote(m.text)} appears in the {pair.label(side)} version but "
                        f"not in the matching {pair.label(other)} passage.")
            findings.append(make_finding(pair, "entity", type_, severity, conf,
                                         [side.mention_evidence(m, _key(m)), other.evidence()], expl))
    return findings
