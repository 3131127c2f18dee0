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
    def degree(src, tgt, sl, tl):
        p = pair(src, tgt, sl, tl)
        p.src.claims, p.tgt.claims = [profile_text(src, sl)], [profile_text(tgt, tl)]
        return check_degree(p)
    assert degree("这一结果相当重要。", "Ce résultat n'est pas négligeable.", "zh", "fr") == []
    assert degree("This result is not insignificant.", "这一结果相当重要。", "en", "zh") == []
    assert [f.type for f in degree("这一结果相当重要。", "Ce résultat est important.", "zh", "fr")] == ["degree_changed"]


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
