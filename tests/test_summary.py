"""The one-line summaries (check) and the totals (scan) name the three core clauses by check id and
status: a playbook that lowers a core check's priority or disables it cannot make them "resueltos"."""
from __future__ import annotations

import pytest

from contratos.formatters.batch import Totals
from contratos.formatters.labels import summary_line
from contratos.report import CheckResult, Report
from contratos.scanrecord import ScanRecord

from .conftest import SAMPLES, run_cli

NO_PAYMENT = SAMPLES / "sin_pago_mx_marketing.docx"  # pago missing
NO_EXIT = SAMPLES / "sin_rescision_cl_contabilidad.txt"  # rescision missing


def report(**statuses) -> Report:
    """Checks ok unless given; status "off" leaves the check out (disabled by the playbook)."""
    ids = ("alcance", "pago", "rescision", "mora", "plazos")
    return Report(file="x", checks=[CheckResult(i, i, statuses.get(i, "ok"), "baja", "m") for i in ids
                                    if statuses.get(i) != "off"])


@pytest.mark.parametrize("statuses, line", [
    ({}, "Sin puntos débiles en las 5 comprobaciones."),
    ({"mora": "weak"}, "Alcance, pago y rescisión resueltos; 1 punto de apoyo que mejorar."),
    ({"pago": "missing"}, "1 cláusula principal que resolver antes de firmar (pago)."),
    ({"pago": "missing", "alcance": "weak", "mora": "weak", "plazos": "missing"},
     "2 cláusulas principales que resolver antes de firmar (alcance y pago); 2 puntos de apoyo que mejorar."),
    ({"rescision": "off"}, "Sin puntos débiles en las 4 comprobaciones revisadas; rescisión no revisada "
                           "(desactivada en la configuración)."),
    ({"rescision": "off", "mora": "weak"}, "Alcance y pago resueltos; rescisión no revisada (desactivada en la "
                                           "configuración); 1 punto de apoyo que mejorar."),
    ({"alcance": "off", "pago": "off", "rescision": "off", "mora": "weak"},
     "Alcance, pago y rescisión no revisados (desactivados en la configuración); 1 punto de apoyo que mejorar."),
])
def test_summary_line_by_core_ids_whatever_the_priority(statuses, line):
    assert summary_line(report(**statuses)) == line  # every check is "baja" here: priority does not matter


def _record(**statuses) -> ScanRecord:
    one = report(**statuses)
    one.pages = 1
    return ScanRecord.of(one)


def test_totals_by_core_ids():
    totals = Totals()
    for statuses in ({}, {"pago": "missing"}, {"mora": "weak"}):
        totals.add(_record(**statuses))
    # every check is "baja": nothing fails at --fail-on alta, yet pago is not resolved
    assert totals.sentence() == ("3 archivos: 2 con alcance, pago y rescisión resueltos, 1 con alguno débil o "
                                 "ausente, 0 ilegibles. Con puntos débiles de prioridad alta: 0.")
    assert totals.exit_code == 0
    disabled = Totals(fail_on="media")
    disabled.add(_record(rescision="off"))
    disabled.add(_record(**{i: "not_applicable" for i in ("alcance", "pago", "rescision", "mora", "plazos")}))
    assert disabled.sentence() == ("2 archivos: 1 con alcance y pago resueltos, 0 con alguno débil o ausente, 1 que "
                                   "no parece un contrato de servicios, 0 ilegibles. Rescisión no revisada "
                                   "(desactivada en la configuración). Con puntos débiles de prioridad media o alta: 0.")


def test_cli_lowered_or_disabled_core_checks_are_never_resolved(tmp_path):
    (tmp_path / "baja.toml").write_text('[severidad]\npago = "baja"\n')
    lowered = run_cli("check", str(NO_PAYMENT), "--config", str(tmp_path / "baja.toml"))
    assert lowered.returncode == 0  # pago no longer fails the gate...
    assert "resueltos" not in lowered.stdout and "cláusula principal que resolver antes de firmar (pago)" in lowered.stdout
    (tmp_path / "sin.toml").write_text('[comprobaciones]\ndesactivar = ["rescision"]\n')
    disabled = run_cli("check", str(NO_EXIT), "--config", str(tmp_path / "sin.toml"))
    assert "rescisión no revisada (desactivada en la configuración)" in disabled.stdout
    assert "pago y rescisión resueltos" not in disabled.stdout
    scan = run_cli("scan", str(NO_PAYMENT), "--jobs", "1", "--config", str(tmp_path / "baja.toml"))
    assert scan.returncode == 0 and "0 con alcance, pago y rescisión resueltos, 1 con alguno débil o ausente" in scan.stdout
