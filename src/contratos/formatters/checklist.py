"""The pre-signing checklist as Markdown: automatic items, questions about the other party, verdict."""
from __future__ import annotations

from ..safe import markdown_code, markdown_text
from .labels import STATUS_LABEL, place

ANSWER_LABEL = {"si": "sí", "no": "no", "no_se": "no sé", None: "sin responder"}


def render_checklist_markdown(checklist) -> str:
    report = checklist.report
    words = checklist.words
    out = [f"# {words['titulo']}: {markdown_code(report.file)}", ""]
    out += [f"Reglas: {markdown_text(report.playbook()['description'])}", ""]
    for warning in report.warnings:
        out += [f"> **Aviso:** {markdown_text(warning)}", ""]
    out += [f"## {words['secciones']['automaticas']}", ""]
    for check in report.checks:
        box = "x" if check.status == "ok" else " "
        priority = f" (prioridad {check.severity})" if check.is_gap else ""
        # the finding itself ("el preaviso es de 5 días"), not only the generic message of the status
        out.append(f"- [{box}] **{check.name}**: {STATUS_LABEL[check.status]}{priority}. "
                   f"{markdown_text(check.explanation or check.message)}")
        for ev in check.evidence[:1]:
            out.append(f"  > «{markdown_text(ev.text)}» — *{markdown_text(place(ev))}*")
    out += ["", f"## {words['secciones']['preguntas']}", "", words["secciones"]["preguntas_fuente"], ""]
    for q in checklist.questions:
        box = "x" if q.answer in ("si", "no") and not q.red_flag else " "
        flag = " ⚠" if q.red_flag else ""
        out.append(f"- [{box}] {q.text} **Respuesta: {ANSWER_LABEL[q.answer]}**{flag}")
        out.append(f"  *Según esas guías: {q.source}.*")
    out += ["", f"## Veredicto: **{checklist.verdict_label}**", ""]
    out += [f"- {markdown_text(reason)}" for reason in checklist.reasons]
    # the questions above already say which are unanswered: the notes do not list them a second time
    unanswered = {words["motivos"]["sin_responder"].replace("$texto", q.text) for q in checklist.questions}
    notes = [note for note in checklist.notes if note not in unanswered]
    if notes:
        out += ["", "### Para tener en cuenta", ""] + [f"- {markdown_text(note)}" for note in notes]
    return "\n".join(out) + "\n"
