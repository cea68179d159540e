"""Spanish wording helpers for every text a user reads: a count with its noun in agreement ("1 archivo
ilegible", "3 archivos ilegibles"), lists ("a, b y c"), quotes whose brackets are balanced, and the words
for a status, a priority and a place in the file. Domain code (the letter, the checklist) and the
renderers under formatters/ both import them from here."""
from __future__ import annotations

_PAIRS = {"(": ")", "[": "]", "«": "»", "“": "”", "{": "}"}

STATUS_LABEL = {"ok": "bien", "weak": "débil", "missing": "falta", "not_applicable": "no aplica"}
STATUS_MARK = {"ok": "✔", "weak": "!", "missing": "✖", "not_applicable": "·"}
# the gaps a --fail-on level counts, as the summaries and the checklist name them
PRIORITY_RANGE = {"alta": "de prioridad alta", "media": "de prioridad media o alta", "baja": "de cualquier prioridad"}


def place(evidence) -> str:
    """ "CUARTA. RESCISIÓN, página 2" or "..., párrafo 14": where an evidence is in the file."""
    where = f"página {evidence.page}" if evidence.page else f"párrafo {evidence.paragraph}"
    return f"{evidence.heading}, {where}" if evidence.heading else where


def agree(n: int, one: str, many: str) -> str:
    """The phrase that agrees with a count, without the count: agree(1, "este punto", "estos puntos")."""
    return one if n == 1 else many


def plural(n: int, one: str, many: str) -> str:
    """The count and the phrase that agrees with it: plural(1, "archivo ilegible", "archivos ilegibles")
    is "1 archivo ilegible". A phrase holding "{n}" places the count itself: plural(n, "la única
    comprobación", "las {n} comprobaciones")."""
    form = agree(n, one, many)
    return form.replace("{n}", str(n)) if "{n}" in one + many else f"{n} {form}"


def listing(words: list[str]) -> str:
    """ "a", "a y b", "a, b y c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " y " + words[-1]


def unbalanced(text: str) -> list[str]:
    """The brackets and quotation marks of `text` left open or closed without an opening, in order
    ("($ 900.000" -> ["("]); an empty list when every pair closes."""
    closing = {close: open_ for open_, close in _PAIRS.items()}
    stack, stray = [], []
    for char in text:
        if char in _PAIRS:
            stack.append(char)
        elif char in closing:
            if stack and stack[-1] == closing[char]:
                stack.pop()
            else:
                stray.append(char)
    return stray + stack


def balanced(text: str) -> str:
    """A fragment quoted in an explanation with its open brackets closed ("PESOS MIL ($ 1.000" ->
    "PESOS MIL ($ 1.000)") and a stray closing one dropped ("1.000) y" -> "1.000 y")."""
    closing = {close: open_ for open_, close in _PAIRS.items()}
    out, stack = [], []
    for char in text:
        if char in _PAIRS:
            stack.append(char)
        elif char in closing:
            if not stack or stack[-1] != closing[char]:
                continue
            stack.pop()
        out.append(char)
    return "".join(out).rstrip() + "".join(_PAIRS[c] for c in reversed(stack))
