"""Word .docx: body paragraphs and tables in document order; heading styles kept as structure."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError

MAX_DOCX_BYTES = 50 * 1024 * 1024  # on disk
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # all parts once decompressed
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|título|titulo|encabezado|title)\s*(\d?)", re.IGNORECASE)


def _check_container(path: Path) -> None:
    """Refuse files that are not a .docx zip, or whose parts would expand far beyond a contract."""
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise ContratosError("too_large", "el archivo .docx es demasiado grande para un contrato",
                             "Revise que sea el archivo correcto")
    if not zipfile.is_zipfile(path):
        raise ContratosError("corrupt", "no es un archivo .docx válido (no es un paquete ZIP de Word)",
                             "Ábralo en Word o LibreOffice y guárdelo de nuevo como .docx")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            expanded = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ContratosError("corrupt", f"el paquete .docx está dañado ({exc})",
                             "Ábralo en Word o LibreOffice y guárdelo de nuevo") from None
    if "word/document.xml" not in names:
        raise ContratosError("corrupt", "es un archivo ZIP pero no un documento de Word",
                             "Compruebe el archivo o expórtelo de nuevo como .docx")
    if expanded > MAX_EXPANDED_BYTES:
        raise ContratosError("too_large", "el .docx se expandiría a un tamaño desproporcionado (posible bomba ZIP)",
                             "No lo abra; pida al remitente una copia limpia")


def _paragraph_text(p) -> str:
    """Text of a w:p element: accepted insertions count, deleted text (w:delText) does not."""
    parts = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        else:
            parts.append(" " if el.tag == f"{_W}tab" else "\n")
    return "".join(parts)


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
    _check_container(path)
    import docx  # lazy: python-docx pulls in lxml
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types on malformed packages
        raise ContratosError("corrupt", f"no se pudo abrir el .docx ({type(exc).__name__})",
                             "Ábralo en Word o LibreOffice y guárdelo de nuevo como .docx") from None
    blocks: list[Block] = []
    levels = _heading_levels(document)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_blocks(item))
            continue
        text = _paragraph_text(item._p).strip()
        level = levels.get(item._p.style or "")
        for line in text.split("\n"):
            blocks.append(Block(line.strip(), kind="heading" if level else "paragraph", level=level))
    return Document(path=str(path), format="docx", blocks=blocks)


def _table_blocks(table) -> list[Block]:
    blocks = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            cell_text = " ".join(_paragraph_text(p).strip() for p in cell._tc.iter(f"{_W}p"))
            if cell_text.strip():
                cells.append(cell_text.strip())
        if cells:
            blocks.append(Block(" | ".join(cells), kind="table"))
    return blocks
