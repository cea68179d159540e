"""The gate: --fail-on for check and scan, every exit code, the rules listing and the pre-commit hook."""
from __future__ import annotations

import re

from contratos.patterns import CHECK_FILES

from .conftest import ROOT, SAMPLES, run_cli

COMPLETE = SAMPLES / "completo_ar_diseno.docx"  # core ok; modificaciones (media) missing
SIGNED_OFF = SAMPLES / "completo_co_fotografia_tabla.docx"  # core ok; mora, modificaciones (media) missing


def test_check_fail_on_levels():
    assert run_cli("check", str(COMPLETE), "--fail-on", "alta").returncode == 0
    assert run_cli("check", str(COMPLETE), "--fail-on", "media").returncode == 1
    assert run_cli("check", str(COMPLETE), "--fail-on", "baja").returncode == 1
    bad = run_cli("check", str(COMPLETE), "--fail-on", "critica")
    assert bad.returncode == 2 and "--fail-on" in bad.stderr and bad.stderr.count("\n") == 1


def test_scan_fail_on_levels():
    alta = run_cli("scan", str(COMPLETE), str(SIGNED_OFF), "--jobs", "1")
    assert alta.returncode == 0
    media = run_cli("scan", str(COMPLETE), str(SIGNED_OFF), "--jobs", "1", "--fail-on", "media", "--format", "csv")
    assert media.returncode == 1 and "Con puntos débiles de prioridad media o alta: 2." in media.stderr
    unreadable = run_cli("scan", str(COMPLETE), str(SAMPLES / "expected.toml"), "--ext", ".docx,.toml", "--jobs", "1")
    assert unreadable.returncode == 2


def test_rules_listing_and_alias(tmp_path):
    result = run_cli("reglas")
    assert result.returncode == 0
    rows = [line.split()[:2] for line in result.stdout.splitlines()]
    assert [r[0] for r in rows] == list(CHECK_FILES)
    assert dict(rows)["rescision"] == "alta" and dict(rows)["plazos"] == "baja"
    assert run_cli("rules").stdout == result.stdout
    (tmp_path / "contratos.toml").write_text('[severidad]\nplazos = "alta"\n[comprobaciones]\ndesactivar = ["mora"]\n')
    configured = run_cli("reglas", cwd=tmp_path).stdout
    assert re.search(r"^plazos\s+alta ", configured, re.M) and re.search(r"^mora .*\(desactivada\)$", configured, re.M)


def test_explain_a_check_and_alias():
    result = run_cli("explicar", "mora")
    assert result.returncode == 0
    for section in ("Qué detecta:", "Por qué importa:", "Qué pedir:", "Cláusula de ejemplo (complete los datos"):
        assert section in result.stdout
    assert "interés moratorio" in result.stdout and run_cli("explain", "mora").stdout == result.stdout
    assert "[porcentaje] %" in result.stdout  # a blank, not an invented rate
    unknown = run_cli("explicar", "pagos")
    assert unknown.returncode == 2 and "comprobación desconocida 'pagos'" in unknown.stderr and unknown.stdout == ""
    assert "¿Quiso decir pago o plazos?" in unknown.stderr and unknown.stderr.count("\n") == 1


def test_explain_accepts_any_case_and_accents_and_fills_from_the_playbook(tmp_path):
    assert run_cli("explicar", "MORA").stdout == run_cli("explicar", "mora").stdout
    assert run_cli("explicar", "Rescisión").stdout.startswith("rescision · ")
    assert run_cli("explicar", "campos-vacios").returncode == 0
    (tmp_path / "contratos.toml").write_text("[umbrales]\ninteres_mora_mensual = 2\n[severidad]\nmora = \"alta\"\n")
    configured = run_cli("explicar", "mora", cwd=tmp_path).stdout
    assert "(prioridad alta)" in configured and "moratorio del 2 % mensual" in " ".join(configured.split())
    blanks = run_cli("explicar", "campos_vacios").stdout
    assert "Cláusula de ejemplo" not in blanks and "Qué hacer:" in blanks and "complete cada espacio" in blanks


def test_help_lists_the_new_commands_in_spanish():
    out = run_cli("--help").stdout
    for name in ("checklist", "carta", "reglas", "explicar"):
        assert re.search(rf"^\s+{name}\s+\S", out, re.M), name
    assert "Códigos de salida: 0 firmar" in run_cli("checklist", "--help").stdout


def test_pre_commit_hook_runs_the_gate_on_several_files():
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: contratos" in hook and r"files: \.(docx|pdf|txt|md)$" in hook
    entry = re.search(r"^\s*entry: (.+)$", hook, re.M).group(1).split()
    assert entry[0] == "contratos"
    passing = run_cli(*entry[1:], str(COMPLETE), str(SIGNED_OFF))  # pre-commit appends the staged files
    failing = run_cli(*entry[1:], str(COMPLETE), str(SAMPLES / "sin_pago_mx_marketing.docx"))
    assert passing.returncode == 0 and failing.returncode == 1
