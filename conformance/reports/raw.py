"""The raw evidence of ``--verbose``: every request a case sent and the reply, as they went over the wire.

What a maintainer needs to reproduce a finding without the suite: the
signature headers, the body, and what came back.
"""

from __future__ import annotations

__all__ = ("exchange_lines", "raw_exchanges")

import typing

if typing.TYPE_CHECKING:
    from conformance.model import Exchange
    from conformance.runner import CaseResult

_SHOWN_BYTES: typing.Final = 2000
"""The most bytes of one body shown; the rest is counted, not printed."""


def _body(body: bytes, size: int) -> str:
    shown = body[:_SHOWN_BYTES].decode("utf-8", errors="backslashreplace")
    more = size - min(len(body), _SHOWN_BYTES)
    return shown + (f"... ({more} more bytes)" if more > 0 else "")


def exchange_lines(exchange: Exchange) -> list[str]:
    """Return the lines of one exchange: the request (``>``: method, path, headers, body), then the reply (``<``)."""
    request = exchange.wire_request
    if request is None:
        lines = [f"> {exchange.request}"]
    else:
        lines = [f"> {request.method} {request.path} ({request.body_size} bytes)"]
        lines += [f"> {name}: {value}" for name, value in request.headers]
        lines.append(f"> {_body(request.body, request.body_size)}")
    reply = exchange.wire_reply
    if reply is None:
        return [*lines, f"< no reply: {exchange.error or 'none came back'}"]
    lines.append(f"< {reply.status} ({reply.body_size} bytes)")
    lines += [f"< {name}: {value}" for name, value in reply.headers]
    return [*lines, f"< {_body(reply.body, reply.body_size)}"] if reply.body_size else lines


def raw_exchanges(results: typing.Iterable[CaseResult]) -> str:
    """Return every case's requests (``>``) and replies (``<``), case by case, ending with a newline.

    Parameters
    ----------
    results : typing.Iterable[CaseResult]
        Results of a run that kept the exchanges' bytes (``Runner(evidence=EvidenceBudget())``).

    Returns
    -------
    str
        For each case: a heading with its ID and outcome, then each exchange.
        Bodies longer than 2000 bytes are cut, with the number of bytes left out.
    """
    lines: list[str] = []
    for result in results:
        if not result.evidence:
            continue
        lines.append(f"=== {result.case.id}: {result.outcome.value}" + (f": {result.detail}" if result.detail else ""))
        for exchange in result.evidence:
            lines += exchange_lines(exchange)
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
