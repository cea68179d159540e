"""Hostile input, round 2 (issue 13): what the other side of a negotiation can slip into a file, each
built here for real and checked for its exact outcome, through the API and the CLI as users call it.

Invisible characters and mixed encodings must not hide a clause; text nobody sees in a PDF must not
add one; deep HTML is read or refused, never cut; resources are bounded; standard input, dashed names
and OS errors get Spanish answers."""
from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest

from contratos.api import check_file
from contratos.cleantext import INVISIBLE_WARNING, clean_text
from contratos.oserrors import read_error
from contratos.sentences import MAX_SENTENCE, split_sentences

from .builders import make_docx
from .conftest import run_cli
from .hostile_pdf import HIDDEN_CLAUSE, HIDDEN_WAYS, ONE_SIDED_PAGES, hidden_text_pdf, text_pdf
from .hostile_text import EXIT, INVISIBLE, OBJECT, PARAGRAPHS, PAYMENT, TITLE, nested_html, write_contract


def _statuses(report) -> dict[str, str]:
    return {c.id: c.status for c in report.checks}


# --- 1. invisible and format characters --------------------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
@pytest.mark.parametrize("name", list(INVISIBLE))
def test_invisible_characters_do_not_hide_the_payment_term(tmp_path, suffix, name):
    written, warns = INVISIBLE[name]
    path = write_contract(tmp_path / f"contrato{suffix}", [TITLE, OBJECT, PAYMENT.replace("90 días", written), EXIT])
    report = check_file(path)
    pago = next(c for c in report.checks if c.id == "pago")
    assert pago.status == "weak" and "El plazo de pago (90 días) supera el máximo de 60 días." in pago.explanation
    quote = pago.evidence[0].text
    assert "dentro de los 90 días siguientes" in quote  # the quote shows the clean text
    assert clean_text(report.text) == (report.text, 0)  # nothing invisible is left anywhere
    invisible = [w for w in report.warnings if w.startswith(INVISIBLE_WARNING)]
    if warns:
        # the paragraph is the one the quote names ("SEGUNDA. HONORARIOS, párrafo 5")
        assert invisible == [f"{INVISIBLE_WARNING} (en el párrafo {pago.evidence[0].paragraph}): caracteres de ancho cero, de control de la "
                             "dirección del texto o secuencias de escape. Se han quitado antes de revisarlo; "
                             "compare el texto con el original."]
    else:
        assert invisible == []


def test_invisible_characters_through_the_cli(tmp_path):
    path = make_docx(tmp_path / "contrato.docx", [("p", TITLE), ("p", OBJECT),
                                                  ("p", PAYMENT.replace("90 días", "9\u200b0\u00a0días")),
                                                  ("p", EXIT.replace("resolver", "re\u202esolver"))])
    result = run_cli("check", str(path))
    assert result.returncode == 1, result.stderr
    assert (f"Aviso: {INVISIBLE_WARNING} (en los párrafos 3, 4): caracteres de ancho cero, de control de la "
            "dirección del texto o secuencias de escape.") in result.stdout
    assert "El plazo de pago (90 días) supera el máximo de 60 días." in result.stdout
    assert "\u200b" not in result.stdout and "\u202e" not in result.stdout and "\u00a0días" not in result.stdout


def test_clean_text_keeps_line_breaks_and_removes_escape_sequences():
    text, suspicious = clean_text("Uno\tdos\nTres\x1b[31m rojo\x1b[0m \x1b]8;;https://x.example\x07enlace"
                                  "\x1b]8;;\x07 fin\u00a0\u00ad.")
    assert text == "Uno\tdos\nTres rojo enlace fin ."
    assert suspicious == 4
    assert clean_text("Cafe\u0301 y camión") == ("Café y camión", 0)  # NFC, nothing suspicious


# --- 2. mixed encodings ------------------------------------------------------------------------------

def test_utf8_file_with_one_latin1_line_keeps_its_utf8(tmp_path):
    path = tmp_path / "contrato.txt"
    lines = [TITLE, "", OBJECT, "", PAYMENT, "", EXIT]
    data = b"\n".join(line.encode("cp1252" if line is EXIT else "utf-8") for line in lines) + b"\n"
    path.write_bytes(data)
    report = check_file(path)
    assert report.warnings == ["El archivo mezcla codificaciones: casi todo está en UTF-8, pero la línea 7 se ha "
                               "leído como Windows-1252 (Latin-1). Compruebe en el original las citas de esa línea."]
    assert _statuses(report)["pago"] == "weak" and _statuses(report)["rescision"] == "ok"
    assert "pagará" in report.text and "abonándose" in report.text and "Ã" not in report.text


def test_a_file_entirely_in_windows_1252_is_read_without_a_warning(tmp_path):
    path = tmp_path / "contrato.txt"
    path.write_bytes("\n\n".join(PARAGRAPHS).encode("cp1252"))
    report = check_file(path)
    assert report.warnings == [] and "pagará" in report.text and _statuses(report)["pago"] == "weak"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_decoded(tmp_path, encoding):
    path = tmp_path / "contrato.txt"
    path.write_bytes("\n\n".join(PARAGRAPHS).encode(encoding))  # "utf-32" writes a byte order mark
    report = check_file(path)
    assert report.readable, report.error
    assert _statuses(report)["pago"] == "weak" and "Traductora" in report.text


# --- 3. text a person cannot see -------------------------------------------------------------------

_REASON = {"invisible": "texto invisible", "white": "texto del mismo color que el fondo",
           "tiny": "texto de menos de 1 punto", "outside": "texto fuera de la página",
           "same_colour": "texto del mismo color que el fondo"}
_HIDDEN_QUOTE = " ".join(HIDDEN_CLAUSE)


@pytest.mark.parametrize("way", HIDDEN_WAYS)
def test_hidden_pdf_text_is_left_out_and_quoted(tmp_path, way):
    visible = check_file(text_pdf(tmp_path / "visible.pdf", ONE_SIDED_PAGES))
    shown = check_file(text_pdf(tmp_path / "mostrado.pdf", [ONE_SIDED_PAGES[0] + [""] + HIDDEN_CLAUSE]))
    assert _statuses(shown)["rescision"] == "ok"  # the clause would make the exit mutual if it counted
    report = check_file(hidden_text_pdf(tmp_path / f"oculto_{way}.pdf", way))
    assert _statuses(report)["rescision"] == "weak"
    rescision = next(c for c in report.checks if c.id == "rescision")
    assert rescision.explanation == next(c for c in visible.checks if c.id == "rescision").explanation
    assert report.warnings[0] == ("El PDF contiene texto oculto, que no se ve en pantalla ni al imprimirlo; no se ha "
                                  f"tenido en cuenta en la revisión: «{_HIDDEN_QUOTE}» (página 1, {_REASON[way]}). "
                                  "Pregunte a la otra parte por qué está ahí.")
    assert "Cualquiera de las partes podrá resolver" not in report.text
    assert "Estudio Lumen, traducciones" in report.text  # white on a dark band is visible: it stays


def test_hidden_pdf_text_through_the_cli(tmp_path):
    path = hidden_text_pdf(tmp_path / "propuesta.pdf", "invisible")
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["warnings"][0].startswith("El PDF contiene texto oculto")
    assert {c["id"]: c["status"] for c in report["checks"]}["rescision"] == "weak"


def test_html_nested_300_deep_is_read(tmp_path):
    flat = check_file(nested_html(tmp_path / "plano.html", 1))
    deep = check_file(nested_html(tmp_path / "anidado.html", 300))
    assert _statuses(deep) == _statuses(flat)
    assert _statuses(deep)["pago"] == "weak" and _statuses(deep)["rescision"] == "ok"


def test_html_nested_beyond_the_parser_limit_is_refused(tmp_path):
    path = nested_html(tmp_path / "anidado.html", 100_000)
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["error"] == {"code": "too_large", "message": (
        "la página HTML tiene más de 2048 elementos anidados unos dentro de otros, más de los que se pueden leer "
        "(el resto del texto se perdería). Ábrala en el navegador, copie el texto a un archivo .txt y revise ese "
        "archivo, o pida el contrato en Word o PDF")}
    assert result.stderr.startswith(f"contratos: {path}: la página HTML tiene más de 2048")


# --- 5. bounded resources ------------------------------------------------------------------------------

_NOT_A_FILE = ("no es un archivo normal (es una tubería, un socket o un dispositivo). Indique en {option} un "
               "archivo .toml guardado en el disco")


@pytest.mark.parametrize("option", ["--config", "--respuestas"])
@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "big"])
def test_toml_options_read_only_small_regular_files(tmp_path, option, kind):
    contract = write_contract(tmp_path / "contrato.txt", PARAGRAPHS)
    if kind == "dev_zero":
        target = "/dev/zero"
    elif kind == "fifo":
        target = str(tmp_path / "tuberia.toml")
        os.mkfifo(target)  # nobody writes to it: reading would block for ever
    else:
        target = str(tmp_path / "enorme.toml")
        Path(target).write_text("# comentario\n" * 90_000, encoding="utf-8")  # 1.1 MB
    command = "checklist" if option == "--respuestas" else "check"
    result = run_cli(command, str(contract), option, target)
    assert result.returncode == 2
    expected = (_NOT_A_FILE.format(option=option) if kind != "big" else
                f"pesa 1142 KB, más de los 1024 KB que puede ocupar un archivo de configuración. Revise que indica "
                f"en {option} el archivo correcto")
    assert result.stderr == f"contratos: {target}: {expected}\n"
    assert result.stdout == ""


def test_text_without_punctuation_is_split_into_bounded_sentences(tmp_path):
    words = ("la traductora entregara los capitulos revisados y la cliente pagara cada entrega en el plazo "
             "pactado entre ambas partes para el proyecto de traduccion").split()
    text = " ".join(words[i % len(words)] for i in range(170_000))  # about 1 MB, not one full stop
    path = tmp_path / "sin_puntos.txt"
    path.write_text(TITLE + "\n\n" + text, encoding="utf-8")
    spans = split_sentences(text)
    assert max(end - start for start, end in spans) <= MAX_SENTENCE
    assert " ".join(text[s:e] for s, e in spans).split() == text.split()  # nothing lost, nothing repeated
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "E088" not in result.stderr and "Text of length" not in result.stdout + result.stderr
    assert json.loads(result.stdout)["readable"] is True


# --- 8. small things a user hits ---------------------------------------------------------------------

def test_check_dash_reads_standard_input(tmp_path):
    pdf = text_pdf(tmp_path / "contrato.pdf", ONE_SIDED_PAGES)
    from_file = json.loads(run_cli("check", str(pdf), "--format", "json").stdout)
    piped = subprocess.run([*_cli(), "check", "-", "--format", "json"], input=pdf.read_bytes(),
                           capture_output=True, timeout=300)
    assert piped.returncode == 1, piped.stderr
    report = json.loads(piped.stdout)
    assert report["file"] == "(entrada estándar)" and report["format"] == "pdf" and report["warnings"] == []
    assert [c["status"] for c in report["checks"]] == [c["status"] for c in from_file["checks"]]
    empty = subprocess.run([*_cli(), "check", "-"], input=b"", capture_output=True, timeout=300)
    assert empty.returncode == 2
    assert empty.stderr.decode() == ("contratos: (entrada estándar): el archivo está vacío (0 bytes). Compruebe que "
                                     "es el contrato correcto\n")


def _cli() -> list[str]:
    import sys

    exe = Path(sys.executable).with_name("contratos")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "contratos.cli"]


def test_a_file_named_like_an_option_gets_a_hint(tmp_path):
    write_contract(tmp_path / "-rf.txt", PARAGRAPHS)
    result = run_cli("check", "-rf.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("contratos: uso incorrecto: la opción -r no existe. Si «-rf.txt» es el archivo, escriba "
                             "-- antes de él para que no se tome por una opción: contratos check -- -rf.txt (o "
                             "./-rf.txt). Ejecute 'contratos check --help'.\n")
    assert run_cli("check", "--", "-rf.txt", cwd=tmp_path).returncode == 1


def test_os_errors_are_spanish(tmp_path):
    long_name = tmp_path / ("contrato" * 40 + ".txt")  # 320 characters: longer than a file name may be
    result = run_cli("check", str(long_name), "--format", "json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == {"code": "not_found", "message": (
        "el nombre o la ruta del archivo es demasiado largo para el sistema. Cambie el nombre del archivo o "
        "muévalo a una carpeta con una ruta más corta")}
    assert "Error" not in result.stderr and "errno" not in result.stderr.lower()
    disk = read_error(OSError(errno.EIO, "Input/output error"))
    assert (disk.code, disk.message) == ("io_error", "el disco dio un error al leer el archivo. Copie el archivo a "
                                                     "otro disco o pida una copia nueva")
    odd = read_error(OSError(errno.ESTALE, "Stale file handle"))
    assert (odd.code, odd.cause) == ("io_error", "el sistema no pudo leer el archivo (error ESTALE)")


# --- 4. output injection ------------------------------------------------------------------------------

def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    names = ['=HYPERLINK("x.example";"pulse").txt', "+suma.txt", "@orden.txt", "-resta.txt"]
    for name in names:
        write_contract(tmp_path / name, PARAGRAPHS)
    result = run_cli("scan", ".", "--format", "csv", "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert sorted(row["file"] for row in rows) == sorted("'" + name for name in names)


def test_csv_cell_rule_and_names_given_alone(tmp_path):
    from contratos.safe import csv_cell

    assert [csv_cell(v) for v in ["=1+1", "+34 600", "-2", "@SUM(A1)", "\tx", "\rx", "normal", 3, ""]] == \
        ["'=1+1", "'+34 600", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "normal", 3, ""]
    write_contract(tmp_path / "=cmd.txt", PARAGRAPHS)
    result = run_cli("scan", "=cmd.txt", "--format", "csv", cwd=tmp_path)
    assert result.stdout.splitlines()[1].startswith("'=cmd.txt,")


def test_terminal_output_carries_no_escape_sequences(tmp_path):
    name = "contrato\n\x1b[2J\x1b]8;;x.example\x07.txt"  # clears the screen, plants a link
    path = tmp_path / name
    path.write_text("\n\n".join([TITLE, OBJECT, PAYMENT.replace("90 días", "\x1b[8m90 días\x1b[0m"), EXIT]),
                    encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
    assert result.stdout.splitlines()[0] == f"contratos · {tmp_path}/contrato\\n\\x1b[2J\\x1b]8;;x.example\\x07.txt"
    assert "bancaria dentro de los 90 días siguientes a la recepción" in " ".join(result.stdout.split())
    missing = run_cli("check", str(tmp_path / "otro\n\x1b[31m.txt"))
    assert missing.stderr == (f"contratos: {tmp_path}/otro\\n\\x1b[31m.txt: el archivo no existe. Revise la ruta y el "
                              "nombre del archivo\n")


def test_markdown_report_escapes_html_and_links_from_the_document(tmp_path):
    trap = ("PRIMERA. OBJETO. La Traductora traducirá el manual <script>alert('x')</script> y "
            "[descargue la factura](javascript:alert(1)) en formato Word.")
    path = write_contract(tmp_path / "contrato`x`.txt", [TITLE, trap, PAYMENT, EXIT])
    result = run_cli("check", str(path), "--format", "markdown")
    assert result.returncode == 1
    assert "<script>" not in result.stdout
    assert not __import__("re").search(r"(?<!\\)\]\(javascript:", result.stdout)  # only the escaped \](
    assert "&lt;script&gt;alert('x')&lt;/script&gt; y \\[descargue la factura\\](javascript:alert(1))" in result.stdout
    assert result.stdout.splitlines()[0] == f"# Revisión de contrato: ``{tmp_path}/contrato`x`.txt``"


# --- 6. process hygiene ------------------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with __import__("contextlib").suppress(OSError):
            found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("signum", ["SIGTERM", "SIGHUP"])
def test_a_signal_stops_the_scan_its_workers_and_marks_the_output(tmp_path, signum):
    import signal
    import time

    folder = tmp_path / "contratos"
    folder.mkdir()
    for i in range(300):
        write_contract(folder / f"contrato_{i:03}.txt", PARAGRAPHS)
    output = tmp_path / "revision.jsonl"
    output.write_text('{"previo": "una revisión completa anterior"}\n', encoding="utf-8")
    scan = subprocess.Popen([*_cli(), "scan", str(folder), "--format", "jsonl", "-o", str(output), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # until a few reports are in the temporary file
            temporary = list(tmp_path.glob(".revision.jsonl.*.tmp"))
            if temporary and temporary[0].read_text(encoding="utf-8").count("\n") >= 3:
                break
            time.sleep(0.05)
        workers = _children(scan.pid)
        assert len(workers) == 2
        scan.send_signal(getattr(signal, signum))
        _, stderr = scan.communicate(timeout=60)
    finally:
        if scan.poll() is None:
            scan.kill()
    assert scan.returncode == 128 + getattr(signal, signum)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)  # no orphan left running
    assert list(tmp_path.glob(".revision.jsonl.*")) == []  # no temporary file left
    lines = output.read_text(encoding="utf-8").splitlines()
    done = len(lines) - 1
    assert 3 <= done < 300
    assert json.loads(lines[-1]) == {"interrupted": True, "message": f"revisión interrumpida: {done} de 300 archivos"}
    assert stderr.strip().splitlines()[-1] == (f"contratos: interrumpido; revisados {done} de 300 archivos "
                                               "(el resultado lo indica y solo incluye esos).")


def test_interrupted_outputs_say_so_in_every_format():
    import io

    from contratos.formatters import FORMATS
    from contratos.formatters.batch import Totals
    from contratos.scanrecord import ScanRecord

    report = ScanRecord.of(check_file(Path(__file__).parents[1] / "sample_contracts" / "completo_ar_diseno.docx"))
    totals = Totals(planned=5, interrupted=True)
    totals.add(report)
    outputs = {}
    for fmt, writer_class in FORMATS["scan"].items():
        out = io.StringIO()
        writer = writer_class(out)
        writer.write(report)
        writer.close(totals)
        outputs[fmt] = out.getvalue()
    assert outputs["csv"].splitlines()[-1] == "revisión interrumpida: 1 de 5 archivos,,,,,,,"
    assert json.loads(outputs["json"])["summary"]["note"] == "revisión interrumpida: 1 de 5 archivos"
    assert json.loads(outputs["json"])["summary"]["interrupted"] is True
    assert outputs["table"].splitlines()[-1] == "Revisión interrumpida: 1 de 5 archivos."
    assert json.loads(outputs["jsonl"].splitlines()[-1])["message"] == "revisión interrumpida: 1 de 5 archivos"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_finished_batch_leaves_no_worker_behind(tmp_path):
    from contratos.batch import BatchOptions, run_batch

    files = [str(write_contract(tmp_path / f"c{i}.txt", PARAGRAPHS)) for i in range(4)]
    reports = list(run_batch(files, BatchOptions(jobs=2, timeout=60)))
    assert len(reports) == 4 and all(r.readable for r in reports)
    assert _children(os.getpid()) == set()  # joined: neither running nor zombies


def test_output_into_bad_places_is_refused_before_scanning(tmp_path):
    contract = write_contract(tmp_path / "contrato.txt", PARAGRAPHS)
    cases = {str(tmp_path / "no_existe" / "r.csv"): f"la carpeta {tmp_path / 'no_existe'} no existe. Créela antes "
                                                     "o indique otra carpeta",
             str(tmp_path): f"es una carpeta, no un archivo. Indique en -o el nombre del archivo a crear, por "
                            f"ejemplo {tmp_path / 'revision.csv'}",
             str(contract / "r.csv"): f"{contract} no es una carpeta. Indique en -o un archivo dentro de una carpeta "
                                      "en la que pueda escribir"}
    locked = tmp_path / "solo_lectura"
    locked.mkdir(mode=0o555)
    if not os.access(locked, os.W_OK):  # not as root, who may write anywhere
        cases[str(locked / "r.csv")] = ("no hay permiso para escribir ahí. Indique en -o un archivo dentro de una "
                                        "carpeta en la que pueda escribir")
    for target, cause in cases.items():
        result = run_cli("scan", str(contract), "-o", target, "--format", "csv")
        assert result.returncode == 2
        assert result.stderr == f"contratos: no se puede escribir {target}: {cause}\n"  # no totals: nothing scanned
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contrato.txt", "solo_lectura"]


def test_output_file_follows_the_umask(tmp_path):
    contract = write_contract(tmp_path / "contrato.txt", PARAGRAPHS)
    for umask, mode in ((0o022, 0o644), (0o002, 0o664)):
        output = tmp_path / f"revision_{umask:o}.csv"
        result = subprocess.run([*_cli(), "scan", str(contract), "-o", str(output)], capture_output=True,
                                preexec_fn=lambda m=umask: os.umask(m), timeout=300)
        assert result.returncode == 1, result.stderr
        assert output.stat().st_mode & 0o777 == mode


# --- 7. whose rules --------------------------------------------------------------------------------------

def test_a_found_playbook_is_named_and_sin_config_ignores_it(tmp_path):
    write_contract(tmp_path / "contrato.txt", PARAGRAPHS)
    (tmp_path / "contratos.toml").write_text("[umbrales]\nplazo_pago_maximo_dias = 120\n", encoding="utf-8")
    found = run_cli("check", "contrato.txt", cwd=tmp_path)
    assert found.returncode == 0
    assert found.stdout.splitlines()[2] == ("Reglas: contratos.toml (encontrada en la carpeta actual; use "
                                            "--sin-config para no aplicarla)")
    ignored = run_cli("check", "contrato.txt", "--sin-config", "--format", "json", cwd=tmp_path)
    assert ignored.returncode == 1  # the 90-day term is weak again under the default 60-day limit
    assert json.loads(ignored.stdout)["playbook"] == {
        "source": None, "origin": "none", "description": "por omisión (--sin-config: no se buscó configuración)"}
    given = run_cli("check", "contrato.txt", "--config", "contratos.toml", "--format", "markdown", cwd=tmp_path)
    assert "Reglas: contratos.toml (indicada con --config)" in given.stdout
    html = run_cli("check", "contrato.txt", "--format", "html", cwd=tmp_path).stdout
    assert ("<p class=\"reglas\">Reglas: contratos.toml (encontrada en la carpeta actual; use --sin-config para no "
            "aplicarla)</p>") in html
    checklist = run_cli("checklist", "contrato.txt", cwd=tmp_path).stdout
    assert "Reglas: contratos.toml (encontrada en la carpeta actual; use --sin-config para no aplicarla)" in checklist
    summary = json.loads(run_cli("scan", ".", "--format", "json", cwd=tmp_path).stdout)["summary"]
    assert summary["playbook"]["origin"] == "found" and summary["playbook"]["source"] == "contratos.toml"
    default = json.loads(run_cli("check", str(tmp_path / "contrato.txt"), "--format", "json").stdout)["playbook"]
    assert default == {"source": None, "origin": "default", "description": "por omisión"}
