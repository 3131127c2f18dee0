"""The Makefile's stage-by-stage pipeline gives the one-shot report byte for
byte, and the command line keeps its documented exit codes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rumorlens.cli import main

SMALL = ["seeds/003_6bee6f61d1f82674.txt", "extra/en_bloompakistan_orion_delays.txt",
         "extra/en_asiae_gpt5_orion_delays.txt", "seeds/004_4c6d0831d6369b9d.txt"]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory, corpus_dir) -> Path:
    root = tmp_path_factory.mktemp("pipe") / "corpus"
    for rel in SMALL:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(corpus_dir / rel, root / rel)
    (root / "empty.txt").write_bytes(b"")
    return root


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / "cache"))


def run(*args: str):
    result = CliRunner().invoke(main, ["--quiet", *args])
    assert result.exit_code == 0, result.output
    return result


def test_stage_by_stage_equals_one_shot(small_corpus, tmp_path):
    build = tmp_path / "build"
    one = tmp_path / "elsewhere" / "deeper"  # the report does not depend on where it is written
    one.mkdir(parents=True)
    run("align", str(small_corpus), "-o", str(one / "oneshot.json"), "--html", str(one / "oneshot.html"))
    run("ingest", str(small_corpus), "-o", str(build / "docs.jsonl"))
    run("sentences", str(build / "docs.jsonl"), "-o", str(build / "sentences.jsonl"))
    run("embed", str(build / "docs.jsonl"), str(build / "sentences.jsonl"), "--done", str(build / "embed.done"))
    run("pairs", str(build / "docs.jsonl"), str(build / "sentences.jsonl"), "-o", str(build / "pairs.json"))
    run("mentions", "--docs", str(build / "docs.jsonl"), "-o", str(build / "mentions.jsonl"))
    run("claims", "--docs", str(build / "docs.jsonl"), "--sentences", str(build / "sentences.jsonl"),
        "-o", str(build / "claims.jsonl"))
    run("compare", "--docs", str(build / "docs.jsonl"), "--skipped", str(build / "skipped.jsonl"),
        "--sentences", str(build / "sentences.jsonl"), "--pairs", str(build / "pairs.json"),
        "--mentions", str(build / "mentions.jsonl"), "--claims", str(build / "claims.jsonl"),
        "--decisions", f"{small_corpus}.decisions.jsonl", "-o", str(build / "report.json"))
    run("report", str(build / "report.json"), "--html", str(build / "report.html"))
    one_shot = (one / "oneshot.json").read_bytes()
    assert (build / "report.json").read_bytes() == one_shot
    assert (build / "report.html").read_bytes() == (one / "oneshot.html").read_bytes()
    assert b'"reason": "empty file"' in one_shot


def test_unchanged_output_keeps_its_modification_time(small_corpus, tmp_path):
    out = tmp_path / "docs.jsonl"
    run("ingest", str(small_corpus), "-o", str(out))
    before = out.stat().st_mtime_ns
    run("ingest", str(small_corpus), "-o", str(out))
    assert out.stat().st_mtime_ns == before


@pytest.mark.parametrize("args", [["align"], ["no-such-command"], ["align", "--no-such-option", "x"]])
def test_bad_arguments_exit_1(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_internal_error_exits_2_with_a_hint(monkeypatch, tmp_path):
    from rumorlens import pipeline

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "run_all", broken)
    corpus = tmp_path / "corpus"  # the report outside it: an output inside the corpus is refused
    corpus.mkdir()
    (corpus / "a.txt").write_text("Hello world, this is an English text about OpenAI.", encoding="utf-8")
    result = CliRunner().invoke(main, ["align", str(corpus), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert "--debug" in result.output and "Traceback" not in result.output


def test_every_command_has_help_with_an_example():
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"`rumorlens {name} --help` shows no example"


def test_align_refuses_an_unknown_pair_name_before_any_analysis(monkeypatch, small_corpus, tmp_path):
    """A mistyped --pair is named at once, not after the whole analysis; a
    name that matches a file (here by a part of its path) goes through."""
    from rumorlens import pipeline

    ran = []
    monkeypatch.setattr(pipeline, "run_all", lambda *a, **k: ran.append(1) or {})
    result = CliRunner().invoke(main, ["align", str(small_corpus), "-o", str(tmp_path / "r.json"),
                                       "--pair", "seeds/003", "seeds/009"])
    assert result.exit_code == 1, result.output
    assert "--pair: no file named 'seeds/009'" in result.output and str(small_corpus) in result.output
    assert not ran and not (tmp_path / "r.json").exists()

    class Stop(Exception):
        pass

    def stop(*a, **k):
        raise Stop

    monkeypatch.setattr(pipeline, "run_all", stop)
    result = CliRunner().invoke(main, ["align", str(small_corpus), "-o", str(tmp_path / "r.json"),
                                       "--pair", "seeds/003", "bloompakistan"])
    assert "internal error: Stop" in result.output  # both names known: the analysis starts


def test_align_pair_takes_a_shell_path_and_refuses_a_skipped_file_at_once(monkeypatch, small_corpus, tmp_path):
    """--pair with a file's path as the shell completes it (absolute, or
    from the current folder through the corpus folder) names that document,
    as its path in the corpus; a file the run would skip (small_corpus's
    empty.txt) is refused before any analysis, with the reason, not after
    it as 'no document named' in the report."""
    from rumorlens import pipeline
    from rumorlens.cli import compare_cmd

    ran = []
    monkeypatch.setattr(pipeline, "run_all", lambda *a, **k: ran.append(1) or {})
    result = CliRunner().invoke(main, ["align", str(small_corpus), "-o", str(tmp_path / "r.json"),
                                       "--pair", "seeds/003", str(small_corpus / "empty.txt")])
    assert result.exit_code == 1, result.output
    assert "(empty.txt): the run skips this file (empty file)" in result.output
    assert not ran

    seed = next(small_corpus.glob("seeds/003*"))
    monkeypatch.chdir(small_corpus.parent)
    named = compare_cmd.check_pair_names(small_corpus, ((str(seed), f"corpus/{seed.relative_to(small_corpus)}"),),
                                         False, 2**20)
    assert named == ((seed.relative_to(small_corpus).as_posix(),) * 2,)


def test_report_pair_filter_names_a_skipped_file():
    """A --pair name that is a skipped file of the report says it was
    skipped and why."""
    from rumorlens.errors import UserError
    from rumorlens.report import doc_matcher

    report = {"documents": [{"id": "a.txt", "path": "a.txt"}],
              "skipped": [{"path": "b.txt", "reason": "binary file (contains NUL bytes), not text"}]}
    with pytest.raises(UserError, match=r"'b.txt' was skipped \(binary file"):
        doc_matcher(report)("b.txt")


def test_the_makefile_parses(tmp_path):
    """A line of a comment block that loses its '#' makes make refuse the
    whole file ('*** multiple target patterns'), the README's test command
    with it; a dry run of the help target reads every rule."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make on this machine")
    import subprocess
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([make, "-n", "-C", str(root), "help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "***" not in done.stderr
