"""`contratos comparar`: two versions of a contract, check by check, and the words changed in the core clauses."""
from __future__ import annotations

import sys

import click

from .options import config_option, document_options, fail_on_option, format_option, ocr_option, timeout_option
from .run import judged_report, playbook_for
from .spanish import command


@command("comparar")
@click.argument("viejo", metavar="VIEJO")
@click.argument("nuevo", metavar="NUEVO")
@format_option("comparison", "text", "Formato de la comparación (por omisión: text).")
@document_options
@ocr_option
@timeout_option
@config_option
@fail_on_option
def comparar_command(viejo, nuevo, fmt, password, force, ocr, timeout, config_path, fail_on):
    """Compara dos versiones de un contrato (pueden estar en formatos distintos): para cada
    comprobación, el estado antes y ahora y si quedó resuelta, mejoró, sigue igual, empeoró o es nueva;
    para alcance, pago y rescisión, las palabras añadidas y quitadas en la cláusula.

    Códigos de salida: 0 la nueva versión no tiene puntos débiles de prioridad alta (o la de --fail-on),
    1 todavía los tiene, 2 no se pudo leer alguno de los archivos.
    """
    from ..comparar import compare
    from ..formatters import FORMATS

    playbook = playbook_for(config_path)
    before = judged_report(viejo, password, force, playbook, ocr, timeout)
    comparison = compare(before, judged_report(nuevo, password, force, playbook, ocr, timeout))
    click.echo(FORMATS["comparison"][fmt](comparison), nl=False)
    sys.exit(comparison.exit_code_for(fail_on))
