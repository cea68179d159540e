"""`contratos scan`: many contracts (folders, files, a list), in parallel or on a Dask cluster, written
row by row in the chosen format with a summary; Ctrl-C stops cleanly and the output says so."""
from __future__ import annotations

import sys

import click

from ..discover import DEFAULT_EXTENSIONS

from .options import TIMEOUT_HELP, config_option, fail_on_option, format_option, ocr_option
from .run import EXIT_ERROR, playbook_for, time_limit_for
from .spanish import command


@command("scan")
@click.argument("rutas", nargs=-1, metavar="RUTA...")
@format_option("scan", "table", "table: resumen en la terminal; jsonl: un informe por línea; csv: una fila por "
                                "archivo (UTF-8 con BOM, para Excel); json: todos los informes y un resumen.")
@click.option("--output", "-o", default=None, metavar="ARCHIVO",
              help="Escribe el resultado en ARCHIVO (de forma atómica) en vez de la salida estándar.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="Procesos en paralelo (por omisión: los núcleos de la máquina).")
@click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SEGUNDOS",
              help="Tiempo máximo por archivo " + TIMEOUT_HELP)
@click.option("--ext", "extensions", default=",".join(DEFAULT_EXTENSIONS), show_default=True,
              metavar="LISTA", help="Extensiones a revisar, separadas por comas.")
@click.option("--exclude", multiple=True, metavar="PATRÓN", help="Omite las rutas que coinciden (se puede repetir).")
@click.option("--files-from", "files_from", default=None, metavar="LISTA",
              help="Revisa también las rutas de LISTA, una por línea ('-': la entrada estándar), para "
                   "listas demasiado largas para la línea de órdenes.")
@click.option("--scheduler", envvar="DASK_SCHEDULER_ADDRESS", default=None, metavar="tcp://MÁQUINA:PUERTO",
              help="Reparte el análisis en un clúster de Dask (también con la variable DASK_SCHEDULER_ADDRESS); "
                   "los trabajadores deben ver las mismas rutas que esta máquina.")
@ocr_option
@config_option
@fail_on_option
def scan_command(rutas, fmt, output, jobs, timeout, extensions, exclude, files_from, scheduler, ocr, config_path,
                 fail_on):
    """Revisa muchos contratos: carpetas (recursivamente) y archivos.

    Códigos de salida: 0 ningún punto débil de prioridad alta (o de la que indique --fail-on),
    1 algún contrato con alguno, 2 algún archivo no se pudo leer.
    """
    import os

    from ..batch import BatchOptions, run_batch
    from ..formatters import FORMATS
    from ..formatters.batch import Totals
    from ..output import OutputError, atomic_output, check_target
    from ..safe import display_name
    from ..scan_sources import scan_paths
    from ..signals import ignore_signals, stop_on_signals

    playbook = playbook_for(config_path)
    try:
        check_target(output)  # before any work: not after scanning everything
    except OutputError as error:
        click.echo(f"contratos: {error.message}", err=True)
        sys.exit(EXIT_ERROR)
    exts = tuple(e.strip() for e in extensions.split(",") if e.strip())
    # a list or a cluster may hold millions of files: streamed, not counted first
    files, total = scan_paths(rutas, files_from, exts, tuple(exclude), stream=bool(files_from or scheduler))
    opts = BatchOptions(jobs=min(jobs or os.cpu_count() or 1, total or 256), timeout=time_limit_for(timeout, ocr),
                        options={"config": playbook, "ocr": ocr})
    if scheduler:
        from ..cluster import cluster_reports

        reports = cluster_reports(scheduler, files, opts)  # connects now: a cluster that is not there is exit 2
    else:
        reports = run_batch(files, opts)
    totals = Totals(fail_on=fail_on, planned=total, playbook=playbook.to_dict())
    stop_code = None
    progress = _progress(total)
    try:
        with stop_on_signals(), atomic_output(output, newline="" if fmt == "csv" else None) as handle:
            writer = FORMATS["scan"][fmt](handle)
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


def _progress(total: int):
    """A progress bar on stderr only when stderr is a terminal (files done / total, rate, time left)."""
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, disable=not sys.stderr.isatty(), unit=" arch.",
                desc="Revisando", bar_format="{desc}: {n_fmt}/{total_fmt} {bar} {rate_fmt} · quedan {remaining}",
                leave=False)
