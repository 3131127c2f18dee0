import pytest

from rumorlens.fingerprint import fingerprint, normalize_evidence_text

DOCS = {"d1": {"path": "a/zh.txt"}, "d2": {"path": "b/en.txt"}}


def _finding(**kw):
    f = {"id": "f-1", "category": "number", "type": "value_changed", "severity": "high",
         "evidence": [{"doc": "d1", "path": "a/zh.txt", "start": 3, "end": 8, "text": "1570亿美元"},
                      {"doc": "d2", "path": "b/en.txt", "start": 10, "end": 22, "text": "$150 billion"}]}
    f.update(kw)
    return f


def test_offsets_ids_and_order_do_not_change_it():
    f = _finding()
    moved = _finding(id="f-2", severity="low", evidence=[
        {"doc": "d2", "path": "b/en.txt", "start": 99, "end": 111, "text": "$150 billion"},
        {"doc": "d1", "path": "a/zh.txt", "start": 40, "end": 45, "text": "1570亿美元"}])
    assert fingerprint(f, DOCS) == fingerprint(moved, DOCS)
    assert fingerprint(f, DOCS).startswith("fp-") and len(fingerprint(f, DOCS)) == 19


def test_normalization_of_evidence_text():
    assert normalize_evidence_text("  ＡＢＣ\n  Def\t") == "abc def"
    wide = _finding(evidence=[{"doc": "d1", "text": "1570亿美元"},
                              {"doc": "d2", "text": "$150\n BILLION"}])
    assert fingerprint(wide, DOCS) == fingerprint(_finding(), DOCS)


@pytest.mark.parametrize("change", [
    {"category": "date"}, {"type": "scale_error"},
    {"evidence": [{"doc": "d1", "path": "a/zh.txt", "text": "1570亿美元"},
                  {"doc": "d2", "path": "b/en.txt", "text": "$157 billion"}]},
    {"evidence": [{"doc": "d1", "path": "c/zh.txt", "text": "1570亿美元"},
                  {"doc": "d2", "path": "b/en.txt", "text": "$150 billion"}]},
])
def test_what_it_says_does_change_it(change):
    assert fingerprint(_finding(**change), DOCS) != fingerprint(_finding(), DOCS)


def test_path_taken_from_documents_when_evidence_has_none():
    bare = _finding(evidence=[{"doc": "d1", "text": "1570亿美元"}, {"doc": "d2", "text": "$150 billion"}])
    assert fingerprint(bare, DOCS) == fingerprint(_finding(), DOCS)
    with pytest.raises(KeyError):
        fingerprint(_finding(evidence=[{"doc": "d9", "text": "x"}]), DOCS)


def test_gap_and_context_evidence_say_where_not_what():
    one_sided = _finding(evidence=[{"doc": "d1", "path": "a/zh.txt", "text": "1570亿美元"}])
    placed = _finding(evidence=[{"doc": "d1", "path": "a/zh.txt", "text": "1570亿美元"},
                                {"doc": "d2", "path": "b/en.txt", "text": "", "role": "gap"},
                                {"doc": "d2", "path": "b/en.txt", "text": "Before. After.", "role": "context"}])
    assert fingerprint(placed, DOCS) == fingerprint(one_sided, DOCS)
    cue = _finding(evidence=[{"doc": "d1", "path": "a/zh.txt", "text": "1570亿美元"},
                             {"doc": "d2", "path": "b/en.txt", "text": "not", "role": "cue"}])
    assert fingerprint(cue, DOCS) != fingerprint(one_sided, DOCS)
