"""The pre-signing checklist: the report's checks as automatic items, the questions about the client
(plantillas/checklist.toml) with the user's answers, and a verdict with the reasons behind it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from .config import ConfigError
from .formatters.labels import STATUS_LABEL
from .patterns import CORE_CHECKS
from .plantillas import load
from .tomlfile import TomlFileError, describe, read_toml

FIRMAR, NEGOCIAR, NO_ACEPTAR = "firmar", "negociar", "no_aceptar"
_YES = {True: "si", False: "no", "si": "si", "sí": "si", "no": "no", "no_se": "no_se", "no sé": "no_se",
        "no se": "no_se"}


@dataclass
class Question:
    id: str
    text: str
    source: str
    answer: str | None  # "si", "no", "no_se" or None (unanswered)
    red_flag: bool
    serious: bool
    reason: str


@dataclass
class Checklist:
    report: object
    questions: list[Question]
    verdict: str  # FIRMAR, NEGOCIAR or NO_ACEPTAR
    reasons: list[str] = field(default_factory=list)
    fail_on: str = "alta"

    @property
    def verdict_label(self) -> str:
        return load("checklist")["veredictos"][self.verdict]

    @property
    def exit_code(self) -> int:
        """0 firmar, 1 negociar or no aceptar, 2 the file could not be read."""
        if not self.report.readable:
            return 2
        return 0 if self.verdict == FIRMAR else 1


_ANSWERS_HINT = "Corrija el archivo de respuestas (--respuestas)"
_VALID = 'valores válidos: true, false, "si", "no", "no_se"'


def load_answers(path: str | None) -> dict[str, str]:
    """The --respuestas file: question id = true/false or "si"/"no"/"no_se", at the top level or in a
    [respuestas] table (or both). Anything else raises ConfigError with one Spanish line."""
    if path is None:
        return {}
    try:
        data = read_toml(Path(path), "--respuestas")
    except TomlFileError as error:
        cause = "el archivo de respuestas no existe" if error.cause == "el archivo no existe" else error.cause
        raise ConfigError(path, cause, error.hint) from None
    table = data.pop("respuestas", {})
    if not isinstance(table, dict):
        raise ConfigError(path, f"'respuestas' debe ser una tabla ([respuestas]) con una respuesta por pregunta, "
                                f"no {describe(table)}", _ANSWERS_HINT)
    twice = sorted(set(data) & set(table))
    if twice:
        raise ConfigError(path, f"la pregunta '{twice[0]}' está respondida dos veces (fuera y dentro de "
                                "[respuestas])", "Deje una sola respuesta por pregunta")
    ids = [q["id"] for q in load("checklist")["preguntas"]]
    answers = {}
    for key, value in {**data, **table}.items():
        if key not in ids:
            raise ConfigError(path, f"pregunta desconocida '{key}'; preguntas válidas: {', '.join(ids)}", _ANSWERS_HINT)
        normal = _YES.get(value.strip().lower()) if isinstance(value, str) else (
            _YES[value] if isinstance(value, bool) else None)  # 1 and 0 are not answers
        if normal is None:
            raise ConfigError(path, f"'{key}' no admite {describe(value)}; {_VALID}", _ANSWERS_HINT)
        answers[key] = normal
    return answers


def build(report, answers: dict[str, str], fail_on: str = "alta") -> Checklist:
    data = load("checklist")
    words = data["motivos"]
    questions = [Question(q["id"], q["texto"], q["fuente"], answers.get(q["id"]),
                          answers.get(q["id"]) == q["alarma"], bool(q["grave"]), q["motivo"])
                 for q in data["preguntas"]]
    stop, negotiate = [], []
    stop += [q.reason for q in questions if q.red_flag and q.serious]
    missing_core = [c for c in report.checks if c.id in CORE_CHECKS and c.status == "missing"]
    if len(missing_core) >= data["veredicto"]["principales_faltantes_para_no_aceptar"]:
        stop.append(Template(words["principales_faltantes"]).substitute(
            n=len(missing_core), nombres=", ".join(c.name for c in missing_core)))
    if report.checks and all(c.status == "not_applicable" for c in report.checks):
        negotiate.append(words["no_aplica"])
    negotiate += [Template(words["hueco"]).substitute(nombre=c.name, estado=STATUS_LABEL[c.status],
                                                      prioridad=c.severity, mensaje=c.message)
                  for c in report.failing(fail_on)]
    negotiate += [q.reason for q in questions if q.red_flag and not q.serious]
    negotiate += [Template(words["dudosa"]).substitute(texto=q.text) for q in questions if q.answer == "no_se"]
    negotiate += [Template(words["sin_responder"]).substitute(texto=q.text) for q in questions if q.answer is None]
    if stop:
        return Checklist(report, questions, NO_ACEPTAR, stop + negotiate, fail_on)
    if negotiate:
        return Checklist(report, questions, NEGOCIAR, negotiate, fail_on)
    return Checklist(report, questions, FIRMAR, [Template(words["firmar"]).substitute(prioridad=fail_on)], fail_on)
