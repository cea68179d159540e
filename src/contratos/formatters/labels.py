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
    gaps = len(report.gaps)
    total = len(report.checks)
    if gaps == 0:
        return f"Sin puntos débiles en las {total} comprobaciones."
    return f"{gaps} de {total} comprobaciones necesitan atención antes de firmar."
