"""Accent- and case-folding used everywhere text is compared (patterns, headings, cues)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the accented letters of Spanish (and a few neighbours) and their plain letters
_PLAIN = list(zip("áéíóúüàèìòùâêîôûäëïöç", "aeiouuaeiouaeiouaeioc"))
# what may still carry a diacritic after that: other Latin letters (not ñ) and combining marks;
# "—", "€", "«", "º" and the rest of Latin-1 below U+00C0 have no canonical decomposition
_MARKED = re.compile("[\u00c0-\u00f0\u00f2-\u024f\u0300-\u036f\u1e00-\u1eff]")


def _slow_fold(text: str) -> str:
    text = text.replace("ñ", "\x00")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).replace("\x00", "ñ")


@lru_cache(maxsize=65536)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    low = text.lower()
    if low.isascii():
        return low
    # one str.replace per accented letter present: on non-ASCII text, several times faster than
    # str.translate, which looks up every character in a dict
    for accented, plain in _PLAIN:
        if accented in low:
            low = low.replace(accented, plain)
    if low.isascii() or not _MARKED.search(low):
        return low
    return _slow_fold(low)  # other diacritics: decompose and drop the marks


def fold(text: str) -> str:
    """Lowercase and strip diacritics, keeping ñ distinct ("Rescisión" -> "rescision", "año" -> "año")."""
    return _fold_cached(text) if len(text) <= 40 else _fold(text)


def fold_aligned(text: str) -> str:
    """fold() of a whole text, one character for each character, so that offsets into the result
    are offsets into `text` (a letter whose fold changes length is only lowercased)."""
    folded = _fold(text)
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := _fold(c)) == 1 else c for c in text)
