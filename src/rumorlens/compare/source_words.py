"""Who vouches for a claim, read from the source's own words: 'participants
said' against « des médecins ont signalé », 村民表示 against 'officials
said', 'police said' against 'the organisers said'.

:func:`check_source_words`: both versions credit the claim to a group named
by common nouns (the claims stage's attribution cues ``named`` of source
``:common``, no proper noun, or ``anonymous`` of source ``:indefinite``,
unnamed by the determiner alone: 'some participants', « des médecins »),
no source kind of models/compare/sources.json names a named source on both
sides (compare.claims.check_source compares those), no side names an
institution's people without saying which ('officials', 官方: sources.json
``generic``) against a listed kind, another such word or an institution
(« le service », 部门: sources.json ``institution``) on the other,
and no noun of either source has a counterpart among the nouns of the
other version's sources, in its bead or the sentences next to it: a noun a dictionary ties
to it, the same lemma in one language, or a noun the encoder puts at
``source_noun_min_similarity`` or more (models/thresholds/checks.json; the
words in lower case).
Reported as ``attribution_changed``, medium (low for a spoken or loose
version, compare.claims._loose).  Without an encoder the check is off:
the dictionaries alone leave too many nouns untied ('investigators' /
« enquêteurs »).

A source with a proper noun is left to the entity checks.

Session 43: a fresh helper's break test wrote source changes between
groups sources.json does not list (participants / doctors, residents /
the mayor, 村民 / « des médecins »); check_source, which reads only its
listed kinds, reported none of them.
"""
from __future__ import annotations

from ..lexicons.dictionaries import tied
from ..lexicons.words import Word, is_content, word_lists
from ..records import ClaimCue, Finding
from .claims import (_label, _loose, _names_word, claim_finding, cue_words, per_clause, side_cues, source_kinds,
                     source_lists)
from .pair import AlignedPair, Side
from .phrasesim import prefetch
from .thresholds import thresholds


def _common_sources(side: Side) -> list[ClaimCue]:
    """The side's attribution cues naming a group with common nouns only:
    named ('the police said', 村民表示) or left unnamed by its determiner
    alone ('some participants', « des médecins »: the claims stage's
    ``:indefinite``), whose nouns still say who speaks."""
    return [c for c in side_cues(side) if c.kind == "attribution"
            and (c.value == "named" and c.source.endswith(":common")
                 or c.value == "anonymous" and c.source.endswith(":indefinite"))]


def _generic(cue: ClaimCue, lang: str) -> bool:
    """Does the cue's source name an institution's people without saying
    which ('officials', « les autorités », 官方: sources.json generic)?"""
    low = cue.text.casefold()
    return any(_names_word(low, w, lang) for w in source_lists().get("generic", {}).get(lang, ()))


def _institution(cue: ClaimCue, lang: str) -> bool:
    """Does the cue's source name an institution or one of its bodies ('the
    department', « le service », 部门: sources.json institution), through
    whose officials it speaks?"""
    low = cue.text.casefold()
    return any(_names_word(low, w, lang) for w in source_lists().get("institution", {}).get(lang, ()))


def _qualified_apart(sides: list[tuple[Side, list[ClaimCue]]]) -> bool:
    """Do both sources carry qualifiers (content words other than the
    generic or institution word itself: 'Russian', « renseignement »,
    « ukrainiens ») of which no two a dictionary ties (lexicons.dictionaries.tied:
    shared English keys, a cognate)?"""
    quals = []
    for side, cs in sides:
        lists = [source_lists().get(k, {}).get(side.lang, ()) for k in ("generic", "institution")]
        heads = {w.casefold() for ws in lists for w in ws}
        quals.append([w for w in side.words() if is_content(w, side.lang) and w.text.casefold() not in heads
                      and any(c.start <= side.start + w.start and side.start + w.end <= c.end for c in cs)])
    (a, (sa, _)), (b, (sb, _)) = zip(quals, sides)
    return bool(a) and bool(b) and not any(tied(x, sa.lang, y, sb.lang) for x in a for y in b)


def _nouns_in(side: Side, cues: list[ClaimCue]) -> list[Word]:
    """The nouns of ``side`` inside ``cues`` (the source's words: the cue
    spans the source and its verb or frame)."""
    nouns = frozenset(word_lists()["noun_pos"].get(side.lang, ()))
    return [w for w in side.words() if w.pos in nouns
            and any(c.start <= side.start + w.start and side.start + w.end <= c.end for c in cues)]


def _answered(nouns: list[Word], lang: str, other: Side, theirs_in_cues: list[Word], sim) -> bool:
    """Does a noun of ``other`` name what one of ``nouns`` names: a noun of
    its sources (``theirs_in_cues``) or of the sources of the sentences
    next to it (a boundary moved)?  Not any noun of its bead, nor of its
    neighbours: « les manifestants » is not answered by 'the protest' the
    claim is about, nor « des salariés » by 'the company said' two
    sentences on."""
    near_cues = [c for c in side_cues(other, near=True, inside=False) if c.kind == "attribution"]
    theirs = theirs_in_cues + (_nouns_in(other.widened(), near_cues) if near_cues else [])
    if any(tied(a, lang, b, other.lang) for a in nouns for b in theirs):
        return True
    if not theirs or lang == other.lang:
        return False
    # lower case: the encoder puts 'Officials' further from « autorités » (0.50) than 'officials' (0.66)
    texts = [w.text.casefold() for w in nouns], [w.text.casefold() for w in theirs]
    prefetch(sim, texts[0] + texts[1])
    least = thresholds()["source_noun_min_similarity"]
    return any(sim(a, b) >= least for a in texts[0] for b in texts[1])


def check_source_words(pair: AlignedPair) -> list[Finding]:
    """See the module docstring."""
    if pair.src.empty or pair.tgt.empty:
        return []
    cues = [_common_sources(pair.src), _common_sources(pair.tgt)]
    if not cues[0] or not cues[1]:
        return []
    # check_source compares the listed kinds of named sources
    known = [any(c.value == "named" and source_kinds(c, s.lang) for c in cs) for s, cs in zip((pair.src, pair.tgt), cues)]
    if all(known):
        return []
    # 'officials', 官方: some institution's people, set only against a group that is none
    sides = list(zip((pair.src, pair.tgt), cues))
    generic = [any(_generic(c, s.lang) for c in cs) for s, cs in sides]
    if any(generic) and all(g or k for g, k in zip(generic, known)):
        return []
    # or against an institution of the same qualifiers ('Local environmental officials' /
    # « Le service local de protection de l'environnement »; not 'Russian officials' /
    # « les services de renseignement ukrainiens »)
    body = [any(_institution(c, s.lang) for c in cs) for s, cs in sides]
    if any(generic) and all(g or k or b for g, k, b in zip(generic, known, body)) and not _qualified_apart(sides):
        return []
    nouns = [_nouns_in(pair.src, cues[0]), _nouns_in(pair.tgt, cues[1])]
    if not nouns[0] or not nouns[1]:
        return []
    sim = pair.phrase_similarity
    if sim is None:
        return []  # the dictionaries alone leave too many nouns untied to tell a new source from a paraphrase
    if _answered(nouns[0], pair.src.lang, pair.tgt, nouns[1], sim) \
            or _answered(nouns[1], pair.tgt.lang, pair.src, nouns[0], sim):
        return []
    expl = (f"The {_label(pair, pair.src)} credits this to {', '.join(w.text for w in nouns[0])} "
            f"({cue_words(cues[0])}); the {_label(pair, pair.tgt)} to {', '.join(w.text for w in nouns[1])} "
            f"({cue_words(cues[1])}): another source vouches for it.")
    severity, conf = ("low", 0.4) if _loose(pair) else ("medium", 0.5)
    return [claim_finding(pair, "attribution_changed", severity, conf, pair.src, cues[0], pair.tgt, cues[1], expl)]


SOURCE_WORD_CHECKS = (per_clause(check_source_words),)
