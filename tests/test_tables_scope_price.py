"""A work order and a price list written as tables in real .docx and .html files: the service can be the
value of a row labelled "Servicio", and a price can sit in a cell whose column header ("Precio mensual")
is in the table's first row, not in its own row (the readers give one block per row)."""
from __future__ import annotations

import json

from contratos import check_file

from .builders import make_docx
from .conftest import run_cli


def _statuses(path) -> dict:
    return {c.id: c for c in check_file(path).checks}


def _plans_html(path, header_cell: str):
    rows = [["Plan", "Velocidad de bajada", header_cell],
            ["Hogar 80", "80 Mbps por fibra", "USD 21,50 + IVA"],
            ["Hogar 250", "250 Mbps por fibra", "USD 30,00 + IVA"]]
    table = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    path.write_text(
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>Condiciones</title></head><body>'
        "<h1>Condiciones del servicio de internet de Red Andina</h1>"
        "<h2>1. El servicio</h2><p>Red Andina le presta el servicio de internet por fibra óptica del plan que "
        "usted elija, en el domicilio de su solicitud, con un router wifi en préstamo.</p>"
        f"<table>{table}</table>"
        "<h2>2. Facturación</h2><p>Le enviaremos la factura el primer día de cada mes y usted la pagará "
        "hasta el día quince de ese mes, por transferencia o en nuestras oficinas.</p>"
        "<h2>3. Terminación</h2><p>Usted puede terminar el contrato en cualquier momento avisándonos con "
        "diez días de anticipación.</p></body></html>", encoding="utf-8")
    return path


def test_price_in_a_column_headed_price_of_an_html_table(tmp_path):
    check = _statuses(_plans_html(tmp_path / "planes.html", "Precio mensual"))["pago"]
    assert check.status == "ok", check.explanation
    assert check.details["amount"] == "USD 21,50" and check.details["currency"] == "USD"


def test_amounts_in_a_column_that_is_not_a_price_are_not_the_price(tmp_path):
    # the same table whose last column is a data cap: no price anywhere, only when the invoice is paid
    path = tmp_path / "planes.html"
    _plans_html(path, "Consumo máximo")
    text = path.read_text(encoding="utf-8").replace("USD 21,50 + IVA", "300 GB").replace("USD 30,00 + IVA", "900 GB")
    path.write_text(text, encoding="utf-8")
    check = _statuses(path)["pago"]
    assert check.status == "weak" and check.details["amount"] is None, check.explanation


def _work_order(path, service: str):
    return make_docx(path, [
        ("h1", "ORDEN DE TRABAJO N.º 0215"),
        ("table", [["Campo", "Dato"],
                   ["Cliente", "Bodega Los Cerros S.A."],
                   ["Servicio", service],
                   ["Tarifa", "$U 2,90 por palabra, IVA incluido"],
                   ["Entrega", "12 de mayo de 2025, por correo electrónico"]]),
        ("p", "La presente orden, aceptada por correo electrónico, y las condiciones que siguen forman el "
              "acuerdo completo entre Letras del Sur y el Cliente."),
        ("h2", "CONDICIONES GENERALES DE CONTRATACIÓN"),
        ("p", "Pago. El Cliente abonará la mitad al aceptar la orden y el resto dentro de los cinco días hábiles "
              "siguientes a la entrega, por depósito bancario."),
    ])


def test_service_in_the_row_labelled_servicio_of_a_docx_work_order(tmp_path):
    path = _work_order(tmp_path / "orden.docx", "Traducción del catálogo de vinos 2025 del español al portugués, "
                       "con revisión por un segundo traductor y maquetación en el formato del original")
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["alcance"]["status"] == "ok", checks["alcance"]["explanation"]
    assert checks["pago"]["status"] == "ok", checks["pago"]["explanation"]


def test_a_vague_servicio_row_is_weak(tmp_path):
    path = _work_order(tmp_path / "orden.docx", "Servicios varios según las necesidades del cliente")
    check = _statuses(path)["alcance"]
    assert check.status == "weak", check.explanation
