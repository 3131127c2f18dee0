"""Claim cues of one sentence: lexicon words on word boundaries, the French
conditional and future from spaCy's morphology, English comparatives and
superlatives from spaCy's tags, and attribution (who asserts the claim).

Every function here takes the sentence text, its tokens and its lexicon and
returns ``ClaimCue`` records with offsets into the sentence text."""
from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import replace
from typing import Iterable, Optional, Sequence

from ..lexicons.dictionaries import zh_known
from ..records import ClaimCue
from ..spacy_models import straight_typography
from .lexicon import Entry, Lexicon
from .tokens import Token

_MODAL_TAGS = {"MD"}  # English modal verbs must be tagged as such ("May" the month is not)
_PUNCT = re.compile(r"[，。；：！？,.;:!?()（）“”\"«»]")


def _token_at(tokens: list[Token], starts: list[int], offset: int) -> int:
    i = bisect.bisect_left(starts, offset)
    return i if i < len(tokens) and tokens[i].start == offset else -1


def lac_tag_fits(e: Entry, tokens: list[Token], i: int) -> bool:
    """Does the Chinese word ``tokens[i]`` carry one of the entry's LAC
    tags, or one of ``lac_tags_before`` with the next word tagged as that
    asks and no later word of its clause so tagged (将 tagged p right before
    the clause's one verb: 新疆将并网光伏电站 is the future; the disposal 将
    puts its object before another verb, 将关注点转移到, which LAC cuts
    关注|点, sample corpus, session 63)?"""
    if tokens[i].pos in e.lac_tags:
        return True
    for tag, after in e.lac_tags_before:
        if tokens[i].pos != tag or i + 1 >= len(tokens) or tokens[i + 1].pos not in after:
            continue
        rest = itertools.takewhile(lambda t: not _PUNCT.fullmatch(t.text), tokens[i + 2:])
        if not any(t.pos in after for t in rest):
            return True
    return False


def _entry_fits(e: Entry, tokens: list[Token], i: int, j: int, lang: str, reporting: frozenset = frozenset()) -> bool:
    """The matched words tokens[i..j] fit the entry's constraints
    (``reporting``: the lexicon's reporting lemmas, for ``before_reporting``)."""
    if e.lac_tags and not (i == j and lac_tag_fits(e, tokens, i)):
        return False
    if e.pos and tokens[i].pos not in e.pos:
        return False
    # a dash sets off an aside between a verb and its infinitive (« nous pouvons et nous
    # allons ‑ construire », 'can — and will — build'): the word after it is the one that follows
    k = j + 1
    while k < len(tokens) and tokens[k].text and all(unicodedata.category(ch) == "Pd" for ch in tokens[k].text):
        k += 1
    nxt = tokens[k] if k < len(tokens) else None
    if e.before and (nxt is None or nxt.pos not in e.before.split("|")):
        return False
    if nxt is not None and nxt.pos in e.not_before:
        return False
    if e.before_reporting and (nxt is None or (nxt.lemma or nxt.text).casefold() not in reporting):
        return False
    if lang == "en" and e.kind == "modal" and i == j and tokens[i].tag not in _MODAL_TAGS:
        return False
    if e.kind == "modal" and tokens[i].morph.get("Mood") == "Imp":
        return False  # an order, not a future: « Allez voir les résultats » is 'Go and see' (session 63)
    return True


def _glued_to_verb(e: Entry, tokens: list[Token], i: int, lang: str) -> bool:
    """Is the one-character Chinese modal at ``tokens[i]`` the second half
    of a word LAC split after a one-character verb (赋|能 'to empower':
    赋能 is a CC-CEDICT word)?  希望|能 and 不|能 are modals: 希望 is two
    characters, 不 no verb."""
    if lang != "zh" or e.kind != "modal" or len(e.cue) != 1 or i == 0:
        return False
    prev = tokens[i - 1]
    return len(prev.text) == 1 and prev.pos == "v" and zh_known(prev.text + tokens[i].text)


def not_cue_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of the lexicon's ``not_cues`` in ``text`` (case-folded): as
    written in Chinese, as whole words elsewhere ('at the most' is a bound,
    but not inside 'that the most' of 'showed that the most …')."""
    low = straight_typography(text.casefold())
    out = []
    for w in map(straight_typography, lex.extra.get("not_cues", [])):
        if w not in low:
            continue
        pat = re.escape(w) if lex.lang == "zh" else \
            (r"(?<!\w)" if w[:1].isalnum() else "") + re.escape(w) + (r"(?!\w)" if w[-1:].isalnum() else "")
        out += [m.span() for m in re.finditer(pat, low)]
    return out


def lexicon_cues(text: str, tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """Lexicon cues that start and end on token boundaries (Chinese cues of
    two characters or more: anywhere), longest first, never overlapping;
    cues inside a listed longer word ('not_cues': 可能性) are skipped.  Then
    the cues of several words with adverbs inside (:func:`_gapped_cues`)."""
    match = _Matcher(text, tokens, lex)
    low = match.low
    out = []
    for a, b in _all_matches(lex.pattern, low, shorter=lex.lang == "zh"):
        cue = match.accept(a, b, low[a:b])
        if cue is not None:
            out.append(cue)
    return out + _gapped_cues(low, tokens, lex, match, out)


class _Matcher:
    """What :func:`lexicon_cues` checks of a match: token boundaries, the
    entry's constraints, and no overlap with a cue already taken."""

    def __init__(self, text: str, tokens: list[Token], lex: Lexicon) -> None:
        self.text, self.tokens, self.lex = text, tokens, lex
        self.low = straight_typography(text.casefold())
        self.starts = [t.start for t in tokens]
        self.ends = {t.end: k for k, t in enumerate(tokens)}
        self.blocked = not_cue_spans(text, lex)
        self.reporting = frozenset(w.casefold() for w in lex.extra.get("reporting_lemmas", ()))
        self.taken: list[tuple[int, int]] = []

    def accept(self, a: int, b: int, key: str, inside: Sequence[tuple[int, int]] = ()) -> Optional[ClaimCue]:
        """The cue of entry ``key`` at ``text[a:b]``, or None; a cue taken
        before that lies wholly inside one of the spans ``inside`` does
        not block it (a word of a gapped cue; claims.cues.merge keeps the
        longer of two cues of a kind)."""
        lex, tokens, starts = self.lex, self.tokens, self.starts
        e = lex.entries[key]
        i = _token_at(tokens, starts, a)
        j = self.ends.get(b, -1) if not e.prefix else max(i, bisect.bisect_left(starts, b) - 1)
        if lex.lang == "zh" and len(e.cue) >= 2 and not e.lac_tags:
            # a Chinese cue of two characters or more may sit inside a longer LAC word (据传闻);
            # a degree word (a content adverb LAC segments reliably) does not straddle a word
            # boundary (完全 in 读完|全文); function-word cues do (不只 in 不|只是)
            i, j = max(0, bisect.bisect_right(starts, a) - 1), max(0, bisect.bisect_left(starts, b) - 1)
            if e.kind == "degree" and i != j and (tokens[i].start != a or tokens[j].end != b):
                return None
        overlaps = any(a < y and x < b and not any(p <= x and y <= q for p, q in inside) for x, y in self.taken)
        if i < 0 or j < 0 or any(x <= a and b <= y for x, y in self.blocked) or overlaps:
            return None
        if not _entry_fits(e, tokens, i, j, lex.lang, self.reporting) or _glued_to_verb(e, tokens, i, lex.lang) \
                or _in_compound(e, self.low, a, b, lex.lang):
            return None
        self.taken.append((a, b))
        # a prefix inside a longer word (最 in 最高法院) only answers the other side's cues
        weak = e.weak or (e.prefix and not (i == j and tokens[i].end == b))
        return ClaimCue(start=a, end=b, text=self.text[a:b], kind=e.kind, value=e.value,
                        source=f"lexicon:{lex.lang}" + (":scale" if e.scale else "")
                        + (":existential" if e.existential else "") + (":weak" if weak else ""))


def _gapped_cues(low: str, tokens: list[Token], lex: Lexicon, match: _Matcher, found: list[ClaimCue]) -> list[ClaimCue]:
    """Cues of several words with an adverb inside: 'it is quite possible
    that', « il est tout à fait possible que », 'is widely expected to'.
    The adverbs (tagged ADV, or a degree cue of several words found before:
    « tout à fait ») are left out of a view of the text, and the lexicon is
    matched there again; a cue found across one of them is a cue of the
    text, from its first word to its last.  Never across a hedge (« ont
    vraisemblablement pu » is a hedge and a modal), a negation or a
    word that turns the cue down ('not', 'hardly', « pas », « moins »: the
    lexicon's ``gap_never``).  Not in Chinese, whose cues are read anywhere."""
    if lex.lang == "zh":
        return []
    never = frozenset(lex.extra.get("gap_never", ()))
    # a hedge of its own stays out of another cue ('ont vraisemblablement pu': the hedge, then « pu »)
    hedges = [(c.start, c.end) for c in found if c.kind == "hedge"]
    gaps = [(t.start, t.end) for t in tokens
            if t.pos == "ADV" and straight_typography(t.text.casefold()) not in never
            and not any(a <= t.start and t.end <= b for a, b in hedges)]
    gaps += [(c.start, c.end) for c in found if c.kind == "degree" and " " in c.text]
    if not gaps:
        return []
    cut = set()
    for a, b in gaps:
        while b < len(low) and low[b].isspace():
            b += 1  # the white space after the adverb goes with it
        cut.update(range(a, b))
    keep = [k for k in range(len(low)) if k not in cut]
    view = "".join(low[k] for k in keep)
    out = []
    for va, vb in _all_matches(lex.pattern, view):
        a, b = keep[va], keep[vb - 1] + 1
        if b - a == vb - va or " " not in view[va:vb]:
            continue  # no adverb inside: the plain pass's; a one-word cue has no inside
        # the cue's own words found alone before (« probable » of « il est très probable que ») give way
        cue = match.accept(a, b, view[va:vb], inside=[(a, b)])
        if cue is not None:
            out.append(cue)
    return out


def _in_compound(e, low: str, a: int, b: int, lang: str) -> bool:
    """Is the French or English cue ``low[a:b]`` a piece of a hyphenated
    compound: « chauves-souris » 'bats' holds no « souris » 'mouse' (a
    scope cue of animal studies; a break test, session 48), 'all-time' no
    'all'?  A degree word may open one ('most-watched', 'ultra-rapide':
    still a superlative or an intensifier); a prefix entry is read inside
    words anyway."""
    if lang == "zh" or e.prefix:
        return False
    before = a >= 2 and low[a - 1] == "-" and low[a - 2].isalnum()
    after = b + 1 < len(low) and low[b] == "-" and low[b + 1].isalnum()
    return before or (after and e.kind != "degree")


def chinese_intention_verbs(text: str, tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """Verbs of intention (计划, 打算) that LAC tags as the noun after a
    subject (市政府|计划|对…开展: 'the city government plans to'), as the
    futures of tense the lexicon gives them as verbs: tagged n, followed by
    a preposition, a verb, an adverb or a time (zh.json
    ``intention_as_verb``), and not after a determiner or 的 (该计划对企业
    影响很大 'this plan', ``not_after``).  A trial's 市政府计划对全市…开展
    told as 'has launched' went unreported (session 41)."""
    spec = lex.extra.get("intention_as_verb") or {}
    words, follow, not_after = set(spec.get("cues", ())), set(spec.get("before_tags", ())), set(spec.get("not_after", ()))
    not_after_tags = set(spec.get("not_after_tags", ()))  # a numeral, a classifier or 的 before: the noun
    out = []
    for k, t in enumerate(tokens[:-1]):
        if t.text in words and t.pos == "n" and tokens[k + 1].pos in follow \
                and (k == 0 or (tokens[k - 1].text not in not_after and tokens[k - 1].pos not in not_after_tags)):
            out.append(ClaimCue(start=t.start, end=t.end, text=text[t.start:t.end], kind="tense", value="future",
                                source=f"lexicon:{lex.lang}"))
    return out


def _all_matches(pattern: re.Pattern, text: str, shorter: bool = False) -> list[tuple[int, int]]:
    """Every match at every start position, longest first at each position
    (a plain finditer would hide 可能 inside 很可能 when 很可能 is not on word
    boundaries); with ``shorter``, also the shorter matches at each start
    (Chinese, where no blank ends a cue: 部分地 'partly' straddles 部分|地区
    and is refused, and the quantifier 部分 at its start was never tried:
    在部分地区 was no restriction, a helper's break test of session 61)."""
    spans = set()
    k = 0
    while k < len(text):
        # the next start with a match, and there the match .match would give
        # (search tries the alternatives in the same order at each start)
        m = pattern.search(text, k)
        if not m:
            break
        spans.add(m.span())
        end = m.end()
        while shorter and end - 1 > m.start():
            inner = pattern.match(text, m.start(), end - 1)
            if not inner:
                break
            spans.add(inner.span())
            end = inner.end()
        k = m.start() + 1
    return sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0]))


def french_mood_cues(tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """The conditional (Mood=Cnd) and the simple future (Tense=Fut) of French
    verbs, from spaCy's morphology.  A conditional under a reporting verb in
    the past ("il a dit qu'il viendrait") is the future in the past, but for
    a modal verb (``conditional_values``: « pourrait » is 'could'); a
    conditional of politeness (je voudrais, j'aimerais) is not a hedge."""
    skip = set(lex.extra.get("conditional_skip_lemmas", []))
    reporting = set(lex.extra.get("reporting_lemmas", []))
    out = []
    for k, t in enumerate(tokens):
        mood, tense = t.morph.get("Mood"), t.morph.get("Tense")
        if ((mood == "Cnd" and conditional_form(t.text)) or regular_conditional(t)) and t.lemma not in skip:
            # the governor of the conditional's clause, not its own verb: « aurait annoncé »
            # is the conditional of 'announced' (hearsay), no future under it (a break test, session 48)
            verb, head = clause_governor(t, tokens)
            reported = (head is not None and head is not t and head is not verb and head.lemma in reporting
                        and head.morph.get("Tense") in ("Past", "Imp")) or _said_before_que(k, tokens, reporting)
            # a modal verb keeps its sense under a reporting verb: « a estimé que le
            # débrayage pourrait » is 'could', not a future in the past (a blind trial)
            value = lex.extra.get("conditional_values", {}).get(t.lemma) or ("future" if reported else "conditional")
            out.append(ClaimCue(start=t.start, end=t.end, text=t.text, kind="modal", value=value,
                                source="spacy:Mood=Cnd"))
        elif tense == "Fut" and t.morph.get("VerbForm") == "Fin" and _future_shape(t.text):
            out.append(ClaimCue(start=t.start, end=t.end, text=t.text, kind="tense", value="future",
                                source="spacy:Tense=Fut"))
        if mood != "Cnd" and _modal_verb(k, tokens, lex):
            out.append(ClaimCue(start=t.start, end=t.end, text=t.text, kind="modal",
                                value=lex.extra["modal_lemmas"][t.lemma], source="spacy:lemma"))
    return out


def _modal_verb(k: int, tokens: list[Token], lex: Lexicon) -> bool:
    """Is ``tokens[k]`` a finite « devoir » or « pouvoir » (fr.json ``modal_lemmas``),
    or its participle in a compound tense, that governs an infinitive
    (« vous devrez acheter », « ont vraisemblablement pu conclure »; not « il
    devait 10 euros »)?"""
    t = tokens[k]
    form = t.morph.get("VerbForm")
    if t.lemma not in lex.extra.get("modal_lemmas", {}) or form not in ("Fin", "Part"):
        return False
    children = [u for j, u in enumerate(tokens) if u.head == k and j != k]
    # a participle in a compound tense, with its auxiliary (« ont vraisemblablement pu conclure »)
    if form == "Part" and not any(u.dep.startswith("aux") for u in children):
        return False
    return any(u.dep == "xcomp" and u.morph.get("VerbForm") == "Inf" for u in children)


def _maybe_present(t: Token, k: int, tokens: list[Token], lex: Optional[Lexicon]) -> bool:
    """Is the English verb ``t``, tagged VBD, one whose past is written as
    its present (en.json ``same_form_past``: put, set, cut) with a subject
    that is not a third person singular ('estimates put': a present;
    'the company cut' can only be a past)?"""
    if lex is None or t.text.casefold() not in lex.extra.get("same_form_past", ()):
        return False
    subj = [x for x in tokens if x.head == k and x.dep in ("nsubj", "expl")]
    singular = any(x.tag in ("NN", "NNP") or x.text.casefold() in ("he", "she", "it", "this", "that") for x in subj)
    return not singular


def _said_before_que(k: int, tokens: list[Token], reporting: set) -> bool:
    """Is the French conditional ``tokens[k]`` in a « que » clause right after a
    reporting verb in the past, within its sentence (« M. Lin avait indiqué
    plus tôt cette année que le groupe porterait »)?  The small model
    attaches such a clause to an adverb now and then (tôt), so the parse
    alone misses the future in the past (a fresh user's trial, session 41);
    it also tags « qu' » a relative pronoun that marks the clause (« a dit
    aux journalistes qu'il serait »: a fresh user's trial, session 60)."""
    seen_que = False
    for w in reversed(tokens[:k]):
        if w.pos == "PUNCT" and w.text in ".;!?":
            return False
        if w.lemma == "que" and (w.pos == "SCONJ" or w.dep == "mark"):
            seen_que = True  # « qu' » is tagged a relative pronoun now and then, but marks the clause
        elif seen_que and w.pos == "VERB":
            return w.lemma in reporting and w.morph.get("Tense") in ("Past", "Imp")
    return False


def past_tense_cues(tokens: list[Token], lang: str, lex: Optional[Lexicon] = None) -> list[ClaimCue]:
    """Verbs in a past tense, from spaCy's tags and morphology, as tense
    cues 'completed' marked ':weak' (they only answer a future of the other
    version, check_tense; a plain past is never reported alone).  English:
    a verb or auxiliary tagged VBD (received, had been), and the present
    perfect (has / have + past participle, from the auxiliary to the verb).
    French: a finite verb in the passé simple (Tense=Past), and the passé
    composé (a past participle with an auxiliary of tense, dependency
    aux:tense; the passive « est publié » is aux:pass, a present); not the
    imparfait, which tells a state or a background under way, not a
    completed event (« les cardinaux étaient réunis » against « il faudra
    attendre » was bench/real's one new false alarm with it).  Chinese
    marks no tense on the verb; its perfective 了 right after a verb and
    before the verb's object or complement (推出了一款新手机, 关闭了工厂)
    tells a completed event, unless a future, a modal or a condition opens
    its clause (:func:`_chinese_perfective`); a 了 that ends a clause may
    tell a change of state or what is about to happen (要结束了), and is
    left out.  Quirk et al. (1985) 4.11-4.22 (the
    past and the present perfect); Riegel, Pellat & Rioul (2009) VII.2
    (passé composé, passé simple, imparfait: aspect).  An English past
    under a reporting verb in the past is marked ``spacy:Backshift:weak``
    (:func:`_backshifted`): it may tell the present; the past of a
    reporting verb itself (the lexicon's ``reporting_lemmas``: said, « a
    annoncé ») ``spacy:Report:weak``: it tells when the source spoke."""
    reporting = set(lex.extra.get("reporting_lemmas", ())) if lex is not None else set()
    out = []
    for k, t in enumerate(tokens):
        start, perfect, backshift = None, False, False
        if lang == "en":
            if t.tag == "VBD" and not _maybe_present(t, k, tokens, lex):
                start, end = t.start, t.end
                backshift = _backshifted(t, tokens, reporting)
            elif _english_perfect(t, k, tokens):
                start, end, perfect = t.start, tokens[t.head].end, True
        elif lang == "fr":
            if t.morph.get("VerbForm") == "Fin" and t.morph.get("Tense") == "Past" \
                    and not (lex is not None and _future_form(t, lex)) \
                    and not (lex is not None and t.text.casefold() in lex.extra.get("present_not_past", ())):
                start, end = t.start, t.end  # a passé simple (« deviendra » tagged one is a future)
            elif _future_auxiliary(t):
                # the futur antérieur (« aura dirigé »): a future, quoted with its participle
                # (its participle within three words: a parse that hangs « aura » on a far
                # verb, « il aura beau protester, la décision est prise », is no such tense)
                if _french_perfect(t, k, tokens, lex) and t.head - k <= 3:
                    out.append(ClaimCue(start=t.start, end=tokens[t.head].end, text="", kind="tense",
                                        value="future", source=FUTURE_PERFECT))
            elif _french_perfect(t, k, tokens, lex):
                start, end, perfect = t.start, tokens[t.head].end, True
            elif lex is not None and (part := _etre_perfect(t, k, tokens, lex)) is not None:
                start, end, perfect = t.start, part.end, True
        elif lang == "zh" and lex is not None and _chinese_perfective(k, tokens, lex):
            out.append(ClaimCue(start=t.start, end=t.end, text="", kind="tense", value="completed",
                                source="lac:Perfective:weak"))
            continue
        if start is not None:
            # a perfect also tells the present (has been / a été: done, and
            # so now), compare.claims.check_tense_shift
            verb = tokens[t.head] if perfect and 0 <= t.head < len(tokens) else t
            if verb.lemma in reporting:
                source = "spacy:Report:weak"  # 'said', « a annoncé »: when the source spoke, not when the claim happens
            else:
                source = PERFECT if perfect else BACKSHIFT if backshift else "spacy:Tense=Past:weak"
            out.append(ClaimCue(start=start, end=end, text="", kind="tense", value="completed", source=source))
    return out


def _chinese_perfective(k: int, tokens: list[Token], lex: Lexicon) -> bool:
    """Is token ``k`` the perfective 了 (zh.json ``perfective``: its
    particles) right after a verb (LAC v) and before a word of its clause,
    with no future, modal or condition word (``perfective.not_after``)
    earlier in that clause (明天下了课 'after class tomorrow' is no past)?
    Li & Thompson (1981), Mandarin Chinese, ch. 6 (the perfective aspect
    了, and the sentence-final 了 of a currently relevant state)."""
    spec = lex.extra.get("perfective") or {}
    t = tokens[k]
    if t.text not in spec.get("particles", ()) or k == 0 or k + 1 >= len(tokens):
        return False
    if tokens[k - 1].pos not in spec.get("after_tags", ()) or tokens[k + 1].pos == "w":
        return False
    stop = set(spec.get("not_after", ()))
    for w in reversed(tokens[:k - 1]):
        if w.pos == "w" and w.text in "，。！？；,;!?":
            break
        if w.text in stop:
            return False
    return True


def _backshifted(t: Token, tokens: list[Token], reporting: set) -> bool:
    """Is the English past ``t`` the backshifted tense of reported speech,
    the complement of a reporting verb in the past (``reporting``: the
    lemmas of en.json ``reporting_lemmas``; 'said the strike was
    costing': what the French tells in the present, « la grève coûte »)?
    Quirk et al. (1985) 14.31 (backshift)."""
    verb, gov = clause_governor(t, tokens)
    return (verb is not None and verb.dep in ("ccomp", "conj") and gov is not None and gov is not verb
            and gov.lemma in reporting and gov.morph.get("Tense") == "Past")


# the source of a futur antérieur's future cue (compare.claims words its finding so)
FUTURE_PERFECT = "spacy:FuturePerfect"
# the sources of past_tense_cues' perfect (has been, « a été », the French passé composé) and of
# reported speech's backshifted past ('said the strike was costing'): compare.claims reads both
PERFECT = "spacy:Perfect:weak"
BACKSHIFT = "spacy:Backshift:weak"
# the source of a French imparfait under a reporting verb in the past read as the present of what
# was said (concordance des temps): a present that is also a past
CONCORDANCE = "spacy:Concordance:weak"


def _future_auxiliary(t: Token) -> bool:
    """A French auxiliary in the simple future (« aura », « seront »): with
    a past participle it makes the futur antérieur, a completed event at a
    point still to come ('will have directed') or, in reports, a conjecture
    or a summing-up about the past (« il aura oublié », 'he must have
    forgotten'; « la tempête aura fait douze morts »); neither is the plain
    past of the passé composé, so it makes a future cue (FUTURE_PERFECT),
    not a completed one.  Riegel, Pellat & Rioul (2009) VII.3 (le futur
    antérieur)."""
    return t.morph.get("Tense") == "Fut" and t.morph.get("VerbForm") == "Fin" and _future_shape(t.text)


def _english_perfect(t: Token, k: int, tokens: list[Token]) -> bool:
    """'has' / 'have' auxiliary of a past participle after it (the present perfect)."""
    return t.lemma == "have" and t.dep == "aux" and t.tag in ("VBZ", "VBP") and k < t.head < len(tokens) \
        and tokens[t.head].tag == "VBN"


# the endings of French past participles: -é, -i, -u, -is, -it and their
# feminine and plural forms (-t of « fait », « écrit » is -it; « offert »,
# « peint » are left to the tagger)
_PARTICIPLE_ENDING = re.compile(r"(?:é|i|u|is|it|int|ert)(?:e|s|es)?$")  # plaint, offert (session 61)
_NOT_PARTICIPLES = frozenset({"NOUN", "PROPN", "DET", "NUM", "ADP", "ADV", "CCONJ", "SCONJ", "PUNCT"})


def _french_perfect(t: Token, k: int, tokens: list[Token], lex: Optional[Lexicon] = None) -> bool:
    """An auxiliary of tense before its past participle (the passé composé,
    « a annoncé »).  The parse's aux:tense is trusted for a participle in
    -i, -u, -is, -it that the small model mistags (« a ralenti » tagged a
    pronoun read « a » as a present against 'slowed'), not for a noun."""
    if t.dep != "aux:tense" or not k < t.head < len(tokens):
        return False
    if lex is not None and t.lemma not in lex.extra.get("perfect_auxiliary", ()):
        return False  # « resteront fermées » parsed as an auxiliary: a future, no perfect
    return _participle_like(tokens[t.head], governs_aux=True)


def _participle_like(u: Token, governs_aux: bool = False) -> bool:
    """:func:`_participle`, or a word of five letters or more with a
    participle's ending that is no noun, determiner, number, adverb,
    preposition or conjunction (where avoir stands right before it; the
    short pronouns in -i, « ceci », « lui », and « aussi » stay out).  ``governs_aux``: the parse makes it
    the head of an auxiliary of tense, which no noun takes: any word with a
    participle's ending (« a bâti », « ont élu », « a investi » tagged
    nouns)."""
    ending = _PARTICIPLE_ENDING.search(u.text.casefold()) is not None
    if governs_aux:
        return _participle(u) or (ending and u.pos not in ("PROPN", "DET", "NUM", "PUNCT")
                                  and (u.pos != "PRON" or len(u.text) >= 6))
    return _participle(u) or (len(u.text) >= 5 and u.pos not in _NOT_PARTICIPLES and ending)


def _participle(u: Token) -> bool:
    """A French past participle by its tag, or by its form where spaCy's
    small model mistags it: a verb, adjective or adverb in -é, -ée, -és,
    -ées (« ont signalé » tagged an adverb made « ont » a present against
    'reported', a blind trial's false tense_changed).  The form alone
    would take a noun (« ont la santé »): the tag must not be one."""
    if u.morph.get("VerbForm") == "Part":
        return True
    form = u.text.casefold()
    return u.pos in ("VERB", "ADJ", "ADV") and form.endswith(("é", "ée", "és", "ées"))


def _etre_perfect(t: Token, k: int, tokens: list[Token], lex: Lexicon) -> Optional[Token]:
    """The past participle of a passé composé with être whatever the parse
    (spaCy's small model reads « il est né », « est entrée » as passives):
    present être, then within two words a participle of a verb that takes
    être (``etre_auxiliary.lemmas``, or one of its ``participles`` by form
    whatever the tag), or any participle after a reflexive clitic (« il
    s'est rendu »); None otherwise."""
    rule = lex.extra.get("etre_auxiliary")
    if not rule or t.lemma != "être" or t.morph.get("Tense") != "Pres" or t.morph.get("VerbForm") != "Fin" \
            or t.morph.get("Mood") != "Ind":
        return None
    reflexive = k > 0 and tokens[k - 1].text.casefold() in rule.get("reflexive_clitics", ())
    participles = _etre_participles(tuple(rule.get("participles", ())))
    for u in tokens[k + 1:k + 3]:
        if u.morph.get("VerbForm") == "Part" and (reflexive or u.lemma in rule.get("lemmas", ())) \
                or _plain(u.text.casefold()) in participles:
            return u
        # after a reflexive clitic, a participle the tagger calls an adjective (« se sont
        # plaints » read as a present, a fresh user's trial of session 61)
        if reflexive and _participle_like(u) and u.lemma != u.text.casefold():
            return u
    return None


@functools.lru_cache(maxsize=4)
def _etre_participles(stems: tuple[str, ...]) -> frozenset[str]:
    """The participles with their agreement endings (né, née, nés, nées), accents off."""
    return frozenset(_plain(p) + e for p in stems for e in ("", "e", "s", "es"))


def present_tense_cues(tokens: list[Token], lang: str, lex: Lexicon) -> list[ClaimCue]:
    """Finite verbs in the present (value 'present') and, in French, in the
    imparfait (value 'past'), as tense cues marked ':weak': they only
    answer the other version's time in compare.claims.check_tense_shift
    (« est » against "was"), never reported alone.  Not the auxiliary of a
    perfect (past_tense_cues), nor a verb that with its infinitive makes a
    future or a recent past (« va réagir », « vient de signer », "is going
    to": ``periphrastic_tense`` in the language's lexicon).  English: tags
    VBZ and VBP.  French: Tense=Pres or Imp with Mood=Ind.  Quirk et al.
    (1985) 4.4-4.11; Riegel, Pellat & Rioul (2009) VII.2 (présent,
    imparfait, futur proche)."""
    out = []
    for k, t in enumerate(tokens):
        source = None
        if lang == "en":
            if t.tag not in ("VBZ", "VBP") or _english_perfect(t, k, tokens):
                continue
            value = "present"
        elif lang == "fr":
            value = _french_time(t, k, tokens, lex)
            if value is None or _etre_perfect(t, k, tokens, lex) is not None:
                continue
            if value == "past" and _said_before_que(k, tokens, set(lex.extra.get("reporting_lemmas", ()))):
                # the imparfait of a « que » clause after a reporting verb in the past tells the
                # present of what was said (« a indiqué qu'il maintenait »: 'we are keeping'; concordance
                # des temps, Riegel, Pellat & Rioul 2009 XVII.4.2; session 42's trial, against 将维持)
                # ... and still a past: CONCORDANCE marks it (compare.claims reads both where it must)
                value, source = "present", CONCORDANCE
        else:
            return []
        if _periphrastic(k, tokens, lex):
            continue
        out.append(ClaimCue(start=t.start, end=t.end, text="", kind="tense", value=value,
                            source=source or f"spacy:Tense={value}:weak"))
    return out


def _french_time(t: Token, k: int, tokens: list[Token], lex: Lexicon) -> Optional[str]:
    """'present', 'past' (the imparfait) or 'future' for a finite French
    verb in the indicative, or None.  spaCy's small model mistags tenses, so the form
    decides for verbs in -er (:func:`_imparfait`) and checks the tag for
    the others: an imparfait has a vowel, then an imperfect ending, and is
    no conditional (« croit », « tait » tagged Imp are presents, « ouvrait »
    a past, « serait » neither); a present whose form is the infinitive or
    an irregular future stem plus a future ending is a future (« vous
    encouragerez », « augmenteront » tagged Pres); avoir with a past participle after it is a perfect (« a été »,
    also where the parser hangs it elsewhere: past_tense_cues).  Riegel,
    Pellat & Rioul (2009) VII.2-3."""
    tense = t.morph.get("Tense")
    if t.morph.get("VerbForm") != "Fin" or t.morph.get("Mood") != "Ind" or _french_perfect(t, k, tokens, lex):
        return None
    if k and tokens[k - 1].text.casefold() in lex.extra.get("determiners_only", ()):
        return None  # « cet été » 'this summer': a noun (fr.json determiners_only)
    if tense not in ("Pres", "Imp"):  # a passé simple is past_tense_cues' unless it is a future form
        return "future" if tense == "Past" and _future_form(t, lex) else None
    if tense == "Pres" and t.lemma == "avoir" and (any(_participle(u) for u in tokens[k + 1:k + 3])
                                                   or (k + 1 < len(tokens) and _participle_like(tokens[k + 1]))):
        return None  # « a été »: avoir with a participle is always a compound past
    past = _imparfait(t)
    if past is None:  # not a verb in -er: the tag, unless the form cannot be an imparfait
        form = _plain(t.text.casefold())
        ending = next((e for e in _IMPERFECT_ENDINGS if form.endswith(e)), None)
        # -aient is no present ending but of a few verbs in -er and -aire (paient, traient)
        past = (tense == "Imp" or ending == "aient") and ending is not None \
            and re.search("[aeiouy]", form[:-len(ending)]) is not None and not _conditional(t, form[:-len(ending)], lex)
    if past:
        return "past"
    return "future" if _future_form(t, lex) else "present"


def _conditional(t: Token, before_ending: str, lex: Lexicon) -> bool:
    """Is a form with an imperfect ending a conditional: the infinitive plus
    the ending (:func:`regular_conditional`), or an irregular future stem
    (``irregular_future_stems``, fr.json: serait, deviendrait) before it?
    Not any r before the ending (:func:`conditional_form`): « ouvrait », «
    mesurait » are imparfaits."""
    stems = lex.extra.get("irregular_future_stems", ())
    return regular_conditional(t) or any(before_ending.endswith(_plain(s)) for s in stems)


def _imparfait(t: Token) -> Optional[bool]:
    """For a verb in -er, whether its form is a past: the stem (the
    infinitive without -er, with the e a g keeps before a: mangeait) plus
    an imperfect ending or a passé simple ending, which no present form is
    (« occupaient », « entra », « étudiions » against « étudions », « vais »
    of aller a present); for a verb in -dre on its stem, the imparfait
    against the present (« rendiez », « rendez »); None for other verbs,
    whose stems the infinitive does not give (faire: fait / faisait / fit)."""
    lemma = _plain(t.lemma.casefold())
    stem, form = lemma[:-2], _plain(t.text.casefold())
    if lemma.endswith("dre") and len(lemma) > 4 and form.startswith(stem):
        # rendre, attendre: rendiez is the imparfait, rendez the present;
        # a form off the stem (prenions) is left to the tag
        return any(form == stem + e for e in _IMPERFECT_ENDINGS)
    if not lemma.endswith("er") or len(lemma) < 4:
        return None
    return any(form == s + e for s in (stem, stem + "e") for e in _IMPERFECT_ENDINGS + _PASSE_SIMPLE_ENDINGS)


# of verbs in -er, accents off (Riegel, Pellat & Rioul 2009, VII.2: passé simple)
_PASSE_SIMPLE_ENDINGS = ("ai", "as", "a", "ames", "ates", "erent")


_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")


def _future_shape(word: str) -> bool:
    """Can ``word`` be a French future at all?  Every future, regular or
    not, ends in r plus a future ending (sera, ira, viendra, finiront);
    spaCy's small model tags « été » (summer) Tense=Fut.  Riegel, Pellat &
    Rioul (2009) VII.3: formation du futur."""
    form = _plain(word.casefold())
    return any(form.endswith("r" + e) for e in _FUTURE_ENDINGS)


def _future_form(t: Token, lex: Lexicon) -> bool:
    """Is ``t`` a French future tagged otherwise: the infinitive (without
    the e of -re) plus a future ending (encouragerez = encourager + ez), or
    an irregular future stem plus one (irons, deviendra:
    ``irregular_future_stems``)?"""
    form = _plain(t.text.casefold())
    for s in lex.extra.get("irregular_future_stems", ()):
        s = _plain(s)
        # a stem of two letters only whole (ira, not tira, a passé simple)
        if any(form == s + e or len(s) > 2 and form.endswith(s + e) for e in _FUTURE_ENDINGS):
            return True
    if not t.lemma.endswith(("er", "ir", "re")):
        return False
    lemma = _plain(t.lemma.casefold())
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return form.startswith(stem) and form[len(stem):] in _FUTURE_ENDINGS


def _periphrastic(k: int, tokens: list[Token], lex: Lexicon) -> bool:
    """Does tokens[k] make a future or a recent past with what follows: a
    lemma of ``periphrastic_tense.lemmas`` with an infinitive within three
    words (« va réagir », « vient de signer »), or followed by words of
    ``periphrastic_tense.followed_by`` ('is going to', 'is about to')?"""
    rule = lex.extra.get("periphrastic_tense", {})
    if tokens[k].lemma in rule.get("lemmas", ()) and any(t.morph.get("VerbForm") == "Inf" for t in tokens[k + 1:k + 4]):
        return True
    after = " ".join(t.text.casefold() for t in tokens[k + 1:k + 3])
    return any(after.startswith(w) for w in rule.get("followed_by", ()))


def clause_governor(t: Token, tokens: list[Token]) -> tuple[Optional[Token], Optional[Token]]:
    """(the verb of ``t``'s clause, the word that governs it): ``t`` and its
    head, or for an auxiliary its verb and the verb's head ('aurait
    démissionné', 'would reopen': the clause's verb governs).  None where a
    head index falls outside ``tokens``."""
    head = tokens[t.head] if 0 <= t.head < len(tokens) else None
    if head is None or not t.dep.startswith("aux"):
        return t, head
    return head, (tokens[head.head] if 0 <= head.head < len(tokens) else head)


def mark_subordinate(cues: list[ClaimCue], tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """``cues`` with each tense or modal cue whose verb sits in an adverbial
    or relative clause (a dependency label of the language's
    ``subordinate_deps`` on the way from the verb to the root) given
    ``detail`` 'subordinate': the main clause tells the claim's time ('They
    will cancel the tour after he injured himself' is a plan).  Languages
    without the list (Chinese: no parse) are returned unchanged."""
    deps = set(lex.extra.get("subordinate_deps", ()))
    if not deps:
        return cues
    starts = [t.start for t in tokens]
    out = []
    for c in cues:
        k = _token_at(tokens, starts, c.start) if c.kind in ("tense", "modal") else -1
        out.append(_with_mark(c, "subordinate") if k >= 0 and _under_clause(k, tokens, deps) else c)
    return out


def _with_mark(c: ClaimCue, mark: str) -> ClaimCue:
    return replace(c, detail=" ".join(sorted(c.marks | {mark})))


def _under_clause(k: int, tokens: list[Token], deps: set) -> bool:
    """Is token ``k`` (an auxiliary counts as its verb) inside a clause
    attached by one of ``deps``?  Follows heads to the root (at most one
    step per token: a malformed parse cannot loop)."""
    for _ in range(len(tokens)):
        t = tokens[k]
        if t.dep in deps:
            return True
        if not 0 <= t.head < len(tokens) or t.head == k:
            return False
        k = t.head
    return False


def past_possibility(cues: list[ClaimCue], tokens: list[Token], lang: str, lex: Lexicon) -> list[ClaimCue]:
    """``cues`` with each possibility about the past marked "past"
    (ClaimCue.marks): 'may have chosen', « aurait pu », « pourrait avoir
    choisi », 可能选择了, 本可以; a Chinese possibility of a time to come
    (可能将, 可能会) "future" (French and English mark that time with the
    verb's own form).  The rules and their words are the language's
    (models/claims/<lang>.json ``_comment_possibility_past``)."""
    if lang == "en":
        time_of = _english_possibility_time
    elif lang == "fr":
        time_of = _french_possibility_time
    elif lang == "zh":
        time_of = _chinese_possibility_time
    else:
        return cues
    starts = [t.start for t in tokens]
    out = []
    for c in cues:
        k = _token_at(tokens, starts, c.start) if c.possibility else -1
        if k >= 0:
            j = k
            while j + 1 < len(tokens) and tokens[j + 1].end <= c.end:
                j += 1  # the cue's last token ('may have')
            mark = time_of(k, j, tokens, lex)
            c = _with_mark(c, mark) if mark else c
        out.append(c)
    return out


def _english_possibility_time(k: int, j: int, tokens: list[Token], lex: Lexicon) -> Optional[str]:
    """"past" for a modal followed by 'have' (not, an adverb between) and a past participle."""
    have = set(lex.extra.get("perfect_auxiliary", ()))
    i = j if tokens[j].lemma in have and j > k else j + 1
    while i < len(tokens) and i <= j + 3 and tokens[i].lemma not in have and tokens[i].pos in ("PART", "ADV"):
        i += 1
    if i >= len(tokens) or tokens[i].lemma not in have or tokens[i].tag != "VB" and i != j:
        return None
    return "past" if i + 1 < len(tokens) and tokens[i + 1].tag == "VBN" else None


def _french_possibility_time(k: int, j: int, tokens: list[Token], lex: Lexicon) -> Optional[str]:
    """"past" for « pouvoir »/« devoir » as a participle in the cue or right
    after it (« a pu », « aurait dû »), or before an infinitive of the past
    (« pourrait avoir choisi »)."""
    verbs, aux = set(lex.extra.get("possibility_verbs", ())), set(lex.extra.get("perfect_auxiliary", ()))
    for i in range(k, min(j + 2, len(tokens))):
        if tokens[i].lemma in verbs and tokens[i].morph.get("VerbForm") == "Part":
            return "past"
    i = j + 1
    while i < len(tokens) and i <= j + 3 and tokens[i].pos in ("ADV", "PART"):
        i += 1  # « ne pas », « peut-être »
    # the auxiliary of a compound tense (aux:tense), not the passive's « être annulés »
    past = (i + 1 < len(tokens) and tokens[j].lemma in verbs and tokens[i].lemma in aux
            and tokens[i].dep in lex.extra.get("perfect_aux_deps", ()) and tokens[i].morph.get("VerbForm") == "Inf"
            and tokens[i + 1].morph.get("VerbForm") == "Part")
    return "past" if past else None


def _chinese_possibility_time(k: int, j: int, tokens: list[Token], lex: Lexicon) -> Optional[str]:
    """"past": 本/本来/原本 right before the cue, or in the rest of its
    clause, before any word of a future, an aspect particle right after a
    verb, or 已经 (a 已 or 了 that a 的 follows within two words modifies a
    noun: 已支付的款项 'the sums already paid', not the possibility's verb).
    "future": a word of a future (要, 会, 将: the zh.json
    ``possibility_past_stop``) in the cue or ending its stretch of clause
    (可能将接触, 可能会).  None otherwise: Chinese marks the time of a
    possibility only so."""
    if k > 0 and _ends_with_adverb(tokens[k - 1].text, lex.extra.get("possibility_past_before", ())):
        return "past"
    marks, words = set(lex.extra.get("possibility_past_marks", ())), set(lex.extra.get("possibility_past_words", ()))
    stop = set(lex.extra.get("possibility_past_stop", ()))
    end = next((i for i in range(j + 1, len(tokens)) if tokens[i].pos == "w" or tokens[i].text in stop), len(tokens))
    for i in range(j + 1, end):
        t = tokens[i]
        if (t.text in words or t.text in marks and tokens[i - 1].pos.startswith("v")) \
                and not any(u.text == "的" for u in tokens[i + 1:i + 3]):
            return "past"
    if any(tokens[i].text.endswith(w) for i in range(k, j + 1) for w in stop) \
            or end < len(tokens) and tokens[end].text in stop:
        return "future"
    return None


def _ends_with_adverb(word: str, adverbs) -> bool:
    """Is ``word`` one of ``adverbs`` (本, 本来), or a word LAC glued to it
    (火灾本 in 火灾本可以) whose last two characters are no word of their
    own in CC-CEDICT (日本, 成本, 资本 are)?"""
    if word in adverbs:
        return True
    return any(len(word) > len(a) and word.endswith(a) and not zh_known(word[-len(a) - 1:]) for a in adverbs)


def chinese_tense_future(cues: list[ClaimCue], tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """``cues`` with the Chinese future adverb 将 made a future of tense
    (kind 'tense', as 将于 + a time), which a plain past of the other
    version answers (compare.claims.check_tense: a plan told as done,
    区政府将开展检查 / « les autorités avaient lancé des inspections »),
    where nothing else can read it: LAC tags it an adverb (d) and the
    next word is no noun, name or pronoun (将文件交给, 将 Sonnet 3.6 蒸馏:
    the disposal 将 that LAC sometimes tags d), and no verb of saying,
    promising or expecting comes before it in its sentence
    (``tense_future_not_after``: 以为 OpenAI 将发布 is 'thought it would',
    told in the past).  The lexicon's ``tense_future`` lists the words."""
    words = set(lex.extra.get("tense_future", ()))
    if not words:
        return cues
    starts = [t.start for t in tokens]
    out = []
    for c in cues:
        k = _token_at(tokens, starts, c.start) if c.kind == "modal" and c.text in words else -1
        if k >= 0 and _future_of_tense(tokens, k, lex):
            c = replace(c, kind="tense", value="future")  # its marks kept
        out.append(c)
    return out


def _future_of_tense(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """See :func:`chinese_tense_future`."""
    nominal = set(lex.extra.get("tense_future_not_before_tags", ()))
    entry = lex.entries.get(tokens[k].text)
    if entry is None or not lac_tag_fits(entry, tokens, k) or k + 1 >= len(tokens) or tokens[k + 1].pos in nominal:
        return False
    if tokens[k + 1].text.startswith("被"):
        return False  # 将被困村民转移: a disposal whose object starts with a passive participle (LAC: v)
    saying = tuple(lex.extra.get("tense_future_not_after", ()))
    for t in reversed(tokens[:k]):
        if t.pos == "w" and t.text in "。！？；":
            break  # the sentence: 该声明称，土耳其还将接管 reports what the statement said
        if any(w in t.text for w in saying):
            return False
    return True


def english_reported_would(cues: list[ClaimCue], tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """``cues`` with each conditional 'would' / 'd whose verb is the
    complement of a reporting verb in the past ("she said the bridge would
    reopen") given the value 'future': the future in the past of indirect
    speech, as french_mood_cues reads « a dit qu'il rouvrirait » (en.json
    ``reporting_lemmas`` and its note)."""
    reporting = set(lex.extra.get("reporting_lemmas", []))

    def reports(w: Optional[Token]) -> bool:
        return w is not None and w.lemma in reporting and w.morph.get("Tense") == "Past"

    at = {t.start: t for t in tokens}
    out = []
    for c in cues:
        t = at.get(c.start)
        if c.kind == "modal" and c.value == "conditional" and t is not None and t.dep == "aux":
            verb, says = clause_governor(t, tokens)
            # the complement of the reporting verb, or a verb coordinated
            # with it (its speaker's own "but would not back down"), or of a
            # clause with a reporting verb inserted ("The government, she
            # said, was ready … but would not back down")
            main = says if verb.dep == "conj" else verb
            if (says is not None and says is not verb and verb.dep in ("ccomp", "xcomp", "conj") and reports(says)) \
                    or any(w.dep == "parataxis" and 0 <= w.head < len(tokens) and tokens[w.head] is main and reports(w)
                           for w in tokens):
                c = replace(c, value="future")
        out.append(c)
    return out


_IMPERFECT_ENDINGS = ("ais", "ait", "ions", "iez", "aient")


def conditional_form(word: str) -> bool:
    """Can ``word`` be a French conditional at all?  Every conditional,
    regular or not (serait, aurait, pourrait, viendrait), is the future stem,
    which ends in r, plus an imperfect ending; a form without that r is an
    imperfect however spaCy's small model tags it ('descendait' tagged
    Mood=Cnd).  Riegel, Pellat & Rioul (2009), Grammaire méthodique du
    français, VII.3: formation du conditionnel."""
    form = _plain(word.casefold())
    return any(form.endswith("r" + e) for e in _IMPERFECT_ENDINGS)


def _plain(word: str) -> str:
    """Without accents: 'génèrerait' and 'générer' share a stem."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def regular_conditional(t: Token) -> bool:
    """A regular French conditional that spaCy's small model tagged as
    another mood ('renforcerait', 'ressemblerait'): the conditional is built
    on the infinitive (minus the final e of -re verbs) plus an imperfect
    ending, which tells it from the imperfect ('déclarait' is not
    'déclarer' + 'ait').  Riegel, Pellat & Rioul (2009), Grammaire
    méthodique du français, VII.3: formation du conditionnel."""
    if t.pos not in ("VERB", "AUX") or not t.lemma.endswith(("er", "ir", "re")):
        return False
    lemma = _plain(t.lemma)
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    form = _plain(t.text.casefold())
    return form.startswith(stem) and form[len(stem):] in _IMPERFECT_ENDINGS


def _determines_superlative(prev: Optional[Token]) -> bool:
    """Is ``prev`` the determiner of an analytic superlative: 'the', or a
    possessive (the world's, its, their: spaCy POS / PRP$), as in 'the
    world's most recognised monuments' (Quirk et al. 1985, 7.74-7.77: the
    superlative takes the definite determiner or a genitive)."""
    return prev is not None and (prev.text.casefold() == "the" or prev.tag in ("POS", "PRP$"))


def _adverb_superlative(t: Token) -> bool:
    """'most' / 'least' as an adverb (RBS): the superlative of the word it
    grades whatever precedes it ('the seventh most populous', 'the second
    most visited'), of a predicative phrase ('most at risk', 'most in
    need') or of the verb ('those who suffered most'), never the quantifier
    'most' of 'most people', which spaCy tags JJS (Quirk et al. 1985, 7.74:
    an ordinal may come between the determiner and the superlative; 7.84,
    'most' as the superlative of the adverb 'much').  Session 35: 'most at
    risk' / « les plus exposés » / 风险最大 read as a quantifier changed."""
    return t.tag == "RBS"


def english_tag_cues(tokens: list[Token]) -> list[ClaimCue]:
    """Comparatives and superlatives from spaCy's tags (JJR/RBR, JJS/RBS),
    and 'the most' / 'the world's most' as a superlative (not the quantifier
    'most of', :func:`_determines_superlative`).  A superlative inflected on
    its adjective (latest, largest, best) is marked ':weak': lexical, it
    answers the other side's superlative but is not reported alone."""
    out = []
    for k, t in enumerate(tokens):
        prev = tokens[k - 1] if k else None
        low = t.text.casefold()
        if low in ("most", "least") and (_determines_superlative(prev) or _adverb_superlative(t)) \
                or t.tag in ("JJS", "RBS") and low not in ("most", "least"):
            analytic = low in ("most", "least")
            # a sentence may open with it ('Most important, ...': no word before)
            start = prev.start if analytic and prev is not None and prev.text.casefold() == "the" else t.start
            out.append(ClaimCue(start=start, end=t.end, text="", kind="degree", value="superlative",
                                source=f"spacy:{t.tag}" + ("" if analytic else ":weak")))
        elif t.tag in ("JJR", "RBR") and low not in ("more", "less", "fewer") or low in ("more", "less") and t.tag in ("RBR",):
            out.append(ClaimCue(start=t.start, end=t.end, text="", kind="degree", value="comparative",
                                source=f"spacy:{t.tag}"))
    return out


def merge(cues: Iterable[ClaimCue], text: str) -> list[ClaimCue]:
    """Cues sorted by offset; a cue overlapping an earlier longer one of the
    same kind is dropped ('the most' as a superlative wins over 'most')."""
    kept: list[ClaimCue] = []
    for c in sorted(cues, key=lambda c: (-(c.end - c.start), c.start, c.kind)):
        if any(c.start < k.end and k.start < c.end and (k.kind == c.kind or {k.kind, c.kind} <= {"degree", "quantifier"})
               for k in kept):
            continue
        c.text = text[c.start:c.end]
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end, c.kind))


def condition_cues(text: str, tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """Conditions: the lexicon's ``condition_phrases`` as written (如果,
    « à condition que », 'provided that') and its ``condition_words`` when
    spaCy makes them the mark of an adverbial clause or they open the
    sentence or a clause ('if', « si », « s' »: not 'asked if', « je ne
    sais pas si »), unless one of ``condition_not_after`` comes right
    before ('as if', « même si ») or an adjective or adverb and one of
    ``condition_not_followed_by`` after it (« si vite que »)."""
    low = text.casefold()
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    out = []
    for phrase in lex.extra.get("condition_phrases", []):
        for m in re.finditer(re.escape(phrase.casefold()), low):
            if lex.lang == "zh" and m.start() not in starts:
                continue  # 要是 inside 主要|是 ('mainly is'): a word begins where the tokenizer says
            if lex.lang != "zh" and (m.start() not in starts or m.end() not in ends):
                continue
            out.append(ClaimCue(start=m.start(), end=m.end(), text=text[m.start():m.end()], kind="condition",
                                value="condition", source=f"lexicon:{lex.lang}"))
    out += _condition_marks(text, tokens, lex)
    out += _inversions(text, tokens, lex)
    # set phrases that hold a conditional word and make no condition (« si l'on en croit »)
    blocked = [m.span() for w in lex.extra.get("condition_not", []) for m in re.finditer(re.escape(w.casefold()), low)]
    return [c for c in out if not any(a <= c.start < b for a, b in blocked)] + _time_answers(text, tokens, lex)


def _condition_marks(text: str, tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """The lexicon's ``condition_words`` read as a condition (see
    :func:`condition_cues`)."""
    out = []
    words = {w.casefold() for w in lex.extra.get("condition_words", [])}
    not_after = {w.casefold() for w in lex.extra.get("condition_not_after", [])}
    for k, t in enumerate(tokens):
        if t.text.casefold() not in words or t.dep != "mark":
            continue
        # « Si la hausse se confirme, … », « Et si … » (parsed as the root)
        if not _adverbial_mark(t, k, tokens, lex):
            continue
        if k > 0 and tokens[k - 1].text.casefold() in not_after:
            continue
        if k + 2 < len(tokens) and tokens[k + 1].pos in ("ADJ", "ADV") \
                and tokens[k + 2].text.casefold() in lex.extra.get("condition_not_followed_by", ()):
            continue  # « si vite que »: so fast that
        # an elided « s' » is quoted with its pronoun (« s'il »)
        end = tokens[k + 1].end if t.text[-1:] in "'’" and k + 1 < len(tokens) else t.end
        out.append(ClaimCue(start=t.start, end=end, text=text[t.start:end], kind="condition", value="condition",
                            source=f"lexicon:{lex.lang}"))
    return out


def _adverbial_mark(t: Token, k: int, tokens: list[Token], lex: Lexicon) -> bool:
    """Does the mark ``t`` open a conditional clause: at the start of the
    sentence or a clause (« Si la hausse se confirme, … », « Et si … »),
    or marking an adverbial clause or an elliptic one ('if necessary', «
    si nécessaire »: the head an adjective)?  Where the lexicon lists
    ``condition_not_under`` (French: spaCy's small model hangs a « si »
    clause as obl:arg, ccomp or the root as often as advcl), any clause
    but an indirect question, whose governor is a verb of asking, knowing
    or finding out (« il ignore si », « sans préciser si », « détecter si
    une personne ment »)."""
    if k == 0 or tokens[k - 1].pos == "PUNCT" or all(x.pos in ("CCONJ", "PUNCT") for x in tokens[:k]):
        return True
    head = tokens[t.head] if 0 <= t.head < len(tokens) else None
    if head is None or head is t:
        return False
    asking = lex.extra.get("condition_not_under")
    gov = tokens[head.head] if head.dep != "ROOT" and 0 <= head.head < len(tokens) else None
    if asking is not None and gov is not None and gov.lemma.casefold() in asking:
        return False  # « il ignore si … » (parsed advcl as often as ccomp)
    # an elliptic clause's head is the next word (« si nécessaire », 'if possible'); in French
    # the small model also tags a verb an adjective (« si un patient ment »)
    if head.dep == "advcl" or head.pos in ("ADJ", "ADV") and (asking is None or t.head == k + 1):
        return True
    return asking is not None


def _inversions(text: str, tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """A conditional clause opened by its auxiliary before the subject
    ('should the talks fail', 'were it approved': the lexicon's
    ``condition_inversions``): the auxiliary of an adverbial clause,
    followed by a determiner, a pronoun or a name."""
    words = {w.casefold() for w in lex.extra.get("condition_inversions", [])}
    if not words or text.rstrip().endswith("?"):
        return []  # 'Should we wait?' asks
    out = []
    for k, t in enumerate(tokens[:-1]):
        head = tokens[t.head] if 0 <= t.head < len(tokens) else None
        if t.text.casefold() in words and head is not None and head.dep in ("advcl", "ccomp") and t.head > k \
                and tokens[k + 1].pos in ("DET", "PRON", "PROPN", "NOUN"):
            out.append(ClaimCue(start=t.start, end=t.end, text=text[t.start:t.end], kind="condition", value="condition",
                                source=f"lexicon:{lex.lang}"))
    return out


def _time_answers(text: str, tokens: list[Token], lex: Lexicon) -> list[ClaimCue]:
    """Words of time that render a condition (一旦 as 'when', « lorsque »;
    the lexicon's ``condition_answers``): weak condition cues, which only
    answer one of the other version.  Single words are whole tokens (当 is
    not 当地 'local'), phrases are read as written."""
    answers = [w.casefold() for w in lex.extra.get("condition_answers", [])]
    low = text.casefold()
    spans = {(t.start, t.end) for t in tokens if t.text.casefold() in answers}
    spans |= {m.span() for w in answers if " " in w for m in re.finditer(re.escape(w), low)}
    return [ClaimCue(start=a, end=b, text=text[a:b], kind="condition", value="time",
                     source=f"lexicon:{lex.lang}:weak") for a, b in sorted(spans)]

