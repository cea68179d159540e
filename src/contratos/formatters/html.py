"""One self-contained HTML page (no network, no scripts): a summary linked to the contract text, where
each check's evidence is highlighted, and a suggested clause for every gap; optionally the checklist."""
from __future__ import annotations

import re
from html import escape

from .. import __version__
from .labels import STATUS_LABEL, finding, place, summary_line

_RANK = {"missing": 0, "weak": 1, "ok": 2, "not_applicable": 3}
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1d1d1f;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
.archivo{color:#555;font-family:monospace}.aviso{background:#fff4ce;padding:.6rem 1rem;border-left:4px solid #e0a800}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e3e3;padding:.35rem .5rem;text-align:left;
vertical-align:top}.estado{font-weight:600;border-radius:.3rem;padding:0 .4rem;white-space:nowrap}
.ok{background:#d8f3dc}.weak{background:#ffe8a3}.missing{background:#ffd0d0}.not_applicable{background:#e9e9e9}
article{border:1px solid #e3e3e3;border-left-width:6px;border-radius:.4rem;padding:.2rem 1rem .6rem;margin:1rem 0}
article.ok{border-left-color:#2d9d4f;background:none}article.weak{border-left-color:#e0a800;background:none}
article.missing{border-left-color:#d62f2f;background:none}article.not_applicable{border-left-color:#999;background:none}
blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:3px solid #bbb;color:#333}
.clausula{background:#eef6ff;border-left-color:#3578e5}.contrato{white-space:pre-wrap;font-family:Georgia,serif;
background:#fafafa;border:1px solid #e3e3e3;padding:1rem 1.4rem;border-radius:.4rem}
mark{padding:0 .1rem;border-radius:.2rem;color:inherit;scroll-margin-top:4rem}mark:target{outline:3px solid #3578e5}
a.volver{font-size:.75rem;text-decoration:none;vertical-align:super;margin-left:.15rem}
.veredicto{font-size:1.3rem;font-weight:700;padding:.6rem 1rem;border-radius:.4rem}
.firmar{background:#d8f3dc}.negociar{background:#ffe8a3}.no_aceptar{background:#ffd0d0}
.pie{color:#777;font-size:.85rem;margin-top:3rem}ul.preguntas{list-style:none;padding-left:0}
ul.preguntas li{margin:.6rem 0}.fuente{color:#666;font-size:.85rem}
.hueco{background:#fff4ce;border-bottom:1px dashed #b58900;padding:0 .1rem}.notas{color:#444}
"""


def render_html(report, checklist=None) -> str:
    title = checklist.words["titulo"] if checklist else "Revisión de contrato"
    body = [f"<header><h1>{escape(title)}</h1><p class=\"archivo\">{escape(report.file)}</p>"]
    if not report.readable:
        body.append(f"<p class=\"aviso\">No se pudo leer el archivo: {escape(report.error['message'])}</p></header>")
        return _page(title, body)
    body.append(f"<p>{escape(summary_line(report))}</p>")
    body.append(f"<p class=\"reglas\">Reglas: {escape(report.playbook()['description'])}</p></header>")
    body += [f"<p class=\"aviso\">{escape(w)}</p>" for w in report.warnings]
    if checklist is not None:
        body += _checklist(checklist)
    body += _summary(report) + _checks(report)
    body += ["<section id=\"texto\"><h2>Texto del contrato</h2>",
             f"<div class=\"contrato\">{_highlight(report.text or '', report.checks)}</div></section>"]
    return _page(title, body)


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + f"\n<p class=\"pie\">Generado por contratos {__version__}. No es asesoramiento legal: señala lo que "
              "falta o está débil para que pueda pedirlo.</p>\n</body>\n</html>\n")


def _blanks(escaped: str) -> str:
    """The blanks of a suggested clause ("[importe]"), marked so that they stand out."""
    return re.sub(r"\[[^\]<>]+\]", lambda m: f"<span class=\"hueco\">{m.group(0)}</span>", escaped)


def short_name(check) -> str:
    """ "Rescisión (salida del contrato)" -> "Rescisión": the Spanish label of the back-links."""
    return check.name.split(" (")[0]


def _anchor(check, number: int) -> str:
    return f"ev-{check.id}-{number}"


def _summary(report) -> list[str]:
    rows = []
    for check in report.checks:
        links = " ".join(f"<a href=\"#{_anchor(check, i)}\">cita {i}</a>" for i in range(1, len(check.evidence) + 1))
        rows.append(f"<tr><td><a href=\"#check-{check.id}\">{escape(check.name)}</a></td>"
                    f"<td><span class=\"estado {check.status}\">{STATUS_LABEL[check.status]}</span></td>"
                    f"<td>{check.severity}</td><td>{links or '—'}</td></tr>")
    return ["<section id=\"resumen\"><h2>Resumen</h2><table>",
            "<tr><th>Comprobación</th><th>Estado</th><th>Prioridad</th><th>En el texto</th></tr>",
            *rows, "</table></section>"]


def _checks(report) -> list[str]:
    out = ["<section id=\"comprobaciones\"><h2>Comprobaciones</h2>"]
    for check in report.checks:
        out.append(f"<article id=\"check-{check.id}\" class=\"{check.status}\">")
        out.append(f"<h3>{escape(check.name)}: <span class=\"estado {check.status}\">{STATUS_LABEL[check.status]}"
                   f"</span> <small>prioridad {check.severity}</small></h3><p>{escape(check.message)}</p>")
        if finding(check, report):
            out.append(f"<p>{escape(finding(check, report))}</p>")
        for i, ev in enumerate(check.evidence, 1):
            out.append(f"<blockquote>«{escape(ev.text)}» <a href=\"#{_anchor(check, i)}\">{escape(place(ev))}</a>"
                       "</blockquote>")
        if check.is_gap:
            out.append(f"<p><strong>Por qué importa.</strong> {escape(check.why)}</p>")
            out.append(f"<p><strong>Qué pedir.</strong> {escape(check.recommendation)}</p>")
            if check.clause:
                out.append("<p><strong>Cláusula que puede proponer</strong> (complete los datos entre corchetes):</p>"
                           f"<blockquote class=\"clausula\">{_blanks(escape(check.clause))}</blockquote>")
            elif check.advice:
                out.append(f"<p><strong>Qué hacer.</strong> {escape(check.advice)}</p>")
        out.append("</article>")
    return out + ["</section>"]


def _checklist(checklist) -> list[str]:
    from .checklist import ANSWER_LABEL

    words = checklist.words
    out = ["<section id=\"lista\"><h2>Veredicto</h2>",
           f"<p class=\"veredicto {checklist.verdict}\">{escape(checklist.verdict_label)}</p><ul>",
           *[f"<li>{escape(r)}</li>" for r in checklist.reasons], "</ul>"]
    if checklist.notes:
        out += ["<ul class=\"notas\">", *[f"<li>{escape(n)}</li>" for n in checklist.notes], "</ul>"]
    out.append(f"<h2>{escape(words['secciones']['automaticas'])}</h2><ul class=\"preguntas\">")
    for check in checklist.report.checks:
        ticked = " checked" if check.status == "ok" else ""
        out.append(f"<li><label><input type=\"checkbox\" disabled{ticked}> <a href=\"#check-{check.id}\">"
                   f"{escape(check.name)}</a>: {STATUS_LABEL[check.status]}</label>"
                   f"<br><span class=\"fuente\">{escape(check.explanation or check.message)}</span></li>")
    out.append(f"</ul><h2>{escape(words['secciones']['preguntas_html'])}</h2><p>Ningún contrato las responde: "
               f"márquelas usted. {escape(words['secciones']['preguntas_fuente'])}</p><ul class=\"preguntas\">")
    for q in checklist.questions:
        radios = " ".join(f"<label><input type=\"radio\" name=\"{q.id}\" value=\"{value}\""
                          f"{' checked' if q.answer == value else ''}> {label}</label>"
                          for value, label in (("si", "sí"), ("no", "no"), ("no_se", "no sé")))
        flag = " <strong>⚠ señal de alarma</strong>" if q.red_flag else ""
        out.append(f"<li>{escape(q.text)}{flag}<br>{radios}<br><span class=\"fuente\">Según esas guías: "
                   f"{escape(q.source)} · respuesta: {ANSWER_LABEL[q.answer]}</span></li>")
    return out + ["</ul></section>"]


def _highlight(text: str, checks) -> str:
    """The text with each evidence in a <mark> (id ev-CHECK-N) and a link back to its check."""
    spans = [(ev.start, ev.end, _anchor(check, i), check) for check in checks
             for i, ev in enumerate(check.evidence, 1) if 0 <= ev.start < ev.end <= len(text)]
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        covering = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        if not covering:
            out.append(piece)
            continue
        ids = [sp[2] for sp in covering if sp[0] == a]
        out += [f"<span id=\"{extra}\"></span>" for extra in ids[1:]]
        worst = min((sp[3].status for sp in covering), key=_RANK.get)
        names = "; ".join(f"{sp[3].name}: {STATUS_LABEL[sp[3].status]}" for sp in covering)
        id_attr = f" id=\"{ids[0]}\"" if ids else ""
        out.append(f"<mark{id_attr} class=\"{worst}\" title=\"{escape(names)}\">{piece}</mark>")
        out += [f"<a class=\"volver\" href=\"#check-{sp[3].id}\" title=\"{escape(sp[3].name)}\">"
                f"↑{escape(short_name(sp[3]))}</a>" for sp in covering if sp[1] == b]
    return "".join(out)
