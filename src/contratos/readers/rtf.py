"""Rich Text Format (.rtf, WordPad and Word): text through striprtf, which follows the RTF
destinations (font and colour tables, pictures, headers, footers, footnotes and comments are left
out), code pages (\\ansicpg, \\'xx) and Unicode escapes (\\uN). Each RTF paragraph (\\par) is a
block; a table row (\\cell ... \\row) is one block with its cells joined by " | "."""
from __future__ import annotations

from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError

MAX_RTF_BYTES = 50 * 1024 * 1024  # embedded pictures make RTF files large; the text is small
_HINT = "Ábralo en Word o LibreOffice y guárdelo de nuevo como .rtf o .docx"


def read_rtf(path: Path) -> Document:
    size = path.stat().st_size
    if size > MAX_RTF_BYTES:
        raise ContratosError("too_large", f"el archivo RTF pesa {size // 1024 // 1024} MB, más de lo que ocupa un "
                             "contrato", "Revise que sea el archivo correcto o guárdelo como PDF")
    from striprtf.striprtf import rtf_to_text  # lazy: only .rtf files need it

    source = path.read_bytes().decode("latin-1")  # RTF is 7-bit; latin-1 maps any stray byte 1:1
    if not source.lstrip("\ufeff \t\r\n").startswith("{\\rtf"):
        raise ContratosError("corrupt", "no es un archivo RTF válido (no empieza por {\\rtf)", _HINT)
    try:
        text = rtf_to_text(source, errors="replace")
    except (ValueError, LookupError, IndexError, RecursionError):
        raise ContratosError("corrupt", "el archivo RTF está dañado", _HINT) from None
    blocks = []
    for line in text.replace("\r", "\n").split("\n"):
        if "|" in line and line.rstrip().endswith("|"):  # a table row: cells end with \cell
            cells = [c.strip() for c in line.split("|") if c.strip()]
            blocks.append(Block(" | ".join(cells), kind="table"))
        else:
            blocks.append(Block(" ".join(line.replace("\xad", "").split()), kind="paragraph"))
    return Document(path=str(path), format="rtf", blocks=blocks)
