"""Polarity check: a negation present on one side of a bead and absent from
the other.  Scope is kept simple and honest: we count negation cues (不 没 未
无 非; ne…pas, jamais, aucun, sans; not, no, never, n't), minus words that
only contain them (非常, 未来, "not only"), and report when one side has some
and the other none.  When an encoder is at hand, the finding must survive
an ablation test: without its negation cue, the negated side must read
*closer* to the other side.  Different non-zero counts are not reported:
double negatives and antonyms ("lack" for 没有) make them too weak."""
from __future__ import annotations

from ..records import Finding
from .cues import negations
from .pair import AlignedPair, lang_name, make_finding, quote
from .thresholds import thresholds


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for a, b in spans:
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    return " ".join(x.strip() for x in out if x.strip())


def check_polarity(pair: AlignedPair) -> list[Finding]:
    if pair.src.empty or pair.tgt.empty:
        return []
    if max(len(pair.src.sentence_ids), len(pair.tgt.sentence_ids)) > 2:
        return []  # a long n-m bead: cues no longer line up with each other
    st = pair.stats
    if pair.src.sentence_ids and st.n >= 8 and pair.similarity < st.median:
        return []  # inside documents, only beads at least as close as the pair's median
    ns = negations(pair.src.text, pair.src.lang)
    nt = negations(pair.tgt.text, pair.tgt.lang)
    if bool(ns) == bool(nt):
        return []  # both negated (or neither): counting cues cannot tell more honestly
    side, other, spans = (pair.tgt, pair.src, nt) if nt else (pair.src, pair.tgt, ns)
    type_ = "negation_added" if nt else "negation_removed"
    conf = 0.65
    sim = pair.phrase_similarity
    if sim is not None:
        # the other side may negate without a cue word (免 "free of", "lack", "fail to"):
        # then dropping our cue makes the two sides *less* alike; if they get
        # more alike, the negation really is on one side only
        gain = sim(_without_spans(side.text, spans), other.text) - sim(side.text, other.text)
        # inside documents (free translation, transcripts) the bar is higher
        # than for a single sentence pair checked on its own
        key = "polarity_ablation_gain_doc" if pair.src.sentence_ids else "polarity_ablation_gain"
        if gain <= thresholds()[key]:
            return []
        conf = min(0.9, 0.65 + 2 * gain)
    cue = ", ".join(quote(side.text[s:e]) for s, e in spans[:3])
    expl = (f"The {pair.label(side)} has a negation ({cue}) that the {pair.label(other)} "
            f"does not: one of them may say the opposite of the other.")
    ev = [side.evidence(side.start + s, side.start + e) for s, e in spans] + [other.evidence()]
    return [make_finding(pair, "polarity", type_, "high", conf, ev, expl)]
