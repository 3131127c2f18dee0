"""A date one version has and the other does not write at all
(compare.dates._one_sided, session 57)."""
import pytest
from compare_helpers import checked_findings, pair

pytest.importorskip("rumorlens.mentions.crossling")

from rumorlens.compare.dates import check_dates  # noqa: E402
from rumorlens.mentions import extract_text  # noqa: E402


@pytest.fixture(scope="module")
def encoder():
    from rumorlens.embed import get_encoder

    return get_encoder()


def _gaps(src, tgt, src_lang, tgt_lang="en", encoder=None):
    return [(f["type"], f["severity"]) for f in checked_findings(src, tgt, src_lang, tgt_lang, encoder=encoder)
            if f["type"] in ("date_missing", "date_added")]


@pytest.mark.parametrize("src,tgt,lang,expected", [
    ("OpenAI publiera GPT-5 la semaine prochaine.", "OpenAI will release GPT-5.", "fr", "date_missing"),
    ("OpenAI publiera GPT-5.", "OpenAI will release GPT-5 next week.", "fr", "date_added"),
    ("公司周二宣布了这一消息。", "The company announced the news.", "zh", "date_missing"),
    ("该公司宣布了这一消息。", "The company announced the news in March 2023.", "zh", "date_added"),
])
def test_a_date_written_on_one_side_only_is_reported(src, tgt, lang, expected, encoder):
    # the encoder ties « publiera » to 'release': the rest of the clause is told
    assert _gaps(src, tgt, lang, encoder=encoder) == [(expected, "low")]


def test_a_date_whose_clause_the_other_side_does_not_tell_is_not_reported(encoder):
    """The clause is left out, or the bead pairs two different clauses: the omission checks'."""
    src = "Un violent séisme a frappé la région mardi, et le parlement a voté une loi."
    tgt = "The parliament passed a law."
    assert _gaps(src, tgt, "fr", encoder=encoder) == []


@pytest.mark.parametrize("src,tgt,lang", [
    # the present moment, which translations leave out
    ("L'entreprise annonce aujourd'hui la nouvelle.", "The company announces the news.", "fr"),
    # a vague time word tells the time (granularity_lost is the date check's own)
    ("OpenAI publiera GPT-5 la semaine prochaine.", "OpenAI will soon release GPT-5.", "fr"),
    # dates on both sides are paired, not one-sided
    ("OpenAI publiera GPT-5 la semaine prochaine.", "OpenAI will release GPT-5 next week.", "fr"),
])
def test_a_date_told_otherwise_or_the_present_is_not_reported(src, tgt, lang, encoder):
    assert _gaps(src, tgt, lang, encoder=encoder) == []


def _doc_pair(src, tgt, src_lang, tgt_lang):
    p = pair(src, tgt, src_lang, tgt_lang, extract_text(src, src_lang), extract_text(tgt, tgt_lang))
    p.tgt.doc_mentions = list(p.tgt.mentions)
    return p


def test_a_date_the_other_version_writes_in_a_neighbouring_bead_is_not_missing():
    src = "OpenAI publiera GPT-5 en mars 2025."
    tgt = "OpenAI will release GPT-5. That is planned for March 2025."
    p = _doc_pair(src, tgt, "fr", "en")
    p.tgt.end = tgt.index(" That")
    p.tgt.context_mentions = [m for m in p.tgt.mentions if m.start >= p.tgt.end]
    p.tgt.mentions = [m for m in p.tgt.mentions if m.start < p.tgt.end]
    assert check_dates(p) == []
    p.tgt.context_mentions = []
    p.tgt.doc_mentions = []
    assert [f.type for f in check_dates(p)] == ["date_missing"]


@pytest.mark.parametrize("src,tgt,lang", [
    # a counted date told as a length of time
    ("Sonnet 3.6 的性能与 GPT-4o 相当，但是发布时间滞后了五个月。",
     "Sonnet 3.6 est comparable à GPT-4o, mais il a été publié cinq mois plus tard.", "zh"),
])
def test_a_counted_date_told_as_a_duration_is_not_added(src, tgt, lang):
    assert [f["type"] for f in checked_findings(src, tgt, lang, "fr") if f["category"] == "date"] == []


@pytest.mark.parametrize("text,date,dateline", [
    ("Note.\n\nIslamabad, Dec 23: OpenAI's project is facing setbacks.", "Dec 23", True),
    ("Genève, 20 octobre - L'Egypte a été certifiée.", "20 octobre", True),
    ("Geneva, Oct 21 - Egypt was certified.", "Oct 21", True),
    ("The talks ended on Oct 21 - a Monday.", "Oct 21", False),
    ("The WSJ reported on Dec 23: the project is late.", "Dec 23", False),
    ("Le 20 octobre - la fête a commencé.", "20 octobre", False),
])
def test_a_place_and_a_date_opening_a_line_is_a_dateline(text, date, dateline):
    from rumorlens.compare.dates import in_dateline

    i = text.index(date)
    assert in_dateline(text, i, i + len(date)) is dateline


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # a time the other side tells in words its mentions do not read as a date (a helper's break test)
    ("Hier soir, le gouvernement a annoncé un nouveau plan.", "The government announced a new plan last night.",
     "fr", "en"),
    ("The government announced a new plan yesterday evening.", "政府昨晚宣布了一项新计划。", "en", "zh"),
    ("The storm is expected to reach the coast early next week.",
     "La tempête devrait atteindre les côtes en début de semaine prochaine.", "en", "fr"),
])
def test_a_time_told_in_words_the_mentions_do_not_read_is_not_missing(src, tgt, sl, tl, encoder):
    assert _gaps(src, tgt, sl, tl, encoder=encoder) == []


def test_an_age_is_no_time_told(encoder):
    assert _gaps("The government will raise the retirement age from 62 to 64 by 2030.",
                 "Le gouvernement relèvera l'âge de la retraite de 62 à 64 ans.", "en", "fr", encoder=encoder) \
        == [("date_missing", "low")]


def test_a_date_gap_is_content_on_one_side_for_calibration_and_consolidation(encoder):
    """A date one version lacks is weighed as a cut (a condensing version may
    drop it: compare.calibration) and restated across versions as one
    side's content (compare.consolidate), as a number or a name is."""
    from rumorlens.compare.calibration import LEFT_OUT
    from rumorlens.compare.consolidate import _family
    from rumorlens.compare.phrasesim import PhraseSimilarity

    src, tgt = "OpenAI publiera GPT-5 la semaine prochaine.", "OpenAI will release GPT-5."
    p = pair(src, tgt, "fr", "en", extract_text(src, "fr"), extract_text(tgt, "en"),
             phrase_similarity=PhraseSimilarity(encoder))
    (f,) = check_dates(p)
    assert (f.type, LEFT_OUT[(f.category, f.type)]) == ("date_missing", "src")
    assert _family(f) == ("one", "date", f.docs[0])


@pytest.mark.parametrize("src,tgt,lang", [
    ("Le Sunday Times a rapporté 40 morts.", "The Sunday Times reported 40 deaths.", "fr"),
    ("Le Sunday Times a rapporté 40 morts.", "the sunday times reported 40 deaths", "fr"),
    ("Elle a chanté avec June Carter.", "she sang with june carter", "fr"),
])
def test_a_day_or_month_name_the_other_language_keeps_is_a_name(src, tgt, lang, encoder):
    """A weekday or month name written as it stands in the other language
    was a name's word (session 60), not a date added."""
    assert _gaps(src, tgt, lang, encoder=encoder) == []


@pytest.mark.parametrize("src,tgt,lang,expected", [
    ("Le Sunday Times a publié l'enquête.", "On Sunday, the Sunday Times published the inquiry.", "fr", "date_added"),
    ("Theresa May a démissionné.", "Theresa May resigned in May.", "fr", "date_added"),
])
def test_a_name_kept_does_not_hide_the_same_word_as_a_date(src, tgt, lang, expected, encoder):
    """Each use of the word must be accounted for: one Sunday is the paper's, the other a date added."""
    assert _gaps(src, tgt, lang, encoder=encoder) == [(expected, "low")]
