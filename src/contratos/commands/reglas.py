"""`contratos reglas` (alias rules): the checks (built-in and the user's own), their priority under the
playbook, which are disabled; with --probar, the rule cases of a folder of the user's own checks."""
from __future__ import annotations

import sys

import click

from .options import config_option
from .run import EXIT_ERROR, EXIT_GAPS, EXIT_OK, playbook_for
from .spanish import command


@command("reglas")
@click.option("--probar", "probe", default=None, metavar="CARPETA",
              help="Prueba los casos ([[casos]]) de sus reglas en CARPETA: muestra cada uno como correcto o "
                   "fallido y sale con 1 si alguno falla.")
@config_option
def rules_command(probe, config_path):
    """Lista las comprobaciones: id, prioridad y qué busca, con las reglas propias (alias: rules).

    Con --probar CARPETA, prueba los casos de las reglas propias. Códigos de salida: 0 todo correcto,
    1 algún caso falla, 2 un archivo de reglas no es válido."""
    from .. import rules_cli
    from ..patterns import RulesError

    if probe is not None:
        try:
            text, passed = rules_cli.probe(probe)
        except RulesError as error:
            click.echo(f"contratos: {error.message}", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(text, nl=False)
        sys.exit(EXIT_OK if passed else EXIT_GAPS)
    click.echo(rules_cli.listing(playbook_for(config_path)), nl=False)
    sys.exit(EXIT_OK)
