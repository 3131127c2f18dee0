"""Defects found by fresh-user trials (r25), each fixed as a kind: an
internal conflict needs one subject, explanations name things as a reader
knows them, a conflict's headline never sets a value against itself."""
from __future__ import annotations

from pathlib import Path

from rumorlens.compare.consolidate import Versions
from rumorlens.compare.driver import MentionIndex
from rumorlens.compare.internal import internal_conflicts
from rumorlens.digest import build_digest
from rumorlens.ingest import load_file
from rumorlens.mentions import extract_document
from rumorlens.segment import segment_document


def _versions(tmp_path: Path, text: str) -> Versions:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    doc = load_file(p)
    sents = segment_document(doc)
    return Versions({doc.id: doc}, {doc.id: sents}, {}, mentions={doc.id: MentionIndex(extract_document(doc))})


def test_an_internal_conflict_needs_the_same_subject(tmp_path):
    # one attribute (ARR) of two different holders: Jasper's, and several vendors'
    other_holders = ("之后两年，基于 GPT-3 API 构建的应用生态持续发展，诞生了一系列明星公司：Jasper（2022 年 ARR 达 9000 万美金），"
                     "Copy.ai 等。\n\n应用厂商当前用户和营收增长迅速，当前已经多厂商 ARR 达 1 亿美金。\n")
    assert internal_conflicts(_versions(tmp_path, other_holders)) == []
    # the same in English, where NER tags ARR as an organisation
    for other in ("Several vendors already report ARR of $100 million today.", "Copy.ai reached ARR of $100 million."):
        text = f"Jasper, a writing start-up, reached ARR of $90 million in 2022.\n\n{other}\n"
        assert internal_conflicts(_versions(tmp_path, text)) == [], other
    (f,) = internal_conflicts(_versions(tmp_path, "Jasper reached ARR of $90 million in 2022.\n\n"
                                                    "Later that year Jasper reached ARR of $100 million.\n"))
    assert "about ARR:" in f.explanation
    # the same name with two values: one subject, one attribute
    same = ("在这样的背景下，OpenAI 于 2020 年 5 月推出了 GPT-3（175B）。\n\n"
            "后来的文章又写道，因为放不下 GPT-3 176B 的参数量，只能换卡。\n")
    (f,) = internal_conflicts(_versions(tmp_path, same))
    assert f.type == "internal" and [e.text for e in f.evidence[:2]] == ["175B", "176B"]
    # explanations name the subject as the page writes it, not its internal key
    assert "about GPT-3:" in f.explanation and "gpt3" not in f.explanation
    assert [e.role for e in f.evidence[2:]] == ["context", "context"]


def _conflict(fid, typ, a, b):
    ev = [{"doc": d, "path": d, "start": s, "end": s + len(t), "text": t, "value": v, "role": None}
          for d, s, t, v in (a, b)]
    return {"id": fid, "category": "conflict", "type": typ, "severity": "medium", "confidence": 0.85,
            "docs": sorted({a[0], b[0]}), "evidence": ev, "explanation": "x"}


def test_the_headline_of_a_conflict_never_sets_a_value_against_itself():
    # doc A states 175B and 176B (an internal conflict); doc B's 1750 亿 (the
    # same value as A's 175B) conflicts with A's 176B: joined through A's
    # 176B into one change, whose sentence once read "A says 175B where B
    # says 1750 亿"
    internal = _conflict("f-1", "internal", ("a", 10, "175B", 175e9), ("a", 90, "176B", 176e9))
    across = _conflict("f-2", "value_conflict", ("b", 5, "1750 亿个参数", 175e9), ("a", 90, "176B", 176e9))
    report = {"documents": [{"id": "a", "path": "a.txt", "lang": "zh", "title": "A"},
                            {"id": "b", "path": "b.md", "lang": "zh", "title": "B"}],
              "groups": [], "discrepancies": [internal, across]}
    (article,) = build_digest(report)
    (change,) = article["top"]
    assert change["findings"] == ["f-1", "f-2"]
    assert "«176B»" in change["sentence"] and "«1750 亿个参数»" in change["sentence"], change["sentence"]
    assert "«175B»" not in change["sentence"]


def test_latin_word_salad_is_a_language_not_told_not_an_unknown_script(tmp_path):
    """A paragraph of Latin-script words that read as no language was
    skipped as "script not recognized": the script is Latin; what could not
    be told is the language.  The message names the paragraph; text with
    no letters says so; an unknown script is still called one."""
    from rumorlens.ingest import ingest_corpus

    (tmp_path / "salad.txt").write_text("Intro line\n\nXq zv brrk\n\nzzkq xxvv pppt\n", encoding="utf-8")
    (tmp_path / "digits.txt").write_text("12345 67890 ---- ####\n", encoding="utf-8")
    (tmp_path / "amharic.txt").write_text("ሰላም ለዓለም ይህ የሙከራ ጽሑፍ ነው። " * 10, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("The council met on Monday and approved the budget for the new bridge "
                                     "over the river, the mayor said.\n", encoding="utf-8")
    docs, skipped = ingest_corpus(tmp_path)
    assert [d.path for d in docs] == ["ok.txt"]
    reasons = {s.path: s.reason for s in skipped}
    assert reasons["salad.txt"].startswith("language could not be told")
    assert "paragraph 1 (line 1): «Intro line», and 2 more paragraphs" in reasons["salad.txt"]
    assert "script" not in reasons["salad.txt"]
    assert reasons["digits.txt"] == "no letters to tell a language by (only digits, punctuation or symbols)"
    assert "script not recognized" in reasons["amharic.txt"]


def test_nothing_usable_counts_every_skipped_file(tmp_path):
    """The "nothing usable" error quotes five reasons; the others are
    counted, not left out without a word."""
    import pytest

    from rumorlens.errors import UserError
    from rumorlens.ingest import ingest_corpus

    for k in range(7):
        (tmp_path / f"e{k}.txt").write_bytes(b"")
    with pytest.raises(UserError, match=r"e4\.txt: empty file; and 2 more files skipped\)$"):
        ingest_corpus(tmp_path)


def test_traditional_chinese_cues_read_as_their_simplified_form():
    """超過 3000 (traditional) is "more than 3000", as 超过 is: the cue
    lexicons are simplified, the numbers are read in t2s's reading; the
    mention quotes the page's own characters."""
    from rumorlens.mentions import extract_text

    simplified = [(m.text, m.value, m.approx) for m in extract_text("据报道，超过3000人参加了游行。", "zh")
                  if m.kind == "number"]
    traditional = [(m.text, m.value, m.approx) for m in extract_text("據報道，超過3000人參加了遊行。", "zh")
                   if m.kind == "number"]
    assert simplified == [("超过3000人", 3000, simplified[0][2])] and simplified[0][2]
    assert traditional == [("超過3000人", 3000, simplified[0][2])]


def test_no_number_is_read_inside_a_terminal_escape_sequence():
    """A text captured from a terminal: the colour codes' 31, 1;32 and 0
    are no numbers, a window title's is none either, and a coloured figure
    keeps its scale word ("\\x1b[1;32m400\\x1b[0m million")."""
    from rumorlens.mentions import extract_text

    text = ("The company said \x1b[31mrevenue\x1b[0m rose to 500 million dollars, up from "
            "\x1b[1;32m400\x1b[0m million \x1b]0;build 12\x07in the year before.")
    numbers = [m for m in extract_text(text, "en") if m.kind in ("number", "date")]
    assert [m.value for m in numbers] == [5e8, 4e8]
    for m in numbers:
        assert m.text == text[m.start:m.end] and m.text.startswith(("500", "400"))


def test_terminal_escape_sequences_are_cut_out_at_ingest(tmp_path):
    """A retelling captured from a terminal was kept out of its group and
    quoted «50\\x1b[0m percent» as evidence: the document's text has no
    escape sequence or control character left, and its words read as
    the same text without them."""
    plain = "The bridge will cut traffic by 50 percent, the mayor said on Monday."
    coloured = ("The bridge will cut traffic by \x1b[31m50\x1b[0m percent, \x1b]52;c;ZWNobw==\x07"
                "the mayor said on Monday.\x1b[2J")
    (tmp_path / "a.txt").write_text(coloured, encoding="utf-8")
    doc = load_file(tmp_path / "a.txt", root=tmp_path)
    assert doc.text.strip() == plain
    numbers = [m for m in extract_document(doc) if m.kind == "number"]
    assert [(m.text, m.value) for m in numbers] == [("50 percent", 50.0)]


def test_controls_that_separate_words_survive_ingest(tmp_path):
    """Cutting escape sequences must not glue the words a form feed (a PDF
    page break), a vertical tab or NEL separates."""
    (tmp_path / "a.txt").write_text("The bridge reopened on Monday.\x0cThe mayor\x0bspoke\x85today.", encoding="utf-8")
    doc = load_file(tmp_path / "a.txt", root=tmp_path)
    assert doc.text == "The bridge reopened on Monday.\x0cThe mayor\x0bspoke\x85today."


def test_nothing_usable_names_a_sixth_file_rather_than_counting_one_more(tmp_path):
    """'and 1 more file skipped' named nothing a fresh user could look at
    (a helper's trial of session 59): six files are all named."""
    import pytest

    from rumorlens.errors import UserError
    from rumorlens.ingest import ingest_corpus

    for k in range(6):
        (tmp_path / f"e{k}.txt").write_bytes(b"")
    with pytest.raises(UserError, match=r"e5\.txt: empty file\)$"):
        ingest_corpus(tmp_path)
