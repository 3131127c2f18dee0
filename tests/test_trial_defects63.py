"""Faults a helper's break test and a fresh user's trial found in session
63 (moved passages compared, /tmp/bt63 and /tmp/fresh63)."""
from __future__ import annotations

import pytest
from compare_helpers import checked_findings

from rumorlens.claims import profile_text


@pytest.mark.parametrize("text", [
    "Un responsable qui a requis l'anonymat a affirmé que le projet avait été abandonné.",
    "Un responsable, sous couvert d'anonymat, a affirmé que le projet avait été abandonné.",
    # after a frame, the source's word limit fell between « l' » and its noun (a helper's probe)
    "Selon un responsable qui a requis l'anonymat, le projet a été abandonné.",
])
def test_a_french_source_who_asked_for_anonymity_is_unnamed(text):
    """« l'anonymat » written against its elided article was no word of the
    source: the source read as named, and 'an official who asked not to be
    named' against it was a high attribution_changed in a fresh user's top five."""
    (c,) = [c for c in profile_text(text, "fr").cues if c.kind == "attribution"]
    assert c.value == "anonymous"
    assert [c.value for c in profile_text("L'agence a affirmé que le projet avait été abandonné.", "fr").cues
            if c.kind == "attribution"] == ["named"]


def test_an_unnamed_official_rendered_unnamed_is_no_attribution_change():
    fr = "Un responsable qui a requis l'anonymat a affirmé que le projet avait été abandonné."
    en = "An official who asked not to be named said the project had been dropped."
    assert not [f for f in checked_findings(fr, en, "fr", "en") if f["type"] == "attribution_changed"]


def _dated_pair(a, b, la, lb, ra, rb):
    from compare_helpers import pair
    from rumorlens.mentions import extract_text

    p = pair(a, b, la, lb, [m for m in extract_text(a, la, ref_date=ra) if m.kind == "date"],
             [m for m in extract_text(b, lb, ref_date=rb) if m.kind == "date"])
    p.src.anchor, p.tgt.anchor = ra, rb
    return p


def test_a_month_changed_in_versions_dated_apart_is_reported():
    """Versions dated two days apart: a date written with its month keeps it
    whatever the document's date (4月底 / 'the end of May' went unreported);
    a day written alone may still move with the anchor, and is left alone."""
    from rumorlens.compare.dates import check_dates

    zh = "该项目预计于4月底完工。"
    assert [f.type for f in check_dates(_dated_pair(zh, "The project should be finished by the end of May.",
                                                    "zh", "en", "2024-03-01", "2024-03-03"))] == ["date_changed"]
    assert check_dates(_dated_pair(zh, "The project should be finished by the end of April.",
                                   "zh", "en", "2024-03-01", "2024-03-03")) == []
    assert check_dates(_dated_pair("会议于22日举行。", "The meeting took place on Dec 23.",
                                   "zh", "en", "2024-12-23", "2024-12-24")) == []


def test_a_direction_changed_is_not_quoted_as_two_dates():
    """«dans un an et demi» (2026-06) against «一年半之后» (2024-12) read to a
    fresh user as a plain date error: a relative date read in another
    direction is quoted in its words, and the digest says what changed."""
    from rumorlens.digest import build_digest

    def report(type_):
        ev = [{"doc": "f", "path": "f.txt", "start": 3, "end": 21, "text": "dans un an et demi", "value": "2026-06",
               "role": None},
              {"doc": "t", "path": "t.txt", "start": 5, "end": 10, "text": "一年半之后", "value": "2024-12", "role": None}]
        f = {"id": "f-1", "category": "date", "type": type_, "severity": "high", "confidence": 0.8,
             "docs": ["f", "t"], "evidence": ev, "explanation": "x"}
        return {"documents": [{"id": "t", "path": "t.txt", "lang": "zh", "title": "T"},
                              {"id": "f", "path": "f.txt", "lang": "fr", "title": "F"}],
                "groups": [], "discrepancies": [f]}

    (article,) = build_digest(report("direction_changed"))
    sentence = article["top"][0]["sentence"]
    assert "2026" not in sentence and "2024" not in sentence and "direction in time changed" in sentence
    (article,) = build_digest(report("date_changed"))
    assert "(2026-06)" in article["top"][0]["sentence"] or "(2024-12)" in article["top"][0]["sentence"]


@pytest.mark.parametrize("text, lang, want", [
    ("Il est né en 1949.[3] Il a été élu en 2017.", "fr", ["Il est né en 1949.[3]", "Il a été élu en 2017."]),
    ("He was born in 1949.[3][n 4] He was elected in 2017.", "en",
     ["He was born in 1949.[3][n 4]", "He was elected in 2017."]),
    ("他出生于1949年。［3］他在2017年当选。", "zh", ["他出生于1949年。［3］", "他在2017年当选。"]),
    ("He said [1] it. Then he left.", "en", ["He said [1] it.", "Then he left."]),
])
def test_a_reference_marker_after_a_sentence_end_stays_with_its_sentence(text, lang, want):
    """A copied wiki page's note after a full stop glued the French and
    English sentences around it into one (no space after the stop), and
    opened the next Chinese sentence (a helper's break test, session 63)."""
    from rumorlens.segment import split_spans

    assert [text[a:b] for a, b in split_spans(text, lang)] == want
