"""A doubt against the other version's own word that it is certain, modals
paired one for one before they answer a hedge, and French modal verbs read
by lemma (session 47, from the source-side break test of session 44)."""
from __future__ import annotations

import pytest
from compare_helpers import profiled

from rumorlens.claims import profile_text
from rumorlens.compare.claims import check_certainty, check_modal_force


def _certainty(src, tgt, sl, tl):
    return [(f.type, f.severity) for f in check_certainty(profiled(src, tgt, sl, tl))]


@pytest.mark.parametrize("src, tgt, sl", [
    # the source says it is certain, the translation only that it may be
    ("她的证据一定受到负面影响。", "Her evidence may be tainted.", "zh"),
    ("Les gens étaient certainement patients.", "People were probably patient.", "fr"),
    ("La France sera forcément le septième pays touché.", "France may be the seventh country affected.", "fr"),
])
def test_a_doubt_against_an_explicit_certainty_is_medium_either_way(src, tgt, sl):
    assert _certainty(src, tgt, sl, "en") == [("certainty_lowered", "medium")]
    # the rumour's way round was medium already
    assert _certainty(tgt, src, "en", sl) == [("certainty_raised", "medium")]


def test_a_doubt_the_target_adds_to_a_plain_statement_stays_low():
    assert [s for _, s in _certainty("她的证据受到负面影响。", "Her evidence may be tainted.", "zh", "en")] == ["low"]


def test_a_modal_rendered_by_its_own_answers_no_hedge_besides():
    # 可以 is 'can' in the second clause: it does not answer 'may possibly' in the first
    src = "彗星一定是地球上的水和有机物的来源，这些有机物可以形成蛋白质。"
    tgt = "Comets may possibly have been a source of water and organic matter that can form proteins."
    assert _certainty(src, tgt, "zh", "en") == [("certainty_lowered", "medium")]
    # without the second clause's 'can', 可以 still answers the doubt as before
    assert _certainty("彗星可以是地球上的水的来源。", "Comets may have been a source of water.", "zh", "en") == []


def test_a_negated_french_modal_answers_no_hedge():
    # 'we cannot give a date' hedges nothing: the reported rumour and the
    # 'as far as we know' are gone from the French
    src = "他否认了这些传言：“据我们所知，计划仍然是推出 Claude 3.5 Opus。”"
    tgt = "Il a démenti : « Bien que nous ne puissions pas donner de date, nous prévoyons toujours de sortir Claude 3.5 Opus. »"
    assert [t for t, _ in _certainty(src, tgt, "zh", "fr")] == ["hedge_dropped"]


@pytest.mark.parametrize("text, form, value", [
    ("Vous devrez acheter un billet sur place.", "devrez", "necessary"),
    ("Nous devions rentrer avant la nuit.", "devions", "necessary"),
    ("Vous pourrez acheter presque tout sur place.", "pourrez", "able"),
    ("Il faut qu'il puisse venir demain.", "puisse", "able"),
    # a participle in a compound tense, an adverb between: « ont pu » is no longer one phrase
    ("Les scientifiques ont vraisemblablement pu conclure que la matière existe.", "pu", "able"),
])
def test_french_modal_verbs_in_any_tense_by_lemma(text, form, value):
    assert ("modal", value, form) in [(c.kind, c.value, c.text) for c in profile_text(text, "fr").cues]


def test_devoir_with_no_infinitive_is_no_modal():
    assert not [c for c in profile_text("Il devait dix euros à sa sœur.", "fr").cues if c.kind == "modal"]
    assert not [c for c in profile_text("Il a dû dix euros à sa sœur.", "fr").cues if c.kind == "modal"]


def test_a_french_future_necessity_against_can_is_a_change_of_force():
    p = profiled("Vous devrez acheter presque tout ce dont vous avez besoin sur place.",
                 "You can buy almost anything you need there.", "fr", "en")
    assert [(f.type, f.severity) for f in check_modal_force(p)] == [("modality_changed", "medium")]


@pytest.mark.parametrize("text, modal", [
    ("基础模型可能会在后台运行，赋能其他模型实现壮举。", False),  # LAC splits 赋能 'to empower'
    ("这个模型能在后台运行。", True),
    ("孩子们能自己完成作业。", True),  # before a pronoun: still 'can' (a fresh user's break test)
    ("我希望能去北京。", True),
])
def test_neng_split_from_a_one_character_verb_is_no_modal(text, modal):
    assert (("modal", "能") in [(c.kind, c.text) for c in profile_text(text, "zh").cues]) is modal


def test_a_possibility_denied_still_answers_a_hedge():
    # 'may not be able' answers « pas forcément »; only a denied ability ('cannot give') hedges nothing
    assert _certainty("Nous ne pouvons pas forcément nous tenir les uns à côté des autres.",
                      "We may not be able to stand next to one another.", "fr", "en") == []


@pytest.mark.parametrize("text", ["They were able to close the factory.", "She is able to pay.", "We have been able to agree."])
def test_able_to_in_any_tense_is_an_ability(text):
    assert [(c.kind, c.value) for c in profile_text(text, "en").cues if c.kind == "modal"] == [("modal", "able")]


def test_satellites_able_to_detect_is_no_modal_of_the_sentence():
    # a reduced relative: no form of 'be' before 'able to'
    assert not [c for c in profile_text("France will have satellites able to detect intruders.", "en").cues
                if c.kind == "modal" and c.value == "able"]


def test_a_past_necessity_against_were_able_to_is_a_change_of_force():
    p = profiled("Ils ont dû fermer l'usine.", "They were able to close the factory.", "fr", "en")
    assert [(f.type, f.severity) for f in check_modal_force(p)] == [("modality_changed", "medium")]


def test_a_conditional_of_hypothesis_answers_no_hedge_but_another():
    """« qui sinon auraient acheté » ('who otherwise would have bought') is
    the consequence of a case denied, not the journalistic conditional: it
    does not answer 'may' set against « certainement » (a source-side probe
    row, session 49); it still answers the same conditional on the other
    side, and the journalistic one still answers nothing of a plain fact."""
    assert _certainty("Les écrans plus grands ont certainement séduit des acheteurs qui sinon auraient acheté "
                      "un Galaxy.", "The larger screens may have lured some would-be Galaxy buyers.", "fr", "en") == \
        [("certainty_lowered", "medium")]
    assert _certainty("Si elle est approuvée, la mesure entrerait en vigueur en mai.",
                      "If approved, the measure would take effect in May.", "fr", "en") == []
    assert _certainty("Si elle est approuvée, la mesure entrerait en vigueur en mai.",
                      "If approved, the measure will take effect in May.", "fr", "en") != []
    assert _certainty("Après l'accident, le conducteur aurait pris la fuite.", "After the accident, the driver fled.",
                      "fr", "en") != []
