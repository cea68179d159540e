"""The playbook: which checks run, their severities, thresholds and perspective, read from
`--config FILE`, ./contratos.toml or [tool.contratos] in ./pyproject.toml, validated into a frozen
Playbook that post-processes check results in one place (`Playbook.apply`)."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from string import Template

from .patterns import CHECK_FILES, SEVERITIES

PERSPECTIVES = ("prestador", "cliente")
_TOP = ("perspectiva", "comprobaciones", "severidad", "umbrales")
_CHECKS_KEYS = ("desactivar",)
# threshold key -> (type, lowest, highest)
_THRESHOLDS = {"preaviso_minimo_dias": (int, 0, 365), "plazo_pago_maximo_dias": (int, 1, 365),
               "exigir_intereses_mora": (bool, None, None)}


class ConfigError(Exception):
    """A playbook that cannot be used: the file, the key and what is allowed, in Spanish."""

    def __init__(self, file: str, cause: str, hint: str = "Corrija el archivo de configuración"):
        super().__init__(f"{file}: {cause}. {hint}")
        self.message = f"{file}: {cause}. {hint}"


@dataclass(frozen=True)
class Playbook:
    source: str | None = None  # the file it came from, None for the defaults
    perspective: str = "prestador"
    disabled: frozenset[str] = frozenset()
    severities: tuple[tuple[str, str], ...] = ()  # (check id, severity) overrides
    min_notice_days: int | None = None
    max_payment_days: int = 60
    require_late_interest: bool = False

    def enabled(self) -> list[str]:
        return [c for c in CHECK_FILES if c not in self.disabled]

    def severity_of(self, check_id: str, default: str) -> str:
        if check_id == "mora" and self.require_late_interest:
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
            days = check.details.get("notice_days") if check.id == "rescision" else None
            if self.min_notice_days and days is not None and days < self.min_notice_days:
                if check.status == "ok":
                    spec = load_specs()["rescision"]
                    check.status, check.message = "weak", spec.messages["weak"]
                    check.recommendation = spec.recommendation
                    check.explanation = ""
                extra = Template(words["preaviso_corto"]).substitute(dias=days, minimo=self.min_notice_days)
                check.explanation = f"{check.explanation} {extra}".strip()
            if check.id == "mora" and self.require_late_interest and check.is_gap:
                check.explanation = f"{check.explanation} {words['mora_exigida']}".strip()
            out.append(check)
        return out


def find_config(cwd: Path | None = None) -> tuple[Path, dict] | None:
    """./contratos.toml, else ./pyproject.toml when it has [tool.contratos]: (file, table)."""
    cwd = cwd or Path.cwd()
    own = cwd / "contratos.toml"
    if own.is_file():
        return own, _read(own)
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        table = _read(pyproject).get("tool", {}).get("contratos")
        if table is not None:
            return pyproject, table
    return None


def load_config(path: str | None = None, cwd: Path | None = None) -> Playbook:
    """The playbook to use: `path` if given, else the one found in `cwd`, else the defaults."""
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(str(path), "el archivo de configuración no existe",
                              "Revise la ruta de --config")
        data = _read(file)
        if file.name == "pyproject.toml":
            data = data.get("tool", {}).get("contratos", {})
        return parse(data, str(path))
    found = find_config(cwd)
    if found is None:
        return Playbook()
    file, data = found
    return parse(data, os.path.relpath(file))


def _read(file: Path) -> dict:
    try:
        with file.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(file), f"no es TOML válido ({exc})", "Corrija la sintaxis del archivo") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(file), f"no se pudo leer ({type(exc).__name__})",
                          "Compruebe que es un archivo de texto UTF-8 legible") from None


def _allowed(values) -> str:
    return ", ".join(str(v) for v in values)


def _check_keys(table, allowed, where: str, file: str) -> None:
    if not isinstance(table, dict):
        raise ConfigError(file, f"'{where}' debe ser una tabla ([{where}])")
    for key in table:
        if key not in allowed:
            place = f"en [{where}]" if where else "en el nivel superior"
            raise ConfigError(file, f"clave desconocida '{key}' {place}; claves válidas: {_allowed(allowed)}")


def _check_id(value, key: str, file: str) -> str:
    if value not in CHECK_FILES:
        raise ConfigError(file, f"'{key}': comprobación desconocida '{value}'; valores válidos: "
                                f"{_allowed(CHECK_FILES)}")
    return value


def parse(data: dict, file: str = "contratos.toml") -> Playbook:
    """Validate a playbook table; unknown keys and bad values raise ConfigError."""
    _check_keys(data, _TOP, "", file)
    perspective = data.get("perspectiva", "prestador")
    if perspective not in PERSPECTIVES:
        raise ConfigError(file, f"'perspectiva' no admite {perspective!r}; valores válidos: {_allowed(PERSPECTIVES)}")
    checks = data.get("comprobaciones", {})
    _check_keys(checks, _CHECKS_KEYS, "comprobaciones", file)
    disabled = checks.get("desactivar", [])
    if not isinstance(disabled, list):
        raise ConfigError(file, "'comprobaciones.desactivar' debe ser una lista de identificadores")
    disabled = frozenset(_check_id(v, "comprobaciones.desactivar", file) for v in disabled)
    severities = data.get("severidad", {})
    _check_keys(severities, CHECK_FILES, "severidad", file)
    for check_id, value in severities.items():
        if value not in SEVERITIES:
            raise ConfigError(file, f"'severidad.{check_id}' no admite {value!r}; valores válidos: "
                                    f"{_allowed(SEVERITIES)}")
    thresholds = data.get("umbrales", {})
    _check_keys(thresholds, tuple(_THRESHOLDS), "umbrales", file)
    for key, value in thresholds.items():
        kind, low, high = _THRESHOLDS[key]
        if kind is bool and not isinstance(value, bool):
            raise ConfigError(file, f"'umbrales.{key}' no admite {value!r}; valores válidos: true, false")
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high):
            raise ConfigError(file, f"'umbrales.{key}' no admite {value!r}; debe ser un número entero "
                                    f"de días entre {low} y {high}")
    return Playbook(source=file, perspective=perspective, disabled=disabled,
                    severities=tuple(sorted(severities.items())),
                    min_notice_days=thresholds.get("preaviso_minimo_dias") or None,
                    max_payment_days=thresholds.get("plazo_pago_maximo_dias", 60),
                    require_late_interest=thresholds.get("exigir_intereses_mora", False))
