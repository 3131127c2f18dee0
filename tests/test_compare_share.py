"""A part of a group told as the whole group (compare.share): 'some
participants' / « certains participants » / 部分参与者 against 'Participants'
(session 41's trial; session 42)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.share import check_share


def claim_pair(src, tgt, sl, tl, sim=None):
    p = pair(src, tgt, sl, tl)
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    p.phrase_similarity = sim
    return p


@pytest.mark.parametrize("src, tgt, sl, tl, noun", [
    ("Certains participants ont signalé des maux de tête.", "Participants reported headaches.", "fr", "en", "Participants"),
    ("部分参与者表示出现头痛。", "Participants reported headaches.", "zh", "en", "Participants"),
    ("Most economists expect a recession.", "Les économistes prévoient une récession.", "en", "fr", "économistes"),
    ("一些专家认为经济将放缓。", "Experts believe the economy will slow.", "zh", "en", "Experts"),
    ("Some residents were evacuated.", "居民被疏散。", "en", "zh", "居民"),
    ("Some industry experts questioned the plan.", "Industry experts questioned the plan.", "en", "en", "experts"),
])
def test_a_share_told_as_the_whole_group(src, tgt, sl, tl, noun):
    (f,) = check_share(claim_pair(src, tgt, sl, tl))
    assert (f.category, f.type, f.severity) == ("claim", "quantifier_dropped", "medium")
    assert noun in f.explanation
    # the other way round, the target narrows the claim: low
    (g,) = check_share(claim_pair(tgt, src, tl, sl))
    assert (g.type, g.severity) == ("quantifier_added", "low")


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Des participants ont signalé des maux de tête.", "Some participants reported headaches.", "fr", "en"),
    ("Most economists expect a recession.", "La plupart des économistes prévoient une récession.", "en", "fr"),
    ("Some 300 people attended.", "Environ 300 personnes étaient présentes.", "en", "fr"),
    ("一些专家认为经济将放缓。", "Many experts believe the economy will slow.", "zh", "en"),
    ("Some residents were evacuated.", "数百名居民被疏散。", "en", "zh"),
    ("Some residents were evacuated.", "部分居民被疏散。", "en", "zh"),
    ("The talks have gone on for some time.", "Les discussions durent depuis un certain temps.", "en", "fr"),
    ("Le modèle peut servir 300 millions de personnes à peu de frais.", "The model can serve 300 million people at "
     "low cost.", "fr", "en"),  # 'few' is no share
    ("Severe weather can be of several kinds.", "Le mauvais temps peut être de différentes sortes.", "en", "fr"),
    ("Most important, the company said it would hire.", "Surtout, l'entreprise a déclaré qu'elle embaucherait.", "en", "fr"),
])
def test_a_share_kept_or_said_otherwise_is_quiet(src, tgt, sl, tl):
    assert check_share(claim_pair(src, tgt, sl, tl)) == []


def test_the_encoder_ties_nouns_the_dictionaries_do_not():
    src, tgt = "Certains enquêteurs ont découvert des cristaux.", "The researchers discovered crystals."
    assert check_share(claim_pair(src, tgt, "fr", "en")) == []  # FreeDict: enquêteur is no researcher
    close = {("enquêteurs", "researchers"): 0.74}
    sim = lambda a, b: close.get((a, b), 0.2)  # noqa: E731
    (f,) = check_share(claim_pair(src, tgt, "fr", "en", sim))
    assert f.type == "quantifier_dropped" and "researchers" in f.explanation
    # a noun no closer than count_words_min_similarity is no counterpart
    assert check_share(claim_pair(src, tgt, "fr", "en", lambda a, b: 0.3)) == []
