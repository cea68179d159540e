"""The `contratos` command line (click). Help and messages in Spanish; heavy imports happen per command."""
from __future__ import annotations

import re
import sys
import threading

import click

from . import __version__

EXIT_OK, EXIT_GAPS, EXIT_ERROR = 0, 1, 2


class _SpanishHelp:
    """Spanish section headings for click's help screens."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Uso: ")

    def format_options(self, ctx, formatter):
        opts = [(spec, _spanish_extras(text)) for p in self.get_params(ctx)
                if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None
                for spec, text in [rv]]
        if opts:
            with formatter.section("Opciones"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            commands = [(name, _SHORT_HELP.get(name) or cmd.get_short_help_str(60)) for name in self.list_commands(ctx)
                        if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
            if commands:
                with formatter.section("Órdenes"):
                    formatter.write_dl(commands)


# one whole sentence per command in the list of `contratos --help` (click would cut the docstring's first
# sentence at 60 characters, mid-phrase); a command not listed here gets click's cut
_SHORT_HELP = {
    "anotar": "Copia .docx del contrato con un comentario en cada punto débil.",
    "carta": "Correo a la otra parte: pedir cambios o declinar el proyecto.",
    "check": "Revisa un contrato y muestra el informe.",
    "checklist": "Lista de verificación antes de firmar, con un veredicto.",
    "comparar": "Compara dos versiones de un contrato.",
    "explicar": "Explica una comprobación y da una cláusula de ejemplo.",
    "reglas": "Lista las comprobaciones y su prioridad.",
    "scan": "Revisa muchos contratos (carpetas y archivos) y resume.",
    "web": "Abre una página en el navegador para revisar contratos.",
}


def _spanish_extras(text: str) -> str:
    """click's "[default: x; required]" after an option's help, in Spanish."""
    def spanish(extras: str) -> str:
        extras = extras.replace("default: ", "por omisión: ").replace("required", "obligatoria")
        extras = re.sub(r"(\S+)<=x<=(\S+)", r"de \1 a \2", extras)
        return re.sub(r"x>=(\S+?)(?=;|$)", r"mínimo \1", extras)

    return re.sub(r"\[([^\[\]]*)\]$", lambda m: "[" + spanish(m.group(1)) + "]", text)


class Command(_SpanishHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        super().__init__(*args, **kwargs)


class Group(_SpanishHelp, click.Group):
    command_class = Command
    aliases = {"rules": "reglas", "explain": "explicar"}  # English names, not listed in the help

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        kwargs.setdefault("subcommand_metavar", "ORDEN [ARGUMENTOS]...")
        super().__init__(*args, **kwargs)

    def get_command(self, ctx, cmd_name):
        return super().get_command(ctx, self.aliases.get(cmd_name, cmd_name))


_HELP = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_SEVERITY = click.Choice(["alta", "media", "baja"])


def _config_option(f):
    from .config import NO_CONFIG

    f = click.option("--sin-config", "config_path", flag_value=NO_CONFIG,
                     help="Usa las reglas por omisión aunque la carpeta actual tenga contratos.toml o "
                          "pyproject.toml.")(f)
    return click.option("--config", "config_path", default=None, metavar="ARCHIVO",
                        help="Configuración (playbook) a usar; por omisión ./contratos.toml o [tool.contratos] "
                             "en ./pyproject.toml.")(f)


def _fail_on_option(f):
    return click.option("--fail-on", "fail_on", type=_SEVERITY, default="alta", show_default=True,
                        help="Sale con 1 si hay un punto débil de esta prioridad o de una más alta "
                             "(alta > media > baja).")(f)


def _document_options(f):
    """--password and --forzar: how to open and whether to check a document that does not look like a contract."""
    f = click.option("--forzar", "--force", "force", is_flag=True,
                     help="Revisa el documento aunque no parezca un contrato de servicios en español.")(f)
    return click.option("--password", default=None, metavar="CLAVE",
                        help="Contraseña de un PDF protegido.")(f)


def _ocr_option(f):
    return click.option("--ocr", is_flag=True,
                        help="Lee con OCR (Tesseract, idioma español) las páginas de un PDF escaneado que no "
                             "tienen texto; el informe indica qué páginas y avisa de que puede haber errores.")(f)


_TIMEOUT_HELP = "(por omisión: 120; 900 con --ocr, que tarda de 1 a 6 s por página escaneada)."


def _timeout_option(f):
    return click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SEGUNDOS",
                        help="Tiempo máximo de lectura y análisis " + _TIMEOUT_HELP)(f)


def _time_limit(timeout: float | None, ocr: bool) -> float:
    """The --timeout given, or the default: OCR of a scanned contract takes minutes, not seconds."""
    from .batch import DEFAULT_TIMEOUT, OCR_TIMEOUT

    return timeout if timeout is not None else (OCR_TIMEOUT if ocr else DEFAULT_TIMEOUT)


def _playbook(config_path: str | None, max_days: int | None = None):
    """The playbook for this run; a bad configuration ends the command with one line and exit 2."""
    from .config import ConfigError, load_config

    try:
        playbook = load_config(config_path)
    except ConfigError as error:
        click.echo(f"contratos: {error.message}", err=True)
        sys.exit(EXIT_ERROR)
    if max_days is not None and playbook.perspective == "cliente":
        where = f" ({playbook.source})" if playbook.source else ""
        click.echo(f"contratos: --max-dias-pago no se aplica con perspectiva = \"cliente\"{where}: un plazo de pago "
                   "largo favorece al cliente. Quite la opción", err=True)
        sys.exit(EXIT_ERROR)
    return playbook.with_max_payment_days(max_days)


@click.group(cls=Group, context_settings=_HELP)
@click.version_option(__version__, "--version", prog_name="contratos", message="%(prog)s %(version)s",
                      help="Muestra la versión y sale.")
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def cli():
    """Revisa un contrato de servicios en español antes de firmarlo: si fija el alcance,
    el pago y una forma de salir (rescisión).

    Códigos de salida: 0 sin puntos débiles de prioridad alta (o de la que indique --fail-on), 1 hay
    al menos uno, 2 no se pudo leer el archivo o la orden está mal escrita. La ayuda de cada orden
    (contratos check --help) da los suyos.
    """


@cli.command("check", context_settings=_HELP)
@click.argument("archivo", metavar="ARCHIVO")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              help="Formato del informe (por omisión: text); html: una página autónoma con el texto resaltado.")
@_document_options
@click.option("--max-dias-pago", "max_days", type=click.IntRange(1, 365), default=None, metavar="DÍAS",
              help="Plazo de pago máximo aceptable; uno mayor es un punto débil (por omisión: 60 o el de "
                   "la configuración).")
@_ocr_option
@_timeout_option
@_config_option
@_fail_on_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def check_command(archivo: str, fmt: str, password: str | None, force: bool, max_days: int | None,
                  ocr: bool, timeout: float | None, config_path: str | None, fail_on: str):
    """Revisa un contrato (.docx, .pdf, .odt, .rtf, .html, .txt, .md, .rst o .tex) y muestra el informe.
    Con - como ARCHIVO, lo lee de la entrada estándar (cat contrato.pdf | contratos check -).

    Códigos de salida: 0 sin puntos débiles de prioridad alta (o de la que indique --fail-on),
    1 hay al menos uno, 2 no se pudo leer el archivo.
    """
    from .formatters import render

    def emit(report) -> int:
        color = fmt == "text" and sys.stdout.isatty()
        if report.readable or fmt != "text":  # text mode: an unreadable file gets only the stderr line
            click.echo(render(report, fmt, color=color), nl=False, color=color)
        if not report.readable:
            click.echo(f"contratos: {_shown(archivo)}: {report.error['message']}", err=True)
        return report.exit_code_for(fail_on)

    playbook = _playbook(config_path, max_days)
    report = _checked(archivo, _time_limit(timeout, ocr), emit,
                      password=password, force=force, config=playbook, ocr=ocr)
    sys.exit(emit(report))


def _label(archivo: str) -> str:
    """The file argument as reports name it: "-" is standard input."""
    from .stdin import STDIN_ARG, STDIN_LABEL

    return STDIN_LABEL if archivo == STDIN_ARG else archivo


def _shown(archivo: str) -> str:
    """The file argument in a one-line message: control characters in its name shown escaped."""
    from .safe import display_name

    return display_name(_label(archivo))


def _check_file_or_stdin(archivo: str, check_file, **options):
    """check_file, reading standard input when the file is "-"."""
    from .stdin import STDIN_ARG, STDIN_LABEL, stdin_file

    if archivo != STDIN_ARG:
        return check_file(archivo, **options)
    with stdin_file() as path:
        report = check_file(path, **options)
    report.file = STDIN_LABEL
    return report


_WATCHDOG_GRACE = 3  # seconds past the time limit before the watchdog ends the process


def _checked(archivo: str, timeout: float | None, emit, **options):
    """check_file under a time limit, never a traceback.

    The limit is a SIGALRM (batch.time_limit), which Python handles between bytecodes: a file
    with many slow pages stops at the next page. A single call into C that outlasts the limit
    (pdfium parsing one enormous page) cannot be interrupted, so a watchdog thread (ctypes
    releases the GIL during the call) writes the timeout result with `emit` and ends the
    process _WATCHDOG_GRACE seconds later."""
    import os

    from .api import check_file
    from .batch import FileTimeout, time_limit, timeout_error
    from .errors import ContratosError
    from .report import Report

    output = threading.Lock()  # the main thread or the watchdog writes the result, never both

    def expire() -> None:
        if output.acquire(blocking=False):
            code = emit(Report.unreadable(_label(archivo), timeout_error(timeout, single=True)))
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    watchdog = threading.Timer(timeout + _WATCHDOG_GRACE, expire) if timeout else None
    if watchdog:
        watchdog.daemon = True
        watchdog.start()
    try:
        with time_limit(timeout):
            report = _check_file_or_stdin(archivo, check_file, **options)
    except FileTimeout:
        report = Report.unreadable(_label(archivo), timeout_error(timeout, single=True))
    except ContratosError as error:  # e.g. the Spanish model is not installed, nothing on standard input
        report = Report.unreadable(_label(archivo), error)
    except OSError as exc:  # e.g. standard input could not be copied: the disk is full
        from .oserrors import read_error

        report = Report.unreadable(_label(archivo), read_error(exc))
    except Exception as exc:  # never a traceback for the user
        report = Report.unreadable(_label(archivo), ContratosError(
            "internal", f"error interno al analizar ({type(exc).__name__}: {exc})",
            "Informe del fallo adjuntando el archivo si puede"))
    finally:
        if watchdog:
            watchdog.cancel()
    output.acquire()  # blocks for good if the watchdog is already writing and exiting
    return report


@cli.command("scan", context_settings=_HELP)
@click.argument("rutas", nargs=-1, metavar="RUTA...")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "jsonl", "csv", "json"]), default="table",
              help="table: resumen en la terminal; jsonl: un informe por línea; csv: una fila por archivo "
                   "(UTF-8 con BOM, para Excel); json: todos los informes y un resumen.")
@click.option("--output", "-o", default=None, metavar="ARCHIVO",
              help="Escribe el resultado en ARCHIVO (de forma atómica) en vez de la salida estándar.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="Procesos en paralelo (por omisión: los núcleos de la máquina).")
@click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SEGUNDOS",
              help="Tiempo máximo por archivo " + _TIMEOUT_HELP)
@click.option("--ext", "extensions", default=".pdf,.docx,.odt,.rtf,.txt,.md,.markdown,.html,.htm,.rst,.tex",
              metavar="LISTA", help="Extensiones a revisar, separadas por comas (por omisión: "
              ".pdf,.docx,.odt,.rtf,.txt,.md,.markdown,.html,.htm,.rst,.tex).")
@click.option("--exclude", multiple=True, metavar="PATRÓN", help="Omite las rutas que coinciden (se puede repetir).")
@click.option("--files-from", "files_from", default=None, metavar="LISTA",
              help="Revisa también las rutas de LISTA, una por línea ('-': la entrada estándar), para "
                   "listas demasiado largas para la línea de órdenes.")
@click.option("--scheduler", envvar="DASK_SCHEDULER_ADDRESS", default=None, metavar="tcp://MÁQUINA:PUERTO",
              help="Reparte el análisis en un clúster de Dask (también con la variable DASK_SCHEDULER_ADDRESS); "
                   "los trabajadores deben ver las mismas rutas que esta máquina.")
@_ocr_option
@_config_option
@_fail_on_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def scan_command(rutas, fmt, output, jobs, timeout, extensions, exclude, files_from, scheduler, ocr, config_path,
                 fail_on):
    """Revisa muchos contratos: carpetas (recursivamente) y archivos.

    Códigos de salida: 0 ningún punto débil de prioridad alta (o de la que indique --fail-on),
    1 algún contrato con alguno, 2 algún archivo no se pudo leer.
    """
    import os

    from .batch import BatchOptions, run_batch
    from .formatters.batch import WRITERS, Totals
    from .output import OutputError, atomic_output, check_target
    from .safe import display_name
    from .scan_sources import scan_paths
    from .signals import ignore_signals, stop_on_signals

    playbook = _playbook(config_path)
    try:
        check_target(output)  # before any work: not after scanning everything
    except OutputError as error:
        click.echo(f"contratos: {error.message}", err=True)
        sys.exit(EXIT_ERROR)
    exts = tuple(e.strip() for e in extensions.split(",") if e.strip())
    # a list or a cluster may hold millions of files: streamed, not counted first
    files, total = scan_paths(rutas, files_from, exts, tuple(exclude), stream=bool(files_from or scheduler))
    opts = BatchOptions(jobs=min(jobs or os.cpu_count() or 1, total or 256), timeout=_time_limit(timeout, ocr),
                        options={"config": playbook, "ocr": ocr})
    if scheduler:
        from .cluster import cluster_reports

        reports = cluster_reports(scheduler, files, opts)  # connects now: a cluster that is not there is exit 2
    else:
        reports = run_batch(files, opts)
    totals = Totals(fail_on=fail_on, planned=total, playbook=playbook.to_dict())
    stop_code = None
    progress = _progress(total)
    try:
        with stop_on_signals(), atomic_output(output, newline="" if fmt == "csv" else None) as handle:
            writer = WRITERS[fmt](handle)
            try:
                for record in reports:  # an interruption stops and joins its workers (or cancels the cluster's)
                    writer.write(record)
                    totals.add(record)
                    if not record.readable:
                        progress.write(f"contratos: {display_name(record.file)}: {record.error_message}",
                                       file=sys.stderr)
                    progress.update(1)
            except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM / SIGHUP (signals.Stopped)
                ignore_signals()
                stop_code = getattr(stop, "exit_code", 130)
                totals.interrupted = True  # the output is marked: it never passes for a complete review
            finally:
                progress.close()
            writer.close(totals)
    except OutputError as error:
        click.echo(f"contratos: {error.message}", err=True)
        sys.exit(EXIT_ERROR)
    if stop_code is not None:
        click.echo(f"contratos: interrumpido; revisados {totals.files}{f' de {total}' if total else ''} archivos "
                   f"(el resultado lo indica y solo incluye esos).", err=True)
        sys.exit(stop_code)
    if fmt != "table" or output:
        click.echo(totals.sentence(), err=True)
    sys.exit(totals.exit_code)


def _report_for(archivo: str, password: str | None, force: bool, playbook, ocr: bool = False,
                timeout: float | None = None):
    """check_file for the review commands; an unreadable file ends the command with one line and exit 2."""

    def emit_error(report) -> int:
        click.echo(f"contratos: {_shown(archivo)}: {report.error['message']}", err=True)
        return EXIT_ERROR

    report = _checked(archivo, _time_limit(timeout, ocr), emit_error,
                      password=password, force=force, config=playbook, ocr=ocr)
    if not report.readable:
        sys.exit(emit_error(report))
    return report


def _judged_report(archivo: str, password, force: bool, playbook, ocr: bool, timeout):
    """_report_for, refusing (exit 2) a document that cannot be judged (not a service contract, or every
    check disabled): the letter, comments and comparison need one."""
    from .checklist import cannot_judge

    report = _report_for(archivo, password, force, playbook, ocr, timeout)
    problem = cannot_judge(report)
    if problem is not None:
        click.echo(f"contratos: {archivo}: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    return report


@cli.command("checklist", context_settings=_HELP)
@click.argument("archivo", metavar="ARCHIVO")
@click.option("--format", "-f", "fmt", type=click.Choice(["markdown", "html"]), default="markdown",
              help="markdown (por omisión) o html: una página autónoma con el texto del contrato resaltado.")
@click.option("--respuestas", default=None, metavar="ARCHIVO",
              help="Archivo TOML con las respuestas a las preguntas sobre el cliente (true/false, \"si\", "
                   "\"no\" o \"no_se\").")
@_document_options
@_ocr_option
@_timeout_option
@_config_option
@_fail_on_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def checklist_command(archivo, fmt, respuestas, password, force, ocr, timeout, config_path, fail_on):
    """Lista de verificación antes de firmar: las comprobaciones, las preguntas sobre el cliente
    (o sobre el prestador, con perspectiva cliente) y un veredicto (firmar, negociar antes de firmar
    o no aceptar) con sus motivos. Las preguntas sin responder quedan como pendientes.

    Códigos de salida: 0 firmar, 1 negociar antes de firmar o no aceptar, 2 error o sin veredicto
    (no es un contrato de servicios, o la configuración desactiva todas las comprobaciones).
    """
    from .checklist import CannotJudge, build, load_answers
    from .config import ConfigError

    playbook = _playbook(config_path)
    try:
        answers = load_answers(respuestas, playbook.perspective)
    except ConfigError as error:
        click.echo(f"contratos: {error.message}", err=True)
        sys.exit(EXIT_ERROR)
    try:
        checklist = build(_report_for(archivo, password, force, playbook, ocr, timeout), answers, fail_on)
    except CannotJudge as problem:
        click.echo(f"contratos: {archivo}: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    if fmt == "html":
        from .formatters.html import render_html

        click.echo(render_html(checklist.report, checklist), nl=False)
    else:
        from .formatters.checklist import render_checklist_markdown

        click.echo(render_checklist_markdown(checklist), nl=False)
    sys.exit(checklist.exit_code)


@cli.command("carta", context_settings=_HELP)
@click.argument("archivo", metavar="ARCHIVO")
@click.option("--tipo", type=click.Choice(["negociar", "declinar"]), required=True,
              help="negociar: pide añadir o corregir las cláusulas; declinar: rechaza el proyecto con amabilidad.")
@click.option("--cliente", "--destinatario", "cliente", default="", metavar="NOMBRE",
              help="A quién va dirigida la carta (el cliente; con perspectiva cliente, el prestador).")
@click.option("--firma", default="", metavar="NOMBRE", help="Su nombre, al pie de la carta.")
@click.option("--motivo", type=click.Choice(["condiciones", "tiempo", "especialidad"]), default="condiciones",
              help="Por qué declina (solo con --tipo declinar; por omisión: condiciones).")
@click.option("--recomendar", default="", metavar="NOMBRE", help="A quién recomienda en su lugar (declinar).")
@click.option("--hasta", type=_SEVERITY, default="media", show_default=True,
              help="Incluye los puntos débiles de esta prioridad y de las más altas (alta > media > baja).")
@click.option("--comparar", "previous", default=None, metavar="VIEJO",
              help="La versión anterior del contrato (solo con --tipo negociar): la carta agradece lo que se "
                   "corrigió y pide lo que sigue faltando.")
@_document_options
@_ocr_option
@_timeout_option
@_config_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def carta_command(archivo, tipo, cliente, firma, motivo, recomendar, hasta, previous, password, force, ocr,
                  timeout, config_path):
    """Escribe un correo amable a la otra parte: pide los cambios con una redacción propuesta, o
    declina el proyecto con honestidad y, si puede, recomienda a otra persona.

    No escribe cartas sobre un documento que no es un contrato de servicios (salvo con --forzar).
    """
    from .carta import letter_notes, write_letter

    if previous and tipo != "negociar":
        click.echo("contratos: uso incorrecto: --comparar solo se usa con --tipo negociar. Quite la opción o "
                   "cambie el tipo", err=True)
        sys.exit(EXIT_ERROR)
    playbook = _playbook(config_path)
    comparison = None
    if previous:
        from .comparar import compare

        old = _judged_report(previous, password, force, playbook, ocr, timeout)
        comparison = compare(old, _judged_report(archivo, password, force, playbook, ocr, timeout))
    report = comparison.after if comparison else _judged_report(archivo, password, force, playbook, ocr, timeout)
    click.echo(write_letter(report, tipo, client=cliente, signature=firma, reason=motivo,
                            recommend=recomendar, up_to=hasta, comparison=comparison), nl=False)
    for note in letter_notes(report, hasta):
        click.echo(f"contratos: aviso: {note}.", err=True)
    sys.exit(EXIT_OK)


@cli.command("anotar", context_settings=_HELP)
@click.argument("archivo", metavar="CONTRATO")
@click.option("--output", "-o", default=None, metavar="SALIDA.docx",
              help="Dónde escribir la copia anotada (por omisión: CONTRATO.anotado.docx junto al contrato).")
@_document_options
@_ocr_option
@_timeout_option
@_config_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def anotar_command(archivo, output, password, force, ocr, timeout, config_path):
    """Escribe una copia .docx del contrato con un comentario de Word (autor «contratos») en el párrafo
    de cada punto débil: qué pasa, por qué importa, qué pedir y una redacción para proponer. Un
    comentario al principio resume la revisión y trae el texto de las cláusulas que faltan.

    Con un .docx, la copia conserva los cambios controlados, los estilos, los encabezados y las tablas;
    con otro formato, es un documento nuevo con el texto y los títulos de las cláusulas. El contrato
    original nunca se modifica.
    """
    from .anotar import AnnotateError, annotate, output_path

    try:
        target = output_path(archivo, output)
        report = _judged_report(archivo, password, force, _playbook(config_path), ocr, timeout)
        done = annotate(report, target)
    except AnnotateError as error:
        click.echo(f"contratos: {error}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"Copia anotada: {done['output']} ({done['sentence']}).")
    sys.exit(EXIT_OK)


@cli.command("comparar", context_settings=_HELP)
@click.argument("viejo", metavar="VIEJO")
@click.argument("nuevo", metavar="NUEVO")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default="text",
              help="Formato de la comparación (por omisión: text).")
@_document_options
@_ocr_option
@_timeout_option
@_config_option
@_fail_on_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def comparar_command(viejo, nuevo, fmt, password, force, ocr, timeout, config_path, fail_on):
    """Compara dos versiones de un contrato (pueden estar en formatos distintos): para cada
    comprobación, el estado antes y ahora y si quedó resuelta, mejoró, sigue igual, empeoró o es nueva;
    para alcance, pago y rescisión, las palabras añadidas y quitadas en la cláusula.

    Códigos de salida: 0 la nueva versión no tiene puntos débiles de prioridad alta (o la de --fail-on),
    1 todavía los tiene, 2 no se pudo leer alguno de los archivos.
    """
    from .comparar import compare
    from .formatters.comparison import RENDERERS

    playbook = _playbook(config_path)
    before = _judged_report(viejo, password, force, playbook, ocr, timeout)
    comparison = compare(before, _judged_report(nuevo, password, force, playbook, ocr, timeout))
    click.echo(RENDERERS[fmt](comparison), nl=False)
    sys.exit(comparison.exit_code_for(fail_on))


@cli.command("reglas", context_settings=_HELP)
@_config_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def rules_command(config_path):
    """Lista las comprobaciones: id, prioridad y qué busca (alias: rules)."""
    from .patterns import CHECK_FILES, load_specs

    playbook = _playbook(config_path)
    specs = load_specs(playbook.perspective)
    for check_id in CHECK_FILES:
        spec = specs[check_id]
        off = "  (desactivada)" if check_id in playbook.disabled else ""
        click.echo(f"{check_id:<21} {playbook.severity_of(check_id, spec.severity):<6} "
                   f"{spec.name}: {spec.title}{off}")
    sys.exit(EXIT_OK)


@cli.command("explicar", context_settings=_HELP)
@click.argument("check_id", metavar="ID")
@_config_option
@click.help_option("-h", "--help", help="Muestra esta ayuda y sale.")
def explain_command(check_id, config_path):
    """Explica una comprobación: qué detecta, por qué importa y una cláusula de ejemplo (alias: explain)."""
    import difflib
    import textwrap
    import unicodedata

    from .patterns import CHECK_FILES, load_specs
    from .plantillas import no_clause_advice, suggested_clause

    # any case, accents or separators: "MORA", "rescisión", "campos-vacios"
    wanted = "".join(c for c in unicodedata.normalize("NFKD", check_id.strip().lower()) if not unicodedata.combining(c))
    wanted = wanted.replace("-", "_").replace(" ", "_")
    if wanted not in CHECK_FILES:
        close = difflib.get_close_matches(wanted, CHECK_FILES, n=2, cutoff=0.6)
        guess = f"¿Quiso decir {' o '.join(close)}? " if close else ""
        click.echo(f"contratos: comprobación desconocida '{check_id}'. {guess}Use una de: {', '.join(CHECK_FILES)} "
                   "(véalas con 'contratos reglas')", err=True)
        sys.exit(EXIT_ERROR)
    playbook = _playbook(config_path)
    spec = load_specs(playbook.perspective)[wanted]
    wrap = lambda text: textwrap.fill(" ".join(text.split()), width=88, initial_indent="  ", subsequent_indent="  ")
    clause = suggested_clause(wanted, playbook)
    ending = (["Cláusula de ejemplo (complete los datos entre corchetes):", wrap(f"«{clause}»")] if clause
              else ["Qué hacer:", wrap(no_clause_advice(wanted))])
    parts = [f"{spec.id} · {spec.name} (prioridad {playbook.severity_of(wanted, spec.severity)})", "",
             f"{spec.title}", "", "Qué detecta:", wrap(spec.extra.get("detecta", spec.name)), "",
             "Por qué importa:", wrap(spec.why), "", "Qué pedir:", wrap(spec.recommendation), "", *ending]
    click.echo("\n".join(parts))
    sys.exit(EXIT_OK)


def _register_web() -> None:
    from .web.command import make_command

    cli.add_command(make_command(Command, _HELP))


_register_web()


def _progress(total: int):
    """A progress bar on stderr only when stderr is a terminal (files done / total, rate, time left)."""
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, disable=not sys.stderr.isatty(), unit=" arch.",
                desc="Revisando", bar_format="{desc}: {n_fmt}/{total_fmt} {bar} {rate_fmt} · quedan {remaining}",
                leave=False)


def main() -> None:
    from .startup import defer_spacy_cli

    defer_spacy_cli()
    try:
        _exit(cli.main(prog_name="contratos", standalone_mode=False) or 0)
    except SystemExit as exc:
        _exit(exc.code)
    except click.exceptions.Abort:
        click.echo("contratos: interrumpido.", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `contratos` alone: its help, not an error line
            click.echo(exc.format_message(), err=True)
            sys.exit(EXIT_ERROR)
        where = exc.ctx.command_path if exc.ctx is not None else "contratos"  # the subcommand's own help
        problem = _spanish_usage(exc)
        click.echo(f"contratos: uso incorrecto: {problem}{'' if problem.endswith('?') else '.'} "
                   f"{_dash_hint(sys.argv[1:])}Ejecute '{where} --help'.", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        click.echo(f"contratos: {exc.format_message()}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug must still not show a traceback
        click.echo(f"contratos: error interno ({type(exc).__name__}: {exc}). Informe del fallo, por favor", err=True)
        sys.exit(EXIT_ERROR)


def _exit(code) -> None:
    """Exit without tearing down spaCy's objects one by one (about 0.1 s): flush and leave."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else EXIT_ERROR))


def _dash_hint(args: list[str]) -> str:
    """For a file whose name starts with a dash ("-rf.txt"), which click takes for options: how to pass it."""
    import os

    named = next((a for a in args if a.startswith("-") and a not in ("-", "--") and os.path.lexists(a)), None)
    if named is None:
        return ""
    command = next((a for a in args if not a.startswith("-")), "check")
    return (f"Si «{named}» es el archivo, escriba -- antes de él para que no se tome por una opción: "
            f"contratos {command} -- {named} (o ./{named}). ")


def _spanish_usage(exc: click.UsageError) -> str:
    def guess(possibilities) -> str:
        return f"; ¿quiso decir {' o '.join(possibilities[:2])}?" if possibilities else ""

    if isinstance(exc, click.MissingParameter):
        if isinstance(exc.param, click.Option):
            return f"falta la opción {exc.param.opts[0]}"
        return f"falta {exc.param.human_readable_name.rstrip('.') if exc.param else 'un argumento'}"
    if isinstance(exc, click.NoSuchOption):
        return f"la opción {exc.option_name} no existe{guess(exc.possibilities)}"
    if hasattr(exc, "command_name"):  # click's NoSuchCommand: name it and suggest the closest one
        return f"la orden '{exc.command_name}' no existe{guess(exc.possibilities)}"
    if isinstance(exc, click.BadParameter):
        name = " (".join(exc.param.opts[:2]) + ")" * (len(exc.param.opts) > 1) \
            if isinstance(exc.param, click.Option) else exc.param.human_readable_name if exc.param else "un parámetro"
        kind = exc.param.type if exc.param else None
        if isinstance(kind, click.Choice):
            return f"valor no válido para {name}; valores válidos: {', '.join(map(str, kind.choices))}"
        if isinstance(kind, (click.IntRange, click.FloatRange)):
            number = "un número entero" if isinstance(kind, click.IntRange) else "un número"
            bounds = (f"entre {kind.min} y {kind.max}" if kind.min is not None and kind.max is not None
                      else f"mayor o igual que {kind.min}" if kind.min is not None else f"menor o igual que {kind.max}")
            return f"valor no válido para {name}; debe ser {number} {bounds}"
        return f"valor no válido para {name}"
    if "No such command" in exc.format_message():
        return "orden desconocida"
    return exc.format_message()


if __name__ == "__main__":
    main()
