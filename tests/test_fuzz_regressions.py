"""Every input with which `make fuzz` once broke a reader (saved under tests/fuzz_regressions/) must now
be read or refused with a coded Spanish error, through the API and through the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from contratos.api import check_file
from contratos.errors import ERROR_CODES

from .conftest import run_cli

CASES = sorted((Path(__file__).parent / "fuzz_regressions").glob("fallo-*"))


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fuzz_finding_no_longer_crashes(path):
    report = check_file(path)
    if not report.readable:
        assert report.error["code"] in ERROR_CODES and report.error["code"] != "internal"
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode in (0, 1, 2) and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["readable"] == report.readable


def test_the_fuzz_tool_runs_within_its_bound(tmp_path, monkeypatch):
    """`make fuzz` itself: a short run over the real seeds finishes on time and finds no crash.

    Derandomized so that CI replays the same inputs every time; `make fuzz` explores new ones."""
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import fuzz

    monkeypatch.setattr(fuzz, "REGRESSIONS", tmp_path)  # a crash found here must not write into the repo
    started = time.monotonic()
    assert fuzz.run(seconds=3, full=False, hang=20, derandomize=True) == 0
    assert time.monotonic() - started < 30
