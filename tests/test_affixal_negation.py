"""Words negated by an affix (compare.cues.affixal_negations) and words
that only begin like one: a fused Latin or Old English prefix (discovered,
understanding) is no negation, and read as one it hid a negation added on
the other side (session 46, a source-side break test).  Likewise a Chinese
negating character that is a sound of a name (南非 'South Africa')."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.compare.cues import affixal_negations
from rumorlens.compare.polarity import check_polarity


@pytest.mark.parametrize("word", ["discovered", "understanding", "dismissed", "disappointed", "informed", "invaluable",
                                  "insight", "undertake"])
def test_a_fused_prefix_is_no_negation(word):
    assert affixal_negations(word, "en") == []


@pytest.mark.parametrize("word", [
    "inactive", "impossible", "disagree", "distrust", "disliked", "indirect", "inefficient", "incorrect",
    "underestimated",  # its antonym is the base with the mirror prefix (overestimate)
    "underfunded",  # unknown to WordNet: the frequency test alone
    "unharmed", "unnamed", "asymptomatic", "careless", "nonviolently",  # productive affixes: not checked by WordNet
])
def test_a_negating_affix_is_read(word):
    assert affixal_negations(word, "en") != []


@pytest.mark.parametrize("src, tgt", [
    ("Les enquêteurs n'ont pas découvert que des cristaux s'étaient formés dans l'urine des chats.",
     "The researchers discovered that crystals were formed in the cat urine."),
    ("Les gens étaient compréhensifs, sachant que les voyageurs ne doivent pas s'adapter.",
     "People were understanding, knowing that travellers need to adapt."),
])
def test_a_negation_beside_a_word_that_only_looks_negated_is_reported(src, tgt):
    assert [f.type for f in check_polarity(pair(src, tgt, "fr", "en"))] == ["negation_removed"]


def test_a_negation_carried_by_an_affix_stays_quiet():
    assert check_polarity(pair("Cette méthode n'est pas efficace.", "This method is inefficient.", "fr", "en")) == []


@pytest.mark.parametrize("text, cues", [
    ("南非队没有击败全黑队。", ["没"]),  # 非 of 南非 'South Africa', not a double negation with 没
    ("他们去了不丹和无锡。", []),  # 'Bhutan', 'Wuxi'
    ("他们没有到达南非。", ["没"]),
    ("这不是真的。", ["不"]),
])
def test_a_negating_character_inside_a_chinese_name_is_no_cue(text, cues):
    from rumorlens.compare.cues import negations

    assert [text[a:b] for a, b in negations(text, "zh")] == cues
