"""A Latin name written in both versions but misspelled in one (issue 9):
a letter dropped, added or two letters swapped is entity/misspelled, with a
general rule (names.misspelling: Damerau-Levenshtein, length-aware, not a
word of its own language, not two names the gazetteer tells apart)."""
import pytest

from rumorlens.compare.sentence_pairs import check_rows
from rumorlens.ingest import detect_language
from rumorlens.mentions import extract_text
from rumorlens.mentions.names import misspelled_in, misspelling


def findings(src, sl, tgt, tl):
    out = check_rows([{"id": 1, "src": src, "tgt": tgt, "src_lang": sl, "tgt_lang": tl}],
                     extract=lambda t, l: extract_text(t, l), detect=detect_language)
    return [(f["category"], f["type"]) for f in out[0]["findings"]]


@pytest.mark.parametrize("a,b,la,lb,wrong,how", [
    ("Bernard", "Bernrad", "fr", "en", "Bernrad", "swapped"),
    ("Bernard Arnault", "Bernrad Arnault", "fr", "en", "Bernrad Arnault", "swapped"),
    ("Angela Merkel", "Angela Merkle", "en", "en", "Angela Merkle", "swapped"),
    ("Airbus", "Airbu", "en", "en", "Airbu", "dropped"),
    ("Lex Fridman", "Lex Fidman", "en", "en", "Lex Fidman", "dropped"),
    ("Micorsoft", "Microsoft", "en", "fr", "Micorsoft", "swapped"),
    ("Zelensky", "Zelenskky", "fr", "en", "Zelenskky", "added"),
])
def test_one_word_misspelled(a, b, la, lb, wrong, how):
    assert misspelling(a, b, la, lb) == (wrong, how)


@pytest.mark.parametrize("a,b,la,lb", [
    ("Slovénie", "Slovenia", "fr", "en"),      # a name rendered in another language
    ("Marseille", "Marseilles", "fr", "en"),
    ("Singapour", "Singapore", "fr", "en"),
    ("Amazone", "Amazon", "fr", "en"),
    ("Austria", "Australia", "en", "en"),      # two names, each a word of its language
    ("Iran", "Iraq", "en", "en"),              # two entities the gazetteer tells apart
    ("Kamala Harris", "Kamal Harris", "en", "en"),  # Kamal is a name of its own
    ("Point Marion", "Point Marion to", "en", "en"),
])
def test_not_misspellings(a, b, la, lb):
    assert misspelling(a, b, la, lb) is None


@pytest.mark.parametrize("src,sl,tgt,tl", [
    ("Bernard Arnault a racheté la société.", "fr", "Bernrad Arnault bought the company.", "en"),
    ("Donald Trump said on Tuesday that the deal would be signed.", "en",
     "Donadl Trump said on Tuesday that the deal would be signed.", "en"),
    ("Elon Musk a déclaré mardi que l'accord serait signé.", "fr",
     "Eln Musk said on Tuesday that the deal would be signed.", "en"),
    ("The group Airbus announced higher results.", "en", "The group Airbu announced higher results.", "en"),
    ("Le groupe Microsoft a annoncé des résultats en hausse.", "fr", "The group Micorsoft announced higher results.",
     "en"),
    ("La conférence aura lieu à Bordeaux en juin.", "fr", "The conference will take place in Bordeau in June.", "en"),
])
def test_a_misspelled_name_is_a_finding(src, sl, tgt, tl):
    assert ("entity", "misspelled") in findings(src, sl, tgt, tl)


@pytest.mark.parametrize("src,sl,tgt,tl", [
    ("Il est allé en Slovénie.", "fr", "He went to Slovenia.", "en"),
    ("He visited Austria.", "en", "He visited Australia.", "en"),
])
def test_renderings_and_other_names_are_not_misspellings(src, sl, tgt, tl):
    assert ("entity", "misspelled") not in findings(src, sl, tgt, tl)


def test_the_misspelled_words_are_found_without_a_ner_tag():
    text = "Donadl Trump said on Tuesday."
    s, e, how = misspelled_in("Donald Trump", "en", text, "en")
    assert text[s:e] == "Donadl Trump" and how == "swapped"
