"""The pre-signing checklist: answers file, verdict rules, formats and exit codes."""
from __future__ import annotations

import json
import re

import pytest

from contratos.checklist import FIRMAR, NEGOCIAR, NO_ACEPTAR, CannotJudge, build, load_answers
from contratos.config import ConfigError
from contratos.formatters.checklist import render_checklist_markdown
from contratos.patterns import check_ids

CHECK_FILES = check_ids()
from contratos.plantillas import load, load_for
from contratos.report import CheckResult, Report

from .conftest import ROOT, SAMPLES, run_cli

LABOUR = ROOT / "eval" / "documents" / "b_02_laboral_gt_contador.docx"  # a contrato de trabajo

QUESTIONS = [q["id"] for q in load("checklist")["preguntas"]]
GOOD = {"paga_a_tiempo": "si", "respeta_experiencia": "si", "cambia_tarifas": "no", "trata_como_empleado": "no",
        "plazos_realistas": "si", "da_informacion": "si", "dentro_especialidad": "si"}
GOOD_TOML = "\n".join(f'{k} = {"true" if v == "si" else "false"}' for k, v in GOOD.items())


def report(**statuses) -> Report:
    """A report where every check is ok except the ones given (id=status)."""
    severity = {"alcance": "alta", "pago": "alta", "rescision": "alta", "mora": "media", "plazos": "baja"}
    checks = [CheckResult(id=i, name=i.capitalize(), status=statuses.get(i, "ok"), severity=s, message=f"msg {i}")
              for i, s in severity.items()]
    return Report(file="x.txt", checks=checks)


def test_questions_come_from_the_articles():
    assert QUESTIONS == list(GOOD)
    for q in load("checklist")["preguntas"]:
        assert q["texto"].startswith("¿") and q["alarma"] in ("si", "no") and q["fuente"] and q["motivo"]


def test_all_good_signs():
    checklist = build(report(), GOOD)
    assert checklist.verdict == FIRMAR and checklist.exit_code == 0 and len(checklist.reasons) == 1


def test_a_high_gap_means_negotiate_and_says_which():
    checklist = build(report(pago="missing"), GOOD)
    assert checklist.verdict == NEGOCIAR and checklist.exit_code == 1
    assert checklist.reasons == ["Pago: falta (prioridad alta). msg pago"]


def test_fail_on_decides_which_gaps_count():
    assert build(report(mora="missing"), GOOD).verdict == FIRMAR
    assert build(report(mora="missing"), GOOD, fail_on="media").verdict == NEGOCIAR
    assert build(report(plazos="weak"), GOOD, fail_on="media").verdict == FIRMAR
    assert build(report(plazos="weak"), GOOD, fail_on="baja").verdict == NEGOCIAR


def test_unanswered_questions_are_pending_notes_not_reasons():
    unanswered = build(report(), {k: v for k, v in GOOD.items() if k != "plazos_realistas"})
    assert unanswered.verdict == FIRMAR and unanswered.exit_code == 0
    assert unanswered.verdict_label == "firmar, tras responder las preguntas pendientes"
    assert unanswered.notes[0].startswith("Queda 1 pregunta sin responder: el veredicto se basa en el contrato")
    assert unanswered.notes[1].startswith("Sin responder: ¿Los plazos")
    nothing = build(report(), {})
    assert nothing.verdict == FIRMAR and len(nothing.pending) == len(QUESTIONS)
    assert nothing.reasons == ["No hay puntos débiles de prioridad alta en las comprobaciones revisadas."]
    gap = build(report(pago="missing"), {})
    assert gap.verdict == NEGOCIAR and gap.verdict_label == "negociar antes de firmar"
    assert not any("Sin responder" in r for r in gap.reasons) and any("Sin responder" in n for n in gap.notes)
    doubtful = build(report(), {**GOOD, "da_informacion": "no_se"})
    assert doubtful.verdict == NEGOCIAR and "no sé" in doubtful.reasons[0]
    assert not any("Sin responder" in n for n in doubtful.notes)


def test_items_and_reasons_use_the_finding_not_the_generic_message():
    checks = [CheckResult("rescision", "Rescisión", "weak", "alta", "Hay una vía de salida, pero no le protege del todo.",
                          explanation="El preaviso de 5 días es menor que el mínimo de 45 días.")]
    checklist = build(Report(file="x.txt", checks=checks), GOOD)
    assert checklist.reasons == ["Rescisión: débil (prioridad alta). El preaviso de 5 días es menor que el mínimo "
                                 "de 45 días."]
    markdown = render_checklist_markdown(checklist)
    assert "- [ ] **Rescisión**: débil (prioridad alta). El preaviso de 5 días es menor" in markdown
    assert "no le protege del todo" not in markdown


@pytest.mark.parametrize("question, answer", [("respeta_experiencia", "no"), ("cambia_tarifas", "si"),
                                              ("plazos_realistas", "no"), ("da_informacion", "no")])
def test_red_flags_to_talk_about_mean_negotiate(question, answer):
    checklist = build(report(), {**GOOD, question: answer})
    assert checklist.verdict == NEGOCIAR and len(checklist.reasons) == 1
    assert next(q for q in checklist.questions if q.id == question).red_flag


@pytest.mark.parametrize("question, answer", [("paga_a_tiempo", "no"), ("trata_como_empleado", "si"),
                                              ("dentro_especialidad", "no")])
def test_reasons_to_let_a_client_go_mean_do_not_accept(question, answer):
    checklist = build(report(pago="weak"), {**GOOD, question: answer})
    assert checklist.verdict == NO_ACEPTAR and checklist.exit_code == 1
    assert checklist.reasons[0] == next(q for q in load("checklist")["preguntas"] if q["id"] == question)["motivo"]
    assert any(r.startswith("Pago: débil") for r in checklist.reasons)  # the gaps are still listed


def test_two_missing_core_clauses_mean_do_not_accept():
    assert build(report(pago="missing", rescision="weak"), GOOD).verdict == NEGOCIAR
    checklist = build(report(pago="missing", rescision="missing"), GOOD)
    assert checklist.verdict == NO_ACEPTAR and "Faltan 2 de las tres cláusulas principales" in checklist.reasons[0]


def test_answers_file_accepts_booleans_and_words(tmp_path):
    answers = tmp_path / "r.toml"
    answers.write_text('[respuestas]\npaga_a_tiempo = true\ncambia_tarifas = "no"\nda_informacion = "no sé"\n')
    assert load_answers(str(answers)) == {"paga_a_tiempo": "si", "cambia_tarifas": "no", "da_informacion": "no_se"}
    assert load_answers(None) == {}


def test_answers_at_the_top_level_and_in_the_table_are_merged(tmp_path):
    answers = tmp_path / "r.toml"
    answers.write_text('paga_a_tiempo = true\n[respuestas]\ncambia_tarifas = false\n')
    assert load_answers(str(answers)) == {"paga_a_tiempo": "si", "cambia_tarifas": "no"}


ENGLISH = re.compile(r"Errno|Invalid|Expected|codec|decode|\bline\b|\bcolumn\b|Traceback|Error\b|True|False|\[\]")


@pytest.mark.parametrize("text, words", [
    ('paga_puntual = true', "pregunta desconocida 'paga_puntual'"),
    ('paga_a_tiempo = "quizas"', "'paga_a_tiempo' no admite 'quizas'"),
    ('paga_a_tiempo = ', "no es TOML válido: un valor no válido"),
    ('paga_a_tiempo = 1', "'paga_a_tiempo' no admite 1; valores válidos: true, false"),
    ('paga_a_tiempo = 0', "'paga_a_tiempo' no admite 0"),
    ('paga_a_tiempo = [true]', "'paga_a_tiempo' no admite una lista"),
    ('paga_a_tiempo = True', "no es TOML válido: un valor no válido (los textos van entre comillas; true y false, "
                             "en minúsculas) en la línea 1, columna 17"),
    ('respuestas = true', "'respuestas' debe ser una tabla ([respuestas])"),
    ('[respuestas.paga_a_tiempo]\nx = 1', "'paga_a_tiempo' no admite una tabla"),
    ('paga_a_tiempo = true\n[respuestas]\npaga_a_tiempo = false', "respondida dos veces"),
])
def test_bad_answers_file(tmp_path, text, words):
    answers = tmp_path / "r.toml"
    answers.write_text(text + "\n")
    with pytest.raises(ConfigError) as info:
        load_answers(str(answers))
    message = info.value.message
    assert message.startswith(f"{answers}: ") and words in message and not ENGLISH.search(message), message
    assert "configuración" not in message


def test_unreadable_answers_files_are_explained_in_spanish(tmp_path):
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes("paga_a_tiempo = \"sí\"\n".encode("latin-1"))
    bom = tmp_path / "bom.toml"
    bom.write_bytes("paga_a_tiempo = \"sí\"\n".encode("utf-8-sig"))
    assert load_answers(str(bom)) == {"paga_a_tiempo": "si"}
    for path, words in ((latin1, "no está guardado como texto UTF-8"), (tmp_path, "es una carpeta, no un archivo"),
                        (tmp_path / "falta.toml", "el archivo de respuestas no existe. Revise la ruta de --respuestas")):
        with pytest.raises(ConfigError) as info:
            load_answers(str(path))
        assert words in info.value.message and not ENGLISH.search(info.value.message), info.value.message


def test_cli_bad_answers_files_are_one_spanish_line_and_exit_2(tmp_path):
    files = {"uno.toml": "paga_a_tiempo = 1\n", "lista.toml": "paga_a_tiempo = [true, false]\n",
             "tabla.toml": "respuestas = true\n", "roto.toml": "paga_a_tiempo = True\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    for name in [*files, "falta.toml", "."]:
        result = run_cli("checklist", str(SAMPLES / "completo_ar_diseno.docx"), "--respuestas", name, cwd=tmp_path)
        assert result.returncode == 2 and result.stdout == "", name
        line = result.stderr
        assert line.count("\n") == 1 and line.startswith(f"contratos: {name}: "), line
        assert not ENGLISH.search(line) and "interno" not in line, line


def test_cli_markdown_sign(tmp_path):
    answers = tmp_path / "respuestas.toml"
    answers.write_text(GOOD_TOML)
    result = run_cli("checklist", str(SAMPLES / "completo_ar_diseno.docx"), "--respuestas", str(answers))
    assert result.returncode == 0, result.stdout
    out = result.stdout
    assert "## Comprobaciones automáticas" in out and "- [x] **Rescisión (salida del contrato)**: bien" in out
    assert "«Cualquiera de LAS PARTES podrá rescindir" in out  # the evidence quote
    assert "- [x] ¿El cliente paga a tiempo" in out and "## Veredicto: **firmar**" in out
    # a complete contract but for a media gap (modificaciones missing)
    strict = run_cli("checklist", str(SAMPLES / "sin_titulos_uy_redaccion.txt"), "--respuestas", str(answers),
                     "--fail-on", "media")
    assert strict.returncode == 1 and "**negociar antes de firmar**" in strict.stdout


def test_cli_do_not_accept_and_html(tmp_path):
    answers = tmp_path / "respuestas.toml"
    answers.write_text(GOOD_TOML.replace("trata_como_empleado = false", "trata_como_empleado = true"))
    result = run_cli("checklist", str(SAMPLES / "sin_pago_mx_marketing.docx"), "--respuestas", str(answers),
                     "--format", "html")
    assert result.returncode == 1
    html = result.stdout
    assert '<p class="veredicto no_aceptar">no aceptar</p>' in html
    assert '<input type="radio" name="trata_como_empleado" value="si" checked>' in html
    assert "le trata como a personal propio" in html and 'id="ev-rescision-1"' in html


def test_cli_without_answers_judges_the_contract_and_lists_the_pending_questions(tmp_path):
    result = run_cli("checklist", str(SAMPLES / "completo_ar_diseno.docx"))
    assert result.returncode == 0 and result.stdout.count("Respuesta: sin responder") == len(QUESTIONS)
    assert "## Veredicto: **firmar, tras responder las preguntas pendientes**" in result.stdout
    assert f"- Quedan {len(QUESTIONS)} preguntas sin responder" in result.stdout
    # each pending question is shown once, with its answer "sin responder", not listed again in the notes
    assert result.stdout.count("¿El cliente paga a tiempo") == 1 and "- Sin responder:" not in result.stdout
    gaps = run_cli("checklist", str(SAMPLES / "sin_pago_mx_marketing.docx"))
    assert gaps.returncode == 1 and "## Veredicto: **negociar antes de firmar**" in gaps.stdout
    bad = tmp_path / "r.toml"
    bad.write_text("cliente_amable = true\n")
    result = run_cli("checklist", str(SAMPLES / "completo_ar_diseno.docx"), "--respuestas", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "r.toml: pregunta desconocida 'cliente_amable'" in result.stderr
    missing = run_cli("checklist", "no-existe.docx")
    assert missing.returncode == 2 and "no-existe.docx" in missing.stderr and missing.stdout == ""


def test_cli_checklist_items_show_the_specific_finding(tmp_path):
    (tmp_path / "c.toml").write_text("[umbrales]\npreaviso_minimo_dias = 45\n")
    result = run_cli("checklist", str(SAMPLES / "completo_ar_diseno.docx"), "--config", str(tmp_path / "c.toml"))
    assert result.returncode == 1
    assert ("- [ ] **Rescisión (salida del contrato)**: débil (prioridad alta). El preaviso de 30 días es menor que "
            "el mínimo de 45 días") in result.stdout


def test_a_document_that_is_not_a_service_contract_gets_no_verdict():
    checks = [CheckResult(id="pago", name="Pago", status="not_applicable", severity="alta", message="No aplica.")]
    document = Report(file="x.docx", checks=checks, document_kind="laboral",
                      not_applicable_reason="El documento parece un contrato de trabajo, no un contrato de servicios.")
    with pytest.raises(CannotJudge, match="el documento parece un contrato de trabajo, no un contrato de servicios: "
                                          "contratos no puede valorarlo"):
        build(document, GOOD)


def test_cli_not_a_contract_or_nothing_reviewed_is_one_line_and_exit_2(tmp_path):
    result = run_cli("checklist", str(LABOUR))
    assert result.returncode == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert "contrato de trabajo" in result.stderr and "Use --forzar para revisarlo igualmente" in result.stderr
    forced = run_cli("checklist", str(LABOUR), "--forzar")
    assert forced.returncode in (0, 1) and "## Veredicto:" in forced.stdout
    (tmp_path / "nada.toml").write_text(f"[comprobaciones]\ndesactivar = {json.dumps(list(CHECK_FILES))}\n")
    nothing = run_cli("checklist", str(SAMPLES / "completo_ar_diseno.docx"), "--config", "nada.toml", cwd=tmp_path)
    assert nothing.returncode == 2 and nothing.stdout == "" and nothing.stderr.count("\n") == 1
    assert "nada.toml) desactiva todas las comprobaciones: no se revisó nada" in nothing.stderr
    assert "firmar" not in nothing.stderr


def test_disabled_checks_are_noted_as_not_reviewed(tmp_path):
    (tmp_path / "c.toml").write_text('[comprobaciones]\ndesactivar = ["rescision", "plazos"]\n')
    result = run_cli("checklist", str(SAMPLES / "sin_rescision_cl_contabilidad.txt"), "--respuestas",
                     str(_good_answers(tmp_path)), "--config", str(tmp_path / "c.toml"))
    assert "- No se revisó (desactivada en la configuración): Rescisión (salida del contrato); Plazos de entrega." \
        in result.stdout


def _good_answers(tmp_path):
    answers = tmp_path / "respuestas.toml"
    answers.write_text(GOOD_TOML)
    return answers


def test_user_facing_wording_does_not_mix_genders():
    """The articles quote a woman ("su empleada"); our own questions, titles and reasons use neutral
    wording ("personal propio") instead of mixing "empleada" and "empleado"."""
    from contratos.patterns import load_specs

    own = [q[key] for side in ("prestador", "cliente") for q in load_for("checklist", side)["preguntas"]
           for key in ("texto", "motivo")]
    own += [text for side in ("prestador", "cliente") for spec in load_specs(side).values() if spec.id != "comun"
            for text in (spec.title, spec.why, *spec.messages.values())]
    assert not [text for text in own if re.search(r"\b(emplead[ao]s?|proveedora?)\b", text)]
