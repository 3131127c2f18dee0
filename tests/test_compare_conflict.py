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
