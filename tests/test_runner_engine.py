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
