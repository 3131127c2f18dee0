"""Reports for the HTML tests, built without the alignment and compare stages:
a small hand-written one (every tricky character in a few lines), and a large
one over the sample corpus's real texts with a proportional alignment and
findings placed on real numbers (so the page is as long as a real run's)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rumorlens.records import AlignmentGroup, Bead, DocGroup, Evidence, Finding, PairAlignment

SCRIPT = "<script>alert('x')</script>"

# Code points beyond the BMP (two UTF-16 units each in JS) before the evidence
# move every later offset if anyone slices in UTF-16.
ZH = "𠮷野家的😀价格是1570亿美元。" + SCRIPT + "他没有说。最后一句。"
FR = "Le prix est de 150 milliards de dollars. Il a dit « oui » & plus. Dernière phrase."
EN = "Valued at $157 billion by 2024. Another line."


def fid(seed: str) -> str:
    return "f-" + hashlib.sha1(seed.encode()).hexdigest()[:12]


def _doc(id_, path, lang, text, sents, **kw):
    return {"id": id_, "path": path, "lang": lang, "languages": [lang], "title": kw.get("title"),
            "date": kw.get("date"), "source": kw.get("source"), "format": "txt", "text": text,
            "sentences": [{"id": f"{id_}:{i}", "start": a, "end": b, "lang": lang} for i, (a, b) in enumerate(sents)]}


def _span(text: str, snippet: str) -> tuple[int, int]:
    a = text.index(snippet)
    return a, a + len(snippet)


def _ev(doc, path, text, snippet, value=None):
    a, b = _span(text, snippet)
    return {"doc": doc, "path": path, "start": a, "end": b, "text": snippet, "value": value}


def small_report(with_alignment_groups: bool = True) -> dict:
    zh_s = [_span(ZH, "𠮷野家的😀价格是1570亿美元。"), _span(ZH, SCRIPT + "他没有说。"), _span(ZH, "最后一句。")]
    fr_s = [_span(FR, "Le prix est de 150 milliards de dollars."), _span(FR, "Il a dit « oui » & plus."),
            _span(FR, "Dernière phrase.")]
    en_s = [_span(EN, "Valued at $157 billion by 2024."), _span(EN, "Another line.")]
    docs = [
        _doc("en", "extra/en.txt", "en", EN, en_s, date="2024-12-23", source="https://example.org/a?x=1&y=<2>"),
        _doc("fr", "seeds/fr.txt", "fr", FR, fr_s, title="Titre <b>gras</b>"),
        _doc("zh", "seeds/zh.txt", "zh", ZH, zh_s, title="价格", date="2025-01-17"),
    ]
    findings = [
        {"id": fid("n1"), "category": "number", "type": "scale_error", "severity": "high", "confidence": 0.93,
         "evidence": [_ev("zh", "seeds/zh.txt", ZH, "1570亿美元", 1.57e11),
                      _ev("fr", "seeds/fr.txt", FR, "150 milliards de dollars", 1.5e11)],
         "explanation": "The Chinese says 1570亿 (157 billion) but the French says 150 milliards <b>.",
         "docs": ["zh", "fr"], "bead": 0},
        # Overlaps the number finding on 美元.
        {"id": fid("e1"), "category": "entity", "type": "missing", "severity": "medium", "confidence": 0.61,
         "evidence": [_ev("zh", "seeds/zh.txt", ZH, "美元。")],
         "explanation": "Currency name only on one side.", "docs": ["zh", "fr"], "bead": 0},
        {"id": fid("p1"), "category": "polarity", "type": "negation_removed", "severity": "high",
         "confidence": 0.8,
         "evidence": [_ev("zh", "seeds/zh.txt", ZH, "没有"), _ev("fr", "seeds/fr.txt", FR, "« oui » & plus")],
         "explanation": "The Chinese says he did NOT say it; the French says he said « oui ».",
         "docs": ["zh", "fr"], "bead": 1},
        {"id": fid("o1"), "category": "omission", "type": "sentence_missing", "severity": "low",
         "confidence": 0.4, "evidence": [_ev("fr", "seeds/fr.txt", FR, "Dernière phrase.")],
         "explanation": "This sentence has no counterpart " + SCRIPT, "docs": ["zh", "fr"], "bead": 2},
        {"id": fid("c1"), "category": "conflict", "type": "value_conflict", "severity": "high",
         "confidence": 0.77,
         "evidence": [_ev("en", "extra/en.txt", EN, "$157 billion", 1.57e11),
                      _ev("fr", "seeds/fr.txt", FR, "150 milliards de dollars", 1.5e11)],
         "explanation": "Two articles give different valuations: $157 billion and 150 milliards.",
         "docs": ["en", "fr"], "bead": None},
    ]
    summary = {"total": len(findings),
               "by_category": {c: sum(f["category"] == c for f in findings) for c in
                               ("number", "entity", "date", "polarity", "omission", "addition", "meaning",
                                "conflict")},
               "by_severity": {s: sum(f["severity"] == s for f in findings) for s in ("high", "medium", "low")}}
    report = {
        "schema_version": "1.0", "generator": {"name": "rumorlens", "model": "test"},
        "documents": docs,
        "skipped": [{"path": "notes/" + SCRIPT + ".bin", "reason": "binary"}],
        "groups": [{"id": "g1", "docs": ["zh", "fr"], "relation": "translation", "score": 0.9},
                   {"id": "g2", "docs": ["en"], "relation": "single", "score": 1.0}],
        "pairs": [{"src_doc": "zh", "tgt_doc": "fr", "relation": "translation", "score": 0.9,
                   "beads": [{"src": ["zh:0"], "tgt": ["fr:0"], "similarity": 0.81},
                             {"src": ["zh:1"], "tgt": ["fr:1"], "similarity": 0.55},
                             {"src": ["zh:2"], "tgt": [], "similarity": 0.0},
                             {"src": [], "tgt": ["fr:2"], "similarity": 0.0}]}],
        "discrepancies": findings,
        "summary": summary,
    }
    if with_alignment_groups:
        report["alignment_groups"] = [
            {"group": "g1", "index": 0, "sentences": {"fr": [0], "zh": [0]}},
            {"group": "g1", "index": 1, "sentences": {"fr": [1], "zh": [1]}},
            {"group": "g1", "index": 2, "sentences": {"zh": [2]}},
            {"group": "g1", "index": 3, "sentences": {"fr": [2]}},
        ]
    return report


# --------------------------------------------------------------------------
# a large report over the sample corpus

ROMERO = ("extra/zh_romero_full_translation.md", "seeds/000_f7a0604eb51843c0.txt", "seeds/001_7a786c6a2075601a.txt")
ORION = ("extra/en_asiae_gpt5_orion_delays.txt", "extra/en_bloompakistan_orion_delays.txt")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def corpus_report(corpus: Path) -> dict:
    """Every document of the sample corpus, really ingested and segmented;
    Romero's article in three versions and two Orion articles as groups, with
    rows cut in proportion (a stand-in for the aligner) and number findings
    on the first number of each row where two versions both have one."""
    from rumorlens.ingest import ingest_corpus
    from rumorlens.report import build_report
    from rumorlens.segment import segment_document

    docs, skipped = ingest_corpus(corpus)
    by_path = {d.path: d for d in docs}
    sentences = {d.id: segment_document(d) for d in docs}
    groups, pairs, agroups, findings = [], [], [], []
    for gi, paths in enumerate((ROMERO, ORION)):
        members = [by_path[p] for p in paths]
        gid = f"g{gi + 1}"
        groups.append(DocGroup(gid, [d.id for d in members], "translation" if gi == 0 else "retelling", 0.8))
        n_rows = min(len(sentences[d.id]) for d in members)
        rows = [{d.id: [i for i in range(len(sentences[d.id])) if i * n_rows // len(sentences[d.id]) == r]
                 for d in members} for r in range(n_rows)]
        for r, row in enumerate(rows):
            agroups.append(AlignmentGroup(gid, r, row))
        for a_i, a in enumerate(members):
            for b in members[a_i + 1:]:
                beads = [Bead(row[a.id], row[b.id], round(0.5 + 0.45 * ((r * 37) % 11) / 10, 4))
                         for r, row in enumerate(rows)]
                pairs.append(PairAlignment(a.id, b.id, beads, relation=groups[-1].relation, score=0.8))
        for r, row in enumerate(rows):
            ev = []
            for d in members:
                for i in row[d.id]:
                    s = sentences[d.id][i]
                    m = _NUMBER.search(s.text)
                    if m:
                        a = s.start + m.start()
                        ev.append(Evidence(d.id, d.path, a, a + len(m.group()), m.group(), None))
                        break
            if len(ev) >= 2 and ev[0].text != ev[1].text:
                sev = ("high", "medium", "low")[len(findings) % 3]
                findings.append(Finding(fid(f"{gid}-{r}"), "number", "value_changed", sev,
                                        round(0.9 - 0.01 * (len(findings) % 40), 4), ev[:2],
                                        f"Row {r + 1}: '{ev[0].text}' in one version, '{ev[1].text}' in the other.",
                                        [e.doc for e in ev[:2]], r))
    # One cross-article conflict: the first number of two unrelated articles.
    ev = []
    for path in ("extra/en_notebookcheck_gpt5_setbacks.txt", "seeds/003_6bee6f61d1f82674.txt"):
        d = by_path[path]
        m = _NUMBER.search(d.text)
        ev.append(Evidence(d.id, d.path, m.start(), m.end(), m.group(), None))
    findings.append(Finding(fid("conflict"), "conflict", "value_conflict", "high", 0.7, ev,
                            f"Two articles state different values: '{ev[0].text}' and '{ev[1].text}'.",
                            [e.doc for e in ev], None))
    sev_rank = {"high": 0, "medium": 1, "low": 2}
    findings.sort(key=lambda f: (sev_rank[f.severity], -f.confidence, f.id))
    return build_report(docs, skipped, groups, pairs, sentences, findings, alignment_groups=agroups,
                        generator={"name": "rumorlens", "model": "test-proportional"})
