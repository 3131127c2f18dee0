"""Issue 16 pieces on hand-built inputs: findings weighed against their own
pair (calibration), gap evidence, clause gaps, findings across versions
(consolidation), checks within one document, flood control and the summary
by pair."""
from __future__ import annotations

import pytest
from compare_helpers import mention, pair

from rumorlens.compare import PairStats, Side, aligned_pairs, run_checks
from rumorlens.compare.calibration import calibrate, profile
from rumorlens.compare.consolidate import consolidate, versions
from rumorlens.compare.driver import MentionIndex
from rumorlens.compare.internal import repeated_passages
from rumorlens.compare.omission import check_clause_gaps
from rumorlens.compare.pair import AlignedPair, make_finding
from rumorlens.errors import UserError
from rumorlens.records import AlignmentGroup, Bead, DocGroup, Document, Evidence, Finding, PairAlignment, Sentence
from rumorlens.report import build_report, filter_report, summarize


def _doc(doc_id: str, lang: str, lines: list[str]) -> tuple[Document, list[Sentence]]:
    text = "\n".join(lines)
    d = Document(id=doc_id, path=f"{doc_id}.txt", lang=lang, languages=[lang], text=text, format="txt",
                 encoding="utf-8")
    sents, at = [], 0
    for k, line in enumerate(lines):
        sents.append(Sentence(f"{doc_id}:{k}", doc_id, k, at, at + len(line), line, lang))
        at += len(line) + 1
    return d, sents


# ---------------------------------------------------------------- calibration


def _side(doc, text, start=0, end=None):
    end = len(text) if end is None else end
    return Side(doc, doc + ".txt", "en", text, start, end, [doc + ":0"] if end > start else [], [])


def _beads(n_two: int, src_only: int, long_tgt: bool = True) -> list[AlignedPair]:
    """``n_two`` two-sided beads and ``src_only`` beads whose source has no
    counterpart; the target is as long as the source unless ``long_tgt`` is False."""
    src = "A source sentence of some length."
    tgt = src if long_tgt else "A source sentence"  # about half as long
    out = [AlignedPair(_side("a", src), _side("b", tgt), similarity=0.8, bead=k) for k in range(n_two)]
    out += [AlignedPair(_side("a", src), _side("b", "", 0, 0), bead=n_two + k) for k in range(src_only)]
    return out


def _missing(bead: int, conf=0.6, severity="medium") -> Finding:
    ev = [Evidence("a", "a.txt", 0, 5, "A sou")]
    f = make_finding(None, "omission", "sentence_missing", severity, conf, ev, "Left out.", docs=["a", "b"])
    f.bead = bead
    return f


def test_calibration_lowers_what_a_condensing_version_leaves_out_and_says_why():
    close = _beads(20, 1)
    (kept,) = calibrate([_missing(20)], close)
    assert kept.confidence > 0.5 and kept.severity == "medium" and "condenses" not in kept.explanation
    condensed = _beads(20, 1, long_tgt=False)  # the target is far shorter than the source
    assert profile(condensed).condensed("tgt") > 0.4
    out = calibrate([_missing(20, conf=0.9)], condensed)
    assert out and out[0].confidence < 0.45 and out[0].severity == "low"
    assert "condenses" in out[0].explanation and "shorter" in out[0].explanation
    # nearly nothing left of a finding: not reported
    assert calibrate([_missing(20, conf=0.3)], condensed) == []


def test_calibration_weighs_a_kind_of_finding_by_how_often_the_pair_shows_it():
    beads = _beads(10, 0)
    rare = calibrate([_value(0)], beads)[0]
    common = calibrate([_value(k) for k in range(8)], beads)
    assert rare.confidence == pytest.approx(0.8 * (1 - 1 / 14), abs=1e-3)
    assert all(f.confidence < rare.confidence for f in common)
    assert all(f.severity == "medium" and "8 of the 10 aligned passages" in f.explanation for f in common)


def _value(bead: int) -> Finding:
    ev = [Evidence("a", "a.txt", 0, 3, "100"), Evidence("b", "b.txt", 0, 3, "200")]
    f = make_finding(None, "number", "value_changed", "high", 0.8, ev, "x", docs=["a", "b"])
    f.bead = bead
    return f


# ---------------------------------------------------------------- gap evidence


def test_one_sided_finding_cites_both_versions_with_the_gap():
    da, sa = _doc("a", "en", ["First shared sentence here.", "Only the source says this long extra sentence.",
                              "Last shared sentence here."])
    db, sb = _doc("b", "en", ["First shared sentence here.", "Last shared sentence here."])
    pa = PairAlignment("a", "b", [Bead([0], [0], 0.9), Bead([1], [], 0.0), Bead([2], [1], 0.9)], "translation")
    pairs = aligned_pairs(pa, {"a": da, "b": db}, {"a": sa, "b": sb}, {"a": MentionIndex([]), "b": MentionIndex([])})
    (f,) = [f for f in run_checks(pairs) if f.type == "sentence_missing"]
    roles = {(e.doc, e.role) for e in f.evidence}
    assert roles == {("a", None), ("b", "gap"), ("b", "context")}
    gap = next(e for e in f.evidence if e.role == "gap")
    assert gap.start == gap.end == sb[0].end  # right after the sentence before it
    context = next(e for e in f.evidence if e.role == "context")
    assert (context.start, context.end) == (sb[0].start, sb[1].end)


# ---------------------------------------------------------------- clause gaps


def test_a_clause_without_counterpart_is_part_of_the_passage_left_out():
    src = "He trained the model, kept it inside the lab for many long months without a word, and released a small one."
    tgt = "Il a entraîné le modèle et en a publié un petit."
    p = pair(src, tgt, "en", "fr")
    c1, c2, c3 = src.index("He"), src.index("kept"), src.index("and released")
    t2 = tgt.index("et en")
    p.clause_groups = [[[[c1, c2 - 2]], [[0, t2]]], [[[c2, c3 - 2]], []], [[[c3, len(src)]], [[t2, len(tgt)]]]]
    (f,) = check_clause_gaps(p)
    assert (f.category, f.type) == ("omission", "part_missing")
    assert f.evidence[0].text == "kept it inside the lab for many long months without a word"
    gap = next(e for e in f.evidence if e.role == "gap")
    assert gap.doc == "b" and gap.start == t2  # after the clause aligned before it
    # a clause that reads like the other side as well as a typical bead: split differently, not missing
    p.phrase_similarity = lambda a, b: 0.9
    p.stats = PairStats(n=20, median=0.5, mad=0.1)
    assert check_clause_gaps(p) == []


def test_clauses_left_out_one_after_another_are_one_passage():
    """A paragraph the other version lacks, told clause by clause, is one
    finding; a clause with a counterpart between two gaps splits them."""
    src = ("The agency said the model was ready, it had been tested on many hospitals across the region, "
           "the results were shared with every regional health ministry, and the launch is set for May.")
    tgt = "L'agence a dit que le modèle était prêt et le lancement est prévu pour mai."
    p = pair(src, tgt, "en", "fr")
    c = [0, src.index("it had"), src.index("the results"), src.index("and the launch"), len(src)]
    t = tgt.index("et le")
    gap_a, gap_b = [[c[1], c[2] - 2]], [[c[2], c[3] - 2]]
    p.clause_groups = [[[[c[0], c[1] - 2]], [[0, t]]], [gap_a, []], [gap_b, []], [[[c[3], c[4]]], [[t, len(tgt)]]]]
    (f,) = check_clause_gaps(p)
    assert f.evidence[0].text == src[c[1]:c[3] - 2] and f.type == "part_missing"
    # an aligned clause between them: two passages
    p.clause_groups = [[gap_a, []], [[[c[0], c[1] - 2]], [[0, t]]], [gap_b, []], [[[c[3], c[4]]], [[t, len(tgt)]]]]
    assert [f.evidence[0].text for f in check_clause_gaps(p)] == [src[c[1]:c[2] - 2], src[c[2]:c[3] - 2]]


def test_clauses_a_translation_put_in_another_order_are_not_left_out():
    """A reordered sentence leaves one clause one-sided on each side (the
    clause alignment is monotonic): when the two are each other's best match
    they are counterparts, not a part left out and a part added."""
    src = "Xi said both countries are independent and responsible powers, and their relations have global significance."
    tgt = "Les relations ont une portée mondiale, car les deux pays sont des puissances indépendantes et responsables."
    p = pair(src, tgt, "en", "fr")
    cut_s, cut_t = src.index("and their"), tgt.index("car les")
    p.clause_groups = [[[[0, cut_s - 2]], []], [[[cut_s, len(src)]], [[0, cut_t - 2]]], [[], [[cut_t, len(tgt)]]]]
    crossed = {(src[:cut_s - 2], tgt[cut_t:]), (tgt[cut_t:], src[:cut_s - 2])}
    p.phrase_similarity = lambda a, b: 0.6 if (a, b) in crossed else 0.2
    p.stats = PairStats(n=20, median=0.8, mad=0.1)
    assert check_clause_gaps(p) == []
    # two copies in one language, beads near 1: a cosine of 0.6 is other content
    p.stats = PairStats(n=20, median=0.97, mad=0.01)
    assert sorted(f.type for f in check_clause_gaps(p)) == ["part_added", "part_missing"]
    # not each other's best match: two gaps
    p.stats = PairStats(n=20, median=0.8, mad=0.1)
    p.phrase_similarity = lambda a, b: 0.2
    assert sorted(f.type for f in check_clause_gaps(p)) == ["part_added", "part_missing"]


def test_a_dateline_clause_is_not_content_left_out():
    # a reprint's credit line (the site's dateline, then the agency's) is the dispatch naming itself
    src = "参考消息网10月23日报道 据法新社10月20日报道,埃及20日被认证为无疟疾国家。"
    tgt = "L'Egypte a été certifiée exempte de paludisme dimanche."
    p = pair(src, tgt, "zh", "fr")
    cut = src.index("埃及")
    p.clause_groups = [[[[0, cut]], []], [[[cut, len(src)]], [[0, len(tgt)]]]]
    assert check_clause_gaps(p) == []
    # the same clause with story content in it is still reported
    src2 = "中国卫生部门官员与世卫专家10月23日在开罗会谈 据法新社10月20日报道,埃及20日被认证为无疟疾国家。"
    p2 = pair(src2, tgt, "zh", "fr")
    cut2 = src2.index("埃及")
    p2.clause_groups = [[[[0, cut2]], []], [[[cut2, len(src2)]], [[0, len(tgt)]]]]
    (f,) = check_clause_gaps(p2)
    assert f.type == "part_missing" and f.evidence[0].text.startswith("中国卫生部门")


# ---------------------------------------------------------------- across versions


def _three_versions():
    dz, sz = _doc("z", "zh", ["模型有 1.76 万亿个参数。", "这是第二句。"])
    dt, st = _doc("t", "zh", ["模型有 1.76 万亿参数", "这是第二句"])
    df, sf = _doc("f", "fr", ["Le modèle a 1,76 trillion de paramètres.", "C'est la deuxième phrase."])
    docs = [dz, dt, df]
    sents = {"z": sz, "t": st, "f": sf}
    group = DocGroup("group-001", ["z", "t", "f"], "translation", 0.9)
    aligns = [PairAlignment(a, b, [Bead([0], [0], 0.8), Bead([1], [1], 0.8)], "translation")
              for a, b in (("z", "t"), ("z", "f"), ("t", "f"))]
    agroups = [AlignmentGroup("group-001", k, {"z": [k], "t": [k], "f": [k]}) for k in range(2)]
    return docs, sents, [group], aligns, agroups


def _friend(src_doc, sdoc, tdoc, sents) -> Finding:
    s, t = sents[src_doc][0], sents["f"][0]
    a = s.text.index("1.76")
    b = t.text.index("1,76")
    ev = [Evidence(src_doc, f"{src_doc}.txt", s.start + a, s.start + a + 4, "1.76"),
          Evidence("f", "f.txt", t.start + b, t.start + b + 4, "1,76")]
    f = make_finding(None, "number", "false_friend", "high", 0.85, ev, "Trillion is 10^18 in French.",
                     docs=[src_doc, "f"])
    f.bead = 0
    return f


def test_the_same_difference_from_two_pairs_is_one_finding_naming_the_odd_one_out():
    docs, sents, groups, aligns, agroups = _three_versions()
    v = versions(docs, sents, groups, agroups, aligns)
    out = consolidate([_friend("z", "z", "f", sents), _friend("t", "t", "f", sents)], v)
    (f,) = out
    assert f.docs[-1] == "f" and set(f.docs) == {"z", "t", "f"}
    assert {e.doc for e in f.evidence} == {"z", "t", "f"}
    assert f.explanation.startswith("The French differs from")
    assert f.passages == ["group-001:0"]
    # the two other versions differ too: no odd one out, both kept as they are
    zt = make_finding(None, "number", "value_changed", "high", 0.8,
                      [Evidence("z", "z.txt", 4, 8, "1.76"), Evidence("t", "t.txt", 4, 8, "1.76")], "x",
                      docs=["z", "t"])
    zt.bead = 0
    assert len(consolidate([_friend("z", "z", "f", sents), _friend("t", "t", "f", sents), zt], v)) == 3


def test_findings_are_consolidated_within_their_own_group_of_versions():
    """Two articles of three versions each, with the same difference in
    both: each group's two findings become one, never one from each group
    (consolidate looks for a partner among its group's findings only), and
    the result is what each group gives alone."""
    docs, sents, groups, aligns, agroups = _three_versions()
    other_docs, other_sents = [], {}
    for d in docs:
        d2, s2 = _doc(d.id + "2", d.lang, [x.text for x in sents[d.id]])
        other_docs.append(d2)
        other_sents[d2.id] = s2
    g2 = DocGroup("group-002", ["z2", "t2", "f2"], "translation", 0.9)
    aligns2 = [PairAlignment(a + "2", b + "2", [Bead([0], [0], 0.8), Bead([1], [1], 0.8)], "translation")
               for a, b in (("z", "t"), ("z", "f"), ("t", "f"))]
    agroups2 = [AlignmentGroup("group-002", k, {"z2": [k], "t2": [k], "f2": [k]}) for k in range(2)]
    all_sents = {**sents, **other_sents}

    def friend(src, odd):
        s, t = all_sents[src][0], all_sents[odd][0]
        a, b = s.text.index("1.76"), t.text.index("1,76")
        ev = [Evidence(src, f"{src}.txt", s.start + a, s.start + a + 4, "1.76"),
              Evidence(odd, f"{odd}.txt", t.start + b, t.start + b + 4, "1,76")]
        f = make_finding(None, "number", "false_friend", "high", 0.85, ev, "Trillion is 10^18 in French.",
                         docs=[src, odd])
        f.bead = 0
        return f

    v = versions(docs + other_docs, all_sents, groups + [g2], agroups + agroups2, aligns + aligns2)
    both = consolidate([friend("z", "f"), friend("z2", "f2"), friend("t2", "f2"), friend("t", "f")], v)
    assert sorted(set(f.docs) for f in both) == [{"f", "t", "z"}, {"f2", "t2", "z2"}]
    one = versions(docs, sents, groups, agroups, aligns)
    (alone,) = consolidate([friend("z", "f"), friend("t", "f")], one)
    (same,) = [f for f in both if "f" in f.docs]
    assert (same.id, same.explanation, same.docs, same.evidence) == (alone.id, alone.explanation, alone.docs,
                                                                     alone.evidence)


def test_a_finding_of_one_pair_is_checked_against_the_third_version():
    from rumorlens.mentions import extract_text

    docs, sents, groups, aligns, agroups = _three_versions()
    mentions = {}
    for d in docs:
        ms = [m for m in extract_text(d.text, d.lang) if m.kind == "number"]
        for m in ms:
            m.doc_id = d.id
        mentions[d.id] = MentionIndex(ms)
    v = versions(docs, sents, groups, agroups, aligns, mentions)
    mz = mentions["z"].mentions[0]
    mf = mentions["f"].mentions[0]
    f = make_finding(None, "number", "false_friend", "high", 0.85,
                     [Evidence("z", "z.txt", mz.start, mz.end, mz.text, mz.value),
                      Evidence("f", "f.txt", mf.start, mf.end, mf.text, mf.value)], "x", docs=["z", "f"])
    f.bead = 0
    (out,) = consolidate([f], v)
    assert out.docs == ["z", "t", "f"]  # the transcript states the Chinese value: the French is the odd one
    assert any(e.doc == "t" for e in out.evidence)


# ---------------------------------------------------------------- within one document


class _Words:
    """A toy encoder: bag of words, so that two sentences with the same words are alike."""

    def encode(self, texts):
        import numpy as np

        out = []
        for t in texts:
            v = np.zeros(64, dtype="float32")
            for w in t.lower().replace(".", " ").split():
                v[hash(w) % 64] += 1.0
            out.append(v / (np.linalg.norm(v) or 1.0))
        return np.stack(out)


def test_a_sentence_repeated_in_one_version_only_is_reported_with_the_other_versions():
    df, sf = _doc("f", "fr", ["L'AGI est un système capable de générer cent milliards de bénéfices.",
                              "L'AGI est un système capable de générer cent milliards de bénéfices !",
                              "Une autre phrase, sans rapport aucun."])
    dz, sz = _doc("z", "zh", ["AGI 是一种可以产生至少一千亿美元利润的系统。", "另一句话。"])
    group = DocGroup("g", ["z", "f"], "translation", 0.9)
    agroups = [AlignmentGroup("g", 0, {"z": [0], "f": [0, 1]}), AlignmentGroup("g", 1, {"z": [1], "f": [2]})]
    v = versions([dz, df], {"z": sz, "f": sf}, [group], agroups, [])
    (f,) = repeated_passages(v, _Words())
    assert (f.category, f.type) == ("addition", "repeated_passage")
    assert f.docs == ["z", "f"]
    assert [e.doc for e in f.evidence if e.role is None] == ["f", "f"]
    assert any(e.doc == "z" and e.role == "context" for e in f.evidence)
    # when the other version repeats it too, it is the author's: nothing
    dz2, sz2 = _doc("z", "zh", ["AGI 是一种可以产生至少一千亿美元利润的系统。", "AGI 是一种可以产生至少一千亿美元利润的系统！"])
    agroups2 = [AlignmentGroup("g", 0, {"z": [0, 1], "f": [0, 1]})]
    v2 = versions([dz2, df], {"z": sz2, "f": sf}, [group], agroups2, [])
    assert repeated_passages(v2, _Words()) == []



class _Recording(_Words):
    def __init__(self):
        self.asked = []

    def encode(self, texts):
        self.asked += list(texts)
        return super().encode(texts)


def test_only_clauses_sharing_words_with_a_neighbour_are_encoded_and_a_reworded_repeat_is_still_found():
    # the same words in another order: the text ratio is far below the
    # repeat threshold, the (bag-of-words) vectors are equal
    df, sf = _doc("f", "fr", ["Les revenus de cent milliards viendront de l'AGI.",
                              "De l'AGI viendront les revenus de cent milliards.",
                              "Une autre phrase, sans rapport aucun.",
                              "Le temps est beau aujourd'hui."])
    dz, sz = _doc("z", "zh", ["AGI 将带来一千亿的收入。", "另一句话。", "今天天气很好。"])
    group = DocGroup("g", ["z", "f"], "translation", 0.9)
    agroups = [AlignmentGroup("g", 0, {"z": [0], "f": [0, 1]}), AlignmentGroup("g", 1, {"z": [1], "f": [2]}),
               AlignmentGroup("g", 2, {"z": [2], "f": [3]})]
    v = versions([dz, df], {"z": sz, "f": sf}, [group], agroups, [])
    enc = _Recording()
    (f,) = repeated_passages(v, enc)
    assert f.type == "repeated_passage"
    assert [e.text for e in f.evidence if e.role is None] == [sf[0].text, sf[1].text]
    # the two unrelated sentences share no word with their neighbours: never encoded
    assert enc.asked and not any(t in sf[2].text or t in sf[3].text for t in enc.asked)
    assert sf[0].text in enc.asked


def test_the_page_title_shown_twice_is_not_a_repeated_passage():
    """A web page prints its title in the title bar and as its heading."""
    def setup(title, kind="heading"):
        df, sf = _doc("f", "fr", ["Un puissant séisme frappe Taïwan", "Un puissant séisme frappe Taïwan",
                                  "Quatre personnes sont mortes."])
        df.title = title
        for s in sf[:2]:
            s.kind = kind
        dz, sz = _doc("z", "fr", ["Le séisme a fait quatre morts.", "Quatre personnes sont mortes."])
        group = DocGroup("g", ["z", "f"], "same-language-version", 0.9)
        agroups = [AlignmentGroup("g", 0, {"z": [0], "f": [0, 1]}), AlignmentGroup("g", 1, {"z": [1], "f": [2]})]
        return versions([dz, df], {"z": sz, "f": sf}, [group], agroups, [])

    assert repeated_passages(setup("Un puissant séisme frappe Taïwan"), _Words()) == []
    # a heading given twice that is not the page's title is still a repeat
    (f,) = repeated_passages(setup("Autre titre"), _Words())
    assert f.type == "repeated_passage"


# ---------------------------------------------------------------- flood control


def _report_with(findings):
    docs = [Document(id=i, path=f"dir/{i}.txt", lang="en", languages=["en"], text="x" * 20, format="txt",
                     encoding="utf-8") for i in ("a", "b", "c")]
    return build_report(docs, [], [], [], {}, findings)


def _f(fid, sev, docs, cat="number"):
    return Finding(id=fid, category=cat, type="t", severity=sev, confidence=0.5,
                   evidence=[Evidence(d, f"dir/{d}.txt", 0, 1, "x") for d in docs], explanation="x", docs=docs)


def test_summary_counts_per_pair_and_filters_by_severity_and_pair():
    fs = [_f("f-1", "high", ["a", "b"]), _f("f-2", "low", ["a", "b"], "omission"), _f("f-3", "medium", ["b", "c"]),
          _f("f-4", "high", ["a", "b", "c"])]
    s = summarize(fs)
    assert s["by_pair"][0] == {"docs": ["a", "b"], "total": 2, "by_category": {"number": 1, "omission": 1},
                               "by_severity": {"high": 1, "low": 1}}
    report = _report_with(fs)
    assert [f["id"] for f in filter_report(report, "medium")["discrepancies"]] == ["f-1", "f-3", "f-4"]
    only = filter_report(report, None, [("dir/b.txt", "c")])
    assert [f["id"] for f in only["discrepancies"]] == ["f-3", "f-4"]  # f-4 compares every pair of a, b, c
    assert only["summary"]["total"] == 2 and only["filter"]["pairs"] == [["b", "c"]]
    assert filter_report(report) is report
    with pytest.raises(UserError):
        filter_report(report, None, [("nothing", "a")])


def test_a_speech_tag_whose_speaker_the_other_side_names_is_not_left_out():
    """A translation moves the speech tag to the head of the quote: the
    clause « Tedros Adhanom Ghebreyesus, dans un communiqué » is the name the
    other side gives (谭德塞) and a few words; a clause with content of its
    own beside the name is still reported."""
    from compare_helpers import mention

    fr = ("« C'est historique », a déclaré le directeur, Tedros Adhanom Ghebreyesus, dans un communiqué.")
    zh = "世卫组织总干事谭德塞在声明中说:“这是历史性的。”"
    cut = fr.index("Tedros")
    tedros = mention("a", fr, "Tedros Adhanom Ghebreyesus", "fr", "entity", "PER")
    p = pair(fr, zh, "fr", "zh", [tedros], [mention("b", zh, "谭德塞", "zh", "entity", "PER")])
    p.clause_groups = [[[[0, cut - 2]], [[0, len(zh)]]], [[[cut, len(fr)]], []]]
    assert check_clause_gaps(p) == []
    fr2 = fr.replace("dans un communiqué", "qui s'est rendu au Caire lundi pour la cérémonie officielle")
    p2 = pair(fr2, zh, "fr", "zh", [mention("a", fr2, "Tedros Adhanom Ghebreyesus", "fr", "entity", "PER")],
              [mention("b", zh, "谭德塞", "zh", "entity", "PER")])
    p2.clause_groups = [[[[0, cut - 2]], [[0, len(zh)]]], [[[cut, len(fr2)]], []]]
    (f,) = check_clause_gaps(p2)
    assert f.type == "part_missing" and "Caire" in f.evidence[0].text
    # a name the other side does not give is content of the clause
    p3 = pair(fr, "世卫组织在声明中说:“这是历史性的。”", "fr", "zh", [tedros])
    p3.clause_groups = [[[[0, cut - 2]], [[0, len(p3.tgt.text)]]], [[[cut, len(fr)]], []]]
    assert len(check_clause_gaps(p3)) == 1


def test_a_clause_its_own_document_repeats_further_on_is_not_added():
    from rumorlens.compare.pair import AlignedPair, Side

    stand = "Le paludisme tue plus de 600 000 personnes chaque année, dont 95% en Afrique. "
    lead = "L'Egypte a été certifiée exempte de paludisme dimanche."
    body = "\n\nUn pays doit aussi le prouver. Selon l'OMS, le paludisme tue plus de 600 000 personnes chaque année, " \
           "dont 95 % en Afrique."
    fr = stand + lead + body
    en = "Egypt was certified as malaria-free on Sunday."
    src = Side("a", "a.txt", "fr", fr, 0, len(stand) + len(lead), ["a:0", "a:1"], [], context_start=0,
               context_end=len(stand) + len(lead))
    tgt = Side("b", "b.txt", "en", en, 0, len(en), ["b:0"], [])
    p = AlignedPair(src=src, tgt=tgt)
    p.clause_groups = [[[[0, len(stand) - 1]], []], [[[len(stand), len(stand) + len(lead)]], [[0, len(en)]]]]
    assert check_clause_gaps(p) == []
    once = stand + lead + "\n\nUn pays doit aussi le prouver."
    p2 = AlignedPair(src=Side("a", "a.txt", "fr", once, 0, len(stand) + len(lead), ["a:0", "a:1"], []), tgt=tgt)
    p2.clause_groups = p.clause_groups
    assert [f.type for f in check_clause_gaps(p2)] == ["part_missing"]


def test_a_clause_the_other_retelling_writes_word_for_word_is_not_added():
    """A same-language retelling keeps « une quarantaine de chefs d'État et de
    gouvernement » inside a longer clause, writing « d'Etat » (French often
    leaves capitals unaccented): up to case, accents and punctuation it is
    the same words, so no clause was added; a clause it does not write is
    still reported."""
    src = "Notre-Dame a rouvert samedi, une quarantaine de chefs d'État et de gouvernement, devant les fidèles."
    tgt = ("Notre-Dame a rouvert samedi en plein coeur de Paris, une quarantaine de chefs d'Etat et de "
           "gouvernement (dont Donald Trump), devant les fidèles.")
    p = pair(src, tgt, "fr", "fr")
    c1, c2 = src.index("une quarantaine"), src.index("devant")
    t1 = tgt.index("devant")
    p.clause_groups = [[[[0, c1 - 2]], [[0, t1 - 2]]], [[[c1, c2 - 2]], []], [[[c2, len(src)]], [[t1, len(tgt)]]]]
    assert check_clause_gaps(p) == []
    src2 = src.replace("une quarantaine de chefs d'État et de gouvernement", "les pompiers qui ont sauvé la cathédrale")
    c1, c2 = src2.index("les pompiers"), src2.index("devant")
    p2 = pair(src2, tgt, "fr", "fr")
    p2.clause_groups = [[[[0, c1 - 2]], [[0, t1 - 2]]], [[[c1, c2 - 2]], []], [[[c2, len(src2)]], [[t1, len(tgt)]]]]
    (f,) = check_clause_gaps(p2)
    assert f.type == "part_missing"


def test_group_index_finds_partners_and_the_findings_between_two_versions():
    """consolidate's index of a group's pairwise findings: the findings
    sharing a document of f, in the pool's order (the strongest first, as
    the pool is ranked), and those between two given versions of one
    family; the same answers as scanning the pool."""
    from rumorlens.compare.consolidate import _family, _GroupIndex
    from rumorlens.records import Finding

    def fd(k, a, b, category="number", type_="value_changed"):
        return Finding(id=f"f{k}", category=category, type=type_, severity="medium", confidence=0.5, evidence=[],
                       explanation="", docs=[a, b], bead=0)

    pool = [fd(0, "a", "b"), fd(1, "c", "d"), fd(2, "b", "c"), fd(3, "a", "c", "entity", "missing"),
            fd(4, "a", "c"), fd(5, "d", "e")]
    index = _GroupIndex(pool)
    for f in pool:
        scan = [g for g in pool if set(g.docs) & set(f.docs)]
        assert index.sharing(f) == scan
    fam = _family(pool[0])[:2]
    assert index.between("c", "a", fam) == [pool[4]]
    assert index.between("a", "c", _family(pool[3])[:2]) == [pool[3]]
    assert index.between("a", "e", fam) == []


def test_the_other_version_is_quoted_by_the_clauses_that_together_say_the_repeated_sentence():
    # the repeated French sentence is told by both clauses of the other
    # version's sentence: quoting the closer clause alone left its subject out
    said = "Dans un rapport détaillé, Semianalysis a conclu que GPT-4 avait 1,76 trillion de paramètres."
    df, sf = _doc("f", "fr", ["Dans un rapport détaillé Semianalysis a conclu que GPT-4 avait 1,76 trillion de paramètres.",
                              "Dans un rapport détaillé Semianalysis a conclu que GPT-4 avait 1,76 trillion de paramètres !",
                              "Une autre phrase sans rapport aucun."])
    dz, sz = _doc("z", "fr", [said, "Le temps est beau, aujourd'hui."])
    group = DocGroup("g", ["z", "f"], "translation", 0.9)
    agroups = [AlignmentGroup("g", 0, {"z": [0], "f": [0, 1]}), AlignmentGroup("g", 1, {"z": [1], "f": [2]})]
    v = versions([dz, df], {"z": sz, "f": sf}, [group], agroups, [])
    (f,) = repeated_passages(v, _Words())
    (ctx,) = [e for e in f.evidence if e.doc == "z"]
    assert ctx.text == said
