"""Repair of UTF-8 text read in a single-byte code page (rumorlens.mojibake)."""
from __future__ import annotations

import pytest

from rumorlens.ingest import load_file
from rumorlens.mojibake import _repair_codepage, _settings, repair_mojibake

FRENCH = ("Le paludisme a été totalement éradiqué en Egypte, a annoncé dimanche l'Organisation mondiale "
          "de la Santé, qui a qualifié ce résultat de véritablement historique à Genève.")


def test_utf8_read_as_thai_code_page_is_read_back():
    broken = FRENCH.encode("utf-8").decode("cp874")
    assert "รฉ" in broken
    assert repair_mojibake(broken) == (FRENCH, "cp874")


def test_no_break_byte_lost_to_a_space_is_put_back():
    # « à son » saved as « ร son »: the 0xA0 of à became the space
    broken = "Il a été éradiqué à son tour, à Genève.".encode("utf-8").decode("cp874")
    saved = broken.replace("\xa0", " ").replace("  ", " ")
    assert repair_mojibake(saved)[0] == "Il a été éradiqué à son tour, à Genève."


def test_code_pages_ftfy_knows_go_to_ftfy_and_quotes_stay_curled():
    broken = "« Genève » l’été".encode("utf-8").decode("cp1252")
    assert repair_mojibake(broken) == ("« Genève » l’été", "ftfy")


@pytest.mark.parametrize("text", [
    FRENCH, "“Le paludisme” — l’OMS, 95 % en Afrique, à Genève.", "世卫组织宣布埃及被认证为无疟疾国家。",
    "Plain English, with a café and a naïve résumé.", "L’été à Genève : « été » et « à ».",
])
def test_correct_text_is_left_alone(text):
    assert repair_mojibake(text) == (text, None)


@pytest.mark.parametrize("text", [
    "สวัสดีครับ ยินดีต้อนรับสู่ประเทศไทย กรุงเทพมหานครเป็นเมืองหลวง",
    "Καλημέρα κόσμε, η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    "Москва — столица России, и в ней живут миллионы людей.",
    "שלום עולם, ירושלים היא עיר עתיקה מאוד.",
])
def test_real_text_of_those_code_pages_is_not_taken_for_mojibake(text):
    s = _settings()
    for codepage in s["mojibake_codepages"]:
        assert _repair_codepage(text, codepage, s["mojibake_min_runs"], s["mojibake_min_share"]) is None, codepage


def test_ingest_reads_the_repaired_text_and_says_so(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(FRENCH.encode("utf-8").decode("cp874") + "\n", encoding="utf-8")
    doc = load_file(path, root=tmp_path)
    assert doc.text.strip() == FRENCH and doc.lang == "fr"
    assert doc.metadata["mojibake_repaired"] == "cp874"
