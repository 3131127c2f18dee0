"""Faithful renderings a fresh user's trial (session 41) saw reported as
changes, one kind each: a demonym for its country, the ne explétif, a
litotes for an intensifier, a phrasal verb's gloss, an existential verb,
'based on' read as a source, a press conference read as a report, an
anonymous source read as named, a 'read more' line, and a Chinese
negative word read inside a longer word."""
from __future__ import annotations

from dataclasses import replace

from compare_helpers import checked_findings, pair

from rumorlens.boilerplate import by_pattern
from rumorlens.claims import profile_text
from rumorlens.compare.claims import check_degree
from rumorlens.compare.cues import negations
from rumorlens.compare.negation_scope import _implicit_spans
from rumorlens.lexicons.dictionaries import gloss_keys
from rumorlens.mentions import extract_text
from rumorlens.mentions.entities import _verdict


def degree_findings(src, tgt, sl, tl):
    p = pair(src, tgt, sl, tl)
    p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
    return check_degree(p)


def test_a_demonym_is_its_country_spelled_right():
    (korea,) = [m for m in extract_text("该公司与一家韩国供应商签订了协议。", "zh") if m.kind == "entity"]
    demonym = replace(korea, text="South Korean", lang="en", value="south korean", canonical=None,
                      attrs={"source": "spacy"})
    assert _verdict(korea, demonym).relation == "same"
    typo = replace(demonym, text="South Koreaa", value="south koreaa")
    assert _verdict(korea, typo).relation == "misspelled"  # a real misspelling is still one


def test_the_ne_expletif_negates_nothing():
    for text in ("Les investisseurs craignent que le coût ne pèse sur les bénéfices.",
                 "La situation est plus grave qu'on ne le pensait.",
                 "Il faut agir avant que la crue ne touche la ville."):
        assert negations(text, "fr") == [], text
    # completed by « pas », or without a trigger, « ne » negates
    assert len(negations("Ils craignent que le gouvernement ne fasse pas assez.", "fr")) == 1
    assert len(negations("Le traitement n'a pas réduit le nombre de consultations.", "fr")) == 1
    assert len(negations("Il ne cesse de pleuvoir.", "fr")) == 1


def test_a_litotes_answers_an_intensifier():
    assert degree_findings("这一结果相当重要。", "Ce résultat n'est pas négligeable.", "zh", "fr") == []
    assert degree_findings("This result is not insignificant.", "这一结果相当重要。", "en", "zh") == []
    assert [f.type for f in degree_findings("这一结果相当重要。", "Ce résultat est important.", "zh", "fr")] == ["degree_changed"]


def test_a_phrasal_verb_gloss_is_not_its_bare_verb():
    assert "go" not in gloss_keys(["access", "go in", "enter"], narrow=True)
    assert "enter" in gloss_keys(["access", "go in", "enter"], narrow=True)
    assert "go" in gloss_keys(["go in"])  # the broad keys keep every word


def test_come_and_enter_and_there_is_and_missing_are_no_reversals():
    assert not [f for f in checked_findings("L'eau est entrée dans la maison par la porte.",
                                            "The water came into the house through the door.", "fr", "en")
                if f["type"] == "antonym"]
    assert not [f for f in checked_findings("警方表示，有两人的汽车被洪水冲走后下落不明。",
                                            "Police said two people were missing after their cars were swept away.",
                                            "zh", "en") if f["type"] == "antonym"]


def _attributions(text, lang):
    return [(c.value, c.text) for cl in profile_text(text, lang).clauses for c in cl.cues if c.kind == "attribution"]


def test_based_on_is_no_source_but_according_to_is():
    assert _attributions("美国每隔10年就要根据人口变化情况重新分配众议院席位。", "zh") == []
    assert _attributions("随后再根据市场反馈扩大生产。", "zh") == []
    assert _attributions("根据警方通报，两人失踪。", "zh") == [("named", "根据警方通报")]
    assert _attributions("据新华社报道，两人失踪。", "zh") == [("named", "据新华社")]


def test_a_press_conference_is_no_report_and_an_unnamed_person_is_anonymous():
    assert all(v != "report" for v, _ in _attributions("市长周一下午在新闻发布会上宣布进入紧急状态。", "zh"))
    assert ("anonymous", "不愿透露姓名的供应链人士表示") in _attributions(
        "一位不愿透露姓名的供应链人士表示，首批产量可能不超过50万部。", "zh")
    assert [v for v, _ in _attributions("A supply chain source who asked not to be named said so.", "en")] == ["anonymous"]


def test_read_more_and_share_lines_are_page_furniture():
    for line in ("Read more: Huawei unveils new tablet", "相关阅读：华为发布新款平板电脑", "分享到：微信 微博 QQ空间",
                 "Share this article: Facebook | X | LinkedIn", "Lire aussi : Le fleuve en crue"):
        assert by_pattern(line), line
    for line in ("Share prices fell sharply on Monday as investors fled.", "分享经济：共享单车的未来",
                 "Read more about the rescue in our live coverage."):
        assert not by_pattern(line), line


def test_a_chinese_negative_word_counts_only_as_a_whole_word():
    assert _implicit_spans("该疗法减少了急诊就诊次数。", "zh") == []  # 少 inside 减少 'reduce'
    assert _implicit_spans("该疗法很少见效。", "zh") != []
    found = checked_findings("该研究的第一作者表示，该疗法减少了急诊就诊次数。",
                             "Le traitement n'a pas réduit le nombre de consultations aux urgences, a précisé l'auteure.",
                             "zh", "fr")
    assert any(f["category"] == "polarity" for f in found)


def test_fixed_phrases_with_not_are_no_negation():
    assert negations("Michael Schumacher ended his race not long after Alonso.", "en") == []
    assert negations("Not far from the city, a fire broke out.", "en") == []
    assert negations("Il a abandonné non loin de là.", "fr") == []
    assert len(negations("He did not quit long after.", "en")) == 1


def test_a_step_of_a_scale_answers_one_step_only():
    def degree(src, tgt):
        return degree_findings(src, tgt, "fr", "en")
    (f,) = degree("Le choc de réinsertion peut être extrêmement grave.", "Re-entry shock can be severe.")
    assert f.type == "degree_changed" and "extrêmement" in f.explanation
    assert degree("Le choc de réinsertion peut être grave.", "Re-entry shock can be severe.") == []
    assert degree("Le choc peut être extrêmement grave.", "The shock can be extremely severe.") == []


def test_a_bead_just_below_its_pairs_median_is_still_confirmed_by_the_encoder():
    from rumorlens.compare.pair import PairStats
    from rumorlens.compare.polarity import check_polarity

    stats = PairStats(n=17, median=0.704, mad=0.05)
    zh, en = "旧计划下的政府债券购买将不会在12月结束。", "Government bond purchases under the old programme will end in December."
    (f,) = check_polarity(pair(zh, en, "zh", "en", similarity=0.67, stats=stats))  # z = -0.46
    assert f.type == "negation_removed" and f.severity == "high"
    # far below the median the encoder is not asked, and one scope word is too few to confirm
    assert check_polarity(pair(zh, en, "zh", "en", similarity=0.55, stats=stats)) == []


def test_reporting_verbs_in_forms_not_listed():
    assert [v for v, _ in _attributions("Certains analystes ont indiqué que la banque pourrait baisser ses taux.",
                                        "fr")] == ["anonymous"]
    assert _attributions("Le projet est considéré comme risqué.", "fr") == []  # a passive: no source


def test_a_reporting_verb_the_tagger_reads_as_an_adverb():
    """The small French model tags « signalé » of « ont signalé » ADV (the
    parse has it ROOT with its nsubj and aux:tense): a break test's « Certains
    participants ont signalé » was no attribution while 'Some participants
    reported' was, a medium hedge_dropped on a faithful pair."""
    assert _attributions("Certains participants ont signalé des maux de tête.", "fr") == \
        [("anonymous", "Certains participants ont signalé")]
    found = checked_findings("Some participants reported headaches.",
                             "Certains participants ont signalé des maux de tête.", "en", "fr")
    assert not [f for f in found if f["category"] == "claim"]


def test_a_noun_is_not_opposed_through_an_adjective_of_its_stem():
    assert not [f for f in checked_findings("剔除能源和食品价格的核心通胀率下降0.2个百分点，至2.6%。",
                                            "Core inflation, which excludes energy and food, fell by 0.2 percentage "
                                            "points to 2.6%.", "zh", "en") if f["type"] == "antonym"]


def test_a_plan_told_by_a_noun_tagged_intention_verb():
    from rumorlens.compare.claims import check_tense

    def cues(text):
        return [(c.kind, c.value, c.text) for cl in profile_text(text, "zh").clauses for c in cl.cues if c.kind == "tense"]
    assert ("tense", "future", "计划") in cues("市政府计划对全市所有化工企业开展为期一个月的安全检查。")
    assert cues("该计划对企业影响很大。") == []  # the noun 'plan'
    p = pair("市政府计划对全市所有化工企业开展为期一个月的安全检查。",
             "The city government has launched a month-long safety inspection of every chemical company.", "zh", "en")
    p.src.claims, p.tgt.claims = [profile_text(p.src.text, "zh")], [profile_text(p.tgt.text, "en")]
    assert [f.type for f in check_tense(p)] == ["modality_changed"]


def test_an_organisation_is_referred_to_as_the_bank_or_the_company():
    from rumorlens.compare.references import referring_kinds

    assert "place" in referring_kinds("The bank's staff now expect inflation to fall.", "en", "ORG")
    assert "place" in referring_kinds("La société a confirmé la nouvelle.", "fr", "ORG")
    assert "place" in referring_kinds("该公司证实了这一消息。", "zh", "ORG")
    assert referring_kinds("Bank staff now expect inflation to fall.", "en", "ORG") == []


def test_close_to_answers_an_approximator():
    assert degree_findings("利率保持在差不多历史最低水平。", "Le taux est resté proche de son plus bas historique.", "zh", "fr") == []
    assert [f.type for f in degree_findings("利率保持在差不多历史最低水平。", "Le taux est resté à son plus bas historique.",
                                   "zh", "fr")] == ["degree_changed"]


def _cue_values(text, lang, kind):
    return [(c.value, c.text) for cl in profile_text(text, lang).clauses for c in cl.cues if c.kind == kind]


def test_a_conditional_in_a_que_clause_after_a_past_reporting_verb_is_the_future_in_the_past():
    # the small model attaches this « que » clause to the adverb « tôt »: the words decide
    assert ("future", "porterait") in _cue_values(
        "M. Lin avait indiqué plus tôt cette année que le groupe porterait ses dépenses à 15 % du chiffre d'affaires.",
        "fr", "modal")
    assert ("conditional", "porterait") in _cue_values("Le groupe porterait ses dépenses à 15 %, selon la presse.",
                                                       "fr", "modal")


def test_too_before_an_adverb_and_a_small_change_verb_are_degree_words():
    assert ("intensifier", "too") in _cue_values("Residents said the warning came too late.", "en", "degree")
    assert _cue_values("Me too.", "en", "degree") == []
    assert ("downtoner", "edged") in _cue_values("Core inflation edged lower to 2.6%.", "en", "degree")
    assert degree_findings("核心通胀率小幅下降至2.6%。", "Core inflation edged lower to 2.6%.", "zh", "en") == []



def test_an_estimate_tells_when_the_source_spoke():
    from rumorlens.compare.claims import check_tense_shift

    p = pair("La mairie estime les dégâts à 60 millions de dollars.",
             "The mayor's office estimated the damage at 60 million dollars.", "fr", "en")
    p.src.claims, p.tgt.claims = [profile_text(p.src.text, "fr")], [profile_text(p.tgt.text, "en")]
    assert check_tense_shift(p) == []


def test_the_whole_city_refers_to_the_city():
    from rumorlens.compare.references import referring_kinds

    assert "place" in referring_kinds("市政府计划对全市所有化工企业开展安全检查。", "zh", "LOC")


def test_jobs_cut_told_as_jobs_created_is_a_reversed_change():
    found = checked_findings(
        "Harlow Automotive said on Thursday it would cut 300 of the 1,200 jobs at its plant in Flint.",
        "Harlow Automotive a annoncé jeudi qu'elle allait recruter 300 salariés dans son usine de Flint.", "en", "fr")
    assert "direction_reversed" in [f["type"] for f in found]
    same = checked_findings(
        "Harlow Automotive said on Thursday it would cut 300 of the 1,200 jobs at its plant in Flint.",
        "Harlow Automotive a annoncé jeudi qu'elle allait supprimer 300 des 1 200 emplois de son usine de Flint.",
        "en", "fr")
    assert "direction_reversed" not in [f["type"] for f in same]


def test_a_word_that_carries_a_totality_answers_completely():
    assert degree_findings("其中绝收1.2万亩。", "Of these, 12,000 mu were completely destroyed.", "zh", "en") == []
    assert [f.type for f in degree_findings("其中受灾1.2万亩。", "Of these, 12,000 mu were completely destroyed.",
                                            "zh", "en")] == ["degree_changed"]


def test_a_past_written_as_its_present_tells_no_past_after_a_plural_subject():
    assert _cue_values("Initial estimates put the area of affected vineyards at 1,500 hectares.", "en", "tense") == []
    assert ("completed", "cut") in _cue_values("The company cut 300 jobs last year.", "en", "tense")


def test_an_occupational_group_is_named_as_in_the_other_languages():
    """分析人士 is 'analysts', named without a proper noun as 'Analysts said'
    and « Selon les analystes » are; 人士 alone stays an unnamed source
    (供应链人士 'a supply chain source').  A break test of session 43: a high
    attribution_changed on a faithful pair."""
    assert [v for v, _ in _attributions("分析人士认为，能源价格仍是最大的不确定因素。", "zh")] == ["named"]
    assert [v for v, _ in _attributions("供应链人士表示，订单有所减少。", "zh")] == ["anonymous"]
    found = checked_findings("分析人士认为，能源价格仍是最大的不确定因素。",
                             "Analysts said energy prices remained the biggest source of uncertainty.", "zh", "en")
    assert not [f for f in found if f["type"] == "attribution_changed"]


def test_a_bound_before_a_numeral_is_no_negation():
    """不到一个小时 'less than an hour' (a break test of session 43: a high
    negation_removed against « en moins d'une heure »); 做不到 and 资金不足
    still negate."""
    assert negations("河水在不到一个小时内就漫过了堤坝。", "zh") == []
    assert negations("不足三成的人支持。", "zh") == []
    assert len(negations("他们做不到这一点。", "zh")) == 1
    assert len(negations("资金不足。", "zh")) == 1
    found = checked_findings("河水在不到一个小时内就漫过了堤坝。", "L'eau a submergé la digue en moins d'une heure.",
                             "zh", "fr")
    assert not [f for f in found if f["category"] == "polarity"]
