"""Spanish words for statuses and places, shared by the human-readable formats."""
from __future__ import annotations

STATUS_LABEL = {"ok": "bien", "weak": "débil", "missing": "falta", "not_applicable": "no aplica"}
STATUS_MARK = {"ok": "✔", "weak": "!", "missing": "✖", "not_applicable": "·"}
WHO_LABEL = {"both": "cualquiera de las partes", "provider": "solo usted (prestador)",
             "client": "solo el cliente", "none": "nadie"}


def place(evidence) -> str:
    """ "CUARTA. RESCISIÓN, página 2" or "..., párrafo 14"."""
    where = f"página {evidence.page}" if evidence.page else f"párrafo {evidence.paragraph}"
    return f"{evidence.heading}, {where}" if evidence.heading else where


def summary_line(report) -> str:
    if report.checks and all(c.status == "not_applicable" for c in report.checks):
        return "Comprobaciones no aplicadas."
    core = [c for c in report.gaps if c.severity == "alta"]
    rest = len(report.gaps) - len(core)
    if not report.gaps:
        return f"Sin puntos débiles en las {len(report.checks)} comprobaciones."
    head = (f"{len(core)} punto(s) importante(s) que resolver antes de firmar" if core
            else "Alcance, pago y rescisión resueltos")
    return head + (f"; {rest} punto(s) de apoyo que mejorar." if rest else ".")
