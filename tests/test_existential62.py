"""Session 62: a small number that says some do ('a handful of', « une
poignée de », 少数) told as the whole group is a part told as the whole
(compare.share); 'few' ('not many') stays out."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.share import check_share


@pytest.fixture(scope="module")
def sim():
    from rumorlens.compare.phrasesim import PhraseSimilarity
    from rumorlens.embed import get_encoder

    return PhraseSimilarity(get_encoder("use-m3"))


def _types(src, tgt, sl, tl, sim):
    p = pair(src, tgt, sl, tl, phrase_similarity=sim)
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    return [f.type for f in check_share(p)]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("A handful of residents complained about the noise.", "Les habitants se sont plaints du bruit.", "en", "fr"),
    ("少数居民对噪音表示不满。", "Residents complained about the noise.", "zh", "en"),
    ("Une poignée de manifestants ont lancé des pierres.", "Protesters threw stones.", "fr", "en"),
])
def test_a_handful_told_as_the_whole_group(src, tgt, sl, tl, sim):
    assert _types(src, tgt, sl, tl, sim) == ["quantifier_dropped"]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("A handful of residents complained about the noise.", "Quelques habitants se sont plaints du bruit.", "en", "fr"),
    ("Few residents complained about the noise.", "Les habitants se sont plaints du bruit.", "en", "fr"),
])
def test_a_part_kept_or_a_negative_quantifier_is_no_part_told_as_the_whole(src, tgt, sl, tl, sim):
    assert _types(src, tgt, sl, tl, sim) == []


def test_the_cue_says_it_is_existential():
    (c,) = [c for c in profile_text("少数居民对噪音表示不满。", "zh").cues if c.kind == "quantifier"]
    assert c.value == "few" and ":existential" in c.source
