"""Claim profiles: the cues of each sentence, grouped by clause."""
from __future__ import annotations

import re
from typing import Optional

from ..records import ClaimClause, ClaimCue, ClaimProfile, Document, Sentence
from .attribution import attribution_cues
from .cues import english_tag_cues, french_mood_cues, lexicon_cues, merge
from .lexicon import LANGS, load
from .tokens import Token, tokenize, tokenize_many

_CLAUSE_PUNCT = re.compile(r"[，,；;：:、—–()（）\n]+|(?<=[。！？.!?])\s")


def sentence_cues(text: str, lang: str, tokens: list[Token]) -> list[ClaimCue]:
    """Every claim cue of one sentence (offsets into ``text``)."""
    lex = load(lang)
    cues = attribution_cues(text, tokens, lex)
    if lang == "fr":
        cues += french_mood_cues(tokens, lex)
    elif lang == "en":
        cues += english_tag_cues(tokens)
    blocked = [m.span() for w in lex.extra.get("not_cues", []) for m in re.finditer(re.escape(w), text.casefold())]
    cues = [c for c in cues if not any(a <= c.start and c.end <= b for a, b in blocked)]
    cues = merge(lexicon_cues(text, tokens, lex) + cues, text)
    hedges = {c.start for c in cues if c.kind == "hedge"}
    # "very likely", "très probablement": the degree word grades the hedge, not the claim
    return [c for c in cues if not (c.kind == "degree" and _next_word_start(text, c.end) in hedges)]


def _next_word_start(text: str, end: int) -> int:
    return end + len(text[end:]) - len(text[end:].lstrip())


def clause_spans(text: str, lang: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Clauses of a sentence: cut at clause punctuation and before the
    language's clause-opening conjunctions (but, mais, 但是 ...), on token
    boundaries.  Offsets into ``text``, in order, without the spaces between clauses."""
    cuts = {0, len(text)}
    for m in _CLAUSE_PUNCT.finditer(text):
        cuts.add(m.end())
    starts = {t.start for t in tokens}
    low = text.casefold()
    for w in load(lang).clause_breaks:
        for m in re.finditer(re.escape(w.casefold()), low):
            if m.start() in starts and m.start() > 0:
                cuts.add(m.start())
    points = sorted(cuts)
    spans = []
    for a, b in zip(points, points[1:]):
        piece = text[a:b]
        if piece.strip():  # without the spaces around it
            spans.append((a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())))
    return spans or [(0, len(text))]


def profile_text(text: str, lang: str, *, doc_id: str = "", sentence: int = 0, offset: int = 0,
                 tokens: Optional[list[Token]] = None) -> ClaimProfile:
    """The claim profile of one sentence ``text`` in ``lang`` (zh, fr, en).
    Offsets in the profile are ``offset`` + offsets into ``text``; ``tokens``:
    its tokens when already found (tokens.tokenize_many), else found now.
    Raises KeyError for a language without a lexicon."""
    if lang not in LANGS:
        raise KeyError(lang)
    if tokens is None:
        tokens = tokenize(text, lang)
    cues = sentence_cues(text, lang, tokens)
    clauses = []
    for a, b in clause_spans(text, lang, tokens):
        inside = [c for c in cues if a <= c.start < b]
        for c in inside:
            c.start += offset
            c.end += offset
        clauses.append(ClaimClause(start=a + offset, end=b + offset, cues=inside))
    return ClaimProfile(doc_id=doc_id, sentence=sentence, start=offset, end=offset + len(text), lang=lang,
                        clauses=clauses)


def profile_document(doc: Document, sentences: list[Sentence]) -> list[ClaimProfile]:
    """One profile per text sentence of ``doc`` in a language with a lexicon
    (headings and markup lines and sentences in other languages get none).
    Offsets are into ``doc.text``."""
    todo = []
    for s in sentences:
        lang = s.lang if s.lang in LANGS else (doc.lang if s.lang == "und" else "")
        if s.kind == "text" and lang in LANGS:
            todo.append((s, lang))
    tokens: dict[int, list[Token]] = {}
    for lang in sorted({lang for _, lang in todo}):  # each language's sentences tokenized in batches
        same = [s for s, l in todo if l == lang]
        tokens.update(zip((s.index for s in same), tokenize_many([s.text for s in same], lang)))
    return [profile_text(s.text, lang, doc_id=doc.id, sentence=s.index, offset=s.start, tokens=tokens[s.index])
            for s, lang in todo]
