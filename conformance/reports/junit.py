"""The JUnit XML report: one ``testcase`` per case, its clause as the class name."""

from __future__ import annotations

__all__ = ("junit_xml",)

import typing
import xml.etree.ElementTree as ET

from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.runner import RunReport


def junit_xml(report: RunReport) -> str:
    """Return the report as JUnit XML text.

    A SHOULD or MAY case that failed in a non-strict run is reported as skipped
    with its detail, so that CI systems do not count it as a failure.
    """
    failures = sum(
        result.counts_against(strict=report.strict) and result.outcome is Outcome.FAILED for result in report.results
    )
    errors = sum(
        result.counts_against(strict=report.strict) and result.outcome is Outcome.ERROR for result in report.results
    )
    skipped = sum(
        result.outcome is Outcome.SKIPPED
        or (result.outcome in (Outcome.FAILED, Outcome.ERROR) and not result.counts_against(strict=report.strict))
        for result in report.results
    )
    suite = ET.Element(
        "testsuite",
        {
            "name": f"interaction-conformance[{report.target}]",
            "tests": str(len(report.results)),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": str(skipped),
            "time": f"{sum(result.duration_s for result in report.results):.6f}",
        },
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("suite_version", report.suite_version),
        ("target", report.target),
        ("mode", report.mode.value),
        ("strict", str(report.strict).lower()),
        ("conformant", str(report.conformant).lower()),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    for result in report.results:
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": result.case.clause.id, "name": result.case.id, "time": f"{result.duration_s:.6f}"},
        )
        message = f"{result.case.level.value}: {result.detail}"
        if result.outcome is Outcome.SKIPPED:
            ET.SubElement(case, "skipped", {"message": result.detail})
        elif result.outcome in (Outcome.FAILED, Outcome.ERROR) and not result.counts_against(strict=report.strict):
            ET.SubElement(case, "skipped", {"message": f"{message} (not required in a non-strict run)"})
        elif result.outcome is Outcome.FAILED:
            ET.SubElement(case, "failure", {"message": message}).text = result.case.clause.requirement
        elif result.outcome is Outcome.ERROR:
            ET.SubElement(case, "error", {"message": message}).text = result.case.clause.requirement
    ET.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
