"""Read a file into a Document; every failure is a ContratosError.

The reader is chosen by what the file contains (its first bytes), not only by its extension: a .docx
that is really a PDF is read as a PDF, with a warning that says so. The extension decides only for
content that has no signature (plain text, Markdown, HTML without a doctype)."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..document import Document
from ..errors import ContratosError
from ..oserrors import read_error

SUPPORTED = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf",
             ".odt": "odt", ".rtf": "rtf", ".html": "html", ".htm": "html", ".rst": "rst", ".tex": "tex"}
_CONVERT_HINT = {
    ".doc": "Ábralo en Word o LibreOffice y guárdelo como .docx o PDF",
    ".pages": "Expórtelo desde Pages como Word (.docx) o PDF",
    ".wpd": "Ábralo en WordPerfect o LibreOffice y guárdelo como .docx o PDF",
    ".docm": "Ábralo en Word y guárdelo como documento .docx (sin macros) o PDF",
    ".dotx": "Ábralo en Word y guárdelo como documento .docx o PDF",
    ".ott": "Ábralo en LibreOffice y guárdelo como documento .odt, .docx o PDF",
}
_LABELS = {"pdf": "un PDF", "docx": "un documento de Word (.docx)", "odt": "un documento de LibreOffice (.odt)",
           "rtf": "un documento RTF", "html": "una página HTML"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _check_path(path: Path) -> None:
    if path.is_symlink() and not path.exists():
        raise ContratosError("not_found", "es un enlace simbólico roto", "Indique la ruta del archivo real")
    if not path.exists():
        raise ContratosError("not_found", "el archivo no existe", "Revise la ruta y el nombre del archivo")
    if path.is_dir() and not os.access(path, os.R_OK | os.X_OK):  # a folder `scan` could not walk
        raise ContratosError("permission_denied", "no hay permiso para abrir la carpeta; sus contratos no se revisaron",
                             "Revise los permisos de la carpeta")
    if not os.access(path, os.R_OK):
        raise ContratosError("permission_denied", "no hay permiso de lectura", "Revise los permisos del archivo")
    if path.is_dir():
        raise ContratosError("is_directory", "es una carpeta, no un archivo",
                             "Use 'contratos scan' para revisar una carpeta, o indique un archivo")
    if not path.is_file():  # a named pipe or a device would block the reader or never end
        raise ContratosError("not_a_file", "no es un archivo normal (es una tubería, un socket o un dispositivo)",
                             "Guarde el contrato en un archivo y revise ese archivo")


def sniff(path: Path) -> str | None:
    """The format the file's bytes show: pdf, docx, odt, zip (another zip), ole2, rtf, html; None
    for content without a signature (text). Reads at most a few KB, plus the zip directory."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if b"%PDF-" in head[:1024]:  # PDF readers accept the header anywhere in the first KB
        return "pdf"
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(b"PK\x03\x04"):
        if head[30:38] == b"mimetype" and head[38:38 + len(_ODT_MIMETYPE)] == _ODT_MIMETYPE:
            return "odt"
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, ValueError,
                EOFError):  # NotImplementedError: a zip version or method zipfile does not know
            return None  # a broken zip: the reader for its extension explains
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names and "mimetype" in names:
            return "odt"
        return "zip"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{\\rtf"):
        return "rtf"
    lowered = text[:64].lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _ole2_error(path: Path, suffix: str) -> ContratosError:
    data = path.read_bytes()[:8 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in data:  # how Office stores a password-protected .docx
        return ContratosError("encrypted", "el documento de Word está protegido con contraseña",
                              "Ábralo en Word, quite la contraseña (Archivo > Información > Proteger documento > "
                              "Cifrar con contraseña) y guárdelo de nuevo")
    if "WordDocument".encode("utf-16-le") in data:
        cause = "es un documento de Word antiguo (.doc), un formato que no se puede leer"
        if suffix != ".doc":
            cause += f" aunque su extensión es {suffix or '(ninguna)'}"
    else:
        cause = "es un archivo antiguo de Microsoft Office (formato OLE2), no un contrato legible"
    return ContratosError("unsupported_format", cause, _CONVERT_HINT[".doc"])


def _unsupported(suffix: str) -> ContratosError:
    hint = _CONVERT_HINT.get(suffix, "Convierta el contrato a .docx, .pdf, .odt o .txt")
    return ContratosError("unsupported_format", f"el formato {suffix or '(sin extensión)'} no está soportado", hint)


def read_document(path: str | os.PathLike, password: str | None = None, ocr: bool = False) -> Document:
    """Read a contract from `path`; raise ContratosError with a Spanish explanation when impossible.
    `ocr`: read PDF pages without a text layer with Tesseract."""
    path = Path(path)
    suffix = path.suffix.lower()
    by_name = SUPPORTED.get(suffix)
    try:
        _check_path(path)
        if path.stat().st_size == 0:  # e.g. "New > Word document" in Windows Explorer, never edited
            raise ContratosError("empty", "el archivo está vacío (0 bytes)", "Compruebe que es el contrato correcto")
        content = sniff(path)
        if content == "ole2":
            raise _ole2_error(path, suffix)
        if content == "zip" and by_name not in ("docx", "odt"):
            raise _unsupported(suffix) if by_name is None else ContratosError(
                "corrupt", f"es un archivo ZIP, no un documento {suffix}", "Compruebe que es el archivo correcto")
        kind = content if content in _LABELS else by_name
        if kind is None:
            raise _unsupported(suffix)
        if kind in ("txt", "md"):
            from .text import read_text
            document = read_text(path, markdown=kind == "md")
        elif kind == "docx":
            from .docx import read_docx
            document = read_docx(path)
        elif kind == "odt":
            from .odt import read_odt
            document = read_odt(path)
        elif kind == "rtf":
            from .rtf import read_rtf
            document = read_rtf(path)
        elif kind == "html":
            from .html import read_html
            document = read_html(path)
        elif kind == "rst":
            from .rst import read_rst
            document = read_rst(path)
        elif kind == "tex":
            from .tex import read_tex
            document = read_tex(path)
        else:
            from .pdf import read_pdf
            document = read_pdf(path, password=password, ocr=ocr)
    except PermissionError:
        raise ContratosError("permission_denied", "no hay permiso de lectura", "Revise los permisos del archivo") from None
    except FileNotFoundError:
        raise ContratosError("not_found", "el archivo desapareció mientras se leía", "Vuelva a intentarlo") from None
    except OSError as exc:  # a name too long, a disk error...: the system's words are English
        raise read_error(exc) from None
    if kind != by_name and kind in _LABELS:
        where = f"su extensión es {suffix}" if suffix else "no tiene extensión"
        document.warnings.insert(0, f"El archivo es {_LABELS[kind]} aunque {where}; se ha leído como tal.")
    if not document.text.strip():
        raise ContratosError("empty", "el documento no contiene texto", "Compruebe que es el contrato correcto")
    return document
