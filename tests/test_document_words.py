"""Words read in batches and sentence by sentence (lexicons.words.words_many,
DocumentWords): the same words as one text at a time, offsets into the
stretch asked for (issue 12: each sentence of a compare batch read once)."""
from __future__ import annotations

import pytest

from rumorlens.lexicons.words import DocumentWords, words, words_many

TEXTS = {
    "fr": ["Le gouvernement a annoncé 300 suppressions d'emplois.", "", "Ils ne l'ont pas confirmé.",
           "Les modèles de langage sont entraînés sur des données publiques."],
    "en": ["The company said it would cut 300 jobs.", "   ", "Officials did not confirm it.",
           "Language models are trained on public data."],
    "zh": ["公司表示将裁减300个岗位。", "", "官员没有证实这一消息。", "语言模型使用公开数据训练。"],
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_words_many_are_words_one_by_one(lang):
    texts = TEXTS[lang]
    assert words_many(texts, lang) == [words(t, lang) if t.strip() else () for t in texts]
    # the batch a text is read in does not matter
    assert words_many(texts[2:], lang) == words_many(texts, lang)[2:]


def test_words_many_refuses_a_language_without_a_word_model():
    with pytest.raises(ValueError):
        words_many(["Guten Tag."], "de")


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_stretch_has_its_sentences_words(lang):
    sents = [t for t in TEXTS[lang] if t.strip()]
    sep = "" if lang == "zh" else " "
    doc = "  " + sep.join(sents) + "\n"
    bounds, at = [], 2
    for t in sents:
        bounds.append((at, at + len(t)))
        at += len(t) + len(sep)
    dw = DocumentWords({"d": bounds})
    assert dw.knows("d") and not dw.knows("e")
    # one sentence: its own words; two: the first's, then the second's shifted by its place
    (a, b), (c, e) = bounds[0], bounds[1]
    assert dw.stretch("d", doc, a, b, lang) == words(sents[0], lang)
    two = dw.stretch("d", doc, a, e, lang)
    first, second = words(sents[0], lang), words(sents[1], lang)
    assert [w.text for w in two] == [w.text for w in first + second]
    assert all(doc[a + w.start:a + w.end] == w.text for w in two)
    assert [(w.lemma, w.pos) for w in two] == [(w.lemma, w.pos) for w in first + second]
    # a stretch inside a sentence (a clause) keeps the words inside it
    half = dw.stretch("d", doc, a, a + len(sents[0]) // 2, lang)
    assert half and all(w.end <= len(sents[0]) // 2 for w in half)
    assert [w.text for w in half] == [w.text for w in first if w.end <= len(sents[0]) // 2]


def test_known_pieces_are_not_read_again(monkeypatch):
    from rumorlens.lexicons import words as w

    doc = "Officials did not confirm it. The company said it would cut 300 jobs."
    bounds = [(0, 29), (30, len(doc))]
    given = (w.Word(0, 9, "Officials", "official-given", "NOUN"),)
    read = []
    real = w.words_many
    monkeypatch.setattr(w, "words_many", lambda texts, lang: read.extend(texts) or real(texts, lang))
    dw = DocumentWords({"d": bounds}, {"d": {(0, 29, "en"): given}})
    got = dw.stretch("d", doc, 0, len(doc), "en")
    assert got[0] == given[0]  # the known piece's words, as given
    assert read == [doc[30:]]  # only the other sentence was read
    assert [x.text for x in got[1:]] == [x.text for x in words(doc[30:], "en")]
    assert got[1].start == 30
    # known words of another language are not those asked for
    assert DocumentWords({"d": bounds}, {"d": {(0, 29, "fr"): given}}).stretch("d", doc, 0, 29, "en") == words(doc[:29], "en")


def test_from_rows_makes_offsets_relative():
    from rumorlens.lexicons.words import from_rows

    doc = "xx Le chat dort."
    got = from_rows([[3, 5, "le", "DET"], [6, 10, "chat", "NOUN"]], doc, 3)
    assert [(x.start, x.end, x.text, x.lemma, x.pos) for x in got] == [(0, 2, "Le", "le", "DET"), (3, 7, "chat", "chat", "NOUN")]


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_claim_profiles_keep_the_words_the_checks_read(lang):
    from rumorlens.claims.tokens import analyse_many

    texts = [t for t in TEXTS[lang] if t.strip()]
    got = [ws for _, ws in analyse_many(texts, lang)]
    want = [words(t, lang) for t in texts]
    assert [[(x.start, x.end, x.text, x.lemma) for x in ws] for ws in got] == \
        [[(x.start, x.end, x.text, x.lemma) for x in ws] for ws in want]
    if lang != "en":  # English: the parse may retag a function word (analyse_many)
        assert got == want
