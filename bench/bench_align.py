"""Text+Berg sentence-alignment benchmark (de-fr, 7 documents).

For each encoder: strict and lax precision/recall/F1 (vecalign/Bertalign
convention, see rumorlens.alignscore) and wall time split into embedding
(model load included, cold cache: a fresh temporary cache folder) and
alignment.

    python bench/bench_align.py [--textberg ../shared/bench/textberg] [--encoders use-m3,e5-small] [--loo]

--loo adds a leave-one-document-out check of the one-sided-bead parameters
(models/thresholds/alignment.json was chosen on all 7 documents): for each
document, the best setting of a small grid on the other six is scored on it.
Each line is read as `rumorlens align-pair --presegmented` reads it (a
language and a kind per line), and both the headline run and --loo align
with that information.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
import tempfile
import time
from pathlib import Path

from rumorlens.align import DEFAULT_PARAMS, align_embeddings, check_beads
from rumorlens.alignscore import parse_beads, score
from rumorlens.ingest import load_presegmented
from rumorlens.segment import presegmented_sentences
from rumorlens.embed import CachedEncoder, get_encoder


# the round-2 knobs (one-sided beads) and a few values around the chosen ones
LOO_GRID = {
    "skip_min": [-0.05, -0.15],
    "skip_z_lo,skip_z_hi": [(0.0, 0.3), (0.1, 0.4), (0.2, 0.5)],
    "detach_gain,detach_z": [(0.15, 0.3), (0.2, 0.5)],
    "split_z": [0.0, 0.1],
}


def loo(docs, gold, emb_by_doc, line_info) -> dict:
    """Leave-one-document-out over LOO_GRID; pooled scores of the held-out documents."""
    settings = []
    for combo in itertools.product(*LOO_GRID.values()):
        kw = {}
        for names, value in zip(LOO_GRID, combo):
            for name, v in zip(names.split(","), value if "," in names else (value,)):
                kw[name] = v
        settings.append(dataclasses.replace(DEFAULT_PARAMS, **kw))
    runs = [{d: align_embeddings(*emb_by_doc[d], **line_info[d], params=p) for d in docs} for p in settings]
    held_out, chosen = [], []
    for d in docs:
        rest = [x for x in docs if x != d]
        best = max(range(len(settings)), key=lambda k: (score([gold[x] for x in rest], [runs[k][x] for x in rest])
                                                        ["f1_strict"], -k))
        chosen.append(best)
        held_out.append(runs[best][d])
    res = score([gold[d] for d in docs], held_out)
    res["settings"] = len(settings)
    res["chosen_default"] = sum(1 for k in chosen if settings[k] == DEFAULT_PARAMS)
    return res


def run(textberg: Path, encoder_name: str, cache: str | None, with_loo: bool = False) -> dict:
    docs = sorted(p.name for p in (textberg / "gold").iterdir())
    gold = {d: parse_beads((textberg / "gold" / d).read_text(encoding="utf-8")) for d in docs}
    # One unit per line, as-is (the gold indexes lines), with what
    # `rumorlens align-pair --presegmented` knows of each line: its language
    # (a German advert inside the French text) and kind.
    units = {d: (presegmented_sentences(load_presegmented(textberg / "de" / d)),
                 presegmented_sentences(load_presegmented(textberg / "fr" / d))) for d in docs}
    src = {d: [s.text for s in units[d][0]] for d in docs}
    tgt = {d: [s.text for s in units[d][1]] for d in docs}
    line_info = {d: {"src_texts": src[d], "tgt_texts": tgt[d],
                     "src_langs": [s.lang for s in a], "tgt_langs": [s.lang for s in b],
                     "src_kinds": [s.kind for s in a], "tgt_kinds": [s.kind for s in b]}
                 for d, (a, b) in units.items()}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        enc = CachedEncoder(get_encoder(encoder_name), cache or tmp)
        texts = [t for d in docs for t in src[d] + tgt[d]]
        emb = enc.encode(texts)
        t1 = time.perf_counter()
        tests = []
        emb_by_doc = {}
        k = 0
        for d in docs:
            n, m = len(src[d]), len(tgt[d])
            es, et = emb[k:k + n], emb[k + n:k + n + m]
            emb_by_doc[d] = (es, et)
            k += n + m
            beads = align_embeddings(es, et, **line_info[d])
            check_beads(beads, n, m)
            tests.append(beads)
        t2 = time.perf_counter()
        enc.close()
    res = score([gold[d] for d in docs], tests)
    res.update(encoder=encoder_name, sentences=len(texts), embed_s=t1 - t0, align_s=t2 - t1)
    res["one_sided"] = sum(1 for t in tests for b in t if not b.src or not b.tgt)
    res["one_sided_right"] = sum(1 for d, t in zip(docs, tests) for b in t
                                 if (not b.src or not b.tgt) and (tuple(b.src), tuple(b.tgt)) in set(gold[d]))
    res["one_sided_gold"] = sum(1 for d in docs for s_, t_ in gold[d] if not s_ or not t_)
    if with_loo:
        res["loo"] = loo(docs, gold, emb_by_doc, line_info)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--textberg", default="../shared/bench/textberg")
    ap.add_argument("--encoders", default="use-m3,e5-small")
    ap.add_argument("--cache", default=None, help="reuse this cache folder (warm runs; default: cold, temporary)")
    ap.add_argument("--loo", action="store_true", help="also print a leave-one-document-out check (about 30 s)")
    args = ap.parse_args()
    textberg = Path(args.textberg)
    if not (textberg / "gold").is_dir():
        print(f"bench-align: no Text+Berg data in {textberg}", file=sys.stderr)
        return 1
    print(f"Text+Berg de-fr, {len(list((textberg / 'gold').iterdir()))} documents; "
          f"cache: {'warm ' + args.cache if args.cache else 'cold (fresh temporary folder)'}")
    print(f"{'encoder':10} {'P strict':>8} {'R strict':>8} {'F1 strict':>9} {'P lax':>6} {'R lax':>6} "
          f"{'F1 lax':>6} {'sents':>6} {'embed s':>8} {'align s':>8} {'total s':>8}")
    for name in [e.strip() for e in args.encoders.split(",") if e.strip()]:
        r = run(textberg, name, args.cache, args.loo)
        print(f"{name:10} {r['precision_strict']:8.3f} {r['recall_strict']:8.3f} {r['f1_strict']:9.3f} "
              f"{r['precision_lax']:6.3f} {r['recall_lax']:6.3f} {r['f1_lax']:6.3f} {r['sentences']:6d} "
              f"{r['embed_s']:8.2f} {r['align_s']:8.2f} {r['embed_s'] + r['align_s']:8.2f}", flush=True)
        print(f"{'':10} one-sided beads: {r['one_sided']} output, {r['one_sided_right']} exactly right "
              f"(gold has {r['one_sided_gold']})", flush=True)
        if "loo" in r:
            lo = r["loo"]
            print(f"{'':10} leave-one-document-out over {lo['settings']} settings: strict P/R/F1 "
                  f"{lo['precision_strict']:.3f}/{lo['recall_strict']:.3f}/{lo['f1_strict']:.3f}, "
                  f"lax F1 {lo['f1_lax']:.3f}; the shipped setting won {lo['chosen_default']}/7 folds", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
