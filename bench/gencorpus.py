"""Generate a corpus whose grouping answer is known (issue 11 item 5, issue 12).

    python bench/gencorpus.py --sentences 10000 --seed 1 --split train --out /tmp/gen-10k

writes OUT/corpus/dNNNNNN.txt (one article per file, neutral names in a
seeded random order) and OUT/labels.json.  Same arguments, same bytes.

Sentence pools (read from ``--shared``, ``--corpus``):

- DEMETR zh/fr rows (``bench/demetr/demetr_zh_fr.jsonl``): a Chinese or
  French source sentence with its human English translation and an English
  machine translation.  The 199 distinct rows are NOT documents: consecutive
  ids come from different FLORES/WMT documents (only a few neighbours, e.g.
  ids 1-2, 12-13, share a story), so an article is a draw of rows and its
  "topic" is made by drawing lexically close rows (shared names/words).
- Text+Berg French (``bench/textberg/fr``): 7 real yearbook articles, one
  sentence per line; an article here is a window of consecutive lines.
- The sample corpus (``corpus/``): the Chinese articles extra/zh_romero,
  seeds 002, 003, 004 (one document per story: their other versions, 000,
  001 and the English retellings, are left out so that no hidden version
  pair exists).  Windows of consecutive sentences, as for Text+Berg.

What a corpus holds (labels.json says which document is which):

- version families: a source, its human English translation and an English
  MT (DEMETR only), a syndicated copy (a few sentences dropped), a
  transcript (clauses one per line, no closing punctuation), a retelling
  (the lead kept, a third to a half of the other paragraphs dropped, sentences dropped inside
  kept ones, one pair of paragraphs swapped, DEMETR retellings may carry a
  perturbed sentence: changed number, name, tense);
- topic decoys: a different article on the same subject with the same names:
  another window of the same Text+Berg or sample document, or for DEMETR rows
  lexically closest to the family's rows;
- same-event reports: a different article (own lead and sentences on the
  subject) that carries 2-6 of the family's facts in the family's order,
  less than half of its sentences (for DEMETR in another wording: the MT or a
  perturbed MT where the family has the human translation); a quarter of
  the facts quoted word for word in quotation marks with an attribution,
  the rest reworded as far as a generator can: the fact's first clause (or
  first half) joined to a clause of the report's own.  (Until this change a
  third of the facts were whole sentences copied outside quotation marks
  and a third a bare first clause: real independent reports of one event
  in one language share about half their wording, bench/real's 0.3-0.55 by
  grouping.wording_overlap, the generated ones shared 0.7-1.0);
- pages as the web gives them: 35% of all documents are cut short (their
  opening 40-80% only) and half get 1-5 "other headlines" (first clauses
  of random pool sentences) above and/or below the text;
- unrelated singletons.

Train and test splits use disjoint halves of every pool (DEMETR rows by
blocks of ten ids, Text+Berg documents 001/003/005/007 vs 002/004/006, sample
documents zh_romero+003 vs 002+004), so thresholds chosen on train corpora
are scored on text they never saw.

Recycling: once a pool's units are used up, the next round builds new units
by splicing two pool sentences into one (joined by a dash; the
same splice in every language of a DEMETR row, so translations stay
translations).  The first halves of a round are the pool's sentences
reshuffled within their source document (topic kept, order not), the second
halves a seeded random partner, so no two units of the corpus are equal,
and no recycled window keeps the order of an earlier one.  A recycled unit
shares half its text with about two units per round: corpora past the first
round (10^4 sentences and up) carry many partial sentence matches between
unrelated articles, harder than real text for precision.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------- pools

TEXTBERG_SPLIT = {"train": ("001", "003", "005", "007"), "test": ("002", "004", "006")}
SAMPLE_SPLIT = {
    "train": ("extra/zh_romero_full_translation.md", "seeds/003_6bee6f61d1f82674.txt"),
    "test": ("seeds/002_65f68b174b8258b3.txt", "seeds/004_4c6d0831d6369b9d.txt"),
}
# DEMETR perturbations that read like an edit a retelling or a second agency
# could make (the others garble the sentence)
ALT_PERTURBATIONS = ("critical_id10_numbers_replaced", "critical_id9_ne_replaced", "major_id17_tense",
                     "critical_id23_noun_removed", "critical_id6_addition")


@dataclass
class Unit:
    """One sentence of a pool in every form it has: ``text[lang]`` (the
    source language, and "en"/"mt" for DEMETR) and perturbed English ``alt``."""

    uid: str
    lang: str
    text: dict
    alt: list = field(default_factory=list)
    doc: str = ""  # source document (windows stay inside one)


def _in_split(split: str, train: bool) -> bool:
    return split == "all" or (split == "train") == train


def load_demetr(path: Path, split: str) -> list[Unit]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    first: dict[tuple, dict] = {}
    alts: dict[tuple, list] = {}
    for r in rows:
        key = (r["lang_tag"], r["src_sent"])
        first.setdefault(key, r)
        if r["pert_name"] in ALT_PERTURBATIONS and r.get("pert_check") and r["pert_sent"] != r["mt_sent"]:
            alts.setdefault(key, []).append(r["pert_sent"])
    out = []
    for key, r in sorted(first.items(), key=lambda kv: kv[1]["id"]):
        if not _in_split(split, ((r["id"] - 1) // 10) % 2 == 0):
            continue
        lang = "zh" if r["lang_tag"].startswith("chinese") else "fr"
        out.append(Unit(f"demetr:{r['id']}", lang, {lang: r["src_sent"], "en": r["eng_sent"], "mt": r["mt_sent"]},
                        sorted(alts.get(key, [])), doc=f"demetr-{lang}"))
    return out


def _detok_fr(line: str) -> str:
    """Text+Berg lines are tokenized ("d' environ", "( ob )"): undo it."""
    line = re.sub(r"\s+([,.)\]])", r"\1", line)
    line = re.sub(r"([(\[])\s+", r"\1", line)
    line = re.sub(r"(\w['’])\s+", r"\1", line)
    return re.sub(r"\s+", " ", line).strip()


def load_textberg(folder: Path, split: str) -> list[Unit]:
    names = sorted(p.name for p in folder.iterdir())
    keep = [n for n in names if split == "all" or n in TEXTBERG_SPLIT[split]]
    from rumorlens.ingest import detect_language
    from rumorlens.segment import split_spans

    out = []
    for name in keep:
        lines = [_detok_fr(x) for x in (folder / name).read_text(encoding="utf-8").splitlines()]
        # one unit per sentence (a line may hold several): a recycled unit
        # must not carry a whole pool sentence that other units carry too;
        # the yearbook's German adverts are left out (rumorlens skips an
        # article that reads as German)
        sents = [line[a:b] for line in lines for a, b in split_spans(line, "fr")]
        sents = [x for x in sents if len(x) >= 3 and detect_language(x, in_context=True) in ("fr", "und-latn")]
        for k, sent in enumerate(sents):
            out.append(Unit(f"textberg:{name}:{k}", "fr", {"fr": sent}, doc=f"textberg-{name}"))
    return out


def load_sample(corpus: Path, split: str) -> list[Unit]:
    from rumorlens.ingest import load_file
    from rumorlens.segment import segment_document

    keep = SAMPLE_SPLIT["train"] + SAMPLE_SPLIT["test"] if split == "all" else SAMPLE_SPLIT[split]
    out = []
    for rel in keep:
        doc = load_file(corpus / rel, root=corpus)
        sents = [s for s in segment_document(doc) if s.kind == "text" and s.lang == doc.lang and len(s.text) >= 6]
        for k, s in enumerate(sents):
            out.append(Unit(f"sample:{rel}:{k}", doc.lang, {doc.lang: s.text}, doc=f"sample-{rel}"))
    return out


# ---------------------------------------------------------------- recycling


def _join(a: str, b: str, lang: str) -> str:
    # a dash, not a comma: transcripts cut lines at commas, and a line made
    # of a whole pool sentence would recur verbatim in other articles
    a = a.rstrip().rstrip("。．.!！?？")
    return f"{a}——{b.strip()}" if lang == "zh" else f"{a} – {b.strip()}"


def recycled(base: list[Unit], rnd: int, rng: random.Random) -> list[Unit]:
    """Round ``rnd`` >= 1 of a pool: each unit spliced from two base units
    (see the module docstring).  Same-language partners only."""
    by_doc: dict[str, list[Unit]] = {}
    by_lang: dict[str, list[Unit]] = {}
    for u in base:
        by_doc.setdefault(u.doc, []).append(u)
        by_lang.setdefault(u.lang, []).append(u)
    out = []
    for doc in sorted(by_doc):
        firsts = list(by_doc[doc])
        rng.shuffle(firsts)
        for a in firsts:
            same_lang = by_lang[a.lang]
            b = same_lang[rng.randrange(len(same_lang))]
            while b.uid == a.uid and len(same_lang) > 1:
                b = same_lang[rng.randrange(len(same_lang))]
            text = {key: _join(a.text[key], b.text[key], a.lang if key == a.lang else "en")
                    for key in a.text if key in b.text}
            alt = [_join(x, b.text["mt"], "en") for x in a.alt] if "mt" in b.text else []
            out.append(Unit(f"{a.uid}+{b.uid}@{rnd}", a.lang, text, alt, doc=f"{doc}@{rnd}"))
    return out


class Pool:
    """Units handed out once each, round after round (round 0: the pool as
    it is; later rounds recycled)."""

    def __init__(self, name: str, base: list[Unit], rng: random.Random) -> None:
        self.name, self.base, self.rng = name, base, rng
        self.round = 0
        self.free: dict[str, list[Unit]] = {}
        self._fill(list(base))

    def _fill(self, units: list[Unit]) -> None:
        self.free = {}
        for u in units:
            self.free.setdefault(u.doc, []).append(u)

    def _next_round(self) -> None:
        self.round += 1
        self._fill(recycled(self.base, self.round, self.rng))

    def window(self, n: int, doc: str | None = None) -> list[Unit]:
        """``n`` consecutive free units of one source document (``doc`` or a
        random one with enough left); a new round when none has."""
        for _ in range(2):
            docs = [d for d in sorted(self.free) if len(self.free[d]) >= n and (doc is None or d == doc)]
            if docs:
                d = docs[self.rng.randrange(len(docs))]
                units, self.free[d] = self.free[d][:n], self.free[d][n:]
                return units
            if doc is not None:
                return []
            self._next_round()
        raise ValueError(f"pool {self.name}: no source document has {n} units")

    def headlines(self, lang: str, n: int) -> list[str]:
        """First clauses of ``n`` random pool sentences in ``lang``: the
        list of other headlines a web page carries around its article."""
        cands = [u for u in self.base if lang in u.text]
        picks = [cands[self.rng.randrange(len(cands))] for _ in range(n)] if cands else []
        return [transcript_lines([u.text[lang]], lang)[0] for u in picks if transcript_lines([u.text[lang]], lang)]

    def nearest(self, n: int, like: list[Unit]) -> list[Unit]:
        """``n`` free units lexically closest to ``like`` (shared words of
        their English or source text): a different article on the subject."""
        words = set().union(*(_words(u) for u in like))
        cands = [u for d in sorted(self.free) for u in self.free[d] if u.lang == like[0].lang]
        if len(cands) < n:
            return []
        cands.sort(key=lambda u: (-len(_words(u) & words), u.uid))
        top = cands[:max(n, 3 * n)]
        picked = self.rng.sample(top, n)  # in random order: ids run in FLORES document order
        ids = {u.uid for u in picked}
        for d in self.free:
            self.free[d] = [u for u in self.free[d] if u.uid not in ids]
        return picked


def _words(u: Unit) -> set:
    text = u.text.get("en") or u.text[u.lang]
    if u.lang == "zh" and "en" not in u.text:
        return {text[k:k + 2] for k in range(len(text) - 1)}
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)}


# ---------------------------------------------------------------- rendering

CLAUSE_RE = {
    "zh": re.compile(r"(?<=[，、；：。！？,;:!?])"),
    "latin": re.compile(r"(?<=[,;:.!?])\s+"),
}
CLOSING = "。．.!！?？，,;；:：、"


def _lang_of(key: str, unit_lang: str) -> str:
    return "en" if key in ("en", "mt") else unit_lang


def _text(u: Unit, key: str, rng: random.Random, perturb: float = 0.0) -> str:
    if key in ("en", "mt") and u.alt and rng.random() < perturb:
        return u.alt[rng.randrange(len(u.alt))]
    return u.text[key]


def paragraphs_of(units: list[Unit], rng: random.Random, most: int = 3) -> list[list[Unit]]:
    """Units cut into paragraphs of 1..``most`` sentences."""
    out, k = [], 0
    while k < len(units):
        n = rng.randint(1, most)
        out.append(units[k:k + n])
        k += n
    return out


def render(paras: list[list[str]], lang: str) -> str:
    sep = "" if lang == "zh" else " "
    return "\n\n".join(sep.join(p) for p in paras if p) + "\n"


def transcript_lines(sentences: list[str], lang: str) -> list[str]:
    """Clause-sized lines without closing punctuation, as video transcripts
    and subtitles come (seed 000)."""
    lines = []
    for s in sentences:
        for part in CLAUSE_RE["zh" if lang == "zh" else "latin"].split(s):
            part = part.strip().rstrip(CLOSING).strip()
            if len(part) >= 2:
                lines.append(part)
    return lines


@dataclass
class Doc:
    text: str
    lang: str
    kind: str
    pool: str
    units: int  # sentences (transcript: lines) written
    story: str
    family: str | None = None


def version(kind: str, paras: list[list[Unit]], key: str, pool: str, story: str, rng: random.Random) -> Doc:
    """One version of an article: ``kind`` is source, translation, mt, copy,
    transcript or retelling; ``key`` the form of the units it is written in."""
    lang = _lang_of(key, paras[0][0].lang)
    if kind == "retelling":
        # the lead stays (a retelling starts where its source starts)
        rest = rng.sample(range(1, len(paras)), min(len(paras) - 1, round((len(paras) - 1) * rng.uniform(0.5, 0.67))))
        keep = sorted([0] + rest)
        paras = [[u for u in paras[k] if len(paras[k]) == 1 or rng.random() < 0.8] or paras[k][:1] for k in keep]
        if len(paras) > 2:
            j = rng.randrange(len(paras) - 1)
            paras[j], paras[j + 1] = paras[j + 1], paras[j]
    if kind == "copy":
        flat = [u for p in paras for u in p]
        drop = set(rng.sample(range(len(flat)), min(2, len(flat) // 8)))
        paras = paragraphs_of([u for k, u in enumerate(flat) if k not in drop], rng, most=4)
    texts = [[_text(u, key, rng, 0.15 if kind == "retelling" else 0.0) for u in p] for p in paras]
    if kind == "transcript":
        lines = transcript_lines([t for p in texts for t in p], lang)
        return Doc("\n".join(lines) + "\n", lang, kind, pool, len(lines), story)
    return Doc(render(texts, lang), lang, kind, pool, sum(len(p) for p in texts), story)


def add_furniture(doc: Doc, lines: list[str], rng: random.Random) -> None:
    """Page furniture (other headlines) above the article, below it, or both."""
    if not lines:
        return
    k = rng.randint(0, len(lines))
    top, bottom = "\n\n".join(lines[:k]), "\n\n".join(lines[k:])
    doc.text = (f"{top}\n\n" if top else "") + doc.text + (f"\n{bottom}\n" if bottom else "")
    doc.units += len(lines)


def cut_short(doc: Doc, rng: random.Random) -> None:
    """Keep the opening 40-80% of the text, as a page the store cut short
    (the real set's pages are their first 2,000 bytes: a third of a
    Chinese article, two thirds of the English one)."""
    sep = "\n" if doc.kind == "transcript" else "\n\n"
    blocks = doc.text.rstrip("\n").split(sep)
    keep = max(1, round(len(blocks) * rng.uniform(0.4, 0.8)))
    doc.units = max(1, round(doc.units * keep / len(blocks)))
    doc.text = sep.join(blocks[:keep]) + "\n"


# ---------------------------------------------------------------- stories

DEMETR_KINDS = ("source", "translation", "mt", "transcript", "retelling")
MONO_KINDS = ("source", "copy", "transcript", "retelling")
FULL_KINDS = ("source", "translation", "mt", "copy")


def _family_kinds(pool: str, rng: random.Random) -> list[str]:
    kinds = DEMETR_KINDS if pool == "demetr" else MONO_KINDS
    while True:
        chosen = sorted(rng.sample(kinds, rng.randint(2, len(kinds))), key=kinds.index)
        if any(k in FULL_KINDS for k in chosen):
            return chosen


def _key_for(kind: str, unit_lang: str, pool: str, rng: random.Random) -> str:
    if pool != "demetr" or kind in ("source", "copy"):
        return unit_lang
    if kind in ("translation", "mt"):
        return "en" if kind == "translation" else "mt"
    return rng.choice([unit_lang, "en", "mt"])


def family(pool: Pool, story: str, rng: random.Random) -> tuple[list[Doc], list[Unit]]:
    n = rng.randint(6, 12) if pool.name == "demetr" else rng.randint(8, 20)
    units = pool.window(n)
    paras = paragraphs_of(units, rng)
    docs = [version(k, paras, _key_for(k, units[0].lang, pool.name, rng), pool.name, story, rng)
            for k in _family_kinds(pool.name, rng)]
    return docs, units


def subject_units(pool: Pool, like: list[Unit], n: int, rng: random.Random) -> list[Unit]:
    """Units of a different article on the same subject as ``like``."""
    if pool.name == "demetr":
        return pool.nearest(n, like) or pool.window(n)
    return pool.window(n, doc=like[0].doc) or pool.window(n)


def topic_decoy(pool: Pool, like: list[Unit], story: str, rng: random.Random) -> Doc:
    units = subject_units(pool, like, rng.randint(6, 12) if pool.name == "demetr" else rng.randint(8, 16), rng)
    key = _key_for("retelling", units[0].lang, pool.name, rng)
    return version("source", paragraphs_of(units, rng), key, pool.name, story, rng)


def same_event(pool: Pool, like: list[Unit], story: str, rng: random.Random) -> Doc:
    """An independent report of the same event: its own lead and sentences
    on the subject, with 2-6 of ``like``'s facts in ``like``'s order (news
    keeps the order of importance), less than half of its sentences (the
    real same-event pairs of bench/real share 3-6 ordered facts, up to
    half of the shorter text: an agency condensing a release).
    For DEMETR, in English, a shared row is in the other English wording (MT
    where the report is human English, sometimes a perturbed MT).  A shared
    sentence is then quoted word for word or reworded (:func:`_fact`)."""
    k = rng.randint(2, 6)
    own = subject_units(pool, like, rng.randint(k + 1, 2 * k + 4), rng)
    shared = sorted(rng.sample(range(len(like)), min(len(like), k)))
    lang = own[0].lang
    key = rng.choice(["en", "mt"]) if pool.name == "demetr" else lang
    texts = [_text(u, key, rng) for u in own]
    slots = sorted(rng.randint(1, len(texts)) for _ in shared)
    for n, (slot, idx) in enumerate(zip(slots, shared)):
        texts.insert(slot + n, _fact(like[idx], key, pool.name, lang, texts[0], rng))
    out_lang = _lang_of(key, lang)
    paras, k = [], 0
    while k < len(texts):
        n = rng.randint(1, 3)
        paras.append(texts[k:k + n])
        k += n
    return Doc(render(paras, out_lang), out_lang, "same-event", pool.name, len(texts), story)


# how a report quotes a statement word for word: (before, after)
QUOTE_MARKS = {"fr": ("« ", " », a-t-il déclaré."), "zh": ("他说：“", "”"), "en": ("\"", ",\" he said.")}


def _fact(u: Unit, key: str, pool: str, lang: str, own: str, rng: random.Random) -> str:
    """One shared fact as an independent report words it (see same_event):
    a quarter of the time quoted word for word, in quotation marks with an
    attribution (reports quote the same statement alike); otherwise in the
    report's own words as far as a generator can make them: the fact's
    first clause (the first half of its words when it has one clause)
    joined to a clause of the report's own.  A whole sentence copied outside
    quotation marks is what a version does, not another writer."""
    if pool == "demetr":
        # the family has the human English or the source: the report words
        # the fact as the MT (sometimes a perturbed one) does
        lang = "mt" if key == "en" else "en"
        whole = _text(u, lang, rng, perturb=0.3)
    else:
        whole = u.text[lang]
    out_lang = "en" if lang == "mt" else lang
    if rng.random() < 0.25:
        before, after = QUOTE_MARKS[out_lang]
        body = whole if out_lang == "zh" else whole.rstrip().rstrip(".!?")
        return before + body + after
    clauses = transcript_lines([whole], out_lang)
    first = clauses[0] if clauses else whole
    if len(clauses) < 2:
        if out_lang == "zh":
            first = first[:max(2, len(first) // 2)]
        else:
            words = first.split()
            first = " ".join(words[:max(2, len(words) // 2)])
    mine = transcript_lines([own], out_lang) or [own]
    end = "。" if out_lang == "zh" else "."
    return first + ("，" if out_lang == "zh" else ", ") + mine[-1] + end


# ---------------------------------------------------------------- corpus

POOL_WEIGHTS = (("demetr", 0.4), ("textberg", 0.3), ("sample", 0.3))


def load_pools(shared: Path, corpus: Path, split: str, seed: int) -> dict[str, Pool]:
    bases = {
        "demetr": load_demetr(shared / "bench" / "demetr" / "demetr_zh_fr.jsonl", split),
        "textberg": load_textberg(shared / "bench" / "textberg" / "fr", split),
        "sample": load_sample(corpus, split),
    }
    return {name: Pool(name, base, random.Random(f"{seed}-{name}")) for name, base in bases.items()}


def generate(sentences: int, seed: int, split: str, shared: Path, corpus: Path) -> tuple[list[Doc], dict]:
    """Documents (in a seeded random order) and what rounds each pool used,
    until about ``sentences`` sentences are written."""
    rng = random.Random(seed)
    pools = load_pools(shared, corpus, split, seed)
    docs: list[Doc] = []
    total, k = 0, 0
    while total < sentences:
        k += 1
        pool = pools[rng.choices([n for n, _ in POOL_WEIGHTS], [w for _, w in POOL_WEIGHTS])[0]]
        if rng.random() < 0.8:
            fam = f"F{k:05d}"
            members, units = family(pool, fam, rng)
            for d in members:
                d.family = fam
            new = list(members)
            if rng.random() < 0.35:
                new.append(topic_decoy(pool, units, fam, rng))
                new[-1].kind = "topic-decoy"
            if rng.random() < 0.3:
                new.append(same_event(pool, units, fam, rng))
        else:
            units = pool.window(rng.randint(6, 12))
            key = _key_for("retelling", units[0].lang, pool.name, rng)
            new = [version("source", paragraphs_of(units, rng), key, pool.name, f"S{k:05d}", rng)]
            new[0].kind = "unrelated"
        for d in new:
            if rng.random() < 0.35:
                cut_short(d, rng)
            if rng.random() < 0.5:
                add_furniture(d, pool.headlines(d.lang, rng.randint(1, 5)), rng)
        docs.extend(new)
        total += sum(d.units for d in new)
    rng.shuffle(docs)
    return docs, {name: p.round for name, p in sorted(pools.items())}


def labels_of(docs: list[Doc], names: list[str], meta: dict) -> dict:
    """labels.json: every document's story, kind, language and pool;
    families (versions of one article), same-event pairs (a report and each
    version of the article it shares facts with) and topic decoys."""
    families: dict[str, list[str]] = {}
    for d, name in zip(docs, names):
        if d.family:
            families.setdefault(d.family, []).append(name)
    same, decoys = [], {}
    for d, name in zip(docs, names):
        if d.kind == "same-event":
            same += [sorted((name, m)) for m in families.get(d.story, [])]
        elif d.kind == "topic-decoy":
            decoys[name] = d.story
    return {
        **meta,
        "docs": {name: {"story": d.story, "family": d.family, "kind": d.kind, "lang": d.lang, "pool": d.pool,
                        "sentences": d.units} for d, name in zip(docs, names)},
        "families": {f: sorted(m) for f, m in sorted(families.items())},
        "same_event": sorted(same),
        "decoys": dict(sorted(decoys.items())),
    }


def write_corpus(out: Path, sentences: int, seed: int, split: str = "all", shared: Path = Path("../shared"),
                 corpus: Path = Path("corpus")) -> dict:
    """Generate and write OUT/corpus/*.txt and OUT/labels.json; returns the labels."""
    docs, rounds = generate(sentences, seed, split, shared, corpus)
    folder = out / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("d*.txt"):
        old.unlink()
    names = [f"d{k:06d}.txt" for k in range(len(docs))]
    for d, name in zip(docs, names):
        (folder / name).write_text(d.text, encoding="utf-8")
    meta = {"generator": "bench/gencorpus.py", "seed": seed, "split": split, "sentences_target": sentences,
            "sentences": sum(d.units for d in docs), "documents": len(docs), "recycling_rounds": rounds}
    labels = labels_of(docs, names, meta)
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
    return labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=1000, help="about how many sentences to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--split", choices=("train", "test", "all"), default="all",
                    help="which half of every pool to draw from")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--corpus", type=Path, default=Path("corpus"), help="the sample corpus (a pool)")
    args = ap.parse_args(argv)
    labels = write_corpus(args.out, args.sentences, args.seed, args.split, args.shared, args.corpus)
    print(f"{labels['documents']} documents, {labels['sentences']} sentences, {len(labels['families'])} families, "
          f"{len(labels['same_event'])} same-event pairs, {len(labels['decoys'])} topic decoys, "
          f"recycling rounds {labels['recycling_rounds']} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
