"""Who is who: the aliases a contract defines ("en adelante, EL LOCADOR") and which one provides the services."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..patterns import load_parties
from ..textnorm import fold

_ARTICLES = re.compile(r"^(el|la|los|las)\s+")


@dataclass
class Parties:
    """Alias (folded, without article) -> "provider" | "client"."""

    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str) -> "Parties":
        data = load_parties()
        definition = re.compile(data["definicion"], re.IGNORECASE)
        parties = cls()
        for m in definition.finditer(text[:20000]):
            alias = _ARTICLES.sub("", fold(m.group(1)).strip(" ,.;:\"'”»"))
            role = parties.role_word(alias)
            if role and alias:
                parties.aliases.setdefault(alias, role)
        return parties

    @staticmethod
    def role_word(alias: str) -> str | None:
        data = load_parties()
        words = alias.split()
        if any(w in data["prestador"] or " ".join(words[i:i + 2]) in data["prestador"] for i, w in enumerate(words)):
            return "provider"
        if any(w in data["cliente"] or " ".join(words[i:i + 2]) in data["cliente"] for i, w in enumerate(words)):
            return "client"
        return None

    def role_of(self, text: str) -> str | None:
        """"both", "provider", "client" or None for a noun phrase such as "Cualquiera de las partes"."""
        folded = fold(text)
        if any(p in folded for p in load_parties()["ambas"]):
            return "both"
        roles = set()
        for alias, role in self.aliases.items():
            if re.search(rf"\b{re.escape(alias)}\b", folded):
                roles.add(role)
        if not roles:
            for word in re.findall(r"[a-zñ]+", folded):
                role = self.role_word(word)
                if role:
                    roles.add(role)
        if len(roles) == 1:
            return roles.pop()
        return "both" if roles else None
