"""Anchored matching finds exactly what spaCy's Matcher finds over the whole sentence: on every
sentence of the sample and evaluation contracts, for every check; and the pieces (how many tokens an
operator takes, which anchor a pattern gets) on their own."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import Matcher
from spacy.util import filter_spans

from contratos.segment import segment
from contratos.readers import read_document
from contratos.matching import PatternSet, _reps, reach_of
from contratos.nlp import fold_tokens, load_model, model_text, pattern_set
from contratos.patterns import load_specs
from contratos.sentences import sentences_of

ROOT = Path(__file__).resolve().parents[1]


def _plain_matchers(nlp) -> dict[str, Matcher]:
    """One ordinary Matcher per check with all its labels, the way spaCy documents it."""
    out = {}
    for spec in load_specs().values():
        out[spec.id] = Matcher(nlp.vocab)
        for label, patterns in spec.labels.items():
            out[spec.id].add(f"{spec.id}.{label}", patterns)
    return out


def _spans(found: dict[str, list]) -> dict[str, list[tuple[int, int]]]:
    return {key: [(s.start, s.end) for s in filter_spans(spans)] for key, spans in found.items() if spans}


def _contract_sentences() -> list[str]:
    paths = sorted((ROOT / "sample_contracts").glob("*.txt")) + sorted((ROOT / "eval" / "documents").glob("*.txt"))
    assert len(paths) >= 10
    out = []
    for path in paths:
        document = read_document(str(path))
        out.extend(s.text for s in sentences_of(document, segment(document)))
    return out


@pytest.mark.parametrize("tagged", [False, True], ids=["tokenized", "tagged"])
def test_anchored_matches_equal_the_plain_matcher_on_real_contracts(tagged):
    nlp = load_model()
    plain, anchored = _plain_matchers(nlp), pattern_set()
    texts = [model_text(t) for t in _contract_sentences()]
    docs = nlp.pipe(texts) if tagged else (nlp.make_doc(t) for t in texts)
    compared = found_any = 0
    for doc in docs:
        fold_tokens(doc)
        for check_id, matcher in plain.items():
            if not tagged and any(g.needs_model for g in anchored.groups[check_id]):
                continue  # a check that reads lemmas only ever sees tagged sentences
            expected: dict[str, list] = {}
            for match_id, start, end in matcher(doc):
                expected.setdefault(nlp.vocab.strings[match_id], []).append(doc[start:end])
            got = _spans(anchored.matches(doc, [check_id]))
            assert got == _spans(expected), doc.text
            compared += 1
            found_any += bool(got)
    assert compared > 1000 and found_any > 300


@pytest.mark.parametrize("op, reps", [(None, (1, 1)), ("!", (1, 1)), ("?", (0, 1)), ("+", (1, 10_000)),
                                      ("*", (0, 10_000)), ("{2}", (2, 2)), ("{0,3}", (0, 3)), ("{1,}", (1, 10_000)),
                                      ("{,4}", (0, 4))])
def test_how_many_tokens_an_operator_takes(op, reps):
    assert _reps(op) == reps


def test_a_pattern_is_anchored_on_its_least_common_required_word():
    nlp = load_model()
    strings = nlp.vocab.strings
    common = frozenset({strings.add("a"), strings.add("su")})
    reach = reach_of([{"NORM": "a"}, {"NORM": {"IN": ["su", "entera"]}, "OP": "{0,3}"}, {"NORM": "satisfaccion"}],
                     strings, common)
    assert reach.anchor.words == {strings["satisfaccion"]}
    assert (reach.before, reach.after) == (4, 0)
    # an optional or negated token is no anchor; a number is the last resort
    reach = reach_of([{"LIKE_NUM": True}, {"NORM": "mil", "OP": "?"}, {"NORM": "de", "OP": "!"}], strings, common)
    assert reach.anchor.regex is None and not reach.anchor.words and reach.after == 2


def test_a_pattern_without_a_word_anchor_runs_on_the_whole_sentence():
    nlp = load_model()
    assert reach_of([{"IS_UPPER": True, "OP": "+"}], nlp.vocab.strings) is None
    spec = type("Spec", (), {"id": "x", "labels": {"MAYUS": [[{"IS_UPPER": True}, {"IS_UPPER": True}]]}})
    patterns = PatternSet(nlp.vocab, [spec])
    doc = nlp.make_doc("el contrato FIRMADO HOY por ambas partes")
    fold_tokens(doc)
    assert [s.text for s in patterns.matches(doc, ["x"])["x.MAYUS"]] == ["FIRMADO HOY"]


def test_every_pattern_of_the_checks_has_a_bounded_window():
    """Unbounded operators ("*", "+") make a pattern's window run to the sentence's edges and slow
    every sentence down: the data uses bounded counts ("{0,3}") instead."""
    for check_id, groups in pattern_set().groups.items():
        for group in groups:
            for reach in group.reaches:
                assert reach is not None, group.key
                assert reach.before + reach.after < 40, group.key
