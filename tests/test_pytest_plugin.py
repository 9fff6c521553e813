"""The pytest plugin, exercised the way a third party uses it: in a test suite of its own."""

from __future__ import annotations

import pathlib
import textwrap

import pytest

from conformance.cases import ALL_CASES
from conformance.model import Mode
from conformance.runner import select_cases

_REPO = pathlib.Path(__file__).resolve().parent.parent
_IN_PROCESS = select_cases(ALL_CASES, Mode.IN_PROCESS)


@pytest.fixture
def third_party(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", str(_REPO))
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    return pytester


def _suite(pytester: pytest.Pytester, body: str) -> None:
    pytester.makepyfile(
        test_conformance="from conformance.pytest_plugin import ConformanceSuite\n\n" + textwrap.dedent(body)
    )


def test_one_item_per_case_with_the_case_id_in_the_node_id(third_party: pytest.Pytester) -> None:
    _suite(third_party, 'class TestReference(ConformanceSuite):\n    adapter = "reference"\n')
    result = third_party.runpytest_subprocess("--collect-only", "-q")
    node_ids = [line for line in result.outlines if "::" in line]
    assert len(node_ids) == len(_IN_PROCESS)
    assert "test_conformance.py::TestReference::test_case[sig.reject.ping.wrong-key]" in node_ids


def test_reference_passes(third_party: pytest.Pytester) -> None:
    _suite(third_party, 'class TestReference(ConformanceSuite):\n    adapter = "reference"\n')
    third_party.runpytest_subprocess().assert_outcomes(passed=len(_IN_PROCESS))


def test_should_failures_xfail_unless_strict(third_party: pytest.Pytester) -> None:
    _suite(
        third_party,
        """
        from tests.faulty_targets import BadStatusAdapter

        class TestBadStatus(ConformanceSuite):
            adapter = BadStatusAdapter
            only = ("sig",)
        """,
    )
    total = sum(case.id.startswith("sig.") for case in _IN_PROCESS)
    status_401 = sum(case.clause.id == "sig.status-401" for case in _IN_PROCESS)  # it answers 400 to each
    third_party.runpytest_subprocess().assert_outcomes(passed=total - status_401, xfailed=status_401)
    strict = third_party.runpytest_subprocess("--conformance-strict")
    strict.assert_outcomes(passed=total - status_401, failed=status_401)
    strict.stdout.fnmatch_lines(["*SHOULD sig.status-401: expected 401, got 400*"])


def test_known_failures_are_strict_xfails(third_party: pytest.Pytester) -> None:
    _suite(
        third_party,
        """
        from tests.faulty_targets import BadStatusAdapter

        class TestKnown(ConformanceSuite):
            adapter = BadStatusAdapter()
            strict = True
            only = ("sig.status-401.ping", "ping.pong.status")
            known_failures = {"sig.status-401": "answers 400 until 2.0", "ping.pong.status": "wrongly listed"}
        """,
    )
    result = third_party.runpytest_subprocess("-rX")
    result.assert_outcomes(xfailed=sum(case.id.startswith("sig.status-401.ping.") for case in _IN_PROCESS), failed=1)
    result.stdout.fnmatch_lines(["*XPASS(strict)*wrongly listed*"])


def test_must_failure_fails_with_its_requirement(third_party: pytest.Pytester) -> None:
    _suite(
        third_party,
        """
        class TestRaising(ConformanceSuite):
            adapter = "tests.faulty_targets:RaisingAdapter"
            only = ("robust.never-raises.all-empty",)
        """,
    )
    result = third_party.runpytest_subprocess()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*MUST robust.never-raises: on_interaction raised RuntimeError: the target exploded*"])


def test_works_under_pytest_asyncio_auto_mode(third_party: pytest.Pytester) -> None:
    _suite(
        third_party,
        """
        import asyncio

        class TestReference(ConformanceSuite):
            adapter = "reference"
            only = ("asyncgen", "concurrency")

        async def test_own_async_test() -> None:
            await asyncio.sleep(0)
        """,
    )
    result = third_party.runpytest_subprocess("-p", "asyncio", "--asyncio-mode=auto")
    result.assert_outcomes(passed=1 + sum(case.id.startswith(("asyncgen.", "concurrency.")) for case in _IN_PROCESS))


def test_prefix_matching_no_case_is_a_usage_error(third_party: pytest.Pytester) -> None:
    _suite(
        third_party,
        """
        class TestTypo(ConformanceSuite):
            adapter = "reference"
            only = ("ping",)
            known_failures = {"sig.status-410": "typo"}
        """,
    )
    result = third_party.runpytest_subprocess()
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*TestTypo: no conformance case matches 'sig.status-410'*"])


def test_empty_selection_is_a_usage_error(third_party: pytest.Pytester) -> None:
    _suite(
        third_party, 'class TestNothing(ConformanceSuite):\n    adapter = "reference"\n    only = skip = ("ping",)\n'
    )
    result = third_party.runpytest_subprocess()
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*TestNothing: its only/skip prefixes leave no conformance case*"])


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("pass", "TestBad: set the class attribute 'adapter' to an Adapter, a factory of one, or a target name*"),
        ('adapter = "reference"\n    only = "ping"', "TestBad: 'only' must be a list or tuple of case ID prefixes*"),
        ('adapter = "reference"\n    skip = "sig"', "TestBad: 'skip' must be a list or tuple of case ID prefixes*"),
        ("adapter = 42", "TestBad: 'adapter' is int, not an Adapter, a factory of one, or a target name"),
        ('adapter = "reference"\n    known_failures = {"ping": 1}', "TestBad: 'known_failures' must map*"),
        ('adapter = "reference"\n    strict = "yes"', "TestBad: 'strict' must be True or False, not 'yes'"),
    ],
)
def test_bad_configuration_is_one_collection_error_of_one_line(
    third_party: pytest.Pytester, body: str, line: str
) -> None:
    _suite(third_party, f"class TestBad(ConformanceSuite):\n    {body}\n")
    result = third_party.runpytest_subprocess()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.assert_outcomes(errors=1)
    lines = result.stdout.lines
    heading = next(index for index, text in enumerate(lines) if "ERROR collecting" in text)
    assert lines[heading + 1].startswith("TestBad: ")  # the message itself, with no traceback before it
    result.stdout.fnmatch_lines([line])
    assert "Traceback" not in result.stdout.str() and "raise " not in result.stdout.str()
