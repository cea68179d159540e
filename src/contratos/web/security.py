"""Two ASGI guards in front of the web app. `Guard`: the Host header must be one of this server's
names (DNS rebinding), an access token when one is set, POSTs only from the page's own origin, and
the security headers (a Content-Security-Policy that allows nothing external) on every response.
`BodyLimit`: a request body over the limit gets 413 from its Content-Length, or as soon as the
bytes received pass it, never after reading it whole."""
from __future__ import annotations

import hmac
import json
from html import escape
from urllib.parse import parse_qs

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
TOKEN_COOKIE = "contratos_token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                     (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
                     (b"cross-origin-opener-policy", b"same-origin"),
                     (b"cross-origin-resource-policy", b"same-origin")]


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES or host.startswith("127.")


def host_name(header: str | None) -> str | None:
    """ "localhost:8000" -> "localhost", "[::1]:8000" -> "::1"; None for a missing or malformed header."""
    if not header:
        return None
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[1:end] if end > 0 else None
    name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return name.rstrip(".") or None


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _cookie(scope, name: str) -> str | None:
    for part in (_header(scope, b"cookie") or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


async def send_error(scope, send, status: int, code: str, message: str, headers=()) -> None:
    """A Spanish error as JSON ({"error": {"code", "message"}}), or as a small page for a browser
    that navigates to the address."""
    if "text/html" in (_header(scope, b"accept") or ""):
        body = ("<!DOCTYPE html>\n<html lang=\"es\"><head><meta charset=\"utf-8\"><title>contratos web</title>"
                f"</head><body><h1>No se puede abrir</h1><p>{escape(message[:1].upper() + message[1:])}.</p>"
                "</body></html>\n").encode()
        kind = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()
        kind = b"application/json"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store"), *headers]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Host allow-list, access token, same-origin POSTs and security headers."""

    def __init__(self, app, allowed_hosts, token: str | None = None):
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.token = token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        send = self._secured(send)
        host = _header(scope, b"host")
        if host_name(host) not in self.allowed_hosts:
            names = ", ".join(sorted(self.allowed_hosts))
            return await send_error(scope, send, 400, "bad_host",
                                    f"esta página solo responde a los nombres {names} (recibió '{host or ''}'), "
                                    "una protección contra sitios que se hacen pasar por ella. Abra la dirección "
                                    "que mostró 'contratos web' al arrancar")
        from_query = False
        if self.token is not None:
            given = self._given_token(scope)
            from_query = given is not None and given == _query_token(scope)
            if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
                return await send_error(scope, send, 403, "forbidden",
                                        "falta el código de acceso o no es correcto. Abra la dirección completa "
                                        "que mostró 'contratos web' al arrancar (termina en ?token=...)")
        if scope["method"] not in _SAFE_METHODS:
            problem = _foreign_origin(scope, host)
            if problem:
                return await send_error(scope, send, 403, "cross_origin",
                                        f"la petición viene de otra página ({problem}); solo se aceptan envíos "
                                        "desde la propia página de contratos web")
        if from_query:  # the page's own requests then carry the token in a cookie
            send = self._with_cookie(send)
        await self.app(scope, receive, send)

    def _given_token(self, scope) -> str | None:
        auth = _header(scope, b"authorization") or ""
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return _header(scope, b"x-contratos-token") or _query_token(scope) or _cookie(scope, TOKEN_COOKIE)

    def _secured(self, send):
        async def secured(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *[(k, v) for k, v in _SECURITY_HEADERS if k not in present]]}
            await send(message)
        return secured

    def _with_cookie(self, send):
        cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()

        async def with_cookie(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
            await send(message)
        return with_cookie


def _query_token(scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


def _foreign_origin(scope, host: str) -> str | None:
    """Why a POST does not come from the page itself, or None. A browser always sends Origin on a
    POST (and Sec-Fetch-Site); a script (curl, Python) sends neither and is allowed."""
    origin = _header(scope, b"origin")
    if origin is not None:
        return None if origin.lower() == f"http://{host.lower()}" else origin
    site = _header(scope, b"sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site: {site}"
    return None


class BodyLimit:
    """413 for a request body over `max_bytes`: at once from Content-Length, else as soon as the bytes
    received pass the limit (chunked uploads); the app's own answer is then dropped."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        megabytes = self.max_bytes / 1_000_000
        return (f"el archivo supera el límite de {megabytes:g} MB. Envíe un archivo más pequeño o arranque "
                "'contratos web' con un --max-mb mayor")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await send_error(scope, send, 413, "too_large", self._message(), [(b"connection", b"close")])
        state = {"received": 0, "over": False, "started": False}

        async def counted():
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_bytes:
                    state["over"] = True
                    raise _TooLarge()
            return message

        async def guarded(message):
            if state["over"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await send_error(scope, send, 413, "too_large", self._message(), [(b"connection", b"close")])


class _TooLarge(Exception):
    """Raised from receive() when the body passes the limit; BodyLimit answers 413."""
