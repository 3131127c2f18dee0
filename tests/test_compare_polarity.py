import pytest
from compare_helpers import pair

from rumorlens.compare.cues import negations
from rumorlens.compare.polarity import check_polarity


def test_negation_added_in_english():
    p = pair("美国每隔10年就要根据人口变化情况重新分配众议院席位。",
             "The U.S. does not redistribute the House's seats every 10 years.", "zh", "en")
    (f,) = check_polarity(p)
    assert f.category == "polarity" and f.type == "negation_added" and f.severity == "high"
    assert f.evidence[0].text == "not" and f.evidence[0].doc == "b"


def test_negation_removed_from_french_source():
    p = pair("Il n'a jamais confirmé la rumeur.", "He confirmed the rumor.", "fr", "en")
    (f,) = check_polarity(p)
    assert f.type == "negation_removed"
    assert f.evidence[0].doc == "a" and f.evidence[0].text == "n'"


def test_both_negated_is_quiet():
    assert check_polarity(pair("我不知道你有没有意识到。", "I don't know if you realize.", "zh", "en")) == []
    assert check_polarity(pair("Je ne sais pas.", "I do not know.", "fr", "en")) == []


def test_words_that_only_contain_a_negation_char():
    assert negations("非常重要的未来，不仅如此，无论如何", "zh") == []
    assert check_polarity(pair("这非常重要。", "This is very important.", "zh", "en")) == []
    assert negations("not only this but that", "en") == []


def test_french_ne_que_is_not_negation():
    assert negations("Il ne reste que deux jours.", "fr") == []
    assert len(negations("Il ne reste pas deux jours.", "fr")) == 1
    assert len(negations("Il n'y a aucune preuve, sans témoin.", "fr")) == 2  # n'…aucune once, sans
    # « sans doute » is 'probably', no negation (session 47)
    assert len(negations("Il n'y a aucune preuve, sans doute.", "fr")) == 1


def test_not_only_is_not_negation_in_french():
    assert negations("Le Sonnet 3.6 n'est pas seulement excellent.", "fr") == []


def test_ablation_keeps_only_one_sided_negations():
    src, tgt = "这些货物免关税。", "These goods are not taxed."
    # the encoder says the English reads closer to the Chinese *with* its "not": 免 negates too
    closer_with_cue = lambda a, b: 0.9 if "not" in a or "not" in b else 0.6
    assert check_polarity(pair(src, tgt, "zh", "en", phrase_similarity=closer_with_cue)) == []
    closer_without = lambda a, b: 0.6 if "not" in a or "not" in b else 0.9
    (f,) = check_polarity(pair(src, tgt, "zh", "en", phrase_similarity=closer_without))
    assert f.type == "negation_added" and f.confidence > 0.65


def test_a_negation_carried_by_an_affix_is_quiet():
    """非暴力 / nonviolently, 无症状 / asymptomatic: the negation moved into a
    word; a plain word that merely starts like a prefix does not count."""
    assert check_polarity(pair("抗议者正在和平，非暴力地抗议。", "Protesters are protesting peacefully and nonviolently.",
                               "zh", "en")) == []
    assert check_polarity(pair("无症状感染者147例。", "147 asymptomatic infections.", "zh", "en")) == []
    assert check_polarity(pair("Ce projet est irréalisable.", "Ce projet n'est pas réalisable.", "fr", "fr")) == []
    (f,) = check_polarity(pair("这个决定不重要。", "This decision is important.", "zh", "en"))
    assert f.type == "negation_removed"  # important is not im+portant


def test_spoken_french_pas_without_ne_and_elided_que():
    assert [t for t in ("Je les vois pas faire ça",) for s, e in negations(t, "fr")] == ["Je les vois pas faire ça"]
    assert negations("un pas de plus, pas à pas", "fr") == []
    assert negations("Il entra dans la pièce d'un pas assuré.", "fr") == []  # a step, after the elided « d'un »
    assert negations("résistez à la tentation d'en retirer ne serait-ce qu'« une seule »", "fr") == []
    assert check_polarity(pair("Je les vois pas faire 10 saisons.", "I don't see them doing 10 seasons.",
                               "fr", "en")) == []


def test_a_negation_in_a_comparative_is_carried_by_less():
    zh = "罗斯贝数越小，恒星在磁场倒转方面就越不活跃。"
    assert check_polarity(pair(zh, "The smaller the Rossby number, the less active the star is.", "zh", "en")) == []
    (f,) = check_polarity(pair(zh, "The smaller the Rossby number, the more active the star is.", "zh", "en"))
    assert f.type == "negation_removed"


def test_an_affixal_negation_on_both_sides_carries_nothing():
    (f,) = check_polarity(pair("Des traditions adoptées par des non-croyants.",
                               "Traditions not adopted by non-believers.", "fr", "en"))
    assert f.type == "negation_added"


def test_bounds_on_a_figure_are_not_negations():
    assert negations("Pas moins de 20 % de l'eau", "fr") == []
    assert negations("no less than 20% of the water", "en") == []
    assert negations("人数不超过20人", "zh") == []


def test_a_dropped_negation_between_two_copies_is_reported():
    """Two near-copies of an article (every other bead identical: median
    bead similarity 1.0): the edited bead sits below the median and dropping
    'not' can gain at most what separates the sides (here 0.04, under
    polarity_ablation_gain_doc); it was never checked.  A copy-like bead
    (polarity_copy_similarity) is; a loose bead below the median is not."""
    from rumorlens.compare.pair import PairStats

    src, tgt = "Microsoft hoped to ship it by mid-2024, but that is not happening.", \
        "Microsoft hoped to ship it by mid-2024, but that is happening."
    words_equal = lambda a, b: 1.0 if a.split() == b.split() else 0.96
    copies = PairStats(n=15, median=1.0, mad=0.0)
    (f,) = check_polarity(pair(src, tgt, "en", "en", similarity=0.95, stats=copies, phrase_similarity=words_equal))
    assert f.type == "negation_removed" and f.evidence[0].text == "not"
    assert check_polarity(pair(src, tgt, "en", "en", similarity=0.8, stats=copies, phrase_similarity=words_equal)) == []


def test_a_negated_word_against_its_antonym_is_the_same_claim():
    """"not large" / "small": the other side carries the negation in its
    word (compare.antonyms.negation_as_antonym); the plain word against its
    negation is still reported, and so is a negated word against a word
    that is no antonym of it."""
    assert check_polarity(pair("The crowd was not large.", "The crowd was small.", "en", "en")) == []
    assert check_polarity(pair("La route n'est pas longue.", "The road is short.", "fr", "en")) == []
    assert check_polarity(pair("这家商店不便宜。", "This shop is expensive.", "zh", "en")) == []
    (f,) = check_polarity(pair("The crowd was not large.", "The crowd was large.", "en", "en"))
    assert f.type == "negation_removed"
    (f,) = check_polarity(pair("The crowd was not large.", "The crowd was loud.", "en", "en"))
    assert f.type == "negation_removed"


def test_every_negation_must_be_explained_by_an_antonym():
    """One negated word matched by its antonym does not explain another
    negation (found by a trial helper: the first version of this rule
    silenced both of these), nor a negation whose head is another word
    ("did not enter the small town": the head is "enter")."""
    (f,) = check_polarity(pair("The crowd was not large and the police did not arrive.",
                               "The crowd was small and the police arrived.", "en", "en"))
    assert f.type == "negation_removed"
    (f,) = check_polarity(pair("The troops did not enter the small town.", "The troops entered the large town.",
                               "en", "en"))
    assert f.type == "negation_removed"
    (f,) = check_polarity(pair("The police did not say it was large.", "The police said it was small.", "en", "en"))
    assert f.type == "negation_removed"
    (f,) = check_polarity(pair("Le maire n'a pas démissionné et la foule n'était pas grande.",
                               "The mayor resigned and the crowd was small.", "fr", "en"))
    assert f.type == "negation_removed"
    assert check_polarity(pair("Le magasin n'est pas cher.", "The shop is cheap.", "fr", "en")) == []


def test_constructions_that_negate_without_not_and_those_that_do_not_negate():
    """'has yet to' negates (« n'a pas encore réagi »); 'malaria-free' is an
    affixal negation (无疟疾); 'whether or not', « ou non » and « plus que
    jamais » hold a negation word without negating (trials and bench/real)."""
    assert check_polarity(pair("Le ministère n'a pas encore réagi.", "The ministry has yet to comment.",
                               "fr", "en")) == []
    assert check_polarity(pair("44个国家被认证为“无疟疾”。", "44 countries have been certified malaria-free.",
                               "zh", "en")) == []
    assert check_polarity(pair("Que nous le voyions ou non, nous en subirons les conséquences.",
                               "Whether or not we see it, we will feel the consequences.", "fr", "en")) == []
    assert check_polarity(pair("Cet appel est plus important que jamais.", "This call is more important than ever.",
                               "fr", "en")) == []
    assert negations("Il ne sait pas s'il viendra ou non.", "fr") != []  # the « ne … pas » still counts
    assert negations("and yet to many people it seemed right", "en") == []  # 'yet' as a conjunction


def test_que_jamais_is_no_antonym_of_ever():
    from rumorlens.compare.antonyms import check_antonyms

    p = pair("Cet appel est plus important que jamais.", "This call is more important than ever.", "fr", "en")
    assert [f for f in check_antonyms(p) if "jamais" in f.explanation] == []



# --- a negation whose scope the other side states (kept_scope) -------------

_LOOSE = dict(similarity=0.55, bead=3)  # a free translation's bead, below its pair's median


def _loose_stats():
    from rumorlens.compare.pair import PairStats

    return PairStats(n=15, median=0.7, mad=0.05)


def test_a_negated_statement_the_other_side_makes_is_reported_below_the_median():
    """Inside documents the encoder's ablation is not asked below the
    median (a free translation gains as little from a dropped "not" as a
    litotes does); the words are: the other side states what the
    negation bears on (arrest, driver), with nothing negating it."""
    p = pair("警方并未逮捕这名司机，只是对其进行了询问。", "Police arrested the driver and questioned him.", "zh", "en",
             stats=_loose_stats(), **_LOOSE)
    (f,) = check_polarity(p)
    assert (f.type, f.severity) == ("negation_added", "medium") or (f.type, f.severity) == ("negation_removed", "medium")
    quoted = {e.text for e in f.evidence}
    assert {"未", "逮捕", "司机", "arrested", "driver"} <= quoted
    # the same bead with the negation on both sides says nothing
    assert check_polarity(pair("警方并未逮捕这名司机。", "Police did not arrest the driver.", "zh", "en",
                               stats=_loose_stats(), **_LOOSE)) == []


def test_a_scope_rendered_in_other_words_is_found_through_the_encoder():
    """No dictionary key is shared (« reportée » / 'postponed' is in no
    gloss here): the other side's word nearest to the scope word at
    polarity_scope_word_similarity or more renders it; below, nothing."""
    from rumorlens.compare.negation_scope import kept_scope

    p = pair("La direction n'a pas reporté l'assemblée générale.", "The board postponed the general assembly.",
             "fr", "en", stats=_loose_stats(), **_LOOSE)
    spans = negations(p.src.text, "fr")
    near = lambda a, b: 0.9 if {a.casefold(), b.casefold()} in ({"reporté", "postponed"},) else 0.1
    with_encoder = [(w.text, o.text) for w, o in kept_scope(p.src, p.tgt, spans, near)]
    assert ("reporté", "postponed") in with_encoder and len(with_encoder) >= 2
    far = lambda a, b: 0.59 if {a.casefold(), b.casefold()} in ({"reporté", "postponed"},) else 0.1
    assert ("reporté", "postponed") not in [(w.text, o.text) for w, o in kept_scope(p.src, p.tgt, spans, far)]


def test_a_negation_the_other_side_carries_in_another_word_is_quiet():
    """'failed to' (implicit_negation) in the clause of the rendering, or a
    litotes whose rendering is the negated word's antonym (« n'oubliez
    pas » / 'remember'): the same claim, no finding."""
    assert check_polarity(pair("警方并未逮捕这名司机。", "Police failed to arrest the driver.", "zh", "en",
                               stats=_loose_stats(), **_LOOSE)) == []
    from rumorlens.compare.negation_scope import kept_scope

    p = pair("N'oubliez pas la réunion de demain matin.", "记住明天早上的会议。", "fr", "zh", stats=_loose_stats(), **_LOOSE)
    always = lambda a, b: 0.95
    assert kept_scope(p.src, p.tgt, negations(p.src.text, "fr"), always) == []


def test_a_negation_inside_a_word_or_before_a_name_has_no_scope_to_keep():
    """不足 'insufficient', 无法 'unable' are words of their own, not a
    negation of what follows (zh particles); a name kept says nothing of
    what is negated (the entity check's)."""
    from rumorlens.compare.negation_scope import _scope
    from rumorlens.records import Mention

    side = pair("由于数据不足，模型无法继续训练。", "x", "zh", "en").src
    assert all(_scope(side, c) == [] for c in negations(side.text, "zh"))
    text = "Le ministre n'a pas rencontré Emmanuel Macron à Paris."
    names = [Mention(doc_id="a", kind="entity", type="PER", text="Emmanuel Macron", start=text.index("Emmanuel"),
                     end=text.index("Emmanuel") + len("Emmanuel Macron"), value="emmanuel macron", lang="fr")]
    side = pair(text, "x", "fr", "en", src_m=names).src
    (cue,) = negations(text, "fr")
    assert [w.text for w in _scope(side, cue)] == ["rencontré"]


def test_a_negation_scope_ends_where_its_clause_does():
    """At clause punctuation, at the next negation, and at a conjunction
    that starts another clause (models/lexicons/clauses.json): « trois
    fois rien » / "next to nothing and yet it was a job…" kept 'job'."""
    from rumorlens.compare.negation_scope import _scope

    def scope(text, lang):
        side = pair(text, "x", lang, "en").src
        return [[w.text for w in _scope(side, c)] for c in negations(text, lang)]

    assert scope("She earned nothing special and yet the job required a degree.", "en") == [["special"]]
    assert scope("The minister did not resign, the government said.", "en") == [["resign"]]
    assert scope("警方并未逮捕司机，而是对其进行了询问。", "zh") == [["逮捕", "司机"]]


def test_a_double_negation_states_what_it_negates_twice():
    """« n'était pas sans rappeler la fermeture » ('was not without
    recalling'): the two cues cancel, so the other side's plain statement
    of the closure is the same claim (a trial's medium false alarm)."""
    from rumorlens.compare.negation_scope import kept_scope

    src = "La situation n'était pas sans rappeler la fermeture d'une autre usine de la ville."
    tgt = "The situation recalled the closure of another factory in the town."
    p = pair(src, tgt, "fr", "en", stats=_loose_stats(), **_LOOSE)
    assert kept_scope(p.src, p.tgt, negations(src, "fr"), lambda a, b: 0.9) == []
    en = "The situation was not unlike the closure of another factory in the town."
    r = pair(en, "La situation rappelait la fermeture d'une autre usine de la ville.", "en", "fr", stats=_loose_stats(), **_LOOSE)
    assert kept_scope(r.src, r.tgt, negations(en, "en"), lambda a, b: 0.9) == []
    single = "La situation ne rappelait pas la fermeture d'une autre usine de la ville."
    q = pair(single, tgt, "fr", "en", stats=_loose_stats(), **_LOOSE)
    assert kept_scope(q.src, q.tgt, negations(single, "fr"), lambda a, b: 0.9) != []


def test_a_double_negation_or_a_negated_degree_is_no_reversal():
    """并非没有争议 ('not without controversy') is 'controversial': no
    finding even where the encoder is asked; 'never seen such a consistent
    effect' is 'the most consistent effect' (cues.json negated_degree), and
    « On ignore combien » carries 尚不清楚's negation (implicit_negation)."""
    from rumorlens.compare.negation_scope import kept_scope

    assert check_polarity(pair("这一提议并非没有争议。", "The proposal proved controversial.", "zh", "en")) == []
    # two clauses' negations stand apart: no double negation (a DEMETR negation row)
    from rumorlens.compare.negation_scope import single_negations

    two = "L'important n'est pas le fait qu'Emin ne sache pas dessiner."
    assert len(single_negations(pair(two, "x", "fr", "en").src, negations(two, "fr"), grading=False)) == 2
    src = "She had never seen such a consistent effect in a study of this size."
    tgt = "C'était l'effet le plus constant qu'elle ait observé dans une étude de cette taille."
    p = pair(src, tgt, "en", "fr", stats=_loose_stats(), **_LOOSE)
    assert kept_scope(p.src, p.tgt, negations(src, "en"), lambda a, b: 0.9) == []
    plain = "She had never seen a consistent effect in a study of this size."
    q = pair(plain, tgt, "en", "fr", stats=_loose_stats(), **_LOOSE)
    assert kept_scope(q.src, q.tgt, negations(plain, "en"), lambda a, b: 0.9) != []
    zh, fr = "目前尚不清楚有多少渔船受损。", "On ignore combien de bateaux de pêche ont été endommagés."
    r = pair(zh, fr, "zh", "fr", stats=_loose_stats(), **_LOOSE)
    assert kept_scope(r.src, r.tgt, negations(zh, "zh"), lambda a, b: 0.9) == []


def test_never_so_high_is_the_highest_ever_not_a_reversal():
    """'has never been so high', « n'a jamais été aussi élevée », 从未如此之高
    and 'have never been higher' say the superlative: against 'the highest
    level ever', « un niveau record » or 有史以来最高 they are no reversal
    (the ablation test made them high negation findings).  'not so strong'
    against 'the strongest', and 'never' against « déjà », still are."""
    from rumorlens.claims import profile_text

    def with_profiles(src, tgt, sl, tl):
        p = pair(src, tgt, sl, tl)
        p.src.claims = [profile_text(src, sl, doc_id="a")]
        p.tgt.claims = [profile_text(tgt, tl, doc_id="b")]
        return p

    quiet = [("Inflation is at its highest level ever.", "L'inflation n'a jamais été aussi élevée.", "en", "fr"),
             ("通胀达到了有史以来的最高水平。", "L'inflation n'a jamais été aussi élevée.", "zh", "fr"),
             ("The river has never been so low.", "The river is at its lowest level ever recorded.", "en", "en"),
             ("通胀从未如此之高。", "Inflation is at a record high.", "zh", "en"),
             ("Prices have never been higher.", "Les prix atteignent un niveau record.", "en", "fr")]
    for src, tgt, sl, tl in quiet:
        assert check_polarity(with_profiles(src, tgt, sl, tl)) == [], src
    loud = [("The storm was not so strong.", "La tempête était la plus forte.", "en", "fr"),
            ("The river has never flooded.", "Le fleuve a déjà débordé.", "en", "fr"),
            ("Inflation has never been so high.", "Inflation is high.", "en", "en")]
    for src, tgt, sl, tl in loud:
        (f,) = check_polarity(with_profiles(src, tgt, sl, tl))
        assert f.type == "negation_removed", src


def test_prepositions_of_place_are_opposed_and_function_prepositions_are_not():
    """« en dehors des îles » / 'inside the islands' (a DEMETR antonym row):
    prepositions are read (words.json antonym_extra_pos), and the gloss
    'inside' of the function word « en » no longer hides the reversal;
    'carried out' does not meet « dans » through 'in'."""
    from rumorlens.compare.antonyms import check_antonyms

    p = pair("Il est impossible d'échanger cet argent en dehors des îles.",
             "It is impossible to exchange this money inside the islands.", "fr", "en")
    (f,) = check_antonyms(p)
    assert "inside" in f.explanation and "dehors" in f.explanation
    assert check_antonyms(pair("Il est impossible d'échanger cet argent en dehors des îles.",
                               "It is impossible to exchange this money outside the islands.", "fr", "en")) == []
    assert check_antonyms(pair("Les travaux ont été réalisés dans la région.", "The work was carried out in the region.",
                               "fr", "en")) == []


def test_inflected_french_words_and_chinese_yu_comparatives_are_read():
    """« vraie » (the small tagger's noun, lemma « vraie ») is looked up as
    « vrai » (words.json fr_inflections), so 'false' against it is a
    reversal (a DEMETR antonym row); 快于 'faster than', which CC-CEDICT
    does not list, is read as 快 (zh_comparative_suffixes)."""
    from rumorlens.compare.antonyms import _degree_base, check_antonyms
    from rumorlens.lexicons.dictionaries import fr_glosses

    assert "true" in fr_glosses("vraie", "vraie") and fr_glosses("anciennes", "anciennes")
    assert fr_glosses("xyzzyes", "xyzzyes") == ()
    (f,) = check_antonyms(pair("Nous lui rendrons sa vraie couleur.", "We will restore it to its false color.", "fr", "en"))
    assert "false" in f.explanation
    assert _degree_base("快于") == "快" and _degree_base("高于") is None  # 高于 is an entry of its own


def test_a_chinese_verb_is_no_noun_of_its_stem():
    """当地居民表示 / 'Local residents said': 表示 '(of sb) to express;
    expression' is no 'express' (train) opposed to 'local' (a high false alarm
    of a break test, session 43); a verb read as an adjective through 'to be
    …' stays (负责 'to be responsible for' / 'irresponsible', a DEMETR row)."""
    from rumorlens.compare.antonyms import check_antonyms

    assert check_antonyms(pair("当地居民表示，河水在夜间上涨。", "Local residents said the river rose during the night.",
                               "zh", "en")) == []
    (f,) = check_antonyms(pair("每只猫都负责一项特殊的工作。", "Each cat is irresponsible for a special job.", "zh", "en"))
    assert "irresponsible" in f.explanation


def test_a_privative_word_carries_the_other_side_s_negation():
    """'missing' / 仍有两人下落不明, 断水 / 'without water' (cues.json
    privative; two high false alarms of a break test, session 43); a
    privative on both sides carries nothing."""
    assert check_polarity(pair("救援人员说，仍有两人下落不明。", "Rescue workers said two people were still missing.",
                               "zh", "en")) == []
    assert check_polarity(pair("村干部表示，全村已经断水三天。",
                               "Village officials said the village had been without water for three days.",
                               "zh", "en")) == []
    (f,) = check_polarity(pair("救援人员说，没有人下落不明。", "Rescue workers said two people were still missing.",
                               "zh", "en"))
    assert f.type == "negation_removed"


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("The shop will not open until Monday.", "商店要到周一才开门。", "en", "zh"),
    ("The results will not be known until next week.", "Les résultats ne seront connus que la semaine prochaine.",
     "en", "fr"),
    ("直到周五他才回复邮件。", "He didn't reply to the email until Friday.", "zh", "en"),
])
def test_not_until_tells_when_not_whether(src, tgt, sl, tl):
    """'not … until' says the event happens, later: 才 and « ne … que » say it without a negation word."""
    assert [f for f in check_polarity(pair(src, tgt, sl, tl)) if f.category == "polarity"] == []


@pytest.mark.parametrize("text", ["He did not reply to the email on Friday.", "It was not clear, until the end.",
                                  "He did not wait until Friday."])
def test_a_negation_until_does_not_bound_still_negates(text):
    assert negations(text, "en")


def test_a_revision_downward_of_a_growth_forecast_is_no_reversal():
    """下调 'revise down' is a word of change too: 下调了增长预期 says both ways,
    as 'cut its growth forecast' does (a break test of session 45)."""
    from rumorlens.compare.direction import check_direction

    assert check_direction(pair("The bank cut its growth forecast.", "该银行下调了增长预期。", "en", "zh")) == []
    assert [f.type for f in check_direction(pair("The bank cut its growth forecast.", "该银行上调了增长预期。", "en", "zh"))] \
        == ["direction_reversed"]


def test_a_word_that_negates_bears_on_its_own_conjunct_only():
    """'lost' negates what follows it in its conjunct ('lost some of your
    habits'), not 'adapted' before the 'and': the English states that, so
    还没有适应 'not yet adapted' against it is a negation removed (a
    source-side break test, session 47); 'failed to arrest' still carries
    并未逮捕."""
    from rumorlens.compare.negation_scope import kept_scope

    p = pair("你会发现自己还没有适应新的文化，丢掉了一些家乡文化的习惯。",
             "You will find you have adapted to the new culture and lost some of your habits.", "zh", "en",
             stats=_loose_stats(), **_LOOSE)
    kept = [(w.text, o.text) for w, o in kept_scope(p.src, p.tgt, negations(p.src.text, "zh"))]
    assert ("文化", "culture") in kept
    p = pair("你会发现自己还没有适应新的文化。", "You will find you have lost the new culture.", "zh", "en",
             stats=_loose_stats(), **_LOOSE)
    assert kept_scope(p.src, p.tgt, negations(p.src.text, "zh")) == []


@pytest.mark.parametrize("src, tgt", [
    ("Il viendra sans doute demain.", "He will probably come tomorrow."),
    ("Il parle sans cesse de son travail.", "He constantly talks about his work."),
    ("C'est sans nul doute le meilleur.", "It is undoubtedly the best."),
    ("C'est sans aucun doute le meilleur joueur.", "He is without a doubt the best player."),
])
def test_set_phrases_with_sans_are_no_negation(src, tgt):
    # « sans doute » is 'probably' (a fresh user's break test, session 47)
    assert check_polarity(pair(src, tgt, "fr", "en")) == []
    assert check_polarity(pair("Il est parti sans dire au revoir.", "He left and said goodbye.", "fr", "en"))


def test_a_set_phrase_does_not_hide_a_negation_added_on_the_other_side():
    # unlike 'not only', « sans doute » states its clause (a second break test)
    assert [f.type for f in check_polarity(pair("Il viendra sans doute demain.", "He will probably not come tomorrow.",
                                                "fr", "en", stats=_loose_stats(), **_LOOSE))] == ["negation_added"]
