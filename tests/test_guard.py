"""batch.guarded: the one error guard of `check`, `scan` and the web worker. Whatever goes wrong while a
file is checked becomes an unreadable report with a coded Spanish message, never an exception."""
from __future__ import annotations

import errno
import time

from contratos.batch import FileTimeout, analyse_path, guarded
from contratos.errors import ContratosError
from contratos.report import Report


def _raising(exc: BaseException):
    def run() -> Report:
        raise exc
    return run


def test_a_report_passes_through_untouched():
    report = Report(file="contrato.txt")
    assert guarded("contrato.txt", lambda: report, timeout=None) is report


def test_each_failure_becomes_a_coded_spanish_error():
    cases = [
        (ContratosError("empty", "el documento no contiene texto", "Revise el archivo"), "empty",
         "el documento no contiene texto. Revise el archivo"),
        (PermissionError(errno.EACCES, "Permission denied"), "permission_denied",
         "no hay permiso de lectura. Revise los permisos del archivo"),
        (KeyError("w:body"), "internal",
         "error interno al analizar (KeyError). Informe del fallo adjuntando el archivo si puede"),
    ]
    for exc, code, message in cases:
        report = guarded("a.docx", _raising(exc), timeout=None)
        assert not report.readable and report.file == "a.docx"
        assert report.error == {"code": code, "message": message}, exc
        assert "Permission denied" not in report.error["message"]  # no English from the system


def test_a_timeout_says_what_to_do_alone_or_in_a_scan():
    alone = guarded("a.pdf", _raising(FileTimeout()), timeout=30, single=True)
    in_scan = guarded("a.pdf", _raising(FileTimeout()), timeout=30)
    assert alone.error["code"] == in_scan.error["code"] == "timeout"
    assert alone.error["message"] == ("el análisis superó el límite de 30 s. Vuelva a ejecutar con un --timeout "
                                      "mayor o compruebe que es el archivo correcto")
    assert in_scan.error["message"] == ("el análisis superó el límite de 30 s. Revise el archivo por separado con "
                                        "'contratos check' o aumente --timeout")


def test_the_time_limit_interrupts_a_slow_check():
    def slow() -> Report:
        while True:
            time.sleep(0.01)

    assert guarded("lento.pdf", slow, timeout=0.2).error["code"] == "timeout"


def test_scan_reports_a_missing_file_as_a_row(tmp_path):
    row = analyse_path(str(tmp_path / "no-existe.docx"))
    assert row.readable is False and row.error_code == "not_found"
