"""More members of the hostile kinds of issue 10, each built on the spot:
archives that unpack to far more than their size, files replaced or removed
between the corpus walk and the read, devices and sockets, names with line
breaks, names as long as the file system allows."""
from __future__ import annotations

import io
import json
import os
import socket
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from rumorlens import formats, ingest
from rumorlens.cli import main

# the same articles, writer and private cache as the first set of hostile cases
from test_robust import EN, FR, SECRET, private_cache, write  # noqa: E402,F401  (private_cache: autouse fixture)


def docx_bytes(text: str, padding: int = 0) -> bytes:
    """A Word file with ``text``; ``padding`` blanks inside its body XML
    (deflate packs them a thousand to one: a zip bomb)."""
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml" and padding:
                head, tail = data.split(b"<w:body>", 1)
                data = head + b"<w:body>" + b" " * padding + tail
            z.writestr(info.filename, data)
    return out.getvalue()


# ---------------------------------------------------------------- archives


def test_a_word_file_that_unpacks_past_the_limit_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    limit = 1024 * 1024  # --max-mb 1: may unpack to 5 MiB
    bomb = write(tmp_path / "bomb.docx", docx_bytes(FR, padding=8 * limit))
    assert bomb.stat().st_size < limit // 10  # small on disk
    import docx

    opened = []
    monkeypatch.setattr(docx, "Document", lambda *a, **k: opened.append(1))
    with pytest.raises(ingest.SkipFile, match=r"unpacks to [89] MiB, over the limit of 5 MiB"):
        ingest.load_file(bomb, max_bytes=limit)
    assert not opened  # python-docx never saw it


def test_a_word_file_under_the_unpacked_limit_is_read():
    text, _meta = formats.read_docx(docx_bytes(FR, padding=1000), max_unpacked=5 * 1024 * 1024)
    assert text == FR


def test_a_pdf_whose_text_unpacks_past_the_limit_is_refused():
    class Page:
        def extract_text(self):
            return "word " * 1000

    class Reader:
        pages = [Page() for _ in range(50)]

    assert len(formats._page_texts(Reader(), 10 ** 6)) == 50
    with pytest.raises(formats.FormatSkip, match="compression bomb"):
        formats._page_texts(Reader(), 100_000)


def test_a_corpus_with_a_zip_bomb_keeps_its_other_documents(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "bomb.docx", docx_bytes(EN, padding=3 * 1024 * 1024))
    write(corpus / "en.txt", EN)
    write(corpus / "fr.docx", docx_bytes(FR))
    result = CliRunner().invoke(main, ["ingest", str(corpus), "-o", str(tmp_path / "docs.jsonl"), "--max-mb", "0.5"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in (tmp_path / "docs.jsonl").read_text().splitlines()]
    assert sorted(d["path"] for d in docs) == ["en.txt", "fr.docx"]
    skipped = [json.loads(line) for line in (tmp_path / "skipped.jsonl").read_text().splitlines()]
    assert [s["path"] for s in skipped] == ["bomb.docx"] and "zip bomb" in skipped[0]["reason"]


# ---------------------------------------------------------------- races


def _walk_then(action):
    """iter_corpus_files that lists the whole corpus, then runs ``action``
    (the corpus changes between the walk and the reads)."""
    real = ingest.iter_corpus_files

    def walk(root, **kw):
        found = list(real(root, **kw))
        action()
        return iter(found)
    return walk


def test_a_file_swapped_for_a_link_out_of_the_corpus_after_the_walk_is_not_read(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    victim = write(corpus / "b.txt", FR)
    secret = write(tmp_path / "outside" / "secret.txt", SECRET + " " + FR)

    def swap():
        victim.unlink()
        os.symlink(secret, victim)
    monkeypatch.setattr(ingest, "iter_corpus_files", _walk_then(swap))
    docs, skipped = ingest.ingest_corpus(corpus)
    assert [d.path for d in docs] == ["a.txt"]
    assert all(SECRET not in d.text for d in docs)
    assert [s.path for s in skipped] == ["b.txt"] and "replaced while the corpus was read" in skipped[0].reason


def test_a_folder_swapped_for_a_link_to_the_outside_after_the_walk_is_not_read(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    write(corpus / "sub" / "b.txt", FR)
    write(tmp_path / "outside" / "b.txt", SECRET + " " + FR)

    def swap():
        (corpus / "sub" / "b.txt").unlink()
        (corpus / "sub").rmdir()
        os.symlink(tmp_path / "outside", corpus / "sub")
    monkeypatch.setattr(ingest, "iter_corpus_files", _walk_then(swap))
    docs, skipped = ingest.ingest_corpus(corpus)
    assert [d.path for d in docs] == ["a.txt"] and [s.path for s in skipped] == ["sub/b.txt"]


def test_a_file_that_vanishes_during_the_run_is_listed_as_skipped(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    gone = write(corpus / "b.txt", FR)
    monkeypatch.setattr(ingest, "iter_corpus_files", _walk_then(gone.unlink))
    docs, skipped = ingest.ingest_corpus(corpus)
    assert [d.path for d in docs] == ["a.txt"]
    assert [(s.path, s.reason) for s in skipped] == [("b.txt", "cannot read: No such file or directory")]


# ---------------------------------------------------------------- special files and names


def test_sockets_and_devices_are_not_regular_files(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", EN)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(corpus / "sock.txt"))
    try:
        try:
            os.mknod(corpus / "zero.txt", 0o600 | 0o020000, os.makedev(1, 5))  # like /dev/zero
        except PermissionError:
            pass  # not root: the socket alone
        docs, skipped = ingest.ingest_corpus(corpus)
    finally:
        sock.close()
    assert [d.path for d in docs] == ["a.txt"]
    assert skipped and all(s.reason == "not a regular file" for s in skipped)


def test_names_with_line_breaks_and_escapes_stay_one_line_and_apart(tmp_path):
    corpus = tmp_path / "corpus"
    names = ["a\nb.txt", "a b.txt", "a\rb.txt", "a\x1b[31mb.txt", "a\\nb.txt"]
    for name in names:
        write(corpus / name, EN)
    out = tmp_path / "docs.jsonl"
    result = CliRunner().invoke(main, ["ingest", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len({d["id"] for d in docs}) == len(names)  # "a\\nb.txt" is shown as "a\nb.txt" too: its id differs
    assert sum(d["path_note"] == ingest.NAME_NOTE_CONTROL for d in docs) == 3
    assert all("\n" not in d["path"] and "\r" not in d["path"] and "\x1b" not in d["path"] for d in docs)
    assert "\x1b" not in result.output  # no terminal escape reaches the screen


def test_names_as_long_as_the_file_system_allows_and_paths_past_path_max(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / ("长" * 83 + ".txt"), EN)  # 253 bytes of UTF-8
    write(corpus / ("x" * 251 + ".txt"), FR)
    _makedirs_relative(corpus, 20)  # over 5,000 characters of path: more than PATH_MAX
    docs, skipped = ingest.ingest_corpus(corpus)
    assert len(docs) == 2 and len({d.id for d in docs}) == 2
    assert len(skipped) == 1 and "too long" in skipped[0].reason  # said, not a crash


def _makedirs_relative(top: Path, depth: int) -> None:
    """Folders nested past PATH_MAX, made one step at a time (relative
    paths), with a file at the bottom."""
    here = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d" * 250, dir_fd=here)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=here)
            os.close(here)
            here = nxt
        fd = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=here)
        os.write(fd, EN.encode())
        os.close(fd)
    finally:
        os.close(here)
