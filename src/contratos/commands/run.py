"""How a command gets its report: the playbook, one file checked under a time limit (with a watchdog for a
call the limit cannot interrupt), and the one-line exit 2 for a file that cannot be read or judged."""
from __future__ import annotations

import sys
import threading

import click

EXIT_OK, EXIT_GAPS, EXIT_ERROR = 0, 1, 2


def time_limit_for(timeout: float | None, ocr: bool) -> float:
    """The --timeout given, or the default: OCR of a scanned contract takes minutes, not seconds."""
    from ..batch import DEFAULT_TIMEOUT, OCR_TIMEOUT

    return timeout if timeout is not None else (OCR_TIMEOUT if ocr else DEFAULT_TIMEOUT)


def playbook_for(config_path: str | None, max_days: int | None = None):
    """The playbook for this run; a bad configuration ends the command with one line and exit 2."""
    from ..config import ConfigError, load_config
    from ..patterns import RulesError, check_ids

    try:
        playbook = load_config(config_path).with_rules(click.get_current_context().meta.get("contratos.reglas"))
        check_ids(playbook.rules)  # a bad rule file: one line naming the file and the key
    except (ConfigError, RulesError) as error:
        click.echo(f"contratos: {error.message}", err=True)
        sys.exit(EXIT_ERROR)
    if max_days is not None and playbook.perspective == "cliente":
        where = f" ({playbook.source})" if playbook.source else ""
        click.echo(f"contratos: --max-dias-pago no se aplica con perspectiva = \"cliente\"{where}: un plazo de pago "
                   "largo favorece al cliente. Quite la opción", err=True)
        sys.exit(EXIT_ERROR)
    return playbook.with_max_payment_days(max_days)


def label(archivo: str) -> str:
    """The file argument as reports name it: "-" is standard input."""
    from ..stdin import STDIN_ARG, STDIN_LABEL

    return STDIN_LABEL if archivo == STDIN_ARG else archivo


def shown(archivo: str) -> str:
    """The file argument in a one-line message: control characters in its name shown escaped."""
    from ..safe import display_name

    return display_name(label(archivo))


def _check_file_or_stdin(archivo: str, check_file, **options):
    """check_file, reading standard input when the file is "-"."""
    from ..stdin import STDIN_ARG, STDIN_LABEL, stdin_file

    if archivo != STDIN_ARG:
        return check_file(archivo, **options)
    with stdin_file() as path:
        report = check_file(path, **options)
    report.file = STDIN_LABEL
    return report


_WATCHDOG_GRACE = 3  # seconds past the time limit before the watchdog ends the process


def checked(archivo: str, timeout: float | None, emit, **options):
    """check_file under a time limit, never a traceback (batch.guarded).

    The limit is a SIGALRM (batch.time_limit), which Python handles between bytecodes: a file
    with many slow pages stops at the next page. A single call into C that outlasts the limit
    (pdfium parsing one enormous page) cannot be interrupted, so a watchdog thread (ctypes
    releases the GIL during the call) writes the timeout result with `emit` and ends the
    process _WATCHDOG_GRACE seconds later."""
    import os

    from ..api import check_file
    from ..batch import guarded, timeout_error
    from ..report import Report

    output = threading.Lock()  # the main thread or the watchdog writes the result, never both

    def expire() -> None:
        if output.acquire(blocking=False):
            code = emit(Report.unreadable(label(archivo), timeout_error(timeout, single=True)))
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    watchdog = threading.Timer(timeout + _WATCHDOG_GRACE, expire) if timeout else None
    if watchdog:
        watchdog.daemon = True
        watchdog.start()
    try:
        report = guarded(label(archivo), lambda: _check_file_or_stdin(archivo, check_file, **options), timeout,
                         single=True)
    finally:
        if watchdog:
            watchdog.cancel()
    output.acquire()  # blocks for good if the watchdog is already writing and exiting
    return report


def report_for(archivo: str, password: str | None, force: bool, playbook, ocr: bool = False,
               timeout: float | None = None):
    """check_file for the review commands; an unreadable file ends the command with one line and exit 2."""

    def emit_error(report) -> int:
        click.echo(f"contratos: {shown(archivo)}: {report.error['message']}", err=True)
        return EXIT_ERROR

    report = checked(archivo, time_limit_for(timeout, ocr), emit_error,
                     password=password, force=force, config=playbook, ocr=ocr)
    if not report.readable:
        sys.exit(emit_error(report))
    return report


def judged_report(archivo: str, password, force: bool, playbook, ocr: bool, timeout):
    """report_for, refusing (exit 2) a document that cannot be judged (not a service contract, or every
    check disabled): the letter, comments and comparison need one."""
    from ..checklist import cannot_judge

    report = report_for(archivo, password, force, playbook, ocr, timeout)
    problem = cannot_judge(report)
    if problem is not None:
        click.echo(f"contratos: {archivo}: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    return report
