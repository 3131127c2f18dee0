"""Choose the grouping thresholds on generated train corpora (issue 11
item 5, issue 19 item 1): the selection behind models/thresholds/grouping.json.

Generates the train corpora (bench/gencorpus.py, train half of every pool),
measures the similarity levels of version pairs per pair of languages
(median cosine of the ordered chain of gold version pairs: what
``similarity_level`` holds), then runs a grid over the decision thresholds
and prints the settings with the best pooled pairwise F1 of "versions of
one article".  The real articles (bench/real) and the generated test
corpora are scored with the chosen values as checks, never as targets.

    python bench/select_grouping.py                          # seeds 1-6 x 1,000 sentences
    python bench/select_grouping.py --seeds 1,2,3 --sizes 1000,10000

Neighbour search runs once per corpus (FAISS results are cached across
the grid); the grid itself only re-scores candidate pairs.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_grouping as bg  # noqa: E402
import gencorpus  # noqa: E402

GRID = {
    "min_pair_similarity": (0.4, 0.45, 0.5),
    "version_min_score": (0.3, 0.35, 0.4, 0.45),
    "version_min_density": (0.5, 0.6, 0.7),
    "join_min_score": (0.2, 0.25, 0.3),
    "same_language_min_wording": (0.5, 0.55, 0.6, 0.65),
}


def corpora(split: str, sizes: list[int], seeds: list[int], shared: Path, sample: Path) -> list[tuple]:
    """(name, docs, sentences, embeddings, labels) of each generated corpus."""
    out = []
    for size in sizes:
        for seed in seeds:
            with tempfile.TemporaryDirectory() as tmp:
                labels = gencorpus.write_corpus(Path(tmp), size, seed, split, shared, sample)
                docs, sents, emb = bg.load(Path(tmp) / "corpus")
            kept = {d.id for d in docs}
            labels["families"] = {f: [d for d in m if d in kept] for f, m in labels["families"].items()}
            out.append((f"{split}-{size}-{seed}", docs, sents, emb, labels))
            print(f"  {out[-1][0]}: {len(docs)} documents", flush=True)
    return out


def cache_neighbours() -> None:
    """grouping.nearest_neighbours once per matrix (the grid re-runs the
    scoring on the same embeddings many times)."""
    from rumorlens import grouping

    real = grouping.nearest_neighbours
    memo: dict = {}

    def cached(x, k, th, exact=None):
        key = (x.shape, float(x[:, 0].sum()), float(x[0].sum()), k, exact)
        if key not in memo:
            memo[key] = real(x, k, th, exact)
        return memo[key]

    grouping.nearest_neighbours = cached


def similarity_levels(sets: list[tuple]) -> dict:
    """Median cosine of the ordered chain of gold version pairs, per pair
    of languages (same / han-latin / latin), with the raw cosines."""
    from rumorlens import grouping

    own = grouping.load_thresholds
    th = own()
    th["similarity_level"] = {"same": 1.0, "latin": 1.0, "han-latin": 1.0}
    grouping.load_thresholds = lambda: dict(th)
    found: dict[str, list[float]] = {}
    for name, docs, sents, emb, labels in sets:
        fam = {d: f for f, m in labels["families"].items() for d in m}
        lang = {d.id: d.lang for d in docs}
        for p in grouping.score_document_pairs(docs, sents, emb):
            if fam.get(p.a) is None or fam.get(p.a) != fam.get(p.b) or p.evidence["ordered_pairs"] < 3:
                continue
            key = "same" if lang[p.a] == lang[p.b] else "han-latin" if "zh" in (lang[p.a], lang[p.b]) else "latin"
            found.setdefault(key, []).append(p.evidence["mean_similarity"])
    grouping.load_thresholds = own
    return {k: (len(v), round(float(np.median(v)), 3)) for k, v in sorted(found.items())}


class patched_thresholds:
    """rumorlens.grouping reads ``th`` instead of models/thresholds/grouping.json."""

    def __init__(self, th: dict):
        self.th = th

    def __enter__(self):
        from rumorlens import grouping

        self.own = grouping.load_thresholds
        grouping.load_thresholds = lambda: dict(self.th)

    def __exit__(self, *exc):
        from rumorlens import grouping

        grouping.load_thresholds = self.own
        return False


def score_sets(sets: list[tuple], th: dict) -> list:
    """Candidate pairs of every corpus under ``th`` (the part of the run
    that depends on min_pair_similarity and the similarity levels only)."""
    from rumorlens import grouping

    with patched_thresholds(th):
        return [grouping.score_document_pairs(docs, sents, emb) for _, docs, sents, emb, _ in sets]


def evaluate(sets: list[tuple], scores: list, th: dict) -> dict:
    """Pooled P/R/F1 with the links decided anew under ``th``
    (grouping.version_link) and the groups grown from them."""
    from rumorlens import grouping

    results = []
    with patched_thresholds(th):
        for (name, docs, sents, emb, labels), pairs in zip(sets, scores):
            for p in pairs:
                p.evidence["version_link"], p.evidence["rewritten"] = grouping.version_link(p.evidence, p.score, th)
            groups = grouping.group_documents(docs, sents, emb, pairs)
            results.append({"versions": bg.version_metrics(groups, labels["families"]),
                            "same_event": bg.same_event_metrics(pairs, labels.get("same_event", []))})
    return bg.pooled(results)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default="1,2,3,4,5,6")
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args(argv)
    os.environ.setdefault("TQDM_DISABLE", "1")
    from rumorlens import grouping

    print("train corpora:", flush=True)
    train = corpora("train", [int(x) for x in args.sizes.split(",")], [int(x) for x in args.seeds.split(",")],
                    args.shared, args.corpus)
    cache_neighbours()
    levels = similarity_levels(train)
    print(f"similarity levels of version pairs (count, median chain cosine): {levels}")
    base = grouping.load_thresholds()
    base["similarity_level"] = dict(base["similarity_level"], **{k: v[1] for k, v in levels.items() if k != "same"})
    rows = []
    keys = list(GRID)
    outer, inner = keys[:1], keys[1:]
    for first in GRID[outer[0]]:
        scores = score_sets(train, dict(base, **{outer[0]: first}))
        for values in itertools.product(*(GRID[k] for k in inner)):
            th = dict(base, **{outer[0]: first}, **dict(zip(inner, values)))
            tot = evaluate(train, scores, th)
            rows.append((round(tot["versions"]["f1"], 4), round(tot["same_event"]["f1"], 4), (first,) + values))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    print(f"grid over {', '.join(keys)} ({len(rows)} settings); best pooled train F1 (versions, same_event):")
    for f1, se, values in rows[:args.top]:
        print(f"  F1 {f1:.4f} seF1 {se:.4f} {dict(zip(keys, values))}")
    chosen = dict(base, **dict(zip(keys, rows[0][2])))
    print("chosen:", json.dumps({k: chosen[k] for k in keys + ["similarity_level"]}))
    checks = [("test", corpora("test", [1000], [101, 102, 103], args.shared, args.corpus))]
    real = Path(__file__).resolve().parent / "real"
    if (real / "families.json").exists():
        fams, same = bg.real_labels(real / "families.json")
        docs, sents, emb = bg.load(real / "corpus")
        checks.append(("real articles", [("real", docs, sents, emb, {"families": fams, "same_event": same})]))
    for name, sets in checks:
        tot = evaluate(sets, score_sets(sets, chosen), chosen)
        v, s = tot["versions"], tot["same_event"]
        print(f"check, {name}: versions P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} "
              f"({v['tp']}/{v['pred']}/{v['gold']}); same_event P {s['precision']:.3f} R {s['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
