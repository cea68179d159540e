"""Load the check data under patterns/: messages, selection prefixes and spaCy token patterns."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

CORE_CHECKS = ("alcance", "pago", "rescision")
SUPPORTING_CHECKS = ("mora", "modificaciones", "independencia", "obligaciones_cliente", "plazos", "campos_vacios")
CHECK_FILES = CORE_CHECKS + SUPPORTING_CHECKS
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
    neighbours: bool = False  # a picked sentence brings the rest of its clause with it
    analysis: str = "morfologia"  # what its rules read: "lexico" (word forms), "morfologia" (+ lemmas, POS),
    # "sintaxis" (+ dependency parse)
    extra: dict[str, Any] = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        """A word list declared in the file, as a set (for lemma lookups)."""
        return frozenset(self.extra.get(key, ()))


def _read(path: Path) -> dict:
    """A pattern file (TOML: the standard library parses it ~50x faster than YAML here)."""
    with path.open("rb") as fh:
        return tomllib.load(fh)


_KNOWN = {"id", "nombre", "severidad", "titulo", "mensajes", "por_que", "recomendacion", "ejemplo",
          "encabezados", "seleccion", "etiquetas", "analisis", "vecinas", "perspectiva_cliente"}
PERSPECTIVES = ("prestador", "cliente")


ANALYSIS_LEVELS = ("lexico", "morfologia", "sintaxis")


def _analysis(data: dict, path: Path) -> str:
    level = data.get("analisis", "morfologia")
    if level not in ANALYSIS_LEVELS:
        raise ValueError(f"{path}: 'analisis' debe ser uno de {ANALYSIS_LEVELS}")
    return level


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
        select=tuple(data.get("seleccion", ())), labels=data["etiquetas"],
        analysis=_analysis(data, path), neighbours=bool(data.get("vecinas")),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
    )


def for_perspective(data: dict, perspective: str) -> dict:
    """A data file's contents for a perspective: with "cliente", the keys of its [perspectiva_cliente]
    table replace the others (tables merged key by key), so only what changes is written twice.
    Used for the check files here and for the wording under plantillas/."""
    over = data.get(f"perspectiva_{perspective}", {}) if perspective != "prestador" else {}
    return _merge(data, over)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


@lru_cache(maxsize=2)
def load_specs(perspective: str = "prestador") -> dict[str, CheckSpec]:
    """The check specs by id, worded for `perspective` ("prestador", the default, or "cliente"), plus
    the shared 'comun' labels under id 'comun'."""
    if perspective not in PERSPECTIVES:
        raise ValueError(f"unknown perspective {perspective!r}")
    base = patterns_dir()
    specs = {name: _spec(for_perspective(_read(base / f"{name}.toml"), perspective), base / f"{name}.toml")
             for name in CHECK_FILES}
    common = _read(base / "comun.toml")
    specs["comun"] = CheckSpec(id="comun", name="comun", severity="baja", title="", messages={}, why="",
                               recommendation="", example="", headings=None,
                               select=tuple(common.get("seleccion", ())), labels=common.get("etiquetas", {}),
                               analysis=_analysis(common, base / "comun.toml"),
                               extra={k: v for k, v in common.items() if k not in _KNOWN})
    return specs


@lru_cache(maxsize=1)
def load_kinds() -> dict:
    return _read(patterns_dir() / "tipos.toml")


@lru_cache(maxsize=1)
def load_parties() -> dict:
    return _read(patterns_dir() / "partes.toml")
