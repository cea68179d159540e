"""What comes from a client's file (its name, its text) made harmless for where a report goes: a
terminal (escape sequences could rewrite the screen or a link), a spreadsheet (a cell starting with
"=" is a formula) or Markdown (HTML and links would render)."""
from __future__ import annotations

import re

from .cleantext import clean_text

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def display_name(name: str) -> str:
    """A file name for a terminal or a one-line message: control characters (a newline, ESC) shown
    escaped, as a shell would quote them, so the name is still recognisable and cannot act."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], name)


def terminal_text(text: str) -> str:
    """Document text for the terminal: escape sequences and other invisible controls removed."""
    return clean_text(text)[0]


def csv_cell(value):
    """OWASP's rule against CSV injection: a text cell that a spreadsheet would take for a formula gets
    a leading apostrophe (Excel and LibreOffice show the text as written)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_MD_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`", "\\": "\\\\"}
_MD = re.compile(r"[&<>\[\]`\\]")


def markdown_text(text: str) -> str:
    """Text from the document inside a Markdown report: HTML tags, links and code spans do not act, and
    it stays on its line."""
    return _MD.sub(lambda m: _MD_SPECIAL[m.group()], " ".join(terminal_text(text).split()))


def markdown_code(name: str) -> str:
    """A file name as a Markdown code span: a fence longer than any run of backticks in it."""
    name = display_name(name)
    longest = max((len(run) for run in re.findall("`+", name)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if name.startswith("`") or name.endswith("`") else ""
    return f"{fence}{pad}{name}{pad}{fence}"
