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
