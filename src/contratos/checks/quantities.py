"""Read Spanish quantities: "treinta (30) días naturales" -> 30, "un mes" -> 30, "48 horas" -> 2."""
from __future__ import annotations

import re

from ..textnorm import fold

_UNITS = {"cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
          "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
          "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
          "veintiun": 21, "veintiuno": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
          "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29}
_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}
_HUNDREDS = {"cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
             "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900}
_DAYS_PER_UNIT = {"dia": 1, "dias": 1, "semana": 7, "semanas": 7, "mes": 30, "meses": 30, "año": 365, "años": 365}


def words_to_int(words: list[str]) -> int | None:
    """Spanish cardinal words below a thousand ("ciento veinte", "cuarenta y cinco")."""
    total, seen = 0, False
    for word in words:
        if word == "y":
            continue
        value = _UNITS.get(word, _TENS.get(word, _HUNDREDS.get(word)))
        if value is None:
            return None
        total += value
        seen = True
    return total if seen else None


def number_in(text: str) -> int | None:
    """The number a phrase states: digits win over words ("treinta (30)")."""
    digits = re.findall(r"\d+", text)
    if digits:
        return int(digits[0])
    words = [w for w in re.findall(r"[a-zñ]+", fold(text))]
    run: list[str] = []
    for word in words:
        if word in _UNITS or word in _TENS or word in _HUNDREDS or (word == "y" and run):
            run.append(word)
        elif run:
            break
    return words_to_int(run)


def days_in(text: str) -> int | None:
    """A duration phrase in days; None when it names no unit of time."""
    folded = fold(text)
    unit = next((u for u in re.findall(r"[a-zñ]+", folded) if u in _DAYS_PER_UNIT or u.startswith("hora")), None)
    if unit is None:
        return None
    n = number_in(text)
    if n is None:
        return None
    if unit.startswith("hora"):
        return max(1, round(n / 24))
    return n * _DAYS_PER_UNIT[unit]
