"""Accent- and case-folding used everywhere text is compared (patterns, headings)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase and strip diacritics, keeping ñ distinct ("Rescisión" -> "rescision", "año" -> "año")."""
    text = text.lower().replace("ñ", "\x00")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).replace("\x00", "ñ")
