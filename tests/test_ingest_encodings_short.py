"""Very short Chinese files in GBK or Big5 (issue 9): a dozen bytes decode
right, and a short Korean or Japanese file is not taken for Chinese."""
import pytest

from rumorlens import ingest
from rumorlens.han_bytes import decode_short_han


@pytest.mark.parametrize("text,enc,name", [
    ("今天天气很好", "gbk", "gb18030"), ("中国经济增长", "gbk", "gb18030"), ("北京欢迎你们", "gbk", "gb18030"),
    ("今天天氣很好", "big5", "big5"), ("行使高等英雄", "big5", "big5"), ("適用提供居民", "big5", "big5"),
    ("中國經濟成長", "big5", "big5"), ("台北歡迎你們", "big5", "big5"),
])
def test_twelve_bytes_of_chinese_decode_right(text, enc, name, tmp_path):
    data = text.encode(enc)
    assert len(data) == 12
    assert ingest.decode_bytes(data) == (text, name)
    f = tmp_path / "short.txt"
    f.write_bytes(data)
    doc = ingest.load_file(f, root=tmp_path)
    assert doc.text.strip() == text and doc.lang == "zh"


@pytest.mark.parametrize("text,enc", [("감사합니다", "euc_kr"), ("안녕하세요 세계", "euc_kr"),
                                      ("ありがとうございます", "shift_jis"), ("Élève à l'école", "cp1252")])
def test_other_short_files_are_left_to_the_detector(text, enc):
    assert decode_short_han(text.encode(enc)) is None


def test_long_files_keep_the_detectors_verdict():
    data = ("今天天气很好。" * 200).encode("gbk")
    assert decode_short_han(data) is None
    assert ingest.decode_bytes(data)[0] == "今天天气很好。" * 200


@pytest.mark.parametrize("text,enc,name", [
    ("她问：“真的？”", "gbk", "gb18030"), ("“假新闻”被删", "gbk", "gb18030"), ("《环球时报》：", "gbk", "gb18030"),
    ("報導：「屬實」", "big5", "big5"), ("「謠言」已刪", "big5", "big5"), ("（中央社）電", "big5", "big5"),
])
def test_short_chinese_with_its_punctuation_decodes_right(text, enc, name):
    """Full-width marks (：“”「」《》) are no evidence either way: they scored
    as unknown characters and a dozen bytes fell under the limit in both
    readings, then the detector read them as UTF-16 or Johab (session 59)."""
    assert ingest.decode_bytes(text.encode(enc)) == (text, name)


def test_punctuation_alone_is_no_chinese():
    assert decode_short_han("：“”。".encode("gbk")) is None
