"""The interaction-conformance command: exit codes, reports and one-line errors."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import interaction_spec
from conformance import payloads
from conformance.cases import ALL_CASES
from conformance.cli import main
from conformance.model import Mode
from conformance.runner import select_cases

_MUTANT_TARGET = "tests.faulty_targets:BadStatusAdapter"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args], capture_output=True, text=True, timeout=600, check=False
    )


def test_no_arguments_runs_the_reference_and_exits_0() -> None:
    result = _run()
    assert result.returncode == 0, result.stderr
    last = result.stdout.rstrip().splitlines()[-1]
    in_process = len(select_cases(ALL_CASES, Mode.IN_PROCESS))
    assert last.startswith(f"{in_process} passed, 0 failed, 0 errors, 0 skipped in ")
    assert last.endswith(": conformant")
    assert "reference is conformant (MUST only; --strict adds SHOULD and MAY)" in " ".join(result.stdout.split())


def test_table_is_grouped_by_clause(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "ping", "--no-color", "-v"]) == 0
    out = capsys.readouterr().out
    assert "ping.pong  [MUST, discord]  4/4" in out
    assert out.count("  PASS  ping.pong.") == 4


def test_should_failure_exits_0_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--target", _MUTANT_TARGET, "--only", "sig", "-v"]) == 0
    assert "FAIL  sig.status-401.ping.bad-signature" in capsys.readouterr().out
    assert main(["--target", _MUTANT_TARGET, "--only", "sig", "--strict"]) == 1
    assert "NOT conformant" in capsys.readouterr().out


def test_must_failure_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--target", "tests.faulty_targets:RaisingAdapter", "--only", "robust.never-raises", "-v"]) == 1
    assert "FAIL  robust.never-raises.all-empty" in capsys.readouterr().out


def test_json_report_shape(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "report.json"
    assert main(["--only", "sig.reject.ping", "--json", str(path)]) == 0
    report = json.loads(path.read_text(encoding="utf-8"))
    assert set(report) >= {"suite_version", "target", "strict", "conformant", "cases"}
    assert (report["target"], report["strict"], report["conformant"], report["mode"]) == (
        "reference",
        False,
        True,
        "in-process",
    )
    selected = [case.id for case in select_cases(ALL_CASES, Mode.IN_PROCESS, only=("sig.reject.ping",))]
    ran = [case for case in report["cases"] if case["outcome"] != "deselected"]
    assert [case["id"] for case in ran] == selected
    for case in ran:
        assert set(case) >= {"id", "level", "origin", "outcome", "detail", "duration_s", "evidence"}
        assert case["level"] == "MUST" and case["outcome"] == "passed" and case["detail"] == ""
        assert isinstance(case["duration_s"], float) and case["duration_s"] >= 0
        assert [exchange["status"] for exchange in case["evidence"]] == [401]
    deselected = [case["id"] for case in report["cases"] if case["outcome"] == "deselected"]
    assert len(deselected) == len(select_cases(ALL_CASES, Mode.IN_PROCESS)) - len(selected)
    assert report["totals"]["outcomes"]["passed"] == len(selected)
    assert report["totals"]["levels"]["MUST"]["passed"] == len(selected)
    assert report["origins"] == [
        {
            "origin": "discord",
            "title": "Discord requirements",
            "conformant": True,
            "failures": {"MUST": 0, "SHOULD": 0, "MAY": 0},
            "not_verified": 0,
        }
    ]
    assert report["duration_s"] > 0


def test_junit_report(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "report.xml"
    assert (
        main(["--target", _MUTANT_TARGET, "--only", "sig.status-401.ping", "--junit-xml", str(path), "--strict"]) == 1
    )
    suite = ET.parse(path).getroot()
    count = str(len(select_cases(ALL_CASES, Mode.IN_PROCESS, only=("sig.status-401.ping",))))
    assert suite.tag == "testsuite" and suite.get("tests") == count and suite.get("failures") == count
    names = [case.get("name") for case in suite.iter("testcase")]
    assert "sig.status-401.ping.wrong-key" in names
    failure = next(suite.iter("failure"))
    assert failure.get("message", "").startswith("SHOULD: expected 401, got 400")


def test_junit_reports_non_strict_should_failures_as_skipped(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "report.xml"
    assert main(["--target", _MUTANT_TARGET, "--only", "sig.status-401.ping", "--junit-xml", str(path)]) == 0
    suite = ET.parse(path).getroot()
    count = str(len(select_cases(ALL_CASES, Mode.IN_PROCESS, only=("sig.status-401.ping",))))
    assert (suite.get("failures"), suite.get("skipped")) == ("0", count)


def test_list_prints_id_level_requirement(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list", "--only", "registry.conflict"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[:2] == ["registry.conflict.raises", "MUST"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "nope"], "unknown target 'nope'"),
        (["--target", "no_such_module:Adapter"], "cannot import 'no_such_module'"),
        (["--target", "conformance.targets:load_adapter"], "could not be called without arguments"),
        (["--target", "conformance.cli:EXIT_USAGE"], "gives int, not a conformance.adapter.Adapter"),
        (["--target", "conformance.cli:missing"], "has no attribute 'missing'"),
        (["--only", "sig.rej"], "--only 'sig.rej' matches no in-process case"),
        (["--only", "http.method"], "--only 'http.method' matches no in-process case"),
        (["--skip", "nothing"], "--skip 'nothing' matches no in-process case"),
        (["--only", "ping", "--skip", "ping"], "leaves no case to run"),
        (["--json", "/no/such/dir/report.json"], "does not exist"),
        (["--signing-seed", "zz"], "must be hexadecimal"),
        (["--signing-seed", "00"], "must be 64 hex characters"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--bot"], "--bot only applies to a black-box run (--url)"),
        (["--no-preflight"], "--no-preflight only applies to a black-box run (--url)"),
        (["--modal-layout", "label"], "--modal-layout only applies to a black-box run (--url)"),
        (["--url", "http://127.0.0.1:9/", "--modal-layout", "rows"], "argument --modal-layout: invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("interaction-conformance: error: ")
    assert message in lines[0]


def test_signing_seed_changes_the_key_but_not_the_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "sig.accept", "--signing-seed", "ab" * 32]) == 0
    count = len(select_cases(ALL_CASES, Mode.IN_PROCESS, only=("sig.accept",)))
    assert capsys.readouterr().out.rstrip().splitlines()[-1].startswith(f"{count} passed, 0 failed")


def test_console_script_is_installed() -> None:
    script = pathlib.Path(sys.executable).parent / "interaction-conformance"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("interaction-conformance ")


def test_unsupported_cases_are_not_run_never_passed_and_counted(tmp_path: pathlib.Path) -> None:
    path, junit = tmp_path / "report.json", tmp_path / "report.xml"
    args = ["--target", _MUTANT_TARGET, "--only", "sig", "--strict", "--no-color", "--json", str(path)]
    assert main([*args, "--unsupported", "sig.status-401=cannot choose its status", "--junit-xml", str(junit)]) == 0
    report = json.loads(path.read_text(encoding="utf-8"))
    declared = [case for case in report["cases"] if case["id"].startswith("sig.status-401.")]
    assert declared
    for case in declared:
        assert case["outcome"] == "unsupported"
        assert case["detail"] == "not supported by the target: cannot choose its status"
        assert case["evidence"] == []
    assert report["totals"]["outcomes"]["unsupported"] == len(declared)
    assert report["partial"] is True
    assert report["conformant"] is True, "an unsupported case is never counted against the target"
    suite = ET.parse(junit).getroot()
    skipped = [case for case in suite.iter("testcase") if case.get("name", "").startswith("sig.status-401.")]
    messages = {element.get("message") for case in skipped for element in case.iter("skipped")}
    assert messages == {"unsupported: not supported by the target: cannot choose its status"}


def test_unsupported_cases_show_in_the_terminal_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "ping", "--unsupported", "ping.pong.body=no reason needed here", "--no-color", "-v"]) == 0
    out = capsys.readouterr().out
    assert "  UNSUPPORTED  ping.pong.body" in out
    assert "partial: 1 unsupported by the target" in " ".join(out.split())
    assert out.rstrip().splitlines()[-1].startswith("3 passed, 0 failed, 0 errors, 0 skipped, 1 unsupported in ")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sig.status-401", "--unsupported takes PREFIX=REASON, not 'sig.status-401'"),
        ("sig.status-401=", "--unsupported takes PREFIX=REASON, not 'sig.status-401='"),
        ("=reason", "--unsupported takes PREFIX=REASON, not '=reason'"),
        ("nothing.here=reason", "--unsupported 'nothing.here' matches no in-process case (see --list)"),
    ],
)
def test_a_bad_unsupported_value_exits_2_with_one_line(value: str, message: str) -> None:
    result = _run("--unsupported", value)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_verbose_prints_every_raw_request_and_reply(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "ping.pong", "-vv", "--no-color"]) == 0
    out = capsys.readouterr().out
    raw = out[out.index("=== ") : out.index("\nping.pong  [MUST, discord]")]
    blocks = raw.strip().split("\n\n")
    pongs = [case.id for case in select_cases(ALL_CASES, Mode.IN_PROCESS, only=["ping.pong"])]
    assert [block.splitlines()[0] for block in blocks] == [f"=== {case_id}: passed" for case_id in pongs]
    first = blocks[0].splitlines()
    assert first[1] == f"> POST / ({len(payloads.PING.body())} bytes)"
    assert first[2:4] == [
        "> content-type: application/json",
        f"> user-agent: interaction-conformance/{interaction_spec.__version__}",
    ]
    assert first[4].startswith("> X-Signature-Ed25519: ")
    assert first[5].startswith("> X-Signature-Timestamp: ")
    assert first[6].startswith('> {"')
    assert first[7:] == ["< 200 (10 bytes)", "< content-type: application/json; charset=utf-8", '< {"type":1}']


def test_verbose_prints_the_raw_exchanges_of_the_cases_that_did_not_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--target", _MUTANT_TARGET, "--only", "sig.status-401.ping,ping.pong", "-v", "--no-color"]) == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line.startswith("=== ")]
    assert headings
    assert all(": failed: " in heading and heading.startswith("=== sig.status-401.ping.") for heading in headings)
    assert "  PASS  ping.pong.status" in out  # the table still lists every case
