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


def _texts_corpus(spec):
    """Documents, sentences and embeddings from (doc_id, lang, texts, vectors)."""
    docs, sents, emb = [], {}, {}
    for doc_id, lang, texts, vecs in spec:
        d, s = make(doc_id, lang, texts)
        docs.append(d)
        sents[doc_id] = s
        emb[doc_id] = vecs
    return docs, sents, emb


def test_versions_group_and_unrelated_stay_apart():
    rng = np.random.default_rng(0)
    meanings = unit(rng.normal(size=(40, 64)))
    other = unit(rng.normal(size=(30, 64)))
    fr_texts = [f"Phrase numéro {k} de l'article, assez longue pour compter." for k in range(40)]
    zh_texts = [f"文章的第{k}句话，长度差不多。" for k in range(40)]
    en_short = [f"Summary sentence {5 * k}." for k in range(8)]  # sums up sentences 0, 5, 10, ... (their numbers)
    docs, sents, emb = _texts_corpus([
        ("fr", "fr", fr_texts, meanings),
        ("zh", "zh", zh_texts, unit(meanings + 0.25 / 8 * rng.normal(size=meanings.shape))),
        ("en", "en", en_short, unit(meanings[::5] + 0.3 / 8 * rng.normal(size=(8, 64)))),
        ("xx", "fr", [f"Autre sujet {k}." for k in range(30)], other),
    ])
    scores = score_document_pairs(docs, sents, emb)
    pairs = {(p.a, p.b): p for p in scores}
    # candidates only: the unrelated article shares no mutual neighbours worth a pair
    assert set(pairs) == {("en", "fr"), ("en", "zh"), ("fr", "zh")}, set(pairs)
    assert pairs[("fr", "zh")].relation == "translation"
    assert pairs[("fr", "zh")].evidence["ordered_pairs"] == 40
    assert pairs[("en", "fr")].relation == "retelling"
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["en", "fr", "zh"]]
    assert groups[0].id == "group-001"
    # deterministic
    assert score_document_pairs(docs, sents, emb) == score_document_pairs(docs, sents, emb)


def test_order_weighs_in():
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
    assert kept.evidence["version_link"] and not shuffled.evidence["version_link"]


def _story(rng, n, dim=64):
    return unit(rng.normal(size=(n, dim)))


def _near(vecs, rng, noise=0.3):
    return unit(vecs + noise / 8 * rng.normal(size=vecs.shape))


def _corpus(spec):
    docs, sents, emb = [], {}, {}
    for doc_id, lang, vecs in spec:
        d, s = make(doc_id, lang, [f"{doc_id} sentence {k}." for k in range(len(vecs))])
        docs.append(d)
        sents[doc_id] = s
        emb[doc_id] = vecs
    return docs, sents, emb


def test_independent_report_is_same_event_and_not_grouped():
    """A report with its own sentences that carries three of an article's
    facts is a same_event pair with each version, in no group with them."""
    rng = np.random.default_rng(3)
    story, own = _story(rng, 16), _story(rng, 12)
    report = np.vstack([own[:3], _near(story[2:3], rng), own[3:7], _near(story[6:7], rng), own[7:],
                        _near(story[11:12], rng)])
    docs, sents, emb = _corpus([("a", "fr", story), ("b", "en", _near(story, rng)), ("r", "en", report)])
    scores = score_document_pairs(docs, sents, emb)
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["a", "b"]]
    rel = {(p.a, p.b): p.relation for p in scores}
    assert rel[("a", "b")] == "translation"
    assert rel[("a", "r")] == rel[("b", "r")] == "same_event"


def test_one_strong_link_does_not_chain_two_stories():
    """d shares its whole text with b (b quotes it at length) but nothing
    with a and c, b's other versions: d links to b yet joins no group with
    a and c; a, b, c stay one group."""
    rng = np.random.default_rng(4)
    story, other = _story(rng, 20), _story(rng, 20)
    b = np.vstack([_near(story, rng), _near(other[:12], rng)])
    d = np.vstack([_near(other[:12], rng), _story(rng, 2)])
    # sentence labels by meaning, so that the quoted sentences carry b's numbers
    label = [f"story {k}." for k in range(20)] + [f"other {k}." for k in range(12)]
    docs, sents, emb = _texts_corpus([("a", "fr", label[:20], story), ("b", "en", label, b),
                                      ("c", "zh", label[:20], _near(story, rng)),
                                      ("d", "en", label[20:] + ["own one.", "own two."], d)])
    scores = score_document_pairs(docs, sents, emb)
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["a", "b", "c"]]
    bd = next(p for p in scores if (p.a, p.b) == ("b", "d"))
    assert bd.evidence["version_link"] and bd.relation == "same_event"


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
    va = unit(rng.normal(size=(6, 32)))
    vb = unit(va + 0.2 / 8 * rng.normal(size=(6, 32)))
    a, sa = make("a", "fr", [f"Phrase {w} sur Airbus." for w in "abcdef"])
    b, sb = make("b", "en", [f"Sentence {w} on Boeing." for w in "abcdef"])
    args = ([a, b], {"a": sa, "b": sb}, {"a": va, "b": vb})
    from rumorlens.align import anchor_tokens
    own = {d: [anchor_tokens(s.text) for s in ss] for d, ss in args[1].items()}
    assert score_document_pairs(*args, own) == score_document_pairs(*args)
    shared = {"a": [{"x", "y"}] * 6, "b": [{"x", "y"}] * 6}
    assert score_document_pairs(*args, shared)[0].evidence["anchored_pairs"] == 6
    assert score_document_pairs(*args)[0].evidence["anchored_pairs"] < 6


def _brute_mutual(x, owner, local, k, min_sim, min_links=2):
    """Reference: the definition of mutual pairs, one loop per sentence:
    documents linked ``min_links`` times by the ``k`` nearest of their
    sentences, then inside each linked pair the sentences that are each
    other's best match over the whole other document."""
    sims = x.astype(np.float64) @ x.astype(np.float64).T
    n = len(x)
    links = {}
    for q in range(n):
        order = sorted((j for j in range(n) if j != q), key=lambda j: (-sims[q, j], j))[:k]
        for p in order:
            if owner[p] != owner[q] and sims[q, p] >= min_sim - 1e-6:
                pair = (min(owner[p], owner[q]), max(owner[p], owner[q]))
                links[pair] = links.get(pair, 0) + 1
    out = set()
    for (da, db), count in links.items():
        if count < min_links:
            continue
        rows_a, rows_b = np.flatnonzero(owner == da), np.flatnonzero(owner == db)
        for q in rows_a:
            p = max(rows_b, key=lambda j: (sims[q, j], -j))
            back = max(rows_a, key=lambda j: (sims[p, j], -j))
            if back == q and sims[q, p] >= min_sim - 1e-6:
                out.add((da, db, local[q], local[p]))
    return out


def test_vectorized_mutual_pairs_match_the_definition():
    from rumorlens.grouping import load_thresholds, mutual_pairs

    rng = np.random.default_rng(5)
    base = unit(rng.normal(size=(30, 16)))
    x = unit(np.vstack([base, base[::-1] + 0.3 * rng.normal(size=(30, 16)), rng.normal(size=(25, 16))]))
    owner = np.repeat(np.arange(17), 5)
    local = np.tile(np.arange(5), 17)
    th = dict(load_thresholds(), neighbours=6, min_pair_similarity=0.2)
    got = mutual_pairs(x, owner, local, th)
    rows = set(zip(got.doc_a.tolist(), got.doc_b.tolist(), got.sent_a.tolist(), got.sent_b.tolist()))
    assert rows == _brute_mutual(x, owner, local, 6, 0.2)
    assert len(rows) > 10
    keys = list(zip(got.doc_a.tolist(), got.doc_b.tolist(), got.sent_a.tolist()))
    assert keys == sorted(keys)


def test_a_translation_crowded_out_of_the_neighbour_lists_is_still_matched():
    """Issue 12: in a large corpus a sentence's nearest neighbours fill up
    with near-copies in other documents; its translation, linked to it by
    the rest of the two documents, must still make a mutual pair."""
    from rumorlens.grouping import load_thresholds, mutual_pairs

    rng = np.random.default_rng(7)
    src = unit(rng.normal(size=(6, 24)))
    tgt = unit(src + 0.35 * rng.normal(size=(6, 24)))  # the translation: close, not the closest
    # eight other documents each hold a near-copy of sentence 0 (and filler)
    copies = [unit(np.vstack([src[0] + 0.05 * rng.normal(size=24), rng.normal(size=(5, 24))])) for _ in range(8)]
    x = unit(np.vstack([src, tgt] + copies)).astype(np.float32)
    owner = np.repeat(np.arange(10), 6)
    local = np.tile(np.arange(6), 10)
    th = dict(load_thresholds(), neighbours=4, min_pair_similarity=0.3, candidate_min_links=2)
    sims = x @ x.T
    assert (sims[0, 12::6][:8] > sims[0, 6]).all()  # sentence 0's 4 nearest are copies, not its translation
    got = mutual_pairs(x, owner, local, th)
    pairs = set(zip(got.doc_a.tolist(), got.doc_b.tolist(), got.sent_a.tolist(), got.sent_b.tolist()))
    assert (0, 1, 0, 0) in pairs  # the crowded-out sentence
    assert len({(0, 1, i, i) for i in range(6)} & pairs) >= 5


def test_neighbours_do_not_depend_on_thread_count_or_index():
    import faiss
    from rumorlens.grouping import load_thresholds, nearest_neighbours

    rng = np.random.default_rng(6)
    centres = unit(rng.normal(size=(40, 32)))
    x = unit(np.repeat(centres, 50, axis=0) + 0.15 * rng.normal(size=(2000, 32)))
    th = dict(load_thresholds(), ivf_lists_per_sqrt=1, ivf_nprobe=8)
    threads = faiss.omp_get_max_threads()
    try:
        faiss.omp_set_num_threads(1)
        one = nearest_neighbours(x, 10, th, exact=True)
        ivf_one = nearest_neighbours(x, 10, th, exact=False)
        faiss.omp_set_num_threads(2)
        two = nearest_neighbours(x, 10, th, exact=True)
        ivf_two = nearest_neighbours(x, 10, th, exact=False)
    finally:
        faiss.omp_set_num_threads(threads)
    assert np.array_equal(one[0], two[0]) and np.array_equal(one[1], two[1])
    assert np.array_equal(ivf_one[0], ivf_two[0]) and np.array_equal(ivf_one[1], ivf_two[1])
    # best first, ties by row; the IVF index finds most exact neighbours here
    assert (np.diff(one[1], axis=1) <= 0).all()
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(one[0], ivf_one[0])])
    assert recall > 0.9


def _overlap_of_string_sets(a: str, b: str) -> float:
    """wording_overlap's definition, on sets of n-gram strings (as it was
    computed before its n-grams became packed codes)."""
    import re

    from rumorlens.hanzi import to_simplified
    from rumorlens.langs import HAN_RE

    def grams(text):
        t = re.sub(r"[\W_]+", " ", text.casefold()).strip()
        n = 4
        if HAN_RE.search(t):
            t, n = to_simplified(t).replace(" ", ""), 2
        return {t[k:k + n] for k in range(len(t) - n + 1)}

    ga, gb = grams(a), grams(b)
    return len(ga & gb) / min(len(ga), len(gb)) if ga and gb else 0.0


def test_wording_overlap_is_the_share_of_shared_ngram_strings():
    from rumorlens.grouping import wording_overlap

    texts = ["Globally, 44 countries and one territory have been certified.", "44 countries and one territory",
             "Le président a déclaré que l'économie française était solide.", "l'économie française",
             "颱風過境，沿海三縣停課一天。", "台风过境，沿海三县停课一天，学校关闭。", "ab", "", "___", "x y",
             "서울 시장은 오늘 발표했다 Seoul", "서울 시장은 어제 발표했다 Seoul",  # Hangul: hashed 4-grams
             "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 maths 😀 and text", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 maths 😀", "ｆｕｌｌｗｉｄｔｈ ＡＢＣ letters", "fullwidth ABC"]
    for a in texts:
        for b in texts:
            assert wording_overlap(a, b) == _overlap_of_string_sets(a, b), (a, b)
    assert 0 < wording_overlap(texts[10], texts[11]) < 1


def test_wording_overlap_and_quoted_shares():
    from rumorlens.grouping import quoted_shares, wording_overlap

    copy = "Globally, 44 countries and one territory have now been certified as malaria-free."
    assert wording_overlap(copy, copy) == 1.0
    assert wording_overlap(copy, "Globally, 44 countries and one territory") == 1.0  # a cut-down copy
    reworded = "Worldwide, a total of 44 nations plus 1 territory reached this milestone."
    assert wording_overlap(copy, reworded) < 0.5
    assert wording_overlap("两国关系具有独特的战略价值。", "两国关系具有独特的战略价值和全球意义。") == 1.0
    doc, sents = make("q", "en", ['"This is truly historic. I congratulate Egypt," he said.', "He left.",
                                  '"Open quote never closed', "New paragraph."])
    # one paragraph per line here: the open quotation ends at the line break
    shares = quoted_shares(doc, sents)
    assert shares[0] > 0.7 and shares[1] == 0.0 and shares[2] == 1.0 and shares[3] == 0.0
    one = Document(id="p", path="p.txt", lang="en", languages=["en"], format="txt", encoding="utf-8",
                   text='"First sentence of a quote. Second one." Then narration.')
    spans = [(0, 28), (29, 41), (42, 57)]
    ss = [Sentence(id=f"p:{k}", doc_id="p", index=k, start=a, end=b, text=one.text[a:b], lang="en")
          for k, (a, b) in enumerate(spans)]
    got = quoted_shares(one, ss)
    assert got[0] == 1.0 and got[1] == 1.0 and got[2] == 0.0  # carried into the next sentence, closed there


def _facts(k):
    return [f"The agency said that project number {k} will cost {100 + k} million and open in {2000 + k}."
            for k in range(k)]


def test_same_language_rewording_is_another_writer():
    """Two English texts whose sentences mean the same (near vectors) are a
    version when they share their wording, and not when every sentence is
    worded anew: then they are a same_event pair in no group together."""
    rng = np.random.default_rng(7)
    story = _story(rng, 8)
    original = _facts(8)
    reworded = [f"Officials told reporters scheme {k} would need about {100 + k} million before its {2000 + k} opening."
                for k in range(8)]
    docs, sents, emb = [], {}, {}
    # "copy" repeats the wording with a line of its own (an identical text
    # is an identical copy, represented by the first: no pair of its own)
    for doc_id, texts in (("a", original), ("copy", original + ["Share this story."]), ("other", reworded)):
        d, s = make(doc_id, "en", texts)
        docs.append(d)
        sents[doc_id] = s
        emb[doc_id] = _near(story, rng, 0.2)
    emb["copy"] = np.vstack([emb["copy"], _story(rng, 1)])
    scores = score_document_pairs(docs, sents, emb)
    pairs = {(p.a, p.b): p for p in scores}
    assert pairs[("a", "copy")].evidence["wording"] == 1.0 and pairs[("a", "copy")].relation == "same-language-version"
    assert pairs[("a", "other")].evidence["rewritten"] and not pairs[("a", "other")].evidence["version_link"]
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["a", "copy"]]
    assert pairs[("a", "other")].relation == pairs[("copy", "other")].relation == "same_event"


def test_quoted_statements_are_no_evidence_of_a_common_text():
    """A report that quotes two statements word for word and words the rest
    anew is still rewritten: quotations are left out of the wording."""
    rng = np.random.default_rng(8)
    story = _story(rng, 6)
    original = _facts(6)
    report = [f'"{t[:-1]}," the minister said.' if k in (1, 3) else
              f"Reporters learned that scheme {k} needs roughly {100 + k} million, opening {2000 + k}."
              for k, t in enumerate(original)]
    docs, sents, emb = [], {}, {}
    for doc_id, texts in (("a", original), ("r", report)):
        d, s = make(doc_id, "en", texts)
        docs.append(d)
        sents[doc_id] = s
        emb[doc_id] = _near(story, rng, 0.2)
    (pair,) = score_document_pairs(docs, sents, emb)
    assert pair.evidence["rewritten"] and pair.evidence["wording"] < 0.5


def test_similarity_levels_hold_each_pair_of_languages_to_its_own_bar():
    """Cosines count as a share of the level versions reach in their pair
    of languages: the same raw cosines score higher between Chinese and
    English (whose translations meet lower) than between two English texts."""
    from rumorlens.grouping import load_thresholds, similarity_level

    th = load_thresholds()
    assert similarity_level("zh", "en", th) < similarity_level("fr", "en", th) < similarity_level("en", "en", th)
    rng = np.random.default_rng(9)
    story = _story(rng, 10, dim=32)
    target = 0.62  # every sentence's cosine with its counterpart
    noise = unit(rng.normal(size=story.shape))
    noise = unit(noise - (noise * story).sum(1, keepdims=True) * story)
    other = unit(target * story + np.sqrt(1 - target ** 2) * noise)
    results = {}
    for lang in ("zh", "en"):
        a, sa = make("a", "en", [f"s{k}" for k in range(10)])
        b, sb = make("b", lang, [f"t{k}" for k in range(10)])
        (p,) = score_document_pairs([a, b], {"a": sa, "b": sb}, {"a": story, "b": other})
        results[lang] = p
    assert results["en"].evidence["ordered_pairs"] == results["zh"].evidence["ordered_pairs"] == 10
    assert abs(results["en"].score - target) < 0.01
    assert abs(results["zh"].score - target / similarity_level("zh", "en", th)) < 0.01
    assert results["zh"].evidence["version_link"]


def test_every_two_members_of_a_group_get_a_version_relation():
    """Every version against every version: a transcript and a translation
    linked only through the source are still a pair of versions (indirect),
    with a version kind, so the pipeline aligns and checks them too."""
    rng = np.random.default_rng(7)
    meanings = unit(rng.normal(size=(40, 64)))
    docs, sents, emb = [], {}, {}
    for doc_id, lang, texts, vecs in [
        ("a", "zh", [f"文章的第{k}句话，长度差不多。" for k in range(40)], meanings),
        ("b", "fr", [f"Phrase numéro {k} de l'article, assez longue." for k in range(20)],
         unit(meanings[:20] + 0.2 / 8 * rng.normal(size=(20, 64)))),
        ("c", "en", [f"Sentence number {20 + k} of the article, long enough." for k in range(20)],
         unit(meanings[20:] + 0.2 / 8 * rng.normal(size=(20, 64)))),
    ]:
        d, s = make(doc_id, lang, texts)
        docs.append(d)
        sents[doc_id] = s
        emb[doc_id] = vecs
    scores = score_document_pairs(docs, sents, emb)
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["a", "b", "c"]]
    pairs = {(p.a, p.b): p for p in scores}
    assert set(pairs) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert pairs[("b", "c")].relation == "translation"
    assert pairs[("b", "c")].evidence["indirect"] is True
    assert not pairs[("a", "b")].evidence["indirect"]


def test_a_shared_table_without_shared_prose_is_no_version():
    """Two encyclopedias' pages on one person share their infobox rows
    (short lines, matched in order) but word their prose apart: not a
    version link, and no group takes both; a translation that shares the
    rows AND the prose is one (issue 19: Simple English Wikipedia against
    English Wikipedia)."""
    rng = np.random.default_rng(11)
    rows, prose, other_prose = _story(rng, 24), _story(rng, 6), _story(rng, 6)
    row_texts = [f"Row {k}: value" for k in range(24)]
    en_prose = [f"Long sentence number {k} of the English article, which says something about the life." for k in range(6)]
    fr_prose = [f"Longue phrase numéro {k} de l'article français, qui raconte un moment de la vie." for k in range(6)]
    zh_prose = [f"这是中文文章的第{k}个长句子，讲述了他一生中的一件重要事情，内容相当长。" for k in range(6)]
    docs, sents, emb = _texts_corpus([
        ("en", "en", row_texts + en_prose, np.vstack([rows, prose])),
        ("fr", "fr", row_texts + fr_prose, _near(np.vstack([rows, prose]), rng, 0.2)),
        ("zh", "zh", row_texts + zh_prose, np.vstack([_near(rows, rng, 0.2), other_prose])),
    ])
    scores = score_document_pairs(docs, sents, emb)
    pairs = {(p.a, p.b): p for p in scores}
    table = pairs[("en", "zh")]
    assert table.evidence["prose_units"] == [6, 6] and max(table.evidence["prose_coverage"]) == 0.0
    assert table.evidence["rewritten"] and not table.evidence["version_link"]
    assert pairs[("en", "fr")].evidence["version_link"] and min(pairs[("en", "fr")].evidence["prose_coverage"]) == 1.0
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["en", "fr"]]


def test_other_numbers_along_the_chain_are_no_version():
    """A report of other events with the same subject, matched sentence by
    sentence to its nearest topic neighbours (near vectors, in order), states
    other numbers in the matched sentences: rewritten, never a version and in
    no group with the article; a translation keeping the numbers is one
    (issue 19: a note on later quakes grouped with the dispatch on the first)."""
    rng = np.random.default_rng(12)
    story = _story(rng, 6)
    translation = [f"Selon l'agence, le projet numéro {k} coûtera {100 + k} millions et ouvrira en {2000 + k}."
                   for k in range(6)]
    other = [f"Selon l'agence, un autre chantier coûtera {300 + k} millions et ouvrira en {1980 + k}." for k in range(6)]
    docs, sents, emb = _texts_corpus([
        ("en", "en", _facts(6), story),
        ("fr", "fr", translation, _near(story, rng, 0.2)),
        ("fr2", "fr", other, _near(story, rng, 0.2)),
    ])
    scores = score_document_pairs(docs, sents, emb)
    pairs = {(p.a, p.b): p for p in scores}
    assert pairs[("en", "fr")].evidence["numbers"] == [6, 6] and pairs[("en", "fr")].evidence["version_link"]
    assert pairs[("en", "fr2")].evidence["numbers"] == [0, 6]
    assert pairs[("en", "fr2")].evidence["rewritten"] and not pairs[("en", "fr2")].evidence["version_link"]
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["en", "fr"]]


def test_a_short_copy_in_one_language_is_a_version():
    """A short page that copies two sentences of an article word for word,
    in order, with sentences of its own between them (too short a chain and
    too sparse for the general rule) is a version link; the same page with
    the two sentences worded anew is another writer's (issue 19: a
    condensed copy of an agency dispatch cut at 2,000 bytes)."""
    rng = np.random.default_rng(13)
    story, own = _story(rng, 8), _story(rng, 2)
    facts = _facts(8)
    copy = [facts[0], "Readers of this site also liked a long piece on gardens.", "A note on the weather follows here.",
            facts[5]]
    reworded = [f"Reporters learned that scheme {k} needs roughly {100 + k} million, opening {2000 + k}."
                for k in (0, 5)]
    vecs = np.vstack([_near(story[[0]], rng, 0.1), own, _near(story[[5]], rng, 0.1)])
    docs, sents, emb = _texts_corpus([
        ("a", "en", facts, story),
        ("copy", "en", copy, vecs),
        ("other", "en", [reworded[0]] + copy[1:3] + [reworded[1]], vecs),
    ])
    scores = score_document_pairs(docs, sents, emb)
    pairs = {(p.a, p.b): p for p in scores}
    short = pairs[("a", "copy")]
    assert short.evidence["ordered_pairs"] == 2 and short.evidence["wording"] == 1.0
    assert short.evidence["version_link"] and short.relation != "unrelated"
    assert pairs[("a", "other")].evidence["rewritten"] and not pairs[("a", "other")].evidence["version_link"]
    groups = group_documents(docs, sents, emb, scores)
    assert [g.docs for g in groups] == [["a", "copy"]]


def test_topic_neighbours_below_the_similarity_of_versions_are_no_version_link():
    """A chain of matched sentences whose mean calibrated cosine is below
    version_min_similarity (a short note's sentences matched to their nearest
    topic neighbours in a long article) is no strong version link, however
    well it covers the note."""
    from rumorlens.grouping import load_thresholds, version_link

    th = load_thresholds()
    evidence = {"ordered_pairs": 3, "shorter_units": 3, "density": 0.62, "mean_similarity": 0.62, "wording": None,
                "prose_units": [11, 3], "prose_coverage": [0.27, 1.0], "numbers": [1, 1]}
    assert th["version_min_similarity"] > 0.62
    assert version_link(evidence, 0.62, th) == (False, False)
    assert version_link(dict(evidence, density=0.9, mean_similarity=0.9), 0.9, th) == (True, False)


def test_captions_inside_the_body_are_no_part_of_a_version():
    """A copy interleaved with photo captions (boilerplate units between its
    sentences) reads as the version it is: the captions neither weigh nor
    stretch the chain; furniture above the body still counts, and a
    line-like document (a transcript) keeps every unit."""
    from rumorlens.grouping import inner_furniture, load_thresholds, unit_weights

    rng = np.random.default_rng(5)
    story, captions, extra = _story(rng, 6), _story(rng, 5), _story(rng, 6)
    # the English adds a sentence of its own after each (a retelling): its
    # stretch is long, so only the Chinese stretch can show the density
    texts, en_vecs = [], []
    for k in range(6):
        texts += [f"Sentence {k} of the dispatch, long enough to count fully as prose.",
                  f"An added remark number {k}, which the Chinese copy does not carry."]
        en_vecs += [story[k], extra[k]]
    pieces, vecs, kinds = [], [], []
    for k in range(6):
        pieces.append(f"这是新华社的第{k}句话,长度足以算作完整的一个句子单位。")
        vecs.append(_near(story[k:k + 1], rng)[0])
        kinds.append("text")
        if 0 < k < 6 - 1:
            pieces.append(f"这是7月{k}日拍摄的图片说明,也很长的一行文字内容。")
            vecs.append(captions[k - 1])
            kinds.append("boilerplate")
    en, se = make("en", "en", texts)
    zh, sz = make("zh", "zh", pieces)
    for s, kind in zip(sz, kinds):
        s.kind = kind
    th = load_thresholds()
    assert list(inner_furniture(sz)) == [k == "boilerplate" for k in kinds]
    first_caption = kinds.index("boilerplate")
    assert unit_weights(zh, sz, th)[first_caption] == 0.0
    p = score_document_pairs([en, zh], {"en": se, "zh": sz}, {"en": np.array(en_vecs), "zh": np.array(vecs)})[0]
    # without the rule: 11 Chinese units, a stretch of 11 (density about 0.5)
    assert p.evidence["shorter_units"] == 6 and p.evidence["density"] > 0.9 and p.evidence["version_link"]
    # the same line above the body, or in a transcript, keeps its weight
    sz[first_caption].kind, sz[0].kind = "text", "boilerplate"
    assert not inner_furniture(sz)[0] and unit_weights(zh, sz, th)[0] > 0
    lines = [Sentence(id=f"t:{k}", doc_id="t", index=k, start=0, end=1, text="a line", lang="en",
                      kind="boilerplate" if k == 1 else "text") for k in range(4)]
    assert unit_weights(en, lines, th)[1] > 0


def test_many_identical_copies_do_not_crowd_a_translation_out_of_its_group():
    """40 identical copies of an article and one translation: each sentence's
    neighbour search (``neighbours`` = 32) used to return the copies first,
    so the translation was never a candidate pair and stayed out of the
    group.  The search runs over one representative per text; the copies
    join the representative's group."""
    rng = np.random.default_rng(21)
    story = _story(rng, 12)
    fr_texts = [f"Phrase numéro {k} de l'article, assez longue pour compter." for k in range(12)]
    zh_texts = [f"文章的第{k}句话，长度差不多。" for k in range(12)]
    n_copies = 40
    assert n_copies > 32  # more than the neighbours each sentence gets
    spec = [(f"copy-{k:02d}", "fr", fr_texts, story) for k in range(n_copies)]
    spec.append(("zh", "zh", zh_texts, _near(story, rng, 0.2)))
    docs, sents, emb = _texts_corpus(spec)
    scores = score_document_pairs(docs, sents, emb)
    assert [(p.a, p.b) for p in scores] == [("copy-00", "zh")]
    assert scores[0].relation == "translation"
    (group,) = group_documents(docs, sents, emb, scores)
    assert group.docs[0] == "copy-00" and set(group.docs) == {d.id for d in docs}
    assert group.copies == {f"copy-{k:02d}": "copy-00" for k in range(1, n_copies)}
    assert group.relation == "translation"


def test_deferred_pairs_give_the_same_groups_and_scores():
    """score_document_pairs(defer=True) leaves out pairs whose score cannot
    reach any grouping bar, and group_documents scores those a group ends
    up holding: same groups, same score for every pair inside a group, as
    when every candidate is scored; the deferred ones left out are
    unrelated."""
    rng = np.random.default_rng(3)
    story = unit(rng.normal(size=(40, 64)))
    shared = unit(rng.normal(size=(2, 64)))
    noise = unit(rng.normal(size=(60, 64)))
    fr = [f"Phrase numéro {k} de l'article, assez longue pour compter." for k in range(44)]
    spec = [
        # the whole story, then two halves of it that also carry the same two
        # extra lines: the halves share only those two (a deferred pair) but
        # both are versions of the whole, so one group holds all three
        ("b", "fr", fr[:40], story),
        ("a", "fr", fr[:20] + fr[40:42], np.vstack([story[:20], shared])),
        ("c", "fr", fr[20:40] + fr[40:42], np.vstack([story[20:], shared])),
        # an unrelated long article with the same two lines: deferred, left out
        ("x", "fr", [f"Autre sujet {k}, une phrase bien à lui." for k in range(30)] + fr[40:42],
         np.vstack([noise[:30], shared])),
        # a short article with two sentences near the story's first two (cosine
        # 0.6: mutual pairs, but none close enough for same_event): its score
        # can pass same_event's bar, not a version's: deferred too
        ("y", "fr", [f"Encore un autre sujet {k}, sa propre phrase." for k in range(6)] + fr[:2],
         np.vstack([noise[30:36], unit(0.6 * story[:2] + 0.8 * noise[36:38])])),
    ]
    docs, sents, emb = _texts_corpus(spec)
    full = score_document_pairs(docs, sents, emb)
    lazy = score_document_pairs(docs, sents, emb, defer=True)
    assert ("a", "c") in lazy.deferred and ("a", "x") in lazy.deferred and ("b", "y") in lazy.deferred
    assert next(p for p in full if (p.a, p.b) == ("b", "y")).score >= 0.1
    assert ("a", "c") not in {(p.a, p.b) for p in lazy}
    full_groups = group_documents(docs, sents, emb, full)
    lazy_groups = group_documents(docs, sents, emb, lazy)
    assert [g.docs for g in full_groups] == [["a", "b", "c"]]
    assert lazy_groups == full_groups
    inside = {("a", "b"), ("a", "c"), ("b", "c")}
    assert [p for p in full if (p.a, p.b) in inside] == [p for p in lazy if (p.a, p.b) in inside]
    assert {(p.a, p.b) for p in lazy} == inside | ({(p.a, p.b) for p in full} - set(lazy.deferred))
    assert all(p.relation == "unrelated" for p in full if (p.a, p.b) in lazy.deferred and (p.a, p.b) not in inside)


def test_deferred_same_event_pairs_keep_their_relation_and_score():
    """A candidate that can be no version (score bound under the version
    bars) but shares a fact is deferred all the same (its version evidence
    is never computed), and group_documents still lists it as same_event
    with the score a full scoring gives; a version pair next to it is
    scored as before."""
    rng = np.random.default_rng(5)
    story = unit(rng.normal(size=(20, 64)))
    other = unit(rng.normal(size=(10, 64)))
    fr = [f"Phrase numéro {k} de l'article, assez longue pour compter." for k in range(20)]
    en = [f"Sentence number {k} of the article, long enough to count." for k in range(20)]
    spec = [
        ("s", "fr", fr, story),
        ("t", "en", en, unit(story + 0.05 * rng.normal(size=(20, 64)))),
        # an independent report: ten sentences of its own, two facts stated
        # word for word as in the story (close pairs), far from covering it
        ("e", "fr", [f"Un autre journal écrit sa phrase {k}, avec ses mots." for k in range(10)] + fr[3:5],
         np.vstack([other, story[3:5]])),
    ]
    docs, sents, emb = _texts_corpus(spec)
    full = score_document_pairs(docs, sents, emb)
    lazy = score_document_pairs(docs, sents, emb, defer=True)
    assert ("e", "s") in lazy.deferred and ("s", "t") not in lazy.deferred
    full_groups = group_documents(docs, sents, emb, full)
    lazy_groups = group_documents(docs, sents, emb, lazy)
    assert [g.docs for g in lazy_groups] == [["s", "t"]] and lazy_groups == full_groups
    by_full = {(p.a, p.b): p for p in full}
    (event,) = [p for p in lazy if (p.a, p.b) == ("e", "s")]
    assert event.relation == by_full[("e", "s")].relation == "same_event"
    assert event.score == by_full[("e", "s")].score and event.evidence["version_evidence"] is False
    assert {(p.a, p.b): (p.relation, p.score) for p in lazy} == {k: (p.relation, p.score) for k, p in by_full.items()}


def test_span_screen_counts_kept_pairs_and_bounds_the_score():
    """grouping._span_screen, for all document pairs at once: the mutual
    pairs a candidate keeps (what its full score counts as mutual_pairs)
    and a bound no score exceeds and the close pairs it counts; pairs under
    the candidate bar are not scored at all."""
    from rumorlens import grouping

    rng = np.random.default_rng(11)
    base = unit(rng.normal(size=(30, 64)))
    spec = []
    for k, lang in enumerate(["fr", "en", "zh", "fr", "en", "zh"]):
        n = 8 + 3 * k
        rows = rng.choice(30, size=n, replace=False)
        texts = [f"Doc {k} phrase {j} qui est assez longue pour compter un peu." for j in range(n)]
        spec.append((f"d{k}", lang, texts, unit(base[rows] + (0.03 + 0.02 * k) * rng.normal(size=(n, 64)))))
    docs, sents, emb = _texts_corpus(spec)
    th = grouping.load_thresholds()
    scores = score_document_pairs(docs, sents, emb)
    ids = sorted(d.id for d in docs)
    x, owner, local = grouping._stacked_embeddings(ids, emb)
    floor = th["min_pair_similarity"] * min(float(v) for v in th["similarity_level"].values())
    mp = grouping.mutual_pairs(x, owner, local, th, min_sim=floor)
    key = mp.doc_a * len(ids) + mp.doc_b
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    by_id = {d.id: d for d in docs}
    weights = [grouping.unit_weights(by_id[i], sents[i], th) for i in ids]
    kept, bound, close = grouping._span_screen(mp, starts, weights, np.array([by_id[i].lang for i in ids], dtype=object),
                                               th)
    screened = {(ids[mp.doc_a[s]], ids[mp.doc_b[s]]): (int(n), float(b), int(c))
                for s, n, b, c in zip(starts, kept, bound, close)}
    assert len(scores) >= 5
    assert {(p.a, p.b) for p in scores} == {k for k, n in screened.items() if n[0] >= th["candidate_min_pairs"]}
    for p in scores:
        n, b, c = screened[(p.a, p.b)]
        assert p.evidence["mutual_pairs"] == n and p.score <= round(b, 4) and p.evidence["close_pairs"] == c
    # a bound reached: a pair whose chain is all its kept pairs
    assert any(abs(p.score - screened[(p.a, p.b)][1]) < 1e-4 for p in scores)


def test_projected_ivf_neighbours_keep_recall_and_do_not_depend_on_threads():
    """Above exact_max_sentences the IVF index holds the rows projected on
    ivf_dims leading directions; the candidates are re-ranked on the full
    rows, so most exact neighbours come back, with exact similarities, and
    the projection is the same with one BLAS thread or two."""
    from threadpoolctl import threadpool_limits

    from rumorlens.grouping import _reduced, load_thresholds, nearest_neighbours

    rng = np.random.default_rng(11)
    # clusters and their spread mostly in a 12-dimensional subspace of 64
    # numbers (sentence embeddings also vary most along few directions)
    basis = unit(rng.normal(size=(12, 64)))
    centres = unit(rng.normal(size=(40, 12)) @ basis)
    spread = 0.15 * rng.normal(size=(2000, 12)) @ basis + 0.01 * rng.normal(size=(2000, 64))
    x = unit(np.repeat(centres, 50, axis=0) + spread)
    with threadpool_limits(limits=1, user_api="blas"):
        one = _reduced(x, 16)
    with threadpool_limits(limits=2, user_api="blas"):
        two = _reduced(x, 16)
    assert one.shape == (2000, 16) and np.array_equal(one, two)
    assert _reduced(x, 64) is x and _reduced(x, 0) is x
    # the leading directions keep inner products: the projection's Gram error is small
    g, gr = x[:200] @ x[:200].T, one[:200] @ one[:200].T
    assert np.abs(g - gr).mean() < 0.05
    th = dict(load_thresholds(), ivf_lists_per_sqrt=1, ivf_nprobe=8, ivf_dims=16, ivf_neighbour_margin=8)
    exact = nearest_neighbours(x, 10, th, exact=True)
    ivf = nearest_neighbours(x, 10, th, exact=False)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact[0], ivf[0])])
    assert recall > 0.9
    # a neighbour found twice has the same similarity: re-ranked on the full rows
    rows = np.arange(2000)[:, None]
    both = exact[0] == ivf[0]
    assert np.array_equal(exact[1][both], ivf[1][both])
    assert np.allclose(ivf[1][:, 0], np.einsum("ij,ij->i", x, x[ivf[0][:, 0]]), atol=1e-6)
    del rows
    # a vector that is not a number (FAISS's k-means refuses it): no neighbour, and nobody's
    x[5] = np.nan
    nbr, _ = nearest_neighbours(x, 10, th, exact=False)
    assert (nbr[5] == -1).all() and not (nbr == 5).any() and (nbr[:5] >= 0).all()


def test_linked_documents_keep_each_documents_closest_partners():
    """max_partners: a pair stays when it is among the closest partners of
    one of its documents (share of linked sentences over the shorter
    document, then links, then the partner listed first).  Two pages of
    stock sentences (0 and 1) are repeated by ten short documents each,
    and page 0 has a version (12) that links all its sentences: capped at
    one partner, page 0 keeps its version, page 1 one stock document, and
    each stock document its first page only."""
    from rumorlens.grouping import linked_documents

    # rows: page 0 (4 sentences), page 1 (4), documents 2..11 (2 each), version 12 (4)
    owner = np.r_[np.zeros(4, int), np.ones(4, int), np.repeat(np.arange(2, 12), 2), np.full(4, 12)]
    n = len(owner)
    nbr = np.full((n, 2), -1)
    sims = np.full((n, 2), -np.inf, dtype=np.float32)
    for d in range(2, 12):  # its first sentence names one of page 0's, its second one of page 1's, twice
        first = 8 + 2 * (d - 2)
        nbr[first], nbr[first + 1] = [d % 4] * 2, [4 + d % 4] * 2
        sims[first] = sims[first + 1] = 0.9
    for i in range(4):  # the version and page 0 name each other sentence by sentence
        nbr[28 + i, 0], sims[28 + i, 0] = i, 0.95
        nbr[i, 0], sims[i, 0] = 28 + i, 0.95
    a, b = linked_documents(nbr, sims, owner, 0.5, 2)
    everything = set(zip(a.tolist(), b.tolist()))
    assert len(everything) == 21 and (0, 12) in everything
    a, b = linked_documents(nbr, sims, owner, 0.5, 2, max_partners=1)
    kept = set(zip(a.tolist(), b.tolist()))
    assert kept == {(0, 12), (1, 2)} | {(0, d) for d in range(2, 12)}
    assert kept <= everything
    a, b = linked_documents(nbr, sims, owner, 0.5, 2, max_partners=2)
    assert set(zip(a.tolist(), b.tolist())) == everything  # every stock document keeps both pages


def test_quoted_shares_match_a_character_by_character_reading():
    """quoted_shares reads the text between marks at once; on random texts
    of marks, letters, spaces (ASCII and not) and paragraph breaks it gives
    what reading one character at a time gives."""
    import random
    from dataclasses import replace

    from rumorlens.grouping import _QUOTE_CLOSE, _QUOTE_OPEN, quoted_shares

    def by_character(doc, sents):
        out, inside, prev_end = [], False, None
        for s in sents:
            if prev_end is not None and "\n" in doc.text[prev_end:s.start]:
                inside = False
            prev_end = s.end
            n = q = 0
            for ch in s.text:
                if ch == '"':
                    inside = not inside
                elif ch in _QUOTE_OPEN:
                    inside = True
                elif ch in _QUOTE_CLOSE:
                    inside = False
                elif not ch.isspace():
                    n += 1
                    q += inside
            out.append(q / n if n else 0.0)
        return out

    rng = random.Random(0)
    alphabet = 'ab c\t"\u201c\u201d\u00ab\u00bb\u300c\u300d\u300e\u300f\u00a0\u3000x.'
    for _ in range(500):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(rng.randint(1, 5))]
        doc, sents = make("d", "en", texts)
        # units joined by a space (a quotation may go on) or a paragraph break
        text, pos = "", 0
        for k, t in enumerate(texts):
            sep = rng.choice([" ", "\n", ""]) if k else ""
            sents[k] = replace(sents[k], start=len(text) + len(sep), end=len(text) + len(sep) + len(t))
            text += sep + t
        doc = replace(doc, text=text)
        assert quoted_shares(doc, sents) == by_character(doc, sents)


def test_copies_of_one_sentence_spread_their_neighbours_over_every_copy():
    """A story copied into many documents: each copy of a sentence ties with
    every other at similarity 1.  Each row's neighbours are other copies
    (never itself), taken from a different place for each row and each
    sentence, so later documents link to as many documents as the first
    ones (ranked by row number, every list held the first copies)."""
    from rumorlens.grouping import _copies, linked_documents, load_thresholds, nearest_neighbours

    rng = np.random.default_rng(12)
    story = unit(rng.normal(size=(4, 32)))  # four sentences every version repeats
    docs = 60
    x = unit(np.vstack([np.vstack([story, rng.normal(size=(1, 32))]) for _ in range(docs)]))
    owner = np.repeat(np.arange(docs), 5)
    group, members = _copies(x)
    assert len(members) == 4 + docs and [len(m) for m in members[:4]] == [docs] * 4
    assert (group[:4] == np.arange(4)).all() and (members[0] == np.arange(0, 5 * docs, 5)).all()
    th = load_thresholds()
    nbr, sims = nearest_neighbours(x, 8, th, exact=True)
    rows = np.arange(len(x))
    assert not (nbr == rows[:, None]).any()
    copies = nbr[0::5]  # the first sentence of each document: its 8 nearest are copies of it
    assert np.allclose(sims[0::5], 1.0, atol=1e-6) and np.isin(copies, members[0]).all()
    assert len(np.unique(copies)) == docs  # every copy is someone's neighbour
    a, b = linked_documents(nbr, sims, owner, 0.5, 2)
    partners = np.bincount(np.r_[a, b], minlength=docs)
    # each document links to as many as the others (ranked by row number:
    # the first documents 59 partners each, the last 8)
    assert partners.min() >= 20 and partners.max() - partners.min() <= 2
    # rows that are all different: the same lists as before
    y = unit(rng.normal(size=(50, 32)))
    assert np.array_equal(nearest_neighbours(y, 5, th, exact=True)[0], nearest_neighbours(y, 5, th, exact=True)[0])


def _spread_by_row(group, members, nbr_u, sims_u, self_sims, k):
    """grouping._spread row by row, as it was first written (the reference
    for the vectorized one)."""
    from rumorlens.grouping import _SPREAD_PRIME

    n = len(group)
    if nbr_u.shape[1] < k:
        pad = k - nbr_u.shape[1]
        nbr_u = np.pad(nbr_u, ((0, 0), (0, pad)), constant_values=-1)
        sims_u = np.pad(sims_u, ((0, 0), (0, pad)), constant_values=-np.inf)
    nbr = np.full((n, k), -1, dtype=np.int64)
    sims = np.full((n, k), -np.inf, dtype=np.float32)
    rank = np.empty(n, np.int64)
    for m in members:
        rank[m] = np.arange(len(m))
    for i in range(n):
        g = int(group[i])
        cand = [(float(self_sims[g]), g)] if len(members[g]) > 1 and np.isfinite(self_sims[g]) else []
        cand += [(float(s), int(h)) for h, s in zip(nbr_u[g].tolist(), sims_u[g].tolist()) if h >= 0]
        cand.sort(key=lambda c: -c[0])  # stable: the own group first on a tie
        filled = 0
        for sim, h in cand:
            m = members[h]
            if h == g:
                take = min(k - filled, len(m) - 1)
                rows = m[(rank[i] + 1 + (g * _SPREAD_PRIME + np.arange(take)) % (len(m) - 1)) % len(m)]
            else:
                take = min(k - filled, len(m))
                rows = m[(i + np.arange(take)) % len(m)]
            nbr[i, filled:filled + take] = rows
            sims[i, filled:filled + take] = sim
            filled += take
            if filled == k:
                break
    return nbr, sims


def test_spread_equals_the_row_by_row_reference():
    """_spread fills every row's places at once; on random rows with copies,
    ties, a row that is not a number and lists shorter than k, it gives the
    same neighbours and similarities, bit for bit, as filling them row by row."""
    from rumorlens.grouping import _copies, _nearest, _spread, load_thresholds

    rng = np.random.default_rng(5)
    th = load_thresholds()
    checked = 0
    for _ in range(200):
        base = rng.normal(size=(int(rng.integers(1, 30)), 6)).astype(np.float32)
        if rng.random() < 0.3:
            base = np.round(base)  # rows that tie
        x = np.repeat(base, rng.integers(1, 7, size=len(base)), axis=0)[::-1].copy()
        if rng.random() < 0.1:
            x[0] = np.nan
        with np.errstate(invalid="ignore", divide="ignore"):
            x = x / np.linalg.norm(x, axis=1, keepdims=True)
        k = int(rng.integers(1, 14))
        group, members = _copies(x)
        firsts = np.array([m[0] for m in members])
        nbr_u, sims_u = _nearest(x[firsts], k, th, True)
        self_sims = np.einsum("ij,ij->i", x[firsts], x[firsts])
        got = _spread(group, members, nbr_u, sims_u, self_sims, k)
        want = _spread_by_row(group, members, nbr_u, sims_u, self_sims, k)
        assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
        checked += len(members) < len(x)
    assert checked > 100  # most cases had copies


def test_one_wording_in_traditional_and_simplified_characters_is_one_wording():
    """A Taiwan or Hong Kong copy of a mainland article (the same text in
    traditional characters) shares its wording: it was read as rewritten
    (0.41 of its bigrams shared) and never grouped with the original."""
    from rumorlens.grouping import wording_overlap

    assert wording_overlap("颱風過境，沿海三縣停課一天。", "台风过境，沿海三县停课一天。") == 1.0
    assert wording_overlap("颱風過境，沿海三縣停課一天。", "暴雨来袭，山区两镇停电三小时。") < 0.2
