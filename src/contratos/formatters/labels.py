"""The summary sentences of the human-readable formats; the words for statuses, priorities and places
are re-exported from words.py (domain code imports them from there, never from formatters/)."""
from __future__ import annotations

from ..patterns import checks
# re-exported: the one helper for counts and lists, and the labels every format shares
from ..words import PRIORITY_RANGE, STATUS_LABEL, STATUS_MARK, listing, place, plural  # noqa: F401


def core_words() -> dict[str, tuple[str, str]]:
    """The core checks as the summaries name them, with the adjective ending that agrees with each
    ("rescisión", "a"): `palabra` and `genero` in their patterns/<id>.toml."""
    return {spec.id: (spec.word, spec.ending) for spec in checks() if spec.core}


def ending(ids: list[str]) -> str:
    """The adjective ending that agrees with these core names: "a", "o" or "os"."""
    return core_words()[ids[0]][1] if len(ids) == 1 else "os"


def agreeing(ids: list[str], stem: str) -> str:
    """ "rescisión resuelta", "alcance y pago resueltos": the core names with `stem` in agreement."""
    words = core_words()
    return f"{listing([words[i][0] for i in ids])} {stem}{ending(ids)}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary_line(report) -> str:
    """One line on the three core clauses (by check id and status, whatever their priority) and the rest."""
    if report.all_not_applicable:
        return "No se aplicó ninguna comprobación."
    states = report.core_states()
    off = states["not_reviewed"]
    unreviewed = f"{agreeing(off, 'no revisad')} (desactivad{ending(off)} en la configuración)" if off else ""
    rest = [c for c in report.gaps if c.id not in core_words()]
    if not report.gaps:
        if unreviewed:
            checked = plural(len(report.checks), "la única comprobación revisada", "las {n} comprobaciones revisadas")
            return f"Sin puntos débiles en {checked}; {unreviewed}."
        return f"Sin puntos débiles en {plural(len(report.checks), 'la única comprobación', 'las {n} comprobaciones')}."
    if states["gap"]:
        names = [core_words()[i][0] for i in states["gap"]]
        head = (f"{plural(len(names), 'cláusula principal', 'cláusulas principales')} que resolver antes de "
                f"firmar ({listing(names)})")
        if unreviewed:
            head += f"; {unreviewed}"
    else:
        parts = [agreeing(states["resolved"], "resuelt")] if states["resolved"] else []
        head = _capital("; ".join(parts + ([unreviewed] if unreviewed else [])))
    if rest:
        head += f"; {plural(len(rest), 'punto de apoyo', 'puntos de apoyo')} que mejorar"
    return head + "."


def finding(check, report) -> str:
    """What a check's explanation adds to its message, for the formats that print both: "" when it says
    nothing more (the same sentence, or the reason a non-contract was not checked, which the report's
    notice already gives once), the quote alone when it repeats the message before a quote."""
    text = check.explanation
    if not text or text == check.message:
        return ""
    if check.status == "not_applicable" and text == getattr(report, "not_applicable_reason", None):
        return ""
    if text.startswith(check.message):
        rest = text[len(check.message):].strip()
        return f"Lo indica: {rest}" if rest.startswith("«") else rest
    return text
