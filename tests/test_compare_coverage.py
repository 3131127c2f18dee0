"""Word-level coverage inside a bead and antonyms across it (real encoder
and dictionaries: the checks are about what they say)."""
from __future__ import annotations

import pytest

from compare_helpers import pair
from rumorlens.compare.antonyms import check_antonyms
from rumorlens.compare.coverage import check_coverage
from rumorlens.compare.phrasesim import PhraseSimilarity

SRC = "我不知道你有没有意识到，从中美洲进口到这个国家的大部分货物都是免关税的。"
MT = "I don't know if you realize that most of the goods imported into this country from Central America are duty free."


@pytest.fixture(scope="module")
def psim():
    from rumorlens.embed import get_encoder

    return PhraseSimilarity(get_encoder("use-m3"))


def test_added_word_is_cited(psim):
    added = MT.replace("the goods", "the famous goods")
    out = check_coverage(pair(SRC, added, "zh", "en", phrase_similarity=psim))
    adds = [f for f in out if f.category == "addition"]
    assert len(adds) == 1 and adds[0].type == "part_added"
    assert [e.text for e in adds[0].evidence[:-1]] == ["famous"]
    assert adds[0].evidence[0].start == added.index("famous")


def test_clean_translation_has_no_coverage_finding(psim):
    assert check_coverage(pair(SRC, MT, "zh", "en", phrase_similarity=psim)) == []


def test_dropped_noun_is_cited_on_the_source_side(psim):
    src = "护林员会密切监督参加虫害防治补充试验的射手，因为试验会受到监测，并会评估其效果。"
    tgt = "Rangers closely monitor the participating shooters as the trials are monitored and their effectiveness assessed."
    out = [f for f in check_coverage(pair(src, tgt, "zh", "en", phrase_similarity=psim)) if f.category == "omission"]
    assert out and out[0].type == "part_missing"
    cited = {e.text for e in out[0].evidence[:-1]}
    assert cited & {"虫害", "防治", "补充"}


def test_no_encoder_no_coverage_finding():
    added = MT.replace("the goods", "the famous goods")
    assert check_coverage(pair(SRC, added, "zh", "en")) == []


def test_transcripts_and_same_language_pairs_are_left_alone(psim):
    added = MT.replace("the goods", "the famous goods")
    p = pair(SRC, added, "zh", "en", phrase_similarity=psim)
    p.relation = "transcript"
    assert check_coverage(p) == []
    assert check_coverage(pair(MT, added, "en", "en", phrase_similarity=psim)) == []


def test_antonym_reversal():
    flipped = MT.replace("imported into", "exported from")
    out = check_antonyms(pair(SRC, flipped, "zh", "en"))
    assert [(f.category, f.type) for f in out] == [("claim", "antonym")]
    assert [e.text for e in out[0].evidence] == ["exported", "进口"]
    assert "import" in out[0].explanation


def test_no_antonym_when_the_translation_is_faithful():
    assert check_antonyms(pair(SRC, MT, "zh", "en")) == []


@pytest.mark.parametrize("src,sl,tgt,words", [
    # a comparative: WordNet gives antonyms to the positive degree (late / early)
    ("Le train est arrivé plus tôt que prévu.", "fr", "The train arrived later than planned.", ["later", "tôt"]),
    # a compound whose glosses are phrases ("opening ceremony")
    ("开幕式在北京举行。", "zh", "The closing ceremony was held in Beijing.", ["closing", "开幕式"]),
    # a Chinese superlative CC-CEDICT does not list (最 + 大), and one it lists by a superlative gloss
    ("这是全国最大的城市。", "zh", "It is the smallest city in the country.", ["smallest", "最大"]),
    ("今天的气温是今年最高的。", "zh", "Today's temperature was the lowest of the year.", ["lowest", "最高"]),
    ("更多的人参加了会议。", "zh", "Fewer people attended the meeting.", ["Fewer", "更多"]),
])
def test_antonyms_of_comparatives_and_compounds(src, sl, tgt, words):
    out = check_antonyms(pair(src, tgt, sl, "en"))
    assert [e.text for f in out for e in f.evidence] == words


@pytest.mark.parametrize("src,sl,tgt", [
    ("Le train est arrivé plus tard que prévu.", "fr", "The train arrived later than planned."),
    ("开幕式在北京举行。", "zh", "The opening ceremony was held in Beijing."),
    ("这是全国最大的城市。", "zh", "It is the largest city in the country."),
    ("今天的气温是今年最高的。", "zh", "Today's temperature was the highest of the year."),
    ("更多的人参加了会议。", "zh", "More people attended the meeting."),
    # a gloss's possessor is not what the word means: 妹夫 "younger sister's husband"
    ("他把合同交给了他的妹夫。", "zh", "He gave the contract to his brother-in-law."),
    # nor the circumstance a gloss ends on: 回落 "to return to low level after a rise"
    ("三月份价格回落。", "zh", "Prices fell in March."),
])
def test_no_antonym_for_faithful_comparatives_and_compounds(src, sl, tgt):
    assert check_antonyms(pair(src, tgt, sl, "en")) == []


def test_an_inflected_noun_meets_only_noun_antonyms():
    # 'negotiations' stems like 'negotiable', whose WordNet antonym is
    # 'impassable', a gloss of « impasse »: no reversal (a trial's high false alarm)
    assert check_antonyms(pair("Les négociations sont dans une impasse.", "Negotiations are at a standstill.",
                               "fr", "en")) == []
    out = check_antonyms(pair("Les importations ont augmenté.", "Exports rose.", "fr", "en"))
    assert [e.text for f in out for e in f.evidence] == ["Exports", "importations"]


def test_a_source_noun_is_not_the_verb_its_gloss_spells():
    # « bénéfices » is glossed 'gain'; 'gain' the verb is the opposite of 'fall': a trial's high false alarm
    assert check_antonyms(pair("Les bénéfices ont chuté.", "Profits fell.", "fr", "en")) == []
    out = check_antonyms(pair("Les prix ont augmenté de 5 %.", "Prices decreased by 5%.", "fr", "en"))
    assert [e.text for f in out for e in f.evidence] == ["decreased", "augmenté"]


def test_negated_source_word_is_not_a_reversal():
    # 不友好 is "unfriendly": the English is right
    out = check_antonyms(pair("他们的态度不友好。", "Their attitude is unfriendly.", "zh", "en"))
    assert out == []
    out = check_antonyms(pair("他们的态度友好。", "Their attitude is unfriendly.", "zh", "en"))
    assert [f.type for f in out] == ["antonym"]


def test_without_cedict_chinese_coverage_is_off_and_said_once(psim, monkeypatch, caplog):
    from rumorlens.lexicons import dictionaries

    monkeypatch.setattr(dictionaries, "_cedict", lambda: dictionaries._note_missing("CC-CEDICT", "Chinese", "x"))
    monkeypatch.setattr(dictionaries, "_NOTED", set())
    added = MT.replace("the goods", "the famous goods")
    with caplog.at_level("WARNING", logger="rumorlens"):
        assert check_coverage(pair(SRC, added, "zh", "en", phrase_similarity=psim)) == []
        assert check_coverage(pair(SRC, added, "zh", "en", phrase_similarity=psim)) == []
    notes = [r for r in caplog.records if "CC-CEDICT" in r.getMessage()]
    assert len(notes) == 1 and "Chinese" in notes[0].getMessage()


def test_a_title_written_with_a_name_is_not_a_word_to_cover():
    from compare_helpers import mention
    from rumorlens.compare.coverage import candidates

    zh = "“我学过一年中文。”阿塔尔总理说。"
    en = '"I studied Chinese for one year," he said.'
    with_name = pair(zh, en, "zh", "en", [mention("a", zh, "阿塔尔", "zh", "entity", "PER")])
    assert "总理" not in [w.text for w in candidates(with_name.src)]
    assert "中文" in [w.text for w in candidates(with_name.src)]  # other words are still considered
    # the title alone, with no name beside it, is a word like any other
    alone = pair("“我学过一年中文。”总理说。", en, "zh", "en")
    assert "总理" in [w.text for w in candidates(alone.src)]
    fr = "Il s'agit de la troisième visite d'Etat du président Xi en France."
    p = pair(fr, "It is Xi's third state visit to France.", "fr", "en", [mention("a", fr, "Xi", "fr", "entity", "PER")])
    assert "président" not in [w.text for w in candidates(p.src)]


def test_a_support_verb_is_covered_by_the_verb_that_renders_its_noun():
    """« effectuer une visite » / "visited": the noun carries the meaning the
    other side gives as a verb, the support verb only tense and person; a
    verb of its own meaning before the noun is still a word to cover."""
    from rumorlens.compare.coverage import _verb_keys, candidates, support_verb
    from rumorlens.lexicons.words import words

    fr = "Il a confié à M. Xi avoir déjà effectué une visite en Chine quand il était député."
    en = "He told Xi that he once visited China when he was a lawmaker."
    p = pair(fr, en, "fr", "en")
    keys = _verb_keys(words(en, "en"), "en")
    found = {w.text: support_verb(w, p.src, keys) for w in candidates(p.src)}
    assert found["effectué"] is True and found["confié"] is False and found["visite"] is False
    en2 = "He told Xi that he once went to China when he was a lawmaker."
    assert not support_verb(next(w for w in candidates(p.src) if w.text == "effectué"), p.src,
                            _verb_keys(words(en2, "en"), "en"))
    en3 = "The two sides held talks on Monday."
    q = pair(en3, "双方周一会谈了。", "en", "zh")
    held = next(w for w in candidates(q.src) if w.text == "held")
    assert support_verb(held, q.src, _verb_keys(words("双方周一会谈了。", "zh"), "zh"))


def test_a_title_beside_a_proper_noun_the_ner_missed_is_not_a_word_to_cover():
    from rumorlens.compare.coverage import candidates

    fr = "Il s'agit de la troisième visite d'Etat du président Xi en France."
    p = pair(fr, "It is Xi's third state visit to France.", "fr", "en")  # no mention of Xi
    assert "président" not in [w.text for w in candidates(p.src)]
    alone = "Il s'agit de la troisième visite d'Etat du président en France."
    assert "président" in [w.text for w in candidates(pair(alone, "It is the third visit.", "fr", "en").src)]


class _Counting:
    """An encoder that counts its calls and the texts it is given."""

    def __init__(self, encoder) -> None:
        self.encoder, self.calls, self.texts = encoder, 0, 0

    def encode(self, texts):
        self.calls += 1
        self.texts += len(texts)
        return self.encoder.encode(texts)


def test_run_checks_encodes_coverage_texts_of_all_beads_in_two_batches():
    """run_checks tells check_coverage every bead first (its ``prefetch``):
    the words and phrases of all beads go to the encoder in one call, the
    ablated sentences in one more; the findings are those of the check run
    bead by bead."""
    from rumorlens.compare.driver import run_checks
    from rumorlens.embed import get_encoder

    enc = get_encoder("use-m3")
    dropped_src = "护林员会密切监督参加虫害防治补充试验的射手，因为试验会受到监测，并会评估其效果。"
    dropped_tgt = ("Rangers closely monitor the participating shooters as the trials are monitored and their "
                   "effectiveness assessed.")
    texts = [(SRC, MT.replace("the goods", "the famous goods")), (SRC, MT), (dropped_src, dropped_tgt)]

    def beads(sim):
        return [pair(s, t, "zh", "en", phrase_similarity=sim) for s, t in texts]

    one_by_one = _Counting(enc)
    alone = [f for p in beads(PhraseSimilarity(one_by_one)) for f in check_coverage(p)]
    together = _Counting(enc)
    shared = PhraseSimilarity(together)
    batched = run_checks(beads(shared), [check_coverage])
    assert [(f.type, [e.text for e in f.evidence]) for f in batched] == \
        [(f.type, [e.text for e in f.evidence]) for f in alone]
    assert {f.type for f in batched} == {"part_added", "part_missing"}
    assert together.calls == 2 < one_by_one.calls
    assert together.texts <= one_by_one.texts
    before = together.calls
    for p in beads(shared):
        check_coverage(p)  # every text it compares is known
    assert together.calls == before


@pytest.mark.parametrize("src, tgt, lang, words", [
    ("The company's shares rose sharply on Monday.", "The company's shares fell sharply on Monday.", "en",
     ("fell", "rose")),
    ("Exports increased by 5 percent last year.", "Imports increased by 5 percent last year.", "en",
     ("Imports", "Exports")),
    ("The minister said the talks were a success.", "The minister said the talks were a failure.", "en",
     ("failure", "success")),
    ("该公司股价周一大幅上涨。", "该公司股价周一大幅下跌。", "zh", ("下跌", "上涨")),
])
def test_an_edited_copy_that_reverses_a_word_is_reported(src, tgt, lang, words):
    """Two sides in one language that are one sentence edited: a word
    replaced by its opposite is a reversal (these checks were off for one
    language: an English copy saying "fell" for "rose" went unreported)."""
    out = check_antonyms(pair(src, tgt, lang, lang))
    assert [(f.category, f.type, f.severity) for f in out] == [("claim", "antonym", "high")]
    assert all(quote in out[0].explanation for quote in words)


@pytest.mark.parametrize("src, tgt", [
    # the opposite stands in both, unedited: no reversal
    ("Prices rose in May and fell in June.", "Prices rose in May and fell in June, analysts said."),
    # a retelling in other words: left to the meaning checks
    ("The company's shares rose sharply on Monday.", "Investors watched as the stock fell back after a brief gain."),
    # a synonym
    ("The company released the model quickly.", "The company released the model rapidly."),
])
def test_no_reversal_between_one_language_sides_that_are_no_edit(src, tgt):
    assert check_antonyms(pair(src, tgt, "en", "en")) == []


class _Forgetful(dict):
    """A bead memo that keeps nothing: every step worked out again, as
    before the memo."""

    def __setitem__(self, key, value):
        pass


def _batch_encoder():
    """Vectors that depend on the batch they were encoded in (a real
    encoder's last bits), so a result kept across a drop of the vectors
    would show."""
    import numpy as np

    class Enc:
        def encode(self, texts):
            out = []
            for t in texts:
                rng = np.random.default_rng(list(t.encode()) or [0])
                v = rng.standard_normal(24) + 1e-2 * len(texts)
                out.append(v / np.linalg.norm(v))
            return np.array(out, dtype=np.float32)

    return Enc()


@pytest.mark.parametrize("limit", [4, 40, 65536])
def test_coverage_kept_per_bead_equals_coverage_worked_out_each_time(limit):
    """prefetch_coverage then check_coverage keep the words, phrases and
    best cosines of a bead (``AlignedPair.memo``) while the phrase
    similarity drops no vector; against a memo that keeps nothing: the
    same covers bit for bit, with limits that drop vectors in between."""
    from rumorlens.compare.coverage import cover, prefetch_coverage

    texts = [(SRC, MT), (SRC, MT.replace("the goods", "the famous goods")),
             ("Le président a effectué une visite officielle à Paris hier soir.",
              "The president made an official visit to Paris last night.")]
    langs = [("zh", "en"), ("zh", "en"), ("fr", "en")]

    def run(memo_kind):
        sim = PhraseSimilarity(_batch_encoder(), limit=limit)
        beads = [pair(s, t, sl, tl, phrase_similarity=sim) for (s, t), (sl, tl) in zip(texts, langs)]
        for p in beads:
            p.memo = memo_kind()
        prefetch_coverage(beads)
        out = [(c.word.text, c.by_dictionary, c.similarity, c.gain) for p in beads
               for side, other in ((p.tgt, p.src), (p.src, p.tgt)) for c in cover(p, side, other, 0.9)]
        return out, sim.drops

    kept, drops = run(dict)
    again, drops_again = run(_Forgetful)
    assert kept == again and drops == drops_again
    assert any(not by_dict for _, by_dict, _, _ in kept)  # the encoder test was reached
    if limit == 4:
        assert drops > 0


def test_a_source_noun_is_an_adjective_only_in_its_first_sense():
    # 水 'water; river; liquid' is no adjective 'liquid' opposed to 'dry' (a high false
    # alarm); 军事 'military affairs; military' is, as an attribute (a DEMETR antonym row)
    assert check_antonyms(pair("水库的水几乎耗尽。", "The reservoir has run dry.", "zh", "en")) == []
    out = check_antonyms(pair("帕利重提2017年一颗法国和意大利共用的军事卫星遭监视一事。",
                              "Parly reiterated the 2017 surveillance of a civilian satellite shared by France and Italy.",
                              "zh", "en"))
    assert [e.text for f in out for e in f.evidence] == ["civilian", "军事"]


def test_a_word_of_a_hedge_is_the_claim_checks_not_a_word_to_cover():
    """« Il n'est pas exclu que » / 'may', 'probably' / 恐将: how sure each
    version is, which the claim checks compare (session 56: 'exclu' was a
    part_missing finding of a faithful litotes)."""
    from compare_helpers import profiled
    from rumorlens.compare.coverage import candidates

    p = profiled("Il n'est pas exclu que l'usine ferme l'année prochaine.", "The plant may close next year.", "fr", "en")
    assert "exclu" not in [w.text for w in candidates(p.src)]
    assert "usine" in [w.text for w in candidates(p.src)]  # the claim's own words are still considered
    q = profiled("工厂恐将关闭。", "The plant will probably close.", "zh", "en")
    assert "probably" not in [w.text for w in candidates(q.tgt)]
    # without the claim profiles (no claims stage), the word is one like any other
    assert "exclu" in [w.text for w in candidates(pair(p.src.text, p.tgt.text, "fr", "en").src)]
