"""Smoke tests of the benchmark scripts: they run, exit as documented and print parseable figures.

Nothing here asserts a timing or a figure's size: on a busy machine a ratio may
come out anywhere, or round to zero. So only the shape of the output is checked
(every figure present, in its format), what holds whatever the load (a best
time is at most the median of the same samples) and that a verdict agrees with
the figures printed next to it.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_PER_CALL = _ROOT / "benchmarks" / "per_call.py"
_IMPORT_TIME = _ROOT / "benchmarks" / "import_time.py"

_NUMBER = r"(-?\d+(?:\.\d+)?)"
_SUBJECT_LINE = re.compile(
    rf"^(PING|command) (floor|bindings floor|reference|hikari) +{_NUMBER} µs +{_NUMBER} µs +(\d+)\b", re.MULTILINE
)
_RATIO_LINE = re.compile(
    rf"^(PING|command) (reference|hikari) / (floor|bindings floor|hikari) +{_NUMBER}x +{_NUMBER}x +{_NUMBER}x$",
    re.MULTILINE,
)
_GOAL_LINE = re.compile(
    rf"^goal (PING|command) reference <= {_NUMBER}x floor: {_NUMBER}x \(paired {_NUMBER}x\)  goal (met|MISSED)$",
    re.MULTILINE,
)
_HARNESS_LINE = re.compile(rf"^harness +{_NUMBER} µs +{_NUMBER} µs +(\d+)\b", re.MULTILINE)

_WITHOUT_HIKARI = "import sys\nsys.modules['hikari'] = None\n"
"""Makes ``import hikari`` raise ImportError, as if hikari were not installed."""

_WRONG_REFERENCE = """
from conformance.reference import server
from conformance.reference.response import ReferenceResponse

async def wrong(self, body, signature, timestamp):
    return ReferenceResponse(500, b"deliberately wrong")

server.ReferenceInteractionServer.on_interaction = wrong
"""
"""Makes the reference answer every request with 500, which the script must refuse to time."""


def _run(script: pathlib.Path, *args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run a benchmark script in a fresh interpreter, after ``prelude`` when one is given."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if prelude:
        launcher = (
            f"{prelude}\nimport runpy, sys\nsys.argv = [{str(script)!r}, *{list(args)!r}]\n"
            f"runpy.run_path({str(script)!r}, run_name='__main__')\n"
        )
        command = [sys.executable, "-c", launcher]
    else:
        command = [sys.executable, str(script), *args]
    return subprocess.run(
        command, cwd=_ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False
    )


def _subject_figures(stdout: str) -> dict[tuple[str, str], tuple[float, float, int]]:
    return {
        (kind, name): (float(median), float(best), int(calls))
        for kind, name, median, best, calls in _SUBJECT_LINE.findall(stdout)
    }


def _ratio_figures(stdout: str) -> dict[tuple[str, str, str], tuple[float, float, float]]:
    return {
        (kind, name, other): (float(medians), float(mins), float(paired))
        for kind, name, other, medians, mins, paired in _RATIO_LINE.findall(stdout)
    }


def _check_goals(stdout: str) -> None:
    goals = _GOAL_LINE.findall(stdout)
    assert [(kind, float(goal)) for kind, goal, *_ in goals] == [("PING", 1.03), ("command", 1.10)]
    for _kind, goal, ratio, _paired, verdict in goals:
        if abs(float(ratio) - float(goal)) > 0.001:  # the printed ratio is rounded
            assert verdict == ("met" if float(ratio) <= float(goal) else "MISSED")


def _check_subject_figures(subjects: dict[tuple[str, str], tuple[float, float, int]]) -> None:
    for median, best, calls in subjects.values():
        assert best <= median  # the best of the samples the median is taken over, whatever the load
        assert calls >= 1


def test_per_call_prints_every_figure() -> None:
    pytest.importorskip("hikari")
    result = _run(_PER_CALL, "--quick")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    subjects = _subject_figures(result.stdout)
    ratios = _ratio_figures(result.stdout)
    assert set(subjects) == {
        (kind, name) for kind in ("PING", "command") for name in ("floor", "bindings floor", "reference", "hikari")
    }
    assert set(ratios) == {
        *(
            (kind, name, other)
            for kind in ("PING", "command")
            for name in ("reference", "hikari")
            for other in ("floor", "bindings floor")
        ),
        ("PING", "reference", "hikari"),
        ("command", "reference", "hikari"),
    }
    _check_subject_figures(subjects)
    assert _HARNESS_LINE.search(result.stdout) is not None
    assert "(what the reference calls)" in result.stdout
    assert "event loop: it did not complete synchronously" not in result.stdout
    assert "hikari skipped" not in result.stdout
    _check_goals(result.stdout)


def test_per_call_without_hikari_measures_the_rest() -> None:
    result = _run(_PER_CALL, "--seconds", "0.5", "--samples", "5", prelude=_WITHOUT_HIKARI)

    assert result.returncode == 0, result.stderr
    assert re.search(r"^hikari skipped: not installed", result.stdout, re.MULTILINE)
    subjects = _subject_figures(result.stdout)
    ratios = _ratio_figures(result.stdout)
    assert set(subjects) == {
        (kind, name) for kind in ("PING", "command") for name in ("floor", "bindings floor", "reference")
    }
    assert set(ratios) == {
        (kind, "reference", other) for kind in ("PING", "command") for other in ("floor", "bindings floor")
    }
    _check_subject_figures(subjects)
    _check_goals(result.stdout)


def test_per_call_refuses_to_time_a_wrong_answer() -> None:
    result = _run(_PER_CALL, "--seconds", "0.5", prelude=_WITHOUT_HIKARI + _WRONG_REFERENCE)

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("per_call.py: reference answered the PING with 500")


def test_import_time_prints_every_figure() -> None:
    result = _run(_IMPORT_TIME, "--runs", "3", "--budget-ms", "1e9")  # a budget no run misses: no timing verdict

    assert result.returncode == 0, result.stderr
    figures = {
        label: float(value)
        for label, value in re.findall(
            rf"^(import typing|import interaction_spec|ratio to typing|own cost) +{_NUMBER}",
            result.stdout,
            re.MULTILINE,
        )
    }
    assert set(figures) == {"import typing", "import interaction_spec", "ratio to typing", "own cost"}
    assert re.search(r"^budget +\S+ ms: within$", result.stdout, re.MULTILINE)
