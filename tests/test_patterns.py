"""The pattern data under patterns/ is valid: spaCy's schema for every token pattern, and the
messages every check needs."""
from __future__ import annotations

from contratos.nlp import pattern_set
from contratos.patterns import load_specs


def test_every_token_pattern_is_valid_for_spacy():
    pattern_set(validate=True)  # raises MatchPatternError on a bad pattern


def test_every_check_declares_its_texts():
    for check_id, spec in load_specs().items():
        if check_id == "comun":
            continue
        assert spec.messages["ok"] and spec.messages["weak"] and spec.messages["missing"]
        assert len(spec.why) > 80 and len(spec.recommendation) > 40
        assert spec.example or spec.extra["sin_clausula"]  # a clause to propose, or what to do instead
        assert spec.severity in ("alta", "media", "baja")
        assert spec.select or spec.extra.get("huecos")  # campos_vacios reads the text with regexes
