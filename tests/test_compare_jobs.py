"""The compare stage's jobs (issue 12): the pairs of one group of versions
are checked together, sharing one phrase similarity, in batches cut by the
pairs alone (never by the number of workers)."""
from __future__ import annotations

from rumorlens import pipeline
from rumorlens.records import DocGroup, PairAlignment
from rumorlens.runner import Batch, weight


def _jobs(pairs):
    return [({"alignment": PairAlignment(a, b, [])}, None, None) for a, b in pairs]


def _cut(pairs, groups):
    return [[(job[0]["alignment"].src_doc, job[0]["alignment"].tgt_doc) for job in batch]
            for batch in pipeline._group_jobs(groups, _jobs(pairs))]


GROUPS = [DocGroup("g1", ["a", "b", "c"], "translation", 0.9), DocGroup("g2", ["d", "e"], "translation", 0.9)]


def test_pairs_of_one_group_share_a_job_and_others_do_not():
    pairs = [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e"), ("x", "y"), ("x", "z")]
    assert _cut(pairs, GROUPS) == [[("a", "b"), ("a", "c"), ("b", "c")], [("d", "e")], [("x", "y")], [("x", "z")]]
    batches = pipeline._group_jobs(GROUPS, _jobs(pairs))
    # a batch counts as its pairs in the progress line
    assert all(isinstance(b, Batch) for b in batches) and sum(map(weight, batches)) == len(pairs)


def test_a_large_group_is_cut_in_jobs_of_at_most_group_job_pairs(monkeypatch):
    monkeypatch.setattr(pipeline, "GROUP_JOB_PAIRS", 2)
    pairs = [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")]
    assert _cut(pairs, GROUPS) == [[("a", "b"), ("a", "c")], [("b", "c")], [("d", "e")]]


def test_without_groups_every_pair_is_a_job_of_its_own():
    pairs = [("a", "b"), ("a", "c")]
    assert _cut(pairs, []) == [[("a", "b")], [("a", "c")]]


def test_a_group_key_covers_every_pair_of_the_job_in_order():
    key_of = pipeline._group_key(lambda job: (job[0]["alignment"].src_doc, job[0]["alignment"].tgt_doc))
    ab, ac = _jobs([("a", "b"), ("a", "c")])
    assert key_of([ab, ac]) != key_of([ac, ab]) != key_of([ab])
    assert key_of([ab, ac]) == key_of(list(_jobs([("a", "b"), ("a", "c")])))
    assert pipeline._group_key(lambda job: None)([ab, ac]) is None


def test_a_job_costs_the_characters_of_its_pairs_documents():
    from rumorlens.records import Document

    docs = {"a": Document("a", "a.txt", "zh", ["zh"], "甲" * 10, "txt", "utf-8"),
            "b": Document("b", "b.txt", "en", ["en"], "b" * 30, "txt", "utf-8")}
    job = ({"alignment": PairAlignment("a", "b", []), "docs": docs}, None, None)
    assert pipeline._group_job_cost([job, job]) == 80
