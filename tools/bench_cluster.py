"""Benchmark: `contratos scan` with the local pool (--jobs 2) and on a Dask cluster of two local
workers (one thread each), on the same folders, and what the cluster costs per file.

Usage:
    python tools/bench_cluster.py [--tiny 2000]

Folders: the short contracts of tools/bench.py (150 PDFs of 2-3 pages, built if absent) and a
folder of tiny notes (a line each), where the analysis is about 1 ms and what is left is the cost
of moving a file through the cluster. The cluster's start-up (workers loading the model) is not
counted: a cluster is started once and used for many scans.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from bench import build_short, contratos_exe, run_measured  # noqa: E402


def scan(exe: str, folder: Path, extra: list[str]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "o.jsonl"
        wall, peak, result = run_measured([exe, "scan", str(folder), "-f", "jsonl", "-o", str(out), *extra])
        if result.returncode not in (0, 1):
            raise SystemExit(result.stderr)
        return wall, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", type=int, default=2000, help="tiny notes in the second folder")
    args = parser.parse_args()
    from distributed import LocalCluster

    short = build_short(ROOT / "build" / "bench" / "cortos")
    tiny = ROOT / "build" / "bench" / f"notas-{args.tiny}"
    if not tiny.exists():
        tiny.mkdir(parents=True)
        for i in range(args.tiny):
            (tiny / f"nota_{i:05d}.txt").write_text(f"Nota {i}: llamar al cliente el lunes.", encoding="utf-8")
    exe = contratos_exe()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=50)
    try:
        address = cluster.scheduler_address
        scan(exe, tiny, ["--scheduler", address])  # the workers load the model (the plugin) before timing
        print(f"Núcleos: {os.cpu_count()}; carga: {open('/proc/loadavg').read().split()[:3]}")
        for name, folder in (("contratos cortos", short), (f"{args.tiny} notas de una línea", tiny)):
            files = sum(1 for p in folder.iterdir() if not p.name.startswith("."))
            local, local_peak = scan(exe, folder, ["--jobs", "2"])
            dask, dask_peak = scan(exe, folder, ["--scheduler", address])
            print(f"{name} ({files} archivos): pool local --jobs 2 {files / local:.1f} archivos/s "
                  f"({local:.1f} s, pico {local_peak / 1024:.0f} MB); 2 trabajadores Dask {files / dask:.1f} "
                  f"archivos/s ({dask:.1f} s; el proceso que lanza, pico {dask_peak / 1024:.0f} MB)")
        start = time.perf_counter()
        from contratos.batch import analyse_path

        sample = sorted(tiny.iterdir())[:300]
        start = time.perf_counter()
        for p in sample:
            analyse_path(str(p))
        alone = (time.perf_counter() - start) / len(sample)
        print(f"una nota analizada en este proceso: {alone * 1000:.1f} ms; en el clúster, por archivo "
              f"(2 trabajadores): {dask / files * 1000:.1f} ms de reloj, {dask / files * 2000:.1f} ms de trabajador")
    finally:
        cluster.close()


if __name__ == "__main__":
    main()
