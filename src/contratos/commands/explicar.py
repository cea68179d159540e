"""`contratos explicar ID` (alias explain): what a check detects, why it matters, what to ask for and an
example clause, with the playbook's values filled in."""
from __future__ import annotations

import sys

import click

from .options import config_option
from .run import EXIT_ERROR, EXIT_OK, playbook_for
from .spanish import command


@command("explicar")
@click.argument("check_id", metavar="ID")
@config_option
def explain_command(check_id, config_path):
    """Explica una comprobación: qué detecta, por qué importa y una cláusula de ejemplo (alias: explain)."""
    from .. import rules_cli

    playbook = playbook_for(config_path)
    wanted, error = rules_cli.find(check_id, playbook)
    if wanted is None:
        click.echo(f"contratos: {error}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(rules_cli.explanation(wanted, playbook), nl=False)
    sys.exit(EXIT_OK)
