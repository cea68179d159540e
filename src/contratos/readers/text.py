"""Plain text and Markdown: UTF-8, UTF-16 (with or without BOM), or cp1252 as Windows editors save them;
binary data named .txt is refused."""
from __future__ import annotations

import re
from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError
from .lines import lines_to_paragraphs
from .template import blank_template_fields

MAX_TEXT_BYTES = 5 * 1024 * 1024  # a long contract is ~200 KB of text
# control characters other than tab, line and page breaks (\v too: Word pastes it), and U+FFFD from bad bytes
_BINARY = frozenset(chr(c) for c in [*range(0, 9), *range(14, 32), 127]) | {"\ufffd"}


def decode(data: bytes) -> str:
    """Decode bytes the way a Spanish user's editor most likely wrote them; refuse binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = data.decode(_utf16_without_bom(data[:4096]), errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # Windows editors; 5 unmapped bytes -> U+FFFD
    sample = text[:20000]
    if sample and sum(ch in _BINARY for ch in sample) > 0.01 * len(sample):
        raise ContratosError("not_text", "contiene datos binarios, no texto",
                             "Compruebe que es el contrato y no otro archivo con extensión .txt")
    return text


def _utf16_without_bom(sample: bytes) -> str:
    """UTF-16 written without a byte order mark: Latin text has a zero in every other byte. Anything
    else with zero bytes is binary data."""
    half = len(sample) // 2
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    if odd_zeros > 0.3 * half and even_zeros < 0.02 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.02 * half:
        return "utf-16-be"
    raise ContratosError("not_text", "contiene datos binarios, no texto",
                         "Compruebe que es el contrato y no otro archivo con extensión .txt")


def read_text(path: Path, markdown: bool = False) -> Document:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ContratosError("too_large", f"pesa {size // 1024 // 1024} MB, más de lo que ocupa un contrato de texto",
                             "Revise que sea el archivo correcto o divídalo")
    text = decode(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    blocks: list[Block] = []
    plain: list[str] = []
    if markdown:  # read as a person sees it rendered (markdown.py)
        from .markdown import markdown_blocks
        blocks = markdown_blocks(blank_template_fields(text))
    else:  # a variable on a line of a template is a blank there too
        plain = [blank_template_fields(line) for line in lines]

    def flush_plain() -> None:
        for para, is_heading in lines_to_paragraphs(plain):
            blocks.append(Block(para, kind="heading" if is_heading else "paragraph"))
        plain.clear()

    flush_plain()
    return Document(path=str(path), format="md" if markdown else "txt", blocks=blocks)
