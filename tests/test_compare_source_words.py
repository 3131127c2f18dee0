"""Who vouches for a claim, read from the source's own words when no source
kind of models/compare/sources.json names both (compare.source_words; a
break test of session 43: participants / « des médecins », 村民 / « des
médecins », the police / « les organisateurs » went unreported)."""
import pytest
from compare_helpers import checked_findings


def _sources_changed(src, tgt, src_lang, tgt_lang, encoder=None):
    return [f for f in checked_findings(src, tgt, src_lang, tgt_lang, encoder=encoder)
            if f["type"] == "attribution_changed"]


@pytest.fixture(scope="module")
def use_m3():
    from rumorlens.embed import get_encoder

    return get_encoder("use-m3")


def test_another_group_vouches_for_the_claim(use_m3):
    (f,) = _sources_changed("The police said the march was peaceful.",
                            "Les organisateurs ont affirmé que la marche avait été pacifique.", "en", "fr", use_m3)
    assert f["severity"] == "medium" and "organisateurs" in f["explanation"]
    # a group left unnamed by its determiner still says who speaks
    (f,) = _sources_changed("一些村民表示，河水很快就漫过了堤坝。", "Des médecins ont déclaré que l'eau avait vite submergé la digue.",
                            "zh", "fr", use_m3)
    # without an encoder the check is off: the dictionaries alone cannot tell
    assert _sources_changed("The police said the march was peaceful.",
                            "Les organisateurs ont affirmé que la marche avait été pacifique.", "en", "fr") == []
    assert "村民" in f["explanation"] and "médecins" in f["explanation"]


def test_the_same_group_in_other_words_is_no_change(use_m3):
    assert _sources_changed("The investigators said the fire was accidental.",
                            "Les enquêteurs ont déclaré que l'incendie était accidentel.", "en", "fr", use_m3) == []
    assert _sources_changed("Researchers said the drug reduced symptoms.", "研究人员表示，这种药物减轻了症状。", "en", "zh",
                            use_m3) == []


def test_the_encoder_ties_what_no_dictionary_does(use_m3):
    """'Officials' / « les autorités »: no dictionary tie, 0.66 for the
    encoder in lower case (0.50 capitalized), above source_noun_min_similarity."""
    assert _sources_changed("Officials said the road would reopen on Monday.",
                            "Les autorités ont indiqué que la route rouvrirait lundi.", "en", "fr", use_m3) == []
    assert len(_sources_changed("Some participants reported headaches.", "Des médecins ont signalé des maux de tête.",
                                "en", "fr", use_m3)) == 1
