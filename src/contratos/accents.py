"""Written accents put back, for the model only, in a contract typed without them: "podra" reads as
"podrá", "terminacion" as "terminación" (the Spanish model was trained on accented text and misreads
the bare forms). The length never changes, so offsets still point into the original text."""
from __future__ import annotations

import re
from functools import lru_cache

from .patterns import load_accents
from .textnorm import fold

_TION = re.compile(r"(?<=[a-zñ][cs])ion\b|(?<=[A-ZÑ][CS])ION\b")  # the plural "-ciones" has none


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern, dict[str, str]]:
    """The bare spellings as one regex, and each one's accented form."""
    accented = {fold(word): word for word in load_accents()["palabras"]}
    bare = sorted(accented, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, bare)) + r")\b", re.IGNORECASE), accented


def _same_case(word: str, accented: str) -> str:
    if word.isupper():
        return accented.upper()
    if word[:1].isupper():
        return accented[:1].upper() + accented[1:]
    return accented


def restore_accents(text: str) -> str:
    """`text` with the accents of a known word put back where it was written without them; a word
    written with its accent, or one not in patterns/acentos.toml, is left as it is."""
    words, accented = _table()
    text = words.sub(lambda m: _same_case(m.group(), accented[m.group().lower()]), text)
    return _TION.sub(lambda m: "ión" if m.group() == "ion" else "IÓN", text)
