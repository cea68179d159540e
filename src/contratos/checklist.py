"""The pre-signing checklist: the report's checks as automatic items, the questions about the other
party (plantillas/checklist.toml: about the client, or about the provider with perspectiva = "cliente")
with the user's answers, and a verdict with the reasons behind it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from .carta import not_reviewed
from .config import ConfigError
from .patterns import core_ids
from .plantillas import load, load_for
from .tomlfile import TomlFileError, describe, read_toml
from .words import PRIORITY_RANGE, STATUS_LABEL

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
    notes: list[str] = field(default_factory=list)  # unanswered questions, checks not reviewed: no effect
    # plantillas/checklist.toml for the report's perspective: the titles and labels the renderers print
    words: dict = field(default_factory=dict, repr=False)

    @property
    def pending(self) -> list[Question]:
        return [q for q in self.questions if q.answer is None]

    @property
    def verdict_label(self) -> str:
        return self.words["veredictos_pendientes" if self.pending else "veredictos"][self.verdict]

    @property
    def exit_code(self) -> int:
        """0 firmar, 1 negociar or no aceptar, 2 the file could not be read."""
        if not self.report.readable:
            return 2
        return 0 if self.verdict == FIRMAR else 1


class CannotJudge(Exception):
    """No verdict and no letter for this report: not a service contract, or nothing was reviewed.
    `cause` and `hint` make the one Spanish line on stderr."""

    def __init__(self, cause: str, hint: str):
        super().__init__(f"{cause}. {hint}")
        self.cause, self.hint = cause, hint


def cannot_judge(report) -> CannotJudge | None:
    """Why contratos cannot give a verdict (or write a letter) on this report, or None. Like `check`,
    a document that is not a Spanish service contract is not judged unless --forzar; and a playbook
    that disables every check leaves nothing to judge."""
    words = load("checklist")["sin_veredicto"]
    if report.not_applicable_reason:
        reason = report.not_applicable_reason.rstrip(".")
        reason = reason[:1].lower() + reason[1:]
        return CannotJudge(Template(words["no_aplica"]).substitute(motivo=reason + ":"), words["no_aplica_consejo"])
    if not report.checks:
        source = (report.playbook() or {}).get("source") or "por omisión"
        return CannotJudge(Template(words["nada_revisado"]).substitute(origen=source), words["nada_revisado_consejo"])
    return None


def questions_for(perspective: str = "prestador") -> list[dict]:
    """The questions about the other party: about the client, or about the provider for a client."""
    return load_for("checklist", perspective)["preguntas"]


_ANSWERS_HINT = "Corrija el archivo de respuestas (--respuestas)"
_VALID = 'valores válidos: true, false, "si", "no", "no_se"'


def load_answers(path: str | None, perspective: str = "prestador") -> dict[str, str]:
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
    ids = [q["id"] for q in questions_for(perspective)]
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
    """The verdict from the contract and the answers given. Unanswered questions are listed as pending
    notes and do not by themselves change the verdict; "no sé" is a doubt to clear (negociar).
    Raises CannotJudge for a report that cannot be judged (see cannot_judge)."""
    problem = cannot_judge(report)
    if problem is not None:
        raise problem
    data = load_for("checklist", report.perspective)
    words = data["motivos"]
    questions = [Question(q["id"], q["texto"], q["fuente"], answers.get(q["id"]),
                          answers.get(q["id"]) == q["alarma"], bool(q["grave"]), q["motivo"])
                 for q in data["preguntas"]]
    stop, negotiate = [], []
    stop += [q.reason for q in questions if q.red_flag and q.serious]
    missing_core = [c for c in report.checks if c.id in core_ids() and c.status == "missing"]
    if len(missing_core) >= data["veredicto"]["principales_faltantes_para_no_aceptar"]:
        stop.append(Template(words["principales_faltantes"]).substitute(
            n=len(missing_core), nombres=", ".join(c.name for c in missing_core)))
    negotiate += [Template(words["hueco"]).substitute(nombre=c.name, estado=STATUS_LABEL[c.status],
                                                      prioridad=c.severity, explicacion=c.explanation or c.message)
                  for c in report.failing(fail_on)]
    negotiate += [q.reason for q in questions if q.red_flag and not q.serious]
    negotiate += [Template(words["dudosa"]).substitute(texto=q.text) for q in questions if q.answer == "no_se"]
    # what to ask for although it is not a gap (rescisión without notice or pay for work done), first
    notes = [Template(words["pedir"]).substitute(nombre=c.name, explicacion=c.explanation)
             for c in report.checks if c.status == "ok" and c.details.get("to_ask")]
    pending = [q for q in questions if q.answer is None]
    if pending:
        notes.append(Template(words["pendientes" if len(pending) > 1 else "pendiente"]).substitute(n=len(pending)))
        notes += [Template(words["sin_responder"]).substitute(texto=q.text) for q in pending]
    off = not_reviewed(report)
    if off:
        notes.append(Template(words["no_revisadas"]).substitute(nombres="; ".join(off)))
    if stop:
        return Checklist(report, questions, NO_ACEPTAR, stop + negotiate, notes, data)
    if negotiate:
        return Checklist(report, questions, NEGOCIAR, negotiate, notes, data)
    answered = any(q.answer is not None for q in questions)
    why = Template(words["firmar" if answered else "firmar_sin_respuestas"]).substitute(rango=PRIORITY_RANGE[fail_on])
    return Checklist(report, questions, FIRMAR, [why], notes, data)
