"""A part of a group told as the whole group (compare.share): 'some
participants' / « certains participants » / 部分参与者 against 'Participants'
(session 41's trial; session 42)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.share import check_restriction, check_share


def claim_pair(src, tgt, sl, tl, sim=None):
    p = pair(src, tgt, sl, tl)
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    p.phrase_similarity = sim
    return p


@pytest.mark.parametrize("src, tgt, sl, tl, noun", [
    ("Certains participants ont signalé des maux de tête.", "Participants reported headaches.", "fr", "en", "Participants"),
    ("部分参与者表示出现头痛。", "Participants reported headaches.", "zh", "en", "Participants"),
    ("Most economists expect a recession.", "Les économistes prévoient une récession.", "en", "fr", "économistes"),
    ("一些专家认为经济将放缓。", "Experts believe the economy will slow.", "zh", "en", "Experts"),
    ("Some residents were evacuated.", "居民被疏散。", "en", "zh", "居民"),
    ("Some industry experts questioned the plan.", "Industry experts questioned the plan.", "en", "en", "experts"),
])
def test_a_share_told_as_the_whole_group(src, tgt, sl, tl, noun):
    (f,) = check_share(claim_pair(src, tgt, sl, tl))
    assert (f.category, f.type, f.severity) == ("claim", "quantifier_dropped", "medium")
    assert noun in f.explanation
    # the other way round, the target narrows the claim: low
    (g,) = check_share(claim_pair(tgt, src, tl, sl))
    assert (g.type, g.severity) == ("quantifier_added", "low")


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Des participants ont signalé des maux de tête.", "Some participants reported headaches.", "fr", "en"),
    ("Most economists expect a recession.", "La plupart des économistes prévoient une récession.", "en", "fr"),
    ("Some 300 people attended.", "Environ 300 personnes étaient présentes.", "en", "fr"),
    ("一些专家认为经济将放缓。", "Many experts believe the economy will slow.", "zh", "en"),
    ("Some residents were evacuated.", "数百名居民被疏散。", "en", "zh"),
    ("Some residents were evacuated.", "部分居民被疏散。", "en", "zh"),
    ("Examinons quelques détails du partenariat.", "让我们来挖掘一点关于合作伙伴关系的相关细节。", "fr", "zh"),  # 一点 'a few'
    ("Examinons quelques détails du partenariat entre OpenAI et Microsoft.",
     "让我们来挖掘一点关于 OpenAI 和微软合作伙伴关系的相关细节。", "fr", "zh"),  # blanks are no punctuation
    ("The talks have gone on for some time.", "Les discussions durent depuis un certain temps.", "en", "fr"),
    ("Le modèle peut servir 300 millions de personnes à peu de frais.", "The model can serve 300 million people at "
     "low cost.", "fr", "en"),  # 'few' is no share
    ("Severe weather can be of several kinds.", "Le mauvais temps peut être de différentes sortes.", "en", "fr"),
    ("Most important, the company said it would hire.", "Surtout, l'entreprise a déclaré qu'elle embaucherait.", "en", "fr"),
])
def test_a_share_kept_or_said_otherwise_is_quiet(src, tgt, sl, tl):
    assert check_share(claim_pair(src, tgt, sl, tl)) == []


def test_the_encoder_ties_nouns_the_dictionaries_do_not():
    src, tgt = "Certains enquêteurs ont découvert des cristaux.", "The researchers discovered crystals."
    assert check_share(claim_pair(src, tgt, "fr", "en")) == []  # FreeDict: enquêteur is no researcher
    close = {("enquêteurs", "researchers"): 0.74}
    sim = lambda a, b: close.get((a, b), 0.2)  # noqa: E731
    (f,) = check_share(claim_pair(src, tgt, "fr", "en", sim))
    assert f.type == "quantifier_dropped" and "researchers" in f.explanation
    # a noun no closer than count_words_min_similarity is no counterpart
    assert check_share(claim_pair(src, tgt, "fr", "en", lambda a, b: 0.3)) == []


def test_the_quantified_noun_is_the_head_of_its_phrase():
    """一些家乡文化的习惯 quantifies the habits, not the culture; 'much of the
    urban development' says how much as 大部分 does (DEMETR clean rows)."""
    zh = "你会发现自己已经适应了新的文化，丢掉了一些家乡文化的习惯。"
    en = "You will find that you have adapted to the new culture and lost the habits of the home culture."
    (f,) = check_share(claim_pair(zh, en, "zh", "en"))
    assert "习惯" in f.explanation and "habits" in f.explanation
    assert check_share(claim_pair(zh, en.replace("lost the habits", "lost some of the habits"), "zh", "en")) == []
    assert check_share(claim_pair("香港岛大部分的城市发展都集中在北岸的填海土地上。",
                                  "Much of the urban development is concentrated on reclaimed land.", "zh", "en")) == []


def test_a_neighbours_quantifier_of_another_group_answers_nothing(tmp_path, monkeypatch):
    """Inside documents, 'Most doctors…' next to 'Participants reported…'
    does not answer « Certains participants », nor « Certains » 'Most
    doctors' (a break test of session 42: align reported neither)."""
    import json

    from click.testing import CliRunner

    from rumorlens.cli import main

    monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "h_en.txt").write_text(
        "A sleep drug trial in Lyon was stopped on Monday.\nParticipants reported headaches and dizziness after the "
        "second dose.\nMost doctors involved in the study recommended stopping the trial.\nThe company will publish "
        "its data in January.\n", encoding="utf-8")
    (folder / "h_fr.txt").write_text(
        "Un essai de somnifère à Lyon a été arrêté lundi.\nCertains participants ont signalé des maux de tête et des "
        "vertiges après la deuxième dose.\nLes médecins impliqués dans l'étude ont recommandé l'arrêt de l'essai.\n"
        "L'entreprise publiera ses données en janvier.\n", encoding="utf-8")
    out = tmp_path / "report.json"
    res = CliRunner().invoke(main, ["align", str(folder), "-o", str(out)])
    assert res.exit_code in (0, 2), res.output
    found = {(f["type"], f["evidence"][0]["text"]) for f in json.loads(out.read_text(encoding="utf-8"))["discrepancies"]
             if f["type"].startswith("quantifier_")}
    assert found == {("quantifier_dropped", "Most"), ("quantifier_added", "Certains")}


@pytest.mark.parametrize("src, tgt, noun", [
    # the small French tagger reads « professionnels » as an adjective: it heads its phrase all the same
    ("Certains professionnels ont signalé des maux de tête.", "Professionals reported headaches.", "Professionals"),
    # no FreeDict gloss for « scientifique »: the two nouns are cognates (models/lexicons/words.json cognates)
    ("Certains scientifiques ont pu conclure que la matière noire est lourde.",
     "The scientists were able to conclude that dark matter is heavy.", "scientists"),
])
def test_groups_the_dictionaries_miss_are_read_without_an_encoder(src, tgt, noun):
    (f,) = check_share(claim_pair(src, tgt, "fr", "en"))
    assert (f.type, f.severity) == ("quantifier_dropped", "medium")
    assert noun in f.explanation


def test_cognates_need_a_long_shared_beginning():
    from rumorlens.lexicons.dictionaries import cognates

    assert cognates("journaliste", "fr", "journalist", "en")
    assert cognates("Ministre", "fr", "minister", "en")
    assert not cognates("manifestant", "fr", "manufacturer", "en")  # 3 letters
    assert not cognates("enquêteur", "fr", "researcher", "en")
    assert not cognates("分析师", "zh", "analyst", "en")
    assert not cognates("analyste", "fr", "analyste", "fr")  # one language: the lemma decides (tied)


# ---- an adjunct that limits where a claim holds, dropped whole (check_restriction, session 53)

@pytest.mark.parametrize("src, tgt, sl, tl, adjunct", [
    ("虽然 GPT-4 表现得像一个聪明的高中生,但前 OpenAI 高管表示,最终的 GPT-5 在某些任务上实际上会像博士生。",
     "A former OpenAI executive stated that if GPT-4 was at the level of a smart high school student, GPT-5 would "
     "perform at a doctorate level.", "zh", "en", "在某些任务上"),
    ("Dans certains pays, le vaccin a provoqué des effets secondaires graves.",
     "The vaccine caused serious side effects.", "fr", "en", "Dans certains pays"),
    ("In some cases, the drug reduced the symptoms by half.", "该药物使症状减轻了一半。", "en", "zh", "In some cases"),
    ("Chez certains patients, le traitement a provoqué des douleurs.", "The treatment caused pain.", "fr", "en",
     "Chez certains patients"),
])
def test_a_restricting_adjunct_dropped_makes_the_claim_general(src, tgt, sl, tl, adjunct):
    (f,) = check_restriction(claim_pair(src, tgt, sl, tl))
    assert (f.category, f.type, f.severity) == ("claim", "scope_dropped", "low")
    assert adjunct in f.explanation
    assert any(e.text == adjunct for e in f.evidence)
    (g,) = check_restriction(claim_pair(tgt, src, tl, sl))
    assert g.type == "scope_added"


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Dans certains pays, le vaccin a provoqué des effets secondaires graves.",
     "In some countries, the vaccine caused serious side effects.", "fr", "en"),
    ("在某些任务上，GPT-5 会像博士生。", "On certain tasks, GPT-5 will be like a PhD student.", "zh", "en"),
    ("在一些国家，这种药物已被禁止。", "This drug has been banned in a number of countries.", "zh", "en"),
    ("Chez certains patients, le traitement a échoué.", "For some patients the treatment failed.", "fr", "en"),
    ("At some point, the company will go public.", "公司将上市。", "en", "zh"),  # a time, not a part
    ("For some reason, the server crashed.", "Le serveur est tombé en panne.", "en", "fr"),  # a cause
    ("In some cases, the drug partly reduced the symptoms.", "该药物使症状部分减轻。", "en", "zh"),  # a downtoner answers
    ("Some patients improved.", "Patients improved.", "en", "en"),  # no adjunct: check_share's case
])
def test_a_restriction_kept_or_no_restriction_is_quiet(src, tgt, sl, tl):
    assert check_restriction(claim_pair(src, tgt, sl, tl)) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("在某些任务上，GPT-5 会像博士生。", "On certain tasks, GPT-5 will be like a PhD student.", "zh", "en"),
    ("在某些地区，气温上升了5度。", "In specific regions, temperatures rose by 5 degrees.", "zh", "en"),
])
def test_certain_and_specific_say_a_part_of_the_group(src, tgt, sl, tl):
    """'certain tasks' is no whole group (cues.json share_blockers): it was a
    medium quantifier_dropped."""
    assert check_share(claim_pair(src, tgt, sl, tl)) == []


def test_how_often_is_no_part_of_a_group():
    """« à plusieurs reprises » is 'repeatedly' (the sample corpus's French
    against 他们一再推迟模型发布 was a scope_added)."""
    src = "Ne risquent-ils pas de nuire à leur réputation en retardant à plusieurs reprises la publication du modèle ?"
    assert check_restriction(claim_pair(src, "他们一再推迟模型发布。", "fr", "zh")) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("虽然 GPT-4 像高中生，但 GPT-5 在某些任务上会像博士生。", "Although GPT-4 is like a high school student.", "zh", "en"),
    ("Dans certains pays, le vaccin a provoqué des effets secondaires graves.", "The weather was fine.", "fr", "en"),
    # a fronted adjunct's own clause left out, the next one kept (a helper's break test, session 53)
    ("Dans certains cas, le logiciel plante, mais une mise à jour est prévue.", "An update is planned.", "fr", "en"),
    ("In some cases, the phone overheated, but the company denied any defect.", "该公司否认存在任何缺陷。", "en", "zh"),
    ("La lave s'est étendue sur plusieurs mètres.", "The lava spread.", "fr", "en"),  # a measure, no group
])
def test_a_clause_left_out_whole_is_no_restriction_dropped(src, tgt, sl, tl):
    """The other version does not tell the claim at all (an omission, the
    omission checks' finding), or the bead holds two different clauses."""
    assert check_restriction(claim_pair(src, tgt, sl, tl)) == []


def test_sometimes_renders_in_some_cases():
    """'In some cases' told as 有时 'sometimes' is kept (有时 is a scope cue of
    the claims lexicon, which answers it)."""
    assert check_restriction(claim_pair("In some cases, the drug helped the patients.", "该药物有时对患者有帮助。",
                                        "en", "zh")) == []


def test_two_sides_that_say_different_things_tell_no_claim():
    """With an encoder, a bead under meaning_floor_single says something else
    (the meaning check's): its words alike to the encoder tell nothing."""
    src, tgt = "Inflation eased in some countries.", "L'inflation a ralenti."
    p = claim_pair(src, tgt, "en", "fr", sim=lambda a, b: 0.9 if a == b else 0.1)
    p.similarity = 0.6
    assert [f.type for f in check_restriction(p)] == ["scope_dropped"]
    p.similarity = 0.1
    assert check_restriction(p) == []


@pytest.fixture(scope="module")
def encoder_sim():
    from rumorlens.compare.phrasesim import PhraseSimilarity
    from rumorlens.embed import get_encoder

    return PhraseSimilarity(get_encoder("use-m3"))


@pytest.mark.parametrize("src, tgt, sl, tl, noun", [
    ("Plusieurs médecins ont dit que certains patients avaient guéri.", "Several doctors said patients had recovered.",
     "fr", "en", "patients"),
    ("多名医生表示，一些病人已经康复。", "Several doctors said the patients had recovered.", "zh", "en", "patients"),
    ("Plusieurs parents affirment que certains enfants sont tombés malades.", "Several parents say children fell ill.",
     "fr", "en", "children"),
])
def test_a_quantifier_of_another_group_inside_the_other_side_answers_nothing(src, tgt, sl, tl, noun, encoder_sim):
    """'Several doctors' quantifies the doctors, in another phrase: the
    patients are still told whole (session 61: any quantifier inside the
    other side silenced the check; doctors / patients are 0.66 close for
    the encoder, so closeness alone cannot tell the groups apart)."""
    (f,) = check_share(claim_pair(src, tgt, sl, tl, encoder_sim))
    assert f.type == "quantifier_dropped" and noun in f.explanation
    kept = tgt.replace("said the patients", "said some patients").replace("said patients", "said some patients") \
        .replace("say children", "say some children")
    assert check_share(claim_pair(src, kept, sl, tl, encoder_sim)) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("该市部分居民被要求撤离。", "Some of the city's residents were told to evacuate.", "zh", "en"),
    ("Certains habitants de la ville ont reçu l'ordre d'évacuer.", "Some of the city's residents were ordered to evacuate.",
     "fr", "en"),
    ("全球一些最大的银行表示将削减成本。", "Some of the world's largest banks said they would cut costs.", "zh", "en"),
    ("Certains patients ont guéri en quelques jours.", "Some patients recovered within days.", "fr", "en"),
    ("Plusieurs témoins disent que l'incendie s'est propagé en quelques minutes.",
     "Several witnesses say the fire spread within minutes.", "fr", "en"),
    ("Certains patients ont guéri.", "In some cases, patients recovered.", "fr", "en"),
])
def test_possessors_units_and_adjuncts_are_no_other_group(src, tgt, sl, tl, encoder_sim):
    """The group of 'Some of the city's residents' is the residents; a few
    days or minutes are a length of time, not a group; 'in some cases'
    limits the whole claim (a helper's break test of session 61)."""
    assert check_share(claim_pair(src, tgt, sl, tl, encoder_sim)) == []
    assert check_share(claim_pair(tgt, src, tl, sl, encoder_sim)) == []


def test_a_sources_quantifier_does_not_answer_a_dropped_restriction(encoder_sim):
    src = "Plusieurs experts affirment que le modèle échoue sur certaines tâches."
    (f,) = check_restriction(claim_pair(src, "Several experts say the model fails.", "fr", "en", encoder_sim))
    assert f.type == "scope_dropped" and "certaines tâches" in f.explanation
    assert check_restriction(claim_pair(src, "Several experts say the model fails on some tasks.", "fr", "en",
                                        encoder_sim)) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("The teachers' union said some teachers would strike on Monday.", "教师工会表示，部分教师将于周一罢工。", "en", "zh"),
    ("一些公司的股价下跌了。", "Shares of some companies fell.", "zh", "en"),
    ("Parmi les manifestants, certaines personnes ont été blessées.", "Some of the protesters were injured.", "fr", "en"),
    ("Some residents' homes were damaged by the flood.", "Les maisons de certains habitants ont été endommagées.", "en",
     "fr"),
    ("Residents said some shops had reopened, while most residents stayed indoors.",
     "Les habitants ont indiqué que certains commerces avaient rouvert, tandis que la plupart des habitants restaient "
     "chez eux.", "en", "fr"),
])
def test_the_other_sides_quantifier_of_the_same_group_answers(src, tgt, sl, tl, encoder_sim):
    """The group's noun written twice, a possessor the translation reorders
    ('Y of some X'), a partitive frame, the same word written again: the
    other side's quantifier is on the same group (a helper's break test of
    377e69b, which reported these)."""
    assert check_share(claim_pair(src, tgt, sl, tl, encoder_sim)) == []
    assert check_share(claim_pair(tgt, src, tl, sl, encoder_sim)) == []


@pytest.mark.parametrize("src, tgt, sl, tl, noun", [
    ("Selon plusieurs sources, certains salariés ont accepté l'accord.",
     "According to several sources, employees accepted the deal.", "fr", "en", "employees"),
    ("La plupart des habitants de certains quartiers n'ont plus d'électricité.",
     "Residents of some neighbourhoods are without power.", "fr", "en", "Residents"),
    ("Police arrested some protesters after a few hours of clashes.",
     "La police a interpellé les manifestants après quelques heures d'affrontements.", "en", "fr", "manifestants"),
])
def test_a_sources_a_lengths_or_another_nouns_quantifier_answers_nothing(src, tgt, sl, tl, noun, encoder_sim):
    (f,) = check_share(claim_pair(src, tgt, sl, tl, encoder_sim))
    assert f.type == "quantifier_dropped" and noun in f.explanation


def test_a_cue_refused_at_a_word_boundary_leaves_its_shorter_cue():
    """部分地 'partly' straddles 部分|地区 and is refused; the quantifier 部分
    at its start is read (a helper's break test of session 61: 在部分地区
    was no restriction), while 部分地 before a verb stays 'partly'."""
    cues = [(c.kind, c.text) for c in profile_text("在部分地区，气温已降至零度以下。", "zh").cues]
    assert ("quantifier", "部分") in cues
    assert ("degree", "部分地") in [(c.kind, c.text) for c in profile_text("这部分地解释了问题。", "zh").cues]
    (f,) = check_restriction(claim_pair("在部分地区，学校仍然关闭。", "Schools remain closed.", "zh", "en"))
    assert f.type == "scope_dropped" and "部分地区" in f.explanation


@pytest.mark.parametrize("src, tgt, sl, tl, noun", [
    ("Certain investors lost money.", "Les investisseurs ont perdu de l'argent.", "en", "fr", "investisseurs"),
    ("Une partie des salariés sera licenciée.", "Employees will be laid off.", "fr", "en", "Employees"),
    ("个别学生出现了不良反应。", "Students had adverse reactions.", "zh", "en", "Students"),
])
def test_certain_a_part_of_and_a_few_individual_are_parts(src, tgt, sl, tl, noun, encoder_sim):
    """'certain' before a noun, « une partie des », 个别 (models/claims; a
    helper's break test of session 61 found them unread)."""
    (f,) = check_share(claim_pair(src, tgt, sl, tl, encoder_sim))
    assert f.type == "quantifier_dropped" and noun in f.explanation


def test_certain_of_sureness_is_no_quantifier():
    cues = [(c.kind, c.text) for c in profile_text("I am certain that he left.", "en").cues]
    assert ("quantifier", "certain") not in cues


def test_some_before_a_figure_is_an_approximation(encoder_sim):
    """'Some 1,200 residents' is about 1,200 (a fresh user's trial of
    session 61: a medium quantifier finding against « Environ 1 200 »)."""
    src = "Environ 1 200 habitants ont été évacués dimanche."
    assert check_share(claim_pair(src, "Some 1,200 residents were evacuated on Sunday.", "fr", "en", encoder_sim)) == []
    assert check_share(claim_pair("Some 1,200 residents were evacuated.", "Les habitants ont été évacués.", "en",
                                  "fr", encoder_sim)) == []
    assert ("quantifier", "some") in [(c.kind, c.value) for c in profile_text("Some residents left.", "en").cues]
