"""A Markdown report, for pasting into a ticket or a checklist."""
from __future__ import annotations

from .labels import STATUS_LABEL, place, summary_line


def render_markdown(report) -> str:
    out = [f"# Revisión de contrato: `{report.file}`", ""]
    if not report.readable:
        out += [f"**No se pudo leer el archivo:** {report.error['message']} (`{report.error['code']}`)", ""]
        return "\n".join(out)
    for warning in report.warnings:
        out += [f"> **Aviso:** {warning}", ""]
    out += [summary_line(report), "", "| Comprobación | Estado | Prioridad |", "|---|---|---|"]
    out += [f"| {c.name} | {STATUS_LABEL[c.status]} | {c.severity} |" for c in report.checks]
    for check in report.checks:
        box = "x" if check.status == "ok" else " "
        out += ["", f"## [{box}] {check.name}: {STATUS_LABEL[check.status]}", "", check.message]
        if check.explanation and check.explanation != check.message:
            out += ["", check.explanation]
        for ev in check.evidence[:3]:
            out += ["", f"> {ev.text}", f"> — *{place(ev)}*"]
        if check.is_gap:
            out += ["", f"**Por qué importa.** {check.why}", "", f"**Qué pedir.** {check.recommendation}"]
    return "\n".join(out) + "\n"
