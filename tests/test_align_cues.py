"""Round 4 of the aligner: punctuation join cues, numbers with scale words
as anchors, the large-gain detach on merged texts."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rumorlens.align import (DEFAULT_PARAMS, align_sentences, anchor_matrices, anchor_tokens, check_beads, join_cues,
                             recheck_beads)
from rumorlens.records import Bead


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    from rumorlens.embed import CachedEncoder, get_encoder
    return CachedEncoder(get_encoder("use-m3"), tmp_path_factory.mktemp("cache"))


def as_pairs(beads):
    return [(tuple(b.src), tuple(b.tgt)) for b in beads]


def test_join_cues_read_open_endings_and_lower_case_starts():
    lines = ["Und in der Tat :", "Es ist ihm nichts passiert .", "Die Wolken haben den Blick freigegeben auf",
             "das Rheinwaldhorn .", "« Et le reste ;", "» avait-il dit .", "Fin .", "在山西转型综改示范区，",
             "数据标注师超过2300人"]
    assert join_cues(lines).tolist() == [True, False, True, False, True, False, False, True]
    assert join_cues(["Seul."]).tolist() == []
    # a symbol is not punctuation: a footer line after a full stop goes on nothing
    assert join_cues(["Fin de l'article.", "© déclaration de droits d'auteur"]).tolist() == [False]
    # on a side whose lines nearly all start in lower case, case is no cue
    assert join_cues(["un", "deux", "trois", "quatre", "cinq"]).tolist() == [False] * 4


def test_numbers_with_scale_words_meet_their_digits():
    assert "#240000" in anchor_tokens("涵洞24万余座") & anchor_tokens("more than 240,000 culverts")
    assert "#300000000" in anchor_tokens("假如有 3 亿人在使用") & anchor_tokens("300 millions d'utilisateurs")
    assert "#175000000000" in anchor_tokens("为 175B 参数") & anchor_tokens("175 milliards pour GPT-3")
    # a French billion is 10^12, or an English one copied (10^9): both readings
    assert {"#2000000000", "#2000000000000"} <= anchor_tokens("2 billions d'euros")
    assert anchor_tokens("24 heures") == {"#24"}


def _recheck(texts, gain_if_first_leaves):
    """recheck_beads on one bead [0, 1]:[0] whose cosine rises by
    ``gain_if_first_leaves`` without source sentence 0, which resembles
    nothing (best cosine at the random level)."""
    def cosine(src, tgt):
        return 0.5 + (gain_if_first_leaves if list(src) == [1] else 0.0)

    best_s, best_t = np.array([0.0, 0.6]), np.array([0.6])
    params = dataclasses.replace(DEFAULT_PARAMS, cue_keeps=True)
    cues = (join_cues(texts), np.zeros(0, dtype=bool))
    return as_pairs(recheck_beads([Bead([0, 1], [0])], cosine, best_s, best_t, (0.0, 0.6), params,
                                  detach_gain=0.03, detach_z=0.3, cues=cues))


def test_a_lead_in_ending_with_a_colon_stays_with_its_sentence():
    assert _recheck(["Und in der Tat :", "Es ist ihm nichts passiert ."], 0.1) == [((0, 1), (0,))]
    assert _recheck(["Rechts der Dom .", "Es ist ihm nichts passiert ."], 0.1) == [((0,), ()), ((1,), (0,))]


def test_a_run_sharing_a_number_with_the_other_side_stays():
    src = ["Le bilan est lourd.", "On compte 14 victimes."]
    tgt = ["The toll is heavy: 14 people died."]
    a_s, a_t, _ = anchor_matrices([anchor_tokens(t) for t in src], [anchor_tokens(t) for t in tgt])

    def cosine(s, t):
        return 0.5 + (0.1 if list(s) == [0] else 0.0)

    best_s, best_t = np.array([0.6, 0.0]), np.array([0.6])
    out = recheck_beads([Bead([0, 1], [0])], cosine, best_s, best_t, (0.0, 0.6), DEFAULT_PARAMS,
                        detach_gain=0.03, detach_z=0.3)
    assert as_pairs(out) == [((0,), (0,)), ((1,), ())]
    out = recheck_beads([Bead([0, 1], [0])], cosine, best_s, best_t, (0.0, 0.6), DEFAULT_PARAMS,
                        detach_gain=0.03, detach_z=0.3, anchors=(a_s, a_t))
    assert as_pairs(out) == [((0, 1), (0,))]


EN = ["The city council voted on Monday to build a new bridge over the river.",
      "The project will cost 40 million euros and take three years.",
      "Opponents say the money should go to public transport instead.",
      "The mayor defended the plan at a press conference.",
      "Construction is due to start next spring."]
FR = ["Le conseil municipal a voté lundi la construction d'un nouveau pont sur le fleuve.",
      "Le projet coûtera 40 millions d'euros et durera trois ans.",
      "Les opposants estiment que l'argent devrait plutôt aller aux transports publics.",
      "Le maire a défendu le projet lors d'une conférence de presse.",
      "Les travaux doivent commencer au printemps prochain."]
# untranslated sentences on the same topic: each resembles something in the band
TAIL = ["Le pont portera le nom d'une figure de la Résistance.",
        "Un concours d'architectes sera lancé cet automne.",
        "Le chantier devrait employer deux cents ouvriers.",
        "Les riverains craignent le bruit des travaux."]


def test_untranslated_block_on_the_same_topic_is_one_sided(encoder):
    beads = align_sentences(FR + TAIL, EN, encoder)
    check_beads(beads, 9, 5)
    assert as_pairs(beads) == [((i,), (i,)) for i in range(5)] + [((i,), ()) for i in range(5, 9)]
    # without the large-gain detach the block's head is folded into the last bead
    off = dataclasses.replace(DEFAULT_PARAMS, text_detach_any_gain=None)
    assert ((4,), (4,)) not in as_pairs(align_sentences(FR + TAIL, EN, encoder, params=off))
