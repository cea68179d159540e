"""What kind of document a text is: a service contract, or an employment contract, a lease, an NDA,
terms of use, a sale, something else (its language is language.py's job)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .patterns import load_kinds
from .textnorm import fold

KIND_LABELS = {
    "servicios": "un contrato de servicios",
    "laboral": "un contrato de trabajo",
    "confidencialidad": "un acuerdo de confidencialidad",
    "arrendamiento": "un contrato de arrendamiento",
    "compraventa": "un contrato de compraventa",
    "terminos_de_uso": "unos términos de uso",
    "donacion": "un convenio de donación o de voluntariado",
    "franquicia": "un contrato de franquicia",
    "prestamo": "un contrato de préstamo",
    "otro": "un texto que no es un contrato",
}


@lru_cache(maxsize=1)
def _compiled():
    """The contract-words regex, each kind's title regex, one regex holding every kind's text cues
    (a named group per cue, "k3_laboral", so that one pass over the text finds them all).
    Each cue's group is an empty one after the cue ("honorarios\\b(?P<k2_servicios>)"): it still names
    the cue that matched, and an alternative that starts with a letter is skipped at once by the
    regex engine when the text has another letter there (a group first would make it try every cue
    at every word boundary, ten times slower)."""
    data = load_kinds()
    titles = {name: re.compile(spec["titulo"]) for name, spec in data["tipos"].items()}
    groups = [f"{cue.removeprefix(chr(92) + 'b')}(?P<k{i}_{name}>)" for name, spec in data["tipos"].items()
              for i, cue in enumerate(spec["texto"])]
    cues = re.compile(r"\b(?:" + "|".join(groups) + ")")  # every cue starts at a word boundary
    return re.compile(data["contrato"]), titles, cues


@lru_cache(maxsize=1)
def _guide():
    data = load_kinds()["guia"]
    return ([re.compile(cue) for cue in data["texto"]], re.compile(data["partes"]), data["minimo"],
            re.compile(data["servicio_propio"]))


def _is_guide(folded: str) -> bool:
    """An article or guide about contracts: it explains in general terms and names no party."""
    cues, parties, minimum, own_service = _guide()
    if parties.search(folded) or own_service.search(folded):
        return False
    return sum(1 for cue in cues if cue.search(folded)) >= minimum


def document_title(blocks) -> str:
    """The document's title: among its first blocks, the first short one that names a contract or
    conditions ("CONTRATO DE ...", "Acuerdo de Servicios", "Pliego ... del contrato de suministro"),
    past a page header or a front matter; else the first heading, else the first block."""
    for block in blocks[:12]:
        if len(block.text) < 250 and _TITLE_WORDS.search(fold(block.text)) and not block.text.lstrip().startswith("---"):
            return block.text
    return next((b.text for b in blocks[:4] if b.kind == "heading"), blocks[0].text)


_TITLE_WORDS = re.compile(r"\b(contrato|convenio|acuerdo|pliego|condiciones|terminos|formulario|orden de)\b")


def document_kind(folded_text: str, title: str) -> str:
    """The kind with most cues in the folded text; "servicios" unless another kind clearly wins."""
    contract, titles, cues = _compiled()
    folded, folded_title = folded_text[:20000], fold(title)  # the kind shows in the first pages
    if _is_guide(folded):
        return "otro"
    found = Counter(group.split("_", 1)[1] for group in {m.lastgroup for m in cues.finditer(folded)})
    scores = {name: (5 if title_rx.search(folded_title) else 0) + found[name] for name, title_rx in titles.items()}
    best = max(scores, key=scores.get)
    if len(contract.findall(folded)) < 3 and scores[best] < 5:
        return "otro"
    if best != "servicios" and scores[best] >= scores["servicios"] + 2 and scores[best] >= 3:
        return best
    return "servicios"
