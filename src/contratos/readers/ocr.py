"""OCR of scanned PDF pages with the Tesseract command line (Spanish data), one page at a time.

The `tesseract` program is called directly (a PNG on stdin, the text on stdout, with a time limit):
a Python wrapper would add a dependency and nothing else."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from functools import lru_cache

from ..errors import ContratosError

LANGUAGE = "spa"
DPI = 300  # pages are rendered at this resolution for Tesseract
PAGE_TIMEOUT = 120  # seconds for one page
_INSTALL = "Instálelo con: sudo apt install tesseract-ocr tesseract-ocr-spa"


@lru_cache(maxsize=1)
def tesseract() -> str:
    """The path of a Tesseract that has the Spanish data, or ContratosError('ocr_unavailable')."""
    exe = shutil.which("tesseract")
    if not exe:
        raise ContratosError("ocr_unavailable", "no se encontró Tesseract, necesario para --ocr", _INSTALL)
    try:
        listed = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        raise ContratosError("ocr_unavailable", f"no se pudo ejecutar Tesseract ({exe})", _INSTALL) from None
    # the list goes to stdout in Tesseract 4 and 5, to stderr in 3
    languages = {ln.strip() for ln in (listed.stdout + listed.stderr).splitlines()}
    if LANGUAGE not in languages:
        raise ContratosError("ocr_unavailable", "Tesseract no tiene instalado el idioma español",
                             "Instálelo con: sudo apt install tesseract-ocr-spa")
    return exe


def ocr_page(page, number: int) -> list[str]:
    """The lines Tesseract reads on a pypdfium2 page (1-based `number`, for the messages)."""
    exe = tesseract()
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    png = io.BytesIO()
    image.save(png, "PNG")
    # one thread: Tesseract's OpenMP threads gain nothing on a page this size and crowd other work
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run([exe, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI)],
                                input=png.getvalue(), capture_output=True, timeout=PAGE_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise ContratosError("ocr_failed", f"el OCR de la página {number} superó {PAGE_TIMEOUT} s",
                             "Pida el documento original en Word o PDF digital") from None
    except OSError as exc:
        raise ContratosError("ocr_failed", f"no se pudo ejecutar Tesseract ({exc.strerror})", _INSTALL) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ContratosError("ocr_failed", f"Tesseract falló en la página {number}"
                             + (f" ({detail[-1][:120]})" if detail else ""),
                             "Pida el documento original en Word o PDF digital")
    text = result.stdout.decode("utf-8", "replace").replace("\f", "")
    return [ln.rstrip() for ln in text.splitlines()]
