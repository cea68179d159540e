"""The checks, in report order. Each is `run(analysis, spec, ctx) -> CheckResult`; its data is patterns/<id>.yaml."""
from __future__ import annotations

from ..nlp import Analysis
from ..patterns import load_specs
from ..report import CheckResult
from . import alcance, pago, rescision
from .context import Context
from .parties import Parties

CHECKS = {"alcance": alcance.run, "pago": pago.run, "rescision": rescision.run}


def run_checks(analysis: Analysis, perspective: str = "prestador", max_payment_days: int = 60,
               only: list[str] | None = None) -> list[CheckResult]:
    specs = load_specs()
    ctx = Context(parties=Parties.from_text(analysis.document.text), perspective=perspective,
                  max_payment_days=max_payment_days)
    return [run(analysis, specs[check_id], ctx) for check_id, run in CHECKS.items()
            if only is None or check_id in only]
