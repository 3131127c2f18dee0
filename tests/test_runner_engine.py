"""--engine and --scheduler without the dask extra (issue 13): the one-line
errors a user sees, and no report written; which stages run_all hands to an
engine.  The runner itself is tested in test_runner.py (local) and
test_runner_dask.py (dask installed)."""
from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from corpus_helpers import tiny_corpus
from rumorlens import pipeline
from rumorlens.cli import main
from rumorlens.errors import UserError
from rumorlens.runner import SerialRunner, make_runner


def test_dask_engine_without_the_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    with pytest.raises(UserError, match=r"pip install 'rumorlens\[dask\]'"):
        make_runner("dask", 2)


def test_align_without_the_extra_says_what_to_install(monkeypatch, corpus_dir, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["align", str(corpus_dir), "-o", str(out), "--engine", "dask"])
    assert result.exit_code == 1
    assert "--engine dask needs the dask extra: pip install 'rumorlens[dask]'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_scheduler_without_the_dask_engine_is_refused(corpus_dir, tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["align", str(corpus_dir), "-o", str(out), "--scheduler", "127.0.0.1:8786"])
    assert result.exit_code == 1
    assert "--scheduler needs --engine dask" in result.output
    assert not out.exists()


class RecordingRunner(SerialRunner):
    """Runs every map in this process and notes its stage: where run_all
    sends each stage, whatever the engine."""

    def __init__(self, jobs: int, offload_all: bool) -> None:
        self.jobs, self.offload_all, self.stages = jobs, offload_all, []

    def map(self, fn, items, *, stage):
        self.stages.append(stage)
        return super().map(fn, items, stage=stage)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    corpus = tiny_corpus(tmp_path_factory.mktemp("tiny"))
    return corpus, json.dumps(pipeline.run_all(corpus, use_cache=False), sort_keys=True)


def test_an_engine_that_offloads_all_gets_the_embedding_and_the_alignment(tiny):
    """The Dask engine (offload_all) gets every per-document and per-pair
    stage, embed and align included; the report is the same."""
    corpus, alone = tiny
    runner = RecordingRunner(jobs=2, offload_all=True)
    report = pipeline.run_all(corpus, use_cache=False, runner=runner)
    assert sorted(set(runner.stages)) == ["align", "claims", "compare", "embed", "ingest", "mentions", "segment"]
    assert json.dumps(report, sort_keys=True) == alone


def test_a_local_pool_embeds_and_aligns_on_its_workers_too(tiny):
    """A local pool of two or more workers embeds the documents and aligns
    the pairs as well, beside mentions and claims (this process only
    groups): once NLP was batched, the workers sat idle while this process
    embedded and aligned alone.  The report does not change."""
    corpus, alone = tiny
    runner = RecordingRunner(jobs=2, offload_all=False)
    report = pipeline.run_all(corpus, use_cache=False, runner=runner)
    assert sorted(set(runner.stages)) == ["align", "claims", "compare", "embed", "ingest", "mentions", "segment"]
    assert json.dumps(report, sort_keys=True) == alone


def test_claims_are_profiled_only_for_documents_with_a_version_to_align(tmp_path, monkeypatch):
    """Only the checks of aligned pairs read claim profiles, so a document
    no group holds is not profiled (issue 12: a quarter of the generated
    10^4 corpus); its mentions are still read (cross-article conflicts).
    Both with workers (claims wait for the grouping in another thread) and
    without."""
    corpus = tiny_corpus(tmp_path)
    (corpus / "unrelated.txt").write_text(
        "The village fair opened on Saturday with a parade of tractors.\n\n"
        "Organisers said that 300 people came to see the vegetable contest.\n", encoding="utf-8")
    profiled, read = [], []
    claims, mentions = pipeline.claims, pipeline.mentions
    monkeypatch.setattr(pipeline, "claims", lambda docs, *a, **k: profiled.append(sorted(d.path for d in docs))
                        or claims(docs, *a, **k))
    monkeypatch.setattr(pipeline, "mentions", lambda docs, *a, **k: read.append(sorted(d.path for d in docs))
                        or mentions(docs, *a, **k))
    for runner in (None, RecordingRunner(jobs=2, offload_all=False)):
        pipeline.run_all(corpus, use_cache=False, runner=runner)
    assert profiled == [["fr_version.txt", "zh_source.txt"]] * 2
    assert read == [["fr_version.txt", "unrelated.txt", "zh_source.txt"]] * 2


def test_an_error_before_the_grouping_ends_the_run_without_waiting(tmp_path, monkeypatch):
    """With workers, the claims wait in another thread for the grouping's
    pairs: when the embedding or the grouping fails, the run ends with that
    error instead of waiting for pairs that never come."""
    import threading

    corpus = tiny_corpus(tmp_path)

    def broken(*a, **k):
        raise RuntimeError("grouping failed")

    monkeypatch.setattr(pipeline, "group_and_align", broken)
    outcome = []

    def run():
        try:
            pipeline.run_all(corpus, use_cache=False, runner=RecordingRunner(jobs=2, offload_all=False))
        except RuntimeError as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "the run waited for pairs after the grouping failed"
    assert outcome == ["grouping failed"]
