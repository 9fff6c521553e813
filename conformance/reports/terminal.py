"""The terminal report: a table grouped by clause, the failures again by level, then the verdict.

The last line is the counts line, ``N passed, N failed, N errors, N skipped``
(then the not-verified, not-run and unsupported counts when there are any), the run's time
and the verdict in one word. It is never wrapped, so that CI can read it whole;
every other line is wrapped at word boundaries to the report's width.
"""

from __future__ import annotations

__all__ = ("failure_line", "run_header", "summary_line", "terminal_report")

import collections
import re
import shutil
import typing

from conformance.catalogue import Level
from conformance.model import Mode
from conformance.reports.causes import group_by_cause
from conformance.reports.verdicts import OUTCOME_LABELS
from conformance.reports.verdicts import origin_label
from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.catalogue import Clause
    from conformance.catalogue import Origin
    from conformance.reports.causes import Cause
    from conformance.runner import CaseResult
    from conformance.runner import OriginVerdict
    from conformance.runner import RunReport

_RED: typing.Final = "31"
_GREEN: typing.Final = "32"
_YELLOW: typing.Final = "33"
_MAGENTA: typing.Final = "35"
_CYAN: typing.Final = "36"
_GREY: typing.Final = "90"
_BOLD: typing.Final = "1"
_LEVEL_COLOURS: typing.Final = {Level.MUST: _RED, Level.SHOULD: _YELLOW, Level.MAY: _CYAN}
_OUTCOME_COLOURS: typing.Final = {
    Outcome.PASSED: _GREEN,
    Outcome.NOT_VERIFIED: _GREY,
    Outcome.SKIPPED: _GREY,
    Outcome.ERROR: _MAGENTA,
    Outcome.NOT_RUN: _GREY,
    Outcome.DESELECTED: _GREY,
    Outcome.UNSUPPORTED: _GREY,
}
_TIMED: typing.Final = frozenset({Outcome.PASSED, Outcome.FAILED, Outcome.NOT_VERIFIED, Outcome.ERROR})
_FAILING: typing.Final = frozenset({Outcome.FAILED, Outcome.ERROR})
_ANSI: typing.Final = re.compile(r"\033\[[0-9;]*m")
_MAX_WIDTH: typing.Final = 120
_MIN_WIDTH: typing.Final = 60
_MIN_TEXT: typing.Final = 30
"""By default, continuation lines align under their text only when this many columns remain for it."""
_FALLBACK_INDENT: typing.Final = 4
_DURATION_WIDTH: typing.Final = len(f"{0.0:8.1f} ms")


def _visible(text: str) -> int:
    return len(_ANSI.sub("", text))


class _Style:
    """Colours, when they are wanted."""

    __slots__ = ("enabled",)

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled

    def paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled and text else text

    def outcome_colour(self, result: CaseResult) -> str:
        return _LEVEL_COLOURS[result.level] if result.outcome is Outcome.FAILED else _OUTCOME_COLOURS[result.outcome]

    def label(self, result: CaseResult, width: int) -> str:
        text = OUTCOME_LABELS[result.outcome]
        return self.paint(text, self.outcome_colour(result)) + " " * (width - len(text))

    def level(self, level: Level) -> str:
        return self.paint(level.value, _LEVEL_COLOURS[level])

    def verdict(self, *, conformant: bool) -> str:
        return self.paint("conformant", _GREEN) if conformant else self.paint("NOT conformant", f"{_BOLD};{_RED}")


def _wrap(
    prefix: str, text: str | typing.Sequence[str], width: int, *, indent: int | None = None, min_text: int = _MIN_TEXT
) -> list[str]:
    """Return ``prefix`` followed by ``text``, wrapped to ``width`` at spaces.

    ``text`` is either a string or a sequence of phrases, each kept on one line
    when it fits on one. Continuation lines are indented by ``indent`` (default:
    under the start of ``text``), or by a few columns when that would leave
    fewer than ``min_text`` columns. A word longer than a line is never cut: it
    overflows.
    """
    indent = _visible(prefix) if indent is None else indent
    if width - indent < min_text:
        indent = min(indent, _FALLBACK_INDENT)
    phrases = [text] if isinstance(text, str) else list(text)
    lines: list[str] = []
    line, filled = prefix, False
    for phrase in phrases:
        words = phrase.split()
        size = sum(_visible(word) for word in words) + len(words) - 1
        if filled and _visible(line) + 1 + size > width and indent + size <= width:
            lines.append(line.rstrip())
            line, filled = " " * indent, False
        for word in words:
            separator = " " if filled else ""
            if _visible(line) + len(separator) + _visible(word) <= width:
                line, filled = line + separator + word, True
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = " " * indent
            line, filled = line + word, True
    lines.append(line.rstrip())
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _counts(report: RunReport) -> str:
    counts = [
        f"{report.count(Outcome.PASSED)} passed",
        f"{report.count(Outcome.FAILED)} failed",
        f"{report.count(Outcome.ERROR)} errors",
        f"{report.count(Outcome.SKIPPED)} skipped",
    ]
    counts += [
        f"{report.count(outcome)} {word}"
        for outcome, word in (
            (Outcome.NOT_VERIFIED, "not verified"),
            (Outcome.NOT_RUN, "not run"),
            (Outcome.UNSUPPORTED, "unsupported"),
        )
        if report.count(outcome)
    ]
    return ", ".join(counts)


def summary_line(report: RunReport) -> str:
    """Return the last line: the counts, the run's time and the verdict in a word.

    It starts ``N passed, N failed, N errors, N skipped``; the not-verified,
    not-run and unsupported counts follow when there are any.
    """
    seconds = report.duration_s or sum(result.duration_s for result in report.results)
    verdict = "conformant" if report.conformant else "NOT conformant"
    return f"{_counts(report)} in {seconds:.2f}s: {verdict}"


def _header(report: RunReport, width: int) -> list[str]:
    return run_header(report.target, report.mode, bot=report.bot, suite_version=report.suite_version, width=width)


def run_header(target: str, mode: Mode, *, bot: bool, suite_version: str, width: int | None = None) -> list[str]:
    """Return the first lines of a report: the suite's version, the target and how it is reached."""
    width = width if width is not None else _default_width()
    details = f"{mode.value} mode, with the conformance bot" if bot else f"{mode.value} mode"
    return _wrap(f"interaction-conformance {suite_version}: ", f"target {target} ({details})", width)


def _default_width() -> int:
    return min(_MAX_WIDTH, max(_MIN_WIDTH, shutil.get_terminal_size().columns))


def _runs(results: typing.Sequence[CaseResult]) -> list[list[CaseResult]]:
    """Split a clause's results into runs of consecutive non-passing results that say the same."""
    runs: list[list[CaseResult]] = []
    for result in results:
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and result.outcome is previous.outcome
            and result.outcome is not Outcome.PASSED
            and (result.detail, result.breach) == (previous.detail, previous.breach)
        ):
            runs[-1].append(result)
        else:
            runs.append([result])
    return runs


def _table(report: RunReport, listed: typing.Sequence[CaseResult], width: int, style: _Style) -> list[str]:
    """Return the table: each clause, then its cases, each not passing with its detail beneath."""
    label_width = max((len(OUTCOME_LABELS[result.outcome]) for result in listed), default=4)
    id_width = max((len(result.case.id) for result in listed), default=0)
    id_column = 2 + label_width + 2
    timed = id_column + id_width + 2 + _DURATION_WIDTH <= width
    by_clause: dict[Clause, list[CaseResult]] = {}
    for result in listed:
        by_clause.setdefault(result.case.clause, []).append(result)
    lines: list[str] = []
    for clause, results in by_clause.items():
        passed = sum(result.outcome is Outcome.PASSED for result in results)
        prefix = f"{clause.id}  [{clause.level.value}, {clause.origin.value}]  {passed}/{len(results)}  "
        lines += _wrap(prefix, clause.requirement, width, min_text=_MIN_WIDTH)
        for run in _runs(results):
            for result in run:
                label = f"  {style.label(result, label_width)}  "
                if timed and result.outcome in _TIMED and (result.duration_s or result.outcome is Outcome.PASSED):
                    lines.append(f"{label}{result.case.id:<{id_width}}  {result.duration_s * 1000:8.1f} ms")
                else:
                    lines += _wrap(label, result.case.id, width, indent=id_column)
            first = run[0]
            if first.outcome in (Outcome.PASSED, Outcome.NOT_RUN):
                continue
            detail = first.detail if len(run) == 1 else f"all {len(run)} above: {first.detail}"
            lines += _wrap(" " * id_column, detail, width)
            if first.breach is not None:
                lines += _wrap(" " * id_column, f"counts against {first.breach.id} ({first.level.value})", width)
    deselected = report.count(Outcome.DESELECTED)
    if deselected:
        lines += ["", *_wrap("", f"{_plural(deselected, 'case')} deselected by --only or --skip, not listed.", width)]
    return lines


_FOLDED_LINES: typing.Final = 2
"""The most lines of case IDs shown under one cause; the rest are counted."""


def _folded_ids(cause: Cause, width: int, *, listing: bool) -> list[str]:
    """Return the cause's case IDs, comma-separated and wrapped in at most `_FOLDED_LINES` lines, the rest counted."""
    ids = [result.case.id for result in cause.results]
    where = "listed above" if listing else "-v lists every case"
    for shown in range(len(ids), 0, -1):
        phrases = [f"{case_id}," for case_id in ids[: shown - 1]] + [ids[shown - 1]]
        if shown < len(ids):
            phrases += [f"… and {len(ids) - shown} more", f"({where})"]
        lines = _wrap("      ", phrases, width, indent=6)
        if len(lines) <= _FOLDED_LINES:
            return lines
    return _wrap("      ", f"{len(ids)} cases ({where})", width, indent=6)


def failure_line(result: CaseResult, *, colour: bool = False, width: int | None = None) -> str:
    """Return a failure as a run prints it when it happens: outcome, level, case ID and detail, wrapped."""
    width = width if width is not None else _default_width()
    style = _Style(enabled=colour)
    label = f"{style.label(result, len(OUTCOME_LABELS[result.outcome]))} {style.level(result.level)}  "
    name = result.case.id
    if result.breach is not None:
        name += f" [counts against {result.breach.id}]"
    return "\n".join(_wrap(label, f"{name}: {result.detail or '(no detail)'}", width, indent=4)) + "\n"


def _failures(report: RunReport, width: int, style: _Style, *, listing: bool) -> list[str]:
    """Return the failures and errors grouped by the level they count at, MUST first, then by cause."""
    causes = group_by_cause(report.results)
    if not causes:
        return []
    lines = ["", "Failures by level:"]
    for level in Level:
        mine = [cause for cause in causes if cause.level is level]
        if not mine:
            continue
        counted = "" if report.strict or level is Level.MUST else " (not counted without --strict)"
        total = sum(len(cause.results) for cause in mine)
        lines.append(f"  {style.level(level)}: {total}{counted}")
        for cause in sorted(mine, key=lambda cause: -len(cause.results)):
            first = cause.results[0]
            error = f" {style.paint('(error)', _MAGENTA)}" if cause.errors else ""
            if len(cause.results) == 1:
                name = first.case.id
                if first.breach is not None:
                    name += f" [counts against {first.breach.id}]"
                lines += _wrap("    ", f"{name}{error}: {first.detail or '(no detail)'}", width, indent=6)
                continue
            head = f"{len(cause.results)} cases of {cause.clause.id}{error}: {cause.detail or '(no detail)'}"
            lines += _wrap("    ", head, width, indent=6)
            lines += _folded_ids(cause, width, listing=listing)
    return lines


def _not_verified(report: RunReport, width: int) -> list[str]:
    reasons = collections.Counter(
        result.detail for result in report.results if result.outcome is Outcome.NOT_VERIFIED
    ).most_common()
    if not reasons:
        return []
    total = sum(count for _, count in reasons)
    reason, count = reasons[0]
    share = "all of them" if count == total else f"{count} of them"
    text = f"{_plural(total, 'case')} not verified; the most common reason ({share}): {reason or '(no detail)'}"
    return ["", *_wrap("", text, width, indent=2)]


def _origin_text(verdict: OriginVerdict, results: typing.Sequence[CaseResult], style: _Style) -> str:
    """Return the verdict on one origin in a few words: ``conformant``, ``3 SHOULD failures``, ``not run``, ..."""
    label = origin_label(verdict, results)
    colours = {"conformant": _GREEN, "not-conformant": f"{_BOLD};{_RED}", "not-judged": _GREY, "uncounted": ""}
    head = style.paint(label.head, colours[label.kind]) if colours[label.kind] else label.head
    return f"{head} ({', '.join(label.notes)})" if label.notes else head


def _origins(report: RunReport, width: int, style: _Style) -> list[str]:
    verdicts = report.origin_verdicts()
    if not verdicts:
        return []
    by_origin: dict[Origin, list[CaseResult]] = {}
    for result in report.results:
        by_origin.setdefault(result.origin, []).append(result)
    parts = [f"{v.origin.title}: {_origin_text(v, by_origin.get(v.origin, []), style)};" for v in verdicts]
    parts[-1] = parts[-1].rstrip(";")
    return _wrap("", parts, width, indent=2)


def _why_not(report: RunReport) -> str:
    """Return why a target with no counted failure is still not conformant."""
    if report.interrupted:
        return "the run was interrupted"
    if any(result.outcome is Outcome.NOT_RUN and result.level is Level.MUST for result in report.results):
        return "MUST cases were not run"
    if not any(result.outcome is not Outcome.NOT_VERIFIED for result in report.executed):
        return "no case was verified"
    return ""


def _verdict(report: RunReport, width: int, style: _Style) -> list[str]:
    strictness = "strict: MUST, SHOULD and MAY" if report.strict else "MUST only; --strict adds SHOULD and MAY"
    if report.mode is Mode.STATIC:
        strictness = "under mypy --strict and pyright strict"
    text = f"{report.target} is {style.verdict(conformant=report.conformant)}"
    counted = any(result.counts_against(strict=report.strict) for result in report.results)
    if not report.conformant and not counted and _why_not(report):
        text += f": {_why_not(report)}"
    lines = _wrap("", f"{text} ({strictness})", width, indent=2)
    notes: list[str] = []
    if report.partial:
        not_verified, not_run = report.count(Outcome.NOT_VERIFIED), report.count(Outcome.NOT_RUN)
        needs_bot = not report.bot and any(
            r.outcome is Outcome.NOT_VERIFIED and r.case.needs_bot for r in report.results
        )
        missing: list[str] = []
        if not_verified:
            missing.append(
                f"{_plural(not_verified, 'case')} not verified" if needs_bot else f"{not_verified} not verified"
            )
        if not_run:
            missing.append(f"{not_run} not run")
        unsupported = report.count(Outcome.UNSUPPORTED)
        if unsupported:
            missing.append(f"{unsupported} unsupported by the target")
        note = f"partial: {', '.join(missing)}"
        if needs_bot:
            note += "; run with --bot against an endpoint that implements the conformance bot to check them"
        notes.append(f"({note})")
    if report.interrupted:
        notes.append("(interrupted: the cases not reached are not in this report)")
    for note in notes:
        lines += _wrap("  ", note, width, indent=3)
    return lines


def terminal_report(
    report: RunReport, *, colour: bool = False, width: int | None = None, listing: bool = True, header: bool = True
) -> str:
    """Return the report as text for a terminal.

    Parameters
    ----------
    report : RunReport
        The run to report.
    colour : bool
        Colour outcomes, levels and the verdict with ANSI codes.
    width : int | None
        The width to wrap lines to; by default the terminal's, kept between
        60 and 120 columns. The last line, the counts, is never wrapped.
    listing : bool
        List every case in a table grouped by clause (``-v``); without it,
        only the failures grouped by cause and the verdicts.
    header : bool
        Start with the header (`run_header`); a run that printed it before
        its first case leaves it out.

    Returns
    -------
    str
        The header, the table grouped by clause, the failures grouped by
        level, the not-verified cases, the verdict per origin and overall, and
        the counts line; ending with a newline.
    """
    if width is None:
        width = _default_width()
    style = _Style(enabled=colour)
    listed = [result for result in report.results if result.outcome is not Outcome.DESELECTED]
    lines = _header(report, width) if header else []
    if listing:
        lines += ["", *_table(report, listed, width, style)]
    lines += _failures(report, width, style, listing=listing)
    lines += _not_verified(report, width)
    if report.stopped_by:
        stopped = report.stopped_by[:1].upper() + report.stopped_by[1:]
        not_run = report.count(Outcome.NOT_RUN)
        were = "case was" if not_run == 1 else "cases were"
        lines += ["", *_wrap("", f"{stopped}; {not_run} {were} not run.", width, indent=2)]
    lines += ["", *_origins(report, width, style), *_verdict(report, width, style), summary_line(report)]
    return "\n".join(lines) + "\n"
