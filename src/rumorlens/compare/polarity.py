"""Polarity check: a negation present on one side of a bead and absent from
the other.  Scope is kept simple and honest: we count negation cues (不 没 未
无 非; ne…pas, jamais, aucun, sans; not, no, never, n't), minus words that
only contain them (非常, 未来, "not only"), and report when one side has some
and the other none -- unless the other has as many words negated by an
affix (nonviolently for 非暴力, asymptomatic for 无症状).  When an encoder is at hand, the finding must survive
an ablation test: without its negation cue, the negated side must read
*closer* to the other side.  Different non-zero counts are not reported:
double negatives and antonyms ("lack" for 没有) make them too weak.
A negated word whose antonym the other side says ("not large" / "small")
is no reversal either (compare.antonyms.negation_as_antonym), nor is
'never been so high' against 'the highest ever' (_superlative_said).
Inside documents, where the ablation test cannot tell a flipped negation
from a litotes, the words can: the other side states what the negation
bears on (compare.negation_scope.kept_scope, medium)."""
from __future__ import annotations

import re

from ..records import Finding
from .antonyms import negation_as_antonym
from .claims import side_cues
from .cues import affixal_negations, cue_lists, denials, negations, word_spans
from .negation_scope import kept_scope, never_so, single_negations
from .pair import AlignedPair, Side, make_finding, quote, robust_z
from .thresholds import thresholds


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for a, b in spans:
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    return " ".join(x.strip() for x in out if x.strip())


# a clause cut by a transcript's line breaks: short and without an end mark
_FRAGMENT_MAX_WEIGHT = 30
_END_MARKS = tuple("。！？!?.…；;")
_SENTENCE_END = re.compile(r"(?<=[。！？!?.…])\s*|\n+")


def _fragment(side) -> bool:
    from .omission import text_weight

    text = side.text.strip()
    return text_weight(text) < _FRAGMENT_MAX_WEIGHT and not text.endswith(_END_MARKS)


def _nearest(side) -> tuple[str, str]:
    """The sentences (or transcript lines) just before and just after this
    side, as the alignment cut it ("" at a document's end)."""
    if side.context_start is None or side.empty:
        return "", ""
    before = [x for x in _SENTENCE_END.split(side.doc_text[side.context_start:side.start]) if x.strip()]
    after = [x for x in _SENTENCE_END.split(side.doc_text[side.end:side.context_end]) if x.strip()]
    return (before[-1] if before else ""), (after[0] if after else "")


def _moved_nearby(other, side) -> bool:
    """Did the negation ``other`` lacks move one sentence away: a negation
    in the sentence just before (or after) ``other`` where ``side``'s own
    sentence just before (or after) has none?  When both neighbours negate,
    the neighbour's negation is its own ("no casualties have been
    reported" / 暂无人员伤亡报告 just before "the dam had shown signs of
    danger" / 大坝目前未出现险情: a trial's negation flip was excused)."""
    mine, theirs = _nearest(side), _nearest(other)
    return any(negations(t, other.lang) and not negations(m, side.lang) for m, t in zip(mine, theirs))


def _carried_otherwise(side, other, spans: list[tuple[int, int]]) -> bool:
    """Is the negation of ``side`` (its cue ``spans``) carried by ``other``
    without a negation word: by as many words negated by an affix, beyond
    those ``side`` has itself (非暴力 / nonviolently; non-croyants /
    non-believers is on both sides and carries nothing), by more privative
    words than ``side`` has ('missing', 断水: cues.json privative), by a hedge that
    says 'unlikely' (可能性很小 for 'most likely not': cues.json negation
    ``unlikely``), or -- a negation inside a comparative of degree
    (越不活跃) -- by less/fewer/moins?"""
    extra = len(affixal_negations(other.text, other.lang)) - len(affixal_negations(side.text, side.lang))
    if extra >= len(spans):
        return True
    privative = cue_lists().get("privative", {})
    if len(word_spans(other.text, privative.get(other.lang, ()), other.lang)) \
            - len(word_spans(side.text, privative.get(side.lang, ()), side.lang)) >= len(spans):
        return True  # 'missing' / 下落不明, 断水 / 'without water': the negation is in the word's meaning
    unlikely = cue_lists()["negation"].get("unlikely", {})
    if word_spans(other.text, unlikely.get(other.lang, ()), other.lang) \
            and not word_spans(side.text, unlikely.get(side.lang, ()), side.lang):
        return True  # 'most likely not' / 可能性很小: the negation is in the other's hedge
    comp = cue_lists()["negation"].get("comparative", {})
    if not comp.get(side.lang) or not comp.get(other.lang):
        return False
    if not all(any(side.text[max(0, e - len(c)):e] == c for c in comp[side.lang]) for _, e in spans):
        return False  # every cue ends a comparative (越不, 更不)
    return re.search(r"(?<!\w)(?:" + "|".join(map(re.escape, comp[other.lang])) + r")(?!\w)", other.text, re.I) is not None


def _superlative_said(side, other, spans: list[tuple[int, int]]) -> bool:
    """Does ``side`` say 'never ... so' (compare.negation_scope.never_so)
    where ``other`` states a superlative (its degree cues) or a record
    (cues.json ``superlative_words``)?  'has never been so high' is 'the
    highest level ever', « un niveau record »."""
    comparatives = [c.start - side.start for c in side_cues(side) if c.kind == "degree" and c.value == "comparative"]
    if not never_so(side, spans, comparatives):
        return False
    return (any(c.kind == "degree" and c.value == "superlative" for c in side_cues(other))
            or bool(word_spans(other.text, cue_lists()["superlative_words"].get(other.lang, ()), other.lang)))


def _already_against_not_yet(side, other, spans: list[tuple[int, int]]) -> list:
    """The 'already' cues of ``other`` (the claims stage's tense cues
    'completed' that hold a word of cues.json negation ``already``:
    'has already been passed', « déjà », 已) when ``side``'s negation is a 'not
    yet' (cues.json negation ``not_yet``: a word after the negation word
    in its clause, 'has not been approved yet', or 尚未 itself); else [],
    and [] when ``other`` denies its 'already' (否认已经批准: a denial of
    'already' is a 'not yet', a blind trial of session 34).  An 'already'
    marked ``subordinate`` (claims.cues.mark_subordinate) is not one."""
    words = cue_lists()["negation"].get("not_yet", {}).get(side.lang, ())
    if not words:
        return []
    if side.lang == "zh":
        not_yet = any(any(w in side.text[max(0, s - 2):e + 2] for w in words) for s, e in spans)
    else:
        not_yet = any(re.search(r"^[^,;:.!?]*?(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)",
                                side.text[e:], re.I) for _, e in spans)
    if not not_yet or denials(other.text, other.lang):
        return []  # 否认已经批准 / « a démenti avoir déjà approuvé » is 'had not yet approved'
    already = cue_lists()["negation"].get("already", {}).get(other.lang, ())
    # an 'already' of a relative or adverbial clause tells of another event
    # ('costs expected to surpass GPT-4's, which already required…' against
    # 尚未充分证明: a retelling's sentence and its source's)
    return [c for c in side_cues(other) if c.kind == "tense" and c.value == "completed"
            and "subordinate" not in c.marks
            and (c.text in already if other.lang == "zh" else bool(word_spans(c.text, already, other.lang)))]


def check_polarity(pair: AlignedPair) -> list[Finding]:
    if pair.src.empty or pair.tgt.empty:
        return []
    if max(len(pair.src.sentence_ids), len(pair.tgt.sentence_ids)) > 2:
        return []  # a long n-m bead: cues no longer line up with each other
    st = pair.stats
    # a bead as close as a copy (an edited copy of a sentence) is compared
    # whatever its pair's median: among near-copies every edited bead sits
    # below the median (1.0), so no dropped "not" of a copy was ever checked
    copy_like = pair.similarity >= thresholds()["polarity_copy_similarity"]
    # inside documents, the encoder's word is taken only for beads at least
    # as close as the pair's median (below it, the kept scope must speak)
    confirmable = not (pair.src.sentence_ids and st.n >= 8 and not copy_like
                       and robust_z(pair.similarity, st.median, st.mad) < thresholds()["polarity_confirm_min_z"])
    ns = negations(pair.src.text, pair.src.lang)
    nt = negations(pair.tgt.text, pair.tgt.lang)
    if bool(ns) == bool(nt):
        return []  # both negated (or neither): counting cues cannot tell more honestly
    side, other, spans = (pair.tgt, pair.src, nt) if nt else (pair.src, pair.tgt, ns)
    type_ = "negation_added" if nt else "negation_removed"
    if not single_negations(side, spans, grading=False):
        return []  # 并非没有, « pas sans »: a double negation, the same claim
    if _carried_otherwise(side, other, spans):
        return []  # 非暴力 / nonviolently, 越不活跃 / less active: the negation moved into a word
    if _superlative_said(side, other, spans):
        return []  # 'never been so high' / 'the highest ever': the same superlative
    if negation_as_antonym(pair, side, spans):
        return []  # "not large" / "small": the negation moved into the other word's meaning
    if _fragment(other):
        return []  # a line cut mid-clause (a transcript's): its negation may sit on the next line
    already = _already_against_not_yet(side, other, spans)
    if already:
        cue = ", ".join(quote(side.text[s:e]) for s, e in spans[:3])
        expl = (f"The {pair.label(side)} says this has not happened yet ({cue}); the {pair.label(other)} says it "
                f"already has ({', '.join(quote(c.text) for c in already[:2])}): they say opposite things.")
        ev = [side.evidence(side.start + s, side.start + e) for s, e in spans]
        ev += [other.evidence(c.start, c.end) for c in already[:2]] + [other.evidence()]
        return [make_finding(pair, "polarity", type_, "high", 0.8, ev, expl)]
    # the other side may negate one bead away: a boundary moved, not the
    # polarity -- unless this bead's other side states what is negated
    moved = not copy_like and _moved_nearby(other, side)
    conf = _ablation_confidence(pair, side, other, spans, copy_like) if confirmable and not moved else None
    cue = ", ".join(quote(side.text[s:e]) for s, e in spans[:3])
    ev = [side.evidence(side.start + s, side.start + e) for s, e in spans]
    if conf is not None:
        expl = (f"The {pair.label(side)} has a negation ({cue}) that the {pair.label(other)} "
                f"does not: one of them may say the opposite of the other.")
        return [make_finding(pair, "polarity", type_, "high", conf, ev + [other.evidence()], expl)]
    # the encoder cannot tell (a free translation gains little when its
    # "not" is dropped, and so does a litotes): the words can, when the
    # other side states what the negation bears on
    kept = kept_scope(side, other, spans, pair.phrase_similarity)
    if not kept:
        return []
    mine = ", ".join(quote(w.text, 20) for w, _ in kept[:3])
    theirs = ", ".join(quote(o.text, 20) for _, o in kept[:3])
    expl = (f"The {pair.label(side)} negates ({cue}) what the {pair.label(other)} states without a negation "
            f"({mine}, rendered {theirs}): one of them may say the opposite of the other.")
    ev += [side.evidence(side.start + w.start, side.start + w.end) for w, _ in kept]
    ev += [other.evidence(other.start + o.start, other.start + o.end) for _, o in kept]
    return [make_finding(pair, "polarity", type_, "medium", 0.5, ev, expl)]


def _ablation_confidence(pair: AlignedPair, side: Side, other: Side, spans, copy_like: bool):
    """The confidence of a one-sided negation by the ablation test, or
    None when the test rejects it: the other side may negate without a cue
    word (免 "free of", "lack", "fail to"); then dropping our cue makes the
    two sides *less* alike; if they get more alike, the negation really is
    on one side only.  0.65 without an encoder."""
    sim = pair.phrase_similarity
    if sim is None:
        return 0.65
    before = sim(side.text, other.text)
    gain = sim(_without_spans(side.text, spans), other.text) - before
    # inside documents (free translation, transcripts) the bar is higher
    # than for a single sentence pair checked on its own; but two
    # near-copies can gain at most what separates them (1 - before):
    # for a copy-like bead, closing half of that gap is enough
    key = "polarity_ablation_gain_doc" if pair.src.sentence_ids else "polarity_ablation_gain"
    bar = thresholds()[key]
    if copy_like:
        bar = min(bar, (1.0 - before) / 2)
    return min(0.9, 0.65 + 2 * gain) if gain > bar else None


def check_denial(pair: AlignedPair) -> list[Finding]:
    """A denial (否认, nier/démentir, deny) on one side only: "Amodei denied
    they had abandoned Opus 3.5" against "Amodei dropped Opus 3.5" says the
    opposite, though neither side has a negation word.  The same ablation
    test as for negations guards it when an encoder is at hand."""
    if pair.src.empty or pair.tgt.empty:
        return []
    if max(len(pair.src.sentence_ids), len(pair.tgt.sentence_ids)) > 2:
        return []
    ds = denials(pair.src.text, pair.src.lang)
    dt = denials(pair.tgt.text, pair.tgt.lang)
    if bool(ds) == bool(dt):
        return []
    side, other, spans = (pair.tgt, pair.src, dt) if dt else (pair.src, pair.tgt, ds)
    if _fragment(other):
        return []
    if _emptied(side, spans):
        return []  # 'denied nothing', 'nobody denied': no denial of what the other side says
    admitted = _admissions(other)
    if admitted:
        return [_denial_against_admission(pair, side, other, spans, admitted)]
    if denials(other.context, other.lang):
        return []  # the denial sits one bead away on the other side
    conf = 0.55
    sim = pair.phrase_similarity
    if sim is not None:
        gain = sim(_without_spans(side.text, spans), other.text) - sim(side.text, other.text)
        if gain <= 0:
            return []
        conf = min(0.8, 0.55 + 2 * gain)
    type_ = "denial_added" if dt else "denial_dropped"
    cue = ", ".join(quote(side.text[s:e]) for s, e in spans[:3])
    expl = (f"The {pair.label(side)} reports a denial ({cue}) that the {pair.label(other)} does not: "
            f"one version may state as fact what the other says was denied.")
    ev = [side.evidence(side.start + s, side.start + e) for s, e in spans] + [other.evidence()]
    return [make_finding(pair, "polarity", type_, "medium", conf, ev, expl)]


def _admissions(side: Side) -> list[tuple[int, int]]:
    """Spans of the side's verbs of admitting (cues.json ``admission``) with
    no negation cue just before them: 并未承认, « n'a pas reconnu », 'did not
    admit' deny, as the other version's 'denied' says."""
    spans = word_spans(side.text, cue_lists().get("admission", {}).get(side.lang, []), side.lang)
    negs = negations(side.text, side.lang)
    negs += word_spans(side.text, cue_lists().get("admission_negated_by", {}).get(side.lang, []), side.lang)
    return [(a, b) for a, b in spans if not any(0 <= a - e <= _NEGATED_WITHIN for _, e in negs)]


def _emptied(side: Side, denied: list[tuple[int, int]]) -> bool:
    """Is a denial of ``side`` emptied by a word next to it ('denied nothing',
    'nobody denied', 'could hardly deny': cues.json ``denial_emptied_by``)
    or by a negation cue just before it?"""
    words = word_spans(side.text, cue_lists().get("denial_emptied_by", {}).get(side.lang, []), side.lang)
    words += negations(side.text, side.lang)
    return any(-_NEGATED_WITHIN <= a - e <= _NEGATED_WITHIN or -_NEGATED_WITHIN <= s - f <= _NEGATED_WITHIN
               for s, e in denied for a, f in words)


# characters between a negation cue and the verb it negates: 并未|承认, n'|a pas |reconnu, not |admit
_NEGATED_WITHIN = 12


def _denial_against_admission(pair: AlignedPair, side: Side, other: Side, spans, admitted) -> Finding:
    """'denied' against 'admitted' (否认 / « a reconnu »): the opposite said
    in so many words, high without the ablation test (cues.json
    ``admission``)."""
    cue = ", ".join(quote(side.text[s:e]) for s, e in spans[:3])
    said = ", ".join(quote(other.text[s:e]) for s, e in admitted[:3])
    expl = (f"The {pair.label(side)} reports a denial ({cue}) where the {pair.label(other)} says it was admitted "
            f"({said}): the two say the opposite.")
    ev = [side.evidence(side.start + s, side.start + e) for s, e in spans]
    ev += [other.evidence(other.start + s, other.start + e) for s, e in admitted]
    return make_finding(pair, "polarity", "denial_reversed", "high", 0.75, ev, expl)
