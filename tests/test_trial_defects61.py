"""Defects a fresh user's trial of session 61 found (each with inputs of
its own): a French pronominal passé composé whose participle the tagger
calls an adjective was read as a present."""
from __future__ import annotations

import pytest

from rumorlens.claims import profile_text


def _tenses(text: str) -> list[tuple[str, str]]:
    return [(c.value, c.text) for c in profile_text(text, "fr").cues if c.kind == "tense"]


@pytest.mark.parametrize("text, said", [
    ("Certains habitants se sont plaints du bruit.", "sont plaints"),
    ("Les commerces se sont ouverts au public.", "sont ouverts"),
    ("Elles se sont réunies hier.", "sont réunies"),
])
def test_a_pronominal_passe_compose_is_told_as_done(text, said):
    assert ("completed", said) in _tenses(text)
    assert not any(v == "present" for v, _ in _tenses(text))


@pytest.mark.parametrize("text", ["Elle se sent fatiguée.", "Ils se sont inquiets.", "Le concert est ouvert."])
def test_a_present_with_an_adjective_stays_a_present(text):
    assert any(v == "present" for v, _ in _tenses(text))


@pytest.mark.parametrize("text, negated", [
    ("Selon des sources non confirmées, le site aurait fermé.", False),
    ("Un suspect non identifié a été arrêté.", False),
    ("Le rapport non officiel circule.", False),
    ("Je dis non au projet.", True),
    ("Elle a voté non aux réformes.", True),
    ("Non, il ne viendra pas.", True),
])
def test_non_written_apart_before_an_adjective_is_a_prefix(text, negated):
    """« des sources non confirmées » is 'unconfirmed sources' (a fresh
    user's trial: a high negation_added against 未经证实)."""
    from rumorlens.compare.cues import negations

    assert bool(negations(text, "fr")) is negated


def test_a_whole_translation_with_other_figures_is_a_version():
    """A version whose figures a rumour changed is still a version when its
    chain renders the whole text closely (grouping._whole_translation); a
    report of other events matched to a few topic neighbours is not."""
    from rumorlens.grouping import load_thresholds, version_link

    th = load_thresholds()
    ev = {"numbers": [1, 3], "ordered_pairs": 13, "shorter_units": 13, "density": 0.88, "coverage": 1.0,
          "mean_similarity": 0.88, "mutual_pairs": 13, "version_kind": "translation", "wording": None,
          "prose_units": [10, 10], "prose_coverage": [1.0, 1.0]}
    assert version_link(ev, 0.88, th) == (True, False)
    few = dict(ev, coverage=0.31, ordered_pairs=4, mutual_pairs=5, mean_similarity=0.78)
    assert version_link(few, 0.62, th)[1] is True


def test_a_bilingual_line_is_cut_where_the_script_changes():
    """An English sentence, then its Chinese translation, then a French one,
    on one line: three paragraphs in three languages (the whole line was
    Chinese, its English read by the Chinese name recogniser); a Latin name
    or a quotation inside Chinese stays Chinese."""
    from rumorlens.ingest import tag_paragraphs

    line = ("The prefect said about 1,200 residents were evacuated from three neighbourhoods. "
            "罗讷省省长表示，约1200名居民已从三个街区撤离。Le préfet a déclaré que les habitants ont été évacués.")
    assert [p.lang for p in tag_paragraphs(line)] == ["en", "zh", "fr"]
    for zh in ("OpenAI发布了GPT-4o. 这是一个新模型。", "他说：“We will win.” 然后离开了。",
               "由此可见。Sam Altman 在发文中指出“We’ll need to invest billions of dollars.”"):
        assert [p.lang for p in tag_paragraphs(zh)] == ["zh"]
