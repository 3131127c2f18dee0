"""Pages laid out with tables (an old site's navigation in one cell, the
article in the next): the tables are layout, not data.  Their cells of
links (menu, footer) are dropped and the rest is read as blocks, so the
main-text extractor keeps the article with its heading apart.

A table is layout when one of its cells holds a block of text: a heading,
a paragraph, a list, a division or another table.  Data tables hold short
values in their cells and are left as they are (trafilatura keeps them as
tables).  Source of the rule: the layout-table test of Mozilla's
Readability and of Boilerpipe's successors, which treat tables with block
content as containers.
"""
from __future__ import annotations

import functools
import re

from .paths import models_dir, read_values

_BLOCKS = "h1 h2 h3 h4 h5 h6 p ul ol div table blockquote".split()
_TABLE_TAGS = {"table": "div", "tbody": "div", "thead": "div", "tfoot": "div", "tr": "div", "td": "div", "th": "div"}


def _is_layout(table) -> bool:
    for cell in table.iter("td", "th"):
        if cell.getparent() is None:
            continue
        if any(child.tag in _BLOCKS for child in cell.iterdescendants()):
            return True
    return False


@functools.lru_cache(maxsize=None)
def _limits() -> dict:
    return read_values(models_dir() / "thresholds" / "ingest.json")


def _is_navigation(cell) -> bool:
    """A layout cell that is a list of links (menu, footer): at least
    ``layout_nav_min_links`` links carrying ``layout_nav_link_share`` of its
    text, and no heading or paragraph (models/thresholds/ingest.json)."""
    lim = _limits()
    if any(el.tag in ("h1", "h2", "h3", "p") for el in cell.iterdescendants()):
        return False
    links = list(cell.iter("a"))
    text = re.sub(r"\W", "", cell.text_content())
    linked = re.sub(r"\W", "", "".join(a.text_content() for a in links))
    return len(links) >= lim["layout_nav_min_links"] and len(linked) >= lim["layout_nav_link_share"] * max(1, len(text))


def unwrap_layout_tables(html: str) -> str:
    """``html`` with its layout tables turned into plain blocks (``div``);
    unchanged (the same string) when it has none or does not parse."""
    if not re.search(r"<t[dh][\s>]", html, re.I):
        return html
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(html)
    except Exception:
        return html
    layout = [t for t in tree.iter("table") if _is_layout(t)]
    if not layout:
        return html
    for cell in [c for table in layout for c in table.iter("td", "th") if _owner(c) is table]:
        if _is_navigation(cell):
            cell.drop_tree()  # a cell of links: the site's menu or footer
    structure = [el for table in layout for el in [table, *table.iterdescendants()]
                 if el.tag in _TABLE_TAGS and _owner(el) is table]
    for el in structure:  # renamed once all owners are known
        for attr in ("width", "colspan", "rowspan", "align", "valign"):
            el.attrib.pop(attr, None)
        el.tag = _TABLE_TAGS[el.tag]
    return lxml.html.tostring(tree, encoding="unicode")


def _owner(el):
    """The table an element of table structure belongs to (itself for a table)."""
    node = el
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def with_main_heading(html: str, text: str) -> str:
    """``text`` (the extracted main text) with the heading of its block put
    back as its own first line when the extractor took it for the page's
    title and left it out.  The heading is the first h1 (else h2) whose
    enclosing block holds the beginning of ``text``: a site name in a
    banner is not the article's heading."""
    if not text.strip() or not re.search(r"<h[12][\s>]", html, re.I):
        return text
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(html)
    except Exception:
        return text
    start = _squeeze(text.strip().split("\n", 1)[0])[:40]
    for tag in ("h1", "h2"):
        for h in tree.iter(tag):
            heading = _squeeze(h.text_content())
            parent = h.getparent()
            if not heading or parent is None or start not in _squeeze(parent.text_content()):
                continue
            if heading in _squeeze(text):
                return text
            return heading + "\n" + text
    return text


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()
