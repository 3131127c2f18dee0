"""Identical copies of one article (an archive that holds the same file many
times): each copy is represented by the first document with its text, so n
copies cost one alignment per other version, not n^2 / 2 pairs that can find
nothing (found by a hostile-corpus trial: 20 copies took 190 aligned pairs,
60 did not finish in 17 minutes)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema

from rumorlens import pipeline
from rumorlens.grouping import identical_copies

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text())
ORIGINAL = "seeds/003_6bee6f61d1f82674.txt"
RETELLING = "extra/en_asiae_gpt5_orion_delays.txt"


def test_identical_copies_map_each_later_copy_to_the_first_by_id():
    text = {"a": "same", "b": "other", "c": "same", "d": "same", "e": "other one"}
    assert identical_copies(["d", "c", "b", "a", "e"], text) == {"c": "a", "d": "a"}
    assert identical_copies(["a", "b"], text) == {}
    # the same words saved with other white space or in another Unicode form are a copy
    saved = {"a": "Café au lait.\nSecond line.", "b": "Cafe\u0301 au  lait.\r\n  Second line.\n", "c": "Café au lait."}
    assert identical_copies(["a", "b", "c"], saved) == {"b": "a"}


def _corpus(root: Path, corpus_dir: Path, n_copies: int) -> Path:
    root.mkdir()
    shutil.copy(corpus_dir / ORIGINAL, root / "original.txt")
    for k in range(n_copies + 1):
        shutil.copy(corpus_dir / RETELLING, root / f"retelling-{k}.txt")
    return root


def test_copies_are_aligned_and_checked_through_the_document_they_copy(tmp_path, corpus_dir):
    one = pipeline.run_all(_corpus(tmp_path / "one", corpus_dir, 0), use_cache=False)
    many = pipeline.run_all(_corpus(tmp_path / "many", corpus_dir, 4), use_cache=False)
    jsonschema.validate(many, SCHEMA)
    assert [g["docs"] for g in one["groups"]] == [["original.txt", "retelling-0.txt"]]
    assert "copies" not in one["groups"][0]  # reports without copies keep their bytes
    (group,) = many["groups"]
    assert len(group["docs"]) == 6
    assert group["copies"] == {f"retelling-{k}.txt": "retelling-0.txt" for k in range(1, 5)}
    # the same pairs and findings as the corpus without copies: no copy is
    # aligned with its original, with another copy or with the other version
    assert [(p["src_doc"], p["tgt_doc"]) for p in many["pairs"]] == [(p["src_doc"], p["tgt_doc"])
                                                                        for p in one["pairs"]]
    assert many["discrepancies"] == one["discrepancies"]


def test_every_copy_joins_its_group_however_many_there_are(tmp_path, corpus_dir):
    # the sentence-neighbour search gives each sentence at most about 40
    # matches: 45 copies used to leave some of them out of the group
    root = tmp_path / "copies"
    root.mkdir()
    for k in range(45):
        shutil.copy(corpus_dir / RETELLING, root / f"copy-{k:02d}.txt")
    report = pipeline.run_all(root, use_cache=False)
    (group,) = report["groups"]
    assert len(group["docs"]) == 45 and len(group["copies"]) == 44
    assert set(group["copies"].values()) == {"copy-00.txt"}
    assert report["pairs"] == []
