"""Headings and clause segmentation."""
from __future__ import annotations

import pytest

from contratos.document import Block, Document
from contratos.headings import parse_heading
from contratos.segment import segment


@pytest.mark.parametrize("line,label,title,body", [
    ("CLÁUSULA PRIMERA.- OBJETO", "CLÁUSULA PRIMERA", "OBJETO", ""),
    ("PRIMERA. Objeto", "PRIMERA", "Objeto", ""),
    ("PRIMERA.- OBJETO. El presente contrato tiene por objeto", "PRIMERA", "OBJETO", "El presente contrato tiene por objeto"),
    ("Artículo 3", "Artículo 3", "", ""),
    ("Art. 4º.- Honorarios", "Art. 4º", "Honorarios", ""),
    ("3. El CLIENTE pagará la factura.", "3.", "", "El CLIENTE pagará la factura."),
    ("3.1 Forma de pago", "3.1", "Forma de pago", ""),
    ("III. Declaraciones", "III.", "Declaraciones", ""),
    ("DÉCIMA: RESCISIÓN", "DÉCIMA", "RESCISIÓN", ""),
    ("DÉCIMA SEGUNDA.- JURISDICCIÓN", "DÉCIMA SEGUNDA", "JURISDICCIÓN", ""),
    ("DECIMOTERCERA.- Rescisión anticipada", "DECIMOTERCERA", "Rescisión anticipada", ""),
    ("HONORARIOS Y FORMA DE PAGO", "", "HONORARIOS Y FORMA DE PAGO", ""),
    ("CLAUSULA DECIMA", "CLAUSULA DECIMA", "", ""),
    # a question as a title (letters, plain-language templates); the unaccented "que" opens a sentence
    ("PRIMERA. Qué haré. Voy a pintar el mural del patio.", "PRIMERA", "Qué haré", "Voy a pintar el mural del patio."),
    ("PRIMERA. Que el mural se pinte en marzo. Lo demás, igual.", "PRIMERA", "", "Que el mural se pinte en marzo. Lo demás, igual."),
])
def test_heading_forms(line, label, title, body):
    heading = parse_heading(line)
    assert heading is not None
    assert (heading.label, heading.title, heading.body) == (label, title, body)


@pytest.mark.parametrize("line", [
    "30 días hábiles desde la factura", "Primero, el cliente revisará el borrador.",
    "EL PRESTADOR se obliga a entregar los trabajos en el plazo y la forma convenidos en el cronograma",
    "El cliente pagará.",
])
def test_body_lines_are_not_headings(line):
    assert parse_heading(line) is None


def _doc(*texts: str) -> Document:
    return Document(path="t", format="txt", blocks=[Block(t) for t in texts])


def test_recitals_then_clauses_and_subclauses():
    doc = _doc("CONTRATO DE SERVICIOS", "DECLARACIONES", "I. Declara EL CLIENTE que necesita un sitio web.",
               "CLÁUSULAS", "PRIMERA.- OBJETO", "El prestador diseñará el sitio.", "SEGUNDA.- HONORARIOS",
               "2.1 El cliente pagará $ 10.000.", "ANEXO I", "Detalle de servicios.")
    clauses = segment(doc)
    by_heading = {c.heading: c for c in clauses}
    assert by_heading["I"].section == "recitals"
    assert by_heading["PRIMERA. OBJETO"].section == "clauses"
    assert by_heading["HONORARIOS, 2.1"].parent_titles == ["HONORARIOS"]
    assert by_heading["ANEXO I"].section == "annex"


def test_prose_without_headings_falls_back_to_paragraphs():
    doc = _doc("Entre Ana y la empresa Sur se acuerda lo siguiente.", "Ana redactará diez artículos al mes.",
               "La empresa pagará 400 dólares al mes.")
    clauses = segment(doc)
    assert len(clauses) == 3 and clauses[1].heading == "Párrafo 2"
