"""OpenDocument text (.odt, LibreOffice): content.xml read with lxml, under the same package checks
as .docx (zip bomb, DTD). Parsed directly rather than with odfpy: odfpy (last release 2020) offers
no more than the XML tree, and its text extraction glues footnotes, comments and the deleted text
of tracked changes into the body, which is exactly what must be left out here.

What counts, as for .docx: paragraphs, headings (text:h with its outline level), lists, tables
(one block per row) and text boxes (their own blocks after the anchoring paragraph). Left out:
deleted text of tracked changes (kept by LibreOffice in text:tracked-changes), footnotes and
endnotes (text:note), comments (office:annotation), indexes such as a table of contents, and the
page styles that hold headers and footers (styles.xml is not read)."""
from __future__ import annotations

from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError
from .package import check_package

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_HINT = "Ábralo en LibreOffice y guárdelo de nuevo como .odt o .docx"


def _t(name: str) -> str:
    return f"{{{_TEXT}}}{name}"


P, H, LIST, LIST_ITEM, LIST_HEADER, SECTION = _t("p"), _t("h"), _t("list"), _t("list-item"), _t("list-header"), \
    _t("section")
TABLE, TEXT_BOX = f"{{{_TABLE}}}table", f"{{{_DRAW}}}text-box"
_ROW_CONTAINERS = {f"{{{_TABLE}}}{n}" for n in ("table-header-rows", "table-rows", "table-row-group")}
_ROW, _CELL = f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell"
_SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
# footnotes, comments, alternative text and embedded images or objects (base64 data) are not body text
_SKIP_INLINE = {_t("note"), f"{{{_OFFICE}}}annotation", f"{{{_OFFICE}}}annotation-end", _t("ruby-text"),
                _t("tracked-changes"), f"{{{_OFFICE}}}binary-data", f"{{{_DRAW}}}image", f"{{{_DRAW}}}object",
                f"{{{_DRAW}}}object-ole", f"{{{_SVG}}}title", f"{{{_SVG}}}desc"}
_INDEXES = {_t(n) for n in ("table-of-content", "alphabetical-index", "illustration-index", "table-index",
                            "object-index", "user-index", "bibliography", "tracked-changes")}


def _inline(el, parts: list[str], boxes: list) -> None:
    """Text of a paragraph, child by child with the text between them (the tails)."""
    if el.text:
        parts.append(el.text)
    for child in el.iterchildren():
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIP_INLINE:
            if tag == _t("s"):
                parts.append(" " * min(int(child.get(_t("c"), "1") or 1), 100))
            elif tag == _t("tab"):
                parts.append(" ")
            elif tag == _t("line-break"):
                parts.append("\n")
            elif tag == TEXT_BOX:
                boxes.append(child)
            else:
                _inline(child, parts, boxes)
        if child.tail:
            parts.append(child.tail)


def _blocks(container, out: list[Block]) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag in (P, H):
            parts: list[str] = []
            boxes: list = []
            _inline(child, parts, boxes)
            level = None
            if tag == H:
                try:
                    level = int(child.get(_t("outline-level"), "1"))
                except ValueError:
                    level = 1
            for line in "".join(parts).strip().split("\n"):
                out.append(Block(" ".join(line.split()), kind="heading" if tag == H else "paragraph", level=level))
            for box in boxes:
                _blocks(box, out)
        elif tag == TABLE:
            out.extend(_table_blocks(child))
        elif tag in (LIST, LIST_ITEM, LIST_HEADER, SECTION) and tag not in _INDEXES:
            _blocks(child, out)


def _rows(table):
    for child in table.iterchildren():
        if child.tag == _ROW:
            yield child
        elif child.tag in _ROW_CONTAINERS:
            yield from _rows(child)


def _table_blocks(table) -> list[Block]:
    blocks = []
    for row in _rows(table):
        cells = []
        for cell in row.iterchildren(_CELL):  # covered (merged) cells are table:covered-table-cell
            inner: list[Block] = []
            _blocks(cell, inner)
            text = " ".join(b.text for b in inner if b.text.strip())
            if text:
                cells.append(text)
        if cells:
            blocks.append(Block(" | ".join(cells), kind="table"))
    return blocks


def read_odt(path: Path) -> Document:
    names = check_package(path, "content.xml", ".odt", _HINT)
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise ContratosError("encrypted", "el documento .odt está protegido con contraseña",
                                 "Ábralo en LibreOffice y guárdelo con Archivo > Guardar como, sin marcar "
                                 "«Guardar con contraseña»")
        content = zf.read("content.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError:
        raise ContratosError("corrupt", "el .odt está dañado (su contenido no es XML válido)", _HINT) from None
    body = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if body is None:
        raise ContratosError("corrupt", "es un paquete OpenDocument pero no un documento de texto (.odt)",
                             "Guárdelo como documento de texto (.odt o .docx) o como PDF")
    blocks: list[Block] = []
    _blocks(body, blocks)
    return Document(path=str(path), format="odt", blocks=blocks)
