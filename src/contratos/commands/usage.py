"""A usage error (a wrong option, a missing argument, an unknown command) as one Spanish line: what is
wrong and, for a file named like an option, how to pass it."""
from __future__ import annotations

import click


def dash_hint(args: list[str]) -> str:
    """For a file whose name starts with a dash ("-rf.txt"), which click takes for options: how to pass it."""
    import os

    named = next((a for a in args if a.startswith("-") and a not in ("-", "--") and os.path.lexists(a)), None)
    if named is None:
        return ""
    command = next((a for a in args if not a.startswith("-")), "check")
    return (f"Si «{named}» es el archivo, escriba -- antes de él para que no se tome por una opción: "
            f"contratos {command} -- {named} (o ./{named}). ")


def spanish_usage(exc: click.UsageError) -> str:
    def guess(possibilities) -> str:
        return f"; ¿quiso decir {' o '.join(possibilities[:2])}?" if possibilities else ""

    if isinstance(exc, click.MissingParameter):
        if isinstance(exc.param, click.Option):
            return f"falta la opción {exc.param.opts[0]}"
        return f"falta {exc.param.human_readable_name.rstrip('.') if exc.param else 'un argumento'}"
    if isinstance(exc, click.NoSuchOption):
        return f"la opción {exc.option_name} no existe{guess(exc.possibilities)}"
    if hasattr(exc, "command_name"):  # click's NoSuchCommand: name it and suggest the closest one
        return f"la orden '{exc.command_name}' no existe{guess(exc.possibilities)}"
    if isinstance(exc, click.BadParameter):
        name = " (".join(exc.param.opts[:2]) + ")" * (len(exc.param.opts) > 1) \
            if isinstance(exc.param, click.Option) else exc.param.human_readable_name if exc.param else "un parámetro"
        kind = exc.param.type if exc.param else None
        if isinstance(kind, click.Choice):
            return f"valor no válido para {name}; valores válidos: {', '.join(map(str, kind.choices))}"
        if isinstance(kind, (click.IntRange, click.FloatRange)):
            number = "un número entero" if isinstance(kind, click.IntRange) else "un número"
            bounds = (f"entre {kind.min} y {kind.max}" if kind.min is not None and kind.max is not None
                      else f"mayor o igual que {kind.min}" if kind.min is not None else f"menor o igual que {kind.max}")
            return f"valor no válido para {name}; debe ser {number} {bounds}"
        return f"valor no válido para {name}"
    if "No such command" in exc.format_message():
        return "orden desconocida"
    return exc.format_message()
