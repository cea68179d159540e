import pytest

from contratos.checks.quantities import days_in


@pytest.mark.parametrize("text,days", [
    ("treinta (30) días naturales", 30), ("un mes", 30), ("dos semanas", 14), ("15 días hábiles", 15),
    ("tres meses", 90), ("48 horas", 2), ("cuarenta y cinco días", 45), ("sesenta (60) días corridos", 60),
    ("ciento veinte días", 120), ("diez", None),
])
def test_days(text, days):
    assert days_in(text) == days
