"""claims.tokens._spacy_tokens reads spaCy's analysis as one array: the
same tokens as the per-token attributes (``for t in doc``) give."""
from __future__ import annotations

import pytest

from rumorlens import spacy_models
from rumorlens.claims import tokens
from rumorlens.claims.tokens import Token


def _reference(doc) -> list[Token]:
    """The straightforward reading: one Token object per word and attribute."""
    out, index = [], {}
    for t in doc:
        if not t.is_space:
            index[t.i] = len(out)
            out.append(Token(start=t.idx, end=t.idx + len(t.text), text=t.text, pos=t.pos_, tag=t.tag_,
                             lemma=t.lemma_.casefold(), dep=t.dep_, head=t.head.i, morph=t.morph.to_dict()))
    for tok in out:
        tok.head = index.get(tok.head, -1)
    return out


TEXTS = {
    "fr": ["Selon le ministre, l'entreprise aurait perdu 3,5 millions d'euros en 2023.",
           "  Il  a dit :\n\n« Nous  ne savons pas. »  ", "Peut-être.", "", " ", "\n", "OpenAI GPT-5 ?!",
           "Les États-Unis auraient-ils vraiment cédé ? Non : ils n'ont jamais rien cédé du tout.",
           "À Paris,\tle 14 juillet 1789 —   la Bastille est prise."],
    "en": ["The company would probably have lost $3.5 million, officials said.",
           "  He said:\n\n\"We   don't know.\"  ", "Maybe.", "", "\t", "GPT-5?!",
           "Reportedly, the U.S. hadn't ceded anything at all; it never did.",
           "In Paris,\ton 14 July 1789 —   the Bastille fell.  "],
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_array_reading_gives_the_per_token_attributes(lang, corpus_dir):
    nlp = spacy_models.model(lang)
    texts = list(TEXTS[lang])
    # the sample corpus's lines too: every kind of word, space and punctuation
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines()[:40]]
    docs = list(nlp.pipe(texts, disable=spacy_models.disabled(lang, spacy_models.FOR_SYNTAX)))
    got = [tokens._spacy_tokens(t, lang, d) for t, d in zip(texts, docs)]
    assert got == [_reference(d) for d in docs]
    assert any(tok.morph for toks in got for tok in toks)
    assert any(t.is_space for d in docs for t in d[:-1])  # space tokens inside: later tokens and heads re-indexed


def test_morph_dicts_are_not_shared():
    a = tokens._spacy_tokens("Il aurait dit.", "fr")
    b = tokens._spacy_tokens("Il aurait dit.", "fr")
    assert a == b and a[1].morph
    a[1].morph["Mood"] = "changed"
    assert b[1].morph != a[1].morph
