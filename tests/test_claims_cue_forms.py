"""A cue of the claims lexicon in the other forms it is written in
(session 56): an elided French last word (« il semble qu'il »), an English
contraction ("it's possible that"), a typographic apostrophe ('he’ll'), and
adverbs inside a cue of several words ('it is quite possible that').  The
sample corpus's « Il est même possible qu'OpenAI ne sorte jamais GPT-5 » was
read as a plain statement, and a hedge_dropped finding followed."""
from __future__ import annotations

import pytest

from rumorlens.claims import profile_text
from rumorlens.claims.lexicon import _variants
from rumorlens.spacy_models import straight_typography


def cues(text, lang):
    return [(c.kind, c.value, c.text) for c in profile_text(text, lang).cues]


@pytest.mark.parametrize("text, lang, cue", [
    # elided last word, in both apostrophes
    ("Il semble qu'il viendra demain.", "fr", ("hedge", "apparent", "Il semble qu'")),
    ("Il est possible qu’elle vienne demain.", "fr", ("hedge", "possible", "Il est possible qu’")),
    # contractions, and a typographic apostrophe
    ("It's possible that the plant closes next year.", "en", ("hedge", "possible", "It's possible that")),
    ("He’ll sign the contract on Monday.", "en", ("modal", "future", "’ll")),
    ("She’s going to sign the contract.", "en", ("modal", "future", "’s going to")),
    # adverbs inside a cue of several words
    ("It is quite possible that the plant closes next year.", "en",
     ("hedge", "possible", "It is quite possible that")),
    ("The plant is widely expected to close next year.", "en", ("modal", "future", "is widely expected to")),
    ("Il est même possible qu'OpenAI ne sorte jamais GPT-5.", "fr",
     ("hedge", "possible", "Il est même possible qu'")),
    ("Il est tout à fait possible que l'usine ferme.", "fr",
     ("hedge", "possible", "Il est tout à fait possible que")),
])
def test_a_cue_is_read_in_its_other_forms(text, lang, cue):
    assert cue in cues(text, lang)


@pytest.mark.parametrize("text, lang, cue", [
    ("The plant is widely thought to be closing.", "en", ("hedge", "reported", "is widely thought to")),
    ("There were reports that the plant was closing.", "en", ("hedge", "reported", "There were reports that")),
    ("L'usine risque de fermer l'année prochaine.", "fr", ("hedge", "possible", "risque de")),
    ("L'usine risque d'être fermée.", "fr", ("hedge", "possible", "risque d'")),
    ("Il n'est pas exclu que l'usine ferme.", "fr", ("hedge", "possible", "Il n'est pas exclu que")),
    ("工厂恐将关闭。", "zh", ("hedge", "probable", "恐将")),
])
def test_hedges_of_reports_and_risks(text, lang, cue):
    """Hedges a probe of common forms found unread (session 56)."""
    assert cue in cues(text, lang)


@pytest.mark.parametrize("text, lang, cue", [
    ("A handful of residents oppose the plan.", "en", ("quantifier", "few", "A handful of")),
    ("Countless residents oppose the plan.", "en", ("quantifier", "many", "Countless")),
    ("Une poignée d'habitants s'opposent au projet.", "fr", ("quantifier", "few", "Une poignée d'")),
    ("全体居民反对该计划。", "zh", ("quantifier", "universal", "全体")),
    ("不少居民反对该计划。", "zh", ("quantifier", "many", "不少")),
    ("The government has to act now.", "en", ("modal", "necessary", "has to")),
    ("The government ought to act now.", "en", ("modal", "necessary", "ought to")),
    ("Il faut que le gouvernement agisse.", "fr", ("modal", "necessary", "Il faut")),
    ("Le gouvernement est obligé d'agir.", "fr", ("modal", "necessary", "est obligé d'")),
    ("Le projet a manifestement échoué.", "fr", ("hedge", "certain", "manifestement")),
    ("该计划明显失败了。", "zh", ("hedge", "certain", "明显")),
])
def test_quantifiers_obligations_and_certainty(text, lang, cue):
    """Quantifiers, modals of obligation and adverbs of certainty a probe of
    common forms found unread (session 56)."""
    assert cue in cues(text, lang)


@pytest.mark.parametrize("text, lang, word", [
    ("The city has a lot to offer, and what it has to offer is unique.", "en", "has to"),
    ("The delay has to do with the weather.", "en", "has to"),
    ("这是一个明显的变化。", "zh", "明显"),  # an adjective before its noun, not an adverb of certainty
])
def test_look_alikes_are_no_cues(text, lang, word):
    assert word not in [c.text for c in profile_text(text, lang).cues]


@pytest.mark.parametrize("text, lang, value", [
    # a negation or a word that turns the cue down may not stand inside it
    ("It is hardly possible that the plant closes.", "en", "possible"),
    ("It is not possible that the plant closes.", "en", "possible"),
    ("Il n'est pas possible que l'usine ferme.", "fr", "possible"),
    ("Il est moins probable que l'usine ferme.", "fr", "probable"),
    ("The plant is no longer expected to close.", "en", "future"),
])
def test_no_cue_across_a_negation_or_a_lowering_word(text, lang, value):
    assert not any(c.text.casefold().startswith(("it is", "il est", "il n'est", "is no")) and c.value == value
                   for c in profile_text(text, lang).cues)


def test_variants_are_derived_from_the_last_word_and_the_contractions():
    assert _variants("il semble que", {"que": "qu'"}, {}) == ["il semble qu'"]
    assert _variants("que", {"que": "qu'"}, {}) == []  # a one-word cue: « que » alone is no cue form
    assert _variants("it is possible that", {}, {"it is": "it's"}) == ["it's possible that"]
    assert _variants("is not expected to", {}, {"it is": "it's"}) == []  # 'it is' as whole words only
    assert straight_typography("qu’il ʼa") == "qu'il 'a"


def test_a_gapped_cue_wins_over_its_own_word_read_alone():
    found = cues("Il est très probable que le match soit annulé.", "fr")
    assert ("hedge", "probable", "Il est très probable que") in found
    assert ("hedge", "probable", "probable") not in found


def test_an_intensified_impossibility_is_no_hedge():
    """'cannot possibly': an intensified negation (en.json not_cues)."""
    assert not any(c.kind == "hedge" for c in profile_text("He cannot possibly have survived.", "en").cues)


def test_a_negated_plan_noun_after_a_demonstrative_is_no_intention():
    assert not any(c.kind == "tense" for c in profile_text("这个计划耗资巨大。", "zh").cues)


def test_typographic_apostrophes_are_read_as_straight_ones_by_the_tagger():
    """The small French model tags « L’ » and « n’ » as proper nouns and the
    English one lemmatizes 'they’ve' as '’ve' (session 56): spaCy reads
    straight apostrophes, the tokens keep the text's own."""
    from rumorlens.claims.tokens import tokenize

    curly = tokenize("L’entreprise n’a pas fermé.", "fr")
    straight = tokenize("L'entreprise n'a pas fermé.", "fr")
    assert [(t.pos, t.lemma) for t in curly] == [(t.pos, t.lemma) for t in straight]
    assert curly[0].text == "L’"
    assert ("tense", "completed") in [(c.kind, c.value) for c in profile_text("They’ve had to cancel it.", "en").cues]
