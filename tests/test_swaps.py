"""Two figures that trade places (compare.swaps.check_swaps)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.compare.swaps import check_swaps
from rumorlens.mentions import extract_text


def swapped(src, tgt, sl, tl):
    p = pair(src, tgt, sl, tl, extract_text(src, sl, entities=False), extract_text(tgt, tl, entities=False))
    return check_swaps(p)


@pytest.mark.parametrize("src, tgt, sl, tl, words", [
    ("该公司第一季度营收增长了12%，利润增长了5%。", "The company's first-quarter revenue rose 5%, while profit rose 12%.",
     "zh", "en", ("利润", "profit")),
    ("Le chômage touche 7 % des actifs et 18 % des jeunes.",
     "Unemployment affects 18% of the workforce and 7% of young people.", "fr", "en", ("jeunes", "young")),
    ("Exports rose 8% while imports fell 2%.", "出口增长2%，进口下降8%。", "en", "zh", ("imports", "进口")),
    ("他有3个儿子和2个女儿。", "He has two sons and three daughters.", "zh", "en", ("儿子", "sons")),
])
def test_two_figures_that_trade_places(src, tgt, sl, tl, words):
    (f,) = swapped(src, tgt, sl, tl)
    assert (f.category, f.type, f.severity) == ("number", "values_swapped", "medium")
    assert all(w in f.explanation for w in words)


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("该公司第一季度营收增长了12%，利润增长了5%。", "Profit rose 5% in the first quarter, while revenue grew 12%.", "zh", "en"),
    ("Le chômage touche 7 % des actifs et 18 % des jeunes.",
     "Unemployment affects 7% of the workforce and 18% of young people.", "fr", "en"),
    ("他有3个儿子和2个女儿。", "He has three sons and two daughters.", "zh", "en"),
    # the subject frames both figures: it binds neither ('The accident' / 事故)
    ("事故造成2人死亡、15人受伤。", "The accident left fifteen people hurt and two dead.", "zh", "en"),
    ("In 2020, 30 companies joined, and in 2021, 45 more did.", "2020年有30家公司加入，2021年又有45家加入。", "en", "zh"),
    # a bare figure shares its neighbour's words: one head for both (a DEMETR source sentence)
    ("7月17和7月22日，江西省财政先后下达中央救灾资金6000万元和2亿元。",
     "On July 17 and 22, the Jiangxi Finance Department released 60 million and 200 million yuan of central "
     "disaster relief funding, respectively.", "zh", "en"),
])
def test_figures_in_place_or_reordered_are_quiet(src, tgt, sl, tl):
    assert swapped(src, tgt, sl, tl) == []
