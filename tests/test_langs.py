"""One home for language facts: the handled languages, the Han range and the
web-address patterns are written in rumorlens.langs and nowhere else in src/."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from rumorlens import langs

SRC = Path(__file__).resolve().parents[1] / "src" / "rumorlens"
HOME = SRC / "langs.py"


def _modules():
    return sorted(p for p in SRC.rglob("*.py") if p != HOME)


def _strings(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def _is_han(cp: int) -> bool:
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FFFF


# a range in a regex class, its ends written as characters or as \u / \U escapes
_END = r"(\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|[^\\\]])"
_RANGE = re.compile(_END + "-" + _END)


def _code_point(end: str) -> int:
    return int(end[2:], 16) if end.startswith("\\") else ord(end)


def han_ranges(text: str) -> list[str]:
    """Character ranges in ``text`` whose two ends are Han characters, and the
    bounds of the main Han block written out (U+4E00 is 一, so only its
    escaped form counts; U+9FFF is no character of any text)."""
    found = [m.group() for m in _RANGE.finditer(text)
             if _is_han(_code_point(m.group(1))) and _is_han(_code_point(m.group(2)))]
    found += re.findall(r"\\u4e00|\\u9fff|\u9fff", text, re.I)
    return found


URL_MARKS = ("://", "https?", "www\\.", "www.")


def language_lists(tree: ast.AST) -> list[int]:
    """Lines of tuple/list/set literals of two or more handled language codes,
    and of dict literals keyed by two or more of them."""
    handled = set(langs.HANDLED)
    out = []
    for node in ast.walk(tree):
        items = None
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = node.keys
        if not items or len(items) < 2:
            continue
        if all(isinstance(e, ast.Constant) and e.value in handled for e in items):
            out.append(node.lineno)
    return out


def test_the_detectors_see_what_they_look_for():
    assert han_ranges(r"[\u4e00-\u9fff]") and han_ranges("[\u3400-\u9fff]") and han_ranges('"\\u4e00" <= c')
    assert not han_ranges("[一二三四五六七八九十]") and not han_ranges("[A-Za-z0-9]")
    assert language_lists(ast.parse('x = ("zh", "fr", "en")\ny = {"fr": 1, "en": 2}')) == [1, 2]
    assert language_lists(ast.parse('x = ("zh",)\ny = {"fr": 1, "de": 2}')) == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_language_facts_live_in_langs(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = str(path.relative_to(SRC))
    assert not language_lists(tree), f"{where}: a list of handled languages (use rumorlens.langs)"
    for line, text in _strings(tree):
        assert not han_ranges(text), f"{where}:{line}: a Han range (use rumorlens.langs.HAN)"
        assert not any(mark in text for mark in URL_MARKS), f"{where}:{line}: a web-address pattern (use rumorlens.langs)"


def test_the_one_han_range_and_url_patterns():
    assert langs.is_han("中") and langs.is_han("\u3400") and langs.is_han("\U00020bb7") and not langs.is_han("a")
    assert langs.URL_RE.findall("see https://x.org/a) now") == ["https://x.org/a)"]
    assert langs.URL_IN_TEXT_RE.findall("见https://x.org/a）其中2024年") == ["https://x.org/a"]
    assert [m.group() for m in langs.URL_OR_TARGET_RE.finditer("![](img/1.png) www.a.fr")] == ["](img/1.png)",
                                                                                              "www.a.fr"]


def test_language_tags_are_read_by_their_primary_language():
    from rumorlens.langs import base_language

    assert [base_language(c) for c in ("fr-FR", "FR", "en_US", "zh-Hans-CN", "zh_TW", "fre", "zho", "en")] == \
        ["fr", "fr", "en", "zh", "zh", "fr", "zh", "en"]
    assert [base_language(c) for c in ("de-DE", "xx", "", None, "not a tag!")] == [None] * 5
