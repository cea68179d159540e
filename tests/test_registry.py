"""The check registry: patterns/<id>.toml files are the checks (their order, core flag, runner, words),
validated on load; a new supporting check is one file and nothing else."""
from __future__ import annotations

import shutil

import pytest

from contratos import check_text, patterns
from contratos.checks import RUNNERS
from contratos.checkschema import RUNNERS as DECLARED_RUNNERS, RulesError
from contratos.formatters.labels import summary_line

CONTRACT = """CONTRATO DE PRESTACIÓN DE SERVICIOS
PRIMERA. OBJETO. LA TRADUCTORA traducirá al inglés el manual de usuario de EL CLIENTE, de 40 páginas, y entregará el texto revisado en formato Word.
SEGUNDA. HONORARIOS. EL CLIENTE pagará 600 euros dentro de los 10 días de recibida la factura.
TERCERA. CONFIDENCIALIDAD. LA TRADUCTORA guardará secreto sobre el manual durante dos años.
"""


def _clear_caches() -> None:
    from contratos import blanks, nlp, sentences

    for cached in (patterns._built_in_files, patterns.load_specs, patterns.user_files, nlp.pattern_set,
                   sentences.selector, blanks._regex):
        cached.cache_clear()


@pytest.fixture
def own_patterns(tmp_path, monkeypatch):
    """A copy of patterns/ that the program reads instead of the real one."""
    folder = tmp_path / "patterns"
    shutil.copytree(patterns.patterns_dir(), folder)
    monkeypatch.setattr(patterns, "patterns_dir", lambda: folder)
    _clear_caches()
    yield folder
    monkeypatch.undo()
    _clear_caches()


def test_every_runner_a_file_can_name_exists():
    assert set(RUNNERS) == set(DECLARED_RUNNERS)


def test_the_core_checks_and_their_words_come_from_their_files():
    specs = patterns.checks()
    assert [s.order for s in specs] == sorted(s.order for s in specs)
    core = {s.id: (s.word, s.ending) for s in specs if s.core}
    assert core == {"alcance": ("alcance", "o"), "pago": ("pago", "o"), "rescision": ("rescisión", "a")}
    assert [s.id for s in specs if s.runner == "huecos"] == ["campos_vacios"]


def test_a_new_supporting_check_is_one_file(own_patterns):
    (own_patterns / "confidencialidad.toml").write_text('''
id = "confidencialidad"
orden = 10
nombre = "Confidencialidad"
severidad = "baja"
por_que = "Lo que se sabe del cliente no debe contarse."
recomendacion = "Pida un plazo de confidencialidad."
seleccion = ['\\bsecreto', '\\bconfidencial']
ok_si = ["SECRETO"]
[mensajes]
ok = "Hay un deber de confidencialidad."
weak = "La confidencialidad es débil."
missing = "No hay confidencialidad."
[etiquetas]
SECRETO = [[{NORM = "secreto"}], [{NORM = "confidencialidad"}]]
''', encoding="utf-8")
    report = check_text(CONTRACT, force=True)
    assert [c.id for c in report.checks][-1] == "confidencialidad"
    assert report.checks[-1].status == "ok"
    assert "rescisión" in summary_line(report)  # the core words still come from rescision.toml


def test_the_core_word_of_a_summary_is_read_from_the_file(own_patterns):
    path = own_patterns / "rescision.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('palabra = "rescisión"', 'palabra = "salida"'),
                    encoding="utf-8")
    assert "salida" in summary_line(check_text(CONTRACT, force=True))


@pytest.mark.parametrize("old, new, words", [
    ('severidad = "media"', 'severidad = "media"\numbrales = 3', "clave desconocida 'umbrales'"),
    ("orden = 4\n", "", "falta la clave 'orden'"),
    ('severidad = "media"', 'severidad = "urgente"', "'severidad' no admite 'urgente'"),
    ("orden = 4", 'orden = "4"', "la clave 'orden' debe ser un número entero"),
])
def test_a_bad_built_in_file_names_the_file_and_the_key(own_patterns, old, new, words):
    path = own_patterns / "mora.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError) as info:
        patterns.check_ids()
    assert info.value.message.startswith(f"{path}: ") and words in info.value.message
