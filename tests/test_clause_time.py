"""The time of a claim (session 38): a plan (a verb of intention) told as done, a main clause's tense, not an
adverbial or relative clause's ('They will cancel the tour after he
injured himself' tells a plan, whatever the clause of 'after' says), and
the time of a possibility ('may have chosen', « aurait pu », 可能选择了,
本可以 against 'could choose', « pourrait choisir »).  Sentences of the
tests' own."""
from __future__ import annotations

import pytest
from compare_helpers import checked_findings

from rumorlens.claims.profile import profile_text


def _types(src, tgt, sl, tl):
    return [(f["severity"], f["type"]) for f in checked_findings(src, tgt, sl, tl)]


def _cues(text, lang):
    return [c for clause in profile_text(text, lang).clauses for c in clause.cues]


# --- the main clause tells the time -------------------------------------------

def test_a_past_in_an_adverbial_or_relative_clause_is_marked_subordinate():
    cues = {c.text: c.marks for c in _cues("The board will close the plant after the owner sold the land.", "en")}
    assert "subordinate" in cues["sold"] and "subordinate" not in cues["will"]
    cues = {c.text: c.marks for c in _cues("Le maire a fermé l'école qui se trouvait près du fleuve.", "fr")}
    assert "subordinate" in cues["trouvait"] and "subordinate" not in cues["a fermé"]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # a plan told as done, with a past in a clause of time or a relative clause on the side of the plan
    ("Le conseil a fermé l'usine après que le propriétaire a vendu le terrain.",
     "The board will close the plant after the owner sold the land.", "fr", "en"),
    ("Elle a conduit les enquêteurs vers la voiture qui se trouvait dans la cour.",
     "She will lead the investigators to the car that was in the yard.", "fr", "en"),
    # a state of the past (imperfect) told as to come
    ("La réunion était à 9 heures.", "The meeting will be at 9 o'clock.", "fr", "en"),
])
def test_a_future_against_a_past_is_found_past_a_subordinate_clause(src, tgt, sl, tl):
    assert ("low", "modality_changed") in _types(src, tgt, sl, tl)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # the side of the future tells a past in its main clause too: not judged
    ("Le conseil a annoncé la fermeture de l'usine.", "The board announced it will close the plant.", "fr", "en"),
    ("Le conseil fermera l'usine après que le propriétaire a vendu le terrain.",
     "The board will close the plant after the owner sold the land.", "fr", "en"),
])
def test_a_kept_future_or_a_said_plan_is_quiet(src, tgt, sl, tl):
    assert "modality_changed" not in [t for _, t in _types(src, tgt, sl, tl)]


# --- the time of a possibility --------------------------------------------------

@pytest.mark.parametrize("text,lang,cue", [
    ("The company may have sold the shares.", "en", "may have"),
    ("The company might not have sold the shares.", "en", "might"),
    ("La société aurait pu vendre les actions.", "fr", "aurait"),
    ("La société pourrait avoir vendu les actions.", "fr", "pourrait"),
    ("公司可能卖掉了这些股票。", "zh", "可能"),
    ("公司原本可以卖掉这些股票。", "zh", "可以"),
])
def test_a_possibility_about_the_past_is_marked(text, lang, cue):
    assert any(c.text == cue and "past" in c.marks for c in _cues(text, lang))


@pytest.mark.parametrize("text,lang", [
    ("The company could sell the shares.", "en"),
    ("The company could have a buyer.", "en"),  # 'have' a verb of its own
    ("La société pourrait vendre les actions.", "fr"),
    ("Des vols pourraient être annulés.", "fr"),  # a passive, not an infinitive of the past
    ("明天可能要下雨了。", "zh"),  # 了 of a change to come
    ("公司可能卖掉这些股票。", "zh"),
])
def test_a_possibility_now_or_to_come_is_not_marked(text, lang):
    assert not any("past" in c.marks for c in _cues(text, lang))


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("公司可能卖掉了这些股票。", "La société pourrait vendre les actions.", "zh", "fr"),
    ("The company may have sold the shares.", "La société pourrait vendre les actions.", "en", "fr"),
    ("La police aurait pu empêcher l'accident.", "The police could prevent the accident.", "fr", "en"),
])
def test_a_possibility_moved_in_time_is_found(src, tgt, sl, tl):
    assert ("low", "tense_changed") in _types(src, tgt, sl, tl)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The company may have sold the shares.", "La société a peut-être vendu les actions.", "en", "fr"),
    ("The company may have sold the shares.", "公司可能卖掉这些股票。", "en", "zh"),  # Chinese unmarked: not judged
    ("The police could have prevented the accident.", "La police aurait pu empêcher l'accident.", "en", "fr"),
    # an adverb leaves the time to its verb: « est terminé » is over, now
    ("那个项目可能已经结束了。", "Ce projet est probablement terminé.", "zh", "fr"),
])
def test_a_possibility_kept_in_its_time_is_quiet(src, tgt, sl, tl):
    assert "tense_changed" not in [t for _, t in _types(src, tgt, sl, tl)]


def test_a_noun_modified_by_a_past_is_no_possibility_about_the_past():
    # 已支付的款项: 'the sums already paid'; the possibility 或可 is of a time to come
    assert not any("past" in c.marks for c in _cues("镇政府或可要求退还部分已支付的款项。", "zh"))


@pytest.mark.parametrize("text,cue", [("数百人可能将在下周接触到病毒。", "可能"), ("公司可能会关闭工厂。", "可能会")])
def test_a_chinese_possibility_with_a_word_of_the_future_is_marked_future(text, cue):
    assert any(c.text == cue and "future" in c.marks for c in _cues(text, "zh"))


def test_a_possibility_about_the_past_told_as_one_to_come_in_chinese_is_found():
    assert ("low", "tense_changed") in _types("Dozens of workers may have been exposed to the gas.",
                                              "数十名工人可能将接触到这种气体。", "en", "zh")


# --- a plan (a verb of intention) told as done ------------------------------------

@pytest.mark.parametrize("text,lang,cue", [
    ("The city plans to open a school.", "en", "plans to"),
    ("La mairie prévoit d’ouvrir une école.", "fr", "prévoit d’"),
    ("市政府计划于明年开设一所学校。", "zh", "计划于"),
    ("市政府打算开设一所学校。", "zh", "打算"),
])
def test_a_verb_of_intention_is_a_future(text, lang, cue):
    assert any(c.text == cue and c.value == "future" for c in _cues(text, lang))


@pytest.mark.parametrize("text,lang", [
    ("The plans to open a school were dropped.", "en"),  # the noun
    ("该计划已获批准。", "zh"),
])
def test_a_plan_the_noun_is_no_future(text, lang):
    assert not any(c.value == "future" for c in _cues(text, lang))


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("市政府计划于明年开设一所学校。", "The city opened a school.", "zh", "en"),
    ("La mairie prévoit d’ouvrir une école.", "The city has opened a school.", "fr", "en"),
])
def test_a_plan_told_as_done_is_found(src, tgt, sl, tl):
    assert ("medium", "modality_changed") in _types(src, tgt, sl, tl)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("La mairie prévoit d’ouvrir une école.", "The city plans to open a school.", "fr", "en"),
    ("La mairie prévoyait d’ouvrir une école.", "The city planned to open a school.", "fr", "en"),
])
def test_a_plan_kept_is_quiet(src, tgt, sl, tl):
    assert "modality_changed" not in [t for _, t in _types(src, tgt, sl, tl)]


@pytest.mark.parametrize("text", ["这场火灾本可以避免。", "警方本来可以阻止这起事故。"])
def test_ben_glued_to_the_word_before_still_marks_a_possibility_not_taken(text):
    # LAC reads 火灾本 as one word; 日本, 成本 are words of their own (below)
    assert any(c.text == "可以" and "past" in c.marks for c in _cues(text, "zh"))


def test_a_word_ending_in_ben_is_no_adverb():
    assert not any("past" in c.marks for c in _cues("日本可以出口更多汽车。", "zh"))

