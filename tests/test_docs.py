"""The generated pages: docs/spec.md and docs/matrix.md must match what docs/generate.py renders.

spec.md is rendered from the clause catalogue and the cases, matrix.md from the JSON reports in docs/reports.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import pathlib
import re
import shutil
import subprocess
import sys
import types
import typing

import pytest

from conformance.cases import ALL_CASES
from conformance.catalogue import CLAUSES

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOCS = _ROOT / "docs"
_REPORTS = _DOCS / "reports"
_GENERATOR = _DOCS / "generate.py"
_PAGES = ("spec.md", "matrix.md")

_Edit: typing.TypeAlias = typing.Callable[[dict[str, typing.Any]], None]
"""A change made to a copy of a JSON report."""


def _generate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(_GENERATOR), *args],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@functools.cache
def _generator() -> types.ModuleType:
    """Import docs/generate.py, which is no package module, once."""
    spec = importlib.util.spec_from_file_location("docs_generate", _GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def _matrix_columns() -> tuple[tuple[str, str], ...]:
    return typing.cast("tuple[tuple[str, str], ...]", _generator().MATRIX_COLUMNS)


def _matrix_rows(matrix: str) -> dict[str, list[str]]:
    """Return the cells of the matrix table by the text of their first cell (clause ID or total's label)."""
    section = matrix.split("## The matrix", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| Clause |"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        first = re.sub(r"^\[`([^`]+)`\]\([^)]*\)$", r"\1", cells[0]).strip("*")
        rows[first] = cells[1:]
    return rows


def _copy_reports(tmp_path: pathlib.Path) -> pathlib.Path:
    reports = tmp_path / "reports"
    shutil.copytree(_REPORTS, reports)
    return reports


def _edit_report(path: pathlib.Path, edit: _Edit) -> None:
    report: dict[str, typing.Any] = json.loads(path.read_text(encoding="utf-8"))
    edit(report)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def _fail_first_case_of(clause_id: str) -> _Edit:
    def edit(report: dict[str, typing.Any]) -> None:
        case = next(case for case in report["cases"] if case["clause"] == clause_id)
        case["outcome"] = "failed"
        case["detail"] = "made to fail by tests/test_docs.py"

    return edit


# --------------------------------------------------------------------------- both pages


def test_committed_pages_are_up_to_date() -> None:
    result = _generate("--check")
    assert result.returncode == 0, f"stale docs, run python docs/generate.py:\n{result.stdout}{result.stderr}"
    assert result.stdout == ""


def test_check_names_each_stale_page(tmp_path: pathlib.Path) -> None:
    written = _generate("--out", str(tmp_path))
    assert written.returncode == 0, written.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(_PAGES)
    for name in _PAGES:
        assert (tmp_path / name).read_bytes() == (_DOCS / name).read_bytes(), f"{name} differs from the committed page"
    assert _generate("--check", "--out", str(tmp_path)).returncode == 0

    spec = tmp_path / "spec.md"
    spec.write_text(spec.read_text(encoding="utf-8").replace("MUST", "SHOULD", 1), encoding="utf-8")
    result = _generate("--check", "--out", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert "spec.md" in lines[0]
    assert "differs" in lines[0]

    (tmp_path / "matrix.md").unlink()
    result = _generate("--check", "--out", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "spec.md" in lines[0]
    assert "matrix.md" in lines[1]
    assert "missing" in lines[1]

    assert _generate("--out", str(tmp_path)).returncode == 0
    assert _generate("--check", "--out", str(tmp_path)).returncode == 0


def test_check_does_not_write(tmp_path: pathlib.Path) -> None:
    (tmp_path / "spec.md").write_text("stale\n", encoding="utf-8")
    assert _generate("--check", "--out", str(tmp_path)).returncode == 1
    assert (tmp_path / "spec.md").read_text(encoding="utf-8") == "stale\n"
    assert not (tmp_path / "matrix.md").exists()


def test_missing_output_directory_is_an_error(tmp_path: pathlib.Path) -> None:
    result = _generate("--check", "--out", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not a directory" in result.stderr


def test_pages_use_lf_newlines_only() -> None:
    for name in _PAGES:
        data = (_DOCS / name).read_bytes()
        assert b"\r" not in data, name
        assert data.endswith(b"\n")
        assert not data.endswith(b"\n\n")


def test_the_api_page_is_no_longer_generated() -> None:
    assert not (_DOCS / "api.md").exists(), "the API reference is rendered by mkdocstrings from docs/api/"


# --------------------------------------------------------------------------- spec.md


def test_spec_names_every_clause_and_case() -> None:
    spec = (_DOCS / "spec.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### `([^`]+)`$", spec, flags=re.MULTILINE))
    assert headings == {entry.id for entry in CLAUSES}
    listed = re.findall(r"^\| `([^`]+)` \|", spec, flags=re.MULTILINE)
    case_ids = [case.id for case in ALL_CASES]
    assert [case_id for case_id in listed if case_id in set(case_ids)] == case_ids
    for entry in CLAUSES:
        assert f"**{entry.level.value}**: " in spec


# --------------------------------------------------------------------------- matrix.md


def test_matrix_is_current() -> None:
    result = _generate("--check")
    assert "matrix.md" not in result.stdout, f"docs/matrix.md is stale, run python docs/generate.py:\n{result.stdout}"
    assert result.returncode == 0, result.stdout + result.stderr


def test_matrix_has_a_row_per_clause_and_a_column_per_report() -> None:
    matrix = (_DOCS / "matrix.md").read_text(encoding="utf-8")
    columns = _matrix_columns()
    assert [file for file, _ in columns] == [
        "reference-in-process.json",
        "reference-http.json",
        "hikari-in-process.json",
        "hikari-http.json",
    ]
    header = next(line for line in matrix.splitlines() if line.startswith("| Clause |"))
    assert header == "| " + " | ".join(["Clause", "Level", *(title for _, title in columns)]) + " |"
    for file, _ in columns:
        assert f"[{file}](reports/{file})" in matrix
    rows = _matrix_rows(matrix)
    clause_rows = [key for key in rows if "." in key]
    assert clause_rows == [entry.id for entry in CLAUSES]
    for entry in CLAUSES:
        level, *cells = rows[entry.id]
        assert level == entry.level.value
        assert len(cells) == len(columns)
        for cell in cells:
            assert re.fullmatch(r"✔ (\d+)/\1|✘ \d+/\d+(, \d+ errors?)?|— n/a", cell), (entry.id, cell)
    assert rows["Verdict"][1:] == ["✔ conformant", "✔ conformant", "✘ not conformant", "✘ not conformant"]
    assert rows["Strict verdict"][1:] == ["✔ conformant", "✔ conformant", "✘ not conformant", "✘ not conformant"]


def test_matrix_cells_count_the_reports_cases() -> None:
    rows = _matrix_rows((_DOCS / "matrix.md").read_text(encoding="utf-8"))
    for index, (file, _) in enumerate(_matrix_columns()):
        report = json.loads((_REPORTS / file).read_text(encoding="utf-8"))
        cases = report["cases"]
        for entry in CLAUSES:
            ran = [case for case in cases if case["clause"] == entry.id and case["outcome"] != "skipped"]
            passed = sum(case["outcome"] == "passed" for case in ran)
            cell = rows[entry.id][1 + index]
            expected = "— n/a" if not ran else f"{'✔' if passed == len(ran) else '✘'} {passed}/{len(ran)}"
            assert cell.split(",")[0] == expected, (file, entry.id)
        ran_total = sum(case["outcome"] != "skipped" for case in cases)
        passed_total = sum(case["outcome"] == "passed" for case in cases)
        assert rows["All cases"][1 + index].split(" ")[1].rstrip(",") == f"{passed_total}/{ran_total}", file


def test_modified_report_changes_the_matrix(tmp_path: pathlib.Path) -> None:
    reports = _copy_reports(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert _generate("--out", str(out), "--reports", str(reports)).returncode == 0
    assert (out / "matrix.md").read_bytes() == (_DOCS / "matrix.md").read_bytes()

    # A failed SHOULD case in a non-strict run: still conformant, no longer strictly.
    _edit_report(reports / "reference-in-process.json", _fail_first_case_of("sig.status-401"))
    result = _generate("--check", "--reports", str(reports))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert "matrix.md" in lines[0]
    assert "--reports" in lines[0]

    assert _generate("--out", str(out), "--reports", str(reports)).returncode == 0
    assert (out / "spec.md").read_bytes() == (_DOCS / "spec.md").read_bytes()
    rows = _matrix_rows((out / "matrix.md").read_text(encoding="utf-8"))
    committed = _matrix_rows((_DOCS / "matrix.md").read_text(encoding="utf-8"))
    assert committed["sig.status-401"][1] == "✔ 18/18"
    assert rows["sig.status-401"][1] == "✘ 17/18"
    assert rows["sig.status-401"][2:] == committed["sig.status-401"][2:]
    assert rows["Verdict"][1] == "✔ conformant"
    assert rows["Strict verdict"][1] == "✘ not conformant"
    assert rows["SHOULD cases"][1] == "✘ 19/20"

    # A failed MUST case: the column is no longer conformant.
    def fail_must(report: dict[str, typing.Any]) -> None:
        _fail_first_case_of("ping.pong")(report)
        report["conformant"] = False

    _edit_report(reports / "reference-http.json", fail_must)
    assert _generate("--out", str(out), "--reports", str(reports)).returncode == 0
    rows = _matrix_rows((out / "matrix.md").read_text(encoding="utf-8"))
    assert rows["ping.pong"][2] == "✘ 2/3"
    assert rows["Verdict"][2] == "✘ not conformant"
    assert rows["MUST cases"][2] == "✘ 62/63"


def _set(**changes: object) -> _Edit:
    def edit(report: dict[str, typing.Any]) -> None:
        report.update(changes)

    return edit


def _set_in_first_case(**changes: object) -> _Edit:
    def edit(report: dict[str, typing.Any]) -> None:
        report["cases"][0].update(changes)

    return edit


def _duplicate_first_case(report: dict[str, typing.Any]) -> None:
    report["cases"].append(dict(report["cases"][0]))


def _drop_strict(report: dict[str, typing.Any]) -> None:
    del report["strict"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set(conformant=False), "'conformant' is false, which its cases contradict"),
        (_set_in_first_case(clause="sig.nonexistent"), "does not belong to clause"),
        (
            _set_in_first_case(id="sig.nonexistent.x", clause="sig.nonexistent"),
            "clause sig.nonexistent is not in the catalogue",
        ),
        (_set_in_first_case(level="MAY"), "is MAY in the report but MUST in the catalogue"),
        (_set_in_first_case(outcome="maybe"), "unknown outcome 'maybe'"),
        (_duplicate_first_case, "more than once"),
        (_set(mode="carrier-pigeon"), "unknown mode 'carrier-pigeon'"),
        (_drop_strict, "'strict' is missing or not a JSON bool"),
    ],
)
def test_an_invalid_report_is_an_error(tmp_path: pathlib.Path, edit: _Edit, message: str) -> None:
    reports = _copy_reports(tmp_path)
    _edit_report(reports / "reference-in-process.json", edit)
    result = _generate("--check", "--reports", str(reports))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "reference-in-process.json" in result.stderr
    assert message in result.stderr


def test_a_missing_report_is_an_error(tmp_path: pathlib.Path) -> None:
    reports = _copy_reports(tmp_path)
    (reports / "hikari-http.json").unlink()
    result = _generate("--check", "--reports", str(reports))
    assert result.returncode == 2
    assert "hikari-http.json: no such report" in result.stderr

    (reports / "hikari-http.json").write_text("{not json", encoding="utf-8")
    result = _generate("--check", "--reports", str(reports))
    assert result.returncode == 2
    assert "hikari-http.json: not JSON" in result.stderr

    result = _generate("--check", "--reports", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not a directory" in result.stderr
