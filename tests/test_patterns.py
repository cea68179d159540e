"""The pattern data under patterns/: spaCy accepts every token pattern, a check's message for a pass
differs from its messages for a gap, and each check's suggested clause, once its blanks are filled in,
settles that check."""
from __future__ import annotations

import pytest

from contratos.api import check_text
from contratos.nlp import pattern_set
from contratos.patterns import check_ids, load_specs

CHECK_FILES = check_ids()
from contratos.plantillas import suggested_clause

# what a user would write in each blank of the suggested clauses
FILLED = {"[n]": "15", "[porcentaje]": "2", "[importe]": "1.200", "[moneda]": "euros",
          "[impuestos incluidos o más impuestos]": "más IVA",
          "[pagos o hitos]": "la mitad al firmar y la otra mitad a la entrega final",
          "[forma de pago]": "transferencia bancaria",
          "[servicios y entregables con su cantidad]": "un logotipo, un manual de marca de veinte páginas y diez "
                                                       "plantillas para redes sociales",
          "[trabajos excluidos]": "la impresión y la programación del sitio web",
          "[lo que aporta el cliente]": "textos, fotografías y accesos a sus redes",
          "[fecha o plazo de cada entrega]": "el logotipo el 15 de marzo y el manual el 30 de abril"}
HEAD = ("CONTRATO DE PRESTACIÓN DE SERVICIOS\n\nEntre Estudio Sur S.A., en adelante EL CLIENTE, y Ana Pérez, en "
        "adelante EL PRESTADOR, se acuerda lo siguiente:\n\nPRIMERA. OBJETO\nEL PRESTADOR prestará servicios de "
        "diseño gráfico a EL CLIENTE.\n\n")
TAIL = "\n\nCLÁUSULA FINAL. JURISDICCIÓN\nLas partes se someten a los tribunales de Madrid.\n"


def test_every_token_pattern_is_valid_for_spacy():
    pattern_set(validate=True)  # raises MatchPatternError on a bad pattern


def test_a_pass_never_reads_like_a_gap():
    for check_id in CHECK_FILES:
        ok, weak, missing = (" ".join(load_specs()[check_id].messages[k].lower().split())
                             for k in ("ok", "weak", "missing"))
        assert ok and weak and missing and ok not in (weak, missing), check_id


def _filled(clause: str) -> str:
    for blank, value in FILLED.items():
        clause = clause.replace(blank, value)
    assert "[" not in clause, f"a blank this test does not fill: {clause}"
    return clause


@pytest.mark.parametrize("check_id", [c for c in CHECK_FILES if c != "campos_vacios"])  # its fix: fill the blanks
def test_the_suggested_clause_settles_its_check(check_id):
    """What `explicar`, the letter and the report propose must be enough: pasted into a contract that lacks
    it, with the blanks filled in, the check passes."""
    without = {c.id: c.status for c in check_text(HEAD + TAIL, force=True).checks}
    added = HEAD + "SEGUNDA.\n" + _filled(suggested_clause(check_id)) + TAIL
    assert without[check_id] != "ok"
    assert {c.id: c.status for c in check_text(added, force=True).checks}[check_id] == "ok"
