"""Claims stage (profiles) and claim checks."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.cli import main
from rumorlens.compare.claims import (check_attribution, check_certainty, check_degree, check_negation_scope,
                                      check_quantifier, paired_clause)
from rumorlens.records import ClaimProfile, dumps, from_dict


def cues(text, lang):
    return [(c.kind, c.value, c.text) for c in profile_text(text, lang).cues]


def claim_pair(src, tgt, sl, tl, relation=""):
    p = pair(src, tgt, sl, tl)
    p.relation = relation
    p.src.claims = [profile_text(src, sl, doc_id="a")]
    p.tgt.claims = [profile_text(tgt, tl, doc_id="b")]
    return p


# ---------------------------------------------------------------- profiles


def test_chinese_hedges_on_word_boundaries():
    found = cues("据报道，OpenAI 可能已经完成了模型，其可能性很大。", "zh")
    assert ("hedge", "reported", "据报道") in found
    assert [c for c in found if c[2] == "可能"] == [("hedge", "possible", "可能")]  # not 可能性, a noun


def test_chinese_ba_construction_is_not_a_future():
    assert not [c for c in cues("OpenAI 将其保留在内部。", "zh") if c[0] == "modal"]
    assert ("modal", "future", "将会") in cues("他们将会发布模型。", "zh")


def test_french_conditional_comes_from_morphology():
    p = profile_text("Le président aurait démissionné hier.", "fr")
    (c,) = [c for c in p.cues if c.kind == "modal"]
    assert c.value == "conditional" and c.text == "aurait" and c.source == "spacy:Mood=Cnd"


def test_french_imperfect_tagged_conditional_is_not_a_modal():
    # spaCy's small model tags 'descendait' Mood=Cnd; a conditional always has the r of the future stem
    text = "Alors que M. Xi descendait de la passerelle, M. Attal s'est avancé."
    assert not [c for c in profile_text(text, "fr").cues if c.kind == "modal"]
    assert [c.text for c in profile_text("Alors que M. Xi descendrait de la passerelle.", "fr").cues
            if c.kind == "modal"] == ["descendrait"]


def test_a_dateline_is_not_an_attribution_of_the_claim():
    zh = "参考消息网10月23日报道 据法新社10月20日报道,埃及20日被认证为无疟疾国家。"
    fr = "Le paludisme a été éradiqué en Egypte, a annoncé dimanche l'OMS."
    assert [c for c in profile_text(zh, "zh").cues if c.text.startswith("参考消息网")]  # the profile has it
    assert check_certainty(claim_pair(zh, fr, "zh", "fr")) == []
    # a source named in the body is still an attribution the other version drops
    zh2 = "据报道,埃及20日被认证为无疟疾国家。"
    assert [f.type for f in check_certainty(claim_pair(zh2, fr, "zh", "fr"))] == ["hedge_dropped"]


def test_would_in_reported_speech_is_a_future_as_the_french_conditional_is():
    """"The mayor said the bridge would reopen" against « La maire a dit que le
    pont rouvrirait »: both the future in the past of indirect speech, not a
    conditional against a future (a trial's false modality_changed).  A
    'would' outside reported speech stays a conditional."""
    en = "Mayor Anne Dupont said the bridge would reopen in two weeks."
    fr = "La maire Anne Dupont a dit que le pont rouvrirait dans deux semaines."
    assert [(c.text, c.value) for c in profile_text(en, "en").cues if c.kind == "modal"] == [("would", "future")]
    assert [(c.text, c.value) for c in profile_text(fr, "fr").cues if c.kind == "modal"] == [("rouvrirait", "future")]
    assert not check_certainty(claim_pair(en, fr, "en", "fr"))
    assert [(c.text, c.value) for c in profile_text("The bridge would reopen if it stopped raining.", "en").cues
            if c.kind == "modal"] == [("would", "conditional")]


def test_the_conditional_of_a_reporting_verb_itself_is_hearsay():
    """« aurait annoncé » is the conditional of 'announced' (the journalistic
    conditional), not a future in the past under it: its clause's governor
    is the verb itself (a break test, session 48: 'announced' / « aurait
    annoncé » was silent).  The conditional in the clause it governs is
    still the future in the past."""
    fr = "L'entreprise aurait annoncé des bénéfices records."
    assert [(c.text, c.value) for c in profile_text(fr, "fr").cues if c.kind == "modal"] == [("aurait", "conditional")]
    (f,) = check_certainty(claim_pair("The company announced record profits.", fr, "en", "fr"))
    assert "aurait" in f.explanation
    both = "Le ministre aurait déclaré qu'il démissionnerait."
    assert [(c.text, c.value) for c in profile_text(both, "fr").cues if c.kind == "modal"] \
        == [("aurait", "conditional"), ("démissionnerait", "future")]


def test_french_politeness_conditional_is_not_a_hedge():
    assert not [c for c in profile_text("Je voudrais savoir.", "fr").cues if c.kind == "modal"]


def test_english_superlative_against_quantifier():
    found = cues("Most of the work was done by the most valuable team.", "en")
    assert ("quantifier", "majority", "Most") in found
    assert ("degree", "superlative", "the most") in found


def test_attribution_roles():
    (a,) = [c for c in profile_text("Rumours said the model was ready.", "en").cues if c.kind == "attribution"]
    assert a.value == "rumour"
    (b,) = [c for c in profile_text("According to the company, the model is ready.", "en").cues
            if c.kind == "attribution"]
    assert b.value == "named" and b.detail == "the company"
    assert ("attribution", "anonymous") in [(c.kind, c.value) for c in
                                            profile_text("据知情人士称，模型已经完成。", "zh").cues]


def test_profile_offsets_and_round_trip():
    text = "Il est réel. Selon des rumeurs, il serait prêt."
    p = profile_text(text[13:], "fr", doc_id="d", sentence=1, offset=13)
    for c in p.cues:
        assert text[c.start:c.end] == c.text
    assert p.clauses[0].start == 13 and p.clauses[-1].end == len(text)
    assert sum(len(cl.cues) for cl in p.clauses) == len(p.cues) >= 2
    assert from_dict(ClaimProfile, json.loads(dumps(p))) == p


def test_unknown_language_is_refused():
    with pytest.raises(KeyError):
        profile_text("Hallo Welt", "de")


# ---------------------------------------------------------------- checks


def test_hedge_dropped_is_a_claim_finding_with_cue_and_clause_evidence():
    p = claim_pair("据报道，OpenAI 已经完成了模型。", "OpenAI a terminé le modèle.", "zh", "fr")
    (f,) = check_certainty(p)
    assert (f.category, f.type, f.severity) == ("claim", "hedge_dropped", "medium")
    assert f.evidence[0].text == "据报道" and f.evidence[0].doc == "a"
    assert "states it as fact" in f.explanation and "Chinese" in f.explanation
    assert all(len(e.text) < len(p.src.text) + len(p.tgt.text) for e in f.evidence)


def test_french_conditional_equals_a_chinese_hedge():
    assert check_certainty(claim_pair("据报道，OpenAI 已经完成了模型。", "OpenAI aurait terminé le modèle.",
                                      "zh", "fr")) == []


def test_conditional_to_indicative():
    (f,) = check_certainty(claim_pair("Le président aurait démissionné.", "The president resigned.", "fr", "en"))
    assert f.type == "modality_changed" and f.severity == "medium"


def test_hedge_added_is_less_severe():
    (f,) = check_certainty(claim_pair("The model is ready.", "Le modèle est probablement prêt.", "en", "fr"))
    assert f.type == "hedge_added" and f.severity == "low"


def test_may_made_certain():
    (f,) = check_certainty(claim_pair("The model may be released.", "Le modèle sera forcément publié.", "en", "fr"))
    assert f.type == "certainty_raised"


def test_attribution_changed_from_rumour_to_company():
    (f,) = check_attribution(claim_pair("Selon des rumeurs, le modèle sortira.",
                                        "According to the company, the model will be released.", "fr", "en"))
    assert f.type == "attribution_changed" and f.severity == "high"
    assert check_certainty(claim_pair("Selon des rumeurs, le modèle sortira.",
                                      "According to the company, the model will be released.", "fr", "en")) == []


def test_degree_and_quantifier():
    (f,) = check_degree(claim_pair("两者之间存在差距。", "There is an enormous gap between them.", "zh", "en"))
    assert f.type == "degree_changed" and f.severity == "low"  # an intensifier: low
    (g,) = check_degree(claim_pair("这很困难。", "This is absolutely impossible.", "zh", "en"))
    assert g.severity == "medium"
    assert check_degree(claim_pair("这非常困难。", "This is very difficult.", "zh", "en")) == []
    (q,) = check_quantifier(claim_pair("大部分工作已经完成。", "The most valuable work is done.", "zh", "en"))
    assert q.type == "quantifier_changed"
    assert check_degree(claim_pair("大部分工作已经完成。", "The most valuable work is done.", "zh", "en")) == []


def test_not_only_removed():
    (f,) = check_negation_scope(claim_pair("Non seulement il est réel, mais il façonne le monde.",
                                           "It is real and it shapes the world.", "fr", "en"))
    assert f.type == "negation_scope_changed"
    assert check_negation_scope(claim_pair("它不仅存在，而且塑造着世界。",
                                           "Non seulement il existe, mais il façonne le monde.", "zh", "fr")) == []


def test_transcripts_get_every_claim_check_at_low_severity():
    # issue 16: a relation weighs a finding, it does not switch a check off
    p = claim_pair("据报道，OpenAI 已经完成了模型。", "OpenAI a terminé le modèle.", "zh", "fr", "transcript")
    assert [f.severity for f in check_certainty(p)] == ["low"]
    (d,) = check_degree(claim_pair("两者之间存在差距。", "Il y a un écart énorme.", "zh", "fr", "transcript"))
    assert d.severity == "low" and d.confidence < 0.5
    (n,) = check_negation_scope(claim_pair("他们不仅想要钱。", "Ils veulent de l'argent.", "zh", "fr", "transcript"))
    assert n.severity == "low"
    (g,) = check_degree(claim_pair("两者之间存在差距。", "Il y a un écart énorme.", "zh", "fr", "translation"))
    assert g.severity == "low" and g.confidence == 0.5


def test_a_chinese_future_answers_a_conditional_but_not_a_lexical_hedge():
    # 会 stands for the French conditional (Chinese has no mood), not for 可能 or "may"
    assert check_certainty(claim_pair("Le modèle serait publié.", "模型会发布。", "fr", "zh")) == []
    (f,) = check_certainty(claim_pair("他们可能发布这个模型。", "他们将会发布这个模型。", "zh", "zh"))
    assert f.evidence[0].text == "可能" and "将会" in f.explanation
    (g,) = check_certainty(claim_pair("The model may be released.", "模型会发布。", "en", "zh"))
    assert g.evidence[0].text == "may"


def test_not_only_against_a_plain_negation_is_not_answered_by_but_also():
    p = claim_pair("而且，他们获得的回报并非金钱，而是其他东西。", "他们获得的回报就不只是金钱。", "zh", "zh")
    (f,) = check_negation_scope(p)
    assert f.severity == "medium" and "'非'" in f.explanation
    # without a negation on the other side, 'but also' still answers 'not only'
    assert check_negation_scope(claim_pair("他们想要钱，而且想要名声。", "Ils ne veulent pas seulement de l'argent.",
                                           "zh", "fr")) == []


def test_long_beads_are_checked_clause_by_clause():
    from rumorlens.compare.claims import CLAIM_CHECKS
    src = "甲。乙。丙。据报道，模型已经完成。"
    p = claim_pair(src, "A. B. C. The model is done.", "zh", "en")
    p.src.sentence_ids, p.tgt.sentence_ids = ["s0", "s1", "s2", "s3"], ["t0", "t1", "t2", "t3"]
    assert [f for c in CLAIM_CHECKS for f in c(p)] == []  # four sentences a side, no clause pairs: cues don't line up
    unit = claim_pair(src, "A. B. C. The model is done.", "zh", "en")
    unit.src.start, unit.tgt.start = src.index("据报道"), len("A. B. C. ")
    unit.is_clause = True
    p.clauses = [unit]
    (f,) = [f for c in CLAIM_CHECKS for f in c(p)]
    assert f.type == "hedge_dropped"
    assert f.evidence[-1].text == "The model is done."  # the clause aligner's counterpart, whole


def test_a_near_cue_its_own_bead_uses_does_not_answer_twice():
    from rumorlens.compare.claims import bind_near
    here = claim_pair("甚至有可能 OpenAI 永远不会发布。", "OpenAI 根本不打算发布。", "zh", "zh")
    nxt = claim_pair("OpenAI 很可能在运行它。", "OpenAI 也许正在运行它。", "zh", "zh")
    for side, other in ((nxt.src, here.src), (nxt.tgt, here.tgt)):
        side.claims = [profile_text(side.text, side.lang, doc_id=side.doc_id, offset=200)]
        side.doc_text = " " * 200 + side.doc_text
        side.start, side.end = side.start + 200, side.end + 200
        other.near_claims = side.claims
    assert check_certainty(here) == []  # 也许 next door answers 可能 ...
    bind_near([here, nxt])
    assert [f.type for f in check_certainty(here)] == ["hedge_dropped"]  # ... unless its own bead pairs it with 很可能


def test_paired_clause_by_position():
    p = claim_pair("第一句话，第二句话据说如此。", "First part, second part reportedly so.", "zh", "en")
    a, b = paired_clause(p.src, p.src.text.index("据说"), p.tgt)
    assert p.tgt.text[a:b].startswith("second part")


# ---------------------------------------------------------------- command line


def test_claims_stage_names_file_and_line_of_an_unknown_language(tmp_path):
    docs = tmp_path / "docs.jsonl"
    sents = tmp_path / "sentences.jsonl"
    docs.write_text(json.dumps({"id": "d", "path": "d.txt", "lang": "en", "languages": ["en"], "text": "Hi there.",
                                "format": "txt", "encoding": "utf-8"}) + "\n")
    sents.write_text(json.dumps({"id": "d:0", "doc_id": "d", "index": 0, "start": 0, "end": 9, "text": "Hi there.",
                                 "lang": "en"}) + "\n" + json.dumps({"id": "d:1", "doc_id": "d", "index": 1,
                                                                     "start": 0, "end": 9, "text": "Hi there.",
                                                                     "lang": "xx"}) + "\n")
    r = CliRunner().invoke(main, ["--quiet", "claims", "--docs", str(docs), "--sentences", str(sents),
                                  "-o", str(tmp_path / "c.jsonl")])
    assert r.exit_code == 1
    assert f"{sents}:2: unknown language code 'xx'" in r.output and "Traceback" not in r.output


def test_check_pairs_names_the_line_of_an_unknown_language(tmp_path):
    inp = tmp_path / "pairs.jsonl"
    inp.write_text('{"id": 1, "src": "据报道，模型已经完成。", "tgt": "The model is done.", "src_lang": "zh", '
                   '"tgt_lang": "en"}\n\n{"id": 2, "src": "a", "tgt": "b", "src_lang": "zz", "tgt_lang": "en"}\n')
    r = CliRunner().invoke(main, ["check-pairs", str(inp), "-o", str(tmp_path / "o.jsonl"), "--model", "none"])
    assert r.exit_code == 0
    assert f"{inp}:3: unknown language code 'zz'" in r.output
    rows = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [f["type"] for f in rows[0]["findings"]] == ["hedge_dropped"] and "error" in rows[1]
    schema = json.loads((Path(__file__).resolve().parents[1] / "schema" / "check-pairs.schema.json").read_text())
    for row in rows:
        jsonschema.validate(row, schema)


def test_check_pairs_reads_language_tags_with_a_region(tmp_path):
    # CAT tools write fr-FR, en_US, ZH-CN
    inp = tmp_path / "pairs.jsonl"
    inp.write_text('{"id": 1, "src": "据报道，模型已经完成。", "tgt": "The model is done.", "src_lang": "zh-CN", '
                   '"tgt_lang": "en_US"}\n{"id": 2, "src": "a b", "tgt": "c d", "src_lang": "de-DE", "tgt_lang": "FR"}\n')
    r = CliRunner().invoke(main, ["check-pairs", str(inp), "-o", str(tmp_path / "o.jsonl"), "--model", "none"])
    rows = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert (rows[0]["src_lang"], rows[0]["tgt_lang"]) == ("zh", "en")
    assert [f["type"] for f in rows[0]["findings"]] == ["hedge_dropped"]
    assert "unknown language code 'de-DE'" in rows[1]["error"]


def test_check_pairs_says_when_a_row_language_cannot_be_told(tmp_path):
    inp = tmp_path / "pairs.jsonl"
    inp.write_text('{"id": 1, "src": "Die Preise sind im letzten Jahr deutlich gestiegen.", "tgt": "Prices rose sharply."}\n'
                   '{"id": 2, "src": "据报道，模型已经完成。", "tgt": "The model is done.", "tgt_lang": "en"}\n')
    CliRunner().invoke(main, ["check-pairs", str(inp), "-o", str(tmp_path / "o.jsonl"), "--model", "none"])
    rows = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert rows[0]["error"].startswith("could not tell the language of 'src'") and "give 'src_lang'" in rows[0]["error"]
    assert "KeyError" not in rows[0]["error"] and rows[1]["src_lang"] == "zh"


def test_a_hedge_next_door_answers_only_its_own_family():
    src = "据报道，模型已经完成。"
    p = claim_pair(src, "Le modèle est terminé.", "zh", "fr")
    p.tgt.near_claims = [profile_text("On suppose que c'est vrai.", "fr", doc_id="b", offset=100)]
    assert [f.type for f in check_certainty(p)] == ["hedge_dropped"]  # doubt next door, hearsay here
    p.tgt.near_claims = [profile_text("Selon des rumeurs, c'est vrai.", "fr", doc_id="b", offset=100)]
    assert check_certainty(p) == []  # the hearsay moved one sentence


def test_hearsay_is_not_answered_by_a_doubt():
    (f,) = check_certainty(claim_pair("据传，彗星可能是水的来源。", "Comets may have been a source of water.", "zh", "en"))
    assert f.type == "hedge_dropped" and f.evidence[0].text == "据传"
    assert "says this is possible" in f.explanation and "not that it is reported" in f.explanation
    assert check_certainty(claim_pair("彗星可能是水的来源。", "Comets may have been a source of water.", "zh", "en")) == []
    assert check_certainty(claim_pair("据传，彗星是水的来源。", "Les comètes auraient été la source de l'eau.",
                                      "zh", "fr")) == []


def test_sample_corpus_hedges_dropped_in_the_french_version(corpus_dir):
    """The Chinese translation keeps Amodei's hedged answer ('从而平息了这些传言：…据我们所知…');
    the French version states it as fact."""
    zh = (corpus_dir / "extra" / "zh_romero_full_translation.md").read_text(encoding="utf-8")
    fr = (corpus_dir / "seeds" / "001_7a786c6a2075601a.txt").read_text(encoding="utf-8")
    a = zh.index("从而平息了这些传言")
    zh_sentence = zh[zh.rindex("\n", 0, a) + 1: zh.index("\n", a)]
    b = fr.index("Le 11 novembre, Dario Amodei")
    fr_sentence = fr[b: fr.index("\n", b)]
    (f,) = check_certainty(claim_pair(zh_sentence, fr_sentence, "zh", "fr"))
    assert f.type == "hedge_dropped" and {e.text for e in f.evidence} >= {"传言", "据我们所知"}


def test_a_named_source_confirming_rumours_credits_both():
    assert check_attribution(claim_pair("11 月 13 日，《彭博社》加入了讨论，证实了早前的传言。",
                                        "Le 13 novembre, Bloomberg a confirmé les premières rumeurs.",
                                        "zh", "fr")) == []


def test_weak_chinese_degree_words_answer_an_english_absolute_or_intensifier():
    en, zh = "I am fully aware of the challenges the UN faces.", "我充分意识到联合国面临的挑战。"
    assert check_degree(claim_pair(en, zh, "en", "zh")) == []
    en2, zh2 = "A deadly virus is causing immense suffering.", "一种致命病毒正在造成深重苦难。"
    assert check_degree(claim_pair(en2, zh2, "en", "zh")) == []
    # weak: never reported alone when the other version has no degree word
    assert check_degree(claim_pair("I am aware of the challenges.", zh, "en", "zh")) == []
    # the English absolute against a Chinese sentence without one is still a finding
    assert [f.type for f in check_degree(claim_pair(en, "我意识到联合国面临的挑战。", "en", "zh"))] == ["degree_changed"]


def test_words_of_what_cannot_be_said_answer_an_intensifier():
    en, fr = "A deadly virus is causing immense suffering.", "Un virus mortel provoque d'indicibles souffrances."
    assert check_degree(claim_pair(en, fr, "en", "fr")) == []
    assert check_degree(claim_pair("A deadly virus is causing untold suffering.", "Un virus mortel provoque "
                                   "d'immenses souffrances.", "en", "fr")) == []
    # weak: never reported alone
    assert check_degree(claim_pair("A deadly virus is causing suffering.", fr, "en", "fr")) == []
    # the English intensifier against a French sentence without one is still a finding
    assert [f.type for f in check_degree(claim_pair(en, "Un virus mortel provoque des souffrances.", "en", "fr"))] \
        == ["degree_changed"]


def test_could_against_will_is_a_possibility_told_as_a_forecast():
    """'could' is ability or possibility and is never reported alone, but
    against 'will' or 将 it is the possibility a rumour turns into a
    forecast (a blind trial's 'The death toll could rise' / 死亡人数将进一步
    上升).  'can' against 会 (both 'can' and 'will') says nothing."""
    from rumorlens.compare.claims import check_certainty

    (f,) = check_certainty(claim_pair("The death toll could rise further.", "死亡人数将进一步上升。", "en", "zh"))
    assert f.type == "modality_changed" and {"could", "将"} <= {e.text for e in f.evidence}
    (g,) = check_certainty(claim_pair("The death toll could rise further.", "The death toll will rise further.", "en", "en"))
    assert {"could", "will"} <= {e.text for e in g.evidence}
    assert check_certainty(claim_pair("The death toll could rise further.", "死亡人数可能进一步上升。", "en", "zh")) == []
    assert check_certainty(claim_pair("The death toll could rise further.", "The death toll rose.", "en", "en")) == []
    assert check_certainty(claim_pair("Les modèles peuvent apprendre seuls.", "模型会自己学习。", "fr", "zh")) == []
    # 'could not' is no possibility: against 'will not' it says nothing of the kind
    assert check_certainty(claim_pair("The death toll could not rise.", "The death toll will not rise.", "en", "en")) == []


def test_a_possibility_against_the_french_future_is_told_as_a_forecast():
    """The French simple future (« lancera ») forecasts as 'will' does: a
    'may', 'could' or 可能 against it is a possibility made a forecast, not
    a hedge against a plain statement; and « pourrait » ('could') is a
    possibility that 将 'will' does not render, though 会 ('can', 'will')
    and 'could' do."""
    (f,) = check_certainty(claim_pair("The company may launch a new model next year.",
                                      "L'entreprise lancera un nouveau modèle l'année prochaine.", "en", "fr"))
    assert f.severity == "medium" and "will happen" in f.explanation and "lancera" in f.explanation
    (g,) = check_certainty(claim_pair("The talks could fail.", "Les négociations échoueront.", "en", "fr"))
    assert g.type == "modality_changed" and {"could", "échoueront"} <= {e.text for e in g.evidence}
    (h,) = check_certainty(claim_pair("L'entreprise pourrait lancer un nouveau modèle l'année prochaine.",
                                      "该公司明年将推出新模型。", "fr", "zh"))
    assert {"pourrait", "将"} <= {e.text for e in h.evidence}
    for quiet in (("L'entreprise pourrait lancer un modèle.", "The company could launch a model.", "fr", "en"),
                  ("L'entreprise pourrait lancer un modèle.", "该公司会推出一个模型。", "fr", "zh"),
                  ("L'entreprise lancera un modèle.", "The company will launch a model.", "fr", "en"),
                  ("Il a dit que l'entreprise lancerait un modèle.", "他说该公司将推出一个模型。", "fr", "zh")):
        assert check_certainty(claim_pair(*quiet)) == [], quiet


def test_a_future_against_an_event_under_way_is_a_modality_change():
    from rumorlens.compare.claims import check_tense
    (f,) = check_tense(claim_pair("以及他们将如何跃升到 o4 和 o5。", "Ils sont en train de passer à o4 et o5.", "zh", "fr"))
    assert f.type == "modality_changed" and f.severity == "medium"
    assert {"将", "en train de"} <= {e.text for e in f.evidence}
    assert check_tense(claim_pair("以及他们将如何跃升到 o4 和 o5。", "Et comment ils passeront à o4 et o5.", "zh", "fr")) == []
    assert check_tense(claim_pair("他们已经完成了。", "They have finished.", "zh", "en")) == []  # one cue: no finding
    (g,) = check_tense(claim_pair("The model is already available.", "Le modèle sera disponible.", "en", "fr"))
    assert g.severity == "low"  # toward caution


def test_a_plain_past_answers_an_english_or_french_future_only():
    """A past verb (received, « ont terminé ») is a weak 'completed' cue: it
    makes a finding against a future of the other version in English or
    French, never alone, and never against Chinese 将 / 会 (the disposal
    marker, 'would' in a past context); the imparfait and a present passive
    are no completed event."""
    from rumorlens.compare.claims import check_tense

    fr_past = "Newt Gingrich et Michele Bachmann ont terminé quatrième et sixième."
    en_future = "Newt Gingrich and Michele Bachmann will finish fourth and sixth."
    (f,) = check_tense(claim_pair(fr_past, en_future, "fr", "en"))
    assert f.type == "modality_changed" and {"will", "ont terminé"} <= {e.text for e in f.evidence}
    (g,) = check_tense(claim_pair("The police will receive a report at 15:50.",
                                  "The police received a report at 15:50.", "en", "en"))
    assert {"received"} <= {e.text for e in g.evidence}
    assert ("tense", "completed", "has left") in cues("He has left the company.", "en")
    assert check_tense(claim_pair(fr_past, "Newt Gingrich and Michele Bachmann finished fourth and sixth.",
                                  "fr", "en")) == []  # two pasts
    assert check_tense(claim_pair("促使 Anthropic 将 Sonnet 3.6 从 Opus 3.5 中蒸馏出来。",
                                  "Cela a poussé Anthropic à distiller Sonnet 3.6 à partir d'Opus 3.5.", "zh", "fr")) == []
    assert not [c for c in cues("Les cardinaux étaient réunis depuis mercredi.", "fr") if c[1] == "completed"]
    assert not [c for c in cues("Le rapport est publié chaque année.", "fr") if c[1] == "completed"]


def test_a_plain_past_answers_a_chinese_future_of_tense():
    """将于 + a time ('will … on Thursday') tells the time and nothing else
    (kind 'tense' in models/claims/zh.json): an English or French past
    answers it.  将 alone stays modal (see the test above)."""
    from rumorlens.compare.claims import check_tense

    (f,) = check_tense(claim_pair("该公司将于三月完成收购。", "The company completed the acquisition in March.", "zh", "en"))
    assert f.type == "modality_changed" and {"将于", "completed"} <= {e.text for e in f.evidence}
    (g,) = check_tense(claim_pair("L'entreprise a finalisé le rachat en mars.", "该公司将于三月完成收购。", "fr", "zh"))
    assert g.type == "modality_changed" and "将于" in {e.text for e in g.evidence}
    assert check_tense(claim_pair("该公司将三月完成收购。", "The company completed the acquisition in March.",
                                  "zh", "en")) == []  # 将 alone: modal, a plain past does not answer it


def test_verbs_tell_their_time_by_their_form_where_the_small_model_mistags_it():
    def times(text, lang):
        return [(c[1], c[2]) for c in cues(text, lang) if c[0] == "tense"]

    assert ("past", "étaient") in times("Les cardinaux étaient réunis depuis mercredi.", "fr")  # imparfait
    assert ("present", "est") in times("Le rapport est publié chaque année.", "fr")  # a present passive
    assert ("present", "proposent") in times("Ils proposent généralement des offres spéciales.", "fr")
    # presents that end like an imparfait stay presents
    assert times("Il fait beau et il sait tout.", "fr") == [("present", "fait"), ("present", "sait")]
    assert ("past", "faisait") in times("Il faisait beau.", "fr")
    assert times("Nous remercions les secouristes.", "fr") == [("present", "remercions")]  # -ier: not remerciions
    assert times("Le ministre se tait.", "fr") == [("present", "tait")]
    assert ("past", "occupaient") in times("Les manifestants occupaient la place.", "fr")
    # passés composés with être, however the small model parses them
    for text in ("Il est né en 1950 à Bordeaux.", "Elle est morte en 2020.", "Où est-il allé ?",
                 "Le ministre s'est rendu à Berlin.", "La plupart des habitants sont partis."):
        assert [t for t in times(text, "fr") if t[0] == "present"] == [], text
        assert [t for t in times(text, "fr") if t[0] == "completed"], text
    assert ("present", "est") in times("Le pont est fermé à la circulation.", "fr")  # a passive: present
    # futures and a passé simple the small model tags as presents or pasts, read by their form
    assert times("Continuons ainsi et vous encouragerez ces 20% à partir.", "fr") == [("future", "encouragerez")]
    assert times("Les prix du blé augmenteront fortement.", "fr") == [("future", "augmenteront")]
    assert times("Il deviendra président.", "fr") == [("future", "deviendra")]
    assert ("past", "entra") in times("Il entra dans la pièce.", "fr")
    assert ("past", "rendiez") in times("Vous vous rendiez à Paris.", "fr")  # -dre: the imparfait on the stem
    assert ("present", "rendez") in times("Vous vous rendez à Paris.", "fr")
    # a noun the model tags Tense=Fut (été, summer) is no future
    assert ("past", "partaient") in times("Chaque été, ils partaient en Bretagne.", "fr")
    assert not [c for c in cues("Chaque été, ils partaient en Bretagne.", "fr") if c[1] == "future"]
    assert [t for t in times("L'humidité va réagir avec les couches extérieures.", "fr") if t[0] == "present"] == []
    assert ("present", "has") not in times("He has left the company.", "en")  # a perfect, not a present
    assert ("present", "is") in times("The model is available.", "en")
    assert ("future", "'s going to") in [(c[1], c[2]) for c in cues("It's going to end soon.", "en")]


def test_most_before_an_adjective_is_a_superlative_after_an_ordinal_too():
    found = cues("France is the seventh most populous country in Europe.", "en")
    assert ("degree", "superlative", "most") in found and not [c for c in found if c[0] == "quantifier"]
    assert [c for c in cues("Most residents left.", "en") if c[0] == "quantifier"]  # the quantifier stays one
    assert check_quantifier(claim_pair("La France est le septième pays le plus peuplé d'Europe.",
                                       "France is the seventh most populous country in Europe.", "fr", "en")) == []


def test_a_present_against_a_past_between_french_and_english_is_a_tense_change():
    from rumorlens.compare.claims import check_tense_shift
    from rumorlens.mentions import extract_text

    fr_now = "La France est le septième pays de l'UE à subir l'impact du virus."
    (f,) = check_tense_shift(claim_pair(fr_now, "France was the seventh EU country to suffer the impact of the virus.",
                                        "fr", "en"))
    assert f.type == "tense_changed" and f.severity == "low" and {"est", "was"} <= {e.text for e in f.evidence}
    assert check_tense_shift(claim_pair(fr_now, "France is the seventh EU country to suffer the impact of the virus.",
                                        "fr", "en")) == []
    # a perfect tells both times: « vit depuis » / "has lived"
    assert check_tense_shift(claim_pair("Il vit à Paris depuis dix ans.", "He has lived in Paris for ten years.",
                                        "fr", "en")) == []
    # a present against a future
    (g,) = check_tense_shift(claim_pair("Le gouvernement annonce un plan.", "The government will announce a plan.",
                                        "fr", "en"))
    assert {"annonce", "will"} <= {e.text for e in g.evidence}
    # a present beside a date tells a past or scheduled event (présent historique, de narration)
    for fr, en in (("En 1789, le peuple prend la Bastille.", "In 1789, the people stormed the Bastille."),
                   ("Le Sénat adopte mardi la réforme.", "The Senate adopted the reform on Tuesday."),
                   ("Demain, le président se rend à Berlin.", "The president will travel to Berlin tomorrow.")):
        p = claim_pair(fr, en, "fr", "en")
        p.src.mentions, p.tgt.mentions = extract_text(fr, "fr"), extract_text(en, "en")  # as the pipeline gives them
        assert check_tense_shift(p) == [], fr
    # Chinese marks no tense: never judged
    assert check_tense_shift(claim_pair("法国是第七个受病毒影响的欧盟国家。",
                                        "France was the seventh EU country to suffer the impact of the virus.",
                                        "zh", "en")) == []


def test_a_chinese_degree_adverb_ending_its_clause_is_a_predicate_not_an_intensifier():
    assert not [c for c in cues("Sonnet 3.6 的性能与 GPT-4o 相当，但发布晚了。", "zh") if c[0] == "degree"]
    assert ("degree", "intensifier", "相当") in cues("这个问题相当困难。", "zh")


def test_a_chinese_cue_does_not_straddle_a_word_boundary():
    assert not [c for c in cues("如果读完全文，你会明白。", "zh") if c[2] == "完全"]  # 读完 | 全文
    assert ("degree", "absolute", "完全") in cues("这完全不同。", "zh")
    assert ("hedge", "reported", "据传") in cues("据传闻，模型已经完成。", "zh")  # inside one word


def test_amplifiers_answer_a_degree_word_but_are_not_reported_alone():
    # Quirk et al. (1985) boosters/maximizers, Riegel et al. (2009) adverbes de degré: weak cues
    assert check_degree(claim_pair("越南为东盟的发展作出巨大贡献。", "Vietnam has contributed heavily to ASEAN.",
                                   "zh", "en")) == []
    assert check_degree(claim_pair("La proportion est toujours la même.", "The proportion is always the same.",
                                   "fr", "en")) == []
    assert check_degree(claim_pair("Vietnam has contributed to ASEAN.", "Le Vietnam a largement contribué.",
                                   "en", "fr")) == []  # weak: never reported alone


def test_a_dateline_next_door_answers_no_hedge():
    """side_cues is the one home of the dateline rule, for the side's own
    cues and for its neighbours' alike."""
    from dataclasses import replace

    from rumorlens.compare.claims import side_cues

    body, dateline = "模型已经完成。", "参考消息网10月23日报道 "
    p = claim_pair("Selon des rumeurs, le modèle est terminé.", body, "fr", "zh")
    doc = body + "\n" + dateline + "埃及20日被认证为无疟疾国家。"
    p.tgt = replace(p.tgt, doc_text=doc)
    p.tgt.near_claims = [profile_text(doc[len(body) + 1:], "zh", doc_id="b", offset=len(body) + 1)]
    assert [c.text for p_ in p.tgt.near_claims for c in p_.cues if c.text.startswith("参考消息网")]
    assert not [c for c in side_cues(p.tgt, near=True, inside=False) if c.text.startswith("参考消息网")]
    assert [f.type for f in check_certainty(p)] == ["hedge_dropped"]


def test_a_cue_is_shifted_once_even_when_its_shifted_place_falls_in_a_later_clause():
    # the cue sits in the first clause; shifted by the sentence's offset it
    # would land inside a later clause, which must not shift it again
    # (humaniterre: « totalement » was quoted as « imanche 27 »)
    head = "Vendredi 1er novembre 2024\nGenève, Suisse\n"
    sentence = ("Le paludisme a été totalement éradiqué en Egypte, a annoncé dimanche 27 octobre l’Organisation "
                "mondiale de la Santé (OMS), qui a qualifié ce résultat de véritablement historique.")
    text = head + sentence
    p = profile_text(sentence, "fr", doc_id="d", offset=len(head))
    degree = [c for c in p.cues if c.kind == "degree"]
    assert degree and all(text[c.start:c.end] == c.text for c in p.cues)
    assert "totalement" in [text[c.start:c.end] for c in degree]


def test_most_before_an_adjective_is_a_superlative_not_a_quantifier():
    """'one of the world's most recognised monuments': 'most' modifying an
    adjective or participle is the analytic superlative (spaCy RBS), whatever
    word comes before it (the world's, its, their), not the quantifier 'most
    of' / 'most people'."""
    found = cues("It is one of the world's most recognised monuments.", "en")
    assert ("degree", "superlative", "most") in found
    assert not [c for c in found if c[0] == "quantifier"]
    assert ("quantifier", "majority", "most") in cues("Most people stayed at home, and most of them slept.", "en")
    zh, en = "这是世界上最受认可的古迹之一。", "It is one of the world's most recognised monuments."
    assert check_quantifier(claim_pair(zh, en, "zh", "en")) == []
    assert check_degree(claim_pair(zh, en, "zh", "en")) == []


def test_lexical_superlatives_answer_a_superlative_but_are_not_reported_alone():
    """'leading in the number of sites' says « le pays le plus riche en sites »
    in other words: a lexical superlative (leading, foremost, top; 顶尖 in
    Chinese) answers the other version's superlative and is never reported
    alone (weak)."""
    en = "China is leading in the total number of natural heritage sites worldwide."
    fr = "La Chine est le pays le plus riche en sites du patrimoine naturel au monde."
    assert check_degree(claim_pair(en, fr, "en", "fr")) == []
    assert check_degree(claim_pair(en, "La Chine compte de nombreux sites du patrimoine naturel.", "en", "fr")) == []
    assert [f.type for f in check_degree(claim_pair("China has many natural heritage sites.", fr, "en", "fr"))] \
        == ["degree_changed"]


def test_most_as_an_adverb_is_a_superlative_whatever_follows():
    """'most at risk', 'most in need', 'suffered most': 'most' as an adverb
    (spaCy RBS) is the superlative of what it grades, never the quantifier
    'most people' (JJS); against « les plus exposés » or 风险最大 no share
    changed."""
    for text in ("Children and the elderly are most at risk.", "Those who suffered most were the poor.",
                 "They are the ones most in need of help."):
        found = cues(text, "en")
        assert ("degree", "superlative", "most") in found and not [c for c in found if c[0] == "quantifier"], text
    assert ("quantifier", "majority", "Most") in cues("Most people agree.", "en")
    en = "Children and the elderly are most at risk."
    assert check_quantifier(claim_pair(en, "Les enfants et les personnes âgées sont les plus exposés.", "en", "fr")) == []
    assert check_quantifier(claim_pair("儿童和老人面临的风险最大。", en, "zh", "en")) == []
    assert check_degree(claim_pair("儿童和老人面临的风险最大。", en, "zh", "en")) == []


def test_a_dropped_approximator_makes_the_claim_stronger():
    """'almost empty' / « vide », 几乎耗尽 / 'has run dry', « presque
    entièrement » / 'completely': the version without the approximator
    says the whole (a low degree_changed); an approximator before a figure
    is the number check's ('nearly 300'), and 'close to' / « près de »
    only answer one."""
    (f,) = check_degree(claim_pair("The reservoir is almost empty.", "Le réservoir est vide.", "en", "fr"))
    assert "approximator" in f.explanation and "stronger in the French" in f.explanation and f.severity == "low"
    (g,) = check_degree(claim_pair("水库的水几乎耗尽。", "The reservoir has run dry.", "zh", "en"))
    assert [e.text for e in g.evidence][:1] == ["几乎"]
    assert check_degree(claim_pair("La ville a été presque entièrement détruite.", "The city was completely destroyed.",
                                   "fr", "en"))
    for quiet in (("The reservoir is almost empty.", "Le réservoir est presque vide.", "en", "fr"),
                  ("Nearly all the residents left.", "几乎所有居民都离开了。", "en", "zh"),
                  ("Nearly 300 people died.", "300 personnes sont mortes.", "en", "fr"),
                  ("It ends nearly a century of work.", "Cela met fin à près d'un siècle d'efforts.", "en", "fr")):
        assert check_degree(claim_pair(*quiet)) == [], quiet


def test_french_degree_and_quantifier_words_a_blind_trial_needed():
    """« jamais … aussi bas » answers 'never so low', « trop tard » answers 太晚
    (and says nothing alone: 为时尚早 is « trop tôt » without 太), and « toute
    l'eau » is every drop of it against 'most of the water'."""
    assert check_degree(claim_pair("The water level has never been so low.",
                                   "Jamais le niveau de l'eau n'a été aussi bas.", "en", "fr")) == []
    assert check_degree(claim_pair("他说，现在采取行动已经太晚了。", "Il a déclaré qu'il était trop tard pour agir.",
                                   "zh", "fr")) == []
    assert check_degree(claim_pair("目前下结论为时尚早。", "Il est trop tôt pour conclure.", "zh", "fr")) == []
    (f,) = check_quantifier(claim_pair("Farmers, who use most of the region's water, face deeper cuts.",
                                       "Les agriculteurs, qui consomment toute l'eau de la région, devront réduire.",
                                       "en", "fr"))
    assert {"most", "toute l'"} <= {e.text for e in f.evidence}


def test_a_sentence_opening_with_an_adverb_superlative_is_read():
    """'Most affected were ...' opens with 'most' tagged RBS: no word before it
    (session 42: an AttributeError in the claims stage)."""
    from rumorlens.claims import profile_text

    p = profile_text("Most affected were the elderly.", "en")
    assert any(c.kind == "degree" and c.value == "superlative" and c.start == 0 for c in p.cues)


def test_discourse_adverbials_with_most_are_no_degree():
    """'Most important, ...' and 'Most of all, ...' rank what comes next, not
    the claim; 'the most important deal' stays a superlative (session 42)."""
    from rumorlens.claims import profile_text

    for text in ("Most important, the company said it would hire.", "Most recently, the firm cut 300 jobs.",
                 "Most of all, investors want clarity."):
        assert [c for c in profile_text(text, "en").cues if c.kind in ("degree", "quantifier")] == []
    assert [c.value for c in profile_text("It was the most important deal.", "en").cues if c.kind == "degree"] \
        == ["superlative"]
    assert [c.value for c in profile_text("Most analysts expect a cut.", "en").cues if c.kind == "quantifier"] \
        == ["majority"]
