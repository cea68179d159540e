"""What the page sends besides the file: its settings (perspective and playbook thresholds, kept in
the browser) turned into a config.Playbook, the checklist answers and the letter's options, each
checked with a one-line Spanish message naming the field and what it accepts."""
from __future__ import annotations

import json
from dataclasses import replace

from ..carta import REASONS, TYPES
from ..checklist import questions_for
from ..checkschema import PERSPECTIVES, SEVERITIES
from ..config import ConfigError, Playbook, parse

ANSWERS = ("si", "no", "no_se")
FORMATS = ("json", "html")
CHECKLIST_FORMATS = ("json", "html", "markdown")
_TRUE, _FALSE = ("1", "true", "si", "sí", "on"), ("", "0", "false", "no", "off")


class RequestError(Exception):
    """A request the app cannot serve: HTTP status, a stable code and a Spanish message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _bad(field: str, value, allowed: str) -> RequestError:
    return RequestError(422, "bad_setting", f"el campo '{field}' no admite '{value}'; {allowed}")


def choice(field: str, value: str | None, allowed, default: str) -> str:
    value = (value or default).strip()
    if value not in allowed:
        raise _bad(field, value, "valores válidos: " + ", ".join(allowed))
    return value


def flag(field: str, value: str | None) -> bool:
    value = (value or "").strip().lower()
    if value not in _TRUE + _FALSE:
        raise _bad(field, value, "valores válidos: true o false")
    return value in _TRUE


def _number(field: str, value: str, kind):
    try:
        return kind(value.strip().replace(",", "."))
    except ValueError:
        what = "un número entero de días" if kind is int else "un número (por ejemplo, 1.5)"
        raise _bad(field, value, f"debe ser {what}") from None


def playbook(fields: dict) -> Playbook:
    """The playbook for the page's settings; the rules and messages of config.parse, for a form."""
    data: dict = {"perspectiva": choice("perspectiva", fields.get("perspectiva"), PERSPECTIVES, "prestador")}
    thresholds = {}
    for key in ("preaviso_minimo_dias", "plazo_pago_maximo_dias"):
        if (fields.get(key) or "").strip():
            thresholds[key] = _number(key, fields[key], int)
    if (fields.get("interes_mora_mensual") or "").strip():
        thresholds["interes_mora_mensual"] = _number("interes_mora_mensual", fields["interes_mora_mensual"], float)
    if flag("exigir_intereses_mora", fields.get("exigir_intereses_mora")):
        thresholds["exigir_intereses_mora"] = True
    if thresholds:
        data["umbrales"] = thresholds
    if data == {"perspectiva": "prestador"}:
        return Playbook()  # nothing set: the defaults, reported as the command line reports them
    try:
        return replace(parse(data, "ajustes"), source=None, origin="web")
    except ConfigError as error:
        message = error.message.removeprefix("ajustes: ").replace("Corrija el archivo de configuración",
                                                                  "Corrija los ajustes de la página")
        raise RequestError(422, "bad_setting", message.rstrip(".")) from None


def analysis_options(fields: dict) -> dict:
    return {"config": playbook(fields), "force": flag("forzar", fields.get("forzar"))}


def answers(raw: str | None, perspective: str) -> dict[str, str]:
    """The checklist answers: a JSON object {question id: "si" | "no" | "no_se"}; "" or null for none."""
    if not (raw or "").strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise RequestError(422, "bad_answers", "'respuestas' debe ser un objeto JSON, por ejemplo "
                                               "{\"paga_a_tiempo\": \"si\"}")
    ids = [q["id"] for q in questions_for(perspective)]
    out = {}
    for key, value in data.items():
        if key not in ids:
            raise RequestError(422, "bad_answers", f"pregunta desconocida '{key}'; preguntas válidas: {', '.join(ids)}")
        if value is None:
            continue
        if value not in ANSWERS:
            raise RequestError(422, "bad_answers", f"la respuesta a '{key}' no admite {json.dumps(value, ensure_ascii=False)}; "
                                                   "valores válidos: \"si\", \"no\", \"no_se\"")
        out[key] = value
    return out


def letter_options(fields: dict) -> dict:
    """The options of `contratos carta` (--tipo, --cliente, --firma, --motivo, --recomendar, --hasta)."""
    if not (fields.get("tipo") or "").strip():
        raise RequestError(422, "bad_setting", "falta el campo 'tipo'; valores válidos: " + ", ".join(TYPES))
    return {"kind": choice("tipo", fields.get("tipo"), TYPES, ""),
            "client": (fields.get("cliente") or "").strip()[:200],
            "signature": (fields.get("firma") or "").strip()[:200],
            "reason": choice("motivo", fields.get("motivo"), REASONS, "condiciones"),
            "recommend": (fields.get("recomendar") or "").strip()[:200],
            "up_to": choice("hasta", fields.get("hasta"), SEVERITIES, "media")}
