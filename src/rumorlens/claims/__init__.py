"""Claims stage: how each sentence makes its claims.

For every sentence in Chinese, French or English, a :class:`ClaimProfile`
lists its clauses and, in each, the cues that say how sure the claim is
(hedges, modal verbs, the conditional mood), who asserts it (attribution),
when (tense), how strongly (degree), of how much (quantifiers) and what a
negation covers ("not only").  Lexicons are data: ``models/claims/<lang>.json``.

Public API:
    profile_text(text, lang, *, doc_id="", sentence=0, offset=0) -> ClaimProfile
    profile_document(doc, sentences) -> list[ClaimProfile]
    profile_documents([(doc, sentences), ...]) -> list[list[ClaimProfile]] (tokenized in shared batches)
    LANGS
"""
from __future__ import annotations

from .lexicon import LANGS
from .profile import profile_document, profile_documents, profile_text

__all__ = ["LANGS", "profile_document", "profile_documents", "profile_text"]
