"""Supporting checks declared entirely as data: a label that makes the check `ok`, a label that makes
it `weak`, optionally only when a given party is the actor, and which one wins when both appear."""
from __future__ import annotations

import re

from ..nlp import Analysis, Sentence
from ..patterns import CheckSpec
from ..report import CheckResult
from ..textnorm import fold
from .common import evidence, has_parse, is_negated, make_result, phrase, subject
from .context import Context


def _actor(sentence: Sentence, span, ctx: Context, assigned: re.Pattern | None = None) -> str | None:
    """Who does what the span says: the parsed subject, else the last party named before it; with
    `assigned` (the check's `actor_de`: "corresponde a", "a cargo de"), also the party a duty is given to."""
    if has_parse(span[0]):
        subj = subject(span[0])
        if subj is not None:
            role = ctx.parties.role_of(phrase(subj))
            if role:
                return role
    before = sentence.text[: span[-1].idx]
    role = ctx.parties.last_role(before)  # the party named before the span's verb
    if role is None and assigned is not None:
        given = [m for m in assigned.finditer(fold(before))]
        if given:  # "Corresponde a EL CLIENTE proporcionar...": the party right after the words
            return ctx.parties.last_role(before[given[-1].start():], subjects_only=False)
    return role


def _found(analysis: Analysis, spec: CheckSpec, labels: list[str], role: str | None, ctx: Context,
           keep_negated: frozenset[str], weak: bool = False) -> list[tuple[Sentence, object]]:
    """The spans of `labels` that count: outside the preamble, not overlapped by an excluding label (the
    `excluir_debil` ones only for the weak labels), not negated, and done by `role` when one is given."""
    out = []
    excluding = spec.extra.get("excluir", []) + (spec.extra.get("excluir_debil", []) if weak else [])
    excluded = [f"{spec.id}.{label}" for label in excluding]
    excluded_with = spec.extra.get("excluir_con", [])
    assigned = re.compile("|".join(spec.extra["actor_de"])) if spec.extra.get("actor_de") else None
    not_by = None if weak else spec.extra.get("rol_no")  # the ok labels do not count when that party acts
    unnamed = frozenset(spec.extra.get("sin_parte", ()))  # they count also when no party is named as their actor
    # the weak labels do not count when that party must do it: a family that must "respetar los horarios" of the
    # nursery is not the provider working set hours
    weak_not_by = dict(spec.extra.get("rol_no_debil", [])) if weak else {}
    for label in labels:
        key = f"{spec.id}.{label}"
        for s in analysis.with_label(key):
            # the recitals and the preamble (where the parties are named and their representatives
            # "designados") state no obligation
            if s.clause.section in ("recitals", "preamble"):
                continue
            for span in s.spans(key):
                if any(_part(sp) == _part(span) for other in excluded_with for sp in s.spans(other)):
                    continue
                if any(sp.start <= span.start < sp.end or span.start <= sp.start < span.end
                       for other in excluded for sp in s.spans(other)):
                    continue
                if label not in keep_negated and is_negated(span[0]):
                    continue
                # a `sin_parte` label says who gives to whom by its pronouns: only a party named in its own
                # stretch of the sentence can contradict it ("Lo que te damos nosotros: te paso la guía")
                actor = None
                if role or label in weak_not_by:
                    actor = _named_subject(s, span, ctx) if label in unnamed else _actor(s, span, ctx, assigned)
                if role and not _by(role, actor, label in unnamed) \
                        and not _clause_of(s, role, ctx) and _lead_role(analysis, s, ctx) != role:
                    continue
                if not_by and _named_subject(s, span, ctx) == not_by:  # "EL CLIENTE entregará la documentación"
                    continue
                if label in weak_not_by and (actor or _lead_role(analysis, s, ctx)) == weak_not_by[label]:
                    continue
                out.append((s, span))
    return out


def _by(role: str, actor: str | None, unnamed_counts: bool) -> bool:
    """The span is done by `role`: its actor is that party or both, or no party is named and the label is one
    of `sin_parte` ("me enviará los contenidos" in a letter written in the first person)."""
    return actor in (role, "both") or (unnamed_counts and actor is None)


def _named_subject(sentence: Sentence, span, ctx: Context) -> str | None:
    """The party named right before the span, in the same stretch of the sentence (after the last comma,
    semicolon or colon): "EL CLIENTE entregará", not "LA EMPRESA encarga: ... e) entregar el balance"."""
    before = sentence.text[: span[0].idx]
    stretch = before[max(before.rfind(mark) for mark in ",;:") + 1:]
    return ctx.parties.last_role(stretch)


def _part(span) -> int:
    """Which of the parts of its sentence split by semicolons holds the span: the items of a list
    ("a) preparar la declaración de pago del IVA; ... e) entregar el balance dentro de los quince
    primeros días") are separate statements."""
    return sum(1 for t in span.doc[: span.start] if t.text == ";")


def _lead_role(analysis: Analysis, sentence: Sentence, ctx: Context) -> str | None:
    """For an item of a list ("a) permitir el ingreso del técnico"), the party of the sentence that opens
    it ("Son obligaciones del ABONADO:", "EL SOCIO se obliga a:"), in the same clause."""
    i = analysis.index_of(sentence)
    for previous in reversed(analysis.sentences[max(0, i - 8): i]):
        if previous.clause is not sentence.clause and previous.clause.section != sentence.clause.section:
            return None
        if previous.text.rstrip().endswith(":"):
            return ctx.parties.last_role(previous.text, subjects_only=False)
    return None


def _clause_of(sentence: Sentence, role: str, ctx: Context) -> bool:
    """The clause is about that party's obligations ("OBLIGACIONES DE LA PROPIETARIA")."""
    titles = sentence.clause.folded_titles
    return "obligacion" in titles and ctx.parties.role_of(titles) == role


def _pairs(analysis: Analysis, spec: CheckSpec, key: str, role: str | None, ctx: Context,
           keep_negated: frozenset[str]) -> list[tuple[Sentence, object]]:
    """The spans of the first label of each pair in `spec.extra[key]` whose sentence also has the second."""
    out = []
    for first, second in spec.extra.get(key, []):
        found = _found(analysis, spec, [first], role, ctx, keep_negated)
        out += [(s, sp) for s, sp in found if s.has(f"{spec.id}.{second}")]
    return out


def run(analysis: Analysis, spec: CheckSpec, ctx: Context) -> CheckResult:
    keep_negated = frozenset(spec.extra.get("ignorar_negacion", ()))
    ok_role, weak_role = spec.extra.get("rol_ok"), spec.extra.get("rol_debil")
    good = _found(analysis, spec, spec.extra.get("ok_si", []), ok_role, ctx, keep_negated)
    good += _pairs(analysis, spec, "ok_si_juntos", ok_role, ctx, keep_negated)  # two labels in one sentence
    bad = _found(analysis, spec, spec.extra.get("debil_si", []), weak_role, ctx, keep_negated, weak=True)
    details = {"found": [sp.text for _, sp in good][:5], "problems": [sp.text for _, sp in bad][:5]}
    weak_wins = spec.extra.get("prioridad", "debil") == "debil"
    if bad and (weak_wins or not good):
        evs = [evidence(analysis, s, sp) for s, sp in bad[:3]]
        return make_result(spec, "weak", f"{spec.messages['weak']} «{bad[0][1].text}».", evs, details)
    if good:
        evs = [evidence(analysis, s, sp) for s, sp in good[:2]]
        return make_result(spec, "ok", spec.messages["ok"], evs, details)
    status = spec.extra.get("sin_hallazgo", "missing")
    return make_result(spec, status, spec.messages[status], [], details)
