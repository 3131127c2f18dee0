import json

import numpy as np
import pytest
from click.testing import CliRunner
from compare_helpers import pair

from rumorlens.compare import PairStats
from rumorlens.compare.translated import translation_findings
from rumorlens.records import Mention


class DictTranslator:
    """Translates by lookup: the plumbing is under test, not the model."""

    def __init__(self, table):
        self.table = table

    def translate(self, texts):
        return [self.table[t] for t in texts]


class BagEncoder:
    """Bag-of-words vectors: same words, same vector."""

    def encode(self, texts):
        vocab = sorted({w for t in texts for w in t.lower().split()} | {"_"})
        out = np.zeros((len(texts), 64), dtype="float32")
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, hash(w) % 64] += 1
            out[i] /= max(1e-9, np.linalg.norm(out[i]))
        return out


def test_translation_names_missing_from_target():
    src, tgt = "普京出席了阅兵式。", "The president attended the parade."
    p = pair(src, tgt, "zh", "en", stats=PairStats())
    table = {src: "Putin attended the parade."}

    def extract(text, lang):
        i = text.find("Putin")
        return [Mention("", i, i + 5, "Putin", lang, "entity", "PER")] if i >= 0 else []

    fs = translation_findings([p], lambda s, t: DictTranslator(table), BagEncoder(), extract)
    assert [(f.category, f.type) for f in fs] == [("entity", "missing_per_mt")]
    assert fs[0].evidence[0].value == "Putin"
    # the source's own name, when its mentions hold it, is the evidence with
    # its offsets (not the whole sentence); the passages are context
    named = pair(src, tgt, "zh", "en", src_m=[Mention("a", 0, 2, "普京", "zh", "entity", "PER")], stats=PairStats())
    (f,) = translation_findings([named], lambda s, t: DictTranslator(table), BagEncoder(), extract)
    assert [(e.text, e.start, e.end, e.value, e.role) for e in f.evidence] == [
        ("普京", 0, 2, "Putin", None), (src, 0, len(src), None, "context"), (tgt, 0, len(tgt), None, "context")]


def test_check_pairs_translate_without_package_is_one_line_error(tmp_path, monkeypatch):
    pytest.importorskip("argostranslate")
    from rumorlens.cli import main

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": 1, "src": "他没有来。", "tgt": "He came.", "src_lang": "zh", "tgt_lang": "en"}) + "\n")
    res = CliRunner().invoke(main, ["check-pairs", str(inp), "-o", str(tmp_path / "out.jsonl"), "--translate"])
    assert res.exit_code == 1, res.output
    assert "argospm install" in res.output and "Traceback" not in res.output
