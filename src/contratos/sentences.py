"""Sentences and picking: split the text into sentences and pick, for each check, the sentences
that can matter to it (by clause title or by the sentence's own words, plus neighbours for some
checks), grouped by how much of the model their checks need."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .document import Document
from .patterns import ANALYSIS_LEVELS, load_specs
from .segment import Clause

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[¿¡(\"«“]?[A-ZÁÉÍÓÚÑÜ0-9])")
# abbreviations of Spanish legal and business text after which a full stop does not end the sentence
# ("Sr.", "art.", "aprox.", "n.º", "cta. cte."); initials such as "S.A." or "S.R.L." are _INITIALS
_ABBREVIATIONS = frozenset("""sr sra srta sres srs dr dra drs dres lic licda ing arq art arts núm num nº n° n.º n.° nro nros
    pág pag págs pp av avda cía cia ltda inc incs ud uds vd vds d dña dª d.ª ej aprox máx mín tel fdo cp c.p col
    dpto depto prof mtro mtra exp ref vto bs gs lps apdo párr fracc frac lit cap tít cta cte vol gral esq mz
    sig sigs cfr vs admón""".split())
# "No. 5" is the number; "... o no. El cliente" ends a sentence: "no" is an abbreviation only before a digit
_BEFORE_DIGIT = frozenset({"no"})
# "la cláusula 4. Ninguna de las partes": a one-digit number after these words is a reference that can
# end a sentence ("1. El prestador" at the start of a sentence is an item number and does not)
_REFERENCE_WORDS = frozenset("""cláusula clausula cláusulas clausulas artículo articulo artículos articulos art arts
    numeral numerales apartado apartados inciso incisos inc punto puntos anexo anexos página pagina pág pag
    capítulo capitulo cap sección seccion título titulo párrafo parrafo párr literal lit fracción fraccion
    núm num número numero nº n° n.º n.° nro no""".split())
_OPENERS = "(«\"“[¿¡'‘"
_CLOSERS = ".\"»”)]'’"
MAX_SENTENCE = 2000  # characters; the longest sentence in sample_contracts/ and eval/ has 1,286
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.){2,}[^\W\d_]{0,2}$")  # "S.A.", "M.N.", "S.R.L." (not "IVA.")


@lru_cache(maxsize=4)
def selector(rules: str | None = None) -> tuple[list[tuple[str, re.Pattern]], dict[str, int], list[tuple[str, re.Pattern, int]], set[str]]:
    """Each check's sentence-cue regex (one search per check: cues of different checks overlap,
    "mora" cues both pago and mora), each check's analysis level (0-2), and the clause-title regexes."""
    specs = list(load_specs(rules=rules).values())
    cues = [(spec.id, _cue_regex(spec.select)) for spec in specs if spec.select]
    levels = {spec.id: ANALYSIS_LEVELS.index(spec.analysis) for spec in specs}
    titles = [(spec.id, spec.headings, levels[spec.id]) for spec in specs if spec.headings is not None]
    return cues, levels, titles, {spec.id for spec in specs if spec.neighbours}


def _cue_regex(select: tuple[str, ...]) -> re.Pattern:
    """One regex for a check's cues, with the word boundary that most of them start with tested
    once per position instead of once per cue (about twice as fast on long cue lists)."""
    words = [cue[2:] for cue in select if cue.startswith(r"\b")]
    others = [cue for cue in select if not cue.startswith(r"\b")]
    return re.compile("|".join(([rf"\b(?:{'|'.join(words)})"] if words else []) + others))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in a block: a break after . ! ? before a capital or digit, except after an
    abbreviation ("Sr.", "Art.") or initials ("S.A.", "M.N."). No span is longer than MAX_SENTENCE."""
    spans = _punctuated(text)
    if any(end - start > MAX_SENTENCE for start, end in spans):
        spans = [piece for span in spans for piece in _bounded(text, *span)]
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut into pieces of at most MAX_SENTENCE characters, at a space when there is one: a text
    without punctuation (or a pasted table) would otherwise be one "sentence" of a megabyte, which the
    model cannot take (it needs about 1 GB per 100,000 characters)."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _punctuated(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        if not _ends_sentence(text[start:m.start()].rsplit(None, 2)[-2:], text[m.end():m.end() + 1]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _ends_sentence(words: list[str], following: str) -> bool:
    """Whether the full stop after the last of `words` (the sentence so far, its last words) ends the
    sentence, `following` being the first character after the break."""
    if not words:
        return False
    word = words[-1].rstrip(_CLOSERS).lstrip(_OPENERS).lower()  # "(aprox." is "aprox"
    if word in _ABBREVIATIONS or _INITIALS.match(word + ".") or "/" in word:
        return False
    if word in _BEFORE_DIGIT:
        return not following.isdigit()
    if len(word) <= 1:  # an initial ("J. Pérez"), an item number ("1. El prestador")...
        # ...but "cláusula 4. Ninguna" ends the sentence (a reference number, not an item)
        previous = words[-2].lstrip(_OPENERS).rstrip(".,").lower() if len(words) > 1 else ""
        return word.isdigit() and previous in _REFERENCE_WORDS
    return True


@dataclass
class Sentence:
    """A sentence of the document: global offsets, its clause and, when picked, its analysed Doc."""

    start: int
    end: int
    text: str
    clause: Clause
    doc: object | None = None  # spacy Doc: tokens, + lemmas and POS, + parse, as its checks need; folded
    checks: frozenset = frozenset()  # the checks that picked this sentence
    matches: dict[str, list] = field(default_factory=dict)  # "pago.IMPORTE" -> [Span]

    def spans(self, label: str) -> list:
        return self.matches.get(label, [])

    def has(self, label: str) -> bool:
        return label in self.matches


def sentences_of(document: Document, clauses: list[Clause]) -> list[Sentence]:
    out: list[Sentence] = []
    clause_i = 0
    for block in document.blocks:
        for local_start, local_end in split_sentences(block.text):
            start, end = block.start + local_start, block.start + local_end
            # a block holding "PRIMERA.- OBJETO. El presente..." opens its clause inside the block
            while clause_i + 1 < len(clauses) and clauses[clause_i + 1].start <= start:
                clause_i += 1
            clause = clauses[clause_i]
            if end <= clause.body_start and (clause.label or clause.title):
                continue  # the heading itself ("PRIMERA.- OBJETO.") is not a sentence of the clause
            if start < clause.body_start:
                start = clause.body_start
            while start < end and document.text[start].isspace():
                start += 1
            if start < end:
                out.append(Sentence(start, end, document.text[start:end], clause))
    return out


def clause_group(clause: Clause) -> str:
    """A clause and its decimal sub-clauses ("6. VIGENCIA", "6.1", "6.2") form a group."""
    if clause.parent_titles and re.match(r"^\d{1,2}\.\d", clause.label):
        return f"{clause.parent_titles[-1]}|{clause.label.split('.')[0]}"
    return f"{clause.title or clause.label}|{clause.label.split('.')[0]}|{clause.index}"


def pick(sentences: list[Sentence], clauses: list[Clause], folded: str, rules: str | None = None) -> list[list[Sentence]]:
    """Group the sentences by the deepest analysis any check that picked them needs (0-2).
    A check picks a sentence when the clause title or the sentence's own words cue it
    (`folded` is the document's folded text, which sentence offsets index; `rules`, a user's folder of checks)."""
    cues, levels, titles, with_neighbours = selector(rules)
    titled = {c.index: {cid for cid, rx, _ in titles if c.section in ("clauses", "annex") and rx.search(c.folded_titles)}
              for c in clauses}
    wanted, cued = [], []
    for sentence in sentences:
        text = folded[sentence.start:sentence.end]
        cued.append({cid for cid, rx in cues if rx.search(text)})
        wanted.append(titled[sentence.clause.index] | cued[-1])
    neighbours: list[set[str]] = [set() for _ in sentences]
    for cid in with_neighbours:  # the sentence before and the two after, within the same clause group
        for i in [i for i, w in enumerate(wanted) if cid in w]:
            group = clause_group(sentences[i].clause)
            for j in range(max(0, i - 1), min(len(sentences), i + 3)):
                if cid not in wanted[j] and clause_group(sentences[j].clause) == group:
                    neighbours[j].add(cid)
    groups: list[list[Sentence]] = [[], [], []]
    for sentence, w, own, extra in zip(sentences, wanted, cued, neighbours):
        if w or extra:
            sentence.checks = frozenset(w | extra)
            # the model reads only sentences whose own words cue a check that needs it; one picked
            # for its clause title or as a neighbour (notice, payment of work done) is read for its words
            groups[max([levels[cid] for cid in own] or [0])].append(sentence)
    return groups
