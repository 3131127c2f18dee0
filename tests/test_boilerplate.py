"""Page furniture as sentence kind ``boilerplate`` (rumorlens.boilerplate)."""
from __future__ import annotations

import pytest

from rumorlens import boilerplate
from rumorlens.compare.driver import stray_sentences
from rumorlens.records import Document, Paragraph
from rumorlens.segment import segment_document


@pytest.mark.parametrize("line", [
    "Global Edition ASIA 中文 English Français", "English", "中文 | English", "Share - WeChat", "Partager",
    "Home / China / Latest", "首頁 >  頭條", "Xinhua | Updated: 2024-05-06 08:04", "Mis à jour le 06.05.2024",
    "发布时间:2024-11-02 03:30:29 来源: sp20241102", "新華社記者 謝環馳 攝", "[Photo/Xinhua]", "By John Smith",
    "Par Marie Dupont et Jean Martin", "Humaniterre avec AFP", "(Xinhua)", "CP/of/APA", "【编辑:房家梁】",
    "Mots clés : Xi,Chine,France,visite", "9115 次浏览 0个评论", "Copyright 1995 - . All rights reserved.",
    "Tous droits réservés", "Lire aussi", "2024-10-21 19:28:00", "13/10/2016", "- Read more",
    "/2024/10/20/000-36et9m3-67151791c0a9a895160889.jpg)",
])
def test_furniture_by_pattern(line):
    assert boilerplate.by_pattern(line)


@pytest.mark.parametrize("line", [
    "Egypt was certified as malaria-free on Sunday, the WHO said.",
    "Le paludisme tue plus de 600 000 personnes chaque année, dont 95 % en Afrique.",
    "习近平主席同夫人彭丽媛走出机舱,向前来迎接的人们挥手致意。",
    "The licence was granted by the ministry in 2019 after a long review of the plans.",
    "He shared the results with the committee.", "Thank you.", "France", "Reuters reported the talks had failed.",
])
def test_content_is_not_furniture_by_pattern(line):
    assert not boilerplate.by_pattern(line)


def _doc(doc_id: str, text: str, source: str | None = None, title: str | None = None, lang: str = "en") -> Document:
    return Document(id=doc_id, path=doc_id + ".txt", lang=lang, languages=[lang], text=text, format="txt",
                    encoding="utf-8", title=title, source=source, paragraphs=[Paragraph(0, len(text), lang)])


BODY = ("The World Health Organization certified Egypt as malaria-free on Sunday, calling the achievement "
        "truly historic and the culmination of nearly a century of work to stamp out the disease. ")


def _kinds(docs):
    sents = boilerplate.mark_boilerplate(docs, {d.id: segment_document(d) for d in docs})
    return {d.id: [(s.text, s.kind) for s in sents[d.id]] for d in docs}


def test_position_marks_banners_and_other_headlines_around_the_body_not_the_title():
    text = ("Egypt is malaria-free\nWorld news\nMonday 21 October 2024\n" + BODY + "\n" + BODY
            + "\nThank you.\nOther stories\nFloods hit the north\nMarkets fall again")
    kinds = dict(_kinds([_doc("a", text, title="Egypt is malaria-free")])["a"])
    assert kinds["Egypt is malaria-free"] == "heading"  # the title: a headline, not furniture
    assert kinds["Thank you."] == "text"  # ends like a sentence
    assert [t for t, k in kinds.items() if k == "boilerplate"] == [
        "World news", "Monday 21 October 2024", "Other stories", "Floods hit the north", "Markets fall again"]


def test_position_leaves_a_transcript_of_short_lines_alone():
    text = "\n".join(["so today we talk about the model", "it was trained last year", "and nobody saw it",
                      "the lab kept it inside"] * 5)
    assert {k for _, k in _kinds([_doc("t", text)])["t"]} == {"text"}


def test_repetition_across_documents_of_one_site_but_not_between_copies():
    footer = "Contact our newsroom at desk@example.org for corrections."
    a = _doc("a", BODY + "\n" + footer, source="https://www.example.org/a")
    b = _doc("b", BODY.replace("Egypt", "Morocco").replace("malaria", "measles") + "\n" + footer,
             source="https://example.org/b")
    c = _doc("c", BODY + "\n" + footer, source="https://other.net/c")
    kinds = _kinds([a, b, c])
    assert (footer, "boilerplate") in kinds["a"] and (footer, "boilerplate") in kinds["b"]
    assert (footer, "text") in kinds["c"]  # another site
    # two copies of one article on one site: what they share is the article
    copy = _doc("d", a.text, source="https://example.org/d")
    kinds = _kinds([a, copy])
    assert all(k == "text" for _, k in kinds["a"] + kinds["d"])


def test_boilerplate_sentences_are_kept_with_offsets_and_set_aside_by_the_checks():
    text = "By John Smith\n" + BODY + "\n" + BODY
    d = _doc("a", text)
    sents = boilerplate.mark_boilerplate([d], {d.id: segment_document(d)})[d.id]
    assert sents[0].kind == "boilerplate" and text[sents[0].start:sents[0].end] == "By John Smith"
    assert stray_sentences(d, sents) == {0: "boilerplate"}


def test_a_text_cut_short_is_set_aside_at_its_end_and_beyond():
    from rumorlens.compare.driver import truncated_end

    whole = _doc("w", BODY + "\n" + BODY)
    cut = _doc("c", BODY + "\nThe minister said the country would now have to work tirelessly and vigilantly, with "
               "the help of its partners, to sustain this achievement through maintaining the highest")
    for d, expected in ((whole, None), (cut, 1)):
        sents = boilerplate.mark_boilerplate([d], {d.id: segment_document(d)})[d.id]
        assert truncated_end(sents) == expected
        assert (stray_sentences(d, sents).get(1) == "truncated") == (expected == 1)


def test_a_short_line_after_a_picture_is_its_caption():
    text = BODY + "\nAntónio_Guterres_2023.jpg\nGuterres in 2023\n" + BODY + "\nHe was elected in 2016."
    kinds = dict(_kinds([_doc("a", text)])["a"])
    assert kinds["Guterres in 2023"] == "boilerplate"
    assert kinds["He was elected in 2016."] == "text"


def test_a_line_ending_with_a_photo_credit_is_a_caption():
    caption = ("President Xi arrives in Paris for a state visit, May 5, 2024. Xi was received at Orly airport "
               "upon arrival. [Photo/Xinhua]")
    text = BODY + "\n" + caption + "\n" + BODY
    kinds = _kinds([_doc("a", text)])["a"]
    assert [k for t, k in kinds if t.startswith("President Xi") or t.startswith("Xi was")] == ["boilerplate"] * 2
    assert kinds[0][1] == "text"


@pytest.mark.parametrize("credit", ["Picture: Xinhua / Javed Dar", "图片来源:美联社", "Photo : AFP"])
def test_a_labelled_credit_ending_a_line_is_a_caption(credit):
    """Photo credits are written as a label ('Picture: Xinhua / Javed Dar',
    图片来源:美联社, « Photo : AFP ») as well as [Photo/Xinhua]: the line
    they end is the picture's caption."""
    sep = "" if credit[0] == "图" else " "
    caption = "The archbishop knocks on the doors of the cathedral with his staff on Saturday." + sep + credit
    text = BODY + "\n" + caption + "\n" + BODY
    kinds = _kinds([_doc("a", text)])["a"]
    assert [k for t, k in kinds if t.startswith("The archbishop")] == ["boilerplate"]
    assert kinds[0][1] == "text"


def test_html_picture_markup_left_in_a_text_copy_announces_a_caption():
    """A copy that kept a picture's <source srcSet=...> markup: the short
    line after it is the caption, not a sentence of the article (a caption
    repeated by broken markup is no repeated passage)."""
    text = (BODY + '\n<source media="(min-width:768px)" srcSet="https://static.example.com/images/a1b2 2x"/>\n'
            "Donald Trump and Emmanuel Macron at Notre-Dame\n" + BODY)
    kinds = dict(_kinds([_doc("a", text)])["a"])
    assert kinds["Donald Trump and Emmanuel Macron at Notre-Dame"] == "boilerplate"


@pytest.mark.parametrize("line", ["Picture: Xinhua / Javed Dar", "Photograph: Reuters"])
def test_a_picture_credit_alone_is_furniture(line):
    assert boilerplate.by_pattern(line)


STORIES = {
    "a": ["The city council voted on Tuesday to build twelve kilometres of protected bike lanes along the river.",
          "The project will cost four million euros and should be finished within two years.",
          "Opponents said the lanes would remove three hundred parking spaces."],
    "b": ["A family bakery on Market Street won the national prize for the best sourdough bread on Sunday.",
          "The owners started the bakery in 1998 with a single oven.",
          "They plan to hire five more bakers next year."],
    "c": ["Heavy snow forced forty schools to close on Monday morning.",
          "Officials said roads would be cleared by Tuesday evening.",
          "The weather service expects more snow later in the week."],
}
FOOTER = ["Riverside Daily brings you the stories that matter to our town since 1921.",
          "Send your tips to the newsroom at any time of day or night."]


def _furniture(docs):
    sents = boilerplate.mark_boilerplate(docs, {d.id: segment_document(d) for d in docs})
    return {d.id: {s.text: s.meta.get("furniture") for s in sents[d.id] if s.kind == "boilerplate"} for d in docs}


def test_lines_two_different_texts_end_with_stay_content_without_a_host():
    """Two different articles that end with the same lines, without a
    source address: a footer, or a quotation both close on.  Setting such
    lines aside lost a translation's changed figure in a trial (the
    quotation was furniture for every comparison of that document), so
    without the host's evidence they stay text."""
    docs = [_doc(k, "\n".join(lines + FOOTER)) for k, lines in STORIES.items()]
    assert _furniture(docs) == {"a": {}, "b": {}, "c": {}}


def test_each_furniture_sentence_names_the_rule_that_found_it():
    text = "Egypt is malaria-free\nWorld news\n" + BODY + "\n" + BODY + "\nAll rights reserved."
    found = _furniture([_doc("a", text, title="Egypt is malaria-free")])["a"]
    assert found == {"World news": "position", "All rights reserved.": "pattern"}
