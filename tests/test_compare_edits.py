"""Edited copies in one language: the words one copy replaced
(rumorlens.compare.edits)."""
from __future__ import annotations

from compare_helpers import pair
from rumorlens.compare.edits import replaced_words


def _edits(src: str, tgt: str, lang: str):
    p = pair(src, tgt, lang, lang)
    found = replaced_words(p.src, p.tgt)
    return None if found is None else [([w.text for w in e.src], [w.text for w in e.tgt]) for e in found]


def test_the_words_an_edited_copy_replaced():
    assert _edits("The company released the model in the spring.", "The company released the model in the autumn.",
                  "en") == [(["spring"], ["autumn"])]
    assert _edits("The company released the model.", "The company released the model.", "en") == []
    # traditional and simplified spellings of one word are one word
    assert _edits("议会周五批准了新预算。", "議會週五否決了新預算。", "zh") == [(["批准"], ["否決"])]


def test_another_text_a_rewrite_or_another_language_is_no_edit():
    assert _edits("The company's shares rose sharply on Monday.",
                  "Investors watched as the stock fell back after a gain.", "en") is None
    p = pair("The company released the model in the spring.", "L'entreprise a publié le modèle au printemps.", "en", "fr")
    assert replaced_words(p.src, p.tgt) is None


def test_one_word_changed_is_an_edit_however_short_the_sentence():
    assert _edits("Prices rose.", "Prices fell.", "en") == [(["rose"], ["fell"])]
    assert _edits("Prices rose.", "Wages fell.", "en") is None  # two of three words changed
