"""`contratos scan --scheduler` on real Dask clusters on 127.0.0.1: a LocalCluster of two worker
processes, and `dask scheduler` / `dask worker` processes started and stopped here."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from contratos.batch import BatchOptions, FileTimeout
from contratos.cluster import analyse_on_worker, run_cluster, thread_time_limit

from .conftest import ROOT, SAMPLES, run_cli

BIN = Path(sys.executable).parent
CONTRACTS = sorted(p for p in SAMPLES.iterdir() if p.suffix != ".toml")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _reports(text: str) -> dict[str, dict]:
    """jsonl reports by file name."""
    return {r["file"]: r for r in map(json.loads, text.splitlines())}


def _by_name(reports: dict[str, dict]) -> dict[str, dict]:
    return {os.path.basename(k): {**v, "file": os.path.basename(k)} for k, v in reports.items()}


@pytest.fixture(scope="module")
def local_reports() -> dict[str, dict]:
    """What the local pool says about every sample contract."""
    result = run_cli("scan", str(SAMPLES), "--format", "jsonl", "--jobs", "2")
    assert result.returncode == 1, result.stderr
    reports = _reports(result.stdout)
    assert len(reports) == len(CONTRACTS)
    return reports


# ------------------------------------------------------------------ LocalCluster

@pytest.fixture(scope="module")
def local_cluster():
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=50)
    client = Client(cluster, set_as_default=False)
    yield cluster, client
    client.close()
    cluster.close()
    # the nannies start workers with the spawn method, which leaves multiprocessing's resource tracker
    # running as a child of this process; other tests check that a scan leaves no child behind
    from multiprocessing import resource_tracker

    resource_tracker._resource_tracker._stop()


def test_local_cluster_gives_the_reports_of_the_local_pool(local_cluster, local_reports):
    cluster, _ = local_cluster
    result = run_cli("scan", str(SAMPLES), "--format", "jsonl", "--scheduler", cluster.scheduler_address)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert _reports(result.stdout) == local_reports
    # the same through the environment variable, as a csv file written atomically
    out = SAMPLES.parent / "build" / "cluster-test.csv"
    out.parent.mkdir(exist_ok=True)
    env = {**os.environ, "DASK_SCHEDULER_ADDRESS": cluster.scheduler_address}
    exe = BIN / "contratos"
    done = subprocess.run([str(exe), "scan", str(SAMPLES), "-f", "csv", "-o", str(out)], env=env,
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 1 and f"{len(CONTRACTS)} archivos" in done.stderr
    assert out.read_text(encoding="utf-8-sig").count("\n") == len(CONTRACTS) + 1
    out.unlink()


def test_dask_workers_run_the_users_own_checks(local_cluster):
    """--reglas goes to the workers with the options (the Playbook), not through the parent's state."""
    cluster, _ = local_cluster
    rules = ROOT / "docs" / "ejemplos" / "reglas"
    result = run_cli("scan", str(SAMPLES), "--format", "jsonl", "--scheduler", cluster.scheduler_address,
                     "--reglas", str(rules))
    assert result.returncode == 1, result.stderr
    reports = _reports(result.stdout)
    assert len(reports) == len(CONTRACTS)
    readable = [r for r in reports.values() if r["readable"]]
    assert readable and all(r["checks"][-1]["id"] == "propiedad_intelectual" for r in readable)


def _crash_on_veneno(path: str, timeout, options, name):
    """A reader that kills its worker process on one file (like a crash in a C library)."""
    if os.path.basename(path) == "veneno.txt":
        os._exit(70)
    return analyse_on_worker(path, timeout, options, name)


def test_a_file_that_kills_its_worker_is_retried_then_reported(local_cluster, tmp_path):
    _, client = local_cluster
    good = tmp_path / "bueno.txt"
    shutil.copy(SAMPLES / "sin_titulos_uy_redaccion.txt", good)
    (tmp_path / "veneno.txt").write_text("EL PRESTADOR cobrará mil pesos.", encoding="utf-8")
    paths = [str(tmp_path / "veneno.txt"), str(good)]
    reports = {os.path.basename(r.file): r
               for r in run_cluster(paths, BatchOptions(timeout=60), client, chunk_files=2, one=_crash_on_veneno)}
    assert set(reports) == {"bueno.txt", "veneno.txt"}
    assert reports["bueno.txt"].readable is True
    assert json.loads(reports["bueno.txt"].report_json)["checks"][0]["id"] == "alcance"
    lost = reports["veneno.txt"]
    assert lost.readable is False and lost.error_code == "corrupt"
    assert "se detuvo de forma anómala" in lost.error_message
    assert client.run(lambda: 1)  # the nanny brought the workers back


# ------------------------------------------------------------------ dask scheduler / dask worker

def _start(args: list[str], log: Path, **env) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "dask"), *args], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            env={**os.environ, **env}, start_new_session=True, cwd=log.parent)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)


def _worker(address: str, name: str, log_dir: Path) -> subprocess.Popen:
    return _start(["worker", address, "--name", name, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                  log_dir / f"{name}.log")


@pytest.fixture(scope="module")
def dask_processes(tmp_path_factory):
    """A scheduler (a file that loses its worker is retried once) and two workers, as Dask documents."""
    from distributed import Client

    logs = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    procs = [_start(["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                     "--dashboard-address", f"127.0.0.1:{_free_port()}"], logs / "scheduler.log",
                    DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1")]
    try:
        procs += [_worker(address, f"w{i}", logs) for i in (1, 2)]
        client = Client(address, timeout=60, set_as_default=False)
        client.wait_for_workers(2, timeout=90)
        yield address, client, logs
        client.close()
    finally:
        for proc in reversed(procs):
            _stop(proc)


def test_scan_through_dask_processes_survives_a_killed_worker(dask_processes, local_reports, tmp_path):
    address, client, logs = dask_processes
    folder = tmp_path / "archivo"
    for copy in range(6):
        (folder / f"lote{copy}").mkdir(parents=True)
        for path in CONTRACTS:
            shutil.copy(path, folder / f"lote{copy}" / path.name)
    victim = _worker(address, "victima", logs)
    try:
        assert _wait(lambda: "victima" in {w["name"] for w in client.scheduler_info()["workers"].values()}, 90)
        out = tmp_path / "informe.jsonl"
        scan = subprocess.Popen([str(BIN / "contratos"), "scan", str(folder), "-f", "jsonl", "-o", str(out),
                                 "--scheduler", address], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=ROOT)

        def victim_busy() -> bool:
            addresses = [a for a, w in client.scheduler_info()["workers"].items() if w["name"] == "victima"]
            return bool(addresses) and bool(client.processing(addresses)[addresses[0]])

        assert _wait(victim_busy, 120), "the killed worker never got a file"
        os.killpg(victim.pid, signal.SIGKILL)  # the worker and its nanny: a machine lost mid-file
        _, err = scan.communicate(timeout=300)
    finally:
        _stop(victim)
    assert scan.returncode == 1, err
    assert "Traceback" not in err and "ilegibles" in err
    reports = _reports(out.read_text(encoding="utf-8"))
    assert len(reports) == 6 * len(CONTRACTS)
    expected = _by_name(local_reports)
    for name, report in _by_name(reports).items():
        assert report == expected[name], name


def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))


def test_ten_thousand_tiny_files_keep_the_parents_memory_flat(dask_processes, tmp_path):
    address, _, _ = dask_processes
    folder = tmp_path / "notas"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"nota_{i:05d}.txt").write_text(f"Nota {i}: llamar al cliente el lunes por el presupuesto.",
                                                  encoding="utf-8")
    listing = tmp_path / "lista.txt"
    listing.write_text("".join(f"{folder}/nota_{i:05d}.txt\n" for i in range(10_000)), encoding="utf-8")
    out = tmp_path / "notas.jsonl"
    scan = subprocess.Popen([str(BIN / "contratos"), "scan", "--files-from", str(listing), "-f", "jsonl",
                             "-o", str(out), "--scheduler", address],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[int, int]] = []  # (reports written, parent's RSS in KB)
    stop = threading.Event()

    def sample():
        while not stop.is_set() and scan.poll() is None:
            tmp = list(tmp_path.glob(".notas.jsonl.*.tmp"))
            try:
                lines = sum(1 for _ in tmp[0].open("rb")) if tmp else 0
                samples.append((lines, _rss_kb(scan.pid)))
            except (OSError, StopIteration):
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = scan.communicate(timeout=600)
    stop.set()
    sampler.join()
    assert scan.returncode == 0, err
    assert "10000 archivos" in err
    assert sum(1 for _ in out.open("rb")) == 10_000
    warm = [rss for lines, rss in samples if 1_000 <= lines]
    early = [rss for lines, rss in samples if 1_000 <= lines <= 3_000]
    assert early and len(warm) > len(early), samples[:5]
    growth_mb = (max(warm) - min(early)) / 1024
    # 7,000 more reports of about 3 KB each would be 20 MB if the parent kept them
    assert growth_mb < 15, f"the parent grew {growth_mb:.1f} MB"


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


# ------------------------------------------------------------------ without a cluster

def test_unreachable_scheduler_is_one_spanish_line(tmp_path):
    result = run_cli("scan", str(SAMPLES / "completo_ar_diseno.docx"), "--scheduler",
                     f"tcp://127.0.0.1:{_free_port()}", "-o", str(tmp_path / "x.csv"), "-f", "csv")
    assert result.returncode == 2
    assert result.stderr.startswith("contratos: no se pudo conectar con el planificador de Dask en tcp://127.0.0.1:")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_time_limit_holds_on_a_worker_thread():
    """Dask runs tasks in threads, where SIGALRM cannot reach: the limit is raised in the thread."""
    outcome = {}

    def busy():
        try:
            with thread_time_limit(0.2):
                while True:
                    sum(range(1000))
        except FileTimeout:
            outcome["stopped"] = True

    thread = threading.Thread(target=busy)
    thread.start()
    thread.join(10)
    assert outcome == {"stopped": True} and not thread.is_alive()
    holder = {}
    thread = threading.Thread(target=lambda: holder.update(
        r=analyse_on_worker(str(SAMPLES / "completo_es_consultoria_multipagina.pdf"), 0.001, None)))
    thread.start()
    thread.join(60)
    report = holder["r"]
    assert report.readable is False and report.error_code == "timeout"
    assert "superó el límite" in report.error_message


# ------------------------------------------------------------------ --files-from (local pool)

def test_files_from_a_list_and_from_standard_input(tmp_path):
    listing = tmp_path / "lista.txt"
    listing.write_text(f"{SAMPLES / 'sin_pago_mx_marketing.docx'}\r\n\n{SAMPLES / 'completo_ar_diseno.docx'}\n",
                       encoding="utf-8")
    result = run_cli("scan", "--files-from", str(listing), "-f", "csv", "--jobs", "1")
    assert result.returncode == 1, result.stderr
    rows = result.stdout.lstrip("\ufeff").splitlines()
    assert len(rows) == 3 and rows[1].startswith(str(SAMPLES / "sin_pago_mx_marketing.docx") + ",ok,missing,ok")
    exe = BIN / "contratos"
    piped = subprocess.run([str(exe), "scan", "--files-from", "-", str(SAMPLES / "sin_titulos_uy_redaccion.txt"),
                            "-f", "jsonl", "--jobs", "1"], input=f"{SAMPLES / 'completo_ar_diseno.docx'}\n",
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0, piped.stderr
    assert sorted(os.path.basename(f) for f in _reports(piped.stdout)) == [
        "completo_ar_diseno.docx", "sin_titulos_uy_redaccion.txt"]
    missing = run_cli("scan", "--files-from", str(tmp_path / "no_existe.txt"))
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr == (f"contratos: {tmp_path / 'no_existe.txt'}: la lista de --files-from no existe. Indique "
                              "un archivo con una ruta por línea, o '-' para leerla de la entrada estándar\n")
    nothing = run_cli("scan")
    assert nothing.returncode == 2 and "Traceback" not in nothing.stderr
    assert nothing.stderr == ("contratos: uso incorrecto: falta RUTA. Indique las carpetas o archivos a revisar, o una "
                              "lista con --files-from LISTA. Ejecute 'contratos scan --help'.\n")
