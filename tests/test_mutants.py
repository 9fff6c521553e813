"""The suite's power: every mutant in `tests.mutants` is caught, by the clause it violates and no other.

For each mutant the whole in-process suite runs once, when the first of its
tests needs it, and the results are held to the mutant's declaration in both
directions: each declared case fails (or ends in error) as declared, and every
case not declared passes. A mutant's tests form one xdist group, so that its run
is made once, by the worker they go to; the runs are spread over the workers,
one at a time in each, so that no run's bounded cases compete with dozens of
others for the interpreter.
"""

from __future__ import annotations

import dataclasses
import logging
import typing
from collections.abc import Iterator

import pytest

import interaction_spec
from conformance.case import Case
from conformance.cases import ALL_CASES
from conformance.catalogue import Level
from conformance.model import Mode
from conformance.reference import ReferenceInteractionServer
from conformance.runner import CaseResult
from conformance.runner import Outcome
from conformance.runner import Runner
from conformance.runner import RunReport
from conformance.runner import select_cases
from conformance.signing import Signer
from conformance.targets.reference import ReferenceAdapter
from tests.mutant_declarations import declaration_problems
from tests.mutant_declarations import shared_names
from tests.mutants import MUTANTS
from tests.mutants import Mutant
from tests.mutants.servers import UncheckedBuilderAdapter

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter

_CASES: typing.Final[tuple[Case, ...]] = select_cases(ALL_CASES, Mode.IN_PROCESS)
_CASES_BY_ID: typing.Final[typing.Mapping[str, Case]] = {case.id: case for case in _CASES}
_MIN_CLAUSES: typing.Final = 12


def _run(adapter: Adapter, target: str) -> RunReport:
    with Runner(Signer(), adapter=adapter) as runner:
        results = tuple(runner.run(_CASES))
    return RunReport(interaction_spec.__version__, target, Mode.IN_PROCESS, False, results)


def _describe(result: CaseResult) -> str:
    return f"{result.case.id}: {result.outcome.value} ({result.detail or 'no detail'})"


@pytest.fixture(autouse=True, scope="module")
def _quiet_reference_logger() -> Iterator[None]:
    """Mutants fail loudly on purpose; keep their (and the reference's) log records out of the output."""
    logger = logging.getLogger("conformance.reference")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    yield
    logger.setLevel(level)


class _Reports:
    """Each mutant's run of the in-process suite, made when a test first needs it and kept for the session."""

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[str, RunReport] = {}

    def of(self, mutant: Mutant) -> RunReport:
        if mutant.name not in self._made:
            self._made[mutant.name] = _run(mutant.adapter(), mutant.name)
        return self._made[mutant.name]


@pytest.fixture(scope="session")
def reports() -> _Reports:
    return _Reports()


_each_mutant = pytest.mark.parametrize(
    "mutant",
    [
        pytest.param(mutant, id=mutant.name, marks=pytest.mark.xdist_group(f"mutant-{mutant.name}"))
        for mutant in MUTANTS
    ],
)


def test_reference_passes_every_case() -> None:
    report = _run(ReferenceAdapter(), "reference")

    assert len(report.results) == len(_CASES)
    not_passed = [_describe(result) for result in report.results if result.outcome is not Outcome.PASSED]
    assert not not_passed, "the reference does not pass:\n" + "\n".join(not_passed)
    assert dataclasses.replace(report, strict=True).conformant


def test_unchecked_builder_is_no_violation_on_its_own() -> None:
    # DropsFilesOverLimit's adapter hands the server 11 files; the reference server must still pass everything with
    # it, so that the mutant's failure is the server's and not the builder's.
    report = _run(UncheckedBuilderAdapter(ReferenceInteractionServer), "reference with an unchecked builder")

    not_passed = [_describe(result) for result in report.results if result.outcome is not Outcome.PASSED]
    assert not not_passed, "the reference with an unchecked message builder does not pass:\n" + "\n".join(not_passed)


def test_mutants_cover_enough_clauses() -> None:
    violated = {mutant.violates for mutant in MUTANTS}

    assert not shared_names(MUTANTS), f"two mutants share a name: {shared_names(MUTANTS)}"
    assert len(violated) >= _MIN_CLAUSES, f"the mutants violate only {len(violated)} clauses: {sorted(violated)}"


@_each_mutant
def test_declaration_is_well_formed(mutant: Mutant) -> None:
    problems = declaration_problems(mutant, _CASES_BY_ID, "the in-process suite")
    assert not problems, "\n".join(problems)


@_each_mutant
def test_declared_cases_fail(mutant: Mutant, reports: _Reports) -> None:
    results = {result.case.id: result for result in reports.of(mutant).results}

    wrong = [
        f"{case_id}: expected {expected.value}, got {results[case_id].outcome.value} ({results[case_id].detail})"
        for case_id, expected in mutant.expected.items()
        if results[case_id].outcome is not expected
    ]
    assert not wrong, f"{mutant.name} ({mutant.summary}) is not caught as declared:\n" + "\n".join(wrong)


@_each_mutant
def test_no_undeclared_failures(mutant: Mutant, reports: _Reports) -> None:
    report = reports.of(mutant)

    unexpected = [
        _describe(result)
        for result in report.results
        if result.outcome is not Outcome.PASSED and result.case.id not in mutant.expected
    ]
    listing = "\n".join(unexpected)
    assert not unexpected, f"{mutant.name} (violates {mutant.violates}) fails cases it does not declare:\n{listing}"
    assert len(report.results) == len(_CASES)


@_each_mutant
def test_verdict(mutant: Mutant, reports: _Reports) -> None:
    report = reports.of(mutant)
    levels = {_CASES_BY_ID[case_id].level for case_id in mutant.expected}
    lenient = dataclasses.replace(report, strict=False)
    strict = dataclasses.replace(report, strict=True)

    if Level.MUST in levels:
        assert not lenient.conformant, f"{mutant.name} breaks a MUST clause but is reported conformant"
    else:
        assert lenient.conformant, f"{mutant.name} breaks only {sorted(v.value for v in levels)} clauses"
    assert not strict.conformant, f"{mutant.name} is reported conformant in a strict run"
