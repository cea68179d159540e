"""What the client must hand over, in a letter or an email written in the first and second person that defines no
party ("la Asociación me enviará los extractos", "te paso los logotipos"): the pronouns say who gives to whom,
through the CLI on a real .docx and unit by unit through the `sin_parte` key of the generic runner."""
from __future__ import annotations

import json

from click.testing import CliRunner

from contratos import check_text
from contratos.cli import cli
from tests.builders import make_docx

CLIENT_WRITES = [
    ("p", "Hola Nuria: como quedamos por teléfono, nos haces el catálogo de la quesería por 900 euros, la mitad al "
          "empezar y la otra mitad a la entrega, con factura a diez días."),
    ("p", "El lunes te paso los logotipos, la guía de estilo y el acceso a la carpeta con las fotos de los quesos."),
    ("p", "Tú me entregas el catálogo en PDF para imprenta el 20 de junio."),
]
PROVIDER_SENDS = [
    ("p", "Hola Nuria: te hago el catálogo de la quesería por 900 euros, la mitad al empezar y la otra mitad a la "
          "entrega, con factura a diez días."),
    ("p", "Te envío los diseños finales el 20 de junio y te mando la factura el mismo día."),
]


def _duty(path) -> dict:
    result = CliRunner().invoke(cli, ["check", str(path), "-f", "json", "--sin-config", "--forzar"])
    assert result.exit_code in (0, 1), result.output
    return next(c for c in json.loads(result.stdout)["checks"] if c["id"] == "obligaciones_cliente")


def test_an_email_where_the_client_passes_the_materials_is_ok(tmp_path):
    check = _duty(make_docx(tmp_path / "correo_cliente.docx", CLIENT_WRITES))
    assert check["status"] == "ok", check["explanation"]


def test_an_email_where_the_provider_sends_the_work_and_the_invoice_is_missing(tmp_path):
    check = _duty(make_docx(tmp_path / "correo_prestador.docx", PROVIDER_SENDS))
    assert check["status"] == "missing", check["explanation"]


def _status(text: str) -> str:
    report = check_text(text, force=True)
    return next(c for c in report.checks if c.id == "obligaciones_cliente").status


def test_a_party_named_in_the_same_stretch_still_decides():
    letter = ("Me comprometo a llevar la contabilidad de la Asociación Vecinal por 150 euros al mes.\n"
              "La Asociación me facilitará cada mes los extractos bancarios.")
    named = ("PRIMERA. OBJETO. EL CONSULTOR, en adelante EL CONSULTOR, hará el plan de negocio de mi panadería.\n"
             "SEGUNDA. Cada viernes EL CONSULTOR me enviará la información del avance.")
    assert _status(letter) == "ok"
    assert _status(named) == "missing"
