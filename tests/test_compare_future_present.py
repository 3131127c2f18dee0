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
