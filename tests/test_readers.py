"""Readers: encodings, docx order and styles, PDF pages, running headers and hyphenation."""
from __future__ import annotations

import pytest

from contratos.errors import ContratosError
from contratos.readers import read_document

from .builders import make_docx, make_pdf


def test_txt_cp1252_crlf(tmp_path):
    path = tmp_path / "contrato.txt"
    path.write_bytes("PRIMERA.- OBJETO\r\nEl diseñador entregará el logotipo por 500 €.\r\n".encode("cp1252"))
    doc = read_document(path)
    assert "diseñador" in doc.text and "500 €" in doc.text and "\r" not in doc.text
    assert doc.blocks[0].kind == "heading"


def test_txt_utf16_bom(tmp_path):
    path = tmp_path / "contrato.txt"
    path.write_bytes("SEGUNDA. Honorarios\nEl cliente pagará.\n".encode("utf-16"))
    assert "Honorarios" in read_document(path).text


def test_txt_binary_is_refused(tmp_path):
    path = tmp_path / "foto.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == "not_text"


def test_txt_hard_wrapped_lines_join(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("PRIMERA. Objeto\nEl prestador realizará el diseño de una\npágina web de cinco secciones.\n"
                    "SEGUNDA. Pago\nEl cliente pagará.\n", encoding="utf-8")
    texts = [b.text for b in read_document(path).blocks]
    assert "El prestador realizará el diseño de una página web de cinco secciones." in texts


def test_docx_paragraphs_and_tables_in_order_with_heading_styles(tmp_path):
    path = make_docx(tmp_path / "c.docx", [
        ("h1", "CONTRATO DE SERVICIOS"),
        ("h2", "Honorarios"),
        ("p", "EL CLIENTE pagará según la tabla siguiente."),
        ("table", [["Hito", "Importe"], ["Entrega final", "$ 300.000"]]),
        ("p", "Después de la tabla."),
    ], header="Encabezado de página que no debe aparecer")
    doc = read_document(path)
    texts = [b.text for b in doc.blocks]
    assert texts.index("EL CLIENTE pagará según la tabla siguiente.") < texts.index("Entrega final | $ 300.000") \
        < texts.index("Después de la tabla.")
    assert doc.blocks[1].kind == "heading" and doc.blocks[1].level == 2
    assert "Encabezado de página" not in doc.text


def test_pdf_pages_headers_footers_and_hyphenation(tmp_path):
    header = "Estudio Norte S.R.L. - Contrato de servicios"
    pages = [
        ["PRIMERA. OBJETO", "EL PRESTADOR realizará el mantenimiento del sitio web y la contra-",
         "tación de servicios de alojamiento en nombre del cliente durante el año."],
        ["SEGUNDA. HONORARIOS", "EL CLIENTE pagará $ 200.000 mensuales dentro de los diez días.",
         "TERCERA. RESCISIÓN", "Cualquiera de las partes podrá rescindir con treinta días de preaviso."],
    ]
    doc = read_document(make_pdf(tmp_path / "c.pdf", pages, header=header))
    assert doc.pages == 2
    assert "contratación" in doc.text
    assert "Estudio Norte" not in doc.text and "Página" not in doc.text
    offset = doc.text.index("EL CLIENTE pagará")
    assert doc.page_at(offset) == 2
    assert doc.page_at(doc.text.index("EL PRESTADOR")) == 1


def test_pdf_paragraph_cut_by_page_break_is_one_block(tmp_path):
    pages = [["PRIMERA. OBJETO", "El consultor elaborará un diagnóstico de los procesos de compra y"],
             ["venta de la empresa, con un informe final de veinte páginas."]]
    doc = read_document(make_pdf(tmp_path / "c.pdf", pages, header="Cabecera repetida"))
    block = next(b for b in doc.blocks if b.text.startswith("El consultor"))
    assert block.text.endswith("veinte páginas.")
    assert doc.page_at(block.start) == 1 and doc.page_at(block.start + block.text.index("venta")) == 2


def test_pdf_without_text_layer(tmp_path):
    path = make_pdf(tmp_path / "escaneado.pdf", [[], []], image_only=True)
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == "no_text_layer" and "OCR" in info.value.message


@pytest.mark.parametrize("name,content,code", [
    ("roto.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "corrupt"),
    ("falso.pdf", b"esto no es un pdf", "corrupt"),
    ("falso.docx", b"texto plano con extension docx", "corrupt"),
    ("vacio.txt", b"", "empty"),
    ("contrato.odt", b"PK\x03\x04", "corrupt"),
    ("contrato.pages", b"PK\x03\x04", "unsupported_format"),
])
def test_bad_files_raise_coded_errors(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == code


def test_zip_that_is_not_a_docx(tmp_path):
    import zipfile

    path = tmp_path / "fotos.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("foto.jpg", b"123")
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == "corrupt"


def test_paths(tmp_path):
    with pytest.raises(ContratosError) as info:
        read_document(tmp_path / "no-existe.pdf")
    assert info.value.code == "not_found"
    with pytest.raises(ContratosError) as info:
        read_document(tmp_path)
    assert info.value.code == "is_directory"
