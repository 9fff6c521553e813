"""Smoke tests of ``benchmarks/http_throughput.py``: it runs, exits as documented and prints parseable figures.

Nothing here asserts a timing: the machines are noisy, so only the shape of the
output is checked (every figure present and a positive number) and that each
verdict agrees with the ratios printed next to it.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_SCRIPT = _ROOT / "benchmarks" / "http_throughput.py"

_NUMBER = r"(\d+(?:\.\d+)?)"
_CPU = r"(?:\d+%|n/a)"
_CPU_PER_REQUEST = r"(?:\d+(?:\.\d+)?|n/a)"
_ROW = re.compile(
    rf"^(PING|command) +(reference|hikari) +{_NUMBER} +{_NUMBER} +{_NUMBER} +(\d+)"
    rf" +{_CPU} +{_CPU_PER_REQUEST} +{_CPU}$",
    re.MULTILINE,
)
_RATIO = re.compile(rf"^(PING|command) (throughput|p99) +{_NUMBER}x +{_NUMBER}x$", re.MULTILINE)
_GOAL = re.compile(
    rf"^goal (PING|command) reference >= 1\.20x hikari req/s at p99 <= 1\.00x: "
    rf"{_NUMBER}x req/s, {_NUMBER}x p99  goal (met|MISSED)$",
    re.MULTILINE,
)
_BAD_SIGNATURES = """
from conformance.signing import Signer
Signer.signature = lambda self, timestamp, body: bytes(64)
"""
"""Makes every request carry a zero signature, which both servers must refuse: the script must not time that."""
_IMPLEMENTATION = re.compile(
    r"^reference: InteractionApp under uvicorn, 1 worker, loop (\S+), http (\S+),", re.MULTILINE
)


def _run(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run the script in a fresh interpreter, after ``prelude`` when one is given."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if prelude:
        launcher = (
            f"{prelude}\nimport runpy, sys\nsys.argv = [{str(_SCRIPT)!r}, *{list(args)!r}]\n"
            f"runpy.run_path({str(_SCRIPT)!r}, run_name='__main__')\n"
        )
        command = [sys.executable, "-c", launcher]
    else:
        command = [sys.executable, str(_SCRIPT), *args]
    return subprocess.run(
        command, cwd=_ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )


def test_quick_run_prints_every_figure() -> None:
    pytest.importorskip("hikari")
    pytest.importorskip("uvicorn")
    result = _run("--quick")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = {(kind, server): figures for kind, server, *figures in _ROW.findall(result.stdout)}
    assert set(rows) == {(kind, server) for kind in ("PING", "command") for server in ("reference", "hikari")}
    for requests_per_second, p50, p99, errors in rows.values():
        assert float(requests_per_second) > 0
        assert 0 < float(p50) <= float(p99)
        assert int(errors) == 0
    ratios = {
        (kind, figure): (float(medians), float(paired))
        for kind, figure, medians, paired in _RATIO.findall(result.stdout)
    }
    assert set(ratios) == {(kind, figure) for kind in ("PING", "command") for figure in ("throughput", "p99")}
    assert all(value > 0 for pair in ratios.values() for value in pair)

    goals = _GOAL.findall(result.stdout)
    assert [kind for kind, *_ in goals] == ["PING", "command"]
    for _kind, throughput, p99, verdict in goals:
        assert float(throughput) > 0
        assert float(p99) > 0
        clearly_met = float(throughput) > 1.201 and float(p99) < 0.999  # the printed ratios are rounded
        clearly_missed = float(throughput) < 1.199 or float(p99) > 1.001
        if clearly_met or clearly_missed:
            assert verdict == ("met" if clearly_met else "MISSED")

    implementation = _IMPLEMENTATION.search(result.stdout)
    assert implementation is not None
    assert implementation[1] in {"asyncio", "uvloop", "zuvloop"}
    assert implementation[2] in {"h11", "httptools", "zttp"}
    if (implementation[1], implementation[2]) != ("uvloop", "httptools"):
        assert re.search(r"^faster options not available: \S", result.stdout, re.MULTILINE)


def test_missing_hikari_is_a_setup_error() -> None:
    result = _run("--quick", prelude="import sys\nsys.modules['hikari'] = None\n")

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("http_throughput.py: hikari is not installed")


def test_a_wrong_answer_is_a_setup_error() -> None:
    pytest.importorskip("hikari")
    pytest.importorskip("uvicorn")
    result = _run("--quick", prelude=_BAD_SIGNATURES)

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("http_throughput.py: reference answered the PING with 401")
