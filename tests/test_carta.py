"""Letters to the client: wording from plantillas/carta.toml, the gaps with suggested clauses."""
from __future__ import annotations

from contratos.carta import write_letter
from contratos.patterns import CHECK_FILES, load_specs
from contratos.plantillas import load
from contratos.report import CheckResult, Report

from .conftest import SAMPLES, run_cli


def test_every_check_has_a_request_a_topic_and_a_suggested_clause():
    words = load("carta")
    for check_id in CHECK_FILES:
        assert words["peticiones"][check_id].endswith(".") and words["temas"][check_id]
        assert len(load_specs()[check_id].example) > 40


def test_negotiate_letter_asks_for_the_gaps_with_wording():
    result = run_cli("carta", str(SAMPLES / "sin_pago_mx_marketing.docx"), "--tipo", "negociar",
                     "--cliente", "Grupo Alfa", "--firma", "Ana Pérez")
    assert result.returncode == 0 and result.stderr == ""
    letter = result.stdout
    assert letter.startswith("Asunto: ") and "Buenos días, Grupo Alfa:" in letter and letter.rstrip().endswith("Ana Pérez")
    assert "1. " + load("carta")["peticiones"]["pago"] in letter  # the high-priority gap first
    assert "2. " + load("carta")["peticiones"]["mora"] in letter
    assert f"Propuesta de redacción: «{load_specs()['pago'].example}»" in letter
    assert "le van a pagar" not in letter  # the report's wording speaks to the user, not to the client
    baja = run_cli("carta", str(SAMPLES / "pago_en_blanco_co_software.pdf"), "--tipo", "negociar", "--hasta", "baja")
    assert load("carta")["peticiones"]["campos_vacios"] in baja.stdout


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


def test_negotiate_without_gaps_says_it_can_be_signed():
    letter = write_letter(Report(file="x", checks=[CheckResult("pago", "Pago", "ok", "alta", "m")]), "negociar",
                          client="Estudio Sur")
    assert "Asunto: Contrato de servicios: revisión terminada" in letter and "seguir adelante con la firma" in letter


def test_letter_errors():
    assert run_cli("carta", str(SAMPLES / "completo_ar_diseno.docx")).returncode == 2  # --tipo is required
    result = run_cli("carta", "no-existe.pdf", "--tipo", "declinar")
    assert result.returncode == 2 and result.stdout == "" and "no-existe.pdf" in result.stderr
