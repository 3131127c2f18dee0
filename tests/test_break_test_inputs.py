"""Bad input a fresh user's break test found (session 48, /tmp/bt48a): each
stopped a run with an internal error, changed text without a word, or
wrote output no JSON reader takes."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rumorlens import ingest
from rumorlens.cli import main
from rumorlens.mentions.dates import parse_iso

EN = ("The Shanghai municipal government announced on Tuesday that it will invest 300 million yuan next year "
      "in a new metro line. The project is expected to be completed in 2026.")
FR = ("Le gouvernement municipal de Shanghai a annoncé mardi qu'il investira 300 millions de yuans l'année "
      "prochaine dans une nouvelle ligne de métro.")
ZH = "上海市政府周二宣布，将在明年投入3亿元建设新的地铁线路。据报道，该项目预计将于2026年完工。"
SRC = Path(__file__).resolve().parents[1] / "src"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# ---------------------------------------------------------------- header metadata

@pytest.mark.parametrize("header", ["Date: 2023-02-30", "Date: 2024-13-45", "Date: 0000-01-01",
                                    "Date: 30 February 2023", "发布时间：2024年13月45日"])
def test_a_header_date_that_is_no_day_is_dropped_and_said(tmp_path, header):
    doc = ingest.load_file(write(tmp_path / "en.txt", f"{header}\n\n{EN}\n"), root=tmp_path)
    assert doc.date is None and "no real day" in doc.metadata["ingest_note"]


def test_parse_iso_of_a_day_the_calendar_lacks_is_none():
    assert parse_iso("2023-02-30") is None and parse_iso("0000-01-01") is None
    assert str(parse_iso("2024-02-29")) == "2024-02-29"


def test_front_matter_values_that_are_no_text(tmp_path):
    doc = ingest.load_file(write(tmp_path / "a.md", f"---\ntitle: 1984\nsource: {{a: b}}\n---\n{EN}\n"), root=tmp_path)
    assert doc.title == "1984" and doc.source is None
    assert "source in the header is a mapping, not text: not used" in doc.metadata["ingest_note"]
    doc = ingest.load_file(write(tmp_path / "b.md", f"---\ntitle: [a, b]\n---\n{EN}\n"), root=tmp_path)
    assert doc.title != ["a", "b"] and "title in the header is a list" in doc.metadata["ingest_note"]


def test_one_bad_yaml_date_keeps_the_other_keys(tmp_path):
    doc = ingest.load_file(write(tmp_path / "a.md", f"---\ntitle: Good title\nsource: https://x.org/a\n"
                                                    f"date: 2024-13-45\n---\n{EN}\n"), root=tmp_path)
    assert (doc.title, doc.source, doc.date) == ("Good title", "https://x.org/a", None)
    assert "no real day" in doc.metadata["ingest_note"]
    doc = ingest.load_file(write(tmp_path / "b.md", f"---\ndate: 2024-03-05\n---\n{EN}\n"), root=tmp_path)
    assert doc.date == "2024-03-05"


def test_align_runs_through_a_bad_date_and_a_numeric_title(tmp_path):
    corpus = tmp_path / "c"
    write(corpus / "en.md", f"---\ntitle: 12345\ndate: 2023-02-30\n---\n{EN}\n")
    write(corpus / "fr.txt", FR)
    out = tmp_path / "r.json"
    run = CliRunner().invoke(main, ["align", str(corpus), "-o", str(out), "--no-cache", "--jobs", "1"])
    assert run.exit_code == 0, run.output
    docs = {d["path"]: d for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    assert docs["en.md"]["title"] == "12345" and docs["en.md"]["date"] is None


# ---------------------------------------------------------------- bytes

def test_a_few_bytes_in_an_ascii_file_are_said(tmp_path):
    doc = ingest.load_file(write(tmp_path / "a.txt", EN.replace("Tuesday", "Tue").encode() + b"\xc0\xafsday."),
                           root=tmp_path)
    assert "ASCII but for 2 bytes" in doc.metadata["ingest_note"]


def test_a_utf8_french_line_with_one_bad_sequence_keeps_its_accents(tmp_path):
    data = FR.replace("qu'il", "qu'il\xc0").encode().replace("\xc0".encode(), b"\xc0\xaf")
    doc = ingest.load_file(write(tmp_path / "fr.txt", data), root=tmp_path)
    assert "annoncé" in doc.text and "métro" in doc.text and "Chinese" not in doc.metadata["ingest_note"]


def test_a_file_cut_inside_its_last_character(tmp_path):
    doc = ingest.load_file(write(tmp_path / "zh.txt", ZH.encode()[:-1]), root=tmp_path)
    assert doc.text.rstrip().endswith("完工") and "ends inside a character: 2 bytes dropped" in doc.metadata["ingest_note"]


def test_utf16_with_one_bad_unit_is_read_and_said(tmp_path):
    data = b"\xff\xfe" + ZH.encode("utf-16-le") + b"\x00"  # one byte too many: a cut copy
    doc = ingest.load_file(write(tmp_path / "zh.txt", data), root=tmp_path)
    assert ZH in doc.text and "1 undecodable unit replaced" in doc.metadata["ingest_note"]


def test_a_rumorlens_html_view_in_the_corpus_is_no_article(tmp_path):
    page = ("<!DOCTYPE html>\n<html><head><meta name=\"generator\" content=\"rumorlens\">"
            f"<title>x</title></head><body><p>{FR}</p></body></html>")
    with pytest.raises(ingest.SkipFile, match="rumorlens report"):
        ingest.load_file(write(tmp_path / "build" / "report.html", page), root=tmp_path)


# ---------------------------------------------------------------- options and streams

@pytest.mark.parametrize("value, said", [("nan", "not a finite number"), ("inf", "not a finite number"),
                                         ("1e-9", "less than one byte")])
def test_max_mb_must_be_a_finite_size(tmp_path, value, said):
    write(tmp_path / "c" / "a.txt", EN)
    run = CliRunner().invoke(main, ["ingest", str(tmp_path / "c"), "--max-mb", value])
    assert run.exit_code == 1 and said in run.output and "internal error" not in run.output


def _rumorlens(args, **kw):
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH") or str(SRC), RUMORLENS_CACHE=str(kw.pop("cache")))
    env.update(kw.pop("env", {}))
    return subprocess.run([sys.executable, "-m", "rumorlens", *args], env=env, timeout=600, **kw)


def test_mentions_on_a_terminal_that_is_not_utf8(tmp_path):
    run = _rumorlens(["mentions", "--text", "上海 3亿元", "--lang", "zh"], cache=tmp_path / "cache",
                     env={"PYTHONIOENCODING": "latin-1"}, capture_output=True)
    assert run.returncode == 0, run.stderr
    assert b"\\u4e0a\\u6d77" in run.stdout


def test_check_pairs_writes_its_results_when_stderr_is_full(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": 1, "src": "Il est venu.", "tgt": "He came."}\nnot json\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with open(os.devnull if not Path("/dev/full").exists() else "/dev/full", "w") as full:
        run = _rumorlens(["check-pairs", str(rows), "-o", str(out), "--model", "none"], cache=tmp_path / "cache",
                         stderr=full, stdout=subprocess.DEVNULL)
    assert run.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 2


# ---------------------------------------------------------------- check-pairs rows

def test_a_nan_id_is_a_row_error_and_the_output_stays_json(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": NaN, "src": "Il est venu.", "tgt": "He came."}\n'
                    '{"id": 2, "src": "Il est venu.", "tgt": "He came."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", str(out), "--model", "none"])
    assert run.exit_code == 0 and "NaN or Infinity" in run.output

    def refuse(name):
        raise ValueError(name)

    first, second = [json.loads(x, parse_constant=refuse) for x in out.read_text(encoding="utf-8").splitlines()]
    assert "NaN" in first["error"] and second["id"] == 2 and "error" not in second


def test_a_declared_language_the_text_contradicts_is_a_row_error(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": 1, "src": "About 1,500 people attended the rally in the city centre on Tuesday.",
                                "tgt": "Environ 1 500 personnes ont assisté au rassemblement mardi.",
                                "src_lang": "fr", "tgt_lang": "en"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", str(out), "--model", "none"])
    assert run.exit_code == 1 and "reads as 'en'" in out.read_text(encoding="utf-8")


def test_an_xliff_in_a_language_rumorlens_does_not_read_is_refused_row_by_row(tmp_path):
    pytest.importorskip("translate.storage.xliff")
    xlf = tmp_path / "de.xlf"
    xlf.write_text('<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                   '<file source-language="de-DE" target-language="en-US" datatype="plaintext" original="x">'
                   '<body><trans-unit id="1"><source>上海市政府周二宣布。</source><target>Shanghai said on Tuesday.'
                   '</target></trans-unit></body></file></xliff>', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(main, ["check-pairs", str(xlf), "-o", str(out), "--model", "none"])
    assert run.exit_code == 1 and "de-DE" in run.output


def test_an_empty_tbx_term_is_no_rendering(tmp_path):
    pytest.importorskip("translate.storage.tbx")
    from rumorlens.compare.terms import GlossaryError, read_tbx

    tbx = tmp_path / "g.tbx"
    tbx.write_text('<?xml version="1.0"?><martif type="TBX"><text><body><termEntry><langSet xml:lang="zh"><tig>'
                   '<term></term></tig></langSet><langSet xml:lang="en"><tig><term>tramway</term></tig></langSet>'
                   '</termEntry></body></text></martif>', encoding="utf-8")
    with pytest.raises(GlossaryError, match="empty glossary"):
        read_tbx(tbx)


# ---------------------------------------------------------------- long paragraphs

def test_span_index_answers_as_the_scans_did():
    from rumorlens.mentions import _Spans

    rng = random.Random(7)
    spans = [(a, a + rng.randint(0, 9)) for a in (rng.randint(0, 300) for _ in range(60))]
    index = _Spans(spans)
    for _ in range(400):
        s = rng.randint(0, 310)
        e = s + rng.randint(0, 12)
        assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)
        assert index.covers(s, e) == any(a < s and e <= b for a, b in spans)
        assert sorted(x[:2] for x in index.inside(s, e)) == sorted((a, b) for a, b in spans if s <= a and b <= e)


def test_a_direction_override_in_a_file_name_is_shown_escaped():
    """U+202E makes 'txt.exe.txt' show as a name ending '.exe'-reversed: the
    name is written with the character escaped, and a note says so."""
    shown, note = ingest.display_path("\u202etxt.exe.txt")
    assert shown == "\\u202etxt.exe.txt" and "direction" in note


def test_dash_is_no_output_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": 1, "src": "Il est venu.", "tgt": "He came."}\n', encoding="utf-8")
    run = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", "-", "--model", "none"])
    assert run.exit_code == 1 and "no file name" in run.output and not (tmp_path / "-").exists()


def test_a_report_of_a_newer_schema_is_read_with_a_warning(tmp_path, caplog):
    from rumorlens.cli.report_cmd import load_report

    path = tmp_path / "r.json"
    path.write_text(json.dumps({"schema_version": "99.0", "documents": [], "discrepancies": []}), encoding="utf-8")
    with caplog.at_level("WARNING", logger="rumorlens"):
        assert load_report(path)["schema_version"] == "99.0"
    assert "99.0" in caplog.text and "not one this rumorlens knows" in caplog.text
    caplog.clear()
    path.write_text(json.dumps({"schema_version": "1.2", "documents": [], "discrepancies": []}), encoding="utf-8")
    with caplog.at_level("WARNING", logger="rumorlens"):
        load_report(path)
    assert caplog.text == ""


@pytest.mark.parametrize("header", ["Date: 10000-01-01", "Date: 31/02/2024", "Date: 31.04.2024"])
def test_more_header_dates_that_are_no_day(tmp_path, header):
    """A second break test's variants (session 48): a five-digit year was read
    as the year 1000; day and month no order makes a day were kept as written."""
    doc = ingest.load_file(write(tmp_path / "en.txt", f"{header}\n\n{EN}\n"), root=tmp_path)
    assert doc.date is None and "no real day" in doc.metadata["ingest_note"]
    doc = ingest.load_file(write(tmp_path / "ok.txt", f"Date: 13/12/2024\n\n{EN}\n"), root=tmp_path)
    assert "no real day" not in (doc.metadata.get("ingest_note") or "")


def test_max_mb_beyond_any_file_is_refused(tmp_path):
    write(tmp_path / "c" / "a.txt", EN)
    run = CliRunner().invoke(main, ["ingest", str(tmp_path / "c"), "--max-mb", "1e308"])
    assert run.exit_code == 1 and "more than any file" in run.output


def test_an_integer_of_thousands_of_digits_is_that_row_s_error(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": ' + "9" * 5000 + ', "src": "Il est venu.", "tgt": "He came."}\n'
                    '{"id": 2, "src": "Il est venu.", "tgt": "He came."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", str(out), "--model", "none"])
    assert run.exit_code == 0 and "too long to read" in run.output
    assert [json.loads(x).get("id") for x in out.read_text(encoding="utf-8").splitlines()] == [None, 2]


def test_check_pairs_writes_its_results_with_stderr_closed(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": 1, "src": "Il est venu.", "tgt": "He came."}\nnot json\n{"src": "a", "tgt": "b"}\n',
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = _rumorlens(["check-pairs", str(rows), "-o", str(out), "--model", "none"], cache=tmp_path / "cache",
                     stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     preexec_fn=lambda: os.close(2))
    assert run.returncode == 0 and out.exists()


def test_a_capital_inside_a_word_starts_no_name():
    """'Phone' of 'iPhone' was taken for a capitalized name, 'misspelled'
    against the iPhone the Chinese names (a third break test, session 48)."""
    from compare_helpers import checked_findings

    from rumorlens.mentions.names import capitalized_run

    assert [m.group() for m in capitalized_run().finditer("Apple unveiled the iPhone and eBay Tools.")] \
        == ["Apple", "Tools."]
    assert checked_findings("苹果公司CEO Tim Cook在WWDC上发布了iPhone。", "Apple CEO Tim Cook unveiled the iPhone at WWDC.",
                            "zh", "en") == []


def test_a_company_title_after_an_article_is_no_name():
    from compare_helpers import checked_findings

    assert checked_findings("Le CEO a signé un big deal avec Apple.", "The CEO signed a big deal with Apple.",
                            "fr", "en") == []


def test_a_json_report_renamed_txt_in_the_corpus_is_no_article(tmp_path):
    report = {"alignment_groups": [], "discrepancies": [], "documents": [], "schema_version": "1.7"}
    with pytest.raises(ingest.SkipFile, match="rumorlens report"):
        ingest.load_file(write(tmp_path / "report.txt", json.dumps(report, indent=1, sort_keys=True)), root=tmp_path)


def test_a_glossary_term_of_punctuation_only_is_no_rendering(tmp_path):
    from rumorlens.compare.terms import read_glossary

    csv = tmp_path / "g.csv"
    csv.write_text("zh,fr,en\n。,tramway,tramway\n地铁,métro,subway\n", encoding="utf-8")
    terms = read_glossary(csv).terms
    assert [t.renderings.get("zh") for t in terms] == [None, ("地铁",)]
