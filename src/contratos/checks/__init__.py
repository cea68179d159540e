"""The checks, in report order. Each is `run(analysis, spec, ctx) -> CheckResult`; its data is patterns/<id>.toml."""
from __future__ import annotations

from ..nlp import Analysis
from ..patterns import load_specs
from ..report import CheckResult
from . import alcance, pago, rescision, simple, vacios
from .context import Context
from .parties import Parties

# core checks have their own rules; the supporting ones are declared entirely in their data file
CHECKS = {"alcance": alcance.run, "pago": pago.run, "rescision": rescision.run,
          "mora": simple.run, "modificaciones": simple.run, "independencia": simple.run,
          "obligaciones_cliente": simple.run, "plazos": simple.run, "campos_vacios": vacios.run}


def run_checks(analysis: Analysis, perspective: str = "prestador", max_payment_days: int = 60,
               only: list[str] | None = None, parties: Parties | None = None) -> list[CheckResult]:
    specs = load_specs(perspective)
    if parties is None:
        parties = Parties.from_text(analysis.document.text, analysis.document.folded)
    ctx = Context(parties=parties, perspective=perspective,
                  max_payment_days=max_payment_days)
    return [run(analysis, specs[check_id], ctx) for check_id, run in CHECKS.items()
            if only is None or check_id in only]


def not_applicable(reason: str) -> list[CheckResult]:
    """Every check, marked as not applicable (never a list of missing clauses)."""
    from .common import make_result

    specs = load_specs()
    return [make_result(specs[check_id], "not_applicable", reason, [], {}) for check_id in CHECKS]
