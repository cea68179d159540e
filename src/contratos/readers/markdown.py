"""Markdown (.md, .markdown) read as a person sees it rendered: parsed with markdown-it-py (CommonMark
plus tables), so "**SEGUNDA.- PRECIO**" reads "SEGUNDA.- PRECIO", headings keep their level, each list
item and each table row ("Diseño de logotipo | 1.200 USD") is one block, quotes and code read as their
text, HTML inside is read as the HTML reader reads it, links keep their text. Template variables are
blanks (see template.py); a YAML front matter is not part of the contract."""
from __future__ import annotations

import re

from ..document import Block
from ..headings import looks_like_title, parse_heading
from .html import fragment_blocks
from .lines import lines_to_paragraphs

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_METADATA_LINE = re.compile(r"^(?:[\w-]+\s*[:=]|\s|-\s|#|$)")  # "titulo: x", "  - item", a comment
_BR = "\n"
_TAG_NAME = re.compile(r"<(?:!--|/?([A-Za-z][\w-]*))")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _is_html(markup: str) -> bool:
    """Real HTML (a known tag or a comment), not a blank written as "<fecha>" or "<NOMBRE>"."""
    from lxml.html import defs

    return any(m.group(1) is None or m.group(1).lower() in defs.tags for m in _TAG_NAME.finditer(markup))


def _without_front_matter(source: str) -> str:
    """A YAML or TOML header (Jekyll, Hugo) is metadata; a rule between two lines of text is not one."""
    m = _FRONT_MATTER.match(source)
    if m and all(_METADATA_LINE.match(line) for line in m.group(1).split("\n")):
        return source[m.end():]
    return source


def _parser():
    from markdown_it import MarkdownIt  # lazy: only Markdown files need it

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _inline_text(token) -> tuple[str, bool, int]:
    """Visible text of an inline token (a line break is "\n"), whether it is all bold or italic, and the
    length of the bold or italic run it starts with (0 when it starts with plain text)."""
    parts: list[str] = []
    emphasised, plain, lead = 0, False, -1
    for child in token.children or []:
        kind = child.type
        if kind in ("strong_open", "em_open"):
            emphasised += 1
            lead = 0 if lead < 0 and not "".join(parts).strip() else lead
        elif kind in ("strong_close", "em_close"):
            emphasised -= 1
            if emphasised == 0 and lead == 0:
                lead = len("".join(parts))
        elif kind in ("text", "code_inline"):
            parts.append(child.content)
            plain = plain or (not emphasised and bool(child.content.strip()))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append(_BR)
        elif kind == "html_inline":
            if _LINE_BREAK_TAG.fullmatch(child.content.strip()):
                parts.append(_BR)
            elif not _is_html(child.content):
                parts.append(child.content)  # "<fecha>": a blank, not a tag
        elif kind == "image":
            parts.append(child.content)  # its alt text
    return "".join(parts), not plain, max(lead, 0)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split(_BR) if line.strip()]


def _paragraph_blocks(text: str, all_emphasised: bool, lead: int, prefix: str) -> list[Block]:
    """A paragraph, one block per line it breaks into; a short paragraph all in bold that reads as a
    title ("**Forma de pago**") is a heading, and so is a bold clause heading that starts a paragraph
    ("**PRIMERA - OBJETO** El diseñador..."): the bold marks where the title ends, as a person sees it."""
    blocks = []
    title, rest = text[:lead], text[lead:]
    if lead and _BR not in title and rest.strip() and not rest.startswith(_BR):
        heading = parse_heading(f"{prefix}{title}")
        if heading is not None and not heading.body:
            return [Block(" ".join(f"{prefix}{title}".split()), kind="heading"),
                    *_paragraph_blocks(rest, False, 0, "")]
    for i, line in enumerate(_lines(text)):
        line = f"{prefix}{line}" if i == 0 and prefix else line
        if all_emphasised and parse_heading(line) is None and looks_like_title(line.rstrip(".:")):
            blocks.append(Block(line, kind="heading"))
        else:
            blocks.append(Block(line))
    return blocks


def markdown_blocks(source: str) -> list[Block]:
    """Blocks of a Markdown text, in reading order."""
    source = _without_front_matter(source)
    tokens = _parser().parse(source)
    blocks: list[Block] = []
    row: list[str] | None = None
    prefix = ""  # the number of an ordered list item, given to its first paragraph
    ordered: list[bool] = []
    for i, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordered.pop()
        elif kind == "list_item_open":
            prefix = f"{token.info}{token.markup} " if ordered and ordered[-1] and token.info else ""
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            cells = [c for c in row or [] if c]
            if cells:
                blocks.append(Block(" | ".join(cells), kind="table"))
            row = None
        elif kind == "inline":
            text, all_emphasised, lead = _inline_text(token)
            opener = tokens[i - 1].type if i else ""
            if row is not None:
                row.append(" ".join(text.split()))
            elif opener == "heading_open":
                level = int(tokens[i - 1].tag[1:])
                blocks.extend(Block(line, kind="heading", level=level) for line in _lines(text))
            else:
                blocks.extend(_paragraph_blocks(text, all_emphasised, lead, prefix))
                prefix = ""
        elif kind in ("fence", "code_block"):
            blocks.extend(Block(p, kind="heading" if heading else "paragraph")
                          for p, heading in lines_to_paragraphs(token.content.split("\n")))
        elif kind == "html_block" and _is_html(token.content):
            blocks.extend(fragment_blocks(token.content))
        elif kind == "html_block":
            blocks.extend(Block(line) for line in _lines(token.content))
    return blocks
