"""Zip packages (.docx, .odt): refuse what is not one, what would expand far beyond a contract
(a zip bomb, declared or real), and XML parts that declare a DTD (entity expansion, external
entities). Every part is decompressed once here, in bounded chunks, before any XML parser sees it."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ..errors import ContratosError

MAX_PACKAGE_BYTES = 50 * 1024 * 1024  # on disk
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # all parts once decompressed
MAX_XML_PART_BYTES = 50 * 1024 * 1024  # one XML part (a long contract's document.xml is ~2 MB)
MAX_ENTRIES = 10_000
_CHUNK = 1024 * 1024
# Word and LibreOffice never write a DTD: one in a part means a hand-made or malicious file.
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_XML_SUFFIXES = (".xml", ".rels")


def _bomb(label: str) -> ContratosError:
    return ContratosError("too_large", f"el {label} se expandiría a un tamaño desproporcionado (posible bomba ZIP)",
                          "No lo abra; pida al remitente una copia limpia")


def _damaged(label: str) -> ContratosError:
    return ContratosError("corrupt", f"el paquete {label} está dañado (su contenido no supera la comprobación "
                          "de integridad)", "Ábralo en Word o LibreOffice y guárdelo de nuevo")


def check_package(path: Path, required: str, label: str, hint: str) -> set[str]:
    """Validate the zip package at `path` and return its member names.

    `required` is the part that makes it this kind of document (word/document.xml, content.xml),
    `label` its name for the user (".docx"), `hint` what to do when it is not one."""
    if path.stat().st_size > MAX_PACKAGE_BYTES:
        raise ContratosError("too_large", f"el archivo {label} es demasiado grande para un contrato",
                             "Revise que sea el archivo correcto")
    if not zipfile.is_zipfile(path):
        with path.open("rb") as fh:
            if fh.read(4) == b"PK\x03\x04":  # starts as a zip but its directory at the end is missing
                raise ContratosError("corrupt", f"el archivo {label} está incompleto (el paquete ZIP está cortado)",
                                     "Pida una copia nueva del archivo o vuelva a descargarlo")
        raise ContratosError("corrupt", f"no es un archivo {label} válido (no es un paquete ZIP)", hint)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise _bomb(label)
            names = {info.filename for info in infos}
            if required not in names:
                raise ContratosError("corrupt", f"es un archivo ZIP pero no un documento {label}",
                                     "Compruebe el archivo o expórtelo de nuevo")
            if sum(info.file_size for info in infos) > MAX_EXPANDED_BYTES or any(
                    info.file_size > MAX_XML_PART_BYTES for info in infos if info.filename.endswith(_XML_SUFFIXES)):
                raise _bomb(label)
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ContratosError("encrypted", f"el paquete {label} está cifrado",
                                         "Quite la contraseña en el programa que lo creó y guárdelo de nuevo")
                # deflate never grows data by more than ~0.1%: a compressed size well above the
                # declared one means the header lies about what the part expands to
                if info.compress_type != zipfile.ZIP_STORED and info.compress_size > info.file_size * 1.01 + 1024:
                    raise ContratosError("corrupt", f"el paquete {label} está manipulado: los tamaños que declara no "
                                         "coinciden con su contenido (posible bomba ZIP)",
                                         "No lo abra; pida al remitente una copia limpia")
            total = 0
            for info in infos:
                total += _scan_part(zf, info, label, total)
    except ContratosError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, RuntimeError,
            OSError, zlib.error) as exc:  # zlib.error: a damaged deflate stream inside a part
        if isinstance(exc, (PermissionError, FileNotFoundError)):
            raise
        if isinstance(exc, NotImplementedError):  # an unusual compression method
            raise ContratosError("corrupt", f"el paquete {label} está dañado o usa una compresión que no se puede leer",
                                 "Ábralo en Word o LibreOffice y guárdelo de nuevo") from None
        raise _damaged(label) from None
    return names


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, total: int) -> int:
    """Decompress one part in chunks, counting what it really expands to; look for a DTD in XML."""
    is_xml = info.filename.endswith(_XML_SUFFIXES)
    size, tail = 0, b""
    with zf.open(info) as part:
        while chunk := part.read(_CHUNK):
            size += len(chunk)
            if total + size > MAX_EXPANDED_BYTES or (is_xml and size > MAX_XML_PART_BYTES):
                raise _bomb(label)
            if is_xml:
                window = tail + chunk
                if any(mark in window for mark in _DTD_MARKS):
                    raise ContratosError(
                        "corrupt", f"el {label} contiene declaraciones XML (DTD/entidades) que Word y LibreOffice "
                        "no admiten (archivo manipulado)", "No lo abra; pida al remitente una copia limpia")
                tail = chunk[-32:]
    return size
