"""Entity checks: a name missing, replaced, misspelled (Lex Fidman / Lex
Fridman), or translated as a common word (Gemini rendered "Gémeaux").

Names are paired by the mentions stage's ``match_entities`` (gazetteer,
pinyin, spelling), then by the verbatim text, then -- for names in two
scripts -- by phrase similarity from the sentence encoder when the driver
provides it.  A Latin-script name written in one version and absent from
the other is the strongest signal: names are rarely translated away."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Optional

from rapidfuzz import fuzz

from ..mentions.entities import entity_key, match_entities, near_spelling
from ..records import Finding, Mention
from .pair import AlignedPair, Side, make_finding, quote
from .thresholds import thresholds

_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*(?:[ ·][A-Z0-9][A-Za-z0-9.\-]*)*")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s.casefold()).strip()


def _content(folded: str) -> str:
    """A folded name without its function words (de, of, the)."""
    return " ".join(w for w in folded.split() if w not in _NOT_NAMES)


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
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
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


@functools.lru_cache(maxsize=None)
def _title_words() -> frozenset:
    from ..mentions import lexicon

    rules = lexicon.load("entity_rules")
    return frozenset(w.casefold() for w in rules.get("title_words", []) + rules.get("calendar_words", []))


def only_titles(text: str) -> bool:
    """A capitalized run made only of titles (Speaker, Prime Minister) or of
    day and month names (Tuesday) is not a name."""
    words = [w.casefold() for w in _WORD.findall(text) if w.casefold() not in _NOT_NAMES]
    return bool(words) and all(w in _title_words() for w in words)


_ROMAN = re.compile(r"[IVXLC]+(?:e|er|ème)?(?:[–-][IVXLC]+(?:e|er|ème)?)?")


def _junk(m: Mention, side: Side) -> bool:
    """NER noise: MISC labels in French/English (nationalities, "Christian")
    that are not known names; roman numerals ("Xe–XIe" siècle)."""
    if _ROMAN.fullmatch(m.text.strip()) or only_titles(m.text):
        return True
    if m.type == "MISC" and side.lang in _LATIN_LANGS and m.canonical is None:
        return True
    return False


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
        text_, end = m.group(), m.end()
        if text_.endswith(".") and not re.search(r"\.\w+\.$|^\w\.$", text_):
            text_, end = text_[:-1], end - 1  # the sentence's full stop, not U.S.
        out.append((side.start + m.start(), side.start + end, text_))
    return out


def _run_mentions(side: Side, mentions: list[Mention]) -> list[Mention]:
    out = []
    for s, e, text in latin_runs(side):
        if any(m.start < e and s < m.end for m in mentions) or only_titles(text):
            continue
        out.append(Mention(doc_id=side.doc_id, start=s, end=e, text=text, lang=side.lang, kind="entity",
                           type="MISC", attrs={"source": "capitalized"}))
    return out


def _without(side: Side, m: Mention) -> str:
    t = side.text
    return t[: m.start - side.start] + t[m.end - side.start :]


def _unsupported(pair, src, tgt, cand_s, cand_t, sim, th):
    """Which names did not make it across?  A name is gone when the other
    version gives it little support (not written, no gazetteer form, no
    close spelling, no transliteration that sounds like it: see
    ``name_support``) *and* removing it does not make the two versions less
    alike (a name rendered in a way support cannot see -- translated, as
    Supreme Commander for 最高统帅 -- carries meaning both sides share)."""
    base = sim(pair.src.text, pair.tgt.text)
    gone_s, gone_t = [], []
    for i in cand_s:
        a = src[i]
        score, _ = name_support(a.text, pair.tgt)
        if score >= th["entity_support_source"]:
            continue
        if sim(_without(pair.src, a), pair.tgt.text) - base > th["entity_unsupported_gain_source"]:
            gone_s.append(i)
    for j in cand_t:
        b = tgt[j]
        if b.type == "MISC" and b.attrs.get("source") != "capitalized" and b.canonical is None \
                and not _strong(b, pair.tgt, pair.src):
            continue
        score, _ = name_support(b.text, pair.src)
        if score >= th["entity_support_target"]:
            continue
        # a capitalized run no NER model took for a name is more often a
        # translated title (Best Costume Design): it must cost more
        key = "entity_unsupported_gain_run" if b.attrs.get("source") == "capitalized" else "entity_unsupported_gain_target"
        if sim(pair.src.text, _without(pair.tgt, b)) - base > th[key]:
            gone_t.append(j)
    return gone_s, gone_t


def _unrendered_by_rules(pair, src, tgt, left_s, left_t, matched_t):
    """Without an encoder: Latin names where they should stay Latin; a
    Chinese name against a French/English passage that names nobody else."""
    gone_s = [i for i in left_s if _strong(src[i], pair.src, pair.tgt)]
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
    # the small NER models miss names (Californie, l'ONU, Arctic Monkeys):
    # capitalized runs of a French or English side count too
    if pair.src.lang in _LATIN_LANGS:
        src += _run_mentions(pair.src, pair.src.mentions)
    if pair.tgt.lang in _LATIN_LANGS:
        tgt += _run_mentions(pair.tgt, pair.tgt.mentions)
    if not src and not tgt:
        return []
    findings: list[Finding] = []
    matched_s: set[int] = set()
    matched_t: set[int] = set()
    cross_latin = pair.src.lang != pair.tgt.lang and pair.src.lang in _LATIN_LANGS and pair.tgt.lang in _LATIN_LANGS

    # 1. the mentions stage's verdicts: same, misspelled, mistranslated
    verdict = {(i, j): match_entities(a, b) for i, a in enumerate(src) for j, b in enumerate(tgt)}
    order = {"same": 0, "mistranslated": 1, "misspelled": 2}
    for (i, j), v in sorted(verdict.items(), key=lambda kv: (order.get(kv[1].relation, 9), kv[0])):
        if v.relation not in order or i in matched_s or j in matched_t:
            continue
        matched_s.add(i)
        matched_t.add(j)
        a, b = src[i], tgt[j]
        if v.relation == "same":
            continue
        ev = [pair.src.mention_evidence(a, entity_key(a)), pair.tgt.mention_evidence(b, entity_key(b))]
        if v.relation == "misspelled":
            fa, fb = _fold(a.text), _fold(b.text)
            if fa in fb or fb in fa or _content(fa) == _content(fb):
                continue  # "Point Marion" / "Point Marion to", "Athletico de Kolkata": not a spelling
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
        if not is_latin_name(a.text) or len(a.text) < 3:
            continue
        for j in list(left_t):
            b = tgt[j]
            if is_latin_name(b.text) and _fold(a.text) != _fold(b.text) and (
                    80 <= fuzz.ratio(_fold(a.text), _fold(b.text)) or near_spelling(a.text, b.text)):
                left_s.remove(i)
                left_t.remove(j)
                if cross_latin and "PER" not in (a.type, b.type) or _fold(a.text) in _fold(b.text) \
                        or _fold(b.text) in _fold(a.text):
                    break  # Singapour / Singapore
                ev = [pair.src.mention_evidence(a, entity_key(a)), pair.tgt.mention_evidence(b, entity_key(b))]
                expl = (f"The name {quote(a.text)} is spelled {quote(b.text)} in the "
                        f"{pair.label(pair.tgt)} version.")
                findings.append(make_finding(pair, "entity", "misspelled", "medium", 0.7, ev, expl))
                break

    if sim is not None:
        gone_s, gone_t = _unsupported(pair, src, tgt, sorted(set(left_s) | weak_s),
                                      sorted(set(left_t) | weak_t), sim, th)
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
        ev = [pair.src.mention_evidence(a, entity_key(a)), pair.tgt.mention_evidence(b, entity_key(b))]
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
                                         [side.mention_evidence(m, entity_key(m)), other.evidence()], expl))
    return findings


# --------------------------------------------------------------------------
# support: is a name rendered in the other version?  Written the same, a
# gazetteer name or related form of the same entity (中国 / China / Chinese),
# a spelling variant (Singapour / Singapore), or a transliteration whose
# sounds match (普京 / Putin, 休斯敦 / Houston).

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# generic heads a Chinese name carries and a translation renders as a word
# (塞阿拉州 = the state of Ceará, 马略卡岛 = Mallorca island)
_HAN_GENERIC_TAIL = re.compile(r"(?:州|省|市|县|区|岛|群岛|山|河|江|湖|海|社|大学|公司|集团|银行|社区|镇|村|国)$")


@functools.lru_cache(maxsize=65536)
def _syllables(han: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(re.sub(r"[^a-z]", "", s.lower()) for s in lazy_pinyin(han))


_PINYIN_INITIAL = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$")
_PY_CLASS = {"b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "j": "S", "q": "S", "x": "S", "z": "S",
             "c": "S", "s": "S", "zh": "S", "ch": "S", "sh": "S", "l": "L", "r": "L", "m": "M", "n": "N", "f": "F",
             "w": "F", "h": "", "y": ""}
_EN_CLASS = {"b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "c": "K", "q": "K", "j": "S", "s": "S",
             "z": "S", "x": "S", "l": "L", "r": "L", "m": "M", "n": "N", "f": "F", "v": "F", "w": "F"}


def pinyin_code(syllables) -> str:
    """Consonant skeleton of pinyin syllables in coarse sound classes
    (b/p, d/t, g/k, sibilants, l/r, m, n, f/w); a final n/ng and the
    syllable 'er' (rendering an r or l) count."""
    out = []
    for syl in syllables:
        if syl == "er":
            out.append("L")
            continue
        ini, rest = _PINYIN_INITIAL.match(syl).groups()
        if ini:
            out.append(_PY_CLASS[ini])
        if rest.endswith("n") or rest.endswith("ng"):
            out.append("N")
    return _collapse("".join(out))


def latin_code(word: str) -> str:
    """The same sound classes for a Latin-script spelling."""
    w = re.sub(r"[^a-z]", "", _fold(word))
    for a, b in (("tch", "s"), ("ph", "f"), ("th", "t"), ("ch", "s"), ("sh", "s"), ("ck", "k"), ("qu", "k"),
                 ("gh", "")):
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w)
    return _collapse("".join(_EN_CLASS.get(c, "") for c in w))


def _collapse(code: str) -> str:
    return re.sub(r"(.)\1+", r"\1", code)


def transliteration_score(latin: str, syllables) -> float:
    """How well Chinese syllables transliterate a Latin word (0-1): the
    better of letter similarity to the pinyin and sound-class similarity."""
    lat = re.sub(r"[^a-z]", "", _fold(latin))
    py = "".join(syllables)
    if len(lat) < 3 or len(py) < 2:
        return 0.0
    if py == lat or (len(py) >= 5 and lat.startswith(py)):
        return 1.0  # Chongqing, Xinhua: Chinese romanized as pinyin
    best = fuzz.ratio(lat, py) / 100.0
    lc, pc = latin_code(lat), pinyin_code(syllables)
    if len(lc) >= 2 and len(pc) >= 2:
        best = max(best, fuzz.ratio(lc, pc) / 100.0 - 0.05 * (min(len(lc), len(pc)) < 3))
    return best


@functools.lru_cache(maxsize=4096)
def _han_windows(text: str, longest: int = 5) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every run of 1..``longest`` Chinese characters of ``text`` with its syllables."""
    out = []
    for run in _HAN_RUN.findall(text):
        syl = _syllables(run)
        for n in range(1, longest + 1):
            for k in range(len(run) - n + 1):
                out.append((run[k : k + n], syl[k : k + n]))
    return tuple(out)


def _gazetteer_verdict(name: str, other: Side) -> Optional[bool]:
    """Does ``other`` carry the entity ``name`` is a name (or related form)
    of?  None when the gazetteer does not know how the entity is written in
    the other version's language (then spelling and sound decide)."""
    from ..mentions import gazetteer as gz

    g = gz.load()
    ids = g.ids_of(name)
    if not ids:
        return None
    text = other.text
    ftext = " " + _fold(text) + " "
    known = False
    for eid in ids:
        for a in g.forms(eid):
            if a.lang == other.lang:
                known = True
            if re.search(r"[\u4e00-\u9fff]", a.name):
                if a.name in text:
                    return True
            elif a.name.isupper() and len(a.name) <= 4:
                if re.search(r"(?<![\w.])" + re.escape(a.name) + r"(?![\w])", text):
                    return True  # US, UN, EU: case matters ("us")
            elif f" {_fold(a.name)} " in ftext:
                return True
    return False if known else None


@functools.lru_cache(maxsize=None)
def _translit_chars() -> frozenset:
    from ..mentions import lexicon

    return frozenset(lexicon.load("entity_rules").get("transliteration_chars", ""))


def _sound_windows(other: Side) -> list[tuple[str, tuple[str, ...]]]:
    """Chinese windows that may stand for a foreign name by sound: inside a
    name the Chinese NER found, or made of transliteration characters."""
    names = [m.text for m in other.mentions if m.kind == "entity"]
    chars = _translit_chars()
    out = []
    for w, syl in _han_windows(other.text):
        if any(w in n for n in names) or sum(c not in chars for c in w) == 0:
            out.append((w, syl))
    return out


def _name_tokens(name: str) -> list[str]:
    return [w for w in _WORD.findall(name) if len(w) >= 3 and w.casefold() not in _NOT_NAMES]


def _vowel_groups(word: str) -> int:
    return max(1, len(re.findall(r"[aeiouy]+", _fold(word))))


def name_support(name: str, other: Side) -> tuple[float, str]:
    """How strongly ``other`` carries the name (0-1) and how: 'written',
    'gazetteer', 'spelling' or 'sound'.  A multi-word name is carried when
    any of its words is (Vladimir Putin / 普京).  A name the gazetteer knows
    is judged by the gazetteer alone (Europe / 欧洲, not sound-alikes)."""
    if appears_in(name, other.text):
        return 1.0, "written"
    verdict = _gazetteer_verdict(name, other)
    if verdict is not None:
        return (1.0, "gazetteer") if verdict else (0.0, "gazetteer")
    latin = is_latin_name(name)
    words = []
    for w in (_name_tokens(name) if latin else []):
        v = _gazetteer_verdict(w, other)
        if v:
            return 1.0, "gazetteer"
        if v is None:
            words.append(w)
    best, how = 0.0, ""
    if latin and other.lang in _LATIN_LANGS:
        others = [_fold(t) for t in _WORD.findall(other.text) if len(t) >= 3]
        for w in words:
            fw = _fold(w)
            for t in others:
                s = fuzz.ratio(fw, t) / 100.0
                if s > best:
                    best, how = s, "spelling"
    elif latin and other.lang == "zh":
        latin_in_other = " " + _fold(" ".join(re.findall(r"[A-Za-z][A-Za-z0-9.\-]*", other.text))) + " "
        windows = _sound_windows(other)
        romanized = {"".join(syl) for _, syl in _han_windows(other.text) if len(syl) >= 2}
        for w in words:
            if f" {_fold(w)} " in latin_in_other:
                return 1.0, "written"
            if re.sub(r"[^a-z]", "", _fold(w)) in romanized:
                return 1.0, "sound"  # Chongqing, Xiangtan: the Chinese romanized as pinyin
            v = _vowel_groups(w)
            for _, syl in windows:
                if not (max(1, v - 1) <= len(syl) <= v + 2):
                    continue
                s = transliteration_score(w, syl)
                if s > best:
                    best, how = s, "sound"
    elif not latin and other.lang in _LATIN_LANGS:
        han = "".join(_HAN_RUN.findall(name))
        core = _HAN_GENERIC_TAIL.sub("", han) or han
        if not core:
            return 0.0, ""
        folded = _fold(other.text).replace(" ", "")
        py = "".join(_syllables(core))
        if len(py) >= 4 and py in folded:
            return 1.0, "sound"
        toks = [p for t in _WORD.findall(other.text) if t[:1].isupper() for p in t.split("-") if p]
        cands = set(toks) | {f"{a} {b}" for a, b in zip(toks, toks[1:])}
        for c in sorted(cands):
            if len(c) < 3:
                continue
            s = transliteration_score(c, _syllables(core))
            if s > best:
                best, how = s, "sound"
    return best, how
