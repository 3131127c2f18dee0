"""Quotations of speech in a text: the marks (models/lexicons/segment.json
``quotation_marks``: “ ” « » 「 」 『 』 and the straight double quote, which
opens and closes in turn) and the spans they enclose."""
from __future__ import annotations

import functools
import re

from .paths import models_dir, read_values


@functools.lru_cache(maxsize=1)
def quotation_marks() -> dict[str, str]:
    """Opening mark -> closing mark."""
    return dict(read_values(models_dir() / "lexicons" / "segment.json")["quotation_marks"])


@functools.lru_cache(maxsize=1)
def _mark_re() -> re.Pattern:
    marks = quotation_marks()
    return re.compile("[" + re.escape("".join(sorted(set(marks) | set(marks.values())))) + "]")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed quotation of ``text``, its marks
    included, in order; a mark that does not close is left out, and a
    quotation inside another is part of the outer one."""
    marks = quotation_marks()
    out: list[tuple[int, int]] = []
    opened: list[tuple[str, int]] = []
    for m in _mark_re().finditer(text):
        ch = m.group()
        if opened and ch == marks[opened[-1][0]]:
            _, start = opened.pop()
            if not opened:
                out.append((start, m.end()))
        elif ch in marks:
            opened.append((ch, m.start()))
    return out
