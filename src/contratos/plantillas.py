"""Load the wording under plantillas/: the checklist questions and verdict rules, the letters to the
client and the playbook messages. Everything a user reads there is data, not code."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path


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


def suggested_clause(check_id: str) -> str:
    """The clause text to propose when a check reports a gap: its `ejemplo` under patterns/."""
    from .patterns import load_specs

    spec = load_specs().get(check_id)
    return spec.example if spec else ""
