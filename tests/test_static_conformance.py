"""``interaction-conformance typecheck``: the registry's overloads checked on a server class, by the CLI and pytest."""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import textwrap
import typing
import xml.etree.ElementTree as ET

import hikari.impl
import pytest

import interaction_spec
from conformance import cli
from conformance.model import Mode
from conformance.static import static_cases
from conformance.static.selection import CASES_ROOT
from conformance.static.selection import select
from tests.typecases import runner as typecases

_REPO = pathlib.Path(__file__).resolve().parent.parent
_STATIC = static_cases()
_IDS = [case.id for case in _STATIC]

_GUIDE_STYLE = '''
"""A registry written as the guide once showed it: no annotations."""

import interaction_spec


class GuideStyleServer(interaction_spec.InteractionServer):
    def __init__(self):
        self._listeners = {}

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        raise NotImplementedError

    def get_listener(self, interaction_type, /):
        return self._listeners.get(interaction_type)

    def set_listener(self, interaction_type, listener, /, *, replace=False):
        self._listeners[interaction_type] = listener
'''

_WIDE = '''
"""A registry typed with one wide signature per method: a legal override that accepts any listener."""

from typing import Any

import interaction_spec
from interaction_spec import ListenerT, PartialInteraction


class WideServer(interaction_spec.InteractionServer):
    def __init__(self) -> None:
        self._listeners: dict[type[PartialInteraction], ListenerT[Any, Any]] = {}

    async def on_interaction(self, body: bytes, signature: bytes, timestamp: bytes) -> interaction_spec.Response:
        raise NotImplementedError

    def get_listener(self, interaction_type: type[PartialInteraction], /) -> ListenerT[Any, Any] | None:
        return self._listeners.get(interaction_type)

    def set_listener(
        self,
        interaction_type: type[PartialInteraction],
        listener: ListenerT[Any, Any] | None,
        /,
        *,
        replace: bool = False,
    ) -> None:
        if listener is not None:
            self._listeners[interaction_type] = listener
'''

_FOREIGN = '''
"""A registry typed as the contract's, but with interaction classes of its own, as a library's are."""

from collections.abc import Awaitable, Callable


class Interaction:
    pass


class CommandInteraction(Interaction):
    pass


Listener = Callable[[Interaction], Awaitable[object]]


class ForeignServer:
    def __init__(self) -> None:
        self._listeners: dict[type[Interaction], Listener] = {}

    def get_listener(self, interaction_type: type[Interaction], /) -> Listener | None:
        return self._listeners.get(interaction_type)

    def set_listener(
        self, interaction_type: type[Interaction], listener: Listener | None, /, *, replace: bool = False
    ) -> None:
        if listener is not None:
            self._listeners[interaction_type] = listener
'''

_HALF_FOREIGN = _WIDE.replace("WideServer", "HalfForeignServer").replace(
    "def get_listener(self, interaction_type: type[PartialInteraction], /)",
    "def get_listener(self, interaction_type: type[int], /)",
)
"""`_WIDE` whose get_listener takes ints for interaction classes: its set_listener cases are still judged."""


class Run(typing.NamedTuple):
    status: int
    out: str
    err: str
    report: dict[str, typing.Any]
    junit: ET.Element


def _typecheck(spec: str, directory: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> Run:
    report, junit = directory / "report.json", directory / "report.xml"
    status = cli.main(["typecheck", spec, "--json", str(report), "--junit-xml", str(junit), "--no-color"])
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err, json.loads(report.read_text()), ET.parse(junit).getroot())


def _outcomes(run: Run) -> dict[str, str]:
    return {case["id"]: case["outcome"] for case in run.report["cases"]}


def _failed(run: Run, kind: str) -> set[str]:
    return {case_id for case_id, outcome in _outcomes(run).items() if outcome == "failed" and f"-{kind}." in case_id}


def _module(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str) -> None:
    (tmp_path / "fixture_modules").mkdir(exist_ok=True)
    (tmp_path / "fixture_modules" / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "fixture_modules"), *sys.path])


def test_cases_cover_both_overloads_both_ways() -> None:
    clauses = {case.clause.id for case in _STATIC}
    assert clauses == {
        f"static.{method}-{kind}" for method in ("set-listener", "get-listener") for kind in ("accepts", "rejects")
    }
    assert len(_IDS) == len(set(_IDS))
    for selected in select():
        if selected.name in {"negative/listener_shape.py", "negative/set_listener_builders.py"}:
            lines = enumerate(selected.text.splitlines(), start=1)
            marked = {number for number, line in lines if "# E:" in line and "server.set_listener(" in line}
            assert {line for case in selected.cases for line in case.lines} == marked, selected.name
            assert {case.clause_id for case in selected.cases} == {"static.set-listener-rejects"}
    assert all(case.modes == frozenset({Mode.STATIC}) for case in _STATIC)


def test_the_reference_conforms(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = _typecheck("conformance.reference.server:ReferenceInteractionServer", tmp_path, capsys)
    assert run.status == cli.EXIT_CONFORMANT, run.out
    assert run.report["mode"] == "static"
    assert run.report["conformant"] is True
    assert _outcomes(run) == dict.fromkeys(_IDS, "passed")
    assert run.junit.get("tests") == str(len(_IDS))
    assert run.junit.get("failures") == "0"
    assert run.out.rstrip().splitlines()[-1].startswith(f"{len(_IDS)} passed, 0 failed")


def test_the_guides_server_conforms(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = _typecheck("tests.examples.guide_server:MyInteractionServer", tmp_path, capsys)
    assert run.status == cli.EXIT_CONFORMANT, run.out
    assert _outcomes(run) == dict.fromkeys(_IDS, "passed")


def test_an_untyped_registry_accepts_wrong_listeners(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _module(tmp_path, monkeypatch, "guide_style", _GUIDE_STYLE)
    run = _typecheck("guide_style:GuideStyleServer", tmp_path, capsys)
    assert run.status == cli.EXIT_NOT_CONFORMANT
    accepted = "static.set-listener-rejects.listener-shape.a-sync-function-is-no-listener"
    assert accepted in _failed(run, "rejects")
    detail = next(case["detail"] for case in run.report["cases"] if case["id"] == accepted)
    assert detail.startswith("mypy and pyright accept negative/listener_shape.py:")
    assert 'mypy only says: Call to untyped function "set_listener"' in detail
    assert "static.set-listener-accepts.guide-listeners.register" in _failed(run, "accepts")
    assert "static.get-listener-rejects.get-listener.the-listener-may-be-none" in _failed(run, "rejects")
    failures = run.junit.findall("testcase/failure")
    assert len(failures) == len(_failed(run, "rejects") | _failed(run, "accepts"))
    assert f"static.set-listener-rejects.listener-shape.a-sync-function-is-no-listener: {detail}" in " ".join(
        run.out.split()
    )


def test_a_wide_registry_accepts_wrong_listeners_but_not_wrong_kinds(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _module(tmp_path, monkeypatch, "wide_registry", _WIDE)
    run = _typecheck("wide_registry:WideServer", tmp_path, capsys)
    assert run.status == cli.EXIT_NOT_CONFORMANT
    outcomes = _outcomes(run)
    assert (
        outcomes["static.set-listener-rejects.guide-listeners.a-command-listener-cannot-take-a-component"] == "failed"
    )
    assert outcomes["static.set-listener-rejects.listener-shape.a-component-listener-for-commands"] == "failed"
    assert outcomes["static.set-listener-rejects.listener-shape.a-sync-function-is-no-listener"] == "passed"
    assert outcomes["static.set-listener-rejects.call-signature.int-is-no-interaction"] == "passed"
    assert outcomes["static.set-listener-rejects.call-signature.replace-passed-positionally"] == "passed"
    assert outcomes["static.set-listener-accepts.guide-listeners.register"] == "passed"
    assert outcomes["static.get-listener-accepts.get-listener.exact-types"] == "failed"


def test_hikari_is_checked_structurally(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not issubclass(hikari.impl.InteractionServer, interaction_spec.InteractionServer)
    run = _typecheck("hikari.impl:InteractionServer", tmp_path, capsys)
    assert run.status == cli.EXIT_NOT_CONFORMANT
    # hikari's registry takes hikari's interaction classes, not the contract's: the checkers reject every call the
    # cases make, right or wrong, for its kind alone, so no case says anything about hikari's listener types.
    assert set(_outcomes(run).values()) == {"not-verified"}
    detail = next(case["detail"] for case in run.report["cases"] if case["id"].endswith("guide-listeners.register"))
    assert detail.startswith("set_listener rejects the contract's interaction classes, whatever the listener: mypy: ")
    assert "hikari.interactions" in detail


def test_a_registry_typed_with_other_interaction_classes_is_not_verified_never_passed(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _module(tmp_path, monkeypatch, "foreign_registry", _FOREIGN)
    run = _typecheck("foreign_registry:ForeignServer", tmp_path, capsys)
    assert run.status == cli.EXIT_NOT_CONFORMANT
    assert set(_outcomes(run).values()) == {"not-verified"}
    expected = 'has incompatible type "type[CommandInteraction]"; expected "type[Interaction]"'
    assert {case["detail"] for case in run.report["cases"]} == {
        f"{method} rejects the contract's interaction classes, whatever the listener: mypy: Argument 1 to "
        f'"{method}" of "ForeignServer" {expected}'
        for method in ("set_listener", "get_listener")
    }
    assert run.out.rstrip().splitlines()[-1].startswith(f"0 passed, 0 failed, 0 errors, 0 skipped, {len(_IDS)} not")


def test_a_registry_that_takes_the_contracts_classes_for_one_method_only_is_judged_on_that_method(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _module(tmp_path, monkeypatch, "half_foreign_registry", _HALF_FOREIGN)
    run = _typecheck("half_foreign_registry:HalfForeignServer", tmp_path, capsys)
    by_method: dict[str, set[str]] = {}
    for case_id, outcome in _outcomes(run).items():
        by_method.setdefault(case_id.split(".")[1].rsplit("-", 1)[0], set()).add(outcome)
    assert by_method["get-listener"] == {"not-verified"}
    assert "not-verified" not in by_method["set-listener"]
    assert _outcomes(run)["static.set-listener-accepts.guide-listeners.register"] == "passed"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("no_such_module_anywhere:Server", "cannot import 'no_such_module_anywhere'"),
        ("conformance.cli:main", "conformance.cli:main is function, not a class"),
        ("conformance.cli:NoSuchServer", "'conformance.cli' has no attribute 'NoSuchServer'"),
        ("conformance.cli", "'conformance.cli' is not module:Class"),
    ],
)
def test_a_name_that_is_no_class_is_one_line_and_exit_2(
    spec: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["typecheck", spec]) == cli.EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"interaction-conformance: error: {message}")
    assert captured.err.count("\n") == 1


def test_without_a_checker_it_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> typing.Any:  # noqa: ANN401 - a ModuleSpec or None
        return None if name == "pyright" else real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert cli.main(["typecheck", "conformance.reference.server:ReferenceInteractionServer"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err == "interaction-conformance: error: typecheck needs pyright: pip install 'interaction-spec[static]'\n"


def test_list_names_every_static_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["typecheck", "--list"]) == cli.EXIT_CONFORMANT
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == _IDS


def test_runs_from_the_installed_wheel(tmp_path: pathlib.Path) -> None:
    site = typecases.install_wheel(typecases.build_wheel(_REPO, tmp_path / "dist"), tmp_path / "site")
    assert (site / "conformance" / "static" / "cases" / "negative" / "listener_shape.py").is_file()
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    command = [
        sys.executable,
        "-m",
        "conformance",
        "typecheck",
        "conformance.reference.server:ReferenceInteractionServer",
    ]
    result = subprocess.run(
        [*command, "--json", str(tmp_path / "r.json")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().splitlines()[-1].startswith(f"{len(_IDS)} passed, 0 failed")
    probe = "import conformance.static.selection as s, interaction_spec as i; print(s.CASES_ROOT); print(i.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [pathlib.Path(path).is_relative_to(site) for path in where] == [True, True]
    assert CASES_ROOT.is_relative_to(_REPO)


def test_pytest_plugin_makes_one_item_per_static_case(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(_REPO))
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(
        test_types=textwrap.dedent(
            """
            from conformance.pytest_plugin import StaticConformanceSuite


            class TestWide(StaticConformanceSuite):
                server_class = "wide_registry:WideServer"
                known_failures = {"static.get-listener-accepts.get-listener.exact-types": "one wide signature"}
            """
        ),
        wide_registry=textwrap.dedent(_WIDE),
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rf")
    outcomes = result.parseoutcomes()
    assert sum(outcomes.get(key, 0) for key in ("passed", "failed", "xfailed")) == len(_IDS), outcomes
    assert outcomes.get("xfailed", 0) == 1
    assert outcomes.get("failed", 0) > 0
    result.stdout.fnmatch_lines(
        [
            "FAILED test_types.py::TestWide::test_static_case"
            "[[]static.set-listener-rejects.listener-shape.a-component-listener-for-commands[]]*"
        ]
    )
