"""Build the transcript-style alignment benchmark from DEMETR.

A video transcript cuts a spoken version of an article into short caption
lines (one clause each), pads it with greetings, calls to subscribe and
captions, and its translation may leave a sentence out.  This builds that
shape from public data whose alignment is known by construction:

* DEMETR's unperturbed rows (``base_id35_reference``; Karpinska et al., EMNLP
  2022, MIT licence) give 100 Chinese and 100 French source sentences, each
  with its human English translation (``eng_sent``), in id order;
* each language's sentences are cut, in order, into documents of 30 to 50
  sentences;
* the source side is split into clause lines at commas and 、；： (full-width
  marks always; ASCII , ; : only before a space, so 4,178,027 and 15:50 stay
  whole), the mark itself dropped as subtitles drop it, and so is the
  sentence's final 。.!?… (a transcript line does not say where a sentence
  ends);
* 5 % of the English sentences are dropped (their clause lines become 1-0
  beads), and 5 % filler lines (bench/data/transcript/fillers.json) are
  inserted on the clause side between sentences (1-0 beads).

The gold bead of a kept sentence is all its clause lines against its English
sentence.  Everything is drawn from a seeded generator: the output is the
same, byte for byte, on every run.

    python bench/build_transcript_bench.py [--demetr ../shared/bench/demetr/demetr_zh_fr.jsonl] [--out bench/data/transcript]

Writes OUT/src/NAME (clause lines), OUT/tgt/NAME (English, one sentence per
line) and OUT/gold/NAME (``[0,1,2]:[0]`` beads), NAME = zh-01, fr-01, ...
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data" / "transcript"
LANGS = {"chinese_simple": "zh", "french": "fr"}
DOC_MIN, DOC_MAX = 30, 50
DROP_SHARE = 0.05  # English sentences dropped
FILLER_SHARE = 0.05  # filler lines inserted, as a share of the clause lines
SEED = "rumorlens-transcript-bench-1"

# full-width clause marks always split; ASCII ones only before a space
_CLAUSE_MARK = re.compile(r"[，、；：]|[,;:](?=\s)|\s[;:](?=\s)")


_FINAL_MARK = re.compile(r"[。．.!?！？…]+$")


def clause_lines(sentence: str) -> list[str]:
    """The clause lines of one sentence, marks dropped, blanks skipped."""
    lines = [p.strip() for p in _CLAUSE_MARK.split(sentence) if p.strip()]
    if lines:
        lines[-1] = _FINAL_MARK.sub("", lines[-1]).strip()
    return [x for x in lines if x]


def source_sentences(demetr: Path) -> dict[str, list[tuple[int, str, str]]]:
    """Per language, (id, source sentence, English sentence) in id order."""
    out: dict[str, dict[int, tuple[str, str]]] = {lang: {} for lang in LANGS.values()}
    for line in demetr.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        lang = LANGS.get(row.get("lang_tag"))
        if lang and row.get("pert_name") == "base_id35_reference":
            out[lang][int(row["id"])] = (row["src_sent"].strip(), row["eng_sent"].strip())
    return {lang: [(i, *rows[i]) for i in sorted(rows)] for lang, rows in out.items()}


def document_sizes(n: int, rng: random.Random) -> list[int]:
    """Sizes in [DOC_MIN, DOC_MAX] summing to n (n >= DOC_MIN)."""
    sizes = []
    while n > DOC_MAX:
        # what is left must be one document or still splittable
        fits = [s for s in range(DOC_MIN, DOC_MAX + 1) if DOC_MIN <= n - s <= DOC_MAX or n - s >= 2 * DOC_MIN]
        size = rng.choice(fits)
        sizes.append(size)
        n -= size
    return sizes + [n]


def build_document(rows, fillers: list[str], rng: random.Random):
    """(clause lines, English lines, gold beads) of one document."""
    n = len(rows)
    dropped = set(rng.sample(range(n), max(1, round(DROP_SHARE * n))))
    clauses = [clause_lines(src) for _, src, _ in rows]
    n_lines = sum(len(c) for c in clauses)
    # fillers go between sentences (boundary b = before sentence b, n = at the end)
    where = sorted(rng.randrange(n + 1) for _ in range(max(1, round(FILLER_SHARE * n_lines))))
    src, tgt, gold = [], [], []

    def add_fillers(boundary: int) -> None:
        for _ in range(where.count(boundary)):
            gold.append(([len(src)], []))
            src.append(rng.choice(fillers))

    for k, (_, _, eng) in enumerate(rows):
        add_fillers(k)
        first = len(src)
        src.extend(clauses[k])
        ids = list(range(first, len(src)))
        if k in dropped:
            gold.extend(([i], []) for i in ids)
        else:
            gold.append((ids, [len(tgt)]))
            tgt.append(eng)
    add_fillers(n)
    return src, tgt, gold


def build(demetr: Path) -> dict[str, tuple[list[str], list[str], list]]:
    """Every document of the benchmark, by name."""
    fillers = json.loads((HERE / "data" / "transcript" / "fillers.json").read_text(encoding="utf-8"))
    docs = {}
    for lang, rows in sorted(source_sentences(demetr).items()):
        rng = random.Random(f"{SEED}-{lang}")
        start = 0
        for k, size in enumerate(document_sizes(len(rows), rng), 1):
            docs[f"{lang}-{k:02d}"] = build_document(rows[start:start + size], fillers[lang], rng)
            start += size
    return docs


def format_gold(beads) -> str:
    return "".join("[" + ",".join(map(str, s)) + "]:[" + ",".join(map(str, t)) + "]\n" for s, t in beads)


def write(docs, out: Path) -> None:
    for sub in ("src", "tgt", "gold"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for name, (src, tgt, gold) in docs.items():
        (out / "src" / name).write_text("".join(x + "\n" for x in src), encoding="utf-8")
        (out / "tgt" / name).write_text("".join(x + "\n" for x in tgt), encoding="utf-8")
        (out / "gold" / name).write_text(format_gold(gold), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--demetr", default=str(HERE.parent.parent / "shared" / "bench" / "demetr" / "demetr_zh_fr.jsonl"))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args()
    demetr = Path(args.demetr)
    if not demetr.is_file():
        print(f"build_transcript_bench: no DEMETR file at {demetr}", file=sys.stderr)
        return 1
    docs = build(demetr)
    write(docs, Path(args.out))
    for name, (src, tgt, gold) in docs.items():
        one_sided = sum(1 for s, t in gold if not t)
        print(f"{name}: {len(src)} clause lines, {len(tgt)} English sentences, {len(gold)} gold beads "
              f"({one_sided} one-sided)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
