"""Run the type-check cases of ``conformance/static/cases`` under mypy and pyright.

Modelled on python/typing's conformance suite and typeshed's ``test_cases``:

* ``positive/*.py`` is valid code, written the way users write it, whose types
  are pinned with ``assert_type``: neither checker may report an error in it;
* ``negative/*.py`` holds one invalid statement per line, each marked with a
  trailing ``# E: <short reason>`` comment: every marked line must get at least
  one error and no unmarked line may get one.

Only diagnostics of severity "error" count (mypy's notes are ignored).

The cases are checked against a *site* that holds ``interaction_spec`` exactly
as the wheel lays it out (``.py`` and ``.pyi`` side by side, with ``py.typed``),
never against the repository's own ``interaction_spec/`` (which has no stubs):

* ``overlay``: the runtime modules, ``py.typed`` and ``stubs/interaction_spec``
  copied into ``<tmp>/site/interaction_spec/``;
* ``wheel``: the project's wheel, built with ``pip wheel`` and installed
  (non-editable) with ``pip install --target``.

Each checker runs once over all the case files, in a temporary directory, with
site-packages switched off (mypy ``--no-site-packages``; pyright an empty
virtual environment) so that the editable install of the project in the
development environment cannot leak in. `verify_resolution` proves it: the same
configuration without the site must fail to import ``interaction_spec``.

Usage::

    python -m tests.typecases.runner [--site overlay|wheel|all] [--checker mypy|pyright] [--cases DIR]
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import typing
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = (
    "CASES_ROOT",
    "CHECKERS",
    "REPO_ROOT",
    "SITE_KINDS",
    "CaseError",
    "CaseFile",
    "CheckerRun",
    "Diagnostic",
    "build_overlay_site",
    "build_site",
    "build_wheel",
    "collect_cases",
    "install_wheel",
    "main",
    "run_cases",
    "run_checker",
    "summary_line",
    "verify_resolution",
)

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
"""The repository root (the project whose wheel is built)."""

CASES_ROOT = REPO_ROOT / "conformance" / "static" / "cases"
"""The directory holding ``positive/`` and ``negative/``, shipped in the package for ``typecheck``."""

CHECKERS = ("mypy", "pyright")
"""The type checkers the cases run under."""

SITE_KINDS = ("overlay", "wheel")
"""The two ways of laying out ``interaction_spec`` for the checkers."""

PYTHON_VERSION = "3.10"
"""The oldest Python the project supports; both checkers target it."""

_MARKER = re.compile(r"#\s*E:\s*(?P<reason>\S.*?)\s*$")
_LOOSE_MARKER = re.compile(r"#\s*E\b")
_MYPY_LINE = re.compile(
    r"^(?P<file>.+?):(?:(?P<line>\d+):)?(?:\d+:)? (?P<severity>error|warning|note): (?P<message>.*)$"
)
_CANARY = "import interaction_spec as interaction_spec\n"
_CANARY_NO_SITE = "import interaction_spec as interaction_spec  # E: must be unresolvable without the site\n"


class CaseError(Exception):
    """A case file is malformed (e.g. a positive file with a ``# E`` marker)."""


@dataclasses.dataclass(frozen=True)
class CaseFile:
    """One case file and what is expected of it."""

    path: Path
    """Absolute path of the file."""
    name: str
    """``positive/<file>.py`` or ``negative/<file>.py``."""
    expected: Mapping[int, str]
    """Line number (1-based) -> reason, for every ``# E:`` line (empty for positive files)."""
    code_lines: int
    """Lines that are neither blank nor only a comment."""
    assert_type_lines: int
    """Lines that call ``assert_type``."""

    @property
    def positive(self) -> bool:
        """Whether the file must be free of errors."""
        return self.name.startswith("positive/")

    @property
    def display(self) -> str:
        """The path as shown in mismatch reports (relative to the repository when inside it)."""
        try:
            return self.path.relative_to(REPO_ROOT).as_posix()
        except ValueError:
            return str(self.path)


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """One error reported by a checker."""

    file: str
    """The case file's `CaseFile.name`, or the path of a file that is no case."""
    line: int
    """1-based line number (0 when the checker gave none)."""
    message: str


@dataclasses.dataclass(frozen=True)
class CheckerRun:
    """The errors one checker reported over a set of case files, compared with the expectations."""

    checker: str
    cases: Sequence[CaseFile]
    errors: Sequence[Diagnostic]

    def errors_by_line(self, name: str) -> dict[int, list[str]]:
        """Return the error messages reported in case file ``name``, by line."""
        result: dict[int, list[str]] = {}
        for error in self.errors:
            if error.file == name:
                result.setdefault(error.line, []).append(error.message)
        return result

    def mismatches_for(self, case: CaseFile) -> list[str]:
        """Return one line per mismatch between the errors reported in ``case`` and its expectations."""
        reported = self.errors_by_line(case.name)
        mismatches: list[tuple[int, str]] = []
        for line in sorted(case.expected):
            if line not in reported:
                mismatches.append((line, f"{case.display}:{line}: {self.checker}: expected error, got none"))
        for line, messages in sorted(reported.items()):
            if line not in case.expected:
                mismatches.extend(
                    (line, f"{case.display}:{line}: {self.checker}: unexpected error: {message}")
                    for message in messages
                )
        return [text for _, text in sorted(mismatches)]

    def stray_errors(self) -> list[str]:
        """Return the errors reported outside the case files (e.g. in the site), one line each."""
        names = {case.name for case in self.cases}
        return [
            f"{error.file}:{error.line}: {self.checker}: unexpected error: {error.message}"
            for error in self.errors
            if error.file not in names
        ]

    def mismatches(self) -> list[str]:
        """Return every mismatch: per case file, then the errors outside the case files."""
        result: list[str] = []
        for case in self.cases:
            result.extend(self.mismatches_for(case))
        result.extend(self.stray_errors())
        return result


def _parse_case(path: Path, name: str) -> CaseFile:
    text = path.read_text(encoding="utf-8")
    try:
        ast.parse(text, filename=str(path))
    except SyntaxError as error:
        raise CaseError(f"{path}: not valid Python: {error}") from error
    expected: dict[int, str] = {}
    code_lines = assert_type_lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            code_lines += 1
        if "assert_type(" in stripped and not stripped.startswith("#"):
            assert_type_lines += 1
        if not _LOOSE_MARKER.search(line):
            continue
        marker = _MARKER.search(line)
        if marker is None:
            raise CaseError(f"{path}:{number}: malformed marker, write '# E: <short reason>'")
        if line[: marker.start()].strip() == "":
            raise CaseError(f"{path}:{number}: an '# E:' marker must trail the statement it is about")
        expected[number] = marker.group("reason")
    if name.startswith("positive/") and expected:
        raise CaseError(f"{path}: a positive case file must have no '# E:' marker")
    if name.startswith("negative/") and not expected:
        raise CaseError(f"{path}: a negative case file needs at least one '# E:' marker")
    return CaseFile(path, name, expected, code_lines, assert_type_lines)


def collect_cases(root: Path = CASES_ROOT) -> list[CaseFile]:
    """Return the case files under ``root/positive`` and ``root/negative``, sorted by name.

    Parameters
    ----------
    root : Path
        The directory holding ``positive/`` and ``negative/``.

    Returns
    -------
    list[CaseFile]
        The parsed case files.

    Raises
    ------
    CaseError
        If a case file is malformed.
    """
    cases: list[CaseFile] = []
    for kind in ("positive", "negative"):
        for path in sorted((root / kind).glob("*.py")):
            if path.name == "__init__.py":
                continue
            cases.append(_parse_case(path.resolve(), f"{kind}/{path.name}"))
    return cases


def build_overlay_site(repo: Path, site: Path) -> Path:
    """Lay ``interaction_spec`` out in ``site`` as the wheel does, from the source tree.

    Parameters
    ----------
    repo : Path
        The repository root.
    site : Path
        The directory to create; it receives ``interaction_spec/``.

    Returns
    -------
    Path
        ``site``.
    """
    package = site / "interaction_spec"
    package.mkdir(parents=True)
    for source in sorted((repo / "interaction_spec").glob("*.py")):
        shutil.copy2(source, package / source.name)
    shutil.copy2(repo / "interaction_spec" / "py.typed", package / "py.typed")
    for stub in sorted((repo / "stubs" / "interaction_spec").glob("*.pyi")):
        shutil.copy2(stub, package / stub.name)
    return site


def _run(command: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> str:
    result = subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        raise RuntimeError(f"{' '.join(command)} exited with {result.returncode}\n{output}")
    return result.stdout


def _pip_env() -> dict[str, str]:
    return {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


def build_wheel(repo: Path, dest: Path) -> Path:
    """Build the project's wheel into ``dest`` (no build isolation, no index) and return its path.

    Parameters
    ----------
    repo : Path
        The repository root.
    dest : Path
        An empty directory for the wheel.

    Returns
    -------
    Path
        The built ``.whl`` file.

    Raises
    ------
    RuntimeError
        If pip fails or does not build exactly one wheel.
    """
    dest.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
    _run([*command, "-w", str(dest), str(repo)], env=_pip_env())
    wheels = sorted(dest.glob("interaction_spec-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one interaction_spec wheel in {dest}, found {wheels}")
    return wheels[0]


def install_wheel(wheel: Path, site: Path) -> Path:
    """Install ``wheel`` (without dependencies, non-editable) into the directory ``site``.

    Parameters
    ----------
    wheel : Path
        The wheel to install.
    site : Path
        The target directory (``pip install --target``).

    Returns
    -------
    Path
        ``site``.
    """
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--no-compile"]
    _run([*command, "--target", str(site), str(wheel)], env=_pip_env())
    return site


def build_site(kind: str, dest: Path, repo: Path = REPO_ROOT) -> Path:
    """Build a site of the given kind under the empty directory ``dest`` and return it.

    Parameters
    ----------
    kind : str
        ``"overlay"`` or ``"wheel"``.
    dest : Path
        A directory for the site (and, for ``"wheel"``, the wheel).
    repo : Path
        The repository root.

    Returns
    -------
    Path
        The site directory, to put on the checkers' search path.

    Raises
    ------
    ValueError
        If ``kind`` is unknown.
    """
    if kind == "overlay":
        return build_overlay_site(repo, dest / "site")
    if kind == "wheel":
        return install_wheel(build_wheel(repo, dest / "dist"), dest / "site")
    raise ValueError(f"unknown site kind {kind!r}; expected one of {SITE_KINDS}")


def _prepare(cases: Sequence[CaseFile], work: Path) -> Path:
    """Copy the case files into ``work/cases/{positive,negative}`` (as packages) and return that directory."""
    root = work / "cases"
    for kind in ("positive", "negative"):
        (root / kind).mkdir(parents=True)
        # Makes `positive.x` and `negative.x` distinct modules even when the basenames are equal.
        (root / kind / "__init__.py").write_text("", encoding="utf-8")
    for case in cases:
        shutil.copyfile(case.path, root / case.name)
    return root


def _case_name(reported: str, root: Path) -> str:
    path = Path(reported)
    if not path.is_absolute():
        path = root / path
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def _run_mypy(site: Path, work: Path, root: Path, names: Sequence[str]) -> list[Diagnostic]:
    config = work / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")  # keeps a user-level mypy config out
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(config),
        "--strict",
        "--python-version",
        PYTHON_VERSION,
        "--no-site-packages",
        "--no-error-summary",
        "--show-error-codes",
        "--hide-error-context",
        "--no-pretty",
        "--no-color-output",
        "--no-incremental",
        "--cache-dir",
        str(work / "mypy_cache"),
        *names,
    ]
    env = {key: value for key, value in os.environ.items() if not key.startswith("MYPY")}
    env["MYPYPATH"] = str(site)
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    errors: list[Diagnostic] = []
    unparsed: list[str] = []
    for line in result.stdout.splitlines():
        match = _MYPY_LINE.match(line)
        if match is None:
            unparsed.append(line)
        elif match.group("severity") == "error":
            number = int(match.group("line") or 0)
            errors.append(Diagnostic(_case_name(match.group("file"), root), number, match.group("message")))
    if result.returncode not in (0, 1) or unparsed or (result.returncode == 1) != bool(errors):
        raise RuntimeError(
            f"mypy failed (exit {result.returncode})\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return errors


def _run_pyright(site: Path, work: Path, root: Path, names: Sequence[str]) -> list[Diagnostic]:
    # An empty virtual environment: pyright must not see the interpreter's site-packages.
    (work / "no-venv" / "lib" / f"python{PYTHON_VERSION}" / "site-packages").mkdir(parents=True)
    config = {
        "typeCheckingMode": "strict",
        "pythonVersion": PYTHON_VERSION,
        "pythonPlatform": "Linux",
        "extraPaths": [str(site)],
        "venvPath": str(work),
        "venv": "no-venv",
        # typing_extensions resolves to the checker's bundled stub; not having its source is not the case's fault.
        "reportMissingModuleSource": "none",
    }
    (root / "pyrightconfig.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    command = [sys.executable, "-m", "pyright", "--outputjson", "-p", str(root / "pyrightconfig.json"), *names]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    report: Any  # pyright's --outputjson document
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None
    if result.returncode not in (0, 1) or not isinstance(report, dict):
        raise RuntimeError(
            f"pyright failed (exit {result.returncode})\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    document = typing.cast("dict[str, Any]", report)
    analysed = document.get("summary", {}).get("filesAnalyzed")
    if analysed != len(names):
        raise RuntimeError(f"pyright analysed {analysed} files, expected {len(names)}:\n{result.stdout}")
    errors: list[Diagnostic] = []
    for entry in document.get("generalDiagnostics", []):
        if entry.get("severity") != "error":
            continue
        line = int(entry["range"]["start"]["line"]) + 1 if "range" in entry else 0
        rule = entry.get("rule")
        message = " ".join(str(entry["message"]).split()) + (f"  [{rule}]" if rule else "")
        errors.append(Diagnostic(_case_name(str(entry.get("file", "")), root), line, message))
    return errors


def run_checker(checker: str, site: Path, cases: Sequence[CaseFile]) -> list[Diagnostic]:
    """Run ``checker`` once over ``cases`` against ``site`` and return the errors it reported.

    Parameters
    ----------
    checker : str
        ``"mypy"`` or ``"pyright"``.
    site : Path
        The directory holding ``interaction_spec`` (the only place it may be found).
    cases : Sequence[CaseFile]
        The case files.

    Returns
    -------
    list[Diagnostic]
        Every error (not note or warning) reported, in any file.

    Raises
    ------
    ValueError
        If ``checker`` is unknown.
    RuntimeError
        If the checker crashed or its output could not be understood.
    """
    if checker not in CHECKERS:
        raise ValueError(f"unknown checker {checker!r}; expected one of {CHECKERS}")
    if not cases:
        return []
    with tempfile.TemporaryDirectory(prefix=f"typecases-{checker}-") as tmp:
        work = Path(tmp)
        root = _prepare(cases, work)
        names = [case.name for case in cases]
        if checker == "mypy":
            return _run_mypy(site.resolve(), work, root, names)
        return _run_pyright(site.resolve(), work, root, names)


def run_cases(checker: str, site: Path, cases: Sequence[CaseFile]) -> CheckerRun:
    """Run ``checker`` over ``cases`` against ``site`` and pair the errors with the expectations.

    Parameters
    ----------
    checker : str
        ``"mypy"`` or ``"pyright"``.
    site : Path
        The directory holding ``interaction_spec``.
    cases : Sequence[CaseFile]
        The case files.

    Returns
    -------
    CheckerRun
        The errors, with `CheckerRun.mismatches` to compare them with the markers.
    """
    return CheckerRun(checker, tuple(cases), tuple(run_checker(checker, site, cases)))


def verify_resolution(checker: str, site: Path) -> list[str]:
    """Check that ``checker`` finds ``interaction_spec`` in ``site`` and nowhere else.

    A canary ``import interaction_spec`` must type-check with ``site`` and fail
    with an empty directory in its place (same configuration otherwise), so
    neither the repository's ``interaction_spec/`` nor an installed copy can be
    what the cases were checked against.

    Parameters
    ----------
    checker : str
        ``"mypy"`` or ``"pyright"``.
    site : Path
        The site to verify.

    Returns
    -------
    list[str]
        The problems found; empty when resolution is as intended.
    """
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="typecases-canary-") as tmp:
        work = Path(tmp)
        for label, text, where in (("site", _CANARY, site), ("no-site", _CANARY_NO_SITE, work / "empty-site")):
            (work / label / "positive").mkdir(parents=True)
            (work / label / "negative").mkdir(parents=True)
            kind = "positive" if label == "site" else "negative"
            (work / label / kind / "canary.py").write_text(text, encoding="utf-8")
            where.mkdir(exist_ok=True)
            run = run_cases(checker, where, collect_cases(work / label))
            problems.extend(f"[{label}] {mismatch}" for mismatch in run.mismatches())
    if not (site / "interaction_spec" / "__init__.pyi").is_file():
        problems.append(f"{site}: no interaction_spec/__init__.pyi: the stubs are not beside the modules")
    return problems


def summary_line(run: CheckerRun) -> str:
    """Return ``"<checker>: N positive files (M lines checked), K negative cases: all matched"`` or the mismatch count.

    Parameters
    ----------
    run : CheckerRun
        A finished run.

    Returns
    -------
    str
        The one-line summary.
    """
    positive = [case for case in run.cases if case.positive]
    lines = sum(case.code_lines for case in positive)
    negative = sum(len(case.expected) for case in run.cases if not case.positive)
    mismatches = run.mismatches()
    verdict = "all matched" if not mismatches else f"{len(mismatches)} mismatch{'es' if len(mismatches) > 1 else ''}"
    counts = f"{len(positive)} positive files ({lines} lines checked), {negative} negative cases"
    return f"{run.checker}: {counts}: {verdict}"


def _report(runs: Iterable[CheckerRun]) -> tuple[list[str], bool]:
    out: list[str] = []
    ok = True
    for run in runs:
        mismatches = run.mismatches()
        ok = ok and not mismatches
        out.extend(mismatches)
        out.append(summary_line(run))
    return out, ok


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cases; print mismatches and a summary per checker and site.

    Parameters
    ----------
    argv : Sequence[str] | None
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every case matched, 1 otherwise.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--site", choices=[*SITE_KINDS, "all"], default="all", help="site(s) to check against")
    parser.add_argument("--checker", choices=CHECKERS, action="append", help="checker to run (default: both)")
    parser.add_argument("--cases", type=Path, default=CASES_ROOT, help="directory with positive/ and negative/")
    args = parser.parse_args(argv)
    kinds: list[str] = list(SITE_KINDS) if args.site == "all" else [args.site]
    checkers: list[str] = args.checker or list(CHECKERS)
    cases = collect_cases(args.cases)
    if not cases:
        print(f"no case files under {args.cases}/positive or {args.cases}/negative", file=sys.stderr)
        return 1
    ok = True
    with tempfile.TemporaryDirectory(prefix="typecases-site-") as tmp:
        for kind in kinds:
            site = build_site(kind, Path(tmp) / kind)
            print(f"site: {kind} ({site})")
            for checker in checkers:
                problems = verify_resolution(checker, site)
                for problem in problems:
                    print(f"{checker}: resolution: {problem}")
                ok = ok and not problems
                lines, matched = _report([run_cases(checker, site, cases)])
                ok = ok and matched
                print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
