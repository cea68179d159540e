"""Word .docx: body paragraphs and tables in document order; heading styles kept as structure.

What counts is what a reader of the final document sees in the body:
- tracked changes as if accepted: insertions (w:ins) and moved-to text count, deletions (w:del,
  w:delText) and the source of a move (w:moveFrom) do not;
- text boxes count, each as its own paragraphs placed after the paragraph that anchors them, read
  once (the VML copy Word keeps in mc:Fallback is skipped) and never glued into that paragraph;
- content controls (w:sdt) count; a table of contents does not (it repeats the headings);
- hidden text (w:vanish) does not count: it is not printed;
- headers, footers, footnotes, endnotes and comments are not read: they live in other parts of the
  package and are not clauses of the body (a footnote reference leaves nothing in the body text).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError
from .package import check_package

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HEADING_STYLE = re.compile(r"^(?:heading|título|titulo|encabezado|title)\s*(\d?)", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|tdc)\s*\d", re.IGNORECASE)
_HINT = "Ábralo en Word o LibreOffice y guárdelo de nuevo como .docx"

P, TBL, TR, TC, T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
SDT, SDT_CONTENT, CUSTOM_XML, TXBX = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}txbxContent"
ALTERNATE, CHOICE = f"{_MC}AlternateContent", f"{_MC}Choice"
# never text of the final document: properties, deletions, the source of a move, field codes
_SKIP = {f"{_W}{name}" for name in ("pPr", "rPr", "sdtPr", "tblPr", "trPr", "tcPr", "del", "moveFrom",
                                     "delText", "instrText", "delInstrText")} | {f"{_MC}Fallback"}
_CHARS = {f"{_W}tab": " ", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _hidden(run) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _inline(el, parts: list[str], boxes: list) -> None:
    """Collect the visible text under `el` into `parts`, and the text boxes it anchors into `boxes`."""
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:  # comments, entity references, excluded markup
            continue
        if tag == T:
            parts.append(child.text or "")
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        elif tag == TXBX:
            boxes.append(child)
        elif tag == ALTERNATE:
            choice = child.find(CHOICE)
            if choice is not None:
                _inline(choice, parts, boxes)
        elif tag == f"{_W}r" and _hidden(child):
            continue
        else:
            _inline(child, parts, boxes)


def _style_id(p) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(f"{_W}val", "") if style is not None else ""


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(f"{_W}val") or "").lower()


def _blocks(container, levels: dict[str, int], out: list[Block]) -> None:
    """Blocks of a body, a text box, a content control or a table cell, in order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == P:
            _paragraph_blocks(child, levels, out)
        elif tag == TBL:
            out.extend(_table_blocks(child, levels))
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None and not _is_toc(child):
                _blocks(content, levels, out)
        elif tag == CUSTOM_XML:
            _blocks(child, levels, out)
        elif tag == ALTERNATE:
            choice = child.find(CHOICE)
            if choice is not None:
                _blocks(choice, levels, out)


def _paragraph_blocks(p, levels: dict[str, int], out: list[Block]) -> None:
    style = _style_id(p)
    if _TOC_STYLE.match(style):
        return
    parts: list[str] = []
    boxes: list = []
    _inline(p, parts, boxes)
    level = levels.get(style)
    for line in "".join(parts).strip().split("\n"):
        out.append(Block(line.strip(), kind="heading" if level else "paragraph", level=level, source=p))
    for box in boxes:
        first = len(out)
        _blocks(box, levels, out)
        for block in out[first:]:  # a comment on a text box's text is anchored on the box's paragraph
            block.source = p


def _table_blocks(tbl, levels: dict[str, int]) -> list[Block]:
    """One block per row, cells joined by " | "; a vertically merged cell is read once (its
    continuation cells are empty), a cell spanning columns is one w:tc."""
    blocks = []
    for tr in tbl.iter(TR):
        if tr.getparent() is not tbl and _owning_table(tr) is not tbl:
            continue  # a row of a nested table: read as text of its cell
        cells, source = [], None  # source: the first paragraph with text in the row
        for tc in tr.iter(TC):
            if tc.getparent() is not tr and _owning_row(tc) is not tr:
                continue
            inner: list[Block] = []
            _blocks(tc, levels, inner)
            text = " ".join(b.text for b in inner if b.text.strip()).strip()
            if text:
                cells.append(text)
                source = source if source is not None else next(
                    (b.source for b in inner if b.text.strip() and b.source is not None), None)
        if cells:
            blocks.append(Block(" | ".join(cells), kind="table", source=source))
    return blocks


def _owning_table(tr):
    """The table a row belongs to (rows may sit inside w:sdt or w:customXml wrappers)."""
    parent = tr.getparent()
    while parent is not None and parent.tag != TBL:
        parent = parent.getparent()
    return parent


def _owning_row(tc):
    parent = tc.getparent()
    while parent is not None and parent.tag != TR:
        parent = parent.getparent()
    return parent


def _heading_levels(document) -> dict[str, int]:
    """Style id -> heading level, for every paragraph style that is (or derives from) a heading.
    Computed once per file: python-docx resolves `paragraph.style` slowly."""
    levels: dict[str, int] = {}
    for style in document.styles:
        current, seen = style, 0
        while current is not None and seen < 10:
            m = _HEADING_STYLE.match(getattr(current, "name", "") or "")
            if m:
                levels[style.style_id] = int(m.group(1) or 1)
                break
            current, seen = getattr(current, "base_style", None), seen + 1
    return levels


def read_docx(path: Path) -> Document:
    check_package(path, "word/document.xml", ".docx", _HINT)
    import docx  # lazy: python-docx pulls in lxml

    try:
        # python-docx parses with resolve_entities=False and lxml's default no_network=True;
        # check_package has already refused any part with a DTD
        document = docx.Document(str(path))
        levels = _heading_levels(document)
    except Exception as exc:  # python-docx raises many types on malformed packages
        raise ContratosError("corrupt", f"no se pudo abrir el .docx ({type(exc).__name__})", _HINT) from None
    blocks: list[Block] = []
    _blocks(document.element.body, levels, blocks)
    return Document(path=str(path), format="docx", blocks=blocks, package=document)
