"""Defects a fresh user's trial found with hostile input (30 November 2026),
each built on the spot: output paths that are devices or articles, a YAML
alias bomb in front matter, a PDF decompression bomb, damaged cached
vectors, deeply nested or empty check-pairs rows, terminal escapes in
article text, and formulas in exported spreadsheets."""
from __future__ import annotations

import csv
import io
import os
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from rumorlens import formats, ingest, pipeline
from rumorlens.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from test_robust import EN, FR, private_cache, write  # noqa: E402,F401  (private_cache: autouse fixture)


def _no_analysis(monkeypatch):
    monkeypatch.setattr(pipeline, "run_all", lambda *a, **k: pytest.fail("the analysis ran"))


def test_an_output_path_that_is_a_pipe_or_a_link_is_refused_and_left_alone(tmp_path, monkeypatch):
    _no_analysis(monkeypatch)
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.json"
    link.symlink_to(write(tmp_path / "elsewhere.txt", "keep me"))
    for out in (fifo, link):
        result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert "not a regular file" in result.output and "Traceback" not in result.output
    assert fifo.is_fifo() and link.is_symlink() and (tmp_path / "elsewhere.txt").read_text() == "keep me"


def test_an_output_path_that_is_an_article_of_the_corpus_is_refused(tmp_path, monkeypatch):
    _no_analysis(monkeypatch)
    corpus = tmp_path / "corpus"
    article = write(corpus / "story.txt", EN)
    result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(article)])
    assert result.exit_code == 1 and "is an article of the corpus" in result.output, result.output
    assert article.read_text() == EN


def test_an_html_view_over_an_article_or_inside_the_corpus_is_refused(tmp_path, monkeypatch):
    """--html corpus/fr.txt replaced the French article with the view (a
    trial's data loss); --html corpus/view.html was read back as an article
    on the next run.  Both are refused before any analysis."""
    _no_analysis(monkeypatch)
    corpus = tmp_path / "corpus"
    article = write(corpus / "story.txt", EN)
    out = tmp_path / "report.json"
    for html, reason in ((article, "is an article of the corpus"), (corpus / "view.html", "read it as an article")):
        result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(out), "--html", str(html)])
        assert result.exit_code == 1 and reason in result.output and "HTML view" in result.output, result.output
    assert article.read_text() == EN and not (corpus / "view.html").exists()


def test_yaml_aliases_in_front_matter_are_not_expanded(tmp_path):
    bomb = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    # four levels (6,561 values) so that the test can fail without the fix;
    # the trial's nine levels would expand to 387 million
    for prev, name in zip("abc", "bcd"):
        bomb.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    bomb += ["title: *d", "---", "", EN]
    text, meta = ingest.split_front_matter("\n".join(bomb) + "\n")
    assert text.strip() == EN
    assert "title" not in meta and "alias" in meta["ingest_note"]
    # plain front matter is still read
    _, meta = ingest.split_front_matter("---\ntitle: Orion\ndate: 2024-12-21\n---\n\n" + EN)
    assert meta["title"] == "Orion" and meta["date"] == "2024-12-21" and "ingest_note" not in meta


def test_a_pdf_decompression_bomb_is_skipped_not_fatal(monkeypatch):
    from pypdf.errors import LimitReachedError

    def boom(*a, **k):
        raise LimitReachedError("Limit reached while decompressing")

    monkeypatch.setattr(formats, "_page_texts", boom)
    from pypdf import PdfWriter

    writer, buf = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(buf)
    pdf = buf.getvalue()
    with pytest.raises(formats.FormatSkip, match="LimitReachedError"):
        formats.read_pdf(pdf)


def test_damaged_vectors_in_the_embedding_cache_are_encoded_again(tmp_path):
    from rumorlens.embed import CachedEncoder

    class Fixed:
        name, dim = "fixed", 4

        def encode(self, texts):
            return np.array([[float(len(t)), 1.0, 2.0, 3.0] for t in texts], dtype="float32")

    first = CachedEncoder(Fixed(), tmp_path).encode(["alpha", "beta"])
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as db:
        assert db.execute("UPDATE embeddings SET vec = substr(vec, 1, 10)").rowcount == 2
    again = CachedEncoder(Fixed(), tmp_path)
    assert np.array_equal(first, again.encode(["alpha", "beta"])) and again.misses == 2


def test_check_pairs_rows_nested_too_deep_or_empty_are_row_errors(tmp_path):
    rows = write(tmp_path / "rows.jsonl", "[" * 100_000 + "\n" + '{"id": 2, "src": "", "tgt": "He has 4 cats."}\n'
                 + '{"id": 3, "src": "Il a 3 chats.", "tgt": "He has 4 cats."}\n')
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", str(out), "--model", "none", "--quiet"])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 3
    assert "nested too deeply" in lines[0] and "empty 'src'" in lines[1] and "KeyError" not in out.read_text()


def test_terminal_escapes_in_article_text_are_shown_not_obeyed():
    from rumorlens.digest import _printable

    line = _printable("says «\x1b]52;c;ZWNobyBwd25lZA==\x07» and \x9b31m")
    assert "\x1b" not in line and "\x07" not in line and "\x9b" not in line
    assert "\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in line


def test_exported_cells_that_start_like_formulas_stay_text(tmp_path):
    from openpyxl import load_workbook

    from rumorlens import export

    evil = '=HYPERLINK("http://evil.example/x","click")'
    table = [{k: (evil if k == "source_text" else "-5%" if k == "target_text" else "x") for k, _h in export.COLUMNS}]
    export.write(tmp_path / "f.csv", "csv", table)
    with open(tmp_path / "f.csv", encoding="utf-8-sig", newline="") as fh:
        row = list(csv.DictReader(fh))[0]
    header = dict(export.COLUMNS)
    assert row[header["source_text"]] == "'" + evil and row[header["target_text"]] == "-5%"
    export.write(tmp_path / "f.xlsx", "xlsx", table)
    cells = [c for c in load_workbook(tmp_path / "f.xlsx").active[2]]
    assert any(c.value == evil and c.data_type == "s" for c in cells)


def test_check_pairs_refuses_to_write_over_its_input(tmp_path):
    rows = write(tmp_path / "rows.jsonl", '{"id": 1, "src": "Il a 3 chats.", "tgt": "He has 4 cats."}\n')
    before = rows.read_bytes()
    result = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", str(rows), "--model", "none"])
    assert result.exit_code == 1 and "it is the input file" in result.output, result.output
    assert rows.read_bytes() == before


def test_an_html_view_on_the_report_path_is_refused(tmp_path, monkeypatch):
    """-o x.json --html x.json wrote the page over the report (a trial's
    silent loss of the JSON): refused before any analysis."""
    _no_analysis(monkeypatch)
    corpus = tmp_path / "corpus"
    write(corpus / "story.txt", EN)
    out = tmp_path / "same.json"
    result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(out), "--html", str(out)])
    assert result.exit_code == 1 and "report's own path" in result.output, result.output
    assert not out.exists()


def test_check_pairs_a_side_of_invisible_characters_is_empty(tmp_path):
    """A side of nothing but an ideographic space and a byte-order mark (a
    session 52 break test: it was checked, and gave hedge_added)."""
    rows = write(tmp_path / "rows.jsonl", '{"id": 1, "src": "\\u3000\\ufeff\\u200b", "tgt": "He may have 4 cats."}\n')
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", str(out), "--model", "none", "--quiet"])
    assert result.exit_code == 1, result.output  # every row failed
    (line,) = out.read_text().splitlines()
    assert "empty 'src'" in line and '"findings": []' in line
