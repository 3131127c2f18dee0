"""The degree of a doubt changed between two hedged versions
(compare.hedge_grade): 很可能 'very likely' told as 也许 'perhaps' (the
sample corpus, session 52)."""
from __future__ import annotations

import pytest
from compare_helpers import checked_findings
from compare_helpers import profiled as claim_pair

from rumorlens.claims import profile_text
from rumorlens.compare.hedge_grade import check_hedge_grade


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("OpenAI 很可能在内部运行着 GPT-5。", "OpenAI 也许正在内部运行 GPT-5。", "zh", "zh"),
    ("OpenAI is very likely running GPT-5 internally.", "OpenAI fait peut-être tourner GPT-5 en interne.", "en", "fr"),
    ("La réunion aura sans doute lieu lundi.", "The meeting may take place on Monday.", "fr", "en"),
    ("他们多半已经离开了。", "They have perhaps left already.", "zh", "en"),
    # a likelihood denied is the weak grade: 'unlikely' against 'probably'
    ("The plan will probably pass.", "Il est improbable que le plan passe.", "en", "fr"),
])
def test_a_likelihood_told_as_a_possibility(src, tgt, sl, tl):
    (f,) = check_hedge_grade(claim_pair(src, tgt, sl, tl))
    assert (f.category, f.type, f.severity) == ("claim", "certainty_lowered", "low")
    assert "likely" in f.explanation and "possible" in f.explanation
    # the other way round, the target is surer
    (g,) = check_hedge_grade(claim_pair(tgt, src, tl, sl))
    assert g.type == "certainty_raised"


@pytest.mark.parametrize("src, tgt, sl, tl", [
    # 可能 reads as 'may' or 'probably' (models/compare/cues.json grade_neutral_doubts)
    ("那种模式可能已经结束了。", "C'est probablement terminé.", "zh", "fr"),
    ("可能还有其他原因。", "There may be other reasons.", "zh", "en"),
    # 'may well' is a likelihood, not the possibility of 'may'
    ("但它很可能是基督诞生以前就存在的一种仪式。", "But it may well be a pre-Christian ritual.", "zh", "en"),
    # one grade each, the same
    ("Il est probable qu'il pleuve.", "It will likely rain.", "fr", "en"),
    # both grades on one side: which doubt went where is the certainty check's
    ("He probably left, and she may follow.", "Il est peut-être parti, et elle le suivra peut-être.", "en", "fr"),
    # a hedge on one side only is the certainty check's (hedge_dropped), not a grade
    ("He probably left.", "Il est parti.", "en", "fr"),
])
def test_the_same_degree_or_no_grade_to_compare(src, tgt, sl, tl):
    assert check_hedge_grade(claim_pair(src, tgt, sl, tl)) == []


@pytest.mark.parametrize("src, tgt, sl, tl, found", [
    # a side holding both grades: the facing clauses are compared (a session 52 break test)
    ("The plant will probably close, and perhaps 500 jobs will go.",
     "L'usine fermera probablement, et probablement 500 emplois disparaîtront.", "en", "fr", ["certainty_raised"]),
    ("The plant will probably close, and perhaps 500 jobs will go.",
     "L'usine fermera probablement, et peut-être 500 emplois disparaîtront.", "en", "fr", []),
])
def test_two_clauses_two_grades(src, tgt, sl, tl, found):
    assert [f.type for f in check_hedge_grade(claim_pair(src, tgt, sl, tl))] == found


def test_a_grade_the_next_sentence_carries_is_no_change():
    """An alignment boundary moved the likely hedge into the sentence next to
    the other version's bead: nothing is reported (with the neighbour
    profiled, the check stays quiet; without it, it reports)."""
    from dataclasses import replace

    src, tgt, after = "He probably left early.", "Il est peut-être parti tôt.", "Il était sans doute fatigué."
    p = claim_pair(src, tgt, "en", "fr")
    assert [f.type for f in check_hedge_grade(p)] == ["certainty_lowered"]
    doc = tgt + " " + after
    p.tgt = replace(p.tgt, doc_text=doc)
    p.tgt.near_claims = [profile_text(after, "fr", doc_id="b", offset=len(tgt) + 1)]
    assert check_hedge_grade(p) == []


def test_check_pairs_reports_it():
    """Through the whole check set (rumorlens check-pairs), with no other claim finding for it."""
    found = [(f["category"], f["type"]) for f in checked_findings("OpenAI 很可能在内部运行着 GPT-5。",
                                                                    "OpenAI 也许正在内部运行 GPT-5。", "zh", "zh")]
    assert found == [("claim", "certainty_lowered")]
