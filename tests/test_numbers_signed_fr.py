"""French « moins » before its numeral is a minus sign (numbers.json negative_before)."""
from __future__ import annotations

import pytest

from rumorlens.mentions import extract_text


@pytest.mark.parametrize("text, value", [
    ("Les soldats s'entraînent par moins vingt degrés.", -20),
    ("Il faisait moins 5 °C ce matin.", -5),
    ("Il y a au moins 5 morts.", 5),
    ("Moins de 5 personnes sont venues.", 5),
])
def test_moins_before_a_numeral(text, value):
    (m,) = [m for m in extract_text(text, "fr") if m.kind == "number"]
    assert m.value == value
