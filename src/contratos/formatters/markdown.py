"""A Markdown report, for pasting into a ticket or a checklist."""
from __future__ import annotations

from ..safe import markdown_code, markdown_text
from .labels import STATUS_LABEL, finding, place, summary_line


def render_markdown(report) -> str:
    out = [f"# Revisión de contrato: {markdown_code(report.file)}", ""]
    if not report.readable:
        out += [f"**No se pudo leer el archivo:** {report.error['message']} (`{report.error['code']}`)", ""]
        return "\n".join(out)
    out += [f"Reglas: {markdown_text(report.playbook()['description'])}", ""]
    for warning in report.warnings:
        out += [f"> **Aviso:** {markdown_text(warning)}", ""]
    out += [summary_line(report), "", "| Comprobación | Estado | Prioridad |", "|---|---|---|"]
    out += [f"| {c.name} | {STATUS_LABEL[c.status]} | {c.severity} |" for c in report.checks]
    if report.all_not_applicable:  # the notice says why once, the table lists the checks
        return "\n".join(out) + "\n"
    for check in report.checks:
        box = "x" if check.status == "ok" else " "
        # messages can quote the document ("Hay espacios sin completar: «<script>»")
        out += ["", f"## [{box}] {check.name}: {STATUS_LABEL[check.status]}", "", markdown_text(check.message)]
        if finding(check, report):
            out += ["", markdown_text(finding(check, report))]
        for ev in check.evidence[:3]:
            out += ["", f"> {markdown_text(ev.text)}", f"> — *{markdown_text(place(ev))}*"]
        if check.is_gap:
            out += ["", f"**Por qué importa.** {check.why}", "", f"**Qué pedir.** {check.recommendation}"]
    return "\n".join(out) + "\n"
