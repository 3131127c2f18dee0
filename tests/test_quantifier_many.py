"""'Many' is a share of its own (« de nombreux », 许多), the French pronouns
« quelques-uns », « quelques-unes » say 'some', and two quantifiers that
bear on two groups are not one share changed (session 46, a source-side
break test and the sample corpus)."""
from __future__ import annotations

import pytest
from compare_helpers import checked_findings

from rumorlens.claims import profile_text


def _quantifiers(src, tgt, sl, tl, encoder=None):
    return [f for f in checked_findings(src, tgt, sl, tl, encoder=encoder) if f["type"] == "quantifier_changed"]


@pytest.fixture(scope="module")
def use_m3():
    from rumorlens.embed import get_encoder

    return get_encoder("use-m3")


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Toutefois, quelques-uns des panneaux sont uniquement en catalan.", "However, most signs are solely in Catalan.",
     "fr", "en"),
    ("Quelques rythmes observés dépendent de cycles endogènes.", "Many observed rhythms depend on endogenous cycles.",
     "fr", "en"),
    ("一些专家认为这项政策有效。", "Many experts believe the policy works.", "zh", "en"),
    ("De nombreux manifestants ont été arrêtés.", "Some protesters were arrested.", "fr", "en"),
])
def test_a_share_told_as_another_is_reported(src, tgt, sl, tl):
    assert len(_quantifiers(src, tgt, sl, tl)) == 1


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("De nombreux manifestants ont été arrêtés.", "Many protesters were arrested.", "fr", "en"),
    ("许多人在洪水中失去了家园。", "Many people lost their homes in the flood.", "zh", "en"),
])
def test_many_told_as_many_is_quiet(src, tgt, sl, tl):
    assert _quantifiers(src, tgt, sl, tl) == []


@pytest.mark.parametrize("text", ["As many as 20 people died in the fire.", "How many people died in the fire?"])
def test_a_bound_or_a_question_is_no_quantifier(text):
    assert [c for c in profile_text(text, "en").cues if c.kind == "quantifier"] == []


def test_two_quantifiers_of_two_groups_are_no_share_changed(use_m3):
    """大量数据 'a large amount of data' and 'some industry experts' (the
    sample corpus: seeds/003 against an English retelling)."""
    src = "每次训练都需要数月的时间来处理大量数据。"
    tgt = "Each run takes months to process the data, with some industry experts questioning the plan."
    assert _quantifiers(src, tgt, "zh", "en", encoder=use_m3) == []
    # the same quantifiers on one group are a share changed
    assert len(_quantifiers("大量专家质疑这个计划。", "Some experts question the plan.", "zh", "en", encoder=use_m3)) == 1


@pytest.mark.parametrize("src, tgt, changed", [
    ("许多医生说，所有病人都康复了。", "Many doctors said some patients recovered.", True),
    ("许多农民表示，一些官员参与了。", "Many farmers said all officials took part.", True),
    ("许多医生说，所有病人都康复了。", "Many doctors said all patients recovered.", False),
])
def test_two_quantifiers_a_side_are_paired_one_for_one(src, tgt, changed):
    """'many' on both sides pairs; the other quantifier is compared (a fresh
    helper's break test, session 46: adding 'many' had made these silent)."""
    assert bool(_quantifiers(src, tgt, "zh", "en")) is changed


def test_the_entity_check_does_not_report_a_country_the_dictionary_describes():
    """罗马 'Rome, capital of Italy': 'Rome, Italy' adds no name (a fresh
    helper's break test, session 46: medium 'added' on faithful pairs)."""
    from rumorlens.embed import get_encoder

    found = checked_findings("峰会在罗马举行。", "The summit was held in Rome, Italy.", "zh", "en", encoder=get_encoder())
    assert [f for f in found if f["category"] == "entity"] == []
