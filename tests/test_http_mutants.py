"""Black-box mode's power: every mutant endpoint in `tests.endpoints.mutants` is caught over HTTP, as declared.

Each mutant is served in a subprocess on a free port of 127.0.0.1 and the
``interaction-conformance --url`` command runs against it, writing its JSON
report, when the first of the mutant's tests needs it. A mutant's tests form one
xdist group, so that its runs are made once, by the worker they go to; the
runs are spread over the workers, one at a time in each, so that none competes
with a crowd of other endpoints for the machine (its deadline and concurrency
cases are timed). Each report is held to the mutant's declaration
in both directions: each declared case fails (or ends in error) as declared,
and every case not declared passes. Every run is made with ``--bot``, so the
mutant bots (which break one reply of the conformance bot) are caught by the
bot cases, and every bot case catches one. Every run serves the Discord API double
(``--discord-api``) and the mutant's reference sends its REST calls there, so
that the cases of section ``rest`` run too. The exit status is held to the
verdict: 1 for a mutant that breaks a MUST clause; for one that breaks only
SHOULD clauses, 0 in a lenient run and 1 in a strict one.

The served reference, the known-good endpoint, passes every black-box case in
a strict run; the wall time of that run is printed and recorded as a property.
"""

from __future__ import annotations

import dataclasses
import pathlib
import typing

import pytest

from conformance.case import Case
from conformance.cases import ALL_CASES
from conformance.cases import bot as bot_cases
from conformance.catalogue import Level
from conformance.catalogue import clause
from conformance.model import Mode
from conformance.runner import Outcome
from conformance.runner import select_cases
from conformance.signing import Signer
from tests.endpoints import SEED
from tests.endpoints import BlackBoxRun
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving
from tests.endpoints.mutants import DISCORD_API_URL_ENV
from tests.endpoints.mutants import MUTANTS
from tests.endpoints.mutants import HttpMutant
from tests.mutant_declarations import declaration_problems
from tests.mutant_declarations import shared_names

_CASES: typing.Final[tuple[Case, ...]] = select_cases(ALL_CASES, Mode.HTTP)
_CASES_BY_ID: typing.Final[typing.Mapping[str, Case]] = {case.id: case for case in _CASES}
_PUBLIC_KEY: typing.Final = Signer(SEED).public_key.hex()
_MIN_MUTANTS: typing.Final = 9
_REQUIRED_CLAUSES: typing.Final = frozenset(
    {"sig.reject", "ping.pong", "http.method", "http.body-limit", "timing.deadline", "reply.valid-callback"}
)
_EXIT_CONFORMANT: typing.Final = 0
_EXIT_NOT_CONFORMANT: typing.Final = 1


@dataclasses.dataclass(frozen=True)
class _CaseOutcome:
    outcome: Outcome
    detail: str
    duration_s: float

    def describe(self, case_id: str) -> str:
        return f"{case_id}: {self.outcome.value} in {self.duration_s:.2f}s ({self.detail or 'no detail'})"


def _outcomes(run: BlackBoxRun) -> dict[str, _CaseOutcome]:
    """Return each case's outcome by ID; fail the test if the run wrote no report."""
    return {
        case["id"]: _CaseOutcome(Outcome(case["outcome"]), case["detail"], case["duration_s"]) for case in run.cases()
    }


@dataclasses.dataclass(frozen=True)
class _MutantRuns:
    lenient: BlackBoxRun
    strict: BlackBoxRun | None
    """A strict run, made only for a mutant that breaks no MUST clause (a lenient run must then pass it)."""


def _black_box(url: str, report_path: pathlib.Path, *args: str) -> BlackBoxRun:
    """Every run here is made with ``--bot``: the mutant bots are caught by the bot cases."""
    return black_box(url, report_path, "--bot", *args)


def _levels(mutant: HttpMutant) -> set[Level]:
    """The levels the mutant's failures count at: a breaching case's counts at the violated clause's level."""
    violated = clause(mutant.violates).level
    return {
        violated if case_id in mutant.breaching else _CASES_BY_ID[case_id].level
        for case_id in mutant.expected
        if case_id in _CASES_BY_ID
    }


def _run_mutant(mutant: HttpMutant, port: int, api_port: int, directory: pathlib.Path) -> _MutantRuns:
    command = ("-m", "tests.endpoints.mutants", mutant.name, "--port", str(port), "--public-key", _PUBLIC_KEY)
    api = f"127.0.0.1:{api_port}"
    with serving(*command, port=port, env={DISCORD_API_URL_ENV: f"http://{api}/api/v10"}) as url:
        lenient = _black_box(url, directory / f"{mutant.name}.json", "--discord-api", api)
        strict = None
        if Level.MUST not in _levels(mutant):
            strict = _black_box(url, directory / f"{mutant.name}-strict.json", "--strict", "--discord-api", api)
    return _MutantRuns(lenient, strict)


def _distinct_free_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


class _Runs:
    """Each mutant's black-box runs, made when a test first needs them and kept for the session."""

    __slots__ = ("_directory", "_made")

    def __init__(self, directory: pathlib.Path) -> None:
        self._directory = directory
        self._made: dict[str, _MutantRuns] = {}

    def of(self, mutant: HttpMutant) -> _MutantRuns:
        if mutant.name not in self._made:
            port, api_port = _distinct_free_ports(2)
            self._made[mutant.name] = _run_mutant(mutant, port, api_port, self._directory)
        return self._made[mutant.name]


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> _Runs:
    return _Runs(tmp_path_factory.mktemp("http-mutants"))


_SLOW_RUNS: typing.Final = frozenset({"SlowCommands"})
"""Mutants whose run takes minutes: SlowCommands answers each of some sixty commands 3.2 s late."""


def _marks(mutant: HttpMutant) -> list[pytest.MarkDecorator]:
    group = pytest.mark.xdist_group(f"http-mutant-{mutant.name}")
    return [group, pytest.mark.starts_first] if mutant.name in _SLOW_RUNS else [group]


_each_mutant = pytest.mark.parametrize(
    "mutant", [pytest.param(mutant, id=mutant.name, marks=_marks(mutant)) for mutant in MUTANTS]
)


def test_served_reference_is_strictly_conformant(
    tmp_path: pathlib.Path, record_property: typing.Callable[[str, object], None]
) -> None:
    port, api_port = _distinct_free_ports(2)
    api = f"127.0.0.1:{api_port}"
    command = ("-m", "conformance", "serve", "--port", str(port), "--signing-seed", SEED.hex())
    with serving(*command, "--discord-api-url", f"http://{api}/api/v10", port=port) as url:
        run = _black_box(url, tmp_path / "reference.json", "--strict", "--discord-api", api)

    outcomes = _outcomes(run)
    case_total_s = sum(outcome.duration_s for outcome in outcomes.values())
    record_property("black_box_wall_s", round(run.wall_s, 3))
    record_property("black_box_case_total_s", round(case_total_s, 3))
    print(  # the measurement the test reports; visible with -s
        f"\nserved reference, strict black-box run: {run.wall_s:.2f}s wall time for the command, "
        f"{case_total_s:.2f}s in its {len(outcomes)} cases"
    )
    assert run.returncode == _EXIT_CONFORMANT, f"exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    assert run.report is not None
    assert run.report["mode"] == "http"
    assert run.report["strict"] is True
    assert run.report["conformant"] is True
    assert sorted(outcomes) == sorted(_CASES_BY_ID)
    not_passed = [
        outcome.describe(case_id) for case_id, outcome in outcomes.items() if outcome.outcome is not Outcome.PASSED
    ]
    assert not not_passed, "the served reference does not pass:\n" + "\n".join(not_passed)


def test_mutants_cover_the_required_violations() -> None:
    violated = {mutant.violates for mutant in MUTANTS}

    assert not shared_names(MUTANTS), f"two mutants share a name: {shared_names(MUTANTS)}"
    assert len(MUTANTS) >= _MIN_MUTANTS, f"only {len(MUTANTS)} mutant endpoints"
    assert violated >= _REQUIRED_CLAUSES, f"no mutant violates {sorted(_REQUIRED_CLAUSES - violated)}"
    assert {mutant.name for mutant in MUTANTS} >= _SLOW_RUNS, "a slow run names no mutant"
    unanswered = [mutant.name for mutant in MUTANTS if any("got no reply" in text for text in mutant.details.values())]
    assert unanswered, "no mutant leaves a case without a reply"


@_each_mutant
def test_declaration_is_well_formed(mutant: HttpMutant) -> None:
    problems = declaration_problems(mutant, _CASES_BY_ID, "black-box mode")
    assert not problems, "\n".join(problems)
    undeclared = (set(mutant.details) | set(mutant.max_duration_s)) - set(mutant.expected)
    assert not undeclared, f"{mutant.name} states details or durations of undeclared cases: {sorted(undeclared)}"


def test_mutants_catch_every_bot_case() -> None:
    caught = {case_id for mutant in MUTANTS for case_id in mutant.expected}

    assert sorted(case.id for case in bot_cases.CASES if case.id not in caught) == [], "a bot case no mutant fails"


@_each_mutant
def test_declared_cases_fail(mutant: HttpMutant, runs: _Runs) -> None:
    mutant_runs = runs.of(mutant)

    for run in (mutant_runs.lenient, mutant_runs.strict):
        if run is None:
            continue
        outcomes = _outcomes(run)
        missing = [case_id for case_id in mutant.expected if case_id not in outcomes]
        assert not missing, f"the run has no result for {missing}"
        wrong = [
            f"expected {expected.value}, got " + outcomes[case_id].describe(case_id)
            for case_id, expected in mutant.expected.items()
            if outcomes[case_id].outcome is not expected
        ]
        wrong += [
            f"expected a detail containing {text!r}, got " + outcomes[case_id].describe(case_id)
            for case_id, text in mutant.details.items()
            if text not in outcomes[case_id].detail
        ]
        wrong += [
            f"expected it caught within {limit:g}s, got " + outcomes[case_id].describe(case_id)
            for case_id, limit in mutant.max_duration_s.items()
            if outcomes[case_id].duration_s > limit
        ]
        assert not wrong, f"{mutant.name} ({mutant.summary}) is not caught as declared:\n" + "\n".join(wrong)


@_each_mutant
def test_no_undeclared_failures(mutant: HttpMutant, runs: _Runs) -> None:
    mutant_runs = runs.of(mutant)

    for run in (mutant_runs.lenient, mutant_runs.strict):
        if run is None:
            continue
        outcomes = _outcomes(run)
        unexpected = [
            outcome.describe(case_id)
            for case_id, outcome in outcomes.items()
            if outcome.outcome is not Outcome.PASSED and case_id not in mutant.expected
        ]
        listing = "\n".join(unexpected)
        assert not unexpected, f"{mutant.name} (violates {mutant.violates}) fails cases it does not declare:\n{listing}"
        assert sorted(outcomes) == sorted(_CASES_BY_ID), "the run did not complete every black-box case"


@_each_mutant
def test_exit_status(mutant: HttpMutant, runs: _Runs) -> None:
    mutant_runs = runs.of(mutant)
    lenient, strict = mutant_runs.lenient, mutant_runs.strict
    lenient_exit = lenient.returncode

    if Level.MUST in _levels(mutant):
        assert lenient_exit == _EXIT_NOT_CONFORMANT, f"{mutant.name} breaks a MUST clause:\n{lenient.stderr}"
        assert strict is None
    else:
        assert lenient_exit == _EXIT_CONFORMANT, f"{mutant.name} breaks only SHOULD clauses:\n{lenient.stderr}"
        assert strict is not None
        strict_exit = strict.returncode
        assert strict_exit == _EXIT_NOT_CONFORMANT, f"{mutant.name} passes a strict run:\n{strict.stderr}"
        assert strict.report is not None
        assert strict.report["conformant"] is False
    assert lenient.report is not None
    assert lenient.report["conformant"] is (lenient_exit == _EXIT_CONFORMANT)
    assert lenient.report["mode"] == "http"
    assert lenient.report["bot"] is True
    leaves_unverified = Outcome.NOT_VERIFIED in mutant.expected.values()
    assert lenient.report["partial"] is leaves_unverified, "partial only where a case is declared not verified"
