"""Plain text and Markdown: UTF-8, UTF-16 or UTF-32 (with or without BOM), or cp1252 as Windows editors
save them (also mixed into a UTF-8 file, with a warning);
binary data named .txt is refused."""
from __future__ import annotations

import codecs
import contextvars
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
    return decode_text(data)[0]


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """decode(), and the warnings to show: a UTF-8 file with some lines in another encoding keeps its
    UTF-8 and only the other bytes are read as Windows-1252, with a warning naming those lines."""
    notes: list[str] = []
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = data.decode("utf-32", errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        text, notes = _utf8_with_fallback(data[3:])
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = data.decode(_wide_without_bom(data[:4096]), errors="replace")
    else:
        text, notes = _utf8_with_fallback(data)
    sample = text[:20000]
    if sample and sum(ch in _BINARY for ch in sample) > 0.01 * len(sample):
        raise ContratosError("not_text", "contiene datos binarios, no texto",
                             "Compruebe que es el contrato y no otro archivo con extensión .txt")
    return text, notes


_FALLBACKS: contextvars.ContextVar[list] = contextvars.ContextVar("fallbacks")


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Error handler "contratos-cp1252": the bytes UTF-8 cannot decode, as Windows-1252; records where."""
    _FALLBACKS.get().append((error.start, error.end))
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("contratos-cp1252", _cp1252_fallback)


def _utf8_with_fallback(data: bytes) -> tuple[str, list[str]]:
    """What is valid UTF-8 as UTF-8, every other byte as Windows-1252 (what Windows editors write; its 5
    unmapped bytes become U+FFFD). A file entirely in Windows-1252 is read as such without a warning;
    a mix of both gets one, naming the lines read the other way."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    bad: list[tuple[int, int]] = []
    token = _FALLBACKS.set(bad)
    try:
        text = data.decode("utf-8", errors="contratos-cp1252")
    finally:
        _FALLBACKS.reset(token)
    fallback_bytes = sum(end - start for start, end in bad)
    if fallback_bytes == len(data) - len(data.decode("ascii", errors="ignore")):
        return text, []  # no valid UTF-8 beyond ASCII: the whole file is Windows-1252
    lines = sorted({data.count(b"\n", 0, start) + 1 for start, _ in bad})
    shown = ", ".join(map(str, lines[:8])) + (", …" if len(lines) > 8 else "")
    one = len(lines) == 1
    return text, [f"El archivo mezcla codificaciones: casi todo está en UTF-8, pero {'la línea' if one else 'las líneas'} "
                  f"{shown} se {'ha' if one else 'han'} leído como Windows-1252 (Latin-1). Compruebe en el original "
                  f"las citas de {'esa línea' if one else 'esas líneas'}."]


def _wide_without_bom(sample: bytes) -> str:
    """UTF-32 or UTF-16 written without a byte order mark: Latin text has three zeros in every four
    bytes, or a zero in every other byte. Anything else with zero bytes is binary data."""
    quarter = len(sample) // 4
    if quarter and all(sample[i::4].count(0) > 0.9 * quarter for i in (1, 2, 3)) \
            and sample[0::4].count(0) < 0.02 * quarter:
        return "utf-32-le"
    if quarter and all(sample[i::4].count(0) > 0.9 * quarter for i in (0, 1, 2)) \
            and sample[3::4].count(0) < 0.02 * quarter:
        return "utf-32-be"
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
    text, notes = decode_text(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
    return Document(path=str(path), format="md" if markdown else "txt", blocks=blocks, warnings=notes)
