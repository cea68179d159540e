"""reStructuredText (.rst) read with docutils as a person sees it rendered: section titles are headings
with their depth, each paragraph, list item and definition is a block, a table row is one block with
its cells joined by " | ", literal blocks read as their text; comments and directive errors are not
text. Nothing outside the file is read: include, raw and URL directives are disabled."""
from __future__ import annotations

import io
from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError
from .lines import lines_to_paragraphs
from .text import MAX_TEXT_BYTES, decode

_HINT = "Revise que el archivo sea reStructuredText, o expórtelo a PDF o .docx"
_SETTINGS = {
    "file_insertion_enabled": False,  # `.. include::` and `.. csv-table:: :file:` would read other files
    "raw_enabled": False,
    "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(),  # no messages on the console
    "doctitle_xform": False, "sectsubtitle_xform": False,  # the first title stays a heading
    "_disable_config": True, "syntax_highlight": "none",
}


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _enumerator(lst, index: int) -> str:
    """The marker a person sees before item `index` of an enumerated list: "1.", "b)", "(iii)"."""
    n = int(lst.get("start", 1)) + index
    kind = lst.get("enumtype", "arabic")
    if kind == "loweralpha" and n <= 26:
        mark = chr(ord("a") + n - 1)
    elif kind == "upperalpha" and n <= 26:
        mark = chr(ord("A") + n - 1)
    elif kind == "lowerroman":
        mark = _roman(n)
    elif kind == "upperroman":
        mark = _roman(n).upper()
    else:
        mark = str(n)
    return f"{lst.get('prefix', '')}{mark}{lst.get('suffix', '.')} "


class _Walker:
    def __init__(self, nodes) -> None:
        self.nodes = nodes
        self.blocks: list[Block] = []
        self.prefix = ""  # an enumerated item's marker, given to its first paragraph

    def text_block(self, node, kind: str = "paragraph", level: int | None = None) -> None:
        text = " ".join(node.astext().split())
        if text:
            self.blocks.append(Block(f"{self.prefix}{text}", kind=kind, level=level))
            self.prefix = ""

    def walk(self, node, depth: int = 0, nesting: int = 0) -> None:
        n = self.nodes
        if nesting > 200:  # absurd nesting: read the rest flat
            self.text_block(node)
            return
        nesting += 1
        if isinstance(node, (n.comment, n.system_message, n.substitution_definition, n.target, n.raw,
                             n.pending, n.colspec, n.footnote_reference, n.citation_reference)):
            return
        if isinstance(node, n.section):
            title = node.next_node(n.title)
            if title is not None:
                self.text_block(title, kind="heading", level=depth + 1)
            for child in node.children:
                if child is not title:
                    self.walk(child, depth + 1, nesting)
        elif isinstance(node, (n.title, n.subtitle, n.rubric)):
            self.text_block(node, kind="heading", level=depth + 1)
        elif isinstance(node, (n.paragraph, n.term, n.line, n.attribution, n.caption)):
            self.text_block(node)
        elif isinstance(node, n.field):
            name, body = node.children[0].astext(), " ".join(node.children[1].astext().split())
            self.blocks.append(Block(f"{name}: {body}" if body else name))
        elif isinstance(node, n.row):
            cells = [" ".join(entry.astext().split()) for entry in node.children if isinstance(entry, n.entry)]
            if any(cells):
                self.blocks.append(Block(" | ".join(c for c in cells if c), kind="table"))
        elif isinstance(node, (n.literal_block, n.doctest_block)):
            self.blocks.extend(Block(p, kind="heading" if heading else "paragraph")
                               for p, heading in lines_to_paragraphs(node.astext().split("\n")))
        elif isinstance(node, n.enumerated_list):
            for i, item in enumerate(node.children):
                self.prefix = _enumerator(node, i)
                self.walk(item, depth, nesting)
            self.prefix = ""
        else:
            for child in node.children:
                self.walk(child, depth, nesting)


def read_rst(path: Path) -> Document:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ContratosError("too_large", f"pesa {size // 1024 // 1024} MB, más de lo que ocupa un contrato de texto",
                             "Revise que sea el archivo correcto o divídalo")
    source = decode(path.read_bytes())
    from docutils import nodes
    from docutils.core import publish_doctree

    try:
        tree = publish_doctree(source, settings_overrides=dict(_SETTINGS, warning_stream=io.StringIO()))
    except Exception as exc:  # docutils raises many types on malformed input
        raise ContratosError("corrupt", f"el archivo reStructuredText no se pudo leer ({type(exc).__name__})",
                             _HINT) from None
    walker = _Walker(nodes)
    walker.walk(tree)
    return Document(path=str(path), format="rst", blocks=walker.blocks)
