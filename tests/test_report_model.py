"""The renderers read only the Report (issue 12, item 5): the suggested clauses are written when the
report is made, for its perspective and the parties' names; the report keeps the playbook as data, not
the Playbook object; domain code takes its wording from words.py, never from formatters/; and `scan`
sends a small typed record from its workers, whose decisions are the Report's own."""
from __future__ import annotations

import ast
import json
import pickle
import zipfile

import pytest
from click.testing import CliRunner

from contratos.api import check_file, check_text
from contratos.carta import write_letter
from contratos.cli import cli
from contratos.config import Playbook
from contratos.formatters import render
from contratos.report import CheckResult, Report
from contratos.scanrecord import ScanRecord

from .builders import make_docx
from .conftest import ROOT, SAMPLES

SOURCE = ROOT / "src" / "contratos"

TRANSLATION = [
    ("h1", "CONTRATO DE PRESTACIÓN DE SERVICIOS DE TRADUCCIÓN"),
    ("p", "Entre Ediciones Río Claro S.A., en adelante LA EDITORIAL, y Marta Ibáñez, en adelante LA TRADUCTORA, "
          "se acuerda lo siguiente."),
    ("p", "PRIMERA. OBJETO. LA TRADUCTORA traducirá del inglés al español la novela «El faro del norte», de unas "
          "320 páginas, y entregará el texto revisado en formato Word."),
    ("p", "SEGUNDA. PAGO. LA EDITORIAL pagará a LA TRADUCTORA 4.800 euros, la mitad a la firma y la otra mitad "
          "dentro de los 30 días siguientes a la entrega."),
    ("p", "TERCERA. PLAZO. La entrega será el 15 de marzo de 2027."),
]
TEXT = "\n\n".join(text for _, text in TRANSLATION)


@pytest.fixture(scope="module")
def contract(tmp_path_factory):
    return make_docx(tmp_path_factory.mktemp("modelo") / "traduccion.docx", TRANSLATION)


@pytest.fixture(scope="module")
def client_playbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("reglas") / "contratos.toml"
    path.write_text('perspectiva = "cliente"\n[umbrales]\npreaviso_minimo_dias = 45\n', encoding="utf-8")
    return path


def _gap(report: Report, check_id: str) -> CheckResult:
    check = next(c for c in report.checks if c.id == check_id)
    assert check.is_gap, (check_id, check.status)
    return check


def test_the_clauses_are_written_when_the_report_is_made_for_its_side_and_parties():
    provider = check_text(TEXT)
    client = check_text(TEXT, config=Playbook(perspective="cliente", min_notice_days=45))
    # the contract's own names, never the generic EL PRESTADOR / EL CLIENTE
    assert "LA TRADUCTORA actuará con plena autonomía" in _gap(provider, "independencia").clause
    assert "EL PRESTADOR" not in _gap(provider, "obligaciones_cliente").clause
    # the playbook's threshold fills its blank; without it the blank stays
    assert "con 45 días de antelación" in _gap(client, "rescision").clause
    assert "con [n] días de antelación" in _gap(provider, "rescision").clause
    # the client's side proposes another late-payment clause than the provider's
    assert "LA TRADUCTORA no podrá suspender los servicios" in _gap(client, "mora").clause
    assert "no podrá suspender" not in _gap(provider, "mora").clause
    assert (provider.perspective, client.perspective) == ("prestador", "cliente")
    assert all(not c.clause and not c.advice for c in provider.checks if not c.is_gap)


def test_a_check_without_a_clause_gets_advice_instead():
    blanks = TEXT.replace("4.800 euros", "__________ euros")
    check = _gap(check_text(blanks), "campos_vacios")
    assert check.clause == "" and check.advice.startswith("No hace falta una cláusula nueva: complete cada espacio")


def test_an_explicit_perspective_without_a_playbook_words_the_letter_for_that_side():
    alone = check_text(TEXT, perspective="cliente")
    with_playbook = check_text(TEXT, config=Playbook(perspective="cliente"))
    assert alone.perspective == "cliente"
    assert write_letter(alone, "negociar") == write_letter(with_playbook, "negociar")
    assert write_letter(alone, "negociar") != write_letter(check_text(TEXT), "negociar")


def test_the_renderers_print_the_clause_the_report_holds():
    report = check_text(TEXT)
    mine = "LA EDITORIAL podrá terminar el contrato avisando con [plazo propio] de antelación."
    _gap(report, "rescision").clause = mine
    html = render(report, "html")
    assert "LA EDITORIAL podrá terminar el contrato avisando con <span class=\"hueco\">[plazo propio]</span>" in html
    assert f"Propuesta de redacción: «{mine}»" in write_letter(report, "negociar")
    from contratos.anotar import summary_comment

    assert f"«{mine}»" in summary_comment(report, [], [_gap(report, "rescision")])


def test_rendering_reads_no_check_file_and_no_template(monkeypatch, contract):
    report = check_file(contract, config=Playbook(perspective="cliente", min_notice_days=45))
    expected = {fmt: render(report, fmt) for fmt in ("text", "markdown", "html", "json")}

    def refuse(*args, **kwargs):
        raise AssertionError("a renderer read patterns/ or plantillas/")

    import contratos.patterns
    import contratos.plantillas

    # the registry's words (the core checks' names, read once and cached) may be looked up; no file is read
    for module, name in ((contratos.patterns, "_read"), (contratos.patterns, "_read_rules"),
                         (contratos.plantillas, "load"), (contratos.plantillas, "load_for")):
        monkeypatch.setattr(module, name, refuse)
    assert {fmt: render(report, fmt) for fmt in expected} == expected
    assert "con 45 días de antelación" in expected["html"]
    from contratos.anotar import finding_comment

    assert "con 45 días de antelación" in finding_comment(_gap(report, "rescision"), report)


def test_the_cli_report_letter_and_comments_propose_the_same_clause(tmp_path, contract, client_playbook):
    runner = CliRunner()
    config = ["--config", str(client_playbook)]
    clause = _gap(check_file(contract, config=Playbook(perspective="cliente", min_notice_days=45)), "mora").clause
    assert "LA TRADUCTORA no podrá suspender los servicios" in clause
    html = runner.invoke(cli, ["check", "-f", "html", *config, str(contract)])
    assert html.exit_code == 1 and clause.split(" [")[0] in html.stdout
    letter = runner.invoke(cli, ["carta", "--tipo", "negociar", "--hasta", "baja", *config, str(contract)])
    assert letter.exit_code == 0 and clause in letter.stdout
    annotated = tmp_path / "anotado.docx"
    result = runner.invoke(cli, ["anotar", "-o", str(annotated), *config, str(contract)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(annotated) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    assert "no podrá suspender los servicios" in comments


def test_the_report_keeps_the_playbook_as_data(contract, client_playbook):
    from contratos.config import load_config

    playbook = load_config(str(client_playbook))
    report = check_file(contract, config=playbook)
    assert not hasattr(report, "config")
    assert report.to_dict()["playbook"] == playbook.to_dict()
    assert report.to_dict()["playbook"]["source"] == str(client_playbook)
    # what crosses a process boundary (the web's workers, without the parsed file) keeps it
    report.document = None
    assert pickle.loads(pickle.dumps(report)).to_dict()["playbook"] == playbook.to_dict()
    assert check_text(TEXT).to_dict()["playbook"]["description"] == "por omisión"


def test_a_json_report_reads_back_as_the_same_report():
    for path in (SAMPLES / "rescision_unilateral_mx_traduccion.pdf", SAMPLES / "completo_ar_diseno.docx"):
        data = check_file(path).to_dict()
        assert Report.from_dict(json.loads(json.dumps(data))).to_dict() == data
    with pytest.raises(KeyError):
        Report.from_dict({"archivo": "x"})


def test_the_scan_record_carries_the_reports_own_decisions():
    report = check_text(TEXT, config=Playbook(severities=(("rescision", "media"), ("mora", "baja"),
                                                          ("modificaciones", "baja"), ("independencia", "baja"),
                                                          ("obligaciones_cliente", "baja"))))
    record = pickle.loads(pickle.dumps(ScanRecord.of(report)))  # it crosses process and Dask boundaries
    assert json.loads(record.report_json) == report.to_dict()
    assert record.gap_ids == tuple(c.id for c in report.gaps)
    # rescisión is missing at "media": it fails the gate from --fail-on media down, not at alta
    assert [record.fails(level) for level in ("alta", "media", "baja")] == [False, True, True]
    assert record.fails("alta") == bool(report.failing("alta"))
    assert record.core == "gap" and record.core_not_reviewed == ()
    disabled = ScanRecord.of(check_text(TEXT, config=Playbook(disabled=frozenset({"rescision"}))))
    assert disabled.core == "resolved" and disabled.core_not_reviewed == ("rescision",)
    other = ScanRecord.of(check_text("Receta de bizcocho de limón.\n\nMezcle la harina con el azúcar y hornee."))
    assert other.core == "not_contract"


def test_scan_writes_the_records_the_workers_sent(tmp_path, contract):
    folder = tmp_path / "carpeta"
    folder.mkdir()
    make_docx(folder / "traduccion.docx", TRANSLATION)
    (folder / "roto.pdf").write_bytes(b"%PDF-1.4 esto no es un PDF completo")
    result = CliRunner().invoke(cli, ["scan", "-j", "1", "-f", "jsonl", "--sin-config", str(folder)])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    by_name = {line["file"].rsplit("/", 1)[-1]: line for line in lines}
    assert result.exit_code == 2 and set(by_name) == {"traduccion.docx", "roto.pdf"}
    assert by_name["roto.pdf"]["readable"] is False
    expected = check_file(folder / "traduccion.docx", config=Playbook(origin="none")).to_dict()
    assert by_name["traduccion.docx"]["checks"] == expected["checks"]
    assert by_name["traduccion.docx"]["summary"] == expected["summary"]


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
            names.update(f"{'.' * node.level}{node.module + '.' if node.module else ''}{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_domain_code_takes_no_wording_from_the_renderers_and_they_load_no_data():
    renderers = {"cli.py", "anotar.py"}  # the command line and the Word comments render reports
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE)
        if relative.parts[0] in ("formatters", "web", "commands") or path.name in renderers:
            continue
        assert not any("formatters" in name for name in _imports(path)), relative
    # the renderers may ask the registry for the core checks' ids and words (read once, cached); they
    # load no check file and no template
    allowed = {"..patterns", "..patterns.checks", "..patterns.core_ids"}
    for path in (SOURCE / "formatters").glob("*.py"):
        assert not any("plantillas" in name or ("patterns" in name and name not in allowed)
                       for name in _imports(path)), path.name
