"""The files `contratos scan` checks: the paths on its command line and those of a --files-from list,
either counted first (a progress bar with a total) or streamed (millions of files in flat memory)."""
from __future__ import annotations

import itertools
import sys
from typing import Iterable, Iterator

import click

from .discover import find_files, read_path_list


def scan_paths(rutas: tuple[str, ...], files_from: str | None, extensions: tuple[str, ...],
               exclude: tuple[str, ...], stream: bool) -> tuple[Iterable[str], int | None]:
    """The paths to check and their number (None when streamed). No path at all is a usage error, no
    list or no file found a one-line Spanish error (exit 2 from the `contratos` command)."""
    if not rutas and not files_from:
        # a usage error like click's own "falta RUTA", which names the subcommand's help
        raise click.UsageError("falta RUTA. Indique las carpetas o archivos a revisar, o una lista con "
                               "--files-from LISTA", ctx=click.get_current_context(silent=True))
    listed = _listed(files_from) if files_from else ()
    found = (str(p) for p in find_files(itertools.chain(rutas, listed), extensions=extensions, exclude=exclude))
    if stream:
        first = next(found, None)
        files: Iterable[str] = itertools.chain([first], found) if first is not None else []
        total = None
    else:
        files = list(found)
        total = len(files)
    if not files:
        where = " ".join(rutas) + (" ni " if rutas and files_from else "") + \
            (f"las rutas de la lista {files_from}" if files_from else "")
        raise click.ClickException(f"no se encontraron contratos ({', '.join(extensions)}) en {where}. "
                                   "Revise la ruta o use --ext.")
    return files, total


def _listed(files_from: str) -> Iterator[str]:
    """The paths of the list, read lazily; the list is opened now, so that a missing one is an error
    before any output."""
    if files_from == "-":
        return read_path_list(sys.stdin.buffer)
    try:
        handle = open(files_from, "rb")
    except OSError as error:
        cause = {2: "no existe", 13: "no hay permiso de lectura", 21: "es una carpeta"}.get(error.errno, "no se puede abrir")
        raise click.ClickException(f"{files_from}: la lista de --files-from {cause}. Indique un archivo con una "
                                   "ruta por línea, o '-' para leerla de la entrada estándar") from None
    return _closing(handle)


def _closing(handle) -> Iterator[str]:
    with handle:
        yield from read_path_list(handle)
