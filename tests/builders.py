"""Build small real .docx and .pdf files for reader tests (python-docx and reportlab)."""
from __future__ import annotations

from pathlib import Path


def make_docx(path: Path, items: list[tuple[str, object]], header: str | None = None) -> Path:
    """items: ("h1"|"h2"|"p", text) or ("table", [[cell, ...], ...]), in document order."""
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for kind, value in items:
        if kind == "table":
            rows = value
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind in ("h1", "h2"):
            document.add_heading(value, level=int(kind[1]))
        else:
            document.add_paragraph(value)
    document.save(path)
    return path


def make_pdf(path: Path, pages: list[list[str]], header: str | None = None, footer: bool = True,
             image_only: bool = False) -> Path:
    """One list of lines per page, drawn as real text (or only shapes when image_only)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        if image_only:
            c.rect(72, 400, 300, 200, fill=1)
        else:
            if header:
                c.setFont("Helvetica", 8)
                c.drawString(72, height - 40, header)
            c.setFont("Helvetica", 10)
            y = height - 80
            for line in lines:
                c.drawString(72, y, line)
                y -= 14
            if footer:
                c.setFont("Helvetica", 8)
                c.drawString(width / 2 - 30, 30, f"Página {number} de {len(pages)}")
        c.showPage()
    c.save()
    return path
