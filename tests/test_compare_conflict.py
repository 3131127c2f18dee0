import numpy as np
import pytest

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.compare import MentionIndex  # noqa: E402
from rumorlens.compare.conflict import find_conflicts  # noqa: E402
from rumorlens.records import Document, Mention, Sentence  # noqa: E402


def _doc(did, text):
    d = Document(id=did, path=f"{did}.txt", lang="en", languages=["en"], text=text, format="txt", encoding="utf-8")
    return d, [Sentence(f"{did}:0", did, 0, 0, len(text), text, "en")]


def _m(did, text, snip, kind, type_, value=None, **kw):
    i = text.index(snip)
    return Mention(did, i, i + len(snip), snip, "en", kind, type_, value=value, **kw)


def _setup(b_text, b_value, b_snip):
    a_text = "OpenAI is now valued at $157 billion after the round."
    da, sa = _doc("a", a_text)
    db, sb = _doc("b", b_text)
    ms = {
        "a": MentionIndex([_m("a", a_text, "OpenAI", "entity", "ORG", "openai", canonical="OpenAI"),
                           _m("a", a_text, "$157 billion", "number", "money", 1.57e11, unit="USD", scale_word="billion")]),
        "b": MentionIndex([_m("b", b_text, "OpenAI", "entity", "ORG", "openai", canonical="OpenAI"),
                           _m("b", b_text, b_snip, "number", "money", b_value, unit="USD", scale_word="billion")]),
    }
    v = np.ones((1, 4), dtype="float32") / 2.0  # the two sentences are neighbours
    return [da, db], {"a": sa, "b": sb}, {"a": v, "b": v.copy()}, ms


def test_valuation_conflict_between_unrelated_articles():
    docs, sents, emb, ms = _setup("The round values OpenAI at $150 billion.", 1.5e11, "$150 billion")
    (f,) = find_conflicts(docs, sents, emb, ms, versions=[])
    assert f.category == "conflict" and f.severity == "medium"
    assert [e.text for e in f.evidence[:2]] == ["$157 billion", "$150 billion"]
    assert "a.txt" in f.explanation and "b.txt" in f.explanation


def test_no_conflict_between_versions_or_equal_values():
    docs, sents, emb, ms = _setup("The round values OpenAI at $150 billion.", 1.5e11, "$150 billion")
    assert find_conflicts(docs, sents, emb, ms, versions=[("a", "b")]) == []
    docs, sents, emb, ms = _setup("The round values OpenAI at $157 billion.", 1.57e11, "$157 billion")
    assert find_conflicts(docs, sents, emb, ms, versions=[]) == []
    # far-apart values are about different things (revenue vs valuation)
    docs, sents, emb, ms = _setup("OpenAI will make $3.7 billion this year.", 3.7e9, "$3.7 billion")
    assert find_conflicts(docs, sents, emb, ms, versions=[]) == []


def test_model_size_conflict_found_by_the_name_it_is_bound_to():
    """GPT-3 at 175B in one article, 176B in another: the sentences say little
    else alike (not FAISS neighbours), but both bind a parameter count to the
    same model name."""
    from rumorlens.mentions import extract_text

    texts = {"a": ("zh", "OpenAI 最后一次官方披露模型规模是在 2020 年的 GPT-3，拥有 1750 亿个参数。"),
             "b": ("zh", "H100-NVL 的显存为什么不是 80G 的两倍？因为放不下GPT-3 176B 的参数量。")}
    docs, sents, ms = [], {}, {}
    for did, (lang, text) in texts.items():
        d = Document(id=did, path=f"{did}.txt", lang=lang, languages=[lang], text=text, format="txt", encoding="utf-8")
        docs.append(d)
        sents[did] = [Sentence(f"{did}:0", did, 0, 0, len(text), text, lang)]
        ms[did] = MentionIndex(extract_text(text, lang, doc_id=did))
    # orthogonal-ish sentence vectors: similarity 0.3, below conflict_min_similarity
    va = np.array([[1.0, 0.0]], dtype="float32")
    vb = np.array([[0.3, (1 - 0.09) ** 0.5]], dtype="float32")
    (f,) = find_conflicts(docs, sents, {"a": va, "b": vb}, ms, versions=[])
    assert [e.text for e in f.evidence[:2]] == ["1750 亿个参数", "176B"]
    assert "about GPT-3:" in f.explanation and "gpt3" not in f.explanation and "params" in f.explanation
    # unrelated sentences (similarity 0) are not compared, bound or not
    vb0 = np.array([[0.0, 1.0]], dtype="float32")
    assert find_conflicts(docs, sents, {"a": va, "b": vb0}, ms, versions=[]) == []
    # the same value is no conflict
    assert find_conflicts(docs, sents, {"a": va, "b": vb}, ms, versions=[("a", "b")]) == []


# --------------------------------------------------------------------------
# flood control (issue 10): a conflict is a disagreement on one figure


def _valuations(values: dict[str, float], name: str = "OpenAI"):
    """One document per entry, each saying ``name`` is valued at its value
    (in billions of dollars); every sentence a neighbour of every other."""
    docs, sents, emb, ms = [], {}, {}, {}
    for did, v in values.items():
        snip = f"${v:g} billion"
        text = f"{name} is now valued at {snip} after the round."
        d, s = _doc(did, text)
        docs.append(d)
        sents[did] = s
        emb[did] = np.ones((1, 4), dtype="float32") / 2.0
        ms[did] = MentionIndex([_m(did, text, name, "entity", "ORG", name.lower(), canonical=name),
                                _m(did, text, snip, "number", "money", v * 1e9, unit="USD", scale_word="billion")])
    return docs, sents, emb, ms


def _split(found):
    shown = [f for f in found if f.type == "value_conflict"]
    withheld = [f for f in found if f.type == "conflicts_withheld"]
    return shown, withheld


def test_scattered_values_are_withheld_and_counted():
    """Six articles state six different values near one another for one
    name and unit: figures about different things, not one disagreement.
    No value_conflict is shown, and one finding counts all 15 pairs."""
    values = {f"d{i}": v for i, v in enumerate([150, 153, 157, 160, 164, 170])}
    shown, withheld = _split(find_conflicts(*_valuations(values), versions=[]))
    assert shown == []
    (w,) = withheld
    assert w.category == "conflict" and w.severity == "low"
    assert w.explanation.startswith("15 further candidate conflicts between articles not shown: 15 about facts")
    assert "OpenAI USD: 15" in w.explanation  # the name, not its key (openai)
    assert len(w.evidence) == 4 and {e.doc for e in w.evidence} == set(w.docs)


def test_a_disagreement_on_one_figure_is_shown_within_the_budget_per_fact():
    """Three articles say $157 billion, three say $150 billion: two values,
    one disagreement, nine pairs; three are shown (conflict_max_per_fact),
    the other six counted."""
    from rumorlens.compare.thresholds import thresholds

    assert thresholds()["conflict_max_per_fact"] == 3
    values = {"a1": 157, "a2": 157, "a3": 157, "b1": 150, "b2": 150, "b3": 150}
    shown, withheld = _split(find_conflicts(*_valuations(values), versions=[]))
    assert len(shown) == 3
    assert all({e.text for e in f.evidence[:2]} == {"$157 billion", "$150 billion"} for f in shown)
    (w,) = withheld
    assert w.explanation.startswith("6 further candidate conflicts between articles not shown: 6 beyond 3 per fact")


def test_budget_per_corpus(monkeypatch):
    """Past conflict_max_per_corpus findings, the rest are counted."""
    from rumorlens.compare import conflict

    th = dict(conflict.thresholds(), conflict_max_per_corpus=1)
    monkeypatch.setattr(conflict, "thresholds", lambda: th)
    docs, sents, emb, ms = _valuations({"a": 157, "b": 150})
    more = _valuations({"c": 20, "d": 21}, name="Mistral")  # a second fact: Mistral's value
    docs += more[0]
    for mine, theirs in zip((sents, emb, ms), more[1:]):
        mine.update(theirs)
    shown, withheld = _split(find_conflicts(docs, sents, emb, ms, versions=[]))
    assert len(shown) == 1
    (w,) = withheld
    assert w.explanation.startswith("1 further candidate conflict between articles not shown: 1 beyond 1 in all")


def test_bound_fact_candidates_are_each_rows_nearest_not_every_pair():
    # issue 12: a name and unit bound in many sentences gives candidates in
    # proportion to its sentences (each row's k nearest), not their square
    from rumorlens.compare.conflict import _nearest_within

    rng = np.random.default_rng(0)
    mat = rng.normal(size=(300, 16)).astype("float32")
    mat /= np.linalg.norm(mat, axis=1, keepdims=True)
    idx = sorted(rng.choice(300, 120, replace=False).tolist())
    sims = mat[idx] @ mat[idx].T
    np.fill_diagonal(sims, -np.inf)
    expected = {(idx[min(a, b)], idx[max(a, b)]) for a in range(len(idx)) for b in np.argsort(-sims[a])[:5]}
    got = _nearest_within(mat, idx, 5, block=7)  # several blocks
    assert set(got) == expected and got == sorted(got)
    assert len(got) <= 5 * len(idx) < len(idx) * (len(idx) - 1) // 2
    # a few rows: every pair, as before
    assert _nearest_within(mat, idx[:6], 5) == [(i, j) for x, i in enumerate(idx[:6]) for j in idx[:6][x + 1:]]


def test_bound_fact_candidates_leave_out_pairs_of_one_document_only():
    # copies of one sentence are all tied: each kept every other (quadratic);
    # pairs of one document are never a conflict between articles
    from rumorlens.compare.conflict import _nearest_within

    rng = np.random.default_rng(1)
    mat = rng.normal(size=(60, 16)).astype("float32")
    mat /= np.linalg.norm(mat, axis=1, keepdims=True)
    owner = np.array([k % 3 for k in range(60)])
    idx = list(range(0, 60, 2))
    plain = _nearest_within(mat, idx, 5, block=7)
    got = _nearest_within(mat, idx, 5, block=7, owner=owner)
    assert got == [(i, j) for i, j in plain if owner[i] != owner[j]] and got
    assert _nearest_within(mat, idx[:6], 5, owner=owner) == [
        (i, j) for x, i in enumerate(idx[:6]) for j in idx[:6][x + 1:] if owner[i] != owner[j]]
    copies = np.repeat(mat[:1], 400, axis=0)  # one document repeating one sentence
    assert _nearest_within(copies, list(range(400)), 5, owner=np.zeros(400, dtype=int)) == []


def test_bound_fact_candidates_of_two_documents_repeating_one_sentence_stay_linear():
    # two documents each repeating one sentence: every copy is tied with
    # every copy of the other; each row keeps at most 2k of them (by row
    # order), not all of them
    from rumorlens.compare.conflict import _nearest_within

    rng = np.random.default_rng(2)
    one = rng.normal(size=(1, 16)).astype("float32")
    one /= np.linalg.norm(one)
    mat = np.repeat(one, 600, axis=0)
    owner = np.repeat([0, 1], 300)
    got = _nearest_within(mat, list(range(600)), 5, block=64, owner=owner)
    assert got and all(owner[i] != owner[j] for i, j in got)
    assert len(got) <= 2 * 5 * 600 < 300 * 300
    # every row still has partners in the other document
    assert {i for p in got for i in p} == set(range(600))
