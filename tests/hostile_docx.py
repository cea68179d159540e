"""Build hostile and unusual .docx files (and other formats) byte by byte for the reader tests:
hand-written WordprocessingML bodies, forged zip headers, DTDs, .odt, .rtf, .html and OLE2."""
from __future__ import annotations

import struct
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)

TITLE = "CONTRATO DE PRESTACIÓN DE SERVICIOS"
OBJETO = ("PRIMERA. OBJETO. El Prestador se obliga a diseñar el sitio web corporativo del Cliente, con cinco "
          "páginas y un formulario de contacto. Quedan excluidos el alojamiento y el mantenimiento; cualquier trabajo "
          "adicional se presupuestará y aprobará por escrito.")
PAGO = ("SEGUNDA. HONORARIOS Y FORMA DE PAGO. El Cliente pagará la cantidad de 3.000 euros mediante "
        "transferencia dentro de los 30 días siguientes a la recepción de la factura.")
RESCISION = ("TERCERA. RESCISIÓN. Cualquiera de las partes podrá resolver el presente contrato con un preaviso "
             "de 15 días naturales; los trabajos realizados hasta esa fecha serán abonados.")
CONTRACT = [TITLE, OBJETO, PAGO, RESCISION]


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def p(text: str = "", inner: str = "") -> str:
    """A w:p with one run of `text`, then raw `inner` markup."""
    run = f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{run}{inner}</w:p>"


def document_xml(body: str, prolog: str = "") -> bytes:
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n{prolog}"
            f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>").encode("utf-8")


def base_docx(path: Path) -> Path:
    import docx

    docx.Document().save(path)
    return path


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes] | None = None,
                edit: dict[str, callable] | None = None) -> Path:
    """Copy the zip at `src` to `dst`, replacing or adding parts (`replace`) or editing them (`edit`)."""
    replace, edit = dict(replace or {}), edit or {}
    with zipfile.ZipFile(src) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    for name, fn in edit.items():
        parts[name] = fn(parts[name])
    parts.update(replace)
    tmp = dst.with_suffix(dst.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    tmp.replace(dst)
    return dst


def body_docx(path: Path, body: str, prolog: str = "", extra: dict[str, bytes] | None = None) -> Path:
    """A real Word package (styles and all from python-docx) whose body is the given markup."""
    base_docx(path)
    return rewrite_zip(path, path, replace={"word/document.xml": document_xml(body, prolog), **(extra or {})})


def footnote_docx(path: Path, body: str, footnote: str) -> Path:
    """A .docx with a footnotes part holding footnote id 1 with the text `footnote`."""
    footnotes = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:footnotes {NAMESPACES}>"
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {esc(footnote)}'
                 "</w:t></w:r></w:p></w:footnote></w:footnotes>").encode()
    rel = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'footnotes" Target="footnotes.xml"/></Relationships>')
    override = ('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    body_docx(path, body, extra={"word/footnotes.xml": footnotes})
    return rewrite_zip(path, path, edit={
        "word/_rels/document.xml.rels": lambda b: b.replace(b"</Relationships>", rel.encode()),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", override.encode()),
    })


def text_box(paragraphs: list[str]) -> str:
    """A run anchoring a text box as Word 2010+ writes it: a DrawingML shape in mc:Choice and the
    same text again in a VML fallback."""
    inner = "".join(p(t) for t in paragraphs)
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox>'
            "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def tracked(kind: str, text: str) -> str:
    """A run of `text` inside a tracked change: ins, del, moveFrom or moveTo."""
    tag = "w:delText" if kind == "del" else "w:t"
    if kind == "moveFrom":  # the moved-from run keeps w:t, unlike a deletion
        tag = "w:t"
    return (f'<w:{kind} w:id="1" w:author="Revisor" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><{tag} xml:space="preserve">{esc(text)}</{tag}></w:r></w:{kind}>')


def patch_declared_size(path: Path, member: str, size: int) -> Path:
    """Overwrite the uncompressed size a zip declares for `member` (local and central headers)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    local = info.header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, size)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def set_encrypted_flag(path: Path, member: str) -> Path:
    """Mark `member` as encrypted with the zip format's own (weak) password scheme."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(member).header_offset
    data[local + 6] |= 1
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == member.encode():
            data[central + 8] |= 1
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def bomb_docx(path: Path, expanded: int) -> Path:
    """A real package whose document.xml truly expands to `expanded` bytes of compressible XML."""
    base_docx(path)
    with zipfile.ZipFile(path) as zin:
        parts = {n: zin.read(n) for n in zin.namelist() if n != "word/document.xml"}
    head = document_xml("<w:p><w:r><w:t>").split(b"<w:t>")[0] + b"<w:t>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
        with zout.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            chunk = b"a" * (4 * 1024 * 1024)
            for _ in range(expanded // len(chunk) + 1):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p><w:sectPr/></w:body></w:document>")
    return path


# --- other formats ---------------------------------------------------------------------------

ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def odt(path: Path, body: str, manifest_extra: str = "", content: bytes | None = None) -> Path:
    """An OpenDocument text package as LibreOffice writes it: mimetype first and stored."""
    xml = content if content is not None else (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODT_NS} office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>").encode()
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.text"/>'
                f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
                f"{manifest_extra}</manifest:file-entry></manifest:manifest>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        zf.writestr("content.xml", xml, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def rtf_escape(text: str) -> str:
    """RTF source for `text`: Latin-1 letters as \\'xx (cp1252), the rest as \\uN? escapes."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        elif ch in "áéíóúñÁÉÍÓÚÑüÜ":
            out.append("\\'%02x" % ch.encode("cp1252")[0])
        else:
            out.append("\\u%d?" % ord(ch))
    return "".join(out)


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole2(path: Path, stream_name: str = "WordDocument") -> Path:
    """The start of an OLE2 compound file (as legacy .doc and password-protected .docx files are),
    with a directory entry named `stream_name` in UTF-16LE as the format stores names."""
    header = OLE2_MAGIC + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE) + bytes(512 - 30)
    entry = stream_name.encode("utf-16-le") + b"\x00\x00"
    directory = entry.ljust(64, b"\x00") + struct.pack("<H", len(entry)) + bytes(128 - 66)
    path.write_bytes(header + directory.ljust(512, b"\x00") + bytes(1024))
    return path


def odt_contract(path, contract=CONTRACT):
    body = f'<text:h text:outline-level="1">{esc(contract[0])}</text:h>'
    body += "".join(f"<text:p>{esc(t)}</text:p>" for t in contract[1:])
    return odt(path, body)


def rtf_contract(path, contract=CONTRACT):
    source = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}"
              "{\\header\\pard CONFIDENCIAL - Borrador\\par}\n"
              + "".join("\\pard " + rtf_escape(t) + "\\par\n" for t in contract) + "}")
    path.write_text(source, encoding="ascii")
    return path


def html_contract(path, contract=CONTRACT, charset="utf-8"):
    page = (f'<!DOCTYPE html>\n<html lang="es"><head><meta charset="{charset}"><title>Contrato</title>'
            "<style>p { margin: 0 } .pago::after { content: 'El Cliente pagará' }</style></head><body>\n"
            f"<h1>{esc(contract[0])}</h1>\n" + "".join(f"<p>{esc(t)}</p>\n" for t in contract[1:])
            + "<script>document.title = 'SEGUNDA. PAGO. El Cliente pagará 10 euros.';</script></body></html>")
    path.write_bytes(page.encode(charset))
    return path
