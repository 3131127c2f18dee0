"""Boosters on one side only (compare.claims.check_booster)."""
from __future__ import annotations

import pytest
from compare_helpers import profiled

from rumorlens.compare.claims import check_booster


@pytest.mark.parametrize("src, tgt, sl, tl, type_, severity", [
    ("这项政策将导致物价上涨。", "This policy will certainly cause prices to rise.", "zh", "en", "certainty_raised", "medium"),
    ("Cette politique va faire monter les prix.", "This policy will undoubtedly push prices up.", "fr", "en",
     "certainty_raised", "medium"),
    ("这项政策必将导致物价上涨。", "This policy will cause prices to rise.", "zh", "en", "certainty_lowered", "low"),
])
def test_a_booster_on_one_side_is_reported(src, tgt, sl, tl, type_, severity):
    (f,) = check_booster(profiled(src, tgt, sl, tl))
    assert (f.type, f.severity) == (type_, severity)


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("这项政策必将导致物价上涨。", "This policy will certainly cause prices to rise.", "zh", "en"),
    # epistemic necessity is certainty
    ("这项裁决对政府来说一定是一个打击。", "The ruling must be a blow to the government.", "zh", "en"),
    ("警方认为，嫌疑人一定是通过后门进入仓库的。", "Selon la police, le suspect a dû entrer par la porte arrière.", "zh", "fr"),
    # a concessive 'certainly' renders « certes »
    ("Il s'agit certes de la queue d'un dinosaure juvénile, mais le plumage est adulte.",
     "It is certainly the tail of a juvenile dinosaur, but the plumage is adult.", "fr", "en"),
    # 'clearly' and 确实 are emphasis a translation adds or drops
    ("数据确实显示出增长。", "The data show growth.", "zh", "en"),
    ("Les données montrent une croissance.", "The data clearly show growth.", "fr", "en"),
    # a hedge against a booster is the certainty check's
    ("这项政策可能导致物价上涨。", "This policy will certainly cause prices to rise.", "zh", "en"),
])
def test_a_booster_answered_or_not_reported(src, tgt, sl, tl):
    assert check_booster(profiled(src, tgt, sl, tl)) == []


def test_a_chinese_future_does_not_answer_a_booster():
    """将 'will' answers a conditional, never 'undoubtedly' (a break test of session 45)."""
    (f,) = check_booster(profiled("专家表示，房价将在明年趋于稳定。",
                                  "Experts said house prices will undoubtedly stabilize next year.", "zh", "en"))
    assert f.type == "certainty_raised"


def test_a_doubt_inside_an_attribution_is_the_claim_s_own():
    """« Ils pensent certainement » / 'They probably believe': the hedge sits
    inside the attribution's words, and the belief is no longer hedged in the French."""
    from rumorlens.compare.claims import check_certainty

    p = profiled("Ils pensent certainement que c'est la fin du monde.",
                 "They probably believe that it is the end of the world.", "fr", "en")
    assert [f.type for f in check_certainty(p)] == ["certainty_lowered"]
    assert check_certainty(profiled("Ils pensent que c'est la fin du monde.",
                                    "They probably believe that it is the end of the world.", "fr", "en")) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("土耳其还必将接管看守任务。", "Turkey would also take over the guarding task.", "zh", "en"),
    ("该团队寻找的效应一定是由潮汐力引起的。", "The effect the team was looking for would be caused by tidal forces.", "zh", "en"),
])
def test_a_conditional_that_is_no_hedge_does_not_answer_a_booster(src, tgt, sl, tl):
    """'would' against Chinese is no hedge (Chinese has no conditional mood),
    so check_certainty does not weigh it; it must not silence the booster
    either: 必将 / 'would' was reported by neither (source-side probe, session 48)."""
    (f,) = check_booster(profiled(src, tgt, sl, tl))
    assert (f.type, f.severity) == ("certainty_lowered", "low")


def test_a_french_conditional_still_answers_a_booster_as_a_hedge():
    """« serait » against 'will certainly' is a hedge against a booster: the certainty check's."""
    assert check_booster(profiled("Le projet serait abandonné.", "The project will certainly be abandoned.",
                                  "fr", "en")) == []


def test_a_source_speaking_confidently_makes_the_claim_surer():
    """The sample corpus's 前 OpenAI 高管表示 / 'A former OpenAI executive
    confidently stated' (session 53): a booster on the reporting verb;
    'walked confidently' is a manner, no cue (before a verb only)."""
    (f,) = check_booster(profiled("前 OpenAI 高管表示,最终的 GPT-5 会像博士生。",
                                  "A former OpenAI executive confidently stated that GPT-5 would be like a PhD student.",
                                  "zh", "en"))
    assert (f.type, f.severity) == ("certainty_raised", "medium")
    assert check_booster(profiled("他走进了房间。", "He walked confidently into the room.", "zh", "en")) == []


def test_the_other_side_s_evidence_is_the_clause_the_aligner_paired():
    """A retelling puts the clauses in another order: the evidence of the
    version without the cue is the clause the align stage grouped with the
    cue's clause, not the clause at the same relative place (session 53:
    'confidently' of the English opening was paired with the Chinese's
    first clause)."""
    src = "他们说情况很复杂，但这项政策将导致物价上涨。"
    tgt = "This policy will certainly cause prices to rise, they said, and the situation is complex."
    p = profiled(src, tgt, "zh", "en")
    cut, tcut = src.index("但"), tgt.index(", they")
    p.clause_groups = [[[[0, cut]], [[tcut + 2, len(tgt)]]], [[[cut, len(src)]], [[0, tcut]]]]
    (f,) = check_booster(p)
    assert f.type == "certainty_raised"
    assert any(e.text == src[cut:] for e in f.evidence)  # the policy's clause, not 他们说情况很复杂
    p.clause_groups = []
    (g,) = check_booster(p)
    assert not any(e.text == src[cut:] for e in g.evidence)  # by position: the first clause


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("The senator confidently stated that the bill would pass.", "参议员自信地表示，该法案将获得通过。", "en", "zh"),
    ("The expert confidently said the deficit would shrink.", "L'expert a affirmé avec assurance que le déficit "
     "diminuerait.", "en", "fr"),
    ("The team confidently won the final.", "该队赢得了决赛。", "en", "zh"),  # a manner: no reporting verb after it
])
def test_confidence_rendered_or_a_manner_is_quiet(src, tgt, sl, tl):
    """« avec assurance », 自信地 render 'confidently stated' (boosters.answers);
    'confidently won' says how they won (a helper's break test, session 53)."""
    assert check_booster(profiled(src, tgt, sl, tl)) == []
