"""The JUnit XML report: one ``testcase`` per selected case, its clause as the class name.

Cases left out by ``--only`` or ``--skip`` are not in it. Cases that were not
verified, not run, declared unsupported or do not apply in the mode are ``skipped``, with why as the
message; so are SHOULD and MAY failures of a non-strict run, so that CI does
not count them. The suite's ``properties`` carry the run's settings and its
verdicts: overall (``conformant``, ``partial``) and per origin touched
(``verdict.discord``, ``verdict.contract``, ``verdict.hardening``: ``conformant``,
``not conformant``, or, when its cases were not all carried out, ``not verified``,
``not run``, ``incomplete`` or ``unsupported``; with ``.failures`` by level and
``.not_verified``).
"""

from __future__ import annotations

__all__ = ("junit_xml",)

import re
import typing
import xml.etree.ElementTree as ET

from conformance.reports.verdicts import origin_label
from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.runner import CaseResult
    from conformance.runner import RunReport

_NOT_XML: typing.Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry, even escaped."""
_IDLE: typing.Final = frozenset({Outcome.SKIPPED, Outcome.NOT_VERIFIED, Outcome.NOT_RUN, Outcome.UNSUPPORTED})


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _message(result: CaseResult) -> str:
    """Return the level the result counts at, its detail and, for a breach, the clause it counts against."""
    message = f"{result.level.value}: {result.detail}"
    if result.breach is not None:
        message += f" (counts against {result.breach.id}, a {result.level.value} clause)"
    return _xml_text(message)


def _skip_message(result: CaseResult) -> str:
    if result.outcome is Outcome.NOT_VERIFIED:
        return _xml_text(f"not verified: {result.detail}")
    if result.outcome is Outcome.NOT_RUN:
        return _xml_text(f"not run: {result.detail}")
    if result.outcome is Outcome.UNSUPPORTED:
        return _xml_text(f"unsupported: {result.detail}")
    return _xml_text(result.detail)


def _properties(report: RunReport) -> list[tuple[str, str]]:
    properties = [
        ("suite_version", report.suite_version),
        ("target", report.target),
        ("mode", report.mode.value),
        ("strict", str(report.strict).lower()),
        ("bot", str(report.bot).lower()),
        ("conformant", str(report.conformant).lower()),
        ("partial", str(report.partial).lower()),
        ("interrupted", str(report.interrupted).lower()),
        ("stopped_by", report.stopped_by),
    ]
    for verdict in report.origin_verdicts():
        name = f"verdict.{verdict.origin.value}"
        failures = ",".join(f"{level.value}={count}" for level, count in verdict.failures.items())
        label = origin_label(verdict, [result for result in report.results if result.origin is verdict.origin])
        word = {"conformant": "conformant", "uncounted": "conformant", "not-conformant": "not conformant"}.get(
            label.kind, label.head
        )
        properties += [
            (name, word),
            (f"{name}.failures", failures),
            (f"{name}.not_verified", str(verdict.not_verified)),
        ]
    return properties


def junit_xml(report: RunReport) -> str:
    """Return the report as JUnit XML text.

    A SHOULD or MAY case that failed in a non-strict run is reported as skipped
    with its detail, so that CI systems do not count it as a failure.
    """
    results = [result for result in report.results if result.outcome is not Outcome.DESELECTED]
    counted = [result for result in results if result.counts_against(strict=report.strict)]
    failures = sum(result.outcome is Outcome.FAILED for result in counted)
    errors = sum(result.outcome is Outcome.ERROR for result in counted)
    skipped = sum(
        result.outcome in _IDLE
        or (result.outcome in (Outcome.FAILED, Outcome.ERROR) and not result.counts_against(strict=report.strict))
        for result in results
    )
    suite = ET.Element(
        "testsuite",
        {
            "name": _xml_text(f"interaction-conformance[{report.target}]"),
            "tests": str(len(results)),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": str(skipped),
            "time": f"{sum(result.duration_s for result in results):.6f}",
        },
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in _properties(report):
        ET.SubElement(properties, "property", {"name": name, "value": _xml_text(value)})
    for result in results:
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": result.case.clause.id, "name": result.case.id, "time": f"{result.duration_s:.6f}"},
        )
        if result.outcome in _IDLE:
            ET.SubElement(case, "skipped", {"message": _skip_message(result)})
        elif result.outcome in (Outcome.FAILED, Outcome.ERROR) and not result.counts_against(strict=report.strict):
            ET.SubElement(case, "skipped", {"message": f"{_message(result)} (not required in a non-strict run)"})
        elif result.outcome in (Outcome.FAILED, Outcome.ERROR):
            tag = "failure" if result.outcome is Outcome.FAILED else "error"
            ET.SubElement(case, tag, {"message": _message(result)}).text = result.clause.requirement
    ET.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
