"""Analysis for the web app, off the event loop: a bounded pool of worker processes forked after the
Spanish model is loaded (so it is loaded once), each upload written to its own private temporary
folder under a fixed name and deleted as soon as its report is back, and a small cache so that
answering the checklist or writing the letter does not analyse the same file again."""
from __future__ import annotations

import asyncio
import copy
import hashlib
import os
import re
import shutil
import signal
import sys
import tempfile
import unicodedata
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..batch import DEFAULT_TIMEOUT, guarded, timeout_error
from ..errors import ContratosError
from ..report import Report

_CHUNK = 1 << 20
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
CACHE_SIZE = 16


def client_name(name: str | None) -> str:
    """The name to show for an uploaded file: the last part of what the browser sent, without control
    characters; never used as a path."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:200] or "contrato"


def safe_suffix(name: str) -> str:
    """The extension of the client's file name when it is a plain one (".pdf"), else "": the readers
    choose by content and by extension, the file on disk is always called contrato<suffix>."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


def _init_worker() -> None:
    """Ctrl-C is for the server, not the workers, which end with it even if it is killed; the model is
    already loaded (forked) or loads now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    from ..nlp import load_model, warm_up

    load_model()
    warm_up()


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGKILL to this worker when the server process ends, however it ends."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def analyse_in_worker(path: str, name: str, timeout: float, options: dict) -> Report:
    """check_file under a time limit (SIGALRM works: this is the worker's main thread); never raises."""
    from ..api import check_file

    report = guarded(name, lambda: check_file(path, **options), timeout, single=True)
    report.file = name
    report.document = None  # the parsed file (python-docx or lxml objects): neither picklable nor needed here
    return report


def _ready() -> int:
    return os.getpid()


class Analyser:
    """The worker pool, the private upload folder and the cache. Create it before the server starts
    (the workers fork from this process), call `close()` at the end."""

    def __init__(self, jobs: int = 2, timeout: float = DEFAULT_TIMEOUT):
        from ..nlp import load_model, warm_up

        load_model()  # once, here: the workers inherit it, and the readers' libraries
        warm_up()
        from ..readers import docx, html, odt, pdf, rtf, text  # noqa: F401
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.folder = Path(tempfile.mkdtemp(prefix="contratos-web-"))  # mode 0700: this user only
        self._cache: OrderedDict = OrderedDict()
        self._slots: asyncio.Semaphore | None = None
        self._generation = 0
        self._pool = self._start_pool()

    def _start_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker)
        # start every worker now, not on the first upload
        for future in [pool.submit(_ready) for _ in range(self.jobs * 2)]:
            future.result()
        return pool

    def _restart(self, generation: int) -> None:
        if generation == self._generation:  # a concurrent request may have restarted it already
            _kill(self._pool)
            self._pool = self._start_pool()
            self._generation += 1

    async def report_for(self, upload, name: str, options: dict) -> Report:
        """The report of an uploaded file (a file object), analysed with `options` (a `config`
        playbook and `force`). Uploads with the same bytes, name and options share one analysis."""
        loop = asyncio.get_running_loop()
        folder = Path(tempfile.mkdtemp(dir=self.folder))
        try:
            path = folder / ("contrato" + safe_suffix(name))
            digest = await loop.run_in_executor(None, _save, upload, path)
            key = (digest, name, repr(sorted(options.items())))
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return copy.copy(cached)
            report = await self._analyse(str(path), name, options)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if report.readable:
            self._cache[key] = report
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return copy.copy(report)

    async def _analyse(self, path: str, name: str, options: dict) -> Report:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.jobs * 2)  # a bounded queue in front of the pool
        hard_limit = self.timeout * 2 + 30
        async with self._slots:
            for attempt in (1, 2):
                generation = self._generation
                try:
                    future = self._pool.submit(analyse_in_worker, path, name, self.timeout, options)
                    return await asyncio.wait_for(asyncio.wrap_future(future), hard_limit)
                except asyncio.TimeoutError:  # stuck in C code past the alarm: replace the workers
                    self._restart(generation)
                    return Report.unreadable(name, timeout_error(self.timeout, single=True))
                except BrokenProcessPool:  # a worker died (a crash in a C library): retry once
                    self._restart(generation)
            return Report.unreadable(name, ContratosError(
                "corrupt", "el lector se detuvo de forma anómala con este archivo",
                "Pida una copia nueva del archivo o expórtelo de nuevo"))

    def close(self) -> None:
        _kill(self._pool)
        self._cache.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def _save(upload, path: Path) -> str:
    """Copy the upload to `path` (created here, readable by this user only) and return its SHA-256."""
    digest = hashlib.sha256()
    upload.seek(0)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := upload.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _kill(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
