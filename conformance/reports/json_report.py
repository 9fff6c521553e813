"""The JSON report.

The format is stable: keys are only ever added, never renamed or removed. ::

    {
      "suite_version": "0.1.0",
      "target": "reference",
      "mode": "in-process",             # or "http"
      "strict": false,
      "conformant": true,
      "cases": [
        {"id": "sig.reject.ping.wrong-key", "clause": "sig.reject", "level": "MUST",
         "outcome": "passed", "detail": "", "duration_s": 0.00012}
      ]
    }

``outcome`` is one of ``passed``, ``failed``, ``skipped``, ``error``; ``detail``
says why a case did not pass and is empty when it did.
"""

from __future__ import annotations

__all__ = ("report_json", "report_object")

import json
import typing

if typing.TYPE_CHECKING:
    from conformance.runner import RunReport


def report_object(report: RunReport) -> dict[str, object]:
    """Return the report as JSON-ready data."""
    return {
        "suite_version": report.suite_version,
        "target": report.target,
        "mode": report.mode.value,
        "strict": report.strict,
        "conformant": report.conformant,
        "cases": [
            {
                "id": result.case.id,
                "clause": result.case.clause.id,
                "level": result.case.level.value,
                "outcome": result.outcome.value,
                "detail": result.detail,
                "duration_s": round(result.duration_s, 6),
            }
            for result in report.results
        ],
    }


def report_json(report: RunReport) -> str:
    """Return the report as indented JSON text, ending with a newline."""
    return json.dumps(report_object(report), indent=2, ensure_ascii=False) + "\n"
