"""The command line as users call it: exit codes, formats, Spanish messages, no tracebacks."""
from __future__ import annotations

import json

from .builders import make_pdf
from .conftest import SAMPLES, run_cli


def test_version_and_spanish_help():
    assert run_cli("--version").stdout.startswith("contratos ")
    out = run_cli("--help").stdout
    assert "Uso:" in out and "Opciones:" in out and "Códigos de salida" in out
    assert "Usage" not in out and "Show this message" not in out
    check_help = run_cli("check", "--help").stdout
    assert "ARCHIVO" in check_help and "Formato del informe" in check_help


def test_exit_0_text_report_without_gaps():
    result = run_cli("check", str(SAMPLES / "completo_ar_diseno.docx"))
    assert result.returncode == 0, result.stdout
    assert "Sin puntos débiles en las 9 comprobaciones." in result.stdout
    assert "\x1b[" not in result.stdout  # no colour on a pipe
    assert result.stderr == ""  # W095 and other warnings never reach the user


def test_exit_1_with_gap_and_markdown():
    result = run_cli("check", str(SAMPLES / "sin_pago_mx_marketing.docx"), "--format", "markdown")
    assert result.returncode == 1
    assert "## [ ] Pago" in result.stdout and "**Qué pedir.**" in result.stdout


def test_exit_2_missing_file_one_spanish_line():
    result = run_cli("check", "no-existe.pdf")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-existe.pdf" in lines[0] and "no existe" in lines[0]
    assert "Traceback" not in result.stderr


def test_exit_2_scanned_pdf_json_has_no_checks(tmp_path):
    path = make_pdf(tmp_path / "escaneado.pdf", [[]], image_only=True)
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["readable"] is False and report["checks"] == []
    assert report["error"]["code"] == "no_text_layer"
    assert "escaneado.pdf" in result.stderr and "OCR" in result.stderr


def test_exit_2_corrupt_docx(tmp_path):
    path = tmp_path / "contrato roto ñ.docx"
    path.write_bytes(b"PK\x03\x04 no es un zip completo")
    result = run_cli("check", str(path))
    assert result.returncode == 2 and "contrato roto ñ.docx" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_usage_error_is_spanish():
    result = run_cli("check")
    assert result.returncode == 2 and "falta ARCHIVO" in result.stderr


def test_json_schema_fields():
    result = run_cli("check", str(SAMPLES / "completo_es_consultoria_multipagina.pdf"), "-f", "json")
    report = json.loads(result.stdout)
    assert {"schema_version", "file", "language", "readable", "error", "checks", "summary"} <= report.keys()
    for check in report["checks"]:
        assert {"id", "status", "severity", "message", "evidence", "details", "why", "recommendation"} <= check.keys()
        for ev in check["evidence"]:
            assert {"heading", "text", "page", "start", "end"} <= ev.keys()
            assert isinstance(ev["page"], int)
    assert report["summary"]["gaps_by_severity"]["alta"] == 0 and report["document_kind"] == "servicios"


def test_input_file_is_not_modified(tmp_path):
    import shutil

    copy = tmp_path / "c.docx"
    shutil.copy(SAMPLES / "completo_ar_diseno.docx", copy)
    before = (copy.read_bytes(), copy.stat().st_mtime_ns)
    run_cli("check", str(copy))
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before
