"""Mentions and claims read many documents per call of the NLP models
(issue 12): the batches, the result cache around them, and results that do
not depend on the company a document is read in."""
from __future__ import annotations

import pytest

from rumorlens import pipeline, spacy_models
from rumorlens.records import Document, Mention, Paragraph
from rumorlens.resultcache import ResultCache, cached_map
from rumorlens.runner import Batch, SerialRunner, batched, make_runner, weight

EN = ("Sam Altman told Reuters on Monday that OpenAI would raise $6.6 billion. "
      "The deal, led by Thrive Capital, values the company at $157 billion.")
FR = ("Selon Le Monde, Emmanuel Macron aurait rencontré Sundar Pichai à Paris le 3 mars. "
      "Google investirait 1,5 milliard d'euros en France d'ici 2026.")
ZH = "据路透社报道，萨姆·奥尔特曼周一表示，OpenAI将融资66亿美元，估值达到1570亿美元。"


def test_batches_keep_the_order_and_their_bounds():
    sizes = [5, 30, 1, 1, 200, 7, 7, 7, 7, 7, 3]
    items = list(range(len(sizes)))
    cut = batched(items, lambda i: sizes[i], max_size=40, max_items=4)
    assert all(isinstance(b, Batch) for b in cut)
    assert [i for b in cut for i in b] == items
    for b in cut:
        assert len(b) <= 4
        assert len(b) == 1 or sum(sizes[i] for i in b) <= 40  # a larger item goes alone
    assert [4] in [list(b) for b in cut]
    assert batched([], len, 10, 10) == []


def test_a_runner_counts_the_items_of_a_batch():
    assert weight(Batch([1, 2, 3])) == 3 and weight([1, 2, 3]) == 1 and weight("x") == 1


def _numbers(n: int) -> list[Mention]:
    return [Mention(f"d{n}", 0, 1, str(n), "en", "number", "count", value=2 * n)]


def _numbers_all(items):
    _calls.append(list(items))
    return [_numbers(n) for n in items]


_calls: list = []


def test_only_the_items_the_cache_lacks_are_computed_and_in_batches(tmp_path):
    batch = lambda items: batched(items, lambda x: 1, max_size=3, max_items=3)  # noqa: E731
    _calls.clear()
    with ResultCache(tmp_path) as cache:
        first = cached_map(cache, SerialRunner(), _numbers_all, list(range(7)), lambda x: (x,), stage="t",
                           record=Mention, batch=batch)
        assert _calls == [[0, 1, 2], [3, 4, 5], [6]]
        _calls.clear()
        again = cached_map(cache, SerialRunner(), _numbers_all, list(range(9)), lambda x: (x,), stage="t",
                           record=Mention, batch=batch)
    assert first == [_numbers(n) for n in range(7)] and again == [_numbers(n) for n in range(9)]
    assert _calls == [[7, 8]]  # a cached item is never computed again
    assert cache.hits["t"] == 7 and cache.misses["t"] == 7 + 2


def _docs() -> list[Document]:
    texts = [("en", EN), ("fr", FR), ("zh", ZH), ("en", EN.replace("Monday", "Tuesday") + "\n\n" + FR)]
    docs = []
    for k, (lang, text) in enumerate(texts):
        paragraphs = [Paragraph(0, len(text), lang)]
        if "\n\n" in text:  # one English and one French paragraph
            cut = text.index("\n\n")
            paragraphs = [Paragraph(0, cut, "en"), Paragraph(cut + 2, len(text), "fr")]
        docs.append(Document(id=f"d{k}", path=f"d{k}.txt", lang=lang, languages=sorted({p.lang for p in paragraphs}),
                             text=text, format="txt", encoding="utf-8", paragraphs=paragraphs))
    return docs


def test_mentions_of_documents_read_together_are_those_read_alone():
    from rumorlens.mentions import extract_document, extract_documents

    docs = _docs()
    alone = [extract_document(d) for d in docs]
    assert any(m.kind == "entity" for m in alone[0]) and any(m.kind == "entity" for m in alone[2])
    assert extract_documents(docs) == alone
    assert extract_documents(docs[::-1]) == alone[::-1]


def test_claim_profiles_of_documents_read_together_are_those_read_alone():
    from rumorlens.claims import profile_document, profile_documents
    from rumorlens.segment import segment_document

    items = [(d, segment_document(d)) for d in _docs()]
    alone = [profile_document(d, s) for d, s in items]
    assert any(c.cues for p in alone[1] for c in p.clauses)  # "aurait", "investirait": conditional
    assert profile_documents(items) == alone
    assert profile_documents(items[::-1]) == alone[::-1]


@pytest.mark.parametrize("lang,text", [("en", EN), ("fr", FR)])
def test_ner_without_the_shared_tok2vec_finds_what_the_whole_pipeline_finds(lang, text):
    nlp = spacy_models.model(lang)
    assert "tok2vec" in spacy_models.disabled(lang, spacy_models.FOR_NER)
    assert not spacy_models.ner_reads_shared_tok2vec(nlp)
    whole = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    ner_only = spacy_models.disabled(lang, spacy_models.FOR_NER)
    alone = [(e.start_char, e.end_char, e.label_) for e in nlp(text, disable=ner_only).ents]
    assert whole and alone == whole


def test_stage_results_are_the_same_with_a_pool(monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_DOCS", 2)  # two batches of two documents each, one per worker
    docs = _docs()
    from rumorlens.segment import segment_document

    sentences = {d.id: segment_document(d) for d in docs}
    serial = pipeline.mentions(docs), pipeline.claims(docs, sentences)
    with make_runner("local", jobs=2) as runner:
        pooled = pipeline.mentions(docs, runner), pipeline.claims(docs, sentences, runner)
    assert pooled == serial and all(isinstance(m, Mention) for m in serial[0])


def test_lemmas_are_those_of_the_model_as_shipped():
    import spacy

    text = ("Les chercheurs auraient découvert des anomalies ; elles étaient cachées dans les données "
            "que l'entreprise publiait chaque année depuis 2019.")
    shipped = spacy.load("fr_core_news_sm")
    ours = spacy_models.model("fr")
    table = ours.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(table[k], frozenset) for k in table.keys())
    assert [t.lemma_ for t in ours(text)] == [t.lemma_ for t in shipped(text)]
    assert "découvrir" in [t.lemma_ for t in ours(text)]


def test_gazetteer_names_match_as_with_a_plain_lookbehind():
    import re

    from rumorlens.mentions import entities, gazetteer

    names = gazetteer.load().mention_names()
    plain = re.compile("|".join(r"(?<![\w\-])" + re.escape(n) + r"(?![\w\-]|\.\d)" if n[:1].isascii()
                                else re.escape(n) for n in names))
    ascii_names = [n for n in names if n[:1].isascii()][:40]
    # each name at the start, after a letter, a hyphen, a space, a Han character; before .5, a letter, a comma
    text = "\n".join(f"{n} x{n} -{n} ({n}) 据{n}, {n}.5 {n}s {n}." for n in ascii_names + names[-20:])
    found = [(m.start(), m.end()) for m in entities._alias_re().finditer(text)]
    assert found == [(m.start(), m.end()) for m in plain.finditer(text)]
    assert len(found) >= 3 * len(ascii_names)


@pytest.mark.parametrize("lang,text", [
    ("zh", "据传闻，他很可能不只是可能性的问题，完全读完全文。"),
    ("fr", "Il est très probablement possible que Google investisse peut-être davantage, selon certains."),
    ("en", "It may possibly be the most likely outcome, perhaps, and reportedly not only for Google."),
])
def test_every_lexicon_match_at_every_start_is_found(lang, text):
    from rumorlens.claims.cues import _all_matches
    from rumorlens.claims.lexicon import load

    low = text.casefold()
    pattern = load(lang).pattern
    naive = {pattern.match(low, k).span() for k in range(len(low)) if pattern.match(low, k)}
    assert naive and _all_matches(pattern, low) == sorted(naive, key=lambda s: (-(s[1] - s[0]), s[0]))


def _fresh_python(code: str) -> str:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_spacy_loads_without_importing_torch_and_torch_still_imports_after():
    pytest.importorskip("torch")  # installed by the st extra; without it there is nothing to hide
    out = _fresh_python(
        "import sys\n"
        "from rumorlens import spacy_models\n"
        "nlp = spacy_models.model('en')\n"
        "print('torch' in sys.modules, [e.label_ for e in nlp('Sam Altman met Reuters in Paris.').ents] != [])\n"
        "import torch, thinc.compat\n"
        "print(torch.zeros(2).sum().item(), thinc.compat.has_torch)\n")
    assert out.splitlines() == ["False True", "0.0 False"]


def test_spacy_keeps_a_torch_imported_before_it():
    pytest.importorskip("torch")
    out = _fresh_python(
        "import torch\n"
        "from rumorlens import spacy_models\n"
        "spacy_models.model('fr')\n"
        "import thinc.compat\n"
        "print(thinc.compat.has_torch)\n")
    assert out == "True"
def _numbers_flat(items):
    """One job's records, as compare's job of a group's pairs gives them."""
    return [m for n in items for m in _numbers(n)]


def test_a_stage_found_whole_in_the_cache_says_so_once(tmp_path, monkeypatch, capsys):
    # "mentions: 1 of 1 document from the result cache" then "mentions: 0
    # documents in 0.0 s" (a fresh user's trial): one line, saying all of them
    from rumorlens import progress

    monkeypatch.setattr(progress, "_is_tty", lambda: False)
    progress.configure(quiet=False)
    with ResultCache(tmp_path) as cache:
        cached_map(cache, SerialRunner(), _numbers, [1], lambda x: (x,), stage="mentions", record=Mention)
        capsys.readouterr()
        again = cached_map(cache, SerialRunner(), _numbers, [1], lambda x: (x,), stage="mentions", record=Mention)
        assert capsys.readouterr().err.splitlines() == ["rumorlens: mentions: 1 document from the result cache"]
        cached_map(cache, SerialRunner(), _numbers, [1, 2], lambda x: (x,), stage="mentions", record=Mention)
        assert capsys.readouterr().err.splitlines()[0] == "rumorlens: mentions: 1 of 2 documents from the result cache"
        cached_map(cache, SerialRunner(), _numbers, [1, 2], lambda x: (x,), stage="mentions", record=Mention)
        assert capsys.readouterr().err.splitlines() == ["rumorlens: mentions: all 2 documents from the result cache"]
        # compare's jobs are batches of pairs (a group's): counted as pairs, like its progress line
        jobs = [Batch([1, 2, 3]), Batch([4, 5, 6])]
        for _ in range(2):
            cached_map(cache, SerialRunner(), _numbers_flat, jobs, lambda b: tuple(b), stage="compare", record=Mention)
        assert capsys.readouterr().err.splitlines()[-1] == "rumorlens: compare: all 6 pairs from the result cache"
    assert again == [_numbers(1)]
