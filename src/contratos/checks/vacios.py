"""campos_vacios: every distinct template blank once ("[MONTO]", "{{servicios}}", "_____"), outside signature lines."""
from __future__ import annotations

from string import Template

from ..blanks import on_signature_line
from ..nlp import Analysis
from ..patterns import CheckSpec
from ..report import CheckResult
from .common import evidence_at, make_result
from .context import Context

_LISTED = 8  # blanks named in the explanation; the details keep them all


def run(analysis: Analysis, spec: CheckSpec, ctx: Context) -> CheckResult:
    text = analysis.document.text
    distinct, seen = [], set()
    for blank in analysis.blanks:
        if blank.key in seen or on_signature_line(text, blank):
            continue
        seen.add(blank.key)
        distinct.append(blank)
    details = {"blanks": [b.text for b in distinct]}
    if not distinct:
        return make_result(spec, "ok", spec.messages["ok"], [], details)
    words = spec.extra["textos"]
    names = ", ".join(f"«{b.text}»" for b in distinct[:_LISTED])
    if len(distinct) > _LISTED:
        names += " " + Template(words["mas"]).substitute(n=len(distinct) - _LISTED)
    key = "uno" if len(distinct) == 1 else "varios"
    explanation = Template(words[key]).substitute(n=len(distinct), lista=names)
    evs = [evidence_at(analysis, b.start, b.end) for b in distinct]
    return make_result(spec, "weak", explanation, [e for e in evs if e is not None], details)
