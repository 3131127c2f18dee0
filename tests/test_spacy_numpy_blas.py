"""spaCy's products on numpy's BLAS, one thread (spacy_models.on_numpy_blas):
the same analyses as thinc's default BLIS gives, every component."""
import re
from pathlib import Path

import pytest
from threadpoolctl import threadpool_info

from rumorlens import spacy_models

ROOT = Path(__file__).resolve().parents[1]


def _sentences(lang: str, limit: int = 120) -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus").rglob("*")):
        if not path.is_file() or path.suffix not in (".txt", ".md"):
            continue
        for s in re.split(r"(?<=[.!?])\s+|\n+", path.read_text(encoding="utf-8")):
            if len(s) > 25 and not re.search(r"[\u3000-\u9fff]", s) \
                    and (lang == "fr") == bool(re.search(r"\b(le|la|les|des|est)\b", s)):
                out.append(s)
    return out[:limit]


def _analyses(nlp, texts):
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
            + [(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_same_analyses_as_with_blis(lang):
    from thinc.api import NumpyOps

    nlp = spacy_models.model(lang)
    spacy = spacy_models.import_spacy()
    default = spacy.load("fr_core_news_sm" if lang == "fr" else spacy_models.english_model_name())
    nodes = [n for _, c in nlp.pipeline if hasattr(getattr(c, "model", None), "walk") for n in c.model.walk()]
    assert nodes and all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nodes)
    assert any(getattr(n.ops, "use_blis", False) for _, c in default.pipeline
               if hasattr(getattr(c, "model", None), "walk") for n in c.model.walk()), "the copy runs on BLIS"
    texts = _sentences(lang)
    assert len(texts) >= 40
    assert _analyses(nlp, texts) == _analyses(default, texts)


def test_loading_sets_numpys_blas_to_one_thread():
    from threadpoolctl import threadpool_limits

    def numpy_blas_threads():
        # numpy's own BLAS (its wheel's libscipy_openblas, under numpy.libs): the one thinc's NumpyOps calls
        return {d["num_threads"] for d in threadpool_info() if d["user_api"] == "blas" and "numpy" in d["filepath"]}

    nlp = spacy_models.model("en")
    with threadpool_limits(limits=2, user_api="blas"):
        assert numpy_blas_threads() == {2}
        spacy_models.on_numpy_blas(nlp)
        assert numpy_blas_threads() == {1}


def test_character_sets_optimized_once_compile_the_same_patterns():
    """spacy_models.charsets_optimized_once: each character set optimized
    once inside the block, the same compiled patterns, Python's compiler
    as it was after it."""
    import re

    from rumorlens import spacy_models

    try:
        from re import _compiler as compiler
    except ImportError:
        import sre_compile as compiler
    before = compiler._optimize_charset
    letters = "[^\\W\\d_]"
    patterns = [f"(?i)^{letters}+-{k}{letters}*$" for k in "abc"] + [f"{letters}+[’']{letters}+"]
    texts = ["Élan-apport", "ça-bouge", "c'est", "anti-Çà", "x-y", "1-2", "l’État"]
    outside = [[bool(re.compile(p, re.U).search(t)) for t in texts] for p in patterns]
    calls = []

    def counted(*args):
        calls.append(args[0])
        return before(*args)

    compiler._optimize_charset = counted
    try:
        with spacy_models.charsets_optimized_once():
            re.purge()
            inside = [[bool(re.compile(p, re.U).search(t)) for t in texts] for p in patterns]
    finally:
        compiler._optimize_charset = before
    assert inside == outside
    assert len(calls) < len(patterns) * 2  # the letter class once, not once per pattern
    assert compiler._optimize_charset is before
