"""Every check's rule cases (`[[casos]]` in patterns/<id>.toml): a short text written for this project,
the status the check must give it and, where it matters, some of its details. A detail written as ""
must be absent (None)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from contratos import check_text
from contratos.patterns import patterns_dir

CASES = []
for path in sorted(Path(patterns_dir()).glob("*.toml")):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for i, case in enumerate(data.get("casos", [])):
        CASES.append(pytest.param(data["id"], case, id=f"{data['id']}-{i + 1}"))
# a second reader's probes of the rules (tests/review_cases.toml): each names its check, or document_kind
_REVIEW = tomllib.loads((Path(__file__).parent / "review_cases.toml").read_text(encoding="utf-8"))["casos"]
REVIEW = [pytest.param(case["check"], case, id=f"revision-{i + 1}-{case['check']}") for i, case in enumerate(_REVIEW)]


def test_the_core_checks_have_cases_that_pass_and_fail():
    by_check: dict[str, set] = {}
    for param in CASES:
        check_id, case = param.values
        by_check.setdefault(check_id, []).append(case["estado"])
    for check_id in ("alcance", "pago", "rescision", "campos_vacios"):
        statuses = by_check.get(check_id, [])
        assert sum(s == "ok" for s in statuses) >= 2 or check_id == "campos_vacios", check_id
        assert sum(s != "ok" for s in statuses) >= 2, check_id


@pytest.mark.parametrize("check_id, case", CASES + REVIEW)
def test_rule_case(check_id, case):
    report = check_text(case["texto"].strip(), force=True, perspective=case.get("perspectiva", "prestador"))
    if check_id == "document_kind":
        assert report.document_kind == case["estado"], case["nota"]
        return
    result = next(c for c in report.checks if c.id == check_id)
    assert result.status == case["estado"], f"{case['nota']}: {result.explanation}"
    for key, want in case.get("detalles", {}).items():
        assert result.details.get(key) == (None if want == "" else want), f"{case['nota']}: {key}"
