"""Benchmark of the mentions stage on a hand-labelled set from the sample corpus.

The gold set (bench/data/mentions_gold.jsonl) holds passages: one line of a
corpus file (``doc``, 1-based ``line``), its language, the publication date
used to resolve partial and relative dates (``ref_date``, from the file's
header or, when it has none, from what the article itself dates), and EVERY
number, date and entity mention of that line with its expected normalized
value.  ``occ`` picks the n-th occurrence of the span text in the line.

Labelling rules (written before running the extractor, not tuned to it):
- numbers: every quantity written in digits, Chinese numerals or number words,
  with its scale word applied; value in the language's own convention (French
  "billion"/"trillion" = long scale, 10^12/10^18); durations in the unit as
  written (18 个月 -> 18); ranges by their lower bound.  Not labelled: version
  numbers inside names (GPT-4, Claude 3.5), 'one'/'a'/一 used as an article,
  vague amounts with no numeral (数月, "months"), numbers inside URLs.
- dates: absolute, partial and relative dates as ISO strings with the
  granularity of the text ("mid-2024" -> "2024"), resolved against
  ``ref_date``; relative dates by what the text says they mean.
- entities: named people, organizations, places and products; value is the
  gazetteer id (models/gazetteer) when the entity is one of them, else the
  lower-case Latin form, or "py:" + pinyin for a Chinese name.

Matching: a predicted mention matches a gold mention when its kind is the
same and the spans overlap.  Extraction precision/recall count matches;
normalization precision = correct values / matches, recall = correct values /
gold mentions.

    .venv/bin/python bench/bench_mentions.py [--errors]
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rumorlens.mentions import extract_text  # noqa: E402
from rumorlens.mentions.entities import entity_key  # noqa: E402


def nth(text: str, sub: str, n: int) -> int:
    i = -1
    for _ in range(n + 1):
        i = text.find(sub, i + 1)
        if i < 0:
            raise ValueError(f"{sub!r} occurrence {n} not in line")
    return i


def value_ok(pred, gold: dict) -> bool:
    g = gold["value"]
    if gold["kind"] == "number":
        return isinstance(pred.value, float) and abs(pred.value - g) <= 1e-6 * max(abs(g), 1.0)
    if gold["kind"] == "date":
        return pred.value == g
    return pred.value == g or entity_key(pred) == g


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(ROOT / "bench" / "data" / "mentions_gold.jsonl"))
    ap.add_argument("--errors", action="store_true", help="list every miss, spurious mention and wrong value")
    args = ap.parse_args()

    passages = [json.loads(l) for l in open(args.gold, encoding="utf-8") if l.strip()]
    stats = collections.defaultdict(collections.Counter)  # (lang, kind) -> counts
    errors: list[str] = []
    t0 = time.perf_counter()
    for p in passages:
        line = (ROOT / p["doc"]).read_text(encoding="utf-8").split("\n")[p["line"] - 1]
        preds = extract_text(line, p["lang"], doc_id=p["doc"], ref_date=p.get("ref_date"))
        used = [False] * len(preds)
        for g in p["mentions"]:
            s = nth(line, g["text"], g.get("occ", 0))
            e = s + len(g["text"])
            key = (p["lang"], g["kind"])
            stats[key]["gold"] += 1
            best, best_ov = None, 0
            for i, m in enumerate(preds):
                if used[i] or m.kind != g["kind"]:
                    continue
                ov = min(e, m.end) - max(s, m.start)
                if ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                errors.append(f"MISS   {p['doc']}:{p['line']} {g['kind']} {g['text']!r} = {g['value']}")
                continue
            used[best] = True
            m = preds[best]
            stats[key]["match"] += 1
            if value_ok(m, g):
                stats[key]["correct"] += 1
            else:
                errors.append(f"VALUE  {p['doc']}:{p['line']} {g['kind']} {g['text']!r} gold={g['value']} "
                              f"got={m.value!r} (span {m.text!r})")
        for i, m in enumerate(preds):
            stats[(p["lang"], m.kind)]["pred"] += 1
            if not used[i]:
                errors.append(f"EXTRA  {p['doc']}:{p['line']} {m.kind}/{m.type} {m.text!r} = {m.value!r}")
    elapsed = time.perf_counter() - t0

    def row(name: str, c: collections.Counter) -> str:
        ext_p = c["match"] / c["pred"] if c["pred"] else 0.0
        ext_r = c["match"] / c["gold"] if c["gold"] else 0.0
        nor_p = c["correct"] / c["match"] if c["match"] else 0.0
        nor_r = c["correct"] / c["gold"] if c["gold"] else 0.0
        return (f"{name:<14}{c['gold']:>6}{c['pred']:>6}{c['match']:>7}{c['correct']:>8}"
                f"{ext_p:>9.3f}{ext_r:>9.3f}{nor_p:>9.3f}{nor_r:>9.3f}")

    print(f"mentions benchmark: {len(passages)} passages, {sum(c['gold'] for c in stats.values())} gold mentions "
          f"({args.gold}); extraction took {elapsed:.1f}s (models included)")
    print(f"{'':<14}{'gold':>6}{'pred':>6}{'match':>7}{'correct':>8}{'ext P':>9}{'ext R':>9}{'norm P':>9}{'norm R':>9}")
    total = collections.Counter()
    by_kind = collections.defaultdict(collections.Counter)
    by_lang = collections.defaultdict(collections.Counter)
    for (lang, kind), c in sorted(stats.items()):
        print(row(f"{lang}/{kind}", c))
        total.update(c)
        by_kind[kind].update(c)
        by_lang[lang].update(c)
    for kind, c in sorted(by_kind.items()):
        print(row(f"all/{kind}", c))
    for lang, c in sorted(by_lang.items()):
        print(row(f"{lang}/all", c))
    print(row("ALL", total))
    ext_r = total["match"] / total["gold"]
    nor_p = total["correct"] / total["match"]
    print(f"targets: value normalization precision >= 0.97: {nor_p:.3f} {'OK' if nor_p >= 0.97 else 'MISSED'}; "
          f"extraction recall >= 0.90: {ext_r:.3f} {'OK' if ext_r >= 0.90 else 'MISSED'}")
    if args.errors:
        print("\n".join(errors))
    else:
        print(f"({len(errors)} misses/extras/wrong values; run with --errors to list them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
