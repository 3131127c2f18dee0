"""The caches and shortcuts of the compare checks (issue 12) give what the
plain computation gives: folding, cue masking, entity verdicts."""
from __future__ import annotations

import re
import unicodedata
from array import array

from compare_helpers import mention

from rumorlens.compare import cues, entities, omission
from rumorlens.mentions.entities import match_entities

TEXTS = [
    "État de l'Union : 95 % des chefs d'Etat — « Œuvre » ﬁnale",
    "Straße GROSS ß İstanbul ǅ ½ ² ①",
    "习近平指出，中法都是独立、成熟、有担当的大国。ＡＢＣ１２３",
    "",
    "   \n\t ",
]


def _plain_folded(text: str) -> tuple[str, array]:
    chars, where = [], array("l")
    for k, ch in enumerate(text):
        for c in unicodedata.normalize("NFKD", ch.casefold()):
            if c.isalnum():
                chars.append(c)
                where.append(k)
    return "".join(chars), where


def test_folded_is_the_plain_folding():
    for text in TEXTS + ["".join(TEXTS)]:
        assert omission._folded(text) == _plain_folded(text)
        assert omission._folded_doc(text) == _plain_folded(text)


def _plain_masked(text: str, phrases: list[str]) -> str:
    low = text.casefold()
    chars = list(low)
    for p in sorted(phrases, key=len, reverse=True):
        p = p.casefold()
        for m in re.finditer(re.escape(p), low):
            for k in range(m.start(), m.end()):
                chars[k] = " "
    return "".join(chars)


def test_masked_is_the_plain_masking():
    phrases = ["not only", "No Doubt", "absent phrase", "n't", "不仅", "ne … que", "only"]
    for text in TEXTS + ["Not only did he not doubt it, no doubt: he isn't only NOT ONLY here", "不仅如此，不是"]:
        assert cues._masked(text, phrases) == _plain_masked(text, phrases)


def _plain_denials(text: str, lang: str) -> list[tuple[int, int]]:
    words = cues.cue_lists().get("denial", {}).get(lang, [])
    low = text.casefold()
    out: list[tuple[int, int]] = []
    for w in sorted(words, key=len, reverse=True):
        pat = re.escape(w) if lang == "zh" else r"(?<!\w)" + re.escape(w) + r"(?!\w)"
        for m in re.finditer(pat, low):
            if not any(s <= m.start() < e for s, e in out):
                out.append(m.span())
    return sorted(out)


def test_denials_are_the_plain_scan():
    texts = {"en": "The ministry denied it; he DENIES nothing and has not denied the denial.",
             "fr": "Le ministère a démenti, puis nie encore : il dément.",
             "zh": "外交部否认了这一说法，并予以驳斥。"}
    for lang, text in texts.items():
        assert cues.denials(text, lang) == _plain_denials(text, lang)
        assert cues.denials(text, lang), lang  # the sample texts do deny


def test_verdicts_are_match_entities_by_content():
    src_text = "Lex Fridman met Sam Altman and Lex Fridman again; Gemini and Xi Jinping."
    tgt_text = "Lex Fidman a vu Sam Altman ; Gémeaux et 习近平, Sam Altmann."
    src = [mention("a", src_text, s, "en", "entity", t) for s, t in
           [("Lex Fridman", "PER"), ("Sam Altman", "PER"), ("Gemini", "PRODUCT"), ("Xi Jinping", "PER")]]
    src.append(mention("a", src_text[30:], "Lex Fridman", "en", "entity", "PER"))  # same name, elsewhere
    tgt = [mention("b", tgt_text, s, "fr", "entity", t) for s, t in
           [("Lex Fidman", "PER"), ("Sam Altman", "PER"), ("Gémeaux", "PRODUCT"), ("习近平", "PER"),
            ("Sam Altmann", "PER")]]
    tgt.append(mention("b", tgt_text, "Gémeaux", "fr", "entity", "PRODUCT",
                       attrs={"alias_status": "mistranslation"}))  # same text, other content
    entities._VERDICTS.clear()
    for _ in range(2):  # cold, then from the cache
        got = entities._verdicts(src, tgt)
        assert set(got) == {(i, j) for i in range(len(src)) for j in range(len(tgt))}
        for (i, j), v in got.items():
            assert v == match_entities(src[i], tgt[j]), (src[i].text, tgt[j].text)
    relations = {v.relation for v in entities._verdicts(src, tgt).values()}
    assert {"same", "misspelled", "different"} <= relations  # the sample covers the kinds of verdict


def test_index_clip_is_np_clip():
    import numpy as np

    from rumorlens.align import _iclip

    rng = np.random.default_rng(7)
    for shape in [(5,), (3, 4), (2, 3, 7)]:
        x = rng.integers(-20, 40, size=shape)
        for lo, hi in [(0, 9), (0, 0), (0, -1), (3, 100)]:
            got, want = _iclip(x, lo, hi), np.clip(x, lo, hi)
            assert got.dtype == want.dtype and np.array_equal(got, want)
    assert _iclip(-3, 0, 5) == np.clip(-3, 0, 5) == 0 and _iclip(8, 0, 5) == 5


def test_weights_count_han_as_is_han_does():
    """One text weight serves clauses, page furniture and the checks."""
    from rumorlens import boilerplate, clauses
    from rumorlens.langs import is_han, text_weight

    assert clauses.text_weight is text_weight and boilerplate.text_weight is text_weight
    assert omission.text_weight is text_weight
    for text in TEXTS + ["  〇〆々 㐀 𠀀 中文 ＡＢ ", "\u3007\u2e80\u31c0\uf900"]:
        cjk = sum(1 for c in text if is_han(c))
        assert text_weight(text) == (len(text.strip()) - cjk) + 3 * cjk
        assert text_weight(text) == sum(3 if is_han(c) else 1 for c in text.strip())


def _plain_find(side, rendering):
    from rumorlens.compare.terms import _lemmas, _token_index

    want = _lemmas(rendering, side.lang)
    if not want:
        return []
    toks, by_lemma, by_folded = _token_index(side)
    folded = rendering.casefold()
    starts = set(by_lemma.get(want[0], ()))
    for end in [k for k, c in enumerate(folded) if c == " "] + [len(folded)]:
        starts.update(by_folded.get(folded[:end], ()))
    n = len(want)
    return [(toks[i].start, toks[i + n - 1].end) for i in sorted(starts) if i + n <= len(toks)
            and (tuple(w.lemma for w in toks[i:i + n]) == want
                 or " ".join(w.text.casefold() for w in toks[i:i + n]) == folded)]


def test_term_find_is_the_plain_lookup():
    from compare_helpers import pair as make_pair

    from rumorlens.compare.terms import bundled_glossary, find

    p = make_pair("Les modèles de langage sont entraînés ; l'entraînement du Modèle de Langage coûte cher.",
                  "Language models are trained; training the large language model, the Language Model, costs.",
                  "fr", "en")
    renderings = {r for t in bundled_glossary().terms for rs in t.renderings.values() for r in rs}
    renderings |= {"modèle de langage", "language model", "Language Model", "training", "entraînement", "  "}
    hits = 0
    for side in (p.src, p.tgt):
        for r in sorted(renderings):
            got = find(side, r)
            assert got == _plain_find(side, r), (side.lang, r)
            hits += bool(got)
    assert hits >= 4  # the sample does contain renderings


def test_sound_tests_kept_per_passage_are_the_plain_ones():
    from rapidfuzz import fuzz

    from rumorlens.compare.pair import Side
    from rumorlens.langs import HAN_RUN_RE
    from rumorlens.mentions import names

    text = "海地总统莫伊兹遇刺，普京和马克龙在重庆会谈。Haiti 的 OpenAI 与谷歌。"
    ms = [mention("b", text, s, "zh", "entity", t) for s, t in [("海地", "LOC"), ("普京", "PER"), ("马克龙", "PER")]]
    other = Side("b", "b.txt", "zh", text, 0, len(text), ["b:0"], ms)
    chars = names._translit_chars()
    plain_windows = [(w, syl) for w, syl in names._han_windows(text)
                     if any(w in m.text for m in ms) or sum(c not in chars for c in w) == 0]
    assert list(names._sound_windows(other)) == plain_windows and plain_windows
    romanized = names._romanized(text)
    assert {"".join(syl) for _, syl in names._han_windows(text) if len(syl) >= 2} <= romanized
    assert "zhongqing" in romanized  # 重庆 with 重's other reading (heteronyms: 大圩 is Daxu)
    for name in ["Haiti", "Putin", "Macron", "Chongqing", "Moise", "Zelensky", "Google"]:
        letters = "".join(c for c in names.fold(name) if "a" <= c <= "z")
        plain = any(fuzz.ratio(names.pinyin_letters(run[k:k + n]), letters) >= 75
                    for run in HAN_RUN_RE.findall(text) for n in (2, 3, 4) for k in range(len(run) - n + 1))
        assert names._sounded_in_han(name, text) == plain, name
    assert names._sounded_in_han("Haiti", text) and not names._sounded_in_han("Zelensky", text)
