"""Merged-text rescoring (windows.py and align.rescore_with_text), one-sided
sentences judged on merged texts, the CJK length model, quoted-title
anchors, and the transcript benchmark builder."""
from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from rumorlens.align import (DEFAULT_PARAMS, align_embeddings, align_sentences, anchor_tokens, check_beads,
                             length_prefix, length_units)
from rumorlens.records import Bead
from rumorlens.windows import (WindowVectors, best_path, forced_edges, join_run, max_marginals, path_boundaries,
                               path_lattice)

REPO = Path(__file__).resolve().parents[1]


def as_pairs(beads):
    return [(tuple(b.src), tuple(b.tgt)) for b in beads]


def unit(x):
    x = np.asarray(x, dtype=np.float64)
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


class TableEncoder:
    """A fake encoder: known texts get given vectors; it records every text
    it is asked for."""

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table
        self.asked: list[str] = []

    def encode(self, texts):
        self.asked.extend(texts)
        return np.array([self.table[t] for t in texts], dtype=np.float32)


# --------------------------------------------------------------------------
# lattice


def test_lattice_holds_the_path_and_opens_only_uncertain_boundaries():
    beads = [Bead([0], [0]), Bead([1, 2], [1]), Bead([3], [2]), Bead([4], [3]), Bead([5], [4])]
    n, m = 6, 5
    lo, hi = np.zeros(n + 1, dtype=int), np.full(n + 1, m)
    allowed = {(1, 1), (1, 2), (2, 1), (3, 1), (1, 3), (2, 2)}
    nodes, edges = path_lattice(beads, lo, hi, 2, allowed)
    cells = path_boundaries(beads)
    assert cells == [(0, 0), (1, 1), (3, 2), (4, 3), (5, 4), (6, 5)]
    assert set(zip(cells, cells[1:])) <= set(edges)
    # boundaries next to the 2-1 bead move; the ones between 1-1 beads do not
    assert (2, 2) in nodes and (2, 1) in nodes
    assert not any(c[0] == 5 and c != (5, 4) for c in nodes)
    for p, q in edges:
        a, b = q[0] - p[0], q[1] - p[1]
        assert a >= 0 and b >= 0 and ((a, b) in allowed or (a, b) in ((1, 0), (0, 1)))


def test_max_marginals_and_best_path_match_brute_force():
    rng = np.random.default_rng(3)
    beads = [Bead([0, 1], [0]), Bead([2], [1, 2]), Bead([3], [])]
    lo, hi = np.zeros(5, dtype=int), np.full(5, 3)
    nodes, edges = path_lattice(beads, lo, hi, 1, {(1, 1), (1, 2), (2, 1)})
    scores = rng.normal(size=len(edges))
    # every chain from the first cell to the last, by brute force
    out = {}
    for e, (p, q) in enumerate(edges):
        out.setdefault(p, []).append(e)

    def chains(cell):
        if cell == nodes[-1]:
            yield []
            return
        for e in out.get(cell, []):
            for rest in chains(edges[e][1]):
                yield [e] + rest

    all_chains = list(chains(nodes[0]))
    totals = [sum(scores[e] for e in c) for c in all_chains]
    best, through = max_marginals(nodes, edges, scores)
    assert best == pytest.approx(max(totals))
    for e in range(len(edges)):
        using = [t for c, t in zip(all_chains, totals) if e in c]
        assert through[e] == pytest.approx(max(using)) if using else through[e] == -np.inf
    path = best_path(nodes, edges, scores)
    assert sum(scores[edges.index(x)] for x in path) == pytest.approx(max(totals))
    # an edge is forced exactly when every chain uses it
    forced = forced_edges(nodes, edges)
    for e in range(len(edges)):
        if forced[e]:
            assert all(e in c for c in all_chains)
    single = [((0, 0), (1, 1)), ((1, 1), (2, 2))]
    assert forced_edges([(0, 0), (1, 1), (2, 2)], single).all()


def test_windows_encode_only_runs_of_two_or_more_once():
    src_emb = unit(np.eye(4)[:3]).astype(np.float32)
    tgt_emb = unit(np.eye(4)[:2]).astype(np.float32)
    table = {"a b": unit([1, 1, 0, 0]), "b c": unit([0, 1, 1, 0]), "x y": unit([1, 1, 0, 0])}
    enc = TableEncoder(table)
    w = WindowVectors(src_emb, tgt_emb, ["a", "b", "c"], ["x", "y"], enc.encode, max_width=3)
    assert w.cosine([0], [0]) == pytest.approx(1.0) and enc.asked == []
    w.prefetch([([0, 1], [0, 1]), ([1, 2], [0]), ([0, 1], [1])])
    assert sorted(enc.asked) == ["a b", "b c", "x y"]
    assert w.cosine([0, 1], [0, 1]) == pytest.approx(1.0)
    assert w.cosine([1, 2], [0]) == pytest.approx(0.0)
    w.prefetch([([0, 1], [0, 1])])
    assert len(enc.asked) == 3 and w.encoded == 3
    with pytest.raises(ValueError):
        w.request("s", 0, 4)
    assert join_run([" a ", "b\n"]) == "a b"


# --------------------------------------------------------------------------
# rescoring with merged texts


def test_merged_text_moves_a_boundary_the_summed_vectors_got_wrong():
    """Three source lines, two target sentences.  Summed vectors put the
    middle line with the first bead; the merged texts say it belongs to the
    second.  With ``encode`` the aligner follows the texts, and asks only
    for windows of two or more lines."""
    e = np.eye(8)
    src_emb = unit([e[0], 1.15 * e[0] + e[1], e[1]]).astype(np.float32)
    tgt_emb = unit([e[0], e[1]]).astype(np.float32)
    src = ["aaaa", "bbbb", "cccc"]
    tgt = ["xxxxxxxx", "yyyy"]
    table = {"aaaa bbbb": unit(e[0] + 1.2 * e[2]), "bbbb cccc": unit(e[1]),
             "aaaa bbbb cccc": unit(e[0] + e[1] + e[3]), "xxxxxxxx yyyy": unit(e[0] + e[1] + e[4])}
    params = dataclasses.replace(DEFAULT_PARAMS, len_penalty=False, rescore_margin=1.0)
    plain = align_embeddings(src_emb, tgt_emb, src, tgt, params)
    assert as_pairs(plain) == [((0, 1), (0,)), ((2,), (1,))]
    enc = TableEncoder(table)
    rescored = align_embeddings(src_emb, tgt_emb, src, tgt, params, encode=enc.encode)
    assert as_pairs(rescored) == [((0,), (0,)), ((1, 2), (1,))]
    assert enc.asked and all(" " in t for t in enc.asked)
    # the bead score stays the summed-vector cosine
    assert rescored[0].score == pytest.approx(1.0)


def test_window_work_grows_with_uncertain_boundaries_not_with_length():
    """A long document of clean 1-1 pairs with a few 2-1 beads: only windows
    near those beads are encoded."""
    rng = np.random.default_rng(5)
    n_pairs, d = 300, 48
    meanings = unit(rng.normal(size=(n_pairs, d)))
    src, src_emb, tgt, tgt_emb = [], [], [], []
    for k in range(n_pairs):
        tgt.append(f"t{k}")
        tgt_emb.append(meanings[k])
        if k % 60 == 30:  # this sentence is two lines on the source side
            halves = meanings[k] + 0.6 * rng.normal(size=(2, d)) / np.sqrt(d)
            src += [f"s{k}a", f"s{k}b"]
            src_emb += list(unit(halves))
        else:
            src.append(f"s{k}")
            src_emb.append(unit(meanings[k] + 0.3 * rng.normal(size=d) / np.sqrt(d)))

    vec = dict(zip(src, src_emb)) | dict(zip(tgt, tgt_emb))

    class Summing:  # a window's vector: the normalized sum of its lines'
        asked: list = []

        def encode(self, texts):
            self.asked.extend(texts)
            return unit([sum(vec[w] for w in t.split()) for t in texts]).astype(np.float32)

    enc = Summing()
    # the texts are labels ("s30a"), not sentences: lengths that match to a
    # character would sharpen the length penalty (align.length_power) until no
    # boundary is in doubt; this test is about what doubt costs
    params = dataclasses.replace(DEFAULT_PARAMS, len_power_max=1.0)
    beads = align_embeddings(np.array(src_emb, np.float32), np.array(tgt_emb, np.float32), src, tgt, params,
                             encode=enc.encode)
    check_beads(beads, len(src), len(tgt))
    uncertain = [b for b in beads if len(b.src) != 1 or len(b.tgt) != 1]
    assert uncertain
    # each bead that is not 1-1 opens two boundaries, each costing a bounded
    # number of windows; the 290 clean pairs cost none
    assert 0 < len(set(enc.asked)) <= 60 * len(uncertain)
    assert len(set(enc.asked)) < len(src) / 4


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    from rumorlens.embed import CachedEncoder, get_encoder
    return CachedEncoder(get_encoder("use-m3"), tmp_path_factory.mktemp("cache"))


# The public bug report's kind: a sentence of one version with no counterpart
# in the other, between two that have one.  Summed vectors fold it into a 2-1
# bead (its cosine is low, but so is a skip); on merged texts the merge does
# not improve the bead, so it is left one-sided.
OMITTED = [
    (["Le gouvernement a annoncé mardi un plan de relance de 10 milliards d'euros.",
      "Mon chat adore dormir au soleil près de la fenêtre.",
      "Le plan prévoit des aides aux petites entreprises.",
      "Il entrera en vigueur en janvier."],
     ["The government announced a 10 billion euro stimulus plan on Tuesday.",
      "The plan includes support for small businesses.",
      "It will take effect in January."]),
    (["Les chercheurs ont découvert une nouvelle espèce de grenouille en Amazonie.",
      "L'expédition a été financée par une fondation privée.",
      "L'animal mesure moins d'un centimètre.",
      "Il vit dans les feuilles mortes du sol forestier."],
     ["Researchers have discovered a new species of frog in the Amazon.",
      "The animal measures less than one centimetre.",
      "It lives in the dead leaves of the forest floor."]),
]
MERGED = [
    (["La tempête a frappé la côte dans la nuit.", "Des milliers de foyers sont privés d'électricité.",
      "Les écoles resteront fermées mardi."],
     ["The storm hit the coast overnight, leaving thousands of homes without power.",
      "Schools will remain closed on Tuesday."]),
    (["L'entreprise a publié ses résultats.", "Le chiffre d'affaires a progressé de 12 %.",
      "Le bénéfice net a doublé.", "Les actionnaires recevront un dividende."],
     ["The company published its results: revenue rose 12% and net profit doubled.",
      "Shareholders will receive a dividend."]),
]


@pytest.mark.parametrize("fr,en", OMITTED)
def test_sentence_without_counterpart_is_one_sided(encoder, fr, en):
    beads = align_sentences(fr, en, encoder)
    assert as_pairs(beads) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    # and the other way round
    assert as_pairs(align_sentences(en, fr, encoder)) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))]
    # summed vectors alone, scored as before round 4 (no punctuation cues,
    # no random-sentence normalization), fold it into a neighbouring bead
    emb = encoder.encode(fr + en)
    round3 = dataclasses.replace(DEFAULT_PARAMS, cue_bonus=0.0, cue_keeps=False, random_norm=False, anchor_keeps=False)
    plain = align_embeddings(emb[:4], emb[4:], fr, en, params=round3)
    assert ((1,), ()) not in as_pairs(plain)


@pytest.mark.parametrize("fr,en", MERGED)
def test_true_merges_stay_merged(encoder, fr, en):
    beads = align_sentences(fr, en, encoder)
    assert as_pairs(beads) == [(tuple(range(len(fr) - 1)), (0,)), ((len(fr) - 1,), (1,))]


def test_align_reports_the_sentence_without_counterpart(tmp_path):
    """`rumorlens align` on the two files: a one-sided finding names the
    sentence.  English is the source side of an en/fr pair
    (pipeline.source_first), so a French-only sentence is an addition and an
    English-only one an omission."""
    from rumorlens.cli import main
    fr, en = OMITTED[0]
    for name, (extra_side, expect) in {"fr_extra": ("fr", "sentence_added"),
                                       "en_extra": ("en", "sentence_missing")}.items():
        folder = tmp_path / name
        folder.mkdir()
        if extra_side == "fr":
            (folder / "fr.txt").write_text(" ".join(fr) + "\n", encoding="utf-8")
            (folder / "en.txt").write_text(" ".join(en) + "\n", encoding="utf-8")
            extra = fr[1]
        else:
            en_extra = en[:1] + ["My neighbour's dog barks every morning at the postman."] + en[1:]
            (folder / "fr.txt").write_text(" ".join(fr[:1] + fr[2:]) + "\n", encoding="utf-8")
            (folder / "en.txt").write_text(" ".join(en_extra) + "\n", encoding="utf-8")
            extra = en_extra[1]
        out = tmp_path / f"{name}.json"
        res = CliRunner().invoke(main, ["align", str(folder), "-o", str(out)])
        assert res.exit_code in (0, 2), res.output
        report = json.loads(out.read_text(encoding="utf-8"))
        found = [f for f in report["discrepancies"] if f["type"] == expect]
        assert len(found) == 1 and found[0]["evidence"][0]["text"] == extra
        assert found[0]["category"] == ("addition" if expect == "sentence_added" else "omission")


# --------------------------------------------------------------------------
# lengths and anchors


def test_cjk_lengths_count_characters_against_words():
    from rumorlens.align import is_cjk_side
    assert is_cjk_side(["专注于 AI 领域的分析师 Alberto Romero 曝出"])
    assert not is_cjk_side(["Le GPT-5 est attendu depuis longtemps.", "分析师猜测"])
    assert length_units("专注于 AI 领域的分析师 Alberto Romero 曝出") == 3 + 6 + 2 + 3
    assert length_units("Le GPT-5 d'OpenAI est attendu depuis 2024.") == 8  # GPT and 5 count apart
    zh = ["专注于领域的分析师", "曝出消息"]
    fr = ["L'analyste spécule beaucoup", "Attendu"]
    ls, lt = length_prefix(zh, fr, cjk_units=True)
    assert list(ls) == [0, 9, 13]
    assert lt[-1] == pytest.approx(13) and lt[1] / lt[2] == pytest.approx(3 / 4)
    ls, lt = length_prefix(zh, fr)  # the DP's lengths: characters
    assert list(ls) == [0, 9, 13] and lt[1] / lt[2] == pytest.approx(len(fr[0]) / (len(fr[0]) + len(fr[1])))
    # two Latin-script sides: characters either way
    ls, _ = length_prefix(["abc de", "f"], ["gh", "ijk"], cjk_units=True)
    assert list(ls) == [0, 6, 7]


def test_quoted_titles_are_anchor_tokens():
    zh = anchor_tokens("他在《This Rumor About GPT-5 Changes Everything》中提出")
    fr = anchor_tokens("dans « This Rumor About GPT-5 Changes Everything », il")
    en = anchor_tokens('in "This Rumor About GPT-5 Changes Everything" he')
    title = "q:thisrumoraboutgpt5changeseverything"
    assert title in zh and title in fr and title in en
    assert not any(t.startswith("q:") for t in anchor_tokens("“很快”将拥有"))  # too short to anchor
    assert anchor_tokens("《大生产报》") == {"q:大生产报"}


# --------------------------------------------------------------------------
# the transcript benchmark


def _builder():
    spec = importlib.util.spec_from_file_location("build_transcript_bench", REPO / "bench" / "build_transcript_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_clause_lines():
    b = _builder()
    assert b.clause_lines("据越通社报道，格里沃里认为，越南25年来为东盟的发展作出巨大贡献。") == [
        "据越通社报道", "格里沃里认为", "越南25年来为东盟的发展作出巨大贡献"]
    assert b.clause_lines("累计确诊病例4178027例，累计死亡146460例。") == ["累计确诊病例4178027例", "累计死亡146460例"]
    assert b.clause_lines("At 15:50, 4,178,027 cases; more.") == ["At 15:50", "4,178,027 cases", "more"]
    assert b.clause_lines("Il a dit : « non ».") == ["Il a dit", "« non »"]


def test_transcript_benchmark_is_rebuilt_byte_for_byte(shared_dir, tmp_path):
    demetr = shared_dir / "bench" / "demetr" / "demetr_zh_fr.jsonl"
    if not demetr.is_file():
        pytest.skip("no DEMETR data")
    b = _builder()
    b.write(b.build(demetr), tmp_path)
    shipped = REPO / "bench" / "data" / "transcript"
    for sub in ("src", "tgt", "gold"):
        names = sorted(p.name for p in (shipped / sub).iterdir())
        assert names == sorted(p.name for p in (tmp_path / sub).iterdir()) and len(names) == 6
        for name in names:
            assert (tmp_path / sub / name).read_bytes() == (shipped / sub / name).read_bytes()


def test_transcript_gold_covers_every_line_once():
    from rumorlens.alignscore import parse_beads
    shipped = REPO / "bench" / "data" / "transcript"
    fillers = json.loads((shipped / "fillers.json").read_text(encoding="utf-8"))
    for path in sorted((shipped / "gold").iterdir()):
        gold = parse_beads(path.read_text(encoding="utf-8"))
        src = (shipped / "src" / path.name).read_text(encoding="utf-8").splitlines()
        tgt = (shipped / "tgt" / path.name).read_text(encoding="utf-8").splitlines()
        assert 30 <= len(tgt) / 0.95 + 1 and len(tgt) <= 50
        check_beads([Bead(list(s), list(t)) for s, t in gold], len(src), len(tgt))
        lang = path.name[:2]
        one_sided = [src[s[0]] for s, t in gold if not t]
        n_fill = sum(1 for line in one_sided if line in fillers[lang])
        assert n_fill >= 1 and len(one_sided) > n_fill  # fillers and dropped sentences both
        assert all(len(t) == 1 for _, t in gold if t)
        assert list(itertools.chain.from_iterable(t for _, t in gold)) == list(range(len(tgt)))
