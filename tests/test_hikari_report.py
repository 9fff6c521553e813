"""hikari 2.7.0, for real: the suite's in-process run matches the report committed in docs/reports.

Regenerate the report after a deliberate change with
``interaction-conformance --target hikari --json docs/reports/hikari-in-process.json``.
"""

from __future__ import annotations

import json
import pathlib
import typing

import pytest

from conformance.cases import ALL_CASES
from conformance.model import Mode
from conformance.reports.json_report import report_object
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.runner import RunReport
from conformance.runner import select_cases
from conformance.signing import Signer
from conformance.targets.hikari import HikariAdapter

pytestmark = pytest.mark.xdist_group("hikari-report")
"""The module's tests share a module-scoped fixture: one xdist group makes it once, in one worker."""

_COMMITTED = pathlib.Path(__file__).resolve().parent.parent / "docs" / "reports" / "hikari-in-process.json"


@pytest.fixture(scope="module")
def hikari_run() -> RunReport:
    with Runner(Signer(), adapter=HikariAdapter()) as runner:
        results = tuple(runner.run(select_cases(ALL_CASES, Mode.IN_PROCESS)))
    return RunReport("", "hikari", Mode.IN_PROCESS, False, results)


def _outcomes(report: typing.Mapping[str, typing.Any]) -> dict[str, tuple[str, str]]:
    return {case["id"]: (case["outcome"], case["detail"]) for case in report["cases"]}


def test_run_matches_the_committed_report(hikari_run: RunReport) -> None:
    committed = json.loads(_COMMITTED.read_text(encoding="utf-8"))
    assert committed["target"] == "hikari"
    assert _outcomes(report_object(hikari_run)) == _outcomes(committed)


def _result(report: RunReport, case_id: str) -> tuple[Outcome, str]:
    result = next(result for result in report.results if result.case.id == case_id)
    return result.outcome, result.detail


def test_bad_signature_gets_400_not_401(hikari_run: RunReport) -> None:
    for result in hikari_run.results:
        if result.case.clause.id == "sig.status-401":
            assert result.outcome is Outcome.FAILED
            assert result.detail.startswith("expected 401, got 400")
        if result.case.clause.id in ("sig.reject", "sig.no-dispatch"):
            assert result.outcome is Outcome.PASSED


def test_signed_json_array_makes_on_interaction_raise_assertion_error(hikari_run: RunReport) -> None:
    outcome, detail = _result(hikari_run, "robust.never-raises.signed-json-array")
    assert outcome is Outcome.FAILED
    assert detail.startswith("on_interaction raised AssertionError")


def test_none_gets_204(hikari_run: RunReport) -> None:
    for style in ("coroutine", "async-generator"):
        assert _result(hikari_run, f"reply.none-202.{style}") == (
            Outcome.FAILED,
            "expected 202, got 204 (no content type, no body)",
        )
        assert _result(hikari_run, f"reply.none.{style}")[0] is Outcome.PASSED


def test_string_type_is_taken_as_ping(hikari_run: RunReport) -> None:
    outcome, detail = _result(hikari_run, "input.reject.type-string")
    assert outcome is Outcome.FAILED
    assert detail == "expected a 4xx reply, got 200 (application/json, b'{\"type\":1}')"


def test_hikari_is_not_conformant(hikari_run: RunReport) -> None:
    assert not hikari_run.conformant
