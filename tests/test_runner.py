"""The runner: bounded cases, outcomes, selection, verdicts and repeatability."""

from __future__ import annotations

import dataclasses
import json
import threading
import typing

import pytest

from conformance import payloads
from conformance.adapter import Adapter
from conformance.case import IN_PROCESS
from conformance.case import make_case
from conformance.cases import ALL_CASES
from conformance.context import CaseContext
from conformance.model import CaseFailure
from conformance.model import Mode
from conformance.reports import report_json
from conformance.reports.json_report import without_timings
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.runner import RunReport
from conformance.runner import select_cases
from conformance.signing import Signer
from conformance.targets.reference import ReferenceAdapter
from tests import faulty_targets

_PING_CASES = select_cases(ALL_CASES, Mode.IN_PROCESS, only=("ping.pong.status", "ping.pong.body"))
_WORKER_END_BOUND_S = 60.0
"""How long an abandoned worker may take to end once its target lets go, on a machine as busy as it may be."""


def _run(adapter: Adapter, only: tuple[str, ...]) -> list[Outcome]:
    cases = select_cases(ALL_CASES, Mode.IN_PROCESS, only=only)
    with Runner(Signer(), adapter=adapter) as runner:
        return [result.outcome for result in runner.run(cases)]


def test_hanging_target_yields_error_and_the_run_goes_on() -> None:
    async def hang(ctx: CaseContext) -> None:
        await ctx.send_sample(payloads.PING)

    case = make_case("ping.pong", "hang-probe", "probe", hang, modes=IN_PROCESS, timeout_s=0.2)
    # A stall grace longer than any pause of a busy machine: the hang is cancelled, never taken for a blocked loop.
    with Runner(
        Signer(), adapter=faulty_targets.HangingAdapter(), close_timeout_s=0.2, stall_grace_s=_WORKER_END_BOUND_S
    ) as runner:
        result = runner.run_case(case)
        follow_up = runner.run(dataclasses.replace(case, timeout_s=0.2) for case in _PING_CASES)
    assert result.outcome is Outcome.ERROR
    assert result.detail == "timed out after 0.2s"  # cancelled at its timeout, not abandoned as a blocked loop
    assert [r.outcome for r in follow_up] == [Outcome.ERROR, Outcome.ERROR]


def test_target_blocking_the_loop_is_abandoned_and_the_next_case_runs() -> None:
    async def blocked(ctx: CaseContext) -> None:
        await ctx.send_sample(payloads.PING)

    release = faulty_targets.BlockingServer.release
    release.clear()
    case = make_case("ping.pong", "block-probe", "probe", blocked, modes=IN_PROCESS, timeout_s=0.1)
    try:
        with Runner(
            Signer(), adapter=faulty_targets.BlockingAdapter(), close_timeout_s=0.1, stall_grace_s=0.1
        ) as runner:
            result = runner.run_case(case)
            # The target blocks until released, so the runner has given up on it rather than waited it out.
            assert not release.is_set()
            assert result.outcome is Outcome.ERROR
            assert result.detail == "the target blocked the event loop for over 0.1s"
        with Runner(Signer(), adapter=ReferenceAdapter()) as runner:
            assert [r.outcome for r in runner.run(_PING_CASES)] == [Outcome.PASSED, Outcome.PASSED]
    finally:
        release.set()
    for worker in [thread for thread in threading.enumerate() if thread.name == "conformance-worker"]:
        worker.join(timeout=_WORKER_END_BOUND_S)
    assert not any(t.name == "conformance-worker" for t in threading.enumerate()), "an abandoned worker never ended"


def test_exception_from_target_is_an_error_with_its_message() -> None:
    with Runner(Signer(), adapter=faulty_targets.RaisingAdapter()) as runner:
        results = runner.run(_PING_CASES)
    assert [r.outcome for r in results] == [Outcome.ERROR, Outcome.ERROR]
    assert all("RuntimeError: the target exploded" in r.detail for r in results)


def test_exception_is_a_failure_where_the_clause_is_about_raising() -> None:
    outcomes = _run(faulty_targets.RaisingAdapter(), ("robust.never-raises.all-empty",))
    assert outcomes == [Outcome.FAILED]


def test_target_raising_cancelled_error_does_not_end_the_run() -> None:
    with Runner(Signer(), adapter=faulty_targets.CancellingAdapter()) as runner:
        results = runner.run(
            select_cases(ALL_CASES, Mode.IN_PROCESS, only=("ping.pong.status", "robust.never-raises.all-empty"))
        )
    assert [(r.case.id, r.outcome) for r in results] == [
        ("ping.pong.status", Outcome.ERROR),
        ("robust.never-raises.all-empty", Outcome.FAILED),
    ]
    assert results[0].detail == "on_interaction raised CancelledError"


def test_garbage_response_is_an_error_and_fails_robust_response() -> None:
    assert _run(faulty_targets.GarbageAdapter(), ("ping.pong.status",)) == [Outcome.ERROR]
    assert _run(faulty_targets.GarbageAdapter(), ("robust.response.ping",)) == [Outcome.FAILED]


def test_case_failure_detail_is_reported() -> None:
    async def failing(ctx: CaseContext) -> None:
        raise CaseFailure("exactly this\nand that")

    case = make_case("ping.pong", "fail-probe", "probe", failing, modes=IN_PROCESS)
    with Runner(Signer(), adapter=ReferenceAdapter()) as runner:
        result = runner.run_case(case)
    assert (result.outcome, result.detail) == (Outcome.FAILED, "exactly this and that")


def test_case_not_applying_to_the_mode_is_skipped() -> None:
    in_process_only = next(case for case in ALL_CASES if Mode.HTTP not in case.modes)
    with Runner(Signer(), transport_factory=lambda: pytest.fail("no transport may be made")) as runner:
        result = runner.run_case(in_process_only)
    assert result.outcome is Outcome.SKIPPED


_PREFIXES: list[tuple[tuple[str, ...], typing.Callable[[str], bool]]] = [
    (("sig",), lambda case_id: case_id.startswith("sig.")),
    (("sig.reject",), lambda case_id: case_id.startswith("sig.reject.")),
    (("sig.reject.ping.wrong-key",), lambda case_id: case_id == "sig.reject.ping.wrong-key"),
    (("sig.rej",), lambda case_id: False),
    (("sig.",), lambda case_id: case_id.startswith("sig.")),
]


@pytest.mark.parametrize(("prefixes", "expected"), _PREFIXES)
def test_prefix_selection_stops_at_dots(prefixes: tuple[str, ...], expected: typing.Callable[[str], bool]) -> None:
    selected = {case.id for case in select_cases(ALL_CASES, Mode.IN_PROCESS, only=prefixes)}
    assert selected == {case.id for case in ALL_CASES if Mode.IN_PROCESS in case.modes and expected(case.id)}


def test_skip_removes_and_mode_filters() -> None:
    selected = select_cases(ALL_CASES, Mode.IN_PROCESS, only=("sig",), skip=("sig.status-401",))
    assert selected and not any(case.id.startswith("sig.status-401") for case in selected)
    http = select_cases(ALL_CASES, Mode.HTTP)
    assert http and all(Mode.HTTP in case.modes for case in http)
    assert not any(case.clause.id.startswith("registry.") for case in http)


def test_verdict_counts_should_only_when_strict() -> None:
    adapter = faulty_targets.BadStatusAdapter()
    cases = select_cases(ALL_CASES, Mode.IN_PROCESS, only=("sig",))
    with Runner(Signer(), adapter=adapter) as runner:
        results = tuple(runner.run(cases))
    assert {r.case.clause.id for r in results if r.outcome is Outcome.FAILED} == {"sig.status-401"}
    assert RunReport("v", "t", Mode.IN_PROCESS, False, results).conformant
    assert not RunReport("v", "t", Mode.IN_PROCESS, True, results).conformant


def test_never_conformant_when_no_case_ran() -> None:
    assert not RunReport("v", "t", Mode.IN_PROCESS, False, ()).conformant
    case = next(case for case in ALL_CASES if Mode.HTTP not in case.modes)
    with Runner(Signer(), transport_factory=lambda: pytest.fail("unused")) as runner:
        skipped = (runner.run_case(case),)
    assert not RunReport("v", "t", Mode.HTTP, False, skipped).conformant


def _without_durations(report: RunReport) -> object:
    return without_timings(json.loads(report_json(report)))


def test_two_runs_give_identical_reports_apart_from_durations() -> None:
    reports: list[object] = []
    for _ in range(2):
        with Runner(Signer(), adapter=ReferenceAdapter()) as runner:
            results = tuple(runner.run(select_cases(ALL_CASES, Mode.IN_PROCESS)))
        reports.append(_without_durations(RunReport("v", "reference", Mode.IN_PROCESS, False, results)))
    assert reports[0] == reports[1]


def test_reference_passes_every_case() -> None:
    with Runner(Signer(), adapter=ReferenceAdapter()) as runner:
        results = runner.run(select_cases(ALL_CASES, Mode.IN_PROCESS))
    failing = [(r.case.id, r.outcome.value, r.detail) for r in results if r.outcome is not Outcome.PASSED]
    assert failing == []
    assert len(results) == sum(Mode.IN_PROCESS in case.modes for case in ALL_CASES)
