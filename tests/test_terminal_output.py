"""What the command prints: short by default, every case with -v, one line with -q; and its messages on bad input."""

from __future__ import annotations

import itertools
import json
import pathlib
import subprocess
import sys
import typing

import pytest

import interaction_spec
from conformance.cases import ALL_CASES
from conformance.catalogue import Origin
from conformance.cli import main
from conformance.model import Mode
from conformance.reports import terminal_report
from conformance.reports.json_report import report_object
from conformance.reports.verdicts import origin_label
from conformance.runner import CaseResult
from conformance.runner import Outcome
from conformance.runner import RunReport
from conformance.signing import Signer
from conformance.static import checkers
from conformance.static.run import judge
from conformance.static.selection import select
from conformance.targets.hints import module_not_found_hint
from tests.endpoints import SEED
from tests.endpoints import black_box
from tests.endpoints import free_port
from tests.endpoints import serving

_PUBLIC_KEY: typing.Final = Signer(SEED).public_key.hex()


def test_an_endpoint_that_answers_500_gets_a_short_report_grouped_by_cause(tmp_path: pathlib.Path) -> None:
    port = free_port()
    command = ("-m", "tests.endpoints.mutants", "AnswersErrorsToInteractions", "--port", str(port))
    with serving(*command, "--public-key", _PUBLIC_KEY, port=port) as url:
        default = black_box(url, tmp_path / "default.json")
        verbose = black_box(url, tmp_path / "verbose.json", "-v")
        quiet = black_box(url, tmp_path / "quiet.json", "-q")
    assert default.returncode == verbose.returncode == quiet.returncode == 1
    lines = default.stdout.splitlines()
    assert len(lines) < 60, default.stdout
    cases = default.cases()
    handled = [case["id"] for case in cases if case["outcome"] == "failed" and case["level"] == "MUST"]
    assert len(handled) > 20
    assert all(case["counts_against"] == "robust.handled" for case in cases if case["id"] in handled)
    # the failures, each printed as it happened, are one cause: printed once, then recapped with a count
    assert lines[0] == f"interaction-conformance {interaction_spec.__version__}: target {url} (http mode)"
    live = [index for index, line in enumerate(lines) if line.startswith("FAIL ")]
    assert len(live) == 1
    assert lines[live[0]].startswith(f"FAIL MUST  {handled[0]} [counts against robust.handled]: ")
    recap = lines.index("Failures by level:")
    assert live[0] < recap
    assert lines[recap + 1] == f"  MUST: {len(handled)}"
    assert lines[recap + 2].startswith(f"    {len(handled)} cases of robust.handled: …got 500 (text/plain, ")
    block = " ".join(lines[recap + 2 : lines.index("", recap)])
    shown = [word.rstrip(",") for word in block.split() if word.rstrip(",") in handled]
    assert 0 < len(shown) < len(handled)
    assert f"… and {len(handled) - len(shown)} more (-v lists every case)" in block
    assert lines[-1].endswith(": NOT conformant")
    # -v lists every case that ran; -q prints the last line alone
    listed = [case for case in cases if case["outcome"] != "deselected"]
    assert len(verbose.stdout.splitlines()) > len(listed)
    assert all(f"  {case['id']}" in verbose.stdout for case in listed)
    assert quiet.stdout.count("\n") == 1
    assert quiet.stdout.split(" in ")[0] == lines[-1].split(" in ")[0]
    assert quiet.stdout.rstrip().endswith(": NOT conformant")


def _results(origin: Origin, outcomes: typing.Sequence[Outcome]) -> list[CaseResult]:
    cases = [case for case in ALL_CASES if case.origin is origin and Mode.HTTP in case.modes][: len(outcomes)]
    return [
        CaseResult(case, outcome, "" if outcome is Outcome.PASSED else "why", 0.0)
        for case, outcome in zip(cases, outcomes, strict=True)
    ]


def test_no_origin_is_called_conformant_when_its_cases_did_not_run() -> None:
    """Every mix of up to three outcomes in one origin: "conformant" only when cases ran and none was not run."""
    ran = {Outcome.PASSED, Outcome.FAILED, Outcome.ERROR}
    for size in (1, 2, 3):
        for outcomes in itertools.combinations_with_replacement(list(Outcome), size):
            results = _results(Origin.HARDENING, outcomes)
            report = RunReport("9", "http://127.0.0.1:1/", Mode.HTTP, False, tuple(results))
            verdicts = {verdict.origin: verdict for verdict in report.origin_verdicts()}
            if Origin.HARDENING not in verdicts:
                continue
            label = origin_label(verdicts[Origin.HARDENING], results)
            text = " ".join(terminal_report(report, width=120, listing=False).split())
            data = report_object(report)
            json_verdict = next(o for o in typing.cast("list[dict[str, typing.Any]]", data["origins"]))
            if Outcome.NOT_RUN in outcomes or not ran & set(outcomes):
                assert label.head != "conformant", outcomes
                assert "hardening: conformant" not in text, outcomes
                assert json_verdict["conformant"] is False or Outcome.NOT_RUN not in outcomes, outcomes
    never_answered = _results(Origin.HARDENING, [Outcome.NOT_RUN] * 3)
    report = RunReport("9", "http://127.0.0.1:1/", Mode.HTTP, False, tuple(never_answered))
    assert "hardening: not run (3 cases)" in " ".join(terminal_report(report, width=120).split())


@pytest.mark.parametrize(
    ("option", "typo", "guess"),
    [
        ("--only", "sig.rejct", "sig.reject"),
        ("--skip", "ping.pnog", "ping.pong"),
        ("--only", "sig.reject.pnig", "sig.reject.ping"),
    ],
)
def test_a_mistyped_prefix_is_answered_with_the_closest_one(
    option: str, typo: str, guess: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([option, typo]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"interaction-conformance: error: {option} {typo!r} matches no in-process case; did you mean {guess!r}? "
        "(see --list)\n"
    )


def test_a_target_module_python_cannot_find_names_the_fix(tmp_path: pathlib.Path) -> None:
    (tmp_path / "my_adapter.py").write_text("adapter = None\n", encoding="utf-8")
    missing = ModuleNotFoundError("No module named 'my_adapter'", name="my_adapter")
    here = module_not_found_hint("my_adapter", missing, tmp_path)
    assert "my_adapter.py is in this folder" in here
    assert "PYTHONPATH=. interaction-conformance" in here
    assert "python -m conformance" in here
    elsewhere = module_not_found_hint("my_adapter", missing, tmp_path / "nowhere")
    assert "run from the folder that holds my_adapter.py with PYTHONPATH=." in elsewhere
    dependency = ModuleNotFoundError("No module named 'aiohttp'", name="aiohttp")
    assert module_not_found_hint("my_adapter", dependency, tmp_path) == ""  # the target imports what is missing


@pytest.mark.parametrize("command", [[], ["typecheck"]])
def test_the_import_error_of_a_missing_target_module_says_how_python_finds_it(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    option = [] if command else ["--target"]
    assert main([*command, *option, "no_such_adapter_module:Adapter"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "No module named 'no_such_adapter_module'" in err
    assert "PYTHONPATH=." in err
    assert "python -m conformance" in err


def test_typecheck_failures_quote_the_case_line_not_installed_paths() -> None:
    files = select()
    negative = next(selected for selected in files if selected.name.startswith("negative/") and selected.cases)
    spec = negative.cases[0]
    [line] = spec.lines
    source_line = " ".join(negative.text.splitlines()[line - 1].split("# E:")[0].split())
    positive = next(selected for selected in files if selected.name.startswith("positive/") and selected.cases)
    accepted = positive.cases[0]
    rejected_line = min(accepted.lines)
    installed = "/work/venv/lib/python3.13/site-packages/interaction_spec/__init__.pyi"
    diagnostics = [
        checkers.Diagnostic("pyright", spec.file, line, "wrong listener", "reportArgumentType"),
        checkers.Diagnostic("mypy", accepted.file, rejected_line, f'No overload; see "{installed}"', "call-overload"),
    ]
    results = {result.case.id: result for result in judge(files, diagnostics)}
    assert results[spec.id].detail.startswith(f"mypy accepts {spec.file}:{line} `{source_line}` (")
    detail = results[accepted.id].detail
    quoted = " ".join(positive.text.splitlines()[rejected_line - 1].split())
    assert f"mypy rejects {accepted.file}:{rejected_line} `{quoted}`: " in detail
    assert "site-packages" not in detail
    assert '"interaction_spec/__init__.pyi"' in detail


def test_help_names_every_exit_status() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "conformance", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for status in ("0 conformant", "1 not conformant", "2 usage or target error", "130 interrupted"):
        assert status in text


def test_a_target_that_never_answered_gets_no_conformant_origin(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    url = f"http://127.0.0.1:{free_port()}/"
    status = main(["--url", url, "--signing-seed", SEED.hex(), "--no-preflight", "--no-color", "--json", str(path)])
    assert status == 1
    text = " ".join(capsys.readouterr().out.split())
    report = json.loads(path.read_text(encoding="utf-8"))
    not_run = sum(case["outcome"] == "not-run" and case["origin"] == "hardening" for case in report["cases"])
    assert not_run > 0
    not_verified = sum(case["outcome"] == "not-verified" and case["origin"] == "hardening" for case in report["cases"])
    expected = f"hardening: not run ({not_run} cases" + (f", {not_verified} not verified)" if not_verified else ")")
    assert expected in text
    assert ": conformant" not in text.replace("NOT conformant", "")
    assert all(not origin["conformant"] for origin in report["origins"])
