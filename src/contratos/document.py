"""The document model every reader produces: ordered text blocks that remember where they came from."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from .cleantext import INVISIBLE_WARNING, clean_text, cleaned_offset, invisible_warning
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
        suspicious = self._clean_blocks()
        self.blocks = [b for b in self.blocks if b.text.strip()]
        parts, offset = [], 0
        for number, block in enumerate(self.blocks, start=1):
            block.start, block.number = offset, number
            parts.append(block.text)
            if block.page is not None:
                self._page_starts.append((offset, block.page))
                self._page_starts.extend((offset + at, page) for at, page in block.page_breaks)
            offset += len(block.text) + len(BLOCK_SEPARATOR)
        self.text = BLOCK_SEPARATOR.join(parts)
        self._page_starts.sort()
        self._block_starts = [b.start for b in self.blocks]
        if suspicious and not any(w.startswith(INVISIBLE_WARNING) for w in self.warnings):
            pages = bool(self.blocks) and self.blocks[0].page is not None
            numbers = sorted({n for b in suspicious if b.number and (n := b.page if pages else b.number)})
            self.warnings.append(invisible_warning(numbers, pages))

    def _clean_blocks(self) -> list[Block]:
        """Every reader's text goes through cleantext.clean_text here, once. Returns the blocks that
        held characters a reader cannot see (the warning names them)."""
        if self.blocks and self.blocks[0].text.startswith("\ufeff"):  # a byte order mark, not a character
            self.blocks[0].text = self.blocks[0].text.lstrip("\ufeff")
        suspicious = []
        for block in self.blocks:
            text, hidden = clean_text(block.text)
            if text is block.text:
                continue
            if block.page_breaks:
                block.page_breaks = [(cleaned_offset(block.text, at), page) for at, page in block.page_breaks]
            block.text = text
            if hidden:
                block.number = 0
                suspicious.append(block)
        return suspicious

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
