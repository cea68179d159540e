"""`contratos scan` over a folder mixing good, flawed and unreadable files."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil

import pytest

from contratos.discover import find_files

from .builders import make_pdf
from .conftest import SAMPLES, run_cli


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("clientes")
    (root / "bien").mkdir()
    (root / "mal").mkdir()
    shutil.copy(SAMPLES / "completo_ar_diseno.docx", root / "bien" / "diseño Buenos Aires.docx")
    shutil.copy(SAMPLES / "completo_es_consultoria_multipagina.pdf", root / "bien" / "consultoría.pdf")
    shutil.copy(SAMPLES / "sin_pago_mx_marketing.docx", root / "mal" / "sin pago.docx")
    shutil.copy(SAMPLES / "sin_rescision_cl_contabilidad.txt", root / "mal" / "sin_rescision.txt")
    make_pdf(root / "mal" / "escaneado.pdf", [[]], image_only=True)
    (root / "mal" / "roto.docx").write_bytes(b"PK\x03\x04 truncado")
    (root / "mal" / "~$sin pago.docx").write_bytes(b"lock de Word")  # editor temp file: skipped
    (root / ".oculto").mkdir()
    shutil.copy(SAMPLES / "completo_ar_diseno.docx", root / ".oculto" / "copia.docx")  # hidden: skipped
    (root / "notas.xlsx").write_bytes(b"no es un contrato")  # not a contract extension: skipped
    os.symlink(root, root / "bien" / "bucle")  # a symlink loop must not be followed
    return root


def test_discovery_skips_hidden_temp_and_loops(folder):
    names = sorted(p.name for p in find_files([folder]))
    assert names == ["consultoría.pdf", "diseño Buenos Aires.docx", "escaneado.pdf", "roto.docx", "sin pago.docx",
                     "sin_rescision.txt"]
    assert [p.name for p in find_files([folder], exclude=("mal/*",))] == ["consultoría.pdf", "diseño Buenos Aires.docx"]
    assert [p.name for p in find_files([folder], extensions=(".pdf",))] == ["consultoría.pdf", "escaneado.pdf"]


def test_table_and_exit_code_2_with_unreadable_files(folder):
    result = run_cli("scan", str(folder), "--jobs", "2")
    assert result.returncode == 2
    assert ("6 archivos: 2 con alcance, pago y rescisión resueltos, 2 con alguno débil o ausente, 2 ilegibles."
            in result.stdout)
    assert "escaneado.pdf" in result.stdout and "roto.docx" in result.stdout
    # one Spanish line per unreadable file on stderr, no traceback, no progress bar on a pipe
    assert result.stderr.count("contratos: ") == 2 and "Traceback" not in result.stderr
    assert "Revisando" not in result.stderr


def test_jsonl_reports_equal_check_reports(folder):
    result = run_cli("scan", str(folder / "bien"), str(folder / "mal" / "sin pago.docx"), "--format", "jsonl")
    assert result.returncode == 1
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == 3
    single = json.loads(run_cli("check", str(folder / "mal" / "sin pago.docx"), "--format", "json").stdout)
    scanned = next(r for r in reports if r["file"].endswith("sin pago.docx"))
    assert scanned == single


def test_csv_has_bom_and_one_row_per_file(folder, tmp_path):
    out = tmp_path / "informe.csv"
    result = run_cli("scan", str(folder), "--format", "csv", "--output", str(out))
    assert result.returncode == 2 and result.stdout == ""
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 6
    by_name = {os.path.basename(r["file"]): r for r in rows}
    assert by_name["sin pago.docx"]["pago"] == "missing" and "pago" in by_name["sin pago.docx"]["gap_ids"]
    assert by_name["escaneado.pdf"]["error_code"] == "no_text_layer" and by_name["escaneado.pdf"]["pago"] == ""
    assert by_name["diseño Buenos Aires.docx"]["alcance"] == "ok"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_json_summary_and_exit_0(folder, tmp_path):
    out = tmp_path / "todo.json"
    result = run_cli("scan", str(folder / "bien"), "--format", "json", "-o", str(out))
    assert result.returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and len(data["reports"]) == 2
    summary = data["summary"]
    assert (summary["files"], summary["unreadable"], summary["with_gaps"], summary["pages"]) == (2, 0, 0, 6)
    assert not {"alcance", "pago", "rescision"} & set(summary["gaps_by_check"])


def _start_scan(folder, out):
    import subprocess
    import sys
    import time
    from pathlib import Path

    exe = Path(sys.executable).with_name("contratos")
    proc = subprocess.Popen([str(exe), "scan", str(folder), "--jobs", "1", "--format", "csv", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.parent.glob(f".{out.name}.*.tmp")):
        time.sleep(0.05)
    time.sleep(0.5)
    return proc


def test_killed_scan_never_leaves_a_half_file(folder, tmp_path):
    import signal

    out = tmp_path / "informe.csv"
    out.write_text("anterior", encoding="utf-8")
    proc = _start_scan(folder, out)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert out.read_text(encoding="utf-8") == "anterior"


def test_ctrl_c_stops_cleanly_and_reports_what_was_done(folder, tmp_path):
    import signal

    out = tmp_path / "informe.csv"
    proc = _start_scan(folder, out)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrumpido" in err and "Traceback" not in err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) < 6  # a complete, valid file with the files that were done


def test_time_limit_gives_a_timeout_row(folder):
    from contratos.batch import analyse_path

    report = analyse_path(str(folder / "bien" / "consultoría.pdf"), timeout=0.001)
    assert report.readable is False and report.error_code == "timeout"
