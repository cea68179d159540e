"""The Python API: `check_file(path)` and `check_text(text)` return a Report (see report.py)."""
from __future__ import annotations

import os

from .errors import ContratosError
from .report import Report


def analyse_document(document, **options) -> Report:
    """Run segmentation, NLP and the checks on an already-read Document."""
    from .checks import run_checks
    from .nlp import analyse
    from .segment import segment

    clauses = segment(document)
    analysis = analyse(document, clauses)
    report = Report(file=document.path, format=document.format, pages=document.pages,
                    warnings=list(document.warnings))
    report.checks = run_checks(analysis, **options)
    return report


def check_file(path: str | os.PathLike, password: str | None = None, **options) -> Report:
    """Check one contract file. Never raises for a bad file: the report says `readable: False` and why.

    >>> report = check_file("sample_contracts/completo_ar_diseno.docx")
    >>> report.to_dict()["checks"][0]["id"]
    'alcance'
    """
    from .readers import read_document

    try:
        document = read_document(path, password=password)
        return analyse_document(document, **options)
    except ContratosError as error:
        return Report.unreadable(str(path), error)


def check_text(text: str, name: str = "<texto>", **options) -> Report:
    """Check a contract given as a string (paragraphs separated by blank lines or newlines)."""
    from .document import Block, Document
    from .readers.lines import lines_to_paragraphs

    blocks = [Block(p, kind="heading" if h else "paragraph") for p, h in lines_to_paragraphs(text.splitlines())]
    document = Document(path=name, format="txt", blocks=blocks)
    if not document.text.strip():
        return Report.unreadable(name, ContratosError("empty", "el texto está vacío", "Pegue el texto del contrato"))
    return analyse_document(document, **options)
