"""Messages a fresh user's trial found awkward (30 November 2026): counts
said in the plural for one thing ("1 findings"), a corpus of one file."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from click.testing import CliRunner

from rumorlens.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from html_helpers import small_report  # noqa: E402
from test_robust import EN, private_cache, write  # noqa: E402,F401  (private_cache: autouse fixture)

# a count followed by a plural noun, for a count of one
ONE_PLURAL = re.compile(r"\b1 (finding|document|sentence|mention|group|aligned pair|pair|claim profile|file|row)s\b")


def _run(args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


def test_counts_of_one_are_singular(tmp_path):
    report = small_report()
    report["discrepancies"] = report["discrepancies"][:1]
    report.pop("summary", None)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    result = _run(["report", path, "--html", tmp_path / "r.html"])
    assert result.exit_code == 0 and "1 finding ->" in result.output, result.output
    assert not ONE_PLURAL.search(result.output), result.output
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", "One sentence only here.\n")
    docs = tmp_path / "b" / "docs.jsonl"
    outputs = []
    for args in (["ingest", corpus, "-o", docs], ["sentences", docs, "-o", tmp_path / "b" / "s.jsonl"]):
        result = _run(args)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert "1 document, 0 skipped" in outputs[0] and "1 sentence from 1 document" in outputs[1], outputs
    assert not any(ONE_PLURAL.search(o) for o in outputs), outputs


def test_a_corpus_of_one_file_says_two_are_needed_and_writes_a_valid_report(tmp_path):
    import jsonschema

    from rumorlens.cli import nothing_to_compare

    corpus = tmp_path / "corpus"
    write(corpus / "story.txt", EN)
    out = tmp_path / "report.json"
    result = _run(["align", corpus, "-o", out, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "at least two documents are needed to compare versions" in result.output, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(Path("schema/report.schema.json").read_text(encoding="utf-8")))
    assert [d["path"] for d in report["documents"]] == ["story.txt"] and report["discrepancies"] == []
    # documents of which no two are versions: said too; a group: nothing said
    assert "no two of the 3 documents" in nothing_to_compare(3, 0)
    assert nothing_to_compare(3, 1) is None and nothing_to_compare(0, 0) is None


def test_one_more_skipped_file_is_singular(capsys):
    from rumorlens.cli import echo_skipped

    echo_skipped([("a.bin", "binary"), ("b.bin", "binary")], limit=1)
    err = capsys.readouterr().err
    assert "... and 1 more skipped file (see" in err and not ONE_PLURAL.search(err), err


def test_the_summary_line_counts_identical_copies(capsys, tmp_path):
    """3 documents, 1 aligned pair: the third is a copy, which the summary
    says (the JSON's groups[].copies), as the HTML view does."""
    from rumorlens.cli.compare_cmd import echo_summary

    report = {"documents": [{"id": i, "path": i} for i in ("a", "b", "c")], "skipped": [], "pairs": [{}],
              "groups": [{"id": "g1", "docs": ["a", "b", "c"], "copies": {"c": "b"}}], "discrepancies": [],
              "summary": {"total": 0, "by_category": {}}, "suppressed": [{"id": "f-1"}]}
    echo_summary(report, tmp_path / "r.json", None)
    err = capsys.readouterr().err
    assert "3 documents (1 identical copy), 1 group, 1 aligned pair" in err, err
    assert "1 suppressed as a false alarm" in err, err


def test_align_names_a_decisions_file_given_but_absent(tmp_path, caplog):
    import logging

    from rumorlens.cli.compare_cmd import warn_missing_decisions

    missing = tmp_path / "my-decisions.jsonl"
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        warn_missing_decisions(missing)
        warn_missing_decisions(None)  # the default beside the corpus: absent is normal, nothing said
    assert [r.getMessage() for r in caplog.records] == [
        f"--decisions {missing}: no such file; no reviewer's decision applied"]
    missing.write_text("", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        warn_missing_decisions(missing)
    assert caplog.records == []


def test_align_warns_about_a_given_decisions_file_only_when_it_is_absent(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "story.txt", EN)  # one document: the run is short
    out = tmp_path / "report.json"
    quiet = _run(["align", corpus, "-o", out, "--jobs", "1"])  # the default beside the corpus is absent
    given = _run(["align", corpus, "-o", out, "--jobs", "1", "--decisions", tmp_path / "typo.jsonl"])
    assert quiet.exit_code == 0 and given.exit_code == 0, (quiet.output, given.output)
    assert "--decisions" not in quiet.output, quiet.output
    assert f"--decisions {tmp_path / 'typo.jsonl'}: no such file" in given.output, given.output


def test_documents_with_no_other_version_are_named_in_the_summary():
    from rumorlens.cli import left_alone

    docs = [{"id": k, "path": f"{k}.txt"} for k in ("a", "b", "c", "d")]
    report = {"documents": docs, "groups": [{"docs": ["a", "b"], "copies": {"c": "a"}}]}
    line = left_alone(report)
    assert line.startswith("1 document with no other version found") and "d.txt" in line and "a.txt" not in line
    report["groups"][0]["docs"] += ["d"]
    assert left_alone(report) is None  # every document has a version
    assert left_alone({"documents": docs, "groups": []}) is None  # nothing_to_compare says that case


def test_a_report_with_broken_records_is_refused_with_where(tmp_path):
    """A break test (session 41): a document's sentences edited into a
    string, or a null finding, gave an internal error half-way through."""
    for edit, where in ((lambda r: r["documents"][0].__setitem__("sentences", "x"), "documents/0/sentences"),
                        (lambda r: r["discrepancies"].append(None), "discrepancies/")):
        report = small_report()
        edit(report)
        path = tmp_path / "r.json"
        path.write_text(json.dumps(report), encoding="utf-8")
        result = _run(["report", path, "--html", tmp_path / "r.html"])
        assert result.exit_code == 1 and "is not a valid rumorlens report: at " + where in result.output, result.output
        assert "internal error" not in result.output


def test_a_language_code_that_contradicts_the_script_is_refused(tmp_path):
    rows = [{"id": 1, "src": "当地政府紧急转移了320名居民。", "tgt": "The local government evacuated 3,200 residents.",
             "src_lang": "en", "tgt_lang": "fr"},
            {"id": 2, "src": "当地政府紧急转移了320名居民。", "tgt": "The local government evacuated 3,200 residents.",
             "src_lang": "zh", "tgt_lang": "en"}]
    inp, out = tmp_path / "p.jsonl", tmp_path / "o.jsonl"
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = _run(["check-pairs", inp, "-o", out])
    assert result.exit_code == 0 and "p.jsonl:1: 'src_lang' is 'en' but 'src' is written in Chinese" in result.output
    first, second = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "error" in first and "error" not in second and second["findings"]


def test_an_html_page_takes_no_date_from_its_copyright_footer(tmp_path):
    from rumorlens.ingest import extract_html

    page = ("<html><head><title>Floods</title></head><body><article><h1>Floods in Hebei</h1><p>Heavy rain hit a "
            "county in Hebei on July 14, forcing 320 people from their homes.</p><p>Officials said no one was "
            "killed.</p></article><footer>© 2024 Example News. All rights reserved.</footer></body></html>")
    _, meta = extract_html(page)
    assert meta.get("date") is None
    dated = page.replace("<head>", '<head><meta property="article:published_time" content="2025-03-04T10:00:00Z">')
    assert extract_html(dated)[1].get("date", "").startswith("2025-03-04")
