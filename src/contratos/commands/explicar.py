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
    import difflib
    import textwrap
    import unicodedata

    from ..patterns import CHECK_FILES, load_specs
    from ..plantillas import no_clause_advice, suggested_clause

    # any case, accents or separators: "MORA", "rescisión", "campos-vacios"
    wanted = "".join(c for c in unicodedata.normalize("NFKD", check_id.strip().lower()) if not unicodedata.combining(c))
    wanted = wanted.replace("-", "_").replace(" ", "_")
    if wanted not in CHECK_FILES:
        close = difflib.get_close_matches(wanted, CHECK_FILES, n=2, cutoff=0.6)
        guess = f"¿Quiso decir {' o '.join(close)}? " if close else ""
        click.echo(f"contratos: comprobación desconocida '{check_id}'. {guess}Use una de: {', '.join(CHECK_FILES)} "
                   "(véalas con 'contratos reglas')", err=True)
        sys.exit(EXIT_ERROR)
    playbook = playbook_for(config_path)
    spec = load_specs(playbook.perspective)[wanted]
    wrap = lambda text: textwrap.fill(" ".join(text.split()), width=88, initial_indent="  ", subsequent_indent="  ")
    clause = suggested_clause(wanted, playbook)
    ending = (["Cláusula de ejemplo (complete los datos entre corchetes):", wrap(f"«{clause}»")] if clause
              else ["Qué hacer:", wrap(no_clause_advice(wanted))])
    parts = [f"{spec.id} · {spec.name} (prioridad {playbook.severity_of(wanted, spec.severity)})", "",
             f"{spec.title}", "", "Qué detecta:", wrap(spec.extra.get("detecta", spec.name)), "",
             "Por qué importa:", wrap(spec.why), "", "Qué pedir:", wrap(spec.recommendation), "", *ending]
    click.echo("\n".join(parts))
    sys.exit(EXIT_OK)
