"""`contratos anotar`: a copy of the contract with a Word comment on each finding's paragraph."""
from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from contratos.cli import cli

from .conftest import run_cli
from .drafts import DELETED, HEADER, INSERTED, RESCISION_WEAK, designer_docx, draft, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(p) -> str:
    """The text of a w:p as Word shows it (deleted text is w:delText, not w:t)."""
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _xml(path, part: str):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


def anchored_comments(path) -> dict[str, dict]:
    """Comment text -> {"paragraph": text of the w:p holding the range, "in_table": bool, "author": ...},
    read back from word/document.xml and word/comments.xml of the written file."""
    body = _xml(path, "word/document.xml")
    comments = _xml(path, "word/comments.xml")
    texts = {c.get(f"{W}id"): ("\n".join(_text(p) for p in c.iter(f"{W}p")),
                               c.get(f"{W}author")) for c in comments.iter(f"{W}comment")}
    out = {}
    for start in body.iter(f"{W}commentRangeStart"):
        cid = start.get(f"{W}id")
        p = start.getparent()
        while p.tag != f"{W}p":
            p = p.getparent()
        ends = [e for e in p.iter(f"{W}commentRangeEnd") if e.get(f"{W}id") == cid]
        refs = [r for r in p.iter(f"{W}commentReference") if r.get(f"{W}id") == cid]
        assert ends and refs, "the range starts and ends in the same paragraph, with its reference"
        text, author = texts[cid]
        in_table = any(a.tag == f"{W}tc" for a in p.iterancestors())
        out[text] = {"paragraph": _text(p), "in_table": in_table, "author": author}
    assert len(out) == len(texts)
    return out


def _one(comments: dict, starting: str) -> dict:
    found = [(text, where) for text, where in comments.items() if text.startswith(starting)]
    assert len(found) == 1, (starting, list(comments))
    return {"text": found[0][0], **found[0][1]}


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anotar")
    source = designer_docx(folder / "borrador del cliente.docx")
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    result = run_cli("anotar", str(source))  # the default output, beside the input
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before  # the input is never modified
    return source, folder / "borrador del cliente.anotado.docx", result


def test_the_copy_has_a_comment_on_each_finding_paragraph(annotated):
    source, output, result = annotated
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"Copia anotada: {output}") and "3 comentarios" in result.stdout
    comments = anchored_comments(output)
    assert {c["author"] for c in comments.values()} == {"contratos"}
    summary = _one(comments, "Revisión de contratos:")
    assert summary["paragraph"] == "CONTRATO DE LOCACIÓN DE SERVICIOS DE DISEÑO"  # the first paragraph
    rescision = _one(comments, "Rescisión (salida del contrato): débil (prioridad alta)")
    assert rescision["paragraph"] == RESCISION_WEAK
    # status, why it matters, what to ask and the clause, in the contract's own names
    assert "Por qué importa: " in rescision["text"] and "Qué pedir: " in rescision["text"]
    assert "solo EL COMITENTE puede terminar sin causa" in rescision["text"]
    assert "En tal caso, EL COMITENTE pagará los servicios efectivamente prestados" in rescision["text"]
    assert "[n] días de antelación" in rescision["text"]
    pago = _one(comments, "Pago (honorarios, monto y plazo): débil")
    assert pago["in_table"] and pago["paragraph"] == "Honorarios totales"  # the row's first cell
    assert "EL COMITENTE pagará a LA DISEÑADORA, en concepto de honorarios" in pago["text"]
    for text in comments:
        assert "EL PRESTADOR" not in text and "EL CLIENTE" not in text


def test_missing_clauses_go_in_the_summary_with_the_text_to_add(annotated):
    _, output, _ = annotated
    summary = _one(anchored_comments(output), "Revisión de contratos:")["text"]
    for name in ("Intereses por pago tardío", "Cambios solo por escrito", "Obligaciones del cliente"):
        assert f"Falta: {name}" in summary
    assert "Texto que puede añadir (complete los datos entre corchetes): «Las facturas no pagadas" in summary
    assert "LA DISEÑADORA podrá suspender los servicios" in summary
    assert "EL COMITENTE se obliga a proporcionar a LA DISEÑADORA" in summary


def test_tracked_changes_header_table_and_styles_are_kept(annotated):
    import docx

    source, output, _ = annotated
    copy, original = docx.Document(str(output)), docx.Document(str(source))
    body = _xml(output, "word/document.xml")
    assert [t.text for t in body.iter(f"{W}ins") for t in t.iter(f"{W}t")] == [INSERTED, RESCISION_WEAK]
    assert [t.text for t in body.iter(f"{W}del") for t in t.iter(f"{W}delText")] == [DELETED]
    assert copy.sections[0].header.paragraphs[0].text == HEADER
    assert [[c.text for c in row.cells] for row in copy.tables[0].rows] == \
        [[c.text for c in row.cells] for row in original.tables[0].rows]
    assert [p.style.name for p in copy.paragraphs] == [p.style.name for p in original.paragraphs]
    assert [p.text for p in copy.paragraphs] == [p.text for p in original.paragraphs]
    # the comment on a paragraph made only of a tracked insertion spans it from outside the w:ins
    inserted = next(p for p in body.iter(f"{W}p") if _text(p) == RESCISION_WEAK)
    assert [child.tag for child in inserted][-4:-2] == [f"{W}ins", f"{W}r"]
    assert inserted.find(f"{W}commentRangeStart") is not None and inserted.find(f"{W}ins/{W}commentRangeStart") is None
    assert len(copy.comments) == 3


def test_the_comments_change_nothing_the_checks_read(annotated):
    """Checking the annotated copy gives the same findings as the original: the comments are not text."""
    source, output, _ = annotated
    runner = CliRunner()
    first = runner.invoke(cli, ["check", str(source), "-f", "json"])
    again = runner.invoke(cli, ["check", str(output), "-f", "json"])
    import json

    strip = lambda out: [(c["id"], c["status"], [e["text"] for e in c["evidence"]])
                         for c in json.loads(out)["checks"]]
    assert first.exit_code == again.exit_code == 1 and strip(first.output) == strip(again.output)


def test_libreoffice_opens_the_annotated_copy(annotated, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) no está instalado: no se comprueba la conversión a PDF")
    _, output, _ = annotated
    profile = f"-env:UserInstallation=file://{tmp_path / 'perfil'}"  # never the user's LibreOffice profile
    for target in ("pdf", "odt"):
        subprocess.run([soffice, profile, "--headless", "--convert-to", target, "--outdir", str(tmp_path),
                        str(output)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (output.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    # LibreOffice read the comments themselves: its own file has them as annotations, by "contratos"
    odt = etree.fromstring(zipfile.ZipFile(tmp_path / (output.stem + ".odt")).read("content.xml"))
    office, dc = "urn:oasis:names:tc:opendocument:xmlns:office:1.0", "http://purl.org/dc/elements/1.1/"
    notes = odt.findall(f".//{{{office}}}annotation")
    assert len(notes) == 3 and {n.findtext(f"{{{dc}}}creator") for n in notes} == {"contratos"}
    assert any("Rescisión (salida del contrato): débil" in "".join(n.itertext()) for n in notes)


def test_other_formats_get_a_new_docx_with_headings_and_comments(tmp_path):
    import docx

    source = write(tmp_path / "contrato.txt", draft(late=False, termination="client"))
    output = tmp_path / "salida.docx"
    result = CliRunner().invoke(cli, ["anotar", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    written = docx.Document(str(output))
    headings = [p.text for p in written.paragraphs if p.style.name.startswith("Heading")]
    assert "CUARTA. RESCISIÓN" in headings and "PRIMERA. OBJETO" in headings
    comments = anchored_comments(output)
    assert _one(comments, "Rescisión (salida del contrato): débil")["paragraph"] == RESCISION_WEAK
    summary = _one(comments, "Revisión de contratos:")
    assert summary["paragraph"] == "CONTRATO DE LOCACIÓN DE SERVICIOS DE DISEÑO"
    assert "Falta: Intereses por pago tardío" in summary["text"]


def test_the_playbook_and_the_perspective_are_respected(tmp_path):
    source = designer_docx(tmp_path / "c.docx")
    config = tmp_path / "contratos.toml"
    config.write_text('perspectiva = "cliente"\n[comprobaciones]\ndesactivar = ["mora"]\n', encoding="utf-8")
    output = tmp_path / "cliente.docx"
    result = CliRunner().invoke(cli, ["anotar", str(source), "-o", str(output), "--config", str(config)])
    assert result.exit_code == 0, result.output
    comments = anchored_comments(output)
    summary = _one(comments, "Revisión de contratos:")["text"]
    assert "Intereses por pago tardío" not in summary  # disabled: neither a finding nor a status
    # the client's side: a payment at 90 days is not a problem for the one who pays
    assert not any(text.startswith("Pago") for text in comments)


def test_bad_output_and_bad_input_end_with_one_spanish_line(tmp_path):
    source = designer_docx(tmp_path / "c.docx")
    before = source.read_bytes()
    same = run_cli("anotar", str(source), "-o", str(source))
    assert same.returncode == 2 and "es el mismo archivo que el contrato" in same.stderr
    assert len(same.stderr.strip().splitlines()) == 1 and source.read_bytes() == before
    runner = CliRunner()
    pdf = runner.invoke(cli, ["anotar", str(source), "-o", str(tmp_path / "x.pdf")])
    assert pdf.exit_code == 2 and "terminado en .docx" in pdf.output
    nowhere = runner.invoke(cli, ["anotar", str(source), "-o", str(tmp_path / "no" / "x.docx")])
    assert nowhere.exit_code == 2 and "no existe" in nowhere.output
    broken = tmp_path / "roto.docx"
    broken.write_bytes(b"PK\x03\x04 esto no es un docx")
    bad = runner.invoke(cli, ["anotar", str(broken)])
    assert bad.exit_code == 2 and "roto.docx" in bad.output and not (tmp_path / "roto.anotado.docx").exists()


def test_the_clients_own_comments_stay(tmp_path):
    import docx

    source = designer_docx(tmp_path / "con-comentario.docx")
    client = docx.Document(str(source))
    client.add_comment(client.paragraphs[1].runs, text="¿Le parece bien el plazo?", author="Marta Quiroga",
                       initials="MQ")
    client.save(str(source))
    output = tmp_path / "anotado.docx"
    assert CliRunner().invoke(cli, ["anotar", str(source), "-o", str(output)]).exit_code == 0
    comments = anchored_comments(output)
    assert comments["¿Le parece bien el plazo?"]["author"] == "Marta Quiroga"
    assert sum(c["author"] == "contratos" for c in comments.values()) == 3
