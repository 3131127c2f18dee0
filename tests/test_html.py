"""The HTML view (rumorlens.html.render_html) and ``rumorlens report``."""
import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from html_helpers import SCRIPT, ZH, corpus_report, small_report

from rumorlens.cli import main
from rumorlens.html import render_html

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text())
VOID = {"meta", "link", "br", "input", "img", "hr", "wbr", "source", "area", "base", "col", "embed", "param",
        "track"}


class _Collect(HTMLParser):
    """Every element matching ``pred(tag, attrs)``, with its text content."""

    def __init__(self, pred):
        super().__init__(convert_charrefs=True)
        self.pred, self.stack, self.found = pred, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        rec = [tag, a, []] if self.pred(tag, a) else None
        if rec is not None:
            self.found.append(rec)
        self.stack.append((tag, rec))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for _, rec in self.stack:
            if rec is not None:
                rec[2].append(data)


def collect(page: str, pred) -> list[tuple[str, dict, str]]:
    p = _Collect(pred)
    p.feed(page)
    p.close()
    return [(t, a, "".join(txt)) for t, a, txt in p.found]


def has_class(name):
    return lambda tag, a: name in (a.get("class") or "").split()


def marked_text(page: str) -> dict[str, str]:
    """Text highlighted for each evidence "k:j" (segments concatenated)."""
    out: dict[str, str] = {}
    for _, a, text in collect(page, lambda t, a: t == "mark" and "ev" in (a.get("class") or "").split()):
        for key in a["data-e"].split():
            out[key] = out.get(key, "") + text
    return out


def check_evidence_marked(report: dict, page: str) -> None:
    texts = {d["id"]: d["text"] for d in report["documents"]}
    marked = marked_text(page)
    for k, f in enumerate(report["discrepancies"]):
        for j, e in enumerate(f["evidence"]):
            assert marked.get(f"{k}:{j}") == texts[e["doc"]][e["start"]:e["end"]], (k, j, e)


@pytest.fixture(scope="module")
def small():
    return small_report()


@pytest.fixture(scope="module")
def small_page(small):
    return render_html(small)


def test_test_reports_follow_the_schema(small):
    jsonschema.validate(small, SCHEMA)
    jsonschema.validate(small_report(with_alignment_groups=False), SCHEMA)


def test_page_is_self_contained_utf8(small_page):
    assert small_page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in small_page
    # No external resources: no src attributes, no stylesheet links; the CSP forbids fetching anyway.
    assert " src=" not in small_page
    assert 'rel="stylesheet"' not in small_page
    assert "default-src 'none'" in small_page
    small_page.encode("utf-8")  # no lone surrogates


def test_texts_are_escaped(small_page):
    # The <script> inside the Chinese text, a skipped path and an explanation:
    # shown as text, never as markup.  Only the page's own scripts remain:
    # its code and its JSON data blocks, each opened once.
    assert SCRIPT not in small_page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in small_page
    opened = re.findall(r"<script[^>]*>", small_page)
    assert len(opened) == small_page.count("</script>")
    assert all(o == "<script>" or re.fullmatch(r'<script type="application/json" id="rl-[a-z]+">', o) for o in opened)
    ids = re.findall(r'<script type="application/json" id="(rl-[a-z]+)">', small_page)
    assert "rl-findings" in ids and len(ids) == len(set(ids))
    assert "Titre &lt;b&gt;gras&lt;/b&gt;" in small_page
    assert 'href="https://example.org/a?x=1&amp;y=&lt;2&gt;"' in small_page
    data = small_page.split('<script type="application/json" id="rl-findings">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data
    findings = json.loads(data)
    assert findings[3]["explanation"].endswith(SCRIPT)


def test_highlights_sit_at_code_point_offsets(small, small_page):
    # ZH starts with two astral characters (𠮷, 😀): UTF-16 slicing would shift every mark by 2.
    assert ord(ZH[0]) > 0xFFFF and ord(ZH[4]) > 0xFFFF
    check_evidence_marked(small, small_page)
    marked = marked_text(small_page)
    assert marked["0:0"] == "1570亿美元"
    assert marked["2:0"] == "没有"
    assert marked["2:1"] == "« oui » & plus"


def test_overlapping_evidence_is_split_into_segments(small_page):
    marks = collect(small_page, lambda t, a: t == "mark" and "ev" in (a.get("class") or "").split())
    both = [(a, text) for _, a, text in marks if a["data-f"] == "0 1"]
    assert [text for _, text in both] == ["美元"]
    a = both[0][0]
    assert "sev-high" in a["class"] and "cat-entity" in a["class"] and "cat-number" in a["class"]
    assert "157 billion" in a["title"] and "Currency name" in a["title"]


def test_passage_evidence_is_underlined_not_painted(small_page):
    classes = {a["data-f"]: a["class"].split() for _, a, _ in
               collect(small_page, lambda t, a: t == "mark" and "ev" in (a.get("class") or "").split())}
    assert "wide" in classes["3"]  # the omitted sentence
    assert "wide" not in classes["0"] and "wide" not in classes["0 1"]  # the number


def test_counts_match_the_report(small, small_page):
    cells = {a["data-count"]: int(text) for _, a, text in collect(small_page, lambda t, a: "data-count" in a)}
    s = small["summary"]
    assert cells["total"] == cells["all"] == s["total"] == 5
    for c, n in s["by_category"].items():
        assert cells[f"cat:{c}"] == n
    for sev, n in s["by_severity"].items():
        assert cells[f"sev:{sev}"] == n
    assert cells["cell:number:high"] == 1 and cells["cell:entity:medium"] == 1 and cells["cell:date:low"] == 0
    assert cells["documents"] == 3 and cells["groups"] == 2 and cells["skipped"] == 1


def test_counts_are_the_summary_the_report_carries():
    """A complete summary is shown as it is (the view does not count again);
    without one the view counts the findings the same way."""
    from rumorlens.report import summarize
    from types import SimpleNamespace

    r = small_report()
    s = summarize(SimpleNamespace(**f) for f in r["discrepancies"])
    s["by_category"]["number"] += 5
    s["by_category_severity"]["number"]["high"] += 5
    s["total"] += 5
    r["summary"] = s
    cells = {a["data-count"]: int(text) for _, a, text in collect(render_html(r), lambda t, a: "data-count" in a)}
    assert cells["cat:number"] == s["by_category"]["number"] and cells["cell:number:high"] == 6
    assert cells["total"] == cells["all"] == 10
    del r["summary"]
    cells = {a["data-count"]: int(text) for _, a, text in collect(render_html(r), lambda t, a: "data-count" in a)}
    assert cells["total"] == 5 and cells["cell:number:high"] == 1


def test_findings_list_keeps_report_order(small, small_page):
    rows = collect(small_page, lambda t, a: t == "div" and "f" in (a.get("class") or "").split())
    assert [a["data-id"] for _, a, _ in rows] == [f["id"] for f in small["discrepancies"]]
    assert [a["data-cat"] for _, a, _ in rows] == [f["category"] for f in small["discrepancies"]]
    assert [a["data-sev"] for _, a, _ in rows] == [f["severity"] for f in small["discrepancies"]]


def test_conflict_quotes_both_sides(small_page):
    arts = collect(small_page, lambda t, a: t == "article" and "conflict" in (a.get("class") or ""))
    assert len(arts) == 1
    quotes = collect(small_page, lambda t, a: t == "mark" and a.get("class") == "q")
    assert [q for _, _, q in quotes] == ["$157 billion", "150 milliards de dollars"]
    blocks = [(a.get("lang"), text) for _, a, text in collect(small_page, lambda t, a: t == "blockquote")]
    assert blocks == [("en", "Valued at $157 billion by 2024."), ("fr", "Le prix est de 150 milliards de dollars.")]


def _rows(page: str) -> list[list[str]]:
    """Sentence ids (s<doc>-<i>) per aligned row, in page order."""
    out = []
    for _, a, _ in collect(page, lambda t, a: t == "div" and "row" in (a.get("class") or "").split()):
        out.append(a["id"])
    spans = collect(page, lambda t, a: t in ("div", "span") and (
        "row" in (a.get("class") or "").split() or "s" in (a.get("class") or "").split()))
    rows: list[list[str]] = []
    for t, a, _ in spans:
        if t == "div":
            rows.append([a["id"]])
        else:
            rows[-1].append(a["id"])
    return rows


def test_rows_follow_alignment_groups_or_beads(small, small_page):
    # zh is document 2, fr document 1, en document 0 (report order).
    expected = [["r0-0", "s2-0", "s1-0"], ["r0-1", "s2-1", "s1-1"], ["r0-2", "s2-2"], ["r0-3", "s1-2"],
                ["r1-0", "s0-0"], ["r1-1", "s0-1"]]
    assert _rows(small_page) == expected
    # Without alignment groups the rows come from the pairwise beads: same passages, same order.
    assert _rows(render_html(small_report(with_alignment_groups=False))) == expected


def test_sentences_keep_their_language(small_page):
    cells = collect(small_page, lambda t, a: t == "div" and "c" in (a.get("class") or "").split())
    assert {a["lang"] for _, a, _ in cells} == {"zh", "fr", "en"}
    zh_cells = [text for _, a, text in cells if a["lang"] == "zh"]
    assert any("𠮷野家的😀价格是1570亿美元。" in t for t in zh_cells)


def test_output_is_deterministic(small):
    a = render_html(small)
    b = render_html(json.loads(json.dumps(small, ensure_ascii=False)))
    assert a == b
    assert a.encode("utf-8") == render_html(copy.deepcopy(small)).encode("utf-8")


def test_awkward_reports_still_render():
    r = small_report()
    # A document with no sentences, evidence of zero length and past the end, an unknown document.
    del r["documents"][0]["sentences"]
    r["discrepancies"].append({"id": "f-000000000001", "category": "date", "type": "shifted", "severity": "low",
                               "confidence": 0.3, "explanation": "edge",
                               "evidence": [{"doc": "en", "path": "extra/en.txt", "start": 5, "end": 5, "text": ""},
                                            {"doc": "fr", "path": "seeds/fr.txt", "start": 80, "end": 999,
                                             "text": ""},
                                            {"doc": "nope", "path": "x", "start": 0, "end": 1, "text": "?"}]})
    page = render_html(r)
    marked = marked_text(page)
    assert marked["5:0"] == r["documents"][0]["text"][5:6]
    assert marked["5:1"] == r["documents"][1]["text"][80:]
    assert "5:2" not in marked
    assert render_html({"documents": [], "discrepancies": []}).startswith("<!DOCTYPE html>")


def test_corpus_sized_report(corpus_dir):
    report = corpus_report(corpus_dir)
    jsonschema.validate(report, SCHEMA)
    page = render_html(report)
    check_evidence_marked(report, page)
    # Every sentence of every document is on the page, in its own span.
    spans = {a["id"]: text for _, a, text in collect(page, lambda t, a: t == "span" and a.get("class") == "s")}
    for o, d in enumerate(report["documents"]):
        for i, s in enumerate(d["sentences"]):
            assert d["text"][s["start"]:s["end"]] in spans[f"s{o}-{i}"]
    assert "content-visibility:auto" in page


def test_report_command(tmp_path, small):
    src = tmp_path / "report.json"
    src.write_text(json.dumps(small, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out" / "view.html"
    res = CliRunner().invoke(main, ["--quiet", "report", str(src), "--html", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8") == render_html(small)
    res = CliRunner().invoke(main, ["--quiet", "report", str(src)])
    assert res.exit_code == 0 and (tmp_path / "report.html").is_file()


def test_report_command_errors(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["report", str(tmp_path / "missing.json")])
    assert res.exit_code == 1 and "report not found" in res.output and "Traceback" not in res.output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    res = runner.invoke(main, ["report", str(bad)])
    assert res.exit_code == 1 and "not valid JSON" in res.output
    bad.write_text("[]", encoding="utf-8")
    res = runner.invoke(main, ["report", str(bad)])
    assert res.exit_code == 1 and "not a rumorlens report" in res.output
    res = runner.invoke(main, ["report", "--help"])
    assert res.exit_code == 0 and "rumorlens report build/report.json --html build/report.html" in res.output


def test_gap_evidence_is_a_caret_where_the_content_would_be(small):
    report = copy.deepcopy(small)
    fr = next(d for d in report["documents"] if d["id"] == "fr")
    at = fr["text"].index("Il a dit")
    report["discrepancies"].append(
        {"id": "f-0000000000aa", "category": "omission", "type": "sentence_missing", "severity": "medium",
         "confidence": 0.5, "explanation": "Left out.", "docs": ["zh", "fr"], "bead": 1,
         "evidence": [{"doc": "zh", "path": "seeds/zh.txt", "start": 0, "end": 4, "text": ZH[:4]},
                      {"doc": "fr", "path": "seeds/fr.txt", "start": at, "end": at, "text": "", "role": "gap"},
                      {"doc": "fr", "path": "seeds/fr.txt", "start": 0, "end": at + 8, "text": fr["text"][:at + 8],
                       "role": "context"}]})
    page = render_html(report)
    k = len(report["discrepancies"]) - 1
    marks = [m for m in page.split("<mark ")[1:] if f'data-e="{k}:1"' in m]
    assert len(marks) == 1 and 'class="ev gap' in marks[0] and "⁁</mark>" in marks[0]
    assert not any(f'data-e="{k}:2"' in m for m in page.split("<mark ")[1:])
    # the caret sits right before the sentence it precedes; the context is listed, not painted
    assert page.index(marks[0][:60]) < page.index(">Il a dit", page.index('id="views"'))
    assert "(around it)" in page


def test_findings_filter_by_minimum_severity_and_pair(small_page):
    assert 'id="f-min"' in small_page and 'id="f-pair"' in small_page
    assert 'data-docs="|zh|fr|"' in small_page
    assert '<option value="fr|zh">seeds/fr.txt ↔ seeds/zh.txt' in small_page


def test_finding_types_read_as_words(small, small_page):
    """The findings table shows "number missing", not the report's key
    number_missing, which stays in data-type and the title for filters."""
    types = {f["type"] for f in small["discrepancies"] if "_" in f["type"]}
    assert types
    for t in types:
        assert f'data-type="{t}"' in small_page
        assert f'title="{t}">{t.replace("_", " ")}</span>' in small_page
        assert f'class="type">{t}<' not in small_page


def _with_copy(report: dict) -> dict:
    """``report`` with an identical copy of its Chinese document, grouped as
    the grouping stage groups copies (``groups[].copies``; never aligned)."""
    report = copy.deepcopy(report)
    zh = next(d for d in report["documents"] if d["id"] == "zh")
    dup = copy.deepcopy(zh)
    dup.update(id="zhcopy", path="seeds/zh_copy.txt")
    dup["sentences"] = [{**s, "id": s["id"].replace("zh:", "zhcopy:")} for s in dup["sentences"]]
    report["documents"].append(dup)
    g1 = report["groups"][0]
    g1["docs"] = g1["docs"] + ["zhcopy"]
    g1["copies"] = {"zhcopy": "zh"}
    return report


@pytest.mark.parametrize("with_groups", [True, False])
def test_identical_copy_is_shown_as_a_copy_not_as_an_unmatched_version(with_groups):
    # A copy is not aligned (the JSON's groups[].copies): as a column of its
    # own, every one of its rows read as unmatched (a fresh user's trial).
    plain = small_report(with_alignment_groups=with_groups)
    report = _with_copy(plain)
    jsonschema.validate(report, json.loads(Path("schema/report.schema.json").read_text(encoding="utf-8")))
    page = render_html(report)
    assert _rows(page) == _rows(render_html(plain))  # the same rows, no column for the copy (ordinal 3)
    assert not any(a.get("id", "").startswith("s3-")
                   for _, a, _ in collect(page, lambda t, a: t == "span"))
    notes = [text for _, _, text in collect(page, lambda t, a: t == "p" and a.get("class") == "copies")]
    assert len(notes) == 1 and "seeds/zh_copy.txt is an identical copy of seeds/zh.txt" in notes[0]
    assert "identical copy of seeds/zh.txt" in page.split('<table class="docs">')[1].split("</table>")[0]


def test_a_report_of_one_document_says_two_are_needed():
    report = small_report()
    report["documents"] = [d for d in report["documents"] if d["id"] == "en"]
    report["groups"], report["pairs"], report["discrepancies"] = [], [], []
    report.pop("alignment_groups", None)
    report.pop("summary", None)
    assert "at least two documents are needed to compare versions" in render_html(report)
    assert "at least two documents are needed" not in render_html(small_report())
