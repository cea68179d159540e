"""Build real malformed, encrypted, scanned and pathological PDFs for the hostile-input tests.

The text PDFs come from reportlab (as in builders.py); the pathological ones are written by hand
with `raw_pdf`, a minimal writer with a correct cross-reference table, so each file is exactly the
structure under test and nothing else."""
from __future__ import annotations

import zlib
from pathlib import Path

CONTRACT_PAGES = [
    ["CONTRATO DE PRESTACIÓN DE SERVICIOS",
     "",
     "En Madrid, a 3 de marzo de 2025, reunidos Estudio Lumen S.L. (el Prestador)",
     "y Comercial Ortega S.A. (el Cliente), acuerdan las siguientes cláusulas.",
     "",
     "PRIMERA. OBJETO.",
     "El Prestador se obliga a diseñar el sitio web corporativo del Cliente, con",
     "cinco páginas, un formulario de contacto y dos rondas de revisiones.",
     ],
    ["SEGUNDA. HONORARIOS Y FORMA DE PAGO.",
     "El Cliente pagará la cantidad de 3.000 euros mediante transferencia dentro",
     "de los 30 días siguientes a la recepción de la factura.",
     ],
    ["TERCERA. RESCISIÓN.",
     "Cualquiera de las partes podrá resolver el presente contrato con un preaviso",
     "de 15 días comunicado por escrito; los trabajos realizados hasta esa fecha",
     "serán abonados.",
     ],
]


def text_pdf(path: Path, pages: list[list[str]] = CONTRACT_PAGES, encrypt: str | None = None,
             font_size: float = 10) -> Path:
    """A PDF with a real text layer, one list of lines per page; `encrypt` sets a user password."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    _, height = A4
    for lines in pages:
        c.setFont("Helvetica", font_size)
        y = height - 80
        for line in lines:
            c.drawString(72, y, line)
            y -= font_size * 1.5
        c.showPage()
    c.save()
    return path


def truncated_pdf(path: Path, fraction: float = 0.6) -> Path:
    """A real contract PDF cut short, as an interrupted download or e-mail attachment leaves it."""
    whole = text_pdf(path.with_name("entero-" + path.name)).read_bytes()
    path.write_bytes(whole[: int(len(whole) * fraction)])
    return path


def garbage_pdf(path: Path) -> Path:
    """A PDF header and trailer around bytes that are not PDF objects (a damaged disk sector)."""
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\nstartxref\n9\n%%EOF\n")
    return path


def scanned_pdf(path: Path, pages: list[list[str]] = CONTRACT_PAGES, scan: set[int] | None = None,
                scale: float = 3.0) -> Path:
    """Pages 1-based in `scan` (all by default) become images, as a scanner produces them; the
    rest keep their text layer. Each image is the text page rendered by pdfium at `scale`
    (3 = 216 dpi), in grey, so OCR has something real to read."""
    import pypdfium2 as pdfium

    scan = set(range(1, len(pages) + 1)) if scan is None else scan
    source = text_pdf(path.with_name("origen-" + path.name), pages, font_size=12)
    images = path.with_name("imagenes-" + path.name)
    src = pdfium.PdfDocument(str(source))
    rendered = []
    try:
        for number in sorted(scan):
            page = src[number - 1]
            rendered.append(page.render(scale=scale).to_pil().convert("L"))
            page.close()
    finally:
        src.close()
    if rendered:
        rendered[0].save(images, "PDF", resolution=72 * scale, save_all=True, append_images=rendered[1:])
    out = pdfium.PdfDocument.new()
    text_doc = pdfium.PdfDocument(str(source))
    image_doc = pdfium.PdfDocument(str(images)) if rendered else None
    try:
        order = sorted(scan)
        for number in range(1, len(pages) + 1):
            if number in scan:
                out.import_pages(image_doc, [order.index(number)])
            else:
                out.import_pages(text_doc, [number - 1])
        out.save(str(path))
    finally:
        out.close()
        text_doc.close()
        if image_doc is not None:
            image_doc.close()
    return path


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """Write `objects` (bodies of objects 1..n, object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _stream(data: bytes, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def oversized_pdf(path: Path, size: int) -> Path:
    """A PDF header followed by `size` bytes in all, as a sparse file: takes no room on disk."""
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(size)
    return path


def many_pages_pdf(path: Path, n_pages: int) -> Path:
    """`n_pages` pages, each a line of real text: small on disk, but more pages than allowed."""
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n_pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Count %d /Kids [%s] >>" % (n_pages, kids), _FONT]
    for i in range(n_pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(b"BT /F1 10 Tf 72 760 Td (Anexo de servicios, pagina %d) Tj ET" % (i + 1), False))
    return raw_pdf(path, objects)


def slow_pdf(path: Path, n_pages: int = 400, ops_per_page: int = 200_000) -> Path:
    """A small file that takes pdfium a long time: every page shares one flate-compressed content
    stream of `ops_per_page` text-showing operators (about 1 MB per 40 000, compressed ~1000:1)."""
    op = b"BT /F1 1 Tf 0 0 Td (x) Tj ET\n"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n_pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Count %d /Kids [%s] >>" % (n_pages, kids), _FONT,
               _stream(op * ops_per_page)]
    for _ in range(n_pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    return raw_pdf(path, objects)


def looping_page_tree_pdf(path: Path) -> Path:
    """A page tree whose node lists itself among its kids: a naive reader recurses forever."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    return raw_pdf(path, objects)


# A contract whose only exit belongs to the client; a hidden line would make it mutual
ONE_SIDED_PAGES = [
    ["CONTRATO DE PRESTACIÓN DE SERVICIOS",
     "",
     "PRIMERA. OBJETO.",
     "El Prestador se obliga a traducir al inglés el catálogo de productos del Cliente,",
     "de ochenta páginas, y a entregar los archivos editables en formato InDesign.",
     "",
     "SEGUNDA. HONORARIOS.",
     "El Cliente pagará 2.400 euros por transferencia dentro de los 30 días siguientes",
     "a la recepción de la factura.",
     "",
     "TERCERA. RESCISIÓN.",
     "El Cliente podrá resolver el presente contrato en cualquier momento.",
     ]]
HIDDEN_CLAUSE = ["Cualquiera de las partes podrá resolver el presente contrato con un preaviso de",
                 "15 días; los trabajos realizados hasta esa fecha serán abonados."]
HIDDEN_WAYS = ("invisible", "white", "tiny", "outside", "same_colour")


def hidden_text_pdf(path: Path, way: str, visible: list[list[str]] = ONE_SIDED_PAGES,
                    hidden: list[str] = HIDDEN_CLAUSE) -> Path:
    """The visible contract with `hidden` drawn after the rescission clause in a way nobody sees it:
    render mode 3 ("invisible"), white on the white page, at 0.4 pt ("tiny"), off the page box
    ("outside"), or in the colour of a box drawn beneath it ("same_colour"). Also draws a white title on
    a dark band, which is visible and must stay."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for lines in visible:
        c.setFillColorRGB(0.1, 0.2, 0.4)
        c.rect(60, height - 60, 400, 24, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        c.setFont("Helvetica-Bold", 12)
        c.drawString(72, height - 52, "Estudio Lumen, traducciones")
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 10)
        y = height - 90
        for line in lines:
            c.drawString(72, y, line)
            y -= 15
        y -= 15 if way != "tiny" else 0
        text = c.beginText(72, y)
        if way == "invisible":
            text.setTextRenderMode(3)
        elif way == "white":
            text.setFillColorRGB(1, 1, 1)
        elif way == "tiny":
            text.setFont("Helvetica", 0.4)
        elif way == "outside":
            text.setTextOrigin(width + 200, y)
        elif way == "same_colour":
            c.setFillColorRGB(0.95, 0.9, 0.6)
            c.rect(60, y - 20, 470, 32, fill=1, stroke=0)
            text.setFillColorRGB(0.95, 0.9, 0.6)
        for line in hidden:
            text.textLine(line)
        c.drawText(text)
        c.setFillColorRGB(0, 0, 0)
        c.showPage()
    c.save()
    return path
