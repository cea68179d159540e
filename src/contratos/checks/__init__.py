"""The checks, in report order. Each is `run(analysis, spec, ctx) -> CheckResult`; its data is
patterns/<id>.toml, whose `ejecutor` names its runner here."""
from __future__ import annotations

from ..nlp import Analysis
from ..patterns import checks
from ..report import CheckResult
from . import alcance, pago, rescision, simple, vacios
from .context import Context
from .parties import Parties

# the three core checks have rules of their own; the others are declared entirely in their data
# file ("generico"), or list the template blanks ("huecos")
RUNNERS = {"alcance": alcance.run, "pago": pago.run, "rescision": rescision.run, "generico": simple.run,
           "huecos": vacios.run}


def run_checks(analysis: Analysis, perspective: str = "prestador", max_payment_days: int = 60,
               only: list[str] | None = None, parties: Parties | None = None,
               rules: str | None = None) -> list[CheckResult]:
    """`rules`: a user's folder of check files, run after the built-in ones."""
    if parties is None:
        parties = Parties.from_text(analysis.document.text, analysis.document.folded)
    ctx = Context(parties=parties, perspective=perspective,
                  max_payment_days=max_payment_days)
    return [RUNNERS[spec.runner](analysis, spec, ctx) for spec in checks(perspective, rules)
            if only is None or spec.id in only]


def not_applicable(reason: str, rules: str | None = None) -> list[CheckResult]:
    """Every check, marked as not applicable (never a list of missing clauses)."""
    from .common import make_result

    return [make_result(spec, "not_applicable", reason, [], {}) for spec in checks(rules=rules)]
