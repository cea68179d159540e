"""Document sanity: the language of the text and what kind of document it is (a service contract,
or an employment contract, a lease, an NDA, terms of use, a sale, something else)."""
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
LANGUAGE_LABELS = {"es": "español", "en": "inglés", "pt": "portugués", "fr": "francés"}
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _compiled():
    """The contract-words regex, each kind's title regex, one regex holding every kind's text cues
    (a named group per cue, "k3_laboral", so that one pass over the text finds them all), and the
    function words of each language."""
    data = load_kinds()
    titles = {name: re.compile(spec["titulo"]) for name, spec in data["tipos"].items()}
    groups = [f"(?P<k{i}_{name}>{cue.removeprefix(chr(92) + 'b')})" for name, spec in data["tipos"].items()
              for i, cue in enumerate(spec["texto"])]
    cues = re.compile(r"\b(?:" + "|".join(groups) + ")")  # every cue starts at a word boundary
    languages = {lang: frozenset(words) for lang, words in data["idiomas"].items()}
    return re.compile(data["contrato"]), titles, cues, languages


def detect_language(text: str) -> str | None:
    """The language whose function words are most frequent; None for too little text."""
    *_, languages = _compiled()
    words = Counter(w.lower() for w in _WORD.findall(text[:30000]))
    scores = {lang: sum(words[w] for w in vocab) for lang, vocab in languages.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 10 else None


def document_kind(folded_text: str, title: str) -> str:
    """The kind with most cues in the folded text; "servicios" unless another kind clearly wins."""
    contract, titles, cues, _ = _compiled()
    folded, folded_title = folded_text[:20000], fold(title)  # the kind shows in the first pages
    found = Counter(group.split("_", 1)[1] for group in {m.lastgroup for m in cues.finditer(folded)})
    scores = {name: (5 if title_rx.search(folded_title) else 0) + found[name] for name, title_rx in titles.items()}
    best = max(scores, key=scores.get)
    if len(contract.findall(folded)) < 3 and scores[best] < 5:
        return "otro"
    if best != "servicios" and scores[best] >= scores["servicios"] + 2 and scores[best] >= 3:
        return best
    return "servicios"
