"""A Chinese future (将) told as a present in French or English
(compare.future_present, session 56: bench-source-side's tense rows, where
将 is added to the Chinese and the English keeps its present, were all
missed: Chinese marks no tense, so the whole-side check never judged it)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.future_present import check_future_present
from rumorlens.mentions import extract_text


def claim_pair(src, tgt, sl, tl):
    """A bead with the mentions (a date is one) and claim profiles of its sides."""
    p = pair(src, tgt, sl, tl, extract_text(src, sl), extract_text(tgt, tl))
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    return p


@pytest.mark.parametrize("src, tgt, sl, tl, words", [
    ("新规定将覆盖所有进口商品。", "The new rules cover all imported goods.", "zh", "en", ("将", "cover")),
    ("这座桥将是全省最长的桥。", "Le pont est le plus long de la province.", "zh", "fr", ("将", "est")),
    # either side may be the Chinese one
    ("The committee's report shows a sharp rise in costs.", "委员会的报告将显示成本急剧上升。", "en", "zh",
     ("shows", "将")),
    # 将 that LAC tags p (the disposal preposition) right before a verb is the future (session 63:
    # DEMETR's source-side row zh:35, 目前，新疆将并网光伏电站330多座)
    ("目前，新疆将并网光伏电站330多座。", "At present, Xinjiang has more than 330 photovoltaic plants on the grid.",
     "zh", "en", ("将", "has")),
])
def test_a_chinese_future_against_a_present_is_reported(src, tgt, sl, tl, words):
    (f,) = check_future_present(claim_pair(src, tgt, sl, tl))
    assert (f.category, f.type, f.severity) == ("claim", "tense_changed", "low")
    assert set(words) <= {e.text for e in f.evidence if e.value}
    assert "will be so, or will happen (将)" in f.explanation


@pytest.mark.parametrize("src, tgt", [
    # the other side tells the future too
    ("新规定将覆盖所有进口商品。", "The new rules will cover all imported goods."),
    ("新规定将覆盖所有进口商品。", "The new rules are expected to cover all imported goods."),
    # a present beside a date tells a scheduled event
    ("锦标赛将于12月在马球场举行。", "The tournament takes place in December at the polo fields."),
    # a present that takes an infinitive looking ahead
    ("联合国将设立一项基金。", "The United Nations hopes to set up a fund."),
    # a conditional sentence: its present tells what will happen
    ("如果下雨，比赛将取消。", "If it rains, the match is off."),
    # 将 as the disposal marker before its object is no future
    ("他将文件交给了警察。", "He hands the file to the police."),
    # nor before an object LAC cuts as a verb and a noun, another verb after it (关注|点 … 转移: sample corpus)
    ("我们只能将关注点转移到基准性能上。", "We can only shift the focus to benchmark performance."),
    # no future on the Chinese side
    ("新规定覆盖所有进口商品。", "The new rules cover all imported goods."),
])
def test_a_future_answered_or_no_future_is_quiet(src, tgt):
    assert check_future_present(claim_pair(src, tgt, "zh", "en")) == []


def test_a_past_against_the_future_is_not_this_checks():
    """A plan told as done is check_tense's modality_changed."""
    assert check_future_present(claim_pair("政府将开展检查。", "The government carried out inspections.", "zh", "en")) == []


def test_two_tense_languages_are_check_tense_shifts():
    assert check_future_present(claim_pair("Le pont sera le plus long.", "The bridge is the longest.", "fr", "en")) == []


# --------------------------------------------------------------------------
# the mirror: a French or English future against a Chinese side that marks no time to come
# (compare.future_present.check_present_future, session 64: DEMETR's Chinese tense rows)

from rumorlens.compare.future_present import check_present_future  # noqa: E402


@pytest.mark.parametrize("src, tgt, sl, tl, word", [
    ("这座工厂生产全国一半的钢铁。", "The plant will produce half of the country's steel.", "zh", "en", "will"),
    ("研究人员认为这种病毒在蝙蝠体内传播。", "Researchers believe the virus will spread in bats.", "zh", "en", "will"),
    # either side may be the Chinese one
    ("The new law will ban plastic bags.", "新法律禁止使用塑料袋。", "en", "zh", "will"),
    # an ability modal the other side renders with its own ('can') does not answer the future
    ("该技术可提升效率，专家说。", "Experts will say the technique can raise efficiency.", "zh", "en", "will"),
])
def test_a_future_against_a_chinese_side_with_no_time_to_come_is_reported(src, tgt, sl, tl, word):
    (f,) = check_present_future(claim_pair(src, tgt, sl, tl))
    assert (f.category, f.type, f.severity) == ("claim", "tense_changed", "low")
    assert word in {e.text for e in f.evidence if e.value}
    assert "marks no time to come" in f.explanation


@pytest.mark.parametrize("src, tgt", [
    # the Chinese marks the future: a cue of models/claims/zh.json, or a word of cues.json time_ahead
    ("这座工厂将生产全国一半的钢铁。", "The plant will produce half of the country's steel."),
    ("这座工厂会生产全国一半的钢铁。", "The plant will produce half of the country's steel."),
    ("这座工厂明年生产全国一半的钢铁。", "The plant will produce half of the country's steel."),
    ("这座工厂计划生产全国一半的钢铁。", "The plant will produce half of the country's steel."),
    ("这座工厂有望生产全国一半的钢铁。", "The plant will produce half of the country's steel."),
    ("工厂未来五年生产全国一半的钢铁。", "The plant will produce half of the country's steel."),
    # a hedge or a possibility may be what the future renders
    ("这座工厂可能生产全国一半的钢铁。", "The plant will produce half of the country's steel."),
    # an ability modal the English renders as a future ('will be able to')
    ("这座工厂能生产全国一半的钢铁。", "The plant will be able to produce half of the country's steel."),
    # a date or a day: Chinese tells scheduled events without a future word
    ("锦标赛12月在马球场举行。", "The tournament will take place in December at the polo fields."),
    # a condition: English tells its consequence in the future
    ("如果下雨，比赛取消。", "If it rains, the match will be called off."),
    # a negated future may render a refusal or a standing rule (不关闭)
    ("中国开放的大门不关闭。", "China's door to opening up will not close."),
    # a future in a relative clause tells another event
    ("美方要求关闭领事馆，这违反国际法。", "The US demanded to close the consulate, which will violate international law."),
    # no future on either side
    ("这座工厂生产全国一半的钢铁。", "The plant produces half of the country's steel."),
    # a time word LAC tags TIME (年底, 冬天), a plan verb, an adverb of time or habit (a helper's break test)
    ("项目年底完成。", "The project will be finished by the end of the year."),
    ("这种鸟冬天飞往南方。", "These birds will fly south in winter."),
    ("我们稍后公布结果。", "Results will be announced later."),
    ("他总是打断别人说话。", "He will always interrupt people."),
    ("他准备辞职。", "He will resign."),
    # a question, a future seen from the past, a rule, a promise or an offer
    ("你去不去参加她的婚礼？", "Will you go to her wedding?"),
    ("市长说，大桥年内通车。", "The mayor said the bridge would open this year."),
    ("委员会由七名成员组成。", "The committee shall consist of seven members."),
    ("我来付钱。", "I'll pay."),
    ("我们帮你。", "We will help you."),
])
def test_a_future_the_chinese_marks_or_may_mean_is_quiet(src, tgt):
    assert check_present_future(claim_pair(src, tgt, "zh", "en")) == []


@pytest.mark.parametrize("src", ["他后来成为总统。", "他成为总统。"])
def test_a_french_future_is_not_judged(src):
    """French news tells past events in the future (futur historique)."""
    assert check_present_future(claim_pair(src, "Il deviendra plus tard président.", "zh", "fr")) == []


@pytest.mark.parametrize("src, tgt", [("法院的决定具有约束力。", "The court's decision will be binding."),
                                      ("天气预报很准确。", "The weather forecast will be accurate.")])
def test_a_plan_word_used_as_a_noun_sets_no_time(src, tgt):
    """决定 'decision', 预报 'forecast' as nouns (LAC n, vn): a future against them is reported."""
    (f,) = check_present_future(claim_pair(src, tgt, "zh", "en"))
    assert f.type == "tense_changed"


def test_two_tense_languages_are_not_this_checks():
    bridge = claim_pair("Le pont est le plus long.", "The bridge will be the longest.", "fr", "en")
    assert check_present_future(bridge) == []


@pytest.mark.parametrize("src, reported", [
    # the time lists are written in simplified characters; a traditional text is read as they are
    ("工廠未來五年生產全國一半的鋼鐵。", False),
    ("這座工廠預計生產全國一半的鋼鐵。", False),
    ("這座工廠生產全國一半的鋼鐵。", True),
])
def test_a_traditional_chinese_side_is_read_in_simplified_characters(src, reported):
    found = check_present_future(claim_pair(src, "The plant will produce half of the country's steel.", "zh", "en"))
    assert bool(found) == reported


@pytest.mark.parametrize("src", ["林部长表示，新路线不会影响现有班次的票价。", "林部長表示，新路線不會影響現有班次的票價。"])
def test_a_negated_chinese_future_is_a_future(src):
    """不会 / 不會 (LAC keeps it one word) against 'will affect': a dropped negation, polarity's to report;
    no present told as a future (a helper's probe of traditional texts, session 64)."""
    tgt = "Minister Lin said the new line will affect fares on existing services."
    assert check_present_future(claim_pair(src, tgt, "zh", "en")) == []
