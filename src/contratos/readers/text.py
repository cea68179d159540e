"""Plain text and Markdown: UTF-8, UTF-16 with BOM, or cp1252/latin-1 as Windows editors save them."""
from __future__ import annotations

import re
from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError
from .lines import lines_to_paragraphs

MAX_TEXT_BYTES = 5 * 1024 * 1024  # a long contract is ~200 KB of text
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def decode(data: bytes) -> str:
    """Decode bytes the way a Spanish user's editor most likely wrote them."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise ContratosError("not_text", "contiene datos binarios, no texto",
                             "Compruebe que es el contrato y no otro archivo con extensión .txt")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def read_text(path: Path, markdown: bool = False) -> Document:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ContratosError("too_large", f"pesa {size // 1024 // 1024} MB, más de lo que ocupa un contrato de texto",
                             "Revise que sea el archivo correcto o divídalo")
    text = decode(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    blocks: list[Block] = []
    plain: list[str] = []

    def flush_plain() -> None:
        for para, is_heading in lines_to_paragraphs(plain):
            blocks.append(Block(para, kind="heading" if is_heading else "paragraph"))
        plain.clear()

    for line in lines:
        m = _MD_HEADING.match(line.strip()) if markdown else None
        if m:
            flush_plain()
            blocks.append(Block(m.group(2).strip(), kind="heading", level=len(m.group(1))))
        else:
            plain.append(line.lstrip("> ") if markdown else line)
    flush_plain()
    return Document(path=str(path), format="md" if markdown else "txt", blocks=blocks)
