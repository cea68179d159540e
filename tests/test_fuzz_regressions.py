"""Every input with which `make fuzz` once broke a reader (saved under tests/fuzz_regressions/) has one
right answer, written here: refused with its coded Spanish error, or read with the statuses its readable
text supports. A new file saved by `make fuzz` fails until its answer is added to ANSWERS."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from contratos.api import check_file

from .conftest import run_cli

CASES = sorted((Path(__file__).parent / "fuzz_regressions").glob("fallo-*"))
CORE = ("alcance", "pago", "rescision")

# file -> (exit code of `contratos check`, error code or the core statuses, the start of a warning or None)
ANSWERS = {
    # a .docx whose zip parts fail their CRC: refused, never read half
    "fallo-53c28e6f18a7.docx": (2, "corrupt", None),
    # an HTML contract with a mangled tag: still read, and it settles the three core points
    "fallo-a4c1433445d1.html": (0, {"alcance": "ok", "pago": "ok", "rescision": "ok"}, None),
    # a PDF whose page 2 (where the fees are) is damaged: the other pages are read, the report says page 2
    # was not reviewed, and payment is weak because the amount is on the lost page
    "fallo-a9e71856475f.pdf": (1, {"alcance": "ok", "pago": "weak", "rescision": "ok"},
                               "Páginas dañadas que no se pudieron leer (no revisadas): 2"),
    # a .docx with an unknown compression method in its zip: refused
    "fallo-d8231af36ed8.docx": (2, "corrupt", None),
}


def test_every_saved_finding_has_its_answer():
    assert sorted(p.name for p in CASES) == sorted(ANSWERS)


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fuzz_finding_gets_its_one_right_answer(path):
    code, outcome, warning = ANSWERS[path.name]
    report = check_file(path)
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == code and "Traceback" not in result.stderr
    shown = json.loads(result.stdout)
    if isinstance(outcome, str):  # refused: the code, and one Spanish line naming the file
        assert not report.readable and report.error["code"] == outcome == shown["error"]["code"]
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"contratos: {path}: ")
        return
    assert report.readable and shown["readable"]
    assert {c.id: c.status for c in report.checks if c.id in CORE} == outcome
    assert {c["id"]: c["status"] for c in shown["checks"] if c["id"] in CORE} == outcome
    assert [w for w in report.warnings if warning and w.startswith(warning)] == ([warning] if warning else [])


def test_the_fuzz_tool_saves_a_crashing_input_and_exits_1(tmp_path, monkeypatch, capsys):
    """`make fuzz` itself, derandomized so that CI replays the same inputs: over the real seeds it finds no
    crash; with a reader that breaks, it saves the input that broke it and exits 1."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import fuzz

    import contratos.readers

    monkeypatch.setattr(fuzz, "REGRESSIONS", tmp_path)  # a crash found here must not write into the repo
    assert fuzz.run(seconds=3, full=False, hang=20, derandomize=True) == 0
    assert "ningún fallo" in capsys.readouterr().out and list(tmp_path.iterdir()) == []

    def broken(path, **options):
        raise IndexError("a reader bug")

    monkeypatch.setattr(contratos.readers, "read_document", broken)
    assert fuzz.run(seconds=3, full=False, hang=20, derandomize=True) == 1
    saved = list(tmp_path.iterdir())
    assert len(saved) == 1 and saved[0].name.startswith("fallo-")
    assert "FALLO" in capsys.readouterr().err
