"""Errors a user can act on: a stable code, the cause and what to do, in Spanish."""
from __future__ import annotations

# Stable error codes, part of the JSON report (schema_version 1). Documented in the README.
ERROR_CODES = {
    "not_found": "el archivo no existe",
    "is_directory": "es una carpeta, no un archivo",
    "not_a_file": "no es un archivo normal (tubería, socket o dispositivo)",
    "permission_denied": "no hay permiso de lectura",
    "unsupported_format": "formato no soportado",
    "not_text": "no parece un documento de texto",
    "empty": "el documento no contiene texto",
    "corrupt": "el archivo está dañado o no es lo que dice su extensión",
    "encrypted": "el documento está protegido con contraseña o cifrado",
    "no_text_layer": "el PDF no tiene capa de texto (parece escaneado)",
    "ocr_unavailable": "el OCR (--ocr) necesita Tesseract con el idioma español, que no está instalado",
    "ocr_failed": "el OCR no pudo leer las páginas escaneadas",
    "too_large": "el archivo supera el tamaño máximo admitido",
    "timeout": "el análisis superó el tiempo máximo",
    "model_missing": "falta el modelo de español de spaCy",
    "io_error": "el sistema no pudo leer el archivo (error del disco o del sistema)",
    "internal": "error interno",
}


class ContratosError(Exception):
    """A failure to read or analyse a file, explained to the user in Spanish."""

    def __init__(self, code: str, cause: str, hint: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(f"{cause}. {hint}")
        self.code = code
        self.cause = cause
        self.hint = hint

    @property
    def message(self) -> str:
        return f"{self.cause}. {self.hint}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}
