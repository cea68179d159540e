"""The documentation stays true to the code: every error code is documented, and every test that
docs/entradas-problematicas.md cites for a bad-input class exists."""
from __future__ import annotations

import re
from pathlib import Path

from contratos.errors import ERROR_CODES

ROOT = Path(__file__).resolve().parents[1]
BAD_INPUTS = ROOT / "docs" / "entradas-problematicas.md"


def _cited_tests() -> set[tuple[str, str]]:
    return set(re.findall(r"`(test_\w+\.py)::(test_\w+)`", BAD_INPUTS.read_text(encoding="utf-8")))


def test_every_cited_test_exists():
    cited = _cited_tests()
    assert len(cited) > 40
    for module, name in sorted(cited):
        source = (ROOT / "tests" / module).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.M), f"{module}::{name} no existe"


def test_every_error_code_is_documented_in_the_readme():
    readme = ROOT / "README.md"
    table = readme.read_text(encoding="utf-8").split("### Códigos de error", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, re.M))
    assert documented == set(ERROR_CODES)


def test_every_bad_input_row_has_an_exit_code_and_a_test():
    rows = [line for line in BAD_INPUTS.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith(("| entrada", "|---"))]
    assert len(rows) > 50
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[2] in {"0", "0/1", "2", "143/129"}, row  # 143/129: a scan stopped by SIGTERM / SIGHUP
        assert "::test_" in cells[-1] or cells[-1] == "ídem", row
