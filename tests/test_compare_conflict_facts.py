"""Cross-article conflicts about times of day and ranks (issue 19): inputs are
built here, mentions read by the real extractors, sentence similarity set by
the vectors given to find_conflicts."""
import numpy as np
import pytest

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.compare import MentionIndex  # noqa: E402
from rumorlens.compare.conflict import find_conflicts  # noqa: E402
from rumorlens.mentions import extract_text  # noqa: E402
from rumorlens.records import Document, Sentence  # noqa: E402


def _vectors(sim: float) -> tuple[np.ndarray, np.ndarray]:
    """Two unit sentence vectors whose cosine is ``sim``."""
    return (np.array([[1.0, 0.0]], dtype="float32"),
            np.array([[sim, (1 - sim * sim) ** 0.5]], dtype="float32"))


def _run(a: tuple[str, str], b: tuple[str, str], sim: float = 0.9, versions=()):
    docs, sents, ms = [], {}, {}
    for did, (lang, text) in zip("ab", (a, b)):
        docs.append(Document(id=did, path=f"{did}.txt", lang=lang, languages=[lang], text=text, format="txt",
                             encoding="utf-8"))
        sents[did] = [Sentence(f"{did}:0", did, 0, 0, len(text), text, lang)]
        ms[did] = MentionIndex(extract_text(text, lang, doc_id=did))
    va, vb = _vectors(sim)
    return find_conflicts(docs, sents, {"a": va, "b": vb}, ms, versions=list(versions))


def test_times_of_day_that_differ_across_languages_are_a_conflict():
    en = ("en", "White smoke poured out of the Sistine Chapel chimney at 6:07 p.m. local time.")
    fr = ("fr", "La fumée blanche s'est élevée au-dessus de la chapelle Sixtine ce jeudi soir, à 18h10 précises.")
    (f,) = _run(en, fr)
    assert (f.category, f.type) == ("conflict", "time_conflict")
    assert [e.text for e in f.evidence[:2]] == ["6:07 p.m.", "18h10"]
    assert [e.value for e in f.evidence[:2]] == ["18:07", "18:10"]
    # versions of one article are compared by the bead checks, not here
    assert _run(en, fr, versions=[("a", "b")]) == []
    # sentences too unlike to be compared at all (below conflict_min_similarity)
    assert _run(en, fr, sim=0.3) == []


def test_times_hours_apart_are_other_zones_or_other_moments():
    """00 h 23 in France is 6:23 a.m. in Beijing; Chang'e-4 landed at 10.26am
    Beijing time, Chang'e-6 at 6:23 a.m.: hours apart on the clocks as
    written is no disagreement about one moment.  Minutes apart is."""
    change6 = ("en", "Chang'e 6 touched down on the lunar surface at 6:23 a.m. Beijing time on Sunday.")
    assert _run(("fr", "Il est 00 h 23, dimanche, quand l'atterrisseur de Chang'e 6 touche le sol lunaire."),
                change6) == []
    assert _run(("en", "The probe touched down on the lunar surface at 10.26am Beijing time (0226 GMT)."),
                change6) == []
    (f,) = _run(("en", "The probe touched down on the lunar surface at 0226 GMT."),
                ("fr", "La sonde s'est posée sur le sol lunaire à 02h40 GMT."))
    assert f.type == "time_conflict" and [e.value for e in f.evidence[:2]] == ["02:26", "02:40"]


def test_rough_or_agreeing_times_are_no_conflict():
    smoke = ("fr", "De la fumée blanche s'est échappée jeudi à 18H08 de la chapelle Sixtine au Vatican.")
    assert _run(smoke, ("fr", "De la fumée blanche s'est échappée jeudi vers 18H05 de la chapelle Sixtine.")) == []
    assert _run(("fr", "Le séisme s'est produit peu avant 8 heures au large de Hualien."),
                ("en", "The earthquake struck off Hualien at 7:58 a.m.")) == []
    # one moment written twice (10.26am Beijing time = 0226 GMT), the other article agrees with one
    assert _run(("en", "The probe landed at 10.26am Beijing time (0226 GMT) on Thursday."),
                ("en", "The probe landed at 02:26 GMT on Thursday.")) == []


def test_times_of_different_days_are_different_events():
    assert _run(("en", "On 3 April the earthquake struck Hualien at 07:58 local time."),
                ("en", "On 22 April the earthquake struck Hualien at 17:08 local time.")) == []


def test_ranks_of_one_office_holder_conflict():
    en = ("en", "António Guterres was the 10th United Nations High Commissioner for Refugees.")
    fr = ("fr", "António Guterres a été le 9e Haut-Commissaire des Nations unies pour les réfugiés.")
    (f,) = _run(en, fr, sim=0.8)
    assert (f.category, f.type) == ("conflict", "rank_conflict")
    assert [e.text for e in f.evidence[:2]] == ["10th", "9e"]
    assert _run(en, ("fr", "António Guterres a été le 10e Haut-Commissaire des Nations unies pour les réfugiés."),
                sim=0.8) == []
    # a name in common is not enough: the ninth Secretary-General, the 10th High Commissioner
    assert _run(en, ("en", "António Guterres was appointed Ninth United Nations Secretary-General."), sim=0.5) == []


def test_ranks_of_different_people_or_occasions_do_not_conflict():
    assert _run(("en", "Jorge Mario Bergoglio was elected the 266th pope of the Catholic Church."),
                ("en", "Robert Francis Prevost was elected the 267th pope of the Catholic Church."), sim=0.95) == []
    # an anniversary counts occasions: articles of different years rightly differ
    assert _run(("en", "This year marks the 60th anniversary of diplomatic relations between China and France."),
                ("en", "This year marks the 55th anniversary of diplomatic relations between China and France."),
                sim=0.95) == []


def test_a_number_opening_a_line_is_read():
    """A number at the start of a line right after a word (an infobox: "Preceded
    by Ban Ki-moon" then "10th United Nations High Commissioner") is a number,
    not the digits of a name such as GPT-4 or o1."""
    from rumorlens.mentions.numbers import extract_numbers

    found = extract_numbers("Preceded by Ban Ki-moon\n10th United Nations High Commissioner for Refugees", "en")
    assert [(m.text, m.type, m.value) for m in found] == [("10th", "ordinal", 10.0)]
    assert [m.text for m in extract_numbers("injured:\n711 people", "en")] == ["711 people"]
    assert extract_numbers("GPT-4 and o1", "en") == []


def test_first_and_photo_positions_are_not_ranks():
    """'The first pope from the United States' is a superlative of time, not
    the rank 1 against 'the 267th pope'; 'Attal (2nd R)' is where he stands
    in a photograph, not a second visit against 'la troisième visite'."""
    assert _run(("en", "Robert Francis Prevost became the first pope from the United States on Thursday."),
                ("en", "Robert Francis Prevost was announced on Thursday as the 267th pope."), sim=0.9) == []
    assert _run(("en", "Prime Minister Gabriel Attal (2nd R) greets President Xi Jinping at Orly airport."),
                ("fr", "Gabriel Attal accueille le président Xi Jinping à Orly pour sa troisième visite d'Etat."),
                sim=0.9) == []


def test_sessions_and_editions_count_occasions_in_every_language():
    """The 46th session of a committee (New Delhi, 2024) and its 45th (Riyadh,
    2023) are two meetings, not two ranks of one thing: a session, edition
    or summit counts recurring occasions in English and French as 届 does in
    Chinese (models/lexicons/number_roles.json 'after' ordinal)."""
    assert _run(("en", "During the 46th session of the World Heritage Committee, the site was inscribed on the list."),
                ("en", "At its 45th session, the World Heritage Committee inscribed the site on the list."),
                sim=0.9) == []
    assert _run(("fr", "Lors de la 46e session du Comité du patrimoine mondial, le site a été inscrit sur la liste."),
                ("fr", "Lors de la 45e session du Comité du patrimoine mondial, le site a été inscrit sur la liste."),
                sim=0.9) == []
    assert _run(("en", "The 12th edition of the festival opened in Cannes on Tuesday with a gala."),
                ("en", "The 11th edition of the festival opened in Cannes on Tuesday with a gala."), sim=0.9) == []


def test_two_articles_that_date_one_event_days_apart_are_a_conflict():
    """Session 41, a fresh user's trial: 'Monday, November 16' against
    « mardi 17 novembre » for one fire in Wujiang went unreported."""
    en = ("en", "The blaze broke out on Saturday, 14 November 2026, in a storage building at the plant in Wujiang.")
    fr = ("fr", "L'incendie s'est déclaré le 17 novembre 2026 dans un entrepôt de l'usine de Wujiang.")
    (f,) = _run(en, fr)
    assert (f.category, f.type, f.severity) == ("conflict", "date_conflict", "medium")
    assert [e.value for e in f.evidence[:2]] == ["2026-11-14", "2026-11-17"]
    # a day apart: reported, low, with the time zone named as a possible reason
    (g,) = _run(("en", "The blaze broke out on 16 November 2026 in a storage building at the plant in Wujiang."), fr)
    assert g.severity == "low" and "time zone" in g.explanation


def test_days_that_agree_are_far_apart_or_name_nothing_in_common_are_no_conflict():
    fr = ("fr", "L'incendie s'est déclaré le 17 novembre 2026 dans un entrepôt de l'usine de Wujiang.")
    assert _run(("en", "The fire broke out on 17 November 2026 in Wujiang, and inspectors came on 18 November 2026."),
                fr) == []  # one day in common: the other dates another thing
    assert _run(("en", "The blaze broke out on 2 December 2026 in a storage building at the plant in Wujiang."),
                fr) == []  # two weeks apart: another event
    assert _run(("en", "The blaze broke out on 14 November 2026 in a storage building at a plant in Ohio."),
                fr) == []  # no common name
    assert _run(("en", "The blaze broke out on 14 November 2026 in a storage building at the plant in Wujiang."),
                fr, sim=0.45) == []  # too unlike (conflict_date_min_similarity)


def test_two_places_at_one_venue_dated_a_day_apart_are_two_events():
    """bench/real: two sites inscribed at one UNESCO session in New Delhi, on
    26 and 27 July, are no disagreement about one day."""
    a = ("zh", "当地时间2024年7月26日，在印度新德里举行的世界遗产委员会会议上，吉林的一处沙漠列入《世界遗产名录》。")
    b = ("zh", "当地时间2024年7月27日，在印度新德里举行的世界遗产委员会会议上，北京中轴线列入《世界遗产名录》。")
    assert _run(a, b) == []
    c = ("zh", "2024年7月26日，在新德里举行的世界遗产委员会会议上，吉林的一处沙漠被列入《世界遗产名录》。")
    assert _run(a, c) == []  # the same site on the same day: no conflict either
    d = ("zh", "当地时间2024年7月29日，在印度新德里举行的世界遗产委员会会议上，吉林的一处沙漠列入《世界遗产名录》。")
    assert [f.type for f in _run(a, d)] == ["date_conflict"]  # the same site, three days apart


def test_quarters_of_two_results_stories_are_no_ranks():
    """A results story names its quarter: two articles about two quarters do
    not disagree on a rank (session 42's trial: 第四季度 against 第三季度)."""
    assert _run(("zh", "公司将于1月30日公布第四季度业绩。"), ("zh", "该公司将于10月底公布第三季度业绩。"), sim=0.95) == []
    assert _run(("en", "The company will publish its fourth quarter results on January 30."),
                ("fr", "La société publiera ses résultats du troisième trimestre fin octobre."), sim=0.95) == []


def test_amounts_of_two_different_things_are_no_conflict():
    """An investment and a profit of one company are two amounts, not one
    figure told two ways (session 42's trial); one figure still conflicts."""
    plant = ("en", "Helvane Motors said on Monday it would invest $2 billion in a battery plant in Hungary.")
    profit = ("en", "Helvane Motors said on Thursday that its net profit rose 12% to $1.8 billion in the third quarter.")
    assert [f for f in _run(plant, profit, sim=0.8) if f.type == "value_conflict"] == []
    # a headline's plant is its cost; a Chinese clause names its profit before the comma
    headline = ("en", "Helvane Motors to build $2 billion battery plant in Hungary")
    assert [f for f in _run(headline, profit, sim=0.8) if f.type == "value_conflict"] == []
    zh = ("en", "Helvane Motors said its third-quarter net profit rose 12%, to $1.8 billion.")
    assert [f for f in _run(plant, zh, sim=0.8) if f.type == "value_conflict"] == []
    other = ("fr", "Helvane Motors a annoncé jeudi un bénéfice net de 2 milliards de dollars pour le troisième trimestre.")
    (f,) = [f for f in _run(profit, other, sim=0.8) if f.type == "value_conflict"]
    assert [e.text for e in f.evidence[:2]] == ["$1.8 billion", "2 milliards de dollars"]


def test_figures_of_two_years_are_no_conflict():
    """The third quarter of 2024 and of 2025 are two periods (a break test of session 42)."""
    a = ("en", "Helvane Motors said its net profit for the third quarter of 2025 was $1.8 billion.")
    b = ("en", "Helvane Motors said its net profit for the third quarter of 2024 was $2 billion.")
    assert [f for f in _run(a, b, sim=0.9) if f.type == "value_conflict"] == []
    c = ("en", "Helvane Motors said its net profit for the third quarter of 2025 was $2 billion.")
    assert [f.type for f in _run(a, c, sim=0.9) if f.type == "value_conflict"] == ["value_conflict"]
