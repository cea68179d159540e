"""The `contratos` command line (click): the group, the registration of its commands (one module each in
commands/) and `main`, which turns click's errors into one Spanish line and an exit code."""
from __future__ import annotations

import sys

import click

from . import __version__
from .commands import anotar, carta, check, checklist, comparar, explicar, reglas, scan
from .commands.run import EXIT_ERROR
from .commands.spanish import HELP, Command, Group
from .commands.usage import dash_hint, spanish_usage


@click.group(cls=Group, context_settings=HELP)
@click.version_option(__version__, "--version", prog_name="contratos", message="%(prog)s %(version)s",
                      help="Muestra la versión y sale.")
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def cli():
    """Revisa un contrato de servicios en español antes de firmarlo: si fija el alcance,
    el pago y una forma de salir (rescisión).

    Códigos de salida: 0 sin puntos débiles de prioridad alta (o de la que indique --fail-on), 1 hay
    al menos uno, 2 no se pudo leer el archivo o la orden está mal escrita. La ayuda de cada orden
    (contratos check --help) da los suyos.
    """


for _command in (check.check_command, scan.scan_command, checklist.checklist_command, carta.carta_command,
                 anotar.anotar_command, comparar.comparar_command, reglas.rules_command, explicar.explain_command):
    cli.add_command(_command)


def _register_web() -> None:
    from .web.command import make_command

    cli.add_command(make_command(Command, HELP))


_register_web()


def main() -> None:
    from .startup import defer_spacy_cli

    defer_spacy_cli()
    try:
        _exit(cli.main(prog_name="contratos", standalone_mode=False) or 0)
    except SystemExit as exc:
        _exit(exc.code)
    except click.exceptions.Abort:
        click.echo("contratos: interrumpido.", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `contratos` alone: its help, not an error line
            click.echo(exc.format_message(), err=True)
            sys.exit(EXIT_ERROR)
        where = exc.ctx.command_path if exc.ctx is not None else "contratos"  # the subcommand's own help
        problem = spanish_usage(exc)
        click.echo(f"contratos: uso incorrecto: {problem}{'' if problem.endswith('?') else '.'} "
                   f"{dash_hint(sys.argv[1:])}Ejecute '{where} --help'.", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        click.echo(f"contratos: {exc.format_message()}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug must still not show a traceback
        click.echo(f"contratos: error interno ({type(exc).__name__}: {exc}). Informe del fallo, por favor", err=True)
        sys.exit(EXIT_ERROR)


def _exit(code) -> None:
    """Exit without tearing down spaCy's objects one by one (about 0.1 s): flush and leave."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else EXIT_ERROR))


if __name__ == "__main__":
    main()
