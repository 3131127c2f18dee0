from compare_helpers import mention, one_sided, pair

from rumorlens.compare import PairStats, merge_findings, rank, run_checks
from rumorlens.compare.meaning import check_meaning, robust_z
from rumorlens.compare.omission import check_one_sided, check_partial
from rumorlens.compare.pair import finding_id, make_finding
from rumorlens.records import Evidence


def _stats(n=20, median=0.8, mad=0.05):
    return PairStats(n=n, median=median, mad=mad, length_ratio_median=0.0, length_ratio_mad=0.1)


def test_meaning_is_relative_to_the_pair():
    low = pair("甲乙丙丁戊己庚辛壬癸", "Something else entirely, said the minister", "zh", "en", similarity=0.3, stats=_stats())
    (f,) = check_meaning(low)
    assert f.category == "meaning" and f.severity in ("medium", "low")
    # the same similarity is normal in a loose pair (a retelling): nothing
    loose = pair("甲乙丙丁戊己庚辛壬癸", "Something else entirely, said the minister", "zh", "en", similarity=0.3,
                 stats=_stats(median=0.35, mad=0.1))
    assert check_meaning(loose) == []
    # a label too short for a sentence vector ("Assumed office"): nothing
    assert check_meaning(pair("Assumed office", "Prise de fonction le", "en", "fr", similarity=0.2,
                              stats=_stats())) == []
    # too few beads to know what is normal: nothing
    assert check_meaning(pair("a", "b", "en", "fr", similarity=0.1, stats=_stats(n=3))) == []
    assert robust_z(0.8, 0.8, 0.0) == 0.0


def test_one_sided_bead_and_short_ones_ignored():
    (f,) = check_one_sided(one_sided("这是一段只有中文版本才有的很长的内容，讲述了很多细节。", "zh"))
    assert f.category == "omission" and f.type == "sentence_missing"
    (g,) = check_one_sided(one_sided("An English sentence that the other version does not have at all.", "en",
                                     missing_side="src"))
    assert g.category == "addition"
    assert check_one_sided(one_sided("谢谢", "zh")) == []


def test_consecutive_one_sided_beads_merge_into_one_finding():
    text = "第一句很长很长很长的内容在这里。第二句也很长很长很长的内容在这里。"
    cut = text.index("第二")
    a = one_sided(text, "zh", bead=3)
    a.src.end = cut
    b = one_sided(text, "zh", bead=4)
    b.src.start = cut
    fs = run_checks([a, b])
    assert len(fs) == 2
    (m,) = merge_findings(fs, {"a": text})
    assert m.evidence[0].start == 0 and m.evidence[0].end == len(text)
    assert m.evidence[0].text == text
    assert "2 consecutive" in m.explanation


def test_partial_omission_against_pair_ratio():
    src = "Il a dit que le modèle, entraîné pendant des mois sur des données privées et coûteuses, resterait interne."
    p = pair(src, "Il a dit.", "fr", "en", stats=_stats())
    (f,) = check_partial(p)
    assert f.category == "omission" and f.type == "part_missing"
    ok = pair(src, "He said the model, trained for months on private and costly data, would stay internal.", "fr",
              "en", stats=_stats())
    assert check_partial(ok) == []


def test_ids_are_content_derived_and_stable():
    ev = [Evidence("a", "a.txt", 1, 3, "xy")]
    assert finding_id("number", "value_changed", ev) == finding_id("number", "value_changed", list(ev))
    assert finding_id("number", "value_changed", ev) != finding_id("number", "scale_error", ev)


def test_rank_and_dedup():
    ev1 = [Evidence("a", "a.txt", 0, 4, "1985"), Evidence("b", "b.txt", 0, 4, "1995")]
    p = pair("1985", "1995", "zh", "en")
    low = make_finding(p, "number", "number_added", "low", 0.9, [Evidence("b", "b.txt", 5, 6, "x")], "x")
    num = make_finding(p, "number", "value_changed", "high", 0.8, ev1, "number")
    date = make_finding(p, "date", "date_changed", "high", 0.75, ev1, "date")
    out = merge_findings([low, date, num, num])
    assert [f.id for f in out] == [num.id, low.id]  # same span, number vs date: one cause
    assert rank([low, num])[0] is num


def test_a_passage_its_own_document_repeats_further_on_is_not_added():
    """A standfirst repeating a sentence of the body: the other version
    states it once, where the body does.  A passage written once is still
    reported, and so is a repeat in the next sentence (a duplicate, the
    internal check's business)."""
    from rumorlens.compare.pair import AlignedPair, Side

    stand = "Le paludisme tue plus de 600 000 personnes chaque année, dont 95% en Afrique."
    body = ("L'Egypte a été certifiée exempte de paludisme dimanche, a annoncé l'OMS. Un pays doit aussi démontrer "
            "sa capacité à empêcher le retour de la transmission. Selon l'OMS, le paludisme tue plus de 600 000 "
            "personnes chaque année, dont 95 % en Afrique.")
    doc = stand + "\n\n" + body

    def bead(text, start, end, context_end=None):  # the context: the neighbouring beads
        full = Side("a", "a.txt", "fr", text, start, end, ["a:0"], [], context_start=start,
                    context_end=context_end or end + 1)
        return AlignedPair(src=full, tgt=Side("b", "b.txt", "en", "", 0, 0, [], []))

    assert check_one_sided(bead(doc, 0, len(stand))) == []
    once = "Le paludisme recule dans toute la vallée du Nil depuis vingt ans.\n\n" + body
    assert len(check_one_sided(bead(once, 0, once.index("\n")))) == 1
    twice = stand + " " + stand + "\n\n" + body.split(". Selon")[0] + "."
    assert len(check_one_sided(bead(twice, 0, len(stand), context_end=2 * len(stand) + 1))) == 1


_TEDROS_EN = "Malaria is as old as Egypt itself, WHO chief Tedros Adhanom Ghebreyesus said."


def _quote_box(fr: str, other_text: str, other_names: bool):
    """A one-sided French line naming Tedros, against an empty side whose
    neighbouring passages are ``other_text`` (naming him or not)."""
    from compare_helpers import mention
    from rumorlens.compare.pair import AlignedPair, Side

    name_fr = mention("a", fr, "Tedros Adhanom Ghebreyesus", "fr", "entity", "PER")
    names = [mention("b", other_text, "Tedros Adhanom Ghebreyesus", "en", "entity", "PER")] if other_names else []
    full = Side("a", "a.txt", "fr", fr, 0, len(fr), ["a:0"], [name_fr])
    empty = Side("b", "b.txt", "en", other_text, 0, 0, [], [], context_start=0, context_end=len(other_text),
                 context_mentions=names)
    return AlignedPair(src=full, tgt=empty)


def test_a_passage_whose_names_the_other_version_gives_nearby_is_low():
    """A quote box (« Tedros Adhanom Ghebreyesus, directeur de l'OMS, dans un
    communiqué ») names people the other version names in the neighbouring
    passages: no fact only it carries, so low; a name the other version
    never gives makes it medium."""
    fr = "Tedros Adhanom Ghebreyesus, directeur de l'organisation, dans un communiqué publié hier"
    (f,) = check_one_sided(_quote_box(fr, _TEDROS_EN, True))
    assert f.severity == "low" and f.type == "sentence_missing"
    (g,) = check_one_sided(_quote_box(fr, "Malaria is as old as Egypt itself, the agency said.", False))
    assert g.severity == "medium"


def test_a_credit_line_of_little_but_a_name_the_other_version_gives_is_not_added():
    """« Tedros Adhanom Ghebreyesus, directeur de l'OMS dans un communiqué »
    under a quote box: once the name the other version gives is set aside,
    less is left than a clause must weigh to be content left out."""
    fr = "Tedros Adhanom Ghebreyesus, directeur de l'OMS dans un communiqué"
    assert check_one_sided(_quote_box(fr, _TEDROS_EN, True)) == []
    # a name the other version does not give: the line is reported
    (g,) = check_one_sided(_quote_box(fr, "Malaria is as old as Egypt itself, the agency said.", False))
    assert g.severity == "medium"


def test_two_short_lines_of_different_length_are_not_a_part_left_out():
    """On two short lines one word's length swings the length ratio: what is
    missing must weigh partial_omission_min_chars against the pair's ratio."""
    tight = PairStats(n=20, median=0.8, mad=0.05, length_ratio_median=0.0, length_ratio_mad=0.02)
    short = pair("Circonscription électorale Castelo Branco", "Constituency Castelo Branco", "fr", "en",
                 stats=tight)
    assert check_partial(short) == []
    # the same ratio on a long passage leaves out a clause's worth: reported
    long_src = " ".join(["Circonscription électorale Castelo Branco"] * 4)
    long_tgt = " ".join(["Constituency Castelo Branco"] * 4)
    assert [f.type for f in check_partial(pair(long_src, long_tgt, "fr", "en", stats=tight))] == ["part_missing"]
