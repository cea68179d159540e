"""Run the per-file analysis over many files with a process pool, in constant memory.

`analyse_path` is a pure function from a path to a small picklable record (scanrecord.ScanRecord, the
report's JSON and what the totals need): any engine that maps a function over items (this process
pool, Dask, Spark) can run it."""
from __future__ import annotations

import gc
import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .errors import ContratosError
from .report import Report
from .scanrecord import ScanRecord

DEFAULT_TIMEOUT = 120  # seconds per file
OCR_TIMEOUT = 900  # seconds per file with --ocr: Tesseract takes 1-6 s a page here


class FileTimeout(BaseException):
    """The time limit of one file ran out. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` in a reader or library can swallow it."""


def _alarm(signum, frame):
    raise FileTimeout()


@contextmanager
def time_limit(seconds: float | None):
    """Raise FileTimeout in the block after `seconds` (SIGALRM). Python runs the handler between
    bytecodes: a call into C code (one pdfium page, one spaCy batch) finishes before it fires, so
    readers work in small steps (a PDF page at a time). No limit when `seconds` is falsy, off the
    main thread or without SIGALRM (Windows)."""
    active = (bool(seconds) and hasattr(signal, "SIGALRM")
              and threading.current_thread() is threading.main_thread())
    if not active:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(label: str, run: Callable[[], Report], timeout: float | None, single: bool = False) -> Report:
    """`run()` (the check of one file) under a time limit; whatever goes wrong becomes an unreadable
    Report named `label`, never an exception. `single`: one file checked alone (check, web), not a scan."""
    try:
        with time_limit(timeout):
            return run()
    except FileTimeout:
        return Report.unreadable(label, timeout_error(timeout, single=single))
    except ContratosError as error:  # e.g. the Spanish model is not installed, nothing on standard input
        return Report.unreadable(label, error)
    except OSError as exc:  # e.g. standard input could not be copied: the disk is full
        from .oserrors import read_error

        return Report.unreadable(label, read_error(exc))
    except Exception as exc:  # never a traceback for the user; one bad file never stops a batch
        return Report.unreadable(label, ContratosError(
            "internal", f"error interno al analizar ({type(exc).__name__})",
            "Informe del fallo adjuntando el archivo si puede"))


def analyse_path(path: str, timeout: float | None = None, options: dict | None = None,
                 name: str | None = None) -> ScanRecord:
    """Check one file and return the record of its report. Never raises: errors become `readable: false`.
    `name`: the name the report gives the file when it is not `path` (a cluster worker opens the
    absolute path; the report keeps the name the user gave)."""
    from .api import check_file

    def run() -> Report:
        report = check_file(path, **(options or {}))
        if name is not None:
            report.file = Report(file=name).file
        return report

    return ScanRecord.of(guarded(path if name is None else name, run, timeout))


def timeout_error(timeout: float | None, single: bool = False) -> ContratosError:
    """`single`: the file was checked alone (check, checklist, carta), not in a scan."""
    hint = ("Vuelva a ejecutar con un --timeout mayor o compruebe que es el archivo correcto" if single
            else "Revise el archivo por separado con 'contratos check' o aumente --timeout")
    return ContratosError("timeout", f"el análisis superó el límite de {timeout:g} s", hint)


def timeout_report(path: str, timeout: float | None) -> ScanRecord:
    return ScanRecord.of(Report.unreadable(path, timeout_error(timeout)))


def _init_worker() -> None:
    """Load the model once per worker (a no-op in a worker forked from a warm parent), and leave
    Ctrl-C, SIGTERM and SIGHUP to the parent (which stops the workers itself); a worker whose parent
    dies without doing so (SIGKILL) gets SIGTERM from Linux."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, signal.SIG_DFL)
    _die_with_parent()
    from .nlp import load_model, warm_up

    load_model()
    warm_up()


def _die_with_parent() -> None:
    """prctl(PR_SET_PDEATHSIG, SIGTERM) on Linux; elsewhere nothing."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _warm_parent() -> None:
    """Load the model, build the matchers and import what a file needs (the checks, pdfium,
    python-docx) once, in the process the workers are forked from."""
    import docx  # noqa: F401
    import pypdfium2  # noqa: F401

    from .api import check_text
    from .nlp import warm_up

    warm_up()
    check_text("CONTRATO DE SERVICIOS. EL CLIENTE pagará al PRESTADOR mil pesos al mes.", force=True)


def _new_pool(jobs: int) -> ProcessPoolExecutor:
    """Workers forked from this process once the model is loaded and warm here: each starts ready,
    and the model's pages are shared (copy-on-write) instead of loaded once per worker. Where fork
    does not exist (Windows, macOS default), each worker loads the model itself."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    _warm_parent()
    # what the parent holds now (the model, the matchers, the modules) is moved out of the collector's
    # reach: a collection in a worker would otherwise write to every one of those objects and so copy
    # the pages they share with the parent (about 35 MB less memory in all with two workers)
    gc.freeze()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_worker)


@dataclass
class BatchOptions:
    jobs: int = os.cpu_count() or 1
    timeout: float | None = DEFAULT_TIMEOUT
    options: dict | None = None


def run_batch(paths: Iterable[str], opts: BatchOptions) -> Iterator[ScanRecord]:
    """Yield one record per path, as files finish. At most 2 x jobs files are in flight, so
    memory does not grow with the folder. A worker that dies (a crash in a C library) or stays
    stuck in C code past twice the time limit is replaced: the files it held are retried once,
    and a file that breaks a worker twice gets an error report."""
    if opts.jobs <= 1:
        for path in paths:
            yield analyse_path(str(path), opts.timeout, opts.options)
        return
    queue = iter(paths)
    retry: list[str] = []
    retried: set[str] = set()
    hard_limit = opts.timeout * 2 + 30 if opts.timeout else None
    pool = _new_pool(opts.jobs)
    in_flight: dict = {}
    finished = False
    try:
        while True:
            while len(in_flight) < opts.jobs * 2:
                if retry:  # a file that was in a dead worker runs alone, so a culprit is unambiguous
                    if in_flight:
                        break
                    path = retry.pop()
                else:
                    path = next(queue, None)
                if path is None:
                    break
                future = pool.submit(analyse_path, str(path), opts.timeout, opts.options)
                in_flight[future] = (str(path), time.monotonic())
                if path in retried:
                    break
            if not in_flight:
                finished = True
                return
            done, _ = wait(in_flight, timeout=2, return_when=FIRST_COMPLETED)
            broken = []
            for future in done:
                path, _ = in_flight.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    broken.append(path)
                else:
                    yield future.result()
            now = time.monotonic()
            stuck = [f for f, (_, t0) in in_flight.items() if hard_limit and now - t0 > hard_limit]
            if not broken and not stuck:
                continue
            for future in stuck:
                yield timeout_report(in_flight.pop(future)[0], opts.timeout)
            broken += [p for p, _ in in_flight.values()]
            in_flight.clear()
            _kill(pool)
            pool = _new_pool(opts.jobs)
            for path in broken:
                if path in retried:
                    yield ScanRecord.of(Report.unreadable(path, ContratosError(
                        "corrupt", "el lector se detuvo de forma anómala con este archivo",
                        "Pida una copia nueva del archivo o expórtelo de nuevo")))
                else:
                    retried.add(path)
                    retry.append(path)
    finally:
        if finished:
            pool.shutdown(wait=True)  # the workers exit and are joined: no zombie is left
        else:
            _kill(pool)  # interrupted (Ctrl-C, SIGTERM, SIGHUP) or the consumer stopped


def _kill(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers and wait for each, so that none is left running or as a zombie."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
    pool.shutdown(wait=False, cancel_futures=True)
