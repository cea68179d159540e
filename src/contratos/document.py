"""The document model every reader produces: ordered text blocks that remember where they came from."""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from .textnorm import fold_aligned

BLOCK_SEPARATOR = "\n\n"


@dataclass
class Block:
    """One paragraph, heading or table row of the source file."""

    text: str
    kind: str = "paragraph"  # "paragraph" | "heading" | "table"
    page: int | None = None  # PDF page where the block starts (1-based)
    level: int | None = None  # heading level from a Word style or Markdown
    # (offset inside text, page) for every page break inside a block that spans pages
    page_breaks: list[tuple[int, int]] = field(default_factory=list)
    start: int = 0  # offset in Document.text, set by Document
    number: int = 0  # paragraph number, 1-based, in document order
    # the element of the file the block was read from (a .docx w:p), for commands that write back into a copy
    source: object = field(default=None, repr=False, compare=False)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Document:
    """Text of a file as blocks; `text` is the blocks joined, the base of every character offset."""

    path: str
    format: str
    blocks: list[Block]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)  # PDF pages left unread (scans), 1-based
    ocr_pages: list[int] = field(default_factory=list)  # PDF pages whose text comes from OCR, 1-based
    text: str = ""
    # the opened file the blocks' `source` elements belong to (a python-docx Document), or None
    package: object = field(default=None, repr=False, compare=False)
    _page_starts: list[tuple[int, int]] = field(default_factory=list, init=False, repr=False)
    _block_starts: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.blocks = [b for b in self.blocks if b.text.strip()]
        parts, offset = [], 0
        for number, block in enumerate(self.blocks, start=1):
            if not unicodedata.is_normalized("NFC", block.text):  # "o" + combining acute -> "ó"
                block.text = unicodedata.normalize("NFC", block.text)
            block.start, block.number = offset, number
            parts.append(block.text)
            if block.page is not None:
                self._page_starts.append((offset, block.page))
                self._page_starts.extend((offset + at, page) for at, page in block.page_breaks)
            offset += len(block.text) + len(BLOCK_SEPARATOR)
        self.text = BLOCK_SEPARATOR.join(parts)
        self._page_starts.sort()
        self._block_starts = [b.start for b in self.blocks]

    @cached_property
    def folded(self) -> str:
        """`text` lowercased without accents, offset for offset (see textnorm.fold_aligned)."""
        return fold_aligned(self.text)

    def page_at(self, offset: int) -> int | None:
        """The page holding the character at `offset`, or None for formats without pages."""
        if not self._page_starts:
            return None
        i = bisect.bisect_right(self._page_starts, (offset, float("inf"))) - 1
        return self._page_starts[max(i, 0)][1]

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        return self.blocks[i] if i >= 0 else None
