"""Read a user's TOML file (the playbook, the checklist answers) and explain every failure in Spanish:
no OS error text, codec name or tomllib message (all English) ever reaches the user."""
from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path

# tomllib's messages (English) by their first words -> the Spanish cause
_SYNTAX = (
    ("Invalid value", "un valor no válido (los textos van entre comillas; true y false, en minúsculas)"),
    ("Expected '=' after a key", "falta «=» después de una clave"),
    ("Cannot overwrite a value", "una clave repetida"),
    ("Cannot declare", "una tabla repetida"),
    ("Unclosed array", "una lista sin cerrar («]»)"),
    ("Unclosed inline table", "una tabla sin cerrar («}»)"),
    ("Unterminated string", "un texto sin la comilla de cierre"),
    ("Expected ']' at the end of a table declaration", "falta «]» al final del nombre de una tabla"),
    ("Expected ']]' at the end of an array declaration", "falta «]]» al final del nombre de una tabla"),
    ("Invalid initial character for a key part", "un nombre de clave no válido"),
    ("Invalid statement", "una línea que no es «clave = valor» ni «[tabla]»"),
    ("Expected newline or end of document", "texto de más después de un valor"),
    ("Illegal character", "un carácter no permitido"),
    ("Found invalid character", "un carácter no permitido"),
)
MAX_TOML_BYTES = 1024 * 1024  # a playbook or a file of answers is a few hundred bytes
_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


class TomlFileError(Exception):
    """Why a TOML file could not be read, and what to do, in Spanish."""

    def __init__(self, cause: str, hint: str):
        super().__init__(f"{cause}. {hint}")
        self.cause = cause
        self.hint = hint


def toml_syntax_error(exc: tomllib.TOMLDecodeError) -> str:
    """ "no es TOML válido: falta «=» después de una clave en la línea 2, columna 5"."""
    text = str(exc)
    what = next((spanish for english, spanish in _SYNTAX if text.startswith(english)), "un error de sintaxis")
    where = _WHERE.search(text)
    place = (f" en la línea {where.group(1)}, columna {where.group(2)}" if where
             else " al final del archivo" if "(at end of document)" in text else "")
    return f"no es TOML válido: {what}{place}"


def read_toml(path: Path, option: str) -> dict:
    """The file as a dict. `option` is the command-line option that named it (for the hints). Only a
    regular file of at most MAX_TOML_BYTES is read: a FIFO would block for ever, /dev/zero never ends."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise TomlFileError("es una carpeta, no un archivo", f"Indique en {option} un archivo .toml")
        if not stat.S_ISREG(info.st_mode):
            raise TomlFileError("no es un archivo normal (es una tubería, un socket o un dispositivo)",
                                f"Indique en {option} un archivo .toml guardado en el disco")
        if info.st_size > MAX_TOML_BYTES:
            raise TomlFileError(f"pesa {info.st_size // 1024} KB, más de los {MAX_TOML_BYTES // 1024} KB que puede "
                                "ocupar un archivo de configuración", f"Revise que indica en {option} el archivo correcto")
        with path.open("rb") as handle:
            raw = handle.read(MAX_TOML_BYTES + 1)
        if len(raw) > MAX_TOML_BYTES:  # it grew after the check
            raise TomlFileError(f"pesa más de los {MAX_TOML_BYTES // 1024} KB que puede ocupar un archivo de "
                                "configuración", f"Revise que indica en {option} el archivo correcto")
    except FileNotFoundError:
        raise TomlFileError("el archivo no existe", f"Revise la ruta de {option}") from None
    except PermissionError:
        raise TomlFileError("no hay permiso de lectura", "Compruebe los permisos del archivo") from None
    except NotADirectoryError:
        raise TomlFileError("una parte de la ruta no es una carpeta", f"Revise la ruta de {option}") from None
    except OSError:
        raise TomlFileError("no se pudo leer el archivo (no es un archivo normal o el disco falló)",
                            f"Indique en {option} un archivo .toml legible") from None
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as some Windows editors write it, is fine
    except UnicodeDecodeError:
        raise TomlFileError("no está guardado como texto UTF-8",
                            "Guárdelo con codificación UTF-8 (en el Bloc de notas: Guardar como, UTF-8)") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlFileError(toml_syntax_error(exc), "Corrija la sintaxis del archivo") from None


def describe(value) -> str:
    """A TOML value as the user wrote it: true, 3, 'texto', una lista, una tabla, una fecha."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "una lista"
    if isinstance(value, dict):
        return "una tabla"
    return "una fecha u hora"
