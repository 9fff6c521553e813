"""The terminal and JUnit reports and the progress line, on reports built by hand from real cases."""

from __future__ import annotations

import dataclasses
import io
import re
import typing
import xml.etree.ElementTree as ET

import pytest

from conformance.cases import ALL_CASES
from conformance.catalogue import Level
from conformance.catalogue import Origin
from conformance.catalogue import clause
from conformance.model import Mode
from conformance.reports import Progress
from conformance.reports import junit_xml
from conformance.reports import terminal_report
from conformance.runner import CaseResult
from conformance.runner import Outcome
from conformance.runner import RunReport

if typing.TYPE_CHECKING:
    from conformance.case import Case

_ANSI = re.compile(r"\033\[[0-9;]*m")
_STOPPED = "the target stopped answering during dispatch.route.command.guild: no reply to a signed PING within 5s"
_BOT = "needs an endpoint that implements the conformance bot: run with --bot against one (see bot.md)"
_LONG_DETAIL = (
    "the reply to the autocomplete interaction carried choices whose names exceeded the documented limit of "
    "one hundred characters, and Content-Type application/x-www-form-urlencoded instead of application/json"
)


def _cases(*, origin: Origin, level: Level, count: int, after: int = 0) -> list[Case]:
    chosen = [case for case in ALL_CASES if case.origin is origin and case.level is level][after : after + count]
    assert len(chosen) == count, f"the catalogue has fewer than {after + count} {level.value} {origin.value} cases"
    return chosen


def _result(case: Case, outcome: Outcome, detail: str = "", *, breach: str = "") -> CaseResult:
    if outcome is not Outcome.PASSED and not detail:
        detail = f"why {case.id} ended {outcome.value}"
    return CaseResult(case, outcome, detail, 0.001, breach=clause(breach) if breach else None)


def _report(
    results: typing.Iterable[CaseResult],
    *,
    strict: bool = False,
    bot: bool = False,
    interrupted: bool = False,
    mode: Mode = Mode.HTTP,
) -> RunReport:
    return RunReport("9.9.9", "http://127.0.0.1:8080/", mode, strict, tuple(results), bot=bot, interrupted=interrupted)


def _plain(text: str) -> list[str]:
    return _ANSI.sub("", text).splitlines()


def _tail(lines: list[str], heading: str) -> list[str]:
    """Return the lines from ``heading`` on: the summary after the table."""
    return lines[lines.index(heading) :]


def _mixed() -> RunReport:
    """A report with a result of every outcome, failures at every level and a target that died."""
    must = _cases(origin=Origin.DISCORD, level=Level.MUST, count=3)
    should = _cases(origin=Origin.DISCORD, level=Level.SHOULD, count=2)
    may = _cases(origin=Origin.HARDENING, level=Level.MAY, count=1)
    hardening = _cases(origin=Origin.HARDENING, level=Level.SHOULD, count=1)
    contract = _cases(origin=Origin.CONTRACT, level=Level.MUST, count=12)
    return _report(
        [
            _result(must[0], Outcome.PASSED),
            _result(must[1], Outcome.FAILED, "expected a 4xx reply, got 200"),
            _result(should[0], Outcome.FAILED, "expected 401, got 400"),
            _result(should[1], Outcome.FAILED, "the target answered 500", breach="robust.handled"),
            _result(may[0], Outcome.FAILED, "accepted a request signed an hour ago"),
            _result(hardening[0], Outcome.ERROR, "timed out after 5s"),
            _result(contract[0], Outcome.NOT_VERIFIED, _BOT),
            _result(contract[1], Outcome.SKIPPED, "does not apply in http mode"),
            *(_result(case, Outcome.NOT_RUN, _STOPPED) for case in contract[2:6]),
            *(_result(case, Outcome.DESELECTED, "left out by --only or --skip") for case in (must[2], *contract[6:])),
        ]
    )


def test_every_listed_outcome_has_its_label_before_the_case_id() -> None:
    declared = _cases(origin=Origin.HARDENING, level=Level.SHOULD, count=1, after=1)[0]
    unsupported = _result(declared, Outcome.UNSUPPORTED, "not supported by the target: no way to express it")
    report = _report([*_mixed().results, unsupported])
    lines = _plain(terminal_report(report, width=120))
    labels = {
        Outcome.PASSED: "PASS",
        Outcome.FAILED: "FAIL",
        Outcome.NOT_VERIFIED: "NOT VERIFIED",
        Outcome.SKIPPED: "SKIP",
        Outcome.ERROR: "ERROR",
        Outcome.NOT_RUN: "NOT RUN",
        Outcome.UNSUPPORTED: "UNSUPPORTED",
    }
    assert set(labels) == set(Outcome) - {Outcome.DESELECTED}
    for result in report.results:
        if result.outcome is Outcome.DESELECTED:
            continue
        rows = [line for line in lines if line.split()[-1:] == [result.case.id] or f" {result.case.id} " in line]
        assert any(row.lstrip().startswith(labels[result.outcome] + " ") for row in rows), result.case.id


def test_deselected_cases_are_counted_not_listed() -> None:
    report = _mixed()
    out = terminal_report(report, width=120)
    deselected = [result.case.id for result in report.results if result.outcome is Outcome.DESELECTED]
    assert len(deselected) == 7
    words = set(out.split())
    assert not words & set(deselected)
    assert "7 cases deselected by --only or --skip" in out


def test_a_stopped_target_is_reported_once_and_not_run_cases_by_id_only() -> None:
    report = _mixed()
    out = terminal_report(report, width=120)
    lines = _plain(out)
    assert out.count("stopped answering") == 1
    assert out.count("no reply to a signed PING") == 1
    assert "The target stopped answering during dispatch.route.command.guild" in out
    assert "; 4 cases were not run." in " ".join(out.split())
    not_run = [result.case.id for result in report.results if result.outcome is Outcome.NOT_RUN]
    for case_id in not_run:
        (index,) = (i for i, line in enumerate(lines) if line.split() == ["NOT", "RUN", case_id])
        assert not lines[index + 1].startswith("   "), f"a detail under {case_id}: {lines[index + 1]!r}"


def test_failures_are_listed_again_by_level_must_first() -> None:
    report = _mixed()
    tail = _tail(_plain(terminal_report(report, width=120)), "Failures by level:")
    failed = {result.case.id: result for result in report.results if result.outcome in (Outcome.FAILED, Outcome.ERROR)}

    def position(prefix: str) -> int:
        return next(i for i, line in enumerate(tail) if line.lstrip().startswith(prefix))

    headings = [position(f"{level.value}:") for level in Level]
    assert headings == sorted(headings)
    for case_id, result in failed.items():
        index = position(case_id)
        level_index = list(Level).index(result.level)
        assert headings[level_index] < index
        assert level_index == len(headings) - 1 or index < headings[level_index + 1]
    assert tail[position("MUST:")].split() == ["MUST:", "2"]
    assert "expected 401, got 400" in tail[position(next(i for i in failed if i.startswith("sig.status-401")))]


def test_a_breach_names_the_clause_and_level_it_counts_against() -> None:
    report = _mixed()
    breached = next(result for result in report.results if result.breach is not None)
    assert breached.case.level is Level.SHOULD
    lines = _plain(terminal_report(report, width=120))
    index = next(i for i, line in enumerate(lines) if line.split()[-3:-2] == [breached.case.id])
    assert "counts against robust.handled (MUST)" in "\n".join(lines[index : index + 3])
    tail = _tail(lines, "Failures by level:")
    must, should = tail.index("  MUST: 2"), next(i for i, line in enumerate(tail) if line.startswith("  SHOULD:"))
    row = next(i for i, line in enumerate(tail) if breached.case.id in line)
    assert must < row < should
    assert "[counts against robust.handled]" in tail[row]


def test_the_verdict_per_origin_names_failures_by_level() -> None:
    results = [_result(case, Outcome.PASSED) for case in _cases(origin=Origin.DISCORD, level=Level.MUST, count=2)]
    hardening = _cases(origin=Origin.HARDENING, level=Level.SHOULD, count=3)
    results += [_result(case, Outcome.FAILED, "no 413 before the body was read") for case in hardening]
    results.append(_result(_cases(origin=Origin.CONTRACT, level=Level.MUST, count=1)[0], Outcome.PASSED))
    lenient = _plain(terminal_report(_report(results), width=120))
    assert "Discord requirements: conformant; contract: conformant; hardening: 3 SHOULD failures" in lenient
    assert "http://127.0.0.1:8080/ is conformant (MUST only; --strict adds SHOULD and MAY)" in lenient
    strict = "\n".join(_plain(terminal_report(_report(results, strict=True), width=120)))
    assert "hardening: NOT conformant: 3 SHOULD failures" in strict
    assert "is NOT conformant (strict: MUST, SHOULD and MAY)" in strict


def test_partial_run_without_the_bot_says_to_run_with_it() -> None:
    contract = [
        dataclasses.replace(case, needs_bot=True) for case in _cases(origin=Origin.CONTRACT, level=Level.MUST, count=2)
    ]
    passed = [_result(case, Outcome.PASSED) for case in _cases(origin=Origin.DISCORD, level=Level.MUST, count=2)]
    results = [*passed, *(_result(case, Outcome.NOT_VERIFIED, _BOT) for case in contract)]
    out = " ".join(" ".join(_plain(terminal_report(_report(results), width=120))).split())
    assert "reference" not in out
    assert "is conformant (MUST only; --strict adds SHOULD and MAY) (partial: 2 cases not verified; run with --bot" in (
        out
    )
    assert "2 cases not verified; the most common reason (all of them): " + _BOT in out
    assert "contract: not verified (2 cases)" in out

    with_bot = [*passed, *(_result(case, Outcome.NOT_VERIFIED, "the endpoint answered 404") for case in contract)]
    out = " ".join(" ".join(_plain(terminal_report(_report(with_bot, bot=True), width=120))).split())
    assert "(http mode, with the conformance bot)" in out
    assert "(partial: 2 not verified)" in out
    assert "--bot against" not in out


def test_a_run_that_verified_nothing_or_was_interrupted_is_not_conformant() -> None:
    contract = _cases(origin=Origin.CONTRACT, level=Level.MUST, count=2)
    nothing = terminal_report(_report([_result(case, Outcome.NOT_VERIFIED, _BOT) for case in contract]), width=60)
    assert "http://127.0.0.1:8080/ is NOT conformant: no case was verified" in " ".join(nothing.split())
    interrupted = _report([_result(case, Outcome.PASSED) for case in contract], interrupted=True)
    text = " ".join(" ".join(_plain(terminal_report(interrupted, width=120))).split())
    assert "is NOT conformant: the run was interrupted" in text
    assert "(interrupted: " in text


def test_the_last_line_starts_with_the_counts() -> None:
    report = _mixed()
    last = terminal_report(report, width=60).rstrip("\n").splitlines()[-1]
    assert last.startswith("1 passed, 4 failed, 1 errors, 1 skipped, 1 not verified, 4 not run in ")
    assert last.endswith(": NOT conformant")
    everything_passed = _report([_result(case, Outcome.PASSED) for case in ALL_CASES], mode=Mode.IN_PROCESS)
    last = terminal_report(everything_passed).rstrip("\n").splitlines()[-1]
    assert last.startswith(f"{len(ALL_CASES)} passed, 0 failed, 0 errors, 0 skipped in ")
    assert last.endswith(": conformant")


def _painted(out: str, case_id: str) -> str:
    """Return the colour code of the label on ``case_id``'s row."""
    row = next(line for line in out.splitlines() if f" {case_id} " in line or line.endswith(f" {case_id}"))
    match = re.match(r"\s+\033\[([0-9;]+)m", row)
    assert match is not None, repr(row)
    return match.group(1)


def test_colours_tell_levels_and_outcomes_apart_and_only_when_asked() -> None:
    report = _mixed()
    out = terminal_report(report, colour=True, width=120)
    ids = {
        (result.outcome, result.level): result.case.id
        for result in report.results
        if result.outcome is not Outcome.DESELECTED and result.breach is None
    }
    must_failure = _painted(out, ids[Outcome.FAILED, Level.MUST])
    should_failure = _painted(out, ids[Outcome.FAILED, Level.SHOULD])
    may_failure = _painted(out, ids[Outcome.FAILED, Level.MAY])
    passed = _painted(out, ids[Outcome.PASSED, Level.MUST])
    error = _painted(out, ids[Outcome.ERROR, Level.SHOULD])
    assert len({must_failure, should_failure, may_failure, passed, error}) == 5
    assert _painted(out, ids[Outcome.NOT_VERIFIED, Level.MUST]) == _painted(out, ids[Outcome.NOT_RUN, Level.MUST])
    tail = out[out.index("Failures by level:") :]
    assert f"\033[{must_failure}mMUST\033[0m:" in tail
    assert f"\033[{should_failure}mSHOULD\033[0m:" in tail
    assert "\033" not in terminal_report(report, colour=False, width=120)


def test_lines_wrap_at_words_within_the_width() -> None:
    long_id = max((case for case in ALL_CASES), key=lambda case: len(case.id))
    results = [
        _result(long_id, Outcome.FAILED, _LONG_DETAIL),
        *(_result(case, Outcome.PASSED) for case in ALL_CASES[:20]),
    ]
    report = _report(results)
    out = terminal_report(report, colour=True, width=60)
    lines = _plain(out)
    assert max(len(line) for line in lines[:-1]) <= 60
    assert any(len(line) > 50 for line in lines[:-1])
    words = set(" ".join(lines).split())
    assert set(_LONG_DETAIL.split()) <= words
    assert {result.case.id for result in results} <= words
    assert {word for clause_ in {r.case.clause for r in results} for word in clause_.requirement.split()} <= words
    (detail,) = (i for i, line in enumerate(lines) if line.startswith("        the reply to the autocomplete"))
    assert lines[detail + 1].startswith(" " * 8) and lines[detail + 1][8] != " "
    summary = next(i for i, line in enumerate(lines) if line.startswith(f"    {long_id.id}:"))
    assert lines[summary + 1].startswith(" " * 6) and lines[summary + 1][6] != " "


def test_the_default_width_follows_the_terminal_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report([_result(case, Outcome.FAILED, _LONG_DETAIL) for case in ALL_CASES[:3]])
    monkeypatch.setenv("COLUMNS", "30")
    narrow = _plain(terminal_report(report))
    assert 30 < max(len(line) for line in narrow[:-1]) <= 60
    monkeypatch.setenv("COLUMNS", "500")
    wide = _plain(terminal_report(report))
    assert 100 < max(len(line) for line in wide[:-1]) <= 120


def _junit(report: RunReport) -> ET.Element:
    return ET.fromstring(junit_xml(report))


def test_junit_leaves_out_deselected_cases_and_skips_the_unverified() -> None:
    report = _mixed()
    suite = _junit(report)
    names = [case.get("name") for case in suite.iter("testcase")]
    deselected = {result.case.id for result in report.results if result.outcome is Outcome.DESELECTED}
    assert not deselected & set(names)
    assert suite.get("tests") == str(len(names)) == "12"
    # not verified 1 + skipped 1 + not run 4 + non-strict SHOULD/MAY failures 2 + the SHOULD error 1
    assert (suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("2", "0", "9")
    messages = {
        case.get("name"): skipped.get("message", "")
        for case in suite.iter("testcase")
        for skipped in case.iter("skipped")
    }
    not_run = next(result.case.id for result in report.results if result.outcome is Outcome.NOT_RUN)
    assert messages[not_run].startswith("not run: the target stopped answering")
    not_verified = next(result.case.id for result in report.results if result.outcome is Outcome.NOT_VERIFIED)
    assert messages[not_verified] == f"not verified: {_BOT}"


def test_junit_failure_names_the_breached_clause_and_the_properties_carry_verdicts() -> None:
    report = _mixed()
    suite = _junit(report)
    breached = next(result for result in report.results if result.breach is not None)
    case = next(case for case in suite.iter("testcase") if case.get("name") == breached.case.id)
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == "MUST: the target answered 500 (counts against robust.handled, a MUST clause)"
    assert failure.text == clause("robust.handled").requirement
    properties = {item.get("name"): item.get("value") for item in suite.iter("property")}
    assert properties["bot"] == "false"
    assert properties["partial"] == "true"
    assert properties["interrupted"] == "false"
    assert properties["stopped_by"] == _STOPPED
    assert properties["verdict.discord"] == "not conformant"
    assert properties["verdict.discord.failures"] == "MUST=2,SHOULD=1,MAY=0"
    assert properties["verdict.hardening"] == "conformant"
    assert properties["verdict.contract.not_verified"] == "1"
    contract = _cases(origin=Origin.CONTRACT, level=Level.MUST, count=2)
    unverified = _report(
        [_result(ALL_CASES[0], Outcome.PASSED), *(_result(case, Outcome.NOT_VERIFIED, _BOT) for case in contract)]
    )
    properties = {item.get("name"): item.get("value") for item in _junit(unverified).iter("property")}
    assert (properties["verdict.discord"], properties["verdict.contract"]) == ("conformant", "not verified")
    assert "verdict.hardening" not in properties


def test_junit_stays_valid_xml_whatever_the_detail() -> None:
    case = ALL_CASES[0]
    detail = "got b'\x00\x1b[31m' & <tag> \udcff"
    report = _report([_result(case, Outcome.FAILED, detail)], strict=True, mode=Mode.IN_PROCESS)
    failure = _junit(report).find("testcase/failure")
    assert failure is not None
    assert failure.get("message") == f"{case.level.value}: got b'\ufffd\ufffd[31m' & <tag> \ufffd"


class _NoDescriptor(io.StringIO):
    """A stream with no file descriptor, whose width cannot be asked."""

    def fileno(self) -> int:
        raise OSError("no file descriptor")


def test_progress_is_silent_when_disabled_or_before_its_delay() -> None:
    result = _result(ALL_CASES[0], Outcome.PASSED)
    for enabled, delay_s in ((False, 0.0), (True, 3600.0)):
        stream = io.StringIO()
        progress = Progress(3, stream, enabled=enabled, delay_s=delay_s)
        progress.advance(result)
        progress.finish()
        assert stream.getvalue() == ""


def test_progress_shows_done_total_and_section_then_clears_its_line() -> None:
    stream = io.StringIO()
    progress = Progress(3, stream, enabled=True, delay_s=0, width=200)
    progress.advance(_result(ALL_CASES[0], Outcome.PASSED))
    written = stream.getvalue()
    assert written == f"\r\033[K[1/3] Signature verification: {ALL_CASES[0].id}"
    progress.finish()
    assert stream.getvalue() == written + "\r\033[K"
    progress.finish()
    assert stream.getvalue() == written + "\r\033[K"


def test_progress_never_reaches_the_last_column() -> None:
    total = 10**100  # a line longer than any terminal
    for stream, width in ((io.StringIO(), 30), (_NoDescriptor(), None)):
        Progress(total, stream, enabled=True, delay_s=0, width=width).advance(_result(ALL_CASES[0], Outcome.PASSED))
        line = stream.getvalue().removeprefix("\r\033[K")
        assert line.startswith("[1/1000")
        assert len(line) == (width or 80) - 1
