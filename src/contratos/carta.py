"""A letter to the other party from a Report: ask to add or fix the gaps with suggested wording, or
decline kindly. All the wording is plantillas/carta.toml (string.Template), with the alternative
wording for perspectiva = "cliente" in the same file."""
from __future__ import annotations

from string import Template

from .words import agree, listing
from .names import with_party_names
from .patterns import SEVERITIES, checks, core_ids
from .plantillas import load_for

TYPES = ("negociar", "declinar")
REASONS = ("condiciones", "tiempo", "especialidad")


def _fill(template: str, **values) -> str:
    return Template(template).substitute(**values).strip()


def not_reviewed(report) -> list[str]:
    """The names of the checks (the user's own included) that the playbook left out of the report."""
    present = {c.id for c in report.checks}
    return [spec.name for spec in checks(rules=report.rules_folder) if spec.id not in present]


def _included(report, up_to: str):
    allowed = SEVERITIES[: SEVERITIES.index(up_to) + 1]
    return sorted((c for c in report.gaps if c.severity in allowed), key=lambda c: SEVERITIES.index(c.severity))


def _lower_first(text: str) -> str:
    """ "El contrato..." -> "el contrato..."; "EL CLIENTE..." stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def point_reason(check, words: dict) -> str:
    """Why this point is raised, in the letter's terms: the finding's own explanation (what the contract
    says now), not the generic message, which speaks to the user; the playbook's thresholds in the
    letter's wording. "" when the finding says nothing more specific than the generic message."""
    base = check.contract_explanation
    if base == check.message or base.startswith(check.message):
        quote = base[len(check.message):].strip()  # the supporting checks add the quote they found
        base = quote
    notes = [Template(words["motivos_configuracion"][note["clave"]]).substitute(note)
             for note in check.playbook_notes if note["clave"] in words["motivos_configuracion"]]
    parts = [part for part in [base, *notes] if part]
    return _lower_first(" ".join(parts)) if parts else ""


def write_letter(report, kind: str, client: str = "", signature: str = "", reason: str = "condiciones",
                 recommend: str = "", up_to: str = "media", comparison=None) -> str:
    """The letter as plain text: a subject line, a blank line and the body. The report must be one that
    can be judged (see checklist.cannot_judge): the caller refuses the others. With `comparison`
    (comparar.Comparison, the report being its new draft), a negotiating letter answers a new round:
    it thanks for what was fixed and asks for what is still missing. The parties are written as the
    contract names them."""
    words = load_for("carta", report.perspective)
    greeting = _fill(words["saludo"], cliente=client) if client else words["saludo_sin_nombre"]
    signature = signature or words["firma_por_omision"]
    gaps = _included(report, up_to)
    if kind == "negociar":
        points = []
        for n, check in enumerate(gaps, 1):
            clause = "" if check.id in words["sin_propuesta"] else check.clause
            why = point_reason(check, words)
            motive = Template(words["negociar"]["motivo"]).substitute(motivo=why).rstrip() if why else ""
            if comparison is not None and comparison.change_of(check.id) in words["ronda"]["cambio"]:
                motive += "\n   " + words["ronda"]["cambio"][comparison.change_of(check.id)]
            template = words["negociar"]["punto" if clause else "punto_sin_propuesta"]
            points.append(_fill(template, n=n, peticion=words["peticiones"][check.id], clausula=clause,
                                motivo=motive))
        if comparison is not None:
            part, body = _round(words, comparison, greeting, points, signature)
        elif points:
            part = words["negociar"]
            body = _fill(part["cuerpo"], saludo=greeting, puntos="\n\n".join(points), firma=signature)
        else:
            part = words["negociar_sin_puntos"]
            body = _fill(part["cuerpo"], saludo=greeting, revision=_review(report, words), firma=signature)
    else:
        part = words["declinar"]
        topics = [words["temas"][c.id] for c in gaps]
        listed = listing(topics) if topics else ""
        key = reason if reason != "condiciones" or listed else "condiciones_sin_lista"
        motive = _fill(part["motivos"][key], lista=listed)
        recommendation = (_fill(part["recomendar"], recomendado=recommend) if recommend else part["sin_recomendar"])
        body = _fill(part["cuerpo"], saludo=greeting, motivo=motive, recomendacion=recommendation, firma=signature)
    return with_party_names(f"Asunto: {part['asunto']}\n\n{body}\n", report.parties)


def _round(words: dict, comparison, greeting: str, points: list[str], signature: str) -> tuple[dict, str]:
    """The letter of a new round: thanks for what the new draft fixed (or improved), then the points
    still missing, or the go-ahead when none is left."""
    part = words["ronda"]
    fixed = [words["temas"][c.id] for c in comparison.by_change("resolved") if c.id in words["temas"]]
    better = [words["temas"][c.id] for c in comparison.by_change("improved") if c.id in words["temas"]]
    thanks = [_fill(part["resueltos"], lista=listing(fixed))] if fixed else []
    if better:
        thanks.append(_fill(part["mejorados"], lista=listing(better)))
    thanks = " ".join(thanks) if thanks else part["sin_resueltos" if points else "sin_pendientes"]
    if points:
        body = _fill(part["cuerpo"], saludo=greeting, agradecimiento=thanks, puntos="\n\n".join(points),
                     firma=signature)
    else:
        body = _fill(part["cuerpo_sin_puntos"], saludo=greeting, agradecimiento=thanks, firma=signature)
    return part, body


def _review(report, words: dict) -> str:
    """The sentence of a letter without points: it names as clear only the core clauses that were
    checked and are ok, never one the playbook disabled or one left out of the letter by --hasta."""
    clear = [words["claros"][c.id] for c in report.checks if c.id in core_ids() and c.status == "ok"]
    if clear:
        return _fill(words["revision"]["claros"], claros=listing(clear))
    return words["revision"]["sin_claros"]


def letter_notes(report, up_to: str) -> list[str]:
    """Notes for the user (stderr), not for the letter: what was not reviewed and what was left out."""
    notes = []
    off = not_reviewed(report)
    if off:
        notes.append(f"no se revisaron (desactivadas en la configuración): {'; '.join(off)}; la carta no las "
                     "menciona")
    left = [c.name for c in report.gaps if c not in _included(report, up_to)]
    if left:
        these = agree(len(left), "este punto débil", "estos puntos débiles")
        notes.append(f"la carta no incluye {these} de prioridad más baja que --hasta {up_to}: {'; '.join(left)}")
    return notes

