"""Load the wording under plantillas/: the checklist questions and verdict rules, the letters to the
client and the playbook messages. Everything a user reads there is data, not code."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template


def plantillas_dir() -> Path:
    """plantillas/ inside an installed wheel, else the repository's top-level plantillas/."""
    packaged = resources.files("contratos") / "plantillas"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "plantillas"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """plantillas/<name>.toml as a dict."""
    with (plantillas_dir() / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def load_for(name: str, perspective: str = "prestador") -> dict:
    """plantillas/<name>.toml for a perspective (see patterns.for_perspective)."""
    from .patterns import for_perspective

    return for_perspective(load(name), perspective)


def suggested_clause(check_id: str, playbook=None, names: dict | None = None) -> str:
    """The clause to propose when a check reports a gap: its `ejemplo` under patterns/, with neutral
    blanks ("[importe]", "[n] días") except those the playbook fills (`[rellenar]` in the same file:
    the minimum notice, the maximum payment term, the monthly late interest; a user's check of the playbook's
    `rules` folder has its own). "" when the check has
    no clause to propose (campos_vacios: the fix is to fill the blanks; see `no_clause_advice`).
    `names` (Report.parties) writes the parties as the contract names them (see names.py)."""
    from .names import with_party_names

    from .patterns import load_specs

    spec = (load_specs(playbook.perspective, playbook.rules) if playbook is not None else load_specs()).get(check_id)
    if not spec or not spec.example:
        return ""
    text = spec.example
    for setting, (blank, wording) in spec.extra.get("rellenar", {}).items():
        value = playbook.setting(setting) if playbook is not None else None
        if value is not None:
            filled = Template(wording).substitute(valor=_number(value))
            text = text.replace(blank, re.sub(r"^1 días\b", "1 día", filled), 1)
    return with_party_names(text, names)


def no_clause_advice(check_id: str, perspective: str = "prestador") -> str:
    """What to do instead of adding a clause, for a check that has none to propose."""
    from .patterns import load_specs

    spec = load_specs(perspective).get(check_id)
    return " ".join(spec.extra.get("sin_clausula", "").split()) if spec else ""


def propose(checks: list, playbook, names: dict | None = None) -> None:
    """Give each gap among `checks` its clause to propose (`suggested_clause`) or, when it has none,
    the advice of what to do instead, worded for the playbook's perspective and the parties' names:
    done once when the report is made, so that the report, the letter and the comments only read them."""
    from .names import with_party_names

    for check in checks:
        if check.is_gap:
            check.clause = suggested_clause(check.id, playbook, names)
            check.advice = "" if check.clause else with_party_names(
                no_clause_advice(check.id, playbook.perspective), names)


def _number(value) -> str:
    """30 -> "30"; 1.5 -> "1,5" (a decimal comma, as the clauses are written)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}".replace(".", ",")
    return str(int(value))
