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
    assert "gpt3" in f.explanation and "params" in f.explanation
    # unrelated sentences (similarity 0) are not compared, bound or not
    vb0 = np.array([[0.0, 1.0]], dtype="float32")
    assert find_conflicts(docs, sents, {"a": va, "b": vb0}, ms, versions=[]) == []
    # the same value is no conflict
    assert find_conflicts(docs, sents, {"a": va, "b": vb}, ms, versions=[("a", "b")]) == []
