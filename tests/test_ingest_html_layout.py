"""Pages laid out with tables (issue 9): navigation cells are dropped, the
heading is its own sentence, and data tables are left as tables."""
import pytest

from rumorlens import ingest, segment
from rumorlens.html_layout import unwrap_layout_tables

NAV = ('<td class="nav" width="150"><a href="/">{a}</a><br><a href="/news">{b}</a><br>'
       '<a href="/sport">{c}</a><br><a href="/contact">{d}</a></td>')
PAGES = {
    "en": ("Floods hit the northern province", ("Home", "News", "Sport", "Contact us"),
           ["Heavy rain caused floods in the northern province on Monday, officials said.",
            "More than 12,000 people were evacuated from their homes.",
            "The regional government said 300 soldiers had been sent to help with rescue work.",
            "Schools will stay closed until Friday."]),
    "fr": ("Des inondations frappent la province du nord", ("Accueil", "Actualités", "Sport", "Contact"),
           ["De fortes pluies ont provoqué des inondations lundi dans la province du nord, selon les autorités.",
            "Plus de 12 000 personnes ont été évacuées de leurs maisons.",
            "Le gouvernement régional a envoyé 300 soldats pour aider aux secours.",
            "Les écoles resteront fermées jusqu'à vendredi."]),
    "zh": ("北方省份遭遇洪灾", ("首页", "新闻", "体育", "联系我们"),
           ["周一，暴雨在北方省份引发洪水，官员表示。", "超过一万二千人从家中撤离。",
            "地区政府表示已派出300名士兵协助救援工作。", "学校将关闭至周五。"]),
}


def page(lang):
    heading, nav, sentences = PAGES[lang]
    half = len(sentences) // 2
    sep = "" if lang == "zh" else " "
    body = "".join(f"<p>{sep.join(part)}</p>\n" for part in (sentences[:half], sentences[half:]))
    return (f"<html><head><title>Old site</title></head><body><table width='100%'><tr>{NAV.format(a=nav[0], b=nav[1], c=nav[2], d=nav[3])}"
            f"<td><h1>{heading}</h1>\n{body}</td></tr><tr><td colspan='2'><a href='/privacy'>Privacy</a> | "
            f"<a href='/terms'>Terms</a></td></tr></table></body></html>")


@pytest.mark.parametrize("lang", ["en", "fr", "zh"])
def test_a_table_layout_keeps_the_article_and_its_heading(lang, tmp_path):
    heading, nav, sentences = PAGES[lang]
    f = tmp_path / "old.html"
    f.write_text(page(lang), encoding="utf-8")
    doc = ingest.load_file(f, root=tmp_path)
    got = [s.text for s in segment.segment_document(doc)]
    assert got == [heading] + sentences
    assert not any(word in doc.text for word in nav + ("Privacy",))


def test_data_tables_are_left_as_tables():
    html = ("<html><body><p>Results by region.</p><table><tr><th>Region</th><th>Votes</th></tr>"
            "<tr><td>North</td><td>12,000</td></tr><tr><td>South</td><td>9,500</td></tr></table></body></html>")
    assert unwrap_layout_tables(html) == html


def test_a_page_without_tables_is_unchanged():
    html = "<html><body><h1>T</h1><p>Text.</p></body></html>"
    assert unwrap_layout_tables(html) == html
