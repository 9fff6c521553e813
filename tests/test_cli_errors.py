"""The command under bad targets and interruption: one line and exit 2, or a partial report and exit 130."""

from __future__ import annotations

import json
import pathlib
import signal
import subprocess
import sys
import time

import pytest

_REPO = pathlib.Path(__file__).resolve().parent.parent


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "conformance", *args]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def broken(:\n", "interaction-conformance: error: cannot import 'badtarget': syntax error at "),
        ("raise RuntimeError('no database')\n", "interaction-conformance: error: importing 'badtarget' raised "),
        ("import no_such_module_here\n", "interaction-conformance: error: cannot import 'badtarget' for target "),
    ],
)
def test_a_target_module_that_cannot_be_imported_exits_2_with_one_line(
    tmp_path: pathlib.Path, source: str, expected: str
) -> None:
    (tmp_path / "badtarget.py").write_text(source, encoding="utf-8")
    result = subprocess.run(
        _command("--target", "badtarget:Adapter"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": f"{tmp_path}:{_REPO}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stderr.startswith(expected), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_ctrl_c_writes_the_partial_report_and_exits_130(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "report.json"
    junit = tmp_path / "report.xml"
    process = subprocess.Popen(
        _command(
            "--target",
            "tests.faulty_targets:HangingAdapter",
            "--only",
            "ping,sig.accept",
            "--json",
            str(report),
            "--junit-xml",
            str(junit),
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=_REPO,
    )
    time.sleep(2.5)  # the suite is in its first case, which hangs for 5 s
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.strip().splitlines()[-1].startswith("interaction-conformance: interrupted after 0 of ")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["interrupted"] is True
    assert data["conformant"] is False
    assert {case["outcome"] for case in data["cases"]} == {"deselected"}
    assert junit.is_file()
    assert "interrupted" in stdout
