"""Turn physical lines (a .txt file, a PDF page) into paragraphs."""
from __future__ import annotations

import re

from ..headings import parse_heading

_LIST_ITEM = re.compile(r"^\s*(?:[a-zñ]\)|[a-zñ]\.\s|\d{1,2}\)|[-•·*–]\s)", re.IGNORECASE)
_SENTENCE_END = (".", ":", ";", "!", "?", "»", '"', "”")
_HYPHEN_END = re.compile(r"(?<=[^\W\d_])[-\u00ad]$")
SOFT_HYPHEN = "\ufffe"  # pypdfium2's mark for a word hyphenated at the end of a line


def join_lines(previous: str, line: str) -> str:
    """Join a wrapped line, undoing a hyphen at the line end ("contra-" + "tación")."""
    if previous.endswith(SOFT_HYPHEN):
        return previous[:-1] + line
    # the hyphen can only be the last character (or the one before a final newline): searching
    # from there keeps joining a long paragraph line by line from costing its length every time
    if _HYPHEN_END.search(previous, max(len(previous) - 2, 0)) and line[:1].islower():
        return previous[:-1] + line
    return f"{previous} {line}"


def lines_to_paragraphs(lines: list[str], wrap_width: int | None = None) -> list[tuple[str, bool]]:
    """Group lines into (paragraph, is_heading_line) pairs.

    A paragraph ends at a blank line, before and after a heading line, before a list item, and
    after a line ending a sentence that is visibly shorter than the wrap width (the last line of
    a wrapped paragraph). Without a wrap width every line ending a sentence ends its paragraph.
    """
    out: list[tuple[str, bool]] = []
    current = ""

    def flush() -> None:
        nonlocal current
        if current.strip():
            out.append((current.strip(), False))
        current = ""

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = parse_heading(line)
        # an ALL-CAPS line after an unfinished sentence is a title ("...a tal efecto," / "EXPONEN"),
        # unless it is a short word that ends the sentence ("... más" / "IVA.")
        standalone_title = (heading is not None and not heading.label and len(line.split()) <= 6
                            and "," not in line and not line.endswith(".") and len(line) >= 6)
        if heading is not None and (heading.label or standalone_title or not current
                                    or current.rstrip().endswith(_SENTENCE_END)):
            flush()
            if heading.body:
                out.append((line[: len(line) - len(heading.body)].strip(), True))
                current = heading.body
            else:
                out.append((line, True))
            continue
        if current and _LIST_ITEM.match(line):
            flush()
        current = join_lines(current, line) if current else line
        ends = line.endswith(_SENTENCE_END)
        if ends and (wrap_width is None or len(line) < 0.8 * wrap_width):
            flush()
    flush()
    return out
