"""Sample-corpus failure modes, as small hand-built cases: numbers paired by
best match inside a bead, counterparts one bead away, the reading of a
relative date (deictic vs anaphoric), partial dates compared on what they
write, transcript line splits, stray captions, denials."""
import pytest
from compare_helpers import mention, one_sided, pair

from rumorlens.compare import AlignedPair, PairStats, Side, run_checks
from rumorlens.compare.dates import check_dates
from rumorlens.compare.driver import aligned_pairs, MentionIndex, stray_sentences
from rumorlens.compare.numbers import assign_numbers, check_numbers
from rumorlens.compare.omission import check_one_sided, check_stray
from rumorlens.compare.polarity import check_denial, check_polarity
from rumorlens.mentions import extract_text
from rumorlens.mentions.crossling import compare_dates
from rumorlens.records import Bead, Document, PairAlignment, Sentence


def nums(text, lang):
    return [m for m in extract_text(text, lang, entities=False) if m.kind == "number"]


def dates(text, lang, ref=None):
    return [m for m in extract_text(text, lang, ref_date=ref, entities=False) if m.kind == "date"]


# ---------------------------------------------------------------- numbers


def test_assignment_prefers_the_global_best_pairing():
    # greedy on (0,0) would leave 1 to pair with 1 at a high cost; the best total pairs 0-1 and 1-0
    costs = {(0, 0): 0.5, (0, 1): 0.6, (1, 0): 0.6}
    assert assign_numbers(costs, 2, 2) == [(0, 1), (1, 0)]
    # a pair dearer than leaving both numbers alone is not made
    assert assign_numbers({(0, 0): 2.5}, 1, 1) == []
    assert assign_numbers({}, 3, 0) == []


def test_numbers_inside_one_bead_pair_by_value_not_order():
    src = "GPT-3 为 175B 参数，GPT-4 总共拥有大约 1.8 万亿参数。"
    tgt = "GPT-4 aurait ~1,8 trillion de paramètres, contre 175 milliards pour GPT-3."
    p = pair(src, tgt, "zh", "fr", nums(src, "zh"), nums(tgt, "fr"))
    found = check_numbers(p)
    assert [f.type for f in found] == ["false_friend"]
    assert "1,8 trillion" in found[0].evidence[1].text


def _window(src_texts, tgt_texts, lang_s="zh", lang_t="fr"):
    """A document pair aligned one sentence per bead, for the context tests."""
    def doc(i, texts, lang):
        text = "\n".join(texts)
        sents, pos = [], 0
        for k, t in enumerate(texts):
            sents.append(Sentence(f"d{i}:{k}", f"d{i}", k, pos, pos + len(t), t, lang))
            pos += len(t) + 1
        d = Document(id=f"d{i}", path=f"d{i}.txt", lang=lang, languages=[lang], text=text, format="txt",
                     encoding="utf-8")
        out = []
        for s in sents:
            for m in extract_text(s.text, lang, doc_id=d.id, entities=False):
                m.start += s.start
                m.end += s.start
                out.append(m)
        return d, sents, out

    ds, ss, ms = doc(0, src_texts, lang_s)
    dt, st, mt = doc(1, tgt_texts, lang_t)
    n = max(len(ss), len(st))
    beads = [Bead([k] if k < len(ss) else [], [k] if k < len(st) else [], 0.8) for k in range(n)]
    pa = PairAlignment(ds.id, dt.id, beads, relation="translation")
    return aligned_pairs(pa, {ds.id: ds, dt.id: dt}, {ds.id: ss, dt.id: st},
                         {ds.id: MentionIndex(ms), dt.id: MentionIndex(mt)})


def test_a_figure_whose_counterpart_is_one_bead_away_is_not_a_changed_value():
    # the alignment cut the sentences one place off: 175B faces 1,8 trillion
    pairs = _window(["为 175B 参数", "总共拥有大约 1.8 万亿参数", "其他内容。"],
                    ["Des rumeurs ont suggéré ~1,8 trillion de paramètres.", "La taille était de 175 milliards.",
                     "Autre chose."])
    found = [f for p in pairs for f in check_numbers(p)]
    assert not [f for f in found if f.type in ("value_changed", "digits_changed", "number_missing", "number_added")]


def test_a_currency_conversion_is_not_an_added_number():
    src = "如果年度经常性收入将达到 1000 亿美元（7245.1 亿元人民币），他们不会介意。"
    tgt = "Si le modèle rapporte 100 milliards de dollars par an, elle ne verra pas d'inconvénient."
    p = pair(src, tgt, "zh", "fr", nums(src, "zh"), nums(tgt, "fr"))
    assert check_numbers(p) == []


# ---------------------------------------------------------------- dates


def test_deictic_and_anaphoric_readings_are_recorded():
    (later,) = dates("2023 年 7 月，直到一年半之后", "zh")[1:]
    (within,) = dates("Jusqu'en décembre 2024 - dans un an et demi - Ege Erdil", "fr")[1:]
    assert later.attrs["reading"] == "anaphoric" and later.direction == "future"
    assert within.attrs["reading"] == "deictic" and within.direction == "future"
    # with no publication date, the deictic one falls back on the firm date before it, and says so
    assert within.attrs["anchor"] == "context"
    assert compare_dates(later, within).relation == "direction_changed"


def test_direction_changed_finding_explains_both_readings():
    src, tgt = "直到一年半之后的 2024 年 12 月", "Jusqu'en décembre 2024 - dans un an et demi -"
    p = pair(src, tgt, "zh", "fr", dates(src, "zh"), dates(tgt, "fr"))
    (f,) = [f for f in check_dates(p)]
    assert f.type == "direction_changed" and f.severity == "high"
    assert "from the time of writing" in f.explanation and "later" in f.explanation
    assert [e.text for e in f.evidence] == ["一年半之后", "dans un an et demi"]


def test_same_reading_same_span_is_equal_whatever_the_anchor():
    a = dates("GPT-4 came out in March 2023. A year and a half later it was ahead.", "en")[-1]
    b = dates("一年半之后", "zh")[0]
    assert compare_dates(a, b).relation == "equal"


def test_partial_dates_compare_only_what_they_write():
    (day,) = dates("unveiled o3 on the 20th", "en", ref="2024-12-23")
    (month,) = dates("its valuation, set in October", "en", ref="2024-12-23")
    assert compare_dates(day, month).relation == "incomparable"
    (a,) = dates("le 22 octobre", "fr", ref="2024-12-23")
    (b,) = dates("10 月 23 日", "zh", ref="2023-01-05")  # a different guessed year
    assert compare_dates(a, b).relation == "shifted"


def test_versions_dated_differently_compare_only_dates_written_in_full():
    # (not "Islamabad, Dec 23: …", which opens its line as a dateline: the dispatch's own date)
    src, tgt = "WSJ reported on the 22nd, citing sources.", "On Dec 23, OpenAI said it is facing setbacks."
    p = pair(src, tgt, "en", "en", dates(src, "en", "2024-12-23"), dates(tgt, "en", "2024-12-23"))
    p.src.anchor = p.tgt.anchor = "2024-12-23"
    assert [f.type for f in check_dates(p)] == ["date_shifted"]
    p.relation = "retelling"  # the relation does not matter, the documents' own dates do
    assert [f.type for f in check_dates(p)] == ["date_shifted"]
    p.src.anchor = "2024-12-20"  # "the 22nd" was read against another day: not comparable
    assert check_dates(p) == []
    full = pair("on 22 December 2024", "on 23 December 2024", "en", "en",
                dates("on 22 December 2024", "en", "2024-12-20"), dates("on 23 December 2024", "en", "2024-12-23"))
    full.src.anchor, full.tgt.anchor = "2024-12-20", "2024-12-23"
    assert [f.type for f in check_dates(full)] == ["date_shifted"]


# ---------------------------------------------------------------- polarity


def test_line_fragment_is_not_a_dropped_negation():
    # a line cut mid-clause (a transcript's) may carry its negation on the next
    # line: whatever the relation, a fragment is not a dropped negation
    p = pair("当然，你不会相信吧。", "唯一可以相信的", "zh", "zh")
    assert check_polarity(p) == []
    p.relation = "translation"
    assert check_polarity(p) == []
    whole = pair("当然，你不会相信吧。", "当然，你唯一可以相信的是这个结论。", "zh", "zh")
    assert [f.type for f in check_polarity(whole)] == ["negation_removed"]


def test_french_not_only_construction_is_not_a_negation():
    p = pair("这篇文章既是分享的结果也是我构建理论的过程记录。",
             "Je construis cette théorie à travers cet article, et je ne me contente pas de la partager.", "zh", "fr")
    assert check_polarity(p) == []


def test_denial_on_one_side_only():
    p = pair("Dario Amodei 在播客中否认他们放弃了 Opus 3.5。",
             "Dario Amodei a lâché Opus 3.5 sur le podcast de Lex Fridman.", "zh", "fr")
    (f,) = check_denial(p)
    assert f.category == "polarity" and f.type == "denial_dropped" and f.evidence[0].text == "否认"
    assert check_denial(pair("他否认了传闻。", "Il a démenti la rumeur.", "zh", "fr")) == []


# ---------------------------------------------------------------- stray lines


def test_repeated_foreign_caption_is_one_low_finding_and_hides_its_names():
    caption = "分析师Alberto Romero猜测:其实OpenAI的GPT-5早就有了"
    fr = ["Première phrase de l'article en français.", caption, "Deuxième phrase de l'article, assez longue.",
          caption, "Troisième phrase."]
    text = "\n".join(fr)
    sents, pos = [], 0
    for k, t in enumerate(fr):
        sents.append(Sentence(f"f:{k}", "f", k, pos, pos + len(t), t, "zh" if t == caption else "fr"))
        pos += len(t) + 1
    d = Document(id="f", path="seeds/f.txt", lang="fr", languages=["fr", "zh"], text=text, format="txt",
                 encoding="utf-8")
    assert stray_sentences(d, sents) == {1: "repeated:zh", 3: "repeated:zh"}
    zh_text = "第一句。\n第二句很长的内容。\n第三句。"
    zs = [Sentence("z:0", "z", 0, 0, 4, "第一句。", "zh"), Sentence("z:1", "z", 1, 5, 14, "第二句很长的内容。", "zh"),
          Sentence("z:2", "z", 2, 15, 19, "第三句。", "zh")]
    dz = Document(id="z", path="z.txt", lang="zh", languages=["zh"], text=zh_text, format="txt", encoding="utf-8")
    pa = PairAlignment("z", "f", [Bead([0], [0], 0.8), Bead([], [1], 0.0), Bead([1], [2], 0.8), Bead([], [3], 0.0),
                                  Bead([2], [4], 0.8)], relation="translation")
    pairs = aligned_pairs(pa, {"z": dz, "f": d}, {"z": zs, "f": sents}, {"z": MentionIndex([]), "f": MentionIndex([])})
    found = run_checks(pairs)
    stray = [f for f in found if f.type == "stray_line"]
    assert len({f.id for f in stray}) == 1 and stray[0].severity == "low" and len(stray[0].evidence) == 2
    assert not [f for f in found if f.type == "sentence_added"]
