"""The `contratos web` command: `make_command` builds it with cli.py's command class and settings
(cli.py registers it); the web libraries load only when it runs."""
from __future__ import annotations

import os
import sys

import click

EXIT_ERROR = 2


def web(port, host, token, no_browser, max_mb, jobs, timeout, extra_hosts):
    """Abre una página en el navegador para revisar contratos sin usar la terminal: arrastre uno o
    varios archivos y vea el informe, la lista de verificación con su veredicto y la carta.

    Los archivos se analizan en este equipo y se borran al terminar. Ctrl+C para parar.
    """
    from .server import StartError, serve

    if token is not None and len(token) < 8:
        click.echo("contratos: el código de --token es demasiado corto. Use al menos 8 caracteres", err=True)
        sys.exit(EXIT_ERROR)
    try:
        code = serve(host, port, token, not no_browser, max_mb, jobs or min(os.cpu_count() or 1, 4), timeout,
                     extra_hosts)
    except StartError as error:
        click.echo(f"contratos: {error}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code)


def make_command(command_class, context_settings) -> click.Command:
    options = [
        click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, metavar="PUERTO",
                     help="Puerto en el que escucha (0: uno libre)."),
        click.option("--host", default="127.0.0.1", show_default=True, metavar="DIRECCIÓN",
                     help="Dirección en la que escucha. Cualquier otra que 127.0.0.1 o localhost exige un código "
                          "de acceso, que se genera y se muestra en la dirección de la página."),
        click.option("--token", default=None, metavar="CÓDIGO",
                     help="Código de acceso a exigir (por omisión: ninguno en 127.0.0.1, uno generado en otra "
                          "dirección)."),
        click.option("--no-browser", "no_browser", is_flag=True, help="No abre el navegador al arrancar."),
        click.option("--max-mb", "max_mb", type=click.FloatRange(min=0.001, max=2000), default=50,
                     show_default=True, metavar="MB", help="Tamaño máximo de un archivo subido, en megabytes."),
        click.option("--jobs", "-j", type=click.IntRange(1, 32), default=None, metavar="N",
                     help="Procesos que analizan a la vez (por omisión: los núcleos de la máquina, hasta 4)."),
        click.option("--timeout", type=click.FloatRange(min=1), default=120, show_default=True,
                     metavar="SEGUNDOS", help="Tiempo máximo de lectura y análisis de un archivo."),
        click.option("--permitir-host", "extra_hosts", multiple=True, metavar="NOMBRE",
                     help="Otro nombre con el que se abre la página (por ejemplo, el de la máquina en la red); "
                          "se puede repetir."),
        click.help_option("-h", "--help", help="Muestra esta ayuda y sale."),
    ]
    command = web
    for option in reversed(options):
        command = option(command)
    return click.command("web", cls=command_class, context_settings=context_settings)(command)
