"""Document grouping and alignment groups."""
from __future__ import annotations

import numpy as np

from rumorlens.grouping import alignment_groups, group_documents, score_document_pairs
from rumorlens.records import Bead, Document, DocGroup, PairAlignment, Sentence


def unit(x):
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def make(doc_id, lang, texts):
    text = "\n".join(texts)
    doc = Document(id=doc_id, path=doc_id + ".txt", lang=lang, languages=[lang], text=text, format="txt",
                   encoding="utf-8")
    sents, pos = [], 0
    for k, t in enumerate(texts):
        sents.append(Sentence(id=f"{doc_id}:{k}", doc_id=doc_id, index=k, start=pos, end=pos + len(t), text=t,
                              lang=lang))
        pos += len(t) + 1
    return doc, sents


def test_versions_group_and_unrelated_stay_apart():
    rng = np.random.default_rng(0)
    meanings = unit(rng.normal(size=(40, 64)))
    other = unit(rng.normal(size=(30, 64)))
    fr_texts = [f"Phrase numéro {k} de l'article, assez longue pour compter." for k in range(40)]
    zh_texts = [f"文章的第{k}句话，长度差不多。" for k in range(40)]
    en_short = [f"Summary sentence {k}." for k in range(8)]
    docs, sents, emb = [], {}, {}
    for doc_id, lang, texts, vecs in [
        ("fr", "fr", fr_texts, meanings),
        ("zh", "zh", zh_texts, unit(meanings + 0.25 / 8 * rng.normal(size=meanings.shape))),
        ("en", "en", en_short, unit(meanings[::5] + 0.3 / 8 * rng.normal(size=(8, 64)))),
        ("xx", "fr", [f"Autre sujet {k}." for k in range(30)], other),
    ]:
        d, s = make(doc_id, lang, texts)
        docs.append(d)
        sents[doc_id] = s
        emb[doc_id] = vecs
    pairs = {(p.a, p.b): p for p in score_document_pairs(docs, sents, emb)}
    assert len(pairs) == 6
    assert pairs[("fr", "zh")].relation == "translation"
    assert pairs[("fr", "zh")].evidence["order_agreement"] > 0.9
    assert pairs[("en", "fr")].relation == "retelling"
    assert pairs[("fr", "xx")].relation == "unrelated"
    assert pairs[("fr", "zh")].score > pairs[("fr", "xx")].score + 0.5
    groups = group_documents(docs, sents, emb)
    assert [g.docs for g in groups] == [["en", "fr", "zh"]]
    assert groups[0].id == "group-001"
    # deterministic
    assert [p.score for p in score_document_pairs(docs, sents, emb)] == [
        p.score for p in score_document_pairs(docs, sents, emb)]


def test_order_agreement_weighs_in():
    """Same sentences, same matches: shuffled order scores far below kept order."""
    rng = np.random.default_rng(1)
    meanings = unit(rng.normal(size=(40, 64)))
    noisy = unit(meanings + 0.2 / 8 * rng.normal(size=(40, 64)))
    perm = rng.permutation(40)
    a, sa = make("a", "fr", [f"s{k}" for k in range(40)])
    b, sb = make("b", "en", [f"t{k}" for k in range(40)])
    kept = score_document_pairs([a, b], {"a": sa, "b": sb}, {"a": meanings, "b": noisy})[0]
    shuffled = score_document_pairs([a, b], {"a": sa, "b": sb}, {"a": meanings, "b": noisy[perm]})[0]
    assert kept.evidence["mutual_pairs"] == shuffled.evidence["mutual_pairs"] == 40
    assert kept.score > 0.95 and shuffled.score < 0.5 * kept.score
    assert shuffled.evidence["order_agreement"] < 0.5


def test_alignment_groups_merge_pairwise_beads():
    group = DocGroup(id="g1", docs=["a", "b", "c"], relation="translation", score=0.9)
    ab = PairAlignment("a", "b", [Bead([0], [0]), Bead([1, 2], [1]), Bead([3], [])])
    bc = PairAlignment("b", "c", [Bead([0], [0, 1]), Bead([1], [2]), Bead([], [3])])
    got = alignment_groups(group, [ab, bc])
    assert [g.sentences for g in got] == [
        {"a": [0], "b": [0], "c": [0, 1]},
        {"a": [1, 2], "b": [1], "c": [2]},
        {"a": [3]},
        {"c": [3]},
    ]
    assert [g.index for g in got] == [0, 1, 2, 3] and all(g.group == "g1" for g in got)


def test_given_anchor_tokens_stand_in_for_the_sentences_own():
    rng = np.random.default_rng(2)
    va, vb = unit(rng.normal(size=(6, 32))), unit(rng.normal(size=(6, 32)))
    a, sa = make("a", "fr", [f"Phrase {k} sur Airbus." for k in range(6)])
    b, sb = make("b", "en", [f"Sentence {k} on Boeing." for k in range(6)])
    args = ([a, b], {"a": sa, "b": sb}, {"a": va, "b": vb})
    from rumorlens.align import anchor_tokens
    own = {d: [anchor_tokens(s.text) for s in ss] for d, ss in args[1].items()}
    assert score_document_pairs(*args, own) == score_document_pairs(*args)
    shared = {"a": [{"x", "y"}] * 6, "b": [{"x", "y"}] * 6}
    assert score_document_pairs(*args, shared)[0].evidence["anchor_share"] == 1.0
    assert score_document_pairs(*args)[0].evidence["anchor_share"] < 1.0
