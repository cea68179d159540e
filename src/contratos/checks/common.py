"""Helpers every check uses: evidence from sentences, negation and subjects from the dependency parse."""
from __future__ import annotations

from ..nlp import Analysis, Sentence
from ..patterns import CheckSpec, shared
from ..report import CheckResult, Evidence
from ..words import unbalanced

QUOTE_LIMIT = 320
NEGATIONS = frozenset(shared("negacion"))  # patterns/comun.toml
NONE_DETS = frozenset(shared("negacion_determinantes"))
_CLAUSE_BREAKS = frozenset({"y", "pero", "o", "que", "cuando", "si", "aunque", "mientras"})
# dependency relations along which a word inherits the polarity of the verb that governs it
_UPWARD = frozenset({"xcomp", "ccomp", "obj", "obl", "nmod", "csubj", "advcl", "acl", "nsubj", "nsubj:pass",
                     "conj", "mark", "case", "amod", "appos"})


def evidence(analysis: Analysis, sentence: Sentence, span=None) -> Evidence:
    """Evidence for a sentence: the clause heading, the quote (trimmed), page, paragraph and offsets."""
    start, end = sentence.start, sentence.end
    text = sentence.text
    if len(text) > QUOTE_LIMIT:
        # keep the part around the match
        text = trimmed(text, span.start_char if span is not None else None)
    document = analysis.document
    block = document.block_at(start)
    return Evidence(heading=sentence.clause.heading, text=" ".join(text.split()), start=start, end=end,
                    page=document.page_at(start), paragraph=block.number if block else None)


def evidence_at(analysis: Analysis, start: int, end: int) -> Evidence | None:
    """Evidence for the sentence that holds the text at [start, end), quoted around it."""
    sentence = analysis.sentence_at(start)
    if sentence is None:
        return None
    ev = evidence(analysis, sentence)
    if len(sentence.text) > QUOTE_LIMIT:  # keep the part around the blank
        ev.text = " ".join(trimmed(sentence.text, start - sentence.start).split())
    return ev


def trimmed(text: str, centre: int | None) -> str:
    """A long sentence cut to about QUOTE_LIMIT characters around `centre` (from its start when None),
    marked with "…" where it was cut: the cut falls between words, after a comma, semicolon or colon
    when one is near, and never inside brackets or quotation marks left open."""
    lo = 0 if centre is None else max(0, min(centre - QUOTE_LIMIT // 3, len(text) - QUOTE_LIMIT))
    if lo <= QUOTE_LIMIT // 4:  # a few words from the start: quote from the start of the sentence
        lo = 0
    if lo:
        phrase = max(text.rfind(mark, max(0, lo - QUOTE_LIMIT // 4), lo + 1) for mark in (", ", "; ", ": "))
        lo = phrase + 2 if phrase > 0 else (text.find(" ", lo) + 1 or lo)
    hi = min(len(text), lo + QUOTE_LIMIT)
    if hi < len(text):
        hi = text.rfind(" ", lo + QUOTE_LIMIT // 2, hi) if text.rfind(" ", lo + QUOTE_LIMIT // 2, hi) > 0 else hi
    piece = text[lo:hi]
    for _ in range(4):  # an opener left open by the cut: cut before it; a closer without its opener: start after it
        stray = unbalanced(piece)
        if not stray:
            break
        if stray[-1] in "([«“{" and piece.rfind(stray[-1]) > QUOTE_LIMIT // 3:
            piece = piece[:piece.rfind(stray[-1])]
        elif stray[0] in ")]»”}" and piece.find(stray[0]) < len(piece) * 2 // 3:
            piece = piece[piece.find(stray[0]) + 1:]
            lo += 1  # no longer the start of the sentence
        else:
            break
    piece = piece.strip().rstrip(",;:")
    return ("…" if lo else "") + piece + ("…" if lo + len(piece) < len(text.rstrip()) else "")


def _negator(token) -> bool:
    """ "no", "nunca"... but not "no obstante" (nevertheless) nor "no solo" (not only)."""
    if token.norm_ not in NEGATIONS:
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is None or nxt.norm_ not in ("obstante", "solo", "solamente")


def has_parse(token) -> bool:
    """Sentences selected only for lexical checks are tagged but not parsed (see nlp.py)."""
    return token.doc.has_annotation("DEP")


RELATIVE_PRONOUNS = frozenset({"que", "cual", "cuales", "quien", "quienes", "donde", "cuyo", "cuya"})


def relative_clause(token):
    """The verb of the relative clause that holds the word ("incidencias que no puedan resolverse",
    "el plazo durante el cual ninguna podrá resolverlo"), or None: an `acl` introduced by a relative pronoun."""
    for node in chain(token)[1:] if has_parse(token) else []:
        if node.dep_.startswith("acl") and any(c.norm_ in RELATIVE_PRONOUNS for c in node.subtree if c.i < node.i):
            return node
    return None


def chain(token, hops: int = 4, stop=None):
    """The token and the words that govern it, up to the main verb of its clause (or up to `stop`)."""
    out = [token]
    if not has_parse(token):
        return out
    while hops and token is not stop and token.dep_ in _UPWARD and token.head is not token:
        token = token.head
        out.append(token)
        hops -= 1
    return out


def is_negated(token, prohibitions: frozenset[str] = frozenset(), within_relative: bool = False) -> bool:
    """True when the parse puts the word under "no", "en ningún caso" or a verb of prohibition;
    without a parse, when "no" stands just before it. "sin subordinación", "ni horario" too.
    `within_relative`: a word inside a relative clause is negated only from within it ("el mes en que se
    produzca la terminación" is not negated by the "no tendrá derecho" of the main clause)."""
    doc = token.doc
    if any(doc[i].norm_ in ("sin", "ni") or _negator(doc[i]) for i in range(max(0, token.i - 2), token.i)):
        return True
    stop = relative_clause(token) if within_relative else None
    coordinated = False  # "podrá renunciar al encargo, y el Mandante podrá revocarlo": "renunciar" only coordinates
    for node in (chain(token, stop=stop) if has_parse(token) else []):
        if node is not token and node.lemma_ in prohibitions and not coordinated:
            return True
        coordinated = coordinated or node.dep_ == "conj"
        # "ninguna de las partes podrá resolverlo"
        if any(c.dep_.startswith("nsubj") and (c.norm_ in NONE_DETS or any(g.norm_ in NONE_DETS for g in c.children))
               for c in node.children):
            return True
        for child in node.children:
            if _negator(child) and child.i < node.i:
                return True
            # "en ningún caso" negates; "sin responsabilidad para ninguna de ellas" does not
            if child.dep_ in ("obl", "advmod", "nmod") and any(g.norm_ in NONE_DETS for g in child.children) \
                    and not any(g.dep_ == "case" and g.norm_ == "sin" for g in child.children):
                return True
            if child.dep_ == "aux" and child.i < node.i:
                # "no podrá": the negation may hang from the auxiliary
                if any(_negator(g) for g in child.children):
                    return True
    # without a parse, or when the parser attached "no" elsewhere: look back within the clause
    first = min(n.i for n in chain(token)[:2])
    window = []
    for i in range(first - 1, max(-1, first - 4), -1):
        if doc[i].is_punct or doc[i].norm_ in _CLAUSE_BREAKS:
            break
        window.append(doc[i])
    return any(_negator(t) or t.norm_ in ("ni", "sin") or t.norm_ in NONE_DETS for t in window) and \
        not any(t.norm_ in ("salvo", "excepto", "sino") for t in window)


def subject(token):
    """The phrase that performs the action of `token`: the agent of a passive ("podrá ser resuelto
    por EL CLIENTE"), else its subject."""
    if not has_parse(token):
        return None
    for node in chain(token):
        # "podrá ser resuelto por", and the passive with "se": "podrá cancelarse por EL CLIENTE"
        passive = any(c.dep_ in ("nsubj:pass", "aux:pass", "expl:pass") or (c.dep_ == "aux" and c.lemma_ == "ser")
                      for c in node.children) or (node.pos_ in ("VERB", "AUX") and node.norm_.endswith(("arse", "erse", "irse")))
        if passive:
            for child in node.children:
                if (child.dep_.startswith("obl") or child.dep_ == "obj") and \
                        any(g.norm_ == "por" and g.dep_ == "case" for g in child.children):
                    return child
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubj:pass", "csubj"):
                return child
        for child in node.children:
            if child.dep_.startswith("obl") and any(g.norm_ == "por" and g.dep_ == "case" for g in child.children):
                return child
    return None


def phrase(token) -> str:
    if token is None or not has_parse(token):
        return ""
    return " ".join(t.text for t in token.subtree)


def make_result(spec: CheckSpec, status: str, explanation: str, evidence_list: list[Evidence],
                details: dict, severity: str | None = None) -> CheckResult:
    # one quote per place, in document order
    seen, unique = set(), []
    for ev in sorted(evidence_list, key=lambda e: e.start):
        if ev.start not in seen:
            seen.add(ev.start)
            unique.append(ev)
    return CheckResult(
        id=spec.id, name=spec.name, status=status, severity=severity or spec.severity,
        message=spec.messages[status] if status in spec.messages else "No aplica a este documento.",
        explanation=explanation, why=spec.why,
        recommendation=spec.recommendation if status in ("weak", "missing") else "",
        evidence=unique[:6], details=details,
    )
