"""Contract language as real documents write it (issue 17), in real files checked through the CLI: Markdown
marks pasted into Word, titles with a spaced dash, lists of grounds for termination, consumer contracts,
templates with blanks, an agreement pasted from a chat, and the kinds of document that are not service
contracts. Every sentence here is written for this project."""
from __future__ import annotations

import json

from .builders import make_docx
from .conftest import run_cli


def check_json(path, *args) -> dict:
    result = run_cli("check", str(path), "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    assert not result.stderr.strip() or "Traceback" not in result.stderr
    return json.loads(result.stdout)


def by_id(report: dict) -> dict:
    return {c["id"]: c for c in report["checks"]}


def test_markdown_marks_pasted_into_word_and_a_list_of_grounds(tmp_path):
    path = make_docx(tmp_path / "web.docx", [
        ("p", "# CONTRATO DE PRESTACIÓN DE SERVICIOS DE DESARROLLO WEB"),
        ("p", "**Hostal Los Alisos**, representado por su dueña, en adelante EL CLIENTE, y Marta Gil, "
              "desarrolladora, en adelante LA DESARROLLADORA, acuerdan:"),
        ("p", "#### PRIMERA: OBJETO DEL CONTRATO"),
        ("p", "LA DESARROLLADORA se compromete a desarrollar y entregar el sitio web del hostal con:"),
        ("p", "- Página de inicio con fotos de las habitaciones"),
        ("p", "- Motor de reservas conectado al calendario del hostal"),
        ("p", "- Formulario de contacto y enlace a mensajería"),
        ("p", "#### SEGUNDA: PRECIO Y FORMA DE PAGO"),
        ("p", "EL CLIENTE pagará $2.500.000 COP: 50% a la firma y 50% a la entrega final."),
        ("p", "#### TERCERA: TERMINACIÓN"),
        ("p", "El contrato podrá ser terminado por:"),
        ("p", "1. Mutuo acuerdo entre las partes"),
        ("p", "2. Incumplimiento de cualquiera de las partes"),
        ("p", "3. Fuerza mayor"),
    ])
    checks = by_id(check_json(path))
    assert checks["alcance"]["status"] == "ok"
    assert checks["pago"]["status"] == "ok"
    assert checks["rescision"]["status"] == "weak"  # only for cause: the provider cannot leave freely
    assert checks["rescision"]["details"]["who"] == "none"
    assert all("####" not in e["heading"] for c in checks.values() for e in c["evidence"])


def test_html_titles_with_a_spaced_dash_and_a_ground_without_cause(tmp_path):
    path = tmp_path / "contenidos.html"
    path.write_text("""<html><body><h5>CONTRATO DE PRESTACIÓN DE SERVICIOS</h5>
<p>PRIMERA. – Objeto. EL CONTRATISTA redactará para EL CONTRATANTE cuatro artículos mensuales de divulgación
sobre nutrición de mascotas, de 1.200 palabras cada uno, con una ronda de correcciones.</p>
<p>SEGUNDA. – Valor y forma de pago. EL CONTRATANTE pagará a EL CONTRATISTA $800.000 mensuales dentro de los
diez días siguientes a la presentación de la cuenta de cobro.</p>
<p>TERCERA. - Terminación. El presente contrato podrá darse por terminado por las siguientes causas: 1) Mutuo
acuerdo, 2) Incumplimiento de las obligaciones de cualquiera de las partes, 3) De manera unilateral y sin
motivación alguna, por cualquiera de las partes, avisando a la otra con una antelación no menor de 30 días.</p>
</body></html>""", encoding="utf-8")
    checks = by_id(check_json(path))
    assert checks["alcance"]["status"] == "ok"
    assert checks["rescision"]["status"] == "ok"
    assert checks["rescision"]["details"]["who"] == "both"
    assert checks["rescision"]["details"]["notice_days"] == 30
    assert [e["heading"] for e in checks["rescision"]["evidence"]][0].startswith("TERCERA")


def test_a_consumer_contract_where_only_the_subscriber_may_leave(tmp_path):
    path = tmp_path / "internet.txt"
    path.write_text("""CONTRATO DE SERVICIO DE INTERNET

PRIMERA. OBJETO. LA EMPRESA prestará a EL ABONADO el servicio de internet por fibra de 500 megas, con
instalación y router incluidos.

SEGUNDA. PRECIO. EL ABONADO pagará 19.990 pesos mensuales dentro de los primeros diez días de cada mes.

TERCERA. BAJA. EL ABONADO podrá dar de baja el servicio en cualquier momento, avisando con quince días de
anticipación. LA EMPRESA podrá suspender el servicio por falta de pago hasta que EL ABONADO regularice su deuda.
""", encoding="utf-8")
    rescision = by_id(check_json(path))["rescision"]
    assert rescision["status"] == "weak"
    assert rescision["details"]["who"] == "client"


def test_a_template_with_blanks_is_never_ok_where_the_blank_stands(tmp_path):
    path = tmp_path / "plantilla.md"
    path.write_text("""# CONTRATO DE SERVICIOS PROFESIONALES

PRIMERA. OBJETO. EL CONSULTOR prestará a EL CONTRATANTE los siguientes servicios: [Descripción detallada de
los servicios].

SEGUNDA. HONORARIOS. EL CONTRATANTE pagará Bs. [MONTO] mensuales, dentro de los primeros [NÚMERO] días de
cada mes.

TERCERA. TERMINACIÓN. Cualquiera de las partes podrá dar por terminado el contrato sin expresión de causa, con
[NÚMERO] días de anticipación.

Firma: ______________
""", encoding="utf-8")
    checks = by_id(check_json(path))
    assert checks["alcance"]["status"] == "weak" and "sin completar" in checks["alcance"]["explanation"]
    assert checks["pago"]["status"] == "weak" and "[MONTO]" in checks["pago"]["explanation"]
    assert checks["rescision"]["status"] == "ok"  # the exit is there; the notice is unfilled (rule 5)
    assert checks["rescision"]["details"]["notice_blank"] == "[NÚMERO]"
    blanks = checks["campos_vacios"]["details"]["blanks"]
    assert blanks == ["[Descripción detallada de\nlos servicios]", "[MONTO]", "[NÚMERO]"] or \
        blanks == ["[Descripción detallada de los servicios]", "[MONTO]", "[NÚMERO]"]
    assert checks["campos_vacios"]["explanation"].count("[MONTO]") == 1


def test_an_agreement_pasted_from_a_chat_with_forzar(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("""[10/03/25 09:12] Ana: hola, te paso el presupuesto: son 400 dólares por las 5 ilustraciones del cuento
[10/03/25 09:15] Luis: perfecto, te pago la mitad ahora y la otra mitad cuando entregues
[10/03/25 09:16] Ana: genial. cualquiera de los dos lo puede cortar avisando con una semana, y se paga lo que ya esté hecho
[10/03/25 09:20] Luis: de acuerdo, arrancamos el lunes
""", encoding="utf-8")
    plain = check_json(path)
    assert all(c["status"] == "not_applicable" for c in plain["checks"])
    checks = by_id(check_json(path, "--forzar"))
    assert checks["rescision"]["status"] == "ok"
    assert (checks["rescision"]["details"]["who"], checks["rescision"]["details"]["notice_days"],
            checks["rescision"]["details"]["pays_work_done"]) == ("both", 7, True)
    assert checks["pago"]["status"] == "ok"  # time stamps in brackets are not blanks
    assert checks["campos_vacios"]["status"] == "ok"


def test_what_is_not_a_service_contract_and_what_is(tmp_path):
    guide = tmp_path / "guia.md"
    guide.write_text("""# ¿Qué debe incluir un contrato de servicios?

Este tipo de contratos consiste en un acuerdo entre quien presta un servicio y quien lo paga. Normalmente
incluye el objeto, el precio y la duración. Es importante que detalles los entregables: por ejemplo, cuántas
revisiones incluye el trabajo. También debes prever cómo se termina el contrato y con qué preaviso.
""", encoding="utf-8")
    saas = tmp_path / "saas.md"
    saas.write_text("""# Acuerdo de Servicios de la Plataforma

Este acuerdo rige el acceso del Suscriptor a la plataforma de facturación en línea de Facturita S.L. (en
adelante, "el Proveedor"). Los usuarios del Suscriptor acceden con su cuenta de usuario desde el sitio web.

1. Suscripción. El Suscriptor contrata el plan indicado en la Hoja de Pedido, con los niveles de servicio allí
descritos.

2. Precio. El Suscriptor pagará 29 euros mensuales por adelantado, por domiciliación bancaria.

3. Cancelación. El Suscriptor podrá cancelar su suscripción en cualquier momento con quince días de preaviso.
""", encoding="utf-8")
    supply = make_docx(tmp_path / "suministro.docx", [
        ("p", "Página 1 de 12"),
        ("h1", "PLIEGO DE CLÁUSULAS ADMINISTRATIVAS DEL CONTRATO DE SUMINISTRO DE MOBILIARIO ESCOLAR"),
        ("p", "Cláusula 1. Objeto. El objeto del contrato es el suministro de 300 pupitres y 300 sillas para los "
              "colegios del municipio, en los lotes que se indican."),
        ("p", "Cláusula 2. Entrega. El contratista entregará los bienes en los almacenes municipales; la "
              "recepción de los bienes se hará constar en un acta."),
        ("p", "Cláusula 3. Precio. El precio de la venta es de 45.000 euros, que se abonará tras la recepción."),
    ])
    volunteer = tmp_path / "voluntariado.txt"
    volunteer.write_text("""CONVENIO DE VOLUNTARIADO

Entre la Fundación Manos Unidas del Sur, en adelante LA FUNDACIÓN, y Pedro Sosa, en adelante EL VOLUNTARIO.

PRIMERA. OBJETO. EL VOLUNTARIO colaborará a título gratuito en el comedor de la fundación dos tardes por semana.
SEGUNDA. GASTOS. LA FUNDACIÓN reembolsará los gastos de transporte del voluntario.
""", encoding="utf-8")
    kinds = {name: check_json(path)["document_kind"] for name, path in
             (("guia", guide), ("saas", saas), ("suministro", supply), ("voluntariado", volunteer))}
    assert kinds == {"guia": "otro", "saas": "servicios", "suministro": "compraventa", "voluntariado": "donacion"}


def test_an_exit_without_notice_is_not_a_gap_but_the_checklist_says_what_to_ask(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("""CONTRATO DE SERVICIOS

PRIMERA. OBJETO. EL CONSULTOR preparará el plan de negocios de la cooperativa, con su estudio de mercado y sus
proyecciones a tres años, en dos entregas.

SEGUNDA. HONORARIOS. LA COOPERATIVA pagará 2.000 dólares a la firma y 2.000 dólares a la entrega final, dentro
de los diez días siguientes a la factura.

TERCERA. TERMINACIÓN. El presente contrato podrá darse por terminado por cualquiera de las partes en cualquier
momento y por cualquier motivo.
""", encoding="utf-8")
    rescision = by_id(check_json(path))["rescision"]
    assert rescision["status"] == "ok"
    assert rescision["details"]["to_ask"] == ["preaviso", "pago_trabajo"]
    assert "pida 30 días de preaviso y el pago de lo trabajado" in rescision["explanation"]
    result = run_cli("checklist", str(path))
    assert result.returncode == 0, result.stderr
    verdict, notes = result.stdout.split("### Para tener en cuenta")
    assert "firmar" in verdict
    assert "pida 30 días de preaviso y el pago de lo trabajado" in notes


def test_the_scope_explanation_names_the_listed_deliverables_and_nothing_else():
    from contratos import check_text

    text = """PRIMERA. OBJETO. LA DISEÑADORA realizará para EL CLIENTE los siguientes entregables:
a) Logotipo principal y dos variantes.
b) Manual de marca de doce páginas.
c) Tarjetas personales y hoja membretada.
SEGUNDA. USO DE LOS SERVICIOS. EL CLIENTE no podrá usar los diseños para:
a) Revenderlos a terceros.
b) Registrarlos como propios sin pagar el precio."""
    alcance = next(c for c in check_text(text, force=True).checks if c.id == "alcance")
    assert alcance.status == "ok"
    assert alcance.explanation.startswith("Enumera 3 servicios o entregables («Logotipo principal y dos variantes»")
    assert "Revender" not in alcance.explanation
