"""bench-source-side: DEMETR's kinds of perturbation made on the SOURCE.

DEMETR perturbs the English translation of each pair; rumorlens's checks
compare the two sides, so a change made on the Chinese or French side must
be found as well as one made on the English.  This bench takes DEMETR's
200 sentence pairs once each (``src_sent`` in Chinese or French,
``eng_sent`` its human English translation), edits the SOURCE by rule, one
edit of one kind per row, leaves the English as it is, and runs
``rumorlens check-pairs`` on the rows and on the unedited pairs (false
alarms).

Kinds (as DEMETR's, on the source side; a row a kind cannot apply to is
skipped and counted):
  numbers_replaced  the first number gets another value of the same form (digits, else
                    a listed number word; a Chinese numeral only before a measure word)
  negation          the first listed verb or auxiliary (Chinese: a whole word of LAC's) is
                    negated (est -> n'est pas, 是 -> 不是)
  antonym           the first listed word (Chinese: a whole word of LAC's) becomes its
                    listed antonym
  ne_replaced       the first named entity (spaCy fr NER; LAC PER/LOC/ORG) becomes an
                    entity of the same type from another row
  ne_removed        the first named entity is deleted
  noun_removed      the first common noun (not the first word) is deleted
  addition          a listed modifier is added to the first common noun
  tense             French: the first listed verb is put in the future (est -> sera);
                    Chinese: 将 (future) before the first verb of a sentence with no time
                    marker (已经 'already' was tried: against an English past it changes
                    nothing)
Expected categories (the English keeps what the source lost or changed):
numbers -> number/date, negation -> polarity, antonym -> claim/polarity/meaning,
ne_* -> entity, noun_removed and addition -> omission/addition, tense -> claim/date.

The words of every edit are the bench's own (bench/data/source_edits.json),
not rumorlens's lexicons.  Rows are split by id parity into dev (even) and
test (odd) halves.  No targets are set: the figures are read beside
bench_checks.py's, where the same kinds are made on the English.

Usage: python bench/bench_source_side.py [--demetr PATH] [--keep DIR] [--examples N]
"""
from __future__ import annotations

import argparse
import collections
import functools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_claims import clean_pairs, run_check_pairs, show_examples, words  # noqa: E402  (shared with bench-claims)

RULES = json.loads((HERE / "data" / "source_edits.json").read_text(encoding="utf-8"))
EXPECTED = {
    "numbers_replaced": {"number", "date"},
    "negation": {"polarity"},
    "antonym": {"claim", "polarity", "meaning"},
    "ne_replaced": {"entity"},
    "ne_removed": {"entity"},
    "noun_removed": {"omission", "addition"},
    "addition": {"addition", "omission"},
    "tense": {"claim", "date"},
}
ALARM_CATEGORIES = {"number", "entity", "date"}
SEVERE = {"high", "medium"}
_EDGE = r"(?<![\w'’-]){}(?![\w'’-])"


def _word_re(word: str, lang: str) -> str:
    return re.escape(word) if lang == "zh" else _EDGE.format(re.escape(word))


def _first(text: str, lang: str, table) -> re.Match | None:
    """The first word of ``table`` in ``text`` (whole words outside Chinese)."""
    keys = sorted(table, key=len, reverse=True)
    return re.search("|".join(_word_re(k, lang) for k in keys), text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text)
    return re.sub(r"\s+([,.;:!?])", r"\1", text).strip()


# --------------------------------------------------------------------------
# named entities (the bench's own use of spaCy's French NER and LAC)


@functools.lru_cache(maxsize=1)
def _spacy_fr_ner():
    import spacy

    return spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler"])


def entities(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, type) of each named entity, type PER, LOC or ORG."""
    if lang == "fr":
        return [(e.start_char, e.end_char, e.text, e.label_) for e in _spacy_fr_ner()(text).ents
                if e.label_ in ("PER", "LOC", "ORG")]
    return [(s, e, w, t) for s, e, w, t, _ in words(text, "zh") if t in ("PER", "LOC", "ORG")]


# --------------------------------------------------------------------------
# the edits: each takes (source text, language, row id, pool of entities)
# and returns the edited source, or None when it cannot apply


def _other_value(digits: str, after: str) -> str:
    """Another value of the same form, one digit moved by two (7 -> 9,
    9 -> 7): the last of one or two digits (a day, a month, an hour, a
    century stay one), the decade of a year (1800-2099, not followed by a
    Chinese measure word other than 年), else the first."""
    year = len(digits) == 4 and 1800 <= int(digits) <= 2099 and (not after or after[0] == "年" or not "\u4e00" <= after[0] <= "\u9fff")
    k = len(digits) - 1 if len(digits) <= 2 else 2 if year else 0
    d = int(digits[k])
    return digits[:k] + str(d + 2 if d <= 7 else d - 2) + digits[k + 1:]


def numbers_replaced(text, lang, rid, pool):
    # not a time of day (26:35 is no time) nor a part of a decimal
    m = re.search(r"(?<![\d:.,])\d+(?![\d:])", text)
    if m:
        return text[:m.start()] + _other_value(m.group(), text[m.end():m.end() + 1]) + text[m.end():]
    table = RULES["number_words"][lang]
    if lang == "zh":
        m = re.search("[" + "".join(table) + "](?=[" + RULES["zh_measure_after_numeral"] + "])", text)
    else:
        m = _first(text, lang, table)
    return text[:m.start()] + table[m.group()] + text[m.end():] if m else None


def negation(text, lang, rid, pool):
    table = RULES["negation"][lang]
    if lang == "zh":  # a whole word of LAC's (有 of 有没有 is no verb of its own)
        hit = next(((s, e, w) for s, e, w, _, _ in words(text, "zh") if w in table), None)
        if hit is None or text[max(0, hit[0] - 1):hit[0]] in ("不", "没", "未", "非"):
            return None
        return text[:hit[0]] + table[hit[2]] + text[hit[1]:]
    m = _first(text, lang, table)
    if not m or (lang == "zh" and text[max(0, m.start() - 1):m.start()] in ("不", "没", "未", "非")):
        return None
    if lang == "fr" and re.search(r"\bn[e']\s?\S*\s*$", text[:m.start()]):
        return None  # already negated
    return text[:m.start()] + table[m.group()] + text[m.end():]


def antonym(text, lang, rid, pool):
    pairs = RULES["antonyms"][lang]
    table = {a: b for a, b in pairs} | {b: a for a, b in pairs}
    if lang == "zh":  # a whole word of LAC's (大 of 大学 is no antonym's place)
        hit = next(((s, e, w) for s, e, w, _, _ in words(text, "zh") if w in table), None)
        return text[:hit[0]] + table[hit[2]] + text[hit[1]:] if hit else None
    m = _first(text, lang, table)
    return text[:m.start()] + table[m.group()] + text[m.end():] if m else None


def ne_replaced(text, lang, rid, pool):
    ents = entities(text, lang)
    if not ents:
        return None
    s, e, w, t = ents[0]
    others = [x for x in pool[(lang, t)] if x != w and x not in text]
    if not others:
        return None
    return text[:s] + others[rid % len(others)] + text[e:]


def ne_removed(text, lang, rid, pool):
    ents = entities(text, lang)
    if not ents:
        return None
    s, e, _, _ = ents[0]
    return _tidy(text[:s] + text[e:])


def _nouns(text, lang):
    tag = "n" if lang == "zh" else "NOUN"
    return [(s, e, w) for s, e, w, t, _ in words(text, lang) if t == tag and s > 0]


def noun_removed(text, lang, rid, pool):
    nouns = _nouns(text, lang)
    if not nouns:
        return None
    s, e, _ = nouns[0]
    return _tidy(text[:s] + text[e:])


def addition(text, lang, rid, pool):
    nouns = _nouns(text, lang)
    if not nouns:
        return None
    s, e, _ = nouns[0]
    word = RULES["additions"][lang][rid % len(RULES["additions"][lang])]
    if lang == "zh":
        return text[:s] + word + text[s:]
    return text[:e] + " " + word + text[e:]  # a French adjective follows its noun


def tense(text, lang, rid, pool):
    rules = RULES["future"]
    if lang == "fr":
        m = _first(text, lang, rules["fr"])
        return text[:m.start()] + rules["fr"][m.group()] + text[m.end():] if m else None
    if any(w in text for w in rules["zh_time_marked"]):
        return None
    verbs = [s for s, _, _, t, _ in words(text, "zh") if t == "v" and s > 0]
    if not verbs:
        return None
    return text[:verbs[0]] + rules["zh_future"] + text[verbs[0]:]


EDITS = [numbers_replaced, negation, antonym, ne_replaced, ne_removed, noun_removed, addition, tense]


def entity_pool(pairs: list[dict]) -> dict:
    pool = collections.defaultdict(list)
    for p in pairs:
        for _, _, w, t in entities(p["src"], p["lang"]):
            if w not in pool[(p["lang"], t)]:
                pool[(p["lang"], t)].append(w)
    return pool


def build_rows(pairs: list[dict]) -> tuple[list[dict], dict, collections.Counter]:
    pool = entity_pool(pairs)
    rows, meta, skipped = [], {}, collections.Counter()
    for p in pairs:
        split = "dev" if p["id"] % 2 == 0 else "test"
        rid = f"clean:{p['lang']}:{p['id']}"
        rows.append({"id": rid, "src": p["src"], "tgt": p["eng"], "src_lang": p["lang"], "tgt_lang": "en"})
        meta[rid] = {"edit": None, "split": split, "lang": p["lang"]}
        for edit in EDITS:
            new = edit(p["src"], p["lang"], p["id"], pool)
            if new is None or new == p["src"]:
                skipped[(edit.__name__, split)] += 1
                continue
            rid = f"{edit.__name__}:{p['lang']}:{p['id']}"
            rows.append({"id": rid, "src": new, "tgt": p["eng"], "src_lang": p["lang"], "tgt_lang": "en"})
            meta[rid] = {"edit": edit.__name__, "split": split, "lang": p["lang"], "side": "src"}
    return rows, meta, skipped


def report(results: list[dict], meta: dict, skipped: collections.Counter, split: str | None) -> None:
    det = collections.defaultdict(lambda: [0, 0, 0])  # rows, expected category, any finding
    by_lang = collections.defaultdict(lambda: [0, 0])
    clean = [0, 0, 0]
    clean_by_cat = collections.Counter()
    for r in results:
        m = meta[r["id"]]
        if split and m["split"] != split:
            continue
        cats = {f["category"] for f in r["findings"]}
        if m["edit"] is None:
            clean[0] += 1
            clean[1] += bool(cats & ALARM_CATEGORIES)
            clean[2] += any(f["severity"] in SEVERE for f in r["findings"])
            clean_by_cat.update(cats)
            continue
        d = det[m["edit"]]
        hit = bool(cats & EXPECTED[m["edit"]])
        d[0] += 1
        d[1] += hit
        d[2] += bool(cats)
        by_lang[(m["edit"], m["lang"])][0] += 1
        by_lang[(m["edit"], m["lang"])][1] += hit
    print(f"\n== split: {split or 'all'} ==")
    print(f"{'kind (edited on the source)':28} {'rows':>5} {'expected-cat':>13} {'any':>6}   zh      fr   skipped")
    for edit in EDITS:
        name = edit.__name__
        n, hit, anyhit = det[name]
        if not n:
            continue
        zh, fr = by_lang[(name, "zh")], by_lang[(name, "fr")]
        langs = "  ".join(f"{h / max(1, k):.2f}/{k:<3d}" for k, h in (zh, fr))
        skip = sum(v for (e, s), v in skipped.items() if e == name and (split is None or s == split))
        print(f"{name:28} {n:5d} {hit / n:13.3f} {anyhit / n:6.3f}   {langs}  {skip}   ({'/'.join(sorted(EXPECTED[name]))})")
    n, fa, severe = clean
    print(f"unedited pairs with a number/entity/date finding: {fa}/{n} = {fa / max(1, n):.3f}")
    print(f"unedited pairs with a medium or high finding: {severe}/{n} = {severe / max(1, n):.3f}")
    print("unedited pairs with a finding, by category: "
          + ", ".join(f"{c} {k / max(1, n):.3f}" for c, k in sorted(clean_by_cat.items())))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--demetr", type=Path, default=HERE.parents[1] / "shared" / "bench" / "demetr" / "demetr_zh_fr.jsonl")
    ap.add_argument("--model", default="use-m3")
    ap.add_argument("--keep", type=Path, default=None, help="keep input/output JSONL here")
    ap.add_argument("--examples", type=int, default=1, help="edited rows shown per kind and language")
    ap.add_argument("--kinds", default="", help="comma-separated kinds to run (default: all)")
    ap.add_argument("--rumorlens", default=str(Path(sys.executable).with_name("rumorlens")))
    args = ap.parse_args()
    if args.kinds:
        known = {e.__name__: e for e in EDITS}
        unknown = [k for k in args.kinds.split(",") if k not in known]
        if unknown:
            raise SystemExit(f"bench-source-side: unknown kind(s) {', '.join(unknown)}; kinds: {', '.join(known)}")
        EDITS[:] = [known[k] for k in args.kinds.split(",")]
    rows, meta, skipped = build_rows(clean_pairs(args.demetr))
    results, wall = run_check_pairs(rows, args.keep, "source", args.rumorlens, args.model)
    n_clean = sum(1 for m in meta.values() if m["edit"] is None)
    print(f"bench-source-side: {n_clean} DEMETR pairs, {len(rows) - n_clean} rows edited on the source, "
          f"{sum(skipped.values())} edits skipped (not applicable), check-pairs in {wall:.1f} s")
    for split in ("dev", "test", None):
        report(results, meta, skipped, split)
    show_examples(rows, meta, {r["id"]: r for r in results}, args.examples, "edited rows, per kind and language",
                  lambda fs: [f"{f['category']}/{f['type']}" for f in fs])
    return 0


if __name__ == "__main__":
    sys.exit(main())
