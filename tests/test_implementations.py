"""The matrix runner, ``python -m implementations``: its manifests, its errors, and the committed reports it made.

The runner itself is run here only on made-up implementations that fail fast; the real ones (the reference,
hikari and the Python and Node drivers) take minutes, so CI checks instead that the committed reports are
current: made by this suite, holding this suite's cases, one per column, with each driver's declarations.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import typing

import pytest

import interaction_spec
from conformance.cases import ALL_CASES
from conformance.model import Mode
from implementations import manifest

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_REPORTS = _ROOT / "docs" / "reports"


def _runner(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "implementations", *args],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _implementation(root: pathlib.Path, name: str, **fields: object) -> None:
    data: dict[str, object] = {
        "title": name,
        "library": name,
        "version": "1.0",
        "registry": "project",
        "start": ["python", "-c", "raise SystemExit(3)"],
        "path": "/",
        "modes": ["http"],
        **fields,
    }
    (root / name).mkdir()
    (root / name / "implementation.json").write_text(json.dumps(data), encoding="utf-8")


# --------------------------------------------------------------------------- the committed reports


def _committed() -> list[tuple[manifest.Implementation, Mode, dict[str, typing.Any]]]:
    runs: list[tuple[manifest.Implementation, Mode, dict[str, typing.Any]]] = []
    for implementation in manifest.discover():
        for mode_name in implementation.modes:
            path = _REPORTS / f"{implementation.slug}-{mode_name}.json"
            assert path.is_file(), f"{path.name} is missing: run python -m implementations --only {implementation.slug}"
            runs.append((implementation, Mode(mode_name), json.loads(path.read_text(encoding="utf-8"))))
    return runs


def test_every_implementation_folder_declares_what_the_runner_needs() -> None:
    implementations = manifest.discover()
    assert {
        "reference",
        "hikari",
        "discord-http",
        "discord-interactions-py",
        "flask-discord-interactions",
        "discord-hono",
        "dressed",
        "discohook",
    } <= {item.slug for item in implementations}
    for implementation in implementations:
        assert (implementation.workdir / "README.md").is_file() or (
            manifest.IMPLEMENTATIONS_DIR / implementation.slug / "README.md"
        ).is_file()
        if implementation.registry == "pypi":
            lines = (implementation.workdir / "requirements.txt").read_text(encoding="utf-8").splitlines()
            pins = [line.split(" ")[0] for line in lines if line and not line.startswith((" ", "#"))]
            assert pins, implementation.slug
            assert all("==" in pin for pin in pins), f"{implementation.slug}: every requirement is pinned with =="
        if implementation.registry == "npm":
            lock = json.loads((implementation.workdir / "package-lock.json").read_text(encoding="utf-8"))
            assert lock["lockfileVersion"] == 3, implementation.slug


def test_committed_reports_are_current_with_the_suite() -> None:
    for implementation, mode, report in _committed():
        where = f"{implementation.slug}-{mode.value}.json"
        assert report["suite_version"] == interaction_spec.__version__, f"{where}: made by another suite version"
        assert report["mode"] == mode.value, where
        assert {case["id"] for case in report["cases"]} == {case.id for case in ALL_CASES if mode in case.modes}, (
            f"{where}: its cases are not the suite's: rerun python -m implementations --only {implementation.slug}"
        )
        assert not any(case["outcome"] == "deselected" for case in report["cases"]), f"{where}: a partial selection"
        assert not report["interrupted"], where


def test_committed_reports_ran_the_conformance_bot_and_the_drivers_declarations() -> None:
    for implementation, mode, report in _committed():
        where = f"{implementation.slug}-{mode.value}.json"
        assert report["bot"] is (mode is Mode.HTTP), f"{where}: every HTTP column runs the conformance bot"
        if mode is Mode.IN_PROCESS:
            assert report["target"] == implementation.target, where
        declared = {
            case["id"]
            for case in report["cases"]
            for entry in implementation.unsupported
            if case["id"] == entry.cases or case["id"].startswith(entry.cases + ".")
        }
        unsupported = {case["id"] for case in report["cases"] if case["outcome"] == "unsupported"}
        assert unsupported == declared, f"{where}: the unsupported cases are exactly those the driver declares"


# --------------------------------------------------------------------------- manifests


def test_a_manifest_names_its_problem(tmp_path: pathlib.Path) -> None:
    _implementation(tmp_path, "broken", registry="cargo")
    with pytest.raises(manifest.ManifestError, match=r"implementation\.json: 'registry' must be one of"):
        manifest.discover(tmp_path)
    (tmp_path / "broken" / "implementation.json").write_text('{"title": 1}', encoding="utf-8")
    with pytest.raises(manifest.ManifestError, match="'registry' is missing"):
        manifest.discover(tmp_path)
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    _implementation(layouts, "labels", modal_layout="labels")
    with pytest.raises(manifest.ManifestError, match=r"'modal_layout' must be one of \['label', 'action-row'\]"):
        manifest.discover(layouts)
    (layouts / "labels" / "implementation.json").unlink()
    _implementation(layouts, "label", modal_layout="label")
    assert [item.modal_layout for item in manifest.discover(layouts)] == ["label"]


def test_a_manifest_resolves_its_workdir_and_unsupported_cases(tmp_path: pathlib.Path) -> None:
    _implementation(tmp_path, "shared")
    _implementation(
        tmp_path,
        "second",
        workdir="../shared",
        unsupported=[{"cases": "reply.files.bot", "reason": "no files"}],
    )
    second = manifest.load(tmp_path / "second" / "implementation.json")
    assert second.workdir == (tmp_path / "shared").resolve()
    assert second.unsupported == (manifest.Unsupported("reply.files.bot", "no files"),)
    assert [item.slug for item in manifest.discover(tmp_path)] == ["second", "shared"]
    assert manifest.discover(tmp_path / "none") == ()


# --------------------------------------------------------------------------- the command


def test_unknown_implementation_is_a_usage_error(tmp_path: pathlib.Path) -> None:
    result = _runner("--implementations", str(tmp_path), "--only", "nothing", "--no-matrix")
    assert result.returncode == 2
    assert result.stderr == f"python -m implementations: error: no implementation 'nothing' under {tmp_path}\n"
    result = _runner("--case", "ping.pong")
    assert result.returncode == 2
    assert result.stderr == "python -m implementations: error: --case needs --only NAME\n"


def test_a_failing_implementation_is_one_line_and_the_others_still_run(tmp_path: pathlib.Path) -> None:
    root, reports = tmp_path / "implementations", tmp_path / "reports"
    root.mkdir()
    reports.mkdir()
    _implementation(root, "a-dead-endpoint")
    _implementation(
        root,
        "b-bad-install",
        registry="npm",
        install=[["python", "-c", "raise SystemExit(1)"]],
        installed="node_modules",
    )
    _implementation(root, "c-reference", start=["python", str(_ROOT / "implementations" / "reference" / "serve.py")])
    result = _runner("--implementations", str(root), "--reports", str(reports), "--no-matrix")
    lines = result.stdout.splitlines()
    dead_log = root / ".logs" / "a-dead-endpoint.log"
    assert lines[0] == (
        f"a-dead-endpoint: FAILED TO RUN: the endpoint exited with 3 before listening on port "
        f"{lines[0].split('port ')[1].split(' ')[0]} (log: {dead_log})"
    )
    assert lines[1].startswith("b-bad-install: FAILED TO RUN: ")
    assert "exited with 1" in lines[1]
    assert lines[2].startswith("c-reference http: ")
    assert lines[2].endswith(": conformant")
    assert lines[3].startswith("1 of 3 implementations run in ")
    assert result.returncode == 1
    assert sorted(path.name for path in reports.iterdir()) == ["c-reference-http.json"]
    report = json.loads((reports / "c-reference-http.json").read_text(encoding="utf-8"))
    assert report["bot"] is True
    assert report["conformant"] is True
    assert "[runner] stopped: exit status" in (root / ".logs" / "c-reference.log").read_text(encoding="utf-8")
