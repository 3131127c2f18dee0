"""Directive force (compare.directives.check_directive): advice or a
permission against a demand."""
from __future__ import annotations

import pytest
from compare_helpers import profiled

from rumorlens.compare.directives import check_directive


@pytest.mark.parametrize("src, tgt, sl, tl, words", [
    ("卫生部门建议市民减少不必要的外出。", "Health authorities have ordered residents to cut back on non-essential trips.",
     "zh", "en", ("建议", "ordered")),
    ("Le gouvernement recommande le télétravail dans les zones touchées.",
     "The government requires remote working in the affected areas.", "fr", "en", ("recommande", "requires")),
    ("学校要求学生在校内佩戴口罩。", "Schools encourage students to wear masks on campus.", "zh", "en",
     ("encourage", "要求")),
    ("专家建议减少食盐摄入。", "Experts say people must cut their salt intake.", "zh", "en", ("建议", "must")),
    ("La nouvelle loi permet aux employeurs de contrôler les messages.",
     "The new law obliges employers to monitor messages.", "fr", "en", ("permet", "obliges")),
    ("新规允许企业延期缴纳社保费。", "The new rules require companies to defer social-security contributions.",
     "zh", "en", ("允许", "require")),
    ("The agency advised travellers to avoid the region.",
     "L'agence a interdit aux voyageurs de se rendre dans la région.", "en", "fr", ("advised", "interdit")),
    # every form of 'instruct' and 'enable' (the lists had 'instructed' alone, and no 'enable')
    ("卫生部门建议医院推迟非紧急手术。", "Health officials instruct hospitals to postpone non-urgent surgery.",
     "zh", "en", ("建议", "instruct")),
    ("The new law enables police to hold suspects for 48 hours.", "新法律要求警方将嫌疑人拘留48小时。", "en", "zh",
     ("enables", "要求")),
])
def test_advice_or_permission_against_a_demand(src, tgt, sl, tl, words):
    (f,) = check_directive(profiled(src, tgt, sl, tl))
    assert (f.category, f.type, f.severity) == ("claim", "modality_changed", "medium")
    assert all(w in f.explanation for w in words)


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("世卫组织建议老年人接种加强针。", "The WHO recommends that older people get a booster shot.", "zh", "en"),
    ("政府要求企业公布账目。", "The government required companies to publish their accounts.", "zh", "en"),
    # 要求 is 'ask' as often as 'require': a request is neither advice nor demand
    ("政府要求企业公布账目。", "The government asked companies to publish their accounts.", "zh", "en"),
    # advice and a demand on one side: nothing told otherwise
    ("专家建议，市民必须戴口罩。", "Experts advise that residents must wear masks.", "zh", "en"),
    # a negated demand is none
    ("政府没有要求企业公布账目。", "The government recommended that companies publish their accounts.", "zh", "en"),
    # 'demand' the noun of economics is no directive
    ("Les analystes recommandent de vendre.", "Analysts recommend selling as demand for oil falls.", "fr", "en"),
])
def test_same_force_or_no_directive_is_silent(src, tgt, sl, tl):
    assert check_directive(profiled(src, tgt, sl, tl)) == []


def test_a_must_against_a_can_is_the_modal_force_check_s():
    """« Vous devez … conseils » / 'You may … the advice' (a DEMETR row):
    check_modal_force reports the modal; no second finding for it."""
    from rumorlens.compare.claims import check_modal_force

    p = profiled("Vous devez consulter d'autres gouvernements.",
                 "You may consult the recommendations of other governments.", "fr", "en")
    assert [f.type for f in check_modal_force(p)] == ["modality_changed"]
    assert check_directive(p) == []


@pytest.mark.parametrize("src, tgt, sl, tl, words", [
    ("The board has to approve the merger.", "Le conseil approuve la fusion.", "en", "fr", ("has to", "approuve")),
    ("Il faut que le conseil approuve la fusion.", "The board approves the merger.", "fr", "en", ("Il faut", "approves")),
    ("Le ministre a approuvé le budget.", "The minister must approve the budget.", "fr", "en", ("must", "a approuvé")),
])
def test_an_obligation_told_as_a_fact_is_reported(src, tgt, sl, tl, words):
    """A requirement told as done, or the reverse (session 56, a helper's
    break test: 'has to approve' / « approuve » was silent)."""
    from rumorlens.compare.directives import check_obligation_dropped

    (f,) = check_obligation_dropped(profiled(src, tgt, sl, tl))
    assert (f.type, f.severity) == ("modality_changed", "low")
    assert set(words) <= {e.text for e in f.evidence if e.value}


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("The minister must resign.", "Le ministre doit démissionner.", "en", "fr"),
    ("Les entreprises doivent déclarer leurs revenus.", "Companies are required to declare their income.", "fr", "en"),
    ("The minister must not resign.", "Le ministre démissionne.", "en", "fr"),  # negated: the negation checks'
    ("政府必须采取行动。", "The government acts.", "zh", "en"),  # Chinese leaves 要, 得 unsaid: not judged
    ("The minister must resign.", "Le ministre pourrait démissionner.", "en", "fr"),  # check_modal_force's
    # a requirement rendered by a word, not a modal (cues.json modal_force necessity_answers)
    ("C'était un poste pour lequel il fallait un diplôme.", "It was a job for which you needed a diploma.", "fr", "en"),
    ("Pour comprendre, il me suffira de lire cet article.", "To understand, all I have to do is read this article.",
     "fr", "en"),
    # a necessity circumstances impose (cues.json circumstantial_necessity)
    ("Notre monde doit faire face à un ennemi commun.", "Our world faces a common enemy.", "fr", "en"),
    ("The city has to cope with floods every spring.", "La ville subit des inondations chaque printemps.", "en", "fr"),
])
def test_an_obligation_answered_or_not_judged_is_quiet(src, tgt, sl, tl):
    from rumorlens.compare.directives import check_obligation_dropped

    assert check_obligation_dropped(profiled(src, tgt, sl, tl)) == []


def test_an_obligation_in_a_bead_less_close_than_its_pairs_median_is_quiet():
    """One side's modal is all the finding rests on: in a bead less close
    than its pair's median it says nothing (compare.coverage.below_median)."""
    from compare_helpers import pair

    from rumorlens.claims import profile_text
    from rumorlens.compare.directives import check_obligation_dropped
    from rumorlens.compare.pair import PairStats

    src, tgt = "The board has to approve the merger.", "Le conseil approuve la fusion."

    def bead(similarity):
        p = pair(src, tgt, "en", "fr", similarity=similarity, stats=PairStats(n=10, median=0.8))
        p.src.claims, p.tgt.claims = [profile_text(src, "en")], [profile_text(tgt, "fr")]
        return p

    assert check_obligation_dropped(bead(0.5)) == []
    assert len(check_obligation_dropped(bead(0.85))) == 1  # as close as the median: judged
