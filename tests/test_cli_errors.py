"""The command under bad targets and interruption: one line and exit 2, or a partial report and exit 130."""

from __future__ import annotations

import json
import pathlib
import queue
import signal
import subprocess
import sys
import threading
import typing

import pytest

from tests import faulty_targets

_REPO = pathlib.Path(__file__).resolve().parent.parent
_START_BOUND_S = 120.0
"""How long the command may take to start and reach its first case, on a machine as busy as it may be."""
_EXIT_BOUND_S = 60.0


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


_INTERRUPTIBLE = (
    "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('conformance', run_name='__main__', alter_sys=True)"
)
"""``python -m conformance`` as a terminal runs it: a background job or a CI runner may hand the test its
processes with SIGINT ignored, which the command would inherit and keep, as commands do."""


def _interruptible_command(*args: str) -> list[str]:
    return [sys.executable, "-c", _INTERRUPTIBLE, *args]


def _lines(stream: typing.IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


def test_ctrl_c_writes_the_partial_report_and_exits_130(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "report.json"
    junit = tmp_path / "report.xml"
    stdout = tmp_path / "stdout.txt"
    with stdout.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            _interruptible_command(
                "--target",
                "tests.faulty_targets:AnnouncedHangingAdapter",
                "--only",
                "ping,sig.accept",
                "--json",
                str(report),
                "--junit-xml",
                str(junit),
            ),
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            cwd=_REPO,
        )
        assert process.stderr is not None
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=_lines, args=(process.stderr, lines), daemon=True)
        reader.start()
        try:
            # Interrupt once the first case's request hangs in the target (however long the start took), well
            # inside the case's 5 s timeout: no case has ended, so none is in the partial report.
            first = lines.get(timeout=_START_BOUND_S)
            assert first.rstrip("\n") == faulty_targets.HANGING_NOTICE, first
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=_EXIT_BOUND_S) == 130
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=_EXIT_BOUND_S)
        reader.join(timeout=_EXIT_BOUND_S)
    stderr = list(lines.queue)
    assert stderr[-1].startswith("interaction-conformance: interrupted after 0 of "), stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["interrupted"] is True
    assert data["conformant"] is False
    assert {case["outcome"] for case in data["cases"]} == {"deselected"}
    assert junit.is_file()
    assert "interrupted" in stdout.read_text(encoding="utf-8")
