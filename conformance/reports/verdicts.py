"""The verdict on one origin in words, shared by every report that shows it.

An origin is called conformant only when its cases were carried out: one whose
cases did not run, or could not be verified, is said to be so, never
"conformant".
"""

from __future__ import annotations

__all__ = ("OUTCOME_LABELS", "OriginLabel", "origin_label")

import dataclasses
import typing

from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.runner import CaseResult
    from conformance.runner import OriginVerdict


@dataclasses.dataclass(frozen=True, slots=True)
class OriginLabel:
    """The verdict on one origin: its head word, the counts that qualify it, and its kind for styling."""

    head: str
    """``conformant``, ``NOT conformant``, ``not run``, ``incomplete`` (some not run), ``not verified``, or the
    failures that do not count."""
    notes: tuple[str, ...]
    """``3 not verified``, ``34 not run``: what the verdict does not cover."""
    kind: typing.Literal["conformant", "not-conformant", "not-judged", "uncounted"]


OUTCOME_LABELS: typing.Final = {
    Outcome.PASSED: "PASS",
    Outcome.FAILED: "FAIL",
    Outcome.NOT_VERIFIED: "NOT VERIFIED",
    Outcome.SKIPPED: "SKIP",
    Outcome.ERROR: "ERROR",
    Outcome.NOT_RUN: "NOT RUN",
    Outcome.DESELECTED: "DESELECTED",
    Outcome.UNSUPPORTED: "UNSUPPORTED",
}
"""The word each outcome is shown with, in every human-readable report."""

_RAN: typing.Final = frozenset({Outcome.PASSED, Outcome.FAILED, Outcome.ERROR})


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def origin_label(verdict: OriginVerdict, results: typing.Sequence[CaseResult]) -> OriginLabel:
    """Return the verdict on one origin in words.

    Parameters
    ----------
    verdict : OriginVerdict
        The origin's verdict from `RunReport.origin_verdicts`.
    results : typing.Sequence[CaseResult]
        The results that count against the origin's clauses.
    """
    failures = ", ".join(_plural(count, f"{level.value} failure") for level, count in verdict.failures.items() if count)
    not_run = sum(result.outcome is Outcome.NOT_RUN for result in results)
    notes = tuple(
        f"{count} {word}" for count, word in ((verdict.not_verified, "not verified"), (not_run, "not run")) if count
    )
    if not any(result.outcome in _RAN for result in results):
        if not_run:
            return OriginLabel("not run", (_plural(not_run, "case"), *notes[:-1]), "not-judged")
        if verdict.not_verified:
            return OriginLabel("not verified", (_plural(verdict.not_verified, "case"),), "not-judged")
        unsupported = sum(result.outcome is Outcome.UNSUPPORTED for result in results)
        return OriginLabel("unsupported", (_plural(unsupported, "case"),), "not-judged")
    if not_run and not failures:
        return OriginLabel("incomplete", notes, "not-judged")
    if not verdict.conformant:
        return OriginLabel("NOT conformant" + (f": {failures}" if failures else ""), notes, "not-conformant")
    if failures:
        return OriginLabel(failures, notes, "uncounted")
    return OriginLabel("conformant", notes, "conformant")
