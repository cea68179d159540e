"""alcance: the services described concretely enough to tell in-scope from out-of-scope work."""
from __future__ import annotations

import re
from string import Template

from ..words import balanced, plural
from ..nlp import Analysis, Sentence, fold_tokens, load_model, model_text
from ..patterns import CheckSpec
from ..report import CheckResult
from ..textnorm import fold
from ..blanks import blanks_within
from .common import evidence, make_result
from .context import Context

# what opens a list of services or deliverables, and what opens a list of something else
_LIST_OPENER = re.compile(r"comprend|inclu|consist|contara|contendra|compone|siguientes? (servicios|entregables|"
                          r"actividades|trabajos|funcionalidades|tareas|productos|piezas|secciones|"
                          r"caracteristicas|elementos|fases|etapas|modulos|prestaciones|especificaciones)|"
                          r"(obliga|obligo|compromete|comprometo|comprometemos)n? a (prestar|realizar|entregar|desarrollar|disenar|elaborar|producir)")
_NOT_A_SCOPE_LIST = re.compile(r"\bno (podra|debera|puede|debe)|prohib|restric|\bexclu(ye|yen|ido|idos|ida|idas|sion|siones)\b|"
                               r"no incluye|no comprende")
# what says that some work is out of the scope, in the text of items read as clauses (not parsed)
_EXCLUDED = re.compile(r"\bno (incluye|comprende|abarca)|\bexclu(ye|yen|ido|idos|ida|idas)\b|\bfuera del alcance")
_ANNEX_ID = re.compile(r"anexo\s+([ivx]+|\d+|[a-f])\b")
_ANNEX_HEAD = re.compile(r"^\W*(anexo|apendice)\b")


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


def _annexes(analysis: Analysis) -> list[tuple[str, int, int]]:
    """Each annex of the document: its folded name and the offsets of its content. An annex runs to the
    next annex heading, so its numbered items ("1. Diagnóstico...", which open clauses of their own) are
    its content, wherever it stands (after the signatures too)."""
    heads = [c for c in analysis.clauses if c.section == "annex" and _ANNEX_HEAD.match(fold(f"{c.label} {c.title}"))]
    ends = [c.start for c in heads[1:]] + [len(analysis.document.text)]
    return [(fold(f"{c.label} {c.title}"), c.body_start, end) for c, end in zip(heads, ends)]


def _annex_attached(analysis: Analysis, reference: str, spec: CheckSpec) -> tuple[int, int] | None:
    """The content (offsets) of an annex that is in the document: the one referenced ("Anexo I"), or
    any annex when the sentence names no id; a proposal, quotation or work order counts only as an
    annex titled so. None when it is not there."""
    folded = fold(reference)
    if "anexo" not in folded and "apendice" not in folded:
        kind = next((w for w in spec.extra["propuestas"] if w in folded), None)
        # an annex titled so, or a part of the document itself ("SOLICITUD DE SERVICIO N° 0048215" above
        # the clauses of an adhesion contract) with its own content
        return next(((c.body_start, c.end) for c in analysis.clauses if kind is not None and kind in fold(f"{c.label} {c.title}") and (
            c.section == "annex" or len(analysis.document.text[c.body_start:c.end].strip()) >= spec.extra["anexo_minimo"])),
            None)
    wanted = _ANNEX_ID.search(folded)
    for name, start, end in _annexes(analysis):
        if len(analysis.document.text[start:end].strip()) < spec.extra["anexo_minimo"]:
            continue
        if wanted is None or re.search(rf"anexo\s+{re.escape(wanted.group(1))}\b", name):
            return start, end
    return None


def _annex_sentences(analysis: Analysis, refs: list, scope: list[Sentence], spec: CheckSpec) -> list[Sentence]:
    """The sentences of the attached annexes the scope sends the reader to: what they list is the scope."""
    spans = {span for s, _ in refs if (span := _annex_attached(analysis, s.text, spec))}
    chosen = {id(s) for s in scope}
    return [s for s in analysis.sentences if id(s) not in chosen and any(a <= s.start < b for a, b in spans)]


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


def run(analysis: Analysis, spec: CheckSpec, ctx: Context) -> CheckResult:
    scope = _scope_sentences(analysis, spec)
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
    missing_refs = [(s, sp) for s, sp in refs if not _annex_attached(analysis, s.text, spec)]
    ref_sentences = {id(s) for s, _ in missing_refs}
    terms = {id(s): _specific_terms(s, generic, analysis.blanks) for s in scope}  # once per sentence, for both sets below
    item_clauses = _item_clauses(analysis, scope, spec)
    items_text = [Sentence(c.start, c.end, analysis.document.text[c.start:c.end], c) for c in item_clauses]
    specific = set().union(*terms.values(), *(_specific_terms(s, generic, analysis.blanks)
                                              for s in _annex_sentences(analysis, refs, scope, spec) + items_text))
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
            _EXCLUDED.search(fold(s.text)) for s in items_text),
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
    items = _listed_items(analysis, scope, spec, item_clauses[-1].end if item_clauses else 0)
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


def _item_clauses(analysis: Analysis, scope: list[Sentence], spec: CheckSpec) -> list:
    """The items of a list that a scope clause opens ("... con las siguientes características:") when
    they are read as clauses of their own at its level: an item with a short title ("1. Hasta cinco
    secciones: Inicio, ...") does not become a sub-clause. They run while the labels are item marks
    of another kind than the clause's own ("PRIMERA" then "1.", "2."; "1. OBJETO" then "a)", "b)")."""
    item_mark = spec.regex("marca_de_lista")
    kind = lambda label: "digit" if label[:1].isdigit() else "other"  # noqa: E731
    out = []
    for clause in {s.clause.index: s.clause for s in scope}.values():
        body = analysis.document.text[clause.body_start:clause.end].rstrip()
        if not body.endswith(":") or not _LIST_OPENER.search(fold(body[-300:])) or \
                _NOT_A_SCOPE_LIST.search(fold(body[-300:])):
            continue
        for item in analysis.clauses[clause.index + 1:]:
            if item.section != clause.section or item.level < clause.level or \
                    not item_mark.match(f"{item.label} ") or kind(item.label) == kind(clause.label):
                break
            out.append(item)
    return out


def _listed_items(analysis: Analysis, scope: list[Sentence], spec: CheckSpec, items_end: int = 0) -> list[str]:
    """The services or deliverables the scope clause lists after a sentence that opens the list ("...
    comprende los siguientes entregables:" then "- Página de inicio con fotos", "b) Manual de marca"),
    shortened to a few words. A list of what is forbidden ("no podrá publicar contenido que:") is not one."""
    item_mark = spec.regex("marca_de_lista")
    clauses = {id(s.clause): s.clause for s in scope
               if spec.headings.search(s.clause.folded_titles) or s.has("alcance.OBJETO")}
    items, seen = [], set()
    for clause in clauses.values():
        # the clause and its numbered items ("PRIMERA.- OBJETO" and its "1.", "2.", which open sub-clauses)
        end = next((c.start for c in analysis.clauses[clause.index + 1:] if c.level <= clause.level),
                   len(analysis.document.text))
        end = max(end, items_end) if clause.start < items_end else end  # its items read as clauses
        in_list = False
        for block in (b for b in analysis.document.blocks if clause.start <= b.start < end):
            if block.number in seen or (block.kind == "heading" and not (
                    in_list and item_mark.match(block.text.strip()) and not block.text.rstrip().endswith(":"))):
                continue  # a heading, unless an item of the list read as one ("3. Locución con música.")
            seen.add(block.number)
            raw = block.text.strip()
            marked = bool(item_mark.match(raw)) or raw[:1] in "-•*·"
            # a paragraph that opens or ends a list; "No incluye tienda en línea ni hospedaje." after the items ends it
            if raw.endswith(":") or (not marked and (len(raw) > 100 or _NOT_A_SCOPE_LIST.search(fold(raw)))):
                folded = fold(raw)
                in_list = raw.endswith(":") and bool(_LIST_OPENER.search(folded)) and not _NOT_A_SCOPE_LIST.search(folded)
                continue
            text = item_mark.sub("", raw.strip(" -•*·\t|")).strip(" |\t")
            if in_list and len(text) >= 3:
                words = text.rstrip(".;,:").split()
                shown = " ".join(words[:5]).rstrip(".;,:") if len(words) > 5 else " ".join(words)
                items.append(balanced(shown) + ("…" if len(words) > 5 else ""))
    return items