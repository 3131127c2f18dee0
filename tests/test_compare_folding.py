"""The folding that finds a passage written again in its document
(compare.omission._folded): the fast lookup against its definition."""
from __future__ import annotations

import random
from array import array

import pytest

from rumorlens.compare.omission import _folded, _folded_plain

# ranges with accents, ligatures and signs folding to several characters
# (ﬁ, ½, ß, №), Han, punctuation, digits, a lone surrogate, an astral letter
_RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x215F), (0x3000, 0x303F), (0x4E00, 0x4E80), (0xFB00, 0xFB06),
           (0xD800, 0xD805), (0x1D400, 0x1D420), (0xFDFA, 0xFDFB)]


def _random_text(rng: random.Random) -> str:
    return "".join(chr(rng.randint(*rng.choice(_RANGES))) for _ in range(rng.randint(0, 60)))


@pytest.mark.parametrize("text", ["", "a", "%% —", "État, ETAT", "95 %", "ﬁn ½ № ß", "名字。", "\ud800x",
                                  "ﷺ", "𝐀b"])
def test_folding_equals_its_definition_on_edge_cases(text):
    got, want = _folded(text), _folded_plain(text)
    assert got == want
    assert isinstance(got[1], array) and got[1].typecode == "l"


def test_folding_equals_its_definition_on_random_texts():
    rng = random.Random(7)
    several = 0
    for _ in range(400):
        text = _random_text(rng)
        got, want = _folded(text), _folded_plain(text)
        assert got == want, text
        several += len(want[0]) > len(set(want[1]))  # some character folded to several
    assert several > 0
