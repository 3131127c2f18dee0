"""Chinese quotes and what follows them (segment._zh_attribution) and English
abbreviations before a figure or a day name (segment._goes_on); session 58,
a probe of issue 9's kinds.  Sentences of the tests' own."""
from __future__ import annotations

import pytest

from rumorlens.segment import _zh_cuts


def _pieces(text):
    cuts = _zh_cuts(text)
    return [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]


@pytest.mark.parametrize("text,pieces", [
    # a new sentence after the quote: a speech verb's character inside another word says nothing
    ("媒体称“伤亡人数被低估了。”警方否认了这种说法。", ["媒体称“伤亡人数被低估了。”", "警方否认了这种说法。"]),
    ("她说：“会议推迟了。”这个问题随后被搁置。", ["她说：“会议推迟了。”", "这个问题随后被搁置。"]),
    # a clause a colon ends introduces the next quote
    ("记者问：“何时复工？”厂长回答：“下周一。”", ["记者问：“何时复工？”", "厂长回答：“下周一。”"]),
    # the speaker after the quote stays with it
    ("“太贵了！”顾客抱怨。", ["“太贵了！”顾客抱怨。"]),
    ("“快走！”他喊道。", ["“快走！”他喊道。"]),
    ("“真的吗？”不少网友留言。", ["“真的吗？”不少网友留言。"]),
    ("“我们会准时交付。”公司发言人表示。", ["“我们会准时交付。”公司发言人表示。"]),
    ("“会好的。”他告诉记者。", ["“会好的。”他告诉记者。"]),
    # a verb of saying with its own content after it opens a sentence
    ("网上传“学校将停课。”教育局表示这是谣言。", ["网上传“学校将停课。”", "教育局表示这是谣言。"]),
])
def test_a_quote_and_what_follows_it(text, pieces):
    assert _pieces(text) == pieces


@pytest.mark.parametrize("text,pieces", [
    ("The ferry leaves at 7 a.m. Thursday.", ["The ferry leaves at 7 a.m. Thursday."]),
    ("The parcel weighs approx. 12 kg.", ["The parcel weighs approx. 12 kg."]),
    ("Doors open at 8 p.m. The band plays at nine.", ["Doors open at 8 p.m.", " The band plays at nine."]),
    ("Temperatures fell to approx. -8 degrees.", ["Temperatures fell to approx. -8 degrees."]),
    ("Police arrived at 6 a.m. 12 people were held.", ["Police arrived at 6 a.m.", " 12 people were held."]),
])
def test_an_english_abbreviation_before_a_figure_or_a_day_name(text, pieces):
    from rumorlens.segment import _latin_cuts

    cuts = _latin_cuts(text, "en")
    assert [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])] == pieces
