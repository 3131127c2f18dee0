"""Session 62: a comma written apart before the year, as tokenized text has
it (Recognizers-Text's English date spec: 'Eli Lilly sold IVAC on Dec. 31 ,
1994' read the day without its year)."""
from __future__ import annotations

import pytest

from rumorlens.mentions import extract_text


def _dates(text):
    return [(m.text, m.value) for m in extract_text(text, "en", ref_date="2018-05-29") if m.kind == "date"]


@pytest.mark.parametrize("text, date", [
    ("Eli Lilly sold IVAC on Dec. 31 , 1994", ("Dec. 31 , 1994", "1994-12-31")),
    ("He left on 31 December , 1994.", ("31 December , 1994", "1994-12-31")),
    ("Eli Lilly sold IVAC on Dec. 31, 1994", ("Dec. 31, 1994", "1994-12-31")),
])
def test_a_day_and_its_year_across_a_detached_comma_are_one_date(text, date):
    assert _dates(text) == [date]


def test_a_count_after_the_comma_is_no_year():
    assert _dates("The vote on March 2 , 25 members abstained.") == [("March 2", "2018-03-02")]
