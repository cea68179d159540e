"""Hours the client must keep (a family at a nursery, a member at a gym) are not the provider working set hours:
through the CLI on a real .docx, the independence check stays silent for the one and flags the other."""
from __future__ import annotations

import json

from click.testing import CliRunner

from contratos.cli import cli
from tests.builders import make_docx

OPENING = [
    ("h1", "CONTRATO DE INSCRIPCIÓN"),
    ("p", "Entre LUDOTECA LOS PINOS S.R.L., en adelante LA LUDOTECA, y la señora Carla Ibáñez, en adelante LA "
          "FAMILIA, se conviene lo siguiente."),
    ("p", "PRIMERA. SERVICIO. LA LUDOTECA cuidará a la niña de lunes a viernes de 14 a 18 horas durante el año 2025, "
          "con merienda y talleres de juego."),
    ("p", "SEGUNDA. CUOTA. LA FAMILIA abonará 60.000 pesos por mes, del 1 al 10 de cada mes, por transferencia."),
]
FAMILY_HOURS = ("p", "TERCERA. LA FAMILIA se compromete a: a) respetar los horarios de entrada y salida; b) avisar "
                     "las ausencias con un día de anticipación.")
PROVIDER_HOURS = ("p", "TERCERA. LA LUDOTECA deberá cumplir el horario de oficina de LA FAMILIA, de 9 a 18 horas.")


def _independence(path) -> dict:
    result = CliRunner().invoke(cli, ["check", str(path), "-f", "json", "--sin-config"])
    assert result.exit_code in (0, 1), result.output
    return next(c for c in json.loads(result.stdout)["checks"] if c["id"] == "independencia")


def test_the_family_keeping_the_nursery_hours_is_no_sign_of_employment(tmp_path):
    check = _independence(make_docx(tmp_path / "familia.docx", OPENING + [FAMILY_HOURS]))
    assert check["status"] == "missing", check["explanation"]


def test_the_provider_keeping_the_clients_office_hours_still_is(tmp_path):
    check = _independence(make_docx(tmp_path / "prestador.docx", OPENING + [PROVIDER_HOURS]))
    assert check["status"] == "weak", check["explanation"]
