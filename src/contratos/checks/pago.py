"""pago: an amount (or rate) with currency and when it is paid, in the operative clauses."""
from __future__ import annotations

from string import Template

from ..blanks import blanks_within
from ..nlp import Analysis, Sentence
from ..patterns import CheckSpec, shared_regex
from ..report import CheckResult
from ..textnorm import fold
from ..words import balanced, plural
from .common import evidence, is_negated, make_result
from .context import Context
from .quantities import days_in



def _currency(text: str, spec: CheckSpec) -> str | None:
    low = text.lower()
    return next((code for key, code in spec.extra["monedas"] if key in low), None)


def _say(spec: CheckSpec, key: str, **values) -> str:
    return Template(spec.extra["textos"][key]).substitute(**values)


def _elsewhere(titles: str, spec: CheckSpec) -> bool:
    """A clause about ending the contract, penalties or damages: its amounts are not the price."""
    return bool(spec.regex("titulos_ajenos").search(titles) or shared_regex("titulo_terminacion").search(titles))


def _amount_rank(span) -> int:
    """Prefer "$ 6.900.000" to "PESOS M/CTE ($6.900.000" and both to "MIL EUROS"."""
    if any(c.isdigit() for c in span[0].text) or not span[0].is_alpha:
        return 0
    return 1 if any(c.isdigit() for c in span.text) else 2


def _about_payment(sentence: Sentence, span, spec: CheckSpec) -> bool:
    """A term belongs to the payment when the clause is about payment or a payment word is near it
    ("1) entregar los materiales dentro de diez días ... 4) pagar el precio": no)."""
    if spec.headings.search(sentence.clause.folded_titles):
        return True
    return any(abs(p.start - span.start) <= 15 for p in sentence.spans("pago.PAGO"))


def _approves_a_quote(s: Sentence, span, spec: CheckSpec) -> bool:
    """ "previa aceptación escrita del presupuesto", "previa aceptación por el Cliente del presupuesto
    correspondiente": the client accepts a quote before extra work is done; that is no payment subject to
    approving the work."""
    quotes = spec.words("cotizaciones")
    return any(t.lemma_ in quotes or fold(t.norm_) in quotes for t in s.doc[span.end: span.end + 6])


def _approves_an_extra(s: Sentence, span, spec: CheckSpec) -> bool:
    """ "Los gastos de viaje se facturarán aparte, previa aceptación por escrito": the approval governs
    something paid besides the work (expenses, extra hours), named in its part of the sentence (after the
    last semicolon) with no fee of the work beside it."""
    start = next((t.i + 1 for t in reversed(s.doc[: span.start]) if t.text == ";"), 0)
    words = [fold(t.norm_) for t in s.doc[start: span.start]]
    named = lambda stems: any(w.startswith(stem) for w in words for stem in stems)  # noqa: E731
    return named(spec.words("extras")) and not named(spec.words("precio_del_trabajo"))


def _priced_column(analysis: Analysis, s: Sentence, spec: CheckSpec) -> bool:
    """A row of a table read row by row (.docx, .html, .pdf) whose header row names a price ("Plan |
    Velocidad | Precio mensual", "Sesión | Tarifa"): the amounts in its cells are prices."""
    blocks = analysis.document.blocks
    block = analysis.document.block_at(s.start)
    if block is None or block.kind != "table":
        return False
    i = block.number - 1  # numbers are 1-based positions in blocks
    while i > 0 and blocks[i - 1].kind == "table":
        i -= 1
    return i != block.number - 1 and bool(spec.regex("columna_de_precio").search(fold(blocks[i].text)))


def _is_payment_sentence(s: Sentence, spec: CheckSpec, blanks: list) -> bool:
    if s.doc is None or s.clause.section not in ("clauses", "annex", "preamble"):
        return False
    titles = s.clause.folded_titles
    if _elsewhere(titles, spec):
        return False
    if spec.headings.search(titles):
        return True
    if not s.has("pago.PAGO") or all(is_negated(span[0]) for span in s.spans("pago.PAGO")):
        return False
    return any(s.has(f"pago.{label}") for label in ("IMPORTE", "PLAZO_PAGO", "FORMA_PAGO", "TARIFA")) or \
        bool(blanks_within(blanks, s.start, s.end))


def _follow_up(analysis: Analysis, payment: list[Sentence]) -> list[Sentence]:
    """The sentence right after one that states the amount, in the same clause, when it says when or how
    that amount is paid with no payment word of its own ("Plata: $ 90.000 por video. Te transferimos a los
    7 días de cada entrega.")."""
    chosen = {id(s) for s in payment}
    out = []
    for s in payment:
        if not (s.has("pago.IMPORTE") or s.has("pago.TARIFA")):
            continue
        i = analysis.index_of(s) + 1
        if i < len(analysis.sentences):
            nxt = analysis.sentences[i]
            if nxt.doc is not None and nxt.clause is s.clause and id(nxt) not in chosen and \
                    (nxt.has("pago.PLAZO_PAGO") or nxt.has("pago.FORMA_PAGO")):
                out.append(nxt)
                chosen.add(id(nxt))
    return out


def run(analysis: Analysis, spec: CheckSpec, ctx: Context) -> CheckResult:
    payment = [s for s in analysis.parsed() if _is_payment_sentence(s, spec, analysis.blanks) or (
        s.has("pago.IMPORTE") and _priced_column(analysis, s, spec) and not _elsewhere(s.clause.folded_titles, spec))]
    follow_up = {id(s) for s in _follow_up(analysis, payment)}
    payment += [s for s in analysis.sentences if id(s) in follow_up]
    recitals = [s for s in analysis.with_label("pago.PAGO") if s.clause.section == "recitals"]
    free = [s for s in analysis.with_label("pago.SIN_PAGO") if s.clause.section != "recitals"]
    amounts = [(s, sp) for s in payment for sp in s.spans("pago.IMPORTE")]
    approval = [(s, sp) for s in payment for sp in s.spans("pago.APROBACION")
                if not is_negated(sp[0]) and not _approves_a_quote(s, sp, spec) and not _approves_an_extra(s, sp, spec)]
    approval_deadline = bool(analysis.with_label("pago.PLAZO_APROBACION"))
    amounts += [(s, sp) for s in payment for sp in s.spans("pago.PORCENTAJE") if spec.regex("comision").search(
        s.clause.folded_titles + " " + fold(s.text))]
    amounts.sort(key=lambda pair: _amount_rank(pair[1]))
    rates = [(s, sp) for s in payment for sp in s.spans("pago.TARIFA")]
    timing = [(s, sp) for s in payment for sp in s.spans("pago.PLAZO_PAGO")
              if id(s) in follow_up or _about_payment(s, sp, spec)]
    blanks = [(s, b) for s in payment for b in blanks_within(analysis.blanks, s.start, s.end)]
    methods = sorted({sp.text.lower() for s in payment for sp in s.spans("pago.FORMA_PAGO")})
    due = [d for s, sp in timing if (d := days_in(sp.text)) is not None]
    late = analysis.with_label("mora.INTERES_MORA")  # the mora check's patterns, read here as a detail
    details = {
        "amount": amounts[0][1].text if amounts else None,
        "currency": _currency(amounts[0][1].text, spec) if amounts else None,
        "rate": bool(rates),
        "timing": sorted({sp.text for _, sp in timing})[:6],
        "due_days": max(due) if due else None,
        "method": methods,
        "late_interest": bool(late),
        "invoicing": any(sp[0].norm_.startswith("factur") for s in payment for sp in s.spans("pago.PAGO")),
        "template_blanks": list(dict.fromkeys(b.text for _, b in blanks))[:6],
        "no_payment": bool(free) and not amounts,
    }
    evs = [evidence(analysis, s, sp) for s, sp in (amounts[:2] + timing[:2])]
    evs += [evidence(analysis, s) for s, _ in blanks[:2]]
    if details["no_payment"]:
        return make_result(spec, "weak", _say(spec, "gratuito"),
                           [evidence(analysis, s) for s in free[:2]], details)
    if not payment:
        if recitals:
            return make_result(spec, "missing", _say(spec, "solo_antecedentes"),
                               [evidence(analysis, s) for s in recitals[:2]], details)
        return make_result(spec, "missing", _say(spec, "ninguna"), [], details)
    if not evs:
        evs = [evidence(analysis, payment[0])]
    if blanks and (not (amounts or rates) or not timing):
        # the amount or the term is a blank: "$[MONTO]", "{{monto}}", "dentro de los [NÚMERO] días"
        quoted = ", ".join(f"«{t}»" for t in details["template_blanks"][:3])
        return make_result(spec, "weak", _say(spec, "sin_completar", huecos=quoted), evs, details)
    missing = []
    if not amounts:
        missing.append(_say(spec, "falta_importe"))
    if not timing:
        missing.append(_say(spec, "falta_plazo"))
    if missing:
        return make_result(spec, "weak", _say(spec, "falta", faltas=" y ".join(missing)), evs, details)
    # payment after the client's approval, or a long term, only weaken the provider's position
    provider = ctx.own_role == "provider"
    if provider and approval and not approval_deadline:
        return make_result(spec, "weak", _say(spec, "aprobacion", texto=balanced(approval[0][1].text)),
                           evs + [evidence(analysis, approval[0][0], approval[0][1])], details)
    if provider and details["due_days"] is not None and details["due_days"] > ctx.max_payment_days:
        return make_result(spec, "weak", _say(spec, "plazo_largo", plazo=plural(details["due_days"], "día", "días"),
                                              maximo=plural(ctx.max_payment_days, "día", "días")), evs, details)
    when = (_say(spec, "cuando_dias", plazo=plural(details["due_days"], "día", "días")) if details["due_days"]
            else _say(spec, "cuando_fecha"))
    # the amount as found can open a bracket it does not close: "PESOS MIL ($ 1.000"
    return make_result(spec, "ok", _say(spec, "ok", importe=balanced(details["amount"]), cuando=when), evs, details)
