"""Property-based tests of the text stages: any Unicode text, any bytes named .txt, gives a valid report
or a coded error, never an exception. Text is drawn from contract fragments mixed with arbitrary
Unicode, so that headings, clauses, amounts and blanks are exercised, not only noise."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contratos.api import check_text
from contratos.errors import ERROR_CODES, ContratosError
from contratos.formatters import render
from contratos.readers.text import decode
from contratos.report import STATUSES
from contratos.textnorm import fold, fold_aligned

FRAGMENTS = [
    "CONTRATO DE PRESTACIÓN DE SERVICIOS", "CLÁUSULA PRIMERA.- OBJETO", "SEGUNDA. HONORARIOS", "3.1", "III.",
    "El Prestador se obliga a diseñar el logotipo y el manual de marca del Cliente.",
    "El Cliente pagará la suma de $ 250.000 (doscientos cincuenta mil pesos) a los 30 días de la factura.",
    "Cualquiera de las partes podrá rescindir el contrato con un preaviso de quince (15) días.",
    "No podrá el Cliente terminar el contrato.", "ninguna de las partes podrá", "la cantidad de ________ euros",
    "[NOMBRE DEL CLIENTE]", "Los intereses de mora serán del 2% mensual.", "ANEXO I", "Artículo 4",
    "EL PRESTADOR", "LA CONTRATANTE", "por escrito", "plazo de entrega", "\n", "\n\n", "\t", " | ", "...",
    "ＣＯＮＴＲＡＴＯ", "cla\u0301usula", "\u200b", "\ufeff", "\u202e", "ß", "İ", "ﬁ", "\U0001F4DD",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map(" ".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_valid(report) -> None:
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["schema_version"] == 1
    if not report.readable:
        assert data["error"]["code"] in ERROR_CODES and data["checks"] == []
        return
    for check in report.checks:
        assert check.status in STATUSES
        for ev in check.evidence:
            assert 0 <= ev.start <= ev.end <= len(report.text)
            quoted = " ".join(report.text[ev.start:ev.end].split())  # quotes are trimmed, spaces collapsed
            assert ev.text.strip("…") in quoted
    for fmt in ("text", "json", "markdown", "html"):
        assert render(report, fmt)


@SETTINGS
@given(texts)
def test_any_text_gives_a_valid_report(text):
    _assert_valid(check_text(text, force=True))  # force: run every stage, not only the language gate


@SETTINGS
@given(texts)
def test_any_text_through_the_default_gate(text):
    _assert_valid(check_text(text))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_are_refused_with_a_code(data):
    try:
        text = decode(data)
    except ContratosError as error:
        assert error.code == "not_text"
    else:
        assert isinstance(text, str)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_folding_keeps_offsets(text):
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert fold(fold(text)) == fold(text)
