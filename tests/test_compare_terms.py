"""Glossary (term base) reading and the term check."""
from __future__ import annotations

import pytest

from compare_helpers import pair
from rumorlens.compare.terms import GlossaryError, check_terms, glossary_check, read_glossary

ZH = "Anthropic 确实训练了 Claude 3.5 Opus，但推理成本太高。"


def test_known_wrong_rendering_is_reported_with_both_renderings():
    fr = "Anthropic a bien formé Claude 3.5 Opus, mais le coût du raisonnement est trop élevé."
    out = check_terms(pair(ZH, fr, "zh", "fr"))
    assert {(f.category, f.type, f.severity) for f in out} == {("claim", "term", "medium")}
    texts = sorted(tuple(e.text for e in f.evidence) for f in out)
    assert texts == [("推理成本", "coût du raisonnement"), ("训练", "formé")]
    assert all("entraînement" in f.explanation or "inférence" in f.explanation for f in out)


def test_correct_rendering_any_inflection_is_fine():
    fr = "Anthropic a bien entraîné Claude 3.5 Opus, mais les coûts d'inférence sont trop élevés."
    assert check_terms(pair(ZH, fr, "zh", "fr")) == []


def test_longer_term_hides_the_shorter_one():
    # 预训练 is pre-training: "préformation" is its wrong rendering, not a second 训练 finding
    out = check_terms(pair("预训练数据已经耗尽。", "Les données de préformation sont épuisées.", "zh", "fr"))
    assert [tuple(e.text for e in f.evidence) for f in out] == [("预训练", "préformation")]


def test_bundled_glossary_does_not_report_a_paraphrase():
    assert check_terms(pair("训练很贵。", "Cela coûte cher.", "zh", "fr")) == []


def test_user_glossary_reports_a_missing_rendering(tmp_path):
    g = tmp_path / "g.csv"
    g.write_text("zh,en,en_wrong\n蒸馏,distillation,\n数据墙,data wall,data barrier\n", encoding="utf-8")
    check = glossary_check([g])
    out = check(pair("他们遇到了数据墙，于是转向蒸馏。", "They hit a data barrier and turned to smaller models.", "zh", "en"))
    got = {(tuple(e.text for e in f.evidence)[0], f.severity) for f in out}
    assert got == {("数据墙", "medium"), ("蒸馏", "low")}
    assert any("g.csv:2" in f.explanation for f in out)


def test_tbx_glossary(tmp_path):
    pytest.importorskip("translate.storage.tbx")
    g = tmp_path / "g.tbx"
    g.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader>
<text><body><termEntry id="c1">
<langSet xml:lang="zh"><tig><term>幻觉</term></tig></langSet>
<langSet xml:lang="en"><tig><term>hallucination</term></tig>
<tig><term>illusion</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>""", encoding="utf-8")
    (term,) = read_glossary(g).terms
    assert term.renderings == {"zh": ("幻觉",), "en": ("hallucination",)} and term.wrong == {"en": ("illusion",)}


@pytest.mark.parametrize("content, where, words", [
    ("", ":1:", "empty glossary"),
    ("zh\tfr\n", ":2:", "empty glossary"),
    ("zh\tfr\tprice\n训练\tentraînement\t3\n", ":1:", "unknown column 'price'"),
    ("zh\tde\n训练\tTraining\n", ":1:", "unknown language code 'de'"),
    ("zh\tfr\n训练\tentraînement\textra\n", ":2:", "3 fields"),
    ("zh\tfr\tdomain\n训练\t\tml\n", ":2:", "at least two languages"),
])
def test_bad_glossary_names_file_and_line(tmp_path, content, where, words):
    g = tmp_path / "bad.tsv"
    g.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as exc:
        read_glossary(g)
    msg = str(exc.value)
    assert msg.startswith(str(g) + where) and words in msg and "\n" not in msg


def test_glossary_not_utf8_names_the_line(tmp_path):
    g = tmp_path / "gbk.tsv"
    g.write_bytes("zh\tfr\n训练\tentraînement\n".encode("gb18030"))
    with pytest.raises(GlossaryError, match=r"gbk.tsv:2: not UTF-8"):
        read_glossary(g)


def _run(args):
    from click.testing import CliRunner

    from rumorlens.cli import main

    return CliRunner().invoke(main, args)


def test_check_pairs_with_a_glossary(tmp_path):
    import json

    g = tmp_path / "terms.csv"
    g.write_text("zh,en,en_wrong\n数据墙,data wall,data barrier\n", encoding="utf-8")
    rows = tmp_path / "in.jsonl"
    rows.write_text(json.dumps({"id": 1, "src": "他们遇到了数据墙。", "tgt": "They hit a data barrier.",
                                "src_lang": "zh", "tgt_lang": "en"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _run(["check-pairs", str(rows), "-o", str(out), "--model", "none", "--glossary", str(g)])
    assert res.exit_code == 0, res.output
    (row,) = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    terms = [f for f in row["findings"] if (f["category"], f["type"]) == ("claim", "term")]
    assert len(terms) == 1 and terms[0]["src_span"] == [5, 8] and terms[0]["tgt_span"] == [11, 23]


@pytest.mark.parametrize("command", [["check-pairs", "IN", "-o", "OUT"], ["align", "CORPUS"]])
def test_bad_glossary_is_a_one_line_error(tmp_path, command):
    g = tmp_path / "bad.tsv"
    g.write_text("zh\txx\n训练\tfoo\n", encoding="utf-8")
    (tmp_path / "in.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    paths = {"IN": str(tmp_path / "in.jsonl"), "OUT": str(tmp_path / "out.jsonl"), "CORPUS": str(tmp_path / "corpus")}
    res = _run([paths.get(a, a) for a in command] + ["--glossary", str(g)])
    assert res.exit_code == 1
    lines = [l for l in res.output.splitlines() if l.strip()]
    assert lines == [f"rumorlens: error: {g}:1: unknown language code 'xx' (columns are zh, fr, en, "
                     f"their <lang>_wrong, domain, note)"]
    assert not (tmp_path / "out.jsonl").exists()


def test_known_wrong_rendering_is_reported_in_a_transcript_too(tmp_path):
    # a calque is wrong in any version; a missing rendering tells only in a translation
    p = pair("他们将其保留为教师模型，并进行奖励建模。",
             "Ils le gardent comme modèle d'enseignant, grâce à la modélisation des bonus.", "zh", "fr")
    p.relation = "transcript"
    out = check_terms(p)
    assert sorted(f.evidence[1].text for f in out) == ["modèle d'enseignant", "modélisation des bonus"]
    g = tmp_path / "g.csv"
    g.write_text("zh,en\n蒸馏,distillation\n", encoding="utf-8")
    q = pair("他们转向蒸馏。", "They turned to smaller models.", "zh", "en")
    q.relation = "transcript"
    assert glossary_check([g])(q) == []
    q.relation = "translation"
    assert [f.severity for f in glossary_check([g])(q)] == ["low"]


def test_overtraining_rendered_as_overfitting_is_a_known_wrong_rendering():
    out = check_terms(pair("OpenAI 可能选择了过拟合。", "OpenAI pourrait choisir le surentraînement.", "zh", "fr"))
    assert [tuple(e.text for e in f.evidence) for f in out] == [("surentraînement", "过拟合")]


def test_source_hits_from_the_start_index_equal_those_of_every_term(monkeypatch):
    """source_hits looks up only the terms whose rendering may start at a
    token of the side (_candidate_terms); against every term of the
    glossary, on sides that carry renderings (inflected, capitalized, at
    the start and the end) and on sides that carry none."""
    import random

    from rumorlens.compare import terms as T

    glossary = T.bundled_glossary()
    rng = random.Random(5)
    sides = []
    for lang, lead in (("en", "Yesterday the report said that"), ("fr", "Hier le rapport disait que")):
        renderings = [r for t in glossary.terms for r in t.renderings.get(lang, ()) + t.wrong.get(lang, ())]
        assert renderings
        for _ in range(40):
            picked = rng.sample(renderings, min(len(renderings), rng.randint(0, 3)))
            words = [lead] + [r.upper() if rng.random() < 0.2 else r + ("s" if rng.random() < 0.3 else "")
                              for r in picked] + ["and nothing else."]
            rng.shuffle(words)
            sides.append(pair(" ".join(words), "x", lang, "zh").src)
    found = [T.source_hits(s, glossary) for s in sides]
    monkeypatch.setattr(T, "_candidate_terms", lambda side, g: g.terms)
    assert found == [T.source_hits(s, glossary) for s in sides]
    assert sum(map(len, found)) > 20  # renderings were found


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Volunteers do not need medical training to join the programme.",
     "Les bénévoles n'ont pas besoin d'une formation médicale pour rejoindre le programme.", "en", "fr"),
    ("士兵们每天训练六个小时。", "Les soldats suivent une formation de six heures par jour.", "zh", "fr"),
])
def test_a_word_with_an_everyday_sense_is_no_term_outside_its_domain(src, tgt, sl, tl):
    """'training' and 训练 are model training only in a text about machine
    learning (models/glossary/domains.json)."""
    assert check_terms(pair(src, tgt, sl, tl)) == []


def test_the_same_word_in_a_text_of_the_domain_is_still_checked():
    out = check_terms(pair("他们用一万块GPU训练了这个模型。", "Ils ont formé ce modèle sur dix mille GPU.", "zh", "fr"))
    assert [tuple(e.text for e in f.evidence) for f in out] == [("训练", "formé")]


def test_an_unambiguous_term_needs_no_sign_of_its_domain():
    out = check_terms(pair("预训练数据已经耗尽。", "Les données de préformation sont épuisées.", "zh", "fr"))
    assert len(out) == 1


def test_a_user_domain_without_cues_is_checked_everywhere(tmp_path):
    g = tmp_path / "g.csv"
    g.write_text("zh,fr,fr_wrong,domain\n训练,entraînement,formation,sport\n", encoding="utf-8")
    out = glossary_check([g])(pair("运动员每天训练六个小时。", "Les athlètes suivent six heures de formation par jour.", "zh", "fr"))
    assert [tuple(e.text for e in f.evidence) for f in out] == [("训练", "formation")]


def test_a_wrong_word_of_the_source_is_told_as_the_source_s():
    """The term found on the target side: the explanation says the source
    has the wrong word (it said the target rendered it)."""
    (f,) = check_terms(pair("Le gouvernement finance la formation des modèles d'IA.",
                            "The government funds the training of AI models.", "fr", "en"))
    assert f.explanation.startswith("The French has 'formation' where the English has 'training'")


def test_chinese_peixun_is_no_model_training():
    (f,) = check_terms(pair("该神经网络接受了数百万张X光片的培训。", "The neural network was trained on millions of X-ray images.",
                            "zh", "en"))
    assert [e.text for e in f.evidence] == ["trained", "培训"]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Teachers will receive training on how to spot AI-generated essays.",
     "Les enseignants recevront une formation pour repérer les dissertations générées par l'IA.", "en", "fr"),
    ("Employees will receive training on using AI tools.", "员工将接受使用人工智能工具的培训。", "en", "zh"),
])
def test_people_trained_in_a_text_about_ai_are_no_model_training(src, tgt, sl, tl):
    assert check_terms(pair(src, tgt, sl, tl)) == []


def test_a_dataset_is_no_everyday_phrase():
    """数据集训练 holds 集训 'a training camp' across two words: still model training."""
    out = check_terms(pair("研究人员用公开数据集训练了这个人工智能模型。",
                           "Les chercheurs ont formé ce modèle d'intelligence artificielle à l'aide de jeux de données publics.",
                           "zh", "fr"))
    assert [e.text for e in out[0].evidence] == ["训练", "formé"]
