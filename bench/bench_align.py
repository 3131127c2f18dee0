"""Text+Berg sentence-alignment benchmark (de-fr, 7 documents).

For each encoder: strict and lax precision/recall/F1 (vecalign/Bertalign
convention, see rumorlens.alignscore) and wall time split into embedding
(model load included, cold cache: a fresh temporary cache folder) and
alignment.

    python bench/bench_align.py [--textberg ../shared/bench/textberg] [--encoders use-m3,e5-small]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rumorlens.align import align_embeddings, check_beads
from rumorlens.alignscore import parse_beads, score
from rumorlens.embed import CachedEncoder, get_encoder


def read_lines(path: Path) -> list[str]:
    # one unit per line, as-is: the gold indexes lines
    return path.read_text(encoding="utf-8").splitlines()


def run(textberg: Path, encoder_name: str, cache: str | None) -> dict:
    docs = sorted(p.name for p in (textberg / "gold").iterdir())
    src = {d: read_lines(textberg / "de" / d) for d in docs}
    tgt = {d: read_lines(textberg / "fr" / d) for d in docs}
    gold = {d: parse_beads((textberg / "gold" / d).read_text(encoding="utf-8")) for d in docs}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        enc = CachedEncoder(get_encoder(encoder_name), cache or tmp)
        texts = [t for d in docs for t in src[d] + tgt[d]]
        emb = enc.encode(texts)
        t1 = time.perf_counter()
        tests = []
        k = 0
        for d in docs:
            n, m = len(src[d]), len(tgt[d])
            es, et = emb[k:k + n], emb[k + n:k + n + m]
            k += n + m
            beads = align_embeddings(es, et, src[d], tgt[d])
            check_beads(beads, n, m)
            tests.append(beads)
        t2 = time.perf_counter()
        enc.close()
    res = score([gold[d] for d in docs], tests)
    res.update(encoder=encoder_name, sentences=len(texts), embed_s=t1 - t0, align_s=t2 - t1)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--textberg", default="../shared/bench/textberg")
    ap.add_argument("--encoders", default="use-m3,e5-small")
    ap.add_argument("--cache", default=None, help="reuse this cache folder (warm runs; default: cold, temporary)")
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
        r = run(textberg, name, args.cache)
        print(f"{name:10} {r['precision_strict']:8.3f} {r['recall_strict']:8.3f} {r['f1_strict']:9.3f} "
              f"{r['precision_lax']:6.3f} {r['recall_lax']:6.3f} {r['f1_lax']:6.3f} {r['sentences']:6d} "
              f"{r['embed_s']:8.2f} {r['align_s']:8.2f} {r['embed_s'] + r['align_s']:8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
