"""Language: a non-Spanish document gets a warning and no gaps; a bilingual contract is checked on its
Spanish part, whatever its layout (alternating paragraphs, side-by-side table, one version after the other)."""
from __future__ import annotations

import json

from contratos.api import check_file
from contratos.document import Block, Document
from contratos.language import detect_language, spanish_part

from .builders import make_docx
from .conftest import run_cli

ES = [
    "PRIMERA. OBJETO. El Prestador se obliga a traducir al inglés el manual técnico del Cliente, de "
    "ciento veinte páginas, y a entregar la traducción revisada en formato Word.",
    "SEGUNDA. HONORARIOS. El Cliente pagará la cantidad de 2.400 euros mediante transferencia bancaria "
    "dentro de los 30 días siguientes a la recepción de la factura.",
    "TERCERA. RESCISIÓN. Cualquiera de las partes podrá resolver el presente contrato con un preaviso "
    "de 15 días naturales; los trabajos realizados hasta esa fecha serán abonados.",
]
EN = [
    "FIRST. PURPOSE. The Provider shall translate into English the technical manual of the Client, of "
    "one hundred and twenty pages, and deliver the revised translation in Word format.",
    "SECOND. FEES. The Client shall pay the amount of 2,400 euros by bank transfer within 30 days of "
    "the receipt of the invoice.",
    "THIRD. TERMINATION. Either party may terminate this agreement with 15 calendar days notice; the "
    "work performed up to that date shall be paid.",
]
TITLE = "CONTRATO DE PRESTACIÓN DE SERVICIOS / SERVICES AGREEMENT"


def _statuses(report) -> dict[str, str]:
    return {c.id: c.status for c in report.checks}


def _assert_spanish_part_checked(report) -> None:
    assert report.readable and report.language == "es"
    assert any("bilingüe" in w and "inglés" in w for w in report.warnings)
    assert "The Client shall pay" not in report.text and "El Cliente pagará" in report.text
    statuses = _statuses(report)
    assert statuses["pago"] == "ok" and statuses["rescision"] == "ok"
    assert statuses["alcance"] != "not_applicable"


def test_alternating_paragraphs(tmp_path):
    path = tmp_path / "bilingue.txt"
    body = [TITLE] + [p for pair in zip(ES, EN) for p in pair]
    path.write_text("\n\n".join(body), encoding="utf-8")
    _assert_spanish_part_checked(check_file(path))


def test_side_by_side_table(tmp_path):
    path = make_docx(tmp_path / "bilingue.docx", [("h1", TITLE), ("table", [list(pair) for pair in zip(ES, EN)])])
    report = check_file(path)
    _assert_spanish_part_checked(report)
    assert " | " not in report.text  # only the Spanish column is left


def test_english_version_first_then_spanish(tmp_path):
    path = tmp_path / "bilingue.txt"
    path.write_text("\n\n".join(["SERVICES AGREEMENT", *EN, "CONTRATO DE PRESTACIÓN DE SERVICIOS", *ES]),
                    encoding="utf-8")
    _assert_spanish_part_checked(check_file(path))


def test_spanish_contract_quoting_english_is_not_bilingual():
    text = ES + ['Las partes acuerdan que la expresión "work for hire" no se aplica a este contrato.']
    document = Document(path="x", format="txt", blocks=[Block(p) for p in text])
    same, other = spanish_part(document)
    assert same is document and other is None


def test_english_document_gets_a_warning_and_no_gaps_through_the_cli(tmp_path):
    path = tmp_path / "agreement.txt"
    path.write_text("\n\n".join(["SERVICES AGREEMENT", *EN]), encoding="utf-8")
    assert detect_language(path.read_text(encoding="utf-8")) == "en"
    result = run_cli("check", str(path), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0, result.stderr
    assert report["language"] == "en" and report["summary"]["gaps"] == 0
    assert {c["status"] for c in report["checks"]} == {"not_applicable"}
    assert "inglés" in report["warnings"][0]


def test_bilingual_contract_through_the_cli(tmp_path):
    path = tmp_path / "contrato bilingüe.txt"
    path.write_text("\n\n".join([TITLE] + [p for pair in zip(ES, EN) for p in pair]), encoding="utf-8")
    result = run_cli("check", str(path))
    assert "bilingüe" in result.stdout and "Pago (honorarios, monto y plazo): bien" in result.stdout
