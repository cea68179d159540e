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
