"""Document grouping, measured on corpora whose answer is known (issue 11
item 5, issue 19 item 1, issue 12).

Generates corpora with bench/gencorpus.py (version families in zh/fr/en,
topic decoys, same-event reports, unrelated articles), runs rumorlens's
grouping on them and prints pairwise precision, recall and F1 of "these two
documents are versions of one article" (a pair is predicted when both
documents are in one group, gold when both are in one family), and the same
for the same_event relation.  Then, as checks that were not tuned on: the
sample corpus's groups and, when bench/real/families.json exists, the real
articles.

    python bench/bench_grouping.py                       # test split, 3 seeds x 1,000 sentences
    python bench/bench_grouping.py --split train --seeds 1,2,3 --sizes 1000,10000
    python bench/bench_grouping.py --split all --sizes 1000,10000,100000 --seeds 1 --no-checks   # time, memory
    python bench/bench_grouping.py --split all --sizes 100000 --seeds 1 --ann-recall            # IVF vs exact

``main()`` takes an argument list (none: the defaults) so bench_align.py can
call it; it returns the pooled figures of the generated test corpora.
Timings and memory are printed, never asserted.  Targets: F1 >= 0.95 on
generated corpora; on real articles precision >= 0.90, recall >= 0.80.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gencorpus  # noqa: E402  (bench/ is not a package)

TARGET_F1 = 0.95


# ---------------------------------------------------------------- running


def load(folder: Path, model: str = "use-m3", cache: str | None = None):
    """Ingest, segment and embed a corpus folder (embeddings cached on disk)."""
    from rumorlens.embed import get_cached_encoder
    from rumorlens.pipeline import embed, segment
    from rumorlens.ingest import ingest_corpus

    docs, _ = ingest_corpus(folder)
    sentences = segment(docs)
    enc = get_cached_encoder(model, cache)
    embeddings = embed(enc, docs, sentences)
    enc.close()
    return docs, sentences, embeddings


class PeakRSS:
    """Peak resident memory above the level at entry (MB), polled every 5 ms
    from /proc/self/status."""

    def __enter__(self):
        self.base = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())
        return False

    @staticmethod
    def _rss() -> float:
        try:
            with open("/proc/self/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def _poll(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self._rss())

    @property
    def mb(self) -> float:
        return self.peak - self.base


def run_grouping(docs, sentences, embeddings, exact: bool | None = None):
    """Pair scores and groups, with wall time (s) and peak extra memory (MB).
    ``exact``: force (True) or forbid (False) the exact FAISS index."""
    from rumorlens import grouping

    with PeakRSS() as mem:
        t0 = time.perf_counter()
        scores = grouping.score_document_pairs(docs, sentences, embeddings, exact=exact, defer=True)
        groups = grouping.group_documents(docs, sentences, embeddings, scores)
        seconds = time.perf_counter() - t0
    return scores, groups, seconds, mem.mb


def ann_recall(docs, sentences, embeddings, labels: dict, sample: int = 2000) -> None:
    """The IVF index against exact search on one corpus: recall@k of the
    neighbours of ``sample`` random sentences (exact by numpy), then the
    whole grouping both ways: candidate pairs found, P/R/F1, time, memory."""
    import numpy as np
    from rumorlens import grouping

    th = grouping.load_thresholds()
    ids = sorted(d.id for d in docs)
    x, _, _ = grouping._stacked_embeddings(ids, embeddings)
    k = int(th["neighbours"])
    t0 = time.perf_counter()
    ivf_nbr, _ = grouping.nearest_neighbours(x, k, th, exact=False)
    ivf_s = time.perf_counter() - t0
    rows = np.random.default_rng(0).choice(x.shape[0], min(sample, x.shape[0]), replace=False)
    sims = x[rows] @ x.T
    sims[np.arange(len(rows)), rows] = -np.inf
    exact = np.argpartition(-sims, k, axis=1)[:, :k]
    hits = sum(len(set(e.tolist()) & set(i.tolist())) for e, i in zip(exact, ivf_nbr[rows]))
    print(f"  IVF index on {x.shape[0]} sentences: neighbour recall@{k} {hits / (k * len(rows)):.4f} "
          f"({len(rows)} random sentences against exact numpy search); IVF search {ivf_s:.1f} s")
    found, grouped, relation = {}, {}, {}
    for name, exact_index in (("exact", True), ("IVF", False)):
        scores, groups, seconds, mb = run_grouping(docs, sentences, embeddings, exact=exact_index)
        found[name] = {(p.a, p.b) for p in scores}
        grouped[name] = _pairs_within([g.docs for g in groups])
        relation[name] = {(p.a, p.b): p.relation for p in scores if p.relation != "unrelated"}
        v = version_metrics(groups, labels["families"])
        print(f"  grouping with {name:5}: P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}, "
              f"{len(scores)} candidate pairs, {len(groups)} groups, {seconds:.1f} s, {mb:.0f} MB", flush=True)
    print(f"  candidate pairs of the exact run found with IVF: "
          f"{len(found['exact'] & found['IVF']) / max(1, len(found['exact'])):.4f}")
    ge, gi = grouped["exact"], grouped["IVF"]
    print(f"  document pairs in one group: exact {len(ge)}, IVF {len(gi)}, in both {len(ge & gi)}, "
          f"exact only {len(ge - gi)}, IVF only {len(gi - ge)}")
    re_, ri = relation["exact"], relation["IVF"]
    same = sum(1 for k, r in re_.items() if ri.get(k) == r)
    print(f"  pairs with a relation other than unrelated: exact {len(re_)}, IVF {len(ri)}, "
          f"same relation in both {same}", flush=True)


# ---------------------------------------------------------------- scoring


def _pairs_within(clusters) -> set:
    return {(a, b) for c in clusters for a in c for b in c if a < b}


def version_metrics(groups, families: dict) -> dict:
    """Pairwise precision/recall/F1 of "same article" over document pairs."""
    pred = _pairs_within([g.docs for g in groups])
    gold = _pairs_within(families.values())
    return _prf(len(pred & gold), len(pred), len(gold))


def same_event_metrics(scores, same_pairs: list) -> dict:
    pred = {(s.a, s.b) for s in scores if s.relation == "same_event"}
    gold = {tuple(sorted(p)) for p in same_pairs}
    return _prf(len(pred & gold), len(pred), len(gold))


def _prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    return {"tp": tp, "pred": npred, "gold": ngold, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def decoy_merges(groups, labels: dict) -> int:
    """Topic decoys and same-event reports put in a group with their family."""
    group_of = {d: g.id for g in groups for d in g.docs}
    n = 0
    for name, info in labels["docs"].items():
        if info["kind"] in ("topic-decoy", "same-event") and name in group_of:
            fam = labels["families"].get(info["story"], [])
            n += any(group_of.get(m) == group_of[name] for m in fam)
    return n


def pooled(results: list[dict]) -> dict:
    tp = sum(r["versions"]["tp"] for r in results)
    out = {"versions": _prf(tp, sum(r["versions"]["pred"] for r in results), sum(r["versions"]["gold"] for r in results))}
    tp = sum(r["same_event"]["tp"] for r in results)
    out["same_event"] = _prf(tp, sum(r["same_event"]["pred"] for r in results),
                             sum(r["same_event"]["gold"] for r in results))
    return out


# ---------------------------------------------------------------- corpora


def generated(split: str, size: int, seed: int, shared: Path, corpus: Path, model: str, keep: Path | None,
              with_ann: bool = False) -> dict:
    """Generate one corpus, group it, score it (``with_ann``: also print the
    IVF index's recall against exact search on it)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = (keep / f"{split}-{size}-{seed}") if keep else Path(tmp)
        labels = gencorpus.write_corpus(out, size, seed, split, shared, corpus)
        t0 = time.perf_counter()
        docs, sentences, embeddings = load(out / "corpus", model)
        load_s = time.perf_counter() - t0
    scores, groups, seconds, mb = run_grouping(docs, sentences, embeddings)
    kept = {d.id for d in docs}  # a generated article rumorlens skips counts for nothing
    labels["families"] = {f: [d for d in m if d in kept] for f, m in labels["families"].items()}
    labels["same_event"] = [p for p in labels["same_event"] if p[0] in kept and p[1] in kept]
    if with_ann:
        ann_recall(docs, sentences, embeddings, labels)
    return {"split": split, "size": size, "seed": seed, "docs": len(docs),
            "sentences": sum(len(v) for v in sentences.values()), "load_s": load_s, "group_s": seconds,
            "group_mb": mb, "candidates": len(scores), "groups": len(groups),
            "versions": version_metrics(groups, labels["families"]),
            "same_event": same_event_metrics(scores, labels["same_event"]),
            "decoy_merges": decoy_merges(groups, labels)}


def print_row(r: dict) -> None:
    v, s = r["versions"], r["same_event"]
    print(f"{r['split']:5} {r['size']:>7} {r['seed']:>4} {r['docs']:>6} {r['sentences']:>7} "
          f"{v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f} "
          f"{r['decoy_merges']:>6} {r['candidates']:>8} {r['group_s']:8.2f} {r['group_mb']:8.1f}", flush=True)


HEADER = (f"{'split':5} {'size':>7} {'seed':>4} {'docs':>6} {'sents':>7} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'seP':>6} {'seR':>6} {'decoy':>6} {'cands':>8} {'group s':>8} {'MB':>8}")


def sample_check(corpus: Path, model: str) -> list:
    """Groups and same-event pairs of the sample corpus (a check, not a target)."""
    docs, sentences, embeddings = load(corpus, model)
    scores, groups, seconds, mb = run_grouping(docs, sentences, embeddings)
    print(f"sample corpus {corpus}: {len(docs)} documents, grouping {seconds:.2f} s")
    for g in groups:
        print(f"  {g.id} {g.relation:22} {' '.join(g.docs)}")
    for s in scores:
        if s.relation == "same_event":
            print(f"  same_event {s.a} {s.b} (score {s.score})")
    return groups


def real_labels(families_json: Path) -> tuple[dict, list]:
    """bench/real/families.json as families (document id -> members) and
    same-event pairs: two documents of one story in different families,
    neither a same_topic article nor a decoy."""
    from rumorlens.ingest import document_id

    files = json.loads(families_json.read_text(encoding="utf-8"))["files"]
    families: dict[str, list[str]] = {}
    for name, info in sorted(files.items()):
        families.setdefault(info["family"], []).append(document_id(name))
    reporting = [(document_id(n), i) for n, i in sorted(files.items()) if i["role"] in ("version", "same_event")]
    same = sorted({tuple(sorted((a, b))) for (a, ia), (b, ib) in itertools.combinations(reporting, 2)
                   if ia["story"] == ib["story"] and ia["family"] != ib["family"]})
    return families, same


def real_check(real: Path, model: str) -> dict:
    """Real articles (bench/real): a check, not a tuning target."""
    families, same = real_labels(real / "families.json")
    docs, sentences, embeddings = load(real / "corpus", model)
    scores, groups, seconds, mb = run_grouping(docs, sentences, embeddings)
    v, s = version_metrics(groups, families), same_event_metrics(scores, same)
    print(f"real articles {real}: {len(docs)} documents; versions P {v['precision']:.3f} ({v['tp']}/{v['pred']}) "
          f"R {v['recall']:.3f} ({v['tp']}/{v['gold']}) F1 {v['f1']:.3f} (targets P >= 0.90, R >= 0.80); "
          f"same_event P {s['precision']:.3f} R {s['recall']:.3f} ({s['tp']}/{s['pred']}/{s['gold']})")
    fam_of = {d: f for f, ds in families.items() for d in ds}
    for g in groups:
        print(f"  {g.id} {g.relation:22} " + " ".join(f"{d}[{fam_of.get(d, '?')}]" for d in g.docs))
    return {"versions": v, "same_event": s}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="test", choices=("train", "test", "all"))
    ap.add_argument("--seeds", default="101,102,103")
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--corpus", type=Path, default=Path("corpus"), help="the sample corpus (a pool and a check)")
    ap.add_argument("--real", type=Path, default=Path(__file__).resolve().parent / "real",
                    help="real articles with labels (families.json), a check")
    ap.add_argument("--model", default="use-m3")
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated corpora in this folder")
    ap.add_argument("--no-checks", action="store_true", help="skip the sample corpus and real-article checks")
    ap.add_argument("--ann-recall", action="store_true",
                    help="also measure the IVF index against exact search on each corpus (neighbour and mutual-pair "
                         "recall, grouping both ways, time)")
    args = ap.parse_args([] if argv is None else argv)
    os.environ.setdefault("TQDM_DISABLE", "1")
    print(f"grouping on generated corpora ({args.split} split of every pool; pairwise 'versions of one article'; "
          f"seP/seR: same_event pairs; decoy: decoys/same-event reports grouped with their family)")
    print(HEADER)
    results = []
    for size in [int(x) for x in args.sizes.split(",")]:
        for seed in [int(x) for x in args.seeds.split(",")]:
            results.append(generated(args.split, size, seed, args.shared, args.corpus, args.model, args.keep,
                                     args.ann_recall))
            print_row(results[-1])
    tot = pooled(results)
    v, s = tot["versions"], tot["same_event"]
    print(f"pooled {args.split}: versions P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} "
          f"(target F1 >= {TARGET_F1}: {'met' if v['f1'] >= TARGET_F1 else 'NOT met'}); "
          f"same_event P {s['precision']:.3f} R {s['recall']:.3f}")
    if not args.no_checks and args.corpus.is_dir():
        sample_check(args.corpus, args.model)
    if not args.no_checks and (args.real / "families.json").exists():
        tot["real"] = real_check(args.real, args.model)
    return tot


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
