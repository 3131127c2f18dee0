"""Number checks: a value that differs, a scale error (10^3, 10^4, 10^8), a
long-scale false friend, a changed unit or currency, an approximation dropped
or added, and a number present on one side only.

The cross-language judgement of two numbers (is 5 亿 "half a billion"?) is
the mentions stage's ``compare_numbers``; this module only pairs the numbers
of a bead and turns the verdicts into findings.

Two numbers are compared as figures only when they can be the same
statement's figure: in one clause group of the bead (``Bead.clauses``, see
rumorlens.clauses) and of the same role (``mentions.roles.number_role``: a
count, an ordinal, a number inside a name, part of a date).  Equal figures
pair anywhere in the bead -- that only says the figure is carried."""
from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Optional

import roman

from ..langs import HAN_RE, REFERENCE_MARKER_RE, URL_OR_TARGET_RE
from ..mentions import lexicon
from ..mentions.crossling import compare_numbers, from_base, in_base
from ..mentions.numbers import parse_digits
from ..mentions.roles import number_role
from ..lexicons.dictionaries import english_keys, gloss_keys, meaningful, zh_glosses, zh_text_keys
from ..lexicons.words import Word, word_lists, words
from ..records import Finding, Mention
from .change_level import check_change_level
from .pair import AlignedPair, make_finding, quote
from .thresholds import thresholds

# verdicts of compare_numbers that are a discrepancy, with (type, severity, confidence)
SUSPICIOUS = {
    "scale_error": ("scale_error", "high", 0.9),
    "false_friend": ("false_friend", "high", 0.85),
    "unit_changed": ("unit_changed", "medium", 0.7),
    "approx_changed": ("approximation_changed", "low", 0.5),
}

_DIGIT = re.compile(r"\d")


def _hidden_difference(pair: AlignedPair, a: Mention, b: Mention):
    """Two numbers judged the same estimate that still differ: the upper
    bound of a range (100 à 250 / 100 to 350), or two hedged figures with
    different values (330多 / more than 340)."""
    try:
        va, vb = float(a.value), float(b.value)
    except (TypeError, ValueError):
        return None
    ha, hb = a.value_high, b.value_high
    if ha is not None and hb is not None and abs(float(ha) - float(hb)) > 1e-9 * max(1.0, abs(float(ha))):
        expl = (f"The {pair.label(pair.src)} gives the range {quote(a.text)} but the "
                f"{pair.label(pair.tgt)} gives {quote(b.text)}: the upper bound changed.")
        return make_finding(pair, "number", "range_changed", "high", 0.75,
                            [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)
    # a fraction against a percentage (0.33 / 30%), metres against feet: judged in one unit already
    converted = a.unit and b.unit and a.unit != b.unit
    if a.approx and b.approx and va and a.type == b.type and not converted and abs(va - vb) / abs(va) > 0.01:
        expl = (f"The {pair.label(pair.src)} says {quote(a.text)} ({fmt_value(va)}) but the "
                f"{pair.label(pair.tgt)} says {quote(b.text)} ({fmt_value(vb)}): both are estimates, "
                f"yet not the same figure.")
        return make_finding(pair, "number", "value_changed", "medium", 0.6,
                            [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)
    return None


def _same_figure(a: Mention, b: Mention) -> bool:
    try:
        va, vb = float(a.value), float(b.value)
    except (TypeError, ValueError):
        return False
    return va == vb or (va and abs(va - vb) / abs(va) <= 0.01)


def _compatible_units(a, b) -> bool:
    from .cues import cue_lists

    for group in cue_lists().get("compatible_units", []):
        if a in group and b in group:
            return True
    return False


def fmt_value(v) -> str:
    if v is None:
        return "?"
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f == int(f) and abs(f) < 1e15:
        return f"{int(f):,}"
    return f"{f:,.6g}"


def _position(m: Mention, side_start: int, side_len: int) -> float:
    return (m.start - side_start) / max(1, side_len)


def _is_numeric_mention(m: Mention) -> bool:
    return m.kind == "number" and m.value is not None


def _covered_elsewhere(m: Mention, other_mentions: list[Mention], other_text: str) -> bool:
    """A number missing among the other side's numbers may still be there in
    another form: as a date (1985 / 1985年), or verbatim in the text."""
    try:
        v = float(m.value)
    except (TypeError, ValueError):
        return False
    if v == int(v):
        iv = str(int(v))
        for o in other_mentions:
            if o.kind == "date" and isinstance(o.value, str) and iv in o.value:
                return True
        digits = re.sub(r"\D", "", m.text)
        if len(digits) >= 2 and digits_written(digits, other_text):
            return True
        if digits_written(iv, other_text):
            return True
        clock_parts = {p.lstrip("0") or "0" for g in _GROUP.finditer(other_text) if ":" in g.group()
                       for p in g.group().split(":") if p}
        if iv in clock_parts:
            return True  # 15 and 50 of 15:50
        if any(_roman(r) == int(v) for r in re.findall(r"\b[IVXLC]+(?=e\b|er\b|ème\b|\b)", other_text)):
            return True  # "Xe siècle" / "10th century"
    return False


def _roman(s: str) -> int:
    """The value of a Roman numeral (the ``roman`` package), 0 when ill-formed."""
    try:
        return roman.fromRoman(s)
    except roman.InvalidRomanNumeralError:
        return 0


def _hedged_nearby(m: Mention, side) -> bool:
    """An approximation word written just before or after the number, which
    the mention's span did not take in ("au moins 100 à 250"); the words are
    models/lexicons/approx.json's "nearby" lists."""
    cues = lexicon.load("approx")["nearby"]
    before = side.doc_text[max(side.start, m.start - 20) : m.start].casefold()
    after = side.doc_text[m.end : min(side.end, m.end + 4)]
    return (any(c in before for c in cues["before"].get(side.lang, ()))
            or any(c in after for c in cues["after"].get(side.lang, ())))


def _worth_reporting_alone(m: Mention) -> bool:
    """A number on one side only is reported when it carries information a
    reader relies on: written with digits or a scale word, or money/percent.
    Small numbers in words ("two of them") are often rephrased away."""
    if _DIGIT.search(m.text):
        try:
            return abs(float(m.value)) >= 2
        except (TypeError, ValueError):
            return True
    return False  # spelled out ("thousands", 千里之外): too often idiom or rephrasing


# Cost of pairing two numbers of a bead, by the verdict of compare_numbers:
# the same figure first, then the same figure written differently (a hedge, a
# false friend, a scale word), then two figures of the same kind.  A pair
# costing more than leaving both numbers unpaired is never made.
_PAIR_COST = {"equal": 0.0, "approx_changed": 0.2, "false_friend": 0.3, "scale_error": 0.6, "unit_changed": 0.8,
              "different": 1.2}
_UNPAIRED_COST = 1.0  # per number: two unpaired numbers cost 2.0
_POSITION_WEIGHT = 0.5  # relative position in the bead (0..1) breaks ties between equal verdicts
_MAX_EXACT = 10  # exact assignment up to this many numbers on the smaller side; greedy beyond


class _RoleVerdict:
    """The verdict on two numbers that are not both counts: equal or not."""

    def __init__(self, relation: str, explanation: str = "") -> None:
        self.relation, self.explanation = relation, explanation


def _role_verdict(v, a: Mention, b: Mention, ra: str, rb: str):
    """compare_numbers' verdict ``v`` for two counts (a count and a
    duration of one figure are equal: a unit one side leaves unsaid, "under
    five" for 五岁以下 or « moins de cinq ans »); for other roles, equal
    figures are "equal", two ordinals or two centuries of different values
    "different" (the 10th against the 9th, 19世纪 against the 20th
    century), anything else None (not comparable: a rank
    against a count, a number inside a name)."""
    if ra == rb == "count":
        if v.relation == "different" and a.type != b.type and {a.type, b.type} == {"count", "duration"} \
                and _same_figure(a, b):
            return _RoleVerdict("equal")  # "children under five" / 五岁以下: the unit left unsaid
        return v
    if _same_figure(a, b):
        return _RoleVerdict("equal")
    if ra == rb == "ordinal":
        return _RoleVerdict("different", "the ranks differ")
    if ra == rb == "century":
        return _RoleVerdict("different", "the centuries differ")
    return None


def _proportions(a: Mention, b: Mention) -> bool:
    """A fraction against a percentage ('one in four' / 四成): compared as percentages."""
    return {a.type, b.type} == {"fraction", "percent"}


def _compared_values(a: Mention, b: Mention) -> tuple[float, float]:
    """The two values as compared: a fraction against a percentage as
    percentages ('one in four' 25 against 四成 40), measures of one
    dimension in its base unit (40 °C against 40 °F: 40 against 4.4), else
    as read."""
    base = lexicon.load("units").get("to_base", {})
    if a.unit != b.unit and a.unit in base and b.unit in base and base[a.unit][0] == base[b.unit][0]:
        return tuple(in_base(float(m.value), base[m.unit]) for m in (a, b))
    scale = 100 if _proportions(a, b) else 1
    return tuple(float(m.value) * (scale if m.type == "fraction" else 1) for m in (a, b))


def _pair_cost(verdict, a: Mention, b: Mention, distance: float) -> Optional[float]:
    base = _PAIR_COST.get(verdict.relation)
    if base is None:
        return None
    if isinstance(verdict, _RoleVerdict):
        return base + _POSITION_WEIGHT * distance
    if verdict.relation == "unit_changed" and not _same_figure(a, b):
        # tokens vs dollars in one bead: two quantities, not one changed; paired
        # (and so not reported as missing) only when nothing better is left
        return 1.9 + _POSITION_WEIGHT * distance
    if verdict.relation == "different":
        if a.type != b.type and not ({a.type, b.type} <= {"count", "money"}) and not _proportions(a, b):
            return None
        va, vb = _compared_values(a, b)
        try:  # closer figures are likelier to be the same quantity
            ratio = abs(math.log10(abs(vb) / abs(va)))
        except (TypeError, ValueError, ZeroDivisionError):
            ratio = 1.0
        if ratio > 2 and (a.scale_word or b.scale_word):
            return None  # 超过二十 against 720 billion: two different quantities, not one changed
        base += min(0.6, 0.2 * ratio)
    return base + _POSITION_WEIGHT * distance


def assign_numbers(costs: dict[tuple[int, int], float], n_src: int, n_tgt: int) -> list[tuple[int, int]]:
    """Minimum-cost one-to-one pairing of the numbers of a bead (an
    assignment: each number pairs at most once, unpaired numbers cost
    ``_UNPAIRED_COST``).  Exact (dynamic programming over subsets of the
    smaller side) for ordinary beads; greedy on cost for very long ones.
    Ties are broken by index, so the result is deterministic."""
    if not costs:
        return []
    flip = n_tgt < n_src
    if flip:
        costs = {(j, i): c for (i, j), c in costs.items()}
        n_src, n_tgt = n_tgt, n_src
    # rows: the longer side (tgt after the flip); subsets over the smaller side (src)
    if n_src > _MAX_EXACT:
        out, used_i, used_j = [], set(), set()
        for c, i, j in sorted((c, i, j) for (i, j), c in costs.items()):
            if c < 2 * _UNPAIRED_COST and i not in used_i and j not in used_j:
                used_i.add(i)
                used_j.add(j)
                out.append((i, j))
        pairs = out
    else:
        # best[mask] = (cost, pairs) after deciding the first k longer-side numbers
        best: dict[int, tuple[float, tuple]] = {0: (0.0, ())}
        for j in range(n_tgt):
            nxt: dict[int, tuple[float, tuple]] = {}
            for mask, (c, prs) in best.items():
                options = [(mask, c + _UNPAIRED_COST, prs)]
                for i in range(n_src):
                    if not mask >> i & 1 and (i, j) in costs:
                        options.append((mask | 1 << i, c + costs[i, j], prs + ((i, j),)))
                for m2, c2, p2 in options:
                    if m2 not in nxt or (round(c2, 9), p2) < (round(nxt[m2][0], 9), nxt[m2][1]):
                        nxt[m2] = (c2, p2)
            best = nxt
        total = {m: c + _UNPAIRED_COST * (n_src - bin(m).count("1")) for m, (c, _) in best.items()}
        mask = min(total, key=lambda m: (round(total[m], 9), best[m][1]))
        pairs = list(best[mask][1])
    if flip:
        pairs = [(j, i) for i, j in pairs]
    return sorted(pairs)


def _matched_nearby(m: Mention, others: list[Mention]) -> bool:
    """``m`` has its counterpart in the neighbouring beads of the other side
    (the same figure, possibly hedged or written with a false friend): the
    alignment cut a passage in a different place, nothing changed."""
    for o in others:
        if not _is_numeric_mention(o):
            continue
        if compare_numbers(m, o).relation in ("equal", "approx_changed", "false_friend"):
            return True
    return False


_GLOSS_GAP = 16  # characters between a figure and its conversion: "1000 亿美元（7245.1 亿元人民币）"


def _boundary_moved(pair: AlignedPair, a: Mention, b: Mention) -> bool:
    """Does each of two paired figures have its counterpart one bead away
    (the alignment cut the passage elsewhere, nothing changed)?  Both must:
    one figure alike to a neighbour's ('about 35' one sentence from 32, the
    French headline's correct « 11 000 » beside the body's « 1,1 million »
    for 1.1万) is no moved boundary when the other has no counterpart
    (two trials' missed changes)."""
    return _matched_nearby(a, pair.tgt.context_mentions) and _matched_nearby(b, pair.src.context_mentions)


def _conversion_gloss(m: Mention, side_mentions: list[Mention]) -> bool:
    """``m`` restates a neighbouring amount in another currency ("$500
    million (approximately 720 billion KRW)"): a reader's aid, not a new
    figure."""
    if m.type != "money" or not m.unit:
        return False
    for o in side_mentions:
        if o is m or o.kind != "number" or o.type != "money" or not o.unit or o.unit == m.unit:
            continue
        gap = m.start - o.end if o.end <= m.start else o.start - m.end
        if 0 <= gap <= _GLOSS_GAP:
            return True
    return False


# relations of two mentions of one value (hedged or not): paired whatever they count
_ONE_VALUE = ("equal", "approx_changed")


def _one_figure(v, a: Mention, b: Mention) -> bool:
    """One figure written two ways (equal, a long-scale false friend, the
    same value hedged on one side only): such a pair may cross clause
    groups, since no other statement is likely to carry the same figure.
    A hedge is judged only on a distinctive figure (:func:`_distinctive`):
    « environ deux kilogrammes » and « les deux prochains jours » are two
    statements that happen to say two."""
    return v.relation in ("equal", "false_friend") or (v.relation == "approx_changed" and _same_figure(a, b)
                                                       and (_distinctive(a) or _distinctive(b)))


def _assigned_pairs(pair: AlignedPair, src: list[Mention], tgt: list[Mention], roles: tuple[list, list]):
    """Every number of one side judged against every number of the other
    (compare_numbers, or equality for numbers that are not counts), and the
    minimum-cost pairing of them: (verdicts, assigned index pairs).  Two
    different figures pair only inside one clause group and role; one
    figure written two ways pairs anywhere in the bead (:func:`_one_figure`)."""
    slen, tlen = len(pair.src.text), len(pair.tgt.text)
    verdict = {}
    for i, a in enumerate(src):
        for j, b in enumerate(tgt):
            v = _role_verdict(compare_numbers(a, b), a, b, roles[0][i], roles[1][j])
            if v is not None and (_one_figure(v, a, b) or pair.same_clause(a.start, b.start)) \
                    and not (v.relation not in _ONE_VALUE and _count_other_things(pair, a, b)):
                verdict[i, j] = v

    def dist(i: int, j: int) -> float:
        return abs(_position(src[i], pair.src.start, slen) - _position(tgt[j], pair.tgt.start, tlen))

    costs = {}
    for (i, j), v in verdict.items():
        c = _pair_cost(v, src[i], tgt[j], dist(i, j))
        if c is not None:
            costs[i, j] = c
    return verdict, assign_numbers(costs, len(src), len(tgt))


def counted_words(m: Mention, doc_text: str, start: int, end: int,
                  toks: Optional[tuple[Word, ...]] = None) -> Optional[tuple[str, str]]:
    """What a count counts: the run of common nouns right after it in its
    sentence ``doc_text[start:end]``, as the tagger reads them
    (lexicons.words): 'eleven recommendations', 'two dozen key
    executives' (executives), 'officers' in '200 officers were deployed',
    « manifestants » in « 300 manifestants se sont rassemblés »; in Chinese
    after the count's classifier, or right after a bare number
    (二十位关键高管: 关键高管, 60名乘客滞留: 乘客), with the
    run's head ('asylum applications': applications; « agents de santé »:
    agents).  A Chinese count that ends its clause counts the nouns written
    before it (隧道1.7万余座、: 隧道; 收录词条六万个: 词条).  None when no
    noun can be read.  Which tags are nouns, modifiers and links, and where
    the head is: models/lexicons/words.json (count_noun_*).  ``toks``: the
    words of that sentence when already read (compare.pair.Side.words)."""
    if not (start <= m.end <= end):
        return None
    if toks is None:
        toks = words(doc_text[start:end], m.lang)
    at = m.end - start
    after = [w for w in toks if w.end > at]
    if m.lang != "zh":
        return _noun_run(after, m.lang)
    rest = _past_classifier(after, at)
    if rest is None:
        return None
    return _noun_run(rest, "zh") or (_noun_before(toks, m.start - start) if not rest or rest[0].pos == "w"
                                     else None)


def _noun_before(toks: list[Word], at: int) -> Optional[tuple[str, str]]:
    """A Chinese count that ends its clause (隧道1.7万余座、, 收录词条六万个。)
    counts the nouns written right before it: the run of nouns ending at
    ``at``, and its last noun as head."""
    nouns = [w for w in toks if w.end <= at]
    run: list[str] = []
    while nouns and nouns[-1].end == at and nouns[-1].pos in word_lists()["noun_pos"]["zh"]:
        run.insert(0, nouns[-1].text)
        at = nouns.pop().start
    return ("".join(run), run[-1]) if run else None


def _past_classifier(toks: list[Word], at: int) -> Optional[list[Word]]:
    """The Chinese words after a count ending at ``at``: LAC writes a
    number and its classifier as one numeral word (tag m: 3栋, 300名), or
    the classifier alone (tag q).  None when the count's word goes on with
    something else."""
    if not toks:
        return []
    first = toks[0]
    if first.start < at:  # the count's own word
        return toks[1:] if first.pos == "m" and all(map(HAN_RE.match, first.text[at - first.start:])) else None
    return toks[1:] if first.pos == "q" else toks


def _noun_run(toks: list[Word], lang: str) -> Optional[tuple[str, str]]:
    lists = word_lists()
    nouns: list[str] = []
    for w in toks[:6]:
        if w.pos in lists["noun_pos"][lang]:
            nouns.append(w.text)
        elif nouns or not (w.pos in lists["count_noun_modifiers"][lang]
                           or w.lemma in lists["count_noun_links"].get(lang, ())):
            break
    if not nouns:
        return None
    head = nouns[-1] if lists["count_noun_head"][lang] == "last" else nouns[0]
    return ("" if lang == "zh" else " ").join(nouns), head


def _word_keys(text: str, lang: str) -> frozenset[str]:
    """English keys of a few words (lexicons.dictionaries): CC-CEDICT's
    glosses of the Chinese words inside, FreeDict's of each French word
    (and of its singular), the stems of English words."""
    if lang == "zh":
        return zh_text_keys(text) | gloss_keys(meaningful(zh_glosses(text)))
    keys: set[str] = set()
    for w in text.split():
        forms = [w] + ([w[:-1]] if lang == "fr" and w[-1:] in ("s", "x") else [])
        for f in forms:
            keys |= english_keys(Word(0, len(f), f, f.casefold(), ""), lang)
    return frozenset(keys)


def _count_other_things(pair: AlignedPair, a: Mention, b: Mention) -> bool:
    """Two counts of different things: the words each counts
    (:func:`counted_words`) are neither close for the encoder (phrase
    cosine below ``count_words_min_similarity``) nor translations of each
    other by the dictionaries (no shared English key): 'eleven
    recommendations' against « quatre financeurs », two facts of one
    retold sentence, is no figure changed.  Only counts (money, durations
    and measures are not), and only when both counted words can be read: a
    count whose unit names what it counts (450人, 'dozens of people') is
    compared as before; 60名乘客 counts 乘客."""
    if pair.phrase_similarity is None or a.type != "count" or b.type != "count":
        return False
    ra, rb = _counted_on(pair.src, a), _counted_on(pair.tgt, b)
    if not ra or not rb:
        return False
    # the runs and their heads: 'asylum applications' / « dossiers » meet by the head
    pairs = [(wa, wb) for wa in dict.fromkeys(ra) for wb in dict.fromkeys(rb)]
    if max(pair.phrase_similarity(wa, wb) for wa, wb in pairs) >= thresholds()["count_words_min_similarity"]:
        return False
    return not any(_word_keys(wa, a.lang) & _word_keys(wb, b.lang) for wa, wb in pairs)


def _counted_on(side, m: Mention) -> Optional[tuple[str, str]]:
    """:func:`counted_words` of ``m`` read in ``side``'s text, or in its
    context when ``m`` stands in a neighbouring bead."""
    if side.start <= m.start < side.end:
        a, b = side.start, side.end
    elif side.context_start is not None and side.context_start <= m.start < side.context_end:
        a, b = side.context_start, side.context_end
    else:
        return None
    return counted_words(m, side.doc_text, a, b, side.words(a, b) if m.lang == side.lang and a <= m.end <= b else None)


def _unit_by_noun(side, m: Mention) -> Mention:
    """``m``, a French or English count read without a unit, with the unit
    of the noun it counts when that noun is a unit word of units.json (the
    first noun after it past words.json unit_noun_modifiers, as the tagger
    reads them) and a duration's, not a compound's first word ('hour-long
    episodes'): 'six long wet miserable dark months' counts months, so it
    is compared with « huit longs mois » (8 months) as a duration
    (DEMETR's fr 771: once « huit longs mois » was read as a duration,
    session 60, a count and a duration were not compared).  Chinese counts
    carry their classifier's unit already."""
    if m.type != "count" or m.unit is not None or m.lang == "zh" or m.lang != side.lang \
            or not side.start <= m.end <= side.end:
        return m
    between, nouns = word_lists()["unit_noun_modifiers"].get(m.lang, ()), word_lists()["noun_pos"][m.lang]
    after = [w for w in side.words(side.start, side.end) if w.start >= m.end - side.start][:8]
    k = next((i for i, w in enumerate(after) if w.pos not in between), None)
    if k is None or after[k].pos not in nouns:
        return m
    text = side.doc_text[side.start:side.end]
    if k + 1 < len(after) and after[k + 1].pos in nouns or text[after[k].end:after[k].end + 1] == "-":
        return m  # the first word of a compound: 'five other euro zone countries', 'hour-long'
    units = lexicon.load("units")["suffix"].get(m.lang, {})
    noun = after[k].text
    found = units.get(noun) or next((v for key, v in units.items() if key.lower() == noun.lower()), None)
    if found is None or found[1] != "duration":
        return m
    # marked: a unit read from the tagger's noun does not make a small figure distinctive (_distinctive)
    return replace(m, unit=found[0], type=found[1], attrs={**(m.attrs or {}), "unit_from": "noun"})


def _suspicious_pair(pair: AlignedPair, v, a: Mention, b: Mention) -> list[Finding]:
    """A paired figure whose verdict is a discrepancy (scale error, false
    friend, changed unit or approximation): its finding, unless the context
    explains it."""
    if v.relation == "scale_error" and "several" in (a.approx, b.approx):
        # 数百万 / "tens of millions": an order of magnitude, not a figure to mis-scale;
        # but "tens of millions" against "over 100 million" are two orders that do not meet.
        # A false friend stays one: « des trillions » for 数万亿 is the English word
        # copied, which a French reader takes a million times larger
        return [_vague_changed(pair, a, b)] if _vague_apart(a, b) else []
    if v.relation == "scale_error" and _boundary_moved(pair, a, b):
        return []
    if v.relation == "unit_changed" and (_compatible_units(a.unit, b.unit) or not _same_figure(a, b)):
        return []  # people / users; or two different quantities that merely share a bead
    type_, severity, conf = SUSPICIOUS[v.relation]
    if _same_digits_written_apart(a, b, pair):
        return []  # "12 h 00" read as 12 against "1200 GMT": the same time, not a scale error
    if v.relation == "approx_changed":
        hidden = _hidden_difference(pair, a, b)
        if hidden is not None:
            return [hidden]
        # a hedge the exact figure's mention did not take in makes it no exact figure; a word
        # near the figure that is hedged already explains nothing ('exceeded almost 4 million')
        exact = [(m, side) for m, side in ((a, pair.src), (b, pair.tgt)) if not m.approx]
        # two opposite bounds are not explained by a bound word near either: it is their own
        # (最多持续三个小时 / 'at least three hours': 最多 bounds the figure from before its verb)
        near = exact or ([] if _opposite_bounds(a, b) else [(a, pair.src), (b, pair.tgt)])
        if any(_hedged_nearby(m, side) for m, side in near):
            return []
        if _time_span(a, b, pair.src.doc_text) or _time_span(b, a, pair.tgt.doc_text):
            return []
        if _opposite_bounds(a, b):
            type_, severity, conf = "bound_reversed", "medium", 0.65
    why = (f"the {pair.label(pair.src)} says {_BOUND_WORDS[a.approx]}, the {pair.label(pair.tgt)} "
           f"{_BOUND_WORDS[b.approx]}: the claim is reversed" if type_ == "bound_reversed" else v.explanation.rstrip("."))
    expl = f"{pair.label(pair.src)} {quote(a.text)} and {pair.label(pair.tgt)} {quote(b.text)} do not match: {why}."
    return [make_finding(pair, "number", type_, severity, conf,
                         [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)]


# The values an approximate figure allows, as multiples of its written value:
# "about 5" 4-6, "over 5" above 5, "up to 5" 0-5, "several millions" (数百万,
# "tens of millions") up to ten times the unit it counts.
_ALLOWS = {None: (1.0, 1.0), "about": (0.8, 1.25), "nearly": (0.8, 1.0), "over": (1.0, math.inf),
           "at_least": (1.0, math.inf), "under": (0.0, 1.0), "up_to": (0.0, 1.0), "several": (1.0, 10.0)}


_ABOVE, _BELOW = frozenset({"over", "at_least"}), frozenset({"under", "up_to", "nearly"})


def _time_span(a: Mention, b: Mention, doc_text: str) -> bool:
    """``a`` is a duration written after a word that also says 'during'
    (approx.json ``time_span_before``: 'cost $500 million over six months',
    'slowed the decline by 27 percent over 18 months'), ``b`` the same
    figure exact: no approximation was added; unless the word before it
    makes 'over' a bound (approx.json ``time_span_not_after``: 'for over
    two years', 'has lasted over six months', 'in over six months')."""
    if a.type != "duration" or a.approx != "over" or b.approx is not None:
        return False
    table = lexicon.load("approx")
    words = table.get("time_span_before", {}).get(a.lang, ())
    if not any(re.match(rf"{re.escape(w)}\s", a.text, re.I) for w in words):
        return False
    # 'for over six months', 'lasted over six months': more than, not during
    before = re.findall(r"[^\W\d_]+", doc_text[max(0, a.start - 30):a.start])[-1:]
    return not (before and before[0].casefold() in table.get("time_span_not_after", {}).get(a.lang, ()))


# how a bound reads in an explanation (the bound word may stand outside the
# figure's quoted span: 最多持续三个小时 quotes 三个小时)
_BOUND_WORDS = {"over": "more than", "at_least": "at least", "under": "less than", "up_to": "at most",
                "nearly": "nearly"}


def _opposite_bounds(a: Mention, b: Mention) -> bool:
    """One figure a floor, the other a ceiling (more than 15% / « moins de
    15 % », 超过 / 不到): the same figure on opposite sides, a claim
    reversed rather than an approximation changed (a blind trial, session
    36: it was a low approximation_changed)."""
    bounds = {a.approx, b.approx}
    return bool(bounds & _ABOVE) and bool(bounds & _BELOW)


def _vague_apart(a: Mention, b: Mention) -> bool:
    """A vague figure ("several millions", 数百万) against another figure,
    vague or not, and no value both allow: "des millions" is not "上千万"
    (over ten million), 'several hundred' is not « plusieurs milliers »
    (both vague: a break test's inflated crowd went unreported)."""
    if "several" not in (a.approx, b.approx) or a.approx not in _ALLOWS or b.approx not in _ALLOWS:
        return False
    try:
        va, vb = abs(float(a.value)), abs(float(b.value))
    except (TypeError, ValueError):
        return False
    (la, ha), (lb, hb) = _ALLOWS[a.approx], _ALLOWS[b.approx]
    return va * ha <= vb * lb or vb * hb <= va * la


def _vague_changed(pair: AlignedPair, a: Mention, b: Mention) -> Finding:
    expl = (f"The {pair.label(pair.src)} says {quote(a.text)} but the {pair.label(pair.tgt)} says {quote(b.text)}: "
            f"vague as they are, the two amounts do not overlap.")
    return make_finding(pair, "number", "value_changed", "medium", 0.6,
                        [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)


# approx.json labels that state a bound, not a rounding: the same one on both
# sides makes the written figures the claim itself
_STRICT_BOUNDS = frozenset({"at_least", "up_to", "over", "under"})


def _changed_value(pair: AlignedPair, a: Mention, b: Mention) -> Optional[Finding]:
    """Two numbers of the same kind paired only because they share a bead: a
    changed value, unless each has its own counterpart in the neighbouring
    beads (a boundary moved).  Hedged figures of the same order are low,
    but medium under one bound on both sides ('at least 10' against « au
    moins 12 »: two different floors, though one entails the other where 10
    and 12 contradict; a break test of session 43 had them low beside the
    high exact change)."""
    if _boundary_moved(pair, a, b):
        return None
    severity, conf = "high", 0.8
    va, vb = _compared_values(a, b)
    if a.approx or b.approx:
        lo, hi = sorted([abs(va), abs(vb)])
        if hi and lo / hi > 0.8:  # "about 330" vs "over 300": same order, hedged
            bound = a.approx == b.approx and a.approx in _STRICT_BOUNDS
            severity, conf = ("medium", 0.6) if bound else ("low", 0.45)
    shown = (f"{fmt_value(va)}%", f"{fmt_value(vb)}%") if _proportions(a, b) \
        else (fmt_value(a.value), fmt_value(b.value))
    if (va, vb) != (float(a.value), float(b.value)) and not _proportions(a, b):  # converted: say it in one unit
        in_a = from_base(vb, lexicon.load("units")["to_base"][a.unit])
        shown = (f"{fmt_value(a.value)} {a.unit}",
                 f"{fmt_value(b.value)} {b.unit}, {fmt_value(round(in_a, 1))} {a.unit}")
    elif a.unit != b.unit and a.unit and b.unit and not _proportions(a, b):
        # the same figure in another unit ('deux ans' / 'two months'): the units are the change
        shown = (f"{fmt_value(a.value)} {a.unit}", f"{fmt_value(b.value)} {b.unit}")
    expl = (
        f"The {pair.label(pair.src)} says {quote(a.text)} ({shown[0]}) but the "
        f"{pair.label(pair.tgt)} says {quote(b.text)} ({shown[1]})."
    )
    return make_finding(pair, "number", "value_changed", severity, conf,
                        [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)], expl)


def _paired_findings(pair, src, tgt, verdict, assigned, used_s: set, used_t: set) -> list[Finding]:
    """Findings of the paired numbers: a hidden difference between equal
    estimates, a suspicious verdict, then changed values.  ``used_*`` get
    the indices that count as paired (vague amounts do not)."""
    findings: list[Finding] = []
    different: list[tuple[int, int]] = []
    for i, j in assigned:
        v = verdict[i, j]
        a, b = src[i], tgt[j]
        used_s.add(i)
        used_t.add(j)
        if v.relation == "equal":
            f = _hidden_difference(pair, a, b) or check_change_level(pair, a, b)
            if f is not None:
                findings.append(f)
        elif v.relation == "different":
            different.append((i, j))
        else:
            findings += _suspicious_pair(pair, v, a, b)
    for i, j in different:
        a, b = src[i], tgt[j]
        try:
            if float(a.value) == float(b.value) and not (a.unit and b.unit):
                continue  # "14 ans" and "14": same figure, the unit just was not repeated (not 5 km / 5 miles)
        except (TypeError, ValueError):
            pass
        if "several" in (a.approx, b.approx):
            if _vague_apart(a, b):
                findings.append(_vague_changed(pair, a, b))
                continue
            used_s.discard(i)
            used_t.discard(j)
            continue  # vague amounts are not figures
        f = _changed_value(pair, a, b)
        if f is not None:
            findings.append(f)
    return findings


def _distinctive(m: Mention) -> bool:
    """A figure unlikely to recur by chance in a text: with a unit, a scale
    word or a percent sign, or of two digits or more (600,000; 95 %; 2.49
    亿), not 3 or 5."""
    try:
        big = abs(float(m.value)) >= 10
    except (TypeError, ValueError):
        big = False
    unit = m.unit and not (m.attrs or {}).get("unit_from")  # not a unit only the tagger's noun gave (_unit_by_noun)
    return bool(unit or m.scale_word or m.type in ("money", "percent")) or big


def _one_sided_numbers(pair, src, tgt, used_s, used_t) -> list[Finding]:
    """Numbers on one side only that a reader relies on, and that the other
    side does not carry in another form, one bead away, or -- a distinctive
    figure -- anywhere in the other version."""
    findings = []
    for side, other, mentions, used, type_, verb in (
        (pair.src, pair.tgt, src, used_s, "number_missing", "is missing from"),
        (pair.tgt, pair.src, tgt, used_t, "number_added", "is not in"),
    ):
        for k, m in enumerate(mentions):
            if k in used or not _worth_reporting_alone(m):
                continue
            if _covered_elsewhere(m, other.mentions, other.context) or _matched_nearby(m, other.context_mentions):
                continue
            if _distinctive(m) and _matched_nearby(m, other.doc_mentions):
                continue  # the other version states this figure elsewhere: moved, not dropped
            if _conversion_gloss(m, side.mentions):
                continue
            severity = "medium" if (m.type in ("money", "percent") or m.scale_word) else "low"
            expl = (f"The number {quote(m.text)} in the {pair.label(side)} version "
                    f"{verb} the matching {pair.label(other)} passage.")
            findings.append(
                make_finding(pair, "number", type_, severity, 0.55,
                             [side.mention_evidence(m), other.evidence(role="context")], expl)
            )
    return findings


def check_numbers(pair: AlignedPair) -> list[Finding]:
    """Number findings of one bead: pair the numbers of both sides, report
    discrepancies among the pairs, digits the mentions stage did not read,
    then numbers on one side only."""
    if pair.src.empty or pair.tgt.empty:
        return []  # one-sided beads are the omission check's business
    src = [_unit_by_noun(pair.src, m) for m in pair.src.mentions if _is_numeric_mention(m)]
    tgt = [_unit_by_noun(pair.tgt, m) for m in pair.tgt.mentions if _is_numeric_mention(m)]
    roles = ([number_role(m, pair.src.doc_text) for m in src], [number_role(m, pair.tgt.doc_text) for m in tgt])
    verdict, assigned = _assigned_pairs(pair, src, tgt, roles)
    used_s: set[int] = set()
    used_t: set[int] = set()
    findings = _paired_findings(pair, src, tgt, verdict, assigned, used_s, used_t)
    # digits the mentions stage did not read (600Mbit/s, 23:35, the 1960s); numbers
    # whose counterpart sits in a neighbouring bead were read, and are fine; so are
    # numbers inside names and dates (Apollo 11, 20世纪60年代)
    handled_s = [m for k, m in enumerate(src) if k in used_s or _matched_nearby(m, pair.tgt.context_mentions)
                 or _conversion_gloss(m, src) or roles[0][k] in _NOT_ALONE]
    handled_t = [m for k, m in enumerate(tgt) if k in used_t or _matched_nearby(m, pair.src.context_mentions)
                 or _conversion_gloss(m, tgt) or roles[1][k] in _NOT_ALONE]
    findings.extend(_digit_groups(pair, handled_s, handled_t, bool(findings)))
    keep_s = {k for k, r in enumerate(roles[0]) if r in _NOT_ALONE} | used_s
    keep_t = {k for k, r in enumerate(roles[1]) if r in _NOT_ALONE} | used_t
    findings += _one_sided_numbers(pair, src, tgt, keep_s, keep_t)
    return findings + _false_friends_nearby(pair, src, tgt, findings)


# roles of numbers that are not figures of their own: a name's (Apollo 11), a date's (60年代)
# and an age computed from the date before it (30 April 1949 (age 74): the page's day, not the text's)
_NOT_FIGURES = ("name", "date", "derived")
# ... and a century alone: 20世纪60年代 is "the 1960s", whose 20 is not written;
# two centuries that differ are still paired and reported (19世纪 / 20th century)
_NOT_ALONE = _NOT_FIGURES + ("century",)


def _false_friends_nearby(pair: AlignedPair, src: list[Mention], tgt: list[Mention],
                          findings: list[Finding]) -> list[Finding]:
    """A figure of this bead no finding speaks of, whose only counterpart
    among the neighbouring beads of the other side is a false friend ("1,76
    trillion" one sentence away from 1.76 万亿): the boundary moved, the
    false friend did not go away."""
    spoken = {(e.doc, e.start, e.end) for f in findings for e in f.evidence}
    out = []
    for side, other, mentions, flip in ((pair.src, pair.tgt, src, False), (pair.tgt, pair.src, tgt, True)):
        for m in mentions:
            if (side.doc_id, m.start, m.end) in spoken:
                continue
            near = [o for o in other.context_mentions + other.mentions if _is_numeric_mention(o)]
            verdicts = [(compare_numbers(m, o), o) for o in near]
            if any(v.relation == "equal" for v, _ in verdicts):
                continue
            friend = next(((v, o) for v, o in verdicts if v.relation == "false_friend"), None)
            if friend is None:
                continue
            v, o = friend
            a, b = (o, m) if flip else (m, o)
            expl = (f"{pair.label(pair.src)} {quote(a.text)} and {pair.label(pair.tgt)} {quote(b.text)}"
                    f" do not match: {v.explanation.rstrip('.')}.")
            ev = [pair.src.mention_evidence(a), pair.tgt.mention_evidence(b)]
            type_, severity, conf = SUSPICIOUS["false_friend"]
            out.append(make_finding(pair, "number", type_, severity, conf, ev, expl))
    return out


_GROUP = re.compile(r"\d+(?:[.,:\u202f]\d+)*")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def _digit_key(g: str, lang: str = "en") -> str:
    """What a digit group stands for: a clock time (23:35 and 11:35 pm are
    the same time) or a number read in the side's own separator convention
    (1 200, 1,200 and 1.200 give 1200; 1,5 in French gives 1.5, never 15)."""
    t = _TIME.match(g)
    if t:
        return f"t{int(t.group(1)) % 12}:{t.group(2)}"
    try:
        v = parse_digits(g, lang)
    except ValueError:
        v = None
    if v is None or not math.isfinite(v):
        # no float holds it (a run of 309 digits or more): the digits are the key
        return re.sub(r"\D", "", g).lstrip("0") or "0"
    return _value_key(v)


def _value_key(v: float) -> str:
    return str(int(v)) if v == int(v) else repr(v)


# separators that group thousands (1 200 / 1,200 / 1.200 / 1'200): removed
# only between a digit and a group of exactly three digits
_THOUSANDS_SEP = re.compile(r"(?<=\d)[\s,.\u202f\u00a0'’](?=\d{3}(?!\d))")
# a clock time written apart: 12 h 00, 12:00, 9h30, 09.30 (hour, then two digits)
_CLOCK_APART = re.compile(r"(?<!\d)(\d{1,2})\s*[h:.]\s*(\d{2})(?!\d)")


def ungrouped(text: str) -> str:
    """``text`` with its thousands separators removed (same digits, no
    grouping): '1 200 et 12,000' -> '1200 et 12000'.  A digit run of the
    result is a whole number as written, never part of a longer one."""
    return _THOUSANDS_SEP.sub("", text)


def digits_written(digits: str, text: str) -> bool:
    """Is ``digits`` a whole number of ``text``, in any thousands grouping
    (1200 in '1 200' or '1,200'; never 1200 in '12 000' or 300 in '3000')?"""
    return bool(digits) and re.search(r"(?<!\d)" + re.escape(digits) + r"(?!\d)", ungrouped(text)) is not None


def _same_digits_written_apart(a: Mention, b: Mention, pair: AlignedPair) -> bool:
    """The two figures are one clock time written two ways ('12 h 00' read as
    12 against '1200 GMT'): the digits of one are the hour and minutes of a
    time written on the other side.  Digit grouping is not such a case: 1 200
    and 12,000 are different numbers (values are compared, not digit strings)."""
    if a.scale_word or b.scale_word:
        return False
    da, db = re.sub(r"\D", "", a.text), re.sub(r"\D", "", b.text)

    def clock_in(digits: str, text: str) -> bool:
        return len(digits) in (3, 4) and any(
            f"{int(m.group(1))}{m.group(2)}" == digits.lstrip("0") for m in _CLOCK_APART.finditer(text))

    return clock_in(da, pair.tgt.text) or clock_in(db, pair.src.text)


def _covering(side, start: int, end: int) -> Optional[Mention]:
    """The number or date mention of ``side`` that covers the digits
    ``start:end`` (document offsets), None when none does."""
    return next((m for m in side.mentions if m.start <= start and end <= m.end and m.kind in ("number", "date")),
                None)


def _reading(m: Optional[Mention]) -> Optional[tuple]:
    """(kind, type, unit) of a mention (:func:`_covering`), None for none;
    a date is ("date", None, None)."""
    if m is None:
        return None
    return ("date", None, None) if m.kind == "date" else (m.kind, m.type, m.unit)


def _same_kind(a: Optional[tuple], b: Optional[tuple]) -> bool:
    """Whether two digit groups' readings (:func:`_reading`) may be one
    quantity: not a date against a figure with a unit ('mid-2024' against
    '18 个月').  A bare count may be a year or an age the mentions stage
    read otherwise on the other side (« à 14 ans », a duration, against
    'married at 16')."""
    if a is None or b is None:
        return True
    dates = [r[0] == "date" or r[:2] == ("number", "year") for r in (a, b)]
    if dates[0] == dates[1]:
        return True
    figure = b if dates[0] else a
    return not figure[2]


def _one_quantity(pair: AlignedPair, a: Optional[Mention], b: Optional[Mention]) -> bool:
    """Whether two digit groups, read as the mentions ``a`` and ``b`` (None:
    unread), may be one quantity: of the same kind (:func:`_same_kind`),
    and not counts of different things (:func:`_count_other_things`)."""
    return _same_kind(_reading(a), _reading(b)) and not (a is not None and b is not None
                                                        and _count_other_things(pair, a, b))


def _digit_groups(pair: AlignedPair, handled_src: list[Mention], handled_tgt: list[Mention],
                  already: bool) -> list[Finding]:
    """The translation-QA digit rule, restricted to replacements: a digit
    group on each side that the other side does not have, outside the
    mentions already paired.  Deletions alone are left to the one-sided
    check (a translator may legitimately spell a number out)."""
    if already:
        return []

    def groups(side, handled):
        # digits inside dates are the date check's business, except bare years
        # (les années 1980 / the 1960s, where the other side's date went unread)
        spans = [(m.start, m.end) for m in handled] + [
            (m.start, m.end) for m in side.mentions if m.kind == "entity"] + [  # GPT-4, Sonnet 3.6
            (m.start, m.end) for m in side.mentions
            if m.kind == "date" and not (m.granularity == "year" and re.fullmatch(r"\D{0,8}\d{4}\D{0,8}", m.text)
                                         and not m.attrs.get("decade"))]  # a decade is the date check's
        out = []
        urls = [(side.start + u.start(), side.start + u.end()) for pattern in (URL_OR_TARGET_RE, REFERENCE_MARKER_RE)
                for u in pattern.finditer(side.text)]  # a link address, a reference marker ([1])
        for g in _GROUP.finditer(side.text):
            s, e = side.start + g.start(), side.start + g.end()
            if any(a <= s and e <= b for a, b in spans + urls):
                continue  # inside a paired mention, a date, or a link address
            out.append((s, e, g.group(), _digit_key(g.group(), side.lang)))
        return out

    def keys(side):
        ks = set()
        for g in _GROUP.finditer(side.text):
            ks.add(_digit_key(g.group(), side.lang))
            if ":" in g.group():  # 15:50 also offers 15 and 50 (never 1 and 200 for 1,200)
                ks.update(p.lstrip("0") or "0" for p in g.group().split(":") if p)
            if re.fullmatch(lexicon.load("dates")["year_digits"], g.group()):
                ks.add(g.group()[2:])  # 1970 and "les années 70"
        for t in re.finditer(r"(\d{1,2})\s*(?:时|点|h|:)\s*(\d{2})", side.text):
            ks.add(f"t{int(t.group(1)) % 12}:{t.group(2)}")
        to_base = lexicon.load("units").get("to_base", {})
        for m in side.mentions:
            if m.kind == "number" and m.value is not None:
                try:
                    ks.add(_value_key(float(m.value)))
                    if m.unit in to_base:  # 25 basis points also offers 0.25 (points), as the other side may write it
                        ks.add(_value_key(round(float(m.value) * to_base[m.unit][1], 9)))
                except (TypeError, ValueError):
                    pass
        return ks

    src_keys, tgt_keys = keys(pair.src), keys(pair.tgt)  # once, not once per digit group
    gs = [g for g in groups(pair.src, handled_src) if g[3] not in tgt_keys]
    gt = [g for g in groups(pair.tgt, handled_tgt) if g[3] not in src_keys]
    # a replacement is one statement's digits against its counterpart's: one
    # clause group, and not two quantities the mentions read as of different
    # kinds ('18 个月', a duration, against 'mid-2024', a year)
    both = [(a, b) for a in gs for b in gt if pair.same_clause(a[0], b[0])
            and _one_quantity(pair, _covering(pair.src, a[0], a[1]), _covering(pair.tgt, b[0], b[1]))]
    if not both:
        return []
    (ss, se, stext, _), (ts, te, ttext, _) = both[0]
    expl = (f"The {pair.label(pair.src)} has {quote(stext)} where the {pair.label(pair.tgt)} "
            f"has {quote(ttext)}: a number seems to have changed.")
    return [make_finding(pair, "number", "digits_changed", "medium", 0.6,
                         [pair.src.evidence(ss, se, stext), pair.tgt.evidence(ts, te, ttext)], expl)]
