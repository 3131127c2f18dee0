"""Opposites WordNet does not link (models/lexicons/opposites.json), and
words the antonym check must read: events a rumour turns round."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.compare.antonyms import check_antonyms
from rumorlens.lexicons import wordnet
from rumorlens.lexicons.dictionaries import english_keys, gloss_keys, stem
from rumorlens.lexicons.words import words


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("新规禁止游客在景区内吸烟。", "The new rules allow visitors to smoke in the scenic area.", "zh", "en"),
    ("Le règlement autorise les visiteurs à fumer dans le parc.", "The rules forbid visitors from smoking in the park.",
     "fr", "en"),
    ("Le Sénat a rejeté le projet de loi.", "The Senate passed the bill.", "fr", "en"),
    ("警方逮捕了两名嫌疑人。", "Police released two suspects.", "zh", "en"),
    ("Le gouvernement a levé l'interdiction.", "The government imposed the ban.", "fr", "en"),
    # 否决 holds 否 without negating: it is a word to oppose like any other
    ("The council approved the plan on Monday.", "市议会周一否决了该计划。", "en", "zh"),
    # the start of a course of events against its end (opposites.json r), a Chinese adverb (LAC d)
    ("该协议起初获得议会批准。", "The agreement was finally approved by parliament.", "zh", "en"),
])
def test_a_reversed_event_is_an_antonym(src, tgt, sl, tl):
    assert [f.type for f in check_antonyms(pair(src, tgt, sl, tl))] == ["antonym"]


def test_the_explanation_names_where_the_opposite_comes_from():
    (f,) = check_antonyms(pair("警方逮捕了两名嫌疑人。", "Police released two suspects.", "zh", "en"))
    assert "opposites.json" in f.explanation
    (g,) = [f for f in check_antonyms(pair("股价上涨了。", "The share price fell.", "zh", "en")) if f.type == "antonym"]
    assert "WordNet" in g.explanation


def test_opposites_are_read_both_ways():
    assert "release" in {a for a, _ in wordnet.antonyms(stem("arrest"), "VERB")}
    assert "arrest" in {a for a, _ in wordnet.antonyms(stem("release"), "VERB")}


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("参议院在众议院否决该法案之后通过了它。", "The Senate passed the bill after the House had rejected it.", "zh", "en"),
    ("警方逮捕了两名嫌疑人，随后释放了其中一人。", "Police arrested two suspects and later released one of them.", "zh", "en"),
    ("Le gouvernement a levé l'interdiction.", "The government lifted the ban.", "fr", "en"),
    # 加息 'to raise interest rates' renders 'raised', though it has no one-word gloss
    ("央行在3月加息，又在9月降息。", "The central bank raised rates in March and cut them again in September.", "zh", "en"),
    # converses say the same thing in the other order: no opposites
    ("部长将于周一抵达东京，之后前往首尔。", "The minister will arrive in Tokyo on Monday, before travelling on to Seoul.",
     "zh", "en"),
    # Chinese adverbs are read (LAC d): those that render their word oppose nothing
    ("该协议最终获得议会批准。", "The agreement was finally approved by parliament.", "zh", "en"),
    ("他也获得了奖学金，并且很快就毕业了。", "He also received a scholarship and soon graduated.", "zh", "en"),
])
def test_both_words_said_or_one_rendered_is_no_reversal(src, tgt, sl, tl):
    assert [f for f in check_antonyms(pair(src, tgt, sl, tl)) if f.type == "antonym"] == []


def test_an_accented_gloss_meets_the_english_word():
    """网吧 'Internet café' / 'internet cafés': the gloss's key was 'caf'."""
    (cafes,) = [w for w in words("internet cafés", "en") if w.text == "cafés"]
    assert gloss_keys(["Internet café"]) & english_keys(cafes, "en")


def test_a_passive_verb_is_read_after_its_marker():
    """LAC keeps 被逮捕 'be arrested' as one word, which CC-CEDICT lacks."""
    out = check_antonyms(pair("抗议者在接受讯问后被逮捕。", "Protesters were released after questioning.", "zh", "en"))
    assert [(f.type, f.evidence[1].text) for f in out] == [("antonym", "逮捕")]
