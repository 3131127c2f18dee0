"""Untrusted corpora (issue 10): each hostile or large input is built on the
spot, and the behaviour it gets is stated in the test's name.

An OSINT user unpacks an archive from an untrusted source and runs
`rumorlens align` on it: the run must finish, read nothing outside the
corpus, keep every document apart, fail clearly when it cannot write, and
say what it is doing.  Large cases (10,000 files, 15 MB, a 5 MB line) are
measured by `make bench-robust`, never timed here."""
from __future__ import annotations

import errno
import io
import json
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from rumorlens import ingest, pipeline, progress
from rumorlens.cli import main
from rumorlens.embed import CachedEncoder
from rumorlens.errors import UserError
from rumorlens.records import Document, Skipped, atomic_write_text, check_writable
from rumorlens.report import build_report, render_report
from rumorlens.segment import MAX_UNIT_CHARS, segment_document

EN = "OpenAI's work on GPT-5, nicknamed Project Orion, has hit a major bump. The project is running behind schedule."
FR = "L'analyste Alberto Romero spécule : le GPT-5 d'OpenAI est attendu depuis longtemps. Le projet a pris du retard."
ZH = "OpenAI 的 GPT-5 项目研发进度已落后于预定计划。该项目已经开发超过 18 个月。"
SECRET = "TOP-SECRET-0xDEADBEEF: this private text must never reach a report"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / "cache"))


def reasons(skipped) -> dict:
    return {s.path: s.reason for s in skipped}


# ---------------------------------------------------------------- links


def test_link_to_the_root_folder_is_skipped_not_walked(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    os.symlink("/", corpus / "everything")
    docs, skipped = ingest.ingest_corpus(corpus)
    assert [d.path for d in docs] == ["a.txt"]
    assert reasons(skipped) == {"everything": "symlink to a folder outside the corpus: not followed "
                                              "(--follow-links reads it)"}


def test_link_to_a_file_outside_is_not_read_unless_follow_links(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    secret = write(tmp_path / "private" / "diary.txt", SECRET)
    os.symlink(secret, corpus / "diary.txt")
    os.symlink(tmp_path / "private", corpus / "private")
    docs, skipped = ingest.ingest_corpus(corpus)
    assert [d.path for d in docs] == ["a.txt"]
    assert all(SECRET not in d.text for d in docs)
    assert "symlink to a file outside the corpus" in reasons(skipped)["diary.txt"]
    assert "symlink to a folder outside the corpus" in reasons(skipped)["private"]
    docs, skipped = ingest.ingest_corpus(corpus, follow_links=True)  # opted in
    assert sorted(d.path for d in docs) == ["a.txt", "diary.txt"]
    # the same file behind two links is still read once
    assert "same file as diary.txt" in reasons(skipped)["private/diary.txt"]


def test_links_inside_the_corpus_read_each_file_once_and_loops_stop(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "news" / "zh.txt", ZH)
    os.symlink(corpus / "news" / "zh.txt", corpus / "a_link.txt")  # walked before its target
    os.symlink(corpus / "news", corpus / "b_news")  # a second way into a folder
    os.symlink(corpus, corpus / "news" / "up")  # a loop back to the top
    for follow in (False, True):
        docs, skipped = ingest.ingest_corpus(corpus, follow_links=follow)
        assert [d.path for d in docs] == ["news/zh.txt"]  # the real path wins over the link
        r = reasons(skipped)
        assert r["a_link.txt"] == "same file as news/zh.txt (read once)"
        assert r["b_news"] == "link to a folder inside the corpus: read as news"
        assert r["news/up"] == "symlink loop: links back to ."


# ---------------------------------------------------------------- ids


def test_colliding_names_get_unique_ids_that_do_not_depend_on_creation_order(tmp_path):
    names = ["with space.txt", "with-space.txt", "with/space.txt"]
    runs = []
    for order in (names, names[::-1]):
        corpus = tmp_path / f"corpus{len(runs)}"
        for name in order:
            write(corpus / name, EN + " " + name)
        docs, _ = ingest.ingest_corpus(corpus)
        runs.append({d.path: d.id for d in docs})
    assert runs[0] == runs[1]
    ids = runs[0]
    assert len(set(ids.values())) == 3
    # the first by raw path bytes keeps today's id; the others get ~ and a hash
    assert ids["with space.txt"] == "with-space.txt"
    assert ids["with-space.txt"].startswith("with-space.txt~") and len(ids["with-space.txt"]) == 23
    assert ids["with/space.txt"].startswith("with-space.txt~")
    # a name that collides with nothing keeps its plain id
    assert ingest.assign_ids(["seeds/000_f7a0604eb51843c0.txt"]) == {
        "seeds/000_f7a0604eb51843c0.txt": "seeds-000_f7a0604eb51843c0.txt"}


def test_schema_says_ids_are_unique():
    schema = json.loads((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text())
    doc = schema["properties"]["documents"]["items"]["properties"]
    assert "Unique" in doc["id"]["description"] and "~" in doc["id"]["description"]
    assert "path_note" in doc


# ---------------------------------------------------------------- names


def test_file_name_that_is_not_utf8_is_escaped_and_noted(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    raw = os.path.join(os.fsencode(corpus), b"caf\xe9.txt")  # Latin-1 bytes, not UTF-8
    with open(raw, "wb") as fh:
        fh.write(FR.encode("utf-8"))
    write(corpus / "bad\xe9dir.pdf", b"%PDF-1.4")  # valid UTF-8 name: left as is
    docs, skipped = ingest.ingest_corpus(corpus)
    (doc,) = docs
    assert doc.path == "caf\\xe9.txt" and doc.id == "caf-xe9.txt"
    assert "not valid UTF-8" in doc.path_note
    assert skipped[0].path == "bad\xe9dir.pdf" and skipped[0].path_note is None
    text = render_report(build_report(docs, skipped, [], [], {doc.id: segment_document(doc)}, []))
    text.encode("utf-8")  # the whole report is valid UTF-8 text
    report = json.loads(text)
    assert report["documents"][0]["path"] == "caf\\xe9.txt"
    assert report["documents"][0]["path_note"] == doc.path_note
    assert "path_note" not in report["skipped"][0]


def test_control_characters_in_a_name_are_escaped():
    assert ingest.display_path("a\nb.txt") == ("a\\nb.txt", ingest.NAME_NOTE_CONTROL)
    assert ingest.display_path("plain/名字.txt") == ("plain/名字.txt", None)


# ---------------------------------------------------------------- depth


def test_a_thousand_nested_folders_are_walked_without_recursion(tmp_path):
    corpus = tmp_path / "corpus"
    chain = nest(corpus, "d", 1000)
    write(chain[-1] / "a.txt", EN)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # far below the depth: a recursive walk would fail
    try:
        found = list(ingest.iter_corpus_files(corpus))
    finally:
        sys.setrecursionlimit(limit)
    try:
        assert [f.path for f in found] == [chain[-1] / "a.txt"]
        docs, _ = ingest.ingest_corpus(corpus)
        assert docs[0].path == "/".join(["d"] * 1000) + "/a.txt"
    finally:
        unnest(chain)


def nest(top: Path, name: str, depth: int) -> list[Path]:
    """``depth`` folders one inside the other (pathlib's mkdir(parents=True)
    and shutil.rmtree are recursive themselves: both are done by loops)."""
    chain, folder = [], top
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(depth):
        folder = folder / name
        folder.mkdir()
        chain.append(folder)
    return chain


def unnest(chain: list[Path]) -> None:
    for folder in reversed(chain):
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()


# ---------------------------------------------------------------- long units


@pytest.mark.parametrize("text", [
    "word " * 400_000,  # a 2 MB caption line, white space only
    "字" * 300_000,  # Chinese with no punctuation at all
    ("x" * 2500 + " ") * 40,  # words longer than a unit
])
def test_an_over_long_line_is_cut_into_bounded_units_with_exact_offsets(text):
    doc = Document(id="d", path="d.txt", lang="en", languages=["en"], text=text, format="txt", encoding="utf-8")
    sentences = segment_document(doc)
    assert max(s.end - s.start for s in sentences) <= MAX_UNIT_CHARS
    assert all(doc.text[s.start:s.end] == s.text and s.text == s.text.strip() for s in sentences)
    covered = "".join(s.text for s in sentences)
    assert covered.replace(" ", "") == text.replace(" ", "")  # every character in exactly one unit, in order
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


def test_ordinary_sentences_are_not_cut():
    sentence = "This is a long but ordinary sentence, " * 30 + "and it ends here."
    doc = Document(id="d", path="d.txt", lang="en", languages=["en"], text=sentence, format="txt", encoding="utf-8")
    assert [s.text for s in segment_document(doc)] == [sentence]


def test_language_of_a_5mb_line_is_judged_on_a_bounded_sample(tmp_path, monkeypatch):
    seen = []
    real = ingest._langdetect
    monkeypatch.setattr(ingest, "_langdetect", lambda t: seen.append(len(t)) or real(t))
    doc = ingest.load_file(write(tmp_path / "caption.txt", "the model is late and costly " * 180_000))
    assert doc.lang == "en" and len(doc.text) > 5_000_000
    assert seen and max(seen) <= ingest.DETECT_SAMPLE


def test_a_one_line_paragraph_is_detected_once(monkeypatch):
    calls = []
    real = ingest.detect_language
    monkeypatch.setattr(ingest, "detect_language", lambda t, **k: calls.append(t) or real(t, **k))
    text = "\n\n".join([EN, FR, ZH])
    paragraphs = ingest.tag_paragraphs(text)
    assert [p.lang for p in paragraphs] == ["en", "fr", "zh"]
    assert len(calls) == 3  # not once per line and again per paragraph


# ---------------------------------------------------------------- HTML


def test_html_with_50000_unclosed_tags_keeps_all_its_text(tmp_path, capsys):
    body = "<div><span>" * 25_000 + "".join(f"<p>Paragraphe {i} : le gouvernement annonce de nouvelles mesures."
                                            for i in range(300))
    page = write(tmp_path / "deep.html", f"<html><head><title>Unclosed</title></head><body>{body}")
    doc = ingest.load_file(page)
    assert doc.title == "Unclosed" and doc.lang == "fr"
    assert "Paragraphe 0 :" in doc.text and "Paragraphe 299 :" in doc.text  # the end of the page too
    assert "discarding data" not in capsys.readouterr().err


def test_html_with_no_visible_text_says_so(tmp_path):
    page = write(tmp_path / "empty.html", "<html><head><script>var x = 1;</script></head><body><div><img></div>")
    with pytest.raises(ingest.SkipFile, match="no visible text in the HTML"):
        ingest.load_file(page)


# ---------------------------------------------------------------- reading


def test_a_fifo_in_place_of_a_file_does_not_hang(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    os.mkfifo(corpus / "pipe.txt")
    docs, skipped = ingest.ingest_corpus(corpus)
    assert [d.path for d in docs] == ["a.txt"]
    assert reasons(skipped)["pipe.txt"] == "not a regular file"


def test_max_mb_is_a_global_option_accepted_on_align_and_after_the_command(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    write(corpus / "big.txt", EN * 20_000)  # about 2.1 MiB
    seen = {}

    def fake_run_all(corpus, **kw):
        seen.update(kw)
        raise UserError("stop here")

    monkeypatch.setattr(pipeline, "run_all", fake_run_all)
    for args in (["--max-mb", "1", "align", str(corpus)], ["align", str(corpus), "--max-mb", "1", "--quiet"]):
        result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "r.json")])
        assert result.exit_code == 1 and "stop here" in result.output
        assert seen["max_bytes"] == 2**20
    docs, skipped = ingest.ingest_corpus(corpus, max_bytes=2**20)
    assert "too large: 2.1 MiB (limit 1 MiB, --max-mb" in reasons(skipped)["big.txt"]


def test_global_options_work_after_every_command():
    for name, command in main.commands.items():
        opts = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"--quiet", "-q", "--verbose", "-v", "--debug", "--max-mb"} <= opts, name


def test_default_max_mb_matches_ingest():
    from rumorlens.cli import DEFAULT_MAX_MB

    assert DEFAULT_MAX_MB * 2**20 == ingest.DEFAULT_MAX_BYTES


# ---------------------------------------------------------------- output


def test_unwritable_output_exits_1_before_the_analysis(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    monkeypatch.setattr(pipeline, "run_all", lambda *a, **k: pytest.fail("the analysis ran"))
    blocker = write(tmp_path / "not-a-folder", "x")  # a file where the output folder should be
    result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(blocker / "report.json")])
    assert result.exit_code == 1
    assert result.output.startswith(f"rumorlens: error: cannot write the report to {blocker / 'report.json'}: ")
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_read_only_corpus_with_the_default_output_beside_it_exits_1(tmp_path, monkeypatch):
    # The default output is CORPUS/../build/report.json.  Tests run as root,
    # whom a read-only mode does not stop, so the folder that cannot be made
    # is a file in the way (a real failure), and a read-only file system is
    # simulated where the check creates its file.
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    monkeypatch.setattr(pipeline, "run_all", lambda *a, **k: pytest.fail("the analysis ran"))
    write(tmp_path / "build", "x")
    result = CliRunner().invoke(main, ["align", str(corpus)])
    assert result.exit_code == 1
    assert f"cannot write the report to {tmp_path / 'build' / 'report.json'}" in result.output
    (tmp_path / "build").unlink()
    import tempfile

    def read_only(*a, **k):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = CliRunner().invoke(main, ["align", str(corpus)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"rumorlens: error: cannot write the report to "
                                     f"{tmp_path / 'build' / 'report.json'}: Read-only file system")


def test_disk_full_at_the_end_is_a_plain_error_naming_the_file(tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    atomic_write_text(out, "old report\n")
    real_fdopen = os.fdopen

    class Full(io.RawIOBase):
        def __init__(self, fd):
            self.fd = fd

        def write(self, b):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def close(self):
            os.close(self.fd)
            super().close()

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(fd))
    with pytest.raises(UserError, match=f"cannot write {out}: No space left on device"):
        atomic_write_text(out, "new report\n")
    with pytest.raises(UserError, match="cannot write the report to .*: No space left on device"):
        check_writable(out, "the report")
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert out.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_a_lone_surrogate_in_metadata_does_not_fail_the_write(tmp_path):
    out = tmp_path / "r.json"
    atomic_write_text(out, json.dumps({"title": "x\udce9"}, ensure_ascii=False))
    assert json.loads(out.read_text(encoding="utf-8")) == {"title": "x\udce9"}


# ---------------------------------------------------------------- cache


class Fake:
    name = "fake"
    dim = 4

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        return np.array([[len(t), 1.0, 2.0, 3.0] for t in texts], dtype="float32")


TEXTS = [f"sentence number {i}" for i in range(300)]


def reference() -> np.ndarray:
    return CachedEncoder(Fake(), use_cache=False).encode(TEXTS)


def cache_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "rumorlens.embed"]


@pytest.mark.parametrize("damage", ["random bytes", "truncated"])
def test_corrupt_cache_is_set_aside_and_rebuilt(tmp_path, caplog, damage):
    path = tmp_path / "embeddings.sqlite"
    if damage == "random bytes":
        path.write_bytes(np.random.default_rng(0).bytes(50_000))
    else:
        with CachedEncoder(Fake(), tmp_path) as enc:
            enc.encode([t * 40 for t in TEXTS])
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        with CachedEncoder(Fake(), tmp_path) as enc:
            assert np.array_equal(enc.encode(TEXTS), reference())
            assert enc.enabled
    (msg,) = cache_warnings(caplog)
    assert str(path) in msg and "set aside" in msg
    assert len(list(tmp_path.glob("embeddings.sqlite.corrupt-*"))) == 1
    with CachedEncoder(Fake(), tmp_path) as enc:  # the rebuilt cache serves the next run
        enc.encode(TEXTS)
        assert enc.hits == len(TEXTS)


def test_cache_that_cannot_be_opened_warns_once_and_runs_without(tmp_path, monkeypatch, caplog):
    # chmod 444 does not stop root (tests run as root in CI): the same code
    # path is taken by making the SQLite connection fail as a read-only
    # file makes it fail.
    def read_only(*a, **k):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        enc = CachedEncoder(Fake(), tmp_path)
        assert np.array_equal(enc.encode(TEXTS), reference())
        enc.encode(TEXTS)
    assert not enc.enabled
    (msg,) = cache_warnings(caplog)
    assert str(tmp_path / "embeddings.sqlite") in msg and "readonly" in msg and "going on without it" in msg


def test_disk_full_while_caching_warns_once_and_goes_on(tmp_path, caplog):
    class FullDisk:
        def __init__(self, db):
            self.db = db

        def execute(self, *a):
            return self.db.execute(*a)

        def executemany(self, *a):
            raise sqlite3.OperationalError("database or disk is full")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def close(self):
            self.db.close()

    enc = CachedEncoder(Fake(), tmp_path)
    enc._db = FullDisk(enc._db)
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        assert np.array_equal(enc.encode(TEXTS), reference())
        assert np.array_equal(enc.encode(TEXTS[:10]), reference()[:10])
    (msg,) = cache_warnings(caplog)
    assert "database or disk is full" in msg and str(tmp_path) in msg
    assert (tmp_path / "embeddings.sqlite").exists()  # a full disk is no reason to move the file


def test_no_cache_is_on_every_command_that_embeds():
    for name in ("align", "align-pair", "check-pairs", "embed", "pairs", "compare"):
        opts = {o for p in main.commands[name].params for o in getattr(p, "opts", [])}
        assert "--no-cache" in opts, name


def test_big_documents_are_embedded_in_bounded_batches(monkeypatch):
    monkeypatch.setattr(pipeline, "EMBED_BATCH", 100)
    sizes = []

    class Recording(Fake):
        def encode(self, texts):
            sizes.append(len(texts))
            return super().encode(texts)

    enc = CachedEncoder(Recording(), use_cache=False)
    docs = [Document(id=i, path=i, lang="en", languages=["en"], text="", format="txt", encoding="utf-8")
            for i in ("big", "small")]
    from rumorlens.records import Sentence

    sents = {d.id: [Sentence(f"{d.id}:{k}", d.id, k, 0, 1, f"{d.id} {k}", "en") for k in range(n)]
             for d, n in zip(docs, (250, 30))}
    out = pipeline.embed(enc, docs, sents)
    assert sizes == [100, 100, 50, 30]
    assert out["big"].shape == (250, 4)
    assert np.array_equal(out["big"], CachedEncoder(Fake(), use_cache=False).encode([s.text for s in sents["big"]]))


def test_many_small_files_are_read_one_at_a_time_with_progress(tmp_path, monkeypatch, capsys):
    # 10,000 files are measured by `make bench-robust`; here 300 show the
    # mechanism: every file becomes a document, each file is opened once and
    # closed before the next, and the stage says how many it read.
    corpus = tmp_path / "corpus"
    texts = (EN, FR, ZH)
    for i in range(300):
        write(corpus / f"d{i % 10}" / f"a{i:03d}.txt", f"{texts[i % 3]} ({i})")
    opened, open_now = [], [0]
    real_open, real_close = os.open, os.close

    def counting_open(path, *a, **k):
        fd = real_open(path, *a, **k)
        opened.append(path)
        open_now[0] += 1
        assert open_now[0] == 1, "a second file opened before the first was closed"
        return fd

    def counting_close(fd):
        open_now[0] -= 1
        return real_close(fd)

    monkeypatch.setattr(os, "open", counting_open)
    monkeypatch.setattr(os, "close", counting_close)
    progress.configure(quiet=False)
    docs, skipped = pipeline.ingest(corpus)
    monkeypatch.undo()
    assert len(docs) == 300 and not skipped
    assert len(opened) == 300
    assert [d.lang for d in docs[:3]] == ["en", "fr", "zh"]
    assert "rumorlens: ingest: 300 files in " in capsys.readouterr().err


# ---------------------------------------------------------------- check-pairs


def test_check_pairs_exits_1_when_nothing_could_be_checked(tmp_path):
    bad = write(tmp_path / "bad.jsonl", '{"id": 1}\nnot json\n[1, 2]\n')
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["check-pairs", str(bad), "-o", str(out), "--model", "none"])
    assert result.exit_code == 1
    assert "none of the 3 pairs" in result.output and "Traceback" not in result.output
    assert len(out.read_text().splitlines()) == 3  # each row still says why
    empty = write(tmp_path / "empty.jsonl", "\n")
    result = CliRunner().invoke(main, ["check-pairs", str(empty), "-o", str(out), "--model", "none"])
    assert result.exit_code == 1 and "no pairs" in result.output
    latin1 = write(tmp_path / "latin1.jsonl", b'{"src": "caf\xe9"}\n')
    result = CliRunner().invoke(main, ["check-pairs", str(latin1), "-o", str(out), "--model", "none"])
    assert result.exit_code == 1 and "not UTF-8" in result.output


def test_check_pairs_reads_a_bom_a_json_array_and_a_bad_byte_in_one_row(tmp_path):
    out = tmp_path / "out.jsonl"
    good = '{"id": 1, "src": "Il a 3 chats.", "tgt": "He has 3 cats.", "src_lang": "fr", "tgt_lang": "en"}'
    bom = write(tmp_path / "bom.jsonl", b"\xef\xbb\xbf" + good.encode() + b'\n{"id": 2, "src": "caf\xe9"}\n')
    result = CliRunner().invoke(main, ["check-pairs", str(bom), "-o", str(out), "--model", "none"])
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert result.exit_code == 0 and "error" not in rows[0] and "not UTF-8" in rows[1]["error"]
    array = write(tmp_path / "rows.json", "[\n " + good + ",\n " + good.replace('"id": 1', '"id": 2') + "\n]\n")
    result = CliRunner().invoke(main, ["check-pairs", str(array), "-o", str(out), "--model", "none"])
    assert result.exit_code == 0 and [json.loads(x)["id"] for x in out.read_text().splitlines()] == [1, 2]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32"])
def test_check_pairs_reads_a_utf16_or_utf32_file(tmp_path, codec):
    """Notepad's "Unicode" (session 44's break test: a one-row UTF-16 file was
    "4 pairs", each line "not UTF-8 text")."""
    out = tmp_path / "out.jsonl"
    text = ('{"id": 1, "src": "Il a 3 chats.", "tgt": "He has 4 cats.", "src_lang": "fr", "tgt_lang": "en"}\n'
            '{"id": 2, "src": "Il a 3 chiens.", "tgt": "He has 3 dogs.", "src_lang": "fr", "tgt_lang": "en"}\n')
    path = write(tmp_path / "rows.jsonl", text.encode(codec))
    result = CliRunner().invoke(main, ["check-pairs", str(path), "-o", str(out), "--model", "none"])
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert result.exit_code == 0 and [r["id"] for r in rows] == [1, 2]
    assert [f["type"] for f in rows[0]["findings"]] == ["value_changed"] and rows[1]["findings"] == []


def test_check_pairs_with_one_good_row_exits_0(tmp_path):
    rows = write(tmp_path / "rows.jsonl", '{"id": 1}\n{"id": 2, "src": "Il a 3 chats.", "tgt": "He has 4 cats."}\n')
    result = CliRunner().invoke(main, ["check-pairs", str(rows), "-o", str(tmp_path / "o.jsonl"), "--model", "none",
                                       "--quiet"])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- logging


def test_third_party_logs_only_with_debug(capsys):
    from rumorlens.cli import configure_logging

    for flags, shown in (({"verbose": True}, False), ({"debug": True}, True)):
        configure_logging(**flags)
        logging.getLogger("faiss.loader").info("Could not load library with AVX512 support")
        logging.getLogger("rumorlens.test").info("our own note")
        err = capsys.readouterr().err
        assert ("Could not load library" in err) == shown
        assert "our own note" in err
    configure_logging()


# ---------------------------------------------------------------- end to end


def hostile_corpus(root: Path) -> tuple[Path, list[Path]]:
    """Every kind above at once, small enough for a test."""
    corpus = root / "corpus"
    write(corpus / "news" / "zh_source.txt", ZH + "\n\n" + ZH.replace("18", "20"))
    write(corpus / "news" / "en_version.txt", EN + "\n\n" + EN.replace("behind", "far behind"))
    write(corpus / "news" / "fr_version.txt", FR)
    for name in ("with space.txt", "with-space.txt", "with/space.txt"):
        write(corpus / name, EN)  # identical texts under colliding names
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "wb") as fh:
        fh.write(FR.encode("utf-8"))
    secret = write(root / "outside" / "secret.txt", SECRET)
    os.symlink(secret, corpus / "secret.txt")
    os.symlink("/", corpus / "root")
    os.symlink(corpus, corpus / "news" / "loop")
    chain = nest(corpus, "n", 300)
    write(chain[-1] / "deep.txt", EN)
    write(corpus / "caption.txt", "and then the model was late again " * 3000)  # 100 KB, one line
    write(corpus / "page.html", "<html><title>Deep</title><body>" + "<div>" * 20_000 + f"<p>{FR}</p>")
    os.mkfifo(corpus / "fifo.txt")
    return corpus, chain


@pytest.fixture()
def hostile(tmp_path):
    corpus, chain = hostile_corpus(tmp_path)
    yield corpus
    unnest(chain)


def test_hostile_corpus_end_to_end(tmp_path, hostile):
    corpus = hostile
    out = tmp_path / "out" / "report.json"
    result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert SECRET not in text
    report = json.loads(text)
    ids = [d["id"] for d in report["documents"]]
    assert len(ids) == len(set(ids)) == 10
    assert all(p["src_doc"] != p["tgt_doc"] for p in report["pairs"])
    by_path = {d["path"]: d for d in report["documents"]}
    assert by_path["caf\\xe9.txt"]["path_note"] == ingest.NAME_NOTE_BYTES
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    assert "outside the corpus" in skipped["secret.txt"] and "outside the corpus" in skipped["root"]
    assert "symlink loop" in skipped["news/loop"] and skipped["fifo.txt"] == "not a regular file"
    assert FR in by_path["page.html"]["text"]
    assert all(s["end"] - s["start"] <= MAX_UNIT_CHARS for d in report["documents"] for s in d["sentences"])
    assert not (tmp_path / "cache").exists()  # --no-cache wrote no cache
    # off a terminal, each stage says what it did, with counts and time
    for stage in ("ingest: 10 files", "embed:", "mentions: 10 documents", "write: 1 file"):
        assert f"rumorlens: {stage}" in result.stderr, stage
    quiet = CliRunner().invoke(main, ["align", str(corpus), "-o", str(out), "--no-cache", "--quiet"])
    # --quiet: no progress, but a file left out is still named (warnings show; session 65)
    assert quiet.exit_code == 0
    assert quiet.stderr.splitlines() == [f"rumorlens: skipped {p}: {r}" for p, r in skipped.items()]
    assert out.read_text(encoding="utf-8") == text  # same input, same bytes


# ---------------------------------------------------------------- NER


def test_ner_reads_a_text_longer_than_spacy_accepts_in_chunks_with_exact_offsets(monkeypatch):
    from rumorlens.mentions import entities

    nlp = entities.nlp("en")
    monkeypatch.setattr(nlp, "max_length", 3000)  # stands for spaCy's 1,000,000 (error E088)
    monkeypatch.setattr(entities, "NER_CHUNK", 1000)
    sentence = "Yesterday Emmanuel Macron met Angela Merkel in Berlin to talk about trade. "
    text = sentence * 60  # 4,500 characters: over the limit, cut into chunks
    spans = list(entities.ner_spans(text, "en"))
    whole = [(s + k * len(sentence), e + k * len(sentence), lab)
             for k in range(60) for s, e, lab in entities.ner_spans(sentence, "en")]
    assert spans == whole  # chunks cut between sentences: the same entities, at the same offsets
    found = entities.extract_entities(text, "en")
    assert {m.text for m in found} >= {"Emmanuel Macron", "Angela Merkel", "Berlin"}
    assert all(text[m.start:m.end] == m.text for m in found)


def test_chunks_cover_the_text_and_stay_bounded():
    from rumorlens.mentions.entities import _chunks

    for text in ("a" * 5000, ("word " * 3000), ("Une phrase. " * 900), "字" * 4321 + "\n" + "字" * 100):
        spans = list(_chunks(text, 1000))
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
        assert all(0 < e - s <= 1000 for s, e in spans)


def test_one_document_is_not_compared_with_itself(monkeypatch):
    from rumorlens import grouping

    monkeypatch.setattr(grouping, "score_document_pairs", lambda *a, **k: pytest.fail("grouped a lone document"))
    doc = Document(id="d", path="d.txt", lang="en", languages=["en"], text=EN, format="txt", encoding="utf-8")
    sents = {"d": segment_document(doc)}
    assert pipeline.group_and_align([doc], sents, {"d": np.ones((len(sents["d"]), 4), "float32")}) == ([], [], [], [])


@pytest.mark.parametrize("text,lang", [("It will happen in 8692 years.", "en"), ("Dans 9000 ans, tout changera.", "fr")])
def test_a_relative_date_past_year_9999_has_no_value_and_no_crash(text, lang):
    # found by `make bench-robust` (a 15 MB file ended in "year 10709 is out of range", exit 2)
    from rumorlens.mentions import extract_text

    (m,) = extract_text(text, lang, ref_date="2024-01-01", entities=False)
    assert m.kind == "date" and m.value is None
    (m,) = extract_text(text.replace("8692", "3").replace("9000", "3"), lang, ref_date="2024-01-01", entities=False)
    assert m.value == "2027"


def test_align_names_each_skipped_file_on_stderr_and_workers_keep_library_noise_quiet(tmp_path):
    """A run lists the files it left out, with the reason, on stderr; a
    library's warning inside a worker process (pypdf's "EOF marker not
    found" for a broken PDF) is not printed bare."""
    corpus = tmp_path / "c"
    write(corpus / "a.txt", EN)
    write(corpus / "b.txt", FR)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    (corpus / "blank.txt").write_bytes(b"  \n\t\n")
    # a real process: the pool's workers write to the process's own stderr
    result = subprocess.run([sys.executable, "-m", "rumorlens", "align", str(corpus), "-o", str(tmp_path / "r.json"),
                             "--no-cache", "--jobs", "2"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "rumorlens: skipped broken.pdf: not a readable PDF" in result.stderr
    assert "rumorlens: skipped blank.txt: no text (only blank characters)" in result.stderr
    assert "EOF marker not found" not in result.stderr


def test_a_bad_jobs_variable_is_refused_like_a_bad_option(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    write(corpus / "a.txt", EN)
    monkeypatch.setenv("RUMORLENS_JOBS", "abc")
    result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(tmp_path / "r.json"), "--no-cache"])
    assert result.exit_code == 1 and "RUMORLENS_JOBS" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("args", [["align", "--bogus"], ["align", ".", "--jobs", "abc"], ["nosuch"]])
def test_usage_errors_are_one_line_with_exit_code_1(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rumorlens: error: ") and "--help" in lines[0], result.stderr


def test_an_output_under_a_file_names_that_file(tmp_path):
    """-o story.txt/report.json: the folder it needs is a file; mkdir says
    only "File exists" (a trial's report), so the message names the file."""
    story = tmp_path / "story.txt"
    story.write_text("an article\n")
    with pytest.raises(UserError, match=r"story\.txt is a file, not a folder"):
        check_writable(story / "out" / "report.json", "the report")
    assert story.read_text() == "an article\n"
