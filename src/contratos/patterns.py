"""The check registry: every check is one file under patterns/ (order, core flag, severity, words,
runner, messages, patterns), validated on load; a user's folder of rules adds generic checks."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .checkschema import ANALYSIS_LEVELS, GENDERS, PERSPECTIVES, SEVERITIES, RulesError, validate

__all__ = ["ANALYSIS_LEVELS", "PERSPECTIVES", "SEVERITIES", "RulesError", "CheckSpec", "load_specs", "check_ids",
           "core_ids", "patterns_dir"]

DATA_FILES = ("acentos", "comun", "partes", "tipos")  # files under patterns/ that hold shared data, not a check


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
    order: int = 1000
    core: bool = False  # one of the clauses a contract must settle (the summaries name them)
    runner: str = "generico"  # a key of checks.RUNNERS
    word: str = ""  # how summaries name a core check ("rescisión"), and the ending that agrees with it
    ending: str = "o"
    threshold: str | None = None  # the playbook threshold ([umbrales]) that applies to this check
    detects: str = ""
    cases: list[dict] = field(default_factory=list)
    source: str = ""  # the file it came from
    user: bool = False  # from a user's folder of rules (--reglas)
    extra: dict[str, Any] = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        """A word list declared in the file, as a set (for lemma lookups)."""
        return frozenset(self.extra.get(key, ()))

    def regex(self, key: str) -> re.Pattern:
        """A regular expression declared in the file, compiled once."""
        return _compiled(self.extra[key])


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _read(path: Path, cases: bool = True) -> dict:
    """A pattern file (TOML: the standard library parses it ~50x faster than YAML here). Without
    `cases`, the [[casos]] that close a file are not parsed: the checks never read them, and in
    rescision.toml they are two thirds of the text (the tests and `contratos reglas --probar` read them)."""
    text = path.read_bytes()
    if not cases:
        text = _without_cases(text)
    return tomllib.loads(text.decode("utf-8"))


_CASES = re.compile(rb"^\[\[casos\]\][ \t]*$", re.M)
_OTHER_TABLE = re.compile(rb"^[ \t]*\[(?!\[casos\]\])", re.M)


def _without_cases(text: bytes) -> bytes:
    """The text up to its first [[casos]], when only cases follow it (no other table after them)."""
    first = _CASES.search(text)
    if first is None or _OTHER_TABLE.search(text, first.end()):
        return text
    return text[: first.start()]


def _read_rules(path: Path) -> dict:
    """A user's rule file: a TOML or reading error is one Spanish line naming the file."""
    try:
        return _read(path)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(path, f"no es TOML válido ({error})", "Corrija la sintaxis del archivo") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(path, f"no se pudo leer ({getattr(error, 'strerror', None) or error})",
                         "Compruebe el archivo") from None


_KNOWN = {"id", "nombre", "severidad", "titulo", "mensajes", "por_que", "recomendacion", "ejemplo",
          "encabezados", "seleccion", "etiquetas", "analisis", "vecinas", "perspectiva_cliente", "orden",
          "principal", "ejecutor", "palabra", "genero", "umbral", "detecta", "casos"}


def _spec(data: dict, path: Path, user: bool = False) -> CheckSpec:
    return CheckSpec(
        id=data["id"], name=data["nombre"], severity=data["severidad"], title=data.get("titulo", data["nombre"]),
        messages=data["mensajes"], why=" ".join(data["por_que"].split()),
        recommendation=" ".join(data["recomendacion"].split()), example=" ".join(data.get("ejemplo", "").split()),
        headings=re.compile(data["encabezados"]) if data.get("encabezados") else None,
        select=tuple(data.get("seleccion", ())), labels=data["etiquetas"],
        analysis=data.get("analisis", "morfologia"), neighbours=bool(data.get("vecinas")),
        order=data.get("orden", 1000), core=bool(data.get("principal")), runner=data.get("ejecutor", "generico"),
        word=data.get("palabra", data["nombre"]), ending=GENDERS.get(data.get("genero", "masculino"), "o"),
        threshold=data.get("umbral"), detects=" ".join(data.get("detecta", data["nombre"]).split()),
        cases=data.get("casos", []), source=str(path), user=user,
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


@lru_cache(maxsize=1)
def _built_in_files() -> tuple[tuple[Path, dict], ...]:
    """The check files shipped under patterns/, validated, in their declared order."""
    out = []
    for path in sorted(patterns_dir().glob("*.toml")):
        if path.stem in DATA_FILES:
            continue
        data = _read(path, cases=False)
        validate(data, path)
        out.append((path, data))
    return tuple(sorted(out, key=lambda item: item[1]["orden"]))


@lru_cache(maxsize=8)
def user_files(rules: str) -> tuple[tuple[Path, dict], ...]:
    """A user's folder of check files (`--reglas DIR`), validated: same format, generic runner only,
    an id that is not already taken."""
    folder = Path(rules)
    if not folder.is_dir():
        raise RulesError(folder, "la carpeta de reglas no existe", "Indique una carpeta con archivos .toml")
    paths = sorted(folder.glob("*.toml"))
    if not paths:
        raise RulesError(folder, "la carpeta de reglas no tiene archivos .toml",
                         "Añada un archivo por comprobación (vea patterns/README.md)")
    taken = {data["id"]: path for path, data in _built_in_files()}
    out = []
    for path in paths:
        data = _read_rules(path)
        validate(data, path, built_in=False)
        _check_token_patterns(data, path)
        if data["id"] in taken:
            where = "una comprobación de contratos" if taken[data["id"]].parent == patterns_dir() else taken[data["id"]]
            raise RulesError(path, f"'id' {data['id']!r} ya lo usa {where}", "Elija otro identificador")
        taken[data["id"]] = path
        out.append((path, data))
    return tuple(sorted(out, key=lambda item: item[1].get("orden", 1000)))


def _check_token_patterns(data: dict, path: Path) -> None:
    """spaCy's own schema for token patterns, worded in one Spanish line (its messages are English)."""
    from spacy.schemas import validate_token_pattern

    for label, patterns in data["etiquetas"].items():
        for pattern in patterns:
            errors = validate_token_pattern(pattern)
            if errors:
                where = errors[0].split("]")[0].lstrip("[").replace("pattern -> ", "token ").replace(" -> ", " · ")
                raise RulesError(path, f"un patrón de 'etiquetas.{label}' no es válido ({where})",
                                 "Use claves de token de spaCy como LEMMA, NORM, LOWER u OP")


def load_specs(perspective: str = "prestador", rules: str | None = None) -> dict[str, CheckSpec]:
    """The check specs by id in report order, worded for `perspective` ("prestador", the default, or
    "cliente"), with the user's checks of the folder `rules` after the built-in ones, plus the shared
    'comun' labels under id 'comun' (last). One cache entry per (perspective, rules), however called."""
    return _load_specs(perspective, rules)


@lru_cache(maxsize=8)
def _load_specs(perspective: str, rules: str | None) -> dict[str, CheckSpec]:
    if perspective not in PERSPECTIVES:
        raise ValueError(f"unknown perspective {perspective!r}")
    files = [(p, d, False) for p, d in _built_in_files()] + [(p, d, True) for p, d in (user_files(rules) if rules else ())]
    specs = {data["id"]: _spec(for_perspective(data, perspective), path, user) for path, data, user in files}
    common = _read(patterns_dir() / "comun.toml")
    specs["comun"] = CheckSpec(id="comun", name="comun", severity="baja", title="", messages={}, why="",
                               recommendation="", example="", headings=None,
                               select=tuple(common.get("seleccion", ())), labels=common.get("etiquetas", {}),
                               analysis=common.get("analisis", "morfologia"), runner="",
                               extra={k: v for k, v in common.items() if k not in _KNOWN})
    return specs


load_specs.cache_clear = _load_specs.cache_clear  # type: ignore[attr-defined]  (as with lru_cache)


def checks(perspective: str = "prestador", rules: str | None = None) -> list[CheckSpec]:
    """The checks in report order (without the shared 'comun' labels)."""
    return [spec for spec in load_specs(perspective, rules).values() if spec.runner]


def check_ids(rules: str | None = None) -> tuple[str, ...]:
    return tuple(spec.id for spec in checks(rules=rules))


def core_ids() -> tuple[str, ...]:
    """The clauses a contract must settle (alcance, pago, rescisión), in report order."""
    return tuple(spec.id for spec in checks() if spec.core)


def shared(key: str):
    """A value of patterns/comun.toml that several checks read (negation words, clause titles)."""
    return load_specs()["comun"].extra[key]


def shared_regex(key: str) -> re.Pattern:
    """A regular expression of patterns/comun.toml, compiled once."""
    return _compiled(shared(key))


def spec_for_runner(runner: str) -> CheckSpec:
    """The built-in check run by `runner` (there is one each for the core runners and "huecos")."""
    return next(spec for spec in checks() if spec.runner == runner)


@lru_cache(maxsize=1)
def load_kinds() -> dict:
    return _read(patterns_dir() / "tipos.toml")


@lru_cache(maxsize=1)
def load_parties() -> dict:
    return _read(patterns_dir() / "partes.toml")


@lru_cache(maxsize=1)
def load_accents() -> dict:
    return _read(patterns_dir() / "acentos.toml")
