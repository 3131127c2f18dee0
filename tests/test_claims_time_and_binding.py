"""Claims of time across versions: a relative clause does not answer a
main clause's tense, a conditional's present tells the future, a future
answers a future whether modal or tense (session 41: DEMETR's tense rows
and a fresh user's trial)."""
from __future__ import annotations

from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.claims import bind_near, check_tense, check_tense_shift


def claim_pair(src, tgt, sl, tl):
    p = pair(src, tgt, sl, tl)
    p.src.claims = [profile_text(src, sl, doc_id="a")]
    p.tgt.claims = [profile_text(tgt, tl, doc_id="b")]
    return p


def test_a_relative_clause_present_does_not_answer_a_main_clause_past():
    p = claim_pair("La sclérose en plaques est une maladie qui affecte le système nerveux central.",
                   "Multiple sclerosis was a disease that affects the central nervous system.", "fr", "en")
    (f,) = check_tense_shift(p)
    assert f.type == "tense_changed" and "'est'" in f.explanation and "'was'" in f.explanation


def test_same_main_clause_time_stays_quiet():
    p = claim_pair("La sclérose en plaques est une maladie qui affecte le système nerveux central.",
                   "Multiple sclerosis is a disease that affected the central nervous system.", "fr", "en")
    assert check_tense_shift(p) == []  # the main clauses agree; the relative clause tells another event


def test_a_conditional_sentence_present_tells_the_future():
    p = claim_pair("Si un jour je commence à me sentir coupable, il me suffira de lire un article comme celui-ci.",
                   "If one day I start to feel guilty, all I have to do is read an article like this.", "fr", "en")
    assert check_tense_shift(p) == []
    plain = claim_pair("Il me suffira de lire un article comme celui-ci.",
                       "All I have to do is read an article like this.", "fr", "en")
    assert [f.type for f in check_tense_shift(plain)] == ["tense_changed"]  # without 'if', a shift


def test_a_prediction_under_a_condition_is_no_plan_told_as_done():
    cond = claim_pair("If the company raises funds, it will build a new factory in Shanghai.",
                      "L'entreprise a déjà construit une nouvelle usine à Shanghai.", "en", "fr")
    assert check_tense(cond) == []
    plan = claim_pair("The company will build a new factory in Shanghai.",
                      "L'entreprise a déjà construit une nouvelle usine à Shanghai.", "en", "fr")
    assert [f.type for f in check_tense(plan)] == ["modality_changed"]


def _with_next(here, nxt):
    """Give ``here``'s sides the claims of ``nxt`` as their neighbours' (``nxt`` placed after them)."""
    for side, other in ((nxt.src, here.src), (nxt.tgt, here.tgt)):
        side.claims = [profile_text(side.text, side.lang, doc_id=side.doc_id, offset=200)]
        side.doc_text = " " * 200 + side.doc_text
        side.start, side.end = side.start + 200, side.end + 200
        other.near_claims = side.claims


def test_a_future_its_own_bead_pairs_does_not_excuse_a_plan_told_as_done():
    here = claim_pair("星耀科技计划在上海建设一座新工厂。", "Xingyao a déjà construit une nouvelle usine à Shanghai.", "zh", "fr")
    nxt = claim_pair("知情人士称，新机售价为5999元，将面向高端市场。",
                     "Selon ces sources, le nouvel appareil sera vendu 5 999 yuans et visera le haut de gamme.", "zh", "fr")
    _with_next(here, nxt)
    assert check_tense(here) == []  # « sera vendu » next door might be where the future went ...
    bind_near([here, nxt])
    (f,) = check_tense(here)  # ... but its own bead pairs it with 将: a modal and a tense future answer each other
    assert f.type == "modality_changed" and "计划" in f.explanation and "a déjà construit" in f.explanation


def _completed(text):
    return [c.text for cl in profile_text(text, "zh").clauses for c in cl.cues
            if c.kind == "tense" and c.value == "completed"]


def test_the_chinese_perfective_tells_a_completed_event():
    assert _completed("该公司推出了一款新手机。") == ["了"]
    assert _completed("7月24日，警方发现了一具尸体。") == ["了"]
    # no past: a future or a condition opens the clause, or 了 ends it (a change of state)
    assert _completed("明天下了课我去找你。") == []
    assert _completed("如果通过了审批，公司将推出新药。") == []
    assert _completed("这一切都要结束了。") == []
    assert _completed("价格贵了很多。") == []  # after an adjective: a change of state


def test_a_launch_told_as_a_plan_against_the_perfective():
    (f,) = check_tense(claim_pair("该公司推出了一款新手机。", "The company will launch a new phone.", "zh", "en"))
    assert f.type == "modality_changed" and "'了'" in f.explanation
    assert check_tense(claim_pair("该公司推出了一款新手机。", "The company launched a new phone.", "zh", "en")) == []


def test_reported_imparfait_and_a_compound_plan_tell_no_time_change():
    """« a indiqué qu'il maintenait » is the present of what was said
    (concordance des temps), and 资本支出计划 is the noun 'capital spending
    plan', no intention (session 42's trial of business news)."""
    from compare_helpers import pair

    from rumorlens.claims import profile_text
    from rumorlens.compare.claims import CLAIM_CHECKS

    fr = "Le groupe a indiqué qu'il maintenait son programme d'investissements à 5 milliards de dollars pour l'année."
    assert [c.value for c in profile_text(fr, "fr").cues if c.kind == "tense"
            and c.start == fr.index("maintenait")] == ["present"]
    zh = "集团表示，今年的资本支出计划将维持在50亿美元不变。"
    assert not [c for c in profile_text(zh, "zh").cues if zh[c.start:c.end] == "计划"]
    assert [c.value for c in profile_text("市政府计划对全市道路开展整治。", "zh").cues if c.kind == "tense"] == ["future"]
    p = pair(zh, fr, "zh", "fr")
    p.src.claims, p.tgt.claims = [profile_text(zh, "zh")], [profile_text(fr, "fr")]
    assert [f.type for check in CLAIM_CHECKS for f in check(p)] == []
    # an imparfait that tells the past is still one ('the factory was closing then')
    past = "L'usine fermait ses portes chaque hiver."
    assert [c.value for c in profile_text(past, "fr").cues if c.kind == "tense"] == ["past"]


def test_a_possibility_in_another_clause_does_not_answer_a_future():
    """« Vous pouvez … consulter …, mais leurs conseils seront adaptés » /
    'You may … consult …, but their advice is designed': the two second
    clauses tell a future against a present; the 'may' of the first clause
    told of something else and hid it (DEMETR's source-side row fr:703,
    session 63).  A possibility in the facing clause still answers."""
    fr = ("Vous pouvez également consulter les conseils d'autres gouvernements, mais leurs conseils seront adaptés "
          "à leurs citoyens.")
    en = "You may also consult the advice of other governments, but their advice is designed for their citizens."
    (f,) = check_tense_shift(claim_pair(fr, en, "fr", "en"))
    assert f.type == "tense_changed" and "seront" in f.explanation and "'is'" in f.explanation
    en_may = ("You may also consult the advice of other governments, but their advice may be designed for their "
              "citizens.")
    assert check_tense_shift(claim_pair(fr, en_may, "fr", "en")) == []


def test_an_imperative_of_aller_is_an_order_not_a_future():
    """« Allez voir les résultats » is 'Go and see the results' (DEMETR's
    French row 767: read as a future, session 63); « Vous allez voir » is."""
    assert [c for c in profile_text("Allez voir aujourd'hui les résultats.", "fr").cues if c.value == "future"] == []
    assert [c.text for c in profile_text("Vous allez voir le résultat demain.", "fr").cues if c.value == "future"] \
        == ["allez"]
