"""Contracts laid out as a table, one clause per row: a Word table "Cláusula | Contenido" whose first cell
holds the clause's number and title. Every check must see those clauses as clauses (the supporting checks
look for them by their titles), while a price table inside a clause stays part of that clause."""
from __future__ import annotations

import json

from contratos.document import Block, Document
from contratos.segment import segment

from .builders import make_docx
from .conftest import run_cli

_ROWS = [
    ["Cláusula", "Contenido"],
    ["Primera. Objeto", "LA DISEÑADORA creará la identidad visual de la panadería: logotipo, paleta de colores, "
                        "dos tipografías y un manual de marca de doce páginas, con dos rondas de cambios."],
    ["Segunda. Precio", "EL CLIENTE pagará 1.200 euros más IVA en dos mitades, a la firma y a la entrega del manual, "
                        "dentro de los diez días siguientes a cada factura."],
    ["Tercera. Mora", "Las facturas pagadas fuera de plazo devengarán el interés legal del dinero incrementado en "
                      "dos puntos desde su vencimiento."],
    ["Cuarta. Independencia", "LA DISEÑADORA trabaja con sus propios medios, en el horario que ella decide, y no "
                              "existe relación laboral alguna entre las partes."],
    ["Quinta. Terminación", "Cualquiera de las partes podrá terminar el contrato sin expresión de causa avisando "
                            "a la otra con quince días de antelación; se pagará el trabajo realizado hasta entonces."],
]


def test_a_word_table_of_clauses_is_read_clause_by_clause(tmp_path):
    path = make_docx(tmp_path / "contrato_tabla.docx", [
        ("h1", "CONTRATO DE DISEÑO"),
        ("p", "Entre Panadería Sol S.L. (en adelante, EL CLIENTE) y Dña. Eva Mar (en adelante, LA DISEÑADORA) "
              "se acuerdan las cláusulas siguientes."),
        ("table", _ROWS),
    ])
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["mora"]["status"] == "ok", checks["mora"]
    assert checks["independencia"]["status"] == "ok", checks["independencia"]
    assert checks["rescision"]["status"] == "ok" and checks["rescision"]["details"]["notice_days"] == 15
    assert checks["alcance"]["status"] == "ok" and checks["pago"]["status"] == "ok"


def _doc(blocks: list[Block]) -> Document:
    return Document(path="t", format="docx", blocks=blocks)


def test_clause_rows_become_clauses_and_a_price_table_does_not():
    clause_rows = [Block(" | ".join(row), kind="table") for row in _ROWS]
    clauses = segment(_doc([Block("CONTRATO DE DISEÑO", kind="heading"), *clause_rows]))
    assert [(c.label, c.title) for c in clauses[1:]] == [
        ("Primera", "Objeto"), ("Segunda", "Precio"), ("Tercera", "Mora"), ("Cuarta", "Independencia"),
        ("Quinta", "Terminación")]
    doc = _doc([Block("CONTRATO DE DISEÑO", kind="heading"), *clause_rows])
    assert doc.text[clauses[2].body_start:clauses[2].end].startswith("EL CLIENTE pagará 1.200 euros")
    prices = [Block("Fase | Importe", kind="table"), Block("1. Bocetos | 300 euros", kind="table"),
              Block("2. Logotipo final | 500 euros", kind="table"), Block("3. Manual de marca | 400 euros", kind="table")]
    clauses = segment(_doc([Block("SEGUNDA. PRECIO", kind="heading"), *prices]))
    assert [(c.label, c.title) for c in clauses] == [("SEGUNDA", "PRECIO")]


_FORM = [
    ("h1", "CONTRATO DE SERVICIOS DE FOTOGRAFÍA"),
    ("p", "LA FOTÓGRAFA: Inés Rojas, cédula 1-2345-0678. LOS CLIENTES: Mario Solís y Ana Vega, vecinos de Heredia."),
    ("p", "Paquete contratado: cobertura de la boda de ocho horas, 400 fotografías editadas, un álbum impreso de "
          "treinta páginas y una galería en línea."),
    ("p", "Precio total: 900.000 colones. Forma de pago: 40 % a la firma y el 60 % restante el día del evento, por "
          "transferencia."),
    ("p", "Plazos de entrega: la galería en línea se entregará dentro de los treinta días naturales siguientes al "
          "evento y el álbum dentro de los sesenta días."),
    ("p", "Cambios: cualquier cambio en el paquete o en el precio se acordará por escrito entre LA FOTÓGRAFA y LOS "
          "CLIENTES."),
    ("p", "Cancelación: cualquiera de las partes podrá cancelar el servicio sin expresión de causa con treinta días "
          "naturales de anticipación."),
]


def test_a_form_of_field_names_is_read_field_by_field(tmp_path):
    """A title and then no heading: each paragraph is a clause and its field name ("Plazos de entrega:") its title."""
    path = make_docx(tmp_path / "formulario.docx", _FORM)
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    for check_id in ("alcance", "pago", "rescision", "plazos", "modificaciones"):
        assert checks[check_id]["status"] == "ok", checks[check_id]
    clauses = segment(_doc([Block(_FORM[0][1], kind="heading"), *(Block(text) for _, text in _FORM[1:])]))
    assert [c.title for c in clauses][2:] == ["Paquete contratado", "Precio total", "Plazos de entrega", "Cambios",
                                              "Cancelación"]
    assert clauses[0].section == "preamble" and {c.section for c in clauses[1:]} == {"clauses"}
