"""UTF-8 files with a few stray bytes of a Windows code page
(rumorlens.stray_bytes): the UTF-8 is kept, the stray bytes are read as
cp1252, and the document says so; files written whole in another encoding
are left to the encoding detector."""
from pathlib import Path

import pytest

from rumorlens.ingest import decode_bytes, load_file
from rumorlens.stray_bytes import decode_mostly_utf8

ROOT = Path(__file__).resolve().parents[1]
FR = "Le président a déclaré que l’économie française était « solide » et que le déficit était réduit.\n"
ZH = "特朗普表示，美国经济非常强劲，失业率降到了百分之三点五。\n"
EN = "The president said the “economy” was strong — and unemployment fell to 3.5%.\n"
PASTED = "Un café – naïve ".encode("cp1252")  # é, en dash, ï: three bytes UTF-8 rejects


@pytest.mark.parametrize("base", [FR * 6, ZH * 6, EN * 6, (FR + ZH) * 3])
def test_a_pasted_cp1252_word_keeps_the_utf8_around_it(base):
    lines = base.splitlines(keepends=True)
    data = "".join(lines[:3]).encode() + PASTED + "".join(lines[3:]).encode()
    text, encoding = decode_bytes(data)
    assert text == "".join(lines[:3]) + "Un café – naïve " + "".join(lines[3:])
    assert encoding.startswith("utf-8 with stray bytes") and "3 bytes read as cp1252" in encoding
    assert "line 4" in encoding


def test_the_document_says_how_it_was_read(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes((FR * 4).encode() + b"Il a dit \x93non\x94.\n" + (FR * 2).encode())
    doc = load_file(path, root=tmp_path)
    assert "Il a dit “non”." in doc.text and "économie" in doc.text
    note = doc.metadata["ingest_note"]
    assert "2 bytes read as cp1252" in note and "line 5" in note


def _texts() -> list[str]:
    paths = sorted((ROOT / "corpus").rglob("*.txt")) + sorted((ROOT / "corpus").rglob("*.md"))
    return [p.read_text(encoding="utf-8") for p in paths[:12]]


@pytest.mark.parametrize("encoding", ["gbk", "big5", "euc_jp", "shift_jis", "cp1252", "latin-1", "mac_roman",
                                      "cp1250"])
def test_files_written_whole_in_another_encoding_are_not_taken_for_utf8(encoding):
    texts = _texts()
    assert texts, "the sample corpus has texts"
    tried = 0
    for text in texts:
        for cut in (200, 2000, len(text)):
            data = text[:cut].encode(encoding, errors="ignore")
            try:
                data.decode("utf-8")
                continue  # plain ASCII in this encoding: nothing to tell
            except UnicodeDecodeError:
                tried += 1
            assert decode_mostly_utf8(data) is None, (encoding, cut, text[:40])
    assert tried


def test_valid_utf8_is_not_this_modules_business():
    assert decode_mostly_utf8((FR + ZH).encode()) is None
