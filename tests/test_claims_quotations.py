"""Claims read from trial findings: a quotation's speaker covers every
clause of the quotation; an incise names the speaker after its verb; a
Latin comma inside a number ends no clause; a clause break is a whole word."""
from rumorlens.claims.profile import profile_text
from rumorlens.quotations import quotations


def _attributions(text, lang):
    p = profile_text(text, lang)
    return [(text[c.start:c.end], sorted({x.value for x in c.cues if x.kind == "attribution"})) for c in p.clauses]


def test_quotations_close_in_pairs_and_straight_quotes_in_turn():
    t = "« Nous avons gagné, mais c'est dur », a-t-il dit. \"Yes,\" she said. « pas fermé"
    assert [t[a:b] for a, b in quotations(t)] == ["« Nous avons gagné, mais c'est dur »", '"Yes,"']


def test_every_clause_of_a_quotation_is_its_speakers():
    fr = ("« Nous avons traversé un trimestre difficile, mais nos carnets de commandes n'ont jamais été aussi "
          "remplis », a déclaré la présidente-directrice générale, Hélène Marchetti, lors d'une conférence.")
    en = ('"It has been a tough quarter, but our order books have never been fuller," chief executive '
          "Hélène Marchetti told analysts on a conference call.")
    for text, lang in ((fr, "fr"), (en, "en")):
        clauses = _attributions(text, lang)
        quoted = [c for c in clauses if c[0][0] in "«\"" or c[0].startswith(("mais", "but"))]
        assert len(quoted) == 2 and all(v == ["named"] for _, v in quoted), clauses
    before = _attributions("Le ministre a déclaré : « Nous avons gagné, mais ce sera dur ».", "fr")
    assert all(v == ["named"] for _, v in before)
    # a quotation with nobody named next to it is nobody's
    alone = _attributions("« Nous avons gagné, mais ce sera dur. » Le match est fini.", "fr")
    assert all(v == [] for _, v in alone)


def test_a_number_with_a_comma_stays_in_one_clause():
    spans = [c[0] for c in _attributions("Des droits pouvant atteindre 35,3 % sur les véhicules, selon Bruxelles.", "fr")]
    assert spans[0].endswith("35,3 % sur les véhicules,")
    assert [c[0] for c in _attributions("It would affect 1,200 jobs at 23:35, he said.", "en")][0] == \
        "It would affect 1,200 jobs at 23:35,"


def test_a_clause_break_word_must_stand_alone():
    # « car » (because) opens a clause; « carnets » does not
    spans = [c[0] for c in _attributions("Il reste confiant car les carnets de commandes sont pleins.", "fr")]
    assert spans == ["Il reste confiant", "car les carnets de commandes sont pleins."]
    assert len(_attributions("Les carnets de commandes sont pleins.", "fr")) == 1


def test_an_indefinite_source_that_names_nobody_is_unnamed():
    """« des professionnels du secteur » is 业内人士 (a trial's high
    attribution_changed); 'some analysts at Goldman Sachs' names a firm."""
    from rumorlens.claims.attribution import role_of
    from rumorlens.claims.lexicon import load

    assert role_of("des professionnels du secteur", load("fr")) == "anonymous"
    assert role_of("Plusieurs experts", load("fr")) == "anonymous"
    assert role_of("some analysts", load("en")) == "anonymous"
    assert role_of("some analysts at Goldman Sachs", load("en")) == "named"
    assert role_of("des responsables de Renault", load("fr")) == "named"
    assert role_of("destinations", load("fr")) == "named"  # "des" must be a word of its own
    # a Chinese determiner runs into its noun; a quantified group names nobody either
    assert role_of("部分分析师", load("zh")) == "anonymous"
    assert role_of("高盛分析师", load("zh")) == "named"
    assert role_of("Most analysts", load("en")) == "anonymous"
    assert role_of("La plupart des économistes", load("fr")) == "anonymous"
    assert role_of("Bien des villageois âgés", load("fr")) == "anonymous"
    assert role_of("Beaucoup d'experts", load("fr")) == "anonymous"


def test_a_change_told_as_a_surge_and_witnesses_for_the_police():
    """Two rumour moves a trial planted that no check saw: « une hausse »
    told as 'a dramatic surge' (a verb or noun of extreme change), and
    « Selon la police » told as 'According to witnesses' (an unnamed source)."""
    from rumorlens.claims.attribution import role_of
    from rumorlens.claims.lexicon import load

    def degree(text, lang):
        p = profile_text(text, lang)
        return [x.text for c in p.clauses for x in c.cues if x.kind == "degree" and not x.source.endswith("weak")]

    assert "surge" in degree("Valdor reported a dramatic surge in revenue.", "en")
    assert degree("Valdor a publié une hausse du chiffre d'affaires.", "fr") == []
    assert "bondi" in " ".join(degree("Les exportations ont bondi de 3,2 %.", "fr"))
    assert role_of("witnesses", load("en")) == "anonymous" and role_of("la police", load("fr")) == "named"
