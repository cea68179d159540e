"""Start `contratos web`: load the model, start the workers, bind the socket (so the address printed
and opened is already answering), then serve with uvicorn until Ctrl-C or SIGTERM."""
from __future__ import annotations

import ipaddress
import secrets
import signal
import socket
import sys

from ..errors import ContratosError
from .security import LOOPBACK_NAMES, is_loopback


class StartError(Exception):
    """The server cannot start: one Spanish line for the terminal."""


def allowed_names(host: str, extra=()) -> set[str]:
    """The Host header values this server answers to: its loopback names, the address it is bound to,
    this machine's name, and those given with --permitir-host."""
    names = set(LOOPBACK_NAMES) | {h.lower() for h in extra}
    if host not in ("0.0.0.0", "::", ""):
        names.add(host.lower())
    if not is_loopback(host):
        hostname = socket.gethostname().lower()
        names |= {hostname, socket.getfqdn().lower()}
        try:
            names |= set(socket.gethostbyname_ex(hostname)[2])
        except OSError:
            pass
    return names


def _bind(host: str, port: int) -> socket.socket:
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == 98:  # EADDRINUSE
            raise StartError(f"el puerto {port} ya está en uso. Cierre el otro programa o use --port con otro "
                             "número (--port 0 elige uno libre)") from None
        raise StartError(f"no se puede escuchar en {host}:{port} ({error.strerror}). Revise --host") from None
    sock.listen(128)
    return sock


def url_of(host: str, port: int, token: str | None) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else (
        f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def access_token(host: str, token: str | None) -> str | None:
    """The token to require: the one given, else a new one for any address but the loopback ones
    (it is then shown in the URL)."""
    if token is None and not is_loopback(host):
        return secrets.token_urlsafe(18)
    return token


def serve(host: str, port: int, token: str | None, open_browser: bool, max_mb: float, jobs: int,
          timeout: float, extra_hosts=()) -> int:
    import uvicorn

    from .analysis import Analyser
    from .app import create_app

    token = access_token(host, token)
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    print("contratos web: cargando el modelo de español…", file=sys.stderr, flush=True)
    try:
        analyser = Analyser(jobs=jobs, timeout=timeout)
    except ContratosError as error:
        sock.close()
        raise StartError(error.message) from None
    try:
        app = create_app(analyser, allowed_names(host, extra_hosts), token=token, max_mb=max_mb)
        config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                proxy_headers=False, lifespan="off", timeout_graceful_shutdown=5)
        server = uvicorn.Server(config)
        url = url_of(host, port, token)
        print(f"contratos web: abra {url} en el navegador (Ctrl+C para terminar)", flush=True)
        if not is_loopback(host):
            print("contratos web: la página es accesible desde otros equipos de la red con esa dirección; "
                  "compártala solo con quien deba usarla", file=sys.stderr, flush=True)
        if open_browser:
            _open(url)
        # uvicorn stops gracefully on Ctrl-C or SIGTERM, then raises the signal again for the handler
        # that was there before it: this one lets the workers and the upload folder be cleaned up
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, _stopped)
        server.run(sockets=[sock])
    finally:
        analyser.close()
        sock.close()
    print("contratos web: terminado.", file=sys.stderr, flush=True)
    return 0


def _stopped(signum, frame) -> None:
    """The signal was already handled by uvicorn (a graceful stop): nothing left to do here."""


def _open(url: str) -> None:
    import webbrowser

    try:
        webbrowser.open(url)
    except Exception:  # no browser here: the address is printed anyway
        pass
