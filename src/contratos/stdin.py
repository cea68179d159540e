"""`contratos check -`: the contract comes through standard input (a pipe, a redirection). Its bytes go to
a private temporary file named after what they are (a PDF, a .docx, text...), which the readers open
like any other file and which is removed afterwards."""
from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

from .errors import ContratosError

STDIN_ARG = "-"
STDIN_LABEL = "(entrada estándar)"
MAX_STDIN_BYTES = 200 * 1024 * 1024  # the largest PDF the readers take
_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt", "rtf": ".rtf", "html": ".html", "ole2": ".doc",
           "zip": ".zip", None: ".txt"}


@contextlib.contextmanager
def stdin_file(stream=None):
    """Yield the path of a temporary copy of standard input (at most MAX_STDIN_BYTES)."""
    from .readers import sniff

    stream = stream if stream is not None else sys.stdin
    if stream is None or stream.isatty():
        raise ContratosError("empty", "no llega nada por la entrada estándar (es la terminal)",
                             "Envíe el contrato por una tubería, por ejemplo: cat contrato.pdf | contratos check -")
    source = getattr(stream, "buffer", stream)
    folder = Path(tempfile.mkdtemp(prefix="contratos-entrada-"))  # mode 0700: only this user reads it
    try:
        raw = folder / "entrada"
        with raw.open("wb") as out:
            copied = _copy(source, out)
        if copied > MAX_STDIN_BYTES:
            raise ContratosError("too_large", f"la entrada estándar trae más de {MAX_STDIN_BYTES // 2**20} MB, más "
                                 "de lo que ocupa un contrato", "Revise que envía el archivo correcto")
        path = raw.rename(folder / f"entrada{_SUFFIX.get(sniff(raw), '.txt')}") if copied else raw
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy(source, out) -> int:
    """Copy at most MAX_STDIN_BYTES + 1 bytes; the count tells whether there was more."""
    copied = 0
    while copied <= MAX_STDIN_BYTES:
        chunk = source.read(min(1 << 20, MAX_STDIN_BYTES + 1 - copied))
        if not chunk:
            break
        out.write(chunk)
        copied += len(chunk)
    return copied
