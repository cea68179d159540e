"""tools/evaluate.py --set DIR: one labelled folder measured on its own, run as a developer runs it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "evaluate.py"

CONTRACT = """CONTRATO DE SERVICIOS DE FOTOGRAFÍA DE PRODUCTO

PRIMERA. OBJETO. La fotógrafa Ana Lucía Benítez realizará para Tienda Lanar S.R.L. cuarenta fotografías
de producto sobre fondo blanco, editadas y entregadas en formato JPG de alta resolución.

SEGUNDA. PRECIO. La tienda pagará $ 240.000 en total, la mitad a la firma y la otra mitad dentro de los
diez días siguientes a la entrega de las fotografías, por transferencia bancaria.

TERCERA. ENTREGA. Las fotografías se entregarán el 20 de marzo de 2026.

CUARTA. TERMINACIÓN. Cualquiera de las partes podrá terminar este contrato en cualquier momento con
siete días de aviso; la tienda pagará las fotografías ya entregadas.
"""

LABELS = """[foto]
file = "foto.txt"
format = "txt"
country = "AR"
service = "fotografía"
description = "prueba"
notes = "alcance etiquetado a propósito con un valor que la herramienta nunca da a un contrato de servicios"
document_kind = "servicios"
language = "es"
[foto.expected]
alcance = "not_applicable"
pago = "ok"
rescision = "ok"
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def test_set_measures_only_that_folder_and_lists_its_disagreements(tmp_path):
    (tmp_path / "foto.txt").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "expected.toml").write_text(LABELS, encoding="utf-8")
    result = run("--set", str(tmp_path), "--verbose")
    assert result.returncode == 0, result.stderr
    assert f"Conjunto {tmp_path}: 1 documentos etiquetados" in result.stdout
    rows = [line.split()[0] for line in result.stdout.splitlines()[2:5]]
    assert rows == ["alcance", "pago", "rescision"]
    assert "foto.txt: alcance esperado not_applicable, obtenido " in result.stdout


def test_set_without_labels_is_a_one_line_spanish_error(tmp_path):
    result = run("--set", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path) in lines[0] and "falta expected.toml" in lines[0]


def test_set_and_holdout_together_are_refused(tmp_path):
    (tmp_path / "expected.toml").write_text("", encoding="utf-8")
    result = run("--set", str(tmp_path), "--holdout")
    assert result.returncode == 2
    assert "no se pueden usar juntos" in result.stderr
