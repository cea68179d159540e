"""The Python API: `check_file(path)` and `check_text(text)` return a Report (see report.py)."""
from __future__ import annotations

import os
from dataclasses import replace

from .errors import ContratosError
from .report import Report


def analyse_document(document, force: bool = False, config=None, **options) -> Report:
    """Run segmentation, NLP and the checks on an already-read Document. A document that is not a
    Spanish service contract gets a warning and `not_applicable` checks, unless `force` is true.
    `config` (a config.Playbook) selects the checks and sets thresholds; explicit options win."""
    from .checks import not_applicable, run_checks
    from .classify import KIND_LABELS, document_kind, document_title
    from .config import Playbook
    from .language import LANGUAGE_LABELS, detect_language, spanish_part
    from .nlp import analyse
    from .plantillas import propose
    from .segment import segment

    document, _ = spanish_part(document)
    title = document_title(document.blocks)
    language = detect_language(document.text)
    kind = document_kind(document.folded, title)
    report = Report(file=document.path, format=document.format, pages=document.pages,
                    warnings=list(document.warnings), language=language, document_kind=kind, text=document.text,
                    pages_without_text=list(document.pages_without_text), ocr_pages=list(document.ocr_pages),
                    document=document)
    if config is not None:
        options = {"perspective": config.perspective, "max_payment_days": config.payment_days_limit,
                   "only": config.enabled(), "rules": config.rules, **options}
    rules = options.get("rules")
    # the rules stored as data in the report, and those its suggested clauses are written with: the
    # perspective an explicit option gives wins, as it does for the checks
    playbook = config if config is not None else Playbook()
    if options.get("perspective", playbook.perspective) != playbook.perspective:
        playbook = replace(playbook, perspective=options["perspective"])
    if rules != playbook.rules:
        playbook = replace(playbook, rules=rules)
    report.rules, report.perspective, report.rules_folder = playbook.to_dict(), playbook.perspective, rules
    if not force and (language not in ("es", None) or kind != "servicios"):
        if language not in ("es", None):
            reason = (f"El documento parece estar en {LANGUAGE_LABELS.get(language, language)}; "
                      "contratos revisa contratos redactados en español.")
        else:
            reason = ("El documento no parece un contrato." if kind == "otro" else
                      f"El documento parece {KIND_LABELS[kind]}, no un contrato de servicios.")
        report.warnings.insert(0, f"{reason} Las comprobaciones no se aplican; use --forzar para revisarlo igualmente.")
        report.not_applicable_reason = reason
        report.checks = not_applicable(reason, rules)
        if config is not None:
            report.checks = config.apply(report.checks)
        return report
    from .checks.parties import Parties

    clauses = segment(document)
    analysis = analyse(document, clauses, rules)
    parties = Parties.from_text(document.text, document.folded)
    report.parties = parties.names()
    report.checks = run_checks(analysis, parties=parties, **options)
    if document.pages_without_text:  # the clause may be on a page that could not be read
        unread = ", ".join(map(str, document.pages_without_text))
        for check in report.checks:
            if check.status == "missing":
                same = check.explanation == check.message
                check.message += f" (Puede estar en una página sin texto que no se revisó: {unread}.)"
                if same:
                    check.explanation = check.message
    if config is not None:
        report.checks = config.apply(report.checks)
    propose(report.checks, playbook, report.parties)
    return report


def check_file(path: str | os.PathLike, password: str | None = None, ocr: bool = False, **options) -> Report:
    """Check one contract file. Never raises for a bad file: the report says `readable: False` and why.
    Options: `force=True` checks a document that does not look like a Spanish service contract;
    `perspective` ("prestador" or "cliente") and `max_payment_days` (default 60); `config`, a
    playbook from `contratos.config.load_config()`, sets all of them and the severities;
    `ocr=True` reads PDF pages without text with Tesseract (Spanish data), see `Report.ocr_pages`;
    `rules`, a folder of the user's own check files (or `reglas` in the playbook), adds their checks.

    >>> report = check_file("sample_contracts/completo_ar_diseno.docx")
    >>> report.to_dict()["checks"][0]["id"]
    'alcance'
    """
    from .readers import read_document

    try:
        document = read_document(path, password=password, ocr=ocr)
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
