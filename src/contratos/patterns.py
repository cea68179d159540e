"""Load the check data under patterns/: messages, selection prefixes and spaCy token patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

CHECK_FILES = ("alcance", "pago", "rescision")
SEVERITIES = ("alta", "media", "baja")


def patterns_dir() -> Path:
    """patterns/ inside an installed wheel, else the repository's top-level patterns/."""
    packaged = resources.files("contratos") / "patterns"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "patterns"


@dataclass
class CheckSpec:
    """Everything a check declares as data."""

    id: str
    name: str
    severity: str
    title: str
    messages: dict[str, str]
    why: str
    recommendation: str
    example: str
    headings: re.Pattern | None
    select: tuple[str, ...]
    labels: dict[str, list[list[dict]]]
    syntax: bool = False  # its rules need the dependency parse
    extra: dict[str, Any] = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        """A word list declared in the file, as a set (for lemma lookups)."""
        return frozenset(self.extra.get(key, ()))


def _read_yaml(path: Path) -> dict:
    import srsly  # installed with spaCy

    data = srsly.read_yaml(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: se esperaba un mapa YAML")
    return data


_KNOWN = {"id", "nombre", "severidad", "titulo", "mensajes", "por_que", "recomendacion", "ejemplo",
          "encabezados", "seleccion", "etiquetas", "sintaxis"}


def _spec(data: dict, path: Path) -> CheckSpec:
    missing = {"id", "nombre", "severidad", "mensajes", "por_que", "recomendacion", "etiquetas"} - data.keys()
    if missing:
        raise ValueError(f"{path}: faltan las claves {sorted(missing)}")
    if data["severidad"] not in SEVERITIES:
        raise ValueError(f"{path}: severidad {data['severidad']!r} no válida")
    if set(data["mensajes"]) != {"ok", "weak", "missing"}:
        raise ValueError(f"{path}: 'mensajes' debe tener ok, weak y missing")
    return CheckSpec(
        id=data["id"], name=data["nombre"], severity=data["severidad"], title=data.get("titulo", data["nombre"]),
        messages=data["mensajes"], why=" ".join(data["por_que"].split()),
        recommendation=" ".join(data["recomendacion"].split()), example=" ".join(data.get("ejemplo", "").split()),
        headings=re.compile(data["encabezados"]) if data.get("encabezados") else None,
        select=tuple(data.get("seleccion", ())), labels=data["etiquetas"], syntax=bool(data.get("sintaxis")),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
    )


@lru_cache(maxsize=1)
def load_specs() -> dict[str, CheckSpec]:
    """The check specs by id, plus the shared 'comun' labels under id 'comun'."""
    base = patterns_dir()
    specs = {name: _spec(_read_yaml(base / f"{name}.yaml"), base / f"{name}.yaml") for name in CHECK_FILES}
    common = _read_yaml(base / "comun.yaml")
    specs["comun"] = CheckSpec(id="comun", name="comun", severity="baja", title="", messages={}, why="",
                               recommendation="", example="", headings=None,
                               select=tuple(common.get("seleccion", ())), labels=common.get("etiquetas", {}),
                               extra={k: v for k, v in common.items() if k not in _KNOWN})
    return specs


@lru_cache(maxsize=1)
def load_parties() -> dict:
    return _read_yaml(patterns_dir() / "partes.yaml")
