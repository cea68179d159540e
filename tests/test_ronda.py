"""The parties' own names in the wording, and the letter of a new round (`carta --comparar`)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from contratos.api import check_text
from contratos.checks.parties import Parties
from contratos.cli import cli
from contratos.names import with_party_names
from contratos.plantillas import load, suggested_clause

from .conftest import SAMPLES, run_cli
from .drafts import draft, write


def test_the_names_as_the_contract_writes_them():
    text = ("Entre Cooperativa Norte Ltda., en adelante “la Cooperativa”, y Pablo Ríos, en adelante EL "
            "TRADUCTOR y por la otra parte, se acuerda lo siguiente. La Cooperativa pagará los honorarios.")
    assert Parties.from_text(text).names() == {"provider": "EL TRADUCTOR", "client": "la Cooperativa"}
    defined_term = "Ana Gil, en adelante LA CONSULTORA, y Sur S.A., en adelante EL CLIENTE; en adelante, el Contrato."
    assert Parties.from_text(defined_term).names() == {"provider": "LA CONSULTORA", "client": "EL CLIENTE"}
    assert Parties.from_text("Un texto sin partes definidas.").names() == {"provider": None, "client": None}
    undefined = "Marta Gil, en adelante LA ILUSTRADORA, se obliga a entregar a EL COMITENTE las ilustraciones."
    assert Parties.from_text(undefined).names() == {"provider": "LA ILUSTRADORA", "client": "EL COMITENTE"}


def test_generic_names_are_replaced_with_the_contracts_own():
    names = {"provider": "LA DISEÑADORA", "client": "el Comitente"}
    assert with_party_names("EL CLIENTE pagará a EL PRESTADOR lo que corresponda a EL\nCLIENTE.", names) == \
        "El Comitente pagará a LA DISEÑADORA lo que corresponda al Comitente."
    assert with_party_names("los datos de EL CLIENTE", names) == "los datos del Comitente"
    assert with_party_names("EL PRESTADOR entregará", {"provider": None, "client": "X"}) == "EL PRESTADOR entregará"
    # a name that already holds the generic one is left alone, so applying it twice changes nothing
    long = {"provider": "EL PRESTADOR DE SERVICIOS", "client": "LA EMPRESA"}
    once = with_party_names("EL PRESTADOR cobra de EL CLIENTE", long)
    assert once == "EL PRESTADOR cobra de LA EMPRESA" and with_party_names(once, long) == once
    clause = suggested_clause("pago", None, names)
    assert clause.startswith("El Comitente pagará a LA DISEÑADORA, en concepto de honorarios")


def test_the_json_report_names_the_parties():
    result = run_cli("check", str(SAMPLES / "completo_ar_diseno.docx"), "-f", "json")
    assert json.loads(result.stdout)["parties"] == {"provider": "EL LOCADOR", "client": "EL LOCATARIO"}
    assert check_text(draft()).parties == {"provider": "LA DISEÑADORA", "client": "EL COMITENTE"}


def test_the_letter_of_a_new_round_thanks_and_asks_for_what_is_left(tmp_path):
    old = write(tmp_path / "v1.txt", draft(fees=False, late=False, termination="client"))
    new = write(tmp_path / "v2.txt", draft(late=True, termination="client"))
    result = CliRunner().invoke(cli, ["carta", str(new), "--tipo", "negociar", "--comparar", str(old),
                                      "--cliente", "Marta", "--firma", "Julia Benítez"])
    assert result.exit_code == 0, result.output
    letter = result.output
    words = load("carta")
    assert letter.startswith(f"Asunto: {words['ronda']['asunto']}\n") and "Buenos días, Marta:" in letter
    assert "Le agradezco que haya resuelto las condiciones de pago y los pagos con retraso" in letter
    assert "1. " + words["peticiones"]["rescision"] in letter and "2. " not in letter
    assert "solo EL COMITENTE puede terminar sin causa" in letter
    assert "En tal caso, EL COMITENTE pagará los servicios efectivamente prestados" in letter
    assert "EL CLIENTE" not in letter and "EL PRESTADOR" not in letter


def test_a_round_with_nothing_left_goes_ahead_and_a_worse_point_is_named(tmp_path):
    runner = CliRunner()
    good = write(tmp_path / "bueno.txt", draft())
    weak = write(tmp_path / "debil.txt", draft(termination="client"))
    done = runner.invoke(cli, ["carta", str(good), "--tipo", "negociar", "--comparar", str(weak)])
    assert done.exit_code == 0
    assert "Le agradezco que haya resuelto la forma de terminar el contrato" in done.output
    assert "podemos seguir adelante con la firma" in done.output and "1. " not in done.output
    worse = runner.invoke(cli, ["carta", str(weak), "--tipo", "negociar", "--comparar", str(good)])
    assert load("carta")["ronda"]["sin_resueltos"] in worse.output
    assert load("carta")["ronda"]["cambio"]["worse"] in worse.output
    misuse = runner.invoke(cli, ["carta", str(good), "--tipo", "declinar", "--comparar", str(weak)])
    assert misuse.exit_code == 2 and "--comparar solo se usa con --tipo negociar" in misuse.output
