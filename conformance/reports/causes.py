"""Failures that share a cause: the same clause, at the same level, with the same detail pattern.

A target that answers 500 to every command fails dozens of cases for one
reason; the reports say that reason once, with the number of cases and their
IDs folded, rather than once per case. The pattern of a detail is what follows
its first ``" got "`` (the case-specific label before it differs from case to
case), or the whole detail when it has none.
"""

from __future__ import annotations

__all__ = ("Cause", "CauseFeed", "cause_key", "group_by_cause")

import dataclasses
import typing

from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.catalogue import Clause
    from conformance.catalogue import Level
    from conformance.runner import CaseResult

_FAILING: typing.Final = frozenset({Outcome.FAILED, Outcome.ERROR})
_GOT: typing.Final = " got "


def _pattern(detail: str) -> str:
    index = detail.find(_GOT)
    return detail[index + 1 :] if index > 0 else detail


def cause_key(result: CaseResult) -> tuple[str, Level, Outcome, str]:
    """Return what two failures must share to have one cause: clause, level, outcome and detail pattern."""
    return result.clause.id, result.level, result.outcome, _pattern(result.detail)


@dataclasses.dataclass(frozen=True, slots=True)
class Cause:
    """Failures with one cause, in the order they ran."""

    results: tuple[CaseResult, ...]

    @property
    def clause(self) -> Clause:
        """The clause they count against."""
        return self.results[0].clause

    @property
    def level(self) -> Level:
        """The level they count at."""
        return self.results[0].level

    @property
    def errors(self) -> bool:
        """Whether they are errors (the case could not be carried out) rather than failures."""
        return self.results[0].outcome is Outcome.ERROR

    @property
    def detail(self) -> str:
        """The detail they share: the whole of it when every case says the same, else its pattern after ``…``."""
        details = {result.detail for result in self.results}
        first = self.results[0].detail
        return first if len(details) == 1 else "…" + _pattern(first)


def group_by_cause(results: typing.Iterable[CaseResult]) -> list[Cause]:
    """Return the failures and errors among ``results`` grouped by cause, in the order each cause first occurred."""
    groups: dict[tuple[str, Level, Outcome, str], list[CaseResult]] = {}
    for result in results:
        if result.outcome in _FAILING:
            groups.setdefault(cause_key(result), []).append(result)
    return [Cause(tuple(group)) for group in groups.values()]


class CauseFeed:
    """Tells, as results arrive, which failures are the first of their cause: those a run prints as they happen."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: set[tuple[str, Level, Outcome, str]] = set()

    def first_of_cause(self, result: CaseResult) -> bool:
        """Return whether ``result`` is a failure or error whose cause no earlier result had."""
        if result.outcome not in _FAILING:
            return False
        key = cause_key(result)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True
