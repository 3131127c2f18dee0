"""check-pairs on the files translation reviewers hold: XLIFF 1.2, XLIFF 2.0
and TMX built here, read through translate-toolkit, with the file's segment
ids, inline tags out of the compared text and kept in the output."""
import csv
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from rumorlens.bilingual import read_bilingual
from rumorlens.cli import main

pytest.importorskip("translate.storage.xliff2")

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="valuation.txt" source-language="zh-CN" target-language="fr-FR" datatype="plaintext"><body>
<trans-unit id="intro-1"><source>OpenAI <g id="1">的估值</g>达到 1570 亿美元。<x id="2"/></source>
<target>OpenAI est <g id="1">valorisée</g> à 150 milliards de dollars.<x id="2"/></target></trans-unit>
<trans-unit id="intro-2"><source>他说训练花了十八个月。</source>
<target>Il dit que l'entraînement a pris dix-huit mois.</target></trans-unit>
<trans-unit id="intro-3"><source>没有译文。</source></trans-unit>
</body></file></xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
<file id="f1"><unit id="u1">
<segment id="s1"><source>OpenAI <pc id="1">的估值</pc>达到 1570 亿美元。<ph id="2"/></source>
<target>OpenAI is <pc id="1">valued</pc> at $150 billion.<ph id="2"/></target></segment>
<segment id="s2"><source>他说训练花了十八个月。</source><target>He says training took eighteen months.</target></segment>
</unit></file></xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none"
 adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="val-7"><tuv xml:lang="zh-CN"><seg>OpenAI <bpt i="1">&lt;b&gt;</bpt>的估值<ept i="1">&lt;/b&gt;</ept>达到 1570 亿美元。</seg></tuv>
<tuv xml:lang="fr-FR"><seg>OpenAI est <bpt i="1">&lt;b&gt;</bpt>valorisée<ept i="1">&lt;/b&gt;</ept> à 150 milliards de dollars.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>他说训练花了十八个月。</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Il dit que l'entraînement a pris dix-huit mois.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize("name, text, ids, langs", [
    ("a.xlf", XLIFF12, ["intro-1", "intro-2", "intro-3"], ("zh", "fr")),
    ("b.xliff", XLIFF20, ["u1::s1", "u1::s2"], ("zh", "en")),
    ("c.tmx", TMX, ["val-7", "tu-2"], ("zh", "fr")),
])
def test_segments_ids_languages_and_markup(tmp_path, name, text, ids, langs):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rows = read_bilingual(path)
    assert [r["id"] for r in rows] == ids
    assert (rows[0]["src_lang"], rows[0]["tgt_lang"]) == langs
    first = rows[0]
    assert first["src"] == "OpenAI 的估值达到 1570 亿美元。"  # the tags and their code are not compared
    assert "<" not in first["tgt"] and "150" in first["tgt"]
    assert "的估值" in first["src_markup"] and "<" in first["src_markup"] and "xmlns" not in first["src_markup"]
    assert first["src_markup"] != first["src"]
    if name == "a.xlf":
        assert rows[2]["tgt"] is None  # no target: check-pairs says so for that row


def _check_pairs(tmp_path, name, text, out_name):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / out_name
    res = CliRunner().invoke(main, ["check-pairs", str(path), "-o", str(out), "--model", "none"])
    assert res.exit_code == 0, res.output
    return res, out


@pytest.mark.parametrize("name, text", [("a.xlf", XLIFF12), ("b.xliff", XLIFF20), ("c.tmx", TMX)])
def test_check_pairs_reads_bilingual_files(tmp_path, name, text):
    res, out = _check_pairs(tmp_path, name, text, "out.jsonl")
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    schema = json.loads((Path(__file__).resolve().parents[1] / "schema" / "check-pairs.schema.json").read_text())
    for r in results:
        jsonschema.validate(r, schema)
    assert [r["id"] for r in results] == [r["id"] for r in read_bilingual(tmp_path / name)]
    first = results[0]
    assert any(f["category"] == "number" for f in first["findings"]), first  # 1570 亿 vs 150 milliards/billion
    assert first["src_markup"] and "<" in first["src_markup"]
    span = next(f for f in first["findings"] if f["category"] == "number")["src_span"]
    assert "1570" in "OpenAI 的估值达到 1570 亿美元。"[span[0]:span[1]]  # spans point into the compared text
    assert not any(f["category"] == "number" for f in results[1]["findings"])
    if name == "a.xlf":
        assert "error" in results[2] and "intro-3" in res.output


def test_check_pairs_csv_in_segment_order(tmp_path):
    _res, out = _check_pairs(tmp_path, "a.xlf", XLIFF12, "out.csv")
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    seen = list(dict.fromkeys(r["id"] for r in rows))
    assert seen == ["intro-1", "intro-2", "intro-3"]  # every segment, in the file's order
    assert any(r["id"] == "intro-1" and r["category"] == "number" for r in rows)
    assert [r["error"] != "" for r in rows if r["id"] == "intro-3"] == [True]


def test_broken_xliff_is_a_user_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.xlf"
    path.write_text("<xliff version='1.2'><file><body><trans-unit", encoding="utf-8")
    res = CliRunner().invoke(main, ["check-pairs", str(path), "-o", str(tmp_path / "o.jsonl"), "--model", "none"])
    assert res.exit_code == 1 and "broken.xlf" in res.output and "Traceback" not in res.output
