"""click's help screens in Spanish: section headings, option extras, one short line per command, and the
Command and Group classes every command of `contratos` is built with."""
from __future__ import annotations

import re

import click


class _SpanishHelp:
    """Spanish section headings for click's help screens."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Uso: ")

    def format_options(self, ctx, formatter):
        opts = [(spec, spanish_extras(text)) for p in self.get_params(ctx)
                if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None
                for spec, text in [rv]]
        if opts:
            with formatter.section("Opciones"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            commands = [(name, SHORT_HELP.get(name) or cmd.get_short_help_str(60)) for name in self.list_commands(ctx)
                        if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
            if commands:
                with formatter.section("Órdenes"):
                    formatter.write_dl(commands)


# one whole sentence per command in the list of `contratos --help` (click would cut the docstring's first
# sentence at 60 characters, mid-phrase); a command not listed here gets click's cut
SHORT_HELP = {
    "anotar": "Copia .docx del contrato con un comentario en cada punto débil.",
    "carta": "Correo a la otra parte: pedir cambios o declinar el proyecto.",
    "check": "Revisa un contrato y muestra el informe.",
    "checklist": "Lista de verificación antes de firmar, con un veredicto.",
    "comparar": "Compara dos versiones de un contrato.",
    "explicar": "Explica una comprobación y da una cláusula de ejemplo.",
    "reglas": "Lista las comprobaciones y su prioridad.",
    "scan": "Revisa muchos contratos (carpetas y archivos) y resume.",
    "web": "Abre una página en el navegador para revisar contratos.",
}


def spanish_extras(text: str) -> str:
    """click's "[default: x; required]" after an option's help, in Spanish."""
    def spanish(extras: str) -> str:
        extras = extras.replace("default: ", "por omisión: ").replace("required", "obligatoria")
        extras = re.sub(r"(\S+)<=x<=(\S+)", r"de \1 a \2", extras)
        return re.sub(r"x>=(\S+?)(?=;|$)", r"mínimo \1", extras)

    return re.sub(r"\[([^\[\]]*)\]$", lambda m: "[" + spanish(m.group(1)) + "]", text)


class Command(_SpanishHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        super().__init__(*args, **kwargs)


class Group(_SpanishHelp, click.Group):
    command_class = Command
    aliases = {"rules": "reglas", "explain": "explicar"}  # English names, not listed in the help

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        kwargs.setdefault("subcommand_metavar", "ORDEN [ARGUMENTOS]...")
        super().__init__(*args, **kwargs)

    def get_command(self, ctx, cmd_name):
        return super().get_command(ctx, self.aliases.get(cmd_name, cmd_name))


HELP = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def command(name: str):
    """A `contratos` command: the Spanish help screen and -h/--help (the decorator goes above the options)."""
    def decorate(f):
        built = click.command(name, cls=Command, context_settings=HELP)(f)
        return click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")(built)  # listed last

    return decorate
