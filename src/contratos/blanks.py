"""Template blanks in a contract's text ("_____", "[MONTO]", "{{servicios}}", "{!! $monto !!}", "<<plazo>>",
"XX días", "[●]", "DESCRIPCION_INMUEBLE"), found by the regular expressions of patterns/campos_vacios.toml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .patterns import spec_for_runner
from .textnorm import fold

_SIGNATURE_WORDS = ("firma", "aclaraci", "sello", "huella", "rubrica")
_LINK = re.compile(r"\]\(")  # "[texto](https://...)": a Markdown link, not a blank
_CHECKBOX = re.compile(r"^\[\s*[xX✓✔]?\s*\]$")  # "[ ]", "[x]": a box to tick
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
_TIME = r"\d{1,2}:\d{2}(:\d{2})?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?"
# "[10/03/25 09:12]", "[14:05, 3/4/2025]" (chat time stamps), "[3]", "[^1]" (footnotes), "[...]", "[sic]":
# written values and marks, not blanks
_WRITTEN = re.compile(rf"^\[(\d{{1,3}}|\^\d{{1,3}}|\.\.\.|…|sic|{_DATE}(,?\s+{_TIME})?|{_TIME}(,?\s+{_DATE})?)\]$", re.I)
# "CLÁUSULA XX", "artículo XXX": Roman numerals
_NUMERAL_BEFORE = re.compile(r"(clausula|articulo|capitulo|inciso|seccion|titulo|anexo)\s*$")


@dataclass(frozen=True)
class Blank:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """What makes two blanks the same one: "[MONTO]" twice is one blank to fill, "____" of any length too."""
        return re.sub(r"_{3,}", "___", re.sub(r"\s+", " ", self.text.strip().lower()))


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    data = spec_for_runner("huecos").extra  # the blanks check (campos_vacios)
    return re.compile("|".join(f"(?:{rx})" for rx in data["huecos"]))


# Characters one of which every blank contains: a text without any of them has no blank (the regex's
# many alternatives are slow to try at every position of a long contract).
_HINTS = ("_", "[", "{", "<", "…", ".....", "XX", "xx")


def find_blanks(text: str) -> list[Blank]:
    """Every template blank in `text`, in order; boxes to tick and Markdown links are not blanks."""
    out = []
    if not any(hint in text for hint in _HINTS):
        return out
    for m in _regex().finditer(text):
        found = m.group()
        if _CHECKBOX.match(found) or _WRITTEN.match(found) or _LINK.match(text, m.end() - 1):
            continue
        if found.upper() in ("XX", "XXX") and _NUMERAL_BEFORE.search(fold(text[max(0, m.start() - 14): m.start()])):
            continue
        out.append(Blank(m.start(), m.end(), found))
    return out


def on_signature_line(text: str, blank: Blank) -> bool:
    """Lines to sign on ("Firma: ________", "Aclaración: ____", a line of underscores alone) are not
    unfilled terms."""
    line_start = text.rfind("\n", 0, blank.start) + 1
    line_end = text.find("\n", blank.end)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    rest = fold(_regex().sub(" ", line))  # "Rúbrica", "RÚBRICA" as "rubrica"
    words = [w for w in re.split(r"[\s:|]+", rest) if any(c.isalpha() for c in w)]
    if not words or (len(words) <= 6 and any(w.startswith(_SIGNATURE_WORDS) for w in words)):
        return True
    # "EL LOCATARIO: ________ Martín Ferreyra": a party's label, the line to sign and a name
    label = re.split(r"[.;]\s", text[line_start: blank.start])[-1].strip()
    return label.endswith(":") and len(label.split()) <= 3 and _is_party_label(label.rstrip(":"))


def _is_party_label(label: str) -> bool:
    from .checks.parties import Parties  # checks import this module

    return Parties.role_word(fold(label).strip()) is not None


def blanks_within(blanks: list[Blank], start: int, end: int) -> list[Blank]:
    return [b for b in blanks if b.start < end and b.end > start]
