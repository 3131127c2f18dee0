"""Retellings: short accounts of a long article that keep a few of its
paragraphs, in their own order (grouping's fellow retellings, the
retelling aligner, the pipeline's choice of aligner)."""
from __future__ import annotations

import numpy as np
import pytest

from rumorlens import pipeline
from rumorlens.align_retelling import align_retelling
from rumorlens.grouping import group_documents, score_document_pairs
from test_grouping import _near, _story, _texts_corpus, unit


def _article(rng, n=40):
    """A long article: ``n`` sentence vectors and labelled texts."""
    return _story(rng, n), [f"Phrase {k} de l'article, assez longue pour compter pleinement ici." for k in range(n)]


def _retelling(vecs, picks, rng, tag):
    """A retelling keeping sentences ``picks`` of an article, in that order."""
    return _near(vecs[picks], rng), [f"{tag} retold sentence {k}, long enough to count fully here." for k in picks]


def _wsj_like(rng):
    """A long Chinese article and three retellings of overlapping stretches
    of it, each reordered, none sharing a sentence with another."""
    art, art_texts = _article(rng)
    picks = {"r1": [12, 3, 20, 7, 15, 25], "r2": [4, 18, 9, 22, 1, 27], "r3": [16, 2, 24, 11, 6, 19]}
    spec = [("art", "zh", [t.replace("Phrase", "句子") for t in art_texts], art)]
    for tag, lang in (("r1", "en"), ("r2", "fr"), ("r3", "en")):
        vecs, texts = _retelling(art, picks[tag], rng, tag)
        spec.append((tag, lang, texts, vecs))
    return _texts_corpus(spec)


def test_partial_retellings_of_one_article_are_one_group_compared_through_it():
    docs, sents, emb = _wsj_like(np.random.default_rng(1))
    scores = score_document_pairs(docs, sents, emb)
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["art", "r1", "r2", "r3"]]
    by_pair = {(p.a, p.b): p for p in scores}
    for tag in ("r1", "r2", "r3"):
        assert by_pair[("art", tag)].relation == "retelling"
        assert "through" not in by_pair[("art", tag)].evidence
    # two retellings keeping other paragraphs are compared through the article
    for pair in (("r1", "r2"), ("r1", "r3"), ("r2", "r3")):
        assert by_pair[pair].evidence["through"] == ["art"], by_pair[pair].evidence


def test_retellings_of_different_stretches_of_one_page_are_not_excused():
    """A digest page printing three stories back to back: a short report of
    each matches its own stretch of the page, and the reports are not
    excused from version evidence between them as retellings of one
    article are.  (A group of two still takes a third document with one
    version link of two, join_min_share: the page and two reports end in
    one group, as before retellings were excused; those two are compared
    through the page, not with each other.)"""
    rng = np.random.default_rng(2)
    stories = [_story(rng, 20) for _ in range(3)]
    page = np.vstack(stories)
    # no digits in the texts: numbers that disagree along a chain would
    # make the pairs 'rewritten' (grouping._other_numbers), another rule
    # (and distinct texts: identical copies join one group whatever they match)
    letters = "abcdefghijklmnopqrst"
    spec = [("page", "zh", [f"页面上的一句话{letters[k % 20]}{letters[k // 20]}，讲的是其中一篇报道的内容。"
                            for k in range(60)], page)]
    for s, story in enumerate(stories):
        picks = [3, 0, 8, 5, 12, 16]
        spec.append((f"s{s}", "en", [f"Report {letters[s]}'s sentence {letters[k]}, long enough to count fully."
                                     for k in picks], _near(story[picks], rng)))
    docs, sents, emb = _texts_corpus(spec)
    scores = score_document_pairs(docs, sents, emb)
    groups = group_documents(docs, sents, emb, scores)
    for g in groups:
        assert not {"s0", "s1", "s2"} <= set(g.docs), [g.docs for g in groups]
    # two reports that share a group through the page are not compared with each other
    assert [p.evidence.get("through") for p in scores if (p.a, p.b) == ("s0", "s1")] == [["page"]]


def test_the_pipeline_does_not_align_retellings_compared_through_their_article():
    docs, sents, emb = _wsj_like(np.random.default_rng(1))
    scores, groups, alignments, _ = pipeline.group_and_align(docs, sents, emb)
    aligned = {(a.src_doc, a.tgt_doc) for a in alignments}
    assert len(aligned) == 3 and all("art" in pair for pair in aligned), aligned
    assert all(a.relation == "retelling" for a in alignments)


# --------------------------------------------------------------------------
# the retelling aligner


def _covers_once(beads, n, m):
    src = sorted(i for b in beads for i in b.src)
    tgt = sorted(j for b in beads for j in b.tgt)
    return src == list(range(n)) and tgt == list(range(m))


def test_each_retold_sentence_meets_its_source_sentence_wherever_it_stands():
    rng = np.random.default_rng(3)
    art = _story(rng, 30)
    picks = [17, 2, 25, 9]
    short = np.vstack([_near(art[picks], rng), _story(rng, 1)])  # the last: the retelling's own
    beads = align_retelling(short, art)
    assert _covers_once(beads, 5, 30)
    pairs = {tuple(b.src): b.tgt for b in beads if b.src and b.tgt}
    assert pairs == {(0,): [17], (1,): [2], (2,): [25], (3,): [9]}, pairs
    assert [b.src for b in beads if b.src and not b.tgt] == [[4]]
    # beads follow the article; the retelling's own sentence follows the one before it
    firsts = [b.tgt[0] for b in beads if b.tgt]
    assert firsts == sorted(firsts)
    k = next(i for i, b in enumerate(beads) if b.src == [4])
    assert beads[k - 1].src == [3]
    assert all(b.score > 0.9 for b in beads if b.src and b.tgt)


def test_the_longer_side_may_be_the_source_and_two_sentences_may_be_retold_as_one():
    rng = np.random.default_rng(4)
    art = _story(rng, 30)
    merged = unit(art[10] + art[11])[None, :]
    short = np.vstack([_near(art[[20]], rng), merged, _near(art[[3]], rng)])
    # the side of more text is the article, whichever is the source
    beads = align_retelling(art, short, src_texts=[f"Phrase {k} de l'article, assez longue." for k in range(30)],
                            tgt_texts=["Retold sentence, of some length too."] * 3)
    assert _covers_once(beads, 30, 3)
    pairs = {tuple(b.tgt): b.src for b in beads if b.src and b.tgt}
    assert pairs == {(0,): [20], (1,): [10, 11], (2,): [3]}, pairs
    srcs = [b.src[0] for b in beads if b.src]
    assert srcs == sorted(srcs)


def test_a_source_sentence_another_retold_sentence_matches_better_is_no_counterpart():
    """Two retold sentences resemble one source sentence: the closer takes
    it; the other, no better elsewhere, stays one-sided rather than taking
    a sentence it matches only as a topic neighbour."""
    rng = np.random.default_rng(5)
    art = _story(rng, 20)
    close = _near(art[[6]], rng, noise=0.1)
    loose = unit(art[6] + 0.9 * rng.normal(size=art[6].shape) / 8)[None, :]
    beads = align_retelling(np.vstack([close, loose]), art)
    assert {tuple(b.src): b.tgt for b in beads if b.src and b.tgt} == {(0,): [6]}
    assert [b.src for b in beads if b.src and not b.tgt] == [[1]]


def test_blind_sentences_and_shared_anchors():
    rng = np.random.default_rng(6)
    art = _story(rng, 12)
    short = _near(art[[4, 8]], rng)
    # page furniture (align.stray_flags) is never matched
    beads = align_retelling(short, art, tgt_kinds=["boilerplate" if k == 4 else "text" for k in range(12)])
    assert all(4 not in b.tgt or not b.src for b in beads)
    assert {tuple(b.src): b.tgt for b in beads if b.src and b.tgt} == {(1,): [8]}
    # a rare number both sentences hold decides between two equal neighbours
    tie = unit(art[2] + art[9])[None, :]
    tokens_art = [set() for _ in range(12)]
    tokens_art[9] = {"#1570"}
    beads = align_retelling(tie, art, src_tokens=[{"#1570"}], tgt_tokens=tokens_art)
    assert [b.tgt for b in beads if b.src and b.tgt] == [[9]]
    beads = align_retelling(tie, art, src_tokens=[{"#1570"}], tgt_tokens=[set() for _ in range(12)])
    assert [b.tgt for b in beads if b.src and b.tgt] != [[9]]


def test_empty_sides():
    art = _story(np.random.default_rng(7), 3)
    assert [(b.src, b.tgt) for b in align_retelling(np.zeros((0, 64), np.float32), art)] == [([], [0]), ([], [1]),
                                                                                           ([], [2])]


@pytest.mark.parametrize("relation", ["retelling", "translation"])
def test_align_pair_item_takes_the_retelling_aligner_for_retellings_only(relation):
    docs, sents, emb = _wsj_like(np.random.default_rng(1))
    by_id = {d.id: d for d in docs}
    item = {"relation": relation, "score": 0.5, "encode": None}
    for side, d in (("src", by_id["art"]), ("tgt", by_id["r1"])):
        item[side] = {"id": d.id, "lang": d.lang, "emb": emb[d.id], "sents": sents[d.id],
                      "tokens": [set() for _ in sents[d.id]]}
    beads = pipeline.align_pair_item(item).beads
    matched = [(b.src, b.tgt) for b in beads if b.src and b.tgt]
    if relation == "retelling":
        assert matched == sorted(([k], [i]) for i, k in enumerate([12, 3, 20, 7, 15, 25]))
    else:  # the monotonic aligner keeps both orders
        tgt_order = [b.tgt[0] for b in beads if b.tgt]
        assert tgt_order == sorted(tgt_order)


def test_a_retold_sentence_is_not_answered_by_the_next_retold_sentence():
    """In a retelling the next sentence retells another paragraph: its
    'reportedly' does not answer the 知情人士表示 this sentence dropped; on
    the article's side a neighbour still may (a boundary)."""
    from rumorlens.compare.driver import _near_windows

    _, sents, _ = _texts_corpus([
        ("r", "en", ["A retold sentence of some length."] * 3, _story(np.random.default_rng(8), 3)),
        ("a", "zh", ["文章里的一句话，长度差不多。"] * 20, _story(np.random.default_rng(9), 20))])
    short, long_ = sents["r"], sents["a"]
    assert _near_windows("retelling", short, long_) == (0, 1)
    assert _near_windows("retelling", long_, short) == (1, 0)
    assert _near_windows("translation", short, long_) == (1, 1)
    found = _hedges_of_asiae_like_pair()
    assert ("hedge_dropped", "medium") in found, found


def _retelling_pairs(zh: list[str], en: list[str], beads):
    """The compare driver's aligned pairs (real claim profiles, no
    mentions) of a Chinese article ``zh`` and its English retelling ``en``
    aligned as ``beads`` (article sentence indices on the source side)."""
    from rumorlens.claims.profile import profile_text
    from rumorlens.compare.driver import MentionIndex, aligned_pairs
    from rumorlens.records import PairAlignment

    docs, sents, _ = _texts_corpus([("a", "zh", zh, _story(np.random.default_rng(1), len(zh))),
                                    ("r", "en", en, _story(np.random.default_rng(2), len(en)))])
    by_id = {d.id: d for d in docs}
    claims = {d: {s.index: profile_text(s.text, by_id[d].lang, doc_id=d, sentence=s.index, offset=s.start)
                  for s in sents[d]} for d in ("a", "r")}
    return aligned_pairs(PairAlignment("a", "r", beads, relation="retelling"), by_id, sents,
                         {d: MentionIndex([]) for d in ("a", "r")}, claims=claims)


def _hedges_of_asiae_like_pair():
    """The claim findings of a retelling pair whose retold sentence drops an
    attribution and whose next retold sentence (another paragraph) has one."""
    from rumorlens.compare.claims import CLAIM_CHECKS
    from rumorlens.records import Bead

    zh = ["从GPT-4发布的那一刻起，OpenAI就一直在开发GPT-5。", "这个项目进展缓慢，成本很高。",
          "知情人士表示，微软原本预计在2024年中期看到新模型。", "研究人员认为需要更多数据。"]
    en = ["OpenAI reportedly began developing GPT-5 right after GPT-4.",
          "Microsoft expected the model around mid-2024."]
    beads = [Bead([0], [0], 0.8), Bead([1], []), Bead([2], [1], 0.8), Bead([3], [])]
    return [(f.type, f.severity) for p in _retelling_pairs(zh, en, beads) for check in CLAIM_CHECKS for f in check(p)]


def test_a_retelling_credits_what_it_retells_to_the_report():
    """'reportedly' in the retelling against the article's own statement is
    the retelling naming its source (the sample corpus's asiae retelling of
    the WSJ); the same word the article has and the retelling drops is a
    hedge dropped."""
    from rumorlens.compare.claims import check_certainty
    from rumorlens.records import Bead

    def findings(zh, en):
        beads = [Bead([0], [0], 0.8)] + [Bead([k], []) for k in range(1, len(zh))]
        return [f.type for p in _retelling_pairs(zh, en, beads) for f in check_certainty(p)]

    rest = ["这个项目进展缓慢，成本很高。", "研究人员认为需要更多数据。", "微软是最大的投资者。"]
    assert findings(["从GPT-4发布的那一刻起，OpenAI就一直在开发GPT-5。"] + rest,
                    ["OpenAI reportedly began developing GPT-5 right after GPT-4."]) == []
    assert findings(["据报道，OpenAI从GPT-4发布起就一直在开发GPT-5。"] + rest,
                    ["OpenAI began developing GPT-5 right after GPT-4."]) == ["hedge_dropped"]
