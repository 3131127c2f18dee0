"""The entity gazetteer: canonical ids and their names across languages,
read from the TSV files in ``models/gazetteer/`` (id, type, lang, alias,
status).  It grows through those files, not through code.

Statuses: ``alias`` (a correct name), ``mistranslation`` and ``misspelling``
(known wrong renderings, so the checks can name them), and ``related``: a form
that shows the entity was rendered without being a name of its own (the
demonym "Chinese", the abbreviation 俄 in 俄总统).  Related forms are never
extracted as mentions; they only count as support when the checks ask
whether a name made it into the other version.  ``stands_for``: a name of
what the entity stands for in the press (a capital for its country's
government: « Pékin » for 中方): support for the entity's name, never the
reverse (意大利 is not rendered by "Rome")."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..langs import latin_only, strip_accents
from ..paths import models_dir

STATUSES = ("alias", "mistranslation", "misspelling", "related", "stands_for")
# forms that only count as support for a name, never extracted or looked up as one
SUPPORT_ONLY = ("related", "stands_for")


@dataclass(frozen=True)
class Alias:
    id: str
    type: str
    lang: str
    name: str
    status: str  # alias | mistranslation | misspelling | related | stands_for


@functools.lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """Matching form of a name: compatibility forms folded, no accents, lower
    case, one separator style.  Kept per name: a pure function, asked
    126,783 times for the names of 10^4 generated sentences (2.2 s)."""
    s = strip_accents(name).lower().replace("《", "").replace("》", "")
    s = re.sub(r"[\s·•・\-_.’']+", " ", s).strip()
    return s


def preferred(hits: list[Alias]) -> Alias:
    """Of several aliases spelled alike, a correct one wins over a recorded
    mistake; then the smallest id (deterministic)."""
    return sorted(hits, key=lambda a: (a.status != "alias", a.id))[0]


@dataclass
class Gazetteer:
    aliases: list[Alias]
    by_norm: dict  # norm(name) -> list[Alias]
    by_id: dict  # id -> list[Alias]

    def lookup(self, name: str) -> Optional[Alias]:
        hits = [a for a in self.by_norm.get(norm(name), ()) if a.status not in SUPPORT_ONLY]
        return preferred(hits) if hits else None

    @functools.cached_property
    def long_latin_norms(self) -> list[str]:
        """Normalized Latin-script names of 7+ characters: the candidates for
        near-spelling matches (built once, not on every lookup)."""
        return [k for k in self.by_norm if latin_only(k) and len(k) >= 7]

    def mention_names(self) -> list[str]:
        """The names that are extracted as mentions (not the related forms,
        nor what an entity stands for), longest first, then in order."""
        return sorted({a.name for a in self.aliases if a.status not in SUPPORT_ONLY},
                      key=lambda n: (-len(n), n))

    def ids_of(self, name: str) -> list[str]:
        """Every entity id ``name`` is a name or a related form of (sorted)."""
        return sorted({a.id for a in self.by_norm.get(norm(name), ()) if a.status != "stands_for"})

    def forms(self, entity_id: str) -> list[Alias]:
        """All names and related forms of an entity, and what it stands
        for; correct ones only."""
        return [a for a in self.by_id.get(entity_id, []) if a.status == "alias" or a.status in SUPPORT_ONLY]

    def canonical(self, entity_id: str) -> Optional[str]:
        """Display name: the first English alias of the id."""
        names = self.by_id.get(entity_id, [])
        for a in names:
            if a.status == "alias" and a.lang == "en":
                return a.name
        return names[0].name if names else None

    def type_of(self, entity_id: str) -> Optional[str]:
        names = self.by_id.get(entity_id)
        return names[0].type if names else None


@functools.lru_cache(maxsize=None)
def load(folder: Optional[str] = None) -> Gazetteer:
    root = models_dir() / "gazetteer" if folder is None else Path(folder)
    aliases: list[Alias] = []
    for path in sorted(root.glob("*.tsv")):
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) < 4:
                    raise ValueError(f"{path}:{n}: expected id, type, lang, alias[, status]")
                status = cols[4].strip() if len(cols) > 4 and cols[4].strip() else "alias"
                if status not in STATUSES:
                    raise ValueError(f"{path}:{n}: unknown status {status!r}")
                aliases.append(Alias(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip(), status))
    by_norm: dict = {}
    by_id: dict = {}
    for a in aliases:
        by_norm.setdefault(norm(a.name), []).append(a)
        by_id.setdefault(a.id, []).append(a)
    return Gazetteer(aliases, by_norm, by_id)
