"""Edited copies in one language: the content word one copy replaced
(rumorlens.compare.edits)."""
from __future__ import annotations

import pytest

from compare_helpers import pair
from rumorlens.compare.edits import check_replaced_words, replaced_words
from rumorlens.compare.phrasesim import PhraseSimilarity
from rumorlens.embed import get_encoder


@pytest.fixture(scope="module")
def phrase_sim():
    return PhraseSimilarity(get_encoder("use-m3"))


@pytest.mark.parametrize("lang, src, tgt, old, new", [
    ("en", "The company released the model in the spring.", "The company released the model in the autumn.",
     "spring", "autumn"),
    ("en", "The parliament approved the new budget on Friday.", "The parliament rejected the new budget on Friday.",
     "approved", "rejected"),
    ("fr", "Le parlement a approuvé le nouveau budget vendredi.", "Le parlement a rejeté le nouveau budget vendredi.",
     "approuvé", "rejeté"),
    ("zh", "议会周五批准了新预算。", "议会周五否决了新预算。", "批准", "否决"),
])
def test_a_word_an_edited_copy_replaced_is_reported(lang, src, tgt, old, new, phrase_sim):
    out = check_replaced_words(pair(src, tgt, lang, lang, phrase_similarity=phrase_sim))
    assert [(f.category, f.type, f.severity) for f in out] == [("meaning", "word_replaced", "low")]
    assert [e.text for e in out[0].evidence] == [new, old]


@pytest.mark.parametrize("src, tgt", [
    ("The company released the model.", "The firm released the model."),  # WordNet synonyms
    ("Prices rise every spring.", "Prices rose every spring."),  # one lemma
    ("The company's shares rose sharply on Monday.", "The company's shares fell sharply on Monday."),  # an antonym
    ("The company released the new model in the spring.", "The lab showed the new model in the spring."),  # two words
    ("The company's shares rose sharply on Monday.", "Investors watched as the stock fell back after a gain."),
])
def test_no_word_replaced_for_a_synonym_an_inflection_an_antonym_a_rewrite_or_another_text(src, tgt, phrase_sim):
    assert check_replaced_words(pair(src, tgt, "en", "en", phrase_similarity=phrase_sim)) == []


def test_a_near_synonym_the_dictionaries_miss_is_left_out_by_the_encoder(phrase_sim):
    """company / firm share no WordNet synset: without the encoder the
    replacement is reported, with it (cosine 0.82) it is not."""
    src, tgt = "The company released the model.", "The firm released the model."
    assert [f.type for f in check_replaced_words(pair(src, tgt, "en", "en"))] == ["word_replaced"]
    assert check_replaced_words(pair(src, tgt, "en", "en", phrase_similarity=phrase_sim)) == []


def test_an_edit_is_read_only_between_one_language_copies():
    same = "The company released the model in the spring."
    assert replaced_words(pair(same, same, "en", "en").src, pair(same, same, "en", "en").tgt) == []
    p = pair(same, "L'entreprise a publié le modèle au printemps.", "en", "fr")
    assert replaced_words(p.src, p.tgt) is None and check_replaced_words(p) == []
