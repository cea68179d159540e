"""Bounded fuzzing of the readers: real contracts from sample_contracts/ (and any file in
tests/fuzz_regressions/) mutated by Hypothesis, as whole bytes and, for zip packages such as .docx,
inside their XML parts. A reader may accept a file or refuse it with a ContratosError; any other
exception, or a read that takes longer than --hang seconds, is a crash: its bytes are saved under
tests/fuzz_regressions/ (tests/test_fuzz_regressions.py then wants its expected answer written down and
checks it) and the run exits 1.

    python tools/fuzz.py --seconds 60 [--full]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"


def seeds() -> dict[str, bytes]:
    """File name -> bytes of every real file to mutate (names keep a failing example short to print)."""
    from contratos.readers import SUPPORTED

    files = [p for folder in (ROOT / "sample_contracts", REGRESSIONS) if folder.is_dir()
             for p in sorted(folder.iterdir()) if p.suffix.lower() in SUPPORTED]
    corpus = {p.name: p.read_bytes() for p in files}
    # the formats sample_contracts/ lacks, written by the same builders the tests use
    sys.path.insert(0, str(ROOT))
    from tests.hostile_docx import html_contract, odt_contract, rtf_contract

    with tempfile.TemporaryDirectory() as tmp:
        for name, build in (("semilla.odt", odt_contract), ("semilla.rtf", rtf_contract), ("semilla.html", html_contract)):
            corpus[name] = build(Path(tmp, name)).read_bytes()
        corpus.update(hostile_seeds(Path(tmp)))
    return corpus


def hostile_seeds(tmp: Path) -> dict[str, bytes]:
    """The hostile files of issue 13, built as tests/test_hostile_round2.py builds them: hidden PDF text,
    invisible characters, mixed encodings, UTF-32, deep HTML."""
    from tests.hostile_pdf import HIDDEN_WAYS, hidden_text_pdf
    from tests.hostile_text import INVISIBLE, PARAGRAPHS, nested_html, write_contract

    out = {f"oculto_{way}.pdf": hidden_text_pdf(tmp / f"oculto_{way}.pdf", way).read_bytes() for way in HIDDEN_WAYS}
    invisible = [p.replace("90 días", "".join(written for written, _ in INVISIBLE.values())) for p in PARAGRAPHS]
    out["invisibles.docx"] = write_contract(tmp / "invisibles.docx", invisible).read_bytes()
    out["invisibles.txt"] = write_contract(tmp / "invisibles.txt", invisible).read_bytes()
    lines = "\n\n".join(PARAGRAPHS).split("\n")
    out["mezcla.txt"] = b"\n".join(line.encode("cp1252" if i % 3 == 2 else "utf-8") for i, line in enumerate(lines))
    out["utf32.txt"] = "\n\n".join(PARAGRAPHS).encode("utf-32")
    out["anidado.html"] = nested_html(tmp / "anidado.html", 300).read_bytes()
    return out


class Hang(Exception):
    pass


def _mutate_bytes(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for kind, where, blob in ops:
        at = int(where * len(buf)) if buf else 0
        if kind == "flip" and buf:
            buf[min(at, len(buf) - 1)] ^= blob[0] if blob else 0xFF
        elif kind == "insert":
            buf[at:at] = blob
        elif kind == "delete":
            del buf[at: at + len(blob) + 1]
        elif kind == "repeat":
            buf[at:at] = bytes(buf[at: at + 64]) * (len(blob) + 2)
        elif kind == "truncate":
            del buf[at:]
        elif kind == "hostile":  # what a client can slip into a text: invisible characters, escapes, Latin-1
            buf[at:at] = _HOSTILE[blob[0] % len(_HOSTILE)]
    return bytes(buf)


_HOSTILE = [c.encode("utf-8") for c in ("\u200b", "\u202e", "\u2066", "\u00a0", "\u00ad", "\u2060", "\ufeff",
                                        "\x1b[31m", "\x1b]8;;x\x07", "\u0301")] + [b"\xed", b"\xf1", b"\xe1\xe9"]


def _mutate_zip_parts(data: bytes, ops) -> bytes:
    """Mutate the XML inside a zip package, then write a valid zip again (CRCs right), so the XML
    parsers are reached instead of the zip reader refusing a bad checksum."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            parts = [(info.filename, zin.read(info)) for info in zin.infolist()]
    except Exception:  # a seed that is itself a broken zip (a saved regression): mutate its bytes
        return _mutate_bytes(data, ops)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for i, (name, content) in enumerate(parts):
            if name.endswith((".xml", ".rels")) and (hash(name) + len(ops) + i) % 3 == 0 or name == "word/document.xml":
                content = _mutate_bytes(content, ops)
            zout.writestr(name, content)
    return out.getvalue()


OPS = st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate", "hostile"]),
                         st.floats(0, 1), st.binary(min_size=1, max_size=16)), min_size=1, max_size=6)


def run(seconds: float, full: bool, hang: float, derandomize: bool = False) -> int:
    from contratos.api import analyse_document
    from contratos.errors import ContratosError
    from contratos.readers import read_document

    corpus = seeds()
    tmp = Path(tempfile.mkdtemp(prefix="contratos-fuzz-"))
    state = {"n": 0, "last": None}

    def one(ext: str, data: bytes) -> None:
        path = tmp / f"mutado{ext}"
        path.write_bytes(data)
        state["n"] += 1
        state["last"] = path
        signal.setitimer(signal.ITIMER_REAL, hang)
        try:
            document = read_document(path)
            if full:
                analyse_document(document, force=True)
        except ContratosError:
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    @settings(max_examples=40, deadline=None, database=None, derandomize=derandomize,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(sorted(corpus)), OPS, st.booleans())
    def mutated(seed, ops, inside):
        ext, data = Path(seed).suffix.lower(), corpus[seed]
        if inside and data[:2] == b"PK":
            one(ext, _mutate_zip_parts(data, ops))
        else:
            one(ext, _mutate_bytes(data, ops))

    def on_alarm(signum, frame):
        raise Hang(f"la lectura tardó más de {hang:g} s")

    signal.signal(signal.SIGALRM, on_alarm)
    started = time.monotonic()
    print(f"fuzz: {len(corpus)} archivos semilla, {seconds:g} s, lector{' + análisis' if full else ''}")
    while time.monotonic() - started < seconds:
        try:
            mutated()
        except Exception:  # Hypothesis replays the smallest failing example last, then re-raises
            return _report_crash(state["last"])
    print(f"fuzz: {state['n']} entradas mutadas en {time.monotonic() - started:.0f} s, ningún fallo")
    return 0


def _report_crash(last: Path) -> int:
    traceback.print_exc()
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    data = last.read_bytes()
    target = REGRESSIONS / f"fallo-{hashlib.sha256(data).hexdigest()[:12]}{last.suffix}"
    target.write_bytes(data)
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    print(f"fuzz: FALLO; el archivo que lo provoca se guardó en {shown}", file=sys.stderr)
    return 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60, help="duración total (por omisión 60 s)")
    parser.add_argument("--full", action="store_true", help="analiza además el texto leído (más lento)")
    parser.add_argument("--hang", type=float, default=20, help="segundos a partir de los que una lectura cuenta como bloqueo")
    args = parser.parse_args()
    sys.exit(run(args.seconds, args.full, args.hang))


if __name__ == "__main__":
    main()
