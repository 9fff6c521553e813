"""The generated pages: docs/spec.md and docs/api.md must match what docs/generate.py renders from the code."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

import interaction_spec
from conformance.cases import ALL_CASES
from conformance.catalogue import CLAUSES

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOCS = _ROOT / "docs"
_GENERATOR = _DOCS / "generate.py"
_PAGES = ("spec.md", "api.md")

pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="docs/generate.py needs typing.get_overloads")


def _generate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(_GENERATOR), *args],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


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

    (tmp_path / "api.md").unlink()
    result = _generate("--check", "--out", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "spec.md" in lines[0]
    assert "api.md" in lines[1]
    assert "missing" in lines[1]

    assert _generate("--out", str(tmp_path)).returncode == 0
    assert _generate("--check", "--out", str(tmp_path)).returncode == 0


def test_check_does_not_write(tmp_path: pathlib.Path) -> None:
    (tmp_path / "spec.md").write_text("stale\n", encoding="utf-8")
    assert _generate("--check", "--out", str(tmp_path)).returncode == 1
    assert (tmp_path / "spec.md").read_text(encoding="utf-8") == "stale\n"
    assert not (tmp_path / "api.md").exists()


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


def test_spec_names_every_clause_and_case() -> None:
    spec = (_DOCS / "spec.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### `([^`]+)`$", spec, flags=re.MULTILINE))
    assert headings == {entry.id for entry in CLAUSES}
    listed = re.findall(r"^\| `([^`]+)` \|", spec, flags=re.MULTILINE)
    case_ids = [case.id for case in ALL_CASES]
    assert [case_id for case_id in listed if case_id in set(case_ids)] == case_ids
    for entry in CLAUSES:
        assert f"**{entry.level.value}**: " in spec


def test_api_names_every_public_name() -> None:
    api = (_DOCS / "api.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### `([^`]+)`$", api, flags=re.MULTILINE)
    public = [name for name in headings if not name.startswith("_")]
    assert sorted(public) == sorted(interaction_spec.__all__)
    assert len(public) == len(set(public))


def test_api_renders_every_overload() -> None:
    api = (_DOCS / "api.md").read_text(encoding="utf-8")
    for method in ("get_listener", "set_listener"):
        assert f"#### `InteractionServer.{method}`" in api
        assert api.count(f"@overload\ndef {method}(") == 4
