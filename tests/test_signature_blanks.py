"""The space where the parties sign or initial each page ("Rúbrica de las partes: ____ / ____") is filled by hand at
signing: campos_vacios does not count it, however it is spelled; a term left unfilled next to it still counts."""
from __future__ import annotations

import json

import pytest

from contratos.blanks import find_blanks, on_signature_line

from .builders import make_docx
from .conftest import run_cli

BODY = [
    ("p", "PRIMERA. OBJETO. LA CONSULTORA revisará los costos de producción de la planta de LA EMPRESA "
          "y entregará un informe con las medidas de ahorro al cabo de tres meses."),
    ("p", "SEGUNDA. HONORARIOS. LA EMPRESA pagará a LA CONSULTORA 90.000 pesos mensuales, a quince días "
          "de recibida cada factura, por transferencia bancaria."),
]


@pytest.mark.parametrize("line", [
    "Documento confidencial. Rúbrica de las partes: ________ / ________",
    "RÚBRICA: __________",
    "Rubrica de las partes: ______ / ______",
    "Firma y aclaración: ____________",
])
def test_a_line_to_sign_or_initial_is_no_blank(line):
    blanks = find_blanks(line)
    assert blanks and all(on_signature_line(line, b) for b in blanks)


@pytest.mark.parametrize("line", [
    "Plazo de entrega: ________ días",
    "LA EMPRESA pagará a ________ días de cada factura.",
])
def test_a_term_left_empty_is_a_blank(line):
    blanks = find_blanks(line)
    assert blanks and not any(on_signature_line(line, b) for b in blanks)


def _blanks_check(path):
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return next(c for c in report["checks"] if c["id"] == "campos_vacios")


def test_cli_the_parties_initials_line_leaves_the_contract_complete(tmp_path):
    path = make_docx(tmp_path / "consultoria.docx",
                     BODY + [("p", "Documento confidencial. Rúbrica de las partes: ________ / ________")])
    check = _blanks_check(path)
    assert check["status"] == "ok" and check["details"]["blanks"] == []


def test_cli_a_days_blank_next_to_the_initials_is_reported(tmp_path):
    body = [BODY[0], ("p", BODY[1][1].replace("a quince días", "a ________ días"))]
    path = make_docx(tmp_path / "consultoria_hueco.docx",
                     body + [("p", "Documento confidencial. Rúbrica de las partes: ________ / ________")])
    check = _blanks_check(path)
    assert check["status"] == "weak" and check["details"]["blanks"] == ["________"]
