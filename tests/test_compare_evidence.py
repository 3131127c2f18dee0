"""What a scientific claim rests on (compare.evidence): an association
told as a cause, a study's limit dropped; and a negated certainty
(session 41, a fresh user's trial of science reporting)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.claims import check_certainty
from rumorlens.compare.evidence import check_causation, check_scope


def claim_pair(src, tgt, sl, tl):
    p = pair(src, tgt, sl, tl)
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    return p


ZH_LINK = "长期暴露于细颗粒物污染可能与老年人患痴呆的风险升高有关。"


def test_an_association_told_as_a_cause():
    (f,) = check_causation(claim_pair(ZH_LINK, "Long-term exposure to fine-particle pollution may cause dementia.",
                                      "zh", "en"))
    assert (f.category, f.type, f.severity) == ("claim", "causation_changed", "medium")
    assert "有关" in f.explanation and "cause" in f.explanation
    fr = "Une exposition prolongée aux particules fines pourrait être associée à un risque accru de démence."
    assert [f.type for f in check_causation(claim_pair(fr, "Fine particles may cause dementia.", "fr", "en"))] \
        == ["causation_changed"]


def test_a_link_rendered_as_a_link_or_a_cause_denied_is_quiet():
    assert check_causation(claim_pair(ZH_LINK, "Long-term exposure to fine particles may be linked to dementia.",
                                      "zh", "en")) == []
    assert check_causation(claim_pair("吸烟导致肺癌。", "Smoking causes lung cancer.", "zh", "en")) == []
    assert check_causation(claim_pair("Pollution is associated with dementia.",
                                      "La pollution ne provoque pas la démence.", "en", "fr")) == []
    assert check_causation(claim_pair("有关部门正在调查污染导致的疾病。", "Officials are investigating diseases caused by "
                                      "pollution.", "zh", "en")) == []  # 有关部门 'the authorities' is no link


def test_a_result_in_mice_told_without_the_mice():
    zh = "在小鼠实验中，团队还发现细颗粒物会引起大脑炎症。"
    (f,) = check_scope(claim_pair(zh, "The team also found that fine particles trigger inflammation in the brain.",
                                  "zh", "en"))
    assert f.type == "scope_dropped" and "小鼠" in f.explanation
    assert check_scope(claim_pair(zh, "In experiments on mice, the team also found that fine particles trigger "
                                      "inflammation in the brain.", "zh", "en")) == []
    (g,) = check_scope(claim_pair("These results must be confirmed.",
                                  "Ces résultats, qui n'ont pas encore été évalués par des pairs, doivent être confirmés.",
                                  "en", "fr"))
    assert g.type == "scope_added" and "not yet reviewed by peers" in g.explanation


def test_a_first_estimate_answers_a_preliminary_one_and_preliminary_alone_is_low():
    zh = "初步估计，直接经济损失约8000万元。"
    assert check_scope(claim_pair(zh, "Initial estimates put the direct losses at about 80 million yuan.", "zh", "en")) == []
    assert check_scope(claim_pair(zh, "Direct losses are initially estimated at about 80 million yuan.", "zh", "en")) == []
    (f,) = check_scope(claim_pair(zh, "The direct losses came to about 80 million yuan.", "zh", "en"))
    assert (f.type, f.severity) == ("scope_dropped", "low")
    assert check_scope(claim_pair("Early results were encouraging.", "结果令人鼓舞。", "en", "zh")) == []  # weak: only answers
    # « un premier bilan » is the French preliminary toll (session 62's fresh user: 据初步统计 / « Selon un premier
    # bilan » was a scope_dropped); « le premier ministre » is no cue
    zh = "据初步统计，火灾造成的直接经济损失约为1200万元。"
    assert check_scope(claim_pair(zh, "Selon un premier bilan, les pertes directes s'élèvent à 12 millions de yuans.",
                                  "zh", "fr")) == []
    assert check_scope(claim_pair(zh, "Selon le bilan, les pertes directes s'élèvent à 12 millions de yuans.",
                                  "zh", "fr"))
    assert check_scope(claim_pair(zh, "Le premier ministre chiffre les pertes directes à 12 millions de yuans.",
                                  "zh", "fr"))


def test_a_negated_certainty_is_a_hedge():
    p = claim_pair("Les conclusions ne s'appliquent pas forcément aux populations rurales.",
                   "The conclusions may not apply to rural populations.", "fr", "en")
    assert check_certainty(p) == []
    (f,) = check_certainty(claim_pair("Les conclusions s'appliquent forcément aux populations rurales.",
                                      "The conclusions may apply to rural populations.", "fr", "en"))
    assert f.type == "certainty_raised" or f.type == "certainty_lowered"


def test_a_word_inside_a_hyphenated_compound_is_no_cue():
    """« chauves-souris » 'bats' holds no « souris » 'mouse', 'all-time' no
    'all' (a break test, session 48: a medium scope_dropped on a pair about
    bats); 'most-watched' still opens with a superlative."""
    bats = claim_pair("Le virus pourrait avoir été transmis par des chauves-souris.",
                      "The virus may have been transmitted by bats.", "fr", "en")
    assert check_scope(bats) == []
    assert [(c.kind, c.value) for c in bats.src.claims[0].cues if c.text == "souris"] == []
    mice = claim_pair("Le virus a été transmis à des souris.", "The virus was transmitted to animals.", "fr", "en")
    assert [f.type for f in check_scope(mice)] == ["scope_dropped"]
    assert [c.value for c in profile_text("It was the most-watched show.", "en").cues if c.kind == "degree"] \
        == ["superlative"]
    assert [c for c in profile_text("Shares hit an all-time high.", "en").cues if c.kind == "quantifier"] == []


def test_reportedly_answers_the_journalistic_conditional_before_an_intention():
    """« aurait l'intention de » / 'reportedly intends to': the French
    conditional of reported information is hearsay, which 'reportedly'
    renders, even where the English states an intention ('plans to', a
    future cue); without 'reportedly' the conditional is still reported
    (a break test, session 48: a medium modality_changed)."""
    fr = "Le ministre aurait l'intention de démissionner, selon Le Monde."
    assert check_certainty(claim_pair(fr, "The minister reportedly intends to resign, according to Le Monde.",
                                      "fr", "en")) == []
    assert check_certainty(claim_pair("Le géant technologique prévoirait de licencier 10 000 salariés.",
                                      "The tech giant reportedly plans to lay off 10,000 workers.", "fr", "en")) == []
    assert [f.type for f in check_certainty(claim_pair("Le ministre aurait l'intention de démissionner.",
                                                       "The minister plans to resign.", "fr", "en"))] \
        == ["modality_changed"]
    # a doubt turned into a forecast is not answered by hearsay (session 36)
    assert check_certainty(claim_pair("据报道，房价可能上涨。", "House prices will reportedly rise.", "zh", "en")) != []


@pytest.mark.parametrize("src, tgt, sl, tl, type_", [
    ("Sometimes the test gives false positives.", "该检测会出现假阳性。", "en", "zh", "scope_dropped"),
    ("Le vaccin provoque parfois de la fièvre.", "The vaccine causes fever.", "fr", "en", "scope_dropped"),
    ("The drug causes headaches.", "该药物有时会引起头痛。", "en", "zh", "scope_added"),
    ("议会的辩论时而演变成激烈的争吵。", "Parliamentary debates turn into heated quarrels.", "zh", "en", "scope_dropped"),
])
def test_a_claim_that_holds_sometimes_told_as_always_holding(src, tgt, sl, tl, type_):
    """'sometimes', « parfois », 有时 on one side only (scope value partial,
    low: session 53, a helper's break test found it never reported)."""
    (f,) = check_scope(claim_pair(src, tgt, sl, tl))
    assert (f.type, f.severity) == (type_, "low")
    assert "only sometimes" in f.explanation


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("该药物有时会引起头痛。", "The drug sometimes causes headaches.", "zh", "en"),
    ("该药物有时会引起头痛。", "The drug can cause headaches.", "zh", "en"),  # a possibility renders it
    ("Le médicament provoque parfois des maux de tête.", "The drug often causes headaches.", "fr", "en"),
    ("In some cases the drug causes headaches.", "Le médicament provoque parfois des maux de tête.", "en", "fr"),
    # the rest of the clause not told: an omission (a generated corpus's versions, session 53)
    ("OpenAI的价格不足以覆盖成本，有时候又称要筹集8万亿美元来重塑芯片产业。", "OpenAI的价格不足以覆盖成本。", "zh", "zh"),
    # ... with ASCII commas, which the clause splitters do not cut at in Chinese
    ("OpenAI的价格不足以覆盖成本以及支撑他的野心:他一会儿在中东,有时候又称,要筹集8万亿美元。",
     "OpenAI的价格不足以覆盖成本以及支撑他的野心。", "zh", "zh"),
    ("C'est pourquoi je trouve parfois difficile d'avouer mes erreurs.", "Chaque pas tire de nos chaussettes un suc.",
     "fr", "fr"),
])
def test_sometimes_rendered_is_quiet(src, tgt, sl, tl):
    assert check_scope(claim_pair(src, tgt, sl, tl)) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("如果你有时间，请帮我检查这份报告。", "If you have time, please check this report for me.", "zh", "en"),  # 有|时间
    ("The emergency line is staffed at all hours.", "紧急热线在所有时候都有人值守。", "en", "zh"),  # 所有|时候
    ("天气时而晴朗时而阴沉。", "The weather alternated between sunny and overcast.", "zh", "en"),  # an alternation
    ("Le ciel était parfois bleu, parfois gris.", "The sky kept changing between blue and grey.", "fr", "en"),
    ("At times of crisis, people turn to their families.", "在危机时刻，人们会求助于家人。", "en", "zh"),
    ("Si parfois vous passez par Lyon, venez nous voir.", "If you ever come through Lyon, come and see us.", "fr", "en"),
    ("Il arrive que les vaccins provoquent de la fièvre.", "Vaccines sometimes cause fever.", "fr", "en"),
    ("De temps en temps, mon ordinateur redémarre tout seul.", "我的电脑时不时会自己重启。", "fr", "zh"),
    ("这只是临时而非永久的措施。", "This is only a temporary, not a permanent, measure.", "zh", "en"),  # 临时|而
])
def test_no_frequency_limit_or_one_rendered_is_quiet(src, tgt, sl, tl):
    """A helper's break test (session 53): 有时 inside 有时间, pairs that
    alternate, 'at times of crisis', « si parfois » 'if ever'; « il arrive
    que » and 时不时 render 'sometimes'."""
    assert check_scope(claim_pair(src, tgt, sl, tl)) == []


@pytest.mark.parametrize("src, tgt, sl, tl, type_", [
    ("The outcome depends only on the cost.", "结果取决于成本。", "en", "zh", "scope_dropped"),
    ("性能指标的好坏是相对于成本而言的。", "性能指标的好坏只取决于成本。", "zh", "zh", "scope_added"),
    ("Il a seulement dit qu'il viendrait.", "He said he would come.", "fr", "en", "scope_dropped"),
    # « ne … que », the French 'only' in two words (a helper's break test, session 54)
    ("Le vaccin ne protège que les enfants.", "The vaccine protects children.", "fr", "en", "scope_dropped"),
    ("The vaccine protects children.", "Le vaccin ne protège que les enfants.", "en", "fr", "scope_added"),
])
def test_a_claim_limited_to_one_thing_told_without_only(src, tgt, sl, tl, type_):
    """'only', « seulement », 只 on one side only (scope value exclusive,
    low: session 54, the sample corpus's 'relative to cost' told as 'depends
    only on cost' was silent)."""
    (f,) = check_scope(claim_pair(src, tgt, sl, tl))
    assert (f.type, f.severity) == (type_, "low")
    assert "limited to one thing" in f.explanation


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("The company only sells phones.", "L'entreprise ne vend que des téléphones.", "en", "fr"),  # ne … que
    ("The minister only wants money.", "Le ministre ne veut que de l'argent.", "en", "fr"),
    ("结果只取决于成本。", "The outcome depends entirely on the cost.", "zh", "en"),  # an absolute renders it
    ("This is merely a rumour.", "这不过是传言而已。", "en", "zh"),
    ("Only 5 people were hurt.", "5人受伤。", "en", "zh"),  # before a figure: the number's business
    ("我家有一只猫。", "I have a cat.", "zh", "en"),  # 一只: a classifier
    ("Not only money matters.", "钱很重要。", "en", "zh"),  # 'not only' is no limit
    ("这是我构建理论的记录，而非仅仅是分享它。", "C'est le récit de ma théorie, et je ne me contente pas de la partager.",
     "zh", "fr"),
    ("训练运行只进行一次。", "训练只需要运行一次。", "zh", "zh"),
    ("The dramatic problems can only inspire a humble approach.", "严重问题只能启发一种谦卑的办法。", "en", "zh"),
    # the 'only' clause is not told by the other version: an omission (a generated corpus, session 54)
    ("If only the government had acted sooner!", "Si seulement le gouvernement avait agi plus tôt !", "en", "fr"),
    ("Il n'est arrivé à Paris qu'hier.", "He did not arrive in Paris until yesterday.", "fr", "en"),
    # the « ne » of « aucun », and « qu' » a complementizer
    ("Aucun sceptique ne s'arrête à penser qu'OpenAI pourrait mieux utiliser son modèle.",
     "No sceptic stops to think that OpenAI could make better use of its model.", "fr", "en"),
    ("China will not close its door and will only open it wider to the outside world.", "中国开放的大门不会关闭。",
     "en", "zh"),
])
def test_only_rendered_or_not_a_limit_is_quiet(src, tgt, sl, tl):
    assert check_scope(claim_pair(src, tgt, sl, tl)) == []
