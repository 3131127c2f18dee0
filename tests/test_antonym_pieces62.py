"""Session 62: a Chinese word CC-CEDICT lacks is read through its
dictionary pieces, and the start and the end of an event are opposites in
every part of speech (models/lexicons/opposites.json)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.compare.antonyms import check_antonyms
from rumorlens.lexicons.dictionaries import zh_glosses, zh_known, zh_pieces


def _antonyms(src, tgt, sl, tl):
    return [f for f in check_antonyms(pair(src, tgt, sl, tl)) if f.type == "antonym"]


def test_an_unknown_compound_is_its_pieces_and_a_lone_character_its_first_senses():
    assert not zh_known("小石壁")
    assert zh_pieces("小石壁") == ["小", "石", "壁"] and zh_pieces("石壁画") != ["石壁画"]
    # a modifier and the entry after it, not the longest entry first (大会 'assembly' + 场)
    assert zh_pieces("大会场") == ["大", "会场"] and zh_pieces("高强度") == ["高", "强度"]
    assert zh_pieces("花岗岩") == ["花岗岩"]  # an entry stays whole
    glosses = zh_glosses("小石壁")
    assert "small" in glosses and "wall" in glosses
    # a character's later senses are not read into a longer word: 小 is also 'young' (its 4th)
    assert "young" not in glosses and "young" in zh_glosses("小")


@pytest.mark.parametrize("src, tgt, sl, tl", [
    # the modifier of a compound LAC keeps whole (小石壁) turned round (DEMETR's source-side antonym row zh:90)
    ("这里有各式各样的花岗岩小石壁和峭壁。", "It has a variety of granite big walls and crags.", "zh", "en"),
    # start / finish, start / end: WordNet opposes begin/end and start/finish (noun) only
    ("Les trois candidats ont commencé à la quatrième, cinquième et sixième place.",
     "The three candidates finished in fourth, fifth, and sixth place.", "fr", "en"),
    ("En Grande-Bretagne, l'automne marque la fin de six longs mois sombres.",
     "In Britain autumn is the start of six long dark months.", "fr", "en"),
    ("The strike started on Monday.", "La grève s'est terminée lundi.", "en", "fr"),
    # the modifier of a compound the English writes with a hyphen (the hyphen's other part is the piece beside it)
    ("这是一个低风险的投资项目。", "This is a high-risk investment project.", "zh", "en"),
    ("活动在一个大会场举行。", "The event was held in a small venue.", "zh", "en"),
    # a verb's converse bears on its subject too ('the talks')
    ("谈判已经结束。", "The talks have started.", "zh", "en"),
    # a numeral-tagged quantity word (LAC m) is read: 多数 'majority'
    ("执政党也在议会选举中保持了多数席位。", "The ruling party also kept its minority in the elections.", "zh", "en"),
])
def test_a_reversed_piece_or_event_boundary_is_an_antonym(src, tgt, sl, tl):
    assert [f.type for f in _antonyms(src, tgt, sl, tl)] == ["antonym"]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("这里有各式各样的花岗岩大石壁和峭壁。", "It has a variety of granite big walls and crags.", "zh", "en"),
    ("这里有各式各样的花岗岩小石壁和峭壁。", "It has a variety of small granite walls and crags.", "zh", "en"),
    ("The race started at noon and finished at six.", "La course a commencé à midi et s'est terminée à six heures.",
     "en", "fr"),
    ("Les travaux ont commencé en mars.", "Work started in March.", "fr", "en"),
    ("这是一个低风险的投资项目。", "This is a low-risk investment project.", "zh", "en"),
    # a longer piece is a word of the compound, no modifier: 开工率 'operating rate' is no 'start'
    ("该厂开工率年底回升至七成。", "The plant's operating rate recovered to 70% by the end of the year.", "zh", "en"),
    # the end of one event and the start of the next (start / finish are converses: one reference only)
    ("工程完工后，新学校将于九月迎来首批学生。",
     "Once construction is done, the new school will start taking pupils in September.", "zh", "en"),
    ("Une fois les travaux achevés, l'école accueillera ses premiers élèves en septembre.",
     "Once the work is done, the school will start taking pupils in September.", "fr", "en"),
])
def test_the_same_piece_or_boundary_is_no_reversal(src, tgt, sl, tl):
    assert _antonyms(src, tgt, sl, tl) == []
