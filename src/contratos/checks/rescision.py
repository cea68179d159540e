"""rescision: can the provider leave, without cause, with notice, and be paid for the work done?"""
from __future__ import annotations

import re
from dataclasses import dataclass
from string import Template

from ..words import plural
from ..nlp import Analysis, Sentence
from ..sentences import clause_group
from ..patterns import CheckSpec, shared_regex
from ..report import CheckResult
from .common import NEGATIONS, NONE_DETS, chain, evidence, has_parse, is_negated, make_result, phrase, relative_clause, subject
from .context import Context
from ..blanks import blanks_within
from ..textnorm import fold
from .quantities import days_in

_INHERENT = frozenset({"rescindir", "rescision", "desistimiento", "desistir"})
_DEFINITIONS = re.compile(r"definici")
_CAUSE_HEADS = frozenset({"causa", "causal", "causales", "motivo"})
_NOTICE_VERBS = frozenset({"notificar", "comunicar", "avisar", "preavisar", "informar"})


def _termination_title(titles: str, spec: CheckSpec) -> bool:
    """A clause titled about ending the contract ("RESCISIÓN", "TERMINACIÓN ANTICIPADA", "BAJA")."""
    return bool(shared_regex("titulo_terminacion").search(titles) or spec.regex("titulos_terminacion").search(titles))


@dataclass
class Right:
    """A sentence that gives someone the right to end the contract early."""

    sentence: Sentence
    span: object
    who: str  # "both" | "provider" | "client"
    for_cause: bool


def _without_it(token) -> bool:
    """ "sin que ello extinga el contrato", "sin que esto implique su terminación": the ending is denied."""
    before = [t.norm_ for t in token.doc[max(0, token.i - 5): token.i]]
    starts = [i for i in range(len(before) - 1) if before[i:i + 2] == ["sin", "que"]]
    # ("sin que medie causa, podrá rescindir": the denial ends at the comma, the right follows)
    return any(not {",", "podra", "podran", "puede", "pueden"} & set(before[i:]) for i in starts)


def _impersonal(token) -> bool:
    """ "podrá rescindirse", "se podrá resolver": the contract is ended, nobody is named as doing it
    ("darse de baja" is the client leaving)."""
    verbs = [token, token.head] if token.head is not token else [token]
    return any((v.norm_.endswith("se") and v.lemma_ != "dar") or any(c.norm_ == "se" for c in v.children)
               for v in verbs)


def _previous_in_clause(analysis: Analysis, sentence: Sentence) -> Sentence | None:
    i = analysis.index_of(sentence)
    if i > 0 and analysis.sentences[i - 1].clause is sentence.clause:
        return analysis.sentences[i - 1]
    return None


def _stops_serving(token) -> bool:
    """ "deje de prestar el servicio" (a breach when it is a condition), not "si quieres dejarlo"
    (an informal way out)."""
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].norm_ == "de"


def _key_token(span):
    """The word that names the ending: "terminado" in "por terminado", "término" in "poner término",
    "baja" in "solicitar la baja"."""
    if span[0].norm_ == "por" or span[0].lemma_ == "poner" or span[-1].norm_ == "baja":
        return span[-1]
    # "quiere dejarlo": the wish comes first, the leaving after it
    return next((t for t in span[1:] if t.norm_.startswith("dejar")), span[0])


def _about_contract(token, sentence: Sentence, spec: CheckSpec, previous: Sentence | None = None) -> bool:
    """The termination word ends the contract, not "las obras" or "las controversias"; `previous`, the
    sentence before it in its clause."""
    contract, other = spec.words("objetos_contrato"), spec.words("otros_sentidos")
    if token.norm_ == "baja" and token.i > 1 and re.match(r"^dar(se|te|me|nos|le|les)$", token.doc[token.i - 2].norm_):
        return True  # "darse de baja", "la Academia podrá darte de baja": the client leaves or is let go
    if token.norm_ == "baja" and token.i > 2 and token.doc[token.i - 3].norm_ in ("se", "te", "me", "nos", "os") \
            and token.doc[token.i - 1].norm_ == "de":
        return True  # "si usted se da de baja", "cuando te des de baja"
    if token.norm_ == "baja" and token.i > 1 and token.doc[token.i - 2].lemma_ == "dar":
        # "dar de baja al alumno / el servicio": the enrolment or the contract ends ("dar de baja un equipo" does not)
        enrolled = spec.words("personas_inscritas")
        if any(t.norm_ in enrolled or t.lemma_ in contract for t in token.doc[token.i + 1: token.i + 4]):
            return True
    if _stops_midway(token):
        return True  # "si decidís dejar el proyecto a medias", "si quiere terminar el trabajo antes"
    base = _CLITIC.sub("", token.norm_)
    if token.lemma_ in _NEEDS_OBJECT or token.norm_ in _NEEDS_OBJECT or base in _NEEDS_OBJECT:
        return _names_the_contract(token, spec, previous) or (
            not any(c.dep_ == "obj" or (c.dep_ in ("obl", "iobj") and any(g.norm_ in ("de", "del") for g in c.children))
                    for c in token.children)
            and _termination_title(sentence.clause.folded_titles, spec))  # "Si decides retirarte": "puedes retirarte"
    if _ENCLITIC.search(token.norm_) and token.pos_ in ("VERB", "AUX"):
        return True  # "resolverlo", "dejarlo sin efecto": the clitic is the contract ("cancela" has none)
    head = token.head
    if head is not token and token.pos_ in ("ADJ", "VERB") and head.lemma_ in ("quedar", "ser", "estar"):
        # "bajo apercibimiento de que el contrato quede resuelto": the contract is the subject
        if any(c.dep_ in ("nsubj", "nsubj:pass") and c.lemma_ in contract for c in head.children):
            return True
    relative = relative_clause(token)  # "incidencias que no puedan resolverse": what the clause is about
    # ("la parte que dé por terminado el contrato": the clause says who ends the contract)
    if relative is not None and relative.head.pos_ in ("NOUN", "PROPN") and relative.head.lemma_ not in contract \
            and relative.head.lemma_ != "parte":
        return False
    if head is not token and head.lemma_ in ("dar", "poner") and re.search(r"(lo|la|le|les)$", head.norm_):
        return True  # "darlo por terminado", "ponerle término": the clitic is the contract
    if any(c.dep_ == "obj" and c.norm_ in ("lo", "la") and c.pos_ == "PRON" for c in token.children):
        return True  # "cualquiera lo puede cortar": the clitic is the agreement
    # "dar por terminado el contrato", "poner fin al contrato": the object hangs from "dar"/"poner";
    # "la rescisión dará lugar al pago" is another "dar"
    joined = token.norm_ in ("fin", "termino") or (token.i > 0 and token.doc[token.i - 1].norm_ == "por")
    nodes = [token] + ([head] if head is not token and head.lemma_ in ("dar", "poner") and joined else [])
    if head is not token and token.pos_ in ("ADJ", "VERB") and head.lemma_ in ("quedar", "ser", "estar", "tener", "considerar"):
        nodes.append(head)  # "el contrato quede resuelto", "se tendrá por terminado": the subject hangs from the verb
    for node in nodes:
        for child in node.children:
            if child.dep_ in ("obj", "nsubj", "nsubj:pass", "nmod", "obl", "iobj"):
                if child.lemma_ in contract and not _plural_task(child):
                    return True
                if child.lemma_ in other and child.dep_ in ("obj", "nmod", "nsubj:pass"):
                    return False
                if child.dep_ == "obj" and child.pos_ == "NOUN" and node is token and \
                        not any(g.dep_ == "case" for g in child.children):
                    return False  # "cancela una visita", "termina la traducción": a task, not the contract
    if token.lemma_ in _INHERENT or token.norm_.startswith(("rescind", "rescis", "desist")):
        return True
    if token.i > 0 and token.doc[token.i - 1].norm_ == "por":
        return True  # "dar (el contrato / darlo) por terminado" ends a relationship, not a task
    if re.search(r"(ar|er|ir|ndo)(lo|la|se)$", token.norm_) and token.pos_ in ("VERB", "AUX"):
        return True  # "rescindirlo", "resolverse"
    if any(c.norm_ in ("anticipada", "anticipado", "unilateral", "voluntaria") for c in token.children):
        return True
    doc = token.doc
    after = [t for t in doc[token.i + 1: token.i + 6]]
    for t in after:
        if t.lemma_ in other and t.pos_ == "NOUN":
            return False
        if t.lemma_ in contract and t.pos_ in ("NOUN", "ADJ", "PROPN") and not _plural_task(t):
            return True
    return _termination_title(sentence.clause.folded_titles, spec)


# words that end a contract only with the contract named ("apartarse del contrato", "cortarlo"): "apartarse
# de la metodología" or "cortar el servicio cuatro horas" are not exits
_CLITIC = re.compile(r"(?<=[aei]r)(se|te|me|nos|lo|la)$")  # "retirarte" -> "retirar"
_NEEDS_OBJECT = frozenset({"apartar", "apartarse", "cortar", "cortarlo", "cortarla", "retirar", "retirarse",
                           "renunciar", "renuncia", "revocar", "revocacion"})  # "renunciar al encargo", not "renuncia al fuero"


# stopping the whole job before its end is leaving the engagement: "dejar el proyecto a medias", "terminar
# el trabajo antes (de tiempo)"; "terminar el trabajo antes del 30 de junio" is a deadline
_STOPPING = frozenset({"terminar", "acabar", "finalizar", "concluir", "parar", "interrumpir", "dejar", "abandonar",
                       "cortar", "cancelar"})
_JOBS = frozenset({"trabajo", "proyecto", "encargo", "servicio", "colaboracion", "obra"})
_EARLY_AFTER = (("de", "tiempo"), ("de", "lo", "previsto"), ("de", "lo", "pactado"), ("de", "lo", "acordado"),
                ("de", "lo", "convenido"), ("de", "acabar"), ("de", "terminar"), ("de", "acabarlo"),
                ("de", "terminarlo"))


def _stops_midway(token) -> bool:
    if token.lemma_ not in _STOPPING and _CLITIC.sub("", token.norm_) not in _STOPPING:
        return False
    doc, i = token.doc, token.i + 1
    if re.search(r"(lo|la)$", token.norm_) is None:  # "dejarlo a medias" names the job by its clitic
        while i < len(doc) and i <= token.i + 2 and doc[i].pos_ in ("DET", "ADJ"):
            i += 1
        if i >= len(doc) or doc[i].lemma_ not in _JOBS and doc[i].norm_ not in _JOBS:
            return False
        i += 1
    if [t.norm_ for t in doc[i: i + 2]] == ["a", "medias"]:
        return True
    if i >= len(doc) or doc[i].norm_ != "antes":
        return False
    rest = doc[i + 1: i + 4]
    if not len(rest) or rest[0].is_punct:
        return True
    words = tuple(t.norm_ for t in rest)
    return any(words[:len(e)] == e for e in _EARLY_AFTER)


def _names_the_contract(token, spec: CheckSpec, previous: Sentence | None = None) -> bool:
    relations = spec.words("objetos_relacion")
    for child in token.children:
        if child.dep_ == "obj" and child.norm_ in ("lo", "la") and child.pos_ == "PRON":
            return True
        if child.dep_ in ("obj", "nmod", "obl", "iobj") and child.lemma_ in relations:
            return True
        # "El Mandante podrá revocar este encargo ... La Profesional podrá renunciar a él": the pronoun
        # stands for the contract the clause has just named
        if child.dep_ in ("obj", "obl", "iobj") and child.norm_ in ("el", "ella", "ello") and child.pos_ == "PRON" \
                and any(t.norm_ == "a" for t in child.children) and (
                    _named_before(token, relations) or (previous is not None and previous.has("rescision.TERMINO"))):
            return True
    return bool(re.search(r"(lo|la)$", token.norm_) and token.norm_.startswith(("cortar", "revocar")))


def _named_before(token, relations: frozenset[str]) -> bool:
    """A word for the contract ("encargo", "contrato") comes earlier in the sentence."""
    return any(t.lemma_ in relations or t.norm_ in relations for t in token.doc[: token.i])


def _plural_task(token) -> bool:
    """ "cancelar los encargos en curso", "terminar los servicios del mes": tasks, not the contract;
    but "puedes cancelar los servicios cuando quieras" ends the contract at will."""
    if not (token.lemma_ in ("encargo", "servicio", "prestacion") and token.norm_.endswith("s")):
        return False
    return not _AT_WILL.search(fold(token.doc.text))


_AT_WILL = re.compile(r"\b(en cualquier (momento|tiempo)|cuando (lo )?(quiera|quieras|quieran|desee|desees|deseen|decida|"
                      r"decidas)|sin (expresion de )?causa|a (su|tu) (sola )?(voluntad|eleccion|conveniencia))\b")
# a pause until something happens ("dejar de prestar el servicio mientras no se pague") is no exit
_UNTIL = re.compile(r"\b(hasta que|hasta tanto|mientras|en tanto)\b")


def _permitted(token, permission: frozenset[str]) -> bool:
    for node in chain(token):
        if node.lemma_ in permission or node.norm_ in permission:
            return True
        if any(c.lemma_ in permission or c.norm_ in permission for c in node.children if c.dep_ in ("aux", "cop")):
            return True
    doc = token.doc
    return any(t.lemma_ in permission or t.norm_ in permission for t in doc[max(0, token.i - 6): token.i])


def _free_ending(token, s: Sentence) -> bool:
    """ "La terminación sin causa por cualquiera de las partes requerirá un preaviso de veinte días": a
    contract that rules how an ending without cause is done grants it; the "sin causa" must qualify the
    ending word itself (within the next four words)."""
    spans = s.spans("rescision.SIN_CAUSA")
    if token.pos_ in ("NOUN", "PROPN"):
        # "Producida la terminación por cualquier causa, EL CLIENTE cesará en el uso": what follows any
        # ending, whatever its cause, grants none
        spans = [sp for sp in spans if [t.norm_ for t in sp[:2]] != ["por", "cualquier"]]
    if any(0 < span.start - token.i <= 4 for span in spans):
        return True
    # "El contrato se extinguirá por las causas generales y, además, por voluntad de cualquiera de las
    # partes": a ground without cause among the grounds the verb lists ("en cualquier momento" is a time)
    return token.pos_ in ("VERB", "AUX") and any(
        span.start > token.i and _A_GROUND.search(fold(span.text)) for span in spans)


_A_GROUND = re.compile(r"voluntad|decision|unilateral|causa|motivo|justifica|nutum|conveniencia|discrecion|arbitrio")


_QUESTION = re.compile(r"^\W*(?:¿|(?:Cuándo|Qué|Cómo|Quién|Quiénes|Cuánto|Cuánta|Dónde|Por qué)\b)")
_SAME_RIGHT = re.compile(r"\b(hacerlo|hacer lo (mismo|propio)|(igual|el mismo|identico|identica|la misma|igual) "
                         r"(derecho|facultad|potestad))\b")


def _same_right_for_other(analysis: Analysis, rights: list[Right], ctx: Context) -> list[Right]:
    """ "EL CLIENTE podrá darlo por terminado con quince días de aviso. LA CONSULTORA también podrá
    hacerlo, con treinta días." / "Igual derecho tendrá EL PRESTADOR": the next sentences of the clause
    give the same right to the other party."""
    out = []
    for right in rights:
        if right.who == "both":
            continue
        i = analysis.index_of(right.sentence)
        for other in analysis.sentences[i + 1: i + 3]:
            if other.clause is not right.sentence.clause:
                break
            folded = fold(other.text)
            if not _SAME_RIGHT.search(folded) or re.search(r"\b(no|ni|tampoco|nunca)\b", folded):
                continue
            role = ctx.parties.last_role(folded[: _SAME_RIGHT.search(folded).start()]) or \
                ctx.parties.last_role(folded, subjects_only=False)
            if role in ("provider", "client") and role != right.who:
                # "La Proveedora solo podrá hacerlo por impago": the other party's right has its own cause
                own_cause = other.has("rescision.POR_CAUSA") and not other.has("rescision.SIN_CAUSA")
                out.append(Right(other, other.doc[:] if other.doc is not None else None, role,
                                 right.for_cause or own_cause))
                break
    return out


def _cause_in_part(s: Sentence, token) -> bool:
    """A cause and no "sin causa" in the part of the sentence that holds the word, between semicolons
    ("El Cliente podrá resolverlo con un mes de preaviso; la Proveedora, solo por incumplimiento": the
    cause is the provider's, not the client's)."""
    doc = token.doc
    start = max((t.i + 1 for t in doc[: token.i] if t.text == ";"), default=0)
    end = next((t.i for t in doc[token.i:] if t.text == ";"), len(doc))
    inside = lambda label: any(start <= sp.start < end for sp in s.spans(label))  # noqa: E731
    return inside("rescision.POR_CAUSA") and not inside("rescision.SIN_CAUSA")


def _gapped_rights(rights: list[Right], ctx: Context) -> list[Right]:
    """ "La diseñadora podrá resolver el contrato con un mes de preaviso; el cliente, en cualquier
    momento, abonando el trabajo realizado": after a semicolon, the other party and no verb of its
    own share the right (for cause only when the words after it name a cause)."""
    out = []
    for right in rights:
        if right.who not in ("provider", "client") or right.span is None:
            continue
        doc = right.sentence.doc
        cut = next((t.i for t in doc[right.span.end:] if t.text == ";"), None)
        if cut is None:
            continue
        end = next((t.i for t in doc[cut + 1:] if t.text in (";", ".")), len(doc))
        part = doc[cut + 1: end]
        comma = next((t.i for t in part if t.text == ","), None)
        if comma is None or comma - part.start > 4:
            continue
        role = ctx.parties.role_of(doc[part.start: comma].text)
        finite = [t for t in part if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]]
        if role in ("provider", "client") and role != right.who and not finite:
            inside = lambda label: any(part.start <= sp.start < part.end for sp in right.sentence.spans(label))  # noqa: E731
            for_cause = (right.for_cause or inside("rescision.POR_CAUSA")) and not inside("rescision.SIN_CAUSA")
            out.append(Right(right.sentence, right.span, role, for_cause))
    return out


def _only_at_expiry(s: Sentence) -> bool:
    """Ending at expiry or by not renewing ("al vencimiento del plazo", "la prórroga"); "dar por terminado
    antes del vencimiento del plazo" is an early exit, not one at expiry."""
    spans = [sp for sp in s.spans("rescision.AL_VENCIMIENTO") if not any(_during_renewal(t) for t in sp)]
    return any(span[0].norm_ != "antes" or any(_renewal(t) and not _during_renewal(t) for t in s.doc)
               for span in spans)


def _renewal(token) -> bool:
    return token.lemma_.startswith(("renov", "prorrog")) or token.norm_.startswith(("renov", "prorrog"))


def _during_renewal(token) -> bool:
    """ "si el contrato se prorroga", "durante sus prórrogas": the renewal frames an exit during it."""
    if not _renewal(token):
        return False
    before = [t.norm_ for t in token.doc[max(0, token.i - 4): token.i]]
    return "si" in before or "durante" in before or before[-2:] == ["caso", "de"] or "cada" in before


def _is_cause_list(token) -> bool:
    """ "Son causas de rescisión: ..." grants a right for cause."""
    return token.head.lemma_ in _CAUSE_HEADS or any(t.lemma_ in _CAUSE_HEADS for t in token.doc[max(0, token.i - 3): token.i])


_ITEM_BREAK = re.compile(r"\n|;|(?:^|\s)(?:\d{1,2}|[a-h]|[ivx]{1,4})\s?[).-]\s|\s-\s")
_ENCLITIC = re.compile(r"(ar|er|ir|ndo)(lo|la)$")  # "rescindirlo", "dándolo", not "cancela"
_BARE_MARK = re.compile(r"^\s*\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[).]\s*$")
_ENUMERATED = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\s?[).]|[-*•·|–])\s")
_BUSINESS_DAYS = re.compile(r"\b(habiles|habil|laborables|laborable)\b")
_UNIT = re.compile(r"\b(?:dias|semanas?|mes(?:es)?)\b")


def _listed_grounds(analysis: Analysis, s: Sentence, spec: CheckSpec) -> tuple[bool, str | None]:
    """(introduces a list of grounds, the text of a listed ground that is an exit without cause).
    The list is what follows the colon: the rest of the paragraph ("causas: 1) ..., 2) ...") and the
    enumerated lines right after it ("a) Por incumplimiento.", "- Por aviso escrito con 30 días.")."""
    if not re.search(spec.extra["lista_motivos"], fold(s.text)):
        return False, None
    text = analysis.document.text
    colon = s.text.find(":")
    head = s.text[:colon] if colon >= 0 else s.text
    if any(sp.start_char < len(head) for sp in s.spans("rescision.SIN_CAUSA")):
        return True, head  # "... sin expresión de causa, y además por las siguientes causas:"
    paragraph_end = text.find("\n", s.end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    items = [(s.text[colon + 1:] if colon >= 0 else "") + text[s.end:paragraph_end]]
    bare = False  # "1." alone on its line (a heading parser's split): the next line is its text
    for line in text[paragraph_end:paragraph_end + 6000].split("\n"):
        if not line.strip():
            continue
        if _BARE_MARK.match(line):
            bare = True
            continue
        if not (bare or _ENUMERATED.match(line)):
            break
        items.append(line)
        bare = False
    free, cause = re.compile(spec.extra["item_sin_causa"]), re.compile(spec.extra["item_con_causa"])
    for item in (part for chunk in items for part in _ITEM_BREAK.split(chunk)):
        item_folded = fold(item or "")
        if free.search(item_folded) and not cause.search(item_folded):
            return True, item
    return True, None


def _item_notice(item: str) -> tuple[int | None, bool]:
    """The notice a listed ground states ("con cuarenta y cinco días", "con 30 días hábiles", "un
    mes") and whether it counts business days."""
    folded = fold(item)
    for m in _UNIT.finditer(folded):
        before = folded[max(0, m.start() - 40): m.start()].split()[-5:]
        days = days_in(" ".join(before + [m.group()]))
        if days is not None:
            return days, bool(_BUSINESS_DAYS.match(folded[m.end():].lstrip()))
    return None, False


_CONDITIONS = frozenset({"si", "caso", "cuando", "supuesto"})
# "rescisión por culpa de EL PROVEEDOR" names who is at fault, not who decides
_FAULT = frozenset({"culpa", "causa", "causas", "incumplimiento", "motivo", "motivos", "razon", "falta", "hecho"})


def _decided_by(token, ctx: Context) -> str | None:
    """ "En caso de cancelación por parte del cliente, ...", "si EL COMITENTE decidiera dar por
    terminado el contrato, ...": a contract that rules what follows when a named party decides to end
    it gives that party the exit. A bare "en caso de terminación" names nobody and gives nothing."""
    wisher = _wishing_party(token, ctx)
    if wisher is not None:
        return wisher
    doc = token.doc
    start = _condition_start(token)
    if start is None:
        return _agent_of(token, ctx) or _decision_after(token, ctx)
    window = doc[start: token.i].text
    after = [t.norm_ for t in doc[token.i + 1: token.i + 7]]
    if after and after[0] in ("es", "sea", "fuera", "fuese"):  # "si la cancelación es por parte del prestador"
        after, first = after[1:], token.i + 2
    else:
        first = token.i + 1
    if after[:1] == ["por"] and (after[1:2] or [""])[0] not in _FAULT:
        window += " " + doc[first: first + 5].text
    role = ctx.parties.role_of(window)
    if role is None:  # "si decidís dejar el proyecto a medias": the person of the one who decides
        role = next((r for t in doc[start: token.i] if t.pos_ in ("VERB", "AUX")
                     for r in [_person_role(t, ctx.parties.writer)] if r is not None), None)
    return role


def _wishing_party(token, ctx: Context) -> str | None:
    """ "La parte que desee rescindir el contrato lo comunicará a la otra con diez días", "Quien quiera
    terminarlo avisará al otro": whoever wishes to end it may, by telling the other; "la parte" or "quien"
    is either party, a named party ("EL CLIENTE que decida cancelar") that one."""
    wish = token.head if token.dep_ == "xcomp" and token.head.lemma_ in _WISHES else None
    if wish is None and any(c.dep_ == "aux" and c.lemma_ in _WISHES for c in token.children):
        wish = token  # "Quien quiera terminar": the parser hangs the wish from the ending as an auxiliary
    if wish is None:
        return None
    if wish.dep_ == "acl" and wish.head.pos_ in ("NOUN", "PROPN"):
        named = ctx.parties.role_of(phrase(wish.head))
        return named or ("both" if wish.head.lemma_ == "parte" else None)
    if any(c.dep_ in ("nsubj", "csubj") and c.norm_ == "quien" for c in wish.children) or \
            (wish.i > 0 and wish.doc[wish.i - 1].norm_ == "quien"):
        return "both"
    return None


_WISHES = frozenset({"desear", "querer", "decidir", "pretender", "optar"})


_DECISION_VERBS = frozenset({"decidir", "comunicar", "notificar", "solicitar", "desear", "querer", "manifestar",
                             "avisar", "pedir", "optar", "requerir", "estimar", "considerar", "preavisar"})


def _agent_of(token, ctx: Context) -> str | None:
    """ "La rescisión anticipada por parte de EL CLIENTE dará lugar al pago ...": a sentence that rules
    an ending decided by a named party gives that party the exit ("por culpa de" names a fault)."""
    if token.pos_ != "NOUN":
        return None
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].pos_ == "ADJ" and i - token.i <= 2:  # "anticipada", "unilateral"
        i += 1
    words = [t.norm_ for t in doc[i: i + 3]]
    if words[:3] == ["por", "parte", "de"] or words[:3] == ["por", "parte", "del"]:
        return ctx.parties.role_of(doc[i + 3: i + 7].text)
    if words[:1] == ["por"] and len(words) > 1 and words[1] not in _FAULT:
        return ctx.parties.role_of(doc[i + 1: i + 4].text)
    return None


def _decision_after(token, ctx: Context) -> str | None:
    """ "El contrato quedará sin efecto si cualquiera de las partes así lo comunica a la otra": the
    condition right after the ending names who decides it."""
    condition = _condition_after(token, reach=4, stops=(".", ";", ","))
    if condition is None:
        return None
    window = condition[1:16]
    if any(t.lemma_ in _DECISION_VERBS for t in window) and not any(t.norm_ in ("no", "ni") for t in window):
        return ctx.parties.role_of(window.text)
    return None


def _on_an_event(token, s: Sentence) -> bool:
    """ "Si no lo hace, usted podrá desistir", "en ese caso usted podrá resolver el contrato": a right
    that opens only when something happens (not a party's own decision) is an exit for cause;
    "unilateralmente" only says who decides ("Si las multas exceden el 5 %, LA CONTRATANTE podrá declarar
    anticipada y unilateralmente terminado el contrato" is still for cause)."""
    if any(fold(sp.text) not in ("unilateralmente", "unilateral") for sp in s.spans("rescision.SIN_CAUSA")):
        return False
    doc = token.doc
    start = _condition_start(token)
    if start is None and doc[0].norm_ in ("si", "cuando") and any(t.text == "," for t in doc[2: token.i]):
        start = 0  # a long condition opening the sentence: "Si la penalidad acumulada alcanza ..., LA ENTIDAD podrá"
    after = _condition_after(token)
    if start is None and after is not None:
        # "La Entidad podrá resolver sin requerimiento cuando el proveedor haya acumulado el máximo de penalidad"
        if not any(t.lemma_ in _DECISION_VERBS for t in after) and (
                any(t.norm_ in ("no", "ni") for t in after) or _A_FAULT.search(fold(after.text))):
            return True
    if start is None:
        before = [t.norm_ for t in doc[max(0, token.i - 8): token.i]]
        back = any(before[i:i + 3] in (["en", "ese", "caso"], ["en", "tal", "caso"], ["en", "dicho", "caso"],
                                       ["en", "ese", "supuesto"], ["en", "tal", "supuesto"]) for i in range(len(before)))
        return back and bool(_A_FAULT.search(fold(doc[: token.i].text)))
    window = doc[start: token.i]
    if any(t.lemma_ in _DECISION_VERBS for t in window):
        return False
    # a failure or a change imposed by the other party opens it ("si no lo hace", "si se modifican las
    # tarifas"); "si el contrato se prorroga, cualquiera podrá terminarlo" is still an exit without cause
    return any(t.norm_ in ("no", "ni") for t in window) or bool(_A_FAULT.search(fold(window.text)))


def _condition_after(token, reach: int = 8, stops: tuple[str, ...] = (".", ";")):
    """The condition that follows the word ("... podrá resolver, sin requerimiento, cuando el proveedor
    haya acumulado ..."): the words from "si"/"cuando"/"en caso de" to the next comma, semicolon or full
    stop; None when none opens within `reach` words, or a token of `stops` comes first."""
    doc = token.doc
    for i in range(token.i + 1, min(len(doc), token.i + reach + 1)):
        if doc[i].text in stops:
            return None
        if doc[i].norm_ in _CONDITIONS and _is_condition(doc, i):
            end = next((j for j in range(i + 1, len(doc)) if doc[j].text in (".", ";", ",")), len(doc))
            return doc[i:end]
    return None


# what opens a right for cause: a failure ("si la penalidad acumulada alcanza el diez por ciento", "si el
# servicio es deficiente") or a change imposed by the other party
_A_FAULT = re.compile(r"incumpl|retras|atras|\bmora\b|impag|falta|penalid|penaliz|\bmultas?\b|deficien|"
                      r"modific|actualiz|cambi|aument|increment|\bsub(e|a|en|an|ir)\b")


def _condition_start(token) -> int | None:
    """Where the condition that holds the word starts ("En caso de", "Si", "cuando"), within the
    twelve words before it and with no full stop or semicolon between; None when there is none."""
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - 12), -1):
        if doc[i].text in (".", ";"):
            return None
        if doc[i].norm_ in _CONDITIONS and _is_condition(doc, i):
            return i
    return None


def _is_condition(doc, i: int) -> bool:
    """ "en caso de", "en el caso que", "en el supuesto de", "si", "cuando" open a condition; "en ningún
    caso", "en todo caso", "en tal caso" do not."""
    if doc[i].norm_ not in ("caso", "supuesto"):
        return True
    before = doc[i - 1].norm_ if i > 0 else ""
    after = doc[i + 1].norm_ if i + 1 < len(doc) else ""
    return before in ("en", "el") and after in ("de", "que", "del")


def _who(token, sentence: Sentence, ctx: Context, previous: Sentence | None = None) -> str:
    """The party a termination word belongs to; `previous`, the sentence before it in its clause:
    Spanish leaves out a subject it has just named ("Usted puede desistir ... Después, puede darse de
    baja cuando quiera"), so a verb with no subject and no person of its own takes that one's."""
    subj = subject(token)
    if subj is None and token.pos_ == "NOUN":  # "el retiro del educando", "la baja del abonado"
        subj = next((c for c in token.children if c.dep_ == "nmod" and ctx.parties.role_of(c.text)), None)
    role = ctx.parties.role_of(phrase(subj)) if subj is not None else None
    if role is None:
        before = sentence.doc[: token.i].text
        role = ctx.parties.role_of(before)
    if role is None or subj is None or subj.dep_ == "nsubj:pass":
        role = _passive_agent(token, ctx) or role  # "Se podrá dar por terminado este contrato por EL CLIENTE"
    if role is None:
        role = _person_role(token, ctx.parties.writer)
    if role is None and subj is None and previous is not None and previous.has("rescision.TERMINO") \
            and token.pos_ in ("VERB", "AUX", "NOUN") and not _impersonal(token):
        role = ctx.parties.last_role(previous.text)
    return role or "both"


def _passive_agent(token, ctx: Context) -> str | None:
    """The agent of a passive ending: "podrá ser rescindido por LA PROVEEDORA", "se podrá dar por terminado
    este contrato por EL CLIENTE" ("por escrito", "por incumplimiento", "por causa de" are no agents)."""
    doc = token.doc
    for i in range(token.i + 1, min(len(doc), token.i + 8)):
        if doc[i].text in (",", ";", ".") or doc[i].norm_ in _CONDITIONS:
            return None
        if doc[i].norm_ == "por" and i + 1 < len(doc) and doc[i + 1].norm_ not in _FAULT and (
                doc[i + 1].norm_ in _AGENT_STARTS or doc[i + 1].text[:1].isupper()):
            return ctx.parties.role_of(doc[i + 1: i + 5].text)
    return None


_AGENT_STARTS = frozenset({"el", "la", "los", "las", "cualquiera", "ambas", "alguna", "una", "parte", "usted", "nosotros"})


# the modal verbs by person: the spaCy model often misses the person of a capitalised "Puedes"
_MODALS = {"puedes": "reader", "podras": "reader", "podes": "reader", "podrias": "reader", "quieres": "reader",
           "puedo": "writer", "podre": "writer", "podemos": "writer", "podremos": "writer"}


_VOSOTROS = re.compile(r"\w(áis|éis|ís)$")


def _person_role(token, writer: str = "provider") -> str | None:
    """A verb with no subject written: the first person is the one who writes (`writer`), the second
    the reader. In terms that speak to the client "puedes cancelar", "podrás darte de baja" are the
    client's and "podemos dejar de prestarte el servicio" the provider's; in a client's email the other
    way round."""
    reader = "client" if writer == "provider" else "provider"
    near = [t for t in token.doc[max(0, token.i - 3): token.i] if t.norm_ in _MODALS]  # "Puedes" misparsed as a name
    for node in chain(token) + near:
        for verb in [node] + [c for c in node.children if c.dep_ in ("aux", "cop")]:
            if verb.norm_ in _MODALS:
                return reader if _MODALS[verb.norm_] == "reader" else writer
            person = verb.morph.get("Person")
            if _VOSOTROS.search(verb.text.lower()) and verb.pos_ in ("VERB", "AUX"):
                person = ["2"]  # "decidís", "avisáis", "podéis": the model, trained on other Spanish, reads a third person
            if person == ["2"]:
                return reader
            if person == ["1"]:
                return writer
    return None


def _notice_days(sentence: Sentence, clause_sentences: list[Sentence],
                 group_sentences: list[Sentence] = ()) -> tuple[int | None, Sentence | None, bool]:
    """The notice period: a duration next to "preaviso"/"antelación", or "con N días" in the right
    itself; and whether it counts business days ("quince días hábiles")."""
    def durations(s: Sentence, need_notice_word: bool):
        for span in s.spans("rescision.DURACION"):
            prev = s.doc[span.start - 1].norm_ if span.start > 0 else ""
            if _on_a_scale(s.doc, span.start):
                continue  # "si se cancela con más de treinta días de anticipación, el 10 %": a scale, no notice
            if not need_notice_word or s.has("rescision.PREAVISO") or prev == "con" or \
                    any(t.lemma_ in _NOTICE_VERBS for t in s.doc):
                days = days_in(span.text)
                if days is None and _BILLING_PERIOD.search(fold(span.text)):
                    days = 30  # "un período de facturación": consumer services bill by the month
                if days is not None:
                    yield days, bool(_BUSINESS_DAYS.search(fold(span.text)))

    for days, business in durations(sentence, need_notice_word=True):
        return days, sentence, business
    days, business = _table_notice(sentence, clause_sentences)
    if days is not None:
        return days, sentence, business
    # "se prorrogará salvo denuncia con un mes de antelación": a notice not to renew is no notice to leave early
    at_expiry = lambda s: _only_at_expiry(s) and not s.has("rescision.SIN_CAUSA")  # noqa: E731
    for other in clause_sentences:
        if other is not sentence and other.has("rescision.PREAVISO") and not at_expiry(other):
            for days, business in durations(other, need_notice_word=True):
                return days, other, business
    # "3.1 Cualquiera de las partes podrá terminarlo sin causa. 3.2 La parte que decida terminarlo deberá
    # notificarlo con treinta días de anticipación": a sibling sub-clause about the same ending
    for other in group_sentences:
        if other.clause is not sentence.clause and other.has("rescision.PREAVISO") and other.has("rescision.TERMINO") \
                and not at_expiry(other):
            for days, business in durations(other, need_notice_word=True):
                return days, other, business
    return None, None, False


_BILLING_PERIOD = re.compile(r"\b(periodo|ciclo) de (facturacion|pago|cobro)\b")


def _on_a_scale(doc, start: int) -> bool:
    """A duration that is one step of a scale ("con más de treinta días", "entre treinta y quince días",
    "con menos de quince días"), not a notice ("con no menos de treinta días" is a minimum)."""
    before = [t.norm_ for t in doc[max(0, start - 6): start]]
    if "entre" in before and (before[-1] == "entre" or "y" in before[before.index("entre"):]):
        return True  # "entre treinta (30) y quince (15) días": both ends of the step
    return before[-2:] in (["mas", "de"], ["menos", "de"]) and before[-3:-2] != ["no"]


_NOTICE_HEADER = re.compile(r"\b(pre)?aviso|antelacion|anticipacion|notificacion previa")


def _table_notice(sentence: Sentence, clause_sentences: list[Sentence]) -> tuple[int | None, bool]:
    """A row of a table whose column is headed "Aviso previo" or "Preaviso" ("| Sin justa causa |
    Cualquiera de las partes | Quince (15) días hábiles |"): the duration in that column's cell."""
    if "|" not in sentence.text:
        return None, False
    cells = [fold(c) for c in sentence.text.strip().strip("|").split("|")]
    for header in clause_sentences:
        if header.start >= sentence.start or "|" not in header.text:
            continue
        for k, title in enumerate(fold(c) for c in header.text.strip().strip("|").split("|")):
            if k < len(cells) and _NOTICE_HEADER.search(title):
                days = days_in(cells[k])
                if days is not None:
                    return days, bool(_BUSINESS_DAYS.search(cells[k]))
    return None, False


def _work_paid(sentences: list[Sentence], spec: CheckSpec, ctx: Context) -> tuple[bool | None, Sentence | None]:
    """Whether the work done up to the exit is paid: "abonará los trabajos realizados hasta la fecha"
    yes; "sin derecho a cobrar los trabajos realizados" no; nothing said: None. When the user's own exit
    loses the pay ("Si la decide EL DESARROLLADOR, este perderá el derecho a cobrar los avances") that wins
    over the other party's exit paying it."""
    pay_words, losses = spec.words("pago_trabajo"), spec.words("perdida_pago")
    pay_forms, ending_words = spec.regex("formas_de_pago"), spec.regex("palabras_de_salida")
    negative = None
    positive = None
    previous = None
    for s in sentences:
        # "en cuyo caso EL CLIENTE abonará:" followed by "a) los trabajos ya realizados": the items inherit the verb
        lead = previous if previous is not None and previous.text.rstrip().endswith(":") else None
        previous = s
        # the general payment clause ("por el servicio prestado, EL CLIENTE abonará...") says nothing about
        # leaving: the sentence must speak of the ending, or sit in a clause about it
        if not (s.has("rescision.TERMINO") or _termination_title(s.clause.folded_titles, spec)
                or ending_words.search(fold(s.text))):
            continue
        for span in s.spans("rescision.TRABAJO_HECHO"):
            nearby = list(s.doc[max(0, span.start - 30): span.end + 30]) + (list(lead.doc) if lead and lead.doc else [])
            payers = [t for t in nearby if t.lemma_ in pay_words or t.norm_ in pay_words or pay_forms.match(t.norm_)]
            if not payers:
                continue
            before = s.doc[max(0, span.start - 8): span.start]
            lost = any(t.lemma_ in losses or t.norm_ in losses for t in before)  # "perderá el derecho a cobrar"
            # "no tendrá derecho a percibir cantidad alguna": the paying verb hangs from a denied right (or,
            # in a sentence the model did not parse, follows it within three words)
            denied: list = []
            for t in payers:
                if is_negated(t) or any(0 < t.i - d.i <= 3 or d.i == t.head.i != t.i for d in denied):
                    denied.append(t)
            if lost or any(t.norm_ == "sin" for t in before) or len(denied) == len(payers):
                if _condition_party(s, ctx) == ctx.own_role:
                    return False, s
                negative = negative or s
            else:
                positive = positive or s
    if positive is not None:
        return True, positive
    return (False, negative) if negative else (None, None)


def _condition_party(s: Sentence, ctx: Context) -> str | None:
    """The party named in the condition that opens the sentence ("Si la decide EL DESARROLLADOR, ...")."""
    folded = fold(s.text)
    if not re.match(r"^\W*(si|en caso de|cuando)\b", folded):
        return None
    comma = folded.find(",")
    return ctx.parties.last_role(folded[: comma if comma > 0 else 60], subjects_only=False)


def _penalty_negated(token) -> bool:
    """ "no pagará indemnización alguna" is no penalty; the "sin" of "la parte que lo termine sin causa
    indemnizará" belongs to the ending, not to the payment."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 2].norm_ == "sin" and doc[token.i - 1].norm_ in _CAUSE_WORDS:
        return False
    # "la parte que lo termine sin justa causa pagará, a título de pena, ...": with no other negative word
    # before the penalty, every "sin" there names the ending's (missing) cause
    if not any(_denies(t) for t in doc[: token.i]):
        return False
    return is_negated(token)


def _denies(token) -> bool:
    """A negative word, but not the "sin" of "sin (justa) causa"."""
    if token.norm_ == "sin":
        return not any(t.norm_ in _CAUSE_WORDS for t in token.doc[token.i + 1: token.i + 4])
    return token.norm_ in NEGATIONS or token.norm_ in NONE_DETS or token.norm_ in ("ni", "tampoco")


_CAUSE_WORDS = frozenset({"causa", "motivo", "justificacion", "razon", "causas", "motivos"})


def _leaver(condition: str, spec: CheckSpec, ctx: Context) -> str | None:
    """The party that leaves in a condition: named before the ending word ("si LA REDACTORA rescindiera")
    or after it, up to the comma that closes the condition ("si la terminación la solicita LA
    CONSULTORA, deberá pagar ...", "si la rescisión fuera decidida por EL PRESTADOR, ...")."""
    ending = spec.regex("palabras_de_salida").search(condition)
    if not ending:
        return None
    before = ctx.parties.last_role(condition[: ending.start()])
    if before is not None:
        return before
    comma = condition.find(",", ending.end())
    return ctx.parties.last_role(condition[ending.end(): comma if comma >= 0 else len(condition)])


_PRONOUNS = frozenset({"este", "esta", "aquel", "aquella", "el", "ella", "dicha", "dicho"})


def _provider_penalty(sentences: list[Sentence], spec: CheckSpec, ctx: Context) -> Sentence | None:
    """A penalty (cláusula penal, indemnización) that the provider pays for leaving."""
    for s in sentences:
        # "podrá resolver cuando el proveedor haya acumulado el máximo de penalidad": the penalty opens the
        # exit, it is not paid for leaving
        causes = [c for c in (_condition_after(_key_token(t)) for t in s.spans("rescision.TERMINO")) if c is not None]
        for span in s.spans("rescision.PENALIDAD"):
            if any(c.start <= span.start < c.end for c in causes):
                continue
            subj = subject(span[0]) or subject(span.root.head)
            if subj is None:
                # "Si LA REDACTORA rescindiera el contrato, pagará una penalidad": the party that leaves
                cond = next((t.i for t in s.doc[: span.start] if t.norm_ in _CONDITIONS and _is_condition(s.doc, t.i)), None)
                if cond is None or any(t.norm_ == "sin" for t in s.doc[max(0, span.start - 5): span.start]):
                    continue
                if _leaver(fold(s.doc[cond: span.start].text), spec, ctx) == "provider" and not _penalty_negated(span[0]):
                    return s
                continue
            if subj.norm_ in _PRONOUNS:  # "... decidida por EL ORGANIZADOR, este pagará": the last party named
                role = ctx.parties.last_role(s.doc[: subj.i].text, subjects_only=False)
            else:
                role = ctx.parties.role_of(phrase(subj))
            if role in (None, "both") and subj.lemma_ == "parte" and spec.regex("palabras_de_salida").search(fold(phrase(subj))):
                role = "provider"  # "la parte que lo termine sin causa indemnizará a la otra": whoever leaves
            if role == "provider" and not _penalty_negated(span[0]):
                return s
    return None


def run(analysis: Analysis, spec: CheckSpec, ctx: Context) -> CheckResult:
    permission, prohibitions = spec.words("permiso"), spec.words("prohibicion")
    rights: list[Right] = []
    prohibited: list[Sentence] = []
    at_expiry: list[Sentence] = []
    mutual: list[Sentence] = []  # "de mutuo acuerdo": not a way out
    related: list[Sentence] = []  # sentences that talk about ending the contract
    listed_notice: dict[int, tuple] = {}  # (days, business days) stated in a listed ground without cause
    for s in analysis.with_label("rescision.TERMINO"):
        if s.clause.section == "recitals" or _DEFINITIONS.search(s.clause.folded_titles) or not has_parse(s.doc[0]):
            continue
        if _QUESTION.match(s.text) or s.text.rstrip().endswith("?"):
            continue  # "Cuándo puede la Academia darte de baja": a heading that asks, not a right
        previous = _previous_in_clause(analysis, s)
        for span in s.spans("rescision.TERMINO"):
            token = _key_token(span)
            if not _about_contract(token, s, spec, previous):
                continue
            if _without_it(token):
                continue  # "podrá suspender el servicio, sin que ello extinga el contrato": it does not end
            if token.lemma_ == "dejar" and _stops_serving(token) and (
                    _UNTIL.search(fold(s.doc[token.i:].text)) or _condition_start(token) is not None
                    or not _permitted(token, permission)):
                continue  # "cuando EL CONTRATISTA deje de prestar el servicio": a breach, not a right
            related.append(s)
            # "En caso de cancelación por el cliente, los anticipos no serán reembolsables": the "no" belongs
            # to what follows the condition, not to the ending it names
            excepted = False  # "no podrá rescindirse salvo por incumplimiento": a right for that cause only
            if is_negated(token, prohibitions, within_relative=True) and _condition_start(token) is None:
                exception = next((t.i for t in s.doc if t.norm_ in ("salvo", "excepto") and t.i > token.i), None)
                if exception is None or any(sp.start > exception for sp in s.spans("rescision.MUTUO")):
                    prohibited.append(s)  # "... salvo mutuo acuerdo": no way out
                    break
                excepted = True
            # "Será causa de terminación la sola voluntad de cualquiera de las partes": a ground without cause
            cause_list = _is_cause_list(token) and not _free_ending(token, s)
            decider = None
            is_list, free_item = _listed_grounds(analysis, s, spec)
            if not (cause_list or _permitted(token, permission) or (is_list and free_item is not None)
                    or _free_ending(token, s)):
                decider = _decided_by(token, ctx)
                if decider is None:
                    continue
            who = "both" if cause_list else decider or _who(token, s, ctx, previous)
            if is_list:  # the right is what the listed grounds say (mutual agreement, breach, expiry...)
                if free_item is not None:
                    who = ctx.parties.first_role(free_item) or who
                    listed_notice[id(s)] = _item_notice(free_item)
                rights.append(Right(s, span, who, free_item is None))
                break
            if _only_at_expiry(s) and not s.has("rescision.SIN_CAUSA"):
                at_expiry.append(s)
                break
            if s.has("rescision.MUTUO") and not s.has("rescision.SIN_CAUSA"):
                mutual.append(s)
                break
            for_cause = excepted or cause_list or _cause_in_part(s, token) or (decider is None and _on_an_event(token, s))
            if decider is not None and for_cause and not cause_list:
                # "en el caso que EL COMITENTE decidiera dar por terminado el contrato ... o cuando sea resuelto
                # por las causales establecidas": a cause must qualify this party's ending, not another ground
                first = _condition_start(token) or token.i
                for_cause = any(first - 1 <= sp.start <= token.i + 8 for sp in s.spans("rescision.POR_CAUSA"))
            # "La Profesional podrá renunciar al encargo ..., y el Mandante podrá revocarlo en cualquier
            # momento": one sentence may give each party its own exit
            if not any(r.sentence is s and r.who == who for r in rights):
                rights.append(Right(s, span, who, for_cause))
            if who == "both":
                break

    rights += _same_right_for_other(analysis, rights, ctx) + _gapped_rights(rights, ctx)
    # the clause of each termination sentence, with its sibling sub-clauses ("6.2" and "6.3" of "6. VIGENCIA")
    groups = {clause_group(s.clause) for s in related}
    scope = [s for s in analysis.parsed() if spec.id in s.checks and (clause_group(s.clause) in groups or s in related)]
    free = [r for r in rights if not r.for_cause]
    roles = {r.who for r in free}
    who = "both" if "both" in roles or {"client", "provider"} <= roles else (roles.pop() if roles else "none")
    exit_rights = [r for r in rights if r.who in ("both", ctx.own_role)]
    own_free = [r for r in free if r.who in ("both", ctx.own_role)]
    notice, notice_sentence, business = None, None, False
    for r in own_free or free:  # the notice of an exit without cause (a breach needs none)
        if listed_notice.get(id(r.sentence), (None,))[0] is not None:
            (notice, business), notice_sentence = listed_notice[id(r.sentence)], r.sentence
            break
        group = clause_group(r.sentence.clause)
        notice, notice_sentence, business = _notice_days(
            r.sentence, analysis.in_clause(r.sentence.clause),
            [s for s in analysis.parsed() if clause_group(s.clause) == group])
        if notice is not None:
            break
    paid, paid_sentence = _work_paid(scope, spec, ctx)
    penalty = _provider_penalty(scope, spec, ctx)
    details = {
        "who": who,
        "without_cause": bool(free),
        "notice_days": notice,
        "notice_business_days": business,
        "pays_work_done": paid,
        "penalty_on_provider": penalty is not None,
        "prohibited": bool(prohibited) and not rights,
        "only_at_expiry": bool(at_expiry) and not rights,
    }
    evs = [evidence(analysis, r.sentence, r.span) for r in rights]
    evs += [evidence(analysis, s) for s in (notice_sentence, paid_sentence, penalty) if s is not None]
    texts = spec.extra["textos"]  # worded for the perspective (patterns/rescision.toml)
    if not rights:
        evs += [evidence(analysis, s) for s in prohibited + at_expiry + mutual]
        key = ("prohibida" if prohibited else "al_vencimiento" if at_expiry else "mutuo" if mutual
               else "mencionada" if related else "ninguna")
        return make_result(spec, "missing", texts[key], evs, details)
    # Rule 5 (a product decision): a gap only when the user cannot leave early without cause, or when
    # leaving costs a penalty or the pay for work already done. A missing notice period and silence
    # about the work done are reported (details, explanation, checklist) but are not gaps: the civil
    # codes already give a provider whose client withdraws the pay for the work done.
    problems = []
    if not own_free:
        problems.append(texts["solo_otro_sin_causa"] if free else
                        (texts["solo_con_causa"] if exit_rights else texts["solo_otro"]))
    if paid is False:
        problems.append(texts["excluye_pago"])
    if penalty is not None and ctx.own_role == "provider":  # a penalty on the provider protects a client
        problems.append(texts["penalidad"])
    to_ask = [key for key, lacking in (("preaviso", notice is None), ("pago_trabajo", paid is None)) if lacking]
    # "con [NÚMERO] días de anticipación": the template left the notice blank
    doc_text = analysis.document.text
    notice_blank = None if notice is not None else next(
        (b.text for r in (own_free or free) for b in blanks_within(analysis.blanks, r.sentence.start, r.sentence.end)
         if _UNIT.match(fold(doc_text[b.end:b.end + 12]).lstrip(" )]"))), None)
    details["notice_blank"] = notice_blank
    details["to_ask"] = to_ask
    if problems:
        problems += [texts["sin_preaviso"]] if notice is None else []
        problems += [texts["sin_pago_trabajo"]] if paid is None else []
        text = Template(texts["debil"]).substitute(problemas="; ".join(problems))
        return make_result(spec, "weak", text, evs, details)
    days = plural(notice, "día hábil", "días hábiles") if business else plural(notice, "día", "días")
    if not to_ask:
        text = Template(texts["ok_ambos" if who == "both" else "ok_propio"]).substitute(dias=days)
        return make_result(spec, "ok", text, evs, details)
    exit_text = texts["salida_ambos" if who == "both" else "salida_propia"]
    if notice is not None:
        exit_text += Template(texts["con_preaviso"]).substitute(dias=days)
    text = Template(texts["ok_incompleto"]).substitute(
        salida=exit_text, faltas=texts["falta_" + "_".join(to_ask)], pedido=texts["pedir_" + "_".join(to_ask)])
    if notice_blank:
        text += " " + Template(texts["preaviso_en_blanco"]).substitute(hueco=notice_blank)
    result = make_result(spec, "ok", text, evs, details)
    result.message = texts["mensaje_incompleto"]
    return result
