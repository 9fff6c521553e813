"""The JSON report.

The format is stable: keys are only ever added, never renamed or removed. ::

    {
      "suite_version": "0.3.0",
      "target": "reference",
      "mode": "in-process",             # or "http"
      "strict": false,
      "bot": false,                     # --bot: the conformance bot's replies were checked
      "conformant": true,
      "partial": false,                 # some cases not verified, not run or unsupported
      "interrupted": false,
      "stopped_by": "",                 # why the rest was not run, when the target stopped answering
      "signing_seed": "000102...1f",    # the seed the run signed with (a test key), for replay; or null
      "evidence_bytes": {"bound": 8388608, "kept": 120344, "cut_bodies": 2},  # or null: no bytes kept
      "duration_s": 0.31,
      "totals": {"outcomes": {"passed": 170, ...}, "levels": {"MUST": {"passed": 150, ...}, ...}},
      "origins": [{"origin": "discord", "title": "Discord requirements", "conformant": true,
                   "failures": {"MUST": 0, "SHOULD": 0, "MAY": 0}, "not_verified": 0}],
      "cases": [
        {"id": "sig.reject.ping.wrong-key", "clause": "sig.reject", "level": "MUST", "origin": "discord",
         "outcome": "passed", "detail": "", "duration_s": 0.00012,
         "counts_against": null,        # a failure breaching another clause names it: "robust.handled"
         "evidence": [{"request": "POST of 10 bytes", "status": 401, "callback_type": null,
                       "elapsed_s": 0.0003, "error": "", "channel": "http", "rest": [],
                       "sent": {...}, "reply": {...}}]}
      ]
    }

``sent`` and ``reply`` are the exchange's exact bytes (`conformance.evidence`):
the request's method, path, headers, body and when it was sent; the reply's
status, headers and body (``reply`` is null when none came back). Bodies are
text or base64, with their whole size and the bytes kept: past the run's bound
(``evidence_bytes``) a body is kept cut.

``outcome`` is one of ``passed``, ``failed``, ``not-verified``, ``skipped``
(does not apply in this mode), ``error``, ``not-run`` (the target had stopped
answering), ``deselected`` (left out by ``--only`` or ``--skip``) and
``unsupported`` (not run: the run declared that the target cannot express what
the case checks, with ``--unsupported``; never passed); ``detail``
says why a case did not pass and is empty when it did. In ``evidence``,
``channel`` is where the interaction's initial response came (``http``, or
``rest`` for a REST callback the Discord API double received) and ``rest``
lists the REST requests the double received for it. ``level`` is the level a
result counts at: that of ``counts_against`` when set, else the case's clause's.
"""

from __future__ import annotations

__all__ = ("report_json", "report_object", "without_timings")

import json
import typing

from conformance.catalogue import Level
from conformance.evidence import reply_object
from conformance.evidence import request_object
from conformance.runner import Outcome

if typing.TYPE_CHECKING:
    from conformance.model import Exchange
    from conformance.runner import CaseResult
    from conformance.runner import RunReport


_CLOCKED: typing.Final = frozenset({"elapsed_s", "sent", "reply"})


def _case_object(result: CaseResult) -> dict[str, object]:
    return {
        "id": result.case.id,
        "clause": result.case.clause.id,
        "level": result.level.value,
        "origin": result.origin.value,
        "outcome": result.outcome.value,
        "detail": result.detail,
        "duration_s": round(result.duration_s, 6),
        "counts_against": result.breach.id if result.breach is not None else None,
        "evidence": [_exchange_object(exchange) for exchange in result.evidence],
    }


def _exchange_object(exchange: Exchange) -> dict[str, object]:
    return {
        "request": exchange.request,
        "status": exchange.status,
        "callback_type": exchange.callback_type,
        "elapsed_s": round(exchange.elapsed_s, 6),
        "error": exchange.error,
        "channel": exchange.channel,
        "rest": [
            {"method": call.method, "path": call.path, "status": call.status, "route": call.route}
            for call in exchange.rest
        ],
        "sent": request_object(exchange.wire_request) if exchange.wire_request is not None else None,
        "reply": reply_object(exchange.wire_reply) if exchange.wire_reply is not None else None,
    }


def _evidence_bytes(report: RunReport) -> dict[str, int] | None:
    budget = report.evidence
    if budget is None:
        return None
    return {"bound": budget.bound_bytes, "kept": budget.kept_bytes, "cut_bodies": budget.cut_bodies}


def _totals(report: RunReport) -> dict[str, object]:
    return {
        "outcomes": {outcome.value: report.count(outcome) for outcome in Outcome},
        "levels": {
            level.value: {
                outcome.value: sum(r.outcome is outcome and r.level is level for r in report.results)
                for outcome in Outcome
            }
            for level in Level
        },
    }


def report_object(report: RunReport) -> dict[str, object]:
    """Return the report as JSON-ready data."""
    return {
        "suite_version": report.suite_version,
        "target": report.target,
        "mode": report.mode.value,
        "strict": report.strict,
        "bot": report.bot,
        "conformant": report.conformant,
        "partial": report.partial,
        "interrupted": report.interrupted,
        "stopped_by": report.stopped_by,
        "signing_seed": report.signing_seed.hex() if report.signing_seed is not None else None,
        "evidence_bytes": _evidence_bytes(report),
        "duration_s": round(report.duration_s, 3),
        "totals": _totals(report),
        "origins": [
            {
                "origin": verdict.origin.value,
                "title": verdict.origin.title,
                "conformant": verdict.conformant,
                "failures": {level.value: count for level, count in verdict.failures.items()},
                "not_verified": verdict.not_verified,
            }
            for verdict in report.origin_verdicts()
        ],
        "cases": [_case_object(result) for result in report.results],
    }


def report_json(report: RunReport) -> str:
    """Return the report as indented JSON text, ending with a newline."""
    return json.dumps(report_object(report), indent=2, ensure_ascii=False) + "\n"


def without_timings(data: typing.Mapping[str, object]) -> dict[str, object]:
    """Return report data without its wall-clock figures, so that two runs can be compared.

    The exact bytes go too: signatures, timestamps and a reply's ``date`` header follow the clock.
    """
    stripped = {key: value for key, value in data.items() if key not in ("duration_s", "evidence_bytes")}
    cases = typing.cast("list[dict[str, object]]", data["cases"])
    stripped["cases"] = [
        {
            **{key: value for key, value in case.items() if key != "duration_s"},
            "evidence": [
                {key: value for key, value in exchange.items() if key not in _CLOCKED}
                for exchange in typing.cast("list[dict[str, object]]", case["evidence"])
            ],
        }
        for case in cases
    ]
    return stripped
