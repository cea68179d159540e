"""The comparison of two drafts (comparar.Comparison) as text, markdown, html or json."""
from __future__ import annotations

import json
import textwrap
from html import escape

from .labels import STATUS_LABEL, listing

CHANGE_LABEL = {"resolved": "resuelto", "improved": "mejorado", "unchanged": "sin cambios", "worse": "empeorado",
                "new": "nuevo"}
CHANGE_MARK = {"resolved": "✔", "improved": "↗", "unchanged": "=", "worse": "✖", "new": "+"}
_CONTEXT = 8  # words of unchanged text kept around each change in the text and markdown diffs
WIDTH = 88


def _status(status: str | None) -> str:
    return STATUS_LABEL.get(status, "no revisada") if status else "no revisada"


def summary_sentence(comparison) -> str:
    counts = [(kind, len(comparison.by_change(kind))) for kind in CHANGE_LABEL]
    parts = [f"{n} {CHANGE_LABEL[kind]}{'s' if n != 1 and kind not in ('unchanged',) else ''}"
             for kind, n in counts if n]
    still = comparison.after.failing("alta")
    tail = (f" Sigue faltando resolver (prioridad alta): {listing([c.name for c in still])}." if still
            else " La nueva versión no tiene puntos débiles de prioridad alta.")
    return "Cambios: " + ", ".join(parts) + "." + tail


def _shorten(words: str) -> str:
    """An unchanged stretch, shortened to its first and last words."""
    parts = words.split()
    if len(parts) <= 2 * _CONTEXT:
        return words
    return " ".join(parts[:_CONTEXT]) + " […] " + " ".join(parts[-_CONTEXT:])


def _diff_line(diff, removed: str, added: str) -> str:
    pieces = []
    for op, text in diff.segments:
        if op == "equal":
            pieces.append(_shorten(text))
        else:
            pieces.append((removed if op == "removed" else added).format(text))
    return " ".join(pieces)


def _where(diff) -> str:
    if diff.before_heading == diff.after_heading or not diff.before_heading:
        return diff.after_heading or diff.before_heading
    if not diff.after_heading:
        return diff.before_heading
    return f"{diff.before_heading} → {diff.after_heading}"


def render_text(comparison) -> str:
    wrap = lambda text, indent="    ": textwrap.fill(text, width=WIDTH, initial_indent=indent,
                                                     subsequent_indent=indent)
    out = ["contratos · comparación de versiones",
           f"Antes: {comparison.before.file} ({comparison.before.format})",
           f"Ahora: {comparison.after.file} ({comparison.after.format})", summary_sentence(comparison)]
    for c in comparison.changes:
        out += ["", f"{CHANGE_MARK[c.change]} {c.name}: {_status(c.before)} → {_status(c.after)} "
                    f"[{CHANGE_LABEL[c.change]}]"]
        if c.explanation_before != c.explanation_after:
            if c.explanation_before:
                out.append(wrap(f"Antes: {c.explanation_before}"))
            if c.explanation_after:
                out.append(wrap(f"Ahora: {c.explanation_after}"))
        if c.diff is not None:
            if c.diff.changed:
                out.append(wrap(f"Cambios en el texto ({_where(c.diff)}); [-quitado-] {{+añadido+}}:"))
                out.append(wrap(_diff_line(c.diff, "[-{}-]", "{{+{}+}}"), indent="      "))
            else:
                out.append(wrap(f"El texto de la cláusula no cambió ({_where(c.diff)})."))
    return "\n".join(out) + "\n"


def render_markdown(comparison) -> str:
    out = ["# Comparación de versiones", "",
           f"- Antes: `{comparison.before.file}` ({comparison.before.format})",
           f"- Ahora: `{comparison.after.file}` ({comparison.after.format})", "", summary_sentence(comparison), "",
           "| Comprobación | Antes | Ahora | Cambio |", "|---|---|---|---|"]
    out += [f"| {c.name} | {_status(c.before)} | {_status(c.after)} | {CHANGE_LABEL[c.change]} |"
            for c in comparison.changes]
    for c in comparison.changes:
        if c.diff is None and c.explanation_before == c.explanation_after:
            continue
        out += ["", f"## {c.name}: {CHANGE_LABEL[c.change]}"]
        if c.explanation_before != c.explanation_after:
            out += ["", f"- **Antes:** {c.explanation_before or '—'}", f"- **Ahora:** {c.explanation_after or '—'}"]
        if c.diff is not None and c.diff.changed:
            out += ["", f"Cambios en el texto ({_where(c.diff)}): ~~quitado~~, **añadido**.", "",
                    "> " + _diff_line(c.diff, "~~{}~~", "**{}**")]
    return "\n".join(out) + "\n"


_STYLE = ("ins{background:#d8f3dc;text-decoration:none}del{background:#ffd0d0}"
          ".resolved,.improved{background:#d8f3dc}.worse{background:#ffd0d0}.new{background:#e8f0ff}"
          ".unchanged{background:#f0f0f0}.diff{font-family:Georgia,serif;background:#fafafa;padding:.6rem 1rem;"
          "border:1px solid #e3e3e3;border-radius:.4rem}")


def render_html(comparison) -> str:
    from .html import _page

    title = "Comparación de versiones"
    body = [f"<style>{_STYLE}</style><header><h1>{title}</h1>",
            f"<p class=\"archivo\">Antes: {escape(comparison.before.file)} · Ahora: {escape(comparison.after.file)}</p>",
            f"<p>{escape(summary_sentence(comparison))}</p></header>",
            "<table><thead><tr><th>Comprobación</th><th>Antes</th><th>Ahora</th><th>Cambio</th></tr></thead><tbody>"]
    for c in comparison.changes:
        body.append(f"<tr><td><a href=\"#cambio-{c.id}\">{escape(c.name)}</a></td>"
                    f"<td><span class=\"estado {c.before or ''}\">{_status(c.before)}</span></td>"
                    f"<td><span class=\"estado {c.after or ''}\">{_status(c.after)}</span></td>"
                    f"<td><span class=\"estado {c.change}\">{CHANGE_LABEL[c.change]}</span></td></tr>")
    body.append("</tbody></table>")
    for c in comparison.changes:
        body.append(f"<article id=\"cambio-{c.id}\" class=\"{c.after or 'not_applicable'}\">"
                    f"<h3>{escape(c.name)}: {CHANGE_LABEL[c.change]}</h3>")
        if c.explanation_before != c.explanation_after:
            body.append(f"<p><strong>Antes.</strong> {escape(c.explanation_before or '—')}</p>"
                        f"<p><strong>Ahora.</strong> {escape(c.explanation_after or '—')}</p>")
        if c.diff is not None:
            if c.diff.changed:
                pieces = [escape(t) if op == "equal" else f"<{'del' if op == 'removed' else 'ins'}>{escape(t)}"
                          f"</{'del' if op == 'removed' else 'ins'}>" for op, t in c.diff.segments]
                body.append(f"<p>Cambios en el texto ({escape(_where(c.diff))}):</p>"
                            f"<div class=\"diff\">{' '.join(pieces)}</div>")
            else:
                body.append(f"<p>El texto de la cláusula no cambió ({escape(_where(c.diff))}).</p>")
        body.append("</article>")
    return _page(title, body)


def render_json(comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"

