"""The playbook: where it is read from, how it is validated, and that its settings change the report."""
from __future__ import annotations

import json
import re

import pytest

from contratos.api import check_file
from contratos.config import ConfigError, Playbook, load_config, parse

from .conftest import SAMPLES, run_cli

COMPLETE = SAMPLES / "completo_ar_diseno.docx"  # all core ok: notice 30 days, paid within 10 days
NO_LATE_INTEREST = SAMPLES / "completo_co_fotografia_tabla.docx"  # core ok, mora missing
CLIENT_ONLY_EXIT = SAMPLES / "rescision_unilateral_mx_traduccion.pdf"  # only EL CLIENTE may terminate


def statuses(report) -> dict:
    return {c.id: (c.status, c.severity) for c in report.checks}


def test_defaults_without_any_file(tmp_path):
    assert load_config(cwd=tmp_path) == Playbook()


def test_full_playbook_parses():
    playbook = parse({"perspectiva": "prestador", "comprobaciones": {"desactivar": ["plazos"]},
                      "severidad": {"mora": "alta"},
                      "umbrales": {"preaviso_minimo_dias": 15, "plazo_pago_maximo_dias": 30,
                                   "exigir_intereses_mora": True}})
    assert playbook.perspective == "prestador" and playbook.disabled == {"plazos"}
    assert playbook.severity_of("mora", "media") == "alta" and playbook.severity_of("pago", "alta") == "alta"
    assert (playbook.min_notice_days, playbook.max_payment_days, playbook.require_late_interest) == (15, 30, True)
    assert "plazos" not in playbook.enabled() and "pago" in playbook.enabled()


@pytest.mark.parametrize("data, words", [
    ({"umbral": {}}, ["clave desconocida 'umbral'", "perspectiva, comprobaciones, severidad, umbrales"]),
    ({"umbrales": {"preaviso": 3}}, ["clave desconocida 'preaviso' en [umbrales]", "preaviso_minimo_dias"]),
    ({"perspectiva": "empresa"}, ["'perspectiva' no admite 'empresa'", "prestador, cliente"]),
    ({"severidad": {"mora": "critica"}}, ["'severidad.mora' no admite 'critica'", "alta, media, baja"]),
    ({"severidad": {"moras": "alta"}}, ["clave desconocida 'moras' en [severidad]", "rescision"]),
    ({"comprobaciones": {"desactivar": ["pagos"]}}, ["comprobación desconocida 'pagos'", "campos_vacios"]),
    ({"comprobaciones": {"desactivar": "plazos"}}, ["debe ser una lista"]),
    ({"umbrales": {"plazo_pago_maximo_dias": 0}}, ["no admite 0", "entre 1 y 365"]),
    ({"umbrales": {"preaviso_minimo_dias": "15"}}, ["no admite '15'", "número entero"]),
    ({"umbrales": {"exigir_intereses_mora": "si"}}, ["no admite 'si'", "true, false"]),
])
def test_bad_keys_and_values_name_the_file_the_key_and_the_allowed_values(data, words):
    with pytest.raises(ConfigError) as info:
        parse(data, "mi.toml")
    assert info.value.message.startswith("mi.toml: ")
    for word in words:
        assert word in info.value.message


def test_precedence_config_flag_then_contratos_toml_then_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.contratos]\nperspectiva = "cliente"\n')
    assert load_config(cwd=tmp_path).perspective == "cliente"
    (tmp_path / "contratos.toml").write_text('[severidad]\nplazos = "alta"\n')
    own = load_config(cwd=tmp_path)
    assert own.perspective == "prestador" and own.severity_of("plazos", "baja") == "alta"
    other = tmp_path / "otro.toml"
    other.write_text('[comprobaciones]\ndesactivar = ["mora"]\n')
    assert load_config(str(other), cwd=tmp_path).disabled == {"mora"}
    with pytest.raises(ConfigError, match="no existe"):
        load_config(str(tmp_path / "falta.toml"))
    with pytest.raises(ConfigError, match="es una carpeta, no un archivo. Indique en --config un archivo .toml"):
        load_config(str(tmp_path))


def test_messages_name_the_tables_as_each_file_writes_them(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.contratos.umbrales]\npreaviso = 3\n')
    with pytest.raises(ConfigError, match=r"clave desconocida 'preaviso' en \[tool\.contratos\.umbrales\]"):
        load_config(cwd=tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.contratos]\nperfil = 3\n')
    with pytest.raises(ConfigError, match=r"clave desconocida 'perfil' en \[tool\.contratos\];"):
        load_config(cwd=tmp_path)
    with pytest.raises(ConfigError, match=r"'umbrales' debe ser una tabla \(\[tool\.contratos\.umbrales\]\)"):
        parse({"umbrales": 3}, "pyproject.toml", "tool.contratos")
    with pytest.raises(ConfigError, match=r"clave desconocida 'preaviso' en \[umbrales\]"):
        parse({"umbrales": {"preaviso": 3}}, "contratos.toml")
    (tmp_path / "otro").mkdir()
    (tmp_path / "otro" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no tiene la tabla \[tool\.contratos\]"):
        load_config(str(tmp_path / "otro" / "pyproject.toml"))


@pytest.mark.parametrize("data, words", [
    ({"perspectiva": True}, "'perspectiva' no admite true;"),
    ({"perspectiva": ["cliente"]}, "'perspectiva' no admite una lista;"),
    ({"umbrales": {"exigir_intereses_mora": 1}}, "no admite 1; valores válidos: true, false"),
    ({"umbrales": {"preaviso_minimo_dias": 1.5}}, "no admite 1.5; debe ser un número entero"),
    ({"umbrales": {"interes_mora_mensual": 0}}, "no admite 0; debe ser un porcentaje"),
    ({"comprobaciones": {"desactivar": [1]}}, "comprobación desconocida 1;"),
    ({"comprobaciones": {"desactivar": True}}, "debe ser una lista de identificadores (por ejemplo, [\"plazos\"]), no true"),
])
def test_values_are_shown_as_the_user_wrote_them(data, words):
    with pytest.raises(ConfigError) as info:
        parse(data, "c.toml")
    assert words in info.value.message and "True" not in info.value.message and "[1]" not in info.value.message


def test_cli_config_read_errors_never_leak_english(tmp_path):
    (tmp_path / "latin1.toml").write_bytes('perspectiva = "cliente" # está\n'.encode("latin-1"))
    (tmp_path / "mayus.toml").write_text("[umbrales]\nexigir_intereses_mora = True\n")
    (tmp_path / "carpeta").mkdir()
    english = re.compile(r"Errno|codec|decode|Invalid|Error|\bline\b|\bcolumn\b")
    for name, words in (("latin1.toml", "no está guardado como texto UTF-8"),
                        ("mayus.toml", "no es TOML válido: un valor no válido"),
                        ("carpeta", "es una carpeta, no un archivo")):
        result = run_cli("reglas", "--config", name, cwd=tmp_path)
        assert result.returncode == 2 and result.stdout == "" and result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"contratos: {name}: {words}"), result.stderr
        assert not english.search(result.stderr), result.stderr


def test_pyproject_without_the_table_is_ignored(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config(cwd=tmp_path) == Playbook()


def test_minimum_notice_turns_an_ok_exit_into_a_weak_one():
    assert statuses(check_file(COMPLETE, config=Playbook()))["rescision"] == ("ok", "alta")
    report = check_file(COMPLETE, config=Playbook(min_notice_days=45))
    rescision = next(c for c in report.checks if c.id == "rescision")
    assert rescision.status == "weak" and "30 días es menor que el mínimo de 45" in rescision.explanation
    assert rescision.recommendation and report.exit_code == 1
    assert statuses(check_file(COMPLETE, config=Playbook(min_notice_days=30)))["rescision"][0] == "ok"


def test_maximum_payment_days_from_the_playbook():
    assert statuses(check_file(COMPLETE, config=Playbook(max_payment_days=5)))["pago"][0] == "weak"
    assert statuses(check_file(COMPLETE, config=Playbook(max_payment_days=10)))["pago"][0] == "ok"


def test_required_late_interest_makes_a_missing_mora_block():
    relaxed = check_file(NO_LATE_INTEREST, config=Playbook())
    assert statuses(relaxed)["mora"] == ("missing", "media") and relaxed.exit_code == 0
    strict = check_file(NO_LATE_INTEREST, config=Playbook(require_late_interest=True))
    assert statuses(strict)["mora"] == ("missing", "alta") and strict.exit_code == 1


def test_disabled_checks_and_severity_overrides():
    report = check_file(NO_LATE_INTEREST, config=parse({"comprobaciones": {"desactivar": ["mora", "plazos"]},
                                                         "severidad": {"modificaciones": "alta"}}))
    got = statuses(report)
    assert "mora" not in got and "plazos" not in got and len(got) == 7
    assert got["modificaciones"] == ("missing", "alta") and report.exit_code == 1


def test_client_perspective_flips_whose_exit_matters():
    provider = next(c for c in check_file(CLIENT_ONLY_EXIT, config=Playbook()).checks if c.id == "rescision")
    client = next(c for c in check_file(CLIENT_ONLY_EXIT, config=Playbook(perspective="cliente")).checks
                  if c.id == "rescision")
    assert provider.details["who"] == client.details["who"] == "client"
    assert provider.status == "weak" and "solo EL CLIENTE puede terminar" in provider.explanation
    assert client.status == "ok"


def test_cli_reads_contratos_toml_from_the_working_directory(tmp_path):
    (tmp_path / "contratos.toml").write_text("[umbrales]\npreaviso_minimo_dias = 45\n")
    result = run_cli("check", str(COMPLETE), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    rescision = next(c for c in json.loads(result.stdout)["checks"] if c["id"] == "rescision")
    assert rescision["status"] == "weak"


def test_cli_bad_config_is_one_spanish_line_and_exit_2(tmp_path):
    bad = tmp_path / "playbook.toml"
    bad.write_text('[umbrales]\nplazo_pago_maximo = 30\n')
    for command in (["check", str(COMPLETE)], ["scan", str(COMPLETE)], ["checklist", str(COMPLETE)],
                    ["carta", str(COMPLETE), "--tipo", "negociar"], ["reglas"]):
        result = run_cli(*command, "--config", str(bad))
        assert result.returncode == 2 and result.stdout == "", command
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "playbook.toml" in lines[0] and "'plazo_pago_maximo'" in lines[0]
        assert "plazo_pago_maximo_dias" in lines[0] and "Traceback" not in result.stderr


def test_cli_broken_toml_and_missing_config(tmp_path):
    (tmp_path / "contratos.toml").write_text("[umbrales\n")
    result = run_cli("reglas", cwd=tmp_path)
    assert result.returncode == 2 and "contratos.toml: no es TOML válido: falta «]» al final del nombre de una " \
        "tabla en la línea 1, columna 10" in result.stderr
    result = run_cli("reglas", "--config", "no-hay.toml")
    assert result.returncode == 2 and "no-hay.toml: el archivo de configuración no existe" in result.stderr


def test_scan_honours_the_playbook_in_its_workers(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[umbrales]\nexigir_intereses_mora = true\n")
    result = run_cli("scan", str(NO_LATE_INTEREST), str(COMPLETE), "--format", "jsonl", "--jobs", "2",
                     "--config", str(config))
    reports = {json.loads(line)["file"]: json.loads(line) for line in result.stdout.splitlines()}
    mora = next(c for c in reports[str(NO_LATE_INTEREST)]["checks"] if c["id"] == "mora")
    assert mora["severity"] == "alta" and result.returncode == 1


# perspectiva = "cliente": the wording (data under patterns/ and plantillas/) and the rules' sides flip
PROVIDER_ONLY_EXIT = """CONTRATO DE PRESTACIÓN DE SERVICIOS

Entre Estudio Sur S.A., en adelante EL CLIENTE, y Ana Pérez, en adelante EL PRESTADOR, se acuerda:

PRIMERA. OBJETO. EL PRESTADOR realizará el diseño de la página web descrita en el Anexo A, con tres
páginas y dos rondas de revisión.

SEGUNDA. HONORARIOS. EL CLIENTE pagará a EL PRESTADOR la suma de 2.000 euros dentro de los 15 días de
recibida la factura.

TERCERA. RESCISIÓN. EL PRESTADOR podrá rescindir el presente contrato en cualquier momento y sin
expresión de causa, con un preaviso de 30 días. En tal caso, EL CLIENTE abonará los trabajos
realizados hasta la fecha.

CUARTA. MODIFICACIONES. EL PRESTADOR podrá modificar unilateralmente las tarifas en cualquier momento.
"""
PROVIDER_WORDING = re.compile(r"le pagan|le van a pagar|se le paga|solo usted|le impone a usted|"
                              r"solo EL CLIENTE puede|cuánto y cuándo le pagan|usted trabaja|su equipo|presto")


def test_client_perspective_flips_the_sides_of_the_rules():
    from contratos.api import check_text

    provider = {c.id: c for c in check_text(PROVIDER_ONLY_EXIT, config=Playbook()).checks}
    client = {c.id: c for c in check_text(PROVIDER_ONLY_EXIT, config=Playbook(perspective="cliente")).checks}
    assert provider["rescision"].status == "ok"
    assert client["rescision"].status == "weak"
    assert client["rescision"].explanation == "Hay salida, pero solo EL PRESTADOR puede terminar sin causa."
    assert provider["modificaciones"].status != "weak"  # the provider's own power is no problem for the provider
    assert client["modificaciones"].status == "weak"
    assert client["modificaciones"].message == "El prestador puede cambiar condiciones o tarifas por su cuenta."


def test_client_perspective_reports_speak_to_the_client(tmp_path):
    (tmp_path / "contratos.toml").write_text('perspectiva = "cliente"\n')
    for sample in ("sin_pago_mx_marketing.docx", "rescision_unilateral_mx_traduccion.pdf",
                   "completo_co_fotografia_tabla.docx", "pago_en_blanco_co_software.pdf"):
        report = json.loads(run_cli("check", str(SAMPLES / sample), "--format", "json", cwd=tmp_path).stdout)
        for check in report["checks"]:
            for key in ("message", "explanation", "why", "recommendation"):
                assert not PROVIDER_WORDING.search(check[key]), (sample, check["id"], key, check[key])
    pago = next(c for c in json.loads(run_cli("check", str(SAMPLES / "sin_pago_mx_marketing.docx"), "--format",
                                              "json", cwd=tmp_path).stdout)["checks"] if c["id"] == "pago")
    assert pago["message"] == "El contrato no dice cuánto ni cuándo debe pagar."
    rules = run_cli("reglas", cwd=tmp_path).stdout
    assert "¿Queda claro cuánto y cuándo debe pagar?" in rules and "le pagan" not in rules


def test_client_perspective_questions_and_letter_are_about_and_to_the_provider(tmp_path):
    (tmp_path / "contratos.toml").write_text('perspectiva = "cliente"\n')
    (tmp_path / "r.toml").write_text("cumple_plazos = true\ntrabaja_independiente = false\n")
    checklist = run_cli("checklist", str(COMPLETE), "--respuestas", "r.toml", cwd=tmp_path)
    assert checklist.returncode == 1, checklist.stderr
    out = checklist.stdout
    assert "## Preguntas sobre el prestador" in out and "¿El prestador cumple los plazos" in out
    assert "¿El cliente paga a tiempo" not in out and "sobre el cliente" not in out
    assert "El prestador trabajaría como personal a sus órdenes" in out and "**no aceptar**" in out
    (tmp_path / "viejo.toml").write_text("paga_a_tiempo = true\n")
    wrong = run_cli("checklist", str(COMPLETE), "--respuestas", "viejo.toml", cwd=tmp_path)
    assert wrong.returncode == 2 and "pregunta desconocida 'paga_a_tiempo'" in wrong.stderr
    assert "cumple_plazos" in wrong.stderr
    letter = run_cli("carta", str(CLIENT_ONLY_EXIT), "--tipo", "negociar", "--destinatario", "Ana Pérez",
                     cwd=tmp_path).stdout
    assert "Buenos días, Ana Pérez:" in letter and "Muchas gracias por su propuesta" in letter
    assert "confianza en mi trabajo" not in letter and "presto los servicios" not in letter
    assert "Acordar de antemano qué ocurre si un pago se retrasa" in letter
    assert "EL PRESTADOR no podrá suspender los servicios por un retraso" in letter  # a clause for the client
    decline = run_cli("carta", str(CLIENT_ONLY_EXIT), "--tipo", "declinar", "--motivo", "tiempo", cwd=tmp_path).stdout
    assert "no podemos iniciar el proyecto" in decline and "pensar en mí" not in decline


def test_client_perspective_has_no_maximum_payment_term(tmp_path):
    with pytest.raises(ConfigError, match="no se aplica con perspectiva"):
        parse({"perspectiva": "cliente", "umbrales": {"plazo_pago_maximo_dias": 30}}, "c.toml")
    (tmp_path / "contratos.toml").write_text('perspectiva = "cliente"\n')
    result = run_cli("check", str(COMPLETE), "--max-dias-pago", "5", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "--max-dias-pago no se aplica con perspectiva = \"cliente\" (contratos.toml)" in result.stderr
    from contratos.api import check_text

    late = PROVIDER_ONLY_EXIT.replace("dentro de los 15 días", "dentro de los 120 días")
    assert {c.id: c.status for c in check_text(late, config=Playbook(perspective="cliente")).checks}["pago"] == "ok"
    assert {c.id: c.status for c in check_text(late, config=Playbook()).checks}["pago"] == "weak"
