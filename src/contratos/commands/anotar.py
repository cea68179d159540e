"""`contratos anotar`: a .docx copy of the contract with a Word comment at each weak point."""
from __future__ import annotations

import sys

import click

from .options import config_option, document_options, ocr_option, timeout_option
from .run import EXIT_ERROR, EXIT_OK, judged_report, playbook_for
from .spanish import command


@command("anotar")
@click.argument("archivo", metavar="CONTRATO")
@click.option("--output", "-o", default=None, metavar="SALIDA.docx",
              help="Dónde escribir la copia anotada (por omisión: CONTRATO.anotado.docx junto al contrato).")
@document_options
@ocr_option
@timeout_option
@config_option
def anotar_command(archivo, output, password, force, ocr, timeout, config_path):
    """Escribe una copia .docx del contrato con un comentario de Word (autor «contratos») en el párrafo
    de cada punto débil: qué pasa, por qué importa, qué pedir y una redacción para proponer. Un
    comentario al principio resume la revisión y trae el texto de las cláusulas que faltan.

    Con un .docx, la copia conserva los cambios controlados, los estilos, los encabezados y las tablas;
    con otro formato, es un documento nuevo con el texto y los títulos de las cláusulas. El contrato
    original nunca se modifica.
    """
    from ..anotar import AnnotateError, annotate, output_path

    try:
        target = output_path(archivo, output)
        report = judged_report(archivo, password, force, playbook_for(config_path), ocr, timeout)
        done = annotate(report, target)
    except AnnotateError as error:
        click.echo(f"contratos: {error}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"Copia anotada: {done['output']} ({done['sentence']}).")
    sys.exit(EXIT_OK)
