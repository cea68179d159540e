"""The check files are read without their closing [[casos]] when the program runs: the same data,
less to parse; a file whose cases are followed by another table is read whole."""
from __future__ import annotations

import tomllib

from contratos.patterns import _read, _without_cases, patterns_dir


def test_every_check_file_reads_the_same_without_its_cases():
    files = sorted(patterns_dir().glob("*.toml"))
    assert len(files) >= 10
    cut = 0
    for path in files:
        whole = _read(path)
        assert _read(path, cases=False) == {k: v for k, v in whole.items() if k != "casos"}, path.name
        cut += len(_without_cases(path.read_bytes())) < len(path.read_bytes())
    assert cut >= 8  # most files close with their cases, and those are left out


def test_cases_followed_by_another_table_are_kept():
    text = b'id = "x"\n[[casos]]\nestado = "ok"\ntexto = "a"\n[perspectiva_cliente]\ntitulo = "t"\n'
    assert _without_cases(text) == text
    assert tomllib.loads(_without_cases(text).decode())["perspectiva_cliente"] == {"titulo": "t"}


def test_only_closing_cases_are_left_out():
    text = b'id = "x"\nseleccion = ["a"]\n\n[[casos]]\nestado = "ok"\ntexto = """\n[NOMBRE DEL CLIENTE] paga 100 euros.\n"""\n'
    # a case whose text has a line opening with "[" is read whole (it might be a table): still correct
    assert _without_cases(text) == text
    plain = b'id = "x"\n\n[[casos]]\nestado = "ok"\ntexto = "a"\n\n[[casos]]\nestado = "weak"\ntexto = "b"\n'
    assert tomllib.loads(_without_cases(plain).decode()) == {"id": "x"}
