"""The language of a text, by counting frequent function words, and the Spanish part of a bilingual
contract (side-by-side table columns, alternating paragraphs, or one version after the other)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from .document import Block, Document
from .patterns import load_kinds

LANGUAGE_LABELS = {"es": "español", "en": "inglés", "pt": "portugués", "fr": "francés"}
_WORD = re.compile(r"[^\W\d_]+")
_CELL = " | "  # how readers join the cells of a table row
_MIN_DOCUMENT_SCORE = 10  # function words needed to name the language of a whole document
_MIN_BLOCK_SCORE = 3  # ... of one paragraph or table cell
_MIN_SHARE = 0.2  # a second language is a version of the contract, not a quotation, from this share


@lru_cache(maxsize=1)
def _vocabularies() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in load_kinds()["idiomas"].items()}


def _scores(text: str) -> dict[str, int]:
    words = Counter(map(str.lower, _WORD.findall(text)))
    return {lang: sum(words[w] for w in vocab) for lang, vocab in _vocabularies().items()}


def detect_language(text: str) -> str | None:
    """The language whose function words are most frequent; None for too little text."""
    scores = _scores(text[:30000])
    best = max(scores, key=scores.get)
    return best if scores[best] >= _MIN_DOCUMENT_SCORE else None


def _language_of(text: str) -> tuple[str | None, int]:
    """(language, function-word count) of a short text; None when it has too few words to tell
    or two languages are close (a heading, a name, a mixed line)."""
    scores = _scores(text)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, score), (_, second) = ranked[0], ranked[1]
    if score >= _MIN_BLOCK_SCORE and score >= 2 * second:
        return best, score
    return None, 0


def spanish_part(document: Document) -> tuple[Document, str | None]:
    """When a real share of the text is in another language besides Spanish, the document keeping only
    the Spanish paragraphs and table cells (and those of no clear language, such as headings), with
    a warning; otherwise the document itself. Also returns the other language, if any."""
    whole = _scores(document.text)
    if whole["es"] < _MIN_DOCUMENT_SCORE or max(v for k, v in whole.items() if k != "es") < _MIN_SHARE * whole["es"]:
        return document, None  # one language: the common case costs one counting pass
    shares: Counter[str] = Counter()
    kept: list[Block] = []
    for block in document.blocks:
        cells = block.text.split(_CELL) if block.kind == "table" else [block.text]
        labelled = [(cell, *_language_of(cell)) for cell in cells]
        for _, lang, score in labelled:
            if lang:
                shares[lang] += score
        spanish = [cell for cell, lang, _ in labelled if lang in ("es", None)]
        if len(spanish) == len(cells):
            kept.append(block)
        elif spanish:
            kept.append(replace(block, text=_CELL.join(spanish), page_breaks=[]))
    total = sum(shares.values())
    other = max((lang for lang in shares if lang != "es"), key=shares.get, default=None)
    if not total or other is None or shares["es"] < _MIN_SHARE * total or shares[other] < _MIN_SHARE * total:
        return document, None
    label = LANGUAGE_LABELS.get(other, other)
    warning = (f"El contrato es bilingüe (español y {label}): se revisa solo la versión en español. "
               f"Compruebe que la versión en {label} dice lo mismo.")
    return replace(document, blocks=kept, warnings=[*document.warnings, warning]), other
