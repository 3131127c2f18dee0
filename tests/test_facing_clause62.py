"""Session 62: the clause of the other version that a claim finding cites
when the other version has no cue (compare.claims.facing_clause, which asks
closest_clause), and which claim findings of two pairs consolidation
takes for one difference (compare.consolidate._family)."""
from __future__ import annotations

import pytest
from compare_helpers import pair

from rumorlens.claims import profile_text
from rumorlens.compare.claims import facing_clause, paired_clause
from rumorlens.compare.consolidate import consolidate, versions
from rumorlens.compare.pair import make_finding
from rumorlens.records import AlignmentGroup, Bead, DocGroup, Document, Evidence, PairAlignment, Sentence

SRC = "虽然 GPT-4 表现得像一个聪明的高中生，但前 OpenAI 高管表示，最终的 GPT-5 会像博士生。"
TGT = "A former OpenAI executive confidently stated that GPT-5 would be like a doctoral student."


def _claim_pair(src, tgt, sl, tl, sim=None):
    p = pair(src, tgt, sl, tl, phrase_similarity=sim)
    p.src.claims = [profile_text(src, sl, doc_id="a")]
    p.tgt.claims = [profile_text(tgt, tl, doc_id="b")]
    return p


class _Words:
    """A stand-in phrase similarity: texts that name the executive (高管 /
    'executive') are close, any other two are not (no model)."""

    def __call__(self, a: str, b: str) -> float:
        return 0.8 if all("高管" in t or "executive" in t for t in (a, b)) else 0.3

    def prefetch(self, texts):
        pass


def test_the_clause_saying_the_same_is_cited_when_a_version_reorders_its_clauses():
    p = _claim_pair(SRC, TGT, "zh", "en", _Words())
    cue = p.tgt.text.index("confidently")
    a, b = facing_clause(p, p.tgt, cue, p.src)
    assert "高管表示" in p.src.text[a:b]
    # the clause at the same place in the bead is the first one, which says something else
    a, b = paired_clause(p.tgt, cue, p.src)
    assert p.src.text[a:b].startswith("虽然")


def test_without_an_encoder_or_a_clear_gain_the_clause_at_the_same_place_stays():
    p = _claim_pair(SRC, TGT, "zh", "en")
    cue = p.tgt.text.index("confidently")
    assert facing_clause(p, p.tgt, cue, p.src) == paired_clause(p.tgt, cue, p.src)

    class _Flat(_Words):
        def __call__(self, a, b):
            return 0.5
    p = _claim_pair(SRC, TGT, "zh", "en", _Flat())
    assert facing_clause(p, p.tgt, cue, p.src) == paired_clause(p.tgt, cue, p.src)


def _doc(doc_id, lang, text):
    return (Document(doc_id, f"{doc_id}.txt", lang, [lang], text, "txt", "utf-8"),
            [Sentence(f"{doc_id}:0", doc_id, 0, 0, len(text), text, lang)])


def _three():
    texts = {"z": ("zh", "前高管表示，GPT-5 在某些任务上会像博士生。"),
             "a": ("en", "A former executive confidently said GPT-5 would be like a doctoral student."),
             "b": ("en", "A former executive said GPT-5 would be like a doctoral student.")}
    docs, sents = [], {}
    for k, (lang, text) in texts.items():
        d, s = _doc(k, lang, text)
        docs.append(d)
        sents[k] = s
    group = DocGroup("group-001", ["z", "a", "b"], "translation", 0.9)
    aligns = [PairAlignment(x, y, [Bead([0], [0], 0.8)], "translation")
              for x, y in (("z", "a"), ("z", "b"), ("a", "b"))]
    agroups = [AlignmentGroup("group-001", 0, {"z": [0], "a": [0], "b": [0]})]
    return versions(docs, sents, [group], agroups, aligns), texts


def _claim(v_texts, type_, other, cue_doc, cue):
    text = v_texts[cue_doc][1]
    a = text.index(cue)
    ev = [Evidence(cue_doc, f"{cue_doc}.txt", a, a + len(cue), cue),
          Evidence("z", "z.txt", 0, len(v_texts["z"][1]), v_texts["z"][1])]
    if cue_doc == "z":
        ev.append(Evidence(other, f"{other}.txt", 0, 10, v_texts[other][1][:10]))
    f = make_finding(None, "claim", type_, "medium", 0.5, ev, type_, docs=["z", other])
    f.bead = 0
    return f


@pytest.mark.parametrize("first, second, merged", [
    # two moves on one clause of the Chinese: two differences, both kept
    (("scope_dropped", "a", "z", "在某些任务上"), ("certainty_raised", "b", "z", "表示"), False),
    # one move seen from two pairs, in either direction of its type: one finding naming the odd one out
    (("scope_dropped", "a", "z", "在某些任务上"), ("scope_added", "b", "z", "在某些任务上"), True),
    (("scope_dropped", "a", "z", "在某些任务上"), ("scope_dropped", "b", "z", "在某些任务上"), True),
    # one change of epistemic modality named by what each other version says (可能 dropped against a
    # plain statement, against a future, against a certainty): one finding (a break test of session 62)
    (("hedge_dropped", "a", "z", "会像"), ("modality_changed", "b", "z", "会像"), True),
    (("certainty_lowered", "a", "z", "会像"), ("hedge_dropped", "b", "z", "会像"), True),
])
def test_claim_findings_of_two_pairs_are_one_difference_only_for_one_move(first, second, merged):
    v, texts = _three()
    out = consolidate([_claim(texts, *first), _claim(texts, *second)], v)
    assert len(out) == (1 if merged else 2)
    if merged:
        assert set(out[0].docs) == {"z", "a", "b"} and out[0].explanation.startswith("The Chinese differs from")


def test_with_the_shipped_encoder_the_moved_attribution_clause_is_cited():
    from rumorlens.compare.phrasesim import PhraseSimilarity
    from rumorlens.embed import get_encoder

    # the sample corpus's sentences (seeds/003 and extra/en_asiae_gpt5_orion_delays.txt)
    src = "虽然 GPT-4 表现得像一个聪明的高中生，但前 OpenAI 高管表示，最终的 GPT-5 在某些任务上实际上会像博士生。"
    tgt = ("A former OpenAI executive confidently stated that if GPT-4 was at the level of a smart high school "
           "student, GPT-5 would perform at a doctorate level on some tasks.")
    p = _claim_pair(src, tgt, "zh", "en", PhraseSimilarity(get_encoder("use-m3")))
    a, b = facing_clause(p, p.tgt, p.tgt.text.index("confidently"), p.src)
    assert "高管表示" in p.src.text[a:b]
