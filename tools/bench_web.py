"""Benchmark of `contratos web`: how long the running server takes to answer POST /api/check for the
10-page PDF of `make bench` (the same file), warm (model loaded, workers started).

Usage:
    python tools/bench_web.py [--requests 20]

Each request uploads the file under a new name, so no answer comes from the server's cache; the
time is the client's wall time from the start of the upload to the end of the JSON answer.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import bench  # noqa: E402  (the corpus of `make bench`)
from tests.webserver import running_server  # noqa: E402


def ten_page_pdf() -> Path:
    """build/bench/bench_10_paginas.pdf, the file `make bench` times with a cold `check`."""
    target = ROOT / "build" / "bench" / "bench_10_paginas.pdf"
    if not target.exists():
        samples = [bench.bs.load_sample(p) for p in sorted((ROOT / "tools" / "sample_sources").glob("*.txt"))]
        ten = bench._contract(random.Random(10), samples[1], bench._clauses(samples), 10 * bench.WORDS_PER_PAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        bench.bs.write_pdf(ten, target)
    return target


def main() -> None:
    import httpx

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    pdf = ten_page_pdf()
    data = pdf.read_bytes()
    started = time.perf_counter()
    with running_server("--jobs", "2") as server, httpx.Client(timeout=120) as client:
        print(f"contratos web: en marcha en {time.perf_counter() - started:.1f} s (modelo y procesos cargados)")

        def answer(name: str) -> float:
            t0 = time.perf_counter()
            response = client.post(f"{server.base}/api/check", files={"archivo": (name, data)})
            wall = time.perf_counter() - t0
            report = response.json()
            assert response.status_code == 200 and report["readable"], report
            return wall, report["pages"]

        first, pages = answer("primero.pdf")
        for i in range(3):
            answer(f"calentamiento-{i}.pdf")
        times = [answer(f"contrato-{i}.pdf")[0] for i in range(args.requests)]
        cached, _ = answer(f"contrato-{args.requests - 1}.pdf")
    times.sort()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    print(f"POST /api/check de un PDF de {pages} páginas: primera respuesta {first:.2f} s; en caliente mediana "
          f"{statistics.median(times):.3f} s, p90 {p90:.3f} s, mínimo {times[0]:.3f} s ({args.requests} peticiones, "
          f"objetivo < 0.5 s); repetida (caché) {cached:.3f} s")


if __name__ == "__main__":
    main()
