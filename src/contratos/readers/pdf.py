"""PDF with a text layer, through pypdfium2 (30-70x faster than pdfminer here): text per page,
running headers, footers and page numbers removed, line-end hyphenation undone."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..cleantext import clean_text
from ..document import Block, Document
from ..errors import ContratosError
from ..textnorm import fold
from .lines import SOFT_HYPHEN, join_lines, lines_to_paragraphs

MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000
_PAGE_NUMBER = re.compile(r"^(?:p[aá]g(?:ina)?\.?\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:de|/)\s*\d{1,4})?$", re.I)
_EDGE_LINES = 3  # lines at the top and bottom of a page that may be running headers or footers
_MIN_CHARS_PER_PAGE = 20


def _open(path: Path, password: str | None):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            if password:
                raise ContratosError("encrypted", "la contraseña indicada no abre el PDF",
                                     "Compruebe la contraseña (--password)") from None
            raise ContratosError("encrypted", "el PDF está protegido con contraseña",
                                 "Vuelva a ejecutar con --password CONTRASEÑA") from None
        if not _has_end(path):
            raise ContratosError("corrupt", "el PDF está incompleto (le falta el final del archivo)",
                                 "Descárguelo de nuevo o pida una copia nueva del archivo") from None
        raise ContratosError("corrupt", "el PDF está dañado o incompleto",
                             "Pida una copia nueva del archivo o expórtelo de nuevo a PDF") from None


def _has_end(path: Path) -> bool:
    """A complete PDF ends with %%EOF within its last 1024 bytes (what Acrobat requires)."""
    with path.open("rb") as fh:
        fh.seek(max(path.stat().st_size - 1024, 0))
        return b"%%EOF" in fh.read()


def _page_lines(page, hidden_text: list[tuple[str, str]] | None = None) -> list[str]:
    """The page's lines of text. Text a person cannot see (see pdf_hidden) is left out and, with
    why it is hidden, added to `hidden_text`."""
    from .pdf_hidden import hidden_objects, visible_text

    textpage = page.get_textpage()
    try:
        hidden = hidden_objects(page)
        if hidden:
            text, quotes = visible_text(textpage, hidden)
            if hidden_text is not None:
                hidden_text.extend(quotes)
        else:
            text = textpage.get_text_range()
    finally:
        textpage.close()
    # pypdfium2 marks a hyphen + line break as U+FFFE (or U+0002): the word continues on the next
    # line that is not a running header or footer, so the marker stays until those are removed
    # (the marker replaces the line break, so a footer drawn next may follow it on the same "line")
    text = re.sub("[\ufffe\x02](?:\r\n)?", SOFT_HYPHEN + "\n", text)
    return [ln.rstrip() for ln in re.split(r"\r\n|\r|\n", text)]


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", fold(line.strip()))


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines repeated at the top or bottom of most pages, and bare page numbers."""
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [ln for ln in lines if ln.strip()]
        edges = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
        counts.update({_edge_key(ln) for ln in edges})
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold} if len(pages) > 1 else set()
    cleaned = []
    for lines in pages:
        content_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edge_idx = set(content_idx[:_EDGE_LINES] + content_idx[-_EDGE_LINES:])
        cleaned.append([ln for i, ln in enumerate(lines)
                        if not (i in edge_idx and (_edge_key(ln) in repeated or _PAGE_NUMBER.match(ln.strip())))])
    return cleaned


def _chars(lines: list[str]) -> int:
    return sum(len(ln.strip()) for ln in lines)


def read_pdf(path: Path, password: str | None = None, ocr: bool = False) -> Document:
    """Text of a PDF, page by page. Pages without text (scans) are read with Tesseract when `ocr`
    is true and skipped with a warning otherwise; the Document lists both kinds by page number.
    Pages are extracted one at a time, so a time limit (SIGALRM, see batch.time_limit) stops a
    file with many slow pages between two pages."""
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ContratosError("too_large", f"el PDF ocupa {size // 2**20} MB, más de {MAX_PDF_BYTES // 2**20} MB",
                             "Divida el documento o revise que sea el correcto")
    with path.open("rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise ContratosError("corrupt", "no es un PDF (la cabecera no es %PDF)",
                                 "Compruebe la extensión del archivo o expórtelo de nuevo a PDF")
    import pypdfium2 as pdfium

    pdf = _open(path, password)
    ocr_pages: list[int] = []
    try:
        n_pages = len(pdf)
        if n_pages > MAX_PAGES:
            raise ContratosError("too_large", f"el PDF tiene {n_pages} páginas, más de {MAX_PAGES}",
                                 f"Divida el documento en partes de hasta {MAX_PAGES} páginas")
        pages, damaged = [], []
        hidden: list[tuple[int, str, str]] = []  # (page, reason, text) of text nobody sees
        for i in range(n_pages):
            try:  # a broken page object: the other pages are still read
                page = pdf[i]
            except pdfium.PdfiumError:
                damaged.append(i + 1)
                pages.append([])
                continue
            try:
                quotes: list[tuple[str, str]] = []
                lines = _page_lines(page, quotes)
                hidden.extend((i + 1, reason, quote) for reason, quote in quotes)
                if ocr and _chars(lines) < _MIN_CHARS_PER_PAGE:
                    from .ocr import ocr_page

                    lines = ocr_page(page, i + 1)
                    if _chars(lines) >= _MIN_CHARS_PER_PAGE:
                        ocr_pages.append(i + 1)
                pages.append(lines)
            except pdfium.PdfiumError:
                damaged.append(i + 1)
                pages.append([])
            finally:
                page.close()
    finally:
        pdf.close()
    empty_pages = [i + 1 for i, lines in enumerate(pages) if i + 1 not in damaged and _chars(lines) < _MIN_CHARS_PER_PAGE]
    if damaged and len(empty_pages) + len(damaged) == n_pages:  # nothing readable, and not because of a scan
        raise ContratosError("corrupt", f"el PDF está dañado: no se pudo leer {_page_list(damaged)} "
                             "y ninguna otra tiene texto",
                             "Pida una copia nueva del archivo o expórtelo de nuevo a PDF")
    if len(empty_pages) == n_pages:
        if ocr:
            raise ContratosError("no_text_layer", "el PDF no tiene capa de texto y el OCR no reconoció texto",
                                 "Pida al cliente el documento original en Word o PDF digital")
        raise ContratosError("no_text_layer", "el PDF no tiene capa de texto (parece escaneado)",
                             "Vuelva a ejecutar con --ocr para reconocer el texto (OCR), o pida al cliente "
                             "el documento original en Word o PDF digital")
    blocks = _blocks(_strip_running_lines(pages))
    doc = Document(path=str(path), format="pdf", blocks=blocks, pages=n_pages,
                   pages_without_text=empty_pages, ocr_pages=ocr_pages)
    if hidden:
        doc.warnings.insert(0, hidden_text_warning(hidden))
    if ocr_pages:
        doc.warnings.append(f"Texto obtenido por OCR en {_page_list(ocr_pages)}: puede contener errores de "
                            "reconocimiento; compare las citas con el original")
    if empty_pages:
        doc.warnings.append("Páginas sin texto (no revisadas): " + ", ".join(map(str, empty_pages))
                            + ("" if ocr else ". Si son escaneadas, vuelva a ejecutar con --ocr para leerlas"))
    if damaged:
        doc.warnings.append("Páginas dañadas que no se pudieron leer (no revisadas): " + ", ".join(map(str, damaged)))
    return doc


_MAX_QUOTES, _MAX_QUOTE = 5, 200


def hidden_text_warning(hidden: list[tuple[int, str, str]]) -> str:
    """One warning quoting the hidden text: a red flag the user must see before anything else."""
    from .pdf_hidden import REASONS

    merged: list[list] = []  # runs of one page and one reason, joined
    for page, reason, text in hidden:
        if merged and merged[-1][0] == page and merged[-1][1] == reason:
            merged[-1][2] += " " + text
        else:
            merged.append([page, reason, text])
    merged = [[page, reason, clean_text(text)[0]] for page, reason, text in merged]
    quotes = [f"«{text if len(text) <= _MAX_QUOTE else text[:_MAX_QUOTE].rstrip() + '…'}» "
              f"(página {page}, {REASONS[reason]})" for page, reason, text in merged[:_MAX_QUOTES]]
    more = f"; y {len(merged) - _MAX_QUOTES} fragmentos más" if len(merged) > _MAX_QUOTES else ""
    return ("El PDF contiene texto oculto, que no se ve en pantalla ni al imprimirlo; no se ha tenido en cuenta "
            f"en la revisión: {'; '.join(quotes)}{more}. Pregunte a la otra parte por qué está ahí.")


def _page_list(numbers: list[int]) -> str:
    return ("la página " if len(numbers) == 1 else "las páginas ") + ", ".join(map(str, numbers))


def _blocks(pages: list[list[str]]) -> list[Block]:
    """Paragraphs per page, then merge a paragraph that a page break cut in two."""
    widths = sorted(len(ln.strip()) for lines in pages for ln in lines if ln.strip())
    wrap = widths[int(len(widths) * 0.9)] if widths else None
    blocks: list[Block] = []
    open_end = False  # the previous page ended inside a paragraph
    for number, lines in enumerate(pages, start=1):
        paragraphs = lines_to_paragraphs(lines, wrap_width=wrap)
        for k, (text, is_heading) in enumerate(paragraphs):
            continues = (k == 0 and open_end and blocks and blocks[-1].kind == "paragraph"
                         and not is_heading and (text[:1].islower() or blocks[-1].text.endswith(SOFT_HYPHEN)))
            if continues:
                prev = blocks[-1]
                joined = join_lines(prev.text, text)
                prev.page_breaks.append((len(joined) - len(text), number))
                prev.text = joined
            else:
                blocks.append(Block(text, kind="heading" if is_heading else "paragraph", page=number))
        last = next((ln.strip() for ln in reversed(lines) if ln.strip()), "")
        open_end = bool(paragraphs) and not paragraphs[-1][1] and not last.endswith((".", ":", ";"))
    for block in blocks:
        block.text = block.text.replace(SOFT_HYPHEN, "")
    return blocks
