"""HTML (.html, .htm; also what web apps export as "Word"): parsed with lxml.html (libxml2's
forgiving HTML parser, already installed with python-docx), never fetching anything. Scripts,
styles, the head, forms and hidden elements do not count; headings keep their level, each table
row is one block with its cells joined by " | ", every other block element is a paragraph. Template
variables (Blade, Jinja, Handlebars, ERB, PHP) are blanks and template comments are skipped (template.py)."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError
from .template import blank_template_fields, protect_angle_blanks
from .text import decode

MAX_HTML_BYTES = 20 * 1024 * 1024
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DROP = ("script", "style", "head", "noscript", "template", "svg", "math", "iframe", "object", "embed",
         "select", "button", "textarea", "canvas", "audio", "video", "nav")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCKS = {"p", "div", "li", "dt", "dd", "blockquote", "address", "section", "article", "header", "footer",
           "main", "aside", "figure", "figcaption", "ul", "ol", "dl", "form", "fieldset", "hr", "center",
           "body", "caption", "details", "summary", "legend"}
_BR = "\u2028"  # a <br>, kept apart from the newlines of the source, which are plain spaces
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _decode(data: bytes) -> str:
    """The page's source as text, its template variables as blanks and its template comments and
    directives left out (template.py), so that the HTML parser never sees them."""
    return protect_angle_blanks(blank_template_fields(_decode_charset(data)))


def _decode_charset(data: bytes) -> str:
    """The text of the page: its BOM or declared charset, else UTF-8 or Windows-1252 as text files."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _CHARSET.search(data[:4096])
        if m:
            try:
                return data.decode(codecs.lookup(m.group(1).decode("ascii")).name, errors="replace")
            except LookupError:
                pass
    return decode(data)


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.inline: list[str] = []

    def flush(self) -> None:
        for line in "".join(self.inline).split(_BR):  # a <br> ends a line
            if line.strip():
                self.blocks.append(Block(" ".join(line.split())))
        self.inline.clear()

    def walk(self, el, depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HEADINGS or tag == "pre" or tag == "table" or tag in _BLOCKS:
            self.flush()
        if tag in _HEADINGS:
            self.blocks.append(Block(" ".join(el.text_content().split()), kind="heading", level=_HEADINGS[tag]))
        elif tag == "table":
            self.table(el)
        elif tag == "pre":
            self.blocks.extend(Block(" ".join(line.split())) for line in el.text_content().split("\n"))
        elif tag == "br":
            self.inline.append(_BR)
        elif depth > 200:  # absurd nesting: read the rest flat
            self.inline.append(" " + el.text_content())
        else:
            if el.text and tag:
                self.inline.append(el.text)
            for child in el:
                self.walk(child, depth + 1)
        if tag in _BLOCKS:
            self.flush()
        if el.tail:
            self.inline.append(el.tail)

    def table(self, table) -> None:
        for row in table.iter("tr"):
            owner = next(row.iterancestors("table"), None)
            if owner is not table:
                continue  # a nested table's rows are text of their cell
            cells = [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
            cells = [c for c in cells if c]
            if cells:
                self.blocks.append(Block(" | ".join(cells), kind="table"))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_depth(parser) -> None:
    """libxml2 stops at its nesting limit and drops the rest of the page: refuse rather than check part of it."""
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise ContratosError("too_large", "la página HTML tiene más de 2048 elementos anidados unos dentro de otros, "
                             "más de los que se pueden leer (el resto del texto se perdería)",
                             "Ábrala en el navegador, copie el texto a un archivo .txt y revise ese archivo, o pida "
                             "el contrato en Word o PDF")


def read_html(path: Path) -> Document:
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        raise ContratosError("too_large", f"la página HTML pesa {size // 1024 // 1024} MB, más de lo que ocupa un "
                             "contrato", "Revise que sea el archivo correcto")
    import lxml.html  # lazy: lxml comes with python-docx
    from lxml import etree

    # control characters (NUL included) are not text and lxml refuses them when it edits the tree
    text = _NOT_XML.sub("", _decode(path.read_bytes()))
    # huge_tree: libxml2 reads 2048 nested elements instead of 256 (a page of 300 nested divs is legal HTML)
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        _check_depth(parser)
        raise ContratosError("empty", "la página HTML no contiene texto", "Compruebe que es el contrato correcto") \
            from None
    _check_depth(parser)
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter()):
        if el.getparent() is not None and isinstance(el.tag, str) and (
                el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "")
                or el.get("aria-hidden") == "true"):
            el.drop_tree()
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return Document(path=str(path), format="html", blocks=walker.blocks)


def fragment_blocks(markup: str) -> list[Block]:
    """Blocks of a piece of HTML inside another format (a Markdown file), read as a page is read."""
    import lxml.html
    from lxml import etree

    text = _NOT_XML.sub("", markup).strip()
    if not text:
        return []
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(f"<html><body>{text}</body></html>".encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return walker.blocks
