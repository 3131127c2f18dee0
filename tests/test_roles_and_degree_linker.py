"""Session 38: the role one party plays for another told as another role
(models/compare/roles.tsv; compare.roles), and Chinese 很 as the linker of
an adjective predicate (models/claims/zh.json: weak).  Sentences of the
tests' own."""
from __future__ import annotations

import pytest
from compare_helpers import finding_kinds

from rumorlens.compare.roles import role_table


_types = finding_kinds


def test_every_role_row_has_three_languages_and_a_name():
    for term in role_table().terms:
        assert set(term.renderings) == {"zh", "fr", "en"} and term.domain


def test_no_rendering_is_in_two_rows():
    seen = {}
    for term in role_table().terms:
        for lang, words in term.renderings.items():
            for w in words:
                assert (lang, w) not in seen, (lang, w, seen.get((lang, w)))
                seen[lang, w] = term.domain


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("三家银行是这家电厂的股东。", "The three banks are the owners of the power plant.", "zh", "en"),
    ("La coopérative est un fournisseur de la chaîne.", "The cooperative is a customer of the chain.", "fr", "en"),
    ("The clinic is a subsidiary of the hospital group.", "该诊所是这家医院集团的合作伙伴。", "en", "zh"),
    ("Le cabinet est un conseiller du ministère.", "The firm is an employee of the ministry.", "fr", "en"),
])
def test_a_role_told_as_another_is_found(src, tgt, sl, tl):
    assert ("claim", "medium", "role_changed") in _types(src, tgt, sl, tl)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("三家银行是这家电厂的股东。", "The three banks are shareholders in the power plant.", "zh", "en"),
    ("La coopérative est un fournisseur de la chaîne.", "The cooperative is a supplier to the chain.", "fr", "en"),
    # a role added or dropped is no change of role
    ("The bank, the port's partner and main lender, approved the loan.", "该银行是港口的主要贷款方，批准了贷款。", "en", "zh"),
    ("The port signed a deal.", "港口的合作伙伴签署了协议。", "en", "zh"),
])
def test_the_same_role_or_a_role_on_one_side_only_is_quiet(src, tgt, sl, tl):
    assert "role_changed" not in [t for _, _, t in _types(src, tgt, sl, tl)]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("这些数据很有用。", "Ces données sont utiles.", "zh", "fr"),
    ("他的中文说得很好。", "His Chinese is good.", "zh", "en"),
])
def test_chinese_hen_alone_is_no_change_of_degree(src, tgt, sl, tl):
    assert "degree_changed" not in [t for _, _, t in _types(src, tgt, sl, tl)]


def test_hen_still_answers_very_and_very_alone_still_counts():
    assert "degree_changed" not in [t for _, _, t in _types("这些数据很有用。", "These data are very useful.", "zh", "en")]
    assert "degree_changed" in [t for _, _, t in _types("这些数据有用。", "These data are extremely useful.", "zh", "en")]


def test_hen_inside_a_word_of_lac_still_answers_very():
    # LAC reads 很重要 as one word: 很 is a prefix that answers 'very', « très »
    assert "degree_changed" not in [t for _, _, t in _types("市长说，这个项目很重要。",
                                                           "The mayor said the project was very important.", "zh", "en")]
    assert "degree_changed" not in [t for _, _, t in _types("这个问题很复杂。", "Ce problème est très complexe.", "zh", "fr")]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("She served as an adviser to the minister.", "Elle était une employée du ministre.", "en", "fr"),
    ("La société est une cliente fidèle du groupe.", "The company is a loyal supplier to the group.", "fr", "en"),
])
def test_a_french_feminine_role_is_a_role(src, tgt, sl, tl):
    assert ("claim", "medium", "role_changed") in _types(src, tgt, sl, tl)
