"""Session 62, the leftovers of session 61's fresh-user trial: a Chinese
adjective that holds a negating morpheme as part of its meaning (眼睛不适
'eye irritation' was a high negation_removed), 计划 as a preposition's object
(比计划提前 'ahead of schedule' read as a plan), and 报告/告诉 as verbs of
saying."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.antonyms import check_antonyms
from rumorlens.compare.cues import affixal_negations, negations
from rumorlens.compare.polarity import check_polarity


def _types(check, src, tgt, sl="zh", tl="en"):
    return [f.type for f in check(pair(src, tgt, sl, tl))]


@pytest.mark.parametrize("src, tgt", [
    ("数十名居民报告眼睛不适。", "Dozens of residents reported eye irritation."),
    ("他感到身体不适，提前离开了会场。", "He felt unwell and left the venue early."),
    ("这是一起不幸的事故。", "It was a tragic accident."),
    ("居民对此表示不满。", "Residents voiced their anger."),
])
def test_an_adjective_negated_in_its_meaning_is_no_negation_removed(src, tgt):
    assert _types(check_polarity, src, tgt) == []


def test_such_an_adjective_counts_as_a_word_negated_by_an_affix():
    text = "数十名居民报告眼睛不适。"
    assert negations(text, "zh") == [] and affixal_negations(text, "zh") == [(text.index("不适"), text.index("不适") + 2)]


@pytest.mark.parametrize("src, tgt", [
    ("警方无法证实这一消息。", "Police confirmed the news."),  # 无法 'unable to': an adverb
    ("他不是医生。", "He is a doctor."),
    ("项目资金不足。", "The project has sufficient funds."),  # 不足 'not enough': its gloss negates
])
def test_a_clause_negation_is_still_one(src, tgt):
    assert _types(check_polarity, src, tgt) == ["negation_removed"]


@pytest.mark.parametrize("src, tgt", [
    ("居民对此表示不满。", "Residents said they were satisfied with it."),
    ("他感到身体不适。", "He felt well."),
])
def test_such_an_adjective_turned_round_is_an_antonym(src, tgt):
    assert "antonym" in _types(check_antonyms, src, tgt)


def _cues(text):
    return [(c.kind, c.value, c.text) for c in profile_text(text, "zh").cues]


def test_a_plan_after_a_preposition_is_the_noun():
    assert _cues("工厂比计划提前两周完工。") == []
    assert ("tense", "future", "计划") in _cues("公司计划明年上市。")
    assert ("tense", "future", "计划") in _cues("市政府计划对道路进行改造。")


@pytest.mark.parametrize("text, said", [
    ("数十名居民报告眼睛不适。", "数十名居民报告"),
    ("警方告诉记者，两人受伤。", "警方告诉"),
])
def test_report_and_tell_are_verbs_of_saying(text, said):
    assert any(k == "attribution" and t == said for k, _, t in _cues(text))


def test_an_order_told_from_its_other_end_by_an_anaphor_is_no_reversal():
    from rumorlens.compare.order import check_order

    # 此前 'before that' points back; 'after a poor start' names the event: one order, two ends
    assert _types(check_order, "他以第三名完成比赛，此前他开局不利。", "He finished third after a poor start.") == []
    assert _types(check_order, "在军队到来之前，海地从未出现过这种疾病。",
                  "After the arrival of troops, Haiti had never encountered the disease.") == ["order_reversed"]


def test_asked_not_to_be_named_is_no_negation():
    assert negations("A source who asked not to be named said the blaze may have been caused by solvents.", "en") == []
    assert negations("Une source qui a demandé à ne pas être nommée a déclaré que l'usine brûlait.", "fr") == []
    assert negations("A source who asked not to be named said the plant had no licence.", "en") != []


def _in_document(src, tgt, similarity, margin):
    from rumorlens.compare import PairStats

    p = pair(src, tgt, "zh", "en", similarity=similarity, stats=PairStats(n=12, median=0.65, mad=0.05))
    p.relation, p.margin = "translation", margin
    return p


def test_a_reversal_below_the_pairs_median_is_checked_when_its_sentences_are_clear_counterparts():
    src, tgt = "工厂负责人对事故处理的进度表示不满。", "The plant's manager said he was satisfied with how the response was going."
    # a reversed word makes its sentence less alike than the pair's median (0.65) ...
    assert "antonym" in [f.type for f in check_antonyms(_in_document(src, tgt, 0.3, margin=0.2))]
    # ... and a loose bead that is no clear counterpart stays unread (a paraphrase, a misalignment)
    assert check_antonyms(_in_document(src, tgt, 0.3, margin=0.0)) == []


def test_the_digest_quotes_each_version_in_its_own_words():
    """Two versions that state one value in different words were quoted in
    the first one's words ('the French and the Chinese article say « dans un
    an et demi »', a fresh user's trial of session 62)."""
    from rumorlens.digest import build_digest

    def finding(fid, other):
        ev = [{"doc": "t", "path": "t.txt", "start": 5, "end": 10, "text": "一年半之后", "value": "2025-01",
               "role": None}, {"doc": other[0], "path": other[0], "start": 3, "end": 3 + len(other[1]),
                               "text": other[1], "value": "2026-06", "role": None}]
        return {"id": fid, "category": "date", "type": "date_changed", "severity": "high", "confidence": 0.8,
                "docs": ["t", other[0]], "evidence": ev, "explanation": "x"}

    report = {"documents": [{"id": "t", "path": "t.txt", "lang": "zh", "title": "T"},
                            {"id": "f", "path": "f.txt", "lang": "fr", "title": "F"},
                            {"id": "a", "path": "a.md", "lang": "zh", "title": "A"}],
              "groups": [], "discrepancies": [finding("f-1", ("f", "dans un an et demi")),
                                              finding("f-2", ("a", "一年半以后"))]}
    (article,) = build_digest(report)
    (change,) = article["top"]
    assert "«dans un an et demi»" in change["sentence"] and "«一年半以后»" in change["sentence"], change["sentence"]
