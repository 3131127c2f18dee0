"""Modal force (compare.claims.check_modal_force): a necessity on one side
against only a possibility or a permission on the other."""
from __future__ import annotations

import pytest
from compare_helpers import profiled

from rumorlens.compare.claims import check_certainty, check_modal_force


@pytest.mark.parametrize("src, tgt, sl, tl, severity", [
    ("Les employés doivent porter un masque au bureau.", "Employees can wear a mask at the office.", "fr", "en", "medium"),
    ("员工可以在办公室戴口罩。", "Employees must wear masks in the office.", "zh", "en", "medium"),
    ("员工必须在办公室戴口罩。", "Employees may wear masks in the office.", "zh", "en", "medium"),
    ("Visitors are allowed to bring food into the park.", "Les visiteurs doivent apporter de la nourriture dans le parc.",
     "en", "fr", "medium"),
    ("Les candidats peuvent présenter un justificatif.", "Applicants have to show a receipt.", "fr", "en", "medium"),
    ("居民应该在晚上十点前回家。", "Les habitants peuvent rentrer chez eux avant 22 heures.", "zh", "fr", "low"),
])
def test_a_change_of_force_is_reported(src, tgt, sl, tl, severity):
    (f,) = check_modal_force(profiled(src, tgt, sl, tl))
    assert (f.type, f.severity) == ("modality_changed", severity)


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Les employés doivent porter un masque au bureau.", "Employees have to wear a mask at the office.", "fr", "en"),
    ("员工必须在办公室戴口罩。", "Employees are required to wear masks in the office.", "zh", "en"),
    ("员工可以在办公室戴口罩。", "Employees may wear masks in the office.", "zh", "en"),
    # negated duals say the same: 'must not' is 'cannot'
    ("Visitors must not feed the animals.", "游客不能给动物喂食。", "en", "zh"),
    ("Les visiteurs ne peuvent pas nourrir les animaux.", "Visitors must not feed the animals.", "fr", "en"),
    # a requirement told without a modal verb
    ("Visitors must register at the gate.", "L'inscription est obligatoire pour les visiteurs à l'entrée.", "en", "fr"),
    # 'can only' is how English says 只能
    ("居民只能乘船离开。", "Residents can only leave by boat.", "zh", "en"),
    # two claims on the side with the necessity: the other may keep the 'can' alone
    ("You must apply by May 1 and can appeal later.", "Vous pouvez faire appel plus tard.", "en", "fr"),
])
def test_the_same_force_is_not_reported(src, tgt, sl, tl):
    assert check_modal_force(profiled(src, tgt, sl, tl)) == []


def test_the_certainty_check_leaves_a_possibility_against_a_necessity_to_it():
    """'may' against 必须 is one finding (a change of force), not also 'a
    hedge the Chinese states as fact'."""
    p = profiled("员工必须在办公室戴口罩。", "Employees may wear masks in the office.", "zh", "en")
    assert check_certainty(p) == []
    assert [f.type for f in check_modal_force(p)] == ["modality_changed"]


def test_a_hedge_against_a_plain_statement_is_still_the_certainty_check_s():
    p = profiled("新法律可能使罚款翻倍。", "The new law doubles the fines.", "zh", "en")
    assert check_modal_force(p) == []
    assert [f.type for f in check_certainty(p)] == ["hedge_dropped"]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("游客不能在景区内放飞无人机。", "Tourists may not fly drones inside the scenic area.", "zh", "en"),
    ("新规禁止乘客在高铁车厢内吸烟。", "Under the new rules, passengers may not smoke on high-speed trains.", "zh", "en"),
    ("Il est interdit de fumer près des écoles.", "People may not smoke near schools.", "fr", "en"),
])
def test_may_not_against_a_prohibition_is_no_hedge(src, tgt, sl, tl):
    """'may not' is how English forbids (deontic); against 禁止, 不能 or
    « interdit » it is no doubt the source lacks."""
    assert check_certainty(profiled(src, tgt, sl, tl)) == []


def test_may_not_against_a_plain_statement_is_still_a_hedge():
    p = profiled("这个计划行不通。", "The plan may not work.", "zh", "en")
    assert [f.type for f in check_certainty(p)] == ["modality_changed"]


def test_a_negation_after_the_object_does_not_negate_a_chinese_modal():
    """必须对不清理狗粪的狗主人开罚单: 'must fine owners who do not clean up':
    the 不 is the relative clause's, so 必须 stands against « peuvent »."""
    p = profiled("Les agents peuvent verbaliser les propriétaires qui ne ramassent pas les déjections.",
                 "工作人员必须对不清理狗粪的狗主人开罚单。", "fr", "zh")
    assert [f.type for f in check_modal_force(p)] == ["modality_changed"]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("学生禁止在校园内使用手机。", "Les élèves ne doivent pas utiliser leur téléphone dans l'établissement.", "zh", "fr"),
    ("Shops must not sell alcohol to anyone under 18.",
     "Il est interdit aux commerces de vendre de l'alcool aux moins de 18 ans.", "en", "fr"),
])
def test_a_prohibition_carries_the_negation_of_must_not(src, tgt, sl, tl):
    from rumorlens.compare.polarity import check_polarity

    assert check_polarity(profiled(src, tgt, sl, tl)) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Vous pouvez consulter d'autres gouvernements, mais leurs conseils doivent être adaptés à leurs citoyens.",
     "You may consult other governments, but their advice can be adapted to their citizens.", "fr", "en"),
    ("她必须被拘留，等待审判；但是任何证据都可能受到影响。",
     "She can be in custody pending trial, but any evidence may be tainted.", "zh", "en"),
])
def test_a_necessity_in_a_clause_of_its_own_beside_a_possibility(src, tgt, sl, tl):
    """The other clause says 'may' on both sides; the necessity's own clause
    is rendered with 'can' (bench-claims' modal_force rows)."""
    assert [f.type for f in check_modal_force(profiled(src, tgt, sl, tl))] == ["modality_changed"]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Airlines will have to compensate passengers for delays.", "Les compagnies pourront indemniser les passagers.",
     "en", "fr"),
    ("Shops are allowed to open on Sundays.", "Les magasins seront tenus d'ouvrir le dimanche.", "en", "fr"),
    # 规定 'stipulates' reports the rule; the rule itself says 可以
    ("该法案规定，企业可以在裁员前30天通知员工。", "The bill stipulates that companies must notify staff 30 days before layoffs.",
     "zh", "en"),
])
def test_futures_of_french_modals_and_a_reported_rule(src, tgt, sl, tl):
    assert [f.type for f in check_modal_force(profiled(src, tgt, sl, tl))] == ["modality_changed"]
