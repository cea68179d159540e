"""Shared fixtures: the sample contracts with their expected statuses, and a way to run the real CLI."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"


def expected_samples() -> list[tuple[str, dict]]:
    data = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))
    return sorted((entry["file"], entry) for entry in data.values())


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `contratos` as a user does, in a subprocess (the console script of this environment)."""
    exe = Path(sys.executable).with_name("contratos")
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "contratos.cli", *args]
    env = {**os.environ, "PYTHONWARNINGS": "default"}  # warnings must still not reach the user
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=300)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
