"""`contratos web` through FastAPI's test client: every route and every error, compared with what the
command line prints for the same file and settings (one report model, the same formatters)."""
from __future__ import annotations

import json
import os
import shutil
import signal

import pytest

from contratos.web.analysis import client_name, safe_suffix
from contratos.web.security import host_name

from .conftest import ROOT, SAMPLES, run_cli

PDF = SAMPLES / "rescision_unilateral_mx_traduccion.pdf"  # rescision weak, mora and modificaciones missing
DOCX = SAMPLES / "completo_ar_diseno.docx"
BLANKS = SAMPLES / "pago_en_blanco_co_software.pdf"
LABOUR = ROOT / "eval" / "documents" / "b_02_laboral_gt_contador.docx"  # a contrato de trabajo, not services
# starlette >= 1 prefers httpx2 for its test client; httpx (which older ones need) still works
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
HOSTS = {"testserver", "127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def analyser():
    from contratos.web.analysis import Analyser

    engine = Analyser(jobs=1, timeout=60)
    yield engine
    engine.close()
    assert not engine.folder.exists()


def client_for(analyser, **options):
    from fastapi.testclient import TestClient

    from contratos.web.app import create_app

    return TestClient(create_app(analyser, options.pop("hosts", HOSTS), **options), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(analyser):
    return client_for(analyser)


def upload(path, name=None, **fields):
    return {"files": {"archivo": (name or path.name, path.read_bytes())}, "data": fields}


def cli_in(tmp_path, *args, files=()):
    """Run the CLI in tmp_path on copies of `files` under their own names (so "file" is the same)."""
    for path in files:
        shutil.copy(path, tmp_path / path.name)
    return run_cli(*args, cwd=tmp_path)


# ---- the page, its assets and the docs ------------------------------------------------------------

def test_page_is_spanish_self_contained_and_strictly_secured(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<html lang="es">' in page and "Suelte aquí uno o varios contratos" in page and "hasta 50 MB" in page
    assert '<script src="/recursos/app.js" defer></script>' in page and "<script>" not in page
    assert "http://" not in page and "https://" not in page and "style=" not in page
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["x-frame-options"] == "DENY"


def test_assets_are_served_by_the_app(client):
    script = client.get("/recursos/app.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "/api/checklist?formato=html" in script.text and "localStorage" in script.text
    style = client.get("/recursos/app.css")
    assert style.headers["content-type"].startswith("text/css")
    assert ".veredicto{" in style.text and "mark:target" in style.text  # the HTML report's own style first
    missing = client.get("/recursos/../app.py")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert client.get("/recursos/otro.js").json()["error"]["message"] == "esta dirección no existe en contratos web"


def test_docs_in_spanish_from_the_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/api/check", "/api/checklist", "/api/carta", "/api/exportar"}
    docs = client.get("/docs")
    assert docs.status_code == 200 and "<script" not in docs.text
    for text in ("POST /api/check", "POST /api/checklist", "POST /api/carta", "POST /api/exportar",
                 "<code>archivo</code> (obligatorio)", "<code>perspectiva</code>", "<code>respuestas</code>"):
        assert text in docs.text


# ---- /api/check --------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", [PDF, DOCX], ids=lambda p: p.suffix)
def test_check_is_the_same_json_as_the_cli(client, tmp_path, sample):
    response = client.post("/api/check", **upload(sample))
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    cli = cli_in(tmp_path, "check", sample.name, "--format", "json", files=[sample])
    assert response.text == cli.stdout
    assert json.loads(response.text)["schema_version"] == 1


def test_check_html_is_the_cli_html_report(client, tmp_path):
    response = client.post("/api/check?formato=html", **upload(PDF))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.text == cli_in(tmp_path, "check", PDF.name, "--format", "html", files=[PDF]).stdout


def test_settings_are_the_playbook_of_the_cli(client, tmp_path):
    """preaviso_minimo_dias and the perspective from the page give what --config gives."""
    (tmp_path / "ajustes.toml").write_text('perspectiva = "cliente"\n[umbrales]\npreaviso_minimo_dias = 45\n'
                                           'interes_mora_mensual = 2.0\n')
    response = client.post("/api/check", **upload(BLANKS, perspectiva="cliente", preaviso_minimo_dias="45",
                                                  interes_mora_mensual="2", plazo_pago_maximo_dias=""))
    cli = cli_in(tmp_path, "check", BLANKS.name, "--format", "json", "--config", "ajustes.toml", files=[BLANKS])
    web, terminal = response.json(), json.loads(cli.stdout)
    assert web.pop("playbook") == {"source": None, "origin": "web",
                                   "description": "los ajustes de la página de contratos web"}
    terminal.pop("playbook")
    assert web == terminal
    default = client.post("/api/check", **upload(BLANKS)).json()
    assert response.json()["checks"] != default["checks"]  # the settings did change the findings


@pytest.mark.parametrize("fields, message", [
    ({"perspectiva": "abogado"}, "el campo 'perspectiva' no admite 'abogado'; valores válidos: prestador, cliente"),
    ({"preaviso_minimo_dias": "treinta"}, "el campo 'preaviso_minimo_dias' no admite 'treinta'; debe ser un número "
                                          "entero de días"),
    ({"preaviso_minimo_dias": "400"}, "'umbrales.preaviso_minimo_dias' no admite 400; debe ser un número entero de "
                                      "días entre 0 y 365. Corrija los ajustes de la página"),
    ({"perspectiva": "cliente", "plazo_pago_maximo_dias": "30"}, "no se aplica con perspectiva = \"cliente\""),
    ({"exigir_intereses_mora": "quizá"}, "el campo 'exigir_intereses_mora' no admite 'quizá'; valores válidos: "
                                         "true o false"),
])
def test_bad_settings_get_422_with_a_spanish_message(client, fields, message):
    response = client.post("/api/check", **upload(PDF, **fields))
    assert response.status_code == 422 and response.json()["error"]["code"] == "bad_setting"
    assert message in response.json()["error"]["message"]


@pytest.mark.parametrize("name, content", [
    ("contrato.docx", b"PK\x03\x04 esto no es un docx de verdad, solo lo parece " * 20),
    ("vacio.pdf", b""),
    ("hoja.xlsx", b"columna;importe\n1;2\n"),
])
def test_unreadable_file_gets_422_with_the_cli_code_and_message(client, tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    response = client.post("/api/check", files={"archivo": (name, content)})
    assert response.status_code == 422
    cli = run_cli("check", name, "--format", "json", cwd=tmp_path)
    assert cli.returncode == 2 and response.text == cli.stdout
    body = response.json()
    assert body["readable"] is False and body["checks"] == []
    assert f"contratos: {name}: {body['error']['message']}\n" == cli.stderr


def test_client_file_names_are_never_paths(client, analyser, tmp_path):
    outside = tmp_path / "fuera.txt"
    name = f"../../{tmp_path.name}/fuera.txt"
    response = client.post("/api/check", files={"archivo": (name, DOCX.read_bytes())})
    assert response.status_code == 200 and response.json()["file"] == "fuera.txt"
    assert response.json()["format"] == "docx"  # read by its content, under the server's own name
    assert not outside.exists() and str(analyser.folder) not in response.text
    assert list(analyser.folder.iterdir()) == []  # the upload was deleted right after the analysis


def test_missing_file_field_is_400(client):
    response = client.post("/api/check", data={"perspectiva": "cliente"})
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "bad_request", "message": "falta el campo 'archivo'"}
    assert client.post("/api/check?formato=pdf", **upload(PDF)).json()["error"]["message"] == \
        "el campo 'formato' no admite 'pdf'; valores válidos: json, html"


# ---- /api/checklist -------------------------------------------------------------------------------

GOOD = {"paga_a_tiempo": "si", "respeta_experiencia": "si", "cambia_tarifas": "no", "trata_como_empleado": "no",
        "plazos_realistas": "si", "da_informacion": "si", "dentro_especialidad": "si"}


def test_checklist_answers_change_the_verdict(client):
    def verdict(answers):
        response = client.post("/api/checklist", **upload(DOCX, respuestas=json.dumps(answers)))
        assert response.status_code == 200
        return response.json()

    calm = verdict(GOOD)
    assert calm["veredicto"] == "firmar" and calm["informe"]["file"] == DOCX.name
    alarm = verdict({**GOOD, "paga_a_tiempo": "no"})
    assert alarm["veredicto"] == "no_aceptar" and alarm["etiqueta"] == "no aceptar"
    assert any("no paga a tiempo" in reason for reason in alarm["motivos"])
    doubt = verdict({**GOOD, "plazos_realistas": "no_se"})
    assert doubt["veredicto"] == "negociar"
    pending = verdict({})
    assert all(q["respuesta"] is None for q in pending["preguntas"]) and pending["notas"]


def test_checklist_html_and_markdown_are_the_cli_output(client, tmp_path):
    answers = {"paga_a_tiempo": "si", "cambia_tarifas": "si"}
    (tmp_path / "respuestas.toml").write_text("paga_a_tiempo = true\ncambia_tarifas = true\n")
    for fmt in ("html", "markdown"):
        response = client.post(f"/api/checklist?formato={fmt}", **upload(PDF, respuestas=json.dumps(answers)))
        cli = cli_in(tmp_path, "checklist", PDF.name, "--format", fmt, "--respuestas", "respuestas.toml", files=[PDF])
        assert response.status_code == 200 and response.text == cli.stdout
    assert '<p class="veredicto negociar">negociar antes de firmar</p>' in response.text or fmt == "markdown"


def test_checklist_of_a_document_that_is_not_a_service_contract(client):
    response = client.post("/api/checklist", **upload(LABOUR))
    assert response.status_code == 422 and response.json()["error"]["code"] == "sin_veredicto"
    assert "contrato de trabajo" in response.json()["error"]["message"]
    forced = client.post("/api/checklist", **upload(LABOUR, forzar="true"))
    assert forced.status_code == 200 and forced.json()["veredicto"] in ("firmar", "negociar", "no_aceptar")


@pytest.mark.parametrize("answers, message", [
    ("sí a todo", "'respuestas' debe ser un objeto JSON"),
    ('["si"]', "'respuestas' debe ser un objeto JSON"),
    ('{"le_cae_bien": "si"}', "pregunta desconocida 'le_cae_bien'; preguntas válidas: paga_a_tiempo"),
    ('{"paga_a_tiempo": true}', "la respuesta a 'paga_a_tiempo' no admite true; valores válidos"),
])
def test_bad_answers_get_422(client, answers, message):
    response = client.post("/api/checklist", **upload(PDF, respuestas=answers))
    assert response.status_code == 422 and message in response.json()["error"]["message"]


def test_unreadable_file_in_checklist_and_letter_is_the_same_422(client):
    for route, extra in (("/api/checklist", {}), ("/api/carta", {"tipo": "negociar"})):
        response = client.post(route, files={"archivo": ("roto.pdf", b"%PDF-1.4 roto")}, data=extra)
        assert response.status_code == 422 and response.json()["error"]["code"] == "corrupt"


# ---- /api/carta -----------------------------------------------------------------------------------

def test_letter_is_the_cli_letter(client, tmp_path):
    response = client.post("/api/carta", **upload(PDF, tipo="negociar", cliente="Traducciones del Norte",
                                                  firma="Lucía Paredes", hasta="baja"))
    assert response.status_code == 200
    cli = cli_in(tmp_path, "carta", PDF.name, "--tipo", "negociar", "--cliente", "Traducciones del Norte",
                 "--firma", "Lucía Paredes", "--hasta", "baja", files=[PDF])
    assert response.json()["carta"] == cli.stdout and response.json()["avisos"] == []
    decline = client.post("/api/carta", **upload(PDF, tipo="declinar", motivo="tiempo", recomendar="Marta Ruiz"))
    cli = cli_in(tmp_path, "carta", PDF.name, "--tipo", "declinar", "--motivo", "tiempo", "--recomendar",
                 "Marta Ruiz")
    assert decline.json()["carta"] == cli.stdout and "Marta Ruiz" in cli.stdout
    short = client.post("/api/carta", **upload(PDF, tipo="negociar", hasta="alta"))
    assert any("prioridad más baja que --hasta alta" in note for note in short.json()["avisos"])


@pytest.mark.parametrize("fields, message", [
    ({}, "falta el campo 'tipo'; valores válidos: negociar, declinar"),
    ({"tipo": "amenazar"}, "el campo 'tipo' no admite 'amenazar'"),
    ({"tipo": "declinar", "motivo": "dinero"}, "el campo 'motivo' no admite 'dinero'"),
    ({"tipo": "negociar", "hasta": "todas"}, "el campo 'hasta' no admite 'todas'; valores válidos: alta, media, baja"),
])
def test_bad_letter_options_get_422(client, fields, message):
    response = client.post("/api/carta", **upload(PDF, **fields))
    assert response.status_code == 422 and message in response.json()["error"]["message"]


def test_no_letter_for_a_document_that_is_not_a_service_contract(client):
    response = client.post("/api/carta", **upload(LABOUR, tipo="negociar"))
    assert response.status_code == 422 and response.json()["error"]["code"] == "sin_veredicto"


# ---- /api/exportar --------------------------------------------------------------------------------

def test_export_is_the_scan_csv_and_json(client, tmp_path):
    samples = [PDF, DOCX, SAMPLES / "sin_rescision_cl_contabilidad.txt"]
    reports = [client.post("/api/check", **upload(path)).json() for path in samples]
    (tmp_path / "roto.docx").write_bytes(b"PK\x03\x04 roto")
    reports.append(client.post("/api/check", files={"archivo": ("roto.docx", b"PK\x03\x04 roto")}).json())
    names = [p.name for p in samples] + ["roto.docx"]
    for fmt in ("csv", "json"):
        response = client.post("/api/exportar", json={"formato": fmt, "informes": reports})
        assert response.status_code == 200
        assert response.headers["content-disposition"] == f"attachment; filename=\"contratos.{fmt}\""
        cli_in(tmp_path, "scan", *names, "--format", fmt, "--jobs", "1", "-o", f"tabla.{fmt}", files=samples)
        assert response.content == (tmp_path / f"tabla.{fmt}").read_bytes()
    assert response.json()["summary"]["unreadable"] == 1


def test_export_refuses_what_is_not_a_report(client):
    bad = client.post("/api/exportar", json={"formato": "csv", "informes": [{"archivo": "x"}]})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad_reports"
    fmt = client.post("/api/exportar", json={"formato": "xlsx", "informes": []})
    assert fmt.status_code == 422 and "valores válidos: csv, json" in fmt.json()["error"]["message"]
    missing = client.post("/api/exportar", json={"formato": "csv"})
    assert missing.status_code == 400 and missing.json()["error"]["message"] == "falta el campo 'informes'"


# ---- security ---------------------------------------------------------------------------------------

def test_upload_over_the_limit_is_413(analyser):
    small = client_for(analyser, max_mb=0.01)  # 10 kB
    big = b"x" * 20_000
    response = small.post("/api/check", files={"archivo": ("grande.txt", big)})
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "too_large", "message": "el archivo supera el límite de 0.01 MB. Envíe un archivo más pequeño o "
                                        "arranque 'contratos web' con un --max-mb mayor"}

    def chunks():  # no Content-Length: counted while it streams
        for _ in range(10):
            yield b"y" * 4000

    streamed = small.post("/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413 and streamed.json()["error"]["code"] == "too_large"
    under = small.post("/api/check", files={"archivo": ("corto.txt", "Hola, esto es una nota breve.".encode())})
    assert under.status_code == 200 and under.json()["readable"] is True  # under the limit: analysed


def test_host_header_must_be_one_of_the_servers_names(client):
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example"):
        response = client.get("/", headers={"host": host})
        assert response.status_code == 400 and response.json()["error"]["code"] == "bad_host"
    page = client.get("/", headers={"host": "evil.example", "accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "No se puede abrir" in page.text
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_posts_must_come_from_the_page_itself(client):
    foreign = client.post("/api/check", headers={"origin": "http://evil.example"}, **upload(PDF))
    assert foreign.status_code == 403 and foreign.json()["error"]["code"] == "cross_origin"
    assert "http://evil.example" in foreign.json()["error"]["message"]
    assert client.post("/api/check", headers={"origin": "null"}, **upload(PDF)).status_code == 403
    cross = client.post("/api/check", headers={"sec-fetch-site": "cross-site"}, **upload(PDF))
    assert cross.status_code == 403
    own = client.post("/api/check", headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
                      **upload(PDF))
    assert own.status_code == 200


def test_token_when_one_is_set(analyser):
    guarded = client_for(analyser, token="clave-de-prueba-123")
    denied = guarded.get("/")
    assert denied.status_code == 403 and "?token=" in denied.json()["error"]["message"]
    assert guarded.get("/?token=otra-clave-000").status_code == 403
    opened = guarded.get("/?token=clave-de-prueba-123")
    assert opened.status_code == 200
    assert "contratos_token=clave-de-prueba-123; HttpOnly; SameSite=Strict" in opened.headers["set-cookie"]
    assert guarded.post("/api/check", **upload(PDF)).status_code == 200  # the cookie now carries it
    guarded.cookies.clear()
    assert guarded.post("/api/check", **upload(PDF)).status_code == 403
    bearer = guarded.post("/api/check", headers={"authorization": "Bearer clave-de-prueba-123"}, **upload(PDF))
    assert bearer.status_code == 200


def test_unknown_route_and_method_in_spanish(client):
    assert client.get("/api/nada").json() == {"error": {"code": "not_found",
                                                        "message": "esta dirección no existe en contratos web"}}
    wrong = client.get("/api/check")
    assert wrong.status_code == 405 and wrong.json()["error"]["message"] == "esta dirección no admite ese método"


def test_no_stack_trace_reaches_the_page(analyser, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("detalle interno /srv/secreto")

    monkeypatch.setattr(analyser, "report_for", broken)
    response = client_for(analyser).post("/api/check", **upload(PDF))
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal"
    assert "Traceback" not in response.text and "secreto" not in response.text and "RuntimeError" not in response.text


def test_a_worker_that_dies_is_replaced(client, analyser):
    """A crash in a C library kills a worker: the pool is started again and the file retried."""
    generation = analyser._generation
    for process in list(analyser._pool._processes.values()):
        os.kill(process.pid, signal.SIGKILL)
    response = client.post("/api/check", **upload(SAMPLES / "sin_pago_mx_marketing.docx"))
    assert response.status_code == 200 and response.json()["readable"] is True
    assert analyser._generation == generation + 1 and all(p.is_alive() for p in analyser._pool._processes.values())


# ---- helpers ----------------------------------------------------------------------------------------

def test_names_and_hosts():
    assert client_name("../../etc/passwd") == "passwd" and client_name("") == "contrato"
    assert client_name("C:\\docs\\Contrato final.PDF") == "Contrato final.PDF"
    assert client_name("con\ttrol\x07\u202e.txt") == "control.txt"
    assert safe_suffix("Contrato final.PDF") == ".pdf" and safe_suffix("x.p df") == "" and safe_suffix("x") == ""
    assert safe_suffix("a.tar.gz/../../x") == ""
    assert host_name("localhost:8000") == "localhost" and host_name("[::1]:80") == "::1"
    assert host_name("Ejemplo.COM.") == "ejemplo.com" and host_name(None) is None and host_name("[::1") is None
