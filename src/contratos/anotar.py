"""The review as Word comments: a copy of the client's .docx (tracked changes, styles, headers and tables
kept) with a comment on the paragraph of each finding and a summary comment at the start; for any other
format, a new .docx with the contract's text, its clause titles as headings and the same comments.
The comments are added with python-docx's comments API; the input file is only read."""
from __future__ import annotations

import errno
import io
import os
import tempfile
from pathlib import Path

from .formatters.labels import summary_line
from .names import with_party_names
from .words import STATUS_LABEL, place, plural

AUTHOR = "contratos"
INITIALS = "CT"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class AnnotateError(Exception):
    """The annotated copy cannot be written: the cause and what to do, in Spanish."""


def output_path(source: str, output: str | None) -> Path:
    """Where the annotated copy goes: `output`, or contrato.anotado.docx beside the input. Never the
    input itself, always a .docx in a folder that exists."""
    target = Path(output) if output else Path(source).with_name(f"{Path(source).stem}.anotado.docx")
    if target.suffix.lower() != ".docx":
        raise AnnotateError(f"{target}: la copia anotada es un documento de Word. Use un nombre terminado en .docx")
    if not target.parent.is_dir():
        raise AnnotateError(f"{target}: la carpeta {target.parent} no existe. Créela o elija otra salida con -o")
    if target.exists() and Path(source).exists() and os.path.samefile(target, source):
        raise AnnotateError(f"{target}: es el mismo archivo que el contrato, que nunca se modifica. "
                            "Elija otro nombre con -o")
    if target.is_dir():
        raise AnnotateError(f"{target}: es una carpeta. Indique un archivo .docx con -o")
    return target


def finding_comment(check, report) -> str:
    """The comment on a finding's paragraph: status, why it matters, what to ask and the clause to propose."""
    names = report.parties
    lines = [f"{check.name}: {STATUS_LABEL[check.status]} (prioridad {check.severity})", check.message]
    if check.explanation and check.explanation != check.message:
        lines.append(check.explanation)
    others = [place(ev) for ev in check.evidence[1:3]]
    if others:
        lines.append("También en: " + "; ".join(others) + ".")
    lines += [f"Por qué importa: {check.why}", f"Qué pedir: {check.recommendation}"]
    if check.clause:
        lines.append(f"Redacción que puede proponer (complete los datos entre corchetes): «{check.clause}»")
    elif check.advice:
        lines.append(f"Qué hacer: {check.advice}")
    return with_party_names("\n".join(lines), names)


def summary_comment(report, anchored: list, unanchored: list) -> str:
    """The comment at the start: the summary line, each check's status, and the clauses to add (the
    findings with no paragraph to hold their comment) with the text to propose."""
    names = report.parties
    lines = [f"Revisión de contratos: {summary_line(report)}",
             "Estado de cada comprobación: " + "; ".join(f"{c.name}: {STATUS_LABEL[c.status]}" for c in report.checks)
             + "."]
    if anchored:
        lines.append(f"Los comentarios siguientes señalan {plural(len(anchored), 'punto débil', 'puntos débiles')} "
                     "en su párrafo.")
    for check in unanchored:
        head = "Falta" if check.status == "missing" else "Débil"
        lines.append(f"{head}: {check.name} (prioridad {check.severity}). {check.explanation or check.message}")
        lines.append(f"Qué pedir: {check.recommendation}")
        if check.clause:
            lines.append(f"Texto que puede añadir (complete los datos entre corchetes): «{check.clause}»")
        elif check.advice:
            lines.append(f"Qué hacer: {check.advice}")
    lines.append("Esto no es asesoramiento legal: señala lo que falta o está débil para que pueda pedirlo.")
    return with_party_names("\n".join(lines), names)


def _anchor_runs(paragraph):
    """(first, last) runs spanning the whole paragraph: its own first and last w:r when the paragraph
    starts and ends with one, else an empty w:r added there (so text inside tracked insertions,
    hyperlinks or fields is covered too)."""
    from docx.oxml import OxmlElement
    from docx.text.run import Run

    p = paragraph._p
    content = [child for child in p.iterchildren() if child.tag != f"{_W}pPr"]
    first = content[0] if content and content[0].tag == f"{_W}r" else None
    last = content[-1] if content and content[-1].tag == f"{_W}r" else None
    if first is None:
        first = OxmlElement("w:r")
        ppr = p.find(f"{_W}pPr")
        if ppr is not None:
            ppr.addnext(first)
        else:
            p.insert(0, first)
    if last is None:
        last = OxmlElement("w:r")
        p.append(last)
    return Run(first, paragraph), Run(last, paragraph)


def _paragraph(package, element):
    from docx.text.paragraph import Paragraph

    return Paragraph(element, package.part)


def _comment(package, paragraph, text: str) -> int:
    comment = package.add_comment(_anchor_runs(paragraph), text=text, author=AUTHOR, initials=INITIALS)
    return comment.comment_id


def _first_block(report):
    return next((b for b in report.document.blocks if b.source is not None), None)


def _rebuilt(report):
    """A new .docx with the contract's text (headings as headings) and each block's paragraph as its
    source, for formats that are not .docx."""
    import docx

    from .headings import parse_heading

    package = docx.Document()
    for block in report.document.blocks:
        heading = parse_heading(block.text) if block.kind != "table" else None
        if block.kind == "heading" or (heading is not None and not heading.body):
            paragraph = package.add_heading(block.text, level=min(block.level or 1, 3))
        elif heading is not None:  # "PRIMERA. OBJETO. El prestador...": the title, then the text
            package.add_heading(block.text[: len(block.text) - len(heading.body)].strip(), level=2)
            paragraph = package.add_paragraph(heading.body.strip())
        else:
            paragraph = package.add_paragraph(block.text)
        block.source = paragraph._p
    return package


def annotate(report, output: str | os.PathLike) -> dict:
    """Write the annotated .docx for a checked report to `output` (atomically) and return what was done:
    {"output", "comments": [(check id or "resumen", paragraph number)], "unanchored": [check ids],
    "sentence": the same in Spanish words}."""
    document = report.document
    if document is None:
        raise AnnotateError("no hay texto revisado que anotar")
    package = document.package if document.format == "docx" and document.package is not None else _rebuilt(report)
    findings = [c for c in report.checks if c.is_gap]
    anchored, unanchored, placed = [], [], []
    for check in findings:
        block = document.block_at(check.evidence[0].start) if check.evidence else None
        if block is None or block.source is None:
            unanchored.append(check)
            continue
        anchored.append((check, block))
    first = _first_block(report)
    if first is None:
        raise AnnotateError("el documento no tiene párrafos donde anclar los comentarios")
    # the summary first, so that Word lists it first
    _comment(package, _paragraph(package, first.source), summary_comment(report, [c for c, _ in anchored], unanchored))
    placed.append(("resumen", first.number))
    for check, block in anchored:
        _comment(package, _paragraph(package, block.source), finding_comment(check, report))
        placed.append((check.id, block.number))
    _save(package, Path(output))
    sentence = plural(len(placed), "comentario", "comentarios")
    if unanchored:
        sentence += (f"; {plural(len(unanchored), 'punto sin párrafo propio', 'puntos sin párrafo propio')} "
                     "en el comentario de resumen")
    return {"output": str(output), "comments": placed, "unanchored": [c.id for c in unanchored],
            "sentence": sentence}


def _save(package, target: Path) -> None:
    """Save through a temporary file beside the target: the file appears complete or not at all."""
    buffer = io.BytesIO()
    package.save(buffer)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise AnnotateError(_cannot_write(target, error)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, target)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise AnnotateError(_cannot_write(target, error)) from None
        raise


def _cannot_write(target: Path, error: OSError) -> str:
    if isinstance(error, PermissionError):
        return f"{target}: no hay permiso para escribir ahí. Elija otra carpeta con -o"
    code = errno.errorcode.get(error.errno or 0, type(error).__name__)
    return f"{target}: no se pudo escribir la copia ({code}). Compruebe el espacio libre o elija otra carpeta con -o"
