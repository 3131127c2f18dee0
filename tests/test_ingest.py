"""Ingestion: formats, encodings, metadata, languages, and bad input."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from rumorlens import ingest
from rumorlens.cli import main
from rumorlens.errors import UserError
from rumorlens.records import Document, read_jsonl, write_jsonl

ZH = "OpenAI 的 GPT-5 项目研发进度已落后于预定计划，且目前取得的成果尚未充分证明其高昂成本的价值。该项目已经开发超过 18 个月。"
FR = "L'analyste Alberto Romero spécule : le GPT-5 d'OpenAI est attendu depuis longtemps. Commençons la nouvelle année de manière passionnante !"
EN = "OpenAI's work on GPT-5, nicknamed Project Orion, has hit a pretty major bump. The project is running way behind schedule, and it is costing a fortune."


def write(tmp: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize(
    "encoding,text",
    [
        ("utf-8", ZH),
        ("utf-8-sig", FR),
        ("utf-16", ZH + "\n" + FR),  # Python writes a BOM for utf-16
        ("utf-16-be", None),
        ("gb18030", ZH * 3),
        ("big5", "人工智慧模型處理的資料越多，其能力就越強。對於大型語言模型來說，這些資料主要來自書籍、學術出版物和其他受人尊敬的來源。" * 2),
        ("cp1252", FR + " Les coûts dépassent 500 millions d’euros — « énorme ». " * 3),
        ("latin-1", FR + " Le modèle coûte très cher; été, où, déjà. " * 3),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoding, text):
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + EN.encode("utf-16-be")
        text = EN
    else:
        raw = text.encode(encoding)
    path = write(tmp_path, "a.txt", raw)
    doc = ingest.load_file(path, root=tmp_path)
    assert doc.text == text
    assert doc.text[0] not in "\ufeff"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path, encoding):
    """A trial's UTF-16 files saved without a BOM were skipped as "binary file
    (contains NUL bytes)"; NUL-filled junk still is."""
    text = FR + "\n" + ZH
    doc = ingest.load_file(write(tmp_path, "a.txt", text.encode(encoding)), root=tmp_path)
    assert doc.text == text and doc.encoding.startswith(encoding)
    with pytest.raises(ingest.SkipFile, match="NUL bytes"):
        ingest.decode_bytes(bytes(range(256)) * 8 + b"\x00" * 64)


def test_a_few_stray_nul_bytes_are_removed_not_the_whole_file(tmp_path):
    """A break trial's article with two NUL bytes (a bad copy) was skipped
    whole as binary: it is read without them, and says so; bytes that are
    no text, with NULs as sparse, are still binary."""
    raw = (FR + "\x00 " + FR + "\n\n" + FR + "\x00\n").encode("utf-8")
    doc = ingest.load_file(write(tmp_path, "a.txt", raw), root=tmp_path)
    assert "\x00" not in doc.text and doc.text.startswith(FR + " " + FR)
    assert doc.encoding == "utf-8 (2 NUL bytes removed)"
    assert "2 NUL bytes removed" in doc.metadata["ingest_note"]
    rng = random.Random(4)
    noise = bytes(rng.getrandbits(8) for _ in range(5000))
    assert 0 < noise.count(b"\x00") * ingest.NUL_BYTES_PER <= len(noise)  # as sparse as the text's
    with pytest.raises(ingest.SkipFile, match="NUL bytes"):
        ingest.decode_bytes(noise)
    with pytest.raises(ingest.SkipFile, match="NUL bytes"):
        ingest.decode_bytes(FR.encode() + b"\x00" * 20)  # one byte in ten: not a few stray ones


def test_invisible_format_characters_are_cut(tmp_path):
    """A zero-width space inside a number (1\u200b234) or a soft hyphen
    inside a word is no text: cut at ingest, as control characters are."""
    raw = ("Il y a 1\u200b234 partici\u00adpants. " + FR).encode("utf-8")
    doc = ingest.load_file(write(tmp_path, "a.txt", raw), root=tmp_path)
    assert doc.text.startswith("Il y a 1234 participants. ")
    assert doc.metadata["ingest_note"].startswith("2 control or invisible characters removed")  # said: offsets moved


def test_gb18030_file_is_read_as_chinese(tmp_path):
    doc = ingest.load_file(write(tmp_path, "gb.txt", ZH * 2, "gb18030"), root=tmp_path)
    assert doc.lang == "zh" and doc.encoding == "gb18030"
    assert "落后于预定计划" in doc.text


def test_crlf_is_normalized(tmp_path):
    doc = ingest.load_file(write(tmp_path, "a.txt", EN.replace(". ", ".\r\n")), root=tmp_path)
    assert "\r" not in doc.text


# ---------------------------------------------------------------- formats and metadata

def test_markdown_front_matter_becomes_metadata_and_offsets_map_back(tmp_path):
    raw = "---\ntitle: This Rumor About GPT-5\nsource: https://example.org/a\npublished: 2025-01-17\nauthor: []\n---\n## 标题\n\n" + ZH + "\n"
    path = write(tmp_path, "a.md", raw)
    doc = ingest.load_file(path, root=tmp_path)
    assert doc.title == "This Rumor About GPT-5"
    assert doc.source == "https://example.org/a"
    assert doc.date == "2025-01-17"
    assert doc.format == "md"
    offset = doc.metadata["source_offset"]
    i = doc.text.index("OpenAI")
    assert raw[offset + i: offset + i + 6] == "OpenAI"


def test_txt_header_block_becomes_metadata(tmp_path):
    raw = "Source: https://example.com/x\nSite: example.com\nDate: 2024-12-23\nNote: English retelling.\n\n" + EN + "\n"
    doc = ingest.load_file(write(tmp_path, "a.txt", raw), root=tmp_path)
    assert doc.source == "https://example.com/x"
    assert doc.date == "2024-12-23"
    assert doc.metadata["site"] == "example.com" and doc.metadata["note"] == "English retelling."
    assert doc.text.startswith("OpenAI")


def test_text_that_merely_starts_with_a_colon_line_keeps_it(tmp_path):
    raw = "Avertissement préalable : il s'agit d'une pure spéculation.\n\n" + FR
    doc = ingest.load_file(write(tmp_path, "a.txt", raw), root=tmp_path)
    assert doc.text == raw and doc.metadata == {}


def test_date_line_near_top(tmp_path):
    raw = "OpenAI技术底层逻辑的深度解析\n\n发表时间: 2023-04-17 11:45\n\n" + ZH
    doc = ingest.load_file(write(tmp_path, "a.txt", raw), root=tmp_path)
    assert doc.date == "2023-04-17"
    assert doc.title == "OpenAI技术底层逻辑的深度解析"


def test_html_main_text_is_extracted(tmp_path):
    html = (
        "<html><head><title>GPT-5 delays</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/about'>About</a></nav>"
        f"<article><h1>GPT-5 delays</h1><p>{EN}</p><p>{EN.replace('Orion', 'Orion again')}</p></article>"
        "<footer>© 2024 Example</footer></body></html>"
    )
    doc = ingest.load_file(write(tmp_path, "page.html", html), root=tmp_path)
    assert doc.format == "html" and doc.lang == "en"
    assert "nicknamed Project Orion" in doc.text
    assert "var x" not in doc.text
    assert doc.title == "GPT-5 delays"


def test_malformed_html_is_tolerated(tmp_path):
    html = f"<html><body><div><p>{FR}<p>{FR}<b>gras <i>italique</b></div></span><table><tr><td>cellule"
    doc = ingest.load_file(write(tmp_path, "broken.htm", html), root=tmp_path)
    assert "Alberto Romero" in doc.text and "<p>" not in doc.text
    assert doc.lang == "fr"


# ---------------------------------------------------------------- languages

def test_paragraph_languages_in_a_mixed_document(corpus_dir):
    doc = ingest.load_file(corpus_dir / "seeds/001_7a786c6a2075601a.txt", root=corpus_dir)
    assert doc.lang == "fr" and doc.languages == ["fr", "zh"]
    caption = doc.text.index("分析师Alberto Romero猜测")
    para = next(p for p in doc.paragraphs if p.start <= caption < p.end)
    assert para.lang == "zh"
    # the French line right after the caption is its own French paragraph
    after = doc.text.index("Peut être généré par GPT-5")
    assert next(p for p in doc.paragraphs if p.start <= after < p.end).lang == "fr"


@pytest.mark.parametrize(
    "text,lang",
    [
        ("最近", "zh"),
        ("其实 OpenAI 的GPT-5 已经真实存在", "zh"),
        ("《This Rumor About GPT-5 Changes Everything》中提出了这样的结论", "zh"),
        ("Le 11 novembre, Dario Amodei, PDG d'Anthropic, a lâché Opus 3.5 sur le podcast", "fr"),
        ("The project is running way behind schedule, and it is costing a fortune to boot.", "en"),
        ("12 345 — 2024", "und"),
    ],
)
def test_detect_language(text, lang):
    assert ingest.detect_language(text) == lang


def test_detection_is_deterministic():
    text = "Il est réel et il façonne déjà le monde."
    assert len({ingest.detect_language(text) for _ in range(5)}) == 1


def test_sample_corpus_languages(corpus_dir):
    docs, skipped = ingest.ingest_corpus(corpus_dir)
    langs = {d.path: d.lang for d in docs}
    assert langs["seeds/000_f7a0604eb51843c0.txt"] == "zh"
    assert langs["seeds/001_7a786c6a2075601a.txt"] == "fr"
    assert langs["extra/en_asiae_gpt5_orion_delays.txt"] == "en"
    assert langs["extra/zh_romero_full_translation.md"] == "zh"
    assert [s.path for s in skipped] == ["SOURCES.md"]
    assert len(docs) == 10


# ---------------------------------------------------------------- records

def test_documents_round_trip_through_jsonl(tmp_path, corpus_dir):
    docs, _ = ingest.ingest_corpus(corpus_dir)
    write_jsonl(tmp_path / "docs.jsonl", docs)
    assert read_jsonl(tmp_path / "docs.jsonl", Document) == docs


def test_ids_are_stable_and_unique(corpus_dir):
    a, _ = ingest.ingest_corpus(corpus_dir)
    b, _ = ingest.ingest_corpus(corpus_dir)
    assert [d.id for d in a] == [d.id for d in b]
    assert len({d.id for d in a}) == len(a)
    assert ingest.document_id("seeds/000.txt") != ingest.document_id("seeds/000.md")


# ---------------------------------------------------------------- bad input

@pytest.fixture()
def bad_corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    write(root, "good/zh.txt", ZH)
    write(root, "good/gb18030.txt", ZH * 2, "gb18030")
    write(root, "good/broken.html", f"<html><body><p>{EN}<p>{EN}</div></i>")
    write(root, "bad/empty.txt", b"")
    write(root, "bad/blank.md", b"  \n\n \t\n")
    write(root, "bad/binary.txt", bytes(range(256)) * 40)
    write(root, "bad/picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    # more undecodable units than a cut or a slip makes (ingest._WIDE_FAULTS_MAX): no UTF-16 text
    write(root, "bad/broken_utf16.txt", b"\xff\xfe" + "OpenAI GPT-5".encode("utf-16-le") + b"\x00\xd8A\x00" * 5)
    write(root, "bad/notes.docx", b"PK\x03\x04whatever")
    write(root, "bad/notes.odt", b"PK\x03\x04whatever")
    write(root, "bad/amharic.txt", "ሰላም ለዓለም ይህ የሙከራ ጽሑፍ ነው። " * 10)
    write(root, "bad/german.txt", "Die Entwicklung des neuen Modells verzögert sich erheblich, und die Kosten steigen weiter an. " * 5)
    os.symlink(root / "good", root / "good" / "loop")
    os.symlink(root / "nowhere", root / "dangling.txt")
    huge = root / "bad/huge.txt"
    with open(huge, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    return root


def test_bad_files_are_skipped_with_reasons(bad_corpus):
    docs, skipped = ingest.ingest_corpus(bad_corpus)
    assert sorted(d.path for d in docs) == ["good/broken.html", "good/gb18030.txt", "good/zh.txt"]
    reasons = {s.path: s.reason for s in skipped}
    assert reasons["bad/empty.txt"] == "empty file"
    assert reasons["bad/blank.md"] == "no text (only blank characters)"
    assert "binary" in reasons["bad/binary.txt"]
    assert "PNG" in reasons["bad/picture.txt"]
    assert "UTF-16" in reasons["bad/broken_utf16.txt"]
    assert "not a readable Word document" in reasons["bad/notes.docx"]
    assert "unsupported extension .odt" in reasons["bad/notes.odt"]
    assert "script not recognized" in reasons["bad/amharic.txt"]
    assert "language not handled: German (de)" in reasons["bad/german.txt"]
    assert "too large" in reasons["bad/huge.txt"]
    assert "symlink loop" in reasons["good/loop"]
    assert "broken symlink" in reasons["dangling.txt"]
    gb = next(d for d in docs if d.path == "good/gb18030.txt")
    assert gb.text == ZH * 2


def test_cli_ingest_bad_corpus_exits_zero_without_traceback(bad_corpus, tmp_path):
    out = tmp_path / "build" / "docs.jsonl"
    result = CliRunner().invoke(main, ["ingest", str(bad_corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "skipped bad/empty.txt: empty file" in result.output
    assert "good/gb18030.txt" in result.output
    assert len(read_jsonl(out, Document)) == 3
    skipped_lines = (out.parent / "skipped.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(skipped_lines) == 12


def test_cli_missing_folder_is_one_line_and_exit_1(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "corpus folder not found" in result.output


def test_cli_nothing_usable_exit_1(tmp_path):
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "x.pdf", b"%PDF-1.4")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path)])
    assert result.exit_code == 1
    assert "nothing usable" in result.output and "Traceback" not in result.output


def test_missing_folder_raises_user_error(tmp_path):
    with pytest.raises(UserError):
        ingest.ingest_corpus(tmp_path / "missing")


def test_cli_ingest_prints_table(corpus_dir):
    result = CliRunner().invoke(main, ["ingest", str(corpus_dir)])
    assert result.exit_code == 0
    line = next(ln for ln in result.output.splitlines() if ln.startswith("seeds/001"))
    assert " fr " in line and "fr,zh" in line
    assert "10 documents, 1 skipped" in result.output


def test_docx_problem_is_told_in_words(tmp_path):
    """A zip renamed .docx, a non-zip .docx and a zip without a word/ part
    each get a reason a reader can act on, not a library's bare KeyError."""
    import io
    import zipfile

    def zipped(names):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for n in names:
                z.writestr(n, "<x/>")
        return buf.getvalue()

    (tmp_path / "a.docx").write_bytes(zipped(["content.xml", "mimetype"]))
    (tmp_path / "b.docx").write_bytes(b"plain text, not a zip " * 20)
    (tmp_path / "c.docx").write_bytes(zipped(["[Content_Types].xml", "xl/workbook.xml"]))
    (tmp_path / "ok.txt").write_text("The bridge reopened on Monday after two years of work. " * 3, encoding="utf-8")
    _, skipped = ingest.ingest_corpus(tmp_path)
    reasons = {s.path: s.reason for s in skipped}
    assert "no [Content_Types].xml" in reasons["a.docx"] and "KeyError" not in reasons["a.docx"]
    assert "not a zip archive" in reasons["b.docx"]
    assert "no word/ part" in reasons["c.docx"]


def test_header_block_keys_in_chinese_and_french():
    """标题/来源 (full-width or ASCII colon) and « Titre : » fill the
    metadata as Title:/Source: do; a block with a key the lexicon does not
    know stays text."""
    body, meta = ingest.split_header_block("标题：洪水后大桥关闭\n来源: https://example.cn/a\n\n周五，市政府关闭了老桥。")
    assert meta["title"] == "洪水后大桥关闭" and meta["source"] == "https://example.cn/a"
    assert body == "周五，市政府关闭了老桥。"
    body, meta = ingest.split_header_block("Titre : Le pont fermé\nPublié le : 2 mars 2024\n\nLa ville a fermé le pont.")
    assert meta["title"] == "Le pont fermé" and meta["date"] == "2 mars 2024"
    text = "记者：张三\n\n周五，市政府关闭了老桥。"
    assert ingest.split_header_block(text) == (text, {})


def test_a_chinese_header_date_keeps_its_month_and_day():
    """发布时间：2025年3月4日 was stored as "2025" (the year prefix matched
    first); ISO forms keep their precision."""
    assert ingest.normalize_date("2025年3月4日") == "2025-03-04"
    assert ingest.normalize_date("2025年3月4日 10:30") == "2025-03-04"
    assert ingest.normalize_date("2025-03-04") == "2025-03-04"
    assert ingest.normalize_date("2025-03") == "2025-03"
    assert ingest.normalize_date("2025") == "2025"


def test_header_dates_with_month_names_are_normalized():
    """March 4, 2025 / 4 mars 2025 / Tuesday, 4 March 2025 were kept as
    typed beside ISO dates; a month and year keeps its precision; a date
    in digits only stays as written (day and month order varies)."""
    assert ingest.normalize_date("March 4, 2025") == "2025-03-04"
    assert ingest.normalize_date("4 mars 2025") == "2025-03-04"
    assert ingest.normalize_date("1er mars 2025 à 10h30") == "2025-03-01"
    assert ingest.normalize_date("Tuesday, 4 March 2025") == "2025-03-04"
    assert ingest.normalize_date("Sept. 12, 2024") == "2024-09-12"
    assert ingest.normalize_date("mars 2025") == "2025-03"
    assert ingest.normalize_date("04/03/2025") == "04/03/2025"


def test_cli_ingest_table_columns_line_up_with_cjk_file_names(tmp_path):
    """A Chinese file name takes two columns a character: the language
    column starts at the same column on every row (a fresh user's trial of
    session 61: the table was misaligned)."""
    from rumorlens.langs import display_width

    (tmp_path / "里昂化学品泄漏.txt").write_text("里昂附近发生化学品泄漏，居民被疏散。警方说，没有人受伤。\n", encoding="utf-8")
    (tmp_path / "fuite chimique à Lyon.txt").write_text(
        "Une fuite chimique a eu lieu près de Lyon. Les habitants ont été évacués.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path)])
    assert result.exit_code == 0
    rows = [ln for ln in result.output.splitlines() if ln.startswith(("里昂", "fuite", "file"))]
    assert len(rows) == 3
    starts = {display_width(ln[:ln.index(lang)]) for ln, lang in zip(sorted(rows), ("lang", "fr", "zh"))
              if lang in ln}
    assert len(starts) == 1
