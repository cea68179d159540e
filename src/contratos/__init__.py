"""contratos: revisa contratos de servicios en español antes de firmarlos.

    >>> import contratos
    >>> report = contratos.check_file("contrato.pdf")
    >>> report.exit_code, [c.status for c in report.checks]

Heavy modules (spaCy, PDF and Word readers) load only when a file is checked.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["check_file", "check_text", "__version__"]


def check_file(path, password=None, **options):
    from .api import check_file as _check_file

    return _check_file(path, password=password, **options)


def check_text(text, name="<texto>", **options):
    from .api import check_text as _check_text

    return _check_text(text, name=name, **options)
