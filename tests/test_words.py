"""Words a user reads (issue 18): counts agree with their nouns through one helper, sentences do not
break inside the abbreviations of Spanish legal text, quotes start and end where sentences do and keep
their brackets balanced, no output repeats itself, and usage errors point to the subcommand's help."""
from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from contratos.errors import ContratosError
from contratos.formatters.batch import Totals
from contratos.readers import read_document
from contratos.report import Report
from contratos.scanrecord import ScanRecord
from contratos.sentences import split_sentences
from contratos.words import agree, balanced, plural, unbalanced

from .builders import make_docx
from .conftest import ROOT, SAMPLES, run_cli

DOCUMENT_FOLDERS = [SAMPLES, ROOT / "eval" / "documents", ROOT / "eval" / "holdout", ROOT / "eval" / "holdout2"]
NOT_CONTRACTS = ["b_01_confidencialidad_cr_software.pdf", "b_02_laboral_gt_contador.docx",
                 "b_03_arrendamiento_py_oficina.pdf", "b_04_compraventa_bo_maquinaria.txt"]


# --- one pluralising helper -------------------------------------------------------------------------

def test_plural_agrees_with_one_and_with_many():
    assert plural(1, "archivo ilegible", "archivos ilegibles") == "1 archivo ilegible"
    assert plural(0, "archivo ilegible", "archivos ilegibles") == "0 archivos ilegibles"
    assert plural(3, "día hábil", "días hábiles") == "3 días hábiles"
    assert plural(1, "la única comprobación", "las {n} comprobaciones") == "la única comprobación"
    assert plural(9, "la única comprobación", "las {n} comprobaciones") == "las 9 comprobaciones"
    assert agree(1, "este punto débil", "estos puntos débiles") == "este punto débil"
    assert agree(2, "este punto débil", "estos puntos débiles") == "estos puntos débiles"


def test_scan_summary_of_one_file_is_singular():
    totals = Totals()
    totals.add(ScanRecord.of(Report.unreadable("x.pdf", ContratosError("corrupt", "dañado", "Pida otra copia"))))
    assert totals.sentence().startswith("1 archivo: ") and "1 ilegible." in totals.sentence()
    assert "ilegibles" not in totals.sentence()


def test_scan_of_one_non_contract_speaks_in_singular(tmp_path):
    shutil.copy(ROOT / "eval" / "documents" / NOT_CONTRACTS[1], tmp_path)
    result = run_cli("scan", str(tmp_path))
    assert result.returncode == 0, result.stderr
    summary = next(line for line in result.stdout.splitlines() if line.startswith("1 archivo:"))
    assert summary == ("1 archivo: 0 con alcance, pago y rescisión resueltos, 0 con alguno débil o ausente, "
                       "1 que no parece un contrato de servicios, 0 ilegibles.")


def test_scan_of_three_files_speaks_in_plural(tmp_path):
    for name in ("completo_ar_diseno.docx", "sin_pago_mx_marketing.docx"):
        shutil.copy(SAMPLES / name, tmp_path)
    (tmp_path / "roto.docx").write_bytes(b"PK\x03\x04 no es un zip completo")
    result = run_cli("scan", str(tmp_path))
    assert result.returncode == 2
    summary = next(line for line in result.stdout.splitlines() if line.startswith("3 archivos:"))
    assert summary == ("3 archivos: 1 con alcance, pago y rescisión resueltos, 1 con alguno débil o ausente, "
                       "1 ilegible.")


def test_letter_note_agrees_with_one_left_out_point():
    result = run_cli("carta", "--tipo", "negociar", str(SAMPLES / "pago_en_blanco_co_software.pdf"))
    assert result.returncode == 0
    notes = [line for line in result.stderr.splitlines() if "--hasta" in line]
    assert notes, result.stderr
    for note in notes:
        left = note.rsplit(": ", 1)[1].rstrip(".").split("; ")
        assert ("este punto débil" in note) == (len(left) == 1), note


def test_no_count_disagrees_with_its_noun_in_any_sample_report():
    """ "1 días", "1 servicios", "1 archivos": a count of one before a plural noun, in every text report."""
    for path in sorted(SAMPLES.glob("*.*")):
        if path.suffix == ".toml":
            continue
        out = run_cli("check", str(path)).stdout
        assert not re.search(r"(?<![\d.,])1 (días|servicios|archivos|comprobaciones|puntos|cláusulas|meses)\b", out), path


# --- sentence splitting -----------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "LA TRADUCTORA traducirá el manual (aprox. 95.000 palabras), y entregará el texto revisado.",
    "El pago se hará según el art. 5 y el inc. 3 del reglamento interno de la empresa.",
    "Firma por la empresa la Lic. Marta Ríos y, como testigo, el Ing. Pablo Sosa.",
    "Contratan Gráfica del Sur S.A. de C.V. y Estudio Norte S.R.L. por tiempo determinado.",
    "La cuenta cte. Nro. 123-4 y la factura No. 5 se indican en el anexo del contrato.",
    "El domicilio es Av. Corrientes 1234, C.P. 1043, tel. 4555-1212, y rige desde la firma.",
    "La Sra. Gómez y el Dr. Pérez, de Servicios S.A.S., revisarán la pág. 4 del informe.",
    "Se entregará la obra n.º 45 en la fecha acordada por las partes.",
])
def test_abbreviations_do_not_end_a_sentence(text):
    assert _sentences(text) == [text]


def test_a_reference_number_before_a_capital_ends_the_sentence():
    text = ("La liquidación se hará en la forma de la cláusula 4. Ninguna de las partes podrá ceder este "
            "contrato sin el acuerdo escrito de la otra.")
    assert _sentences(text) == ["La liquidación se hará en la forma de la cláusula 4.",
                                "Ninguna de las partes podrá ceder este contrato sin el acuerdo escrito de la otra."]
    text = "Rige lo dispuesto en el artículo 7. El cliente pagará dentro de los diez días."
    assert len(_sentences(text)) == 2


def test_an_item_number_does_not_end_a_sentence():
    text = "1. El prestador diseñará el sitio web. 2. El cliente aprobará cada entrega por escrito."
    assert _sentences(text) == ["1. El prestador diseñará el sitio web.", "2. El cliente aprobará cada entrega por escrito."]
    # "cláusula 4.1" followed by a lowercase word is one sentence
    text = "Según la cláusula 4. a) el cliente aprobará cada entrega."
    assert _sentences(text) == [text]


def test_no_before_a_word_ends_a_sentence():
    text = "El cliente decidirá si renueva o no. El prestador será avisado con diez días de antelación."
    assert len(_sentences(text)) == 2


# --- quotes and explanations over every document ------------------------------------------------------

_LABEL_BEFORE = re.compile(r"(?:^|\n)\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|[IVXL]+\.)\s*$")


@pytest.fixture(scope="module")
def all_reports() -> list[tuple[dict, str]]:
    """Every sample and evaluation document, checked through `contratos scan` as a user runs it, with
    the text its evidence offsets index."""
    result = run_cli("scan", *map(str, DOCUMENT_FOLDERS), "--format", "jsonl", "--jobs", "2")
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) > 60
    return [(r, read_document(r["file"]).text) for r in reports if r["readable"]]


def test_quotes_keep_brackets_balanced(all_reports):
    problems = []
    for report, text in all_reports:
        for check in report["checks"]:
            for ev in check["evidence"]:
                source = text[ev["start"]:ev["end"]]
                if unbalanced(ev["text"]) and not unbalanced(source):
                    problems.append((report["file"], check["id"], ev["text"]))
    assert not problems, problems


def test_explanations_keep_brackets_balanced(all_reports):
    problems = [(r["file"], c["id"], c["explanation"]) for r, _ in all_reports for c in r["checks"]
                if unbalanced(c["explanation"])]
    assert not problems, problems


def test_quotes_start_and_end_where_sentences_do(all_reports):
    """A quote not marked "…" starts after a sentence end, a clause label or a line break, and ends at a
    sentence end or at the end of its paragraph."""
    problems = []
    for report, text in all_reports:
        for check in report["checks"]:
            for ev in check["evidence"]:
                quote, start, end = ev["text"], ev["start"], ev["end"]
                before = text[:start].rstrip(" \t")
                starts_well = (quote.startswith("…") or not before or before.endswith("\n")
                               or before[-1] in ".!?:;»”\")]" or _LABEL_BEFORE.search(before))
                after = text[end:end + 1]
                ends_well = (quote.endswith("…") or after in ("", "\n")
                             or text[start:end].rstrip()[-1:] in ".!?:;»”\")]")
                if not (starts_well and ends_well):
                    problems.append((report["file"], check["id"], repr(before[-25:]), quote[:60], quote[-40:]))
    assert not problems, problems


def test_a_long_quote_is_cut_between_words_and_outside_brackets(tmp_path):
    clause = ("EL PRESTADOR traducirá al español los documentos técnicos que EL CLIENTE le entregue en formato "
              "editable: el manual de operación de la planta (aprox. 95.000 palabras, con tablas y gráficos), "
              "el catálogo de repuestos (unas 30.000 palabras, sin imágenes), el glosario del cliente "
              "(2.000 entradas), las fichas de seguridad de los productos químicos (40 fichas de dos páginas "
              "cada una) y las instrucciones de mantenimiento preventivo de las calderas (aprox. 12.000 "
              "palabras), y entregará cada documento revisado por un segundo traductor.")
    path = make_docx(tmp_path / "traduccion.docx", [
        ("h1", "CONTRATO DE PRESTACIÓN DE SERVICIOS DE TRADUCCIÓN"),
        ("p", "Entre Química del Plata S.A., en adelante EL CLIENTE, y Ana Ruiz, en adelante EL PRESTADOR, "
              "se celebra el presente contrato de prestación de servicios."),
        ("h1", "PRIMERA. OBJETO"), ("p", clause),
        ("h1", "SEGUNDA. HONORARIOS"),
        ("p", "EL CLIENTE pagará a EL PRESTADOR la suma de $ 900.000 dentro de los 10 días de recibida la factura."),
        ("h1", "TERCERA. RESCISIÓN"),
        ("p", "Cualquiera de las partes podrá rescindir el contrato con un preaviso de 15 días, pagándose el "
              "trabajo realizado hasta esa fecha."),
    ])
    report = json.loads(run_cli("check", str(path), "--format", "json").stdout)
    quotes = [ev["text"] for c in report["checks"] for ev in c["evidence"] if "traducirá" in ev["text"]
              or "palabras" in ev["text"]]
    assert quotes
    words = set(clause.replace("(", " ").replace(")", " ").replace(",", " ").replace(":", " ").split())
    for quote in quotes:
        assert not unbalanced(quote), quote
        assert not quote.startswith(("palabras)", "…palabras)")), quote
        first, last = quote.strip("…").split()[0], quote.strip("…").split()[-1]
        assert first.strip("(),:") in words and last.strip("(),:.") in words, quote  # whole words


def test_pago_explanation_closes_the_parenthesis_of_the_amount(tmp_path):
    path = tmp_path / "locucion.txt"
    path.write_text(
        "CONTRATO DE LOCACIÓN DE SERVICIOS\n\n"
        "Entre Radio Sur S.A., en adelante EL CLIENTE, y Luis Paz, en adelante EL LOCUTOR, se celebra el "
        "presente contrato de locación de servicios.\n\n"
        "PRIMERA. OBJETO. EL LOCUTOR grabará veinte cuñas publicitarias de treinta segundos y dos "
        "presentaciones institucionales de un minuto para la campaña de invierno de EL CLIENTE.\n\n"
        "SEGUNDA. HONORARIOS. EL CLIENTE abonará a EL LOCUTOR la suma de PESOS NOVECIENTOS MIL "
        "($ 900.000), dentro de los diez (10) días de recibida la factura, por transferencia bancaria.\n\n"
        "TERCERA. RESCISIÓN. Cualquiera de las partes podrá rescindir el presente contrato con un preaviso "
        "de quince (15) días, y EL CLIENTE pagará las grabaciones realizadas hasta esa fecha.\n",
        encoding="utf-8")
    report = json.loads(run_cli("check", str(path), "--format", "json").stdout)
    pago = next(c for c in report["checks"] if c["id"] == "pago")
    assert pago["status"] == "ok" and "900.000" in pago["explanation"]
    assert not unbalanced(pago["explanation"]), pago["explanation"]


def test_balanced_closes_and_drops():
    assert balanced("PESOS NOVECIENTOS MIL ($ 900.000") == "PESOS NOVECIENTOS MIL ($ 900.000)"
    assert balanced("95.000 palabras), y entregará") == "95.000 palabras, y entregará"
    assert unbalanced("«uno (dos)» y [tres]") == []
    assert unbalanced("uno (dos") == ["("]


# --- no text repeated in one output -------------------------------------------------------------------

def _repeated_lines(output: str) -> list[str]:
    lines = [line.strip() for line in output.splitlines() if len(line.strip()) > 30]
    return [line for line, n in Counter(lines).items() if n > 1]


def test_a_non_contract_says_why_once(tmp_path):
    for fmt in ("text", "markdown"):
        out = run_cli("check", str(ROOT / "eval" / "documents" / NOT_CONTRACTS[1]), "--format", fmt).stdout
        assert out.count("no un contrato de servicios") == 1, out
        assert not _repeated_lines(out), out


def test_scan_of_several_non_contracts_repeats_nothing(tmp_path):
    for name in NOT_CONTRACTS:
        shutil.copy(ROOT / "eval" / "documents" / name, tmp_path)
    result = run_cli("scan", str(tmp_path))
    assert result.returncode == 0
    assert not _repeated_lines(result.stdout), result.stdout
    assert "4 archivos:" in result.stdout and "4 que no parecen contratos de servicios" in result.stdout


def test_a_weak_finding_does_not_repeat_its_message():
    out = run_cli("check", str(SAMPLES / "alcance_vago_pe_asistente.md")).stdout
    assert "Hay cláusulas propias de un empleo (horario, exclusividad o subordinación)." in out
    assert out.count("Hay cláusulas propias de un empleo") == 1, out
    assert not _repeated_lines(out.split("Por qué importa")[0]), out


def test_reports_do_not_cite_unexplained_articles():
    """ "según los artículos" reads as the contract's own articles: the guidance is named plainly."""
    for path in (SAMPLES / "alcance_vago_pe_asistente.md", SAMPLES / "sin_rescision_cl_contabilidad.txt"):
        for args in (("check",), ("checklist",)):
            out = run_cli(*args, str(path)).stdout
            assert not re.search(r"\blos artículos\b", out), out
    checklist = run_cli("checklist", str(SAMPLES / "sin_rescision_cl_contabilidad.txt")).stdout
    assert checklist.count("profesionales independientes") == 1 and "escenario" not in checklist


# --- usage errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, problem, helped", [
    (("check",), "falta ARCHIVO.", "contratos check --help"),
    (("scan",), "falta RUTA.", "contratos scan --help"),
    (("carta", "x.docx"), "falta la opción --tipo.", "contratos carta --help"),
    (("check", "--formt", "json", "x.pdf"), "la opción --formt no existe; ¿quiso decir --format", "contratos check --help"),
    (("checklist", "-f", "xml", "x.pdf"), "valor no válido para --format (-f)", "contratos checklist --help"),
    (("chek", "x.pdf"), "la orden 'chek' no existe; ¿quiso decir check", "contratos --help"),
])
def test_usage_errors_point_to_the_subcommand_help(args, problem, helped):
    result = run_cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and line.startswith("contratos: uso incorrecto: ")
    assert problem in line and line.endswith(f"Ejecute '{helped}'."), line
    assert "...." not in line and "?." not in line


def test_top_level_help_states_the_default_exit_rule():
    out = run_cli("--help").stdout
    assert "0 sin puntos débiles de prioridad alta" in out and "--fail-on" in out
    assert "..." not in out.split("Órdenes:")[1]  # every command's line is a whole sentence


@pytest.mark.parametrize("motive", ["condiciones", "tiempo", "especialidad"])
def test_a_declining_letter_does_not_echo_itself(motive):
    letter = run_cli("carta", "--tipo", "declinar", "--motivo", motive,
                     str(SAMPLES / "sin_rescision_cl_contabilidad.txt")).stdout
    assert letter.count("merece") <= 1 and letter.count("la forma") <= 1, letter
    assert not _repeated_lines(letter), letter
