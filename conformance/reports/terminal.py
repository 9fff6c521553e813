"""The terminal report: one table grouped by clause, then one summary line."""

from __future__ import annotations

__all__ = ("summary_line", "terminal_report")

import itertools
import typing

from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.runner import RunReport

_LABELS: typing.Final = {
    Outcome.PASSED: "PASS",
    Outcome.FAILED: "FAIL",
    Outcome.SKIPPED: "SKIP",
    Outcome.ERROR: "ERROR",
}
_COLOURS: typing.Final = {Outcome.PASSED: "32", Outcome.FAILED: "31", Outcome.SKIPPED: "33", Outcome.ERROR: "35"}


def _label(outcome: Outcome, *, colour: bool) -> str:
    text = f"{_LABELS[outcome]:<5}"
    return f"\033[{_COLOURS[outcome]}m{text}\033[0m" if colour else text


def summary_line(report: RunReport) -> str:
    """Return the one-line verdict: counts, time and whether the target conforms."""
    counts = ", ".join(
        f"{report.count(outcome)} {word}"
        for outcome, word in (
            (Outcome.PASSED, "passed"),
            (Outcome.FAILED, "failed"),
            (Outcome.ERROR, "errors"),
            (Outcome.SKIPPED, "skipped"),
        )
    )
    seconds = sum(result.duration_s for result in report.results)
    verdict = "conformant" if report.conformant else "NOT conformant"
    strictness = "strict: MUST, SHOULD and MAY" if report.strict else "MUST only; --strict adds SHOULD and MAY"
    return f"{counts} in {seconds:.2f}s: {report.target} is {verdict} ({strictness})"


def terminal_report(report: RunReport, *, colour: bool = False) -> str:
    """Return the report as a table grouped by clause, each non-passing case with its detail."""
    width = max((len(result.case.id) for result in report.results), default=20)
    lines = [f"interaction-conformance {report.suite_version}: target {report.target} ({report.mode.value})", ""]
    for clause, group in itertools.groupby(report.results, key=lambda result: result.case.clause):
        results = list(group)
        passed = sum(result.outcome is Outcome.PASSED for result in results)
        lines.append(f"{clause.id}  [{clause.level.value}]  {passed}/{len(results)}  {clause.requirement}")
        for result in results:
            duration = f"{result.duration_s * 1000:8.1f} ms"
            lines.append(f"  {_label(result.outcome, colour=colour)} {result.case.id:<{width}} {duration}")
            if result.detail and result.outcome is not Outcome.PASSED:
                lines.append(f"        {result.detail}")
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"
