"""The short translation contract of the hostile-input tests (round 2) and the files built from it: as
.txt, .md or .docx, inside deeply nested HTML, and the invisible ways of writing its "90 días". Used by
tests/test_hostile_round2.py and as fuzzing seeds by tools/fuzz.py."""
from __future__ import annotations

from pathlib import Path

from .builders import make_docx

# A 90-day payment term is weak (the default limit is 60): hiding the "90 días" turned it into "bien"
TITLE = "CONTRATO DE PRESTACIÓN DE SERVICIOS DE TRADUCCIÓN"
OBJECT = ("PRIMERA. OBJETO. La Traductora se obliga a traducir del alemán al español el manual de usuario "
          "de la Cliente, de unas doscientas páginas, y a entregarlo en formato Word.")
PAYMENT = ("SEGUNDA. HONORARIOS. La Cliente pagará a la Traductora la cantidad de 3.200 euros mediante "
           "transferencia bancaria dentro de los 90 días siguientes a la recepción de la factura.")
EXIT = ("TERCERA. RESCISIÓN. Cualquiera de las partes podrá resolver el presente contrato con un preaviso "
        "de 20 días naturales, abonándose los trabajos realizados hasta la fecha de terminación.")
PARAGRAPHS = [TITLE, OBJECT, PAYMENT, EXIT]

INVISIBLE = {  # name: (how "90 días" is written, whether the report must warn)
    "no-break space": ("90\u00a0días", False),
    "narrow no-break space": ("90\u202fdías", False),
    "zero-width space": ("9\u200b0 días", True),
    "word joiner": ("90\u2060 días", True),
    "soft hyphen": ("9\u00ad0 días", False),
    "right-to-left override": ("\u202e90 días\u202c", True),
    "zero-width joiner and mark": ("9\u200d0\u200e días", True),
}


def write_contract(path: Path, paragraphs: list[str]) -> Path:
    """The paragraphs as a .docx, or as text (.txt, .md...) with a blank line between them."""
    if path.suffix == ".docx":
        return make_docx(path, [("p", p) for p in paragraphs])
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def nested_html(path: Path, depth: int) -> Path:
    """The contract inside `depth` nested <div> elements."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    path.write_text(f"<!DOCTYPE html><html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>",
                    encoding="utf-8")
    return path
