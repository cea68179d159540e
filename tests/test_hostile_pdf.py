"""Hostile and broken PDFs: a clear one-line answer every time, never a traceback or a verdict on a
file that could not be read, never a change to the input. Also OCR of scanned pages (--ocr) and the
time limit of `check`. Every file is a real PDF built by tests/hostile_pdf.py."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contratos.api import check_file
from contratos.errors import ERROR_CODES, ContratosError
from contratos.readers import read_document

from . import hostile_pdf as h
from .conftest import ROOT, run_cli


def _tesseract_missing() -> str | None:
    """Why the OCR tests cannot run here, or None."""
    exe = shutil.which("tesseract")
    if not exe:
        return "Tesseract no está instalado (sudo apt install tesseract-ocr tesseract-ocr-spa)"
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    if "spa" not in (langs.stdout + langs.stderr).split():
        return "Tesseract no tiene el idioma español (sudo apt install tesseract-ocr-spa)"
    return None


NO_OCR = _tesseract_missing()
needs_ocr = pytest.mark.skipif(NO_OCR is not None, reason=f"sin OCR: {NO_OCR}")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("hostiles")
    return {
        "contrato": h.text_pdf(d / "contrato.pdf"),
        "truncado": h.truncated_pdf(d / "truncado.pdf"),
        "basura": h.garbage_pdf(d / "basura.pdf"),
        "bucle": h.looping_page_tree_pdf(d / "bucle.pdf"),
        "cifrado": h.text_pdf(d / "cifrado.pdf", encrypt="clave"),
        "escaneado": h.scanned_pdf(d / "escaneado.pdf"),
        "mixto": h.scanned_pdf(d / "mixto.pdf", scan={2}),
        "enorme": h.many_pages_pdf(d / "enorme.pdf", 2001),
        "pesado": h.oversized_pdf(d / "pesado.pdf", 201 * 2**20),
        "lento": h.slow_pdf(d / "lento.pdf"),
    }


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    if env is None:
        return run_cli(*args)
    exe = Path(sys.executable).with_name("contratos")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def _unreadable(path: Path, *extra: str, env: dict | None = None) -> tuple[dict, str]:
    """Run check in text and JSON form and assert what every unreadable file gets; return the
    JSON report and the stderr line."""
    before = _fingerprint(path)
    text = _cli("check", str(path), *extra, env=env)
    as_json = _cli("check", str(path), "--format", "json", *extra, env=env)
    assert _fingerprint(path) == before, "the input file was modified"
    for result in (text, as_json):
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"contratos: {path}: ")
    assert text.stdout == ""  # text mode: no report, no "all clauses missing"
    assert as_json.stderr == text.stderr
    report = json.loads(as_json.stdout)
    assert report["readable"] is False and report["checks"] == [] and report["error"]["code"] in ERROR_CODES
    assert report["summary"]["gaps"] == 0
    return report, text.stderr.strip()


@pytest.mark.parametrize("name,extra,code,says", [
    ("truncado", (), "corrupt", "el PDF está incompleto (le falta el final del archivo). Descárguelo de nuevo"),
    ("basura", (), "corrupt", "el PDF está dañado o incompleto. Pida una copia nueva"),
    ("bucle", (), "corrupt", "el PDF está dañado: no se pudo leer la página 2 y ninguna otra tiene texto"),
    ("cifrado", (), "encrypted", "el PDF está protegido con contraseña. Vuelva a ejecutar con --password"),
    ("cifrado", ("--password", "otra"), "encrypted", "la contraseña indicada no abre el PDF"),
    ("escaneado", (), "no_text_layer", "el PDF no tiene capa de texto (parece escaneado). Vuelva a ejecutar con --ocr"),
    ("enorme", (), "too_large", "el PDF tiene 2001 páginas, más de 2000"),
    ("pesado", (), "too_large", "el PDF ocupa 201 MB, más de 200 MB"),
])
def test_unreadable_pdf_gets_one_spanish_line_exit_2_and_a_stable_code(files, name, extra, code, says):
    report, line = _unreadable(files[name], *extra)
    assert report["error"]["code"] == code
    assert says in line and says in report["error"]["message"]


def test_ocr_without_tesseract_says_how_to_install_it(files):
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # the venv, no tesseract
    report, line = _unreadable(files["escaneado"], "--ocr", env=env)
    assert report["error"]["code"] == "ocr_unavailable"
    assert ("no se encontró Tesseract, necesario para --ocr. "
            "Instálelo con: sudo apt install tesseract-ocr tesseract-ocr-spa") in line
    # a PDF with a text layer needs no OCR: --ocr without Tesseract still checks it
    ok = _cli("check", str(files["contrato"]), "--ocr", "--format", "json", env=env)
    assert ok.returncode == 0 and json.loads(ok.stdout)["ocr_pages"] == []


def test_reader_raises_coded_errors(files):
    cases = {"truncado": "corrupt", "basura": "corrupt", "bucle": "corrupt", "cifrado": "encrypted",
             "escaneado": "no_text_layer", "enorme": "too_large", "pesado": "too_large"}
    for name, code in cases.items():
        with pytest.raises(ContratosError) as info:
            read_document(files[name])
        assert info.value.code == code, name
        report = check_file(files[name])
        assert not report.readable and report.error["code"] == code and report.checks == []


def test_encrypted_pdf_opens_with_its_password(files):
    report = check_file(files["cifrado"], password="clave")
    status = {c.id: c.status for c in report.checks}
    assert report.readable and status["alcance"] == status["pago"] == status["rescision"] == "ok"
    result = run_cli("check", str(files["cifrado"]), "--password", "clave", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["readable"] is True


def test_pdf_protected_only_against_copying_is_checked(tmp_path):
    """An owner password (no printing, no copying) but none to open: the contract is read as usual."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    lock = StandardEncryption("", ownerPassword="propietario", canPrint=0, canCopy=0, canModify=0)
    report = check_file(h.text_pdf(tmp_path / "protegido.pdf", encrypt=lock))
    assert report.readable and {c.id: c.status for c in report.checks}["pago"] == "ok"


_FAKE_TESSERACT = """#!/bin/sh
if [ "$1" = "--list-langs" ]; then printf 'List of available languages (2):\n%s\nosd\n' "$LANGS"; exit 0; fi
cat >/dev/null
echo "Error in pixReadMem: Unknown format: no pix returned" >&2
exit 1
"""


@pytest.mark.parametrize("langs,code,says", [
    ("eng", "ocr_unavailable", "Tesseract no tiene instalado el idioma español. "
                               "Instálelo con: sudo apt install tesseract-ocr-spa"),
    ("spa", "ocr_failed", "Tesseract falló en la página 1 (Error in pixReadMem: Unknown format: no pix returned)"),
])
def test_ocr_with_a_tesseract_that_cannot_read(files, tmp_path, langs, code, says):
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text(_FAKE_TESSERACT)
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}:/usr/bin:/bin", "LANGS": langs}
    report, line = _unreadable(files["escaneado"], "--ocr", env=env)
    assert report["error"]["code"] == code and says in line


def test_mixed_pdf_checks_the_text_pages_and_names_the_scanned_ones(files):
    path = files["mixto"]
    before = _fingerprint(path)
    result = run_cli("check", str(path), "--format", "json")
    assert _fingerprint(path) == before
    assert result.returncode == 1 and result.stderr == ""  # a gap, not an error
    report = json.loads(result.stdout)
    assert report["readable"] is True and report["pages"] == 3
    assert report["pages_without_text"] == [2] and report["ocr_pages"] == [] and report["ocr"] is False
    assert any(w.startswith("Páginas sin texto (no revisadas): 2.") and "--ocr" in w for w in report["warnings"])
    checks = {c["id"]: c for c in report["checks"]}
    # the text pages are checked, with their own page numbers
    assert checks["alcance"]["status"] == "ok" and checks["alcance"]["evidence"][0]["page"] == 1
    assert checks["rescision"]["status"] == "ok" and checks["rescision"]["evidence"][0]["page"] == 3
    # the payment clause is on the scanned page: missing, and the message says where it may be
    assert checks["pago"]["status"] == "missing"
    assert "Puede estar en una página sin texto que no se revisó: 2." in checks["pago"]["message"]


def test_check_timeout_stops_a_pdf_that_takes_minutes(files):
    """lento.pdf: 77 KB, 400 pages sharing a content stream of 200 000 operators; about 140 s to
    read without a limit on this machine (≈0.35 s a page)."""
    path = files["lento"]
    before = _fingerprint(path)
    start = time.monotonic()
    result = run_cli("check", str(path), "--timeout", "1", "--format", "json")
    elapsed = time.monotonic() - start
    assert _fingerprint(path) == before
    assert result.returncode == 2 and elapsed < 10, elapsed
    report = json.loads(result.stdout)
    assert report["readable"] is False and report["error"]["code"] == "timeout"
    assert result.stderr == (f"contratos: {path}: el análisis superó el límite de 1 s. Vuelva a ejecutar con "
                             "un --timeout mayor o compruebe que es el archivo correcto\n")


def test_scan_worker_time_limit_uses_the_same_mechanism(files):
    from contratos.batch import analyse_path

    start = time.monotonic()
    report = analyse_path(str(files["lento"]), timeout=1)
    assert report.error_code == "timeout" and time.monotonic() - start < 5


_STUCK = """
import signal, sys, time
import contratos.api, contratos.cli, contratos.commands.run

def stuck(path, **options):
    # as a pdfium call on one enormous page: the SIGALRM handler cannot run until it returns
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(60)

contratos.api.check_file = stuck
contratos.commands.run._WATCHDOG_GRACE = 0.5
sys.argv = ["contratos", "check", sys.argv[1], "--timeout", "1", "--format", "json"]
contratos.cli.main()
"""


def test_check_watchdog_ends_a_call_the_alarm_cannot_interrupt(files):
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", _STUCK, str(files["contrato"])],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert time.monotonic() - start < 10
    assert result.returncode == 2 and json.loads(result.stdout)["error"]["code"] == "timeout"
    assert result.stderr.count("\n") == 1 and "el análisis superó el límite de 1 s" in result.stderr


def test_scan_reports_each_hostile_pdf_and_goes_on(files, tmp_path):
    folder = tmp_path / "carpeta"
    folder.mkdir()
    for name in ("contrato", "truncado", "cifrado", "escaneado", "mixto", "enorme"):
        shutil.copy(files[name], folder / files[name].name)
    result = run_cli("scan", str(folder), "--format", "jsonl", "-j", "1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    reports = {Path(r["file"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    codes = {name: (r["error"] or {}).get("code") for name, r in reports.items()}
    assert codes == {"contrato.pdf": None, "truncado.pdf": "corrupt", "cifrado.pdf": "encrypted",
                     "escaneado.pdf": "no_text_layer", "mixto.pdf": None, "enorme.pdf": "too_large"}
    assert reports["mixto.pdf"]["pages_without_text"] == [2]


@needs_ocr
def test_ocr_reads_a_scanned_contract(files):
    path = files["escaneado"]
    before = _fingerprint(path)
    result = run_cli("check", str(path), "--ocr", "--format", "json")
    assert _fingerprint(path) == before
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["readable"] is True and report["ocr"] is True
    assert report["ocr_pages"] == [1, 2, 3] and report["pages_without_text"] == []
    assert any("OCR" in w and "puede contener errores" in w for w in report["warnings"])
    checks = {c["id"]: c for c in report["checks"]}
    for check_id, page in (("alcance", 1), ("pago", 2), ("rescision", 3)):
        assert checks[check_id]["status"] == "ok", checks[check_id]
        assert checks[check_id]["evidence"][0]["page"] == page
    assert "3.000 euros" in checks["pago"]["evidence"][0]["text"]


@needs_ocr
def test_ocr_only_touches_pages_without_text(files):
    document = read_document(files["mixto"], ocr=True)
    assert document.ocr_pages == [2] and document.pages_without_text == []
    assert "30 días siguientes a la recepción de la factura" in document.text
    assert document.warnings == ["Texto obtenido por OCR en la página 2: puede contener errores de "
                                 "reconocimiento; compare las citas con el original"]
    report = check_file(files["mixto"], ocr=True)
    pago = next(c for c in report.checks if c.id == "pago")
    assert pago.status == "ok" and pago.evidence[0].page == 2


@needs_ocr
def test_scan_passes_ocr_to_its_workers(files):
    from contratos.batch import analyse_path

    report = analyse_path(str(files["escaneado"]), timeout=60, options={"ocr": True})
    assert report.readable is True and json.loads(report.report_json)["ocr_pages"] == [1, 2, 3]


def test_ocr_raises_the_default_time_limit():
    from contratos.commands.run import time_limit_for

    assert time_limit_for(None, ocr=False) == 120 and time_limit_for(None, ocr=True) == 900
    assert time_limit_for(30, ocr=True) == 30
