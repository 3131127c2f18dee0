"""Bilingual files for ``rumorlens check-pairs``: XLIFF 1.2 and 2.0, and TMX,
read with translate-toolkit (GPL-3.0-or-later; the optional extra
``rumorlens[xliff]``).

Each segment becomes one check-pairs row (the dict a JSON line would give):
``id`` from the file (XLIFF 1.2: the trans-unit's ``id``; XLIFF 2.0:
``unit::segment`` as translate-toolkit names it; TMX: the ``tuid``, else
``tu-N``, N counting from 1 in file order), ``src`` and ``tgt``: the text
that is compared, with the inline tags (XLIFF ``<g>``, ``<x/>``, ``<pc>``,
``<ph/>``...; TMX ``<bpt>``, ``<ept>``, ``<ph>``...) left out, and
``src_markup``/``tgt_markup``: the same content with its tags, as in the
file, for the output.  Languages come from the file when rumorlens handles
them (``zh-CN`` -> ``zh``) and are detected otherwise.  Rows keep the
file's segment order.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.dom import XML_NAMESPACE
from typing import Optional

from .langs import base_language

XLIFF_SUFFIXES = (".xlf", ".xliff")
TMX_SUFFIXES = (".tmx",)
SUFFIXES = XLIFF_SUFFIXES + TMX_SUFFIXES
XML_LANG = "{%s}lang" % XML_NAMESPACE  # xml:lang
# TMX inline elements whose content is the original format's code, not text (TMX 1.4b, section 3.7)
TMX_CODE_TAGS = ("bpt", "ept", "it", "ph", "ut")
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


class BilingualError(ValueError):
    """The file cannot be read as XLIFF or TMX; the message names it and says why."""


def is_bilingual(path: Path) -> bool:
    return Path(path).suffix.casefold() in SUFFIXES


def _lang(code: Optional[str]) -> Optional[str]:
    """A file's language code as rumorlens names it; a code it does not
    read as written, so that the row is refused with it ('de-DE': Chinese
    text in a German-declared file was checked as zh silently, a fresh
    user's break test, session 48); None without one (detect it)."""
    return base_language(code) or ((code or "").strip() or None)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _inner_xml(el) -> Optional[str]:
    """The content of an element as written, tags and all (namespace
    declarations dropped), or None when there is no element."""
    if el is None:
        return None
    from lxml import etree

    return (el.text or "") + "".join(_XMLNS.sub("", etree.tostring(c, encoding="unicode", with_tail=True))
                                     for c in el)


def _child(el, name: str):
    return next((c for c in el if _local(c.tag) == name), None)


def read_bilingual(path: Path) -> list[dict]:
    """The rows of an XLIFF or TMX file (see the module docstring).
    BilingualError when translate-toolkit is missing or the file is not
    well-formed XLIFF or TMX."""
    path = Path(path)
    try:
        from translate.storage import tmx, xliff, xliff2
    except ImportError:
        raise BilingualError(f"{path}: reading XLIFF and TMX needs translate-toolkit "
                             "(pip install 'rumorlens[xliff]')") from None
    data = path.read_bytes()
    try:
        if path.suffix.casefold() in TMX_SUFFIXES:
            return _tmx_rows(tmx.tmxfile.parsestring(data))
        if re.search(rb"<xliff[^>]*\bversion\s*=\s*[\"']2\.", data[:4096]):
            store = xliff2.Xliff2File.parsestring(data)
            return _xliff_rows(store, lambda u: u.getid(), "source", "target")
        store = xliff.xlifffile.parsestring(data)
        return _xliff_rows(store, lambda u: u.xmlelement.get("id") or u.getid(), "source", "target")
    except BilingualError:
        raise
    except Exception as exc:  # lxml and translate-toolkit raise many kinds for a broken file
        raise BilingualError(f"{path}: not readable as {'TMX' if path.suffix.casefold() in TMX_SUFFIXES else 'XLIFF'}"
                             f" ({type(exc).__name__}: {exc})") from None


def _xliff_rows(store, unit_id, src_tag: str, tgt_tag: str) -> list[dict]:
    sl, tl = _lang(store.getsourcelanguage()), _lang(store.gettargetlanguage())
    rows = []
    for u in store.units:
        if u.isheader():
            continue
        el = u.xmlelement
        src_el, tgt_el = _child(el, src_tag), _child(el, tgt_tag)
        row = {"id": str(unit_id(u)), "src": str(u.source or ""),
               "tgt": None if tgt_el is None else str(u.target or ""),
               "src_markup": _inner_xml(src_el), "tgt_markup": _inner_xml(tgt_el)}
        if sl:
            row["src_lang"] = sl
        if tl:
            row["tgt_lang"] = tl
        rows.append(row)
    return rows


def _tmx_text(seg) -> str:
    """A TMX ``<seg>``'s text, the content of its code tags left out (their tails kept)."""
    out = [seg.text or ""]
    for c in seg:
        if _local(c.tag) not in TMX_CODE_TAGS:
            out.append(_tmx_text(c))
        out.append(c.tail or "")
    return "".join(out)


def _tmx_rows(store) -> list[dict]:
    """One row per translation unit and target language: the source is the
    variant in the header's ``srclang`` (else the first), every other
    variant a target."""
    header = store.document.getroot().find(".//header")
    srclang = (header.get("srclang") if header is not None else None) or ""
    rows = []
    for n, u in enumerate(store.units, start=1):
        tuvs = [t for t in u.xmlelement if _local(t.tag) == "tuv"]
        if not tuvs:
            continue
        src = next((t for t in tuvs if (t.get(XML_LANG) or "").casefold() == srclang.casefold()), tuvs[0])
        tid = u.xmlelement.get("tuid") or f"tu-{n}"
        targets = [t for t in tuvs if t is not src] or [None]
        for t in targets:
            sseg, tseg = _child(src, "seg"), (_child(t, "seg") if t is not None else None)
            row = {"id": tid if len(targets) == 1 else f"{tid}:{t.get(XML_LANG)}",
                   "src": _tmx_text(sseg) if sseg is not None else "",
                   "tgt": _tmx_text(tseg) if tseg is not None else None,
                   "src_markup": _inner_xml(sseg), "tgt_markup": _inner_xml(tseg)}
            for key, tuv in (("src_lang", src), ("tgt_lang", t)):
                code = _lang(tuv.get(XML_LANG)) if tuv is not None else None
                if code:
                    row[key] = code
            rows.append(row)
    return rows


CSV_COLUMNS = ("id", "src_lang", "tgt_lang", "src", "tgt", "category", "type", "severity", "confidence",
               "explanation", "src_span", "tgt_span", "error")


def results_csv(rows: list[dict], results: list[dict]) -> str:
    """The check-pairs results as CSV in the file's segment order: one line
    per finding, and one line for a segment without any (its finding
    columns empty), so that every segment of the file appears."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for row, res in zip(rows, results):
        base = [res.get("id", row.get("id") if isinstance(row, dict) else ""), res.get("src_lang", ""),
                res.get("tgt_lang", ""), row.get("src", "") if isinstance(row, dict) else "",
                (row.get("tgt") or "") if isinstance(row, dict) else ""]
        for f in res.get("findings") or [{}]:
            spans = [" ".join(map(str, f[k])) if f.get(k) else "" for k in ("src_span", "tgt_span")]
            w.writerow(base + [f.get("category", ""), f.get("type", ""), f.get("severity", ""),
                               f"{f['confidence']:.4f}" if "confidence" in f else "", f.get("explanation", "")]
                       + spans + [res.get("error", "")])
    return "\ufeff" + buf.getvalue()
