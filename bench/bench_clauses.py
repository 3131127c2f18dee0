"""Clause alignment inside many-sentence beads (rumorlens.clauses), measured
on beads built from DEMETR's reference translations, where the clause
correspondence is known.

Each DEMETR row pairs a FLORES source sentence (Chinese or French) with its
human English reference.  A synthetic bead takes 2-4 consecutive rows: the
source side keeps them as separate sentences, the English side glues them
into one sentence (joined by ", and " / "; " / " - "), and one bead in three
gets an unrelated sentence added on one side (content with no counterpart).
The gold: a source clause and an English clause correspond when they come
from the same row.  Scored: link precision (pairs of clauses put in one
group that come from one row), clause accuracy (clauses with a counterpart
grouped with clauses of their own row only, and with at least one), and
the share of added clauses left one-sided.  Rows split by id parity (dev = even first id).

    .venv/bin/python bench/bench_clauses.py [--demetr PATH] [--grid]

``--grid`` tries a few values of the floor and the anchor bonus (printed per
split) -- how models/thresholds/clauses.json was chosen.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from rumorlens import clauses  # noqa: E402
from rumorlens.align import anchor_tokens  # noqa: E402
from rumorlens.records import Sentence  # noqa: E402

LANG = {"chinese_simple": "zh", "french": "fr"}
JOINS = (", and ", "; ", " - ")


def load_rows(path: Path) -> dict[str, list[dict]]:
    """The reference rows (one per FLORES sentence), by source language, in id order."""
    out: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["pert_name"] == "base_id35_reference":
            out.setdefault(LANG[r["lang_tag"]], []).append(r)
    return {k: sorted(v, key=lambda r: r["id"]) for k, v in out.items()}


def _sentences(doc: str, pieces: list[str], lang: str, sep: str) -> tuple[list[Sentence], list[int], str]:
    """Sentences (one per piece when ``sep`` is a line break, else one glued
    sentence) and each piece's start offset."""
    text, starts = "", []
    for k, p in enumerate(pieces):
        if k:
            text += sep
        starts.append(len(text))
        text += p
    if sep == "\n":
        sents = [Sentence(f"{doc}:{k}", doc, k, s, s + len(p), p, lang) for k, (s, p) in enumerate(zip(starts, pieces))]
    else:
        sents = [Sentence(f"{doc}:0", doc, 0, 0, len(text), text, lang)]
    return sents, starts, text


def build_beads(rows: list[dict], lang: str, seed: int = 7) -> list[dict]:
    """Synthetic beads with gold: each clause's row index (-1: the added sentence)."""
    rnd = random.Random(seed)
    beads, k = [], 0
    while k + 4 <= len(rows):
        n = rnd.choice((2, 3, 4))
        chunk = rows[k:k + n]
        k += n
        src = [r["src_sent"] for r in chunk]
        tgt = [r["eng_sent"].rstrip(".") for r in chunk]
        tgt = [t if i == 0 else t[:1].lower() + t[1:] if not t[:2].isupper() else t for i, t in enumerate(tgt)]
        src_row, tgt_row = list(range(n)), list(range(n))
        extra = rows[(k + 37) % len(rows)]
        if len(beads) % 3 == 1:  # an unrelated source sentence in the middle
            src.insert(1, extra["src_sent"])
            src_row.insert(1, -1)
        elif len(beads) % 3 == 2:  # an unrelated English clause at the end
            tgt.append(extra["eng_sent"].rstrip(".")[:1].lower() + extra["eng_sent"].rstrip(".")[1:])
            tgt_row.append(-1)
        beads.append({"first_id": chunk[0]["id"], "lang": lang, "src": src, "tgt": tgt,
                      "src_row": src_row, "tgt_row": tgt_row, "join": JOINS[len(beads) % len(JOINS)]})
    return beads


def _row_of(span, starts: list[int], rows: list[int]) -> int:
    """The row a clause comes from: the piece its middle falls in (a clause
    may start with the joining word)."""
    mid = (span[0] + span[1]) // 2
    k = max(i for i, s in enumerate(starts) if s <= mid)
    return rows[k]


def score_bead(b: dict, vec, p: dict) -> tuple[int, int, int, int, int]:
    """(true links, predicted links, clauses with a counterpart grouped only
    with their own row's clauses, clauses with a counterpart, added clauses
    left one-sided, added clauses)."""
    ss, s_starts, _ = _sentences("s", b["src"], b["lang"], "\n")
    ts, t_starts, _ = _sentences("t", b["tgt"], "en", b["join"])
    sc, tc = clauses.side_clauses(ss), clauses.side_clauses(ts)
    sv = np.stack([vec[c.text] for c in sc])
    tv = np.stack([vec[c.text] for c in tc])
    groups = clauses.align_clauses(sv, tv, [anchor_tokens(c.text) for c in sc], [anchor_tokens(c.text) for c in tc],
                                   p=p)
    srow = [_row_of(c.span, s_starts, b["src_row"]) for c in sc]
    trow = [_row_of(c.span, t_starts, b["tgt_row"]) for c in tc]
    pred = {(i, j) for gs, gt in groups for i in gs for j in gt}
    gold = {(i, j) for i in range(len(sc)) for j in range(len(tc)) if srow[i] == trow[j] >= 0}
    right = total = alone = added = 0
    for gs, gt in groups:
        for mine, other, rows_m, rows_o in ((gs, gt, srow, trow), (gt, gs, trow, srow)):
            for k in mine:
                if rows_m[k] < 0:
                    added += 1
                    alone += not other
                    continue
                total += 1
                right += bool(other) and all(rows_o[x] == rows_m[k] for x in other)
    return len(pred & gold), len(pred), right, total, alone, added


def evaluate(beads: list[dict], vec, p: dict) -> dict:
    tot = np.zeros(6)
    for b in beads:
        tot += score_bead(b, vec, p)
    tp, npred, right, total, alone, added = tot
    return {"P": tp / max(1, npred), "acc": right / max(1, total), "one_sided": alone / max(1, added),
            "beads": len(beads)}


def clause_vectors(beads: list[dict], model: str) -> dict:
    from rumorlens.embed import get_cached_encoder

    texts = set()
    for b in beads:
        ss, _, _ = _sentences("s", b["src"], b["lang"], "\n")
        ts, _, _ = _sentences("t", b["tgt"], "en", b["join"])
        texts.update(c.text for c in clauses.side_clauses(ss) + clauses.side_clauses(ts))
    texts = sorted(texts)
    enc = get_cached_encoder(model)
    return dict(zip(texts, np.asarray(enc.encode(texts), dtype="float32")))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--demetr", type=Path, default=ROOT.parent / "shared" / "bench" / "demetr" / "demetr_zh_fr.jsonl")
    ap.add_argument("--model", default="use-m3")
    ap.add_argument("--grid", action="store_true", help="try other floors and anchor bonuses")
    args = ap.parse_args(argv)
    rows = load_rows(args.demetr)
    beads = [b for lang, rs in sorted(rows.items()) for b in build_beads(rs, lang)]
    vec = clause_vectors(beads, args.model)
    base = dict(clauses.params())
    settings = [base]
    if args.grid:
        settings = [dict(base, floor=f, anchor_bonus=a)
                    for f, a in itertools.product((0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45), (0.0, 0.1))]
    print(f"Clause alignment on {len(beads)} synthetic beads from DEMETR references ({args.model})")
    for p in settings:
        line = []
        for split in ("dev", "test", "all"):
            sel = [b for b in beads if split == "all" or (b["first_id"] % 2 == 0) == (split == "dev")]
            r = evaluate(sel, vec, p)
            line.append(f"{split}: links P {r['P']:.3f} clauses right {r['acc']:.3f} added alone {r['one_sided']:.2f}")
        print(f"floor {p['floor']:.2f} anchor_bonus {p['anchor_bonus']:.2f} | " + " | ".join(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
