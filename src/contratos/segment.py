"""Split a Document into clauses (heading + body) and tell recitals, operative clauses and annexes apart."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Block, Document
from .headings import ORDINAL, parse_heading
from .textnorm import fold

_RECITALS = re.compile(r"\b(antecedentes|declaraciones|declara|considerandos?|consideraciones|exponen|manifiestan|reunidos|comparecen|intervienen)\b")
_OPERATIVE = re.compile(r"\b(clausulas|estipulaciones|acuerdan|pactan|convienen|otorgan|condiciones particulares)\b")
_ANNEX = re.compile(r"^anexo\b")


@dataclass
class Clause:
    """A heading and the text under it, up to the next heading of the same or higher level."""

    index: int
    label: str  # "CLÁUSULA PRIMERA", "3.1", "" when none
    title: str  # "OBJETO", "" when none
    start: int  # offsets of the whole clause (heading included) in Document.text
    end: int
    body_start: int
    section: str = "clauses"  # "preamble" | "recitals" | "clauses" | "annex"
    level: int = 1
    first_block: int = 0  # paragraph number where the clause starts
    parent_titles: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """What a reader sees as the clause's name."""
        label = self.label.rstrip(".:-–— ")
        if label and self.title:
            return f"{label}. {self.title}"
        if label and self.parent_titles:  # "4.1" reads better as "Honorarios, 4.1"
            return f"{self.parent_titles[-1]}, {label}"
        return label or self.title or f"Párrafo {self.first_block}"

    @property
    def folded_titles(self) -> str:
        """Own and parent titles, folded: what a heading-based rule looks at."""
        return fold(" ".join([*self.parent_titles, self.label, self.title]))




def _label_style(label: str) -> str:
    label = fold(label).strip(" .:-–—")
    if not label:
        return "none"
    if re.match(r"^(clausula|articulo|art\.)\b", label) or re.match(rf"^{ORDINAL}\b", label):
        return "ordinal"
    if label[0].isdigit():
        return "digit"
    return "roman" if re.match(r"^[ivxlc]+$", label) else "other"


def _section_after(clause: Clause, current: str, opener: Clause | None) -> str:
    """The section a new heading opens, given the section it appears in and the heading that
    opened the recitals (if any)."""
    name = fold(f"{clause.label} {clause.title}")
    style = _label_style(clause.label)
    if current == "annex" or _ANNEX.match(name):
        return "annex"
    if _RECITALS.search(name) and style != "ordinal":
        return "recitals"
    if _OPERATIVE.search(name):
        return "clauses"
    if current == "recitals":
        if style == "ordinal":
            return "clauses"  # "PRIMERA.-" or "CLÁUSULA 1" ends the declarations
        if opener is not None and opener.label and style == _label_style(opener.label) \
                and clause.level == opener.level and clause.title:
            return "clauses"  # "1. Antecedentes" ... "2. Objeto"
        if opener is not None and not opener.label and clause.label and clause.title and clause.level == 1:
            return "clauses"  # "REUNIDOS" ... "1. Definiciones": declarations are numbered without titles
        return "recitals"
    return "clauses"


def segment(document: Document) -> list[Clause]:
    """Clauses in document order; a contract with no headings falls back to one clause per paragraph."""
    clauses: list[Clause] = []
    stack: list[Clause] = []
    section = "preamble"
    opener: Clause | None = None  # the heading that opened the recitals
    found_heading = False

    def open_clause(label: str, title: str, level: int, block: Block, body_start: int) -> None:
        nonlocal section, opener
        if stack and not title and _label_style(label) == "digit" and _label_style(stack[-1].label) == "ordinal":
            level = stack[-1].level + 1  # "TERCERA.- OBJETO" then "1. Una evaluación...": items of the clause
        elif stack and not title and _label_style(label) == "digit" and "." not in label.rstrip(".)") and \
                stack[-1].level > 1 and not stack[-1].title and _label_style(stack[-1].label) == "digit" and \
                len(stack) > 1 and _label_style(stack[-2].label) == "ordinal":
            level = stack[-1].level  # "2.", "3." after such an item: its siblings, still inside the clause
        while stack and stack[-1].level >= level:
            stack.pop()
        clause = Clause(index=len(clauses), label=label, title=title, start=block.start, end=block.end,
                        body_start=body_start, level=level, first_block=block.number,
                        parent_titles=[c.title or c.label for c in stack])
        # the document's title ("CONTRATO DE LOCACIÓN DE SERVICIOS") opens the preamble
        previous = section
        section = "preamble" if not clauses and not label else _section_after(clause, section, opener)
        if section == "recitals" and previous != "recitals":
            opener = clause
        clause.section = section
        clauses.append(clause)
        stack.append(clause)

    clause_rows = _clause_rows(document.blocks)
    for block in document.blocks:
        heading = None
        if block.number in clause_rows:
            heading, body_start = clause_rows[block.number]
            found_heading = True
            open_clause(heading.label, heading.title, heading.level, block, body_start)
            continue
        if block.kind == "heading":
            parsed = parse_heading(block.text)
            if parsed is not None:
                heading = parsed
                heading.level = block.level if block.level and not parsed.label else parsed.level
            else:
                heading = type("H", (), {})()
                heading.label, heading.title, heading.body, heading.level = "", block.text.strip(), "", block.level or 1
        elif block.kind == "paragraph":
            heading = parse_heading(block.text)
        if heading is not None:
            found_heading = True
            body_start = block.end - len(heading.body) if heading.body else block.end
            open_clause(heading.label, heading.title, heading.level, block, body_start)
            continue
        if not clauses:
            clauses.append(Clause(index=0, label="", title="", start=block.start, end=block.end,
                                  body_start=block.start, section="preamble", first_block=block.number))
        clauses[-1].end = block.end

    if not found_heading:
        return _paragraph_clauses(document.blocks)
    if len(clauses) == 1 and clauses[0].section == "preamble" and not clauses[0].label \
            and document.blocks and document.blocks[0].kind == "heading" and len(document.blocks) >= 4:
        # a title and then no heading at all (a filled-in form, "Precio total: ... Cancelación: ..."):
        # the title stays the preamble, each paragraph is a clause
        title = document.blocks[0]
        head = Clause(index=0, label="", title=title.text.strip(), start=title.start, end=title.end,
                      body_start=title.end, section="preamble", first_block=title.number)
        return [head, *_paragraph_clauses(document.blocks[1:], first_index=1)]
    return clauses


# "Cancelación: LOS CLIENTES podrán cancelar ...": a form's field name before its text
_FIELD = re.compile(r"^([A-ZÁÉÍÓÚÑ][\w/°.()\- ]{1,50}?)\s*:\s+(?=\S.{30,})", re.S)


def _paragraph_clauses(blocks: list[Block], first_index: int = 0) -> list[Clause]:
    """A contract with no headings: one clause per paragraph; a paragraph that opens with a field name
    ("Plazos de entrega: la galería ...") takes it as its title."""
    out = []
    for i, b in enumerate(blocks, start=first_index):
        field_name = _FIELD.match(b.text)
        title, body_start = (field_name.group(1).strip(), b.start + field_name.end()) if field_name else ("", b.start)
        out.append(Clause(index=i, label="", title=title, start=b.start, end=b.end, body_start=body_start,
                          section="clauses", first_block=b.number))
    return out


_CELL = " | "


def _clause_rows(blocks: list[Block]) -> dict:
    """Contracts laid out as a table, one clause per row ("Primero. Objeto | LA EMPRESA efectuará ...",
    or a bilingual table read in its Spanish column, "1. Servicios. LA CONTRATISTA prestará ..."): the
    row's first cell is the clause's heading and the rest its body. A table counts when at least three of
    its rows, and half of them, open so with a body of prose; a price or schedule table ("1. Diseño |
    600 €") does not. Block number -> (heading, body start offset)."""
    out: dict = {}
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.kind == "table":
            run.append(block)
            continue
        rows = {b.number: h for b in run if (h := _row_heading(b)) is not None}
        if len(rows) >= 3 and 2 * len(rows) >= len(run):
            out.update(rows)
        run = []
    return out


def _row_heading(block: Block):
    text = block.text
    first, sep, rest = text.partition(_CELL)
    heading = parse_heading(first)
    if heading is None or not heading.label:
        return None
    if sep:  # "Primero. Objeto | body": the heading is the first cell
        if heading.body or len(rest.strip()) < 60:
            return None
        return heading, block.start + len(first) + len(sep)
    if len(heading.body) < 60:  # one cell: "1. Servicios. LA CONTRATISTA prestará ..."
        return None
    return heading, block.end - len(heading.body)
