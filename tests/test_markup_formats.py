"""Markdown, HTML templates, reStructuredText and LaTeX read as a person sees them: the contracts in
tests/formatos/ (written for these tests) through the CLI, and each reader unit by unit."""
from __future__ import annotations

import json
import shutil

import pytest

from contratos.discover import find_files
from contratos.errors import ContratosError
from contratos.readers import read_document
from contratos.readers.markdown import markdown_blocks
from contratos.readers.template import blank_template_fields

from .conftest import ROOT, run_cli
from .test_hostile_docx import assert_refused

FORMATOS = ROOT / "tests" / "formatos"
MARKUP = ("**", "__", "{{", "}}", "{!!", "{%", "@if", "\\section", "\\'", "``", "|---", ":---")


def check_json(path, *options: str) -> dict:
    result = run_cli("check", str(path), "--format", "json", *options)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def by_id(report: dict) -> dict[str, dict]:
    return {c["id"]: c for c in report["checks"]}


def quotes(report: dict) -> list[str]:
    return [e["text"] for c in report["checks"] for e in c["evidence"]]


def headings(report: dict) -> list[str]:
    return [e["heading"] for c in report["checks"] for e in c["evidence"]]


def blocks(path) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read_document(path).blocks]


# --- whole contracts through the CLI ------------------------------------------------------------

@pytest.fixture(scope="module")
def markdown_report():
    return check_json(FORMATOS / "contrato_diseno.md")


def test_markdown_contract_verdicts(markdown_report):
    checks = by_id(markdown_report)
    assert markdown_report["format"] == "md"
    assert {k: checks[k]["status"] for k in ("alcance", "pago", "rescision", "mora", "independencia")} == \
        dict.fromkeys(("alcance", "pago", "rescision", "mora", "independencia"), "ok")
    assert checks["rescision"]["details"]["who"] == "both"
    assert checks["rescision"]["details"]["notice_days"] == 15
    assert checks["campos_vacios"]["status"] == "ok"  # the HTML comment and the front matter are not text


def test_markdown_price_table_is_payment_evidence(markdown_report):
    pago = by_id(markdown_report)["pago"]
    rows = [e for e in pago["evidence"] if "|" in e["text"]]
    assert [e["text"] for e in rows][:1] == ["Diseño de logotipo | 1.200 USD"]
    assert all(e["heading"] == "SEGUNDA. PRECIO" for e in rows)
    assert "1.200 USD" in pago["explanation"]


def test_markdown_quotes_carry_no_markup(markdown_report):
    for text in quotes(markdown_report) + headings(markdown_report):
        assert not any(mark in text for mark in MARKUP), text
    assert "PRIMERA. OBJETO" in headings(markdown_report)
    # a block quote is read as its text, with its own clause heading
    assert "QUINTA. INDEPENDENCIA" in headings(markdown_report)


def test_markdown_paragraph_numbers_follow_what_a_person_sees(markdown_report):
    doc = read_document(FORMATOS / "contrato_diseno.md")
    for quote in (e for c in markdown_report["checks"] for e in c["evidence"]):
        block = doc.blocks[quote["paragraph"] - 1]
        assert quote["text"] in block.text
    items = [b.text for b in doc.blocks if b.text.startswith(("Un logotipo", "Un manual", "El diseño de la carta"))]
    assert len(items) == 3  # each list item is its own paragraph


def test_markdown_text_report_has_no_asterisks():
    result = run_cli("check", str(FORMATOS / "contrato_diseno.md"))
    assert result.returncode == 0, result.stderr  # every check is fine
    assert "**" not in result.stdout and "«Diseño de logotipo | 1.200 USD»" in result.stdout


def test_blade_jinja_template_blanks_reach_campos_vacios():
    report = check_json(FORMATOS / "plantilla_blade.blade.html")
    checks = by_id(report)
    vacios = checks["campos_vacios"]
    assert vacios["status"] == "weak"
    cited = " ".join(e["text"] for e in vacios["evidence"])
    assert "[servicios]" in cited and "[cliente razon social]" in cited
    assert checks["pago"]["status"] == "weak"  # the amount is a blank
    assert "[monto]" in checks["pago"]["evidence"][0]["text"]
    for text in quotes(report):
        assert not any(mark in text for mark in MARKUP), text


def test_blade_template_comments_scripts_and_directives_are_not_read():
    doc = read_document(FORMATOS / "plantilla_blade.blade.html")
    text = doc.text
    for hidden in ("Plantilla del estudio", "montos se formatean", "PENALIDAD", "var monto", "@if", "@endif",
                   "incluye_mantenimiento", "{%", "{#"):
        assert hidden not in text, hidden
    assert "EL CLIENTE pagará a EL DESARROLLADOR la suma de [monto] dentro de los treinta (30) días" in text
    assert "con un aviso escrito de [plazo] quince días" in text
    assert "Firmado en [ciudad], el [fecha]." in text


def test_rst_contract_through_the_cli():
    report = check_json(FORMATOS / "contrato_traduccion.rst")
    checks = by_id(report)
    assert report["format"] == "rst" and report["document_kind"] == "servicios"
    assert [checks[k]["status"] for k in ("alcance", "pago", "rescision", "plazos")] == ["ok"] * 4
    assert checks["rescision"]["details"] == {**checks["rescision"]["details"], "who": "both", "notice_days": 10}
    assert any(e["text"] == "Manual de operación | USD 1.150" for e in checks["pago"]["evidence"])
    assert "SEGUNDA. PRECIO Y FORMA DE PAGO" in headings(report)
    for text in quotes(report):
        assert not any(mark in text for mark in MARKUP), text


def test_rst_reads_nothing_outside_the_file():
    text = read_document(FORMATOS / "contrato_traduccion.rst").text
    assert "PENALIDAD" not in text and "include" not in text and "wiki de la cooperativa" not in text
    assert "1. El manual de operación de la planta" in text  # "#." items are numbered as rendered


def test_tex_contract_through_the_cli():
    report = check_json(FORMATOS / "contrato_fotografia.tex")
    checks = by_id(report)
    assert report["format"] == "tex" and report["document_kind"] == "servicios"
    assert [checks[k]["status"] for k in ("alcance", "pago", "rescision", "plazos")] == ["ok"] * 4
    assert checks["rescision"]["details"]["notice_days"] == 7
    assert "TERCERA. RESCISIÓN" in headings(report)
    rescision = " ".join(e["text"] for e in checks["rescision"]["evidence"])
    assert "notificándolo por escrito con siete (7) días de anticipación" in rescision
    for text in quotes(report):
        assert not any(mark in text for mark in MARKUP) and "\\" not in text and "~" not in text, text


def test_tex_reads_the_body_as_printed():
    doc = read_document(FORMATOS / "contrato_fotografia.tex")
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "CONTRATO DE LOCACIÓN DE SERVICIOS FOTOGRÁFICOS"
    text = doc.text
    assert "ciudad de Santa Fe, en adelante LA PRODUCTORA, y Joaquín Andrés Ibáñez" in text  # ~ and \newcommand
    assert "“La orilla”" in text and "el 50 % al firmar" in text
    assert "EXCLUSIVIDAD" not in text and "usepackage" not in text and "Estudio Lumbre" not in text
    assert ("table", "Firma: __________ | Firma: __________") in [(b.kind, b.text) for b in doc.blocks]
    # \\ ends a line: the sentence after it is its own paragraph
    assert "Las partes no tendrán otro reclamo por la rescisión." in [b.text for b in doc.blocks]


# --- errors and discovery -----------------------------------------------------------------------

def test_broken_tex_is_refused_in_spanish(tmp_path):
    path = tmp_path / "contrato.tex"
    path.write_text("\\documentclass{article}\n\\begin{document}\nPRIMERA.- OBJETO. El \\textbf{diseño\n"
                    "del sitio.\n\\end{document}\n", encoding="utf-8")
    assert_refused(path, "corrupt", "el archivo LaTeX tiene un error: una llave o un entorno abierto en la línea 3 "
                   "no se cierra")


def test_binary_rst_is_refused(tmp_path):
    path = tmp_path / "contrato.rst"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert_refused(path, "not_text", "contiene datos binarios")


def test_tex_without_text_is_empty(tmp_path):
    path = tmp_path / "vacio.tex"
    path.write_text("\\documentclass{article}\n\\usepackage{graphicx}\n\\begin{document}\n% nada\n"
                    "\\end{document}\n", encoding="utf-8")
    assert_refused(path, "empty", "el documento no contiene texto")


def test_new_extensions_are_picked_by_scan(tmp_path):
    for name in ("a.md", "b.markdown", "c.rst", "d.tex", "e.html", "f.log"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in find_files([tmp_path])] == ["a.md", "b.markdown", "c.rst", "d.tex", "e.html"]


def test_markdown_extension_is_read_as_markdown(tmp_path):
    path = tmp_path / "contrato.markdown"
    shutil.copy(FORMATOS / "contrato_diseno.md", path)
    doc = read_document(path)
    assert doc.format == "md" and doc.warnings == []
    assert ("table", "Manual de marca | 800 USD") in [(b.kind, b.text) for b in doc.blocks]


# --- units: templates ---------------------------------------------------------------------------

@pytest.mark.parametrize("source,expected", [
    ("la suma de {!! $monto !!} más IVA", "la suma de [monto] más IVA"),  # Blade unescaped
    ("{{ $contrato->fecha_inicio }}", "[contrato fecha inicio]"),  # Blade
    ("{{-- nota interna --}}Objeto: {{ $servicios }}", "Objeto: [servicios]"),
    ("@if($anticipo) Anticipo del 30 %. @endif", " Anticipo del 30 %. "),
    ("@foreach($hitos as $hito) Hito @endforeach", " Hito "),
    ("{{ cliente.nombre|upper }} {# borrador #}", "[cliente nombre] "),  # Jinja / Django
    ("{% if plazo %}{{ plazo }}{% else %}treinta{% endif %} días", "[plazo] treinta días"),
    ("{{servicios}} y {{{ alcance }}}", "[servicios] y [alcance]"),  # Handlebars / Mustache
    ("{{!-- comentario --}}{{#if pago}}Pago: {{precio}}{{/if}}{{> pie}}", "Pago: [precio]"),
    ("{{ number_format($honorarios, 2) }}", "[honorarios]"),
    ('{{ date("d/m/Y", $fecha_firma) }}', "[fecha firma]"),
    ("día {{$datos[3]}} del mes {{$datos[4]}}", "día [datos 3] del mes [datos 4]"),  # two fields, two blanks
    ("plazo de <%= dias_preaviso %> días<%# nota %>", "plazo de [dias preaviso] días"),  # ERB
    ("<?= $montoTotal ?> y <?php echo $fecha; ?><?php if ($x): ?>", "[monto total] y [fecha]"),  # PHP
    ("${importeMensual}", "[importe mensual]"),
    ("{{ 'quince' }} días", "quince días"),
    ("escriba a pagos@empresa.com", "escriba a pagos@empresa.com"),
    ("Sin plantilla: 30 % {al firmar}", "Sin plantilla: 30 % {al firmar}"),
])
def test_template_fields(source, expected):
    assert blank_template_fields(source) == expected


def test_txt_template_variables_are_blanks_too(tmp_path):
    path = tmp_path / "plantilla.txt"
    path.write_text("SEGUNDA.- PRECIO. El Cliente pagará {{ monto }} al finalizar.\n{# quitar #}\n", encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == ["SEGUNDA.- PRECIO.", "El Cliente pagará [monto] al "
                                                            "finalizar."]


def test_handlebars_html_template(tmp_path):
    path = tmp_path / "plantilla.html"
    path.write_text("<html><body>{{!-- generado --}}<h2>SEGUNDA. PAGO</h2><p>El Cliente pagará {{monto}} "
                    "{{#if iva}}más IVA{{/if}} dentro de {{{plazoPago}}} días.</p></body></html>", encoding="utf-8")
    assert blocks(path) == [("heading", "SEGUNDA. PAGO"),
                            ("paragraph", "El Cliente pagará [monto] más IVA dentro de [plazo pago] días.")]


def test_html_angle_bracket_blanks_stay_visible(tmp_path):
    path = tmp_path / "plantilla.html"
    path.write_text("<HTML><BODY><P>El plazo será de <<plazo>> días, a favor de <NOMBRE DEL CLIENTE>.</P>"
                    "<TABLE BORDER=1><TR><TD NOWRAP>Monto</TD><TD><B>$ <<monto>></B></TD></TR></TABLE><HR/>"
                    "</BODY></HTML>", encoding="utf-8")
    assert blocks(path) == [("paragraph", "El plazo será de <<plazo>> días, a favor de <NOMBRE DEL CLIENTE>."),
                            ("table", "Monto | $ <<monto>>")]
    report = check_json(path, "--forzar")
    assert "«<<plazo>>»" in by_id(report)["campos_vacios"]["explanation"]


# --- units: Markdown ----------------------------------------------------------------------------

def test_markdown_blocks():
    source = ("---\ntitulo: borrador\n---\n# CONTRATO\n\n**TERCERA.- PAGO.** El cliente pagará *a los* "
              "[treinta días](https://ejemplo.com) de la factura.<br>Sin anticipo.\n\n**Forma de pago**\n\n"
              "1. **Objeto.** La diseñadora hará el logo.\n2. Segundo punto\n\n* viñeta `código`\n\n"
              "> Cita __fuerte__\n\n```\nlínea uno del\nbloque.\n```\n\n<div><p>Dentro <b>del</b> HTML</p>"
              "<script>x()</script></div>\n\n<!-- oculto -->\n\n| Hito | Monto |\n|--|--|\n| Entrega | <<monto>> |\n")
    assert [(b.kind, b.level, b.text) for b in markdown_blocks(source)] == [
        ("heading", 1, "CONTRATO"),
        ("heading", None, "TERCERA.- PAGO."),  # the bold marks where the clause heading ends
        ("paragraph", None, "El cliente pagará a los treinta días de la factura."),
        ("paragraph", None, "Sin anticipo."),
        ("heading", None, "Forma de pago"),
        ("heading", None, "1. Objeto."), ("paragraph", None, "La diseñadora hará el logo."),
        ("paragraph", None, "2. Segundo punto"),
        ("paragraph", None, "viñeta código"),
        ("paragraph", None, "Cita fuerte"),
        ("paragraph", None, "línea uno del bloque."),
        ("paragraph", None, "Dentro del HTML"),
        ("table", None, "Hito | Monto"),
        ("table", None, "Entrega | <<monto>>"),
    ]


def test_markdown_rule_around_a_title_is_not_front_matter():
    got = markdown_blocks("---\nCONTRATO DE SERVICIOS\n---\n\nPRIMERA.- OBJETO. Diseño de un logotipo.\n")
    assert [(b.kind, b.text) for b in got] == [("heading", "CONTRATO DE SERVICIOS"),
                                               ("paragraph", "PRIMERA.- OBJETO. Diseño de un logotipo.")]


def test_markdown_bold_sentence_is_not_a_heading():
    got = markdown_blocks("**El Cliente pagará la totalidad al firmar, sin excepción.**\n\n**Importante:** el "
                          "precio no incluye impresión.\n")
    assert [(b.kind, b.text) for b in got] == [("paragraph", "El Cliente pagará la totalidad al firmar, sin excepción."),
                                               ("paragraph", "Importante: el precio no incluye impresión.")]


def test_markdown_bold_heading_without_final_stop_keeps_its_title():
    got = markdown_blocks("**CUARTA - RESCISIÓN** Cualquiera de las partes podrá rescindir con diez días de aviso.\n")
    assert [(b.kind, b.text) for b in got] == [
        ("heading", "CUARTA - RESCISIÓN"), ("paragraph", "Cualquiera de las partes podrá rescindir con diez días de aviso.")]


# --- units: reStructuredText and LaTeX ----------------------------------------------------------

def test_rst_blocks(tmp_path):
    path = tmp_path / "c.rst"
    path.write_text("OBJETO\n======\n\nEl *prestador* hará:\n\na) el relevamiento;\nb) el informe.\n\n"
                    "Detalle\n-------\n\nTérmino\n   Su definición.\n\n::\n\n   literal uno\n   dos\n\n"
                    ".. |m| replace:: 300 USD\n\n:Monto: |m|\n\n.. comentario\n", encoding="utf-8")
    assert [(b.kind, b.level, b.text) for b in read_document(path).blocks] == [
        ("heading", 1, "OBJETO"), ("paragraph", None, "El prestador hará:"),
        ("paragraph", None, "a) el relevamiento;"), ("paragraph", None, "b) el informe."),
        ("heading", 2, "Detalle"), ("paragraph", None, "Término"), ("paragraph", None, "Su definición."),
        ("paragraph", None, "literal uno dos"), ("paragraph", None, "Monto: 300 USD")]


def test_tex_blocks(tmp_path):
    path = tmp_path / "c.tex"
    path.write_text("\\section{Objeto}\nEl dise\\~nador har\\'a el logo~final.\\\\ Con \\emph{dos} "
                    "propuestas.\n\\subsection{Precio}\n\\begin{enumerate}\\item[a)] Anticipo: "
                    "\\underline{\\hspace{3cm}} pesos.\n\\item Saldo.\\end{enumerate}\n\\input{otro}\n"
                    "\\begin{tabular}{|l|r|}\\hline Hito & Monto\\\\\\hline \\multicolumn{1}{l}{Entrega} & 100 USD"
                    "\\\\ \\cline{1-2}\\end{tabular}\n", encoding="utf-8")
    assert [(b.kind, b.level, b.text) for b in read_document(path).blocks] == [
        ("heading", 2, "Objeto"), ("paragraph", None, "El diseñador hará el logo final."),
        ("paragraph", None, "Con dos propuestas."), ("heading", 3, "Precio"),
        ("paragraph", None, "a) Anticipo: __________ pesos."), ("paragraph", None, "Saldo."),
        ("table", None, "Hito | Monto"), ("table", None, "Entrega | 100 USD")]


def test_tex_does_not_read_other_files(tmp_path):
    (tmp_path / "clausulas.tex").write_text("CLÁUSULA SECRETA", encoding="utf-8")
    path = tmp_path / "c.tex"
    path.write_text("\\begin{document}\nPRIMERA. Objeto.\n\\input{clausulas}\\include{clausulas}\n"
                    "\\end{document}\n", encoding="utf-8")
    assert "SECRETA" not in read_document(path).text


def test_tex_error_names_the_line(tmp_path):
    path = tmp_path / "c.tex"
    path.write_text("\\begin{document}\nuno\n\ndos \\begin{itemize}\\item tres\n\\end{document}\n",
                    encoding="utf-8")
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == "corrupt"
    assert info.value.cause.endswith("un entorno abierto en la línea 4 no se cierra")
