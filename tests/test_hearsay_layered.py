"""Hearsay laid over a source both versions name (据报道，他的研究表明 /
'His research showed'), and an unverified source left when the named
sources of both sides are paired one for one (网传，格里沃里认为 / 'The VNA
reports that Karasin believes'): session 46, from a source-side break test
where the attribution check compared sets of kinds and said nothing."""
from __future__ import annotations

import pytest
from compare_helpers import profiled

from rumorlens.compare.claims import check_attribution, check_certainty


@pytest.mark.parametrize("src, tgt, sl", [
    ("网传，卫生部长多次强调，医院不会关闭。", "The health minister has stressed many times that hospitals will not close.", "zh"),
    ("Selon des rumeurs, le ministre pense que la réforme échouera.", "The minister thinks the reform will fail.", "fr"),
    ("Selon certaines sources, je pense que l'armée a besoin d'un autre téléphone.",
     "I think the army needs another phone.", "fr"),
])
def test_hearsay_over_a_source_both_name_is_reported(src, tgt, sl):
    (f,) = check_certainty(profiled(src, tgt, sl, "en"))
    assert f.type == "hedge_dropped" and f.severity == "medium"


def test_an_english_conditional_answers_no_chinese_hearsay():
    """'it would speed up' is an if-clause, not the journalistic conditional."""
    (f,) = check_certainty(profiled("据报道，他的研究表明，施用激素可加速胎肺的成熟。",
                                    "His research showed that if a hormone was administered it would speed up lung maturation.",
                                    "zh", "en"))
    assert f.type == "hedge_dropped"


def test_hearsay_for_a_source_the_other_names_is_an_attribution_change():
    p = profiled("据网传，格里沃里认为，越南25年来为东盟的发展作出巨大贡献。",
                 "The Vietnam News Agency (VNA) reports that Grigory Karasin believes Vietnam has contributed heavily "
                 "to ASEAN's development over the past 25 years.", "zh", "en")
    (f,) = check_attribution(p)
    assert f.type == "attribution_changed" and f.severity == "high"
    assert check_certainty(p) == []  # the hearsay stands for the agency: not hearsay laid over a shared source


@pytest.mark.parametrize("src, tgt, sl", [
    # reports on both sides
    ("据报道，卫生部长表示，医院不会关闭。", "The health minister reportedly said hospitals will not close.", "zh"),
    # 'reports' against an agency that reports: a report either way
    ("据报道，格里沃里认为，越南为东盟的发展作出巨大贡献。",
     "The Vietnam News Agency reports that Grigory Karasin believes Vietnam has contributed heavily to ASEAN.", "zh"),
])
def test_hearsay_on_both_sides_or_for_a_report_is_quiet(src, tgt, sl):
    p = profiled(src, tgt, sl, "en")
    assert check_certainty(p) == [] and check_attribution(p) == []
