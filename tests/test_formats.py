"""Subtitles (.srt, .vtt), Word (.docx) and PDF (.pdf), read from files the
tests build: cue times reach the sentences, footnotes are read, a PDF's text
layer is read and a scan is skipped with that reason, broken subtitle timing
is read as text with a note."""
import io
import logging

import pytest

from rumorlens.formats import FormatSkip, join_wrapped_lines, read_docx, read_pdf, read_subtitles
from rumorlens.ingest import ingest_corpus, load_file
from rumorlens.segment import segment_document

SRT = """1
00:00:01,000 --> 00:00:03,500
<i>OpenAI est valorisée</i> à 150 milliards de dollars.

2
00:00:04,000 --> 00:00:06,250
GPT-5 fonctionne déjà
en interne.

3
00:01:02,000 --> 00:01:05,000
Alberto Romero pense que ce modèle sera rendu public.
"""

VTT = """WEBVTT

NOTE a comment the reader must not keep

00:00:00.500 --> 00:00:02.000
<v Narrateur>OpenAI 的估值达到 1570 亿美元。</v>

00:00:02.500 --> 00:00:04.000 align:start
据我们所知，<c.yellow>GPT-5</c> 已经在内部运行 &amp; 测试。
"""


def test_srt_cues_are_lines_with_times_and_no_markup(tmp_path):
    text, meta = read_subtitles(SRT, "srt")
    lines = text.split("\n")
    assert lines == ["OpenAI est valorisée à 150 milliards de dollars.", "GPT-5 fonctionne déjà en interne.",
                     "Alberto Romero pense que ce modèle sera rendu public."]
    assert [c[2:] for c in meta["cues"]] == [[1.0, 3.5], [4.0, 6.25], [62.0, 65.0]]
    for (start, end, _t0, _t1), line in zip(meta["cues"], lines):
        assert text[start:end] == line  # offsets point into the extracted text


def test_vtt_through_ingest_and_segment_keeps_cue_times(tmp_path):
    path = tmp_path / "clip.vtt"
    path.write_text(VTT, encoding="utf-8")
    doc = load_file(path, root=tmp_path)
    assert doc.format == "vtt" and doc.lang == "zh"
    assert "<" not in doc.text and "NOTE" not in doc.text and "&amp;" not in doc.text and "& 测试" in doc.text
    assert doc.title is None  # a cue is speech, not a title
    sents = segment_document(doc)
    by_text = {doc.text[s.start:s.end]: s.meta.get("cue") for s in sents}
    assert by_text["OpenAI 的估值达到 1570 亿美元。"] == [0.5, 2.0]
    assert [v for k, v in by_text.items() if "GPT-5" in k] == [[2.5, 4.0]]


@pytest.mark.parametrize("broken, why", [
    (SRT.replace("00:00:06,250", "00:00:03,000"), "ends before it starts"),
    (SRT.replace("00:00:04,000 --> 00:00:06,250", "00:00:04,000 --> garbage"), "timing"),
])
def test_subtitle_with_broken_timing_is_read_as_text_with_a_note(tmp_path, caplog, broken, why):
    text, meta = read_subtitles(broken, "srt")
    assert "cues" not in meta and "read as plain text" in meta["ingest_note"] and why in meta["ingest_note"]
    assert "GPT-5 fonctionne déjà" in text and "-->" not in text
    assert not any(line.strip().isdigit() for line in text.split("\n"))
    path = tmp_path / "broken.srt"
    path.write_text(broken, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        doc = load_file(path, root=tmp_path)  # the run goes on: a document, not a skip
    assert "broken.srt" in caplog.text and "read as plain text" in caplog.text
    assert doc.metadata.get("ingest_note") and not doc.metadata.get("cues")


def _docx_with_footnote() -> bytes:
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    d.core_properties.title = "La valorisation d'OpenAI"
    d.add_paragraph("OpenAI est valorisée à 150 milliards de dollars.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Valeur"
    table.rows[0].cells[1].text = "150 milliards"
    d.add_paragraph("Alberto Romero pense que ce modèle sera rendu public.")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:id="1"><w:p><w:r><w:t>Selon un article de The Information.</w:t></w:r></w:p>'
           '</w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_table_and_footnote(tmp_path):
    text, meta = read_docx(_docx_with_footnote())
    paras = text.split("\n\n")
    assert paras[0] == "OpenAI est valorisée à 150 milliards de dollars."
    assert paras[1] == "Valeur\n150 milliards"
    assert paras[2] == "Alberto Romero pense que ce modèle sera rendu public."
    assert paras[3] == "[1] Selon un article de The Information."  # the separator is not a footnote
    assert len(paras) == 4 and meta["title"] == "La valorisation d'OpenAI"
    (tmp_path / "a.docx").write_bytes(_docx_with_footnote())
    doc = load_file(tmp_path / "a.docx", root=tmp_path)
    assert doc.format == "docx" and doc.lang == "fr" and doc.title == "La valorisation d'OpenAI"


def _pdf(content: bytes | None, image: bool = False) -> bytes:
    """A one-page PDF, written by hand: with a Helvetica text stream, or
    with no content at all (a blank page), or (``image``) drawing one image
    and no text (what a scan looks like: no text layer)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
    if image:
        content = b"q 612 0 0 792 0 0 cm /Im1 Do Q"
        page += b" /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >>"
    elif content is not None:
        page += b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>"
    objs.append(page + b" >>")
    if content is not None:
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream" if image else
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


TEXT_STREAM = (b"BT /F1 12 Tf 72 720 Td (OpenAI is valued at 150 billion) Tj 0 -14 Td (dollars, says the report.) Tj "
               b"0 -28 Td (GPT-5 already runs inside the company.) Tj ET")


def test_pdf_text_layer_is_read_and_wrapped_lines_joined(tmp_path):
    text, _meta = read_pdf(_pdf(TEXT_STREAM))
    assert "OpenAI is valued at 150 billion dollars, says the report." in text
    assert "GPT-5 already runs inside the company." in text
    (tmp_path / "a.pdf").write_bytes(_pdf(TEXT_STREAM))
    doc = load_file(tmp_path / "a.pdf", root=tmp_path)
    assert doc.format == "pdf" and doc.lang == "en" and "150 billion" in doc.text


def test_pdf_without_text_layer_is_skipped_with_that_reason(tmp_path):
    with pytest.raises(FormatSkip, match="no text layer"):
        read_pdf(_pdf(None, image=True))
    (tmp_path / "scan.pdf").write_bytes(_pdf(None, image=True))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "ok.srt").write_text(SRT, encoding="utf-8")
    docs, skipped = ingest_corpus(tmp_path)
    reasons = {s.path: s.reason for s in skipped}
    assert "scanned PDF" in reasons["scan.pdf"] and "no text layer" in reasons["scan.pdf"]
    assert "PDF" in reasons["broken.pdf"] and "Word" in reasons["broken.docx"]
    assert [d.path for d in docs] == ["ok.srt"]  # the run goes on


def test_join_wrapped_lines():
    assert join_wrapped_lines("a line that\ngoes on.\n- a bullet\n- another") == \
        "a line that goes on.\n- a bullet\n- another"
    assert join_wrapped_lines("中文的一行\n继续。") == "中文的一行继续。"


def test_a_pdf_is_called_scanned_only_when_its_pages_show_images(tmp_path):
    """A trial's zero-filled PDF was called "a scanned PDF": a file of zero
    bytes is no PDF, a PDF of blank pages is blank, and only pages that
    draw images without text are a scan (which OCR would help)."""
    (tmp_path / "zeros.pdf").write_bytes(b"\0" * 4096)
    (tmp_path / "header-then-zeros.pdf").write_bytes(b"%PDF-1.4\n" + b"\0" * 4096)
    (tmp_path / "renamed.pdf").write_bytes(b"<html><body>An article.</body></html>")
    (tmp_path / "blank.pdf").write_bytes(_pdf(None))
    (tmp_path / "scan.pdf").write_bytes(_pdf(None, image=True))
    (tmp_path / "ok.srt").write_text(SRT, encoding="utf-8")
    docs, skipped = ingest_corpus(tmp_path)
    reasons = {s.path: s.reason for s in skipped}
    assert [d.path for d in docs] == ["ok.srt"]  # the run goes on
    assert reasons["zeros.pdf"] == "not a PDF: no %PDF- header (all 4,096 bytes are zero)"
    assert "all zero bytes" in reasons["header-then-zeros.pdf"]
    assert reasons["renamed.pdf"] == "not a PDF: no %PDF- header"
    assert "blank" in reasons["blank.pdf"] and "scanned" not in reasons["blank.pdf"]
    assert "scanned PDF" in reasons["scan.pdf"] and "OCR" in reasons["scan.pdf"]
    assert not any("scanned" in r for p, r in reasons.items() if p != "scan.pdf")


@pytest.mark.parametrize("name, content, reason", [
    ("empty.vtt", "", "empty file"),
    ("header.vtt", "WEBVTT\n\n", "subtitle file with no cues (only its WEBVTT header)"),
    ("silent.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\n \n",
     "subtitle file whose 2 cues hold no text"),
    ("silent.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n", "subtitle file whose 1 cue holds no text"),
])
def test_a_subtitle_file_without_text_says_what_it_holds(tmp_path, caplog, name, content, reason):
    """A trial's empty .vtt: "subtitle timing not readable: read as plain
    text", then "empty file".  A subtitle file that gives no text says what
    it holds, with no warning about reading it another way."""
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "ok.srt").write_text(SRT, encoding="utf-8")
    with caplog.at_level("WARNING"):
        docs, skipped = ingest_corpus(tmp_path)
    assert [d.path for d in docs] == ["ok.srt"]
    assert [(s.path, s.reason) for s in skipped] == [(name, reason)]
    assert "read as plain text" not in caplog.text
