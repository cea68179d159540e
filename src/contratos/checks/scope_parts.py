"""Where a scope is spelled out beside its object sentence: the annex it refers to (which runs to the
next annex heading, items included) and the list it opens (its items, even when read as clauses)."""
from __future__ import annotations

import re

from ..nlp import Analysis, Sentence
from ..patterns import CheckSpec
from ..textnorm import fold
from ..words import balanced

# what opens a list of services or deliverables, and what opens a list of something else
_LIST_OPENER = re.compile(r"comprend|inclu|consist|contara|contendra|compone|siguientes? (servicios|entregables|"
                          r"actividades|trabajos|funcionalidades|tareas|productos|piezas|secciones|"
                          r"caracteristicas|elementos|fases|etapas|modulos|prestaciones|especificaciones)|"
                          r"(obliga|obligo|compromete|comprometo|comprometemos)n? a (prestar|realizar|entregar|desarrollar|disenar|elaborar|producir)")
_NOT_A_SCOPE_LIST = re.compile(r"\bno (podra|debera|puede|debe)|prohib|restric|\bexclu(ye|yen|ido|idos|ida|idas|sion|siones)\b|"
                               r"no incluye|no comprende")
# what says that some work is out of the scope, in the text of items read as clauses (not parsed)
EXCLUDED = re.compile(r"\bno (incluye|comprende|abarca)|\bexclu(ye|yen|ido|idos|ida|idas)\b|\bfuera del alcance")
_ANNEX_ID = re.compile(r"anexo\s+([ivx]+|\d+|[a-f])\b")
_ANNEX_HEAD = re.compile(r"^\W*(anexo|apendice)\b")


def _annexes(analysis: Analysis) -> list[tuple[str, int, int]]:
    """Each annex of the document: its folded name and the offsets of its content. An annex runs to the
    next annex heading, so its numbered items ("1. Diagnóstico...", which open clauses of their own) are
    its content, wherever it stands (after the signatures too)."""
    heads = [c for c in analysis.clauses if c.section == "annex" and _ANNEX_HEAD.match(fold(f"{c.label} {c.title}"))]
    ends = [c.start for c in heads[1:]] + [len(analysis.document.text)]
    return [(fold(f"{c.label} {c.title}"), c.body_start, end) for c, end in zip(heads, ends)]


def annex_attached(analysis: Analysis, reference: str, spec: CheckSpec) -> tuple[int, int] | None:
    """The content (offsets) of an annex that is in the document: the one referenced ("Anexo I"), or
    any annex when the sentence names no id; a proposal, quotation or work order counts only as an
    annex titled so. None when it is not there."""
    folded = fold(reference)
    if "anexo" not in folded and "apendice" not in folded:
        kind = next((w for w in spec.extra["propuestas"] if w in folded), None)
        # an annex titled so, or a part of the document itself ("SOLICITUD DE SERVICIO N° 0048215" above
        # the clauses of an adhesion contract) with its own content
        return next(((c.body_start, c.end) for c in analysis.clauses if kind is not None and kind in fold(f"{c.label} {c.title}") and (
            c.section == "annex" or len(analysis.document.text[c.body_start:c.end].strip()) >= spec.extra["anexo_minimo"])),
            None)
    wanted = _ANNEX_ID.search(folded)
    elsewhere = re.compile(spec.extra["anexo_aparte"])
    for name, start, end in _annexes(analysis):
        if len(analysis.document.text[start:end].strip()) < spec.extra["anexo_minimo"]:
            continue
        if elsewhere.search(fold(f"{name} {analysis.document.text[start:start + 300]}")):
            continue  # 'ANEXO "A". Propuesta Técnica (23 páginas). Se entrega en formato electrónico': not here
        if wanted is None or re.search(rf"anexo\s+{re.escape(wanted.group(1))}\b", name):
            return start, end
    return None


def annex_sentences(analysis: Analysis, refs: list, scope: list[Sentence], spec: CheckSpec) -> list[Sentence]:
    """The sentences of the attached annexes the scope sends the reader to: what they list is the scope."""
    spans = {span for s, _ in refs if (span := annex_attached(analysis, s.text, spec))}
    chosen = {id(s) for s in scope}
    return [s for s in analysis.sentences if id(s) not in chosen and any(a <= s.start < b for a, b in spans)]


def item_clauses(analysis: Analysis, scope: list[Sentence], spec: CheckSpec) -> list:
    """The items of a list that a scope clause opens ("... con las siguientes características:") when
    they are read as clauses of their own at its level: an item with a short title ("1. Hasta cinco
    secciones: Inicio, ...") does not become a sub-clause. They run while the labels are item marks
    of another kind than the clause's own ("PRIMERA" then "1.", "2."; "1. OBJETO" then "a)", "b)")."""
    item_mark = spec.regex("marca_de_lista")
    kind = lambda label: "digit" if label[:1].isdigit() else "other"  # noqa: E731
    out = []
    for clause in {s.clause.index: s.clause for s in scope}.values():
        body = analysis.document.text[clause.body_start:clause.end].rstrip()
        if not body.endswith(":") or not _LIST_OPENER.search(fold(body[-300:])) or \
                _NOT_A_SCOPE_LIST.search(fold(body[-300:])):
            continue
        for item in analysis.clauses[clause.index + 1:]:
            if item.section != clause.section or item.level < clause.level or \
                    not item_mark.match(f"{item.label} ") or kind(item.label) == kind(clause.label):
                break
            out.append(item)
    return out


def listed_items(analysis: Analysis, scope: list[Sentence], spec: CheckSpec, items_end: int = 0) -> list[str]:
    """The services or deliverables the scope clause lists after a sentence that opens the list ("...
    comprende los siguientes entregables:" then "- Página de inicio con fotos", "b) Manual de marca"),
    shortened to a few words. A list of what is forbidden ("no podrá publicar contenido que:") is not one."""
    item_mark = spec.regex("marca_de_lista")
    clauses = {id(s.clause): s.clause for s in scope
               if spec.headings.search(s.clause.folded_titles) or s.has("alcance.OBJETO")}
    items, seen = [], set()
    for clause in clauses.values():
        # the clause and its numbered items ("PRIMERA.- OBJETO" and its "1.", "2.", which open sub-clauses)
        end = next((c.start for c in analysis.clauses[clause.index + 1:] if c.level <= clause.level),
                   len(analysis.document.text))
        end = max(end, items_end) if clause.start < items_end else end  # its items read as clauses
        in_list = False
        for block in (b for b in analysis.document.blocks if clause.start <= b.start < end):
            if block.number in seen or (block.kind == "heading" and not (
                    in_list and item_mark.match(block.text.strip()) and not block.text.rstrip().endswith(":"))):
                continue  # a heading, unless an item of the list read as one ("3. Locución con música.")
            seen.add(block.number)
            raw = block.text.strip()
            marked = bool(item_mark.match(raw)) or raw[:1] in "-•*·"
            # a paragraph that opens or ends a list; "No incluye tienda en línea ni hospedaje." after the items ends it
            if raw.endswith(":") or (not marked and (len(raw) > 100 or _NOT_A_SCOPE_LIST.search(fold(raw)))):
                folded = fold(raw)
                in_list = raw.endswith(":") and bool(_LIST_OPENER.search(folded)) and not _NOT_A_SCOPE_LIST.search(folded)
                continue
            text = item_mark.sub("", raw.strip(" -•*·\t|")).strip(" |\t")
            if in_list and len(text) >= 3:
                words = text.rstrip(".;,:").split()
                shown = " ".join(words[:5]).rstrip(".;,:") if len(words) > 5 else " ".join(words)
                items.append(balanced(shown) + ("…" if len(words) > 5 else ""))
    return items
