"""Sentence alignment, the alignment scorer and the align-pair command."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest
from click.testing import CliRunner

from rumorlens.align import (AlignParams, _banded_dp, align_embeddings, align_sentences, anchor_tokens,
                             check_beads, heaviest_chain)
from rumorlens.alignscore import format_bead, parse_beads, score
from rumorlens.records import Bead


def unit(x):
    x = np.asarray(x, dtype=np.float64)
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def synthetic(gold, d=64, seed=0, noise=0.35):
    """Embeddings for a gold bead list.  A two-sided bead is one meaning made
    of parts; a side with k sentences spreads the parts over them (as a
    transcript spreads one sentence over lines).  One-sided sentences are
    unrelated vectors."""
    rng = np.random.default_rng(seed)
    src, tgt = [], []
    for s, t in gold:
        if not s or not t:
            for _ in s:
                src.append(unit(rng.normal(size=d)))
            for _ in t:
                tgt.append(unit(rng.normal(size=d)))
            continue
        parts = rng.normal(size=(len(s) * len(t), d))
        for side, k in ((src, len(s)), (tgt, len(t))):
            for chunk in np.array_split(parts, k):
                side.append(unit(chunk.sum(0) + noise * np.sqrt(len(chunk)) * rng.normal(size=d)))
    return np.array(src, dtype=np.float32), np.array(tgt, dtype=np.float32)


def as_pairs(beads):
    return [(tuple(b.src), tuple(b.tgt)) for b in beads]


def test_one_to_one_and_merges():
    gold = [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3,)), ((4,), (4,)), ((5,), (5, 6, 7)), ((6,), (8,)),
            ((7, 8, 9, 10, 11), (9,)), ((12,), (10,))]
    s, t = synthetic(gold, noise=0.3)
    beads = align_embeddings(s, t)
    check_beads(beads, len(s), len(t))
    assert as_pairs(beads) == gold


def test_omissions_become_one_sided_beads():
    gold = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((), (3,)), ((4,), (4,)), ((5,), (5,))]
    s, t = synthetic(gold, noise=0.2)
    beads = align_embeddings(s, t)
    assert as_pairs(beads) == gold
    assert all(b.score == 0.0 for b in beads if not b.src or not b.tgt)


def test_no_anchor_at_all_and_empty_sides():
    rng = np.random.default_rng(1)
    s = unit(rng.normal(size=(30, 32))).astype(np.float32)
    t = unit(rng.normal(size=(45, 32))).astype(np.float32)
    beads = align_embeddings(s, t)  # unrelated sides: must not crash
    check_beads(beads, 30, 45)
    assert align_embeddings(s[:0], t[:3]) == [Bead([], [0]), Bead([], [1]), Bead([], [2])]
    assert align_embeddings(s[:2], t[:0]) == [Bead([0], []), Bead([1], [])]
    assert align_embeddings(s[:0], t[:0]) == []
    assert align_sentences([], [], encoder=None) == []
    assert align_sentences(["a"], [], encoder=None) == [Bead([0], [])]
    one = align_embeddings(s[:1], t[:1])
    check_beads(one, 1, 1)


def test_repeated_sentences_keep_order():
    rng = np.random.default_rng(3)
    meanings = unit(rng.normal(size=(12, 48)))
    order = [0, 1, 2, 3, 4, 2, 5, 6, 7, 2, 8, 9]  # meaning 2 repeats three times
    s = meanings[order].astype(np.float32)
    t = unit(meanings[order] + 0.2 * rng.normal(size=(12, 48))).astype(np.float32)
    beads = align_embeddings(s, t)
    assert as_pairs(beads) == [((i,), (i,)) for i in range(12)]


def test_band_dp_matches_brute_force_on_small_input():
    """The prefix-sum banded DP scores beads like a direct computation."""
    rng = np.random.default_rng(5)
    n, m = 9, 11
    s = unit(rng.normal(size=(n, 8))).astype(np.float32)
    t = unit(rng.normal(size=(m, 8))).astype(np.float32)
    params = AlignParams(max_merge=3, max_nm=4, member_weight=0.0)
    from rumorlens.align import bead_types
    types = bead_types(params)
    lo, hi = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    got = _banded_dp(s, t, None, None, None, None, lo, hi, params)

    best = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            cands = []
            for a, b in types:
                if (i - a, j - b) in best:
                    if a and b:
                        u, v = s[i - a:i].astype(np.float64).sum(0), t[j - b:j].astype(np.float64).sum(0)
                        sc = u @ v / np.linalg.norm(u) / np.linalg.norm(v)
                    else:
                        sc = params.skip
                    cands.append((best[(i - a, j - b)][0] + sc, (a, b)))
            best[(i, j)] = max(cands, key=lambda c: c[0])
    ref, i, j = [], n, m
    while (i, j) != (0, 0):
        a, b = best[(i, j)][1]
        ref.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    assert as_pairs(got) == ref[::-1]


def test_heaviest_chain_is_monotonic_and_heaviest():
    cands = {(0, 0): 1.0, (1, 5): 0.9, (2, 1): 0.8, (3, 2): 0.8, (4, 0): 2.0, (4, 3): 0.5}
    assert heaviest_chain(cands) == [(0, 0), (2, 1), (3, 2), (4, 3)]
    assert heaviest_chain({}) == []


def test_anchor_tokens():
    toks = anchor_tokens("OpenAI a dépensé 1 000 millions pour GPT-5 en 2024, dit le New York Times.")
    assert {"openai", "gpt-5", "#2024", "#1000", "new", "york", "times"} <= toks
    assert "dépensé" not in toks
    assert {"openai", "gpt-5", "#2024"} <= anchor_tokens("OpenAI 在 2024 年为 GPT-5 花费")


def test_scorer_on_hand_made_beads():
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2, 3))]
    r = score([gold], [test])
    # precision over 5 test beads: strict hits (0)(3)(4) = 3; lax adds [1]:[1]
    assert r["precision_strict"] == pytest.approx(3 / 5)
    assert r["precision_lax"] == pytest.approx(4 / 5)
    # recall over 3 two-sided gold beads, against two-sided test beads:
    # strict (0),(4) = 2; lax: [1,2]:[1] overlaps [1]:[1] -> 3
    assert r["recall_strict"] == pytest.approx(2 / 3)
    assert r["recall_lax"] == pytest.approx(1.0)
    assert r["f1_strict"] == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))
    assert score([gold], [gold])["f1_strict"] == 1.0
    assert parse_beads("[3, 4]:[5]\n[7]:[]\n\n[]:[2]\n") == [((3, 4), (5,)), ((7,), ()), ((), (2,))]
    assert format_bead([3, 4], [5]) == "[3,4]:[5]" and format_bead([], [2]) == "[]:[2]"


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    from rumorlens.embed import CachedEncoder, get_encoder
    return CachedEncoder(get_encoder("use-m3"), tmp_path_factory.mktemp("cache"))


def test_real_sentences_with_stray_caption(encoder):
    fr = ["Le gouvernement a annoncé un plan de 3 milliards d'euros.", "Photo : AFP",
          "Le plan vise à rénover les écoles.", "Les syndicats ont salué la mesure mais demandent plus.",
          "Le ministre s'exprimera mardi."]
    en = ["The government announced a 3 billion euro plan.", "The plan aims to renovate schools.",
          "Unions welcomed the measure.", "But they are asking for more.", "The minister will speak on Tuesday."]
    beads = align_sentences(fr, en, encoder)
    check_beads(beads, 5, 5)
    pairs = as_pairs(beads)
    assert ((0,), (0,)) in pairs and ((4,), (4,)) in pairs
    assert ((3,), (2, 3)) in pairs


def test_seed_transcript_vs_translation_excerpt(encoder, corpus_dir):
    """Chinese transcript lines (seed 000) vs French translation (seed 001):
    known passages land in the same bead."""
    zh = (corpus_dir / "seeds" / "000_f7a0604eb51843c0.txt").read_text(encoding="utf-8").splitlines()[17:70]
    fr_text = (corpus_dir / "seeds" / "001_7a786c6a2075601a.txt").read_text(encoding="utf-8")
    fr = [x.strip() for x in re.split(r"(?<=[.!?])\s+|\n+", fr_text) if x.strip()][4:40]
    beads = align_sentences(zh, fr, encoder)
    check_beads(beads, len(zh), len(fr))

    def partner(zh_sub, fr_sub):
        i = next(k for k, line in enumerate(zh) if zh_sub in line)
        j = next(k for k, s in enumerate(fr) if fr_sub in s)
        return any(i in b.src and j in b.tgt for b in beads)

    # the transcript says "GPT-5 exists" twice; the French once
    assert partner("如果告诉大家，GPT-5 已经真实存在", "Et si je vous disais") or partner(
        "如果 GPT-5 不但真实存在", "Et si je vous disais")
    assert partner("但是在 2024 年 10 月发生了一件怪事", "Mais en octobre 2024")
    assert partner("先让我澄清一下", "Avertissement préalable")
    merges = [b for b in beads if len(b.src) >= 2 and len(b.tgt) == 1]
    assert len(merges) >= 5  # the transcript spreads sentences over lines


EN_NEWS = ["The city council voted on Monday to build a new bridge over the river.",
           "The project will cost 40 million euros and take three years.",
           "Opponents say the money should go to public transport instead.",
           "The mayor defended the plan at a press conference.",
           "Construction is due to start next spring.",
           "Residents will be consulted on the design in March."]
FR_NEWS = ["Le conseil municipal a voté lundi la construction d'un nouveau pont sur le fleuve.",
           "Le projet coûtera 40 millions d'euros et durera trois ans.",
           "Les opposants estiment que l'argent devrait plutôt aller aux transports publics.",
           "Le maire a défendu le projet lors d'une conférence de presse.",
           "Les travaux doivent commencer au printemps prochain.",
           "Les habitants seront consultés sur le design en mars."]
ZH_NEWS = ["市议会周一投票决定在河上修建一座新桥。", "该项目将耗资4000万欧元，耗时三年。", "反对者说这笔钱应该用于公共交通。",
           "市长在新闻发布会上为该计划辩护。", "工程定于明年春天开工。"]
FOOTER = ["© déclaration de droits d'auteur", "Articles connexes", "Pas de commentaires",
          "Vous devez être connecté pour participer aux commentaires !", "S'inscrire maintenant"]


def test_dropped_sentence_in_the_middle_is_one_sided(encoder):
    fr = FR_NEWS[:2] + FR_NEWS[3:]  # the translation drops "Opponents say..."
    beads = align_sentences(EN_NEWS, fr, encoder)
    check_beads(beads, 6, 5)
    assert as_pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]


def test_footer_block_is_one_sided(encoder):
    fr = FR_NEWS + FOOTER
    beads = align_sentences(EN_NEWS, fr, encoder)
    check_beads(beads, 6, len(fr))
    assert as_pairs(beads) == [((i,), (i,)) for i in range(6)] + [((), (j,)) for j in range(6, len(fr))]


def test_stray_caption_lines_in_the_other_language_are_one_sided(encoder):
    """A Chinese caption repeated inside the French translation of a Chinese
    text: with languages known, it is left one-sided (same-language cosines
    would otherwise glue it to the Chinese side); without them it is merged."""
    caption = "市议会投票：新桥来了"
    fr = [FR_NEWS[0], caption, FR_NEWS[1], FR_NEWS[2], caption, FR_NEWS[3], FR_NEWS[4]]
    fr_langs = ["fr", "zh", "fr", "fr", "zh", "fr", "fr"]
    beads = align_sentences(ZH_NEWS, fr, encoder, src_langs=["zh"] * 5, tgt_langs=fr_langs)
    check_beads(beads, 5, 7)
    assert as_pairs(beads) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,)), ((), (4,)), ((3,), (5,)),
                               ((4,), (6,))]
    blind = as_pairs(align_sentences(ZH_NEWS, fr, encoder))
    assert not any(not s and t in ((1,), (4,)) for s, t in blind)  # the languages are what made the difference
    # markup lines are cheap too
    beads = align_sentences(EN_NEWS[:3], [FR_NEWS[0], "![](photo.jpg)", FR_NEWS[1], FR_NEWS[2]], encoder,
                            tgt_kinds=["text", "markup", "text", "text"])
    assert as_pairs(beads) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))]


@pytest.fixture(scope="module")
def seed_pair(encoder, corpus_dir):
    from rumorlens.ingest import load_file
    from rumorlens.segment import segment_document
    zh = segment_document(load_file(corpus_dir / "seeds" / "000_f7a0604eb51843c0.txt"))
    fr = segment_document(load_file(corpus_dir / "seeds" / "001_7a786c6a2075601a.txt"))
    beads = align_sentences([s.text for s in zh], [s.text for s in fr], encoder,
                            src_langs=[s.lang for s in zh], tgt_langs=[s.lang for s in fr],
                            src_kinds=[s.kind for s in zh], tgt_kinds=[s.kind for s in fr])
    check_beads(beads, len(zh), len(fr))
    return zh, fr, beads


def test_seed_transcript_intro_and_captions_are_one_sided(seed_pair):
    """Seed 000 (Chinese video transcript) vs 001 (French MT of the article):
    the host's own intro, the French "happy new year" line and the Chinese
    captions repeated in the French page have no counterpart."""
    zh, fr, beads = seed_pair
    src_only = {b.src[0] for b in beads if not b.tgt}
    tgt_only = {b.tgt[0] for b in beads if not b.src}
    intro = [i for i, s in enumerate(zh[:17]) if s.text.startswith(("推向大众", "他在一篇", "并且指出", "AI 厂商们几乎"))]
    assert len(intro) == 4 and set(intro) <= src_only
    captions = [j for j, s in enumerate(fr) if s.lang == "zh"]
    assert len(captions) == 6 and set(captions) <= tgt_only
    assert next(j for j, s in enumerate(fr) if s.text.startswith("Commençons la nouvelle")) in tgt_only
    # and the real content still pairs up
    # (the transcript says "GPT-5 exists" twice, the French once)
    starts = [i for i, s in enumerate(zh) if s.text.startswith(("如果告诉大家，GPT-5", "如果 GPT-5 不但"))]
    et_si = next(j for j, s in enumerate(fr) if s.text.startswith("Et si je vous disais"))
    assert len(starts) == 2 and any(set(starts) & set(b.src) and et_si in b.tgt for b in beads)
    assert sum(1 for b in beads if b.src and b.tgt) > 120


@pytest.mark.xfail(strict=True, reason="known gap: the transcript's last line (no counterpart) is glued to the "
                   "French comment block; each side's junk resembles the other's a little (cosine 0.18)")
def test_seed_comment_block_is_one_sided(seed_pair):
    zh, fr, beads = seed_pair
    block = [j for j, s in enumerate(fr) if "commentaires" in s.text]
    assert block and all(Bead([], [j]) in beads for j in block)


def test_cli_align_pair_segments_files(tmp_path):
    """Without --presegmented the files go through ingest and segment."""
    from rumorlens.cli import main
    a = tmp_path / "en.txt"
    b = tmp_path / "fr.txt"
    a.write_text(" ".join(EN_NEWS) + "\n", encoding="utf-8")
    b.write_text(" ".join(FR_NEWS[:2] + FR_NEWS[3:]) + "\n\n" + "\n".join(FOOTER) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["align-pair", str(a), str(b), "--no-cache"])
    assert res.exit_code == 0, res.output
    beads = parse_beads(res.output)
    check_beads([Bead(list(s), list(t)) for s, t in beads], 6, 5 + len(FOOTER))
    assert beads[:6] == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]
    assert all(not s for s, _ in beads[6:])
    res = CliRunner().invoke(main, ["align-pair", str(a), str(b), "--no-cache", "--format", "json"])
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows[0]["src_text"] == EN_NEWS[0] and rows[0]["tgt_text"] == FR_NEWS[0] and rows[0]["score"] > 0.5
    assert rows[2] == {"src": [2], "tgt": [], "score": 0.0, "src_text": EN_NEWS[2], "tgt_text": ""}
    missing = tmp_path / "empty.txt"
    missing.write_bytes(b"\x00\x01")
    res = CliRunner().invoke(main, ["align-pair", str(missing), str(b), "--no-cache"])
    assert res.exit_code == 1 and "Traceback" not in res.output


def test_params_come_from_the_thresholds_file():
    import json as _json
    from rumorlens.align import DEFAULT_PARAMS
    from rumorlens.paths import models_dir
    data = _json.loads((models_dir() / "thresholds" / "alignment.json").read_text(encoding="utf-8"))
    assert data["_note"]
    for key, value in data.items():
        if not key.startswith("_"):
            assert getattr(DEFAULT_PARAMS, key) == value and getattr(AlignParams(), key) == value


def test_cli_align_pair_presegmented(tmp_path):
    from rumorlens.cli import main
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Le chat dort.\nIl fait beau aujourd'hui.\nLa réunion commence à 9 heures.\n", encoding="utf-8")
    b.write_text("The cat sleeps.\nThe weather is nice today.\nThe meeting starts at 9.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["align-pair", str(a), str(b), "--presegmented", "--no-cache"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    res = CliRunner().invoke(main, ["align-pair", str(a), str(b), "--presegmented", "--no-cache", "--format", "tsv"])
    assert res.output.splitlines()[0].startswith("0\t0\t")
    res = CliRunner().invoke(main, ["align-pair", str(a), str(b), "--presegmented", "--model", "nope"])
    assert res.exit_code == 1 and "unknown encoder" in res.output


def test_given_anchor_tokens_are_what_the_aligner_uses():
    """Tokens the caller read once (pipeline: grouping and alignment share
    them) stand in for the texts' own: on vectors that carry no signal, the
    shared numbers are all that align the pair."""
    rng = np.random.default_rng(4)
    s = unit(rng.normal(size=(10, 64))).astype(np.float32)
    t = unit(rng.normal(size=(12, 64))).astype(np.float32)
    src = [f"Item {k} costs {100 + k} dollars" for k in range(10)]
    tgt = [f"L'article {k} coûte {100 + k} dollars" for k in range(10)] + ["Fin.", "Fin."]
    from_texts = align_embeddings(s, t, src, tgt)
    given = align_embeddings(s, t, src, tgt, src_tokens=[anchor_tokens(x) for x in src],
                             tgt_tokens=[anchor_tokens(x) for x in tgt])
    assert as_pairs(given) == as_pairs(from_texts)
    def diagonal(beads):
        return sum(1 for b in beads if len(b.src) == len(b.tgt) == 1 and b.src == b.tgt)

    assert diagonal(from_texts) >= 7
    none = align_embeddings(s, t, src, tgt, src_tokens=[set()] * 10, tgt_tokens=[set()] * 12)
    assert diagonal(none) < diagonal(from_texts)
    with pytest.raises(ValueError):
        align_embeddings(s, t, src, tgt, src_tokens=[set()] * 9)


def test_shift_beads_moves_a_bead_onto_its_one_sided_neighbour():
    """A bead glued to an untranslated block ([1]:[3, 4]) while its real
    partner (target 1) sits one-sided just before it moves there; the block
    becomes one-sided.  Below the gain, or with nothing one-sided around,
    nothing moves."""
    from rumorlens.align import shift_beads

    def cosine(src, tgt):
        return 0.9 if (list(src), list(tgt)) in (([0], [0]), ([1], [1])) else 0.2

    beads = [Bead([0], [0]), Bead([], [1]), Bead([], [2]), Bead([1], [3, 4])]
    out = shift_beads(beads, cosine, gain=0.15, reach=8)
    check_beads(out, 2, 5)
    assert as_pairs(out) == [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,)), ((), (4,))]
    assert as_pairs(shift_beads(beads, cosine, gain=0.8, reach=8)) == as_pairs(beads)
    tight = [Bead([0], [0]), Bead([1], [1, 2])]
    assert as_pairs(shift_beads(tight, cosine, gain=0.15, reach=8)) == as_pairs(tight)
    # the moved bead goes through the caller's re-check (here: it splits it)
    def split(bs):
        return [Bead(list(b.src), []) for b in bs] + [Bead([], list(b.tgt)) for b in bs]
    out = shift_beads(beads, cosine, gain=0.15, reach=8, recheck=split)
    check_beads(out, 2, 5)
    assert ((1,), ()) in as_pairs(out) and ((), (1,)) in as_pairs(out)


def test_band_products_are_gathered_a_few_rows_at_a_time(monkeypatch):
    """The band's prefix dot products are the same when the gathered
    target rows are cut in many small steps (what keeps 5,000 identical
    sentences, a band as wide as the document, from asking 95 GiB)."""
    import rumorlens.align as A

    rng = np.random.default_rng(5)
    ps, pt = rng.normal(size=(41, 16)), rng.normal(size=(37, 16))
    col_lo = np.clip(np.arange(41) - 6, 0, None)
    whole = A._PrefixProducts(ps, pt, col_lo, 12)
    whole.load(0, 41)
    monkeypatch.setattr(A, "_GATHER_FLOATS", 12 * 16 * 3)  # three rows a step
    stepped = A._PrefixProducts(ps, pt, col_lo, 12)
    stepped.load(0, 41)
    assert np.array_equal(whole.rows, stepped.rows)
    cols = np.minimum(col_lo[:, None] + np.arange(12), 36)
    expected = np.where(col_lo[:, None] + np.arange(12) < 37, np.einsum("rd,rkd->rk", ps, pt[cols]), 0.0)
    np.testing.assert_allclose(stepped.rows, expected)
    part = A._PrefixProducts(ps, pt, col_lo, 12)
    part.load(5, 30)  # a chunk of rows inside the document, not to its end
    assert np.array_equal(part.rows, whole.rows[5:30])


def test_a_sentence_tied_with_all_its_neighbours_is_no_anchor():
    """A sentence repeated on the other side more often than the neighbours
    asked (top_k) is equally close to all of them: the neighbour search's
    tie order is no evidence (5,000 repeats anchored sentence 0 to 4685 and
    left nearly everything one-sided).  Between two distinct sentences a
    run of repeats keeps its order."""
    from rumorlens.align import first_pass_anchors

    rng = np.random.default_rng(7)
    same = unit(rng.normal(size=48))
    s = np.array([same] * 12, dtype=np.float32)
    t = unit(s + 0.05 * rng.normal(size=(12, 48)))
    t[:] = same  # exact ties
    assert first_pass_anchors(s, t.astype(np.float32)) == []
    first, last = unit(rng.normal(size=(2, 48)))
    src = np.array([first] + [same] * 6 + [last], dtype=np.float32)
    beads = align_embeddings(src, src.copy())
    assert as_pairs(beads) == [((i,), (i,)) for i in range(8)]
