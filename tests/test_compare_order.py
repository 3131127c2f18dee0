"""The order of events told the other way round (compare.order), and the
report schema's claim types."""
import json
from pathlib import Path

import jsonschema
import pytest
from compare_helpers import checked_findings, pair

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.compare.comparison import check_comparison  # noqa: E402
from rumorlens.compare.order import check_order, order_words  # noqa: E402
from rumorlens.records import to_dict  # noqa: E402

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text())


def _reversed(src, tgt, src_lang, tgt_lang="en"):
    return [f for f in checked_findings(src, tgt, src_lang, tgt_lang) if f["type"] == "order_reversed"]


@pytest.mark.parametrize("src,tgt,lang,quoted", [
    # a localizer after what it places, a listed word, a counted time
    ("会议前，他发表了讲话。", "After the meeting, he gave a speech.", "zh", ("前", "After")),
    ("在军队到来之后，海地从未遇到过这种问题。", "Prior to the arrival of troops, Haiti had not encountered this problem.",
     "zh", ("之后", "Prior to")),
    ("战争结束后，这座城市有很多居民。", "Before the war ended, the city had many inhabitants.", "zh", ("后", "Before")),
    ("三年后，他离开了公司。", "Three years ago, he left the company.", "zh", ("三年后", "ago")),
    ("Le ministre a démissionné avant le vote.", "The minister resigned afterwards.", "fr", ("avant", "afterwards")),
    # LAC cuts 之前 in two (之/f 前/f) and fuses 雨后 'after the rain' (a helper's break test)
    ("该公司在宣布裁员之前公布了季度亏损。", "The company reported a quarterly loss after announcing the layoffs.", "zh",
     ("之前", "after")),
    ("集会在暴风雨后举行。", "The rally took place before the storm.", "zh", ("雨后", "before")),
])
def test_an_order_told_the_other_way_is_reported(src, tgt, lang, quoted):
    found = _reversed(src, tgt, lang)
    assert len(found) == 1
    f = found[0]
    assert f["category"] == "claim" and f["severity"] == "medium"
    assert f"'{quoted[0]}'" in f["explanation"] and f"'{quoted[1]}'" in f["explanation"]


@pytest.mark.parametrize("src,tgt,lang", [
    ("会议前，他发表了讲话。", "Before the meeting, he gave a speech.", "zh"),
    ("三年前，他离开了公司。", "Three years ago, he left the company.", "zh"),
    # 前 before a noun is 'former'; 的前妻 'ex-wife': no order word
    ("前总统特朗普前往纽约。", "Former President Trump went to New York after lunch.", "zh"),
    ("他的前妻在婚礼后离开。", "His ex-wife left after the wedding.", "zh"),
    # « d'après » is 'according to', « après-midi » 'afternoon'
    ("D'après le rapport, les ventes ont augmenté avant la crise.",
     "According to the report, sales rose before the crisis.", "fr"),
    ("L'après-midi, il est parti avant la fin.", "In the afternoon, he left before the end.", "fr"),
    # a side with both ways is not judged
    ("Le juge a comparu devant la commission après l'enquête.",
     "The judge appeared before the committee after the inquiry.", "fr"),
    # a negation on one side only: 'not before noon' may render « qu'après midi »
    ("Il n'est parti qu'après midi.", "He did not leave before noon.", "fr"),
    # a sequence: 'A, then B' is 'A before B' (a helper's break test)
    ("台风过后，当地将对受损道路和桥梁进行检查，然后再恢复交通。",
     "Once the typhoon has passed, damaged roads and bridges will be inspected before traffic resumes.", "zh"),
    ("Il a démissionné, puis le vote a eu lieu.", "He resigned before the vote was held.", "fr"),
])
def test_the_same_order_or_an_unreadable_one_is_not_reported(src, tgt, lang):
    assert _reversed(src, tgt, lang) == []


def test_a_neighbouring_bead_of_the_other_way_stops_the_finding():
    """A boundary may have moved the other order word into the next bead."""
    src = "Le ministre a démissionné avant le vote. Après le vote, il est parti."
    tgt = "The minister resigned after the vote. He left."
    p = pair(src, tgt, "fr", "en")
    p.src.end = src.index(" Après")
    p.src.context_start, p.src.context_end = 0, len(src)
    p.tgt.end = tgt.index(" He left")
    assert check_order(p) == []
    p.src.context_start = p.src.context_end = None
    assert [f.type for f in check_order(p)] == ["order_reversed"]


def test_order_words_are_read_by_way():
    p = pair("随后他辞职了，两天后又回来了。", "x", "zh", "en")
    found = order_words(p.src, p.src.start, p.src.end)
    assert [p.src.text[a:b] for a, b in found["after"]] == ["随后", "两天后"]
    assert found["before"] == []
    # 面前 'in front of' places in space, 前总统 is 'former president'
    p = pair("他在法官面前承认了罪行，前总统也在场。", "x", "zh", "en")
    assert order_words(p.src, p.src.start, p.src.end) == {"before": [], "after": []}


@pytest.mark.parametrize("check,src,tgt,lang", [
    (check_order, "Le ministre a démissionné avant le vote.", "The minister resigned after the vote.", "fr"),
    (check_comparison, "Apple a introduit des écrans moins grands.", "Apple introduced larger screens.", "fr"),
])
def test_claim_findings_of_these_checks_fit_the_report_schema(check, src, tgt, lang):
    """comparison_reversed was missing from the schema's claim types
    (session 57): a report holding one did not validate."""
    (f,) = check(pair(src, tgt, lang, "en"))
    finding = {"$ref": "#/$defs/finding", "$defs": SCHEMA["$defs"]}
    jsonschema.validate(to_dict(f), finding)


# A comparison turned with its word says the same: each of these was a high
# antonym finding before session 57 (« moins tôt » 'less early' is 'later').
@pytest.mark.parametrize("src,tgt,lang", [
    ("Le choc se produit moins tôt que prévu.", "The shock comes later than expected.", "fr"),
    ("La phase est moins longue.", "The phase is shorter.", "fr"),
    ("Ce modèle est moins cher.", "This model is cheaper.", "fr"),
    ("Les jeunes sont moins nombreux.", "There are fewer young people.", "fr"),
    ("Les écoles sont moins bien financées.", "Schools are worse funded.", "fr"),
    ("今年的价格没有去年那么高。", "Prices this year are lower than last year.", "zh"),
    ("这个版本不如上一代快。", "This version is slower than the previous generation.", "zh"),
])
def test_a_comparison_turned_with_its_word_is_no_reversal(src, tgt, lang):
    assert [f["type"] for f in checked_findings(src, tgt, lang, "en") if f["category"] == "claim"] == []


@pytest.mark.parametrize("src,tgt,lang,kind", [
    ("Ce modèle est plus cher.", "This model is cheaper.", "fr", "antonym"),
    ("Les jeunes sont plus nombreux.", "There are fewer young people.", "fr", "antonym"),
    ("今年的价格比去年高。", "Prices this year are lower than last year.", "zh", "antonym"),
    ("Le choc se produit plus tôt que prévu.", "The shock comes later than expected.", "fr", "antonym"),
    ("Ce modèle est moins cher.", "This model is more expensive.", "fr", "comparison_reversed"),
])
def test_a_comparison_the_same_way_over_opposite_words_is_a_reversal(src, tgt, lang, kind):
    assert kind in [f["type"] for f in checked_findings(src, tgt, lang, "en")]


@pytest.mark.parametrize("src,tgt,lang,reversed_", [
    # the compared items swapped with the comparison: the same claim (a helper's break test)
    ("Les loyers sont moins élevés à Lille qu'à Paris.", "Rents in Paris are higher than in Lille.", "fr", False),
    ("上海的房价比成都高。", "House prices in Chengdu are lower than in Shanghai.", "zh", False),
    # the same items, the comparison turned: a reversal
    ("Les loyers sont moins élevés à Lille qu'à Paris.", "Rents in Lille are higher than in Paris.", "fr", True),
    ("上海的房价比成都高。", "House prices in Shanghai are lower than in Chengdu.", "zh", True),
])
def test_a_comparison_with_its_items_swapped_says_the_same(src, tgt, lang, reversed_):
    from rumorlens.embed import get_encoder

    found = [f["type"] for f in checked_findings(src, tgt, lang, "en", encoder=get_encoder())
             if f["type"] in ("antonym", "comparison_reversed")]
    assert bool(found) is reversed_


def test_an_order_word_said_many_times_is_quoted_three_times():
    """A word said fifty times made an explanation of 1,700 characters (a
    helper's break test): three are quoted, and how many more there are."""
    (f,) = _reversed(" ".join(["Il est venu après."] * 5), " ".join(["He came before."] * 5), "fr")
    assert f["explanation"].count("'après'") == 3 and "and 2 more" in f["explanation"]
