"""The one clean-up every reader's text gets when it enters a Document: Unicode NFC, the no-break and
narrow spaces as plain spaces, and the characters a reader cannot see (zero-width characters, soft
hyphens, BIDI direction controls, terminal escape sequences and other control characters) removed.

A "90\u00a0días" written in Word, a "9\u200b0 días" or a "\u202e" that reverses a line would otherwise
hide a clause from the patterns, or show the user something else than what was analysed."""
from __future__ import annotations

import re
import unicodedata

# no-break, narrow no-break, figure, en/em/thin/hair spaces...: plain spaces
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# zero-width space, non-joiner, joiner, word joiner, invisible operators, zero-width no-break space (BOM),
# Mongolian vowel separator
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"
# left-to-right / right-to-left marks, Arabic letter mark, embeddings, overrides, isolates
_BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SOFT_HYPHEN = "\u00ad"
# CSI (ESC [ ... final byte, or the 8-bit CSI), OSC (ESC ] ... BEL or ST), other ESC sequences, then
# the remaining control characters (tab, line breaks, vertical tab and form feed stay)
_ESCAPES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
                      r"|\x1b[ -/]*[0-~]?")
_CONTROLS = "".join(map(chr, [*range(0, 9), *range(14, 27), *range(28, 32), *range(127, 160)]))
_ANY = re.compile(f"[{_SPACES}{_ZERO_WIDTH}{_BIDI}{_SOFT_HYPHEN}{re.escape(_CONTROLS)}\x1b]")
_SUSPICIOUS = re.compile(f"[{_ZERO_WIDTH}{_BIDI}\x1b\x9b\x9d]")
_TABLE = {**{ord(c): " " for c in _SPACES},
          **{ord(c): None for c in _ZERO_WIDTH + _BIDI + _SOFT_HYPHEN + _CONTROLS + "\x1b"}}

INVISIBLE_WARNING = "El documento contiene caracteres invisibles que pueden alterar su lectura"


def clean_text(text: str) -> tuple[str, int]:
    """The text as analysed and quoted, and how many characters a reader could not see that may change
    what the text says (zero-width and BIDI characters, escape sequences). No-break spaces and soft
    hyphens are cleaned too but not counted: word processors write them all the time."""
    if not _ANY.search(text):
        return (text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)), 0
    suspicious = len(_SUSPICIOUS.findall(text))
    text = _ESCAPES.sub("", text).translate(_TABLE)
    return unicodedata.normalize("NFC", text), suspicious


def cleaned_offset(text: str, offset: int) -> int:
    """Where `offset` of `text` lands in clean_text(text)."""
    return len(clean_text(text[:offset])[0])


def invisible_warning(numbers: list[int], pages: bool) -> str:
    """The warning, naming the paragraphs (or PDF pages) where such characters were removed."""
    where = ""
    if numbers:
        shown = ", ".join(map(str, numbers[:8])) + (", …" if len(numbers) > 8 else "")
        unit = ("la página", "las páginas") if pages else ("el párrafo", "los párrafos")
        where = f" (en {unit[len(numbers) > 1]} {shown})"
    return (f"{INVISIBLE_WARNING}{where}: caracteres de ancho cero, de control de la dirección del texto o "
            "secuencias de escape. Se han quitado antes de revisarlo; compare el texto con el original.")
