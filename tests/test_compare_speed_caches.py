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
