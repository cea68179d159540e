"""The pre-signing checklist as Markdown: automatic items, questions about the client, verdict."""
from __future__ import annotations

from ..plantillas import load
from .labels import STATUS_LABEL, place

ANSWER_LABEL = {"si": "sí", "no": "no", "no_se": "no sé", None: "sin responder"}


def render_checklist_markdown(checklist) -> str:
    report = checklist.report
    out = [f"# {load('checklist')['titulo']}: `{report.file}`", ""]
    for warning in report.warnings:
        out += [f"> **Aviso:** {warning}", ""]
    out += ["## Comprobaciones automáticas", ""]
    for check in report.checks:
        box = "x" if check.status == "ok" else " "
        priority = f" (prioridad {check.severity})" if check.is_gap else ""
        out.append(f"- [{box}] **{check.name}**: {STATUS_LABEL[check.status]}{priority}. {check.message}")
        for ev in check.evidence[:1]:
            out.append(f"  > «{ev.text}» — *{place(ev)}*")
    out += ["", "## Preguntas sobre el cliente (ningún contrato las responde)", ""]
    for q in checklist.questions:
        box = "x" if q.answer in ("si", "no") and not q.red_flag else " "
        flag = " ⚠" if q.red_flag else ""
        out.append(f"- [{box}] {q.text} **Respuesta: {ANSWER_LABEL[q.answer]}**{flag}")
        out.append(f"  *Según los artículos: {q.source}.*")
    out += ["", f"## Veredicto: **{checklist.verdict_label}**", ""]
    out += [f"- {reason}" for reason in checklist.reasons]
    return "\n".join(out) + "\n"
