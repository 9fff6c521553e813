"""The suite under faults: a target that hangs, crashes, drops connections, answers garbage or
answers slowly still yields a complete report, with errors where due, within a bounded time."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import time
import typing

import pytest

from conformance.case import Case
from conformance.cases import ALL_CASES
from conformance.http import HttpTransport
from conformance.model import Mode
from conformance.reports.json_report import without_timings
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.runner import select_cases
from conformance.signing import Signer
from tests import faulty_targets
from tests.endpoints import SEED
from tests.endpoints import free_port
from tests.endpoints import serving

_HTTP_CASES = select_cases(ALL_CASES, Mode.HTTP)
_BOT_CASES = frozenset(case.id for case in _HTTP_CASES if case.needs_bot)
_NEEDS_BOT = "needs an endpoint that implements the conformance bot: run with --bot against one (see bot.md)"
_PUBLIC_KEY = Signer(SEED).public_key.hex()


def _black_box(url: str, report: pathlib.Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    command = [sys.executable, "-m", "conformance", "--url", url, "--signing-seed", SEED.hex(), "--json", str(report)]
    started = time.perf_counter()
    result = subprocess.run([*command, *args], capture_output=True, text=True, timeout=300, check=False)
    return result, time.perf_counter() - started


def _bound_s(cases: typing.Sequence[Case]) -> float:
    """A generous bound on a run's wall time: half of what waiting out every case's timeout would take.

    A busy machine may stretch the run's own waits many times over; a run that waited each case out would
    still break the bound.
    """
    return sum(case.timeout_s for case in cases) / 2


def _faulty(kind: str) -> typing.ContextManager[str]:
    port = free_port()
    return serving("-m", "tests.endpoints.faulty", kind, "--port", str(port), "--public-key", _PUBLIC_KEY, port=port)


def _outcomes(report_path: pathlib.Path) -> dict[str, tuple[str, str]]:
    """The outcome and detail of every selected case (deselected ones left out)."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return {
        case["id"]: (case["outcome"], case["detail"]) for case in report["cases"] if case["outcome"] != "deselected"
    }


def _not_run(case: Case, cause: str) -> tuple[Outcome, str]:
    """What a case after the target died ends in: not run, unless it needed the bot the run did not have."""
    return (Outcome.NOT_VERIFIED, _NEEDS_BOT) if case.needs_bot else (Outcome.NOT_RUN, cause)


@pytest.mark.parametrize(
    ("kind", "first_error"),
    [
        pytest.param("hang", "no reply within 4s", marks=pytest.mark.starts_first),
        ("close", "HTTP exchange failed: "),
        ("garbage", "HTTP exchange failed: RemoteProtocolError"),
    ],
)
def test_broken_endpoint_gives_a_complete_report_of_errors(kind: str, first_error: str, tmp_path: pathlib.Path) -> None:
    report = tmp_path / "report.json"
    with _faulty(kind) as url:
        started = time.perf_counter()
        # The preflight PING fails too: black-box mode refuses to start against an endpoint that cannot answer.
        result, _ = _black_box(url, report)
        assert result.returncode == 2
        assert result.stderr.startswith(f"interaction-conformance: error: preflight: {url}: no ")
        assert result.stderr.count("\n") == 1
        # Driven past the preflight, every case still gets an outcome: the first three are what the endpoint did
        # to them, and the rest are not run, for that one cause, instead of each looking like a finding.
        with Runner(Signer(SEED), transport_factory=lambda: HttpTransport(url)) as runner:
            results = runner.run(_HTTP_CASES)
        elapsed = time.perf_counter() - started
    assert [r.case.id for r in results] == [case.id for case in _HTTP_CASES]
    assert {r.outcome for r in results[:3]} <= {Outcome.ERROR, Outcome.FAILED}
    assert results[0].detail.startswith(first_error)
    cause = f"the target stopped answering: no answer in 3 cases up to {results[2].case.id}"
    assert [(r.outcome, r.detail) for r in results[3:]] == [_not_run(r.case, cause) for r in results[3:]]
    assert elapsed < _bound_s(_HTTP_CASES)


def test_endpoint_that_crashes_mid_run_gives_a_complete_report(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "report.json"
    with _faulty("dies") as url:
        result, elapsed = _black_box(url, report)
    assert result.returncode == 1
    outcomes = _outcomes(report)
    assert list(outcomes) == [case.id for case in _HTTP_CASES]
    ran = list(outcomes.items())
    assert [outcome for _, (outcome, _) in ran[:9]] == ["passed"] * 9  # the preflight PING was the first request
    died_on, (outcome, detail) = ran[9]
    assert outcome in ("error", "failed")
    assert "cannot connect" in detail or "HTTP exchange failed" in detail
    stopped = f"the target stopped answering during {died_on}: "
    causes = (
        f"{stopped}no answer to a signed PING: cannot connect",
        # A PING that reaches the socket while the process is being torn down is reset rather than refused.
        f"{stopped}no readable answer to a signed PING: HTTP exchange failed",
    )
    rest = [(case_id, outcome, detail) for case_id, (outcome, detail) in ran[10:] if case_id not in _BOT_CASES]
    assert rest and all(outcome == "not-run" and detail.startswith(causes) for _, outcome, detail in rest)
    assert len({detail for *_, detail in rest}) == 1, "the rest are not run for one and the same cause"
    assert result.stdout.count(f"stopped answering during {died_on}") == 1
    assert elapsed < _bound_s(_HTTP_CASES)


def test_slow_endpoint_is_answered_case_by_case(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "report.json"
    only = ("ping", "sig.reject.ping", "timing")
    with _faulty("slow") as url:
        result, elapsed = _black_box(url, report, "--only", ",".join(only))
    assert result.returncode == 0, result.stdout
    outcomes = _outcomes(report)
    assert outcomes and all(outcome == "passed" for outcome, _ in outcomes.values())
    assert elapsed < _bound_s(select_cases(ALL_CASES, Mode.HTTP, only=only))


@pytest.mark.starts_first
def test_hanging_in_process_target_costs_seconds_not_minutes() -> None:
    cases = select_cases(ALL_CASES, Mode.IN_PROCESS, only=("ping", "input"))
    started = time.perf_counter()
    with Runner(Signer(), adapter=faulty_targets.HangingAdapter(), close_timeout_s=0.2) as runner:
        results = runner.run(cases)
    elapsed = time.perf_counter() - started
    assert len(results) == len(cases)
    assert [r.detail for r in results[:3]] == ["timed out after 5s"] * 3
    cause = f"the target stopped answering: no answer in 3 cases up to {results[2].case.id}"
    assert [(r.outcome, r.detail) for r in results[3:]] == [(Outcome.NOT_RUN, cause)] * (len(results) - 3)
    assert elapsed < _bound_s(cases)


def test_runs_against_the_served_reference_repeat_exactly(tmp_path: pathlib.Path) -> None:
    port = free_port()
    reports: list[object] = []
    with serving("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex(), port=port) as url:
        for run in range(3):
            path = tmp_path / f"run-{run}.json"
            result, _ = _black_box(url, path, "--strict")
            assert result.returncode == 0, result.stdout
            reports.append(without_timings(json.loads(path.read_text(encoding="utf-8"))))
    assert reports[0] == reports[1] == reports[2]
