"""Every sample contract gets the statuses recorded beside it in sample_contracts/expected.toml."""
from __future__ import annotations

import json

import pytest

import contratos

from .conftest import SAMPLES, expected_samples, run_cli

SAMPLES_LIST = expected_samples()
CORE = ("alcance", "pago", "rescision")


@pytest.mark.parametrize("name,entry", SAMPLES_LIST, ids=[n for n, _ in SAMPLES_LIST])
def test_sample_statuses(name, entry):
    report = contratos.check_file(SAMPLES / name)
    assert report.readable, report.error
    got = {c.id: c.status for c in report.checks}
    core = {k: v for k, v in entry["expected"].items() if k in CORE}
    assert {k: got[k] for k in CORE} == core, f"{name}: {entry.get('description', '')}"
    for check in report.checks:
        if check.status == "ok" and check.id in CORE:
            assert check.evidence, f"{name}: {check.id} ok without evidence"
        for ev in check.evidence:
            assert ev.heading and ev.text
            assert 0 <= ev.start < ev.end <= len(report_text(name))
            if name.endswith(".pdf"):
                assert ev.page is not None and ev.page >= 1
            else:
                assert ev.paragraph is not None


def report_text(name: str) -> str:
    from contratos.readers import read_document

    return read_document(SAMPLES / name).text


def test_sample_set_covers_formats_and_cases():
    names = [n for n, _ in SAMPLES_LIST]
    assert len(names) >= 10
    assert {n.rsplit(".", 1)[1] for n in names} >= {"txt", "docx", "pdf"}
    statuses = {(c, s) for _, e in SAMPLES_LIST for c, s in e["expected"].items() if c in CORE}
    for check in ("alcance", "pago", "rescision"):
        assert (check, "ok") in statuses and ((check, "weak") in statuses or (check, "missing") in statuses)


@pytest.mark.parametrize("name", [n for n, _ in SAMPLES_LIST if n.endswith((".docx", ".pdf"))])
def test_sample_through_cli_json(name):
    entry = dict(SAMPLES_LIST)[name]
    result = run_cli("check", str(SAMPLES / name), "--format", "json")
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1 and report["readable"] is True and report["error"] is None
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert {k: statuses[k] for k in CORE} == {k: entry["expected"][k] for k in CORE}
    core_gap = any(entry["expected"][k] != "ok" for k in CORE)
    assert result.returncode == (1 if core_gap else 0)
