"""Functions fit on one screen: no function in src/ is longer than 80 lines
(the project's rule; long ones are split into named steps)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "rumorlens"
MAX_FUNCTION_LINES = 80


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_functions_fit_on_one_screen(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{f.name} ({f.end_lineno - f.lineno + 1} lines, line {f.lineno})" for f in _functions(tree)
            if f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{path.relative_to(SRC)}: longer than {MAX_FUNCTION_LINES} lines: {', '.join(long)}"


def test_the_length_is_measured_from_def_to_last_line():
    tree = ast.parse("def f():\n" + "    x = 1\n" * 80)
    (f,) = _functions(tree)
    assert f.end_lineno - f.lineno + 1 == 81
