"""The stubs agree with the runtime (stubtest); stubs and runtime are clean under mypy --strict and pyright strict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNTIME_MODULES = sorted((REPO / "interaction_spec").glob("*.py"))
STUBS = sorted((REPO / "stubs" / "interaction_spec").glob("*.pyi"))


def _run(*args: str, mypypath: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MYPY")}
    if mypypath is not None:
        env["MYPYPATH"] = mypypath
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, check=False)


def test_every_module_has_a_stub() -> None:
    assert RUNTIME_MODULES, "no runtime modules found"
    assert [path.stem for path in RUNTIME_MODULES] == [path.stem for path in STUBS]
    assert (REPO / "interaction_spec" / "py.typed").is_file()


def test_stubtest() -> None:
    result = _run(
        "-m",
        "mypy.stubtest",
        "interaction_spec",
        "--mypy-config-file",
        "pyproject.toml",
        mypypath="stubs",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Success" in output, output
    assert f"in {len(STUBS)} modules" in output, output


def test_mypy_strict_on_the_stubs(tmp_path: Path) -> None:
    result = _run("-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "stubs/interaction_spec")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Success: no issues found in {len(STUBS)} source files" in result.stdout, result.stdout


def test_mypy_strict_on_the_runtime_modules(tmp_path: Path) -> None:
    # Each file is passed explicitly: `mypy DIR` silently skips a .py that has a .pyi beside it (as in the wheel).
    files = [path.relative_to(REPO).as_posix() for path in RUNTIME_MODULES]
    result = _run("-m", "mypy", "--strict", "--cache-dir", str(tmp_path), *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Success: no issues found in {len(files)} source files" in result.stdout, result.stdout


def test_pyright_strict_on_runtime_and_stubs() -> None:
    # pyproject.toml's [tool.pyright] is strict and targets Python 3.10.
    result = _run("-m", "pyright", "--outputjson", "interaction_spec", "stubs")
    report = json.loads(result.stdout)
    errors = [
        f"{entry['file']}:{entry['range']['start']['line'] + 1}: {entry['message']}"
        for entry in report["generalDiagnostics"]
        if entry["severity"] == "error"
    ]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["summary"]["filesAnalyzed"] == len(RUNTIME_MODULES) + len(STUBS)
