"""The options several commands share (--config, --fail-on, --password, --forzar, --ocr, --timeout) and
--format, whose choices are the formatter registry's."""
from __future__ import annotations

import click

from ..checkschema import SEVERITIES

SEVERITY = click.Choice(list(SEVERITIES))


def _remember_rules(ctx, _param, value):
    if value is not None:
        ctx.meta["contratos.reglas"] = value
    return value


def format_option(kind: str, default: str, help: str):
    """--format/-f with the formats registered for `kind` (report, scan, checklist, comparison)."""
    from ..formatters import FORMATS

    return click.option("--format", "-f", "fmt", type=click.Choice(list(FORMATS[kind])), default=default, help=help)


def config_option(f):
    from ..config import NO_CONFIG

    f = click.option("--reglas", default=None, metavar="CARPETA", expose_value=False, callback=_remember_rules,
                     help="Carpeta con sus propias comprobaciones (archivos .toml como los de patterns/); se "
                          "suman a las de contratos. Por omisión, la de 'reglas' en la configuración.")(f)
    f = click.option("--sin-config", "config_path", flag_value=NO_CONFIG,
                     help="Usa las reglas por omisión aunque la carpeta actual tenga contratos.toml o "
                          "pyproject.toml.")(f)
    return click.option("--config", "config_path", default=None, metavar="ARCHIVO",
                        help="Configuración (playbook) a usar; por omisión ./contratos.toml o [tool.contratos] "
                             "en ./pyproject.toml.")(f)


def fail_on_option(f):
    return click.option("--fail-on", "fail_on", type=SEVERITY, default="alta", show_default=True,
                        help="Sale con 1 si hay un punto débil de esta prioridad o de una más alta "
                             "(alta > media > baja).")(f)


def document_options(f):
    """--password and --forzar: how to open and whether to check a document that does not look like a contract."""
    f = click.option("--forzar", "--force", "force", is_flag=True,
                     help="Revisa el documento aunque no parezca un contrato de servicios en español.")(f)
    return click.option("--password", default=None, metavar="CLAVE",
                        help="Contraseña de un PDF protegido.")(f)


def ocr_option(f):
    return click.option("--ocr", is_flag=True,
                        help="Lee con OCR (Tesseract, idioma español) las páginas de un PDF escaneado que no "
                             "tienen texto; el informe indica qué páginas y avisa de que puede haber errores.")(f)


TIMEOUT_HELP = "(por omisión: 120; 900 con --ocr, que tarda de 1 a 6 s por página escaneada)."


def timeout_option(f):
    return click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SEGUNDOS",
                        help="Tiempo máximo de lectura y análisis " + TIMEOUT_HELP)(f)
