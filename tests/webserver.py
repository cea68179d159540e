"""A real `contratos web` server for the tests and `make screenshot`: started as a user starts it (the
console script, in a subprocess, on 127.0.0.1 and a free port), stopped with SIGTERM like Ctrl-C."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Server:
    url: str  # as printed, e.g. http://127.0.0.1:41234/
    process: subprocess.Popen
    tmp: Path  # the server's TMPDIR: its private upload folder lives here

    @property
    def base(self) -> str:
        return self.url.split("?")[0].rstrip("/")

    @property
    def port(self) -> int:
        return int(re.search(r":(\d+)/", self.url).group(1))

    def upload_folders(self) -> list[Path]:
        return sorted(self.tmp.glob("contratos-web-*"))


def _first_line(stream, timeout: float) -> str:
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return found[0] if found else ""


@contextmanager
def running_server(*args: str, startup: float = 120):
    """Yield a Server; on the way out stop it and check that it ended cleanly and left no files."""
    exe = Path(sys.executable).with_name("contratos")
    tmp = Path(tempfile.mkdtemp(prefix="contratos-web-test-"))
    env = {**os.environ, "TMPDIR": str(tmp)}
    process = subprocess.Popen([str(exe), "web", "--no-browser", "--port", "0", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        line = _first_line(process.stdout, startup)
        match = re.search(r"http://\S+", line)
        if not match:
            process.kill()
            raise AssertionError(f"the server did not start: {line!r} {process.stderr.read()!r}")
        server = Server(match.group(0), process, tmp)
        yield server
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
        assert server.upload_folders() == []  # the private folder goes with the server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(tmp, ignore_errors=True)
