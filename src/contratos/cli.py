"""The `contratos` command line (click). Help and messages in Spanish; heavy imports happen per command."""
from __future__ import annotations

import sys

import click

from . import __version__

EXIT_OK, EXIT_GAPS, EXIT_ERROR = 0, 1, 2


class _SpanishHelp:
    """Spanish section headings for click's help screens."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Uso: ")

    def format_options(self, ctx, formatter):
        opts = [rv for p in self.get_params(ctx)
                if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section("Opciones"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            commands = [(name, cmd.get_short_help_str(60)) for name in self.list_commands(ctx)
                        if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
            if commands:
                with formatter.section("Órdenes"):
                    formatter.write_dl(commands)


class Command(_SpanishHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        super().__init__(*args, **kwargs)


class Group(_SpanishHelp, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        kwargs.setdefault("subcommand_metavar", "ORDEN [ARGUMENTOS]...")
        super().__init__(*args, **kwargs)


_HELP = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=Group, context_settings=_HELP)
@click.version_option(__version__, "--version", prog_name="contratos", message="%(prog)s %(version)s",
                      help="Muestra la versión y sale.")
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def cli():
    """Revisa un contrato de servicios en español antes de firmarlo: si fija el alcance,
    el pago y una forma de salir (rescisión).

    Códigos de salida: 0 sin puntos débiles, 1 hay al menos uno, 2 no se pudo leer el archivo.
    """


@cli.command("check", context_settings=_HELP)
@click.argument("archivo", metavar="ARCHIVO")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              help="Formato del informe (por omisión: text).")
@click.option("--password", default=None, metavar="CLAVE", help="Contraseña de un PDF protegido.")
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def check_command(archivo: str, fmt: str, password: str | None):
    """Revisa un contrato (.docx, .pdf, .txt o .md) y muestra el informe."""
    from .api import check_file
    from .errors import ContratosError
    from .formatters import render
    from .report import Report

    try:
        report = check_file(archivo, password=password)
    except ContratosError as error:  # e.g. the Spanish model is not installed
        report = Report.unreadable(archivo, error)
    except Exception as exc:  # never a traceback for the user
        error = ContratosError("internal", f"error interno al analizar ({type(exc).__name__}: {exc})",
                               "Informe del fallo adjuntando el archivo si puede")
        report = Report.unreadable(archivo, error)
    color = fmt == "text" and sys.stdout.isatty()
    if report.readable or fmt != "text":  # text mode: an unreadable file gets only the stderr line
        click.echo(render(report, fmt, color=color), nl=False, color=color)
    if not report.readable:
        click.echo(f"contratos: {archivo}: {report.error['message']}", err=True)
    sys.exit(report.exit_code)


def main() -> None:
    try:
        cli.main(prog_name="contratos", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("contratos: interrumpido.", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        click.echo(f"contratos: uso incorrecto: {_spanish_usage(exc)}. Ejecute 'contratos --help'.", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        click.echo(f"contratos: {exc.format_message()}", err=True)
        sys.exit(EXIT_ERROR)


def _spanish_usage(exc: click.UsageError) -> str:
    if isinstance(exc, click.MissingParameter):
        return f"falta {exc.param.human_readable_name if exc.param else 'un argumento'}"
    if isinstance(exc, click.NoSuchOption):
        return f"la opción {exc.option_name} no existe"
    if isinstance(exc, click.BadParameter):
        name = exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else "un parámetro"
        return f"valor no válido para {name}"
    if "No such command" in exc.format_message():
        return "orden desconocida"
    return exc.format_message()


if __name__ == "__main__":
    main()
