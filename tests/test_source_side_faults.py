"""Faults a source-side break test found (session 44): the Chinese or
French source edited, the English a faithful translation; and findings on
the unedited pairs that were wrong."""
from __future__ import annotations

import pytest
from compare_helpers import mention, pair

from rumorlens.claims import profile_text
from rumorlens.compare.antonyms import check_antonyms
from rumorlens.compare.claims import check_certainty
from rumorlens.compare.entities import check_entities
from rumorlens.mentions import extract_text


@pytest.mark.parametrize("src, tgt, lang", [
    # 'non-' written apart negates the word after it, as 非 does
    ("目前的抗议者正在和平，非暴力地抗议。", "Current protestors are protesting peacefully and non-violently.", "zh"),
    # the source word is rendered elsewhere in the target: 国外 'abroad', 靠近 'near', 多 'many'
    ("在国外生活了一段时间后回国，你会发现自己已经适应了新的文化。",
     "When returning home after living abroad, you've adapted to the new culture.", "zh"),
    # the intensifier 'very' is no adjective 'very' ('the very same') opposed to « autres »
    ("Il a tenu tête aux autres aristos et il a très habilement gagné.",
     "He stood against the aristocrats and very skillfully won.", "fr"),
])
def test_faithful_pairs_have_no_antonym(src, tgt, lang):
    assert [f for f in check_antonyms(pair(src, tgt, lang, "en")) if f.type == "antonym"] == []


@pytest.mark.xfail(strict=True, reason="靠近 'to be close to; to draw near': 'near' is in no one-word gloss, and "
                   "WordNet opposes 'close' to 'extreme' (left as found, session 44)")
def test_a_word_rendered_by_a_gloss_of_several_words_is_still_opposed():
    assert check_antonyms(pair("戈马位于刚果的最东边，靠近卢旺达。", "Goma is in the extreme east near Rwanda.", "zh", "en")) == []


def test_a_reversal_beside_a_rendered_word_is_still_found():
    """The guard reads the source word's own translations only: 增加 / 'decreased'
    stays a reversal when the target says something else besides."""
    (f,) = check_antonyms(pair("今年销售额增加了。", "This year sales decreased abroad.", "zh", "en"))
    assert f.type == "antonym" and "decreased" in f.explanation


def test_a_rumour_online_is_a_reported_claim():
    """网传 'rumour has it online' is a hedge of report, as 据传 (the segmenter
    splits it: 网 'net' was reported as a word left out)."""
    cues = [(c.text, c.kind, c.value) for c in profile_text("网传，这座城市也是攀登火山的基地。", "zh").cues]
    assert ("网传", "hedge", "reported") in cues
    p = pair("网传，这座城市也是攀登火山的基地。", "The city is also the base to climb the volcano.", "zh", "en")
    p.src.claims = [profile_text(p.src.text, "zh")]
    p.tgt.claims = [profile_text(p.tgt.text, "en")]
    assert [f.type for f in check_certainty(p)] == ["hedge_dropped"]


@pytest.mark.parametrize("text", [
    "Rio de Janeiro has more than 150,000 confirmed cases.",  # a participle before its noun
    "Of the samples tested, 150,000 confirmed.",  # a figure is no source
])
def test_a_participle_or_a_figure_is_no_source(text):
    assert [c for c in profile_text(text, "en").cues if c.kind == "attribution"] == []


def test_two_latin_places_that_begin_apart_are_two():
    """With an encoder, dropping either city leaves the sides as alike (two
    cities of one country): only the spelling tells them apart."""
    src, tgt = "J'ai vu l'éclipse depuis Sydney.", "I saw the eclipse from Melbourne."
    p = pair(src, tgt, "fr", "en", [mention("a", src, "Sydney", "fr", "entity", "LOC")],
             [mention("b", tgt, "Melbourne", "en", "entity", "LOC")], phrase_similarity=lambda a, b: 0.8)
    (f,) = check_entities(p)
    assert f.type == "replaced" and {e.text for e in f.evidence} == {"Sydney", "Melbourne"}
    # an exonym that begins alike is left to the other tests (no replacement here)
    src2, tgt2 = "Il vit à Londres.", "He lives in London."
    p2 = pair(src2, tgt2, "fr", "en", [mention("a", src2, "Londres", "fr", "entity", "LOC")],
              [mention("b", tgt2, "London", "en", "entity", "LOC")], phrase_similarity=lambda a, b: 0.8)
    assert [f for f in check_entities(p2) if f.type == "replaced"] == []


def _dates(text, lang):
    return [(m.text, m.kind) for m in extract_text(text, lang) if m.kind in ("date", "number")]


@pytest.mark.parametrize("text, lang, dates", [
    ("7月17和7月22日，江西省财政下达资金。", "zh", ["7月17", "7月22日"]),
    ("7月17日和22日，下达资金。", "zh", ["7月17日", "22"]),
    ("On July 17 and 22, the department released funds.", "en", ["July 17", "22"]),
    ("On July 17, 18 and 22, it rained.", "en", ["July 17", "18", "22"]),
    ("Les 17, 18 et 22 juillet, il a plu.", "fr", ["17", "18", "22 juillet"]),
])
def test_days_coordinated_with_a_date_are_dates(text, lang, dates):
    assert [t for t, k in _dates(text, lang) if k == "date"] == dates


def test_a_count_after_a_date_stays_a_count():
    assert ("22 people", "number") in _dates("On July 17 and 22 people died.", "en")


def test_a_chinese_percentage_of_ten_or_a_hundred_is_read():
    found = [(m.text, m.value, m.unit) for m in extract_text("销售额增长了百分之十，百分之百确定。", "zh") if m.kind == "number"]
    assert found == [("百分之十", 10.0, "percent"), ("百分之百", 100.0, "percent")]
    assert [m for m in extract_text("这十分重要。", "zh") if m.kind == "number"] == []


@pytest.mark.parametrize("text, lang, approx", [
    ("Trois morts au moins ont été recensés.", "fr", "at_least"),
    ("Three people at least were killed.", "en", "at_least"),
    ("Il y avait dix enfants au plus.", "fr", "up_to"),
    ("Trois morts, au moins, ont été recensés.", "fr", None),  # a comma ends the noun phrase
])
def test_a_bound_after_the_counted_noun(text, lang, approx):
    (m,) = [m for m in extract_text(text, lang) if m.kind == "number"]
    assert m.approx == approx


def _claim_pair(src, tgt, sl, tl):
    p = pair(src, tgt, sl, tl)
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    return p


@pytest.mark.parametrize("tgt, hedged", [
    ("Rumours online claim the city will be locked down.", True),  # the rumour told by a noun
    ("Online posts allege that the city will be locked down.", True),
    ("The city will be locked down.", False),
])
def test_a_rumour_told_in_other_words_is_kept(tgt, hedged):
    """A second break test (session 44): 'Rumours online claim…' for 网传 was a medium hedge_dropped."""
    found = [f.type for f in check_certainty(_claim_pair("网传该市将实施封锁。", tgt, "zh", "en"))]
    assert ("hedge_dropped" in found) is not hedged


def test_anonymous_and_bounds_are_no_negations():
    from rumorlens.compare.cues import negations

    assert negations("一位不愿具名的官员表示，谈判已破裂。", "zh") == []
    assert negations("一位不愿透露姓名的消息人士说。", "zh") == []
    assert negations("No fewer than five journalists were arrested.", "en") == []
    assert negations("谈判没有破裂。", "zh") != []  # a plain negation still is one


def test_at_most_before_a_chinese_numeral_is_a_bound():
    """最多十人 is 'at most ten', not 多十 'over ten' (a medium bound_reversed on a faithful pair)."""
    (m,) = [m for m in extract_text("每个家庭最多十人可以入场。", "zh") if m.kind == "number"]
    assert (m.text, m.value, m.approx) == ("最多十人", 10.0, "up_to")
    (m,) = [m for m in extract_text("一千多万人", "zh") if m.kind == "number"]
    assert (m.value, m.approx) == (10_000_000.0, "over")


def test_a_bound_before_a_chinese_percentage():
    (m,) = [m for m in extract_text("不超过百分之五的学生缺席。", "zh") if m.kind == "number"]
    assert (m.text, m.value, m.unit, m.approx) == ("不超过百分之五", 5.0, "percent", "up_to")


def test_opposite_bounds_are_not_excused_by_their_own_adverb():
    """最多持续三个小时 / 'at least three hours': 最多 bounds the figure from before its verb, outside
    the figure's span; it explained the reversal away (a break test of session 44)."""
    from rumorlens.compare.numbers import check_numbers

    def run(src, tgt):
        p = pair(src, tgt, "zh", "en", extract_text(src, "zh"), extract_text(tgt, "en"))
        return check_numbers(p)

    (f,) = run("这次会议最多持续三个小时。", "The meeting will last at least three hours.")
    assert f.type == "bound_reversed"
    # the quoted figure leaves out the adverb: the explanation names both bounds
    assert "says at most, the English at least" in f.explanation
    assert run("这次会议最多持续三个小时。", "The meeting will last at most three hours.") == []
