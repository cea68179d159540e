"""Formats people send besides .docx/.pdf/.txt: .odt, .rtf and .html are read and give the same
verdict as the same contract in .txt; .doc gets a message saying how to convert it; a file whose
content does not match its extension is read by what it contains, with a warning that says so."""
from __future__ import annotations

import json

import pytest

from contratos.discover import find_files
from contratos.errors import ContratosError
from contratos.readers import read_document

from .builders import make_docx, make_pdf
from .conftest import run_cli
from .hostile_docx import (CONTRACT, OBJETO, PAGO, RESCISION, TITLE, body_docx, esc, html_contract, odt,
                           odt_contract, ole2, p, rtf_contract)
from .test_hostile_docx import assert_refused, statuses


@pytest.fixture(scope="module")
def txt_statuses(tmp_path_factory):
    path = tmp_path_factory.mktemp("txt") / "contrato.txt"
    path.write_text("\n\n".join(CONTRACT), encoding="utf-8")
    got = statuses(path)
    assert got["alcance"] == got["pago"] == got["rescision"] == "ok"
    return got


@pytest.mark.parametrize("name,build", [
    ("contrato.odt", odt_contract),
    ("contrato.rtf", rtf_contract),
    ("contrato.html", html_contract),
    ("contrato.htm", lambda path: html_contract(path, charset="windows-1252")),
    ("contrato.docx", lambda path: make_docx(path, [("h1", CONTRACT[0])] + [("p", t) for t in CONTRACT[1:]])),
])
def test_same_contract_same_verdict_in_every_format(tmp_path, txt_statuses, name, build):
    path = build(tmp_path / name)
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == CONTRACT
    assert doc.warnings == []
    assert statuses(path) == txt_statuses


def test_odt_through_the_cli(tmp_path, txt_statuses):
    path = odt_contract(tmp_path / "contrato.odt")
    before = path.read_bytes()
    result = run_cli("check", str(path), "--format", "json")
    report = json.loads(result.stdout)
    assert report["readable"] and report["format"] == "odt"
    assert {c["id"]: c["status"] for c in report["checks"]} == txt_statuses
    assert path.read_bytes() == before


def test_odt_leaves_out_deletions_footnotes_and_comments_and_reads_text_boxes(tmp_path):
    body = ('<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>CUARTA. PAGO. El Cliente '
            "pagará 9.000 euros al contado.</text:p></text:deletion></text:changed-region></text:tracked-changes>"
            f"<text:h>{TITLE}</text:h><text:p>{esc(OBJETO)}</text:p>"
            f'<text:p>{esc(PAGO)}<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1'
            "</text:note-citation><text:note-body><text:p>Tarifa de 2023 sin IVA.</text:p></text:note-body>"
            "</text:note></text:p>"
            "<text:p>Anexo:<office:annotation><dc:creator>Ana</dc:creator><text:p>revisar importe</text:p>"
            '</office:annotation><draw:frame><draw:text-box><text:p>'
            f"{esc(RESCISION)}</text:p></draw:text-box></draw:frame></text:p>"
            "<text:table-of-content><text:index-body><text:p>PRIMERA. OBJETO 1</text:p></text:index-body>"
            "</text:table-of-content>")
    doc = read_document(odt(tmp_path / "cambios.odt", body.replace("<office:annotation>", "<office:annotation>")))
    texts = [b.text for b in doc.blocks]
    assert texts == [TITLE, OBJETO, PAGO, "Anexo:", RESCISION]
    assert doc.blocks[0].kind == "heading"


def test_odt_password_protected(tmp_path):
    extra = '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
    path = odt(tmp_path / "protegido.odt", "", manifest_extra=extra, content=b"\x8a\x13 binary, not XML")
    assert_refused(path, "encrypted", "el documento .odt está protegido con contraseña")


@pytest.mark.parametrize("content,code", [
    (b"<office:document-content>sin cerrar", "corrupt"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "corrupt"),
])
def test_odt_broken_or_hostile_content(tmp_path, content, code):
    with pytest.raises(ContratosError) as info:
        read_document(odt(tmp_path / "roto.odt", "", content=content))
    assert info.value.code == code and "root:" not in info.value.message


def test_rtf_escapes_headers_and_tables(tmp_path):
    source = ("{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0 Arial;}}{\\footer P\\'e1gina 1\\par}"
              "{\\*\\generator Microsoft Word;}\\pard TERCERA. RESCISI\\'d3N.\\par "
              "El contrato termina con preaviso de 15 d\\u237?as; la compensaci\\u243\\'f3n se abona.\\par "
              "\\trowd\\cellx3000\\cellx6000 Hito\\cell 1.500 \\u8364? \\cell\\row}")
    path = tmp_path / "contrato.rtf"
    path.write_text(source, encoding="ascii")
    texts = [b.text for b in read_document(path).blocks]
    assert texts == ["TERCERA. RESCISIÓN.", "El contrato termina con preaviso de 15 días; la compensación se abona.",
                     "Hito | 1.500 €"]


def test_rtf_that_is_not_rtf(tmp_path):
    path = tmp_path / "contrato.rtf"
    path.write_text("Texto plano guardado como .rtf, sin formato RTF.", encoding="utf-8")
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == "corrupt"


def test_html_leaves_out_scripts_styles_and_hidden_text(tmp_path):
    page = ("<html><head><title>Título de la pestaña</title><script>var x = 'pagará';</script></head><body>"
            "<nav>Inicio | Contacto</nav><h2>CONTRATO</h2><p>Primera línea<br>segunda\nlínea</p>"
            "<div style='display:none'>SEGUNDA. PAGO oculto.</div><p hidden>oculto</p>"
            "<table><thead><tr><th>Hito</th><th>Importe</th></tr></thead>"
            "<tr><td>Entrega</td><td>3.000 &euro;</td></tr></table><noscript>Active JavaScript</noscript>"
            "<!-- comentario: pago --></body></html>")
    path = tmp_path / "contrato.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "CONTRATO"), ("paragraph", "Primera línea"), ("paragraph", "segunda línea"),
        ("table", "Hito | Importe"), ("table", "Entrega | 3.000 €")]


def test_html_without_text_is_empty(tmp_path):
    path = tmp_path / "vacio.html"
    path.write_text("<html><head><script>alert(1)</script></head><body>  </body></html>", encoding="utf-8")
    assert_refused(path, "empty", "el documento no contiene texto")


@pytest.mark.parametrize("name", ["nuevo.docx", "nuevo.odt", "nuevo.rtf", "nuevo.html"])
def test_zero_byte_file_is_empty(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == "empty" and info.value.cause == "el archivo está vacío (0 bytes)"


def test_empty_docx_through_the_cli(tmp_path):
    path = tmp_path / "nuevo.docx"
    path.write_bytes(b"")
    assert_refused(path, "empty", "el archivo está vacío (0 bytes). Compruebe que es el contrato correcto")


# --- .doc and other formats without a reader ---------------------------------------------------

def test_legacy_doc_says_how_to_convert(tmp_path):
    path = ole2(tmp_path / "contrato.doc")
    assert_refused(path, "unsupported_format", "es un documento de Word antiguo (.doc), un formato que no se "
                   "puede leer. Ábralo en Word o LibreOffice y guárdelo como .docx o PDF")


def test_pages_says_how_to_convert(tmp_path):
    import zipfile

    path = tmp_path / "contrato.pages"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Index/Document.iwa", b"\x00" * 10)
    assert_refused(path, "unsupported_format", "el formato .pages no está soportado. Expórtelo desde Pages")


# --- content that does not match the extension ------------------------------------------------

def _warning(report: dict) -> str:
    return next(w for w in report["warnings"] if w.startswith("El archivo es"))


def test_docx_that_is_really_a_pdf_is_read_as_pdf(tmp_path, txt_statuses):
    path = make_pdf(tmp_path / "contrato.docx", [[TITLE, "PRIMERA. OBJETO.", OBJETO[17:90], OBJETO[90:]]])
    doc = read_document(path)
    assert doc.format == "pdf" and doc.warnings[0] == "El archivo es un PDF aunque su extensión es .docx; se ha " \
                                                      "leído como tal."


def test_doc_that_is_really_a_docx_and_pdf_that_is_really_a_docx(tmp_path, txt_statuses):
    for name in ("contrato.doc", "contrato.pdf"):
        path = body_docx(tmp_path / name, "".join(p(t) for t in CONTRACT))
        result = run_cli("check", str(path), "--format", "json")
        report = json.loads(result.stdout)
        assert report["readable"] and report["format"] == "docx"
        assert _warning(report) == (f"El archivo es un documento de Word (.docx) aunque su extensión es "
                                    f"{path.suffix}; se ha leído como tal.")
        assert {c["id"]: c["status"] for c in report["checks"]} == txt_statuses


@pytest.mark.parametrize("name,build,label", [
    ("contrato.doc", rtf_contract, "un documento RTF"),  # Word opens RTF saved as .doc; so do we
    ("contrato.txt", html_contract, "una página HTML"),
    ("contrato.docx", odt_contract, "un documento de LibreOffice (.odt)"),
])
def test_other_mismatches_are_read_with_a_warning(tmp_path, name, build, label):
    doc = read_document(build(tmp_path / name))
    assert [b.text for b in doc.blocks] == CONTRACT
    assert doc.warnings == [f"El archivo es {label} aunque su extensión es {tmp_path.joinpath(name).suffix}; "
                            "se ha leído como tal."]


def test_word_doc_named_docx_says_it_is_a_legacy_doc(tmp_path):
    path = ole2(tmp_path / "contrato.docx")
    assert_refused(path, "unsupported_format", "es un documento de Word antiguo (.doc), un formato que no se "
                   "puede leer aunque su extensión es .docx")


def test_scan_picks_the_new_formats_by_default(tmp_path):
    for name in ("a.odt", "b.rtf", "c.html", "d.htm", "e.doc", "f.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in find_files([tmp_path])] == ["a.odt", "b.rtf", "c.html", "d.htm", "f.docx"]
