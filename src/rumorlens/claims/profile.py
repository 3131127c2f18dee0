"""Claim profiles: the cues of each sentence, grouped by clause."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..hanzi import simplified_in_place
from ..quotations import quotations
from ..records import ClaimClause, ClaimCue, ClaimProfile, Document, Sentence
from .attribution import attribution_cues
from .cues import (chinese_intention_verbs, chinese_tense_future, condition_cues, english_reported_would, english_tag_cues, french_mood_cues,
                   lexicon_cues, mark_subordinate, merge, not_cue_spans, past_possibility, past_tense_cues,
                   present_tense_cues)
from .lexicon import LANGS, load
from .tokens import Token, analyse_many, tokenize

# a Latin comma, semicolon or colon ends a clause only before white space,
# as in rumorlens.clauses: 35,3 %, 1,200 jobs and 23:35 stay whole (a trial's
# degree finding quoted « 3 % sur les véhicules » out of « 35,3 % »)
_CLAUSE_PUNCT = re.compile(r"[，；：、—–()（）\n]+|[,;:]+(?=\s|$)|(?<=[。！？.!?])\s")


def sentence_cues(text: str, lang: str, tokens: list[Token]) -> list[ClaimCue]:
    """Every claim cue of one sentence (offsets into ``text``)."""
    lex = load(lang)
    cues = attribution_cues(text, tokens, lex)
    if lang == "fr":
        cues += french_mood_cues(tokens, lex)
    elif lang == "en":
        cues += english_tag_cues(tokens)
    cues += past_tense_cues(tokens, lang, lex) + present_tense_cues(tokens, lang, lex)
    cues += condition_cues(text, tokens, lex)
    if lang == "zh":
        cues += chinese_intention_verbs(text, tokens, lex)
    blocked = not_cue_spans(text, lex)
    cues = [c for c in cues if not any(a <= c.start and c.end <= b for a, b in blocked)]
    cues = merge(lexicon_cues(text, tokens, lex) + cues, text)
    if lang == "en":
        cues = english_reported_would(cues, tokens, lex)
    cues = past_possibility(mark_subordinate(cues, tokens, lex), tokens, lang, lex)
    if lang == "zh":
        cues = chinese_tense_future(cues, tokens, lex)
    hedges = [(c.start, c.end) for c in cues if c.kind == "hedge"]
    cues = [c for c in cues if not (c.kind == "degree" and _grades_a_hedge(c, text, hedges))]
    if lang == "zh":
        cues = [c for c in cues if not _predicate_adverb(c, tokens)]
    return cues


def _grades_a_hedge(c: ClaimCue, text: str, hedges: list[tuple[int, int]]) -> bool:
    """Does the degree cue grade a hedge rather than the claim: right before
    it ("very likely", « très probablement ») or inside it ('most likely',
    可能性很小)?  ``hedges``: the hedge cues' spans."""
    nxt = _next_word_start(text, c.end)
    return any(a == nxt or a <= c.start and c.end <= b for a, b in hedges)


def _predicate_adverb(c: ClaimCue, tokens: list[Token]) -> bool:
    """A Chinese degree adverb (LAC tag d) that ends its clause grades
    nothing: it is a predicate of its own (与 GPT-4o 相当, "on a par with
    GPT-4o", not 相当 "quite").  A degree adverb precedes the word it
    grades (张谊生 2000, 《现代汉语副词研究》: 程度副词 modify a following
    predicate)."""
    if c.kind != "degree":
        return False
    k = next((i for i, t in enumerate(tokens) if t.start == c.start and t.end == c.end), None)
    if k is None or tokens[k].pos != "d":
        return False
    return k + 1 >= len(tokens) or tokens[k + 1].pos == "w"


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
    ends = {t.end for t in tokens}
    low = text.casefold()
    for w in load(lang).clause_breaks:
        w = w.casefold()
        if w not in low:
            continue
        for m in re.finditer(re.escape(w), low):
            # whole words only: « car » opens a clause, « carnets » does not
            if m.start() in starts and m.start() > 0 and (lang == "zh" or m.end() in ends):
                cuts.add(m.start())
    points = sorted(cuts)
    spans = []
    for a, b in zip(points, points[1:]):
        piece = text[a:b]
        if piece.strip():  # without the spaces around it
            spans.append((a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())))
    return spans or [(0, len(text))]


# between a quotation and its speaker: punctuation, and a few words of the
# speaker's title ("…," chief executive Hélène Marchetti told), no sentence end
_BETWEEN_QUOTE_AND_SOURCE = re.compile(r"[\s,，:：]*(?:[^\s.!?。！？;；]+\s+){0,4}")


def _quoted_attribution(text: str, spans: list[tuple[int, int]], cues: list[ClaimCue]) -> dict[int, list[ClaimCue]]:
    """The attribution cues each clause (index into ``spans``) holds through
    a quotation: a clause inside a quotation whose speaker is named right
    after it (« …, mais … », a déclaré X; "…," X told) or right before it
    (X said: "…") is that speaker's, like the clause holding the cue; a
    clause that has an attribution of its own keeps only it."""
    quotes = quotations(text)
    out: dict[int, list[ClaimCue]] = {}
    if not quotes:
        return out
    own = {k for k, (a, b) in enumerate(spans) if any(a <= c.start < b and c.kind == "attribution" for c in cues)}
    for c in (c for c in cues if c.kind == "attribution"):
        for qa, qb in quotes:
            if qa <= c.start < qb:
                break  # an attribution inside the quotation is the quoted speaker's own
            after = qb <= c.start and _BETWEEN_QUOTE_AND_SOURCE.fullmatch(text, qb, c.start)
            before = c.end <= qa and _BETWEEN_QUOTE_AND_SOURCE.fullmatch(text, c.end, qa)
            if after or before:
                for k, (a, b) in enumerate(spans):
                    if qa <= a and b <= qb + 1 and k not in own:  # the clause may end on the mark and its comma
                        out.setdefault(k, []).append(c)
    return out


def profile_text(text: str, lang: str, *, doc_id: str = "", sentence: int = 0, offset: int = 0,
                 tokens: Optional[list[Token]] = None, words: tuple = ()) -> ClaimProfile:
    """The claim profile of one sentence ``text`` in ``lang`` (zh, fr, en).
    Offsets in the profile are ``offset`` + offsets into ``text``; ``tokens``:
    its tokens when already found (tokens.tokenize_many), else found now;
    ``words``: its words (lexicons.words.Word, tokens.analyse_many) to keep
    in the profile.  Raises KeyError for a language without a lexicon."""
    if lang not in LANGS:
        raise KeyError(lang)
    if tokens is None:
        tokens = tokenize(text, lang)
    # one cue object can be listed twice (the same word read by two rules):
    # shifted copies, each cue once, so no offset is added twice
    cues = list({id(c): c for c in sentence_cues(_read(text, lang), lang, tokens)}.values())
    cues = [c if text[c.start:c.end] == c.text else replace(c, text=text[c.start:c.end]) for c in cues]
    spans = clause_spans(text, lang, tokens)
    quoted = _quoted_attribution(text, spans, cues)
    clauses = []
    for k, (a, b) in enumerate(spans):
        inside = [replace(c, start=c.start + offset, end=c.end + offset)
                  for c in cues if a <= c.start < b or c in quoted.get(k, ())]
        clauses.append(ClaimClause(start=a + offset, end=b + offset, cues=inside))
    return ClaimProfile(doc_id=doc_id, sentence=sentence, start=offset, end=offset + len(text), lang=lang,
                        clauses=clauses, words=[[w.start + offset, w.end + offset, w.lemma, w.pos] for w in words])


def _read(text: str, lang: str) -> str:
    """The text the cue lexicons read: Chinese in simplified characters, at
    the same offsets (the lexicons list simplified cues: 據報導, 估計, 也許
    were no hedges, a fresh user's trial of session 61); the cues keep the
    page's characters."""
    return simplified_in_place(text) if lang == "zh" else text


def profile_document(doc: Document, sentences: list[Sentence]) -> list[ClaimProfile]:
    """One profile per text sentence of ``doc`` in a language with a lexicon
    (headings and markup lines and sentences in other languages get none).
    Offsets are into ``doc.text``."""
    return profile_documents([(doc, sentences)])[0]


def _to_profile(doc: Document, sentences: list[Sentence]) -> list[tuple[Sentence, str]]:
    """The sentences of ``doc`` that get a profile, with their language."""
    todo = []
    for s in sentences:
        lang = s.lang if s.lang in LANGS else (doc.lang if s.lang == "und" else "")
        if s.kind == "text" and lang in LANGS:
            todo.append((s, lang))
    return todo


def profile_documents(items: list[tuple[Document, list[Sentence]]]) -> list[list[ClaimProfile]]:
    """:func:`profile_document` of each (document, its sentences) of
    ``items``, the sentences of all of them tokenized in shared batches per
    language (tokens.tokenize_many: a sentence's analysis does not depend on
    the batch it is read in)."""
    todo = [_to_profile(doc, sentences) for doc, sentences in items]
    flat = [(k, s, lang) for k, doc_todo in enumerate(todo) for s, lang in doc_todo]
    read: dict[tuple[int, int], tuple] = {}
    for lang in sorted({lang for _, _, lang in flat}):  # each language's sentences tokenized in batches
        same = [(k, s) for k, s, l in flat if l == lang]
        read.update(zip(((k, s.index) for k, s in same), analyse_many([s.text for _, s in same], lang)))
    return [[profile_text(s.text, lang, doc_id=doc.id, sentence=s.index, offset=s.start, tokens=read[k, s.index][0],
                          words=read[k, s.index][1])
             for s, lang in doc_todo] for k, ((doc, _), doc_todo) in enumerate(zip(items, todo))]
