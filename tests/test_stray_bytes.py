"""UTF-8 files with a few stray bytes of a Windows code page
(rumorlens.stray_bytes): the UTF-8 is kept, the stray bytes are read as
cp1252, and the document says so; files written whole in another encoding
are left to the encoding detector."""
from pathlib import Path

import pytest

from rumorlens.ingest import _extract, decode_bytes, load_file
from rumorlens.stray_bytes import mostly_utf8, read_stray

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
    assert "2 bytes read as cp1252" in note and "line 5 of the file" in note


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
            assert not mostly_utf8(read_stray(data)), (encoding, cut, text[:40])
    assert tried


def test_valid_utf8_is_not_this_modules_business():
    assert read_stray((FR + ZH).encode()) is None


def test_a_byte_order_mark_before_stray_bytes():
    text, encoding = decode_bytes(b"\xef\xbb\xbf" + (FR * 3).encode() + b"Le caf\xe9 est ouvert.\n")
    assert text == FR * 3 + "Le café est ouvert.\n" and "1 byte read as cp1252" in encoding


def test_a_few_bytes_of_gbk_are_read_as_gbk_not_as_utf8_with_stray_bytes():
    # some of its pairs are valid UTF-8 ('ѧϰһµ㡣'): the short-Han reader
    # (rumorlens.han_bytes) is asked first
    assert decode_bytes("学习一点。".encode("gbk")) == ("学习一点。", "gb18030")


ENGLISH = ("City council votes to close the old market cafe. The city council voted on Tuesday to close the "
           "old market cafe on Rue Merciere by the end of the year. The owner's lawyer said the council had "
           "not consulted anyone before the vote. Residents have started a petition, which has already "
           "gathered four thousand signatures. ")


@pytest.mark.parametrize("pasted", [b"", "Mercière".encode()])
def test_a_word_apostrophe_in_english_is_no_han_text(pasted):
    # a Word apostrophe (0x92) between ASCII letters: charset-normalizer read
    # the file as GB18030, "owner抯"
    data = ENGLISH.replace("owner's", "owner\x92s").encode("latin-1").replace(b"Merciere", pasted or b"Merciere")
    text, _, encoding = _extract("txt", data)
    assert "owner’s" in text and "抯" not in text
    assert ("Mercière" in text) == bool(pasted)
    assert encoding == "cp1252" if not pasted else encoding.startswith("utf-8 with stray bytes")


def test_utf8_half_pasted_over_in_cp1252_is_not_read_as_latin6():
    accents = iter(range(1000))
    data = b"".join(c.encode("cp1252" if ord(c) > 127 and next(accents) % 2 == 0 else "utf-8") for c in FR * 2)
    text, _, encoding = _extract("txt", data)
    assert text == FR * 2 and encoding.startswith("utf-8 with stray bytes")


def test_shift_jis_is_left_to_the_detector():
    ja = ("リヨン市議会は火曜日、メルシエール通りにある旧市場のカフェを年末までに閉鎖することを可決した。\n"
          "このカフェは1921年に開業し、従業員は12人だ。\n店主は、投票の前に相談はなかったと述べた。\n")
    text, encoding = decode_bytes(ja.encode("shift_jis"))
    assert not encoding.startswith("utf-8") and text == ja


def test_many_stray_bytes_in_chinese_are_read_not_skipped():
    zh = "里昂市议会周二投票决定，在年底前关闭位于梅西耶街的老市场咖啡馆。" * 3
    data = zh.encode() + ("“Café du Marché” " * 8).encode("cp1252")  # 32 stray bytes for 96 valid characters: under the first test's 4 a byte
    text, encoding = decode_bytes(data)
    assert text.startswith(zh) and "“Café du Marché”" in text and "32 bytes read as cp1252" in encoding


def test_bytes_cp1252_leaves_undefined_become_replacement_characters():
    text, _ = decode_bytes((FR * 4).encode() + b"conseil\x81 municipal\n")
    assert "conseil\ufffd municipal" in text


@pytest.mark.parametrize("data, expected", [
    (b"The owner\x92s dog was found near the station, the police said on Tuesday.\n",
     "The owner’s dog was found near the station, the police said on Tuesday.\n"),  # was cp852: "ownerĺs"
    (b"Well\x85 the crowd was small.\n", "Well… the crowd was small.\n"),  # was Latin-1, skipped as binary
    (b"\x93Not now,\x94 she said \x96 twice.\n", "“Not now,” she said – twice.\n"),
])
def test_word_processor_punctuation_alone_is_cp1252(data, expected):
    assert decode_bytes(data)[0] == expected


def test_after_a_utf8_byte_order_mark_every_stray_byte_is_read_as_cp1252():
    # one stray byte in pure ASCII: under the ratio test, but the mark says UTF-8
    text, encoding = decode_bytes(b"\xef\xbb\xbf" + ENGLISH.replace("owner's", "owner\x92s").encode("latin-1"))
    assert "owner’s" in text and "1 byte read as cp1252" in encoding


def test_a_gbk_or_big5_line_pasted_into_utf8_chinese_is_read_so():
    """A UTF-8 Chinese article with one line pasted from a GBK (or a Big5)
    program: that line read in its encoding (a trial's file showed it as
    cp1252 mojibake), the others as UTF-8, and the note says so; a cp1252
    word stays cp1252."""
    from rumorlens.ingest import decode_bytes

    first, last = "深圳市地铁集团12日宣布，地铁14号线延长线将于明年底开通。", "据悉，项目总投资约120亿元。"
    for enc, pasted, name in (("gbk", "市交通运输局表示，延长线开通后，通勤时间将缩短约20分钟。", "GB18030"),
                              ("big5", "市交通運輸局表示，延長線開通後，通勤時間將縮短約20分鐘。", "BIG5")):
        data = (first + "\n").encode("utf-8") * 3 + (pasted + "\n").encode(enc) + last.encode("utf-8")
        text, how = decode_bytes(data)
        assert text.splitlines()[3] == pasted and text.splitlines()[0] == first and text.endswith(last)
        assert f"1 line of Chinese read as {name}" in how
    text, how = decode_bytes("Le café « Le Zinc » ouvre à Paris, près de l’Élysée, où l’on sert du thé.\n".encode("utf-8") * 3
                             + "Un caf\xe9 cr\xe8me co\xfbte 3 euros.".encode("cp1252"))
    assert text.endswith("Un café crème coûte 3 euros.") and "cp1252" in how
