"""Conflicts across articles: documents that are *not* versions of each other
state different values for the same thing ($157 billion vs $150 billion for
one valuation; GPT-3 at 175B vs 176B parameters), different times of day
(18h10 vs 6:07 p.m.) or different ranks (10th vs « 9e » High Commissioner).

Candidates are FAISS nearest neighbours over every sentence embedding; a
candidate is kept only when both sentences name the same canonical entity
and carry a comparable quantity (same kind, same unit, values within a small
ratio) that differs, with no equal value between them.  Times of day and
ranks are compared by :mod:`rumorlens.compare.conflict_facts`, which also
accepts two sentences that name nothing in common: for times when the
times are minutes apart, for ranks when the sentences say nearly the same
thing."""
from __future__ import annotations

import functools
import re
from typing import Iterable, NamedTuple, Optional

import numpy as np

from ..clauses import clause_spans
from ..mentions.crossling import compare_numbers
from ..mentions.entities import entity_key, label_of_key
from ..records import FURNITURE_KINDS, Document, Finding, Mention, Sentence
from .cues import cue_lists
from .conflict_facts import clock_times, date_conflict, day_dates, rank_conflict, ranks, time_conflict
from .driver import MentionIndex
from .numbers import fmt_value
from .pair import make_finding, quote
from .thresholds import thresholds



def _quantities(ms: list[Mention]) -> list[Mention]:
    return [m for m in ms if m.kind == "number" and m.value is not None
            and m.type in ("money", "count", "percent") and (m.unit or m.type in ("money", "percent"))]


def find_conflicts(
    docs: list[Document],
    sentences: dict[str, list[Sentence]],
    embeddings: dict[str, np.ndarray],
    mentions: dict[str, MentionIndex],
    versions: Iterable[tuple[str, str]],
) -> list[Finding]:
    """Value conflicts between sentences of documents that are not versions
    of each other, after flood control (:func:`flood_control`): the
    findings shown, then, when some candidates were held back, one
    ``conflicts_withheld`` finding that counts them and says why."""
    th = thresholds()
    related = {frozenset(p) for p in versions}
    by_id = {d.id: d for d in docs}
    rows, mat = _rows(docs, sentences, embeddings, mentions)
    if len(rows) < 2:
        return []
    cands = _candidates(rows, mat, th)
    found: dict[str, Candidate] = {}
    for (i, j) in sorted(cands):
        di, si, mi, ki = rows[i]
        dj, sj, mj, kj = rows[j]
        if di == dj or frozenset((di, dj)) in related:
            continue
        shared = sorted(ki & kj)
        f = None
        if shared:
            f = value_conflict(by_id[di], si, mi, by_id[dj], sj, mj, shared, cands[(i, j)])
        for other in (time_conflict, date_conflict, rank_conflict):
            f = f or other(by_id[di], si, mi, by_id[dj], sj, mj, shared, cands[(i, j)])
        if f is not None and f.id not in found:
            subject = shared[0] if shared else f"{di}#{si.index}"  # no name: one fact per statement
            label = label_of_key(mi, shared[0]) if shared else f"a statement of {by_id[di].path}"
            found[f.id] = Candidate(f, _fact(f, mi, subject), label)
    return flood_control(list(found.values()), _statements(rows))


class Candidate(NamedTuple):
    """A conflict finding and its fact: (entity key, quantity type, unit);
    ``label``: the fact's subject as a reader knows it (not its key)."""
    finding: Finding
    fact: tuple[str, str, str]
    label: str = ""


Row = tuple[str, Sentence, list[Mention], set[str]]


def _rows(docs, sentences, embeddings, mentions) -> tuple[list[Row], Optional[np.ndarray]]:
    """(document id, sentence, its mentions, its entity keys) of every
    sentence that names an entity and states a quantity or a day, or that
    states a time of day or a rank (named or not: conflict_facts), and their
    embeddings as one float32 matrix (None when there are fewer than 2)."""
    rows: list[Row] = []
    vecs = []
    for d in sorted(docs, key=lambda d: d.id):
        emb = embeddings.get(d.id)
        if emb is None:
            continue
        for s in sentences.get(d.id, []):
            if s.kind in FURNITURE_KINDS:
                continue  # page furniture is kept out of the checks
            ms = mentions[d.id].inside(s.start, s.end) if d.id in mentions else []
            q = _quantities(ms)
            keys = {entity_key(m) for m in ms if m.kind == "entity"}
            if (q and keys) or clock_times(ms) or ranks(ms, d.text) or (keys and day_dates(ms)):
                rows.append((d.id, s, ms, keys))
                vecs.append(emb[s.index])
    if len(rows) < 2:
        return rows, None
    return rows, np.ascontiguousarray(np.vstack(vecs).astype("float32"))


def _candidates(rows: list[Row], mat: np.ndarray, th: dict) -> dict[tuple[int, int], float]:
    """Row pairs (i < j) to compare, with their sentence similarity:
    sentence neighbours, and sentences that bind a quantity of the same unit
    to the same name ("GPT-3 176B" / "GPT-3，拥有 1750 亿个参数"): a fact
    about a named thing, however differently the sentences go on."""
    import faiss

    index = faiss.IndexFlatIP(mat.shape[1])
    index.add(mat)
    k = min(len(rows), int(th["conflict_neighbours"]) + 1)
    sims, nbrs = index.search(mat, k)
    # two sentences of one document are never a conflict between articles
    # (find_conflicts skips them): not candidates either
    doc_ids = {doc_id: n for n, doc_id in enumerate(sorted({r[0] for r in rows}))}
    owner = np.array([doc_ids[r[0]] for r in rows])
    cands: dict[tuple[int, int], float] = {}
    for i in range(len(rows)):
        for sim, j in zip(sims[i], nbrs[i]):
            j = int(j)
            if j > i and sim >= th["conflict_min_similarity"] and owner[i] != owner[j]:
                cands[(i, j)] = float(sim)
    by_fact: dict[tuple[str, str], list[int]] = {}
    for i, (_, _, ms, _) in enumerate(rows):
        for fact in sorted(bound_facts(ms, int(th["conflict_bound_max_gap"]))):
            by_fact.setdefault(fact, []).append(i)
    for fact in sorted(by_fact):
        for i, j in _nearest_within(mat, by_fact[fact], int(th["conflict_neighbours"]), owner=owner):
            sim = float(mat[i] @ mat[j])
            if (i, j) not in cands and sim >= th["conflict_min_similarity_bound"]:
                cands[(i, j)] = sim
    return cands


def _nearest_within(mat: np.ndarray, idx: list[int], k: int, block: int = 1024,
                    owner: Optional[np.ndarray] = None) -> list[tuple[int, int]]:
    """Pairs (i < j, sorted) of the rows ``idx`` (ascending) in which one is
    among the other's ``k`` most similar rows of ``idx``: every pair when
    there are at most k + 1 rows; otherwise at most about k per row, so a
    name and unit that thousands of sentences bind (a country and its
    currency in a large corpus) give candidates in proportion to its
    sentences, not to their square (issue 12).  Similarities are taken
    blockwise (``block`` rows at a time, bounded memory); rows tied with
    the k-th within 1e-5 are kept too, so that the last float bits of
    BLAS (thread count) do not change which pairs are kept.  ``owner``
    (each row's document): pairs of one document are left out of the
    answer, not of the choice of neighbours; copies of one sentence, all
    tied, were every pair of each other (a document repeating one sentence
    8,000 times: 40 s)."""
    m = len(idx)
    if m <= k + 1:
        return [(i, j) for x, i in enumerate(idx) for j in idx[x + 1:] if owner is None or owner[i] != owner[j]]
    sub = mat[np.asarray(idx)]
    sub_owner = None if owner is None else owner[np.asarray(idx)]
    out: set[tuple[int, int]] = set()
    for start in range(0, m, block):
        sims = sub[start:start + block] @ sub.T
        rows = np.arange(sims.shape[0])
        sims[rows, start + rows] = -np.inf
        kth = np.partition(sims, m - k, axis=1)[:, m - k]
        kept = sims >= (kth - 1e-5)[:, None]
        if sub_owner is not None:
            kept &= sub_owner[start:start + block, None] != sub_owner[None, :]
        _cap_ties(kept, sims, kth, 2 * k)
        r, c = np.nonzero(kept)
        for a, b in zip((start + r).tolist(), c.tolist()):
            out.add((idx[min(a, b)], idx[max(a, b)]))
    return sorted(out)


def _cap_ties(kept: np.ndarray, sims: np.ndarray, kth: np.ndarray, cap: int) -> None:
    """Keep at most ``cap`` entries in each row of ``kept`` (in place): every
    one clearly above the row's k-th similarity ``kth`` (by more than the
    1e-5 tie band), then tied ones by column order.  Without it two
    documents repeating one sentence thousands of times each kept every
    copy of the other (all tied): pairs in the square of the copies.  The
    choice does not depend on the float's last bits: the band does not,
    and column order is fixed."""
    for r in np.flatnonzero(kept.sum(axis=1) > cap).tolist():
        better = kept[r] & (sims[r] > kth[r] + 1e-5)
        band = np.flatnonzero(kept[r] & ~better)[:max(0, cap - int(better.sum()))]
        kept[r] = better
        kept[r, band] = True


def _fact(f: Finding, ms: list[Mention], subject: str) -> tuple[str, str, str]:
    """The fact a conflict finding is about: its subject and the type and
    unit of the quantity its first evidence quotes (a time or rank
    conflict: its subject and its type)."""
    if f.type != "value_conflict":
        return (subject, f.type, "")
    a = next(m for m in ms if m.kind == "number" and m.start == f.evidence[0].start
             and m.end == f.evidence[0].end and m.value == f.evidence[0].value)
    return (subject, a.type, a.unit or "")


def _key_value(v) -> float:
    return float(f"{abs(float(v)):.6g}")  # 1570 亿 and $157 billion are one value


def _statements(rows: list[Row]) -> dict[tuple[str, str, str], dict[float, set[str]]]:
    """Every value the corpus states for each fact (entity key, type, unit)
    in a sentence naming that entity, with the documents that state it."""
    out: dict[tuple[str, str, str], dict[float, set[str]]] = {}
    for doc_id, _, ms, keys in rows:
        for q in _quantities(ms):
            for key in keys:
                out.setdefault((key, q.type, q.unit or ""), {}).setdefault(_key_value(q.value), set()).add(doc_id)
    return out


def flood_control(cands: list[Candidate], statements: dict) -> list[Finding]:
    """The conflict findings to show, and one ``conflicts_withheld`` finding
    counting the rest, when there is any (issue 10: 2,098 conflicts on
    10,000 generated files).  Held back, in this order:

    - *scattered* facts: a conflict says that sources disagree on one figure
      ($157 billion vs $150 billion for one valuation).  When the corpus
      states more than ``conflict_max_values`` different values for the fact
      within ``conflict_max_ratio`` of the two values, the figures are about
      different things that happen to share a name and a unit (amounts of
      many deals "in China"), not a disagreement on one;
    - beyond ``conflict_max_per_fact`` findings for one fact, and
      ``conflict_max_per_corpus`` in all, the most confident first.

    Thresholds: models/thresholds/checks.json (how they were chosen is
    in its ``_comment``)."""
    th = thresholds()
    ratio = th["conflict_max_ratio"]
    held: dict[str, list[Candidate]] = {"scattered": [], "fact": [], "corpus": []}
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.finding.confidence, c.finding.id)):
        window = []
        if c.finding.type == "value_conflict":  # times and ranks have no ratio window
            lo, hi = sorted(_key_value(e.value) for e in c.finding.evidence[:2])
            window = [v for v in statements.get(c.fact, {}) if lo / ratio <= v <= hi * ratio]
        if len(window) > th["conflict_max_values"]:
            held["scattered"].append(c)
        elif sum(k.fact == c.fact for k in kept) >= th["conflict_max_per_fact"]:
            held["fact"].append(c)
        elif len(kept) >= th["conflict_max_per_corpus"]:
            held["corpus"].append(c)
        else:
            kept.append(c)
    out = [c.finding for c in kept]
    if any(held.values()):
        out.append(_withheld(held, th))
    return out


def _withheld(held: dict[str, list[Candidate]], th: dict) -> Finding:
    """One finding that counts the conflicts held back and says why; its
    evidence is the most confident of them (two values, two sentences)."""
    n = sum(len(v) for v in held.values())
    first = min((c for v in held.values() for c in v), key=lambda c: (-c.finding.confidence, c.finding.id))
    facts: dict[tuple[str, str, str], int] = {}
    labels: dict[tuple[str, str, str], str] = {}
    for c in held["scattered"]:
        facts[c.fact] = facts.get(c.fact, 0) + 1
        labels.setdefault(c.fact, c.label or c.fact[0])
    parts = []
    if held["scattered"]:
        top = sorted(facts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        parts.append(f"{len(held['scattered'])} about facts stated with more than "
                     f"{int(th['conflict_max_values'])} different values across the corpus, figures about "
                     f"different things rather than one disagreement ("
                     + ", ".join(f"{labels[(k, t, u)]} {u or t}: {c}" for (k, t, u), c in top) + ")")
    if held["fact"]:
        parts.append(f"{len(held['fact'])} beyond {int(th['conflict_max_per_fact'])} per fact")
    if held["corpus"]:
        parts.append(f"{len(held['corpus'])} beyond {int(th['conflict_max_per_corpus'])} in all")
    expl = (f"{n} further candidate conflict{'s' if n != 1 else ''} between articles not shown: "
            + "; ".join(parts) + ". The most confident of them is quoted as evidence: "
            + first.finding.explanation)
    return make_finding(None, "conflict", "conflicts_withheld", "low", first.finding.confidence,
                        list(first.finding.evidence), expl, docs=list(first.finding.docs))


def bound_facts(ms: list[Mention], max_gap: int) -> set[tuple[str, str]]:
    """(entity key, unit) for each quantity with a unit written right after a
    name, at most ``max_gap`` characters on, nothing else between: GPT-3 176B
    (params), GPT-3，拥有 1750 亿个参数 (params)."""
    return {(entity_key(a), b.unit) for a, b in bound_pairs(ms, max_gap)}


def bound_pairs(ms: list[Mention], max_gap: int) -> list[tuple[Mention, Mention]]:
    """(name, quantity) of each fact :func:`bound_facts` reads, in order."""
    ordered = sorted(ms, key=lambda m: (m.start, m.end))
    return [(a, b) for a, b in zip(ordered, ordered[1:])
            if a.kind == "entity" and b.kind == "number" and _quantities([b]) and b.unit
            and 0 <= b.start - a.end <= max_gap]


def _clauses_back(text: str, sent: Sentence, m: Mention) -> list[str]:
    """The clause of amount ``m`` in its sentence ``text[sent.start:sent.end]``
    (rumorlens.clauses.clause_spans), then that clause with each clause
    before it added, nearest first."""
    spans = clause_spans(text[sent.start:sent.end], m.lang, offset=sent.start)
    k = next((i for i, (_, e) in enumerate(spans) if m.start < e), len(spans) - 1)
    return [text[spans[j][0]:spans[k][1]] for j in range(k, -1, -1)]


@functools.lru_cache(maxsize=None)
def _measure_patterns(lang: str) -> dict[str, re.Pattern]:
    out = {}
    for name, forms in cue_lists().get("amount_measures", {}).items():
        words = sorted(forms.get(lang, ()), key=len, reverse=True)
        if words:
            alt = "|".join(map(re.escape, words))
            out[name] = re.compile(alt if lang == "zh" else rf"(?<![\w'’-])(?:{alt})(?![\w-])", re.I)
    return out


def _measures(text: str, sent: Sentence, m: Mention) -> set[str]:
    """The classes of amount (cues.json ``amount_measures``) the clause of
    amount ``m`` names; when it names none, those of the nearest clause
    before it that names one (公司第三季度净利润增长12%，至18亿美元: profit)."""
    pats = _measure_patterns(m.lang)
    for clause in _clauses_back(text, sent, m):
        found = {name for name, pat in pats.items() if pat.search(clause)}
        if found:
            return found
    return set()


def _measures_apart(ta: str, sa: Sentence, a: Mention, tb: str, sb: Sentence, b: Mention) -> bool:
    """Are amounts ``a`` and ``b`` of two different things: each one's
    clause names what it is an amount of (cues.json ``amount_measures``:
    profit, revenue, investment, valuation, ...) and the two share no
    class ('invest $2 billion in a battery plant' against 'net profit rose
    to $1.8 billion'; session 42's trial, three medium false alarms between
    two stories of one company)?  False when either clause names none."""
    ma, mb = _measures(ta, sa, a), _measures(tb, sb, b)
    return bool(ma) and bool(mb) and not ma & mb


def _years(ms: list[Mention]) -> set[str]:
    """The years the date mentions of a sentence name (their ISO values' first four digits)."""
    return {str(m.value)[:4] for m in ms if m.kind == "date" and m.value and str(m.value)[:4].isdigit()}


def value_conflict(da: Document, sa: Sentence, ma: list[Mention], db: Document, sb: Sentence,
                   mb: list[Mention], shared: list[str], sim: float) -> Optional[Finding]:
    """The conflict finding of two sentences that name ``shared`` and state
    quantities of one kind and unit: None when they agree on a value, when
    one is approximate, when no two values are within the ratio, when they
    name different years and no year in common, or when the two amounts are
    of different things (:func:`_measures_apart`)."""
    th = thresholds()
    ya, yb = _years(ma), _years(mb)
    if ya and yb and not ya & yb:
        return None  # the third quarter of 2024 and of 2025: two figures (a break test, session 42)
    qa, qb = _quantities(ma), _quantities(mb)
    verdicts = [(a, b, compare_numbers(a, b)) for a in qa for b in qb if a.type == b.type and a.unit == b.unit]
    if any(v.relation == "equal" for _, _, v in verdicts):
        return None  # they agree on a value of this kind: the other numbers are about other things
    best = None
    for a, b, v in verdicts:
        if v.relation not in ("different", "scale_error", "approx_changed"):
            continue
        lo, hi = sorted([abs(float(a.value)), abs(float(b.value))])
        if lo == 0 or hi / lo > th["conflict_max_ratio"]:
            continue
        if v.relation == "approx_changed" or a.approx or b.approx:
            continue  # "about 150" vs "157" is not a conflict
        if _measures_apart(da.text, sa, a, db.text, sb, b):
            continue  # an investment against a profit: two amounts, no disagreement
        if best is None or hi / lo < best[2]:
            best = (a, b, hi / lo)
    if best is None:
        return None
    a, b, _ = best
    from ..records import Evidence

    ev = [
        Evidence(doc=da.id, path=da.path, start=a.start, end=a.end, text=da.text[a.start:a.end], value=a.value),
        Evidence(doc=db.id, path=db.path, start=b.start, end=b.end, text=db.text[b.start:b.end], value=b.value),
        # the sentences: where the values stand, not what the finding says
        Evidence(doc=da.id, path=da.path, start=sa.start, end=sa.end, text=sa.text, role="context"),
        Evidence(doc=db.id, path=db.path, start=sb.start, end=sb.end, text=sb.text, role="context"),
    ]
    subject = label_of_key(ma, shared[0])
    expl = (f"Two different articles disagree about {subject}: {da.path} says {quote(a.text)} "
            f"({fmt_value(a.value)}{' ' + a.unit if a.unit else ''}) and {db.path} says {quote(b.text)} "
            f"({fmt_value(b.value)}{' ' + b.unit if b.unit else ''}).")
    conf = round(min(0.85, 0.4 + 0.5 * (sim - th["conflict_min_similarity"]) + 0.25), 3)
    return make_finding(None, "conflict", "value_conflict", "medium", conf, ev, expl, docs=sorted([da.id, db.id]))
