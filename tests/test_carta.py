"""Letters to the client: wording from plantillas/carta.toml, the gaps with suggested clauses."""
from __future__ import annotations

import re

from contratos.api import check_text
from contratos.carta import letter_notes, write_letter
from contratos.config import Playbook
from contratos.patterns import check_ids

CHECK_FILES = check_ids()
from contratos.plantillas import load, no_clause_advice, suggested_clause
from contratos.report import CheckResult, Report

from .conftest import ROOT, SAMPLES, run_cli

LABOUR = ROOT / "eval" / "documents" / "b_02_laboral_gt_contador.docx"  # a contrato de trabajo


def test_every_check_has_a_request_a_topic_and_a_suggested_clause():
    words = load("carta")
    for check_id in CHECK_FILES:
        assert words["peticiones"][check_id].endswith(".") and words["temas"][check_id]
        if check_id == "campos_vacios":  # the fix is to fill the blanks, not a new clause
            assert suggested_clause(check_id) == "" and "complete cada espacio" in no_clause_advice(check_id)
        else:
            assert len(suggested_clause(check_id)) > 40


def test_suggested_clauses_invent_nothing_and_mark_their_blanks():
    for check_id, side in [(c, p) for c in CHECK_FILES for p in ("prestador", "cliente")]:
        clause = suggested_clause(check_id, Playbook(perspective=side))
        # no amount, currency, rate, number of days or deliverable made up for the user
        assert not re.search(r"\d|euro|dólar|peso|logotipo|manual de marca|\((cinco|diez|quince|treinta)\)", clause), clause
        for blank in re.findall(r"\[[^\]]*\]", clause):
            assert len(blank) <= 42 and re.fullmatch(r"\[[\w ]+\]", blank), blank  # campos_vacios sees them
    assert "[importe] [moneda]" in suggested_clause("pago") and "[n] días" in suggested_clause("rescision")


def test_the_playbook_fills_its_blanks():
    playbook = Playbook(min_notice_days=45, max_payment_days=30, monthly_late_interest=1.5)
    assert "con 45 días de antelación" in suggested_clause("rescision", playbook)
    assert "dentro de los 30 días siguientes a su recepción" in suggested_clause("pago", playbook)
    assert "[importe] [moneda]" in suggested_clause("pago", playbook)  # what the playbook does not say stays blank
    assert "interés moratorio del 1,5 % mensual" in suggested_clause("mora", playbook)
    assert "con 1 día de antelación" in suggested_clause("rescision", Playbook(min_notice_days=1))
    assert suggested_clause("pago", Playbook()) == suggested_clause("pago")  # the default 60 is not a proposal


def test_campos_vacios_flags_pasted_suggestions_only_while_their_blanks_are_unfilled():
    """The tool's blanks are meant to be completed: pasted as they are, campos_vacios must point at them
    (that is its job); once completed, the tool's own wording raises nothing there."""
    clauses = [suggested_clause(c) for c in CHECK_FILES if suggested_clause(c)]
    head = ("CONTRATO DE PRESTACIÓN DE SERVICIOS\n\nEntre Estudio Sur S.A., en adelante EL CLIENTE, y Ana Pérez, "
            "en adelante EL PRESTADOR, se acuerda:\n\n")
    body = "\n\n".join(f"CLÁUSULA {n}.\n{text}" for n, text in enumerate(clauses, 1))
    filled = re.sub(r"\[[^\]]*\]", "lo acordado", body)
    by_id = lambda text: {c.id: c for c in check_text(head + text, force=True).checks}
    assert by_id(filled)["campos_vacios"].status == "ok"
    blank = by_id(body)["campos_vacios"]
    assert blank.status == "weak" and "[" in blank.explanation


def test_a_saved_letter_is_not_checked_as_a_contract():
    letter = write_letter(Report(file="x", checks=[CheckResult("pago", "Pago", "missing", "alta", "m")]), "negociar")
    report = check_text(letter)
    assert all(c.status == "not_applicable" for c in report.checks)  # so no blank in it is ever reported


def test_negotiate_letter_asks_for_the_gaps_with_wording():
    result = run_cli("carta", str(SAMPLES / "sin_pago_mx_marketing.docx"), "--tipo", "negociar",
                     "--cliente", "Grupo Alfa", "--firma", "Ana Pérez")
    assert result.returncode == 0 and result.stderr == ""
    letter = result.stdout
    assert letter.startswith("Asunto: ") and "Buenos días, Grupo Alfa:" in letter and letter.rstrip().endswith("Ana Pérez")
    points = re.findall(r"^(\d)\. (.+)$", letter, re.M)
    assert points == [  # the high-priority gap first
        ("1", "Fijar el importe de los honorarios, la moneda, cuándo se paga cada factura y la forma de pago."),
        ("2", "Acordar qué ocurre si una factura se paga con retraso.")]
    # why, from the finding itself, not only the generic request
    assert ".\n   En el texto actual: no se encontró ninguna cláusula de honorarios o precio.\n" in letter
    # the sample calls the provider LA AGENCIA: the clause says so instead of EL PRESTADOR
    assert ("Propuesta de redacción: «EL CLIENTE pagará a LA AGENCIA, en concepto de honorarios, la suma de [importe] "
            "[moneda], [impuestos incluidos o más impuestos], según este calendario: [pagos o hitos]. Cada factura se "
            "pagará dentro de los [n] días siguientes a su recepción, mediante [forma de pago].»") in letter
    assert "EL PRESTADOR" not in letter
    assert "le van a pagar" not in letter  # the report's wording speaks to the user, not to the client
    baja = run_cli("carta", str(SAMPLES / "pago_en_blanco_co_software.pdf"), "--tipo", "negociar", "--hasta", "baja")
    assert ("4. Completar los espacios que han quedado en blanco en la plantilla con los datos acordados (no hace "
            "falta una cláusula nueva).\n   En el texto actual: hay 3 espacios de la plantilla sin completar: "
            "«______», «[MONTO]», «XX».\n") in baja.stdout


def test_decline_letter_is_honest_kind_and_recommends():
    result = run_cli("carta", str(SAMPLES / "sin_rescision_cl_contabilidad.txt"), "--tipo", "declinar",
                     "--recomendar", "Lucía Gómez", "--motivo", "especialidad")
    assert result.returncode == 0
    letter = result.stdout
    assert "Muchísimas gracias por pensar en mí" in letter and "transparente" in letter
    assert "queda fuera de mi especialidad" in letter and "le recomiendo a Lucía Gómez" in letter
    assert "disculp" not in letter.lower() and "[Su nombre]" in letter  # the articles: don't apologise


def test_decline_for_conditions_lists_the_topics():
    checks = [CheckResult("pago", "Pago", "missing", "alta", "m"), CheckResult("mora", "Mora", "missing", "media", "m"),
              CheckResult("plazos", "Plazos", "weak", "baja", "m")]
    letter = write_letter(Report(file="x", checks=checks), "declinar")
    assert "(las condiciones de pago y los pagos con retraso)" in letter  # baja is left out by default
    assert "con gusto le sugiero a otros profesionales" in letter


CORE = ("alcance", "pago", "rescision")


def _checks(**statuses):
    ids = CORE + ("mora", "modificaciones", "independencia", "obligaciones_cliente", "plazos", "campos_vacios")
    return [CheckResult(i, i.capitalize(), statuses.get(i, "ok"), "alta" if i in CORE else "media", "m")
            for i in ids if statuses.get(i) != "off"]


def test_negotiate_without_points_claims_only_what_was_checked_and_clear():
    letter = write_letter(Report(file="x", checks=_checks()), "negociar", client="Estudio Sur")
    assert "Asunto: Contrato de servicios: revisión terminada" in letter
    assert "deja claros el alcance del trabajo, el pago y la forma de terminarlo" in letter
    disabled = write_letter(Report(file="x", checks=_checks(rescision="off")), "negociar")
    assert "deja claros el alcance del trabajo y el pago, así que" in disabled and "terminarlo" not in disabled
    lowered = Report(file="x", checks=_checks(pago="weak"))
    pago = next(c for c in lowered.checks if c.id == "pago")
    pago.severity = "baja"  # a playbook lowered pago: --hasta media leaves it out of the letter
    text = write_letter(lowered, "negociar")
    assert "revisión terminada" in text and "el pago" not in text and "el alcance del trabajo y la forma" in text
    assert any("Pago" in note for note in letter_notes(lowered, "media"))
    nothing = write_letter(Report(file="x", checks=_checks(alcance="off", pago="off", rescision="off")), "negociar")
    assert "no tengo cambios que proponer" in nothing and "deja claros" not in nothing


def test_cli_letter_notes_and_refusals(tmp_path):
    (tmp_path / "c.toml").write_text('[comprobaciones]\ndesactivar = ["rescision"]\n[severidad]\nmodificaciones = "baja"\n')
    result = run_cli("carta", str(SAMPLES / "sin_titulos_uy_redaccion.txt"), "--tipo", "negociar", "--config",
                     str(tmp_path / "c.toml"))  # core ok; modificaciones (media) missing
    assert result.returncode == 0 and "revisión terminada" in result.stdout
    assert "deja claros el alcance del trabajo y el pago" in result.stdout and "terminarlo" not in result.stdout
    assert "contratos: aviso: no se revisaron (desactivadas en la configuración): Rescisión" in result.stderr
    assert "Cambios solo por escrito" in result.stderr  # a gap left out by --hasta media
    labour = run_cli("carta", str(LABOUR), "--tipo", "negociar")
    assert labour.returncode == 2 and labour.stdout == "" and labour.stderr.count("\n") == 1
    assert "contrato de trabajo" in labour.stderr and "--forzar" in labour.stderr


def test_cli_letter_uses_the_playbook_values_and_the_specific_reason(tmp_path):
    (tmp_path / "c.toml").write_text("[umbrales]\npreaviso_minimo_dias = 45\n")
    result = run_cli("carta", str(SAMPLES / "completo_ar_diseno.docx"), "--tipo", "negociar", "--hasta", "alta",
                     "--config", str(tmp_path / "c.toml"))
    letter = result.stdout
    assert result.returncode == 0 and ("1. Prever que cualquiera de las partes pueda terminar el contrato con un "
                                       "preaviso razonable, pagándose el trabajo realizado hasta ese momento.") in letter
    assert ".\n   En el texto actual: el preaviso es de 30 días y necesito que sea de al menos 45 días.\n" in letter
    assert "con 45 días de antelación" in letter and "su configuración" not in letter


def test_letter_errors():
    assert run_cli("carta", str(SAMPLES / "completo_ar_diseno.docx")).returncode == 2  # --tipo is required
    result = run_cli("carta", "no-existe.pdf", "--tipo", "declinar")
    assert result.returncode == 2 and result.stdout == "" and "no-existe.pdf" in result.stderr
