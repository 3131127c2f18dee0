"""One verb told in another time among verbs that keep theirs
(compare.verb_times; session 54: DEMETR's tense rows, where one verb of a
sentence moves, were a quarter found by the whole-side check)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.claims import check_tense_shift
from rumorlens.compare.verb_times import check_verb_times


def claim_pair(src, tgt, sl, tl):
    p = pair(src, tgt, sl, tl)
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    return p


@pytest.mark.parametrize("src, tgt, words", [
    ("Les cultures minoritaires disparaissent souvent sans laisser de traces et ne sont pas reconnues.",
     "Minority cultures often disappeared without leaving any traces and are not recognized.",
     ("disparaissent", "disappeared")),
    # a passive future's verb is its participle (« sera détruit »: détruire / destroy)
    ("Le ministre a visité l'hôpital qui sera détruit.", "The minister visited the hospital that was destroyed.",
     ("sera", "was")),
    # a copula is paired through its predicate (timides / shy)
    ("Les ours seront parfois timides et vous les verrez mieux avec des jumelles.",
     "Bears are sometimes shy and you will see them better with binoculars.", ("seront", "are")),
])
def test_one_verb_in_another_time_is_reported(src, tgt, words):
    p = claim_pair(src, tgt, "fr", "en")
    assert check_tense_shift(p) == []  # the two sides share a time: the whole-side check is silent
    (f,) = check_verb_times(p)
    assert (f.type, f.severity) == ("tense_changed", "low")
    assert [e.text for e in f.evidence if e.value] == list(words)


@pytest.mark.parametrize("src, tgt", [
    # the same times
    ("Elle a dirigé les officiers vers sa voiture noire qui se trouvait à 500 pieds de là.",
     "She directed the officers to her black car that was 500 feet away."),
    # « interdit » is a present and a passé simple: spaCy takes it for a past
    ("Le gouverneur a promulgué une loi qui interdit la vente de jeux violents aux mineurs.",
     "The governor signed a law that prohibits the sale of violent games to minors."),
    # a French future after « que » is an English present
    ("Et vous pouvez le répéter autant que vous voudrez.", "And you can say it all you want."),
    # a reporting verb tells when the source spoke
    ("Les scientifiques ont précisé que la queue appartient à un jeune dinosaure.",
     "The scientists specify that the tail belongs to a young dinosaur."),
])
def test_same_times_or_no_verb_moved_is_quiet(src, tgt):
    assert check_verb_times(claim_pair(src, tgt, "fr", "en")) == []


def test_copulas_without_a_predicate_to_pair_are_quiet():
    """« sera celle d'un artiste »: no adjective or noun after the copula,
    nothing ties the two copulas."""
    assert check_verb_times(claim_pair("L'histoire sera celle d'un artiste que tout le monde connaît.",
                                       "The story is that of an artist everybody knows.", "fr", "en")) == []


def test_an_impersonal_copula_frames_a_judgement_and_is_not_paired():
    """« il est évident que » / 'it was obvious': DEMETR's clean French row
    725 (session 56)."""
    assert check_verb_times(claim_pair(
        "Leur défense leur a permis de se distinguer et il est évident que c'était l'équipe à battre.",
        "Their defence set them apart, and it was obvious they were the team to beat.", "fr", "en")) == []


def test_chinese_marks_no_tense():
    assert check_verb_times(claim_pair("她把警察带到了车旁。", "She will direct the officers to her car.", "zh", "en")) == []


def test_a_future_told_as_done_is_one_finding_of_check_tense():
    """« Jésus restera » / 'Jesus remained': check_tense's modality_changed
    (a prediction told as a fact); the verb pairing adds nothing (a helper's
    break test, session 54: both fired on one change)."""
    from rumorlens.compare.claims import check_tense

    p = claim_pair("Jésus restera ce héros qui a bouleversé les lois morales.",
                   "Jesus remained this hero who overturned moral laws.", "fr", "en")
    assert [f.type for f in check_tense(p)] == ["modality_changed"]
    assert check_verb_times(p) == []


def test_a_change_the_whole_side_check_reports_is_not_reported_again():
    p = claim_pair("Pas moins de 20 % de l'eau qui se jette des rivières dans les océans provient de l'Amazone.",
                   "No less than 20% of the water that flows from rivers into the oceans will come from the Amazon.",
                   "fr", "en")
    assert [f.type for f in check_tense_shift(p)] == ["tense_changed"]
    assert check_verb_times(p) == []


def test_two_versions_in_one_language_are_not_paired_verb_by_verb():
    # two English translations of a Chinese text, which tells no tense (a generated corpus)
    p = claim_pair("The ending of the two people in the play is also carefully designed by Liu Yunlong, who wrote it.",
                   "The ending of the two characters were also carefully designed by Liu Yunlong, who wrote it.",
                   "en", "en")
    assert check_verb_times(p) == []


@pytest.mark.parametrize("src, tgt, found", [
    # the futur antérieur: its auxiliary's future tells the time (or a conjecture), not a plain past
    ("Elle aura dirigé les officiers vers sa voiture.", "She directed the officers to her car.", True),
    ("Le véhicule aura été enlevé vers midi.", "The vehicle was taken away around noon.", True),
    # the passé composé and the plus-que-parfait are pasts
    ("Elle a dirigé les officiers vers sa voiture.", "She directed the officers to her car.", False),
    ("Elle avait dirigé les officiers vers sa voiture.", "She had directed the officers to her car.", False),
])
def test_a_futur_anterieur_is_no_plain_past(src, tgt, found):
    from rumorlens.compare.claims import check_tense

    cues = [(c.value, c.text) for c in profile_text(src, "fr").cues if c.kind == "tense"]
    assert any(v == "future" and t.startswith("aura ") for v, t in cues) == found
    assert any(v == "completed" for v, _ in cues) != found
    findings = check_tense(claim_pair(src, tgt, "fr", "en"))
    assert bool(findings) == found
    if found:  # worded for both of its readings
        assert "will have happened, or supposes it did" in findings[0].explanation


def test_avoir_beau_is_a_concession_not_a_future():
    """« il aura beau protester » is 'however much he protests' (fr.json
    not_cues): no future against the English (a helper's break test, session 55)."""
    from rumorlens.compare.claims import check_tense

    src, tgt = "Il aura beau protester, la décision est prise.", "However much he protests, the decision has been made."
    assert not any(c.kind == "tense" and c.value == "future" for c in profile_text(src, "fr").cues)
    assert check_tense(claim_pair(src, tgt, "fr", "en")) == []
