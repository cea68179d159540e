"""The page's files (assets/: index.html, app.js, app.css; the report's own style from the HTML
formatter comes first in the stylesheet, so a report looks the same on the page and on disk) and the
Spanish API docs page, rendered on the server from the OpenAPI schema (no external scripts)."""
from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources
from string import Template

from .. import __version__

_TYPES = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}


@lru_cache(maxsize=None)
def _read(name: str) -> str:
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


def index(max_bytes: int) -> str:
    from ..readers import SUPPORTED

    return Template(_read("index.html")).substitute(version=__version__, max_bytes=max_bytes,
                                                    max_mb=f"{max_bytes / 1_000_000:g}", extensions=",".join(SUPPORTED))


def asset(name: str) -> tuple[str, str] | None:
    """(content, media type) of a page asset, None for any other name."""
    if name not in _TYPES:
        return None
    if name == "app.css":
        from ..formatters.html import _STYLE

        return _STYLE + _read("app.css"), _TYPES[name]
    return _read(name), _TYPES[name]


def docs(schema: dict) -> str:
    """The API described in Spanish: each route, its fields and its answers."""
    parts = [f"<h1>API de contratos web {escape(schema['info']['version'])}</h1>",
             f"<p>{escape(schema['info'].get('description', ''))}</p>",
             "<p>El esquema completo (OpenAPI) está en <a href=\"/openapi.json\">/openapi.json</a>. Los errores "
             "llevan <code>{\"error\": {\"code\", \"message\"}}</code> con el mensaje en español.</p>"]
    components = schema.get("components", {}).get("schemas", {})
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            parts.append(f"<section><h2><code>{method.upper()} {escape(path)}</code>: {escape(op.get('summary', ''))}"
                         f"</h2><p>{escape(op.get('description', ''))}</p>")
            fields = [(p["name"], p.get("description", ""), p.get("required", False))
                      for p in op.get("parameters", [])]
            for content in op.get("requestBody", {}).get("content", {}).values():
                body = _resolve(content.get("schema", {}), components)
                required = set(body.get("required", []))
                fields += [(name, _resolve(prop, components).get("description", ""), name in required)
                           for name, prop in body.get("properties", {}).items()]
            if fields:
                parts.append("<table><tr><th>Campo</th><th>Descripción</th></tr>")
                parts += [f"<tr><td><code>{escape(name)}</code>{' (obligatorio)' if required else ''}</td>"
                          f"<td>{escape(text)}</td></tr>" for name, text, required in fields]
                parts.append("</table>")
            parts.append("</section>")
    return ("<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>API de contratos web</title>\n<link rel=\"stylesheet\" href=\"/recursos/app.css\">\n</head>\n"
            "<body>\n<p><a href=\"/\">← Volver a la página</a></p>\n" + "\n".join(parts) + "\n</body>\n</html>\n")


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], {}) if ref else schema
