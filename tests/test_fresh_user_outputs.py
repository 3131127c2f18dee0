"""Output paths a fresh user's trial got wrong (30 November 2026): a report
written inside the corpus (read back as input on the next run), a path
under a FILE told "inside the corpus", a folder given as a file, a stage
writing over its own input.  Each command that writes refuses these before
any work, with one line naming the path and the reason."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rumorlens import pipeline
from rumorlens.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from test_robust import EN, FR, private_cache, write  # noqa: E402,F401  (private_cache: autouse fixture)


@pytest.fixture()
def no_analysis(monkeypatch):
    monkeypatch.setattr(pipeline, "run_all", lambda *a, **k: pytest.fail("the analysis ran"))


def _run(args: list[str]):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


@pytest.mark.parametrize("name", ["x.json", "build/report.json", "notes.csv", "view.html"])
def test_any_output_inside_the_corpus_is_refused(tmp_path, no_analysis, name):
    """-o corpus/x.json was accepted and the next run listed the report as a
    skipped file; --html inside the corpus was refused already: -o and
    --html now say the same, whatever the file's extension."""
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    for option in ("-o", "--html"):
        args = ["align", corpus, option, corpus / name] + (["-o", tmp_path / "r.json"] if option == "--html" else [])
        result = _run(args)
        assert result.exit_code == 1 and "inside the corpus" in result.output, result.output
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]  # nothing made in the corpus, no folder either
    # the pipeline's first stage too
    result = _run(["ingest", corpus, "-o", corpus / name])
    assert result.exit_code == 1 and "inside the corpus" in result.output, result.output
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]


def test_a_path_under_a_file_says_the_file_is_not_a_folder(tmp_path, no_analysis):
    """--html corpus/story.txt/v.html was told "inside the corpus": the
    reason is that story.txt is a file."""
    corpus = tmp_path / "corpus"
    story = write(corpus / "story.txt", EN)
    outside = write(tmp_path / "notes.txt", "notes")
    for parent in (story, outside):
        for option in ("-o", "--html"):
            extra = ["-o", tmp_path / "r.json"] if option == "--html" else []
            result = _run(["align", corpus, option, parent / "v.html"] + extra)
            assert result.exit_code == 1, result.output
            assert f"{parent.name} is a file, not a folder" in result.output, result.output
            assert "inside the corpus" not in result.output
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"documents": [], "discrepancies": [], "skipped": [], "groups": []}))
    for args in (["report", report, "--html", outside / "v.html"],
                 ["export", report, "--format", "csv", "-o", outside / "x.csv"]):
        result = _run(args)
        assert result.exit_code == 1 and "notes.txt is a file, not a folder" in result.output, (args, result.output)
    assert story.read_text() == EN and outside.read_text() == "notes"


def test_an_output_that_names_a_folder_is_refused(tmp_path, no_analysis):
    """``-o out/`` wrote a FILE named out (the separator was dropped)."""
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    for args in (["align", corpus, "-o", f"{tmp_path}/out/"],
                 ["align", corpus, "-o", tmp_path / "r.json", "--html", f"{tmp_path}/out/"]):
        result = _run(args)
        assert result.exit_code == 1 and "names a folder" in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_an_option_taken_as_a_file_name_is_refused(tmp_path, no_analysis):
    """`--html -q` wrote the page to a file named -q, and -q had no effect
    (a fresh user's trial, session 64); ./-q still names such a file."""
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    result = _run(["align", corpus, "-o", tmp_path / "r.json", "--html", "-q"])
    assert result.exit_code != 0 and "'-q' looks like an option" in result.output, result.output
    assert not (tmp_path / "-q").exists() and not (tmp_path / "r.json").exists()


def test_check_pairs_refuses_a_binary_file_once(tmp_path):
    """A binary file gave one 'not UTF-8' error per line before the summary
    (a fresh user's trial, session 64): one line now, naming the file."""
    rows = tmp_path / "rows.jsonl"
    rows.write_bytes(b"PK\x03\x04\x00\x00binary\n" * 40)
    result = _run(["check-pairs", rows, "-o", tmp_path / "out.jsonl"])
    assert result.exit_code == 1 and "is not text (it holds NUL bytes)" in result.output, result.output
    assert result.output.count("\n") <= 2 and not (tmp_path / "out.jsonl").exists()


def test_a_stage_does_not_write_over_its_own_input(tmp_path):
    """`rumorlens sentences docs.jsonl -o docs.jsonl` replaced the documents
    with sentences; `mentions --docs X -o X` the same."""
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    write(corpus / "b.txt", FR)
    docs = tmp_path / "b" / "docs.jsonl"
    assert _run(["ingest", corpus, "-o", docs]).exit_code == 0
    before = docs.read_bytes()
    for args in (["sentences", docs, "-o", docs], ["mentions", "--docs", docs, "-o", docs],
                 ["claims", "--docs", docs, "--sentences", docs, "-o", docs]):
        result = _run(args)
        assert result.exit_code == 1 and "it is the input file" in result.output, (args, result.output)
    assert docs.read_bytes() == before
    result = _run(["ingest", corpus, "-o", docs, "--skipped", docs])
    assert result.exit_code == 1 and "own path" in result.output, result.output


def test_input_paths_get_the_true_reason(tmp_path):
    """Inputs of the same kind: a folder given as a file was "unsupported
    extension (none)"; a path under a file was "not found"."""
    story = write(tmp_path / "story.txt", EN)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    cases = [(["mentions", tmp_path], "it is a folder, not a file"), (["mentions", folder], "it is a folder, not a file"),
             (["mentions", story / "a.txt"], "story.txt is a file, not a folder"),
             (["align", story / "corpus"], "story.txt is a file, not a folder"),
             # an article given as the corpus: the project's message, not click's "Directory ... is a file"
             (["align", story], "(give the folder that holds the articles)"),
             (["report", story / "r.json"], "story.txt is a file, not a folder"),
             (["export", story / "r.json", "--format", "csv"], "story.txt is a file, not a folder")]
    for args, reason in cases:
        result = _run(args)
        assert result.exit_code == 1 and reason in result.output, (args, result.output)
        assert "unsupported extension" not in result.output and "not found" not in result.output


def test_align_does_not_write_over_its_glossary_or_decisions(tmp_path, no_analysis):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    glossary = write(tmp_path / "terms.tsv", "zh\tfr\ten\n双子座\tGemini\tGemini\n")
    decisions = write(tmp_path / "d.decisions.jsonl", "")
    for option, path in (("-o", glossary), ("--html", glossary), ("-o", decisions)):
        extra = ["-o", tmp_path / "r.json"] if option == "--html" else []
        result = _run(["align", corpus, "--glossary", glossary, "--decisions", decisions, option, path] + extra)
        assert result.exit_code == 1 and "it is the input file" in result.output, result.output
    assert glossary.read_text().startswith("zh\tfr\ten") and decisions.read_text() == ""


def test_swapped_report_and_page_names_are_refused(tmp_path, no_analysis):
    """-o report.html --html report.json: the JSON under an .html name (a
    browser shows it as raw text) and the page under a .json name."""
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    for args, said in ((["-o", tmp_path / "r.html"], "the name says HTML"),
                       (["-o", tmp_path / "r.json", "--html", tmp_path / "v.json"], "the name says JSON")):
        result = _run(["align", corpus] + args)
        assert result.exit_code == 1 and said in result.output, result.output
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"documents": [], "discrepancies": [], "skipped": [], "groups": []}))
    result = _run(["report", report, "--html", tmp_path / "view.json"])
    assert result.exit_code == 1 and "the name says JSON" in result.output, result.output
    assert not (tmp_path / "view.json").exists() and not (tmp_path / "r.html").exists()


def test_a_folder_that_cannot_be_made_is_named(tmp_path, monkeypatch):
    """-o /proc/x/report.json said only "No such file or directory": the
    folder that could not be made is named."""
    import errno
    import os

    from rumorlens.errors import UserError
    from rumorlens.records import check_writable

    def refuse(self, *a, **k):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(UserError, match=r"cannot make its folder .*new \(Permission denied\)"):
        check_writable(tmp_path / "new" / "report.json", "the report")


def test_align_does_not_write_over_the_default_decisions_file(tmp_path, no_analysis):
    """Without --decisions, align reads CORPUS.decisions.jsonl (a reviewer's
    work from `rumorlens serve`): -o or --html on it replaced the decisions
    with the report or the page; it is an input like an explicit one."""
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    decisions = write(tmp_path / "corpus.decisions.jsonl", '{"fingerprint": "fp-1", "status": "false_alarm"}\n')
    for option in ("-o", "--html"):
        extra = ["-o", tmp_path / "r.json"] if option == "--html" else []
        result = _run(["align", corpus, option, decisions] + extra)
        assert result.exit_code == 1 and "it is the input file" in result.output, result.output
        assert str(decisions) in result.output
    assert decisions.read_text().startswith('{"fingerprint": "fp-1"')


def test_quiet_still_names_the_files_left_out(tmp_path, monkeypatch):
    """--quiet hid the skipped-file lines of align (a fresh user's trial,
    session 65: five files skipped, no word on stderr, exit 0): it keeps
    the progress quiet, never a warning."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "a.txt", EN)
    report = {"skipped": [{"path": "b.bin", "reason": "not text (binary data)"}], "documents": [], "groups": [],
              "pairs": [], "discrepancies": [], "summary": {"total": 0, "by_category": {}}}
    monkeypatch.setattr(pipeline, "run_all", lambda *a, **k: report)
    monkeypatch.setattr("rumorlens.cli.compare_cmd.write_report", lambda out, r: out.write_text("{}"), raising=False)
    result = _run(["align", corpus, "-o", tmp_path / "r.json", "-q"])
    assert "skipped b.bin: not text (binary data)" in result.output, result.output


def test_check_pairs_reads_the_rows_around_a_nul_line(tmp_path):
    """One line with a NUL byte made check-pairs refuse the whole file
    (a fresh user's trial, session 65): that line is its own error now."""
    rows = tmp_path / "rows.jsonl"
    good = json.dumps({"id": "a", "src": "Le ministre est arrivé.", "tgt": "The minister arrived.",
                       "src_lang": "fr", "tgt_lang": "en"})
    nul = b'{"id": "b", "src": "x\x00y"}'
    rows.write_bytes(b"\n".join([good.encode(), nul, good.replace('"a"', '"c"').encode()]) + b"\n")
    out = tmp_path / "out.jsonl"
    result = _run(["check-pairs", rows, "-o", out, "--model", "none"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in lines] == ["a", None, "c"] and "error" in lines[1] and "NUL" in lines[1]["error"]


@pytest.mark.parametrize("content", [b"Le ministre est arrive.\nIl a parle.\nFin.\n", b"\x81\x82 garbage\n" * 5])
def test_check_pairs_says_once_that_a_file_is_not_json_lines(tmp_path, content):
    """A text file given to check-pairs printed one 'not JSON' line per
    line (a fresh user's trial, session 65): one line now."""
    rows = tmp_path / "rows.txt"
    rows.write_bytes(content)
    result = _run(["check-pairs", rows, "-o", tmp_path / "out.jsonl"])
    assert result.exit_code == 1 and "is not JSON lines" in result.output, result.output
    assert result.output.count("\n") <= 2


def test_check_pairs_names_a_language_it_does_not_read(tmp_path):
    """check-pairs said 'detected: und-latn' where align names the language
    (a fresh user's trial, session 65)."""
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "de", "src": "Die Regierung hat am Dienstag beschlossen, die Steuern für kleine "
                                "und mittlere Unternehmen im kommenden Jahr deutlich zu senken.",
                                "tgt": "The government decided on Tuesday to cut taxes."}) + "\n", encoding="utf-8")
    result = _run(["check-pairs", rows, "-o", tmp_path / "out.jsonl", "--model", "none"])
    assert "'src' reads as German (de)" in result.output and "und-" not in result.output, result.output
