"""Hostile and broken .docx files: a clear Spanish answer, exit code 2 and a stable error code every
time; never a traceback, a fetched URL, an expanded entity or a verdict on text the reader did not see.
Tracked changes, text boxes, headers and footnotes count as a reader of the final document sees them."""
from __future__ import annotations

import http.server
import json
import threading
import zipfile

import pytest

from contratos.api import check_file
from contratos.errors import ContratosError
from contratos.readers import read_document

from .builders import make_docx
from .conftest import run_cli
from .hostile_docx import (CONTRACT, OBJETO, PAGO, RESCISION, TITLE, base_docx, body_docx, bomb_docx,
                           footnote_docx, ole2, p, patch_declared_size, rewrite_zip, set_encrypted_flag, text_box,
                           tracked)


def assert_refused(path, code: str, cause: str) -> None:
    """As a user runs it: one Spanish line on stderr naming the file, exit 2; JSON readable false."""
    before = path.read_bytes(), path.stat().st_mtime_ns
    result = run_cli("check", str(path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert path.name in lines[0] and cause in lines[0], lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["readable"] is False and report["error"]["code"] == code
    assert report["checks"] == []
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # never modified


def contract_body(**replace: str) -> str:
    return "".join(p(replace.get(text, text)) if replace.get(text, text) is not None else "" for text in CONTRACT)


def statuses(path) -> dict[str, str]:
    report = check_file(path)
    assert report.readable, report.error
    return {c.id: c.status for c in report.checks}


# --- not a Word document ------------------------------------------------------------------------

def test_not_a_zip(tmp_path):
    path = tmp_path / "contrato.docx"
    path.write_bytes(b"Esto es texto plano guardado con extension .docx\n" * 20)
    assert_refused(path, "corrupt", "no es un archivo .docx válido (no es un paquete ZIP)")


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "fotos.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("foto1.jpg", b"\xff\xd8\xff" + bytes(100))
    assert_refused(path, "corrupt", "es un archivo ZIP pero no un documento .docx")


def test_truncated_docx(tmp_path):
    path = body_docx(tmp_path / "cortado.docx", contract_body())
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert_refused(path, "corrupt", "el archivo .docx está incompleto (el paquete ZIP está cortado)")


def test_password_protected_docx_is_an_ole2_file(tmp_path):
    # Word stores a .docx with a password as an OLE2 compound file holding an EncryptedPackage stream
    path = ole2(tmp_path / "protegido.docx", "EncryptedPackage")
    assert_refused(path, "encrypted", "el documento de Word está protegido con contraseña")


def test_zip_encrypted_docx(tmp_path):
    path = set_encrypted_flag(body_docx(tmp_path / "cifrado.docx", contract_body()), "word/document.xml")
    assert_refused(path, "encrypted", "el paquete .docx está cifrado")


# --- zip bombs ---------------------------------------------------------------------------------

def test_zip_bomb_declared_size(tmp_path):
    path = body_docx(tmp_path / "bomba.docx", contract_body())
    patch_declared_size(path, "word/document.xml", 3_000_000_000)
    assert_refused(path, "too_large", "se expandiría a un tamaño desproporcionado (posible bomba ZIP)")


def test_zip_bomb_real_expansion(tmp_path):
    # 60 MB of XML in ~60 KB: refused from the zip directory, before anything is decompressed
    path = bomb_docx(tmp_path / "bomba_real.docx", 60 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ContratosError) as info:
        read_document(path)
    assert info.value.code == "too_large"


def test_zip_bomb_whose_header_understates_the_size(tmp_path):
    # the header says 1 KB; the data really expands to 8 MB: refused without expanding it
    path = bomb_docx(tmp_path / "mentira.docx", 8 * 1024 * 1024)
    patch_declared_size(path, "word/document.xml", 1000)
    assert_refused(path, "corrupt", "los tamaños que declara no coinciden con su contenido (posible bomba ZIP)")


# --- XML entities --------------------------------------------------------------------------------

XXE_FILE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a0 "jajajajajaja">'
          + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10)) + "]>\n")


def entity_body(name: str) -> str:
    return p(TITLE) + p(OBJETO) + f'<w:p><w:r><w:t>&{name};</w:t></w:r></w:p>' + p(RESCISION)


def test_external_entity_to_a_local_file_is_refused(tmp_path):
    path = body_docx(tmp_path / "xxe.docx", entity_body("xxe"), prolog=XXE_FILE)
    assert_refused(path, "corrupt", "contiene declaraciones XML (DTD/entidades)")
    result = run_cli("check", str(path), "--format", "json")
    assert "root:" not in result.stdout + result.stderr


def test_billion_laughs_is_refused_quickly(tmp_path):
    path = body_docx(tmp_path / "risas.docx", entity_body("a9"), prolog=LAUGHS)
    assert_refused(path, "corrupt", "contiene declaraciones XML (DTD/entidades)")


@pytest.fixture
def http_server():
    """A web server on the loopback that counts the requests it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"SEGUNDA. PAGO. El Cliente pagara 3.000 euros a 30 dias.")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_external_entity_to_a_url_is_never_fetched(tmp_path, http_server):
    url, hits = http_server
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{url}/pago.txt">]>\n'
    path = body_docx(tmp_path / "xxe_http.docx", entity_body("xxe"), prolog=prolog)
    assert_refused(path, "corrupt", "contiene declaraciones XML (DTD/entidades)")
    assert hits == []


def test_python_docx_parser_itself_neither_expands_nor_fetches(http_server):
    """Defence in depth, should a DTD ever get past the package check."""
    from docx.oxml.parser import parse_xml
    from lxml import etree

    from .hostile_docx import document_xml

    url, hits = http_server
    for prolog in (XXE_FILE, f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{url}/x">]>\n'):
        root = parse_xml(document_xml(entity_body("xxe"), prolog=prolog))
        text = "".join(root.itertext())
        assert "root:" not in text and "pagara" not in text
    assert hits == []
    with pytest.raises(etree.XMLSyntaxError):  # lxml stops the amplification
        parse_xml(document_xml(p("x") + '<w:p><w:r><w:t>' + "&a9;" * 50 + '</w:t></w:r></w:p>', prolog=LAUGHS))


# --- what counts as text ----------------------------------------------------------------------

def test_deleted_payment_clause_does_not_count(tmp_path):
    body = p(TITLE) + p(OBJETO) + f"<w:p>{tracked('del', PAGO)}</w:p>" + p(RESCISION)
    path = body_docx(tmp_path / "borrado.docx", body)
    doc = read_document(path)
    assert "HONORARIOS" not in doc.text
    got = statuses(path)
    assert got["pago"] == "missing" and got["alcance"] == "ok" and got["rescision"] == "ok"


def test_inserted_payment_clause_counts(tmp_path):
    body = p(TITLE) + p(OBJETO) + f"<w:p>{tracked('ins', PAGO)}</w:p>" + p(RESCISION)
    path = body_docx(tmp_path / "insertado.docx", body)
    assert statuses(path)["pago"] == "ok"


def test_moved_text_counts_once(tmp_path):
    body = (p(TITLE) + f"<w:p>{tracked('moveFrom', PAGO)}</w:p>" + p(OBJETO)
            + f"<w:p>{tracked('moveTo', PAGO)}</w:p>" + p(RESCISION))
    doc = read_document(body_docx(tmp_path / "movido.docx", body))
    assert doc.text.count("HONORARIOS Y FORMA DE PAGO") == 1
    assert doc.text.index("PRIMERA. OBJETO") < doc.text.index("HONORARIOS")


def test_clause_in_a_text_box_counts_once_in_its_own_block(tmp_path):
    anchor = "El presente contrato se rige por las cláusulas siguientes."
    body = p(TITLE) + p(OBJETO) + p(PAGO) + p(anchor, text_box(["TERCERA. RESCISIÓN.", RESCISION[20:]]))
    path = body_docx(tmp_path / "cuadro.docx", body)
    doc = read_document(path)
    texts = [b.text for b in doc.blocks]
    assert anchor in texts  # the anchoring paragraph is not polluted
    assert doc.text.count("preaviso de 15 días") == 1  # the VML fallback copy is skipped
    assert texts.index(anchor) < texts.index("TERCERA. RESCISIÓN.")
    assert statuses(path)["rescision"] == "ok"


def test_headers_and_footers_stay_out_of_the_body(tmp_path):
    import docx

    path = make_docx(tmp_path / "cabecera.docx", [("p", t) for t in CONTRACT], header="CONFIDENCIAL - Borrador")
    document = docx.Document(str(path))
    document.sections[0].footer.paragraphs[0].text = "Página 1 - Documento de trabajo"
    document.save(str(path))
    doc = read_document(path)
    assert "CONFIDENCIAL" not in doc.text and "Documento de trabajo" not in doc.text
    assert [b.text for b in doc.blocks] == CONTRACT


def test_footnotes_stay_out_and_leave_no_mark(tmp_path):
    body = (p(TITLE) + p(OBJETO) + p(PAGO, '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                                      '<w:footnoteReference w:id="1"/></w:r>') + p(RESCISION))
    path = footnote_docx(tmp_path / "notas.docx", body, "Importe sin IVA según la tarifa de 2023.")
    doc = read_document(path)
    assert "tarifa de 2023" not in doc.text
    assert PAGO in [b.text for b in doc.blocks]


def test_hidden_text_does_not_count(tmp_path):
    hidden = f'<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>{PAGO}</w:t></w:r></w:p>'
    path = body_docx(tmp_path / "oculto.docx", p(TITLE) + p(OBJETO) + hidden + p(RESCISION))
    assert "HONORARIOS" not in read_document(path).text


def test_content_controls_count_but_not_a_table_of_contents(tmp_path):
    toc = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
           f"<w:sdtContent>{p('SEGUNDA. HONORARIOS Y FORMA DE PAGO 2')}</w:sdtContent></w:sdt>")
    control = f"<w:sdt><w:sdtPr/><w:sdtContent>{p(PAGO)}</w:sdtContent></w:sdt>"
    doc = read_document(body_docx(tmp_path / "controles.docx", p(TITLE) + toc + p(OBJETO) + control + p(RESCISION)))
    assert [b.text for b in doc.blocks] == CONTRACT


def test_a_healthy_docx_reads_as_before(tmp_path):
    path = rewrite_zip(base_docx(tmp_path / "base.docx"), tmp_path / "sano.docx")
    with pytest.raises(ContratosError) as info:  # python-docx's default document has no text
        read_document(path)
    assert info.value.code == "empty"
    path = body_docx(tmp_path / "contrato.docx", contract_body())
    assert [b.text for b in read_document(path).blocks] == CONTRACT
