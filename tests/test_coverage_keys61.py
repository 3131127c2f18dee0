"""Which words a dictionary covers (compare.coverage, test 1): a word's
WordNet synonyms meet only the other side's content words, and one word
renders one word (session 61: a dropped noun stayed covered by such
readings and went unreported); a name's gloss still covers the description
a translation spells out."""
from __future__ import annotations

from compare_helpers import pair
from rumorlens.compare.coverage import _untested


def _by_dictionary(src: str, sl: str, tgt: str, tl: str, side: str = "tgt") -> dict[str, bool]:
    """Each candidate word of ``side`` -> whether test 1 covers it."""
    p = pair(src, tgt, sl, tl)
    mine, other = (p.tgt, p.src) if side == "tgt" else (p.src, p.tgt)
    cands, found, _ = _untested(mine, other, True)
    return {w.text: k in found for k, w in enumerate(cands)}


def test_a_synonym_does_not_meet_a_function_word():
    # 'statement' -> WordNet 'command' <- 将 'will; to command'; 'cases' -> 'besides' <- 此外
    got = _by_dictionary("该国将接管看守任务。", "zh", "The statement said the country will take over guard duties.", "en")
    assert got["statement"] is False and got["country"] is True
    got = _by_dictionary("此外，大阪新增141例。", "zh", "Besides, Osaka added 141 new cases.", "en")
    assert got["cases"] is False


def test_a_names_gloss_covers_the_description_a_translation_spells_out():
    # CC-CEDICT: 默克尔 'Angela Merkel (1954-), German CDU politician, chancellor from 2005'
    got = _by_dictionary("默克尔呼吁欧洲团结。", "zh", "The German chancellor called for European unity.", "en")
    assert got["German"] is True
    # 美联储 'Federal Reserve (US central bank)'
    got = _by_dictionary("美联储周三宣布加息。", "zh", "The US central bank raised interest rates on Wednesday.", "en")
    assert got["central"] is True and got["bank"] is True


def test_a_synonym_does_not_take_a_word_another_word_renders():
    fr_one = "Les cycles observés dépendent des horloges biologiques."
    # 'rhythm' and 'cycle' are WordNet synonyms: « cycles » renders 'cycles', not also 'rhythms'
    got = _by_dictionary(fr_one, "fr", "The rhythms and cycles observed depend on biological clocks.", "en")
    assert got["rhythms"] is False and got["cycles"] is True
    # alone, the synonym is how the translator rendered it
    got = _by_dictionary(fr_one, "fr", "The rhythms observed depend on biological clocks.", "en")
    assert got["rhythms"] is True
    got = _by_dictionary("Les rythmes et les cycles observés dépendent des horloges.", "fr",
                         "The rhythms and cycles observed depend on clocks.", "en")
    assert got["rhythms"] is True and got["cycles"] is True


def test_a_light_verb_still_renders_its_synonyms():
    # 保持 'to keep; to maintain' is a stop word of the coverage candidates, yet a verb it renders
    got = _by_dictionary("执政党在选举中保持了多数席位。", "zh", "The ruling party retained a majority in the elections.", "en")
    assert got["retained"] is True


def test_a_synonym_meets_a_key_no_other_word_has():
    # 大雪 'Great Snow' (a solar term's gloss): 'snow' renders it, and 'heavy' meets its 'great'
    got = _by_dictionary("大雪导致航班延误。", "zh", "Heavy snow delayed flights.", "en")
    assert got["Heavy"] is True and got["snow"] is True


def test_a_chinese_adverb_of_two_characters_renders_its_synonyms():
    # 陆续 'successively; bit by bit' renders 'gradually' (WordNet: 'bit by bit')
    got = _by_dictionary("居民们陆续返回家园。", "zh", "Residents gradually returned to their homes.", "en")
    assert got["gradually"] is True


def test_an_english_words_synonym_of_another_class_is_another_sense():
    # the noun 'report' is an 'account'; « croit » is glossed 'to account' (a verb)
    fr = "Si l'on en croit les chiffres publiés hier, les ventes ont baissé."
    got = _by_dictionary(fr, "fr", "If we believe the report published yesterday, sales fell.", "en")
    assert got["report"] is False and got["believe"] is True
