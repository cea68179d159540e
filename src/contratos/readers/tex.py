r"""LaTeX (.tex) read with pylatexenc as the compiled document reads: \section{} and its kin are
headings, \title{} is the title when \maketitle prints it, accents (\'a, \~n), ~, --- and quotes become
the characters they print, each \item is a block, a tabular row is one block with its cells joined by
" | ", \\ ends a line, a rule to fill in (\hrulefill, an empty \underline) is a blank "____". Only the
document body counts; comments and the preamble are not text, and no other file is ever read."""
from __future__ import annotations

from pathlib import Path

from ..document import Block, Document
from ..errors import ContratosError
from .lines import lines_to_paragraphs
from .text import MAX_TEXT_BYTES, decode

_HINT = "Compílelo en su editor de LaTeX para ver el error, corríjalo o envíe el contrato en PDF"
_HEADING = "\ue000"  # start of a heading line, followed by its level digit
_ROW = "\ue001"  # start of a table row line
_BLANK = "__________"
_LEVELS = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5,
           "subparagraph": 6}
_TABLES = ("tabular", "tabular*", "tabularx", "longtable", "tabulary", "array")
_RULES = ("hline", "cline", "toprule", "midrule", "bottomrule", "cmidrule", "endhead", "endfirsthead",
          "endfoot", "endlastfoot", "noalign", "centering", "raggedright", "raggedleft")


_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre")


def _today() -> str:
    r"""\today prints the date the document is compiled, in Spanish with babel."""
    import datetime

    today = datetime.date.today()
    return f"{today.day} de {_MONTHS[today.month - 1]} de {today.year}"


def _parse_error(exc) -> ContratosError:
    """Where LaTeX itself would stop: the innermost brace or environment left open, else the line."""
    opened = getattr(exc, "open_contexts", None) or []
    if opened and len(opened[0]) > 2 and opened[0][2]:
        cause = (f"el archivo LaTeX tiene un error: una llave o un entorno abierto en la línea {opened[0][2]} "
                 "no se cierra")
    elif getattr(exc, "lineno", None):
        cause = f"el archivo LaTeX tiene un error cerca de la línea {exc.lineno}"
    else:
        cause = "el archivo LaTeX tiene un error de sintaxis"
    return ContratosError("corrupt", cause, _HINT)


class _Reader:
    def __init__(self, source: str) -> None:
        from pylatexenc import latex2text as l2t
        from pylatexenc import latexwalker as lw
        from pylatexenc import macrospec as ms

        self.lw, self.source = lw, source
        self.title: str = ""
        self.macros: dict[str, list] = {}  # \newcommand{\cliente}{LA EMPRESA}: zero-argument macros
        walker_db = lw.get_default_latex_context_db()
        walker_db.add_context_category("contratos", prepend=True, macros=[
            ms.MacroSpec("cline", "{"), ms.MacroSpec("cmidrule", "[{"), ms.MacroSpec("rule", "[{{"),
            ms.MacroSpec("multicolumn", "{{{"), ms.MacroSpec("multirow", "{{{"), ms.MacroSpec("href", "{{"),
            ms.MacroSpec("makebox", "[[{"), ms.MacroSpec("hrulefill", ""), ms.MacroSpec("dotfill", ""),
        ], environments=[ms.EnvironmentSpec("longtable", "[{"), ms.EnvironmentSpec("tabular*", "{[{"),
                         ms.EnvironmentSpec("minipage", "[[[{"), ms.EnvironmentSpec("multicols", "{")])
        self.walker_db = walker_db
        db = l2t.get_default_latex_context_db()
        text = l2t.MacroTextSpec
        db.add_context_category("contratos", prepend=True, macros=[
            *(text(name, simplify_repl=self._heading) for name in _LEVELS),
            text("title", simplify_repl=self._keep_title), text("maketitle", simplify_repl=self._print_title),
            text("author", discard=True), text("date", discard=True),
            text("item", simplify_repl=self._item), text("\\", simplify_repl="\n\n"),
            text("newline", simplify_repl="\n\n"), text("par", simplify_repl="\n\n"),
            text("hrulefill", simplify_repl=_BLANK), text("dotfill", simplify_repl=_BLANK),
            text("rule", simplify_repl=_BLANK), text("underline", simplify_repl=self._underline),
            text("input", discard=True), text("include", discard=True),
            text("today", simplify_repl=lambda n: _today()), text("S", simplify_repl="§"),
            text("LaTeX", simplify_repl="LaTeX"), text("TeX", simplify_repl="TeX"),
            text("multicolumn", simplify_repl=lambda n, l2tobj: self._arg(n, 2, l2tobj)),
            text("multirow", simplify_repl=lambda n, l2tobj: self._arg(n, 2, l2tobj)),
            text("href", simplify_repl=lambda n, l2tobj: self._arg(n, 1, l2tobj)),
            text("verb", simplify_repl=lambda n: n.nodeargd.verbatim_text if n.nodeargd else ""),
            *(text(name, discard=True) for name in _RULES),
        ], environments=[
            *(l2t.EnvironmentTextSpec(name, simplify_repl=self._table) for name in _TABLES),
            l2t.EnvironmentTextSpec("verbatim", simplify_repl=lambda n: n.nodeargd.verbatim_text
                                    if n.nodeargd else ""),
        ])
        self.db = db
        self.l2t = l2t.LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True)

    # --- text of macros and environments -------------------------------------------------------

    def _arg(self, node, index: int, l2tobj) -> str:
        args = node.nodeargd.argnlist if node.nodeargd else []
        arg = args[index] if index < len(args) else None
        return l2tobj.nodelist_to_text([arg]) if arg is not None else ""

    def _heading(self, node, l2tobj) -> str:
        title = " ".join(self._arg(node, 2, l2tobj).split())
        return f"\n\n{_HEADING}{_LEVELS[node.macroname]}{title}\n\n" if title else ""

    def _keep_title(self, node, l2tobj) -> str:
        self.title = " ".join(self._arg(node, 0, l2tobj).split())
        return ""

    def _print_title(self, node, l2tobj) -> str:
        return f"\n\n{_HEADING}1{self.title}\n\n" if self.title else ""

    def _item(self, node, l2tobj) -> str:
        label = self._arg(node, 0, l2tobj).strip()
        return f"\n\n{label} " if label else "\n\n"

    def _underline(self, node, l2tobj) -> str:
        inner = self._arg(node, 0, l2tobj)
        return inner if inner.strip() else _BLANK

    def _table(self, node, l2tobj) -> str:
        """One line per row, its cells joined by " | "."""
        lw = self.lw
        rows: list[list[list]] = [[[]]]
        for child in node.nodelist:
            if child.isNodeType(lw.LatexSpecialsNode) and child.specials_chars == "&":
                rows[-1].append([])
            elif child.isNodeType(lw.LatexMacroNode) and child.macroname in ("\\", "tabularnewline"):
                rows.append([[]])
            else:
                rows[-1][-1].append(child)
        lines = []
        for row in rows:
            cells = [" ".join(l2tobj.nodelist_to_text(cell).split()) for cell in row]
            cells = [c for c in cells if c]
            if cells:
                lines.append(_ROW + " | ".join(cells))
        return "\n\n" + "\n".join(lines) + "\n\n"

    # --- the document --------------------------------------------------------------------------

    def _define_macros(self, nodes) -> None:
        r"""Zero-argument \newcommand / \renewcommand / \def macros print their body."""
        lw = self.lw
        for i, node in enumerate(nodes):
            if node is None or not node.isNodeType(lw.LatexMacroNode):
                continue
            target = body = None
            if node.macroname in ("newcommand", "renewcommand", "providecommand"):
                args = node.nodeargd.argnlist if node.nodeargd else []
                if len(args) == 5 and args[2] is None:  # no argument count: a text macro
                    target, body = args[1], args[4]
                    if target is not None and target.isNodeType(lw.LatexGroupNode):
                        target = target.nodelist[0] if target.nodelist else None
            elif node.macroname == "def" and i + 2 < len(nodes):
                target, body = nodes[i + 1], nodes[i + 2]
            if target is not None and body is not None and target.isNodeType(lw.LatexMacroNode):
                self.macros[target.macroname] = body.nodelist if body.isNodeType(lw.LatexGroupNode) else [body]
        from pylatexenc import latex2text as l2t

        self.db.add_context_category("contratos-macros", prepend=True, macros=[
            l2t.MacroTextSpec(name, simplify_repl=lambda n, l2tobj, body=body: l2tobj.nodelist_to_text(body))
            for name, body in self.macros.items()])

    def _find_title(self, nodes) -> None:
        lw = self.lw
        for node in nodes:
            if node is not None and node.isNodeType(lw.LatexMacroNode) and node.macroname == "title":
                self._keep_title(node, self.l2t)

    def text(self) -> str:
        lw = self.lw
        try:
            nodes, _, _ = lw.LatexWalker(self.source, latex_context=self.walker_db,
                                         tolerant_parsing=False).get_latex_nodes()
        except lw.LatexWalkerError as exc:
            raise _parse_error(exc) from None
        except RecursionError:
            raise ContratosError("corrupt", "el archivo LaTeX anida demasiados grupos para leerlo", _HINT) from None
        document = next((n for n in nodes if n is not None and n.isNodeType(lw.LatexEnvironmentNode)
                         and n.environmentname == "document"), None)
        preamble = nodes[:nodes.index(document)] if document is not None else []
        self._define_macros(preamble + (document.nodelist if document is not None else nodes))
        self._find_title(preamble)
        body = document.nodelist if document is not None else nodes
        try:
            return self.l2t.nodelist_to_text(body)
        except RecursionError:
            raise ContratosError("corrupt", "el archivo LaTeX anida demasiados grupos para leerlo", _HINT) from None


def tex_blocks(text: str) -> list[Block]:
    """Blocks of the text pylatexenc printed, heading and row lines marked."""
    blocks: list[Block] = []
    plain: list[str] = []

    def flush() -> None:
        blocks.extend(Block(" ".join(p.split()), kind="heading" if heading else "paragraph")
                      for p, heading in lines_to_paragraphs(plain))
        plain.clear()

    for line in text.split("\n"):
        line = line.replace("\xa0", " ")
        if line.startswith(_HEADING):
            flush()
            blocks.append(Block(" ".join(line[2:].split()), kind="heading", level=int(line[1])))
        elif line.startswith(_ROW):
            flush()
            blocks.append(Block(line[1:], kind="table"))
        else:
            plain.append(line)
    flush()
    return blocks


def read_tex(path: Path) -> Document:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ContratosError("too_large", f"pesa {size // 1024 // 1024} MB, más de lo que ocupa un contrato de texto",
                             "Revise que sea el archivo correcto o divídalo")
    source = decode(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    return Document(path=str(path), format="tex", blocks=tex_blocks(_Reader(source).text()))
