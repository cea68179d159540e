"""`contratos carta`: a letter to the other party asking for the changes, or declining the project."""
from __future__ import annotations

import sys

import click

from .options import SEVERITY, config_option, document_options, ocr_option, timeout_option
from .run import EXIT_ERROR, EXIT_OK, judged_report, playbook_for
from .spanish import command


@command("carta")
@click.argument("archivo", metavar="ARCHIVO")
@click.option("--tipo", type=click.Choice(["negociar", "declinar"]), required=True,
              help="negociar: pide añadir o corregir las cláusulas; declinar: rechaza el proyecto con amabilidad.")
@click.option("--cliente", "--destinatario", "cliente", default="", metavar="NOMBRE",
              help="A quién va dirigida la carta (el cliente; con perspectiva cliente, el prestador).")
@click.option("--firma", default="", metavar="NOMBRE", help="Su nombre, al pie de la carta.")
@click.option("--motivo", type=click.Choice(["condiciones", "tiempo", "especialidad"]), default="condiciones",
              help="Por qué declina (solo con --tipo declinar; por omisión: condiciones).")
@click.option("--recomendar", default="", metavar="NOMBRE", help="A quién recomienda en su lugar (declinar).")
@click.option("--hasta", type=SEVERITY, default="media", show_default=True,
              help="Incluye los puntos débiles de esta prioridad y de las más altas (alta > media > baja).")
@click.option("--comparar", "previous", default=None, metavar="VIEJO",
              help="La versión anterior del contrato (solo con --tipo negociar): la carta agradece lo que se "
                   "corrigió y pide lo que sigue faltando.")
@document_options
@ocr_option
@timeout_option
@config_option
def carta_command(archivo, tipo, cliente, firma, motivo, recomendar, hasta, previous, password, force, ocr,
                  timeout, config_path):
    """Escribe un correo amable a la otra parte: pide los cambios con una redacción propuesta, o
    declina el proyecto con honestidad y, si puede, recomienda a otra persona.

    No escribe cartas sobre un documento que no es un contrato de servicios (salvo con --forzar).
    """
    from ..carta import letter_notes, write_letter

    if previous and tipo != "negociar":
        click.echo("contratos: uso incorrecto: --comparar solo se usa con --tipo negociar. Quite la opción o "
                   "cambie el tipo", err=True)
        sys.exit(EXIT_ERROR)
    playbook = playbook_for(config_path)
    comparison = None
    if previous:
        from ..comparar import compare

        old = judged_report(previous, password, force, playbook, ocr, timeout)
        comparison = compare(old, judged_report(archivo, password, force, playbook, ocr, timeout))
    report = comparison.after if comparison else judged_report(archivo, password, force, playbook, ocr, timeout)
    click.echo(write_letter(report, tipo, client=cliente, signature=firma, reason=motivo,
                            recommend=recomendar, up_to=hasta, comparison=comparison), nl=False)
    for note in letter_notes(report, hasta):
        click.echo(f"contratos: aviso: {note}.", err=True)
    sys.exit(EXIT_OK)
