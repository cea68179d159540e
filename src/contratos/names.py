"""The parties as the contract names them: the wording under patterns/ and plantillas/ says EL PRESTADOR
and EL CLIENTE; a contract that calls them LA DISEÑADORA and EL COMITENTE gets its own names back."""
from __future__ import annotations

import re

# the generic names the templates use, for each role (a line break may fall between the two words), with
# the preposition before them, which contracts with "el" in lower case: "a el Comitente" -> "al Comitente"
GENERIC = {"provider": re.compile(r"(?P<prep>\b(?:[aA]|[dD]e)\s+)?\bEL\s+PRESTADOR\b"),
           "client": re.compile(r"(?P<prep>\b(?:[aA]|[dD]e)\s+)?\bEL\s+CLIENTE\b")}


def _replace(text: str, pattern: re.Pattern, name: str) -> str:
    def one(m: re.Match) -> str:
        prep = m.group("prep") or ""
        if prep and name.startswith("el "):
            return prep.rstrip() + "l " + name[3:]  # "a" -> "al", "de" -> "del", "De" -> "Del"
        if not prep and name[:1].islower():
            before = text[: m.start()].rstrip()
            if not before or before[-1] in ".:;¿¡«\"\n":
                return name[:1].upper() + name[1:]  # at the start of a sentence
        return prep + name

    return pattern.sub(one, text)


def with_party_names(text: str, names: dict | None) -> str:
    """`text` with EL PRESTADOR / EL CLIENTE replaced by the names the contract gives the parties
    ({"provider": "LA DISEÑADORA", "client": "el Comitente"}); a party the contract does not name
    keeps the generic name."""
    if not names or not text:
        return text
    for role, pattern in GENERIC.items():
        name = " ".join((names.get(role) or "").split())
        if name and not pattern.search(name):  # "EL PRESTADOR DE SERVICIOS" is already the generic name
            text = _replace(text, pattern, name)
    return text
