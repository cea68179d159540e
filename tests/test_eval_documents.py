"""The labelled evaluation documents (eval/documents): core statuses, the rescision details and the
document kind, as recorded in eval/documents/expected.toml (see eval/LABELS.md)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import contratos

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "eval" / "documents"
ENTRIES = sorted(tomllib.loads((DOCS / "expected.toml").read_text(encoding="utf-8")).values(),
                 key=lambda e: e["file"])
CORE = ("alcance", "pago", "rescision")


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_core_statuses_details_and_kind(entry):
    report = contratos.check_file(DOCS / entry["file"])
    assert report.readable
    got = {c.id: c for c in report.checks}
    assert {k: got[k].status for k in CORE} == {k: entry["expected"][k] for k in CORE}, entry["description"]
    if entry.get("language", "es") == "es":
        assert report.document_kind == entry.get("document_kind", "servicios")
    else:
        assert report.language == entry["language"]
    details = entry["expected"].get("details")
    if details:
        found = got["rescision"].details
        assert found["who"] == details["who"]
        assert found["notice_days"] == details.get("notice_days")


def test_not_a_service_contract_gets_a_warning_not_gaps():
    report = contratos.check_file(DOCS / "b_02_laboral_gt_contador.docx")
    assert report.document_kind == "laboral" and report.exit_code == 0
    assert all(c.status == "not_applicable" for c in report.checks)
    assert "contrato de trabajo" in report.warnings[0] and "--forzar" in report.warnings[0]
    forced = contratos.check_file(DOCS / "b_02_laboral_gt_contador.docx", force=True)
    assert all(c.status != "not_applicable" for c in forced.checks)


def test_english_document_is_not_checked():
    report = contratos.check_file(DOCS / "b_06_consulting_en_us_supplychain.pdf")
    assert report.language == "en" and all(c.status == "not_applicable" for c in report.checks)


SUPPORTING_CASES = [
    ("a_01_rescision_prohibida_co_software.docx", "mora", "ok"),
    ("a_07_solo_cliente_ar_diseno.docx", "mora", "missing"),
    ("a_05_anexo_condiciones_pe_arquitectura.pdf", "modificaciones", "ok"),
    ("b_13_tarifas_ar_edicion_video.docx", "modificaciones", "weak"),
    ("a_02_prorroga_tacita_mx_contabilidad.pdf", "modificaciones", "missing"),
    ("a_05_anexo_condiciones_pe_arquitectura.pdf", "independencia", "ok"),
    ("b_12_subordinacion_ec_soporte.pdf", "independencia", "weak"),
    ("a_01_rescision_prohibida_co_software.docx", "independencia", "missing"),
    ("a_02_prorroga_tacita_mx_contabilidad.pdf", "obligaciones_cliente", "ok"),
    ("a_11_clausula_penal_cr_eventos.pdf", "obligaciones_cliente", "missing"),
    ("a_01_rescision_prohibida_co_software.docx", "plazos", "ok"),
    ("b_11_plantilla_pe_curso_virtual.docx", "campos_vacios", "weak"),
    ("a_02_prorroga_tacita_mx_contabilidad.pdf", "campos_vacios", "ok"),
]


@pytest.mark.parametrize("name,check_id,status", SUPPORTING_CASES, ids=[f"{c}-{s}" for _, c, s in SUPPORTING_CASES])
def test_supporting_checks_on_real_documents(name, check_id, status):
    report = contratos.check_file(DOCS / name)
    check = next(c for c in report.checks if c.id == check_id)
    assert check.status == status, check.explanation
    assert check.severity in ("media", "baja") and check.message and check.why
    if status != "ok":
        assert check.recommendation
    if status == "weak" or (status == "ok" and check_id != "campos_vacios"):  # no blank: nothing to quote
        assert check.evidence and check.evidence[0].heading
