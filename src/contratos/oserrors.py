"""The operating system's errors (English, with an errno) as the Spanish cause and hint a user can act on."""
from __future__ import annotations

import errno

from .errors import ContratosError

# errno -> (error code, cause, hint) when reading a file
_READ = {
    errno.EACCES: ("permission_denied", "no hay permiso de lectura", "Revise los permisos del archivo"),
    errno.EPERM: ("permission_denied", "no hay permiso de lectura", "Revise los permisos del archivo"),
    errno.ENOENT: ("not_found", "el archivo no existe", "Revise la ruta y el nombre del archivo"),
    errno.EISDIR: ("is_directory", "es una carpeta, no un archivo",
                   "Use 'contratos scan' para revisar una carpeta, o indique un archivo"),
    errno.ENOTDIR: ("not_found", "una parte de la ruta no es una carpeta", "Revise la ruta del archivo"),
    errno.ENAMETOOLONG: ("not_found", "el nombre o la ruta del archivo es demasiado largo para el sistema",
                         "Cambie el nombre del archivo o muévalo a una carpeta con una ruta más corta"),
    errno.ELOOP: ("not_found", "la ruta tiene enlaces simbólicos que forman un bucle", "Indique la ruta del archivo real"),
    errno.EIO: ("io_error", "el disco dio un error al leer el archivo",
                "Copie el archivo a otro disco o pida una copia nueva"),
}
# errno -> cause when writing a file (-o)
_WRITE = {
    errno.EACCES: "no hay permiso para escribir ahí",
    errno.EPERM: "no hay permiso para escribir ahí",
    errno.EROFS: "el disco es de solo lectura",
    errno.ENOENT: "no se puede crear un archivo en esa carpeta",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EISDIR: "es una carpeta, no un archivo",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EDQUOT: "se ha superado la cuota de disco",
    errno.ENAMETOOLONG: "el nombre o la ruta es demasiado largo para el sistema",
    errno.EIO: "el disco dio un error al escribir",
}


def read_error(exc: OSError) -> ContratosError:
    """A ContratosError for an OSError raised while reading a contract."""
    code, cause, hint = _READ.get(exc.errno, ("io_error", f"el sistema no pudo leer el archivo ({_number(exc)})",
                                              "Compruebe el archivo y el disco, y vuelva a intentarlo"))
    return ContratosError(code, cause, hint)


def write_cause(exc: OSError) -> str:
    """Why the system refused to write a file, in Spanish."""
    return _WRITE.get(exc.errno, f"el sistema no pudo escribir el archivo ({_number(exc)})")


def _number(exc: OSError) -> str:
    name = errno.errorcode.get(exc.errno or 0)
    return f"error {name}" if name else "error desconocido"
