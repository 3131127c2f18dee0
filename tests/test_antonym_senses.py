"""Reversals the antonym check reads beyond WordNet's direct antonym
pointers (session 46, from a source-side break test): a synonym of the
antonym in its own sense (« rarement » is glossed 'seldom', WordNet's
antonym of 'often' is 'rarely'), temporal converses that bear on one
reference (地震之前 / 'after the earthquake'), and a word LAC fuses with its
count (最后一个 'the last one')."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.compare.antonyms import check_antonyms
from rumorlens.lexicons import wordnet
from rumorlens.lexicons.dictionaries import stem


def _antonyms(src, tgt, sl, tl):
    return [f for f in check_antonyms(pair(src, tgt, sl, tl)) if f.type == "antonym"]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Les travailleurs doivent rarement obtenir l'accord de leurs supérieurs.",
     "Workers must often get their superiors' approval.", "fr", "en"),
    ("On doit souvent attendre le bus.", "One seldom has to wait for the bus.", "fr", "en"),
])
def test_a_synonym_of_the_antonym_in_its_sense_is_a_reversal(src, tgt, sl, tl):
    (f,) = _antonyms(src, tgt, sl, tl)
    assert "WordNet" in f.explanation


def test_the_explanation_names_the_antonym_the_synonym_stands_for():
    (f,) = _antonyms("Les travailleurs doivent rarement obtenir l'accord de leurs supérieurs.",
                     "Workers must often get their superiors' approval.", "fr", "en")
    assert "through the synonym 'rarely'" in f.explanation and "seldom" in f.explanation


def test_only_a_common_sense_of_the_synonym_counts():
    """'get' shares arrive.v.01 with 'arrive', the antonym of 'leave', but
    that is its fifth sense; 'come' shares it too, as its second (wordnet.MATE_RANK)."""
    assert "seldom" in {m for m, _, _ in wordnet.antonym_synonyms(stem("often"), "ADV")}
    assert not {"get", "come"} & {m for m, _, _ in wordnet.antonym_synonyms(stem("leave"), "VERB")}


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("联合国维和人员在2010年地震之前抵达海地。", "UN peacekeepers arrived in Haiti after the 2010 earthquake.", "zh", "en"),
    ("Ils ont annulé la tournée avant que le chanteur Steven Tyler se soit blessé.",
     "They cancelled the tour after lead singer Steven Tyler injured himself.", "fr", "en"),
    ("会议之后，他飞往巴黎。", "Before the meeting, he flew to Paris.", "zh", "en"),
    # both point back at what came before
    ("Il est parti avant cela.", "He left after that.", "fr", "en"),
])
def test_before_and_after_of_one_reference_are_a_reversal(src, tgt, sl, tl):
    (f,) = _antonyms(src, tgt, sl, tl)
    assert "opposites.json" in f.explanation


@pytest.mark.parametrize("src, tgt, sl, tl", [
    # one order told from its other end: each word orders by another event
    ("部长将于周一抵达东京，之后前往首尔。", "The minister will arrive in Tokyo on Monday, before travelling on to Seoul.",
     "zh", "en"),
    ("Il a déjeuné avant la réunion.", "The meeting came after he had lunch.", "fr", "en"),
    ("La réunion a eu lieu avant le vote.", "The vote took place after the meeting.", "fr", "en"),
    # one points back, the other names its event
    ("Il est parti avant cela.", "He left after the storm.", "fr", "en"),
])
def test_converses_of_two_references_are_no_reversal(src, tgt, sl, tl):
    assert _antonyms(src, tgt, sl, tl) == []


def test_converses_are_not_antonyms_for_the_other_checks():
    """negation_scope and the rest read WordNet's antonyms and
    opposites.json's reversives; before / after only through converses."""
    assert "after" not in {a for a, _ in wordnet.antonyms(stem("before"))}
    assert "after" in {a for a, _, _ in wordnet.converses(stem("before"))}


@pytest.mark.parametrize("src, tgt", [
    ("中国驻休斯敦总领馆建于1979年，是中国在美国开设的最后一个总领馆。",
     "The Chinese Consulate General in Houston was established in 1979 as the first Chinese consulate in the U.S."),
    ("他是第一个到达现场的人。", "He was the last to arrive at the scene."),
])
def test_a_word_fused_with_its_count_is_read(src, tgt):
    (f,) = _antonyms(src, tgt, "zh", "en")
    assert f.evidence[1].text in ("最后", "第一")


def test_a_count_alone_is_not_read_as_a_word():
    assert _antonyms("他们开了三个会议。", "They held three meetings.", "zh", "en") == []


@pytest.mark.parametrize("src, tgt, sl", [
    # what 之后 orders by runs back to the preposition that opens it, not to the subject
    ("比赛在暴雨之后恢复进行。", "The storm passed before the match resumed.", "zh"),
    ("工人们在工厂关闭之前领到了工资。", "The factory closed after the workers had been paid.", "zh"),
    # a verb ('announce' / 公布) is no shared reference
    ("央行在通胀数据公布之后宣布加息。", "Inflation data were released before the central bank announced a rate hike.", "zh"),
    # the head of what « avant » governs, not a noun of its complement
    ("Les syndicats ont été consultés avant la présentation de la réforme par le gouvernement.",
     "The reform was presented after the government consulted the unions.", "fr"),
])
def test_a_faithful_reordering_names_another_reference(src, tgt, sl):
    """From a fresh helper's break test of session 46: high antonym findings
    on faithful translations."""
    assert _antonyms(src, tgt, sl, "en") == []


def test_a_french_compound_noun_is_read_whole():
    (f,) = _antonyms("Les soldats de l'ONU sont arrivés en Haïti avant le tremblement de terre de 2010.",
                     "UN peacekeepers arrived in Haiti after the 2010 earthquake.", "fr", "en")
    assert f.type == "antonym"


@pytest.mark.parametrize("src, tgt, words", [
    ("自会议结束以来，他一直住在巴黎。", "Since the beginning of the meeting, he has lived in Paris.", ("结束", "beginning")),
    ("今年的出口大幅增加。", "This year saw a sharp decrease in exports.", ("增加", "decrease")),
])
def test_a_verb_against_the_noun_of_its_antonym_is_a_reversal(src, tgt, words):
    """The noun's own antonyms asked 结束 for a noun gloss 'end', and its
    glosses write the verb only ('to end'): the verb that shares the noun's
    stem answers (compare.antonyms._verb_antonyms; a source-side probe,
    session 49)."""
    (f,) = _antonyms(src, tgt, "zh", "en")
    assert all(f"'{w}'" in f.explanation for w in words)


@pytest.mark.parametrize("src, tgt", [
    ("自会议开始以来，他一直住在巴黎。", "Since the beginning of the meeting, he has lived in Paris."),
    ("今年的出口大幅减少。", "This year saw a sharp decrease in exports."),
])
def test_a_verb_against_the_noun_of_its_own_meaning_is_no_reversal(src, tgt):
    assert not _antonyms(src, tgt, "zh", "en")


@pytest.mark.parametrize("word, infinitive", [("perdu", "perdre"), ("vendues", "vendre"), ("battus", "battre"),
                                              ("choisies", "choisir")])
def test_a_participle_with_no_entry_of_its_own_is_read_as_its_verb(word, infinitive):
    from rumorlens.lexicons.dictionaries import fr_infinitive

    assert fr_infinitive(word, word) == infinitive


@pytest.mark.parametrize("word", ["menu", "parti", "revue", "avis"])
def test_a_word_with_an_entry_of_its_own_is_no_participle(word):
    from rumorlens.lexicons.dictionaries import fr_infinitive

    assert fr_infinitive(word, word) == ""


def test_a_participle_the_tagger_calls_a_noun_is_opposed_as_its_verb():
    """The small tagger's noun « perdu » (lemma « perdu », no FreeDict
    entry) against 'won' (a source-side probe, session 49)."""
    from rumorlens.compare.antonyms import _participle_read
    from rumorlens.lexicons.words import Word

    read = _participle_read(Word(0, 5, "perdu", "perdu", "NOUN"), "fr")
    assert (read.pos, read.lemma) == ("VERB", "perdre")
    assert _participle_read(Word(0, 4, "menu", "menu", "NOUN"), "fr").pos == "NOUN"


@pytest.mark.parametrize("src, tgt, sl, tl", [
    # « aime » is glossed 'appreciate' too, but « apprécie » renders 'appreciate'
    ("J'aime ce roman et j'apprécie son auteur.", "I hate this novel and appreciate its author.", "fr", "en"),
])
def test_a_word_whose_gloss_another_source_word_renders_may_still_be_reversed(src, tgt, sl, tl):
    """A source word was taken as rendered when any of its glosses was
    written in the target, even when that target word translates another
    source word as well (session 51): only a target word that no other
    source word translates shows it rendered."""
    (f,) = _antonyms(src, tgt, sl, tl)
    assert "'hate'" in f.explanation and "'aime'" in f.explanation


def test_a_word_that_alone_translates_a_target_word_is_rendered():
    # « aime » alone translates 'like': no reversal read between 'love' and another word
    assert _antonyms("J'aime ce roman.", "I like this novel.", "fr", "en") == []


def test_a_chinese_time_word_is_read():
    """LAC tags 未来, 目前, 起初 as TIME, a part of speech the check skipped
    (words.json antonym_extra_pos, session 51)."""
    (f,) = _antonyms("未来几年，这个城市的人口将继续增长。",
                     "In the past few years, the city's population will continue to grow.", "zh", "en")
    assert "'past'" in f.explanation and "'未来'" in f.explanation


@pytest.mark.parametrize("src, tgt", [
    # 早年 'early years; the past': 'past' opposes 'early', but 早年 writes 'early' itself
    ("早年他在北京当过老师。", "In his early years he was a teacher in Beijing."),
    # 历史意义 'historical significance' translates 'historic' (Snowball: histori / histor),
    # which then opposes nothing, not even 现在 'present' left out of the target
    ("他说，现在这一成就具有历史意义。", "He said the achievement was historic."),
])
def test_a_word_said_by_the_source_opposes_nothing(src, tgt):
    assert _antonyms(src, tgt, "zh", "en") == []


@pytest.mark.parametrize("src, tgt, reversed_", [
    # « élevés » renders 'higher' for the encoder though FreeDict glosses it 'elevated, noble' only:
    # 'higher' is no reversal of « bas » (session 58)
    ("Les loyers sont plus élevés qu'à Paris et les salaires plus bas.",
     "Rents are higher than in Paris and wages lower.", False),
    # one 'high' rendered by « élevés », the other against « bas »
    ("Les taux restent élevés mais le chômage est bas.", "Rates remain high but unemployment is high.", True),
    ("Les prix sont bas.", "Prices are high.", True),
])
def test_a_word_the_encoder_finds_rendered_elsewhere_is_no_reversal(src, tgt, reversed_):
    from compare_helpers import checked_findings

    from rumorlens.embed import get_encoder

    found = [f for f in checked_findings(src, tgt, "fr", "en", encoder=get_encoder()) if f["type"] == "antonym"]
    assert len(found) == int(reversed_)
    if reversed_:
        assert "'high'" in found[0]["explanation"] and "'bas'" in found[0]["explanation"]
    # without the encoder, the dictionaries alone oppose 'high' or 'higher' to « bas » each time
    assert any(f["type"] == "antonym" for f in checked_findings(src, tgt, "fr", "en"))


@pytest.mark.parametrize("src, reversed_", [
    ("委员会建议国家走向旧选举措施。", True),
    ("委员会建议国家走向新选举措施。", False),
])
def test_a_dictionary_note_naming_the_antonym_is_no_meaning(src, reversed_):
    # CC-CEDICT glosses 旧 'old; opposite: new 新': read as a meaning, 旧 said 'new' (session 58)
    tgt = "The commission recommended measures to move the country towards new elections."
    assert len(_antonyms(src, tgt, "zh", "en")) == int(reversed_)
