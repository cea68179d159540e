"""Accent- and case-folding used everywhere text is compared (patterns, headings, cues)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# the accented letters of Spanish (and a few neighbours), mapped in C by str.translate
_TABLE = str.maketrans("áéíóúüàèìòùâêîôûäëïöç", "aeiouuaeiouaeiouaeioc")


def _slow_fold(text: str) -> str:
    text = text.replace("ñ", "\x00")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).replace("\x00", "ñ")


@lru_cache(maxsize=65536)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    low = text.lower().translate(_TABLE)
    if low.replace("ñ", "").isascii():
        return low
    return _slow_fold(low)  # other diacritics: decompose and drop the marks


def fold(text: str) -> str:
    """Lowercase and strip diacritics, keeping ñ distinct ("Rescisión" -> "rescision", "año" -> "año")."""
    return _fold_cached(text) if len(text) <= 40 else _fold(text)
