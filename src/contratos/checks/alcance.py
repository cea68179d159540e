"""alcance: the services described concretely enough to tell in-scope from out-of-scope work."""
from __future__ import annotations

import re
from string import Template

from ..words import plural
from ..nlp import Analysis, Sentence, fold_tokens, load_model, model_text
from ..patterns import CheckSpec, load_parties
from ..report import CheckResult
from ..textnorm import fold
from ..blanks import blanks_within
from .common import evidence, make_result
from .context import Context
from .scope_parts import EXCLUDED, annex_attached, annex_sentences, item_clauses, listed_items


def _scope_sentences(analysis: Analysis, spec: CheckSpec, sections=("clauses", "annex")) -> list[Sentence]:
    out = []
    for s in analysis.parsed():
        if s.clause.section not in sections:
            continue
        if spec.headings.search(s.clause.folded_titles) or s.has("alcance.OBJETO"):
            out.append(s)
    return out


def _scope_blanks(analysis: Analysis, scope: list[Sentence], spec: CheckSpec) -> list[tuple[Sentence, str]]:
    """Blanks that stand for the scope itself ("[Descripción del servicio]", "{{ALCANCE_SERVICIOS}}")."""
    words, data = re.compile(spec.extra["huecos_de_alcance"]), re.compile(spec.extra["huecos_de_datos"])
    return [(s, b.text) for s in scope for b in blanks_within(analysis.blanks, s.start, s.end)
            if words.search(fold(b.text)) and not data.search(fold(b.text))]


def _tokens(sentence: Sentence):
    """The sentence's analysed tokens, or its bare tokens when no check picked it (an annex's items)."""
    if sentence.doc is not None:
        return sentence.doc
    doc = load_model().make_doc(model_text(sentence.text))
    fold_tokens(doc)
    return doc


def _specific_terms(sentence: Sentence, generic: re.Pattern, blanks: list) -> set[str]:
    """Distinct content words of a scope sentence ("logotipo", "manual", "fotografías"): not stop
    words, not generic contract words, not numbers, not the words of a template blank. Plural and
    singular count once."""
    terms = set()
    holes = [(b.start - sentence.start, b.end - sentence.start) for b in blanks_within(blanks, sentence.start, sentence.end)]
    for token in _tokens(sentence):
        if holes and any(lo <= token.idx < hi for lo, hi in holes):
            continue
        if token.is_alpha and not token.is_stop:
            norm = token.norm_
            if len(norm) > 3 and not generic.match(norm):
                terms.add(norm.rstrip("s"))
    return terms


def _service_statements(analysis: Analysis, ctx: Context) -> list[Sentence]:
    """With no object clause, the sentences where the provider says what it will do ("1. El Estudio
    traducirá los documentos indicados arriba", "PRIMERA. EL TÉCNICO realizará a cada equipo una
    visita"): the provider named first, then one of its service verbs (patterns/partes.toml). A short
    template often never defines its parties ("PRIMERA. La Diseñadora creará la identidad visual",
    "1. La Programadora dará mantenimiento al sitio"): a capitalised role that is not the client, then
    any verb in the future tense that is not a paying, giving or stating one, counts too."""
    parties = load_parties()
    verbs = tuple(v for v in parties["verbos_prestador"] if not v.endswith(("ar", "er", "ir")))
    not_services = frozenset(parties["futuros_no_servicio"]) | frozenset(parties["verbos_cliente"])
    out = []
    for s in analysis.sentences:
        if s.clause.section not in ("clauses", "annex"):
            continue
        words = fold(s.text).split()[:10]
        at = next((i for i, w in enumerate(words) if w.startswith(verbs) and w.rstrip(",.;:").endswith(("a", "an"))), None)
        if at is None:
            at = next((i for i, w in enumerate(words[:5]) if _FUTURE.match(w) and w.rstrip("n") not in not_services), None)
            subject = " ".join(words[:at]) if at is not None else ""
            if at is None or not _ROLE_NAME.match(" ".join(s.text.split()[:at])) or subject in _NOT_PARTIES \
                    or ctx.parties.last_role(subject) == "client":
                continue
            out.append(s)
            continue
        # "PRIMERA. FRÍO TICO S.A. realizará...": the heading parser may have taken the name for a title
        subject = " ".join(words[:at]) or fold(s.clause.title)
        role = ctx.parties.last_role(subject)
        # a company the contract never names as a party ("PRIMERA. FRÍO TICO S.A. realizará"): not the client
        named = role is None and _COMPANY.search(subject)
        if role == "provider" or named:
            out.append(s)
    return out[:3]


# the future tense ("creará", "llevará", "dará", "gestionarán"), folded
_FUTURE = re.compile(r"^(?!(para|clara|cara|fuera|afuera|primera|tercera|manera|cualquiera|carrera)$)[a-zñ]+(ara|era|ira)n?$")
# "La Diseñadora", "El Contador", "LA AGENTE": an article and a capitalised role, and nothing else
_ROLE_NAME = re.compile(r"^(El|La|Los|Las|EL|LA|LOS|LAS)\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+$")
_NOT_PARTIES = frozenset({"el contrato", "la empresa contratante", "el precio", "el pago", "el plazo", "el servicio",
                          "los servicios", "el objeto", "la vigencia", "la duracion", "el presente", "la factura"})


# a company's legal form after its name ("S.A.", "S.R.L.", "Ltda.", "S.A.S.", "SpA", "S.C.", "S.L.")
_COMPANY = re.compile(r"\b(s\.? ?a\.?|s\.? ?r\.? ?l\.?|ltda\.?|s\.? ?a\.? ?s\.?|spa|s\.? ?c\.?|s\.? ?l\.?|s\.? ?a\.? de c\.? ?v\.?|e\.?i\.?r\.?l\.?)(?=\s|$)")


def run(analysis: Analysis, spec: CheckSpec, ctx: Context) -> CheckResult:
    scope = _scope_sentences(analysis, spec)
    if not scope:
        scope = _service_statements(analysis, ctx)
    if not scope and spec.extra.get("antecedentes_si_falta"):
        scope = _scope_sentences(analysis, spec, ("recitals", "preamble"))
        scope = [s for s in scope if s.has("alcance.OBJETO") or spec.headings.search(s.clause.folded_titles)]
    generic = re.compile("^(?:" + "|".join(sorted(spec.words("genericos"))) + ")")
    minimum = int(spec.extra.get("minimo_especifico", 6))
    vague = [(s, sp) for s in scope for sp in s.spans("alcance.VAGO") + s.spans("alcance.POR_DEFINIR")]
    extra_work = any(s.has("alcance.ADICIONAL") for s in analysis.parsed())
    if not extra_work:  # an open list ("sin carácter limitativo") with no rule for extra work
        vague += [(s, sp) for s in scope for sp in s.spans("alcance.ABIERTO")]
    blank_scope = _scope_blanks(analysis, scope, spec)
    refs = [(s, sp) for s in scope for sp in s.spans("alcance.ANEXO_REF")]
    missing_refs = [(s, sp) for s, sp in refs if not annex_attached(analysis, s.text, spec)]
    ref_sentences = {id(s) for s, _ in missing_refs}
    terms = {id(s): _specific_terms(s, generic, analysis.blanks) for s in scope}  # once per sentence, for both sets below
    items_read_as_clauses = item_clauses(analysis, scope, spec)
    items_text = [Sentence(c.start, c.end, analysis.document.text[c.start:c.end], c) for c in items_read_as_clauses]
    specific = set().union(*terms.values(), *(_specific_terms(s, generic, analysis.blanks)
                                              for s in annex_sentences(analysis, refs, scope, spec) + items_text))
    # what the scope clauses themselves say, beside the sentences that send the reader to a missing annex
    titled = [s for s in scope if spec.headings.search(s.clause.folded_titles) and id(s) not in ref_sentences]
    own_specific = set().union(*(terms[id(s)] for s in titled))
    details = {
        "services": [evidence(analysis, s).text for s in scope if s.has("alcance.OBJETO")][:3],
        "specific_terms": len(specific),
        "vague": [sp.text for _, sp in vague][:5],
        "annex_references": sorted({sp.text for _, sp in refs}),
        "annex_attached": bool(refs) and not missing_refs,
        "exclusions": any(s.has("alcance.EXCLUSION") for s in scope) or any(
            EXCLUDED.search(fold(s.text)) for s in items_text),
        "extra_work_procedure": extra_work,
        "template_blanks": [text for _, text in blank_scope][:5],
    }
    if not scope:
        return make_result(spec, "missing", _say(spec, "ninguna"), [], details)
    objeto = [s for s in scope if s.has("alcance.OBJETO")] or scope
    evs = [evidence(analysis, s) for s in objeto[:2]]
    if blank_scope:
        evs = [evidence(analysis, s) for s, _ in blank_scope[:2]] + evs
        return make_result(spec, "weak", _say(spec, "sin_completar", hueco=blank_scope[0][1]), evs, details)
    open_advice = _open_advice(scope, spec)
    if open_advice and not vague:
        vague = [(open_advice[0], None)]
        evs += [evidence(analysis, open_advice[0])]
        return make_result(spec, "weak", _say(spec, "asesoria_sin_limite", servicio=open_advice[1]), evs, details)
    if vague:
        evs += [evidence(analysis, s, sp) for s, sp in vague[:2]]
        return make_result(spec, "weak", _say(spec, "abierto", texto=vague[0][1].text), evs, details)
    # a scope clause that sends its details to a document that is not attached; "el manual, si
    # estuviera estipulado en la cotización" only makes one item conditional
    titled_refs = [(s, sp) for s, sp in missing_refs if spec.headings.search(s.clause.folded_titles)
                   and not re.search(r"\bsi\b", fold(s.text[: sp.start_char]))]
    if missing_refs and (len(own_specific) < minimum or titled_refs):
        evs += [evidence(analysis, s, sp) for s, sp in missing_refs[:2]]
        return make_result(spec, "weak", _say(spec, "por_referencia", texto=missing_refs[0][1].text), evs, details)
    if len(specific) < minimum:
        return make_result(spec, "weak", _say(spec, "general"), evs, details)
    extras = _say(spec, "con_exclusiones" if details["exclusions"] else "sin_exclusiones") + _say(
        spec, "con_adicionales" if details["extra_work_procedure"] else "sin_adicionales")
    items = listed_items(analysis, scope, spec, items_read_as_clauses[-1].end if items_read_as_clauses else 0)
    if len(items) >= 2:
        shown = ", ".join(f"«{item}»" for item in items[:3]) + (_say(spec, "mas", n=len(items) - 3) if len(items) > 3 else "")
        found = _say(spec, "enumera", cuantos=plural(len(items), "servicio o entregable", "servicios o entregables"),
                     lista=shown)
    else:
        found = _say(spec, "concreto")
    return make_result(spec, "ok", _say(spec, "ok", encontrado=found, extras=extras), evs, details)


def _say(spec: CheckSpec, key: str, **values) -> str:
    """An explanation of patterns/alcance.toml [textos], filled in."""
    return Template(spec.extra["textos"][key]).substitute(**values)


def _open_advice(scope: list[Sentence], spec: CheckSpec) -> tuple[Sentence, str] | None:
    """An advisory service (coaching, asesoría, consultoría, acompañamiento, soporte) named in the scope with
    no measure anywhere in it (sessions, hours, visits, months, reports): it can grow without end."""
    advice, measure = re.compile(spec.extra["asesoria"]), re.compile(spec.extra["medida"])
    found = None
    for s in scope:
        text = fold(s.text)
        if measure.search(text):
            return None
        m = advice.search(text) if found is None else None
        if m:
            found = (s, m.group())
    return found
