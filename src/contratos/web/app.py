"""The web app's routes (FastAPI): the page, its assets and docs, and the API. Every answer comes
from the same report model and formatters as the command line: /api/check is `check --format json`
(or html), /api/checklist is `checklist`, /api/carta is `carta`, /api/exportar is `scan`'s CSV and
JSON writers. `create_app` wraps the routes in the guards of security.py."""
from __future__ import annotations

import io
import json
from typing import Annotated

from fastapi import Body, Depends, FastAPI, File, Form, Query, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from .. import __version__
from ..formatters import FORMATS as FORMATTERS, render
from . import page
from .analysis import Analyser, client_name
from .forms import CHECKLIST_FORMATS, FORMATS, RequestError, analysis_options, answers, choice, letter_options
from .security import BodyLimit, Guard

MEGABYTE = 1_000_000
_NO_STORE = {"cache-control": "no-store"}
_JSON = "application/json"


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=_NO_STORE)


def _settings(
    perspectiva: Annotated[str | None, Form(description="prestador (por omisión) o cliente")] = None,
    preaviso_minimo_dias: Annotated[str | None, Form(description="Preaviso mínimo aceptable, en días (0 a 365)")] = None,
    plazo_pago_maximo_dias: Annotated[str | None, Form(description="Plazo de pago máximo, en días (1 a 365; "
                                                                   "solo con perspectiva prestador)")] = None,
    exigir_intereses_mora: Annotated[str | None, Form(description="true: la falta de intereses de mora es "
                                                                  "prioridad alta")] = None,
    interes_mora_mensual: Annotated[str | None, Form(description="Interés de mora mensual para la cláusula "
                                                                 "propuesta (por ejemplo, 1.5)")] = None,
    forzar: Annotated[str | None, Form(description="true: revisa aunque no parezca un contrato de servicios "
                                                   "en español")] = None,
) -> dict:
    return {k: v for k, v in locals().items() if v is not None}


Archivo = Annotated[UploadFile, File(description="El contrato (.docx, .pdf, .odt, .rtf, .html, .txt o .md)")]
Settings = Annotated[dict, Depends(_settings)]


def build_app(analyser: Analyser, max_bytes: int) -> FastAPI:
    app = FastAPI(title="contratos web", version=__version__, docs_url=None, redoc_url=None,
                  description="Revisa contratos de servicios en español desde el navegador. La misma revisión "
                              "que la orden `contratos`, sin terminal.")

    async def report_of(archivo: UploadFile, options: dict):
        return await analyser.report_for(archivo.file, client_name(archivo.filename), options)

    @app.exception_handler(RequestError)
    async def request_error(request, exc: RequestError):
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request, exc: RequestValidationError):
        problems = []
        for item in exc.errors():
            field = str(item.get("loc", ["", "?"])[-1])
            problems.append(f"falta el campo '{field}'" if item.get("type") == "missing"
                            else f"el campo '{field}' no es válido")
        return _error(400, "bad_request", "; ".join(dict.fromkeys(problems)) or "la petición no es válida")

    @app.exception_handler(HTTPException)
    async def http_error(request, exc: HTTPException):
        words = {404: "esta dirección no existe en contratos web", 405: "esta dirección no admite ese método"}
        return _error(exc.status_code, "not_found" if exc.status_code == 404 else "bad_request",
                      words.get(exc.status_code, "la petición no es válida"))

    @app.exception_handler(Exception)
    async def internal(request, exc: Exception):  # the traceback goes to the server's terminal only
        return _error(500, "internal", "error interno del servidor. Vuelva a intentarlo; si se repite, informe "
                                       "del fallo")

    @app.get("/", include_in_schema=False)
    async def index():
        return HTMLResponse(page.index(max_bytes), headers=_NO_STORE)

    @app.get("/recursos/{name}", include_in_schema=False)
    async def asset(name: str):
        found = page.asset(name)
        if found is None:
            return _error(404, "not_found", "esta dirección no existe en contratos web")
        body, kind = found
        return Response(body, media_type=kind, headers={"cache-control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    async def docs():
        return HTMLResponse(page.docs(app.openapi()))

    @app.post("/api/check", summary="Revisa un contrato",
              description="El mismo informe que `contratos check --format json` (schema_version 1), o la página "
                          "de `--format html` con formato=html. Un archivo que no se puede leer: HTTP 422 con el "
                          "mismo informe (readable: false y error.code, error.message en español).")
    async def check(archivo: Archivo, settings: Settings,
                    formato: Annotated[str, Query(description="json o html")] = "json"):
        fmt = choice("formato", formato, FORMATS, "json")
        report = await report_of(archivo, analysis_options(settings))
        status = 200 if report.readable else 422
        return Response(render(report, fmt), status_code=status, headers=_NO_STORE,
                        media_type=_JSON if fmt == "json" else "text/html; charset=utf-8")

    @app.post("/api/checklist", summary="Lista de verificación y veredicto",
              description="Como `contratos checklist`: las comprobaciones, las preguntas sobre la otra parte con "
                          "las respuestas dadas y el veredicto (firmar, negociar o no_aceptar). formato=json (por "
                          "omisión), html (la página de `--format html`) o markdown.")
    async def checklist(archivo: Archivo, settings: Settings,
                        respuestas: Annotated[str | None, Form(description="JSON: {\"id de pregunta\": \"si\" | "
                                                                           "\"no\" | \"no_se\"}")] = None,
                        formato: Annotated[str, Query(description="json, html o markdown")] = "json"):
        from ..checklist import CannotJudge, build

        fmt = choice("formato", formato, CHECKLIST_FORMATS, "json")
        options = analysis_options(settings)
        given = answers(respuestas, options["config"].perspective)
        report = await report_of(archivo, options)
        if not report.readable:
            return Response(render(report, "json"), status_code=422, media_type=_JSON, headers=_NO_STORE)
        try:
            result = build(report, given)
        except CannotJudge as problem:
            return _error(422, "sin_veredicto", str(problem))
        if fmt == "html":
            return HTMLResponse(FORMATTERS["checklist"]["html"](result), headers=_NO_STORE)
        if fmt == "markdown":
            return Response(FORMATTERS["checklist"]["markdown"](result), media_type="text/markdown; charset=utf-8",
                            headers=_NO_STORE)
        return JSONResponse(checklist_dict(result), headers=_NO_STORE)

    @app.post("/api/carta", summary="Carta a la otra parte",
              description="Como `contratos carta`: un correo que pide los cambios (tipo=negociar) o declina el "
                          "proyecto (tipo=declinar). Devuelve {\"carta\": texto, \"avisos\": [...]}.")
    async def carta(archivo: Archivo, settings: Settings,
                    tipo: Annotated[str, Form(description="negociar o declinar")] = "",
                    cliente: Annotated[str, Form(description="A quién va dirigida")] = "",
                    firma: Annotated[str, Form(description="Su nombre, al pie")] = "",
                    motivo: Annotated[str, Form(description="condiciones, tiempo o especialidad "
                                                            "(declinar)")] = "condiciones",
                    recomendar: Annotated[str, Form(description="A quién recomienda (declinar)")] = "",
                    hasta: Annotated[str, Form(description="alta, media (por omisión) o baja")] = "media"):
        from ..carta import letter_notes, write_letter
        from ..checklist import cannot_judge

        letter = letter_options(locals())
        report = await report_of(archivo, analysis_options(settings))
        if not report.readable:
            return Response(render(report, "json"), status_code=422, media_type=_JSON, headers=_NO_STORE)
        problem = cannot_judge(report)
        if problem is not None:
            return _error(422, "sin_veredicto", str(problem))
        text = write_letter(report, letter["kind"], client=letter["client"], signature=letter["signature"],
                            reason=letter["reason"], recommend=letter["recommend"], up_to=letter["up_to"])
        return JSONResponse({"carta": text, "avisos": letter_notes(report, letter["up_to"])}, headers=_NO_STORE)

    @app.post("/api/exportar", summary="Tabla de muchos contratos en CSV o JSON",
              description="Los informes de /api/check, escritos como `contratos scan --format csv` (UTF-8 con "
                          "BOM, para Excel) o `--format json` (todos los informes y un resumen).")
    async def exportar(formato: Annotated[str, Body(description="csv o json")],
                       informes: Annotated[list[dict], Body(description="Los informes JSON de /api/check")]):
        from ..formatters.batch import Totals
        from ..report import Report
        from ..scanrecord import ScanRecord

        fmt = choice("formato", formato, ("csv", "json"), "csv")
        buffer = io.StringIO(newline="")
        # like `scan`, the summary names the rules the files were checked with, when they all share them
        # (settings changed between uploads: each report still says its own)
        shared = {json.dumps(r["playbook"], sort_keys=True): r["playbook"] for r in informes
                  if isinstance(r, dict) and r.get("playbook") is not None}  # an unreadable file has none
        playbook = next(iter(shared.values())) if len(shared) == 1 else None
        writer, totals = FORMATTERS["scan"][fmt](buffer), Totals(planned=len(informes), playbook=playbook)
        try:
            for report in informes:  # each written as it was given, its record from the report it holds
                record = ScanRecord.of(Report.from_dict(report), json.dumps(report, ensure_ascii=False))
                writer.write(record)
                totals.add(record)
        except (KeyError, TypeError, AttributeError, ValueError):
            raise RequestError(422, "bad_reports", "'informes' debe contener los informes tal como los devuelve "
                                                   "/api/check") from None
        writer.close(totals)
        kind = "text/csv; charset=utf-8" if fmt == "csv" else _JSON
        return Response(buffer.getvalue(), media_type=kind,
                        headers={**_NO_STORE, "content-disposition": f"attachment; filename=\"contratos.{fmt}\""})

    return app


def checklist_dict(result) -> dict:
    """The checklist as JSON: the verdict, its reasons, the questions with their answers, the report."""
    return {"schema_version": 1, "veredicto": result.verdict, "etiqueta": result.verdict_label,
            "motivos": list(result.reasons), "notas": list(result.notes),
            "preguntas": [{"id": q.id, "texto": q.text, "fuente": q.source, "respuesta": q.answer,
                           "alarma": q.red_flag} for q in result.questions],
            "informe": result.report.to_dict()}


def create_app(analyser: Analyser, allowed_hosts, token: str | None = None, max_mb: float = 50):
    """The ASGI app: the routes behind the Host / token / origin guard and the upload limit."""
    max_bytes = int(max_mb * MEGABYTE)
    return Guard(BodyLimit(build_app(analyser, max_bytes), max_bytes), allowed_hosts, token)

