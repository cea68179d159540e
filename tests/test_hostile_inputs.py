"""Hostile and broken plain-text files and paths, through the CLI as users call it: each gets one
Spanish line on stderr naming the file, exit code 2, `readable: false` with a stable error code and
no checks in JSON; files that can be read are checked as usual; the input is never modified."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from contratos.batch import BatchOptions, run_batch
from contratos.errors import ERROR_CODES
from contratos.readers.text import MAX_TEXT_BYTES

from .conftest import run_cli

CONTRACT = (
    "CONTRATO DE PRESTACIÓN DE SERVICIOS PROFESIONALES\n\n"
    "PRIMERA. OBJETO. El Prestador se obliga a llevar la contabilidad mensual de la Cliente, presentar "
    "las declaraciones de IVA y emitir los estados financieros trimestrales.\n\n"
    "SEGUNDA. HONORARIOS. La Cliente pagará al Prestador la cantidad de 450 euros mensuales mediante "
    "transferencia bancaria dentro de los 10 días siguientes a la recepción de la factura.\n\n"
    "TERCERA. RESCISIÓN. Cualquiera de las partes podrá resolver el presente contrato con un preaviso "
    "de 30 días naturales, abonándose los trabajos realizados hasta la fecha de terminación.\n"
)


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def assert_refused(result: subprocess.CompletedProcess, path: Path, code: str) -> dict:
    """Exit 2; exactly one Spanish line on stderr naming the file; JSON readable false, the code, no checks."""
    assert code in ERROR_CODES
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"contratos: {path}: "), result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["readable"] is False and report["error"]["code"] == code
    assert report["checks"] == [] and report["summary"]["gaps"] == 0  # never "all clauses missing"
    return report


def check_json(path: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("check", str(path), "--format", "json", *args)


def assert_checked(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["pago"] == "ok" and statuses["rescision"] == "ok", statuses
    return report


# --- TXT -------------------------------------------------------------------------------------------

def test_txt_binary_data(tmp_path):
    path = tmp_path / "contrato.txt"
    path.write_bytes(bytes(range(256)) * 40)  # binary with zero bytes
    before = _fingerprint(path)
    report = assert_refused(check_json(path), path, "not_text")
    assert "binarios" in report["error"]["message"]
    assert _fingerprint(path) == before


def test_txt_binary_without_zero_bytes(tmp_path):
    path = tmp_path / "foto.txt"  # e.g. a compressed file renamed: control bytes, no zeros
    path.write_bytes(bytes(b for b in os.urandom(20000) if b))
    assert_refused(check_json(path), path, "not_text")


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                          ("utf-16-le", b""), ("utf-16-be", b"")])
def test_txt_utf16_with_and_without_bom(tmp_path, encoding, bom):
    path = tmp_path / "contrato utf16.txt"
    path.write_bytes(bom + CONTRACT.encode(encoding))
    report = assert_checked(check_json(path))
    assert "Cliente pagará" in report["checks"][1]["evidence"][0]["text"]


def test_txt_mixed_line_endings(tmp_path):
    path = tmp_path / "mezcla.txt"
    paragraphs = CONTRACT.strip().split("\n\n")
    path.write_bytes((paragraphs[0] + "\r\n\r\n" + paragraphs[1] + "\r\r" + paragraphs[2] + "\n\n"
                      + paragraphs[3]).encode("utf-8"))
    report = assert_checked(check_json(path))
    assert "\r" not in json.dumps(report["checks"])


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t \n"], ids=["zero-bytes", "whitespace"])
def test_txt_empty(tmp_path, content):
    path = tmp_path / "vacio.txt"
    path.write_bytes(content)
    assert_refused(check_json(path), path, "empty")


def test_txt_far_larger_than_a_contract(tmp_path):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_TEXT_BYTES + 1)  # sparse: no disk used, and the limit is checked before reading
    report = assert_refused(check_json(path), path, "too_large")
    assert "MB" in report["error"]["message"]


# --- Paths -----------------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    path = tmp_path / "no existe.pdf"
    assert_refused(check_json(path), path, "not_found")


def test_folder_given_to_check(tmp_path):
    report = assert_refused(check_json(tmp_path), tmp_path, "is_directory")
    assert "contratos scan" in report["error"]["message"]


def test_broken_symlink(tmp_path):
    path = tmp_path / "enlace.txt"
    path.symlink_to(tmp_path / "borrado.txt")
    report = assert_refused(check_json(path), path, "not_found")
    assert "enlace" in report["error"]["message"]


def test_unknown_extension_says_what_to_convert_to(tmp_path):
    path = tmp_path / "contrato.xyz"
    path.write_text(CONTRACT, encoding="utf-8")
    report = assert_refused(check_json(path), path, "unsupported_format")
    assert report["error"]["message"].startswith("el formato .xyz no está soportado. Convierta el contrato a .docx")


def test_named_pipe_is_not_read(tmp_path):
    path = tmp_path / "tubo.txt"
    os.mkfifo(path)  # opening it would block forever
    assert_refused(check_json(path), path, "not_a_file")


def _without_read_permission(args: list[str]) -> subprocess.CompletedProcess:
    """Run the CLI so that file permissions apply: root reads anything unless it drops the capability."""
    exe = str(Path(os.sys.executable).with_name("contratos"))
    cmd = [exe, *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("como root, sin setpriv no se puede quitar el permiso de lectura")
        cmd = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_no_read_permission(tmp_path):
    path = tmp_path / "privado.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    path.chmod(0)
    try:
        assert_refused(_without_read_permission(["check", str(path), "--format", "json"]), path, "permission_denied")
    finally:
        path.chmod(0o644)


def test_scan_reports_a_folder_it_cannot_open_and_the_other_files(tmp_path):
    (tmp_path / "bueno.txt").write_text(CONTRACT, encoding="utf-8")
    closed = tmp_path / "cerrada"
    closed.mkdir()
    (closed / "oculto.txt").write_text(CONTRACT, encoding="utf-8")
    closed.chmod(0)
    try:
        result = _without_read_permission(["scan", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
    finally:
        closed.chmod(0o755)
    rows = {Path(r["file"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert result.returncode == 2
    assert rows["bueno.txt"]["readable"] is True
    assert rows["cerrada"]["error"]["code"] == "permission_denied"
    assert "carpeta" in rows["cerrada"]["error"]["message"]


def test_names_with_spaces_accents_and_bytes_that_are_not_utf8(tmp_path):
    names = ["Contrato José Pérez (versión final).txt", "contrato ñandú – 2026.txt"]
    for name in names:
        (tmp_path / name).write_text(CONTRACT, encoding="utf-8")
    raw = os.path.join(os.fsencode(tmp_path), b"contrato-\xff.txt")  # a name from an old Windows zip
    with open(raw, "wb") as fh:
        fh.write(CONTRACT.encode("utf-8"))
    assert_checked(check_json(tmp_path / names[0]))
    report = assert_checked(check_json(os.fsdecode(raw)))  # the JSON stays valid UTF-8
    assert report["file"].endswith("contrato-\ufffd.txt")
    scan = run_cli("scan", str(tmp_path), "--format", "csv", "--jobs", "1")
    assert scan.returncode in (0, 1), scan.stderr
    assert all(name in scan.stdout for name in names) and scan.stdout.count("\n") == 4  # header + 3 rows


def test_files_that_vanish_or_change_while_a_batch_runs(tmp_path):
    paths = [tmp_path / f"c{i}.txt" for i in range(4)]
    for path in paths:
        path.write_text(CONTRACT, encoding="utf-8")

    def listed_then_changed():  # the scan lists the folder, then the files change under it
        yield paths[0]
        paths[1].unlink()
        yield paths[1]
        paths[2].write_bytes(b"\x00\x01\x02" * 1000)
        yield paths[2]
        yield paths[3]

    rows = {Path(r.file).name: r for r in run_batch(listed_then_changed(), BatchOptions(jobs=1, timeout=60))}
    assert rows["c0.txt"].readable and rows["c3.txt"].readable
    assert rows["c1.txt"].error_code == "not_found"
    assert rows["c2.txt"].error_code == "not_text"
