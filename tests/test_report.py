import json
from pathlib import Path

import jsonschema
import pytest
from compare_helpers import pair
from corpus_helpers import tiny_corpus

from rumorlens.compare.pair import make_finding
from rumorlens.records import Bead, DocGroup, Document, Evidence, PairAlignment, Sentence, Skipped
from rumorlens.report import build_report, render_report, write_report

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text())


def _inputs():
    a = Document(id="d1", path="seeds/a.txt", lang="zh", languages=["zh"], text="估值1570亿美元。", format="txt",
                 encoding="utf-8", title="A")
    b = Document(id="d2", path="seeds/b.txt", lang="en", languages=["en"], text="Valued at $150 billion.",
                 format="txt", encoding="utf-8")
    sa = [Sentence("d1:0", "d1", 0, 0, len(a.text), a.text, "zh")]
    sb = [Sentence("d2:0", "d2", 0, 0, len(b.text), b.text, "en")]
    p = pair(a.text, b.text, "zh", "en")
    f = make_finding(p, "number", "value_changed", "high", 0.8123456,
                     [Evidence("d1", a.path, 2, 10, a.text[2:10], 1.57e11),
                      Evidence("d2", b.path, 10, 22, b.text[10:22], 1.5e11)], "They differ.")
    f.docs = ["d1", "d2"]
    g = make_finding(p, "claim", "hedge_dropped", "low", 0.45, [Evidence("d2", b.path, 0, 6, b.text[0:6])], "x")
    pa = PairAlignment("d1", "d2", [Bead([0], [0], 0.712345678)], relation="translation", score=0.91)
    groups = [DocGroup("g1", ["d1", "d2"], "translation", 0.9)]
    return [b, a], [Skipped("x.bin", "binary")], groups, [pa], {"d1": sa, "d2": sb}, [f, g]


def test_report_validates_against_schema():
    report = build_report(*_inputs())
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["by_category"]["number"] == 1
    assert report["summary"]["by_severity"] == {"high": 1, "medium": 0, "low": 1}
    assert [d["path"] for d in report["documents"]] == ["seeds/a.txt", "seeds/b.txt"]
    assert report["pairs"][0]["beads"][0] == {"src": ["d1:0"], "tgt": ["d2:0"], "similarity": 0.7123}
    for f in report["discrepancies"]:
        texts = {d["id"]: d["text"] for d in report["documents"]}
        for e in f["evidence"]:
            assert texts[e["doc"]][e["start"]:e["end"]] == e["text"]


def test_schema_rejects_bad_finding():
    report = build_report(*_inputs())
    report["discrepancies"][0]["category"] = "vibes"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, SCHEMA)


def test_byte_identical_for_same_input(tmp_path):
    write_report(tmp_path / "r1.json", build_report(*_inputs()))
    docs, skipped, groups, pairs, sents, findings = _inputs()
    write_report(tmp_path / "r2.json", build_report(list(reversed(docs)), skipped, groups, pairs, sents, findings))
    assert (tmp_path / "r1.json").read_bytes() == (tmp_path / "r2.json").read_bytes()


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    write_report(out, build_report(*_inputs()))
    before = out.read_bytes()
    import os

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    from rumorlens.errors import UserError

    with pytest.raises(UserError, match=r"cannot write .*report\.json: disk full"):  # a plain message, exit 1
        write_report(out, {"schema_version": "1.0"})
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left behind
    assert render_report(json.loads(before)) == before.decode()


def _tiny_corpus(root: Path) -> Path:
    corpus = tiny_corpus(root)
    (corpus / "notes.bin").write_bytes(b"\x00\x01\x02binary")
    return corpus


def test_align_cli_end_to_end_is_byte_identical(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from rumorlens.cli import main

    monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / "cache"))
    corpus = _tiny_corpus(tmp_path)
    runner = CliRunner()
    r1 = runner.invoke(main, ["-q", "align", str(corpus), "-o", str(tmp_path / "r1.json")])
    assert r1.exit_code == 0, r1.output
    r2 = runner.invoke(main, ["-q", "align", str(corpus)])  # default: corpus/../build/report.json
    assert r2.exit_code == 0, r2.output
    out2 = tmp_path / "build" / "report.json"
    one = json.loads((tmp_path / "r1.json").read_text(encoding="utf-8"))
    assert one["triage"]["decisions"] == "corpus.decisions.jsonl"  # the name only: no folder
    assert (tmp_path / "r1.json").read_bytes() == out2.read_bytes()
    report = json.loads(out2.read_text(encoding="utf-8"))
    jsonschema.validate(report, SCHEMA)
    texts = {d["id"]: d["text"] for d in report["documents"]}
    for f in report["discrepancies"]:
        for e in f["evidence"]:
            assert texts[e["doc"]][e["start"]:e["end"]] == e["text"]
    assert any(s["path"] == "notes.bin" for s in report["skipped"])
    if report["pairs"]:  # the two versions were grouped and aligned
        kinds = {(f["category"], f["type"]) for f in report["discrepancies"]}
        assert ("claim", "hedge_dropped") in kinds or ("polarity", "negation_added") in kinds, kinds


def test_align_missing_corpus_is_a_user_error(tmp_path):
    from click.testing import CliRunner

    from rumorlens.cli import main

    res = CliRunner().invoke(main, ["align", str(tmp_path / "nope")])
    assert res.exit_code == 1 and "not found" in res.output
