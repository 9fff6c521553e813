"""Run the type-check cases (``conformance/static/cases``) under mypy and pyright, on the overlay and the wheel."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.typecases import runner

CASES = runner.collect_cases()
STUBS = sorted((runner.REPO_ROOT / "stubs" / "interaction_spec").glob("*.pyi"))
_WHEEL_GROUP = pytest.mark.xdist_group("typecases-wheel")
_each_site = pytest.mark.parametrize(
    "kind", [pytest.param(kind, marks=pytest.mark.xdist_group(f"typecases-{kind}")) for kind in runner.SITE_KINDS]
)
"""Every site; the tests of one site form an xdist group, so that it is built and checked once, by one worker."""


class Runs:
    """Runs each checker at most once per site over all the case files, on demand."""

    def __init__(self) -> None:
        self._runs: dict[tuple[str, Path], runner.CheckerRun] = {}

    def get(self, checker: str, site: Path) -> runner.CheckerRun:
        key = (checker, site)
        if key not in self._runs:
            self._runs[key] = runner.run_cases(checker, site, CASES)
        return self._runs[key]


def _site(request: pytest.FixtureRequest, kind: str) -> Path:
    """Return the session's site of ``kind`` (built on first use)."""
    site: Path = request.getfixturevalue(f"{kind}_site")
    return site


@pytest.fixture(scope="session")
def overlay_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return runner.build_site("overlay", tmp_path_factory.mktemp("overlay"))


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return runner.build_wheel(runner.REPO_ROOT, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def wheel_site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return runner.install_wheel(wheel, tmp_path_factory.mktemp("wheel") / "site")


@pytest.fixture(scope="session")
def runs() -> Runs:
    return Runs()


def test_cases_exist() -> None:
    positive = [case for case in CASES if case.positive]
    negative = [case for case in CASES if not case.positive]
    assert positive, "no positive case files found"
    assert negative, "no negative case files found"
    assert sum(case.assert_type_lines for case in positive) > 0
    assert all(case.expected for case in negative)


@_each_site
@pytest.mark.parametrize("checker", runner.CHECKERS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(request: pytest.FixtureRequest, runs: Runs, checker: str, kind: str, case: runner.CaseFile) -> None:
    mismatches = runs.get(checker, _site(request, kind)).mismatches_for(case)
    assert not mismatches, "\n".join(mismatches)


@_each_site
@pytest.mark.parametrize("checker", runner.CHECKERS)
def test_no_error_outside_the_cases(request: pytest.FixtureRequest, runs: Runs, checker: str, kind: str) -> None:
    stray = runs.get(checker, _site(request, kind)).stray_errors()
    assert not stray, "\n".join(stray)


@_each_site
@pytest.mark.parametrize("checker", runner.CHECKERS)
def test_interaction_spec_resolves_to_the_site_only(request: pytest.FixtureRequest, checker: str, kind: str) -> None:
    problems = runner.verify_resolution(checker, _site(request, kind))
    assert not problems, "\n".join(problems)


@_WHEEL_GROUP
def test_site_layouts_match(overlay_site: Path, wheel_site: Path) -> None:
    overlay = sorted(path.name for path in (overlay_site / "interaction_spec").iterdir())
    installed = sorted(path.name for path in (wheel_site / "interaction_spec").iterdir() if path.name != "__pycache__")
    assert overlay == installed
    for name in overlay:
        assert (overlay_site / "interaction_spec" / name).read_bytes() == (
            wheel_site / "interaction_spec" / name
        ).read_bytes(), name


@_WHEEL_GROUP
def test_wheel_ships_the_stubs_beside_the_modules(wheel: Path) -> None:
    assert STUBS, "no stubs found"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "interaction_spec/py.typed" in names
        for stub in STUBS:
            shipped = f"interaction_spec/{stub.name}"
            assert shipped in names, f"{shipped} missing from {wheel.name}"
            assert f"interaction_spec/{stub.stem}.py" in names, f"no module beside {shipped}"
            assert archive.read(shipped) == stub.read_bytes(), f"{shipped} differs from {stub}"
        shipped_stubs = {name for name in names if name.endswith(".pyi")}
        assert shipped_stubs == {f"interaction_spec/{stub.name}" for stub in STUBS}
        assert not any(name.startswith("stubs/") for name in names)


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("checker", runner.CHECKERS)
def test_runner_reports_mismatches(tmp_path: Path, overlay_site: Path, checker: str) -> None:
    _write(
        tmp_path,
        "negative/detect.py",
        "from interaction_spec import CallbackType\n"
        "\n"
        "valid: int = CallbackType.PONG  # E: marked, but valid\n"
        'invalid: int = "unmarked, but an error"\n'
        "caught: str = CallbackType.PONG  # E: matched\n",
    )
    _write(tmp_path, "positive/detect.py", 'wrong: bytes = "an error in a positive file"\n')
    positive, negative = cases = runner.collect_cases(tmp_path)
    run = runner.run_cases(checker, overlay_site, cases)
    assert run.errors_by_line(negative.name).keys() == {4, 5}
    mismatches = run.mismatches_for(negative)
    assert len(mismatches) == 2, mismatches
    assert mismatches[0] == f"{negative.path}:3: {checker}: expected error, got none"
    assert mismatches[1].startswith(f"{negative.path}:4: {checker}: unexpected error: ")
    [mismatch] = run.mismatches_for(positive)
    assert mismatch.startswith(f"{positive.path}:1: {checker}: unexpected error: ")
    assert run.mismatches() == [mismatch, *mismatches]
    assert runner.summary_line(run) == (
        f"{checker}: 1 positive files (1 lines checked), 2 negative cases: 3 mismatches"
    )


def test_runner_main_reports_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "positive/ok.py", "from interaction_spec import CallbackType\n\nok: int = CallbackType.PONG\n")
    _write(tmp_path, "negative/bad.py", "fine: int = 1  # E: not an error\n")
    assert runner.main(["--site", "overlay", "--checker", "mypy", "--cases", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'negative' / 'bad.py'}:1: mypy: expected error, got none" in out
    assert "mypy: 1 positive files (2 lines checked), 1 negative cases: 1 mismatch" in out

    (tmp_path / "negative" / "bad.py").write_text('bad: int = ""  # E: str is no int\n', encoding="utf-8")
    assert runner.main(["--site", "overlay", "--checker", "pyright", "--cases", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "pyright: 1 positive files (2 lines checked), 1 negative cases: all matched" in out


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("positive/marked.py", "x: int = 1  # E: positive files take no marker\n", "no '# E:' marker"),
        ("negative/unmarked.py", "x: int = 1\n", "needs at least one"),
        ("negative/malformed.py", "x: int = ''  # E\n", "malformed marker"),
        ("negative/alone.py", "x: int = ''\n# E: a marker on its own line\n", "must trail"),
        ("negative/syntax.py", "x: int = (\n", "not valid Python"),
    ],
)
def test_runner_rejects_malformed_cases(tmp_path: Path, name: str, text: str, error: str) -> None:
    _write(tmp_path, name, text)
    with pytest.raises(runner.CaseError, match=error):
        runner.collect_cases(tmp_path)


@pytest.mark.parametrize("checker", runner.CHECKERS)
def test_resolution_check_fails_without_the_site(tmp_path: Path, checker: str) -> None:
    empty = tmp_path / "empty-site"
    empty.mkdir()
    problems = runner.verify_resolution(checker, empty)
    assert any(f"canary.py:1: {checker}: unexpected error" in problem for problem in problems), problems
    assert any("no interaction_spec/__init__.pyi" in problem for problem in problems), problems


def test_typing_page_quotes_mypys_overload_error(overlay_site: Path) -> None:
    [case] = [case for case in CASES if case.name == "negative/guide_listeners.py"]
    line = next(
        number
        for number, text in enumerate(case.path.read_text(encoding="utf-8").splitlines(), start=1)
        if "server.set_listener(ComponentInteraction, on_command)" in text
    )
    [message] = runner.run_cases("mypy", overlay_site, [case]).errors_by_line(case.name)[line]
    assert message.startswith('Argument 1 to "set_listener"'), message
    page = (runner.REPO_ROOT / "docs" / "typing.md").read_text(encoding="utf-8")
    assert f"error: {message}\n" in page
