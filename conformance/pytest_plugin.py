"""The pytest plugin: run the conformance suite inside a third party's own test suite.

Registered through the ``pytest11`` entry point, so it is active wherever
interaction-spec is installed; it imports nothing heavy until used. Subclass
`ConformanceSuite` in a test module and name the target::

    from conformance.pytest_plugin import ConformanceSuite
    from mylib.testing import MyAdapter

    class TestMyServerConforms(ConformanceSuite):
        adapter = MyAdapter()                           # or a factory, or "module:attribute"
        known_failures = {"sig.status-401": "we answer 400 until 3.0"}

Each case becomes one test item whose node ID carries the case ID, e.g.
``test_conformance.py::TestMyServerConforms::test_case[sig.reject.ping.wrong-key]``.
Cases run on the suite's own event loop in a worker thread, so the plugin
works under any asyncio setup (pytest-asyncio in any mode, anyio, or none).

`StaticConformanceSuite` does the same for ``interaction-conformance
typecheck``: name the server class bots register listeners on, and each static
case becomes a test item; mypy and pyright run once for the class::

    class TestMyServerTypes(StaticConformanceSuite):
        server_class = "mylib.server:MyServer"
"""

from __future__ import annotations

__all__ = ("ConformanceSuite", "StaticConformanceSuite")

import typing

import pytest

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.case import Case
    from conformance.runner import CaseResult
    from conformance.runner import Runner

_STRICT_OPTION: typing.Final = "--conformance-strict"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--conformance-strict``."""
    group = parser.getgroup("interaction-conformance", "interaction-spec conformance suite")
    group.addoption(
        _STRICT_OPTION,
        action="store_true",
        default=False,
        help="SHOULD and MAY failures fail their test instead of being reported as xfail",
    )


class ConformanceSuite:
    """Base class of a conformance test class; set `adapter` in the subclass."""

    adapter: typing.ClassVar[Adapter | typing.Callable[[], Adapter] | str]
    """The target: an `Adapter`, a callable returning one, or a name ``load_adapter`` resolves."""
    strict: typing.ClassVar[bool] = False
    """Whether SHOULD and MAY failures fail (also turned on by ``--conformance-strict``)."""
    only: typing.ClassVar[typing.Sequence[str]] = ()
    """Case ID prefixes to run; empty runs every in-process case."""
    skip: typing.ClassVar[typing.Sequence[str]] = ()
    """Case ID prefixes not to collect."""
    known_failures: typing.ClassVar[typing.Mapping[str, str]] = {}
    """Case ID prefix → reason: those cases are strict xfails, so fixing one makes its test fail until removed."""

    def test_case(self, conformance_runner: Runner, conformance_case: Case, pytestconfig: pytest.Config) -> None:
        """Run one conformance case."""
        from conformance.catalogue import Level  # noqa: PLC0415 - keeps the plugin cheap to load
        from conformance.runner import Outcome  # noqa: PLC0415

        result = conformance_runner.run_case(conformance_case)
        if result.outcome is Outcome.PASSED:
            return
        if result.outcome in (Outcome.SKIPPED, Outcome.NOT_VERIFIED):
            pytest.skip(f"{result.outcome.value}: {result.detail}")
        message = f"{result.level.value} {result.clause.id}: {result.detail}"
        strict = self.strict or bool(pytestconfig.getoption(_STRICT_OPTION))
        if result.level is not Level.MUST and not strict and not _known(self, conformance_case):
            pytest.xfail(f"{message} (not required without --conformance-strict)")
        prefix = {Outcome.ERROR: "error: ", Outcome.NOT_RUN: "not run: "}.get(result.outcome, "")
        pytest.fail(f"{prefix}{message}\n  requirement: {result.clause.requirement}", pytrace=False)


class StaticConformanceSuite:
    """Base class of a static conformance test class; set `server_class` in the subclass."""

    server_class: typing.ClassVar[str]
    """``module:Class``: the server class bots call ``set_listener`` and ``get_listener`` on."""
    known_failures: typing.ClassVar[typing.Mapping[str, str]] = {}
    """Case ID prefix → reason: those cases are strict xfails."""

    def test_static_case(
        self, conformance_static_results: typing.Mapping[str, CaseResult], conformance_static_case: Case
    ) -> None:
        """Report one static case of the class's run."""
        from conformance.runner import Outcome  # noqa: PLC0415

        result = conformance_static_results[conformance_static_case.id]
        if result.outcome is not Outcome.PASSED:
            message = f"{result.level.value} {result.clause.id}: {result.detail}"
            pytest.fail(f"{message}\n  requirement: {result.clause.requirement}", pytrace=False)


def _known(suite: ConformanceSuite | type[ConformanceSuite] | type[StaticConformanceSuite], case: Case) -> str | None:
    for prefix, reason in suite.known_failures.items():
        if case.id == prefix or case.id.startswith(prefix.rstrip(".") + "."):
            return reason
    return None


def _is_prefixes(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(
        isinstance(item, str) for item in typing.cast("typing.Sequence[object]", value)
    )


def _configuration_problem(suite: type[ConformanceSuite]) -> str:
    """Say what is wrong with a suite class's settings, in one line; empty when nothing is."""
    adapter: object = getattr(suite, "adapter", None)
    if adapter is None:
        return "set the class attribute 'adapter' to an Adapter, a factory of one, or a target name such as 'reference'"
    if not isinstance(adapter, str) and not callable(adapter):
        from conformance.adapter import Adapter  # noqa: PLC0415

        if not isinstance(adapter, Adapter):
            return f"'adapter' is {type(adapter).__name__}, not an Adapter, a factory of one, or a target name"
    for name in ("only", "skip"):
        value: object = getattr(suite, name)
        if not _is_prefixes(value):
            return f"{name!r} must be a list or tuple of case ID prefixes, such as ({value!r},), not {value!r}"
    known: object = getattr(suite, "known_failures")  # noqa: B009 - read as the object it is, not as declared
    if not isinstance(known, typing.Mapping) or not all(
        isinstance(key, str) and isinstance(reason, str)
        for key, reason in typing.cast("typing.Mapping[object, object]", known).items()
    ):
        return "'known_failures' must map case ID prefixes to reasons (str to str)"
    strict: object = getattr(suite, "strict")  # noqa: B009
    if not isinstance(strict, bool):
        return f"'strict' must be True or False, not {strict!r}"
    return ""


def _generate_static_tests(metafunc: pytest.Metafunc, suite: type[StaticConformanceSuite]) -> None:
    from conformance.static import static_cases  # noqa: PLC0415

    spec: object = getattr(suite, "server_class", None)
    if not isinstance(spec, str) or ":" not in spec:
        raise pytest.Collector.CollectError(
            f"{suite.__name__}: set the class attribute 'server_class' to 'module:Class'"
        )
    params: list[typing.Any] = []
    for case in static_cases():
        reason = _known(suite, case)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason is not None else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    metafunc.parametrize("conformance_static_case", params)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Make one test item per case for `ConformanceSuite` and `StaticConformanceSuite` subclasses."""
    suite = typing.cast("type[object] | None", metafunc.cls)  # pyright: ignore[reportUnknownMemberType]
    if suite is not None and issubclass(suite, StaticConformanceSuite):
        if "conformance_static_case" in metafunc.fixturenames:
            _generate_static_tests(metafunc, suite)
        return
    if suite is None or not issubclass(suite, ConformanceSuite) or "conformance_case" not in metafunc.fixturenames:
        return
    from conformance.cases import ALL_CASES  # noqa: PLC0415
    from conformance.model import Mode  # noqa: PLC0415
    from conformance.runner import select_cases  # noqa: PLC0415
    from conformance.runner import unmatched_prefixes  # noqa: PLC0415

    problem = _configuration_problem(suite)
    if not problem:
        unmatched = unmatched_prefixes(ALL_CASES, Mode.IN_PROCESS, (*suite.only, *suite.skip, *suite.known_failures))
        if unmatched:
            problem = f"no conformance case matches {', '.join(map(repr, unmatched))}"
    cases = () if problem else select_cases(ALL_CASES, Mode.IN_PROCESS, only=tuple(suite.only), skip=tuple(suite.skip))
    if not problem and not cases:
        problem = "its only/skip prefixes leave no conformance case"
    if problem:
        # One collection error for the class, shown as this one line (pytest prints a CollectError's message only).
        raise pytest.Collector.CollectError(f"{suite.__name__}: {problem}")
    params: list[typing.Any] = []
    for case in cases:
        reason = _known(suite, case)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason is not None else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    metafunc.parametrize("conformance_case", params)


@pytest.fixture(scope="class")
def conformance_runner(request: pytest.FixtureRequest) -> typing.Iterator[Runner]:
    """Yield a runner for the class's target, shared by its cases."""
    from conformance.adapter import Adapter  # noqa: PLC0415
    from conformance.runner import Runner  # noqa: PLC0415
    from conformance.signing import Signer  # noqa: PLC0415
    from conformance.targets import load_adapter  # noqa: PLC0415

    suite = typing.cast("type[object] | None", request.cls)  # pyright: ignore[reportUnknownMemberType]
    target: object = getattr(suite, "adapter", None)
    if target is None:
        raise pytest.UsageError(f"{suite!r} must set the class attribute 'adapter'")
    if isinstance(target, str):
        adapter = load_adapter(target)
    elif isinstance(target, Adapter):
        adapter = target
    elif callable(target):
        made: object = target()
        if not isinstance(made, Adapter):
            raise pytest.UsageError(f"{suite!r}.adapter() returned {type(made).__name__}, not an Adapter")
        adapter = made
    else:
        raise pytest.UsageError(f"{suite!r}.adapter is {type(target).__name__}, not an Adapter, factory or name")
    with Runner(Signer(), adapter=adapter) as runner:
        yield runner


@pytest.fixture(scope="class")
def conformance_static_results(request: pytest.FixtureRequest) -> typing.Mapping[str, CaseResult]:
    """Run mypy and pyright once for the class's `StaticConformanceSuite.server_class`; map case IDs to results."""
    import interaction_spec  # noqa: PLC0415
    from conformance.static import CheckerError  # noqa: PLC0415
    from conformance.static import StaticSetupError  # noqa: PLC0415
    from conformance.static import TargetClassError  # noqa: PLC0415
    from conformance.static import load_class  # noqa: PLC0415
    from conformance.static import run_static  # noqa: PLC0415

    suite = typing.cast("type[object] | None", request.cls)  # pyright: ignore[reportUnknownMemberType]
    spec: object = getattr(suite, "server_class", None)
    if not isinstance(spec, str):
        raise pytest.UsageError(f"{suite!r} must set the class attribute 'server_class' to 'module:Class'")
    try:
        report = run_static(load_class(spec), suite_version=interaction_spec.__version__)
    except (TargetClassError, StaticSetupError, CheckerError) as exc:
        raise pytest.UsageError(f"{suite!r}: {exc}") from None
    return {result.case.id: result for result in report.results}
