"""Drafts of one design contract, written for these tests: a Word file with tracked changes, a table and
a header, and plain-text versions of the same contract with one change each (added, weakened, removed,
reworded) for the comparison tests. The parties are LA DISEÑADORA and EL COMITENTE."""
from __future__ import annotations

from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER = "Borrador para revisión · Panificadora Los Álamos"

PARTIES = ("Entre Panificadora Los Álamos S.R.L., representada por su gerente Marta Quiroga, en adelante EL "
           "COMITENTE, y Julia Benítez, diseñadora gráfica independiente, en adelante LA DISEÑADORA, se celebra "
           "el presente contrato de locación de servicios, sujeto a las siguientes cláusulas:")
OBJETO = ("LA DISEÑADORA se obliga a prestar a EL COMITENTE los servicios de diseño del empaque de tres productos "
          "de panadería (pan de molde, budín y galletas de avena) y de sus etiquetas, entregando los archivos "
          "editables y una versión lista para imprenta de cada pieza.")
INSERTED = " Cada pieza incluye hasta dos rondas de revisión."
DELETED = " y cualquier otra tarea que EL COMITENTE le asigne"
RESCISION_WEAK = ("EL COMITENTE podrá rescindir el presente contrato en cualquier momento y sin expresión de causa, "
                  "sin que ello genere derecho a indemnización alguna.")
PLAZOS = ("LA DISEÑADORA entregará las primeras propuestas dentro de los quince (15) días corridos desde la firma "
          "del presente contrato y los archivos finales dentro de los diez (10) días de aprobadas las propuestas.")


def _run(text: str, deleted: bool = False):
    from lxml import etree

    r = etree.Element(f"{{{W}}}r")
    t = etree.SubElement(r, f"{{{W}}}{'delText' if deleted else 't'}")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _tracked(kind: str, text: str, change_id: int):
    from lxml import etree

    el = etree.Element(f"{{{W}}}{kind}")
    el.set(f"{{{W}}}id", str(change_id))
    el.set(f"{{{W}}}author", "Marta Quiroga")
    el.set(f"{{{W}}}date", "2024-05-02T10:00:00Z")
    el.append(_run(text, deleted=kind == "del"))
    return el


def designer_docx(path: Path) -> Path:
    """The client's draft in Word: a header, clause titles in a heading style, the object clause with a
    tracked insertion and a tracked deletion, the fees in a table (pago weak: 90 days), a one-sided
    termination inserted as a tracked change (rescision weak) and no late-payment clause (mora missing)."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = HEADER
    document.add_heading("CONTRATO DE LOCACIÓN DE SERVICIOS DE DISEÑO", level=1)
    document.add_paragraph(PARTIES)
    document.add_heading("PRIMERA. OBJETO", level=2)
    objeto = document.add_paragraph(OBJETO)
    objeto._p.append(_tracked("ins", INSERTED, 1))
    objeto._p.append(_tracked("del", DELETED, 2))
    document.add_heading("SEGUNDA. HONORARIOS", level=2)
    document.add_paragraph("Por los servicios descritos, EL COMITENTE abonará a LA DISEÑADORA los honorarios que "
                           "se indican en la tabla siguiente:")
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["Concepto", "Importe", "Momento de pago"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["Honorarios totales", "$ 900.000 (pesos novecientos mil)",
                              "EL COMITENTE pagará los honorarios a los noventa (90) días de recibida la factura"]):
        table.cell(1, c).text = text
    document.add_heading("TERCERA. PLAZOS", level=2)
    document.add_paragraph(PLAZOS)
    document.add_heading("CUARTA. RESCISIÓN", level=2)
    document.add_paragraph()._p.append(_tracked("ins", RESCISION_WEAK, 3))  # the whole clause, a tracked insertion
    document.add_heading("QUINTA. INDEPENDENCIA", level=2)
    document.add_paragraph("LA DISEÑADORA prestará los servicios con plena autonomía, con sus propios medios y sin "
                           "relación de dependencia laboral con EL COMITENTE.")
    document.add_paragraph("En prueba de conformidad, se firman dos ejemplares de un mismo tenor.")
    document.save(path)
    return path


# ---- plain-text drafts for the comparison ----

_TITLE = "CONTRATO DE LOCACIÓN DE SERVICIOS DE DISEÑO"
_SCOPE = ("PRIMERA. OBJETO\nLA DISEÑADORA se obliga a prestar a EL COMITENTE los servicios de diseño del empaque "
          "de tres productos de panadería (pan de molde, budín y galletas de avena) y de sus etiquetas, entregando "
          "los archivos editables y una versión lista para imprenta de cada pieza. Cada pieza incluye hasta dos "
          "rondas de revisión; los trabajos no enumerados se presupuestarán por separado.")
_SCOPE_REWORDED = ("PRIMERA. OBJETO\nEL COMITENTE encarga a LA DISEÑADORA, y esta acepta, el diseño del empaque "
                   "de tres productos de panadería (pan de molde, budín y galletas de avena) y de sus etiquetas; "
                   "LA DISEÑADORA entregará los archivos editables y una versión lista para imprenta de cada pieza. "
                   "Cada pieza incluye hasta dos rondas de revisión; los trabajos no enumerados se presupuestarán "
                   "por separado.")
_FEES = ("SEGUNDA. HONORARIOS\nEL COMITENTE pagará a LA DISEÑADORA la suma total de PESOS NOVECIENTOS MIL "
         "($ 900.000), en dos pagos: el cincuenta por ciento a la firma y el resto dentro de los diez (10) días de "
         "la entrega final, contra factura, por transferencia bancaria.")
_LATE = ("TERCERA. MORA\nLas facturas no pagadas a su vencimiento devengarán un interés moratorio del dos por "
         "ciento (2 %) mensual desde el día siguiente al vencimiento.")
_TERMINATION = ("CUARTA. RESCISIÓN\nCualquiera de las partes podrá rescindir el presente contrato sin expresión de "
                "causa, notificándolo por escrito a la otra con treinta (30) días de anticipación. En tal caso, EL "
                "COMITENTE pagará los trabajos realizados hasta la fecha de la rescisión.")
_CHANGES = ("QUINTA. MODIFICACIONES\nToda modificación del presente contrato deberá hacerse por escrito y con la "
            "firma de ambas partes.")
_REST = ("SEXTA. INDEPENDENCIA\nLA DISEÑADORA prestará los servicios con plena autonomía, con sus propios medios y "
         "sin relación de dependencia laboral con EL COMITENTE.\n\n"
         "SÉPTIMA. OBLIGACIONES DEL COMITENTE\nEL COMITENTE se obliga a proporcionar a LA DISEÑADORA los logotipos, "
         "las fotografías de los productos y los textos de las etiquetas, y a aprobar o comentar cada propuesta "
         "dentro de los cinco (5) días hábiles de recibida.\n\n"
         "OCTAVA. PLAZOS\nLA DISEÑADORA entregará las primeras propuestas dentro de los quince (15) días corridos "
         "desde la firma y los archivos finales dentro de los diez (10) días de aprobadas las propuestas.")


def draft(fees: bool = True, late: bool = True, termination: str = "both", reworded: bool = False) -> str:
    """The contract as text. termination: "both" (either party, notice, work paid) or "client" (only EL
    COMITENTE may end it, without notice)."""
    parts = [_TITLE, PARTIES, _SCOPE_REWORDED if reworded else _SCOPE]
    if fees:
        parts.append(_FEES)
    if late:
        parts.append(_LATE)
    parts.append(_TERMINATION if termination == "both" else "CUARTA. RESCISIÓN\n" + RESCISION_WEAK)
    parts += [_CHANGES, _REST]
    return "\n\n".join(parts) + "\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def as_docx(path: Path, text: str) -> Path:
    """The same text as a Word file: first line of each clause as a heading, the rest as paragraphs."""
    import docx

    document = docx.Document()
    for chunk in text.strip().split("\n\n"):
        lines = chunk.split("\n")
        if len(lines) > 1:
            document.add_heading(lines[0], level=2)
            for line in lines[1:]:
                document.add_paragraph(line)
        else:
            document.add_paragraph(lines[0])
    document.save(path)
    return path


def as_pdf(path: Path, text: str) -> Path:
    """The same text as a PDF with real text, wrapped at 95 characters."""
    import textwrap

    from .builders import make_pdf

    lines: list[str] = []
    for chunk in text.strip().split("\n\n"):
        for line in chunk.split("\n"):
            lines += textwrap.wrap(line, 95) or [""]
        lines.append("")
    pages = [lines[i:i + 48] for i in range(0, len(lines), 48)]
    return make_pdf(path, pages, footer=False)
