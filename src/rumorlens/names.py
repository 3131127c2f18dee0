"""Readable names for the documents and articles of a report.

A document is shown by its title, its language and where it comes from;
its path is what a pointer hovering over the name shows.  A transcript has
no title of its own (the first line of a video transcript is its first
clause), so it is named "<language> transcript: <first words>…".  An
article (a group of versions) is named by the title its versions share.
Everything here reads the report's plain dicts, so the HTML view, the
digest and the exports name things the same way.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Optional

from .langs import CJK_RE, URL_RE, lang_name, source_host

# Share of a document's lines without closing punctuation above which the
# more line-like side of a "transcript" pair is the transcript: the sample
# corpus's transcript has 0.96 of its first 200 lines so, its articles at
# most 0.54 (rumorlens.grouping reads line-likeness the same way).
TRANSCRIPT_LINE_SHARE = 0.6
_CLOSING = tuple(".!?。！？…\"»”’)）")
SUBTITLE_FORMATS = ("srt", "vtt")
FIRST_WORDS = 6  # Latin words in a name made of a text's first words
FIRST_CJK_CHARS = 16  # ...or Chinese characters
TITLE_CHARS = 80  # a title longer than this is cut
_LEADING_NON_WORDS = re.compile(r"^(?:[^\w\s]+\s+)+")
_MARKUP = re.compile(r"^\s*(?:!?\[[^\]]*\]\([^)]*\)|<[^>]+>|" + URL_RE.pattern + r")\s*$")


def line_share(text: str, most: int = 200) -> float:
    """Share of the first ``most`` non-blank lines that end without closing
    punctuation."""
    lines = [ln.strip() for ln in text.split("\n", 4 * most)[:4 * most] if ln.strip()][:most]
    return sum(1 for ln in lines if not ln.endswith(_CLOSING)) / len(lines) if lines else 0.0


def first_words(text: str) -> str:
    """The first words of a text's first line of prose (markup lines and
    heading marks skipped), with "…" when there is more."""
    lines = [ln.strip().lstrip("#").strip() for ln in text.split("\n", 50)[:50]]
    flat = " ".join(ln for ln in lines if ln and not _MARKUP.match(ln))
    flat = _LEADING_NON_WORDS.sub("", flat)  # "[...] The development" starts at "The"
    if CJK_RE.search(flat[:FIRST_CJK_CHARS]):
        cut = flat[:FIRST_CJK_CHARS]
    else:
        cut = " ".join(flat.split()[:FIRST_WORDS])
    return cut + ("…" if len(cut) < len(flat) else "")


def _cut(text: str, most: int = TITLE_CHARS) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def source_name(source: Optional[str]) -> str:
    """The site a source address names (langs.source_host), or the source
    as written (cut) when it is not an address."""
    return source_host(source) or (_cut(source, 40) if source else "")


# More versions of one language than this, named in one sentence, are
# counted ("80 of the 95 English versions"), not listed one by one.
MAX_NAMED = 3


class Names:
    """Names of the documents and groups of one report (a dict)."""

    def __init__(self, report: dict):
        self.docs = {str(d.get("id")): d for d in report.get("documents") or []}
        self.groups = {str(g.get("id")): g for g in report.get("groups") or []}
        self.group_of = {str(d): gid for gid, g in self.groups.items() for d in g.get("docs") or []}
        self.transcripts = self._transcripts(report)
        self._names = {i: self._name(i) for i in self.docs}

    def _transcripts(self, report: dict) -> set[str]:
        """Subtitle files, and the line-like side of every transcript pair."""
        out = {i for i, d in self.docs.items() if d.get("format") in SUBTITLE_FORMATS}
        for p in report.get("pairs") or []:
            if p.get("relation") != "transcript":
                continue
            sides = [str(p.get("src_doc")), str(p.get("tgt_doc"))]
            shares = {s: line_share(self.docs[s].get("text") or "") for s in sides if s in self.docs}
            if shares:
                best = max(sorted(shares), key=shares.__getitem__)
                if shares[best] > TRANSCRIPT_LINE_SHARE:
                    out.add(best)
        return out

    def _name(self, doc_id: str) -> str:
        d = self.docs[doc_id]
        text, title = d.get("text") or "", (d.get("title") or "").strip()
        if doc_id in self.transcripts:
            # a guessed title is the transcript's first line: not a title
            if not title or text.lstrip().startswith(title):
                return f"{lang_name(d.get('lang') or '')} transcript: {first_words(text)}"
        if title:
            return _cut(title)
        return first_words(text) or str(d.get("path") or doc_id)

    def name(self, doc_id: str) -> str:
        """The document's title, a transcript's "<language> transcript:
        <first words>…", or its first words when it has no title."""
        return self._names.get(doc_id, doc_id)

    def label(self, doc_id: str) -> str:
        """Name · language · source host (what a list of documents shows)."""
        d = self.docs.get(doc_id)
        if d is None:
            return doc_id
        parts = [self.name(doc_id), lang_name(d.get("lang") or "")]
        host = source_name(d.get("source"))
        if host:
            parts.append(host)
        return " · ".join(parts)

    def path(self, doc_id: str) -> str:
        d = self.docs.get(doc_id)
        return str(d.get("path") or doc_id) if d else doc_id

    def group_name(self, group_id: Optional[str]) -> str:
        """The title the group's versions share: a title equal to another
        version's, or named in another version's text (a transcript that
        reads out the article's title); else the first version's name."""
        g = self.groups.get(str(group_id))
        if g is None:
            return str(group_id)
        members = [str(m) for m in g.get("docs") or [] if str(m) in self.docs]
        best, best_score = None, 0
        for m in members:
            title = (self.docs[m].get("title") or "").strip()
            if not title or (m in self.transcripts and self.name(m) != _cut(title)):
                continue
            key = _fold(title)
            score = sum(1 for o in members if o != m and (
                _fold(self.docs[o].get("title") or "") == key or key in _fold(self.docs[o].get("text") or "")))
            if score > best_score:
                best, best_score = title, score
        if best is not None:
            return _cut(best)
        return self.name(members[0]) if members else str(group_id)

    def phrase(self, doc_ids: Iterable[str], within: Optional[Iterable[str]] = None) -> str:
        """How a sentence names some versions among the versions ``within``
        (default: their group): "the French", "both Chinese versions", "the
        Chinese transcript", "the English of asiae.co.kr and the French"."""
        doc_ids = [d for d in dict.fromkeys(doc_ids) if d in self.docs]
        if within is None:
            within = [m for d in doc_ids for m in (self.groups.get(self.group_of.get(d, ""), {}).get("docs") or [d])]
        within = list(dict.fromkeys(list(within) + doc_ids))
        by_lang: dict[str, list[str]] = {}
        for d in doc_ids:
            by_lang.setdefault(self.docs[d].get("lang") or "", []).append(d)
        parts = []
        for lang, ds in by_lang.items():
            same = [w for w in within if w in self.docs and (self.docs[w].get("lang") or "") == lang]
            language = lang_name(lang)
            if len(ds) == len(same):
                parts.append(f"the {language}" if len(ds) == 1 else
                             f"both {language} versions" if len(ds) == 2 else f"all {len(ds)} {language} versions")
            elif len(ds) > MAX_NAMED:  # a story in many versions: a count, not a list no one reads
                parts.append(f"{len(ds)} of the {len(same)} {language} versions")
            else:
                parts.extend(self._one_of_a_language(d, language, same) for d in ds)
        return _join(parts)

    def _one_of_a_language(self, doc_id: str, language: str, same: list[str]) -> str:
        """One version among others of its language (``same``)."""
        if doc_id in self.transcripts:
            return f"the {language} transcript"
        if all(o in self.transcripts for o in same if o != doc_id):
            return f"the {language} article"
        d = self.docs[doc_id]
        others = [self.docs[o] for o in same if o != doc_id]
        title = (d.get("title") or "").strip()
        if title and not any(_cut(title, 40) == _cut((o.get("title") or "").strip(), 40) for o in others):
            return f"the {language} «{_cut(title, 40)}»"
        host = source_name(d.get("source"))
        if host and not any(source_name(o.get("source")) == host for o in others):
            return f"the {language} of {host}"
        # no title or site of its own among the versions: its file tells it apart
        return f"the {language} of {str(d.get('path') or doc_id).rsplit('/', 1)[-1]}"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def plural(n: int, one: str, many: Optional[str] = None) -> str:
    """``"1 group"``, ``"2 groups"``, ``"0 groups"`` (``many`` for irregular plurals)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
