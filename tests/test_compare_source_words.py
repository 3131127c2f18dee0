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
    assert f["severity"] == "medium" and "organis" in f["explanation"]
    # a group left unnamed by its determiner still says who speaks
    (f,) = _sources_changed("一些村民表示，河水很快就漫过了堤坝。", "Des médecins ont déclaré que l'eau avait vite submergé la digue.",
                            "zh", "fr", use_m3)
    # without an encoder the check is off: the dictionaries alone cannot tell
    traders, economists = ("Traders said the sell-off was driven by fears of a recession.",
                           "Des économistes ont estimé que la vague de ventes s'expliquait par la crainte d'une récession.")
    assert _sources_changed(traders, economists, "en", "fr") == []
    assert len(_sources_changed(traders, economists, "en", "fr", use_m3)) == 1
    # the claim's own nouns do not answer the source: « les manifestants » against 'the protest'
    assert len(_sources_changed("Officials said the protest was peaceful.",
                                "Les manifestants ont déclaré que la manifestation était pacifique.", "en", "fr",
                                use_m3)) == 1
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


def test_officials_are_no_new_source_against_an_institution(use_m3):
    """官方 / 'the authorities', « les forces de l'ordre » / 'police', 主办方 /
    'organisers' (a second break test of session 43: medium false alarms);
    'officials' told as protesters is a new source."""
    assert _sources_changed("Authorities said the road was closed.", "官方称该道路已封闭。", "en", "zh", use_m3) == []
    assert _sources_changed("Les forces de l'ordre ont affirmé avoir été visées par des projectiles.",
                            "Police said they had been targeted with projectiles.", "fr", "en", use_m3) == []
    assert _sources_changed("主办方表示，约有五万人参加。", "Organisers said about 50,000 people took part.", "zh", "en",
                            use_m3) == []
    assert len(_sources_changed("Officials said the protest was peaceful.",
                                "Les manifestants ont déclaré que la manifestation était pacifique.", "en", "fr",
                                use_m3)) == 1


def test_a_neighbour_s_other_source_does_not_answer(tmp_path):
    """In a document, 'Police said…' against « Des salariés ont affirmé… »
    was answered by 'The company said' two sentences on (any noun of the
    neighbouring sentences); only the neighbours' sources answer, and
    only when they name the group (a second break test of session 43:
    check-pairs reported the swap, align did not)."""
    from rumorlens import pipeline

    en = ["A fire broke out at a chemical plant in the eastern city of Lianhe on Tuesday night.",
          "Firefighters said the blaze was brought under control early on Wednesday.",
          "Local residents said they had heard several explosions shortly before midnight.",
          "Police said the plant had been operating without a valid safety permit.",
          "The company said it was cooperating fully with the investigation.",
          "Doctors at the city hospital said several of the injured were in critical condition.",
          "The provincial government said it would inspect all chemical plants in the region.",
          "The cause of the fire is still under investigation, a city spokesman said."]
    fr = ["Un incendie s'est déclaré mardi soir dans une usine chimique de Lianhe, dans l'est du pays.",
          "Les pompiers ont indiqué que le feu avait été maîtrisé tôt mercredi.",
          "Des riverains ont raconté avoir entendu plusieurs explosions peu avant minuit.",
          "Des salariés ont affirmé que l'usine fonctionnait sans permis de sécurité valide.",
          "L'entreprise a assuré coopérer pleinement avec l'enquête.",
          "Des médecins de l'hôpital de la ville ont indiqué que plusieurs blessés étaient dans un état critique.",
          "Le gouvernement provincial a annoncé qu'il inspecterait toutes les usines chimiques de la région.",
          "Les causes de l'incendie font toujours l'objet d'une enquête, a déclaré un porte-parole de la ville."]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fire_en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    (corpus / "fire_fr.txt").write_text("\n".join(fr) + "\n", encoding="utf-8")
    report = pipeline.run_all(corpus, use_cache=False)
    found = [f for f in report["discrepancies"] if f["type"] == "attribution_changed"]
    assert len(found) == 1 and "salariés" in found[0]["explanation"] and "Police" in found[0]["explanation"]


def test_officials_against_their_institution_is_one_source(use_m3):
    """An institution speaks through its officials (sources.json
    institution): 'Local environmental officials' / « le service local de
    protection de l'environnement » was a medium false alarm once a
    retelling's moved sentences were compared (session 63)."""
    officials = "Local environmental officials said pollutant levels in the surrounding air have fallen."
    assert _sources_changed(officials, "Le service local de protection de l'environnement a indiqué que la "
                                       "concentration de polluants dans l'air environnant avait baissé.",
                            "en", "fr", use_m3) == []
    assert _sources_changed("官方称，周边空气中的污染物浓度已经下降。", "Le ministère a indiqué que la concentration de "
                            "polluants dans l'air environnant avait baissé.", "zh", "fr", use_m3) == []
    # a group that is no institution still vouches otherwise
    assert len(_sources_changed(officials, "Des manifestants ont affirmé que la concentration de polluants dans "
                                           "l'air environnant avait baissé.", "en", "fr", use_m3)) == 1
    # and so do a committee, and a body qualified otherwise (a helper's break test, session 63)
    assert len(_sources_changed("Le comité de soutien aux victimes a indiqué que 30 familles avaient porté plainte.",
                                "Officials said 30 families had filed complaints.", "fr", "en", use_m3)) == 1
    assert len(_sources_changed("Les services de renseignement ukrainiens ont indiqué que 3 000 soldats étaient "
                                "massés.", "Russian officials said 3,000 troops were massed.", "fr", "en", use_m3)) == 1
