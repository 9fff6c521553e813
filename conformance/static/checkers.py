"""Run mypy and pyright once each over a directory of case files, in the current environment.

Both run in strict mode, targeting the running Python, and see what it sees
(its site-packages, so the target's own package and its dependencies), plus
the directories named as extra search paths, which come first. Only errors
count; mypy's notes and pyright's warnings are dropped.
"""

from __future__ import annotations

__all__ = ("CHECKERS", "CheckerError", "Diagnostic", "missing_checkers", "run_mypy", "run_pyright")

import dataclasses
import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
import typing

CHECKERS: typing.Final = ("mypy", "pyright")
"""The checkers, in the order they run."""

_PYTHON_VERSION: typing.Final = f"{sys.version_info.major}.{sys.version_info.minor}"
_MYPY_LINE: typing.Final = re.compile(
    r"^(?P<file>.+?):(?:(?P<line>\d+):)?(?:\d+:)? (?P<severity>error|warning|note): (?P<message>.*)$"
)
_MYPY_CODE: typing.Final = re.compile(r"\s+\[(?P<code>[a-z0-9-]+)\]$")
_TIMEOUT_S: typing.Final = 300.0


class CheckerError(Exception):
    """A checker crashed, timed out or printed what cannot be read; the message says which, in one line."""


@dataclasses.dataclass(frozen=True, slots=True)
class Diagnostic:
    """One error a checker reported."""

    checker: str
    file: str
    """The path relative to the checked directory (``positive/x.py``), or as reported when outside it."""
    line: int
    message: str
    code: str
    """mypy's error code or pyright's rule; empty when none was given."""


def missing_checkers() -> list[str]:
    """Return the checkers that are not installed in this environment."""
    return [name for name in CHECKERS if importlib.util.find_spec(name) is None]


def _relative(reported: str, root: pathlib.Path) -> str:
    path = pathlib.Path(reported)
    if not path.is_absolute():
        path = root / path
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return reported


def _run(checker: str, command: typing.Sequence[str], root: pathlib.Path, env: typing.Mapping[str, str]) -> str:
    try:
        result = subprocess.run(
            list(command), cwd=root, env=dict(env), capture_output=True, text=True, check=False, timeout=_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        raise CheckerError(f"{checker} did not finish in {_TIMEOUT_S:g}s") from None
    if result.returncode not in (0, 1):
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise CheckerError(f"{checker} failed with exit status {result.returncode}: {last[0]}")
    return result.stdout


def run_mypy(
    root: pathlib.Path, names: typing.Sequence[str], search_path: typing.Sequence[pathlib.Path]
) -> list[Diagnostic]:
    """Run ``mypy --strict`` over ``names`` (relative to ``root``) and return its errors.

    Modules reached through imports are checked silently: an error in the
    target's own code is not an error of a case.

    Raises
    ------
    CheckerError
        If mypy crashed or printed a line that is not a diagnostic.
    """
    config = root.parent / "mypy.ini"
    config.write_text("[mypy]\nfollow_imports = silent\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(config),
        "--strict",
        "--python-version",
        _PYTHON_VERSION,
        "--python-executable",
        sys.executable,
        "--no-error-summary",
        "--show-error-codes",
        "--hide-error-context",
        "--no-pretty",
        "--no-color-output",
        "--cache-dir",
        str(root.parent / "mypy_cache"),
        *names,
    ]
    env = {key: value for key, value in os.environ.items() if not key.startswith("MYPY")}
    env["MYPYPATH"] = os.pathsep.join(str(path) for path in search_path)
    errors: list[Diagnostic] = []
    for line in _run("mypy", command, root, env).splitlines():
        match = _MYPY_LINE.match(line)
        if match is None:
            raise CheckerError(f"mypy printed a line that is not a diagnostic: {line[:200]}")
        if match.group("severity") != "error":
            continue
        message = match.group("message")
        code = _MYPY_CODE.search(message)
        text = message[: code.start()] if code else message
        number = int(match.group("line") or 0)
        errors.append(
            Diagnostic("mypy", _relative(match.group("file"), root), number, text, code.group("code") if code else "")
        )
    return errors


def run_pyright(
    root: pathlib.Path, names: typing.Sequence[str], search_path: typing.Sequence[pathlib.Path]
) -> list[Diagnostic]:
    """Run pyright in strict mode over ``names`` (relative to ``root``) and return its errors.

    Raises
    ------
    CheckerError
        If pyright crashed, printed no JSON report, or analysed another number of files.
    """
    config = {
        "typeCheckingMode": "strict",
        "pythonVersion": _PYTHON_VERSION,
        "extraPaths": [str(path) for path in search_path],
        "reportMissingModuleSource": "none",
    }
    (root / "pyrightconfig.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "pyright",
        "--outputjson",
        "--pythonpath",
        sys.executable,
        "-p",
        str(root / "pyrightconfig.json"),
        *names,
    ]
    output = _run("pyright", command, root, os.environ)
    try:
        document: object = json.loads(output)
    except ValueError:
        raise CheckerError(f"pyright printed no JSON report: {output.strip()[:200]}") from None
    if not isinstance(document, dict):
        raise CheckerError("pyright's report is not a JSON object")
    report = typing.cast("dict[str, typing.Any]", document)
    analysed = report.get("summary", {}).get("filesAnalyzed")
    if analysed != len(names):
        raise CheckerError(f"pyright analysed {analysed} files, expected {len(names)}")
    errors: list[Diagnostic] = []
    for entry in report.get("generalDiagnostics", []):
        if entry.get("severity") != "error":
            continue
        line = int(entry["range"]["start"]["line"]) + 1 if "range" in entry else 0
        message = " ".join(str(entry.get("message", "")).split())
        errors.append(
            Diagnostic(
                "pyright", _relative(str(entry.get("file", "")), root), line, message, str(entry.get("rule", ""))
            )
        )
    return errors
