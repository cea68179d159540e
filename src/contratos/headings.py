"""Recognise clause headings in Spanish contracts: "CLÁUSULA PRIMERA.- OBJETO", "3.1", "III.", "DÉCIMA:", ALL CAPS."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .textnorm import fold

_UNITS = r"(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[eé]?ptim[oa]|octav[oa]|noven[oa])"
_TENS = r"(?:decim[oa]|vigesim[oa]|trigesim[oa]|cuadragesim[oa])"
ORDINAL = rf"(?:(?:decimo|vigesimo|trigesimo|decima|vigesima|trigesima)\s*-?\s*{_UNITS}|undecim[oa]|duodecim[oa]|{_TENS}|{_UNITS})"
_NUM = r"(?:\d{1,3}\s*[°ºª]?|[ivxlc]{1,7}|" + ORDINAL + r"|unic[oa])"
# "PRIMERA.-", "PRIMERA. –", "PRIMERA:": punctuation, possibly with spaces between the marks
_PUNCT = r"(?:\s*[.:\-–—)]+)+"
_SEP = rf"(?:{_PUNCT}\s*|\s+|$)"

# Each regex runs on fold(line) and captures the label in group "label".
_MARKERS = [
    # CLÁUSULA PRIMERA / Cláusula 1ª / ARTÍCULO 3 / Art. 3º
    re.compile(rf"^(?P<label>(?:clausula|articulo|art\.)\s+{_NUM})(?=[\s.:\-–—)]|$){_SEP}"),
    # PRIMERA.- / DÉCIMA: / Primera. / PRIMERO (Objeto).- (an ordinal, an optional title in brackets,
    # then punctuation or the end of the line)
    re.compile(rf"^(?P<label>{ORDINAL})(?:\s*\((?P<ptitle>[^)]{{1,60}})\))?(?:{_PUNCT}\s*|\s*$)"),
    # 3. / 3.1 / 3.1.2 / 3) followed by text that starts with a capital (checked on the raw line)
    re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}\.)(?:\s+|$)"),
    # III. / IV) roman numerals
    re.compile(r"^(?P<label>[ivxlc]{1,6}\.)(?:\s+|$)"),
    # ANEXO I / ANEXO A
    re.compile(r"^(?P<label>anexo(?:\s+(?:[ivxlc]{1,6}|\d{1,2}|[a-z]))?)(?=[\s.:\-–—]|$)" + _SEP),
]

_TITLE_END = re.compile(r"\s*(?:\.\s?[-–—]|[.:]|\s[-–—]\s)\s+")
# Markdown written into a Word file or a text file ("#### CUARTA: OBLIGACIONES", "**PRIMERA. OBJETO.**
# El proveedor..."): the marks are not part of the heading
_MD_HASHES = re.compile(r"^#{1,6}\s+")
_MD_STRONG = re.compile(r"^(\*\*|__)(?P<inner>[^*_]{1,160}?)\1")
_BRACKETED_TITLE = re.compile(r"^\(([^()\n]{2,80})\)\s*[.:\-–—]*\s*")
_GLUED_TITLE = re.compile(r"^([^.:\n]{3,80})[.:](?=[A-ZÁÉÍÓÚÑ¿][a-záéíóúñ]|(?:EL|LA|LOS|LAS|UN|UNA)\s)")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class Heading:
    label: str  # "CLÁUSULA PRIMERA", "3.1", "" for an ALL-CAPS title
    title: str  # "OBJETO", "" when the marker stands alone
    body: str  # text after the heading on the same line, "" when none
    level: int


def _is_caps_title(text: str) -> bool:
    if len(text) > 120:  # before splitting into words: every long paragraph stops here
        return False
    words = _WORD.findall(text)
    if not words or len(words) > 12:
        return False
    letters = "".join(words)
    if not any(len(w) >= 3 for w in words):
        return False
    if len(words) > 3 and fold(words[0]) in _BODY_STARTS and any(_is_verb(w) for w in words):
        return False  # "LA PROVEEDORA PODRÁ DESISTIR DEL CONTRATO...": a contract written in capitals
    return sum(map(str.isupper, letters)) / len(letters) >= 0.9 and not text.rstrip().endswith((",", ";"))


# verbs a clause's sentence has and a title does not: the future of rights and duties, "se", "es"
_SENTENCE_VERBS = frozenset("se es son sera seran podra podran debera deberan tendra tendran pagara pagaran "
                            "queda quedan quedara quedaran".split())


def _is_verb(word: str) -> bool:
    return fold(word) in _SENTENCE_VERBS or word.endswith(("RÁ", "RÁN", "rá", "rán"))


_BODY_STARTS = frozenset("el la los las lo un una unos unas este esta estos estas cada ambas ambos cualquiera que si "
                         "en por para con se sin todo toda todos todas dicho dicha dichos dichas su sus mediante "
                         "queda quedan ninguna ninguno no".split())


def _looks_like_title(text: str) -> bool:
    """ "OBJETO", "Forma de pago", "De la rescisión" yes; "El cliente pagará" no."""
    words = _WORD.findall(text)
    if not words or len(words) > 10 or not text[:1].isupper():
        return False
    if _is_caps_title(text):
        return True
    if fold(words[0]) in _BODY_STARTS or len(words) > 6:
        return False
    return not any(c in text for c in ",;")


# the accented question words ("Cuándo puede...", not "Como contraprestación..."), or "¿"
_ASKING = frozenset({"cuándo", "qué", "cómo", "quién", "quiénes", "cuánto", "cuánta", "dónde"})
_OPEN_ENDS = frozenset("de del la el los las lo a al y e o u en con por para que su sus un una se no como".split())


def _short_line_title(text: str) -> bool:
    """ "5. Si decides retirarte", "1. El programa": after a clause number, a short line with no full
    stop is its title even when it starts like a sentence (a wrapped line ends in "de", "la"...)."""
    words = _WORD.findall(text)
    limit = 12 if text[:1] == "¿" or (words and words[0].lower() in _ASKING) else 7  # "Cuándo puede la Academia darte de baja"
    return (0 < len(words) <= limit and text[:1].isupper() and not any(c in text for c in ",;")
            and not text.rstrip().endswith(".") and fold(words[-1]) not in _OPEN_ENDS)


def _question_title(text: str) -> bool:
    """ "PRIMERA. Qué haré. Voy a...": after a clause number, a short question (an accented question word
    first) is the clause's title; the plain "que" opens a sentence."""
    words = _WORD.findall(text)
    return 0 < len(words) <= 6 and words[0].lower() in _ASKING and not any(c in text for c in ",;")


looks_like_title = _looks_like_title  # public: readers that see a bold line decide with it


def _split_title(rest: str) -> tuple[str, str]:
    """Split "OBJETO. El presente contrato..." into ("OBJETO", "El presente contrato...")."""
    rest = rest.strip()
    if not rest:
        return "", ""
    bracketed = _BRACKETED_TITLE.match(rest)  # "PRIMERA.- (PARTES)", "TERCERA.- (OBJETO) El consultor..."
    if bracketed and _looks_like_title(bracketed.group(1)):
        return bracketed.group(1).strip(), rest[bracketed.end():].strip(" .:-–—")
    m = _TITLE_END.search(rest)
    candidate = rest[: m.start()] if m else rest
    if _looks_like_title(candidate) or _question_title(candidate) or (m is None and _short_line_title(rest)):
        return candidate.strip(" .:-–—"), (rest[m.end():] if m else "").strip()
    glued = _GLUED_TITLE.match(rest)  # "DE LAS CUOTAS.Como representante...": a space lost in conversion
    if glued and _is_caps_title(glued.group(1)):
        return glued.group(1).strip(" .:-–—"), rest[glued.end():].strip()
    return "", rest


def parse_heading(line: str) -> Heading | None:
    """Return the heading at the start of `line`, or None when the line is body text."""
    stripped = _MD_HASHES.sub("", line.strip())
    strong = _MD_STRONG.match(stripped)
    if strong:  # "**PRIMERA. OBJETO.** Text": the heading is the bold part, the body what follows
        inner = strong.group("inner").strip()
        rest = stripped[strong.end():].strip()
        parsed = parse_heading(inner)
        if parsed is not None and not parsed.body:
            return Heading(label=parsed.label, title=parsed.title, body=rest, level=parsed.level)
        if parsed is not None and not rest:
            return parsed
        if parsed is None and not rest and _looks_like_title(inner):
            return Heading(label="", title=inner.strip(" .:-–—"), body="", level=1)
    if not stripped or not (stripped[0].isupper() or stripped[0].isdigit()):
        return None  # "cláusula segunda." inside a sentence, "a) ..." list items
    folded = fold(stripped)
    for i, marker in enumerate(_MARKERS):
        m = marker.match(folded)
        if not m:
            continue
        label = stripped[: len(m.group("label"))].strip()
        rest = stripped[m.end():]
        if i == 2:  # bare numbers: "3. El CLIENTE..." yes, "30 días" no
            if rest and not (rest[0].isupper() or rest[0] in "¿¡\"«“"):
                continue
            level = label.rstrip(".)").count(".") + 1
        elif i == 3:
            if rest and not rest[0].isupper():
                continue
            level = 1
        else:
            level = 1
        if i == 1 and rest and not (rest[0].isupper() or rest[0] in "\"«“("):
            continue  # "Primero, el cliente..." is prose
        if m.groupdict().get("ptitle"):  # "PRIMERO (Objeto).- EL JARDINERO se obliga..."
            start = stripped.index("(") + 1
            return Heading(label=label, title=stripped[start:start + len(m.group("ptitle"))].strip(),
                           body=rest.strip(), level=level)
        title, body = _split_title(rest)
        return Heading(label=label, title=title, body=body, level=level)
    if _is_caps_title(stripped):
        return Heading(label="", title=stripped.strip(" .:-–—"), body="", level=1)
    return None
