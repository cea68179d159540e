"""`contratos web` as a real server: started on 127.0.0.1 on a free port in a subprocess, driven over
real sockets, stopped with SIGTERM. The upload limit before the body is read, the Host check, the
token, and a bounded load test (50 concurrent uploads, every answer checked, memory flat)."""
from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from contratos.web.server import access_token, allowed_names, url_of

from .conftest import SAMPLES, run_cli
from .webserver import running_server

httpx = pytest.importorskip("httpx")

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix != ".toml")


@pytest.fixture(scope="module")
def server():
    with running_server("--max-mb", "1", "--jobs", "2") as running:
        yield running


def raw_request(port: int, head: bytes, body_parts=(), wait: float = 30) -> bytes:
    """Send a request over a plain socket, the body in parts, and return what the server answers.
    Stops sending as soon as an answer arrives."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(head)
        answer = b""
        sock.settimeout(0.05)
        for part in body_parts:
            try:
                answer += sock.recv(65536)
            except (socket.timeout, BlockingIOError):
                pass
            if answer:
                break
            try:
                sock.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break
        sock.settimeout(wait)
        try:
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        return answer


def test_page_and_check_over_a_real_socket(server, tmp_path):
    page = httpx.get(server.url)
    assert page.status_code == 200 and "Revise un contrato antes de firmarlo" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    sample = SAMPLES / "completo_es_consultoria_multipagina.pdf"
    response = httpx.post(f"{server.base}/api/check", files={"archivo": (sample.name, sample.read_bytes())},
                          timeout=120)
    (tmp_path / sample.name).write_bytes(sample.read_bytes())
    assert response.status_code == 200
    assert response.text == run_cli("check", sample.name, "--format", "json", cwd=tmp_path).stdout
    assert server.upload_folders() and not any(server.upload_folders()[0].iterdir())  # nothing left behind


def test_413_from_content_length_before_the_body_arrives(server):
    head = (f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Type: multipart/form-data; "
            f"boundary=x\r\nContent-Length: {60_000_000}\r\n\r\n").encode()
    answer = raw_request(server.port, head, [b"--x\r\n"])  # 5 bytes of the 60 MB announced, then we wait
    assert answer.startswith(b"HTTP/1.1 413 ")
    body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    assert body["error"]["code"] == "too_large" and "supera el límite de 1 MB" in body["error"]["message"]


def test_413_while_a_chunked_upload_streams(server):
    """No Content-Length: the server counts and answers 413 once 1 MB has passed, although the body
    never ends (the last chunk is never sent)."""
    head = (f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Type: multipart/form-data; "
            "boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    part = (b"--x\r\nContent-Disposition: form-data; name=\"archivo\"; filename=\"grande.txt\"\r\n"
            b"Content-Type: text/plain\r\n\r\n")
    chunks = [b"%x\r\n%s\r\n" % (len(data), data) for data in [part] + ["Una cláusula. ".encode().ljust(65536, b"a")] * 40]
    answer = raw_request(server.port, head, chunks)  # 2.6 MB at most, with no terminating chunk
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b'"too_large"' in answer


def test_a_host_that_is_not_the_server_is_refused(server):
    head = f"GET / HTTP/1.1\r\nHost: rebinding.example:{server.port}\r\nConnection: close\r\n\r\n".encode()
    answer = raw_request(server.port, head)
    assert answer.startswith(b"HTTP/1.1 400 ") and b'"bad_host"' in answer


def test_fifty_concurrent_uploads_all_answered_correctly_memory_flat(server):
    from contratos import check_file

    expected = {}
    for path in SAMPLE_FILES:
        report = check_file(path).to_dict()
        expected[path.name] = report

    def upload(i: int) -> tuple[str, int, dict]:
        path = SAMPLE_FILES[i % len(SAMPLE_FILES)]
        name = f"{i:02d}-{path.name}"  # a different name each time: no answer comes from the cache
        with httpx.Client(timeout=300) as client:
            response = client.post(f"{server.base}/api/check", files={"archivo": (name, path.read_bytes())})
        return path.name, response.status_code, response.json() | {"file": name}

    def round_of_fifty() -> int:
        with ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(upload, range(50)))
        assert len(results) == 50
        for i, (sample, status, body) in enumerate(results):
            assert status == 200, (sample, body)
            assert body == expected[sample] | {"file": f"{i:02d}-{sample}"}, sample
        return tree_rss_mb(server.process.pid)

    after_first = round_of_fifty()
    after_second = round_of_fifty()
    assert after_second - after_first < 100, (after_first, after_second)  # no growth with the number of files
    assert not any(server.upload_folders()[0].iterdir())
    print(f"\nmemoria del servidor (procesos): {after_first:.0f} MB tras 50 subidas, {after_second:.0f} MB tras 100")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
        todo += [int(c) for c in children]
    return total / 1024


def test_token_required_when_given():
    with running_server("--token", "clave-larga-1234", "--jobs", "1") as running:
        assert running.url.endswith("/?token=clave-larga-1234")
        assert httpx.get(running.base + "/").status_code == 403
        with httpx.Client() as client:
            assert client.get(running.url).status_code == 200
            sample = SAMPLES / "sin_pago_mx_marketing.docx"
            response = client.post(running.base + "/api/check", files={"archivo": (sample.name, sample.read_bytes())},
                                   timeout=120)
            assert response.status_code == 200 and response.json()["readable"] is True  # the cookie was kept


def test_port_in_use_is_one_spanish_line_and_exit_2():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_cli("web", "--no-browser", "--port", str(port))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"contratos: el puerto {port} ya está en uso. Cierre el otro programa o use --port con "
                             "otro número (--port 0 elige uno libre)\n")
    short = run_cli("web", "--no-browser", "--token", "corta")
    assert short.returncode == 2 and "demasiado corto" in short.stderr


def test_other_hosts_need_a_token_and_answer_to_their_names():
    assert access_token("127.0.0.1", None) is None and access_token("localhost", None) is None
    generated = access_token("0.0.0.0", None)
    assert len(generated) >= 24 and generated != access_token("0.0.0.0", None)
    assert access_token("192.0.2.10", "mi-clave-propia") == "mi-clave-propia"
    assert url_of("127.0.0.1", 8000, None) == "http://127.0.0.1:8000/"
    assert url_of("::1", 8000, None) == "http://[::1]:8000/"
    assert url_of("0.0.0.0", 8000, "abc") == "http://127.0.0.1:8000/?token=abc"
    names = allowed_names("0.0.0.0", ["oficina.local"])
    assert {"127.0.0.1", "localhost", "::1", "oficina.local", socket.gethostname().lower()} <= names
    assert "0.0.0.0" not in names and allowed_names("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}

