"""The texts of `contratos reglas` (the checks, built-in and the user's own), `contratos explicar ID`
and `contratos reglas --probar DIR` (a user's rule cases, each pass or fail, in Spanish)."""
from __future__ import annotations

import difflib
import textwrap
import unicodedata

from .words import STATUS_LABEL
from .patterns import checks, user_files


def listing(playbook) -> str:
    """One line per check: id, priority, name and question; the user's own are marked."""
    lines = []
    for spec in checks(playbook.perspective, playbook.rules):
        off = "  (desactivada)" if spec.id in playbook.disabled else ""
        own = "  (regla propia)" if spec.user else ""
        lines.append(f"{spec.id:<21} {playbook.severity_of(spec.id, spec.severity):<6} "
                     f"{spec.name}: {spec.title}{off}{own}")
    return "\n".join(lines) + "\n"


def find(check_id: str, playbook) -> tuple[str | None, str]:
    """The id a user typed in any case, accents or separators ("MORA", "rescisión", "campos-vacios"),
    or None with the Spanish error line."""
    ids = [spec.id for spec in checks(playbook.perspective, playbook.rules)]
    wanted = "".join(c for c in unicodedata.normalize("NFKD", check_id.strip().lower()) if not unicodedata.combining(c))
    wanted = wanted.replace("-", "_").replace(" ", "_")
    if wanted in ids:
        return wanted, ""
    close = difflib.get_close_matches(wanted, ids, n=2, cutoff=0.6)
    guess = f"¿Quiso decir {' o '.join(close)}? " if close else ""
    return None, (f"comprobación desconocida '{check_id}'. {guess}Use una de: {', '.join(ids)} "
                  "(véalas con 'contratos reglas')")


def explanation(check_id: str, playbook) -> str:
    """What a check detects, why it matters, what to ask for and its example clause."""
    from .plantillas import no_clause_advice, suggested_clause

    spec = next(s for s in checks(playbook.perspective, playbook.rules) if s.id == check_id)
    wrap = lambda text: textwrap.fill(" ".join(text.split()), width=88, initial_indent="  ", subsequent_indent="  ")
    clause = suggested_clause(check_id, playbook)
    ending = (["Cláusula de ejemplo (complete los datos entre corchetes):", wrap(f"«{clause}»")] if clause
              else ["Qué hacer:", wrap(no_clause_advice(check_id))])
    own = [f"Regla propia: {spec.source}", ""] if spec.user else []
    parts = [f"{spec.id} · {spec.name} (prioridad {playbook.severity_of(check_id, spec.severity)})", "",
             *own, f"{spec.title}", "", "Qué detecta:", wrap(spec.detects), "",
             "Por qué importa:", wrap(spec.why), "", "Qué pedir:", wrap(spec.recommendation), "", *ending]
    return "\n".join(parts) + "\n"


def _case_result(spec, case: dict, folder: str) -> tuple[bool, str]:
    """Run one case of a user's check: (passed, what it gave)."""
    from .api import check_text

    report = check_text(case["texto"].strip(), force=True, perspective=case.get("perspectiva", "prestador"),
                        rules=folder)
    result = next(c for c in report.checks if c.id == spec.id)
    want, got = case["estado"], result.status
    if got != want:
        return False, f"se esperaba «{STATUS_LABEL[want]}» y dio «{STATUS_LABEL[got]}» ({result.explanation})"
    for key, value in case.get("detalles", {}).items():
        if result.details.get(key) != (None if value == "" else value):
            return False, f"dio «{STATUS_LABEL[got]}», pero el detalle '{key}' es {result.details.get(key)!r}, no {value!r}"
    return True, f"«{STATUS_LABEL[got]}», como se esperaba"


def probe(folder: str) -> tuple[str, bool]:
    """Every [[casos]] of the check files in `folder`: one line each, a total, and whether all passed
    (a folder without any case fails: nothing was tested)."""
    lines, passed, total = [], 0, 0
    for path, data in user_files(folder):
        spec = next(s for s in checks(rules=folder) if s.id == data["id"])
        if not spec.cases:
            lines.append(f"· {path.name}: no tiene [[casos]]; añada al menos uno que dé «bien» y uno que no")
        for i, case in enumerate(spec.cases, 1):
            ok, said = _case_result(spec, case, folder)
            total += 1
            passed += ok
            note = f" ({case['nota']})" if case.get("nota") else ""
            lines.append(f"{'✔' if ok else '✖'} {spec.id}, caso {i}{note}: {'correcto' if ok else 'falla'}: {said}")
    if total == 0:
        lines.append("No hay casos que probar: sin ellos no se puede saber si la regla funciona.")
    else:
        lines.append(f"{passed} de {total} casos correctos." if passed < total else
                     f"{'El caso es correcto' if total == 1 else f'Los {total} casos son correctos'}.")
    return "\n".join(lines) + "\n", total > 0 and passed == total
