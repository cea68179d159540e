"""`contratos check`: one contract, its report in the chosen format, the exit code of --fail-on."""
from __future__ import annotations

import sys

import click

from .options import config_option, document_options, fail_on_option, format_option, ocr_option, timeout_option
from .run import checked, playbook_for, shown, time_limit_for
from .spanish import command


@command("check")
@click.argument("archivo", metavar="ARCHIVO")
@format_option("report", "text", "Formato del informe (por omisión: text); html: una página autónoma con el texto "
                                 "resaltado.")
@document_options
@click.option("--max-dias-pago", "max_days", type=click.IntRange(1, 365), default=None, metavar="DÍAS",
              help="Plazo de pago máximo aceptable; uno mayor es un punto débil (por omisión: 60 o el de "
                   "la configuración).")
@ocr_option
@timeout_option
@config_option
@fail_on_option
def check_command(archivo: str, fmt: str, password: str | None, force: bool, max_days: int | None,
                  ocr: bool, timeout: float | None, config_path: str | None, fail_on: str):
    """Revisa un contrato (.docx, .pdf, .odt, .rtf, .html, .txt, .md, .rst o .tex) y muestra el informe.
    Con - como ARCHIVO, lo lee de la entrada estándar (cat contrato.pdf | contratos check -).

    Códigos de salida: 0 sin puntos débiles de prioridad alta (o de la que indique --fail-on),
    1 hay al menos uno, 2 no se pudo leer el archivo.
    """
    from ..formatters import render

    def emit(report) -> int:
        color = fmt == "text" and sys.stdout.isatty()
        if report.readable or fmt != "text":  # text mode: an unreadable file gets only the stderr line
            click.echo(render(report, fmt, color=color), nl=False, color=color)
        if not report.readable:
            click.echo(f"contratos: {shown(archivo)}: {report.error['message']}", err=True)
        return report.exit_code_for(fail_on)

    playbook = playbook_for(config_path, max_days)
    report = checked(archivo, time_limit_for(timeout, ocr), emit,
                     password=password, force=force, config=playbook, ocr=ocr)
    sys.exit(emit(report))
