"""The terminal report: readable Spanish, colour only when writing to a terminal."""
from __future__ import annotations

import textwrap

import click

from ..safe import display_name, terminal_text
from .labels import STATUS_LABEL, STATUS_MARK, finding, place, summary_line

_COLOR = {"ok": "green", "weak": "yellow", "missing": "red", "not_applicable": "bright_black"}
WIDTH = 88


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_text(report, color: bool = False) -> str:
    style = (lambda s, **kw: click.style(s, **kw)) if color else (lambda s, **kw: s)
    lines = [style(f"contratos · {display_name(report.file)}", bold=True)]
    if not report.readable:
        lines.append(f"No se pudo leer el archivo: {report.error['message']}")
        return "\n".join(lines) + "\n"
    meta = [report.format or ""] + ([f"{report.pages} páginas"] if report.pages else [])
    lines.append(f"Formato: {', '.join(m for m in meta if m)}")
    lines.append(f"Reglas: {report.playbook()['description']}")
    for warning in report.warnings:
        lines.append(style(f"Aviso: {terminal_text(warning)}", fg="yellow"))
    lines.append(summary_line(report))
    if report.all_not_applicable:  # the notice says why, once: not nine blocks repeating it
        return "\n".join(lines) + "\n"
    for check in report.checks:
        lines.append("")
        head = f"{STATUS_MARK[check.status]} {check.name}: {STATUS_LABEL[check.status]}"
        if check.is_gap:
            head += f" (prioridad {check.severity})"
        lines.append(style(head, fg=_COLOR[check.status], bold=True))
        lines.append(_wrap(check.message))
        if finding(check, report):
            lines.append(_wrap(finding(check, report)))
        for ev in check.evidence[:3]:
            lines.append(_wrap(f"«{terminal_text(ev.text)}» ({terminal_text(place(ev))})", indent="      "))
        if check.is_gap:
            lines.append(_wrap("Por qué importa: " + check.why))
            lines.append(_wrap("Qué pedir: " + check.recommendation))
    return "\n".join(lines) + "\n"
