"""The role one party plays for another, told as another role: 'backers'
against « propriétaires », 合作伙伴 against 'subsidiary', 'client' against
'supplier'.  Every name is kept; who controls or pays whom is not.

The roles are the rows of models/compare/roles.tsv (the glossary's format:
rumorlens.compare.terms, matched the same way; models/compare/roles.md says
how the rows were drawn).  A bead is reported when each side names a role
of a row the other side does not name, neither in the bead nor in the
sentences next to it: a side that adds or drops a role ('partner and
investor' / 'investor') is no change of role.  Reported as
``claim/role_changed``, medium.
"""
from __future__ import annotations

import functools

from ..paths import models_dir
from ..records import Finding
from .pair import AlignedPair, Side, make_finding, quote
from .terms import Glossary, Term, occurrences, read_table, source_hits


@functools.lru_cache(maxsize=1)
def role_table() -> Glossary:
    """models/compare/roles.tsv.  Raises terms.GlossaryError when it is malformed."""
    return read_table(models_dir() / "compare" / "roles.tsv", report_missing=False)


def _only_here(side: Side, other: Side, table: Glossary) -> list[tuple[Term, int, int]]:
    """The roles ``side`` names that ``other`` (with its neighbours) does not."""
    wide = other.widened()
    return [(t, a, b) for t, a, b in source_hits(side, table)
            if other.lang in t.renderings and not occurrences(wide, t.renderings[other.lang])]


def check_roles(pair: AlignedPair) -> list[Finding]:
    """``claim/role_changed`` findings of one bead (module docstring)."""
    if pair.src.empty or pair.tgt.empty:
        return []
    table = role_table()
    src_only, tgt_only = _only_here(pair.src, pair.tgt, table), _only_here(pair.tgt, pair.src, table)
    if not src_only or not tgt_only:
        return []
    (t1, a1, b1), (t2, a2, b2) = src_only[0], tgt_only[0]
    s, t = pair.src, pair.tgt
    expl = (f"The {pair.label(s)} gives the role {quote(s.text[a1:b1], 30)} ({t1.domain}); the {pair.label(t)} "
            f"gives {quote(t.text[a2:b2], 30)} ({t2.domain}), a different role.")
    ev = [s.evidence(s.start + a1, s.start + b1), t.evidence(t.start + a2, t.start + b2)]
    return [make_finding(pair, "claim", "role_changed", "medium", 0.55, ev, expl)]
