"""Read a file into a Document, choosing the reader by extension; every failure is a ContratosError."""
from __future__ import annotations

import os
from pathlib import Path

from ..document import Document
from ..errors import ContratosError

SUPPORTED = {".txt": "txt", ".text": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf"}
_CONVERT_HINT = {
    ".doc": "Ábralo en Word o LibreOffice y guárdelo como .docx o PDF",
    ".odt": "Ábralo en LibreOffice y guárdelo como .docx o PDF",
    ".rtf": "Ábralo en Word o LibreOffice y guárdelo como .docx",
    ".pages": "Expórtelo desde Pages como Word (.docx) o PDF",
}


def _check_path(path: Path) -> None:
    if path.is_symlink() and not path.exists():
        raise ContratosError("not_found", "es un enlace simbólico roto", "Indique la ruta del archivo real")
    if not path.exists():
        raise ContratosError("not_found", "el archivo no existe", "Revise la ruta y el nombre del archivo")
    if path.is_dir():
        raise ContratosError("is_directory", "es una carpeta, no un archivo",
                             "Use 'contratos scan' para revisar una carpeta, o indique un archivo")
    if not os.access(path, os.R_OK):
        raise ContratosError("permission_denied", "no hay permiso de lectura", "Revise los permisos del archivo")


def read_document(path: str | os.PathLike, password: str | None = None, ocr: bool = False) -> Document:
    """Read a contract from `path`; raise ContratosError with a Spanish explanation when impossible.
    `ocr`: read PDF pages without a text layer with Tesseract."""
    path = Path(path)
    _check_path(path)
    suffix = path.suffix.lower()
    kind = SUPPORTED.get(suffix)
    if kind is None:
        hint = _CONVERT_HINT.get(suffix, "Convierta el contrato a .docx, .pdf o .txt")
        raise ContratosError("unsupported_format", f"el formato {suffix or '(sin extensión)'} no está soportado", hint)
    try:
        if kind in ("txt", "md"):
            from .text import read_text
            document = read_text(path, markdown=kind == "md")
        elif kind == "docx":
            from .docx import read_docx
            document = read_docx(path)
        else:
            from .pdf import read_pdf
            document = read_pdf(path, password=password, ocr=ocr)
    except PermissionError:
        raise ContratosError("permission_denied", "no hay permiso de lectura", "Revise los permisos del archivo") from None
    except FileNotFoundError:
        raise ContratosError("not_found", "el archivo desapareció mientras se leía", "Vuelva a intentarlo") from None
    if not document.text.strip():
        raise ContratosError("empty", "el documento no contiene texto", "Compruebe que es el contrato correcto")
    return document
