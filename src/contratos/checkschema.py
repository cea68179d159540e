"""The keys a check file under patterns/ (or in a user's folder of rules) may hold, their types and
allowed values, and the one-line Spanish error that names the file and the key when one is wrong."""
from __future__ import annotations

import re
from pathlib import Path

SEVERITIES = ("alta", "media", "baja")  # most severe first
PERSPECTIVES = ("prestador", "cliente")
ANALYSIS_LEVELS = ("lexico", "morfologia", "sintaxis")
STATUSES = ("ok", "weak", "missing")
# how a check is run: "generico" reads only its data (checks/simple.py), "huecos" lists template blanks
# (checks/vacios.py); the three core checks have runners of their own (checks/__init__.py RUNNERS)
RUNNERS = ("generico", "huecos", "alcance", "pago", "rescision")
GENDERS = {"masculino": "o", "femenino": "a"}  # the adjective ending that agrees with a check's word
# the playbook thresholds ([umbrales] of contratos.toml) a check can declare as its own (`umbral`)
THRESHOLDS = ("preaviso_minimo_dias", "exigir_intereses_mora")

_TYPE_NAMES = {str: "un texto", int: "un número entero", bool: "true o false", list: "una lista",
               dict: "una tabla"}
# key -> type, for every check whatever its runner
COMMON = {"id": str, "orden": int, "principal": bool, "ejecutor": str, "nombre": str, "palabra": str,
          "genero": str, "detecta": str, "severidad": str, "titulo": str, "por_que": str, "recomendacion": str,
          "ejemplo": str, "sin_clausula": str, "mensajes": dict, "encabezados": str, "seleccion": list,
          "etiquetas": dict, "analisis": str, "vecinas": bool, "umbral": str, "rellenar": dict, "textos": dict,
          "perspectiva_cliente": dict, "casos": list}
# the keys each runner reads besides COMMON
BY_RUNNER = {
    "generico": {"ok_si": list, "ok_si_juntos": list, "debil_si": list, "prioridad": str, "rol_ok": str,
                 "rol_debil": str, "excluir": list, "excluir_con": list, "ignorar_negacion": list,
                 "sin_hallazgo": str, "excluir_debil": list, "rol_no": str, "actor_de": list,
                 "sin_parte": list, "rol_no_debil": list},
    "huecos": {"huecos": list},
    "alcance": {"genericos": list, "minimo_especifico": int, "huecos_de_alcance": str, "huecos_de_datos": str,
                "asesoria": str, "medida": str, "antecedentes_si_falta": bool, "propuestas": list,
                "marca_de_lista": str, "anexo_minimo": int, "anexo_aparte": str},
    "pago": {"titulos_ajenos": str, "comision": str, "monedas": list, "cotizaciones": list, "extras": list,
             "precio_del_trabajo": list, "columna_de_precio": str},
    "rescision": {"objetos_contrato": list, "objetos_relacion": list, "otros_sentidos": list, "permiso": list,
                  "pago_trabajo": list, "lista_motivos": str, "item_sin_causa": str, "item_con_causa": str,
                  "prohibicion": list, "palabras_de_salida": str, "formas_de_pago": str, "perdida_pago": list,
                  "titulos_terminacion": str, "personas_inscritas": list},
}
REQUIRED = ("id", "nombre", "severidad", "mensajes", "por_que", "recomendacion", "etiquetas")
# keys whose value is a regular expression, or a list of them
_REGEX = {"encabezados", "seleccion", "huecos", "anexo_aparte", "huecos_de_alcance", "huecos_de_datos", "asesoria", "medida",
          "lista_motivos", "item_sin_causa", "item_con_causa", "titulos_ajenos", "comision", "palabras_de_salida",
          "formas_de_pago", "marca_de_lista", "columna_de_precio", "titulos_terminacion", "actor_de"}
_CHOICES = {"severidad": SEVERITIES, "analisis": ANALYSIS_LEVELS, "ejecutor": RUNNERS, "genero": tuple(GENDERS),
            "prioridad": ("debil", "ok"), "rol_ok": ("client", "provider"), "rol_debil": ("client", "provider"),
            "rol_no": ("client", "provider"), "sin_hallazgo": STATUSES, "umbral": THRESHOLDS}
_CASE_KEYS = {"nota": str, "estado": str, "texto": str, "detalles": dict, "perspectiva": str}
_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
# what only the files shipped with contratos may declare (a user's check is a generic one)
BUILT_IN_ONLY = ("principal", "umbral")


class RulesError(Exception):
    """A check file that cannot be used: one Spanish line naming the file, the key and what to do."""

    def __init__(self, path: Path | str, cause: str, hint: str = "Corrija el archivo de reglas"):
        self.message = f"{path}: {cause}. {hint}"
        super().__init__(self.message)


def _allowed(values) -> str:
    return ", ".join(str(v) for v in values)


def _check_type(path, key: str, value, kind) -> None:
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise RulesError(path, f"la clave '{key}' debe ser {_TYPE_NAMES[kind]}, no {type(value).__name__}")


def _check_regexes(path, key: str, value) -> None:
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, str):
            raise RulesError(path, f"la clave '{key}' debe ser una lista de expresiones regulares (textos)")
        try:
            re.compile(item)
        except re.error as error:
            raise RulesError(path, f"la expresión regular de '{key}' no es válida ({item!r}: {error.msg})",
                             "Corríjala; puede probarla con contratos reglas --probar") from None


def _check_keys(path, data: dict, allowed: dict, where: str = "") -> None:
    for key, value in data.items():
        if key not in allowed:
            raise RulesError(path, f"clave desconocida '{where}{key}'; claves válidas: {_allowed(sorted(allowed))}")
        _check_type(path, where + key, value, allowed[key])
        if key in _CHOICES and value not in _CHOICES[key]:
            raise RulesError(path, f"'{where}{key}' no admite {value!r}; valores válidos: {_allowed(_CHOICES[key])}")
        if key in _REGEX:
            _check_regexes(path, where + key, value)


def validate(data: dict, path: Path, built_in: bool = True) -> None:
    """Raise RulesError for the first unknown key, wrong type or value, bad regex or missing key."""
    runner = data.get("ejecutor", "generico")
    allowed = {**COMMON, **BY_RUNNER.get(runner, {})}
    _check_keys(path, data, allowed)
    missing = [key for key in REQUIRED + (() if not built_in else ("orden",)) if key not in data]
    if data.get("principal"):
        missing += [key for key in ("palabra", "genero") if key not in data]
    if runner == "generico" and not ("seleccion" in data or "encabezados" in data):
        missing.append("seleccion")
    if missing:
        raise RulesError(path, f"falta la clave '{missing[0]}'")
    if not _ID.match(data["id"]):
        raise RulesError(path, f"'id' no admite {data['id']!r}: use de 2 a 40 letras minúsculas sin tildes, "
                               "números o _ (por ejemplo, propiedad_intelectual)")
    if not built_in:
        for key in BUILT_IN_ONLY:
            if key in data:
                raise RulesError(path, f"la clave '{key}' solo la usan las comprobaciones que trae contratos",
                                 "Quítela del archivo")
        if runner != "generico":
            raise RulesError(path, f"'ejecutor' no admite {runner!r} en una regla propia; use \"generico\"")
    if set(data["mensajes"]) != set(STATUSES):
        raise RulesError(path, f"'mensajes' debe tener exactamente {_allowed(STATUSES)}")
    _check_labels(path, data)
    over = data.get("perspectiva_cliente", {})
    _check_keys(path, over, {k: v for k, v in allowed.items() if k not in ("id", "casos", "perspectiva_cliente")},
                "perspectiva_cliente.")
    for i, case in enumerate(data.get("casos", [])):
        _check_case(path, case, i + 1)


def _check_labels(path, data: dict) -> None:
    labels = data["etiquetas"]
    for label, patterns in labels.items():
        if not isinstance(patterns, list) or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p)
                                                     for p in patterns):
            raise RulesError(path, f"'etiquetas.{label}' debe ser una lista de patrones, cada uno una lista de "
                                   "tablas de token (por ejemplo, [[{LEMMA = \"ceder\"}]])")
    for key in ("ok_si", "debil_si", "excluir", "ignorar_negacion", "sin_parte"):
        for label in data.get(key, []):
            if label not in labels:
                raise RulesError(path, f"'{key}' nombra la etiqueta {label!r}, que no está en [etiquetas]")
    for pair in data.get("rol_no_debil", []):
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] in labels and pair[1] in ("client", "provider")):
            raise RulesError(path, f"'rol_no_debil' admite pares [etiqueta de [etiquetas], \"client\" o \"provider\"], "
                                   f"no {pair!r}")
    for pair in data.get("ok_si_juntos", []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(label in labels for label in pair)):
            raise RulesError(path, f"'ok_si_juntos' admite pares de etiquetas de [etiquetas], no {pair!r}")


def _check_case(path, case, number: int) -> None:
    if not isinstance(case, dict):
        raise RulesError(path, f"el caso {number} de [[casos]] debe ser una tabla")
    _check_keys(path, case, _CASE_KEYS, "casos.")
    for key in ("estado", "texto"):
        if key not in case:
            raise RulesError(path, f"falta la clave 'casos.{key}' en el caso {number}")
    if case["estado"] not in STATUSES + ("not_applicable",):
        raise RulesError(path, f"'casos.estado' no admite {case['estado']!r} (caso {number}); valores válidos: "
                               f"{_allowed(STATUSES)}")
