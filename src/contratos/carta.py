"""A letter to the client from a Report: ask to add or fix the gaps with suggested wording, or decline
the project kindly. All the wording is plantillas/carta.toml (string.Template)."""
from __future__ import annotations

from string import Template

from .plantillas import load, suggested_clause
from .report import SEVERITIES

TYPES = ("negociar", "declinar")
REASONS = ("condiciones", "tiempo", "especialidad")


def _fill(template: str, **values) -> str:
    return Template(template).substitute(**values).strip()


def write_letter(report, kind: str, client: str = "", signature: str = "", reason: str = "condiciones",
                 recommend: str = "", up_to: str = "media") -> str:
    """The letter as plain text: a subject line, a blank line and the body."""
    words = load("carta")
    greeting = _fill(words["saludo"], cliente=client) if client else words["saludo_sin_nombre"]
    signature = signature or words["firma_por_omision"]
    allowed = SEVERITIES[: SEVERITIES.index(up_to) + 1]
    gaps = sorted((c for c in report.gaps if c.severity in allowed), key=lambda c: SEVERITIES.index(c.severity))
    if kind == "negociar":
        points = []
        for n, check in enumerate(gaps, 1):
            clause = "" if check.id in words["sin_propuesta"] else suggested_clause(check.id)
            template = words["negociar"]["punto" if clause else "punto_sin_propuesta"]
            points.append(_fill(template, n=n, peticion=words["peticiones"][check.id], clausula=clause))
        part = words["negociar"] if points else words["negociar_sin_puntos"]
        body = _fill(part["cuerpo"], saludo=greeting, puntos="\n\n".join(points), firma=signature)
    else:
        part = words["declinar"]
        topics = [words["temas"][c.id] for c in gaps]
        listed = " y ".join(filter(None, [", ".join(topics[:-1]), topics[-1] if topics else ""]))
        key = reason if reason != "condiciones" or listed else "condiciones_sin_lista"
        motive = _fill(part["motivos"][key], lista=listed)
        recommendation = (_fill(part["recomendar"], recomendado=recommend) if recommend else part["sin_recomendar"])
        body = _fill(part["cuerpo"], saludo=greeting, motivo=motive, recomendacion=recommendation, firma=signature)
    return f"Asunto: {part['asunto']}\n\n{body}\n"
