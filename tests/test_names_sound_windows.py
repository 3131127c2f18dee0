"""A name the gazetteer knows renders that name, not another by sound
(mentions.names._sound_windows, session 57)."""
import pytest

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.compare.sentence_pairs import _side  # noqa: E402
from rumorlens.mentions import extract_text  # noqa: E402
from rumorlens.mentions.names import person_support  # noqa: E402


def _support(name: str, chinese: str) -> float:
    return person_support(name, _side("src", chinese, "zh", extract_text(chinese, "zh")), "en")[0]


@pytest.mark.parametrize("name,chinese", [
    # 韩国 'Korea' read as Hanguo carried 'Han Duck-soo' at 1.0; 中国 carried 'Xi Jinping' at 0.75
    ("Han Duck-soo", "总理表示，日本和韩国将加强合作。"),
    ("Xi Jinping", "总书记多次强调，中国开放的大门不会关闭。"),
])
def test_a_gazetteer_name_does_not_carry_another_name_by_sound(name, chinese):
    assert _support(name, chinese) < 0.7


def test_a_transliterated_name_beside_a_gazetteer_name_still_carries_it():
    assert _support("Teresa Lopez", "特蕾莎·洛佩斯多次强调，中国开放的大门不会关闭。") >= 0.9


def _entity(text: str, lang: str):
    return next(m for m in extract_text(text, lang) if m.kind == "entity")


def test_a_known_chinese_place_is_no_person_by_sound():
    from rumorlens.mentions.entities import match_entities

    korea = _entity("韩国政府宣布了新的计划。", "zh")
    person = _entity("Prime Minister Han Duck-soo announced a new plan.", "en")
    assert (korea.type, person.type) == ("LOC", "PER")
    assert match_entities(korea, person).relation == "different"
