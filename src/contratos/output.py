"""Atomic output files: write to a temporary file beside the target, rename at the end. A target that
cannot be written is refused before any work is done, in Spanish; the file gets the user's umask."""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from .oserrors import write_cause


class OutputError(Exception):
    """The output file cannot be written: the cause and what to do, in Spanish."""

    def __init__(self, path: str, cause: str, hint: str = "Indique en -o un archivo dentro de una carpeta en la "
                                                          "que pueda escribir"):
        from .safe import display_name

        self.message = f"no se puede escribir {display_name(path)}: {cause}. {hint}"
        super().__init__(self.message)


def check_target(path: str | None) -> None:
    """Raise OutputError when `path` cannot become the output file: a folder, a missing folder, a place
    without write permission or on a read-only disk (found by creating and removing a temporary file)."""
    if path is None or path == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(path, "es una carpeta, no un archivo", "Indique en -o el nombre del archivo a crear, "
                                                                  f"por ejemplo {os.path.join(path, 'revision.csv')}")
    parent = target.parent
    if not parent.exists():
        raise OutputError(path, f"la carpeta {parent} no existe", "Créela antes o indique otra carpeta")
    if not parent.is_dir():
        raise OutputError(path, f"{parent} no es una carpeta")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(path, write_cause(exc)) from None
    os.close(fd)
    os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: str | None, newline: str | None = None):
    """Yield a text stream; for a path, the file appears complete or not at all (an exception inside
    the block leaves the previous file as it was). OSErrors become OutputError."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise OutputError(path, write_cause(exc)) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp creates 0600; an output file is like any other
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(path, write_cause(exc)) from None
        raise
