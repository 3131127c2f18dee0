"""Chinese claim cues in traditional characters (claims.profile._read): the
lexicons list simplified cues, so a traditional page's hedges went unread
(a fresh user's trial of session 61: 據報導, 估計, 也許, 傳言)."""
from __future__ import annotations

import pytest

from rumorlens.claims import profile_text
from rumorlens.hanzi import to_simplified


def _cues(text: str) -> list[tuple[str, str, int, int]]:
    return sorted((c.kind, c.value, c.start, c.end) for c in profile_text(text, "zh").cues
                  if c.kind in ("hedge", "quantifier", "degree"))


@pytest.mark.parametrize("traditional", [
    "專家估計損失約為三億歐元。",
    "也許明天會下雨。",
    "傳言稱他已辭職。",
    "據報導，該廠將關閉。",
    "大多數專家認為經濟將放緩。",
])
def test_a_traditional_page_has_the_cues_of_its_simplified_spelling(traditional):
    simplified = to_simplified(traditional)
    assert simplified != traditional
    got = _cues(traditional)
    assert got and got == _cues(simplified)
    # the cue quotes the page as written
    for c in profile_text(traditional, "zh").cues:
        assert c.text == traditional[c.start:c.end]


def test_a_hedge_dropped_from_a_traditional_version_is_reported():
    from compare_helpers import pair
    from rumorlens.compare.claims import check_certainty

    src, tgt = "據報導，該廠將於明年關閉。", "The plant will close next year."
    p = pair(src, tgt, "zh", "en")
    p.src.claims, p.tgt.claims = [profile_text(src, "zh")], [profile_text(tgt, "en")]
    found = check_certainty(p)
    assert any(f.type == "hedge_dropped" for f in found)


def test_variant_spellings_of_cues():
    # 部份 for 部分 (written so in Taiwan and Hong Kong), 据报导 for 据报道
    assert ("quantifier", "some", 0, 2) in _cues("部份居民已被疏散。")
    assert ("hedge", "reported", 0, 3) in _cues("据报导，该厂将关闭。")
