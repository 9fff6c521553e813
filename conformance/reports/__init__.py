"""The suite's report formats: terminal table, JSON, JUnit XML, HTML, and the raw exchanges of ``-vv``."""

from __future__ import annotations

__all__ = (
    "CauseFeed",
    "Progress",
    "failure_line",
    "html_report",
    "junit_xml",
    "raw_exchanges",
    "report_json",
    "run_header",
    "summary_line",
    "terminal_report",
)

from conformance.reports.causes import CauseFeed
from conformance.reports.html import html_report
from conformance.reports.json_report import report_json
from conformance.reports.junit import junit_xml
from conformance.reports.progress import Progress
from conformance.reports.raw import raw_exchanges
from conformance.reports.terminal import failure_line
from conformance.reports.terminal import run_header
from conformance.reports.terminal import summary_line
from conformance.reports.terminal import terminal_report
