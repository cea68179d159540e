"""`contratos scan --scheduler`: the per-file analysis (batch.analyse_path) on a Dask distributed
cluster, with a bounded number of files in flight and the model loaded once per worker.

The workers open the files themselves, so they must see the same paths as this machine (a shared
filesystem); paths are sent absolute and each report keeps the name the user gave."""
from __future__ import annotations

import ctypes
import os
import threading
import uuid
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

import click
from distributed.diagnostics.plugin import WorkerPlugin

from .batch import BatchOptions, FileTimeout, analyse_path, timeout_report
from .errors import ContratosError
from .report import Report
from .scanrecord import ScanRecord

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
CONNECT_TIMEOUT = 20  # seconds to reach the scheduler
WORKERS_TIMEOUT = 60  # seconds to wait for a first worker
PLUGIN_NAME = "contratos-modelo"
CHUNK_FILES, CHUNK_BYTES = 32, 256 * 1024  # a cluster task: up to 32 files or 256 KB


class ClusterError(click.ClickException):
    """The cluster cannot be used at all (no scheduler, no worker, another version of contratos on
    it): one Spanish line for the user, exit 2 from the `contratos` command."""


# ---------------------------------------------------------------- on the workers

class ModelPlugin(WorkerPlugin):
    """Loads and warms the Spanish model when a worker starts (or joins later), so no task pays for it."""

    name = PLUGIN_NAME

    def setup(self, worker=None) -> None:
        _ensure_model()


_ready = False


def _ensure_model() -> None:
    global _ready
    if not _ready:
        from .nlp import load_model, warm_up

        load_model()
        warm_up()
        _ready = True


_ONE_AT_A_TIME = threading.Lock()  # spaCy's select_pipes is not thread-safe: one file per worker process


@contextmanager
def thread_time_limit(seconds: float | None):
    """Raise FileTimeout in the current thread after `seconds`, between bytecodes, like batch.time_limit
    does with SIGALRM (which only works on the main thread; Dask runs tasks in threads)."""
    if not seconds:
        yield
        return
    target = threading.get_ident()
    guard = threading.Lock()
    finished = False

    def fire():
        with guard:
            if not finished:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(FileTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:
            finished = True
        timer.cancel()


def analyse_on_worker(path: str, timeout: float | None, options: dict | None,
                      name: str | None = None) -> ScanRecord:
    """analyse_path on a Dask worker thread, with the per-file time limit. `path` is the absolute path
    the worker opens, `name` the one the user gave (which the report keeps)."""
    with _ONE_AT_A_TIME:
        _ensure_model()  # done by the plugin; here only for a worker that joined before it was registered
        try:
            with thread_time_limit(timeout):  # analyse_path's own SIGALRM limit is off in a thread
                return analyse_path(path, timeout, options, name)
        except FileTimeout:  # the limit may also fire a moment after analyse_path returned
            return timeout_report(path if name is None else name, timeout)


# ---------------------------------------------------------------- in the parent

def connect(address: str, workers_timeout: float = WORKERS_TIMEOUT):
    """A Client on `address` with at least one worker, or ClusterError with a Spanish message."""
    from distributed import Client

    try:
        _reachable(address)
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError, TypeError) as exc:
        raise ClusterError(f"no se pudo conectar con el planificador de Dask en {address} ({_cause(exc)}). "
                           "Compruebe que 'dask scheduler' está en marcha y la dirección (tcp://MÁQUINA:PUERTO).") from None
    try:
        client.wait_for_workers(1, timeout=workers_timeout)
    except Exception:  # distributed raises TimeoutError (an OSError) or its own
        client.close()
        raise ClusterError(f"el planificador de Dask en {address} no tiene ningún trabajador después de "
                           f"{workers_timeout:g} s. Inicie trabajadores con 'dask worker {address}'.") from None
    return client


def _reachable(address: str) -> None:
    """A TCP scheduler that refuses connections fails here at once (Dask would retry until its timeout)."""
    import socket
    from urllib.parse import urlsplit

    if "://" in address and not address.startswith("tcp://"):
        return  # tls://, ucx://, inproc://: left to Dask
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if not parts.hostname:
        raise ValueError("address")
    with socket.create_connection((parts.hostname, parts.port or 8786), timeout=CONNECT_TIMEOUT):
        pass


def _cause(exc: Exception) -> str:
    import socket

    if isinstance(exc, socket.gaierror):
        return "no se encuentra esa máquina"
    text = str(exc).lower()
    if "timed out" in text or "timeout" in text:
        return "no respondió a tiempo"
    if "refused" in text:
        return "conexión rechazada"
    if isinstance(exc, (ValueError, TypeError)) or "address" in text or "scheme" in text:
        return "dirección no válida"
    return "error de red"


def lost_report(path: str) -> ScanRecord:
    """The file stopped the workers that held it, at each try (Dask's KilledWorker)."""
    return ScanRecord.of(Report.unreadable(path, ContratosError(
        "corrupt", "el trabajador del clúster que lo analizaba se detuvo de forma anómala, también al reintentarlo",
        "Revise el archivo por separado con 'contratos check' o pida una copia nueva")))


def failed_report(path: str, exc: BaseException) -> ScanRecord:
    return ScanRecord.of(Report.unreadable(path, ContratosError(
        "internal", f"error interno en el clúster al analizar ({type(exc).__name__})",
        "Revise el archivo por separado con 'contratos check' o informe del fallo")))


def analyse_files(files: list[tuple[str, str]], timeout: float | None, options: dict | None,
                  one: Callable = analyse_on_worker) -> list[ScanRecord]:
    """One cluster task: a few files, (absolute path, name the user gave) each, one after the other,
    each with its own time limit."""
    return [one(path, timeout, options, name) for path, name in files]


def chunks(paths: Iterable[str], files: int = CHUNK_FILES, size: int = CHUNK_BYTES) -> Iterator[list[str]]:
    """Group paths into tasks of up to `files` files or `size` bytes, so that small files do not pay
    the cluster's cost per task (a few milliseconds) one by one, and large ones still spread."""
    chunk: list[str] = []
    total = 0
    for path in paths:
        chunk.append(str(path))
        try:
            total += os.stat(path).st_size
        except OSError:  # a missing file gets its error report from the worker
            pass
        if len(chunk) >= files or total >= size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def run_cluster(paths: Iterable[str], opts: BatchOptions, client, in_flight: int | None = None,
                one: Callable = analyse_on_worker, chunk_files: int = CHUNK_FILES) -> Iterator[ScanRecord]:
    """Yield one record per path, as the cluster finishes them. At most `in_flight` tasks (by
    default two per worker thread, each of up to `chunk_files` files) are submitted and not yet
    collected, so the parent's memory does not grow with the number of files. A task whose worker
    dies is run again by Dask on another worker, up to the scheduler's `allowed-failures` (the
    README starts it with 1: retried once); then each of its files is tried alone, and a file that
    still loses its worker gets an error report."""
    from distributed import as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    client.register_plugin(ModelPlugin(), name=PLUGIN_NAME)
    limit = in_flight or max(4, 2 * sum(client.nthreads().values()))
    # sent once to every worker, not with each task
    options = client.scatter([opts.options], broadcast=True, hash=False)[0] if opts.options else None
    queue = chunks(paths, chunk_files)
    alone: list[list[str]] = []  # the files of a task that lost its workers, one task each
    pending: dict = {}
    tag = uuid.uuid4().hex[:8]
    counter = 0
    completed = as_completed(loop=client.loop)

    def refill() -> None:
        nonlocal counter
        while len(pending) < limit:
            solo = bool(alone)
            if solo and pending:  # a file retried alone runs with nothing else in flight, so that a
                return            # worker that dies names its culprit and no other file pays for it
            chunk = alone.pop() if solo else next(queue, None)
            if chunk is None:
                return
            counter += 1
            future = client.submit(analyse_files, [(os.path.abspath(p), p) for p in chunk], opts.timeout, options, one,
                                   key=f"contratos-{tag}-{counter}", pure=False)
            pending[future.key] = chunk
            completed.add(future)
            if solo:
                return

    try:
        refill()
        for future in completed:
            chunk = pending.pop(future.key)
            if future.status == "finished":
                reports = future.result()
            else:
                exc = None if future.status == "cancelled" else future.exception()
                if isinstance(exc, RuntimeError) and "deserializ" in str(exc):
                    raise ClusterError("el clúster de Dask no puede ejecutar contratos: el planificador y los "
                                       "trabajadores necesitan la misma versión de contratos que esta máquina. "
                                       "Instálela en ellos y reinícielos.")
                lost = exc is None or isinstance(exc, (KilledWorker, FutureCancelledError))
                if lost and len(chunk) > 1:
                    alone.extend([p] for p in reversed(chunk))
                    reports = []
                else:
                    reports = [lost_report(p) if lost else failed_report(p, exc) for p in chunk]
            future.release()
            yield from reports
            refill()
    finally:
        for future in list(completed.futures):
            future.cancel()
        completed.clear()
        if options is not None:
            options.release()


def cluster_reports(address: str, paths: Iterable[str], opts: BatchOptions) -> Iterator[ScanRecord]:
    """Connect now (ClusterError if the cluster cannot be used), then stream the reports."""
    return _closing(connect(address), paths, opts)


def _closing(client, paths: Iterable[str], opts: BatchOptions) -> Iterator[ScanRecord]:
    try:
        yield from run_cluster(paths, opts, client)
    finally:
        try:
            client.close(timeout=5)
        except Exception:  # closing a client whose scheduler went away: nothing left to do
            pass
