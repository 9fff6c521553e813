"""The whole project is clean under ruff, mypy --strict and pyright strict (the contract itself: test_stubtest)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHECKED = [
    "conformance",
    "tests",
    "benchmarks",
    "docs/generate.py",
    "docs/console_samples.py",
    "docs/performance_page.py",
    "docs/discord_excerpts.py",
    "implementations",
]
"""What mypy and pyright check; the Python drivers of ``implementations/`` that run in their own environments
(discord-http, discord-interactions-py, flask-discord-interactions) are left out (pyproject): only ruff checks them."""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False, timeout=600
    )


def test_ruff_check() -> None:
    result = _run("ruff", "check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.starts_first
def test_mypy_strict(tmp_path: Path) -> None:
    result = _run("mypy", "--strict", "--cache-dir", str(tmp_path), *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.starts_first
def test_pyright_strict() -> None:
    result = _run("pyright", "--pythonpath", sys.executable, *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
