"""A name written with another number (compare.name_numbers): iPhone 8 /
iPhone 6, GPT-4 / GPT-5, whatever the mentions stage made of the name."""
import pytest
from compare_helpers import checked_findings, mention, pair

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.compare.name_numbers import check_name_numbers, name_numbers  # noqa: E402


def _changed(src, tgt, src_lang, tgt_lang):
    return [f for f in checked_findings(src, tgt, src_lang, tgt_lang) if f["type"] == "name_number_changed"]


@pytest.mark.parametrize("src,tgt,src_lang,shown", [
    ("Apple a lancé l'iPhone 8 en septembre.", "Apple launched the iPhone 6 in September.", "fr",
     ("iPhone 8", "iPhone 6")),
    ("OpenAI a présenté GPT-4 en mars.", "OpenAI presented GPT-5 in March.", "fr", ("GPT-4", "GPT-5")),
    ("OpenAI发布了GPT-4。", "OpenAI released GPT-5.", "zh", ("GPT-4", "GPT-5")),
    ("Windows 11 est sorti en 2021.", "Windows 10 came out in 2021.", "fr", ("Windows 11", "Windows 10")),
    ("Le Boeing 737 s'est écrasé.", "The Boeing 747 crashed.", "fr", ("Boeing 737", "Boeing 747")),
    # a helper's break test (session 55): « que » opening a clause is no comparison; NER
    # taking the words after the number in; a multi-word name; model codes
    ("OpenAI a annoncé que GPT-4 serait disponible en mars.", "OpenAI said GPT-5 would be available in March.",
     "fr", ("GPT-4", "GPT-5")),
    ("Le Boeing 737 de la compagnie s'est posé sans encombre.", "The airline's Boeing 747 landed safely.", "fr",
     ("Boeing 737", "Boeing 747")),
    ("La Renault Clio 5 est la voiture la plus vendue.", "The Clio 4 is the best-selling car.", "fr",
     ("Renault Clio 5", "Clio 4")),
    ("Un Airbus A320 a atterri à Nice.", "An Airbus A330 landed in Nice.", "fr", ("Airbus A320", "A330")),
    ("空客A320客机在尼斯降落。", "An Airbus A330 landed in Nice.", "zh", ("A320", "A330")),
    # both the standard of a comparison: one role, another model
    ("与GPT-4相比，它的性能有所提升。", "Compared with GPT-5, its performance has improved.", "zh", ("GPT-4", "GPT-5")),
])
def test_a_name_with_another_number_is_reported(src, tgt, src_lang, shown):
    (f,) = _changed(src, tgt, src_lang, "en")
    assert f["category"] == "number" and f["severity"] == "high"
    assert f"'{shown[0]}'" in f["explanation"] and f"'{shown[1]}'" in f["explanation"]


@pytest.mark.parametrize("src,tgt,src_lang", [
    ("La mission Apollo 11 a atterri.", "The Apollo 11 mission landed.", "fr"),
    ("Claude 3.5 Sonnet est sorti.", "Claude 3.5 Sonnet was released.", "fr"),
    ("GPT-3,5 reste disponible.", "GPT-3.5 remains available.", "fr"),  # a French decimal comma
    ("Le nouveau modèle est meilleur que GPT-4.", "GPT-5 is better.", "fr"),
    ("The new chip is twice as fast as the M1, Apple claims.", "La nouvelle puce M2 est deux fois plus rapide.", "en"),
    ("Plus de 300 personnes sont venues.", "Over 300 people came.", "fr"),
    # the other side writes both numbers: it says nothing against either
    ("GPT-5 sera bien meilleur que GPT-4.", "GPT-5 will be much better than GPT-4.", "fr"),
    ("GPT-5将比GPT-4好得多。", "GPT-5 will be much better than its predecessor.", "zh"),
    # a member of the series named as the standard of a comparison, not in place of the other
    ("尽管GPT-5的性能据称有所提升，但进步幅度不大。", "They have not seen the leaps they hoped for compared to GPT-4.", "zh"),
    ("Les performances de GPT-5 progressent.", "The model performs better than the existing GPT-4.", "fr"),
])
def test_the_same_name_and_number_is_quiet(src, tgt, src_lang):
    assert _changed(src, tgt, src_lang, "fr" if src_lang == "en" else "en") == []


def test_names_are_read_from_numbers_and_from_entities():
    src = "Apple a lancé l'iPhone 8 et GPT-4 est sorti."
    ms = [mention("a", src, "8", "fr", "number", "count", value=8.0),
          mention("a", src, "GPT-4", "fr", "entity", "PRODUCT")]
    p = pair(src, "x", "fr", "en", ms)
    assert [(n.key, n.version, src[n.start:n.end]) for n in name_numbers(p.src)] == [
        ("iphone", "8", "iPhone 8"), ("gpt", "4", "GPT-4")]


def test_one_number_shared_is_no_change():
    src, tgt = "L'iPhone 8 et l'iPhone 6 sont sortis.", "The iPhone 6 came out."
    p = pair(src, tgt, "fr", "en",
             [mention("a", src, "8", "fr", "number", "count", value=8.0),
              mention("a", src.replace("8", "_"), "6", "fr", "number", "count", value=6.0)],
             [mention("b", tgt, "6", "en", "number", "count", value=6.0)])
    assert check_name_numbers(p) == []
    p.src.mentions = p.src.mentions[:1]
    (f,) = check_name_numbers(p)
    assert [e.text for e in f.evidence] == ["iPhone 8", "iPhone 6"]
