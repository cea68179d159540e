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


def document_kind(folded_text: str, title: str) -> str:
    """The kind with most cues in the folded text; "servicios" unless another kind clearly wins."""
    contract, titles, cues = _compiled()
    folded, folded_title = folded_text[:20000], fold(title)  # the kind shows in the first pages
    found = Counter(group.split("_", 1)[1] for group in {m.lastgroup for m in cues.finditer(folded)})
    scores = {name: (5 if title_rx.search(folded_title) else 0) + found[name] for name, title_rx in titles.items()}
    best = max(scores, key=scores.get)
    if len(contract.findall(folded)) < 3 and scores[best] < 5:
        return "otro"
    if best != "servicios" and scores[best] >= scores["servicios"] + 2 and scores[best] >= 3:
        return best
    return "servicios"
