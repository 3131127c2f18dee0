"""A comparison told the other way round (compare.comparison)."""
import pytest
from compare_helpers import checked_findings, pair

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.compare.comparison import comparisons  # noqa: E402


def _reversed(src, tgt, src_lang, tgt_lang="en"):
    return [f for f in checked_findings(src, tgt, src_lang, tgt_lang) if f["type"] == "comparison_reversed"]


@pytest.mark.parametrize("src,tgt,lang,quoted", [
    ("Apple a introduit des écrans moins grands pour l'iPhone.", "Apple introduced larger screens for the iPhone.",
     "fr", ("moins grands", "larger")),
    ("Vous les verrez moins bien avec des jumelles.", "You will see them better with binoculars.", "fr",
     ("moins bien", "better")),
    ("Il a moins de temps.", "He has more time.", "fr", ("moins de temps", "more time")),
    ("这个城市更大。", "This city is less large.", "zh", ("更大", "less large")),
    # a helper's break test (session 55): a verb compared, a progressive comparison
    ("Les Français voyagent moins qu'avant la crise.", "The French travel more than before the crisis.", "fr",
     ("voyagent moins", "travel more")),
    ("Il y a de moins en moins de touristes à Venise.", "There are more and more tourists in Venice.", "fr",
     ("de moins en moins de touristes", "more and more tourists")),
    # Chinese frames, with no comparing word (session 56)
    ("这款手机不如上一代好。", "This phone is better than the previous generation.", "zh", ("不如上一代好", "better")),
    ("今年的价格比去年贵。", "Prices this year are less expensive than last year.", "zh",
     ("比去年贵", "less expensive")),
    ("他比我跑得快。", "He runs less quickly than I do.", "zh", ("比我跑得快", "less quickly")),
])
def test_a_comparison_the_other_way_is_reported(src, tgt, lang, quoted):
    (f,) = _reversed(src, tgt, lang)
    assert f["category"] == "claim" and f["severity"] == "medium"
    assert f"'{quoted[0]}'" in f["explanation"] and f"'{quoted[1]}'" in f["explanation"]


@pytest.mark.parametrize("src,tgt,lang", [
    ("Les écrans sont plus grands.", "The screens are larger.", "fr"),
    ("Il n'est plus grand que son frère.", "He is no longer taller than his brother.", "fr"),
    ("C'est plus ou moins vrai.", "It is more or less true.", "fr"),
    ("Il faut plus de 300 euros.", "It takes more than 300 euros.", "fr"),
    ("Ils ont dépensé plus que 300 euros.", "They spent more than 300 euros.", "fr"),
    ("Il y a de plus en plus de touristes.", "There are more and more tourists.", "fr"),
    # each head compared both ways on both sides: nothing told the other way
    ("Il travaille moins que son frère mais gagne plus d'argent.",
     "He works less than his brother but earns more money.", "fr"),
])
def test_the_same_comparison_is_quiet(src, tgt, lang):
    assert _reversed(src, tgt, lang) == []


@pytest.mark.parametrize("src,tgt,lang", [
    ("今年的价格比去年贵。", "Prices this year are higher than last year.", "zh"),
    ("这款手机不如上一代好。", "This phone is not as good as the previous generation.", "zh"),
    ("今年的销量比去年增长了5%。", "Sales grew less than 5% on last year.", "zh"),  # a verb of change: no adjective
    ("比如说，今年的销量很好。", "For example, sales are less good this year.", "zh"),  # 比如 'for example'
])
def test_a_chinese_frame_compared_the_same_way_or_no_frame_is_quiet(src, tgt, lang):
    assert _reversed(src, tgt, lang) == []


def test_what_a_side_compares():
    p = pair("Il a moins de temps et des écrans plus grands, il ne voit plus rien.", "x", "fr", "en")
    found = [(c.direction, c.head.text) for c in comparisons(p.src)]
    assert found == [("down", "temps"), ("up", "grands")]  # « ne … plus » is a negation
    p = pair("Larger screens, fewer buttons, better sound, more than 300 users.", "x", "en", "fr")
    found = [(c.direction, c.head.text) for c in comparisons(p.src)]
    assert ("up", "Larger") in found and ("down", "buttons") in found and ("up", "good") in found
    assert not any(h == "than" for _, h in found)


def test_what_a_chinese_frame_compares():
    p = pair("价格比去年贵，质量不如以前好，规模没有对手那么大，这次比上次更严重。", "x", "zh", "en")
    found = [(c.direction, c.head.text) for c in comparisons(p.src)]
    assert found == [("up", "贵"), ("down", "好"), ("down", "大"), ("up", "严重")]  # 更严重: the fused rule's


def test_an_antonym_and_a_reversed_comparison_on_the_same_words_are_one_finding():
    types = [f["type"] for f in checked_findings("Les fouilles sont devenues beaucoup plus intrusives.",
                                                  "Searches have become far less intrusive.", "fr", "en")]
    assert types.count("antonym") + types.count("comparison_reversed") == 1


@pytest.mark.parametrize("src,tgt", [
    # heads the dictionaries do not tie (FreeDict: élevé 'elevated, noble'; tôt 'early'), the encoder does
    ("Les ventes ont été moins élevées que prévu.", "Sales were higher than expected."),
    ("Le choc de réinsertion se produit moins tôt que le choc culturel.", "Re-entry shock comes on sooner than culture shock."),
])
def test_heads_the_encoder_ties_are_compared(src, tgt):
    from rumorlens.embed import get_encoder

    found = [f for f in checked_findings(src, tgt, "fr", "en", encoder=get_encoder())
             if f["type"] == "comparison_reversed"]
    assert len(found) == 1 and found[0]["severity"] == "medium"
    # without the encoder, nothing ties the two heads
    assert not any(f["type"] == "comparison_reversed" for f in checked_findings(src, tgt, "fr", "en"))


@pytest.mark.parametrize("src,tgt,reversed_", [
    # several comparisons a side: each head tied to the closest of the other's, both ways (session 58)
    ("Le train part moins tôt que le bus et le trajet est plus long.",
     "The train leaves sooner than the bus and the trip is longer.", ("moins tôt", "sooner")),
    ("Le train part plus tôt que le bus et le trajet est plus long.",
     "The train leaves sooner than the bus and the trip is longer.", None),
    # 'moins long' / 'shorter' say the same: the encoder's close antonyms are not tied
    ("Le trajet est moins long et le billet plus cher.", "The trip is shorter and the ticket more expensive.", None),
])
def test_heads_the_encoder_ties_among_several_comparisons(src, tgt, reversed_):
    from rumorlens.embed import get_encoder

    found = [f for f in checked_findings(src, tgt, "fr", "en", encoder=get_encoder())
             if f["type"] in ("comparison_reversed", "antonym")]
    if reversed_ is None:
        assert found == []
    else:
        (f,) = found
        assert f["type"] == "comparison_reversed" and all(f"'{w}'" in f["explanation"] for w in reversed_)


@pytest.mark.parametrize("src,tgt", [
    ("Les ventes ont été moins élevées que prévu.", "Sales were lower than expected."),
    ("Ce modèle est moins cher.", "This model is cheaper."),  # cher / 'cheaper': 0.79 for the encoder, antonyms
    ("Il court plus vite que son frère.", "He is older than his brother."),
])
def test_heads_the_encoder_ties_but_that_say_the_same_or_differ_are_not_reversals(src, tgt):
    from rumorlens.embed import get_encoder

    assert not any(f["type"] in ("comparison_reversed", "antonym")
                   for f in checked_findings(src, tgt, "fr", "en", encoder=get_encoder()))


@pytest.mark.parametrize("src,tgt,expected", [
    # two comparisons each way on both sides: 'less' met « plus » across them, a high antonym (session 58)
    ("Le joueur est moins connu que son coéquipier, mais plus rapide.",
     "The player is less well known than his teammate, but faster.", []),
    ("La nouvelle salle est plus vaste, mais moins lumineuse.", "The new hall is larger but less bright.", []),
    # one of the two told the other way: a French participle is a head (« moins connu »)
    ("Le joueur est moins connu que son coéquipier, mais plus rapide.",
     "The player is more famous than his teammate, and faster.", ["comparison_reversed"]),
])
def test_comparing_words_across_two_comparisons(src, tgt, expected):
    from rumorlens.embed import get_encoder

    found = [f["type"] for f in checked_findings(src, tgt, "fr", "en", encoder=get_encoder())
             if f["type"] in ("comparison_reversed", "antonym")]
    assert found == expected
