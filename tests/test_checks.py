"""Each rule of the three core checks on short, realistic Spanish clauses (through the public API)."""
from __future__ import annotations

import contratos

PARTES = ("CONTRATO DE PRESTACIÓN DE SERVICIOS\n"
          "Entre Agencia Sur S.A., en adelante EL CLIENTE, y Laura Gómez, en adelante LA PRESTADORA, "
          "se celebra el presente contrato.\n")
OBJETO = ("PRIMERA.- OBJETO\nLA PRESTADORA realizará el diseño de un logotipo, un manual de marca de veinte "
          "páginas y diez plantillas para redes sociales, con dos rondas de revisión.\n")
PAGO = ("SEGUNDA.- HONORARIOS\nEL CLIENTE pagará a LA PRESTADORA la suma de $ 900.000 dentro de los quince (15) "
        "días de recibida la factura, mediante transferencia bancaria.\n")
SALIDA = ("TERCERA.- RESCISIÓN\nCualquiera de las partes podrá rescindir el presente contrato sin expresión de "
          "causa, notificando a la otra con treinta (30) días naturales de anticipación. En tal caso EL CLIENTE "
          "abonará los trabajos realizados hasta la fecha de rescisión.\n")


def statuses(text: str) -> dict:
    report = contratos.check_text(text)
    return {c.id: c for c in report.checks}


def test_complete_contract_is_ok():
    checks = statuses(PARTES + OBJETO + PAGO + SALIDA)
    assert {k: checks[k].status for k in ("alcance", "pago", "rescision")} == {"alcance": "ok", "pago": "ok",
                                                                               "rescision": "ok"}
    details = checks["rescision"].details
    assert details["who"] == "both" and details["notice_days"] == 30 and details["pays_work_done"] is True
    assert checks["pago"].details["due_days"] == 15 and checks["pago"].details["currency"] == "$"


def test_prohibition_only_is_missing():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- PLAZO\nEl contrato tendrá una duración de doce meses y no podrá "
                                     "rescindirse antes de su vencimiento.\n")
    check = statuses(text)["rescision"]
    assert check.status == "missing" and check.details["prohibited"] is True
    assert check.evidence and "no podrá rescindirse" in check.evidence[0].text


def test_word_in_another_sense_is_not_a_way_out():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- PLAZO\nLA PRESTADORA supervisará los trabajos hasta la terminación "
                                     "de las obras. Las partes someterán la resolución de controversias a los "
                                     "tribunales de Lima.\n")
    assert statuses(text)["rescision"].status == "missing"


def test_only_the_client_may_terminate_is_weak():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- RESCISIÓN\nEL CLIENTE podrá dar por terminado el presente contrato "
                                     "en cualquier momento, con un aviso previo de quince días, pagando los "
                                     "servicios prestados hasta esa fecha.\n")
    check = statuses(text)["rescision"]
    assert check.status == "weak" and check.details["who"] == "client"
    assert check.details["notice_days"] == 15


def test_breach_only_is_weak():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- RESOLUCIÓN\nCualquiera de las partes podrá resolver el contrato en "
                                     "caso de incumplimiento grave de la otra parte.\n")
    check = statuses(text)["rescision"]
    assert check.status == "weak" and check.details["without_cause"] is False


def test_uppercase_without_accents_matches():
    text = PARTES + OBJETO + PAGO + ("CLAUSULA TERCERA - RESCISION\nCUALQUIERA DE LAS PARTES PODRA RESCINDIR EL "
                                     "CONTRATO CON UN PREAVISO DE TREINTA (30) DIAS, ABONANDOSE LOS TRABAJOS "
                                     "REALIZADOS HASTA LA FECHA.\n")
    check = statuses(text)["rescision"]
    assert check.details["notice_days"] == 30 and check.details["who"] == "both"


def test_payment_blanks_are_weak():
    text = PARTES + OBJETO + ("SEGUNDA.- HONORARIOS\nEL CLIENTE pagará la suma de $______ ([MONTO]) dentro de los "
                              "XX días siguientes a la factura.\n") + SALIDA
    check = statuses(text)["pago"]
    assert check.status == "weak" and check.details["template_blanks"]


def test_payment_only_in_recitals_is_missing():
    text = ("CONTRATO DE SERVICIOS\nANTECEDENTES\nI. Las partes acordarán los honorarios de LA PRESTADORA más "
            "adelante.\nCLÁUSULAS\n") + OBJETO + SALIDA
    check = statuses(text)["pago"]
    assert check.status == "missing" and "antecedentes" in check.explanation


def test_amount_without_timing_is_weak():
    text = PARTES + OBJETO + ("SEGUNDA.- PRECIO\nEl precio total de los servicios es de 2.500 euros más IVA.\n") + SALIDA
    check = statuses(text)["pago"]
    assert check.status == "weak" and "cuándo" in check.explanation


def test_no_payment_clause_is_missing():
    assert statuses(PARTES + OBJETO + SALIDA)["pago"].status == "missing"


def test_vague_scope_is_weak():
    text = PARTES + ("PRIMERA.- OBJETO\nLA PRESTADORA prestará servicios varios de apoyo administrativo y cualquier "
                     "otra tarea que EL CLIENTE le asigne.\n") + PAGO + SALIDA
    check = statuses(text)["alcance"]
    assert check.status == "weak" and check.details["vague"]


def test_scope_only_in_missing_annex_is_weak():
    text = PARTES + ("PRIMERA.- OBJETO\nLA PRESTADORA prestará los servicios descritos en el Anexo I.\n") + PAGO + SALIDA
    check = statuses(text)["alcance"]
    assert check.status == "weak" and check.details["annex_attached"] is False


def test_no_scope_is_missing():
    assert statuses(PARTES + PAGO + SALIDA)["alcance"].status == "missing"


def test_payment_term_longer_than_the_maximum_is_weak():
    text = PARTES + OBJETO + ("SEGUNDA.- HONORARIOS\nEL CLIENTE pagará la suma de $ 900.000 dentro de los noventa (90) "
                              "días siguientes a la recepción de la factura.\n") + SALIDA
    assert statuses(text)["pago"].status == "weak"
    longer = {c.id: c.status for c in contratos.check_text(text, max_payment_days=120).checks}
    assert longer["pago"] == "ok"


def test_pro_bono_is_reported_as_unpaid():
    text = PARTES + OBJETO + ("SEGUNDA.- GRATUIDAD\nLA PRESTADORA prestará los servicios a título gratuito, sin "
                              "contraprestación alguna.\n") + SALIDA
    check = statuses(text)["pago"]
    assert check.status == "weak" and check.details["no_payment"] is True


def test_passive_right_for_either_party_with_paid_work_is_ok():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- RESCISIÓN\nEl presente contrato podrá ser rescindido por cualquiera de "
                                     "las partes, con un preaviso de treinta días. Los trabajos realizados hasta esa "
                                     "fecha serán abonados.\n")
    check = statuses(text)["rescision"]
    assert (check.status, check.details["who"], check.details["notice_days"]) == ("ok", "both", 30)


def test_mutual_agreement_only_is_not_a_way_out():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- TERMINACIÓN\nLas partes podrán dar por terminado el contrato de mutuo "
                                     "acuerdo.\n")
    assert statuses(text)["rescision"].status == "missing"


def test_exit_only_for_non_payment_is_for_cause():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- RESCISIÓN\nLA PRESTADORA podrá rescindir el contrato en caso de falta "
                                     "de pago.\n")
    check = statuses(text)["rescision"]
    assert check.status == "weak" and check.details["who"] == "none" and check.details["without_cause"] is False


def test_forced_term_with_renewal_only_is_missing():
    text = PARTES + OBJETO + PAGO + ("TERCERA.- PLAZO\nEl contrato tiene un plazo forzoso de un año, durante el cual "
                                     "ninguna de las partes podrá resolverlo ni darlo por concluido, y se renovará "
                                     "automáticamente salvo aviso de no renovación.\n")
    assert statuses(text)["rescision"].status == "missing"
