"""`contratos reglas` (alias rules): the checks, their priority under the playbook, and which are disabled."""
from __future__ import annotations

import sys

import click

from .options import config_option
from .run import EXIT_OK, playbook_for
from .spanish import command


@command("reglas")
@config_option
def rules_command(config_path):
    """Lista las comprobaciones: id, prioridad y qué busca (alias: rules)."""
    from ..patterns import CHECK_FILES, load_specs

    playbook = playbook_for(config_path)
    specs = load_specs(playbook.perspective)
    for check_id in CHECK_FILES:
        spec = specs[check_id]
        off = "  (desactivada)" if check_id in playbook.disabled else ""
        click.echo(f"{check_id:<21} {playbook.severity_of(check_id, spec.severity):<6} "
                   f"{spec.name}: {spec.title}{off}")
    sys.exit(EXIT_OK)
