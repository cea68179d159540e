"""`contratos comparar VIEJO NUEVO`: what changed between two drafts, check by check."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from contratos.cli import cli
from contratos.comparar import CHANGES, classify, word_diff

from .conftest import run_cli
from .drafts import as_docx, as_pdf, draft, write


def _compare(*args: str):
    result = CliRunner().invoke(cli, ["comparar", *args])
    return result


def _changes(result) -> dict[str, dict]:
    data = json.loads(result.output)
    assert data["schema_version"] == 1
    return {c["id"]: c for c in data["changes"]}


@pytest.mark.parametrize("before, after, expected", [
    ("missing", "ok", "resolved"), ("weak", "ok", "resolved"), ("missing", "weak", "improved"),
    ("ok", "ok", "unchanged"), ("weak", "weak", "unchanged"), ("ok", "weak", "worse"), ("weak", "missing", "worse"),
    ("ok", "missing", "worse"), ("not_applicable", "weak", "new"), (None, "ok", "new"), ("ok", None, "worse"),
])
def test_classify(before, after, expected):
    assert classify(before, after) == expected and expected in CHANGES


def test_word_diff_keeps_every_word_in_order():
    segments = word_diff("Cualquiera de las partes podrá rescindir", "Solo EL COMITENTE podrá rescindir hoy")
    assert segments == [("removed", "Cualquiera de las partes"), ("added", "Solo EL COMITENTE"),
                        ("equal", "podrá rescindir"), ("added", "hoy")]
    assert word_diff("", "uno dos") == [("added", "uno dos")]


def test_a_clause_added_is_resolved(tmp_path):
    old = write(tmp_path / "v1.txt", draft(fees=False, late=False))
    new = write(tmp_path / "v2.txt", draft())
    result = _compare(str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.output  # the new draft has no high-priority gap
    changes = _changes(result)
    assert changes["pago"]["before"] in ("missing", "weak") and changes["pago"]["after"] == "ok"
    assert changes["pago"]["change"] == "resolved" and changes["mora"]["change"] == "resolved"
    added = " ".join(changes["pago"]["diff"]["added"])
    assert "PESOS NOVECIENTOS MIL" in added and changes["pago"]["diff"]["after_heading"] == "SEGUNDA. HONORARIOS"
    assert changes["alcance"]["change"] == "unchanged" and changes["alcance"]["diff"]["added"] == []


def test_a_weakened_clause_is_worse_and_the_exit_code_says_so(tmp_path):
    old = write(tmp_path / "v1.txt", draft())
    new = write(tmp_path / "v2.txt", draft(termination="client"))
    result = _compare(str(old), str(new), "--format", "json")
    assert result.exit_code == 1  # the new draft still has a high-priority gap
    rescision = _changes(result)["rescision"]
    assert (rescision["before"], rescision["after"], rescision["change"]) == ("ok", "weak", "worse")
    assert "Cualquiera de las partes" in " ".join(rescision["diff"]["removed"])
    assert "EL COMITENTE" in rescision["diff"]["added"] and "indemnización alguna." in rescision["diff"]["added"]
    assert "solo" in rescision["explanation_after"].lower()


def test_a_removed_clause_is_worse(tmp_path):
    old = write(tmp_path / "v1.txt", draft())
    new = write(tmp_path / "v2.txt", draft(late=False))
    result = _compare(str(old), str(new), "--format", "json")
    mora = _changes(result)["mora"]
    assert (mora["before"], mora["after"], mora["change"]) == ("ok", "missing", "worse")
    assert mora["diff"] is None  # word diffs are for the three core clauses
    assert result.exit_code == 0  # mora is of medium priority
    assert _compare(str(old), str(new), "--fail-on", "media").exit_code == 1


def test_a_reworded_clause_with_the_same_meaning_is_unchanged_but_its_words_are_shown(tmp_path):
    old = write(tmp_path / "v1.txt", draft())
    new = write(tmp_path / "v2.txt", draft(reworded=True))
    data = json.loads(_compare(str(old), str(new), "--format", "json").output)
    assert {c["change"] for c in data["changes"]} == {"unchanged"}
    assert data["summary"]["unchanged"] == 9 and data["summary"]["still_gaps"] == []
    alcance = {c["id"]: c for c in data["changes"]}["alcance"]["diff"]
    assert "encarga" in " ".join(alcance["added"]) and "se obliga a prestar" in " ".join(alcance["removed"])
    text = _compare(str(old), str(new)).output
    assert "= Alcance de los servicios: bien → bien [sin cambios]" in text
    assert "{+encarga a LA DISEÑADORA, y esta acepta, el+}" in text


def test_a_docx_answered_with_a_pdf_through_the_command_line(tmp_path):
    old = as_docx(tmp_path / "borrador.docx", draft(fees=False, termination="client"))
    new = as_pdf(tmp_path / "respuesta.pdf", draft())
    result = run_cli("comparar", str(old), str(new), "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["before"]["format"] == "docx" and data["after"]["format"] == "pdf"
    assert data["after"]["parties"] == {"provider": "LA DISEÑADORA", "client": "EL COMITENTE"}
    changes = {c["id"]: c for c in data["changes"]}
    assert changes["pago"]["change"] == "resolved" and changes["rescision"]["change"] == "resolved"
    added = changes["rescision"]["diff"]["added"]
    assert "Cualquiera de las partes" in added and "treinta (30) días de anticipación" in " ".join(added)


def test_markdown_and_html(tmp_path):
    old = write(tmp_path / "v1.txt", draft())
    new = write(tmp_path / "v2.txt", draft(termination="client"))
    markdown = _compare(str(old), str(new), "-f", "markdown").output
    assert "| Rescisión (salida del contrato) | bien | débil | empeorado |" in markdown
    assert "~~Cualquiera de las partes~~ **EL COMITENTE** podrá rescindir el presente contrato" in markdown
    page = _compare(str(old), str(new), "-f", "html").output
    assert page.startswith("<!DOCTYPE html>") and "<del>Cualquiera de las partes</del>" in page
    assert "<ins>EL COMITENTE</ins> podrá rescindir" in page and "http" not in page.replace("http-equiv", "")


def test_bad_input_exits_2_with_one_spanish_line(tmp_path):
    new = write(tmp_path / "v2.txt", draft())
    result = run_cli("comparar", str(tmp_path / "no-existe.docx"), str(new))
    assert result.returncode == 2 and result.stdout == ""
    assert "no-existe.docx" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    article = write(tmp_path / "receta.txt", "Receta de pan casero\n\nMezcle la harina con el agua y la sal. "
                    "Deje levar la masa durante dos horas y hornee a temperatura media durante cuarenta minutos.\n")
    refused = _compare(str(article), str(new))
    assert refused.exit_code == 2 and "receta.txt" in refused.output
