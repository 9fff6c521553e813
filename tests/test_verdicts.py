"""Whole verdicts on broken endpoints: none passes by accident, and a run that cannot start says why.

Each endpoint here breaks more than one clause at once, the way real endpoints
do; the tests hold black-box mode to its verdict (exit status, per-origin
verdict) and to its evidence: no case passes on an exchange in which the
endpoint answered a 5xx or nothing.
"""

from __future__ import annotations

import pathlib
import typing

import pytest

from conformance.signing import Signer
from tests.endpoints import SEED
from tests.endpoints import BlackBoxRun
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving

_PUBLIC_KEY: typing.Final = Signer(SEED).public_key.hex()
_FAILURE_IS_THE_POINT: typing.Final = frozenset(
    {"input.unknown-type", "robust.no-leak", "listener.error", "input.survives", "sig.survives"}
)
"""Clauses whose cases may pass on a 5xx: they ask for a non-2xx, only read the body, or judge only whether the
endpoint still answers a PING after the request."""


def _endpoint(name: str, public_key: str = _PUBLIC_KEY) -> typing.ContextManager[str]:
    port = free_port()
    command = ("-m", "tests.endpoints.mutants", name, "--port", str(port), "--public-key", public_key)
    return serving(*command, port=port)


def _run(url: str, tmp_path: pathlib.Path, *args: str) -> tuple[BlackBoxRun, dict[str, typing.Any]]:
    run = black_box(url, tmp_path / "report.json", *args)
    return run, dict(run.report or {})


def _vacuous(report: typing.Mapping[str, typing.Any]) -> list[str]:
    """Passed cases with an exchange that got a 5xx or no reply at all."""
    return [
        case["id"]
        for case in report["cases"]
        if case["outcome"] == "passed"
        and case["clause"] not in _FAILURE_IS_THE_POINT
        and any(exchange["status"] is None or exchange["status"] >= 500 for exchange in case["evidence"])
    ]


def _origins(report: typing.Mapping[str, typing.Any]) -> dict[str, bool]:
    return {verdict["origin"]: verdict["conformant"] for verdict in report["origins"]}


@pytest.mark.parametrize("strict", [False, True])
def test_errors_to_every_interaction_is_not_conformant(tmp_path: pathlib.Path, strict: bool) -> None:
    with _endpoint("AnswersErrorsToInteractions") as url:
        result, report = _run(url, tmp_path, *(["--strict"] if strict else []))
    assert result.returncode == 1, result.stdout
    assert _vacuous(report) == []
    handled = [case for case in report["cases"] if case["counts_against"] == "robust.handled"]
    assert handled and all(case["outcome"] == "failed" and case["level"] == "MUST" for case in handled)
    assert all("a 5xx is never a correct answer" in case["detail"] for case in handled)
    assert _origins(report)["discord"] is False
    assert "Discord requirements: NOT conformant" in " ".join(result.stdout.split())


def test_rejecting_every_interaction_leaves_the_cases_that_need_one_not_verified(tmp_path: pathlib.Path) -> None:
    with _endpoint("RejectsInteractions") as url:
        result, report = _run(url, tmp_path)
    not_verified = [case for case in report["cases"] if case["outcome"] == "not-verified"]
    needs_handling = [case for case in not_verified if "the endpoint did not handle it" in case["detail"]]
    assert {case["clause"] for case in needs_handling} >= {"reply.valid-callback", "timing.deadline", "sig.accept"}
    for case in needs_handling:
        assert [exchange["status"] for exchange in case["evidence"]][-1] == 400
    assert report["partial"] is True
    assert _vacuous(report) == []
    # Nothing verified is broken: conformant, but the verdict says how little it covers.
    assert result.returncode == 0, result.stdout
    assert "partial" in result.stdout


@pytest.mark.starts_first
def test_hanging_on_an_interaction_without_channel_fails_only_the_optional_fields_clause(
    tmp_path: pathlib.Path,
) -> None:
    # Discord sends `channel` with every interaction today, though the docs mark it optional: an endpoint that
    # waits on it fails robust.optional-fields (SHOULD), not robust.handled (MUST).
    with _endpoint("HangsWithoutChannel") as url:
        result, report = _run(url, tmp_path, "--strict")
    assert result.returncode == 1, result.stdout
    failed = {case["id"]: case for case in report["cases"] if case["outcome"] == "failed"}
    assert set(failed) == {
        f"robust.optional-fields.{kind}.no-channel" for kind in ("command", "component", "autocomplete", "modal")
    }
    for case in failed.values():
        assert case["level"] == "SHOULD"
        assert case["counts_against"] is None
        assert "without channel got no reply" in case["detail"]
        assert case["evidence"][-1]["status"] is None
    assert _vacuous(report) == []
    assert report["stopped_by"] == ""  # the endpoint still answers PING: a failure, not a dead target
    assert report["conformant"] is False  # strict
    assert [verdict["conformant"] for verdict in report["origins"] if verdict["origin"] == "discord"] == [False]


def test_a_wrong_path_stops_at_preflight(tmp_path: pathlib.Path) -> None:
    with _endpoint("ServedUnderAPath") as url:
        result, report = _run(url, tmp_path)
        assert result.returncode == 2
        assert report == {}
        assert result.stderr == (
            f"interaction-conformance: error: preflight: {url}: it answered a signed PING with 404: wrong path or "
            "method? Give the URL Discord POSTs to (--no-preflight runs anyway)\n"
        )
        right, _ = _run(url + "interactions", tmp_path, "--only", "ping,sig.reject.ping")
    assert right.returncode == 0, right.stdout


def test_a_wrong_key_stops_at_preflight_and_names_the_key_to_configure(tmp_path: pathlib.Path) -> None:
    other = Signer(bytes(32)).public_key.hex()
    with _endpoint("RejectsInteractions", public_key=other) as url:
        result, report = _run(url, tmp_path)
        assert result.returncode == 2
        assert report == {}
        assert result.stderr.count("\n") == 1
        assert f"configure it with public key {_PUBLIC_KEY}" in result.stderr
        forced, forced_report = _run(url, tmp_path, "--no-preflight", "--only", "ping,sig.accept.ping")
    assert forced.returncode == 1
    assert {case["outcome"] for case in forced_report["cases"] if case["outcome"] != "deselected"} == {"failed"}
