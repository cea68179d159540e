"""`contratos checklist`: the checks, the questions about the other party and a verdict with its reasons."""
from __future__ import annotations

import sys

import click

from .options import config_option, document_options, fail_on_option, format_option, ocr_option, timeout_option
from .run import EXIT_ERROR, playbook_for, report_for
from .spanish import command


@command("checklist")
@click.argument("archivo", metavar="ARCHIVO")
@format_option("checklist", "markdown", "markdown (por omisión) o html: una página autónoma con el texto del "
                                        "contrato resaltado.")
@click.option("--respuestas", default=None, metavar="ARCHIVO",
              help="Archivo TOML con las respuestas a las preguntas sobre el cliente (true/false, \"si\", "
                   "\"no\" o \"no_se\").")
@document_options
@ocr_option
@timeout_option
@config_option
@fail_on_option
def checklist_command(archivo, fmt, respuestas, password, force, ocr, timeout, config_path, fail_on):
    """Lista de verificación antes de firmar: las comprobaciones, las preguntas sobre el cliente
    (o sobre el prestador, con perspectiva cliente) y un veredicto (firmar, negociar antes de firmar
    o no aceptar) con sus motivos. Las preguntas sin responder quedan como pendientes.

    Códigos de salida: 0 firmar, 1 negociar antes de firmar o no aceptar, 2 error o sin veredicto
    (no es un contrato de servicios, o la configuración desactiva todas las comprobaciones).
    """
    from ..checklist import CannotJudge, build, load_answers
    from ..config import ConfigError
    from ..formatters import FORMATS

    playbook = playbook_for(config_path)
    try:
        answers = load_answers(respuestas, playbook.perspective)
    except ConfigError as error:
        click.echo(f"contratos: {error.message}", err=True)
        sys.exit(EXIT_ERROR)
    try:
        checklist = build(report_for(archivo, password, force, playbook, ocr, timeout), answers, fail_on)
    except CannotJudge as problem:
        click.echo(f"contratos: {archivo}: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(FORMATS["checklist"][fmt](checklist), nl=False)
    sys.exit(checklist.exit_code)
