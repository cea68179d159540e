"""A user's own checks (`--reglas DIR`, `reglas = "DIR"` in the playbook): the shipped example
docs/ejemplos/reglas/propiedad_intelectual.toml runs, lists, explains and reports like a built-in check,
its cases run with `contratos reglas --probar`, and a bad rule file is one Spanish line with exit 2."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contratos.cli import cli
from tests.builders import make_docx
from tests.conftest import ROOT, run_cli

EXAMPLE = ROOT / "docs" / "ejemplos" / "reglas"
BODY = [
    ("h1", "CONTRATO DE PRESTACIÓN DE SERVICIOS DE DISEÑO"),
    ("p", "Entre ESTUDIO LUNA, en adelante EL PRESTADOR, y PANADERÍA DEL SUR S.L., en adelante EL CLIENTE, "
          "se acuerdan las siguientes cláusulas."),
    ("p", "PRIMERA. OBJETO. EL PRESTADOR diseñará el logotipo, la carta de colores y diez plantillas para redes "
          "sociales de EL CLIENTE, con dos rondas de revisión por entregable."),
    ("p", "SEGUNDA. HONORARIOS. EL CLIENTE pagará 1.800 euros, la mitad a la firma y la otra mitad a la entrega, "
          "dentro de los 15 días de recibida cada factura, por transferencia bancaria."),
    ("p", "TERCERA. RESCISIÓN. Cualquiera de las partes podrá rescindir este contrato sin causa, avisando por "
          "escrito con 15 días de antelación; EL CLIENTE pagará el trabajo realizado hasta la fecha."),
]
PAID_FIRST = ("p", "CUARTA. PROPIEDAD INTELECTUAL. Los derechos patrimoniales sobre los diseños pasarán a EL CLIENTE "
                   "una vez que haya pagado la totalidad de los honorarios.")
AT_ONCE = ("p", "CUARTA. PROPIEDAD INTELECTUAL. Todos los derechos de propiedad intelectual sobre los diseños "
                "pertenecerán a EL CLIENTE desde el momento de su creación.")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))  # .output: stdout and stderr; .stdout, .stderr apart


def own_check(report: dict) -> dict:
    return next(c for c in report["checks"] if c["id"] == "propiedad_intelectual")


@pytest.fixture(scope="module")
def contracts(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("contratos")
    return {"pagado": make_docx(folder / "pagado.docx", BODY + [PAID_FIRST]),
            "inmediato": make_docx(folder / "inmediato.docx", BODY + [AT_ONCE]),
            "sin_clausula": make_docx(folder / "sin_clausula.docx", BODY)}


def test_the_example_rule_judges_each_contract_in_the_json_report(contracts):
    expected = {"pagado": "ok", "inmediato": "weak", "sin_clausula": "missing"}
    for name, status in expected.items():
        result = invoke("check", str(contracts[name]), "--reglas", str(EXAMPLE), "-f", "json", "--sin-config")
        report = json.loads(result.stdout)
        check = own_check(report)
        assert check["status"] == status, (name, check["explanation"])
        assert check["severity"] == "media"
        assert [c["id"] for c in report["checks"]][-1] == "propiedad_intelectual"  # after the built-in ones
    weak = own_check(json.loads(invoke("check", str(contracts["inmediato"]), "--reglas", str(EXAMPLE),
                                       "-f", "json", "--sin-config").output))
    assert "pertenecerán" in weak["explanation"] and weak["evidence"][0]["heading"].startswith("CUARTA")
    plain = json.loads(invoke("check", str(contracts["pagado"]), "-f", "json", "--sin-config").output)
    assert "propiedad_intelectual" not in [c["id"] for c in plain["checks"]]  # only with --reglas


def test_text_markdown_and_html_name_the_users_check_and_its_clause(contracts):
    text = invoke("check", str(contracts["inmediato"]), "--reglas", str(EXAMPLE), "--sin-config").output
    assert "Propiedad intelectual tras el pago: débil" in text
    markdown = invoke("check", str(contracts["sin_clausula"]), "--reglas", str(EXAMPLE), "-f", "markdown",
                      "--sin-config").output
    assert "Propiedad intelectual tras el pago" in markdown
    html = invoke("check", str(contracts["sin_clausula"]), "--reglas", str(EXAMPLE), "-f", "html",
                  "--sin-config").output
    assert "Propiedad intelectual tras el pago" in html
    assert "una vez que haya pagado la totalidad de los honorarios" in html  # its suggested clause


def test_the_checklist_lists_the_users_check(contracts):
    result = invoke("checklist", str(contracts["inmediato"]), "--reglas", str(EXAMPLE), "--sin-config")
    assert "Propiedad intelectual tras el pago" in result.output


def test_reglas_lists_and_explicar_explains_the_users_check():
    listing = invoke("reglas", "--reglas", str(EXAMPLE), "--sin-config")
    assert listing.exit_code == 0
    line = next(line for line in listing.output.splitlines() if line.startswith("propiedad_intelectual"))
    assert "media" in line and "(regla propia)" in line
    assert "propiedad_intelectual" not in invoke("reglas", "--sin-config").output
    explained = invoke("explicar", "propiedad-intelectual", "--reglas", str(EXAMPLE), "--sin-config")
    assert explained.exit_code == 0
    assert "propiedad_intelectual.toml" in explained.output and "Cláusula de ejemplo" in explained.output
    unknown = invoke("explicar", "propiedad_intelectual", "--sin-config")
    assert unknown.exit_code == 2


def test_the_playbook_names_the_folder_relative_to_itself(tmp_path, contracts):
    shutil.copytree(EXAMPLE, tmp_path / "mis_reglas")
    (tmp_path / "contratos.toml").write_text('reglas = "mis_reglas"\n[severidad]\npropiedad_intelectual = "alta"\n',
                                             encoding="utf-8")
    result = invoke("check", str(contracts["inmediato"]), "--config", str(tmp_path / "contratos.toml"), "-f", "json")
    check = own_check(json.loads(result.stdout))
    assert check["status"] == "weak" and check["severity"] == "alta"
    assert result.exit_code == 1  # a high-priority gap
    (tmp_path / "otra.toml").write_text('reglas = "no_existe"\n', encoding="utf-8")
    missing = invoke("check", str(contracts["inmediato"]), "--config", str(tmp_path / "otra.toml"))
    assert missing.exit_code == 2 and "no_existe" in missing.output and "no existe" in missing.output


def test_scan_workers_run_the_users_check(tmp_path, contracts):
    """The forked pool of scan (--jobs 2) gets the folder with the options, in a real subprocess."""
    for path in contracts.values():
        shutil.copy(path, tmp_path)
    out = run_cli("scan", str(tmp_path), "--jobs", "2", "--reglas", str(EXAMPLE), "--format", "jsonl", "--sin-config")
    reports = {Path(r["file"]).name: own_check(r)["status"] for r in map(json.loads, out.stdout.splitlines())}
    assert reports == {"pagado.docx": "ok", "inmediato.docx": "weak", "sin_clausula.docx": "missing"}, out.stderr
    table = invoke("scan", str(tmp_path), "--jobs", "1", "--reglas", str(EXAMPLE), "--format", "csv", "--sin-config")
    rows = {Path(r["file"]).name: r["gap_ids"].split() for r in csv.DictReader(io.StringIO(table.stdout.lstrip("\ufeff")))}
    assert "propiedad_intelectual" in rows["sin_clausula.docx"] and "propiedad_intelectual" not in rows["pagado.docx"]


def test_probar_runs_the_cases_and_fails_when_one_fails(tmp_path):
    good = invoke("reglas", "--probar", str(EXAMPLE))
    assert good.exit_code == 0, good.output
    assert good.output.count("✔") == 4 and "Los 4 casos son correctos." in good.output
    text = (EXAMPLE / "propiedad_intelectual.toml").read_text(encoding="utf-8")
    # the first case, which passes the rights after full payment, now claims "weak": it must fail
    broken = text.replace('nota = "los derechos pasan una vez pagada la totalidad"\nestado = "ok"',
                          'nota = "los derechos pasan una vez pagada la totalidad"\nestado = "weak"')
    assert broken != text
    (tmp_path / "propiedad_intelectual.toml").write_text(broken, encoding="utf-8")
    bad = invoke("reglas", "--probar", str(tmp_path))
    assert bad.exit_code == 1
    assert "✖ propiedad_intelectual, caso 1" in bad.output and "se esperaba «débil» y dio «bien»" in bad.output
    assert "3 de 4 casos correctos." in bad.output


@pytest.mark.parametrize("change, words", [
    (lambda t: t.replace("[mensajes]", "[mensajes"), ["no es TOML válido"]),
    (lambda t: t.replace('prioridad = "ok"', 'prioridad = "ok"\ncolor = "rojo"'), ["clave desconocida 'color'"]),
    (lambda t: t.replace('severidad = "media"\n', ""), ["falta la clave 'severidad'"]),
    (lambda t: t.replace("'\\bpropiedad intelectual'", "'(propiedad intelectual'"),
     ["la expresión regular de 'seleccion' no es válida"]),
    (lambda t: t.replace('id = "propiedad_intelectual"', 'id = "pago"'), ["'id' 'pago' ya lo usa una comprobación de contratos"]),
    (lambda t: t.replace('severidad = "media"', 'severidad = 3'), ["la clave 'severidad' debe ser un texto"]),
    (lambda t: t.replace('debil_si = ["CESION"]', 'debil_si = ["CESIONES"]'), ["'debil_si' nombra la etiqueta 'CESIONES'"]),
    (lambda t: t.replace('[{NORM = "seran"}', '[{NORMA = "seran"}'), ["un patrón de 'etiquetas.CESION' no es válido"]),
    (lambda t: t.replace('debil_si = ["CESION"]', 'debil_si = ["CESION"]\nsin_parte = ["CESIONES"]'),
     ["'sin_parte' nombra la etiqueta 'CESIONES'"]),
    (lambda t: t.replace('debil_si = ["CESION"]', 'debil_si = ["CESION"]\nrol_no_debil = [["CESION", "cliente"]]'),
     ["'rol_no_debil' admite pares"]),
])
def test_a_bad_rule_file_is_one_spanish_line_naming_the_file_and_the_key(tmp_path, contracts, change, words):
    text = (EXAMPLE / "propiedad_intelectual.toml").read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    (tmp_path / "propiedad_intelectual.toml").write_text(changed, encoding="utf-8")
    for args in (["check", str(contracts["pagado"])], ["reglas"], ["reglas", "--probar", str(tmp_path)]):
        result = CliRunner().invoke(cli, args + (["--reglas", str(tmp_path)] if args[-1] != str(tmp_path) else []))
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert lines[0].startswith(f"contratos: {tmp_path / 'propiedad_intelectual.toml'}: ")
        for word in words:
            assert word in lines[0]


def test_the_example_in_patterns_readme_is_a_valid_rule_file(tmp_path):
    """The documented example is a file the loader accepts, whose cases pass."""
    readme = (ROOT / "patterns" / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Reglas propias", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "propiedad_intelectual.toml").write_text(block, encoding="utf-8")
    result = invoke("reglas", "--probar", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Los 2 casos son correctos." in result.output
