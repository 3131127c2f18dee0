"""Plain typed records that the pipeline stages exchange.

Every stage reads and writes these and nothing else: ingest -> segment ->
embed -> align -> mentions -> claims -> compare -> report.  Each record is a dataclass
that serializes to one JSON object (one line in a ``.jsonl`` file) and reads
back to an equal object, so a stage can run alone on the artifact of the
previous one (the Makefile pipeline relies on this).

Offsets (``start``/``end``) are always code-point offsets into
``Document.text`` (Python ``str`` indices), ``end`` exclusive.
"""
from __future__ import annotations

import copy
import dataclasses
import filecmp
import json
import os
import tempfile
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, TypeVar

from .errors import UserError
from .stopsignals import held

T = TypeVar("T")


# --------------------------------------------------------------------------
# generic (de)serialization


def to_dict(record: Any) -> dict:
    """A record as a plain JSON-ready dict (nested records included): the
    value of ``dataclasses.asdict(record)``, equal and of the same types.

    asdict deep-copies every leaf through ``copy.deepcopy``, even the
    strings and numbers it returns as they are: 6.5 s of CPU for the
    records a run of 10^4 sentences caches and writes (issue 12).  Here
    the fields of each class are read once and plain leaves (str, int,
    float, bool, None; immutable) are returned without a call; any other
    value goes the way asdict sends it."""
    if type(record) not in _FIELD_NAMES and not _is_record(record):
        raise TypeError("to_dict() should be called on dataclass instances")
    return _plain(record)


_LEAVES = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _is_record(value: Any) -> bool:
    """Is ``value`` a dataclass instance (its field names then known)?"""
    cls = type(value)
    if not dataclasses.is_dataclass(cls):
        return False
    _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return True


def _plain(value: Any) -> Any:
    """``value`` as ``dataclasses.asdict`` renders a field's value
    (Python 3.11's ``_asdict_inner`` with ``dict_factory=dict``)."""
    cls = type(value)
    if cls in _LEAVES:
        return value
    names = _FIELD_NAMES.get(cls)
    if names is not None or _is_record(value):
        # most fields are leaves: returned here, without a call (1.8 M calls at 10^4 sentences)
        out = {}
        for name in _FIELD_NAMES[cls]:
            v = getattr(value, name)
            out[name] = v if type(v) in _LEAVES else _plain(v)
        return out
    if cls is list:
        return [v if type(v) in _LEAVES else _plain(v) for v in value]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a namedtuple
        return cls(*[_plain(v) for v in value])
    if isinstance(value, (list, tuple)):
        return cls(_plain(v) for v in value)
    if isinstance(value, dict):
        return cls((_plain(k), _plain(v)) for k, v in value.items())
    return copy.deepcopy(value)


def _coerce(tp: Any, value: Any) -> Any:
    """Rebuild nested dataclasses from plain JSON values, guided by type hints."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin is typing.Union:  # Optional[X] and X | None
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _coerce(args[0], value) if len(args) == 1 else value
    if origin in (list, tuple):
        args = typing.get_args(tp)
        inner = args[0] if args else Any
        return [_coerce(inner, v) for v in value]
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return from_dict(tp, value)
    return value


def from_dict(cls: type[T], data: dict) -> T:
    """Build a record of type ``cls`` from a dict made by :func:`to_dict`.

    Unknown keys are ignored so that an older reader can read a newer file.
    """
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


def dumps(record: Any) -> str:
    """One record as one canonical JSON line (sorted keys: byte-stable output)."""
    return json.dumps(to_dict(record), ensure_ascii=False, sort_keys=True)


def write_jsonl(path: str | os.PathLike, records: Iterable[Any]) -> None:
    """Write records as JSON lines, atomically (a crash never leaves half a
    file), one line at a time (a large corpus's records never sit in memory
    as one string)."""
    atomic_write_chunks(path, (dumps(r) + "\n" for r in records))


def read_jsonl(path: str | os.PathLike, cls: type[T]) -> list[T]:
    return list(iter_jsonl(path, cls))


def iter_jsonl(path: str | os.PathLike, cls: type[T]) -> Iterator[T]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield from_dict(cls, json.loads(line))


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` atomically: see :func:`atomic_write_chunks`."""
    atomic_write_chunks(path, (text,))


def atomic_write_chunks(path: str | os.PathLike, chunks: Iterable[str]) -> None:
    """Write the concatenation of ``chunks`` to ``path`` through a temporary
    file and a rename, as UTF-8, without holding it all in memory.

    A file that already holds exactly these bytes is left untouched, so its
    modification time stays and ``make`` does not re-run the stages after it.
    A write that fails (no permission, read-only or full disk) leaves the
    previous file as it was, removes the temporary file and raises
    :class:`~rumorlens.errors.UserError` naming ``path``.  A lone surrogate
    (from a hostile file's front matter, say) is written as its \\uXXXX
    escape rather than failing the whole run at its end."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with stops_held():
            fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            buffer, size = [], 0
            for chunk in chunks:
                buffer.append(chunk)
                size += len(chunk)
                if size >= 1 << 20:
                    fh.write("".join(buffer).encode("utf-8", "backslashreplace"))
                    buffer, size = [], 0
            fh.write("".join(buffer).encode("utf-8", "backslashreplace"))
        if _same_bytes(tmp, path):
            _remove(tmp)
            return
        # mkstemp makes the file private (0600); give it the permissions a
        # plain open() would, so a report can be shared like any other file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        _remove(tmp)
        raise


def stops_held():
    """Ctrl-C, SIGTERM and SIGHUP wait until the block ends
    (rumorlens.stopsignals.held).  Around ``fd, tmp =
    tempfile.mkstemp(...)``: mkstemp makes the file before it returns its
    name, and a signal in between left an empty hidden file beside the
    report (a fresh user's break test, session 50); held, it is acted on
    once ``tmp`` is set, where the caller's clean-up removes the file."""
    return held()


def _same_bytes(new: str, old: Path) -> bool:
    try:
        return old.is_file() and filecmp.cmp(new, old, shallow=False)
    except OSError:
        return False


def _remove(tmp: Optional[str]) -> None:
    if tmp is not None:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def output_problem(path: str | os.PathLike) -> Optional[str]:
    """Why no file can be written at ``path``, seen from the path alone
    (nothing is created): it is a folder, a file stands where a folder is
    needed, or it is not a regular file; ``None`` when none of these."""
    path = Path(path)
    file_above = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if path.is_dir():
        return "it is a folder; give a file name"
    if file_above is not None:
        # mkdir would say "File exists", naming no file
        return f"{file_above} is a file, not a folder"
    if path.is_symlink() or (path.exists() and not path.is_file()):
        # a report written over /dev/null or a FIFO would replace the device
        # node with a regular file (the write is a rename); a link is not followed
        return "it is not a regular file (a device, pipe, socket or link); give a file path"
    return None


def check_writable(path: str | os.PathLike, what: str = "the output") -> None:
    """Raise :class:`~rumorlens.errors.UserError` unless a file can be
    written at ``path`` (its folder is made when missing): checked before a
    long run, not after it.  Creates and removes one small temporary file.
    Refused too: what :func:`output_problem` refuses."""
    path = Path(path)
    reason = output_problem(path)
    if reason is None:
        tmp = None
        try:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # not the file's fault: say which folder could not be made
                raise OSError(exc.errno, f"cannot make its folder {path.parent} ({exc.strerror or exc})") from None
            with stops_held():
                fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".check", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(b"rumorlens write check\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            reason = exc.strerror or str(exc)
        finally:
            _remove(tmp)
    if reason is not None:
        raise UserError(f"cannot write {what} to {path}: {reason}")


# --------------------------------------------------------------------------
# ingest and segment


@dataclass
class Paragraph:
    """A block of the document text (split on blank lines, or on single line
    breaks where the text has no blank lines) with its own language."""

    start: int
    end: int
    lang: str  # "zh", "fr", "en", or "und" when undecided (too short, no letters)


@dataclass
class Document:
    id: str  # stable and unique in its corpus: from ``path`` (see ingest.assign_ids)
    path: str  # relative to the corpus folder, "/"-separated, escaped when not valid UTF-8 (see path_note)
    lang: str  # main language of the document
    languages: list[str]  # every language seen in its paragraphs, main first
    text: str  # the text that all offsets point into
    format: str  # "txt", "md", "html"
    encoding: str  # encoding the file was decoded from
    title: Optional[str] = None
    date: Optional[str] = None  # publication date, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)
    source: Optional[str] = None  # source address when stated
    paragraphs: list[Paragraph] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)  # other front matter / header fields
    path_note: Optional[str] = None  # set when ``path`` had to be escaped (name not UTF-8, control characters)


@dataclass
class Sentence:
    id: str  # "<doc_id>:<index>"
    doc_id: str
    index: int  # 0-based position in the document
    start: int
    end: int
    text: str  # == document.text[start:end]
    lang: str  # language of the paragraph it sits in
    kind: str = "text"  # "text", "heading", "markup" (image/link-only line, rule, bare URL) or
    #                    "boilerplate" (page furniture: rumorlens.boilerplate)
    meta: dict = field(default_factory=dict)  # e.g. "cue": [start, end] in seconds (a subtitle cue's times)


# Sentence kinds that are not the article's content: aligned one-sided at
# little cost, kept out of the checks.
FURNITURE_KINDS = ("markup", "boilerplate")


@dataclass
class Skipped:
    """A file the run did not use, and why (reported, never silent)."""

    path: str
    reason: str
    path_note: Optional[str] = None  # set when ``path`` had to be escaped (see Document.path_note)


# --------------------------------------------------------------------------
# align


@dataclass
class Bead:
    """One aligned unit: sentence indices on each side (either may be empty)."""

    src: list[int]
    tgt: list[int]
    score: float = 0.0  # similarity of the two sides, 0 for one-sided beads
    # Clause alignment inside a bead of three sentences or more (rumorlens.clauses):
    # a list of [src_spans, tgt_spans], each span [start, end] in code points of the
    # document text, either list possibly empty (a clause with no counterpart).
    # None: the bead is one clause pair (1-1, one-sided, or not split).
    clauses: Optional[list] = None


@dataclass
class PairAlignment:
    src_doc: str
    tgt_doc: str
    beads: list[Bead]
    relation: str = ""  # e.g. "translation", "transcript", "retelling"
    score: float = 0.0  # document-pair score from grouping


@dataclass
class DocPairScore:
    """A candidate pair of documents (ids sorted): only pairs that share
    mutual sentence neighbours are scored and listed (see grouping).  score:
    the similarity-weighted ordered coverage of the shorter document;
    evidence: the figures the relation was read from."""

    a: str
    b: str
    score: float
    relation: str  # "translation", "transcript", "retelling", "same-language-version", "same_event" or "unrelated"
    evidence: dict = field(default_factory=dict)  # anchors counts, order agreement, ...


@dataclass
class DocGroup:
    """Documents that are versions of one article.  ``copies``: each member
    whose text is the same, character for character, as an earlier member's
    (by id), mapped to that member; a copy is aligned and checked through it
    only, never pair by pair (n copies would otherwise cost n^2 / 2 pairs
    that can find nothing)."""

    id: str
    docs: list[str]
    relation: str
    score: float
    copies: dict = field(default_factory=dict)


@dataclass
class AlignmentGroup:
    """One passage across every version of an article: sentence ids per document
    (a connected component of the pairwise beads)."""

    group: str  # DocGroup id
    index: int
    sentences: dict  # doc_id -> list of sentence indices


# --------------------------------------------------------------------------
# mentions


@dataclass
class Mention:
    """A number, quantity, date or entity found in a document, normalized so
    mentions compare across languages.

    ``kind`` is "number", "date" or "entity".  The remaining fields are used
    as the kind needs them; everything not listed goes in ``attrs``.
    """

    doc_id: str
    start: int
    end: int
    text: str
    lang: str
    kind: str
    type: str  # number: count|money|percent|multiplier|duration|ordinal|year;
    #            date: absolute|partial|relative; entity: PER|ORG|LOC|PRODUCT|MISC
    value: Any = None  # number: float; date: ISO string; entity: canonical id
    value_high: Any = None  # upper bound of a range
    unit: Optional[str] = None  # normalized unit or currency ("USD", "params", "month", ...)
    approx: Optional[str] = None  # "about", "over", "under", "nearly", ... or None for exact
    scale_word: Optional[str] = None  # the scale word as written ("亿", "milliard", "B", ...)
    alt_values: list = field(default_factory=list)  # other readings (long-scale false friend)
    ambiguous: bool = False
    granularity: Optional[str] = None  # date: year|month|day
    direction: Optional[str] = None  # relative date: past|future
    canonical: Optional[str] = None  # entity: canonical name from the gazetteer
    attrs: dict = field(default_factory=dict)


# --------------------------------------------------------------------------
# compare and report


# What a piece of evidence is to its finding (``Evidence.role``): None for
# what the finding is about (a figure, a name, a passage); "cue" for the word
# that triggers it (a negation, a hedge); "gap" for the place in a version
# where content present elsewhere would have been (a zero-length span at the
# insertion point); "context" for text shown for orientation (the sentences
# around a gap, the counterpart of a passage in another version, the passage
# a name or figure is missing from, the sentence a conflicting value stands in).
EVIDENCE_ROLES = ("cue", "gap", "context")


@dataclass
class Evidence:
    doc: str
    path: str
    start: int
    end: int
    text: str
    value: Any = None
    role: Optional[str] = None  # None, or one of EVIDENCE_ROLES


@dataclass
class Finding:
    id: str
    category: str  # number|entity|date|polarity|claim|omission|addition|meaning|conflict
    type: str
    severity: str  # high|medium|low
    confidence: float
    evidence: list[Evidence]
    explanation: str
    docs: list[str] = field(default_factory=list)  # the documents compared (the odd one out last, across versions)
    bead: Optional[int] = None  # index of the bead in its pair alignment
    passages: list[str] = field(default_factory=list)  # alignment rows ("group:index") its evidence falls in


CATEGORIES = ("number", "entity", "date", "polarity", "claim", "omission", "addition", "meaning", "conflict")
SEVERITIES = ("high", "medium", "low")


# --------------------------------------------------------------------------
# claims


CUE_KINDS = ("hedge", "modal", "attribution", "tense", "degree", "quantifier", "negation_scope", "condition", "status",
             "link", "scope", "antonym", "term")


# what a possibility is told with (ClaimCue.possibility)
_POSSIBILITY = frozenset({("modal", "possible"), ("modal", "able"), ("modal", "conditional"), ("modal", "necessary"),
                          ("hedge", "possible"), ("hedge", "probable")})


@dataclass
class ClaimCue:
    """A word or form that says how a claim is made: how sure (a hedge, a
    modal verb, the conditional mood), who asserts it (attribution), when
    (tense), how strongly (degree), of how much (quantifier), and what a
    negation covers (negation_scope).

    ``value`` is the grade or role: hedge reported|apparent|speculative|
    possible|probable|certain|denied; modal possible|conditional|future|
    necessary; attribution rumour|report|anonymous|author|named; tense
    future|completed|ongoing; degree intensifier|absolute|downtoner|
    comparative|superlative; quantifier universal|majority|some|few;
    negation_scope not_only|additive ("but also": only an equivalent); condition
    condition (if, « si », 如果: the claim holds only if); status alleged|
    established (a person's legal standing: 'suspect', « mis en examen »,
    嫌疑人 against 'convicted', 'culprit', 罪犯); link association|causation
    ('associated with' against 'causes'); scope animal|in_vitro|preliminary|
    unreviewed (what a study's result rests on: 'in mice', 'preprint') or
    partial (a claim that holds only sometimes: 'sometimes', « parfois », 有时)
    or exclusive (a claim limited to one thing: 'only', « seulement », 只).  ``source`` says where the cue comes from:
    "lexicon:<lang>" (models/claims/<lang>.json) or "spacy:<feature>" (a
    morphological feature or tag, e.g. "spacy:Mood=Cnd"); a source ending in
    ":weak" marks a cue that only answers a cue of the other version (a
    lexical superlative: "latest", 最 inside 最高法院) and is never reported alone;
    a quantifier's source has ":existential" (before any ":weak") when it is a
    small number that says some do ('a handful of', 少数; 'few' says not many);
    a degree cue's source has ":scale" (before any ":weak") when its word is a
    step of a graded scale of severity ('minor', « grièvement », 重伤);
    an attribution's source ends in ":indefinite" when only its determiner
    leaves it unnamed (« des associations ») and in ":common" when it is
    'named' without a proper noun (环保组织, 'the company')."""

    start: int  # offsets into Document.text
    end: int
    text: str
    kind: str  # one of CUE_KINDS ("antonym" and "term" are reserved for word-level checks)
    value: str
    source: str
    detail: str = ""  # attribution: the source as written ("rumours", "the company"); other kinds: marks (see ``marks``)

    @property
    def possibility(self) -> bool:
        """Does the cue tell a possibility: a modal verb of possibility or
        necessity ('may', 'could', « pourrait », 可以) or a hedge of
        possibility or probability (可能, 'perhaps')?"""
        return (self.kind, self.value) in _POSSIBILITY

    @property
    def marks(self) -> frozenset:
        """The words of ``detail`` for a cue other than an attribution:
        "subordinate" (a tense or modal cue in an adverbial or relative
        clause), "past" (a possibility about the past: 'may have chosen',
        « aurait pu », 可能选择了), "future" (a Chinese possibility of a time
        to come: 可能将, 可能会); claims.cues.mark_subordinate and
        past_possibility."""
        return frozenset(self.detail.split()) if self.kind != "attribution" else frozenset()


@dataclass
class ClaimClause:
    """A clause of a sentence (split at punctuation and conjunctions) with its cues."""

    start: int
    end: int
    cues: list[ClaimCue] = field(default_factory=list)


@dataclass
class ClaimProfile:
    """How one sentence makes its claims: its clauses and their cues."""

    doc_id: str
    sentence: int  # Sentence.index
    start: int
    end: int
    lang: str
    clauses: list[ClaimClause] = field(default_factory=list)
    # the sentence's words as the claims stage read them, [start, end, lemma,
    # tag] each (offsets into the document; lemma lower case; Universal POS for
    # fr/en, LAC's tag for zh): the checks read these rather than tag the
    # sentence again (rumorlens.lexicons.words.DocumentWords, issue 12)
    words: list[list] = field(default_factory=list)

    @property
    def cues(self) -> list[ClaimCue]:
        return [c for cl in self.clauses for c in cl.cues]
