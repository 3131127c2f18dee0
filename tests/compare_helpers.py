"""Hand-built aligned pairs and mentions for the compare tests."""
from __future__ import annotations

from rumorlens.compare import AlignedPair, PairStats, Side
from rumorlens.records import Mention


def mention(doc: str, text: str, snippet: str, lang: str, kind: str, type_: str, value=None, **kw) -> Mention:
    start = text.index(snippet)
    return Mention(doc_id=doc, start=start, end=start + len(snippet), text=snippet, lang=lang, kind=kind,
                   type=type_, value=value, **kw)


def pair(src: str, tgt: str, src_lang: str, tgt_lang: str, src_m=(), tgt_m=(), similarity=0.8,
         stats: PairStats | None = None, bead=0, phrase_similarity=None) -> AlignedPair:
    return AlignedPair(
        src=Side("a", "a.txt", src_lang, src, 0, len(src), ["a:0"], list(src_m)),
        tgt=Side("b", "b.txt", tgt_lang, tgt, 0, len(tgt), ["b:0"], list(tgt_m)),
        similarity=similarity, bead=bead, stats=stats or PairStats(), phrase_similarity=phrase_similarity,
    )


def profiled(src: str, tgt: str, src_lang: str, tgt_lang: str) -> AlignedPair:
    """:func:`pair` with each side's claim profile (the claims stage), for the claim checks."""
    from rumorlens.claims import profile_text

    p = pair(src, tgt, src_lang, tgt_lang)
    p.src.claims = [profile_text(p.src.text, src_lang)]
    p.tgt.claims = [profile_text(p.tgt.text, tgt_lang)]
    return p


def one_sided(text: str, lang: str, missing_side: str = "tgt", bead=0, mentions=()) -> AlignedPair:
    full = Side("a", "a.txt", lang, text, 0, len(text), ["a:0"], list(mentions))
    empty = Side("b", "b.txt", "en", "", 0, 0, [], [])
    if missing_side == "tgt":
        return AlignedPair(src=full, tgt=empty, bead=bead)
    full = Side("b", "b.txt", lang, text, 0, len(text), ["b:0"], list(mentions))
    return AlignedPair(src=Side("a", "a.txt", "zh", "", 0, 0, [], []), tgt=full, bead=bead)


def checked_findings(src: str, tgt: str, src_lang: str, tgt_lang: str, encoder=None) -> list[dict]:
    """The findings ``rumorlens check-pairs`` gives for one sentence pair
    (compare.sentence_pairs.check_rows with the real mentions and claims
    stages; ``encoder``: None for the rules alone), as dicts."""
    from rumorlens.claims.profile import profile_text
    from rumorlens.compare.sentence_pairs import check_rows
    from rumorlens.ingest import detect_language
    from rumorlens.mentions import extract_text

    # the real detector: check_rows sets it against the codes given (a French
    # row whose text reads as English is refused), as check-pairs does
    (out,) = check_rows([{"id": 1, "src": src, "tgt": tgt, "src_lang": src_lang, "tgt_lang": tgt_lang}],
                        extract=lambda t, l: extract_text(t, l), detect=detect_language,
                        profile=lambda t, l: profile_text(t, l), encoder=encoder)
    assert "error" not in out, out["error"]
    return out["findings"]


def finding_kinds(src: str, tgt: str, src_lang: str, tgt_lang: str) -> list[tuple[str, str, str]]:
    """(category, severity, type) of each finding :func:`checked_findings` gives."""
    return [(f["category"], f["severity"], f["type"]) for f in checked_findings(src, tgt, src_lang, tgt_lang)]
