"""The sample corpus's report, as issue 16 wants it: every check on every
relation, evidence in both versions, findings across an article's versions,
the per-article view and the summary by pair."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from rumorlens import pipeline

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text())
FRENCH = "seeds/001_7a786c6a2075601a.txt"
TRANSCRIPT = "seeds/000_f7a0604eb51843c0.txt"
FULL = "extra/zh_romero_full_translation.md"


@pytest.fixture(scope="module")
def report(corpus_dir):
    return pipeline.run_all(corpus_dir)


@pytest.fixture(scope="module")
def ids(report):
    return {d["path"]: d["id"] for d in report["documents"]}


def test_report_follows_the_schema(report):
    jsonschema.validate(report, SCHEMA)
    assert report["schema_version"] == "1.8"


def test_every_pairwise_finding_cites_at_least_two_documents(report):
    pairwise = [f for f in report["discrepancies"] if len(f["docs"]) >= 2 and f["category"] != "conflict"]
    assert pairwise
    for f in pairwise:
        cited = {e["doc"] for e in f["evidence"]}
        assert len(cited) >= 2, (f["type"], f["explanation"])
        assert cited <= {d["id"] for d in report["documents"]}
    # content on one side only carries the place where it would have been
    one_sided = [f for f in pairwise if f["type"] in ("sentence_missing", "sentence_added")]
    assert one_sided and all(any(e["role"] == "gap" and e["start"] == e["end"] for e in f["evidence"])
                             for f in one_sided)


def test_the_transcript_pairs_are_checked_like_the_others(report, ids):
    t, f = ids[TRANSCRIPT], ids[FRENCH]
    between = [x for x in report["discrepancies"] if {t, f} <= set(x["docs"])]
    cats = {x["category"] for x in between}
    assert {"omission", "addition", "entity"} <= cats, cats
    # a condensing version is said to condense, with a lower weight, not silenced
    assert any("condenses" in x["explanation"] for x in between)


def test_the_french_false_friend_is_one_finding_across_the_three_versions(report, ids):
    odd = [f for f in report["discrepancies"] if f["type"] == "false_friend" and len(f["docs"]) == 3
           and f["docs"][-1] == ids[FRENCH]]
    assert odd, "no false friend naming the French as the odd one out"
    f = odd[0]
    assert {e["doc"] for e in f["evidence"]} == {ids[FULL], ids[TRANSCRIPT], ids[FRENCH]}
    assert f["explanation"].startswith("The French differs from")


def test_a_repeat_of_the_french_only_is_found_within_the_document(report, ids):
    reps = [f for f in report["discrepancies"] if f["type"] in ("repeated_passage", "garbled_repeat")
            and f["docs"][-1] == ids[FRENCH]]
    assert reps
    for f in reps:
        own = [e for e in f["evidence"] if e["role"] is None]
        assert len(own) == 2 and {e["doc"] for e in own} == {ids[FRENCH]}


def test_per_article_view_lists_the_findings_of_every_pair(report):
    known = {f["id"] for f in report["discrepancies"]}
    listed = [i for a in report["alignment_groups"] for i in a["findings"]]
    assert listed and set(listed) <= known
    by_row = {f"{a['group']}:{a['index']}": set(a["findings"]) for a in report["alignment_groups"]}
    for f in report["discrepancies"]:
        for row in f["passages"]:
            assert f["id"] in by_row[row]
    romero = next(g for g in report["groups"] if len(g["docs"]) == 3)
    rows_with_many = [a for a in report["alignment_groups"] if a["group"] == romero["id"]
                      and len({tuple(sorted(x for x in f["docs"])) for f in report["discrepancies"]
                               if f["id"] in a["findings"]}) >= 2]
    assert rows_with_many  # some passage carries the findings of more than one pair


def test_summary_counts_by_pair(report):
    s = report["summary"]
    assert sum(p["total"] for p in s["by_pair"]) == s["total"] == len(report["discrepancies"])
    assert all(p["docs"] == sorted(p["docs"]) for p in s["by_pair"])


def _outside_quotes(f: dict) -> str:
    """A finding's explanation without what it quotes (its evidence, file
    paths and anything between quotation marks)."""
    import re

    text = f["explanation"]
    for e in f["evidence"]:
        text = text.replace(e.get("path") or "", " ")
    return re.sub(r"'[^']*'|«[^»]*»|“[^”]*”", " ", text)


def test_no_explanation_names_a_thing_by_its_internal_key(report):
    """Explanations say "GPT-3", "ARR", never an entity key ("gpt3", "arr",
    "py:..."): the keys are every entity key (mentions.entities.entity_key)
    of the sentences the findings quote that differs from its name."""
    import re

    from rumorlens.mentions import extract_text
    from rumorlens.mentions.entities import entity_key

    keys = set()
    for f in report["discrepancies"]:
        for e in f["evidence"]:
            doc = next(d for d in report["documents"] if d["id"] == e["doc"])
            for m in extract_text(e["text"], doc["lang"]):
                if m.kind == "entity" and entity_key(m) != m.text:
                    keys.add(entity_key(m))
    assert "gpt3" in keys  # the sample's conflicts are about GPT-3
    for f in report["discrepancies"]:
        rest = _outside_quotes(f)
        leaked = [k for k in keys if re.search(r"(?<![\w./:-])" + re.escape(k) + r"(?![\w/]|[.:-]\w)", rest)]
        assert not leaked, (leaked, f["explanation"])


def test_a_one_sided_name_or_figure_quotes_the_name_and_shows_the_passage_as_context(report):
    """A name (or figure) missing from the other version is the finding's
    evidence with its own offsets; the other version's passage is context,
    not a second quotation of the finding."""
    one_sided = [f for f in report["discrepancies"]
                 if (f["category"], f["type"]) in (("entity", "missing"), ("entity", "added"))]
    assert one_sided
    texts = {d["id"]: d["text"] for d in report["documents"]}
    for f in one_sided:
        points = [e for e in f["evidence"] if e["role"] is None]
        assert points and all(e["role"] in (None, "context") for e in f["evidence"]), f["evidence"]
        for e in points:
            assert texts[e["doc"]][e["start"]:e["end"]] == e["text"] and len(e["text"]) < 40
