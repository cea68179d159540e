"""The playbook: which checks run, their severities, thresholds and perspective, read from
`--config FILE`, ./contratos.toml or [tool.contratos] in ./pyproject.toml, validated into a frozen
Playbook that post-processes check results in one place (`Playbook.apply`)."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from string import Template

from .patterns import PERSPECTIVES, SEVERITIES, check_ids, checks
from .tomlfile import TomlFileError, describe, read_toml

_TOP = ("perspectiva", "comprobaciones", "severidad", "umbrales", "reglas")
_CHECKS_KEYS = ("desactivar",)
# threshold key -> (type, lowest, highest); those of checkschema.THRESHOLDS apply to the check that declares them
# (`umbral` in its file), plazo_pago_maximo_dias and interes_mora_mensual are read by pago and the clauses
_THRESHOLDS = {"preaviso_minimo_dias": (int, 0, 365), "plazo_pago_maximo_dias": (int, 1, 365),
               "exigir_intereses_mora": (bool, None, None), "interes_mora_mensual": (float, 0, 10)}
PYPROJECT_TABLE = "tool.contratos"
NO_CONFIG = ":sin-config:"  # the value --sin-config gives to --config: no discovery, the defaults
# where a playbook came from: the defaults, --config, found in the working folder, or --sin-config
ORIGINS = {"default": "por omisión", "option": "indicada con --config", "found": "encontrada en la carpeta actual",
           "none": "por omisión (--sin-config: no se buscó configuración)",
           "web": "los ajustes de la página de contratos web"}
DEFAULT_MAX_PAYMENT_DAYS = 60


class ConfigError(Exception):
    """A playbook that cannot be used: the file, the key and what is allowed, in Spanish."""

    def __init__(self, file: str, cause: str, hint: str = "Corrija el archivo de configuración"):
        super().__init__(f"{file}: {cause}. {hint}")
        self.message = f"{file}: {cause}. {hint}"


@dataclass(frozen=True)
class Playbook:
    source: str | None = None  # the file it came from, None for the defaults
    origin: str = "default"  # a key of ORIGINS
    perspective: str = "prestador"
    disabled: frozenset[str] = frozenset()
    severities: tuple[tuple[str, str], ...] = ()  # (check id, severity) overrides
    min_notice_days: int | None = None
    max_payment_days: int | None = None  # None: not set by the user (the limit is then 60)
    require_late_interest: bool = False
    monthly_late_interest: float | None = None  # the rate to write in a suggested mora clause
    rules: str | None = None  # a folder of the user's own check files (absolute), or None

    def describe(self) -> str:
        """Which rules a report applied and where they came from, for the user: "por omisión",
        "contratos.toml (encontrada en la carpeta actual; ...)". A file found in the working folder may
        come with the client's documents: the text says how to ignore it."""
        if self.source is None:
            return ORIGINS[self.origin]
        text = f"{self.source} ({ORIGINS[self.origin]}"
        if self.origin == "found":
            text += "; use --sin-config para no aplicarla"
        return text + ")"

    def to_dict(self) -> dict:
        """The JSON "playbook" of a report: {"source": file or null, "origin": default|option|found|none}."""
        return {"source": self.source, "origin": self.origin, "description": self.describe()}

    @property
    def payment_days_limit(self) -> int:
        return self.max_payment_days or DEFAULT_MAX_PAYMENT_DAYS

    def setting(self, key: str):
        """The value the user set for a [umbrales] key, None when it was left to the default."""
        return {"preaviso_minimo_dias": self.min_notice_days, "plazo_pago_maximo_dias": self.max_payment_days,
                "exigir_intereses_mora": self.require_late_interest or None,
                "interes_mora_mensual": self.monthly_late_interest}[key]

    def enabled(self) -> list[str]:
        return [c for c in check_ids(self.rules) if c not in self.disabled]

    def with_rules(self, folder: str | None) -> "Playbook":
        """--reglas DIR: the user's folder of checks, instead of the playbook's `reglas`."""
        return self if folder is None else replace(self, rules=os.path.abspath(folder))

    def _threshold_of(self, check_id: str) -> str | None:
        return next((spec.threshold for spec in checks(self.perspective, self.rules) if spec.id == check_id), None)

    def severity_of(self, check_id: str, default: str) -> str:
        if self.require_late_interest and self._threshold_of(check_id) == "exigir_intereses_mora":
            return "alta"
        return dict(self.severities).get(check_id, default)

    def with_max_payment_days(self, days: int | None) -> "Playbook":
        return self if days is None else replace(self, max_payment_days=days)

    def apply(self, checks: list) -> list:
        """Drop disabled checks, override severities and turn thresholds into statuses."""
        from .patterns import load_specs
        from .plantillas import load

        words = load("configuracion")
        out = []
        for check in checks:
            if check.id in self.disabled:
                continue
            check.severity = self.severity_of(check.id, check.severity)
            if check.status == "not_applicable":
                out.append(check)
                continue
            threshold = self._threshold_of(check.id)
            days = check.details.get("notice_days") if threshold == "preaviso_minimo_dias" else None
            if self.min_notice_days and days is not None and days < self.min_notice_days:
                if check.status == "ok":
                    spec = load_specs(self.perspective, self.rules)[check.id]
                    check.status, check.message = "weak", spec.messages["weak"]
                    check.recommendation = spec.recommendation
                    check.explanation = ""
                extra = Template(words["preaviso_corto"]).substitute(dias=days, minimo=self.min_notice_days)
                check.explanation = f"{check.explanation} {extra}".strip()
                check.playbook_notes.append({"clave": "preaviso_minimo_dias", "texto": extra, "dias": days,
                                             "minimo": self.min_notice_days})
            if threshold == "exigir_intereses_mora" and self.require_late_interest and check.is_gap:
                check.explanation = f"{check.explanation} {words['mora_exigida']}".strip()
                check.playbook_notes.append({"clave": "exigir_intereses_mora", "texto": words["mora_exigida"]})
            out.append(check)
        return out


def find_config(cwd: Path | None = None) -> tuple[Path, dict, str] | None:
    """./contratos.toml, else ./pyproject.toml when it has [tool.contratos]: (file, table, table name)."""
    cwd = cwd or Path.cwd()
    own = cwd / "contratos.toml"
    if own.is_file():
        return own, _read(own, own.name), ""
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        table = _read(pyproject, pyproject.name).get("tool", {}).get("contratos")
        if table is not None:
            return pyproject, table, PYPROJECT_TABLE
    return None


def load_config(path: str | None = None, cwd: Path | None = None) -> Playbook:
    """The playbook to use: `path` if given, else the one found in `cwd`, else the defaults;
    `path` NO_CONFIG (--sin-config): the defaults, without looking for a file."""
    if path == NO_CONFIG:
        return Playbook(origin="none")
    if path is not None:
        file = Path(path)
        data = _read(file, str(path), "--config")
        if file.name == "pyproject.toml":
            if not isinstance(data.get("tool", {}).get("contratos"), dict):
                raise ConfigError(str(path), f"no tiene la tabla [{PYPROJECT_TABLE}]",
                                  f"Añada [{PYPROJECT_TABLE}] o indique en --config un archivo contratos.toml")
            return replace(parse(data["tool"]["contratos"], str(path), PYPROJECT_TABLE), origin="option")
        return replace(parse(data, str(path)), origin="option")
    found = find_config(cwd)
    if found is None:
        return Playbook()
    file, data, table = found
    return replace(parse(data, os.path.relpath(file), table), origin="found")


def _read(file: Path, shown: str, option: str = "--config") -> dict:
    try:
        return read_toml(file, option)
    except TomlFileError as error:
        cause = "el archivo de configuración no existe" if error.cause == "el archivo no existe" else error.cause
        raise ConfigError(shown, cause, error.hint) from None


def _allowed(values) -> str:
    return ", ".join(str(v) for v in values)


def _table(table: str, section: str = "") -> str:
    """How the user writes that table in this file: [umbrales] or [tool.contratos.umbrales]."""
    return f"[{'.'.join(p for p in (table, section) if p)}]"


def _check_keys(data, allowed, where: str, file: str, table: str) -> None:
    if not isinstance(data, dict):
        raise ConfigError(file, f"'{where}' debe ser una tabla ({_table(table, where)}), no {describe(data)}")
    for key in data:
        if key not in allowed:
            place = f"en {_table(table, where)}" if where or table else "en el nivel superior"
            raise ConfigError(file, f"clave desconocida '{key}' {place}; claves válidas: {_allowed(allowed)}")


def _check_id(value, key: str, file: str, ids: tuple[str, ...]) -> str:
    if value not in ids:
        raise ConfigError(file, f"'{key}': comprobación desconocida {describe(value)}; valores válidos: "
                                f"{_allowed(ids)}")
    return value


def _rules_folder(value, file: str) -> str | None:
    """`reglas = "DIR"`: a folder of the user's check files, relative to the playbook's folder."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(file, f"'reglas' debe ser la ruta de una carpeta (por ejemplo, \"reglas\"), no {describe(value)}")
    folder = Path(os.path.dirname(os.path.abspath(file)), value)
    if not folder.is_dir():
        raise ConfigError(file, f"'reglas': la carpeta {value} no existe (se busca junto a {os.path.basename(file)})",
                          "Indique una carpeta con archivos .toml de reglas")
    return str(folder)


def parse(data: dict, file: str = "contratos.toml", table: str = "") -> Playbook:
    """Validate a playbook table; unknown keys and bad values raise ConfigError. `table` is where the
    playbook lives in its file ("" for contratos.toml, "tool.contratos" for pyproject.toml)."""
    _check_keys(data, _TOP, "", file, table)
    perspective = data.get("perspectiva", "prestador")
    if perspective not in PERSPECTIVES:
        raise ConfigError(file, f"'perspectiva' no admite {describe(perspective)}; valores válidos: "
                                f"{_allowed(PERSPECTIVES)}")
    rules = _rules_folder(data.get("reglas"), file)
    ids = check_ids(rules)  # a bad rule file raises RulesError, naming that file
    wanted = data.get("comprobaciones", {})
    _check_keys(wanted, _CHECKS_KEYS, "comprobaciones", file, table)
    disabled = wanted.get("desactivar", [])
    if not isinstance(disabled, list):
        raise ConfigError(file, f"'comprobaciones.desactivar' debe ser una lista de identificadores "
                                f"(por ejemplo, [\"plazos\"]), no {describe(disabled)}")
    disabled = frozenset(_check_id(v, "comprobaciones.desactivar", file, ids) for v in disabled)
    severities = data.get("severidad", {})
    _check_keys(severities, ids, "severidad", file, table)
    for check_id, value in severities.items():
        if value not in SEVERITIES:
            raise ConfigError(file, f"'severidad.{check_id}' no admite {describe(value)}; valores válidos: "
                                    f"{_allowed(SEVERITIES)}")
    thresholds = data.get("umbrales", {})
    _check_keys(thresholds, tuple(_THRESHOLDS), "umbrales", file, table)
    for key, value in thresholds.items():
        kind, low, high = _THRESHOLDS[key]
        if kind is bool and not isinstance(value, bool):
            raise ConfigError(file, f"'umbrales.{key}' no admite {describe(value)}; valores válidos: true, false")
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high):
            raise ConfigError(file, f"'umbrales.{key}' no admite {describe(value)}; debe ser un número entero "
                                    f"de días entre {low} y {high}")
        if kind is float and (isinstance(value, bool) or not isinstance(value, (int, float))
                              or not low < value <= high):
            raise ConfigError(file, f"'umbrales.{key}' no admite {describe(value)}; debe ser un porcentaje "
                                    f"mensual mayor que {low} y hasta {high} (por ejemplo, 1.5)")
    if perspective == "cliente" and "plazo_pago_maximo_dias" in thresholds:
        raise ConfigError(file, "'umbrales.plazo_pago_maximo_dias' no se aplica con perspectiva = \"cliente\" (un plazo "
                                "de pago largo favorece al cliente)", "Quite esa clave o use perspectiva = \"prestador\"")
    return Playbook(source=file, perspective=perspective, disabled=disabled,
                    severities=tuple(sorted(severities.items())),
                    min_notice_days=thresholds.get("preaviso_minimo_dias") or None,
                    max_payment_days=thresholds.get("plazo_pago_maximo_dias"),
                    require_late_interest=thresholds.get("exigir_intereses_mora", False),
                    monthly_late_interest=thresholds.get("interes_mora_mensual"), rules=rules)
